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
    QN_MODE_QUERY = 1,
    /// Positions only (FTS5 snippet/highlight re-reading a document): one term per position,
    /// with its byte offsets; its text is the word as written. Same positions as documents.
    QN_MODE_POSITIONS = 2,
    /// What the FTS5 index stores: the document terms less each Russian or English stem that is
    /// already one of the word's forms (`ru~закон` beside `закон`, `en~act` beside `act`). A
    /// query's stem half looks those stems up both prefixed and bare, so it still finds the words;
    /// the bare form also matches that exact word in rows of other languages (English `bank` in
    /// an Azerbaijani act), which the query's exact half would mostly match anyway. Azerbaijani
    /// stems are always kept: they come from the letter-folded word, and a bare folded stem would
    /// let `ılıq` (typed with ı) find the English `iliq`.
    QN_MODE_INDEX = 3
} qn_mode;

/// Bumped whenever the terms produced for some text change: an index built by another version
/// must be rebuilt (`QanunIndex` checks this on open).
#define QN_ANALYSIS_VERSION 7

/// Called once per term. `colocated` is 1 when the term shares the position of the previous one.
/// `start`/`end` are byte offsets of the source word in the analysed text. Return non-zero to stop.
typedef int (*qn_emit_fn)(void *ctx, int colocated, const char *term, int term_len, int start, int end);

/// Analyse `len` bytes of UTF-8 `text` in language `lang` and report each term through `emit`.
/// Leading markers: a language (`\x01az\x01`, `\x01ru\x01`, `\x01en\x01`) overrides `lang`;
/// `\x01st\x01` (query mode) asks for stems instead of exact forms (see "Stems" below).
///
/// Stems. Documents store, at each word's position, besides its exact and folded forms, its stem
/// prefixed with the language: `az~qanun`, `ru~персональн`, `en~govern`. Azerbaijani stems are
/// taken from the word without its letters (`sənədə` -> `az~sened`), so the same stem serves a
/// query typed either way. The prefix keeps stems
/// apart from exact words, so an exact query (`"qanun"`) never matches `qanunun`, and a search
/// term written as `exact OR stem` ranks exact matches above stem-only ones. A query without a
/// language stems Cyrillic words as Russian, Latin words with Azerbaijani letters as Azerbaijani
/// and other Latin words both as Azerbaijani and as English.
/// Returns 0, or the non-zero value `emit` returned.
int qn_analyze(const char *text, int len, int lang, int mode, void *ctx, qn_emit_fn emit);

/// Stem one lower-cased word (Azerbaijani rules; see stem_az.c). Writes UTF-8 to `out` and
/// returns its length, or -1 when the word is not all letters or does not fit. A word the rules
/// cannot segment one way (`qanunun`: qanun+un or qanu+nun) gets its two best stems, separated
/// by one space; the index stores both at the word's position.
int qn_stem_az(const char *word, int len, char *out, int cap);

/// 1 if `text` is nothing but Azerbaijani suffixes (`ın`, `nin`, `dakı`): used for suffixes
/// attached with an apostrophe or hyphen (`Bakı'da`, `AR-ın`).
int qn_az_is_suffix_chain(const char *text, int len);

/// Load the Azerbaijani data: words never shortened, stem rewrites (from -> to), and verb roots
/// (tense/voice suffixes are only stripped down to a verb). Strings are UTF-8, lower-case.
/// Returns 0, or -1 if an entry was not valid UTF-8.
/// Must be called before analysis starts; changing it changes what the index stores.
int qn_az_configure(const char *const *protect, int nprotect, const char *const *rw_from,
                    const char *const *rw_to, int nrw, const char *const *verbs, int nverbs);

/// Snowball stemmers: 0 Russian, 1 English, 2 Turkish. Same contract as `qn_stem_az`.
int qn_stem_snowball(int which, const char *word, int len, char *out, int cap);

/// Analyse a document now (any thread) and keep its terms: when the FTS5 tokenizer is later given
/// this exact text in document mode it replays them instead of analysing again (prepared.c).
/// Returns 0, or -1 when out of memory.
int qn_prepare_document(const char *text, int len);

/// Forget every prepared document that was not used.
void qn_prepared_clear(void);

/// Prepared documents waiting to be used.
int qn_prepared_count(void);

/// Register the FTS5 tokenizer named `qanun`, and the ranking function `qanun_rank` (BM25 where
/// the phrases of one group — a word's exact and stemmed forms, a concept's terms — count once;
/// rank.c), on an open `sqlite3 *` connection.
/// Returns an SQLite result code (0 = SQLITE_OK).
int qn_register_fts5_tokenizer(void *sqlite3_db);

/// Runs a prepared `SELECT qanun_search(?1 groups, ?2 program, ?3 phrases, ?4 k, ..., ?5 lang_mask)`
/// statement (`stmt` is its sqlite3_stmt) and resets it: 1 and a malloc'd copy of the result blob
/// in `*out` (`*nout` bytes; the caller frees it), 0 when the statement returned no row, 2 when
/// the function returned NULL (rank through FTS5 instead), -1 on an error (run the statement
/// again through GRDB to get it as a DatabaseError). Binding and stepping here costs a tenth of
/// doing it through GRDB's argument and row machinery, on every search.
int qn_search_run(void *stmt, const char *groups, const char *program, const char *phrases, int k, int langMask,
                  void **out, int *nout);

#ifdef __cplusplus
}
#endif

#endif
