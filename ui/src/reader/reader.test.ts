import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderHeader, renderText, type RenderedDocument } from "./render";
import { ReaderSelection } from "./selection";
import { ClaimIndex } from "./claimIndex";
import { overlapsOfSpans, Painter, type RecordingHighlight, recordingHost, unionOfSpans } from "./painter";
import { cpRangeToDom, domPointToCp } from "../text/dom";
import { type LineWindow, type NearLines, ScrollWindow } from "./nearLines";
import { claim, cpOf, doc, selectInParagraph } from "../test/util";
import type { Claim } from "../ipc";
import { isFloatingShown } from "../dom";

const TEXT = [
  "Kyiv 🇺🇦 residents 👍🏽 said the convoy arrived.",
  "",
  "Cafe\u0301 owners said prices rose near 東京 and 北京.",
  "مرحبا بالعالم said the headline; שלום עולם too.",
].join("\n");

let root: HTMLElement;
let r: RenderedDocument;

beforeEach(() => {
  root = document.createElement("div");
  document.body.append(root);
  r = renderText(root, doc(TEXT));
});
afterEach(() => {
  root.remove();
  document.getSelection()?.removeAllRanges();
});

/** The text of each range a registered highlight holds; none when it is not registered. */
function ranges(h: unknown): string[] {
  if (h === undefined) return [];
  return [...(h as RecordingHighlight).ranges].map((x) => (x as Range).toString());
}

describe("renderText", () => {
  it("renders one <p data-start> per line, each one text node, empty lines as spacers", () => {
    const ps = [...root.querySelectorAll("p")];
    expect(ps.map((p) => p.textContent)).toEqual(TEXT.split("\n"));
    let at = 0;
    for (const [i, line] of TEXT.split("\n").entries()) {
      expect(ps[i]?.getAttribute("data-start")).toBe(String(at));
      expect(ps[i]?.childNodes.length).toBe(line === "" ? 0 : 1);
      at += [...line].length + 1;
    }
    expect(ps[1]?.className).toBe("spacer");
  });

  it("puts a book in the page a part at a time: the start at once, the rest in later tasks", async () => {
    r.stop();
    const lines = Array.from({ length: 3_000 }, (_, i) => `Line ${i}: ${"word ".repeat(40)}`);
    const book = renderText(root, doc(lines.join("\n")));
    const now = root.querySelectorAll("p").length;
    expect(now).toBeGreaterThan(50); // the first screens and more
    expect(now).toBeLessThan(300); // not the whole book
    expect(root.hasAttribute("data-complete")).toBe(false);
    const seen: number[] = [];
    book.onAttach((ps) => seen.push(ps.length));
    expect(seen).toEqual([now]); // what is in the page already, then each part
    book.attachThrough(1_000); // scrolling to a line far down puts it in the page at once
    expect(root.querySelectorAll("p")[1_000]?.textContent).toBe(lines[1_000]);
    await vi.waitFor(() => {
      expect(root.hasAttribute("data-complete")).toBe(true);
    });
    expect([...root.querySelectorAll("p")].map((p) => p.textContent)).toEqual(lines);
    expect(seen.reduce((a, b) => a + b, 0)).toBe(3_000);

    // Another document shown meanwhile: the first stops adding to the page.
    const again = renderText(root, doc(lines.join("\n")));
    again.stop();
    const short = renderText(root, doc("A short text."));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect([...root.querySelectorAll("p")].map((p) => p.textContent)).toEqual(["A short text."]);
    expect(root.hasAttribute("data-complete")).toBe(true);
    short.stop();
  });

  it("keeps spaces as they are only on the lines whose spaces would collapse", () => {
    const lines = ["Plain words, one space.", "  indented", "two  spaces", "tab\there", "trailing ", "no\u00a0break"];
    const ps = [...renderText(root, doc(lines.join("\n"))).paragraphs];
    expect(ps.map((p) => p.classList.contains("ws"))).toEqual([false, true, true, true, true, false]);
  });

  it("shows a first line that is the title as the headline, not the title twice", () => {
    const header = document.createElement("header");
    const titled = { ...doc("\nPort talks stall\nBody 👍🏽 here."), title: "Port talks stall" };
    const rendered = renderText(root, titled);
    renderHeader(header, titled);
    expect(header.querySelector("h1")).toBeNull();
    const headline = rendered.paragraphs[1];
    expect(headline?.className).toBe("headline");
    expect(headline?.getAttribute("data-start")).toBe("1");
    expect(headline?.textContent).toBe("Port talks stall");

    const other = { ...titled, title: "Another title" };
    renderText(root, other);
    renderHeader(header, other);
    expect(header.querySelector("h1")?.textContent).toBe("Another title");
    expect(root.querySelector("p.headline")).toBeNull();
  });

  it("never parses the text as markup", () => {
    const evil = "<img src=x onerror=alert(1)> <b>bold</b>";
    renderText(root, doc(evil));
    expect(root.querySelector("img, b")).toBeNull();
    expect(root.textContent).toBe(evil);
  });
});

