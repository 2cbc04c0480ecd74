// The review (adjudication) view of the open document: the coders' lanes aligned by unit, the
// current unit highlighted, `n` / `p` to the next / previous unit with a difference and no
// decision, the decision panel, and export of the audit trail.

import type { Coder, Decision, Document, Ipc, NewDecision, ReviewUnit, Speaker } from "../ipc";
import { h } from "../dom";
import type { UndoEntry } from "../coding/undo";
import { TextModel } from "../text/offsets";
import { isModalOpen } from "../panes/modal";
import { type Shortcut, bareKey, dispatch } from "../coding/shortcut";
import { GOLD, MIN_JACCARD, type Names, hasDifference } from "./describe";
import { Lanes } from "./lanes";
import { DecisionPanel } from "./decisionPanel";

export interface ReviewDeps {
  ipc: Ipc;
  document: Document;
  speakerName(id: string | null): string | null;
  /** Every speaker of the project (an edit may take any). */
  speakers(): Speaker[];
  /** Puts a decision or its undo on the app's one undo history (Ctrl+Z / Ctrl+Shift+Z). */
  remember(entry: UndoEntry): void;
  showError(e: unknown): void;
  toast(message: string): void;
  /** The view asks to be closed. */
  close(): void;
  /** Gold claims were made or removed (the app reloads the open document's claims). */
  changed(): void;
}

export class ReviewView {
  readonly el: HTMLElement;
  units: ReviewUnit[] = [];
  decisions: Decision[] = [];
  current: number | null = null;
  private coders: Coder[] = [];
  /** The coders (by name) the review compares; null: every coder but gold. */
  private chosen: Set<string> | null = null;
  private overlap: number = MIN_JACCARD;
  private readonly controls: HTMLElement;
  private readonly lanes: Lanes;
  readonly panel: DecisionPanel;
  private readonly status: HTMLElement;
  private readonly lifetime = new AbortController();

  constructor(private readonly deps: ReviewDeps) {
    const names: Names = {
      coder: (id) => this.coders.find((c) => c.id === id)?.name ?? id,
      speaker: (id) => deps.speakerName(id),
    };
    this.lanes = new Lanes({
      names,
      choose: (i) => {
        this.setCurrent(i, true);
      },
    });
    this.panel = new DecisionPanel({
      names,
      model: new TextModel(deps.document.text),
      speakers: () => deps.speakers(),
      decide: (d) => this.decide(d),
      undo: (id) => {
        void this.undo(id);
      },
    });
    const close = h("button", { type: "button", "data-testid": "review-close", "aria-label": "Close the review" }, "Close review");
    close.addEventListener("click", () => {
      deps.close();
    });
    const csv = h("button", { type: "button", "data-testid": "audit-export-csv" }, "Audit trail CSV…");
    csv.addEventListener("click", () => {
      void this.exportAudit(true);
    });
    const json = h("button", { type: "button", "data-testid": "audit-export-json" }, "Audit trail JSON…");
    json.addEventListener("click", () => {
      void this.exportAudit(false);
    });
    this.status = h("span", { class: "review-status-line", "aria-live": "polite" });
    this.controls = h("div", { class: "review-controls", "aria-label": "Coders and overlap compared" });
    this.el = h(
      "section",
      { class: "pane review-view", "data-testid": "review-view", "aria-label": "Review", tabindex: "-1" },
      h(
        "header",
        { class: "review-top" },
        h("h2", {}, `Review: ${deps.document.title}`),
        this.status,
        h("span", { class: "dialog-help" }, "n / p: next / previous unit to decide"),
        h("div", { class: "pane-actions" }, csv, json, close),
        this.controls,
      ),
      h("div", { class: "review-body" }, h("div", { class: "review-scroll" }, this.lanes.el), this.panel.el),
    );
    document.addEventListener("keydown", (e) => {
      this.onKey(e);
    }, { signal: this.lifetime.signal });
  }

  destroy(): void {
    this.lifetime.abort();
    this.el.remove();
  }

