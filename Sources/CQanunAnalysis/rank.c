/*
 * qanun_rank(fts_table, groups, w_col0, w_col1, ..., [definition_boost]): BM25 where synonyms
 * count once.
 *
 * A search word becomes `"exact" OR stem`, and a term-base concept becomes every term of the
 * concept in every language; FTS5's bm25() adds up every phrase that matches, so an article that
 * happens to use three synonyms outranks the one article that states the concept once. `groups`
 * lists, for each phrase of the MATCH expression in order, the group it belongs to ("0 0 1 1 1");
 * the score is the sum over groups of the best phrase of the group, each phrase scored by BM25F
 * (k1 = 1.2, b = 0.75 per column, column weights, per-phrase IDF as FTS5's bm25). An article the
 * `articles` table marks `definitional` has its score multiplied by `definition_boost` (default 1).
 * Returns the negated score, like bm25(), so ORDER BY ascending puts the best first.
 *
 * Speed: this runs for every article a query matches (FTS5 has no top-k pruning), so the per-row
 * work is kept small. Column lengths and the definitional flag come from a per-connection table
 * loaded from `article_fts_docsize` and `articles` (instead of one B-tree lookup per row through
 * xColumnSize and a join), reloaded whenever the database changed (SQLITE_FCNTL_DATA_VERSION and
 * the connection's change count); term frequencies come from each phrase's own instances
 * (xPhraseFirst/Next) rather than the merged instance list (xInst).
 */
#include "qanun_analysis.h"
#include "ranking.h"

#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

enum { MAXCOL = QN_MAXCOL, STACK_PHRASES = 64 };

/* ---------------------------------------------------------------- per-connection row facts */

typedef QnRowFacts RowFacts;

static void df_clear(RowFacts *f) {
    for (int i = 0; i < f->dfcap; i++) free(f->df[i].key);
    free(f->df);
    f->df = NULL; f->dfcap = 0; f->dfcount = 0;
}

static void facts_reset(RowFacts *f) {
    free(f->len); free(f->def); free(f->lang); free(f->seg); free(f->idx); free(f->idxTerms);
    f->len = NULL; f->def = NULL; f->lang = NULL; f->seg = NULL; f->nseg = -1; f->n = 0; f->valid = 0;
    f->idx = NULL; f->idxTerms = NULL; f->nidx = 0;
    df_clear(f);
}

static unsigned long long df_hash(const char *k, int n) {
    unsigned long long h = 1469598103934665603ull;
    for (int i = 0; i < n; i++) { h ^= (unsigned char)k[i]; h *= 1099511628211ull; }
    return h;
}

/* The slot of `key` (empty if absent), or NULL when there is no table. */
static struct DfEntry *df_slot(RowFacts *f, const char *key, int n) {
    if (!f->df) return NULL;
    for (unsigned long long i = df_hash(key, n) & (unsigned)(f->dfcap - 1);; i = (i + 1) & (unsigned)(f->dfcap - 1)) {
        struct DfEntry *e = &f->df[i];
        if (!e->key || (e->klen == n && memcmp(e->key, key, (size_t)n) == 0)) return e;
    }
}

static void df_put(RowFacts *f, const char *key, int n, sqlite3_int64 hits) {
    if (!f->df || f->dfcount * 2 >= f->dfcap) {
        if (f->dfcap >= 1 << 16) df_clear(f); /* a bound on memory: start again */
        if (!f->df) {
            f->df = calloc(1024, sizeof *f->df);
            if (!f->df) return;
            f->dfcap = 1024;
        } else {
            struct DfEntry *old = f->df;
            int oldcap = f->dfcap;
            f->df = calloc((size_t)oldcap * 2, sizeof *f->df);
            if (!f->df) { f->df = old; return; }
            f->dfcap = oldcap * 2;
            for (int i = 0; i < oldcap; i++) if (old[i].key) *df_slot(f, old[i].key, old[i].klen) = old[i];
            free(old);
        }
    }
    struct DfEntry *e = df_slot(f, key, n);
    if (e->key) { e->hits = hits; return; }
    e->key = malloc((size_t)n);
    if (!e->key) return;
    memcpy(e->key, key, (size_t)n);
    e->klen = n; e->hits = hits;
    f->dfcount++;
}

