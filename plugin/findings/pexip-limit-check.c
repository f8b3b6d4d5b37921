/* pexip-limit-check.c
 * pexip.limit.reached (see pexip-limit-check.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-limit-check.h"

#include "pexip-limits.h"
#include "pexip-calls.h"
#include "pexip-findings-store.h"

static const pexip_call_t *
call_numbered(guint32 number)
{
    wmem_array_t *all = pexip_calls_all();
    if (!all || number == 0 || number > wmem_array_get_count(all))
        return NULL;
    return *(const pexip_call_t **)wmem_array_index(all, number - 1);
}

void
pexip_limits_report(guint32 frame)
{
    pexip_limit_hit_t hits[PEXIP_LIMIT_COUNT];
    guint n;
    wmem_allocator_t *scope = pexip_findings_scope();
    while (scope && (n = pexip_limits_take(hits, G_N_ELEMENTS(hits))) > 0) {
        for (guint i = 0; i < n; i++) {
            const pexip_call_t *call = call_numbered(hits[i].call);
            char *text = wmem_strdup_printf(
                scope, "%s the plugin's limit of %u %s: what is over it is not followed: %s",
                call ? "This call reached" : "The capture reached",
                pexip_limit_value(hits[i].which),
                pexip_limit_what(hits[i].which),
                pexip_findings[PEXIP_FINDING_LIMIT_REACHED].advice);
            pexip_findings_add(frame, PEXIP_FINDING_LIMIT_REACHED, NULL, call, text);
        }
    }
}
