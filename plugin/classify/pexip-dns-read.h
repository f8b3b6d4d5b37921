/* pexip-dns-read.h
 * DNS answers for service names, read from Wireshark's DNS dissection: a
 * question for a name under a service domain (pexip.dns_suffixes) makes
 * the addresses of its A/AAAA answers service addresses from that frame
 * on (pexip-dns.h keeps them). What a frame said is kept per frame,
 * because other dissectors' fields are only there on the first pass
 * (Wireshark primes a post-dissector's wanted fields on that pass alone).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_DNS_READ_H
#define PEXIP_DNS_READ_H

#include <epan/packet.h>
#include "pexip-dns.h"

/* What a DNS packet for a service name said (wmem_file_scope). */
typedef struct {
    const char *query;
    wmem_array_t *v4;   /* of ws_in4_addr */
    wmem_array_t *v6;   /* of ws_in6_addr */
} pexip_dns_frame_t;

/* Want the DNS fields; proto: the plugin's, for its per-frame data. */
void pexip_dns_read_handoff(GArray *wanted_hfids, int proto);

/* What this frame's DNS said about a service name (read on the first
 * pass, kept for later ones), or NULL. */
const pexip_dns_frame_t *pexip_dns_frame(packet_info *pinfo, proto_tree *tree,
                                         const pexip_dns_suffixes_t *suffixes);

#endif /* PEXIP_DNS_READ_H */
