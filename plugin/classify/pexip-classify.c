/* pexip-classify.c
 * Which side of a packet is the service's, and what Wireshark found in
 * it (see pexip-classify.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-classify.h"

#include <string.h>

#include "pexip-config.h"
#include "pexip-endpoint.h"

/* The protocols whose presence decides pexip.port_class and which readers
 * run, and their PEXIP_SEEN_* flags. */
static const struct {
    const char *filter_name;
    guint flag;
} layers[] = {
    { "rtp",      PEXIP_SEEN_RTP },
    { "rtcp",     PEXIP_SEEN_RTCP },
    { "bfcp",     PEXIP_SEEN_BFCP },
    { "stun",     PEXIP_SEEN_STUN },
    { "dns",      PEXIP_SEEN_DNS },
    { "t38",      PEXIP_SEEN_T38 },
    { "tls",      PEXIP_SEEN_TLS },
    { "sip",      PEXIP_SEEN_SIP },
    { "icmp",     PEXIP_SEEN_ICMP },
    { "icmpv6",   PEXIP_SEEN_ICMP },
    { "h225",     PEXIP_SEEN_H225 },
    { "h245",     PEXIP_SEEN_H245 },
    { "rtpevent", PEXIP_SEEN_RTP_EVENT },
};

/* Their protocol ids, hashed into a small open-addressed table: every
 * layer of every service packet is looked up here, most of them (frame,
 * eth, ip, udp) in vain, so a miss must cost a multiply and a compare or
 * two. */
#define SEEN_SLOTS 64
static struct {
    int key;            /* the protocol id + 1; 0: empty */
    guint flag;
} seen_slots[SEEN_SLOTS];

static guint
seen_slot(int id)
{
    return ((guint)id * 2654435761u) >> 26;     /* 6 bits: SEEN_SLOTS */
}

void
pexip_classify_handoff(GArray *wanted_hfids _U_)
{
    memset(seen_slots, 0, sizeof seen_slots);
    for (guint i = 0; i < G_N_ELEMENTS(layers); i++) {
        int id = proto_get_id_by_filter_name(layers[i].filter_name);
        if (id < 0)
            continue;
        guint s = seen_slot(id);
        while (seen_slots[s].key)
            s = (s + 1) % SEEN_SLOTS;
        seen_slots[s].key = id + 1;
        seen_slots[s].flag = layers[i].flag;
    }
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
        for (guint s = seen_slot(id); seen_slots[s].key; s = (s + 1) % SEEN_SLOTS) {
            if (seen_slots[s].key == id + 1) {
                seen |= seen_slots[s].flag;
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
