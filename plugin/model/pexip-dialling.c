/* pexip-dialling.c
 * How a device dialled the service (see pexip-dialling.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-dialling.h"

#include <string.h>
#include "pexip-endpoint.h"

/* The domain whose numeric aliases are conferences. */
#define PEXIP_CONFERENCE_DOMAIN "vmr.vc"

static const char *const schemes[] = { "sip:", "sips:", "h323:", "tel:" };

/* Copy s[0..len) into out (at most PEXIP_DIAL_MAX - 1 bytes). */
static void
copy_part(char out[PEXIP_DIAL_MAX], const char *s, gsize len)
{
    if (len >= PEXIP_DIAL_MAX)
        len = PEXIP_DIAL_MAX - 1;
    memcpy(out, s, len);
    out[len] = '\0';
}

/* Length of s up to the first of stop (or its end). */
static gsize
span_until(const char *s, gsize len, const char *stop)
{
    for (gsize i = 0; i < len; i++) {
        if (strchr(stop, s[i]))
            return i;
    }
    return len;
}

static gboolean
all_digits(const char *s, gsize len)
{
    if (len == 0)
        return FALSE;
    for (gsize i = 0; i < len; i++) {
        if (!g_ascii_isdigit(s[i]))
            return FALSE;
    }
    return TRUE;
}

/* host (len bytes, no port) is the conference domain or a service
 * address. */
static gboolean
conference_host(const char *host, gsize len, pexip_service_address_fn is_service, guint32 frame)
{
    char text[PEXIP_DIAL_MAX];
    if (len > 1 && host[0] == '[' && host[len - 1] == ']') {
        host++;
        len -= 2;
    }
    copy_part(text, host, len);
    if (g_ascii_strcasecmp(text, PEXIP_CONFERENCE_DOMAIN) == 0)
        return TRUE;
    guint8 family, addr[16];
    if (!pexip_address_parse(text, &family, addr))
        return FALSE;
    return !is_service || is_service(family, addr, frame);
}

pexip_dialled_kind_t
pexip_dialled_read(const char *dialled, gboolean digits_only, pexip_service_address_fn is_service,
                   guint32 frame, char out[PEXIP_DIAL_MAX])
{
    out[0] = '\0';
    if (!dialled)
        return PEXIP_DIALLED_NOTHING;
    const char *s = dialled;
    gsize len = strlen(s);
    while (len > 0 && (g_ascii_isspace(*s) || *s == '<')) {
        s++;
        len--;
    }
    while (len > 0 && (g_ascii_isspace(s[len - 1]) || s[len - 1] == '>'))
        len--;
    for (guint i = 0; i < G_N_ELEMENTS(schemes); i++) {
        gsize n = strlen(schemes[i]);
        if (len >= n && g_ascii_strncasecmp(s, schemes[i], n) == 0) {
            s += n;
            len -= n;
            break;
        }
    }
    if (len == 0)
        return PEXIP_DIALLED_NOTHING;
    if (digits_only) {
        copy_part(out, s, len);
        return PEXIP_DIALLED_CONFERENCE;
    }
    /* address##number */
    const char *hashes = g_strstr_len(s, (gssize)len, "##");
    if (hashes) {
        const char *number = hashes + 2;
        gsize n = span_until(number, len - (gsize)(number - s), ";?@");
        if (n == 0)
            return PEXIP_DIALLED_NOTHING;
        copy_part(out, number, n);
        return PEXIP_DIALLED_CONFERENCE;
    }
    const char *at = memchr(s, '@', len);
    if (!at) {
        gsize n = span_until(s, len, ";?");
        if (!all_digits(s, n))
            return PEXIP_DIALLED_NOTHING;
        copy_part(out, s, n);
        return PEXIP_DIALLED_CONFERENCE;
    }
    gsize user_len = span_until(s, (gsize)(at - s), ";?");
    const char *host = at + 1;
    gsize host_len = span_until(host, len - (gsize)(host - s), ";?");
    if (host_len > 0 && host[0] == '[') {
        const char *close = memchr(host, ']', host_len);
        if (close)
            host_len = (gsize)(close - host) + 1;
    } else {
        const char *colon = memchr(host, ':', host_len);
        /* one colon: a port; more: a bare IPv6 address */
        if (colon && !memchr(colon + 1, ':', host_len - (gsize)(colon + 1 - host)))
            host_len = (gsize)(colon - host);
    }
    if (user_len == 0 || host_len == 0)
        return PEXIP_DIALLED_NOTHING;
    if (conference_host(host, host_len, is_service, frame)) {
        copy_part(out, s, user_len);
        return PEXIP_DIALLED_CONFERENCE;
    }
    char uri[PEXIP_DIAL_MAX * 2 + 2];
    g_snprintf(uri, sizeof uri, "%.*s@%.*s", (int)user_len, s, (int)host_len, host);
    copy_part(out, uri, strlen(uri));
    return PEXIP_DIALLED_URI;
}

gboolean
pexip_dtmf_key(pexip_dtmf_t *dtmf, char key)
{
    if (key == '#') {
        gboolean complete = dtmf->count > 0 && !dtmf->overflow;
        dtmf->digits[complete ? dtmf->count : 0] = '\0';
        dtmf->count = 0;
        dtmf->overflow = FALSE;
        return complete;
    }
    if (!g_ascii_isdigit(key) && key != '*')
        return FALSE;
    if (dtmf->count >= PEXIP_DTMF_MAX) {
        dtmf->overflow = TRUE;
        return FALSE;
    }
    dtmf->digits[dtmf->count++] = key;
    dtmf->digits[dtmf->count] = '\0';
    return FALSE;
}

char
pexip_dtmf_event_key(guint event)
{
    if (event <= 9)
        return (char)('0' + event);
    if (event == 10)
        return '*';
    if (event == 11)
        return '#';
    return 0;
}
