/* pexip-tree.c
 * The plugin's fields and the tree of each frame (see pexip-tree.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-tree.h"

#include <epan/expert.h>
#include "pexip-compat.h"
#include "pexip-endpoint.h"
#include "pexip-copies.h"
#include "pexip-findings-store.h"

static int proto_pexip = -1;

static int hf_pexip_service = -1;
static int hf_pexip_direction = -1;
static int hf_pexip_service_addr = -1;
static int hf_pexip_service_addr6 = -1;
static int hf_pexip_peer_addr = -1;
static int hf_pexip_peer_addr6 = -1;
static int hf_pexip_range = -1;
static int hf_pexip_range_label = -1;
static int hf_pexip_port_class = -1;
static int hf_pexip_dns_query = -1;
static int hf_pexip_dns_learned = -1;
static int hf_pexip_dns_learned6 = -1;
static int hf_pexip_call = -1;
static int hf_pexip_call_id = -1;
static int hf_pexip_signaling = -1;
static int hf_pexip_media_kind = -1;
static int hf_pexip_media_setup_frame = -1;
static int hf_pexip_dial_string = -1;
static int hf_pexip_conference_id = -1;
static int hf_pexip_dial_uri = -1;
static int hf_pexip_media_mline = -1;
static int hf_pexip_media_channel = -1;
static int hf_pexip_media_stream = -1;
static int hf_pexip_media_direction = -1;
static int hf_pexip_bfcp_floor_status = -1;
static int hf_pexip_announced_stream = -1;
static int hf_pexip_announced_mline = -1;
static int hf_pexip_announced_channel = -1;
static int hf_pexip_announced_kind = -1;
static int hf_pexip_announced_addr = -1;
static int hf_pexip_announced_addr6 = -1;
static int hf_pexip_announced_port = -1;
static int hf_pexip_announced_transport = -1;
static int hf_pexip_announced_rtcp_addr = -1;
static int hf_pexip_announced_rtcp_addr6 = -1;
static int hf_pexip_announced_rtcp_port = -1;
static int hf_pexip_announced_direction = -1;
static int hf_pexip_announced_packets_to = -1;
static int hf_pexip_announced_bytes_to = -1;
static int hf_pexip_announced_packets_from = -1;
static int hf_pexip_announced_bytes_from = -1;
static int hf_pexip_announced_first_frame = -1;
static int hf_pexip_announced_last_frame = -1;
static int hf_pexip_proxy_target = -1;
static int hf_pexip_proxy_auth_scheme = -1;
static int hf_pexip_proxy_cert_name = -1;
static int hf_pexip_alg_other_frame = -1;
static int hf_pexip_finding = -1;

static gint ett_pexip = -1;
static gint ett_pexip_dns = -1;
static gint ett_pexip_call = -1;
static gint ett_pexip_announced = -1;

/* One per row of the findings table (pexip_finding_kind_t). */
static expert_field ei_findings[PEXIP_FINDING_COUNT];

static void
add_address(proto_tree *tree, int hf4, int hf6, tvbuff_t *tvb,
            const address *addr)
{
    proto_item *ti;
    if (addr->type == AT_IPv4) {
        ws_in4_addr a4;
        memcpy(&a4, addr->data, 4);
        ti = proto_tree_add_ipv4(tree, hf4, tvb, 0, 0, a4);
    } else {
        ti = proto_tree_add_ipv6(tree, hf6, tvb, 0, 0, (const ws_in6_addr *)addr->data);
    }
    proto_item_set_generated(ti);
}

static void
add_range(proto_tree *tree, tvbuff_t *tvb, const pexip_service_match_t *match)
{
    proto_item *ti;
    if (match->range) {
        ti = proto_tree_add_string(tree, hf_pexip_range, tvb, 0, 0, match->range->text);
        proto_item_set_generated(ti);
        ti = proto_tree_add_string(tree, hf_pexip_range_label, tvb, 0, 0, match->range->label);
    } else {
        ti = proto_tree_add_string(tree, hf_pexip_range, tvb, 0, 0, "dns");
        proto_item_set_generated(ti);
        ti = proto_tree_add_string_format_value(tree, hf_pexip_range_label, tvb, 0, 0,
                                                match->learned->name,
                                                "%s (DNS answer in frame %u)",
                                                match->learned->name,
                                                match->learned->frame);
    }
    proto_item_set_generated(ti);
}

