#!/usr/bin/python3
"""Xapian 1.4 peer for the Qanun benchmark (needs Debian's python3-xapian: run with /usr/bin/python3).

  xapian_bench.py index UNITS.jsonl DIR            -> {"engine", "docs", "input_bytes", "seconds", "index_bytes", "notes"}
  xapian_bench.py query DIR QUERIES.json [--warmup N] -> {"engine", "queries", "answered", "median_ms", "p99_ms", "warmup"}

Each language has its own term prefix (XAZ, XRU, XEN), so a query only sees its language. The
heading and the body are indexed under that prefix (the heading first, then a position gap): in
Xapian a field is a term prefix, and searching heading and body as one text is its usual way.
TermGenerator with the language's Snowball stemmer (turkish for az, russian, english) and
STEM_SOME: every word is indexed unstemmed with positions and stemmed ("Z" terms) without. The
QueryParser uses the same stemmer and strategy, AND as default operator, phrases and wildcards.
Timings are taken in process (interpreter start-up excluded); the BM25 top 10 is fetched as an MSet.
"""
import json
import os
import time

import xapian

from timing import main, time_queries

STEMMERS = {"az": "turkish", "ru": "russian", "en": "english"}
PREFIXES = {lang: "X" + lang.upper() for lang in STEMMERS}


def dir_bytes(path):
    """Total size of the files under path."""
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)


def index(units, path):
    t0 = time.perf_counter()
    db = xapian.WritableDatabase(path, xapian.DB_CREATE_OR_OVERWRITE)
    generators = {}
    for lang, stemmer in STEMMERS.items():
        tg = xapian.TermGenerator()
        tg.set_stemmer(xapian.Stem(stemmer))
        tg.set_stemming_strategy(xapian.TermGenerator.STEM_SOME)
        generators[lang] = tg
    docs = size = 0
    with open(units, encoding="utf-8") as f:
        for line in f:
            u = json.loads(line)
            tg, prefix = generators[u["lang"]], PREFIXES[u["lang"]]
            doc = xapian.Document()
            tg.set_document(doc)
            tg.index_text(u["heading"], 1, prefix)
            tg.increase_termpos()
            tg.index_text(u["body"], 1, prefix)
            doc.set_data(u["id"])
            db.add_document(doc)
            docs += 1
            size += len(u["heading"].encode()) + len(u["body"].encode())
    db.commit()
    db.close()
    seconds = time.perf_counter() - t0
    print(json.dumps({"engine": "xapian", "docs": docs, "input_bytes": size, "seconds": seconds,
                      "index_bytes": dir_bytes(path),
                      "notes": f"Xapian {xapian.version_string()}; Snowball turkish (az), russian, english; "
                               "STEM_SOME (unstemmed with positions + stemmed); heading+body under one "
                               "prefix per language; default lower-casing (I -> i, not ı); one commit "
                               "(Xapian flushes its own batches every 10,000 documents)"}))


def query_text(q):
    """The query string for one query of the set, in Xapian's QueryParser syntax."""
    if q["kind"] == "phrase":
        return '"' + " ".join(q["terms"]) + '"'
    return " ".join(q["terms"])  # term, and (default operator AND), prefix ("word*")


def query(path, queries_file, warmup):
    with open(queries_file, encoding="utf-8") as f:
        queries = json.load(f)
    db = xapian.Database(path)
    enquire = xapian.Enquire(db)  # BM25Weight is the default
    parsers = {}
    for lang, stemmer in STEMMERS.items():
        qp = xapian.QueryParser()
        qp.set_database(db)  # needed to expand wildcards
        qp.set_stemmer(xapian.Stem(stemmer))
        qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
        qp.set_default_op(xapian.Query.OP_AND)
        qp.add_prefix("", PREFIXES[lang])  # unprefixed words search this language's terms
        parsers[lang] = qp
    flags = xapian.QueryParser.FLAG_DEFAULT | xapian.QueryParser.FLAG_WILDCARD
    work = [(q["kind"], parsers[q["lang"]], query_text(q)) for q in queries]

    def run(qp, text):
        enquire.set_query(qp.parse_query(text, flags))
        return enquire.get_mset(0, 10).size()

    time_queries("xapian", work, run, warmup)


if __name__ == "__main__":
    main(index, query, xapian.version_string, __doc__)
