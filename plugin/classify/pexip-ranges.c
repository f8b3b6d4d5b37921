/* pexip-ranges.c
 * The service address table (see pexip-ranges.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-ranges.h"

#include <string.h>
#include <stdlib.h>
#include <wsutil/inet_addr.h>

#define NO_NODE  0u     /* node 0 is a root, never a child */
#define NO_ENTRY -1

/* One trie node: a bit-by-bit path from the root; `entry` indexes the
 * ranges array when a prefix ends here. Nodes live in one array so a lookup
 * touches contiguous memory. */
typedef struct {
    guint32 child[2];
    gint32 entry;
} trie_node_t;

typedef struct {
    GArray *nodes;      /* of trie_node_t; nodes[0] is the root */
} trie_t;

/* The answers for the addresses looked up last, by a hash of the address:
 * a capture's packets keep coming from and going to a few addresses, and
 * the walk down the trie is up to 32 (IPv4) or 128 (IPv6) steps on every
 * packet, twice. Cleared whenever a range is added. */
#define LOOKUP_CACHE_SIZE 64
typedef struct {
    guint8 family;      /* 0: empty */
    guint8 addr[16];
    gint32 entry;
} lookup_cache_t;

struct pexip_range_table {
    trie_t v4;
    trie_t v6;
    GPtrArray *ranges;  /* of pexip_range_t*, owned */
    lookup_cache_t cache[LOOKUP_CACHE_SIZE];
};

/* ---- prefixes --------------------------------------------------------- */

static char *
prefix_error(const char *text, const char *why)
{
    return g_strdup_printf("\"%s\" is not a valid prefix: %s "
                           "(expected e.g. 185.94.240.0/22 or 2001:db8::/32)",
                           text, why);
}

gboolean
pexip_prefix_parse(const char *text, pexip_prefix_t *out, char **err)
{
    if (err)
        *err = NULL;
    if (!text) {
        if (err)
            *err = prefix_error("", "empty");
        return FALSE;
    }

    char *copy = g_strstrip(g_strdup(text));
    gboolean ok = FALSE;
    const char *why = NULL;
    pexip_prefix_t p;
    memset(&p, 0, sizeof p);

    char *slash = strchr(copy, '/');
    if (slash)
        *slash = '\0';

    if (copy[0] == '\0') {
        why = "empty address";
    } else if (strchr(copy, ':')) {
        ws_in6_addr a6;
        if (ws_inet_pton6(copy, &a6)) {
            p.family = PEXIP_FAMILY_IPV6;
            memcpy(p.addr, a6.bytes, 16);
            p.len = 128;
        } else {
            why = "not an IPv6 address";
        }
    } else {
        ws_in4_addr a4;
        if (ws_inet_pton4(copy, &a4)) {
            p.family = PEXIP_FAMILY_IPV4;
            memcpy(p.addr, &a4, 4);
            p.len = 32;
        } else {
            why = "not an IPv4 address";
        }
    }

    if (!why && slash) {
        const char *num = slash + 1;
        char *end = NULL;
        unsigned long len = strtoul(num, &end, 10);
        if (num[0] < '0' || num[0] > '9' || *end != '\0' || len > p.len) {
            why = p.family == PEXIP_FAMILY_IPV4
                ? "the prefix length must be a number from 0 to 32"
                : "the prefix length must be a number from 0 to 128";
        } else {
            p.len = (guint8)len;
        }
    }

    if (!why) {
        /* Host bits must be clear: 185.94.242.66/22 is more likely a typo
         * than a request for 185.94.240.0/22, so say so rather than guess. */
        guint nbytes = p.family == PEXIP_FAMILY_IPV4 ? 4 : 16;
        for (guint bit = p.len; bit < nbytes * 8u; bit++) {
            if (p.addr[bit / 8] & (0x80u >> (bit % 8))) {
                why = "host bits are set after the prefix length";
                break;
            }
        }
    }

    if (why) {
        if (err)
            *err = prefix_error(text, why);
    } else {
        *out = p;
        ok = TRUE;
    }
    g_free(copy);
    return ok;
}

