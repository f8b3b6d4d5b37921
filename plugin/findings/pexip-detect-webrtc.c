/* pexip-detect-webrtc.c
 * STUN/TURN messages and the web app's media paths (see
 * pexip-detect-webrtc.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-detect-webrtc.h"

#include <string.h>

#define STUN_HEADER 20
#define STUN_COOKIE 0x2112A442u

gboolean
pexip_stun_parse(const guint8 *bytes, gsize len, pexip_stun_message_t *out)
{
    memset(out, 0, sizeof *out);
    if (!bytes || len < 4)
        return FALSE;
    guint16 type = (guint16)((bytes[0] << 8) | bytes[1]);
    guint16 length = (guint16)((bytes[2] << 8) | bytes[3]);
    if ((type & 0xC000) == 0x4000) {
        /* ChannelData: channel numbers 0x4000-0x7FFF, then the data. */
        out->cls = PEXIP_STUN_CHANNEL_DATA;
        return TRUE;
    }
    if ((type & 0xC000) != 0 || len < STUN_HEADER || (length & 3) != 0)
        return FALSE;
    guint32 cookie = ((guint32)bytes[4] << 24) | ((guint32)bytes[5] << 16) |
                     ((guint32)bytes[6] << 8) | bytes[7];
    if (cookie != STUN_COOKIE)
        return FALSE;
    /* The class is bits C1 (0x100) and C0 (0x010); the method the rest. */
    guint cls = ((type >> 7) & 2u) | ((type >> 4) & 1u);
    out->cls = cls == 0 ? PEXIP_STUN_REQUEST
             : cls == 1 ? PEXIP_STUN_INDICATION
             : cls == 2 ? PEXIP_STUN_SUCCESS : PEXIP_STUN_ERROR;
    out->method = (guint16)((type & 0x000F) | ((type >> 1) & 0x0070) | ((type >> 2) & 0x0F80));
    memcpy(out->id, bytes + 8, sizeof out->id);
    return TRUE;
}

gboolean
pexip_stun_is_path_request(const pexip_stun_message_t *m)
{
    return m->cls == PEXIP_STUN_REQUEST &&
           (m->method == PEXIP_STUN_BINDING || m->method == PEXIP_STUN_ALLOCATE);
}

gboolean
pexip_detect_udp_blocked(const pexip_stun_client_t *client)
{
    return client && client->requests && client->retransmitted && !client->answered;
}

gboolean
pexip_port_is_turn_tcp(guint16 port)
{
    return port == 443 || port == 3478 || port == 5349;
}

gboolean
pexip_port_is_sip_tcp(guint16 port)
{
    return port == 5060 || port == 5061;
}
