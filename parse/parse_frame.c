/* The report's frame around its text: the signature at the bottom (or
 * below the attachment list in the middle), the body, the addressee at its
 * start (or a few lines in), and the issuer when no field named it. The
 * block above the body is parse/parse_header.c's. */
#include "parse/parse_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"

/* ---- signature and body ---- */

/* Start of a date that ends s (trailing space ignored), or (size_t)-1. */
static size_t trailing_date(const char *s, char iso[11])
{
    size_t n = strlen(s), a = 0, b = n, i, used;
    scan_trim(s, &a, &b);
    i = b;
    while (i > a && b - i < 64) {
        i = scan_back(s, i);
        if (scan_date(s, b, i, &used, iso) && i + used == b) return i;
    }
    return (size_t)-1;
}

/* Where the organ's name before position d0 of s starts: after the last
 * sentence end, or at the line start. */
static size_t organ_start(const char *s, size_t d0)
{
    size_t i = d0, k;
    while (i > 0) {
        size_t p = scan_back(s, i);
        uint32_t cp = scan_cp(s, d0, p, &k);
        if (scan_is_term(cp) || scan_is_closer(cp) || scan_is_colon(cp)) break;
        i = p;
    }
    return i;
}

static int set_str(char **f, const char *s, size_t a, size_t b)
{
    free(*f);
    *f = scan_dup_trim(s, a, b);
    return *f ? 0 : -1;
}

/* Takes the signature off the end of lines[first..*end). */
static int read_signature(struct pctx *c, size_t first, size_t *end)
{
    struct doc_meta *m = &c->doc->meta;
    char iso[11], *s;
    size_t d0, o;

    while (*end > first + 1 && parse_header_is_meta_line(c->lines[*end - 1].text)) {
        if (parse_header_apply_meta(c, c->lines[*end - 1].text) < 0) return -1;
        (*end)--;                   /* 来源: 作者: 编辑: under the text */
    }
    if (*end <= first) return 0;
    s = c->lines[*end - 1].text;
    if (parse_header_date_only(s, iso)) {
        if (set_str(&m->signed_on, iso, 0, strlen(iso)) < 0) return -1;
        (*end)--;
        if (*end > first && parse_header_is_organ(c->lines[*end - 1].text, 0,
                                        strlen(c->lines[*end - 1].text))) {
            s = c->lines[*end - 1].text;
            if (set_str(&m->signed_by, s, 0, strlen(s)) < 0) return -1;
            (*end)--;
        }
        return 0;
    }
    d0 = trailing_date(s, iso);
    if (d0 != (size_t)-1) {
        o = organ_start(s, d0);
        if (o < d0 && !parse_header_is_organ(s, o, d0)) return 0;
        if (o == d0 && o == 0) return 0;
        if (set_str(&m->signed_on, iso, 0, strlen(iso)) < 0) return -1;
        if (o < d0 && set_str(&m->signed_by, s, o, d0) < 0) return -1;
        s[o] = 0;
        if (!s[0]) (*end)--;
        return 0;
    }
    if (*end - first > 1 && parse_header_is_organ(s, 0, strlen(s))) {
        if (set_str(&m->signed_by, s, 0, strlen(s)) < 0) return -1;
        (*end)--;
    }
    return 0;
}

/* 附件：… or 附件1. …: the list of attachments above a signature. */
static int attachment_line(const char *s)
{
    size_t n = strlen(s), i = 0, k;
    while (i < n && scan_is_space(scan_cp(s, n, i, &k))) i += k;
    return scan_at(s, n, i, "附件");
}

/* A notice that issues a plan signs before the plan's text: an organ's
 * line and a date line after a sentence, early in the body. Taken out
 * when the end of the text had no signature. */
static int middle_signature(struct pctx *c, size_t first, size_t *end)
{
    struct doc_meta *m = &c->doc->meta;
    size_t j;
    char iso[11];
    if (m->signed_by) return 0;
    for (j = first + 1; j + 2 < *end && j < first + 8; j++) {
        const char *s = c->lines[j].text;
        if ((!parse_lines_ends_sentence(c->lines[j - 1].text) && !attachment_line(c->lines[j - 1].text)) ||
            !parse_header_is_organ(s, 0, strlen(s)) ||
            !parse_header_date_only(c->lines[j + 1].text, iso))
            continue;
        if (set_str(&m->signed_by, s, 0, strlen(s)) < 0 ||
            set_str(&m->signed_on, iso, 0, strlen(iso)) < 0)
            return -1;
        free(c->lines[j].text);
        free(c->lines[j + 1].text);
        memmove(&c->lines[j], &c->lines[j + 2], (c->nlines - j - 2) * sizeof *c->lines);
        c->nlines -= 2;
        *end -= 2;
        return 0;
    }
    return 0;
}

static int build_body(struct pctx *c, size_t first, size_t end)
{
    size_t i, total = 1, o = 0;
    for (i = first; i < end; i++) total += strlen(c->lines[i].text) + 1;
    c->body = malloc(total);
    if (!c->body) return -1;
    for (i = first; i < end; i++) {
        size_t l = strlen(c->lines[i].text);
        if (o) c->body[o++] = '\n';
        memcpy(c->body + o, c->lines[i].text, l);
        o += l;
    }
    c->body[o] = 0;
    c->blen = o;
    c->bstart = 0;
    c->bend = o;
    return 0;
}

