/* fuzz-icmp.c
 * findings/pexip-media-check.c: pexip_icmp_quoted() on what an ICMP or
 * ICMPv6 error quotes (the plugin hands it the bytes after the ICMP
 * header), read as IPv4 and as IPv6.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "fuzz.h"
#include "pexip-media-check.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > G_MAXUINT)
        return 0;
    for (int v6 = 0; v6 < 2; v6++) {
        pexip_quoted_packet_t q;
        if (pexip_icmp_quoted(data, (guint)size, v6, &q)) {
            FUZZ_CHECK(q.family == (v6 ? 6 : 4));
            FUZZ_CHECK(q.protocol == 17 || q.protocol == 6);
        }
    }
    return 0;
}
