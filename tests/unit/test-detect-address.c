/* test-detect-address.c
 * Unit tests of findings/pexip-detect-address.c: private addresses and partial rewrites.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "unit.h"
#include "pexip-detect-address.h"
#include "pexip-message.h"
#include "pexip-endpoint.h"

static pexip_address_scope_t
scope_of(const char *text)
{
    ws_in4_addr a4;
    ws_in6_addr a6;
    if (ws_inet_pton4(text, &a4))
        return pexip_address_scope(4, (const guint8 *)&a4);
    if (ws_inet_pton6(text, &a6))
        return pexip_address_scope(6, a6.bytes);
    return (pexip_address_scope_t)-1;
}

/* pexip_address_parse reads dotted quads itself: it must agree with
 * inet_pton (IPv4, else IPv6) on every text, byte for byte. */
static void
test_address_parse_agrees_with_inet_pton(void)
{
    static const char *const texts[] = {
        "0.0.0.0", "255.255.255.255", "198.51.100.10", "10.0.0.1", "1.2.3.0", "9.99.199.249",
        "256.1.1.1", "1.2.3.256", "1.2.3.1000", "1234.1.1.1", "01.2.3.4", "1.2.3.04", "1.00.3.4",
        "1.2.3", "1.2.3.4.", "1.2.3.4.5", "1..2.3", ".1.2.3", "1.2.3.4 ", " 1.2.3.4", "",
        "-1.2.3.4", "+1.2.3.4", "1.2.3.4:5060", "1.2.3.x", "a.b.c.d", "::1", "::",
        "2001:db8::1", "::ffff:1.2.3.4", "fe80::1%eth0", "1.2.3.4/24", "0x1.2.3.4",
    };
    for (guint i = 0; i < G_N_ELEMENTS(texts); i++) {
        ws_in4_addr a4;
        ws_in6_addr a6;
        guint8 expected[16] = { 0 }, family = 0, addr[16];
        guint8 expected_family = 0;
        if (ws_inet_pton4(texts[i], &a4)) {
            expected_family = 4;
            memcpy(expected, &a4, 4);
        } else if (ws_inet_pton6(texts[i], &a6)) {
            expected_family = 6;
            memcpy(expected, a6.bytes, 16);
        }
        gboolean parsed = pexip_address_parse(texts[i], &family, addr);
        if (parsed != (expected_family != 0) || (parsed && (family != expected_family ||
                                                            memcmp(addr, expected, 16) != 0)))
            g_error("pexip_address_parse(\"%s\"): %d family %u, inet_pton: family %u",
                    texts[i], parsed, family, expected_family);
    }
    guint8 family, addr[16];
    g_assert_true(pexip_address_parse("198.51.100.10", &family, addr) && family == 4 &&
                  addr[0] == 198 && addr[3] == 10 && addr[4] == 0 && addr[15] == 0);
    g_assert_false(pexip_address_parse(NULL, &family, addr));
}

static void
test_address_scope(void)
{
    const char *private_ones[] = { "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                                   "100.64.0.1", "100.127.255.255", "fd00::1", "fc00::1",
                                   "::ffff:10.1.2.3" };
    const char *public_ones[] = { "198.51.100.10", "185.94.242.66", "172.32.0.1", "172.15.0.1",
                                  "100.128.0.1", "11.0.0.1", "2001:db8::1", "::ffff:8.8.8.8" };
    const char *other_ones[] = { "0.0.0.0", "127.0.0.1", "169.254.1.1", "224.0.0.1", "::", "::1",
                                 "fe80::1", "ff02::1" };
    for (guint i = 0; i < G_N_ELEMENTS(private_ones); i++)
        g_assert_true(scope_of(private_ones[i]) == PEXIP_ADDRESS_PRIVATE);
    for (guint i = 0; i < G_N_ELEMENTS(public_ones); i++)
        g_assert_true(scope_of(public_ones[i]) == PEXIP_ADDRESS_PUBLIC);
    for (guint i = 0; i < G_N_ELEMENTS(other_ones); i++)
        g_assert_true(scope_of(other_ones[i]) == PEXIP_ADDRESS_OTHER);
}

static void
test_private_addresses(void)
{
    pexip_named_address_t named[3];
    memset(named, 0, sizeof named);
    guint8 pub[4] = { 198, 51, 100, 10 }, inside[4] = { 10, 20, 30, 40 };
    guint8 other[4] = { 185, 94, 241, 20 };
    named[0].where = "Via";
    named[0].family = 4;
    memcpy(named[0].addr, inside, 4);
    named[1].where = "Contact";
    named[1].family = 4;
    memcpy(named[1].addr, other, 4);
    named[2].where = "SDP c=";
    named[2].family = 4;
    memcpy(named[2].addr, inside, 4);
    gboolean found[3];
    g_assert_true(pexip_detect_private_addresses(4, pub, named, 3, found) == 2);
    g_assert_true(found[0] && !found[1] && found[2]);
    /* from a private source: NAT is not crossed here */
    g_assert_true(pexip_detect_private_addresses(4, inside, named, 3, found) == 0);
    g_assert_true(!found[0] && !found[1] && !found[2]);
    g_assert_true(pexip_detect_private_addresses(4, pub, named, 0, found) == 0);
}

