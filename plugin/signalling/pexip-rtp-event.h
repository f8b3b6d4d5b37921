/* pexip-rtp-event.h
 * RFC 4733 telephone-events (DTMF in RTP) as IVR keys of the call the RTP
 * stream belongs to.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_RTP_EVENT_H
#define PEXIP_RTP_EVENT_H

#include <epan/packet.h>
#include "pexip-calls.h"

void pexip_rtp_event_handoff(GArray *wanted_hfids);

/* First pass, an RTP packet of call that Wireshark dissected as an RTP
 * event: give its key to the call (once per event). */
void pexip_rtp_event_read(proto_tree *tree, const pexip_call_t *call, guint32 frame);

#endif /* PEXIP_RTP_EVENT_H */
