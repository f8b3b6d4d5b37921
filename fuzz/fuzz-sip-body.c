/* fuzz-sip-body.c
 * findings/pexip-detect-sip.c: pexip_detect_content_length() on a SIP
 * message body. The input: two bytes of Content-Length (big-endian), then
 * the body's bytes, read as a UDP datagram's end (end known) and as TCP
 * (cut at Content-Length).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "fuzz.h"
#include "pexip-detect-sip.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    guint32 content_length = (guint32)data[0] << 8 | data[1];
    /* The body alone in a buffer of its own length. */
    size_t len = size - 2;
    guint8 *body = (guint8 *)malloc(len ? len : 1);
    memcpy(body, data + 2, len);
    for (int end_known = 0; end_known < 2; end_known++) {
        pexip_body_check_t check = pexip_detect_content_length(content_length, body, len,
                                                               end_known);
        FUZZ_CHECK(check == PEXIP_BODY_OK || check == PEXIP_BODY_PADDED ||
                   (end_known && (check == PEXIP_BODY_LONGER || check == PEXIP_BODY_SHORTER)));
        FUZZ_CHECK(check != PEXIP_BODY_SHORTER || len < content_length);
        FUZZ_CHECK(check != PEXIP_BODY_LONGER || len > content_length);
    }
    free(body);
    return 0;
}
