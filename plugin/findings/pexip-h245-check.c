/* pexip-h245-check.c
 * pexip.h323.h245_unreachable (see pexip-h245-check.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-h245-check.h"

#include "pexip-endpoint.h"
#include "pexip-findings-store.h"

void
pexip_h245_check_run(wmem_allocator_t *pool, const pexip_reach_watch_t *h245_addresses)
{
    guint n;
    pexip_reach_t **all = pexip_reach_all(h245_addresses, &n);
    for (guint i = 0; i < n; i++) {
        const pexip_reach_t *a = all[i];
        pexip_reach_outcome_t outcome = pexip_reach_judge(a, 1);
        if (outcome == PEXIP_REACH_OK)
            continue;
        char *text = wmem_strdup_printf(
            wmem_file_scope(),
            "TCP to h245Address %s (call %u, frame %u) never carried H.245: %u packets to it, %s: "
            "a firewall drops TCP to that port; open it, or let the device tunnel H.245",
            pexip_address_to_str(pool, a->where.family, a->where.addr,
                                 a->where.port),
            a->call->number, a->announced_frame, a->attempts,
            outcome == PEXIP_REACH_REFUSED ? "answers without H.245 (refused)" : "no answer");
        pexip_findings_capture_add(a->first_attempt_frame, PEXIP_FINDING_H245_UNREACHABLE, a->call,
                                   text);
    }
}
