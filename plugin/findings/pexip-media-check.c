/* pexip-media-check.c
 * The media detectors (see pexip-media-check.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-media-check.h"

#include <math.h>
#include <string.h>
#include "pexip-endpoint.h"
#include "pexip-findings-store.h"

/* ---- spans of time ---------------------------------------------------- */

/* The time covered by some flows, clipped to a window. */
typedef struct {
    gboolean any;
    double start, end;
    guint32 first_frame;
} span_t;

static void
span_add(span_t *span, const pexip_flow_t *flow, double from, double until)
{
    if (flow->packets == 0 || flow->last_time < from || flow->first_time > until)
        return;
    double start = MAX(flow->first_time, from);
    double end = MIN(flow->last_time, until);
    if (!span->any || start < span->start)
        span->start = start;
    if (!span->any || end > span->end)
        span->end = end;
    if (!span->any || flow->first_frame < span->first_frame)
        span->first_frame = flow->first_frame;
    span->any = TRUE;
}

static double
span_length(const span_t *span)
{
    return span->any ? span->end - span->start : 0.0;
}

/* When s's announcement was in force. */
static void
stream_window(const pexip_stream_t *s, double *from, double *until)
{
    *from = s->announced_by.time;
    *until = s->superseded_frame ? s->superseded_time : INFINITY;
}

/* Streams are told apart by where they are received: the side of a
 * stream is its destination (an H.323 FastStart Connect repeats the
 * caller's own address, sent by the other side). */
static gboolean
same_destination(const pexip_stream_t *a, const pexip_stream_t *b)
{
    return a->family == b->family && a->port == b->port && memcmp(a->addr, b->addr, 16) == 0;
}

static pexip_stream_t **
call_streams(const pexip_call_t *call, guint *count)
{
    *count = call->streams ? wmem_array_get_count(call->streams) : 0;
    return call->streams ? (pexip_stream_t **)wmem_array_get_raw(call->streams) : NULL;
}

/* The same announcement in two copies of one message (captures of two
 * points merged; an ALG between them may have rewritten it): the same
 * message, stream and logical channel. */
static gboolean
same_announcement(const pexip_stream_t *a, const pexip_stream_t *b)
{
    return a->message && a->message == b->message && a->stream == b->stream &&
           a->channel == b->channel;
}

/* Which of the call's streams (all, n) name s's receiver: s; the same
 * announcement in another copy of its message; any announcement of the
 * stream received where one of those is (an H.323 FastStart Connect
 * repeats the caller's own address); and so on. A new array (g_free);
 * each stream is looked at once per name found (names are few). */
static gboolean *
receiver_names(const pexip_stream_t *s, pexip_stream_t *const *all, guint n)
{
    gboolean *in = g_new0(gboolean, n ? n : 1);
    guint *queue = g_new(guint, n ? n : 1);
    guint head = 0, tail = 0;
    for (guint i = 0; i < n; i++) {
        if (all[i] == s || (all[i]->stream == s->stream &&
                            (same_announcement(all[i], s) ||
                             (all[i]->port != 0 && same_destination(all[i], s))))) {
            in[i] = TRUE;
            queue[tail++] = i;
        }
    }
    while (head < tail) {
        const pexip_stream_t *a = all[queue[head++]];
        for (guint i = 0; i < n; i++) {
            if (!in[i] && all[i]->stream == s->stream &&
                (same_announcement(all[i], a) ||
                 (all[i]->port != 0 && same_destination(all[i], a)))) {
                in[i] = TRUE;
                queue[tail++] = i;
            }
        }
    }
    g_free(queue);
    return in;
}

/* all[i] is the other side's announcement of s's stream: the same stream
 * number, an RTP destination, and not a name of s's own receiver
 * (names: receiver_names of s). */
static gboolean
other_side(const pexip_stream_t *s, pexip_stream_t *const *all, const gboolean *names, guint i)
{
    return !names[i] && all[i]->stream == s->stream && all[i]->port != 0;
}

