/* What a status report says, in order, written once for every layout
 * (text, Markdown, HTML) through a sink (core/report_int.h): the header,
 * the summary by status, the departments or sections, the overdue and
 * due-soon items, the changes since a review round and the ratings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/report_int.h"

/* Short status headers for tables: the Chinese labels, or the keys. */
static const char *status_head(const struct rpt *r, int st)
{
    return r->zh ? status_zh((enum task_status)st) : status_key((enum task_status)st);
}

static void heading(struct rsink *s, int level, int major, int minor, const char *text)
{
    char num[64];
    struct rbuf b = {0};
    rpt_num(s->r, level, major, minor, num, sizeof num);
    rbuf_fmt(&b, "%s%s", num, text);
    s->heading(s, level, rbuf_get(&b));
    rbuf_free(&b);
}

/* ---- header ---------------------------------------------------------------- */

static void header(struct rsink *s)
{
    const struct rpt *r = s->r;
    char buf[1024];
    s->title(s, rpt_lbl(r, L_TITLE));
    for (size_t i = 0; i < r->nsources; i++) {
        const struct rpt_source *src = &r->sources[i];
        if (r->nsources == 1) {
            s->field(s, rpt_lbl(r, L_SOURCE), src->title ? src->title : "-");
            s->field(s, rpt_lbl(r, L_DOC_NO), src->doc_no ? src->doc_no : "-");
            continue;
        }
        snprintf(buf, sizeof buf, r->zh ? "R%lld %s（%s）" : "R%lld %s (%s)", src->id,
                 src->title ? src->title : "-", src->doc_no ? src->doc_no : "-");
        s->field(s, rpt_lbl(r, L_SOURCE), buf);
    }
    s->field(s, rpt_lbl(r, L_AS_OF), r->today);
    s->field(s, rpt_lbl(r, L_GENERATED), r->generated_at);
    rpt_round_lbl(r, &r->since, buf, sizeof buf);
    s->field(s, rpt_lbl(r, L_COMPARED), buf);
    snprintf(buf, sizeof buf, r->zh ? "共%lld条记录" : "%lld rows", r->chain_rows);
    s->field(s, rpt_lbl(r, L_CHAIN), buf);
    s->field(s, rpt_lbl(r, L_CHAIN_HEAD), r->chain_head[0] ? r->chain_head : "-");
}

/* ---- summary ---------------------------------------------------------------- */

static void summary(struct rsink *s, int major)
{
    const struct rpt *r = s->r;
    char buf[512], pct[32], n[32];
    heading(s, 1, major, 0, rpt_lbl(r, L_SUMMARY));
    rpt_pct(pct, sizeof pct, r->by_status[ST_DONE], r->total);
    if (r->zh)
        snprintf(buf, sizeof buf, "共%lld项事项，已办结%lld项，办结率%s；逾期%zu项，%d日内到期%zu项。",
                 r->total, r->by_status[ST_DONE], pct, r->noverdue, r->warn_days,
                 r->ndue_soon);
    else
        snprintf(buf, sizeof buf, "%lld item%s: %lld done (%s), %zu overdue, %zu due within "
                 "%d day%s.", r->total, r->total == 1 ? "" : "s", r->by_status[ST_DONE], pct,
                 r->noverdue, r->ndue_soon, r->warn_days, r->warn_days == 1 ? "" : "s");
    s->para(s, buf);
    const char *head[] = {rpt_lbl(r, L_STATUS), rpt_lbl(r, L_ITEMS), rpt_lbl(r, L_SHARE)};
    struct rtab t;
    rtab_init(&t, 3, head);
    t.right = 6;
    for (int st = 0; st < ST_COUNT; st++) {
        snprintf(n, sizeof n, "%lld", r->by_status[st]);
        rpt_pct(pct, sizeof pct, r->by_status[st], r->total);
        const char *row[] = {rpt_status_lbl(r, (enum task_status)st), n, pct};
        rtab_row(&t, row);
    }
    snprintf(n, sizeof n, "%lld", r->total);
    const char *total[] = {rpt_lbl(r, L_TOTAL), n, r->total ? "100.0%" : "-"};
    rtab_row(&t, total);
    s->table(s, &t);
    rtab_fini(&t);
}

