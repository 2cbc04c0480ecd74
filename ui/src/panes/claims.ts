// The claims pane: the open document's claims in text order. Items are reused by id and only
// rewritten when they change, and they sit in blocks of BLOCK items, each block skipped by the
// engine while off screen (content-visibility), so adding one claim to a book with 10,000 lays
// out a block or two instead of the whole list (WebKitGTK took ~0.6 s for a flat list).

import type { Claim } from "../ipc";
import { STATUS_LETTER } from "../ipc";
import { excerpt, h } from "../dom";

export interface ClaimsDeps {
  select(id: string): void;
  speakerName(id: string | null): string | null;
}

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

  constructor(
    private readonly deps: ClaimsDeps,
    editor: HTMLElement,
  ) {
    this.heading = h("h2", {}, "Claims");
    this.list = h("div", { class: "claim-list", role: "list", "aria-label": "Claims in text order" });
    this.list.addEventListener("click", (e) => {
      const li = (e.target as Element | null)?.closest<HTMLElement>("[data-claim-id]");
      const id = li?.getAttribute("data-claim-id");
      if (id) deps.select(id);
    });
    this.list.addEventListener("keydown", (e) => {
      const li = (e.target as Element | null)?.closest<HTMLElement>("[data-claim-id]");
      if (!li) return;
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        const id = li.getAttribute("data-claim-id");
        if (id) deps.select(id);
      } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        const i = this.order.indexOf(li);
        this.order[e.key === "ArrowDown" ? i + 1 : i - 1]?.focus();
      }
    });
    this.el = h(
      "aside",
      { class: "pane claims-pane", "aria-label": "Claims" },
      editor,
      h("div", { class: "pane-head" }, this.heading),
      h("div", { class: "claim-list-scroll" }, this.list),
    );
  }

  render(claims: readonly Claim[]): void {
    this.heading.textContent = `Claims (${claims.length})`;
    const order: HTMLElement[] = [];
    for (const c of claims) {
      const speaker = this.deps.speakerName(c.speaker) ?? "";
      const sig = `${c.status}|${c.start}|${c.end}|${speaker}|${c.note ?? ""}|${c.quote.length}`;
      let item = this.items.get(c.id);
      if (!item) {
        item = { el: h("div", { "data-testid": "claim-item", role: "listitem", tabindex: "0" }), sig: "" };
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
    if (claims.length === 0) {
      this.list.setAttribute("data-empty", "Select text in the article and press 1, 2 or 3 to code a claim.");
    } else {
      this.list.removeAttribute("data-empty");
    }
    this.mark(false);
  }

  setSelected(id: string | null): void {
    this.selected = id;
    this.mark(true);
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
    li.setAttribute(
      "aria-label",
      `${c.status}${speaker ? `, ${speaker}` : ", no speaker"}: ${excerpt(c.quote, 120)}${c.note ? `. Note: ${excerpt(c.note, 120)}` : ""}`,
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
