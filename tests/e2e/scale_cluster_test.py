#!/usr/bin/env python3
"""Shards on a cluster, as docs/scale.md shows: a Dask scheduler and two Dask workers (real
processes, started here on this machine) extract JSON Lines shards into shard databases and into
N-Quads streams; GNU parallel does the same; the merged graph must be the one-run graph.
python3-distributed and parallel come from scripts/bootstrap.sh --test: a missing one fails.
Usage: scale_cluster_test.py DYAD SOURCE_DIR"""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

from dyadtest import DYAD, SAMPLES, SOURCE, run
from scalecheck import COMBINED, canonical, names_agree, quads, without_entity_names
from scale_test import write_jsonl

TEXTS = sorted(SAMPLES.glob("*.txt")) + sorted((SOURCE / "tests" / "eval" / "texts").glob("*.txt"))


def extract_shard(dyad, jsonl, db):
    """A Dask task: one shard into its own database (runs on a worker)."""
    r = subprocess.run([dyad, "-q", "extract", "--jsonl", jsonl, "--db", db], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(r.stderr)
    return db


def emit_shard(dyad, jsonl):
    """A Dask task: one shard as an N-Quads stream, no database."""
    r = subprocess.run([dyad, "-q", "extract", "--jsonl", jsonl, "--emit", "nq"], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(r.stderr)
    return r.stdout


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster(unittest.TestCase):
    def assert_same_graph(self, union):
        """The union of the streams is the one-run N-Quads, entity names compared apart."""
        streams, one = without_entity_names(quads(union)), without_entity_names(quads(self.one_nq))
        self.assertEqual(canonical(streams[0], COMBINED), canonical(one[0], COMBINED))
        self.assertTrue(names_agree(one, streams))

    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="dyad-cluster-"))
        cls.shards = []
        for k in range(0, len(TEXTS), 3):  # contiguous shards, in the order of the one run
            cls.shards.append(write_jsonl(cls.tmp / ("shard-%02d.jsonl" % (k // 3)), TEXTS[k:k + 3]))
        cls.one = cls.tmp / "one.db"
        jsonl = [arg for s in cls.shards for arg in ("--jsonl", str(s))]
        r = run("extract", *jsonl, "--db", str(cls.one))
        assert r.returncode == 0, r.stderr
        cls.expected_nt = cls.export(cls.one, "nt")
        cls.one_nq = cls.tmp / "one.nq"
        cls.one_nq.write_text(run("export", "--db", str(cls.one), "--format", "nq").stdout)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @staticmethod
    def export(db, fmt):
        r = run("export", "--db", str(db), "--format", fmt)
        assert r.returncode == 0, r.stderr
        return sorted(r.stdout.splitlines())

    def merge(self, dbs, out):
        r = run("merge", *map(str, dbs), "-o", str(out))
        self.assertEqual(r.returncode, 0, r.stderr)
        return self.export(out, "nt")

    def test_dask_scheduler_and_workers(self):
        from distributed import Client  # python3-distributed (bootstrap --test installs it)
        port = free_port()
        env = dict(os.environ, DASK_DISTRIBUTED__WORKER__DAEMON="False")
        procs = [subprocess.Popen(["dask", "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                   "--no-dashboard"], cwd=self.tmp, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
        try:
            address = "tcp://127.0.0.1:%d" % port
            for _ in range(2):
                procs.append(subprocess.Popen(["dask", "worker", address, "--nthreads", "1", "--no-dashboard"],
                                              cwd=self.tmp, env=env, stdout=subprocess.DEVNULL,
                                              stderr=subprocess.DEVNULL))
            with Client(address, timeout=60) as client:
                client.wait_for_workers(2, timeout=120)
                started = time.monotonic()
                futures = [client.submit(extract_shard, DYAD, str(s), str(s.with_suffix(".db")), pure=False)
                           for s in self.shards]
                dbs = client.gather(futures)
                streams = client.gather([client.submit(emit_shard, DYAD, str(s), pure=False) for s in self.shards])
                print("dask: %d shards extracted in %.1fs" % (len(dbs), time.monotonic() - started), file=sys.stderr)
            self.assertEqual(self.merge(dbs, self.tmp / "dask.db"), self.expected_nt)
            union = self.tmp / "dask.nq"
            union.write_text("".join(sorted(set("".join(streams).splitlines(keepends=True)))))
            self.assert_same_graph(union)
        finally:
            for p in reversed(procs):
                p.terminate()
            for p in reversed(procs):
                try:
                    p.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()

    def test_gnu_parallel(self):
        folder = self.tmp / "parallel"
        folder.mkdir()
        for s in self.shards:
            shutil.copy(s, folder / s.name)
        r = subprocess.run("parallel --will-cite --halt now,fail=1 -j 2 %s -q extract --jsonl {} --db {.}.db "
                           "::: shard-*.jsonl" % DYAD, shell=True, cwd=folder, capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.merge(sorted(folder.glob("shard-*.db")), folder / "news.db"), self.expected_nt)
        # the streaming mapper: the whole JSON Lines cut into blocks of 4 records by parallel --pipe
        whole = "".join(s.read_text() for s in self.shards)
        r = subprocess.run(["parallel", "--will-cite", "--pipe", "-N", "4", "-j", "2", DYAD, "-q", "extract",
                            "--jsonl", "-", "--emit", "nq"], input=whole, capture_output=True, text=True, cwd=folder)
        self.assertEqual(r.returncode, 0, r.stderr)
        union = folder / "all.nq"
        union.write_text("".join(sorted(set(r.stdout.splitlines(keepends=True)))))
        self.assert_same_graph(union)


if __name__ == "__main__":
    unittest.main(verbosity=2)
