// The documents pane: every document of the project with its claim count, plus import and the
// search box (whose results stand in for the list while shown).

import type { DocumentSummary } from "../ipc";
import { h } from "../dom";

export interface DocumentsDeps {
  open(id: string): void;
  importFiles(): void;
  paste(): void;
}

export class DocumentsPane {
  readonly el: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly items = new Map<string, HTMLElement>();
  /** Shows only the documents with a tag, when any document has one. */
  private readonly tagFilter = h("select", { class: "tag-filter", "data-testid": "tag-filter", "aria-label": "Show the documents with a tag", hidden: true });
  private last: { docs: readonly DocumentSummary[]; currentId: string | null } = { docs: [], currentId: null };

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
    this.list = h("ul", { class: "doc-list", "aria-label": "Documents" });
    this.el = h(
      "nav",
      { class: "pane documents-pane", "aria-label": "Documents" },
      h("div", { class: "pane-head" }, h("h2", {}, "Documents"), h("div", { class: "pane-actions" }, importBtn, pasteBtn)),
      search?.el,
      search?.results,
      this.tagFilter,
      this.list,
    );
    this.tagFilter.addEventListener("change", () => {
      this.render(this.last.docs, this.last.currentId);
    });
  }

  /** Search results stand in for the list while they are shown. */
  showingResults(on: boolean): void {
    this.list.hidden = on;
  }

  render(all: readonly DocumentSummary[], currentId: string | null): void {
    this.last = { docs: all, currentId };
    this.renderTags(all);
    const tag = this.tagFilter.value;
    const docs = tag === "" ? all : all.filter((d) => d.tags.includes(tag));
    this.items.clear();
    if (docs.length === 0) {
      this.list.replaceChildren(h("li", { class: "empty" }, "No documents yet. Import or paste an article."));
      return;
    }
    this.list.replaceChildren(
      ...docs.map((d) => {
        const count = h("span", { class: "count", "data-testid": "doc-claim-count" }, String(d.claim_count));
        const btn = h(
          "button",
          {
            type: "button",
            class: "doc-item",
            "data-testid": "doc-item",
            "data-doc-id": d.id,
            "aria-current": d.id === currentId ? "true" : undefined,
            title: d.title,
            "aria-label": label(d.title, d.claim_count),
          },
          h("span", { class: "doc-title-text" }, d.title),
          d.publisher ? h("span", { class: "doc-publisher" }, d.publisher) : null,
          d.tags.length > 0 ? h("span", { class: "doc-tags", "data-testid": "doc-tags" }, d.tags.join(" · ")) : null,
          count,
        );
        btn.addEventListener("click", () => {
          this.deps.open(d.id);
        });
        this.items.set(d.id, btn);
        return h("li", {}, btn);
      }),
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
    const item = this.items.get(id);
    const el = item?.querySelector('[data-testid="doc-claim-count"]');
    if (!item || !el) return;
    el.textContent = String(count);
    item.setAttribute("aria-label", label(item.title, count));
  }

  focusCurrent(): void {
    this.list.querySelector<HTMLElement>('[aria-current="true"]')?.focus();
  }
}

function label(title: string, count: number): string {
  return `${title}, ${count} ${count === 1 ? "claim" : "claims"}`;
}
