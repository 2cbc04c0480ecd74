// The claims pane: the open document's claims in text order, as a virtual list (only the rows
// near the view are in the DOM, each rewritten only when its claim changes), so opening a book
// with 10,000 claims or adding one to it costs a screenful of rows, not the whole list.
// The list is one Tab stop (a roving tabindex: the selected, else the last focused, else the
// first item); arrow keys, Home and End move between claims, Enter opens one.

import type { Claim, Span } from "../ipc";
import { STATUS_LETTER } from "../ipc";
import { excerpt, h } from "../dom";
import { type Shortcut, bareKey, dispatch } from "../coding/shortcut";
import { ClaimFilter } from "./claimFilter";
import { VirtualList, remPx } from "./virtualList";

export interface ClaimsDeps {
  select(id: string): void;
  speakerName(id: string | null): string | null;
  coderName(id: string): string | null;
  /** The open document's text at a cue, for the items' accessible names. */
  textAt(span: Span): string;
}

/** What the list's keys act on: the focused item's place among the items. */
interface ListKeyTarget {
  /** Focuses the item `by` places away (clamped), or the first / the last. */
  move(by: number | "first" | "last"): void;
  open(): void;
}

const key = (k: string) => (e: KeyboardEvent): boolean => bareKey(e, k);
/** A list key always acts (there is always a focused item when it arrives). */
const always = (f: (t: ListKeyTarget) => void) => (t: ListKeyTarget): boolean => {
  f(t);
  return true;
};

/** The claims list's keys (listed by the "?" overlay too). */
export const LIST_KEYS: readonly Shortcut<ListKeyTarget>[] = [
  { keys: ["↓"], does: "Next claim in the list", matches: key("ArrowDown"), run: always((t) => { t.move(1); }) },
  { keys: ["↑"], does: "Previous claim in the list", matches: key("ArrowUp"), run: always((t) => { t.move(-1); }) },
  { keys: ["Home"], does: "First claim", matches: key("Home"), run: always((t) => { t.move("first"); }) },
  { keys: ["End"], does: "Last claim", matches: key("End"), run: always((t) => { t.move("last"); }) },
  {
    keys: ["Enter", "Space"],
    does: "Open the claim in the editor",
    matches: (e) => key("Enter")(e) || key(" ")(e),
    run: always((t) => { t.open(); }),
  },
];

/** A claim row's height (rem): the quote on up to two lines, then status, speaker and note. */
const ROW_REM = 4.75;

export class ClaimsPane {
  readonly el: HTMLElement;
  readonly list: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly rows: VirtualList<Claim>;
  private selected: string | null = null;
  /** The claim whose row Tab reaches (tabindex 0; it is always in the DOM); every other row
   * has tabindex -1. */
  private tabStop: string | null = null;
  private readonly filter: ClaimFilter;
  /** The document's claims, before the filter. */
  private all: readonly Claim[] = [];

  constructor(
    private readonly deps: ClaimsDeps,
    editor: HTMLElement,
    /** Shown above the list: what in this version needs a look (carried claims). */
    attention?: HTMLElement,
  ) {
    this.heading = h("h2", {}, "Claims");
    this.filter = new ClaimFilter(deps, () => {
      this.show();
    });
    this.list = h("div", { class: "claim-list", role: "list", "aria-label": "Claims in text order" });
    const scroller = h("div", { class: "claim-list-scroll" }, this.list);
    this.rows = new VirtualList<Claim>({
      scroller,
      list: this.list,
      rowHeight: () => remPx() * ROW_REM,
      key: (c) => c.id,
      signature: (c) => {
        const speaker = this.deps.speakerName(c.speaker) ?? "";
        return `${c.status}|${c.start}|${c.end}|${speaker}|${c.note ?? ""}|${c.quote.length}|${c.cue?.start ?? ""}-${c.cue?.end ?? ""}`;
      },
      decorate: (el, c) => {
        const tab = c.id === this.tabStop ? "0" : "-1";
        if (el.getAttribute("tabindex") !== tab) el.setAttribute("tabindex", tab);
        const current = c.id === this.selected;
        if (current !== el.hasAttribute("aria-current")) {
          if (current) el.setAttribute("aria-current", "true");
          else el.removeAttribute("aria-current");
        }
      },
      create: () => h("div", { "data-testid": "claim-item", role: "listitem", tabindex: "-1" }),
      fill: (el, c) => {
        this.fill(el, c, this.deps.speakerName(c.speaker) ?? "");
      },
      pinned: () => this.tabStop,
    });
    this.list.addEventListener("click", (e) => {
      const li = (e.target as Element | null)?.closest<HTMLElement>("[data-claim-id]");
      const id = li?.getAttribute("data-claim-id");
      if (id) deps.select(id);
    });
    this.list.addEventListener("keydown", (e) => {
      const li = (e.target as Element | null)?.closest<HTMLElement>("[data-claim-id]");
      if (!li) return;
      dispatch(LIST_KEYS, this.keyTarget(li), e);
    });
    this.list.addEventListener("focusin", (e) => {
      const id = (e.target as Element | null)?.closest<HTMLElement>("[data-claim-id]")?.getAttribute("data-claim-id");
      if (id) this.setTabStop(id);
    });
    this.el = h(
      "aside",
      { class: "pane claims-pane", "aria-label": "Claims" },
      editor,
      h("div", { class: "pane-head" }, this.heading),
      attention,
      this.filter.el,
      scroller,
    );
  }

