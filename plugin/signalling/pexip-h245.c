/* pexip-h245.c
 * H.245 logical channels into the call model (see pexip-h245.h).
 *
 * A logical channel is opened by one side (OpenLogicalChannel, OLC) and
 * acknowledged by the other (OpenLogicalChannelAck). What each names:
 * - OLC forward parameters: the data type (audio, video, H.239
 *   presentation, data), the session ID, the opener's mediaControlChannel
 *   (where it takes RTCP about what it sends) and, in a FastStart answer,
 *   the mediaChannel the channel is sent to;
 * - OLC reverse parameters (bidirectional and FastStart channels): where
 *   the opener receives the reverse channel (mediaChannel) and its RTCP;
 * - OLC-Ack: where the acknowledging side receives the channel
 *   (mediaChannel) and its RTCP (mediaControlChannel).
 * Each names a stream: stream = session ID, channel = logical channel
 * number, kind from the OLC's data type (the OLC-Ack repeats none: the
 * OLC's is remembered per call, opener and channel number).
 *
 * The items are read by walking the protocol tree under each
 * OpenLogicalChannel(Ack) node (its nesting tells forward from reverse
 * parameters), on H.225.0 and H.245 frames only. H.245 registers several
 * of these filter names twice (pexip-fields.h: pexip_item_is).
 *
 * Wireshark 4.6 gave the elements inside OpenLogicalChannel(Ack) filter
 * names of their own (below); the old names still exist there but are
 * other messages' elements, so asking for them would find nothing, with
 * no error. The H.323 tests assert exact channels on every version.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-h245.h"

#include <string.h>
#include <epan/proto.h>
#include <epan/to_str.h>
#include <epan/address_types.h>
#include <epan/conversation.h>
#include "pexip-compat.h"
#include "pexip-fields.h"
#include "pexip-endpoint.h"
#include "pexip-address-check.h"
#include "pexip-reach.h"
#include "pexip-ports.h"

/* H.245 DataType choice indexes (MULTIMEDIA-SYSTEM-CONTROL). */
#define DATA_TYPE_NULL  1
#define DATA_TYPE_VIDEO 2
#define DATA_TYPE_AUDIO 3

/* H.239 extended video capability: the presentation (content) role. */
#define OID_H239_EXTENDED_VIDEO "0.0.8.239.1.2"

/* Filter names of the elements inside OpenLogicalChannel (OLC_*) and
 * OpenLogicalChannelAck (ACK_*) that 4.6 renamed (checked in the
 * tshark -T pdml of the H.323 test captures on 4.0.17, 4.4.19, 4.6.9).
 * The Ack's sessionID and the OLC's mediaChannel/mediaControlChannel
 * kept their names. */
#if PEXIP_WS_AT_LEAST(4, 6)
#define OLC_LCN "h245.olc_fw_lcn"
#define OLC_SESSION "h245.sessionID_0_255"
#define ACK_LCN "h245.olc_ack_fw_lcn"
#define ACK_MEDIA "h245.ack_mediaChannel"
#define ACK_CONTROL "h245.ack_mediaControlChannel"
#else
#define OLC_LCN "h245.forwardLogicalChannelNumber"
#define OLC_SESSION "h245.sessionID"
#define ACK_LCN "h245.forwardLogicalChannelNumber"
#define ACK_MEDIA "h245.mediaChannel"
#define ACK_CONTROL "h245.mediaControlChannel"
#endif

/* The fields of one message kind (OLC or OLC-Ack) that name a channel. */
typedef struct {
    int lcn;            /* forwardLogicalChannelNumber */
    int session;        /* sessionID */
    int media;          /* mediaChannel */
    int control;        /* mediaControlChannel */
} channel_fields_t;

