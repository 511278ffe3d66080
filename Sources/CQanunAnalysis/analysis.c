/*
 * Qanun text analysis (see include/qanun_analysis.h for the contract).
 *
 * Pipeline for one text:
 *   1. Segmentation. A fast path classifies code points of the scripts our acts use (ASCII, Latin
 *      incl. Azerbaijani letters, IPA block for ə, Cyrillic) and finds words the way ICU's word
 *      break rules do for them (letters/digits, apostrophe inside words, '.'/',' inside numbers).
 *      Runs containing any other script go through ICU's word break iterator.
 *      Deliberate difference from ICU: '-', '.', '/' and ',' between alphanumerics join the
 *      pieces into a compound, so legal identifiers (5485-1, 44-ФЗ, 1436-VQD, 38.6.2, 95/46/EC)
 *      are searchable whole. A compound takes ONE position; its parts are colocated with it, so
 *      `government` finds `e-government` and phrases around a compound keep their positions.
 *   2. Normalisation. NFKC (only words that need it: ICU's quick check decides, per code point,
 *      at start-up), lower-casing (Azerbaijani I->ı, İ->i in az rows; root elsewhere), ё->е,
 *      Cyrillic ә->ə (a common typing slip in az texts).
 *   3. Folding. Documents also index the ASCII-folded form of Latin words (ə->e, ı->i, ş->s,
 *      ğ->g, ç->c, ö->o, ü->u, other Latin diacritics) at the same position, so `ferdi melumat`
 *      finds `fərdi məlumat`. Queries look up only what the user typed, so `ılıq` does not
 *      match `iliq`, while `iliq` matches both.
 *   4. Stemming. Each word's stem, prefixed with its language (`az~qanun`), is colocated with
 *      the exact form: Azerbaijani by our own rules (stem_az.c) on the letter-folded word, so one
 *      stem serves `məlumatların` and `melumatlarin`,
 *      Russian and English by Snowball (stem_snowball.c). Words with digits are not stemmed.
 *      In query mode the `\x01st\x01` marker asks for the stems instead of the exact forms.
 */
#include "qanun_analysis.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sqlite3.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

/* ---------------------------------------------------------------- tables */

enum { C_SEP = 0, C_ALNUM = 1, C_APOS = 2, C_HYPHEN = 3, C_DOT = 4, C_COMMA = 5, C_SLASH = 6, C_COMPLEX = 7 };

#define TAB_LIMIT 0x530 /* code points below this are handled by the tables */

static unsigned char g_class[TAB_LIMIT];
static unsigned char g_slow[TAB_LIMIT];     /* 1: needs NFKC (compatibility char or combining mark) */
static UChar32 g_lower[TAB_LIMIT];          /* root simple lower-case + our normalisations */
static char g_fold[TAB_LIMIT][3];           /* ASCII fold of a lower-case Latin letter, "" if none */
static unsigned char g_fold_len[TAB_LIMIT];  /* strlen(g_fold[c]) */
static const UNormalizer2 *g_nfkc;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

static int is_digit_cp(UChar32 c) { return c >= '0' && c <= '9'; }

static unsigned char classify_cp(UChar32 c) {
    if (c < 0x80) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') return C_ALNUM;
        switch (c) {
        case '\'': return C_APOS;
        case '-': return C_HYPHEN;
        case '.': return C_DOT;
        case ',': return C_COMMA;
        case '/': return C_SLASH;
        default: return C_SEP;
        }
    }
    if (c < 0xC0) {
        switch (c) {
        case 0xAA: case 0xBA: case 0xB2: case 0xB3: case 0xB9: case 0xB5: case 0xBC: case 0xBD: case 0xBE:
            return C_ALNUM;
        default: return C_SEP;
        }
    }
    if (c == 0xD7 || c == 0xF7) return C_SEP;
    if (c == 0x2BB || c == 0x2BC) return C_APOS;
    if (c < 0x530) return C_ALNUM;
    return C_COMPLEX;
}

static void init_tables(void) {
    UErrorCode err = U_ZERO_ERROR;
    g_nfkc = unorm2_getNFKCInstance(&err);
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&err);
    for (UChar32 c = 0; c < TAB_LIMIT; c++) {
        g_class[c] = classify_cp(c);
        UChar s[2];
        int32_t n = 0;
        U16_APPEND_UNSAFE(s, n, c);
        UErrorCode e = U_ZERO_ERROR;
        g_slow[c] = (c >= 0x80 && (u_getCombiningClass(c) != 0 || !unorm2_isNormalized(g_nfkc, s, n, &e))) ? 1 : 0;
        UChar32 l = u_tolower(c);
        if (l == 0x451) l = 0x435;          /* ё -> е */
        if (l == 0x4D9) l = 0x259;          /* Cyrillic ә -> Latin ə */
        g_lower[c] = l;
        g_fold[c][0] = 0;
    }
    /* ASCII folds for lower-case Latin letters with diacritics: NFD base letter, plus specials. */
    for (UChar32 c = 0xC0; c < 0x250; c++) {
        if (u_tolower(c) != c) continue;
        UChar buf[8];
        UErrorCode e = U_ZERO_ERROR;
        int32_t n = unorm2_getDecomposition(nfd, c, buf, 8, &e);
        if (n > 0 && U_SUCCESS(e) && buf[0] < 0x80 && u_isalpha(buf[0])) {
            g_fold[c][0] = (char)buf[0];
            g_fold[c][1] = 0;
        }
    }
    static const struct { UChar32 c; const char *f; } specials[] = {
        {0x259, "e"}, {0x131, "i"}, {0xF8, "o"}, {0x111, "d"}, {0x142, "l"}, {0xDF, "ss"},
        {0xE6, "ae"}, {0x153, "oe"}, {0x127, "h"}, {0xF0, "d"}, {0xFE, "th"},
    };
    for (size_t i = 0; i < sizeof specials / sizeof specials[0]; i++) {
        strcpy(g_fold[specials[i].c], specials[i].f);
    }
    for (UChar32 c = 0; c < TAB_LIMIT; c++) g_fold_len[c] = (unsigned char)strlen(g_fold[c]);
}

