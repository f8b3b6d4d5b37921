/* pexip-address-check.c
 * NAT and ALG traces in a message's addresses (see pexip-address-check.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-address-check.h"

#include <string.h>
#include "pexip-endpoint.h"
#include "pexip-copies.h"
#include "pexip-detect-address.h"
#include "pexip-detect-h323.h"
#include "pexip-findings-store.h"

/* "Via 10.0.0.5, Contact 10.0.0.5, SDP c= 10.0.0.5" (with_address) or
 * "Via, Contact": each place once, those marked in which[]. */
static char *
places_text(wmem_allocator_t *pool, const pexip_named_address_t *named, guint n,
            const gboolean *which, gboolean with_address)
{
    GString *places = g_string_new(NULL);
    for (guint i = 0; i < n; i++) {
        if (!which[i] || strstr(places->str, named[i].where))
            continue;
        g_string_append_printf(places, "%s%s", places->len ? ", " : "", named[i].where);
        if (with_address)
            g_string_append_printf(places, " %s",
                                   pexip_address_to_str(pool, named[i].family,
                                                        named[i].addr, 0));
    }
    char *text = wmem_strdup(pool, places->str);
    g_string_free(places, TRUE);
    return text;
}

gboolean
pexip_message_from_service(const packet_info *pinfo)
{
    guint8 family = pexip_address_family(&pinfo->net_src);
    return family && pexip_calls_is_service(family, (const guint8 *)pinfo->net_src.data,
                                            pinfo->num);
}

/* The partial-rewrite finding of a signalling family. */
static pexip_finding_kind_t
alg_finding(pexip_signaling_t signaling)
{
    return signaling == PEXIP_SIGNALING_H323 ? PEXIP_FINDING_H323_ADDRESS
                                             : PEXIP_FINDING_PARTIAL_REWRITE;
}

gboolean
pexip_named_addresses_check_due(pexip_signaling_t signaling, const pexip_call_t *call)
{
    return !pexip_findings_shown(PEXIP_FINDING_PRIVATE_ADDRESS, call) ||
           !pexip_findings_shown(alg_finding(signaling), call);
}

void
pexip_check_named_addresses(packet_info *pinfo, pexip_signaling_t signaling,
                            const pexip_named_address_t *named, guint n,
                            const pexip_call_t *call)
{
    gboolean h323 = signaling == PEXIP_SIGNALING_H323;
    pexip_finding_kind_t alg = alg_finding(signaling);
    guint8 src_family = pexip_address_family(&pinfo->net_src);
    if (!call || n == 0 || !pexip_named_addresses_check_due(signaling, call) || !src_family)
        return;
    const guint8 *src = (const guint8 *)pinfo->net_src.data;
    gboolean *rewritten = wmem_alloc_array(pinfo->pool, gboolean, n);
    gboolean *found = wmem_alloc_array(pinfo->pool, gboolean, n);
    /* A message some ALG partly rewrote to the source address is the
     * ALG's finding only: its private leftovers are not also NAT without
     * fix-up (even when the call has shown the ALG finding already). */
    if (pexip_detect_partial_rewrite(src_family, src, named, n, rewritten, found)) {
        if (pexip_findings_shown(alg, call))
            return;
        const char *text = wmem_strdup_printf(
            wmem_file_scope(),
            "From public %s: %s rewritten to it but %s left private: %s ALG rewrote "
            "part of the message. %s",
            pexip_address_to_str(pinfo->pool, src_family, src, 0), places_text(pinfo->pool, named, n, rewritten, FALSE),
            places_text(pinfo->pool, named, n, found, TRUE),
            h323 ? "an H.323" : "a SIP", pexip_findings[alg].advice);
        pexip_findings_add(pinfo->num, alg, call, call, text);
        return;
    }
    if (pexip_findings_shown(PEXIP_FINDING_PRIVATE_ADDRESS, call) ||
        pexip_detect_private_addresses(src_family, src, named, n, found) == 0)
        return;
    const char *text = wmem_strdup_printf(
        wmem_file_scope(),
        h323 ? "From public %s but private %s: NAT with nothing fixing up H.323. Give the "
               "device its public (NAT) address, or the far end must latch"
             : "From public %s but private %s: NAT with nothing fixing up SIP. Give the SBC its "
               "public address for signalling and media, or the far end must latch",
        pexip_address_to_str(pinfo->pool, src_family, src, 0),
        places_text(pinfo->pool, named, n, found, TRUE));
    pexip_findings_add(pinfo->num, PEXIP_FINDING_PRIVATE_ADDRESS, call, call, text);
}

const pexip_message_copies_t *
pexip_check_h323_copies(packet_info *pinfo, const char *message, guint32 number,
                        gboolean channel, const pexip_named_address_t *named, guint n,
                        const pexip_call_t *call, pexip_signalling_frame_t *out)
{
    const address *src = &pinfo->net_src, *dst = &pinfo->net_dst;
    if (!call || src->type != dst->type || (src->type != AT_IPv4 && src->type != AT_IPv6))
        return NULL;
    const char *identity = pexip_h323_identity(pinfo->pool, call->call_id, message,
                                               number, pexip_message_from_service(pinfo));
    pexip_h323_addresses_t here;
    memset(&here, 0, sizeof here);
    here.family = pexip_address_family(src);
    memcpy(here.src, src->data, (size_t)src->len);
    memcpy(here.dst, dst->data, (size_t)dst->len);
    here.count = n;
    here.named = named;
    gconstpointer first_said;
    pexip_message_copies_t *copies = pexip_copies_see(identity, &here, &pexip_h323_addresses_kind,
                                                      pinfo->num, &first_said);
    if (!copies)
        return NULL;
    const pexip_h323_addresses_t *first = (const pexip_h323_addresses_t *)first_said;
    gboolean *changed = wmem_alloc0_array(pinfo->pool, gboolean, n ? n : 1);
    switch (first ? pexip_detect_h323_rewritten(first, &here, changed) : PEXIP_COPY_NEW_MESSAGE) {
    case PEXIP_COPY_NEW_MESSAGE:
        if (first)
            copies = pexip_copies_restart(identity, &here, &pexip_h323_addresses_kind, pinfo->num);
        pexip_copies_first(copies, pinfo->num, out);
        return copies;
    case PEXIP_COPY_REWRITTEN:
        break;
    default:
        return copies;
    }
    pexip_copies_rewritten(copies, pinfo->num, out);
    if (pexip_findings_shown(PEXIP_FINDING_REWRITTEN, call))
        return copies;
    /* What changed, and the first change's values there and here. */
    guint i = 0;
    while (i < n && !changed[i])
        i++;
    if (i == n)
        return copies;
    wmem_allocator_t *ps = pinfo->pool;
    const char *text = wmem_strdup_printf(
        wmem_file_scope(),
        "%s%s also in frame %u with other %s (%s there, %s here): an H.323 ALG rewrote it on "
        "the way. " PEXIP_ADVICE_H323_FIXUP,
        message, channel ? wmem_strdup_printf(ps, " %u", number) : "", copies->first_frame,
        places_text(ps, named, n, changed, FALSE),
        pexip_address_to_str(ps, first->named[i].family, first->named[i].addr,
                             first->named[i].port),
        pexip_address_to_str(ps, named[i].family, named[i].addr, named[i].port));
    pexip_findings_add(pinfo->num, PEXIP_FINDING_REWRITTEN, call, call, text);
    return copies;
}
