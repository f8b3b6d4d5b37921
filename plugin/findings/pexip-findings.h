/* pexip-findings.h
 * The findings: each thing that breaks calls in the field that the plugin
 * recognises, one row of the table in pexip-findings-table.c. The
 * expert-info registration, docs/fields.md (checked by a test), the
 * triage report and the Lua fallback all take their names from it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_FINDINGS_H
#define PEXIP_FINDINGS_H

#include <glib.h>

/* One per row of pexip_findings[], grouped by family. */
typedef enum {
    /* ALGs rewriting signalling */
    PEXIP_FINDING_SDP_ORIGIN_MISMATCH = 0,      /* pexip.alg.sdp_origin_mismatch */
    PEXIP_FINDING_CONTENT_LENGTH,               /* pexip.alg.content_length */
    PEXIP_FINDING_PARTIAL_REWRITE,              /* pexip.alg.partial_rewrite */
    PEXIP_FINDING_NAT_TRACE,                    /* pexip.alg.nat_trace */
    PEXIP_FINDING_REWRITTEN,                    /* pexip.alg.rewritten */
    PEXIP_FINDING_H323_ADDRESS,                 /* pexip.alg.h323_address */
    /* NAT without fix-up */
    PEXIP_FINDING_PRIVATE_ADDRESS,              /* pexip.nat.private_address */
    PEXIP_FINDING_VIA_RECEIVED,                 /* pexip.nat.via_received */
    /* media paths */
    PEXIP_FINDING_MEDIA_MISSING,                /* pexip.media.missing */
    PEXIP_FINDING_MEDIA_ONE_WAY,                /* pexip.media.one_way */
    PEXIP_FINDING_MEDIA_CONTENT_MISSING,        /* pexip.media.content_missing */
    PEXIP_FINDING_MEDIA_ICMP_UNREACHABLE,       /* pexip.media.icmp_unreachable */
    PEXIP_FINDING_MEDIA_UNANNOUNCED_SOURCE,     /* pexip.media.unannounced_source */
    PEXIP_FINDING_MEDIA_OUTSIDE_SBC_RANGE,      /* pexip.media.outside_sbc_range */
    /* signalling the other side cannot reach */
    PEXIP_FINDING_REFRESH_UNANSWERED,           /* pexip.sip.refresh_unanswered */
    PEXIP_FINDING_H245_UNREACHABLE,             /* pexip.h323.h245_unreachable */
    PEXIP_FINDING_SERVICE_UNANSWERED,           /* pexip.sip.service_unanswered */
    /* the web app's media paths */
    PEXIP_FINDING_UDP_BLOCKED,                  /* pexip.webrtc.udp_blocked */
    PEXIP_FINDING_TURN_REFUSED,                 /* pexip.webrtc.turn_refused */
    /* web proxies */
    PEXIP_FINDING_PROXY_AUTH_UNSUPPORTED,       /* pexip.proxy.auth_unsupported */
    PEXIP_FINDING_PROXY_CONNECT_FAILED,         /* pexip.proxy.connect_failed */
    PEXIP_FINDING_PROXY_TLS_INTERCEPTED,        /* pexip.proxy.tls_intercepted */
    /* signalling the capture cannot read */
    PEXIP_FINDING_SIP_ENCRYPTED,                /* pexip.sip.encrypted */
    /* the plugin's own limits */
    PEXIP_FINDING_LIMIT_REACHED,                /* pexip.limit.reached */
    PEXIP_FINDING_COUNT
} pexip_finding_kind_t;

/* How often a finding is shown: once per call (SIP dialog or H.323
 * call), per TCP connection (or UDP transaction), per announced stream
 * (one destination), per BFCP floor grant, per client (an address on the
 * customer side), or per client and service port. */
typedef enum {
    PEXIP_ONCE_PER_CALL = 0,
    PEXIP_ONCE_PER_CONNECTION,
    PEXIP_ONCE_PER_STREAM,
    PEXIP_ONCE_PER_GRANT,
    PEXIP_ONCE_PER_CLIENT,
    PEXIP_ONCE_PER_CLIENT_PORT
} pexip_finding_scope_t;

/* When it is decided: as its frame is read (first pass), or once the
 * whole capture has been read (shown by `tshark -2` and the GUI). */
typedef enum {
    PEXIP_PASS_FIRST = 0,
    PEXIP_PASS_CAPTURE_READ
} pexip_finding_pass_t;

/* Expert-info group and severity, as Wireshark's PI_* values
 * (epan/proto.h) so the registration takes them as they are. */
typedef struct {
    const char *name;               /* the expert info's filter name */
    int group;                      /* PI_PROTOCOL, PI_SEQUENCE, ... */
    int severity;                   /* PI_NOTE, PI_WARN or PI_ERROR */
    pexip_finding_scope_t scope;
    pexip_finding_pass_t pass;
    const char *summary;            /* what it means (the expert info's summary) */
    const char *advice;             /* what to do about it */
} pexip_finding_info_t;

extern const pexip_finding_info_t pexip_findings[PEXIP_FINDING_COUNT];

/* The row of kind; NULL for a value outside the table. */
const pexip_finding_info_t *pexip_finding_info(pexip_finding_kind_t kind);

/* The kind with this filter name, or PEXIP_FINDING_COUNT. */
pexip_finding_kind_t pexip_finding_by_name(const char *name);

/* "note", "warning" or "error" (the report's words for a severity). */
const char *pexip_finding_severity_name(int severity);

/* "protocol", "sequence", "response code", "security", "decryption" (the
 * expert-info groups the findings use). */
const char *pexip_finding_group_name(int group);

/* "call", "connection", "stream", "grant", "client", "client-port";
 * "first" or "capture-read". */
const char *pexip_finding_scope_name(pexip_finding_scope_t scope);
const char *pexip_finding_pass_name(pexip_finding_pass_t pass);

/* Advice that several findings' texts end with, written once. */
#define PEXIP_ADVICE_SIP_ALG \
    "Turn off SIP ALG/inspection on the firewall; let the SBC do NAT"
#define PEXIP_ADVICE_H323_ALG \
    "Turn off H.323 ALG/inspection on the firewall"
#define PEXIP_ADVICE_H323_FIXUP \
    "Turn off H.323 ALG/inspection (H.323 fixup) on the firewall"
#define PEXIP_ADVICE_PROXY_BASIC \
    "the web app supports only Basic proxy auth. Allow Basic for the service domains or " \
    "exempt them from proxy auth"

#endif /* PEXIP_FINDINGS_H */
