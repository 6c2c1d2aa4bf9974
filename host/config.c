/* config.ini through iniparser: lookup order, defaults, and errors that
 * name the file and the line. */
#include "host/config.h"

#include <errno.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <iniparser/iniparser.h>

#include "util/err.h"
#include "host/priv.h"
#include "host/sysdirs.h"
#include "util/text.h"

/* iniparser reports syntax errors through a global callback with no user
 * pointer; the first message of a load is kept here. */
static char ini_msg[512];

static int ini_error(const char *fmt, ...)
{
    if (ini_msg[0])
        return 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ini_msg, sizeof ini_msg, fmt, ap);
    va_end(ap);
    return 0;
}

static void append_warning(struct config *c, const char *fmt, ...)
{
    size_t used = strlen(c->warnings);
    if (used + 2 >= sizeof c->warnings)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->warnings + used, sizeof c->warnings - used, fmt, ap);
    va_end(ap);
    used = strlen(c->warnings);
    if (used + 1 < sizeof c->warnings) {
        c->warnings[used] = '\n';
        c->warnings[used + 1] = '\0';
    }
}

static int file_exists(const char *p)
{
    struct stat st;
    return p && *p && stat(p, &st) == 0;
}

/* Which file to read: explicit, $FOLLOWUP_CONFIG, user, system. */
static const char *find_file(const char *explicit_path, char *buf, size_t buflen, int *named)
{
    *named = 1;
    if (explicit_path)
        return explicit_path;
    /* While the group of a setgid install is held, the environment is
     * not read: $HOME comes from the passwd entry. */
    const char *env = priv_getenv("FOLLOWUP_CONFIG");
    if (env && *env)
        return env;
    *named = 0;
    const char *xdg = priv_getenv("XDG_CONFIG_HOME");
    char homebuf[1024];
    const char *home = priv_home(homebuf, sizeof homebuf);
    if (xdg && *xdg)
        snprintf(buf, buflen, "%s/followup/config.ini", xdg);
    else if (home && *home)
        snprintf(buf, buflen, "%s/.config/followup/config.ini", home);
    else
        buf[0] = '\0';
    if (file_exists(buf))
        return buf;
    if (file_exists(sysdirs_config()))
        return sysdirs_config();
    return NULL;
}

/* Turns iniparser's "syntax error in FILE (LINE):\n-> text" into one line. */
static void format_ini_error(const char *path, char *err, size_t errlen)
{
    int line = 0;
    const char *p = strrchr(ini_msg, '(');
    if (p)
        line = atoi(p + 1);
    const char *what = strstr(ini_msg, "too long") ? "line longer than 1024 bytes"
                                                   : "not a [section] or key = value line";
    const char *text = strstr(ini_msg, "-> ");
    char shown[80] = "";
    if (text) {
        snprintf(shown, sizeof shown, "%s", text + 3);
        shown[strcspn(shown, "\r\n")] = '\0';
    }
    snprintf(err, errlen, "%s:%d: %s%s%s%s; fix or remove that line", path, line, what,
             shown[0] ? " (\"" : "", shown, shown[0] ? "\")" : "");
}

static char *dupstr(const char *s)
{
    return strdup(s ? s : "");
}

static int read_list(dictionary *d, const char *sec, char ***keys_out, char ***vals_out,
                     size_t *n_out)
{
    int n = iniparser_getsecnkeys(d, sec);
    *n_out = 0;
    if (n <= 0)
        return FU_OK;
    const char **keys = calloc((size_t)n, sizeof *keys);
    char **k = calloc((size_t)n, sizeof *k);
    char **v = vals_out ? calloc((size_t)n, sizeof *v) : NULL;
    if (!keys || !k || (vals_out && !v)) {
        free(keys), free(k), free(v);
        return FU_ERR;
    }
    iniparser_getseckeys(d, sec, keys);
    size_t plen = strlen(sec) + 1;
    for (int i = 0; i < n; i++) {
        k[i] = dupstr(keys[i] + plen);
        if (v)
            v[i] = dupstr(iniparser_getstring(d, keys[i], ""));
    }
    free(keys);
    *keys_out = k;
    if (vals_out)
        *vals_out = v;
    *n_out = (size_t)n;
    return FU_OK;
}

