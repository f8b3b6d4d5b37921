/* pexip-sip-refresh.h
 * pexip.sip.refresh_unanswered: in-dialog requests the service sends to
 * the customer side's Contact (session refreshes, OPTIONS, BYE) that get
 * no answer, or 408/481; or the service's TCP connections to that
 * Contact (TCP or TLS) that get no answer or a reset. An SBC whose
 * announced signalling address the service cannot reach takes calls from
 * the service, and they drop at the first refresh.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_SIP_REFRESH_H
#define PEXIP_SIP_REFRESH_H

#include <glib.h>
#include <epan/packet_info.h>
#include "pexip-calls.h"
#include "pexip-ranges.h"

/* is_service: which source addresses are the service's. */
void pexip_sip_refresh_init(pexip_service_address_fn is_service);
void pexip_sip_refresh_cleanup(void);

/* First pass: a SIP message of call, sent in frame from src, names a
 * Contact reached over TCP or TLS at family/addr:port
 * (pexip_sip_uri_tcp_endpoint). When neither src nor that endpoint is
 * the service's, the service's connections to it are watched from now
 * on, for this call (a later call naming the same Contact takes it
 * over). */
void pexip_sip_refresh_contact(pexip_call_t *call, guint32 frame, const address *src,
                               guint8 family, const guint8 *addr, guint16 port);

/* First pass, every packet to or from the service: a TCP packet from the
 * service to a watched Contact is an attempt to reach it, one back a
 * reply; SIP or TLS in it (seen: PEXIP_SEEN_*) means it was reached.
 * Next to nothing while no Contact is watched. */
void pexip_sip_refresh_connection_packet(const packet_info *pinfo, guint seen);

/* Once the capture has been read, into the store's whole-capture
 * findings (pool: for what the texts need only while they are made): an
 * in-dialog request (not ACK) from the service to the customer side sent
 * at least twice (UDP
 * retransmissions) with no response at all, or answered 408 or 481,
 * reported on its first copy; or a watched Contact the service's TCP
 * packets went to without SIP or TLS ever going either way: at least two
 * of them and nothing back (no answer: a single SYN, as at the end of a
 * capture, is not judged), or answered by a reset (refused; a connection
 * the service went on using after the answer is not). Reported on the
 * first of those packets. Once per call: the earliest in frame order of
 * all these. */
void pexip_sip_refresh_check_run(wmem_allocator_t *pool);

#endif /* PEXIP_SIP_REFRESH_H */
