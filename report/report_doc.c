/* What a status report says, in order, written once for every layout
 * (text, Markdown, HTML, docx) through a sink (report/report_int.h): the
 * header, the summary by status, the departments or sections, the overdue
 * and due-soon items, the changes since a review round and the ratings.
 * The tables and sentences are built by rpt_tab_* and rpt_*_text, which
 * the workbook (report_xlsx.c) lays out as sheets. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_int.h"

/* Short status headers for tables: the Chinese labels, or the keys. */
static const char *status_head(const struct rpt *r, int st)
{
    return r->zh ? status_zh((enum task_status)st) : status_key((enum task_status)st);
}

/* A department's or a section's heading: numbered in Chinese (（一）); in
 * English not, so that "2.1" means task 2.1 only. */
static void group_heading(struct rsink *s, int major, int minor, const char *text)
{
    if (s->r->zh) {
        char num[64];
        struct rbuf b = {0};
        rpt_num(s->r, 2, major, minor, num, sizeof num);
        rbuf_fmt(&b, "%s%s", num, text);
        s->heading(s, 2, rbuf_get(&b));
        rbuf_fini(&b);
    } else {
        s->heading(s, 2, text);
    }
}

static void heading(struct rsink *s, int level, int major, int minor, const char *text)
{
    char num[64];
    struct rbuf b = {0};
    rpt_num(s->r, level, major, minor, num, sizeof num);
    rbuf_fmt(&b, "%s%s", num, text);
    s->heading(s, level, rbuf_get(&b));
    rbuf_fini(&b);
}

/* ---- header ---------------------------------------------------------------- */

void rpt_tab_header(const struct rpt *r, struct rtab *t)
{
    static const char *const head[] = {"", ""};
    char buf[1024];
    rtab_init(t, 2, head);
    for (size_t i = 0; i < r->nsources; i++) {
        const struct rpt_source *src = &r->sources[i];
        if (r->nsources == 1) {
            const char *a[] = {rpt_lbl(r, L_SOURCE), src->title ? src->title : "-"};
            const char *b[] = {rpt_lbl(r, L_DOC_NO), src->doc_no ? src->doc_no : "-"};
            rtab_row(t, a);
            rtab_row(t, b);
            continue;
        }
        snprintf(buf, sizeof buf, r->zh ? "R%lld %s（%s）" : "R%lld %s (%s)", src->id,
                 src->title ? src->title : "-", src->doc_no ? src->doc_no : "-");
        const char *row[] = {rpt_lbl(r, L_SOURCE), buf};
        rtab_row(t, row);
    }
    const char *as_of[] = {rpt_lbl(r, L_AS_OF), r->today};
    rtab_row(t, as_of);
    const char *gen[] = {rpt_lbl(r, L_GENERATED), r->generated_at};
    rtab_row(t, gen);
    rpt_round_lbl(r, &r->since, buf, sizeof buf);
    const char *cmp[] = {rpt_lbl(r, L_COMPARED), buf};
    rtab_row(t, cmp);
    if (r->rated.id && r->rated.id != r->since.id) {   /* the ratings below come from here */
        rpt_round_lbl(r, &r->rated, buf, sizeof buf);
        const char *rated[] = {r->zh ? "测评轮次" : "Ratings from", buf};
        rtab_row(t, rated);
    }
    snprintf(buf, sizeof buf, r->zh ? "共%lld条记录" : "%lld rows", r->chain_rows);
    const char *chain[] = {rpt_lbl(r, L_CHAIN), buf};
    rtab_row(t, chain);
    /* The short form `followup verify --head` takes: the first 16 hex
     * digits (64 bits) of the head when the report was made. */
    char shorthead[17];
    snprintf(shorthead, sizeof shorthead, "%.16s", r->chain_head[0] ? r->chain_head : "-");
    const char *headrow[] = {rpt_lbl(r, L_CHAIN_HEAD), shorthead};
    rtab_row(t, headrow);
}

