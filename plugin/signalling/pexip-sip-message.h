/* pexip-sip-message.h
 * One SIP message's start line and the headers the call model reads, split
 * from its bytes (pure): the plugin asks Wireshark only for the `sip` and
 * `sdp` items and reads the rest itself, instead of priming 14 SIP fields
 * whose items every SIP packet would then build and free (issue 16).
 *
 * The rules are RFC 3261's (section 7.3): header names ignore case and have
 * compact forms (i f t v m l), a line that starts with a space or a tab
 * continues the header before it, Via and Contact may list several values
 * separated by commas. What Wireshark's SIP dissector would show for the
 * same message is what this gives for well-formed input (tests/unit/
 * test-sip-message.c; PEXIP_SIP_CROSSCHECK=1 compares the two on every
 * message of a capture, tests/test_sip_message.py).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_SIP_MESSAGE_H
#define PEXIP_SIP_MESSAGE_H

#include <glib.h>
#include "pexip-text.h"

/* One Via entry (via-parm): sent-by and the parameters the checks read. A
 * token whose start is NULL is absent; a parameter given without a value
 * ("rport") is present with length 0. */
typedef struct {
    pexip_token_t host;         /* sent-by host; an IPv6 reference without brackets */
    guint16 port;               /* sent-by port; 0: none, or not 1-65535 */
    pexip_token_t branch;
    pexip_token_t received;
    pexip_token_t rport;
} pexip_sip_via_t;

/* A message, split. Tokens point into the parsed text; absent ones have
 * start NULL. Values have leading and trailing white space removed; a
 * folded value keeps its line break inside. */
typedef struct {
    gboolean is_request;
    pexip_token_t first_line;   /* the request or status line, without its line end */
    pexip_token_t method;       /* request: its method */
    pexip_token_t request_uri;  /* request: its Request-URI */
    guint status;               /* response: its status code (three digits, as given) */
    pexip_token_t call_id;      /* the first Call-ID header */
    pexip_token_t from_tag;     /* the first From header's tag parameter */
    pexip_token_t to_tag;       /* the first To header's tag parameter */
    pexip_token_t cseq;         /* the first CSeq header's value */
    guint via_count;            /* Via entries, over all Via headers */
    pexip_sip_via_t via;        /* the top (first) one, when via_count > 0 */
    pexip_token_t contact_uri;  /* the first Contact's URI (no angle brackets);
                                   absent for "Contact: *" */
    gboolean has_content_length;
    guint32 content_length;     /* the first Content-Length, when all digits */
    gsize body_offset;          /* where the body starts (after the blank line);
                                   the text's length when no blank line ends the headers */
} pexip_sip_message_t;

/* Split the message at text (len bytes, not NUL-terminated; a NUL byte is
 * an ordinary byte). FALSE when its first line is neither a request line
 * ("METHOD SP Request-URI SP SIP/2.0") nor a status line ("SIP/2.0 SP
 * 3DIGIT SP reason"): out is then unspecified. Header lines without a
 * colon are skipped. Of each header but Via only the first counts (a
 * second To does not give a tag the first lacked). */
gboolean pexip_sip_message_parse(const char *text, gsize len, pexip_sip_message_t *out);

#endif /* PEXIP_SIP_MESSAGE_H */
