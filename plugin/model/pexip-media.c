/* pexip-media.c
 * Media kinds and directions (see pexip-media.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-media.h"

static const char *const kind_names[PEXIP_MEDIA_KIND_COUNT] = {
    [PEXIP_MEDIA_OTHER]   = "other",
    [PEXIP_MEDIA_AUDIO]   = "audio",
    [PEXIP_MEDIA_VIDEO]   = "video",
    [PEXIP_MEDIA_CONTENT] = "content",
    [PEXIP_MEDIA_BFCP]    = "bfcp",
    [PEXIP_MEDIA_T38]     = "t38",
};

const char *
pexip_media_kind_name(pexip_media_kind_t kind)
{
    return (unsigned)kind < PEXIP_MEDIA_KIND_COUNT ? kind_names[kind] : "other";
}

const char *
pexip_direction_name(pexip_direction_t dir)
{
    switch (dir) {
    case PEXIP_DIR_SENDONLY: return "sendonly";
    case PEXIP_DIR_RECVONLY: return "recvonly";
    case PEXIP_DIR_INACTIVE: return "inactive";
    default:                 return "sendrecv";
    }
}

gboolean
pexip_direction_receives(pexip_direction_t dir)
{
    return dir == PEXIP_DIR_SENDRECV || dir == PEXIP_DIR_RECVONLY;
}
