// Renders a document into the reader: one <p data-start=CP> per line of the text, each holding
// exactly one text node (or none when the line is empty). This shape is what the offset
// conversions in text/dom.ts rely on, and what the highlight painter ranges over: claims are
// painted as ranges, never as wrapping elements (PRODUCT.md: "paints ranges, not elements").

import type { Document } from "../ipc";
import { TextModel } from "../text/offsets";
import { h } from "../dom";

export interface RenderedDocument {
  readonly doc: Document;
  readonly model: TextModel;
  /** The <p> of each line, by line index (made at once; put in the page a part at a time). */
  readonly paragraphs: readonly HTMLParagraphElement[];
  /** Puts every paragraph up to line `i` in the page now (to scroll to it, say). */
  attachThrough(i: number): void;
  /** Calls `f` with the paragraphs put in the page so far, and with each part put in later. */
  onAttach(f: (ps: readonly HTMLParagraphElement[]) => void): void;
  /** Stops putting paragraphs in the page (another document is shown). */
  stop(): void;
}

/** Characters of text put in the page at once: the first part is what opening shows (laying
 * out 1 MB of multilingual text at once blocks WebKitGTK for most of a second); the rest follow
 * in parts of this size, one task each, so frames keep coming while a book arrives. */
const PART_CHARS = 24_000;

/** Spaces that `white-space: normal` would not show as they are: leading or trailing, doubled,
 * tabs, no-break and other wide spaces are shown either way. */
const SPACES_THAT_COLLAPSE = /^[ \t]|[ \t]$|[ \t]{2}|\t/;

/** Fills `root` (the `reader` element) with the document's lines: the first part now, the rest
 * in later tasks. `root` carries `data-complete` once every line is in the page. */
export function renderText(root: HTMLElement, doc: Document): RenderedDocument {
  const model = new TextModel(doc.text);
  const paragraphs: HTMLParagraphElement[] = [];
  const headline = headlineIndex(doc);
  model.lines.forEach((line, i) => {
    const p = document.createElement("p");
    p.setAttribute("data-start", String(line.start));
    if (line.text.length > 0) p.append(document.createTextNode(line.text));
    else p.className = "spacer";
    if (i === headline) p.className = "headline";
    if (SPACES_THAT_COLLAPSE.test(line.text)) p.classList.add("ws");
    paragraphs.push(p);
  });
  let attached = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const listeners: ((ps: readonly HTMLParagraphElement[]) => void)[] = [];
  /** Puts lines [attached, end) in the page. */
  const attach = (end: number, first: boolean): void => {
    const part = paragraphs.slice(attached, end);
    if (part.length === 0 && !first) return;
    attached = end;
    const frag = document.createDocumentFragment();
    frag.append(...part);
    if (first) root.replaceChildren(frag);
    else root.append(frag);
    if (attached >= paragraphs.length) root.setAttribute("data-complete", "");
    for (const f of listeners) f(part);
  };
  /** The end of the part that starts at line `from`. */
  const partEnd = (from: number): number => {
    let chars = 0;
    let i = from;
    while (i < paragraphs.length && (i === from || chars < PART_CHARS)) {
      chars += (model.lines[i]?.length ?? 0) + 1;
      i++;
    }
    return i;
  };
  const next = (): void => {
    timer = null;
    attach(partEnd(attached), false);
    if (attached < paragraphs.length) timer = setTimeout(next, 0);
  };
  root.removeAttribute("data-complete");
  attach(partEnd(0), true);
  if (attached < paragraphs.length) timer = setTimeout(next, 0);
  return {
    doc,
    model,
    paragraphs,
    attachThrough: (i) => {
      if (i >= attached) attach(Math.min(paragraphs.length, i + 1), false);
    },
    onAttach: (f) => {
      listeners.push(f);
      f(paragraphs.slice(0, attached));
    },
    stop: () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      listeners.length = 0;
    },
  };
}

/**
 * The line of the text that is the document's title (a scraped or pasted article usually starts
 * with its headline), or -1. That line is shown as the headline, so the title is not shown twice;
 * it stays a line of the text, codable like any other.
 */
function headlineIndex(doc: Document): number {
  const lines = doc.text.split("\n");
  const first = lines.findIndex((l) => l.trim().length > 0);
  return first >= 0 && lines[first]?.trim() === doc.title.trim() ? first : -1;
}

/** The title (unless the text opens with it) and the source line above the text. */
export function renderHeader(header: HTMLElement, doc: Document | null): void {
  if (!doc) {
    header.replaceChildren();
    return;
  }
  const s = doc.source;
  const bits = [s.publisher, s.author, s.published ? formatDate(s.published) : null].filter(
    (x): x is string => typeof x === "string" && x.length > 0,
  );
  const title = headlineIndex(doc) >= 0 ? null : h("h1", { class: "doc-title" }, doc.title);
  if (bits.length === 0 && !s.url) {
    header.replaceChildren(...(title ? [title] : []));
    return;
  }
  const url = s.url ? h("span", { class: "doc-url", title: s.url }, (bits.length ? " · " : "") + s.url) : null;
  header.replaceChildren(...(title ? [title] : []), h("p", { class: "doc-source" }, bits.join(" · "), url));
}

function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleDateString(undefined, { year: "numeric", month: "long", day: "numeric" });
}
