/* pexip-sdp.h
 * A small SDP reader: what each m-line announces (kind, destination,
 * transport, direction, content role, BFCP attributes). Pure: text in,
 * structure out, so it is unit-tested on its own.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_SDP_H
#define PEXIP_SDP_H

#include <glib.h>
#include <epan/wmem_scopes.h>
#include "pexip-media.h"
#include "pexip-calls.h"

typedef struct {
    pexip_media_kind_t kind;
    char media[16];             /* the m= media type as written: audio, video, ... */
    char transport[32];         /* RTP/AVP, UDP/TLS/RTP/SAVPF, TCP/BFCP, udptl, ... */
    guint16 port;               /* 0: the m-line is rejected or disabled */
    gboolean tcp;               /* TCP transport (BFCP over TCP, TCP/TLS/BFCP) */
    guint8 family;              /* 4 or 6; 0 when no c= applies */
    guint8 addr[16];            /* connection address (media- or session-level) */
    pexip_direction_t direction;
    gboolean rtcp_mux;
    char content[24];           /* a=content: value, e.g. "slides", "main" */
    char label[24];             /* a=label: value */
    /* BFCP m-lines */
    char floorctrl[24];         /* a=floorctrl: c-only, s-only, c-s */
    char confid[32];
    char userid[32];
    gint floor_mstrm_label;     /* a=floorid:N mstrm:L: the label L, -1 if none */
    /* The last IP literal in the m-line's own i= line (free text, where
     * some ALGs keep the original address: "i=(o=IN IP4 10.1.2.3)");
     * info_family 0 when none. */
    guint8 info_family;
    guint8 info_addr[16];
} pexip_sdp_mline_t;

#define PEXIP_SDP_MAX_MLINES 16

typedef struct {
    guint8 origin_family;       /* o= address, 0 when not an IP address */
    guint8 origin_addr[16];
    guint8 info_family;         /* the session-level i= line's last IP literal */
    guint8 info_addr[16];
    guint count;
    pexip_sdp_mline_t mlines[PEXIP_SDP_MAX_MLINES];
} pexip_sdp_t;

/* Parse SDP text (not NUL-terminated; len bytes). Never fails: what cannot
 * be read is left at its default. Returns FALSE when the text has no m=
 * line at all. */
gboolean pexip_sdp_parse(const char *text, gsize len, pexip_sdp_t *out);

/* Record in the call model what one SDP (sent by sender) announced for
 * call, in force from frame valid_from: one stream per m-line with an
 * address and a port, RTCP on port + 1 unless multiplexed (RTP
 * transports only). Returns those streams (an array in scope of
 * pexip_stream_t*), or NULL when there are none. */
wmem_array_t *pexip_sdp_announce(wmem_allocator_t *scope, const pexip_call_t *call,
                                 const pexip_sender_t *sender, guint32 valid_from,
                                 const pexip_sdp_t *sdp);

#endif /* PEXIP_SDP_H */
