/* The zip container of .docx, .odt and .xlsx (libzip), read from memory
 * with limits against zip bombs, and XML members parsed with libxml2.
 * Internal to readers/. */
#ifndef FU_ZIPREAD_H
#define FU_ZIPREAD_H

#include <stddef.h>
#include "readers/lib_xml.h"
#include "readers/lib_zip.h"

struct fmt_zip {
    zip_t *z;
    size_t unzipped;       /* bytes inflated so far, against FMT_MAX_UNZIP */
};

/* Opens buf (the caller keeps it alive while z is open), loading libzip
 * and libxml2 first (readers/lib_zip.h, readers/lib_xml.h). FU_OK or
 * FU_ERR ("not a complete zip archive …", or a library that is missing). */
int fmt_zip_open(struct fmt_zip *z, const char *buf, size_t len, char *err, size_t errlen);
void fmt_zip_close(struct fmt_zip *z);
/* 1 when the archive has a member called name. */
int fmt_zip_has(struct fmt_zip *z, const char *name);
/* Inflates member name into *out (malloc'ed, NUL-terminated, *outlen bytes).
 * FU_OK; FU_NOTFOUND (err filled) when absent; FU_ERR for a member too
 * large or compressed beyond FMT_MAX_RATIO (a zip bomb), encrypted or
 * damaged. */
int fmt_zip_read(struct fmt_zip *z, const char *name, char **out, size_t *outlen,
                 char *err, size_t errlen);
/* fmt_zip_read() then xmlReadMemory() without network or entity expansion;
 * *doc freed by the caller with xmlFreeDoc(). Same returns; FU_ERR when
 * the member is not well-formed XML. */
int fmt_zip_xml(struct fmt_zip *z, const char *name, xmlDocPtr *doc, char *err, size_t errlen);

/* Opens buf as a zip and parses its main member (word/document.xml,
 * content.xml) into *doc; a zip without it is "not <what>" (give <hint>).
 * On FU_OK the caller closes z and frees *doc; on FU_ERR both are done. */
int fmt_zip_main(struct fmt_zip *z, const char *buf, size_t len, const char *member,
                 const char *what, const char *hint, xmlDocPtr *doc, char *err, size_t errlen);
/* The text of the title element in the properties member (docProps/core.xml
 * under its root; meta.xml under office:meta when parent is "meta"),
 * malloc'ed, or NULL when there is none. */
char *fmt_zip_title(struct fmt_zip *z, const char *member, const char *parent);

/* Helpers for walking libxml2 trees. */
/* 1 when n is an element whose local name is name. */
int fmt_xml_is(const xmlNode *n, const char *name);
/* The attribute with local name `name` (any namespace) as a malloc'ed
 * string the caller frees with xmlFree(), or NULL. */
xmlChar *fmt_xml_attr(const xmlNode *n, const char *name);
/* The first child element with local name `name`, or NULL. */
xmlNode *fmt_xml_child(const xmlNode *n, const char *name);

#endif
