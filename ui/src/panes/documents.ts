// The documents pane: every document of the project with its claim count, plus import and the
// search box (whose results stand in for the list while shown). The list is virtual (only the
// rows near the view are in the DOM), so a project of 10,000 articles opens and scrolls at once.

import type { DocumentSummary } from "../ipc";
import { h } from "../dom";
import { VirtualList, remPx } from "./virtualList";

export interface DocumentsDeps {
  open(id: string): void;
  importFiles(): void;
  paste(): void;
}

/** A document row's height (rem): the title, then the publisher and tags on one line. */
const ROW_REM = 3.4;

export class DocumentsPane {
  readonly el: HTMLElement;
  private readonly list: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly rows: VirtualList<DocumentSummary>;
  /** Shows only the documents with a tag, when any document has one. */
  private readonly tagFilter = h("select", { class: "tag-filter", "data-testid": "tag-filter", "aria-label": "Show the documents with a tag", hidden: true });
  private last: { docs: readonly DocumentSummary[]; currentId: string | null } = { docs: [], currentId: null };
  /** Claim counts changed since the list was given (the open document's, as claims are coded). */
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly deps: DocumentsDeps,
    search?: { el: HTMLElement; results: HTMLElement },
  ) {
    const importBtn = h("button", { type: "button", "data-testid": "import-files", "aria-label": "Import article files (.txt, .md, .html, .docx)" }, "Import…");
    importBtn.addEventListener("click", () => {
      deps.importFiles();
    });
    const pasteBtn = h("button", { type: "button", "aria-label": "Paste an article as text" }, "Paste…");
    pasteBtn.addEventListener("click", () => {
      deps.paste();
    });
    this.list = h("div", { class: "doc-list", role: "list", "aria-label": "Documents" });
    this.scroller = h("div", { class: "doc-list-scroll" }, this.list);
    this.rows = new VirtualList<DocumentSummary>({
      scroller: this.scroller,
      list: this.list,
      rowHeight: () => remPx() * ROW_REM,
      key: (d) => d.id,
      signature: (d) => `${this.count(d)}|${d.title}|${d.publisher ?? ""}|${d.tags.join(",")}`,
      create: () => h("div", { class: "doc-row", role: "listitem" }),
      fill: (el, d) => {
        el.replaceChildren(this.item(d));
      },
      decorate: (el, d) => {
        const button = el.firstElementChild;
        const current = d.id === this.last.currentId;
        if (button && current !== button.hasAttribute("aria-current")) {
          if (current) button.setAttribute("aria-current", "true");
          else button.removeAttribute("aria-current");
        }
      },
      pinned: () => this.last.currentId,
    });
    this.list.addEventListener("click", (e) => {
      const id = (e.target as Element | null)?.closest("[data-doc-id]")?.getAttribute("data-doc-id");
      if (id) this.deps.open(id);
    });
    this.el = h(
      "nav",
      { class: "pane documents-pane", "aria-label": "Documents" },
      h("div", { class: "pane-head" }, h("h2", {}, "Documents"), h("div", { class: "pane-actions" }, importBtn, pasteBtn)),
      search?.el,
      this.tagFilter,
      search?.results,
      this.scroller,
    );
    this.tagFilter.addEventListener("change", () => {
      this.render(this.last.docs, this.last.currentId);
    });
  }

  /** Search results stand in for the list while they are shown. */
  showingResults(on: boolean): void {
    this.scroller.hidden = on;
  }

  render(all: readonly DocumentSummary[], currentId: string | null): void {
    this.last = { docs: all, currentId };
    this.counts.clear();
    this.renderTags(all);
    const tag = this.tagFilter.value;
    const docs = tag === "" ? all : all.filter((d) => d.tags.includes(tag));
    if (docs.length === 0) this.list.setAttribute("data-empty", "No documents yet. Import or paste an article.");
    else this.list.removeAttribute("data-empty");
    this.rows.setItems(docs);
    const i = currentId === null ? undefined : this.rows.index(currentId);
    if (i !== undefined) this.rows.reveal(i);
  }

  private count(d: DocumentSummary): number {
    return this.counts.get(d.id) ?? d.claim_count;
  }

  private item(d: DocumentSummary): HTMLElement {
    const count = this.count(d);
    const second = [d.publisher, d.tags.length > 0 ? d.tags.join(" · ") : null].filter((x): x is string => !!x);
    return h(
      "button",
      {
        type: "button",
        class: "doc-item",
        "data-testid": "doc-item",
        "data-doc-id": d.id,
        title: d.title,
        "aria-label": label(d.title, count),
      },
      h("span", { class: "doc-title-text" }, d.title),
      h("span", { class: "count", "data-testid": "doc-claim-count" }, String(count)),
      second.length > 0
        ? h(
            "span",
            { class: "doc-second" },
            d.publisher ? h("span", { class: "doc-publisher" }, d.publisher) : null,
            d.publisher && d.tags.length > 0 ? " · " : null,
            d.tags.length > 0 ? h("span", { class: "doc-tags", "data-testid": "doc-tags" }, d.tags.join(" · ")) : null,
          )
        : null,
    );
  }

  /** The tag filter lists every tag in use (keeping the one chosen while it is still in use). */
  private renderTags(docs: readonly DocumentSummary[]): void {
    const tags = [...new Set(docs.flatMap((d) => d.tags))].sort((a, b) => a.localeCompare(b));
    const chosen = tags.includes(this.tagFilter.value) ? this.tagFilter.value : "";
    this.tagFilter.replaceChildren(h("option", { value: "" }, "All documents"), ...tags.map((t) => h("option", { value: t }, `Tagged “${t}”`)));
    this.tagFilter.value = chosen;
    this.tagFilter.hidden = tags.length === 0;
  }

  /** Updates one document's claim count in place. */
  setCount(id: string, count: number): void {
    this.counts.set(id, count);
    this.rows.refresh();
  }

  focusCurrent(): void {
    const id = this.last.currentId;
    const i = id === null ? undefined : this.rows.index(id);
    if (i !== undefined) this.rows.reveal(i)?.querySelector("button")?.focus();
  }
}

function label(title: string, count: number): string {
  return `${title}, ${count} ${count === 1 ? "claim" : "claims"}`;
}
