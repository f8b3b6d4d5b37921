/* pexip-sdp.c
 * A small SDP reader (see pexip-sdp.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-sdp.h"

#include <string.h>
#include <stdlib.h>
#include "pexip-endpoint.h"
#include "pexip-text.h"

/* Copy the next white-space separated token of [*p, end) into buf. */
static gboolean
next_token(const char **p, const char *end, char *buf, gsize size)
{
    const char *s = *p;
    while (s < end && (*s == ' ' || *s == '\t'))
        s++;
    const char *t = s;
    while (t < end && *t != ' ' && *t != '\t')
        t++;
    if (t == s || size == 0)
        return FALSE;
    gsize n = (gsize)(t - s) < size - 1 ? (gsize)(t - s) : size - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    *p = t;
    return TRUE;
}

/* "IN IP4 192.0.2.1" (c= and the tail of o=) into family/addr. */
static void
parse_address(const char *p, const char *end, guint8 *family, guint8 *addr)
{
    char nettype[8], addrtype[8], text[64];
    if (!next_token(&p, end, nettype, sizeof nettype) ||
        !next_token(&p, end, addrtype, sizeof addrtype) ||
        !next_token(&p, end, text, sizeof text))
        return;
    char *slash = strchr(text, '/');      /* multicast TTL/count */
    if (slash)
        *slash = '\0';
    guint8 parsed_family, parsed[16];
    if (!pexip_address_parse(text, &parsed_family, parsed))
        return;
    /* The address must be of the type the line says. */
    if ((parsed_family == 4 && g_ascii_strcasecmp(addrtype, "IP4") == 0) ||
        (parsed_family == 6 && g_ascii_strcasecmp(addrtype, "IP6") == 0)) {
        *family = parsed_family;
        memcpy(addr, parsed, 16);
    }
}

/* The last IPv4 or IPv6 literal in free text [p, end) (an i= line):
 * runs of hex digits, dots and colons; "10.1.2.3:5060" reads the
 * address. Leaves family/addr alone when there is none. */
static void
parse_info_address(const char *p, const char *end, guint8 *family, guint8 *addr)
{
    while (p < end) {
        while (p < end && !g_ascii_isxdigit(*p) && *p != ':')
            p++;
        const char *t = p;
        while (t < end && (g_ascii_isxdigit(*t) || *t == '.' || *t == ':'))
            t++;
        char text[64];
        gsize n = (gsize)(t - p);
        if (n >= 2 && n < sizeof text) {
            memcpy(text, p, n);
            text[n] = '\0';
            guint8 parsed_family, parsed[16];
            gboolean ok = pexip_address_parse(text, &parsed_family, parsed);
            char *colon = strchr(text, ':');
            if (!ok && colon && colon == strrchr(text, ':') && strchr(text, '.')) {
                *colon = '\0';     /* a.b.c.d:port */
                ok = pexip_address_parse(text, &parsed_family, parsed);
            }
            if (ok) {
                *family = parsed_family;
                memcpy(addr, parsed, 16);
            }
        }
        p = t;
    }
}

static void
copy_value(char *dst, gsize size, const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    gsize n = (gsize)(end - p);
    if (n > size - 1)
        n = size - 1;
    memcpy(dst, p, n);
    dst[n] = '\0';
    g_strchomp(dst);
}

/* strtol() of the number at p, reading no further than end: the SDP text
 * is not NUL-terminated, and a line may end where the body does. */
static gint
number_before(const char *p, const char *end)
{
    char text[32];
    gsize n = MIN((gsize)(end - p), sizeof text - 1);
    memcpy(text, p, n);
    text[n] = '\0';
    return (gint)strtol(text, NULL, 10);
}

static void
parse_mline(const char *p, const char *end, pexip_sdp_mline_t *m)
{
    char port[16];
    next_token(&p, end, m->media, sizeof m->media);
    if (next_token(&p, end, port, sizeof port))
        m->port = (guint16)strtoul(port, NULL, 10);     /* "port/count" reads the port */
    next_token(&p, end, m->transport, sizeof m->transport);
    m->tcp = g_ascii_strncasecmp(m->transport, "TCP", 3) == 0;
}

