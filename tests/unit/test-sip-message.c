/* test-sip-message.c
 * Unit tests of signalling/pexip-sip-message.c: one SIP message's start
 * line and the headers the call model reads, split from its bytes.
 *
 * Every message is parsed from a copy of exactly its length (no NUL after
 * it, so an over-read is a read past the allocation for valgrind or ASan),
 * into a result filled with garbage first (so a field the parser forgets
 * to set is seen). Every token the parser gives must lie inside the copy;
 * each is compared as the string of its length.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "unit.h"
#include "pexip-sip-message.h"

typedef struct {
    char *text;                 /* the copy parsed: exactly len bytes */
    gsize len;
    gboolean ok;                /* what pexip_sip_message_parse returned */
    pexip_sip_message_t m;
} parsed_t;

/* [start, start + len) lies inside the parsed copy. */
static gboolean
inside(const parsed_t *p, const pexip_token_t *t)
{
    guintptr base = (guintptr)p->text, start = (guintptr)t->start;
    return start >= base && t->len <= p->len && start - base <= p->len - t->len;
}

/* A token as a string (NULL when absent), or a text that no test expects
 * when it does not lie inside the input. g_free() it. */
static char *
token_text(const parsed_t *p, const pexip_token_t *t)
{
    if (t->start == NULL)
        return NULL;
    if (!inside(p, t))
        return g_strdup("(token outside the input)");
    char *s = g_malloc(t->len + 1);
    memcpy(s, t->start, t->len);
    s[t->len] = '\0';
    return s;
}

static void
check_inside(const parsed_t *p, const pexip_token_t *t, const char *name)
{
    if (t->start != NULL && !inside(p, t)) {
        g_test_message("%s lies outside the input", name);
        g_test_fail();
    }
}

/* Parse len bytes of text (a copy of exactly that size); when it is
 * accepted, every present token must lie inside the copy. */
static void
parse_bytes(parsed_t *p, const char *text, gsize len)
{
    p->len = len;
    p->text = g_malloc(len ? len : 1);
    memcpy(p->text, text, len);
    memset(&p->m, 0x5a, sizeof(p->m));
    p->ok = pexip_sip_message_parse(p->text, len, &p->m);
    if (!p->ok)
        return;
    const pexip_sip_message_t *m = &p->m;
    check_inside(p, &m->first_line, "first_line");
    check_inside(p, &m->method, "method");
    check_inside(p, &m->request_uri, "request_uri");
    check_inside(p, &m->call_id, "call_id");
    check_inside(p, &m->from_tag, "from_tag");
    check_inside(p, &m->to_tag, "to_tag");
    check_inside(p, &m->cseq, "cseq");
    check_inside(p, &m->contact_uri, "contact_uri");
    if (m->via_count > 0) {
        check_inside(p, &m->via.host, "via.host");
        check_inside(p, &m->via.branch, "via.branch");
        check_inside(p, &m->via.received, "via.received");
        check_inside(p, &m->via.rport, "via.rport");
    }
    g_assert_cmpuint(m->body_offset, <=, len);
}

/* A string literal, its terminating NUL left out (it may hold NULs). */
#define PARSE(p, literal) parse_bytes(&(p), (literal), sizeof(literal) - 1)

/* Parse the text a printf format makes (it holds no NUL), naming it in the
 * test's log so that a failure inside a loop of cases says which one. */
static void G_GNUC_PRINTF(2, 3)
parse_printf(parsed_t *p, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    char *text = g_strdup_vprintf(format, args);
    va_end(args);
    char *shown = g_strescape(text, NULL);
    g_test_message("parsing: %s", shown);
    g_free(shown);
    parse_bytes(p, text, strlen(text));
    g_free(text);
}

static void
done(parsed_t *p)
{
    g_free(p->text);
    p->text = NULL;
}

/* The token field of p.m is want (NULL: absent). */
#define assert_token(p, field, want)                                 \
    do {                                                             \
        char *got_ = token_text(&(p), &(p).m.field);                 \
        unit_assert_str(got_, (want));                               \
        g_free(got_);                                                \
    } while (0)

/* The top Via entry's branch, received and rport (NULL: absent). */
#define assert_via_params(p, w_branch, w_received, w_rport)          \
    do {                                                             \
        assert_token(p, via.branch, w_branch);                       \
        assert_token(p, via.received, w_received);                   \
        assert_token(p, via.rport, w_rport);                         \
    } while (0)

/* The Via entry count, and the top entry's host, port and parameters. */
#define assert_via(p, count, w_host, w_port, w_branch, w_received, w_rport) \
    do {                                                             \
        g_assert_cmpuint((p).m.via_count, ==, (count));              \
        assert_token(p, via.host, w_host);                           \
        g_assert_cmpuint((p).m.via.port, ==, (w_port));              \
        assert_via_params(p, w_branch, w_received, w_rport);         \
    } while (0)

/* The headers that name the dialog and the transaction: the From tag, the
 * To tag, Call-ID, CSeq and the Contact URI (NULL: absent). */
#define assert_dialog(p, w_from_tag, w_to_tag, w_call_id, w_cseq, w_contact) \
    do {                                                             \
        assert_token(p, from_tag, w_from_tag);                       \
        assert_token(p, to_tag, w_to_tag);                           \
        assert_token(p, call_id, w_call_id);                         \
        assert_token(p, cseq, w_cseq);                               \
        assert_token(p, contact_uri, w_contact);                     \
    } while (0)

/* No Call-ID, tags, CSeq or Contact. */
#define assert_no_dialog_headers(p) assert_dialog(p, NULL, NULL, NULL, NULL, NULL)

/* What assert_body expects when there is no usable Content-Length. */
#define NO_LENGTH G_GINT64_CONSTANT(-1)

/* The Content-Length (NO_LENGTH: none, or none whose value counts) and
 * the offset where the body starts. has_content_length must be exactly
 * TRUE or FALSE: the garbage parse_bytes fills the result with is neither. */
#define assert_body(p, w_length, w_offset)                           \
    do {                                                             \
        gint64 w_length_ = (w_length);                               \
        g_assert_cmpint((p).m.has_content_length, ==, w_length_ != NO_LENGTH); \
        if (w_length_ != NO_LENGTH)                                  \
            g_assert_cmpint((p).m.content_length, ==, w_length_);    \
        g_assert_cmpuint((p).m.body_offset, ==, (w_offset));         \
    } while (0)

/* A request's start line. */
#define assert_request(p, line, meth, uri)                           \
    do {                                                             \
        g_assert_true((p).ok);                                       \
        g_assert_true((p).m.is_request);                             \
        assert_token(p, first_line, line);                           \
        assert_token(p, method, meth);                               \
        assert_token(p, request_uri, uri);                           \
        g_assert_cmpuint((p).m.status, ==, 0);                       \
    } while (0)

