/* pexip-transactions.h
 * SIP requests and what answered them: one record per request (its
 * Call-ID, CSeq number and method, and the address that sent it), counting
 * its copies (retransmissions) and the responses that came back. Read by
 * the checks of requests nobody answered: the service's in-dialog
 * requests to the customer side (pexip.sip.refresh_unanswered), and the
 * customer side's requests to the service over UDP
 * (pexip.sip.service_unanswered).
 *
 * Built on the first pass; every record is kept, in the order first
 * seen, in the allocator given to init (wmem_file_scope() in the plugin).
 * ACKs are not requests that get an answer, and are not kept.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_TRANSACTIONS_H
#define PEXIP_TRANSACTIONS_H

#include <glib.h>
#include <epan/wmem_scopes.h>
#include "pexip-calls.h"
#include "pexip-endpoint.h"

/* One SIP request (its retransmissions and copies share it), three or
 * more per call: ordered to leave no holes, flags as bits (assign 0 or
 * 1). Its identity (call_id, cseq, method, from) is its key in the
 * model's map: no second copy. */
typedef struct {
    pexip_call_t *call;
    const char *call_id;        /* the call's own copy */
    const char *method;         /* the model's one copy of each method */
    pexip_endpoint_t from;      /* the sender's address (port 0) */
    pexip_endpoint_t to;        /* where the first copy went (with its port) */
    guint32 cseq;
    guint32 first_frame;
    guint32 sends;              /* copies from the sender (retransmissions) */
    guint32 responses;          /* responses of any kind, provisional included */
    guint16 final_code;         /* the last 408 or 481, 0 when none */
    guint8 udp : 1;             /* the first copy went over UDP */
    guint8 in_dialog : 1;       /* it had a To tag */
    guint8 from_service : 1;    /* its sender was a service address, */
    guint8 to_service : 1;      /* its destination was, at its first frame
                                 * (filled in by pexip_transactions_all) */
    guint8 sides_known : 1;
    guint8 answered : 1;        /* a response other than 408/481 came */
} pexip_sip_transaction_t;

/* is_service: which addresses are the service's (at a frame). */
void pexip_transactions_init(wmem_allocator_t *scope, pexip_service_address_fn is_service);
void pexip_transactions_cleanup(void);

/* A request (not ACK: ignored) of call, number cseq of method, sent in
 * frame from src to dst:dst_port (family 4 or 6) over UDP (udp) or not;
 * in_dialog: it had a To tag. A copy of a request already seen from the
 * same address counts as another send. Returns its record. */
pexip_sip_transaction_t *pexip_transaction_request(pexip_call_t *call, guint32 cseq,
                                                   const char *method, guint32 frame,
                                                   guint8 family, const guint8 *src,
                                                   const guint8 *dst, guint16 dst_port,
                                                   gboolean udp, gboolean in_dialog);

/* A response of call (any dialog of its Call-ID) with code to request
 * cseq/method, sent to dst (the request's sender). Returns the request's
 * record, NULL when it was not seen. */
pexip_sip_transaction_t *pexip_transaction_response(const pexip_call_t *call, guint32 cseq,
                                                    const char *method, guint32 code,
                                                    guint8 family, const guint8 *dst);

/* Every record, in the order first seen (count in *n); NULL when none.
 * Each record's from_service and to_service are filled in here (asked
 * once per request, not on every packet). */
pexip_sip_transaction_t **pexip_transactions_all(guint *n);

#endif /* PEXIP_TRANSACTIONS_H */
