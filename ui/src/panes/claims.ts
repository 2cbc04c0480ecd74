// The claims pane: the open document's claims in text order. Items are reused by id and only
// rewritten when they change, and they sit in blocks of BLOCK items, each block skipped by the
// engine while off screen (content-visibility), so adding one claim to a book with 10,000 lays
// out a block or two instead of the whole list (WebKitGTK took ~0.6 s for a flat list).
// The list is one Tab stop (a roving tabindex: the selected, else the last focused, else the
// first item); arrow keys, Home and End move between claims, Enter opens one.

import type { Claim, Span } from "../ipc";
import { STATUS_LETTER } from "../ipc";
import { excerpt, h } from "../dom";
import { type Shortcut, bareKey, dispatch } from "../coding/shortcut";
import { ClaimFilter } from "./claimFilter";

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

const BLOCK = 100;

export class ClaimsPane {
  readonly el: HTMLElement;
  readonly list: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly items = new Map<string, { el: HTMLElement; sig: string }>();
  private readonly blocks: HTMLElement[] = [];
  /** The items in text order (for arrow-key moves across blocks). */
  private order: HTMLElement[] = [];
  private selected: string | null = null;
  /** The item that Tab reaches (tabindex 0); every other item has tabindex -1. */
  private tabStop: HTMLElement | null = null;
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
      const li = (e.target as Element | null)?.closest<HTMLElement>("[data-claim-id]");
      if (li) this.setTabStop(li);
    });
    this.el = h(
      "aside",
      { class: "pane claims-pane", "aria-label": "Claims" },
      editor,
      h("div", { class: "pane-head" }, this.heading),
      attention,
      this.filter.el,
      h("div", { class: "claim-list-scroll" }, this.list),
    );
  }

  private keyTarget(li: HTMLElement): ListKeyTarget {
    return {
      move: (by) => {
        const last = this.order.length - 1;
        const i = by === "first" ? 0 : by === "last" ? last : Math.max(0, Math.min(last, this.order.indexOf(li) + by));
        this.order[i]?.focus();
      },
      open: () => {
        const id = li.getAttribute("data-claim-id");
        if (id) this.deps.select(id);
      },
    };
  }

  private setTabStop(el: HTMLElement | null): void {
    if (this.tabStop === el) return;
    this.tabStop?.setAttribute("tabindex", "-1");
    el?.setAttribute("tabindex", "0");
    this.tabStop = el;
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
    const order: HTMLElement[] = [];
    for (const c of claims) {
      const speaker = this.deps.speakerName(c.speaker) ?? "";
      const sig = `${c.status}|${c.start}|${c.end}|${speaker}|${c.note ?? ""}|${c.quote.length}|${c.cue?.start ?? ""}-${c.cue?.end ?? ""}`;
      let item = this.items.get(c.id);
      if (!item) {
        item = { el: h("div", { "data-testid": "claim-item", role: "listitem", tabindex: "-1" }), sig: "" };
        this.items.set(c.id, item);
      }
      if (item.sig !== sig) {
        this.fill(item.el, c, speaker);
        item.sig = sig;
      }
      order.push(item.el);
    }
    const live = new Set(order);
    for (const [id, item] of this.items) {
      if (!live.has(item.el)) {
        item.el.remove();
        this.items.delete(id);
      }
    }
    // Block k holds items [k*BLOCK, (k+1)*BLOCK); only blocks whose items changed are touched.
    const nBlocks = Math.ceil(order.length / BLOCK);
    while (this.blocks.length < nBlocks) {
      const b = h("div", { class: "claim-block", role: "none" });
      this.blocks.push(b);
      this.list.append(b);
    }
    while (this.blocks.length > nBlocks) this.blocks.pop()?.remove();
    this.blocks.forEach((block, k) => {
      let cursor: ChildNode | null = block.firstChild;
      for (const el of order.slice(k * BLOCK, (k + 1) * BLOCK)) {
        if (el !== cursor) block.insertBefore(el, cursor);
        else cursor = cursor.nextSibling;
      }
      while (cursor) {
        const next: ChildNode | null = cursor.nextSibling;
        cursor.remove();
        cursor = next;
      }
    });
    this.order = order;
    if (!this.tabStop || !live.has(this.tabStop)) {
      this.tabStop = null;
      this.setTabStop(order[0] ?? null);
    }
    if (claims.length === 0) {
      this.list.setAttribute(
        "data-empty",
        this.all.length > 0 ? "No claim matches the filter." : "Select text in the article and press 1, 2 or 3 to code a claim.",
      );
    } else {
      this.list.removeAttribute("data-empty");
    }
    this.mark(false);
  }

  setSelected(id: string | null): void {
    this.selected = id;
    this.mark(true);
    const item = id === null ? undefined : this.items.get(id);
    if (item) this.setTabStop(item.el);
  }

  focusItem(id: string): void {
    this.items.get(id)?.el.focus();
  }

  private mark(scroll: boolean): void {
    for (const [id, item] of this.items) {
      if (id === this.selected) {
        item.el.setAttribute("aria-current", "true");
        if (scroll && typeof item.el.scrollIntoView === "function") item.el.scrollIntoView({ block: "nearest" });
      } else item.el.removeAttribute("aria-current");
    }
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
        ),
        c.note ? h("div", { class: "claim-note" }, excerpt(c.note, 100)) : null,
      ),
    );
  }
}
