// The Import dialog: choose annotation sets, merge them, and report on each file: what it
// added or matched, every claim re-anchored or refused with the reason, the reader's notes.
// A file with refused claims imports nothing until "Import the rest anyway".
//
// Files go to the core one per call, so that the progress bar moves file by file; each is its
// own transaction in the core anyway. The core reports on every file, a file that cannot be
// read (not JSON, say) with its error, while the files before and after it are still imported.

import type { ClaimNote, ImportReport, Ipc } from "../ipc";
import { IpcError, toIpcError } from "../ipc";
import { basename, h } from "../dom";
import { type Modal, openModal } from "./modal";
import { plural } from "./exportDialog";

export interface ImportDeps {
  ipc: Ipc;
  /** Called after an import that wrote something: reload documents, claims, speakers, counts. */
  imported(): Promise<void>;
  toast(message: string): void;
}

/** One chosen file: its report, or why it could not be read. */
interface Entry {
  path: string;
  report: ImportReport | null;
  error: IpcError | null;
}

export class ImportDialog {
  readonly modal: Modal;
  private readonly progress: HTMLProgressElement;
  private readonly progressLabel: HTMLElement;
  private readonly progressWrap: HTMLElement;
  private readonly error: HTMLElement;
  private readonly list: HTMLElement;
  private readonly partial: HTMLButtonElement;
  private entries: Entry[] = [];
  private running = false;

  constructor(private readonly deps: ImportDeps) {
    this.progress = h("progress", { "data-testid": "import-progress", "aria-label": "Importing" });
    this.progressLabel = h("span", {});
    this.progressWrap = h("div", { class: "dialog-progress", hidden: true }, this.progress, this.progressLabel);
    this.error = h("div", { class: "dialog-error", "data-testid": "import-error", role: "alert", hidden: true });
    this.list = h("ul", { class: "import-reports", "aria-label": "Import reports" });
    this.partial = h("button", { type: "button", "data-testid": "import-partial", hidden: true }, "Import the rest anyway");
    this.partial.addEventListener("click", () => {
      void this.importRest();
    });
    this.modal = openModal({
      testid: "import-dialog",
      title: "Import annotation sets",
      body: [
        h(
          "p",
          { class: "dialog-help" },
          "Merges annotation sets exported from Claimcoder (.json), W3C Web Annotation files (.jsonld) and REFI-QDA " +
            "projects (.qdpx) into this project. Documents are matched by their text, " +
            "speakers by name and claims by id; a claim whose passage moved is found again by its quote, and one that " +
            "cannot be placed is refused (a file with refused claims imports nothing unless you ask for the rest).",
        ),
        this.progressWrap,
        this.error,
        this.list,
        this.partial,
      ],
      dismissible: true,
      cancelLabel: "Close",
      submitLabel: "Choose files…",
      submitTestid: "import-choose",
      canSubmit: () => !this.running,
      onSubmit: () => this.choose(),
    });
  }

  private async choose(): Promise<boolean> {
    let paths: string[];
    try {
      paths = await this.deps.ipc.pickSetFiles();
    } catch (e) {
      this.entries = [];
      this.render([toIpcError(e)]);
      return false;
    }
    if (paths.length === 0) return false; // the open dialog was cancelled
    this.entries = paths.map((path) => ({ path, report: null, error: null }));
    await this.importEach(this.entries, false);
    return false; // stays open on its reports
  }

  /** "Import the rest anyway": the files that imported nothing because of refused claims. */
  private async importRest(): Promise<void> {
    if (this.running) return;
    await this.importEach(this.entries.filter(refusedWhole), true);
  }

  private async importEach(entries: Entry[], acceptPartial: boolean): Promise<void> {
    this.setRunning(true);
    this.progress.max = entries.length;
    let wrote = false;
    try {
      for (const [i, entry] of entries.entries()) {
        this.showProgress(i, entries.length, entry.path);
        try {
          const [report] = await this.deps.ipc.importSetFiles([entry.path], acceptPartial);
          if (!report) throw new IpcError("ipc", `no report came back for ${entry.path}`);
          entry.error = report.error ? new IpcError(report.error.code, report.error.message) : null;
          entry.report = report.error ? null : report;
          wrote ||= report.imported;
        } catch (e) {
          entry.error = toIpcError(e);
        }
        this.render();
      }
    } finally {
      this.setRunning(false);
    }
    if (wrote) {
      await this.deps.imported();
      const added = entries.reduce((n, e) => n + (e.report?.imported ? e.report.claims_added : 0), 0);
      const files = entries.filter((e) => e.report?.imported).length;
      this.deps.toast(`Imported ${plural(added, "new claim")} from ${files === 1 ? basename(entries.find((e) => e.report?.imported)?.path ?? "") : plural(files, "file")}`);
    }
  }