static int parse_enum(const char *v, const char *const *names, int n)
{
    for (int i = 0; i < n; i++)
        if (strcasecmp(v, names[i]) == 0)
            return i;
    return -1;
}

/* The line of `key =` in [sec] of path, for messages (iniparser does not
 * keep line numbers); 0 when not found. */
static int key_line(const char *path, const char *sec, const char *key)
{
    FILE *f = fopen(path, "r");
    char line[1100], cur[256] = "";
    int n = 0, found = 0;
    if (!f)
        return 0;
    while (!found && fgets(line, sizeof line, f)) {
        char *s = line + strspn(line, " \t"), *e;
        n++;
        if (*s == '[' && (e = strchr(s, ']')) != NULL) {
            snprintf(cur, sizeof cur, "%.*s", (int)(e - s - 1), s + 1);
            continue;
        }
        if (strcasecmp(cur, sec) || (e = strchr(s, '=')) == NULL)
            continue;
        while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
            e--;
        found = (size_t)(e - s) == strlen(key) && !strncasecmp(s, key, (size_t)(e - s));
    }
    fclose(f);
    return found ? n : 0;
}

/* [attachments]: whole numbers within their ranges; each key given is
 * marked in c->attach_set. */
static int read_attachments(dictionary *d, const char *path, struct config *c, char *err,
                            size_t errlen)
{
    static const struct {
        const char *key, *unit;
        long lo, hi;
        unsigned bit;
        size_t off;
    } keys[] = {
        {"max_mb", "megabytes", 1, 1024, CONFIG_ATT_MAX_MB, offsetof(struct config, attach_max_mb)},
        {"max_files", "files", 1, 100000, CONFIG_ATT_MAX_FILES,
         offsetof(struct config, attach_max_files)},
        {"task_mb", "megabytes", 1, 1000000, CONFIG_ATT_TASK_MB,
         offsetof(struct config, attach_task_mb)},
        {"dept_mb", "megabytes", 1, 10000000, CONFIG_ATT_DEPT_MB,
         offsetof(struct config, attach_dept_mb)},
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        char full[64], *end;
        snprintf(full, sizeof full, "attachments:%s", keys[i].key);
        const char *v = iniparser_getstring(d, full, NULL);
        if (!v)
            continue;
        long n = strtol(v, &end, 10);
        if (*v == '\0' || *end != '\0' || n < keys[i].lo || n > keys[i].hi) {
            snprintf(err, errlen, "%s:%d: [attachments] %s = %.40s: use a whole number of "
                     "%s, %ld to %ld", path, key_line(path, "attachments", keys[i].key),
                     keys[i].key, v, keys[i].unit, keys[i].lo, keys[i].hi);
            return FU_ERR;
        }
        *(int *)((char *)c + keys[i].off) = (int)n;
        c->attach_set |= keys[i].bit;
    }
    return FU_OK;
}

static int read_ui(dictionary *d, const char *path, struct config *c, char *err, size_t errlen)
{
    static const char *const langs[] = {"auto", "en", "zh"};
    static const char *const colors[] = {"auto", "always", "never"};
    const char *v = iniparser_getstring(d, "ui:language", "auto");
    int i = parse_enum(v, langs, 3);
    if (i < 0) {
        snprintf(err, errlen, "%s:%d: [ui] language = %.40s: use auto, en or zh", path,
                 key_line(path, "ui", "language"), v);
        return FU_ERR;
    }
    c->language = (enum ui_lang)i;
    v = iniparser_getstring(d, "ui:color", "auto");
    if ((i = parse_enum(v, colors, 3)) < 0) {
        snprintf(err, errlen, "%s:%d: [ui] color = %.40s: use auto, always or never", path,
                 key_line(path, "ui", "color"), v);
        return FU_ERR;
    }
    c->color = (enum ui_color)i;
    v = iniparser_getstring(d, "ui:warn_days", "7");
    char *end;
    long days = strtol(v, &end, 10);
    if (*v == '\0' || *end != '\0' || days < 0 || days > 365) {
        snprintf(err, errlen, "%s:%d: [ui] warn_days = %.40s: use a whole number of days, "
                 "0 to 365", path, key_line(path, "ui", "warn_days"), v);
        return FU_ERR;
    }
    c->warn_days = (int)days;
    static const char *const yesno[] = {"no", "yes"};
    v = iniparser_getstring(d, "ui:mouse", "yes");
    if ((i = parse_enum(v, yesno, 2)) < 0) {
        snprintf(err, errlen, "%s:%d: [ui] mouse = %.40s: use yes or no", path,
                 key_line(path, "ui", "mouse"), v);
        return FU_ERR;
    }
    c->mouse = i;
    return read_attachments(d, path, c, err, errlen);
}

