/* pexip-sip-checks.h
 * The checks of one SIP message, called by the SIP reader
 * (signalling/pexip-sip.c) with what it read: each runs a detector of
 * pexip-detect-sip.h and, when it fires, adds the finding with its text
 * to the store, once per call.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_SIP_CHECKS_H
#define PEXIP_SIP_CHECKS_H

#include <epan/packet.h>
#include "pexip-calls.h"
#include "pexip-sdp.h"
#include "pexip-message.h"

/* pexip.alg.sdp_origin_mismatch and pexip.alg.nat_trace: a message of
 * call sent in pinfo's frame carried sdp. */
void pexip_sip_check_sdp(packet_info *pinfo, const pexip_call_t *call, const pexip_sdp_t *sdp);

/* Whether pexip.alg.content_length is still to be looked for in call
 * (the reader skips reading the body otherwise). */
gboolean pexip_sip_body_check_due(const pexip_call_t *call);

/* pexip.alg.content_length: a message of call with this Content-Length
 * whose body is the len bytes at body; end_known: len reaches the body's
 * real end (see pexip_detect_content_length). */
void pexip_sip_check_body(packet_info *pinfo, const pexip_call_t *call, guint32 content_length,
                          const guint8 *body, guint len, gboolean end_known);

/* pexip.alg.rewritten: the message with this identity
 * (pexip_sip_identity) said here; what ("INVITE", "200 OK") names it in
 * the text. Its first copy and every rewritten one are recorded on the
 * frame (out) for pexip.alg.other_frame; the finding is on the first
 * rewritten copy, once per call. Returns the message's entry (shared
 * by its copies), NULL when it has none. */
const pexip_message_copies_t *pexip_sip_check_copies(packet_info *pinfo, const pexip_call_t *call, const char *identity,
                            const pexip_sip_addresses_t *here, const char *what,
                            pexip_signalling_frame_t *out);

/* pexip.nat.via_received: a response of call (to a method request) sent
 * in pinfo's frame whose top Via says sent_by (port: sent_by_port, 0:
 * none) and received= (NULL: none), rport= (0: none). Once per Call-ID
 * (a call or a registration), and not on one that shows
 * pexip.nat.private_address already (the same NAT, seen from outside). */
void pexip_sip_check_via_received(packet_info *pinfo, const pexip_call_t *call,
                                  const char *method, const char *sent_by, guint16 sent_by_port,
                                  const char *received, guint16 rport);

#endif /* PEXIP_SIP_CHECKS_H */
