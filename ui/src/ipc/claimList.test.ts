import { describe, expect, it } from "vitest";
import { claim } from "../test/util";
import { claimListOf, documentClaims } from "./claimList";
import type { Ipc } from "./client";

describe("a document's claims as rows", () => {
  it("come back as the claims they were made from, each coder named once", async () => {
    const claims = [
      { ...claim("a", 0, 4), coder: "ana", note: "n", cue: { start: 5, end: 9 } },
      { ...claim("b", 2, 6, "disputed"), coder: "ben", speaker: "spk-1", quote: "Zoë 👍🏽" },
      { ...claim("c", 8, 9, "unverified"), coder: "ana" },
    ];
    const list = claimListOf("d1", claims);
    expect(list.coders).toEqual(["ana", "ben"]);
    const ipc = { listClaims: (id: string) => Promise.resolve(id === "d1" ? list : claimListOf(id, [])) } as unknown as Ipc;
    expect(await documentClaims(ipc, "d1")).toEqual(claims);
    expect(await documentClaims(ipc, "d2")).toEqual([]);
  });

  it("are refused when a row names a coder the list does not hold", async () => {
    const list = claimListOf("d1", [claim("a", 0, 4)]);
    const ipc = { listClaims: () => Promise.resolve({ ...list, coders: [] }) } as unknown as Ipc;
    await expect(documentClaims(ipc, "d1")).rejects.toThrow("claim a names coder 0 of 0");
  });
});
