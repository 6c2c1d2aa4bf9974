/* tui/keys.h: the one list of actions gives every action a help text and a
 * help section, every bound key an action the help lists, and every
 * section at least one action. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tui/keys.h"

static void every_action_has_help_and_a_section(void **state)
{
    (void)state;
    for (int a = DO_NONE + 1; a < DO_COUNT; a++) {
        assert_true(strlen(keys_action_help(a)) > 0);
        assert_true(keys_action_groups(a) != 0);
        assert_true(keys_action_groups(a) < 1u << KEY_NGROUPS);
    }
    assert_string_equal(keys_action_help(DO_NONE), "");
    assert_string_equal(keys_action_help(DO_COUNT), "");
}

static void every_binding_is_listed(void **state)
{
    size_t n, ng;
    const struct keybind *t = keys_table(&n);
    const struct key_group *g = keys_groups(&ng);
    (void)state;
    assert_int_equal(ng, KEY_NGROUPS);
    for (size_t i = 0; i < n; i++) {
        assert_true(t[i].act > DO_NONE && t[i].act < DO_COUNT);
        unsigned gs = keys_action_groups(t[i].act);
        int shown = 0;      /* some section that lists it covers the key's scope */
        for (size_t k = 0; k < ng; k++)
            shown |= (gs & 1u << k) && (g[k].scope & t[i].scope);
        if (!shown)
            fail_msg("the key %s (action %d) is in no help section of its scope",
                     t[i].name ? t[i].name : "?", (int)t[i].act);
    }
}

static void every_section_lists_an_action(void **state)
{
    size_t ng;
    const struct key_group *g = keys_groups(&ng);
    (void)state;
    for (size_t k = 0; k < ng; k++) {
        int any = 0;
        for (int a = DO_NONE + 1; a < DO_COUNT; a++)
            any |= (keys_action_groups(a) & 1u << k) != 0;
        assert_true(any);
        assert_true(strlen(g[k].title) > 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_action_has_help_and_a_section),
        cmocka_unit_test(every_binding_is_listed),
        cmocka_unit_test(every_section_lists_an_action),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
