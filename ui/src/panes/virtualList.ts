// A list that keeps only the rows near the view in the DOM (the claims of a book, the documents
// of a large project): rows have one fixed height, so where each one sits is arithmetic and
// nothing is measured while scrolling or when the items change. Rows are placed absolutely in
// a box as tall as the whole list, so the scrollbar is true; a row holding the focus stays in
// the DOM while it is away, so keyboard focus is never lost. Rows carry aria-setsize and
// aria-posinset, so assistive technology hears the whole list's size.

import { NextFrame } from "../nextFrame";

export interface VirtualListOptions<T> {
  /** The scrolling element that holds `list`. */
  scroller: HTMLElement;
  /** The element rows go in (it is sized to the whole list). */
  list: HTMLElement;
  /** The row height in px (read once per layout change, not per frame). */
  rowHeight(): number;
  key(item: T): string;
  /** What the row shows, as a string: a row is filled again only when it changes. */
  signature(item: T): string;
  /** Fills `el` (a new or reused row) for `item`. */
  fill(el: HTMLElement, item: T): void;
  /** Sets what changes without the item changing (selected, Tab stop) on a row in the DOM, at
   * every render: attributes only, so a row under the pointer keeps its children (replacing
   * them between a press and its release would lose the click). */
  decorate?(el: HTMLElement, item: T): void;
  /** Makes an empty row element. */
  create(): HTMLElement;
  /** The key of a row kept in the DOM wherever the view is (the list's Tab stop). */
  pinned?(): string | null;
}

/** The root font size in px (rows are sized in rem, so they follow the user's text size). */
export function remPx(): number {
  const px = parseFloat(getComputedStyle(document.documentElement).fontSize);
  return Number.isFinite(px) && px > 0 ? px : 16;
}

/** Rows rendered beyond each edge of the view. Scrolling changes the DOM only once the view
 * comes within MARGIN rows of the rendered ones' edge: most scrolled frames then change
 * nothing (a frame that changes the list's DOM repaints far more than the list in WebKitGTK). */
const OVERSCAN = 40;
const MARGIN = 10;
/** Rows rendered when the scroller has no height yet (not laid out, or in tests). */
const UNMEASURED_ROWS = 60;

export class VirtualList<T> {
  private items: readonly T[] = [];
  /** The rows in the DOM, by item key. */
  private readonly rows = new Map<string, { el: HTMLElement; sig: string; index: number; setsize: number }>();
  private readonly frame = new NextFrame(() => {
    this.render();
  });
  private rowH = 0;
  /** The scroller's scroll position and height as last seen (by a scroll event, the resize
   * observer, or our own scrolling): rendering reads no layout, so changing the items right
   * after a change elsewhere in the page (coding a claim) forces no layout. */
  private top = 0;
  private viewHeight = 0;
  /** The rows [first, last) rendered for the view (beside the pinned and focused ones). */
  private span: [number, number] = [0, 0];

  constructor(private readonly o: VirtualListOptions<T>) {
    o.list.style.position = "relative";
    o.scroller.addEventListener("scroll", () => {
      this.top = o.scroller.scrollTop;
      if (this.needsRows()) this.schedule();
    }, { passive: true });
    if (typeof ResizeObserver !== "undefined") {
      new ResizeObserver((entries) => {
        for (const e of entries) this.viewHeight = e.contentRect.height;
        this.rowH = 0;
        this.schedule();
      }).observe(o.scroller);
    } else {
      this.viewHeight = o.scroller.clientHeight;
    }
  }

  get length(): number {
    return this.items.length;
  }

  /** The items, in order (the rows near the view are updated now). */
  setItems(items: readonly T[]): void {
    // No map of keys to places is built: for 10,000 items that cost ~8 ms at every change (a
    // claim coded), and a place is asked for a few times per change (a scan, ~0.1 ms each).
    this.items = items;
    this.render();
  }

  item(i: number): T | undefined {
    return this.items[i];
  }

  index(key: string): number | undefined {
    const i = this.items.findIndex((it) => this.o.key(it) === key);
    return i < 0 ? undefined : i;
  }

  /** The row of `key`, when it is in the DOM. */
  element(key: string): HTMLElement | undefined {
    return this.rows.get(key)?.el;
  }

  /** Every row in the DOM (near the view), in no particular order. */
  elements(): HTMLElement[] {
    return [...this.rows.values()].map((r) => r.el);
  }

  /** Fills the rows near the view again (what their signatures depend on changed). */
  refresh(): void {
    this.render();
  }

