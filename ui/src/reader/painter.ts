// Paints claims with the CSS Custom Highlight API: one Highlight per status (plus one stacked
// layer where claims of one status overlap, so that they stack visibly), one for the selected
// claim and one for the flash. Cues (the words that signal attribution) have their own
// highlight, the open claim's cue another, and hovering links a claim and its cue in a third.
// No element wraps any text.
//
// Only the ranges of claims near the viewport are registered (ENGINEERING.md item 17): WebKit
// checks every registered range for every painted line, so registering all 10,000 claims of a
// book makes each frame ~100 ms slower. Which lines are within about a screen of the view is
// `NearLines`' answer (nearLines.ts).

import type { Claim, Span, Status } from "../ipc";
import { STATUSES } from "../ipc";
import { cpRangeToDom } from "../text/dom";
import type { ClaimIndex } from "./claimIndex";
import type { RenderedDocument } from "./render";
import { mark } from "../perf";
import { NextFrame } from "../nextFrame";
import { AllLines, type NearLines } from "./nearLines";

/** The part of the Highlight interface the painter uses, so tests can run without one. */
export interface HighlightLike {
  add(range: AbstractRange): unknown;
  delete(range: AbstractRange): unknown;
  has(range: AbstractRange): boolean;
  clear(): void;
  readonly size: number;
  priority: number;
}

export interface HighlightHost {
  create(): HighlightLike;
  register(name: string, h: HighlightLike): void;
  unregister(name: string): void;
}

/** The browser's registry, or null where the API is missing (jsdom). */
export function browserHighlights(): HighlightHost | null {
  const css = (globalThis as { CSS?: { highlights?: HighlightRegistry } }).CSS;
  const registry = css?.highlights;
  if (!registry || typeof Highlight === "undefined") return null;
  return {
    create: () => new Highlight(),
    register: (name, h) => {
      if (h instanceof Highlight) registry.set(name, h);
    },
    unregister: (name) => {
      registry.delete(name);
    },
  };
}

/** A stand-in that only remembers ranges: used in tests and where the API is missing. */
export class RecordingHighlight implements HighlightLike {
  readonly ranges = new Set<AbstractRange>();
  priority = 0;
  add(range: AbstractRange): this {
    this.ranges.add(range);
    return this;
  }
  delete(range: AbstractRange): boolean {
    return this.ranges.delete(range);
  }
  has(range: AbstractRange): boolean {
    return this.ranges.has(range);
  }
  clear(): void {
    this.ranges.clear();
  }
  get size(): number {
    return this.ranges.size;
  }
}

export function recordingHost(): HighlightHost & { registered: Map<string, HighlightLike> } {
  const registered = new Map<string, HighlightLike>();
  return {
    registered,
    create: () => new RecordingHighlight(),
    register: (name, h) => registered.set(name, h),
    unregister: (name) => registered.delete(name),
  };
}

/** The highlights in the host's registry, kept in the order of their priorities. WebKitGTK
 * 2.50 paints a text box's highlights in registry order and, meeting one of lower priority
 * after a higher one, computes where to insert it wrongly: the web process aborts
 * (MarkedText::collectForHighlights, an insert index of -1). In priority order it only ever
 * appends. Registering is putting a name last, so a highlight that comes back takes the ones
 * of higher priority out and puts them back after it. */
class OrderedRegistry {
  private readonly shown: { name: string; hl: HighlightLike }[] = [];

  constructor(private readonly host: HighlightHost) {}

  show(name: string, hl: HighlightLike): void {
    if (this.shown.some((e) => e.name === name)) return;
    const at = this.shown.findIndex((e) => e.hl.priority > hl.priority);
    const after = at < 0 ? [] : this.shown.splice(at);
    for (const e of after) this.host.unregister(e.name);
    this.shown.push({ name, hl }, ...after);
    this.host.register(name, hl);
    for (const e of after) this.host.register(e.name, e.hl);
  }

  hide(name: string): void {
    const at = this.shown.findIndex((e) => e.name === name);
    if (at < 0) return;
    this.shown.splice(at, 1);
    this.host.unregister(name);
  }
}

/** A highlight that is in the registry only while it holds a range. Measured in the app
 * (WebKitGTK 2.50, a 10 KB article): every registered highlight costs each repaint of the text
 * ~0.5 ms, empty or not (WebKit resolves its ::highlight style for every text box it paints), so
 * the painter's twelve cost ~6 ms of each frame that repaints the text (coding a claim,
 * scrolling); the ranges themselves cost little. Most of the twelve are empty most of the time
 * (the flash, the hover link, search hits, the stacked layer). */
