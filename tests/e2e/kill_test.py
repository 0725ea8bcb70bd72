#!/usr/bin/env python3
"""SIGKILL in the middle of an ingest, several times at random points: after each kill the
database passes integrity_check and keeps every document committed before; a final run of the
same command completes it, and the content equals a clean run's (same documents, entities,
relations, evidence, mentions). Label: slow. Usage: kill_test.py DYAD SOURCE_DIR
Set DYAD_KILL_SEED to replay a sequence of kill times."""
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

from dyadtest import DYAD, counts, dump, integrity, make_corpus, run


class Kill(unittest.TestCase):
    N = 400
    KILLS = 6

    def test_killed_runs_resume_to_the_clean_result(self):
        seed = int(os.environ.get("DYAD_KILL_SEED", time.time_ns() % 1_000_000))
        print("DYAD_KILL_SEED=%d" % seed, file=sys.stderr)
        rng = random.Random(seed)
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            corpus = make_corpus(tmp / "corpus", self.N, seed=31)
            clean = tmp / "clean.db"
            started = time.monotonic()
            r = run("extract", str(corpus), "--db", str(clean))
            duration = time.monotonic() - started
            self.assertEqual(r.returncode, 0, r.stderr)
            expected = dump(clean)

            db = tmp / "killed.db"
            committed = set()
            partial = 0  # kills that landed in the middle of the ingest
            for k in range(self.KILLS):
                # Small batches: many commit points for a kill to fall between.
                p = subprocess.Popen([DYAD, "extract", str(corpus), "--db", str(db), "--batch", "4"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                remaining = duration * (self.N - len(committed)) / self.N  # aim inside what is left to do
                time.sleep(rng.uniform(0.03, max(0.06, remaining * 0.75)))
                p.send_signal(signal.SIGKILL)
                p.wait()
                if not db.exists():
                    continue
                self.assertEqual(integrity(db), "ok", "after kill %d (seed %d)" % (k, seed))
                now = dump(db)
                ids = {d[0] for d in now["documents"]}
                self.assertTrue(committed <= ids, "a committed document vanished (seed %d)" % seed)
                committed = ids
                partial += 0 < len(ids) < self.N
                print("kill %d: %d documents committed" % (k, len(ids)), file=sys.stderr)
                self.assertEqual(now["mentions"], [m for m in expected["mentions"] if m[0] in ids])
            self.assertGreaterEqual(partial, 1, "no kill landed mid-ingest (seed %d)" % seed)
            r = run("extract", str(corpus), "--db", str(db))
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(counts(db), counts(clean))
            self.assertEqual(dump(db), expected, "seed %d" % seed)


if __name__ == "__main__":
    unittest.main(verbosity=2)
