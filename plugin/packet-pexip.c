/* packet-pexip.c
 * "Pexip service" post-dissector: registration, and the path every packet
 * takes. The work is done in the folders beside this file, in the order a
 * packet meets them:
 *
 *   classify/    is either side a service address (the range table, DNS
 *                answers for service names), what its port means
 *                (pexip.port_class), the preferences
 *   signalling/  readers of Wireshark's SIP/SDP, H.225.0, H.245, BFCP,
 *                RTP-event and web-proxy dissection, and of media packets
 *                (pexip-media-link.c): they write what the signalling
 *                announced into the call model and hand each message to
 *                the checks in findings/
 *   model/       the call model: calls, the streams their signalling
 *                announced, message copies, TCP reachability
 *   findings/    the findings table, the detectors and checks, and the
 *                one store of what was found on which frame
 *   tree/        the fields and the tree each frame gets
 *   report/      the triage report (tshark -z pexip,report[,json]) and the
 *                GUI's table of calls, from the model and the findings
 *
 * classify/ uses none of the others; model/ uses classify/; findings/ uses
 * model/ and classify/; the readers in signalling/ use all three; tree/
 * only reads. The pexip-*.h files beside this one are shared helpers.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define WS_BUILD_DLL
#define WS_LOG_DOMAIN "pexip"

#include <wireshark.h>
#include <epan/packet.h>
#include <epan/proto_data.h>
#include <epan/tap.h>

#include "pexip-compat.h"
#include "pexip-endpoint.h"
#include "pexip-frame-data.h"
#include "pexip-config.h"
#include "pexip-classify.h"
#include "pexip-dns-read.h"
#include "pexip-calls.h"
#include "pexip-copies.h"
#include "pexip-transactions.h"
#include "pexip-sip.h"
#include "pexip-bfcp.h"
#include "pexip-h323.h"
#include "pexip-h245.h"
#include "pexip-rtp-event.h"
#include "pexip-proxy.h"
#include "pexip-connection.h"
#include "pexip-media-link.h"
#include "pexip-stun.h"
#include "pexip-service-tcp.h"
#include "pexip-findings-store.h"
#include "pexip-media-check.h"
#include "pexip-h245-check.h"
#include "pexip-sip-refresh.h"
#include "pexip-limits.h"
#include "pexip-limit-check.h"
#include "pexip-unanswered-check.h"
#include "pexip-tree.h"
#include "pexip-report-tap.h"
#include "pexip-wanted.h"

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

static int proto_pexip = -1;
static dissector_handle_t pexip_handle;

/* ---- the modules ------------------------------------------------------ */

/* The per-capture state lives in wmem_file_scope() (or as conversation
 * data), which Wireshark frees with the capture; init makes it anew. */
static void config_init(void)   { pexip_config_apply(); }
static void limits_init(void)   { pexip_limits_init(wmem_file_scope()); }
static void calls_init(void)    { pexip_calls_init(wmem_file_scope(), pexip_is_service_address); }
static void copies_init(void)   { pexip_copies_init(wmem_file_scope()); }
static void transactions_init(void) { pexip_transactions_init(wmem_file_scope(), pexip_is_service_address); }
static void findings_init(void) { pexip_findings_store_init(wmem_file_scope()); }
static void refresh_init(void)  { pexip_sip_refresh_init(pexip_is_service_address); }
static void proxy_init(void)    { pexip_proxy_init(pexip_is_service_address); }
static void unanswered_init(void) { pexip_unanswered_init(wmem_file_scope()); }
static void dns_read_handoff(GArray *wanted)   { pexip_dns_read_handoff(wanted, proto_pexip); }
static void media_link_handoff(GArray *wanted) { pexip_media_link_handoff(wanted, proto_pexip); }
static void service_tcp_handoff(GArray *wanted) { pexip_service_tcp_handoff(wanted, proto_pexip); }

/* Every module: what it asks of other dissectors (handoff: it adds the
 * fields it reads to the wanted fields), and its per-capture state. */
typedef struct {
    const char *name;
    void (*handoff)(GArray *wanted_hfids);
    void (*init)(void);
    void (*cleanup)(void);
} pexip_module_t;