class RegisteredWhileFilled implements HighlightLike {
  constructor(
    private readonly name: string,
    private readonly inner: HighlightLike,
    private readonly registry: OrderedRegistry,
  ) {}

  get priority(): number {
    return this.inner.priority;
  }
  set priority(p: number) {
    this.inner.priority = p;
  }
  get size(): number {
    return this.inner.size;
  }
  add(range: AbstractRange): this {
    this.inner.add(range);
    this.updateRegistration();
    return this;
  }
  delete(range: AbstractRange): unknown {
    const deleted = this.inner.delete(range);
    this.updateRegistration();
    return deleted;
  }
  has(range: AbstractRange): boolean {
    return this.inner.has(range);
  }
  clear(): void {
    this.inner.clear();
    this.updateRegistration();
  }
  /** Leaves the registry for good (the painter is destroyed). */
  unregister(): void {
    this.registry.hide(this.name);
  }
  private updateRegistration(): void {
    if (this.inner.size > 0) this.registry.show(this.name, this.inner);
    else this.registry.hide(this.name);
  }
}

export const BADGE: Record<Status, string> = { attributed: "A", disputed: "D", unverified: "U" };

const FLASH_MS = 1200;
/** At most this many letters in one paragraph's gutter, then "+n". */
const MAX_BADGES = 4;

export class Painter {
  private rendered: RenderedDocument | null = null;
  private index: ClaimIndex | null = null;
  /** The status layers and the stacked layer, by registered name. */
  private readonly layers = new Map<string, HighlightLike>();
  private readonly stacked: HighlightLike;
  private readonly current: HighlightLike;
  private readonly flashHl: HighlightLike;
  private readonly cues: HighlightLike;
  private readonly cueCurrent: HighlightLike;
  private readonly linked: HighlightLike;
  private readonly found: HighlightLike;
  /** Every highlight but the status and stacked layers, by registered name. */
  private readonly named = new Map<string, HighlightLike>();
  private flashTimer: ReturnType<typeof setTimeout> | null = null;
  /** Which lines are near the view. */
  private readonly near: NearLines;
  /** Whether a paint has found the shown document's lines laid out (see `paint`). */
  private laidOut = false;
  private readonly frame = new NextFrame(() => {
    this.paint();
  });
  /** The gutter's letters wait for the frame after the highlights (see `scheduleBadges`). */
  private readonly badgeFrame = new NextFrame(() => {
    this.flushBadges();
  });
  private badgesWanted: { lo: number; hi: number; near: readonly Claim[] } | null = null;
  /** The DOM ranges made of spans of the shown text, by span (see `rangeAt`). */
  private ranges = new Map<string, Range>();
  /** What each line's gutter shows (see `paintBadges`), for the lines it was set on. */
  private badges = new Map<number, string | null>();
  /** What each highlight set through `sync` holds (the browser's Highlight is not iterable in
   * every engine, so the painter keeps its own account). */
  private readonly held = new Map<HighlightLike, Set<Range>>();
  /** Waiting for the next paint that registers the ranges near the view (see `painted`). */
  private waiters: (() => void)[] = [];
  /** New claims not saved yet, painted as they will look once saved (see `addPending`). */
  private readonly pending = new Map<number, Span & { status: Status }>();
  private lastPending = 0;

  /** `near`: makes what tells which lines are near the view, given what to call when that may
   * have changed (by default every line is: where nothing is laid out, as in unit tests). */
  constructor(host: HighlightHost | null, near: (changed: () => void) => NearLines = () => new AllLines()) {
    this.near = near(() => {
      this.schedule();
    });
    const registry = host ? new OrderedRegistry(host) : null;
    const make = (name: string, priority: number): HighlightLike => {
      const inner = host?.create() ?? new RecordingHighlight();
      inner.priority = priority;
      if (!registry) return inner;
      return new RegisteredWhileFilled(name, inner, registry);
    };
    const single = (name: string, priority: number): HighlightLike => {
      const hl = make(name, priority);
      this.named.set(name, hl);
      return hl;
    };
    for (const s of STATUSES) this.layers.set(`claim-${s}`, make(`claim-${s}`, 0));
    this.stacked = make("claim-stacked", 1);
    this.layers.set("claim-stacked", this.stacked);
    this.current = single("claim-current", 2);
    this.flashHl = single("claim-flash", 3);
    this.cues = single("claim-cue", 4);
    this.cueCurrent = single("claim-cue-current", 5);
    this.linked = single("claim-linked", 6);
    this.found = single("search-hit", 7);
  }

