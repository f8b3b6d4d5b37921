/* pexip-unanswered-check.h
 * What the customer side sent the service that nothing answered, judged
 * once the capture has been read:
 *   pexip.sip.service_unanswered  TCP to a service SIP port (5060, 5061)
 *                                 with no SYN-ACK (retransmitted) or a
 *                                 reset; a SIP request over UDP
 *                                 retransmitted with no response at all
 *   pexip.webrtc.turn_refused     TCP from a client to a service TURN or
 *                                 HTTPS port (443, 3478, 5349) the same way
 *   pexip.webrtc.udp_blocked      a client's STUN binding or TURN allocate
 *                                 requests over UDP, retransmitted, with no
 *                                 STUN answer from the service at all
 * The TCP connections are pexip-service-tcp.c's records (given to the
 * run), the SIP requests model/pexip-transactions.c's; the STUN clients
 * are tallied here on the first pass.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_UNANSWERED_CHECK_H
#define PEXIP_UNANSWERED_CHECK_H

#include <glib.h>
#include <epan/wmem_scopes.h>
#include "pexip-reach.h"
#include "pexip-detect-webrtc.h"

void pexip_unanswered_init(wmem_allocator_t *scope);
void pexip_unanswered_cleanup(void);

/* First pass: a STUN/TURN message m over UDP between a client (family,
 * client address) and the service (service address and port), in frame;
 * to_service: the client sent it. */
void pexip_unanswered_stun(guint32 frame, guint8 family, const guint8 *client,
                           const guint8 *service, guint16 service_port, gboolean to_service,
                           const pexip_stun_message_t *m);

/* The STUN clients so far, in the order first seen (count in *n); NULL
 * when none. */
pexip_stun_client_t **pexip_unanswered_stun_clients(guint *n);

/* Once the capture has been read, into the store's whole-capture
 * findings (pool: for what the texts need while they are made). tcp: the
 * customer side's connections to service ports (n_tcp of them);
 * is_proxy: whether an address is a web proxy's (its connections to the
 * service are pexip.proxy.connect_failed's to judge, through the answer
 * it gives the browser). */
void pexip_unanswered_check_run(wmem_allocator_t *pool, pexip_reach_t *const *tcp, guint n_tcp,
                                pexip_service_address_fn is_proxy);

#endif /* PEXIP_UNANSWERED_CHECK_H */
