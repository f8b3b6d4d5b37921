/* pexip-wanted.h
 * Which of the fields the plugin reads Wireshark is asked to fill in, and
 * when (see pexip-wanted.c).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_WANTED_H
#define PEXIP_WANTED_H

#include <epan/packet.h>

/* At registration: the post-dissector whose wanted fields these are. */
void pexip_wanted_register(dissector_handle_t handle, int proto);

/* At handoff: every field the modules read (pexip_want_field() filled
 * it). Takes the array. */
void pexip_wanted_handoff(GArray *all);

/* At each init routine (a capture is about to be read or redissected):
 * ask for every field while the protocol is enabled, for none while it is
 * disabled. */
void pexip_wanted_init(void);

/* First thing in the post-dissector, on every frame: what the next frame
 * must have asked for, from which of the fields were in this frame's
 * tree. */
void pexip_wanted_frame(packet_info *pinfo, proto_tree *tree);

/* At shutdown. */
void pexip_wanted_free(void);

#endif
