// Scenario 6: review. Two coders' sets (Ana and Bo, written here by hand in the annotation-set
// format, on the sample article's exact text) are imported with the CLI into a fresh project
// the app made; then, in the app, the lead opens the review, steps with n, decides three units
// three ways (accept, merge, reject) with reasons, sees the gold lane and each unit's decision,
// exports the audit trail as CSV (the save dialog answered from a file) and opens the agreement
// dashboard. The CLI confirms the gold claims on disk.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withScenario, cli, cliJson, waitUntil } from './lib/harness.mjs';
import { Key } from './lib/webdriver.mjs';
import * as ui from './lib/app.mjs';

const LEAD = 'Lena Lead';

function answerDialogs(file, ...paths) {
  fs.writeFileSync(file, paths.map((p) => `${p}\n`).join(''), 'utf8');
}

/** Code-point offsets of the single occurrence of `phrase` in `text`. */
function span(text, phrase) {
  const at = text.indexOf(phrase);
  assert.ok(at >= 0 && text.indexOf(phrase, at + 1) < 0, `${phrase} occurs once`);
  const start = Array.from(text.slice(0, at)).length;
  return { start, end: start + Array.from(phrase).length };
}

/** An annotation set of one coder's claims on the document. */
function set(doc, coder, speakers, claims) {
  const now = '2025-03-01T10:00:00Z';
  return {
    format: 'claimcoder/annotation-set',
    version: 1,
    coder: { name: coder },
    documents: [{ id: doc.id, title: doc.title, text: doc.text, sha256: doc.sha256, source: doc.source }],
    speakers,
    claims: claims.map((c) => ({
      id: crypto.randomUUID(),
      document: doc.id,
      ...span(doc.text, c.quote),
      quote: c.quote,
      status: c.status,
      speaker: c.speaker ?? null,
      cue: null,
      note: null,
      created: now,
      modified: now,
    })),
  };
}

/** The review-units as shown: attributes and the current one. */
function units(s) {
  return s.execute(
    `return Array.from(document.querySelectorAll('[data-testid="review-unit"]')).map((el) => ({
       start: Number(el.getAttribute('data-start')), end: Number(el.getAttribute('data-end')),
       differs: el.getAttribute('data-differs'), decided: el.getAttribute('data-decided'),
       current: el.getAttribute('aria-current') === 'true' }));`,
    [],
    { step: 'read the review-units' },
  );
}

async function currentUnit(s) {
  return (await units(s)).find((u) => u.current) ?? null;
}

async function chooseOption(s, testid, value) {
  const opt = await s.find(`${ui.tid(testid)} option[value="${value}"]`);
  assert.ok(opt, `${testid} offers ${value}`);
  opt.description = `${testid} option ${value}`;
  await opt.click();
}

/** Chooses the decision (unless `button` is null: chosen already), gives the reason, confirms. */
async function decide(s, { button, reason }) {
  if (button) await ui.click(s, button);
  const field = await ui.waitFor(s, ui.tid('decision-reason'));
  field.description = 'decision-reason';
  await field.click();
  await field.sendKeys(reason);
  // The panel scrolls on its own (an edit shows the text around the unit): bring the button in.
  await s.execute(`document.querySelector('[data-testid="decision-confirm"]').scrollIntoView({ block: 'center' });`);
  await ui.click(s, ui.tid('decision-confirm'));
  await ui.waitFor(s, ui.tid('unit-decision'), { message: `the unit's decision after ${button}` });
  await ui.assertNoError(s, `after deciding with ${button}`);
}

