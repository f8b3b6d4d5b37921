/* pexip-detectors.h
 * Detectors: small pure functions over what the signalling announced,
 * each naming one thing that breaks calls in the field. They return what
 * they found; packet-pexip.c turns that into expert infos.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_DETECTORS_H
#define PEXIP_DETECTORS_H

#include <glib.h>
#include <epan/wmem_scopes.h>
#include "pexip-sdp.h"
#include "pexip-dns.h"

/* What a signalling or web-proxy frame can show (one expert info each). */
typedef enum {
    PEXIP_FINDING_SDP_ORIGIN_MISMATCH = 0,      /* pexip.alg.sdp_origin_mismatch */
    PEXIP_FINDING_PRIVATE_ADDRESS,              /* pexip.nat.private_address */
    PEXIP_FINDING_MEDIA_MISSING,                /* pexip.media.missing */
    PEXIP_FINDING_MEDIA_ONE_WAY,                /* pexip.media.one_way */
    PEXIP_FINDING_MEDIA_CONTENT_MISSING,        /* pexip.media.content_missing */
    PEXIP_FINDING_MEDIA_ICMP_UNREACHABLE,       /* pexip.media.icmp_unreachable */
    PEXIP_FINDING_MEDIA_UNANNOUNCED_SOURCE,     /* pexip.media.unannounced_source */
    PEXIP_FINDING_MEDIA_OUTSIDE_SBC_RANGE,      /* pexip.media.outside_sbc_range */
    PEXIP_FINDING_H245_UNREACHABLE,             /* pexip.h323.h245_unreachable */
    PEXIP_FINDING_REFRESH_UNANSWERED,           /* pexip.sip.refresh_unanswered */
    PEXIP_FINDING_PROXY_AUTH_UNSUPPORTED,       /* pexip.proxy.auth_unsupported */
    PEXIP_FINDING_PROXY_CONNECT_FAILED,         /* pexip.proxy.connect_failed */
    PEXIP_FINDING_PROXY_TLS_INTERCEPTED,        /* pexip.proxy.tls_intercepted */
    PEXIP_FINDING_PARTIAL_REWRITE,              /* pexip.alg.partial_rewrite */
    PEXIP_FINDING_NAT_TRACE,                    /* pexip.alg.nat_trace */
    PEXIP_FINDING_CONTENT_LENGTH,               /* pexip.alg.content_length */
    PEXIP_FINDING_REWRITTEN,                    /* pexip.alg.rewritten */
    PEXIP_FINDING_H323_ADDRESS,                 /* pexip.alg.h323_address */
    PEXIP_FINDING_COUNT
} pexip_finding_kind_t;

/* An expert info's text holds at most PEXIP_FINDING_TEXT_MAX bytes
 * (Wireshark cuts the rest). A finding's text is "what was seen: what to
 * do"; when it is longer, the part before its last ": " is shortened
 * (ending "...") so that the advice stays whole. Returns text itself
 * when it fits, else a copy in scope. */
#define PEXIP_FINDING_TEXT_MAX 239
const char *pexip_finding_text_fit(wmem_allocator_t *scope, const char *text);

typedef struct {
    pexip_finding_kind_t kind;
    const char *text;           /* what was seen and what to check */
} pexip_finding_t;

typedef enum {
    PEXIP_ADDRESS_OTHER = 0,    /* unspecified, loopback, link-local, multicast */
    PEXIP_ADDRESS_PRIVATE,      /* RFC 1918, RFC 6598 shared, IPv6 ULA fc00::/7 */
    PEXIP_ADDRESS_PUBLIC        /* anything else routable */
} pexip_address_scope_t;

/* family 4 or 6, addr in network order. */
pexip_address_scope_t pexip_address_scope(guint8 family, const guint8 *addr);

/* pexip.alg.sdp_origin_mismatch: the SDP's o= address and a connection
 * (c=) address differ, one private and the other public: an ALG rewrote
 * c= and left o=. Returns the index of the first such m-line, or -1. */
