/* pexip-sip-uri.c
 * SIP and SIPS URIs, split (see pexip-sip-uri.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-sip-uri.h"

#include <string.h>
#include <wsutil/inet_addr.h>
#include "pexip-endpoint.h"

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
        if (!pexip_port_parse(after + 1, len, &out->port))
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