static int get_varint32(const unsigned char *p, int n, int *out) {
    unsigned int v = 0;
    for (int i = 0; i < n && i < 5; i++) {
        v = (v << 7) | (p[i] & 0x7F);
        if (!(p[i] & 0x80)) { *out = (int)v; return i + 1; }
    }
    return 0;
}

/* The bit of a language code in a language mask (az 1, ru 2, en 4), 0 for anything else. */
static int qn_lang_bit(const char *code) {
    if (!code) return 0;
    if (strcmp(code, "az") == 0) return 1;
    if (strcmp(code, "ru") == 0) return 2;
    if (strcmp(code, "en") == 0) return 4;
    return 0;
}

/* Loads (or keeps) the row facts; returns 1 when they can be used. */
int qn_facts_load(RowFacts *f, int ncol) {
    unsigned int version = 0;
    if (sqlite3_file_control(f->db, "main", SQLITE_FCNTL_DATA_VERSION, &version) != SQLITE_OK) return 0;
    sqlite3_int64 changes = sqlite3_total_changes64(f->db);
    /* Inside a write transaction the connection sees its own uncommitted rows, and a ROLLBACK
     * changes neither the data version nor the change count: what is loaded there is used for
     * this query only (phrase frequencies are not remembered) and loaded again next time. */
    int writing = sqlite3_txn_state(f->db, "main") == SQLITE_TXN_WRITE;
    if (f->valid && !f->tentative && !writing && f->version == version && f->changes == changes && f->ncol == ncol)
        return 1;
    facts_reset(f);
    sqlite3_stmt *st = NULL;
    sqlite3_int64 maxid = -1;
    if (sqlite3_prepare_v2(f->db, "SELECT max(id) FROM article_fts_docsize", -1, &st, NULL) != SQLITE_OK) return 0;
    if (sqlite3_step(st) == SQLITE_ROW) maxid = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (maxid < 0 || maxid > (sqlite3_int64)1 << 26) { maxid = -1; }
    f->n = maxid + 1;
    f->ncol = ncol;
    if (f->n > 0) {
        f->len = malloc((size_t)f->n * (size_t)ncol * sizeof(int));
        f->def = calloc((size_t)f->n, 1);
        f->lang = calloc((size_t)f->n, 1);
        if (!f->len || !f->def || !f->lang) { facts_reset(f); return 0; }
        memset(f->len, 0xFF, (size_t)f->n * (size_t)ncol * sizeof(int));
        if (sqlite3_prepare_v2(f->db, "SELECT id, sz FROM article_fts_docsize", -1, &st, NULL) != SQLITE_OK) {
            facts_reset(f); return 0;
        }
        while (sqlite3_step(st) == SQLITE_ROW) {
            sqlite3_int64 id = sqlite3_column_int64(st, 0);
            const unsigned char *sz = sqlite3_column_blob(st, 1);
            int nb = sqlite3_column_bytes(st, 1), off = 0;
            if (id < 0 || id >= f->n || !sz) continue;
            for (int c = 0; c < ncol && off < nb; c++) {
                int v = 0, k = get_varint32(sz + off, nb - off, &v);
                if (!k) break;
                f->len[id * ncol + c] = v;
                off += k;
            }
        }
        sqlite3_finalize(st);
        if (sqlite3_prepare_v2(f->db, "SELECT id, definitional, lang FROM articles", -1, &st, NULL) == SQLITE_OK) {
            while (sqlite3_step(st) == SQLITE_ROW) {
                sqlite3_int64 id = sqlite3_column_int64(st, 0);
                if (id < 0 || id >= f->n) continue;
                f->def[id] = sqlite3_column_int(st, 1) != 0;
                f->lang[id] = (unsigned char)qn_lang_bit((const char *)sqlite3_column_text(st, 2));
            }
        }
        sqlite3_finalize(st);
    }
    f->version = version;
    f->changes = changes;
    f->valid = 1;
    f->tentative = writing;
    return 1;
}