static void
add_dns_tree(tvbuff_t *tvb, proto_tree *pexip_tree, const pexip_dns_frame_t *info)
{
    proto_item *ti = proto_tree_add_string(pexip_tree, hf_pexip_dns_query, tvb, 0, 0, info->query);
    proto_item_set_generated(ti);
    proto_tree *dns_tree = proto_item_add_subtree(ti, ett_pexip_dns);
    const ws_in4_addr *v4 = (const ws_in4_addr *)wmem_array_get_raw(info->v4);
    for (guint i = 0; i < wmem_array_get_count(info->v4); i++) {
        ti = proto_tree_add_ipv4(dns_tree, hf_pexip_dns_learned, tvb, 0, 0, v4[i]);
        proto_item_set_generated(ti);
    }
    const ws_in6_addr *v6 = (const ws_in6_addr *)wmem_array_get_raw(info->v6);
    for (guint i = 0; i < wmem_array_get_count(info->v6); i++) {
        ti = proto_tree_add_ipv6(dns_tree, hf_pexip_dns_learned6, tvb, 0, 0, &v6[i]);
        proto_item_set_generated(ti);
    }
}

/* How the call was dialled, as known at frame. */
static void
add_dialled(proto_tree *tree, tvbuff_t *tvb, const pexip_call_t *call, guint32 frame)
{
    proto_item *ti;
    if (call->dial_strings && call->dial_frame <= frame) {
        const char **dialled = (const char **)wmem_array_get_raw(call->dial_strings);
        for (guint i = 0; i < wmem_array_get_count(call->dial_strings); i++) {
            ti = proto_tree_add_string(tree, hf_pexip_dial_string, tvb, 0, 0, dialled[i]);
            proto_item_set_generated(ti);
        }
        if (call->dial_uri) {
            ti = proto_tree_add_string(tree, hf_pexip_dial_uri, tvb, 0, 0, call->dial_uri);
            proto_item_set_generated(ti);
        }
    }
    if (call->conference_id && call->conference_frame <= frame) {
        ti = proto_tree_add_string(tree, hf_pexip_conference_id, tvb, 0, 0, call->conference_id);
        proto_item_set_generated(ti);
        if (call->conference_frame > call->dial_frame)
            proto_item_append_text(ti, " (keyed into the IVR, frame %u)", call->conference_frame);
    }
}

static proto_tree *
add_call(proto_tree *tree, tvbuff_t *tvb, const pexip_call_t *call, guint32 frame)
{
    proto_item *ti = proto_tree_add_uint(tree, hf_pexip_call, tvb, 0, 0, call->number);
    proto_item_set_generated(ti);
    proto_item_append_text(ti, " (%s %s", pexip_signaling_name(call->signaling), call->call_id);
    if (call->dialog > 1)
        proto_item_append_text(ti, ", forked dialog %u, tag %s", call->dialog,
                               call->tag_b ? call->tag_b : "");
    if (call->conference_id && call->conference_frame <= frame)
        proto_item_append_text(ti, ", conference %s", call->conference_id);
    proto_item_append_text(ti, ")");
    proto_tree *call_tree = proto_item_add_subtree(ti, ett_pexip_call);
    ti = proto_tree_add_string(call_tree, hf_pexip_call_id, tvb, 0, 0, call->call_id);
    proto_item_set_generated(ti);
    ti = proto_tree_add_string(call_tree, hf_pexip_signaling, tvb, 0, 0,
                               pexip_signaling_name(call->signaling));
    proto_item_set_generated(ti);
    add_dialled(call_tree, tvb, call, frame);
    return call_tree;
}

static void
add_stream_address(proto_tree *tree, tvbuff_t *tvb, int hf4, int hf6, guint8 family,
                   const guint8 *bytes)
{
    address addr;
    pexip_address_set(&addr, family, bytes);
    add_address(tree, hf4, hf6, tvb, &addr);
}

/* One stream a signalling frame announced: what it said and, once the
 * capture has been read, what became of it. */
