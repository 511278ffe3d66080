/*
 * qanun_search(groups, program, phrases, k, w_col0, w_col1, ..., definition_boost, lang_mask):
 * the best `k` articles for a query, scored exactly as `ORDER BY qanun_rank(...)` scores them,
 * in one call that reads the postings itself (segments.c) instead of walking FTS5's matches.
 *
 * Returns a blob of (int64 rowid, double rank) pairs in this machine's byte order, best first,
 * ties by rowid (rank as qanun_rank returns it: the negated score). Returns NULL when it cannot
 * answer exactly, and the caller then ranks through FTS5: no read transaction open (call it FROM a table: `FROM article_fts_config
 * WHERE k = 'version'`), a write transaction (FTS5 keeps unflushed terms in memory), an FTS5 data
 * format other than version 4, or rows without stored lengths.
 *
 * - `groups`: qanun_rank's argument (a group number per phrase; synonyms count once).
 * - `program`: the MATCH expression in postfix over phrase numbers: `0 1 | 2 3 | &` is
 *   `(p0 OR p1) AND (p2 OR p3)`, `a b -` is `a NOT b`.
 * - `phrases`: the phrases in MATCH order, separated by \x1e, each `=text` or `*text` (prefix),
 *   the text as it stands between the quotes of the MATCH expression.
 *
 * A phrase scores in a row when it occurs in it: that is what xPhraseFirst reports to
 * qanun_rank for a matching row, whatever branch of the expression matched.
 */
#include "qanun_analysis.h"
#include "ranking.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- sets of rowids */


/* op: '|' union, '&' intersection, '-' difference; both inputs ascending. */
static QnIdSet idset_combine(QnIdSet a, QnIdSet b, char op) {
    int cap = op == '|' ? a.n + b.n : a.n;
    QnIdSet r = { malloc((size_t)(cap ? cap : 1) * sizeof(sqlite3_int64)), 0 };
    if (!r.id) return r;
    int i = 0, j = 0;
    while (i < a.n && j < b.n) {
        if (a.id[i] < b.id[j]) { if (op != '&') r.id[r.n++] = a.id[i]; i++; }
        else if (a.id[i] > b.id[j]) { if (op == '|') r.id[r.n++] = b.id[j]; j++; }
        else { if (op != '-') r.id[r.n++] = a.id[i]; i++; j++; }
    }
    if (op != '&') while (i < a.n) r.id[r.n++] = a.id[i++];
    if (op == '|') while (j < b.n) r.id[r.n++] = b.id[j++];
    return r;
}

/* ---------------------------------------------------------------- the best k */

typedef struct { sqlite3_int64 id; double rank; } Ranked;

/* worse first: higher rank (lower score), then higher rowid */
static int ranked_worse(Ranked a, Ranked b) { return a.rank > b.rank || (a.rank == b.rank && a.id > b.id); }

static void heap_down(Ranked *h, int n, int i) {
    for (;;) {
        int l = 2 * i + 1, r = l + 1, m = i;
        if (l < n && ranked_worse(h[l], h[m])) m = l;
        if (r < n && ranked_worse(h[r], h[m])) m = r;
        if (m == i) return;
        Ranked t = h[i]; h[i] = h[m]; h[m] = t; i = m;
    }
}

static int ranked_cmp(const void *x, const void *y) {
    Ranked a = *(const Ranked *)x, b = *(const Ranked *)y;
    if (a.rank != b.rank) return a.rank < b.rank ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id;
}

/* Marks the rows of phrase `l` that are not in `s` (both ascending); all of them when s is NULL. */
static int restrict_to(QnPostList *l, const QnIdSet *s) {
    if (l->n == 0) return SQLITE_OK;
    if (!l->off) {
        l->off = calloc((size_t)l->n, 1);
        if (!l->off) return SQLITE_NOMEM;
    }
    if (!s) { memset(l->off, 1, (size_t)l->n); return SQLITE_OK; }
    for (int j = 0, a = 0; j < l->n; j++) {
        while (a < s->n && s->id[a] < l->id[j]) a++;
        if (a >= s->n || s->id[a] != l->id[j]) l->off[j] = 1;
    }
    return SQLITE_OK;
}

