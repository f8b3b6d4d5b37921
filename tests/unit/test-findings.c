/* test-findings.c
 * Unit tests of findings/: the findings table and the store.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "unit.h"
#include "pexip-findings.h"
#include "pexip-findings-store.h"
#include <epan/proto.h>

/* Texts longer than an expert info holds keep their advice whole. */
static void
test_finding_text_fit(void)
{
    const char *short_text = "seen: do this";
    g_assert_true(pexip_finding_text_fit(NULL, short_text) == short_text);
    g_assert_true(pexip_finding_text_fit(NULL, NULL) == NULL);

    GString *seen = g_string_new("INVITE to [2001:db8:1234:5678:9abc:def0:1234:5678]:5061");
    while (seen->len < 200)
        g_string_append(seen, " and more");
    const char *advice = ": the SBC's announced signalling address is not reachable";
    char *text = g_strconcat(seen->str, advice, NULL);
    char *fit = (char *)pexip_finding_text_fit(NULL, text);
    g_assert_true(strlen(fit) == PEXIP_FINDING_TEXT_MAX);
    g_assert_true(g_str_has_suffix(fit, advice));
    g_assert_true(strncmp(fit, text, PEXIP_FINDING_TEXT_MAX - strlen(advice) - 3) == 0);
    g_assert_true(strstr(fit, "...: the SBC") != NULL);
    wmem_free(NULL, fit);

    /* exactly at the limit: unchanged */
    char *exact = g_strndup(text, PEXIP_FINDING_TEXT_MAX);
    g_assert_true(pexip_finding_text_fit(NULL, exact) == exact);
    g_free(exact);

    /* no ": ", or an advice too long to keep: cut at the end */
    char *plain = g_strnfill(300, 'x');
    fit = (char *)pexip_finding_text_fit(NULL, plain);
    g_assert_true(strlen(fit) == PEXIP_FINDING_TEXT_MAX && g_str_has_suffix(fit, "x..."));
    wmem_free(NULL, fit);
    char *long_advice = g_strconcat("seen: ", plain, NULL);
    fit = (char *)pexip_finding_text_fit(NULL, long_advice);
    g_assert_true(strlen(fit) == PEXIP_FINDING_TEXT_MAX && g_str_has_prefix(fit, "seen: xx") &&
          g_str_has_suffix(fit, "x..."));
    wmem_free(NULL, fit);

    /* never inside a UTF-8 sequence: "\xc3\xa9" is one character */
    GString *accents = g_string_new("a");           /* byte 236 is inside a character */
    while (accents->len < 260)
        g_string_append(accents, "\xc3\xa9");
    fit = (char *)pexip_finding_text_fit(NULL, accents->str);
    g_assert_true(strlen(fit) == PEXIP_FINDING_TEXT_MAX - 1 && g_utf8_validate(fit, -1, NULL));
    wmem_free(NULL, fit);

    g_string_free(accents, TRUE);
    g_free(long_advice);
    g_free(plain);
    g_free(text);
    g_string_free(seen, TRUE);
}

/* Every kind has a whole row: a stable lower-case dotted name under
 * pexip., a severity users can filter on, a summary and advice. */
static void
test_table_rows(void)
{
    GHashTable *names = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint i = 0; i < PEXIP_FINDING_COUNT; i++) {
        const pexip_finding_info_t *row = pexip_finding_info((pexip_finding_kind_t)i);
        g_assert_nonnull(row);
        g_assert_nonnull(row->name);
        g_assert_true(g_str_has_prefix(row->name, "pexip."));
        for (const char *c = row->name; *c; c++)
            g_assert_true(g_ascii_islower(*c) || g_ascii_isdigit(*c) || *c == '.' || *c == '_');
        g_assert_true(g_hash_table_add(names, (gpointer)row->name));   /* unique */
        g_assert_true(row->severity == PI_NOTE || row->severity == PI_WARN ||
                      row->severity == PI_ERROR);
        g_assert_cmpstr(pexip_finding_group_name(row->group), !=, "other");
        g_assert_true(row->summary && *row->summary && row->advice && *row->advice);
        g_assert_true(pexip_finding_by_name(row->name) == (pexip_finding_kind_t)i);
    }
    g_assert_true(pexip_finding_info(PEXIP_FINDING_COUNT) == NULL);
    g_assert_true(pexip_finding_by_name("pexip.no.such") == PEXIP_FINDING_COUNT);
    g_assert_true(pexip_finding_by_name(NULL) == PEXIP_FINDING_COUNT);
    unit_assert_str(pexip_finding_severity_name(PI_WARN), "warning");
    unit_assert_str(pexip_finding_scope_name(PEXIP_ONCE_PER_GRANT), "grant");
    unit_assert_str(pexip_finding_scope_name(PEXIP_ONCE_PER_CLIENT), "client");
    unit_assert_str(pexip_finding_scope_name(PEXIP_ONCE_PER_CLIENT_PORT), "client-port");
    unit_assert_str(pexip_finding_scope_name((pexip_finding_scope_t)99), "?");
    unit_assert_str(pexip_finding_pass_name(PEXIP_PASS_CAPTURE_READ), "capture-read");
    g_hash_table_destroy(names);
}

