/* fuzz-ranges.c
 * classify/pexip-ranges.c: a range table from CSV text (the built-in
 * service_ranges.csv, the user's table rows), its rows' prefixes parsed
 * and printed, then looked up.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "fuzz.h"
#include "pexip-ranges.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_string(data, size);
    pexip_range_table_t *table = pexip_range_table_new();
    GString *errors = g_string_new(NULL);
    guint added = pexip_range_table_add_csv(table, text, "fuzz", errors);
    FUZZ_CHECK(pexip_range_table_count(table) <= added);

    /* Addresses: the input's first bytes, all zeros and all ones. */
    guint8 addr[16] = { 0 };
    memcpy(addr, data, size < 16 ? size : 16);
    static const guint8 zeros[16], ones[16] = { 255, 255, 255, 255, 255, 255, 255, 255,
                                                 255, 255, 255, 255, 255, 255, 255, 255 };
    const guint8 *addrs[] = { addr, zeros, ones };
    for (guint i = 0; i < G_N_ELEMENTS(addrs); i++) {
        for (guint8 family = 4; family <= 6; family += 2) {
            const pexip_range_t *r = pexip_range_table_lookup(table, family, addrs[i]);
            if (r) {
                FUZZ_CHECK(r->prefix.family == family && r->text && r->label);
                char *again = pexip_prefix_to_str(&r->prefix);
                FUZZ_CHECK(strcmp(again, r->text) == 0);
                g_free(again);
            }
        }
    }
    g_string_free(errors, TRUE);
    pexip_range_table_free(table);

    /* The whole text as one prefix (a table cell). */
    pexip_prefix_t prefix;
    char *err = NULL;
    if (pexip_prefix_parse(text, &prefix, &err)) {
        FUZZ_CHECK(err == NULL);
        char *canonical = pexip_prefix_to_str(&prefix);
        pexip_prefix_t again;
        FUZZ_CHECK(pexip_prefix_parse(canonical, &again, NULL));
        FUZZ_CHECK(memcmp(&again, &prefix, sizeof prefix) == 0);
        g_free(canonical);
    } else {
        FUZZ_CHECK(err != NULL);
    }
    g_free(err);
    free(text);
    return 0;
}
