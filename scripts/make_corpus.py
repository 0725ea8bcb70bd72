#!/usr/bin/env python3
"""Writes a benchmark corpus of about MEGABYTES MB made from the bundled samples (our own writing).

  scripts/make_corpus.py OUT_FOLDER MEGABYTES

Paragraphs of data/samples/*.txt are shuffled into ~10 KB documents, each made unique (so nothing is
skipped as already stored), 1,000 to a subfolder. The same arguments give the same corpus.
"""
import random
import sys
from pathlib import Path


def main(argv):
    if len(argv) != 2 or not argv[1].isdigit():
        print(__doc__.strip(), file=sys.stderr)
        return 2
    out, megabytes = Path(argv[0]), int(argv[1])
    root = Path(__file__).resolve().parent.parent
    random.seed(7)
    paras = [p for f in sorted((root / "data/samples").glob("*.txt")) for p in f.read_text().split("\n") if p.strip()]
    total, i = 0, 0
    while total < megabytes * 1_000_000:
        folder = out / ("%04d" % (i // 1000))
        folder.mkdir(parents=True, exist_ok=True)
        random.shuffle(paras)
        body = "\n\n".join(paras[:25]) + "\n\nDocument %d.\n" % i
        (folder / ("doc%07d.txt" % i)).write_text(body)
        total += len(body.encode())
        i += 1
    print("corpus: %d documents, %.1f MB" % (i, total / 1e6))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