static int hf_olc = -1;             /* OpenLogicalChannel request */
static int hf_olc_faststart = -1;   /* OpenLogicalChannel in FastStart */
static int hf_olc_ack = -1;
static channel_fields_t olc_fields = { -1, -1, -1, -1 };
static channel_fields_t ack_fields = { -1, -1, -1, -1 };
static int hf_forward_params = -1;
static int hf_reverse_params = -1;
static int hf_data_type = -1;
static int hf_standard_oid = -1;
static int hf_ip4 = -1;
static int hf_port4 = -1;
static int hf_ip6 = -1;
static int hf_port6 = -1;
static int hf_alphanumeric = -1;
static int hf_signal_type = -1;
static dissector_handle_t h245_handle;

/* Announced h245Addresses and the TCP packets to and from them. */
static pexip_reach_watch_t *h245_addresses;
/* "call/opener address/channel" -> channel_type_t*: what an OLC opened;
 * emptied with the capture file */
static wmem_map_t *opened_channels;

typedef struct {
    pexip_media_kind_t kind;
    guint session;
} channel_type_t;

void
pexip_h245_handoff(GArray *wanted)
{
    hf_olc = pexip_want_field(wanted, "h245.openLogicalChannel_element");
    hf_olc_faststart = pexip_want_field(wanted, "h245.OpenLogicalChannel_element");
    hf_olc_ack = pexip_want_field(wanted, "h245.openLogicalChannelAck_element");
    olc_fields.lcn = pexip_want_field(wanted, OLC_LCN);
    olc_fields.session = pexip_want_field(wanted, OLC_SESSION);
    olc_fields.media = pexip_want_field(wanted, "h245.mediaChannel");
    olc_fields.control = pexip_want_field(wanted, "h245.mediaControlChannel");
    ack_fields.lcn = pexip_want_field(wanted, ACK_LCN);
    ack_fields.session = pexip_want_field(wanted, "h245.sessionID");
    ack_fields.media = pexip_want_field(wanted, ACK_MEDIA);
    ack_fields.control = pexip_want_field(wanted, ACK_CONTROL);
    hf_forward_params = pexip_want_field(wanted, "h245.forwardLogicalChannelParameters_element");
    hf_reverse_params = pexip_want_field(wanted, "h245.reverseLogicalChannelParameters_element");
    hf_data_type = pexip_want_field(wanted, "h245.dataType");
    hf_standard_oid = pexip_want_field(wanted, "h245.standardOid");
    hf_ip4 = pexip_want_field(wanted, "h245.ip4_network");
    hf_port4 = pexip_want_field(wanted, "h245.tsapIdentifier");
    hf_ip6 = pexip_want_field(wanted, "h245.ip6_network");
    hf_port6 = pexip_want_field(wanted, "h245.ipv6.tsapIdentifier");
    hf_alphanumeric = pexip_want_field(wanted, "h245.alphanumeric");
    hf_signal_type = pexip_want_field(wanted, "h245.signalType");
    h245_handle = find_dissector("h245");
    if (!opened_channels)
        opened_channels = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_str_hash,
                                                 g_str_equal);
}

void
pexip_h245_init(void)
{
    h245_addresses = pexip_reach_watch_new(wmem_file_scope(), NULL);
}

void
pexip_h245_cleanup(void)
{
    h245_addresses = NULL;
}

/* Wireshark's H.225.0 dissector hands TCP to an announced h245Address
 * to H.245 with a conversation that the first connection to it binds:
 * a second connection to the same address is not H.245 to Wireshark. In
 * a capture of two points merged (pexip.alg.rewritten) the same H.245
 * connection is seen twice, once on each side of a NAT, so make that
 * conversation a template: every connection to the address gets its
 * own, with the H.245 dissector. */
static void
h245_for_every_connection(guint8 family, const guint8 *bytes, guint16 port, guint32 frame)
{
    address addr;
    pexip_address_set(&addr, family, bytes);
    conversation_t *conv = find_conversation(frame, &addr, &addr, CONVERSATION_TCP, port, port,
                                             NO_ADDR_B | NO_PORT_B);
    if (conv && h245_handle && (conv->options & (NO_ADDR2 | NO_PORT2)) == (NO_ADDR2 | NO_PORT2) &&
        conversation_get_dissector(conv, frame) == h245_handle)
        conv->options |= CONVERSATION_TEMPLATE;
}

