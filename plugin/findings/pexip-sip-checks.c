/* pexip-sip-checks.c
 * The checks of one SIP message (see pexip-sip-checks.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-sip-checks.h"

#include <string.h>
#include "pexip-endpoint.h"
#include "pexip-copies.h"
#include "pexip-detect-address.h"
#include "pexip-detect-sip.h"
#include "pexip-findings-store.h"
#include "pexip-address-check.h"

/* The m-line detect points at in sdp, or NULL when it finds nothing or
 * call has shown kind already (then it does not run). */
static const pexip_sdp_mline_t *
sdp_detected(const pexip_call_t *call, pexip_finding_kind_t kind, const pexip_sdp_t *sdp,
             gint (*detect)(const pexip_sdp_t *sdp))
{
    if (pexip_findings_shown(kind, call))
        return NULL;
    gint m = detect(sdp);
    return m >= 0 ? &sdp->mlines[m] : NULL;
}

static void
check_sdp_origin(packet_info *pinfo, const pexip_call_t *call, const pexip_sdp_t *sdp)
{
    const pexip_sdp_mline_t *ml = sdp_detected(call, PEXIP_FINDING_SDP_ORIGIN_MISMATCH, sdp,
                                               pexip_detect_sdp_origin_mismatch);
    if (!ml)
        return;
    gboolean origin_private =
        pexip_address_scope(sdp->origin_family, sdp->origin_addr) == PEXIP_ADDRESS_PRIVATE;
    const char *text = wmem_strdup_printf(
        wmem_file_scope(),
        "SDP o=%s (%s) but %s c=%s (%s): a SIP ALG rewrote the SDP and left o=. "
        PEXIP_ADVICE_SIP_ALG,
        pexip_address_to_str(pinfo->pool, sdp->origin_family, sdp->origin_addr, 0),
        origin_private ? "private" : "public", ml->media,
        pexip_address_to_str(pinfo->pool, ml->family, ml->addr, 0),
        origin_private ? "public" : "private");
    pexip_findings_add(pinfo->num, PEXIP_FINDING_SDP_ORIGIN_MISMATCH, call, call, text);
}

static void
check_nat_trace(packet_info *pinfo, const pexip_call_t *call, const pexip_sdp_t *sdp)
{
    const pexip_sdp_mline_t *ml = sdp_detected(call, PEXIP_FINDING_NAT_TRACE, sdp,
                                               pexip_detect_nat_trace);
    if (!ml)
        return;
    gboolean own = ml->info_family != 0;
    const char *text = wmem_strdup_printf(
        wmem_file_scope(),
        "SDP i= holds private %s while %s c=%s: a SIP ALG rewrote the SDP and kept the "
        "original address. " PEXIP_ADVICE_SIP_ALG,
        pexip_address_to_str(pinfo->pool, own ? ml->info_family : sdp->info_family,
                             own ? ml->info_addr : sdp->info_addr, 0),
        ml->media, pexip_address_to_str(pinfo->pool, ml->family, ml->addr, 0));
    pexip_findings_add(pinfo->num, PEXIP_FINDING_NAT_TRACE, call, call, text);
}

void
pexip_sip_check_sdp(packet_info *pinfo, const pexip_call_t *call, const pexip_sdp_t *sdp)
{
    check_sdp_origin(pinfo, call, sdp);
    check_nat_trace(pinfo, call, sdp);
}

gboolean
pexip_sip_body_check_due(const pexip_call_t *call)
{
    return !pexip_findings_shown(PEXIP_FINDING_CONTENT_LENGTH, call);
}

void
pexip_sip_check_body(packet_info *pinfo, const pexip_call_t *call, guint32 content_length,
                     const guint8 *body, guint len, gboolean end_known)
{
    const char *text;
    switch (pexip_detect_content_length(content_length, body, len, end_known)) {
    case PEXIP_BODY_LONGER:
    case PEXIP_BODY_SHORTER:
        text = wmem_strdup_printf(
            wmem_file_scope(),
            "Content-Length %u but the SDP body has %u bytes: a SIP ALG changed the body and "
            "not the length. " PEXIP_ADVICE_SIP_ALG,
            content_length, len);
        break;
    case PEXIP_BODY_PADDED:
        text = wmem_strdup_printf(
            wmem_file_scope(),
            "SDP padded with spaces to keep Content-Length %u: a SIP ALG rewrote the body. "
            PEXIP_ADVICE_SIP_ALG,
            content_length);
        break;
    default:
        return;
    }
    pexip_findings_add(pinfo->num, PEXIP_FINDING_CONTENT_LENGTH, call, call, text);
}

/* "Via, Contact, SDP o=, c=" for the places pexip_detect_rewritten found
 * changed, and the first change's values in the two copies (NULL when it
 * has none to show). */