describe("DOM points ⇄ code points", () => {
  it("maps a DOM point after emoji to its code point", () => {
    const p = r.paragraphs[0];
    const t = p?.firstChild;
    if (!t) throw new Error("no text");
    const u16 = TEXT.indexOf("said");
    expect(domPointToCp(root, t, u16)).toBe(cpOf(TEXT, "said"));
  });

  it("maps points in later paragraphs through data-start", () => {
    const p = r.paragraphs[3];
    const t = p?.firstChild;
    if (!p || !t) throw new Error("no text");
    const line = TEXT.split("\n")[3] ?? "";
    expect(domPointToCp(root, t, line.indexOf("שלום"))).toBe(cpOf(TEXT, "שלום"));
    // A point on the paragraph element itself, and between paragraphs on the root.
    expect(domPointToCp(root, p, 0)).toBe(cpOf(TEXT, "مرحبا"));
    expect(domPointToCp(root, root, 3)).toBe(cpOf(TEXT, "مرحبا"));
    expect(domPointToCp(root, root, 4)).toBe([...TEXT].length);
  });

  it("rounds points inside a surrogate pair outward", () => {
    const t = r.paragraphs[0]?.firstChild;
    if (!t) throw new Error("no text");
    const mid = TEXT.indexOf("🇺🇦") + 1;
    expect(domPointToCp(root, t, mid, "floor")).toBe(cpOf(TEXT, "🇺🇦"));
    expect(domPointToCp(root, t, mid, "ceil")).toBe(cpOf(TEXT, "🇺🇦") + 1);
  });

  it("returns null outside the reader", () => {
    const other = document.createElement("p");
    expect(domPointToCp(root, other, 0)).toBeNull();
  });

  it("builds DOM ranges whose text is the code-point slice, across lines too", () => {
    const all = [...TEXT];
    const cases: [number, number][] = [
      [cpOf(TEXT, "residents"), cpOf(TEXT, "said") + 4],
      [cpOf(TEXT, "東京"), cpOf(TEXT, "北京") + 2],
      [cpOf(TEXT, "convoy"), cpOf(TEXT, "owners")],
      [cpOf(TEXT, "שלום"), all.length],
    ];
    for (const [a, b] of cases) {
      const range = cpRangeToDom(r.model, r.paragraphs, a, b);
      // Range.toString() joins paragraphs without the "\n"; compare line by line.
      expect(range.toString()).toBe(all.slice(a, b).join("").replace(/\n/g, ""));
    }
  });
});

