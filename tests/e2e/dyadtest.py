"""Shared helpers of the end-to-end tests: running the built binary, generated corpora, database
dumps. Every script is called as SCRIPT DYAD SOURCE_DIR [unittest args]."""
import hashlib
import os
import random
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

DYAD = os.path.abspath(sys.argv.pop(1))
SOURCE = Path(sys.argv.pop(1)).resolve()
SAMPLES = SOURCE / "data" / "samples"
# Sanitizer builds (often unoptimized) run 10-100 times slower: the tests then use smaller inputs.
SANITIZED = bool(os.environ.get("DYAD_SANITIZED"))


def run(*args, cwd=None, input=None, timeout=600, **kw):
    """Runs dyad; stdout and stderr as text (undecodable bytes replaced)."""
    return subprocess.run([DYAD, *args], capture_output=True, cwd=cwd, timeout=timeout,
                          input=input, stdin=None if input is not None else subprocess.DEVNULL,
                          text=True, errors="replace", **kw)


def sample_sentences():
    """The sentences of data/samples/, roughly split, in a stable order."""
    out = []
    for p in sorted(SAMPLES.glob("*.txt")):
        for para in p.read_text(encoding="utf-8").split("\n\n"):
            para = " ".join(para.split())
            out += [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", para) if len(s.strip()) > 20]
    return out


def make_corpus(folder, n, seed=7, paragraphs=3):
    """n distinct documents made of sample sentences, named doc-0000.txt..., in `folder`."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    sentences = sample_sentences()
    for i in range(n):
        body = ["Report %d on neighbours" % i]
        for _ in range(paragraphs):
            body.append(" ".join(rng.choice(sentences) for _ in range(rng.randint(3, 7))))
        (folder / ("doc-%04d.txt" % i)).write_text("\n\n".join(body) + "\n", encoding="utf-8")
    return folder


def connect(db):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    con.text_factory = lambda b: b.decode("utf-8", "replace")
    return con


def integrity(db):
    con = connect(db)
    try:
        return con.execute("pragma integrity_check").fetchone()[0]
    finally:
        con.close()


def dump(db):
    """The whole content of a dyad database, independent of row ids and ingestion times."""
    con = connect(db)
    try:
        if con.execute("select count(*) from sqlite_master").fetchone()[0] == 0:
            # killed before its schema was committed: an empty SQLite file
            return {t: [] for t in ("documents", "entities", "aliases", "mentions", "relations", "evidence",
                                    "qualifiers")}
        rel = {rid: (s, p, o, n) for rid, s, p, o, n in
               con.execute("select id, subject, predicate, object, negated from relations")}
        return {
            "documents": sorted(con.execute("select id, source, size, date from documents")),
            "entities": sorted(con.execute("select key, type, name from entities")),
            "aliases": sorted(con.execute("select entity, kind, value from aliases")),
            "mentions": sorted(con.execute("select doc, entity, begin, end, surface, extractor from mentions")),
            "relations": sorted(rel[i] + (round(c, 6),) for i, c in con.execute("select id, confidence from relations")),
            "evidence": sorted(rel[r] + tuple(rest) for r, *rest in con.execute(
                "select relation, doc, sentence_begin, sentence_end, subject_begin, subject_end, object_begin, "
                "object_end, quote, rule, sentence_char_begin, sentence_char_end from evidence")),
            "qualifiers": sorted(rel[r] + tuple(rest) for r, *rest in con.execute(
                "select relation, kind, value, number, unit, hedge from qualifiers")),
        }
    finally:
        con.close()


def counts(db):
    con = connect(db)
    try:
        return {t: con.execute("select count(*) from %s" % t).fetchone()[0]
                for t in ("documents", "entities", "relations", "evidence", "mentions")}
    finally:
        con.close()


def file_digest(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def one_line_error(test, stderr, *needles):
    """stderr is exactly one 'dyad: error: ...' line that contains every needle."""
    lines = [l for l in stderr.splitlines() if l.strip()]
    errors = [l for l in lines if l.startswith("dyad: error: ")]
    test.assertEqual(len(errors), 1, stderr)
    for n in needles:
        test.assertIn(n, errors[0])
    return errors[0]
