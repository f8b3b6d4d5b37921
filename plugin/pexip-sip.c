/* pexip-sip.c
 * SIP and SDP into the call model (see pexip-sip.h).
 *
 * Each SIP message is the `sip` protocol item; its Call-ID and SDP body are
 * the `sip.Call-ID` and `sdp` items inside its byte range (same data
 * source), which pairs them even when one TCP segment carries several
 * messages or one message spans segments (Wireshark reassembles).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-sip.h"

#include "pexip-compat.h"
#include "pexip-fields.h"
#include "pexip-calls.h"
#include "pexip-sdp.h"

static int hf_sip = -1;
static int hf_sip_call_id = -1;
static int hf_sdp = -1;

void
pexip_sip_handoff(GArray *wanted_hfids)
{
    hf_sip = pexip_want_field(wanted_hfids, "sip");
    hf_sip_call_id = pexip_want_field(wanted_hfids, "sip.Call-ID");
    hf_sdp = pexip_want_field(wanted_hfids, "sdp");
}

static gboolean
inside(const field_info *outer, const field_info *inner)
{
    return inner->ds_tvb == outer->ds_tvb && inner->start >= outer->start &&
           inner->start + inner->length <= outer->start + outer->length;
}

static void
add_unique(wmem_array_t *calls, const pexip_call_t *call)
{
    const pexip_call_t **have = (const pexip_call_t **)wmem_array_get_raw(calls);
    for (guint i = 0; i < wmem_array_get_count(calls); i++) {
        if (have[i] == call)
            return;
    }
    wmem_array_append_one(calls, call);
}

wmem_array_t *
pexip_sip_read(packet_info *pinfo, proto_tree *tree)
{
    if (!tree || hf_sip <= 0)
        return NULL;
    GPtrArray *messages = proto_get_finfo_ptr_array(tree, hf_sip);
    GPtrArray *ids = proto_get_finfo_ptr_array(tree, hf_sip_call_id);
    if (!messages || !ids || messages->len == 0 || ids->len == 0)
        return NULL;
    GPtrArray *sdps = proto_get_finfo_ptr_array(tree, hf_sdp);

    wmem_array_t *calls = NULL;
    for (guint m = 0; m < messages->len; m++) {
        const field_info *msg = (const field_info *)g_ptr_array_index(messages, m);
        const pexip_call_t *call = NULL;
        for (guint i = 0; i < ids->len && !call; i++) {
            field_info *id = (field_info *)g_ptr_array_index(ids, i);
            if (!inside(msg, id))
                continue;
            const char *value = fvalue_get_string(PEXIP_FINFO_FVALUE(id));
            if (value && *value)
                call = pexip_call_get(value, PEXIP_SIGNALING_SIP, pinfo->num);
        }
        if (!call)
            continue;
        if (!calls)
            calls = wmem_array_new(wmem_file_scope(), sizeof(const pexip_call_t *));
        add_unique(calls, call);
        for (guint s = 0; sdps && s < sdps->len; s++) {
            const field_info *sdp_fi = (const field_info *)g_ptr_array_index(sdps, s);
            if (!inside(msg, sdp_fi) || sdp_fi->length <= 0)
                continue;
            const guint8 *text = tvb_get_ptr(sdp_fi->ds_tvb, sdp_fi->start, sdp_fi->length);
            pexip_sdp_t sdp;
            if (pexip_sdp_parse((const char *)text, (gsize)sdp_fi->length, &sdp))
                pexip_calls_add_sdp(call, pinfo->num, &sdp);
        }
    }
    return calls;
}
