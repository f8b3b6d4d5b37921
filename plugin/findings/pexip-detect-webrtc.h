/* pexip-detect-webrtc.h
 * The web app's media paths (pure): what a STUN/TURN message is, and
 * whether a client's STUN to the service over UDP ever got an answer
 * (pexip.webrtc.udp_blocked).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_DETECT_WEBRTC_H
#define PEXIP_DETECT_WEBRTC_H

#include <glib.h>
#include "pexip-endpoint.h"

typedef enum {
    PEXIP_STUN_REQUEST = 0,
    PEXIP_STUN_INDICATION,
    PEXIP_STUN_SUCCESS,
    PEXIP_STUN_ERROR,
    PEXIP_STUN_CHANNEL_DATA     /* TURN ChannelData (RFC 8656 12.4) */
} pexip_stun_class_t;

#define PEXIP_STUN_BINDING  0x001
#define PEXIP_STUN_ALLOCATE 0x003

typedef struct {
    pexip_stun_class_t cls;
    guint16 method;             /* 0 for ChannelData */
    guint8 id[12];              /* the transaction ID; zero for ChannelData */
} pexip_stun_message_t;

/* The STUN message (RFC 5389/8489: the magic cookie, a length that is a
 * multiple of 4) or TURN ChannelData header at the start of the len bytes
 * at bytes. FALSE for anything else (classic RFC 3489 STUN without the
 * cookie included). */
gboolean pexip_stun_parse(const guint8 *bytes, gsize len, pexip_stun_message_t *out);

/* Whether a message is a binding or allocate request: what a client
 * sends to find a path to the service over UDP. */
gboolean pexip_stun_is_path_request(const pexip_stun_message_t *m);

/* What one client (an address) sent the service over UDP, and what came
 * back, over the whole capture. */
typedef struct {
    pexip_endpoint_t client;        /* the address (port 0) */
    pexip_endpoint_t first_to;      /* the first request's service address and port */
    guint32 first_request_frame;
    guint32 requests;               /* binding and allocate requests sent */
    gboolean retransmitted;         /* a request's transaction ID was sent again */
    gboolean answered;              /* a STUN response, indication or ChannelData
                                     * came back from the service */
} pexip_stun_client_t;

/* pexip.webrtc.udp_blocked: the client retransmitted a request (so the
 * first went unanswered: not a single request cut off by the capture's
 * end) and nothing STUN ever came back from the service. */
gboolean pexip_detect_udp_blocked(const pexip_stun_client_t *client);

/* pexip.webrtc.turn_refused and pexip.sip.service_unanswered judge TCP
 * to these service ports: TURN (and the web app's HTTPS) or SIP. */
gboolean pexip_port_is_turn_tcp(guint16 port);
gboolean pexip_port_is_sip_tcp(guint16 port);

#endif /* PEXIP_DETECT_WEBRTC_H */
