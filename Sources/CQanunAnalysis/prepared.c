/*
 * Documents analysed ahead of time, on another thread.
 *
 * Ingest parses file N+1 and analyses its articles on a second core while the first core writes
 * file N into the index. `qn_prepare_document` stores the terms a document produces; when FTS5
 * then asks the tokenizer for that exact text, the stored terms are replayed instead of analysed
 * again. The text itself is the key (hash, then byte comparison), so a miss only costs the
 * ordinary analysis: results never depend on whether a document was prepared.
 */
#include "qanun_analysis.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct Entry {
    struct Entry *next;
    uint64_t hash;
    int len;            /* text length */
    char *text;
    char *terms;        /* records: int32 len, int32 colocated, int32 start, int32 end, bytes */
    int nterms_bytes;
} Entry;

enum { BUCKETS = 4096 };
static Entry *g_table[BUCKETS];
static int g_count;
static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;

/* A hash of the length and of some 300 bytes spread over the text: the lookup compares the whole
 * text anyway, and hashing every byte of every article cost the writing thread more than that. */
static uint64_t text_key(const char *s, int n) {
    uint64_t h = 1469598103934665603ull ^ (uint64_t)(unsigned)n;
    int step = n > 4096 ? n / 256 : 1;
    for (int i = 0; i < n; i += step) { h ^= (unsigned char)s[i]; h *= 1099511628211ull; }
    for (int i = n > 32 ? n - 32 : 0; i < n; i++) { h ^= (unsigned char)s[i]; h *= 1099511628211ull; }
    return h;
}

typedef struct { char *p; int n, cap; } Out;

static int collect(void *ctx, int colocated, const char *t, int n, int start, int end) {
    Out *o = ctx;
    int need = 16 + n;
    if (o->n + need > o->cap) {
        int cap = o->cap ? o->cap * 2 : 4096;
        while (cap < o->n + need) cap *= 2;
        char *np = realloc(o->p, (size_t)cap);
        if (!np) return 1;
        o->p = np; o->cap = cap;
    }
    int32_t rec[4] = { n, colocated, start, end };
    memcpy(o->p + o->n, rec, 16);
    memcpy(o->p + o->n + 16, t, (size_t)n);
    o->n += need;
    return 0;
}

int qn_prepare_document(const char *text, int len) {
    Out o = { 0 };
    if (qn_analyze(text, len, QN_LANG_ANY, QN_MODE_INDEX, &o, collect) != 0) { free(o.p); return -1; }
    Entry *e = malloc(sizeof *e);
    char *copy = malloc((size_t)len + 1);
    if (!e || !copy) { free(e); free(copy); free(o.p); return -1; }
    memcpy(copy, text, (size_t)len);
    e->hash = text_key(text, len);
    e->len = len;
    e->text = copy;
    e->terms = o.p;
    e->nterms_bytes = o.n;
    pthread_mutex_lock(&g_lock);
    Entry **b = &g_table[e->hash % BUCKETS];
    e->next = *b;
    *b = e;
    g_count++;
    pthread_mutex_unlock(&g_lock);
    return 0;
}

static void free_entry(Entry *e) { free(e->text); free(e->terms); free(e); }

void qn_prepared_clear(void) {
    pthread_mutex_lock(&g_lock);
    for (int i = 0; i < BUCKETS; i++) {
        Entry *e = g_table[i];
        while (e) { Entry *n = e->next; free_entry(e); e = n; }
        g_table[i] = NULL;
    }
    g_count = 0;
    pthread_mutex_unlock(&g_lock);
}

int qn_prepared_count(void) {
    pthread_mutex_lock(&g_lock);
    int n = g_count;
    pthread_mutex_unlock(&g_lock);
    return n;
}

/* Replays and removes the prepared terms of `text`; returns 1 if there were some (then `*rc`
 * holds what the emit callback returned), 0 if the text was not prepared. */
int qn_prepared_replay(const char *text, int len, void *ctx, qn_emit_fn emit, int *rc) {
    if (g_count == 0) return 0; /* racy read: a miss only costs the ordinary analysis */
    uint64_t h = text_key(text, len);
    pthread_mutex_lock(&g_lock);
    Entry **p = &g_table[h % BUCKETS];
    Entry *e = *p;
    while (e && !(e->hash == h && e->len == len && memcmp(e->text, text, (size_t)len) == 0)) { p = &e->next; e = *p; }
    if (e) { *p = e->next; g_count--; }
    pthread_mutex_unlock(&g_lock);
    if (!e) return 0;
    *rc = 0;
    for (int i = 0; i < e->nterms_bytes && *rc == 0;) {
        int32_t rec[4];
        memcpy(rec, e->terms + i, 16);
        *rc = emit(ctx, rec[1], e->terms + i + 16, rec[0], rec[2], rec[3]);
        i += 16 + rec[0];
    }
    free_entry(e);
    return 1;
}
