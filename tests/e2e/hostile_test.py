#!/usr/bin/env python3
"""Text and names that attack the outputs: quotes, backslashes, <, >, &, newlines, SQL and JSON-LD
fragments. Extracts a generated hostile text, then also plants hostile names (and invalid UTF-8)
in the database, and reads every export back: JSON-LD with json and rdflib, DOT with dot, the
database with sqlite3. Usage: hostile_test.py DYAD SOURCE_DIR"""
import json
import shutil
import sqlite3
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ET
from pathlib import Path

from dyadtest import connect, integrity, run

FRAGMENTS = [
    '"; DROP TABLE entities; --',
    "Robert'); DROP TABLE documents;--",
    '{"@id": "urn:dyad:entity:country/peru", "@type": "Country"}',
    '"@context": {"name": "http://evil.example/"}',
    "<script>alert('x')</script> & <b>bold</b> &amp; &lt;",
    "back\\slash \\N \\G \\E \\T \\H \\L \\n \\\"",
    "]]> <!-- --> <![CDATA[ x ]]>",
    "tab\there, bell\x07, escape\x1b[31m, del\x7f",
    "emoji \U0001F600, rtl \u202Eevil\u202C, zero\u200bwidth",
    "digraph G { a -> b; } // /* */ # %",
]

HOSTILE_NAMES = [
    'Quote "Land"',
    "Back\\Slash \\N\\G\\L",
    "A <b>&amp;</b> B & C > D",
    "Line\nBreak\r\nOther\tTab\x07Bell",
    '"; DROP TABLE entities; --',
    '{"@id": "urn:evil", "@type": "Thing"}',
    "\\",
    '"',
    "",
]


# Fragments with "!" or "?" may end a sentence inside them, so no one quote holds them whole.
WHOLE = [f for f in FRAGMENTS if "!" not in f and "?" not in f]


def hostile_text():
    out = ["Hostile \"report\" <on> & {neighbours}\n"]
    pairs = [("Peru", "Chile"), ("Japan", "China"), ("France", "Germany"), ("Spain", "Italy")]
    for i, frag in enumerate(FRAGMENTS):
        a, b = pairs[i % len(pairs)]
        out.append("%s and %s share a border, %s said the \"note\" \\ on line %d.\n\n" % (a, b, frag, i))
        out.append("%s and %s are trading partners {%s}.\n" % (b, a, frag))
    return "".join(out)


class Hostile(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dir = Path(cls.tmp.name)
        cls.text = cls.dir / "hostile.txt"
        cls.text.write_text(hostile_text(), encoding="utf-8")
        cls.db = cls.dir / "h.db"
        cls.extract = run("extract", str(cls.text), "--db", str(cls.db))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def export(self, db, fmt):
        out = self.dir / ("%s.%s" % (Path(db).stem, fmt))
        r = run("export", "--db", str(db), "--format", fmt, "-o", str(out))
        self.assertEqual(r.returncode, 0, r.stderr)
        return out

    def read_jsonld(self, path):
        import rdflib
        data = json.loads(path.read_bytes().decode("utf-8"))  # strict: valid UTF-8 and JSON
        g = rdflib.Graph()
        g.parse(data=path.read_text(encoding="utf-8"), format="json-ld")
        return data, g

    def svg_text(self, dot_file):
        svg = subprocess.run(["dot", "-Tsvg", str(dot_file)], capture_output=True)
        self.assertEqual(svg.returncode, 0, svg.stderr)
        self.assertNotIn(b"Warning", svg.stderr)
        root = ET.fromstring(svg.stdout)
        return " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))

    def test_sql_fragments_are_stored_verbatim_and_harm_nothing(self):
        self.assertEqual(self.extract.returncode, 0, self.extract.stderr)
        self.assertEqual(integrity(self.db), "ok")
        con = connect(self.db)
        tables = {r[0] for r in con.execute("select name from sqlite_master where type = 'table'")}
        self.assertTrue({"documents", "entities", "relations", "evidence", "mentions"} <= tables)
        quotes = [q for (q,) in con.execute("select quote from evidence")]
        for frag in WHOLE:
            self.assertTrue(any(frag in q for q in quotes), frag)
        data = self.text.read_bytes()
        for b, e, q in con.execute("select sentence_begin, sentence_end, quote from evidence"):
            self.assertEqual(data[b:e].decode("utf-8"), q)

    def test_jsonld_of_hostile_evidence_reads_back_exactly(self):
        data, g = self.read_jsonld(self.export(self.db, "jsonld"))
        exact = set()
        for node in data["@graph"]:
            for ann in node.get("wasDerivedFrom", []):
                for sel in ann["hasTarget"]["hasSelector"]:
                    if "exact" in sel:
                        exact.add(sel["exact"])
        stored = {q for (q,) in connect(self.db).execute("select quote from evidence")}
        self.assertEqual(exact, stored)
        literals = {str(o) for _, _, o in g}
        for frag in WHOLE:
            self.assertTrue(any(frag in l for l in literals), frag)
        # no fragment became a node or a context of its own
        import rdflib
        subjects = {str(s) for s, _, _ in g if not isinstance(s, rdflib.BNode)}
        self.assertFalse([s for s in subjects if not s.startswith("urn:dyad:")], subjects)

    def test_dot_of_hostile_evidence_is_read_by_dot(self):
        self.assertIn("Peru", self.svg_text(self.export(self.db, "dot")))

    def test_hostile_names_and_invalid_utf8_survive_every_export(self):
        db = self.dir / "names.db"
        shutil.copy(self.db, db)
        con = sqlite3.connect(db)
        keys = [k for (k,) in con.execute("select distinct subject from relations union select distinct object "
                                          "from relations order by 1")]
        self.assertGreaterEqual(len(keys), len(HOSTILE_NAMES) // 2)
        expected = {}
        for i, key in enumerate(keys):
            name = HOSTILE_NAMES[i % len(HOSTILE_NAMES)] + " #%d" % i
            con.execute("update entities set name = ? where key = ?", (name, key))
            con.execute("insert or ignore into aliases(entity, kind, value) values (?, 'name', ?)",
                        (key, "alias " + HOSTILE_NAMES[(i + 3) % len(HOSTILE_NAMES)]))
            expected[key] = name
        # bytes that are not UTF-8, as an older or foreign tool might have left them
        con.execute("update entities set name = CAST(x'4261645fff4e616d65c3' AS TEXT) where key = ?", (keys[0],))
        expected[keys[0]] = "Bad_\ufffdName\ufffd"
        con.commit()
        con.close()
        self.assertEqual(integrity(db), "ok")

        data, g = self.read_jsonld(self.export(db, "jsonld"))
        names = {n["@id"]: n["name"] for n in data["@graph"] if "name" in n and n["@id"].startswith("urn:dyad:entity:")}
        for key, name in expected.items():
            self.assertEqual(names["urn:dyad:entity:" + key], name)
        schema_names = {str(o) for _, p, o in g if str(p) == "https://schema.org/name"}
        for name in expected.values():
            self.assertIn(name, schema_names)

        text = self.svg_text(self.export(db, "dot"))
        for name in expected.values():
            shown = " ".join("".join(" " if ord(c) < 32 else c for c in name).split())
            self.assertIn(shown, " ".join(text.split()))

        svg = self.dir / "names.svg"
        r = run("render", "--db", str(db), "-o", str(svg))
        self.assertEqual(r.returncode, 0, r.stderr)
        ET.fromstring(svg.read_bytes())  # well-formed XML


if __name__ == "__main__":
    unittest.main(verbosity=2)
