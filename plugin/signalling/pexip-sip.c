/* pexip-sip.c
 * SIP and SDP into the call model (see pexip-sip.h).
 *
 * Each SIP message is the `sip` protocol item: its start line and headers
 * are split from the item's bytes (pexip-sip-message.h), its SDP bodies are
 * the `sdp` items inside its byte range (same data source), which pairs
 * them even when one TCP segment carries several messages or one message
 * spans segments (Wireshark reassembles). Only those two are primed: the
 * items of 14 SIP header fields cost every SIP packet more than reading
 * the header lines once (issue 16).
 *
 * What a message announces goes to the call model (its dialog, its SDP's
 * streams, the requests and Contacts the refresh check follows); what it
 * shows of NAT and ALGs goes to the checks in findings/
 * (pexip-sip-checks.h, pexip-address-check.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-sip.h"

#include <string.h>
#include "pexip-compat.h"
#include "pexip-fields.h"
#include "pexip-calls.h"
#include "pexip-sdp.h"
#include "pexip-sip-uri.h"
#include "pexip-sip-message.h"
#include "pexip-sip-crosscheck.h"
#include "pexip-bfcp.h"
#include "pexip-ports.h"
#include "pexip-endpoint.h"
#include "pexip-copies.h"
#include "pexip-connection.h"
#include "pexip-sip-refresh.h"
#include "pexip-transactions.h"
#include "pexip-sip-checks.h"
#include "pexip-address-check.h"
#include "pexip-detect-address.h"
#include "pexip-findings-store.h"

static int hf_sip = -1;
static int hf_sdp = -1;
static int hf_tls_app_data = -1;

void
pexip_sip_handoff(GArray *wanted_hfids)
{
    hf_sip = pexip_want_field(wanted_hfids, "sip");
    hf_sdp = pexip_want_field(wanted_hfids, "sdp");
    hf_tls_app_data = pexip_want_field(wanted_hfids, "tls.app_data");
    pexip_sip_crosscheck_handoff(wanted_hfids);
}

gboolean
pexip_sip_tls_first_undecrypted(packet_info *pinfo, proto_tree *tree, guint seen)
{
    if (!tree || (seen & (PEXIP_SEEN_TLS | PEXIP_SEEN_SIP)) != PEXIP_SEEN_TLS ||
        hf_tls_app_data <= 0 || pinfo->ptype != PT_TCP)
        return FALSE;
    GPtrArray *data = proto_get_finfo_ptr_array(tree, hf_tls_app_data);
    if (!data || data->len == 0)
        return FALSE;
    /* Once per connection. */
    conversation_t *conv = pexip_conversation_of(pinfo);
    return conv && pexip_findings_add(pinfo->num, PEXIP_FINDING_SIP_ENCRYPTED, conv, NULL,
                                      pexip_findings[PEXIP_FINDING_SIP_ENCRYPTED].summary);
}

/* One SIP message as the model reads it: its split (pointing into the
 * frame's data) and the values it keeps as strings (packet scope). */
typedef struct {
    const field_info *item;     /* its sip item */
    pexip_sip_message_t split;
    const char *call_id;
    const char *from_tag;
    const char *to_tag;         /* NULL: none, or empty */
    const char *cseq;
    const char *method;         /* a request's */
} message_t;

static const char *
text_of(wmem_allocator_t *pool, pexip_token_t token)
{
    return token.start ? wmem_strndup(pool, token.start, token.len) : NULL;
}

/* Split the message of sip item msg. FALSE: its first line is neither a
 * request nor a status line, or it has no Call-ID. */
static gboolean
message_of(packet_info *pinfo, const field_info *msg, message_t *m)
{
    tvbuff_t *ds = msg->ds_tvb;
    if (!ds || msg->length <= 0 || !tvb_bytes_exist(ds, msg->start, msg->length))
        return FALSE;
    const char *text = (const char *)tvb_get_ptr(ds, msg->start, msg->length);
    if (!pexip_sip_message_parse(text, (gsize)msg->length, &m->split) ||
        !m->split.call_id.start || m->split.call_id.len == 0)
        return FALSE;
    m->item = msg;
    m->call_id = text_of(pinfo->pool, m->split.call_id);
    m->from_tag = text_of(pinfo->pool, m->split.from_tag);
    m->to_tag = m->split.to_tag.len > 0 ? text_of(pinfo->pool, m->split.to_tag) : NULL;
    m->cseq = text_of(pinfo->pool, m->split.cseq);
    m->method = m->split.is_request ? text_of(pinfo->pool, m->split.method) : NULL;
    return TRUE;
}

