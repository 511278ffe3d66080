/*
 * Russian and English stems through Snowball (libstemmer, Debian `libstemmer-dev`), and
 * Snowball's Turkish stemmer, which `qanun eval stemming` uses as the baseline for Azerbaijani.
 * A Snowball stemmer is not thread-safe; each thread keeps its own.
 */
#include "qanun_analysis.h"

#include <libstemmer.h>
#include <string.h>

static _Thread_local struct sb_stemmer *t_stemmers[3];

static struct sb_stemmer *stemmer_for(int which) {
    static const char *const names[3] = { "russian", "english", "turkish" };
    if (!t_stemmers[which]) t_stemmers[which] = sb_stemmer_new(names[which], "UTF_8");
    return t_stemmers[which];
}

int qn_stem_snowball(int which, const char *word, int len, char *out, int cap) {
    if (which < 0 || which > 2) return -1;
    struct sb_stemmer *st = stemmer_for(which);
    if (!st) return -1;
    const sb_symbol *r = sb_stemmer_stem(st, (const sb_symbol *)word, len);
    if (!r) return -1;
    int n = sb_stemmer_length(st);
    if (n > cap) return -1;
    memcpy(out, r, (size_t)n);
    return n;
}
