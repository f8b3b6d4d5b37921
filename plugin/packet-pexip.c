/* packet-pexip.c
 * "Pexip service" post-dissector: registration (fields, preferences, the
 * service address table) and the per-packet entry point.
 *
 * The work is done in small files beside this one:
 *   pexip-ranges.c  the service address table (longest-prefix trie)
 *   pexip-dns.c     service names and the addresses DNS answered for them
 *   pexip-ports.c   what a service-side port means (pexip.port_class)
 *   pexip-calls.c   the call model: calls and their announced media
 *   pexip-sdp.c     reading SDP m-lines
 *   pexip-sip.c     SIP/SDP dissection into the call model
 *   pexip-copies.c  signalling messages seen twice (pexip.alg.rewritten)
 *   pexip-sip-refresh.c in-dialog requests and connections the customer
 *                   side never answers (pexip.sip.refresh_unanswered)
 *   pexip-bfcp.c    BFCP set up from SDP, and its floor state
 *   pexip-h323.c    H.225.0 into the call model
 *   pexip-h245.c    H.245 logical channels and keys into the call model
 *   pexip-reach.c   TCP connections to announced endpoints (h245Address, Contact)
 *   pexip-proxy.c   HTTP CONNECT tunnels through web proxies, TLS through them
 *   pexip-detectors.c, pexip-media-check.c  what breaks calls (expert infos)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define WS_BUILD_DLL
#define WS_LOG_DOMAIN "pexip"

#include <wireshark.h>
#include <epan/packet.h>
#include <epan/prefs.h>
#include <epan/uat.h>
#include <epan/range.h>
#include <epan/proto_data.h>
#include <epan/expert.h>
#include <wsutil/report_message.h>

#include "pexip-compat.h"
#include "pexip-fields.h"
#include "pexip-ranges.h"
#include "pexip-ports.h"
#include "pexip-dns.h"
#include "pexip-calls.h"
#include "pexip-sip.h"
#include "pexip-bfcp.h"
#include "pexip-h323.h"
#include "pexip-h245.h"
#include "pexip-endpoint.h"
#include "pexip-rtp-event.h"
#include "pexip-media-check.h"
#include "pexip-sip-refresh.h"
#include "pexip-copies.h"
#include "pexip-proxy.h"
#include "service_ranges_default.h"

#ifndef PEXIP_PLUGIN_VERSION
#define PEXIP_PLUGIN_VERSION "0.0.0"
#endif

WS_DLL_PUBLIC_DEF const char plugin_version[] = PEXIP_PLUGIN_VERSION;
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;
WS_DLL_PUBLIC void plugin_register(void);
#ifdef PEXIP_HAVE_PLUGIN_DESCRIBE
WS_DLL_PUBLIC uint32_t plugin_describe(void);
#endif

void proto_register_pexip(void);
void proto_reg_handoff_pexip(void);

#define PEXIP_RANGES_UAT_NAME "pexip_service_ranges"

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

static gint ett_pexip = -1;
static gint ett_pexip_dns = -1;
static gint ett_pexip_call = -1;
static gint ett_pexip_announced = -1;

static expert_field ei_pexip_sip_encrypted = EI_INIT;
/* One per pexip_finding_kind_t. */
static expert_field ei_pexip_findings[PEXIP_FINDING_COUNT] = { EI_INIT };

static dissector_handle_t pexip_handle;

/* Fields of other dissectors that the post-dissector reads. */
static int hf_dns_qry_name = -1;
static int hf_dns_a = -1;
static int hf_dns_aaaa = -1;
static int hf_icmp_type = -1;
static int hf_icmpv6_type = -1;

/* Protocols whose presence decides pexip.port_class. */
static int proto_rtp = -1;
static int proto_rtcp = -1;
static int proto_bfcp = -1;
static int proto_stun = -1;
static int proto_dns = -1;
static int proto_t38 = -1;
static int proto_tls = -1;
static int proto_sip = -1;
static int proto_icmp = -1;
static int proto_icmpv6 = -1;
static int proto_h225 = -1;
static int proto_h245 = -1;
static int proto_rtp_event = -1;

/* ---- preferences ------------------------------------------------------ */

static pexip_ws_bool_t pref_use_default_ranges = TRUE;
static const char *pref_dns_suffixes = PEXIP_DNS_DEFAULT_SUFFIXES;
static range_t *pref_udp_media_ports;
static range_t *pref_tcp_media_ports;
static guint pref_media_timeout = 5;
static range_t *pref_sbc_media_ports;

#define DEFAULT_UDP_MEDIA_PORTS "40000-49999"
#define DEFAULT_TCP_MEDIA_PORTS "33000-39999"

/* ---- the user table pexip_service_ranges ------------------------------ */

typedef struct {
    char *cidr;
    char *label;
} service_range_row_t;

static service_range_row_t *service_range_rows;
static guint service_range_row_count;

UAT_CSTRING_CB_DEF(service_range_rows, cidr, service_range_row_t)
UAT_CSTRING_CB_DEF(service_range_rows, label, service_range_row_t)

static void *
service_range_row_copy(void *dest, const void *src, size_t len _U_)
{
    service_range_row_t *d = (service_range_row_t *)dest;
    const service_range_row_t *s = (const service_range_row_t *)src;
    d->cidr = g_strdup(s->cidr);
    d->label = g_strdup(s->label);
    return d;
}

static void
service_range_row_free(void *r)
{
    service_range_row_t *row = (service_range_row_t *)r;
    g_free(row->cidr);
    g_free(row->label);
}

/* A row that is not a prefix is refused with a message naming it: the GUI
 * marks it as it is typed, a profile file reports "pexip_service_ranges:N"
 * and keeps its other rows, and -o fails with the message. Rows that reach
 * the table some other way are checked again when the table is built. */
