// Scenario 1: first run on a fresh default project. The coder names themself, codes three
// passages of the sample article with 1 / 2 / 3, tags each with a new speaker (one with a note),
// and finds all of it again after a restart; the CLI confirms what is on disk.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { withScenario, cliJson, sleep } from './lib/harness.mjs';
import * as ui from './lib/app.mjs';

const CODER = 'Erin Tester';

const PLAN = [
  { key: '1', status: 'attributed', speaker: 'Ministry of Examples', kind: 'government', note: 'Checked against the ministry’s statement — “confirmed” (確認)' },
  { key: '2', status: 'disputed', speaker: 'Ada Quill', kind: 'person' },
  { key: '3', status: 'unverified', speaker: 'The Daily Sample', kind: 'media' },
];

test('first run: code claims with 1/2/3 and new speakers; they survive a restart', { timeout: 180_000 }, async () => {
  await withScenario('1-code-and-restart', {}, async (sc) => {
    let s = await sc.launch();

    await ui.enterCoderName(s, CODER);
    const docItem = await ui.waitFor(s, ui.tid('doc-item'), { timeoutMs: 15_000, message: 'a doc-item for the sample article' });
    const paragraphs = await ui.waitForReaderText(s);
    assert.equal(await docItem.attribute('aria-current'), 'true', 'the open document is marked aria-current="true"');
    for (const p of paragraphs) assert.equal(typeof p.start, 'number', 'every reader <p> has data-start');

    const phrases = ui.pickPhrases(paragraphs, PLAN.length);
    const made = [];
    for (const [i, step] of PLAN.entries()) {
      const sel = await ui.selectPhrase(s, phrases[i]);
      const id = await ui.codeSelectionWithKey(s, step.key);
      await ui.createSpeakerInEditor(s, step.speaker, step.kind);
      await ui.waitForClaims(
        s,
        (items) => items.some((c) => c.id === id && c.speaker === step.speaker),
        `claim-item ${id} to show the new speaker ${step.speaker} once confirmed`,
      );
      if (step.note) await ui.typeNote(s, step.note);
      await ui.editorDone(s);
      await ui.assertNoError(s, `after coding ${JSON.stringify(phrases[i])}`);
      const items = await ui.waitForClaims(
        s,
        (items) => items.some((c) => c.id === id && c.status === step.status && c.speaker === step.speaker),
        `claim-item ${id} with data-status=${step.status} and data-speaker=${step.speaker}`,
      );
      const item = items.find((c) => c.id === id);
      assert.deepEqual([item.start, item.end], [sel.start, sel.end], `claim-item ${id} data-start/data-end (code points)`);
      made.push({ ...step, id, quote: phrases[i], start: sel.start, end: sel.end });
    }
    await sc.screenshot('coded');

    const shown = await ui.claimItems(s);
    assert.deepEqual(
      shown.map((c) => c.id),
      [...made].sort((a, b) => a.start - b.start || a.end - b.end).map((c) => c.id),
      'claim-items are in text order',
    );
    const count = await ui.waitFor(s, `${ui.tid('doc-item')}[aria-current="true"] ${ui.tid('doc-claim-count')}`);
    assert.equal((await count.text()).trim(), String(made.length), 'doc-claim-count of the open document');

    // Restart: everything is still there, and the app remembers the coder.
    s = await sc.restart();
    await ui.waitForReaderText(s);
    await sleep(500);
    assert.equal(await ui.visible(s, ui.tid('coder-dialog')), null, 'the coder dialog does not reappear after a restart');
    await ui.waitForClaims(
      s,
      (items) => made.every((m) => items.some((c) => c.id === m.id && c.status === m.status && c.speaker === m.speaker)),
      'the three claims, with their status and speaker, after a restart',
    );
    await ui.assertNoError(s, 'after a restart');
    await sc.screenshot('after-restart');
    await sc.close();

    // Backups beside the user's data: one on the first opening, one on the restart (the
    // project had changed since); the newest holds the claims.
    const backupRoot = path.join(sc.dataHome, 'org.claimcoder.app', 'backups');
    const [folder] = fs.readdirSync(backupRoot);
    const backups = fs.readdirSync(path.join(backupRoot, folder)).filter((f) => f.endsWith('.claimcoder')).sort();
    assert.equal(backups.length, 2, `backups: ${backups.join(', ')}`);
    const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'claimcoder-e2e-backup-')), 'newest.claimcoder');
    fs.copyFileSync(path.join(backupRoot, folder, backups[1]), copy);
    assert.equal(cliJson(copy, ['claims']).length, made.length, 'the newest backup holds the claims');

    // What is on disk, through the CLI.
    assert.ok(fs.existsSync(sc.defaultProject), `the default project exists at ${sc.defaultProject}`);
    const claims = cliJson(sc.defaultProject, ['claims']);
    assert.equal(claims.length, made.length, `claims in the project: ${JSON.stringify(claims)}`);
    for (const m of made) {
      const c = claims.find((x) => x.id === m.id);
      assert.ok(c, `claim ${m.id} is in the project file`);
      assert.equal(c.quote, m.quote);
      assert.equal(c.start, m.start);
      assert.equal(c.end, m.end);
      assert.equal(c.status, m.status);
      assert.equal(c.speaker_name, m.speaker);
      assert.equal(c.coder_name, CODER);
      assert.equal(c.note, m.note ?? null, 'the note typed in the editor (saved when the editor closes)');
    }
    const docs = cliJson(sc.defaultProject, ['docs']);
    assert.equal(docs.length, 1, 'the default project holds the sample article');
    assert.equal(docs[0].claim_count, made.length);
  });
});
