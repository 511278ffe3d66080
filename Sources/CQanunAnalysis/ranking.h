/*
 * Private to the C target: what rank.c, segments.c and topk.c share. Nothing here is visible
 * to Swift (the public header is include/qanun_analysis.h).
 */
#ifndef QANUN_RANKING_H
#define QANUN_RANKING_H

#include <sqlite3.h>

enum { QN_MAXCOL = 8 };

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
} QnRowFacts;

/* Loads (or keeps) the row facts; 1 when they can be used. */
int qn_facts_load(QnRowFacts *f, int ncol);

/* One phrase's matching rows in rowid order, each with its column-weighted, length-normalised
 * term frequency (the BM25F `freq` of qanun_rank). */
typedef struct {
    sqlite3_int64 *id;
    double *freq;
    int n, cap;
} QnPostList;

int qn_plist_push(QnPostList *l, sqlite3_int64 id, double freq);
void qn_plist_free(QnPostList *l);

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

/* Evaluates the program over the lists, scores the matches as qanun_rank would and sets the
 * result to the (int64 rowid, double rank) blob, best first, ties by rowid. */
void qn_topk_result(sqlite3_context *ctx, QnRowFacts *facts, const QnTopK *q, QnPostList *lists);

/* ---- segments.c: FTS5's own storage, read directly (main index, detail=full) */

typedef struct QnIndexReader QnIndexReader;

/* Opens a reader on `article_fts` for one query; NULL when the format is not one it knows or the
 * structure cannot be read (the caller then ranks through FTS5). */
QnIndexReader *qn_reader_open(QnRowFacts *facts, int *rc);
void qn_reader_close(QnIndexReader *r);


/* One phrase's matching rows in rowid order with its instances per column. */
typedef struct {
    sqlite3_int64 *id;
    int *count;               /* n * ncol */
    int ncol, n, cap;
} QnCountList;

void qn_clist_free(QnCountList *l);

/* The phrase (one position: alternative terms, each possibly a prefix) as FTS5 matches it: the
 * rows where any alternative (any term starting with a prefix alternative) occurs, with its
 * instances per column, counted once per position (colocated alternatives count once, as in
 * FTS5's synonym and prefix merges). `out->ncol` must be set. */
int qn_reader_phrase(QnIndexReader *r, const char *const *terms, const int *nterms, int nalt, int prefix,
                     QnCountList *out);

#endif
