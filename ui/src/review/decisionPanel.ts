// The decision panel for the current unit of the review view: accept one coder's claim, merge
// span / status / speaker from the unit's claims, edit (a claim of one's own: any span of the
// text around the unit, any status and speaker), or reject; always with a reason. A decided unit shows its decision and "Undo";
// every unit shows its audit trail (undone decisions included).

import type { Claim, Decision, DecisionAction, NewDecision, ReviewUnit, Speaker } from "../ipc";
import { STATUSES } from "../ipc";
import { excerpt, h } from "../dom";
import type { TextModel } from "../text/offsets";
import { type Names, concerns, describeDecision, differsWords } from "./describe";
import { Passage } from "./passage";

export interface DecisionPanelDeps {
  names: Names;
  /** The document's text, for an edit's free span. */
  model: TextModel;
  /** Every speaker of the project, for an edit's speaker. */
  speakers(): Speaker[];
  decide(d: NewDecision): Promise<boolean>;
  undo(decisionId: string): void;
}

/** The choice made in the panel, before the reason. */
type Choice = { action: "accept"; claim: string } | { action: Exclude<DecisionAction, "accept"> } | null;

export class DecisionPanel {
  readonly el: HTMLElement;
  private unit: ReviewUnit | null = null;
  private document = "";
  private choice: Choice = null;
  private readonly reason: HTMLTextAreaElement;
  private readonly confirm: HTMLButtonElement;
  private readonly hint: HTMLElement;
  private readonly body: HTMLElement;
  private readonly choices: HTMLElement;
  private readonly options: HTMLElement;
  private readonly form: HTMLElement;
  private busy = false;
  private readonly passage: Passage;
  /** An edit's span chosen in the passage; null: the span of the claim it starts from. */
  private editSpan: { start: number; end: number } | null = null;

  constructor(private readonly deps: DecisionPanelDeps) {
    this.passage = new Passage(deps.model);
    this.reason = h("textarea", { "data-testid": "decision-reason", rows: "2", "aria-label": "Reason (required)", placeholder: "Why (required)" });
    this.reason.addEventListener("input", () => {
      this.refresh();
    });
    this.confirm = h("button", { type: "button", class: "primary", "data-testid": "decision-confirm" }, "Confirm decision");
    this.confirm.addEventListener("click", () => {
      void this.submit();
    });
    this.hint = h("p", { class: "dialog-reason", "data-testid": "decision-hint" });
    this.choices = h("div", { class: "decision-choices", role: "group", "aria-label": "Decision" });
    this.options = h("div", { class: "decision-options" });
    this.form = h(
      "div",
      { class: "decision-form" },
      this.choices,
      this.options,
      h("label", { class: "field-label" }, "Reason", this.reason),
      this.hint,
      this.confirm,
    );
    this.body = h("div", { class: "decision-body" });
    this.el = h("aside", { class: "decision-panel", "data-testid": "decision-panel", "aria-label": "Decision on the current unit" }, this.body);
  }

  /** Shows `unit` (null: none) with its audit trail from `trail`. */
  show(document: string, unit: ReviewUnit | null, trail: Decision[]): void {
    const same = unit !== null && this.unit !== null && this.document === document && unit.start === this.unit.start && unit.end === this.unit.end;
    this.unit = unit;
    this.document = document;
    if (!same) {
      this.choice = null;
      this.reason.value = "";
      this.editSpan = null;
    }
    if (!unit) {
      this.body.replaceChildren(h("p", { class: "dialog-help" }, "No unit to review in this document."));
      return;
    }
    const head = h(
      "h3",
      {},
      `Unit ${String(unit.start)}–${String(unit.end)}`,
      h("span", { class: "unit-differs" }, unit.decision === null && differsWords(unit.differs) !== "" ? ` · differs in ${differsWords(unit.differs)}` : ""),
    );
    const parts: Node[] = [head];
    if (unit.missing.length > 0) parts.push(h("p", { class: "dialog-help" }, `No claim here by ${unit.missing.join(", ")}.`));
    if (unit.decision) {
      const undo = h("button", { type: "button", "data-testid": "decision-undo" }, "Undo decision");
      const id = unit.decision.id;
      undo.addEventListener("click", () => {
        this.deps.undo(id);
      });
      parts.push(h("p", { class: "unit-decision", "data-testid": "unit-decision", "data-action": unit.decision.action }, describeDecision(unit.decision, this.deps.names)), undo);
    } else {
      this.renderChoices(unit);
      parts.push(this.form);
    }
    const mine = trail.filter((d) => concerns(d, unit));
    parts.push(
      h("h4", {}, "Audit trail"),
      h(
        "ol",
        { class: "unit-audit", "data-testid": "unit-audit" },
        ...(mine.length === 0
          ? [h("li", { class: "empty" }, "No decisions yet.")]
          : mine.map((d) => h("li", { "data-testid": "audit-entry", "data-undone": String(d.undone_at !== null) }, describeDecision(d, this.deps.names)))),
      ),
    );
    this.body.replaceChildren(...parts);
    this.refresh();
  }

