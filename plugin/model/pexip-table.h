/* pexip-table.h
 * A hash set of records that carry their own key, for the model's
 * per-call lookups (media destinations, SIP transactions, message copies,
 * call identifiers): one pointer per slot (open addressing, linear
 * probing), no allocation per entry.
 *
 * wmem_map costs an item of three pointers per entry (a 24-byte
 * allocation, 32 with wmem's chunk header) plus its table: about 44 bytes
 * of peak memory per entry, against about 15 here (a table between 3/8
 * and 3/4 full). The model keeps some 17 entries per call, so this is
 * about half a kilobyte per call (bench/README.md, the fifth round).
 *
 * Entries are never removed, only replaced (pexip_table_put with a key
 * that is in the table already). Slot positions mix the caller's hash
 * with a seed drawn per table, as wmem_map does, so a capture cannot
 * line its keys up in one run of slots on purpose.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_TABLE_H
#define PEXIP_TABLE_H

#include <glib.h>
#include <epan/wmem_scopes.h>

typedef struct pexip_table pexip_table_t;

/* The hash of a record's key (the same hash the caller gives for that key
 * when looking it up). */
typedef guint (*pexip_table_hash_fn)(gconstpointer record);
/* Whether record's key is key (whatever type the caller looks up with). */
typedef gboolean (*pexip_table_match_fn)(gconstpointer record, gconstpointer key);

/* An empty table in scope (its slots are allocated there and freed as it
 * grows). */
pexip_table_t *pexip_table_new(wmem_allocator_t *scope, pexip_table_hash_fn hash,
                               pexip_table_match_fn match);

/* The record whose key is key (hash: its hash), or NULL. */
gpointer pexip_table_find(const pexip_table_t *table, guint hash, gconstpointer key);

/* Keeps record (hash: the hash of its key, key: its key as find takes
 * it); one already there with that key is replaced, and returned (else
 * NULL). */
gpointer pexip_table_put(pexip_table_t *table, guint hash, gconstpointer key, gpointer record);

/* How many records it holds. */
guint pexip_table_size(const pexip_table_t *table);

#endif /* PEXIP_TABLE_H */
