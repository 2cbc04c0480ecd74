// Turns the reader's DOM selection into a claim extent: code points, snapped outward to whole
// words unless Alt was held while selecting (then only whitespace is trimmed).

import { domPointToCp } from "../text/dom";
import { snapRange } from "../text/words";
import type { RenderedDocument } from "./render";

export interface Extent {
  start: number;
  end: number;
  quote: string;
}

export class ReaderSelection {
  /** Whether Alt was held during the current selection gesture. */
  private alt = false;

  constructor(
    private readonly root: HTMLElement,
    private readonly rendered: () => RenderedDocument | null,
    signal?: AbortSignal,
  ) {
    root.addEventListener("mousedown", (e) => {
      this.alt = e.altKey;
    });
    root.addEventListener("mouseup", (e) => {
      this.alt ||= e.altKey;
    });
    document.addEventListener("keydown", (e) => {
      // Keyboard selection (Shift+arrows): the modifier state of the last extending key.
      if (e.shiftKey && e.key.startsWith("Arrow")) this.alt = e.altKey;
    }, { signal });
  }

  /** Whether Alt was held during the current selection. */
  get exact(): boolean {
    return this.alt;
  }

  set exact(v: boolean) {
    this.alt = v;
  }

  /** The DOM range of the selection when it touches the reader's text. */
  domRange(): Range | null {
    const sel = document.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const range = sel.getRangeAt(0);
    if (!range.intersectsNode(this.root)) return null;
    return range;
  }

  /** The selection as a snapped code-point extent with its quote, or null. */
  extent(): Extent | null {
    const r = this.rendered();
    const range = this.domRange();
    if (!r || !range) return null;
    // An end outside the reader (a drag into the header or past the text) is clamped to it.
    const start = this.root.contains(range.startContainer)
      ? domPointToCp(this.root, range.startContainer, range.startOffset, "floor")
      : 0;
    const end = this.root.contains(range.endContainer)
      ? domPointToCp(this.root, range.endContainer, range.endOffset, "ceil")
      : r.model.length;
    if (start === null || end === null || end <= start) return null;
    const snapped = snapRange(r.model, start, end, this.alt);
    if (!snapped) return null;
    return { ...snapped, quote: r.model.slice(snapped.start, snapped.end) };
  }

  clear(): void {
    document.getSelection()?.removeAllRanges();
  }
}
