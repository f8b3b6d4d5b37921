/* fuzz-sip-message.c
 * signalling/pexip-sip-message.c: one SIP message's bytes (as the plugin
 * hands it the `sip` item's bytes: not NUL-terminated) split into its start
 * line and the headers the call model reads.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "fuzz.h"
#include "pexip-sip-message.h"

/* A present token lies inside the input; an absent one has no length to
 * speak of (start NULL is all the parser promises). */
#define CHECK_TOKEN(token, text, size)                                   \
    do {                                                                 \
        if ((token).start != NULL)                                       \
            FUZZ_CHECK_INSIDE((token).start, (token).len, (text), (size)); \
    } while (0)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Exactly size bytes (malloc(0) may give NULL: one byte then, never read). */
    char *text = (char *)malloc(size ? size : 1);
    if (!text)
        abort();
    memcpy(text, data, size);
    pexip_sip_message_t m;
    if (pexip_sip_message_parse(text, size, &m)) {
        CHECK_TOKEN(m.first_line, text, size);
        FUZZ_CHECK(m.first_line.start == text && m.first_line.len > 0);
        CHECK_TOKEN(m.call_id, text, size);
        CHECK_TOKEN(m.from_tag, text, size);
        CHECK_TOKEN(m.to_tag, text, size);
        CHECK_TOKEN(m.cseq, text, size);
        CHECK_TOKEN(m.contact_uri, text, size);
        if (m.is_request) {
            FUZZ_CHECK(m.method.start != NULL && m.method.len > 0);
            FUZZ_CHECK(m.request_uri.start != NULL && m.request_uri.len > 0);
            CHECK_TOKEN(m.method, text, size);
            CHECK_TOKEN(m.request_uri, text, size);
            /* both on the start line */
            FUZZ_CHECK_INSIDE(m.method.start, m.method.len, m.first_line.start, m.first_line.len);
            FUZZ_CHECK_INSIDE(m.request_uri.start, m.request_uri.len, m.first_line.start,
                              m.first_line.len);
        } else {
            /* three digits (the header's "100-699" is what SIP defines;
             * the first line is accepted on any three digits) */
            FUZZ_CHECK(m.status <= 999);
        }
        if (m.via_count == 0) {
            FUZZ_CHECK(m.via.host.start == NULL);
        } else {
            CHECK_TOKEN(m.via.host, text, size);
            CHECK_TOKEN(m.via.branch, text, size);
            CHECK_TOKEN(m.via.received, text, size);
            CHECK_TOKEN(m.via.rport, text, size);
        }
        /* the headers come after the start line, the body after them */
        FUZZ_CHECK(m.body_offset >= m.first_line.len && m.body_offset <= size);
        /* no header value reaches into the body */
        const pexip_token_t *values[] = { &m.call_id, &m.from_tag, &m.to_tag, &m.cseq,
                                          &m.contact_uri };
        for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++)
            if (values[i]->start)
                FUZZ_CHECK(values[i]->start + values[i]->len <= text + m.body_offset);
        if (m.via_count > 0 && m.via.host.start)
            FUZZ_CHECK(m.via.host.start + m.via.host.len <= text + m.body_offset);
    }
    free(text);
    return 0;
}