static pexip_ws_bool_t
service_range_cidr_check(void *r _U_, const char *text, unsigned len,
                         const void *u1 _U_, const void *u2 _U_, char **err)
{
    char *value = g_strndup(text, len);
    pexip_prefix_t prefix;
    /* Wireshark prefixes the message with the table name and line. */
    gboolean ok = pexip_prefix_parse(value, &prefix, err);
    g_free(value);
    return ok;
}

/* ---- effective configuration (rebuilt when prefs or the table change) - */

static pexip_range_table_t *service_ranges;
static pexip_dns_suffixes_t *dns_suffixes;
static gboolean config_dirty = TRUE;
/* Frames the first pass has read (the whole-capture detectors run again
 * when this changed: a live capture). */
static guint32 first_pass_frames;

static void
mark_config_dirty(void)
{
    config_dirty = TRUE;
}

static void
rebuild_config(void)
{
    GString *errors = g_string_new(NULL);

    pexip_range_table_free(service_ranges);
    service_ranges = pexip_range_table_new();
    if (pref_use_default_ranges)
        pexip_range_table_add_csv(service_ranges, pexip_default_ranges_csv,
                                  "built-in default table", errors);
    for (guint i = 0; i < service_range_row_count; i++) {
        const service_range_row_t *row = &service_range_rows[i];
        char *err = NULL;
        if (!pexip_range_table_add(service_ranges, row->cidr, row->label, &err)) {
            g_string_append_printf(errors,
                                   "%s row %u (\"%s\",\"%s\"): %s; this row is "
                                   "ignored, the others are used\n",
                                   PEXIP_RANGES_UAT_NAME, i + 1,
                                   row->cidr ? row->cidr : "",
                                   row->label ? row->label : "", err);
            g_free(err);
        }
    }

    pexip_dns_suffixes_free(dns_suffixes);
    char *err = NULL;
    dns_suffixes = pexip_dns_suffixes_parse(pref_dns_suffixes, &err);
    if (err) {
        g_string_append_printf(errors, "preference pexip.dns_suffixes: %s\n", err);
        g_free(err);
    }

    if (errors->len) {
        g_strchomp(errors->str);
        report_failure("Pexip service plugin:\n%s", errors->str);
    }
    g_string_free(errors, TRUE);
    config_dirty = FALSE;
}

static gboolean is_service_address(guint8 family, const guint8 *bytes, guint32 frame);

static void
pexip_init(void)
{
    if (config_dirty)
        rebuild_config();
    pexip_learned_init();
    first_pass_frames = 0;
    pexip_calls_init(wmem_file_scope(), is_service_address);
    pexip_frame_findings_init(wmem_file_scope());
    pexip_copies_init(wmem_file_scope());
    pexip_sip_init();
    pexip_sip_refresh_init(is_service_address);
    pexip_h323_init();
    pexip_h245_init();
    pexip_proxy_init(is_service_address);
}

static void
pexip_cleanup(void)
{
    pexip_learned_cleanup();
    pexip_calls_cleanup();
    pexip_frame_findings_cleanup();
    pexip_copies_cleanup();
    pexip_sip_cleanup();
    pexip_sip_refresh_cleanup();
    pexip_h323_cleanup();
    pexip_h245_cleanup();
    pexip_proxy_cleanup();
}

static void
pexip_shutdown(void)
{
    pexip_range_table_free(service_ranges);
    service_ranges = NULL;
    pexip_dns_suffixes_free(dns_suffixes);
    dns_suffixes = NULL;
}

/* ---- per packet ------------------------------------------------------- */

/* Which side of the packet is the service's, and by which rule. */
typedef struct {
    const pexip_range_t *range;             /* configured prefix, or */
    const pexip_learned_addr_t *learned;    /* an address from DNS */
} service_match_t;

static gboolean
match_service(guint8 family, const address *addr, guint32 frame,
              service_match_t *match)
{
    const guint8 *bytes = (const guint8 *)addr->data;
    match->range = pexip_range_table_lookup(service_ranges, family, bytes);
    match->learned = match->range ? NULL
                                  : pexip_learned_lookup(family, bytes, frame);
    return match->range || match->learned;
}

/* For dialled strings: "87654321@<address>" names a conference only at a
 * service address. */
static gboolean
is_service_address(guint8 family, const guint8 *bytes, guint32 frame)
{
    address addr;
    pexip_address_set(&addr, family, bytes);
    service_match_t match;
    return match_service(family, &addr, frame, &match);
}

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
add_range(proto_tree *tree, tvbuff_t *tvb, const service_match_t *match)
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

static guint
protocols_seen(packet_info *pinfo)
{
    guint seen = 0;
    for (wmem_list_frame_t *f = wmem_list_head(pinfo->layers); f; f = wmem_list_frame_next(f)) {
        int id = GPOINTER_TO_INT(wmem_list_frame_data(f));
        if (id == proto_rtp)
            seen |= PEXIP_SEEN_RTP;
        else if (id == proto_rtcp)
            seen |= PEXIP_SEEN_RTCP;
        else if (id == proto_bfcp)
            seen |= PEXIP_SEEN_BFCP;
        else if (id == proto_stun)
            seen |= PEXIP_SEEN_STUN;
        else if (id == proto_dns)
            seen |= PEXIP_SEEN_DNS;
        else if (id == proto_t38)
            seen |= PEXIP_SEEN_T38;
        else if (id == proto_tls)
            seen |= PEXIP_SEEN_TLS;
        else if (id == proto_sip)
            seen |= PEXIP_SEEN_SIP;
        else if (id == proto_icmp || id == proto_icmpv6)
            seen |= PEXIP_SEEN_ICMP;
        else if (id == proto_h225)
            seen |= PEXIP_SEEN_H225;
        else if (id == proto_h245)
            seen |= PEXIP_SEEN_H245;
        else if (id == proto_rtp_event)
            seen |= PEXIP_SEEN_RTP_EVENT;
    }
    return seen;
}

