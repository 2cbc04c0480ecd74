// The claims of the open document sorted by (start, end, id), with a running maximum of their
// ends. Finding the claims that touch a window of text is then two binary searches and a scan
// of only the candidates, whatever the document's size (ENGINEERING.md item 17). Cues get the
// same index of their own, since a cue may lie anywhere in the document, not only in its claim.

import type { Claim, Span } from "../ipc";

export function compareClaims(a: Claim, b: Claim): number {
  return a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Items sorted by the start of their span, with the running max end: overlap queries. */
class Intervals<T> {
  /** maxEnd[i] = the largest end among items[0..=i]; never decreases. */
  private readonly maxEnd: number[] = [];

  constructor(
    readonly items: readonly T[],
    private readonly span: (item: T) => Span,
  ) {
    let m = -Infinity;
    for (const it of items) {
      m = Math.max(m, span(it).end);
      this.maxEnd.push(m);
    }
  }

  /** Items whose span intersects [a, b): start < b and end > a. */
  overlapping(a: number, b: number): T[] {
    // First index whose running max end exceeds a: no item before it can reach a.
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.maxEnd[mid] ?? -Infinity) > a) hi = mid;
      else lo = mid + 1;
    }
    const out: T[] = [];
    for (let i = lo; i < this.items.length; i++) {
      const it = this.items[i];
      if (it === undefined) break;
      const s = this.span(it);
      if (s.start >= b) break;
      if (s.end > a) out.push(it);
    }
    return out;
  }
}

function cueOf(c: Claim): Span {
  return c.cue ?? { start: 0, end: 0 };
}

export class ClaimIndex {
  readonly claims: readonly Claim[];
  private readonly bySpan: Intervals<Claim>;
  /** The claims that have a cue, sorted by their cue. */
  private readonly byCue: Intervals<Claim>;
  private readonly byIdMap: Map<string, Claim>;

  /** `sorted`: the claims are already in `compareClaims` order (no sort needed). */
  constructor(claims: readonly Claim[], sorted_ = false) {
    const sorted = sorted_ ? claims : [...claims].sort(compareClaims);
    this.claims = sorted;
    this.bySpan = new Intervals(sorted, (c) => c);
    const cued = sorted.filter((c) => c.cue !== null).sort((a, b) => cueOf(a).start - cueOf(b).start || compareClaims(a, b));
    this.byCue = new Intervals(cued, cueOf);
    this.byIdMap = new Map(sorted.map((c) => [c.id, c]));
  }

  get size(): number {
    return this.claims.length;
  }

  get(id: string): Claim | undefined {
    return this.byIdMap.get(id);
  }

  /** A new index with `claim` added or replaced (by id). */
  with(claim: Claim): ClaimIndex {
    // Inserted in place (a binary search), not sorted again: adding to a book's 10,000 claims
    // is a copy, not a sort.
    const rest = this.byIdMap.has(claim.id) ? this.claims.filter((c) => c.id !== claim.id) : [...this.claims];
    let lo = 0;
    let hi = rest.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const c = rest[mid];
      if (c !== undefined && compareClaims(c, claim) < 0) lo = mid + 1;
      else hi = mid;
    }
    rest.splice(lo, 0, claim);
    return new ClaimIndex(rest, true);
  }

  /** A new index without the claim `id`. */
  without(id: string): ClaimIndex {
    return new ClaimIndex(this.claims.filter((c) => c.id !== id), true);
  }

  /** Claims intersecting [a, b): start < b and end > a. */
  overlapping(a: number, b: number): Claim[] {
    return this.bySpan.overlapping(a, b);
  }

  /** Claims covering code point `cp` (start <= cp < end). */
  covering(cp: number): Claim[] {
    return this.overlapping(cp, cp + 1);
  }

  /** Claims whose cue intersects [a, b), in the order of their cues. */
  cuesOverlapping(a: number, b: number): Claim[] {
    return this.byCue.overlapping(a, b);
  }

  /** Claims whose cue covers code point `cp`. */
  cuesCovering(cp: number): Claim[] {
    return this.cuesOverlapping(cp, cp + 1);
  }
}
