/* test-ranges.c
 * Unit tests of classify/pexip-ranges.c: prefixes, the longest-prefix trie and the CSV rows.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "unit.h"
#include "pexip-ranges.h"

static const pexip_range_t *
lookup4(const pexip_range_table_t *t, const char *text)
{
    ws_in4_addr a;
    if (!ws_inet_pton4(text, &a))
        return NULL;
    return pexip_range_table_lookup(t, PEXIP_FAMILY_IPV4, (const guint8 *)&a);
}

static const pexip_range_t *
lookup6(const pexip_range_table_t *t, const char *text)
{
    ws_in6_addr a;
    if (!ws_inet_pton6(text, &a))
        return NULL;
    return pexip_range_table_lookup(t, PEXIP_FAMILY_IPV6, a.bytes);
}

static const char *
label4(const pexip_range_table_t *t, const char *text)
{
    const pexip_range_t *r = lookup4(t, text);
    return r ? r->label : NULL;
}

static void
test_prefix_parse(void)
{
    pexip_prefix_t p;
    char *err = NULL;

    g_assert_true(pexip_prefix_parse("185.94.240.0/22", &p, &err));
    g_assert_true(p.family == PEXIP_FAMILY_IPV4 && p.len == 22);
    g_assert_true(pexip_prefix_parse(" 185.94.242.66 ", &p, &err));
    g_assert_true(p.len == 32);
    g_assert_true(pexip_prefix_parse("2001:db8::/32", &p, &err));
    g_assert_true(p.family == PEXIP_FAMILY_IPV6 && p.len == 32);
    g_assert_true(pexip_prefix_parse("0.0.0.0/0", &p, &err));
    g_assert_true(pexip_prefix_parse("::/0", &p, &err));

    char *s = pexip_prefix_to_str(&(pexip_prefix_t){ PEXIP_FAMILY_IPV4, 22, { 185, 94, 240, 0 } });
    unit_assert_str(s, "185.94.240.0/22");
    g_free(s);

    const char *bad[] = { "", "10.0.0.300/8", "10.0.0.0/33", "2001:db8::/129", "10.0.0.0/",
                          "10.0.0.0/x", "10.0.0.0/-1", "185.94.242.66/22", "pexip.me", "1.2.3",
                          "2001:db8::1::2/64", NULL };
    for (int i = 0; bad[i]; i++) {
        err = NULL;
        gboolean ok = pexip_prefix_parse(bad[i], &p, &err);
        g_assert_true(!ok);
        /* The message quotes the input, so the user sees which row. */
        char *quoted = g_strdup_printf("\"%s\"", bad[i]);
        g_assert_true(err && strstr(err, quoted));
        g_free(quoted);
        g_free(err);
    }
    err = NULL;
    g_assert_true(!pexip_prefix_parse("185.94.242.66/22", &p, &err));
    g_assert_true(err && strstr(err, "host bits"));
    g_free(err);
}

