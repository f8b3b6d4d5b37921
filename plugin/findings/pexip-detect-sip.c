/* pexip-detect-sip.c
 * What a SIP message and its SDP show of an ALG (see pexip-detect-sip.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-detect-sip.h"

#include <string.h>
#include "pexip-detect-address.h"

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

/* An IP literal, bracketed or not, into family/addr. */
static gboolean
parse_host(const char *text, guint8 *family, guint8 addr[16])
{
    if (!text)
        return FALSE;
    gsize len = strlen(text);
    if (len > 2 && text[0] == '[' && text[len - 1] == ']') {
        char inner[64];
        if (len - 2 >= sizeof inner)
            return FALSE;
        memcpy(inner, text + 1, len - 2);
        inner[len - 2] = '\0';
        return pexip_address_parse(inner, family, addr);
    }
    return pexip_address_parse(text, family, addr);
}

gboolean
pexip_detect_via_received(const char *sent_by, const char *received, guint8 *family,
                          guint8 addr[16])
{
    guint8 sent_family, sent_addr[16];
    if (!received || !parse_host(sent_by, &sent_family, sent_addr) ||
        !parse_host(received, family, addr))
        return FALSE;
    return *family != sent_family || memcmp(addr, sent_addr, 16) != 0;
}

gboolean
pexip_detect_request_unanswered(const pexip_sip_transaction_t *t)
{
    return t && t->udp && !t->from_service && t->to_service && t->sends >= 2 &&
           t->responses == 0;
}
