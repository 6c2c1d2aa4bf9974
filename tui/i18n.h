/* The interface's language: Chinese or English, chosen by [ui] language
 * or the locale, with the messages translated through gettext (the
 * catalogue is po/zh_CN.po, compiled to LOCALEDIR/zh_CN/LC_MESSAGES/followup.mo). */
#ifndef FU_TUI_I18N_H
#define FU_TUI_I18N_H

#include <libintl.h>
#include <stddef.h>
#include "host/config.h"
#include "core/task.h"

#define _(s) gettext(s)
#define N_(s) (s)

/* Chooses the language and binds the catalogue; call once, before any
 * gettext(). Returns 1 for Chinese, 0 for English. Writes the directory
 * the catalogue was found in to dir ("" when none was: the interface then
 * shows English text, and status labels still in the chosen language).
 * Sets LANGUAGE in the environment: that is how gettext is told. */
int i18n_init(const struct config *cfg, char *dir, size_t dirlen);

/* In the plain C/POSIX locale (7-bit ASCII, as over SSH without LANG)
 * Chinese cannot be shown at all: switch the character type to C.UTF-8
 * when the system has it. Other encodings (UTF-8, GB18030) are kept. */
void i18n_ctype(void);

/* Status and role labels in the interface language (static strings). */
const char *i18n_status(int zh, enum task_status s);
const char *i18n_role(enum role r);

#endif
