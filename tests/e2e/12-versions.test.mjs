// Scenario 12: an article edited after publication. The analyst codes claims, imports the
// edited version through "Import new version…": a claim whose words stayed is on its words in
// the new version, one whose words are gone is listed as an orphan (never dropped), and is
// placed again on words the analyst selects; the old version stays as it was; search finds the
// words in both versions and marks them in the reader.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { withScenario, cli, cliJson, waitUntil } from './lib/harness.mjs';
import * as ui from './lib/app.mjs';

const V1 = [
  'Harbour crane delayed',
  '',
  'The harbour master said the new crane would be ready by spring.',
  'A union spokesperson said the night shifts would be cut in half.',
  'Officials did not confirm when the dredging would begin.',
].join('\n');

// Edited: a sentence added before, the union's words replaced, the rest as it was.
const V2 = [
  'Harbour crane delayed',
  '',
  'Updated: the board met again on Tuesday.',
  'The harbour master said the new crane would be ready by spring.',
  'The union declined to comment on the rota.',
  'Officials did not confirm when the dredging would begin.',
].join('\n');

test('a new version carries its claims over; an orphan is listed and placed again; search finds both versions', { timeout: 240_000 }, async (t) => {
  let project;
  let answer;
  const env = (sc) => {
    project = path.join(sc.dir, 'harbour.claimcoder');
    const v1 = path.join(sc.dir, 'harbour-v1.txt');
    fs.writeFileSync(v1, V1, 'utf8');
    fs.writeFileSync(path.join(sc.dir, 'harbour-v2.txt'), V2, 'utf8');
    cli(project, ['import', v1]);
    answer = path.join(sc.dir, 'dialog-answer.txt');
    fs.writeFileSync(answer, '', 'utf8');
    return { CLAIMCODER_PROJECT: project, CLAIMCODER_CODER: 'Erin Tester', CLAIMCODER_TEST_DIALOG_ANSWER: answer };
  };
  await withScenario('12-versions', { env }, async (sc) => {
    const s = await sc.launch();
    await ui.waitForReaderText(s);
    const [v1] = cliJson(project, ['docs']);

    await ui.selectPhrase(s, 'the new crane would be ready by spring');
    const kept = await ui.codeSelectionWithKey(s, '1');
    await ui.editorDone(s);
    await ui.selectPhrase(s, 'the night shifts would be cut in half');
    const gone = await ui.codeSelectionWithKey(s, '2');
    await ui.editorDone(s);
    await ui.waitForClaims(s, (items) => items.length === 2, 'two claims on version 1');

    // Import the edited article as the next version (the file dialog answered from a file).
    fs.writeFileSync(answer, path.join(sc.dir, 'harbour-v2.txt'), 'utf8');
    await ui.click(s, ui.tid('import-version'));
    const toast = await ui.waitFor(s, ui.tid('toast'), { message: 'the summary of the new version' });
    const summary = await toast.text();
    t.diagnostic(summary);
    assert.match(summary, /Version 2: 2 claims carried/);
    assert.match(summary, /1 orphaned/);
    await waitUntil(async () => (await s.execute(
      `return document.querySelector('[data-testid="reader"]').textContent.includes('Updated: the board met again')`,
    )), { message: 'version 2 open in the reader' });

    // The claim whose words stayed is on them, in the new version's offsets.
    const items = await ui.waitForClaims(s, (xs) => xs.length === 1, 'the carried claim in version 2');
    const v2text = Array.from(V2);
    const at = Array.from(V2.slice(0, V2.indexOf('the new crane'))).length;
    assert.deepEqual([items[0].start, items[0].end], [at, at + Array.from('the new crane would be ready by spring').length]);
    assert.equal(v2text.slice(items[0].start, items[0].end).join(''), 'the new crane would be ready by spring');

    // The other is an orphan, listed with its words; the version switch shows both versions.
    // Read in the page: the list may be drawn again (the version's attention reloads) between
    // finding the element and reading it.
    const orphan = await waitUntil(
      () => s.execute(`return document.querySelector('[data-testid="orphan"]')?.textContent ?? null`),
      { message: 'the orphaned claim listed' },
    );
    assert.match(orphan, /night shifts would be cut in half/);
    const options = await s.execute(`return Array.from(document.querySelectorAll('[data-testid="version-select"] option')).map((o) => o.textContent)`);
    assert.equal(options.length, 2, `versions: ${options}`);
    await sc.screenshot('orphan');

    // Placed again on the words the union now says.
    await ui.selectPhrase(s, 'The union declined to comment on the rota');
    await ui.click(s, ui.tid('place-orphan'));
    await ui.waitGone(s, ui.tid('orphan'), { message: 'the orphan leaves the list once placed' });
    await ui.waitForClaims(s, (xs) => xs.length === 2, 'two claims on version 2');
    await ui.assertNoError(s, 'after placing the orphan');

    const docs = cliJson(project, ['docs']);
    assert.equal(docs.length, 1, 'the list shows the latest version of the article');
    assert.equal(docs[0].version, 2);
    const v2claims = cliJson(project, ['claims', '--doc', docs[0].id]);
    assert.deepEqual(v2claims.map((c) => c.quote).sort(), ['The union declined to comment on the rota', 'the new crane would be ready by spring']);
    const v1claims = cliJson(project, ['claims', '--doc', v1.id]);
    assert.deepEqual(v1claims.map((c) => c.id).sort(), [kept, gone].sort(), 'version 1 keeps its claims as they were');

    // Search: both versions hold "crane"; choosing a hit marks it in the reader.
    const box = await ui.waitFor(s, ui.tid('search-input'));
    await box.click();
    await box.sendKeys(`dredging${ui.Key.Enter}`);
    const hits = await waitUntil(async () => {
      const xs = await s.execute(`return Array.from(document.querySelectorAll('[data-testid="search-hit"]')).map((b) => b.textContent)`);
      return xs.length >= 2 ? xs : null;
    }, { message: 'search hits in both versions' });
    assert.ok(hits.some((x) => x.includes('version 2')), `hits: ${hits}`);
    await ui.click(s, ui.tid('search-hit'));
    const marked = await waitUntil(async () => s.execute(
      `const h = CSS.highlights.get('search-hit'); return h && h.size > 0 ? Array.from(h).map((r) => r.toString()) : null`,
    ), { message: 'the match marked in the reader' });
    assert.deepEqual(marked, ['dredging']);
    await sc.screenshot('search');
    await sc.close();
  });
});
