/* pexip-h323.h
 * H.323: reads Wireshark's H.225.0 dissection (first pass) into the call
 * model. An H.323 call is its H.225.0 callIdentifier (a GUID), or the
 * conferenceID where a message has none.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_H323_H
#define PEXIP_H323_H

#include <epan/packet.h>
#include "pexip-calls.h"

/* Look the H.225.0 fields up and add them to the post-dissector's wanted
 * fields. Call from the handoff. */
void pexip_h323_handoff(GArray *wanted_hfids);

/* First pass: the calls of the H.225.0 messages in this frame (a TCP
 * segment can hold several TPKTs). FALSE when none names a call. */
gboolean pexip_h323_read(packet_info *pinfo, proto_tree *tree, pexip_signalling_frame_t *out);

#endif /* PEXIP_H323_H */
