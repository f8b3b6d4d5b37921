/* pexip-ports.h
 * What a service-side port (and the protocol Wireshark found on it) means
 * for the Pexip Service: the value of pexip.port_class.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_PORTS_H
#define PEXIP_PORTS_H

#include <glib.h>
#include <epan/range.h>

typedef enum {
    PEXIP_PORT_OTHER = 0,
    PEXIP_PORT_SIP_UDP,
    PEXIP_PORT_SIP_TCP,
    PEXIP_PORT_SIP_TLS,
    PEXIP_PORT_H225,
    PEXIP_PORT_RAS,
    PEXIP_PORT_H245,
    PEXIP_PORT_RTP,
    PEXIP_PORT_RTCP,
    PEXIP_PORT_BFCP,
    PEXIP_PORT_HTTPS,
    PEXIP_PORT_TURN,
    PEXIP_PORT_STUN,
    PEXIP_PORT_DNS,
    PEXIP_PORT_ICMP,
    PEXIP_PORT_CLASS_COUNT
} pexip_port_class_t;

typedef enum {
    PEXIP_TRANSPORT_OTHER = 0,
    PEXIP_TRANSPORT_UDP,
    PEXIP_TRANSPORT_TCP
} pexip_transport_t;

/* Protocols Wireshark found in the packet, as far as they decide the class
 * better than a port number does. */
enum {
    PEXIP_SEEN_RTP  = 1u << 0,
    PEXIP_SEEN_RTCP = 1u << 1,
    PEXIP_SEEN_BFCP = 1u << 2,
    PEXIP_SEEN_STUN = 1u << 3,  /* STUN, TURN or TURN ChannelData */
    PEXIP_SEEN_DNS  = 1u << 4,
    /* Not used for the class, but read from the same list of layers. */
    PEXIP_SEEN_T38  = 1u << 5,
    PEXIP_SEEN_TLS  = 1u << 6,
    PEXIP_SEEN_SIP  = 1u << 7,
    /* An ICMP/ICMPv6 message: its ports are those of the packet it quotes. */
    PEXIP_SEEN_ICMP = 1u << 8,
    PEXIP_SEEN_H225 = 1u << 9,
    PEXIP_SEEN_H245 = 1u << 10,
    PEXIP_SEEN_RTP_EVENT = 1u << 11    /* RFC 4733 telephone-event */
};

/* Port ranges of the service side (preferences). */
typedef struct {
    const range_t *udp_media;   /* RTP/RTCP, default 40000-49999 */
    const range_t *tcp_media;   /* H.245 (and BFCP), default 33000-39999 */
} pexip_port_ranges_t;

/* The value string of a class, e.g. "sip-tls". */
const char *pexip_port_class_name(pexip_port_class_t cls);

/* Classify by the port on the service side, the transport and what was
 * seen. Dissected protocols win over ports; see the field reference. */
pexip_port_class_t pexip_port_classify(pexip_transport_t transport,
                                       guint16 service_port,
                                       guint16 peer_port,
                                       guint seen,
                                       const pexip_port_ranges_t *ranges);

#endif /* PEXIP_PORTS_H */
