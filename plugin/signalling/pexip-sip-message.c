/* pexip-sip-message.c
 * One SIP message's start line and headers, split from its bytes (see
 * pexip-sip-message.h). One pass over the header block: each line is found
 * with memchr, its name compared only when its length is that of a header
 * the model reads, and only those values are split further.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-sip-message.h"

#include <string.h>

static inline gboolean
is_wsp(char c)
{
    return c == ' ' || c == '\t';
}

/* The text from s to e without white space (and folded line breaks) at
 * either end. */
static pexip_token_t
trimmed(const char *s, const char *e)
{
    while (s < e && (is_wsp(*s) || *s == '\r' || *s == '\n'))
        s++;
    while (e > s && (is_wsp(e[-1]) || e[-1] == '\r' || e[-1] == '\n'))
        e--;
    pexip_token_t t = { s, (gsize)(e - s) };
    return t;
}

static inline const char *
find_char(const char *s, const char *e, char c)
{
    return s < e ? (const char *)memchr(s, c, (gsize)(e - s)) : NULL;
}

/* The end of the line that starts at s (before its CR LF or LF), and in
 * *next where the following line starts. */
static const char *
line_end(const char *s, const char *end, const char **next)
{
    const char *lf = find_char(s, end, '\n');
    if (!lf) {
        *next = end;
        return end;
    }
    *next = lf + 1;
    return lf > s && lf[-1] == '\r' ? lf - 1 : lf;
}

static inline gboolean
token_equals(const char *s, gsize len, const char *literal, gsize literal_len)
{
    return len == literal_len && memcmp(s, literal, len) == 0;
}

/* The request or status line. */
static gboolean
parse_first_line(const char *s, const char *e, pexip_sip_message_t *out)
{
    out->first_line.start = s;
    out->first_line.len = (gsize)(e - s);
    const char *sp1 = find_char(s, e, ' ');
    if (!sp1 || sp1 == s)
        return FALSE;
    const char *second = sp1 + 1;
    const char *sp2 = find_char(second, e, ' ');
    const char *second_end = sp2 ? sp2 : e;
    if (token_equals(s, (gsize)(sp1 - s), "SIP/2.0", 7)) {
        if (second_end - second != 3 || !g_ascii_isdigit(second[0]) ||
            !g_ascii_isdigit(second[1]) || !g_ascii_isdigit(second[2]))
            return FALSE;
        out->is_request = FALSE;
        out->status = (guint)((second[0] - '0') * 100 + (second[1] - '0') * 10 + (second[2] - '0'));
        return TRUE;
    }
    /* METHOD SP Request-URI SP SIP/2.0: the URI has a scheme's colon */
    if (!sp2 || sp2 - second < 3 || !find_char(second + 1, sp2, ':') ||
        !token_equals(sp2 + 1, (gsize)(e - (sp2 + 1)), "SIP/2.0", 7))
        return FALSE;
    out->is_request = TRUE;
    out->method.start = s;
    out->method.len = (gsize)(sp1 - s);
    out->request_uri.start = second;
    out->request_uri.len = (gsize)(sp2 - second);
    return TRUE;
}

/* Past a quoted string that starts at s (its opening '"'): the character
 * after its closing quote, or e when it does not close. */
static const char *
skip_quoted(const char *s, const char *e)
{
    for (s++; s < e; s++) {
        if (*s == '\\' && s + 1 < e)
            s++;
        else if (*s == '"')
            return s + 1;
    }
    return e;
}

/* The first entry of a name-addr or addr-spec list (From, To, Contact):
 * its URI in *uri (start NULL when there is none) and where its header
 * parameters start. list: a Contact's entries end at a comma outside the
 * angle brackets. */
