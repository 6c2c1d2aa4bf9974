/* config.ini: lookup, values, errors naming file and line, warnings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "host/config.h"
#include "util/err.h"

static char dir[256];

static const char *write_file(const char *name, const char *text)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/fu-config-XXXXXX");
    assert_non_null(mkdtemp(dir));
    setenv("HOME", dir, 1);
    unsetenv("XDG_CONFIG_HOME");
    unsetenv("FOLLOWUP_CONFIG");
    return 0;
}

static void sample_config(void **state)
{
    (void)state;
    struct config c;
    char err[FU_ERRLEN] = "";
    assert_int_equal(config_load("config.ini", &c, err, sizeof err), FU_OK);
    assert_string_equal(c.source, "config.ini");
    assert_int_equal(c.language, LANG_AUTO);
    assert_int_equal(c.color, COLOR_AUTO);
    assert_int_equal(c.warn_days, 7);
    assert_true(c.ndepartments >= 10);
    assert_string_equal(c.departments[0], "区科委");
    assert_true(c.nroutes >= 1);
    assert_string_equal(c.routes[0].keyword, "知识产权");
    assert_string_equal(c.routes[0].dept, "区知识产权局");
    assert_string_equal(c.warnings, "");
    struct parse_opts o = {0};
    config_parse_opts(&c, &o);
    assert_int_equal(o.ndepartments, c.ndepartments);
    assert_ptr_equal(o.routes, c.routes);
    config_fini(&c);
}

static void defaults_when_none(void **state)
{
    (void)state;
    struct config c;
    char err[FU_ERRLEN] = "";
    /* HOME is an empty temp dir; /etc/followup may exist on an installed
     * host, so only check when it does not. */
    if (access("/etc/followup/config.ini", F_OK) == 0)
        skip();
    assert_int_equal(config_load(NULL, &c, err, sizeof err), FU_OK);
    assert_string_equal(c.source, "");
    assert_int_equal(c.warn_days, 7);
    assert_int_equal(c.ndepartments, 0);
    config_fini(&c);
}

static void env_and_user_file(void **state)
{
    (void)state;
    struct config c;
    char err[FU_ERRLEN] = "";
    char sub[512];
    snprintf(sub, sizeof sub, "%s/.config/followup", dir);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", sub);
    assert_int_equal(system(cmd), 0);
    write_file(".config/followup/config.ini", "[ui]\nwarn_days = 3\n");
    assert_int_equal(config_load(NULL, &c, err, sizeof err), FU_OK);
    assert_int_equal(c.warn_days, 3);
    config_fini(&c);
    const char *p = write_file("env.ini", "[ui]\nwarn_days = 11\nlanguage = zh\n");
    setenv("FOLLOWUP_CONFIG", p, 1);
    assert_int_equal(config_load(NULL, &c, err, sizeof err), FU_OK);
    assert_int_equal(c.warn_days, 11);
    assert_int_equal(c.language, LANG_ZH);
    config_fini(&c);
    unsetenv("FOLLOWUP_CONFIG");
}

static void malformed_names_file_and_line(void **state)
{
    (void)state;
    struct config c;
    char err[FU_ERRLEN] = "";
    const char *p = write_file("bad.ini", "[ui]\nlanguage = en\nthis line is wrong\n");
    assert_int_equal(config_load(p, &c, err, sizeof err), FU_ERR);
    char want[600];
    snprintf(want, sizeof want, "%s:3:", p);
    assert_non_null(strstr(err, want));
    assert_null(strchr(err, '\n'));
}

static void bad_values(void **state)
{
    (void)state;
    struct config c;
    char err[FU_ERRLEN] = "";
    const char *p = write_file("lang.ini", "[ui]\nlanguage = klingon\n");
    char want[600];
    assert_int_equal(config_load(p, &c, err, sizeof err), FU_ERR);
    assert_non_null(strstr(err, "language"));
    snprintf(want, sizeof want, "%s:2:", p);
    assert_non_null(strstr(err, want));
    p = write_file("days.ini", "[ui]\ncolor = never\n\n  Warn_Days = soon\n");
    assert_int_equal(config_load(p, &c, err, sizeof err), FU_ERR);
    assert_non_null(strstr(err, "warn_days"));
    snprintf(want, sizeof want, "%s:4:", p);
    assert_non_null(strstr(err, want));
    assert_int_equal(config_load("/nonexistent/followup.ini", &c, err, sizeof err), FU_ERR);
    assert_non_null(strstr(err, "/nonexistent/followup.ini"));
    assert_int_equal(config_load(dir, &c, err, sizeof err), FU_ERR);
    assert_non_null(strstr(err, "directory"));
}

static void unknown_keys_warn(void **state)
{
    (void)state;
    struct config c;
    char err[FU_ERRLEN] = "";
    const char *p = write_file("unk.ini", "[ui]\ncolour = never\n[extra]\nx = 1\n");
    assert_int_equal(config_load(p, &c, err, sizeof err), FU_OK);
    assert_non_null(strstr(c.warnings, ":2: unknown key colour"));
    assert_non_null(strstr(c.warnings, "[extra]"));
    config_fini(&c);
}

/* Department names and routing rules end up on screens and in reports:
 * control characters in them are an error naming the file and line. */
static void control_characters_in_names(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "[departments]\n区科委 =\n区\033[2J局 =\n",
        "[departments]\n区科委 =\n区\xc2\x9b局 =\n",
        "[routing]\n科普 = 区科协\n知识\xe2\x80\xae = 区知识产权局\n",
        "[routing]\n科普 = 区科协\n知识 = 区\x07局\n",
    };
    struct config c;
    char err[FU_ERRLEN] = "", want[600];
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        const char *p = write_file("ctl.ini", bad[i]);
        assert_int_equal(config_load(p, &c, err, sizeof err), FU_ERR);
        snprintf(want, sizeof want, "%s:3: [", p);
        assert_non_null(strstr(err, want));
        assert_non_null(strstr(err, "control characters"));
    }
}

static void long_line_is_an_error(void **state)
{
    (void)state;
    struct config c;
    char err[FU_ERRLEN] = "";
    char text[3000] = "[routing]\nk = ";
    memset(text + strlen(text), 'x', 2000);
    strcat(text, "\n");
    const char *p = write_file("long.ini", text);
    assert_int_equal(config_load(p, &c, err, sizeof err), FU_ERR);
    assert_non_null(strstr(err, ":2:"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sample_config),
        cmocka_unit_test(defaults_when_none),
        cmocka_unit_test(env_and_user_file),
        cmocka_unit_test(malformed_names_file_and_line),
        cmocka_unit_test(bad_values),
        cmocka_unit_test(unknown_keys_warn),
        cmocka_unit_test(long_line_is_an_error),
        cmocka_unit_test(control_characters_in_names),
    };
    return cmocka_run_group_tests_name("config", tests, setup, NULL);
}
