/* pexip-bfcp.h
 * BFCP: Wireshark 4.0 does not set BFCP up from SDP (its heuristics are
 * off by default, otherwise Decode As only). When SDP announces a BFCP
 * m-line, the plugin hands that TCP or UDP destination to Wireshark's own
 * `bfcp` dissector, and reads the floor state it dissects.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_BFCP_H
#define PEXIP_BFCP_H

#include <epan/packet.h>
#include "pexip-calls.h"

/* Floor states (BFCP REQUEST-STATUS values, RFC 8855 5.2.5). */
typedef enum {
    PEXIP_FLOOR_NONE = 0,
    PEXIP_FLOOR_PENDING = 1,
    PEXIP_FLOOR_ACCEPTED,
    PEXIP_FLOOR_GRANTED,
    PEXIP_FLOOR_DENIED,
    PEXIP_FLOOR_CANCELLED,
    PEXIP_FLOOR_RELEASED,
    PEXIP_FLOOR_REVOKED
} pexip_floor_status_t;

/* Find the bfcp dissector and want its REQUEST-STATUS field. */
void pexip_bfcp_handoff(GArray *wanted_hfids);

/* First pass: a stream was announced in frame; if it is a BFCP m-line
 * with a real port, packets to that address and port from then on are
 * dissected as BFCP. */
void pexip_bfcp_announce(const pexip_stream_t *stream, guint32 frame);

/* First pass: the floor state a dissected BFCP message carries (its
 * first, overall REQUEST-STATUS), or PEXIP_FLOOR_NONE. */
pexip_floor_status_t pexip_bfcp_floor_status(proto_tree *tree);

/* "granted", "released", ...; NULL for PEXIP_FLOOR_NONE and unknown values. */
const char *pexip_floor_status_name(pexip_floor_status_t status);

#endif /* PEXIP_BFCP_H */