  private renderChoices(unit: ReviewUnit): void {
    const button = (label: string, testid: string, pressed: boolean, choose: Choice, extra: Record<string, string> = {}): HTMLButtonElement => {
      const b = h("button", { type: "button", "data-testid": testid, "aria-pressed": String(pressed), ...extra }, label);
      b.addEventListener("click", () => {
        // Choosing again what is chosen keeps the fields as they are (merge and edit selects).
        if (JSON.stringify(this.choice) === JSON.stringify(choose)) return;
        this.choice = choose;
        this.renderChoices(unit);
        this.refresh();
      });
      return b;
    };
    const c = this.choice;
    this.choices.replaceChildren(
      ...unit.claims.map((cl) => {
        const name = this.deps.names.coder(cl.coder);
        return button(`Accept ${name}`, "decide-accept", c?.action === "accept" && c.claim === cl.id, { action: "accept", claim: cl.id }, { "data-coder": name });
      }),
      button("Merge", "decide-merge", c?.action === "merge", { action: "merge" }),
      button("Edit", "decide-edit", c?.action === "edit", { action: "edit" }),
      button("Reject", "decide-reject", c?.action === "reject", { action: "reject" }),
    );
    this.options.replaceChildren(...this.optionFields(unit));
  }

  private claimSelect(testid: string, label: string, claims: Claim[], text: (c: Claim) => string, none: string | null): HTMLSelectElement {
    return h(
      "select",
      { "data-testid": testid, "aria-label": label },
      ...(none === null ? [] : [h("option", { value: "" }, none)]),
      ...claims.map((c) => h("option", { value: c.id }, `${this.deps.names.coder(c.coder)}: ${text(c)}`)),
    );
  }

  private optionFields(unit: ReviewUnit): Node[] {
    const claims = unit.claims;
    const span = (c: Claim): string => `${String(c.start)}–${String(c.end)} “${excerpt(c.quote, 40)}”`;
    if (this.choice?.action === "merge") {
      const speakerPick = this.claimSelect("merge-speaker", "Speaker from", claims, (c) => this.deps.names.speaker(c.speaker) ?? "no speaker", "no speaker");
      speakerPick.value = claims[0]?.id ?? "";
      return [
        h("label", { class: "field-label" }, "Span from", this.claimSelect("merge-span", "Span from", claims, span, null)),
        h("label", { class: "field-label" }, "Status from", this.claimSelect("merge-status", "Status from", claims, (c) => c.status, null)),
        h("label", { class: "field-label" }, "Speaker from", speakerPick),
      ];
    }
    if (this.choice?.action === "edit") return this.editFields(unit);
    return [];
  }

