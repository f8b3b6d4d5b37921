/* test-dns.c
 * Unit tests of classify/pexip-dns.c: the service DNS domains.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "unit.h"
#include "pexip-dns.h"

static void
test_dns_suffixes(void)
{
    char *err = NULL;
    pexip_dns_suffixes_t *s = pexip_dns_suffixes_parse(PEXIP_DNS_DEFAULT_SUFFIXES, &err);
    g_assert_true(s != NULL && err == NULL);
    g_assert_true(pexip_dns_name_matches(s, "meet.pexip.me"));
    g_assert_true(pexip_dns_name_matches(s, "pexip.me"));
    g_assert_true(pexip_dns_name_matches(s, "Conference.VMR.vc."));
    g_assert_true(pexip_dns_name_matches(s, "a.b.videxio.net"));
    g_assert_true(pexip_dns_name_matches(s, "download.vmr.vc"));
    g_assert_true(!pexip_dns_name_matches(s, "notpexip.me"));
    g_assert_true(!pexip_dns_name_matches(s, "pexip.me.evil.com"));
    g_assert_true(!pexip_dns_name_matches(s, "example.com"));
    g_assert_true(!pexip_dns_name_matches(s, ""));
    pexip_dns_suffixes_free(s);

    s = pexip_dns_suffixes_parse("*.Example.ORG; bad_name! , ok.net", &err);
    g_assert_true(s != NULL);
    g_assert_true(err && strstr(err, "\"bad_name!\""));
    g_free(err);
    g_assert_true(pexip_dns_name_matches(s, "x.example.org"));
    g_assert_true(pexip_dns_name_matches(s, "ok.net"));
    pexip_dns_suffixes_free(s);

    s = pexip_dns_suffixes_parse("", &err);
    g_assert_true(s != NULL && err == NULL);
    g_assert_true(!pexip_dns_name_matches(s, "meet.pexip.me"));
    pexip_dns_suffixes_free(s);
}

/* Addresses learned from DNS answers, in a file's scope: found from their
 * frame on; an address looked up (and not found) many times is found as
 * soon as it is learned; a new file starts empty. */
static void
test_learned(void)
{
    wmem_init_scopes();
    wmem_enter_scope(wmem_file_scope());
    pexip_learned_register();
    const guint8 service[4] = { 185, 94, 242, 66 }, customer[4] = { 198, 51, 100, 10 };
    const guint8 other[4] = { 198, 51, 100, 14 };       /* the same memo slot as customer */
    guint8 v6[16] = { 0x20, 0x01, 0x0d, 0xb8 };
    v6[15] = 10;                                        /* and again, as IPv6 */
    g_assert_true(pexip_learned_lookup(4, service, 1) == NULL);     /* nothing learned */
    pexip_learned_add(4, service, 5, "meet.pexip.me");
    const pexip_learned_addr_t *e = pexip_learned_lookup(4, service, 5);
    g_assert_true(e && e->frame == 5 && strcmp(e->name, "meet.pexip.me") == 0);
    g_assert_true(pexip_learned_lookup(4, service, 4) == NULL);     /* before its answer */
    for (guint32 f = 6; f < 10; f++) {
        g_assert_true(pexip_learned_lookup(4, customer, f) == NULL);
        g_assert_true(pexip_learned_lookup(4, other, f) == NULL);
        g_assert_true(pexip_learned_lookup(6, v6, f) == NULL);
    }
    pexip_learned_add(4, customer, 10, "pexip.me");
    e = pexip_learned_lookup(4, customer, 10);
    g_assert_true(e && e->frame == 10);
    g_assert_true(pexip_learned_lookup(4, other, 10) == NULL);
    pexip_learned_add(6, v6, 11, "pexip.me");
    g_assert_true(pexip_learned_lookup(6, v6, 11) != NULL);
    g_assert_true(pexip_learned_lookup(4, other, 11) == NULL);
    /* an earlier answer seen later (a second pass) moves its frame back */
    pexip_learned_add(4, customer, 3, "pexip.me");
    g_assert_true(pexip_learned_lookup(4, customer, 3) != NULL);
    wmem_leave_scope(wmem_file_scope());
    wmem_enter_scope(wmem_file_scope());
    g_assert_true(pexip_learned_lookup(4, service, 100) == NULL);
    g_assert_true(pexip_learned_lookup(4, customer, 100) == NULL);
    pexip_learned_add(4, other, 1, "meet.pexip.me");
    g_assert_true(pexip_learned_lookup(4, other, 1) != NULL);
    g_assert_true(pexip_learned_lookup(4, customer, 1) == NULL);
    wmem_leave_scope(wmem_file_scope());
    wmem_cleanup_scopes();
}

int
main(int argc, char **argv)
{
    unit_init(&argc, &argv);
    g_test_add_func("/dns/dns_suffixes", test_dns_suffixes);
    g_test_add_func("/dns/learned", test_learned);
    return g_test_run();
}
