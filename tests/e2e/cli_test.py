#!/usr/bin/env python3
"""End to end: runs the built dyad on the bundled samples and reads every output back with the
real tools: SQLite (integrity, offsets), Graphviz's dot, rdflib. Usage: cli_test.py DYAD SOURCE_DIR"""
import os
import sqlite3
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

DYAD = os.path.abspath(sys.argv.pop(1))
SOURCE = Path(sys.argv.pop(1)).resolve()
SAMPLES = SOURCE / "data" / "samples"


def run(*args, cwd=None):
    return subprocess.run([DYAD, *args], capture_output=True, text=True, cwd=cwd, stdin=subprocess.DEVNULL)


class Pipeline(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dir = Path(cls.tmp.name)
        cls.db = str(cls.dir / "samples.db")
        cls.first = run("extract", str(SAMPLES), "--db", cls.db)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_extract_succeeds_and_is_idempotent(self):
        self.assertEqual(self.first.returncode, 0, self.first.stderr)
        self.assertIn("documents added", self.first.stderr)
        before = sqlite3.connect(self.db).execute("select count(*) from evidence").fetchone()[0]
        again = run("extract", str(SAMPLES), "--db", self.db)
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertIn("0 documents added", again.stderr)
        after = sqlite3.connect(self.db).execute("select count(*) from evidence").fetchone()[0]
        self.assertEqual(before, after)

    def test_database_is_consistent_and_offsets_quote_the_file(self):
        con = sqlite3.connect(self.db)
        self.assertEqual(con.execute("pragma integrity_check").fetchone()[0], "ok")
        self.assertEqual(con.execute("pragma user_version").fetchone()[0], 4)
        n_docs = con.execute("select count(*) from documents").fetchone()[0]
        self.assertEqual(n_docs, len(list(SAMPLES.glob("*.txt"))))
        self.assertGreater(con.execute("select count(*) from relations").fetchone()[0], 20)
        rows = con.execute("select d.source, e.sentence_begin, e.sentence_end, e.quote, e.subject_begin, e.subject_end, "
                           "e.sentence_char_begin, e.sentence_char_end "
                           "from evidence e join documents d on d.id = e.doc").fetchall()
        self.assertTrue(rows)
        for source, b, e, quote, sb, se, cb, ce in rows:
            data = Path(source).read_bytes()
            self.assertEqual(data[b:e].decode("utf-8"), quote)
            self.assertEqual(data.decode("utf-8")[cb:ce], quote)  # code points of the text
            self.assertTrue(b <= sb < se <= e or (sb, se) != (0, 0))
        # the same entity in several documents is one node
        self.assertEqual(con.execute("select count(*) from entities where key = 'country/united-states'").fetchone()[0], 1)

    def test_jsonld_is_read_by_rdflib(self):
        import rdflib
        out = self.dir / "g.jsonld"
        r = run("export", "--db", self.db, "--format", "jsonld", "-o", str(out))
        self.assertEqual(r.returncode, 0, r.stderr)
        g = rdflib.Graph()
        g.parse(data=out.read_text(encoding="utf-8"), format="json-ld")
        self.assertGreater(len(g), 100)
        preds = {str(p) for _, p, _ in g}
        self.assertIn("urn:dyad:vocab:sharesBorderWith", preds)
        types = {str(o) for _, p, o in g if p == rdflib.RDF.type}
        self.assertIn("https://schema.org/Country", types)
        self.assertIn("urn:dyad:vocab:Agreement", types)
        names = {str(o) for _, p, o in g if str(p) == "https://schema.org/name"}
        self.assertIn("Japan", names)

    def test_dot_is_read_by_dot(self):
        out = self.dir / "g.dot"
        r = run("export", "--db", self.db, "-o", str(out))
        self.assertEqual(r.returncode, 0, r.stderr)
        svg = subprocess.run(["dot", "-Tsvg", str(out)], capture_output=True, text=True)
        self.assertEqual(svg.returncode, 0, svg.stderr)
        self.assertIn("<svg", svg.stdout)
        self.assertEqual(out.read_bytes(), run("export", "--db", self.db, "--format", "dot").stdout.encode())

    def test_render_by_extension(self):
        for ext, magic in ((".svg", b"<?xml"), (".png", b"\x89PNG"), (".pdf", b"%PDF")):
            out = self.dir / ("g" + ext)
            r = run("render", "--db", self.db, "-o", str(out))
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertTrue(out.read_bytes().startswith(magic), ext)
        # --layout is another name of --engine; an unknown layout is a usage error. (circo is left
        # out: Graphviz 2.42's circo crashes on the samples' graph, also as the `circo` command.)
        for layout in ("dot", "neato", "sfdp"):
            out = self.dir / ("layout-%s.svg" % layout)
            r = run("render", "--db", self.db, "-o", str(out), "--layout", layout)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn(b">legend<", out.read_bytes())
        r = run("render", "--db", self.db, "-o", str(self.dir / "x.svg"), "--layout", "nope")
        self.assertEqual(r.returncode, 2, r.stderr)

    def test_thread_count_does_not_change_the_result(self):
        exports = []
        for threads in ("1", "4"):
            db = str(self.dir / ("threads%s.db" % threads))
            r = run("extract", str(SAMPLES), "--db", db, "-j", threads)
            self.assertEqual(r.returncode, 0, r.stderr)
            exports.append(run("export", "--db", db, "--format", "jsonld").stdout)
        self.assertEqual(exports[0], exports[1])

    def test_stats_counts(self):
        r = run("stats", "--db", self.db)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("documents\t%d" % len(list(SAMPLES.glob("*.txt"))), r.stdout)
        self.assertIn("Country", r.stdout)
        self.assertIn("sharesBorderWith", r.stdout)


class Errors(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)

    def tearDown(self):
        self.tmp.cleanup()

    def test_every_verb_has_help(self):
        for verb in ("extract", "export", "import", "render", "stats", "check-data", "list"):
            r = run(verb, "--help")
            self.assertEqual(r.returncode, 0, verb)
            self.assertIn("Usage", r.stdout)

    def test_missing_input_names_the_path(self):
        r = run("extract", str(self.dir / "nope.txt"), "--db", str(self.dir / "x.db"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("nope.txt: no such file or folder", r.stderr)
        self.assertEqual(r.stderr.count("\n"), 1)

    def test_usage_errors_exit_2(self):
        self.assertEqual(run("extract").returncode, 2)
        self.assertEqual(run("frobnicate").returncode, 2)
        db = self.dir / "x.db"
        (self.dir / "a.txt").write_text("Peru and Chile share a border.")
        run("extract", str(self.dir / "a.txt"), "--db", str(db))
        r = run("export", "--db", str(db), "--format", "xml")
        self.assertEqual(r.returncode, 2)
        self.assertIn("unknown format 'xml'", r.stderr)

    def test_bad_files_are_skipped_and_counted(self):
        corpus = self.dir / "corpus"
        corpus.mkdir()
        (corpus / "good.txt").write_text("Peru and Chile share a border.")
        (corpus / "empty.txt").write_text("")
        (corpus / "binary.txt").write_bytes(b"\x00\x01\x02binary")
        db = str(self.dir / "c.db")
        r = run("extract", str(corpus), "--db", db)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("empty.txt: empty file", r.stderr)
        self.assertIn("binary.txt: binary file", r.stderr)
        self.assertIn("1 documents added, 0 unchanged, 2 skipped", r.stderr)
        strict = run("extract", str(corpus), "--db", db, "--strict")
        self.assertEqual(strict.returncode, 1)

    def test_dry_run_checks_the_inputs_and_writes_nothing(self):
        corpus = self.dir / "corpus"
        corpus.mkdir()
        (corpus / "good.txt").write_text("Peru and Chile share a border. Peru and Chile are members of APEC.")
        (corpus / "same.txt").write_text("Peru and Chile share a border. Peru and Chile are members of APEC.")
        (corpus / "binary.txt").write_bytes(b"\x00\x01\x02binary")
        r = run("extract", str(corpus), "--dry-run", cwd=self.dir)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("binary.txt: binary file", r.stderr)
        self.assertIn("dry run: 1 documents analysed, 1 repeated, 1 skipped; 3 relations found", r.stderr)
        self.assertEqual(r.stdout, "")
        self.assertEqual(sorted(p.name for p in self.dir.iterdir()), ["corpus"])  # no dyad.db
        self.assertEqual(run("extract", str(corpus), "--dry-run", "--strict").returncode, 1)
        for other in (["--db", str(self.dir / "x.db")], ["--emit", "nq"]):
            r = run("extract", str(corpus), "--dry-run", *other)
            self.assertEqual(r.returncode, 2, other)
            self.assertIn("--dry-run writes nothing", r.stderr)

    def test_not_a_database_is_refused_and_left_alone(self):
        bogus = self.dir / "notes.db"
        bogus.write_bytes(b"these are my notes" * 300)
        (self.dir / "a.txt").write_text("Peru and Chile share a border.")
        r = run("extract", str(self.dir / "a.txt"), "--db", str(bogus))
        self.assertEqual(r.returncode, 1)
        self.assertIn("notes.db", r.stderr)
        self.assertEqual(bogus.read_bytes(), b"these are my notes" * 300)

    def test_bad_data_folder_is_named(self):
        (self.dir / "a.txt").write_text("Peru and Chile share a border.")
        r = run("--data", str(self.dir), "extract", str(self.dir / "a.txt"), "--db", str(self.dir / "x.db"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("not a dyad data folder", r.stderr)

    def test_a_bad_rule_is_named_by_file_and_line(self):
        import shutil
        data = self.dir / "data"
        shutil.copytree(SOURCE / "data", data)
        rules = data / "patterns" / "relations.tsv"
        lines = rules.read_text().splitlines(True)
        lines.append("bad-optional-slot\tpartyTo\t{A:Country} signed ?{B:Agreement}\t0.8\t\t\n")
        rules.write_text("".join(lines))
        r = run("--data", str(data), "check-data")
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("relations.tsv:%d" % len(lines), r.stderr)
        self.assertIn("a slot cannot be optional", r.stderr)

    def test_default_db_is_dyad_db_in_the_current_folder(self):
        (self.dir / "a.txt").write_text("Peru and Chile share a border.")
        r = run("extract", "a.txt", cwd=self.dir)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue((self.dir / "dyad.db").exists())
        self.assertEqual(run("stats", cwd=self.dir).returncode, 0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
