/* Internals shared by the report parser's files (parse*.c). Not a public
 * API: nothing outside parse/parse*.c includes this. All positions are byte
 * offsets into UTF-8 text. */
#ifndef FU_PARSE_INT_H
#define FU_PARSE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "core/doc.h"
#include "parse/parse.h"

/* ---- characters and strings (parse_util.c) ---- */

/* Code point at s[i] (i < n) and its byte length in *k. */
uint32_t scan_cp(const char *s, size_t n, size_t i, size_t *k);
/* Start of the character before position i (i > 0). */
size_t scan_back(const char *s, size_t i);
int scan_is_space(uint32_t cp);          /* ' ' \t U+3000 NBSP and friends */
int scan_is_term(uint32_t cp);           /* sentence end: 。 ; ； ! ！ ? ？ */
int scan_is_colon(uint32_t cp);          /* : ： */
int scan_is_closer(uint32_t cp);         /* ” ’ 』 」 ） ) 》 that stay with a sentence */
int scan_is_cjk(uint32_t cp);            /* a Han ideograph */
int scan_is_punct(uint32_t cp);          /* any punctuation, half or full width */
int scan_is_wordish(uint32_t cp);        /* Han, letter or digit */
int scan_digit(uint32_t cp);             /* 0-9 for ASCII and full-width digits, else -1 */
int scan_cn_digit(uint32_t cp);          /* 一..九 → 1..9, 〇 零 ○ → 0, else -1 */
/* Chinese numeral 1..99 (一, 十, 十二, 二十, 二十三) at s[i..n); the
 * value, or -1; *used gets the bytes read. */
int scan_cn_number(const char *s, size_t n, size_t i, size_t *used);
/* Arabic number 0..9999 (ASCII or full-width digits) at s[i..n). */
int scan_ar_number(const char *s, size_t n, size_t i, size_t *used);
/* 1 when s[i..n) starts with the literal lit. */
int scan_at(const char *s, size_t n, size_t i, const char *lit);
/* Index of the first of the NULL-terminated literals that s[i..n) starts
 * with, or -1; *len gets its byte length. */
int scan_at_any(const char *s, size_t n, size_t i, const char *const *lits, size_t *len);
/* 1 when s[a..e) ends with one of the NULL-terminated literals. */
int scan_ends_any(const char *s, size_t a, size_t e, const char *const *w);
/* Byte offset of lit in s[from..to), or (size_t)-1. */
size_t scan_find(const char *s, size_t from, size_t to, const char *lit);
/* Bounds [*a, *b) shrunk past white space at both ends. */
void scan_trim(const char *s, size_t *a, size_t *b);
/* malloc'ed copy of s[a..b) trimmed; NULL on out of memory. */
char *scan_dup_trim(const char *s, size_t a, size_t b);
char *scan_dup(const char *s);
/* Columns of s[0..n) as a terminal shows it (control characters 0). */
int scan_width(const char *s, size_t n);
/* Date at s[i..n): 2024年2月18日, 2024年02月27日, 2024-02-27, 2024/2/27,
 * 2024.2.27, 二〇二四年二月十八日. On success writes "YYYY-MM-DD" into iso,
 * the bytes read into *used and returns 1; else 0. */
int scan_date(const char *s, size_t n, size_t i, size_t *used, char iso[11]);


/* ---- the parse in progress ---- */

struct pline {              /* one line of the input after cleaning */
    char *text;             /* trimmed, owned */
    int indent;             /* columns of leading white space in the source */
    int width;              /* columns of the source line, indent included */
    size_t src;             /* its line number in the source (1-based; 0 for a made one) */
};

struct pdrop {              /* a line dropped as page chrome (doc.h: dropped) */
    char *text;             /* as in the source, trimmed, owned */
    size_t src;             /* its line number in the source */
};

struct pmark {              /* a responsibility marker taken out of the body */
    size_t at;              /* where it stood in the body once taken out */
    char *text;             /* as in the source, trimmed */
    char *lead;             /* 牵头单位 (first named), NULL when none */
    char **resp;            /* 责任单位 in order (the first leads when no 牵头单位) */
    size_t nresp;
    char **support;         /* 配合单位/协办单位 and further 牵头 names */
    size_t nsupport;
    char due[11];           /* "YYYY-MM-DD", "ongoing" or "" */
};

struct pctx {
    const struct parse_opts *opts;
    char *err;
    size_t errlen;
    struct doc *doc;
    struct pline *lines;    /* cleaned input lines */
    size_t nlines;
    char *body;             /* body lines joined with '\n', owned */
    size_t blen;
    size_t bstart;          /* body text starts here (after the addressee) */
    size_t bend;            /* and ends here (before a glued signature) */
    struct pmark *marks;    /* responsibility markers taken out of the body, in order */
    size_t nmarks;
    struct lexidx *lex;     /* the department lexicon in use (parse_lexicon.c) */
    char *places[32];       /* places the report names (东湖区, 高唐县), owned */
    size_t nplaces;
    struct pdrop *drops;    /* lines dropped as chrome, in the order they were dropped */
    size_t ndrops, capdrops;
    size_t body_src;        /* source line of the body's first line (SIZE_MAX: none) */
    char speaker_org[160];  /* a speech's speaker's office (市审计局), "" when none */
    int issuer_strong;      /* the issuer came from a 发布机构/发文机关 field */
};