void
pexip_h245_address_add(pexip_call_t *call, guint8 family, const guint8 *addr, guint16 port,
                       guint32 frame)
{
    if (!h245_addresses || !call || port == 0)
        return;
    h245_for_every_connection(family, addr, port, frame);
    pexip_reach_announce(h245_addresses, call, family, addr, port, frame);
}

/* Whether an H.239 presentation capability is named at or below node. */
static gboolean
names_h239_presentation(proto_node *node)
{
    for (proto_node *child = node->first_child; child; child = child->next) {
        field_info *fi = PNODE_FINFO(child);
        if (fi && pexip_item_is(fi, hf_standard_oid)) {
            char *oid = fvalue_to_string_repr(NULL, PEXIP_FINFO_FVALUE(fi), FTREPR_DFILTER, 0);
            gboolean h239 = oid && strcmp(oid, OID_H239_EXTENDED_VIDEO) == 0;
            wmem_free(NULL, oid);
            if (h239)
                return TRUE;
        }
        if (names_h239_presentation(child))
            return TRUE;
    }
    return FALSE;
}

/* The kind of the data type in params (forward or reverse parameters);
 * FALSE for nullData (no channel that way). */
static gboolean
params_kind(proto_node *params, pexip_media_kind_t *kind)
{
    guint type = pexip_node_uint(params, hf_data_type, G_MAXUINT);
    if (type == DATA_TYPE_NULL)
        return FALSE;
    *kind = type == DATA_TYPE_AUDIO ? PEXIP_MEDIA_AUDIO
          : type == DATA_TYPE_VIDEO ? PEXIP_MEDIA_VIDEO : PEXIP_MEDIA_OTHER;
    if (*kind == PEXIP_MEDIA_VIDEO && hf_standard_oid > 0 && names_h239_presentation(params))
        *kind = PEXIP_MEDIA_CONTENT;
    return TRUE;
}

static char *
channel_key(const pexip_call_t *call, const address *opener, guint channel)
{
    char *addr = address_to_str(NULL, opener);
    char *key = g_strdup_printf("%u/%s/%u", call->number, addr, channel);
    wmem_free(NULL, addr);
    return key;
}

static void
remember_channel(const pexip_call_t *call, const address *opener, guint channel,
                 pexip_media_kind_t kind, guint session)
{
    char *key = channel_key(call, opener, channel);
    channel_type_t *type = (channel_type_t *)wmem_map_lookup(opened_channels, key);
    if (!type) {
        type = wmem_new(wmem_file_scope(), channel_type_t);
        wmem_map_insert(opened_channels, wmem_strdup(wmem_file_scope(), key), type);
    }
    type->kind = kind;
    type->session = session;
    g_free(key);
}

static const channel_type_t *
opened_channel(const pexip_call_t *call, const address *opener, guint channel)
{
    char *key = channel_key(call, opener, channel);
    const channel_type_t *type = (const channel_type_t *)wmem_map_lookup(opened_channels, key);
    g_free(key);
    return type;
}

typedef struct {
    packet_info *pinfo;
    pexip_call_t *call;
    pexip_signalling_frame_t *out;
    /* The embedded addresses of the H.225.0 message walked (FastStart
     * channels are part of it), or NULL. */
    wmem_array_t *faststart;
    gboolean faststart_answer;  /* its FastStart elements answer proposals */
} h245_walk_t;

/* One stream from the mediaChannel / mediaControlChannel (fields f) in
 * params; its addresses appended to said (pexip_named_address_t, NULL:
 * not kept), as "fastStart channel" for a FastStart one; senders: they are
 * the sender's own (checked for NAT). */
