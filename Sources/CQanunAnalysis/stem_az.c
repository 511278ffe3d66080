/*
 * Azerbaijani stemmer: inflectional suffix stripping that knows vowel harmony.
 *
 * A word is read right to left as   stem + voice + negation + tense/aspect + plural + possessive
 * + case + -kı + copula   (each slot optional; see `k_templates`). Every path through the
 * suffixes that obeys the language's rules is explored and the shortest stem wins. The rules:
 *
 *  - Harmony. A suffix's vowels agree with the last vowel of what precedes it: two-way A (a/ə)
 *    after back a ı o u / front e ə i ö ü, four-way I (ı/u/i/ü). `qanun` is never `qan` + genitive,
 *    because after `qan` the genitive is `-ın`, not `-un`.
 *  - Buffer consonants. Vowel-initial variants (`-ın`, `-a`, `-ı`) follow consonants; the buffered
 *    ones (`-nın`, `-ya`, `-sı`) follow vowels.
 *  - Alternations. k/q before a vowel-initial suffix become y/ğ in words of two syllables or more
 *    (`qanunvericiliyi` -> `qanunvericilik`, `torpağı` -> `torpaq`); the stem is restored.
 *  - Slots. Voice (passive `-ıl/-ın/-n`) and negation (`-ma`) are only stripped when a tense or
 *    verbal-noun suffix follows them, so a noun ending in `-n` or `-ma` keeps its ending.
 *  - A stem keeps at least two letters and one vowel; a bare stem-final vowel (the one a vowel-final
 *    noun shows before a buffer consonant: `büdcə`/`büdcəyə`) is normalised away only when at least
 *    four letters remain and it is in harmony, so `kitabə` stays apart from `kitab`.
 *
 * Derivational suffixes (-lıq, -lı, -sız, -çı, -daş, -ıcı) make new words and are never stripped
 * (`vətəndaş` / `vətəndaşlıq` stay apart); they take part in the alternations like any stem.
 *
 * Words typed without Azerbaijani letters (`melumatlarin`) are stemmed against the folded
 * suffixes with harmony relaxed to what the folded vowels can still tell (i may be ı or i), so the
 * folded form of a word and the word typed in ASCII reach the same stem.
 *
 * Exceptions are data (`az-stemmer.txt`, loaded through `qn_az_configure`): words that are never
 * shortened (`rəsmi` is not `rəsm` + accusative) and stem rewrites (`ed` -> `et`).
 */
#include "qanun_analysis.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utypes.h>

#define MAXW 64  /* longest word (code points) the stemmer looks at */

/* Harmony classes of a vowel: back unrounded, back rounded, front unrounded, front rounded. */
enum { BU = 1, BR = 2, FU = 4, FR = 8 };
/* Slot ranks, stem side first. A suffix may only precede (to its left) suffixes of lower rank. */
enum { R_STEMV = 0, R_VOICE = 1, R_NEG = 2, R_TAM = 3, R_PL = 4, R_POSS = 5, R_CASE = 6, R_KI = 7, R_COP = 8, R_END = 9 };
/* What must precede a suffix. */
enum { ANY = 0, NEEDV = 1, NEEDC = 2, NEEDL = 3 /* consonant l (passive -ın after l) */ };

typedef struct {
    const char *tpl;     /* A = a/ə, I = ı/u/i/ü, Q = q/k, G = ğ/y; other letters literal */
    unsigned char rank, need;
    unsigned char right; /* 0: may end the word; else the suffix to its right must have rank <= this */
} Template;

