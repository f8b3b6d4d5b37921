/* pexip-sip.h
 * SIP and SDP: reads each SIP message Wireshark found (its `sip` item's
 * bytes, split by pexip-sip-message.h, and its `sdp` items; first pass) into the call
 * model.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_SIP_H
#define PEXIP_SIP_H

#include <epan/packet.h>

#include "pexip-calls.h"

/* Look the sip and sdp items (and tls.app_data) up and add them to the post-dissector's wanted
 * fields. Call from the handoff. */
void pexip_sip_handoff(GArray *wanted_hfids);

/* First pass: TRUE when this frame is the first of its TCP connection that
 * carries TLS application data Wireshark could not read as SIP (no keys):
 * pexip.sip.encrypted is added to it, once per connection. seen:
 * PEXIP_SEEN_* of the frame. */
gboolean pexip_sip_tls_first_undecrypted(packet_info *pinfo, proto_tree *tree, guint seen);

/* First pass: the calls of the SIP messages in this frame (a TCP segment
 * can hold several), with their SDP recorded in the call model. FALSE when
 * the frame has no SIP message with a Call-ID. Arrays in wmem_file_scope(). */
gboolean pexip_sip_read(packet_info *pinfo, proto_tree *tree, pexip_signalling_frame_t *out);

#endif /* PEXIP_SIP_H */
