/* test-reach.c
 * Unit tests of model/pexip-reach.c: TCP reachability of announced endpoints.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "unit.h"
#include "pexip-reach.h"
#include "pexip-calls.h"

static void
test_reach(void)
{
    wmem_allocator_t *scope = wmem_allocator_new(WMEM_ALLOCATOR_SIMPLE);
    pexip_calls_init(scope, NULL);
    pexip_call_t *one = pexip_call_get("reach-1", PEXIP_SIGNALING_H323, 1);
    pexip_call_t *two = pexip_call_get("reach-2", PEXIP_SIGNALING_H323, 2);
    pexip_reach_watch_t *w = pexip_reach_watch_new(scope, NULL);
    const guint8 far[4] = { 203, 0, 113, 10 }, near[4] = { 185, 94, 242, 66 };
    guint n;

    g_assert_true(pexip_reach_all(w, &n) == NULL && n == 0);
    g_assert_true(pexip_reach_announce(w, one, PEXIP_FAMILY_IPV4, far, 0, 1) == NULL);
    pexip_reach_t *r1 = pexip_reach_announce(w, one, PEXIP_FAMILY_IPV4, far, 5060, 1);
    g_assert_true(r1 && r1->announced_frame == 1);
    /* a repeat by the same call keeps its record */
    g_assert_true(pexip_reach_announce(w, one, PEXIP_FAMILY_IPV4, far, 5060, 3) == r1);
    g_assert_true(pexip_reach_find(w, PEXIP_FAMILY_IPV4, far, 5061) == NULL);
    g_assert_true(pexip_reach_judge(r1, 1) == PEXIP_REACH_OK);          /* nothing tried */

    /* SYN and a retransmission, nothing back */
    pexip_reach_packet(w, PEXIP_FAMILY_IPV4, near, 41000, far, 5060, 4, FALSE);
    g_assert_true(pexip_reach_judge(r1, 1) == PEXIP_REACH_NO_ANSWER);
    g_assert_true(pexip_reach_judge(r1, 2) == PEXIP_REACH_OK);          /* one SYN: not enough */
    pexip_reach_packet(w, PEXIP_FAMILY_IPV4, near, 41000, far, 5060, 5, FALSE);
    g_assert_true(r1->attempts == 2 && r1->first_attempt_frame == 4 && r1->replies == 0);
    g_assert_true(pexip_reach_judge(r1, 2) == PEXIP_REACH_NO_ANSWER);
    /* answered, without the expected protocol: refused */
    pexip_reach_packet(w, PEXIP_FAMILY_IPV4, far, 5060, near, 41000, 6, FALSE);
    g_assert_true(r1->replies == 1 && pexip_reach_judge(r1, 2) == PEXIP_REACH_REFUSED);

    /* another call announcing it: packets count on its own record, the
     * first call's is kept */
    pexip_reach_t *r2 = pexip_reach_announce(w, two, PEXIP_FAMILY_IPV4, far, 5060, 7);
    g_assert_true(r2 && r2 != r1 && pexip_reach_find(w, PEXIP_FAMILY_IPV4, far, 5060) == r2);
    pexip_reach_packet(w, PEXIP_FAMILY_IPV4, near, 41002, far, 5060, 8, FALSE);
    pexip_reach_packet(w, PEXIP_FAMILY_IPV4, far, 5060, near, 41002, 9, TRUE);
    g_assert_true(r1->attempts == 2 && r2->attempts == 1 && r2->first_attempt_frame == 8);
    g_assert_true(r2->reached && pexip_reach_judge(r2, 1) == PEXIP_REACH_OK);
    pexip_reach_t **all = pexip_reach_all(w, &n);
    g_assert_true(n == 2 && all[0] == r1 && all[1] == r2);
    g_assert_true(pexip_reach_judge(NULL, 1) == PEXIP_REACH_OK);
    /* refused, tried again from another port (a new connection), refused */
    pexip_reach_packet(w, PEXIP_FAMILY_IPV4, near, 41001, far, 5060, 7, FALSE);
    g_assert_true(r1->attempts == 2);                               /* r2 is the latest */

    /* the service's connections only (side): packets between the far end
     * and anything else do not count; the ACK after an answer on the same
     * connection makes it established, whatever it carried (TLS on a port
     * Wireshark does not decode) */
    pexip_reach_watch_t *svc = pexip_reach_watch_new(scope, service_address);
    pexip_reach_t *r3 = pexip_reach_announce(svc, one, PEXIP_FAMILY_IPV4, far, 5061, 10);
    const guint8 other[4] = { 192, 0, 2, 1 };
    pexip_reach_packet(svc, PEXIP_FAMILY_IPV4, other, 40000, far, 5061, 11, FALSE);
    pexip_reach_packet(svc, PEXIP_FAMILY_IPV4, far, 5061, other, 40000, 12, FALSE);
    g_assert_true(r3->attempts == 0 && r3->replies == 0);
    pexip_reach_packet(svc, PEXIP_FAMILY_IPV4, near, 41010, far, 5061, 13, FALSE);    /* SYN */
    pexip_reach_packet(svc, PEXIP_FAMILY_IPV4, far, 5061, near, 41010, 14, FALSE);    /* reset */
    g_assert_true(pexip_reach_judge(r3, 2) == PEXIP_REACH_REFUSED);
    pexip_reach_packet(svc, PEXIP_FAMILY_IPV4, near, 41011, far, 5061, 15, FALSE);    /* new SYN */
    g_assert_true(!r3->established && pexip_reach_judge(r3, 2) == PEXIP_REACH_REFUSED);
    pexip_reach_packet(svc, PEXIP_FAMILY_IPV4, far, 5061, near, 41011, 16, FALSE);    /* SYN-ACK */
    pexip_reach_packet(svc, PEXIP_FAMILY_IPV4, near, 41011, far, 5061, 17, FALSE);    /* ACK */
    g_assert_true(r3->established && !r3->reached && pexip_reach_judge(r3, 2) == PEXIP_REACH_OK);
    g_assert_true(r3->attempts == 3 && r3->replies == 2 && r3->first_attempt_frame == 13);

    pexip_calls_cleanup();
    wmem_destroy_allocator(scope);
}

