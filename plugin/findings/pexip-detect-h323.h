/* pexip-detect-h323.h
 * Two copies of one H.225.0 or H.245 message compared (pure), for
 * pexip.alg.rewritten.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_DETECT_H323_H
#define PEXIP_DETECT_H323_H

#include <glib.h>
#include "pexip-message.h"

/* What a later copy of an H.225.0 or H.245 message is to the first. */
typedef enum {
    PEXIP_COPY_UNCHANGED = 0,   /* the same addresses and ports: relayed
                                 * unchanged, retransmitted */
    PEXIP_COPY_REWRITTEN,       /* one IP end changed (NAT) and some embedded
                                 * address or port changed with it: an ALG */
    PEXIP_COPY_OTHER,           /* both IP ends changed (a gatekeeper or SBC
                                 * that terminates signalling sends its own
                                 * leg: the later copy's source is the
                                 * earlier one's destination), another IP
                                 * family, or other places: not a copy */
    PEXIP_COPY_NEW_MESSAGE      /* the same IP ends and other addresses: the
                                 * same capture point saw a new message that
                                 * reuses the identity (a channel opened
                                 * again), not a copy */
} pexip_copy_verdict_t;

/* pexip.alg.rewritten for H.323: two copies of one H.225.0 message (same
 * callIdentifier, message type and call reference) or H.245 message (same
 * call, message and logical channel number). NAT (and an ALG with it)
 * changes one end of the packet and keeps the other: outbound the source,
 * inbound the destination. Sets changed[i] (later->count entries) for
 * each place of the later copy whose address or port differs from the
 * earlier copy's (REWRITTEN only; all FALSE otherwise). */
pexip_copy_verdict_t pexip_detect_h323_rewritten(const pexip_h323_addresses_t *earlier,
                                                 const pexip_h323_addresses_t *later,
                                                 gboolean *changed);

#endif /* PEXIP_DETECT_H323_H */
