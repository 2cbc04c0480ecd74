// What a user does in Claimcoder, in terms of the test hooks of docs/ui-contract.md.

import { Key } from './webdriver.mjs';
import { waitUntil } from './harness.mjs';

export { Key };

/** CSS selector of a test hook. */
export const tid = (id) => `[data-testid="${id}"]`;

// Returns the first element matching arguments[0] that is rendered (has a box and is not hidden).
const FIND_VISIBLE_JS = `
  for (const el of document.querySelectorAll(arguments[0])) {
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    if ((r.width > 0 || r.height > 0) && cs.visibility !== 'hidden' && cs.display !== 'none') return el;
  }
  return null;`;

/** Waits until an element matching `css` is shown; returns it. */
export function waitFor(session, css, { timeoutMs = 10_000, message } = {}) {
  return waitUntil(() => session.execute(FIND_VISIBLE_JS, [css], { step: `look for ${css}` }), {
    timeoutMs,
    message: message ?? `${css} to be shown`,
  });
}

/** The shown element matching `css`, or null (no waiting). */
export function visible(session, css) {
  return session.execute(FIND_VISIBLE_JS, [css], { step: `look for ${css}` });
}

/** Waits until no element matching `css` is shown. */
export function waitGone(session, css, { timeoutMs = 10_000, message } = {}) {
  return waitUntil(async () => !(await visible(session, css)), {
    timeoutMs,
    message: message ?? `${css} to go away`,
  });
}

/** Clicks the shown element matching `css` (waiting for it first). */
export async function click(session, css, opts) {
  const el = await waitFor(session, css, opts);
  el.description = css;
  await el.click();
  return el;
}

/** The reader's paragraphs as the DOM shows them: [{ start (code point), text }]. */
export function readerParagraphs(session) {
  return session.execute(
    `const reader = document.querySelector('[data-testid="reader"]');
     if (!reader) return null;
     return Array.from(reader.querySelectorAll('p')).map((p) => ({
       start: p.hasAttribute('data-start') ? Number(p.getAttribute('data-start')) : null,
       text: p.textContent,
     }));`,
    [],
    { step: 'read the reader paragraphs' },
  );
}

/** Waits for the reader to show the whole text (a long one comes into the page a part at a
 * time; the reader has data-complete once it is all there); returns its paragraphs. */
export function waitForReaderText(session, { timeoutMs = 15_000 } = {}) {
  return waitUntil(
    async () => {
      const done = await session.execute(`return !!document.querySelector('[data-testid="reader"][data-complete]')`);
      const ps = done ? await readerParagraphs(session) : null;
      return ps && ps.some((p) => p.text.trim().length > 0) ? ps : null;
    },
    { timeoutMs, message: 'the reader ([data-testid=reader]) to show the whole article text (data-complete)' },
  );
}

/**
 * Picks `count` phrases of `words` whole words (letters only, bounded by spaces or the ends of
 * the line, so that snapping to words cannot change them), each from a different paragraph and
 * each occurring once in the whole text.
 */
export function pickPhrases(paragraphs, count, { words = 4, skip = 0 } = {}) {
  const all = paragraphs.map((p) => p.text).join('\n');
  const re = new RegExp(`(?<=^|\\s)\\p{L}{2,}(?: \\p{L}{2,}){${words - 1}}(?=\\s|$)`, 'gu');
  const picked = [];
  let skipped = 0;
  for (const p of paragraphs) {
    if (picked.length >= count) break;
    for (const m of p.text.matchAll(re)) {
      const phrase = m[0];
      if (all.indexOf(phrase) !== all.lastIndexOf(phrase)) continue;
      if (skipped < skip) {
        skipped += 1;
        break;
      }
      picked.push(phrase);
      break;
    }
  }
  if (picked.length < count) {
    throw new Error(`could not find ${count} unique ${words}-word phrases in separate paragraphs of the reader`);
  }
  return picked;
}

/**
 * Selects `phrase` in the reader as a user's drag would leave it: a DOM Range over the text
 * nodes that hold it (the phrase must lie within one paragraph). Returns where it is, computed
 * in the page: { start, end } in code points of the document (the paragraph's data-start plus
 * the code points before the phrase in it), the UTF-16 offset within the paragraph and the
 * selected text.
 */
