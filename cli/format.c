/* Task lists as an aligned table (display columns, not bytes), RFC 4180
 * CSV and JSON, with the same columns. */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/cli.h"
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

static int multi_report(const struct task_list *l)
{
    for (size_t i = 1; i < l->n; i++)
        if (l->v[i].report_id != l->v[0].report_id)
            return 1;
    return 0;
}

static void code_of(const struct task *t, int qualify, char *buf, size_t len)
{
    if (qualify)
        snprintf(buf, len, "R%lld:%s", t->report_id, t->code);
    else
        snprintf(buf, len, "%s", t->code);
}

/* Writes s padded/cut to cols columns. */
static void cell(FILE *out, const char *s, int cols)
{
    char buf[1024];
    text_fit(s ? s : "", cols, 1, buf, sizeof buf);
    fputs(buf, out);
}

static void print_table(struct cli *c, const struct task_list *l, FILE *out)
{
    int q = multi_report(l), wcode = 4, wstat = 6, wlead = 4;
    char code[64];
    for (size_t i = 0; i < l->n; i++) {
        code_of(&l->v[i], q, code, sizeof code);
        int w = text_width(code) + 2 * l->v[i].depth;
        wcode = w > wcode ? w : wcode;
        w = text_width(cli_status_label(c, l->v[i].status));
        wstat = w > wstat ? w : wstat;
        w = l->v[i].lead ? text_width(l->v[i].lead) : 1;
        wlead = w > wlead ? w : wlead;
    }
    wlead = wlead > 20 ? 20 : wlead;
    int cols = terminal_cols(out);
    int wtext = cols ? cols - (wcode + wstat + wlead + 10 + 4) : 0;
    if (cols && wtext < 10)
        wtext = 10;
    for (size_t i = 0; i < l->n; i++) {
        const struct task *t = &l->v[i];
        char indented[96];
        code_of(t, q, code, sizeof code);
        snprintf(indented, sizeof indented, "%*s%s", 2 * t->depth, "", code);
        cell(out, indented, wcode);
        fputc(' ', out);
        cell(out, cli_status_label(c, t->status), wstat);
        fputc(' ', out);
        cell(out, t->lead ? t->lead : "-", wlead);
        fputc(' ', out);
        cell(out, t->due[0] ? t->due : "-", 10);
        fputc(' ', out);
        if (wtext) {
            char buf[2048];
            text_fit(t->text, wtext, 0, buf, sizeof buf);
            fputs(buf, out);
        } else {
            cli_puts(out, t->text);
        }
        if (t->withdrawn)
            fputs(c->zh ? " (已撤销)" : " (withdrawn)", out);
        fputc('\n', out);
    }
}

/* RFC 4180: quoted when needed, quotes doubled, CRLF line ends. Control
 * characters are replaced by placeholders like everywhere else, and a
 * cell a spreadsheet would run as a formula (= + - @ first) starts with
 * a ' (OWASP's CSV injection advice). */
static void csv_field(FILE *out, const char *s)
{
    char *buf = text_sanitize_dup(s);
    if (!buf)
        return;
    const char *guard = buf[0] && strchr("=+-@", buf[0]) ? "'" : "";
    if (strpbrk(buf, ",\"\r\n") || buf[0] == ' ') {
        fputc('"', out);
        fputs(guard, out);
        for (const char *p = buf; *p; p++) {
            if (*p == '"')
                fputc('"', out);
            fputc(*p, out);
        }
        fputc('"', out);
    } else {
        fputs(guard, out);
        fputs(buf, out);
    }
    free(buf);
}

static void join_support(const struct task *t, char *buf, size_t len, const char *sep)
{
    buf[0] = '\0';
    for (size_t i = 0; i < t->nsupport; i++) {
        size_t used = strlen(buf);
        snprintf(buf + used, len - used, "%s%s", i ? sep : "", t->support[i]);
    }
}

static void print_csv(const struct task_list *l, FILE *out)
{
    fputs("uuid,report,code,kind,text,status,lead,support,due,version\r\n", out);
    for (size_t i = 0; i < l->n; i++) {
        const struct task *t = &l->v[i];
        char rep[32], sup[1024], ver[32];
        snprintf(rep, sizeof rep, "R%lld", t->report_id);
        snprintf(ver, sizeof ver, "%lld", t->version);
        join_support(t, sup, sizeof sup, ";");
        const char *f[] = {t->uuid, rep, t->code, kind_key(t->kind), t->text,
                           status_key(t->status), t->lead, sup, t->due, ver};
        for (int k = 0; k < 10; k++) {
            if (k)
                fputc(',', out);
            csv_field(out, f[k]);
        }
        fputs("\r\n", out);
    }
}

static void print_json(const struct task_list *l, FILE *out)
{
    fputs("[", out);
    for (size_t i = 0; i < l->n; i++) {
        const struct task *t = &l->v[i];
        char rep[32];
        snprintf(rep, sizeof rep, "R%lld", t->report_id);
        fputs(i ? ",\n {" : "\n {", out);
        fputs("\"uuid\":", out), json_str(out, t->uuid);
        fputs(",\"report\":", out), json_str(out, rep);
        fputs(",\"code\":", out), json_str(out, t->code);
        fputs(",\"kind\":", out), json_str(out, kind_key(t->kind));
        fputs(",\"text\":", out), json_str(out, t->text);
        fputs(",\"status\":", out), json_str(out, status_key(t->status));
        fputs(",\"lead\":", out), json_str(out, t->lead);
        fputs(",\"support\":[", out);
        for (size_t k = 0; k < t->nsupport; k++) {
            if (k)
                fputc(',', out);
            json_str(out, t->support[k]);
        }
        fputs("],\"due\":", out), json_str(out, t->due[0] ? t->due : NULL);
        fprintf(out, ",\"version\":%lld,\"withdrawn\":%s", t->version,
                t->withdrawn ? "true" : "false");
        fputs("}", out);
    }
    fputs(l->n ? "\n]\n" : "]\n", out);
}

void list_print(struct cli *c, const struct task_list *l, enum list_format f, FILE *out)
{
    if (f == FMT_CSV)
        print_csv(l, out);
    else if (f == FMT_JSON)
        print_json(l, out);
    else
        print_table(c, l, out);
}