static void check_unknown(dictionary *d, const char *path, struct config *c)
{
    static const char *const known[] = {"database:path", "ui:language", "ui:color",
                                        "ui:warn_days", "ui:mouse", "attachments:max_mb",
                                        "attachments:max_files", "attachments:task_mb",
                                        "attachments:dept_mb"};
    for (int s = 0; s < iniparser_getnsec(d); s++) {
        const char *sec = iniparser_getsecname(d, s);
        if (!strcmp(sec, "departments") || !strcmp(sec, "routing") || !strcmp(sec, "lexicon"))
            continue;
        if (strcmp(sec, "database") && strcmp(sec, "ui") && strcmp(sec, "attachments")) {
            append_warning(c, "%s: unknown section [%s] ignored", path, sec);
            continue;
        }
        char **keys = NULL;
        size_t n = 0;
        if (read_list(d, sec, &keys, NULL, &n) != FU_OK)
            continue;
        for (size_t i = 0; i < n; i++) {
            char full[256];
            snprintf(full, sizeof full, "%s:%s", sec, keys[i]);
            int ok = 0;
            for (size_t j = 0; j < sizeof known / sizeof *known; j++)
                ok |= !strcmp(full, known[j]);
            if (!ok)
                append_warning(c, "%s:%d: unknown key %s in [%s] ignored", path,
                               key_line(path, sec, keys[i]), keys[i], sec);
            free(keys[i]);
        }
        free(keys);
    }
}

/* 1 when s shows on a terminal as it is: no control characters, bidi
 * overrides or invalid UTF-8 (text_sanitize would change it). */
static int plain_text(const char *s)
{
    char *safe = text_sanitize_dup(s);
    int same = safe && !strcmp(safe, s);
    free(safe);
    return same;
}

static int read_dict(dictionary *d, const char *path, struct config *c, char *err, size_t errlen)
{
    snprintf(c->db_path, sizeof c->db_path, "%s", iniparser_getstring(d, "database:path", ""));
    int rc = read_ui(d, path, c, err, errlen);
    if (rc != FU_OK)
        return rc;
    check_unknown(d, path, c);
    char **names = NULL, **kw = NULL, **depts = NULL;
    size_t n = 0, nr = 0;
    if (read_list(d, "departments", &names, NULL, &n) != FU_OK ||
        read_list(d, "routing", &kw, &depts, &nr) != FU_OK) {
        snprintf(err, errlen, "%s: out of memory", path);
        return FU_ERR;
    }
    c->departments = names;
    c->ndepartments = n;
    if (read_list(d, "lexicon", &c->lexicon, NULL, &c->nlexicon) != FU_OK) {
        snprintf(err, errlen, "%s: out of memory", path);
        for (size_t k = 0; k < nr; k++)
            free(kw[k]), free(depts[k]);
        free(kw);
        free(depts);
        return FU_ERR;
    }
    for (size_t i = 0; i < c->nlexicon; i++)
        if (!plain_text(c->lexicon[i])) {
            snprintf(err, errlen, "%s:%d: [lexicon] a name holds control characters "
                     "(or invisible or direction-changing ones); remove them",
                     path, key_line(path, "lexicon", c->lexicon[i]));
            for (size_t k = 0; k < nr; k++)
                free(kw[k]), free(depts[k]);
            free(kw);
            free(depts);
            return FU_ERR;
        }
    for (size_t i = 0; i < n; i++)
        if (!plain_text(names[i])) {
            snprintf(err, errlen, "%s:%d: [departments] a name holds control characters "
                     "(or invisible or direction-changing ones); remove them",
                     path, key_line(path, "departments", names[i]));
            for (size_t k = 0; k < nr; k++)
                free(kw[k]), free(depts[k]);
            free(kw);
            free(depts);
            return FU_ERR;
        }
    if (nr) {
        c->routes = calloc(nr, sizeof *c->routes);
        if (!c->routes) {
            snprintf(err, errlen, "%s: out of memory", path);
            return FU_ERR;
        }
        for (size_t i = 0; i < nr; i++)
            c->routes[i] = (struct route){.keyword = kw[i], .dept = depts[i]};
        c->nroutes = nr;
    }
    free(kw);
    free(depts);
    for (size_t i = 0; i < nr; i++)
        if (!plain_text(c->routes[i].keyword) || !plain_text(c->routes[i].dept)) {
            snprintf(err, errlen, "%s:%d: [routing] a rule holds control characters "
                     "(or invisible or direction-changing ones); remove them",
                     path, key_line(path, "routing", c->routes[i].keyword));
            return FU_ERR;
        }
    return FU_OK;
}

