/* pexip-service-tcp.c
 * TCP connections from the customer side to service ports (see
 * pexip-service-tcp.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-service-tcp.h"

#include <string.h>

#include "pexip-endpoint.h"
#include "pexip-connection.h"
#include "pexip-detect-webrtc.h"

static int proto_tcp = -1;
static int proto_pexip = -1;
static wmem_array_t *connections;   /* pexip_reach_t*, in the order first seen */

/* The conversations of the connections seen last, by their ends: a
 * connection carrying media (TURN over TLS) sends many packets in a row,
 * and a conversation lookup costs more than all else here. A slot is used
 * only when its conversation is the one TCP found for this very frame
 * (its last frame is this one): a new connection on the same ports after
 * the old one closed is another conversation, not taken for the old. */
#define CACHE_SLOTS 16
typedef struct {
    conversation_t *conv;
    pexip_reach_t *record;      /* the conversation's record, once it has one */
    pexip_endpoint_t service;
    pexip_endpoint_t peer;
} cache_slot_t;
static cache_slot_t cache[CACHE_SLOTS];

void
pexip_service_tcp_handoff(GArray *wanted_hfids _U_, int proto)
{
    proto_tcp = proto_get_id_by_filter_name("tcp");
    proto_pexip = proto;
}

void
pexip_service_tcp_init(void)
{
    connections = wmem_array_new(wmem_file_scope(), sizeof(pexip_reach_t *));
    memset(cache, 0, sizeof cache);
}

void
pexip_service_tcp_cleanup(void)
{
    connections = NULL;
    memset(cache, 0, sizeof cache);
}

/* The record of the packet's connection: from the cache when it holds
 * the connection's conversation, else from the conversation's data;
 * created on its first packet to the service. NULL for a connection
 * first seen from the service's side. */
static pexip_reach_t *
connection_record(packet_info *pinfo, gboolean to_service, const pexip_endpoint_t *service,
                  const pexip_endpoint_t *peer)
{
    cache_slot_t *slot = &cache[(service->port ^ peer->port ^ peer->addr[3]) % CACHE_SLOTS];
    gboolean hit = slot->conv && slot->conv->last_frame == pinfo->num &&
                   pexip_endpoint_equal(&slot->service, service) &&
                   pexip_endpoint_equal(&slot->peer, peer);
    if (hit && slot->record)
        return slot->record;
    if (!hit) {
        slot->conv = pexip_conversation_of(pinfo);
        slot->record = NULL;
        slot->service = *service;
        slot->peer = *peer;
    }
    pexip_connection_t *c = pexip_connection_of(slot->conv, to_service);
    if (c && !c->to_service && to_service) {
        /* Followed from its first packet to the service. */
        c->to_service = wmem_new0(wmem_file_scope(), pexip_reach_t);
        c->to_service->where = *service;
        wmem_array_append_one(connections, c->to_service);
    }
    slot->record = c ? c->to_service : NULL;
    return slot->record;
}

/* Whether the packet carried anything above TCP: the last protocol
 * Wireshark found, before this post-dissector itself, is not TCP (a bare
 * SYN, SYN-ACK, ACK or reset ends with TCP). Another post-dissector that
 * ran before this one (none does by default) would count as carried:
 * the connection is then never judged, it is not misjudged. */
static gboolean
carried_payload(const packet_info *pinfo)
{
    wmem_list_frame_t *last = wmem_list_tail(pinfo->layers);
    if (last && GPOINTER_TO_INT(wmem_list_frame_data(last)) == proto_pexip)
        last = wmem_list_frame_prev(last);
    return last && GPOINTER_TO_INT(wmem_list_frame_data(last)) != proto_tcp;
}

void
pexip_service_tcp_packet(packet_info *pinfo, gboolean to_service, guint16 service_port)
{
    if (!connections || pinfo->ptype != PT_TCP ||
        !(pexip_port_is_sip_tcp(service_port) || pexip_port_is_turn_tcp(service_port)))
        return;
    guint8 family = pexip_address_family(&pinfo->net_src);
    if (!family || pinfo->net_dst.type != pinfo->net_src.type)
        return;
    const address *service_addr = to_service ? &pinfo->net_dst : &pinfo->net_src;
    const address *peer_addr = to_service ? &pinfo->net_src : &pinfo->net_dst;
    pexip_endpoint_t service, peer;
    pexip_endpoint_set(&service, family, (const guint8 *)service_addr->data, service_port, TRUE);
    pexip_endpoint_set(&peer, family, (const guint8 *)peer_addr->data,
                       (guint16)(to_service ? pinfo->srcport : pinfo->destport), TRUE);
    pexip_reach_t *record = connection_record(pinfo, to_service, &service, &peer);
    if (record)
        pexip_reach_count(record, to_service, &peer, pinfo->num, carried_payload(pinfo));
}

pexip_reach_t **
pexip_service_tcp_all(guint *n)
{
    *n = connections ? wmem_array_get_count(connections) : 0;
    return *n ? (pexip_reach_t **)wmem_array_get_raw(connections) : NULL;
}
