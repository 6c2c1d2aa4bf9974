/* The report parser: Chinese official reports (政府工作报告, 审议意见落实情况
 * 报告, 整改报告, 督查通报) into a struct doc. Pure C and no I/O: the
 * readers (readers/read.h) read files and hand their text to
 * parse_buffer(). */
#ifndef FU_PARSE_H
#define FU_PARSE_H

#include <stddef.h>
#include "core/doc.h"

struct route {             /* [routing] rule: a keyword in an item's text suggests a department */
    const char *keyword;
    const char *dept;
};

struct parse_opts {
    const char *encoding;          /* "auto" (NULL means auto), "utf-8", "gb18030" */
    const char *const *departments;/* known department names (config), may be NULL */
    size_t ndepartments;
    const struct route *routes;    /* may be NULL */
    size_t nroutes;
    const char *const *lexicon;    /* department names besides data/departments.txt
                                    * (config.ini [lexicon]), may be NULL */
    size_t nlexicon;
    size_t max_bytes;              /* 0: PARSE_MAX_BYTES */
};

#define PARSE_MAX_BYTES (16u * 1024u * 1024u)

/* Parses len bytes of buf (any supported encoding) into *out, which the
 * caller frees with doc_fini() on FU_OK (on error *out is left zeroed).
 * Returns FU_OK; FU_ERR with a one-line message in err for input that is
 * empty, binary, too large, undecodable or has no recognisable structure;
 * FU_USAGE for an unknown encoding name. */
int parse_buffer(const char *buf, size_t len, const struct parse_opts *opts,
                 struct doc *out, char *err, size_t errlen);

/* Reads an outline (README "The outline"; core/doc.h doc_write_outline
 * writes one) of len bytes of UTF-8 into *out, which the caller frees
 * with doc_fini() on FU_OK (*out is left zeroed otherwise). Sentences'
 * figures, departments and target dates are found by the parser's rules
 * (opts as for parse_buffer; its encoding is not used). Returns FU_OK;
 * FU_NOTFOUND when the outline holds only comments and blank lines;
 * FU_ERR with "line N: what is wrong and how to mend it" in err. */
int parse_outline(const char *buf, size_t len, const struct parse_opts *opts,
                  struct doc *out, char *err, size_t errlen);

#endif
