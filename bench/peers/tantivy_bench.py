#!/usr/bin/env python3
"""Tantivy 0.27 peer for the Qanun benchmark (PyPI `tantivy`; run with bench/.venv/bin/python).

  tantivy_bench.py index UNITS.jsonl DIR            -> {"engine", "docs", "input_bytes", "seconds", "index_bytes", "notes"}
  tantivy_bench.py query DIR QUERIES.json [--warmup N] -> {"engine", "queries", "answered", "median_ms", "p99_ms", "warmup"}

Fields per language, heading_LANG and body_LANG, with positions: az uses the `default` tokenizer
(split on non-alphanumerics, drop tokens over 40 bytes, Unicode lower-casing: no Turkish I/ı, and
İ becomes i + U+0307), ru `ru_stem` (the same plus the Snowball Russian stemmer), en `en_stem`.
A query searches both fields of its language, parsed by Tantivy's query parser with AND as the
default (term, and, phrase); Tantivy's parser has no word-prefix syntax, so a prefix query is a
regex query `prefix.*` on both fields (all matching terms, constant score). Searches take the
BM25 top 10 with count=False, which keeps Tantivy's block-max pruning. Indexing: one thread,
128 MB writer heap, one commit, then waits for the merges it started. Timings in process.
"""
import importlib.metadata
import json
import os
import time

import tantivy

from timing import main, time_queries

TOKENIZERS = {"az": "default", "ru": "ru_stem", "en": "en_stem"}
VERSION = importlib.metadata.version("tantivy")


def schema():
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw", index_option="basic")
    for lang, tokenizer in TOKENIZERS.items():
        sb.add_text_field("heading_" + lang, tokenizer_name=tokenizer)
        sb.add_text_field("body_" + lang, tokenizer_name=tokenizer)
    return sb.build()


def dir_bytes(path):
    """Total size of the files under path."""
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)


def index(units, path):
    t0 = time.perf_counter()
    os.makedirs(path, exist_ok=True)
    ix = tantivy.Index(schema(), path=path, reuse=False)
    writer = ix.writer(128_000_000, 1)
    docs = size = 0
    with open(units, encoding="utf-8") as f:
        for line in f:
            u = json.loads(line)
            lang = u["lang"]
            writer.add_document(tantivy.Document(**{"id": u["id"], "heading_" + lang: u["heading"],
                                                    "body_" + lang: u["body"]}))
            docs += 1
            size += len(u["heading"].encode()) + len(u["body"].encode())
    writer.commit()
    writer.wait_merging_threads()
    seconds = time.perf_counter() - t0
    ix.reload()
    segments = ix.searcher().num_segments
    print(json.dumps({"engine": "tantivy", "docs": docs, "input_bytes": size, "seconds": seconds,
                      "index_bytes": dir_bytes(path),
                      "notes": f"Tantivy {VERSION} (Python); az default tokenizer (no Turkish casing, "
                               "no stemming), ru ru_stem, en en_stem; fields heading_LANG/body_LANG; id "
                               f"stored; 1 writer thread, 128 MB heap, one commit, merges awaited: "
                               f"{segments} segment(s)"}))


def build_query(ix, sch, q):
    """The Tantivy query for one query of the set."""
    fields = ["heading_" + q["lang"], "body_" + q["lang"]]
    if q["kind"] == "prefix":
        pattern = q["terms"][0].rstrip("*") + ".*"
        return tantivy.Query.boolean_query(
            [(tantivy.Occur.Should, tantivy.Query.regex_query(sch, f, pattern)) for f in fields])
    text = " ".join(q["terms"])
    if q["kind"] == "phrase":
        text = '"' + text + '"'
    return ix.parse_query(text, fields, conjunction_by_default=True)


def query(path, queries_file, warmup):
    with open(queries_file, encoding="utf-8") as f:
        queries = json.load(f)
    ix = tantivy.Index.open(path)
    sch = ix.schema
    searcher = ix.searcher()

    def run(q):
        return len(searcher.search(build_query(ix, sch, q), 10, count=False).hits)

    time_queries("tantivy", [(q["kind"], q) for q in queries], run, warmup)


if __name__ == "__main__":
    main(index, query, lambda: VERSION, __doc__)