static void header(struct rsink *s)
{
    struct rtab t;
    s->title(s, rpt_lbl(s->r, L_TITLE));
    rpt_tab_header(s->r, &t);
    for (size_t i = 0; i < t.nrows; i++)
        s->field(s, rtab_cell(&t, i, 0), rtab_cell(&t, i, 1));
    rtab_fini(&t);
}

/* ---- summary ---------------------------------------------------------------- */

void rpt_summary_text(const struct rpt *r, char *buf, size_t len)
{
    char pct[32];
    rpt_pct(pct, sizeof pct, r->by_status[ST_DONE], r->total);
    if (r->zh)
        snprintf(buf, len, "共%lld项事项，已办结%lld项，办结率%s；逾期%zu项，%d日内到期%zu项。",
                 r->total, r->by_status[ST_DONE], pct, r->noverdue, r->warn_days,
                 r->ndue_soon);
    else
        snprintf(buf, len, "%lld item%s: %lld done (%s), %zu overdue, %zu due within "
                 "%d day%s.", r->total, r->total == 1 ? "" : "s", r->by_status[ST_DONE], pct,
                 r->noverdue, r->ndue_soon, r->warn_days, r->warn_days == 1 ? "" : "s");
}

/* A count and its share of whole as the next two cells of row. */
static void count_share(struct rtab *t, int col, long long n, long long whole)
{
    rtab_num(t, col, (double)n);
    if (whole > 0)
        rtab_num(t, col + 1, (double)n / (double)whole);
}

void rpt_tab_summary(const struct rpt *r, struct rtab *t)
{
    char pct[32], n[32];
    const char *head[] = {rpt_lbl(r, L_STATUS), rpt_lbl(r, L_ITEMS), rpt_lbl(r, L_SHARE)};
    rtab_init(t, 3, head);
    t->right = 6;
    t->pct = 4;
    for (int st = 0; st < ST_COUNT; st++) {
        snprintf(n, sizeof n, "%lld", r->by_status[st]);
        rpt_pct(pct, sizeof pct, r->by_status[st], r->total);
        const char *row[] = {rpt_status_lbl(r, (enum task_status)st), n, pct};
        rtab_row(t, row);
        count_share(t, 1, r->by_status[st], r->total);
    }
    snprintf(n, sizeof n, "%lld", r->total);
    const char *total[] = {rpt_lbl(r, L_TOTAL), n, r->total ? "100.0%" : "-"};
    rtab_row(t, total);
    count_share(t, 1, r->total, r->total);
}

static void summary(struct rsink *s, int major)
{
    char buf[512];
    struct rtab t;
    heading(s, 1, major, 0, rpt_lbl(s->r, L_SUMMARY));
    rpt_summary_text(s->r, buf, sizeof buf);
    s->para(s, buf);
    rpt_tab_summary(s->r, &t);
    s->table(s, &t);
    rtab_fini(&t);
}

/* ---- by department -------------------------------------------------------------- */

const char *rpt_dept_name(const struct rpt *r, const struct rpt_dept *d)
{
    return d->name ? d->name : rpt_lbl(r, L_UNASSIGNED);
}

void rpt_tab_depts(const struct rpt *r, struct rtab *t)
{
    const char *head[RTAB_MAX] = {rpt_lbl(r, L_DEPT), rpt_lbl(r, L_LEAD), rpt_lbl(r, L_SUPPORT)};
    for (int st = 0; st < ST_COUNT; st++)
        head[3 + st] = status_head(r, st);
    head[9] = rpt_lbl(r, L_RATE);
    head[10] = rpt_lbl(r, L_LATE);
    rtab_init(t, 11, head);
    t->right = 0x7fe;
    t->pct = 1u << 9;
    t->maxw[0] = 14;
    t->chart = 1;
    for (size_t i = 0; i < r->ndepts; i++) {
        const struct rpt_dept *d = &r->depts[i];
        char num[10][32];
        const char *row[11] = {rpt_dept_name(r, d)};
        snprintf(num[0], 32, "%lld", d->nlead);
        snprintf(num[1], 32, "%lld", d->nsupport);
        for (int st = 0; st < ST_COUNT; st++)
            snprintf(num[2 + st], 32, "%lld", d->lead[st] + d->support[st]);
        rpt_pct(num[8], 32, d->done, d->nlead + d->nsupport);
        snprintf(num[9], 32, "%lld", d->overdue);
        for (int k = 0; k < 10; k++)
            row[1 + k] = num[k];
        rtab_row(t, row);
        rtab_num(t, 1, (double)d->nlead);
        rtab_num(t, 2, (double)d->nsupport);
        for (int st = 0; st < ST_COUNT; st++)
            rtab_num(t, 3 + st, (double)(d->lead[st] + d->support[st]));
        if (d->nlead + d->nsupport > 0)
            rtab_num(t, 9, (double)d->done / (double)(d->nlead + d->nsupport));
        rtab_num(t, 10, (double)d->overdue);
    }
}

