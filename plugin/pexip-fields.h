/* pexip-fields.h
 * Reading other dissectors' fields from the post-dissector.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_FIELDS_H
#define PEXIP_FIELDS_H

#include <epan/proto.h>

/* Look up another dissector's field (or protocol) by filter name and add it
 * to the post-dissector's wanted fields, which Wireshark fills in on the
 * first pass. Returns its id, or -1 when this Wireshark has no such field
 * (the plugin then does without it). Call from a handoff routine. */
static inline int
pexip_want_field(GArray *wanted_hfids, const char *name)
{
    int id = proto_registrar_get_id_byname(name);
    if (id > 0)
        g_array_append_val(wanted_hfids, id);
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

/* The first item of field hf inside message msg, or NULL. */
static inline field_info *
pexip_item_inside(proto_tree *tree, int hf, const field_info *msg)
{
    if (hf <= 0)
        return NULL;
    GPtrArray *items = proto_get_finfo_ptr_array(tree, hf);
    for (guint i = 0; items && i < items->len; i++) {
        field_info *fi = (field_info *)g_ptr_array_index(items, i);
        if (pexip_item_is_inside(msg, fi))
            return fi;
    }
    return NULL;
}

#endif /* PEXIP_FIELDS_H */