static pexip_transport_t
packet_transport(const packet_info *pinfo)
{
    switch (pinfo->ptype) {
    case PT_UDP: return PEXIP_TRANSPORT_UDP;
    case PT_TCP: return PEXIP_TRANSPORT_TCP;
    default:     return PEXIP_TRANSPORT_OTHER;
    }
}

/* What a DNS packet for a service name said: kept per frame, because
 * other dissectors' fields are only there on the first pass (Wireshark
 * primes a post-dissector's wanted fields on that pass alone). */
typedef struct {
    const char *query;
    wmem_array_t *v4;   /* of ws_in4_addr */
    wmem_array_t *v6;   /* of ws_in6_addr */
} dns_frame_info_t;

#define PEXIP_PROTO_DATA_DNS 0

/* First pass: read the DNS fields; a question for a service name makes its
 * answers (A/AAAA) service addresses. */
static dns_frame_info_t *
read_dns(packet_info *pinfo, proto_tree *tree)
{
    if (!tree || !dns_suffixes)
        return NULL;
    GPtrArray *names = proto_get_finfo_ptr_array(tree, hf_dns_qry_name);
    if (!names || names->len == 0)
        return NULL;
    field_info *name_fi = (field_info *)g_ptr_array_index(names, 0);
    const char *name = fvalue_get_string(PEXIP_FINFO_FVALUE(name_fi));
    if (!pexip_dns_name_matches(dns_suffixes, name))
        return NULL;

    dns_frame_info_t *info = wmem_new0(wmem_file_scope(), dns_frame_info_t);
    info->query = wmem_strdup(wmem_file_scope(), name);
    info->v4 = wmem_array_new(wmem_file_scope(), sizeof(ws_in4_addr));
    info->v6 = wmem_array_new(wmem_file_scope(), sizeof(ws_in6_addr));

    GPtrArray *a = proto_get_finfo_ptr_array(tree, hf_dns_a);
    for (guint i = 0; a && i < a->len; i++) {
        field_info *fi = (field_info *)g_ptr_array_index(a, i);
        if (fi->length == 4) {
            ws_in4_addr a4 = tvb_get_ipv4(fi->ds_tvb, fi->start);
            wmem_array_append_one(info->v4, a4);
            pexip_learned_add(PEXIP_FAMILY_IPV4, (const guint8 *)&a4, pinfo->num, name);
        }
    }
    GPtrArray *aaaa = proto_get_finfo_ptr_array(tree, hf_dns_aaaa);
    for (guint i = 0; aaaa && i < aaaa->len; i++) {
        field_info *fi = (field_info *)g_ptr_array_index(aaaa, i);
        if (fi->length == 16) {
            ws_in6_addr a6;
            tvb_get_ipv6(fi->ds_tvb, fi->start, &a6);
            wmem_array_append_one(info->v6, a6);
            pexip_learned_add(PEXIP_FAMILY_IPV6, a6.bytes, pinfo->num, name);
        }
    }
    return info;
}

static const dns_frame_info_t *
dns_frame_info(packet_info *pinfo, proto_tree *tree)
{
    if (PINFO_FD_VISITED(pinfo))
        return (const dns_frame_info_t *)p_get_proto_data(wmem_file_scope(), pinfo,
                                                          proto_pexip, PEXIP_PROTO_DATA_DNS);
    dns_frame_info_t *info = read_dns(pinfo, tree);
    if (info)
        p_add_proto_data(wmem_file_scope(), pinfo, proto_pexip, PEXIP_PROTO_DATA_DNS, info);
    return info;
}

static void
add_dns_tree(tvbuff_t *tvb, proto_tree *pexip_tree, const dns_frame_info_t *info)
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

/* Which calls a frame belongs to. */
typedef struct {
    pexip_signalling_frame_t sip;              /* signalling: calls, announced streams */
    const pexip_media_setup_t *media;   /* media: the setup in force */
    pexip_media_kind_t kind;            /* media: the kind, refined by what was dissected */
    pexip_floor_status_t floor_status;  /* BFCP: the floor state it carries */
} call_frame_info_t;

/* Signalling frames keep what they read (other dissectors' fields are
 * there on the first pass only). Media frames keep nothing: the model is
 * complete after the first pass and a lookup at a frame gives the same
 * setup on every pass (announcements are appended in frame order), so
 * millions of RTP packets cost no memory. BFCP frames keep their floor
 * state. */
#define PEXIP_PROTO_DATA_CALLS 1
#define PEXIP_PROTO_DATA_ENCRYPTED 2
#define PEXIP_PROTO_DATA_FLOOR 3
#define PEXIP_PROTO_DATA_PROXY 4

/* The setup a media packet links to; on the first pass, counting it on
 * the streams it goes to and comes from. By destination as announced, so
 * a source that NAT or latching changed still links; else by source, the
 * announced address sending (symmetric media; the reply direction of a
 * TCP connection such as BFCP; the far side's announcement not captured). */
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
    wmem_allocator_t *ps = wmem_packet_scope();
    pexip_frame_findings_add(
        pinfo->num, PEXIP_FINDING_MEDIA_UNANNOUNCED_SOURCE,
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
            p_get_proto_data(wmem_file_scope(), pinfo, proto_pexip, PEXIP_PROTO_DATA_FLOOR));
    pexip_floor_status_t status = pexip_bfcp_floor_status(tree);
    if (status == PEXIP_FLOOR_GRANTED && call)
        pexip_call_floor_granted(call, pinfo->num, nstime_to_sec(&pinfo->abs_ts));
    if (status != PEXIP_FLOOR_NONE)
        p_add_proto_data(wmem_file_scope(), pinfo, proto_pexip, PEXIP_PROTO_DATA_FLOOR,
                         GUINT_TO_POINTER(status));
    return status;
}

