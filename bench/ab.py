#!/usr/bin/env python3
"""Interleaved A/B timing of two (or more) Qanun builds, for a change too small for this noisy
machine to show in one run of scripts/bench.

The builds alternate within every round (A B, then B A, ...), so a slow minute of the machine
hits both; the medians and ranges of all rounds are printed. Nothing is asserted.

    bench/ab.py ingest ROUNDS CORPUS QANUN_A QANUN_B ...
        wall time of `qanun ingest` of CORPUS into a fresh database, per build
    bench/ab.py query ROUNDS DB QUERIES QANUN_BENCH_A QANUN_BENCH_B ... [--best-of N]
        `qanun-bench qanun-query DB QUERIES` per build: median and p99 latency, and the median
        by kind of query (--best-of N keeps each query's fastest of N runs)

Copy a build aside before rebuilding (`cp .build/release/qanun /tmp/qanun-a`): both binaries
must exist at the same time. bench/work/queries.json is made by scripts/bench.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def order(items, r):
    return items if r % 2 == 0 else items[::-1]


def ingest(rounds, corpus, builds):
    times = {b: [] for b in builds}
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "ab.sqlite")
        for r in range(rounds):
            for b in order(builds, r):
                for suffix in ("", "-wal", "-shm", "-journal"):
                    if os.path.exists(db + suffix):
                        os.remove(db + suffix)
                t0 = time.perf_counter()
                subprocess.run([b, "ingest", "-q", "--db", db, corpus], check=True, capture_output=True)
                times[b].append(time.perf_counter() - t0)
    for b in builds:
        t = times[b]
        print(f"{b}: ingest median {statistics.median(t):.3f} s [{min(t):.3f}–{max(t):.3f}] over {len(t)} rounds")


def query(rounds, db, queries, builds, extra):
    runs = {b: [] for b in builds}
    for r in range(rounds):
        for b in order(builds, r):
            out = subprocess.run([b, "qanun-query", db, queries] + extra, check=True, capture_output=True, text=True)
            runs[b].append(json.loads(out.stdout.strip().splitlines()[-1]))
    for b in builds:
        med = [x["median_ms"] for x in runs[b]]
        p99 = [x["p99_ms"] for x in runs[b]]
        kinds = {k: round(statistics.median(x["by_kind"][k]["median_ms"] for x in runs[b]), 3)
                 for k in sorted(runs[b][0]["by_kind"])}
        print(f"{b}: median {statistics.median(med):.3f} ms [{min(med):.3f}–{max(med):.3f}], "
              f"p99 {statistics.median(p99):.3f} ms [{min(p99):.3f}–{max(p99):.3f}], by kind {kinds}")


def main():
    args = sys.argv[1:]
    if len(args) >= 5 and args[0] == "ingest":
        ingest(int(args[1]), args[2], args[3:])
    elif len(args) >= 6 and args[0] == "query":
        extra = []
        if "--best-of" in args:
            i = args.index("--best-of")
            if i + 1 >= len(args):
                sys.exit("--best-of needs a number")
            extra = ["--best-of", args[i + 1]]
            args = args[:i] + args[i + 2:]
        query(int(args[1]), args[2], args[3], args[4:], extra)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
