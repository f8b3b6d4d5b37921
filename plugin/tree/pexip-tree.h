/* pexip-tree.h
 * The plugin's fields, subtrees and expert infos, and the `Pexip service`
 * tree each frame gets: what the earlier steps (classify, signalling,
 * model, findings) worked out for it, put into display fields. Nothing
 * here decides anything.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_TREE_H
#define PEXIP_TREE_H

#include <epan/packet.h>
#include "pexip-classify.h"
#include "pexip-dns-read.h"
#include "pexip-media-link.h"
#include "pexip-proxy.h"

/* What is known of one frame. */
typedef struct {
    gboolean src_is_service;
    gboolean dst_is_service;
    pexip_service_match_t src_match;    /* by which rule, when the side is the service's */
    pexip_service_match_t dst_match;
    pexip_port_class_t cls;
    const pexip_frame_calls_t *calls;   /* the calls it belongs to, or NULL */
    const pexip_proxy_frame_t *proxy;   /* what it showed of a web proxy's tunnel, or NULL */
    const pexip_dns_frame_t *dns;       /* a DNS answer for a service name, or NULL */
    wmem_array_t *findings;             /* pexip_finding_t shown on it, or NULL */
} pexip_frame_view_t;

/* Register the fields, subtrees and the expert infos (one per row of the
 * findings table) of protocol proto. */
void pexip_tree_register(int proto);

/* The tree of one frame under tree. */
void pexip_tree_add(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                    const pexip_frame_view_t *view);

#endif /* PEXIP_TREE_H */
