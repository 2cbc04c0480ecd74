// The code toolbar follows the reader's selection: it appears by a finished selection (mouse,
// or Shift with the keyboard), moves with the text when the reader scrolls, and goes when the
// selection does.

import type { Extent, ReaderSelection } from "../reader/selection";
import type { CodeToolbar } from "./toolbar";

export interface FollowDeps {
  /** The reader's text root, where selections are made. */
  reader: HTMLElement;
  /** The scrolling pane around it. */
  readerPane: HTMLElement;
  selection: ReaderSelection;
  toolbar: CodeToolbar;
  /** A selection was finished with this extent (remembered for "Set extent to selection"). */
  selected(extent: Extent): void;
}

/** Wires the toolbar to the selection; the document-level listener ends when `signal` aborts. */
export function followSelection(deps: FollowDeps, signal: AbortSignal): void {
  const { reader, readerPane, selection, toolbar } = deps;
  const update = (): void => {
    const range = selection.domRange();
    const ext = range ? selection.extent() : null;
    if (!range || !ext) {
      toolbar.hide();
      return;
    }
    deps.selected(ext);
    const rect = typeof range.getBoundingClientRect === "function" ? range.getBoundingClientRect() : null;
    toolbar.show(rect);
  };
  const afterSelect = (): void => {
    // Let the browser settle the selection (a click inside a selection collapses it late).
    setTimeout(update, 0);
  };
  reader.addEventListener("mouseup", afterSelect);
  reader.addEventListener("keyup", (e) => {
    if (e.shiftKey) afterSelect();
  });
  document.addEventListener("selectionchange", () => {
    if (toolbar.visible && !selection.domRange()) toolbar.hide();
  }, { signal });
  readerPane.addEventListener("scroll", () => {
    if (toolbar.visible) update();
  }, { passive: true });
}
