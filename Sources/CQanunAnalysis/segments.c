/*
 * QnIndexReader: reads the postings of `article_fts` straight from FTS5's storage, for the
 * top-k search (topk.c).
 *
 * Why not through FTS5: FTS5 has no top-k pruning, so ranking walks every match through its
 * expression tree, SQLite's row machinery and a sorter (about 0.5 us a match, and 0.15 us a
 * match and phrase through xQueryPhrase). Decoding the doclists here costs a few ns a posting.
 *
 * The format is FTS5's (ext/fts5/fts5_index.c, "Details"), for a table with detail=full and no
 * prefix indexes, data version 4 (what SQLite 3.9 to 3.4x write for such a table): a structure
 * record (id 10 of %_data) lists the segments by level, oldest to newest within a level and
 * level 0 the newest; each segment is a run of leaf pages (%_data id = segid << 37 | pgno), and
 * %_idx maps (segid, leading term) to the page where a term would be. A leaf page starts with
 * two big-endian u16 (offset of the first rowid if one starts before the first term, and the
 * end of the page's data), then terms and their doclists, then the page index (offsets of the
 * terms on the page, delta-encoded). A doclist is varint rowids (first absolute, then deltas),
 * each followed by a poslist: varint size*2 (+1 delete flag), then offsets+2 as deltas, a 0x01
 * byte and a column number starting each column after the first. Doclists and poslists run on
 * to later pages; there the first rowid that starts on a page is written whole. Terms carry a
 * leading '0' (the main index).
 *
 * Merging segments: for one term and one rowid, the newest segment's entry wins (FTS5's
 * fts5MultiIterDoCompare), and an entry with no positions is a deletion.
 *
 * What is not read here falls back to FTS5: the reader refuses any other data version, and
 * topk.c refuses phrases of more than one position and write transactions (FTS5's pending,
 * unflushed terms live in memory only).
 */
#include "ranking.h"

#include <stdlib.h>
#include <string.h>

typedef unsigned char u8;

struct QnIndexReader {
    QnRowFacts *facts;
    sqlite3 *db;
    sqlite3_blob *blob;       /* on article_fts_data.block, moved from row to row */
    /* the page in hand: in the arena at pageOff */
    u8 *page;
    size_t pageOff;
    int n, szLeaf, pgno, seg;
    /* the query's pages, and the position lists that run over pages, copied whole */
    u8 *arena;
    size_t arenaN, arenaCap;
    /* one row's positions (qn_reader_positions) and its postings' cursors */
    sqlite3_int64 *pos;
    int poscap;
    struct PosCursor *cur;
    int curCap;
    /* leaf pages kept from query to query (PageCache below) */
    struct { sqlite3_int64 id; unsigned int off, len; } *slot;
    u8 *cbuf;
    size_t cused, ccap;
    int nslot, ncached;
    unsigned int cacheVersion;
    sqlite3_int64 cacheChanges;
};

/*
 * Page cache: leaf pages read by earlier queries of this connection, kept until the database
 * changes (the facts' data version and change count) or the cache is full (then it starts
 * again). A cached page costs a copy into the query's arena; a page read through the blob
 * handle costs SQLite's B-tree descent to the row (blob_reopen), and the first read of a query
 * the handle's compilation (blob_open). Bounded: QN_PAGE_CACHE bytes a connection.
 */
enum { QN_PAGE_CACHE = 16 << 20, QN_PAGE_SLOTS = 8192 };

static void cache_clear(QnIndexReader *r) {
    if (r->slot) memset(r->slot, 0, (size_t)r->nslot * sizeof *r->slot);
    r->cused = 0;
    r->ncached = 0;
}

/* The slot for page `id` (id 0 marks an empty slot; page ids are never 0). */
static int cache_slot(const QnIndexReader *r, sqlite3_int64 id) {
    unsigned long long h = (unsigned long long)id * 0x9E3779B97F4A7C15ull;
    int i = (int)(h >> 51) & (r->nslot - 1);
    while (r->slot[i].id && r->slot[i].id != id) i = (i + 1) & (r->nslot - 1);
    return i;
}

static void cache_put(QnIndexReader *r, sqlite3_int64 id, const u8 *p, int n) {
    if (!r->slot) {
        r->slot = calloc(QN_PAGE_SLOTS, sizeof *r->slot);
        if (!r->slot) return;
        r->nslot = QN_PAGE_SLOTS;
    }
    if (r->cused + (size_t)n > QN_PAGE_CACHE || r->ncached * 2 >= r->nslot) cache_clear(r);
    if (r->cused + (size_t)n > r->ccap) {
        size_t cap = r->ccap ? r->ccap : 1 << 20;
        while (cap < r->cused + (size_t)n) cap *= 2;
        if (cap > QN_PAGE_CACHE) cap = QN_PAGE_CACHE;
        if (r->cused + (size_t)n > cap) return;
        u8 *nb = realloc(r->cbuf, cap);
        if (!nb) return;
        r->cbuf = nb;
        r->ccap = cap;
    }
    int i = cache_slot(r, id);
    memcpy(r->cbuf + r->cused, p, (size_t)n);
    r->slot[i].id = id;
    r->slot[i].off = (unsigned int)r->cused;
    r->slot[i].len = (unsigned int)n;
    r->cused += (size_t)n;
    r->ncached++;
}

/* ---------------------------------------------------------------- varints (SQLite's format) */

static int get_varint(const u8 *p, sqlite3_uint64 *v) {
    sqlite3_uint64 x = 0;
    for (int i = 0; i < 8; i++) {
        x = (x << 7) | (p[i] & 0x7F);
        if (!(p[i] & 0x80)) { *v = x; return i + 1; }
    }
    *v = (x << 8) | p[8];
    return 9;
}

static inline int get_varint32(const u8 *p, int *v) {
    if (!(p[0] & 0x80)) { *v = p[0]; return 1; }
    if (!(p[1] & 0x80)) { *v = (p[0] & 0x7F) << 7 | p[1]; return 2; }
    sqlite3_uint64 x;
    int n = get_varint(p, &x);
    *v = (int)(x & 0x7FFFFFFF);
    return n;
}

