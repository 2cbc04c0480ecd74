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
      this.list,
    );
  }

  /** Search results stand in for the list while they are shown. */
  showingResults(on: boolean): void {
    this.list.hidden = on;
  }

  render(docs: readonly DocumentSummary[], currentId: string | null): void {
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
