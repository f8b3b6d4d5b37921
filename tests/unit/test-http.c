/* test-http.c
 * Unit tests of signalling/pexip-http.c and findings/pexip-detect-proxy.c: proxy authentication schemes and CONNECT.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "unit.h"
#include "pexip-http.h"
#include "pexip-detect-proxy.h"

/* ---- web proxies ---------------------------------------------------------- */

static gboolean
schemes_are(const char *value, const char *want)
{
    pexip_token_t t[8];
    guint n = pexip_http_challenge_schemes(value, t, 8);
    GString *got = g_string_new(NULL);
    for (guint i = 0; i < MIN(n, 8); i++)
        g_string_append_printf(got, "%s%.*s", i ? "," : "", (int)t[i].len, t[i].start);
    gboolean same = strcmp(got->str, want) == 0;
    if (!same)
        fprintf(stderr, "schemes of \"%s\": got \"%s\", want \"%s\"\n", value, got->str, want);
    g_string_free(got, TRUE);
    return same;
}

static gboolean
credentials_unsupported(const char *value)
{
    pexip_token_t scheme;
    return pexip_http_credentials_scheme(value, &scheme) && pexip_proxy_scheme_unsupported(&scheme);
}

static void
test_proxy_auth(void)
{
    g_assert_true(schemes_are("Basic realm=\"corp\"", "Basic"));
    g_assert_true(schemes_are("NTLM", "NTLM"));
    /* several challenges in one header; auth-params; quoted commas */
    g_assert_true(schemes_are("Digest realm=\"a, Basic b\", nonce=\"1\", qop=\"auth\", Basic realm=\"c\"",
                      "Digest,Basic"));
    g_assert_true(schemes_are("Digest realm = \"a\" , algorithm=MD5", "Digest"));
    /* a token68 (base64 with '=' padding) after the scheme */
    g_assert_true(schemes_are("NTLM TlRMTVNTUAACAAAA==", "NTLM"));
    g_assert_true(schemes_are("Negotiate, Kerberos,NTLM", "Negotiate,Kerberos,NTLM"));
    g_assert_true(schemes_are("Digest realm=\"unterminated, Basic", "Digest"));
    g_assert_true(schemes_are("realm=\"x\\\"y, Basic\", Basic", "Basic"));
    g_assert_true(schemes_are("", "") && schemes_are(" , ,", "") && schemes_are(NULL, ""));
    g_assert_true(schemes_are("\"quoted\", =x, Basic", "Basic"));
    pexip_token_t few[1];
    g_assert_true(pexip_http_challenge_schemes("A, B, C", few, 1) == 3 && pexip_token_is(&few[0], "a"));

    g_assert_true(credentials_unsupported("NTLM TlRMTVNTUAABAAAAB4IIogAAAA=="));
    g_assert_true(credentials_unsupported("Negotiate YIIGhgYGKwYBBQUCoIIGej"));
    g_assert_true(credentials_unsupported("digest username=\"alice\""));
    g_assert_true(credentials_unsupported("  Kerberos abc"));
    g_assert_true(!credentials_unsupported("Basic YWxpY2U6c2VjcmV0"));
    g_assert_true(!credentials_unsupported("Bearer abc"));
    g_assert_true(!credentials_unsupported("NTLMv2 abc"));
    g_assert_true(!credentials_unsupported("") && !credentials_unsupported(NULL) &&
          !credentials_unsupported(" =x"));

    g_assert_true(!pexip_proxy_connect_failed(100) && !pexip_proxy_connect_failed(200) &&
          !pexip_proxy_connect_failed(299) && !pexip_proxy_connect_failed(407));
    g_assert_true(pexip_proxy_connect_failed(301) && pexip_proxy_connect_failed(403) &&
          pexip_proxy_connect_failed(502) && pexip_proxy_connect_failed(999));
    g_assert_true(strstr(pexip_proxy_connect_advice(403), "refused") != NULL);
    g_assert_true(strstr(pexip_proxy_connect_advice(503), "could not reach") != NULL);

    char host[32];
    guint16 port = 1;
    g_assert_true(pexip_connect_target_split("meet.pexip.me:443", host, sizeof host, &port));
    unit_assert_str(host, "meet.pexip.me");
    g_assert_true(port == 443);
    g_assert_true(pexip_connect_target_split("[2001:db8::1]:8443", host, sizeof host, &port));
    unit_assert_str(host, "2001:db8::1");
    g_assert_true(port == 8443);
    g_assert_true(pexip_connect_target_split("185.94.241.20", host, sizeof host, &port) && port == 0);
    g_assert_true(pexip_connect_target_split("2001:db8::2", host, sizeof host, &port) && port == 0);
    unit_assert_str(host, "2001:db8::2");
    g_assert_true(!pexip_connect_target_split("meet.pexip.me:", host, sizeof host, &port));
    g_assert_true(!pexip_connect_target_split("meet.pexip.me:0", host, sizeof host, &port));
    g_assert_true(!pexip_connect_target_split("meet.pexip.me:65536", host, sizeof host, &port));
    g_assert_true(!pexip_connect_target_split("meet.pexip.me:99999999999", host, sizeof host, &port));
    g_assert_true(!pexip_connect_target_split("meet.pexip.me:44x", host, sizeof host, &port));
    g_assert_true(!pexip_connect_target_split(":443", host, sizeof host, &port));
    g_assert_true(!pexip_connect_target_split("[2001:db8::1", host, sizeof host, &port));
    g_assert_true(!pexip_connect_target_split("[2001:db8::1]x", host, sizeof host, &port));
    g_assert_true(!pexip_connect_target_split("[]:443", host, sizeof host, &port));
    g_assert_true(!pexip_connect_target_split("a-name-longer-than-the-buffer.example.com:443", host,
                                      sizeof host, &port));
    g_assert_true(!pexip_connect_target_split(NULL, host, sizeof host, &port));
}

int
main(int argc, char **argv)
{
    unit_init(&argc, &argv);
    g_test_add_func("/http/proxy_auth", test_proxy_auth);
    return g_test_run();
}