/* ---- traditional characters (parse_hant.c) ---- */

/* The source text and its simplified copy, code point by code point. */
struct hant_map {
    char *orig;             /* the source text, owned */
    size_t olen;
    const char *simp;       /* the simplified copy (not owned) */
    size_t slen;
    size_t *off_o, *off_s;  /* byte offset of each code point, and of the end */
    size_t ncp;             /* code points of each; 0 when the counts differ */
    size_t cursor;          /* where the last text was found in simp */
};
/* Has text (len bytes) traditional characters enough to be read as a
 * traditional-character report? 1 or 0. */
int parse_hant_detect(const char *text, size_t len);
/* *simp = the simplified copy of text (malloc'd): 1; 0 when libopencc
 * or its data is missing (*simp NULL); -1 out of memory. */
int parse_hant_to_simp(const char *text, size_t len, char **simp);
/* Indexes orig (owned by m from now on, even on failure) against simp.
 * 0, or -1 out of memory. */
int parse_hant_map_init(struct hant_map *m, char *orig, size_t olen, const char *simp);
/* Frees what m owns. */
void parse_hant_map_fini(struct hant_map *m);
/* *s (malloc'd) as the source wrote it, when found in m's simplified
 * text; left alone otherwise. 0, or -1 out of memory. */
int parse_hant_restore_text(struct hant_map *m, char **s);
/* Gives d's titles, statements, markers and metadata back in the source's
 * characters wherever they are found in the simplified copy. 0, or -1
 * out of memory. */
int parse_hant_restore(struct hant_map *m, struct doc *d);

/* ---- lines: leftovers, hard wraps (parse_lines.c); header (parse_header.c) ---- */

/* Splits text into c->lines, drops web-page leftovers and re-joins lines
 * cut by a hard wrap. FU_OK or FU_ERR (out of memory). */
int parse_lines_split(struct pctx *c, const char *text, size_t len);
/* Records the source line src (text, copied) as dropped chrome. 0, or -1
 * out of memory. */
int parse_lines_drop(struct pctx *c, const char *text, size_t src);
/* Hands the dropped lines to c->doc (dropped, ndropped, ndropped_above),
 * in source order; c->drops is left empty. 0, or -1 out of memory. */
int parse_lines_give_drops(struct pctx *c);
void parse_lines_fini_drops(struct pctx *c);
/* Task tables flattened into text (cells split by | or tabs under a header
 * row naming 牵头单位/责任单位): each row becomes an item line with its
 * responsibility marker (parse_table.c). 0, or -1 out of memory. */
int parse_table_tables(struct pctx *c);
/* Tables flattened one cell a line (column names one a line, then each
 * row's number, task, departments and due) rewritten as |-separated rows
 * for parse_table_tables. 0, or -1 out of memory. */
int parse_table_vertical(struct pctx *c);
/* Reads the metadata block and title from the top of c->lines, the
 * signature from the bottom, builds c->body and finds the addressee.
 * FU_OK, or FU_ERR when no body text is left or out of memory. */
int parse_frame_build(struct pctx *c);
/* Consumes the block above the body (metadata, title, subtitles, the
 * speaker); the first body line's index. *rc -1 out of memory. */
size_t parse_header_read(struct pctx *c, int *rc);
/* Applies a metadata line (KEY: VALUE …, table cells too) to c's doc.
 * 0, or -1 out of memory. */
int parse_header_apply_meta(struct pctx *c, const char *s);
/* Is s only a date, maybe in brackets? Its ISO form in iso: 1 or 0. */
int parse_header_date_only(const char *s, char iso[11]);
/* 1 when s[a..b) looks like an organ's name (an addressee or signer). */
int parse_header_is_organ(const char *s, size_t a, size_t b);
/* 1 when s ends a sentence (。；;！？ or a colon, closing quotes aside). */
int parse_lines_ends_sentence(const char *s);
/* 1 when s is a line of "KEY:VALUE" metadata (发布时间:…, 索引号:…). */
int parse_header_is_meta_line(const char *s);
/* 1 when s is only a portal's category word (政策, 通知公告 …). */
int parse_header_is_category_word(const char *s);
/* Bytes of an "ADDRESSEE:" opening at the start of s (the colon
 * included), or 0. */
size_t parse_header_addressee_len(const char *s, size_t n);

/* ---- structure: headings, enumerations, closing (parse_struct.c) ---- */

/* Heading marker kinds in their fixed rank: 一、 > (一) > 1. > (1), and
 * the inline enumeration 一是 that is always one level below. */
enum mk_kind { MK_K1 = 0, MK_K2, MK_K3, MK_K4, MK_ENUM, MK_NKINDS };

struct marker {
    size_t pos, end;        /* the marker's bytes: body[pos..end) */
    enum mk_kind kind;
    int num;                /* 1 for 一、 (一) 1. (1) 一是 */
    int depth;              /* filled when the tree is built */
};