static const Template k_templates[] = {
    /* voice: passive */
    {"Il", R_VOICE, NEEDC, R_TAM}, {"In", R_VOICE, NEEDL, R_TAM}, {"n", R_VOICE, NEEDV, R_TAM},
    {"nIl", R_VOICE, NEEDV, R_TAM}, /* double passive: ödənilir, yoxlanılır */
    /* negation */
    {"mA", R_NEG, ANY, R_TAM},
    /* tense, aspect, mood, participles, converbs, verbal nouns */
    {"mAQ", R_TAM, ANY, 0}, {"mA", R_TAM, ANY, 0}, {"An", R_TAM, NEEDC, 0}, {"yAn", R_TAM, NEEDV, 0},
    {"mIş", R_TAM, ANY, 0}, {"AcAQ", R_TAM, NEEDC, 0}, {"yAcAQ", R_TAM, NEEDV, 0},
    {"Ir", R_TAM, NEEDC, 0}, {"yIr", R_TAM, NEEDV, 0}, {"mIr", R_TAM, ANY, 0}, {"mAz", R_TAM, ANY, 0},
    {"dI", R_TAM, ANY, 0}, {"dIm", R_TAM, ANY, 0}, {"dIn", R_TAM, ANY, 0}, {"dIQ", R_TAM, ANY, 0},
    {"dInIz", R_TAM, ANY, 0}, {"mAlI", R_TAM, ANY, 0}, {"ArAQ", R_TAM, NEEDC, 0},
    {"yArAQ", R_TAM, NEEDV, 0}, {"Ib", R_TAM, NEEDC, 0}, {"yIb", R_TAM, NEEDV, 0},
    {"sA", R_TAM, ANY, 0}, {"sIn", R_TAM, ANY, 0}, {"sInlAr", R_TAM, ANY, 0},
    /* plural */
    {"lAr", R_PL, ANY, 0},
    /* possessive (3rd person, 1st/2nd plural; 1sg/2sg are left out: they are rare in acts and
     * would make every word ending in -m or -n ambiguous) */
    {"I", R_POSS, NEEDC, 0}, {"sI", R_POSS, NEEDV, 0}, {"lArI", R_POSS, ANY, 0},
    {"ImIz", R_POSS, NEEDC, 0}, {"mIz", R_POSS, NEEDV, 0}, {"InIz", R_POSS, NEEDC, 0}, {"nIz", R_POSS, NEEDV, 0},
    /* case; the n-variants follow a possessive vowel ("pronominal n") */
    {"In", R_CASE, NEEDC, 0}, {"nIn", R_CASE, NEEDV, 0}, {"I", R_CASE, NEEDC, 0}, {"nI", R_CASE, NEEDV, 0},
    {"A", R_CASE, NEEDC, 0}, {"yA", R_CASE, NEEDV, 0}, {"nA", R_CASE, NEEDV, 0},
    {"dA", R_CASE, ANY, 0}, {"ndA", R_CASE, NEEDV, 0}, {"dAn", R_CASE, ANY, 0}, {"ndAn", R_CASE, NEEDV, 0},
    {"lA", R_CASE, NEEDC, 0}, {"ylA", R_CASE, NEEDV, 0},
    /* -kı after locative or genitive */
    {"dAkJ", R_KI, ANY, 0}, {"ndAkJ", R_KI, NEEDV, 0}, {"nInkJ", R_KI, NEEDV, 0}, {"InkJ", R_KI, NEEDC, 0},
    /* copula */
    {"dIr", R_COP, ANY, 0}, {"dIrlAr", R_COP, ANY, 0},
};

typedef struct {
    UChar32 cp[12];
    unsigned char n, rank, need, right, harm; /* harm: classes the preceding vowel may have; 0 = any */
    unsigned char vowel_initial;
} Suffix;

/* Concrete suffixes with Azerbaijani letters, and the same folded to ASCII. */
static Suffix g_exact[512], g_folded[512];
static int g_nexact, g_nfolded;

/* Exceptions (loaded by qn_az_configure): protected words, exact and folded; rewrites. */
typedef struct { UChar32 cp[MAXW]; int n; } Word;
static Word *g_protect;
static int g_nprotect;
static Word *g_rw_from, *g_rw_to;
static int g_nrw;
static Word *g_verbs;
static int g_nverbs;
static pthread_once_t g_suffix_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t g_config_lock = PTHREAD_MUTEX_INITIALIZER;

static int is_vowel(UChar32 c) {
    switch (c) {
    case 'a': case 0x131: case 'o': case 'u': case 'e': case 0x259: case 'i': case 0xF6: case 0xFC: return 1;
    default: return 0;
    }
}