/* A response's start line. */
#define assert_response(p, line, code)                               \
    do {                                                             \
        g_assert_true((p).ok);                                       \
        g_assert_false((p).m.is_request);                            \
        assert_token(p, first_line, line);                           \
        assert_token(p, method, NULL);                               \
        assert_token(p, request_uri, NULL);                          \
        g_assert_cmpuint((p).m.status, ==, (code));                  \
    } while (0)

/* ------------------------------------------------------------------ */

#define INVITE_HEADERS                                                          \
    "INVITE sip:meet.alice@vc.example.com SIP/2.0\r\n"                          \
    "Via: SIP/2.0/TLS 198.51.100.20:5061;branch=z9hG4bK776asdhds;rport\r\n"     \
    "Max-Forwards: 70\r\n"                                                      \
    "To: \"Meeting Alice\" <sip:meet.alice@vc.example.com>\r\n"                 \
    "From: \"Bob\" <sip:bob@example.org>;tag=1928301774\r\n"                    \
    "Call-ID: a84b4c76e66710@pc33.example.org\r\n"                              \
    "CSeq: 314159 INVITE\r\n"                                                   \
    "Contact: <sip:bob@198.51.100.20:5061;transport=tls>\r\n"                   \
    "Content-Type: application/sdp\r\n"                                         \
    "Content-Length: 138\r\n"                                                   \
    "\r\n"
#define INVITE_BODY                                                             \
    "v=0\r\n"                                                                   \
    "o=bob 2890844526 2890844526 IN IP4 198.51.100.20\r\n"                      \
    "s=-\r\n"                                                                   \
    "c=IN IP4 198.51.100.20\r\n"                                                \
    "t=0 0\r\n"                                                                 \
    "m=audio 49172 RTP/AVP 0\r\n"                                               \
    "a=rtpmap:0 PCMU/8000\r\n"
G_STATIC_ASSERT(sizeof(INVITE_BODY) - 1 == 138);

/* A typical INVITE with an SDP body, CRLF line ends. */
static void
test_invite(void)
{
    parsed_t p;
    PARSE(p, INVITE_HEADERS INVITE_BODY);
    assert_request(p, "INVITE sip:meet.alice@vc.example.com SIP/2.0", "INVITE",
                   "sip:meet.alice@vc.example.com");
    assert_via(p, 1, "198.51.100.20", 5061, "z9hG4bK776asdhds", NULL, "");
    assert_dialog(p, "1928301774", NULL, "a84b4c76e66710@pc33.example.org", "314159 INVITE",
                  "sip:bob@198.51.100.20:5061;transport=tls");
    assert_body(p, 138, sizeof(INVITE_HEADERS) - 1);
    g_assert_cmpuint(p.len - p.m.body_offset, ==, 138);
    g_assert_true(memcmp(p.text + p.m.body_offset, "v=0\r\n", 5) == 0);
    done(&p);
}

/* A 200 OK: two Via headers, the second listing two entries; the top
 * entry is the first header's. A blank line with nothing after it. */
static void
test_response_vias(void)
{
    parsed_t p;
    PARSE(p, "SIP/2.0 200 OK\r\n"
             "Via: SIP/2.0/UDP server10.example.com"
             ";branch=z9hG4bKnashds8;received=192.0.2.3;rport=5062\r\n"
             "Via: SIP/2.0/UDP bigbox3.site3.example.com:5070;branch=z9hG4bK77ef4c2312983.1, "
             "SIP/2.0/TCP 192.0.2.1:5060;branch=z9hG4bK776asdhds\r\n"
             "To: Bob <sip:bob@example.com>;tag=a6c85cf\r\n"
             "From: Alice <sip:alice@example.com>;tag=1928301774\r\n"
             "Call-ID: a84b4c76e66710@pc33.example.com\r\n"
             "CSeq: 314159 INVITE\r\n"
             "Contact: <sip:bob@192.0.2.4>\r\n"
             "Content-Length: 0\r\n"
             "\r\n");
    assert_response(p, "SIP/2.0 200 OK", 200);
    assert_via(p, 3, "server10.example.com", 0, "z9hG4bKnashds8", "192.0.2.3", "5062");
    assert_dialog(p, "1928301774", "a6c85cf", "a84b4c76e66710@pc33.example.com", "314159 INVITE",
                  "sip:bob@192.0.2.4");
    assert_body(p, 0, p.len);
    done(&p);

    /* the header listing two entries first: its first entry is the top */
    PARSE(p, "SIP/2.0 180 Ringing\r\n"
             "Via: SIP/2.0/UDP a.example.com:5071;branch=z9hG4bKa;received=192.0.2.9 ,"
             "SIP/2.0/UDP b.example.com;branch=z9hG4bKb;rport=7\r\n"
             "Via: SIP/2.0/UDP c.example.com;branch=z9hG4bKc\r\n"
             "Via: SIP/2.0/UDP d.example.com;branch=z9hG4bKd,SIP/2.0/UDP e.example.com,"
             "SIP/2.0/UDP f.example.com\r\n"
             "\r\n");
    assert_response(p, "SIP/2.0 180 Ringing", 180);
    assert_via(p, 6, "a.example.com", 5071, "z9hG4bKa", "192.0.2.9", NULL);
    assert_no_dialog_headers(p);
    assert_body(p, NO_LENGTH, p.len);
    done(&p);
}

/* Line ends of a bare LF (the whole message), and of both kinds mixed. */
static void
test_lf_only(void)
{
    parsed_t p;
#define LF_HEADERS                                                  \
    "SIP/2.0 486 Busy Here\n"                                       \
    "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKlf;rport=5060\n" \
    "From: <sip:alice@example.com>;tag=lf-from\n"                   \
    "To: <sip:bob@example.com>;tag=lf-to\n"                         \
    "Call-ID: lf-call@example.com\n"                                \
    "CSeq: 7 INVITE\n"                                              \
    "Contact: <sip:bob@192.0.2.4:5062>\n"                           \
    "Content-Length: 4\n"                                           \
    "\n"
    PARSE(p, LF_HEADERS "body");
    assert_response(p, "SIP/2.0 486 Busy Here", 486);
    assert_via(p, 1, "192.0.2.1", 5060, "z9hG4bKlf", NULL, "5060");
    assert_dialog(p, "lf-from", "lf-to", "lf-call@example.com", "7 INVITE", "sip:bob@192.0.2.4:5062");
    assert_body(p, 4, sizeof(LF_HEADERS) - 1);
    done(&p);
#undef LF_HEADERS

    /* a CRLF start line, LF headers, a CRLF blank line */
#define MIXED_HEADERS                                           \
    "ACK sip:bob@192.0.2.4 SIP/2.0\r\n"                         \
    "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKmixed\n"          \
    "Call-ID: mixed@example.com\r\n"                            \
    "CSeq: 7 ACK\n"                                             \
    "\r\n"
    PARSE(p, MIXED_HEADERS "x");
    assert_request(p, "ACK sip:bob@192.0.2.4 SIP/2.0", "ACK", "sip:bob@192.0.2.4");
    assert_via(p, 1, "192.0.2.1", 0, "z9hG4bKmixed", NULL, NULL);
    assert_dialog(p, NULL, NULL, "mixed@example.com", "7 ACK", NULL);
    assert_body(p, NO_LENGTH, sizeof(MIXED_HEADERS) - 1);
    done(&p);
#undef MIXED_HEADERS
}

