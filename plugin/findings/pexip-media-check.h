/* pexip-media-check.h
 * The media detectors: what became of the streams the signalling
 * announced. Some look at one packet as it is read (where media comes
 * from, an ICMP error quoting it); the others need the whole capture (no
 * packet ever reached a destination, one direction only, no content after
 * a floor grant) and run once it has been read.
 *
 * The detectors are pure functions over the call model; the run that
 * turns what they find into findings adds them to the store.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_MEDIA_CHECK_H
#define PEXIP_MEDIA_CHECK_H

#include <glib.h>
#include <epan/wmem_scopes.h>
#include "pexip-calls.h"

/* ---- pure detectors --------------------------------------------------- */

typedef enum {
    PEXIP_MEDIA_PATH_OK = 0,
    PEXIP_MEDIA_PATH_MISSING,   /* nothing reached it, nor came back */
    PEXIP_MEDIA_PATH_ONE_WAY    /* nothing reached it; the other way flowed */
} pexip_media_path_t;

/* What became of the destination stream s announced, judged while it was
 * in force (from its announcement until the same sender announced the
 * stream again). Only an answered call's audio and video destinations
 * that receive (sendrecv, recvonly) over UDP are judged; content flows
 * one way by design (see pexip_detect_content_missing).
 * MISSING: no packet went to it (nor from the other side's announced
 * address, which a latching peer sends from) while other streams of the
 * call flowed for at least wait seconds.
 * ONE_WAY: the same, while the same stream flowed for at least wait
 * seconds the other way; *peer is the other side's stream and
 * *first_frame the first packet of the flowing direction. */
pexip_media_path_t pexip_detect_media_path(const pexip_stream_t *s, double wait,
                                           const pexip_stream_t **peer, guint32 *first_frame,
                                           double *flowed);

/* pexip.media.content_missing: the first floor grant of call after which
 * the call's media went on for wait seconds and no content stream of the
 * call carried a packet within wait seconds; its index in
 * call->floor_grants, or -1. */
gint pexip_detect_content_missing(const pexip_call_t *call, double wait);

/* The other side's announcement of stream s in force at frame (same
 * call and stream number, received at another address or port, and not
 * by s's own message or a copy of it seen at another capture point), or
 * NULL. */
const pexip_stream_t *pexip_media_counterpart(const pexip_stream_t *s, guint32 frame);

/* pexip.media.unannounced_source: a packet to s's destination (rtcp: to
 * its RTCP port) from src_family/src:src_port. TRUE when the other side
 * announced (in *announced, at frame) an address or port it does not
 * come from, nor does any copy of that announcing message (captures of
 * two points merged: each point sees the source its own copy names). */
gboolean pexip_detect_unannounced_source(const pexip_stream_t *s, gboolean rtcp, guint8 src_family,
                                         const guint8 *src, guint16 src_port, guint32 frame,
                                         const pexip_stream_t **announced);

/* The packet an ICMP or ICMPv6 error quotes. */
typedef struct {
    guint8 family;
    guint8 src[16], dst[16];
    guint8 protocol;            /* 17 UDP, 6 TCP */
    guint16 src_port, dst_port;
} pexip_quoted_packet_t;

/* data: the quoted IP header and what follows (at least the transport
 * ports), v6 for ICMPv6. FALSE when it is not a UDP or TCP packet of the
 * expected IP version, or is cut short. */
gboolean pexip_icmp_quoted(const guint8 *data, guint length, gboolean v6,
                           pexip_quoted_packet_t *out);

/* ---- once the capture has been read --------------------------------- */

/* pexip.media.missing, one_way and content_missing for every call of the
 * model (wait: preference pexip.media_timeout, seconds), into the store's
 * whole-capture findings (pexip-findings-store.h). is_service tells which
 * side a destination is on, for the texts. */
void pexip_media_check_run(double wait, pexip_service_address_fn is_service);

#endif /* PEXIP_MEDIA_CHECK_H */
