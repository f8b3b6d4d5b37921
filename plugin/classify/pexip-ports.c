/* pexip-ports.c
 * pexip.port_class (see pexip-ports.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-ports.h"

static const char *const class_names[PEXIP_PORT_CLASS_COUNT] = {
    [PEXIP_PORT_OTHER]   = "other",
    [PEXIP_PORT_SIP_UDP] = "sip-udp",
    [PEXIP_PORT_SIP_TCP] = "sip-tcp",
    [PEXIP_PORT_SIP_TLS] = "sip-tls",
    [PEXIP_PORT_H225]    = "h225",
    [PEXIP_PORT_RAS]     = "ras",
    [PEXIP_PORT_H245]    = "h245",
    [PEXIP_PORT_RTP]     = "rtp",
    [PEXIP_PORT_RTCP]    = "rtcp",
    [PEXIP_PORT_BFCP]    = "bfcp",
    [PEXIP_PORT_HTTPS]   = "https",
    [PEXIP_PORT_TURN]    = "turn",
    [PEXIP_PORT_STUN]    = "stun",
    [PEXIP_PORT_DNS]     = "dns",
    [PEXIP_PORT_ICMP]    = "icmp",
};

const char *
pexip_port_class_name(pexip_port_class_t cls)
{
    return (unsigned)cls < PEXIP_PORT_CLASS_COUNT ? class_names[cls] : "other";
}

static gboolean
is_turn_port(guint16 port)
{
    return port == 3478 || port == 5349;
}

/* Well-known ports: the service's listening ports, which are also the ports
 * it connects to on a customer's SBC or endpoint. */
static pexip_port_class_t
classify_well_known(pexip_transport_t transport, guint16 port)
{
    if (transport == PEXIP_TRANSPORT_UDP) {
        switch (port) {
        case 5060: return PEXIP_PORT_SIP_UDP;
        case 1718:
        case 1719: return PEXIP_PORT_RAS;
        case 3478: return PEXIP_PORT_TURN;
        case 53:   return PEXIP_PORT_DNS;
        default:   return PEXIP_PORT_OTHER;
        }
    }
    if (transport == PEXIP_TRANSPORT_TCP) {
        switch (port) {
        case 5060: return PEXIP_PORT_SIP_TCP;
        case 5061: return PEXIP_PORT_SIP_TLS;
        case 1720: return PEXIP_PORT_H225;
        case 443:  return PEXIP_PORT_HTTPS;
        case 3478:
        case 5349: return PEXIP_PORT_TURN;
        case 53:   return PEXIP_PORT_DNS;
        default:   return PEXIP_PORT_OTHER;
        }
    }
    return PEXIP_PORT_OTHER;
}

pexip_port_class_t
pexip_port_classify(pexip_transport_t transport, guint16 service_port,
                    guint16 peer_port, guint seen,
                    const pexip_port_ranges_t *ranges)
{
    /* An ICMP error quotes a packet: the RTP or SIP inside is not this
     * packet's own protocol. */
    if (seen & PEXIP_SEEN_ICMP)
        return PEXIP_PORT_ICMP;
    /* What Wireshark dissected is the best evidence. */
    if (seen & PEXIP_SEEN_RTCP)
        return PEXIP_PORT_RTCP;
    if (seen & PEXIP_SEEN_RTP)
        return PEXIP_PORT_RTP;
    if (seen & PEXIP_SEEN_BFCP)
        return PEXIP_PORT_BFCP;
    /* STUN/TURN with the TURN server (its ports; TCP 443 when Wireshark
     * reads TURN there, Decode As or decrypted TURN over TLS); elsewhere
     * ICE connectivity checks to and from media ports. */
    if (seen & PEXIP_SEEN_STUN)
        return is_turn_port(service_port) || is_turn_port(peer_port) ||
               (transport == PEXIP_TRANSPORT_TCP && service_port == 443)
            ? PEXIP_PORT_TURN : PEXIP_PORT_STUN;
    if (seen & PEXIP_SEEN_DNS)
        return PEXIP_PORT_DNS;

    pexip_port_class_t cls = classify_well_known(transport, service_port);
    if (cls != PEXIP_PORT_OTHER)
        return cls;

    if (ranges) {
        if (transport == PEXIP_TRANSPORT_UDP &&
            ranges->udp_media && value_is_in_range(ranges->udp_media, service_port))
            return (service_port & 1) ? PEXIP_PORT_RTCP : PEXIP_PORT_RTP;
        if (transport == PEXIP_TRANSPORT_TCP &&
            ranges->tcp_media && value_is_in_range(ranges->tcp_media, service_port))
            return PEXIP_PORT_H245;
    }

    /* The service connecting out from an ephemeral port: the customer's
     * port says what the connection is. */
    return classify_well_known(transport, peer_port);
}
