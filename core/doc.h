/* The parsed report: the tree that `followup parse --json` prints and the
 * importer stores. Built by parse_buffer() (parse/parse.h); every string is
 * heap-owned by the doc and freed by doc_fini(). */
#ifndef FU_DOC_H
#define FU_DOC_H

#include <stddef.h>
#include <stdio.h>

enum stmt_kind { STMT_COMMITMENT = 0, STMT_FACT, STMT_CONTEXT };

/* What a figure says: a fact reported, or a target to reach at least,
 * keep within (at most) or come near (about). */
enum metric_dir { METRIC_FACT = 0, METRIC_AT_LEAST, METRIC_AT_MOST, METRIC_ABOUT };

struct metric {
    char *text;            /* as in the source: "11.5亿元", "1700多家", "近百场" */
    double value;          /* 11.5, 1700, 100 */
    char *unit;            /* "亿元", "家", "场", "%" */
    enum metric_dir dir;   /* from the words around it (parse/parse_target.c) */
};

struct stmt {
    char code[32];         /* "2.1.3"; "2.0.1" for text of a node before its first child; "I.1" intro; "C.1" closing */
    enum stmt_kind kind;
    char *text;            /* the sentence as in the source, with its end punctuation, trimmed */
    struct metric *metrics;
    size_t nmetrics;
    char **depts;          /* departments named in the sentence, in order, no repeats */
    size_t ndepts;
    char due[11];          /* suggested due date "YYYY-MM-DD", "" when none */
};

/* Where a node's owner came from, strongest first: a responsibility
 * marker (牵头单位：…) of the node or an ancestor, a department named as the
 * actor, a [routing] rule, the report's lead department. */
enum owner_src { OWNER_NONE = 0, OWNER_MARKER, OWNER_ACTOR, OWNER_ROUTING, OWNER_REPORT };

struct node {
    char code[32];         /* from the report's numbering: "2", "2.1", "1.2.3" */
    int depth;             /* 0 for the top level present in the report */
    char *title;           /* heading text without its marker and end punctuation */
    char *owner;           /* lead department (marker) or the suggested one; NULL when none */
    enum owner_src owner_src;
    char **support;        /* supporting departments from markers (配合单位 …), in order */
    size_t nsupport;
    char due[11];          /* 完成时限: "YYYY-MM-DD", "ongoing" (长期坚持), "" when none */
    char *marker;          /* the responsibility markers' text as in the source, joined
                            * by one space; NULL when none. Not a statement. */
    char **depts;          /* departments named in the title, in order, no repeats */
    size_t ndepts;
    struct node *children;
    size_t nchildren;
    struct stmt *stmts;
    size_t nstmts;
};

struct doc_meta {          /* each NULL when unknown; dates ISO YYYY-MM-DD */
    char *title;
    char *issuer;          /* 发布部门 */
    char *published;       /* 发布时间 */
    char *doc_no;          /* 文号 / 政策文号 */
    char *addressee;       /* 区人大常委会 */
    char *signed_by;
    char *signed_on;
    char *lead_department; /* named by the introduction (要求区科委会同…) */
};

struct doc {
    struct doc_meta meta;
    struct stmt *intro;    /* text before the first heading */
    size_t nintro;
    struct node *nodes;    /* top-level headings */
    size_t nnodes;
    struct stmt *closing;  /* the closing paragraph(s), codes C.1, C.2 … */
    size_t nclosing;
    char *marker;          /* responsibility markers outside every item (in the
                            * introduction or closing), joined; NULL when none */
    int paragraphs;        /* 1: no numbered headings, items are the paragraphs that commit;
                            * 2: none commits either, every paragraph is an item */
    char **dropped;        /* lines the parser dropped as page chrome (无障碍, 当前位置…,
                            * a category word, a repeated title), trimmed, in source
                            * order; not part of the report's text, not hashed */
    size_t ndropped;
    size_t ndropped_above; /* the first ndropped_above stood above the report's text */
};

/* Frees an array of n statements and everything they own. */
void doc_stmts_free(struct stmt *v, size_t n);

/* Frees everything the doc owns and zeroes it; safe on a zeroed doc. */
void doc_fini(struct doc *d);

/* Name of an owner source: "marker", "actor", "routing", "report", or
 * NULL for OWNER_NONE. Static string. */
const char *owner_src_name(enum owner_src s);

/* Name of a statement kind: "commitment", "fact", "context". Static string. */
const char *stmt_kind_name(enum stmt_kind k);

/* "fact", "at-least", "at-most", "about": the name parse --json and the
 * database use for d (an unknown value names "fact"). */
const char *metric_dir_name(enum metric_dir d);

/* The direction a name of metric_dir_name() (or "least", "most", "min",
 * "max", "approx") stands for into *d; returns 0, or -1 when it names none. */
int metric_dir_parse(const char *name, enum metric_dir *d);

/* Writes the DESIGN.md `parse --json` object for d to out, UTF-8, one
 * trailing newline. Returns FU_OK or FU_ERR on a write error. */
int doc_write_json(const struct doc *d, FILE *out);

/* Writes a human-readable indented tree (codes, titles, statements with
 * their kind) for `followup parse` without --json. Text is sanitised. */
int doc_write_tree(const struct doc *d, FILE *out);

/* What an outline says besides the doc (doc_write_outline). */
struct outline_opts {
    const char *source;            /* the file the doc was read from, named in the
                                    * first comment; NULL for none */
    char *const *new_depts;        /* departments an import would add that the
                                    * database lacks, listed first; may be NULL */
    char *const *new_where;        /* for each of them where the outline names it
                                    * ("2.3 lead, 4.1 support"); NULL or "" for none */
    size_t nnew_depts;
    int review;                    /* the help says that saving imports */
};

/* Writes d as the editable outline of README "The outline" (UTF-8; every
 * text escaped so that no control character, bidi override or line
 * separator is written: safe for a terminal, and read back by
 * parse_outline() into the same doc). o may be NULL. Returns FU_OK, or
 * FU_ERR on a write error. */
int doc_write_outline(const struct doc *d, const struct outline_opts *o, FILE *out);

#endif
