/* pexip-report.c
 * The triage report (see pexip-report.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-report.h"

#include <string.h>
#include <time.h>
#include <epan/proto.h>
#include "pexip-calls.h"
#include "pexip-endpoint.h"
#include "pexip-findings.h"
#include "pexip-findings-store.h"

const char *
pexip_verdict_name(pexip_verdict_t verdict)
{
    static const char *const names[] = { "ok", "notes", "warnings", "errors" };
    return (guint)verdict < G_N_ELEMENTS(names) ? names[verdict] : "ok";
}

static pexip_verdict_t
verdict_of(pexip_finding_kind_t kind)
{
    switch (pexip_findings[kind].severity) {
    case PI_ERROR: return PEXIP_VERDICT_ERRORS;
    case PI_WARN:  return PEXIP_VERDICT_WARNINGS;
    default:       return PEXIP_VERDICT_NOTES;
    }
}

/* ---- the findings, by call -------------------------------------------- */

/* One finding with its frame, as the report lists it. */
typedef struct {
    guint32 frame;
    pexip_finding_t finding;
} listed_t;

typedef struct {
    wmem_allocator_t *scope;
    guint ncalls;
    wmem_array_t **of_call;     /* [call number]: listed_t; [0]: of no call */
    wmem_array_t *all;          /* listed_t, in frame order */
    pexip_verdict_t verdict;
} findings_t;

static void
collect(guint32 frame, const pexip_finding_t *finding, gpointer data)
{
    findings_t *f = (findings_t *)data;
    listed_t listed = { frame, *finding };
    guint call = finding->call <= f->ncalls ? finding->call : 0;
    wmem_array_append_one(f->of_call[call], listed);
    wmem_array_append_one(f->all, listed);
    f->verdict = MAX(f->verdict, verdict_of(finding->kind));
}

static void
collect_findings(wmem_allocator_t *scope, guint ncalls, findings_t *f)
{
    f->scope = scope;
    f->ncalls = ncalls;
    f->of_call = wmem_alloc_array(scope, wmem_array_t *, ncalls + 1);
    for (guint i = 0; i <= ncalls; i++)
        f->of_call[i] = wmem_array_new(scope, sizeof(listed_t));
    f->all = wmem_array_new(scope, sizeof(listed_t));
    f->verdict = PEXIP_VERDICT_OK;
    pexip_findings_foreach(collect, f);
}

static pexip_verdict_t
verdict_among(wmem_array_t *listed)
{
    pexip_verdict_t verdict = PEXIP_VERDICT_OK;
    for (guint i = 0; i < wmem_array_get_count(listed); i++)
        verdict = MAX(verdict, verdict_of(((listed_t *)wmem_array_index(listed, i))->finding.kind));
    return verdict;
}

pexip_verdict_t
pexip_report_verdict(void)
{
    wmem_allocator_t *scope = wmem_allocator_new(WMEM_ALLOCATOR_BLOCK);
    findings_t f;
    collect_findings(scope, 0, &f);
    pexip_verdict_t verdict = f.verdict;
    wmem_destroy_allocator(scope);
    return verdict;
}

/* ---- what a call is ------------------------------------------------- */

static const char *
first_dialled(const pexip_call_t *call)
{
    return call->dial_strings && wmem_array_get_count(call->dial_strings)
        ? *(const char **)wmem_array_index(call->dial_strings, 0) : NULL;
}

/* Where a stream is received: its RTP destination, else (an H.245
 * channel that names only where its RTCP goes) its RTCP destination. */
static void
stream_destination(const pexip_stream_t *s, guint8 *family, const guint8 **addr, guint16 *port)
{
    gboolean rtp = s->port != 0;
    *family = rtp ? s->family : s->rtcp_family;
    *addr = rtp ? s->addr : s->rtcp_addr;
    *port = rtp ? s->port : s->rtcp_port;
}

