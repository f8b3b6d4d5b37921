/* pexip-ranges.h
 * The service address table: IPv4/IPv6 prefixes with labels, looked up by
 * longest-prefix match in a binary trie (cost bounded by the prefix length,
 * not by the number of rows).
 *
 * This file knows nothing of dissection, so it is unit-tested on its own
 * (tests/unit/test-ranges.c).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_RANGES_H
#define PEXIP_RANGES_H

#include <glib.h>

#define PEXIP_FAMILY_IPV4 4
#define PEXIP_FAMILY_IPV6 6

/* A parsed prefix. addr holds the network in network byte order, host bits
 * cleared; only the first 4 bytes are used for IPv4. */
typedef struct {
    guint8 family;      /* PEXIP_FAMILY_IPV4 or PEXIP_FAMILY_IPV6 */
    guint8 len;         /* prefix length in bits */
    guint8 addr[16];
} pexip_prefix_t;

/* One row of the table as the user (or the default file) wrote it. */
typedef struct {
    pexip_prefix_t prefix;
    char *text;         /* canonical text, e.g. "185.94.240.0/22" */
    char *label;
} pexip_range_t;

typedef struct pexip_range_table pexip_range_table_t;

/* Parse "a.b.c.d/n", "x::y/n" or a bare address (a single host).
 * Surrounding white space is ignored. On failure returns FALSE and, if err
 * is not NULL, sets *err to a g_malloc'd message that quotes the input. */
gboolean pexip_prefix_parse(const char *text, pexip_prefix_t *out, char **err);

/* Canonical text of a prefix ("185.94.240.0/22", "2001:db8::/32"),
 * g_malloc'd. */
char *pexip_prefix_to_str(const pexip_prefix_t *prefix);

pexip_range_table_t *pexip_range_table_new(void);
void pexip_range_table_free(pexip_range_table_t *table);

/* Add one row. A prefix already in the table keeps its first label.
 * Returns FALSE (and sets *err, g_malloc'd) when cidr is not a prefix. */
gboolean pexip_range_table_add(pexip_range_table_t *table, const char *cidr,
                               const char *label, char **err);

/* Add every row of a CSV text ("prefix,label[,source]" per line, '#'
 * comments, fields optionally in double quotes). Bad rows are skipped; each
 * is described in *errors as "<origin> line N: ...". Returns the number of
 * rows added. */
guint pexip_range_table_add_csv(pexip_range_table_t *table, const char *csv,
                                const char *origin, GString *errors);

guint pexip_range_table_count(const pexip_range_table_t *table);

/* Longest-prefix match. addr is 4 (IPv4) or 16 (IPv6) bytes in network
 * order. Returns NULL when no prefix holds the address. */
const pexip_range_t *pexip_range_table_lookup(const pexip_range_table_t *table,
                                              guint8 family, const guint8 *addr);

/* Whether an address (family 4 or 6, network order) is the service's at
 * frame: the configured table, or an address DNS answered for a service
 * name by then (classify/pexip-config.c). Modules that need to know take
 * one of these, so unit tests can give their own. */
typedef gboolean (*pexip_service_address_fn)(guint8 family, const guint8 *addr, guint32 frame);

#endif /* PEXIP_RANGES_H */
