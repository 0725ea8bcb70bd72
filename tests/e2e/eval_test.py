#!/usr/bin/env python3
"""Extraction accuracy with ../shared/eval/score.py: the seed article against the first-step floor
(entity F1 >= 0.90, relation F1 >= 0.90, the border length found), and every shared text plus our own
dev set (tests/eval) against regression floors. Exits 77 (skipped) when ../shared is absent.
Usage: eval_test.py DYAD SOURCE_DIR"""
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

dyad, source = os.path.abspath(sys.argv[1]), Path(sys.argv[2]).resolve()
shared = source.parent / "shared"
score = shared / "eval" / "score.py"
if not score.exists():
    print("skipped: ../shared/eval is not there")
    sys.exit(77)


def graph(text, tmp, name):
    db, out = tmp / (name + ".db"), tmp / (name + ".jsonld")
    subprocess.run([dyad, "-q", "extract", str(text), "--db", str(db)], check=True)
    subprocess.run([dyad, "-q", "export", "--db", str(db), "-o", str(out)], check=True)
    return out


def evaluate(pairs):
    args = [str(x) for pair in pairs for x in pair]
    r = subprocess.run(["/usr/bin/python3", str(score), *args, "--json"], capture_output=True, text=True, check=True)
    print(r.stdout)
    return json.loads(r.stdout.strip().splitlines()[-2])


failures = []
with tempfile.TemporaryDirectory() as t:
    tmp = Path(t)
    seed_text = next((shared / "seeds").glob("*.txt"))
    seed = evaluate([(shared / "eval" / "gold" / "seed.json", graph(seed_text, tmp, "seed"))])
    if seed["entity_f1"] < 0.90: failures.append("seed entity F1 %.3f < 0.90" % seed["entity_f1"])
    if seed["relation_f1"] < 0.90: failures.append("seed relation F1 %.3f < 0.90" % seed["relation_f1"])
    if seed["quantities"] != "1/1": failures.append("seed border length not found")

    pairs = []
    for gold in sorted((shared / "eval" / "gold").glob("*.json")):
        text = shared / "eval" / "texts" / (gold.stem + ".txt")
        if text.exists():
            pairs.append((gold, graph(text, tmp, gold.stem)))
    if pairs:
        s = evaluate(pairs)
        if s["entity_f1"] < 0.90: failures.append("shared texts entity F1 %.3f < 0.90" % s["entity_f1"])
        if s["relation_f1"] < 0.85: failures.append("shared texts relation F1 %.3f < 0.85" % s["relation_f1"])

    dev = []
    for gold in sorted((source / "tests" / "eval" / "gold").glob("*.json")):
        text = (gold.parent / json.loads(gold.read_text(encoding="utf-8"))["text"]).resolve()
        dev.append((gold, graph(text, tmp, "dev-" + gold.stem)))
    if dev:
        d = evaluate(dev)
        if d["entity_f1"] < 0.88: failures.append("dev set entity F1 %.3f < 0.88" % d["entity_f1"])
        if d["relation_f1"] < 0.82: failures.append("dev set relation F1 %.3f < 0.82" % d["relation_f1"])

for f in failures:
    print("FAIL:", f)
sys.exit(1 if failures else 0)
