/* Files a user names (an evidence file to store, a path to save one to)
 * are opened with the user's own group, never the program's: an
 * installed followup runs setgid, and nobody may read or write through it
 * what they could not themselves. */
#ifndef FU_USERFILE_H
#define FU_USERFILE_H

#include <sys/types.h>

/* open(2) of path with flags (O_CLOEXEC added) and mode, the effective
 * group dropped to the real one for the call and taken back after.
 * Returns the descriptor, or -1 with errno set. */
int userfile_open(const char *path, int flags, mode_t mode);

#endif
