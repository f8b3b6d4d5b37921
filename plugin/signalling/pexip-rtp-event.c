/* pexip-rtp-event.c
 * RFC 4733 telephone-events into the IVR entry (see pexip-rtp-event.h).
 *
 * One key press is sent as several packets with the same RTP timestamp
 * (updates, then the end packet three times), so the timestamp tells
 * presses apart. The RTP dissector's timestamp field would have to be
 * kept on every RTP packet of the capture for the few that carry events,
 * so the timestamp is read from the RTP header in front of the event
 * instead.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-rtp-event.h"

#include "pexip-compat.h"
#include "pexip-fields.h"

#define RTP_FIXED_HEADER 12
/* CSRCs (15 at most) and a header extension of up to 256 words. */
#define RTP_HEADER_SEARCH (RTP_FIXED_HEADER + 15 * 4 + 4 + 256 * 4)

static int hf_event_id = -1;

void
pexip_rtp_event_handoff(GArray *wanted)
{
    hf_event_id = pexip_want_field(wanted, "rtpevent.event_id");
}

/* The RTP header whose payload starts at payload in tvb: the nearest
 * candidate start whose own length (CSRC count, extension) ends exactly
 * at the payload. */
static gboolean
rtp_timestamp_before(tvbuff_t *tvb, gint payload, guint32 *timestamp)
{
    for (gint start = payload - RTP_FIXED_HEADER;
         start >= 0 && payload - start <= RTP_HEADER_SEARCH; start -= 4) {
        guint8 first = tvb_get_uint8(tvb, start);
        if ((first >> 6) != 2)
            continue;
        gint length = RTP_FIXED_HEADER + 4 * (first & 0x0f);
        if (first & 0x10) {
            if (start + length + 4 > payload)
                continue;
            length += 4 + 4 * tvb_get_ntohs(tvb, start + length + 2);
        }
        if (start + length == payload) {
            *timestamp = tvb_get_ntohl(tvb, start + 4);
            return TRUE;
        }
    }
    return FALSE;
}

void
pexip_rtp_event_read(proto_tree *tree, const pexip_call_t *call, guint32 frame)
{
    if (!tree || !call || hf_event_id <= 0)
        return;
    GPtrArray *events = proto_get_finfo_ptr_array(tree, hf_event_id);
    if (!events || events->len == 0)
        return;
    field_info *fi = (field_info *)g_ptr_array_index(events, 0);
    guint32 timestamp;
    if (!fi->ds_tvb || !rtp_timestamp_before(fi->ds_tvb, fi->start, &timestamp))
        return;
    pexip_call_dtmf_event(call, fvalue_get_uinteger(PEXIP_FINFO_FVALUE(fi)), timestamp, frame);
}
