/* pexip-detect-sip.h
 * Detectors over one SIP message and its SDP (pure): what an ALG leaves
 * behind when it rewrites SIP, and what a response says of a NAT the
 * request crossed.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_DETECT_SIP_H
#define PEXIP_DETECT_SIP_H

#include <glib.h>
#include "pexip-sdp.h"
#include "pexip-message.h"
#include "pexip-transactions.h"

/* pexip.alg.sdp_origin_mismatch: the SDP's o= address and a connection
 * (c=) address differ, one private and the other public: an ALG rewrote
 * c= and left o=. Returns the index of the first such m-line, or -1. */
gint pexip_detect_sdp_origin_mismatch(const pexip_sdp_t *sdp);

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

/* pexip.nat.via_received: a response's top Via, where the server that
 * received the request wrote where it came from (received=, RFC 3261
 * 18.2.1). sent_by: the Via's sent-by host; received: its received=
 * value (NULL: none). TRUE when both are IP literals (IPv6 in brackets or
 * not) and differ: the request crossed a NAT that left SIP alone. A
 * sent-by host name is not compared (servers always add received= then);
 * rport= alone (only the port changed) is not a finding. The received
 * address goes to family/addr. */
gboolean pexip_detect_via_received(const char *sent_by, const char *received, guint8 *family,
                                   guint8 addr[16]);

/* pexip.sip.service_unanswered over UDP: a request from the customer side
 * to the service, over UDP, sent at least twice (a retransmission: the
 * first went unanswered; a single copy may be the capture's last packet)
 * with no response at all, provisional included. */
gboolean pexip_detect_request_unanswered(const pexip_sip_transaction_t *t);

#endif /* PEXIP_DETECT_SIP_H */