/* pexip.media.outside_sbc_range: a customer-side destination a frame
 * announced on a port outside pexip.sbc_media_ports (once per call). */
static void
check_sbc_ports(pexip_signalling_frame_t *frame)
{
    if (!frame->streams || !pref_sbc_media_ports || pref_sbc_media_ports->nranges == 0)
        return;
    pexip_stream_t **streams = (pexip_stream_t **)wmem_array_get_raw(frame->streams);
    for (guint i = 0; i < wmem_array_get_count(frame->streams); i++) {
        const pexip_stream_t *s = streams[i];
        /* Every call is created and owned by the model. */
        pexip_call_t *call = (pexip_call_t *)s->call;
        if (s->port == 0 || s->tcp || value_is_in_range(pref_sbc_media_ports, s->port) ||
            is_service_address(s->family, s->addr, s->setup_frame) ||
            pexip_call_finding_shown(call, PEXIP_FINDING_MEDIA_OUTSIDE_SBC_RANGE))
            continue;
        char *ranges = range_convert_range(NULL, pref_sbc_media_ports);
        pexip_signalling_frame_add_finding(
            frame, call, PEXIP_FINDING_MEDIA_OUTSIDE_SBC_RANGE,
            wmem_strdup_printf(wmem_file_scope(),
                               "%s to %s: port %u is outside the SBC media ports %s "
                               "(pexip.sbc_media_ports): check the SBC's port range and the "
                               "firewall rule that opens it to the service",
                               pexip_media_kind_name(s->kind),
                               pexip_address_to_str(wmem_packet_scope(), s->family, s->addr, 0),
                               s->port, ranges));
        wmem_free(NULL, ranges);
    }
}

/* pexip.media.icmp_unreachable: an ICMP or ICMPv6 destination unreachable
 * that quotes a packet of a call (first pass; once per stream). */
static void
check_icmp(packet_info *pinfo, proto_tree *tree)
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
    if (!setup || setup->stream->icmp_reported ||
        (setup->call->ended_frame && setup->call->ended_frame < pinfo->num) ||
        (setup->stream->superseded_frame && setup->stream->superseded_frame < pinfo->num))
        return;
    setup->stream->icmp_reported = TRUE;
    wmem_allocator_t *ps = wmem_packet_scope();
    pexip_frame_findings_add(
        pinfo->num, PEXIP_FINDING_MEDIA_ICMP_UNREACHABLE,
        wmem_strdup_printf(wmem_file_scope(),
                           "ICMP%s unreachable for call %u %s stream %u, %s to %s: that host or "
                           "its firewall refuses the port; open the UDP media range to the "
                           "service network",
                           v6 ? "v6" : "", setup->call->number,
                           pexip_media_kind_name(setup->stream->kind), setup->stream->stream,
                           pexip_address_to_str(ps, q.family, q.src, q.src_port),
                           pexip_address_to_str(ps, q.family, q.dst, q.dst_port)));
}

