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

int
main(int argc, char **argv)
{
    unit_init(&argc, &argv);
    g_test_add_func("/dns/dns_suffixes", test_dns_suffixes);
    return g_test_run();
}
