/* Task lists as people and programs read them: an aligned table (display
 * columns, not bytes), RFC 4180 CSV and JSON with the same columns
 * (report/list_table.c), and the 台账 workbook (report/list_xlsx.c). Rows
 * arrive one at a time, so a list of a million tasks is written in
 * constant memory. */
#ifndef FU_LIST_OUT_H
#define FU_LIST_OUT_H

#include <stddef.h>
#include <stdio.h>

#include "core/task.h"

/* list's output formats, shared with other commands that print tasks
 * (FMT_XLSX: list only, through list_xlsx_*). */
enum list_format { FMT_TABLE, FMT_CSV, FMT_JSON, FMT_XLSX };
/* Writes every task of l in format f to out (zh: Chinese labels). */
void list_print(int zh, const struct task_list *l, enum list_format f, FILE *out);

/* The same output a row at a time: list_out_new makes the writer (NULL
 * when out of memory), list_out_task (a db_task_fn) takes one task, and
 * list_out_end finishes the output when ok (else writes nothing more) and
 * frees the writer. The head goes out with the first row; CSV and JSON
 * rows go out at once; the table keeps a compact copy of each row until
 * the end, when the column widths are known: in memory up to a few
 * megabytes, then in a temporary file (list_out_spill_after sets after
 * how many bytes; the output is the same). Both return FU_ERR when out of
 * memory (or the temporary file cannot be written). */
struct list_out;
struct list_out *list_out_new(int zh, enum list_format f, FILE *out);
int list_out_task(const struct task *t, void *ctx);
int list_out_end(struct list_out *o, int ok);
void list_out_spill_after(struct list_out *o, size_t bytes);

/* What a workbook row shows besides the task (its latest progress note
 * and evidence files), filled by the caller's list_extra_fn for each task:
 * note malloc'd (the writer frees it; NULL when none), at its local time
 * ("" when none). The function returns FU_OK or an error with err filled. */
struct list_extra {
    char *note;
    char at[32];
    size_t nattach;
};
typedef int (*list_extra_fn)(const struct task *t, struct list_extra *e, void *ctx,
                             char *err, size_t errlen);

/* The task list as a workbook (report/list_xlsx.c): list_xlsx_new starts
 * it (NULL with err filled on failure), list_xlsx_task (a db_task_fn)
 * adds a row with what extra(t, …, ctx) gives, and list_xlsx_end
 * finishes it, copies it to out when ok, sets *rows and frees the writer.
 * FU_OK or FU_ERR with err filled. */
struct list_xlsx;
struct list_xlsx *list_xlsx_new(int zh, list_extra_fn extra, void *ctx, char *err,
                                size_t errlen);
int list_xlsx_task(const struct task *t, void *ctx);
int list_xlsx_end(struct list_xlsx *x, FILE *out, int ok, size_t *rows, char *err,
                  size_t errlen);

#endif
