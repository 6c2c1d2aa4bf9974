/* The system paths an installed followup uses, fixed when it is built
 * (make's sysconfdir and localstatedir; see mk/install.mk). */
#ifndef FU_SYSDIRS_H
#define FU_SYSDIRS_H

/* $(sysconfdir)/followup/config.ini: the system configuration. */
const char *sysdirs_config(void);

/* $(localstatedir)/lib/followup: the team directory, and the team
 * database in it (followup.db). */
const char *sysdirs_team_dir(void);
const char *sysdirs_team_db(void);

#endif
