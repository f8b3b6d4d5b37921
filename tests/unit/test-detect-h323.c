/* test-detect-h323.c
 * Unit tests of findings/pexip-detect-h323.c and model/pexip-copies.c: H.225.0/H.245 copies compared and kept.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "unit.h"
#include "pexip-detect-h323.h"
#include "pexip-copies.h"
#include "pexip-calls.h"
#include "pexip-findings-store.h"

static void
test_h323_rewritten(void)
{
    /* A Setup inside (10.20.30.50 to the IVR) and outside a firewall
     * (198.51.100.10 to the IVR) whose ALG rewrote h245Address and
     * sourceCallSignalAddress; destCallSignalAddress is the IVR's. */
    pexip_named_address_t inside_named[3] = {
        { "h245Address", 4, { 10, 20, 30, 50 }, 5050 },
        { "sourceCallSignalAddress", 4, { 10, 20, 30, 50 }, 1720 },
        { "destCallSignalAddress", 4, { 185, 94, 242, 66 }, 1720 } };
    pexip_named_address_t outside_named[3] = {
        { "h245Address", 4, { 198, 51, 100, 10 }, 5050 },
        { "sourceCallSignalAddress", 4, { 198, 51, 100, 10 }, 1720 },
        { "destCallSignalAddress", 4, { 185, 94, 242, 66 }, 1720 } };
    pexip_h323_addresses_t inside = { 4, { 10, 20, 30, 50 }, { 185, 94, 242, 66 }, 3,
                                      inside_named };
    pexip_h323_addresses_t outside = { 4, { 198, 51, 100, 10 }, { 185, 94, 242, 66 }, 3,
                                       outside_named };
    gboolean changed[4];
    g_assert_true(pexip_detect_h323_rewritten(&inside, &outside, changed) == PEXIP_COPY_REWRITTEN);
    g_assert_true(changed[0] && changed[1] && !changed[2]);
    /* either way round (an inbound message: the source kept) */
    pexip_h323_addresses_t in_reply = { 4, { 185, 94, 242, 66 }, { 10, 20, 30, 50 }, 3,
                                        inside_named };
    pexip_h323_addresses_t out_reply = { 4, { 185, 94, 242, 66 }, { 198, 51, 100, 10 }, 3,
                                         outside_named };
    g_assert_true(pexip_detect_h323_rewritten(&out_reply, &in_reply, changed) == PEXIP_COPY_REWRITTEN);
    g_assert_true(changed[0] && changed[1] && !changed[2]);
    /* NAT without ALG: the embedded addresses are the same in both copies */
    pexip_h323_addresses_t nat_only = outside;
    nat_only.named = inside_named;
    g_assert_true(pexip_detect_h323_rewritten(&inside, &nat_only, changed) == PEXIP_COPY_UNCHANGED);
    g_assert_true(!changed[0] && !changed[1] && !changed[2]);
    /* a port only */
    pexip_named_address_t port_named[3];
    memcpy(port_named, inside_named, sizeof port_named);
    port_named[0].port = 6060;
    nat_only.named = port_named;
    g_assert_true(pexip_detect_h323_rewritten(&inside, &nat_only, changed) == PEXIP_COPY_REWRITTEN);
    g_assert_true(changed[0] && !changed[1] && !changed[2]);
    /* relayed unchanged, a TCP retransmission: the same packet again */
    g_assert_true(pexip_detect_h323_rewritten(&inside, &inside, changed) == PEXIP_COPY_UNCHANGED);
    /* the same IP ends with other addresses: a new message at the same
     * point (a channel opened again), not a copy */
    pexip_h323_addresses_t again = inside;
    again.named = port_named;
    g_assert_true(pexip_detect_h323_rewritten(&inside, &again, changed) == PEXIP_COPY_NEW_MESSAGE);
    g_assert_true(!changed[0]);
    again.count = 2;
    again.named = inside_named;
    g_assert_true(pexip_detect_h323_rewritten(&inside, &again, changed) == PEXIP_COPY_NEW_MESSAGE);
    /* a gatekeeper or SBC leg: the later copy comes from the earlier
     * one's destination (10.20.30.40) and goes on to the IVR; its own
     * addresses are not a rewrite */
    pexip_h323_addresses_t to_gk = { 4, { 10, 20, 30, 50 }, { 10, 20, 30, 40 }, 3, inside_named };
    pexip_h323_addresses_t gk_leg = { 4, { 10, 20, 30, 40 }, { 185, 94, 242, 66 }, 3,
                                      outside_named };
    g_assert_true(pexip_detect_h323_rewritten(&to_gk, &gk_leg, changed) == PEXIP_COPY_OTHER);
    g_assert_true(!changed[0] && !changed[1]);
    /* an SBC with an inside and an outside address: both ends differ */
    gk_leg.src[0] = 198, gk_leg.src[1] = 51, gk_leg.src[2] = 100, gk_leg.src[3] = 10;
    g_assert_true(pexip_detect_h323_rewritten(&to_gk, &gk_leg, changed) == PEXIP_COPY_OTHER);
    /* other places (a different message under one identity), another family */
    pexip_h323_addresses_t fewer = outside;
    fewer.count = 2;
    g_assert_true(pexip_detect_h323_rewritten(&inside, &fewer, changed) == PEXIP_COPY_OTHER);
    pexip_named_address_t renamed[3];
    memcpy(renamed, outside_named, sizeof renamed);
    renamed[2].where = "h245Address";
    pexip_h323_addresses_t other_places = outside;
    other_places.named = renamed;
    g_assert_true(pexip_detect_h323_rewritten(&inside, &other_places, changed) == PEXIP_COPY_OTHER);
    pexip_h323_addresses_t v6 = outside;
    v6.family = 6;
    g_assert_true(pexip_detect_h323_rewritten(&inside, &v6, changed) == PEXIP_COPY_OTHER);
    /* no embedded address at all (an empty Facility): nothing to compare */
    pexip_h323_addresses_t empty_in = inside, empty_out = outside;
    empty_in.count = empty_out.count = 0;
    g_assert_true(pexip_detect_h323_rewritten(&empty_in, &empty_out, changed) == PEXIP_COPY_UNCHANGED);

    /* identities: the call reference and the direction tell messages apart */
    wmem_allocator_t *scope = wmem_allocator_new(WMEM_ALLOCATOR_SIMPLE);
    const char *guid = "7a1b2c3d-4e5f-4071-8293-a4b5c6d7e8f9";
    g_assert_true(pexip_h323_identity(scope, NULL, "H.225 Setup", 0x0909, FALSE) == NULL);
    g_assert_true(pexip_h323_identity(scope, guid, NULL, 0x0909, FALSE) == NULL);
    char *setup = pexip_h323_identity(scope, guid, "H.225 Setup", 0x0909, FALSE);
    unit_assert_str(setup, pexip_h323_identity(scope, guid, "H.225 Setup", 0x0909, FALSE));
    g_assert_true(strcmp(setup, pexip_h323_identity(scope, guid, "H.225 Setup", 0x0a0a, FALSE)) != 0);
    g_assert_true(strcmp(setup, pexip_h323_identity(scope, guid, "H.225 Connect", 0x0909, FALSE)) != 0);
    char *olc = pexip_h323_identity(scope, guid, "H.245 OpenLogicalChannel", 1, FALSE);
    g_assert_true(strcmp(olc, pexip_h323_identity(scope, guid, "H.245 OpenLogicalChannel", 1, TRUE)) != 0);
    /* the store keeps its own copy of the addresses */
    pexip_copies_init(scope);
    gconstpointer said;
    pexip_named_address_t scratch[3];
    memcpy(scratch, inside_named, sizeof scratch);
    pexip_h323_addresses_t kept = inside;
    kept.named = scratch;
    pexip_message_copies_t *c =
        pexip_copies_see(setup, &kept, &pexip_h323_addresses_kind, 7, &said);
    memset(scratch, 0, sizeof scratch);
    g_assert_true(c && !said);
    g_assert_true(pexip_copies_see(setup, &outside, &pexip_h323_addresses_kind, 8, &said) == c && said);
    const pexip_h323_addresses_t *first = (const pexip_h323_addresses_t *)said;
    g_assert_true(first && first->count == 3 && first->named[1].port == 1720 &&
          strcmp(first->named[1].where, "sourceCallSignalAddress") == 0 &&
          first->named[1].addr[0] == 10);
    /* what the frames record: the first copy on its own frame only; a
     * rewritten one each time, the finding still to show once per call
     * (the store, findings/, keeps that) */
    pexip_calls_init(scope, NULL);
    pexip_findings_store_init(scope);
    pexip_call_t *call = pexip_call_get(guid, PEXIP_SIGNALING_H323, 7);
    pexip_signalling_frame_t out;
    pexip_signalling_frame_clear(&out);
    pexip_copies_first(c, 9, &out);
    g_assert_true(pexip_signalling_frame_copy_count(&out) == 0);
    pexip_copies_first(c, 7, &out);
    g_assert_true(pexip_signalling_frame_copy_count(&out) == 1);
    pexip_signalling_frame_clear(&out);
    pexip_copies_rewritten(c, 8, &out);
    g_assert_true(!pexip_findings_shown(PEXIP_FINDING_REWRITTEN, call) && c->rewritten_frame == 8);
    g_assert_true(pexip_findings_add(8, PEXIP_FINDING_REWRITTEN, call, call, "rewritten"));
    pexip_copies_rewritten(c, 10, &out);
    g_assert_true(pexip_findings_shown(PEXIP_FINDING_REWRITTEN, call) && c->rewritten_frame == 8);
    g_assert_true(pexip_signalling_frame_copy_count(&out) == 2);
    pexip_findings_store_cleanup();
    pexip_calls_cleanup();
    pexip_copies_cleanup();
    wmem_destroy_allocator(scope);
}

int
main(int argc, char **argv)
{
    unit_init(&argc, &argv);
    g_test_add_func("/detect-h323/h323_rewritten", test_h323_rewritten);
    return g_test_run();
}
