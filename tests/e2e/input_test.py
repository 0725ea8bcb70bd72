#!/usr/bin/env python3
"""Bad and odd input, end to end: every encoding and line-end convention gives the same graph with
offsets into each file's own bytes; files that are not text are skipped with a one-line reason;
hostile shapes of text extract or are skipped, quickly. Usage: input_test.py DYAD SOURCE_DIR"""
import codecs
import os
import tempfile
import time
import unittest
from pathlib import Path

from dyadtest import SAMPLES, SANITIZED, connect, integrity, run

# encoding name for Python, how to make the bytes from the UTF-8 text
VARIANTS = {
    "utf8": ("utf-8", lambda t: t.encode("utf-8")),
    "utf8-bom": ("utf-8", lambda t: codecs.BOM_UTF8 + t.encode("utf-8")),
    "utf16le": ("utf-16-le", lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le")),
    "utf16be": ("utf-16-be", lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be")),
    "crlf": ("utf-8", lambda t: t.replace("\n", "\r\n").encode("utf-8")),
    "cr": ("utf-8", lambda t: t.replace("\n", "\r").encode("utf-8")),
    "cp1252": ("cp1252", lambda t: t.encode("cp1252")),
}


def norm(quote):
    return quote.replace("\r\n", "\n").replace("\r", "\n")


class Encodings(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dir = Path(cls.tmp.name)
        cls.results = {}
        for name, (_, make) in VARIANTS.items():
            folder = cls.dir / name
            folder.mkdir()
            for sample in sorted(SAMPLES.glob("*.txt")):
                text = sample.read_text(encoding="utf-8")
                try:
                    data = make(text)
                except UnicodeEncodeError:
                    continue  # a sample with characters Windows-1252 does not have
                (folder / sample.name).write_bytes(data)
            db = cls.dir / (name + ".db")
            cls.results[name] = (run("extract", str(folder), "--db", str(db)), db, folder)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def graph(self, db, names=None):
        con = connect(db)
        rows = con.execute("select r.subject, r.predicate, r.object, r.negated, e.quote, d.source from relations r "
                           "join evidence e on e.relation = r.id join documents d on d.id = e.doc").fetchall()
        return {(s, p, o, n, norm(q)) for s, p, o, n, q, src in rows if names is None or Path(src).name in names}

    def test_every_variant_gives_the_same_graph(self):
        r, base_db, base_folder = self.results["utf8"]
        self.assertEqual(r.returncode, 0, r.stderr)
        for name, (result, db, folder) in self.results.items():
            with self.subTest(variant=name):
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertEqual(integrity(db), "ok")
                names = {p.name for p in folder.glob("*.txt")}
                self.assertTrue(names)
                self.assertEqual(self.graph(db), self.graph(base_db, names))
                self.assertIn("%d documents added, 0 unchanged, 0 skipped" % len(names), result.stderr)

    def test_every_span_points_into_the_original_bytes(self):
        for name, (encoding, _) in VARIANTS.items():
            _, db, folder = self.results[name]
            con = connect(db)
            with self.subTest(variant=name):
                rows = con.execute("select d.source, e.sentence_begin, e.sentence_end, e.subject_begin, e.subject_end, "
                                   "e.object_begin, e.object_end, e.quote from evidence e "
                                   "join documents d on d.id = e.doc").fetchall()
                self.assertGreater(len(rows), 20)
                for source, b, e, sb, se, ob, oe, quote in rows:
                    data = Path(source).read_bytes()
                    self.assertEqual(data[b:e].decode(encoding), quote)
                    for x, y in ((sb, se), (ob, oe)):
                        self.assertTrue(b <= x < y <= e, (source, b, e, x, y))
                        self.assertTrue(data[x:y].decode(encoding).strip())
                mentions = con.execute("select d.source, m.begin, m.end, m.surface from mentions m "
                                       "join documents d on d.id = m.doc").fetchall()
                self.assertGreater(len(mentions), 50)
                for source, b, e, surface in mentions:
                    self.assertEqual(Path(source).read_bytes()[b:e].decode(encoding), surface)

    def test_only_the_latin1_guess_warns_and_strict_fails_on_it(self):
        for name, (result, db, folder) in self.results.items():
            with self.subTest(variant=name):
                warned = "read as Windows-1252" in result.stderr
                self.assertEqual(warned, name == "cp1252", result.stderr)
        _, db, folder = self.results["cp1252"]
        strict = run("extract", str(folder), "--db", str(self.dir / "strict.db"), "--strict")
        self.assertEqual(strict.returncode, 1)
        self.assertIn("--strict", strict.stderr)
        _, _, utf16 = self.results["utf16le"]
        ok = run("extract", str(utf16), "--db", str(self.dir / "strict16.db"), "--strict")
        self.assertEqual(ok.returncode, 0, ok.stderr)

    def test_explain_quotes_a_utf16_file_in_utf8(self):
        _, _, folder = self.results["utf16le"]
        r = run("extract", str(folder), "--db", str(self.dir / "explain.db"), "--explain")
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = [l for l in r.stdout.splitlines() if ": rejected: " in l]
        self.assertTrue(lines)
        for line in lines:
            self.assertNotIn("\ufffd", line)
            self.assertNotIn("\x00", line)


class BadFiles(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)

    def tearDown(self):
        self.tmp.cleanup()

    def test_files_that_are_not_text_are_skipped_with_one_line_each(self):
        corpus = self.dir / "corpus"
        corpus.mkdir()
        bad = {
            "empty.txt": (b"", "empty file"),
            "bom-only.txt": (codecs.BOM_UTF8, "only a byte order mark"),
            "nul.txt": (b"Peru\x00Chile", "binary file"),
            "png.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
            "utf16-no-bom.txt": ("Peru and Chile share a border.".encode("utf-16-le"), "UTF-16 without a byte order mark"),
            "utf32.txt": (codecs.BOM_UTF32_LE + "Peru".encode("utf-32-le"), "UTF-32"),
            "controls.txt": (bytes(range(1, 9)) * 40, "control characters"),
            "evil\nname\"; DROP TABLE documents;--.txt": (b"\x00\x01", "binary file"),
        }
        for name, (data, _) in bad.items():
            (corpus / name).write_bytes(data)
        (corpus / "good.txt").write_text("Peru and Chile share a border.")
        db = self.dir / "c.db"
        r = run("extract", str(corpus), "--db", str(db))
        self.assertEqual(r.returncode, 0, r.stderr)
        warnings = [l for l in r.stderr.splitlines() if l.startswith("dyad: warning: skipped ")]
        self.assertEqual(len(warnings), len(bad), r.stderr)
        for name, (_, reason) in bad.items():
            shown = name.replace("\n", " ")
            self.assertTrue(any(shown in w and reason in w for w in warnings), (name, r.stderr))
        self.assertIn("1 documents added, 0 unchanged, %d skipped" % len(bad), r.stderr)
        self.assertEqual(integrity(db), "ok")
        self.assertEqual(connect(db).execute("select count(*) from documents").fetchone()[0], 1)
        self.assertEqual(run("extract", str(corpus), "--db", str(db), "--strict").returncode, 1)

    def test_a_100MB_file_without_newlines_is_skipped_by_default_at_once(self):
        big = self.dir / "big.txt"
        chunk = ("Peru and Chile share a border. Japan and China are trading partners. " * 1000).encode()
        with open(big, "wb") as f:
            for _ in range((100 << 20) // len(chunk) + 1):
                f.write(chunk)
        started = time.monotonic()
        r = run("extract", str(big), "--db", str(self.dir / "b.db"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("over the limit of 67108864 (raise --max-file-bytes)", r.stderr)
        self.assertIn("0 documents added, 0 unchanged, 1 skipped", r.stderr)
        self.assertLess(time.monotonic() - started, 20)

    def test_standard_input_is_read_within_the_limit(self):
        db = str(self.dir / "s.db")
        r = run("extract", "-", "--db", db, "--max-file-bytes", "1MB", input="Peru and Chile share a border. " * 50000)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("<stdin>: input is over the limit of 1048576 bytes", r.stderr)
        r = run("extract", "-", "--db", db, input="Peru and Chile share a border.")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("1 documents added", r.stderr)

    def test_limit_options_are_checked(self):
        txt = self.dir / "a.txt"
        txt.write_text("Peru and Chile share a border.")
        for args in (["--max-sentence-tokens", "0"], ["--max-file-bytes", "2GiB"], ["--segment-bytes", "1KB"],
                     ["--max-relations", "0"], ["--busy-timeout", "-1"], ["--max-file-bytes", "lots"]):
            with self.subTest(args=args):
                self.assertEqual(run("extract", str(txt), "--db", str(self.dir / "o.db"), *args).returncode, 2)
        ok = run("extract", str(txt), "--db", str(self.dir / "o.db"), "--max-file-bytes", "1KiB",
                 "--segment-bytes", "64KB", "--max-sentence-tokens", "50", "--max-relations", "10")
        self.assertEqual(ok.returncode, 0, ok.stderr)


class HostileShapes(unittest.TestCase):
    """Each shape must extract or be skipped with a reason: never crash, never take long."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dir = Path(cls.tmp.name)
        relation = "Peru and Chile share a border."
        countries = ["France", "Germany", "Italy", "Spain", "Portugal", "Austria", "Belgium", "Poland", "Chile",
                     "Peru", "Brazil", "Argentina", "Japan", "China", "India", "Mexico", "Canada", "Egypt"]
        words = ["France", "and", "Germany", "share", "a", "border", "with", "Italy", "trade", "the", "of", ","]
        n = 4 if SANITIZED else 1  # a quarter of the size in the (slow) sanitizer builds
        cls.shapes = {
            "one-megabyte-sentence": " ".join(words[i * 7 % len(words)] for i in range(170000 // n)),
            "repeated-punctuation": ("!" * 300000 + "?" * 300000 + "." * 300000 + "…" * 50000 + ",;:" * 50000)[: 1050000 // n],
            "nested-brackets": "(" * (200000 // n) + relation + ")" * (200000 // n) + "[\"'" * (50000 // n),
            "right-to-left": ("שלום עולם, מדינות שכנות. " * 200 + relation + " مرحبا بالعالم، تشترك الدول في الحدود. " * 200),
            "cjk": ("日本と中国は貿易相手国である。" * 500 + relation + "한국과 일본은 이웃이다. " * 500),
            "zero-width": ("Pe\u200bru and Ch\u200dile share a border. \ufeff\u200e\u200f\u2060" * 2000 + relation),
            "combining": ("Pe\u0301ru\u0300\u0301\u0302 and Chi\u0308le share a border. " + "e" + "\u0301" * 5000 + " " + relation) * 20,
            "country-list": ", ".join(countries * 60) + " and Norway share a border.",
            "ambiguous-flood": "Georgia " * (100000 // n),
            "long-line-of-sentences": (relation + " Japan and China are trading partners. ") * (20000 // n),
            "surrogates-and-private-use": ("\U0001F600\U000F0000\uE000 " * 20000 + relation),
        }
        cls.results = {}
        for name, text in cls.shapes.items():
            path = cls.dir / (name + ".txt")
            path.write_text(text, encoding="utf-8")
            db = cls.dir / (name + ".db")
            started = time.monotonic()
            r = run("extract", str(path), "--db", str(db), timeout=300)
            cls.results[name] = (r, db, path, time.monotonic() - started)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_each_shape_extracts_or_is_skipped_quickly(self):
        limit = 120 if SANITIZED else 60
        for name, (r, db, path, seconds) in self.results.items():
            with self.subTest(shape=name):
                self.assertEqual(r.returncode, 0, r.stderr[-2000:])
                self.assertLess(seconds, limit)
                self.assertTrue("1 documents added" in r.stderr or "1 skipped" in r.stderr, r.stderr)
                self.assertEqual(integrity(db), "ok")
                data = path.read_bytes()
                for b, e, q in connect(db).execute("select sentence_begin, sentence_end, quote from evidence"):
                    self.assertEqual(data[b:e].decode("utf-8"), q)

    def test_plain_sentences_amid_foreign_scripts_are_still_found(self):
        for name in ("right-to-left", "cjk", "surrogates-and-private-use", "zero-width"):
            with self.subTest(shape=name):
                _, db, _, _ = self.results[name]
                rows = connect(db).execute("select subject, predicate, object from relations").fetchall()
                self.assertIn(("country/chile", "sharesBorderWith", "country/peru"), rows)

    def test_overlong_sentences_are_reported(self):
        r = self.results["one-megabyte-sentence"][0]
        self.assertIn("tokens split into pieces (--max-sentence-tokens)", r.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
