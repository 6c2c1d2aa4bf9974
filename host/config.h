/* config.ini, read with iniparser (DESIGN.md "config.ini"). */
#ifndef FU_CONFIG_H
#define FU_CONFIG_H

#include <stddef.h>
#include "parse/parse.h"

enum ui_lang { LANG_AUTO = 0, LANG_EN, LANG_ZH };
enum ui_color { COLOR_AUTO = 0, COLOR_ALWAYS, COLOR_NEVER };
enum { CONFIG_ATT_MAX_MB = 1, CONFIG_ATT_MAX_FILES = 2, CONFIG_ATT_TASK_MB = 4,
       CONFIG_ATT_DEPT_MB = 8 };

struct config {
    char source[1024];     /* the file read, "" when none was found (defaults) */
    char db_path[1024];    /* [database] path, "" when unset */
    enum ui_lang language;
    enum ui_color color;
    int warn_days;         /* [ui] warn_days, default 7 */
    int mouse;             /* [ui] mouse = yes|no, default yes */
    /* [attachments]: limits on evidence files. In team mode they come from
     * the system config, and a user's own file may only lower them
     * (cli_limits in cli/common.c). */
    int attach_max_mb;     /* max_mb, default 20: one file */
    int attach_max_files;  /* max_files, default 50: files of one task */
    int attach_task_mb;    /* task_mb, default 200: all files of one task */
    int attach_dept_mb;    /* dept_mb, default 500: a department's quota, unless the
                              committee set its own (followup dept quota) */
    unsigned attach_set;   /* CONFIG_ATT_* bits: the keys this file gave */
    char **departments;    /* [departments] keys, in file order */
    size_t ndepartments;
    struct route *routes;  /* [routing] keyword = department; strings owned */
    size_t nroutes;
    char **lexicon;        /* [lexicon] keys: department names the parser learns */
    size_t nlexicon;
    char warnings[1024];   /* unknown keys etc., one per line, "" when none */
};

/* Finds and reads the configuration: explicit (--config) when non-NULL,
 * else $FOLLOWUP_CONFIG, ~/.config/followup/config.ini,
 * /etc/followup/config.ini; none found means defaults (FU_OK).
 * A named file that is missing, or any file that is malformed, is FU_ERR
 * with "FILE:LINE: what" in err. *out is released with config_fini(). */
int config_load(const char *explicit_path, struct config *out, char *err, size_t errlen);
void config_fini(struct config *c);

/* The defaults, as when no file is found (nothing to release). */
void config_defaults(struct config *out);

/* 1 when the interface should speak Chinese: [ui] language = zh, or auto
 * and the locale (LC_ALL, LC_MESSAGES, LANG, first one set) starts "zh". */
int config_wants_zh(const struct config *c);

/* Fills opts' department list, routes and lexicon from c (pointers into c). */
void config_parse_opts(const struct config *c, struct parse_opts *opts);

#endif
