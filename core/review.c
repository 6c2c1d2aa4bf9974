/* Ratings and review rounds (core/review.h). */
#include "core/review.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- ratings --------------------------------------------------------------- */

static const struct {
    const char *key, *zh, *en;
} ratings[RATING_COUNT] = {
    [RATING_SATISFIED] = {"satisfied", "满意", "Satisfied"},
    [RATING_BASIC] = {"basic", "基本满意", "Basically satisfied"},
    [RATING_UNSATISFIED] = {"unsatisfied", "不满意", "Unsatisfied"},
};

const char *rating_key(enum rating r) { return (unsigned)r < RATING_COUNT ? ratings[r].key : "?"; }
const char *rating_zh(enum rating r) { return (unsigned)r < RATING_COUNT ? ratings[r].zh : "?"; }
const char *rating_en(enum rating r) { return (unsigned)r < RATING_COUNT ? ratings[r].en : "?"; }

int rating_parse(const char *s, enum rating *out)
{
    if (!s)
        return -1;
    if (strcasecmp(s, "basically") == 0) {
        *out = RATING_BASIC;
        return 0;
    }
    for (int i = 0; i < RATING_COUNT; i++)
        if (strcasecmp(s, ratings[i].key) == 0 || strcmp(s, ratings[i].zh) == 0 ||
            strcasecmp(s, ratings[i].en) == 0) {
            *out = (enum rating)i;
            return 0;
        }
    return -1;
}

/* ---- rounds ----------------------------------------------------------------- */

void review_round_fini(struct review_round *r)
{
    if (!r)
        return;
    free(r->name);
    free(r->by);
    free(r->reports);
    memset(r, 0, sizeof *r);
}

void review_list_fini(struct review_list *l)
{
    for (size_t i = 0; l && i < l->n; i++)
        review_round_fini(&l->v[i]);
    if (l) {
        free(l->v);
        l->v = NULL;
        l->n = 0;
    }
}

void review_entries_fini(struct review_entries *l)
{
    for (size_t i = 0; l && i < l->n; i++) {
        free(l->v[i].text);
        free(l->v[i].lead);
        free(l->v[i].remark);
        free(l->v[i].rated_by);
    }
    if (l) {
        free(l->v);
        l->v = NULL;
        l->n = 0;
    }
}