static void dept_table(struct rsink *s)
{
    struct rtab t;
    rpt_tab_depts(s->r, &t);
    s->table(s, &t);
    rtab_fini(&t);
}

void rpt_dept_text(const struct rpt *r, const struct rpt_dept *d, char *buf, size_t len)
{
    char pct[32];
    rpt_pct(pct, sizeof pct, d->done, d->nlead + d->nsupport);
    if (r->zh)
        snprintf(buf, len, "牵头%lld项、配合%lld项，已办结%lld项，办结率%s，逾期%lld项。",
                 d->nlead, d->nsupport, d->done, pct, d->overdue);
    else
        snprintf(buf, len, "Lead on %lld, supporting %lld; %lld done (%s), %lld "
                 "overdue.", d->nlead, d->nsupport, d->done, pct, d->overdue);
}

void rpt_tab_dept_items(const struct rpt *r, const struct rpt_dept *d, struct rtab *t)
{
    const char *head[] = {rpt_lbl(r, L_CODE), rpt_lbl(r, L_ROLE), rpt_lbl(r, L_STATUS),
                          rpt_lbl(r, L_DUE), rpt_lbl(r, L_ITEM)};
    rtab_init(t, 5, head);
    t->flex = 4;
    t->code = 1;
    t->date = 1u << 3;
    for (size_t k = 0; k < d->nitems; k++) {
        const struct rpt_item *it = &r->items[d->items[k]];
        const char *role = !d->name ? "-"
                           : k < d->nlead_items ? rpt_lbl(r, L_LEAD) : rpt_lbl(r, L_SUPPORT);
        const char *row[] = {it->code, role, rpt_status_lbl(r, it->status),
                             it->due[0] ? it->due : "-", it->title};
        rtab_row(t, row);
    }
}

static void dept_detail(struct rsink *s, int major, int minor, const struct rpt_dept *d)
{
    char buf[512];
    struct rtab t;
    group_heading(s, major, minor, rpt_dept_name(s->r, d));
    rpt_dept_text(s->r, d, buf, sizeof buf);
    s->para(s, buf);
    rpt_tab_dept_items(s->r, d, &t);
    s->table(s, &t);
    rtab_fini(&t);
}

static void by_dept(struct rsink *s, int major)
{
    const struct rpt *r = s->r;
    heading(s, 1, major, 0, rpt_lbl(r, L_BY_DEPT));
    if (r->ndepts == 0) {
        s->para(s, rpt_lbl(r, L_NONE));
        return;
    }
    dept_table(s);
    for (size_t i = 0; i < r->ndepts; i++)
        dept_detail(s, major, (int)i + 1, &r->depts[i]);
}

/* ---- by section ------------------------------------------------------------------- */

