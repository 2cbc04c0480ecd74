// Offsets rule (PRODUCT.md): everything outside this module counts Unicode code points of the
// document's text, end exclusive. The DOM counts UTF-16 code units. These pure functions are
// the only place the two meet.

const SURROGATE = /[\uD800-\uDFFF]/;

/** True when every code point of `s` is one UTF-16 unit, so both counts agree. */
export function isBmpOnly(s: string): boolean {
  return !SURROGATE.test(s);
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Number of code points in `s`. */
export function cpLength(s: string): number {
  if (isBmpOnly(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    if (isHigh(s.charCodeAt(i)) && i + 1 < s.length && isLow(s.charCodeAt(i + 1))) i++;
    n++;
  }
  return n;
}

/**
 * Code-point index of UTF-16 index `u16` in `s`. A position between the two halves of a
 * surrogate pair is not a real boundary: "floor" moves it before the pair (for starts),
 * "ceil" after it (for ends). Out-of-range positions are clamped.
 */
export function utf16ToCp(s: string, u16: number, round: "floor" | "ceil" = "floor"): number {
  const target = Math.max(0, Math.min(u16, s.length));
  let cp = 0;
  let i = 0;
  while (i < target) {
    const pair = isHigh(s.charCodeAt(i)) && i + 1 < s.length && isLow(s.charCodeAt(i + 1));
    if (pair && i + 1 === target) return round === "floor" ? cp : cp + 1;
    i += pair ? 2 : 1;
    cp++;
  }
  return cp;
}

/** UTF-16 index of code-point index `cp` in `s` (clamped to the string's end). */
export function cpToUtf16(s: string, cp: number): number {
  if (cp <= 0) return 0;
  let i = 0;
  let n = 0;
  while (i < s.length && n < cp) {
    const pair = isHigh(s.charCodeAt(i)) && i + 1 < s.length && isLow(s.charCodeAt(i + 1));
    i += pair ? 2 : 1;
    n++;
  }
  return i;
}

/** The code points [start, end) of `s`. */
export function cpSlice(s: string, start: number, end: number): string {
  if (isBmpOnly(s)) return s.slice(start, end);
  return s.slice(cpToUtf16(s, start), cpToUtf16(s, end));
}

/** One line of the text (split on "\n"), rendered as one paragraph. */
export interface Line {
  /** Code-point offset of the line's first character in the whole text. */
  readonly start: number;
  /** Code-point length of the line, without its "\n". */
  readonly length: number;
  readonly text: string;
  /** Whether UTF-16 and code-point offsets agree on this line (a fast path). */
  readonly bmp: boolean;
}

/** Splits the text into lines on "\n" with each line's code-point start. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const part of text.split("\n")) {
    const bmp = isBmpOnly(part);
    const length = bmp ? part.length : cpLength(part);
    lines.push({ start, length, text: part, bmp });
    start += length + 1;
  }
  return lines;
}

/**
 * The document text as lines, with lookups between code points and (line, UTF-16) positions.
 * Built once per opened document; every lookup is a binary search plus work on one line.
 */
export class TextModel {
  readonly lines: readonly Line[];
  /** Code-point length of the whole text. */
  readonly length: number;

  constructor(readonly text: string) {
    this.lines = splitLines(text);
    const last = this.lines[this.lines.length - 1];
    this.length = last ? last.start + last.length : 0;
  }

  /** Index of the line holding code point `cp` (a "\n" belongs to the line it ends). */
  lineAt(cp: number): number {
    let lo = 0;
    let hi = this.lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const line = this.lines[mid];
      if (line !== undefined && line.start <= cp) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  line(i: number): Line {
    const line = this.lines[i];
    if (line === undefined) throw new RangeError(`no line ${i}`);
    return line;
  }

  /** UTF-16 offset within line `i` of code point `cp` (clamped to the line). */
  lineUtf16(i: number, cp: number): number {
    const line = this.line(i);
    const local = Math.max(0, Math.min(cp - line.start, line.length));
    return line.bmp ? local : cpToUtf16(line.text, local);
  }

  /** Code point of UTF-16 offset `u16` within line `i`. */
  lineCp(i: number, u16: number, round: "floor" | "ceil" = "floor"): number {
    const line = this.line(i);
    const local = line.bmp
      ? Math.max(0, Math.min(u16, line.length))
      : utf16ToCp(line.text, u16, round);
    return line.start + local;
  }

  /** The code points [start, end) of the whole text, built from the lines they touch. */
  slice(start: number, end: number): string {
    if (end <= start) return "";
    const a = this.lineAt(start);
    const b = this.lineAt(end);
    const parts: string[] = [];
    for (let i = a; i <= b; i++) {
      const line = this.line(i);
      const from = i === a ? this.lineUtf16(i, start) : 0;
      const to = i === b ? this.lineUtf16(i, end) : line.text.length;
      parts.push(line.text.slice(from, to));
      // The "\n" after line i is inside [start, end) when end reaches past it.
      if (i < b) parts.push("\n");
    }
    return parts.join("");
  }
}