static void
add_announced_stream(proto_tree *tree, tvbuff_t *tvb, wmem_allocator_t *pool,
                     const pexip_stream_t *s, gboolean capture_read)
{
    proto_item *ti = proto_tree_add_uint_format_value(
        tree, hf_pexip_announced_stream, tvb, 0, 0, s->stream, "%u, %s", s->stream,
        pexip_media_kind_name(s->kind));
    proto_item_set_generated(ti);
    if (s->channel)
        proto_item_append_text(ti, " channel %u", s->channel);
    if (s->port)
        proto_item_append_text(ti, " to %s", pexip_address_to_str(pool, s->family,
                                                                  s->addr, s->port));
    if (s->channel && s->rtcp)
        proto_item_append_text(ti, "%s RTCP to %s", s->port ? "," : ":",
                               pexip_address_to_str(pool, s->rtcp_family, s->rtcp_addr,
                                                    s->rtcp_port));
    proto_item_append_text(ti, " (%s, %s)", s->transport, pexip_direction_name(s->direction));
    if (capture_read)
        proto_item_append_text(ti, ": %u packets to it, %u from it", s->to.packets,
                               s->from.packets);
    proto_tree *st = proto_item_add_subtree(ti, ett_pexip_announced);
    if (s->channel) {
        ti = proto_tree_add_uint(st, hf_pexip_announced_channel, tvb, 0, 0, s->channel);
    } else {
        ti = proto_tree_add_uint(st, hf_pexip_announced_mline, tvb, 0, 0, s->mline);
    }
    proto_item_set_generated(ti);
    ti = proto_tree_add_string(st, hf_pexip_announced_kind, tvb, 0, 0, pexip_media_kind_name(s->kind));
    proto_item_set_generated(ti);
    if (s->port) {
        add_stream_address(st, tvb, hf_pexip_announced_addr, hf_pexip_announced_addr6,
                           s->family, s->addr);
        ti = proto_tree_add_uint(st, hf_pexip_announced_port, tvb, 0, 0, s->port);
        proto_item_set_generated(ti);
    }
    if (s->rtcp) {
        add_stream_address(st, tvb, hf_pexip_announced_rtcp_addr, hf_pexip_announced_rtcp_addr6,
                           s->rtcp_family, s->rtcp_addr);
        ti = proto_tree_add_uint(st, hf_pexip_announced_rtcp_port, tvb, 0, 0, s->rtcp_port);
        proto_item_set_generated(ti);
    }
    ti = proto_tree_add_string(st, hf_pexip_announced_transport, tvb, 0, 0, s->transport);
    proto_item_set_generated(ti);
    ti = proto_tree_add_string(st, hf_pexip_announced_direction, tvb, 0, 0,
                               pexip_direction_name(s->direction));
    proto_item_set_generated(ti);
    if (!capture_read)
        return;
    ti = proto_tree_add_uint(st, hf_pexip_announced_packets_to, tvb, 0, 0, s->to.packets);
    proto_item_set_generated(ti);
    ti = proto_tree_add_uint64(st, hf_pexip_announced_bytes_to, tvb, 0, 0, s->to.bytes);
    proto_item_set_generated(ti);
    ti = proto_tree_add_uint(st, hf_pexip_announced_packets_from, tvb, 0, 0, s->from.packets);
    proto_item_set_generated(ti);
    ti = proto_tree_add_uint64(st, hf_pexip_announced_bytes_from, tvb, 0, 0, s->from.bytes);
    proto_item_set_generated(ti);
    if (pexip_stream_first_frame(s)) {
        ti = proto_tree_add_uint(st, hf_pexip_announced_first_frame, tvb, 0, 0,
                                 pexip_stream_first_frame(s));
        proto_item_set_generated(ti);
        ti = proto_tree_add_uint(st, hf_pexip_announced_last_frame, tvb, 0, 0,
                                 pexip_stream_last_frame(s));
        proto_item_set_generated(ti);
    }
}

/* pexip.alg.other_frame: the other copy of each message of the frame that
 * an ALG rewrote between two capture points (on the first copy once the
 * rewritten one has been read); each other frame once (an H.225.0
 * message and the H.245 it tunnels are copied together). */
static void
add_other_copies(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo,
                 const pexip_signalling_frame_t *sip)
{
    guint count = pexip_signalling_frame_copy_count(sip);
    for (guint i = 0; i < count; i++) {
        pexip_copy_ref_t ref = pexip_signalling_frame_copy(sip, i);
        guint32 other = pexip_copy_other_frame(&ref, pinfo->num);
        gboolean shown = FALSE;
        for (guint j = 0; j < i && !shown; j++) {
            pexip_copy_ref_t earlier = pexip_signalling_frame_copy(sip, j);
            shown = pexip_copy_other_frame(&earlier, pinfo->num) == other;
        }
        if (other && other != pinfo->num && !shown) {
            proto_item *ti = proto_tree_add_uint(tree, hf_pexip_alg_other_frame, tvb, 0, 0, other);
            proto_item_set_generated(ti);
        }
    }
}