/*
 * FTS5 reports a phrase's instances in a row only when the phrase's node sits on that row, and
 * the nodes under an AND or a NOT that does not match a row are positioned elsewhere: in `a b OR
 * c`, a row with a and c but no b scores c alone. So every AND result restricts the phrases
 * beneath it to its rows, a NOT restricts its left side to its rows, and the phrases on its
 * right never score (a row where they occur either does not match the NOT or, for a compound
 * right side, has that side positioned elsewhere). The phrases beneath an entry of the postfix
 * program are a contiguous range of phrase numbers.
 */
int qn_topk_match(const QnTopK *q, QnPostList *lists, QnIdSet *out) {
    /* a stack of sets; a phrase's own list is used in place (`owned` 0), results are owned */
    typedef struct { QnIdSet set; int owned, lo, hi; } Entry;
    int rc = SQLITE_OK, sp = 0, nPhrase = q->nPhrase;
    Entry *stack = calloc((size_t)nPhrase + 2, sizeof *stack);
    if (!stack) return SQLITE_NOMEM;
    for (const char *p = q->program ? q->program : ""; rc == SQLITE_OK && *p;) {
        if (*p == ' ') { p++; continue; }
        if (*p >= '0' && *p <= '9') {
            int i = (int)strtol(p, (char **)&p, 10);
            if (i >= nPhrase || sp > nPhrase) { rc = SQLITE_ERROR; break; }
            stack[sp++] = (Entry){ { lists[i].id, lists[i].n }, 0, i, i };
        } else if (*p == '|' || *p == '&' || *p == '-') {
            if (sp < 2) { rc = SQLITE_ERROR; break; }
            char op = *p++;
            Entry *l = &stack[sp - 2], *r = &stack[sp - 1];
            QnIdSet res = idset_combine(l->set, r->set, op);
            if (!res.id) { rc = SQLITE_NOMEM; break; }
            /* (the root's AND restricts nothing the final match set does not) */
            const char *rest = p;
            while (*rest == ' ') rest++;
            int root = *rest == 0;
            if (op == '&' && !root)
                for (int i = l->lo; rc == SQLITE_OK && i <= r->hi; i++) rc = restrict_to(&lists[i], &res);
            if (op == '-') {
                for (int i = l->lo; rc == SQLITE_OK && !root && i <= l->hi; i++) rc = restrict_to(&lists[i], &res);
                for (int i = r->lo; rc == SQLITE_OK && i <= r->hi; i++) rc = restrict_to(&lists[i], NULL);
            }
            Entry merged = { res, 1, l->lo, r->hi };
            if (l->owned) free(l->set.id);
            if (r->owned) free(r->set.id);
            sp -= 2;
            stack[sp++] = merged;
        } else {
            rc = SQLITE_ERROR;
        }
    }
    if (rc == SQLITE_OK && sp != 1) rc = SQLITE_ERROR;
    if (rc == SQLITE_OK) {
        *out = stack[0].set;
        if (!stack[0].owned) {
            /* the query is one phrase: the caller gets its own copy */
            out->id = malloc((size_t)(stack[0].set.n ? stack[0].set.n : 1) * sizeof *out->id);
            if (!out->id) rc = SQLITE_NOMEM;
            else if (stack[0].set.n) memcpy(out->id, stack[0].set.id, (size_t)stack[0].set.n * sizeof *out->id);
        }
        sp = 0;
    }
    for (int i = 0; i < sp; i++) if (stack[i].owned) free(stack[i].set.id);
    free(stack);
    return rc;
}

