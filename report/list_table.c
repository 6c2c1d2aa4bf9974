/* Task lists as an aligned table (display columns, not bytes), RFC 4180
 * CSV and JSON, with the same columns. Rows arrive one at a time
 * (db_task_each): CSV and JSON go straight out; the table keeps a compact
 * copy of what it prints (one arena, no allocation per row; past a few
 * megabytes, a temporary file) until the column widths are known. Text that needs no sanitising or escaping
 * (the usual case) is written as it is. */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "report/list_out.h"
#include "util/err.h"
#include "util/json.h"
#include "util/text.h"
#include "core/workflow.h"

static int terminal_cols(FILE *out)
{
    struct winsize ws;
    if (isatty(fileno(out)) && ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    const char *env = getenv("COLUMNS");
    return env && atoi(env) > 0 ? atoi(env) : 0;  /* 0: no limit */
}

static void code_of(long long report_id, const char *code, int qualify, char *buf, size_t len)
{
    if (qualify)
        snprintf(buf, len, "R%lld:%s", report_id, code);
    else
        snprintf(buf, len, "%s", code);
}

/* Writes s padded/cut to cols columns. */
static void cell(FILE *out, const char *s, int cols)
{
    char buf[1024];
    text_fit(s ? s : "", cols, 1, buf, sizeof buf);
    fputs(buf, out);
}

/* Writes s sanitised: as it is when it is clean. */
static void put_safe(FILE *out, const char *s)
{
    if (text_is_clean(s, NULL))
        fputs(s, out);
    else
        text_fputs(out, s);
}

/* ---- table --------------------------------------------------------------- */

/* Kept in memory up to this many bytes; a longer table goes on to a
 * temporary file (unlinked at once), so that a list of a million rows
 * needs no more memory than one of a hundred thousand. */
#define TABLE_MEM (6u << 20)

struct trow {              /* what a table row prints; strings are arena offsets */
    long long report_id;
    size_t code, lead, text;   /* lead: (size_t)-1 when none */
    int depth;
    unsigned char status, withdrawn;
    char due[11];
};

struct table {
    struct trow *v;
    size_t n, cap;
    char *arena;
    size_t used, room;
    FILE *spill;           /* the rows, once they outgrew mem */
    size_t mem;            /* bytes kept in memory at most */
    int oom;
    int wcode, wcode_q, wstat, wlead;   /* widest so far (wcode_q: codes with R<n>:) */
    long long report0;     /* the first row's report */
    int multi;             /* rows of several reports: codes qualified */
};

static size_t arena_put(struct table *tb, const char *s)
{
    size_t len = strlen(s) + 1;
    if (tb->used + len > tb->room) {
        size_t room = tb->room ? tb->room : 1 << 16;
        while (tb->used + len > room)
            room *= 2;
        char *a = realloc(tb->arena, room);
        if (!a) {
            tb->oom = 1;
            return 0;
        }
        tb->arena = a;
        tb->room = room;
    }
    memcpy(tb->arena + tb->used, s, len);
    tb->used += len;
    return tb->used - len;
}

static void widths_add(int zh, struct table *tb, const struct task *t)
{
    char code[64];
    if (tb->n == 0 && !tb->spill)
        tb->report0 = t->report_id;
    tb->multi |= t->report_id != tb->report0;
    int w = text_width(t->code) + 2 * t->depth;
    tb->wcode = w > tb->wcode ? w : tb->wcode;
    code_of(t->report_id, t->code, 1, code, sizeof code);
    w = text_width(code) + 2 * t->depth;
    tb->wcode_q = w > tb->wcode_q ? w : tb->wcode_q;
    w = text_width(status_label(t->status, zh));
    tb->wstat = w > tb->wstat ? w : tb->wstat;
    w = t->lead ? text_width(t->lead) : 1;
    tb->wlead = w > tb->wlead ? w : tb->wlead;
}

/* A row on the spill file: the fixed part, then code, lead, text with
 * their terminating NULs (lead "" when none: a flag says so). */
struct trow_rec {
    long long report_id;
    int depth;
    unsigned char status, withdrawn, has_lead;
    char due[11];
    unsigned code_len, lead_len, text_len;
};

static void spill_row(struct table *tb, long long report_id, int depth, int status,
                      int withdrawn, const char *due, const char *code, const char *lead,
                      const char *text)
{
    struct trow_rec r = {.report_id = report_id, .depth = depth,
                         .status = (unsigned char)status, .withdrawn = (unsigned char)withdrawn,
                         .has_lead = lead != NULL, .code_len = (unsigned)strlen(code) + 1,
                         .lead_len = lead ? (unsigned)strlen(lead) + 1 : 1,
                         .text_len = (unsigned)strlen(text) + 1};
    memcpy(r.due, due, sizeof r.due);
    if (fwrite(&r, sizeof r, 1, tb->spill) != 1 ||
        fwrite(code, r.code_len, 1, tb->spill) != 1 ||
        fwrite(lead ? lead : "", r.lead_len, 1, tb->spill) != 1 ||
        fwrite(text, r.text_len, 1, tb->spill) != 1)
        tb->oom = 1;
}

/* Moves the rows held so far to a temporary file. */
static void start_spill(struct table *tb)
{
    if (!(tb->spill = tmpfile())) {
        tb->oom = 1;
        return;
    }
    for (size_t i = 0; i < tb->n; i++) {
        const struct trow *r = &tb->v[i];
        spill_row(tb, r->report_id, r->depth, r->status, r->withdrawn, r->due,
                  tb->arena + r->code, r->lead != (size_t)-1 ? tb->arena + r->lead : NULL,
                  tb->arena + r->text);
    }
    free(tb->v);
    free(tb->arena);
    tb->v = NULL;
    tb->arena = NULL;
    tb->cap = tb->used = tb->room = 0;
}

static void table_add(int zh, struct table *tb, const struct task *t)
{
    if (tb->oom)
        return;
    widths_add(zh, tb, t);
    if (!tb->spill && tb->used + tb->cap * sizeof *tb->v > tb->mem)
        start_spill(tb);
    if (tb->spill) {
        spill_row(tb, t->report_id, t->depth, t->status, t->withdrawn != 0, t->due, t->code,
                  t->lead, t->text);
        tb->n++;
        return;
    }
    if (tb->n == tb->cap) {
        size_t cap = tb->cap ? tb->cap * 2 : 256;
        struct trow *v = realloc(tb->v, cap * sizeof *v);
        if (!v) {
            tb->oom = 1;
            return;
        }
        tb->v = v;
        tb->cap = cap;
    }
    struct trow *r = &tb->v[tb->n];
    r->report_id = t->report_id;
    r->depth = t->depth;
    r->status = (unsigned char)t->status;
    r->withdrawn = (unsigned char)(t->withdrawn != 0);
    memcpy(r->due, t->due, sizeof r->due);
    r->code = arena_put(tb, t->code);
    r->lead = t->lead ? arena_put(tb, t->lead) : (size_t)-1;
    r->text = arena_put(tb, t->text);
    if (!tb->oom)
        tb->n++;
}

struct tcols { int q, wcode, wstat, wlead, wtext; };

static void print_row(int zh, const struct tcols *w, FILE *out, long long report_id,
                      int depth, int status, int withdrawn, const char *due, const char *code,
                      const char *lead, const char *text)
{
    char indented[96], qcode[64];
    code_of(report_id, code, w->q, qcode, sizeof qcode);
    snprintf(indented, sizeof indented, "%*s%s", 2 * depth, "", qcode);
    cell(out, indented, w->wcode);
    fputc(' ', out);
    cell(out, status_label(status, zh), w->wstat);
    fputc(' ', out);
    cell(out, lead ? lead : "-", w->wlead);
    fputc(' ', out);
    cell(out, due[0] ? due : "-", 10);
    fputc(' ', out);
    if (w->wtext) {
        char buf[2048];
        text_fit(text, w->wtext, 0, buf, sizeof buf);
        fputs(buf, out);
    } else {
        put_safe(out, text);
    }
    if (withdrawn)
        fputs(zh ? " (已撤销)" : " (withdrawn)", out);
    fputc('\n', out);
}

/* The spilled rows, read back one at a time. */
static void print_spilled(int zh, struct table *tb, const struct tcols *w, FILE *out)
{
    struct trow_rec r;
    char *buf = NULL;
    size_t cap = 0;
    rewind(tb->spill);
    while (fread(&r, sizeof r, 1, tb->spill) == 1) {
        size_t len = (size_t)r.code_len + r.lead_len + r.text_len;
        if (len > cap) {
            char *b = realloc(buf, len);
            if (!b)
                break;
            buf = b;
            cap = len;
        }
        if (fread(buf, len, 1, tb->spill) != 1)
            break;
        char *code = buf, *lead = buf + r.code_len, *text = lead + r.lead_len;
        print_row(zh, w, out, r.report_id, r.depth, r.status, r.withdrawn, r.due, code,
                  r.has_lead ? lead : NULL, text);
    }
    free(buf);
}

static void table_print(int zh, struct table *tb, FILE *out)
{
    struct tcols w = {.q = tb->multi};
    w.wcode = tb->multi ? tb->wcode_q : tb->wcode;
    w.wcode = w.wcode > 4 ? w.wcode : 4;
    w.wstat = tb->wstat > 6 ? tb->wstat : 6;
    w.wlead = tb->wlead > 4 ? tb->wlead : 4;
    w.wlead = w.wlead > 20 ? 20 : w.wlead;
    int cols = terminal_cols(out);
    w.wtext = cols ? cols - (w.wcode + w.wstat + w.wlead + 10 + 4) : 0;
    if (cols && w.wtext < 10)
        w.wtext = 10;
    if (tb->spill) {
        print_spilled(zh, tb, &w, out);
        return;
    }
    for (size_t i = 0; i < tb->n; i++) {
        const struct trow *r = &tb->v[i];
        print_row(zh, &w, out, r->report_id, r->depth, r->status, r->withdrawn, r->due,
                  tb->arena + r->code, r->lead != (size_t)-1 ? tb->arena + r->lead : NULL,
                  tb->arena + r->text);
    }
}

/* ---- CSV ----------------------------------------------------------------- */

/* RFC 4180: quoted when needed, quotes doubled, CRLF line ends. Control
 * characters are replaced by placeholders like everywhere else, and a
 * cell a spreadsheet would run as a formula (= + - @ first) starts with
 * a ' (OWASP's CSV injection advice). */
static void csv_field(FILE *out, const char *s)
{
    char *buf = NULL;
    if (!s)
        return;
    if (!text_is_clean(s, NULL) && !(s = buf = text_sanitize_dup(s)))
        return;
    const char *guard = s[0] && strchr("=+-@", s[0]) ? "'" : "";
    if (strpbrk(s, ",\"\r\n") || s[0] == ' ') {
        fputc('"', out);
        fputs(guard, out);
        for (const char *p = s; *p; p++) {
            if (*p == '"')
                fputc('"', out);
            fputc(*p, out);
        }
        fputc('"', out);
    } else {
        fputs(guard, out);
        fputs(s, out);
    }
    free(buf);
}

static void csv_head(FILE *out)
{
    fputs("uuid,report,code,kind,text,status,lead,support,due,version,light\r\n", out);
}

static void csv_row(const struct task *t, FILE *out)
{
    char rep[32], sup[1024], ver[32];
    snprintf(rep, sizeof rep, "R%lld", t->report_id);
    snprintf(ver, sizeof ver, "%lld", t->version);
    sup[0] = '\0';
    for (size_t i = 0, used = 0; i < t->nsupport && used < sizeof sup; i++)
        used += (size_t)snprintf(sup + used, sizeof sup - used, "%s%s", i ? ";" : "",
                                 t->support[i]);
    const char *f[] = {t->uuid, rep, t->code, kind_key(t->kind), t->text,
                       status_key(t->status), t->lead, sup, t->due, ver,
                       light_key((enum light)t->light)};
    for (int k = 0; k < 11; k++) {
        if (k)
            fputc(',', out);
        csv_field(out, f[k]);
    }
    fputs("\r\n", out);
}

/* ---- JSON ---------------------------------------------------------------- */

/* A JSON string: s as it is between quotes when nothing in it needs an
 * escape, else json_str. */
static void json_field(FILE *out, const char *s)
{
    int plain = 0;
    if (s && text_is_clean(s, &plain) && plain) {
        fputc('"', out);
        fputs(s, out);
        fputc('"', out);
    } else {
        json_str(out, s);
    }
}

/* "target": null, or the target, its latest value and the share. */
static void json_target(const struct target_state *s, FILE *out)
{
    char num[40], line[160];
    if (!s->has) {
        fputs(",\"target\":null", out);
        return;
    }
    target_number(s->t.value, num, sizeof num);
    fprintf(out, ",\"target\":{\"value\":%s,\"unit\":", num);
    json_field(out, s->t.unit);
    fputs(",\"direction\":", out), json_field(out, metric_dir_name(s->t.dir));
    if (s->reported) {
        target_number(s->value, num, sizeof num);
        fprintf(out, ",\"reached\":%s,\"reported_at\":", num);
        json_field(out, s->at);
        target_number(target_share(&s->t, s->value), num, sizeof num);
        fprintf(out, ",\"share\":%s,\"met\":%s", num,
                target_met(&s->t, s->value) ? "true" : "false");
    } else {
        fputs(",\"reached\":null,\"reported_at\":null,\"share\":null,\"met\":false", out);
    }
    target_progress_format(s, line, sizeof line);
    fputs(",\"progress\":", out), json_field(out, line);
    fputc('}', out);
}

static void json_row(const struct task *t, size_t i, FILE *out)
{
    char rep[32];
    snprintf(rep, sizeof rep, "R%lld", t->report_id);
    fputs(i ? ",\n {" : "\n {", out);
    fputs("\"uuid\":", out), json_field(out, t->uuid);
    fputs(",\"report\":", out), json_field(out, rep);
    fputs(",\"code\":", out), json_field(out, t->code);
    fputs(",\"kind\":", out), json_field(out, kind_key(t->kind));
    fputs(",\"text\":", out), json_field(out, t->text);
    fputs(",\"status\":", out), json_field(out, status_key(t->status));
    fputs(",\"lead\":", out), json_field(out, t->lead);
    fputs(",\"support\":[", out);
    for (size_t k = 0; k < t->nsupport; k++) {
        if (k)
            fputc(',', out);
        json_field(out, t->support[k]);
    }
    fputs("],\"due\":", out), json_field(out, t->due[0] ? t->due : NULL);
    fprintf(out, ",\"version\":%lld,\"withdrawn\":%s", t->version,
            t->withdrawn ? "true" : "false");
    fputs(",\"light\":", out), json_field(out, light_key((enum light)t->light));
    fputs(",\"feedback_overdue\":", out), fputs(t->feedback_overdue ? "true" : "false", out);
    json_target(&t->target, out);
    fputs("}", out);
}

/* ---- the writer ------------------------------------------------------------ */

struct list_out {
    int zh;
    enum list_format f;
    FILE *out;
    size_t n;              /* rows so far */
    int started;           /* the head is out */
    struct table tb;
};

struct list_out *list_out_new(int zh, enum list_format f, FILE *out)
{
    struct list_out *o = calloc(1, sizeof *o);
    if (!o)
        return NULL;
    o->zh = zh;
    o->f = f;
    o->out = out;
    o->tb.mem = TABLE_MEM;
    return o;
}

void list_out_spill_after(struct list_out *o, size_t bytes)
{
    o->tb.mem = bytes;
}

/* The head goes out with the first row (or at the end), so that an error
 * found before any row leaves stdout empty. */
static void start(struct list_out *o)
{
    if (o->started++)
        return;
    if (o->f == FMT_CSV)
        csv_head(o->out);
    else if (o->f == FMT_JSON)
        fputs("[", o->out);
}

int list_out_task(const struct task *t, void *ctx)
{
    struct list_out *o = ctx;
    start(o);
    if (o->f == FMT_CSV)
        csv_row(t, o->out);
    else if (o->f == FMT_JSON)
        json_row(t, o->n, o->out);
    else
        table_add(o->zh, &o->tb, t);
    o->n++;
    return o->tb.oom ? FU_ERR : FU_OK;
}

int list_out_end(struct list_out *o, int ok)
{
    int rc = o->tb.oom ? FU_ERR : FU_OK;
    if (ok && rc == FU_OK) {
        start(o);
        if (o->f == FMT_JSON)
            fputs(o->n ? "\n]\n" : "]\n", o->out);
        else if (o->f == FMT_TABLE)
            table_print(o->zh, &o->tb, o->out);
    }
    free(o->tb.v);
    free(o->tb.arena);
    if (o->tb.spill)
        fclose(o->tb.spill);
    free(o);
    return rc;
}

void list_print(int zh, const struct task_list *l, enum list_format f, FILE *out)
{
    struct list_out *o = list_out_new(zh, f, out);
    for (size_t i = 0; o && i < l->n; i++)
        list_out_task(&l->v[i], o);
    if (o)
        list_out_end(o, 1);
}