/* ---------------------------------------------------------------- structure */

/* Reads %_idx whole (a row per leaf page that starts a term range: 4,198 rows, 51 KB of terms
 * for the 37 MB corpus), so that finding a term's page costs a binary search and no statement:
 * statements prepared inside a search cost more than the search (GRDB's authorizer runs for
 * each). Rows sorted as the table's primary key (segid, term). */
static int load_idx(QnRowFacts *f) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(f->db, "SELECT segid, term, pgno FROM article_fts_idx ORDER BY segid, term", -1, &st, NULL);
    if (rc != SQLITE_OK) return rc;
    int cap = 1024, n = 0;
    size_t tcap = 65536, tn = 0;
    struct QnIdxRow *rows = malloc((size_t)cap * sizeof *rows);
    unsigned char *terms = malloc(tcap);
    if (!rows || !terms) rc = SQLITE_NOMEM;
    while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        int len = sqlite3_column_bytes(st, 1);
        const void *t = sqlite3_column_blob(st, 1);
        if (n == cap) {
            cap *= 2;
            struct QnIdxRow *nr = realloc(rows, (size_t)cap * sizeof *nr);
            if (!nr) { rc = SQLITE_NOMEM; break; }
            rows = nr;
        }
        if (tn + (size_t)len > tcap) {
            while (tn + (size_t)len > tcap) tcap *= 2;
            unsigned char *nt = realloc(terms, tcap);
            if (!nt) { rc = SQLITE_NOMEM; break; }
            terms = nt;
        }
        if (len) memcpy(terms + tn, t, (size_t)len);
        rows[n] = (struct QnIdxRow){ sqlite3_column_int(st, 0), (int)(sqlite3_column_int64(st, 2) >> 1), (int)tn, len };
        tn += (size_t)len;
        n++;
    }
    int frc = sqlite3_finalize(st);
    if (rc == SQLITE_OK) rc = frc;
    if (rc != SQLITE_OK) { free(rows); free(terms); return rc; }
    free(f->idx);
    free(f->idxTerms);
    f->idx = rows;
    f->idxTerms = terms;
    f->nidx = n;
    for (int s = 0; s < f->nseg; s++) {
        int lo = 0, hi = n;
        while (lo < hi) { int m = (lo + hi) / 2; if (rows[m].segid < f->seg[s].segid) lo = m + 1; else hi = m; }
        f->seg[s].idx0 = lo;
        int e = lo;
        while (e < n && rows[e].segid == f->seg[s].segid) e++;
        f->seg[s].idxN = e - lo;
    }
    return SQLITE_OK;
}

/* Rows in the index and total tokens per column (the averages record, id 1). */
static int load_totals(QnRowFacts *f) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(f->db, "SELECT block FROM article_fts_data WHERE id = 1", -1, &st, NULL);
    if (rc != SQLITE_OK) return rc;
    f->nRow = 0;
    memset(f->total, 0, sizeof f->total);
    if (sqlite3_step(st) == SQLITE_ROW) {
        int nb = sqlite3_column_bytes(st, 0);
        u8 *p = calloc((size_t)nb + 16, 1);
        if (!p) { sqlite3_finalize(st); return SQLITE_NOMEM; }
        if (nb) memcpy(p, sqlite3_column_blob(st, 0), (size_t)nb);
        int i = 0;
        sqlite3_uint64 v;
        if (i < nb) { i += get_varint(p + i, &v); f->nRow = (sqlite3_int64)v; }
        for (int c = 0; c < QN_MAXCOL && i < nb; c++) { i += get_varint(p + i, &v); f->total[c] = (sqlite3_int64)v; }
        free(p);
    }
    return sqlite3_finalize(st);
}

/* The page of segment `s` where `key` would be: the last %_idx row of the segment whose term is
 * <= key (as SQLite compares BLOBs), or 0 when there is none. */
static int idx_page(const QnRowFacts *f, int s, const u8 *key, int nkey) {
    const struct QnIdxRow *rows = f->idx + f->seg[s].idx0;
    int lo = 0, hi = f->seg[s].idxN;
    while (lo < hi) {
        int m = (lo + hi) / 2;
        int n = rows[m].termLen < nkey ? rows[m].termLen : nkey;
        int c = memcmp(f->idxTerms + rows[m].termOff, key, (size_t)n);
        if (c == 0) c = rows[m].termLen - nkey;
        if (c <= 0) lo = m + 1; else hi = m;
    }
    return lo > 0 ? rows[lo - 1].pgno : 0;
}