/* Compact forms: i (Call-ID), f (From), t (To), v (Via), m (Contact),
 * l (Content-Length), in either case; and names that only start like them. */
static void
test_compact(void)
{
    parsed_t p;
    PARSE(p, "BYE sip:alice@192.0.2.4 SIP/2.0\r\n"
             "v: SIP/2.0/UDP 192.0.2.5:5070;branch=z9hG4bKnashds10\r\n"
             "V: SIP/2.0/UDP 192.0.2.6;branch=z9hG4bKsecond\r\n"
             "f: <sip:bob@example.com>;tag=8321234356\r\n"
             "t: <sip:alice@example.com>;tag=9fxced76sl\r\n"
             "i: 3848276298220188511@atlanta.example.com\r\n"
             "CSeq: 2 BYE\r\n"
             "m: <sip:bob@192.0.2.5:5070>\r\n"
             "l: 0\r\n"
             "\r\n");
    assert_request(p, "BYE sip:alice@192.0.2.4 SIP/2.0", "BYE", "sip:alice@192.0.2.4");
    assert_via(p, 2, "192.0.2.5", 5070, "z9hG4bKnashds10", NULL, NULL);
    assert_dialog(p, "8321234356", "9fxced76sl", "3848276298220188511@atlanta.example.com", "2 BYE",
                  "sip:bob@192.0.2.5:5070");
    assert_body(p, 0, p.len);
    done(&p);

    PARSE(p, "BYE sip:alice@192.0.2.4 SIP/2.0\r\n"
             "V: SIP/2.0/UDP 192.0.2.7;BRANCH=z9hG4bKupper\r\n"
             "F: <sip:bob@example.com>;tag=F-upper\r\n"
             "T: <sip:alice@example.com>;tag=T-upper\r\n"
             "I: upper-i@example.com\r\n"
             "M: sip:bob@192.0.2.7\r\n"
             "L: 12\r\n"
             "\r\n");
    assert_request(p, "BYE sip:alice@192.0.2.4 SIP/2.0", "BYE", "sip:alice@192.0.2.4");
    assert_via(p, 1, "192.0.2.7", 0, "z9hG4bKupper", NULL, NULL);
    assert_dialog(p, "F-upper", "T-upper", "upper-i@example.com", NULL, "sip:bob@192.0.2.7");
    assert_body(p, 12, p.len);
    done(&p);

    /* headers whose names start or end like the ones read, but are others */
    PARSE(p, "OPTIONS sip:alice@192.0.2.4 SIP/2.0\r\n"
             "ix: not-a-call-id\r\n"
             "Call-Info: <http://www.example.com/alice/photo.jpg>;purpose=icon\r\n"
             "Reply-To: Bob <sip:bob@example.com>;tag=reply-to\r\n"
             "Fr: <sip:x@example.com>;tag=fr\r\n"
             "Via-X: SIP/2.0/UDP 192.0.2.66;branch=z9hG4bKnot\r\n"
             "X-Via: SIP/2.0/UDP 192.0.2.67;branch=z9hG4bKnot\r\n"
             "Contact-Info: <sip:no@192.0.2.68>\r\n"
             "Content-Type: application/sdp\r\n"
             "Content-Length-X: 9\r\n"
             "lx: 8\r\n"
             "CSeqX: 1 OPTIONS\r\n"
             "Tag: <sip:t@example.com>;tag=nope\r\n"
             "\r\n");
    assert_request(p, "OPTIONS sip:alice@192.0.2.4 SIP/2.0", "OPTIONS", "sip:alice@192.0.2.4");
    assert_via(p, 0, NULL, 0, NULL, NULL, NULL);
    assert_no_dialog_headers(p);
    assert_body(p, NO_LENGTH, p.len);
    done(&p);
}

/* Header names ignore case. */
static void
test_name_case(void)
{
    parsed_t p;
    PARSE(p, "INVITE sip:bob@example.com SIP/2.0\r\n"
             "vIA: SIP/2.0/UDP 192.0.2.1:5060;bRaNcH=z9hG4bKcase;ReCeIvEd=192.0.2.99;RPORT=1234\r\n"
             "fROM: <sip:alice@example.com>;tag=from-case\r\n"
             "TO: <sip:bob@example.com>\r\n"
             "cALL-iD: case@example.com\r\n"
             "cseq: 1 INVITE\r\n"
             "CONTACT: <sip:alice@192.0.2.1>\r\n"
             "content-LENGTH: 0\r\n"
             "\r\n");
    assert_request(p, "INVITE sip:bob@example.com SIP/2.0", "INVITE", "sip:bob@example.com");
    assert_via(p, 1, "192.0.2.1", 5060, "z9hG4bKcase", "192.0.2.99", "1234");
    assert_dialog(p, "from-case", NULL, "case@example.com", "1 INVITE", "sip:alice@192.0.2.1");
    assert_body(p, 0, p.len);
    done(&p);
}

/* White space may come before a header's colon: HCOLON = *( SP / HTAB )
 * ":" SWS (RFC 3261 25.1). */
static void
test_hcolon_space(void)
{
    parsed_t p;
    PARSE(p, "INVITE sip:bob@example.com SIP/2.0\r\n"
             "Call-ID : spaced@example.com\r\n"
             "CSeq\t:\t5 INVITE\r\n"
             "Via  : SIP/2.0/UDP 192.0.2.2;branch=z9hG4bKsp\r\n"
             "\r\n");
    assert_request(p, "INVITE sip:bob@example.com SIP/2.0", "INVITE", "sip:bob@example.com");
    assert_via(p, 1, "192.0.2.2", 0, "z9hG4bKsp", NULL, NULL);
    assert_dialog(p, NULL, NULL, "spaced@example.com", "5 INVITE", NULL);
    assert_body(p, NO_LENGTH, p.len);
    done(&p);
}

