// Scenario 8: a claim coded by keyboard gets its cue with C (the cue words selected after emoji,
// outside the claim); the project file holds the cue at code-point offsets; Ctrl+Z takes it
// back; hovering the cue names its claim; ? lists the keys.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withScenario, cliJson, importedProject, sleep, waitUntil } from './lib/harness.mjs';
import * as ui from './lib/app.mjs';

const { Key } = ui;

const TEXT = [
  'Port talks 🇺🇦 stall',
  'Officials 👍🏽 said on Monday that the 🚢 convoy arrived on time, according to the 🏛️ ministry.',
  'Residents were not asked.',
].join('\n');
const CLAIM = 'the 🚢 convoy arrived on time';
const CUE = 'according to';

/** Code-point span of the only occurrence of `phrase` in TEXT. */
function codePointSpan(phrase) {
  const i = TEXT.indexOf(phrase);
  assert.ok(i >= 0 && TEXT.indexOf(phrase, i + 1) < 0, `${phrase} occurs once in the text`);
  const start = Array.from(TEXT.slice(0, i)).length;
  return { start, end: start + Array.from(phrase).length };
}

/** The stored claim `id`, read through the CLI. */
function storedClaim(project, id) {
  const c = cliJson(project, ['claims']).find((x) => x.id === id);
  assert.ok(c, `claim ${id} is in the project file`);
  return c;
}

test('C sets a claim cue at code points, Ctrl+Z takes it back; ? lists the keys', { timeout: 180_000 }, async () => {
  let project;
  let docs;
  const env = (sc) => {
    ({ project, docs } = importedProject(sc, 'cues.claimcoder', 'port-talks.txt', TEXT));
    return { CLAIMCODER_PROJECT: project };
  };
  await withScenario('8-cue-and-keys', { env }, async (sc) => {
    const s = await sc.launch();
    await ui.enterCoderNameIfAsked(s, 'Cora Cue');
    await ui.openDocument(s, docs[0].title);

    // The claim, by keyboard.
    const claimSpan = codePointSpan(CLAIM);
    await ui.selectPhrase(s, CLAIM);
    const id = await ui.codeSelectionWithKey(s, '1');

    // The cue: selected after two emoji (one outside the BMP, one with a variation selector),
    // outside the claim, then C.
    const cueSpan = codePointSpan(CUE);
    assert.notEqual(TEXT.indexOf(CUE), cueSpan.start, 'the cue lies where UTF-16 and code points differ');
    const sel = await ui.selectPhrase(s, CUE);
    assert.deepEqual([sel.start, sel.end], [cueSpan.start, cueSpan.end], 'the reader places the cue selection at these code points');
    await s.pressKey('c');
    const cueEl = await ui.waitFor(s, ui.tid('claim-cue'));
    await waitUntil(async () => (await cueEl.attribute('data-start')) === String(cueSpan.start), {
      message: `claim-cue data-start=${cueSpan.start} after pressing C`,
    });
    assert.equal(await cueEl.attribute('data-end'), String(cueSpan.end), 'claim-cue data-end');
    assert.equal((await cueEl.text()).trim(), `“${CUE}”`, 'the editor shows the cue words');
    await ui.assertNoError(s, 'after setting the cue');
    await sc.screenshot('cue-open');

    const stored = storedClaim(project, id);
    assert.deepEqual(stored.cue, cueSpan, 'the project file holds the cue at code points (end exclusive)');
    assert.deepEqual([stored.start, stored.end, stored.quote], [claimSpan.start, claimSpan.end, CLAIM], 'the claim itself is unchanged');
    assert.equal(Array.from(TEXT).slice(stored.cue.start, stored.cue.end).join(''), CUE, 'the cue span is the cue words');

    // The cue at rest, in both themes (its dashed overline must show on either background).
    await ui.editorDone(s);
    await sc.screenshot('cue');
    const theme = await s.execute(`const t = document.documentElement.getAttribute('data-theme'); document.documentElement.setAttribute('data-theme', t === 'dark' ? 'light' : 'dark'); return t;`);
    await sleep(500); // the screenshot is of the display: let the engine repaint first
    await sc.screenshot('cue-other-theme');
    await s.execute(`if (arguments[0] === null) document.documentElement.removeAttribute('data-theme'); else document.documentElement.setAttribute('data-theme', arguments[0]);`, [theme]);

    // Hovering the cue names its claim (and links the two in the painter).
    const rect = await s.execute(
      `const reader = document.querySelector('[data-testid="reader"]');
       const p = Array.from(reader.querySelectorAll('p')).find((x) => x.textContent.includes(arguments[0]));
       const r = document.createRange();
       const i = p.textContent.indexOf(arguments[0]);
       r.setStart(p.firstChild, i + 2);
       r.setEnd(p.firstChild, i + 3);
       const b = r.getBoundingClientRect();
       return { x: Math.round(b.left + b.width / 2), y: Math.round(b.top + b.height / 2) };`,
      [CUE],
    );
    await s.actions([
      { type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [{ type: 'pointerMove', x: rect.x, y: rect.y, origin: 'viewport', duration: 0 }] },
    ]);
    const tip = await ui.waitFor(s, '.hover-tip', { message: 'the hover tip over the cue' });
    assert.match(await tip.text(), /cue of\s*A\s*attributed/, 'the tip over the cue names its claim');
    await sc.screenshot('cue-hover');
    await s.releaseActions().catch(() => {});

    // Ctrl+Z takes the cue back, in the file too.
    await s.pressKey('z', [Key.Control]);
    await waitUntil(
      async () => {
        const toast = await ui.visible(s, ui.tid('toast'));
        return toast && (await toast.text()).includes('Undone: set cue');
      },
      { message: 'the toast "Undone: set cue" after Ctrl+Z' },
    );
    await waitUntil(() => storedClaim(project, id).cue === null, { message: 'the stored cue to be gone after Ctrl+Z' });

    // ? lists the keys; Escape closes the list.
    await s.pressKey('?');
    const dialog = await ui.waitFor(s, ui.tid('keys-dialog'), { message: 'the keys dialog after pressing ?' });
    const rows = await s.execute(
      `return Array.from(document.querySelectorAll('[data-testid="keys-row"]')).map((r) => [r.getAttribute('data-keys'), r.textContent]);`,
    );
    const keys = rows.map(([k]) => k);
    for (const k of ['1', '2', '3', 'C', 'Delete Backspace', 'Escape', 'Ctrl+Z', 'Ctrl+Shift+Z Ctrl+Y', '?', 'n', 'p']) {
      assert.ok(keys.includes(k), `the keys dialog lists ${k}: ${JSON.stringify(keys)}`);
    }
    assert.match(rows.find(([k]) => k === 'C')[1], /cue/, 'C is listed as setting the cue');
    assert.equal(await dialog.attribute('role'), 'dialog');
    await sc.screenshot('keys');
    await s.pressKey(Key.Escape);
    await ui.waitGone(s, ui.tid('keys-dialog'), { message: 'the keys dialog to close on Escape' });
    await ui.assertNoError(s, 'at the end');
    await sc.close();

    assert.equal(storedClaim(project, id).cue, null, 'after the app closed, the claim has no cue');
  });
});
