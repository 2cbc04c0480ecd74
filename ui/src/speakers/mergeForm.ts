// Merging the shown speaker with another: choose the other, choose which of the two stays
// (the fuller name is offered first), then "Merge". The one that goes lends its names as
// aliases and its claims follow; Ctrl+Z undoes it.

import type { SpeakerUse } from "../ipc";
import { h } from "../dom";
import { writeError } from "../panes/feedback";

export interface MergeFormDeps {
  /** Merges `from` into `into`; rejects with the core's error. */
  merge(from: string, into: string): Promise<unknown>;
}

export class MergeForm {
  readonly el: HTMLElement;
  private current: SpeakerUse | null = null;
  private others: SpeakerUse[] = [];
  private readonly other: HTMLSelectElement;
  private readonly keep: HTMLElement;
  private readonly run: HTMLButtonElement;
  private readonly error: HTMLElement;

  constructor(private readonly deps: MergeFormDeps) {
    this.other = h("select", { id: "merge-with", "data-testid": "merge-with" });
    this.other.addEventListener("change", () => {
      this.renderKeep(null);
    });
    this.keep = h("fieldset", { class: "merge-keep" });
    this.run = h("button", { type: "button", "data-testid": "merge-confirm" }, "Merge");
    this.run.addEventListener("click", () => {
      void this.confirm();
    });
    this.error = h("p", { class: "field-error", "data-testid": "merge-error", role: "alert", hidden: true });
    this.el = h(
      "section",
      { class: "merge-form", "data-testid": "merge-form", "aria-label": "Merge speakers" },
      h("h3", {}, "Merge"),
      h("label", { for: "merge-with" }, "with"),
      this.other,
      this.keep,
      this.run,
      this.error,
    );
  }

  /** Shows the form for `current`, offering `others` (by name); `with` chosen when given. */
  show(current: SpeakerUse, others: SpeakerUse[], withId: string | null = null): void {
    const same = this.current?.speaker.id === current.speaker.id;
    const chosen = withId ?? (same ? this.other.value : "");
    this.current = current;
    this.others = others;
    this.other.replaceChildren(
      h("option", { value: "" }, "choose a speaker…"),
      ...others.map((u) => h("option", { value: u.speaker.id }, u.speaker.name)),
    );
    this.other.value = others.some((u) => u.speaker.id === chosen) ? chosen : "";
    if (!same || withId !== null) this.clearError();
    this.renderKeep(same && withId === null ? this.kept() : null);
  }

  focus(): void {
    (this.keep.querySelector<HTMLInputElement>("input:checked") ?? this.other).focus();
  }

  /** The id of the speaker chosen to stay. */
  private kept(): string | null {
    return this.keep.querySelector<HTMLInputElement>("input:checked")?.value ?? null;
  }

  private renderKeep(keepId: string | null): void {
    const a = this.current;
    const b = this.others.find((u) => u.speaker.id === this.other.value);
    this.run.disabled = !a || !b;
    if (!a || !b) {
      this.keep.replaceChildren();
      this.keep.hidden = true;
      return;
    }
    const keep = keepId ?? fuller(a, b).speaker.id;
    this.keep.hidden = false;
    this.keep.replaceChildren(
      h("legend", {}, "Which one stays?"),
      ...[a, b].map((u) => {
        const radio = h("input", { type: "radio", name: "merge-keep", value: u.speaker.id, "data-testid": "merge-keep", "data-speaker-id": u.speaker.id });
        radio.checked = u.speaker.id === keep;
        return h("label", {}, radio, ` ${u.speaker.name} (${String(u.claims)} ${u.claims === 1 ? "claim" : "claims"})`);
      }),
    );
  }

  private async confirm(): Promise<void> {
    const a = this.current?.speaker.id;
    const b = this.other.value;
    const into = this.kept();
    if (!a || !b || !into) return;
    this.clearError();
    this.run.disabled = true;
    try {
      await this.deps.merge(into === a ? b : a, into);
    } catch (e) {
      writeError(this.error, e);
      this.error.hidden = false;
    } finally {
      this.run.disabled = false;
    }
  }

  private clearError(): void {
    this.error.hidden = true;
    this.error.textContent = "";
    this.error.removeAttribute("data-code");
  }
}

/** The one to keep by default: the longer name ("Maria Zakharova" over "Zakharova"), then the
 * one more claims cite, then the first. */
function fuller(a: SpeakerUse, b: SpeakerUse): SpeakerUse {
  const la = [...a.speaker.name].length;
  const lb = [...b.speaker.name].length;
  if (la !== lb) return la > lb ? a : b;
  return b.claims > a.claims ? b : a;
}
