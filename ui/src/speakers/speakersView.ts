// The speakers pane (in place of the reader and the claims, like the review): every speaker
// with its kind, aliases and claim counts by coder, by name, filtered as the analyst types;
// suggested merges; and the chosen speaker's form, merge and claims across documents.
// Changes go through SpeakerOps (on the undo stack); the app reloads this view after each,
// an undo included.

import type { Claim, DocumentSummary, Ipc, MergeSuggestion, SpeakerEdit, SpeakerUse, Speaker } from "../ipc";
import { documentClaims } from "../ipc";
import { h, isTextField } from "../dom";
import { isModalOpen } from "../panes/modal";
import { byName, matches } from "./filter";
import { SpeakerList } from "./speakerList";
import { Suggestions } from "./suggestions";
import { SpeakerForm } from "./speakerForm";
import { MergeForm } from "./mergeForm";
import { type CitingClaim, SpeakerClaims } from "./speakerClaims";

export interface SpeakersDeps {
  ipc: Ipc;
  documents(): readonly DocumentSummary[];
  /** Changes a speaker (see SpeakerOps.edit); rejects with the core's error. */
  edit(id: string, change: (edit: SpeakerEdit) => SpeakerEdit, label: string): Promise<unknown>;
  merge(from: Speaker, into: Speaker): Promise<unknown>;
  /** Opens a claim in the reader (the view closes). */
  openClaim(claim: Claim): void;
  showError(e: unknown): void;
  close(): void;
}

export class SpeakersView {
  readonly el: HTMLElement;
  uses: SpeakerUse[] = [];
  current: string | null = null;
  private readonly filter: HTMLInputElement;
  private readonly count: HTMLElement;
  private readonly list: SpeakerList;
  private readonly suggestions: Suggestions;
  private readonly detail: HTMLElement;
  private readonly title: HTMLElement;
  private readonly form: SpeakerForm;
  private readonly mergeForm: MergeForm;
  private readonly claims: SpeakerClaims;
  private readonly lifetime = new AbortController();
  /** Counts loads, so that a slow one overtaken by another is dropped. */
  private seq = 0;

