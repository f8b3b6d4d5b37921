/* pexip-message.h
 * What one signalling message says where to send: the addresses it names
 * for the peer, and the records two copies of a message are compared on
 * (pexip.alg.rewritten). The readers in signalling/ fill them in; the
 * copies store keeps the first copy's; the detectors in findings/ read
 * them.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_MESSAGE_H
#define PEXIP_MESSAGE_H

#include <glib.h>

/* An address a message gives the peer to send to, and where it is. */
typedef struct {
    const char *where;          /* "Via", "Contact", "SDP audio c=", ... (static) */
    guint8 family;
    guint8 addr[16];
    guint16 port;               /* H.225.0/H.245 transport addresses; 0: none given */
} pexip_named_address_t;

/* What one copy of a SIP message says where to send media. */
typedef struct {
    guint8 family;              /* 0: no connection address */
    guint8 addr[16];
    guint16 port;
} pexip_media_address_t;

/* What one copy of a SIP message says where to send. */
typedef struct {
    const char *via;            /* top Via sent-by host, or NULL */
    const char *contact;        /* Contact host, or NULL */
    const pexip_media_address_t *media;
    guint via_count;            /* Via entries (a proxy adds one) */
    guint media_count;          /* SDP m-lines */
    guint16 via_port;           /* 0 when not given */
    guint16 contact_port;
    guint8 origin_family;       /* SDP o= address; 0 when none */
    guint8 origin_addr[16];
} pexip_sip_addresses_t;

/* What one copy of an H.225.0 or H.245 message says where to send: the
 * transport addresses it embeds, in message order (H.225.0: h245Address,
 * sourceCallSignalAddress, destCallSignalAddress, the FastStart channels'
 * mediaChannel and mediaControlChannel; H.245 OpenLogicalChannel(Ack):
 * mediaChannel, mediaControlChannel), and the IP source and destination
 * of the packet that carried it. */
typedef struct {
    guint8 family;              /* of src and dst (4 or 6) */
    guint8 src[16];
    guint8 dst[16];
    guint count;
    const pexip_named_address_t *named;     /* count of them, with ports */
} pexip_h323_addresses_t;

#endif /* PEXIP_MESSAGE_H */