/* Reads the segment list and checks the data version once per database version. */
static int load_structure(QnRowFacts *f) {
    if (f->seg && f->nseg >= 0) return SQLITE_OK;
    sqlite3_stmt *st = NULL;
    f->formatOK = 0;
    int rc = sqlite3_prepare_v2(f->db, "SELECT v FROM article_fts_config WHERE k = 'version'", -1, &st, NULL);
    if (rc != SQLITE_OK) return rc;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 4) f->formatOK = 1;
    sqlite3_finalize(st);
    rc = sqlite3_prepare_v2(f->db, "SELECT block FROM article_fts_data WHERE id = 10", -1, &st, NULL);
    if (rc != SQLITE_OK) return rc;
    free(f->seg);
    f->seg = NULL;
    f->nseg = 0;
    if (sqlite3_step(st) == SQLITE_ROW) {
        int nb = sqlite3_column_bytes(st, 0);
        const u8 *src = sqlite3_column_blob(st, 0);
        u8 *p = calloc((size_t)nb + 32, 1); /* zero padding: three varints never read past the end */
        if (!p) { sqlite3_finalize(st); return SQLITE_NOMEM; }
        if (src) memcpy(p, src, (size_t)nb);
        int i = 4, nLevel = 0, nSegment = 0;
        sqlite3_uint64 writes;
        i += get_varint32(p + i, &nLevel);
        i += get_varint32(p + i, &nSegment);
        i += get_varint(p + i, &writes);
        if (nLevel < 0 || nSegment < 0 || nSegment > 2000) rc = SQLITE_CORRUPT;
        struct QnSegment *all = rc == SQLITE_OK ? calloc((size_t)nSegment + 1, sizeof *all) : NULL;
        if (rc == SQLITE_OK && !all) rc = SQLITE_NOMEM;
        int count = 0;
        for (int lvl = 0; rc == SQLITE_OK && lvl < nLevel; lvl++) {
            int nMerge = 0, nTotal = 0;
            if (i >= nb) { rc = SQLITE_CORRUPT; break; }
            i += get_varint32(p + i, &nMerge);
            i += get_varint32(p + i, &nTotal);
            if (nTotal < 0 || count + nTotal > nSegment) { rc = SQLITE_CORRUPT; break; }
            /* within a level oldest to newest; we want newest first overall */
            int base = count;
            for (int s = 0; s < nTotal; s++) {
                struct QnSegment g;
                if (i >= nb) { rc = SQLITE_CORRUPT; break; }
                i += get_varint32(p + i, &g.segid);
                i += get_varint32(p + i, &g.first);
                i += get_varint32(p + i, &g.last);
                all[base + nTotal - 1 - s] = g;
            }
            count += nTotal;
        }
        free(p);
        if (rc == SQLITE_OK) {
            /* a segment whose pages were all consumed by an incremental merge has first == 0 */
            int k = 0;
            for (int s = 0; s < count; s++) if (all[s].first > 0 && all[s].last >= all[s].first) all[k++] = all[s];
            f->seg = all;
            f->nseg = k;
        } else {
            free(all);
        }
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_OK && !f->seg) f->seg = calloc(1, sizeof *f->seg); /* empty index */
    if (rc == SQLITE_OK && !f->seg) rc = SQLITE_NOMEM;
    if (rc == SQLITE_OK) rc = load_idx(f);
    if (rc == SQLITE_OK) rc = load_totals(f);
    if (rc != SQLITE_OK) { free(f->seg); f->seg = NULL; f->nseg = -1; }
    return rc;
}

QnIndexReader *qn_reader_open(QnRowFacts *facts, int *rc) {
    *rc = load_structure(facts);
    if (*rc != SQLITE_OK || !facts->formatOK) return NULL;
    /* one reader per connection, its buffers kept from query to query (allocating them afresh
     * cost page faults on every query) */
    QnIndexReader *r = facts->reader;
    if (!r) {
        r = calloc(1, sizeof *r);
        if (!r) { *rc = SQLITE_NOMEM; return NULL; }
        facts->reader = r;
    }
    r->facts = facts;
    r->db = facts->db;
    r->seg = -1;
    r->page = NULL;
    r->arenaN = 0;
    if (r->cacheVersion != facts->version || r->cacheChanges != facts->changes) {
        cache_clear(r);
        r->cacheVersion = facts->version;
        r->cacheChanges = facts->changes;
    }
    return r;
}

void qn_reader_close(QnIndexReader *r) {
    if (!r) return;
    /* the blob handle is a read of the table in progress: never kept past the query */
    if (r->blob) sqlite3_blob_close(r->blob);
    r->blob = NULL;
    if (r->arenaCap > ((size_t)32 << 20)) {
        /* a rare huge query does not pin its memory */
        free(r->arena);
        r->arena = NULL;
        r->arenaCap = 0;
    }
}

void qn_reader_free(QnIndexReader *r) {
    if (!r) return;
    qn_reader_close(r);
    free(r->arena);
    free(r->pos);
    free(r->cur);
    free(r->slot);
    free(r->cbuf);
    free(r);
}

/* ---------------------------------------------------------------- pages */

/* Room for `n` more bytes in the arena (the page in hand lives there too: re-pointed). */
static int arena_reserve(QnIndexReader *r, size_t n) {
    if (r->arenaN + n <= r->arenaCap) return SQLITE_OK;
    size_t cap = r->arenaCap ? r->arenaCap : 262144;
    while (cap < r->arenaN + n) cap *= 2;
    u8 *na = realloc(r->arena, cap);
    if (!na) return SQLITE_NOMEM;
    r->arena = na;
    r->arenaCap = cap;
    if (r->page) r->page = r->arena + r->pageOff;
    return SQLITE_OK;
}

static int arena_put(QnIndexReader *r, const u8 *p, size_t n, size_t *off) {
    int rc = arena_reserve(r, n);
    if (rc != SQLITE_OK) return rc;
    *off = r->arenaN;
    if (n) memcpy(r->arena + r->arenaN, p, n);
    r->arenaN += n;
    return SQLITE_OK;
}



/* Loads page `pgno` of segment `s` into r->page; SQLITE_OK or an error. */
static int load_page(QnIndexReader *r, int s, int pgno) {
    const struct QnSegment *g = &r->facts->seg[s];
    sqlite3_int64 id = ((sqlite3_int64)g->segid << 37) + pgno;
    int rc, n, slot = r->slot ? cache_slot(r, id) : -1;
    if (slot >= 0 && r->slot[slot].id == id) {
        /* pages are copied into the arena and kept for the query: postings point into them */
        n = (int)r->slot[slot].len;
        rc = arena_reserve(r, (size_t)n + 16);
        if (rc != SQLITE_OK) return rc;
        r->pageOff = r->arenaN;
        r->page = r->arena + r->pageOff;
        memcpy(r->page, r->cbuf + r->slot[slot].off, (size_t)n);
    } else {
        if (r->blob) {
            rc = sqlite3_blob_reopen(r->blob, id);
            if (rc != SQLITE_OK) { sqlite3_blob_close(r->blob); r->blob = NULL; return SQLITE_CORRUPT; }
        } else {
            rc = sqlite3_blob_open(r->db, "main", "article_fts_data", "block", id, 0, &r->blob);
            if (rc != SQLITE_OK) { r->blob = NULL; return rc == SQLITE_ERROR ? SQLITE_CORRUPT : rc; }
        }
        n = sqlite3_blob_bytes(r->blob);
        rc = arena_reserve(r, (size_t)n + 16);
        if (rc != SQLITE_OK) return rc;
        r->pageOff = r->arenaN;
        r->page = r->arena + r->pageOff;
        rc = sqlite3_blob_read(r->blob, r->page, n, 0);
        if (rc != SQLITE_OK) return rc;
        cache_put(r, id, r->page, n);
    }
    memset(r->page + n, 0, 16);
    r->arenaN += (size_t)n + 16;
    r->n = n;
    r->szLeaf = n >= 4 ? (r->page[2] << 8 | r->page[3]) : 0;
    if (n < 4 || r->szLeaf < 4 || r->szLeaf > n) return SQLITE_CORRUPT;
    r->pgno = pgno;
    r->seg = s;
    return SQLITE_OK;
}

