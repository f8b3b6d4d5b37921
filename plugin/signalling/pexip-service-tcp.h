/* pexip-service-tcp.h
 * TCP connections from the customer side to the service's SIP ports
 * (5060, 5061), and to its HTTPS and TURN ports (443, 3478, 5349) that
 * the web app's media falls back to, and whether each got anywhere: one
 * reach record (model/pexip-reach.h) per connection, counted packet by
 * packet without reading TCP flags, kept as the connection's conversation
 * data (pexip-connection.h) and, in the order first seen, for the checks
 * of pexip.sip.service_unanswered and pexip.webrtc.turn_refused
 * (findings/pexip-unanswered-check.h). A packet that carries anything
 * above TCP (SIP, TLS, STUN, data) reaches the connection.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_SERVICE_TCP_H
#define PEXIP_SERVICE_TCP_H

#include <epan/packet.h>
#include "pexip-reach.h"

/* proto: the plugin's own protocol id. */
void pexip_service_tcp_handoff(GArray *wanted_hfids, int proto);
void pexip_service_tcp_init(void);
void pexip_service_tcp_cleanup(void);

/* First pass: a TCP packet between the customer side and the service
 * (to_service: it goes to the service), whose service-side port is
 * service_port. Next to nothing unless that port is one of those above.
 * A connection is followed from its first packet to the service. */
void pexip_service_tcp_packet(packet_info *pinfo, gboolean to_service, guint16 service_port);

/* Every connection's record, in the order first seen (count in *n): where
 * is the service's endpoint, first_from the customer side's. NULL when
 * none. */
pexip_reach_t **pexip_service_tcp_all(guint *n);

#endif /* PEXIP_SERVICE_TCP_H */