static void item_entry(struct rsink *s, const struct rpt_item *it)
{
    const struct rpt *r = s->r;
    const char *colon = r->zh ? "：" : ": ", *semi = r->zh ? "；" : "; ";
    const char *none = r->zh ? "无" : "none";
    char *support = rpt_join(it->support, it->nsupport, r->zh ? "、" : ", ");
    char late[64], at[11];
    struct rbuf b[6] = {{0}};
    const char *lines[6];
    size_t n = 0;
    if (it->instruction) {   /* a leader's instruction comes first */
        rpt_date_of(it->instruction_at, at);
        rbuf_fmt(&b[4], r->zh ? "领导批示（%s，%s）%s%s" : "Instruction (%s, %s)%s%s", at,
                 it->instruction_by ? it->instruction_by : "", colon, it->instruction);
        lines[n++] = rbuf_get(&b[4]);
    }
    rpt_late_phrase(r, it, late, sizeof late);
    rbuf_fmt(&b[0], "%s%s%s%s", rpt_lbl(r, L_STATUS), colon, rpt_status_lbl(r, it->status), semi);
    rbuf_fmt(&b[0], "%s%s%s", rpt_lbl(r, L_DUE), colon, it->due[0] ? it->due : none);
    if (late[0])
        rbuf_fmt(&b[0], r->zh ? "（%s）" : " (%s)", late);
    if (it->nsub && it->status != ST_DONE)   /* accepted: the item is done, whatever its parts */
        rbuf_fmt(&b[0], "%s%s%s%d/%d", semi, rpt_lbl(r, L_SUB), colon, it->nsubdone, it->nsub);
    lines[n++] = rbuf_get(&b[0]);
    rbuf_fmt(&b[1], "%s%s%s%s", rpt_lbl(r, L_LEAD_DEPT), colon, it->lead ? it->lead : none,
             semi);
    rbuf_fmt(&b[1], "%s%s%s", rpt_lbl(r, L_SUPPORT_DEPTS), colon,
             support && *support ? support : none);
    lines[n++] = rbuf_get(&b[1]);
    if (it->note) {
        rpt_date_of(it->note_at, at);
        rbuf_fmt(&b[2], r->zh ? "%s（%s）%s%s" : "%s (%s)%s%s",
                 it->note_returned ? (r->zh ? "退回理由" : "Returned, with the reason")
                                   : rpt_lbl(r, L_NOTE), at, colon, it->note);
        lines[n++] = rbuf_get(&b[2]);
    }
    if (it->rating >= 0) {
        rbuf_fmt(&b[3], "%s%s%s", rpt_lbl(r, L_RATING), colon, rpt_rating_lbl(r, it->rating));
        if (it->remark)
            rbuf_fmt(&b[3], "%s%s%s%s", semi, rpt_lbl(r, L_REMARK), colon, it->remark);
        lines[n++] = rbuf_get(&b[3]);
    }
    if (it->light || it->fb_overdue || it->ext_approved || it->ext_pending[0] || it->nattach) {
        if (it->light)
            rbuf_fmt(&b[5], "%s%s%s", r->zh ? "督办灯" : "Light", colon,
                     r->zh ? light_zh((enum light)it->light) : light_key((enum light)it->light));
        if (it->fb_overdue)
            rbuf_fmt(&b[5], r->zh ? "%s未按期反馈（期限%s）" : "%sfeedback overdue (%s)",
                     it->light ? semi : "", it->fb_deadline);
        if (it->ext_approved)
            rbuf_fmt(&b[5], r->zh ? "%s已批准延期%d次" : "%s%d extension%s approved",
                     b[5].n ? semi : "", it->ext_approved, it->ext_approved == 1 ? "" : "s");
        if (it->ext_pending[0])
            rbuf_fmt(&b[5], r->zh ? "%s延期申请待审批（至%s）" : "%sextension to %s pending",
                     b[5].n ? semi : "", it->ext_pending);
        if (it->nattach)
            rbuf_fmt(&b[5], r->zh ? "%s佐证材料%d件" : "%s%d evidence file%s", b[5].n ? semi : "",
                     it->nattach, r->zh || it->nattach == 1 ? "" : "s");
        lines[n++] = rbuf_get(&b[5]);
    }
    s->entry(s, it->code, it->title, lines, n);
    for (int i = 0; i < 6; i++)
        rbuf_fini(&b[i]);
    free(support);
}

