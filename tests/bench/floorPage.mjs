// The page the app's benchmark shows in WebKitGTK's MiniBrowser as the floor beside the app
// (tests/bench/ui.mjs, "floor"): the engine alone, with the same text and the same work a
// coded claim asks of it.

/** A page with the book's text and nothing else: one <p> per line in the reader's column and
 * type, made by a script from the text as the app's reader makes it. Key "2" does what the
 * engine is asked when a claim is coded: it clears the selection and adds one highlight over
 * it (the benchmark selects words on screen as it does in the app), and it marks the moments
 * the app marks: the key, and the task after the next frame. */
export function floorPage(text) {
  const json = JSON.stringify(text).replace(/</g, '\\u003c');
  return `<!doctype html><html><head><meta charset="utf-8"><title>floor</title><style>
html, body { margin: 0; height: 100%; }
.pane { height: 100vh; overflow: auto; }
article { max-width: 70ch; margin: 0 auto; padding: 2rem 2rem 40vh 4.5rem;
  font-family: "Noto Serif", "DejaVu Serif", Georgia, "Times New Roman", serif;
  font-size: 1.125rem; line-height: 1.7; unicode-bidi: plaintext; }
p { margin: 0; overflow-wrap: break-word; unicode-bidi: plaintext; }
p.spacer { height: 0.85em; }
::highlight(c) { background-color: rgba(40, 120, 200, 0.25); text-decoration-line: underline; }
</style></head><body><div class="pane reader-pane"><article id="reader" data-testid="reader"></article></div>
<script>
const text = ${json};
const root = document.getElementById('reader');
const frag = document.createDocumentFragment();
for (const line of text.split('\\n')) {
  const p = document.createElement('p');
  if (line) p.append(line); else p.className = 'spacer';
  frag.append(p);
}
root.append(frag);
root.setAttribute('data-complete', '');
const hl = new Highlight();
CSS.highlights.set('c', hl);
addEventListener('keydown', (e) => {
  const sel = getSelection();
  if (e.key !== '2' || sel.rangeCount === 0 || sel.isCollapsed) return;
  performance.clearMarks('code:key');
  performance.mark('code:key');
  const range = sel.getRangeAt(0).cloneRange();
  sel.removeAllRanges();
  hl.add(range);
  requestAnimationFrame(() => setTimeout(() => {
    performance.clearMarks('code:painted');
    performance.mark('code:painted');
  }, 0));
});
</script></body></html>`;
}