static UChar32 fold_cp(UChar32 c) {
    switch (c) {
    case 0x259: return 'e'; case 0x131: return 'i'; case 0xF6: return 'o'; case 0xFC: return 'u';
    case 0x11F: return 'g'; case 0x15F: return 's'; case 0xE7: return 'c';
    default: return c;
    }
}

/* Classes a vowel can signal. In folded text i may be ı or i, o may be ö, u may be ü. */
static unsigned char vowel_classes(UChar32 v, int folded) {
    switch (v) {
    case 'a': case 0x131: return BU;
    case 'o': return folded ? (BR | FR) : BR;
    case 'u': return folded ? (BR | FR) : BR;
    case 'e': case 0x259: return FU;
    case 'i': return folded ? (BU | FU) : FU;
    case 0xF6: case 0xFC: return FR;
    default: return 0;
    }
}

static void add_suffix(Suffix *table, int *count, const UChar32 *cp, int n, const Template *t, unsigned char cls) {
    for (int i = 0; i < *count; i++) {
        Suffix *s = &table[i];
        if (s->n == n && s->rank == t->rank && s->need == t->need && s->right == t->right &&
            memcmp(s->cp, cp, sizeof(UChar32) * (size_t)n) == 0) {
            s->harm |= cls;
            return;
        }
    }
    if (*count >= 512) return;
    Suffix *s = &table[(*count)++];
    memcpy(s->cp, cp, sizeof(UChar32) * (size_t)n);
    s->n = (unsigned char)n; s->rank = t->rank; s->need = t->need; s->right = t->right;
    s->harm = cls;
    s->vowel_initial = is_vowel(cp[0]) ? 1 : 0;
}

static void build_suffixes(void) {
    static const unsigned char classes[4] = { BU, BR, FU, FR };
    for (size_t t = 0; t < sizeof k_templates / sizeof k_templates[0]; t++) {
        const Template *tp = &k_templates[t];
        int has_vowel = 0;
        for (const char *p = tp->tpl; *p; p++) if (*p == 'A' || *p == 'I') has_vowel = 1;
        for (int c = 0; c < 4; c++) {
            unsigned char cls = classes[c];
            unsigned char cur = cls; /* a suffix vowel harmonises with the vowel before it */
            UChar32 cp[12]; int n = 0;
            /* The template is ASCII except ş (UTF-8 C5 9F). */
            for (const unsigned char *p = (const unsigned char *)tp->tpl; *p && n < 12; p++) {
                int back = (cur == BU || cur == BR);
                UChar32 ch;
                switch (*p) {
                case 'A': ch = back ? 'a' : 0x259; cur = back ? BU : FU; break;
                case 'I': ch = cur == BU ? 0x131 : cur == BR ? 'u' : cur == FU ? 'i' : 0xFC; break;
                case 'J': ch = back ? 0x131 : 'i'; break;
                case 'Q': ch = back ? 'q' : 'k'; break;
                case 'G': ch = back ? 0x11F : 'y'; break;
                case 0xC5: ch = 0x15F; p++; break;
                default: ch = *p;
                }
                cp[n++] = ch;
            }
            unsigned char harm = has_vowel ? cls : 0;
            add_suffix(g_exact, &g_nexact, cp, n, tp, harm);
            for (int i = 0; i < n; i++) cp[i] = fold_cp(cp[i]);
            add_suffix(g_folded, &g_nfolded, cp, n, tp, harm);
            if (!has_vowel) break;
        }
    }
}

/* ---------------------------------------------------------------- exceptions */

