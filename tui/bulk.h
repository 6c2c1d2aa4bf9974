/* Marks, changes to several tasks at once, and undo. A change (of one
 * task, or of every marked task) runs in one transaction and is kept on
 * an undo stack: u puts the old values back as a new change in the
 * history, and refuses, saying why, when the task changed since. */
#ifndef FU_TUI_BULK_H
#define FU_TUI_BULK_H

#include <stddef.h>

#include "core/task.h"

struct app;

/* The corrections (BF_TEXT …, tui/edit.c) are undone by edit_undo. */
enum bulk_field { BF_STATUS, BF_LEAD, BF_SUPPORT, BF_DUE, BF_NOTE,
                  BF_TEXT, BF_WITHDRAWN, BF_RESTORED, BF_PLACE, BF_ADDED, BF_META };

struct undo_item {
    long long task_id;     /* 0 for a report's metadata (BF_META) */
    long long version;     /* the task's version right after the change */
    enum bulk_field field;
    char *old;             /* status key, lead, supporting "a,b", due, text, metadata; "" none */
    char *now;             /* BF_META: the value set (undo checks it is still so) */
    long long parent, prev, next;  /* BF_PLACE: where it stood; BF_META: parent is the report */
    int meta;              /* BF_META: enum report_field */
};

struct undo_batch {
    struct undo_item *v;
    size_t n, cap;
    char what[160];        /* "status of 3 tasks", for the undo message */
};

#define BULK_UNDO 32

struct bulk {
    long long *marks;      /* marked task ids */
    size_t nmarks, cap;
    struct undo_batch undo[BULK_UNDO];
    int nundo;
};

/* A change to make: field and its new value. */
struct bulk_value {
    enum bulk_field field;
    enum task_status status;
    const char *note;      /* with a status, may be NULL */
    const char *lead;      /* "" clears */
    const char *const *support;
    size_t nsupport;
    const char *due;       /* ISO, "" clears */
};

/* Frees what b owns (the saved rows for undo) and zeroes it. */
void bulk_fini(struct bulk *b);

/* 1 when task id is marked. */
int bulk_is_marked(const struct bulk *b, long long id);

/* m: marks or unmarks the task under the cursor and moves down. */
void bulk_toggle(struct app *a);

/* M: clears every mark. */
void bulk_clear(struct app *a);

/* Applies v in one transaction to every marked task (marked != 0) or to
 * task id at version expected (0: any). Records the undo step, reloads,
 * and sets the one summary line; returns the status (FU_CONFLICT for a
 * stale single task, nothing written). label names the new value for
 * the message ("In progress", "区科委", "2025-06-30"). */
int bulk_apply(struct app *a, int marked, long long id, long long expected,
               const struct bulk_value *v, const char *label);

/* Records a progress note (which cannot be taken back) on the undo stack
 * so that u says so instead of undoing an older change. */
void bulk_note_added(struct app *a, long long task_id);

/* Records a change made elsewhere (a correction, tui/edit.c) as one undo
 * step: it is copied (old and now duplicated); what names it for the
 * message ("text", "place"). */
void bulk_record(struct app *a, const struct undo_item *it, const char *what);

/* u: undoes the user's last change (all of a bulk change), as a new
 * change; refuses with the reason when a task changed since. */
void bulk_undo(struct app *a);

#endif
