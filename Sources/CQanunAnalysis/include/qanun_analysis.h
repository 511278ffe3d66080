#ifndef QANUN_ANALYSIS_H
#define QANUN_ANALYSIS_H

/*
 * Qanun's text analysis: the one place that decides which terms the index stores for a text
 * and which terms a query looks for. The FTS5 tokenizer `qanun` and `qanun analyze` both call
 * `qn_analyze`, so what `analyze` prints is exactly what the index keeps.
 *
 * This header deliberately exposes no ICU and no SQLite types: Swift modules that import
 * Foundation must never see the system ICU headers (see ../shared/notes/icu-fts5.md).
 */

#ifdef __cplusplus
extern "C" {
#endif

/// Languages the analysis knows. QN_LANG_ANY is used for queries (no row language).
typedef enum {
    QN_LANG_AZ = 0,
    QN_LANG_RU = 1,
    QN_LANG_EN = 2,
    QN_LANG_ANY = 3
} qn_lang;

/// Analysis mode: documents get every form (exact, folded, parts of compounds) at one position;
/// queries get only the forms the user typed (plus casing alternatives).
typedef enum {
    QN_MODE_DOCUMENT = 0,
    QN_MODE_QUERY = 1
} qn_mode;

/// Bumped whenever the terms produced for some text change: an index built by another version
/// must be rebuilt (`QanunIndex` checks this on open).
#define QN_ANALYSIS_VERSION 2

/// Called once per term. `colocated` is 1 when the term shares the position of the previous one.
/// `start`/`end` are byte offsets of the source word in the analysed text. Return non-zero to stop.
typedef int (*qn_emit_fn)(void *ctx, int colocated, const char *term, int term_len, int start, int end);

/// Analyse `len` bytes of UTF-8 `text` in language `lang` and report each term through `emit`.
/// A leading language marker (`\x01az\x01`, `\x01ru\x01`, `\x01en\x01`) overrides `lang`.
/// Returns 0, or the non-zero value `emit` returned.
int qn_analyze(const char *text, int len, int lang, int mode, void *ctx, qn_emit_fn emit);

/// Register the FTS5 tokenizer named `qanun` on an open `sqlite3 *` connection.
/// Returns an SQLite result code (0 = SQLITE_OK).
int qn_register_fts5_tokenizer(void *sqlite3_db);

#ifdef __cplusplus
}
#endif

#endif