  private showProgress(done: number, total: number, path: string): void {
    // One file is one call with no progress of its own: indeterminate. Several: file i of n.
    if (total > 1) this.progress.value = done;
    else this.progress.removeAttribute("value");
    this.progressLabel.textContent = total > 1 ? `Importing ${done + 1} of ${total}: ${basename(path)}…` : `Importing ${basename(path)}…`;
  }

  private setRunning(running: boolean): void {
    this.running = running;
    this.progressWrap.hidden = !running;
    this.partial.disabled = running;
    if (running) this.modal.el.setAttribute("aria-busy", "true");
    else this.modal.el.removeAttribute("aria-busy");
    this.modal.refresh();
  }

  private render(extraErrors: IpcError[] = []): void {
    const errors = [...extraErrors, ...this.entries.flatMap((e) => (e.error ? [e.error] : []))];
    this.error.replaceChildren(...errors.map((e) => h("p", { "data-code": e.code }, e.message)));
    this.error.hidden = errors.length === 0;
    this.list.replaceChildren(...this.entries.flatMap((e) => (e.report ? [renderReport(e.report, e.path)] : [])));
    this.partial.hidden = !this.entries.some(refusedWhole);
  }
}

/** A file that imported nothing because some of its claims were refused. */
function refusedWhole(e: Entry): boolean {
  return e.report !== null && !e.report.imported && e.report.refused.length > 0;
}

function renderReport(r: ImportReport, path: string): HTMLElement {
  const verdict = r.imported
    ? h("p", { class: "report-verdict ok" }, "Imported.")
    : h(
        "p",
        { class: "report-verdict refused" },
        `Nothing imported: ${plural(r.refused.length, "claim")} could not be placed (below). “Import the rest anyway” imports the others.`,
      );
  // A file that imported nothing wrote nothing: the core's counts say what it would have written.
  const written = (counts: string): string => (r.imported ? counts : `none written (would be ${counts})`);
  const counts = h(
    "dl",
    { class: "report-counts" },
    h("dt", {}, "Documents"),
    h("dd", {}, written(`${r.documents_added} added, ${r.documents_matched} matched`)),
    h("dt", {}, "Speakers"),
    h("dd", {}, written(`${r.speakers_added} added, ${r.speakers_matched} matched`)),
    h("dt", {}, "Claims"),
    h("dd", {}, written(`${r.claims_added} added, ${r.claims_updated} updated, ${r.claims_unchanged} unchanged`)),
    ...(r.coders.length > 0 ? [h("dt", {}, r.coders.length === 1 ? "Coder" : "Coders"), h("dd", {}, r.coders.join(", "))] : []),
  );
  return h(
    "li",
    {
      class: "import-report",
      "data-testid": "import-report",
      "data-imported": String(r.imported),
      "data-source": r.source,
      "data-documents-added": String(r.documents_added),
      "data-documents-matched": String(r.documents_matched),
      "data-speakers-added": String(r.speakers_added),
      "data-speakers-matched": String(r.speakers_matched),
      "data-claims-added": String(r.claims_added),
      "data-claims-updated": String(r.claims_updated),
      "data-claims-unchanged": String(r.claims_unchanged),
    },
    h("h3", { title: path }, basename(path)),
    verdict,
    counts,
    notes("Re-anchored", "import-reanchored", r.reanchored),
    notes("Refused", "import-refused", r.refused),
    r.notes.length > 0
      ? h(
          "div",
          { class: "report-notes" },
          h("h4", {}, `Notes (${r.notes.length})`),
          h("ul", {}, ...r.notes.map((n) => h("li", { "data-testid": "import-note" }, n))),
        )
      : null,
  );
}

function notes(title: string, testid: string, list: readonly ClaimNote[]): HTMLElement | null {
  if (list.length === 0) return null;
  return h(
    "div",
    { class: `report-notes ${testid}` },
    h("h4", {}, `${title} (${list.length})`),
    h(
      "ul",
      {},
      ...list.map((n) =>
        h("li", { "data-testid": testid, "data-claim-id": n.claim }, h("code", { class: "claim-id" }, n.claim), " ", n.message),
      ),
    ),
  );
}
