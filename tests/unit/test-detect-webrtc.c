/* test-detect-webrtc.c
 * Unit tests of findings/pexip-detect-webrtc.c (STUN/TURN messages, UDP
 * blocked) and of findings/pexip-unanswered-check.c: what the customer
 * side sent the service that nothing answered.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "unit.h"
#include "pexip-detect-webrtc.h"
#include "pexip-unanswered-check.h"
#include "pexip-transactions.h"
#include "pexip-findings-store.h"

/* A STUN header: type, length, cookie, transaction ID. */
static void
header(guint8 out[20], guint16 type, guint16 length, guint32 cookie, guint8 id_byte)
{
    out[0] = (guint8)(type >> 8);
    out[1] = (guint8)type;
    out[2] = (guint8)(length >> 8);
    out[3] = (guint8)length;
    out[4] = (guint8)(cookie >> 24);
    out[5] = (guint8)(cookie >> 16);
    out[6] = (guint8)(cookie >> 8);
    out[7] = (guint8)cookie;
    memset(out + 8, id_byte, 12);
}

static void
test_stun_parse(void)
{
    guint8 h[20];
    pexip_stun_message_t m;
    const guint32 cookie = 0x2112A442;
    header(h, 0x0001, 0, cookie, 'a');                  /* Binding request */
    g_assert_true(pexip_stun_parse(h, 20, &m));
    g_assert_true(m.cls == PEXIP_STUN_REQUEST && m.method == PEXIP_STUN_BINDING);
    g_assert_true(m.id[0] == 'a' && m.id[11] == 'a' && pexip_stun_is_path_request(&m));
    header(h, 0x0101, 12, cookie, 'b');                 /* Binding success */
    g_assert_true(pexip_stun_parse(h, 20, &m) && m.cls == PEXIP_STUN_SUCCESS &&
                  m.method == PEXIP_STUN_BINDING && !pexip_stun_is_path_request(&m));
    header(h, 0x0003, 8, cookie, 'c');                  /* Allocate request */
    g_assert_true(pexip_stun_parse(h, 20, &m) && m.cls == PEXIP_STUN_REQUEST &&
                  m.method == PEXIP_STUN_ALLOCATE && pexip_stun_is_path_request(&m));
    header(h, 0x0113, 0, cookie, 'd');                  /* Allocate error */
    g_assert_true(pexip_stun_parse(h, 20, &m) && m.cls == PEXIP_STUN_ERROR &&
                  m.method == PEXIP_STUN_ALLOCATE);
    header(h, 0x0017, 0, cookie, 'e');                  /* Data indication */
    g_assert_true(pexip_stun_parse(h, 20, &m) && m.cls == PEXIP_STUN_INDICATION &&
                  m.method == 0x007);
    header(h, 0x0004, 0, cookie, 'f');                  /* Refresh request: not a path */
    g_assert_true(pexip_stun_parse(h, 20, &m) && !pexip_stun_is_path_request(&m));
    header(h, 0x0009, 0, cookie, 'g');                  /* ChannelBind request */
    g_assert_true(pexip_stun_parse(h, 20, &m) && m.method == 0x009);
    /* ChannelData: the channel number, then the data's length */
    const guint8 channel[4] = { 0x40, 0x00, 0x00, 0x04 };
    g_assert_true(pexip_stun_parse(channel, 4, &m) && m.cls == PEXIP_STUN_CHANNEL_DATA);
    /* not STUN: no cookie (classic STUN), a length not a multiple of 4,
     * too short, the top bits of RTP (version 2) */
    header(h, 0x0001, 0, 0x01020304, 'h');
    g_assert_false(pexip_stun_parse(h, 20, &m));
    header(h, 0x0001, 6, cookie, 'h');
    g_assert_false(pexip_stun_parse(h, 20, &m));
    header(h, 0x0001, 0, cookie, 'h');
    g_assert_false(pexip_stun_parse(h, 19, &m));
    g_assert_false(pexip_stun_parse(h, 3, &m));
    g_assert_false(pexip_stun_parse(NULL, 20, &m));
    header(h, 0x8000, 0, cookie, 'h');
    g_assert_false(pexip_stun_parse(h, 20, &m));
}

