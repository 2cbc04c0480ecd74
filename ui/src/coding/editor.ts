// The editor of the selected claim: status, speaker, cue, note, extent, delete. It holds no state of
// its own beyond what is typed: every change goes straight to the app, which saves it.

import type { Claim, Span, Speaker, SpeakerKind, Status } from "../ipc";
import { STATUSES, STATUS_LETTER } from "../ipc";
import { excerpt, h } from "../dom";
import { SpeakerPicker } from "./speakerPicker";

export interface EditorDeps {
  speakers(): readonly Speaker[];
  speakerName(id: string | null): string | null;
  setStatus(status: Status): void;
  setSpeaker(speaker: Speaker | null): void;
  createSpeaker(name: string, kind: SpeakerKind): void;
  setNote(note: string | null): void;
  setExtentToSelection(): void;
  /** The open document's text at `span` (to show a cue). */
  textAt(span: Span): string;
  setCueToSelection(): void;
  removeCue(): void;
  remove(): void;
  close(): void;
}

export class ClaimEditor {
  readonly el: HTMLElement;
  readonly picker: SpeakerPicker;
  readonly note: HTMLTextAreaElement;
  private readonly quote: HTMLElement;
  private readonly statusButtons = new Map<Status, HTMLButtonElement>();
  private readonly cueText: HTMLElement;
  private readonly cueRemove: HTMLButtonElement;
  private claim: Claim | null = null;

  constructor(private readonly deps: EditorDeps) {
    this.quote = h("blockquote", { class: "editor-quote" });
    const statusRow = h("div", { class: "status-row", role: "group", "aria-label": "Status" });
    STATUSES.forEach((s, i) => {
      const b = h(
        "button",
        {
          type: "button",
          class: `status-btn status-${s}`,
          "data-testid": `status-${s}`,
          "aria-pressed": "false",
          title: `${s} (${i + 1})`,
        },
        h("span", { class: "badge", "aria-hidden": "true" }, STATUS_LETTER[s]),
        ` ${s}`,
      );
      b.addEventListener("click", () => {
        deps.setStatus(s);
      });
      this.statusButtons.set(s, b);
      statusRow.append(b);
    });

    this.picker = new SpeakerPicker({
      speakers: () => deps.speakers(),
      pick: (sp) => {
        deps.setSpeaker(sp);
      },
      create: (name, kind) => {
        deps.createSpeaker(name, kind);
      },
    });

    this.note = h("textarea", {
      class: "note-input",
      "data-testid": "note-input",
      rows: "4",
      "aria-label": "Note",
      placeholder: "Note (saved when you leave the field, or Ctrl+Enter)",
    });
    this.note.addEventListener("blur", () => {
      this.saveNote();
    });
    this.note.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        this.saveNote();
      }
    });

    this.cueText = h("span", { class: "cue-text", "data-testid": "claim-cue" });
    const cueSet = h(
      "button",
      { type: "button", "data-testid": "cue-set", title: "Select the cue words in the text first (C)" },
      "Set cue",
    );
    this.cueRemove = h("button", { type: "button", "data-testid": "cue-remove" }, "Remove cue");
    keepSelection(cueSet);
    cueSet.addEventListener("click", () => {
      deps.setCueToSelection();
    });
    this.cueRemove.addEventListener("click", () => {
      deps.removeCue();
    });

    const extent = h(
      "button",
      { type: "button", class: "extent-btn", "data-testid": "claim-set-extent", title: "Select new text in the reader first" },
      "Set extent to selection",
    );
    keepSelection(extent);
    extent.addEventListener("click", () => {
      deps.setExtentToSelection();
    });
    const del = h("button", { type: "button", class: "danger", "data-testid": "claim-delete", title: "Delete (Del)" }, "Delete");
    del.addEventListener("click", () => {
      deps.remove();
    });
    const done = h("button", { type: "button", class: "primary", "data-testid": "editor-done", title: "Close (Esc)" }, "Done");
    done.addEventListener("click", () => {
      deps.close();
    });

    const speakerId = "editor-speaker-label";
    const noteId = "editor-note-label";
    const cueId = "editor-cue-label";
    this.picker.input.setAttribute("aria-labelledby", speakerId);
    this.note.setAttribute("aria-labelledby", noteId);
    this.el = h(
      "section",
      { class: "claim-editor", "data-testid": "claim-editor", "aria-label": "Claim editor", hidden: true },
      this.quote,
      statusRow,
      h("label", { class: "field-label", id: speakerId }, "Speaker"),
      this.picker.el,
      h("span", { class: "field-label", id: cueId }, "Cue"),
      h("div", { class: "cue-row", role: "group", "aria-labelledby": cueId }, this.cueText, cueSet, this.cueRemove),
      h("label", { class: "field-label", id: noteId }, "Note"),
      this.note,
      h("div", { class: "editor-actions" }, extent, del, done),
    );
  }

  get claimId(): string | null {
    return this.claim?.id ?? null;
  }

  get isOpen(): boolean {
    return !this.el.hidden && this.claim !== null;
  }

  /** Opens the editor on `claim` (saving any note typed for the previous one first). */
  open(claim: Claim, focusSpeaker: boolean): void {
    if (this.claim && this.claim.id !== claim.id) this.saveNote();
    const fresh = this.claim?.id !== claim.id;
    this.claim = claim;
    this.el.hidden = false;
    this.el.setAttribute("data-claim-id", claim.id);
    if (fresh) {
      this.picker.reset(this.deps.speakerName(claim.speaker) ?? "");
      this.note.value = claim.note ?? "";
    }
    this.show(claim);
    if (focusSpeaker) this.picker.focus();
  }

  /** The claim was saved: show its new state without clobbering a field being typed in. */
  update(claim: Claim): void {
    if (this.claim?.id !== claim.id) return;
    this.claim = claim;
    this.picker.setValue(this.deps.speakerName(claim.speaker) ?? "");
    if (document.activeElement !== this.note) this.note.value = claim.note ?? "";
    this.show(claim);
  }

  /** Closes the editor, saving a note or a new speaker in progress. */
  close(): void {
    this.picker.commitPending();
    this.saveNote();
    this.claim = null;
    this.el.hidden = true;
    this.el.removeAttribute("data-claim-id");
  }

  private show(claim: Claim): void {
    this.quote.textContent = excerpt(claim.quote, 280);
    this.quote.setAttribute("title", claim.quote);
    for (const [s, b] of this.statusButtons) b.setAttribute("aria-pressed", String(s === claim.status));
    this.el.setAttribute("data-status", claim.status);
    const cue = claim.cue;
    this.cueText.textContent = cue ? `“${excerpt(this.deps.textAt(cue), 80)}”` : "none";
    this.cueText.classList.toggle("none", !cue);
    for (const [k, v] of [["data-start", cue?.start], ["data-end", cue?.end]] as const) {
      if (v === undefined) this.cueText.removeAttribute(k);
      else this.cueText.setAttribute(k, String(v));
    }
    this.cueRemove.hidden = !cue;
  }

  private saveNote(): void {
    if (!this.claim) return;
    const value = this.note.value.trim() === "" ? null : this.note.value;
    if (value === (this.claim.note ?? null)) return;
    // Remember what was sent so that the blur after a Ctrl+Enter does not send it twice.
    this.claim = { ...this.claim, note: value };
    this.deps.setNote(value);
  }
}

/** Keeps the reader's selection alive while `button` is pressed (it acts on the selection). */
function keepSelection(button: HTMLElement): void {
  button.addEventListener("mousedown", (e) => {
    e.preventDefault();
  });
}
