// The dev server's fake (`npm run dev`): the sample articles beside the recorded review
// scenario, whose review answers replay.

import { expect, it } from "vitest";
import { DEFAULT_MIN_JACCARD } from "../ipc";
import { demoIpc } from "./demo";

it("serves the sample articles and the recorded review", async () => {
  const ipc = await demoIpc();
  const docs = await ipc.listDocuments();
  expect(docs.map((d) => d.title)).toEqual(["Convoy report", "Moscow rejects claims of interference", "An empty second article"]);
  const units = await ipc.reviewUnits(docs[0]?.id ?? "", [], DEFAULT_MIN_JACCARD);
  expect(units.map((u) => u.claims.length)).toEqual([2, 2, 1, 2]);
  expect((await ipc.listClaims(docs[1]?.id ?? "")).rows).toHaveLength(4);
});