static const pexip_module_t modules[] = {
    /* classify */
    { "config",     NULL,                    config_init,   NULL },
    { "classify",   pexip_classify_handoff,  NULL,          NULL },
    { "dns",        dns_read_handoff,        NULL,          NULL },
    /* model */
    { "limits",     NULL,                    limits_init,   pexip_limits_cleanup },
    { "calls",      NULL,                    calls_init,    pexip_calls_cleanup },
    { "copies",     NULL,                    copies_init,   pexip_copies_cleanup },
    { "transactions", NULL,                  transactions_init, pexip_transactions_cleanup },
    /* findings */
    { "findings",   NULL,                    findings_init, pexip_findings_store_cleanup },
    { "refresh",    NULL,                    refresh_init,  pexip_sip_refresh_cleanup },
    { "unanswered", NULL,                    unanswered_init, pexip_unanswered_cleanup },
    /* signalling */
    { "sip",        pexip_sip_handoff,       NULL,          NULL },
    { "bfcp",       pexip_bfcp_handoff,      NULL,          NULL },
    { "h323",       pexip_h323_handoff,      NULL,          NULL },
    { "h245",       pexip_h245_handoff,      pexip_h245_init, pexip_h245_cleanup },
    { "rtp-event",  pexip_rtp_event_handoff, NULL,          NULL },
    { "media",      media_link_handoff,      NULL,          NULL },
    { "proxy",      pexip_proxy_handoff,     proxy_init,    NULL },
    { "stun",       pexip_stun_handoff,      NULL,          NULL },
    { "service-tcp", service_tcp_handoff,    pexip_service_tcp_init, pexip_service_tcp_cleanup },
};

/* ---- the whole-capture checks ----------------------------------------- */

static void
run_media_check(wmem_allocator_t *pool _U_)
{
    pexip_media_check_run(pexip_config_media_timeout(), pexip_is_service_address);
}

static void
run_h245_check(wmem_allocator_t *pool)
{
    pexip_h245_check_run(pool, pexip_h245_addresses());
}

static void
run_unanswered_check(wmem_allocator_t *pool)
{
    guint n;
    pexip_reach_t **tcp = pexip_service_tcp_all(&n);
    pexip_unanswered_check_run(pool, tcp, n, pexip_proxy_is_proxy);
}

/* What needs the whole capture, in the order the checks run (a frame that
 * gets findings from several shows them in this order). */
static const struct {
    const char *what;
    void (*run)(wmem_allocator_t *pool);
} capture_checks[] = {
    { "media paths (pexip.media.missing, one_way, content_missing)", run_media_check },
    { "H.245 connections (pexip.h323.h245_unreachable)", run_h245_check },
    { "session refreshes (pexip.sip.refresh_unanswered)", pexip_sip_refresh_check_run },
    { "what the service never answered (pexip.sip.service_unanswered, "
      "pexip.webrtc.turn_refused, pexip.webrtc.udp_blocked)", run_unanswered_check },
};

/* Frames the first pass has read, and how many of them the checks saw:
 * they run once the capture has been read (the first frame of a later
 * pass), and again when a live capture read on. */
static guint32 first_pass_frames, checked_frames;

static void
run_capture_checks(wmem_allocator_t *pool)
{
    pexip_findings_capture_begin();
    for (guint i = 0; i < G_N_ELEMENTS(capture_checks); i++)
        capture_checks[i].run(pool);
    checked_frames = first_pass_frames;
}

/* The report asks before it is drawn (single-pass tshark has no later
 * pass to run the checks). */
static void
capture_read(wmem_allocator_t *pool)
{
    if (first_pass_frames != checked_frames)
        run_capture_checks(pool);
}

static void
pexip_init(void)
{
    pexip_wanted_init();
    first_pass_frames = checked_frames = 0;
    for (guint i = 0; i < G_N_ELEMENTS(modules); i++) {
        if (modules[i].init)
            modules[i].init();
    }
}

static void
pexip_cleanup(void)
{
    for (guint i = 0; i < G_N_ELEMENTS(modules); i++) {
        if (modules[i].cleanup)
            modules[i].cleanup();
    }
}

/* ---- per packet ------------------------------------------------------- */

/* A signalling frame's calls: seen in this frame, and which sides the
 * service and the peer are. */
