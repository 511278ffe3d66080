/* HTML/XML parsing into flat arrays, and XML Schema validation, over libxml2. See qanun_markup.h. */
#define _GNU_SOURCE
#include "qanun_markup.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static void init_libxml(void) { xmlInitParser(); }

static void set_err(char *err, size_t errlen, const char *fmt, ...) {
    if (!err || !errlen) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    /* one line: libxml2 messages end in a newline */
    size_t n = strlen(err);
    while (n && (err[n - 1] == '\n' || err[n - 1] == ' ')) err[--n] = 0;
}

static char *dup_str(const xmlChar *s) {
    if (!s) return NULL;
    return strdup((const char *)s);
}

/* True when the prolog (before the root element) holds a DOCTYPE. */
static int prolog_has_doctype(const char *b, size_t len) {
    size_t i = 0;
    if (len >= 3 && (unsigned char)b[0] == 0xEF && (unsigned char)b[1] == 0xBB && (unsigned char)b[2] == 0xBF) i = 3;
    while (i < len) {
        char c = b[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') { i++; continue; }
        if (c != '<' || i + 1 >= len) return 0;
        if (b[i + 1] == '?') { /* declaration or processing instruction */
            const char *end = memmem(b + i, len - i, "?>", 2);
            if (!end) return 0;
            i = (size_t)(end - b) + 2;
            continue;
        }
        if (len - i >= 4 && memcmp(b + i, "<!--", 4) == 0) {
            const char *end = memmem(b + i, len - i, "-->", 3);
            if (!end) return 0;
            i = (size_t)(end - b) + 3;
            continue;
        }
        if (len - i >= 9 && strncasecmp(b + i, "<!DOCTYPE", 9) == 0) return 1;
        return 0; /* the root element */
    }
    return 0;
}

typedef struct {
    qn_markup_doc doc;
    int node_cap, attr_cap;
} builder;

static int push_node(builder *bd, qn_markup_node n) {
    if (bd->doc.node_count == bd->node_cap) {
        int cap = bd->node_cap ? bd->node_cap * 2 : 256;
        qn_markup_node *p = realloc(bd->doc.nodes, sizeof(*p) * (size_t)cap);
        if (!p) return -1;
        bd->doc.nodes = p;
        bd->node_cap = cap;
    }
    bd->doc.nodes[bd->doc.node_count] = n;
    return bd->doc.node_count++;
}

static int push_attr(builder *bd, qn_markup_attr a) {
    if (bd->doc.attr_count == bd->attr_cap) {
        int cap = bd->attr_cap ? bd->attr_cap * 2 : 128;
        qn_markup_attr *p = realloc(bd->doc.attrs, sizeof(*p) * (size_t)cap);
        if (!p) return -1;
        bd->doc.attrs = p;
        bd->attr_cap = cap;
    }
    bd->doc.attrs[bd->doc.attr_count] = a;
    return bd->doc.attr_count++;
}

/* Depth-first copy of the libxml2 tree; iterative, so deep documents cannot overflow the stack. */
static int copy_tree(builder *bd, xmlDocPtr xdoc, xmlNodePtr root) {
    xmlNodePtr node = root;
    int parent = -1;
    /* parents of the current node, by index, kept in the copied nodes themselves */
    while (node) {
        int descended = 0;
        if (node->type == XML_ELEMENT_NODE) {
            qn_markup_node n = {QN_MARKUP_ELEMENT, parent, dup_str(node->name),
                                node->ns ? dup_str(node->ns->href) : NULL, NULL, bd->doc.attr_count, 0};
            for (xmlAttrPtr a = node->properties; a; a = a->next) {
                xmlChar *v = xmlNodeListGetString(xdoc, a->children, 1);
                qn_markup_attr at = {dup_str(a->name), a->ns ? dup_str(a->ns->href) : NULL, v ? dup_str(v) : strdup("")};
                if (v) xmlFree(v);
                if (push_attr(bd, at) < 0) return -1;
                n.attr_count++;
            }
            int idx = push_node(bd, n);
            if (idx < 0) return -1;
            if (node->children) {
                parent = idx;
                node = node->children;
                descended = 1;
            }
        } else if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
            qn_markup_node n = {QN_MARKUP_TEXT, parent, NULL, NULL, dup_str(node->content), 0, 0};
            if (push_node(bd, n) < 0) return -1;
        }
        if (descended) continue;
        /* next sibling, or climb until there is one; the root's siblings are not ours */
        for (;;) {
            if (node == root) return 0;
            if (node->next) { node = node->next; break; }
            node = node->parent;
            parent = bd->doc.nodes[parent].parent;
        }
    }
    return 0;
}