static void
changed_places(wmem_allocator_t *pool, guint changed, const pexip_sip_addresses_t *first,
               const pexip_sip_addresses_t *here, GString *places, const char **there_text,
               const char **here_text)
{
    *there_text = *here_text = NULL;
    if (changed & PEXIP_REWRITE_VIA) {
        g_string_append(places, "Via");
        *there_text = first->via;
        *here_text = here->via;
    }
    if (changed & PEXIP_REWRITE_CONTACT) {
        g_string_append_printf(places, "%sContact", places->len ? ", " : "");
        if (!*there_text) {
            *there_text = first->contact;
            *here_text = here->contact;
        }
    }
    if (changed & PEXIP_REWRITE_ORIGIN) {
        g_string_append_printf(places, "%sSDP o=", places->len ? ", " : "");
        if (!*there_text && first->origin_family && here->origin_family) {
            *there_text = pexip_address_to_str(pool, first->origin_family, first->origin_addr, 0);
            *here_text = pexip_address_to_str(pool, here->origin_family, here->origin_addr, 0);
        }
    }
    if (changed & PEXIP_REWRITE_CONNECTION)
        g_string_append_printf(places, "%sc=", places->len ? ", " : "SDP ");
    if (changed & PEXIP_REWRITE_PORT)
        g_string_append_printf(places, "%sm= port", places->len ? ", " : "SDP ");
}

const pexip_message_copies_t *
pexip_sip_check_copies(packet_info *pinfo, const pexip_call_t *call, const char *identity,
                       const pexip_sip_addresses_t *here, const char *what,
                       pexip_signalling_frame_t *out)
{
    gconstpointer first_said;
    pexip_message_copies_t *copies =
        pexip_copies_see(identity, here, &pexip_sip_addresses_kind, pinfo->num, &first_said);
    const pexip_sip_addresses_t *first = (const pexip_sip_addresses_t *)first_said;
    if (!copies)
        return NULL;
    if (!first) {
        pexip_copies_first(copies, pinfo->num, out);
        return copies;
    }
    guint changed = pexip_detect_rewritten(first, here);
    if (!changed)
        return copies;
    pexip_copies_rewritten(copies, pinfo->num, out);
    if (pexip_findings_shown(PEXIP_FINDING_REWRITTEN, call))
        return copies;
    GString *places = g_string_new(NULL);
    const char *there_text, *here_text;
    changed_places(pinfo->pool, changed, first, here, places, &there_text, &here_text);
    gboolean values = there_text && here_text;
    const char *text = wmem_strdup_printf(
        wmem_file_scope(),
        "%s also in frame %u with other %s%s%s%s%s: a SIP ALG rewrote it on the way. "
        PEXIP_ADVICE_SIP_ALG,
        what ? what : "message", copies->first_frame, places->str, values ? " (" : "",
        values ? there_text : "", values ? " there, " : "",
        values ? wmem_strdup_printf(pinfo->pool, "%s here)", here_text) : "");
    g_string_free(places, TRUE);
    pexip_findings_add(pinfo->num, PEXIP_FINDING_REWRITTEN, call, call, text);
    return copies;
}

void
pexip_sip_check_via_received(packet_info *pinfo, const pexip_call_t *call, const char *method,
                             const char *sent_by, guint16 sent_by_port, const char *received,
                             guint16 rport)
{
    guint8 family, addr[16];
    if (!received || !pexip_detect_via_received(sent_by, received, &family, addr))
        return;
    /* A registration's responses can open dialogs of their own: the
     * Call-ID's first is the owner. */
    const pexip_call_t *owner = pexip_call_find(call->call_id, PEXIP_SIGNALING_SIP);
    if (!owner)
        owner = call;
    if (pexip_findings_shown(PEXIP_FINDING_VIA_RECEIVED, owner) ||
        pexip_findings_shown(PEXIP_FINDING_PRIVATE_ADDRESS, owner) ||
        pexip_findings_shown(PEXIP_FINDING_PRIVATE_ADDRESS, call))
        return;
    wmem_allocator_t *ps = pinfo->pool;
    guint8 src_family = pexip_address_family(&pinfo->net_src);
    const char *who = pexip_message_from_service(pinfo) || !src_family
        ? "The service"
        : wmem_strdup_printf(ps, "The far end %s",
                             pexip_address_to_str(ps, src_family,
                                                  (const guint8 *)pinfo->net_src.data, 0));
    guint8 sent_family, sent_addr[16];
    const char *announced = pexip_address_parse(sent_by, &sent_family, sent_addr)
        ? pexip_address_to_str(ps, sent_family, sent_addr, sent_by_port)
        : (sent_by_port ? wmem_strdup_printf(ps, "%s:%u", sent_by, sent_by_port) : sent_by);
    const char *text = wmem_strdup_printf(
        wmem_file_scope(),
        "%s saw the %s from %s while its Via said %s: a NAT that does not fix up SIP. "
        "Configure the device's public address, or NAT traversal on the SBC",
        who, method ? method : "request", pexip_address_to_str(ps, family, addr, rport),
        announced);
    pexip_findings_add(pinfo->num, PEXIP_FINDING_VIA_RECEIVED, owner, owner, text);
}
