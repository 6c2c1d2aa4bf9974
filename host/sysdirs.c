/* The system paths, from make (see sysdirs.h). */
#include "host/sysdirs.h"

#ifndef FU_SYSCONFDIR
#define FU_SYSCONFDIR "/etc"
#endif
#ifndef FU_LOCALSTATEDIR
#define FU_LOCALSTATEDIR "/var"
#endif

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