  constructor(private readonly deps: SpeakersDeps) {
    this.filter = h("input", {
      type: "search",
      "data-testid": "speakers-filter",
      "aria-label": "Filter speakers by name or alias",
      placeholder: "Filter by name or alias",
      autocomplete: "off",
    });
    this.filter.addEventListener("input", () => {
      this.renderList();
    });
    this.filter.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && this.filter.value !== "") {
        e.stopPropagation();
        this.filter.value = "";
        this.renderList();
      }
    });
    const close = h("button", { type: "button", "data-testid": "speakers-close", "aria-label": "Close the speakers" }, "Close");
    close.addEventListener("click", () => {
      deps.close();
    });
    this.count = h("span", { class: "review-status-line", "aria-live": "polite" });
    this.list = new SpeakerList((id) => {
      void this.choose(id);
    });
    this.suggestions = new Suggestions((s) => {
      void this.offer(s);
    });
    this.form = new SpeakerForm({ save: (id, change, label) => deps.edit(id, change, label) });
    this.mergeForm = new MergeForm({
      merge: async (from, into) => {
        const a = this.use(from);
        const b = this.use(into);
        if (!a || !b) return;
        // The one that stays is shown once the merge has reloaded the list.
        const was = this.current;
        this.current = into;
        try {
          await deps.merge(a.speaker, b.speaker);
        } catch (e) {
          this.current = was;
          throw e;
        }
      },
    });
    this.claims = new SpeakerClaims((c) => {
      deps.openClaim(c);
    });
    this.title = h("h2", { id: "speaker-detail-title" });
    this.detail = h(
      "section",
      { class: "speaker-detail", "data-testid": "speaker-detail", "aria-labelledby": "speaker-detail-title", hidden: true },
      this.title,
      this.form.el,
      this.mergeForm.el,
      this.claims.el,
    );
    this.el = h(
      "section",
      { class: "pane speakers-view", "data-testid": "speakers-view", "aria-label": "Speakers", tabindex: "-1" },
      h(
        "header",
        { class: "review-top" },
        h("h2", {}, "Speakers"),
        this.count,
        this.filter,
        h("div", { class: "pane-actions" }, close),
      ),
      h(
        "div",
        { class: "speakers-body" },
        h("div", { class: "speakers-side" }, this.suggestions.el, this.list.el),
        this.detail,
      ),
    );
    document.addEventListener("keydown", (e) => {
      if (e.defaultPrevented || isModalOpen() || isTextField(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === "Escape") {
        e.preventDefault();
        deps.close();
      }
    }, { signal: this.lifetime.signal });
  }

  destroy(): void {
    this.lifetime.abort();
    this.el.remove();
  }

  focusFilter(): void {
    this.filter.focus();
  }

  /** Reads the speakers and the suggestions again, and the chosen speaker's claims. */
  async load(): Promise<void> {
    const seq = ++this.seq;
    let uses: SpeakerUse[];
    let suggestions: MergeSuggestion[];
    try {
      [uses, suggestions] = await Promise.all([this.deps.ipc.speakerUses(), this.deps.ipc.mergeSuggestions()]);
    } catch (e) {
      this.deps.showError(e);
      return;
    }
    if (seq !== this.seq) return;
    this.uses = byName(uses, (u) => u.speaker.name);
    this.suggestions.render(suggestions);
    if (this.current !== null && !this.use(this.current)) this.current = null;
    this.renderList();
    await this.showDetail(null);
  }

  private use(id: string): SpeakerUse | undefined {
    return this.uses.find((u) => u.speaker.id === id);
  }

  private renderList(): void {
    const shown = this.uses.filter((u) => matches(u.speaker, this.filter.value));
    const n = this.uses.length;
    this.count.textContent =
      shown.length === n ? `${String(n)} ${n === 1 ? "speaker" : "speakers"}` : `${String(shown.length)} of ${String(n)}`;
    this.list.render(shown, this.current);
  }

  async choose(id: string): Promise<void> {
    this.current = id;
    this.renderList();
    await this.showDetail(null);
  }

  /** A suggestion's "Merge…": shows its first speaker with the other chosen to merge with. */
  private async offer(s: MergeSuggestion): Promise<void> {
    this.current = s.a;
    this.renderList();
    await this.showDetail(s.b);
    this.mergeForm.focus();
  }

  private async showDetail(mergeWith: string | null): Promise<void> {
    const u = this.current === null ? undefined : this.use(this.current);
    this.detail.hidden = !u;
    if (!u) return;
    this.title.textContent = u.speaker.name;
    this.form.show(u.speaker);
    this.mergeForm.show(u, this.uses.filter((x) => x !== u), mergeWith);
    const seq = this.seq;
    const claims = await this.citing(u.speaker.id);
    if (claims && seq === this.seq && this.current === u.speaker.id) this.claims.render(u.speaker.name, claims);
  }

  /** The claims citing a speaker in every document, with document titles and coder names.
   * (One listClaims per document: the projects this pane is for hold tens of articles.) */
  private async citing(id: string): Promise<CitingClaim[] | null> {
    const docs = this.deps.documents();
    try {
      const [coders, lists] = await Promise.all([
        this.deps.ipc.listCoders(),
        Promise.all(docs.map((d) => documentClaims(this.deps.ipc, d.id))),
      ]);
      const coderName = new Map(coders.map((c) => [c.id, c.name]));
      return docs.flatMap((d, i) =>
        (lists[i] ?? [])
          .filter((c) => c.speaker === id)
          .map((claim) => ({ claim, document: d.title, coder: coderName.get(claim.coder) ?? claim.coder })),
      );
    } catch (e) {
      this.deps.showError(e);
      return null;
    }
  }
}