/* "2026-11-20 10:00:00.123 UTC" */
static char *
time_text(wmem_allocator_t *scope, double t)
{
    time_t secs = (time_t)t;
    struct tm tm;
    char day[32];
    if (!gmtime_r(&secs, &tm) || !strftime(day, sizeof day, "%Y-%m-%d %H:%M:%S", &tm))
        return wmem_strdup(scope, "?");
    return wmem_strdup_printf(scope, "%s.%03d UTC", day, (int)((t - (double)secs) * 1000.0));
}

/* ---- text ------------------------------------------------------------- */

static void
text_findings(GString *out, wmem_allocator_t *scope, wmem_array_t *listed, const char *indent)
{
    for (guint i = 0; i < wmem_array_get_count(listed); i++) {
        const listed_t *l = (const listed_t *)wmem_array_index(listed, i);
        const pexip_finding_info_t *row = &pexip_findings[l->finding.kind];
        g_string_append_printf(out, "%s%s %s, frame %u: %s\n", indent,
                               pexip_finding_severity_name(row->severity), row->name, l->frame,
                               pexip_finding_text_fit(scope, l->finding.text));
    }
}

static void
text_stream(GString *out, wmem_allocator_t *scope, const pexip_stream_t *s)
{
    guint8 family;
    const guint8 *addr;
    guint16 port;
    stream_destination(s, &family, &addr, &port);
    g_string_append_printf(out, "    %u %s to %s%s, set up in frame %u: to it %u packet%s (%" G_GUINT64_FORMAT
                           " bytes), from it %u packet%s (%" G_GUINT64_FORMAT " bytes)\n",
                           s->stream, pexip_media_kind_name(s->kind),
                           pexip_address_to_str(scope, family, addr, port),
                           s->port ? "" : " (RTCP)", s->setup_frame, s->to.packets,
                           s->to.packets == 1 ? "" : "s", s->to.bytes, s->from.packets,
                           s->from.packets == 1 ? "" : "s", s->from.bytes);
}

static void
text_call(GString *out, wmem_allocator_t *scope, const pexip_call_t *call, wmem_array_t *findings)
{
    g_string_append_printf(out, "Call %u: %s, call id %s\n", call->number,
                           pexip_signaling_name(call->signaling), call->call_id);
    if (call->service_family)
        g_string_append_printf(out, "  service %s, peer %s\n",
                               pexip_address_to_str(scope, call->service_family,
                                                    call->service_addr, 0),
                               pexip_address_to_str(scope, call->service_family, call->peer_addr,
                                                    0));
    const char *dialled = first_dialled(call);
    g_string_append_printf(out, "  dialled %s, conference %s\n", dialled ? dialled : "(unknown)",
                           call->conference_id ? call->conference_id : "(unknown)");
    g_string_append_printf(out, "  frames %u to %u, %s to %s\n", call->first_frame,
                           call->last_frame, time_text(scope, call->first_time),
                           time_text(scope, call->last_time));
    guint n = call->streams ? wmem_array_get_count(call->streams) : 0;
    g_string_append_printf(out, "  streams:%s\n", n ? "" : " none announced");
    for (guint i = 0; i < n; i++)
        text_stream(out, scope, *(const pexip_stream_t **)wmem_array_index(call->streams, i));
    g_string_append_printf(out, "  findings:%s\n", wmem_array_get_count(findings) ? "" : " none");
    text_findings(out, scope, findings, "    ");
}

static void
write_text(GString *out, wmem_allocator_t *scope, guint32 frames, pexip_call_t **calls,
           guint ncalls, const findings_t *f)
{
    g_string_append_printf(out, "Pexip report: %u frames, %u call%s\n", frames, ncalls,
                           ncalls == 1 ? "" : "s");
    for (guint i = 0; i < ncalls; i++) {
        g_string_append_c(out, '\n');
        text_call(out, scope, calls[i], f->of_call[calls[i]->number]);
    }
    g_string_append_printf(out, "\nFindings that belong to no call:%s\n",
                           wmem_array_get_count(f->of_call[0]) ? "" : " none");
    text_findings(out, scope, f->of_call[0], "  ");
    g_string_append_printf(out, "\nverdict: %s\n", pexip_verdict_name(f->verdict));
}