char *
pexip_prefix_to_str(const pexip_prefix_t *prefix)
{
    char buf[64];
    if (prefix->family == PEXIP_FAMILY_IPV4)
        ws_inet_ntop4(prefix->addr, buf, sizeof buf);
    else
        ws_inet_ntop6(prefix->addr, buf, sizeof buf);
    return g_strdup_printf("%s/%u", buf, prefix->len);
}

/* ---- the trie --------------------------------------------------------- */

static void
trie_init(trie_t *trie)
{
    trie_node_t root = { { NO_NODE, NO_NODE }, NO_ENTRY };
    trie->nodes = g_array_new(FALSE, FALSE, sizeof(trie_node_t));
    g_array_append_val(trie->nodes, root);
}

static inline guint
addr_bit(const guint8 *addr, guint bit)
{
    return (addr[bit / 8] >> (7 - bit % 8)) & 1u;
}

/* Returns the entry already at that prefix, or NO_ENTRY after storing
 * `entry` there. */
static gint32
trie_insert(trie_t *trie, const pexip_prefix_t *prefix, gint32 entry)
{
    guint32 node = 0;
    for (guint bit = 0; bit < prefix->len; bit++) {
        guint b = addr_bit(prefix->addr, bit);
        guint32 next = g_array_index(trie->nodes, trie_node_t, node).child[b];
        if (next == NO_NODE) {
            trie_node_t fresh = { { NO_NODE, NO_NODE }, NO_ENTRY };
            g_array_append_val(trie->nodes, fresh);
            next = trie->nodes->len - 1;
            g_array_index(trie->nodes, trie_node_t, node).child[b] = next;
        }
        node = next;
    }
    trie_node_t *n = &g_array_index(trie->nodes, trie_node_t, node);
    if (n->entry != NO_ENTRY)
        return n->entry;
    n->entry = entry;
    return NO_ENTRY;
}

static gint32
trie_lookup(const trie_t *trie, const guint8 *addr, guint nbits)
{
    const trie_node_t *nodes = (const trie_node_t *)(void *)trie->nodes->data;
    guint32 node = 0;
    gint32 best = nodes[0].entry;
    for (guint bit = 0; bit < nbits; bit++) {
        node = nodes[node].child[addr_bit(addr, bit)];
        if (node == NO_NODE)
            break;
        if (nodes[node].entry != NO_ENTRY)
            best = nodes[node].entry;
    }
    return best;
}

/* ---- the table -------------------------------------------------------- */

static void
range_free(gpointer data)
{
    pexip_range_t *r = (pexip_range_t *)data;
    g_free(r->text);
    g_free(r->label);
    g_free(r);
}

pexip_range_table_t *
pexip_range_table_new(void)
{
    pexip_range_table_t *t = g_new0(pexip_range_table_t, 1);
    trie_init(&t->v4);
    trie_init(&t->v6);
    t->ranges = g_ptr_array_new_with_free_func(range_free);
    return t;
}

void
pexip_range_table_free(pexip_range_table_t *table)
{
    if (!table)
        return;
    g_array_free(table->v4.nodes, TRUE);
    g_array_free(table->v6.nodes, TRUE);
    g_ptr_array_free(table->ranges, TRUE);
    g_free(table);
}

gboolean
pexip_range_table_add(pexip_range_table_t *table, const char *cidr,
                      const char *label, char **err)
{
    pexip_prefix_t prefix;
    if (!pexip_prefix_parse(cidr, &prefix, err))
        return FALSE;

    trie_t *trie = prefix.family == PEXIP_FAMILY_IPV4 ? &table->v4 : &table->v6;
    gint32 index = (gint32)table->ranges->len;
    memset(table->cache, 0, sizeof table->cache);
    if (trie_insert(trie, &prefix, index) != NO_ENTRY)
        return TRUE;    /* duplicate prefix: the first row's label stays */

    pexip_range_t *r = g_new0(pexip_range_t, 1);
    r->prefix = prefix;
    r->text = pexip_prefix_to_str(&prefix);
    r->label = g_strdup(label && *label ? label : r->text);
    g_ptr_array_add(table->ranges, r);
    return TRUE;
}