/* The other side's announcements of the same stream (received
 * elsewhere), in force for some time within (from, until). */
static gboolean
is_counterpart(pexip_stream_t *const *all, const gboolean *names, guint i, const pexip_stream_t *s,
               double from, double until)
{
    const pexip_stream_t *t = all[i];
    if (!other_side(s, all, names, i))
        return FALSE;
    double t_from, t_until;
    stream_window(t, &t_from, &t_until);
    return t_from < until && t_until > from;
}

/* A destination that takes media over UDP: an RTP port its direction
 * receives on. */
static gboolean
receives(const pexip_stream_t *s)
{
    return s->port != 0 && !s->tcp && pexip_direction_receives(s->direction);
}

/* ---- pure detectors --------------------------------------------------- */

pexip_media_path_t
pexip_detect_media_path(const pexip_stream_t *s, double wait, const pexip_stream_t **peer,
                        guint32 *first_frame, double *flowed)
{
    *peer = NULL;
    *first_frame = 0;
    *flowed = 0;
    if (!s->call || !s->call->answered || !receives(s) ||
        (s->kind != PEXIP_MEDIA_AUDIO && s->kind != PEXIP_MEDIA_VIDEO))
        return PEXIP_MEDIA_PATH_OK;
    double from, until;
    stream_window(s, &from, &until);
    guint n;
    pexip_stream_t **all = call_streams(s->call, &n);
    gboolean *names = receiver_names(s, all, n);

    /* Toward s's side: to its destination, or from the other side's
     * announced address (a peer that latched sends elsewhere). */
    span_t toward = { 0 };
    span_add(&toward, &s->to, from, until);
    for (guint i = 0; i < n; i++) {
        if (is_counterpart(all, names, i, s, from, until))
            span_add(&toward, &all[i]->from, from, until);
    }
    if (toward.any) {
        g_free(names);
        return PEXIP_MEDIA_PATH_OK;
    }

    /* The same stream the other way. */
    for (guint i = 0; i < n; i++) {
        const pexip_stream_t *t = all[i];
        if (!is_counterpart(all, names, i, s, from, until) || !receives(t))
            continue;
        span_t back = { 0 };
        span_add(&back, &t->to, from, until);
        span_add(&back, &s->from, from, until);
        if (span_length(&back) >= wait) {
            *peer = t;
            *first_frame = back.first_frame;
            *flowed = span_length(&back);
            g_free(names);
            return PEXIP_MEDIA_PATH_ONE_WAY;
        }
    }
    g_free(names);

    /* Any other stream of the call, either way. */
    span_t other = { 0 };
    for (guint i = 0; i < n; i++) {
        if (all[i]->stream == s->stream)
            continue;
        span_add(&other, &all[i]->to, from, until);
        span_add(&other, &all[i]->from, from, until);
    }
    if (span_length(&other) >= wait) {
        *flowed = span_length(&other);
        return PEXIP_MEDIA_PATH_MISSING;
    }
    return PEXIP_MEDIA_PATH_OK;
}

gint
pexip_detect_content_missing(const pexip_call_t *call, double wait)
{
    if (!call->floor_grants)
        return -1;
    guint n;
    pexip_stream_t **all = call_streams(call, &n);
    double media_end = 0;
    for (guint i = 0; i < n; i++) {
        if (all[i]->to.packets)
            media_end = MAX(media_end, all[i]->to.last_time);
        if (all[i]->from.packets)
            media_end = MAX(media_end, all[i]->from.last_time);
    }
    const pexip_floor_grant_t *grants = (const pexip_floor_grant_t *)wmem_array_get_raw(call->floor_grants);
    for (guint g = 0; g < wmem_array_get_count(call->floor_grants); g++) {
        double from = grants[g].time, until = grants[g].time + wait;
        /* The call went on long enough for content to have arrived. */
        if (media_end < until)
            continue;
        span_t content = { 0 };
        for (guint i = 0; i < n; i++) {
            if (all[i]->kind != PEXIP_MEDIA_CONTENT)
                continue;
            span_add(&content, &all[i]->to, from, until);
            span_add(&content, &all[i]->from, from, until);
        }
        if (!content.any)
            return (gint)g;
    }
    return -1;
}

