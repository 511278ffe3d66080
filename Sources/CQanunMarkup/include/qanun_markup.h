#ifndef QANUN_MARKUP_H
#define QANUN_MARKUP_H
/* HTML and XML parsing and XML Schema validation over system libxml2, behind a header that
 * exposes no libxml2 types (libxml2's headers pull in system ICU, which must not meet
 * Foundation's ICU in a Swift module). A parsed document comes back as flat arrays. */
#include <stddef.h>

#define QN_MARKUP_ELEMENT 1
#define QN_MARKUP_TEXT 2

typedef struct {
    int kind;            /* QN_MARKUP_ELEMENT or QN_MARKUP_TEXT */
    int parent;          /* index of the parent element, -1 for the root */
    const char *name;    /* element local name (lower case for HTML); NULL for text */
    const char *ns;      /* namespace URI or NULL */
    const char *text;    /* text content of a text node; NULL for elements */
    int first_attr;      /* attributes of an element: attrs[first_attr ..< first_attr + attr_count] */
    int attr_count;
} qn_markup_node;

typedef struct {
    const char *name;    /* local name */
    const char *ns;      /* namespace URI or NULL (`xml:space` has the XML namespace) */
    const char *value;
} qn_markup_attr;

typedef struct qn_markup_doc {
    qn_markup_node *nodes;
    int node_count;
    qn_markup_attr *attrs;
    int attr_count;
    void *internal;
} qn_markup_doc;

/* Parses `len` bytes as HTML (html != 0; `encoding` may name the charset, or NULL to let the
 * page's <meta> decide) or as XML. XML with a DOCTYPE is refused; no entity is expanded, nothing
 * is loaded from the network or disk. Returns NULL and writes a one-line reason (with a line
 * number) to `err` on failure. */
qn_markup_doc *qn_markup_parse(const char *bytes, size_t len, int html, const char *encoding, char *err, size_t errlen);
void qn_markup_free(qn_markup_doc *doc);

/* An XML Schema loaded once, then used to validate documents. NULL + `err` if the schema is bad. */
typedef struct qn_schema qn_schema;
qn_schema *qn_schema_load(const char *path, char *err, size_t errlen);
/* 0 if valid; otherwise the number of errors, the first few (with lines) written to `err`. */
int qn_schema_validate(qn_schema *schema, const char *bytes, size_t len, char *err, size_t errlen);
void qn_schema_free(qn_schema *schema);

#endif
