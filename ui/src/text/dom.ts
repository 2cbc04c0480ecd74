// The DOM edge of the offsets rule: the reader renders line i of the text as one <p> whose
// data-start is the line's first code point and whose only child (if any) is one text node.
// These functions convert DOM (node, UTF-16 offset) points to code points and back.

import { type TextModel, utf16ToCp } from "./offsets";

/** The code-point offset of DOM point (node, offset) in the text rendered under `root`, or
 * null when the point is outside it. `round` says where a point inside a surrogate pair goes. */
export function domPointToCp(
  root: Element,
  node: Node,
  offset: number,
  round: "floor" | "ceil" = "floor",
): number | null {
  if (!root.contains(node)) return null;
  if (node === root) {
    // A point between paragraphs (e.g. after a triple click): the start of the next one,
    // or the end of the last one.
    const next = root.childNodes[offset];
    if (next instanceof Element) return paragraphStart(next);
    const last = root.lastElementChild;
    return last ? paragraphEnd(last) : 0;
  }
  const p = paragraphOf(root, node);
  if (!p) return null;
  const start = paragraphStart(p);
  const text = p.textContent;
  let u16 = 0;
  if (node === p) {
    for (let i = 0; i < offset && i < p.childNodes.length; i++) {
      u16 += p.childNodes[i]?.textContent?.length ?? 0;
    }
  } else {
    // Count the text before `node` inside the paragraph, then add the offset within it.
    const walker = p.ownerDocument.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t && t !== node; t = walker.nextNode()) {
      if (t.contains(node)) break;
      u16 += t.textContent?.length ?? 0;
    }
    u16 += node.nodeType === Node.TEXT_NODE ? offset : 0;
  }
  return start + utf16ToCp(text, u16, round);
}

function paragraphOf(root: Element, node: Node): Element | null {
  const el = node instanceof Element ? node : node.parentElement;
  const p = el?.closest("p[data-start]") ?? null;
  return p && root.contains(p) ? p : null;
}

function paragraphStart(p: Element): number {
  return Number(p.getAttribute("data-start") ?? "0");
}

function paragraphEnd(p: Element): number {
  return paragraphStart(p) + utf16ToCp(p.textContent, p.textContent.length);
}

/** The DOM point of code point `cp`, given the rendered paragraph of each line. */
export function cpToDomPoint(
  model: TextModel,
  paragraphs: readonly Element[],
  cp: number,
): { node: Node; offset: number } {
  const i = model.lineAt(cp);
  const p = paragraphs[i];
  if (!p) throw new RangeError(`paragraph ${i} is not rendered`);
  const text = p.firstChild;
  if (!text) return { node: p, offset: 0 };
  return { node: text, offset: model.lineUtf16(i, cp) };
}

/** A DOM Range over code points [start, end). */
export function cpRangeToDom(
  model: TextModel,
  paragraphs: readonly Element[],
  start: number,
  end: number,
): Range {
  const a = cpToDomPoint(model, paragraphs, start);
  const b = cpToDomPoint(model, paragraphs, Math.max(start, end));
  const range = (paragraphs[0]?.ownerDocument ?? document).createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  return range;
}
