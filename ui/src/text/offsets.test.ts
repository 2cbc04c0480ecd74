import { describe, expect, it } from "vitest";
import { TextModel, cpLength, cpSlice, cpToUtf16, splitLines, utf16ToCp } from "./offsets";

const THUMB = "👍🏽"; // two astral code points (U+1F44D U+1F3FD), four UTF-16 units
const FLAG = "🇺🇦"; // two regional indicators, four UTF-16 units
const E_ACUTE = "e\u0301"; // two BMP code points, two units

describe("cpLength", () => {
  it("counts code points, not UTF-16 units", () => {
    expect(cpLength("abc")).toBe(3);
    expect(cpLength(THUMB)).toBe(2);
    expect(cpLength(FLAG)).toBe(2);
    expect(cpLength(E_ACUTE)).toBe(2);
    expect(cpLength("北京")).toBe(2);
    expect(cpLength("שלום")).toBe(4);
    expect(cpLength("مرحبا")).toBe(5);
    expect(cpLength("")).toBe(0);
  });
  it("counts a lone surrogate as one code point", () => {
    expect(cpLength("a\uD83D")).toBe(2);
  });
});

describe("utf16ToCp / cpToUtf16", () => {
  const s = `a${THUMB}b${FLAG}c${E_ACUTE}北`;
  // code points: a 👍 🏽 b 🇺 🇦 c e ◌́ 北  → 10; UTF-16 units: 1+4+1+4+1+2+1 = 14
  it("round-trips every code-point boundary", () => {
    expect(cpLength(s)).toBe(10);
    for (let cp = 0; cp <= 10; cp++) expect(utf16ToCp(s, cpToUtf16(s, cp))).toBe(cp);
  });
  it("maps known positions", () => {
    expect(cpToUtf16(s, 1)).toBe(1);
    expect(cpToUtf16(s, 2)).toBe(3);
    expect(cpToUtf16(s, 3)).toBe(5);
    expect(cpToUtf16(s, 4)).toBe(6);
    expect(cpToUtf16(s, 10)).toBe(14);
    expect(utf16ToCp(s, 14)).toBe(10);
  });
  it("rounds a position inside a surrogate pair down or up", () => {
    expect(utf16ToCp(s, 2, "floor")).toBe(1);
    expect(utf16ToCp(s, 2, "ceil")).toBe(2);
    expect(utf16ToCp(s, 4, "floor")).toBe(2);
    expect(utf16ToCp(s, 4, "ceil")).toBe(3);
  });
  it("clamps out-of-range positions", () => {
    expect(utf16ToCp(s, 99)).toBe(10);
    expect(utf16ToCp(s, -3)).toBe(0);
    expect(cpToUtf16(s, 99)).toBe(14);
    expect(cpToUtf16(s, -1)).toBe(0);
  });
  it("treats RTL text like any other (logical order)", () => {
    const rtl = "قال الوزير שלום";
    expect(cpToUtf16(rtl, 4)).toBe(4);
    expect(cpSlice(rtl, 4, 10)).toBe("الوزير");
  });
});

describe("cpSlice", () => {
  it("slices by code points", () => {
    expect(cpSlice(`x${THUMB}y`, 1, 3)).toBe(THUMB);
    expect(cpSlice(`x${THUMB}y`, 3, 4)).toBe("y");
    expect(cpSlice(`${FLAG}!`, 2, 3)).toBe("!");
    expect(cpSlice("我们去北京", 3, 5)).toBe("北京");
  });
});

describe("splitLines", () => {
  it("gives each line its code-point start", () => {
    const lines = splitLines(`${THUMB} one\n\n${FLAG}\nשלום`);
    expect(lines.map((l) => [l.start, l.length, l.bmp])).toEqual([
      [0, 6, false],
      [7, 0, true],
      [8, 2, false],
      [11, 4, true],
    ]);
  });
  it("gives an empty text one empty line", () => {
    expect(splitLines("")).toEqual([{ start: 0, length: 0, text: "", bmp: true }]);
  });
});

describe("TextModel", () => {
  const text = `Hello ${THUMB}\n\n“${FLAG} says” e\u0301t\u00e9\n北京 שלום`;
  const m = new TextModel(text);
  const all = [...text];

  it("knows the whole length in code points", () => {
    expect(m.length).toBe(all.length);
  });
  it("finds the line of a code point, a newline belonging to the line it ends", () => {
    expect(m.lineAt(0)).toBe(0);
    expect(m.lineAt(8)).toBe(0); // the "\n" after "Hello 👍🏽"
    expect(m.lineAt(9)).toBe(1);
    expect(m.lineAt(10)).toBe(2);
    expect(m.lineAt(m.length)).toBe(3);
  });
  it("slices any range exactly like Array.from(text).slice", () => {
    for (let a = 0; a <= all.length; a += 1) {
      for (let b = a; b <= all.length; b += 3) {
        expect(m.slice(a, b)).toBe(all.slice(a, b).join(""));
      }
    }
  });
  it("converts within a line both ways", () => {
    expect(m.lineUtf16(0, 7)).toBe(8); // after 👍, before 🏽
    expect(m.lineCp(0, 8)).toBe(7);
    expect(m.lineCp(0, 7, "floor")).toBe(6);
    expect(m.lineCp(0, 7, "ceil")).toBe(7);
  });
});