  /** An edit: start from a coder's claim, then take any span of the passage, any status and
   * any speaker. */
  private editFields(unit: ReviewUnit): Node[] {
    const claims = unit.claims;
    const span = (c: Claim): string => `${String(c.start)}–${String(c.end)} “${excerpt(c.quote, 40)}”`;
    const from = this.claimSelect("edit-span", "Start from", claims, span, null);
    const status = h("select", { "data-testid": "edit-status", "aria-label": "Status" }, ...STATUSES.map((s) => h("option", { value: s }, s)));
    status.value = claims[0]?.status ?? "attributed";
    const speaker = h(
      "select",
      { "data-testid": "edit-speaker", "aria-label": "Speaker" },
      h("option", { value: "" }, "no speaker"),
      ...this.deps.speakers().map((s) => h("option", { value: s.id }, s.name)),
    );
    speaker.value = claims[0]?.speaker ?? "";
    const label = h("span", { class: "edit-span-label", "data-testid": "edit-span-label" });
    const showSpan = (): void => {
      const s = this.editSpan ?? claims.find((c) => c.id === from.value) ?? null;
      label.textContent = s ? `${String(s.start)}–${String(s.end)} “${excerpt(this.passage.quote(s.start, s.end), 60)}”` : "";
    };
    from.addEventListener("change", () => {
      const c = claims.find((x) => x.id === from.value);
      this.editSpan = null;
      if (c) {
        status.value = c.status;
        speaker.value = c.speaker ?? "";
      }
      showSpan();
    });
    const use = h("button", { type: "button", "data-testid": "edit-use-selection" }, "Use selection");
    use.addEventListener("click", (e) => {
      const picked = this.passage.selection(e.altKey);
      if (!picked) {
        label.textContent = "Select words in the text above first.";
        return;
      }
      this.editSpan = picked;
      showSpan();
    });
    this.passage.show(unit.start, unit.end);
    showSpan();
    return [
      h("label", { class: "field-label" }, "Start from", from),
      this.passage.el,
      h("div", { class: "edit-span-row" }, use, h("span", { class: "dialog-help" }, "Span: "), label),
      h("label", { class: "field-label" }, "Status", status),
      h("label", { class: "field-label" }, "Speaker", speaker),
    ];
  }

  private select(testid: string): string {
    return this.options.querySelector<HTMLSelectElement>(`[data-testid="${testid}"]`)?.value ?? "";
  }

  /** Why the decision cannot be confirmed yet, or null. */
  private missing(): string | null {
    if (this.choice === null) return "Choose a decision: accept a claim, merge, edit or reject.";
    if (this.reason.value.trim() === "") return "Give a reason: every decision needs one.";
    return null;
  }

  private refresh(): void {
    const why = this.missing();
    this.hint.textContent = why ?? "";
    this.hint.hidden = why === null;
    this.confirm.disabled = this.busy || why !== null;
  }

  /** The decision the panel describes, or null when it is not complete. */
  build(): NewDecision | null {
    const u = this.unit;
    const c = this.choice;
    if (!u || !c || this.missing() !== null) return null;
    const base = { document: this.document, considered: u.claims.map((x) => x.id), reason: this.reason.value.trim(), edited: null };
    switch (c.action) {
      case "accept":
        return { ...base, action: "accept", chosen: { span: c.claim, status: c.claim, speaker: c.claim } };
      case "reject":
        return { ...base, action: "reject", chosen: { span: null, status: null, speaker: null } };
      case "merge": {
        const speaker = this.select("merge-speaker");
        return { ...base, action: "merge", chosen: { span: this.select("merge-span"), status: this.select("merge-status"), speaker: speaker === "" ? null : speaker } };
      }
      case "edit": {
        const from = u.claims.find((x) => x.id === this.select("edit-span"));
        if (!from) return null;
        const { start, end } = this.editSpan ?? from;
        const sameSpan = start === from.start && end === from.end;
        const speaker = this.select("edit-speaker") || null;
        return {
          ...base,
          action: "edit",
          // What was taken from the claim it started from, for the audit trail.
          chosen: { span: sameSpan ? from.id : null, status: null, speaker: speaker === from.speaker ? from.id : null },
          edited: {
            start,
            end,
            quote: sameSpan ? from.quote : this.passage.quote(start, end),
            status: STATUSES.find((x) => x === this.select("edit-status")) ?? from.status,
            speaker,
            cue: sameSpan ? from.cue : null,
            note: null,
          },
        };
      }
    }
  }

  private async submit(): Promise<void> {
    const d = this.build();
    if (!d || this.busy) return;
    this.busy = true;
    this.refresh();
    try {
      if (await this.deps.decide(d)) {
        this.choice = null;
        this.reason.value = "";
      }
    } finally {
      this.busy = false;
      this.refresh();
    }
  }
}
