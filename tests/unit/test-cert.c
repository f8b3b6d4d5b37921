/* test-cert.c
 * Unit tests of signalling/pexip-cert.c: the names of X.509 certificates.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "unit.h"
#include "pexip-cert.h"
#include "pexip-dns.h"

/* Certificates made with `openssl req -x509`, shared with the capture
 * generator (test-captures/gen/certs/, PEXIP_TEST_CERTS), and by hand. */
/* Version 1 (no [0], no extensions), issued by CN=ca.pexip.me, subject
 * O=pexip.me, OU=pexip.com, CN=proxy.corp.example: only the subject's CN
 * counts. */
static const char cert_v1_leaf[] =
    "308201403081e8020107300a06082a8648ce3d04030230163114301206035504030c0b63612e70657869702e6d65301e"
    "170d3236313132343033333533395a170d3336313132313033333533395a30443111300f060355040a0c087065786970"
    "2e6d6531123010060355040b0c0970657869702e636f6d311b301906035504030c1270726f78792e636f72702e657861"
    "6d706c653059301306072a8648ce3d020106082a8648ce3d03010703420004a8bac2ecb48f629c3534f475666a34eac3"
    "34484bd9a2196c1e8acd7af9db8d2fbebef39e0353450451069681db0c12e5ab938de9dbcd1346f21f86a6e2edf85930"
    "0a06082a8648ce3d0403020347003044022016a87a683be2226ccbedea838932cbef3557595cffc9d241f0a0e6e393b6"
    "a62a02205cb640a224f836a3b156b64602d22d6fe9414e39ee9ffc62e3373f68f66325b2";
/* By hand: CN=x.example.com, SANs h0..h9.example.com then svc.vmr.vc. */
static const char cert_many_names[] =
    "3082010d30820104a0030201020201013000301a3118301606035504030c0f6973737565722e70657869702e6d653000"
    "30183116301406035504030c0d782e6578616d706c652e636f6d3000a381bd3081ba3081b70603551d110481af3081ac"
    "820e68302e6578616d706c652e636f6d820e68312e6578616d706c652e636f6d820e68322e6578616d706c652e636f6d"
    "820e68332e6578616d706c652e636f6d820e68342e6578616d706c652e636f6d820e68352e6578616d706c652e636f6d"
    "820e68362e6578616d706c652e636f6d820e68372e6578616d706c652e636f6d820e68382e6578616d706c652e636f6d"
    "820e68392e6578616d706c652e636f6d820a7376632e766d722e76633000030100";
/* By hand: CN="pexip.me\0.evil.com", SAN "a\x01b.example.com". */
static const char cert_nul_names[] =
    "30703069a0030201020201013000301a3118301606035504030c0f6973737565722e70657869702e6d653000301d311b"
    "301906035504030c1270657869702e6d65002e6576696c2e636f6d3000a31e301c301a0603551d1104133011820f6101"
    "622e6578616d706c652e636f6d3000030100";

static GByteArray *
from_hex(const char *hex)
{
    GByteArray *bytes = g_byte_array_new();
    for (const char *p = hex; p[0] && p[1]; p += 2) {
        guint8 b = (guint8)((g_ascii_xdigit_value(p[0]) << 4) | g_ascii_xdigit_value(p[1]));
        g_byte_array_append(bytes, &b, 1);
    }
    return bytes;
}

static gboolean
read_cert(const char *hex, gsize cut, const pexip_dns_suffixes_t *s, pexip_cert_names_t *names)
{
    GByteArray *der = from_hex(hex);
    gboolean ok = pexip_cert_names(der->data, der->len - MIN(cut, der->len), s, names);
    g_byte_array_free(der, TRUE);
    return ok;
}

/* The same from test-captures/gen/certs/NAME.der; a missing file fails
 * the test. */
static gboolean
read_cert_file(const char *name, gsize cut, const pexip_dns_suffixes_t *s,
               pexip_cert_names_t *names)
{
    char *path = g_strdup_printf("%s/%s.der", PEXIP_TEST_CERTS, name);
    gchar *der = NULL;
    gsize len = 0;
    gboolean ok = FALSE;
    if (g_file_get_contents(path, &der, &len, NULL))
        ok = pexip_cert_names((const guint8 *)der, len - MIN(cut, len), s, names);
    else
        fprintf(stderr, "cannot read %s\n", path);
    g_free(der);
    g_free(path);
    return ok;
}

static void
test_cert_names(void)
{
    pexip_dns_suffixes_t *s = pexip_dns_suffixes_parse(PEXIP_DNS_DEFAULT_SUFFIXES, NULL);
    pexip_cert_names_t names;

    g_assert_true(read_cert_file("service", 0, s, &names));
    g_assert_true(names.count == 2 && names.kept == 2 && names.service);   /* the CN repeats a SAN */
    unit_assert_str(names.names[0], "*.pexip.me");
    unit_assert_str(names.names[1], "pexip.me");

    g_assert_true(read_cert_file("proxy", 0, s, &names));
    g_assert_true(names.count == 1 && !names.service);
    unit_assert_str(names.names[0], "proxy.corp.example");

    g_assert_true(read_cert(cert_v1_leaf, 0, s, &names));
    g_assert_true(names.count == 1 && !names.service);
    unit_assert_str(names.names[0], "proxy.corp.example");

    g_assert_true(read_cert(cert_many_names, 0, s, &names));
    g_assert_true(names.count == 12 && names.kept == PEXIP_CERT_MAX_NAMES && names.service);
    unit_assert_str(names.names[0], "h0.example.com");

    g_assert_true(read_cert(cert_nul_names, 0, s, &names));
    g_assert_true(names.count == 2 && !names.service);
    unit_assert_str(names.names[0], "a?b.example.com");
    unit_assert_str(names.names[1], "pexip.me?.evil.com");

    /* with other service domains, and none */
    pexip_dns_suffixes_t *corp = pexip_dns_suffixes_parse("corp.example", NULL);
    g_assert_true(read_cert_file("proxy", 0, corp, &names) && names.service);
    g_assert_true(read_cert_file("service", 0, corp, &names) && !names.service);
    g_assert_true(read_cert_file("service", 0, NULL, &names) && !names.service && names.count == 2);
    pexip_dns_suffixes_free(corp);

    /* not certificates: cut short, empty, garbage, an indefinite length */
    for (gsize cut = 1; cut < 40; cut += 7)
        g_assert_true(!read_cert_file("service", cut, s, &names));
    g_assert_true(!read_cert("", 0, s, &names) && names.count == 0);
    g_assert_true(!read_cert("3080020101", 0, s, &names));
    g_assert_true(!read_cert("3084ffffffff30", 0, s, &names));
    g_assert_true(!read_cert("0201013000", 0, s, &names));
    g_assert_true(!pexip_cert_names(NULL, 10, s, &names));

    g_assert_true(pexip_cert_name_is_service(s, "*.pexip.me"));
    g_assert_true(pexip_cert_name_is_service(s, "meet.pexip.me"));
    g_assert_true(pexip_cert_name_is_service(s, "*.meet.vmr.vc"));
    g_assert_true(!pexip_cert_name_is_service(s, "*.me"));
    g_assert_true(!pexip_cert_name_is_service(s, "*pexip.me"));
    g_assert_true(!pexip_cert_name_is_service(s, "*"));
    g_assert_true(!pexip_cert_name_is_service(s, NULL));
    pexip_dns_suffixes_free(s);
}

int
main(int argc, char **argv)
{
    unit_init(&argc, &argv);
    g_test_add_func("/cert/cert_names", test_cert_names);
    return g_test_run();
}
