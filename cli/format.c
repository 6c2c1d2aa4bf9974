/* Task lists as an aligned table (display columns, not bytes), RFC 4180
 * CSV and JSON, with the same columns. Rows arrive one at a time
 * (db_task_each): CSV and JSON go straight out; the table keeps a compact
 * copy of what it prints (one arena, no allocation per row) until the
 * column widths are known. Text that needs no sanitising or escaping
 * (the usual case) is written as it is. */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/err.h"
#include "core/json.h"
#include "core/text.h"

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
    if (cli_text_clean(s, NULL))
        fputs(s, out);
    else
        cli_puts(out, s);
}

/* ---- table --------------------------------------------------------------- */

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
    int oom;
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

static void table_add(struct table *tb, const struct task *t)
{
    if (tb->oom)
        return;
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

static void table_print(struct cli *c, const struct table *tb, FILE *out)
{
    int q = 0, wcode = 4, wstat = 6, wlead = 4;
    char code[64];
    for (size_t i = 1; i < tb->n && !q; i++)
        q = tb->v[i].report_id != tb->v[0].report_id;
    for (size_t i = 0; i < tb->n; i++) {
        const struct trow *r = &tb->v[i];
        code_of(r->report_id, tb->arena + r->code, q, code, sizeof code);
        int w = text_width(code) + 2 * r->depth;
        wcode = w > wcode ? w : wcode;
        w = text_width(cli_status_label(c, r->status));
        wstat = w > wstat ? w : wstat;
        w = r->lead != (size_t)-1 ? text_width(tb->arena + r->lead) : 1;
        wlead = w > wlead ? w : wlead;
    }
    wlead = wlead > 20 ? 20 : wlead;
    int cols = terminal_cols(out);
    int wtext = cols ? cols - (wcode + wstat + wlead + 10 + 4) : 0;
    if (cols && wtext < 10)
        wtext = 10;
    for (size_t i = 0; i < tb->n; i++) {
        const struct trow *r = &tb->v[i];
        char indented[96];
        code_of(r->report_id, tb->arena + r->code, q, code, sizeof code);
        snprintf(indented, sizeof indented, "%*s%s", 2 * r->depth, "", code);
        cell(out, indented, wcode);
        fputc(' ', out);
        cell(out, cli_status_label(c, r->status), wstat);
        fputc(' ', out);
        cell(out, r->lead != (size_t)-1 ? tb->arena + r->lead : "-", wlead);
        fputc(' ', out);
        cell(out, r->due[0] ? r->due : "-", 10);
        fputc(' ', out);
        if (wtext) {
            char buf[2048];
            text_fit(tb->arena + r->text, wtext, 0, buf, sizeof buf);
            fputs(buf, out);
        } else {
            put_safe(out, tb->arena + r->text);
        }
        if (r->withdrawn)
            fputs(c->zh ? " (已撤销)" : " (withdrawn)", out);
        fputc('\n', out);
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
    if (!cli_text_clean(s, NULL) && !(s = buf = text_sanitize_dup(s)))
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
    if (s && cli_text_clean(s, &plain) && plain) {
        fputc('"', out);
        fputs(s, out);
        fputc('"', out);
    } else {
        json_str(out, s);
    }
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
    fputs("}", out);
}

/* ---- the writer ------------------------------------------------------------ */

struct list_out {
    struct cli *c;
    enum list_format f;
    FILE *out;
    size_t n;              /* rows so far */
    int started;           /* the head is out */
    struct table tb;
};

struct list_out *list_out_new(struct cli *c, enum list_format f, FILE *out)
{
    struct list_out *o = calloc(1, sizeof *o);
    if (!o)
        return NULL;
    o->c = c;
    o->f = f;
    o->out = out;
    return o;
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
        table_add(&o->tb, t);
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
            table_print(o->c, &o->tb, o->out);
    }
    free(o->tb.v);
    free(o->tb.arena);
    free(o);
    return rc;
}

void list_print(struct cli *c, const struct task_list *l, enum list_format f, FILE *out)
{
    struct list_out *o = list_out_new(c, f, out);
    for (size_t i = 0; o && i < l->n; i++)
        list_out_task(&l->v[i], o);
    if (o)
        list_out_end(o, 1);
}
