/* pexip-stun.h
 * STUN and TURN over UDP between a client and the service (the web app's
 * ICE checks and TURN allocations): each message's header, read from the
 * bytes of Wireshark's `stun` item, to the tally of
 * pexip.webrtc.udp_blocked (findings/pexip-unanswered-check.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_STUN_H
#define PEXIP_STUN_H

#include <epan/packet.h>

void pexip_stun_handoff(GArray *wanted_hfids);

/* First pass, a UDP packet between the customer side and the service in
 * which Wireshark found STUN; to_service: it goes to the service. */
void pexip_stun_read(packet_info *pinfo, proto_tree *tree, gboolean to_service);

#endif /* PEXIP_STUN_H */