void qn_topk_result(sqlite3_context *ctx, QnRowFacts *facts, const QnTopK *q, QnPostList *lists, QnIdSet m) {
    int nPhrase = q->nPhrase, rc = SQLITE_OK, nGroup = 0, nOut = 0;
    int *group = calloc((size_t)nPhrase + 1, sizeof(int));
    double *idf = calloc((size_t)nPhrase + 1, sizeof(double));
    Ranked *heap = NULL;
    double *score = NULL, *best = NULL;
    if (!group || !idf) rc = SQLITE_NOMEM;
    if (rc == SQLITE_OK) {
        nGroup = qn_parse_groups(q->groups, nPhrase, group);
        /* IDF from the phrase's matching rows, as qanun_rank counts them */
        for (int i = 0; i < nPhrase; i++) idf[i] = qn_bm25_idf((double)q->nRow, (double)lists[i].n);
    }
    int k = q->k > 0 ? q->k : 0;
    if (k > m.n) k = m.n; /* (a huge --limit must not allocate for rows that do not exist) */
    if (rc == SQLITE_OK) {
        score = calloc((size_t)(m.n ? m.n : 1), sizeof(double));
        best = calloc((size_t)(m.n ? m.n : 1), sizeof(double));
        heap = malloc((size_t)(k ? k : 1) * sizeof(Ranked));
        if (!score || !best || !heap) rc = SQLITE_NOMEM;
        /* score = sum over groups of the group's best phrase (qanun_rank, in the same order) */
        for (int g = 0; rc == SQLITE_OK && g < nGroup; g++) {
            memset(best, 0, (size_t)m.n * sizeof(double));
            for (int i = 0; i < nPhrase; i++) {
                if (group[i] != g) continue;
                const QnPostList *l = &lists[i];
                for (int a = 0, j = 0; a < m.n && j < l->n;) {
                    if (m.id[a] < l->id[j]) a++;
                    else if (m.id[a] > l->id[j]) j++;
                    else {
                        double freq = l->off && l->off[j] ? 0 : l->freq[j];
                        if (freq > 0) {
                            double s = qn_bm25_term(idf[i], freq);
                            if (s > best[a]) best[a] = s;
                        }
                        a++; j++;
                    }
                }
            }
            for (int a = 0; a < m.n; a++) score[a] += best[a];
        }
        for (int a = 0; rc == SQLITE_OK && a < m.n && k > 0; a++) {
            sqlite3_int64 id = m.id[a];
            int known = id >= 0 && id < facts->n;
            if (q->langMask && !(known && (facts->lang[id] & q->langMask))) continue;
            double sc = score[a];
            if (known && facts->def[id]) sc *= q->boost;
            Ranked r = { id, -sc };
            if (nOut < k) {
                heap[nOut++] = r;
                if (nOut == k) for (int h = k / 2 - 1; h >= 0; h--) heap_down(heap, k, h);
            } else if (ranked_worse(heap[0], r)) {
                heap[0] = r;
                heap_down(heap, k, 0);
            }
        }
    }
    if (rc == SQLITE_OK) {
        qsort(heap, (size_t)nOut, sizeof(Ranked), ranked_cmp);
        sqlite3_result_blob(ctx, nOut ? (const void *)heap : "", nOut * (int)sizeof(Ranked), SQLITE_TRANSIENT);
    } else {
        sqlite3_result_error_code(ctx, rc);
    }
    free(idf); free(group); free(heap); free(score); free(best);
}

/* ---------------------------------------------------------------- qanun_search */

/* The terms of one phrase: each alternative with its position in the phrase. */
enum { MAX_ALT = 128 };
typedef struct {
    char *buf; int nbuf, capbuf;
    int off[MAX_ALT], len[MAX_ALT], at[MAX_ALT];
    int nalt, positions, overflow;
} PhraseTerms;

static int collect_term(void *ctx, int colocated, const char *t, int n, int s, int e) {
    (void)s; (void)e;
    PhraseTerms *p = ctx;
    if (!colocated || p->positions == 0) p->positions++;
    if (p->nalt == MAX_ALT) { p->overflow = 1; return 1; }
    if (p->nbuf + n > p->capbuf) {
        int cap = (p->nbuf + n) * 2 + 64;
        char *nb = realloc(p->buf, (size_t)cap);
        if (!nb) { p->overflow = 1; return 1; }
        p->buf = nb;
        p->capbuf = cap;
    }
    memcpy(p->buf + p->nbuf, t, (size_t)n);
    p->off[p->nalt] = p->nbuf;
    p->len[p->nalt] = n;
    p->at[p->nalt] = p->positions - 1;
    p->nalt++;
    p->nbuf += n;
    return 0;
}

/* The terms of position `at` of a phrase. */
static int terms_at(const PhraseTerms *pt, int at, const char **terms, int *lens) {
    int n = 0;
    for (int a = 0; a < pt->nalt; a++)
        if (pt->at[a] == at) { terms[n] = pt->buf + pt->off[a]; lens[n] = pt->len[a]; n++; }
    return n;
}

/* What turns a row's instances per column into qanun_rank's `freq`. */
typedef struct {
    const QnRowFacts *facts;
    int ncol;
    const double *weight, *avgcol;
} FreqScale;

