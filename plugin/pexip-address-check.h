/* pexip-address-check.h
 * NAT and ALG traces in the addresses one signalling message names for
 * the peer to send to (SIP: top Via, Contact, SDP c=; H.225.0:
 * h245Address, sourceCallSignalAddress; H.245: mediaChannel,
 * mediaControlChannel): pexip.nat.private_address, and the partial
 * rewrite of an ALG (SIP: pexip.alg.partial_rewrite, H.323:
 * pexip.alg.h323_address). Shared by the SIP and H.323 readers.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_ADDRESS_CHECK_H
#define PEXIP_ADDRESS_CHECK_H

#include <epan/packet.h>
#include "pexip-calls.h"
#include "pexip-detectors.h"

/* Whether pinfo's packet comes from a service address: the service's own
 * messages are not checked (an H.323 FastStart answer repeats the
 * caller's addresses, private or not). */
gboolean pexip_message_from_service(const packet_info *pinfo);

/* The named addresses (n of them) of one message of call sent in pinfo's
 * frame: an ALG's partial rewrite (some equal the public source, others
 * private) is that finding only; otherwise private addresses from a
 * public source are NAT without fix-up. Each once per call. */
void pexip_check_named_addresses(packet_info *pinfo, pexip_signaling_t signaling,
                                 const pexip_named_address_t *named, guint n, pexip_call_t *call,
                                 pexip_signalling_frame_t *out);

#endif /* PEXIP_ADDRESS_CHECK_H */