static void
calls_seen(packet_info *pinfo, const pexip_signalling_frame_t *frame, guint8 family,
           gboolean service_is_src)
{
    double time = nstime_to_sec(&pinfo->abs_ts);
    const guint8 *src = (const guint8 *)pinfo->net_src.data;
    const guint8 *dst = (const guint8 *)pinfo->net_dst.data;
    guint n;
    pexip_call_t *const *calls = pexip_signalling_frame_calls(frame, &n);
    for (guint i = 0; i < n; i++) {
        pexip_call_seen(calls[i], pinfo->num, time);
        pexip_call_sides(calls[i], family, service_is_src ? src : dst, service_is_src ? dst : src);
    }
}

/* The calls of a frame; FALSE when it has none. A signalling frame keeps
 * what its readers found (other dissectors' fields are there on the first
 * pass only). Media frames keep nothing: the model is complete after the
 * first pass, and a lookup at a frame gives the same setup on every pass
 * (announcements are appended in frame order), so millions of RTP packets
 * cost no memory. */
static gboolean
frame_calls(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, guint8 family, guint seen,
            gboolean service_is_src, pexip_frame_calls_t *info)
{
    memset(info, 0, sizeof *info);
    if (PINFO_FD_VISITED(pinfo)) {
        const pexip_signalling_frame_t *sip = pexip_signalling_frame_kept(pinfo->num);
        if (sip) {
            info->sip = *sip;
            return TRUE;
        }
    } else {
        /* TCP to and from announced signalling endpoints, whatever the
         * packet carries (next to nothing while none is announced). */
        pexip_h245_connection_packet(pinfo, seen);
        pexip_sip_refresh_connection_packet(pinfo, seen);
        gboolean signalling =
            ((seen & PEXIP_SEEN_SIP) && pexip_sip_read(pinfo, tree, &info->sip)) ||
            ((seen & PEXIP_SEEN_H225) && pexip_h323_read(pinfo, tree, &info->sip)) ||
            ((seen & PEXIP_SEEN_H245) && pexip_h245_read(pinfo, tree, &info->sip));
        /* A cap on the model's state reached by what was just read. */
        pexip_limits_report(pinfo->num);
        if (signalling) {
            calls_seen(pinfo, &info->sip, family, service_is_src);
            pexip_media_check_sbc_ports(pinfo, &info->sip, pexip_config_sbc_media_ports());
            pexip_signalling_frame_keep(pinfo->num, &info->sip);
            return TRUE;
        }
    }
    return pexip_media_link(tvb, pinfo, tree, family, seen, info);
}

/* What a frame showed about a web proxy's tunnel to the service: read on
 * the first pass, kept for the others. NULL on almost every frame. */
static const pexip_proxy_frame_t *
proxy_frame(packet_info *pinfo, proto_tree *tree)
{
    /* Proxies are reached over TCP: RTP and every other UDP packet cost
     * one comparison, on every pass. */
    if (pinfo->ptype != PT_TCP)
        return NULL;
    if (PINFO_FD_VISITED(pinfo))
        return (const pexip_proxy_frame_t *)p_get_proto_data(wmem_file_scope(), pinfo, proto_pexip,
                                                              PEXIP_FRAME_PROXY);
    pexip_proxy_frame_t *info = pexip_proxy_read(pinfo, tree, pexip_config_dns_suffixes());
    if (info)
        p_add_proto_data(wmem_file_scope(), pinfo, proto_pexip, PEXIP_FRAME_PROXY, info);
    return info;
}

/* A packet to or from the service: its calls (or the media check of an
 * ICMP error), its port class, and whether it is undecryptable SIP. */