/* A line that starts with a space or a tab continues the header before it;
 * leading white space (line breaks of a fold included) is not the value's,
 * a line break inside a value stays. */
static void
test_folded(void)
{
    parsed_t p;
#define FOLDED_HEADERS                                          \
    "INVITE sip:bob@example.com SIP/2.0\r\n"                    \
    "Via: SIP/2.0/UDP 192.0.2.1:5060\r\n"                       \
    " ;branch=z9hG4bKfolded\r\n"                                \
    "\t;rport=5066,\r\n"                                        \
    " SIP/2.0/UDP 192.0.2.2;branch=z9hG4bKsecond\r\n"           \
    "Subject: I know you're there,\r\n"                         \
    "\tpull up a chair\r\n"                                     \
    "From: <sip:alice@example.com>\r\n"                         \
    "  ;tag=folded-tag\r\n"                                     \
    "To:\r\n"                                                   \
    " <sip:bob@example.com>;tag=to-tag\r\n"                     \
    "Call-ID:\r\n"                                              \
    " folded-call-id@example.com\r\n"                           \
    "CSeq: 1\r\n"                                               \
    " INVITE\r\n"                                               \
    "Contact:\r\n"                                              \
    "\t<sip:alice@192.0.2.1>\r\n"                               \
    "Content-Length:\r\n"                                       \
    " 3\r\n"                                                    \
    "\r\n"
    PARSE(p, FOLDED_HEADERS "abc");
    assert_request(p, "INVITE sip:bob@example.com SIP/2.0", "INVITE", "sip:bob@example.com");
    assert_via(p, 2, "192.0.2.1", 5060, "z9hG4bKfolded", NULL, "5066");
    assert_dialog(p, "folded-tag", "to-tag", "folded-call-id@example.com", "1\r\n INVITE",
                  "sip:alice@192.0.2.1");
    assert_body(p, 3, sizeof(FOLDED_HEADERS) - 1);
    done(&p);
#undef FOLDED_HEADERS

    /* LF-only folding; the fold is the last header line */
    PARSE(p, "SIP/2.0 100 Trying\n"
             "Call-ID: a\n"
             " b\n"
             "Via: SIP/2.0/UDP 192.0.2.3\n"
             "\t;branch=z9hG4bKlf\n"
             "\n");
    assert_response(p, "SIP/2.0 100 Trying", 100);
    assert_via(p, 1, "192.0.2.3", 0, "z9hG4bKlf", NULL, NULL);
    assert_dialog(p, NULL, NULL, "a\n b", NULL, NULL);
    assert_body(p, NO_LENGTH, p.len);
    done(&p);

    /* a fold wherever Via's grammar allows LWS (RFC 3261 25.1: SLASH,
     * COLON, SEMI, EQUAL and COMMA are SWS-separated; LWS between
     * sent-protocol and sent-by): the same entry each time */
    static const char *const via_folds[] = {
        "SIP/2.0/UDP 192.0.2.3:5070\r\n ;branch=z9hG4bKf;rport",
        "SIP/2.0/UDP 192.0.2.3:5070\n ;branch=z9hG4bKf;rport",
        "SIP/2.0/UDP\r\n 192.0.2.3:5070;branch=z9hG4bKf;rport",
        "SIP/2.0/UDP\n\t192.0.2.3:5070;branch=z9hG4bKf;rport",
        "SIP/2.0/UDP 192.0.2.3\r\n :5070;branch=z9hG4bKf;rport",
        "SIP/2.0/UDP 192.0.2.3:\r\n 5070;branch=z9hG4bKf;rport",
        "SIP/2.0/\r\n UDP 192.0.2.3:5070;branch=z9hG4bKf;rport",
        "SIP\r\n /2.0/UDP 192.0.2.3:5070;branch=z9hG4bKf;rport",
        "SIP/2.0/UDP 192.0.2.3:5070;branch\r\n =\r\n z9hG4bKf;rport",
        "SIP/2.0/UDP 192.0.2.3:5070;branch=z9hG4bKf;\r\n rport\r\n ,SIP/2.0/UDP 192.0.2.4",
    };
    for (guint i = 0; i < G_N_ELEMENTS(via_folds); i++) {
        parse_printf(&p, "SIP/2.0 200 OK\r\nVia: %s\r\n\r\n", via_folds[i]);
        assert_response(p, "SIP/2.0 200 OK", 200);
        assert_via(p, i == G_N_ELEMENTS(via_folds) - 1 ? 2 : 1, "192.0.2.3", 5070, "z9hG4bKf",
                   NULL, "");
        done(&p);
    }
}

/* "Contact: *" has no URI. */
static void
test_contact_star(void)
{
    parsed_t p;
    PARSE(p, "REGISTER sip:registrar.example.com SIP/2.0\r\n"
             "Via: SIP/2.0/TCP 192.0.2.8:5060;branch=z9hG4bKreg\r\n"
             "To: <sip:bob@example.com>\r\n"
             "From: <sip:bob@example.com>;tag=456248\r\n"
             "Call-ID: 843817637684230@998sdasdh09\r\n"
             "CSeq: 1826 REGISTER\r\n"
             "Contact: *\r\n"
             "Expires: 0\r\n"
             "Content-Length: 0\r\n"
             "\r\n");
    assert_request(p, "REGISTER sip:registrar.example.com SIP/2.0", "REGISTER",
                   "sip:registrar.example.com");
    assert_via(p, 1, "192.0.2.8", 5060, "z9hG4bKreg", NULL, NULL);
    assert_dialog(p, "456248", NULL, "843817637684230@998sdasdh09", "1826 REGISTER", NULL);
    assert_body(p, 0, p.len);
    done(&p);

    PARSE(p, "REGISTER sip:registrar.example.com SIP/2.0\r\n"
             "m:*\r\n"
             "\r\n");
    assert_request(p, "REGISTER sip:registrar.example.com SIP/2.0", "REGISTER",
                   "sip:registrar.example.com");
    assert_token(p, contact_uri, NULL);
    done(&p);
}

/* A Contact header's value, and the URI read from it (NULL: none). */
typedef struct {
    const char *value;
    const char *uri;
} contact_case_t;

/* Each case's value as the only Contact header of a 200 OK. */
static void
check_contact_cases(const contact_case_t *cases, gsize n)
{
    for (gsize i = 0; i < n; i++) {
        parsed_t p;
        parse_printf(&p, "SIP/2.0 200 OK\r\nContact: %s\r\n\r\n", cases[i].value);
        assert_response(p, "SIP/2.0 200 OK", 200);
        assert_token(p, contact_uri, cases[i].uri);
        done(&p);
    }
}

/* A name-addr Contact: the URI between the angle brackets, after a quoted
 * display name that may hold '<', '>', ',', ';' and escaped quotes. */