/* ---- by department -------------------------------------------------------------- */

static const char *dept_name(const struct rpt *r, const struct rpt_dept *d)
{
    return d->name ? d->name : rpt_lbl(r, L_UNASSIGNED);
}

static void dept_table(struct rsink *s)
{
    const struct rpt *r = s->r;
    const char *head[RTAB_MAX] = {rpt_lbl(r, L_DEPT), rpt_lbl(r, L_LEAD), rpt_lbl(r, L_SUPPORT)};
    for (int st = 0; st < ST_COUNT; st++)
        head[3 + st] = status_head(r, st);
    head[9] = rpt_lbl(r, L_RATE);
    head[10] = rpt_lbl(r, L_LATE);
    struct rtab t;
    rtab_init(&t, 11, head);
    t.right = 0x7fe;
    t.maxw[0] = r->zh ? 14 : 14;
    t.chart = 1;
    for (size_t i = 0; i < r->ndepts; i++) {
        const struct rpt_dept *d = &r->depts[i];
        char num[10][32];
        const char *row[11] = {dept_name(r, d)};
        snprintf(num[0], 32, "%lld", d->nlead);
        snprintf(num[1], 32, "%lld", d->nsupport);
        for (int st = 0; st < ST_COUNT; st++)
            snprintf(num[2 + st], 32, "%lld", d->lead[st] + d->support[st]);
        rpt_pct(num[8], 32, d->done, d->nlead + d->nsupport);
        snprintf(num[9], 32, "%lld", d->overdue);
        for (int k = 0; k < 10; k++)
            row[1 + k] = num[k];
        rtab_row(&t, row);
    }
    s->table(s, &t);
    rtab_fini(&t);
}

static void dept_detail(struct rsink *s, int major, int minor, const struct rpt_dept *d)
{
    const struct rpt *r = s->r;
    char buf[512], pct[32];
    heading(s, 2, major, minor, dept_name(r, d));
    rpt_pct(pct, sizeof pct, d->done, d->nlead + d->nsupport);
    if (r->zh)
        snprintf(buf, sizeof buf, "牵头%lld项、配合%lld项，已办结%lld项，办结率%s，逾期%lld项。",
                 d->nlead, d->nsupport, d->done, pct, d->overdue);
    else
        snprintf(buf, sizeof buf, "Lead on %lld, supporting %lld; %lld done (%s), %lld "
                 "overdue.", d->nlead, d->nsupport, d->done, pct, d->overdue);
    s->para(s, buf);
    const char *head[] = {rpt_lbl(r, L_CODE), rpt_lbl(r, L_ROLE), rpt_lbl(r, L_STATUS),
                          rpt_lbl(r, L_DUE), rpt_lbl(r, L_ITEM)};
    struct rtab t;
    rtab_init(&t, 5, head);
    t.flex = 4;
    for (size_t k = 0; k < d->nitems; k++) {
        const struct rpt_item *it = &r->items[d->items[k]];
        const char *role = !d->name ? "-"
                           : k < d->nlead_items ? rpt_lbl(r, L_LEAD) : rpt_lbl(r, L_SUPPORT);
        const char *row[] = {it->code, role, rpt_status_lbl(r, it->status),
                             it->due[0] ? it->due : "-", it->title};
        rtab_row(&t, row);
    }
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
    struct rbuf b[4] = {{0}};
    const char *lines[4];
    size_t n = 0;
    rpt_late_phrase(r, it, late, sizeof late);
    rbuf_fmt(&b[0], "%s%s%s%s", rpt_lbl(r, L_STATUS), colon, rpt_status_lbl(r, it->status), semi);
    rbuf_fmt(&b[0], "%s%s%s", rpt_lbl(r, L_DUE), colon, it->due[0] ? it->due : none);
    if (late[0])
        rbuf_fmt(&b[0], r->zh ? "（%s）" : " (%s)", late);
    if (it->nsub)
        rbuf_fmt(&b[0], "%s%s%s%d/%d", semi, rpt_lbl(r, L_SUB), colon, it->nsubdone, it->nsub);
    lines[n++] = rbuf_get(&b[0]);
    rbuf_fmt(&b[1], "%s%s%s%s", rpt_lbl(r, L_LEAD_DEPT), colon, it->lead ? it->lead : none,
             semi);
    rbuf_fmt(&b[1], "%s%s%s", rpt_lbl(r, L_SUPPORT_DEPTS), colon,
             support && *support ? support : none);
    lines[n++] = rbuf_get(&b[1]);
    if (it->note) {
        rpt_date_of(it->note_at, at);
        rbuf_fmt(&b[2], r->zh ? "%s（%s）%s%s" : "%s (%s)%s%s", rpt_lbl(r, L_NOTE), at, colon,
                 it->note);
        lines[n++] = rbuf_get(&b[2]);
    }
    if (it->rating >= 0) {
        rbuf_fmt(&b[3], "%s%s%s", rpt_lbl(r, L_RATING), colon, rpt_rating_lbl(r, it->rating));
        if (it->remark)
            rbuf_fmt(&b[3], "%s%s%s%s", semi, rpt_lbl(r, L_REMARK), colon, it->remark);
        lines[n++] = rbuf_get(&b[3]);
    }
    s->entry(s, it->code, it->title, lines, n);
    for (int i = 0; i < 4; i++)
        rbuf_free(&b[i]);
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
            heading(s, 2, major, ++minor, rpt_lbl(r, L_NO_SECTION));
            outside = 1;
        }
        while (it->section >= 0 && shown < it->section && shown + 1 < (long)r->nsections) {
            shown++;
            heading(s, 2, major, ++minor, r->sections[shown].title);
        }
        item_entry(s, it);
    }
}