export async function selectPhrase(session, phrase, { occurrence = 0, within = '[data-testid="reader"]' } = {}) {
  const r = await session.execute(
    `const [phrase, occurrence, within] = arguments;
     const reader = document.querySelector(within);
     if (!reader) return { error: 'no ' + within + ' in the page' };
     // A user clicks into the reader first: no text field keeps the focus.
     const active = document.activeElement;
     if (active && active !== document.body && active.matches('input, textarea, select, [contenteditable]')) active.blur();
     let seen = 0;
     for (const p of reader.querySelectorAll('p')) {
       const text = p.textContent;
       let idx = text.indexOf(phrase);
       while (idx >= 0 && seen < occurrence) { seen++; idx = text.indexOf(phrase, idx + 1); }
       if (idx < 0) continue;
       const from = idx, to = idx + phrase.length;
       const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
       let pos = 0, startNode = null, startOff = 0, endNode = null, endOff = 0, n;
       while ((n = walker.nextNode())) {
         const len = n.data.length;
         if (!startNode && from < pos + len) { startNode = n; startOff = from - pos; }
         if (!endNode && to <= pos + len) { endNode = n; endOff = to - pos; break; }
         pos += len;
       }
       if (!startNode || !endNode) return { error: 'could not map the phrase to text nodes' };
       p.scrollIntoView({ block: 'center' });
       const range = document.createRange();
       range.setStart(startNode, startOff);
       range.setEnd(endNode, endOff);
       const sel = window.getSelection();
       sel.removeAllRanges();
       sel.addRange(range);
       const pStart = p.hasAttribute('data-start') ? Number(p.getAttribute('data-start')) : null;
       const before = Array.from(text.slice(0, idx)).length;
       return {
         paragraphStart: pStart,
         start: pStart === null ? null : pStart + before,
         end: pStart === null ? null : pStart + before + Array.from(phrase).length,
         utf16InParagraph: idx,
         selected: sel.toString(),
       };
     }
     return { error: 'phrase not found in ' + within };`,
    [phrase, occurrence, within],
    { step: `select ${JSON.stringify(phrase)} in ${within}` },
  );
  if (r?.error) throw new Error(`selecting ${JSON.stringify(phrase)}: ${r.error}`);
  if (r.selected !== phrase) throw new Error(`selected ${JSON.stringify(r.selected)} instead of ${JSON.stringify(phrase)}`);
  return r;
}

/** The claims pane as the user sees it: the claim-items' attributes, in pane order. */
export function claimItems(session) {
  return session.execute(
    `return Array.from(document.querySelectorAll('[data-testid="claim-item"]')).map((el) => ({
       id: el.getAttribute('data-claim-id'),
       status: el.getAttribute('data-status'),
       speaker: el.getAttribute('data-speaker'),
       start: el.hasAttribute('data-start') ? Number(el.getAttribute('data-start')) : null,
       end: el.hasAttribute('data-end') ? Number(el.getAttribute('data-end')) : null,
       text: el.textContent,
     }));`,
    [],
    { step: 'read the claim-items' },
  );
}

/** Waits until the claim-items satisfy `pred(items)`; returns the items. */
export async function waitForClaims(session, pred, message) {
  let last;
  try {
    return await waitUntil(
      async () => {
        last = await claimItems(session);
        return pred(last) ? last : null;
      },
      { timeoutMs: 10_000, message },
    );
  } catch (e) {
    e.message += `\nclaim-items shown: ${JSON.stringify(last, null, 1)}`;
    throw e;
  }
}

/** Text of the shown error-banner, or null. */
export async function errorBanner(session) {
  const el = await visible(session, tid('error-banner'));
  if (!el) return null;
  const text = (await el.text()).trim();
  return text || null;
}

/** Throws if an error-banner with text is shown (an unexpected error in a happy path). */
export async function assertNoError(session, during) {
  const text = await errorBanner(session);
  if (text) throw new Error(`the app shows an error ${during}: ${JSON.stringify(text)}`);
}

/** First run: the coder dialog asks for a name; type it and save. */
export async function enterCoderName(session, name) {
  await waitFor(session, tid('coder-dialog'), { timeoutMs: 15_000, message: 'the coder dialog (first run)' });
  const input = await waitFor(session, tid('coder-name'));
  input.description = 'coder-name';
  await input.click();
  await input.sendKeys(name);
  await click(session, tid('coder-save'));
  await waitGone(session, tid('coder-dialog'), { message: 'the coder dialog to close after saving the name' });
}

/**
 * Codes the current selection by pressing `key` ('1' attributed, '2' disputed, '3' unverified);
 * waits for the claim editor and returns the new claim's id.
 */
