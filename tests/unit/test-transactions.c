/* test-transactions.c
 * Unit tests of model/pexip-transactions.c: SIP requests and what answered
 * them.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "unit.h"
#include "pexip-transactions.h"
#include "pexip-calls.h"

static const guint8 sbc[4] = { 198, 51, 100, 10 }, node[4] = { 185, 94, 242, 66 };
static const guint8 nat[4] = { 203, 0, 113, 7 };

static void
test_requests_and_answers(void)
{
    wmem_allocator_t *scope = wmem_allocator_new(WMEM_ALLOCATOR_STRICT);
    pexip_calls_init(scope, service_address);
    pexip_transactions_init(scope, service_address);
    pexip_call_t *call = pexip_sip_dialog_get("t-1@sbc", "a1", NULL, 1);
    guint n;
    g_assert_null(pexip_transactions_all(&n));
    g_assert_cmpuint(n, ==, 0);

    /* the SBC's INVITE over UDP and two retransmissions */
    pexip_sip_transaction_t *invite = pexip_transaction_request(call, 1, "INVITE", 1, 4, sbc, node,
                                                                5060, TRUE, FALSE);
    g_assert_nonnull(invite);
    g_assert_true(pexip_transaction_request(call, 1, "INVITE", 2, 4, sbc, node, 5060, TRUE,
                                            FALSE) == invite);
    g_assert_true(pexip_transaction_request(call, 1, "INVITE", 3, 4, sbc, node, 5060, TRUE,
                                            FALSE) == invite);
    g_assert_cmpuint(invite->sends, ==, 3);
    g_assert_cmpuint(invite->first_frame, ==, 1);
    g_assert_true(invite->udp && !invite->in_dialog && !invite->sides_known);
    g_assert_cmpuint(invite->responses, ==, 0);
    unit_assert_str(invite->call_id, "t-1@sbc");
    g_assert_cmpuint(invite->to.port, ==, 5060);

    /* the same request from another address (a second capture point) is
     * another record; a response goes to its own sender's */
    pexip_sip_transaction_t *copy = pexip_transaction_request(call, 1, "INVITE", 4, 4, nat, node,
                                                              5060, TRUE, FALSE);
    g_assert_true(copy && copy != invite && copy->sends == 1);
    g_assert_true(pexip_transaction_response(call, 1, "INVITE", 100, 4, nat) == copy);
    g_assert_cmpuint(invite->responses, ==, 0);
    g_assert_true(copy->responses == 1 && copy->answered);
    g_assert_true(pexip_transaction_response(call, 1, "INVITE", 200, 4, sbc) == invite);
    g_assert_true(invite->answered && invite->responses == 1 && invite->final_code == 0);
    /* unknown: another CSeq, method or Call-ID */
    g_assert_null(pexip_transaction_response(call, 2, "INVITE", 200, 4, sbc));
    g_assert_null(pexip_transaction_response(call, 1, "BYE", 200, 4, sbc));
    pexip_call_t *other = pexip_sip_dialog_get("t-2@sbc", "a1", NULL, 5);
    g_assert_null(pexip_transaction_response(other, 1, "INVITE", 200, 4, sbc));
    g_assert_null(pexip_transaction_response(NULL, 1, "INVITE", 200, 4, sbc));
    /* a fork of the Call-ID (another To tag) shares its requests */
    pexip_call_t *fork = pexip_sip_dialog_get("t-1@sbc", "a1", "b2", 6);
    pexip_call_t *first = pexip_sip_dialog_get("t-1@sbc", "a1", "b1", 6);
    g_assert_true(fork != first);
    g_assert_true(pexip_transaction_response(fork, 1, "INVITE", 183, 4, sbc) == invite);
    g_assert_cmpuint(invite->responses, ==, 2);

    /* ACK is not kept */
    g_assert_null(pexip_transaction_request(call, 1, "ACK", 5, 4, sbc, node, 5060, TRUE, TRUE));
    g_assert_null(pexip_transaction_request(call, 1, NULL, 5, 4, sbc, node, 5060, TRUE, TRUE));

    /* the service's in-dialog request over TCP, answered 481 */
    pexip_sip_transaction_t *bye = pexip_transaction_request(call, 7, "BYE", 6, 4, node, sbc,
                                                             5061, FALSE, TRUE);
    g_assert_true(!bye->udp && bye->in_dialog);
    g_assert_true(pexip_transaction_response(call, 7, "BYE", 481, 4, node) == bye);
    g_assert_true(!bye->answered && bye->final_code == 481 && bye->responses == 1);

    /* which side is the service's, once the records are read */
    pexip_sip_transaction_t **all = pexip_transactions_all(&n);
    g_assert_cmpuint(n, ==, 3);
    g_assert_true(all[0] == invite && all[1] == copy && all[2] == bye);
    g_assert_true(invite->sides_known && !invite->from_service && invite->to_service);
    g_assert_true(!copy->from_service && copy->to_service);
    g_assert_true(bye->from_service && !bye->to_service);

    pexip_transactions_cleanup();
    g_assert_null(pexip_transaction_request(call, 9, "INVITE", 9, 4, sbc, node, 5060, TRUE,
                                            FALSE));
    g_assert_null(pexip_transactions_all(&n));
    pexip_calls_cleanup();
    wmem_destroy_allocator(scope);
}

int
main(int argc, char **argv)
{
    unit_init(&argc, &argv);
    g_test_add_func("/transactions/requests_and_answers", test_requests_and_answers);
    return g_test_run();
}
