// Word snapping: analysts select quickly and roughly; a claim should start and end on whole
// words. Segmentation is Unicode's (Intl.Segmenter), so it is right for CJK, Thai, emoji
// sequences and combining marks, where a regex on \w would cut characters apart.

import { type TextModel, cpToUtf16, utf16ToCp } from "./offsets";

let segmenter: Intl.Segmenter | null = null;
function words(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: "word" });
  return segmenter;
}

/** A segment carries no content worth quoting at an edge: whitespace and/or punctuation only. */
function isTrimmable(segment: string): boolean {
  return /^[\p{White_Space}\p{P}]*$/u.test(segment);
}

/**
 * Snaps [start, end) (UTF-16 offsets in `s`) outward to whole word segments after trimming
 * whitespace and punctuation-only segments from both edges. Segments never contain a "\n"
 * together with other text, so snapping never crosses a line. Returns null when nothing but
 * whitespace and punctuation was selected.
 */
export function snapToWords(s: string, start: number, end: number): { start: number; end: number } | null {
  if (end <= start) return null;
  const segs = words().segment(s);
  let a = start;
  let b = end;
  // Trim the start forward over trimmable segments.
  for (;;) {
    const seg = segs.containing(a);
    if (!seg || a >= b) break;
    if (!isTrimmable(seg.segment)) {
      a = seg.index;
      break;
    }
    a = seg.index + seg.segment.length;
  }
  // Trim the end backward over trimmable segments.
  for (;;) {
    if (b <= a) break;
    const seg = segs.containing(b - 1);
    if (!seg) break;
    if (!isTrimmable(seg.segment)) {
      b = seg.index + seg.segment.length;
      break;
    }
    b = seg.index;
  }
  if (b <= a) return null;
  return balanceQuotes(s, a, b, start, end);
}

/** Opening and closing marks of quotations and brackets (straight quotes open and close alike). */
const PAIRS: readonly (readonly [string, string])[] = [
  ['"', '"'],
  ["“", "”"],
  ["„", "“"],
  ["«", "»"],
  ["‹", "›"],
  ["「", "」"],
  ["『", "』"],
  ["(", ")"],
  ["[", "]"],
];

function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}

/**
 * Trimming punctuation must not leave a quotation half-quoted: when the snapped span holds an
 * unmatched opening (or closing) mark and the user's selection covered its partner just
 * outside the span, the partner is kept.
 */
function balanceQuotes(
  s: string,
  a: number,
  b: number,
  selStart: number,
  selEnd: number,
): { start: number; end: number } {
  for (const [open, close] of PAIRS) {
    const inner = s.slice(a, b);
    const unmatchedOpen = open === close ? count(inner, open) % 2 === 1 : count(inner, open) > count(inner, close);
    const unmatchedClose = open === close ? unmatchedOpen : count(inner, close) > count(inner, open);
    if (unmatchedOpen && b < selEnd && s.startsWith(close, b)) {
      b += close.length;
    } else if (unmatchedClose && a > selStart && s.slice(0, a).endsWith(open)) {
      a -= open.length;
    }
  }
  return { start: a, end: b };
}

/** Trims only whitespace from both ends of [start, end) in `s` (the Alt-held "exact" mode). */
export function trimWhitespace(s: string, start: number, end: number): { start: number; end: number } | null {
  let a = start;
  let b = end;
  while (a < b && /\s/u.test(s.charAt(a))) a++;
  while (b > a && /\s/u.test(s.charAt(b - 1))) b--;
  return b > a ? { start: a, end: b } : null;
}

/**
 * Snaps a code-point range of the document to words (or, when `exact`, only trims whitespace),
 * segmenting just the lines it touches so that a book-length text costs no more than a page.
 */
export function snapRange(
  model: TextModel,
  start: number,
  end: number,
  exact: boolean,
): { start: number; end: number } | null {
  if (end <= start) return null;
  const first = model.lineAt(start);
  const last = model.lineAt(end);
  const base = model.line(first).start;
  const lastLine = model.line(last);
  const window = model.slice(base, lastLine.start + lastLine.length);
  // Offsets inside the window, in UTF-16 (what Intl.Segmenter counts).
  const toU16 = (cp: number): number => cpToUtf16(window, cp - base);
  const s16 = toU16(start);
  const e16 = toU16(end);
  const r = exact ? trimWhitespace(window, s16, e16) : snapToWords(window, s16, e16);
  if (!r) return null;
  return { start: base + utf16ToCp(window, r.start), end: base + utf16ToCp(window, r.end) };
}
