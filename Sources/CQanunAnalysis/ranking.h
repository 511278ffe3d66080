/*
 * Private to the C target: what rank.c, segments.c and topk.c share. Nothing here is visible
 * to Swift (the public header is include/qanun_analysis.h).
 */
#ifndef QANUN_RANKING_H
#define QANUN_RANKING_H

#include <math.h>
#include <sqlite3.h>
#include <stddef.h>

enum { QN_MAXCOL = 8 };

/* BM25F as qanun_rank (rank.c) and qanun_search (topk.c) both compute it: one definition, so
 * that the two give the same scores to the last bit (k1 = 1.2, b = 0.75, IDF as FTS5's bm25). */
static inline double qn_bm25_idf(double nRow, double nHit) {
    double v = log((nRow - nHit + 0.5) / (nHit + 0.5));
    return v <= 0.0 ? 1e-6 : v;
}
/* What one instance in a column adds to a row's `freq`: the column's weight over its
 * length-normalised share. */
static inline double qn_bm25_scale(double weight, double len, double avg) {
    const double b = 0.75;
    return weight / (1 - b + b * len / avg);
}
static inline double qn_bm25_term(double idf, double freq) {
    const double k1 = 1.2;
    return idf * (freq * (k1 + 1.0)) / (freq + k1);
}

/* qanun_rank's `groups` argument: one integer per phrase (up to \x1f), a phrase without one a
 * group of its own. Fills group[0..nPhrase) and returns the number of groups. */
int qn_parse_groups(const char *groups, int nPhrase, int *group);

/* Per-connection facts about every row, loaded from article_fts_docsize and articles and reloaded
 * whenever the database changed (rank.c). */
typedef struct QnRowFacts {
    sqlite3 *db;
    int valid;
    unsigned int version;
    sqlite3_int64 changes;
    sqlite3_int64 n;          /* slots: max rowid + 1 */
    int ncol;                 /* lengths stored per row */
    int *len;                 /* n * ncol token counts, -1 where unknown */
    unsigned char *def;       /* n definitional flags */
    unsigned char *lang;      /* n language bits (az 1, ru 2, en 4; 0 unknown) */
    int tentative;            /* loaded inside a write transaction: reload next time */
    /* articles matching each phrase seen (its IDF), keyed by the phrase as the query wrote it */
    struct DfEntry { char *key; int klen; sqlite3_int64 hits; } *df;
    int dfcap, dfcount;
    /* the index's segments, newest first, as of `version` (segments.c; nseg < 0: not read yet) */
    struct QnSegment { int segid, first, last, idx0, idxN; } *seg; /* idx0/idxN: its rows of `idx` */
    int nseg;
    int formatOK;             /* the FTS5 data format is one segments.c reads (config version 4) */
    /* %_idx (segid, leading term, page) sorted as its primary key, and the averages record */
    struct QnIdxRow { int segid, pgno; int termOff, termLen; } *idx;
    int nidx;
    unsigned char *idxTerms;
    sqlite3_int64 nRow, total[QN_MAXCOL];
    struct QnIndexReader *reader;  /* segments.c's buffers, kept for the connection */
} QnRowFacts;

/* Loads (or keeps) the row facts; 1 when they can be used. */
int qn_facts_load(QnRowFacts *f, int ncol);

/* One phrase's matching rows in rowid order, with the column-weighted, length-normalised term
 * frequency (the BM25F `freq` of qanun_rank) of the rows that match the query. */
typedef struct {
    sqlite3_int64 *id;
    double *freq;
    /* per row, 1 where the phrase does not score although it occurs: an AND or NOT above it does
     * not match there (NULL: it scores in every row of the list); set by qn_topk_match */
    unsigned char *off;
    int n, cap;
} QnPostList;


/* What scoring needs besides the lists (topk.c). */
typedef struct {
    int nPhrase;
    const char *groups;       /* qanun_rank's group list */
    const char *program;      /* the MATCH expression in postfix over phrase numbers */
    int k;
    double boost;             /* definitional articles' factor */
    int langMask;             /* 0: every language */
    sqlite3_int64 nRow;       /* rows in the index (for IDF) */
} QnTopK;

typedef struct { sqlite3_int64 *id; int n; } QnIdSet;

/* The rows that match: the program evaluated over the lists' rowids (`out->id` to free). Marks
 * in each list's `off` the rows where the phrase occurs but must not score. */
int qn_topk_match(const QnTopK *q, QnPostList *lists, QnIdSet *out);

/* Scores the matching rows `m` as qanun_rank would (the lists' frequencies are needed at those
 * rows only) and sets the result to the (int64 rowid, double rank) blob, best first, ties by
 * rowid. */
void qn_topk_result(sqlite3_context *ctx, QnRowFacts *facts, const QnTopK *q, QnPostList *lists, QnIdSet m);

/* ---- segments.c: FTS5's own storage, read directly (main index, detail=full) */

typedef struct QnIndexReader QnIndexReader;

/* Opens a reader on `article_fts` for one query; NULL when the format is not one it knows or the
 * structure cannot be read (the caller then ranks through FTS5). */
QnIndexReader *qn_reader_open(QnRowFacts *facts, int *rc);
/* Ends the query (the blob handle); the buffers stay for the next one. */
void qn_reader_close(QnIndexReader *r);
/* Frees the reader (when the connection closes). */
void qn_reader_free(QnIndexReader *r);


/* One posting of one term: the row, and its position list's bytes in the reader's arena. */
typedef struct { sqlite3_int64 rowid; size_t off; int n; } QnEntry;

/* One phrase's matching rows in rowid order. Row j's postings (one for each term of the phrase
 * that occurs in it) are ent[first[j] .. first[j + 1]); its instances are counted only once the
 * row is known to match the query (qn_reader_count). */
typedef struct {
    sqlite3_int64 *id;
    int *first;               /* n + 1 entries */
    QnEntry *ent;
    int n, cap, nent, capent;
} QnRows;

void qn_rows_free(QnRows *rows);

/* The phrase (one position: alternative terms, each possibly a prefix) as FTS5 matches it: the
 * rows where any alternative (any term starting with a prefix alternative) occurs. */
int qn_reader_phrase(QnIndexReader *r, const char *const *terms, const int *nterms, int nalt, int prefix,
                     QnRows *out);

/* Instances per column of row j of `rows`, counted once per position (colocated alternatives
 * count once, as in FTS5's synonym and prefix merges). */
int qn_reader_count(QnIndexReader *r, const QnRows *rows, int j, int *count, int ncol);

/* The positions (column << 32 | offset) of row j, ascending, each once. `*out` points into the
 * reader and stays valid until its next call. */
int qn_reader_positions(QnIndexReader *r, const QnRows *rows, int j, sqlite3_int64 **out, int *n);

#endif