static const char *
split_address(const char *s, const char *e, gboolean list, pexip_token_t *uri)
{
    uri->start = NULL;
    uri->len = 0;
    while (s < e && is_wsp(*s))
        s++;
    const char *p = s;
    /* a display name: a quoted string, or tokens before '<' */
    if (p < e && *p == '"')
        p = skip_quoted(p, e);
    const char *lt = find_char(p, e, '<');
    if (lt) {
        /* name-addr when '<' comes before any colon of an addr-spec */
        const char *colon = find_char(p, lt, ':');
        if (colon && p == s)
            lt = NULL;
    }
    if (lt) {
        const char *gt = find_char(lt + 1, e, '>');
        if (!gt)
            return e;
        *uri = trimmed(lt + 1, gt);
        return gt + 1;
    }
    /* addr-spec: up to the first ';' (header parameters) or ',' (the next
     * entry of a list) */
    const char *q = s;
    while (q < e && *q != ';' && !(list && *q == ','))
        q++;
    *uri = trimmed(s, q);
    if (uri->len == 0)
        uri->start = NULL;
    return q;
}

/* The value of parameter name (lower case, name_len bytes) among the
 * ";name[=value]" parameters from s to e, ignoring case; a parameter
 * without a value is present with length 0. */
static gboolean
find_param(const char *s, const char *e, const char *name, gsize name_len, pexip_token_t *value)
{
    const char *p = s;
    while (p < e) {
        const char *semi = find_char(p, e, ';');
        if (!semi)
            return FALSE;
        const char *start = semi + 1;
        const char *end = start;
        while (end < e && *end != ';') {
            if (*end == '"')
                end = skip_quoted(end, e);
            else
                end++;
        }
        const char *eq = find_char(start, end, '=');
        pexip_token_t key = trimmed(start, eq ? eq : end);
        if (key.len == name_len && g_ascii_strncasecmp(key.start, name, name_len) == 0) {
            if (eq) {
                *value = trimmed(eq + 1, end);
            } else {
                value->start = end;
                value->len = 0;
            }
            return TRUE;
        }
        p = end;
    }
    return FALSE;
}

/* The tag parameter of a From or To value. */
static void
read_tag(const char *s, const char *e, pexip_token_t *tag)
{
    pexip_token_t uri;
    const char *params = split_address(s, e, FALSE, &uri);
    pexip_token_t value;
    if (find_param(params, e, "tag", 3, &value) && value.len > 0)
        *tag = value;
}

/* One Via entry (via-parm: "SIP / 2.0 / UDP host[:port];params"). */
static void
read_via_entry(const char *s, const char *e, pexip_sip_via_t *via)
{
    /* past the sent-protocol's two slashes and its transport */
    const char *p = find_char(s, e, '/');
    p = p ? find_char(p + 1, e, '/') : NULL;
    if (!p)
        return;
    p++;
    while (p < e && is_wsp(*p))
        p++;
    while (p < e && !is_wsp(*p) && *p != ';')
        p++;
    while (p < e && is_wsp(*p))
        p++;
    const char *host = p;
    const char *host_end;
    if (p < e && *p == '[') {
        const char *close = find_char(p, e, ']');
        if (!close)
            return;
        host = p + 1;
        host_end = close;
        p = close + 1;
    } else {
        while (p < e && *p != ':' && *p != ';' && !is_wsp(*p))
            p++;
        host_end = p;
    }
    if (host_end == host)
        return;
    via->host.start = host;
    via->host.len = (gsize)(host_end - host);
    while (p < e && is_wsp(*p))
        p++;
    if (p < e && *p == ':') {
        p++;
        while (p < e && is_wsp(*p))
            p++;
        const char *digits = p;
        while (p < e && g_ascii_isdigit(*p))
            p++;
        if (!pexip_port_parse(digits, (gsize)(p - digits), &via->port))
            via->port = 0;
    }
    find_param(p, e, "branch", 6, &via->branch);
    find_param(p, e, "received", 8, &via->received);
    find_param(p, e, "rport", 5, &via->rport);
}

/* A Via header's entries: counted, and the first one split when it is the
 * message's top entry. */
static void
read_via(const char *s, const char *e, pexip_sip_message_t *out)
{
    const char *p = s;
    while (p < e) {
        const char *end = p;
        while (end < e && *end != ',') {
            if (*end == '"')
                end = skip_quoted(end, e);
            else
                end++;
        }
        pexip_token_t entry = trimmed(p, end);
        if (entry.len > 0) {
            if (out->via_count == 0)
                read_via_entry(entry.start, entry.start + entry.len, &out->via);
            out->via_count++;
        }
        p = end + 1;
    }
}

