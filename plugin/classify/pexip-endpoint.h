/* pexip-endpoint.h
 * One key for "this address (and port, and transport)" in hash maps: DNS
 * learned addresses (port 0), media destinations and H.245 connection
 * addresses; and addresses to and from text.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_ENDPOINT_H
#define PEXIP_ENDPOINT_H

#include <string.h>
#include <glib.h>
#include <epan/wmem_scopes.h>
#include <wsutil/inet_addr.h>
#include <epan/address.h>
#include "pexip-ranges.h"

typedef struct {
    guint8 family;      /* PEXIP_FAMILY_IPV4 or PEXIP_FAMILY_IPV6 */
    guint8 tcp;         /* 1: TCP, 0: UDP or no transport */
    guint16 port;       /* 0: the address alone */
    guint8 addr[16];    /* network order; IPv4 in the first 4, rest zero */
} pexip_endpoint_t;

/* The family of a Wireshark address: PEXIP_FAMILY_IPV4 or _IPV6, 0 for
 * any other type. */
static inline guint8
pexip_address_family(const address *a)
{
    return a->type == AT_IPv4 ? PEXIP_FAMILY_IPV4 : a->type == AT_IPv6 ? PEXIP_FAMILY_IPV6 : 0;
}

/* A Wireshark address over the bytes of a family's address (not copied). */
static inline void
pexip_address_set(address *a, guint8 family, const guint8 *bytes)
{
    set_address(a, family == PEXIP_FAMILY_IPV4 ? AT_IPv4 : AT_IPv6,
                family == PEXIP_FAMILY_IPV4 ? 4 : 16, bytes);
}

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
    /* Four bytes at a time (looked up on every media packet). */
    guint32 h = (guint32)key->family * 131u + (guint32)key->tcp * 7u + key->port;
    for (guint i = 0; i < 16; i += 4) {
        guint32 w;
        memcpy(&w, key->addr + i, 4);
        h = (h ^ w) * 0x9E3779B1u;
    }
    return h ^ (h >> 15);
}

static inline gboolean
pexip_endpoint_equal(gconstpointer a, gconstpointer b)
{
    return memcmp(a, b, sizeof(pexip_endpoint_t)) == 0;
}

/* An IPv4 or IPv6 literal into family and addr (network order, unused
 * bytes zero). FALSE when text is neither. */
static inline gboolean
pexip_address_parse(const char *text, guint8 *family, guint8 addr[16])
{
    ws_in6_addr a6;
    if (!text)
        return FALSE;
    /* Dotted-quad IPv4 read here (every SDP and Via address is one, and
     * inet_pton costs several times more): four decimal octets, no
     * leading zeros, nothing after, as inet_pton accepts. */
    guint8 v4[4];
    const char *p = text;
    guint part = 0;
    for (; part < 4; part++) {
        if (!g_ascii_isdigit(*p) || (*p == '0' && g_ascii_isdigit(p[1])))
            break;
        guint value = 0, digits = 0;
        while (g_ascii_isdigit(*p) && digits < 4) {
            value = value * 10 + (guint)(*p++ - '0');
            digits++;
        }
        if (value > 255 || digits > 3)
            break;
        v4[part] = (guint8)value;
        if (part < 3) {
            if (*p != '.')
                break;
            p++;
        }
    }
    if (part == 4 && *p == '\0') {
        *family = PEXIP_FAMILY_IPV4;
        memset(addr, 0, 16);
        memcpy(addr, v4, 4);
        return TRUE;
    }
    if (ws_inet_pton6(text, &a6)) {
        *family = PEXIP_FAMILY_IPV6;
        memcpy(addr, a6.bytes, 16);
        return TRUE;
    }
    return FALSE;
}

/* "192.0.2.1" and "2001:db8::1", or with a port "192.0.2.1:5060" and
 * "[2001:db8::1]:5060" (port 0: the address alone), in scope. */
static inline char *
pexip_address_to_str(wmem_allocator_t *scope, guint8 family, const guint8 *addr, guint16 port)
{
    char text[WS_INET6_ADDRSTRLEN];
    if (family == PEXIP_FAMILY_IPV4)
        ws_inet_ntop4(addr, text, sizeof text);
    else
        ws_inet_ntop6(addr, text, sizeof text);
    if (port == 0)
        return wmem_strdup(scope, text);
    return wmem_strdup_printf(scope, family == PEXIP_FAMILY_IPV4 ? "%s:%u" : "[%s]:%u", text, port);
}

#endif /* PEXIP_ENDPOINT_H */
