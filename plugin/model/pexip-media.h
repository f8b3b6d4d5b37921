/* pexip-media.h
 * The words of the call model for media: what a stream carries (its kind)
 * and which way it flows (the direction its announcement gave).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_MEDIA_H
#define PEXIP_MEDIA_H

#include <glib.h>

typedef enum {
    PEXIP_MEDIA_OTHER = 0,
    PEXIP_MEDIA_AUDIO,
    PEXIP_MEDIA_VIDEO,
    PEXIP_MEDIA_CONTENT,    /* video carrying presentations (a=content:slides) */
    PEXIP_MEDIA_BFCP,
    PEXIP_MEDIA_T38,
    PEXIP_MEDIA_KIND_COUNT
} pexip_media_kind_t;

typedef enum {
    PEXIP_DIR_SENDRECV = 0,
    PEXIP_DIR_SENDONLY,
    PEXIP_DIR_RECVONLY,
    PEXIP_DIR_INACTIVE
} pexip_direction_t;

const char *pexip_media_kind_name(pexip_media_kind_t kind);
const char *pexip_direction_name(pexip_direction_t dir);

/* TRUE when this side of the m-line expects to receive media. */
gboolean pexip_direction_receives(pexip_direction_t dir);

#endif /* PEXIP_MEDIA_H */
