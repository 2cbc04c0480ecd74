// What a new version of an article needs from the analyst, above its claims: claims whose words
// are gone (orphans: re-placed on the words selected in the reader, or discarded; never dropped
// silently) and claims placed on a guess (fuzzy, or one of several equal places) to look at
// and confirm.

import type { Attention, ClaimToReview, Ipc, Orphan } from "../ipc";
import { excerpt, h } from "../dom";

export interface AttentionDeps {
  ipc: Ipc;
  /** The words selected in the reader, if any: where an orphan would be placed. */
  selection(): { start: number; end: number; quote: string } | null;
  /** Shows a carried claim in the reader and the list. */
  showClaim(id: string): void;
  /** Claims or orphans changed: the open document's claims and versions are read again. */
  changed(): void;
  showError(e: unknown): void;
  toast(message: string): void;
}

export class AttentionPanel {
  readonly el = h("section", { class: "attention", "data-testid": "attention", "aria-label": "Carried claims that need a look", hidden: true });
  private document: string | null = null;

  constructor(private readonly deps: AttentionDeps) {}

  /** Shows what `document` needs (nothing for a first version: no claim was carried to it). */
  async load(document: string | null, version: number): Promise<void> {
    this.document = document;
    if (document === null || version < 2) {
      this.render({ orphans: [], review: [] });
      return;
    }
    try {
      const a = await this.deps.ipc.attention(document);
      if (this.document === document) this.render(a);
    } catch (e) {
      this.deps.showError(e);
    }
  }

  private reload(): void {
    const doc = this.document;
    if (doc !== null) void this.load(doc, 2);
  }

  private render(a: Attention): void {
    const count = a.orphans.length + a.review.length;
    this.el.hidden = count === 0;
    if (count === 0) {
      this.el.replaceChildren();
      return;
    }
    this.el.replaceChildren(
      h("h3", {}, `Needs a look (${count})`),
      h("ul", { class: "attention-list" }, ...a.orphans.map((o) => this.orphan(o)), ...a.review.map((r) => this.toReview(r))),
    );
  }

  private orphan(o: Orphan): HTMLElement {
    const place = h("button", { type: "button", "data-testid": "place-orphan", title: "Select the claim's words in the reader first" }, "Place on selection");
    const discard = h("button", { type: "button", class: "danger", "data-testid": "discard-orphan" }, "Discard");
    place.addEventListener("click", () => {
      const sel = this.deps.selection();
      if (!sel) {
        this.deps.toast("Select the words of this claim in the reader, then place it.");
        return;
      }
      this.deps.ipc
        .replaceOrphan(o.id, { start: sel.start, end: sel.end }, sel.quote)
        .then(() => {
          this.deps.toast("Claim placed on the selected words.");
          this.deps.changed();
          this.reload();
        })
        .catch((e: unknown) => {
          this.deps.showError(e);
        });
    });
    discard.addEventListener("click", () => {
      this.deps.ipc
        .discardOrphan(o.id)
        .then(() => {
          this.deps.toast("Orphaned claim discarded.");
          this.deps.changed();
          this.reload();
        })
        .catch((e: unknown) => {
          this.deps.showError(e);
        });
    });
    return h(
      "li",
      { class: "orphan", "data-testid": "orphan", "data-id": o.id, "data-status": o.status },
      h("span", { class: "attention-why" }, "Words gone"),
      h("q", { class: "attention-quote" }, excerpt(o.quote, 120)),
      h("span", { class: "attention-actions" }, place, discard),
    );
  }

  private toReview(r: ClaimToReview): HTMLElement {
    const show = h("button", { type: "button" }, "Show");
    const ok = h("button", { type: "button", "data-testid": "confirm-placement" }, "Looks right");
    show.addEventListener("click", () => {
      this.deps.showClaim(r.claim.id);
    });
    ok.addEventListener("click", () => {
      this.deps.ipc
        .confirmPlacement(r.claim.id)
        .then(() => {
          this.reload();
        })
        .catch((e: unknown) => {
          this.deps.showError(e);
        });
    });
    const why = r.placement.review === "ambiguous" ? "One of several equal places" : "Words changed";
    return h(
      "li",
      { class: "to-review", "data-testid": "to-review", "data-id": r.claim.id, "data-reason": r.placement.review ?? "" },
      h("span", { class: "attention-why" }, why),
      h("q", { class: "attention-quote" }, excerpt(r.claim.quote, 120)),
      r.placement.from_quote !== r.claim.quote ? h("span", { class: "attention-was" }, "was ", h("q", {}, excerpt(r.placement.from_quote, 120))) : null,
      h("span", { class: "attention-actions" }, show, ok),
    );
  }
}
