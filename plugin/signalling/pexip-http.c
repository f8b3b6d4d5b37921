/* pexip-http.c
 * HTTP header values a web proxy exchanges (see pexip-http.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-http.h"

#include <string.h>

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
    if (port_text && !pexip_port_parse(port_text, strlen(port_text), port))
        return FALSE;
    memcpy(host, host_start, len);
    host[len] = '\0';
    return TRUE;
}