static void by_section(struct rsink *s, int major)
{
    const struct rpt *r = s->r;
    long shown = -1;   /* the last section whose heading was written */
    int minor = 0, outside = 0;
    heading(s, 1, major, 0, rpt_lbl(r, L_BY_SECTION));
    if (r->nitems == 0)
        s->para(s, rpt_lbl(r, L_NONE));
    for (size_t i = 0; i < r->nitems; i++) {
        const struct rpt_item *it = &r->items[i];
        if (it->section < 0 && !outside && shown < 0) {
            group_heading(s, major, ++minor, rpt_lbl(r, L_NO_SECTION));
            outside = 1;
        }
        while (it->section >= 0 && shown < it->section && shown + 1 < (long)r->nsections) {
            shown++;
            char head[1024];
            if (r->zh)
                snprintf(head, sizeof head, "%s", r->sections[shown].title);
            else           /* its own code, as the items under it are numbered */
                snprintf(head, sizeof head, "Section %s: %s", r->sections[shown].code,
                         r->sections[shown].title);
            group_heading(s, major, ++minor, head);
        }
        item_entry(s, it);
    }
}

/* ---- overdue and due soon ----------------------------------------------------------- */

void rpt_tab_late(const struct rpt *r, const size_t *ix, size_t n, int overdue,
                  struct rtab *t)
{
    const char *head[] = {rpt_lbl(r, L_CODE), rpt_lbl(r, L_STATUS), rpt_lbl(r, L_LEAD_DEPT),
                          rpt_lbl(r, L_DUE), rpt_lbl(r, overdue ? L_DAYS_LATE : L_DAYS_LEFT),
                          rpt_lbl(r, L_ITEM)};
    rtab_init(t, 6, head);
    t->right = 1u << 4;
    t->flex = 5;
    t->maxw[2] = 14;
    t->code = 1;
    t->date = 1u << 3;
    for (size_t i = 0; i < n; i++) {
        const struct rpt_item *it = &r->items[ix[i]];
        char days[32];
        snprintf(days, sizeof days, "%ld", overdue ? it->late : -it->late);
        const char *row[] = {it->code, rpt_status_lbl(r, it->status), it->lead ? it->lead : "-",
                             it->due, days, it->title};
        rtab_row(t, row);
        rtab_num(t, 4, (double)(overdue ? it->late : -it->late));
    }
}

static void late_table(struct rsink *s, const size_t *ix, size_t n, int overdue)
{
    struct rtab t;
    if (n == 0) {
        s->para(s, rpt_lbl(s->r, L_NONE));
        return;
    }
    rpt_tab_late(s->r, ix, n, overdue, &t);
    s->table(s, &t);
    rtab_fini(&t);
}

void rpt_late_title(const struct rpt *r, int overdue, char *buf, size_t len)
{
    if (overdue)
        snprintf(buf, len, r->zh ? "%s（%zu项）" : "%s (%zu)", rpt_lbl(r, L_OVERDUE),
                 r->noverdue);
    else if (r->zh)
        snprintf(buf, len, "临期事项（%d日内到期，%zu项）", r->warn_days, r->ndue_soon);
    else
        snprintf(buf, len, "Due within %d day%s (%zu)", r->warn_days,
                 r->warn_days == 1 ? "" : "s", r->ndue_soon);
}

static void overdue(struct rsink *s, int major)
{
    const struct rpt *r = s->r;
    char buf[256];
    heading(s, 1, major, 0, rpt_lbl(r, L_OVERDUE_TITLE));
    rpt_late_title(r, 1, buf, sizeof buf);
    heading(s, 2, major, 1, buf);
    late_table(s, r->overdue, r->noverdue, 1);
    rpt_late_title(r, 0, buf, sizeof buf);
    heading(s, 2, major, 2, buf);
    late_table(s, r->due_soon, r->ndue_soon, 0);
}

/* ---- changes since a round -------------------------------------------------------------- */

size_t rpt_count_changes(const struct rpt *r, enum rpt_change_kind k)
{
    size_t n = 0;
    for (size_t i = 0; i < r->nchanges; i++)
        n += r->changes[i].kind == k;
    return n;
}

