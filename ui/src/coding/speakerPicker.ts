// The speaker field: a combobox that searches known speakers by name and alias (substring,
// case-insensitive) and always ends with "Create “…”", which asks the new speaker's kind.

import type { Speaker, SpeakerKind } from "../ipc";
import { KIND_LABEL, SPEAKER_KINDS } from "../ipc";
import { h } from "../dom";

export interface SpeakerMatch {
  speaker: Speaker;
  /** The alias that matched when the name did not. */
  alias: string | null;
}

/** Speakers whose name or an alias contains `query`; name-prefix matches first. */
export function matchSpeakers(speakers: readonly Speaker[], query: string, limit = 8): SpeakerMatch[] {
  const q = query.trim().toLocaleLowerCase();
  const scored: { m: SpeakerMatch; score: number }[] = [];
  for (const speaker of speakers) {
    const name = speaker.name.toLocaleLowerCase();
    if (q === "" || name.includes(q)) {
      scored.push({ m: { speaker, alias: null }, score: name.startsWith(q) ? 0 : 1 });
      continue;
    }
    const alias = speaker.aliases.find((a) => a.toLocaleLowerCase().includes(q));
    if (alias !== undefined) {
      scored.push({ m: { speaker, alias }, score: alias.toLocaleLowerCase().startsWith(q) ? 2 : 3 });
    }
  }
  scored.sort((a, b) => a.score - b.score || a.m.speaker.name.localeCompare(b.m.speaker.name));
  return scored.slice(0, limit).map((x) => x.m);
}

export interface SpeakerPickerDeps {
  speakers(): readonly Speaker[];
  /** The user picked a known speaker, or cleared the field (null). */
  pick(speaker: Speaker | null): void;
  /** The user confirmed a new speaker. */
  create(name: string, kind: SpeakerKind): void;
}

let seq = 0;

export class SpeakerPicker {
  readonly el: HTMLElement;
  readonly input: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private readonly createRow: HTMLElement;
  private readonly kind: HTMLSelectElement;
  private readonly createLabel: HTMLElement;
  /** The options on show: known speakers, then null for "Create …". */
  private options: (SpeakerMatch | null)[] = [];
  private active = 0;
  /** The name of the claim's current speaker, shown when the field is left. */
  private committed = "";
  private pendingName = "";

