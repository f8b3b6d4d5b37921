/* pexip-media-link.c
 * Media packets linked to the calls that announced them (see
 * pexip-media-link.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-media-link.h"

#include <epan/proto_data.h>
#include "pexip-compat.h"
#include "pexip-fields.h"
#include "pexip-endpoint.h"
#include "pexip-frame-data.h"
#include "pexip-classify.h"
#include "pexip-rtp-event.h"
#include "pexip-media-check.h"
#include "pexip-findings-store.h"

static int proto = -1;
static int hf_icmp_type = -1;
static int hf_icmpv6_type = -1;

void
pexip_media_link_handoff(GArray *wanted, int proto_pexip)
{
    proto = proto_pexip;
    hf_icmp_type = pexip_want_field(wanted, "icmp.type");
    hf_icmpv6_type = pexip_want_field(wanted, "icmpv6.type");
}

/* pexip.media.unannounced_source: the first packet to a destination comes
 * from somewhere the other side did not announce. */
static void
check_source(const pexip_media_setup_t *to, guint8 family, const packet_info *pinfo)
{
    pexip_stream_t *s = to->stream;
    if (s->source_checked)
        return;
    s->source_checked = TRUE;
    const pexip_stream_t *announced;
    if (!pexip_detect_unannounced_source(s, to->rtcp, family, (const guint8 *)pinfo->net_src.data,
                                         (guint16)pinfo->srcport, pinfo->num, &announced))
        return;
    wmem_allocator_t *ps = pinfo->pool;
    pexip_findings_add(
        pinfo->num, PEXIP_FINDING_MEDIA_UNANNOUNCED_SOURCE, s, s->call,
        wmem_strdup_printf(wmem_file_scope(),
                           "%s%s to %s comes from %s, not from %s as announced in frame %u: NAT "
                           "changed the source; the receiver must latch to it (symmetric RTP)",
                           pexip_media_kind_name(s->kind), to->rtcp ? " RTCP" : "",
                           pexip_address_to_str(ps, family, (const guint8 *)pinfo->net_dst.data,
                                                (guint16)pinfo->destport),
                           pexip_address_to_str(ps, family, (const guint8 *)pinfo->net_src.data,
                                                (guint16)pinfo->srcport),
                           to->rtcp ? pexip_address_to_str(ps, announced->rtcp_family,
                                                           announced->rtcp_addr, announced->rtcp_port)
                                    : pexip_address_to_str(ps, announced->family, announced->addr,
                                                           announced->port),
                           announced->setup_frame));
}

/* The setup a media packet links to; on the first pass, counting it on
 * the streams it goes to and comes from. By destination as announced, so
 * a source that NAT or latching changed still links; else by source, the
 * announced address sending (symmetric media; the reply direction of a
 * TCP connection such as BFCP; the far side's announcement not captured). */
static const pexip_media_setup_t *
link_media(guint8 family, const packet_info *pinfo, guint32 bytes, gboolean count)
{
    gboolean tcp = pinfo->ptype == PT_TCP;
    if (pinfo->ptype != PT_UDP && !tcp)
        return NULL;
    const pexip_media_setup_t *to = pexip_media_lookup(family, (const guint8 *)pinfo->net_dst.data,
                                                       (guint16)pinfo->destport, tcp, pinfo->num);
    const pexip_media_setup_t *from = pexip_media_lookup(family, (const guint8 *)pinfo->net_src.data,
                                                         (guint16)pinfo->srcport, tcp, pinfo->num);
    double time = nstime_to_sec(&pinfo->abs_ts);
    if (count && to) {
        check_source(to, family, pinfo);
        pexip_stream_count(to->stream, TRUE, pinfo->num, time, bytes);
    }
    if (count && from)
        pexip_stream_count(from->stream, FALSE, pinfo->num, time, bytes);
    /* Forked dialogs share the offerer's destinations: the other side's
     * own announcement tells which dialog the packet belongs to. */
    if (to && from && to->call != from->call && to->call->call_id == from->call->call_id &&
        to->stream->initial_offer && !from->stream->initial_offer)
        return from;
    return to ? to : from;
}

static pexip_floor_status_t
floor_status(packet_info *pinfo, proto_tree *tree, const pexip_call_t *call)
{
    if (PINFO_FD_VISITED(pinfo))
        return (pexip_floor_status_t)GPOINTER_TO_UINT(
            p_get_proto_data(wmem_file_scope(), pinfo, proto, PEXIP_FRAME_FLOOR));
    pexip_floor_status_t status = pexip_bfcp_floor_status(tree);
    if (status == PEXIP_FLOOR_GRANTED && call)
        pexip_call_floor_granted(call, pinfo->num, nstime_to_sec(&pinfo->abs_ts));
    if (status != PEXIP_FLOOR_NONE)
        p_add_proto_data(wmem_file_scope(), pinfo, proto, PEXIP_FRAME_FLOOR,
                         GUINT_TO_POINTER(status));
    return status;
}

