/* The status report as a workbook: a sheet per part (summary with the
 * report's header on top, departments with their ranking and lights,
 * their items, sections, overdue and due soon, missing feedback, changes
 * since the round, ratings). The tables are the ones every other
 * layout shows (rpt_tab_* in report_doc.c), written with real numbers,
 * shares as percentages, dates as dates and codes as text. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "report/report_int.h"
#include "report/sheet.h"

/* ---- layout helpers ---------------------------------------------------------------- */

static void put_line(struct sheet *s, const char *text, enum sheet_style st)
{
    s->row += sheet_line(s, s->row, text, st);
}

/* A cell of t as its column's type says (dec: the column has fractions). */
static void put_cell(struct sheet *s, const struct rtab *t, size_t i, int c, int dec)
{
    const char *v = rtab_cell(t, i, c);
    double n = rtab_numval(t, i, c);
    if ((t->light >> c) & 1)
        sheet_text(s, s->row, c, v, sheet_light(isnan(n) ? 0 : (int)n));
    else if (!isnan(n))
        sheet_num(s, s->row, c, n, (t->pct >> c) & 1 ? SS_PCT : dec ? SS_DEC : SS_INT);
    else if ((t->date >> c) & 1)
        sheet_date(s, s->row, c, v);
    else
        sheet_text(s, s->row, c, v, (t->code >> c) & 1 ? SS_CODE : SS_TEXT);
}

/* The table at the next row; with view, its header row frozen and
 * filtered. A blank row follows. */
static void put_table(struct sheet *s, const struct rtab *t, int view)
{
    uint32_t hrow = s->row;
    for (int c = 0; c < t->ncol; c++)
        sheet_text(s, s->row, c, t->head[c], SS_HEAD);
    s->row++;
    int dec[RTAB_MAX] = {0};
    for (size_t i = 0; i < t->nrows; i++)
        for (int c = 0; c < t->ncol; c++) {
            double n = rtab_numval(t, i, c);
            dec[c] |= !isnan(n) && n != floor(n);
        }
    for (size_t i = 0; i < t->nrows; i++, s->row++)
        for (int c = 0; c < t->ncol; c++)
            put_cell(s, t, i, c, dec[c]);
    if (view)
        sheet_table_view(s, hrow, t->ncol, s->row - 1);
    s->row++;
}

static const char *name_of(const struct rpt *r, const char *en, const char *zh)
{
    return r->zh ? zh : en;
}

/* ---- the sheets ---------------------------------------------------------------------- */

static void summary_sheet(struct sheet_book *b, const struct rpt *r)
{
    struct sheet *s = sheet_add(b, rpt_lbl(r, L_SUMMARY));
    struct rtab t;
    char buf[512];
    if (!s)
        return;
    put_line(s, rpt_lbl(r, L_TITLE), SS_TITLE);
    s->row++;
    rpt_tab_header(r, &t);
    for (size_t i = 0; i < t.nrows; i++, s->row++) {
        sheet_text(s, s->row, 0, rtab_cell(&t, i, 0), SS_LABEL);
        if (!strcmp(rtab_cell(&t, i, 0), rpt_lbl(r, L_AS_OF)))
            sheet_date(s, s->row, 1, rtab_cell(&t, i, 1));
        else
            sheet_text(s, s->row, 1, rtab_cell(&t, i, 1), SS_TEXT);
    }
    rtab_fini(&t);
    s->row++;
    rpt_summary_text(r, buf, sizeof buf);
    put_line(s, buf, SS_TEXT);
    s->row++;
    rpt_tab_summary(r, &t);
    put_table(s, &t, 0);
    rtab_fini(&t);
    sheet_fit(s, 8);
}

static void dept_sheet(struct sheet_book *b, const struct rpt *r)
{
    struct sheet *s = sheet_add(b, rpt_lbl(r, L_BY_DEPT));
    struct rtab t;
    char buf[1024];
    if (!s)
        return;
    if (r->ndepts == 0)
        put_line(s, rpt_lbl(r, L_NONE), SS_TEXT);
    rpt_tab_depts(r, &t);
    if (r->ndepts)
        put_table(s, &t, 1);
    rtab_fini(&t);
    for (int part = 0; r->ndepts && part < 2; part++) {   /* the ranking, the lights */
        put_line(s, rpt_eval_sub(r, part), SS_LABEL);
        if (part)
            rpt_lights_text(r, buf, sizeof buf);
        else
            rpt_eval_text(r, buf, sizeof buf);
        put_line(s, buf, SS_TEXT);
        if (part)
            rpt_tab_lights(r, &t);
        else
            rpt_tab_ranking(r, &t);
        put_table(s, &t, 0);
        rtab_fini(&t);
    }
    sheet_fit(s, 6);
}

/* Each department's items, one table: the department, then its items'
 * columns (as lead, then as supporter). */
