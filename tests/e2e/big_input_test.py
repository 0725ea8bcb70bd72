#!/usr/bin/env python3
"""A large single-line file within the default limits: extracted in segments, in bounded time
and memory, with offsets into the file. Label: slow. Usage: big_input_test.py DYAD SOURCE_DIR"""
import resource
import tempfile
import time
import unittest
from pathlib import Path

from dyadtest import connect, integrity, run, sample_sentences


class BigInput(unittest.TestCase):
    def test_a_16MB_file_without_newlines_is_extracted_in_segments(self):
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            text = " ".join(sample_sentences())
            big = tmp / "big.txt"
            data = ((text + " ") * ((16 << 20) // len(text.encode()) + 1)).encode()[: 16 << 20]
            data = data[: len(data.decode("utf-8", "ignore").encode())]  # whole characters only
            big.write_bytes(data)
            db = tmp / "big.db"
            started = time.monotonic()
            r = run("-v", "extract", str(big), "--db", str(db), timeout=900)
            seconds = time.monotonic() - started
            self.assertEqual(r.returncode, 0, r.stderr[-2000:])
            self.assertIn("1 documents added", r.stderr)
            self.assertIn("segments of at most", r.stderr)
            self.assertLess(seconds, 300)
            peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            self.assertLess(peak_mib, 1024, "peak memory %.0f MiB" % peak_mib)
            self.assertEqual(integrity(db), "ok")
            con = connect(db)
            rows = con.execute("select sentence_begin, sentence_end, quote from evidence "
                               "order by sentence_begin desc limit 200").fetchall()
            self.assertTrue(rows)
            self.assertGreater(rows[0][0], 15 << 20)  # evidence from the end of the file too
            for b, e, q in rows:
                self.assertEqual(data[b:e].decode("utf-8"), q)


if __name__ == "__main__":
    unittest.main(verbosity=2)
