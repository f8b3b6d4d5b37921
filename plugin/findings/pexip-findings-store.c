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

static wmem_allocator_t *scope;
static wmem_map_t *first_pass;  /* frame -> wmem_array_t* of pexip_finding_t */
static wmem_map_t *capture;     /* the same, from the last whole-capture run */
static wmem_map_t *shown;       /* shown_key_t* -> itself */

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
    shown = wmem_map_new(scope, shown_hash, shown_equal);
}

void
pexip_findings_store_cleanup(void)
{
    scope = NULL;
    first_pass = capture = shown = NULL;
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
add_to(wmem_map_t *map, guint32 frame, pexip_finding_kind_t kind, const char *text)
{
    gpointer key = GUINT_TO_POINTER(frame);
    wmem_array_t *list = (wmem_array_t *)wmem_map_lookup(map, key);
    if (!list) {
        list = wmem_array_new(scope, sizeof(pexip_finding_t));
        wmem_map_insert(map, key, list);
    }
    pexip_finding_t finding = { kind, text };
    wmem_array_append_one(list, finding);
}

gboolean
pexip_findings_add(guint32 frame, pexip_finding_kind_t kind, gconstpointer owner,
                   const char *text)
{
    if (!first_pass || pexip_findings_shown(kind, owner))
        return FALSE;
    if (owner) {
        shown_key_t *key = wmem_new(scope, shown_key_t);
        key->owner = owner;
        key->kind = kind;
        wmem_map_insert(shown, key, key);
    }
    add_to(first_pass, frame, kind, text);
    return TRUE;
}

void
pexip_findings_capture_begin(void)
{
    /* A live capture reads on: the previous run's findings are replaced. */
    if (scope)
        capture = wmem_map_new(scope, g_direct_hash, g_direct_equal);
}

void
pexip_findings_capture_add(guint32 frame, pexip_finding_kind_t kind, const char *text)
{
    if (capture)
        add_to(capture, frame, kind, text);
}

static wmem_array_t *
of(wmem_map_t *map, guint32 frame)
{
    return map && wmem_map_size(map) ? (wmem_array_t *)wmem_map_lookup(map, GUINT_TO_POINTER(frame))
                                     : NULL;
}

gboolean
pexip_findings_on(guint32 frame)
{
    return of(first_pass, frame) || of(capture, frame);
}

wmem_array_t *
pexip_findings_of(wmem_allocator_t *pool, guint32 frame)
{
    wmem_array_t *first = of(first_pass, frame);
    wmem_array_t *later = of(capture, frame);
    if (!first || !later)
        return first ? first : later;
    wmem_array_t *both = wmem_array_new(pool, sizeof(pexip_finding_t));
    wmem_array_append(both, wmem_array_get_raw(first), wmem_array_get_count(first));
    wmem_array_append(both, wmem_array_get_raw(later), wmem_array_get_count(later));
    return both;
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
