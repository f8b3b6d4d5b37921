/* pexip-h323.c
 * H.225.0 into the call model (see pexip-h323.h).
 *
 * Each H.225.0 message is the `h225` protocol item; its callIdentifier is
 * the `h225.guid` inside its byte range (the same pairing as for SIP).
 * Messages without one (an empty Facility carrying tunnelled H.245, some
 * Information messages) fall back to the conferenceID, which Setup also
 * carries (remembered for its call), then to the call last seen on the
 * same TCP connection.
 *
 * Each message's call then takes what the message announces: its
 * h245Address (where the H.245 connection goes), its tunnelled H.245 and
 * FastStart channels (pexip-h245.c), and for a Setup how the device
 * dialled (destinationAddress aliases, destCallSignalAddress).
 *
 * A message seen twice (two capture points) is compared with its first
 * copy (pexip.alg.rewritten): the same call, h323-message-body choice and
 * Q.931 call reference (read from the bytes of the Q.931 header before
 * the message), and the transport addresses it embeds.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-h323.h"

#include <string.h>
#include <epan/to_str.h>
#include <epan/conversation.h>
#include <epan/dissectors/packet-tcp.h>
#include "pexip-compat.h"
#include "pexip-fields.h"
#include "pexip-h245.h"
#include "pexip-endpoint.h"
#include "pexip-ranges.h"
#include "pexip-address-check.h"
#include "pexip-connection.h"

static int hf_h225 = -1;
static int hf_h225_guid = -1;
static int hf_h225_conference_id = -1;
static int hf_h245_address = -1;
static int hf_h245_ip4 = -1;
static int hf_h245_port4 = -1;
static int hf_h245_ip6 = -1;
static int hf_h245_port6 = -1;
static int hf_message_body = -1;    /* the h323-message-body choice */
static int hf_source_signal_address = -1;
static int hf_call_ref = -1;        /* q931.call_ref: where the call reference is */
static int hf_destination_address = -1;
static int hf_dest_signal_address = -1;
static int hf_ip4 = -1;
static int hf_port4 = -1;
static int hf_ip6 = -1;
static int hf_port6 = -1;
/* The alias kinds of destinationAddress read as dialled strings. */
static int hf_dialled_digits = -1;
static int hf_h323_id = -1;
static int hf_url_id = -1;
static int hf_email_id = -1;

void
pexip_h323_handoff(GArray *wanted_hfids)
{
    hf_h225 = pexip_want_field(wanted_hfids, "h225");
    hf_h225_guid = pexip_want_field(wanted_hfids, "h225.guid");
    hf_h225_conference_id = pexip_want_field(wanted_hfids, "h225.conferenceID");
    hf_h245_address = pexip_want_field(wanted_hfids, "h225.h245Address");
    hf_h245_ip4 = pexip_want_field(wanted_hfids, "h225.h245Ip");
    hf_h245_port4 = pexip_want_field(wanted_hfids, "h225.h245IpPort");
    hf_h245_ip6 = pexip_want_field(wanted_hfids, "h225.h245Ip6");
    hf_h245_port6 = pexip_want_field(wanted_hfids, "h225.h245Ip6port");
    hf_message_body = pexip_want_field(wanted_hfids, "h225.h323_message_body");
    hf_source_signal_address = pexip_want_field(wanted_hfids, "h225.sourceCallSignalAddress");
    hf_call_ref = pexip_want_field(wanted_hfids, "q931.call_ref");
    hf_destination_address = pexip_want_field(wanted_hfids, "h225.destinationAddress");
    hf_dest_signal_address = pexip_want_field(wanted_hfids, "h225.destCallSignalAddress");
    hf_ip4 = pexip_want_field(wanted_hfids, "h225.ipV4");
    hf_port4 = pexip_want_field(wanted_hfids, "h225.ipV4_port");
    hf_ip6 = pexip_want_field(wanted_hfids, "h225.ipV6");
    hf_port6 = pexip_want_field(wanted_hfids, "h225.ipV6_port");
    hf_dialled_digits = pexip_want_field(wanted_hfids, "h225.dialledDigits");
    hf_h323_id = pexip_want_field(wanted_hfids, "h225.h323_ID");
    hf_url_id = pexip_want_field(wanted_hfids, "h225.url_ID");
    hf_email_id = pexip_want_field(wanted_hfids, "h225.email_ID");
}

/* The first GUID of field hf below msg, as text (packet scope), or NULL;
 * *present tells whether there was one at all (all-zero or not). */
static const char *
guid_below(wmem_allocator_t *pool, proto_node *msg, int hf, gboolean *present)
{
    proto_node *node = pexip_node_find(msg, hf);
    if (present)
        *present = node != NULL;
    if (!node)
        return NULL;
    const e_guid_t *guid = fvalue_get_guid(PEXIP_FINFO_FVALUE(PNODE_FINFO(node)));
    static const e_guid_t zero;
    /* An all-zero GUID (older endpoints) identifies nothing. */
    if (!guid || memcmp(guid, &zero, sizeof zero) == 0)
        return NULL;
    return guid_to_str(pool, guid);
}

