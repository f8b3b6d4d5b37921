/* pexip-sip.h
 * SIP and SDP: reads Wireshark's SIP dissection (first pass) into the call
 * model.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_SIP_H
#define PEXIP_SIP_H

#include <epan/packet.h>

/* What the SIP messages of one frame gave the call model. */
typedef struct {
    wmem_array_t *calls;    /* const pexip_call_t*, each once */
    wmem_array_t *streams;  /* pexip_stream_t* their SDP announced, or NULL */
} pexip_sip_frame_t;

/* Look the SIP/SDP fields up and add them to the post-dissector's wanted
 * fields. Call from the handoff. */
void pexip_sip_handoff(GArray *wanted_hfids);

/* First pass: the calls of the SIP messages in this frame (a TCP segment
 * can hold several), with their SDP recorded in the call model. FALSE when
 * the frame has no SIP message with a Call-ID. Arrays in wmem_file_scope(). */
gboolean pexip_sip_read(packet_info *pinfo, proto_tree *tree, pexip_sip_frame_t *out);

#endif /* PEXIP_SIP_H */
