/* list --format xlsx: the 台账 as a workbook, one row per task with the
 * columns of list --format csv (the light as its colour's fill) plus the
 * latest progress note and the number of evidence files, written as
 * the rows arrive (constant memory). Codes are text, due dates real
 * dates, the header row frozen with an autofilter, widths by display
 * width. Columns are a table: a new one is a line here and a case in
 * value(). */
#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "report/sheet.h"
#include "core/workflow.h"
#include "report/list_out.h"

enum col_id {
    C_REPORT, C_CODE, C_KIND, C_TEXT, C_STATUS, C_LEAD, C_SUPPORT, C_DUE, C_LIGHT, C_NOTE,
    C_NOTE_AT, C_ATTACH, C_VERSION, C_UUID, C_COUNT
};

static const struct {
    const char *en, *zh;
    enum sheet_style style;    /* SS_DATE: a real date when valid; SS_RED: the light's fill */
} cols[C_COUNT] = {
    [C_REPORT] = {"Report", "报告", SS_CODE},
    [C_CODE] = {"Code", "编号", SS_CODE},
    [C_KIND] = {"Kind", "类型", SS_TEXT},
    [C_TEXT] = {"Text", "内容", SS_TEXT},
    [C_STATUS] = {"Status", "状态", SS_TEXT},
    [C_LEAD] = {"Lead", "牵头单位", SS_TEXT},
    [C_SUPPORT] = {"Supporting", "配合单位", SS_TEXT},
    [C_DUE] = {"Due", "完成时限", SS_DATE},
    [C_LIGHT] = {"Light", "亮灯", SS_RED},
    [C_NOTE] = {"Latest progress", "最新进展", SS_TEXT},
    [C_NOTE_AT] = {"Progress noted", "进展时间", SS_TEXT},
    [C_ATTACH] = {"Attachments", "佐证材料", SS_INT},
    [C_VERSION] = {"Version", "版本", SS_INT},
    [C_UUID] = {"UUID", "UUID", SS_CODE},
};

struct list_xlsx {
    int zh;
    list_extra_fn extra;
    void *ctx;
    struct sheet_book *book;
    struct sheet *s;
    size_t n;              /* rows written */
    char err[FU_ERRLEN];   /* why list_xlsx_task stopped */
};

struct list_xlsx *list_xlsx_new(int zh, list_extra_fn extra, void *ctx, char *err,
                                size_t errlen)
{
    struct list_xlsx *x = calloc(1, sizeof *x);
    if (!x) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    x->zh = zh;
    x->extra = extra;
    x->ctx = ctx;
    if (sheet_book_new(&x->book, 1, err, errlen) != FU_OK) {
        free(x);
        return NULL;
    }
    if (!(x->s = sheet_add(x->book, zh ? "督办台账" : "Tasks"))) {
        sheet_book_close(x->book, NULL, err, errlen);
        free(x);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    for (int i = 0; i < C_COUNT; i++)
        sheet_text(x->s, 0, i, zh ? cols[i].zh : cols[i].en, SS_HEAD);
    x->s->row = 1;
    return x;
}

static const char *kind_label(int zh, enum task_kind k)
{
    static const char *const labels[] = {"部分", "条目", "事项"};
    if (!zh)
        return kind_key(k);
    return (unsigned)k <= KIND_STATEMENT ? labels[k] : "?";
}

/* The text of column i for t (buf for what must be made). */
static const char *value(struct list_xlsx *x, const struct task *t, int i, char *buf,
                         size_t len, const struct list_extra *e)
{
    int zh = x->zh;
    switch ((enum col_id)i) {
    case C_REPORT: snprintf(buf, len, "R%lld", t->report_id); return buf;
    case C_CODE: return t->code;
    case C_KIND: return kind_label(zh, t->kind);
    case C_TEXT: return t->text;
    case C_STATUS:
        snprintf(buf, len, "%s%s", status_label(t->status, zh),
                 !t->withdrawn ? "" : zh ? "（已撤销）" : " (withdrawn)");
        return buf;
    case C_LEAD: return t->lead;
    case C_SUPPORT:
        buf[0] = 0;
        for (size_t k = 0, used = 0; k < t->nsupport && used < len; k++)
            used += (size_t)snprintf(buf + used, len - used, "%s%s", k ? (zh ? "、" : ", ")
                                     : "", t->support[k]);
        return buf;
    case C_DUE: return t->due[0] ? t->due : NULL;
    case C_LIGHT: return zh ? light_zh((enum light)t->light) : light_key((enum light)t->light);
    case C_NOTE: return e->note;
    case C_NOTE_AT: return e->at[0] ? e->at : NULL;
    case C_ATTACH: snprintf(buf, len, "%zu", e->nattach); return buf;
    case C_VERSION: snprintf(buf, len, "%lld", t->version); return buf;
    case C_UUID: return t->uuid;
    default: return NULL;
    }
}

int list_xlsx_task(const struct task *t, void *ctx)
{
    struct list_xlsx *x = ctx;
    char buf[2048];
    struct list_extra e;
    memset(&e, 0, sizeof e);
    int rc = x->extra(t, &e, x->ctx, x->err, sizeof x->err);
    for (int i = 0; rc == FU_OK && i < C_COUNT; i++) {
        const char *v = value(x, t, i, buf, sizeof buf, &e);
        if (!v || (i == C_LIGHT && !*v))
            continue;
        if (cols[i].style == SS_DATE)
            sheet_date(x->s, x->s->row, i, v);
        else if (cols[i].style == SS_INT)
            sheet_num(x->s, x->s->row, i, strtod(v, NULL), SS_INT);
        else if (cols[i].style == SS_RED)
            sheet_text(x->s, x->s->row, i, v, sheet_light(t->light));
        else
            sheet_text(x->s, x->s->row, i, v, cols[i].style);
    }
    free(e.note);
    x->s->row++;
    x->n++;
    return rc;
}

int list_xlsx_end(struct list_xlsx *x, FILE *out, int ok, size_t *rows, char *err,
                  size_t errlen)
{
    if (!ok && x->err[0])
        snprintf(err, errlen, "%s", x->err);
    sheet_table_view(x->s, 0, C_COUNT, x->s->row - 1);
    sheet_fit(x->s, 6);
    int rc = sheet_book_close(x->book, ok ? out : NULL, ok ? err : x->err,
                              ok ? errlen : sizeof x->err);
    if (rows)
        *rows = x->n;
    free(x);
    return rc;
}
