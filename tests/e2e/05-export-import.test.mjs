// Scenario 5: annotation sets between two projects. In project A (a fresh project file, which
// the app creates with the sample article) a coder codes two passages, one with a new speaker,
// and exports them through the Export dialog; in project B (another fresh file, the same
// sample article) the Import dialog brings them in: the document is matched by its text and
// both claims arrive with their ids, statuses and speakers. A broken file shows an error that
// names it; a set with a claim that cannot be placed imports nothing until "Import the rest
// anyway". Native dialogs are answered from a file (CLAIMCODER_TEST_DIALOG_ANSWER: one path a
// line, read when the dialog opens).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withScenario, cliJson, waitUntil } from './lib/harness.mjs';
import * as ui from './lib/app.mjs';

const CODER_A = 'Erin Exporter';
const CODER_B = 'Femi Importer';
const SPEAKER = 'Ministry of Examples';

/** What the next native dialog answers: these paths, or cancel when none. */
function answerDialogs(file, ...paths) {
  fs.writeFileSync(file, paths.map((p) => `${p}\n`).join(''), 'utf8');
}

/** The shown element's data-* attributes and text, read in the page. */
function describe(session, css) {
  return session.execute(
    `const el = document.querySelector(arguments[0]);
     if (!el) return null;
     const data = {};
     for (const a of el.attributes) if (a.name.startsWith('data-')) data[a.name.slice(5)] = a.value;
     return { data, text: el.textContent };`,
    [css],
    { step: `read ${css}` },
  );
}

