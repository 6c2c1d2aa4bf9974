/* The system paths, from make (see sysdirs.h). */
#include "host/sysdirs.h"

#include <sys/stat.h>

#ifndef FU_BINDIR
#define FU_BINDIR "/usr/local/bin"
#endif
#ifndef FU_SYSCONFDIR
#define FU_SYSCONFDIR "/etc"
#endif
#ifndef FU_LOCALSTATEDIR
#define FU_LOCALSTATEDIR "/var"
#endif

const char *sysdirs_program(void)
{
    return FU_BINDIR "/followup";
}

int sysdirs_is_installed(void)
{
    struct stat self, inst;
    if (stat("/proc/self/exe", &self) != 0 || stat(sysdirs_program(), &inst) != 0)
        return 0;
    return self.st_dev == inst.st_dev && self.st_ino == inst.st_ino;
}

const char *sysdirs_config(void)
{
    return FU_SYSCONFDIR "/followup/config.ini";
}

const char *sysdirs_team_dir(void)
{
    return FU_LOCALSTATEDIR "/lib/followup";
}

const char *sysdirs_team_db(void)
{
    return FU_LOCALSTATEDIR "/lib/followup/followup.db";
}