const pexip_stream_t *
pexip_media_counterpart(const pexip_stream_t *s, guint32 frame)
{
    guint n;
    pexip_stream_t **all = call_streams(s->call, &n);
    gboolean *names = receiver_names(s, all, n);
    const pexip_stream_t *found = NULL;
    /* The latest one announced by then. */
    for (guint i = n; i > 0 && !found; i--) {
        if (all[i - 1]->setup_frame <= frame && other_side(s, all, names, i - 1))
            found = all[i - 1];
    }
    g_free(names);
    return found;
}

/* A packet from src_family/src:src_port is from where t (rtcp: t's RTCP)
 * is received. */
static gboolean
comes_from(const pexip_stream_t *t, gboolean rtcp, guint8 src_family, const guint8 *src,
           guint16 src_port)
{
    guint8 family = rtcp ? t->rtcp_family : t->family;
    const guint8 *addr = rtcp ? t->rtcp_addr : t->addr;
    guint16 port = rtcp ? t->rtcp_port : t->port;
    if (rtcp && !t->rtcp)
        return FALSE;
    guint len = family == PEXIP_FAMILY_IPV4 ? 4 : 16;
    return family == src_family && memcmp(addr, src, len) == 0 && port == src_port;
}

gboolean
pexip_detect_unannounced_source(const pexip_stream_t *s, gboolean rtcp, guint8 src_family,
                                const guint8 *src, guint16 src_port, guint32 frame,
                                const pexip_stream_t **announced)
{
    *announced = NULL;
    if (s->tcp)
        return FALSE;
    const pexip_stream_t *t = pexip_media_counterpart(s, frame);
    if (!t)
        return FALSE;
    /* A sender that names no RTCP address of its own (rtcp-mux, an
     * H.245 channel without one) is not judged on RTCP. */
    if (rtcp && !t->rtcp)
        return FALSE;
    if (comes_from(t, rtcp, src_family, src, src_port))
        return FALSE;
    /* Another name of t's receiver: the same message seen at another
     * capture point (merged captures) names the address this capture
     * point sees, before or after an ALG rewrote it. */
    guint n;
    pexip_stream_t **all = call_streams(s->call, &n);
    gboolean *names = receiver_names(t, all, n);
    gboolean named = FALSE;
    for (guint i = 0; i < n && !named; i++)
        named = names[i] && all[i]->setup_frame <= frame &&
                comes_from(all[i], rtcp, src_family, src, src_port);
    g_free(names);
    if (named)
        return FALSE;
    *announced = t;
    return TRUE;
}

gboolean
pexip_icmp_quoted(const guint8 *data, guint length, gboolean v6, pexip_quoted_packet_t *out)
{
    memset(out, 0, sizeof *out);
    guint header;
    if (!v6) {
        if (length < 20 || (data[0] >> 4) != 4)
            return FALSE;
        header = (guint)(data[0] & 0x0f) * 4;
        if (header < 20)
            return FALSE;
        out->family = PEXIP_FAMILY_IPV4;
        out->protocol = data[9];
        memcpy(out->src, data + 12, 4);
        memcpy(out->dst, data + 16, 4);
    } else {
        if (length < 40 || (data[0] >> 4) != 6)
            return FALSE;
        header = 40;
        out->family = PEXIP_FAMILY_IPV6;
        out->protocol = data[6];    /* extension headers are not followed */
        memcpy(out->src, data + 8, 16);
        memcpy(out->dst, data + 24, 16);
    }
    if ((out->protocol != 17 && out->protocol != 6) || length < header + 4)
        return FALSE;
    out->src_port = (guint16)((data[header] << 8) | data[header + 1]);
    out->dst_port = (guint16)((data[header + 2] << 8) | data[header + 3]);
    return TRUE;
}

static const char *
destination_text(const pexip_stream_t *s)
{
    return pexip_address_to_str(pexip_findings_scope(), s->family, s->addr, s->port);
}

