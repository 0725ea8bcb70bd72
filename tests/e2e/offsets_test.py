#!/usr/bin/env python3
"""Evidence offsets in the exports, end to end: the TextPositionSelector of each annotation counts
Unicode code points of the decoded text (so text[start:end] in Python is the quoted sentence),
the DataPositionSelector counts bytes of the file, for UTF-8 (with and without a byte order mark),
UTF-16 LE/BE, Windows-1252 and CRLF files; segmented and split texts; the N-Triples; a schema-1
database read as it is and migrated in place. Usage: offsets_test.py DYAD SOURCE_DIR"""
import codecs
import json
import sqlite3
import tempfile
import unittest
from pathlib import Path

from dyadtest import connect, file_digest, one_line_error, run

OA = "http://www.w3.org/ns/oa#"

# Our own text. Non-ASCII before and inside the sentences: accents, CJK, an emoji (two UTF-16
# code units, four UTF-8 bytes, one code point), curly quotes.
UNICODE_TEXT = (
    "Notes from Mérida — 北京 and 東京 🌏 compared.\n\n"
    "Peru and Chile share a border of about 1,700 km. Chile and Perú are trading partners.\n\n"
    "Über alles: “Japan and China” 🇯🇵🇨🇳 fought a war in 1894. Egypt and Israel signed the "
    "Egypt–Israel Peace Treaty.\n\n"
    "Façade. Mexico and the United States share a border of nearly 2,000 miles.\n"
)
# Windows-1252 can hold accents, curly quotes and the euro sign, but no CJK or emoji.
LATIN_TEXT = (
    "Notes from Mérida, São Paulo and Zürich: “café” costs 3 €.\n\n"
    "Peru and Chile share a border of about 1,700 km. Chile and Perú are trading partners.\n\n"
    "Façade. Mexico and the United States share a border of nearly 2,000 miles.\n"
)

# name: (text, bytes of the file, how Python decodes the file into the text the offsets count)
VARIANTS = {
    "utf8": (UNICODE_TEXT, lambda t: t.encode("utf-8"), lambda b: b.decode("utf-8")),
    "utf8-bom": (UNICODE_TEXT, lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), lambda b: b.decode("utf-8-sig")),
    "utf16le": (UNICODE_TEXT, lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), lambda b: b.decode("utf-16")),
    "utf16be": (UNICODE_TEXT, lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), lambda b: b.decode("utf-16")),
    "crlf": (UNICODE_TEXT, lambda t: t.replace("\n", "\r\n").encode("utf-8"), lambda b: b.decode("utf-8")),
    "cp1252": (LATIN_TEXT, lambda t: t.encode("cp1252"), lambda b: b.decode("cp1252")),
}


def annotations(jsonld):
    """(document id, {selector type: selector}, rule) of every annotation of a JSON-LD export."""
    out = []
    for node in jsonld["@graph"]:
        for a in node.get("wasDerivedFrom", []):
            target = a["hasTarget"]
            selectors = {}
            for s in target["hasSelector"]:
                assert s["@type"] not in selectors, target
                selectors[s["@type"]] = s
            out.append((target["hasSource"].rsplit(":", 1)[1], selectors, a["rule"]))
    return out


