/*
 * qanun_rank(fts_table, groups, w_col0, w_col1, ...): BM25 where synonyms count once.
 *
 * A search word becomes `"exact" OR stem`, and a term-base concept becomes every term of the
 * concept in every language; FTS5's bm25() adds up every phrase that matches, so an article that
 * happens to use three synonyms outranks the one article that states the concept once. `groups`
 * lists, for each phrase of the MATCH expression in order, the group it belongs to ("0 0 1 1 1");
 * the score is the sum over groups of the best phrase of the group, each phrase scored by BM25F
 * (k1 = 1.2, b = 0.75 per column, column weights, per-phrase IDF as FTS5's bm25). Returns the
 * negated score, like bm25(), so ORDER BY ascending puts the best first.
 */
#include "qanun_analysis.h"

#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

enum { MAXCOL = 8 };
typedef struct {
    int nPhrase;
    int nCol;
    double avgdl;
    double avgcol[MAXCOL];
    double *idf;
    int *group;
    int nGroup;
} RankData;

static int count_rows(const Fts5ExtensionApi *api, Fts5Context *fts, void *ctx) {
    (void)api; (void)fts;
    (*(sqlite3_int64 *)ctx)++;
    return SQLITE_OK;
}

static void rank_free(void *p) {
    RankData *d = p;
    if (!d) return;
    free(d->idf);
    free(d->group);
    free(d);
}

static RankData *rank_data(const Fts5ExtensionApi *api, Fts5Context *fts, const char *groups, int *rc) {
    RankData *d = api->xGetAuxdata(fts, 0);
    if (d) return d;
    d = calloc(1, sizeof *d);
    if (!d) { *rc = SQLITE_NOMEM; return NULL; }
    d->nPhrase = api->xPhraseCount(fts);
    d->idf = calloc((size_t)d->nPhrase + 1, sizeof(double));
    d->group = calloc((size_t)d->nPhrase + 1, sizeof(int));
    if (!d->idf || !d->group) { rank_free(d); *rc = SQLITE_NOMEM; return NULL; }
    /* groups: one integer per phrase; missing entries get groups of their own */
    const char *p = groups ? groups : "";
    int maxg = -1;
    for (int i = 0; i < d->nPhrase; i++) {
        while (*p == ' ' || *p == ',') p++;
        if (*p >= '0' && *p <= '9') {
            d->group[i] = (int)strtol(p, (char **)&p, 10);
        } else {
            d->group[i] = -1;
        }
    }
    for (int i = 0; i < d->nPhrase; i++) if (d->group[i] > maxg) maxg = d->group[i];
    for (int i = 0; i < d->nPhrase; i++) if (d->group[i] < 0) d->group[i] = ++maxg;
    d->nGroup = maxg + 1;
    sqlite3_int64 nRow = 0, nTok = 0;
    *rc = api->xRowCount(fts, &nRow);
    if (*rc == SQLITE_OK) *rc = api->xColumnTotalSize(fts, -1, &nTok);
    d->avgdl = nRow > 0 ? (double)nTok / (double)nRow : 1.0;
    d->nCol = api->xColumnCount(fts);
    if (d->nCol > MAXCOL) d->nCol = MAXCOL;
    for (int c = 0; *rc == SQLITE_OK && c < d->nCol; c++) {
        sqlite3_int64 t = 0;
        *rc = api->xColumnTotalSize(fts, c, &t);
        d->avgcol[c] = nRow > 0 && t > 0 ? (double)t / (double)nRow : 1.0;
    }
    for (int i = 0; *rc == SQLITE_OK && i < d->nPhrase; i++) {
        sqlite3_int64 nHit = 0;
        *rc = api->xQueryPhrase(fts, i, &nHit, count_rows);
        double idf = log((nRow - nHit + 0.5) / (nHit + 0.5));
        if (idf <= 0.0) idf = 1e-6;
        d->idf[i] = idf;
    }
    if (*rc == SQLITE_OK) *rc = api->xSetAuxdata(fts, d, rank_free);
    if (*rc != SQLITE_OK) { rank_free(d); return NULL; }
    return d;
}

static void qanun_rank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nVal,
                       sqlite3_value **apVal) {
    const double k1 = 1.2, b = 0.75;
    int rc = SQLITE_OK;
    const char *groups = nVal > 0 ? (const char *)sqlite3_value_text(apVal[0]) : NULL;
    RankData *d = rank_data(api, fts, groups, &rc);
    if (!d) { sqlite3_result_error_code(ctx, rc); return; }
    double *freq = calloc((size_t)d->nPhrase + (size_t)d->nGroup + 1, sizeof(double));
    if (!freq) { sqlite3_result_error_nomem(ctx); return; }
    double *best = freq + d->nPhrase;
    /* BM25F: each column's term frequency is normalised by that column's length before the
     * columns are weighted and added, so a short heading that names the concept counts for
     * more than a long body that mentions it in passing. */
    int nInst = 0;
    double norm[MAXCOL];
    for (int c = 0; c < d->nCol; c++) {
        int n = 0;
        if (rc == SQLITE_OK) rc = api->xColumnSize(fts, c, &n);
        norm[c] = 1 - b + b * (double)n / d->avgcol[c];
    }
    if (rc == SQLITE_OK) rc = api->xInstCount(fts, &nInst);
    for (int i = 0; rc == SQLITE_OK && i < nInst; i++) {
        int ip, ic, io;
        rc = api->xInst(fts, i, &ip, &ic, &io);
        if (rc == SQLITE_OK && ip >= 0 && ip < d->nPhrase && ic >= 0 && ic < d->nCol) {
            double w = (nVal > ic + 1) ? sqlite3_value_double(apVal[ic + 1]) : 1.0;
            freq[ip] += w / norm[ic];
        }
    }
    for (int i = 0; rc == SQLITE_OK && i < d->nPhrase; i++) {
        if (freq[i] <= 0) continue;
        double s = d->idf[i] * (freq[i] * (k1 + 1.0)) / (freq[i] + k1);
        int g = d->group[i];
        if (s > best[g]) best[g] = s;
    }
    double score = 0;
    for (int g = 0; g < d->nGroup; g++) score += best[g];
    free(freq);
    if (rc != SQLITE_OK) sqlite3_result_error_code(ctx, rc);
    else sqlite3_result_double(ctx, -score);
}

int qn_register_rank_function(void *api_ptr) {
    fts5_api *api = api_ptr;
    return api->xCreateFunction(api, "qanun_rank", NULL, qanun_rank, NULL);
}