static void dept_items_sheet(struct sheet_book *b, const struct rpt *r)
{
    struct sheet *s = sheet_add(b, name_of(r, "Department items", "各单位事项"));
    struct rtab all, t;
    const char *head[RTAB_MAX + 1] = {rpt_lbl(r, L_DEPT)};
    const char *row[RTAB_MAX + 1];
    if (!s || r->ndepts == 0)
        return;
    for (size_t i = 0; i < r->ndepts; i++) {
        rpt_tab_dept_items(r, &r->depts[i], &t);
        if (i == 0) {
            for (int c = 0; c < t.ncol && c < RTAB_MAX - 1; c++)
                head[c + 1] = t.head[c];
            rtab_init(&all, t.ncol + 1, head);
            all.code = t.code << 1;
            all.date = t.date << 1;
        }
        row[0] = rpt_dept_name(r, &r->depts[i]);
        for (size_t k = 0; k < t.nrows; k++) {
            for (int c = 0; c < t.ncol && c < RTAB_MAX - 1; c++)
                row[c + 1] = rtab_cell(&t, k, c);
            rtab_row(&all, row);
        }
        rtab_fini(&t);
    }
    put_table(s, &all, 1);
    rtab_fini(&all);
    sheet_fit(s, 6);
}

/* Every item with what the sections part says of it, one row each. */
static void items_table(const struct rpt *r, struct rtab *t)
{
    const char *head[] = {rpt_lbl(r, L_BY_SECTION), rpt_lbl(r, L_CODE), rpt_lbl(r, L_ITEM),
                          rpt_lbl(r, L_STATUS), rpt_lbl(r, L_LEAD_DEPT),
                          rpt_lbl(r, L_SUPPORT_DEPTS), rpt_lbl(r, L_DUE),
                          rpt_lbl(r, L_OVERDUE_TITLE), r->zh ? "督办灯" : "Light",
                          rpt_lbl(r, L_SUB), rpt_lbl(r, L_NOTE), rpt_lbl(r, L_WHEN),
                          rpt_lbl(r, L_RATING), rpt_lbl(r, L_REMARK),
                          r->zh ? "领导批示" : "Instruction", r->zh ? "批准延期" : "Extended",
                          r->zh ? "佐证材料" : "Evidence files"};
    rtab_init(t, 17, head);
    t->code = 2;
    t->date = (1u << 6) | (1u << 11);
    t->light = 1u << 8;
    for (size_t i = 0; i < r->nitems; i++) {
        const struct rpt_item *it = &r->items[i];
        const struct rpt_section *sec = it->section >= 0 && (size_t)it->section < r->nsections
                                            ? &r->sections[it->section] : NULL;
        char *support = rpt_join(it->support, it->nsupport, r->zh ? "、" : ", ");
        char late[64], sub[32] = "", at[11], section[512], ext[16], att[16];
        rpt_late_phrase(r, it, late, sizeof late);
        rpt_date_of(it->note_at, at);
        if (it->nsub)
            snprintf(sub, sizeof sub, "%d/%d", it->nsubdone, it->nsub);
        snprintf(section, sizeof section, "%s%s%s", sec ? sec->code : "", sec ? " " : "",
                 sec ? sec->title : rpt_lbl(r, L_NO_SECTION));
        snprintf(ext, sizeof ext, "%d", it->ext_approved);
        snprintf(att, sizeof att, "%d", it->nattach);
        const char *row[] = {section, it->code, it->title, rpt_status_lbl(r, it->status),
                             it->lead ? it->lead : "", support ? support : "", it->due, late,
                             r->zh ? light_zh((enum light)it->light)
                                   : light_key((enum light)it->light),
                             sub, it->note, at, rpt_rating_lbl(r, it->rating), it->remark,
                             it->instruction, ext, att};
        rtab_row(t, row);
        rtab_num(t, 8, it->light);
        rtab_num(t, 15, it->ext_approved);
        rtab_num(t, 16, it->nattach);
        free(support);
    }
}

static void section_sheet(struct sheet_book *b, const struct rpt *r)
{
    struct sheet *s = sheet_add(b, rpt_lbl(r, L_BY_SECTION));
    struct rtab t;
    if (!s)
        return;
    items_table(r, &t);
    put_table(s, &t, 1);
    rtab_fini(&t);
    sheet_fit(s, 6);
}

/* The targets: by department, then one row a target with the value
 * reached as a number and the share as a percentage cell. */
static void targets_sheet(struct sheet_book *b, const struct rpt *r)
{
    struct sheet *s = sheet_add(b, name_of(r, "Targets", "指标完成情况"));
    struct rtab t;
    if (!s)
        return;
    rpt_tab_target_depts(r, &t);
    put_table(s, &t, 0);
    rtab_fini(&t);
    rpt_tab_targets(r, &t);
    put_table(s, &t, 1);
    rtab_fini(&t);
    sheet_fit(s, 8);
}

