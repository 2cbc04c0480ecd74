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
  /** The <p> of each line, by line index. */
  readonly paragraphs: readonly HTMLParagraphElement[];
}

/** Fills `root` (the `reader` element) with the document's lines. */
export function renderText(root: HTMLElement, doc: Document): RenderedDocument {
  const model = new TextModel(doc.text);
  const frag = document.createDocumentFragment();
  const paragraphs: HTMLParagraphElement[] = [];
  for (const line of model.lines) {
    const p = document.createElement("p");
    p.setAttribute("data-start", String(line.start));
    if (line.text.length > 0) p.append(document.createTextNode(line.text));
    else p.className = "spacer";
    paragraphs.push(p);
    frag.append(p);
  }
  root.replaceChildren(frag);
  return { doc, model, paragraphs };
}

/** The title and the source line above the text. */
export function renderHeader(header: HTMLElement, doc: Document | null): void {
  if (!doc) {
    header.replaceChildren();
    return;
  }
  const s = doc.source;
  const bits = [s.publisher, s.author, s.published ? formatDate(s.published) : null].filter(
    (x): x is string => typeof x === "string" && x.length > 0,
  );
  const title = h("h1", { class: "doc-title" }, doc.title);
  if (bits.length === 0 && !s.url) {
    header.replaceChildren(title);
    return;
  }
  const url = s.url ? h("span", { class: "doc-url", title: s.url }, (bits.length ? " · " : "") + s.url) : null;
  header.replaceChildren(title, h("p", { class: "doc-source" }, bits.join(" · "), url));
}

function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleDateString(undefined, { year: "numeric", month: "long", day: "numeric" });
}
