/* The readers' entry: a report file of any supported format -- text,
 * .docx, .odt, .doc/.wps, .pdf, a saved .html page, a task table (.xlsx,
 * .csv) -- recognised by its content (or named with --format) and given to
 * the core parser as text (see readers/fmt.h for the intermediate form). */
#ifndef FU_READ_H
#define FU_READ_H

#include <stddef.h>

#include "core/doc.h"
#include "parse/parse.h"
#include "readers/fmt.h"

/* --format values: auto (or NULL), text/txt, docx, odt, doc/wps, pdf,
 * html/htm, xlsx, csv. 0, or -1 for another name (*out untouched). */
int fmt_parse_name(const char *name, enum fmt_kind *out);

/* Static name of a kind ("docx"). */
const char *fmt_name(enum fmt_kind k);

/* The format of len bytes by their content: a zip holding word/document.xml
 * (docx), an OpenDocument text (odt) or xl/workbook.xml (xlsx); an OLE2
 * compound file (doc/wps); %PDF- (pdf); an HTML page; text whose first
 * lines hold a task-table header separated by commas or tabs (csv);
 * FK_TEXT otherwise. A zip that is none of these is FK_DOCX, so that its
 * reader says what is missing. */
enum fmt_kind fmt_detect(const char *buf, size_t len);

/* Reads buf as kind (FK_AUTO: detected) into *d (zeroed first; the caller
 * frees it with fmt_doc_fini() whatever the result). FK_TEXT is not a
 * reader's kind: FU_USAGE. FU_OK or FU_ERR with one line in err. */
int fmt_read(const char *buf, size_t len, enum fmt_kind kind, struct fmt_doc *d,
             char *err, size_t errlen);

/* The parser's text for d: the container's metadata as "KEY：VALUE" lines,
 * then each block (readers/table.c). *text malloc'ed (NUL-terminated,
 * *len bytes). FU_OK, or FU_ERR (out of memory; a task-table file without
 * a header row). */
int fmt_render(const struct fmt_doc *d, char **text, size_t *len, char *err, size_t errlen);

/* Reads, recognises, converts and parses buf into *out as parse_buffer()
 * does (same ownership; *out zeroed on error); the container's title fills
 * a title the text lacks. kind FK_AUTO detects; FK_TEXT parses the bytes
 * as text. */
int fmt_parse_buffer(const char *buf, size_t len, enum fmt_kind kind,
                     const struct parse_opts *opts, struct doc *out, char *err, size_t errlen);

/* fmt_parse_buffer() on the file at path (read with the user's own ids,
 * at most FMT_MAX_INPUT bytes); messages name the file. */
int fmt_parse_file(const char *path, enum fmt_kind kind, const struct parse_opts *opts,
                   struct doc *out, char *err, size_t errlen);

/* parse_outline() on the outline file at path, read with the user's own
 * ids (at most PARSE_MAX_BYTES). Same ownership and results; messages
 * start with the file's name ("FILE line 12: ..."). */
int fmt_parse_outline_file(const char *path, const struct parse_opts *opts, struct doc *out,
                           char *err, size_t errlen);

#endif