static void
test_udp_blocked_and_ports(void)
{
    pexip_stun_client_t c;
    memset(&c, 0, sizeof c);
    g_assert_false(pexip_detect_udp_blocked(&c));           /* nothing sent */
    c.requests = 1;
    g_assert_false(pexip_detect_udp_blocked(&c));           /* once: maybe cut off */
    c.requests = 2;
    g_assert_false(pexip_detect_udp_blocked(&c));           /* two transactions, once each */
    c.retransmitted = TRUE;
    g_assert_true(pexip_detect_udp_blocked(&c));
    c.answered = TRUE;
    g_assert_false(pexip_detect_udp_blocked(&c));
    g_assert_false(pexip_detect_udp_blocked(NULL));

    g_assert_true(pexip_port_is_turn_tcp(443) && pexip_port_is_turn_tcp(3478) &&
                  pexip_port_is_turn_tcp(5349) && !pexip_port_is_turn_tcp(5061));
    g_assert_true(pexip_port_is_sip_tcp(5060) && pexip_port_is_sip_tcp(5061) &&
                  !pexip_port_is_sip_tcp(443) && !pexip_port_is_sip_tcp(1720));
}

/* "text" of the findings of kind on frame, or NULL. */
static const char *
finding_on(wmem_allocator_t *pool, guint32 frame, pexip_finding_kind_t kind, guint *count)
{
    wmem_array_t *list = pexip_findings_of(pool, frame);
    const char *text = NULL;
    *count = 0;
    for (guint i = 0; list && i < wmem_array_get_count(list); i++) {
        const pexip_finding_t *f = (const pexip_finding_t *)wmem_array_index(list, i);
        if (f->kind == kind) {
            text = f->text;
            (*count)++;
        }
    }
    return text;
}

static gboolean
proxy_address(guint8 family, const guint8 *addr, guint32 frame G_GNUC_UNUSED)
{
    return family == 4 && addr[0] == 10 && addr[3] == 1;    /* 10.x.x.1 */
}

/* A connection to the service's port (its packets counted by count()). */
static pexip_reach_t *
tcp_record(wmem_allocator_t *scope, guint16 port)
{
    static const guint8 node[4] = { 185, 94, 242, 66 };
    pexip_reach_t *r = wmem_new0(scope, pexip_reach_t);
    pexip_endpoint_set(&r->where, 4, node, port, TRUE);
    return r;
}

static void
count(pexip_reach_t *r, gboolean attempt, const guint8 client[4], guint16 cport, guint32 frame)
{
    pexip_endpoint_t other;
    pexip_endpoint_set(&other, 4, client, cport, TRUE);
    pexip_reach_count(r, attempt, &other, frame, FALSE);
}

