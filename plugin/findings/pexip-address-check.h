/* pexip-address-check.h
 * NAT and ALG traces in the addresses one signalling message names for
 * the peer to send to (SIP: top Via, Contact, SDP c=; H.225.0:
 * h245Address, sourceCallSignalAddress; H.245: mediaChannel,
 * mediaControlChannel): pexip.nat.private_address, and the partial
 * rewrite of an ALG (SIP: pexip.alg.partial_rewrite, H.323:
 * pexip.alg.h323_address). Shared by the SIP and H.323 readers. And the
 * H.225.0/H.245 messages an ALG rewrote between two capture points
 * (pexip.alg.rewritten; SIP's own check is in pexip-sip-checks.c).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_ADDRESS_CHECK_H
#define PEXIP_ADDRESS_CHECK_H

#include <epan/packet.h>
#include "pexip-calls.h"
#include "pexip-message.h"

/* Whether pinfo's packet comes from a service address: the service's own
 * messages are not checked (an H.323 FastStart answer repeats the
 * caller's addresses, private or not). */
gboolean pexip_message_from_service(const packet_info *pinfo);

/* Whether pexip.nat.private_address or the signalling's partial-rewrite
 * finding is still to be looked for in call (the readers skip collecting
 * the addresses otherwise). */
gboolean pexip_named_addresses_check_due(pexip_signaling_t signaling, const pexip_call_t *call);

/* The named addresses (n of them) of one message of call sent in pinfo's
 * frame: an ALG's partial rewrite (some equal the public source, others
 * private) is that finding only; otherwise private addresses from a
 * public source are NAT without fix-up. Each once per call. */
void pexip_check_named_addresses(packet_info *pinfo, pexip_signaling_t signaling,
                                 const pexip_named_address_t *named, guint n,
                                 const pexip_call_t *call);

/* pexip.alg.rewritten for one H.225.0 or H.245 message of call sent in
 * pinfo's frame: message ("H.225 Setup", "H.245 OpenLogicalChannel") and
 * number (the Q.931 call reference with its flag, G_MAXUINT32 when
 * unknown; or, with channel, the logical channel number, named in the
 * text) identify it; named (n, with ports) are the transport addresses it
 * embeds, in message order. Its first copy and every rewritten one are
 * recorded on their frames (pexip.alg.other_frame); the finding is on the
 * first rewritten copy, once per call. Returns the message's entry
 * (shared by its copies), NULL when it has none. */
const pexip_message_copies_t *pexip_check_h323_copies(packet_info *pinfo, const char *message, guint32 number,
                             gboolean channel, const pexip_named_address_t *named, guint n,
                             const pexip_call_t *call, pexip_signalling_frame_t *out);

#endif /* PEXIP_ADDRESS_CHECK_H */