static void
read_content_length(pexip_token_t value, pexip_sip_message_t *out)
{
    if (value.len == 0 || value.len > 10)
        return;
    guint64 n = 0;
    for (gsize i = 0; i < value.len; i++) {
        if (!g_ascii_isdigit(value.start[i]))
            return;
        n = n * 10 + (guint64)(value.start[i] - '0');
    }
    if (n > G_MAXUINT32)
        return;
    out->has_content_length = TRUE;
    out->content_length = (guint32)n;
}

/* Which header the model reads a name (name_len bytes) is. */
typedef enum {
    HDR_OTHER, HDR_CALL_ID, HDR_FROM, HDR_TO, HDR_VIA, HDR_CONTACT, HDR_CONTENT_LENGTH, HDR_CSEQ
} header_t;

static inline gboolean
name_is(const char *name, gsize len, const char *lower)
{
    return g_ascii_strncasecmp(name, lower, len) == 0;
}

static header_t
header_of(const char *name, gsize len)
{
    switch (len) {
    case 1:
        switch (g_ascii_tolower(*name)) {
        case 'i': return HDR_CALL_ID;
        case 'f': return HDR_FROM;
        case 't': return HDR_TO;
        case 'v': return HDR_VIA;
        case 'm': return HDR_CONTACT;
        case 'l': return HDR_CONTENT_LENGTH;
        default: return HDR_OTHER;
        }
    case 2:
        return name_is(name, len, "to") ? HDR_TO : HDR_OTHER;
    case 3:
        return name_is(name, len, "via") ? HDR_VIA : HDR_OTHER;
    case 4:
        return name_is(name, len, "from") ? HDR_FROM
             : name_is(name, len, "cseq") ? HDR_CSEQ : HDR_OTHER;
    case 7:
        return name_is(name, len, "call-id") ? HDR_CALL_ID
             : name_is(name, len, "contact") ? HDR_CONTACT : HDR_OTHER;
    case 14:
        return name_is(name, len, "content-length") ? HDR_CONTENT_LENGTH : HDR_OTHER;
    default:
        return HDR_OTHER;
    }
}

static void
read_header(header_t which, const char *s, const char *e, pexip_sip_message_t *out)
{
    pexip_token_t value = trimmed(s, e);
    switch (which) {
    case HDR_CALL_ID:
        if (!out->call_id.start)
            out->call_id = value;
        break;
    case HDR_CSEQ:
        if (!out->cseq.start)
            out->cseq = value;
        break;
    case HDR_FROM:
        if (!out->from_tag.start)
            read_tag(value.start, value.start + value.len, &out->from_tag);
        break;
    case HDR_TO:
        if (!out->to_tag.start)
            read_tag(value.start, value.start + value.len, &out->to_tag);
        break;
    case HDR_VIA:
        read_via(value.start, value.start + value.len, out);
        break;
    case HDR_CONTACT:
        if (!out->contact_uri.start && !(value.len == 1 && *value.start == '*'))
            split_address(value.start, value.start + value.len, TRUE, &out->contact_uri);
        break;
    case HDR_CONTENT_LENGTH:
        if (!out->has_content_length)
            read_content_length(value, out);
        break;
    case HDR_OTHER:
        break;
    }
}

gboolean
pexip_sip_message_parse(const char *text, gsize len, pexip_sip_message_t *out)
{
    memset(out, 0, sizeof *out);
    if (!text || len == 0)
        return FALSE;
    const char *end = text + len;
    const char *next;
    const char *first_end = line_end(text, end, &next);
    if (!parse_first_line(text, first_end, out))
        return FALSE;
    out->body_offset = len;
    const char *p = next;
    while (p < end) {
        const char *after;
        const char *e = line_end(p, end, &after);
        if (e == p) {
            /* the blank line: the body follows */
            out->body_offset = (gsize)(after - text);
            break;
        }
        /* a line that starts with white space continues this header */
        while (after < end && is_wsp(*after))
            e = line_end(after, end, &after);
        const char *colon = find_char(p, e, ':');
        if (colon) {
            const char *name_end = colon;
            while (name_end > p && is_wsp(name_end[-1]))
                name_end--;
            header_t which = header_of(p, (gsize)(name_end - p));
            if (which != HDR_OTHER)
                read_header(which, colon + 1, e, out);
        }
        p = after;
    }
    return TRUE;
}