static void
test_contact_name_addr(void)
{
    static const contact_case_t cases[] = {
        { "\"Bob <the, builder>\" <sip:bob@192.0.2.4;transport=tcp>;expires=60, <sip:b2@192.0.2.5>",
          "sip:bob@192.0.2.4;transport=tcp" },
        { "\"Bob \\\"<x>\\\", jr; sip:no@192.0.2.66\" <sips:bob@192.0.2.4:5061>",
          "sips:bob@192.0.2.4:5061" },
        { "\"\" <sip:empty@192.0.2.4>", "sip:empty@192.0.2.4" },
        { "\"Back\\\\\" <sip:backslash@192.0.2.4>", "sip:backslash@192.0.2.4" },
        { "Bob Builder <sip:bob@192.0.2.4>;q=0.7", "sip:bob@192.0.2.4" },
        { "<sip:bob@[2001:db8::4]:5062;transport=tls>;+sip.instance=\"<urn:uuid:1>\"",
          "sip:bob@[2001:db8::4]:5062;transport=tls" },
        { "<sip:bob@192.0.2.4?Subject=a,b>", "sip:bob@192.0.2.4?Subject=a,b" },
        { "  <sip:spaced@192.0.2.4>  ", "sip:spaced@192.0.2.4" },
    };
    check_contact_cases(cases, G_N_ELEMENTS(cases));
}

/* An addr-spec Contact: the URI ends at ';' (what follows are the header's
 * parameters), at ',' (the next contact) or at white space. */
static void
test_contact_addr_spec(void)
{
    static const contact_case_t cases[] = {
        { "sip:bob@192.0.2.4;expires=60", "sip:bob@192.0.2.4" },
        { "sip:bob@192.0.2.4:5070;transport=tcp;expires=60", "sip:bob@192.0.2.4:5070" },
        { "sip:bob@192.0.2.4:5070, sip:other@192.0.2.5", "sip:bob@192.0.2.4:5070" },
        { "sip:bob@192.0.2.4,sip:other@192.0.2.5", "sip:bob@192.0.2.4" },
        { "sips:bob@192.0.2.4   ", "sips:bob@192.0.2.4" },
        { "sip:bob@192.0.2.4 ;expires=60", "sip:bob@192.0.2.4" },
        { "sip:[2001:db8::4]:5062;transport=tcp", "sip:[2001:db8::4]:5062" },
    };
    check_contact_cases(cases, G_N_ELEMENTS(cases));

    /* the first Contact header's first URI */
    parsed_t p;
    PARSE(p, "SIP/2.0 200 OK\r\n"
             "Contact: sip:first@192.0.2.4;expires=3600\r\n"
             "Contact: <sip:second@192.0.2.5>\r\n"
             "\r\n");
    assert_response(p, "SIP/2.0 200 OK", 200);
    assert_token(p, contact_uri, "sip:first@192.0.2.4");
    done(&p);
}

/* Via sent-by: IPv6 references (host without brackets), names, ports. */
static void
test_via_sent_by(void)
{
    static const struct {
        const char *value;
        const char *host;
        guint16 port;
        const char *branch;
    } cases[] = {
        { "SIP/2.0/TCP [2001:db8::1]:5070;branch=z9hG4bKv6", "2001:db8::1", 5070, "z9hG4bKv6" },
        { "SIP/2.0/TLS [2001:db8::2];branch=z9hG4bKv6b", "2001:db8::2", 0, "z9hG4bKv6b" },
        { "SIP/2.0/UDP [::1]:5060", "::1", 5060, NULL },
        { "SIP/2.0/UDP server10.example.com;branch=z9hG4bKnoport", "server10.example.com", 0,
          "z9hG4bKnoport" },
        { "SIP/2.0/UDP pc33.example.com", "pc33.example.com", 0, NULL },
        /* the port ends the value */
        { "SIP/2.0/UDP pc33.example.com:5066", "pc33.example.com", 5066, NULL },
        { "SIP/2.0/UDP 192.0.2.1:5060  ", "192.0.2.1", 5060, NULL },
        /* RFC 3261 7.3.1's example: white space around the slashes and colon */
        { "SIP / 2.0 / UDP first.example.com: 4000;ttl=16;maddr=224.2.0.1 ;branch=z9hG4bKa7c6a8dlze.1",
          "first.example.com", 4000, "z9hG4bKa7c6a8dlze.1" },
        { "SIP/2.0/UDP 192.0.2.1:65535;branch=z9hG4bKmax", "192.0.2.1", 65535, "z9hG4bKmax" },
        /* a port that is none: 0 */
        { "SIP/2.0/UDP 192.0.2.1:0;branch=z9hG4bKzero", "192.0.2.1", 0, "z9hG4bKzero" },
        { "SIP/2.0/UDP 192.0.2.1:65536;branch=z9hG4bKbig", "192.0.2.1", 0, "z9hG4bKbig" },
        { "SIP/2.0/UDP 192.0.2.1:99999999999;branch=z9hG4bKhuge", "192.0.2.1", 0, "z9hG4bKhuge" },
    };
    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        parsed_t p;
        parse_printf(&p, "OPTIONS sip:a@example.com SIP/2.0\r\nVia: %s\r\n\r\n", cases[i].value);
        assert_request(p, "OPTIONS sip:a@example.com SIP/2.0", "OPTIONS", "sip:a@example.com");
        assert_via(p, 1, cases[i].host, cases[i].port, cases[i].branch, NULL, NULL);
        done(&p);
    }
}

/* Via parameters: branch, received and rport, their names in any case,
 * rport with and without a value; other parameters are not them. */