/* Reads a marker of any kind at s[i..n) into *m (well-formedness only: no
 * context checks). 1 when one is there. */
int parse_struct_marker_at(const char *s, size_t n, size_t i, struct marker *m);

/* Builds c->doc's intro, nodes and closing from the body. FU_ERR with the
 * "no numbered headings" message when there is no structure. */
int parse_struct_build(struct pctx *c);

/* ---- responsibility markers (parse_marker.c) ---- */

/* Takes the responsibility markers out of body[bstart..bend) into
 * c->marks (bend and blen shrink). FU_OK, or FU_ERR out of memory. */
int parse_marker_extract(struct pctx *c);
/* Gives marker m to node n: its lead (unless n has one from a marker),
 * supporting departments, due and text. 0, or -1 out of memory. */
int parse_marker_attach(struct node *n, const struct pmark *m);
/* Appends m's text to *dst (space-separated). 0, or -1 out of memory. */
int parse_marker_attach_text(char **dst, const struct pmark *m);
void parse_marker_fini(struct pctx *c);
/* 各区、县（市）: when the last of the *n names in *v starts with 各 and
 * s[a..b) is a bare level (县（市）, 区, 乡镇 …), appends "、" and it to that
 * name and returns 1; 0 when not; -1 out of memory. */
int parse_marker_join_level(char ***v, size_t *n, const char *s, size_t a, size_t b);

/* ---- statements (parse_stmt.c) ---- */

/* Splits body[a..b) into statements appended to *v (count *n), each with
 * kind, metrics, departments and due filled; codes are left empty. */
int parse_stmt_split(struct pctx *c, size_t a, size_t b, struct stmt **v, size_t *n);
/* Fills the metrics, departments and due of st from its text, as
 * parse_stmt_split would (its kind is left as it is). 0, or -1 out of
 * memory (what was filled is st's, freed with it). */
int parse_stmt_fill(struct pctx *c, struct stmt *st);
/* End of a heading's title in body[a..b): the first sentence end, colon,
 * or line end; *next gets where the text after the title starts. */
size_t parse_stmt_title_end(const char *s, size_t a, size_t b, size_t *next);
/* Start of the next sentence in s[i..b) after i (just past a terminator,
 * its closing quotes and any line end), or b. */
size_t parse_stmt_next_sentence(const char *s, size_t i, size_t b);
void parse_stmt_free_stmts(struct stmt *v, size_t n);
/* 1 when a sentence of s[a..b) commits to something in so many words: a
 * commitment opened by an action verb, or a promise (将/要 …, 确保, 力争). */
int parse_stmt_commits(const char *s, size_t a, size_t b);

/* Sets the direction of each of st's metrics (doc.h: metric_dir) from the
 * words around it in s[a..b), the text its metrics were found in, and from
 * st's kind: a figure of a fact or context statement is a fact. */
void parse_target_dirs(struct stmt *st, const char *s, size_t a, size_t b);

/* ---- the lexicon and places (parse_lexicon.c) ---- */

/* Indexes the compiled lexicon and opts->lexicon into c->lex. 0, or -1
 * out of memory (parse_lexicon_fini releases what was made). */
int parse_lexicon_init(struct pctx *c);
void parse_lexicon_fini(struct pctx *c);
/* End of the longest lexicon name at s[i..n), or 0. */
size_t parse_lexicon_match(const struct pctx *c, const char *s, size_t n, size_t i);
/* Learns the places the report names (X县人民政府, X区委) from its
 * metadata and body. 0, or -1 out of memory. */
int parse_lexicon_learn_places(struct pctx *c);
/* Earliest start of a learned place that ends at s[e), not before lo, or
 * (size_t)-1. */
size_t parse_lexicon_place_before(const struct pctx *c, const char *s, size_t lo, size_t e);

/* ---- departments (parse_dept.c) ---- */

/* Departments named in s[a..b), in order without repeats, appended to
 * *v, count *n (strings owned). 0, or -1 out of memory. */
int parse_dept_find(struct pctx *c, const char *s, size_t a, size_t b, char ***v, size_t *n);
/* First department named as an actor in s[a..b) (malloc'ed), or NULL. */
char *parse_dept_actor(struct pctx *c, const char *s, size_t a, size_t b);
/* The lead department the introduction names (要求X会同, 由X牵头, X牵头,
 * 责成X), malloc'ed, or NULL. */
char *parse_dept_lead(struct pctx *c, const char *s, size_t a, size_t b);
/* The department whose own plan or report the title names (明光市民政局
 * 2023年10月份重点工作, 关于对鹤城区教育局2025年度……的公示): the
 * department the title opens with, before a year or 关于; malloc'ed or
 * NULL. */
char *parse_dept_title_owner(struct pctx *c);
/* The signing department of a report that speaks of itself (我局高度重视,
 * signed 苍溪县住房和城乡建设局): malloc'ed or NULL. */
char *parse_dept_self_owner(struct pctx *c);
/* Suggests owners for every node of c->doc (see parse.h). FU_OK/FU_ERR. */
int parse_dept_owners(struct pctx *c);

#endif
