// The Export dialog: a format, and which claims (the whole project or one coder's; all
// documents or some; some statuses); then a save dialog, the export, and what it wrote.

import type { DocumentSummary, ExportFormat, ExportScope, ExportSummary, Ipc, Status } from "../ipc";
import { EXPORT_FORMATS, exportFormats, STATUSES, STATUS_LABEL } from "../ipc";
import { basename, h } from "../dom";
import { type Modal, openModal } from "./modal";
import { writeError } from "./feedback";

export interface ExportDeps {
  ipc: Ipc;
  /** The project's documents, for choosing some of them. */
  documents: readonly DocumentSummary[];
  /** The current coder's name, chosen first in the list of coders. */
  coder: string | null;
  toast(message: string): void;
}

export class ExportDialog {
  readonly modal: Modal;
  private readonly format: HTMLSelectElement;
  private readonly scopeAll: HTMLInputElement;
  private readonly scopeCoder: HTMLInputElement;
  private readonly coderSelect: HTMLSelectElement;
  private readonly docsAll: HTMLInputElement;
  private readonly docsChosen: HTMLInputElement;
  private readonly docBoxes: HTMLInputElement[];
  private readonly statusBoxes = new Map<Status, HTMLInputElement>();
  private readonly reason: HTMLElement;
  private readonly progress: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly error: HTMLElement;
  private codersLoaded = false;

  constructor(private readonly deps: ExportDeps) {
    this.format = h("select", { "data-testid": "export-format", "aria-label": "Format" });
    for (const f of exportFormats()) this.format.append(h("option", { value: f }, EXPORT_FORMATS[f]));

    // Whose claims.
    this.scopeAll = h("input", { type: "radio", name: "export-scope", value: "all", "data-testid": "export-scope-all", checked: true });
    this.scopeCoder = h("input", { type: "radio", name: "export-scope", value: "coder", "data-testid": "export-scope-coder" });
    this.coderSelect = h("select", { "data-testid": "export-coder", "aria-label": "Coder", disabled: true });
    this.coderSelect.append(h("option", { value: "" }, "Loading coders…"));
    this.coderSelect.addEventListener("change", () => {
      this.scopeCoder.checked = true;
      this.changed();
    });
    for (const r of [this.scopeAll, this.scopeCoder]) r.addEventListener("change", () => {
      this.changed();
    });

    // Which documents.
    this.docsAll = h("input", { type: "radio", name: "export-docs", value: "all", "data-testid": "export-docs-all", checked: true });
    this.docsChosen = h("input", { type: "radio", name: "export-docs", value: "chosen", "data-testid": "export-docs-chosen" });
    for (const r of [this.docsAll, this.docsChosen]) r.addEventListener("change", () => {
      this.changed();
    });
    this.docBoxes = deps.documents.map((d) => {
      const box = h("input", { type: "checkbox", "data-testid": "export-doc", "data-doc-id": d.id });
      box.addEventListener("change", () => {
        // Ticking a document means "only these".
        if (box.checked) this.docsChosen.checked = true;
        this.changed();
      });
      return box;
    });
    const docList = h(
      "ul",
      { class: "export-doc-list", "aria-label": "Documents to export" },
      ...deps.documents.map((d, i) =>
        h(
          "li",
          {},
          h("label", { class: "check" }, this.docBoxes[i], h("span", { class: "doc-title-text" }, d.title), h("span", { class: "count" }, plural(d.claim_count, "claim"))),
        ),
      ),
    );

    // Which statuses.
    const statusRow = h("div", { class: "check-row" });
    for (const s of STATUSES) {
      const box = h("input", { type: "checkbox", "data-testid": `export-status-${s}`, value: s, checked: true });
      box.addEventListener("change", () => {
        this.changed();
      });
      this.statusBoxes.set(s, box);
      statusRow.append(h("label", { class: `check status-${s}` }, box, STATUS_LABEL[s]));
    }

    this.reason = h("p", { class: "dialog-reason", id: "export-reason", "data-testid": "export-reason", hidden: true });
    // The core writes an export in one call, with no progress of its own to report: the bar is
    // indeterminate and says only that the export is under way.
    this.progress = h(
      "div",
      { class: "dialog-progress", hidden: true },
      h("progress", { "data-testid": "export-progress", "aria-label": "Exporting" }),
      h("span", {}, "Writing the export…"),
    );
    this.summary = h("p", { class: "dialog-summary", "data-testid": "export-summary", role: "status", hidden: true });
    this.error = h("p", { class: "dialog-error", "data-testid": "export-error", role: "alert", hidden: true });

    this.modal = openModal({
      testid: "export-dialog",
      title: "Export claims",
      body: [
        h("label", {}, "Format", this.format),
        h(
          "fieldset",
          {},
          h("legend", {}, "Claims of"),
          h("label", { class: "check" }, this.scopeAll, "The whole project (every coder)"),
          h("div", { class: "check-with-field" }, h("label", { class: "check" }, this.scopeCoder, "One coder:"), this.coderSelect),
        ),
        h(
          "fieldset",
          {},
          h("legend", {}, "Documents"),
          h("label", { class: "check" }, this.docsAll, `All documents (${deps.documents.length})`),
          h("label", { class: "check" }, this.docsChosen, "Only these:"),
          docList,
        ),
        h("fieldset", {}, h("legend", {}, "Statuses"), statusRow),
        this.reason,
        this.progress,
        this.summary,
        this.error,
      ],
      initialFocus: this.format,
      dismissible: true,
      cancelLabel: "Close",
      submitLabel: "Export…",
      submitTestid: "export-run",
      canSubmit: () => this.whyNot() === null,
      onSubmit: () => this.run(),
    });
    this.modal.submit.setAttribute("aria-describedby", "export-reason");
    void this.loadCoders();
  }