static const char *
text_of(wmem_array_t *list, guint i)
{
    return ((const pexip_finding_t *)wmem_array_index(list, i))->text;
}

/* One store: first-pass findings stay, a whole-capture run replaces the
 * previous one's, each owner shows a kind once. */
static void
test_store(void)
{
    wmem_allocator_t *scope = wmem_allocator_new(WMEM_ALLOCATOR_STRICT);
    g_assert_false(pexip_findings_add(1, PEXIP_FINDING_NAT_TRACE, NULL, NULL, "before init"));
    pexip_findings_store_init(scope);
    g_assert_true(pexip_findings_scope() == scope);
    int call_a, call_b;
    g_assert_false(pexip_findings_on(5));
    g_assert_null(pexip_findings_of(scope, 5));
    g_assert_true(pexip_findings_add(5, PEXIP_FINDING_NAT_TRACE, &call_a, NULL, "a on 5"));
    g_assert_true(pexip_findings_shown(PEXIP_FINDING_NAT_TRACE, &call_a));
    g_assert_false(pexip_findings_shown(PEXIP_FINDING_NAT_TRACE, &call_b));
    g_assert_false(pexip_findings_shown(PEXIP_FINDING_REWRITTEN, &call_a));
    /* once per owner and kind */
    g_assert_false(pexip_findings_add(7, PEXIP_FINDING_NAT_TRACE, &call_a, NULL, "a again"));
    g_assert_true(pexip_findings_add(5, PEXIP_FINDING_REWRITTEN, &call_a, NULL, "a rewritten on 5"));
    g_assert_true(pexip_findings_add(7, PEXIP_FINDING_NAT_TRACE, &call_b, NULL, "b on 7"));
    /* no owner: no limit */
    g_assert_true(pexip_findings_add(7, PEXIP_FINDING_SIP_ENCRYPTED, NULL, NULL, "x"));
    g_assert_true(pexip_findings_add(7, PEXIP_FINDING_SIP_ENCRYPTED, NULL, NULL, "y"));
    g_assert_false(pexip_findings_shown(PEXIP_FINDING_SIP_ENCRYPTED, NULL));
    g_assert_false(pexip_findings_on(6));
    wmem_array_t *on5 = pexip_findings_of(scope, 5);
    g_assert_cmpuint(wmem_array_get_count(on5), ==, 2);
    unit_assert_str(text_of(on5, 0), "a on 5");
    unit_assert_str(text_of(on5, 1), "a rewritten on 5");
    g_assert_cmpuint(wmem_array_get_count(pexip_findings_of(scope, 7)), ==, 3);

    /* whole-capture runs: after the first-pass ones, replaced by each run */
    pexip_findings_capture_add(5, PEXIP_FINDING_MEDIA_MISSING, NULL, "before any run");
    g_assert_cmpuint(wmem_array_get_count(pexip_findings_of(scope, 5)), ==, 2);
    pexip_findings_capture_begin();
    pexip_findings_capture_add(5, PEXIP_FINDING_MEDIA_MISSING, NULL, "run 1 on 5");
    pexip_findings_capture_add(9, PEXIP_FINDING_MEDIA_ONE_WAY, NULL, "run 1 on 9");
    on5 = pexip_findings_of(scope, 5);
    g_assert_cmpuint(wmem_array_get_count(on5), ==, 3);
    unit_assert_str(text_of(on5, 2), "run 1 on 5");
    g_assert_true(pexip_findings_on(9));
    pexip_findings_capture_begin();
    pexip_findings_capture_add(5, PEXIP_FINDING_MEDIA_MISSING, NULL, "run 2 on 5");
    g_assert_false(pexip_findings_on(9));
    on5 = pexip_findings_of(scope, 5);
    g_assert_cmpuint(wmem_array_get_count(on5), ==, 3);
    unit_assert_str(text_of(on5, 2), "run 2 on 5");
    /* only one kind on a frame: the store's own list, no copy */
    pexip_findings_capture_add(11, PEXIP_FINDING_MEDIA_ONE_WAY, NULL, "only");
    g_assert_true(pexip_findings_of(scope, 11) == pexip_findings_of(scope, 11));

    pexip_findings_store_cleanup();
    g_assert_false(pexip_findings_on(5));
    g_assert_null(pexip_findings_scope());
    wmem_destroy_allocator(scope);
}

int
main(int argc, char **argv)
{
    unit_init(&argc, &argv);
    g_test_add_func("/findings/table_rows", test_table_rows);
    g_test_add_func("/findings/store", test_store);
    g_test_add_func("/findings/finding_text_fit", test_finding_text_fit);
    return g_test_run();
}