static int page_first_rowid_off(const QnIndexReader *r) { return r->page[0] << 8 | r->page[1]; }
static int page_has_terms(const QnIndexReader *r) { return r->szLeaf < r->n; }

/* ---------------------------------------------------------------- collecting one term's entries */

typedef QnEntry Entry;

/* Entries of one term in one segment (a run), rowid order. */
typedef struct {
    size_t termOff;           /* term bytes in the arena */
    int termLen;
    int seg;                  /* 0 = newest */
    int first, count;         /* in the entries array */
} Run;

typedef struct {
    Entry *e; int ne, cape;
    Run *run; int nrun, caprun;
} Collected;

static int push_entry(Collected *c, sqlite3_int64 rowid, size_t off, int n) {
    if (c->ne == c->cape) {
        int cap = c->cape ? c->cape * 2 : 1024;
        Entry *ne = realloc(c->e, (size_t)cap * sizeof *ne);
        if (!ne) return SQLITE_NOMEM;
        c->e = ne;
        c->cape = cap;
    }
    c->e[c->ne++] = (Entry){ rowid, off, n };
    return SQLITE_OK;
}

/* The walk over one segment's terms. */
typedef struct {
    int pgidx;                /* offset of the next unread page-index varint */
    int termOff;              /* the current term on the page */
    int nextTermOff;          /* the next term on the page, 0 if none */
    int firstOnPage;          /* the current term is written whole */
    u8 *term; int termLen, termCap;
} Walk;

/* With the page in hand and `w->pgidx` at its first page-index entry, makes its first term the
 * current one. */
static void walk_page_start(QnIndexReader *r, Walk *w) {
    int first = 0;
    w->pgidx = r->szLeaf + get_varint32(r->page + r->szLeaf, &first);
    w->termOff = first;
    w->firstOnPage = 1;
    w->nextTermOff = 0;
    if (w->pgidx < r->n) {
        int d = 0;
        w->pgidx += get_varint32(r->page + w->pgidx, &d);
        w->nextTermOff = first + d;
    }
}

/* Decodes the current term into w->term; returns the offset just past it (its doclist). */
static int walk_read_term(QnIndexReader *r, Walk *w, int *rc) {
    int off = w->termOff, keep = 0, nNew = 0;
    if (off < 4 || off >= r->szLeaf || (w->nextTermOff && (w->nextTermOff <= off || w->nextTermOff >= r->szLeaf))) {
        *rc = SQLITE_CORRUPT;
        return off;
    }
    if (!w->firstOnPage) off += get_varint32(r->page + off, &keep);
    off += get_varint32(r->page + off, &nNew);
    if (keep > w->termLen || nNew < 0 || off + nNew > r->szLeaf) { *rc = SQLITE_CORRUPT; return off; }
    if (keep + nNew > w->termCap) {
        int cap = (keep + nNew) * 2 + 64;
        u8 *nt = realloc(w->term, (size_t)cap);
        if (!nt) { *rc = SQLITE_NOMEM; return off; }
        w->term = nt;
        w->termCap = cap;
    }
    memcpy(w->term + keep, r->page + off, (size_t)nNew);
    w->termLen = keep + nNew;
    return off + nNew;
}

/* Moves to the next term on the page; 0 if the page has no more. */
static int walk_next_on_page(QnIndexReader *r, Walk *w) {
    if (!w->nextTermOff) return 0;
    w->termOff = w->nextTermOff;
    w->firstOnPage = 0;
    w->nextTermOff = 0;
    if (w->pgidx < r->n) {
        int d = 0;
        w->pgidx += get_varint32(r->page + w->pgidx, &d);
        w->nextTermOff = w->termOff + d;
    }
    return 1;
}

/* On a page reached while a doclist goes on: 1 with the rowid that starts at the page's
 * first-rowid offset (written whole) and `*off`, `*end` set; 0 when no rowid starts on the page;
 * -1 when the offsets are not possible (corrupt). */
static int resume_at_first_rowid(QnIndexReader *r, const Walk *w, int *off, sqlite3_int64 *rowid, int *end) {
    int ro = page_first_rowid_off(r);
    if (!ro) return 0;
    if (ro < 4 || ro >= r->szLeaf) return -1;
    sqlite3_uint64 v;
    *off = ro + get_varint(r->page + ro, &v);
    *rowid = (sqlite3_int64)v;
    *end = page_has_terms(r) ? w->termOff : r->szLeaf;
    return *end < 4 || *end > r->szLeaf ? -1 : 1;
}

/*
 * Reads the doclist that starts at `off` on the page in hand (the walk's current term's),
 * appending its entries to `c` when `keep`. Returns with `*more` = 1 and the walk on the next
 * term (possibly on a later page), or `*more` = 0 at the end of the segment.
 */