static void
add_channel(h245_walk_t *w, proto_node *params, const channel_fields_t *f, guint channel,
            pexip_media_kind_t kind, guint session, wmem_array_t *said, gboolean faststart,
            gboolean senders)
{
    packet_info *pinfo = w->pinfo;
    pexip_stream_t s;
    memset(&s, 0, sizeof s);
    proto_node *media = pexip_node_find(params, f->media);
    proto_node *control = pexip_node_find(params, f->control);
    if (media)
        pexip_node_transport_address(media, hf_ip4, hf_port4, hf_ip6, hf_port6,
                                     &s.family, s.addr, &s.port);
    if (control)
        s.rtcp = pexip_node_transport_address(control, hf_ip4, hf_port4, hf_ip6, hf_port6,
                                              &s.rtcp_family, s.rtcp_addr, &s.rtcp_port) != 0;
    if (s.port == 0 && !s.rtcp)
        return;
    s.setup_frame = pinfo->num;
    pexip_sender_of(pinfo, &s.announced_by);
    s.stream = session;
    s.channel = channel;
    s.kind = kind;
    /* Where a channel is received, or only where its sender takes RTCP. */
    s.direction = s.port ? PEXIP_DIR_RECVONLY : PEXIP_DIR_SENDONLY;
    s.transport = s.port ? "RTP" : "RTCP";
    pexip_stream_t *stream = pexip_calls_add_channel(w->call, pinfo->num, &s);
    pexip_signalling_frame_add_streams(w->out, &stream, 1);
    /* The addresses the message names for media. */
    pexip_named_address_t named[2];
    guint n = 0;
    memset(named, 0, sizeof named);
    if (s.port) {
        named[n].where = "mediaChannel";
        named[n].family = s.family;
        named[n].port = s.port;
        memcpy(named[n++].addr, s.addr, 16);
    }
    if (s.rtcp) {
        named[n].where = "mediaControlChannel";
        named[n].family = s.rtcp_family;
        named[n].port = s.rtcp_port;
        memcpy(named[n++].addr, s.rtcp_addr, 16);
    }
    if (senders && !pexip_message_from_service(pinfo))
        pexip_check_named_addresses(pinfo, PEXIP_SIGNALING_H323, named, n, w->call);
    for (guint i = 0; said && i < n; i++) {
        if (faststart)
            named[i].where = "fastStart channel";
        wmem_array_append_one(said, named[i]);
    }
}

/* pexip.alg.rewritten for an H.245 message of the walked call: message,
 * its logical channel and the addresses it named (said); the streams it
 * announced (the frame's from first_stream on) belong to it, whichever
 * copy announced them. */
static void
check_channel_copies(h245_walk_t *w, const char *message, guint channel, wmem_array_t *said,
                     guint first_stream)
{
    pexip_signalling_frame_set_message(
        w->out, first_stream,
        pexip_check_h323_copies(w->pinfo, message, channel, TRUE,
                                (const pexip_named_address_t *)wmem_array_get_raw(said),
                                wmem_array_get_count(said), w->call, w->out));
}

/* An OpenLogicalChannel, on its own or (faststart) a FastStart element
 * of the H.225.0 message walked: the channels it opens; an H.245 one is
 * compared with its copies (a FastStart one is part of its H.225.0
 * message's). */
static void
read_olc(h245_walk_t *w, proto_node *olc, gboolean faststart)
{
    packet_info *pinfo = w->pinfo;
    guint channel = pexip_node_uint(olc, olc_fields.lcn, 0);
    wmem_array_t *said = faststart
        ? w->faststart : wmem_array_new(pinfo->pool, sizeof(pexip_named_address_t));
    guint first_stream = pexip_signalling_frame_stream_count(w->out);
    pexip_media_kind_t kind;
    proto_node *forward = pexip_node_find(olc, hf_forward_params);
    if (forward && params_kind(forward, &kind)) {
        guint session = pexip_node_uint(forward, olc_fields.session, 0);
        remember_channel(w->call, &pinfo->src, channel, kind, session);
        add_channel(w, forward, &olc_fields, channel, kind, session, said, faststart, TRUE);
    }
    /* A FastStart answer returns the proposer's reverse parameters. */
    proto_node *reverse = pexip_node_find(olc, hf_reverse_params);
    if (reverse && params_kind(reverse, &kind))
        add_channel(w, reverse, &olc_fields, channel, kind,
                    pexip_node_uint(reverse, olc_fields.session, 0), said, faststart,
                    !(faststart && w->faststart_answer));
    if (!faststart)
        check_channel_copies(w, "H.245 OpenLogicalChannel", channel, said, first_stream);
}