export async function codeSelectionWithKey(session, key) {
  const before = new Set((await claimItems(session)).map((c) => c.id));
  await session.pressKey(key);
  const editor = await waitFor(session, tid('claim-editor'), { message: `the claim editor after pressing ${key}` });
  const id = await waitUntil(
    async () => {
      const v = await editor.attribute('data-claim-id');
      return v && !before.has(v) ? v : null;
    },
    { message: `the claim editor to hold the new claim (data-claim-id) after pressing ${key}` },
  );
  return id;
}

/**
 * In the open claim editor: types a new speaker's name, chooses "create …", picks its kind and
 * confirms it (the "Add speaker" button, `speaker-create-confirm`, or Enter in the kind field).
 */
export async function createSpeakerInEditor(session, name, kind) {
  const input = await waitFor(session, `${tid('claim-editor')} ${tid('speaker-input')}`, {
    message: 'speaker-input in the claim editor',
  });
  input.description = 'speaker-input';
  await input.click();
  await input.sendKeys(name);
  await click(session, tid('speaker-create'), { message: `the speaker-create suggestion after typing ${JSON.stringify(name)}` });
  await waitFor(session, tid('speaker-kind'), { message: 'the speaker-kind <select> after choosing speaker-create' });
  const option = await session.find(`${tid('speaker-kind')} option[value="${kind}"]`);
  if (!option) throw new Error(`speaker-kind has no <option value="${kind}">`);
  option.description = `speaker-kind option ${kind}`;
  await option.click();
  const chosen = await session.execute(`return document.querySelector(arguments[0]).value`, [tid('speaker-kind')]);
  if (chosen !== kind) throw new Error(`speaker-kind shows ${JSON.stringify(chosen)} after choosing ${kind}`);
  const confirm = await visible(session, tid('speaker-create-confirm'));
  if (confirm) {
    confirm.description = 'speaker-create-confirm';
    await confirm.click();
  } else {
    await session.execute('document.querySelector(arguments[0]).focus()', [tid('speaker-kind')]);
    await session.pressKey(Key.Enter, [], { step: 'press Enter in speaker-kind to confirm the new speaker' });
  }
  await waitGone(session, tid('speaker-kind'), { message: 'the speaker-kind field to close once the new speaker is confirmed' });
}

/** Closes the claim editor with its done button. */
export async function editorDone(session) {
  await click(session, tid('editor-done'));
  await waitGone(session, tid('claim-editor'), { message: 'the claim editor to close after editor-done' });
}

/**
 * On a project the app may or may not know a coder for: enters `name` if the coder dialog shows.
 * Returns whether it did.
 */
export async function enterCoderNameIfAsked(session, name) {
  await waitUntil(
    async () => (await visible(session, tid('coder-dialog'))) || (await visible(session, tid('doc-item'))),
    { timeoutMs: 15_000, message: 'the coder dialog or a doc-item' },
  );
  // The dialog can follow the documents pane by a moment (both wait for the backend).
  const dialog = await waitUntil(() => visible(session, tid('coder-dialog')), { timeoutMs: 1_500 }).catch(() => null);
  if (!dialog) return false;
  await enterCoderName(session, name);
  return true;
}

/** Opens the document whose doc-item's text contains `title` (if not open yet); returns the reader's paragraphs. */
export async function openDocument(session, title) {
  const item = await waitUntil(
    () =>
      session.execute(
        `return Array.from(document.querySelectorAll('[data-testid="doc-item"]')).find((el) => el.textContent.includes(arguments[0])) ?? null;`,
        [title],
      ),
    { timeoutMs: 15_000, message: `a doc-item titled ${JSON.stringify(title)}` },
  );
  item.description = `doc-item ${title}`;
  if ((await item.attribute('aria-current')) !== 'true') await item.click();
  // Asked afresh each time: the list is drawn anew when a document opens.
  await waitUntil(
    () =>
      session.execute(
        `return Array.from(document.querySelectorAll('[data-testid="doc-item"][aria-current="true"]')).some((el) => el.textContent.includes(arguments[0]));`,
        [title],
      ),
    { message: `doc-item ${JSON.stringify(title)} to be marked aria-current="true" once open` },
  );
  return waitForReaderText(session);
}

/** In the open claim editor: types `text` (BMP only, see Element.sendKeys) into the note field. */
export async function typeNote(session, text) {
  const note = await waitFor(session, `${tid('claim-editor')} ${tid('note-input')}`, { message: 'note-input in the claim editor' });
  note.description = 'note-input';
  await note.click();
  await note.sendKeys(text);
}