test('review: two coders\' sets, three decisions three ways, gold lane, audit trail CSV, agreement', { timeout: 300_000 }, async (t) => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'claimcoder-e2e-review-'));
  const project = path.join(work, 'review.claimcoder');
  const answer = path.join(work, 'dialog-answer.txt');
  const audit = path.join(work, 'audit.csv');
  answerDialogs(answer);
  try {
    await withScenario('6-review', { env: { CLAIMCODER_PROJECT: project, CLAIMCODER_TEST_DIALOG_ANSWER: answer } }, async (sc) => {
      // The app makes the project with the sample article; the lead names themself.
      let s = await sc.launch();
      await ui.enterCoderName(s, LEAD);
      await ui.waitForReaderText(s);
      await sc.close();

      // The sample as the core has it (text, sha256, id), through an export of that document.
      const [summary] = cliJson(project, ['docs']);
      const exported = path.join(work, 'doc.json');
      cli(project, ['export', '--format', 'json', '--doc', summary.id, '--out', exported, '--as', LEAD]);
      const doc = JSON.parse(fs.readFileSync(exported, 'utf8')).documents.find((d) => d.id === summary.id);
      assert.ok(doc?.text && doc.sha256, 'the export carries the document with its text and sha256');
      const [p1, p2, p3, p4] = ui.pickPhrases(doc.text.split('\n').map((text) => ({ text })), 4);
      const speaker = { id: crypto.randomUUID(), name: 'Ministry of Examples', kind: 'government', aliases: [] };
      const ana = set(doc, 'Ana', [speaker], [
        { quote: p1, status: 'attributed' },
        { quote: p2, status: 'disputed' },
        { quote: p3, status: 'attributed', speaker: speaker.id },
        { quote: p4, status: 'unverified' },
      ]);
      const bo = set(doc, 'Bo', [], [
        { quote: p1, status: 'attributed' },
        { quote: p2, status: 'unverified' },
        { quote: p3, status: 'attributed' },
      ]);
      const files = [path.join(work, 'ana.json'), path.join(work, 'bo.json')];
      fs.writeFileSync(files[0], JSON.stringify(ana, null, 2));
      fs.writeFileSync(files[1], JSON.stringify(bo, null, 2));
      const reports = cliJson(project, ['import-set', ...files, '--as', LEAD]);
      assert.deepEqual(reports.map((r) => r.claims_added), [4, 3], `both sets import: ${JSON.stringify(reports)}`);
      const [u2, u3, u4] = [p2, p3, p4].map((p) => span(doc.text, p));

      // ---- The review -------------------------------------------------------------------
      s = await sc.launch();
      await ui.waitForReaderText(s);
      await ui.click(s, ui.tid('open-review'));
      await ui.waitFor(s, ui.tid('review-view'), { message: 'the review view after open-review' });
      const lanes = await s.execute(`return Array.from(document.querySelectorAll('[data-testid="review-lane"]')).map((l) => l.getAttribute('data-coder'));`);
      assert.deepEqual(lanes, ['Ana', 'Bo', 'gold'], 'a lane per coder and the gold lane');
      const shown = await units(s);
      t.diagnostic(`units: ${JSON.stringify(shown)}`);
      assert.equal(shown.length, 4);
      assert.deepEqual(shown.map((u) => u.differs), ['', 'status', 'speaker', 'span status speaker']);
      assert.equal(await ui.visible(s, ui.tid('reader')), null, 'the review replaces the reader');
      let cur = await currentUnit(s);
      assert.equal(cur?.start, u2.start, 'the review starts at the first unit to decide');

      // Accept Ana on the status difference.
      await decide(s, { button: `${ui.tid('decide-accept')}[data-coder="Ana"]`, reason: 'Ana read the denial right' });
      // n: to the next unit to decide.
      await s.pressKey('n');
      await waitUntil(async () => (await currentUnit(s))?.start === u3.start, { message: 'n to move to the speaker difference' });
      // Merge: Bo's span and status, Ana's speaker.
      await ui.click(s, ui.tid('decide-merge'));
      const claims = cliJson(project, ['claims']);
      const idOf = (coder, quote) => claims.find((c) => c.coder_name === coder && c.quote === quote)?.id;
      await chooseOption(s, 'merge-span', idOf('Bo', p3));
      await chooseOption(s, 'merge-status', idOf('Bo', p3));
      await chooseOption(s, 'merge-speaker', idOf('Ana', p3));
      await decide(s, { button: null, reason: 'the ministry is named two lines up' });
      await s.pressKey('n');
      await waitUntil(async () => (await currentUnit(s))?.start === u4.start, { message: 'n to move to the unit only Ana coded' });
      await decide(s, { button: ui.tid('decide-reject'), reason: 'background, not a claim' });
      cur = await currentUnit(s);
      assert.equal(cur?.decided, 'true');
      const decided = (await units(s)).filter((u) => u.decided === 'true').map((u) => u.start);
      assert.deepEqual(decided, [u2.start, u3.start, u4.start], 'three units decided');
      const gold = await s.execute(
        `const lane = document.querySelector('[data-testid="review-lane"][data-coder="gold"]');
         return Array.from(lane.querySelectorAll('[data-testid="review-claim"]')).map((c) => c.getAttribute('data-status') + ' ' + c.textContent);`,
      );
      t.diagnostic(`gold lane: ${JSON.stringify(gold)}`);
      assert.equal(gold.length, 2, 'accept and merge made gold claims; the rejection none');
      assert.ok(gold[0].startsWith('disputed'), 'the accepted claim is Ana\'s (disputed)');
      assert.ok(gold[1].includes('Ministry of Examples'), 'the merged claim has Ana\'s speaker');
      const decisionText = await (await ui.waitFor(s, ui.tid('unit-decision'))).text();
      assert.match(decisionText, new RegExp(`Rejected — by ${LEAD} at .*background, not a claim`));
      await sc.screenshot('review');

      // The audit trail as CSV.
      answerDialogs(answer, audit);
      await ui.click(s, ui.tid('audit-export-csv'));
      await waitUntil(async () => (await (await ui.visible(s, ui.tid('toast')))?.text())?.includes('Wrote 3 decisions to'), {
        message: 'the toast "Wrote 3 decisions to …"',
      });
      const rows = parseCsv(fs.readFileSync(audit, 'utf8'));
      t.diagnostic(`audit CSV: ${rows.map((r) => r.join(',')).join(' | ')}`);
      assert.equal(rows.length, 4, 'a header and three decision rows');
      const col = (name) => rows[0].indexOf(name);
      assert.deepEqual(rows.slice(1).map((r) => r[col('action')]), ['accept', 'merge', 'reject'], 'the actions, in order');
      const merge = rows.find((r) => r[col('action')] === 'merge');
      assert.deepEqual(
        [merge[col('span_from')], merge[col('status_from')], merge[col('speaker_from')]],
        ['Bo', 'Bo', 'Ana'],
        'the merge took span and status from Bo, the speaker from Ana',
      );

      // An edit with a free span: the reject undone by its button, then the unit decided by
      // words selected in the text around it, and that decision undone by Ctrl+Z.
      await ui.click(s, ui.tid('decision-undo'));
      await waitUntil(async () => (await currentUnit(s))?.decided === 'false', { message: 'the reject undone' });
      await ui.click(s, ui.tid('decide-edit'));
      await ui.waitFor(s, ui.tid('edit-passage'));
      const words = p4.split(' ').slice(0, 2).join(' ');
      const picked = await ui.selectPhrase(s, words, { within: ui.tid('edit-passage') });
      await ui.click(s, ui.tid('edit-use-selection'));
      const label = await (await ui.waitFor(s, ui.tid('edit-span-label'))).text();
      assert.ok(label.includes(`“${words}”`), `the span label shows the selection: ${label}`);
      await chooseOption(s, 'edit-status', 'disputed');
      await decide(s, { button: null, reason: 'only the first words are a claim' });
      const edited = cliJson(project, ['claims']).filter((c) => c.coder_name === 'gold');
      const free = edited.find((c) => c.quote === words);
      assert.ok(free, `a gold claim on the selected words: ${JSON.stringify(edited)}`);
      assert.deepEqual([free.start, free.end, free.status], [picked.start, picked.end, 'disputed'], 'at the selection\'s code points');
      await sc.screenshot('review-edit');
      // Ctrl+Z takes the decision back, like any other change.
      await s.pressKey('z', [Key.Control]);
      await waitUntil(async () => (await currentUnit(s))?.decided === 'false', { message: 'Ctrl+Z undoes the edit decision' });
      assert.equal(cliJson(project, ['claims']).filter((c) => c.coder_name === 'gold').length, 2, 'its gold claim is gone');
      const trail = cliJson(project, ['review', 'decisions']);
      assert.deepEqual(trail.map((d) => [d.action, d.undone_at !== null]), [['accept', false], ['merge', false], ['reject', true], ['edit', true]]);

      // The agreement dashboard.
      await ui.click(s, ui.tid('open-agreement'));
      const alpha = await ui.waitFor(s, `${ui.tid('figure')}[data-name="status-alpha"]`, { timeoutMs: 20_000, message: 'the status alpha figure' });
      const alphaText = (await alpha.text()).trim();
      t.diagnostic(`status alpha: ${alphaText} (data-value ${await alpha.attribute('data-value')})`);
      assert.match(alphaText, /Krippendorff/);
      await ui.waitFor(s, `${ui.tid('confusion')}[data-pair="Ana|Bo"]`, { message: 'the confusion matrix of Ana and Bo' });
      await sc.screenshot('agreement');
      await ui.assertNoError(s, 'in the agreement view');
      await sc.close();
    });

    const claims = cliJson(project, ['claims']);
    const gold = claims.filter((c) => c.coder_name === 'gold');
    assert.equal(gold.length, 2, `two gold claims on disk: ${JSON.stringify(gold)}`);
    assert.deepEqual(gold.map((c) => [c.status, c.speaker_name]), [['disputed', null], ['attributed', 'Ministry of Examples']]);
  } finally {
    if (!process.env.E2E_KEEP_TMP) fs.rmSync(work, { recursive: true, force: true });
  }
});

/** Records of an RFC 4180 CSV text (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}