static void late_sheet(struct sheet_book *b, const struct rpt *r)
{
    struct sheet *s = sheet_add(b, rpt_lbl(r, L_OVERDUE_TITLE));
    struct rtab t;
    char buf[256];
    if (!s)
        return;
    for (int pass = 0; pass < 2; pass++) {
        int over = pass == 0;
        rpt_late_title(r, over, buf, sizeof buf);
        put_line(s, buf, SS_LABEL);
        if ((over ? r->noverdue : r->ndue_soon) == 0) {
            put_line(s, rpt_lbl(r, L_NONE), SS_TEXT);
            s->row++;
            continue;
        }
        rpt_tab_late(r, over ? r->overdue : r->due_soon, over ? r->noverdue : r->ndue_soon,
                     over, &t);
        put_table(s, &t, 0);
        rtab_fini(&t);
    }
    sheet_fit(s, 6);
}

/* The departments whose feedback is overdue, when any item has a cycle. */
static void feedback_sheet(struct sheet_book *b, const struct rpt *r)
{
    struct sheet *s = sheet_add(b, name_of(r, "Feedback overdue", "未按期反馈"));
    struct rtab t;
    char buf[512];
    if (!s)
        return;
    rpt_no_feedback_title(r, buf, sizeof buf);
    put_line(s, buf, SS_TITLE);
    s->row++;
    if (r->nfb_late == 0)
        put_line(s, rpt_lbl(r, L_NONE), SS_TEXT);
    rpt_tab_no_feedback(r, &t);
    if (r->nfb_late)
        put_table(s, &t, 1);
    rtab_fini(&t);
    sheet_fit(s, 6);
}

static void notes_table(const struct rpt *r, struct rtab *t)
{
    const char *head[] = {rpt_lbl(r, L_CODE), rpt_lbl(r, L_ITEM), rpt_lbl(r, L_WHEN),
                          rpt_lbl(r, L_WHO), rpt_lbl(r, L_NOTE)};
    rtab_init(t, 5, head);
    t->code = 1;
    t->date = 4;
    for (size_t i = 0; i < r->nchanges; i++) {
        const struct rpt_change *c = &r->changes[i];
        char at[11];
        if (c->kind != RPT_CH_NOTE)
            continue;
        rpt_date_of(c->at, at);
        const char *row[] = {c->code, c->title, at, c->author, c->text};
        rtab_row(t, row);
    }
}

static void changes_sheet(struct sheet_book *b, const struct rpt *r)
{
    struct sheet *s = sheet_add(b, name_of(r, "Changes", "变化情况"));
    struct rtab t;
    char buf[1024];
    if (!s)
        return;
    rpt_changes_title(r, buf, sizeof buf);
    put_line(s, buf, SS_TITLE);
    if (r->nchanges == 0)
        put_line(s, rpt_lbl(r, L_NO_CHANGES), SS_TEXT);
    for (int k = 0; k < RPT_CH_COUNT; k++) {
        size_t n = rpt_count_changes(r, (enum rpt_change_kind)k);
        if (n == 0)
            continue;
        s->row++;
        rpt_change_title(r, (enum rpt_change_kind)k, n, buf, sizeof buf);
        put_line(s, buf, SS_LABEL);
        if (k == RPT_CH_NOTE)
            notes_table(r, &t);
        else
            rpt_tab_change(r, (enum rpt_change_kind)k, &t);
        put_table(s, &t, 0);
        rtab_fini(&t);
    }
    sheet_fit(s, 6);
}

static void ratings_sheet(struct sheet_book *b, const struct rpt *r)
{
    struct sheet *s = sheet_add(b, name_of(r, "Ratings", "测评情况"));
    struct rtab t;
    char buf[1024];
    const char *head[] = {rpt_lbl(r, L_CODE), rpt_lbl(r, L_ITEM), rpt_lbl(r, L_RATING),
                          rpt_lbl(r, L_REMARK)};
    if (!s)
        return;
    rpt_ratings_title(r, buf, sizeof buf);
    put_line(s, buf, SS_TITLE);
    rpt_ratings_text(r, buf, sizeof buf);
    put_line(s, buf, SS_TEXT);
    s->row++;
    rtab_init(&t, 4, head);
    t.code = 1;
    for (size_t i = 0; i < r->nitems; i++) {
        const struct rpt_item *it = &r->items[i];
        const char *row[] = {it->code, it->title, rpt_rating_lbl(r, it->rating), it->remark};
        if (it->rating >= 0)
            rtab_row(&t, row);
    }
    if (t.nrows)
        put_table(s, &t, 1);
    rtab_fini(&t);
    sheet_fit(s, 6);
}

int rpt_write_xlsx(const struct rpt *r, FILE *out, char *err, size_t errlen)
{
    struct sheet_book *b;
    int rc = sheet_book_new(&b, 1, err, errlen);   /* streamed: a row is written as it is made */
    if (rc != FU_OK)
        return rc;
    summary_sheet(b, r);
    dept_sheet(b, r);
    dept_items_sheet(b, r);
    section_sheet(b, r);
    late_sheet(b, r);
    for (size_t i = 0; i < r->nitems; i++)
        if (r->items[i].cycle.period != CYCLE_NONE) {
            feedback_sheet(b, r);
            break;
        }
    if (r->ntargets)
        targets_sheet(b, r);
    if (r->since.id)
        changes_sheet(b, r);
    if (r->rated.id)
        ratings_sheet(b, r);
    return sheet_book_close(b, out, err, errlen);
}
