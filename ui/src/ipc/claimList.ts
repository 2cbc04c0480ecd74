// A document's claims arrive from the core as a ClaimList (rows of a few fields, each coder
// once) to keep opening a book quick; the UI works with Claim objects made from them here.

import type { Ipc } from "./client";
import type { Claim, ClaimList } from "./types";

/** The claims of document `id`, in text order. */
export async function documentClaims(ipc: Ipc, id: string): Promise<Claim[]> {
  return claimsOf(await ipc.listClaims(id));
}

/** The claims of `list`, in its order. */
function claimsOf(list: ClaimList): Claim[] {
  const { document, coders } = list;
  return list.rows.map(([id, start, end, quote, status, speaker, cue, note, k]) => {
    const coder = coders[k];
    if (coder === undefined) throw new Error(`claim ${id} names coder ${String(k)} of ${String(coders.length)}`);
    return { id, document, start, end, quote, status, speaker, cue, note, coder };
  });
}

/** The ClaimList of `claims`, all of `document` (for the in-memory core of tests and the
 * preview, which answers as the real one does). */
export function claimListOf(document: string, claims: readonly Claim[]): ClaimList {
  const coders: string[] = [];
  const rows = claims.map((c): ClaimList["rows"][number] => {
    let k = coders.indexOf(c.coder);
    if (k < 0) k = coders.push(c.coder) - 1;
    return [c.id, c.start, c.end, c.quote, c.status, c.speaker, c.cue, c.note, k];
  });
  return { document, coders, rows };
}
