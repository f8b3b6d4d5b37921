/* fuzz-cert.c
 * signalling/pexip-cert.c: the names an X.509 certificate is for, read
 * from its DER (the plugin hands it the certificate's bytes from the
 * TLS handshake), against the shipped service domains.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "fuzz.h"
#include "pexip-cert.h"

static pexip_dns_suffixes_t *suffixes;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!suffixes)
        suffixes = pexip_dns_suffixes_parse(PEXIP_DNS_DEFAULT_SUFFIXES, NULL);
    pexip_cert_names_t names;
    if (!pexip_cert_names(data, size, suffixes, &names))
        return 0;
    FUZZ_CHECK(names.kept <= PEXIP_CERT_MAX_NAMES && names.kept <= names.count);
    gboolean service = FALSE;
    for (guint i = 0; i < names.kept; i++) {
        FUZZ_CHECK_TERMINATED(names.names[i]);
        FUZZ_CHECK(names.names[i][0] != '\0');
        for (const char *c = names.names[i]; *c; c++)
            FUZZ_CHECK(*c >= 0x20 && *c < 0x7f);
        service = service || pexip_cert_name_is_service(suffixes, names.names[i]);
    }
    /* A service name among the kept ones is seen (others may be beyond them). */
    FUZZ_CHECK(!service || names.service);
    return 0;
}