/* ---- overdue and due soon ----------------------------------------------------------- */

static void late_table(struct rsink *s, const size_t *ix, size_t n, int overdue)
{
    const struct rpt *r = s->r;
    const char *head[] = {rpt_lbl(r, L_CODE), rpt_lbl(r, L_STATUS), rpt_lbl(r, L_LEAD_DEPT),
                          rpt_lbl(r, L_DUE), rpt_lbl(r, overdue ? L_DAYS_LATE : L_DAYS_LEFT),
                          rpt_lbl(r, L_ITEM)};
    struct rtab t;
    if (n == 0) {
        s->para(s, rpt_lbl(r, L_NONE));
        return;
    }
    rtab_init(&t, 6, head);
    t.right = 1u << 4;
    t.flex = 5;
    t.maxw[2] = 14;
    for (size_t i = 0; i < n; i++) {
        const struct rpt_item *it = &r->items[ix[i]];
        char days[32];
        snprintf(days, sizeof days, "%ld", overdue ? it->late : -it->late);
        const char *row[] = {it->code, rpt_status_lbl(r, it->status), it->lead ? it->lead : "-",
                             it->due, days, it->title};
        rtab_row(&t, row);
    }
    s->table(s, &t);
    rtab_fini(&t);
}

static void overdue(struct rsink *s, int major)
{
    const struct rpt *r = s->r;
    char buf[256];
    heading(s, 1, major, 0, rpt_lbl(r, L_OVERDUE_TITLE));
    snprintf(buf, sizeof buf, r->zh ? "%s（%zu项）" : "%s (%zu)", rpt_lbl(r, L_OVERDUE),
             r->noverdue);
    heading(s, 2, major, 1, buf);
    late_table(s, r->overdue, r->noverdue, 1);
    if (r->zh)
        snprintf(buf, sizeof buf, "临期事项（%d日内到期，%zu项）", r->warn_days, r->ndue_soon);
    else
        snprintf(buf, sizeof buf, "Due within %d day%s (%zu)", r->warn_days,
                 r->warn_days == 1 ? "" : "s", r->ndue_soon);
    heading(s, 2, major, 2, buf);
    late_table(s, r->due_soon, r->ndue_soon, 0);
}

/* ---- changes since a round -------------------------------------------------------------- */

static size_t count_kind(const struct rpt *r, enum rpt_change_kind k)
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