qn_markup_doc *qn_markup_parse(const char *bytes, size_t len, int html, const char *encoding, char *err, size_t errlen) {
    pthread_once(&init_once, init_libxml);
    if (len > (size_t)0x7fffffff) { set_err(err, errlen, "document larger than 2 GB"); return NULL; }
    xmlDocPtr xdoc = NULL;
    if (html) {
        htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
        if (!ctxt) { set_err(err, errlen, "out of memory"); return NULL; }
        xdoc = htmlCtxtReadMemory(ctxt, bytes, (int)len, NULL, encoding,
                                  HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                      HTML_PARSE_COMPACT);
        htmlFreeParserCtxt(ctxt);
        if (!xdoc) { set_err(err, errlen, "not parseable as HTML"); return NULL; }
    } else {
        if (prolog_has_doctype(bytes, len)) {
            set_err(err, errlen, "the XML has a DOCTYPE; documents with DTDs or entity declarations are refused "
                                 "(they can read local files or expand without bound)");
            return NULL;
        }
        xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
        if (!ctxt) { set_err(err, errlen, "out of memory"); return NULL; }
        xdoc = xmlCtxtReadMemory(ctxt, bytes, (int)len, NULL, NULL,
                                 XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                     XML_PARSE_COMPACT);
        if (!xdoc) {
            xmlErrorPtr e = xmlCtxtGetLastError(ctxt);
            if (e && e->message)
                set_err(err, errlen, "malformed XML at line %d: %s", e->line, e->message);
            else
                set_err(err, errlen, "malformed XML");
            xmlFreeParserCtxt(ctxt);
            return NULL;
        }
        xmlFreeParserCtxt(ctxt);
        if (xdoc->intSubset) {
            xmlFreeDoc(xdoc);
            set_err(err, errlen, "the XML has a DOCTYPE; documents with DTDs or entity declarations are refused");
            return NULL;
        }
    }
    xmlNodePtr root = xmlDocGetRootElement(xdoc);
    builder *bd = calloc(1, sizeof(builder));
    if (!bd) { xmlFreeDoc(xdoc); set_err(err, errlen, "out of memory"); return NULL; }
    if (root && copy_tree(bd, xdoc, root) < 0) {
        xmlFreeDoc(xdoc);
        qn_markup_free(&bd->doc);
        set_err(err, errlen, "out of memory");
        return NULL;
    }
    xmlFreeDoc(xdoc);
    bd->doc.internal = bd;
    return &bd->doc;
}

void qn_markup_free(qn_markup_doc *doc) {
    if (!doc) return;
    for (int i = 0; i < doc->node_count; i++) {
        free((void *)doc->nodes[i].name);
        free((void *)doc->nodes[i].ns);
        free((void *)doc->nodes[i].text);
    }
    for (int i = 0; i < doc->attr_count; i++) {
        free((void *)doc->attrs[i].name);
        free((void *)doc->attrs[i].ns);
        free((void *)doc->attrs[i].value);
    }
    free(doc->nodes);
    free(doc->attrs);
    free(doc); /* the builder starts with the doc */
}

/* ---- XML Schema ---- */

struct qn_schema {
    xmlSchemaPtr schema;
};

typedef struct {
    char *buf;
    size_t len;
    int count;
} collector;

static void collect_error(void *ctx, xmlErrorPtr e) {
    collector *c = ctx;
    c->count++;
    if (c->count > 3 || !c->buf || !e || !e->message) return;
    size_t used = strlen(c->buf);
    if (used + 8 >= c->len) return;
    snprintf(c->buf + used, c->len - used, "%sline %d: %s", used ? "; " : "", e->line, e->message);
    size_t n = strlen(c->buf);
    while (n && (c->buf[n - 1] == '\n' || c->buf[n - 1] == ' ')) c->buf[--n] = 0;
}

qn_schema *qn_schema_load(const char *path, char *err, size_t errlen) {
    pthread_once(&init_once, init_libxml);
    if (err && errlen) err[0] = 0;
    xmlSchemaParserCtxtPtr pctxt = xmlSchemaNewParserCtxt(path);
    if (!pctxt) { set_err(err, errlen, "cannot open the schema %s", path); return NULL; }
    collector c = {err, errlen, 0};
    xmlSchemaSetParserStructuredErrors(pctxt, collect_error, &c);
    xmlSchemaPtr schema = xmlSchemaParse(pctxt);
    xmlSchemaFreeParserCtxt(pctxt);
    if (!schema) {
        if (err && !err[0]) set_err(err, errlen, "cannot load the schema %s", path);
        return NULL;
    }
    qn_schema *s = calloc(1, sizeof(qn_schema));
    s->schema = schema;
    return s;
}

int qn_schema_validate(qn_schema *s, const char *bytes, size_t len, char *err, size_t errlen) {
    if (err && errlen) err[0] = 0;
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, bytes, (int)len, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) {
        xmlErrorPtr e = xmlCtxtGetLastError(ctxt);
        set_err(err, errlen, "malformed XML at line %d: %s", e ? e->line : 0, e && e->message ? e->message : "");
        xmlFreeParserCtxt(ctxt);
        return 1;
    }
    xmlFreeParserCtxt(ctxt);
    xmlSchemaValidCtxtPtr v = xmlSchemaNewValidCtxt(s->schema);
    collector c = {err, errlen, 0};
    xmlSchemaSetValidStructuredErrors(v, collect_error, &c);
    int rc = xmlSchemaValidateDoc(v, doc);
    xmlSchemaFreeValidCtxt(v);
    xmlFreeDoc(doc);
    if (rc == 0) return 0;
    return c.count ? c.count : 1;
}

void qn_schema_free(qn_schema *s) {
    if (!s) return;
    xmlSchemaFree(s->schema);
    free(s);
}
