/* fuzz-dns.c
 * classify/pexip-dns.c and signalling/pexip-cert.c: a pexip.dns_suffixes
 * list (the input up to its first line end), and the rest of the input as
 * a name (a DNS query name, a certificate's name) matched against it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "fuzz.h"
#include "pexip-dns.h"
#include "pexip-cert.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nl = (const uint8_t *)memchr(data, '\n', size);
    size_t list_len = nl ? (size_t)(nl - data) : size;
    char *list = fuzz_string(data, list_len);
    char *name = nl ? fuzz_string(nl + 1, size - list_len - 1) : fuzz_string(data, 0);

    char *err = NULL;
    pexip_dns_suffixes_t *suffixes = pexip_dns_suffixes_parse(list, &err);
    FUZZ_CHECK(suffixes != NULL);
    gboolean match = pexip_dns_name_matches(suffixes, name);
    gboolean service = pexip_cert_name_is_service(suffixes, name);
    /* "*.x" is a service name when x is. */
    FUZZ_CHECK(!match || service || strncmp(name, "*.", 2) == 0);
    pexip_dns_name_matches(suffixes, list);
    pexip_dns_suffixes_free(suffixes);
    g_free(err);
    free(list);
    free(name);
    return 0;
}