/* ---- JSON ------------------------------------------------------------- */

/* A JSON string (or null): valid UTF-8, quotes, backslashes and control
 * characters escaped. */
static void
json_string(GString *out, const char *text)
{
    if (!text) {
        g_string_append(out, "null");
        return;
    }
    char *valid = g_utf8_make_valid(text, -1);
    g_string_append_c(out, '"');
    for (const char *p = valid; *p; p++) {
        guchar c = (guchar)*p;
        if (c == '"' || c == '\\')
            g_string_append_printf(out, "\\%c", c);
        else if (c < 0x20)
            g_string_append_printf(out, "\\u%04x", c);
        else
            g_string_append_c(out, (char)c);
    }
    g_string_append_c(out, '"');
    g_free(valid);
}

static void
json_key(GString *out, const char *key, gboolean first)
{
    g_string_append_printf(out, "%s\"%s\": ", first ? "" : ", ", key);
}

static void
json_findings(GString *out, wmem_allocator_t *scope, wmem_array_t *listed)
{
    g_string_append_c(out, '[');
    for (guint i = 0; i < wmem_array_get_count(listed); i++) {
        const listed_t *l = (const listed_t *)wmem_array_index(listed, i);
        const pexip_finding_info_t *row = &pexip_findings[l->finding.kind];
        g_string_append(out, i ? ", {" : "{");
        json_key(out, "name", TRUE);
        json_string(out, row->name);
        json_key(out, "severity", FALSE);
        json_string(out, pexip_finding_severity_name(row->severity));
        json_key(out, "group", FALSE);
        json_string(out, pexip_finding_group_name(row->group));
        json_key(out, "frame", FALSE);
        g_string_append_printf(out, "%u", l->frame);
        json_key(out, "call", FALSE);
        if (l->finding.call)
            g_string_append_printf(out, "%u", l->finding.call);
        else
            g_string_append(out, "null");
        json_key(out, "text", FALSE);
        json_string(out, pexip_finding_text_fit(scope, l->finding.text));
        g_string_append_c(out, '}');
    }
    g_string_append_c(out, ']');
}

static void
json_stream(GString *out, wmem_allocator_t *scope, const pexip_stream_t *s)
{
    guint8 family;
    const guint8 *addr;
    guint16 port;
    stream_destination(s, &family, &addr, &port);
    g_string_append_c(out, '{');
    json_key(out, "stream", TRUE);
    g_string_append_printf(out, "%u", s->stream);
    json_key(out, "kind", FALSE);
    json_string(out, pexip_media_kind_name(s->kind));
    json_key(out, "addr", FALSE);
    json_string(out, pexip_address_to_str(scope, family, addr, 0));
    json_key(out, "port", FALSE);
    g_string_append_printf(out, "%u", port);
    json_key(out, "rtcp_only", FALSE);
    g_string_append(out, s->port ? "false" : "true");
    json_key(out, "transport", FALSE);
    json_string(out, s->transport);
    json_key(out, "direction", FALSE);
    json_string(out, pexip_direction_name(s->direction));
    json_key(out, "setup_frame", FALSE);
    g_string_append_printf(out, "%u", s->setup_frame);
    json_key(out, "packets_to", FALSE);
    g_string_append_printf(out, "%u", s->to.packets);
    json_key(out, "packets_from", FALSE);
    g_string_append_printf(out, "%u", s->from.packets);
    json_key(out, "bytes_to", FALSE);
    g_string_append_printf(out, "%" G_GUINT64_FORMAT, s->to.bytes);
    json_key(out, "bytes_from", FALSE);
    g_string_append_printf(out, "%" G_GUINT64_FORMAT, s->from.bytes);
    g_string_append_c(out, '}');
}

