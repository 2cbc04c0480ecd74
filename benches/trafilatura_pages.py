"""The peer extractor on the same pages: prints {"page", "text", "ms"} JSON lines like
examples/extract_pages.rs, with trafilatura's default settings (main text, no comments)."""

import json
import pathlib
import sys
import time

import trafilatura


def main():
    root = pathlib.Path(sys.argv[1])
    for page in sorted(p for p in root.iterdir() if (p / "source.html").is_file()):
        raw = (page / "source.html").read_bytes()
        started = time.perf_counter()
        text = trafilatura.extract(raw, include_comments=False) or ""
        ms = (time.perf_counter() - started) * 1000
        print(json.dumps({"page": page.name, "text": text, "ms": ms}))


if __name__ == "__main__":
    main()
