import { describe, expect, it } from "vitest";
import { TextModel, cpSlice } from "./offsets";
import { snapRange, snapToWords, trimWhitespace } from "./words";

function snapped(s: string, start: number, end: number): string | null {
  const r = snapToWords(s, start, end);
  return r ? s.slice(r.start, r.end) : null;
}

describe("snapToWords", () => {
  const s = "The minister said: “Sanctions will fail.” Then he left.";
  it("extends a selection that cuts words to whole words", () => {
    const i = s.indexOf("anctions");
    expect(snapped(s, i, i + 12)).toBe("Sanctions will");
  });
  it("trims surrounding whitespace and punctuation", () => {
    const i = s.indexOf(": “");
    const j = s.indexOf(".” Then") + 3;
    expect(snapped(s, i, j)).toBe("Sanctions will fail");
  });
  it("keeps punctuation inside the selection", () => {
    expect(snapped("one, two", 0, 8)).toBe("one, two");
  });
  it("keeps the partner of a quotation mark inside the span when the selection covered it", () => {
    const s = 'the union had rejected "three reasonable offers" and «much» more';
    const pick = (from: string, to: string): string => {
      const a = s.indexOf(from);
      const r = snapToWords(s, a, s.indexOf(to, a) + to.length);
      return r ? s.slice(r.start, r.end) : "";
    };
    expect(pick("the union", 'offers"')).toBe('the union had rejected "three reasonable offers"');
    // Marks around the whole span go together: the quotation's words remain.
    expect(pick('"three', 'offers" ')).toBe("three reasonable offers");
    expect(pick('" and', "and")).toBe("and");
    expect(pick("and «much", "» ")).toBe("and «much»");
    // Not selected, not added: the selection ended before the closing mark.
    expect(pick("the union", "offers")).toBe('the union had rejected "three reasonable offers');
  });

  it("returns null for whitespace or punctuation only", () => {
    expect(snapToWords(s, s.indexOf(": "), s.indexOf(": ") + 3)).toBeNull();
    expect(snapToWords(s, 3, 3)).toBeNull();
  });
  it("never snaps across a newline", () => {
    const t = "first line\nsecond line";
    const i = t.indexOf("\n");
    expect(snapped(t, i - 2, i + 3)).toBe("line\nsecond");
    expect(snapped(t, i, i + 1)).toBeNull();
    expect(snapped(t, i + 1, i + 3)).toBe("second");
  });
  it("keeps emoji whole: never splits a surrogate pair or a modifier sequence", () => {
    const t = "Great 👍🏽 news";
    const thumb = t.indexOf("👍");
    // Selection ends between the two halves of 👍.
    expect(snapped(t, 0, thumb + 1)).toBe("Great 👍🏽");
    expect(snapped(t, thumb + 2, t.length)).toBe("👍🏽 news");
  });
  it("keeps flags and combining marks whole", () => {
    const t = "From 🇺🇦 cafe\u0301 today";
    expect(snapped(t, t.indexOf("🇺") + 2, t.indexOf("caf") + 2)).toBe("🇺🇦 cafe\u0301");
    expect(snapped(t, t.indexOf("caf"), t.indexOf("\u0301"))).toBe("cafe\u0301");
  });
  it("snaps CJK to dictionary words, never to half a character", () => {
    const t = "我们今天去北京。";
    const r = snapToWords(t, 5, 6); // the character 北
    expect(r).not.toBeNull();
    if (!r) return;
    expect(r.start).toBeLessThanOrEqual(5);
    expect(r.end).toBeGreaterThanOrEqual(6);
    expect(t.slice(r.start, r.end)).toContain("北");
    expect(t.slice(r.start, r.end)).not.toContain("。");
  });
  it("handles right-to-left words in logical order", () => {
    const t = "אמר השר: המצב טוב.";
    const i = t.indexOf("מצב");
    expect(snapped(t, i, i + 2)).toBe("המצב");
  });
});

describe("trimWhitespace", () => {
  it("trims only whitespace", () => {
    const s = "  “quoted,”  ";
    const r = trimWhitespace(s, 0, s.length);
    expect(r && s.slice(r.start, r.end)).toBe("“quoted,”");
    expect(trimWhitespace("   ", 0, 3)).toBeNull();
  });
});

describe("snapRange (code points over a document)", () => {
  const text = "Intro 👍🏽 line\n\nHe said 🇺🇦 wins today.\nלסיום";
  const m = new TextModel(text);
  const all = [...text];
  const cp = (needle: string): number => [...text.slice(0, text.indexOf(needle))].length;

  it("snaps in code points, past astral characters earlier in the text", () => {
    const a = cp("aid");
    const r = snapRange(m, a, a + 2, false);
    expect(r).toEqual({ start: cp("said"), end: cp("said") + 4 });
    if (r) expect(cpSlice(text, r.start, r.end)).toBe("said");
  });
  it("keeps the exact selection (whitespace trimmed) when asked", () => {
    const a = cp(" said ");
    expect(snapRange(m, a, a + 6, true)).toEqual({ start: a + 1, end: a + 5 });
    // Exact mode does not extend a cut word.
    expect(snapRange(m, a + 2, a + 4, true)).toEqual({ start: a + 2, end: a + 4 });
  });
  it("works on the last line and with a range over two lines", () => {
    const a = cp("ins today");
    const b = cp("סיום");
    const r = snapRange(m, a, b, false);
    expect(r && all.slice(r.start, r.end).join("")).toBe("wins today.\nלסיום");
  });
});