/* One SDP body of a message of call: its streams go to the model; the
 * parsed SDP (packet scope) or NULL. */
static const pexip_sdp_t *
read_sdp(packet_info *pinfo, pexip_call_t *call, const field_info *sdp_fi, gboolean is_request,
         const char *to_tag, pexip_signalling_frame_t *out)
{
    guint32 frame = pinfo->num;
    const guint8 *text = tvb_get_ptr(sdp_fi->ds_tvb, sdp_fi->start, sdp_fi->length);
    pexip_sdp_t *sdp = wmem_new(pinfo->pool, pexip_sdp_t);
    if (!pexip_sdp_parse((const char *)text, (gsize)sdp_fi->length, sdp))
        return NULL;
    pexip_sip_check_sdp(pinfo, call, sdp);
    /* A fork answers: from now on, media to the offerer's destinations
     * can belong to this dialog too. */
    if (!is_request && call->dialog > 1)
        pexip_calls_adopt_offer(call, frame);
    pexip_sender_t sender;
    pexip_sender_of(pinfo, &sender);
    /* The list is the packet's; only the initial offer's is kept. */
    wmem_array_t *streams = pexip_sdp_announce(pinfo->pool, call, &sender, frame, sdp);
    for (guint i = 0; streams && i < wmem_array_get_count(streams); i++)
        pexip_bfcp_announce(*(pexip_stream_t **)wmem_array_index(streams, i), frame);
    if (streams && is_request && !to_tag && !call->offer_call) {
        /* The initial offer: every fork of this request answers it. */
        guint count = wmem_array_get_count(streams);
        pexip_stream_t **s = (pexip_stream_t **)wmem_array_get_raw(streams);
        for (guint i = 0; i < count; i++)
            s[i]->initial_offer = TRUE;
        call->offer_call = call;
    }
    if (streams)
        pexip_signalling_frame_add_streams(out, (pexip_stream_t *const *)wmem_array_get_raw(streams),
                                           wmem_array_get_count(streams));
    return sdp;
}

#define MAX_NAMED_ADDRESSES (2 + PEXIP_SDP_MAX_MLINES)

/* Add a named address from text (an IP literal; host names are skipped). */
static void
name_address(pexip_named_address_t *list, guint *n, const char *where, const char *text)
{
    if (!text || *n >= MAX_NAMED_ADDRESSES)
        return;
    pexip_named_address_t *a = &list[*n];
    memset(a, 0, sizeof *a);
    if (!pexip_address_parse(text, &a->family, a->addr))
        return;
    a->where = where;
    (*n)++;
}

/* A message's (first) Contact, read once from its URI. */
typedef struct {
    pexip_sip_uri_t uri;
    const char *host;       /* packet scope; NULL: no Contact URI that reads */
} contact_t;

static void
read_contact(wmem_allocator_t *pool, const message_t *m, contact_t *contact)
{
    contact->host = pexip_sip_uri_parse(text_of(pool, m->split.contact_uri), &contact->uri)
        ? wmem_strndup(pool, contact->uri.host.start, contact->uri.host.len)
        : NULL;
}

/* The addresses one message gives the peer to send to that are its
 * sender's own (docs/fields.md, "Whose addresses count"): a request's top
 * Via (a response echoes the requester's Via), the Contact when it is the
 * sender's (senders_contact: not a registrar's bindings nor redirect
 * targets), and the SDP's connection addresses (an offer's or an
 * answer's: its sender's media). Returns how many. */