gint pexip_detect_sdp_origin_mismatch(const pexip_sdp_t *sdp);

/* An address a message gives the peer to send to, and where it is. */
typedef struct {
    const char *where;          /* "Via", "Contact", "SDP audio c=", ... (static) */
    guint8 family;
    guint8 addr[16];
    guint16 port;               /* H.225.0/H.245 transport addresses; 0: none given */
} pexip_named_address_t;

/* pexip.nat.private_address: a message from a public source (src) that
 * names private addresses to send to (Via, Contact, SDP c=, h245Address,
 * an OLC mediaChannel): NAT without anything fixing the signalling up.
 * Sets found[i] for each private one; returns how many (0 when the source
 * is not public). found has n entries. */
guint pexip_detect_private_addresses(guint8 src_family, const guint8 *src,
                                     const pexip_named_address_t *addrs, guint n,
                                     gboolean *found);

/* ---- web proxies (pexip-proxy.c) ------------------------------------ */

/* A token inside a header value (not NUL-terminated). */
typedef struct {
    const char *start;
    gsize len;
} pexip_token_t;

/* The auth-schemes of the challenges in a Proxy-Authenticate value: a
 * comma-separated list where each challenge is a scheme followed by a
 * token68 or by auth-params (name=value, values may be quoted strings
 * holding commas), e.g. `Digest realm="a, b", nonce="1", Basic realm="c"`
 * gives Digest and Basic. Fills at most max of schemes; returns how many
 * there are (possibly more than max). NULL or empty: 0. */
guint pexip_http_challenge_schemes(const char *value, pexip_token_t *schemes, guint max);

/* The scheme of a Proxy-Authorization value (`NTLM TlRM...` gives NTLM).
 * FALSE when the value does not start with a token. */
gboolean pexip_http_credentials_scheme(const char *value, pexip_token_t *scheme);

/* Whether token is name, ignoring case. */
gboolean pexip_token_is(const pexip_token_t *token, const char *name);

/* pexip.proxy.auth_unsupported: a proxy authentication scheme the web app
 * cannot use to reach the service (Digest, NTLM, Negotiate, Kerberos); only
 * Basic works. Other schemes are not judged (FALSE). */
gboolean pexip_proxy_scheme_unsupported(const pexip_token_t *scheme);

/* pexip.proxy.connect_failed: whether a final status to a CONNECT means the
 * tunnel was not opened. 1xx is interim and 2xx opens it; 407 is a
 * challenge the browser answers (judged by the auth rules): FALSE. */
gboolean pexip_proxy_connect_failed(guint status);

/* What to tell the customer about a failed CONNECT with this status. */
const char *pexip_proxy_connect_advice(guint status);

/* A CONNECT request-target (authority form): "host:port", "[v6]:port";
 * a bare host or IPv6 address is taken without a port (port 0). The host,
 * without brackets, goes to host (size bytes, NUL-terminated). FALSE when
 * the host is empty or too long, or the port is not 1-65535. */
gboolean pexip_connect_target_split(const char *target, char *host, gsize size,
                                    guint16 *port);

/* pexip.proxy.tls_intercepted, the other way round: whether a name a
 * certificate is for is a service name (under suffixes); a wildcard
 * "*.pexip.me" counts as the domain it covers. */
gboolean pexip_cert_name_is_service(const pexip_dns_suffixes_t *suffixes, const char *name);

/* The names an X.509 certificate is for, read from its DER: the
 * subjectAltName dNSNames, then the subject's commonNames (not the
 * issuer's), each once. Characters outside printable ASCII become '?'; a
 * name longer than a DNS name can be is left out. */
#define PEXIP_CERT_MAX_NAMES 8
#define PEXIP_CERT_NAME_SIZE 256
typedef struct {
    guint count;                /* names read (a repeat of a kept one is not counted) */
    guint kept;                 /* the first of them, at most PEXIP_CERT_MAX_NAMES */
    gboolean service;           /* one of the names read is a service name */
    char names[PEXIP_CERT_MAX_NAMES][PEXIP_CERT_NAME_SIZE];
} pexip_cert_names_t;

