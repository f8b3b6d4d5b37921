/* pexip-calls.h
 * The call model: calls (one per SIP dialog or H.323 call), and the media
 * destinations their signalling announced, in frame order, so a media
 * packet links to the setup that was in force when it was sent.
 * All state lives in wmem_file_scope() and is built on the first pass.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_CALLS_H
#define PEXIP_CALLS_H

#include <glib.h>
#include "pexip-sdp.h"

typedef enum {
    PEXIP_SIGNALING_SIP = 0,
    PEXIP_SIGNALING_H323
} pexip_signaling_t;

typedef struct {
    guint32 number;             /* pexip.call: 1, 2, ... in order of first frame */
    const char *call_id;        /* SIP Call-ID or H.323 callIdentifier */
    pexip_signaling_t signaling;
    guint32 first_frame;
} pexip_call_t;

/* One announced receive destination of one m-line. */
typedef struct {
    const pexip_call_t *call;
    guint32 setup_frame;        /* the frame whose SDP announced it */
    guint mline;                /* 0-based m-line index */
    guint stream;               /* stable within the call: mline + 1 */
    pexip_media_kind_t kind;
    pexip_direction_t direction;
    gboolean rtcp;              /* this destination is the RTCP port (port + 1) */
} pexip_media_setup_t;

void pexip_calls_init(void);
void pexip_calls_cleanup(void);

const char *pexip_signaling_name(pexip_signaling_t signaling);

/* The call with this identifier, created (numbered) at frame if new. */
const pexip_call_t *pexip_call_get(const char *call_id, pexip_signaling_t signaling,
                                   guint32 frame);

/* Record what one SDP (in frame) announced for call. */
void pexip_calls_add_sdp(const pexip_call_t *call, guint32 frame, const pexip_sdp_t *sdp);

/* The setup in force at frame for a packet to addr:port (family 4 or 6,
 * addr in network order), or NULL. */
const pexip_media_setup_t *pexip_media_lookup(guint8 family, const guint8 *addr,
                                              guint16 port, gboolean tcp, guint32 frame);

#endif /* PEXIP_CALLS_H */
