// The pure parts of search and versions: a hit's snippet with its matches marked by code point,
// and a new version's summary in words.

import { describe, expect, it, vi } from "vitest";
import { SearchBox, marked } from "./search";
import { describeImport } from "./versionBar";
import type { Ipc, SearchHit, VersionImport } from "../ipc";
import { MAX_SEARCH_HITS } from "../ipc";

describe("a search hit's snippet", () => {
  it("marks each match by code points, after astral characters too", () => {
    const hit: SearchHit = {
      kind: "document",
      document: "d1",
      title: "Port",
      version: 1,
      claim: null,
      // "🇺🇦 the port and the port" starts at code point 10 of the text.
      snippet: "🇺🇦 the port and the port",
      snippet_start: 10,
      matches: [
        { start: 17, end: 21 },
        { start: 30, end: 34 },
      ],
    };
    const parts = marked(hit).map((p) => (typeof p === "string" ? p : `[${p.textContent}]`));
    expect(parts.join("")).toBe("🇺🇦 the [port] and the [port]");
  });
});

describe("a new version's summary", () => {
  it("says how the claims were carried and how many need a look", () => {
    const r = {
      document: { version: 2 },
      carried: new Array(5).fill(null),
      exact: 2,
      moved: 1,
      fuzzy: 1,
      orphaned: 1,
      to_review: 1,
    } as unknown as VersionImport;
    expect(describeImport(r)).toBe(
      "Version 2: 5 claims carried, 2 on the same words, 1 moved, 1 on changed words, 1 orphaned (words gone); 2 to look at.",
    );
  });
});

describe("the search results", () => {
  it("show the first screenful at once and every hit after the first paint, counted in full", async () => {
    const hits: SearchHit[] = Array.from({ length: MAX_SEARCH_HITS }, (_, i) => ({
      kind: "document",
      document: `d${i}`,
      title: `Article ${i}`,
      version: 1,
      claim: null,
      snippet: "the harbour",
      snippet_start: 0,
      matches: [{ start: 4, end: 11 }],
    }));
    const shown: string[] = [];
    const box = new SearchBox({
      ipc: { search: () => Promise.resolve(hits) } as unknown as Ipc,
      show: (hit) => shown.push(hit.document),
      showing: () => undefined,
      showError: (e) => {
        throw e;
      },
    });
    document.body.append(box.el);
    box.input.value = "harbour";
    box.input.form?.requestSubmit();
    const items = (): NodeListOf<HTMLButtonElement> => box.results.querySelectorAll("[data-testid=search-hit]");
    await vi.waitFor(() => {
      expect(items().length).toBeGreaterThan(0);
    });
    expect(box.results.querySelector(".search-count")?.textContent).toContain(`The first ${MAX_SEARCH_HITS} texts found`);
    await vi.waitFor(() => {
      expect(items()).toHaveLength(MAX_SEARCH_HITS);
    });
    items()[MAX_SEARCH_HITS - 1]?.click();
    expect(shown).toEqual([`d${MAX_SEARCH_HITS - 1}`]);
    box.el.remove();
  });
});