  constructor(private readonly deps: SpeakerPickerDeps) {
    const id = `speaker-list-${++seq}`;
    this.input = h("input", {
      type: "text",
      class: "speaker-input",
      "data-testid": "speaker-input",
      role: "combobox",
      "aria-autocomplete": "list",
      "aria-expanded": "false",
      "aria-controls": id,
      "aria-label": "Speaker",
      placeholder: "Who said it? (name or alias)",
      autocomplete: "off",
      spellcheck: "false",
    });
    this.list = h("ul", { id, class: "speaker-list", role: "listbox", "aria-label": "Speakers", hidden: true });
    this.kind = h(
      "select",
      { "data-testid": "speaker-kind", "aria-label": "Kind of the new speaker" },
      ...SPEAKER_KINDS.map((k) => h("option", { value: k }, KIND_LABEL[k])),
    );
    this.kind.value = "person";
    const confirm = h("button", { type: "button", class: "primary", "data-testid": "speaker-create-confirm" }, "Add speaker");
    const cancel = h("button", { type: "button", "aria-label": "Cancel the new speaker" }, "Cancel");
    this.createLabel = h("span", { class: "create-label" });
    this.createRow = h("div", { class: "speaker-create-row", hidden: true }, this.createLabel, this.kind, confirm, cancel);
    this.el = h("div", { class: "speaker-picker" }, this.input, this.list, this.createRow);

    this.input.addEventListener("input", () => {
      this.refresh(true);
    });
    this.input.addEventListener("focus", () => {
      this.input.select();
    });
    this.input.addEventListener("keydown", (e) => {
      this.onKey(e);
    });
    this.input.addEventListener("blur", () => {
      // Leaving the field without picking: close the list; an emptied field clears the speaker,
      // anything else typed but not picked goes back to the current speaker.
      setTimeout(() => {
        if (this.el.contains(document.activeElement)) return;
        this.closeList();
        if (this.createRow.hidden) this.settle();
      }, 0);
    });
    this.kind.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        e.preventDefault();
        this.confirmCreate();
      } else if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        this.cancelCreate();
      }
    });
    confirm.addEventListener("click", () => {
      this.confirmCreate();
    });
    cancel.addEventListener("click", () => {
      this.cancelCreate();
    });
  }

  /** Shows the claim's current speaker name (without disturbing typing in progress). */
  setValue(name: string): void {
    this.committed = name;
    if (document.activeElement !== this.input) this.input.value = name;
  }

  /** Resets for another claim. */
  reset(name: string): void {
    this.committed = name;
    this.input.value = name;
    this.closeList();
    this.createRow.hidden = true;
  }

  focus(): void {
    // The editor is at the top of its pane: nothing to scroll, and asking would lay out the page.
    this.input.focus({ preventScroll: true });
  }

  get listOpen(): boolean {
    return !this.list.hidden;
  }

  private settle(): void {
    const typed = this.input.value.trim();
    if (typed === "" && this.committed !== "") this.deps.pick(null);
    else if (typed !== this.committed) this.input.value = this.committed;
  }

  private onKey(e: KeyboardEvent): void {
    switch (e.key) {
      case "ArrowDown":
        e.preventDefault();
        if (!this.listOpen) this.refresh(true);
        else this.move(1);
        break;
      case "ArrowUp":
        e.preventDefault();
        this.move(-1);
        break;
      case "Enter":
        e.preventDefault();
        if (this.listOpen) this.choose(this.active);
        else this.settle();
        break;
      case "Escape":
        if (this.listOpen) {
          // First Escape closes the list; the next one reaches the editor and closes it.
          e.preventDefault();
          e.stopPropagation();
          this.closeList();
          this.input.value = this.committed;
        }
        break;
      case "Tab":
        this.closeList();
        break;
      default:
        break;
    }
  }

  private refresh(open: boolean): void {
    const typed = this.input.value.trim();
    const matches = matchSpeakers(this.deps.speakers(), typed);
    // "Create" is offered unless the typed text already names a speaker (by name or alias):
    // the core refuses a second speaker under a known name.
    const lower = typed.toLocaleLowerCase();
    const known = matches.some((m) =>
      [m.speaker.name, ...m.speaker.aliases].some((n) => n.toLocaleLowerCase() === lower),
    );
    this.options = typed === "" || known ? matches : [...matches, null];
    this.active = 0;
    this.createRow.hidden = true;
    this.list.replaceChildren(
      ...this.options.map((o, i) => {
        const li = o
          ? h(
              "li",
              {
                role: "option",
                class: "speaker-option",
                "data-testid": "speaker-option",
                "data-speaker-id": o.speaker.id,
              },
              h("span", { class: "speaker-name" }, o.speaker.name),
              o.alias ? h("span", { class: "speaker-alias" }, ` (alias: ${o.alias})`) : null,
              h("span", { class: "speaker-kind-tag" }, ` ${KIND_LABEL[o.speaker.kind]}`),
            )
          : h("li", { role: "option", class: "speaker-option create", "data-testid": "speaker-create" }, `Create “${typed}”`);
        li.id = `${this.list.id}-${i}`;
        // mousedown keeps focus in the field; click then chooses.
        li.addEventListener("mousedown", (e) => {
          e.preventDefault();
        });
        li.addEventListener("click", () => {
          this.choose(i);
        });
        return li;
      }),
    );
    const show = open && this.options.length > 0;
    this.list.hidden = !show;
    this.input.setAttribute("aria-expanded", String(show));
    this.mark();
  }

  private move(d: number): void {
    if (this.options.length === 0) return;
    this.active = (this.active + d + this.options.length) % this.options.length;
    this.mark();
  }

  private mark(): void {
    const items = this.list.children;
    for (let i = 0; i < items.length; i++) {
      items[i]?.setAttribute("aria-selected", String(i === this.active));
    }
    const cur = items[this.active];
    if (cur && this.listOpen) {
      this.input.setAttribute("aria-activedescendant", cur.id);
      if (typeof cur.scrollIntoView === "function") cur.scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  }

  private closeList(): void {
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
  }

  private choose(i: number): void {
    if (i < 0 || i >= this.options.length) return;
    const o = this.options[i];
    this.closeList();
    if (o) {
      this.committed = o.speaker.name;
      this.input.value = o.speaker.name;
      this.deps.pick(o.speaker);
      return;
    }
    // "Create …": ask the kind, then confirm.
    this.pendingName = this.input.value.trim();
    this.createLabel.textContent = `New speaker “${this.pendingName}”, kind:`;
    this.kind.value = "person";
    this.createRow.hidden = false;
    this.kind.focus();
  }

  private confirmCreate(refocus = true): void {
    const name = this.pendingName;
    if (name === "") return;
    this.createRow.hidden = true;
    this.committed = name;
    this.input.value = name;
    this.deps.create(name, this.kind.value as SpeakerKind);
    if (refocus) this.input.focus();
  }

  /** The editor is closing: a new speaker whose kind is on show counts as confirmed, as
   * "Done" accepts everything else in the form. */
  commitPending(): void {
    if (!this.createRow.hidden) this.confirmCreate(false);
  }

  private cancelCreate(): void {
    this.createRow.hidden = true;
    this.input.value = this.committed;
    this.input.focus();
  }
}
