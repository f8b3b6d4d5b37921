/* pexip-findings-table.c
 * The findings table (see pexip-findings.h): one row per finding. Adding
 * a finding is adding its kind to the enum and its row here; the
 * compiler and tests/unit/test-findings.c check that every kind has a
 * row, and tests/test_foundation.py that docs/fields.md lists each with
 * its severity and group.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-findings.h"

#include <string.h>
#include <epan/proto.h>

const pexip_finding_info_t pexip_findings[PEXIP_FINDING_COUNT] = {
    [PEXIP_FINDING_SDP_ORIGIN_MISMATCH] = {
        "pexip.alg.sdp_origin_mismatch", PI_PROTOCOL, PI_WARN,
        PEXIP_ONCE_PER_CALL, PEXIP_PASS_FIRST,
        "SDP o= and c= addresses differ, one private and one public: an ALG rewrote the SDP",
        PEXIP_ADVICE_SIP_ALG },
    [PEXIP_FINDING_CONTENT_LENGTH] = {
        "pexip.alg.content_length", PI_PROTOCOL, PI_WARN,
        PEXIP_ONCE_PER_CALL, PEXIP_PASS_FIRST,
        "Content-Length differs from the body's real length, or the body is padded: a SIP ALG "
        "changed the body",
        PEXIP_ADVICE_SIP_ALG },
    [PEXIP_FINDING_PARTIAL_REWRITE] = {
        "pexip.alg.partial_rewrite", PI_PROTOCOL, PI_WARN,
        PEXIP_ONCE_PER_CALL, PEXIP_PASS_FIRST,
        "Some addresses of a message were rewritten to its public source, others left private: "
        "a SIP ALG",
        PEXIP_ADVICE_SIP_ALG },
    [PEXIP_FINDING_NAT_TRACE] = {
        "pexip.alg.nat_trace", PI_PROTOCOL, PI_WARN,
        PEXIP_ONCE_PER_CALL, PEXIP_PASS_FIRST,
        "SDP i= holds a private address while c= is public: a SIP ALG's trace",
        PEXIP_ADVICE_SIP_ALG },
    [PEXIP_FINDING_REWRITTEN] = {
        "pexip.alg.rewritten", PI_PROTOCOL, PI_WARN,
        PEXIP_ONCE_PER_CALL, PEXIP_PASS_FIRST,
        "The same message is in the capture twice with other addresses or ports: a SIP or H.323 "
        "ALG between the capture points rewrote it",
        "Turn off the SIP or H.323 ALG/inspection of the device between the capture points" },
    [PEXIP_FINDING_H323_ADDRESS] = {
        "pexip.alg.h323_address", PI_PROTOCOL, PI_WARN,
        PEXIP_ONCE_PER_CALL, PEXIP_PASS_FIRST,
        "H.225.0/H.245 addresses partly rewritten to the public source, partly left private: an "
        "H.323 ALG",
        PEXIP_ADVICE_H323_ALG },
    [PEXIP_FINDING_PRIVATE_ADDRESS] = {
        "pexip.nat.private_address", PI_PROTOCOL, PI_NOTE,
        PEXIP_ONCE_PER_CALL, PEXIP_PASS_FIRST,
        "A message from a public address names private addresses to send to: NAT without SIP "
        "fix-up",
        "Give the SBC (or device) its public address for signalling and media, or the far end "
        "must latch" },
    [PEXIP_FINDING_VIA_RECEIVED] = {
        "pexip.nat.via_received", PI_PROTOCOL, PI_NOTE,
        PEXIP_ONCE_PER_CALL, PEXIP_PASS_FIRST,
        "A response's top Via says the request arrived from another address (received=) than "
        "its Via announced: a NAT on the way that does not fix up SIP",
        "Configure the device's public address, or NAT traversal on the SBC" },
    [PEXIP_FINDING_MEDIA_MISSING] = {
        "pexip.media.missing", PI_SEQUENCE, PI_WARN,
        PEXIP_ONCE_PER_STREAM, PEXIP_PASS_CAPTURE_READ,
        "An announced media destination got no packet while other media of the call flowed",
        "Open the receiving side's whole UDP media port range to the other side" },
    [PEXIP_FINDING_MEDIA_ONE_WAY] = {
        "pexip.media.one_way", PI_SEQUENCE, PI_WARN,
        PEXIP_ONCE_PER_STREAM, PEXIP_PASS_CAPTURE_READ,
        "A two-way stream flowed in one direction only",
        "Open the UDP media port range of the side that receives nothing" },
    [PEXIP_FINDING_MEDIA_CONTENT_MISSING] = {
        "pexip.media.content_missing", PI_SEQUENCE, PI_WARN,
        PEXIP_ONCE_PER_GRANT, PEXIP_PASS_CAPTURE_READ,
        "A BFCP floor was granted and no content stream followed",
        "Open the receiving side's whole UDP media port range to the service network" },
    [PEXIP_FINDING_MEDIA_ICMP_UNREACHABLE] = {
        "pexip.media.icmp_unreachable", PI_RESPONSE_CODE, PI_ERROR,
        PEXIP_ONCE_PER_STREAM, PEXIP_PASS_FIRST,
        "An ICMP destination unreachable quotes a media packet of a call",
        "Open the UDP media range to the service network" },
    [PEXIP_FINDING_MEDIA_UNANNOUNCED_SOURCE] = {
        "pexip.media.unannounced_source", PI_SEQUENCE, PI_NOTE,
        PEXIP_ONCE_PER_STREAM, PEXIP_PASS_FIRST,
        "Media comes from an address or port the other side did not announce (NAT)",
        "Nothing while the call works; else configure the far end's public address or latching "
        "(symmetric RTP)" },
    [PEXIP_FINDING_MEDIA_OUTSIDE_SBC_RANGE] = {
        "pexip.media.outside_sbc_range", PI_PROTOCOL, PI_NOTE,
        PEXIP_ONCE_PER_CALL, PEXIP_PASS_FIRST,
        "A customer-side media port outside pexip.sbc_media_ports",
        "Check the SBC's media port range and the firewall rule that opens it to the service" },
    [PEXIP_FINDING_REFRESH_UNANSWERED] = {
        "pexip.sip.refresh_unanswered", PI_SEQUENCE, PI_WARN,
        PEXIP_ONCE_PER_CALL, PEXIP_PASS_CAPTURE_READ,
        "An in-dialog request from the service to the customer's Contact got no answer (or "
        "408/481), or the service's TCP connection to it none (or a reset)",
        "Open TCP/5061 (or 5060) from the service to the SBC's announced address, and make the "
        "SBC announce its public address" },
    [PEXIP_FINDING_H245_UNREACHABLE] = {
        "pexip.h323.h245_unreachable", PI_SEQUENCE, PI_WARN,
        PEXIP_ONCE_PER_CONNECTION, PEXIP_PASS_CAPTURE_READ,
        "TCP connections to an announced h245Address never carried H.245",
        "Open TCP to that port, or let the device tunnel H.245" },
    [PEXIP_FINDING_SERVICE_UNANSWERED] = {
        "pexip.sip.service_unanswered", PI_SEQUENCE, PI_WARN,
        PEXIP_ONCE_PER_CONNECTION, PEXIP_PASS_CAPTURE_READ,
        "The customer side's SIP never reached the service: TCP to 5060/5061 got no SYN-ACK "
        "(retransmitted) or a reset, or a request over UDP was retransmitted with no response",
        "Open TCP 5061 (and 5060, or UDP 5060) from the SBC to the service's address ranges" },
    [PEXIP_FINDING_UDP_BLOCKED] = {
        "pexip.webrtc.udp_blocked", PI_SEQUENCE, PI_WARN,
        PEXIP_ONCE_PER_CLIENT, PEXIP_PASS_CAPTURE_READ,
        "A client's STUN binding (or TURN allocate) requests to the service over UDP were "
        "retransmitted and no STUN answer came back: UDP media to the service is blocked",
        "Open UDP to the service's media ranges; the web app falls back to TURN over TCP/TLS "
        "443, or fails" },
    [PEXIP_FINDING_TURN_REFUSED] = {
        "pexip.webrtc.turn_refused", PI_SEQUENCE, PI_WARN,
        PEXIP_ONCE_PER_CLIENT_PORT, PEXIP_PASS_CAPTURE_READ,
        "A client's TCP connection to the service's TURN or HTTPS port (443, 3478, 5349) got no "
        "SYN-ACK (retransmitted) or a reset: the web app's media cannot fall back to TCP/TLS",
        "Allow TCP 443 (and 3478) from the clients to the service's address ranges" },
    [PEXIP_FINDING_PROXY_AUTH_UNSUPPORTED] = {
        "pexip.proxy.auth_unsupported", PI_PROTOCOL, PI_WARN,
        PEXIP_ONCE_PER_CONNECTION, PEXIP_PASS_FIRST,
        "A web proxy asks for, or the browser sends, proxy credentials other than Basic for a "
        "CONNECT to the service",
        "Allow Basic proxy authentication for the service domains, or exempt them from proxy "
        "authentication" },
    [PEXIP_FINDING_PROXY_CONNECT_FAILED] = {
        "pexip.proxy.connect_failed", PI_RESPONSE_CODE, PI_WARN,
        PEXIP_ONCE_PER_CONNECTION, PEXIP_PASS_FIRST,
        "A web proxy answered a CONNECT to the service with an error",
        "Allow CONNECT to the service domains and addresses on port 443, and let the proxy reach "
        "them" },
    [PEXIP_FINDING_PROXY_TLS_INTERCEPTED] = {
        "pexip.proxy.tls_intercepted", PI_SECURITY, PI_WARN,
        PEXIP_ONCE_PER_CONNECTION, PEXIP_PASS_FIRST,
        "TLS with a service host got a certificate that is not for a service domain: a proxy "
        "intercepts TLS",
        "Exempt the service domains from TLS inspection" },
    [PEXIP_FINDING_SIP_ENCRYPTED] = {
        "pexip.sip.encrypted", PI_DECRYPTION, PI_NOTE,
        PEXIP_ONCE_PER_CONNECTION, PEXIP_PASS_FIRST,
        "SIP over TLS that Wireshark cannot decrypt: the calls on this connection cannot be "
        "linked to their media. Give Wireshark the TLS keys (tls.keylog_file, or the server key) "
        "to read the signalling",
        "Give Wireshark the TLS keys (tls.keylog_file) to read the signalling" },
    [PEXIP_FINDING_LIMIT_REACHED] = {
        "pexip.limit.reached", PI_PROTOCOL, PI_NOTE,
        PEXIP_ONCE_PER_CALL, PEXIP_PASS_FIRST,
        "The capture reached one of the plugin's limits on what it keeps (calls per capture, "
        "streams per call, ...): what is over it is not followed, so findings and report "
        "entries about it are missing",
        "Filter the capture to the calls of interest (or split it with editcap) and read that" },
};

const pexip_finding_info_t *
pexip_finding_info(pexip_finding_kind_t kind)
{
    return (guint)kind < PEXIP_FINDING_COUNT ? &pexip_findings[kind] : NULL;
}

pexip_finding_kind_t
pexip_finding_by_name(const char *name)
{
    for (guint i = 0; name && i < PEXIP_FINDING_COUNT; i++) {
        if (pexip_findings[i].name && strcmp(pexip_findings[i].name, name) == 0)
            return (pexip_finding_kind_t)i;
    }
    return PEXIP_FINDING_COUNT;
}

const char *
pexip_finding_severity_name(int severity)
{
    switch (severity) {
    case PI_ERROR: return "error";
    case PI_WARN:  return "warning";
    case PI_NOTE:  return "note";
    case PI_CHAT:  return "chat";
    default:       return "comment";
    }
}

const char *
pexip_finding_group_name(int group)
{
    switch (group) {
    case PI_PROTOCOL:      return "protocol";
    case PI_SEQUENCE:      return "sequence";
    case PI_RESPONSE_CODE: return "response code";
    case PI_SECURITY:      return "security";
    case PI_DECRYPTION:    return "decryption";
    default:               return "other";
    }
}

const char *
pexip_finding_scope_name(pexip_finding_scope_t scope)
{
    static const char *const names[] = { "call", "connection", "stream", "grant", "client",
                                         "client-port" };
    return (guint)scope < G_N_ELEMENTS(names) ? names[scope] : "?";
}

const char *
pexip_finding_pass_name(pexip_finding_pass_t pass)
{
    return pass == PEXIP_PASS_CAPTURE_READ ? "capture-read" : "first";
}