static void
service_packet(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, guint8 family, guint seen,
               pexip_frame_calls_t *calls, pexip_frame_view_t *view)
{
    guint16 service_port = (guint16)(view->dst_is_service ? pinfo->destport : pinfo->srcport);
    guint16 peer_port = (guint16)(view->dst_is_service ? pinfo->srcport : pinfo->destport);
    /* An ICMP error is not the media or signalling it quotes. */
    if (!(seen & PEXIP_SEEN_ICMP)) {
        if (frame_calls(tvb, pinfo, tree, family, seen, view->src_is_service, calls))
            view->calls = calls;
    } else if (!PINFO_FD_VISITED(pinfo)) {
        pexip_media_check_icmp(pinfo, tree);
    }
    /* A BFCP connection's handshake and acknowledgements are BFCP's too. */
    if (view->calls && calls->media && calls->kind == PEXIP_MEDIA_BFCP)
        seen |= PEXIP_SEEN_BFCP;
    /* The customer side's connections to service ports and its STUN to
     * the service: a port test on other TCP packets, a flag test on
     * other UDP ones. */
    if (!PINFO_FD_VISITED(pinfo) && view->src_is_service != view->dst_is_service &&
        !(seen & PEXIP_SEEN_ICMP)) {
        if (pinfo->ptype == PT_TCP)
            pexip_service_tcp_packet(pinfo, view->dst_is_service, service_port);
        else if (seen & PEXIP_SEEN_STUN)
            pexip_stun_read(pinfo, tree, view->dst_is_service);
    }
    pexip_port_ranges_t port_ranges = pexip_config_port_ranges();
    view->cls = pexip_port_classify(pexip_packet_transport(pinfo), service_port, peer_port, seen,
                                    &port_ranges);
    if (view->cls == PEXIP_PORT_SIP_TLS && !PINFO_FD_VISITED(pinfo))
        pexip_sip_tls_first_undecrypted(pinfo, tree, seen);
}

static int
dissect_pexip(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    pexip_wanted_frame(pinfo, tree);
    pexip_report_frame(pinfo);
    const address *src = &pinfo->net_src;
    const address *dst = &pinfo->net_dst;
    guint8 family = src->type == dst->type ? pexip_address_family(src) : 0;
    if (!family)
        return 0;

    if (!PINFO_FD_VISITED(pinfo))
        first_pass_frames++;
    else if (first_pass_frames != checked_frames)
        run_capture_checks(pinfo->pool);

    pexip_frame_view_t view;
    memset(&view, 0, sizeof view);
    view.dns = pexip_dns_frame(pinfo, tree, pexip_config_dns_suffixes());
    /* The proxy is the customer's: these packets need not be the service's. */
    view.proxy = proxy_frame(pinfo, tree);
    view.src_is_service = pexip_match_service(family, src, pinfo->num, &view.src_match);
    view.dst_is_service = pexip_match_service(family, dst, pinfo->num, &view.dst_match);
    if (!view.src_is_service && !view.dst_is_service && !view.dns && !view.proxy)
        return 0;
    pexip_frame_calls_t calls;
    if (view.src_is_service || view.dst_is_service)
        service_packet(tvb, pinfo, tree, family, pexip_protocols_seen(pinfo), &calls, &view);

    /* Nobody looks at the tree and no filter or column names a pexip
     * field: nothing to add (the state above is already kept). Expert
     * infos are always added: `tshark -z expert` names no field. */
    view.findings = pexip_findings_of(pinfo->pool, pinfo->num);
    if (view.findings || proto_field_is_referenced(tree, proto_pexip))
        pexip_tree_add(tvb, pinfo, tree, &view);
    return tvb_captured_length(tvb);
}

/* ---- registration ----------------------------------------------------- */

void
proto_register_pexip(void)
{
    proto_pexip = proto_register_protocol("Pexip service", "Pexip", "pexip");
    pexip_tree_register(proto_pexip);
    pexip_config_register(proto_pexip);
    pexip_connection_register(proto_pexip);
    pexip_learned_register();
    pexip_report_register(capture_read);

    register_init_routine(pexip_init);
    register_cleanup_routine(pexip_cleanup);
    register_shutdown_routine(pexip_config_free);
    register_shutdown_routine(pexip_wanted_free);

    pexip_handle = create_dissector_handle(dissect_pexip, proto_pexip);
    register_postdissector(pexip_handle);
    pexip_wanted_register(pexip_handle, proto_pexip);
}

void
proto_reg_handoff_pexip(void)
{
    GArray *wanted = g_array_new(FALSE, FALSE, (guint)sizeof(int));
    for (guint i = 0; i < G_N_ELEMENTS(modules); i++) {
        if (modules[i].handoff)
            modules[i].handoff(wanted);
    }
    pexip_wanted_handoff(wanted);
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
