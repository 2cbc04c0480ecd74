// Which lines of the rendered document are near the reader's view, so that the painter
// registers only their claims (ENGINEERING.md item 17).
//
// Measured from the scroll position: the paragraphs are stacked in text order, so two binary
// searches over their boxes find the first and the last within half a screen of the view.
// An IntersectionObserver on every paragraph did this before; WebKitGTK updates every observed
// target in every frame, and a book has 2,500 paragraphs: ~1.5 ms of the frame that paints a
// new claim in the book (measured in the app), and of every frame of scrolling.

/** Lines `lo..=hi` of the document (indices of its paragraphs). */
export interface LineWindow {
  readonly lo: number;
  readonly hi: number;
}

export interface NearLines {
  /** The paragraphs of the document shown, one per line in text order (none: no document). */
  setParagraphs(paragraphs: readonly HTMLElement[]): void;
  /** Paragraphs were put in the page, or their layout may have changed otherwise. */
  invalidate(): void;
  /** The lines near the view, or null when none is (no document; the reader hidden). */
  window(): LineWindow | null;
  dispose(): void;
}

/** Every line counts as near: where nothing is laid out to measure (the unit tests' DOM). */
export class AllLines implements NearLines {
  private count = 0;
  setParagraphs(paragraphs: readonly HTMLElement[]): void {
    this.count = paragraphs.length;
  }
  invalidate(): void {}
  window(): LineWindow | null {
    return this.count > 0 ? { lo: 0, hi: this.count - 1 } : null;
  }
  dispose(): void {}
}

/** How far beyond the view a line still counts as near, in heights of the view. */
const MARGIN = 0.5;

/** The lines within half a screen of the view of `root`, the scrolling element that holds the
 * paragraphs. Measured when asked after a scroll, a change of the size of the view or of what
 * holds the text, or `invalidate` (`changed` is called then, to ask again), and kept until the
 * next. */
export class ScrollWindow implements NearLines {
  private paragraphs: readonly HTMLElement[] = [];
  /** The last measure; undefined: to be measured. */
  private measured: LineWindow | null | undefined = undefined;
  private readonly resize: ResizeObserver;
  private readonly onChange = (): void => {
    this.invalidate();
    this.changed();
  };

  constructor(
    private readonly root: HTMLElement,
    private readonly changed: () => void,
  ) {
    root.addEventListener("scroll", this.onChange, { passive: true });
    this.resize = new ResizeObserver(this.onChange);
    this.resize.observe(root);
  }

  setParagraphs(paragraphs: readonly HTMLElement[]): void {
    this.paragraphs = paragraphs;
    // What holds the text in the view: a change of its size (a bar shown above the text, a
    // part of the text put in) moves the lines without scrolling.
    for (let el = paragraphs[0]?.parentElement; el && el !== this.root; el = el.parentElement) {
      this.resize.observe(el);
    }
    this.invalidate();
  }

  invalidate(): void {
    this.measured = undefined;
  }

  window(): LineWindow | null {
    if (this.measured === undefined) this.measured = this.measure();
    return this.measured;
  }

  dispose(): void {
    this.root.removeEventListener("scroll", this.onChange);
    this.resize.disconnect();
  }

  private measure(): LineWindow | null {
    const height = this.root.clientHeight;
    // Paragraphs are put in the page in text order, a part at a time: those in it are a prefix.
    const shown = firstIndex(this.paragraphs.length, (i) => !this.paragraphs[i]?.isConnected);
    if (height === 0 || shown === 0) return null;
    const top = this.root.getBoundingClientRect().top - height * MARGIN;
    const bottom = top + height * (1 + 2 * MARGIN);
    const box = (i: number): DOMRect | undefined => this.paragraphs[i]?.getBoundingClientRect();
    const lo = firstIndex(shown, (i) => (box(i)?.bottom ?? Infinity) > top);
    const hi = firstIndex(shown, (i) => (box(i)?.top ?? Infinity) >= bottom) - 1;
    return lo <= hi ? { lo, hi } : null;
  }
}

/** The first index in `0..n` for which `past` holds (n if none), where `past` is false up to
 * some index and true from it on. */
function firstIndex(n: number, past: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (past(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
