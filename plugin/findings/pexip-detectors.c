/* pexip-detectors.c
 * Detectors over the call model (see pexip-detectors.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-detectors.h"

#include <string.h>
#include "pexip-ranges.h"
#include "pexip-endpoint.h"

static pexip_address_scope_t
scope4(const guint8 *a)
{
    if (a[0] == 0 || a[0] == 127 || (a[0] == 169 && a[1] == 254) || a[0] >= 224)
        return PEXIP_ADDRESS_OTHER;
    if (a[0] == 10 || (a[0] == 172 && (a[1] & 0xf0) == 16) || (a[0] == 192 && a[1] == 168) ||
        (a[0] == 100 && (a[1] & 0xc0) == 64))
        return PEXIP_ADDRESS_PRIVATE;
    return PEXIP_ADDRESS_PUBLIC;
}

static pexip_address_scope_t
scope6(const guint8 *a)
{
    static const guint8 zero[15];
    if (memcmp(a, zero, 15) == 0)                       /* :: and ::1 */
        return PEXIP_ADDRESS_OTHER;
    if (a[0] == 0xff || (a[0] == 0xfe && (a[1] & 0xc0) == 0x80))  /* multicast, link-local */
        return PEXIP_ADDRESS_OTHER;
    if ((a[0] & 0xfe) == 0xfc)                          /* ULA fc00::/7 */
        return PEXIP_ADDRESS_PRIVATE;
    static const guint8 mapped[12] = { [10] = 0xff, [11] = 0xff };
    if (memcmp(a, mapped, 12) == 0)                     /* ::ffff:a.b.c.d */
        return scope4(a + 12);
    return PEXIP_ADDRESS_PUBLIC;
}

pexip_address_scope_t
pexip_address_scope(guint8 family, const guint8 *addr)
{
    if (family == PEXIP_FAMILY_IPV4)
        return scope4(addr);
    if (family == PEXIP_FAMILY_IPV6)
        return scope6(addr);
    return PEXIP_ADDRESS_OTHER;
}

gint
pexip_detect_sdp_origin_mismatch(const pexip_sdp_t *sdp)
{
    pexip_address_scope_t origin = pexip_address_scope(sdp->origin_family, sdp->origin_addr);
    if (origin == PEXIP_ADDRESS_OTHER)
        return -1;
    for (guint i = 0; i < sdp->count; i++) {
        const pexip_sdp_mline_t *m = &sdp->mlines[i];
        if (m->port == 0)
            continue;
        pexip_address_scope_t connection = pexip_address_scope(m->family, m->addr);
        if (connection != PEXIP_ADDRESS_OTHER && connection != origin)
            return (gint)i;
    }
    return -1;
}

guint
pexip_detect_private_addresses(guint8 src_family, const guint8 *src,
                               const pexip_named_address_t *addrs, guint n, gboolean *found)
{
    guint count = 0;
    gboolean public_source = pexip_address_scope(src_family, src) == PEXIP_ADDRESS_PUBLIC;
    for (guint i = 0; i < n; i++) {
        found[i] = public_source &&
                   pexip_address_scope(addrs[i].family, addrs[i].addr) == PEXIP_ADDRESS_PRIVATE;
        if (found[i])
            count++;
    }
    return count;
}

/* ---- web proxies -------------------------------------------------------- */

