/* Private to db/db_import*.c: an import's working state (the doc as a
 * flat task list, the stored tasks it is matched against). */
#ifndef FU_DB_IMPORT_INT_H
#define FU_DB_IMPORT_INT_H

#include "db/internal.h"
#include "core/doc.h"

struct ntask {             /* a task of the new doc, in preorder */
    enum task_kind kind;
    const char *code, *text;   /* borrowed from the doc */
    const struct node *node;   /* items: the node whose sentences are the body */
    char *body;                /* owned while it is written; NULL otherwise */
    const char *owner;         /* suggested lead, borrowed; NULL when none */
    int marked;                /* owner, support and due come from a responsibility marker */
    char *const *support;      /* the marker's supporting departments, borrowed */
    size_t nsupport;
    const char *due;           /* the marker's due ("YYYY-MM-DD", "ongoing"), borrowed */
    char sdue[11];
    char *metrics;             /* owned JSON array; NULL when none */
    const struct metric *target; /* a commitment's first figure that binds, borrowed; NULL: none */
    long parent;               /* index in nt, -1 at the top */
    int depth;
    long match;                /* index in ot, -1: new */
    const char *keep_body;     /* the body set by hand, kept (keep_text) */
    int keep_text;
    long long id;              /* row id once written */
};

struct otask {             /* a stored task of the report */
    long long id, parent_id, seq;
    enum task_kind kind;
    char *code, *text, *body, *owner, *metrics;
    char sdue[11];
    int depth, withdrawn, taken;
    int hand;                  /* what the committee set by hand (tasks.hand) */
    int keep_out;              /* withdrawn by hand: stays so */
};

struct imp {
    struct db *db;
    const struct actor *a;
    const struct doc *d;
    struct import_stats *st;
    char now[32], hash[65];
    long long report_id;
    int meta_changed;
    int dry_run;               /* roll back at the end */
    struct ntask *nt;
    size_t nnt, capnt;
    struct otask *ot;
    size_t not, capot;
    char uuids[64][37];        /* made in batches for new tasks */
    size_t nuuids;             /* unused ones left at the end of uuids */
    const char *owner_name;    /* the last department looked up, its id and its name */
    long long owner_id;        /* (the one it was merged into, if it was) */
    char owner_real[DB_DEPT_BUF];
    char *err;
    size_t errlen;
};

/* The committee's hand edits against a revised report (db/db_import_hand.c),
 * after matching and before writing: a text set by hand stays, a task
 * withdrawn by hand stays withdrawn, a hand-added task is not "vanished",
 * and a hand-added task whose code the revision gives to another part
 * takes the next free number (a "code" row says so). */
int db_import_hand_prepare(struct imp *m);
/* The places (parent, previous sibling) of the report's tasks moved or
 * added by hand, saved before the import writes and put back after it. */
struct hand_place { long long id, parent, prev, seq; };
struct hand_places { struct hand_place *v; size_t n, cap; };
int db_import_hand_save(struct imp *m, struct hand_places *p);
int db_import_hand_restore(struct imp *m, struct hand_places *p);

#endif