static guint
named_addresses(wmem_allocator_t *pool, const message_t *m, gboolean senders_contact,
                const contact_t *contact, const pexip_sdp_t *sdp, pexip_named_address_t *named)
{
    guint n = 0;
    if (m->split.is_request)
        name_address(named, &n, "Via", text_of(pool, m->split.via.host));
    if (senders_contact)
        name_address(named, &n, "Contact", contact->host);
    for (guint i = 0; sdp && i < sdp->count && n < MAX_NAMED_ADDRESSES; i++) {
        const pexip_sdp_mline_t *ml = &sdp->mlines[i];
        if (ml->port == 0 || ml->family == 0)
            continue;
        memset(&named[n], 0, sizeof named[n]);
        named[n].where = "SDP c=";
        named[n].family = ml->family;
        memcpy(named[n].addr, ml->addr, 16);
        n++;
    }
    return n;
}

/* pexip.alg.partial_rewrite and pexip.nat.private_address for one
 * message (pexip-address-check.c). */
static void
check_nat_addresses(packet_info *pinfo, const message_t *m, gboolean senders_contact,
                    const contact_t *contact, const pexip_sdp_t *sdp, const pexip_call_t *call)
{
    if (!pexip_named_addresses_check_due(PEXIP_SIGNALING_SIP, call))
        return;
    pexip_named_address_t named[MAX_NAMED_ADDRESSES];
    guint n = named_addresses(pinfo->pool, m, senders_contact, contact, sdp, named);
    pexip_check_named_addresses(pinfo, PEXIP_SIGNALING_SIP, named, n, call);
}

/* Where the UDP datagram that carries msg (its only SIP message) ends in
 * msg's data source, or 0 when unknown. Wireshark's sip item spans the
 * headers and Content-Length bytes of body, and the frame can go on past
 * the datagram (Ethernet trailer, FCS), so the end is read from the UDP
 * header just before the message: its ports must be the packet's. Runs
 * on SIP frames only, so no field of every packet (udp.length) is primed. */
static guint
udp_payload_end(packet_info *pinfo, const field_info *msg)
{
    tvbuff_t *ds = msg->ds_tvb;
    if (pinfo->ptype != PT_UDP || !ds || msg->start < 8)
        return 0;
    guint udp = (guint)msg->start - 8;
    if (!tvb_bytes_exist(ds, (gint)udp, 8) || tvb_get_ntohs(ds, udp) != pinfo->srcport ||
        tvb_get_ntohs(ds, udp + 2) != pinfo->destport)
        return 0;
    guint length = tvb_get_ntohs(ds, udp + 4);
    guint end = udp + length;
    /* a short capture (snaplen) hides the end */
    if (length < 8 || end < (guint)(msg->start + msg->length) ||
        end > tvb_captured_length(ds))
        return 0;
    return end;
}

/* pexip.alg.content_length for a message's SDP body (sdp_fi): on UDP
 * against the datagram's end; on TCP, where Wireshark cuts the body at
 * Content-Length, padding only. */
static void
check_content_length(packet_info *pinfo, const message_t *m, const field_info *sdp_fi,
                     gboolean only_message, const pexip_call_t *call)
{
    const field_info *msg = m->item;
    if (!pexip_sip_body_check_due(call) || sdp_fi->ds_tvb != msg->ds_tvb)
        return;
    if (!m->split.has_content_length)
        return;         /* no Content-Length (UDP may omit it): nothing to compare */
    guint start = (guint)sdp_fi->start;
    guint end = only_message ? udp_payload_end(pinfo, msg) : 0;
    gboolean end_known = end >= start && end != 0;
    guint len = end_known ? end - start : (guint)sdp_fi->length;
    if (!tvb_bytes_exist(sdp_fi->ds_tvb, (gint)start, (gint)len))
        return;
    pexip_sip_check_body(pinfo, call, m->split.content_length,
                         tvb_get_ptr(sdp_fi->ds_tvb, (gint)start, (gint)len), len, end_known);
}

/* pexip.nat.via_received for a response: its top Via entry's sent-by, and
 * that entry's received= and rport= (not a lower one's). */
static void
check_via_received(packet_info *pinfo, const message_t *m, const pexip_call_t *call,
                   const char *cseq_method)
{
    const pexip_sip_via_t *via = &m->split.via;
    if (m->split.via_count == 0 || !via->received.start)
        return;
    wmem_allocator_t *pool = pinfo->pool;
    guint16 rport = 0;
    if (via->rport.len > 0 && !pexip_port_parse(via->rport.start, via->rport.len, &rport))
        rport = 0;
    pexip_sip_check_via_received(pinfo, call, cseq_method, text_of(pool, via->host), via->port,
                                 text_of(pool, via->received), rport);
}

