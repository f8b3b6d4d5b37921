/* pexip-h245.h
 * H.245 into the call model: OpenLogicalChannel (and its FastStart form)
 * and OpenLogicalChannelAck become streams with RTP and RTCP
 * destinations; userInputIndication keys feed the IVR entry. Read from
 * Wireshark's H.245 dissection on the first pass, wherever H.245 is: on
 * its own TCP connection (to an h245Address an H.225.0 message
 * announced), tunnelled in H.225.0 h245Control, or as FastStart elements.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_H245_H
#define PEXIP_H245_H

#include <epan/packet.h>
#include "pexip-calls.h"
#include "pexip-reach.h"

void pexip_h245_handoff(GArray *wanted_hfids);
void pexip_h245_init(void);
void pexip_h245_cleanup(void);

/* An H.225.0 message of call (in frame) announced its H.245 address (TCP). */
void pexip_h245_address_add(pexip_call_t *call, guint8 family, const guint8 *addr,
                            guint16 port, guint32 frame);

/* First pass, every packet to or from the service: a TCP packet to an
 * announced h245Address is an attempt to reach it (a SYN, a
 * retransmission), one from it an answer; H.245 in it (seen:
 * PEXIP_SEEN_*) means it was reached. */
void pexip_h245_connection_packet(const packet_info *pinfo, guint seen);

/* The announced h245Addresses and the TCP packets to and from them, for
 * pexip.h323.h245_unreachable (findings/pexip-h245-check.h). */
const pexip_reach_watch_t *pexip_h245_addresses(void);

/* The H.245 elements below message (an H.225.0 message's node: tunnelled
 * H.245 and FastStart; or the frame's tree) belong to call: record the
 * channels they open in out->streams and their keys in the call. Each
 * OpenLogicalChannel(Ack) is compared with its copies
 * (pexip.alg.rewritten); the addresses of FastStart channels are part of
 * their H.225.0 message's and are appended to faststart
 * (pexip_named_address_t, as "fastStart channel"; NULL: not kept).
 * faststart_answer: the message answers FastStart proposals (it is not a
 * Setup), so the reverse parameters it returns repeat the proposer's
 * addresses: they are not its sender's, for pexip.nat.private_address. */
void pexip_h245_read_inside(packet_info *pinfo, proto_node *message, pexip_call_t *call,
                            pexip_signalling_frame_t *out, wmem_array_t *faststart,
                            gboolean faststart_answer);

/* First pass, a frame of H.245 on its own connection: the call whose
 * h245Address the connection goes to (or comes from), and what its
 * messages announced. FALSE when the connection is not known. */
gboolean pexip_h245_read(packet_info *pinfo, proto_tree *tree, pexip_signalling_frame_t *out);

#endif /* PEXIP_H245_H */
