/* pexip-table.c
 * A hash set of records that carry their own key (see pexip-table.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-table.h"

#define FIRST_BITS 4            /* 16 slots */

struct pexip_table {
    wmem_allocator_t *scope;
    pexip_table_hash_fn hash;
    pexip_table_match_fn match;
    gpointer *slots;            /* 1 << bits of them; NULL: empty */
    guint64 seed;               /* odd */
    guint count;
    guint bits;
};

/* The first slot to try for hash: the top bits of a multiplication by an
 * odd seed (multiplicative hashing spreads any bits of hash over them). */
static inline guint
home(const pexip_table_t *table, guint hash)
{
    return (guint)(((guint64)hash * table->seed) >> (64 - table->bits));
}

pexip_table_t *
pexip_table_new(wmem_allocator_t *scope, pexip_table_hash_fn hash, pexip_table_match_fn match)
{
    pexip_table_t *table = wmem_new0(scope, pexip_table_t);
    table->scope = scope;
    table->hash = hash;
    table->match = match;
    table->bits = FIRST_BITS;
    table->slots = wmem_alloc0_array(scope, gpointer, (gsize)1 << table->bits);
    table->seed = ((guint64)g_random_int() << 32 | g_random_int()) | 1u;
    return table;
}

gpointer
pexip_table_find(const pexip_table_t *table, guint hash, gconstpointer key)
{
    guint mask = (1u << table->bits) - 1;
    for (guint i = home(table, hash);; i = (i + 1) & mask) {
        gpointer record = table->slots[i];
        if (!record || table->match(record, key))
            return record;
    }
}

/* Twice the slots, every record moved to its place in them. */
static void
grow(pexip_table_t *table)
{
    gpointer *old = table->slots;
    guint old_size = 1u << table->bits;
    table->bits++;
    table->slots = wmem_alloc0_array(table->scope, gpointer, (gsize)1 << table->bits);
    guint mask = (1u << table->bits) - 1;
    for (guint j = 0; j < old_size; j++) {
        if (!old[j])
            continue;
        guint i = home(table, table->hash(old[j]));
        while (table->slots[i])
            i = (i + 1) & mask;
        table->slots[i] = old[j];
    }
    wmem_free(table->scope, old);
}

gpointer
pexip_table_put(pexip_table_t *table, guint hash, gconstpointer key, gpointer record)
{
    guint mask = (1u << table->bits) - 1;
    guint i = home(table, hash);
    for (; table->slots[i]; i = (i + 1) & mask) {
        if (table->match(table->slots[i], key)) {
            gpointer replaced = table->slots[i];
            table->slots[i] = record;
            return replaced;
        }
    }
    table->slots[i] = record;
    /* At most 3/4 full, so a search always meets an empty slot (counted
     * in 64 bits: 3 << 31 does not fit in 32). */
    if ((guint64)++table->count * 4 > (guint64)3 << table->bits)
        grow(table);
    return NULL;
}

guint
pexip_table_size(const pexip_table_t *table)
{
    return table->count;
}