/* Split one CSV line into at most `max` fields; double quotes group, "" is
 * a literal quote. Returns the number of fields, or -1 on an unclosed
 * quote. Fields are g_malloc'd into out[]. */
static int
csv_split(const char *line, char **out, int max)
{
    int n = 0;
    const char *p = line;
    for (;;) {
        GString *field = g_string_new(NULL);
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '"') {
            p++;
            for (;;) {
                if (*p == '\0') {
                    g_string_free(field, TRUE);
                    for (int i = 0; i < n && i < max; i++) {
                        g_free(out[i]);
                        out[i] = NULL;
                    }
                    return -1;
                }
                if (*p == '"' && p[1] == '"') {
                    g_string_append_c(field, '"');
                    p += 2;
                } else if (*p == '"') {
                    p++;
                    break;
                } else {
                    g_string_append_c(field, *p++);
                }
            }
            while (*p && *p != ',')
                p++;
        } else {
            while (*p && *p != ',')
                g_string_append_c(field, *p++);
        }
        char *text = g_string_free(field, FALSE);
        if (n < max)
            out[n] = g_strstrip(text);
        else
            g_free(text);
        n++;
        if (*p != ',')
            break;
        p++;
    }
    return n < max ? n : max;
}

guint
pexip_range_table_add_csv(pexip_range_table_t *table, const char *csv,
                          const char *origin, GString *errors)
{
    guint added = 0;
    char **lines = g_strsplit(csv ? csv : "", "\n", -1);
    for (guint i = 0; lines[i]; i++) {
        char *line = g_strstrip(lines[i]);
        if (line[0] == '\0' || line[0] == '#')
            continue;
        char *fields[3] = { NULL, NULL, NULL };
        int n = csv_split(line, fields, 3);
        char *err = NULL;
        if (n < 0) {
            err = g_strdup("unclosed double quote");
        } else if (pexip_range_table_add(table, fields[0],
                                         n > 1 ? fields[1] : NULL, &err)) {
            added++;
        }
        if (err && errors)
            g_string_append_printf(errors, "%s line %u: %s\n", origin, i + 1, err);
        g_free(err);
        for (int f = 0; f < 3; f++)
            g_free(fields[f]);
    }
    g_strfreev(lines);
    return added;
}

guint
pexip_range_table_count(const pexip_range_table_t *table)
{
    return table ? table->ranges->len : 0;
}

const pexip_range_t *
pexip_range_table_lookup(const pexip_range_table_t *table, guint8 family,
                         const guint8 *addr)
{
    if (!table)
        return NULL;
    gsize len = family == PEXIP_FAMILY_IPV4 ? 4 : 16;
    guint32 h = family;
    for (gsize i = 0; i < len; i += 4)
        h = (h ^ ((guint32)addr[i] << 24 | (guint32)addr[i + 1] << 16 |
                  (guint32)addr[i + 2] << 8 | addr[i + 3])) * 0x9E3779B1u;
    /* The table is the configuration's; the cache is only a memo of it. */
    lookup_cache_t *c = (lookup_cache_t *)&table->cache[h >> 26];
    gint32 e;
    /* Compared at a constant length, so the compiler inlines it. */
    if (c->family == family && (family == PEXIP_FAMILY_IPV4 ? memcmp(c->addr, addr, 4) == 0
                                                            : memcmp(c->addr, addr, 16) == 0)) {
        e = c->entry;
    } else {
        e = family == PEXIP_FAMILY_IPV4 ? trie_lookup(&table->v4, addr, 32)
                                        : trie_lookup(&table->v6, addr, 128);
        c->family = family;
        memcpy(c->addr, addr, len);
        c->entry = e;
    }
    return e == NO_ENTRY ? NULL : (const pexip_range_t *)g_ptr_array_index(table->ranges, e);
}