  /** Scrolls so the row `i` is in view (as little as needed) and renders it; returns it. */
  reveal(i: number): HTMLElement | undefined {
    const it = this.items[i];
    if (it === undefined) return undefined;
    const h = this.height();
    const top = i * h;
    const view = this.view();
    let to: number | null = null;
    if (top < this.top) to = top;
    else if (top + h > this.top + view && view > 0) to = top + h - view;
    if (to !== null) {
      this.o.scroller.scrollTop = to;
      this.top = to;
    }
    this.render(i);
    return this.rows.get(this.o.key(it))?.el;
  }

  /** Whether the view has come near the edge of the rows in the DOM (or past it). */
  private needsRows(): boolean {
    const h = this.height();
    const viewFirst = Math.floor(this.top / h);
    const viewLast = Math.ceil((this.top + this.view()) / h);
    const [first, last] = this.span;
    return (viewFirst < first + MARGIN && first > 0) || (viewLast > last - MARGIN && last < this.items.length);
  }

  /** The scroller's height (where no resize observer reports it, as the element says). */
  private view(): number {
    return typeof ResizeObserver === "undefined" ? this.o.scroller.clientHeight : this.viewHeight;
  }

  private height(): number {
    if (this.rowH <= 0) this.rowH = Math.max(1, this.o.rowHeight());
    return this.rowH;
  }

  private schedule(): void {
    this.frame.request();
  }

  /** Puts the rows near the view (and `also`, when given) in the DOM, and only those. */
  private render(also?: number): void {
    const h = this.height();
    const n = this.items.length;
    const height = `${n * h}px`;
    if (this.o.list.style.height !== height) this.o.list.style.height = height;
    const view = this.view();
    let first: number;
    let last: number;
    if (view > 0) {
      first = Math.max(0, Math.floor(this.top / h) - OVERSCAN);
      last = Math.min(n, Math.ceil((this.top + view) / h) + OVERSCAN);
    } else {
      first = 0;
      last = Math.min(n, UNMEASURED_ROWS);
    }
    this.span = [first, last];
    /** The rows to have in the DOM: key → place. */
    const want = new Map<string, number>();
    const active = typeof document === "undefined" ? null : document.activeElement;
    const wantAt = (i: number | undefined): void => {
      const item = i === undefined ? undefined : this.items[i];
      if (i !== undefined && item !== undefined) want.set(this.o.key(item), i);
    };
    for (let i = first; i < last; i++) wantAt(i);
    wantAt(also);
    const pinned = this.o.pinned?.() ?? null;
    if (pinned !== null && !want.has(pinned)) wantAt(this.index(pinned));
    for (const [k, row] of this.rows) {
      if (want.has(k)) continue;
      // A focused row stays (where its item now is), so the focus is not lost while scrolling.
      if (active !== null && row.el.contains(active)) {
        const i = this.index(k);
        if (i !== undefined) {
          want.set(k, i);
          continue;
        }
      }
      row.el.remove();
      this.rows.delete(k);
    }
    const fresh: { el: HTMLElement; index: number }[] = [];
    for (const [k, i] of want) {
      const item = this.items[i] as T;
      let row = this.rows.get(k);
      if (!row) {
        row = { el: this.o.create(), sig: "", index: -1, setsize: -1 };
        row.el.style.position = "absolute"; // left and right: the list's CSS
        this.rows.set(k, row);
      }
      const sig = this.o.signature(item);
      if (row.sig !== sig) {
        this.o.fill(row.el, item);
        row.sig = sig;
      }
      if (row.index !== i) {
        row.el.style.top = `${i * h}px`;
        row.el.style.height = `${h}px`;
        row.el.setAttribute("aria-posinset", String(i + 1));
        row.index = i;
      }
      // Attributes are written only when they change: each write restyles the row.
      if (row.setsize !== n) {
        row.el.setAttribute("aria-setsize", String(n));
        row.setsize = n;
      }
      this.o.decorate?.(row.el, item);
      if (!row.el.isConnected) fresh.push(row);
    }
    // Inserted once every row knows its place, so each goes before the first row after it.
    for (const row of fresh) this.insertInOrder(row.el, row.index);
  }

  /** Keeps DOM order = list order among the rendered rows (reading order for screen readers). */
  private insertInOrder(el: HTMLElement, i: number): void {
    let before: Element | null = null;
    for (const child of this.o.list.children) {
      const pos = Number(child.getAttribute("aria-posinset"));
      if (pos > i + 1) {
        before = child;
        break;
      }
    }
    this.o.list.insertBefore(el, before);
  }
}
