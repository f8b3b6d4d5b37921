/* test-table.c
 * Unit tests of model/pexip-table.c: the hash set the model keeps its
 * per-call records in.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "unit.h"
#include "pexip-table.h"

typedef struct {
    guint key;
    guint value;
} record_t;

/* hash_mask: which bits of the key the hash keeps (0: every key collides,
 * so every search walks the run of slots). */
static guint hash_mask;

static guint
record_hash(gconstpointer record)
{
    return ((const record_t *)record)->key & hash_mask;
}

static gboolean
record_match(gconstpointer record, gconstpointer key)
{
    return ((const record_t *)record)->key == *(const guint *)key;
}

static record_t *
find(const pexip_table_t *table, guint key)
{
    return (record_t *)pexip_table_find(table, key & hash_mask, &key);
}

static void
fill_and_find(guint mask, guint n)
{
    hash_mask = mask;
    wmem_allocator_t *scope = wmem_allocator_new(WMEM_ALLOCATOR_STRICT);
    pexip_table_t *table = pexip_table_new(scope, record_hash, record_match);
    g_assert_true(find(table, 7) == NULL && pexip_table_size(table) == 0);
    record_t *records = g_new0(record_t, n);
    /* keys 0, 3, 6, ...: every other multiple of 3 is then a miss */
    for (guint i = 0; i < n; i++) {
        records[i].key = 3 * i;
        records[i].value = i;
        g_assert_true(pexip_table_put(table, records[i].key & mask, &records[i].key,
                                      &records[i]) == NULL);
    }
    g_assert_cmpuint(pexip_table_size(table), ==, n);
    /* every record found through every growth of the slots */
    for (guint i = 0; i < n; i++) {
        record_t *r = find(table, 3 * i);
        g_assert_true(r == &records[i]);
        g_assert_true(find(table, 3 * i + 1) == NULL);
    }
    g_assert_true(find(table, 3 * n) == NULL);
    /* a record with a key that is there replaces it, and the count stays */
    record_t again = { 3 * (n / 2), 999 };
    g_assert_true(pexip_table_put(table, again.key & mask, &again.key, &again) ==
                  &records[n / 2]);
    g_assert_cmpuint(pexip_table_size(table), ==, n);
    g_assert_true(find(table, again.key) == &again);
    /* the others stay */
    for (guint i = 0; i < n; i++)
        g_assert_true(i == n / 2 || find(table, 3 * i) == &records[i]);
    g_free(records);
    wmem_destroy_allocator(scope);
}

static void
test_spread(void)
{
    fill_and_find(G_MAXUINT, 10000);
    fill_and_find(G_MAXUINT, 1);
    fill_and_find(G_MAXUINT, 12);       /* the first growth: 13 > 3/4 of 16 */
    fill_and_find(G_MAXUINT, 13);
}

static void
test_colliding(void)
{
    /* every key in one run of slots: linear probing must still find all
     * of them, wrapping round the end of the slots */
    fill_and_find(0, 500);
    /* a few hash values */
    fill_and_find(0x3, 2000);
}

int
main(int argc, char **argv)
{
    unit_init(&argc, &argv);
    g_test_add_func("/table/spread", test_spread);
    g_test_add_func("/table/colliding", test_colliding);
    return g_test_run();
}