static void
test_unanswered_check(void)
{
    wmem_allocator_t *scope = wmem_allocator_new(WMEM_ALLOCATOR_SIMPLE);
    pexip_findings_store_init(scope);
    pexip_calls_init(scope, service_address);
    pexip_transactions_init(scope, service_address);
    pexip_unanswered_init(scope);
    const guint8 node[4] = { 185, 94, 242, 66 }, sbc[4] = { 198, 51, 100, 10 };
    const guint8 browser[4] = { 10, 20, 30, 50 }, other[4] = { 10, 20, 30, 51 };
    const guint8 proxy[4] = { 10, 20, 30, 1 };

    /* STUN: the browser's binding request sent twice, an allocation sent
     * once, nothing back; the other browser's request answered */
    pexip_stun_message_t req = { PEXIP_STUN_REQUEST, PEXIP_STUN_BINDING, "request-one" };
    pexip_stun_message_t alloc = { PEXIP_STUN_REQUEST, PEXIP_STUN_ALLOCATE, "allocate-1" };
    pexip_stun_message_t ok = { PEXIP_STUN_SUCCESS, PEXIP_STUN_BINDING, "request-two" };
    pexip_stun_message_t other_req = { PEXIP_STUN_REQUEST, PEXIP_STUN_BINDING, "request-two" };
    pexip_unanswered_stun(1, 4, browser, node, 3478, TRUE, &req);
    pexip_unanswered_stun(2, 4, browser, node, 3478, TRUE, &alloc);
    pexip_unanswered_stun(3, 4, browser, node, 3478, TRUE, &req);
    pexip_unanswered_stun(4, 4, other, node, 40002, TRUE, &other_req);
    pexip_unanswered_stun(5, 4, other, node, 40002, TRUE, &other_req);
    pexip_unanswered_stun(6, 4, other, node, 40002, FALSE, &ok);
    /* a request from the service (an ICE check) answers nothing */
    pexip_unanswered_stun(7, 4, browser, node, 40004, FALSE, &other_req);
    guint n;
    pexip_stun_client_t **clients = pexip_unanswered_stun_clients(&n);
    g_assert_cmpuint(n, ==, 2);
    g_assert_true(clients[0]->requests == 3 && clients[0]->retransmitted &&
                  !clients[0]->answered && clients[0]->first_request_frame == 1 &&
                  clients[0]->first_to.port == 3478);
    g_assert_true(clients[1]->retransmitted && clients[1]->answered);

    /* TCP: the SBC's connection to 5061 unanswered (2 SYNs); to 5060 once
     * (cut off); the browser's to 443 reset, a second to 443 unanswered
     * (same client and port: once), to 3478 established; the proxy's to
     * 443 unanswered (connect_failed's) */
    pexip_reach_t *tcp[6];
    tcp[0] = tcp_record(scope, 5061);
    count(tcp[0], TRUE, sbc, 41000, 10);
    count(tcp[0], TRUE, sbc, 41000, 11);
    tcp[1] = tcp_record(scope, 5060);
    count(tcp[1], TRUE, sbc, 41001, 12);
    tcp[2] = tcp_record(scope, 443);
    count(tcp[2], TRUE, browser, 51000, 13);
    count(tcp[2], FALSE, browser, 51000, 14);
    tcp[3] = tcp_record(scope, 443);
    count(tcp[3], TRUE, browser, 51001, 15);
    count(tcp[3], TRUE, browser, 51001, 16);
    tcp[4] = tcp_record(scope, 3478);
    count(tcp[4], TRUE, browser, 51002, 17);
    count(tcp[4], FALSE, browser, 51002, 18);
    count(tcp[4], TRUE, browser, 51002, 19);
    tcp[5] = tcp_record(scope, 443);
    count(tcp[5], TRUE, proxy, 40100, 20);
    count(tcp[5], TRUE, proxy, 40100, 21);

    /* SIP over UDP: an INVITE sent twice with no response, an OPTIONS
     * twice answered 200, a BYE once */
    pexip_call_t *call = pexip_sip_dialog_get("u@sbc", "a1", NULL, 30);
    pexip_transaction_request(call, 1, "INVITE", 30, 4, sbc, node, 5060, TRUE, FALSE);
    pexip_transaction_request(call, 1, "INVITE", 31, 4, sbc, node, 5060, TRUE, FALSE);
    pexip_transaction_request(call, 2, "OPTIONS", 32, 4, sbc, node, 5060, TRUE, FALSE);
    pexip_transaction_request(call, 2, "OPTIONS", 33, 4, sbc, node, 5060, TRUE, FALSE);
    pexip_transaction_response(call, 2, "OPTIONS", 200, 4, sbc);
    pexip_transaction_request(call, 3, "BYE", 34, 4, sbc, node, 5060, TRUE, FALSE);
    /* the same over TCP is not judged here (TCP retransmits itself) */
    pexip_transaction_request(call, 4, "INFO", 35, 4, sbc, node, 5060, FALSE, FALSE);
    pexip_transaction_request(call, 4, "INFO", 36, 4, sbc, node, 5060, FALSE, FALSE);

    pexip_findings_capture_begin();
    pexip_unanswered_check_run(scope, tcp, G_N_ELEMENTS(tcp), proxy_address);
    guint k;
    unit_assert_str(finding_on(scope, 1, PEXIP_FINDING_UDP_BLOCKED, &k),
                    "STUN from 10.20.30.50 to the service over UDP got no answer (3 requests, "
                    "first to 185.94.242.66:3478): UDP to the service is blocked; the web app "
                    "falls back to TURN over TCP/TLS 443, or fails. Open UDP to the service's "
                    "media ranges");
    g_assert_cmpuint(k, ==, 1);
    g_assert_null(finding_on(scope, 4, PEXIP_FINDING_UDP_BLOCKED, &k));
    unit_assert_str(finding_on(scope, 10, PEXIP_FINDING_SERVICE_UNANSWERED, &k),
                    "TCP from 198.51.100.10 to the service's SIP port 185.94.242.66:5061 got no "
                    "answer (2 SYNs): calls to the service fail. Open TCP 5061 (and 5060) from "
                    "the SBC to the service's address ranges");
    g_assert_null(finding_on(scope, 12, PEXIP_FINDING_SERVICE_UNANSWERED, &k));
    unit_assert_str(finding_on(scope, 13, PEXIP_FINDING_TURN_REFUSED, &k),
                    "TCP from 10.20.30.50 to the service's TURN/HTTPS port 185.94.242.66:443 was "
                    "refused (1 reset): the web app's media cannot fall back to TCP/TLS. Allow "
                    "TCP 443 and 3478 from the clients to the service's address ranges");
    g_assert_null(finding_on(scope, 15, PEXIP_FINDING_TURN_REFUSED, &k));
    g_assert_null(finding_on(scope, 17, PEXIP_FINDING_TURN_REFUSED, &k));
    g_assert_null(finding_on(scope, 20, PEXIP_FINDING_TURN_REFUSED, &k));
    unit_assert_str(finding_on(scope, 30, PEXIP_FINDING_SERVICE_UNANSWERED, &k),
                    "INVITE from 198.51.100.10 to the service 185.94.242.66:5060 over UDP got no "
                    "response to 2 sends: calls to the service fail. Open UDP 5060 (or TCP "
                    "5061/5060) from the SBC to the service's address ranges");
    for (guint32 f = 31; f <= 36; f++)
        g_assert_null(pexip_findings_of(scope, f));
    /* nothing else anywhere */
    guint32 expected[] = { 1, 10, 13, 30 };
    for (guint32 f = 1; f <= 40; f++) {
        gboolean want = FALSE;
        for (guint i = 0; i < G_N_ELEMENTS(expected); i++)
            want |= expected[i] == f;
        g_assert_true((pexip_findings_of(scope, f) != NULL) == want);
    }
    /* without the proxy rule, the proxy's connection is a client's */
    pexip_findings_capture_begin();
    pexip_unanswered_check_run(scope, tcp, G_N_ELEMENTS(tcp), NULL);
    g_assert_nonnull(finding_on(scope, 20, PEXIP_FINDING_TURN_REFUSED, &k));

    pexip_unanswered_cleanup();
    g_assert_null(pexip_unanswered_stun_clients(&n));
    pexip_transactions_cleanup();
    pexip_calls_cleanup();
    pexip_findings_store_cleanup();
    wmem_destroy_allocator(scope);
}

int
main(int argc, char **argv)
{
    unit_init(&argc, &argv);
    g_test_add_func("/detect-webrtc/stun_parse", test_stun_parse);
    g_test_add_func("/detect-webrtc/udp_blocked_and_ports", test_udp_blocked_and_ports);
    g_test_add_func("/detect-webrtc/unanswered_check", test_unanswered_check);
    return g_test_run();
}