/* Instance by instance, in position order (columns in order), as qanun_rank adds them. */
static double freq_of(const FreqScale *fs, sqlite3_int64 id, const int *count) {
    const int *len = fs->facts->len + id * fs->facts->ncol;
    double freq = 0;
    for (int c = 0; c < fs->ncol; c++) {
        double scale = qn_bm25_scale(fs->weight[c], (double)len[c], fs->avgcol[c]);
        for (int t = 0; t < count[c]; t++) freq += scale;
    }
    return freq;
}

static int known_row(const QnRowFacts *f, sqlite3_int64 id) {
    return id >= 0 && id < f->n && f->len[id * f->ncol] >= 0;
}

static int push_freq(QnPostList *l, sqlite3_int64 id, double freq) {
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 64;
        sqlite3_int64 *ni = realloc(l->id, (size_t)cap * sizeof *ni);
        if (!ni) return SQLITE_NOMEM;
        l->id = ni;
        double *nf = realloc(l->freq, (size_t)cap * sizeof *nf);
        if (!nf) return SQLITE_NOMEM;
        l->freq = nf;
        l->cap = cap;
    }
    l->id[l->n] = id;
    l->freq[l->n] = freq;
    l->n++;
    return SQLITE_OK;
}

/*
 * A phrase of several positions (quoted words, a concept's term of several words): the rows
 * holding every position's terms, and in them the instances FTS5 counts: each start position s
 * (column << 32 | offset) where position p of the phrase is at s + p, for every p. Frequencies
 * are computed here, for every matching row: whether a row matches is only known from them.
 */
static int multi_position_phrase(QnIndexReader *r, const PhraseTerms *pt, int prefix, const FreqScale *fs,
                                 QnPostList *out, int *fallback) {
    int np = pt->positions, rc = SQLITE_OK;
    QnRows *rp = calloc((size_t)np, sizeof *rp);
    int *at = calloc((size_t)np, sizeof *at);
    sqlite3_int64 **pos = calloc((size_t)np, sizeof *pos);
    int *npos = calloc((size_t)np, sizeof *npos), *cappos = calloc((size_t)np, sizeof *cappos);
    if (!rp || !at || !pos || !npos || !cappos) rc = SQLITE_NOMEM;
    const char *terms[MAX_ALT];
    int lens[MAX_ALT];
    for (int p = 0; rc == SQLITE_OK && p < np; p++) {
        int n = terms_at(pt, p, terms, lens);
        rc = qn_reader_phrase(r, terms, lens, n, prefix && p == np - 1, &rp[p]);
    }
    int count[QN_MAXCOL];
    while (rc == SQLITE_OK && !*fallback) {
        /* the next rowid present at every position */
        sqlite3_int64 id = 0;
        int done = 0, same;
        do {
            same = 1;
            for (int p = 0; p < np; p++) {
                while (at[p] < rp[p].n && rp[p].id[at[p]] < id) at[p]++;
                if (at[p] >= rp[p].n) { done = 1; break; }
                if (rp[p].id[at[p]] > id) { id = rp[p].id[at[p]]; same = 0; }
            }
        } while (!done && !same);
        if (done) break;
        for (int p = 0; rc == SQLITE_OK && p < np; p++) {
            sqlite3_int64 *src;
            int n;
            rc = qn_reader_positions(r, &rp[p], at[p], &src, &n);
            if (rc != SQLITE_OK) break;
            if (n > cappos[p]) {
                sqlite3_int64 *np2 = realloc(pos[p], (size_t)n * sizeof *np2);
                if (!np2) { rc = SQLITE_NOMEM; break; }
                pos[p] = np2;
                cappos[p] = n;
            }
            memcpy(pos[p], src, (size_t)n * sizeof *src);
            npos[p] = n;
        }
        if (rc != SQLITE_OK) break;
        memset(count, 0, sizeof count);
        int hits = 0;
        int *cur = calloc((size_t)np, sizeof *cur);
        if (!cur) { rc = SQLITE_NOMEM; break; }
        for (int k = 0; k < npos[0]; k++) {
            sqlite3_int64 s = pos[0][k];
            int all = 1;
            for (int p = 1; p < np && all; p++) {
                while (cur[p] < npos[p] && pos[p][cur[p]] < s + p) cur[p]++;
                all = cur[p] < npos[p] && pos[p][cur[p]] == s + p;
            }
            if (all) {
                int col = (int)(s >> 32);
                if (col < fs->ncol) count[col]++;
                hits++;
            }
        }
        free(cur);
        if (hits) {
            if (!known_row(fs->facts, id)) { *fallback = 1; break; }
            rc = push_freq(out, id, freq_of(fs, id, count));
        }
        id++;
        for (int p = 0; p < np; p++) at[p]++;
    }
    for (int p = 0; rp && p < np; p++) { qn_rows_free(&rp[p]); if (pos) free(pos[p]); }
    free(rp); free(at); free(pos); free(npos); free(cappos);
    return rc;
}

