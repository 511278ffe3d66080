"""What every peer shares: timing the query set after warm-up, the summary it prints (latency
median and p99 overall and per kind of query), and the command line."""
import json
import sys
import time


def percentile(sorted_ms, p):
    """The value at fraction p of a sorted list (index floor(n*p), as in qanun-bench)."""
    return sorted_ms[min(len(sorted_ms) - 1, int(len(sorted_ms) * p))]


def summary(engine, runs, warmup):
    """runs: (kind, milliseconds, hits) for each timed query, in order."""
    def stats(rows):
        ms = sorted(r[1] for r in rows)
        return {"queries": len(rows), "answered": sum(r[2] > 0 for r in rows),
                "median_ms": percentile(ms, 0.5), "p99_ms": percentile(ms, 0.99)}

    kinds = sorted({r[0] for r in runs})
    return {"engine": engine, **stats(runs), "warmup": warmup,
            "by_kind": {k: stats([r for r in runs if r[0] == k]) for k in kinds}}


def time_queries(engine, items, run, warmup):
    """Runs `warmup` items (cycling the list) untimed, then times each item once and prints the
    summary. items: (kind, *args) with run(*args) -> number of hits."""
    for i in range(warmup):
        run(*items[i % len(items)][1:])
    runs = []
    for kind, *args in items:
        t0 = time.perf_counter()
        hits = run(*args)
        runs.append((kind, (time.perf_counter() - t0) * 1000, hits))
    print(json.dumps(summary(engine, runs, warmup)))


def main(index, query, version, usage):
    """`index UNITS DIR`, `query DIR QUERIES [--warmup N]` (default 15,000), `version`."""
    args = sys.argv[1:]
    if len(args) >= 3 and args[0] == "index":
        index(args[1], args[2])
    elif len(args) >= 3 and args[0] == "query":
        query(args[1], args[2], int(args[4]) if args[3:4] == ["--warmup"] else 15000)
    elif args == ["version"]:
        print(version())
    else:
        sys.exit(usage)
