/* pexip-detect-h323.c
 * Two copies of an H.225.0 or H.245 message compared (see pexip-detect-h323.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-detect-h323.h"

#include <string.h>
#include "pexip-ranges.h"

static gboolean
same_transport_address(const pexip_named_address_t *a, const pexip_named_address_t *b)
{
    return a->family == b->family && a->port == b->port && memcmp(a->addr, b->addr, 16) == 0;
}

pexip_copy_verdict_t
pexip_detect_h323_rewritten(const pexip_h323_addresses_t *earlier,
                            const pexip_h323_addresses_t *later, gboolean *changed)
{
    for (guint i = 0; i < later->count; i++)
        changed[i] = FALSE;
    if (earlier->family != later->family)
        return PEXIP_COPY_OTHER;
    gsize len = later->family == PEXIP_FAMILY_IPV4 ? 4 : 16;
    gboolean same_src = memcmp(earlier->src, later->src, len) == 0;
    gboolean same_dst = memcmp(earlier->dst, later->dst, len) == 0;
    gboolean same_places = earlier->count == later->count;
    guint n_changed = 0;
    for (guint i = 0; same_places && i < later->count; i++) {
        const pexip_named_address_t *a = &earlier->named[i], *b = &later->named[i];
        if (!a->where || !b->where || strcmp(a->where, b->where) != 0)
            same_places = FALSE;
        else if (!same_transport_address(a, b))
            n_changed++;
    }
    if (same_src && same_dst)
        return same_places && n_changed == 0 ? PEXIP_COPY_UNCHANGED : PEXIP_COPY_NEW_MESSAGE;
    if (!same_src && !same_dst)
        return PEXIP_COPY_OTHER;
    if (!same_places)
        return PEXIP_COPY_OTHER;
    if (n_changed == 0)
        return PEXIP_COPY_UNCHANGED;
    for (guint i = 0; i < later->count; i++)
        changed[i] = !same_transport_address(&earlier->named[i], &later->named[i]);
    return PEXIP_COPY_REWRITTEN;
}