/* h323-message-body alternatives (H323-MESSAGES), by choice index. */
static const char *const message_names[] = {
    "H.225 Setup", "H.225 CallProceeding", "H.225 Connect", "H.225 Alerting",
    "H.225 Information", "H.225 ReleaseComplete", "H.225 Facility", "H.225 Progress",
    "H.225 Empty", "H.225 Status", "H.225 StatusInquiry", "H.225 SetupAcknowledge",
    "H.225 Notify"
};
#define BODY_SETUP 0
#define BODY_CONNECT 2
#define BODY_RELEASE_COMPLETE 5

/* Add the transport address below item (fields of H.225.0 or of its
 * h245Address) to named as where. */
static gboolean
name_transport_address(proto_node *item, gboolean h245, const char *where,
                       pexip_named_address_t *named, guint *n)
{
    pexip_named_address_t *a = &named[*n];
    if (!item || !(h245 ? pexip_node_transport_address(item, hf_h245_ip4, hf_h245_port4,
                                                       hf_h245_ip6, hf_h245_port6, &a->family,
                                                       a->addr, &a->port)
                        : pexip_node_transport_address(item, hf_ip4, hf_port4, hf_ip6, hf_port6,
                                                       &a->family, a->addr, &a->port)))
        return FALSE;
    a->where = where;
    (*n)++;
    return TRUE;
}

/* The message's h245Address (kept for the H.245 connection) and
 * sourceCallSignalAddress, the addresses it names for the peer (the
 * first *for_peer of named), then its destCallSignalAddress. */
static guint
read_addresses(packet_info *pinfo, proto_node *msg, pexip_call_t *call,
               pexip_named_address_t named[3], guint *for_peer)
{
    guint n = 0;
    if (name_transport_address(pexip_node_find(msg, hf_h245_address), TRUE, "h245Address",
                               named, &n))
        pexip_h245_address_add(call, named[0].family, named[0].addr, named[0].port, pinfo->num);
    name_transport_address(pexip_node_find(msg, hf_source_signal_address), FALSE,
                           "sourceCallSignalAddress", named, &n);
    *for_peer = n;
    name_transport_address(pexip_node_find(msg, hf_dest_signal_address), FALSE,
                           "destCallSignalAddress", named, &n);
    return n;
}

/* The Q.931 call reference of the H.225.0 message msg, its flag in the
 * top bit (as sent), read from the bytes of the q931.call_ref item
 * nearest before msg in its data source (Wireshark's item holds the value
 * without the flag); G_MAXUINT32 when there is none (RAS) or it is
 * longer than 2 octets (H.225.0 uses 2). */
static guint32
call_reference(proto_tree *tree, proto_node *msg)
{
    const field_info *m = PNODE_FINFO(msg);
    GPtrArray *refs = m && hf_call_ref > 0 ? proto_get_finfo_ptr_array(tree, hf_call_ref) : NULL;
    const field_info *ref = NULL;
    for (guint i = 0; refs && i < refs->len; i++) {
        const field_info *fi = (const field_info *)g_ptr_array_index(refs, i);
        if (fi->ds_tvb == m->ds_tvb && fi->start <= m->start && (!ref || fi->start > ref->start))
            ref = fi;
    }
    if (!ref || ref->length < 1 || ref->length > 2 ||
        !tvb_bytes_exist(ref->ds_tvb, ref->start, ref->length))
        return G_MAXUINT32;
    return ref->length == 1 ? tvb_get_uint8(ref->ds_tvb, ref->start)
                            : tvb_get_ntohs(ref->ds_tvb, ref->start);
}

/* One AliasAddress of the destination, if it is a kind read as dialled. */
static void
read_alias(packet_info *pinfo, proto_node *node, pexip_call_t *call)
{
    static int *const alias_fields[] = { &hf_dialled_digits, &hf_h323_id, &hf_url_id,
                                         &hf_email_id };
    for (guint f = 0; f < G_N_ELEMENTS(alias_fields); f++) {
        proto_node *alias = PNODE_FINFO(node) && pexip_item_is(PNODE_FINFO(node), *alias_fields[f])
            ? node : pexip_node_find(node, *alias_fields[f]);
        if (alias) {
            pexip_call_dialled(call, fvalue_get_string(PEXIP_FINFO_FVALUE(PNODE_FINFO(alias))),
                               f == 0, pinfo->num);
            return;
        }
    }
}

/* A Setup (its h323-message-body node): the destinationAddress aliases
 * in the order sent, then the destCallSignalAddress (the address alone
 * when it is port 1720). */
static void
read_dialled(packet_info *pinfo, proto_node *setup, pexip_call_t *call)
{
    proto_node *destination = pexip_node_find(setup, hf_destination_address);
    if (destination) {
        /* Each alias is one of these; in tree order, as sent. */
        for (proto_node *n = destination->first_child; n; n = n->next)
            read_alias(pinfo, n, call);
    }
    proto_node *signal = pexip_node_find(setup, hf_dest_signal_address);
    guint8 family, addr[16];
    guint16 port;
    if (signal && pexip_node_transport_address(signal, hf_ip4, hf_port4, hf_ip6, hf_port6,
                                               &family, addr, &port)) {
        /* The H.225.0 port is implied: the address alone, as dialled. */
        char *dialled = pexip_address_to_str(NULL, family, addr, port == 1720 ? 0 : port);
        pexip_call_dialled(call, dialled, FALSE, pinfo->num);
        wmem_free(NULL, dialled);
    }
}

