#!/usr/bin/env python3
"""Article units for the benchmark, from Qanun's own parser (its JSON export).

Reads a folder of `qanun export --format json` files (one per act) and writes JSON lines, one
per article: {"id", "lang", "heading", "body"}. `id` is source + "#" + eid; `heading` is the
article number and heading; `body` is the article's parts, each "label text" (or just the text
when it has no label), joined by newlines. `--scale K` writes the whole corpus K times, ids of
copy k suffixed "~k", so every engine indexes the same K-fold corpus.

Usage: make_units.py EXPORT_DIR OUT.jsonl [--scale K]
"""
import argparse
import json
import pathlib


def units(export_dir):
    """Yields one unit per article of every act in export_dir, in file-name order."""
    for path in sorted(pathlib.Path(export_dir).glob("*.json")):
        act = json.loads(path.read_text(encoding="utf-8"))
        for art in act["articles"]:
            parts = [(p["label"] + " " + p["text"]) if p.get("label") else p["text"] for p in art["parts"]]
            heading = " ".join(x for x in (art.get("number"), art.get("heading")) if x)
            yield {"id": act["source"] + "#" + art["eid"], "lang": act["language"],
                   "heading": heading, "body": "\n".join(parts)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("export_dir")
    ap.add_argument("out")
    ap.add_argument("--scale", type=int, default=1)
    a = ap.parse_args()
    base = list(units(a.export_dir))
    with open(a.out, "w", encoding="utf-8") as out:
        for k in range(1, a.scale + 1):
            for u in base:
                row = dict(u, id=u["id"] + "~" + str(k)) if a.scale > 1 else u
                out.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
