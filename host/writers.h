/* Who is writing (issue 25): a registry beside the database ("DB-writers",
 * made and opened with the database, so in team mode in the team
 * directory, which only the program's group may enter). Each followup that
 * writes takes a slot of it -- 512 bytes it holds an open-file-description
 * lock on (F_OFD_SETLK) for as long as it runs, so a slot whose process has
 * died is free again, whatever killed it -- and records there, at the
 * start of each write transaction, its login (from the real uid), PID,
 * command and since when it waits for the lock or holds it. A writer kept
 * waiting reads the registry to name the holder; `followup who` lists it.
 * Nothing here is required: when the file cannot be made or read, the
 * registry is off and writing goes on as before. */
#ifndef FU_WRITERS_H
#define FU_WRITERS_H

#include <stddef.h>

enum writer_state { WRITER_IDLE, WRITER_WAITING, WRITER_WRITING };

struct writers {
    int fd;                /* the registry, -1 when off */
    int slot;              /* our slot, -1 until the first write */
    char login[64];        /* the real user, from the password file */
    char cmd[320];         /* what this process is doing (writers_label) */
};

struct writer {            /* one live entry */
    long pid;
    char login[64];
    char cmd[320];
    enum writer_state state;
    long long since;       /* seconds since the epoch: the state's start */
    int stopped;           /* the process is stopped (SIGSTOP, ^Z) */
    int self;              /* this process */
};
struct writer_list { struct writer *v; size_t n; };
void writer_list_fini(struct writer_list *l);

/* Opens (creating it, mode 0660 with mode_group, else 0600) the registry
 * of the database at db_path; w->fd is -1 when it cannot (no error: the
 * registry is advisory). Call while the database itself may be opened
 * (in team mode, with the group raised). */
void writers_open(struct writers *w, const char *db_path, int mode_group);
void writers_close(struct writers *w);

/* What this process is doing, for the others ("followup attach 2.4 a.pdf";
 * cut to fit, control characters replaced). */
void writers_label(struct writers *w, const char *cmd);

/* Records our state (taking a free slot the first time). */
void writers_set(struct writers *w, enum writer_state st);

/* The live entries (ours flagged self), writing ones first, then waiting,
 * then idle, each oldest first. FU_OK (0) or -1 when out of memory; an
 * off registry lists nothing. */
int writers_list(const struct writers *w, struct writer_list *out);

/* One line naming the process that holds the write lock as the registry
 * tells it ("wang (pid 1234, followup attach 2.4 a.pdf) has been writing
 * for 6 s, stopped"), into out; 0, or -1 when no entry other than ours is
 * writing (out then says so). */
int writers_holder(const struct writers *w, char *out, size_t outlen, long *pid);

#endif