static int read_doclist(QnIndexReader *r, Walk *w, int off, int keep, Collected *c, int *more) {
    const struct QnSegment *g = &r->facts->seg[r->seg];
    int end = w->nextTermOff ? w->nextTermOff : r->szLeaf;
    int advanced = 0;         /* the walk already sits on the term after this doclist */
    int rc = SQLITE_OK;
    *more = 0;
    if (off >= r->szLeaf) {
        /* the term ended its page: its first rowid opens the next one, after the header (a merge
         * starts a new page before a rowid that does not fit; fts5SegIterLoadRowid) */
        if (r->pgno + 1 > g->last) return SQLITE_CORRUPT;
        rc = load_page(r, r->seg, r->pgno + 1);
        if (rc != SQLITE_OK) return rc;
        off = 4;
        if (page_has_terms(r)) { walk_page_start(r, w); advanced = 1; }
        end = page_has_terms(r) ? w->termOff : r->szLeaf;
    }
    if (end < 4 || end > r->szLeaf) return SQLITE_CORRUPT;
    sqlite3_uint64 v;
    off += get_varint(r->page + off, &v);
    sqlite3_int64 rowid = (sqlite3_int64)v;
    u8 *tmp = NULL;
    int tmpCap = 0;
    for (;;) {
        int nSz = 0, spanned = 0;
        if (off >= r->szLeaf) { rc = SQLITE_CORRUPT; break; }
        off += get_varint32(r->page + off, &nSz);
        int nPos = nSz >> 1;
        if (off > r->szLeaf) { rc = SQLITE_CORRUPT; break; }
        size_t at = 0;
        if (off + nPos <= r->szLeaf) {
            at = r->pageOff + (size_t)off; /* the page stays in the arena */
            off += nPos;
        } else {
            /* the poslist runs on to the next page(s), after their 4-byte header */
            spanned = 1;
            if (nPos > tmpCap) {
                u8 *nt = realloc(tmp, (size_t)nPos);
                if (!nt) { rc = SQLITE_NOMEM; break; }
                tmp = nt;
                tmpCap = nPos;
            }
            int got = 0;
            while (rc == SQLITE_OK && got < nPos) {
                int take = r->szLeaf - off;
                if (take > nPos - got) take = nPos - got;
                if (take > 0) memcpy(tmp + got, r->page + off, (size_t)take);
                got += take;
                off += take;
                if (got < nPos) {
                    if (r->pgno + 1 > g->last) { rc = SQLITE_CORRUPT; break; }
                    rc = load_page(r, r->seg, r->pgno + 1);
                    off = 4;
                    if (rc == SQLITE_OK && page_has_terms(r)) { walk_page_start(r, w); advanced = 1; }
                }
            }
            if (rc == SQLITE_OK && keep) {
                /* (16 zero bytes after it, as after a page: varint reads never run off the end) */
                size_t pad;
                static const u8 zeros[16];
                rc = arena_put(r, tmp, (size_t)nPos, &at);
                if (rc == SQLITE_OK) rc = arena_put(r, zeros, sizeof zeros, &pad);
            }
        }
        if (rc == SQLITE_OK && keep) rc = push_entry(c, rowid, at, nPos);
        if (rc != SQLITE_OK) break;
        if (!spanned && off < end) {
            off += get_varint(r->page + off, &v);
            rowid += (sqlite3_int64)v;
            continue;
        }
        if (spanned) {
            /* on a page reached inside a poslist, the next rowid (if any) is written whole */
            int at = resume_at_first_rowid(r, w, &off, &rowid, &end);
            if (at < 0) { rc = SQLITE_CORRUPT; break; }
            if (at) continue;
            if (page_has_terms(r)) { *more = 1; break; }
        } else if (off >= end && end < r->szLeaf) {
            /* the next term starts here */
            if (!advanced) walk_next_on_page(r, w);
            *more = 1;
            break;
        }
        /* the page's data is used up: the doclist goes on at a later page's first rowid, or
         * ends where a later page's first term starts (pages with neither are skipped) */
        int go = 0;
        while (rc == SQLITE_OK && r->pgno + 1 <= g->last) {
            rc = load_page(r, r->seg, r->pgno + 1);
            if (rc != SQLITE_OK) break;
            if (page_has_terms(r)) { walk_page_start(r, w); advanced = 1; }
            int at = resume_at_first_rowid(r, w, &off, &rowid, &end);
            if (at < 0) { rc = SQLITE_CORRUPT; break; }
            if (at) { go = 1; break; }
            if (page_has_terms(r)) { *more = 1; break; }
        }
        if (!go) break;
    }
    free(tmp);
    return rc;
}

/*
 * Appends a run for every term of segment `s` equal to `key` (or starting with it, `prefix`),
 * with its entries.
 */
static int scan_segment(QnIndexReader *r, int s, const u8 *key, int nkey, int prefix, Collected *c) {
    const struct QnSegment *g = &r->facts->seg[s];
    int rc = SQLITE_OK;
    int pg = idx_page(r->facts, s, key, nkey);
    if (pg < g->first) pg = g->first;
    if (pg > g->last) return SQLITE_OK;
    Walk w;
    memset(&w, 0, sizeof w);
    /* the first page with terms from `pg` on (an exact term can only be on `pg` itself) */
    for (;;) {
        rc = load_page(r, s, pg);
        if (rc != SQLITE_OK) return rc;
        if (page_has_terms(r)) break;
        if (!prefix || ++pg > g->last) return SQLITE_OK;
    }
    walk_page_start(r, &w);
    int startPage = r->pgno;
    for (;;) {
        int off = walk_read_term(r, &w, &rc);
        if (rc != SQLITE_OK) break;
        int n = w.termLen < nkey ? w.termLen : nkey;
        int cmp = memcmp(w.term, key, (size_t)n);
        int match, past;
        if (prefix) {
            match = cmp == 0 && w.termLen >= nkey;
            past = cmp > 0;
        } else {
            match = cmp == 0 && w.termLen == nkey;
            past = cmp > 0 || (cmp == 0 && w.termLen > nkey);
        }
        if (past) break;
        /* an exact term can only be on the page %_idx named (FTS5's own lookup stops there too) */
        if (!match && !prefix && (r->pgno != startPage || !w.nextTermOff)) break;
        int more = 0;
        if (match) {
            if (c->nrun == c->caprun) {
                int cap = c->caprun ? c->caprun * 2 : 16;
                Run *nr = realloc(c->run, (size_t)cap * sizeof *nr);
                if (!nr) { rc = SQLITE_NOMEM; break; }
                c->run = nr;
                c->caprun = cap;
            }
            Run *run = &c->run[c->nrun];
            rc = arena_put(r, w.term, (size_t)w.termLen, &run->termOff);
            if (rc != SQLITE_OK) break;
            run->termLen = w.termLen;
            run->seg = s;
            run->first = c->ne;
            rc = read_doclist(r, &w, off, 1, c, &more);
            run->count = c->ne - run->first;
            c->nrun++;
            if (rc != SQLITE_OK || !prefix) break;
        } else if (w.nextTermOff) {
            /* the doclist ends where the next term on this page starts */
            walk_next_on_page(r, &w);
            continue;
        } else {
            rc = read_doclist(r, &w, off, 0, c, &more);
            if (rc != SQLITE_OK) break;
        }
        if (!more) break;
    }
    free(w.term);
    return rc;
}

