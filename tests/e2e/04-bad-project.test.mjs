// Scenario 4: asked to open a file that is not a Claimcoder project (here a text file), the app
// says so clearly instead of dying, and leaves the file exactly as it was.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { withScenario, sha256, waitUntil } from './lib/harness.mjs';
import * as ui from './lib/app.mjs';

const NOT_A_PROJECT = 'Shopping list\n- milk\n- 🍞 bread\nThis is a text file, not a SQLite database.\n';

test('a file that is not a project: a clear error, the app keeps running, the file is unchanged', { timeout: 120_000 }, async (t) => {
  let file;
  let before;
  const env = (sc) => {
    file = path.join(sc.dir, 'notes.claimcoder');
    fs.writeFileSync(file, NOT_A_PROJECT, 'utf8');
    before = { sha: sha256(file), size: fs.statSync(file).size };
    return { CLAIMCODER_PROJECT: file };
  };
  await withScenario('4-bad-project', { env }, async (sc) => {
    const s = await sc.launch();
    const message = await waitUntil(() => ui.errorBanner(s), {
      timeoutMs: 15_000,
      message: 'an error-banner with a message about the file that is not a project',
    });
    t.diagnostic(`error shown: ${message}`);
    assert.ok(message.length >= 10, `the error says something: ${JSON.stringify(message)}`);
    assert.doesNotMatch(message, /\[object Object\]|^undefined$|^null$/, 'the error is a readable message');
    await sc.screenshot('error');

    // The app did not die: its window still answers and its process runs.
    assert.ok(sc.appPids().length > 0, 'the app process is still running');
    assert.equal(await s.execute('return document.readyState'), 'complete');
    await sc.close();

    assert.equal(fs.statSync(file).size, before.size, 'the file keeps its size');
    assert.equal(sha256(file), before.sha, 'the file is unchanged byte for byte');
    const leftovers = ['-wal', '-shm', '-journal'].map((x) => file + x).filter((f) => fs.existsSync(f));
    if (leftovers.length) t.diagnostic(`note: SQLite side files were left next to the file: ${leftovers.join(', ')}`);
  });
});
