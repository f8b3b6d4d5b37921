/* pexip-dns.h
 * Service addresses learned from DNS: which names are the service's (the
 * pexip.dns_suffixes preference) and which addresses DNS answered for them,
 * from which frame on.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_DNS_H
#define PEXIP_DNS_H

#include <glib.h>

/* The shipped suffix list (pexip.dns_suffixes). */
#define PEXIP_DNS_DEFAULT_SUFFIXES \
    "pexip.me, vmr.vc, vp.vc, videxio.net, pexip.com, download.vmr.vc"

typedef struct pexip_dns_suffixes pexip_dns_suffixes_t;

/* Parse a list of domain suffixes separated by commas, semicolons or white
 * space; "*.pexip.me" and "pexip.me" mean the same. An entry that is not a
 * domain name is left out and named in *err (g_malloc'd; NULL when every
 * entry is good); the others are kept. An empty list matches nothing. */
pexip_dns_suffixes_t *pexip_dns_suffixes_parse(const char *text, char **err);
void pexip_dns_suffixes_free(pexip_dns_suffixes_t *suffixes);

/* TRUE when name is one of the suffixes or below one ("a.pexip.me" matches
 * "pexip.me"; "notpexip.me" does not). Case-insensitive; a trailing dot is
 * ignored. */
gboolean pexip_dns_name_matches(const pexip_dns_suffixes_t *suffixes,
                                const char *name);

/* An address learned from a DNS answer. */
typedef struct {
    guint32 frame;      /* first frame whose answer gave this address */
    const char *name;   /* the service name that was asked */
} pexip_learned_addr_t;

/* Create the store once, at registration: a map of wmem_file_scope()
 * that Wireshark empties with each capture file. */
void pexip_learned_register(void);

/* Record addr (4 or 16 bytes, network order) as answered for name in frame.
 * The earliest frame is kept, so a second pass sees what the first saw. */
void pexip_learned_add(guint8 family, const guint8 *addr, guint32 frame,
                       const char *name);

/* The learned entry for addr if it was learned at or before frame. */
const pexip_learned_addr_t *pexip_learned_lookup(guint8 family,
                                                 const guint8 *addr,
                                                 guint32 frame);

#endif /* PEXIP_DNS_H */
