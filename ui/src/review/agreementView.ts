// The agreement dashboard (a modal): how consistently the coders coded, pooled and per
// document, with a bootstrap toggle (1000 resamples, seed 1) for the intervals of each alpha.

import type { Agreement, DocumentSummary, Ipc } from "../ipc";
import { h } from "../dom";
import { type Modal, openModal } from "../panes/modal";
import { MIN_JACCARD } from "./describe";
import { coderBars, pairs, perDocument, perStatus, pooledFigures } from "./agreementRender";

export const BOOTSTRAP = { resamples: 1000, seed: 1 };

export interface AgreementDeps {
  ipc: Ipc;
  documents(): DocumentSummary[];
  showError(e: unknown): void;
}

export class AgreementView {
  readonly modal: Modal;
  readonly bootstrap: HTMLInputElement;
  private readonly content: HTMLElement;
  report: Agreement | null = null;
  private seq = 0;

  constructor(private readonly deps: AgreementDeps) {
    this.bootstrap = h("input", { type: "checkbox", "data-testid": "agreement-bootstrap" });
    this.bootstrap.addEventListener("change", () => {
      void this.load();
    });
    this.content = h("div", { class: "agreement-content", "aria-live": "polite" }, h("p", { class: "dialog-help" }, "Computing…"));
    this.modal = openModal({
      testid: "agreement-view",
      title: "Agreement between coders",
      body: [
        h("label", { class: "check" }, this.bootstrap, `Bootstrap 95% intervals (${String(BOOTSTRAP.resamples)} resamples, seed ${String(BOOTSTRAP.seed)})`),
        this.content,
      ],
      dismissible: true,
      cancelLabel: "Close",
      submitLabel: "Recompute",
      submitTestid: "agreement-recompute",
      onSubmit: async () => {
        await this.load();
        return false;
      },
    });
    this.modal.el.classList.add("agreement-modal");
  }

  get closed(): boolean {
    return this.modal.closed;
  }

  /** Asks the core for the figures again (after an import, a toggle, "Recompute"). */
  async load(): Promise<void> {
    const seq = ++this.seq;
    const boot = this.bootstrap.checked;
    this.modal.el.setAttribute("aria-busy", "true");
    try {
      const a = await this.deps.ipc.agreement({
        coders: [],
        documents: [],
        min_jaccard: MIN_JACCARD,
        bootstrap: boot ? BOOTSTRAP.resamples : null,
        seed: boot ? BOOTSTRAP.seed : null,
      });
      if (seq !== this.seq) return;
      this.report = a;
      this.render(a);
    } catch (e) {
      this.deps.showError(e);
    } finally {
      if (seq === this.seq) this.modal.el.removeAttribute("aria-busy");
    }
  }

  private render(a: Agreement): void {
    const name = (id: string): string => a.coders.find((c) => c.id === id)?.name ?? id;
    const title = (id: string): string => this.deps.documents().find((d) => d.id === id)?.title ?? id;
    this.content.replaceChildren(
      h("p", { class: "dialog-help" }, `${String(a.coders.length)} coders (${a.coders.map((c) => c.name).join(", ")}), ${String(a.documents)} documents, ${String(a.units)} units.`),
      h("h3", {}, "Pooled"),
      pooledFigures(a),
      h("h3", {}, "Per document"),
      perDocument(a, title),
      h("h3", {}, "Pairs of coders"),
      pairs(a, name),
      h("h3", {}, "Per status"),
      perStatus(a.per_status, a.coders),
      h("h3", {}, "Per coder"),
      coderBars(a.per_coder),
    );
  }
}