  /** Marks what a search found in the open document (code-point spans); none clears it. */
  setFound(spans: readonly Span[]): void {
    const ranges = new Set<Range>();
    for (const s of spans) {
      const range = this.rangeAt(s);
      if (range) ranges.add(range);
    }
    this.sync(this.found, ranges);
  }

  /** A new document was rendered (or none): observe its paragraphs afresh. */
  setDocument(rendered: RenderedDocument | null): void {
    this.settle(); // whoever waited on the previous document's paint is not kept waiting
    this.cancelBadges();
    this.laidOut = false;
    this.ranges = new Map();
    this.badges = new Map();
    this.rendered = rendered;
    this.pending.clear();
    for (const hl of this.held.keys()) hl.clear();
    this.held.clear();
    this.near.setParagraphs(rendered?.paragraphs ?? []);
    if (!rendered) {
      this.paint();
      return;
    }
    // Paragraphs come into the page a part at a time (render.ts): the lines near the view may
    // be among them.
    rendered.onAttach(() => {
      this.near.invalidate();
      this.schedule();
    });
    this.schedule();
  }

  setClaims(index: ClaimIndex): void {
    this.index = index;
    this.schedule();
  }

  /** Paints a claim being saved as it will look once saved, so the coder sees it without
   * waiting for the core; returns what `removePending` takes back when the saved claim is in
   * the index (or the save failed). Its ranges are registered now, in the key press's task:
   * WebKit starts a frame at once for a change made there, where a change made in a frame
   * callback waits for the display's next tick (measured in the app: the frame came 1-17 ms
   * after the key press, at random, and 1-3 ms after it in WebKit's own browser). */
  addPending(span: Span, status: Status): number {
    this.lastPending += 1;
    this.pending.set(this.lastPending, { start: span.start, end: span.end, status });
    this.frame.cancel();
    this.paint({ settle: false });
    this.schedule();
    return this.lastPending;
  }

  removePending(token: number): void {
    if (this.pending.delete(token)) this.schedule();
  }

  /** Marks the selected claim (or none), and its cue. */
  setCurrent(claim: Claim | null): void {
    this.sync(this.current, rangeSet(claim && this.rangeOf(claim)));
    this.sync(this.cueCurrent, rangeSet(claim && this.cueRangeOf(claim)));
  }

  /** Links claims and their cues (those under the pointer): each claim with a cue is marked
   * together with its cue, so hovering either shows the other. */
  setLinked(claims: readonly Claim[]): void {
    const ranges = new Set<Range>();
    for (const c of claims) {
      const cue = this.cueRangeOf(c);
      const r = cue ? this.rangeOf(c) : null;
      if (!cue || !r) continue;
      ranges.add(r);
      ranges.add(cue);
    }
    this.sync(this.linked, ranges);
  }

  /** Briefly flashes a claim (after jumping to it). */
  flash(claim: Claim): void {
    if (this.flashTimer !== null) clearTimeout(this.flashTimer);
    const r = this.rangeOf(claim);
    this.sync(this.flashHl, rangeSet(r));
    if (!r) return;
    this.flashTimer = setTimeout(() => {
      this.sync(this.flashHl, rangeSet(null));
      this.flashTimer = null;
    }, FLASH_MS);
  }

  /** The registered highlight of a name (for tests and diagnostics). */
  highlight(name: string): HighlightLike | undefined {
    return this.named.get(name) ?? this.layers.get(name);
  }

