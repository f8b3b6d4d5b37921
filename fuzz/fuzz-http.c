/* fuzz-http.c
 * signalling/pexip-http.c: one header value (a string, as Wireshark's
 * http fields give it) read as a Proxy-Authenticate challenge list, as
 * Proxy-Authorization credentials and as a CONNECT request-target.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "fuzz.h"
#include "pexip-http.h"

#define MAX_SCHEMES 4

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_string(data, size);
    size_t len = strlen(text);

    pexip_token_t schemes[MAX_SCHEMES];
    guint n = pexip_http_challenge_schemes(text, schemes, MAX_SCHEMES);
    for (guint i = 0; i < n && i < MAX_SCHEMES; i++) {
        FUZZ_CHECK(schemes[i].len > 0);
        FUZZ_CHECK_INSIDE(schemes[i].start, schemes[i].len, text, len);
    }

    pexip_token_t scheme;
    if (pexip_http_credentials_scheme(text, &scheme)) {
        FUZZ_CHECK(scheme.len > 0);
        FUZZ_CHECK_INSIDE(scheme.start, scheme.len, text, len);
    }

    /* As the plugin calls it, and into a small buffer (the bound). */
    static const gsize sizes[] = { 256, 8, 1 };
    for (guint i = 0; i < G_N_ELEMENTS(sizes); i++) {
        char *host = (char *)malloc(sizes[i]);
        guint16 port = 1;
        if (pexip_connect_target_split(text, host, sizes[i], &port)) {
            FUZZ_CHECK(memchr(host, '\0', sizes[i]) != NULL);
            FUZZ_CHECK(host[0] != '\0');
        }
        free(host);
    }
    free(text);
    return 0;
}
