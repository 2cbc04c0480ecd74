"""Scores extracted article text against a corpus's expected articles.

Reads JSON lines {"page", "text", "ms"} (one extractor's output) and compares each page's
text with the page's expected.html rendered to text, by word 4-gram shingles: precision,
recall and F1 over the multiset of 4-grams, averaged over the pages (macro). Standard
library only, so the score does not depend on any extractor's own HTML parser.
"""

import argparse
import collections
import html.parser
import json
import pathlib
import re
import statistics
import sys

WORD = re.compile(r"\w+", re.UNICODE)
SKIP = {"script", "style", "noscript", "template", "head", "title"}
# Inline elements join their text to their neighbours' ("km<sup>2</sup>" is "km2"); every other
# tag separates words.
INLINE = {
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
}


class _Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip += 1
        if tag not in INLINE:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in SKIP and self.skip:
            self.skip -= 1
        if tag not in INLINE:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_text(markup):
    p = _Text()
    p.feed(markup)
    p.close()
    return "".join(p.parts)


def shingles(text, n=4):
    words = [w.lower() for w in WORD.findall(text)]
    if len(words) < n:
        return collections.Counter([tuple(words)]) if words else collections.Counter()
    return collections.Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def prf(got, want):
    g, w = shingles(got), shingles(want)
    if not g and not w:
        return 1.0, 1.0, 1.0
    hit = sum((g & w).values())
    p = hit / sum(g.values()) if g else 0.0
    r = hit / sum(w.values()) if w else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", type=pathlib.Path)
    ap.add_argument("runs", nargs="+", help="NAME=FILE.jsonl")
    ap.add_argument("--per-page", action="store_true")
    args = ap.parse_args()
    expected = {}
    for d in sorted(args.corpus.iterdir()):
        if (d / "expected.html").exists():
            expected[d.name] = html_text((d / "expected.html").read_text(encoding="utf-8"))
    print(f"{'extractor':<16} {'pages':>5} {'precision':>9} {'recall':>7} {'F1':>6} {'median F1':>9} {'ms/page':>8}")
    for run in args.runs:
        name, path = run.split("=", 1)
        rows = {}
        for line in pathlib.Path(path).read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                rows[row["page"]] = row
        scores, ms = [], []
        for page, want in expected.items():
            row = rows.get(page, {"text": "", "ms": 0.0})
            scores.append((page, *prf(row["text"], want)))
            ms.append(row["ms"])
        if args.per_page:
            for page, p, r, f in sorted(scores, key=lambda s: s[3]):
                print(f"  {name} {page:<40} P={p:.3f} R={r:.3f} F1={f:.3f}", file=sys.stderr)
        mean = lambda i: statistics.fmean(s[i] for s in scores)
        print(
            f"{name:<16} {len(scores):>5} {mean(1):>9.3f} {mean(2):>7.3f} {mean(3):>6.3f} "
            f"{statistics.median(s[3] for s in scores):>9.3f} {statistics.fmean(ms):>8.1f}"
        )


if __name__ == "__main__":
    main()