static pexip_media_kind_t
kind_of(const pexip_sdp_mline_t *m)
{
    if (g_ascii_strcasecmp(m->media, "audio") == 0)
        return PEXIP_MEDIA_AUDIO;
    if (g_ascii_strcasecmp(m->media, "video") == 0)
        return g_ascii_strcasecmp(m->content, "slides") == 0 ? PEXIP_MEDIA_CONTENT : PEXIP_MEDIA_VIDEO;
    if (g_ascii_strcasecmp(m->media, "application") == 0 && strstr(m->transport, "BFCP"))
        return PEXIP_MEDIA_BFCP;
    if (g_ascii_strcasecmp(m->media, "image") == 0 && g_ascii_strcasecmp(m->transport, "udptl") == 0)
        return PEXIP_MEDIA_T38;
    return PEXIP_MEDIA_OTHER;
}

gboolean
pexip_sdp_parse(const char *text, gsize len, pexip_sdp_t *out)
{
    memset(out, 0, sizeof *out);
    guint8 session_family = 0, session_addr[16] = { 0 };
    pexip_direction_t session_dir = PEXIP_DIR_SENDRECV;
    gboolean dir_set[PEXIP_SDP_MAX_MLINES] = { FALSE };
    gboolean overflow = FALSE;
    pexip_sdp_mline_t *m = NULL;

    const char *end = text + len;
    for (const char *line = text; line < end;) {
        const char *eol = memchr(line, '\n', (size_t)(end - line));
        const char *next = eol ? eol + 1 : end;
        const char *le = eol ? eol : end;
        if (le > line && le[-1] == '\r')
            le--;
        if (le - line >= 2 && line[1] == '=') {
            const char *v = line + 2;
            switch (line[0]) {
            case 'o': {
                /* o=<user> <sess-id> <version> IN IP4 <addr> */
                char skip[128];
                const char *q = v;
                if (next_token(&q, le, skip, sizeof skip) && next_token(&q, le, skip, sizeof skip) &&
                    next_token(&q, le, skip, sizeof skip))
                    parse_address(q, le, &out->origin_family, out->origin_addr);
                break;
            }
            case 'm':
                if (out->count < PEXIP_SDP_MAX_MLINES) {
                    m = &out->mlines[out->count++];
                    m->floor_mstrm_label = -1;
                    parse_mline(v, le, m);
                } else {
                    m = NULL;
                    overflow = TRUE;
                }
                break;
            case 'i':
                if (m)
                    parse_info_address(v, le, &m->info_family, m->info_addr);
                else if (!overflow)
                    parse_info_address(v, le, &out->info_family, out->info_addr);
                break;
            case 'c':
                if (m)
                    parse_address(v, le, &m->family, m->addr);
                else if (!overflow)
                    parse_address(v, le, &session_family, session_addr);
                break;
            case 'a': {
                /* a=<name>[:<value>]: the name read once, compared by length */
                const char *colon = memchr(v, ':', (gsize)(le - v));
                gsize name_len = (gsize)((colon ? colon : le) - v);
                const char *val = colon ? colon + 1 : le;
#define ATTR_IS(literal) PEXIP_LOWER_IS(v, name_len, literal)
                pexip_direction_t dir;
                gboolean is_dir = TRUE;
                if (ATTR_IS("sendrecv"))
                    dir = PEXIP_DIR_SENDRECV;
                else if (ATTR_IS("sendonly"))
                    dir = PEXIP_DIR_SENDONLY;
                else if (ATTR_IS("recvonly"))
                    dir = PEXIP_DIR_RECVONLY;
                else if (ATTR_IS("inactive"))
                    dir = PEXIP_DIR_INACTIVE;
                else
                    is_dir = FALSE;
                if (is_dir) {
                    if (m) {
                        m->direction = dir;
                        dir_set[m - out->mlines] = TRUE;
                    } else if (!overflow) {
                        session_dir = dir;
                    }
                    break;
                }
                if (!m)
                    break;
                if (ATTR_IS("rtcp-mux"))
                    m->rtcp_mux = TRUE;
                else if (ATTR_IS("content"))
                    copy_value(m->content, sizeof m->content, val, le);
                else if (ATTR_IS("label"))
                    copy_value(m->label, sizeof m->label, val, le);
                else if (ATTR_IS("floorctrl"))
                    copy_value(m->floorctrl, sizeof m->floorctrl, val, le);
                else if (ATTR_IS("confid"))
                    copy_value(m->confid, sizeof m->confid, val, le);
                else if (ATTR_IS("userid"))
                    copy_value(m->userid, sizeof m->userid, val, le);
                else if (ATTR_IS("floorid")) {
                    /* a=floorid:1 mstrm:12 */
                    const char *ms = g_strstr_len(val, le - val, "mstrm:");
                    if (ms)
                        m->floor_mstrm_label = number_before(ms + 6, le);
                }
#undef ATTR_IS
                break;
            }
            default:
                break;
            }
        }
        line = next;
    }

    for (guint i = 0; i < out->count; i++) {
        pexip_sdp_mline_t *ml = &out->mlines[i];
        if (!ml->family && session_family) {
            ml->family = session_family;
            memcpy(ml->addr, session_addr, 16);
        }
        if (!dir_set[i])
            ml->direction = session_dir;
        ml->kind = kind_of(ml);
    }
    /* A BFCP floor names the m-line it controls by its a=label: that video
     * m-line carries content even without a=content:slides. */
    for (guint i = 0; i < out->count; i++) {
        const pexip_sdp_mline_t *b = &out->mlines[i];
        if (b->kind != PEXIP_MEDIA_BFCP || b->floor_mstrm_label < 0)
            continue;
        char want[16];
        g_snprintf(want, sizeof want, "%d", b->floor_mstrm_label);
        for (guint j = 0; j < out->count; j++) {
            pexip_sdp_mline_t *v = &out->mlines[j];
            if (v->kind == PEXIP_MEDIA_VIDEO && strcmp(v->label, want) == 0)
                v->kind = PEXIP_MEDIA_CONTENT;
        }
    }
    return out->count > 0;
}