static void
add_call_tree(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo, const pexip_frame_calls_t *info)
{
    if (info->sip.ncalls) {
        guint ncalls, nstreams;
        pexip_call_t *const *calls = pexip_signalling_frame_calls(&info->sip, &ncalls);
        pexip_stream_t *const *streams = pexip_signalling_frame_streams(&info->sip, &nstreams);
        for (guint i = 0; i < ncalls; i++) {
            proto_tree *call_tree = add_call(tree, tvb, calls[i], pinfo->num);
            for (guint s = 0; s < nstreams; s++) {
                if (streams[s]->call == calls[i])
                    add_announced_stream(call_tree, tvb, pinfo->pool, streams[s],
                                         PINFO_FD_VISITED(pinfo));
            }
        }
        return;
    }
    const pexip_stream_t *s = info->media->stream;
    proto_tree *call_tree = add_call(tree, tvb, info->media->call, pinfo->num);
    proto_item *ti = proto_tree_add_string(call_tree, hf_pexip_media_kind, tvb, 0, 0,
                                           pexip_media_kind_name(info->kind));
    proto_item_set_generated(ti);
    ti = proto_tree_add_uint(call_tree, hf_pexip_media_setup_frame, tvb, 0, 0, s->setup_frame);
    proto_item_set_generated(ti);
    if (s->channel)
        ti = proto_tree_add_uint(call_tree, hf_pexip_media_channel, tvb, 0, 0, s->channel);
    else
        ti = proto_tree_add_uint(call_tree, hf_pexip_media_mline, tvb, 0, 0, s->mline);
    proto_item_set_generated(ti);
    ti = proto_tree_add_uint(call_tree, hf_pexip_media_stream, tvb, 0, 0, s->stream);
    proto_item_set_generated(ti);
    ti = proto_tree_add_string(call_tree, hf_pexip_media_direction, tvb, 0, 0,
                               pexip_direction_name(s->direction));
    proto_item_set_generated(ti);
    const char *floor = pexip_floor_status_name(info->floor_status);
    if (floor) {
        ti = proto_tree_add_string(call_tree, hf_pexip_bfcp_floor_status, tvb, 0, 0, floor);
        proto_item_set_generated(ti);
    }
}

static void
add_strings(proto_tree *tree, int hf, tvbuff_t *tvb, wmem_array_t *strings)
{
    if (!strings)
        return;
    const char **s = (const char **)wmem_array_get_raw(strings);
    for (guint i = 0; i < wmem_array_get_count(strings); i++) {
        proto_item *ti = proto_tree_add_string(tree, hf, tvb, 0, 0, s[i]);
        proto_item_set_generated(ti);
    }
}

/* Findings (pexip_finding_t) as expert infos on item; beside each, its
 * filter name as pexip.finding, for columns (an expert info cannot be a
 * column). */
static void
add_findings(packet_info *pinfo, proto_item *item, proto_tree *tree, wmem_array_t *findings)
{
    if (!findings)
        return;
    const pexip_finding_t *f = (const pexip_finding_t *)wmem_array_get_raw(findings);
    for (guint i = 0; i < wmem_array_get_count(findings); i++) {
        expert_add_info_format(pinfo, item, &ei_findings[f[i].kind], "%s",
                               pexip_finding_text_fit(pinfo->pool, f[i].text));
        proto_item *ti = proto_tree_add_string(tree, hf_pexip_finding, NULL, 0, 0,
                                               pexip_findings[f[i].kind].name);
        proto_item_set_generated(ti);
    }
}

static void
add_proxy_tree(tvbuff_t *tvb, proto_item *pexip_item, proto_tree *pexip_tree,
               const pexip_proxy_frame_t *info)
{
    if (info->target) {
        proto_item *ti = proto_tree_add_string(pexip_tree, hf_pexip_proxy_target, tvb, 0, 0,
                                               info->target);
        proto_item_set_generated(ti);
        proto_item_append_text(pexip_item, ", proxy CONNECT %s", info->target);
    }
    add_strings(pexip_tree, hf_pexip_proxy_auth_scheme, tvb, info->schemes);
    add_strings(pexip_tree, hf_pexip_proxy_cert_name, tvb, info->cert_names);
}

