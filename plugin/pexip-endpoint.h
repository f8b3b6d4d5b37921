/* pexip-endpoint.h
 * One key for "this address (and port, and transport)" in hash maps: DNS
 * learned addresses (port 0), media destinations and H.245 connection
 * addresses.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_ENDPOINT_H
#define PEXIP_ENDPOINT_H

#include <string.h>
#include <glib.h>
#include "pexip-ranges.h"

typedef struct {
    guint8 family;      /* PEXIP_FAMILY_IPV4 or PEXIP_FAMILY_IPV6 */
    guint8 tcp;         /* 1: TCP, 0: UDP or no transport */
    guint16 port;       /* 0: the address alone */
    guint8 addr[16];    /* network order; IPv4 in the first 4, rest zero */
} pexip_endpoint_t;

/* Fills every byte (keys are compared with memcmp). */
static inline void
pexip_endpoint_set(pexip_endpoint_t *key, guint8 family, const guint8 *addr, guint16 port,
                   gboolean tcp)
{
    memset(key, 0, sizeof *key);
    key->family = family;
    key->tcp = tcp ? 1 : 0;
    key->port = port;
    memcpy(key->addr, addr, family == PEXIP_FAMILY_IPV4 ? 4 : 16);
}

static inline guint
pexip_endpoint_hash(gconstpointer k)
{
    const pexip_endpoint_t *key = (const pexip_endpoint_t *)k;
    guint h = key->family * 131u + key->tcp * 7u + key->port;
    for (guint i = 0; i < 16; i++)
        h = h * 31u + key->addr[i];
    return h;
}

static inline gboolean
pexip_endpoint_equal(gconstpointer a, gconstpointer b)
{
    return memcmp(a, b, sizeof(pexip_endpoint_t)) == 0;
}

#endif /* PEXIP_ENDPOINT_H */
