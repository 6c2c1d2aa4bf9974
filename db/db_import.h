/* Storing a parsed report, and the reports stored (db/db_import.c). */
#ifndef FU_DB_IMPORT_H
#define FU_DB_IMPORT_H

#include <stddef.h>
#include "core/doc.h"
#include "core/task.h"
#include "core/user.h"
#include "db/db.h"

/* Every report, by id. Reads the reports table only (no task is counted:
 * the interface's first frame must not wait for a million of them). */
int db_report_list(struct db *db, struct report_list *out, char *err, size_t errlen);

/* One report's live tasks counted: all, the items, the overdue ones (due
 * before today, not done: as list --overdue) and the submitted ones. */
struct db_report_count {
    long long report_id;
    long long tasks, items, overdue, submitted;
    long long mine;        /* tasks led or supported by the user's departments */
};
struct db_report_counts { struct db_report_count *v; size_t n; };

/* Fills out (owned by the caller, freed with db_report_counts_fini) with
 * the counts of every report, by id (a report without tasks has zeros);
 * today is "YYYY-MM-DD"; mine counts for the effective user of a (a NULL:
 * zero). One grouped query over the tasks. */
int db_report_counts(struct db *db, const struct actor *a, const char *today,
                     struct db_report_counts *out, char *err, size_t errlen);
/* Frees what l owns and zeroes it. */
void db_report_counts_fini(struct db_report_counts *l);
/* The counts of report report_id in l, or NULL (valid while l is). */
const struct db_report_count *db_report_count_of(const struct db_report_counts *l,
                                                 long long report_id);

struct import_stats {
    long long report_id;
    int created_report;    /* 1 when the report was new */
    long long added, updated, unchanged, withdrawn;
    long long marked;      /* tasks given a lead, support or due by a marker */
    char **new_depts;      /* departments added (would be, in a dry run), owned */
    size_t nnew_depts;
};

/* Frees what st owns (the new department names) and zeroes it. */
void import_stats_fini(struct import_stats *st);


/* Stores a parsed report (committee only). A report is the same report
 * when its doc_no (else its title) matches. Tasks are sections, items and
 * the items' commitment statements; tasks are matched to stored ones by
 * kind and text, then by code: matched tasks keep uuid, status and history;
 * vanished ones are marked withdrawn, never deleted. Importing an
 * identical report changes nothing. Suggested owners become the lead only
 * for new tasks, and only when the department exists; a responsibility
 * marker's lead, support and due are stored (adding departments the
 * database lacks), see db_import_mark in db/internal.h. One transaction. */
int db_import(struct db *db, const struct actor *a, const struct doc *d,
              struct import_stats *st, char *err, size_t errlen);

/* db_import, or with dry_run everything it would do (counts and the new
 * departments in st) and then rolled back: nothing is stored. The
 * caller frees st with import_stats_fini() in both cases. */
int db_import_opt(struct db *db, const struct actor *a, const struct doc *d, int dry_run,
                  struct import_stats *st, char *err, size_t errlen);

#endif
