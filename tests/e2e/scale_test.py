#!/usr/bin/env python3
"""Corpus scale, end to end (docs/scale.md): JSON Lines input, `merge` of shards, the `--emit nq`
stream, and the same graph whatever the threads or the sharding. Usage: scale_test.py DYAD SOURCE_DIR"""
import json
import shutil
import sqlite3
import subprocess
import tempfile
import unittest
from pathlib import Path

from dyadtest import DYAD, SAMPLES, SANITIZED, SOURCE, dump, make_corpus, one_line_error, run
from scalecheck import (COMBINED, MODALITY, TIME, TOPIC, VEHICLE, canonical, confidences, names_agree, quads, values,
                        without_entity_names)

TEXTS = sorted(SAMPLES.glob("*.txt")) + sorted((SOURCE / "tests" / "eval" / "texts").glob("*.txt"))


def ok(test, r):
    test.assertEqual(r.returncode, 0, r.stderr)
    return r


def write_jsonl(path, files, extra_lines=()):
    with open(path, "w", encoding="utf-8") as f:
        for i, p in enumerate(files):
            f.write(json.dumps({"id": p.stem, "text": p.read_text(encoding="utf-8"), "date": "2024-05-%02d" % (i % 28 + 1),
                                "source": "dyad samples"}) + "\n")
        for line in extra_lines:
            f.write(line + "\n")
    return path


def nt(test, db):
    return sorted(ok(test, run("export", "--db", str(db), "--format", "nt")).stdout.splitlines())


def without_documents(d):
    return {k: v for k, v in d.items() if k != "documents"}


class Corpus:
    """The corpus every class shares: our own texts plus documents made of their sentences (which
    repeat relations across documents, so that merges combine evidence)."""
    tmp = None

    @classmethod
    def make(cls):
        if cls.tmp is None:
            cls.tmp = Path(tempfile.mkdtemp(prefix="dyad-scale-"))
            folder = cls.tmp / "corpus"
            folder.mkdir()
            for p in TEXTS:
                shutil.copy(p, folder / p.name)
            make_corpus(folder, 8 if SANITIZED else 24, seed=11)
            cls.files = sorted(folder.glob("*.txt"))
            cls.one = cls.tmp / "one.db"
            r = run("extract", str(folder), "--db", str(cls.one), "-j", "1")
            assert r.returncode == 0, r.stderr
        return cls


class Jsonl(unittest.TestCase):
    def setUp(self):
        self.c = Corpus.make()
        self.tmp = Path(tempfile.mkdtemp(prefix="dyad-jsonl-"))

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_records_give_the_graph_of_the_same_texts_as_files(self):
        src = write_jsonl(self.tmp / "docs.jsonl", self.c.files)
        db = self.tmp / "j.db"
        r = ok(self, run("extract", "--jsonl", str(src), "--db", str(db)))
        self.assertIn("%d documents added, 0 unchanged, 0 skipped" % len(self.c.files), r.stderr)
        one, mine = dump(self.c.one), dump(db)
        self.assertEqual(without_documents(one), without_documents(mine))
        # the document id is the text's content hash, as for a file; source is the record's id
        self.assertEqual([d[0] for d in one["documents"]], [d[0] for d in mine["documents"]])
        by_id = {d[0]: d for d in mine["documents"]}
        for doc_id, source, size, _ in one["documents"]:
            self.assertEqual(by_id[doc_id][1], Path(source).stem)
            self.assertEqual(by_id[doc_id][2], size)
            self.assertRegex(by_id[doc_id][3], r"^2024-05-\d\d$")

    def test_stdin_threads_and_reruns_add_nothing_twice(self):
        src = write_jsonl(self.tmp / "docs.jsonl", self.c.files)
        db = self.tmp / "j.db"
        ok(self, run("extract", "--jsonl", "-", "--db", str(db), "-j", "2", input=src.read_text()))
        r = ok(self, run("extract", "--jsonl", str(src), "--db", str(db)))
        self.assertIn("0 documents added, %d unchanged" % len(self.c.files), r.stderr)
        self.assertEqual(nt(self, db), nt(self, self.c.one))

    def test_a_bad_line_is_skipped_with_its_line_number_and_strict_fails(self):
        good = self.c.files[:2]
        src = write_jsonl(self.tmp / "docs.jsonl", good, [
            "not json", '{"id": 7, "text": "France and Germany are allies."}', '{"text": "no id"}',
            '{"id": "a"} {"id": "b"}', "[1, 2]", "", '{"id": "", "text": "x"}',
            json.dumps({"id": "long", "text": "France borders Spain. " * 400})])
        db = self.tmp / "j.db"
        r = ok(self, run("extract", "--jsonl", str(src), "--db", str(db), "--max-file-bytes", "8KB"))
        warnings = [l for l in r.stderr.splitlines() if l.startswith("dyad: warning: skipped")]
        self.assertEqual(len(warnings), 7, r.stderr)
        for n, needle in [(3, "not valid JSON"), (4, '"id" is not a string'), (5, 'no "id" field'),
                          (6, "more than one JSON value"), (7, "not a JSON object"), (9, '"id" is empty'),
                          (10, "over the limit of 8192 bytes (raise --max-file-bytes)")]:
            self.assertTrue(any(("%s:%d: " % (src, n)) in w and needle in w for w in warnings), (n, r.stderr))
        self.assertIn("2 documents added, 0 unchanged, 7 skipped", r.stderr)
        r = run("extract", "--jsonl", str(src), "--db", str(db), "--strict", "--max-file-bytes", "8KB")
        self.assertEqual(r.returncode, 1)
        one_line_error(self, r.stderr, "7 input(s) skipped", "--strict")

    def test_usage_errors(self):
        r = run("extract", "--db", str(self.tmp / "x.db"))
        self.assertEqual(r.returncode, 2)
        one_line_error(self, r.stderr, "nothing to extract")
        r = run("extract", "--jsonl", str(self.tmp / "missing.jsonl"), "--db", str(self.tmp / "x.db"))
        self.assertEqual(r.returncode, 1)
        one_line_error(self, r.stderr, "missing.jsonl: no such file")
        self.assertFalse((self.tmp / "x.db").exists())
        r = run("extract", "--jsonl", "-", "--emit", "nq", "--db", str(self.tmp / "x.db"), input="")
        self.assertEqual(r.returncode, 2)
        one_line_error(self, r.stderr, "leave out --db")
        for verb in (["extract"], ["merge"]):
            r = ok(self, run(*verb, "--help"))
            self.assertIn("--jsonl" if verb == ["extract"] else "--output", r.stdout)