/* An addressee on a line of its own a few lines into the body (after a
 * news lead or a caption): taken out of the body. 0, or -1 out of memory. */
static int later_addressee(struct pctx *c)
{
    size_t i = c->bstart, line;
    for (line = 0; line < 5 && i < c->blen; line++) {
        const char *nl = memchr(c->body + i, '\n', c->blen - i);
        size_t e = nl ? (size_t)(nl - c->body) : c->blen;
        size_t len = line ? parse_header_addressee_len(c->body + i, e - i) : 0;
        if (len && len == e - i) {
            if (set_str(&c->doc->meta.addressee, c->body + i, 0, scan_back(c->body + i, len)) < 0)
                return -1;
            e = nl ? e + 1 : e;
            memmove(c->body + i, c->body + e, c->blen - e + 1);
            c->blen -= e - i;
            c->bend = c->blen;
            return 0;
        }
        i = e + 1;
    }
    return 0;
}

static int read_addressee(struct pctx *c)
{
    size_t len = parse_header_addressee_len(c->body, c->blen), k;
    if (!len) return later_addressee(c);
    if (set_str(&c->doc->meta.addressee, c->body, 0, scan_back(c->body, len)) < 0) return -1;
    c->bstart = len;
    while (c->bstart < c->blen) {
        uint32_t cp = scan_cp(c->body, c->blen, c->bstart, &k);
        if (!scan_is_space(cp) && cp != '\n') break;
        c->bstart += k;
    }
    return 0;
}

/* The government whose work report the title names (2026年吉林省政府工作
 * 报告, 重庆市渝中区人民政府工作报告): 吉林省人民政府. 0, or -1 out of memory. */
static int work_report_issuer(struct doc_meta *m)
{
    static const char *const places[] = {"省", "市", "区", "县", "州", "旗", "盟", "镇", "乡",
                                         "人民", NULL};
    const char *t = m->title, *w = strstr(t, "政府工作报告");
    size_t a = 0, b, used, k;
    char iso[11], *r;
    int y;
    if (!w) return 0;
    {   /* nothing after it, or a year in brackets: …工作报告(2023年) */
        const char *after = w + strlen("政府工作报告");
        size_t al = strlen(after), u;
        if (al && !((after[0] == '(' || scan_at(after, al, 0, "（")) &&
                    scan_ar_number(after, al, after[0] == '(' ? 1 : strlen("（"), &u) >= 1900))
            return 0;
    }
    b = (size_t)(w - t);
    if ((y = scan_ar_number(t, b, 0, &used)) >= 1900 && scan_at(t, b, used, "年"))
        a = used + strlen("年");
    (void)iso;
    (void)k;
    if (b <= a || !scan_ends_any(t, a, b, places)) return 0;
    r = malloc(b - a + strlen("人民政府") + 1);
    if (!r) return -1;
    memcpy(r, t + a, b - a);
    strcpy(r + (b - a), scan_ends_any(t, a, b, (const char *const[]){"人民", NULL}) ? "政府" : "人民政府");
    free(m->issuer);
    m->issuer = r;
    return 0;
}

/* The issuer when no field named it: the organ before the title's 关于
 * (某某区人民政府关于印发…的通知), else a speech's speaker's office, else
 * a signature that is an organ. */
static int derive_issuer(struct doc_meta *m, const char *speaker_org, int strong)
{
    if (m->title && strstr(m->title, "政府工作报告")) {   /* the government reports */
        char *field = m->issuer;
        m->issuer = NULL;
        if (work_report_issuer(m) < 0) { m->issuer = field; return -1; }
        if (m->issuer) { free(field); return 0; }
        m->issuer = field;
    }
    if (m->issuer && strong) return 0;
    if (m->title) {                /* before a 来源 field, which may name a site's office */
        size_t n = strlen(m->title), at = scan_find(m->title, 0, n, "关于");
        if (at != (size_t)-1 && at > 0 && parse_header_is_organ(m->title, 0, at))
            return set_str(&m->issuer, m->title, 0, at);
    }
    if (m->issuer) return 0;
    if (speaker_org[0]) return set_str(&m->issuer, speaker_org, 0, strlen(speaker_org));
    if (m->signed_by && parse_header_is_organ(m->signed_by, 0, strlen(m->signed_by)))
        return set_str(&m->issuer, m->signed_by, 0, strlen(m->signed_by));
    return 0;
}

int parse_frame_build(struct pctx *c)
{
    int rc;
    size_t first = parse_header_read(c, &rc), end = c->nlines;
    c->body_src = first < c->nlines ? c->lines[first].src : (size_t)-1;
    if (rc == 0) rc = read_signature(c, first, &end);
    if (rc == 0) rc = middle_signature(c, first, &end);
    if (rc == 0) rc = build_body(c, first, end);
    if (rc == 0) rc = read_addressee(c);
    if (rc == 0) rc = derive_issuer(&c->doc->meta, c->speaker_org, c->issuer_strong);
    if (rc < 0) {
        snprintf(c->err, c->errlen, "out of memory reading the report");
        return FU_ERR;
    }
    return FU_OK;
}