static void
test_partial_rewrite(void)
{
    pexip_named_address_t named[3];
    memset(named, 0, sizeof named);
    guint8 pub[4] = { 198, 51, 100, 10 }, inside[4] = { 10, 20, 30, 40 };
    guint8 other[4] = { 203, 0, 113, 5 };
    const char *where[3] = { "Via", "Contact", "SDP c=" };
    for (guint i = 0; i < 3; i++) {
        named[i].where = where[i];
        named[i].family = 4;
    }
    memcpy(named[0].addr, pub, 4);
    memcpy(named[1].addr, pub, 4);
    memcpy(named[2].addr, inside, 4);
    gboolean rewritten[3], left[3];
    /* Via and Contact rewritten to the source, SDP left private */
    g_assert_true(pexip_detect_partial_rewrite(4, pub, named, 3, rewritten, left));
    g_assert_true(rewritten[0] && rewritten[1] && !rewritten[2]);
    g_assert_true(!left[0] && !left[1] && left[2]);
    /* from a private source: no NAT crossed */
    g_assert_true(!pexip_detect_partial_rewrite(4, inside, named, 3, rewritten, left));
    /* a public address that is not the source is no rewrite to it */
    memcpy(named[0].addr, other, 4);
    memcpy(named[1].addr, other, 4);
    g_assert_true(!pexip_detect_partial_rewrite(4, pub, named, 3, rewritten, left));
    /* all rewritten, or all private: not partial */
    memcpy(named[0].addr, pub, 4);
    memcpy(named[1].addr, pub, 4);
    memcpy(named[2].addr, pub, 4);
    g_assert_true(!pexip_detect_partial_rewrite(4, pub, named, 3, rewritten, left));
    for (guint i = 0; i < 3; i++)
        memcpy(named[i].addr, inside, 4);
    g_assert_true(!pexip_detect_partial_rewrite(4, pub, named, 3, rewritten, left));
    g_assert_true(!pexip_detect_partial_rewrite(4, pub, named, 0, rewritten, left));
}

/* Whose address a Contact is: the sender's in requests and in 1xx/2xx
 * responses, not the bindings a registrar returns nor redirect targets. */
static void
test_contact_is_senders(void)
{
    g_assert_true(pexip_sip_contact_is_senders(TRUE, 0, "INVITE"));
    g_assert_true(pexip_sip_contact_is_senders(TRUE, 0, "REGISTER"));     /* the REGISTER itself */
    g_assert_true(pexip_sip_contact_is_senders(TRUE, 0, NULL));
    g_assert_true(pexip_sip_contact_is_senders(FALSE, 180, "INVITE"));
    g_assert_true(pexip_sip_contact_is_senders(FALSE, 200, "INVITE"));
    g_assert_true(pexip_sip_contact_is_senders(FALSE, 200, "OPTIONS"));
    g_assert_true(pexip_sip_contact_is_senders(FALSE, 200, NULL));
    g_assert_false(pexip_sip_contact_is_senders(FALSE, 200, "REGISTER"));  /* the bindings */
    g_assert_false(pexip_sip_contact_is_senders(FALSE, 100, "REGISTER"));
    g_assert_false(pexip_sip_contact_is_senders(FALSE, 302, "INVITE"));    /* redirect targets */
    g_assert_false(pexip_sip_contact_is_senders(FALSE, 300, "INVITE"));
    g_assert_false(pexip_sip_contact_is_senders(FALSE, 485, "INVITE"));    /* alternatives */
    g_assert_false(pexip_sip_contact_is_senders(FALSE, 603, "INVITE"));
    g_assert_false(pexip_sip_contact_is_senders(FALSE, 0, "INVITE"));     /* no code: not one */
}

int
main(int argc, char **argv)
{
    unit_init(&argc, &argv);
    g_test_add_func("/detect-address/address_parse", test_address_parse_agrees_with_inet_pton);
    g_test_add_func("/detect-address/address_scope", test_address_scope);
    g_test_add_func("/detect-address/private_addresses", test_private_addresses);
    g_test_add_func("/detect-address/partial_rewrite", test_partial_rewrite);
    g_test_add_func("/detect-address/contact_is_senders", test_contact_is_senders);
    return g_test_run();
}
