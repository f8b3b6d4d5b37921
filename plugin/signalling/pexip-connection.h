/* pexip-connection.h
 * What the plugin keeps per TCP connection, as Wireshark conversation
 * data (reset with the capture file, as RTP's own is): the H.323 call a
 * connection carries, the state of a web proxy's tunnel, and whether the
 * customer side's connection to a service port got anywhere. One record
 * per connection that needs one; none for the rest.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_CONNECTION_H
#define PEXIP_CONNECTION_H

#include <epan/packet.h>
#include <epan/conversation.h>
#include "pexip-calls.h"
#include "pexip-reach.h"

struct pexip_proxy_conn;

typedef struct {
    pexip_call_t *h323_call;                /* the H.323 call last named on it */
    struct pexip_proxy_conn *proxy;         /* a tunnel to the service (pexip-proxy.c) */
    pexip_reach_t *to_service;              /* the customer side's connection to a service
                                             * port, and what it got (pexip-service-tcp.c) */
} pexip_connection_t;

/* Called once at registration with the plugin's protocol id. */
void pexip_connection_register(int proto);

/* The conversation of pinfo's packet (TCP, or whatever Wireshark keys it
 * on), or NULL. */
conversation_t *pexip_conversation_of(packet_info *pinfo);

/* conv's record; created when create is set, else NULL when it has none. */
pexip_connection_t *pexip_connection_of(conversation_t *conv, gboolean create);

#endif /* PEXIP_CONNECTION_H */