static void
test_via_params(void)
{
    static const struct {
        const char *value;
        const char *branch, *received, *rport;
    } cases[] = {
        { "SIP/2.0/UDP 192.0.2.1:5060;rport;branch=z9hG4bKr", "z9hG4bKr", NULL, "" },
        { "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKr;rport", "z9hG4bKr", NULL, "" },
        { "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKr;rport=5062", "z9hG4bKr", NULL, "5062" },
        { "SIP/2.0/UDP 192.0.2.1:5060;received=203.0.113.7;rport=40000;branch=z9hG4bKx",
          "z9hG4bKx", "203.0.113.7", "40000" },
        { "SIP/2.0/UDP [2001:db8::1];received=2001:db8::9;rport=5062", NULL, "2001:db8::9", "5062" },
        { "SIP/2.0/UDP 192.0.2.1;Branch=z9hG4bKcap;RECEIVED=198.51.100.1;Rport",
          "z9hG4bKcap", "198.51.100.1", "" },
        { "SIP/2.0/UDP 192.0.2.1;xbranch=no;branchx=no;branch=z9hG4bKreal", "z9hG4bKreal", NULL,
          NULL },
        { "SIP/2.0/UDP 192.0.2.1;ttl=1;maddr=224.0.0.1;received=192.0.2.2;branch=z9hG4bKlast",
          "z9hG4bKlast", "192.0.2.2", NULL },
        { "SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKsp ;rport ;received=192.0.2.3 ", "z9hG4bKsp",
          "192.0.2.3", "" },
        /* the parameters of a later entry are not the top entry's */
        { "SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKtop, SIP/2.0/UDP 192.0.2.2;received=192.0.2.9;rport=1",
          "z9hG4bKtop", NULL, NULL },
        { "SIP/2.0/UDP 192.0.2.1, SIP/2.0/UDP 192.0.2.2;branch=z9hG4bK2nd", NULL, NULL, NULL },
    };
    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        parsed_t p;
        parse_printf(&p, "SIP/2.0 200 OK\r\nv: %s\r\n\r\n", cases[i].value);
        assert_response(p, "SIP/2.0 200 OK", 200);
        assert_via_params(p, cases[i].branch, cases[i].received, cases[i].rport);
        done(&p);
    }
}

/* RFC 3261 25.1: EQUAL = SWS "=" SWS; a gen-value may be a quoted-string
 * (whose commas do not end the entry). */
static void
test_via_params_rfc(void)
{
    parsed_t p;
    PARSE(p, "SIP/2.0 200 OK\r\n"
             "Via: SIP/2.0/UDP 192.0.2.1;branch = z9hG4bKeq ;received= 192.0.2.4;rport =7\r\n"
             "\r\n");
    assert_response(p, "SIP/2.0 200 OK", 200);
    assert_via(p, 1, "192.0.2.1", 0, "z9hG4bKeq", "192.0.2.4", "7");
    done(&p);

    /* SEMI = SWS ";" SWS */
    PARSE(p, "SIP/2.0 200 OK\r\n"
             "Via: SIP/2.0/UDP 192.0.2.1 ; branch=z9hG4bKsemi ;\trport\r\n"
             "\r\n");
    assert_response(p, "SIP/2.0 200 OK", 200);
    assert_via(p, 1, "192.0.2.1", 0, "z9hG4bKsemi", NULL, "");
    done(&p);

    PARSE(p, "SIP/2.0 200 OK\r\n"
             "Via: SIP/2.0/UDP 192.0.2.1;x=\"a, SIP/2.0/UDP b\";branch=z9hG4bKq, SIP/2.0/UDP 192.0.2.2\r\n"
             "\r\n");
    assert_response(p, "SIP/2.0 200 OK", 200);
    assert_via(p, 2, "192.0.2.1", 0, "z9hG4bKq", NULL, NULL);
    done(&p);
}

/* From and To tags: the header's tag parameter, after the name-addr's '>',
 * never a URI parameter named tag, nor text of a display name. */
static void
test_tags(void)
{
    static const struct {
        const char *value;
        const char *tag;
    } cases[] = {
        { "<sip:alice@example.com;tag=uri-param>;tag=header-tag", "header-tag" },
        { "<sip:alice@example.com;tag=uri-param>", NULL },
        { "<sip:alice@example.com;tag=uri-param>;x=1;tag=third;y=2", "third" },
        { "\"tag=fake;tag=fake\" <sip:alice@example.com>;tag=real", "real" },
        { "\"Alice; tag=x\" <sip:alice@example.com>", NULL },
        { "sip:alice@example.com;tag=addr-spec", "addr-spec" },
        { "sip:alice@example.com;transport=tcp;tag=after-other", "after-other" },
        { "Alice <sip:alice@example.com>;TAG=Upper", "Upper" },
        { "Alice <sip:alice@example.com> ; tag=spaced ", "spaced" },
        { "<sip:alice@example.com>;xtag=no;tagx=no", NULL },
        { "<sip:alice@example.com>;tag=a;tag=b", "a" },
        { "<sip:alice@example.com>", NULL },
    };
    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        parsed_t p;
        parse_printf(&p, "INVITE sip:bob@example.com SIP/2.0\r\nFrom: %s\r\nTo: %s\r\n\r\n",
                     cases[i].value, cases[i].value);
        assert_request(p, "INVITE sip:bob@example.com SIP/2.0", "INVITE", "sip:bob@example.com");
        assert_dialog(p, cases[i].tag, cases[i].tag, NULL, NULL, NULL);
        done(&p);
    }

    /* the first From header's tag, the first To header's tag: not a later
     * header's when the first has none */
    parsed_t p;
    PARSE(p, "INVITE sip:bob@example.com SIP/2.0\r\n"
             "To: <sip:bob@example.com>\r\n"
             "From: <sip:alice@example.com>;tag=first\r\n"
             "To: <sip:bob@example.com>;tag=second-to\r\n"
             "From: <sip:alice@example.com>;tag=second\r\n"
             "\r\n");
    assert_request(p, "INVITE sip:bob@example.com SIP/2.0", "INVITE", "sip:bob@example.com");
    assert_dialog(p, "first", NULL, NULL, NULL, NULL);
    done(&p);
    PARSE(p, "INVITE sip:bob@example.com SIP/2.0\r\n"
             "From: <sip:alice@example.com>\r\n"
             "From: <sip:alice@example.com>;tag=second-from\r\n"
             "\r\n");
    assert_request(p, "INVITE sip:bob@example.com SIP/2.0", "INVITE", "sip:bob@example.com");
    assert_no_dialog_headers(p);
    done(&p);
}

/* Headers that are not there: absent tokens (start NULL). */
static void
test_missing(void)
{
    parsed_t p;
    PARSE(p, "OPTIONS sip:192.0.2.4 SIP/2.0\r\n\r\n");
    assert_request(p, "OPTIONS sip:192.0.2.4 SIP/2.0", "OPTIONS", "sip:192.0.2.4");
    assert_no_dialog_headers(p);
    assert_via(p, 0, NULL, 0, NULL, NULL, NULL);
    assert_body(p, NO_LENGTH, p.len);
    done(&p);

    /* the start line alone, no line end */
    PARSE(p, "SIP/2.0 503 Service Unavailable");
    assert_response(p, "SIP/2.0 503 Service Unavailable", 503);
    assert_no_dialog_headers(p);
    assert_via(p, 0, NULL, 0, NULL, NULL, NULL);
    assert_body(p, NO_LENGTH, p.len);
    done(&p);

    /* present headers with nothing useful in them */
    PARSE(p, "SIP/2.0 100 Trying\r\n"
             "Call-ID: only@example.com\r\n"
             "From: <sip:alice@example.com>\r\n"
             "To: sip:bob@example.com\r\n"
             "Contact: *\r\n"
             "\r\n");
    assert_response(p, "SIP/2.0 100 Trying", 100);
    assert_dialog(p, NULL, NULL, "only@example.com", NULL, NULL);
    assert_body(p, NO_LENGTH, p.len);
    g_assert_cmpuint(p.m.via_count, ==, 0);
    done(&p);
}

