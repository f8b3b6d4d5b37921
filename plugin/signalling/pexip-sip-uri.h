/* pexip-sip-uri.h
 * SIP and SIPS URIs, split (pure): a Contact's host, port and transport,
 * and the endpoint the service connects to over TCP to reach it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_SIP_URI_H
#define PEXIP_SIP_URI_H

#include <glib.h>
#include "pexip-text.h"

typedef enum {
    PEXIP_SIP_TRANSPORT_NONE = 0,       /* no transport parameter */
    PEXIP_SIP_TRANSPORT_UDP,
    PEXIP_SIP_TRANSPORT_TCP,
    PEXIP_SIP_TRANSPORT_TLS,
    PEXIP_SIP_TRANSPORT_OTHER           /* sctp, ws, wss, ... */
} pexip_sip_transport_t;

/* A SIP or SIPS URI, split. */
typedef struct {
    gboolean sips;
    pexip_token_t host;                 /* an IPv6 reference without its brackets */
    guint16 port;                       /* 0: none given */
    pexip_sip_transport_t transport;    /* its ;transport= parameter */
} pexip_sip_uri_t;

/* uri as Wireshark's sip.contact.uri gives it ("sip:user@host:port;params?headers",
 * no angle brackets; a '>' ends it all the same). FALSE when it is not a
 * sip: or sips: URI, its host is empty, or its port is not 1-65535. */
gboolean pexip_sip_uri_parse(const char *uri, pexip_sip_uri_t *out);

/* pexip.sip.refresh_unanswered (connections): the endpoint the service
 * connects to over TCP to send to a Contact: an IP-literal host, with
 * ;transport=tcp or tls, or a sips: URI; the port given, else 5060 (TCP)
 * or 5061 (TLS). FALSE for UDP (no transport parameter means UDP, RFC
 * 3263), other transports, and host names (which address the service
 * looked up is not in the capture). */
gboolean pexip_sip_uri_tcp_endpoint(const pexip_sip_uri_t *uri, guint8 *family, guint8 addr[16],
                                    guint16 *port);

#endif /* PEXIP_SIP_URI_H */