void config_defaults(struct config *out)
{
    memset(out, 0, sizeof *out);
    out->warn_days = 7;
    out->mouse = 1;
    out->attach_max_mb = 20;
    out->attach_max_files = 50;
    out->attach_task_mb = 200;
    out->attach_dept_mb = 500;
}

int config_load(const char *explicit_path, struct config *out, char *err, size_t errlen)
{
    config_defaults(out);
    char buf[1024];
    int named;
    const char *path = find_file(explicit_path, buf, sizeof buf, &named);
    if (!path)
        return FU_OK;
    struct stat st;
    if (stat(path, &st) != 0) {
        snprintf(err, errlen, "%s: %s; give an existing config file or unset FOLLOWUP_CONFIG",
                 path, strerror(errno));
        return FU_ERR;
    }
    if (S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "%s: is a directory; give the path of a config.ini file", path);
        return FU_ERR;
    }
    snprintf(out->source, sizeof out->source, "%s", path);
    ini_msg[0] = '\0';
    iniparser_set_error_callback(ini_error);
    dictionary *d = iniparser_load(path);
    iniparser_set_error_callback(NULL);
    if (!d || ini_msg[0]) {
        if (ini_msg[0])
            format_ini_error(path, err, errlen);
        else
            snprintf(err, errlen, "%s: cannot read it (%s)", path, strerror(errno));
        if (d)
            iniparser_freedict(d);
        return FU_ERR;
    }
    int rc = read_dict(d, path, out, err, errlen);
    iniparser_freedict(d);
    if (rc != FU_OK)
        config_fini(out);
    return rc;
}

void config_fini(struct config *c)
{
    for (size_t i = 0; i < c->ndepartments; i++)
        free(c->departments[i]);
    free(c->departments);
    for (size_t i = 0; i < c->nlexicon; i++)
        free(c->lexicon[i]);
    free(c->lexicon);
    c->lexicon = NULL;
    c->nlexicon = 0;
    for (size_t i = 0; i < c->nroutes; i++) {
        free((char *)c->routes[i].keyword);
        free((char *)c->routes[i].dept);
    }
    free(c->routes);
    c->departments = NULL;
    c->routes = NULL;
    c->ndepartments = c->nroutes = 0;
}

void config_parse_opts(const struct config *c, struct parse_opts *opts)
{
    opts->departments = (const char *const *)c->departments;
    opts->ndepartments = c->ndepartments;
    opts->routes = c->routes;
    opts->nroutes = c->nroutes;
    opts->lexicon = (const char *const *)c->lexicon;
    opts->nlexicon = c->nlexicon;
}

int config_wants_zh(const struct config *c)
{
    if (c->language != LANG_AUTO)
        return c->language == LANG_ZH;
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (int i = 0; i < 3; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return strncmp(v, "zh", 2) == 0;
    }
    return 0;
}
