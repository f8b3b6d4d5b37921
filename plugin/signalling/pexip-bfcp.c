/* pexip-bfcp.c
 * BFCP set up from SDP (see pexip-bfcp.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-bfcp.h"

#include <epan/conversation.h>
#include "pexip-compat.h"
#include "pexip-fields.h"
#include "pexip-endpoint.h"

static dissector_handle_t bfcp_handle;
static int hf_bfcp_request_status = -1;

/* The port an m-line gives when the side only connects out (a=setup:active). */
#define DISCARD_PORT 9

void
pexip_bfcp_handoff(GArray *wanted_hfids)
{
    bfcp_handle = find_dissector("bfcp");
    hf_bfcp_request_status = pexip_want_field(wanted_hfids, "bfcp.request_status");
}

void
pexip_bfcp_announce(const pexip_stream_t *stream, guint32 frame)
{
    if (!bfcp_handle || !stream || stream->kind != PEXIP_MEDIA_BFCP ||
        stream->port == 0 || stream->port == DISCARD_PORT)
        return;
    address addr, none;
    pexip_address_set(&addr, stream->family, stream->addr);
    clear_address(&none);
    conversation_type type = stream->tcp ? CONVERSATION_TCP : CONVERSATION_UDP;
    /* Any peer talking to the announced address and port, from this frame
     * on (an earlier conversation on the same port keeps its dissector). */
    conversation_t *conv = find_conversation(frame, &addr, &none, type, stream->port, 0,
                                             NO_ADDR_B | NO_PORT_B);
    if (!conv || conv->setup_frame != frame)
        conv = conversation_new(frame, &addr, &none, type, stream->port, 0, NO_ADDR2 | NO_PORT2);
    conversation_set_dissector(conv, bfcp_handle);
}

pexip_floor_status_t
pexip_bfcp_floor_status(proto_tree *tree)
{
    if (!tree || hf_bfcp_request_status <= 0)
        return PEXIP_FLOOR_NONE;
    GPtrArray *items = proto_get_finfo_ptr_array(tree, hf_bfcp_request_status);
    if (!items || items->len == 0)
        return PEXIP_FLOOR_NONE;
    field_info *fi = (field_info *)g_ptr_array_index(items, 0);
    guint32 value = fvalue_get_uinteger(PEXIP_FINFO_FVALUE(fi));
    return value <= PEXIP_FLOOR_REVOKED ? (pexip_floor_status_t)value : PEXIP_FLOOR_NONE;
}

const char *
pexip_floor_status_name(pexip_floor_status_t status)
{
    static const char *const names[] = {
        NULL, "pending", "accepted", "granted", "denied", "cancelled", "released", "revoked",
    };
    return (guint)status < G_N_ELEMENTS(names) ? names[status] : NULL;
}
