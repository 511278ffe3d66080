"""The query summary every peer prints: latency median and p99 overall and per kind of query."""


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
