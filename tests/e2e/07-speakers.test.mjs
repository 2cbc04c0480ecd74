// Scenario 7: the speakers pane. The app makes a project with the sample article; the CLI adds
// one ambassador under two spellings ("Anatoly Antonov", with an alias, and "Anatoli Antonov")
// and a claim citing each. In the app, the speakers pane suggests merging them ("the same name
// spelled differently"); the analyst merges, keeping "Anatoly Antonov". The CLI sees both
// claims cite him and the other spelling as his alias. Ctrl+Z undoes the merge; the CLI sees
// both speakers again, each with its own claim and the merged one with its id.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withScenario, cli, cliJson, waitUntil } from './lib/harness.mjs';
import * as ui from './lib/app.mjs';

const ANALYST = 'Sam Speakers';
const KEPT = 'Anatoly Antonov';
const MERGED = 'Anatoli Antonov';

/** Code-point offsets of the single occurrence of `phrase` in `text`. */
function span(text, phrase) {
  const at = text.indexOf(phrase);
  assert.ok(at >= 0 && text.indexOf(phrase, at + 1) < 0, `${phrase} occurs once`);
  const start = Array.from(text.slice(0, at)).length;
  return { start, end: start + Array.from(phrase).length };
}

/** The speaker-items as shown: [{ id, name, claims }]. */
function speakerItems(s) {
  return s.execute(
    `return Array.from(document.querySelectorAll('[data-testid="speaker-item"]')).map((el) => ({
       id: el.getAttribute('data-speaker-id'), name: el.getAttribute('data-name'), claims: Number(el.getAttribute('data-claims')) }));`,
    [],
    { step: 'read the speaker-items' },
  );
}

function antonovs(items) {
  return items.filter((i) => i.name.includes('Antonov')).map((i) => `${i.name}:${i.claims}`).sort();
}