/* ---------------------------------------------------------------- per-query data */

typedef struct {
    int nPhrase;
    int nCol;
    double avgcol[MAXCOL];
    double weight[MAXCOL];
    double boost;
    double *idf;
    int *group;
    int nGroup;
    int useFacts;
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

static RankData *rank_data(const Fts5ExtensionApi *api, Fts5Context *fts, RowFacts *facts, int nVal,
                           sqlite3_value **apVal, int *rc) {
    RankData *d = api->xGetAuxdata(fts, 0);
    if (d) return d;
    d = calloc(1, sizeof *d);
    if (!d) { *rc = SQLITE_NOMEM; return NULL; }
    d->nPhrase = api->xPhraseCount(fts);
    d->idf = calloc((size_t)d->nPhrase + 1, sizeof(double));
    d->group = calloc((size_t)d->nPhrase + 1, sizeof(int));
    if (!d->idf || !d->group) { rank_free(d); *rc = SQLITE_NOMEM; return NULL; }
    /* groups: one integer per phrase; missing entries get groups of their own. Optionally
     * followed by \x1f and each phrase as the query wrote it, separated by \x1e: the key under
     * which its number of matching articles is remembered until the database changes. */
    const char *groups = nVal > 0 ? (const char *)sqlite3_value_text(apVal[0]) : NULL;
    const char *p = groups ? groups : "";
    const char *keys = strchr(p, 0x1f);
    d->nGroup = qn_parse_groups(p, d->nPhrase, d->group);
    d->nCol = api->xColumnCount(fts);
    if (d->nCol > MAXCOL) d->nCol = MAXCOL;
    for (int c = 0; c < d->nCol; c++) d->weight[c] = (nVal > c + 1) ? sqlite3_value_double(apVal[c + 1]) : 1.0;
    d->boost = (nVal > d->nCol + 1) ? sqlite3_value_double(apVal[d->nCol + 1]) : 1.0;
    d->useFacts = facts && qn_facts_load(facts, d->nCol);
    sqlite3_int64 nRow = 0;
    *rc = api->xRowCount(fts, &nRow);
    for (int c = 0; *rc == SQLITE_OK && c < d->nCol; c++) {
        sqlite3_int64 t = 0;
        *rc = api->xColumnTotalSize(fts, c, &t);
        d->avgcol[c] = nRow > 0 && t > 0 ? (double)t / (double)nRow : 1.0;
    }
    const char *key = keys ? keys + 1 : NULL;
    if (key) {
        /* one key per phrase, or none used: a misaligned list must not file one phrase's count
         * under another's key */
        int n = 1;
        for (const char *q = key; *q; q++) if (*q == 0x1e) n++;
        if (n != d->nPhrase) key = NULL;
    }
    int remember = d->useFacts && !facts->tentative;
    for (int i = 0; *rc == SQLITE_OK && i < d->nPhrase; i++) {
        sqlite3_int64 nHit = 0;
        int klen = 0;
        const char *next = NULL;  /* the key after this phrase's */
        if (key) {
            const char *e = strchr(key, 0x1e);
            klen = e ? (int)(e - key) : (int)strlen(key);
            next = e ? e + 1 : NULL;
        }
        struct DfEntry *known = (key && remember) ? df_slot(facts, key, klen) : NULL;
        if (known && known->key) {
            nHit = known->hits;
        } else {
            *rc = api->xQueryPhrase(fts, i, &nHit, count_rows);
            if (*rc == SQLITE_OK && key && remember) df_put(facts, key, klen, nHit);
        }
        key = next;
        d->idf[i] = qn_bm25_idf((double)nRow, (double)nHit);
    }
    if (*rc == SQLITE_OK) *rc = api->xSetAuxdata(fts, d, rank_free);
    if (*rc != SQLITE_OK) { rank_free(d); return NULL; }
    return d;
}

static void qanun_rank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nVal,
                       sqlite3_value **apVal) {
    int rc = SQLITE_OK;
    RowFacts *facts = api->xUserData(fts);
    RankData *d = rank_data(api, fts, facts, nVal, apVal, &rc);
    if (!d) { sqlite3_result_error_code(ctx, rc); return; }
    double stack_best[STACK_PHRASES];
    double *best = d->nGroup <= STACK_PHRASES ? stack_best : calloc((size_t)d->nGroup, sizeof(double));
    if (!best) { sqlite3_result_error_nomem(ctx); return; }
    memset(best, 0, (size_t)d->nGroup * sizeof(double));
    /* BM25F: each column's term frequency is normalised by that column's length before the
     * columns are weighted and added, so a short heading that names the concept counts for
     * more than a long body that mentions it in passing. */
    sqlite3_int64 rowid = api->xRowid(fts);
    const int *len = NULL;
    int definitional = 0;
    if (d->useFacts && rowid >= 0 && rowid < facts->n && facts->len[rowid * facts->ncol] >= 0) {
        len = facts->len + rowid * facts->ncol;
        definitional = facts->def[rowid];
    }
    double scale[MAXCOL];
    for (int c = 0; c < d->nCol; c++) {
        int n = 0;
        if (len) n = len[c];
        else if (rc == SQLITE_OK) rc = api->xColumnSize(fts, c, &n);
        scale[c] = qn_bm25_scale(d->weight[c], (double)n, d->avgcol[c]);
    }
    for (int i = 0; rc == SQLITE_OK && i < d->nPhrase; i++) {
        Fts5PhraseIter it;
        int ic = -1, io = 0;
        double freq = 0;
        rc = api->xPhraseFirst(fts, i, &it, &ic, &io);
        while (rc == SQLITE_OK && ic >= 0) {
            if (ic < d->nCol) freq += scale[ic];
            api->xPhraseNext(fts, &it, &ic, &io);
        }
        if (freq <= 0) continue;
        double s = qn_bm25_term(d->idf[i], freq);
        int g = d->group[i];
        if (s > best[g]) best[g] = s;
    }
    double score = 0;
    for (int g = 0; g < d->nGroup; g++) score += best[g];
    if (best != stack_best) free(best);
    if (!len && d->boost != 1.0) {
        /* facts not loaded: read the flag the slow way */
        sqlite3_stmt *st = NULL;
        if (facts && sqlite3_prepare_v2(facts->db, "SELECT definitional FROM articles WHERE id = ?", -1, &st, NULL) == SQLITE_OK) {
            sqlite3_bind_int64(st, 1, rowid);
            if (sqlite3_step(st) == SQLITE_ROW) definitional = sqlite3_column_int(st, 0) != 0;
        }
        sqlite3_finalize(st);
    }
    if (definitional) score *= d->boost;
    if (rc != SQLITE_OK) sqlite3_result_error_code(ctx, rc);
    else sqlite3_result_double(ctx, -score);
}