  private keyTarget(li: HTMLElement): ListKeyTarget {
    return {
      move: (by) => {
        const last = this.rows.length - 1;
        const here = this.rows.index(li.getAttribute("data-claim-id") ?? "") ?? 0;
        const i = by === "first" ? 0 : by === "last" ? last : Math.max(0, Math.min(last, here + by));
        this.rows.reveal(i)?.focus();
      },
      open: () => {
        const id = li.getAttribute("data-claim-id");
        if (id) this.deps.select(id);
      },
    };
  }

  private setTabStop(id: string | null): void {
    if (this.tabStop === id) return;
    this.tabStop = id;
    this.rows.refresh();
  }

  /** Shows the document's claims (in text order), as the filter lets them through. */
  render(claims: readonly Claim[]): void {
    this.all = claims;
    this.filter.offer(claims);
    this.show();
  }

  private show(): void {
    const claims = this.filter.active ? this.all.filter((c) => this.filter.accepts(c)) : this.all;
    this.heading.textContent = this.filter.active ? `Claims (${claims.length} of ${this.all.length})` : `Claims (${claims.length})`;
    if (this.tabStop === null || !claims.some((c) => c.id === this.tabStop)) this.tabStop = claims[0]?.id ?? null;
    this.rows.setItems(claims);
    if (claims.length === 0) {
      this.list.setAttribute(
        "data-empty",
        this.all.length > 0 ? "No claim matches the filter." : "Select text in the article and press 1, 2 or 3 to code a claim.",
      );
    } else {
      this.list.removeAttribute("data-empty");
    }
  }

  /** Marks the selected claim (or none), scrolled into the list's view; it becomes the Tab stop. */
  setSelected(id: string | null): void {
    this.selected = id;
    if (id !== null && this.rows.index(id) !== undefined) this.tabStop = id;
    this.rows.refresh();
    const i = id === null ? undefined : this.rows.index(id);
    if (i !== undefined) this.rows.reveal(i);
  }

  focusItem(id: string): void {
    const i = this.rows.index(id);
    if (i !== undefined) this.rows.reveal(i)?.focus();
  }

  private fill(li: HTMLElement, c: Claim, speaker: string): void {
    li.className = `claim-item status-${c.status}`;
    li.setAttribute("data-claim-id", c.id);
    li.setAttribute("data-status", c.status);
    li.setAttribute("data-speaker", speaker);
    li.setAttribute("data-start", String(c.start));
    li.setAttribute("data-end", String(c.end));
    const cue = c.cue ? `, cue “${excerpt(this.deps.textAt(c.cue), 40)}”` : "";
    li.setAttribute(
      "aria-label",
      `${c.status}${speaker ? `, ${speaker}` : ", no speaker"}${cue}: ${excerpt(c.quote, 120)}${c.note ? `. Note: ${excerpt(c.note, 120)}` : ""}`,
    );
    li.replaceChildren(
      h("span", { class: "badge", "aria-hidden": "true" }, STATUS_LETTER[c.status]),
      h(
        "div",
        { class: "claim-body" },
        h("span", { class: "claim-quote" }, excerpt(c.quote, 140)),
        h(
          "div",
          { class: "claim-meta" },
          h("span", { class: "claim-status" }, c.status),
          " · ",
          h("span", { class: speaker ? "claim-speaker" : "claim-speaker none" }, speaker || "no speaker"),
          c.note ? " · " : null,
          c.note ? h("span", { class: "claim-note" }, excerpt(c.note, 100)) : null,
        ),
      ),
    );
  }
}