/* FALSE when der is not a certificate this reader understands (then no
 * judgement can be made). suffixes may be NULL (no service names). */
gboolean pexip_cert_names(const guint8 *der, gsize len, const pexip_dns_suffixes_t *suffixes,
                          pexip_cert_names_t *names);

/* pexip.alg.partial_rewrite: a message from a public source (src) in
 * which some addresses equal that source (an ALG rewrote them to the
 * firewall's public address) while others stayed private (the ALG missed
 * them). Sets rewritten[i] and left_private[i] (n entries each); TRUE
 * when there is at least one of each. Such a message is not also a plain
 * NAT finding (pexip.nat.private_address): the cause is the ALG. */
gboolean pexip_detect_partial_rewrite(guint8 src_family, const guint8 *src,
                                      const pexip_named_address_t *addrs, guint n,
                                      gboolean *rewritten, gboolean *left_private);

/* pexip.alg.nat_trace: an ALG's own marker in the SDP: an i= line (the
 * m-line's own, else the session's) holding a private address while the
 * m-line's connection address is public, as a FortiGate's SIP ALG writes
 * "i=(o=IN IP4 <original address>)". Returns the index of the first such
 * m-line (port not 0), or -1. */
gint pexip_detect_nat_trace(const pexip_sdp_t *sdp);

/* pexip.alg.content_length: what a message body says about having been
 * changed after its Content-Length was written. */
typedef enum {
    PEXIP_BODY_OK = 0,
    PEXIP_BODY_LONGER,      /* SDP text goes on after Content-Length bytes */
    PEXIP_BODY_SHORTER,     /* the body ends before Content-Length bytes */
    PEXIP_BODY_PADDED       /* spaces added to keep the length: inside an
                             * o=, c= or m= line (a run of two, or before the
                             * line end), or after the last line */
} pexip_body_check_t;

/* body: the len bytes from the body's start on. end_known: len reaches
 * the body's real end (a UDP datagram's end); otherwise (TCP, where
 * Wireshark cuts the body at Content-Length) only padding is looked for.
 * Bytes after Content-Length count as the body only when they are SDP
 * text (printable, ending in a line end); anything else (not SDP) is
 * left alone. */
pexip_body_check_t pexip_detect_content_length(guint32 content_length, const guint8 *body,
                                               gsize len, gboolean end_known);

/* ---- SIP URIs --------------------------------------------------------- */

typedef enum {
    PEXIP_SIP_TRANSPORT_NONE = 0,       /* no transport parameter */
    PEXIP_SIP_TRANSPORT_UDP,
    PEXIP_SIP_TRANSPORT_TCP,
    PEXIP_SIP_TRANSPORT_TLS,
    PEXIP_SIP_TRANSPORT_OTHER           /* sctp, ws, wss, ... */
} pexip_sip_transport_t;

/* A SIP or SIPS URI, split. */
typedef struct {
    gboolean sips;
    pexip_token_t host;                 /* an IPv6 reference without its brackets */
    guint16 port;                       /* 0: none given */
    pexip_sip_transport_t transport;    /* its ;transport= parameter */
} pexip_sip_uri_t;

/* uri as Wireshark's sip.contact.uri gives it ("sip:user@host:port;params?headers",
 * no angle brackets; a '>' ends it all the same). FALSE when it is not a
 * sip: or sips: URI, its host is empty, or its port is not 1-65535. */
gboolean pexip_sip_uri_parse(const char *uri, pexip_sip_uri_t *out);

/* pexip.sip.refresh_unanswered (connections): the endpoint the service
 * connects to over TCP to send to a Contact: an IP-literal host, with
 * ;transport=tcp or tls, or a sips: URI; the port given, else 5060 (TCP)
 * or 5061 (TLS). FALSE for UDP (no transport parameter means UDP, RFC
 * 3263), other transports, and host names (which address the service
 * looked up is not in the capture). */
gboolean pexip_sip_uri_tcp_endpoint(const pexip_sip_uri_t *uri, guint8 *family, guint8 addr[16],
                                    guint16 *port);