/* ---------------------------------------------------------------- a phrase's rows */

static int run_cmp_ctx(const Run *a, const Run *b, const u8 *arena) {
    int n = a->termLen < b->termLen ? a->termLen : b->termLen;
    int c = memcmp(arena + a->termOff, arena + b->termOff, (size_t)n);
    if (c) return c;
    if (a->termLen != b->termLen) return a->termLen < b->termLen ? -1 : 1;
    return a->seg - b->seg;
}

/* qsort has no context argument: the arena of the runs being sorted, per thread */
static _Thread_local const u8 *t_sort_arena;

static int run_qsort_cmp(const void *a, const void *b) { return run_cmp_ctx(a, b, t_sort_arena); }

static void sort_runs(Run *run, int n, const u8 *arena) {
    t_sort_arena = arena;
    qsort(run, (size_t)n, sizeof *run, run_qsort_cmp);
}

/* Counts instances per column of one poslist. */
static void count_poslist(const u8 *p, int n, int *count, int ncol) {
    int i = 0, col = 0;
    while (i < n) {
        if (p[i] == 0x01) {
            i++;
            i += get_varint32(p + i, &col);
            continue;
        }
        int v;
        i += get_varint32(p + i, &v);
        if (v == 0) break;
        if (col < ncol) count[col]++;
    }
}

/* Room for `rows` more rows and `ents` more postings. */
static int rows_reserve(QnRows *l, int rows, int ents) {
    if (l->n + rows + 1 > l->cap) {
        int cap = l->n + rows + 1;
        sqlite3_int64 *ni = realloc(l->id, (size_t)cap * sizeof *ni);
        if (!ni) return SQLITE_NOMEM;
        l->id = ni;
        int *nf = realloc(l->first, (size_t)(cap + 1) * sizeof *nf);
        if (!nf) return SQLITE_NOMEM;
        l->first = nf;
        l->cap = cap;
        if (l->n == 0) l->first[0] = 0;
    }
    if (l->nent + ents > l->capent) {
        int cap = l->nent + ents;
        Entry *ne = realloc(l->ent, (size_t)cap * sizeof *ne);
        if (!ne) return SQLITE_NOMEM;
        l->ent = ne;
        l->capent = cap;
    }
    return SQLITE_OK;
}

/* Appends a row and its postings (room grows by doubling). */
static int rows_push(QnRows *l, sqlite3_int64 id, const Entry *group, int n) {
    if (l->n + 1 >= l->cap || l->nent + n > l->capent) {
        int rc = rows_reserve(l, l->cap ? l->cap : 256, (l->capent ? l->capent : 256) + n);
        if (rc != SQLITE_OK) return rc;
    }
    memcpy(l->ent + l->nent, group, (size_t)n * sizeof *group);
    l->nent += n;
    l->id[l->n] = id;
    l->n++;
    l->first[l->n] = l->nent;
    return SQLITE_OK;
}

void qn_rows_free(QnRows *l) {
    free(l->id);
    free(l->first);
    free(l->ent);
    memset(l, 0, sizeof *l);
}

/* A position list read one position at a time. */
typedef struct PosCursor {
    const u8 *p;
    int n, i, eof;
    sqlite3_int64 col, off, cur;   /* cur: column << 32 | offset */
} PosCursor;

static inline void pc_next(PosCursor *c) {
    while (c->i < c->n) {
        int v;
        if (c->p[c->i] == 0x01) {
            c->i++;
            c->i += get_varint32(c->p + c->i, &v);
            c->col = v;
            c->off = 0;
            continue;
        }
        c->i += get_varint32(c->p + c->i, &v);
        if (v < 2) break;
        c->off += v - 2;
        c->cur = (c->col << 32) | c->off;
        return;
    }
    c->eof = 1;
}

/* Doubles the room of the reader's position buffer; 0 out of memory. */
static int grow_pos(QnIndexReader *r) {
    int cap = r->poscap ? r->poscap * 2 : 64;
    sqlite3_int64 *np = realloc(r->pos, (size_t)cap * sizeof *np);
    if (!np) return 0;
    r->pos = np;
    r->poscap = cap;
    return 1;
}

/* Opens a cursor on each of row j's postings; returns how many, or -1 out of memory. */
static int open_cursors(QnIndexReader *r, const QnRows *rows, int j) {
    const Entry *group = rows->ent + rows->first[j];
    int ng = rows->first[j + 1] - rows->first[j];
    if (ng > r->curCap) {
        PosCursor *nc = realloc(r->cur, (size_t)ng * sizeof *nc);
        if (!nc) return -1;
        r->cur = nc;
        r->curCap = ng;
    }
    for (int k = 0; k < ng; k++) {
        r->cur[k] = (PosCursor){ r->arena + group[k].off, group[k].n, 0, 0, 0, 0, 0 };
        pc_next(&r->cur[k]);
    }
    return ng;
}

/* The next position of the union of `ng` cursors (each position once); 0 when all are done. */
static int union_next(PosCursor *cur, int ng, sqlite3_int64 *out) {
    int have = 0;
    sqlite3_int64 min = 0;
    for (int k = 0; k < ng; k++)
        if (!cur[k].eof && (!have || cur[k].cur < min)) { min = cur[k].cur; have = 1; }
    if (!have) return 0;
    for (int k = 0; k < ng; k++)
        if (!cur[k].eof && cur[k].cur == min) pc_next(&cur[k]);
    *out = min;
    return 1;
}