static void facts_free(void *p) {
    RowFacts *f = p;
    if (!f) return;
    facts_reset(f);
    qn_reader_free(f->reader);
    free(f);
}

int qn_parse_groups(const char *groups, int nPhrase, int *group) {
    const char *p = groups ? groups : "";
    int maxg = -1;
    for (int i = 0; i < nPhrase; i++) {
        while (*p == ' ' || *p == ',') p++;
        group[i] = (*p >= '0' && *p <= '9') ? (int)strtol(p, (char **)&p, 10) : -1;
    }
    for (int i = 0; i < nPhrase; i++) if (group[i] > maxg) maxg = group[i];
    for (int i = 0; i < nPhrase; i++) if (group[i] < 0) group[i] = ++maxg;
    return maxg + 1;
}

int qn_register_search_function(void *db, void *facts); /* topk.c */

int qn_register_rank_function(void *api_ptr, void *db) {
    fts5_api *api = api_ptr;
    RowFacts *facts = calloc(1, sizeof *facts);
    if (!facts) return SQLITE_NOMEM;
    facts->db = db;
    int rc = api->xCreateFunction(api, "qanun_rank", facts, qanun_rank, facts_free);
    if (rc != SQLITE_OK) { facts_free(facts); return rc; }
    /* shares the row facts; qanun_rank's registration owns (and frees) them */
    return qn_register_search_function(db, facts);
}
