/* pexip-findings-store.c
 * The one store of findings (see pexip-findings-store.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-findings-store.h"

#include <string.h>

/* A finding shown by an owner. */
typedef struct {
    gconstpointer owner;
    pexip_finding_kind_t kind;
} shown_key_t;

/* The frames that have findings, one bit each: every service packet asks,
 * and almost all of them have none. */
typedef struct {
    guint8 *bits;
    guint32 size;               /* bytes */
} frame_set_t;

static wmem_allocator_t *scope;
static wmem_map_t *first_pass;  /* frame -> wmem_array_t* of pexip_finding_t */
static wmem_map_t *capture;     /* the same, from the last whole-capture run */
static frame_set_t first_frames, capture_frames;
static wmem_map_t *shown;       /* shown_key_t* -> itself */

static void
frame_set_add(frame_set_t *set, guint32 frame)
{
    guint32 byte = frame / 8;
    if (byte >= set->size) {
        guint32 size = MAX(byte + 1, set->size * 2);
        set->bits = (guint8 *)wmem_realloc(scope, set->bits, size);
        memset(set->bits + set->size, 0, size - set->size);
        set->size = size;
    }
    set->bits[byte] |= (guint8)(1u << (frame % 8));
}

static gboolean
frame_set_has(const frame_set_t *set, guint32 frame)
{
    return frame / 8 < set->size && (set->bits[frame / 8] & (1u << (frame % 8)));
}

static guint
shown_hash(gconstpointer k)
{
    const shown_key_t *key = (const shown_key_t *)k;
    return g_direct_hash(key->owner) * 31u + (guint)key->kind;
}

static gboolean
shown_equal(gconstpointer a, gconstpointer b)
{
    const shown_key_t *x = (const shown_key_t *)a, *y = (const shown_key_t *)b;
    return x->owner == y->owner && x->kind == y->kind;
}

void
pexip_findings_store_init(wmem_allocator_t *allocator)
{
    scope = allocator;
    first_pass = wmem_map_new(scope, g_direct_hash, g_direct_equal);
    capture = NULL;
    memset(&first_frames, 0, sizeof first_frames);
    memset(&capture_frames, 0, sizeof capture_frames);
    shown = wmem_map_new(scope, shown_hash, shown_equal);
}

void
pexip_findings_store_cleanup(void)
{
    scope = NULL;
    first_pass = capture = shown = NULL;
    memset(&first_frames, 0, sizeof first_frames);
    memset(&capture_frames, 0, sizeof capture_frames);
}

wmem_allocator_t *
pexip_findings_scope(void)
{
    return scope;
}

gboolean
pexip_findings_shown(pexip_finding_kind_t kind, gconstpointer owner)
{
    if (!shown || !owner || wmem_map_size(shown) == 0)
        return FALSE;
    shown_key_t key = { owner, kind };
    return wmem_map_contains(shown, &key);
}

static void
add_to(wmem_map_t *map, frame_set_t *frames, guint32 frame, pexip_finding_kind_t kind,
       const pexip_call_t *call, const char *text)
{
    frame_set_add(frames, frame);
    gpointer key = GUINT_TO_POINTER(frame);
    wmem_array_t *list = (wmem_array_t *)wmem_map_lookup(map, key);
    if (!list) {
        list = wmem_array_new(scope, sizeof(pexip_finding_t));
        wmem_map_insert(map, key, list);
    }
    pexip_finding_t finding = { kind, call ? call->number : 0, text };
    wmem_array_append_one(list, finding);
}

gboolean
pexip_findings_add(guint32 frame, pexip_finding_kind_t kind, gconstpointer owner,
                   const pexip_call_t *call, const char *text)
{
    if (!first_pass || pexip_findings_shown(kind, owner))
        return FALSE;
    if (owner) {
        shown_key_t *key = wmem_new(scope, shown_key_t);
        key->owner = owner;
        key->kind = kind;
        wmem_map_insert(shown, key, key);
    }
    add_to(first_pass, &first_frames, frame, kind, call, text);
    return TRUE;
}

void
pexip_findings_capture_begin(void)
{
    /* A live capture reads on: the previous run's findings are replaced. */
    if (scope) {
        capture = wmem_map_new(scope, g_direct_hash, g_direct_equal);
        memset(&capture_frames, 0, sizeof capture_frames);
    }
}

void
pexip_findings_capture_add(guint32 frame, pexip_finding_kind_t kind, const pexip_call_t *call,
                           const char *text)
{
    if (capture)
        add_to(capture, &capture_frames, frame, kind, call, text);
}

static wmem_array_t *
of(wmem_map_t *map, const frame_set_t *frames, guint32 frame)
{
    return map && frame_set_has(frames, frame)
        ? (wmem_array_t *)wmem_map_lookup(map, GUINT_TO_POINTER(frame)) : NULL;
}

gboolean
pexip_findings_on(guint32 frame)
{
    return (first_pass && frame_set_has(&first_frames, frame)) ||
           (capture && frame_set_has(&capture_frames, frame));
}

wmem_array_t *
pexip_findings_of(wmem_allocator_t *pool, guint32 frame)
{
    wmem_array_t *first = of(first_pass, &first_frames, frame);
    wmem_array_t *later = of(capture, &capture_frames, frame);
    if (!first || !later)
        return first ? first : later;
    wmem_array_t *both = wmem_array_new(pool, sizeof(pexip_finding_t));
    wmem_array_append(both, wmem_array_get_raw(first), wmem_array_get_count(first));
    wmem_array_append(both, wmem_array_get_raw(later), wmem_array_get_count(later));
    return both;
}

static void
each_of(wmem_map_t *map, const frame_set_t *frames, guint32 frame, pexip_findings_fn fn,
        gpointer data)
{
    wmem_array_t *list = of(map, frames, frame);
    for (guint i = 0; list && i < wmem_array_get_count(list); i++)
        fn(frame, (const pexip_finding_t *)wmem_array_index(list, i), data);
}

void
pexip_findings_foreach(pexip_findings_fn fn, gpointer data)
{
    guint32 bytes = MAX(first_frames.size, capture_frames.size);
    for (guint32 byte = 0; byte < bytes; byte++) {
        guint8 any = (byte < first_frames.size ? first_frames.bits[byte] : 0) |
                     (byte < capture_frames.size ? capture_frames.bits[byte] : 0);
        for (guint32 frame = byte * 8; any && frame < byte * 8 + 8; frame++) {
            each_of(first_pass, &first_frames, frame, fn, data);
            each_of(capture, &capture_frames, frame, fn, data);
        }
    }
}

const char *
pexip_finding_text_fit(wmem_allocator_t *pool, const char *text)
{
    static const char ellipsis[] = "...";
    const gsize dots = sizeof ellipsis - 1;
    if (!text || strlen(text) <= PEXIP_FINDING_TEXT_MAX)
        return text;
    const char *advice = g_strrstr(text, ": ");
    /* Keep the advice whole when some of what was seen still fits. */
    if (!advice || strlen(advice) + dots + 20 > PEXIP_FINDING_TEXT_MAX)
        advice = "";
    gsize room = PEXIP_FINDING_TEXT_MAX - strlen(advice) - dots;
    /* Not in the middle of a UTF-8 sequence. */
    while (room > 0 && ((guint8)text[room] & 0xC0) == 0x80)
        room--;
    return wmem_strdup_printf(pool, "%.*s%s%s", (int)room, text, ellipsis, advice);
}