static gboolean
is_rtp_transport(const char *transport)
{
    return strstr(transport, "RTP") != NULL;
}

wmem_array_t *
pexip_sdp_announce(wmem_allocator_t *scope, const pexip_call_t *call,
                   const pexip_sender_t *sender, guint32 valid_from, const pexip_sdp_t *sdp)
{
    if (!call)
        return NULL;
    wmem_array_t *streams = NULL;
    for (guint i = 0; i < sdp->count; i++) {
        const pexip_sdp_mline_t *m = &sdp->mlines[i];
        if (m->port == 0 || m->family == 0)
            continue;
        pexip_stream_t announced;
        memset(&announced, 0, sizeof announced);
        announced.setup_frame = sender->frame;
        announced.announced_by = *sender;
        announced.mline = i;
        announced.stream = i + 1;
        announced.kind = m->kind;
        announced.direction = m->direction;
        announced.transport = m->transport;
        announced.family = m->family;
        memcpy(announced.addr, m->addr, sizeof announced.addr);
        announced.port = m->port;
        announced.tcp = m->tcp != 0;
        /* RTCP on port + 1 unless multiplexed (RTP transports only). */
        gboolean rtcp = is_rtp_transport(m->transport) && !m->rtcp_mux;
        pexip_stream_t *stream = pexip_calls_add_stream(call, valid_from, &announced, rtcp);
        if (!stream)
            continue;
        if (!streams)
            streams = wmem_array_new(scope, sizeof(pexip_stream_t *));
        wmem_array_append_one(streams, stream);
    }
    return streams;
}
