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

/* White space inside a header value, where a folded line's break counts
 * as white space too (RFC 3261, LWS). */
static inline gboolean
is_lws(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The text from s to e without white space (and folded line breaks) at
 * either end. */
static pexip_token_t
trimmed(const char *s, const char *e)
{
    while (s < e && is_lws(*s))
        s++;
    while (e > s && is_lws(e[-1]))
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
        /* SIP/2.0 SP Status-Code SP Reason-Phrase (which may be empty) */
        if (!sp2 || second_end - second != 3 || !g_ascii_isdigit(second[0]) ||
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
    while (s < e && is_lws(*s))
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

/* The next ";name[=value]" parameter at or after *p (before e): its name
 * and value, white space trimmed; a parameter without a value has value
 * start NULL. *p moves past it. FALSE when there is none. */
static gboolean
next_param(const char **p, const char *e, pexip_token_t *name, pexip_token_t *value)
{
    const char *semi = find_char(*p, e, ';');
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
    *name = trimmed(start, eq ? eq : end);
    if (eq) {
        *value = trimmed(eq + 1, end);
    } else {
        value->start = NULL;
        value->len = 0;
    }
    *p = end;
    return TRUE;
}

/* Keep value as parameter *param's (the first of its name wins); a
 * parameter without a value is present with length 0 at where. */
static void
keep_param(pexip_token_t *param, const pexip_token_t *value, const char *where)
{
    if (param->start)
        return;
    if (value->start) {
        *param = *value;
    } else {
        param->start = where;
        param->len = 0;
    }
}

/* The tag parameter of a From or To value. */
static void
read_tag(const char *s, const char *e, pexip_token_t *tag)
{
    pexip_token_t uri, name, value;
    const char *p = split_address(s, e, FALSE, &uri);
    while (next_param(&p, e, &name, &value)) {
        if (PEXIP_LOWER_IS(name.start, name.len, "tag")) {
            if (value.len > 0)
                *tag = value;
            return;
        }
    }
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
    while (p < e && is_lws(*p))
        p++;
    while (p < e && !is_lws(*p) && *p != ';')
        p++;
    while (p < e && is_lws(*p))
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
        while (p < e && *p != ':' && *p != ';' && !is_lws(*p))
            p++;
        host_end = p;
    }
    if (host_end == host)
        return;
    via->host.start = host;
    via->host.len = (gsize)(host_end - host);
    while (p < e && is_lws(*p))
        p++;
    if (p < e && *p == ':') {
        p++;
        while (p < e && is_lws(*p))
            p++;
        const char *digits = p;
        while (p < e && g_ascii_isdigit(*p))
            p++;
        if (!pexip_port_parse(digits, (gsize)(p - digits), &via->port))
            via->port = 0;
    }
    pexip_token_t name, value;
    while (next_param(&p, e, &name, &value)) {
        if (PEXIP_LOWER_IS(name.start, name.len, "branch"))
            keep_param(&via->branch, &value, p);
        else if (PEXIP_LOWER_IS(name.start, name.len, "received"))
            keep_param(&via->received, &value, p);
        else if (PEXIP_LOWER_IS(name.start, name.len, "rport"))
            keep_param(&via->rport, &value, p);
    }
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
    if (value.len == 0)
        return;
    gsize i = 0;
    while (i + 1 < value.len && value.start[i] == '0')
        i++;            /* 1*DIGIT: leading zeros are digits too */
    if (value.len - i > 10)
        return;
    guint64 n = 0;
    for (; i < value.len; i++) {
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

static header_t
header_of(const char *name, gsize len)
{
    switch (len) {
    case 1:
        switch (*name | 0x20) {      /* ASCII letters to lower case */
        case 'i': return HDR_CALL_ID;
        case 'f': return HDR_FROM;
        case 't': return HDR_TO;
        case 'v': return HDR_VIA;
        case 'm': return HDR_CONTACT;
        case 'l': return HDR_CONTENT_LENGTH;
        default: return HDR_OTHER;
        }
    case 2:
        return PEXIP_LOWER_IS(name, len, "to") ? HDR_TO : HDR_OTHER;
    case 3:
        return PEXIP_LOWER_IS(name, len, "via") ? HDR_VIA : HDR_OTHER;
    case 4:
        return PEXIP_LOWER_IS(name, len, "from") ? HDR_FROM
             : PEXIP_LOWER_IS(name, len, "cseq") ? HDR_CSEQ : HDR_OTHER;
    case 7:
        return PEXIP_LOWER_IS(name, len, "call-id") ? HDR_CALL_ID
             : PEXIP_LOWER_IS(name, len, "contact") ? HDR_CONTACT : HDR_OTHER;
    case 14:
        return PEXIP_LOWER_IS(name, len, "content-length") ? HDR_CONTENT_LENGTH : HDR_OTHER;
    default:
        return HDR_OTHER;
    }
}

/* Only the first header of each kind counts (but Via, whose entries all
 * count): seen holds a bit per header_t already read. */
static void
read_header(header_t which, const char *s, const char *e, guint *seen, pexip_sip_message_t *out)
{
    if (which != HDR_VIA) {
        if (*seen & (1u << which))
            return;
        *seen |= 1u << which;
    }
    pexip_token_t value = trimmed(s, e);
    switch (which) {
    case HDR_CALL_ID:
        out->call_id = value;
        break;
    case HDR_CSEQ:
        out->cseq = value;
        break;
    case HDR_FROM:
        read_tag(value.start, value.start + value.len, &out->from_tag);
        break;
    case HDR_TO:
        read_tag(value.start, value.start + value.len, &out->to_tag);
        break;
    case HDR_VIA:
        read_via(value.start, value.start + value.len, out);
        break;
    case HDR_CONTACT:
        if (!(value.len == 1 && *value.start == '*'))
            split_address(value.start, value.start + value.len, TRUE, &out->contact_uri);
        break;
    case HDR_CONTENT_LENGTH:
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
    guint seen = 0;
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
                read_header(which, colon + 1, e, &seen, out);
        }
        p = after;
    }
    return TRUE;
}
