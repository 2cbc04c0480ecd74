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
    for (let i = 0; i < items.length; i++) {
      const it = items[i];
      if (it !== undefined) m = Math.max(m, span(it).end);
      this.maxEnd[i] = m;
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

function inOrder(claims: readonly Claim[]): boolean {
  for (let i = 1; i < claims.length; i++) {
    const a = claims[i - 1];
    const b = claims[i];
    if (a !== undefined && b !== undefined && compareClaims(a, b) > 0) return false;
  }
  return true;
}

function cueOf(c: Claim): Span {
  return c.cue ?? { start: 0, end: 0 };
}

export class ClaimIndex {
  readonly claims: readonly Claim[];
  private readonly bySpan: Intervals<Claim>;
  /** The claims that have a cue, sorted by their cue. */
  private readonly byCue: Intervals<Claim>;
  /** Claims by id; handed over to the index `with` or `without` makes (see `handOverIds`). */
  private idMap: Map<string, Claim> | null;

  /** `sorted`: the claims are already in `compareClaims` order (no sort needed). `reuse`: parts
   * of an index that the change leaves valid (see `with`). */
  constructor(claims: readonly Claim[], sorted_ = false, reuse: { byCue?: Intervals<Claim>; byId?: Map<string, Claim> } = {}) {
    // The core sends a document's claims in text order, ties aside: a check is cheaper than a
    // sort of 10,000 claims that are already in order.
    const sorted = sorted_ || inOrder(claims) ? claims : [...claims].sort(compareClaims);
    this.claims = sorted;
    this.bySpan = new Intervals(sorted, (c) => c);
    this.byCue = reuse.byCue ?? new Intervals(sorted.filter((c) => c.cue !== null).sort((a, b) => cueOf(a).start - cueOf(b).start || compareClaims(a, b)), cueOf);
    this.idMap = reuse.byId ?? null;
  }

  get size(): number {
    return this.claims.length;
  }

  get(id: string): Claim | undefined {
    return this.ids().get(id);
  }

  private ids(): Map<string, Claim> {
    this.idMap ??= new Map(this.claims.map((c) => [c.id, c]));
    return this.idMap;
  }

  /** This index's map of ids, for the next index to change in place (copying 10,000 entries
   * costs ~10 ms, most of coding a claim's work here). This index makes its own again should it
   * still be asked. */
  private handOverIds(): Map<string, Claim> {
    const ids = this.ids();
    this.idMap = null;
    return ids;
  }

  /** A new index with `claim` added or replaced (by id). Coding a claim in a book of 10,000
   * must not rebuild the whole index: the claim goes in place (a binary search), the map of ids
   * is handed over, and the cues' index is kept unless a cue is involved. */
  with(claim: Claim): ClaimIndex {
    const byId = this.handOverIds();
    const old = byId.get(claim.id);
    const rest = old ? this.claims.filter((c) => c !== old) : this.claims.slice();
    let lo = 0;
    let hi = rest.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const c = rest[mid];
      if (c !== undefined && compareClaims(c, claim) < 0) lo = mid + 1;
      else hi = mid;
    }
    rest.splice(lo, 0, claim);
    byId.set(claim.id, claim);
    const cueKept = claim.cue === null && (old?.cue ?? null) === null;
    return new ClaimIndex(rest, true, { byId, byCue: cueKept ? this.byCue : undefined });
  }

  /** A new index without the claim `id`. */
  without(id: string): ClaimIndex {
    if (!this.ids().has(id)) return this;
    const byId = this.handOverIds();
    const old = byId.get(id);
    byId.delete(id);
    if (!old) return this;
    return new ClaimIndex(this.claims.filter((c) => c !== old), true, { byId, byCue: old.cue === null ? this.byCue : undefined });
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
