// The text around a unit, shown in the decision panel so that an adjudicator's Edit can take a
// free span: select words in it and "Use selection". Only the lines around the unit are
// rendered (a book stays cheap); each is a <p data-start> like the reader's, so the reader's
// DOM-to-code-point conversion and word snapping serve here too.

import { h } from "../dom";
import { domPointToCp } from "../text/dom";
import type { TextModel } from "../text/offsets";
import { snapRange } from "../text/words";

/** Lines of context shown before and after the unit's own lines. */
const CONTEXT_LINES = 2;

export class Passage {
  readonly el: HTMLElement;

  constructor(private readonly model: TextModel) {
    this.el = h("div", { class: "review-passage", "data-testid": "edit-passage", "aria-label": "The unit's text: select the words of your claim" });
  }

  /** Shows the lines around `start..end`, the unit's own passage marked. */
  show(start: number, end: number): void {
    const first = Math.max(0, this.model.lineAt(start) - CONTEXT_LINES);
    const last = Math.min(this.model.lines.length - 1, this.model.lineAt(end) + CONTEXT_LINES);
    const paragraphs: HTMLElement[] = [];
    for (let i = first; i <= last; i++) {
      const line = this.model.line(i);
      paragraphs.push(h("p", { "data-start": String(line.start) }, line.text));
    }
    this.el.replaceChildren(...paragraphs);
  }

  /** The current selection inside the passage, snapped to whole words (exact with `exact`),
   * in code points of the document; null when nothing in the passage is selected. */
  selection(exact = false): { start: number; end: number } | null {
    const sel = this.el.ownerDocument.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const range = sel.getRangeAt(0);
    const start = domPointToCp(this.el, range.startContainer, range.startOffset, "floor");
    const end = domPointToCp(this.el, range.endContainer, range.endOffset, "ceil");
    if (start === null || end === null) return null;
    return snapRange(this.model, start, end, exact);
  }

  quote(start: number, end: number): string {
    return this.model.slice(start, end);
  }
}
