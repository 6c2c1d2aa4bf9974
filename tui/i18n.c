/* Language choice and gettext binding. */
#include "tui/i18n.h"
#include "host/priv.h"

#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DOMAIN "followup"

static int has_catalogue(const char *dir)
{
    char path[PATH_MAX];
    if (!dir || !*dir)
        return 0;
    int n = snprintf(path, sizeof path, "%s/zh_CN/LC_MESSAGES/" DOMAIN ".mo", dir);
    return n > 0 && (size_t)n < sizeof path && access(path, R_OK) == 0;
}

/* $FOLLOWUP_LOCALEDIR, the build's LOCALEDIR, then beside the binary
 * (build/locale in a checkout, ../share/locale when installed). */
static void find_catalogue(char *out, size_t outlen)
{
    const char *env = priv_getenv("FOLLOWUP_LOCALEDIR");
    if (has_catalogue(env)) {
        snprintf(out, outlen, "%s", env);
        return;
    }
#ifdef FU_LOCALEDIR
    if (has_catalogue(FU_LOCALEDIR)) {
        snprintf(out, outlen, "%s", FU_LOCALEDIR);
        return;
    }
#endif
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return;
    *slash = '\0';
    const char *rel[] = {"build/locale", "locale", "../share/locale"};
    for (int i = 0; i < 3; i++) {
        char dir[PATH_MAX];
        int k = snprintf(dir, sizeof dir, "%s/%s", exe, rel[i]);
        if (k > 0 && (size_t)k < sizeof dir && has_catalogue(dir)) {
            snprintf(out, outlen, "%s", dir);
            return;
        }
    }
}

int i18n_init(const struct config *cfg, char *dir, size_t dirlen)
{
    int zh = config_wants_zh(cfg);
    dir[0] = '\0';
    find_catalogue(dir, dirlen);
    if (dir[0]) {
        bindtextdomain(DOMAIN, dir);
        bind_textdomain_codeset(DOMAIN, "UTF-8");
    }
    textdomain(DOMAIN);
    /* gettext reads LANGUAGE before the locale, except in the plain "C"
     * locale, where C.UTF-8 (same characters, UTF-8) lets it. */
    if (zh) {
        const char *cur = setlocale(LC_MESSAGES, NULL);
        if (cur && (!strcmp(cur, "C") || !strcmp(cur, "POSIX")))
            setlocale(LC_MESSAGES, "C.UTF-8");
        setenv("LANGUAGE", "zh_CN:zh", 1);
    } else {
        setenv("LANGUAGE", "en", 1);
    }
    return zh;
}

void i18n_ctype(void)
{
    const char *cs = nl_langinfo(CODESET);
    if (cs && (!strcmp(cs, "ANSI_X3.4-1968") || !strcmp(cs, "US-ASCII")))
        setlocale(LC_CTYPE, "C.UTF-8");
}

const char *i18n_status(int zh, enum task_status s)
{
    return zh ? status_zh(s) : status_en(s);
}

const char *i18n_role(enum role r)
{
    switch (r) {
    case ROLE_VIEWER: return _("viewer");
    case ROLE_DEPARTMENT: return _("department");
    case ROLE_COMMITTEE: return _("committee");
    }
    return "?";
}
