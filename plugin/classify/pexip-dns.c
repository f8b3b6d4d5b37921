/* pexip-dns.c
 * Service addresses learned from DNS (see pexip-dns.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-dns.h"
#include "pexip-endpoint.h"

#include <string.h>
#include <epan/wmem_scopes.h>

#include "pexip-ranges.h"

struct pexip_dns_suffixes {
    GPtrArray *names;   /* lower-case, no leading "*." or trailing "." */
};

static gboolean
valid_domain(const char *name)
{
    if (!*name || strlen(name) > 253)
        return FALSE;
    for (const char *p = name; *p; p++) {
        if (!g_ascii_isalnum(*p) && *p != '-' && *p != '.' && *p != '_')
            return FALSE;
    }
    return name[0] != '.' && !strstr(name, "..");
}

pexip_dns_suffixes_t *
pexip_dns_suffixes_parse(const char *text, char **err)
{
    if (err)
        *err = NULL;
    pexip_dns_suffixes_t *s = g_new0(pexip_dns_suffixes_t, 1);
    s->names = g_ptr_array_new_with_free_func(g_free);

    GString *bad = NULL;
    char **parts = g_strsplit_set(text ? text : "", ",; \t\r\n", -1);
    for (guint i = 0; parts[i]; i++) {
        char *name = g_ascii_strdown(parts[i], -1);
        char *start = name;
        if (g_str_has_prefix(start, "*."))
            start += 2;
        gsize len = strlen(start);
        if (len > 0 && start[len - 1] == '.')
            start[len - 1] = '\0';
        if (start[0] == '\0' && parts[i][0] == '\0') {
            g_free(name);
            continue;
        }
        if (!valid_domain(start)) {
            if (!bad)
                bad = g_string_new(NULL);
            g_string_append_printf(bad, "%s\"%s\"", bad->len ? ", " : "", parts[i]);
            g_free(name);
            continue;
        }
        g_ptr_array_add(s->names, g_strdup(start));
        g_free(name);
    }
    g_strfreev(parts);
    if (bad) {
        if (err)
            *err = g_strdup_printf("%s %s not a domain name (expected e.g. "
                                   "pexip.me or *.vmr.vc) and left out",
                                   bad->str, strchr(bad->str, ',') ? "are" : "is");
        g_string_free(bad, TRUE);
    }
    return s;
}

void
pexip_dns_suffixes_free(pexip_dns_suffixes_t *suffixes)
{
    if (!suffixes)
        return;
    g_ptr_array_free(suffixes->names, TRUE);
    g_free(suffixes);
}

gboolean
pexip_dns_name_matches(const pexip_dns_suffixes_t *suffixes, const char *name)
{
    if (!suffixes || !name || suffixes->names->len == 0)
        return FALSE;
    gsize len = strlen(name);
    if (len > 0 && name[len - 1] == '.')
        len--;
    for (guint i = 0; i < suffixes->names->len; i++) {
        const char *suffix = (const char *)g_ptr_array_index(suffixes->names, i);
        gsize slen = strlen(suffix);
        if (len < slen)
            continue;
        if (g_ascii_strncasecmp(name + len - slen, suffix, slen) != 0)
            continue;
        if (len == slen || name[len - slen - 1] == '.')
            return TRUE;
    }
    return FALSE;
}

/* ---- learned addresses ------------------------------------------------ */

/* pexip_endpoint_t* (port 0) -> pexip_learned_addr_t*; emptied with the
 * capture file. */
static wmem_map_t *learned;

/* Addresses last looked up that the map does not hold (the customer's
 * side of most packets, asked about on every one of them), in front of
 * the map while it holds any: the same answer without hashing through
 * function pointers. Only ever "not learned": adding an address drops
 * them all, and a map emptied with its file makes none of them wrong. */
#define NOT_LEARNED_SLOTS 4
static struct {
    guint8 family;              /* 0: empty */
    guint8 addr[16];
} not_learned[NOT_LEARNED_SLOTS];

void
pexip_learned_register(void)
{
    if (!learned)
        learned = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(),
                                         pexip_endpoint_hash, pexip_endpoint_equal);
}

void
pexip_learned_add(guint8 family, const guint8 *addr, guint32 frame,
                  const char *name)
{
    if (!learned)
        return;
    memset(not_learned, 0, sizeof not_learned);
    pexip_endpoint_t key;
    pexip_endpoint_set(&key, family, addr, 0, FALSE);
    pexip_learned_addr_t *entry = (pexip_learned_addr_t *)wmem_map_lookup(learned, &key);
    if (entry) {
        if (frame < entry->frame) {
            entry->frame = frame;
            entry->name = wmem_strdup(wmem_file_scope(), name);
        }
        return;
    }
    pexip_endpoint_t *stored = wmem_new(wmem_file_scope(), pexip_endpoint_t);
    *stored = key;
    entry = wmem_new(wmem_file_scope(), pexip_learned_addr_t);
    entry->frame = frame;
    entry->name = wmem_strdup(wmem_file_scope(), name);
    wmem_map_insert(learned, stored, entry);
}

const pexip_learned_addr_t *
pexip_learned_lookup(guint8 family, const guint8 *addr, guint32 frame)
{
    if (!learned || wmem_map_size(learned) == 0)
        return NULL;
    gsize len = family == PEXIP_FAMILY_IPV4 ? 4 : 16;
    guint slot = addr[len - 1] % NOT_LEARNED_SLOTS;
    if (not_learned[slot].family == family && memcmp(not_learned[slot].addr, addr, len) == 0)
        return NULL;
    pexip_endpoint_t key;
    pexip_endpoint_set(&key, family, addr, 0, FALSE);
    const pexip_learned_addr_t *entry =
        (const pexip_learned_addr_t *)wmem_map_lookup(learned, &key);
    if (!entry) {
        not_learned[slot].family = family;
        memcpy(not_learned[slot].addr, addr, len);
    }
    return entry && entry->frame <= frame ? entry : NULL;
}