static void
json_address(GString *out, wmem_allocator_t *scope, guint8 family, const guint8 *addr)
{
    if (family)
        json_string(out, pexip_address_to_str(scope, family, addr, 0));
    else
        g_string_append(out, "null");
}

static void
json_call(GString *out, wmem_allocator_t *scope, const pexip_call_t *call, wmem_array_t *findings)
{
    g_string_append_c(out, '{');
    json_key(out, "call", TRUE);
    g_string_append_printf(out, "%u", call->number);
    json_key(out, "call_id", FALSE);
    json_string(out, call->call_id);
    json_key(out, "signaling", FALSE);
    json_string(out, pexip_signaling_name(call->signaling));
    json_key(out, "service_addr", FALSE);
    json_address(out, scope, call->service_family, call->service_addr);
    json_key(out, "peer_addr", FALSE);
    json_address(out, scope, call->service_family, call->peer_addr);
    json_key(out, "dial_string", FALSE);
    json_string(out, first_dialled(call));
    json_key(out, "conference_id", FALSE);
    json_string(out, call->conference_id);
    json_key(out, "first_frame", FALSE);
    g_string_append_printf(out, "%u", call->first_frame);
    json_key(out, "last_frame", FALSE);
    g_string_append_printf(out, "%u", call->last_frame);
    json_key(out, "first_time", FALSE);
    g_string_append_printf(out, "%.6f", call->first_time);
    json_key(out, "last_time", FALSE);
    g_string_append_printf(out, "%.6f", call->last_time);
    json_key(out, "answered", FALSE);
    g_string_append(out, call->answered ? "true" : "false");
    json_key(out, "verdict", FALSE);
    json_string(out, pexip_verdict_name(verdict_among(findings)));
    json_key(out, "streams", FALSE);
    g_string_append_c(out, '[');
    guint n = call->streams ? wmem_array_get_count(call->streams) : 0;
    for (guint i = 0; i < n; i++) {
        if (i)
            g_string_append(out, ", ");
        json_stream(out, scope, *(const pexip_stream_t **)wmem_array_index(call->streams, i));
    }
    g_string_append_c(out, ']');
    json_key(out, "findings", FALSE);
    json_findings(out, scope, findings);
    g_string_append_c(out, '}');
}

static void
write_json(GString *out, wmem_allocator_t *scope, guint32 frames, pexip_call_t **calls,
           guint ncalls, const findings_t *f)
{
    g_string_append_printf(out, "{\"pexip_report\": %d, \"frames\": %u, \"verdict\": ",
                           PEXIP_REPORT_VERSION, frames);
    json_string(out, pexip_verdict_name(f->verdict));
    g_string_append(out, ", \"calls\": [");
    for (guint i = 0; i < ncalls; i++) {
        if (i)
            g_string_append(out, ", ");
        json_call(out, scope, calls[i], f->of_call[calls[i]->number]);
    }
    g_string_append(out, "], \"findings\": ");
    json_findings(out, scope, f->all);
    g_string_append(out, "}\n");
}

void
pexip_report_write(GString *out, guint32 frames, gboolean json)
{
    wmem_allocator_t *scope = wmem_allocator_new(WMEM_ALLOCATOR_BLOCK);
    wmem_array_t *all = pexip_calls_all();
    guint ncalls = all ? wmem_array_get_count(all) : 0;
    pexip_call_t **calls = ncalls ? (pexip_call_t **)wmem_array_get_raw(all) : NULL;
    findings_t f;
    collect_findings(scope, ncalls, &f);
    if (json)
        write_json(out, scope, frames, calls, ncalls, &f);
    else
        write_text(out, scope, frames, calls, ncalls, &f);
    wmem_destroy_allocator(scope);
}