/* The calls of a frame; FALSE when it has none. */
static gboolean
call_frame_info(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, guint8 family, guint seen,
                call_frame_info_t *info)
{
    memset(info, 0, sizeof *info);
    gboolean visited = PINFO_FD_VISITED(pinfo);
    if (visited) {
        const pexip_signalling_frame_t *sip = (const pexip_signalling_frame_t *)p_get_proto_data(
            wmem_file_scope(), pinfo, proto_pexip, PEXIP_PROTO_DATA_CALLS);
        if (sip) {
            info->sip = *sip;
            return TRUE;
        }
    } else {
        /* TCP to and from announced signalling endpoints, whatever the
         * packet carries (next to nothing while none is announced). */
        pexip_h245_connection_packet(pinfo, seen);
        pexip_sip_refresh_connection_packet(pinfo, seen);
        if (((seen & PEXIP_SEEN_SIP) && pexip_sip_read(pinfo, tree, &info->sip)) ||
            ((seen & PEXIP_SEEN_H225) && pexip_h323_read(pinfo, tree, &info->sip)) ||
            ((seen & PEXIP_SEEN_H245) && pexip_h245_read(pinfo, tree, &info->sip))) {
            check_sbc_ports(&info->sip);
            pexip_signalling_frame_t *kept =
                wmem_new(wmem_file_scope(), pexip_signalling_frame_t);
            *kept = info->sip;
            p_add_proto_data(wmem_file_scope(), pinfo, proto_pexip, PEXIP_PROTO_DATA_CALLS, kept);
            return TRUE;
        }
    }
    info->media = link_media(family, pinfo, tvb_reported_length(tvb), !visited);
    if (!info->media)
        return FALSE;
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

/* Whether this frame carries the "SIP is encrypted" note: decided on the
 * first pass (once per connection), remembered for later passes. */
static gboolean
sip_encrypted_note(packet_info *pinfo, proto_tree *tree, guint seen, pexip_port_class_t cls)
{
    static int marker;
    if (cls != PEXIP_PORT_SIP_TLS)
        return FALSE;
    if (PINFO_FD_VISITED(pinfo))
        return p_get_proto_data(wmem_file_scope(), pinfo, proto_pexip,
                                PEXIP_PROTO_DATA_ENCRYPTED) != NULL;
    if (!pexip_sip_tls_first_undecrypted(pinfo, tree, seen))
        return FALSE;
    p_add_proto_data(wmem_file_scope(), pinfo, proto_pexip, PEXIP_PROTO_DATA_ENCRYPTED, &marker);
    return TRUE;
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
add_announced_stream(proto_tree *tree, tvbuff_t *tvb, const pexip_stream_t *s,
                     gboolean capture_read)
{
    proto_item *ti = proto_tree_add_uint_format_value(
        tree, hf_pexip_announced_stream, tvb, 0, 0, s->stream, "%u, %s", s->stream,
        pexip_media_kind_name(s->kind));
    proto_item_set_generated(ti);
    if (s->channel)
        proto_item_append_text(ti, " channel %u", s->channel);
    if (s->port)
        proto_item_append_text(ti, " to %s", pexip_address_to_str(wmem_packet_scope(), s->family,
                                                                  s->addr, s->port));
    if (s->channel && s->rtcp)
        proto_item_append_text(ti, "%s RTCP to %s", s->port ? "," : ":",
                               pexip_address_to_str(wmem_packet_scope(), s->rtcp_family, s->rtcp_addr,
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
    if (s->first_frame) {
        ti = proto_tree_add_uint(st, hf_pexip_announced_first_frame, tvb, 0, 0, s->first_frame);
        proto_item_set_generated(ti);
        ti = proto_tree_add_uint(st, hf_pexip_announced_last_frame, tvb, 0, 0, s->last_frame);
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
    if (!sip->copies)
        return;
    const pexip_copy_ref_t *refs = (const pexip_copy_ref_t *)wmem_array_get_raw(sip->copies);
    guint count = wmem_array_get_count(sip->copies);
    for (guint i = 0; i < count; i++) {
        guint32 other = pexip_copy_other_frame(&refs[i], pinfo->num);
        gboolean shown = FALSE;
        for (guint j = 0; j < i && !shown; j++)
            shown = pexip_copy_other_frame(&refs[j], pinfo->num) == other;
        if (other && other != pinfo->num && !shown) {
            proto_item *ti = proto_tree_add_uint(tree, hf_pexip_alg_other_frame, tvb, 0, 0, other);
            proto_item_set_generated(ti);
        }
    }
}

static void
add_call_tree(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo, const call_frame_info_t *info)
{
    if (info->sip.calls) {
        const pexip_call_t **calls = (const pexip_call_t **)wmem_array_get_raw(info->sip.calls);
        guint ncalls = wmem_array_get_count(info->sip.calls);
        pexip_stream_t **streams = info->sip.streams
            ? (pexip_stream_t **)wmem_array_get_raw(info->sip.streams) : NULL;
        guint nstreams = info->sip.streams ? wmem_array_get_count(info->sip.streams) : 0;
        for (guint i = 0; i < ncalls; i++) {
            proto_tree *call_tree = add_call(tree, tvb, calls[i], pinfo->num);
            for (guint s = 0; s < nstreams; s++) {
                if (streams[s]->call == calls[i])
                    add_announced_stream(call_tree, tvb, streams[s], PINFO_FD_VISITED(pinfo));
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

/* What a frame showed about a web proxy's tunnel to the service: read on
 * the first pass, kept for the others. NULL on almost every frame. */
static const pexip_proxy_frame_t *
proxy_frame_info(packet_info *pinfo, proto_tree *tree)
{
    /* Proxies are reached over TCP: RTP and every other UDP packet cost
     * one comparison, on every pass. */
    if (pinfo->ptype != PT_TCP)
        return NULL;
    if (PINFO_FD_VISITED(pinfo))
        return (const pexip_proxy_frame_t *)p_get_proto_data(wmem_file_scope(), pinfo, proto_pexip,
                                                              PEXIP_PROTO_DATA_PROXY);
    pexip_proxy_frame_t *info = pexip_proxy_read(pinfo, tree, dns_suffixes);
    if (info)
        p_add_proto_data(wmem_file_scope(), pinfo, proto_pexip, PEXIP_PROTO_DATA_PROXY, info);
    return info;
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

/* Findings (pexip_finding_t) as expert infos on item. */
static void
add_findings(packet_info *pinfo, proto_item *item, wmem_array_t *findings)
{
    if (!findings)
        return;
    const pexip_finding_t *f = (const pexip_finding_t *)wmem_array_get_raw(findings);
    for (guint i = 0; i < wmem_array_get_count(findings); i++)
        expert_add_info_format(pinfo, item, &ei_pexip_findings[f[i].kind], "%s",
                               pexip_finding_text_fit(wmem_packet_scope(), f[i].text));
}

static void
add_proxy_tree(tvbuff_t *tvb, packet_info *pinfo, proto_item *pexip_item, proto_tree *pexip_tree,
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
    add_findings(pinfo, pexip_item, info->findings);
}

static int
dissect_pexip(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    const address *src = &pinfo->net_src;
    const address *dst = &pinfo->net_dst;
    guint8 family = src->type == dst->type ? pexip_address_family(src) : 0;
    if (!family)
        return 0;

    /* Once the capture has been read (the first frame of a later pass),
     * the detectors that need all of it run. */
    if (!PINFO_FD_VISITED(pinfo))
        first_pass_frames++;
    else if (pexip_media_check_due(first_pass_frames)) {
        pexip_media_check_run(first_pass_frames, (double)pref_media_timeout, is_service_address);
        pexip_h245_check_run(pexip_capture_findings_add);
        pexip_sip_refresh_check_run(pexip_capture_findings_add);
    }

    const dns_frame_info_t *dns_info = dns_frame_info(pinfo, tree);
    /* The proxy is the customer's: these packets need not be the service's. */
    const pexip_proxy_frame_t *proxy_info = proxy_frame_info(pinfo, tree);

    service_match_t src_match, dst_match;
    gboolean src_is_service = match_service(family, src, pinfo->num, &src_match);
    gboolean dst_is_service = match_service(family, dst, pinfo->num, &dst_match);
    if (!src_is_service && !dst_is_service && !dns_info && !proxy_info)
        return 0;
    guint seen = protocols_seen(pinfo);
    call_frame_info_t call_info;
    gboolean has_calls = FALSE;
    gboolean encrypted_note = FALSE;
    pexip_port_class_t cls = PEXIP_PORT_OTHER;
    gboolean service_is_dst = dst_is_service;
    if (src_is_service || dst_is_service) {
        guint16 service_port = (guint16)(service_is_dst ? pinfo->destport : pinfo->srcport);
        guint16 peer_port = (guint16)(service_is_dst ? pinfo->srcport : pinfo->destport);
        /* An ICMP error is not the media or signalling it quotes. */
        if (!(seen & PEXIP_SEEN_ICMP))
            has_calls = call_frame_info(tvb, pinfo, tree, family, seen, &call_info);
        else if (!PINFO_FD_VISITED(pinfo))
            check_icmp(pinfo, tree);
        /* A BFCP connection's handshake and acknowledgements are BFCP's too. */
        if (has_calls && call_info.media && call_info.kind == PEXIP_MEDIA_BFCP)
            seen |= PEXIP_SEEN_BFCP;
        pexip_port_ranges_t port_ranges = { pref_udp_media_ports, pref_tcp_media_ports };
        cls = pexip_port_classify(packet_transport(pinfo), service_port, peer_port, seen,
                                  &port_ranges);
        encrypted_note = sip_encrypted_note(pinfo, tree, seen, cls);
    }

    /* Nobody looks at the tree and no filter or column names a pexip
     * field: nothing to add (the state above is already kept). Expert
     * infos are always added: `tshark -z expert` names no field. */
    wmem_array_t *frame_findings = src_is_service || dst_is_service
        ? pexip_frame_findings(pinfo->num) : NULL;
    gboolean findings = (has_calls && call_info.sip.findings != NULL) || frame_findings ||
                        (proxy_info && proxy_info->findings != NULL);
    if (!encrypted_note && !findings && !proto_field_is_referenced(tree, proto_pexip))
        return tvb_captured_length(tvb);

    proto_item *pexip_item = proto_tree_add_item(tree, proto_pexip, tvb, 0, 0, ENC_NA);
    proto_tree *pexip_tree = proto_item_add_subtree(pexip_item, ett_pexip);
    proto_item *ti;

    if (src_is_service || dst_is_service) {
        const char *direction = src_is_service && dst_is_service ? "within-service"
                              : dst_is_service ? "to-service" : "from-service";

        ti = proto_tree_add_boolean(pexip_tree, hf_pexip_service, tvb, 0, 0, TRUE);
        proto_item_set_generated(ti);
        ti = proto_tree_add_string(pexip_tree, hf_pexip_direction, tvb, 0, 0, direction);
        proto_item_set_generated(ti);
        if (src_is_service) {
            add_address(pexip_tree, hf_pexip_service_addr, hf_pexip_service_addr6, tvb, src);
            add_range(pexip_tree, tvb, &src_match);
        }
        if (dst_is_service) {
            add_address(pexip_tree, hf_pexip_service_addr, hf_pexip_service_addr6, tvb, dst);
            add_range(pexip_tree, tvb, &dst_match);
        }
        if (!(src_is_service && dst_is_service))
            add_address(pexip_tree, hf_pexip_peer_addr, hf_pexip_peer_addr6, tvb,
                        service_is_dst ? src : dst);
        ti = proto_tree_add_string(pexip_tree, hf_pexip_port_class, tvb, 0, 0,
                                   pexip_port_class_name(cls));
        proto_item_set_generated(ti);
        proto_item_append_text(pexip_item, ", %s, %s", direction, pexip_port_class_name(cls));
        if (has_calls) {
            add_call_tree(pexip_tree, tvb, pinfo, &call_info);
            add_other_copies(pexip_tree, tvb, pinfo, &call_info.sip);
        }
        if (encrypted_note)
            expert_add_info(pinfo, pexip_item, &ei_pexip_sip_encrypted);
        if (has_calls)
            add_findings(pinfo, pexip_item, call_info.sip.findings);
        add_findings(pinfo, pexip_item, frame_findings);
    }

    if (proxy_info)
        add_proxy_tree(tvb, pinfo, pexip_item, pexip_tree, proxy_info);

    if (dns_info) {
        add_dns_tree(tvb, pexip_tree, dns_info);
        proto_item_append_text(pexip_item, ", DNS for %s", dns_info->query);
    }
    return tvb_captured_length(tvb);
}

/* ---- registration ----------------------------------------------------- */

void
proto_register_pexip(void)
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
    };

    static gint *ett[] = {
        &ett_pexip,
        &ett_pexip_dns,
        &ett_pexip_call,
        &ett_pexip_announced,
    };

    static uat_field_t service_range_fields[] = {
        { "cidr", "Prefix", PT_TXTMOD_STRING,
          { service_range_cidr_check, service_range_rows_cidr_set_cb,
            service_range_rows_cidr_tostr_cb },
          { 0, 0, 0 }, 0,
          "IPv4 or IPv6 prefix (185.94.240.0/22, 2001:db8::/32) or one address",
          FLDFILL },
        UAT_FLD_CSTRING(service_range_rows, label, "Label",
                        "What this range is (shown as pexip.range_label)"),
        UAT_END_FIELDS
    };

    static ei_register_info ei[] = {
        { &ei_pexip_sip_encrypted,
          { "pexip.sip.encrypted", PI_DECRYPTION, PI_NOTE,
            "SIP over TLS that Wireshark cannot decrypt: the calls on this connection "
            "cannot be linked to their media. Give Wireshark the TLS keys "
            "(tls.keylog_file, or the server key) to read the signalling", EXPFILL } },
        { &ei_pexip_findings[PEXIP_FINDING_SDP_ORIGIN_MISMATCH],
          { "pexip.alg.sdp_origin_mismatch", PI_PROTOCOL, PI_WARN,
            "SDP o= and c= addresses differ, one private and one public: an ALG rewrote "
            "the SDP", EXPFILL } },
        { &ei_pexip_findings[PEXIP_FINDING_PRIVATE_ADDRESS],
          { "pexip.nat.private_address", PI_PROTOCOL, PI_NOTE,
            "A message from a public address names private addresses to send to: NAT "
            "without SIP fix-up", EXPFILL } },
        { &ei_pexip_findings[PEXIP_FINDING_MEDIA_MISSING],
          { "pexip.media.missing", PI_SEQUENCE, PI_WARN,
            "An announced media destination got no packet while other media of the call "
            "flowed", EXPFILL } },
        { &ei_pexip_findings[PEXIP_FINDING_MEDIA_ONE_WAY],
          { "pexip.media.one_way", PI_SEQUENCE, PI_WARN,
            "A two-way stream flowed in one direction only", EXPFILL } },
        { &ei_pexip_findings[PEXIP_FINDING_MEDIA_CONTENT_MISSING],
          { "pexip.media.content_missing", PI_SEQUENCE, PI_WARN,
            "A BFCP floor was granted and no content stream followed", EXPFILL } },
        { &ei_pexip_findings[PEXIP_FINDING_MEDIA_ICMP_UNREACHABLE],
          { "pexip.media.icmp_unreachable", PI_RESPONSE_CODE, PI_ERROR,
            "An ICMP destination unreachable quotes a media packet of a call", EXPFILL } },
        { &ei_pexip_findings[PEXIP_FINDING_MEDIA_UNANNOUNCED_SOURCE],
          { "pexip.media.unannounced_source", PI_SEQUENCE, PI_NOTE,
            "Media comes from an address or port the other side did not announce (NAT)",
            EXPFILL } },
        { &ei_pexip_findings[PEXIP_FINDING_H245_UNREACHABLE],
          { "pexip.h323.h245_unreachable", PI_SEQUENCE, PI_WARN,
            "TCP connections to an announced h245Address never carried H.245", EXPFILL } },
        { &ei_pexip_findings[PEXIP_FINDING_REFRESH_UNANSWERED],
          { "pexip.sip.refresh_unanswered", PI_SEQUENCE, PI_WARN,
            "An in-dialog request from the service to the customer's Contact got no answer "
            "(or 408/481), or the service's TCP connection to it none (or a reset)", EXPFILL } },
        { &ei_pexip_findings[PEXIP_FINDING_MEDIA_OUTSIDE_SBC_RANGE],
          { "pexip.media.outside_sbc_range", PI_PROTOCOL, PI_NOTE,
            "A customer-side media port outside pexip.sbc_media_ports", EXPFILL } },
        { &ei_pexip_findings[PEXIP_FINDING_PROXY_AUTH_UNSUPPORTED],
          { "pexip.proxy.auth_unsupported", PI_PROTOCOL, PI_WARN,
            "A web proxy asks for, or the browser sends, proxy credentials other than Basic "
            "for a CONNECT to the service", EXPFILL } },
        { &ei_pexip_findings[PEXIP_FINDING_PROXY_CONNECT_FAILED],
          { "pexip.proxy.connect_failed", PI_RESPONSE_CODE, PI_WARN,
            "A web proxy answered a CONNECT to the service with an error", EXPFILL } },
        { &ei_pexip_findings[PEXIP_FINDING_PROXY_TLS_INTERCEPTED],
          { "pexip.proxy.tls_intercepted", PI_SECURITY, PI_WARN,
            "TLS with a service host got a certificate that is not for a service domain: "
            "a proxy intercepts TLS", EXPFILL } },
        { &ei_pexip_findings[PEXIP_FINDING_PARTIAL_REWRITE],
          { "pexip.alg.partial_rewrite", PI_PROTOCOL, PI_WARN,
            "Some addresses of a message were rewritten to its public source, others left "
            "private: a SIP ALG", EXPFILL } },
        { &ei_pexip_findings[PEXIP_FINDING_NAT_TRACE],
          { "pexip.alg.nat_trace", PI_PROTOCOL, PI_WARN,
            "SDP i= holds a private address while c= is public: a SIP ALG's trace", EXPFILL } },
        { &ei_pexip_findings[PEXIP_FINDING_CONTENT_LENGTH],
          { "pexip.alg.content_length", PI_PROTOCOL, PI_WARN,
            "Content-Length differs from the body's real length, or the body is padded: a "
            "SIP ALG changed the body", EXPFILL } },
        { &ei_pexip_findings[PEXIP_FINDING_H323_ADDRESS],
          { "pexip.alg.h323_address", PI_PROTOCOL, PI_WARN,
            "H.225.0/H.245 addresses partly rewritten to the public source, partly left "
            "private: an H.323 ALG", EXPFILL } },
        { &ei_pexip_findings[PEXIP_FINDING_REWRITTEN],
          { "pexip.alg.rewritten", PI_PROTOCOL, PI_WARN,
            "The same message is in the capture twice with other addresses or ports: a SIP "
            "or H.323 ALG between the capture points rewrote it", EXPFILL } },
    };

    proto_pexip = proto_register_protocol("Pexip service", "Pexip", "pexip");
    proto_register_field_array(proto_pexip, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_module_t *expert = expert_register_protocol(proto_pexip);
    expert_register_field_array(expert, ei, array_length(ei));

    module_t *module = prefs_register_protocol(proto_pexip, mark_config_dirty);

    uat_t *ranges_uat = uat_new("Pexip service ranges",
                                sizeof(service_range_row_t),
                                PEXIP_RANGES_UAT_NAME,
                                TRUE,
                                &service_range_rows,
                                &service_range_row_count,
                                UAT_AFFECTS_DISSECTION,
                                NULL,
                                service_range_row_copy,
                                NULL,
                                service_range_row_free,
                                mark_config_dirty,
                                NULL,
                                service_range_fields);
    prefs_register_uat_preference(module, "service_ranges", "Service address ranges",
                                  "Prefixes of the Pexip Service, in addition to "
                                  "the built-in defaults (see use_default_ranges)",
                                  ranges_uat);
    prefs_register_bool_preference(module, "use_default_ranges",
                                   "Use the built-in service ranges",
                                   "Also treat the plugin's shipped prefixes "
                                   "(plugin/service_ranges.csv) as service addresses",
                                   &pref_use_default_ranges);
    prefs_register_string_preference(module, "dns_suffixes",
                                     "Service DNS domains",
                                     "A DNS answer for a name in one of these "
                                     "domains (comma-separated) makes its "
                                     "addresses service addresses from that frame on; "
                                     "empty turns this off",
                                     &pref_dns_suffixes);
    range_convert_str(wmem_epan_scope(), &pref_udp_media_ports, DEFAULT_UDP_MEDIA_PORTS, 65535);
    prefs_register_range_preference(module, "service_media_ports",
                                    "Service UDP media ports",
                                    "UDP ports of the service used for RTP/RTCP "
                                    "(pexip.port_class rtp on even, rtcp on odd ports)",
                                    &pref_udp_media_ports, 65535);
    range_convert_str(wmem_epan_scope(), &pref_tcp_media_ports, DEFAULT_TCP_MEDIA_PORTS, 65535);
    prefs_register_range_preference(module, "service_tcp_ports",
                                    "Service TCP H.245/BFCP ports",
                                    "TCP ports of the service used for H.245 and BFCP",
                                    &pref_tcp_media_ports, 65535);

    prefs_register_uint_preference(module, "media_timeout",
                                   "Seconds before media counts as missing",
                                   "pexip.media.missing, one_way and content_missing: how long "
                                   "other media of the call (or the call after a floor grant) "
                                   "must flow before a destination that got nothing is reported",
                                   10, &pref_media_timeout);
    range_convert_str(wmem_epan_scope(), &pref_sbc_media_ports, "", 65535);
    prefs_register_range_preference(module, "sbc_media_ports",
                                    "Customer SBC UDP media ports",
                                    "The customer SBC's UDP media port range (e.g. 36000-59999): "
                                    "customer-side media announced outside it gets "
                                    "pexip.media.outside_sbc_range; empty turns the check off",
                                    &pref_sbc_media_ports, 65535);

    register_init_routine(pexip_init);
    register_cleanup_routine(pexip_cleanup);
    register_shutdown_routine(pexip_shutdown);

    pexip_handle = create_dissector_handle(dissect_pexip, proto_pexip);
    register_postdissector(pexip_handle);
}

void
proto_reg_handoff_pexip(void)
{
    GArray *wanted = g_array_new(FALSE, FALSE, (guint)sizeof(int));
    hf_dns_qry_name = pexip_want_field(wanted, "dns.qry.name");
    hf_dns_a = pexip_want_field(wanted, "dns.a");
    hf_dns_aaaa = pexip_want_field(wanted, "dns.aaaa");
    hf_icmp_type = pexip_want_field(wanted, "icmp.type");
    hf_icmpv6_type = pexip_want_field(wanted, "icmpv6.type");
    pexip_sip_handoff(wanted);
    pexip_bfcp_handoff(wanted);
    pexip_h323_handoff(wanted);
    pexip_h245_handoff(wanted);
    pexip_rtp_event_handoff(wanted);
    pexip_proxy_handoff(wanted);
    set_postdissector_wanted_hfids(pexip_handle, wanted);

    proto_rtp = proto_get_id_by_filter_name("rtp");
    proto_rtcp = proto_get_id_by_filter_name("rtcp");
    proto_bfcp = proto_get_id_by_filter_name("bfcp");
    proto_stun = proto_get_id_by_filter_name("stun");
    proto_dns = proto_get_id_by_filter_name("dns");
    proto_t38 = proto_get_id_by_filter_name("t38");
    proto_tls = proto_get_id_by_filter_name("tls");
    proto_sip = proto_get_id_by_filter_name("sip");
    proto_icmp = proto_get_id_by_filter_name("icmp");
    proto_icmpv6 = proto_get_id_by_filter_name("icmpv6");
    proto_h225 = proto_get_id_by_filter_name("h225");
    proto_h245 = proto_get_id_by_filter_name("h245");
    proto_rtp_event = proto_get_id_by_filter_name("rtpevent");
}

void
plugin_register(void)
{
    static proto_plugin plugin;
    plugin.register_protoinfo = proto_register_pexip;
    plugin.register_handoff = proto_reg_handoff_pexip;
    proto_register_plugin(&plugin);
}

#ifdef PEXIP_HAVE_PLUGIN_DESCRIBE
uint32_t
plugin_describe(void)
{
    return WS_PLUGIN_DESC_DISSECTOR;
}
#endif
