/* pexip-reach.h
 * Whether TCP connections to an endpoint got anywhere: an endpoint the
 * signalling announced (an h245Address an H.225.0 message named,
 * pexip.h323.h245_unreachable; the customer's Contact,
 * pexip.sip.refresh_unanswered), or one connection to a service port
 * (pexip.sip.service_unanswered, pexip.webrtc.turn_refused). Read without
 * TCP flags, which would have to be primed on every packet: TCP packets
 * to the endpoint are attempts (a SYN and its retransmissions), packets
 * from it are replies (a SYN-ACK, a reset); a packet to or from it that
 * carried the protocol expected there means it was reached. A connection
 * whose connecting side sent again after an answer (the ACK after a
 * SYN-ACK) was established, whatever it carried: only a reset is left
 * unanswered that way (a connection the stack refused is not used
 * again).
 *
 * Announced endpoints are counted on the first pass, per announcement: a
 * later call announcing the same endpoint starts a new record (packets
 * count on the latest), and every record is kept, in the order announced,
 * to be judged once the capture has been read. All in the allocator
 * given to pexip_reach_watch_new (wmem_file_scope() in the plugin).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_REACH_H
#define PEXIP_REACH_H

#include <glib.h>
#include <epan/packet_info.h>
#include <epan/wmem_scopes.h>
#include "pexip-calls.h"
#include "pexip-endpoint.h"

/* One announcement of an endpoint, and what the capture showed of
 * connections to it while it was the latest. */
typedef struct {
    pexip_call_t *call;
    pexip_endpoint_t where;     /* the announced endpoint (TCP) */
    guint32 announced_frame;
    guint32 attempts;           /* TCP packets to it */
    guint32 first_attempt_frame;
    pexip_endpoint_t first_from; /* where the first attempt came from */
    guint32 replies;            /* TCP packets from it */
    gboolean reached;           /* a packet to or from it carried the expected protocol */
    gboolean established;       /* the side a reply went to sent to it again */
    pexip_endpoint_t answered;  /* where the last reply went (family 0: none yet) */
} pexip_reach_t;

typedef struct pexip_reach_watch pexip_reach_watch_t;

/* side: when set, only packets from an address it names to an announced
 * endpoint are attempts, and only packets from the endpoint to such an
 * address are replies (the service's connections to the customer side);
 * NULL: any. */
pexip_reach_watch_t *pexip_reach_watch_new(wmem_allocator_t *scope, pexip_service_address_fn side);

/* call announced family/addr:port (TCP) in frame: the record packets to
 * and from it count on from now. A repeat by the same call keeps its
 * record; another call's starts a new one. NULL for port 0. */
pexip_reach_t *pexip_reach_announce(pexip_reach_watch_t *watch, pexip_call_t *call,
                                    guint8 family, const guint8 *addr, guint16 port,
                                    guint32 frame);

/* The latest record of family/addr:port, or NULL. */
pexip_reach_t *pexip_reach_find(const pexip_reach_watch_t *watch, guint8 family,
                                const guint8 *addr, guint16 port);

/* One TCP packet (first pass) on r's connections: an attempt (it went to
 * r's endpoint from other) or a reply (it came from there, to other);
 * carried: it carried the protocol expected there. A record of one
 * connection (not announced, e.g. kept as that connection's own data)
 * counts with this too. */
void pexip_reach_count(pexip_reach_t *r, gboolean attempt, const pexip_endpoint_t *other,
                       guint32 frame, gboolean carried);

/* One TCP packet (first pass) from src:sport to dst:dport: an attempt on
 * the record of the endpoint it goes to, a reply on the one it comes
 * from; carried: it carried the protocol expected there. */
void pexip_reach_packet(pexip_reach_watch_t *watch, guint8 family, const guint8 *src,
                        guint16 sport, const guint8 *dst, guint16 dport, guint32 frame,
                        gboolean carried);

/* The same for a dissected packet; nothing for a packet that is not TCP
 * over IP, and next to nothing while no endpoint has been announced. */
void pexip_reach_frame(pexip_reach_watch_t *watch, const packet_info *pinfo, gboolean carried);

/* The record of the endpoint a dissected TCP packet goes to, else of the
 * one it comes from; NULL when neither is announced. */
pexip_reach_t *pexip_reach_of_frame(const pexip_reach_watch_t *watch, const packet_info *pinfo);

/* Every record, in the order announced (count in *n); NULL when none. */
pexip_reach_t **pexip_reach_all(const pexip_reach_watch_t *watch, guint *n);

typedef enum {
    PEXIP_REACH_OK = 0,         /* reached or established, or nothing (or not
                                 * enough) to judge */
    PEXIP_REACH_NO_ANSWER,      /* attempts, nothing came back */
    PEXIP_REACH_REFUSED         /* attempts, answered (a reset) without the
                                 * expected protocol and never used again */
} pexip_reach_outcome_t;

/* What a record's connections came to: NO_ANSWER needs at least
 * min_unanswered attempts (a retransmission shows the first went
 * unanswered; a single SYN at the capture's end does not). */
pexip_reach_outcome_t pexip_reach_judge(const pexip_reach_t *r, guint32 min_unanswered);

#endif /* PEXIP_REACH_H */