/* The service part: direction, addresses and the rules that matched,
 * port class, calls. */
static void
add_service_tree(tvbuff_t *tvb, packet_info *pinfo, proto_item *pexip_item, proto_tree *pexip_tree,
                 const pexip_frame_view_t *view)
{
    const address *src = &pinfo->net_src;
    const address *dst = &pinfo->net_dst;
    gboolean src_is_service = view->src_is_service, dst_is_service = view->dst_is_service;
    const char *direction = src_is_service && dst_is_service ? "within-service"
                          : dst_is_service ? "to-service" : "from-service";
    proto_item *ti = proto_tree_add_boolean(pexip_tree, hf_pexip_service, tvb, 0, 0, TRUE);
    proto_item_set_generated(ti);
    ti = proto_tree_add_string(pexip_tree, hf_pexip_direction, tvb, 0, 0, direction);
    proto_item_set_generated(ti);
    if (src_is_service) {
        add_address(pexip_tree, hf_pexip_service_addr, hf_pexip_service_addr6, tvb, src);
        add_range(pexip_tree, tvb, &view->src_match);
    }
    if (dst_is_service) {
        add_address(pexip_tree, hf_pexip_service_addr, hf_pexip_service_addr6, tvb, dst);
        add_range(pexip_tree, tvb, &view->dst_match);
    }
    if (!(src_is_service && dst_is_service))
        add_address(pexip_tree, hf_pexip_peer_addr, hf_pexip_peer_addr6, tvb,
                    dst_is_service ? src : dst);
    ti = proto_tree_add_string(pexip_tree, hf_pexip_port_class, tvb, 0, 0,
                               pexip_port_class_name(view->cls));
    proto_item_set_generated(ti);
    proto_item_append_text(pexip_item, ", %s, %s", direction, pexip_port_class_name(view->cls));
    if (view->calls) {
        add_call_tree(pexip_tree, tvb, pinfo, view->calls);
        add_other_copies(pexip_tree, tvb, pinfo, &view->calls->sip);
    }
}

void
pexip_tree_add(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const pexip_frame_view_t *view)
{
    proto_item *pexip_item = proto_tree_add_item(tree, proto_pexip, tvb, 0, 0, ENC_NA);
    proto_tree *pexip_tree = proto_item_add_subtree(pexip_item, ett_pexip);
    if (view->src_is_service || view->dst_is_service)
        add_service_tree(tvb, pinfo, pexip_item, pexip_tree, view);
    add_findings(pinfo, pexip_item, pexip_tree, view->findings);
    if (view->proxy)
        add_proxy_tree(tvb, pexip_item, pexip_tree, view->proxy);
    if (view->dns) {
        add_dns_tree(tvb, pexip_tree, view->dns);
        proto_item_append_text(pexip_item, ", DNS for %s", view->dns->query);
    }
}

/* ---- registration ----------------------------------------------------- */

/* One expert info per row of the findings table. */
static void
register_findings(int proto)
{
    static const ei_register_info blank = { NULL, { NULL, 0, 0, NULL, EXPFILL } };
    static ei_register_info ei[PEXIP_FINDING_COUNT];
    for (guint i = 0; i < PEXIP_FINDING_COUNT; i++) {
        const pexip_finding_info_t *row = &pexip_findings[i];
        ei[i] = blank;
        ei[i].ids = &ei_findings[i];
        ei[i].eiinfo.name = row->name;
        ei[i].eiinfo.group = row->group;
        ei[i].eiinfo.severity = row->severity;
        ei[i].eiinfo.summary = row->summary;
    }
    expert_module_t *expert = expert_register_protocol(proto);
    expert_register_field_array(expert, ei, array_length(ei));
}

