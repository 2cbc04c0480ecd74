// Editing one speaker: its name (saved on Enter or on leaving the field), its kind (saved when
// chosen) and its aliases (each added or removed at once). Every save sends the complete new
// state; a refusal of the core (a name another speaker has, an empty name) is written under
// the field, and the typed text stays for the analyst to correct.

import type { Speaker, SpeakerEdit, SpeakerKind } from "../ipc";
import { KIND_LABEL, SPEAKER_KINDS } from "../ipc";
import { h } from "../dom";
import { writeError } from "../panes/feedback";

export interface SpeakerFormDeps {
  /** Changes speaker `id` by `change` (applied to it as it is when the save runs); rejects
   * with the core's error. */
  save(id: string, change: (edit: SpeakerEdit) => SpeakerEdit, label: string): Promise<unknown>;
}

export class SpeakerForm {
  readonly el: HTMLElement;
  private speaker: Speaker | null = null;
  private readonly name: HTMLInputElement;
  private readonly kind: HTMLSelectElement;
  private readonly aliases: HTMLElement;
  private readonly alias: HTMLInputElement;
  private readonly error: HTMLElement;

  constructor(private readonly deps: SpeakerFormDeps) {
    this.name = h("input", { type: "text", id: "speaker-edit-name", "data-testid": "speaker-edit-name", autocomplete: "off" });
    this.name.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        e.preventDefault();
        this.saveName();
      } else if (e.key === "Escape" && this.speaker && this.name.value !== this.speaker.name) {
        e.stopPropagation(); // the first Escape puts the name back; the next closes the pane
        this.name.value = this.speaker.name;
        this.clearError();
      }
    });
    this.name.addEventListener("change", () => {
      this.saveName();
    });
    this.kind = h(
      "select",
      { id: "speaker-edit-kind", "data-testid": "speaker-edit-kind" },
      ...SPEAKER_KINDS.map((k) => h("option", { value: k }, KIND_LABEL[k])),
    );
    this.kind.addEventListener("change", () => {
      const kind = this.kind.value as SpeakerKind;
      this.save((e) => ({ ...e, kind }), "changed speaker kind");
    });
    this.aliases = h("ul", { class: "alias-list", "aria-label": "Aliases" });
    this.alias = h("input", { type: "text", "data-testid": "alias-input", "aria-label": "New alias", autocomplete: "off" });
    this.alias.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        e.preventDefault();
        this.addAlias();
      }
    });
    const add = h("button", { type: "button", "data-testid": "alias-add" }, "Add alias");
    add.addEventListener("click", () => {
      this.addAlias();
    });
    this.error = h("p", { class: "field-error", "data-testid": "speaker-error", role: "alert", hidden: true });
    this.el = h(
      "div",
      { class: "speaker-form" },
      h("label", { for: "speaker-edit-name" }, "Name"),
      this.name,
      h("label", { for: "speaker-edit-kind" }, "Kind"),
      this.kind,
      h("span", { class: "form-label" }, "Aliases"),
      h("div", { class: "alias-edit" }, this.aliases, h("div", { class: "alias-add" }, this.alias, add)),
      this.error,
    );
  }

  /** Shows `s`; the fields the analyst is typing in keep their text when it is the same one. */
  show(s: Speaker): void {
    const same = this.speaker?.id === s.id;
    this.speaker = s;
    if (!same || document.activeElement !== this.name) this.name.value = s.name;
    if (!same) {
      this.alias.value = "";
      this.clearError();
    }
    this.kind.value = s.kind;
    this.aliases.replaceChildren(
      ...s.aliases.map((a) => {
        const remove = h("button", { type: "button", class: "alias-remove", "data-testid": "alias-remove", "aria-label": `Remove alias ${a}` }, "×");
        remove.addEventListener("click", () => {
          this.save((e) => ({ ...e, aliases: e.aliases.filter((x) => x !== a) }), "removed an alias");
        });
        return h("li", { class: "alias", "data-testid": "speaker-alias", "data-alias": a }, a, remove);
      }),
    );
    if (s.aliases.length === 0) this.aliases.append(h("li", { class: "muted" }, "none"));
  }

  focusName(): void {
    this.name.focus();
  }

  private saveName(): void {
    const s = this.speaker;
    const name = this.name.value;
    if (!s || name.trim() === s.name) return;
    this.save((e) => ({ ...e, name }), "renamed speaker");
  }

  private addAlias(): void {
    const s = this.speaker;
    const a = this.alias.value;
    if (!s || a.trim() === "") return;
    this.save((e) => ({ ...e, aliases: [...e.aliases, a] }), "added an alias", () => {
      this.alias.value = "";
    });
  }

  private save(change: (e: SpeakerEdit) => SpeakerEdit, label: string, done?: () => void): void {
    const s = this.speaker;
    if (!s) return;
    this.clearError();
    this.deps.save(s.id, change, label).then(
      () => done?.(),
      (err: unknown) => {
        writeError(this.error, err);
        this.error.hidden = false;
        this.kind.value = s.kind;
      },
    );
  }

  private clearError(): void {
    this.error.hidden = true;
    this.error.textContent = "";
    this.error.removeAttribute("data-code");
  }
}
