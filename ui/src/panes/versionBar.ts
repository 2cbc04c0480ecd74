// Under the open document's title: which version of the article it is, a switch to the others,
// "Import new version…" (the claims are carried over by the core; the old version stays as it
// was), and "Details…" (title, source, tags, delete).

import type { Document, DocumentSummary, DocumentVersion, Ipc, VersionImport } from "../ipc";
import { h } from "../dom";

export interface VersionDeps {
  ipc: Ipc;
  open(id: string): void;
  imported(r: VersionImport): void;
  /** Opens the document's details (title, source, tags, delete). */
  details(): void;
  showError(e: unknown): void;
}

/** "12 carried: 9 on the same words, 1 moved, 1 changed, 1 orphaned; 2 to look at". */
export function describeImport(r: VersionImport): string {
  const parts = [
    `${r.exact} on the same words`,
    r.moved > 0 ? `${r.moved} moved` : "",
    r.fuzzy > 0 ? `${r.fuzzy} on changed words` : "",
    r.orphaned > 0 ? `${r.orphaned} orphaned (words gone)` : "",
  ].filter((p) => p !== "");
  const look = r.to_review + r.orphaned > 0 ? `; ${r.to_review + r.orphaned} to look at` : "";
  return `Version ${r.document.version}: ${r.carried.length} claims carried, ${parts.join(", ")}${look}.`;
}

export class VersionBar {
  readonly el = h("div", { class: "version-bar", "data-testid": "version-bar", hidden: true });
  private readonly select = h("select", { "data-testid": "version-select", "aria-label": "Version of this article" });
  private readonly importBtn = h("button", { type: "button", "data-testid": "import-version", title: "Import an edited version of this article; its claims are carried over" }, "Import new version…");
  private readonly detailsBtn = h("button", { type: "button", "data-testid": "document-details", title: "Title, source, tags; delete" }, "Details…");
  private doc: Document | null = null;

  constructor(private readonly deps: VersionDeps) {
    this.select.addEventListener("change", () => {
      if (this.select.value !== this.doc?.id) deps.open(this.select.value);
    });
    this.detailsBtn.addEventListener("click", () => {
      deps.details();
    });
    this.importBtn.addEventListener("click", () => {
      const doc = this.doc;
      if (!doc) return;
      deps.ipc
        .importVersionDialog(doc.id)
        .then((r) => {
          if (r) deps.imported(r);
        })
        .catch((e: unknown) => {
          deps.showError(e);
        });
    });
  }

  /** Shows `doc`'s versions; `listed` is its entry in the documents list (only the latest
   * version of an article is listed, so an older one has none). */
  async show(doc: Document | null, listed: DocumentSummary | undefined): Promise<void> {
    this.doc = doc;
    this.el.hidden = doc === null;
    if (!doc) return;
    const several = !listed || listed.version_count > 1 || doc.version > 1;
    let versions: DocumentVersion[] = [];
    if (several) {
      try {
        versions = await this.deps.ipc.listVersions(doc.id);
      } catch (e) {
        this.deps.showError(e);
      }
      if (this.doc !== doc) return;
    }
    this.select.replaceChildren(
      ...versions.map((v) =>
        h(
          "option",
          { value: v.id, selected: v.id === doc.id },
          `Version ${v.version} of ${versions.length} · ${v.claim_count} claims${v.orphan_count + v.review_count > 0 ? ` · ${v.orphan_count + v.review_count} to look at` : ""}`,
        ),
      ),
    );
    this.el.replaceChildren(...(versions.length > 1 ? [this.select] : []), this.importBtn, this.detailsBtn);
  }
}
