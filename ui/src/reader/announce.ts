// What a screen reader hears about the passage at the caret: the reader's claims are painted
// ranges, not elements, so they have no accessible names of their own. A polite live region
// says, when the caret or the selection settles in the text, how many claims cover that point,
// each one's status and speaker, the claims whose cue it is, and what keys code a selection.

import type { Claim } from "../ipc";
import { h } from "../dom";
import { domPointToCp } from "../text/dom";

export interface AnnounceDeps {
  /** The reader's text root. */
  readonly root: HTMLElement;
  claimsAt(cp: number): Claim[];
  cuesAt(cp: number): Claim[];
  speakerName(id: string | null): string | null;
}

/** Wait this long after the last selection change: announce where the caret rests, not each step. */
const SETTLE_MS = 300;

export class ReaderAnnouncer {
  readonly el: HTMLElement;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly deps: AnnounceDeps,
    signal: AbortSignal,
  ) {
    this.el = h("div", { class: "sr-only", role: "status", "aria-live": "polite", "data-testid": "reader-status" });
    document.addEventListener("selectionchange", () => {
      if (this.timer !== null) clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.timer = null;
        this.update();
      }, SETTLE_MS);
    }, { signal });
    signal.addEventListener("abort", () => {
      if (this.timer !== null) clearTimeout(this.timer);
    });
  }

  /** Says what is at the selection's focus, when it is in the reader (silent elsewhere). */
  update(): void {
    const sel = document.getSelection();
    const node = sel?.focusNode;
    if (!sel || !node || !this.deps.root.contains(node)) return;
    const cp = domPointToCp(this.deps.root, node, sel.focusOffset);
    if (cp === null) return;
    const message = this.describe(cp, !sel.isCollapsed);
    // A live region speaks on change only: the same text again would be silent anyway.
    if (this.el.textContent !== message) this.el.textContent = message;
  }

  /** "2 claims here: attributed, Ada Quill; disputed, no speaker. Cue of: …" */
  describe(cp: number, selecting: boolean): string {
    const one = (c: Claim): string => `${c.status}, ${this.deps.speakerName(c.speaker) ?? "no speaker"}`;
    const claims = this.deps.claimsAt(cp);
    const cues = this.deps.cuesAt(cp);
    const parts = [
      claims.length === 0
        ? "No claim here."
        : `${claims.length} ${claims.length === 1 ? "claim" : "claims"} here: ${claims.map(one).join("; ")}.`,
    ];
    if (cues.length > 0) parts.push(`Cue of: ${cues.map(one).join("; ")}.`);
    if (selecting) parts.push("Selection: 1, 2 or 3 codes it; C makes it the open claim's cue.");
    return parts.join(" ");
  }
}