/* The CSeq header value "<number> <method>" split in two (sip.CSeq.seq and
 * sip.CSeq.method are not primed: the one sip.CSeq item gives both).
 * FALSE when it does not start with a number. */
static gboolean
cseq_split(const char *cseq, guint32 *number, const char **method)
{
    if (!cseq || !g_ascii_isdigit(*cseq))
        return FALSE;
    char *end;
    guint64 n = g_ascii_strtoull(cseq, &end, 10);
    if (n > G_MAXUINT32)
        return FALSE;
    while (*end == ' ' || *end == '\t')
        end++;
    *number = (guint32)n;
    *method = *end ? end : NULL;
    return TRUE;
}

/* pexip.alg.rewritten: what this message says where to send, for its
 * comparison with its other copies (pexip-sip-checks.c). what names it
 * in the finding's text ("INVITE", "200 OK"). Returns the message's entry
 * for all its copies (NULL: it has no identity). */
static const pexip_message_copies_t *
check_copies(packet_info *pinfo, const message_t *m, const contact_t *contact,
             const pexip_sdp_t *sdp, const pexip_call_t *call, pexip_signalling_frame_t *out)
{
    const char *first_line = text_of(pinfo->pool, m->split.first_line);
    const char *identity = pexip_sip_identity(pinfo->pool, m->call_id, m->cseq,
                                              text_of(pinfo->pool, m->split.via.branch),
                                              first_line, m->from_tag, m->to_tag);
    if (!identity)
        return NULL;
    pexip_sip_addresses_t here;
    memset(&here, 0, sizeof here);
    pexip_media_address_t media[PEXIP_SDP_MAX_MLINES];
    here.via_count = m->split.via_count;
    if (m->split.via.host.start) {
        here.via = text_of(pinfo->pool, m->split.via.host);
        here.via_port = m->split.via.port;
    }
    here.contact = contact->host;
    here.contact_port = contact->host ? contact->uri.port : 0;
    if (sdp) {
        here.origin_family = sdp->origin_family;
        memcpy(here.origin_addr, sdp->origin_addr, 16);
        here.media_count = sdp->count;
        for (guint i = 0; i < sdp->count; i++) {
            media[i].family = sdp->mlines[i].family;
            memcpy(media[i].addr, sdp->mlines[i].addr, 16);
            media[i].port = sdp->mlines[i].port;
        }
        here.media = media;
    }
    /* A request is named by its method, a response by its status line. */
    const char *what = m->split.is_request ? m->method : first_line;
    if (!m->split.is_request && what && g_str_has_prefix(what, "SIP/2.0 "))
        what += 8;
    return pexip_sip_check_copies(pinfo, call, identity, &here, what, out);
}

/* What a request or response tells the model: an answered INVITE; each
 * request and what answered it (model/pexip-transactions.h, for
 * pexip.sip.refresh_unanswered and pexip.sip.service_unanswered). */
static void
read_transaction(packet_info *pinfo, pexip_call_t *call, gboolean is_response, guint32 code,
                 const char *to_tag, gboolean has_cseq, guint32 cseq,
                 const char *cseq_method)
{
    guint8 family = pinfo->net_src.type == pinfo->net_dst.type
        ? pexip_address_family(&pinfo->net_src) : 0;
    if (is_response) {
        if (code >= 200 && code < 300 && cseq_method && strcmp(cseq_method, "INVITE") == 0)
            pexip_call_answered(call);
        if (has_cseq && family)
            pexip_transaction_response(call, cseq, cseq_method, code, family,
                                       (const guint8 *)pinfo->net_dst.data);
    } else if (has_cseq && family) {
        pexip_transaction_request(call, cseq, cseq_method, pinfo->num, family,
                                  (const guint8 *)pinfo->net_src.data,
                                  (const guint8 *)pinfo->net_dst.data, (guint16)pinfo->destport,
                                  pinfo->ptype == PT_UDP, to_tag != NULL);
    }
}

/* Whether item fi is in the body of message m. Wireshark's sip item of a
 * message that another follows in the same TCP segment can span both:
 * the body is where m's headers end, as long as its Content-Length says. */