  /** Reads units, decisions and coders again; keeps the current unit where it was. */
  async load(): Promise<void> {
    const doc = this.deps.document.id;
    try {
      const [units, decisions, coders] = await Promise.all([
        this.deps.ipc.reviewUnits(doc, this.chosen ? [...this.chosen] : [], this.overlap),
        this.deps.ipc.listDecisions(doc),
        this.deps.ipc.listCoders(),
      ]);
      this.units = units;
      this.decisions = decisions;
      this.coders = coders;
    } catch (e) {
      this.deps.showError(e);
      return;
    }
    const inUnits = new Set(this.units.flatMap((u) => [...u.claims.map((c) => c.coder)]));
    const missing = new Set(this.units.flatMap((u) => u.missing));
    const lanes = this.coders.filter((c) => c.name !== GOLD && (inUnits.has(c.id) || missing.has(c.name)));
    this.renderControls(lanes);
    this.lanes.render(this.units, lanes);
    const open = this.units.filter((u) => hasDifference(u) && u.decision === null).length;
    this.status.textContent = `${String(this.units.length)} units · ${String(open)} to decide`;
    const keep = this.current !== null && this.current < this.units.length ? this.current : null;
    this.setCurrent(keep ?? this.next(-1, 1) ?? (this.units.length > 0 ? 0 : null), false);
  }

  /** A checkbox per coder of the document (from the first load, when all are compared) and the
   * overlap threshold; a change reloads. */
  private renderControls(candidates: Coder[]): void {
    if (this.controls.childElementCount > 0) return;
    const boxes = candidates.map((c) => {
        const box = h("input", {
          type: "checkbox",
          "data-testid": "review-coder",
          "data-coder": c.name,
        });
        box.checked = this.chosen === null || this.chosen.has(c.name);
        box.addEventListener("change", () => {
          const ticked = [...this.controls.querySelectorAll<HTMLInputElement>('[data-testid="review-coder"]')]
            .filter((b) => b.checked)
            .map((b) => b.getAttribute("data-coder") ?? "");
          if (ticked.length === 0) {
            box.checked = true;
            this.deps.toast("Compare at least one coder");
            return;
          }
          this.chosen = new Set(ticked);
          this.current = null;
          void this.load();
        });
        return h("label", { class: "review-coder" }, box, ` ${c.name}`);
      });
    const overlap = h("input", {
      type: "number",
      min: "0.05",
      max: "1",
      step: "0.05",
      "data-testid": "review-overlap",
      "aria-label": "Overlap (Jaccard) from which claims form one unit",
    });
    overlap.value = String(this.overlap);
    overlap.addEventListener("change", () => {
      const v = Number(overlap.value);
      if (!(v > 0 && v <= 1)) {
        overlap.value = String(this.overlap);
        this.deps.toast("The overlap is a number above 0 and at most 1");
        return;
      }
      this.overlap = v;
      this.current = null;
      void this.load();
    });
    this.controls.append(
      h("span", { class: "dialog-help" }, "Coders:"),
      ...boxes,
      h("label", { class: "review-coder" }, "overlap ≥ ", overlap),
    );
  }

  /** The next unit after `from` in direction `dir` that differs and is undecided. */
  private next(from: number, dir: 1 | -1): number | null {
    for (let i = from + dir; i >= 0 && i < this.units.length; i += dir) {
      const u = this.units[i];
      if (u && hasDifference(u) && u.decision === null) return i;
    }
    return null;
  }

  setCurrent(i: number | null, focus: boolean): void {
    this.current = i;
    this.lanes.setCurrent(i, focus);
    this.panel.show(this.deps.document.id, i === null ? null : (this.units[i] ?? null), this.decisions);
  }

  /** Steps to the next (1) or previous (-1) unit to decide; says so when there is none. */
  step(dir: 1 | -1): void {
    const i = this.next(this.current ?? (dir === 1 ? -1 : this.units.length), dir);
    if (i === null) {
      this.deps.toast(dir === 1 ? "No later unit to decide" : "No earlier unit to decide");
      return;
    }
    this.setCurrent(i, true);
  }

