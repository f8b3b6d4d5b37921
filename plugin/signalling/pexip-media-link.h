/* pexip-media-link.h
 * Media packets (RTP, RTCP, T.38, BFCP, anything UDP or TCP) linked to
 * the call whose signalling announced where they go: the setup in force
 * at the packet (pexip-calls.h), counted on the first pass on the streams
 * it goes to and comes from. Also what a BFCP message says of the floor,
 * and the checks that look at single media packets: where media comes
 * from (pexip.media.unannounced_source), an ICMP error quoting it
 * (pexip.media.icmp_unreachable), and the customer side's announced
 * ports against its SBC's range (pexip.media.outside_sbc_range).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_MEDIA_LINK_H
#define PEXIP_MEDIA_LINK_H

#include <epan/packet.h>
#include <epan/range.h>
#include "pexip-calls.h"
#include "pexip-bfcp.h"

/* What a frame belongs to in the call model. */
typedef struct {
    pexip_signalling_frame_t sip;       /* signalling: calls, announced streams */
    const pexip_media_setup_t *media;   /* media: the setup in force */
    pexip_media_kind_t kind;            /* media: the kind, refined by what was dissected */
    pexip_floor_status_t floor_status;  /* BFCP: the floor state it carries */
} pexip_frame_calls_t;

/* Want the ICMP fields; proto: the plugin's, for its per-frame data. */
void pexip_media_link_handoff(GArray *wanted_hfids, int proto);

/* A packet that is no signalling: the setup it links to, its kind and a
 * BFCP message's floor state into info (cleared by the caller). On the
 * first pass it is counted, its source checked, RFC 4733 keys and floor
 * grants recorded. FALSE when it belongs to no call. */
gboolean pexip_media_link(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, guint8 family,
                          guint seen, pexip_frame_calls_t *info);

/* First pass, a signalling frame: pexip.media.outside_sbc_range for the
 * customer-side destinations it announced on a port outside sbc_ports
 * (pexip.sbc_media_ports; empty: off), once per call. */
void pexip_media_check_sbc_ports(packet_info *pinfo, const pexip_signalling_frame_t *frame,
                                 const range_t *sbc_ports);

/* First pass, an ICMP or ICMPv6 message: pexip.media.icmp_unreachable
 * when it is a destination unreachable quoting a packet of a call (once
 * per stream; not for stray packets after the call ended or to a
 * destination a later announcement replaced). */
void pexip_media_check_icmp(packet_info *pinfo, proto_tree *tree);

#endif /* PEXIP_MEDIA_LINK_H */
