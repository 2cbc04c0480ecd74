// Scenario 2: deleting a claim, undoing and redoing it, with the button and with the keys; the
// final state survives a restart and is what the project file holds.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withScenario, cliJson } from './lib/harness.mjs';
import * as ui from './lib/app.mjs';

const { Key } = ui;

async function selectClaimItem(s, id) {
  await ui.click(s, `${ui.tid('claim-item')}[data-claim-id="${id}"]`);
  const editor = await ui.waitFor(s, ui.tid('claim-editor'), { message: `the claim editor after clicking claim-item ${id}` });
  assert.equal(await editor.attribute('data-claim-id'), id, 'the editor shows the clicked claim');
}

const has = (id) => (items) => items.some((c) => c.id === id);
const lacks = (id) => (items) => !items.some((c) => c.id === id);

test('delete a claim, undo (same id), redo; delete with the Delete key; restart keeps the final state', { timeout: 180_000 }, async () => {
  await withScenario('2-delete-undo', {}, async (sc) => {
    let s = await sc.launch();
    await ui.enterCoderName(s, 'Dana Undo');
    const [phraseA, phraseB] = ui.pickPhrases(await ui.waitForReaderText(s), 2);

    await ui.selectPhrase(s, phraseA);
    const a = await ui.codeSelectionWithKey(s, '1');
    await ui.editorDone(s);
    await ui.selectPhrase(s, phraseB);
    const b = await ui.codeSelectionWithKey(s, '2');
    await ui.editorDone(s);
    await ui.waitForClaims(s, (items) => has(a)(items) && has(b)(items), 'both claims in the claims pane');

    // A: the claim-delete button, then Ctrl+Z brings it back with its id, Ctrl+Shift+Z deletes it again.
    await selectClaimItem(s, a);
    await ui.click(s, ui.tid('claim-delete'));
    await ui.waitForClaims(s, lacks(a), `claim ${a} gone after claim-delete`);
    await s.pressKey('z', [Key.Control]);
    const back = await ui.waitForClaims(s, has(a), `claim ${a} back (same data-claim-id) after Ctrl+Z`);
    assert.equal(back.find((c) => c.id === a).status, 'attributed', 'the restored claim keeps its status');
    await s.pressKey('z', [Key.Control, Key.Shift]);
    await ui.waitForClaims(s, lacks(a), `claim ${a} deleted again after Ctrl+Shift+Z`);

    // B: selected in the claims pane, deleted with the Delete key, undone with Ctrl+Z.
    await selectClaimItem(s, b);
    const focused = await s.execute(
      `const el = document.activeElement; return el && el.matches('input, textarea, select, [contenteditable]') ? el.outerHTML.slice(0, 200) : null;`,
    );
    assert.equal(focused, null, 'selecting a claim-item leaves no text field focused (so Delete deletes the claim)');
    await s.pressKey(Key.Delete);
    await ui.waitForClaims(s, lacks(b), `claim ${b} gone after the Delete key`);
    await s.pressKey('z', [Key.Control]);
    await ui.waitForClaims(s, has(b), `claim ${b} back after Ctrl+Z`);
    await ui.assertNoError(s, 'after delete, undo and redo');
    await sc.screenshot('final');

    s = await sc.restart();
    await ui.waitForReaderText(s);
    const items = await ui.waitForClaims(s, (items) => items.length === 1, 'exactly one claim after a restart');
    assert.equal(items[0].id, b);
    assert.equal(items[0].status, 'disputed');
    await sc.close();

    const claims = cliJson(sc.defaultProject, ['claims']);
    assert.deepEqual(
      claims.map((c) => [c.id, c.quote, c.status]),
      [[b, phraseB, 'disputed']],
      'the project file holds only claim B',
    );
  });
});
