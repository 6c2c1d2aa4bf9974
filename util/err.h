/* Status codes shared by core/, db/ and the front ends.
 * They double as the command line's exit statuses (DESIGN.md). */
#ifndef FU_ERR_H
#define FU_ERR_H

enum fu_rc {
    FU_OK = 0,
    FU_ERR = 1,       /* runtime error: bad input file, I/O, database */
    FU_USAGE = 2,     /* malformed arguments or values */
    FU_PERM = 3,      /* the user's role may not do this */
    FU_NOTFOUND = 4,  /* no such task, report, user, department */
    FU_CONFLICT = 5   /* stale version: someone changed it first (exit 1) */
};

/* Error buffers handed down by callers are this big. */
#define FU_ERRLEN 512

#endif