  private async loadCoders(): Promise<void> {
    try {
      const coders = await this.deps.ipc.listCoders();
      this.coderSelect.replaceChildren(
        ...(coders.length === 0 ? [h("option", { value: "" }, "No coders yet")] : coders.map((c) => h("option", { value: c.name }, c.name))),
      );
      if (this.deps.coder !== null && coders.some((c) => c.name === this.deps.coder)) this.coderSelect.value = this.deps.coder;
      this.coderSelect.disabled = coders.length === 0;
      this.codersLoaded = coders.length > 0;
    } catch (e) {
      this.coderSelect.replaceChildren(h("option", { value: "" }, "Coders unavailable"));
      this.showError(e);
    }
    this.changed();
  }

  /** Why the export cannot run with these choices, or null when it can. */
  whyNot(): string | null {
    if (![...this.statusBoxes.values()].some((b) => b.checked)) return "Choose at least one status to export.";
    if (this.docsChosen.checked && !this.docBoxes.some((b) => b.checked)) return "Choose at least one document, or All documents.";
    if (this.scopeCoder.checked && (!this.codersLoaded || this.coderSelect.value === "")) return "Choose a coder, or the whole project.";
    return null;
  }

  /** The scope the choices describe (empty lists mean "all"). */
  scope(): ExportScope {
    const statuses = STATUSES.filter((s) => this.statusBoxes.get(s)?.checked === true);
    return {
      coder: this.scopeCoder.checked ? this.coderSelect.value : null,
      documents: this.docsChosen.checked ? this.docBoxes.filter((b) => b.checked).map((b) => b.getAttribute("data-doc-id") ?? "") : [],
      statuses: statuses.length === STATUSES.length ? [] : statuses,
    };
  }

  private chosenFormat(): ExportFormat | null {
    return exportFormats().find((f) => f === this.format.value) ?? null;
  }

  private changed(): void {
    const why = this.whyNot();
    this.reason.textContent = why ?? "";
    this.reason.hidden = why === null;
    this.modal.refresh();
  }

  private async run(): Promise<boolean> {
    const format = this.chosenFormat();
    if (format === null) return false;
    const scope = this.scope();
    this.error.hidden = true;
    let path: string | null;
    try {
      path = await this.deps.ipc.pickExportPath(format);
    } catch (e) {
      this.showError(e);
      return false;
    }
    if (path === null) return false; // the save dialog was cancelled
    this.summary.hidden = true;
    this.progress.hidden = false;
    this.modal.el.setAttribute("aria-busy", "true");
    try {
      const done = await this.deps.ipc.exportClaims(scope, format, path);
      this.showSummary(done);
      this.deps.toast(`Exported ${plural(done.claims, "claim")} to ${basename(done.path)}`);
    } catch (e) {
      this.showError(e);
    } finally {
      this.progress.hidden = true;
      this.modal.el.removeAttribute("aria-busy");
    }
    return false; // stays open on its summary
  }

  private showSummary(done: ExportSummary): void {
    this.summary.replaceChildren(
      `Wrote ${plural(done.claims, "claim")} on ${plural(done.documents, "document")} to ${done.path}`,
      " ",
      h("span", { class: "dialog-detail" }, `${done.bytes.toLocaleString("en")} bytes, ${EXPORT_FORMATS[done.format]}`),
    );
    this.summary.setAttribute("data-claims", String(done.claims));
    this.summary.setAttribute("data-documents", String(done.documents));
    this.summary.setAttribute("data-path", done.path);
    this.summary.hidden = false;
  }

  private showError(e: unknown): void {
    writeError(this.error, e);
    this.error.hidden = false;
  }
}

export function plural(n: number, word: string): string {
  return `${n.toLocaleString("en")} ${n === 1 ? word : `${word}s`}`;
}