  private onKey(e: KeyboardEvent): void {
    if (e.defaultPrevented || isModalOpen()) return;
    const target: ReviewKeyTarget = {
      step: (dir) => {
        this.step(dir);
      },
      close: () => {
        this.deps.close();
      },
    };
    dispatch(REVIEW_KEYS, target, e);
  }

  private async decide(d: NewDecision): Promise<boolean> {
    let made: Decision;
    try {
      made = await this.deps.ipc.adjudicate(d);
    } catch (e) {
      this.deps.showError(e);
      return false;
    }
    this.deps.remember(this.entry(`decision (${made.action})`, made, "undo"));
    this.deps.toast("Decision recorded");
    await this.settled();
    return true;
  }

  /** The "Undo decision" button: undone at once, and on the undo history so that Ctrl+Z
   * decides the unit again. */
  private async undo(id: string): Promise<void> {
    let undone: Decision;
    try {
      undone = await this.deps.ipc.undoDecision(id);
    } catch (e) {
      this.deps.showError(e);
      return;
    }
    this.deps.remember(this.entry(`undo of decision (${undone.action})`, undone, "redecide"));
    this.deps.toast("Decision undone");
    await this.settled();
  }

  /**
   * An undo entry for a decision made (`first` = "undo": undoing it undoes the decision) or
   * undone (`first` = "redecide": undoing it decides the same again). Deciding again records
   * a new decision with the same choice and reason; the record keeps both.
   */
  private entry(label: string, decision: Decision, first: "undo" | "redecide"): UndoEntry {
    let current = decision;
    const undoIt = async (): Promise<void> => {
      current = await this.deps.ipc.undoDecision(current.id);
      await this.settled();
    };
    const decideAgain = async (): Promise<void> => {
      current = await this.deps.ipc.adjudicate(asNew(current));
      await this.settled();
    };
    return first === "undo" ? { label, undo: undoIt, redo: decideAgain } : { label, undo: decideAgain, redo: undoIt };
  }

  /** After a change of decisions: this view and the app's claims read again. */
  private async settled(): Promise<void> {
    await this.load();
    this.deps.changed();
  }

  private async exportAudit(asCsv: boolean): Promise<void> {
    try {
      const path = await this.deps.ipc.pickAuditPath(asCsv);
      if (path === null) return;
      const n = await this.deps.ipc.exportDecisions(path, asCsv);
      this.deps.toast(`Wrote ${String(n)} ${n === 1 ? "decision" : "decisions"} to ${path}`);
    } catch (e) {
      this.deps.showError(e);
    }
  }
}

/** The request that makes `d` again: the same unit, choice, edited claim and reason. */
export function asNew(d: Decision): NewDecision {
  const r = d.result;
  return {
    document: d.document,
    considered: d.considered.map((c) => c.id),
    action: d.action,
    chosen: d.chosen,
    edited:
      d.action === "edit" && r
        ? { start: r.start, end: r.end, quote: r.quote, status: r.status, speaker: r.speaker, cue: r.cue, note: r.note }
        : null,
    reason: d.reason,
  };
}

interface ReviewKeyTarget {
  step(dir: 1 | -1): void;
  close(): void;
}

/** The review's keys, outside text fields (listed by the "?" overlay too). */
export const REVIEW_KEYS: readonly Shortcut<ReviewKeyTarget>[] = [
  {
    keys: ["n"],
    does: "Next unit that differs and has no decision",
    matches: (e) => bareKey(e, "n"),
    run: (t) => {
      t.step(1);
      return true;
    },
  },
  {
    keys: ["p"],
    does: "Previous unit that differs and has no decision",
    matches: (e) => bareKey(e, "p"),
    run: (t) => {
      t.step(-1);
      return true;
    },
  },
  {
    keys: ["Escape"],
    does: "Close the review",
    matches: (e) => bareKey(e, "Escape"),
    run: (t) => {
      t.close();
      return true;
    },
  },
];
