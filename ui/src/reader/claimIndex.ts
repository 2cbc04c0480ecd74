// The claims of the open document sorted by (start, end, id), with a running maximum of their
// ends. Finding the claims that touch a window of text is then two binary searches and a scan
// of only the candidates, whatever the document's size (ENGINEERING.md item 17).

import type { Claim } from "../ipc";

export function compareClaims(a: Claim, b: Claim): number {
  return a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export class ClaimIndex {
  readonly claims: readonly Claim[];
  /** maxEnd[i] = the largest end among claims[0..=i]; never decreases. */
  private readonly maxEnd: number[];
  private readonly byIdMap: Map<string, Claim>;

  constructor(claims: readonly Claim[]) {
    const sorted = [...claims].sort(compareClaims);
    this.claims = sorted;
    this.maxEnd = [];
    let m = -Infinity;
    for (const c of sorted) {
      m = Math.max(m, c.end);
      this.maxEnd.push(m);
    }
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
    return new ClaimIndex([...this.claims.filter((c) => c.id !== claim.id), claim]);
  }

  /** A new index without the claim `id`. */
  without(id: string): ClaimIndex {
    return new ClaimIndex(this.claims.filter((c) => c.id !== id));
  }

  /** Claims intersecting [a, b): start < b and end > a. */
  overlapping(a: number, b: number): Claim[] {
    // First index whose running max end exceeds a: no claim before it can reach a.
    let lo = 0;
    let hi = this.claims.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.maxEnd[mid] ?? -Infinity) > a) hi = mid;
      else lo = mid + 1;
    }
    const out: Claim[] = [];
    for (let i = lo; i < this.claims.length; i++) {
      const c = this.claims[i];
      if (!c || c.start >= b) break;
      if (c.end > a) out.push(c);
    }
    return out;
  }

  /** Claims covering code point `cp` (start <= cp < end). */
  covering(cp: number): Claim[] {
    return this.overlapping(cp, cp + 1);
  }
}