class Merge(unittest.TestCase):
    def setUp(self):
        self.c = Corpus.make()
        self.tmp = Path(tempfile.mkdtemp(prefix="dyad-merge-"))

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def shards(self, n, overlap=0):
        files = self.c.files
        size = (len(files) + n - 1) // n
        out = []
        for k in range(n):
            part = files[max(0, k * size - overlap):(k + 1) * size]
            db = self.tmp / ("shard-%d.db" % k)
            ok(self, run("extract", *map(str, part), "--db", str(db)))
            out.append(db)
        return out

    def test_shards_merge_into_the_one_run_graph_and_merging_again_changes_nothing(self):
        shards = self.shards(3)
        out = self.tmp / "news.db"
        r = ok(self, run("merge", *map(str, shards), "-o", str(out)))
        self.assertIn("merged 3 databases, %d documents added" % len(self.c.files), r.stderr)
        one = dump(self.c.one)
        self.assertEqual(without_documents(dump(out)), without_documents(one))
        self.assertEqual([d[0] for d in dump(out)["documents"]], [d[0] for d in one["documents"]])
        before = dump(out)
        ok(self, run("merge", *map(str, shards), "-o", str(out)))
        ok(self, run("merge", str(shards[1]), str(shards[1]), "-o", str(out)))
        self.assertEqual(dump(out), before)

    def test_a_document_in_two_shards_is_kept_once(self):
        shards = self.shards(2, overlap=3)
        out = self.tmp / "news.db"
        r = ok(self, run("merge", *map(str, shards), "-o", str(out)))
        self.assertEqual(len(dump(out)["documents"]), len(self.c.files))
        self.assertEqual(len(set(dump(out)["evidence"])), len(dump(out)["evidence"]))
        self.assertEqual(sorted(set(dump(out)["evidence"])), sorted(set(dump(self.c.one)["evidence"])), r.stderr)

    def test_refuses_foreign_and_newer_files_and_leaves_no_output(self):
        shard = self.shards(1)[0]
        foreign = self.tmp / "foreign.db"
        con = sqlite3.connect(foreign)
        con.execute("create table t(x)")
        con.commit()
        con.close()
        newer = self.tmp / "newer.db"
        shutil.copy(shard, newer)
        con = sqlite3.connect(newer)
        con.execute("pragma user_version = 99")
        con.commit()
        con.close()
        text = self.tmp / "text.db"
        text.write_text("hello\n")
        out = self.tmp / "out.db"
        for bad, needle in [(foreign, "not made by dyad"), (newer, "schema version 99 is newer than this dyad"),
                            (text, "not a dyad database"), (self.tmp / "none.db", "no such database")]:
            r = run("merge", str(shard), str(bad), "-o", str(out))
            self.assertEqual(r.returncode, 1, r.stderr)
            one_line_error(self, r.stderr, str(bad), needle)
            self.assertFalse(out.exists())
        r = run("merge", str(shard), "-o", str(shard))
        self.assertEqual(r.returncode, 2)
        one_line_error(self, r.stderr, "is also the output")