/* The call of one H.225.0 message: its callIdentifier, else its
 * conferenceID, else the call of its TCP connection (which is
 * remembered as the connection's, conversation data). */
static pexip_call_t *
message_call(packet_info *pinfo, proto_node *msg, conversation_t *conv)
{
    gboolean has_guid;
    const char *call_id = guid_below(pinfo->pool, msg, hf_h225_guid, &has_guid);
    const char *conference_id = guid_below(pinfo->pool, msg, hf_h225_conference_id, NULL);
    pexip_connection_t *connection = pexip_connection_of(conv, FALSE);
    pexip_call_t *call = NULL;
    if (call_id) {
        call = pexip_call_get(call_id, PEXIP_SIGNALING_H323, pinfo->num);
        /* Later messages that carry only the conferenceID find it. */
        if (call && conference_id)
            pexip_call_alias(call, conference_id);
    } else if (conference_id) {
        call = pexip_call_find(conference_id, PEXIP_SIGNALING_H323);
        if (!call)
            call = pexip_call_get(conference_id, PEXIP_SIGNALING_H323, pinfo->num);
    } else if (conv) {
        call = connection ? connection->h323_call : NULL;
        if (!call && has_guid) {
            /* A Setup from an endpoint that sends all-zero identifiers:
             * the connection is the call, named by its tcp.stream (what a
             * filter finds it by, the same on every Wireshark version). */
            struct tcp_analysis *tcp = pexip_tcp_conversation(conv, pinfo);
            char *id = g_strdup_printf("00000000-0000-0000-0000-000000000000 (tcp.stream %u)",
                                       tcp ? tcp->stream : 0);
            call = pexip_call_get(id, PEXIP_SIGNALING_H323, pinfo->num);
            g_free(id);
        }
    }
    if (call && conv) {
        if (!connection)
            connection = pexip_connection_of(conv, TRUE);
        connection->h323_call = call;
    }
    return call;
}

gboolean
pexip_h323_read(packet_info *pinfo, proto_tree *tree, pexip_signalling_frame_t *out)
{
    pexip_signalling_frame_clear(out);
    if (!tree || hf_h225 <= 0)
        return FALSE;
    /* A TCP segment can hold several TPKTs: one h225 node each. */
    GPtrArray *messages = g_ptr_array_new();
    pexip_node_collect(tree, hf_h225, messages);
    conversation_t *conv = messages->len && pinfo->ptype == PT_TCP
        ? pexip_conversation_of(pinfo) : NULL;
    for (guint m = 0; m < messages->len; m++) {
        proto_node *msg = (proto_node *)g_ptr_array_index(messages, m);
        pexip_call_t *call = message_call(pinfo, msg, conv);
        if (!call)
            continue;
        pexip_signalling_frame_add_call(out, call);
        /* What the message embeds: its own addresses, then its FastStart
         * channels' (pexip_h245_read_inside adds those). */
        wmem_array_t *said = wmem_array_new(pinfo->pool, sizeof(pexip_named_address_t));
        pexip_named_address_t named[3];
        memset(named, 0, sizeof named);
        guint for_peer;
        guint n = read_addresses(pinfo, msg, call, named, &for_peer);
        if (for_peer && !pexip_message_from_service(pinfo))
            pexip_check_named_addresses(pinfo, PEXIP_SIGNALING_H323, named, for_peer, call);
        wmem_array_append(said, named, n);
        proto_node *body = pexip_node_find(msg, hf_message_body);
        guint32 type = body ? fvalue_get_uinteger(PEXIP_FINFO_FVALUE(PNODE_FINFO(body)))
                            : G_MAXUINT32;
        if (type == BODY_SETUP)
            read_dialled(pinfo, body, call);
        else if (type == BODY_CONNECT)
            pexip_call_answered(call);
        else if (type == BODY_RELEASE_COMPLETE)
            pexip_call_ended(call, pinfo->num);
        guint first_stream = pexip_signalling_frame_stream_count(out);
        pexip_h245_read_inside(pinfo, msg, call, out, said, type != BODY_SETUP);
        /* Its FastStart channels belong to the message, whichever copy
         * announced them (the H.245 it tunnels has its own). */
        if (type < G_N_ELEMENTS(message_names))
            pexip_signalling_frame_set_message(
                out, first_stream,
                pexip_check_h323_copies(pinfo, message_names[type], call_reference(tree, msg),
                                        FALSE,
                                        (const pexip_named_address_t *)wmem_array_get_raw(said),
                                        wmem_array_get_count(said), call, out));
    }
    g_ptr_array_free(messages, TRUE);
    return out->ncalls > 0;
}
