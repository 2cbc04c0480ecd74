// Scenario 15: a long document. The reader registers only the claims near its view (a book's
// 10,000 would slow every frame): a claim at the end is painted once the coder scrolls to it,
// one at the start no longer is, and jumping to a claim from the list paints it at once.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withScenario, importedProject, cliJson, waitUntil } from './lib/harness.mjs';
import * as ui from './lib/app.mjs';

const WORDS = ['harbour', 'officials', 'said', 'the', 'budget', 'café', 'Zürich', 'talks', 'would', 'resume', 'next', 'week'];
/** 400 lines of about 200 characters: many screens of text. */
const LINES = Array.from({ length: 400 }, (_, i) =>
  `Line ${i}: ${Array.from({ length: 30 }, (_, j) => WORDS[(i * 7 + j) % WORDS.length]).join(' ')}.`,
);
LINES[2] = 'The mayor 👍🏽 said the ferry would run all winter, according to the port.';
LINES[396] = 'Near the end 🇺🇦 the minister denied that the bridge had been sold.';
const TEXT = LINES.join('\n');

/** The code-point span of `phrase` in TEXT. */
function span(phrase) {
  const at = TEXT.indexOf(phrase);
  assert.ok(at >= 0, `${phrase} is in the text`);
  return [Array.from(TEXT.slice(0, at)).length, Array.from(TEXT.slice(0, at + phrase.length)).length];
}

const FIRST = 'the ferry would run all winter';
const LAST = 'the bridge had been sold';

/** The texts of the ranges the reader has registered as attributed claims. */
function registered(s) {
  return s.execute(`const h = CSS.highlights.get('claim-attributed'); return h ? Array.from(h).map((r) => r.toString()) : [];`);
}

test('a long document: the claims near the view are painted, wherever the coder scrolls', { timeout: 180_000 }, async () => {
  let project;
  let docs;
  const env = (sc) => {
    ({ project, docs } = importedProject(sc, 'long.claimcoder', 'long-report.txt', TEXT));
    for (const phrase of [FIRST, LAST]) {
      cliJson(project, ['claim', 'add', docs[0].id, ...span(phrase).map(String), '--status', 'attributed', '--as', 'Lena Long']);
    }
    return { CLAIMCODER_PROJECT: project, CLAIMCODER_CODER: 'Lena Long' };
  };
  await withScenario('15-long-document', { env }, async (sc) => {
    const s = await sc.launch();
    await ui.enterCoderNameIfAsked(s, 'Lena Long');
    await ui.openDocument(s, docs[0].title);

    await waitUntil(async () => (await registered(s)).includes(FIRST), { timeoutMs: 10_000, message: 'the first claim to be painted on opening' });
    assert.ok(!(await registered(s)).includes(LAST), 'the claim at the end, screens away, is not registered');

    // Scrolled to the end as a coder would: the last claim comes in, the first goes.
    await s.execute(`const pane = document.querySelector('.reader-pane'); pane.scrollTop = pane.scrollHeight;`);
    await waitUntil(async () => {
      const now = await registered(s);
      return now.includes(LAST) && !now.includes(FIRST);
    }, { timeoutMs: 10_000, message: 'the last claim painted and the first one dropped after scrolling to the end' });
    // Its line's gutter letter too (set a frame after the highlight).
    await waitUntil(
      () => s.execute(`return document.querySelector('[data-testid="reader"] p:nth-child(397)')?.getAttribute('data-badges') === 'A'`),
      { timeoutMs: 5_000, message: 'the gutter letter A beside the last claim\'s line' },
    );
    await sc.screenshot('end');

    // Back to the top by jumping to the first claim from the claims list.
    const items = await ui.claimItems(s);
    assert.equal(items.length, 2, `both claims are listed: ${JSON.stringify(items)}`);
    await s.execute(`document.querySelectorAll('[data-testid="claim-item"]')[0].click();`);
    await waitUntil(async () => (await registered(s)).includes(FIRST), { timeoutMs: 10_000, message: 'the first claim painted after jumping to it' });
    const top = await s.execute(`return document.querySelector('.reader-pane').scrollTop;`);
    assert.ok(top < 2_000, `the reader went back to the start (scrollTop ${top})`);
    await ui.assertNoError(s, 'scrolling a long document');
  });
});
