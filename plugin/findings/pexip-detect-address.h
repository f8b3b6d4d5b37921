/* pexip-detect-address.h
 * Detectors over the addresses one message names for the peer (pure):
 * private addresses from a public source (pexip.nat.private_address), and
 * an ALG's partial rewrite (pexip.alg.partial_rewrite,
 * pexip.alg.h323_address); and which of a message's addresses are its
 * sender's own, the only ones these judge.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_DETECT_ADDRESS_H
#define PEXIP_DETECT_ADDRESS_H

#include <glib.h>
#include "pexip-message.h"

typedef enum {
    PEXIP_ADDRESS_OTHER = 0,    /* unspecified, loopback, link-local, multicast */
    PEXIP_ADDRESS_PRIVATE,      /* RFC 1918, RFC 6598 shared, IPv6 ULA fc00::/7 */
    PEXIP_ADDRESS_PUBLIC        /* anything else routable */
} pexip_address_scope_t;

/* family 4 or 6, addr in network order. */
pexip_address_scope_t pexip_address_scope(guint8 family, const guint8 *addr);

/* pexip.nat.private_address: a message from a public source (src) that
 * names private addresses to send to (Via, Contact, SDP c=, h245Address,
 * an OLC mediaChannel): NAT without anything fixing the signalling up.
 * Sets found[i] for each private one; returns how many (0 when the source
 * is not public). found has n entries. */
guint pexip_detect_private_addresses(guint8 src_family, const guint8 *src,
                                     const pexip_named_address_t *addrs, guint n,
                                     gboolean *found);

/* pexip.alg.partial_rewrite: a message from a public source (src) in
 * which some addresses equal that source (an ALG rewrote them to the
 * firewall's public address) while others stayed private (the ALG missed
 * them). Sets rewritten[i] and left_private[i] (n entries each); TRUE
 * when there is at least one of each. Such a message is not also a plain
 * NAT finding (pexip.nat.private_address): the cause is the ALG. */
gboolean pexip_detect_partial_rewrite(guint8 src_family, const guint8 *src,
                                      const pexip_named_address_t *addrs, guint n,
                                      gboolean *rewritten, gboolean *left_private);

/* Whose address a SIP message's Contact is (docs/fields.md, "Whose
 * addresses count"): the sender's own in a request and in a 1xx or 2xx
 * response, except a response to REGISTER, whose Contacts are the
 * registered bindings (RFC 3261 10.3). A 3xx lists where to try instead
 * (redirect targets) and a 4xx-6xx (485 Ambiguous) alternatives: not the
 * sender's. status: a response's code; cseq_method: the CSeq method,
 * NULL when unknown. */
gboolean pexip_sip_contact_is_senders(gboolean is_request, guint32 status,
                                      const char *cseq_method);

#endif /* PEXIP_DETECT_ADDRESS_H */