static void qanun_search(sqlite3_context *ctx, int nVal, sqlite3_value **apVal) {
    QnRowFacts *facts = sqlite3_user_data(ctx);
    int ncol = nVal - 6;
    if (ncol < 1 || ncol > QN_MAXCOL) { sqlite3_result_error(ctx, "qanun_search: wrong number of arguments", -1); return; }
    sqlite3 *db = sqlite3_context_db_handle(ctx);
    /* no transaction: the statement read no table, so the data version and the segments could
     * be those of an earlier snapshot (call it FROM a table of the database); a write
     * transaction: FTS5 may hold terms in memory that no segment has yet */
    int txn = sqlite3_txn_state(db, "main");
    if (txn != SQLITE_TXN_READ || !qn_facts_load(facts, ncol)) { sqlite3_result_null(ctx); return; }
    QnTopK q;
    memset(&q, 0, sizeof q);
    q.groups = (const char *)sqlite3_value_text(apVal[0]);
    q.program = (const char *)sqlite3_value_text(apVal[1]);
    const char *phrases = (const char *)sqlite3_value_text(apVal[2]);
    q.k = sqlite3_value_int(apVal[3]);
    double weight[QN_MAXCOL];
    for (int c = 0; c < ncol; c++) weight[c] = sqlite3_value_double(apVal[4 + c]);
    q.boost = sqlite3_value_double(apVal[4 + ncol]);
    q.langMask = sqlite3_value_int(apVal[5 + ncol]);
    if (!phrases) { sqlite3_result_null(ctx); return; }
    int rc = SQLITE_OK;
    QnIndexReader *r = qn_reader_open(facts, &rc);
    if (!r) {
        if (rc == SQLITE_OK || rc == SQLITE_CORRUPT) sqlite3_result_null(ctx);
        else sqlite3_result_error_code(ctx, rc);
        return;
    }
    double avgcol[QN_MAXCOL];
    q.nRow = facts->nRow;
    for (int c = 0; c < ncol; c++) avgcol[c] = q.nRow > 0 && facts->total[c] > 0 ? (double)facts->total[c] / (double)q.nRow : 1.0;
    q.nPhrase = 1;
    for (const char *p = phrases; *p; p++) if (*p == 0x1e) q.nPhrase++;
    QnPostList *lists = calloc((size_t)q.nPhrase, sizeof *lists);
    if (!lists) rc = SQLITE_NOMEM;
    int fallback = 0;
    const char *p = phrases;
    PhraseTerms pt;
    memset(&pt, 0, sizeof pt);
    QnRows *rows = calloc((size_t)q.nPhrase, sizeof *rows);
    int *eager = calloc((size_t)q.nPhrase, sizeof *eager); /* frequencies already computed */
    if (!rows || !eager) rc = SQLITE_NOMEM;
    FreqScale fs = { facts, ncol, weight, avgcol };
    for (int i = 0; rc == SQLITE_OK && !fallback && i < q.nPhrase; i++) {
        const char *e = strchr(p, 0x1e);
        int n = e ? (int)(e - p) : (int)strlen(p);
        if (n < 1 || (p[0] != '=' && p[0] != '*')) { rc = SQLITE_ERROR; break; }
        int prefix = p[0] == '*';
        pt.nbuf = 0; pt.nalt = 0; pt.positions = 0; pt.overflow = 0;
        int arc = qn_analyze(p + 1, n - 1, QN_LANG_ANY, QN_MODE_QUERY, &pt, collect_term);
        p = e ? e + 1 : p + n;
        if (pt.overflow || arc != 0) { fallback = 1; break; } /* (too many terms, or the analysis failed) */
        if (pt.nalt == 0) continue; /* no terms: matches nothing, as in FTS5 */
        if (pt.positions > 1) {
            eager[i] = 1;
            rc = multi_position_phrase(r, &pt, prefix, &fs, &lists[i], &fallback);
            continue;
        }
        const char *terms[MAX_ALT];
        for (int a = 0; a < pt.nalt; a++) terms[a] = pt.buf + pt.off[a];
        rc = qn_reader_phrase(r, terms, pt.len, pt.nalt, prefix, &rows[i]);
        /* the list of rows, without frequencies yet: the query decides which rows need them */
        lists[i].id = rows[i].id;
        lists[i].n = rows[i].n;
        if (rc == SQLITE_OK && rows[i].n) {
            lists[i].freq = calloc((size_t)rows[i].n, sizeof(double));
            if (!lists[i].freq) rc = SQLITE_NOMEM;
        }
    }
    QnIdSet m = { NULL, 0 };
    if (rc == SQLITE_OK && !fallback) rc = qn_topk_match(&q, lists, &m);
    /* instances counted only for the rows that match (an AND of a rare and a common word reads
     * the common word's rows, but counts positions in a few) */
    int count[QN_MAXCOL];
    for (int i = 0; rc == SQLITE_OK && !fallback && i < q.nPhrase; i++) {
        if (eager[i]) continue;
        for (int a = 0, j = 0; rc == SQLITE_OK && a < m.n && j < lists[i].n;) {
            if (m.id[a] < lists[i].id[j]) { a++; continue; }
            if (m.id[a] > lists[i].id[j]) { j++; continue; }
            if (lists[i].off && lists[i].off[j]) { a++; j++; continue; } /* does not score here */
            if (!known_row(facts, m.id[a])) { fallback = 1; break; }
            rc = qn_reader_count(r, &rows[i], j, count, ncol);
            lists[i].freq[j] = freq_of(&fs, m.id[a], count);
            a++; j++;
        }
    }
    free(pt.buf);
    qn_reader_close(r);
    if (rc == SQLITE_CORRUPT) { fallback = 1; rc = SQLITE_OK; }
    if (rc != SQLITE_OK) sqlite3_result_error_code(ctx, rc);
    else if (fallback) sqlite3_result_null(ctx);
    else qn_topk_result(ctx, facts, &q, lists, m);
    free(m.id);
    for (int i = 0; lists && i < q.nPhrase; i++) {
        free(lists[i].freq);
        free(lists[i].off);
        if (eager && eager[i]) free(lists[i].id); /* (the others' ids are their rows') */
        if (rows) qn_rows_free(&rows[i]);
    }
    free(rows);
    free(eager);
    free(lists);
}