/* "原状态" / "Was" headers. */
static void was_now(const struct rpt *r, enum rpt_label what, char *was, char *now, size_t len)
{
    if (r->zh) {
        snprintf(was, len, "%s%s", rpt_lbl(r, L_BEFORE), rpt_lbl(r, what));
        snprintf(now, len, "%s%s", rpt_lbl(r, L_AFTER), rpt_lbl(r, what));
    } else {
        snprintf(was, len, "%s", rpt_lbl(r, L_BEFORE));
        snprintf(now, len, "%s", rpt_lbl(r, L_AFTER));
    }
}

void rpt_tab_change(const struct rpt *r, enum rpt_change_kind k, struct rtab *t)
{
    char was[64], now[64];
    enum rpt_label what = k == RPT_CH_LEAD ? L_LEAD_DEPT : k == RPT_CH_DUE ? L_DUE : L_STATUS;
    was_now(r, what, was, now, sizeof was);
    int pair = k == RPT_CH_STATUS || k == RPT_CH_LEAD || k == RPT_CH_DUE;
    const char *head4[] = {rpt_lbl(r, L_CODE), was, now, rpt_lbl(r, L_ITEM)};
    const char *head3[] = {rpt_lbl(r, L_CODE), rpt_lbl(r, L_STATUS), rpt_lbl(r, L_ITEM)};
    rtab_init(t, pair ? 4 : 3, pair ? head4 : head3);
    t->flex = pair ? 3 : 2;
    t->code = 1;
    if (k == RPT_CH_LEAD)
        t->maxw[1] = t->maxw[2] = 14;
    if (k == RPT_CH_DUE)
        t->date = 6;
    for (size_t i = 0; i < r->nchanges; i++) {
        const struct rpt_change *c = &r->changes[i];
        if (c->kind != k)
            continue;
        const char *a = k == RPT_CH_STATUS ? rpt_status_lbl(r, c->from)
                        : c->old_value ? c->old_value : "-";
        const char *b = k == RPT_CH_STATUS ? rpt_status_lbl(r, c->to)
                        : c->new_value ? c->new_value : "-";
        const char *row4[] = {c->code, a, b, c->title};
        const char *row3[] = {c->code, rpt_status_lbl(r, c->to), c->title};
        rtab_row(t, pair ? row4 : row3);
    }
}

static void change_table(struct rsink *s, enum rpt_change_kind k)
{
    struct rtab t;
    rpt_tab_change(s->r, k, &t);
    s->table(s, &t);
    rtab_fini(&t);
}

static void note_entries(struct rsink *s)
{
    const struct rpt *r = s->r;
    for (size_t i = 0; i < r->nchanges; i++) {
        const struct rpt_change *c = &r->changes[i];
        if (c->kind != RPT_CH_NOTE)
            continue;
        char at[11];
        struct rbuf b = {0};
        rpt_date_of(c->at, at);
        rbuf_fmt(&b, "%s %s%s%s", at, c->author ? c->author : "", r->zh ? "：" : ": ",
                 c->text ? c->text : "");
        const char *lines[] = {rbuf_get(&b)};
        s->entry(s, c->code, c->title, lines, 1);
        rbuf_fini(&b);
    }
}

void rpt_changes_title(const struct rpt *r, char *buf, size_t len)
{
    char round[512];
    rpt_round_lbl(r, &r->since, round, sizeof round);
    snprintf(buf, len, r->zh ? "自%s以来的变化" : "Changes since %s", round);
}

void rpt_change_title(const struct rpt *r, enum rpt_change_kind k, size_t n, char *buf,
                      size_t len)
{
    if (r->zh)
        snprintf(buf, len, "%s（%zu%s）", rpt_change_lbl(r, k), n, k == RPT_CH_NOTE ? "条" : "项");
    else
        snprintf(buf, len, "%s (%zu)", rpt_change_lbl(r, k), n);
}