/* pexip.service, direction, addresses, ranges, port class; DNS. */
static void
register_service_fields(int proto)
{
    static hf_register_info hf[] = {
        { &hf_pexip_service,
          { "Pexip service traffic", "pexip.service", FT_BOOLEAN, BASE_NONE,
            NULL, 0x0, "The packet is to or from a Pexip Service address", HFILL } },
        { &hf_pexip_direction,
          { "Direction", "pexip.direction", FT_STRING, BASE_NONE, NULL, 0x0,
            "to-service, from-service or within-service", HFILL } },
        { &hf_pexip_service_addr,
          { "Service address", "pexip.service_addr", FT_IPv4, BASE_NONE, NULL, 0x0,
            "The service-side address of the packet (IPv4)", HFILL } },
        { &hf_pexip_service_addr6,
          { "Service IPv6 address", "pexip.service_addr6", FT_IPv6, BASE_NONE, NULL, 0x0,
            "The service-side address of the packet (IPv6)", HFILL } },
        { &hf_pexip_peer_addr,
          { "Peer address", "pexip.peer_addr", FT_IPv4, BASE_NONE, NULL, 0x0,
            "The address on the other side from the service (IPv4)", HFILL } },
        { &hf_pexip_peer_addr6,
          { "Peer IPv6 address", "pexip.peer_addr6", FT_IPv6, BASE_NONE, NULL, 0x0,
            "The address on the other side from the service (IPv6)", HFILL } },
        { &hf_pexip_range,
          { "Service range", "pexip.range", FT_STRING, BASE_NONE, NULL, 0x0,
            "The prefix that matched the service address, or \"dns\"", HFILL } },
        { &hf_pexip_range_label,
          { "Service range label", "pexip.range_label", FT_STRING, BASE_NONE, NULL, 0x0,
            "The label of the matching prefix, or the DNS name answered", HFILL } },
        { &hf_pexip_port_class,
          { "Port class", "pexip.port_class", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the service-side port and protocol mean", HFILL } },
        { &hf_pexip_dns_query,
          { "DNS answer for service name", "pexip.dns.query", FT_STRING, BASE_NONE,
            NULL, 0x0, "A DNS answer for a service domain (pexip.dns_suffixes)", HFILL } },
        { &hf_pexip_dns_learned,
          { "Learned service address", "pexip.dns.learned_addr", FT_IPv4, BASE_NONE,
            NULL, 0x0, "An address this DNS answer made a service address", HFILL } },
        { &hf_pexip_dns_learned6,
          { "Learned service IPv6 address", "pexip.dns.learned_addr6", FT_IPv6, BASE_NONE,
            NULL, 0x0, "An IPv6 address this DNS answer made a service address", HFILL } },
    };
    proto_register_field_array(proto, hf, array_length(hf));
}

/* pexip.call and what a packet of a call is (media kind, setup, floor). */
static void
register_call_fields(int proto)
{
    static hf_register_info hf[] = {
        { &hf_pexip_call,
          { "Call", "pexip.call", FT_UINT32, BASE_DEC, NULL, 0x0,
            "The call this packet belongs to: 1, 2, ... in order of the call's first frame", HFILL } },
        { &hf_pexip_call_id,
          { "Call identifier", "pexip.call_id", FT_STRING, BASE_NONE, NULL, 0x0,
            "The SIP Call-ID, or the H.323 callIdentifier (GUID)", HFILL } },
        { &hf_pexip_signaling,
          { "Signalling", "pexip.signaling", FT_STRING, BASE_NONE, NULL, 0x0,
            "The call's signalling: SIP or H.323", HFILL } },
        { &hf_pexip_dial_string,
          { "Dialled", "pexip.dial_string", FT_STRING, BASE_NONE, NULL, 0x0,
            "The called address as the device sent it: H.225.0 Setup destinationAddress "
            "aliases and destCallSignalAddress, or the SIP INVITE's Request-URI", HFILL } },
        { &hf_pexip_conference_id,
          { "Conference number", "pexip.conference_id", FT_STRING, BASE_NONE, NULL, 0x0,
            "The conference the device dialled (185.94.242.66##N, N@185.94.242.66, "
            "N@vmr.vc, dialledDigits), or keyed into the IVR (DTMF up to #)", HFILL } },
        { &hf_pexip_dial_uri,
          { "Dialled URI", "pexip.dial_uri", FT_STRING, BASE_NONE, NULL, 0x0,
            "A dialled user@domain that is not a conference number, "
            "e.g. person.vmr@pexip.com", HFILL } },
        { &hf_pexip_media_kind,
          { "Media kind", "pexip.media.kind", FT_STRING, BASE_NONE, NULL, 0x0,
            "audio, video, content, bfcp, t38 or other", HFILL } },
        { &hf_pexip_media_setup_frame,
          { "Media setup frame", "pexip.media.setup_frame", FT_FRAMENUM, BASE_NONE,
            FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0,
            "The frame whose SDP, H.245 OpenLogicalChannel or OpenLogicalChannelAck "
            "announced this packet's destination", HFILL } },
        { &hf_pexip_media_mline,
          { "SDP m-line", "pexip.media.mline", FT_UINT32, BASE_DEC, NULL, 0x0,
            "0-based index of the announcing m-line", HFILL } },
        { &hf_pexip_media_channel,
          { "H.245 logical channel", "pexip.media.channel", FT_UINT32, BASE_DEC, NULL, 0x0,
            "H.323: the number of the logical channel that announced the destination", HFILL } },
        { &hf_pexip_media_stream,
          { "Stream", "pexip.media.stream", FT_UINT32, BASE_DEC, NULL, 0x0,
            "The stream within the call: SIP the m-line index + 1, H.323 the H.245 "
            "session ID (1 audio, 2 video, 3 and up data and content)", HFILL } },
        { &hf_pexip_media_direction,
          { "Announced direction", "pexip.media.direction", FT_STRING, BASE_NONE, NULL, 0x0,
            "The direction attribute of the announcing m-line: sendrecv, sendonly, "
            "recvonly, inactive; H.323: recvonly (where a channel is received), sendonly "
            "(only the sender's RTCP address)", HFILL } },
        { &hf_pexip_bfcp_floor_status,
          { "Floor status", "pexip.bfcp.floor_status", FT_STRING, BASE_NONE, NULL, 0x0,
            "On BFCP messages that carry a request status: pending, accepted, granted, "
            "denied, cancelled, released, revoked", HFILL } },
    };
    proto_register_field_array(proto, hf, array_length(hf));
}

/* pexip.announced.*: what each stream a signalling frame announced became. */
static void
register_announced_fields(int proto)
{
    static hf_register_info hf[] = {
        { &hf_pexip_announced_stream,
          { "Announced stream", "pexip.announced.stream", FT_UINT32, BASE_DEC, NULL, 0x0,
            "A stream this message's SDP or H.245 channel announced (its number within "
            "the call)", HFILL } },
        { &hf_pexip_announced_mline,
          { "SDP m-line", "pexip.announced.mline", FT_UINT32, BASE_DEC, NULL, 0x0,
            "0-based index of the m-line", HFILL } },
        { &hf_pexip_announced_channel,
          { "H.245 logical channel", "pexip.announced.channel", FT_UINT32, BASE_DEC, NULL, 0x0,
            "H.323: the logical channel number of the OLC or OLC-Ack", HFILL } },
        { &hf_pexip_announced_kind,
          { "Kind", "pexip.announced.kind", FT_STRING, BASE_NONE, NULL, 0x0,
            "audio, video, content, bfcp, t38 or other", HFILL } },
        { &hf_pexip_announced_addr,
          { "Destination address", "pexip.announced.addr", FT_IPv4, BASE_NONE, NULL, 0x0,
            "The announced connection address (IPv4)", HFILL } },
        { &hf_pexip_announced_addr6,
          { "Destination IPv6 address", "pexip.announced.addr6", FT_IPv6, BASE_NONE, NULL, 0x0,
            "The announced connection address (IPv6)", HFILL } },
        { &hf_pexip_announced_port,
          { "Destination port", "pexip.announced.port", FT_UINT16, BASE_DEC, NULL, 0x0,
            "The announced port", HFILL } },
        { &hf_pexip_announced_rtcp_addr,
          { "RTCP address", "pexip.announced.rtcp_addr", FT_IPv4, BASE_NONE, NULL, 0x0,
            "Where RTCP of this stream is received (IPv4): SDP the same address, H.245 "
            "the mediaControlChannel", HFILL } },
        { &hf_pexip_announced_rtcp_addr6,
          { "RTCP IPv6 address", "pexip.announced.rtcp_addr6", FT_IPv6, BASE_NONE, NULL, 0x0,
            "Where RTCP of this stream is received (IPv6)", HFILL } },
        { &hf_pexip_announced_rtcp_port,
          { "RTCP port", "pexip.announced.rtcp_port", FT_UINT16, BASE_DEC, NULL, 0x0,
            "Where RTCP of this stream is received: SDP port + 1 (unless rtcp-mux), "
            "H.245 the mediaControlChannel", HFILL } },
        { &hf_pexip_announced_transport,
          { "Transport", "pexip.announced.transport", FT_STRING, BASE_NONE, NULL, 0x0,
            "The m-line's transport: RTP/AVP, UDP/TLS/RTP/SAVPF, TCP/BFCP, udptl, ...; "
            "H.323: RTP, or RTCP when only the RTCP address is named", HFILL } },
        { &hf_pexip_announced_direction,
          { "Direction", "pexip.announced.direction", FT_STRING, BASE_NONE, NULL, 0x0,
            "sendrecv, sendonly, recvonly or inactive (sendonly/inactive: hold)", HFILL } },
        { &hf_pexip_announced_packets_to,
          { "Packets to it", "pexip.announced.packets_to", FT_UINT32, BASE_DEC, NULL, 0x0,
            "Packets sent to this destination while this announcement was in force "
            "(after the capture has been read)", HFILL } },
        { &hf_pexip_announced_bytes_to,
          { "Bytes to it", "pexip.announced.bytes_to", FT_UINT64, BASE_DEC, NULL, 0x0,
            "Frame bytes of those packets", HFILL } },
        { &hf_pexip_announced_packets_from,
          { "Packets from it", "pexip.announced.packets_from", FT_UINT32, BASE_DEC, NULL, 0x0,
            "Packets sent from this address and port (the announcing side sending) "
            "while this announcement was in force", HFILL } },
        { &hf_pexip_announced_bytes_from,
          { "Bytes from it", "pexip.announced.bytes_from", FT_UINT64, BASE_DEC, NULL, 0x0,
            "Frame bytes of those packets", HFILL } },
        { &hf_pexip_announced_first_frame,
          { "First packet", "pexip.announced.first_frame", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "The first packet to or from this destination", HFILL } },
        { &hf_pexip_announced_last_frame,
          { "Last packet", "pexip.announced.last_frame", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "The last packet to or from this destination", HFILL } },
    };
    proto_register_field_array(proto, hf, array_length(hf));
}

/* pexip.proxy.*, pexip.alg.other_frame and pexip.finding. */
static void
register_proxy_fields(int proto)
{
    static hf_register_info hf[] = {
        { &hf_pexip_proxy_target,
          { "Proxy CONNECT target", "pexip.proxy.target", FT_STRING, BASE_NONE, NULL, 0x0,
            "The host:port of an HTTP CONNECT to a service host through a web proxy: on the "
            "CONNECT and on its final response", HFILL } },
        { &hf_pexip_proxy_auth_scheme,
          { "Proxy auth scheme", "pexip.proxy.auth_scheme", FT_STRING, BASE_NONE, NULL, 0x0,
            "A scheme a 407 to such a CONNECT offers (Proxy-Authenticate), or the scheme of "
            "the credentials the CONNECT sends (Proxy-Authorization)", HFILL } },
        { &hf_pexip_proxy_cert_name,
          { "Server certificate name", "pexip.proxy.cert_name", FT_STRING, BASE_NONE, NULL, 0x0,
            "A name the server certificate of TLS with a service host is for: "
            "subjectAltName dNSNames, then subject CN", HFILL } },
        { &hf_pexip_alg_other_frame,
          { "Other copy", "pexip.alg.other_frame", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "The same SIP, H.225.0 or H.245 message seen at another capture point with other "
            "addresses or ports (pexip.alg.rewritten)", HFILL } },
        { &hf_pexip_finding,
          { "Finding", "pexip.finding", FT_STRING, BASE_NONE, NULL, 0x0,
            "The name of each Pexip expert info on this packet (pexip.media.missing, ...): "
            "for a column of findings", HFILL } },
    };
    proto_register_field_array(proto, hf, array_length(hf));
}

void
pexip_tree_register(int proto)
{
    static gint *ett[] = {
        &ett_pexip,
        &ett_pexip_dns,
        &ett_pexip_call,
        &ett_pexip_announced,
    };
    proto_pexip = proto;
    register_service_fields(proto);
    register_call_fields(proto);
    register_announced_fields(proto);
    register_proxy_fields(proto);
    proto_register_subtree_array(ett, array_length(ett));
    register_findings(proto);
}
