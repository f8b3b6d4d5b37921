/* pexip-stun.c
 * STUN and TURN over UDP to and from the service (see pexip-stun.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-stun.h"

#include "pexip-fields.h"
#include "pexip-endpoint.h"
#include "pexip-detect-webrtc.h"
#include "pexip-unanswered-check.h"

static int hf_stun = -1;

void
pexip_stun_handoff(GArray *wanted_hfids)
{
    /* The protocol item only: its bytes hold the header. It exists on
     * STUN packets alone. */
    hf_stun = pexip_want_field(wanted_hfids, "stun");
}

void
pexip_stun_read(packet_info *pinfo, proto_tree *tree, gboolean to_service)
{
    if (!tree || hf_stun <= 0 || pinfo->ptype != PT_UDP ||
        pinfo->net_src.type != pinfo->net_dst.type)
        return;
    guint8 family = pexip_address_family(&pinfo->net_src);
    GPtrArray *items = family ? proto_get_finfo_ptr_array(tree, hf_stun) : NULL;
    if (!items || items->len == 0)
        return;
    /* One message a datagram: the first item (an ICMP error quoting STUN
     * never gets here). */
    const field_info *fi = (const field_info *)g_ptr_array_index(items, 0);
    gint len = fi->ds_tvb ? tvb_captured_length_remaining(fi->ds_tvb, fi->start) : 0;
    if (len < 4)
        return;
    if (len > 20)
        len = 20;
    pexip_stun_message_t m;
    if (!pexip_stun_parse(tvb_get_ptr(fi->ds_tvb, fi->start, len), (gsize)len, &m))
        return;
    const address *client = to_service ? &pinfo->net_src : &pinfo->net_dst;
    const address *service = to_service ? &pinfo->net_dst : &pinfo->net_src;
    pexip_unanswered_stun(pinfo->num, family, (const guint8 *)client->data,
                          (const guint8 *)service->data,
                          (guint16)(to_service ? pinfo->destport : pinfo->srcport), to_service,
                          &m);
}
