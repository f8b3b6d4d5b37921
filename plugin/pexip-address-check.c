/* pexip-address-check.c
 * NAT and ALG traces in a message's addresses (see pexip-address-check.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-address-check.h"

#include <string.h>
#include "pexip-endpoint.h"

/* "Via 10.0.0.5, Contact 10.0.0.5, SDP c= 10.0.0.5" (with_address) or
 * "Via, Contact": each place once, those marked in which[]. */
static char *
places_text(const pexip_named_address_t *named, guint n, const gboolean *which,
            gboolean with_address)
{
    GString *places = g_string_new(NULL);
    for (guint i = 0; i < n; i++) {
        if (!which[i] || strstr(places->str, named[i].where))
            continue;
        g_string_append_printf(places, "%s%s", places->len ? ", " : "", named[i].where);
        if (with_address)
            g_string_append_printf(places, " %s",
                                   pexip_address_to_str(wmem_packet_scope(), named[i].family,
                                                        named[i].addr, 0));
    }
    char *text = wmem_strdup(wmem_packet_scope(), places->str);
    g_string_free(places, TRUE);
    return text;
}

gboolean
pexip_message_from_service(const packet_info *pinfo)
{
    if (pinfo->net_src.type != AT_IPv4 && pinfo->net_src.type != AT_IPv6)
        return FALSE;
    return pexip_calls_is_service(pinfo->net_src.type == AT_IPv4 ? PEXIP_FAMILY_IPV4
                                                                 : PEXIP_FAMILY_IPV6,
                                  (const guint8 *)pinfo->net_src.data, pinfo->num);
}

void
pexip_check_named_addresses(packet_info *pinfo, pexip_signaling_t signaling,
                            const pexip_named_address_t *named, guint n, pexip_call_t *call,
                            pexip_signalling_frame_t *out)
{
    gboolean h323 = signaling == PEXIP_SIGNALING_H323;
    pexip_finding_kind_t alg = h323 ? PEXIP_FINDING_H323_ADDRESS : PEXIP_FINDING_PARTIAL_REWRITE;
    if (!call || n == 0 ||
        (pexip_call_finding_shown(call, PEXIP_FINDING_PRIVATE_ADDRESS) &&
         pexip_call_finding_shown(call, alg)) ||
        (pinfo->net_src.type != AT_IPv4 && pinfo->net_src.type != AT_IPv6))
        return;
    guint8 src_family = pinfo->net_src.type == AT_IPv4 ? PEXIP_FAMILY_IPV4 : PEXIP_FAMILY_IPV6;
    const guint8 *src = (const guint8 *)pinfo->net_src.data;
    const char *src_text = pexip_address_to_str(wmem_packet_scope(), src_family, src, 0);
    gboolean *rewritten = wmem_alloc_array(wmem_packet_scope(), gboolean, n);
    gboolean *found = wmem_alloc_array(wmem_packet_scope(), gboolean, n);
    /* A message some ALG partly rewrote to the source address is the
     * ALG's finding only: its private leftovers are not also NAT without
     * fix-up (even when the call has shown the ALG finding already). */
    if (pexip_detect_partial_rewrite(src_family, src, named, n, rewritten, found)) {
        if (pexip_call_finding_shown(call, alg))
            return;
        const char *text = wmem_strdup_printf(
            wmem_file_scope(),
            "From public %s: %s rewritten to it but %s left private: %s ALG rewrote "
            "part of the message. Turn off %s ALG/inspection on the firewall%s",
            src_text, places_text(named, n, rewritten, FALSE), places_text(named, n, found, TRUE),
            h323 ? "an H.323" : "a SIP", h323 ? "H.323" : "SIP",
            h323 ? "" : "; let the SBC do NAT");
        pexip_signalling_frame_add_finding(out, call, alg, text);
        return;
    }
    if (pexip_call_finding_shown(call, PEXIP_FINDING_PRIVATE_ADDRESS) ||
        pexip_detect_private_addresses(src_family, src, named, n, found) == 0)
        return;
    const char *text = wmem_strdup_printf(
        wmem_file_scope(),
        h323 ? "From public %s but private %s: NAT with nothing fixing up H.323. Give the "
               "device its public (NAT) address, or the far end must latch"
             : "From public %s but private %s: NAT with nothing fixing up SIP. Give the SBC its "
               "public address for signalling and media, or the far end must latch",
        src_text, places_text(named, n, found, TRUE));
    pexip_signalling_frame_add_finding(out, call, PEXIP_FINDING_PRIVATE_ADDRESS, text);
}