/* RFC 9110 tchar. */
static gboolean
is_tchar(char c)
{
    return c != '\0' && (g_ascii_isalnum(c) || strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

static const char *
skip_ows(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

/* Past the current list element: to its comma (not inside a quoted
 * string), or to the end. */
static const char *
skip_element(const char *p)
{
    gboolean quoted = FALSE;
    for (; *p; p++) {
        if (quoted) {
            if (*p == '\\' && p[1])
                p++;
            else if (*p == '"')
                quoted = FALSE;
        } else if (*p == '"') {
            quoted = TRUE;
        } else if (*p == ',') {
            break;
        }
    }
    return p;
}

guint
pexip_http_challenge_schemes(const char *value, pexip_token_t *schemes, guint max)
{
    guint count = 0;
    const char *p = value ? value : "";
    while (*p) {
        while (*p == ',' || *p == ' ' || *p == '\t')
            p++;
        const char *start = p;
        while (is_tchar(*p))
            p++;
        /* A token not followed by "=" starts a challenge; "name=" is an
         * auth-param of the challenge before. */
        if (p > start && *skip_ows(p) != '=') {
            if (count < max) {
                schemes[count].start = start;
                schemes[count].len = (gsize)(p - start);
            }
            count++;
        }
        p = skip_element(p);
    }
    return count;
}

gboolean
pexip_http_credentials_scheme(const char *value, pexip_token_t *scheme)
{
    if (!value)
        return FALSE;
    const char *start = skip_ows(value);
    const char *p = start;
    while (is_tchar(*p))
        p++;
    scheme->start = start;
    scheme->len = (gsize)(p - start);
    return p > start;
}

gboolean
pexip_token_is(const pexip_token_t *token, const char *name)
{
    return token->len == strlen(name) && g_ascii_strncasecmp(token->start, name, token->len) == 0;
}

gboolean
pexip_proxy_scheme_unsupported(const pexip_token_t *scheme)
{
    return pexip_token_is(scheme, "Digest") || pexip_token_is(scheme, "NTLM") ||
           pexip_token_is(scheme, "Negotiate") || pexip_token_is(scheme, "Kerberos");
}

gboolean
pexip_proxy_connect_failed(guint status)
{
    return status >= 300 && status != 407;
}

const char *
pexip_proxy_connect_advice(guint status)
{
    if (status >= 500)
        return "the proxy could not reach the service. Let the proxy connect to the service's "
               "addresses on TCP 443";
    if (status >= 400)
        return "the proxy refused the tunnel. Allow CONNECT to the service domains and "
               "addresses on port 443";
    return "the proxy did not open the tunnel. Allow CONNECT to the service domains and "
           "addresses on port 443";
}

/* A port: len digits, 1-65535. */
static gboolean
parse_port(const char *text, gsize len, guint16 *port)
{
    guint value = 0;
    if (len == 0)
        return FALSE;
    for (gsize i = 0; i < len; i++) {
        if (!g_ascii_isdigit(text[i]) || value > 65535)
            return FALSE;
        value = value * 10 + (guint)(text[i] - '0');
    }
    if (value == 0 || value > 65535)
        return FALSE;
    *port = (guint16)value;
    return TRUE;
}

gboolean
pexip_connect_target_split(const char *target, char *host, gsize size, guint16 *port)
{
    if (!target || size == 0)
        return FALSE;
    const char *host_start = target, *host_end, *port_text = NULL;
    if (target[0] == '[') {
        host_start = target + 1;
        host_end = strchr(host_start, ']');
        if (!host_end)
            return FALSE;
        if (host_end[1] == ':')
            port_text = host_end + 2;
        else if (host_end[1] != '\0')
            return FALSE;
    } else {
        const char *colon = strchr(target, ':');
        if (colon && !strchr(colon + 1, ':')) {
            host_end = colon;
            port_text = colon + 1;
        } else {
            host_end = target + strlen(target);     /* no port, or a bare IPv6 */
        }
    }
    gsize len = (gsize)(host_end - host_start);
    if (len == 0 || len >= size)
        return FALSE;
    *port = 0;
    if (port_text && !parse_port(port_text, strlen(port_text), port))
        return FALSE;
    memcpy(host, host_start, len);
    host[len] = '\0';
    return TRUE;
}

/* ---- certificate names (DER) -------------------------------------------- */

typedef struct {
    const guint8 *p;
    gsize len;
} der_t;

/* The next TLV of in: its tag and contents; in moves past it. Definite
 * lengths of up to 4 bytes and low tag numbers only (all X.509 needs). */
static gboolean
der_next(der_t *in, guint8 *tag, der_t *contents)
{
    if (in->len < 2 || (in->p[0] & 0x1f) == 0x1f)
        return FALSE;
    gsize pos = 2;
    gsize n = in->p[1];
    if (n & 0x80) {
        gsize bytes = n & 0x7f;
        if (bytes == 0 || bytes > 4 || in->len - pos < bytes)
            return FALSE;
        n = 0;
        for (gsize i = 0; i < bytes; i++)
            n = (n << 8) | in->p[pos++];
    }
    if (n > in->len - pos)
        return FALSE;
    *tag = in->p[0];
    contents->p = in->p + pos;
    contents->len = n;
    in->p += pos + n;
    in->len -= pos + n;
    return TRUE;
}

static gboolean
der_is_oid(const der_t *oid, const guint8 *bytes, gsize len)
{
    return oid->len == len && memcmp(oid->p, bytes, len) == 0;
}

typedef struct {
    const pexip_dns_suffixes_t *suffixes;
    pexip_cert_names_t *names;
} cert_reader_t;

static void
cert_add_name(cert_reader_t *r, const der_t *value)
{
    pexip_cert_names_t *names = r->names;
    if (value->len == 0 || value->len >= PEXIP_CERT_NAME_SIZE)
        return;
    char name[PEXIP_CERT_NAME_SIZE];
    for (gsize i = 0; i < value->len; i++) {
        guint8 c = value->p[i];
        name[i] = (c < 0x20 || c >= 0x7f) ? '?' : (char)c;
    }
    name[value->len] = '\0';
    for (guint i = 0; i < names->kept; i++) {
        if (g_ascii_strcasecmp(names->names[i], name) == 0)
            return;                     /* the CN repeating a dNSName */
    }
    names->count++;
    if (!names->service && pexip_cert_name_is_service(r->suffixes, name))
        names->service = TRUE;
    if (names->kept < PEXIP_CERT_MAX_NAMES)
        memcpy(names->names[names->kept++], name, value->len + 1);
}

/* Extensions ::= SEQUENCE OF Extension { extnID, critical DEFAULT FALSE,
 * extnValue OCTET STRING }: the dNSNames ([2]) of subjectAltName. */
static gboolean
cert_read_extensions(der_t explicit, cert_reader_t *r)
{
    static const guint8 san[] = { 0x55, 0x1d, 0x11 };      /* 2.5.29.17 */
    der_t list, ext, oid, value, general_names, name;
    guint8 tag;
    if (!der_next(&explicit, &tag, &list) || tag != 0x30)
        return FALSE;
    while (list.len) {
        if (!der_next(&list, &tag, &ext) || tag != 0x30 ||
            !der_next(&ext, &tag, &oid) || tag != 0x06 || !der_next(&ext, &tag, &value))
            return FALSE;
        if (tag == 0x01 && !der_next(&ext, &tag, &value))
            return FALSE;
        if (tag != 0x04)
            return FALSE;
        if (!der_is_oid(&oid, san, sizeof san))
            continue;
        if (!der_next(&value, &tag, &general_names) || tag != 0x30)
            return FALSE;
        while (general_names.len) {
            if (!der_next(&general_names, &tag, &name))
                return FALSE;
            if (tag == 0x82)
                cert_add_name(r, &name);
        }
    }
    return TRUE;
}

/* Name ::= SEQUENCE OF SET OF { type OID, value }: the commonNames. */
static gboolean
cert_read_subject(der_t subject, cert_reader_t *r)
{
    static const guint8 cn[] = { 0x55, 0x04, 0x03 };       /* 2.5.4.3 */
    der_t set, attribute, oid, value;
    guint8 tag;
    while (subject.len) {
        if (!der_next(&subject, &tag, &set) || tag != 0x31)
            return FALSE;
        while (set.len) {
            if (!der_next(&set, &tag, &attribute) || tag != 0x30 ||
                !der_next(&attribute, &tag, &oid) || tag != 0x06 ||
                !der_next(&attribute, &tag, &value))
                return FALSE;
            /* UTF8String, PrintableString, T61String, IA5String */
            if (der_is_oid(&oid, cn, sizeof cn) &&
                (tag == 0x0c || tag == 0x13 || tag == 0x14 || tag == 0x16))
                cert_add_name(r, &value);
        }
    }
    return TRUE;
}

gboolean
pexip_cert_name_is_service(const pexip_dns_suffixes_t *suffixes, const char *name)
{
    if (!name)
        return FALSE;
    if (g_str_has_prefix(name, "*."))
        name += 2;
    return pexip_dns_name_matches(suffixes, name);
}

gboolean
pexip_cert_names(const guint8 *der, gsize len, const pexip_dns_suffixes_t *suffixes,
                 pexip_cert_names_t *names)
{
    names->count = names->kept = 0;
    names->service = FALSE;
    if (!der)
        return FALSE;
    cert_reader_t reader = { suffixes, names };
    der_t in = { der, len }, cert, tbs, item, subject;
    guint8 tag;
    /* Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] version
     * OPTIONAL, serialNumber, signature, issuer, validity, subject,
     * subjectPublicKeyInfo, [1], [2], [3] extensions }, ... } */
    if (!der_next(&in, &tag, &cert) || tag != 0x30 || !der_next(&cert, &tag, &tbs) || tag != 0x30)
        return FALSE;
    if (!der_next(&tbs, &tag, &item))
        return FALSE;
    if (tag == 0xa0 && !der_next(&tbs, &tag, &item))
        return FALSE;
    if (tag != 0x02)
        return FALSE;
    for (int i = 0; i < 3; i++) {       /* signature, issuer, validity */
        if (!der_next(&tbs, &tag, &item) || tag != 0x30)
            return FALSE;
    }
    if (!der_next(&tbs, &tag, &subject) || tag != 0x30 ||
        !der_next(&tbs, &tag, &item) || tag != 0x30)
        return FALSE;
    while (tbs.len) {
        if (!der_next(&tbs, &tag, &item))
            return FALSE;
        if (tag == 0xa3 && !cert_read_extensions(item, &reader))
            return FALSE;
    }
    return cert_read_subject(subject, &reader);
}

gboolean
pexip_detect_partial_rewrite(guint8 src_family, const guint8 *src,
                             const pexip_named_address_t *addrs, guint n,
                             gboolean *rewritten, gboolean *left_private)
{
    guint n_rewritten = 0, n_private = 0;
    gboolean public_source = pexip_address_scope(src_family, src) == PEXIP_ADDRESS_PUBLIC;
    gsize len = src_family == PEXIP_FAMILY_IPV4 ? 4 : 16;
    for (guint i = 0; i < n; i++) {
        rewritten[i] = public_source && addrs[i].family == src_family &&
                       memcmp(addrs[i].addr, src, len) == 0;
        left_private[i] = public_source &&
                          pexip_address_scope(addrs[i].family, addrs[i].addr) == PEXIP_ADDRESS_PRIVATE;
        n_rewritten += rewritten[i] ? 1 : 0;
        n_private += left_private[i] ? 1 : 0;
    }
    return n_rewritten > 0 && n_private > 0;
}

gint
pexip_detect_nat_trace(const pexip_sdp_t *sdp)
{
    for (guint i = 0; i < sdp->count; i++) {
        const pexip_sdp_mline_t *m = &sdp->mlines[i];
        if (m->port == 0 || pexip_address_scope(m->family, m->addr) != PEXIP_ADDRESS_PUBLIC)
            continue;
        guint8 family = m->info_family ? m->info_family : sdp->info_family;
        const guint8 *addr = m->info_family ? m->info_addr : sdp->info_addr;
        if (pexip_address_scope(family, addr) == PEXIP_ADDRESS_PRIVATE)
            return (gint)i;
    }
    return -1;
}

/* Printable text lines: what an SDP's extra bytes look like. */
static gboolean
is_sdp_text(const guint8 *p, gsize len)
{
    if (len == 0 || p[len - 1] != '\n')
        return FALSE;
    for (gsize i = 0; i < len; i++) {
        if ((p[i] < 0x20 || p[i] > 0x7e) && p[i] != '\r' && p[i] != '\n' && p[i] != '\t')
            return FALSE;
    }
    return TRUE;
}

/* An o=, c= or m= line [p, end) (without its line end) with a run of two
 * blanks, or a blank at its end. */
static gboolean
line_is_padded(const guint8 *p, const guint8 *end)
{
    if (end - p < 2 || p[1] != '=' || (p[0] != 'o' && p[0] != 'c' && p[0] != 'm'))
        return FALSE;
    if (end[-1] == ' ' || end[-1] == '\t')
        return TRUE;
    for (const guint8 *q = p + 2; q + 1 < end; q++) {
        if (q[0] == ' ' && q[1] == ' ')
            return TRUE;
    }
    return FALSE;
}

static gboolean
body_is_padded(const guint8 *body, gsize len)
{
    const guint8 *end = body + len;
    for (const guint8 *line = body; line < end;) {
        const guint8 *eol = (const guint8 *)memchr(line, '\n', (size_t)(end - line));
        const guint8 *le = eol ? eol : end;
        if (le > line && le[-1] == '\r')
            le--;
        if (!eol) {
            /* after the last line end: blanks only is padding */
            const guint8 *q = line;
            while (q < end && (*q == ' ' || *q == '\t'))
                q++;
            if (q == end)
                return TRUE;
        }
        if (line_is_padded(line, le))
            return TRUE;
        line = eol ? eol + 1 : end;
    }
    return FALSE;
}

pexip_body_check_t
pexip_detect_content_length(guint32 content_length, const guint8 *body, gsize len,
                            gboolean end_known)
{
    if (end_known && len < content_length)
        return PEXIP_BODY_SHORTER;
    if (end_known && len > content_length &&
        is_sdp_text(body + content_length, len - content_length))
        return PEXIP_BODY_LONGER;
    return body_is_padded(body, len < content_length ? len : content_length)
        ? PEXIP_BODY_PADDED : PEXIP_BODY_OK;
}

static gboolean
same_host(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return g_ascii_strcasecmp(a, b) == 0;
}

guint
pexip_detect_rewritten(const pexip_sip_addresses_t *earlier, const pexip_sip_addresses_t *later)
{
    if (earlier->via_count != later->via_count)
        return 0;
    guint changed = 0;
    if (!same_host(earlier->via, later->via) || earlier->via_port != later->via_port)
        changed |= PEXIP_REWRITE_VIA;
    if (!same_host(earlier->contact, later->contact) ||
        earlier->contact_port != later->contact_port)
        changed |= PEXIP_REWRITE_CONTACT;
    if (earlier->origin_family != later->origin_family ||
        memcmp(earlier->origin_addr, later->origin_addr, 16) != 0)
        changed |= PEXIP_REWRITE_ORIGIN;
    if (earlier->media_count != later->media_count)
        changed |= PEXIP_REWRITE_CONNECTION;
    guint n = MIN(earlier->media_count, later->media_count);
    for (guint i = 0; i < n; i++) {
        const pexip_media_address_t *a = &earlier->media[i], *b = &later->media[i];
        if (a->family != b->family || memcmp(a->addr, b->addr, 16) != 0)
            changed |= PEXIP_REWRITE_CONNECTION;
        if (a->port != b->port)
            changed |= PEXIP_REWRITE_PORT;
    }
    return changed;
}

static gboolean
same_transport_address(const pexip_named_address_t *a, const pexip_named_address_t *b)
{
    return a->family == b->family && a->port == b->port && memcmp(a->addr, b->addr, 16) == 0;
}

pexip_copy_verdict_t
pexip_detect_h323_rewritten(const pexip_h323_addresses_t *earlier,
                            const pexip_h323_addresses_t *later, gboolean *changed)
{
    for (guint i = 0; i < later->count; i++)
        changed[i] = FALSE;
    if (earlier->family != later->family)
        return PEXIP_COPY_OTHER;
    gsize len = later->family == PEXIP_FAMILY_IPV4 ? 4 : 16;
    gboolean same_src = memcmp(earlier->src, later->src, len) == 0;
    gboolean same_dst = memcmp(earlier->dst, later->dst, len) == 0;
    gboolean same_places = earlier->count == later->count;
    guint n_changed = 0;
    for (guint i = 0; same_places && i < later->count; i++) {
        const pexip_named_address_t *a = &earlier->named[i], *b = &later->named[i];
        if (!a->where || !b->where || strcmp(a->where, b->where) != 0)
            same_places = FALSE;
        else if (!same_transport_address(a, b))
            n_changed++;
    }
    if (same_src && same_dst)
        return same_places && n_changed == 0 ? PEXIP_COPY_UNCHANGED : PEXIP_COPY_NEW_MESSAGE;
    if (!same_src && !same_dst)
        return PEXIP_COPY_OTHER;
    if (!same_places)
        return PEXIP_COPY_OTHER;
    if (n_changed == 0)
        return PEXIP_COPY_UNCHANGED;
    for (guint i = 0; i < later->count; i++)
        changed[i] = !same_transport_address(&earlier->named[i], &later->named[i]);
    return PEXIP_COPY_REWRITTEN;
}

/* ---- SIP URIs ------------------------------------------------------------- */

static pexip_sip_transport_t
transport_named(const pexip_token_t *value)
{
    return pexip_token_is(value, "udp") ? PEXIP_SIP_TRANSPORT_UDP
         : pexip_token_is(value, "tcp") ? PEXIP_SIP_TRANSPORT_TCP
         : pexip_token_is(value, "tls") ? PEXIP_SIP_TRANSPORT_TLS
         : PEXIP_SIP_TRANSPORT_OTHER;
}

gboolean
pexip_sip_uri_parse(const char *uri, pexip_sip_uri_t *out)
{
    memset(out, 0, sizeof *out);
    if (!uri)
        return FALSE;
    const char *p;
    if (g_ascii_strncasecmp(uri, "sips:", 5) == 0) {
        out->sips = TRUE;
        p = uri + 5;
    } else if (g_ascii_strncasecmp(uri, "sip:", 4) == 0) {
        p = uri + 4;
    } else {
        return FALSE;
    }
    const char *end = p + strcspn(p, ">");
    /* The user part may hold ';', ':' and '?': the host follows its '@'. */
    const char *at = memchr(p, '@', (gsize)(end - p));
    const char *host = at ? at + 1 : p;
    const char *after;
    if (host < end && *host == '[') {
        const char *close = memchr(host, ']', (gsize)(end - host));
        if (!close)
            return FALSE;
        out->host.start = host + 1;
        out->host.len = (gsize)(close - host - 1);
        after = close + 1;
    } else {
        gsize len = strcspn(host, ":;?>");
        out->host.start = host;
        out->host.len = len;
        after = host + len;
    }
    if (out->host.len == 0)
        return FALSE;
    if (after < end && *after == ':') {
        gsize len = strcspn(after + 1, ";?>");
        if (!parse_port(after + 1, len, &out->port))
            return FALSE;
        after += 1 + len;
    }
    /* Parameters up to the headers. */
    const char *params_end = after + strcspn(after, "?>");
    while (after < params_end && *after == ';') {
        const char *name = after + 1;
        const char *next = memchr(name, ';', (gsize)(params_end - name));
        if (!next)
            next = params_end;
        const char *eq = memchr(name, '=', (gsize)(next - name));
        pexip_token_t key = { name, (gsize)((eq ? eq : next) - name) };
        if (eq && pexip_token_is(&key, "transport")) {
            pexip_token_t value = { eq + 1, (gsize)(next - eq - 1) };
            out->transport = transport_named(&value);
        }
        after = next;
    }
    return TRUE;
}

gboolean
pexip_sip_uri_tcp_endpoint(const pexip_sip_uri_t *uri, guint8 *family, guint8 addr[16],
                           guint16 *port)
{
    gboolean tls = uri->sips || uri->transport == PEXIP_SIP_TRANSPORT_TLS;
    if (!tls && uri->transport != PEXIP_SIP_TRANSPORT_TCP)
        return FALSE;
    char host[WS_INET6_ADDRSTRLEN];
    if (!uri->host.start || uri->host.len >= sizeof host)
        return FALSE;
    memcpy(host, uri->host.start, uri->host.len);
    host[uri->host.len] = '\0';
    if (!pexip_address_parse(host, family, addr))
        return FALSE;
    *port = uri->port ? uri->port : (guint16)(tls ? 5061 : 5060);
    return TRUE;
}

/* ---- Finding texts -------------------------------------------------------- */

const char *
pexip_finding_text_fit(wmem_allocator_t *scope, const char *text)
{
    static const char ellipsis[] = "...";
    const gsize dots = sizeof ellipsis - 1;
    if (!text || strlen(text) <= PEXIP_FINDING_TEXT_MAX)
        return text;
    const char *advice = g_strrstr(text, ": ");
    /* Keep the advice whole when some of what was seen still fits. */
    if (!advice || strlen(advice) + dots + 20 > PEXIP_FINDING_TEXT_MAX)
        advice = "";
    gsize room = PEXIP_FINDING_TEXT_MAX - strlen(advice) - dots;
    /* Not in the middle of a UTF-8 sequence. */
    while (room > 0 && ((guint8)text[room] & 0xC0) == 0x80)
        room--;
    return wmem_strdup_printf(scope, "%.*s%s%s", (int)room, text, ellipsis, advice);
}