int qn_search_run(void *stmt, const char *groups, const char *program, const char *phrases, int k, int langMask,
                  void **out, int *nout) {
    sqlite3_stmt *st = stmt;
    *out = NULL;
    *nout = 0;
    sqlite3_reset(st); /* (its code is the last step's, not this call's) */
    int rc = sqlite3_bind_text(st, 1, groups, -1, SQLITE_STATIC);
    if (rc == SQLITE_OK) rc = sqlite3_bind_text(st, 2, program, -1, SQLITE_STATIC);
    if (rc == SQLITE_OK) rc = sqlite3_bind_text(st, 3, phrases, -1, SQLITE_STATIC);
    if (rc == SQLITE_OK) rc = sqlite3_bind_int(st, 4, k);
    if (rc == SQLITE_OK) rc = sqlite3_bind_int(st, 5, langMask);
    int result = -1;
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_DONE) {
            result = 0;
        } else if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_NULL) {
            result = 2;
        } else if (rc == SQLITE_ROW) {
            int n = sqlite3_column_bytes(st, 0);
            const void *p = sqlite3_column_blob(st, 0);
            *out = malloc(n > 0 ? (size_t)n : 1);
            if (*out) {
                if (n > 0) memcpy(*out, p, (size_t)n);
                *nout = n;
                result = 1;
            }
        }
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st); /* the texts were bound without a copy */
    return result;
}

int qn_register_search_function(void *db, void *facts) {
    return sqlite3_create_function_v2(db, "qanun_search", -1, SQLITE_UTF8, facts, qanun_search, NULL, NULL, NULL);
}
