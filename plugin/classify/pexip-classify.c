/* pexip-classify.c
 * Which side of a packet is the service's, and what Wireshark found in
 * it (see pexip-classify.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-classify.h"

#include "pexip-config.h"
#include "pexip-endpoint.h"

/* The protocols whose presence decides pexip.port_class and which readers
 * run: each one's id (looked up at handoff) and its PEXIP_SEEN_* flag. */
static struct {
    const char *filter_name;
    guint flag;
    int id;
} layers[] = {
    { "rtp",      PEXIP_SEEN_RTP,       -1 },
    { "rtcp",     PEXIP_SEEN_RTCP,      -1 },
    { "bfcp",     PEXIP_SEEN_BFCP,      -1 },
    { "stun",     PEXIP_SEEN_STUN,      -1 },
    { "dns",      PEXIP_SEEN_DNS,       -1 },
    { "t38",      PEXIP_SEEN_T38,       -1 },
    { "tls",      PEXIP_SEEN_TLS,       -1 },
    { "sip",      PEXIP_SEEN_SIP,       -1 },
    { "icmp",     PEXIP_SEEN_ICMP,      -1 },
    { "icmpv6",   PEXIP_SEEN_ICMP,      -1 },
    { "h225",     PEXIP_SEEN_H225,      -1 },
    { "h245",     PEXIP_SEEN_H245,      -1 },
    { "rtpevent", PEXIP_SEEN_RTP_EVENT, -1 },
};

void
pexip_classify_handoff(GArray *wanted_hfids _U_)
{
    for (guint i = 0; i < G_N_ELEMENTS(layers); i++)
        layers[i].id = proto_get_id_by_filter_name(layers[i].filter_name);
}

gboolean
pexip_match_service(guint8 family, const address *addr, guint32 frame,
                    pexip_service_match_t *match)
{
    const guint8 *bytes = (const guint8 *)addr->data;
    match->range = pexip_range_table_lookup(pexip_config_ranges(), family, bytes);
    match->learned = match->range ? NULL : pexip_learned_lookup(family, bytes, frame);
    return match->range || match->learned;
}

gboolean
pexip_is_service_address(guint8 family, const guint8 *bytes, guint32 frame)
{
    address addr;
    pexip_address_set(&addr, family, bytes);
    pexip_service_match_t match;
    return pexip_match_service(family, &addr, frame, &match);
}

guint
pexip_protocols_seen(const packet_info *pinfo)
{
    guint seen = 0;
    for (wmem_list_frame_t *f = wmem_list_head(pinfo->layers); f; f = wmem_list_frame_next(f)) {
        int id = GPOINTER_TO_INT(wmem_list_frame_data(f));
        for (guint i = 0; i < G_N_ELEMENTS(layers); i++) {
            if (id == layers[i].id) {
                seen |= layers[i].flag;
                break;
            }
        }
    }
    return seen;
}

pexip_transport_t
pexip_packet_transport(const packet_info *pinfo)
{
    switch (pinfo->ptype) {
    case PT_UDP: return PEXIP_TRANSPORT_UDP;
    case PT_TCP: return PEXIP_TRANSPORT_TCP;
    default:     return PEXIP_TRANSPORT_OTHER;
    }
}