/* Content-Length: the first one, when its value is all digits. */
static void
test_content_length(void)
{
    static const struct {
        const char *value;
        gint64 length;          /* NO_LENGTH: not a Content-Length */
    } cases[] = {
        { "0", 0 },
        { "349", 349 },
        { "  42  ", 42 },
        { "4294967295", 4294967295u },
        /* 1*DIGIT: leading zeros are digits too */
        { "000000000000042", 42 },
        { "abc", NO_LENGTH },
        { "12abc", NO_LENGTH },
        { "-1", NO_LENGTH },
        { "+5", NO_LENGTH },
        { "1 2", NO_LENGTH },
        { "", NO_LENGTH },
        { "0x10", NO_LENGTH },
        { "4294967296", NO_LENGTH },
        { "99999999999999999999", NO_LENGTH },
    };
    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        parsed_t p;
        parse_printf(&p, "SIP/2.0 200 OK\r\nContent-Length: %s\r\n\r\n", cases[i].value);
        assert_response(p, "SIP/2.0 200 OK", 200);
        assert_body(p, cases[i].length, p.len);
        done(&p);
    }

    parsed_t p;
    PARSE(p, "SIP/2.0 200 OK\r\nl: 5\r\nContent-Length: 7\r\n\r\n12345");
    assert_response(p, "SIP/2.0 200 OK", 200);
    assert_body(p, 5, p.len - 5);
    done(&p);
}

/* Where the body starts: after the first blank line, or at the end. */
static void
test_body_offset(void)
{
    /* no blank line: headers up to the end, with or without a last line end */
    static const char *const no_blank_line[] = {
        "SIP/2.0 200 OK\r\nCall-ID: x@example.com\r\n",
        "SIP/2.0 200 OK\r\nCall-ID: x@example.com",
        "SIP/2.0 200 OK\nCall-ID: x@example.com\n",
        /* ends inside the blank line's CRLF: no blank line yet */
        "SIP/2.0 200 OK\r\nCall-ID: x@example.com\r\n\r",
    };
    parsed_t p;
    for (guint i = 0; i < G_N_ELEMENTS(no_blank_line); i++) {
        parse_printf(&p, "%s", no_blank_line[i]);
        assert_response(p, "SIP/2.0 200 OK", 200);
        assert_dialog(p, NULL, NULL, "x@example.com", NULL, NULL);
        assert_body(p, NO_LENGTH, p.len);
        done(&p);
    }

    /* a blank line right after the start line */
    PARSE(p, "SIP/2.0 200 OK\r\n\r\nCall-ID: in-the-body");
    assert_response(p, "SIP/2.0 200 OK", 200);
    assert_no_dialog_headers(p);
    assert_body(p, NO_LENGTH, 18);
    done(&p);

    /* what comes after the blank line is the body, not headers, even when
     * it looks like them or holds another blank line */
#define BODY_HEADERS                                            \
    "MESSAGE sip:bob@example.com SIP/2.0\r\n"                   \
    "Via: SIP/2.0/TCP 192.0.2.1;branch=z9hG4bKbody\r\n"         \
    "Content-Type: message/sipfrag\r\n"                         \
    "Content-Length: 60\r\n"                                    \
    "\r\n"
#define BODY_BODY                                               \
    "Call-ID: body@example.com\r\n"                             \
    "Via: SIP/2.0/UDP 192.0.2.99\r\n"                           \
    "\r\n"                                                      \
    "\r\n"
    G_STATIC_ASSERT(sizeof(BODY_BODY) - 1 == 60);
    PARSE(p, BODY_HEADERS BODY_BODY);
    assert_request(p, "MESSAGE sip:bob@example.com SIP/2.0", "MESSAGE", "sip:bob@example.com");
    assert_via(p, 1, "192.0.2.1", 0, "z9hG4bKbody", NULL, NULL);
    assert_no_dialog_headers(p);
    assert_body(p, 60, sizeof(BODY_HEADERS) - 1);
    done(&p);
#undef BODY_HEADERS
#undef BODY_BODY

    /* a body that does not match its Content-Length: the offset all the same */
    PARSE(p, "SIP/2.0 200 OK\nContent-Length: 100\n\nshort");
    assert_response(p, "SIP/2.0 200 OK", 200);
    assert_body(p, 100, p.len - 5);
    done(&p);
}

/* First lines that are neither a request line nor a status line. */
static void
test_first_line_refused(void)
{
    static const char *const refused[] = {
        "HTTP/1.1 200 OK\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n",
        "SIP/2.0 20 OK\r\n\r\n",
        "SIP/2.0 2000 OK\r\n\r\n",
        "SIP/2.0 2x0 OK\r\n\r\n",
        "SIP/2.0  200 OK\r\n\r\n",
        "SIP/2.0\r\nCall-ID: x\r\n\r\n",
        "SIP/3.0 200 OK\r\n\r\n",
        "SIP/2.00 200 OK\r\n\r\n",
        "INVITE sip:bob@example.com\r\n\r\n",
        "INVITE sip:bob@example.com HTTP/1.1\r\n\r\n",
        "INVITE sip:bob@example.com SIP/1.0\r\n\r\n",
        "INVITE sip:bob@example.com SIP/2.0 extra\r\n\r\n",
        "INVITE\r\n\r\n",
        " INVITE sip:bob@example.com SIP/2.0\r\n\r\n",
        "\r\n",
        "\r\n\r\n",
        "\n",
        "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKx\r\n\r\n",
    };
    for (guint i = 0; i < G_N_ELEMENTS(refused); i++) {
        parsed_t p;
        parse_printf(&p, "%s", refused[i]);
        g_assert_false(p.ok);
        done(&p);
    }

    /* empty input */
    parsed_t p;
    parse_bytes(&p, "", 0);
    g_assert_false(p.ok);
    done(&p);
    /* a start line cut short by the end of the input */
    parse_bytes(&p, "SIP/2.0 200 OK", 9);
    g_assert_false(p.ok);
    done(&p);
    parse_bytes(&p, "INVITE sip:a@example.com SIP/2.0\r\n", 28);
    g_assert_false(p.ok);
    done(&p);
}

/* A NUL byte is an ordinary byte: it never ends the message, and it is not
 * the space of a start line. */