/* One connection's own record (not announced): counted packet by packet. */
static void
test_reach_count(void)
{
    pexip_reach_t r;
    memset(&r, 0, sizeof r);
    const guint8 client[4] = { 192, 0, 2, 50 };
    pexip_endpoint_t from_client;
    pexip_endpoint_set(&from_client, PEXIP_FAMILY_IPV4, client, 51000, TRUE);
    pexip_reach_count(&r, TRUE, &from_client, 3, FALSE);                 /* SYN */
    pexip_reach_count(&r, TRUE, &from_client, 4, FALSE);                 /* again */
    g_assert_true(r.attempts == 2 && r.first_attempt_frame == 3 && r.replies == 0);
    g_assert_true(pexip_endpoint_equal(&r.first_from, &from_client));
    g_assert_true(pexip_reach_judge(&r, 2) == PEXIP_REACH_NO_ANSWER);
    pexip_reach_count(&r, FALSE, &from_client, 5, FALSE);                /* reset */
    g_assert_true(pexip_reach_judge(&r, 2) == PEXIP_REACH_REFUSED);
    pexip_reach_count(&r, TRUE, &from_client, 6, FALSE);                 /* the ACK after it */
    g_assert_true(r.established && pexip_reach_judge(&r, 2) == PEXIP_REACH_OK);
    /* what it carried reaches it, from either side */
    memset(&r, 0, sizeof r);
    pexip_reach_count(&r, TRUE, &from_client, 7, TRUE);
    g_assert_true(r.reached && pexip_reach_judge(&r, 1) == PEXIP_REACH_OK);
}

int
main(int argc, char **argv)
{
    unit_init(&argc, &argv);
    g_test_add_func("/reach/reach", test_reach);
    g_test_add_func("/reach/count", test_reach_count);
    return g_test_run();
}