describe("ReaderSelection", () => {
  it("turns a rough selection into whole words in code points, with the exact quote", () => {
    const line = TEXT.split("\n")[0] ?? "";
    const p = r.paragraphs[0];
    if (!p) throw new Error("no paragraph");
    // From inside "residents" to inside "said".
    selectInParagraph(p, line.indexOf("idents"), line.indexOf("aid") + 1);
    const sel = new ReaderSelection(root, () => r);
    expect(sel.extent()).toEqual({
      start: cpOf(TEXT, "residents"),
      end: cpOf(TEXT, "said") + 4,
      quote: "residents 👍🏽 said",
    });
  });

  it("keeps the exact selection when Alt was held", () => {
    const line = TEXT.split("\n")[2] ?? "";
    const p = r.paragraphs[2];
    if (!p) throw new Error("no paragraph");
    selectInParagraph(p, line.indexOf("wners"), line.indexOf("wners") + 5);
    const sel = new ReaderSelection(root, () => r);
    p.dispatchEvent(new MouseEvent("mousedown", { bubbles: true, altKey: true }));
    p.dispatchEvent(new MouseEvent("mouseup", { bubbles: true, altKey: true }));
    const start = cpOf(TEXT, "wners");
    expect(sel.extent()).toEqual({ start, end: start + 5, quote: "wners" });
    // A new gesture without Alt snaps again.
    p.dispatchEvent(new MouseEvent("mousedown", { bubbles: true }));
    expect(sel.extent()?.quote).toBe("owners");
  });

  it("ignores a collapsed selection or one outside the reader", () => {
    const sel = new ReaderSelection(root, () => r);
    expect(sel.extent()).toBeNull();
    const outside = document.createElement("p");
    outside.textContent = "elsewhere";
    document.body.append(outside);
    selectInParagraph(outside, 0, 4);
    expect(sel.extent()).toBeNull();
    outside.remove();
  });
});

