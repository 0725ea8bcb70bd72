#!/usr/bin/env python3
"""Ctrl-C during a corpus run: dyad stops after the current document, keeps what it committed,
says how to resume, and exits 128+signal; the same command then completes the work and the
database equals a clean run's. Usage: interrupt_test.py DYAD SOURCE_DIR"""
import signal
import sqlite3
import subprocess
import tempfile
import time
import unittest
from pathlib import Path

from dyadtest import DYAD, SANITIZED, dump, integrity, make_corpus, run


def documents(db):
    try:
        con = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=5)
        try:
            return con.execute("select count(*) from documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0  # not created yet


class Interrupt(unittest.TestCase):
    N = 60 if SANITIZED else 200

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dir = Path(cls.tmp.name)
        cls.corpus = make_corpus(cls.dir / "corpus", cls.N, seed=23)
        cls.reference = cls.dir / "reference.db"
        r = run("extract", str(cls.corpus), "--db", str(cls.reference))
        assert r.returncode == 0, r.stderr
        cls.expected = dump(cls.reference)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def start_and_signal(self, db, signals, after_documents=3):
        # Small batches, so that several commits happen before the signal and the interrupted
        # batch is the one that Ctrl-C must commit.
        p = subprocess.Popen([DYAD, "extract", str(self.corpus), "--db", str(db), "--batch", "4"], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 120
        while documents(db) < after_documents and p.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        self.assertIsNone(p.poll(), "the run ended before it could be interrupted; make the corpus bigger")
        for sig in signals:
            p.send_signal(sig)
            time.sleep(0.005)
        _, err = p.communicate(timeout=120)
        return p.returncode, err

    def assert_resumes(self, db):
        self.assertEqual(integrity(db), "ok")
        stored = dump(db)
        self.assertLess(len(stored["documents"]), self.N)
        # every stored document is whole: all of its mentions are there, nothing of the next one
        ids = {d[0] for d in stored["documents"]}
        self.assertEqual(stored["mentions"], [m for m in self.expected["mentions"] if m[0] in ids])
        r = run("extract", str(self.corpus), "--db", str(db))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("%d documents added, %d unchanged" % (self.N - len(ids), len(ids)), r.stderr)
        self.assertEqual(dump(db), self.expected)

    def test_ctrl_c_stops_after_the_current_document_and_says_how_to_resume(self):
        db = self.dir / "int.db"
        code, err = self.start_and_signal(db, [signal.SIGINT])
        self.assertEqual(code, 130, err)
        self.assertIn("dyad: warning: interrupted: what was done is saved; run the same command again to continue", err)
        self.assertIn("documents added", err)
        self.assertNotIn("error", err)
        self.assert_resumes(db)

    def test_sigterm_is_handled_the_same_way(self):
        db = self.dir / "term.db"
        code, err = self.start_and_signal(db, [signal.SIGTERM])
        self.assertEqual(code, 143, err)
        self.assertIn("interrupted", err)
        self.assert_resumes(db)

    def test_a_second_ctrl_c_ends_at_once_and_loses_nothing_committed(self):
        db = self.dir / "twice.db"
        code, _ = self.start_and_signal(db, [signal.SIGINT, signal.SIGINT])
        self.assertIn(code, (-signal.SIGINT, 130))
        self.assert_resumes(db)


if __name__ == "__main__":
    unittest.main(verbosity=2)