test('export a set from project A and import it into project B through the dialogs; a broken file names itself', { timeout: 360_000 }, async (t) => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'claimcoder-e2e-sets-'));
  const answer = path.join(work, 'dialog-answer.txt');
  const projectA = path.join(work, 'a.claimcoder');
  const projectB = path.join(work, 'b.claimcoder');
  const setFile = path.join(work, 'set.json');
  const broken = path.join(work, 'broken.json');
  const refusing = path.join(work, 'refusing.json');
  let set;
  answerDialogs(answer); // every dialog cancels until a step says otherwise
  const env = (project) => ({ CLAIMCODER_PROJECT: project, CLAIMCODER_TEST_DIALOG_ANSWER: answer });
  try {
    // ---- Project A: code two passages, export them ---------------------------------------
    let made;
    await withScenario('5-export', { env: env(projectA) }, async (sc) => {
      const s = await sc.launch();
      await ui.enterCoderName(s, CODER_A);
      const [p1, p2] = ui.pickPhrases(await ui.waitForReaderText(s), 2);

      await ui.selectPhrase(s, p1);
      const a = await ui.codeSelectionWithKey(s, '1');
      await ui.createSpeakerInEditor(s, SPEAKER, 'government');
      await ui.waitForClaims(s, (items) => items.some((c) => c.id === a && c.speaker === SPEAKER), `claim ${a} with speaker ${SPEAKER}`);
      await ui.editorDone(s);
      await ui.selectPhrase(s, p2);
      const b = await ui.codeSelectionWithKey(s, '2');
      await ui.editorDone(s);
      made = await ui.waitForClaims(
        s,
        (items) => items.length === 2 && items.some((c) => c.id === a && c.status === 'attributed') && items.some((c) => c.id === b && c.status === 'disputed'),
        'the two coded claims in the claims pane',
      );
      await ui.assertNoError(s, 'after coding');

      await ui.click(s, ui.tid('open-export'));
      await ui.waitFor(s, ui.tid('export-dialog'), { message: 'the export dialog after open-export' });
      const json = await s.find(`${ui.tid('export-format')} option[value="json"]`);
      assert.ok(json, 'export-format offers json');
      json.description = 'export-format option json';
      await json.click();
      assert.equal(await s.execute('return document.querySelector(arguments[0]).value', [ui.tid('export-format')]), 'json');
      answerDialogs(answer, setFile);
      await ui.click(s, ui.tid('export-run'));
      const summary = await ui.waitFor(s, ui.tid('export-summary'), { timeoutMs: 20_000, message: 'the export summary' });
      const text = (await summary.text()).trim();
      t.diagnostic(`export summary: ${text}`);
      assert.match(text, /^Wrote 2 claims on 1 document to /, 'the summary says what was written');
      assert.ok(text.includes(setFile), `the summary names the file: ${text}`);
      assert.equal(await ui.visible(s, ui.tid('export-error')), null, 'no export-error');
      await sc.screenshot('export-summary');
      await sc.close();
    });

    assert.ok(fs.existsSync(setFile), `the export wrote ${setFile}`);
    set = JSON.parse(fs.readFileSync(setFile, 'utf8'));
    assert.equal(set.format, 'claimcoder/annotation-set');
    assert.deepEqual(set.claims.map((c) => c.id).sort(), made.map((c) => c.id).sort(), 'the set holds the two claims by id');
    // The CLI reads the file back (into a scratch project, so that B is imported by the app).
    const scratch = cliJson(path.join(work, 'scratch.claimcoder'), ['import-set', setFile]);
    assert.equal(scratch[0]?.claims_added, 2, `the CLI imports the set: ${JSON.stringify(scratch)}`);

    // ---- Project B: the same sample article; import the set through the app --------------
    await withScenario('5-import', { env: env(projectB) }, async (sc) => {
      answerDialogs(answer);
      const s = await sc.launch();
      await ui.enterCoderName(s, CODER_B);
      await ui.waitForReaderText(s);
      assert.deepEqual(await ui.claimItems(s), [], 'project B starts without claims');

      answerDialogs(answer, setFile);
      await ui.click(s, ui.tid('open-import'));
      await ui.waitFor(s, ui.tid('import-dialog'), { message: 'the import dialog after open-import' });
      await ui.click(s, ui.tid('import-choose'));
      await ui.waitFor(s, ui.tid('import-report'), { timeoutMs: 20_000, message: 'an import-report for set.json' });
      const report = await describe(s, ui.tid('import-report'));
      t.diagnostic(`import report: ${JSON.stringify(report)}`);
      assert.equal(report.data.imported, 'true', 'the set was imported');
      assert.equal(report.data.source, setFile);
      assert.equal(report.data['documents-matched'], '1', 'the sample article is matched by its text');
      assert.equal(report.data['documents-added'], '0');
      assert.equal(report.data['claims-added'], '2');
      assert.equal(report.data['speakers-added'], '1', `the new speaker ${SPEAKER} comes along`);
      assert.equal(await ui.visible(s, ui.tid('import-error')), null, 'no import-error');
      assert.equal(await ui.visible(s, ui.tid('import-partial')), null, 'nothing refused, so no "Import the rest anyway"');
      await sc.screenshot('import-report');

      // The claims pane (behind the dialog) has reloaded with both claims as they were in A.
      const items = await ui.waitForClaims(
        s,
        (items) => made.every((m) => items.some((c) => c.id === m.id && c.status === m.status && c.speaker === m.speaker && c.start === m.start && c.end === m.end)),
        'the imported claims with the ids, statuses, speakers and spans they had in project A',
      );
      assert.equal(items.length, 2);
      const count = await ui.waitFor(s, `${ui.tid('doc-item')}[aria-current="true"] ${ui.tid('doc-claim-count')}`);
      assert.equal((await count.text()).trim(), '2', 'the open document counts the imported claims');

      // A broken file: the error names the file, and nothing else changes.
      fs.writeFileSync(broken, '{"format":', 'utf8');
      answerDialogs(answer, broken);
      await ui.click(s, ui.tid('import-choose'));
      const error = await ui.waitFor(s, ui.tid('import-error'), { timeoutMs: 20_000, message: 'import-error for broken.json' });
      const message = (await error.text()).trim();
      t.diagnostic(`import error: ${message}`);
      assert.ok(message.includes(broken), `the error names the file: ${JSON.stringify(message)}`);
      assert.match(message, /JSON/, 'the error says what is wrong');
      assert.equal(await ui.visible(s, ui.tid('import-report')), null, 'no report for a file that could not be read');
      await sc.screenshot('import-error');

      // A set with a claim that cannot be placed (its quote is nowhere in the text) and one
      // whose offsets are off (found again by its quote): nothing is imported until "Import the
      // rest anyway", and the report lists both with the core's messages.
      const edited = structuredClone(set);
      const [first, second] = edited.claims;
      const newId = (id) => id.slice(0, -4) + (id.slice(-4) === 'ffff' ? 'eeee' : 'ffff');
      first.id = newId(first.id);
      first.start += 1;
      first.end += 1;
      second.id = newId(second.id);
      second.quote = 'a passage that is not in the article';
      fs.writeFileSync(refusing, JSON.stringify(edited, null, 2), 'utf8');
      answerDialogs(answer, refusing);
      await ui.click(s, ui.tid('import-choose'));
      await ui.waitFor(s, `${ui.tid('import-report')}[data-source="${refusing}"]`, { timeoutMs: 20_000, message: 'the report of the set with a refused claim' });
      const refusedReport = await describe(s, ui.tid('import-report'));
      t.diagnostic(`report with a refusal: ${refusedReport.text}`);
      assert.equal(refusedReport.data.imported, 'false', 'a set with a refused claim imports nothing at first');
      const notes = await s.execute(
        `return ['import-refused', 'import-reanchored'].map((id) =>
           Array.from(document.querySelectorAll('[data-testid="' + id + '"]')).map((el) => ({ claim: el.getAttribute('data-claim-id'), text: el.textContent })));`,
      );
      assert.deepEqual(notes[0].map((n) => n.claim), [second.id], 'the refused claim is listed');
      assert.ok(notes[0][0].text.length > second.id.length + 5, `the refusal says why: ${notes[0][0].text}`);
      assert.deepEqual(notes[1].map((n) => n.claim), [first.id], 'the claim found again by its quote is listed');
      assert.equal((await ui.claimItems(s)).length, 2, 'nothing was written');
      await sc.screenshot('import-refused');
      await ui.click(s, ui.tid('import-partial'), { message: 'import-partial ("Import the rest anyway")' });
      await waitUntil(async () => (await describe(s, ui.tid('import-report')))?.data.imported === 'true', {
        timeoutMs: 20_000,
        message: 'the report to say imported after "Import the rest anyway"',
      });
      assert.equal((await describe(s, ui.tid('import-report'))).data['claims-added'], '1');
      assert.equal(await ui.visible(s, ui.tid('import-partial')), null, 'nothing is left to import anyway');
      await ui.waitForClaims(s, (items) => items.length === 3 && items.some((c) => c.id === first.id), 'the re-anchored claim in the claims pane');

      // Close the dialog: the claims pane shows the imported claims.
      const closed = await s.execute(
        `const b = Array.from(document.querySelectorAll('[data-testid="import-dialog"] button')).find((x) => x.textContent === 'Close');
         if (b) b.click();
         return Boolean(b);`,
      );
      assert.ok(closed, 'the import dialog has a Close button');
      await ui.waitGone(s, ui.tid('import-dialog'));
      await ui.assertNoError(s, 'after importing');
      assert.equal((await ui.claimItems(s)).length, 3);
      await sc.screenshot('imported-claims');
      await sc.close();
    });

    // What is on disk in B, through the CLI.
    const claims = cliJson(projectB, ['claims']);
    assert.equal(claims.length, 3, `claims in project B (the two of A, and the re-anchored copy): ${JSON.stringify(claims)}`);
    for (const m of made) {
      const c = claims.find((x) => x.id === m.id);
      assert.ok(c, `claim ${m.id} is in project B`);
      assert.equal(c.status, m.status);
      assert.equal(c.start, m.start);
      assert.equal(c.end, m.end);
      assert.equal(c.speaker_name, m.speaker || null);
      assert.equal(c.coder_name, CODER_A, 'an imported claim keeps its coder');
    }
    const docs = cliJson(projectB, ['docs']);
    assert.equal(docs.length, 1, 'project B still holds one document (the sample article, matched)');
    assert.equal(docs[0].claim_count, 3);
  } finally {
    if (!process.env.E2E_KEEP_TMP) fs.rmSync(work, { recursive: true, force: true });
  }
});
