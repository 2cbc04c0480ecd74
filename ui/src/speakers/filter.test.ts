import { describe, expect, it } from "vitest";
import type { Speaker } from "../ipc";
import { byName, fold, matches } from "./filter";

const zoe: Speaker = { id: "s1", name: "Zoë Marchetti", kind: "government", aliases: ["the Minister", "Z. M."] };

describe("speaker filter", () => {
  it("folds case and diacritics, in any normalisation", () => {
    expect(fold("ZOË")).toBe("zoe");
    expect(fold("Zoe\u0308")).toBe("zoe");
    expect(fold("Şahin Çelik")).toBe("sahin celik");
  });

  it("matches the name or an alias, anywhere in it", () => {
    expect(matches(zoe, "zoe")).toBe(true);
    expect(matches(zoe, "MARCH")).toBe(true);
    expect(matches(zoe, "minister")).toBe(true);
    expect(matches(zoe, "  ")).toBe(true);
    expect(matches(zoe, "ria")).toBe(false);
  });

  it("sorts by name as people read it", () => {
    expect(byName(["zeta", "Émile", "anna", "Ålborg", "item 10", "item 9"], (s) => s)).toEqual([
      "Ålborg", "anna", "Émile", "item 9", "item 10", "zeta",
    ]);
  });
});
