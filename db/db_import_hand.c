/* A revised report meets the committee's corrections (db/db_import_int.h):
 * what was set by hand (tasks.hand: 1 added, 2 text, 4 place, 8
 * withdrawn) stands against the parser's reading of the revision. */
#include "db/db_import_int.h"
#include "util/mem.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* n when code is prefix "." n (or n alone for an empty prefix), else 0. */
static long long number_under(const char *code, const char *prefix)
{
    size_t plen = strlen(prefix);
    if (plen && (strncmp(code, prefix, plen) || code[plen] != '.'))
        return 0;
    const char *d = code + plen + (plen ? 1 : 0);
    size_t k = 0;
    while (isdigit((unsigned char)d[k]))
        k++;
    return k && !d[k] && k < 12 ? atoll(d) : 0;
}

/* Hand-added task o holds a code the revision gives another part: o takes
 * the next number under its parent that neither the stored tasks nor the
 * revision use. */
static int recode(struct imp *m, struct otask *o, const char *taken_by)
{
    char prefix[32], code[80];
    const char *dot = strrchr(o->code, '.');
    snprintf(prefix, sizeof prefix, "%.*s", dot ? (int)(dot - o->code) : 0, o->code);
    long long max = 0, n;
    for (size_t i = 0; i < m->not; i++)
        if ((n = number_under(m->ot[i].code, prefix)) > max)
            max = n;
    for (size_t i = 0; i < m->nnt; i++)
        if ((n = number_under(m->nt[i].code, prefix)) > max)
            max = n;
    snprintf(code, sizeof code, "%s%s%lld", prefix, *prefix ? "." : "", max + 1);
    if (strlen(code) >= sizeof ((struct task *)0)->code)
        return db_errf(m->err, m->errlen, FU_ERR, "no free code for R%lld:%s under %s",
                       m->report_id, o->code, prefix);
    char note[200], *dup = strdup(code);
    struct db_stmt s;
    snprintf(note, sizeof note, "the revised report numbers another part %s: %.120s", o->code,
             taken_by);
    int rc = dup ? db_fts_forget(m->db, o->id, o->text, o->body, o->code, m->err, m->errlen)
                 : db_errf(m->err, m->errlen, FU_ERR, "out of memory");
    if (rc == FU_OK && (rc = db_prepare_cached(m->db, &s, "UPDATE tasks SET code = :c,"
                                               " version = version + 1 WHERE id = :id",
                                               m->err, m->errlen)) == FU_OK) {
        db_bind_text(&s, ":c", code);
        db_bind_int(&s, ":id", o->id);
        rc = db_run(&s, m->err, m->errlen);
        db_finish(&s);
    }
    if (rc == FU_OK)
        rc = db_fts_add(m->db, o->id, o->id, m->err, m->errlen);
    if (rc == FU_OK)
        rc = db_history_add(m->db, m->a, o->id, "code", o->code, code, note, m->err, m->errlen);
    if (rc == FU_OK) {
        free(o->code);
        o->code = dup;
    } else {
        free(dup);
    }
    return rc;
}

int db_import_hand_prepare(struct imp *m)
{
    int rc = FU_OK;
    for (size_t i = 0; i < m->nnt; i++) {
        struct ntask *t = &m->nt[i];
        struct otask *o = t->match >= 0 ? &m->ot[t->match] : NULL;
        if (o && (o->hand & 2)) {       /* the committee's text stands */
            t->keep_text = 1;
            t->text = o->text;
            t->keep_body = o->body;
        }
        if (o && (o->hand & 8) && o->withdrawn)
            o->keep_out = 1;
    }
    for (size_t i = 0; rc == FU_OK && i < m->not; i++) {
        struct otask *o = &m->ot[i];
        if (o->taken || o->withdrawn || !(o->hand & 1))
            continue;
        for (size_t k = 0; rc == FU_OK && k < m->nnt; k++)
            if (strcmp(m->nt[k].code, o->code) == 0)
                rc = recode(m, o, m->nt[k].text);
    }
    return rc;
}

/* ---- places ---------------------------------------------------------------------- */

static int by_seq(const void *x, const void *y)
{
    const struct hand_place *a = x, *b = y;
    return (a->seq > b->seq) - (a->seq < b->seq);
}

int db_import_hand_save(struct imp *m, struct hand_places *p)
{
    for (size_t i = 0; i < m->not; i++) {
        const struct otask *o = &m->ot[i];
        if (o->withdrawn || !(o->hand & 5))
            continue;
        long long prev = 0, prev_seq = 0;
        for (size_t k = 0; k < m->not; k++) {
            const struct otask *s = &m->ot[k];
            if (!s->withdrawn && s->parent_id == o->parent_id && s->seq < o->seq &&
                s->seq > prev_seq) {
                prev = s->id;
                prev_seq = s->seq;
            }
        }
        if (mem_grow((void **)&p->v, p->n, &p->cap, sizeof *p->v) != 0)
            return db_errf(m->err, m->errlen, FU_ERR, "out of memory");
        p->v[p->n++] = (struct hand_place){o->id, o->parent_id, prev, o->seq};
    }
    if (p->n)
        qsort(p->v, p->n, sizeof *p->v, by_seq);
    return FU_OK;
}

/* In the stored tasks' order: each goes back
 * under its parent after its previous sibling, when both are still there. */
int db_import_hand_restore(struct imp *m, struct hand_places *p)
{
    struct tree t;
    int rc = db_tree_load(m->db, m->report_id, &t, m->err, m->errlen);
    for (size_t i = 0; rc == FU_OK && i < p->n; i++) {
        size_t x = db_tree_find(&t, p->v[i].id);
        size_t parent = p->v[i].parent ? db_tree_find(&t, p->v[i].parent) : DB_NONE;
        size_t after = p->v[i].prev ? db_tree_find(&t, p->v[i].prev) : DB_NONE;
        if (x == DB_NONE || (p->v[i].parent && parent == DB_NONE))
            continue;
        if (db_tree_place(&t, x, parent, after) != 0)
            rc = db_errf(m->err, m->errlen, FU_ERR, "out of memory");
    }
    if (rc == FU_OK)
        rc = db_tree_write(m->db, &t, m->err, m->errlen);
    db_tree_fini(&t);
    return rc;
}
