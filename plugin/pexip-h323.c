/* pexip-h323.c
 * H.225.0 into the call model (see pexip-h323.h).
 *
 * Each H.225.0 message is the `h225` protocol item; its callIdentifier is
 * the `h225.guid` inside its byte range (the same pairing as for SIP).
 * Messages without one (an empty Facility carrying tunnelled H.245, some
 * Information messages) fall back to the conferenceID, which Setup also
 * carries (remembered for its call), then to the call last seen on the
 * same TCP connection.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-h323.h"

#include <string.h>
#include <epan/to_str.h>
#include <epan/conversation.h>
#include "pexip-compat.h"
#include "pexip-fields.h"

static int hf_h225 = -1;
static int hf_h225_guid = -1;
static int hf_h225_conference_id = -1;

/* TCP connection (conversation index + 1) -> the call last named on it. */
static wmem_map_t *call_of_connection;

void
pexip_h323_init(void)
{
    call_of_connection = wmem_map_new(wmem_file_scope(), g_direct_hash, g_direct_equal);
}

void
pexip_h323_cleanup(void)
{
    call_of_connection = NULL;
}

void
pexip_h323_handoff(GArray *wanted_hfids)
{
    hf_h225 = pexip_want_field(wanted_hfids, "h225");
    hf_h225_guid = pexip_want_field(wanted_hfids, "h225.guid");
    hf_h225_conference_id = pexip_want_field(wanted_hfids, "h225.conferenceID");
}

/* The first GUID of field hf inside msg, as text (packet scope), or NULL. */
static const char *
guid_inside(proto_tree *tree, int hf, const field_info *msg)
{
    field_info *fi = pexip_item_inside(tree, hf, msg);
    if (!fi)
        return NULL;
    const e_guid_t *guid = fvalue_get_guid(PEXIP_FINFO_FVALUE(fi));
    static const e_guid_t zero;
    /* An all-zero GUID (older endpoints) identifies nothing. */
    if (!guid || memcmp(guid, &zero, sizeof zero) == 0)
        return NULL;
    return guid_to_str(wmem_packet_scope(), guid);
}

gboolean
pexip_h323_read(packet_info *pinfo, proto_tree *tree, pexip_signalling_frame_t *out)
{
    out->calls = NULL;
    out->streams = NULL;
    if (!tree || hf_h225 <= 0)
        return FALSE;
    GPtrArray *messages = proto_get_finfo_ptr_array(tree, hf_h225);
    if (!messages || messages->len == 0)
        return FALSE;
    conversation_t *conv = pinfo->ptype == PT_TCP ? find_conversation_pinfo(pinfo, 0) : NULL;
    gpointer conv_key = conv ? GUINT_TO_POINTER(conv->conv_index + 1) : NULL;
    for (guint m = 0; m < messages->len; m++) {
        const field_info *msg = (const field_info *)g_ptr_array_index(messages, m);
        const char *call_id = guid_inside(tree, hf_h225_guid, msg);
        const char *conference_id = guid_inside(tree, hf_h225_conference_id, msg);
        pexip_call_t *call = NULL;
        if (call_id) {
            call = pexip_call_get(call_id, PEXIP_SIGNALING_H323, pinfo->num);
            /* Later messages that carry only the conferenceID find it. */
            if (call && conference_id)
                pexip_call_alias(call, conference_id);
        } else if (conference_id) {
            call = pexip_call_find(conference_id, PEXIP_SIGNALING_H323);
            if (!call)
                call = pexip_call_get(conference_id, PEXIP_SIGNALING_H323, pinfo->num);
        } else if (conv_key && call_of_connection) {
            call = (pexip_call_t *)wmem_map_lookup(call_of_connection, conv_key);
            if (!call && pexip_item_inside(tree, hf_h225_guid, msg)) {
                /* A Setup from an endpoint that sends all-zero identifiers:
                 * the connection is the call. */
                char *id = g_strdup_printf("00000000-0000-0000-0000-000000000000 (connection %u)",
                                           conv->conv_index);
                call = pexip_call_get(id, PEXIP_SIGNALING_H323, pinfo->num);
                g_free(id);
            }
        }
        if (!call)
            continue;
        if (conv_key && call_of_connection)
            wmem_map_insert(call_of_connection, conv_key, call);
        pexip_signalling_frame_add_call(out, call);
    }
    return out->calls != NULL;
}
