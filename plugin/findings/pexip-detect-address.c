/* pexip-detect-address.c
 * Private, public and rewritten addresses in what a message names (see
 * pexip-detect-address.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-detect-address.h"

#include <string.h>
#include "pexip-ranges.h"

static pexip_address_scope_t
scope4(const guint8 *a)
{
    if (a[0] == 0 || a[0] == 127 || (a[0] == 169 && a[1] == 254) || a[0] >= 224)
        return PEXIP_ADDRESS_OTHER;
    if (a[0] == 10 || (a[0] == 172 && (a[1] & 0xf0) == 16) || (a[0] == 192 && a[1] == 168) ||
        (a[0] == 100 && (a[1] & 0xc0) == 64))
        return PEXIP_ADDRESS_PRIVATE;
    return PEXIP_ADDRESS_PUBLIC;
}

static pexip_address_scope_t
scope6(const guint8 *a)
{
    static const guint8 zero[15];
    if (memcmp(a, zero, 15) == 0)                       /* :: and ::1 */
        return PEXIP_ADDRESS_OTHER;
    if (a[0] == 0xff || (a[0] == 0xfe && (a[1] & 0xc0) == 0x80))  /* multicast, link-local */
        return PEXIP_ADDRESS_OTHER;
    if ((a[0] & 0xfe) == 0xfc)                          /* ULA fc00::/7 */
        return PEXIP_ADDRESS_PRIVATE;
    static const guint8 mapped[12] = { [10] = 0xff, [11] = 0xff };
    if (memcmp(a, mapped, 12) == 0)                     /* ::ffff:a.b.c.d */
        return scope4(a + 12);
    return PEXIP_ADDRESS_PUBLIC;
}

pexip_address_scope_t
pexip_address_scope(guint8 family, const guint8 *addr)
{
    if (family == PEXIP_FAMILY_IPV4)
        return scope4(addr);
    if (family == PEXIP_FAMILY_IPV6)
        return scope6(addr);
    return PEXIP_ADDRESS_OTHER;
}

guint
pexip_detect_private_addresses(guint8 src_family, const guint8 *src,
                               const pexip_named_address_t *addrs, guint n, gboolean *found)
{
    guint count = 0;
    gboolean public_source = pexip_address_scope(src_family, src) == PEXIP_ADDRESS_PUBLIC;
    for (guint i = 0; i < n; i++) {
        found[i] = public_source &&
                   pexip_address_scope(addrs[i].family, addrs[i].addr) == PEXIP_ADDRESS_PRIVATE;
        if (found[i])
            count++;
    }
    return count;
}

gboolean
pexip_detect_partial_rewrite(guint8 src_family, const guint8 *src,
                             const pexip_named_address_t *addrs, guint n,
                             gboolean *rewritten, gboolean *left_private)
{
    guint n_rewritten = 0, n_private = 0;
    gboolean public_source = pexip_address_scope(src_family, src) == PEXIP_ADDRESS_PUBLIC;
    gsize len = src_family == PEXIP_FAMILY_IPV4 ? 4 : 16;
    for (guint i = 0; i < n; i++) {
        rewritten[i] = public_source && addrs[i].family == src_family &&
                       memcmp(addrs[i].addr, src, len) == 0;
        left_private[i] = public_source &&
                          pexip_address_scope(addrs[i].family, addrs[i].addr) == PEXIP_ADDRESS_PRIVATE;
        n_rewritten += rewritten[i] ? 1 : 0;
        n_private += left_private[i] ? 1 : 0;
    }
    return n_rewritten > 0 && n_private > 0;
}

gboolean
pexip_sip_contact_is_senders(gboolean is_request, guint32 status, const char *cseq_method)
{
    if (is_request)
        return TRUE;
    if (status < 100 || status >= 300)
        return FALSE;
    return !cseq_method || strcmp(cseq_method, "REGISTER") != 0;
}
