/* test-ports.c
 * Unit tests of classify/pexip-ports.c: pexip.port_class.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "unit.h"
#include "pexip-ports.h"

static void
test_port_classes(void)
{
    range_t *udp = NULL, *tcp = NULL;
    range_convert_str(NULL, &udp, "40000-49999", 65535);
    range_convert_str(NULL, &tcp, "33000-39999", 65535);
    pexip_port_ranges_t r = { udp, tcp };
    const pexip_transport_t U = PEXIP_TRANSPORT_UDP, T = PEXIP_TRANSPORT_TCP;

#define CLS(tr, sp, pp, seen) pexip_port_class_name(pexip_port_classify(tr, sp, pp, seen, &r))
    unit_assert_str(CLS(U, 5060, 5060, 0), "sip-udp");
    unit_assert_str(CLS(T, 5060, 40100, 0), "sip-tcp");
    unit_assert_str(CLS(T, 5061, 40200, 0), "sip-tls");
    unit_assert_str(CLS(T, 41234, 5061, 0), "sip-tls");     /* service dialling out */
    unit_assert_str(CLS(T, 1720, 50000, 0), "h225");
    unit_assert_str(CLS(U, 1719, 1719, 0), "ras");
    unit_assert_str(CLS(T, 33010, 50010, 0), "h245");
    unit_assert_str(CLS(U, 40000, 50000, 0), "rtp");
    unit_assert_str(CLS(U, 40001, 50001, 0), "rtcp");
    unit_assert_str(CLS(U, 40001, 50001, PEXIP_SEEN_RTP), "rtp");   /* rtcp-mux */
    unit_assert_str(CLS(U, 40000, 50000, PEXIP_SEEN_RTCP), "rtcp");
    unit_assert_str(CLS(T, 33010, 50010, PEXIP_SEEN_BFCP), "bfcp");
    unit_assert_str(CLS(T, 443, 51000, 0), "https");
    unit_assert_str(CLS(U, 3478, 51500, PEXIP_SEEN_STUN), "turn");
    unit_assert_str(CLS(U, 40002, 52000, PEXIP_SEEN_STUN), "stun");
    unit_assert_str(CLS(T, 3478, 51500, PEXIP_SEEN_STUN), "turn");  /* TURN over TCP */
    unit_assert_str(CLS(T, 3478, 51500, 0), "turn");                /* its handshake */
    unit_assert_str(CLS(T, 5349, 51500, PEXIP_SEEN_TLS), "turn");   /* TURN over TLS */
    unit_assert_str(CLS(T, 443, 51500, PEXIP_SEEN_STUN), "turn");   /* TURN read on 443 */
    unit_assert_str(CLS(U, 443, 51500, PEXIP_SEEN_STUN), "stun");   /* no TURN over UDP 443 */
    unit_assert_str(CLS(T, 443, 51500, PEXIP_SEEN_TLS), "https");   /* TURN over TLS: unseen */
    unit_assert_str(CLS(U, 53, 53000, PEXIP_SEEN_DNS), "dns");
    unit_assert_str(CLS(U, 12345, 23456, 0), "other");
    unit_assert_str(CLS(PEXIP_TRANSPORT_OTHER, 0, 0, 0), "other");
    unit_assert_str(CLS(U, 50000, 40000, 0), "other");   /* the range is the service's side only */
    /* ICMP quoting an RTCP packet: the quoted ports and RTCP do not count */
    unit_assert_str(CLS(U, 40001, 10033, PEXIP_SEEN_ICMP | PEXIP_SEEN_RTCP), "icmp");
#undef CLS
    wmem_free(NULL, udp);
    wmem_free(NULL, tcp);
}

int
main(int argc, char **argv)
{
    unit_init(&argc, &argv);
    g_test_add_func("/ports/port_classes", test_port_classes);
    return g_test_run();
}
