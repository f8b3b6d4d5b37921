/* pexip-fields.h
 * Reading other dissectors' fields from the post-dissector.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_FIELDS_H
#define PEXIP_FIELDS_H

#include <string.h>
#include <epan/proto.h>
#include <epan/packet_info.h>
#include <epan/epan.h>
#include <wsutil/wslog.h>
#include "pexip-compat.h"

/* A dissector can register one filter name several times (H.245 does:
 * h245.forwardLogicalChannelNumber, h245.sessionID, h245.dataType...), and
 * its items carry whichever of those ids the code used. The same-name
 * fields are chained; proto_registrar_get_id_byname() gives the last
 * registered. This is the first of the chain. */
static inline header_field_info *
pexip_first_same_name(int hf)
{
    header_field_info *h = proto_registrar_get_nth(hf);
    while (h && h->same_name_prev_id != -1)
        h = proto_registrar_get_nth(h->same_name_prev_id);
    return h;
}

/* Whether fi is an item of field hf, under any of its ids. */
static inline gboolean
pexip_item_is(const field_info *fi, int hf)
{
    const header_field_info *h = fi->hfinfo;
    if (h->id == hf)
        return TRUE;
    return hf > 0 && (h->same_name_prev_id != -1 || h->same_name_next) &&
           strcmp(h->abbrev, proto_registrar_get_abbrev(hf)) == 0;
}

/* Look up another dissector's field (or protocol) by filter name and add it
 * (every id of that name) to the post-dissector's wanted fields, which
 * Wireshark fills in on the first pass. Returns an id, or -1 when this
 * Wireshark has no such field: the plugin then does without it, and says
 * so on stderr (log domain "pexip", level warning), since it means the
 * plugin was not built for this Wireshark. Every name asked for is
 * logged at level debug (tshark --log-debug pexip), which the tests read
 * (tests/test_wireshark_fields.py). Call from a handoff routine. */
static inline int
pexip_want_field(GArray *wanted_hfids, const char *name)
{
    int id = proto_registrar_get_id_byname(name);
    if (id <= 0) {
        ws_log("pexip", LOG_LEVEL_WARNING,
               "Wireshark %s has no field \"%s\": the pexip plugin reads it, so what "
               "depends on it will not work (the plugin supports what CMakeLists.txt lists)",
               epan_get_version(), name);
        return -1;
    }
    ws_log("pexip", LOG_LEVEL_DEBUG, "reads field %s", name);
    for (header_field_info *h = pexip_first_same_name(id); h; h = h->same_name_next) {
        gboolean have = FALSE;
        for (guint i = 0; i < wanted_hfids->len && !have; i++)
            have = g_array_index(wanted_hfids, int, i) == h->id;
        if (!have)
            g_array_append_val(wanted_hfids, h->id);
    }
    return id;
}

/* Several messages in one frame (a TCP segment with two SIP messages or
 * TPKTs) are told apart by byte range: an item belongs to the message
 * whose item spans it in the same data source. */
static inline gboolean
pexip_item_is_inside(const field_info *outer, const field_info *inner)
{
    return inner->ds_tvb == outer->ds_tvb && inner->start >= outer->start &&
           inner->start + inner->length <= outer->start + outer->length;
}

/* The first item (lowest offset) of field hf, or of a field of the same
 * name, inside message msg, or NULL. */
static inline field_info *
pexip_item_inside(proto_tree *tree, int hf, const field_info *msg)
{
    if (hf <= 0)
        return NULL;
    field_info *first = NULL;
    for (header_field_info *h = pexip_first_same_name(hf); h; h = h->same_name_next) {
        GPtrArray *items = proto_get_finfo_ptr_array(tree, h->id);
        for (guint i = 0; items && i < items->len; i++) {
            field_info *fi = (field_info *)g_ptr_array_index(items, i);
            if (pexip_item_is_inside(msg, fi)) {
                if (!first || fi->start < first->start)
                    first = fi;
                break;      /* the array is in tree order */
            }
        }
    }
    return first;
}

/* ---- walking the tree ------------------------------------------------
 * ASN.1 PER dissectors (H.225.0, H.245) give SEQUENCE and CHOICE items
 * their length only when the tree is shown: on a first pass without a
 * visible tree (tshark -2, the GUI's first read) an h245Address item
 * spans 0 bytes, so byte ranges cannot pair those items with what they
 * hold. Nesting can: the wanted fields are real nodes, and the items of
 * fields nobody wants hang on their nearest wanted ancestor. */

/* The first node of field hf below node, depth first, or NULL. */
static inline proto_node *
pexip_node_find(proto_node *node, int hf)
{
    if (!node || hf <= 0)
        return NULL;
    for (proto_node *child = node->first_child; child; child = child->next) {
        field_info *fi = PNODE_FINFO(child);
        if (fi && pexip_item_is(fi, hf))
            return child;
        proto_node *found = pexip_node_find(child, hf);
        if (found)
            return found;
    }
    return NULL;
}

/* The value of the first node of unsigned integer field hf below node. */
static inline guint32
pexip_node_uint(proto_node *node, int hf, guint32 fallback)
{
    proto_node *found = pexip_node_find(node, hf);
    return found ? fvalue_get_uinteger(PEXIP_FINFO_FVALUE(PNODE_FINFO(found))) : fallback;
}

/* Append to nodes every node of field hf below node, in tree order, not
 * looking inside the ones found. */
static inline void
pexip_node_collect(proto_node *node, int hf, GPtrArray *nodes)
{
    if (!node || hf <= 0)
        return;
    for (proto_node *child = node->first_child; child; child = child->next) {
        field_info *fi = PNODE_FINFO(child);
        if (fi && pexip_item_is(fi, hf))
            g_ptr_array_add(nodes, child);
        else
            pexip_node_collect(child, hf, nodes);
    }
}

/* An ASN.1 TransportAddress node (H.225.0 h245Address, H.245
 * mediaChannel...): the IPv4 address and port below it (fields hf_ip4,
 * hf_port4), else the IPv6 ones. FALSE when it holds neither or port 0. */
static inline gboolean
pexip_node_transport_address(proto_node *item, int hf_ip4, int hf_port4, int hf_ip6,
                             int hf_port6, guint8 *family, guint8 addr[16], guint16 *port)
{
    proto_node *ip = pexip_node_find(item, hf_ip4);
    int hf_port = hf_port4;
    *family = 4;
    if (!ip || PNODE_FINFO(ip)->length != 4) {
        ip = pexip_node_find(item, hf_ip6);
        hf_port = hf_port6;
        *family = 6;
        if (!ip || PNODE_FINFO(ip)->length != 16)
            return FALSE;
    }
    guint32 value = pexip_node_uint(item, hf_port, 0);
    if (value == 0 || value > 65535)
        return FALSE;
    const field_info *fi = PNODE_FINFO(ip);
    memset(addr, 0, 16);
    tvb_memcpy(fi->ds_tvb, addr, fi->start, fi->length);
    *port = (guint16)value;
    return TRUE;
}

#endif /* PEXIP_FIELDS_H */