static gboolean
body_holds(const message_t *m, const field_info *fi)
{
    const field_info *msg = m->item;
    if (!pexip_item_is_inside(msg, fi))
        return FALSE;
    gint body = msg->start + (gint)m->split.body_offset;
    gint end = msg->start + msg->length;
    if (m->split.has_content_length && m->split.content_length < (guint32)(end - body))
        end = body + (gint)m->split.content_length;
    return fi->start >= body && fi->start < end;
}

/* One SIP message (msg) of the frame; only_message: the frame has no
 * other. */
static void
read_message(packet_info *pinfo, proto_tree *tree, const field_info *msg, GPtrArray *sdps,
             gboolean only_message, pexip_signalling_frame_t *out)
{
    message_t m;
    if (!message_of(pinfo, msg, &m))
        return;
    if (pexip_sip_crosscheck_on())
        pexip_sip_crosscheck(pinfo, tree, msg, &m.split);
    gboolean is_request = m.split.is_request;
    pexip_call_t *call = pexip_sip_dialog_get(m.call_id, m.from_tag, m.to_tag, pinfo->num);
    if (!call)
        return;
    pexip_signalling_frame_add_call(out, call);
    guint32 code = is_request ? 0 : m.split.status;
    const char *cseq_method = NULL;
    guint32 cseq = 0;
    gboolean has_cseq = cseq_split(m.cseq, &cseq, &cseq_method);
    read_transaction(pinfo, call, !is_request, code, m.to_tag, has_cseq, cseq, cseq_method);
    const char *method = m.method;
    if (m.to_tag && method && strcmp(method, "BYE") == 0)
        pexip_call_ended(call, pinfo->num);
    /* The initial INVITE's Request-URI is what the caller dialled. */
    if (!m.to_tag && method && strcmp(method, "INVITE") == 0)
        pexip_call_dialled(call, text_of(pinfo->pool, m.split.request_uri), FALSE, pinfo->num);
    const pexip_sdp_t *sdp = NULL;
    guint first_stream = pexip_signalling_frame_stream_count(out);
    for (guint s = 0; sdps && s < sdps->len; s++) {
        const field_info *sdp_fi = (const field_info *)g_ptr_array_index(sdps, s);
        if (!body_holds(&m, sdp_fi) || sdp_fi->length <= 0)
            continue;
        sdp = read_sdp(pinfo, call, sdp_fi, is_request, m.to_tag, out);
        check_content_length(pinfo, &m, sdp_fi, only_message, call);
    }
    contact_t contact;
    read_contact(pinfo->pool, &m, &contact);
    /* A registrar's bindings and a redirect's targets are not where to
     * reach the sender. */
    gboolean senders_contact = pexip_sip_contact_is_senders(is_request, code, cseq_method);
    guint8 family, addr[16];
    guint16 port;
    if (senders_contact && contact.host &&
        pexip_sip_uri_tcp_endpoint(&contact.uri, &family, addr, &port))
        pexip_sip_refresh_contact(call, pinfo->num, &pinfo->net_src, family, addr, port);
    check_nat_addresses(pinfo, &m, senders_contact, &contact, sdp, call);
    if (!is_request)
        check_via_received(pinfo, &m, call, cseq_method);
    /* Its streams belong to the message, whichever copy announced them. */
    pexip_signalling_frame_set_message(out, first_stream,
                                       check_copies(pinfo, &m, &contact, sdp, call, out));
}

gboolean
pexip_sip_read(packet_info *pinfo, proto_tree *tree, pexip_signalling_frame_t *out)
{
    pexip_signalling_frame_clear(out);
    if (!tree || hf_sip <= 0)
        return FALSE;
    GPtrArray *messages = proto_get_finfo_ptr_array(tree, hf_sip);
    if (!messages || messages->len == 0)
        return FALSE;
    GPtrArray *sdps = hf_sdp > 0 ? proto_get_finfo_ptr_array(tree, hf_sdp) : NULL;
    for (guint m = 0; m < messages->len; m++)
        read_message(pinfo, tree, (const field_info *)g_ptr_array_index(messages, m), sdps,
                     messages->len == 1, out);
    return out->ncalls > 0;
}