describe("Painter", () => {
  const a = cpOf(TEXT, "residents");
  const s = cpOf(TEXT, "said");

  /** A painter of `r` (every paragraph near the view) that has painted `claims`. */
  function painted(claims: Claim[]): { host: ReturnType<typeof recordingHost>; painter: Painter } {
    const host = recordingHost();
    const painter = new Painter(host);
    painter.setDocument(r);
    painter.setClaims(new ClaimIndex(claims));
    painter.flush();
    return { host, painter };
  }

  it("keeps a highlight whose ranges change in the registry (never through empty)", () => {
    const c1 = claim("c1", a, a + 9, "attributed");
    const c2 = claim("c2", s, s + 4, "attributed");
    const { host, painter } = painted([c1]);
    const dropped: string[] = [];
    const unregister = host.unregister.bind(host);
    host.unregister = (name) => {
      dropped.push(name);
      unregister(name);
    };
    painter.setCurrent(c1);
    painter.setClaims(new ClaimIndex([c2])); // the layer's one range replaced by another
    painter.flush();
    painter.setCurrent(c2);
    expect(ranges(host.registered.get("claim-attributed"))).toEqual(["said"]);
    expect(ranges(host.registered.get("claim-current"))).toEqual(["said"]);
    expect(dropped).toEqual([]);
    painter.destroy();
  });

  it("keeps the registry in priority order whatever order the highlights fill in", () => {
    // WebKitGTK 2.50 aborts the web process painting a lower-priority highlight registered after
    // higher ones over the same text (see OrderedRegistry).
    const c1 = claim("c1", a, a + 9, "attributed");
    const c3 = claim("c3", a, s + 4, "attributed");
    const { host, painter } = painted([c1]);
    painter.setCurrent(c1); // priority 2, before the stacked layer (1)
    painter.flash(c1); // 3
    painter.setClaims(new ClaimIndex([c1, c3, claim("c2", s, s + 4, "disputed")]));
    painter.flush();
    const order = (): [string, number][] => [...host.registered].map(([n, h]) => [n, h.priority]);
    expect(order()).toEqual([
      ["claim-attributed", 0],
      ["claim-disputed", 0],
      ["claim-stacked", 1],
      ["claim-current", 2],
      ["claim-flash", 3],
    ]);
    painter.setCurrent(null);
    painter.setCurrent(c3);
    expect(order().map(([, p]) => p)).toEqual([0, 0, 1, 2, 3]);
    painter.destroy();
  });

  it("registers claims by status, stacks overlaps, and marks the gutter", () => {
    const { host, painter } = painted([
      claim("c1", a, a + 9, "attributed"),
      claim("c2", s, s + 4, "disputed"),
      claim("c3", a, s + 4, "attributed"), // overlaps c1: stacked where they overlap
      claim("c4", cpOf(TEXT, "東京"), cpOf(TEXT, "東京") + 2, "unverified"),
    ]);
    expect(ranges(host.registered.get("claim-attributed"))).toEqual(["residents 👍🏽 said"]);
    expect(ranges(host.registered.get("claim-stacked"))).toEqual(["residents"]);
    expect(ranges(host.registered.get("claim-disputed"))).toEqual(["said"]);
    expect(ranges(host.registered.get("claim-unverified"))).toEqual(["東京"]);
    expect(r.paragraphs[0]?.getAttribute("data-badges")).toBe("AAD");
    expect(r.paragraphs[0]?.getAttribute("data-badge-tone")).toBe("mixed");
    expect(r.paragraphs[2]?.getAttribute("data-badges")).toBe("U");
    // Removing the claims clears the gutter.
    painter.setClaims(new ClaimIndex([]));
    painter.flush();
    expect(r.paragraphs[0]?.hasAttribute("data-badges")).toBe(false);
    expect(host.registered.has("claim-attributed")).toBe(false);
  });

  it("sets the gutter's letters in the frame after the highlights", () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal("requestAnimationFrame", (cb: FrameRequestCallback) => frames.push(cb));
    vi.stubGlobal("cancelAnimationFrame", () => undefined);
    const nextFrame = (): void => {
      for (const cb of frames.splice(0)) cb(0);
    };
    try {
      const host = recordingHost();
      const painter = new Painter(host);
      painter.setDocument(r);
      painter.setClaims(new ClaimIndex([claim("c1", a, a + 9, "attributed")]));
      nextFrame();
      expect(ranges(host.registered.get("claim-attributed"))).toEqual(["residents"]);
      expect(r.paragraphs[0]?.hasAttribute("data-badges")).toBe(false);
      nextFrame();
      expect(r.paragraphs[0]?.getAttribute("data-badges")).toBe("A");
      // A document shown meanwhile drops the letters still waiting for their frame.
      painter.setClaims(new ClaimIndex([]));
      nextFrame();
      painter.setDocument(null);
      nextFrame();
      expect(r.paragraphs[0]?.getAttribute("data-badges")).toBe("A");
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("registers the union of a status's claims as one range, and where they overlap as another", () => {
    const { host } = painted([
      claim("c1", a, a + 9, "attributed"),
      claim("c2", a + 3, s, "attributed"), // overlaps c1 from "idents"
      claim("c3", a + 5, s + 4, "attributed"), // overlaps c2
      claim("c4", s, s + 4, "attributed"), // overlaps c3
      claim("c5", s, s + 4, "disputed"), // over c4, but of another status: not stacked
    ]);
    expect(ranges(host.registered.get("claim-attributed"))).toEqual(["residents 👍🏽 said"]);
    expect(ranges(host.registered.get("claim-stacked"))).toEqual(["idents 👍🏽 said"]);
    expect(ranges(host.registered.get("claim-disputed"))).toEqual(["said"]);
  });

  it("finds where two or more spans overlap", () => {
    expect(overlapsOfSpans([])).toEqual([]);
    expect(overlapsOfSpans([{ start: 0, end: 4 }, { start: 4, end: 6 }])).toEqual([]); // touching
    expect(overlapsOfSpans([{ start: 0, end: 10 }, { start: 2, end: 3 }, { start: 5, end: 12 }, { start: 11, end: 14 }])).toEqual([
      { start: 2, end: 3 },
      { start: 5, end: 10 },
      { start: 11, end: 12 },
    ]);
    // Three deep is still one overlap.
    expect(overlapsOfSpans([{ start: 0, end: 6 }, { start: 1, end: 5 }, { start: 2, end: 4 }])).toEqual([{ start: 1, end: 5 }]);
  });

  it("paints a claim being saved in its status's layer, stacked over a claim of that status, until taken back", async () => {
    const { host, painter } = painted([claim("c1", a, a + 9, "attributed")]);
    const [union] = (host.registered.get("claim-attributed") as RecordingHighlight).ranges;
    const over = painter.addPending({ start: a + 3, end: s + 4 }, "attributed");
    const apart = painter.addPending({ start: s, end: s + 4 }, "disputed");
    // Registered at once, in the key press's own task (WebKit starts a frame for it then), while
    // whoever waits for it being painted waits for that frame.
    let answered = false;
    void painter.painted().then(() => {
      answered = true;
    });
    await Promise.resolve();
    expect(answered).toBe(false);
    // By a range of its own: the layer's range for c1 is kept as it was (WebKit repaints all
    // the text of a range a highlight gains or loses).
    expect(ranges(host.registered.get("claim-attributed"))).toEqual(["residents", "idents 👍🏽 said"]);
    expect((host.registered.get("claim-attributed") as RecordingHighlight).ranges.has(union as Range)).toBe(true);
    expect(ranges(host.registered.get("claim-stacked"))).toEqual(["idents"]);
    expect(ranges(host.registered.get("claim-disputed"))).toEqual(["said"]);
    painter.flush(); // the frame
    await Promise.resolve();
    expect(answered).toBe(true);
    painter.removePending(over);
    painter.removePending(apart);
    painter.flush();
    expect(host.registered.has("claim-stacked")).toBe(false);
    expect(host.registered.has("claim-disputed")).toBe(false);
    expect(ranges(host.registered.get("claim-attributed"))).toEqual(["residents"]);
  });

  it("merges spans that overlap or touch, and keeps the others apart", () => {
    expect(unionOfSpans([])).toEqual([]);
    expect(unionOfSpans([{ start: 0, end: 4 }, { start: 2, end: 3 }, { start: 4, end: 6 }, { start: 8, end: 9 }])).toEqual([
      { start: 0, end: 6 },
      { start: 8, end: 9 },
    ]);
  });

  it("registers only the claims of the lines near the view, and follows the view", () => {
    let shown: LineWindow | null = null;
    let changed = (): void => {};
    const near: NearLines = {
      setParagraphs: () => {},
      invalidate: () => {},
      window: () => shown,
      dispose: () => {},
    };
    const host = recordingHost();
    const painter = new Painter(host, (f) => {
      changed = f;
      return near;
    });
    painter.setDocument(r);
    const c = cpOf(TEXT, "convoy");
    const k = cpOf(TEXT, "北京");
    painter.setClaims(new ClaimIndex([claim("near", c, c + 6), claim("far", k, k + 2)]));
    painter.flush();
    expect(host.registered.has("claim-attributed")).toBe(false); // the reader is not shown
    shown = { lo: 0, hi: 1 };
    changed();
    painter.flush();
    expect(ranges(host.registered.get("claim-attributed"))).toEqual(["convoy"]);
    shown = { lo: 2, hi: 2 };
    changed();
    painter.flush();
    expect(ranges(host.registered.get("claim-attributed"))).toEqual(["北京"]);
  });

  it("marks the current claim and flashes one briefly", () => {
    vi.useFakeTimers();
    const host = recordingHost();
    const painter = new Painter(host);
    painter.setDocument(r);
    const c = claim("x", cpOf(TEXT, "prices"), cpOf(TEXT, "prices") + 6);
    painter.setCurrent(c);
    painter.flash(c);
    expect(ranges(host.registered.get("claim-current"))).toEqual(["prices"]);
    expect(ranges(host.registered.get("claim-flash"))).toEqual(["prices"]);
    vi.advanceTimersByTime(2000);
    expect(host.registered.has("claim-flash")).toBe(false);
    painter.setCurrent(null);
    expect(host.registered.has("claim-current")).toBe(false);
    vi.useRealTimers();
  });
});

describe("cues", () => {
  const a = cpOf(TEXT, "residents");
  const said = cpOf(TEXT, "said");
  const owners = cpOf(TEXT, "owners");
  // c1's cue "said" lies inside it; c2's cue "said" of line 3 lies outside it, in another line.
  const said2 = cpOf(TEXT, "said prices");
  const cued = (): Claim[] => [
    { ...claim("c1", a, said + 4, "attributed"), cue: { start: said, end: said + 4 } },
    { ...claim("c2", owners, owners + 6, "disputed"), cue: { start: said2, end: said2 + 4 } },
    claim("c3", 0, 4),
  ];

  it("are indexed by their own spans", () => {
    const idx = new ClaimIndex(cued());
    expect(idx.cuesCovering(said + 1).map((c) => c.id)).toEqual(["c1"]);
    expect(idx.cuesCovering(said2).map((c) => c.id)).toEqual(["c2"]);
    expect(idx.cuesCovering(a)).toEqual([]);
    expect(idx.cuesOverlapping(0, [...TEXT].length).map((c) => c.id)).toEqual(["c1", "c2"]);
    expect(idx.with({ ...claim("c1", a, a + 9), cue: null }).cuesCovering(said)).toEqual([]);
  });

  it("keeps a highlight in the registry only while it holds a range (each one costs every repaint)", () => {
    const host = recordingHost();
    const painter = new Painter(host);
    painter.setDocument(r);
    expect([...host.registered.keys()]).toEqual([]);
    const claims = cued();
    painter.setClaims(new ClaimIndex(claims));
    painter.flush();
    expect([...host.registered.keys()].sort()).toEqual(["claim-attributed", "claim-cue", "claim-disputed"]);
    const [c1] = claims;
    if (!c1) throw new Error("no claims");
    painter.setCurrent(c1);
    expect(host.registered.has("claim-current")).toBe(true);
    const current = host.registered.get("claim-current");
    painter.setCurrent(null);
    expect(host.registered.has("claim-current")).toBe(false);
    painter.setCurrent(c1);
    // The same highlight comes back, with its priority.
    expect(host.registered.get("claim-current")).toBe(current);
    expect(host.registered.get("claim-current")?.priority).toBe(2);
    painter.setClaims(new ClaimIndex([]));
    painter.flush();
    expect(host.registered.has("claim-attributed")).toBe(false);
    expect(host.registered.has("claim-cue")).toBe(false);
    painter.destroy();
    expect(host.registered.size).toBe(0);
  });

  it("are painted with their own highlight; the open claim's cue and a hovered claim's are marked", () => {
    const host = recordingHost();
    const painter = new Painter(host);
    painter.setDocument(r);
    const claims = cued();
    painter.setClaims(new ClaimIndex(claims));
    painter.flush();
    const texts = (name: string): string[] => ranges(host.registered.get(name));
    expect(texts("claim-cue")).toEqual(["said", "said"]);
    const [c1, c2, c3] = claims;
    if (!c1 || !c2 || !c3) throw new Error("no claims");
    painter.setCurrent(c2);
    expect(texts("claim-cue-current")).toEqual(["said"]);
    expect(texts("claim-current")).toEqual(["owners"]);
    painter.setCurrent(c3);
    expect(texts("claim-cue-current")).toEqual([]);
    painter.setLinked([c1, c3]); // c3 has no cue: nothing to link
    expect(texts("claim-linked")).toEqual(["residents 👍🏽 said", "said"]);
    painter.setLinked([]);
    expect(texts("claim-linked")).toEqual([]);
    painter.destroy();
    expect(host.registered.size).toBe(0);
  });

  it("name their claim in the hover tip, and link it", async () => {
    const { HoverTips } = await import("./hover");
    const idx = new ClaimIndex(cued());
    const linked: string[][] = [];
    const tips = new HoverTips({
      root,
      claimsAt: (cp) => idx.covering(cp),
      cuesAt: (cp) => idx.cuesCovering(cp),
      link: (cs) => linked.push(cs.map((c) => c.id)),
      speakerName: () => null,
    });
    const text = r.paragraphs[2]?.firstChild;
    if (!text) throw new Error("no text");
    const d = document as unknown as { caretRangeFromPoint?: (x: number, y: number) => Range };
    d.caretRangeFromPoint = () => {
      const range = document.createRange();
      range.setStart(text, (TEXT.split("\n")[2] ?? "").indexOf("said") + 1);
      return range;
    };
    tips.update(10, 10);
    expect([...tips.el.children].map((c) => c.textContent)).toEqual(["cue of D disputed — no speaker"]);
    expect(linked).toEqual([["c2"]]);
    tips.hide();
    expect(linked.at(-1)).toEqual([]);
    delete d.caretRangeFromPoint;
    tips.destroy();
  });
});

describe("ClaimIndex", () => {
  it("finds overlapping and covering claims, long ones included", () => {
    const idx = new ClaimIndex([claim("b", 10, 20), claim("a", 0, 100), claim("c", 30, 40), claim("d", 10, 12)]);
    expect(idx.claims.map((c) => c.id)).toEqual(["a", "d", "b", "c"]);
    expect(idx.overlapping(25, 35).map((c) => c.id)).toEqual(["a", "c"]);
    expect(idx.covering(11).map((c) => c.id)).toEqual(["a", "d", "b"]);
    expect(idx.covering(20).map((c) => c.id)).toEqual(["a"]);
    expect(idx.covering(100)).toEqual([]);
    expect(idx.without("a").covering(50)).toEqual([]);
    expect(idx.with(claim("a", 50, 60)).covering(55).map((c) => c.id)).toEqual(["a"]);
  });

  it("keeps text order when a claim is added, moved or removed (inserted in place, not sorted)", () => {
    let idx = new ClaimIndex([claim("b", 10, 20), claim("a", 0, 100), claim("c", 30, 40)]);
    idx = idx.with(claim("e", 10, 15)); // same start as b, shorter: before it
    expect(idx.claims.map((c) => c.id)).toEqual(["a", "e", "b", "c"]);
    idx = idx.with(claim("a", 35, 36)); // moved: between c's start and its end
    expect(idx.claims.map((c) => c.id)).toEqual(["e", "b", "c", "a"]);
    idx = idx.with(claim("z", 99, 100)).with(claim("0", 0, 1)).without("c");
    expect(idx.claims.map((c) => c.id)).toEqual(["0", "e", "b", "a", "z"]);
    expect(idx.size).toBe(5);
    expect(idx.get("c")).toBeUndefined();
    expect(idx.covering(35).map((c) => c.id)).toEqual(["a"]);
  });

  it("answers as before after a newer index was made from it (its map of ids is handed over)", () => {
    const old = new ClaimIndex([claim("a", 0, 5), claim("b", 10, 20)]);
    const added = old.with(claim("c", 30, 40));
    const moved = added.with(claim("a", 50, 60));
    const removed = moved.without("b");
    expect(old.get("c")).toBeUndefined();
    expect(old.get("a")?.start).toBe(0);
    expect(added.get("a")?.start).toBe(0);
    expect(added.get("c")?.start).toBe(30);
    expect(moved.get("a")?.start).toBe(50);
    expect(moved.get("b")?.start).toBe(10);
    expect(removed.get("b")).toBeUndefined();
    expect(removed.get("a")?.start).toBe(50);
    expect(removed.without("nothing")).toBe(removed);
    expect(removed.get("c")?.start).toBe(30);
  });

  // How fast is the UI benchmark's to say (tests/bench/ui.mjs); here, that the binary searches
  // give what a scan of every claim gives, with 10,000 claims of mixed lengths, nested and not.
  it("finds what a scan of 10,000 claims finds, in any window", () => {
    const many = Array.from({ length: 10_000 }, (_, i) => {
      const start = (i * 7919) % 500_000;
      return claim(`c${i}`, start, start + 1 + ((i * 31) % (i % 50 === 0 ? 20_000 : 300)));
    });
    const idx = new ClaimIndex(many);
    const ids = (cs: readonly Claim[]) => cs.map((c) => c.id).sort();
    for (let w = 0; w < 200; w++) {
      const a = (w * 2503) % 510_000;
      const b = a + 1 + ((w * 97) % 4000);
      const scanned = many.filter((c) => c.start < b && c.end > a);
      expect(ids(idx.overlapping(a, b))).toEqual(ids(scanned));
    }
    expect(idx.overlapping(500_000, 503_000).length).toBeGreaterThan(0);
  });
});

describe("HoverTips", () => {
  it("lists the claims under the pointer with status and speaker", async () => {
    const { HoverTips } = await import("./hover");
    const s = cpOf(TEXT, "said");
    const index = new ClaimIndex([
      { ...claim("a", s, s + 4, "disputed"), speaker: "spk-1" },
      claim("b", s - 3, s + 15, "unverified"),
      claim("c", 0, 4),
    ]);
    const tips = new HoverTips({
      root,
      claimsAt: (cp) => index.covering(cp),
      cuesAt: (cp) => index.cuesCovering(cp),
      link: () => undefined,
      speakerName: (id) => (id === "spk-1" ? "Anatoly Antonov" : null),
    });
    const text = r.paragraphs[0]?.firstChild;
    if (!text) throw new Error("no text");
    // jsdom has no layout: stand in for the engine's caret hit-test.
    const d = document as unknown as { caretRangeFromPoint?: (x: number, y: number) => Range };
    d.caretRangeFromPoint = () => {
      const range = document.createRange();
      range.setStart(text, TEXT.indexOf("said") + 1);
      return range;
    };
    tips.update(10, 10);
    expect(isFloatingShown(tips.el)).toBe(true);
    expect([...tips.el.children].map((c) => c.textContent)).toEqual([
      "U unverified — no speaker",
      "D disputed — Anatoly Antonov",
    ]);
    d.caretRangeFromPoint = () => {
      const range = document.createRange();
      range.setStart(text, TEXT.indexOf("arrived"));
      return range;
    };
    tips.update(10, 10);
    expect(isFloatingShown(tips.el)).toBe(false);
    delete d.caretRangeFromPoint;
    tips.destroy();
  });
});

describe("the lines near the view, measured", () => {
  const originalRO = globalThis.ResizeObserver;
  afterEach(() => {
    globalThis.ResizeObserver = originalRO;
  });

  /** A scrolling view 200 px high over `n` paragraphs 100 px high each, the first `attached`
   * of them in the page, scrolled by `view.scroll` (jsdom lays nothing out: the boxes are
   * given). */
  function view(n: number, attached = n) {
    const state = { scroll: 0, height: 200, resized: null as (() => void) | null, watched: new Set<Element>() };
    globalThis.ResizeObserver = class {
      constructor(cb: () => void) {
        state.resized = cb;
      }
      observe(el: Element): void {
        state.watched.add(el);
      }
      disconnect(): void {
        state.watched.clear();
      }
    } as unknown as typeof ResizeObserver;
    const pane = document.createElement("div");
    Object.defineProperty(pane, "clientHeight", { get: () => state.height });
    pane.getBoundingClientRect = () => new DOMRect(0, 0, 500, state.height);
    const ps = Array.from({ length: n }, (_, i) => {
      const p = document.createElement("p");
      p.getBoundingClientRect = () => new DOMRect(0, i * 100 - state.scroll, 500, 100);
      return p;
    });
    const text = document.createElement("div");
    text.append(...ps.slice(0, attached));
    pane.append(text);
    document.body.append(pane);
    return { state, pane, text, ps };
  }

  it("are those within half a screen of it, followed as it scrolls and changes size", () => {
    const { state, pane, text, ps } = view(10);
    let asked = 0;
    const w = new ScrollWindow(pane, () => (asked += 1));
    w.setParagraphs(ps);
    expect(state.watched).toEqual(new Set([pane, text])); // the view, and what holds the text
    expect(w.window()).toEqual({ lo: 0, hi: 2 });
    state.scroll = 500;
    expect(w.window()).toEqual({ lo: 0, hi: 2 }); // kept until the view scrolls
    pane.dispatchEvent(new Event("scroll"));
    expect(asked).toBe(1);
    expect(w.window()).toEqual({ lo: 4, hi: 7 });
    state.height = 0; // the reader hidden
    state.resized?.();
    expect(asked).toBe(2);
    expect(w.window()).toBeNull();
    w.dispose();
    pane.dispatchEvent(new Event("scroll"));
    expect(asked).toBe(2);
    pane.remove();
  });

  it("count only the paragraphs already in the page", () => {
    const { state, pane, ps } = view(10, 6);
    const w = new ScrollWindow(pane, () => {});
    w.setParagraphs(ps);
    state.scroll = 500;
    w.invalidate();
    expect(w.window()).toEqual({ lo: 4, hi: 5 });
    state.scroll = 900;
    w.invalidate();
    expect(w.window()).toBeNull(); // scrolled past what is in the page
    w.setParagraphs([]);
    expect(w.window()).toBeNull();
    pane.remove();
  });
});
