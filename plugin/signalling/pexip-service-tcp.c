/* pexip-service-tcp.c
 * TCP connections from the customer side to service ports (see
 * pexip-service-tcp.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-service-tcp.h"

#include "pexip-endpoint.h"
#include "pexip-connection.h"
#include "pexip-detect-webrtc.h"

static int proto_tcp = -1;
static int proto_pexip = -1;
static wmem_array_t *connections;   /* pexip_reach_t*, in the order first seen */

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
}

void
pexip_service_tcp_cleanup(void)
{
    connections = NULL;
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
    if (!connections || pinfo->ptype != PT_TCP || !(pexip_port_is_sip_tcp(service_port) || pexip_port_is_turn_tcp(service_port)))
        return;
    guint8 family = pexip_address_family(&pinfo->net_src);
    if (!family || pinfo->net_dst.type != pinfo->net_src.type)
        return;
    conversation_t *conv = pexip_conversation_of(pinfo);
    pexip_connection_t *c = pexip_connection_of(conv, to_service);
    if (!c)
        return;
    if (!c->to_service) {
        /* Followed from its first packet to the service. */
        if (!to_service)
            return;
        c->to_service = wmem_new0(wmem_file_scope(), pexip_reach_t);
        pexip_endpoint_set(&c->to_service->where, family, (const guint8 *)pinfo->net_dst.data,
                           service_port, TRUE);
        wmem_array_append_one(connections, c->to_service);
    }
    pexip_endpoint_t other;
    const address *peer = to_service ? &pinfo->net_src : &pinfo->net_dst;
    pexip_endpoint_set(&other, family, (const guint8 *)peer->data,
                       (guint16)(to_service ? pinfo->srcport : pinfo->destport), TRUE);
    pexip_reach_count(c->to_service, to_service, &other, pinfo->num, carried_payload(pinfo));
}

pexip_reach_t **
pexip_service_tcp_all(guint *n)
{
    *n = connections ? wmem_array_get_count(connections) : 0;
    return *n ? (pexip_reach_t **)wmem_array_get_raw(connections) : NULL;
}
