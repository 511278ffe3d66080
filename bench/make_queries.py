#!/usr/bin/env python3
"""A seeded query set drawn from each language's own vocabulary of the article units.

Words are taken simply: lower-cased (Turkish-style for az, so I -> ı and İ -> i), runs of
letters only, at least 3 letters. Each language's words are ranked by frequency and the queries
draw their words from ranks 50-5,000 (fewer when the vocabulary is smaller), so they are neither
only stop-words nor only hapaxes. Four kinds in equal shares:
  term    one word
  and     two words that occur in the same unit (the second from a unit holding the first)
  phrase  two words that stand next to each other (only spaces between) somewhere in a unit
  prefix  the first 4-6 letters of a word followed by "*", e.g. ["mülki*"] -> matches mülkiyyət
Each language gets queries in proportion to its text size, but at least 15% of them.

Usage: make_queries.py [--seed 42] [--n 500] UNITS.jsonl > queries.json
Output: [{"kind": "term|and|phrase|prefix", "lang": "az", "terms": ["..."]}, ...]
"""
import argparse
import collections
import json
import random
import re
import sys

WORD = re.compile(r"[^\W\d_]+")
KINDS = ("term", "and", "phrase", "prefix")
RANKS = (50, 5000)
MIN_SHARE = 0.15


def lower(text, lang):
    """Lower-cases text; Turkish dotted/dotless I for Azerbaijani."""
    if lang == "az":
        text = text.replace("İ", "i").replace("I", "ı")
    return text.lower()


def words(text, lang):
    """(word, start, end) for each word of text."""
    return [(m.group(), m.start(), m.end()) for m in WORD.finditer(lower(text, lang))]


class Language:
    """One language's units as word lists, its ranked vocabulary and the units each word is in."""

    def __init__(self, texts, lang):
        self.units = []        # per unit: list of (word, followed_by_word_after_spaces_only)
        counts = collections.Counter()
        for text in texts:
            ws = words(text, lang)
            low = lower(text, lang)
            row = []
            for i, (w, _, end) in enumerate(ws):
                nxt = ws[i + 1] if i + 1 < len(ws) else None
                adjacent = nxt is not None and low[end:nxt[1]].strip(" ") == ""
                row.append((w, adjacent))
                counts[w] += 1
            self.units.append(row)
        ranked = [w for w, _ in counts.most_common() if len(w) >= 3]
        lo, hi = RANKS
        if len(ranked) < hi:  # small vocabulary: keep the same relative band
            lo, hi = len(ranked) * lo // hi, len(ranked)
        self.pool = ranked[lo:hi]
        pool = set(self.pool)
        self.where = collections.defaultdict(list)
        for n, row in enumerate(self.units):
            for w in {w for w, _ in row if w in pool}:
                self.where[w].append(n)

    def query(self, kind, rng):
        """One query of the given kind, or None when the draw found nothing suitable."""
        w = rng.choice(self.pool)
        if kind == "term":
            return [w]
        if kind == "prefix":
            k = rng.randint(4, 6)
            return [w[:k] + "*"] if len(w) > k else None
        row = self.units[rng.choice(self.where[w])]
        if kind == "and":
            others = sorted({x for x, _ in row if x != w and x in self.where})
            return [w, rng.choice(others)] if others else None
        spots = [i for i, (x, adj) in enumerate(row) if x == w and adj and len(row[i + 1][0]) >= 2]
        if not spots:
            return None
        i = rng.choice(spots)
        return [w, row[i + 1][0]]


def shares(sizes):
    """Each language's share: proportional to size, raised to MIN_SHARE, the rest rescaled."""
    fixed = {}
    while True:
        rest = {l: s for l, s in sizes.items() if l not in fixed}
        left = 1 - MIN_SHARE * len(fixed)
        total = sum(rest.values())
        low = [l for l, s in rest.items() if left * s / total < MIN_SHARE]
        if not low:
            return {**{l: MIN_SHARE for l in fixed}, **{l: left * s / total for l, s in rest.items()}}
        fixed.update(dict.fromkeys(low))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("units")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--n", type=int, default=500)
    a = ap.parse_args()
    texts = collections.defaultdict(list)
    with open(a.units, encoding="utf-8") as f:
        for line in f:
            u = json.loads(line)
            texts[u["lang"]].append(u["heading"] + "\n" + u["body"])
    sizes = {l: sum(len(t.encode()) for t in ts) for l, ts in texts.items()}
    share = shares(sizes)
    counts = {l: round(a.n * s) for l, s in sorted(share.items())}
    counts[max(counts, key=counts.get)] += a.n - sum(counts.values())
    rng = random.Random(a.seed)
    queries = []
    for lang in sorted(counts):
        language = Language(texts[lang], lang)
        for i in range(counts[lang]):
            kind = KINDS[i % len(KINDS)]
            terms = None
            while terms is None:
                terms = language.query(kind, rng)
            queries.append({"kind": kind, "lang": lang, "terms": terms})
    rng.shuffle(queries)
    json.dump(queries, sys.stdout, ensure_ascii=False, indent=0)


if __name__ == "__main__":
    main()