static void
read_olc_ack(h245_walk_t *w, proto_node *ack)
{
    packet_info *pinfo = w->pinfo;
    guint channel = pexip_node_uint(ack, ack_fields.lcn, 0);
    /* The opener is the side this acknowledgement goes to. */
    const channel_type_t *type = opened_channel(w->call, &pinfo->dst, channel);
    pexip_media_kind_t kind = type ? type->kind : PEXIP_MEDIA_OTHER;
    guint session = pexip_node_uint(ack, ack_fields.session, type ? type->session : 0);
    wmem_array_t *said = wmem_array_new(pinfo->pool, sizeof(pexip_named_address_t));
    guint first_stream = pexip_signalling_frame_stream_count(w->out);
    add_channel(w, ack, &ack_fields, channel, kind, session, said, FALSE, TRUE);
    check_channel_copies(w, "H.245 OpenLogicalChannelAck", channel, said, first_stream);
}

/* The channels and keys below node, in the order sent. */
static void
walk(proto_node *node, h245_walk_t *w)
{
    for (proto_node *child = node->first_child; child; child = child->next) {
        field_info *fi = PNODE_FINFO(child);
        if (!fi) {
            walk(child, w);
            continue;
        }
        if (pexip_item_is(fi, hf_olc)) {
            read_olc(w, child, FALSE);
        } else if (pexip_item_is(fi, hf_olc_faststart)) {
            read_olc(w, child, TRUE);
        } else if (pexip_item_is(fi, hf_olc_ack)) {
            read_olc_ack(w, child);
        } else if (pexip_item_is(fi, hf_alphanumeric)) {
            /* userInputIndication: devices send one key a message */
            const char *text = fvalue_get_string(PEXIP_FINFO_FVALUE(fi));
            for (; text && *text; text++)
                pexip_call_dtmf(w->call, *text, w->pinfo->num);
        } else if (pexip_item_is(fi, hf_signal_type)) {
            const char *text = fvalue_get_string(PEXIP_FINFO_FVALUE(fi));
            if (text && *text)
                pexip_call_dtmf(w->call, *text, w->pinfo->num);
        } else {
            walk(child, w);
        }
    }
}

void
pexip_h245_read_inside(packet_info *pinfo, proto_node *message, pexip_call_t *call,
                       pexip_signalling_frame_t *out, wmem_array_t *faststart,
                       gboolean faststart_answer)
{
    if (!message || !call || !opened_channels)
        return;
    h245_walk_t w = { pinfo, call, out, faststart, faststart_answer };
    walk(message, &w);
}

void
pexip_h245_connection_packet(const packet_info *pinfo, guint seen)
{
    pexip_reach_frame(h245_addresses, pinfo, (seen & PEXIP_SEEN_H245) != 0);
}

const pexip_reach_watch_t *
pexip_h245_addresses(void)
{
    return h245_addresses;
}

gboolean
pexip_h245_read(packet_info *pinfo, proto_tree *tree, pexip_signalling_frame_t *out)
{
    pexip_signalling_frame_clear(out);
    const pexip_reach_t *connection = tree ? pexip_reach_of_frame(h245_addresses, pinfo) : NULL;
    if (!connection)
        return FALSE;
    pexip_call_t *call = connection->call;
    pexip_signalling_frame_add_call(out, call);
    pexip_h245_read_inside(pinfo, tree, call, out, NULL, FALSE);
    return TRUE;
}