/* What one copy of a SIP message says where to send, for comparing two
 * copies of it (pexip.alg.rewritten). */
typedef struct {
    guint8 family;              /* 0: no connection address */
    guint8 addr[16];
    guint16 port;
} pexip_media_address_t;

typedef struct {
    guint via_count;            /* Via entries (a proxy adds one) */
    const char *via;            /* top Via sent-by host, or NULL */
    guint16 via_port;           /* 0 when not given */
    const char *contact;        /* Contact host, or NULL */
    guint16 contact_port;
    guint8 origin_family;       /* SDP o= address; 0 when none */
    guint8 origin_addr[16];
    guint media_count;          /* SDP m-lines */
    const pexip_media_address_t *media;
} pexip_sip_addresses_t;

/* Places pexip_detect_rewritten found changed. */
#define PEXIP_REWRITE_VIA        0x01u
#define PEXIP_REWRITE_CONTACT    0x02u
#define PEXIP_REWRITE_ORIGIN     0x04u
#define PEXIP_REWRITE_CONNECTION 0x08u
#define PEXIP_REWRITE_PORT       0x10u

/* pexip.alg.rewritten: two copies of one SIP message (same Call-ID, CSeq,
 * top Via branch and first line) seen at two capture points. Returns the
 * places whose addresses or ports differ (PEXIP_REWRITE_*), 0 when none
 * do (relayed unchanged, a retransmission) or when the Via count differs
 * (a proxy or SBC hop added its own Via: not an ALG). An m-line present
 * in one copy only is a changed connection. */
guint pexip_detect_rewritten(const pexip_sip_addresses_t *earlier,
                             const pexip_sip_addresses_t *later);

/* What one copy of an H.225.0 or H.245 message says where to send, for
 * comparing two copies of it (pexip.alg.rewritten): the transport
 * addresses it embeds, in message order (H.225.0: h245Address,
 * sourceCallSignalAddress, destCallSignalAddress, the FastStart channels'
 * mediaChannel and mediaControlChannel; H.245 OpenLogicalChannel(Ack):
 * mediaChannel, mediaControlChannel), and the IP source and destination
 * of the packet that carried it. */
typedef struct {
    guint8 family;              /* of src and dst (4 or 6) */
    guint8 src[16];
    guint8 dst[16];
    guint count;
    const pexip_named_address_t *named;     /* count of them, with ports */
} pexip_h323_addresses_t;

/* What a later copy of an H.225.0 or H.245 message is to the first. */
typedef enum {
    PEXIP_COPY_UNCHANGED = 0,   /* the same addresses and ports: relayed
                                 * unchanged, retransmitted */
    PEXIP_COPY_REWRITTEN,       /* one IP end changed (NAT) and some embedded
                                 * address or port changed with it: an ALG */
    PEXIP_COPY_OTHER,           /* both IP ends changed (a gatekeeper or SBC
                                 * that terminates signalling sends its own
                                 * leg: the later copy's source is the
                                 * earlier one's destination), another IP
                                 * family, or other places: not a copy */
    PEXIP_COPY_NEW_MESSAGE      /* the same IP ends and other addresses: the
                                 * same capture point saw a new message that
                                 * reuses the identity (a channel opened
                                 * again), not a copy */
} pexip_copy_verdict_t;

/* pexip.alg.rewritten for H.323: two copies of one H.225.0 message (same
 * callIdentifier, message type and call reference) or H.245 message (same
 * call, message and logical channel number). NAT (and an ALG with it)
 * changes one end of the packet and keeps the other: outbound the source,
 * inbound the destination. Sets changed[i] (later->count entries) for
 * each place of the later copy whose address or port differs from the
 * earlier copy's (REWRITTEN only; all FALSE otherwise). */
pexip_copy_verdict_t pexip_detect_h323_rewritten(const pexip_h323_addresses_t *earlier,
                                                 const pexip_h323_addresses_t *later,
                                                 gboolean *changed);

#endif /* PEXIP_DETECTORS_H */