class Offsets(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dir = Path(cls.tmp.name)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def ok(self, *args):
        r = run(*args)
        self.assertEqual(r.returncode, 0, "dyad %s: %s" % (" ".join(map(str, args)), r.stderr))
        return r

    def extract_export(self, name, data, *extra):
        folder = self.dir / name
        folder.mkdir()
        (folder / "in.txt").write_bytes(data)
        db, out = folder / "g.db", folder / "g.jsonld"
        self.ok("extract", str(folder / "in.txt"), "--db", str(db), *extra)
        self.ok("export", "--db", str(db), "-o", str(out))
        return db, out, json.loads(out.read_text(encoding="utf-8"))

    def check_selectors(self, data, text, found, min_annotations):
        self.assertGreaterEqual(len(found), min_annotations)
        for _, selectors, rule in found:
            self.assertEqual(set(selectors), {"TextPositionSelector", "DataPositionSelector", "TextQuoteSelector"})
            exact = selectors["TextQuoteSelector"]["exact"]
            chars, octets = selectors["TextPositionSelector"], selectors["DataPositionSelector"]
            self.assertEqual(text[chars["start"]:chars["end"]], exact, rule)
            self.assertEqual(chars["end"] - chars["start"], len(exact))
            # the bytes of the file: the same sentence in the file's own encoding
            self.assertLess(octets["start"], octets["end"])
            self.assertLessEqual(octets["end"], len(data))

    def test_code_points_quote_the_decoded_text_in_every_encoding(self):
        chars_by_variant = {}
        for name, (text, encode, decode) in VARIANTS.items():
            with self.subTest(variant=name):
                data = encode(text)
                decoded = decode(data)
                _, _, jsonld = self.extract_export(name, data)
                found = annotations(jsonld)
                self.check_selectors(data, decoded, found, 3)
                chars_by_variant[name] = sorted((s["TextPositionSelector"]["start"], s["TextPositionSelector"]["end"],
                                                 s["TextQuoteSelector"]["exact"]) for _, s, _ in found)
                differ = [s["TextPositionSelector"]["start"] != s["DataPositionSelector"]["start"] for _, s, _ in found]
                if name == "cp1252":  # one byte per character: code points and bytes agree
                    self.assertFalse(any(differ))
                else:  # past the first non-ASCII character they differ
                    self.assertTrue(any(differ))
        # the byte order mark is not counted, and UTF-16 surrogate pairs are one code point: the
        # same text gives the same selectors whatever its encoding
        for name in ("utf8-bom", "utf16le", "utf16be"):
            self.assertEqual(chars_by_variant[name], chars_by_variant["utf8"], name)

    def test_bytes_quote_the_file(self):
        for name in ("utf8", "utf8-bom", "crlf"):
            text, encode, _ = VARIANTS[name]
            data = encode(text)
            _, _, jsonld = self.extract_export("bytes-" + name, data)
            for _, s, _ in annotations(jsonld):
                octets = s["DataPositionSelector"]
                self.assertEqual(data[octets["start"]:octets["end"]].decode("utf-8"), s["TextQuoteSelector"]["exact"])

    def test_segmented_and_split_texts_keep_code_points(self):
        # Many paragraphs, analysed in 4 KiB segments, with sentences split every 8 tokens.
        paragraphs = []
        for i in range(80):
            paragraphs.append("Étude %d — ☃ 日本 %s. Peru and Chile share a border, and they cooperate on trade, "
                              "energy, fishing, mining, ports and roads. Egypt and Israel signed the Egypt–Israel "
                              "Peace Treaty." % (i, "😀" * (i % 5)))
        text = "\n\n".join(paragraphs) + "\n"
        data = text.encode("utf-8")
        _, _, jsonld = self.extract_export("segments", data, "--segment-bytes", "4096", "--max-sentence-tokens", "8")
        self.check_selectors(data, text, annotations(jsonld), 20)

    def test_ntriples_carry_the_same_selectors(self):
        import rdflib
        text, encode, decode = VARIANTS["utf16le"]
        data = encode(text)
        db, _, jsonld = self.extract_export("nt", data)
        nt = self.dir / "nt" / "g.nt"
        self.ok("export", "--db", str(db), "-o", str(nt))
        g = rdflib.Graph()
        g.parse(str(nt), format="nt")
        T = rdflib.URIRef
        spans = set()
        for sel in g.subjects(rdflib.RDF.type, T(OA + "TextPositionSelector")):
            spans.add((int(g.value(sel, T(OA + "start"))), int(g.value(sel, T(OA + "end")))))
        expected = {(s["TextPositionSelector"]["start"], s["TextPositionSelector"]["end"])
                    for _, s, _ in annotations(jsonld)}
        self.assertEqual(spans, expected)
        decoded = decode(data)
        for b, e in spans:
            self.assertIn(decoded[b:e], {s["TextQuoteSelector"]["exact"] for _, s, _ in annotations(jsonld)})

    def test_import_round_trip_keeps_both_offsets(self):
        _, out, _ = self.extract_export("roundtrip", VARIANTS["utf8"][1](UNICODE_TEXT))
        copy = self.dir / "roundtrip" / "copy.db"
        again = self.dir / "roundtrip" / "again.jsonld"
        self.ok("import", str(out), "--db", str(copy))
        self.ok("export", "--db", str(copy), "-o", str(again))
        self.assertEqual(again.read_bytes(), out.read_bytes())

    def test_schema_1_database_is_read_as_is_then_migrated(self):
        text, encode, decode = VARIANTS["utf8"]
        db, _, first = self.extract_export("migrate", encode(text))
        # Make it a schema-1 file: the evidence table without the code-point columns.
        con = sqlite3.connect(db)
        con.execute("alter table evidence drop column sentence_char_begin")
        con.execute("alter table evidence drop column sentence_char_end")
        con.execute("pragma user_version = 1")
        con.commit()
        con.close()
        before = file_digest(db)
        # Read-only commands read it as it is and do not change it; the annotations then have no
        # TextPositionSelector (code points unknown), but still their bytes and quote.
        old = self.dir / "migrate" / "old.jsonld"
        self.ok("export", "--db", str(db), "-o", str(old))
        self.ok("stats", "--db", str(db))
        self.assertEqual(file_digest(db), before)
        old_annotations = annotations(json.loads(old.read_text(encoding="utf-8")))
        self.assertEqual(len(old_annotations), len(annotations(first)))
        for _, s, _ in old_annotations:
            self.assertEqual(set(s), {"DataPositionSelector", "TextQuoteSelector"})
        # extract migrates it in place: the current version, the old rows keep NULL, new rows get code points.
        more = self.dir / "migrate" / "more.txt"
        more_text = "Ça va. Argentina and Brazil share a border of approximately 1,260 km.\n"
        more.write_bytes(more_text.encode("utf-8"))
        self.ok("extract", str(more), "--db", str(db))
        con = connect(db)
        self.assertEqual(con.execute("pragma user_version").fetchone()[0], 4)
        self.assertEqual(con.execute("pragma integrity_check").fetchone()[0], "ok")
        known = con.execute("select count(*) from evidence where sentence_char_begin is not null").fetchone()[0]
        unknown = con.execute("select count(*) from evidence where sentence_char_begin is null").fetchone()[0]
        con.close()
        self.assertEqual(unknown, len(old_annotations))
        self.assertGreaterEqual(known, 1)
        mixed = self.dir / "migrate" / "mixed.jsonld"
        self.ok("export", "--db", str(db), "-o", str(mixed))
        found = annotations(json.loads(mixed.read_text(encoding="utf-8")))
        with_chars = [s for _, s, _ in found if "TextPositionSelector" in s]
        self.assertEqual(len(with_chars), known)
        for s in with_chars:
            p = s["TextPositionSelector"]
            self.assertEqual(more_text[p["start"]:p["end"]], s["TextQuoteSelector"]["exact"])
        # A mixed export survives import and export unchanged.
        copy = self.dir / "migrate" / "copy.db"
        again = self.dir / "migrate" / "again.jsonld"
        self.ok("import", str(mixed), "--db", str(copy))
        self.ok("export", "--db", str(copy), "-o", str(again))
        self.assertEqual(again.read_bytes(), mixed.read_bytes())
        # Opening it again changes nothing (the migration ran once).
        self.ok("extract", str(more), "--db", str(db))

    def test_next_schema_version_is_refused(self):
        db, _, _ = self.extract_export("newer", UNICODE_TEXT.encode("utf-8"))
        con = sqlite3.connect(db)
        con.execute("pragma user_version = 5")
        con.commit()
        con.close()
        before = file_digest(db)
        for args in (["export"], ["extract", str(self.dir / "newer" / "in.txt")]):
            r = run(*args, "--db", str(db))
            self.assertEqual(r.returncode, 1)
            one_line_error(self, r.stderr, "schema version 5 is newer than this dyad (4)", "upgrade dyad")
        self.assertEqual(file_digest(db), before)


if __name__ == "__main__":
    unittest.main()
