/* pexip-frame-data.h
 * What the plugin keeps per frame (p_add_proto_data with its protocol
 * id), one key per kind: readers of other dissectors' fields keep what
 * they read on the first pass, because those fields are there on the
 * first pass only.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_FRAME_DATA_H
#define PEXIP_FRAME_DATA_H

enum {
    PEXIP_FRAME_DNS = 0,        /* classify/pexip-dns-read.c: a DNS answer for a service name */
    /* 1: unused. A signalling frame's calls and streams are kept by the
     * call model (pexip_signalling_frame_keep), one table slot a frame. */
    PEXIP_FRAME_FLOOR = 3,      /* signalling/pexip-media-link.c: a BFCP message's floor state */
    PEXIP_FRAME_PROXY = 4       /* signalling/pexip-proxy.c via packet-pexip.c: a proxy frame */
};

#endif /* PEXIP_FRAME_DATA_H */