static void changes(struct rsink *s, int major)
{
    const struct rpt *r = s->r;
    char buf[1024];
    int minor = 0;
    rpt_changes_title(r, buf, sizeof buf);
    heading(s, 1, major, 0, buf);
    if (r->nchanges == 0) {
        s->para(s, rpt_lbl(r, L_NO_CHANGES));
        return;
    }
    for (int k = 0; k < RPT_CH_COUNT; k++) {
        size_t n = rpt_count_changes(r, (enum rpt_change_kind)k);
        if (n == 0)
            continue;
        rpt_change_title(r, (enum rpt_change_kind)k, n, buf, sizeof buf);
        heading(s, 2, major, ++minor, buf);
        if (k == RPT_CH_NOTE)
            note_entries(s);
        else
            change_table(s, (enum rpt_change_kind)k);
    }
}

/* ---- ratings ---------------------------------------------------------------------------- */

void rpt_ratings_title(const struct rpt *r, char *buf, size_t len)
{
    char round[512];
    rpt_round_lbl(r, &r->rated, round, sizeof round);
    snprintf(buf, len, r->zh ? "%s测评情况" : "Ratings in %s", round);
}

void rpt_ratings_text(const struct rpt *r, char *buf, size_t len)
{
    char p1[32], p2[32];
    const long long *b = r->by_rating;
    if (r->nrated == 0) {
        snprintf(buf, len, "%s", rpt_lbl(r, L_NOT_RATED));
        return;
    }
    rpt_pct(p1, sizeof p1, b[RATING_SATISFIED], r->nrated);
    rpt_pct(p2, sizeof p2, b[RATING_SATISFIED] + b[RATING_BASIC], r->nrated);
    if (r->zh)
        snprintf(buf, len, "已测评%lld项：满意%lld项（%s），基本满意%lld项，不满意%lld项；"
                 "满意和基本满意合计占%s。", r->nrated, b[RATING_SATISFIED], p1, b[RATING_BASIC],
                 b[RATING_UNSATISFIED], p2);
    else
        snprintf(buf, len, "%lld item%s rated: %lld satisfied (%s), %lld basically "
                 "satisfied, %lld unsatisfied; satisfied or basically satisfied: %s.",
                 r->nrated, r->nrated == 1 ? "" : "s", b[RATING_SATISFIED], p1, b[RATING_BASIC],
                 b[RATING_UNSATISFIED], p2);
}

static void ratings(struct rsink *s, int major)
{
    const struct rpt *r = s->r;
    char buf[1024];
    rpt_ratings_title(r, buf, sizeof buf);
    heading(s, 1, major, 0, buf);
    rpt_ratings_text(r, buf, sizeof buf);
    s->para(s, buf);
    for (size_t i = 0; r->nrated && i < r->nitems; i++) {
        const struct rpt_item *it = &r->items[i];
        if (it->rating < 0)
            continue;
        const char *colon = r->zh ? "：" : ": ";
        struct rbuf line = {0};
        rbuf_fmt(&line, "%s%s%s", rpt_lbl(r, L_RATING), colon, rpt_rating_lbl(r, it->rating));
        if (it->remark)
            rbuf_fmt(&line, "%s%s%s%s", r->zh ? "；" : "; ", rpt_lbl(r, L_REMARK), colon,
                     it->remark);
        const char *lines[] = {rbuf_get(&line)};
        s->entry(s, it->code, it->title, lines, 1);
        rbuf_fini(&line);
    }
}

void rpt_doc(struct rsink *s)
{
    const struct rpt *r = s->r;
    int major = 0;
    header(s);
    summary(s, ++major);
    if (r->by == RPT_BY_SECTION) {
        by_section(s, ++major);
    } else {
        by_dept(s, ++major);
        rpt_doc_evaluation(s, ++major);
    }
    overdue(s, ++major);
    for (size_t i = 0; i < r->nitems; i++)
        if (r->items[i].cycle.period != CYCLE_NONE) {
            rpt_doc_no_feedback(s, ++major);
            break;
        }
    if (r->ntargets)
        rpt_doc_targets(s, ++major);
    if (r->since.id)
        changes(s, ++major);
    if (r->rated.id)
        ratings(s, ++major);
    s->end(s);
}
