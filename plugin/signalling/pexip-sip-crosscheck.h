/* pexip-sip-crosscheck.h
 * A test aid: with PEXIP_SIP_CROSSCHECK=1 in the environment, the plugin
 * also asks Wireshark for the SIP header fields it reads itself
 * (pexip-sip-message.h) and reports on stderr every message where the two
 * differ: "pexip: SIP crosscheck: frame N: <what>: plugin "<a>",
 * Wireshark "<b>"", and logs each message compared (tshark --log-debug
 * pexip). tests/test_sip_message.py runs every test capture and the public
 * ones with it. Off, it costs one test per SIP message.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_SIP_CROSSCHECK_H
#define PEXIP_SIP_CROSSCHECK_H

#include <epan/packet.h>

#include "pexip-sip-message.h"

/* Reads the environment; when on, adds the SIP header fields to the
 * wanted fields. Call from the handoff. */
void pexip_sip_crosscheck_handoff(GArray *wanted_hfids);

gboolean pexip_sip_crosscheck_on(void);

/* Compare the split of the message of sip item msg with Wireshark's items
 * inside it. */
void pexip_sip_crosscheck(packet_info *pinfo, proto_tree *tree, const field_info *msg,
                          const pexip_sip_message_t *split);

#endif /* PEXIP_SIP_CROSSCHECK_H */