static int utf8_to_cps(const char *s, int n, UChar32 *out, int cap) {
    int k = 0;
    for (int i = 0; i < n && k < cap;) {
        unsigned char b = (unsigned char)s[i];
        UChar32 c; int len;
        if (b < 0x80) { c = b; len = 1; }
        else if ((b & 0xE0) == 0xC0 && i + 1 < n) { c = ((b & 0x1F) << 6) | (s[i + 1] & 0x3F); len = 2; }
        else if ((b & 0xF0) == 0xE0 && i + 2 < n) {
            c = ((b & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F); len = 3;
        } else if ((b & 0xF8) == 0xF0 && i + 3 < n) {
            c = ((b & 0x07) << 18) | ((s[i + 1] & 0x3F) << 12) | ((s[i + 2] & 0x3F) << 6) | (s[i + 3] & 0x3F); len = 4;
        } else { return -1; }
        out[k++] = c;
        i += len;
    }
    return k;
}

static int cps_to_utf8(const UChar32 *cp, int n, char *out, int cap) {
    int k = 0;
    for (int i = 0; i < n; i++) {
        UChar32 c = cp[i];
        if (k + 4 > cap) return -1;
        if (c < 0x80) out[k++] = (char)c;
        else if (c < 0x800) { out[k++] = (char)(0xC0 | (c >> 6)); out[k++] = (char)(0x80 | (c & 0x3F)); }
        else if (c < 0x10000) {
            out[k++] = (char)(0xE0 | (c >> 12)); out[k++] = (char)(0x80 | ((c >> 6) & 0x3F));
            out[k++] = (char)(0x80 | (c & 0x3F));
        } else {
            out[k++] = (char)(0xF0 | (c >> 18)); out[k++] = (char)(0x80 | ((c >> 12) & 0x3F));
            out[k++] = (char)(0x80 | ((c >> 6) & 0x3F)); out[k++] = (char)(0x80 | (c & 0x3F));
        }
    }
    return k;
}

static int word_eq(const Word *w, const UChar32 *cp, int n) {
    return w->n == n && memcmp(w->cp, cp, sizeof(UChar32) * (size_t)n) == 0;
}

/* Store `n` words, exact and (when different) folded, into a fresh array. */
static Word *load_words(const char *const *words, int n, int *count, int *rc) {
    Word *out = calloc((size_t)(n * 2 + 1), sizeof(Word));
    *count = 0;
    for (int i = 0; i < n; i++) {
        Word *w = &out[*count];
        w->n = utf8_to_cps(words[i], (int)strlen(words[i]), w->cp, MAXW);
        if (w->n <= 0) { *rc = -1; continue; }
        (*count)++;
        Word *f = &out[*count];
        *f = *w;
        int changed = 0;
        for (int k = 0; k < f->n; k++) { UChar32 c = fold_cp(f->cp[k]); changed |= c != f->cp[k]; f->cp[k] = c; }
        if (changed) (*count)++;
    }
    return out;
}

int qn_az_configure(const char *const *protect, int nprotect, const char *const *rw_from,
                    const char *const *rw_to, int nrw, const char *const *verbs, int nverbs) {
    pthread_mutex_lock(&g_config_lock);
    free(g_verbs);
    int vrc = 0;
    g_verbs = load_words(verbs, nverbs, &g_nverbs, &vrc);
    free(g_protect); free(g_rw_from); free(g_rw_to);
    /* each protected word is stored exact and folded */
    g_protect = calloc((size_t)(nprotect * 2 + 1), sizeof(Word));
    g_rw_from = calloc((size_t)(nrw * 2 + 1), sizeof(Word));
    g_rw_to = calloc((size_t)(nrw * 2 + 1), sizeof(Word));
    g_nprotect = 0; g_nrw = 0;
    int rc = 0;
    for (int i = 0; i < nprotect; i++) {
        Word *w = &g_protect[g_nprotect];
        w->n = utf8_to_cps(protect[i], (int)strlen(protect[i]), w->cp, MAXW);
        if (w->n <= 0) { rc = -1; continue; }
        g_nprotect++;
        Word *f = &g_protect[g_nprotect];
        *f = *w;
        int changed = 0;
        for (int k = 0; k < f->n; k++) { UChar32 c = fold_cp(f->cp[k]); changed |= c != f->cp[k]; f->cp[k] = c; }
        if (changed) g_nprotect++;
    }
    for (int i = 0; i < nrw; i++) {
        Word *a = &g_rw_from[g_nrw], *b = &g_rw_to[g_nrw];
        a->n = utf8_to_cps(rw_from[i], (int)strlen(rw_from[i]), a->cp, MAXW);
        b->n = utf8_to_cps(rw_to[i], (int)strlen(rw_to[i]), b->cp, MAXW);
        if (a->n <= 0 || b->n <= 0) { rc = -1; continue; }
        g_nrw++;
        Word *fa = &g_rw_from[g_nrw], *fb = &g_rw_to[g_nrw];
        *fa = *a; *fb = *b;
        int changed = 0;
        for (int k = 0; k < fa->n; k++) { UChar32 c = fold_cp(fa->cp[k]); changed |= c != fa->cp[k]; fa->cp[k] = c; }
        for (int k = 0; k < fb->n; k++) fb->cp[k] = fold_cp(fb->cp[k]);
        if (changed) g_nrw++;
    }
    pthread_mutex_unlock(&g_config_lock);
    return rc | vrc;
}

/* Protected words and listed verb roots are never shortened. */
static int is_protected(const UChar32 *cp, int n) {
    for (int i = 0; i < g_nprotect; i++) if (word_eq(&g_protect[i], cp, n)) return 1;
    for (int i = 0; i < g_nverbs; i++) if (word_eq(&g_verbs[i], cp, n)) return 1;
    return 0;
}

/* ---------------------------------------------------------------- stripping */


/* A stem a tense/voice/negation suffix may attach to: a listed verb root, or a stem ending in a
 * verb-forming suffix. */
static int is_verb_stem(const UChar32 *cp, int n) {
    for (int i = 0; i < g_nverbs; i++) if (word_eq(&g_verbs[i], cp, n)) return 1;
    if (n < 4) return 0;
    /* verb-forming suffixes: -la/-lə (folded -le), -laş/-ləş (-las/-les), -dır/-dir/-dur/-dür */
    UChar32 a = cp[n - 2], b = cp[n - 1];
    if (a == 'l' && (b == 'a' || b == 0x259 || b == 'e')) return 1;
    if (n >= 5) {
        UChar32 c = cp[n - 3];
        if (c == 'l' && (a == 'a' || a == 0x259 || a == 'e') && (b == 0x15F || b == 's')) return 1;
        if (c == 'd' && b == 'r' && (a == 0x131 || a == 'i' || a == 'u' || a == 0xFC)) return 1;
    }
    return 0;
}

enum { MAXLEAVES = 8 };
typedef struct {
    const Suffix *table;
    int ntable;
    int folded;
    /* leaves: accepted stems from which nothing more can be stripped */
    UChar32 leaf[MAXLEAVES][MAXW];
    int leaf_n[MAXLEAVES];
    int leaf_alt[MAXLEAVES]; /* reached through an alternation (preferred on ties) */
    int nleaves;
} Search;

static int vowel_count(const UChar32 *cp, int n) {
    int v = 0;
    for (int i = 0; i < n; i++) v += is_vowel(cp[i]);
    return v;
}

static unsigned char last_vowel_classes(const UChar32 *cp, int n, int folded) {
    for (int i = n - 1; i >= 0; i--) if (is_vowel(cp[i])) return vowel_classes(cp[i], folded);
    return 0;
}

static void add_leaf(Search *s, const UChar32 *cp, int n, int alt) {
    for (int i = 0; i < s->nleaves; i++) {
        if (s->leaf_n[i] == n && memcmp(s->leaf[i], cp, sizeof(UChar32) * (size_t)n) == 0) {
            s->leaf_alt[i] |= alt;
            return;
        }
    }
    if (s->nleaves >= MAXLEAVES) return;
    memcpy(s->leaf[s->nleaves], cp, sizeof(UChar32) * (size_t)n);
    s->leaf_n[s->nleaves] = n;
    s->leaf_alt[s->nleaves] = alt;
    s->nleaves++;
}

/* Explore every analysis of cp[0..n). `rank`: rank of the suffix stripped last (to the right of
 * what remains; R_END at the start). `verbal`: that suffix was a tense/voice/negation suffix, so
 * what remains counts as a stem only if it is a verb stem. Returns 1 if this node or a
 * descendant is an accepted stem; accepted nodes without accepted descendants become leaves. */
static int strip(Search *s, UChar32 *cp, int n, int rank, int verbal, int alt, int depth) {
    int accepted = !verbal || is_verb_stem(cp, n);
    int below = 0;
    if (depth > 8 || is_protected(cp, n)) {
        if (accepted) add_leaf(s, cp, n, alt);
        return accepted;
    }
    for (int i = 0; i < s->ntable; i++) {
        const Suffix *x = &s->table[i];
        if (x->cp[x->n - 1] != cp[n - 1] || x->rank >= rank || x->n >= n) continue;
        if (x->right && (rank == R_END || rank > x->right)) continue;
        int m = n - x->n;
        if (memcmp(cp + m, x->cp, sizeof(UChar32) * (size_t)x->n) != 0) continue;
        if (m < 2 || vowel_count(cp, m) == 0) continue;
        UChar32 last = cp[m - 1];
        int v = is_vowel(last);
        if (x->need == NEEDV && !v) continue;
        if ((x->need == NEEDC || x->vowel_initial) && v) continue;
        if (x->need == NEEDL && last != 'l') continue;
        if (x->harm && !(x->harm & last_vowel_classes(cp, m, s->folded))) continue;
        if (x->rank > R_TAM && verbal) continue;
        int v2 = x->rank <= R_TAM;
        /* k/q alternation before a vowel-initial suffix, in words of two syllables or more: a stem
         * never ends in ğ, nor (in such words) in vowel + y, so only the restored stem is explored */
        UChar32 restored = 0;
        if (x->vowel_initial && m >= 3 && is_vowel(cp[m - 2]) && vowel_count(cp, m) >= 2) {
            if (last == 0x11F || (s->folded && last == 'g')) restored = 'q';
            else if (last == 'y') restored = 'k';
        }
        if (restored) {
            cp[m - 1] = restored;
            below |= strip(s, cp, m, x->rank, v2, 1, depth + 1);
            cp[m - 1] = last;
        } else {
            below |= strip(s, cp, m, x->rank, v2, alt, depth + 1);
        }
    }
    /* the stem-final vowel of a vowel-final stem, in harmony, when four letters remain (not after ğ:
     * that is an alternated k/q, handled with the suffix) */
    if (accepted && n >= 5 && is_vowel(cp[n - 1]) && !is_vowel(cp[n - 2]) && vowel_count(cp, n - 1) > 0 &&
        cp[n - 2] != 0x11F && !(s->folded && cp[n - 2] == 'g' && is_vowel(cp[n - 3]))) {
        UChar32 v = cp[n - 1];
        unsigned char prev = last_vowel_classes(cp, n - 1, s->folded);
        unsigned char ok = 0;
        switch (v) {
        case 'a': ok = prev & (BU | BR); break;
        case 0x259: ok = prev & (FU | FR); break;
        case 'e': ok = s->folded ? (prev & (FU | FR)) : 0; break;
        case 0x131: ok = prev & BU; break;
        case 'i': ok = s->folded ? (prev & (BU | FU)) : (prev & FU); break;
        case 'u': ok = s->folded ? (prev & (BR | FR)) : (prev & BR); break;
        case 0xFC: ok = prev & FR; break;
        }
        if (ok) { add_leaf(s, cp, n - 1, alt); below = 1; }
    }
    if (accepted && !below) add_leaf(s, cp, n, alt);
    return accepted || below;
}

static void ensure_suffixes(void) { pthread_once(&g_suffix_once, build_suffixes); }

static void apply_rewrites(UChar32 *cp, int *n) {
    for (int i = 0; i < g_nrw; i++) {
        if (word_eq(&g_rw_from[i], cp, *n)) {
            memcpy(cp, g_rw_to[i].cp, sizeof(UChar32) * (size_t)g_rw_to[i].n);
            *n = g_rw_to[i].n;
            return;
        }
    }
}

int qn_stem_az(const char *word, int len, char *out, int cap) {
    ensure_suffixes();
    UChar32 cp[MAXW];
    if (len > MAXW * 2) return -1;
    int n = utf8_to_cps(word, len, cp, MAXW);
    if (n <= 0) return -1;
    int folded = 1;
    for (int i = 0; i < n; i++) {
        UChar32 c = cp[i];
        if (c >= 0x80) folded = 0;
        if (!((c >= 'a' && c <= 'z') || (c >= 0xC0 && c < 0x2B0))) return -1; /* letters only */
    }
    Search *s = calloc(1, sizeof(Search));
    if (!s) return -1;
    s->table = folded ? g_folded : g_exact;
    s->ntable = folded ? g_nfolded : g_nexact;
    s->folded = folded;
    pthread_mutex_lock(&g_config_lock);
    s->table = folded ? g_folded : g_exact;
    s->ntable = folded ? g_nfolded : g_nexact;
    s->folded = folded;
    strip(s, cp, n, R_END, 0, 0, 0);
    /* The two shortest leaves (on ties, one reached through an alternation first). A bare word and
     * its inflected forms do not always share their single shortest analysis (`qanun` /
     * `qanunun` = qanun+un or qanu+nun); storing two stems lets them meet. */
    UChar32 stems[2][MAXW];
    int sn[2] = {0, 0}, count = 0, pick[2] = { -1, -1 };
    for (int k = 0; k < 2; k++) {
        for (int i = 0; i < s->nleaves; i++) {
            if (i == pick[0]) continue;
            int b = pick[k];
            if (b < 0 || s->leaf_n[i] < s->leaf_n[b] || (s->leaf_n[i] == s->leaf_n[b] && s->leaf_alt[i] && !s->leaf_alt[b]))
                pick[k] = i;
        }
        if (pick[k] < 0) continue;
        memcpy(stems[count], s->leaf[pick[k]], sizeof(UChar32) * (size_t)s->leaf_n[pick[k]]);
        sn[count] = s->leaf_n[pick[k]];
        count++;
        /* A vowel-final word whose best analysis only drops that vowel (`imza` -> `imz`, a dative
         * reading) keeps itself as the second stem: its inflections (`imzadan` -> `imza`) cannot
         * drop the vowel again once a case slot is used. */
        if (k == 0 && sn[0] == n - 1 && is_vowel(cp[n - 1]) && memcmp(stems[0], cp, sizeof(UChar32) * (size_t)(n - 1)) == 0) {
            memcpy(stems[1], cp, sizeof(UChar32) * (size_t)n);
            sn[1] = n;
            count = 2;
            break;
        }
    }
    for (int k = 0; k < count; k++) apply_rewrites(stems[k], &sn[k]);
    if (count == 2 && sn[1] == sn[0] && memcmp(stems[0], stems[1], sizeof(UChar32) * (size_t)sn[0]) == 0) count = 1;
    int total = 0;
    pthread_mutex_unlock(&g_config_lock);
    free(s);
    if (count == 0) { memcpy(stems[0], cp, sizeof(UChar32) * (size_t)n); sn[0] = n; count = 1; }
    for (int k = 0; k < count; k++) {
        if (k > 0) { if (total + 1 > cap) return -1; out[total++] = ' '; }
        int w = cps_to_utf8(stems[k], sn[k], out + total, cap - total);
        if (w < 0) return -1;
        total += w;
    }
    return total;
}

int qn_az_is_suffix_chain(const char *text, int len) {
    ensure_suffixes();
    UChar32 cp[MAXW];
    int n = utf8_to_cps(text, len, cp, MAXW);
    if (n <= 0) return 0;
    /* Greedy right-to-left cover by concrete suffixes of decreasing rank, harmony ignored. */
    int folded = 1;
    for (int i = 0; i < n; i++) if (cp[i] >= 0x80) folded = 0;
    const Suffix *t = folded ? g_folded : g_exact;
    int nt = folded ? g_nfolded : g_nexact;
    /* small DP: reach[i] = lowest rank... keep it simple: DFS */
    int stack_n[16], stack_rank[16], top = 0;
    stack_n[top] = n; stack_rank[top] = R_END; top++;
    while (top > 0) {
        top--;
        int m = stack_n[top], rank = stack_rank[top];
        if (m == 0) return 1;
        for (int i = 0; i < nt && top < 15; i++) {
            const Suffix *x = &t[i];
            if (x->rank >= rank || x->n > m) continue;
            if (memcmp(cp + m - x->n, x->cp, sizeof(UChar32) * (size_t)x->n) != 0) continue;
            stack_n[top] = m - x->n; stack_rank[top] = x->rank; top++;
        }
    }
    return 0;
}