gboolean
pexip_media_link(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, guint8 family, guint seen,
                 pexip_frame_calls_t *info)
{
    gboolean visited = PINFO_FD_VISITED(pinfo);
    info->media = link_media(family, pinfo, tvb_reported_length(tvb), !visited);
    if (!info->media)
        return FALSE;
    if (!visited)
        pexip_call_seen(info->media->call, pinfo->num, nstime_to_sec(&pinfo->abs_ts));
    /* What flows can differ from what the m-line said: a fax call switched
     * to T.38 by another protocol's offer. */
    info->kind = (seen & PEXIP_SEEN_T38) ? PEXIP_MEDIA_T38 : info->media->stream->kind;
    /* Keys typed into the IVR as RFC 4733 events. */
    if (!visited && (seen & PEXIP_SEEN_RTP_EVENT))
        pexip_rtp_event_read(tree, info->media->call, pinfo->num);
    if (seen & PEXIP_SEEN_BFCP)
        info->floor_status = floor_status(pinfo, tree, info->media->call);
    return TRUE;
}

/* pexip.media.outside_sbc_range: a customer-side destination a frame
 * announced on a port outside pexip.sbc_media_ports (once per call). */
void
pexip_media_check_sbc_ports(packet_info *pinfo, const pexip_signalling_frame_t *frame,
                            const range_t *sbc_ports)
{
    guint n;
    pexip_stream_t *const *streams = pexip_signalling_frame_streams(frame, &n);
    if (!streams || !sbc_ports || sbc_ports->nranges == 0)
        return;
    for (guint i = 0; i < n; i++) {
        const pexip_stream_t *s = streams[i];
        if (s->port == 0 || s->tcp || value_is_in_range(sbc_ports, s->port) ||
            pexip_is_service_address(s->family, s->addr, s->setup_frame) ||
            pexip_findings_shown(PEXIP_FINDING_MEDIA_OUTSIDE_SBC_RANGE, s->call))
            continue;
        char *ranges = range_convert_range(NULL, sbc_ports);
        pexip_findings_add(
            pinfo->num, PEXIP_FINDING_MEDIA_OUTSIDE_SBC_RANGE, s->call, s->call,
            wmem_strdup_printf(wmem_file_scope(),
                               "%s to %s: port %u is outside the SBC media ports %s "
                               "(pexip.sbc_media_ports): check the SBC's port range and the "
                               "firewall rule that opens it to the service",
                               pexip_media_kind_name(s->kind),
                               pexip_address_to_str(pinfo->pool, s->family, s->addr, 0),
                               s->port, ranges));
        wmem_free(NULL, ranges);
    }
}

/* pexip.media.icmp_unreachable: an ICMP or ICMPv6 destination unreachable
 * that quotes a packet of a call (first pass; once per stream). */
void
pexip_media_check_icmp(packet_info *pinfo, proto_tree *tree)
{
    GPtrArray *types = tree && hf_icmp_type > 0 ? proto_get_finfo_ptr_array(tree, hf_icmp_type) : NULL;
    gboolean v6 = FALSE;
    if (!types || types->len == 0) {
        types = tree && hf_icmpv6_type > 0 ? proto_get_finfo_ptr_array(tree, hf_icmpv6_type) : NULL;
        v6 = TRUE;
    }
    if (!types || types->len == 0)
        return;
    field_info *type_fi = (field_info *)g_ptr_array_index(types, 0);
    guint32 type = fvalue_get_uinteger(PEXIP_FINFO_FVALUE(type_fi));
    if (type != (v6 ? 1u : 3u))
        return;
    /* The quoted packet follows the 8-byte ICMP header. */
    gint offset = type_fi->start + 8;
    gint length = tvb_captured_length_remaining(type_fi->ds_tvb, offset);
    if (length <= 0)
        return;
    pexip_quoted_packet_t q;
    if (!pexip_icmp_quoted(tvb_get_ptr(type_fi->ds_tvb, offset, length), (guint)length, v6, &q))
        return;
    gboolean tcp = q.protocol == 6;
    const pexip_media_setup_t *setup = pexip_media_lookup(q.family, q.dst, q.dst_port, tcp, pinfo->num);
    if (!setup)
        setup = pexip_media_lookup(q.family, q.src, q.src_port, tcp, pinfo->num);
    /* Stray packets after the call ended, or to a destination a later
     * announcement replaced, are refused everywhere: not a finding. */
    if (!setup || pexip_findings_shown(PEXIP_FINDING_MEDIA_ICMP_UNREACHABLE, setup->stream) ||
        (setup->call->ended_frame && setup->call->ended_frame < pinfo->num) ||
        (setup->stream->superseded_frame && setup->stream->superseded_frame < pinfo->num))
        return;
    wmem_allocator_t *ps = pinfo->pool;
    pexip_findings_add(
        pinfo->num, PEXIP_FINDING_MEDIA_ICMP_UNREACHABLE, setup->stream, setup->call,
        wmem_strdup_printf(wmem_file_scope(),
                           "ICMP%s unreachable for call %u %s stream %u, %s to %s: that host or "
                           "its firewall refuses the port; open the UDP media range to the "
                           "service network",
                           v6 ? "v6" : "", setup->call->number,
                           pexip_media_kind_name(setup->stream->kind), setup->stream->stream,
                           pexip_address_to_str(ps, q.family, q.src, q.src_port),
                           pexip_address_to_str(ps, q.family, q.dst, q.dst_port)));
}
