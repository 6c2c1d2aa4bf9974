/* Opening a file a user named, as that user (core/userfile.h). */
#include "core/userfile.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int userfile_open(const char *path, int flags, mode_t mode)
{
    gid_t egid = getegid(), rgid = getgid();
    if (egid != rgid && setegid(rgid) != 0)
        return -1;
    int fd = open(path, flags | O_CLOEXEC, mode);
    int saved = errno;
    if (egid != rgid && setegid(egid) != 0) {
        if (fd >= 0)
            close(fd);
        fd = -1;
        saved = EPERM;
    }
    errno = saved;
    return fd;
}
