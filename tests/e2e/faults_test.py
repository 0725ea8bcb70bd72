#!/usr/bin/env python3
"""Database faults, end to end, on files the test makes: a newer schema, a file that is not a
database, a corrupt page, a read-only file or folder, a database locked by another process, a full
disk. In every case dyad fails with one clear line naming the file; the database passes
PRAGMA integrity_check with what was committed before intact; and once the fault is gone, the
same commands complete the work without duplicates (the content equals a clean run's).
Usage: faults_test.py DYAD SOURCE_DIR"""
import contextlib
import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import threading
import time
import unittest
from pathlib import Path

from dyadtest import DYAD, SAMPLES, SANITIZED, counts, dump, file_digest, integrity, make_corpus, one_line_error, run

ROOT = os.geteuid() == 0
NOBODY = 65534


def as_user():
    """Permissions do not bind root: run dyad as nobody when the tests run as root."""
    return {"user": NOBODY, "group": NOBODY, "extra_groups": []} if ROOT else {}


@contextlib.contextmanager
def reading_as_user():
    """The test's own SQLite reads create -shm files: as nobody too, so that nobody can use them."""
    if not ROOT:
        yield
        return
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


class Faults(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dir = Path(cls.tmp.name)
        os.chmod(cls.dir, 0o755)
        cls.extra = make_corpus(cls.dir / "extra", 16 if SANITIZED else 40, seed=11)
        cls.reference = cls.dir / "reference.db"
        for corpus in (SAMPLES, cls.extra):
            r = run("extract", str(corpus), "--db", str(cls.reference))
            assert r.returncode == 0, r.stderr
        cls.expected = dump(cls.reference)
        cls.base = cls.dir / "base.db"
        r = run("extract", str(SAMPLES), "--db", str(cls.base))
        assert r.returncode == 0, r.stderr
        cls.base_dump = dump(cls.base)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def setUp(self):
        self.work = Path(tempfile.mkdtemp(dir=self.dir))
        os.chmod(self.work, 0o755)

    def fresh(self, name="x.db"):
        """A database holding data/samples/, as a run before the fault left it."""
        db = self.work / name
        shutil.copy(self.base, db)
        if ROOT:
            os.chown(db, NOBODY, NOBODY)
            os.chown(self.work, NOBODY, NOBODY)
        return db

    def assert_intact_then_resumes(self, db, **kw):
        """Integrity ok, the samples intact; the same commands finish the work, no duplicates."""
        with reading_as_user() if kw else contextlib.nullcontext():
            self.assertEqual(integrity(db), "ok")
            now = dump(db)
        for table, rows in self.base_dump.items():
            if table in ("documents", "entities", "mentions"):
                self.assertTrue(set(rows) <= set(now[table]), table)
        for corpus in (SAMPLES, self.extra):
            r = run("extract", str(corpus), "--db", str(db), **kw)
            self.assertEqual(r.returncode, 0, r.stderr)
        with reading_as_user() if kw else contextlib.nullcontext():
            self.assertEqual(dump(db), self.expected)
        again = run("extract", str(self.extra), "--db", str(db), **kw)
        self.assertIn("0 documents added", again.stderr)
        with reading_as_user() if kw else contextlib.nullcontext():
            self.assertEqual(integrity(db), "ok")

    # -- schema and foreign files -------------------------------------------------------------

    def test_newer_schema_is_refused_and_left_alone(self):
        db = self.fresh()
        with sqlite3.connect(db) as con:
            current = con.execute("pragma user_version").fetchone()[0]
            self.assertLess(current, 99)
            con.execute("pragma user_version = 99")
        con.close()
        before = file_digest(db)
        for args in (["extract", str(self.extra)], ["stats"], ["export", "--format", "jsonld"]):
            r = run(*args, "--db", str(db))
            self.assertEqual(r.returncode, 1)
            one_line_error(self, r.stderr, str(db), "schema version 99 is newer than this dyad", "upgrade dyad")
        self.assertEqual(file_digest(db), before)
        with sqlite3.connect(db) as con:
            con.execute("pragma user_version = %d" % current)
        con.close()
        self.assert_intact_then_resumes(db)

    def test_files_that_are_not_dyad_databases_are_refused_and_left_alone(self):
        junk = self.work / "notes.db"
        junk.write_bytes(random.Random(3).randbytes(64 * 1024))
        other = self.work / "other.db"
        with sqlite3.connect(other) as con:
            con.execute("create table notes(x)")
            con.execute("insert into notes values ('mine')")
        con.close()
        for db, needle in ((junk, "not a dyad database"), (other, "not made by dyad")):
            before = file_digest(db)
            r = run("extract", str(self.extra), "--db", str(db))
            self.assertEqual(r.returncode, 1)
            one_line_error(self, r.stderr, str(db), needle)
            self.assertEqual(file_digest(db), before)
        r = run("extract", str(self.extra), "--db", str(self.work))
        self.assertEqual(r.returncode, 1)
        one_line_error(self, r.stderr, "is a folder")

    def test_a_corrupt_page_is_reported_never_a_crash(self):
        db = self.work / "full.db"
        shutil.copy(self.reference, db)
        size = db.stat().st_size
        page = 4096
        pages = size // page
        self.assertGreater(pages, 12)
        rng = random.Random(5)
        with open(db, "r+b") as f:  # garbage over the middle third; page 1 (the header) stays
            for p in range(pages // 3, 2 * pages // 3):
                f.seek(p * page)
                f.write(rng.randbytes(page))
        try:
            self.assertNotEqual(integrity(db), "ok")
        except sqlite3.DatabaseError as e:
            self.assertIn("malformed", str(e))
        more = self.work / "more.txt"
        more.write_text("Peru and Chile share a border. Japan and China are trading partners.")
        damaged = 0
        for args in (["export", "--format", "jsonld"], ["export", "--format", "dot"], ["stats"],
                     ["extract", str(more)], ["extract", str(self.extra)]):
            r = run(*args, "--db", str(db))
            self.assertIn(r.returncode, (0, 1), (args, r.returncode, r.stderr[-2000:]))  # never a signal
            self.assertNotIn("Sanitizer", r.stderr)
            if r.returncode == 1:
                damaged += 1
                one_line_error(self, r.stderr, str(db), "restore it from a backup or extract into a new --db")
        self.assertGreaterEqual(damaged, 2)

    # -- permissions ---------------------------------------------------------------------------

    def test_a_read_only_file_is_refused_then_resumed(self):
        db = self.fresh()
        os.chmod(db, 0o444)
        before = file_digest(db)
        r = run("extract", str(self.extra), "--db", str(db), **as_user())
        self.assertEqual(r.returncode, 1)
        one_line_error(self, r.stderr, str(db), "is read-only: make it writable")
        for verb in ("stats", "export"):
            self.assertEqual(run(verb, "--db", str(db), **as_user()).returncode, 0)
        self.assertEqual(file_digest(db), before)
        self.assertFalse(Path(str(db) + "-shm").exists())  # nothing read-only left behind to block a writer
        os.chmod(db, 0o644)
        self.assert_intact_then_resumes(db, **as_user())

    def test_a_read_only_folder_is_refused_but_still_read(self):
        db = self.fresh()
        os.chmod(self.work, 0o555)
        try:
            r = run("extract", str(self.extra), "--db", str(db), **as_user())
            self.assertEqual(r.returncode, 1)
            one_line_error(self, r.stderr, str(db), "read-only")
            r = run("extract", str(self.extra), "--db", str(self.work / "new.db"), **as_user())
            self.assertEqual(r.returncode, 1)
            one_line_error(self, r.stderr, "new.db", "cannot open database", "writable")
            self.assertFalse((self.work / "new.db").exists())
            stats = run("stats", "--db", str(db), **as_user())
            self.assertEqual(stats.returncode, 0, stats.stderr)
            self.assertIn("documents\t%d" % len(self.base_dump["documents"]), stats.stdout)
            self.assertEqual(run("export", "--db", str(db), **as_user()).returncode, 0)
        finally:
            os.chmod(self.work, 0o755)
        self.assert_intact_then_resumes(db, **as_user())

    # -- another process -----------------------------------------------------------------------

    def hold_write_lock(self, db):
        con = sqlite3.connect(db, isolation_level=None, timeout=0, check_same_thread=False)
        con.execute("begin immediate")
        con.execute("insert into documents(id, source, size) values ('lock', 'held by the test', 0)")
        return con

    def test_a_locked_database_is_waited_for_then_reported(self):
        db = self.fresh()
        before = dump(db)
        holder = self.hold_write_lock(db)
        try:
            started = time.monotonic()
            r = run("extract", str(self.extra), "--db", str(db), "--busy-timeout", "800")
            waited = time.monotonic() - started
        finally:
            holder.execute("rollback")
            holder.close()
        self.assertEqual(r.returncode, 1)
        one_line_error(self, r.stderr, str(db), "another process is writing", "--busy-timeout")
        self.assertGreaterEqual(waited, 0.8)
        self.assertEqual(dump(db), before)
        self.assert_intact_then_resumes(db)

    def test_a_lock_released_within_the_timeout_is_waited_out(self):
        db = self.fresh()
        holder = self.hold_write_lock(db)
        release = threading.Timer(1.0, lambda: (holder.execute("rollback"), holder.close()))
        release.start()
        started = time.monotonic()
        try:
            r = run("extract", str(self.extra), "--db", str(db), "--busy-timeout", "30000")
        finally:
            release.join()
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertGreaterEqual(time.monotonic() - started, 1.0)
        self.assertEqual(dump(db), self.expected)

    def test_two_dyad_processes_share_one_database(self):
        db = self.work / "shared.db"
        halves = [self.work / "a", self.work / "b"]
        for h in halves:
            h.mkdir()
        for i, f in enumerate(sorted(self.extra.glob("*.txt"))):
            shutil.copy(f, halves[i % 2])
        procs = [subprocess.Popen([DYAD, "extract", str(h), "--db", str(db)], stderr=subprocess.PIPE,
                                  stdout=subprocess.DEVNULL, text=True) for h in halves]
        for p in procs:
            _, err = p.communicate(timeout=300)
            self.assertEqual(p.returncode, 0, err)
        self.assertEqual(integrity(db), "ok")
        reference = self.work / "sequential.db"
        self.assertEqual(run("extract", str(self.extra), "--db", str(reference)).returncode, 0)
        got, want = dump(db), dump(reference)
        self.assertEqual(len(got["documents"]), len(want["documents"]))
        self.assertEqual(got["mentions"], want["mentions"])
        self.assertEqual({e[:2] for e in got["entities"]}, {e[:2] for e in want["entities"]})
        self.assertEqual({r[:4] for r in got["relations"]}, {r[:4] for r in want["relations"]})
        self.assertEqual(len(got["evidence"]), len(want["evidence"]))

    def test_two_dyad_processes_creating_one_database_never_collide(self):
        texts = [self.work / "a.txt", self.work / "b.txt"]
        texts[0].write_text("Peru and Chile share a border.")
        texts[1].write_text("Japan and China are trading partners.")
        for i in range(25):  # the race was lost about one time in five in sanitizer builds
            db = self.work / ("race%d.db" % i)
            procs = [subprocess.Popen([DYAD, "-q", "extract", str(t), "--db", str(db)], stderr=subprocess.PIPE,
                                      stdout=subprocess.DEVNULL, text=True) for t in texts]
            for p in procs:
                _, err = p.communicate(timeout=120)
                self.assertEqual((p.returncode, err), (0, ""))
            self.assertEqual(counts(db)["documents"], 2)

    # -- a full disk ---------------------------------------------------------------------------

    def check_full(self, r, db):
        self.assertEqual(r.returncode, 1, r.stderr)
        one_line_error(self, r.stderr, str(db), "free space and run again")
        self.assertNotIn("Sanitizer", r.stderr)

    def test_a_file_size_limit_stops_the_run_cleanly(self):
        db = self.fresh()
        limit = 96 * 1024  # the write-ahead log reaches it after a few documents

        def limited():
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # stays ignored across exec: write() fails with EFBIG
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        r = run("extract", str(self.extra), "--db", str(db), preexec_fn=limited)
        self.check_full(r, db)
        self.assertLess(counts(db)["documents"], len(self.expected["documents"]))
        self.assert_intact_then_resumes(db)

    def test_a_full_tmpfs_stops_the_run_cleanly(self):
        if not shutil.which("unshare") or subprocess.run(["unshare", "-rm", "true"]).returncode != 0:
            self.skipTest("no user namespaces here: cannot mount a small tmpfs")
        mnt, out = self.work / "mnt", self.work / "out"
        mnt.mkdir()
        out.mkdir()
        size_kib = self.base.stat().st_size // 1024 + 96
        script = (
            'set -e; mount -t tmpfs -o size={size}k tmpfs "{mnt}"; cp "{base}" "{mnt}/x.db"; '
            'set +e; "{dyad}" extract "{extra}" --db "{mnt}/x.db" 2>"{out}/stderr"; echo $? >"{out}/rc"; '
            'cp "{mnt}"/x.db* "{out}/"'
        ).format(size=size_kib, mnt=mnt, base=self.base, dyad=DYAD, extra=self.extra, out=out)
        ns = subprocess.run(["unshare", "-rm", "/bin/sh", "-c", script], capture_output=True, text=True, timeout=300)
        if ns.returncode != 0 and "mount" in ns.stderr:
            self.skipTest("cannot mount tmpfs here: " + ns.stderr.strip())
        self.assertEqual(ns.returncode, 0, ns.stderr)
        rc = int((out / "rc").read_text())
        err = (out / "stderr").read_text(errors="replace")
        self.assertEqual(rc, 1, err)
        self.assertEqual(len([l for l in err.splitlines() if l.startswith("dyad: error: ")]), 1, err)
        self.assertIn("the disk is full", err)
        db = out / "x.db"
        self.assertLess(counts(db)["documents"], len(self.expected["documents"]))
        self.assert_intact_then_resumes(db)


if __name__ == "__main__":
    unittest.main(verbosity=2)