int qn_reader_positions(QnIndexReader *r, const QnRows *rows, int j, sqlite3_int64 **out, int *n) {
    int ng = open_cursors(r, rows, j), npos = 0;
    if (ng < 0) return SQLITE_NOMEM;
    sqlite3_int64 v;
    /* the terms' position lists merged, each position once (they are ascending already) */
    while (union_next(r->cur, ng, &v)) {
        if (npos == r->poscap && !grow_pos(r)) return SQLITE_NOMEM;
        r->pos[npos++] = v;
    }
    *out = r->pos;
    *n = npos;
    return SQLITE_OK;
}

int qn_reader_count(QnIndexReader *r, const QnRows *rows, int j, int *count, int ncol) {
    memset(count, 0, (size_t)ncol * sizeof *count);
    if (rows->first[j + 1] - rows->first[j] == 1) {
        const Entry *e = rows->ent + rows->first[j];
        count_poslist(r->arena + e->off, e->n, count, ncol);
        return SQLITE_OK;
    }
    int ng = open_cursors(r, rows, j);
    if (ng < 0) return SQLITE_NOMEM;
    if (ng == 2) {
        /* two terms (a word and its other form): a plain merge */
        PosCursor *a = &r->cur[0], *b = &r->cur[1];
        while (!a->eof || !b->eof) {
            sqlite3_int64 v;
            if (b->eof || (!a->eof && a->cur < b->cur)) { v = a->cur; pc_next(a); }
            else if (a->eof || b->cur < a->cur) { v = b->cur; pc_next(b); }
            else { v = a->cur; pc_next(a); pc_next(b); }
            int col = (int)(v >> 32);
            if (col < ncol) count[col]++;
        }
        return SQLITE_OK;
    }
    /* more (a prefix's terms): every position, sorted, each counted once (cheaper than
     * scanning all cursors for each position) */
    int npos = 0;
    for (int k = 0; k < ng; k++) {
        for (PosCursor *c = &r->cur[k]; !c->eof; pc_next(c)) {
            if (npos == r->poscap && !grow_pos(r)) return SQLITE_NOMEM;
            r->pos[npos++] = c->cur;
        }
    }
    sqlite3_int64 *p = r->pos;
    for (int i = 1; i < npos; i++) {
        sqlite3_int64 x = p[i];
        int k = i - 1;
        while (k >= 0 && p[k] > x) { p[k + 1] = p[k]; k--; }
        p[k + 1] = x;
    }
    for (int k = 0; k < npos; k++) {
        if (k > 0 && p[k] == p[k - 1]) continue;
        int col = (int)(p[k] >> 32);
        if (col < ncol) count[col]++;
    }
    return SQLITE_OK;
}

/* A term's entries after the newest-wins merge over segments. */
typedef struct { Entry *e; int n, pos; } TermList;

