// Scenario 3: text outside the BMP. Selections after and across emoji (flags, skin tones, ZWJ
// families), combining marks, CJK and Arabic land on the right Unicode code-point offsets — the
// one unit of the whole system — and never on UTF-16 ones.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withScenario, cliJson, importedProject } from './lib/harness.mjs';
import * as ui from './lib/app.mjs';

const TEXT = [
  'Emoji field report 🇺🇦',
  'Kyiv 🇺🇦 residents 👍🏽 said the convoy arrived on time, according to officials.',
  'Cafe\u0301 owners in Zu\u0308rich said prices rose; see the 東京 and 北京 desks for more.',
  'مرحبا بالعالم read the Arabic headline, and the 🧑🏽‍🚒 firefighters union praised the response.',
  'The final 😀😀 line mentions the 👨‍👩‍👧‍👦 family contingent arriving safely today.',
].join('\n');

// [phrase, key, status]: after emoji; after Arabic and an emoji ZWJ sequence; with a ZWJ family
// inside; after combining marks, with CJK inside.
const CODINGS = [
  ['said the convoy arrived', '1', 'attributed'],
  ['firefighters union praised', '2', 'disputed'],
  ['the 👨‍👩‍👧‍👦 family contingent arriving', '3', 'unverified'],
  ['see the 東京 and 北京 desks', '1', 'attributed'],
];

const cp = (s) => Array.from(s).length;

/** Code-point span of `phrase` in TEXT, computed by Array.from indexing. */
function codePointSpan(phrase) {
  const chars = Array.from(TEXT);
  const want = Array.from(phrase);
  for (let i = 0; i + want.length <= chars.length; i++) {
    if (want.every((c, j) => chars[i + j] === c)) return { start: i, end: i + want.length };
  }
  throw new Error(`${phrase} is not in the test text`);
}

test('selections after and across emoji are stored at code-point offsets', { timeout: 180_000 }, async () => {
  let project;
  let docs;
  const env = (sc) => {
    ({ project, docs } = importedProject(sc, 'emoji.claimcoder', 'emoji-field-report.txt', TEXT));
    return { CLAIMCODER_PROJECT: project };
  };
  await withScenario('3-emoji-offsets', { env }, async (sc) => {
    assert.equal(docs.length, 1, `one imported document: ${JSON.stringify(docs)}`);
    assert.equal(docs[0].length, cp(TEXT), 'the imported document keeps the text as written (length in code points)');

    const s = await sc.launch();
    await ui.enterCoderNameIfAsked(s, 'Uma Unicode');
    const paragraphs = await ui.openDocument(s, docs[0].title);

    // The reader shows the text as written, one <p> per line, each at its first code point.
    assert.deepEqual(
      paragraphs.map((p) => p.text),
      TEXT.split('\n'),
      'the reader shows each line of the text exactly',
    );
    let at = 0;
    for (const [i, line] of TEXT.split('\n').entries()) {
      assert.equal(paragraphs[i].start, at, `data-start of line ${i + 1} is its first code point`);
      at += cp(line) + 1;
    }

    const made = [];
    for (const [phrase, key, status] of CODINGS) {
      const want = codePointSpan(phrase);
      assert.notEqual(TEXT.indexOf(phrase), want.start, 'the test phrase lies where UTF-16 and code points differ');
      const sel = await ui.selectPhrase(s, phrase);
      assert.deepEqual([sel.start, sel.end], [want.start, want.end], 'the reader places the selection at these code points');
      const id = await ui.codeSelectionWithKey(s, key);
      await ui.editorDone(s);
      await ui.assertNoError(s, `after coding ${JSON.stringify(phrase)}`);
      const items = await ui.waitForClaims(
        s,
        (items) => items.some((c) => c.id === id && c.status === status),
        `claim-item ${id} (${phrase}) with data-status=${status}`,
      );
      const item = items.find((c) => c.id === id);
      assert.deepEqual([item.start, item.end], [want.start, want.end], `claim-item data-start/data-end of ${JSON.stringify(phrase)}`);
      made.push({ id, phrase, status, ...want });
    }
    await sc.screenshot('coded');
    await sc.close();

    const claims = cliJson(project, ['claims']);
    assert.equal(claims.length, made.length, `claims in the project: ${JSON.stringify(claims)}`);
    for (const m of made) {
      const c = claims.find((x) => x.id === m.id);
      assert.ok(c, `claim ${m.id} is in the project file`);
      assert.deepEqual(
        { quote: c.quote, start: c.start, end: c.end, status: c.status },
        { quote: m.phrase, start: m.start, end: m.end, status: m.status },
        `stored claim for ${JSON.stringify(m.phrase)} (code points, end exclusive)`,
      );
      assert.equal(Array.from(TEXT).slice(c.start, c.end).join(''), c.quote, 'the quote is the text at its code-point span');
    }
  });
});
