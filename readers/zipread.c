/* Zip members and their XML, with zip-bomb limits (contract in
 * readers/zipread.h). */
#include "readers/zipread.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>

#include "util/err.h"
#include "readers/fmt.h"

int fmt_zip_open(struct fmt_zip *z, const char *buf, size_t len, char *err, size_t errlen)
{
    zip_error_t ze;
    zip_source_t *src;
    memset(z, 0, sizeof *z);
    if (lib_zip_load("cannot read .docx, .odt or .xlsx files", err, errlen) != 0 ||
        lib_xml_load("cannot read .docx, .odt or .xlsx files", err, errlen) != 0)
        return FU_ERR;
    zip_error_init(&ze);
    src = zip_source_buffer_create(buf, len, 0, &ze);
    if (src) {
        z->z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
        if (!z->z) zip_source_free(src);
    }
    if (!z->z) {
        snprintf(err, errlen, "not a complete zip archive (%s): the file is truncated or "
                 "damaged; save or download the document again", zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return FU_ERR;
    }
    zip_error_fini(&ze);
    return FU_OK;
}

void fmt_zip_close(struct fmt_zip *z)
{
    if (z->z) zip_discard(z->z);
    z->z = NULL;
}

int fmt_zip_has(struct fmt_zip *z, const char *name)
{
    return zip_name_locate(z->z, name, 0) >= 0;
}

static int bomb(const char *name, char *err, size_t errlen)
{
    snprintf(err, errlen, "member %s inflates beyond the limit (%u MiB, at most %u times "
             "its compressed size): refused as a zip bomb", name,
             FMT_MAX_ENTRY / (1024u * 1024u), FMT_MAX_RATIO);
    return FU_ERR;
}

/* Reads at most cap bytes of f into b; *got the count, -1 on a read error. */
static int read_member(zip_file_t *f, char *b, size_t cap, size_t *got)
{
    *got = 0;
    for (;;) {
        zip_int64_t r = zip_fread(f, b + *got, cap - *got);
        if (r < 0) return -1;
        if (r == 0 || *got + (size_t)r == cap) { *got += (size_t)r; return 0; }
        *got += (size_t)r;
    }
}

int fmt_zip_read(struct fmt_zip *z, const char *name, char **out, size_t *outlen,
                 char *err, size_t errlen)
{
    zip_stat_t st;
    zip_file_t *f;
    size_t cap, got;
    char *b;
    *out = NULL;
    *outlen = 0;
    zip_stat_init(&st);
    if (zip_stat(z->z, name, 0, &st) != 0) {
        snprintf(err, errlen, "the archive has no %s", name);
        return FU_NOTFOUND;
    }
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
        snprintf(err, errlen, "member %s is encrypted; save the document without a password",
                 name);
        return FU_ERR;
    }
    if (!(st.valid & ZIP_STAT_SIZE) || st.size > FMT_MAX_ENTRY ||
        z->unzipped + st.size > FMT_MAX_UNZIP ||
        ((st.valid & ZIP_STAT_COMP_SIZE) && st.size > 1024 * 1024 &&
         st.size / (st.comp_size ? st.comp_size : 1) > FMT_MAX_RATIO))
        return bomb(name, err, errlen);
    cap = (size_t)st.size + 1;          /* one more: a member longer than it says */
    if (!(b = malloc(cap + 1))) { snprintf(err, errlen, "out of memory reading %s", name); return FU_ERR; }
    if (!(f = zip_fopen(z->z, name, 0))) {
        free(b);
        snprintf(err, errlen, "cannot read member %s (%s); the file is damaged", name,
                 zip_strerror(z->z));
        return FU_ERR;
    }
    if (read_member(f, b, cap, &got) < 0) {
        snprintf(err, errlen, "cannot inflate member %s (%s): the file is truncated or "
                 "damaged; save the document again", name, zip_file_strerror(f));
        zip_fclose(f);
        free(b);
        return FU_ERR;
    }
    zip_fclose(f);
    if (got > st.size) { free(b); return bomb(name, err, errlen); }
    z->unzipped += got;
    b[got] = 0;
    *out = b;
    *outlen = got;
    return FU_OK;
}

int fmt_zip_xml(struct fmt_zip *z, const char *name, xmlDocPtr *doc, char *err, size_t errlen)
{
    char *b;
    size_t n;
    int rc = fmt_zip_read(z, name, &b, &n, err, errlen);
    *doc = NULL;
    if (rc != FU_OK) return rc;
    if (n > (size_t)0x7FFFFFFF) n = 0;  /* xmlReadMemory takes an int */
    *doc = xmlReadMemory(b, (int)n, name, NULL,
                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    free(b);
    if (!*doc) {
        snprintf(err, errlen, "member %s is not well-formed XML: the document is damaged; "
                 "open and save it again", name);
        return FU_ERR;
    }
    return FU_OK;
}

int fmt_zip_main(struct fmt_zip *z, const char *buf, size_t len, const char *member,
                 const char *what, const char *hint, xmlDocPtr *doc, char *err, size_t errlen)
{
    int rc = fmt_zip_open(z, buf, len, err, errlen);
    *doc = NULL;
    if (rc != FU_OK) return rc;
    rc = fmt_zip_xml(z, member, doc, err, errlen);
    if (rc == FU_NOTFOUND)
        snprintf(err, errlen, "a zip archive without %s is not %s; give %s", member, what, hint);
    if (rc != FU_OK) {
        fmt_zip_close(z);
        return FU_ERR;
    }
    return FU_OK;
}

char *fmt_zip_title(struct fmt_zip *z, const char *member, const char *parent)
{
    xmlDocPtr doc;
    char e[FU_ERRLEN], *t = NULL;
    const xmlNode *n;
    if (fmt_zip_xml(z, member, &doc, e, sizeof e) != FU_OK) return NULL;
    n = xmlDocGetRootElement(doc);
    if (parent) n = fmt_xml_child(n, parent);
    n = fmt_xml_child(n, "title");
    if (n) {
        xmlChar *v = xmlNodeGetContent(n);
        if (v && *v) t = strdup((const char *)v);
        xmlFree(v);
    }
    xmlFreeDoc(doc);
    return t;
}

int fmt_xml_is(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

xmlChar *fmt_xml_attr(const xmlNode *n, const char *name)
{
    const xmlAttr *a;
    for (a = n->properties; a; a = a->next)
        if (!strcmp((const char *)a->name, name)) return xmlNodeGetContent((const xmlNode *)a);
    return NULL;
}

xmlNode *fmt_xml_child(const xmlNode *n, const char *name)
{
    xmlNode *c;
    for (c = n ? n->children : NULL; c; c = c->next)
        if (fmt_xml_is(c, name)) return c;
    return NULL;
}
