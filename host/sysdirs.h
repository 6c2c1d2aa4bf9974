/* The system paths an installed followup uses, fixed when it is built
 * (make's bindir, sysconfdir and localstatedir; see mk/install.mk). */
#ifndef FU_SYSDIRS_H
#define FU_SYSDIRS_H

/* $(bindir)/followup: where `make install` puts the program. */
const char *sysdirs_program(void);

/* 1 when the running program is the installed one: the file at
 * sysdirs_program() is the running executable (same device and inode),
 * so a build in a checkout, a copy, or a tree staged under DESTDIR is
 * not. 0 when either cannot be looked at. */
int sysdirs_is_installed(void);

/* $(sysconfdir)/followup/config.ini: the system configuration. */
const char *sysdirs_config(void);

/* $(localstatedir)/lib/followup: the team directory, and the team
 * database in it (followup.db). */
const char *sysdirs_team_dir(void);
const char *sysdirs_team_db(void);

#endif