/* Which side a destination is on, for the advice. */
static const char *
side_advice(const pexip_stream_t *s, pexip_service_address_fn is_service)
{
    if (is_service && is_service(s->family, s->addr, s->setup_frame))
        return "check that the customer side may send UDP to the service's media ports";
    return "the receiving side's UDP media port range is likely not open to the service network";
}

static void
check_paths(const pexip_call_t *call, double wait, pexip_service_address_fn is_service)
{
    guint n;
    pexip_stream_t **all = call_streams(call, &n);
    for (guint i = 0; i < n; i++) {
        const pexip_stream_t *s = all[i];
        const pexip_stream_t *peer;
        guint32 first_frame;
        double flowed;
        const char *kind = pexip_media_kind_name(s->kind);
        switch (pexip_detect_media_path(s, wait, &peer, &first_frame, &flowed)) {
        case PEXIP_MEDIA_PATH_MISSING:
            pexip_findings_capture_add(s->setup_frame, PEXIP_FINDING_MEDIA_MISSING, call,
                   wmem_strdup_printf(pexip_findings_scope(),
                                      "No %s packet reached %s (announced here) while other media "
                                      "of call %u flowed for %.0f s: %s",
                                      kind, destination_text(s), call->number, flowed,
                                      side_advice(s, is_service)));
            break;
        case PEXIP_MEDIA_PATH_ONE_WAY:
            pexip_findings_capture_add(s->setup_frame, PEXIP_FINDING_MEDIA_ONE_WAY, call,
                   wmem_strdup_printf(pexip_findings_scope(),
                                      "One-way %s: none reached %s (announced here), the other way "
                                      "to %s flowed for %.0f s from frame %u: %s",
                                      kind, destination_text(s), destination_text(peer), flowed,
                                      first_frame, side_advice(s, is_service)));
            pexip_findings_capture_add(first_frame, PEXIP_FINDING_MEDIA_ONE_WAY, call,
                   wmem_strdup_printf(pexip_findings_scope(),
                                      "One-way %s: this direction flowed, none came back to %s "
                                      "(announced in frame %u)",
                                      kind, destination_text(s), s->setup_frame));
            break;
        default:
            break;
        }
    }
}

static void
check_content(const pexip_call_t *call, double wait)
{
    gint g = pexip_detect_content_missing(call, wait);
    if (g < 0)
        return;
    const pexip_floor_grant_t *grant =
        (const pexip_floor_grant_t *)wmem_array_index(call->floor_grants, (guint)g);
    /* Name the content destinations in force then (the floor holder's
     * side sends, the other receives). */
    GString *where = g_string_new(NULL);
    guint named = 0;
    guint n;
    pexip_stream_t **all = call_streams(call, &n);
    for (guint i = 0; i < n && named < 2; i++) {
        double from, until;
        stream_window(all[i], &from, &until);
        if (all[i]->kind == PEXIP_MEDIA_CONTENT && all[i]->port && from <= grant->time &&
            until >= grant->time) {
            g_string_append_printf(where, "%s%s", named ? " or " : " to ", destination_text(all[i]));
            named++;
        }
    }
    pexip_findings_capture_add(grant->frame, PEXIP_FINDING_MEDIA_CONTENT_MISSING, call,
           wmem_strdup_printf(pexip_findings_scope(),
                              "Floor granted, but no content%s within %.0f s while the call went "
                              "on: the receiving side's UDP media port range is likely not open "
                              "to the service network",
                              where->str, wait));
    g_string_free(where, TRUE);
}

void
pexip_media_check_run(double wait, pexip_service_address_fn is_service)
{
    wmem_array_t *calls = pexip_calls_all();
    if (!calls || !pexip_findings_scope())
        return;
    pexip_call_t **c = (pexip_call_t **)wmem_array_get_raw(calls);
    for (guint i = 0; i < wmem_array_get_count(calls); i++) {
        check_paths(c[i], wait, is_service);
        check_content(c[i], wait);
    }
}