static void
test_longest_prefix(void)
{
    pexip_range_table_t *t = pexip_range_table_new();
    char *err = NULL;
    g_assert_true(pexip_range_table_add(t, "185.94.240.0/22", "wide", &err));
    g_assert_true(pexip_range_table_add(t, "185.94.242.66", "ivr", &err));
    g_assert_true(pexip_range_table_add(t, "185.94.242.0/24", "mid", &err));
    g_assert_true(pexip_range_table_add(t, "2001:db8:5e00::/40", "v6", &err));
    g_assert_true(!pexip_range_table_add(t, "nonsense", "x", &err));
    g_free(err);
    err = NULL;
    /* A duplicate prefix keeps its first label. */
    g_assert_true(pexip_range_table_add(t, "185.94.240.0/22", "second", &err));
    g_assert_true(pexip_range_table_count(t) == 4);

    unit_assert_str(label4(t, "185.94.242.66"), "ivr");
    unit_assert_str(label4(t, "185.94.242.67"), "mid");
    unit_assert_str(label4(t, "185.94.240.0"), "wide");
    unit_assert_str(label4(t, "185.94.243.255"), "wide");
    g_assert_true(lookup4(t, "185.94.244.0") == NULL);
    g_assert_true(lookup4(t, "185.94.239.255") == NULL);
    g_assert_true(lookup4(t, "10.0.0.1") == NULL);
    const pexip_range_t *r = lookup6(t, "2001:db8:5eff::1");
    g_assert_true(r && strcmp(r->label, "v6") == 0 && strcmp(r->text, "2001:db8:5e00::/40") == 0);
    g_assert_true(lookup6(t, "2001:db8:5f00::1") == NULL);
    /* IPv4 and IPv6 tables are separate: ::b95e:f242 is not 185.94.242.66. */
    g_assert_true(lookup6(t, "::b95e:f242") == NULL);
    pexip_range_table_free(t);

    /* Default route rows match everything of their family. */
    t = pexip_range_table_new();
    g_assert_true(pexip_range_table_add(t, "0.0.0.0/0", "all", &err));
    unit_assert_str(label4(t, "8.8.8.8"), "all");
    g_assert_true(lookup6(t, "2001:db8::1") == NULL);
    pexip_range_table_free(t);
}

static void
test_many_prefixes(void)
{
    /* Hundreds of prefixes: every one is found by its own address and by
     * nothing else. */
    pexip_range_table_t *t = pexip_range_table_new();
    char *err = NULL;
    for (int i = 0; i < 500; i++) {
        char cidr[32], label[16];
        snprintf(cidr, sizeof cidr, "10.%d.%d.0/24", i / 256, i % 256);
        snprintf(label, sizeof label, "r%d", i);
        g_assert_true(pexip_range_table_add(t, cidr, label, &err));
    }
    int right = 0;
    for (int i = 0; i < 500; i++) {
        char addr[32], label[16];
        snprintf(addr, sizeof addr, "10.%d.%d.77", i / 256, i % 256);
        snprintf(label, sizeof label, "r%d", i);
        const char *got = label4(t, addr);
        right += got && strcmp(got, label) == 0;
    }
    g_assert_true(right == 500);
    g_assert_true(lookup4(t, "10.1.244.1") == NULL);   /* 500 = 10.1.243.0 is the last */
    g_assert_true(lookup4(t, "10.1.243.1") != NULL);
    pexip_range_table_free(t);
}

static void
test_csv(void)
{
    pexip_range_table_t *t = pexip_range_table_new();
    GString *errors = g_string_new(NULL);
    const char *csv =
        "# comment\n"
        "\n"
        "185.94.242.66/32,IVR,\"guidance, quoted\"\n"
        "10.0.0.300/8,broken,x\n"
        "  192.0.2.0/24 , docs \n"
        "\"198.51.100.0/24\",\"quoted \"\"label\"\"\"\n"
        "203.0.113.0/24,\"unclosed\n";
    guint added = pexip_range_table_add_csv(t, csv, "test.csv", errors);
    g_assert_true(added == 3);
    unit_assert_str(label4(t, "185.94.242.66"), "IVR");
    unit_assert_str(label4(t, "192.0.2.9"), "docs");
    unit_assert_str(label4(t, "198.51.100.1"), "quoted \"label\"");
    g_assert_true(lookup4(t, "203.0.113.1") == NULL);
    g_assert_true(strstr(errors->str, "test.csv line 4: \"10.0.0.300/8\"") != NULL);
    g_assert_true(strstr(errors->str, "test.csv line 7: unclosed double quote") != NULL);
    g_string_free(errors, TRUE);
    pexip_range_table_free(t);
}

int
main(int argc, char **argv)
{
    unit_init(&argc, &argv);
    g_test_add_func("/ranges/prefix_parse", test_prefix_parse);
    g_test_add_func("/ranges/longest_prefix", test_longest_prefix);
    g_test_add_func("/ranges/many_prefixes", test_many_prefixes);
    g_test_add_func("/ranges/csv", test_csv);
    return g_test_run();
}
