/* Hostile input for the parser: every input the fuzzer ever crashed on
 * (tests/fuzz/crashes/) and the hand-written seeds (tests/fuzz/seeds/),
 * replayed through the fuzz target itself, built here without libFuzzer;
 * and the JSON writer on terminal controls. Run from the repository root
 * (tests/run.sh does). */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/json.h"
#include "tests/fuzz/fuzz_parse.c"

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs every regular file of dir through the target; returns how many. */
static int replay_dir(const char *dir)
{
    char *names[4096], path[1024];
    size_t n = 0, i;
    struct dirent *e;
    DIR *dp = opendir(dir);
    int count = 0;
    assert_non_null(dp);
    while ((e = readdir(dp)) != NULL && n < sizeof names / sizeof names[0])
        if (e->d_name[0] != '.' && strcmp(e->d_name, "README"))
            names[n++] = strdup(e->d_name);
    closedir(dp);
    qsort(names, n, sizeof names[0], cmp_names);
    for (i = 0; i < n; i++) {
        FILE *f;
        char *buf;
        long len;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        f = fopen(path, "rb");
        assert_non_null(f);
        fseek(f, 0, SEEK_END);
        len = ftell(f);
        rewind(f);
        buf = malloc(len > 0 ? (size_t)len : 1);
        assert_non_null(buf);
        assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
        fclose(f);
        /* An exact-size copy, so ASan sees any read past its end. */
        print_message("replay %s (%ld bytes)\n", path, len);
        LLVMFuzzerTestOneInput((const uint8_t *)buf, (size_t)len);
        free(buf);
        free(names[i]);
        count++;
    }
    return count;
}

static void replay_crashes(void **state)
{
    (void)state;
    replay_dir("tests/fuzz/crashes");
}

static void replay_seeds(void **state)
{
    (void)state;
    assert_true(replay_dir("tests/fuzz/seeds") > 0);
}

/* JSON is valid with C1 controls and bidi overrides raw, but a terminal
 * acts on them: they are escaped like C0 controls. */
static void json_escapes_terminal_controls(void **state)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    (void)state;
    assert_non_null(f);
    json_str(f, "a\x1b[2J\x07\xc2\x9b" "b\xe2\x80\xae" "c\xe2\x81\xa6" "d\xc2\xa0" "e汉");
    fclose(f);
    assert_string_equal(buf, "\"a\\u001b[2J\\u0007\\u009bb\\u202ec\\u2066d\xc2\xa0" "e汉\"");
    free(buf);
    /* invisible code points too (issue 25), above U+FFFF as a surrogate pair */
    buf = NULL;
    f = open_memstream(&buf, &len);
    assert_non_null(f);
    json_str(f, "x\xe2\x80\x8b\xe2\x80\x8d\xe2\x81\xa0\xef\xbb\xbf" "y\xf3\xa0\x80\x81");
    fclose(f);
    assert_string_equal(buf, "\"x\\u200b\\u200d\\u2060\\ufeffy\\udb40\\udc01\"");
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(replay_crashes),
        cmocka_unit_test(replay_seeds),
        cmocka_unit_test(json_escapes_terminal_controls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