test('speakers: a suggested merge of two spellings, checked through the CLI, undone with Ctrl+Z', { timeout: 300_000 }, async (t) => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'claimcoder-e2e-speakers-'));
  const project = path.join(work, 'speakers.claimcoder');
  try {
    await withScenario('7-speakers', { env: { CLAIMCODER_PROJECT: project } }, async (sc) => {
      let s = await sc.launch();
      await ui.enterCoderName(s, ANALYST);
      await ui.waitForReaderText(s);
      await sc.close();

      // Two spellings of one speaker, each cited by a claim, made through the CLI.
      const [summary] = cliJson(project, ['docs']);
      const doc = cliJson(project, ['doc', 'show', summary.id]);
      const [p1, p2] = ui.pickPhrases(doc.text.split('\n').map((text) => ({ text })), 2);
      cli(project, ['speaker', 'add', KEPT, '--kind', 'person', '--alias', 'the ambassador', '--as', ANALYST]);
      cli(project, ['speaker', 'add', MERGED, '--kind', 'person', '--as', ANALYST]);
      const claimOf = (phrase, speaker) => {
        const { start, end } = span(doc.text, phrase);
        return cliJson(project, ['claim', 'add', summary.id, String(start), String(end), '--status', 'attributed', '--speaker', speaker, '--as', ANALYST]);
      };
      const c1 = claimOf(p1, KEPT);
      const c2 = claimOf(p2, MERGED);
      const before = cliJson(project, ['speakers']);
      const merged = before.find((u) => u.speaker.name === MERGED).speaker;

      // ---- The speakers pane: the suggestion, the merge ---------------------------------
      s = await sc.launch();
      await ui.waitForReaderText(s);
      await ui.click(s, ui.tid('open-speakers'));
      await ui.waitFor(s, ui.tid('speakers-view'), { message: 'the speakers pane after open-speakers' });
      assert.equal(await ui.visible(s, ui.tid('reader')), null, 'the pane replaces the reader');
      const suggestion = await ui.waitFor(s, `${ui.tid('merge-suggestion')}[data-reason="spelling"]`, {
        message: 'the suggestion to merge the two spellings',
      });
      assert.match(await suggestion.text(), /the same name spelled differently/);
      assert.deepEqual(antonovs(await speakerItems(s)), [`${MERGED}:1`, `${KEPT}:1`]);
      // The filter ignores case and diacritics.
      const filter = await ui.waitFor(s, ui.tid('speakers-filter'));
      filter.description = 'speakers-filter';
      await filter.sendKeys('ANATOLÍ');
      await waitUntil(async () => (await speakerItems(s)).length === 1, { message: 'the filter to leave one speaker' });
      assert.equal((await speakerItems(s))[0].name, MERGED);
      await filter.sendKeys(ui.Key.Escape);
      await waitUntil(async () => (await speakerItems(s)).length === 2, { message: 'Escape in the filter to clear it' });
      await sc.screenshot('speakers-pane');

      await ui.click(s, `${ui.tid('merge-suggestion')}[data-reason="spelling"] ${ui.tid('suggestion-merge')}`);
      const kept = before.find((u) => u.speaker.name === KEPT).speaker;
      await ui.click(s, `${ui.tid('merge-keep')}[data-speaker-id="${kept.id}"]`);
      await sc.screenshot('speakers-merge-form');
      await ui.click(s, ui.tid('merge-confirm'));
      await waitUntil(async () => antonovs(await speakerItems(s)).join() === `${KEPT}:2`, {
        message: `one ${KEPT} cited by both claims after the merge`,
      });
      await ui.assertNoError(s, 'after the merge');
      assert.equal(await ui.visible(s, ui.tid('merge-suggestion')), null, 'the suggestion is gone');
      await sc.screenshot('speakers-merged');

      // On disk: both claims cite the kept speaker; the other spelling is his alias.
      let speakers = cliJson(project, ['speakers']);
      assert.equal(speakers.length, 1, `one speaker on disk: ${JSON.stringify(speakers)}`);
      assert.deepEqual(speakers[0].speaker.aliases.slice().sort(), [MERGED, 'the ambassador'].sort());
      let claims = cliJson(project, ['claims']);
      assert.deepEqual(claims.map((c) => c.speaker_name), [KEPT, KEPT], 'every claim follows');

      // ---- Ctrl+Z undoes the merge -------------------------------------------------------
      await s.execute('document.activeElement?.blur();', [], { step: 'leave the merge button' });
      await s.pressKey('z', [ui.Key.Control]);
      await waitUntil(async () => antonovs(await speakerItems(s)).join() === `${MERGED}:1,${KEPT}:1`, {
        message: 'both spellings back, one claim each, after Ctrl+Z',
      });
      await ui.assertNoError(s, 'after Ctrl+Z');
      const toast = await (await ui.waitFor(s, ui.tid('toast'))).text();
      assert.match(toast, /Undone: merged/);
      speakers = cliJson(project, ['speakers']);
      t.diagnostic(`after undo: ${speakers.map((u) => `${u.speaker.name} [${u.speaker.aliases.join('; ')}] ${u.claims}`).join(' | ')}`);
      assert.equal(speakers.length, 2);
      const back = speakers.find((u) => u.speaker.name === MERGED);
      assert.equal(back?.speaker.id, merged.id, 'the merged speaker is back with its id');
      assert.deepEqual(speakers.find((u) => u.speaker.name === KEPT)?.speaker.aliases, ['the ambassador']);
      claims = cliJson(project, ['claims']);
      const speakerOf = (id) => claims.find((c) => c.id === id)?.speaker_name;
      assert.deepEqual([speakerOf(c1.id), speakerOf(c2.id)], [KEPT, MERGED], 'each claim cites its own speaker again');

      // The reader's claims pane names them as they are.
      await ui.click(s, ui.tid('speakers-close'));
      await ui.waitFor(s, ui.tid('reader'));
      const shown = await ui.claimItems(s);
      assert.deepEqual(shown.map((c) => c.speaker).sort(), [MERGED, KEPT].sort());
      await sc.close();
    });
  } finally {
    if (!process.env.E2E_KEEP_TMP) fs.rmSync(work, { recursive: true, force: true });
  }
});
