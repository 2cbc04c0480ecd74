// Helpers for the component tests (jsdom).

import type { Claim, Document } from "../ipc";

/** Selects UTF-16 [from, to) of the text of paragraph `p` in the document's selection. */
export function selectInParagraph(p: Element, from: number, to: number): Range {
  const text = p.firstChild;
  if (!text) throw new Error("empty paragraph");
  const range = document.createRange();
  range.setStart(text, from);
  range.setEnd(text, to);
  const sel = document.getSelection();
  if (!sel) throw new Error("no selection object");
  sel.removeAllRanges();
  sel.addRange(range);
  return range;
}

export function key(target: EventTarget, k: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const e = new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(e);
  return e;
}

export function byTestId(id: string, root: ParentNode = document): HTMLElement {
  const el = root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`no [data-testid="${id}"]`);
  return el;
}

/** The element with a test id, checked to be of a given type (an input, a select…). */
export function field<T extends HTMLElement>(id: string, type: new () => T): T {
  const el = byTestId(id);
  if (!(el instanceof type)) throw new Error(`[data-testid="${id}"] is a ${el.tagName}`);
  return el;
}

export function doc(text: string, id = "d1"): Document {
  return {
    id,
    title: "Test",
    text,
    source: { url: null, publisher: null, author: null, published: null },
    tags: [],
    length: [...text].length,
    version: 1,
    created: "2025-01-01T00:00:00Z",
  };
}

export function claim(id: string, start: number, end: number, status: Claim["status"] = "attributed", document = "d1"): Claim {
  return {
    id,
    document,
    start,
    end,
    quote: "",
    status,
    speaker: null,
    cue: null,
    note: null,
    coder: "c1",
  };
}

/** Code-point offset of the first occurrence of `needle` in `text`. */
export function cpOf(text: string, needle: string): number {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`${needle} not in text`);
  return [...text.slice(0, i)].length;
}