static void ensure_init(void) { pthread_once(&g_once, init_tables); }

/* ---------------------------------------------------------------- UTF-8 */

/* Decode one code point at s[i] (i < n). Invalid bytes decode as U+FFFD of length 1. */
static inline int u8_next(const unsigned char *s, int n, int i, UChar32 *out) {
    unsigned char b = s[i];
    if (b < 0x80) { *out = b; return 1; }
    int len; UChar32 c;
    if (b >= 0xC2 && b <= 0xDF) { len = 2; c = b & 0x1F; }
    else if (b >= 0xE0 && b <= 0xEF) { len = 3; c = b & 0x0F; }
    else if (b >= 0xF0 && b <= 0xF4) { len = 4; c = b & 0x07; }
    else { *out = 0xFFFD; return 1; }
    if (i + len > n) { *out = 0xFFFD; return 1; }
    for (int k = 1; k < len; k++) {
        unsigned char t = s[i + k];
        if ((t & 0xC0) != 0x80) { *out = 0xFFFD; return 1; }
        c = (c << 6) | (t & 0x3F);
    }
    *out = c;
    return len;
}

static inline int u8_put(char *o, UChar32 c) {
    if (c < 0x80) { o[0] = (char)c; return 1; }
    if (c < 0x800) { o[0] = (char)(0xC0 | (c >> 6)); o[1] = (char)(0x80 | (c & 0x3F)); return 2; }
    if (c < 0x10000) {
        o[0] = (char)(0xE0 | (c >> 12)); o[1] = (char)(0x80 | ((c >> 6) & 0x3F)); o[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (c >> 18)); o[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((c >> 6) & 0x3F)); o[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

static inline unsigned char class_of(UChar32 c) {
    if (c < TAB_LIMIT) return g_class[c];
    if (c == 0x2010 || c == 0x2011) return C_HYPHEN;
    if (c == 0x2019) return C_APOS;
    if (c >= 0x2000 && c <= 0x206F) return C_SEP;              /* general punctuation */
    if (c >= 0x2070 && c <= 0x209F) return C_ALNUM;            /* super/subscripts (NFKC) */
    if (c >= 0x20A0 && c <= 0x2BFF) return C_SEP;              /* currency, letterlike, arrows, shapes */
    if (c >= 0x3000 && c <= 0x303F) return C_SEP;
    if (c == 0xFEFF || c == 0xFFFD || (c >= 0xE000 && c <= 0xF8FF)) return C_SEP;
    return C_COMPLEX;
}

/* ---------------------------------------------------------------- buffers */

typedef struct { char *p; int n; int cap; char local[256]; } Buf;

static void buf_init(Buf *b) { b->p = b->local; b->n = 0; b->cap = (int)sizeof b->local; }
static void buf_free(Buf *b) { if (b->p != b->local) free(b->p); }
static int buf_reserve(Buf *b, int extra) {
    if (b->n + extra <= b->cap) return 1;
    int cap = b->cap * 2;
    while (cap < b->n + extra) cap *= 2;
    char *np = malloc((size_t)cap);
    if (!np) return 0;
    memcpy(np, b->p, (size_t)b->n);
    if (b->p != b->local) free(b->p);
    b->p = np; b->cap = cap;
    return 1;
}

/* ---------------------------------------------------------------- words */

typedef struct {
    int lang, mode;
    int stems_only;   /* query mode: emit stems instead of exact forms */
    int elide;        /* index mode: leave out stems equal to a form already at the position */
    void *ctx;
    qn_emit_fn emit;
    int rc;
    int pending;      /* terms already emitted at the current position */
    /* terms emitted at the current position, to avoid duplicates (offsets into `seen`) */
    Buf seen;
    int seen_off[32];
    int seen_len[32];
    int nseen;
} Run;

static int emit_term(Run *r, const char *t, int n, int start, int end) {
    if (r->rc || n <= 0) return r->rc;
    for (int i = 0; i < r->nseen; i++) {
        if (r->seen_len[i] == n && memcmp(r->seen.p + r->seen_off[i], t, (size_t)n) == 0) return 0;
    }
    if (r->elide && n > 3 && t[2] == '~' && (t[0] == 'r' || t[0] == 'e')) {
        /* a Russian or English stem (`ru~закон`) that is also a form at this position (`закон`).
         * Not Azerbaijani: its stems come from the letter-folded word, and a bare `iliq` would let
         * `ılıq` find the English word `iliq` */
        for (int i = 0; i < r->nseen; i++) {
            if (r->seen_len[i] == n - 3 && memcmp(r->seen.p + r->seen_off[i], t + 3, (size_t)n - 3) == 0) return 0;
        }
    }
    if (r->nseen < 32 && buf_reserve(&r->seen, n)) {
        r->seen_off[r->nseen] = r->seen.n;
        r->seen_len[r->nseen] = n;
        memcpy(r->seen.p + r->seen.n, t, (size_t)n);
        r->seen.n += n;
        r->nseen++;
    }
    r->rc = r->emit(r->ctx, r->pending > 0 ? 1 : 0, t, n, start, end);
    r->pending++;
    return r->rc;
}

static void next_position(Run *r) { r->pending = 0; r->nseen = 0; r->seen.n = 0; }

/* Lower-case and normalise the bytes [s, s+n) of one word into `out`.
 * az_i: map ASCII 'I' to dotless ı (Azerbaijani rows). */
static void normalise_word(const unsigned char *s, int n, int az_i, Buf *out) {
    int ascii = 1;
    for (int i = 0; i < n; i++) if (s[i] >= 0x80) { ascii = 0; break; }
    if (ascii) {
        /* the common case: one pass, a table lower-case per byte (Azerbaijani I is dotless ı) */
        buf_reserve(out, n * 2 + 4);
        for (int i = 0; i < n; i++) {
            unsigned char b = s[i];
            if (b == 'I' && az_i) { out->p[out->n++] = (char)0xC4; out->p[out->n++] = (char)0xB1; }
            else out->p[out->n++] = (char)g_lower[b];
        }
        return;
    }
    int slow = 0;
    for (int i = 0; i < n;) {
        UChar32 c; i += u8_next(s, n, i, &c);
        if (c >= TAB_LIMIT || g_slow[c]) { slow = 1; break; }
    }
    if (!slow) {
        buf_reserve(out, n * 2 + 4);
        for (int i = 0; i < n;) {
            UChar32 c; i += u8_next(s, n, i, &c);
            UChar32 l = (c == 'I' && az_i) ? 0x131 : g_lower[c];
            out->n += u8_put(out->p + out->n, l);
        }
        return;
    }
    /* Slow path: UTF-16, NFKC, then the same per-code-point lower-casing. */
    UChar local16[128], nlocal[256];
    UChar *u16 = local16, *norm = nlocal;
    int32_t n16 = 0, nn = 0;
    UErrorCode e = U_ZERO_ERROR;
    u_strFromUTF8Lenient(NULL, 0, &n16, (const char *)s, n, &e);
    e = U_ZERO_ERROR;
    if (n16 + 1 > 128) u16 = malloc(sizeof(UChar) * (size_t)(n16 + 1));
    u_strFromUTF8Lenient(u16, n16 + 1, &n16, (const char *)s, n, &e);
    int32_t cap = n16 * 4 + 16;
    if (cap > 256) norm = malloc(sizeof(UChar) * (size_t)cap);
    e = U_ZERO_ERROR;
    nn = unorm2_normalize(g_nfkc, u16, n16, norm, cap, &e);
    if (U_FAILURE(e)) { memcpy(norm, u16, sizeof(UChar) * (size_t)n16); nn = n16; }
    buf_reserve(out, nn * 4 + 4);
    for (int32_t i = 0; i < nn;) {
        UChar32 c; U16_NEXT(norm, i, nn, c);
        UChar32 l;
        if (c == 'I' && az_i) l = 0x131;
        else if (c < TAB_LIMIT) l = g_lower[c];
        else l = u_tolower(c);
        if (u_getCombiningClass(l) != 0 && l == 0x307) continue; /* stray combining dot above */
        out->n += u8_put(out->p + out->n, l);
    }
    if (u16 != local16) free(u16);
    if (norm != nlocal) free(norm);
}

/* ASCII-fold an already lower-cased word. Returns 1 if anything changed. */
static int fold_word(const char *s, int n, Buf *out) {
    int changed = 0;
    buf_reserve(out, n + 4);
    int ascii = 1;
    for (int i = 0; i < n; i++) if ((unsigned char)s[i] >= 0x80) { ascii = 0; break; }
    if (ascii) { memcpy(out->p + out->n, s, (size_t)n); out->n += n; return 0; }
    for (int i = 0; i < n;) {
        UChar32 c; int k = u8_next((const unsigned char *)s, n, i, &c);
        if (c < TAB_LIMIT && c >= 0x80 && g_fold_len[c]) {
            int fl = g_fold_len[c];
            buf_reserve(out, fl);
            memcpy(out->p + out->n, g_fold[c], (size_t)fl);
            out->n += fl;
            changed = 1;
        } else {
            buf_reserve(out, k);
            memcpy(out->p + out->n, s + i, (size_t)k);
            out->n += k;
        }
        i += k;
    }
    return changed;
}

static int has_ascii_I(const unsigned char *s, int n) {
    for (int i = 0; i < n; i++) if (s[i] == 'I') return 1;
    return 0;
}

/* Lower-case the compound made of pieces [ps[i], pe[i]) into `out`, joiners normalised
 * (’ -> ', ‑ -> -). */
static void build_whole(const unsigned char *text, const int *ps, const int *pe, int np, int az_i, Buf *out) {
    for (int i = 0; i < np; i++) {
        if (i > 0) {
            UChar32 j; u8_next(text, ps[i], pe[i - 1], &j);
            unsigned char cl = class_of(j);
            buf_reserve(out, 1);
            out->p[out->n++] = cl == C_APOS ? '\'' : cl == C_HYPHEN ? '-' : (char)j;
        }
        normalise_word(text + ps[i], pe[i] - ps[i], az_i, out);
    }
}

/* Emit the ASCII fold of an emitted lower-cased term at the same position, if it differs. */
static void emit_fold(Run *r, const char *t, int n, int start, int end) {
    Buf f; buf_init(&f);
    if (fold_word(t, n, &f)) emit_term(r, f.p, f.n, start, end);
    buf_free(&f);
}

/* ---------------------------------------------------------------- stems */

/* A per-thread cache of stems: words repeat (Zipf), stemming is ~0.3 µs a word. */
enum { CACHE_SLOTS = 65536, CACHE_KEY = 46 };
typedef struct { unsigned char lang, klen, vlen; char key[CACHE_KEY]; char val[CACHE_KEY + 4]; } CacheEntry;
static _Thread_local CacheEntry *t_cache;

/* The caches are per thread and freed when their thread ends (ingest starts a thread per batch). */
typedef struct { void *p; size_t n; int mapped; } CacheBlock;
typedef struct { CacheBlock block[2]; } ThreadCaches;
static pthread_key_t g_caches_key;
static pthread_once_t g_caches_once = PTHREAD_ONCE_INIT;

static void caches_free(void *v) {
    ThreadCaches *tc = v;
    for (int i = 0; i < 2; i++) {
        if (!tc->block[i].p) continue;
        if (tc->block[i].mapped) munmap(tc->block[i].p, tc->block[i].n);
        else free(tc->block[i].p);
    }
    free(tc);
}
static void caches_key_init(void) { pthread_key_create(&g_caches_key, caches_free); }

/* Zeroed memory for cache `which` of this thread, backed by real pages from the start
 * (MAP_POPULATE, Linux): calloc'd pages are mapped to the shared zero page on the first read and
 * copied on the first write, each copy a fault plus a TLB flush on every core the process runs on
 * (and a compiler turns malloc + memset into calloc). */
static void *zeroed(int which, size_t n) {
    pthread_once(&g_caches_once, caches_key_init);
    ThreadCaches *tc = pthread_getspecific(g_caches_key);
    if (!tc) {
        tc = calloc(1, sizeof *tc);
        if (!tc) return NULL;
        pthread_setspecific(g_caches_key, tc);
    }
    void *p = NULL;
    int mapped = 0;
#ifdef MAP_POPULATE
    p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (p == MAP_FAILED) p = NULL; else mapped = 1;
#endif
    if (!p) p = calloc(1, n);
    if (p) { tc->block[which].p = p; tc->block[which].n = n; tc->block[which].mapped = mapped; }
    return p;
}

static unsigned hash_word(int lang, const char *w, int n) {
    unsigned h = 2166136261u ^ (unsigned)lang;
    for (int i = 0; i < n; i++) { h ^= (unsigned char)w[i]; h *= 16777619u; }
    return h;
}

/* Stem `w` (lower-cased) for `lang` into `out`; returns the length or -1. */
static int stem_word(int lang, const char *w, int n, char *out, int cap) {
    if (n <= 0) return -1;
    CacheEntry *e = NULL;
    if (n <= CACHE_KEY) {
        if (!t_cache) t_cache = zeroed(0, CACHE_SLOTS * sizeof(CacheEntry));
        if (t_cache) {
            e = &t_cache[hash_word(lang, w, n) & (CACHE_SLOTS - 1)];
            if (e->klen == n && e->lang == lang + 1 && memcmp(e->key, w, (size_t)n) == 0) {
                if (e->vlen == 255 || e->vlen > cap) return -1;
                memcpy(out, e->val, e->vlen);
                return e->vlen;
            }
        }
    }
    int r;
    switch (lang) {
    case QN_LANG_AZ: r = qn_stem_az(w, n, out, cap); break;
    case QN_LANG_RU: r = qn_stem_snowball(0, w, n, out, cap); break;
    case QN_LANG_EN: r = qn_stem_snowball(1, w, n, out, cap); break;
    default: r = -1;
    }
    if (e && r <= CACHE_KEY + 4) {
        e->lang = (unsigned char)(lang + 1); e->klen = (unsigned char)n;
        memcpy(e->key, w, (size_t)n);
        e->vlen = r < 0 ? 255 : (unsigned char)r;
        if (r > 0) memcpy(e->val, out, (size_t)r);
    }
    return r;
}

static int has_digit(const char *s, int n) {
    for (int i = 0; i < n; i++) if (s[i] >= '0' && s[i] <= '9') return 1;
    return 0;
}

static int is_cyrillic_word(const char *s, int n) {
    for (int i = 0; i < n; i++) {
        unsigned char b = (unsigned char)s[i];
        if (b == 0xD0 || b == 0xD1 || b == 0xD2 || b == 0xD3) return 1;
    }
    return 0;
}

/* Latin letters only Azerbaijani has (ə ı ğ ş ç ö ü): then the word cannot be English. */
static int has_az_letter(const char *s, int n) {
    for (int i = 0; i + 1 < n; i++) {
        unsigned char a = (unsigned char)s[i], b = (unsigned char)s[i + 1];
        if ((a == 0xC9 && b == 0x99) || (a == 0xC4 && (b == 0xB1 || b == 0x9F)) || (a == 0xC5 && b == 0x9F) ||
            (a == 0xC3 && (b == 0xA7 || b == 0xB6 || b == 0xBC))) return 1;
    }
    return 0;
}

/* Emit `prefix~stem(w)` for one language at the current position (Azerbaijani may give two
 * stems, separated by a space). */
static void emit_stem_lang(Run *r, int lang, const char *w, int n, int start, int end) {
    char stems[600], term[300];
    static const char *const prefix[3] = { "az~", "ru~", "en~" };
    int k = stem_word(lang, w, n, stems, (int)sizeof stems);
    for (int i = 0; i < k;) {
        int j = i;
        while (j < k && stems[j] != ' ') j++;
        int len = j - i;
        if (len > 0 && len + 3 <= (int)sizeof term) {
            memcpy(term, prefix[lang], 3);
            memcpy(term + 3, stems + i, (size_t)len);
            emit_term(r, term, len + 3, start, end);
            /* the index leaves out a Russian or English stem that is the word itself (QN_MODE_INDEX) */
            if (r->stems_only && lang != QN_LANG_AZ) emit_term(r, stems + i, len, start, end);
        }
        i = j + 1;
    }
}

/* Azerbaijani stems are taken from the word without its letters (ə->e, ı->i, ...): one stem
 * form serves the word as written and as typed on a keyboard without Azerbaijani letters, and
 * each position stores half the stem terms. */
static void emit_az_stem(Run *r, const char *w, int n, int start, int end) {
    Buf f; buf_init(&f);
    if (fold_word(w, n, &f)) emit_stem_lang(r, QN_LANG_AZ, f.p, f.n, start, end);
    else emit_stem_lang(r, QN_LANG_AZ, w, n, start, end);
    buf_free(&f);
}

/* Emit the stems of one lower-cased word (or compound without digits) for the run's language;
 * for Azerbaijani also the stem of its folded form. */
static void emit_stems(Run *r, const char *w, int n, int start, int end) {
    if (n <= 0 || n > 240 || has_digit(w, n)) return;
    int lang = r->lang;
    if (lang == QN_LANG_ANY) {
        if (is_cyrillic_word(w, n)) { emit_stem_lang(r, QN_LANG_RU, w, n, start, end); return; }
        emit_az_stem(r, w, n, start, end);
        if (!has_az_letter(w, n)) emit_stem_lang(r, QN_LANG_EN, w, n, start, end);
        return;
    }
    if (lang == QN_LANG_AZ) emit_az_stem(r, w, n, start, end);
    else emit_stem_lang(r, lang, w, n, start, end);
}

/* The word an Azerbaijani compound is stemmed as: `Bakı'da` and `AR-ın` as `bakı` and `ar`
 * (the attached part is only suffixes), otherwise the compound without its joiners. */
static void az_stem_source(const unsigned char *text, const int *ps, const int *pe, int np, Buf *out) {
    int k = np;
    if (np >= 2) {
        Buf last; buf_init(&last);
        normalise_word(text + ps[np - 1], pe[np - 1] - ps[np - 1], 1, &last);
        if (qn_az_is_suffix_chain(last.p, last.n)) k = np - 1;
        buf_free(&last);
    }
    for (int i = 0; i < k; i++) normalise_word(text + ps[i], pe[i] - ps[i], 1, out);
}

/* Stems for a compound at its position (whole, and in documents each part). */
static void emit_compound_stems(Run *r, const unsigned char *text, const int *ps, const int *pe, int np,
                                const char *whole, int whole_n) {
    int start = ps[0], end = pe[np - 1];
    if (has_digit(whole, whole_n)) return; /* identifiers are not stemmed */
    if (np == 1 || r->lang == QN_LANG_RU || r->lang == QN_LANG_EN) {
        emit_stems(r, whole, whole_n, start, end);
    } else {
        Buf src; buf_init(&src);
        if (r->lang == QN_LANG_AZ) {
            az_stem_source(text, ps, pe, np, &src);
            emit_stems(r, src.p, src.n, start, end);
        } else {
            /* query without language: as Azerbaijani (joiners dropped) and as the whole */
            az_stem_source(text, ps, pe, np, &src);
            if (is_cyrillic_word(whole, whole_n)) emit_stem_lang(r, QN_LANG_RU, whole, whole_n, start, end);
            else emit_stem_lang(r, QN_LANG_AZ, src.p, src.n, start, end);
            if (!is_cyrillic_word(whole, whole_n) && !has_az_letter(whole, whole_n))
                emit_stem_lang(r, QN_LANG_EN, whole, whole_n, start, end);
        }
        buf_free(&src);
    }
    if (r->mode == QN_MODE_DOCUMENT && np > 1) {
        for (int i = 0; i < np && !r->rc; i++) {
            Buf part; buf_init(&part);
            normalise_word(text + ps[i], pe[i] - ps[i], r->lang == QN_LANG_AZ, &part);
            /* `da` in `Bakı'da` is a suffix, not a word */
            if (!(r->lang == QN_LANG_AZ && i > 0 && qn_az_is_suffix_chain(part.p, part.n)))
                emit_stems(r, part.p, part.n, ps[i], pe[i]);
            buf_free(&part);
        }
    }
}

/* ---------------------------------------------------------------- word cache */

/* Most words of a corpus are repeats. In document mode the terms of a one-piece word depend only
 * on its bytes and the row language, so each thread keeps the terms of recent words (a
 * direct-mapped table: a collision just analyses again) and replays them. Value: the terms in
 * emission order, each as one length byte and its bytes; the first term starts the position, the
 * others are colocated, all with the word's offsets. */
enum { WORD_SLOTS = 1 << 17, WORD_KEY = 30, WORD_VAL = 94 };
typedef struct { unsigned char lang, klen, vlen, nterms; char key[WORD_KEY]; char val[WORD_VAL]; } WordEntry;
static _Thread_local WordEntry *t_words;

typedef struct { qn_emit_fn emit; void *ctx; char val[WORD_VAL]; int n, nterms, ok; } WordCapture;

static int capture_emit(void *c, int colocated, const char *t, int n, int s, int e) {
    WordCapture *w = c;
    if (w->ok && n < 256 && w->n + 1 + n <= WORD_VAL) {
        w->val[w->n++] = (char)n;
        memcpy(w->val + w->n, t, (size_t)n);
        w->n += n;
        w->nterms++;
    } else {
        w->ok = 0;
    }
    return w->emit(w->ctx, colocated, t, n, s, e);
}

static void emit_compound_uncached(Run *r, const unsigned char *text, const int *ps, const int *pe, int np);

/* Emit the forms of one compound (pieces [ps[i], pe[i]) of the text) at one position. */
static void emit_compound(Run *r, const unsigned char *text, const int *ps, const int *pe, int np) {
    int start = ps[0], end = pe[np - 1], n = end - start;
    if (r->mode != QN_MODE_DOCUMENT || np != 1 || r->lang == QN_LANG_ANY || n > WORD_KEY) {
        emit_compound_uncached(r, text, ps, pe, np);
        return;
    }
    if (!t_words) t_words = zeroed(1, WORD_SLOTS * sizeof(WordEntry));
    if (!t_words) { emit_compound_uncached(r, text, ps, pe, np); return; }
    int key = r->lang + 1 + (r->elide ? 8 : 0);
    WordEntry *e = &t_words[hash_word(key, (const char *)text + start, n) & (WORD_SLOTS - 1)];
    if (e->klen == n && e->lang == key && memcmp(e->key, text + start, (size_t)n) == 0) {
        for (int i = 0, k = 0; k < e->nterms && !r->rc; k++) {
            int len = (unsigned char)e->val[i];
            r->rc = r->emit(r->ctx, k > 0, e->val + i + 1, len, start, end);
            i += 1 + len;
        }
        next_position(r);
        return;
    }
    WordCapture w;
    w.emit = r->emit; w.ctx = r->ctx; w.n = 0; w.nterms = 0; w.ok = 1;
    r->emit = capture_emit; r->ctx = &w;
    emit_compound_uncached(r, text, ps, pe, np);
    r->emit = w.emit; r->ctx = w.ctx;
    if (w.ok && !r->rc && w.nterms > 0 && w.nterms < 256) {
        e->lang = (unsigned char)key; e->klen = (unsigned char)n;
        e->vlen = (unsigned char)w.n; e->nterms = (unsigned char)w.nterms;
        memcpy(e->key, text + start, (size_t)n);
        memcpy(e->val, w.val, (size_t)w.n);
    }
}

static void emit_compound_uncached(Run *r, const unsigned char *text, const int *ps, const int *pe, int np) {
    int start = ps[0], end = pe[np - 1];
    if (r->mode == QN_MODE_POSITIONS) {
        r->rc = r->emit(r->ctx, 0, (const char *)text + start, end - start, start, end);
        return;
    }
    int az = (r->lang == QN_LANG_AZ);
    Buf whole;
    buf_init(&whole);
    build_whole(text, ps, pe, np, az, &whole);
    if (r->stems_only) {
        /* the stem half of a query term; identifiers (with digits) are looked up as typed */
        int before = r->pending;
        emit_compound_stems(r, text, ps, pe, np, whole.p, whole.n);
        if (r->pending == before) emit_term(r, whole.p, whole.n, start, end);
        next_position(r);
        buf_free(&whole);
        return;
    }
    emit_term(r, whole.p, whole.n, start, end);

    if (r->mode == QN_MODE_QUERY) {
        if (!az && has_ascii_I(text + start, end - start)) {
            /* Casing alternative: a capital I typed by the user may be Azerbaijani dotless ı. */
            Buf alt; buf_init(&alt);
            build_whole(text, ps, pe, np, 1, &alt);
            emit_term(r, alt.p, alt.n, start, end);
            buf_free(&alt);
        }
    } else {
        Buf f; buf_init(&f);
        int folded = fold_word(whole.p, whole.n, &f);
        if (folded) emit_term(r, f.p, f.n, start, end);
        /* Leading sub-compounds: `38.6.2-ci` is also `38.6.2` (Azerbaijani attaches case suffixes
         * to numbers with a hyphen), `1436-VQD-nin` also `1436-VQD`. */
        for (int k = 2; k < np && !r->rc; k++) {
            Buf sub; buf_init(&sub);
            build_whole(text, ps, pe, k, az, &sub);
            emit_term(r, sub.p, sub.n, start, pe[k - 1]);
            emit_fold(r, sub.p, sub.n, start, pe[k - 1]);
            buf_free(&sub);
        }
        for (int i = 0; np > 1 && i < np && !r->rc; i++) {
            Buf part; buf_init(&part);
            normalise_word(text + ps[i], pe[i] - ps[i], az, &part);
            emit_term(r, part.p, part.n, ps[i], pe[i]);
            emit_fold(r, part.p, part.n, ps[i], pe[i]);
            buf_free(&part);
        }
        if (np == 1 && r->lang == QN_LANG_AZ) {
            /* one Azerbaijani word: its stem comes from the fold just made (emit_az_stem's rule) */
            if (whole.n > 0 && whole.n <= 240 && !has_digit(whole.p, whole.n))
                emit_stem_lang(r, QN_LANG_AZ, folded ? f.p : whole.p, folded ? f.n : whole.n, start, end);
        } else {
            emit_compound_stems(r, text, ps, pe, np, whole.p, whole.n);
        }
        buf_free(&f);
    }
    next_position(r);
    buf_free(&whole);
}

/* Words of a run that contains scripts outside the fast path: ICU word break decides. */
static void analyze_complex(Run *r, const unsigned char *text, int start, int end) {
    UErrorCode e = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(NULL, (const char *)text + start, end - start, &e);
    UBreakIterator *bi = ubrk_open(UBRK_WORD, "", NULL, 0, &e);
    if (U_FAILURE(e)) { if (ut) utext_close(ut); if (bi) ubrk_close(bi); return; }
    ubrk_setUText(bi, ut, &e);
    int32_t prev = ubrk_first(bi);
    for (int32_t b = ubrk_next(bi); b != UBRK_DONE && !r->rc; prev = b, b = ubrk_next(bi)) {
        if (ubrk_getRuleStatus(bi) == UBRK_WORD_NONE) continue;
        int ps = start + prev, pe = start + b;
        emit_compound(r, text, &ps, &pe, 1);
    }
    ubrk_close(bi);
    utext_close(ut);
}

int qn_analyze(const char *ctext, int len, int lang, int mode, void *ctx, qn_emit_fn emit) {
    ensure_init();
    const unsigned char *text = (const unsigned char *)ctext;
    int i = 0, stems_only = 0;
    while (i + 4 <= len && text[i] == 1 && text[i + 3] == 1) {
        const unsigned char *m = text + i + 1;
        if (m[0] == 'a' && m[1] == 'z') lang = QN_LANG_AZ;
        else if (m[0] == 'r' && m[1] == 'u') lang = QN_LANG_RU;
        else if (m[0] == 'e' && m[1] == 'n') lang = QN_LANG_EN;
        else if (m[0] == 's' && m[1] == 't') stems_only = (mode == QN_MODE_QUERY);
        i += 4;
    }
    Run r = {0};
    if (mode == QN_MODE_INDEX) { r.elide = 1; mode = QN_MODE_DOCUMENT; }
    r.lang = lang; r.mode = mode; r.ctx = ctx; r.emit = emit; r.stems_only = stems_only;
    buf_init(&r.seen);

    enum { MAXP = 64 };
    int ps[MAXP], pe[MAXP];
    while (i < len && !r.rc) {
        UChar32 c; int k = u8_next(text, len, i, &c);
        unsigned char cl = class_of(c);
        if (cl == C_COMPLEX) {
            /* Hand the whole whitespace-delimited run to ICU. */
            int e = i;
            while (e < len) {
                UChar32 d; int kk = u8_next(text, len, e, &d);
                if (d == ' ' || d == '\n' || d == '\t' || d == '\r' || d == 0xA0) break;
                e += kk;
            }
            analyze_complex(&r, text, i, e);
            i = e;
            continue;
        }
        if (cl != C_ALNUM) { i += k; continue; }
        /* A compound: alnum pieces joined by joiner characters. */
        int np = 0;
        int j = i;
        for (;;) {
            int s = j;
            UChar32 last = 0, d;
            while (j < len) {
                int kk = u8_next(text, len, j, &d);
                if (class_of(d) != C_ALNUM) break;
                last = d; j += kk;
            }
            if (np < MAXP) { ps[np] = s; pe[np] = j; np++; }
            else pe[np - 1] = j;
            if (j >= len) break;
            UChar32 jc; int jk = u8_next(text, len, j, &jc);
            unsigned char jcl = class_of(jc);
            if (jcl == C_SEP || jcl == C_ALNUM || jcl == C_COMPLEX || j + jk >= len) break;
            UChar32 nx; u8_next(text, len, j + jk, &nx);
            if (class_of(nx) != C_ALNUM) break;
            int ok = 0;
            switch (jcl) {
            case C_APOS: ok = !is_digit_cp(last) && !is_digit_cp(nx); break;
            case C_HYPHEN: case C_DOT: ok = 1; break;
            case C_COMMA: ok = is_digit_cp(last) && is_digit_cp(nx); break;
            case C_SLASH: ok = is_digit_cp(last) || is_digit_cp(nx); break;
            }
            if (!ok) break;
            j += jk;
        }
        if (pe[np - 1] - ps[0] <= 512) emit_compound(&r, text, ps, pe, np);
        i = pe[np - 1];
    }
    buf_free(&r.seen);
    return r.rc;
}

/* ---------------------------------------------------------------- FTS5 */

int qn_prepared_replay(const char *text, int len, void *ctx, qn_emit_fn emit, int *rc); /* prepared.c */
int qn_register_rank_function(void *fts5_api, void *db); /* rank.c */

typedef struct { int lang; } QnTokenizer;

static int qn_fts_create(void *unused, const char **azArg, int nArg, Fts5Tokenizer **ppOut) {
    (void)unused;
    QnTokenizer *t = sqlite3_malloc(sizeof *t);
    if (!t) return SQLITE_NOMEM;
    t->lang = QN_LANG_ANY;
    if (nArg > 0) {
        if (strcmp(azArg[0], "az") == 0) t->lang = QN_LANG_AZ;
        else if (strcmp(azArg[0], "ru") == 0) t->lang = QN_LANG_RU;
        else if (strcmp(azArg[0], "en") == 0) t->lang = QN_LANG_EN;
        else { sqlite3_free(t); return SQLITE_ERROR; }
    }
    *ppOut = (Fts5Tokenizer *)t;
    return SQLITE_OK;
}

static void qn_fts_delete(Fts5Tokenizer *p) { sqlite3_free(p); }

typedef struct { void *pCtx; int (*xToken)(void *, int, const char *, int, int, int); } FtsEmit;

static int fts_emit(void *ctx, int colocated, const char *t, int n, int s, int e) {
    FtsEmit *fe = ctx;
    return fe->xToken(fe->pCtx, colocated ? FTS5_TOKEN_COLOCATED : 0, t, n, s, e);
}

static int qn_fts_tokenize(Fts5Tokenizer *p, void *pCtx, int flags, const char *pText, int nText,
                           int (*xToken)(void *, int, const char *, int, int, int)) {
    QnTokenizer *t = (QnTokenizer *)p;
    FtsEmit fe = { pCtx, xToken };
    if (!(flags & (FTS5_TOKENIZE_QUERY | FTS5_TOKENIZE_AUX))) {
        int rc;
        if (qn_prepared_replay(pText, nText, &fe, fts_emit, &rc)) return rc;
    }
    /* snippet() and highlight() only need positions and offsets (FTS5 skips colocated tokens
     * there), so they get the cheap positions-only pass instead of the full analysis */
    int mode = (flags & FTS5_TOKENIZE_QUERY) ? QN_MODE_QUERY
               : (flags & FTS5_TOKENIZE_AUX) ? QN_MODE_POSITIONS
                                             : QN_MODE_INDEX;
    return qn_analyze(pText, nText, t->lang, mode, &fe, fts_emit);
}

int qn_register_fts5_tokenizer(void *dbp) {
    sqlite3 *db = dbp;
    fts5_api *api = NULL;
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, NULL);
    if (rc != SQLITE_OK) return rc;
    sqlite3_bind_pointer(stmt, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(stmt);
    rc = sqlite3_finalize(stmt);
    if (rc != SQLITE_OK) return rc;
    if (!api || api->iVersion < 2) return SQLITE_ERROR;
    static fts5_tokenizer tok = { qn_fts_create, qn_fts_delete, qn_fts_tokenize };
    rc = api->xCreateTokenizer(api, "qanun", NULL, &tok, NULL);
    if (rc == SQLITE_OK) rc = qn_register_rank_function(api, db);
    return rc;
}
