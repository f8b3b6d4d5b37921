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

#endif /* PEXIP_FIELDS_H */
