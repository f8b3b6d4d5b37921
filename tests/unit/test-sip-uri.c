/* test-sip-uri.c
 * Unit tests of signalling/pexip-sip-uri.c: SIP URIs split.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "unit.h"
#include "pexip-sip-uri.h"
#include "pexip-endpoint.h"

/* The TCP endpoint of a Contact URI as "address:port" (in scope), or NULL. */
static const char *
contact_endpoint(wmem_allocator_t *scope, const char *uri)
{
    pexip_sip_uri_t u;
    guint8 family, addr[16];
    guint16 port;
    if (!pexip_sip_uri_parse(uri, &u) || !pexip_sip_uri_tcp_endpoint(&u, &family, addr, &port))
        return NULL;
    return pexip_address_to_str(scope, family, addr, port);
}

static void
test_sip_uri(void)
{
    pexip_sip_uri_t u;
    wmem_allocator_t *scope = wmem_allocator_new(WMEM_ALLOCATOR_SIMPLE);

    g_assert_true(pexip_sip_uri_parse("sip:sbc@203.0.113.10:5061;transport=tls", &u));
    g_assert_true(!u.sips && u.port == 5061 && u.transport == PEXIP_SIP_TRANSPORT_TLS);
    g_assert_true(u.host.len == 12 && strncmp(u.host.start, "203.0.113.10", 12) == 0);
    g_assert_true(pexip_sip_uri_parse("SIPS:203.0.113.10", &u) && u.sips && u.port == 0 &&
          u.transport == PEXIP_SIP_TRANSPORT_NONE);
    g_assert_true(pexip_sip_uri_parse("sip:sbc@[2001:db8::1]:5062;lr;Transport=TCP?Subject=x", &u));
    g_assert_true(u.host.len == 11 && strncmp(u.host.start, "2001:db8::1", 11) == 0 && u.port == 5062 &&
          u.transport == PEXIP_SIP_TRANSPORT_TCP);
    /* the user part may hold ';', ':' and '?' */
    g_assert_true(pexip_sip_uri_parse("sip:+1;phone-context=x?y:pw@198.51.100.7;transport=udp", &u));
    g_assert_true(u.host.len == 12 && u.port == 0 && u.transport == PEXIP_SIP_TRANSPORT_UDP);
    g_assert_true(pexip_sip_uri_parse("sip:sbc.example.com;transport=ws>;expires=60", &u) &&
          u.transport == PEXIP_SIP_TRANSPORT_OTHER && u.host.len == 15);
    /* transport= in the headers is not a parameter */
    g_assert_true(pexip_sip_uri_parse("sip:203.0.113.10?transport=tcp", &u) &&
          u.transport == PEXIP_SIP_TRANSPORT_NONE);
    static const char *const refused[] = {
        NULL, "", "tel:+15551234", "sip:", "sip:user@", "sip:user@:5060", "sip:[2001:db8::1",
        "sip:[]:5060", "sip:203.0.113.10:0", "sip:203.0.113.10:65536",
        "sip:203.0.113.10:99999999999999999999", "sip:203.0.113.10:", "sip:203.0.113.10:50x0",
    };
    for (guint i = 0; i < G_N_ELEMENTS(refused); i++)
        g_assert_true(!pexip_sip_uri_parse(refused[i], &u));
    g_assert_true(pexip_sip_uri_parse("sip:a@b;;=;transport;transport=", &u) &&
          u.transport == PEXIP_SIP_TRANSPORT_OTHER);

    /* where the service connects: TCP or TLS to an IP literal */
    unit_assert_str(contact_endpoint(scope, "sip:sbc@203.0.113.10;transport=tls"),
              "203.0.113.10:5061");
    unit_assert_str(contact_endpoint(scope, "sip:sbc@203.0.113.10;transport=tcp"),
              "203.0.113.10:5060");
    unit_assert_str(contact_endpoint(scope, "sips:sbc@203.0.113.10"), "203.0.113.10:5061");
    unit_assert_str(contact_endpoint(scope, "sips:sbc@203.0.113.10:5071;transport=tcp"),
              "203.0.113.10:5071");
    unit_assert_str(contact_endpoint(scope, "sip:[2001:db8::10]:5062;transport=TLS"),
              "[2001:db8::10]:5062");
    unit_assert_str(contact_endpoint(scope, "sip:sbc@203.0.113.10:5060"), NULL);  /* UDP */
    unit_assert_str(contact_endpoint(scope, "sip:sbc@203.0.113.10;transport=udp"), NULL);
    unit_assert_str(contact_endpoint(scope, "sip:sbc@203.0.113.10;transport=sctp"), NULL);
    unit_assert_str(contact_endpoint(scope, "sips:sbc@sbc.example.com"), NULL);   /* a name */
    unit_assert_str(contact_endpoint(scope, "sips:sbc@203.0.113.10.example.com"), NULL);
    unit_assert_str(contact_endpoint(scope, "sips:[ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255.1]"),
              NULL);                                                    /* too long */
    wmem_destroy_allocator(scope);
}

int
main(int argc, char **argv)
{
    unit_init(&argc, &argv);
    g_test_add_func("/sip-uri/sip_uri", test_sip_uri);
    return g_test_run();
}