static void change_table(struct rsink *s, enum rpt_change_kind k)
{
    const struct rpt *r = s->r;
    char was[64], now[64];
    enum rpt_label what = k == RPT_CH_LEAD ? L_LEAD_DEPT : k == RPT_CH_DUE ? L_DUE : L_STATUS;
    was_now(r, what, was, now, sizeof was);
    int pair = k == RPT_CH_STATUS || k == RPT_CH_LEAD || k == RPT_CH_DUE;
    const char *head4[] = {rpt_lbl(r, L_CODE), was, now, rpt_lbl(r, L_ITEM)};
    const char *head3[] = {rpt_lbl(r, L_CODE), rpt_lbl(r, L_STATUS), rpt_lbl(r, L_ITEM)};
    struct rtab t;
    rtab_init(&t, pair ? 4 : 3, pair ? head4 : head3);
    t.flex = pair ? 3 : 2;
    if (k == RPT_CH_LEAD)
        t.maxw[1] = t.maxw[2] = 14;
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
        rtab_row(&t, pair ? row4 : row3);
    }
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
        rbuf_free(&b);
    }
}

static void changes(struct rsink *s, int major)
{
    const struct rpt *r = s->r;
    char round[512], buf[1024];
    int minor = 0;
    rpt_round_lbl(r, &r->since, round, sizeof round);
    snprintf(buf, sizeof buf, r->zh ? "自%s以来的变化" : "Changes since %s", round);
    heading(s, 1, major, 0, buf);
    if (r->nchanges == 0) {
        s->para(s, rpt_lbl(r, L_NO_CHANGES));
        return;
    }
    for (int k = 0; k < RPT_CH_COUNT; k++) {
        size_t n = count_kind(r, (enum rpt_change_kind)k);
        if (n == 0)
            continue;
        if (r->zh)
            snprintf(buf, sizeof buf, "%s（%zu%s）", rpt_change_lbl(r, (enum rpt_change_kind)k),
                     n, k == RPT_CH_NOTE ? "条" : "项");
        else
            snprintf(buf, sizeof buf, "%s (%zu)", rpt_change_lbl(r, (enum rpt_change_kind)k), n);
        heading(s, 2, major, ++minor, buf);
        if (k == RPT_CH_NOTE)
            note_entries(s);
        else
            change_table(s, (enum rpt_change_kind)k);
    }
}

/* ---- ratings ---------------------------------------------------------------------------- */

static void ratings(struct rsink *s, int major)
{
    const struct rpt *r = s->r;
    char round[512], buf[1024], p1[32], p2[32];
    rpt_round_lbl(r, &r->rated, round, sizeof round);
    snprintf(buf, sizeof buf, r->zh ? "%s测评情况" : "Ratings in %s", round);
    heading(s, 1, major, 0, buf);
    if (r->nrated == 0) {
        s->para(s, rpt_lbl(r, L_NOT_RATED));
        return;
    }
    const long long *b = r->by_rating;
    rpt_pct(p1, sizeof p1, b[RATING_SATISFIED], r->nrated);
    rpt_pct(p2, sizeof p2, b[RATING_SATISFIED] + b[RATING_BASIC], r->nrated);
    if (r->zh)
        snprintf(buf, sizeof buf, "已测评%lld项：满意%lld项（%s），基本满意%lld项，不满意%lld项；"
                 "满意和基本满意合计占%s。", r->nrated, b[RATING_SATISFIED], p1, b[RATING_BASIC],
                 b[RATING_UNSATISFIED], p2);
    else
        snprintf(buf, sizeof buf, "%lld item%s rated: %lld satisfied (%s), %lld basically "
                 "satisfied, %lld unsatisfied; satisfied or basically satisfied: %s.",
                 r->nrated, r->nrated == 1 ? "" : "s", b[RATING_SATISFIED], p1, b[RATING_BASIC],
                 b[RATING_UNSATISFIED], p2);
    s->para(s, buf);
    for (size_t i = 0; i < r->nitems; i++) {
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
        rbuf_free(&line);
    }
}

void rpt_doc(struct rsink *s)
{
    const struct rpt *r = s->r;
    int major = 0;
    header(s);
    summary(s, ++major);
    if (r->by == RPT_BY_SECTION)
        by_section(s, ++major);
    else
        by_dept(s, ++major);
    overdue(s, ++major);
    if (r->since.id)
        changes(s, ++major);
    if (r->rated.id)
        ratings(s, ++major);
    s->end(s);
}
