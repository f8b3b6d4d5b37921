/* pexip-sip-refresh.h
 * pexip.sip.refresh_unanswered: in-dialog requests the service sends to
 * the customer side's Contact (session refreshes, OPTIONS, BYE) that get
 * no answer, or 408/481. An SBC whose announced signalling address the
 * service cannot reach takes calls from the service, and they drop at
 * the first refresh.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_SIP_REFRESH_H
#define PEXIP_SIP_REFRESH_H

#include <glib.h>
#include "pexip-calls.h"
#include "pexip-dialling.h"

/* is_service: which source addresses are the service's. */
void pexip_sip_refresh_init(pexip_service_address_fn is_service);
void pexip_sip_refresh_cleanup(void);

/* First pass: an in-dialog request (not ACK) of call, sent in frame from
 * src to dst (family 4 or 6, port). Only the service's are kept. */
void pexip_sip_refresh_request(pexip_call_t *call, const char *call_id, guint32 cseq,
                               const char *method, guint32 frame, guint8 family,
                               const guint8 *src, const guint8 *dst, guint16 dst_port);

/* First pass: a response (code) to the request call_id/cseq/method. */
void pexip_sip_refresh_response(const char *call_id, guint32 cseq, const char *method,
                                guint32 code);

typedef void (*pexip_refresh_finding_fn)(guint32 frame, pexip_finding_kind_t kind, const char *text);

/* Once the capture has been read: a request sent at least twice (UDP
 * retransmissions) with no response at all, or answered 408 or 481,
 * reported on its first copy; once per call. */
void pexip_sip_refresh_check_run(pexip_refresh_finding_fn report);

#endif /* PEXIP_SIP_REFRESH_H */