class SameGraph(unittest.TestCase):
    """One thread, several threads, shards merged, JSON Lines shards merged: one canonical export."""

    def test_threads_and_shards_give_one_export(self):
        c = Corpus.make()
        tmp = Path(tempfile.mkdtemp(prefix="dyad-same-"))
        try:
            expected = nt(self, c.one)
            self.assertGreater(len(expected), 1000)
            multi = tmp / "multi.db"
            ok(self, run("extract", *map(str, c.files), "--db", str(multi), "-j", "4"))
            self.assertEqual(nt(self, multi), expected)
            shards = []
            for k in range(0, len(c.files), 5):
                db = tmp / ("s%02d.db" % k)
                src = write_jsonl(tmp / ("s%02d.jsonl" % k), c.files[k:k + 5])
                ok(self, run("extract", "--jsonl", str(src), "--db", str(db), "-j", "2"))
                shards.append(db)
            merged = tmp / "merged.db"
            ok(self, run("merge", *map(str, shards), "-o", str(merged)))
            self.assertEqual(nt(self, merged), expected)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


class EmitNq(unittest.TestCase):
    def test_the_union_of_shard_streams_is_the_one_run_nquads(self):
        c = Corpus.make()
        tmp = Path(tempfile.mkdtemp(prefix="dyad-emit-"))
        try:
            one = tmp / "one.nq"
            one.write_text(ok(self, run("export", "--db", str(c.one), "--format", "nq")).stdout)
            streams = []
            for k in range(0, len(c.files), 7):
                src = write_jsonl(tmp / ("s%d.jsonl" % k), c.files[k:k + 7])
                r = ok(self, run("extract", "--jsonl", "-", "--emit", "nq", input=src.read_text()))
                self.assertIn("documents written", r.stderr)
                streams.append(r.stdout)
            # a shard run twice: sort -u leaves one copy (blank nodes are named after the document)
            union = tmp / "union.nq"
            union.write_text("".join(sorted(set("".join(streams + streams[:1]).splitlines(keepends=True)))))
            a, b = quads(one), quads(union)
            named_a, named_b = without_entity_names(a), without_entity_names(b)
            self.assertEqual(canonical(named_a[0], COMBINED), canonical(named_b[0], COMBINED))
            self.assertTrue(names_agree(named_a, named_b))
            # what combines over documents: the one-run confidence is 1 - prod(1 - c) over the
            # documents' own confidences (4 decimals each)
            whole, parts = confidences(a), confidences(b)
            self.assertEqual(set(whole), set(parts))
            combined = 0
            for statement, by_graph in whole.items():
                rest = 1.0
                for c_doc in parts[statement].values():
                    rest *= 1 - c_doc
                self.assertAlmostEqual(set(by_graph.values()).pop(), 1 - rest, delta=2e-3)
                combined += len(by_graph) > 1
            self.assertGreater(combined, 5)  # the corpus does repeat relations across documents
            for p in (TOPIC, VEHICLE):  # united
                self.assertEqual(values(a, p), values(b, p))
            for p in (TIME, MODALITY):  # one document's value
                for statement, v in values(a, p).items():
                    self.assertLessEqual(v, values(b, p)[statement])
            # the mapper agrees with the database path document by document
            single = tmp / "single.db"
            ok(self, run("extract", str(c.files[0]), "--db", str(single)))
            own = tmp / "own.nq"
            own.write_text(ok(self, run("extract", str(c.files[0]), "--emit", "nq")).stdout)
            exported = tmp / "exported.nq"
            exported.write_text(ok(self, run("export", "--db", str(single), "--format", "nq")).stdout)
            self.assertEqual(canonical(quads(own)), canonical(quads(exported)))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    try:
        unittest.main(verbosity=2)
    finally:
        if Corpus.tmp:
            shutil.rmtree(Corpus.tmp, ignore_errors=True)