  /** Resolves after the next paint that registers the ranges of the paragraphs near the view
   * (at once when no document is shown), in the frame callback that paints them. */
  painted(): Promise<void> {
    if (!this.rendered) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.schedule();
    });
  }

  /** Paints now instead of on the next frame (tests; after a synchronous change), the
   * gutter too. */
  flush(): void {
    this.frame.cancel();
    this.paint();
    this.flushBadges();
  }

  destroy(): void {
    this.near.dispose();
    this.frame.cancel();
    this.cancelBadges();
    if (this.flashTimer !== null) clearTimeout(this.flashTimer);
    for (const hl of [...this.layers.values(), ...this.named.values()]) {
      if (hl instanceof RegisteredWhileFilled) hl.unregister();
    }
  }

  private schedule(): void {
    this.frame.request();
  }

  private rangeOf(claim: Claim): Range | null {
    return claim.document === this.rendered?.doc.id ? this.rangeAt(claim) : null;
  }

  private cueRangeOf(claim: Claim): Range | null {
    return claim.cue && claim.document === this.rendered?.doc.id ? this.rangeAt(claim.cue) : null;
  }

  /** The DOM range of `span` of the shown text (none where it is empty), kept while the
   * document stays rendered: the same span on the next frame is the same range, so `sync`
   * leaves it registered. */
  private rangeAt(span: Span): Range | null {
    const r = this.rendered;
    if (!r) return null;
    const end = Math.min(span.end, r.model.length);
    const start = Math.min(span.start, end);
    if (start >= end) return null;
    const key = `${start}:${end}`;
    let range = this.ranges.get(key);
    if (!range) {
      range = cpRangeToDom(r.model, r.paragraphs, start, end);
      this.ranges.set(key, range);
    }
    return range;
  }

  /** Registers the ranges of the claims that touch the paragraphs near the view. Only what
   * changed is added or removed (scrolling moves a few claims in and out of the window; clearing
   * and refilling every highlight each time makes WebKit repaint them all). Whoever waits for
   * `painted` is answered here unless `settle` is false (a paint outside a frame callback: the
   * frame is still to come). */
  private paint({ settle = true }: { settle?: boolean } = {}): void {
    const r = this.rendered;
    const index = this.index;
    const want = new Map<HighlightLike, Set<Range>>();
    for (const hl of [...this.layers.values(), this.cues]) want.set(hl, new Set());
    const lines = r ? this.near.window() : null;
    if (r && lines && !this.laidOut) {
      this.laidOut = true;
      mark("open:laid-out");
    }
    if (r && index && lines) {
      const { lo, hi } = lines;
      const last = r.model.line(hi);
      const from = r.model.line(lo).start;
      const to = last.start + last.length + 1;
      const spans = new Map<HighlightLike, Span[]>();
      const push = (hl: HighlightLike | undefined, span: Span): void => {
        if (!hl) return;
        const list = spans.get(hl);
        if (list) list.push(span);
        else spans.set(hl, [span]);
      };
      // Each status's layer holds the union of its claims; where claims of one status overlap,
      // the stacked layer lays a second wash over the overlap (WebKit paints the overlapping
      // ranges of one highlight once, checked on screen: the overlap needs a layer of its own,
      // and that layer costs each repaint about 1 ms in a book). One stacked layer for all three
      // statuses, not one each: every registered highlight costs each repaint of the text
      // (see RegisteredWhileFilled), and a dense article has overlaps of every status in view.
      const near = index.overlapping(from, to);
      this.scheduleBadges(lo, hi, near);
      const byStatus: Record<Status, Span[]> = { attributed: [], disputed: [], unverified: [] };
      for (const c of near) byStatus[c.status].push(c);
      const unions: Record<Status, Span[]> = { attributed: [], disputed: [], unverified: [] };
      const overlaps: Span[] = [];
      for (const status of STATUSES) {
        const list = byStatus[status];
        unions[status] = unionOfSpans(list);
        for (const u of unions[status]) push(this.layers.get(`claim-${status}`), u);
        overlaps.push(...overlapsOfSpans(list));
      }
      for (const u of unionOfSpans(overlaps.sort((x, y) => x.start - y.start))) push(this.stacked, u);
      for (const c of index.cuesOverlapping(from, to)) if (c.cue) push(this.cues, c.cue);
      // Each highlight gets the union of its spans: it paints the same, and WebKit's cost for
      // every painted line grows with the ranges on it (a dense article has claims ~4 deep).
      for (const [hl, list] of spans) {
        const ranges = want.get(hl);
        for (const u of unionOfSpans(list)) {
          const range = this.rangeAt(u);
          if (range) ranges?.add(range);
        }
      }
      // A claim being saved is painted as it will be once saved, by ranges of its own: merged
      // into its layer's union it would replace that union's range, and WebKit repaints all the
      // text of a range a highlight gains or loses (in a dense text a union spans the screen).
      // Once saved, it joins the unions in a later frame.
      for (const p of this.pending.values()) {
        if (p.end <= from || p.start >= to) continue;
        const own = this.rangeAt(p);
        const layer = this.layers.get(`claim-${p.status}`);
        if (own && layer) want.get(layer)?.add(own);
        // Where it lies over claims of its status: their union clipped to it.
        for (const u of unions[p.status]) {
          if (u.end <= p.start || u.start >= p.end) continue;
          const range = this.rangeAt({ start: Math.max(u.start, p.start), end: Math.min(u.end, p.end) });
          if (range) want.get(this.stacked)?.add(range);
        }
      }
    }
    for (const [hl, ranges] of want) this.sync(hl, ranges);
    if (settle && (!r || lines)) this.settle();
  }

  /** Makes `hl` hold exactly `ranges`, touching only the differences: WebKit repaints the
   * text of every range added or deleted. Adding first, so that a highlight whose ranges change
   * never passes through empty, which would take it out of the registry and put it back. */
  private sync(hl: HighlightLike, ranges: Set<Range>): void {
    const held = this.held.get(hl) ?? new Set<Range>();
    for (const range of ranges) {
      if (!held.has(range)) hl.add(range);
    }
    for (const range of held) {
      if (!ranges.has(range)) hl.delete(range);
    }
    this.held.set(hl, ranges);
  }

  private settle(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w();
  }

  /** Sets the gutter's letters in the frame after this one. A new letter changes a line's
   * box (its `::before`), which with a book open made WebKit's frame ~4 ms longer (measured in
   * the app); the new claim's highlight, which the coder waits for, gets its frame without it.
   * Scrolling does not show the lag: lines are painted before they come into view. */
  private scheduleBadges(lo: number, hi: number, near: readonly Claim[]): void {
    this.badgesWanted = { lo, hi, near };
    this.badgeFrame.request();
  }

  private flushBadges(): void {
    this.badgeFrame.cancel();
    const wanted = this.badgesWanted;
    this.badgesWanted = null;
    if (wanted) this.paintBadges(wanted.lo, wanted.hi, wanted.near);
  }

  private cancelBadges(): void {
    this.badgeFrame.cancel();
    this.badgesWanted = null;
  }

  /** Letter badges (A/D/U) in the gutter of the lines `lo..=hi` (those near the view), from
   * `near`, the claims that touch them in text order: each line shows the claims that start in
   * it. Only these lines are looked at, so coding a claim in a book does not go through its
   * 10,000 claims; a line further away is brought up to date when it comes near. The letters
   * are shown by CSS from data attributes, so the paragraph's text stays one text node. */
  private paintBadges(lo: number, hi: number, near: readonly Claim[]): void {
    const r = this.rendered;
    if (!r) return;
    const from = r.model.line(lo).start;
    const next = new Map<number, Status[]>();
    for (const c of near) {
      if (c.start < from) continue; // starts in an earlier line
      const i = r.model.lineAt(c.start);
      if (i > hi) break;
      const list = next.get(i);
      if (list) list.push(c.status);
      else next.set(i, [c.status]);
    }
    for (let i = lo; i <= hi; i++) {
      const statuses = next.get(i);
      let t: string | null = null;
      if (statuses) {
        const letters = statuses.slice(0, MAX_BADGES).map((s) => BADGE[s]).join("");
        const more = statuses.length > MAX_BADGES ? ` +${statuses.length - MAX_BADGES}` : "";
        const tone = statuses.every((s) => s === statuses[0]) ? statuses[0] ?? "mixed" : "mixed";
        t = `${letters}${more}|${tone}`;
      }
      if ((this.badges.get(i) ?? null) !== t) this.setBadge(i, t);
      this.badges.set(i, t);
    }
  }

  private setBadge(i: number, value: string | null): void {
    const p = this.rendered?.paragraphs[i];
    if (!p) return;
    if (value === null) {
      p.removeAttribute("data-badges");
      p.removeAttribute("data-badge-tone");
      return;
    }
    const [letters = "", tone = "mixed"] = value.split("|");
    p.setAttribute("data-badges", letters);
    p.setAttribute("data-badge-tone", tone);
  }
}

/** The parts of `spans` (sorted by start) that two or more of them cover, as disjoint spans in
 * order. The span reaching furthest so far started no later than this one, so it covers this
 * one up to its end. */
export function overlapsOfSpans(spans: readonly Span[]): Span[] {
  const parts: Span[] = [];
  let reach = -Infinity;
  for (const s of spans) {
    const end = Math.min(s.end, reach);
    if (end > s.start) parts.push({ start: s.start, end });
    reach = Math.max(reach, s.end);
  }
  return unionOfSpans(parts);
}

/** The range given, if any, as a set for `Painter.sync`. */
function rangeSet(range: Range | null): Set<Range> {
  return new Set(range ? [range] : []);
}

/** The union of `spans` (sorted by start) as disjoint spans in order; spans that overlap or
 * touch become one. */
export function unionOfSpans(spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}
