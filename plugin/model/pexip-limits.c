/* pexip-limits.c
 * Caps on the per-capture state (see pexip-limits.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-limits.h"

static const struct {
    guint value;
    const char *what;
} limits[PEXIP_LIMIT_COUNT] = {
    [PEXIP_LIMIT_CALLS] = { PEXIP_LIMIT_CALLS_MAX, "calls per capture" },
    [PEXIP_LIMIT_DIALOGS] = { PEXIP_LIMIT_DIALOGS_MAX, "dialogs (forks) per SIP Call-ID" },
    [PEXIP_LIMIT_STREAMS] = { PEXIP_LIMIT_STREAMS_MAX, "announced streams per call" },
    [PEXIP_LIMIT_GRANTS] = { PEXIP_LIMIT_GRANTS_MAX, "BFCP floor grants per call" },
    [PEXIP_LIMIT_MESSAGES] = { PEXIP_LIMIT_MESSAGES_MAX,
                               "signalling messages compared for copies per capture" },
    [PEXIP_LIMIT_TRANSACTIONS] = { PEXIP_LIMIT_TRANSACTIONS_MAX,
                                   "SIP requests followed for an answer per capture" },
    [PEXIP_LIMIT_ENDPOINTS] = { PEXIP_LIMIT_ENDPOINTS_MAX,
                                "announced signalling endpoints watched per capture" },
};

static wmem_allocator_t *scope;
/* (limit, call) pairs recorded: a key made of both. */
static wmem_map_t *recorded;
/* Hits not taken yet (pexip_limit_hit_t), and counts of drops. */
static wmem_array_t *queue;
static guint32 drops[PEXIP_LIMIT_COUNT];

void
pexip_limits_init(wmem_allocator_t *allocator)
{
    scope = allocator;
    recorded = wmem_map_new(scope, g_int64_hash, g_int64_equal);
    queue = wmem_array_new(scope, sizeof(pexip_limit_hit_t));
    for (guint i = 0; i < PEXIP_LIMIT_COUNT; i++)
        drops[i] = 0;
}

void
pexip_limits_cleanup(void)
{
    recorded = NULL;
    queue = NULL;
    scope = NULL;
    for (guint i = 0; i < PEXIP_LIMIT_COUNT; i++)
        drops[i] = 0;
}

guint
pexip_limit_value(pexip_limit_t which)
{
    return (guint)which < PEXIP_LIMIT_COUNT ? limits[which].value : 0;
}

const char *
pexip_limit_what(pexip_limit_t which)
{
    return (guint)which < PEXIP_LIMIT_COUNT ? limits[which].what : "?";
}

void
pexip_limit_reached(pexip_limit_t which, guint32 call, guint32 frame)
{
    if (!recorded || (guint)which >= PEXIP_LIMIT_COUNT)
        return;
    if (drops[which] < G_MAXUINT32)
        drops[which]++;
    /* At most one entry per limit and call: bounded by the calls cap. */
    gint64 key = (gint64)which << 32 | call;
    if (wmem_map_contains(recorded, &key))
        return;
    gint64 *kept = wmem_new(scope, gint64);
    *kept = key;
    wmem_map_insert(recorded, kept, kept);
    pexip_limit_hit_t hit = { which, frame, call };
    wmem_array_append_one(queue, hit);
}

guint
pexip_limits_take(pexip_limit_hit_t *out, guint max)
{
    if (!queue)
        return 0;
    guint n = wmem_array_get_count(queue);
    if (n == 0)
        return 0;
    guint take = MIN(n, max);
    const pexip_limit_hit_t *hits = (const pexip_limit_hit_t *)wmem_array_get_raw(queue);
    for (guint i = 0; i < take; i++)
        out[i] = hits[i];
    /* Keep the rest, in order. */
    wmem_array_t *rest = wmem_array_new(scope, sizeof(pexip_limit_hit_t));
    if (take < n)
        wmem_array_append(rest, hits + take, n - take);
    queue = rest;
    return take;
}

guint32
pexip_limit_drops(pexip_limit_t which)
{
    return (guint)which < PEXIP_LIMIT_COUNT ? drops[which] : 0;
}
