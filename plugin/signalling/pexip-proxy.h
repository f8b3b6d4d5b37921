/* pexip-proxy.h
 * The web app behind a customer's web proxy: HTTP CONNECT tunnels to the
 * service, proxy authentication, and TLS through the tunnel. Reads HTTP and
 * TLS fields on the first pass into per-connection state and per-frame
 * findings (pexip.proxy.*).
 *
 * The proxy is the customer's address, so these packets are usually not to
 * or from a service address: the reader looks at every TCP packet, and on
 * all but HTTP requests and responses, TLS ClientHellos with a server name
 * and TLS Certificates it costs four lookups of wanted fields.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_PROXY_H
#define PEXIP_PROXY_H

#include <epan/packet.h>
#include "pexip-dns.h"
#include "pexip-ranges.h"

/* What one frame showed about a tunnel to the service (wmem_file_scope).
 * Kept per frame: other dissectors' fields are there on the first pass
 * only. */
typedef struct {
    const char *target;         /* the CONNECT host:port this frame asks for or
                                 * answers, or NULL */
    wmem_array_t *schemes;      /* const char*: the schemes a 407 offers, or of
                                 * the credentials a CONNECT sends; or NULL */
    wmem_array_t *cert_names;   /* const char*: the names of the server
                                 * certificate of TLS with the service; or NULL */
} pexip_proxy_frame_t;

/* Add the HTTP and TLS fields read to the post-dissector's wanted fields. */
void pexip_proxy_handoff(GArray *wanted_hfids);

/* Call from the init routine. is_service tells whether an address literal
 * (a CONNECT to an address) is the service's at a frame. The state of
 * each tunnel is its connection's conversation data (pexip-connection.h). */
void pexip_proxy_init(pexip_service_address_fn is_service);

/* Whether family/addr is a web proxy's: a CONNECT to a service host was
 * sent to it (in any frame of the first pass so far, or of the capture
 * once it has been read). Its own connections to the service are
 * pexip.proxy.connect_failed's to judge, by the answer it gives. */
gboolean pexip_proxy_is_proxy(guint8 family, const guint8 *addr, guint32 frame);

/* First pass only: read this frame's CONNECT, its response, a ClientHello's
 * server name or a server Certificate; findings (pexip.proxy.*) go to the
 * store, once per connection. Returns what the frame shows
 * (wmem_file_scope, for p_add_proto_data) or NULL, which is the answer for
 * almost every frame. suffixes: the service domains. */
pexip_proxy_frame_t *pexip_proxy_read(packet_info *pinfo, proto_tree *tree,
                                      const pexip_dns_suffixes_t *suffixes);

#endif /* PEXIP_PROXY_H */
