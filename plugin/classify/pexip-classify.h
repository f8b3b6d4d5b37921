/* pexip-classify.h
 * The first step for every packet: is either side a service address (and
 * by which rule: a range of the table, or an address a DNS answer gave),
 * which protocols Wireshark found in it (PEXIP_SEEN_*), and its transport.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_CLASSIFY_H
#define PEXIP_CLASSIFY_H

#include <epan/packet.h>
#include "pexip-ranges.h"
#include "pexip-dns.h"
#include "pexip-ports.h"

/* Which rule made an address the service's. */
typedef struct {
    const pexip_range_t *range;             /* a configured prefix, or */
    const pexip_learned_addr_t *learned;    /* an address from DNS */
} pexip_service_match_t;

/* Look up the protocols whose presence the classes need. Call from the
 * handoff. */
void pexip_classify_handoff(GArray *wanted_hfids);

/* Whether addr (of family 4 or 6) is the service's at frame, and by which
 * rule. */
gboolean pexip_match_service(guint8 family, const address *addr, guint32 frame,
                             pexip_service_match_t *match);

/* The same for address bytes (a pexip_service_address_fn). */
gboolean pexip_is_service_address(guint8 family, const guint8 *bytes, guint32 frame);

/* PEXIP_SEEN_* of the protocols Wireshark found in the packet. */
guint pexip_protocols_seen(const packet_info *pinfo);

/* UDP, TCP or other. */
pexip_transport_t pexip_packet_transport(const packet_info *pinfo);

#endif /* PEXIP_CLASSIFY_H */