static void
test_nul_bytes(void)
{
    static const struct {
        const char *text;
        gsize len;
    } refused[] = {
#define NUL_CASE(literal) { literal, sizeof(literal) - 1 }
        NUL_CASE("SIP/2.0\0" "200 OK\r\n\r\n"),
        NUL_CASE("SIP/2.0 200\0OK\r\n\r\n"),
        NUL_CASE("INVITE\0sip:bob@example.com SIP/2.0\r\n\r\n"),
        NUL_CASE("INVITE sip:bob@example.com\0SIP/2.0\r\n\r\n"),
        NUL_CASE("INVITE sip:bob@example.com SIP/2.0\0\r\n\r\n"),
        NUL_CASE("SIP/2.0 2\0" "0 OK\r\n\r\n"),
    };
    for (guint i = 0; i < G_N_ELEMENTS(refused); i++) {
        parsed_t p;
        g_test_message("NUL case %u", i);
        parse_bytes(&p, refused[i].text, refused[i].len);
        g_assert_false(p.ok);
        done(&p);
    }

    /* NULs inside header values and a header line: the headers after them
     * are read, the token that holds one keeps it */
    parsed_t p;
#define NUL_HEADERS                                             \
    "SIP/2.0 200 O\0K\r\n"                                      \
    "Subject: a\0b\r\n"                                         \
    "\0\r\n"                                                    \
    "Call-ID: c\0d@example.com\r\n"                             \
    "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK\0nul\r\n"        \
    "Content-Length: 2\r\n"                                     \
    "\r\n"
    PARSE(p, NUL_HEADERS "\0\0");
    g_assert_true(p.ok);
    g_assert_false(p.m.is_request);
    g_assert_cmpuint(p.m.status, ==, 200);
    g_assert_cmpuint(p.m.first_line.len, ==, 15);
    g_assert_true(p.m.first_line.start == p.text);
    g_assert_cmpuint(p.m.call_id.len, ==, 15);
    g_assert_true(p.m.call_id.start && inside(&p, &p.m.call_id) &&
                  memcmp(p.m.call_id.start, "c\0d@example.com", 15) == 0);
    g_assert_cmpuint(p.m.via_count, ==, 1);
    g_assert_cmpuint(p.m.via.branch.len, ==, 11);
    g_assert_true(p.m.via.branch.start && inside(&p, &p.m.via.branch) &&
                  memcmp(p.m.via.branch.start, "z9hG4bK\0nul", 11) == 0);
    assert_body(p, 2, sizeof(NUL_HEADERS) - 1);
    g_assert_cmpuint(p.len - p.m.body_offset, ==, 2);
    done(&p);
#undef NUL_HEADERS
}

/* Header lines without a colon are skipped; the ones after them are read. */
static void
test_no_colon(void)
{
    parsed_t p;
    PARSE(p, "INVITE sip:bob@example.com SIP/2.0\r\n"
             "This line has no colon\r\n"
             "Call-ID: after@example.com\r\n"
             "Via SIP/2.0/UDP 192.0.2.66;branch=z9hG4bKnocolon\r\n"
             "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKcolon\r\n"
             "From <sip:alice@example.com>;tag=nocolon\r\n"
             "From: <sip:alice@example.com>;tag=colon\r\n"
             "CSeq 9 INVITE\r\n"
             "noise\r\n"
             " folded noise\r\n"
             "CSeq: 10 INVITE\r\n"
             "\r\n");
    assert_request(p, "INVITE sip:bob@example.com SIP/2.0", "INVITE", "sip:bob@example.com");
    assert_via(p, 1, "192.0.2.1", 0, "z9hG4bKcolon", NULL, NULL);
    assert_dialog(p, "colon", NULL, "after@example.com", "10 INVITE", NULL);
    assert_body(p, NO_LENGTH, p.len);
    done(&p);
}

/* Start lines accepted: any method token, any URI scheme, each status. */
static void
test_first_line(void)
{
    parsed_t p;
    PARSE(p, "FOOBAR tel:+15551234567 SIP/2.0\r\n\r\n");
    assert_request(p, "FOOBAR tel:+15551234567 SIP/2.0", "FOOBAR", "tel:+15551234567");
    done(&p);
    PARSE(p, "SIP/2.0 699 Custom\r\n\r\n");
    assert_response(p, "SIP/2.0 699 Custom", 699);
    done(&p);
    /* an empty Reason-Phrase */
    PARSE(p, "SIP/2.0 183 \r\n\r\n");
    g_assert_true(p.ok);
    g_assert_false(p.m.is_request);
    g_assert_cmpuint(p.m.status, ==, 183);
    done(&p);
    PARSE(p, "SIP/2.0 401 Unauthorized, try again\r\n\r\n");
    assert_response(p, "SIP/2.0 401 Unauthorized, try again", 401);
    done(&p);
    PARSE(p, "INVITE sips:[2001:db8::1]:5061;transport=tls SIP/2.0\n\n");
    assert_request(p, "INVITE sips:[2001:db8::1]:5061;transport=tls SIP/2.0", "INVITE",
                   "sips:[2001:db8::1]:5061;transport=tls");
    g_assert_cmpuint(p.m.body_offset, ==, p.len);
    done(&p);
}

int
main(int argc, char **argv)
{
    unit_init(&argc, &argv);
    g_test_add_func("/sip-message/invite", test_invite);
    g_test_add_func("/sip-message/response-vias", test_response_vias);
    g_test_add_func("/sip-message/lf-only", test_lf_only);
    g_test_add_func("/sip-message/compact", test_compact);
    g_test_add_func("/sip-message/name-case", test_name_case);
    g_test_add_func("/sip-message/hcolon-space", test_hcolon_space);
    g_test_add_func("/sip-message/folded", test_folded);
    g_test_add_func("/sip-message/contact-star", test_contact_star);
    g_test_add_func("/sip-message/contact-name-addr", test_contact_name_addr);
    g_test_add_func("/sip-message/contact-addr-spec", test_contact_addr_spec);
    g_test_add_func("/sip-message/via-sent-by", test_via_sent_by);
    g_test_add_func("/sip-message/via-params", test_via_params);
    g_test_add_func("/sip-message/via-params-rfc", test_via_params_rfc);
    g_test_add_func("/sip-message/tags", test_tags);
    g_test_add_func("/sip-message/missing", test_missing);
    g_test_add_func("/sip-message/content-length", test_content_length);
    g_test_add_func("/sip-message/body-offset", test_body_offset);
    g_test_add_func("/sip-message/first-line", test_first_line);
    g_test_add_func("/sip-message/first-line-refused", test_first_line_refused);
    g_test_add_func("/sip-message/nul-bytes", test_nul_bytes);
    g_test_add_func("/sip-message/no-colon", test_no_colon);
    return g_test_run();
}
