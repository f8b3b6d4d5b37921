/* fuzz-sip-uri.c
 * signalling/pexip-sip-uri.c: a Contact URI as Wireshark's sip.contact.uri
 * gives it (a string), split; then the TCP endpoint it names.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "fuzz.h"
#include "pexip-sip-uri.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_string(data, size);
    size_t len = strlen(text);
    pexip_sip_uri_t uri;
    if (pexip_sip_uri_parse(text, &uri)) {
        FUZZ_CHECK(uri.host.len > 0);
        FUZZ_CHECK_INSIDE(uri.host.start, uri.host.len, text, len);
        guint8 family = 0, addr[16];
        guint16 port = 0;
        if (pexip_sip_uri_tcp_endpoint(&uri, &family, addr, &port))
            FUZZ_CHECK((family == 4 || family == 6) && port != 0);
    }
    free(text);
    return 0;
}