int qn_reader_phrase(QnIndexReader *r, const char *const *terms, const int *nterms, int nalt, int prefix,
                     QnRows *out) {
    Collected c;
    memset(&c, 0, sizeof c);
    int rc = SQLITE_OK;
    u8 *key = NULL;
    int keyCap = 0;
    for (int a = 0; rc == SQLITE_OK && a < nalt; a++) {
        if (nterms[a] + 1 > keyCap) {
            keyCap = nterms[a] + 1;
            u8 *nk = realloc(key, (size_t)keyCap);
            if (!nk) { rc = SQLITE_NOMEM; break; }
            key = nk;
        }
        key[0] = '0';
        memcpy(key + 1, terms[a], (size_t)nterms[a]);
        for (int s = 0; rc == SQLITE_OK && s < r->facts->nseg; s++) rc = scan_segment(r, s, key, nterms[a] + 1, prefix, &c);
    }
    free(key);
    TermList *tl = NULL;
    int ntl = 0;
    Entry *merged = NULL;
    if (rc == SQLITE_OK && c.nrun > 0) {
        sort_runs(c.run, c.nrun, r->arena);
        tl = calloc((size_t)c.nrun, sizeof *tl);
        merged = malloc((size_t)(c.ne ? c.ne : 1) * sizeof *merged);
        if (!tl || !merged) rc = SQLITE_NOMEM;
        int mpos = 0;
        for (int i = 0; rc == SQLITE_OK && i < c.nrun;) {
            /* runs [i, j) are one term, newest segment first; the same (term, segment) found
             * through two alternatives counts once */
            int j = i + 1;
            while (j < c.nrun && c.run[j].termLen == c.run[i].termLen &&
                   memcmp(r->arena + c.run[j].termOff, r->arena + c.run[i].termOff, (size_t)c.run[i].termLen) == 0) j++;
            /* newest-wins merge: walk the runs in parallel by rowid */
            int start = mpos;
            int nr = j - i;
            if (nr == 1) {
                /* one segment: its entries as they are, deletions dropped in place */
                const Run *run = &c.run[i];
                Entry *e = c.e + run->first;
                int n = 0;
                for (int k = 0; k < run->count; k++)
                    if (e[k].n > 0) e[n++] = e[k];
                if (n > 0) { tl[ntl].e = e; tl[ntl].n = n; tl[ntl].pos = 0; ntl++; }
                i = j;
                continue;
            }
            if (nr == 2 && c.run[i].seg != c.run[i + 1].seg) {
                /* two segments (the common case): a plain merge, the newer winning ties */
                const Entry *a = c.e + c.run[i].first, *b = c.e + c.run[i + 1].first;
                int na = c.run[i].count, nb = c.run[i + 1].count, x = 0, y = 0;
                while (x < na || y < nb) {
                    const Entry *e;
                    if (y >= nb || (x < na && a[x].rowid <= b[y].rowid)) {
                        e = &a[x];
                        if (y < nb && b[y].rowid == a[x].rowid) y++;
                        x++;
                    } else {
                        e = &b[y++];
                    }
                    if (e->n > 0) merged[mpos++] = *e;
                }
                if (mpos > start) { tl[ntl].e = merged + start; tl[ntl].n = mpos - start; tl[ntl].pos = 0; ntl++; }
                i = j;
                continue;
            }
            int idx[64];
            if (nr > 64) { rc = SQLITE_CORRUPT; break; } /* (not a format we expect: FTS5 ranks it) */
            for (int k = 0; k < nr; k++) idx[k] = 0;
            for (;;) {
                sqlite3_int64 best = 0;
                int have = 0, winner = -1;
                for (int k = 0; k < nr; k++) {
                    const Run *run = &c.run[i + k];
                    if (k > 0 && run->seg == c.run[i + k - 1].seg) continue; /* duplicate (term, segment) */
                    if (idx[k] >= run->count) continue;
                    sqlite3_int64 id = c.e[run->first + idx[k]].rowid;
                    if (!have || id < best) { best = id; winner = k; have = 1; }
                }
                if (!have) break;
                /* winner: the newest run holding `best` (runs are newest first, so the first) */
                for (int k = 0; k < nr; k++) {
                    const Run *run = &c.run[i + k];
                    if (k > 0 && run->seg == c.run[i + k - 1].seg) continue;
                    if (idx[k] < run->count && c.e[run->first + idx[k]].rowid == best) {
                        if (k < winner) winner = k;
                    }
                }
                const Entry *e = &c.e[c.run[i + winner].first + idx[winner]];
                if (e->n > 0) merged[mpos++] = *e;
                for (int k = 0; k < nr; k++) {
                    const Run *run = &c.run[i + k];
                    if (k > 0 && run->seg == c.run[i + k - 1].seg) continue;
                    if (idx[k] < run->count && c.e[run->first + idx[k]].rowid == best) idx[k]++;
                }
            }
            if (mpos > start) {
                tl[ntl].e = merged + start;
                tl[ntl].n = mpos - start;
                tl[ntl].pos = 0;
                ntl++;
            }
            i = j;
        }
    }
    /* the union over terms, by rowid (room for every posting reserved once) */
    if (rc == SQLITE_OK && ntl > 0) {
        int total = 0;
        for (int t = 0; t < ntl; t++) total += tl[t].n;
        rc = rows_reserve(out, total, total);
    }
    if (rc == SQLITE_OK && ntl == 1) {
        /* one term: a row per posting */
        int n = tl[0].n, base = out->n, ebase = out->nent;
        const Entry *e = tl[0].e;
        memcpy(out->ent + ebase, e, (size_t)n * sizeof *e);
        for (int i = 0; i < n; i++) {
            out->id[base + i] = e[i].rowid;
            out->first[base + i + 1] = ebase + i + 1;
        }
        out->n += n;
        out->nent += n;
    } else if (rc == SQLITE_OK && ntl == 2) {
        /* two terms (a stem looked up prefixed and bare, a word and its casing): one merge */
        const Entry *a = tl[0].e, *b = tl[1].e;
        int na = tl[0].n, nb = tl[1].n, x = 0, y = 0, n = out->n, ne = out->nent;
        while (x < na || y < nb) {
            if (y >= nb || (x < na && a[x].rowid < b[y].rowid)) {
                out->id[n] = a[x].rowid;
                out->ent[ne++] = a[x++];
            } else if (x >= na || b[y].rowid < a[x].rowid) {
                out->id[n] = b[y].rowid;
                out->ent[ne++] = b[y++];
            } else {
                out->id[n] = a[x].rowid;
                out->ent[ne++] = a[x++];
                out->ent[ne++] = b[y++];
            }
            out->first[++n] = ne;
        }
        out->n = n;
        out->nent = ne;
    } else if (rc == SQLITE_OK && ntl > 2 && ntl <= 4) {
        /* a few terms (a word's alternatives): merge them row by row */
        Entry group[4];
        for (;;) {
            sqlite3_int64 best = 0;
            int have = 0, hits = 0;
            for (int t = 0; t < ntl; t++) {
                if (tl[t].pos >= tl[t].n) continue;
                sqlite3_int64 id = tl[t].e[tl[t].pos].rowid;
                if (!have || id < best) { best = id; have = 1; }
            }
            if (!have) break;
            for (int t = 0; t < ntl; t++)
                if (tl[t].pos < tl[t].n && tl[t].e[tl[t].pos].rowid == best) group[hits++] = tl[t].e[tl[t].pos++];
            rc = rows_push(out, best, group, hits);
            if (rc != SQLITE_OK) break;
        }
    } else if (rc == SQLITE_OK && ntl > 4) {
        /* many terms (a prefix): group the entries by rowid with a counting sort over the
         * range of rowids (article ids are dense), instead of scanning every term per row */
        sqlite3_int64 lo = tl[0].e[0].rowid, hi = lo;
        int total = 0;
        for (int t = 0; t < ntl; t++) {
            if (tl[t].e[0].rowid < lo) lo = tl[t].e[0].rowid;
            if (tl[t].e[tl[t].n - 1].rowid > hi) hi = tl[t].e[tl[t].n - 1].rowid;
            total += tl[t].n;
        }
        sqlite3_int64 range = hi - lo + 1;
        int *start = range <= (sqlite3_int64)1 << 26 ? calloc((size_t)range + 2, sizeof(int)) : NULL;
        Entry *ord = malloc((size_t)total * sizeof *ord);
        if (!start || !ord) rc = range <= (sqlite3_int64)1 << 26 ? SQLITE_NOMEM : SQLITE_CORRUPT;
        if (rc == SQLITE_OK) {
            for (int t = 0; t < ntl; t++)
                for (int i = 0; i < tl[t].n; i++) start[tl[t].e[i].rowid - lo + 1]++;
            for (sqlite3_int64 i = 0; i < range; i++) start[i + 1] += start[i];
            /* filled from the back, so that start[slot + 1] ends up at the slot's first entry */
            for (int t = ntl - 1; t >= 0; t--)
                for (int i = tl[t].n - 1; i >= 0; i--) ord[--start[tl[t].e[i].rowid - lo + 1]] = tl[t].e[i];
            for (sqlite3_int64 slot = 0; rc == SQLITE_OK && slot < range; slot++) {
                int from = start[slot + 1], to = slot + 1 < range ? start[slot + 2] : total;
                if (from < to) rc = rows_push(out, lo + slot, ord + from, to - from);
            }
        }
        free(start);
        free(ord);
    }
    free(tl);
    free(merged);
    free(c.e);
    free(c.run);
    return rc;
}
