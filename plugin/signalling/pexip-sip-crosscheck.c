/* pexip-sip-crosscheck.c
 * The plugin's split of a SIP message against Wireshark's SIP fields (see
 * pexip-sip-crosscheck.h). A test aid, not a check users see.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-sip-crosscheck.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pexip-compat.h"
#include "pexip-fields.h"

static gboolean on;

static int hf_call_id = -1;
static int hf_from_tag = -1;
static int hf_to_tag = -1;
static int hf_status_code = -1;
static int hf_method = -1;
static int hf_request_uri = -1;
static int hf_cseq = -1;
static int hf_content_length = -1;
static int hf_via_sent_by = -1;
static int hf_via_sent_by_port = -1;
static int hf_via_branch = -1;
static int hf_via_received = -1;
static int hf_via_rport = -1;
static int hf_contact_uri = -1;

void
pexip_sip_crosscheck_handoff(GArray *wanted_hfids)
{
    const char *env = g_getenv("PEXIP_SIP_CROSSCHECK");
    on = env && strcmp(env, "1") == 0;
    if (!on)
        return;
    hf_call_id = pexip_want_field(wanted_hfids, "sip.Call-ID");
    hf_from_tag = pexip_want_field(wanted_hfids, "sip.from.tag");
    hf_to_tag = pexip_want_field(wanted_hfids, "sip.to.tag");
    hf_status_code = pexip_want_field(wanted_hfids, "sip.Status-Code");
    hf_method = pexip_want_field(wanted_hfids, "sip.Method");
    hf_request_uri = pexip_want_field(wanted_hfids, "sip.r-uri");
    hf_cseq = pexip_want_field(wanted_hfids, "sip.CSeq");
    hf_content_length = pexip_want_field(wanted_hfids, "sip.Content-Length");
    hf_via_sent_by = pexip_want_field(wanted_hfids, "sip.Via.sent-by.address");
    hf_via_sent_by_port = pexip_want_field(wanted_hfids, "sip.Via.sent-by.port");
    hf_via_branch = pexip_want_field(wanted_hfids, "sip.Via.branch");
    hf_via_received = pexip_want_field(wanted_hfids, "sip.Via.received");
    hf_via_rport = pexip_want_field(wanted_hfids, "sip.Via.rport");
    hf_contact_uri = pexip_want_field(wanted_hfids, "sip.contact.uri");
}

gboolean
pexip_sip_crosscheck_on(void)
{
    return on;
}

/* Wireshark's string of an item, white space trimmed, "" when absent. */
static const char *
ws_text(wmem_allocator_t *pool, const field_info *fi)
{
    if (!fi)
        return "";
    char *copy = wmem_strdup(pool, fvalue_get_string(PEXIP_FINFO_FVALUE((field_info *)fi)));
    return g_strstrip(copy);
}

static const char *
ws_number(wmem_allocator_t *pool, const field_info *fi)
{
    return fi ? wmem_strdup_printf(pool, "%u", fvalue_get_uinteger(PEXIP_FINFO_FVALUE((field_info *)fi)))
              : "";
}

static const char *
our_text(wmem_allocator_t *pool, pexip_token_t token)
{
    return token.start ? wmem_strndup(pool, token.start, token.len) : "";
}

static void
compare(guint32 frame, const char *what, const char *ours, const char *theirs)
{
    if (strcmp(ours, theirs) != 0)
        fprintf(stderr, "pexip: SIP crosscheck: frame %u: %s: plugin \"%s\", Wireshark \"%s\"\n",
                frame, what, ours, theirs);
}

/* The first item (lowest offset) of field hf, or of a field of the same
 * name, inside msg at or after offset from and before offset to. */
static const field_info *
item_in(proto_tree *tree, int hf, const field_info *msg, gint from, gint to)
{
    const field_info *first = NULL;
    for (header_field_info *h = hf > 0 ? pexip_first_same_name(hf) : NULL; h; h = h->same_name_next) {
        GPtrArray *all = proto_get_finfo_ptr_array(tree, h->id);
        for (guint i = 0; all && i < all->len; i++) {
            const field_info *fi = (const field_info *)g_ptr_array_index(all, i);
            if (pexip_item_is_inside(msg, fi) && fi->start >= from && fi->start < to &&
                (!first || fi->start < first->start))
                first = fi;
        }
    }
    return first;
}

/* A Via rport as the plugin reads it: its port, or "" (none, no value:
 * Wireshark shows a bare "rport" as its name). */
static const char *
rport_of(wmem_allocator_t *pool, const char *text, gsize len)
{
    guint16 port;
    return pexip_port_parse(text, len, &port) ? wmem_strdup_printf(pool, "%u", port) : "";
}

void
pexip_sip_crosscheck(packet_info *pinfo, proto_tree *tree, const field_info *msg,
                     const pexip_sip_message_t *split)
{
    wmem_allocator_t *pool = pinfo->pool;
    guint32 frame = pinfo->num;
    /* Wireshark's sip item of a message followed by another in the same
     * TCP segment can span both: only items of its own header lines count. */
    gint from = msg->start, to = msg->start + (gint)split->body_offset;
#define FIRST(hf) item_in(tree, (hf), msg, from, to)
    compare(frame, "Call-ID", our_text(pool, split->call_id), ws_text(pool, FIRST(hf_call_id)));
    compare(frame, "From tag", our_text(pool, split->from_tag), ws_text(pool, FIRST(hf_from_tag)));
    compare(frame, "To tag", our_text(pool, split->to_tag), ws_text(pool, FIRST(hf_to_tag)));
    compare(frame, "CSeq", our_text(pool, split->cseq), ws_text(pool, FIRST(hf_cseq)));
    compare(frame, "Status-Code",
            split->is_request ? "" : wmem_strdup_printf(pool, "%u", split->status),
            ws_number(pool, FIRST(hf_status_code)));
    compare(frame, "Method", split->is_request ? our_text(pool, split->method) : "",
            ws_text(pool, FIRST(hf_method)));
    compare(frame, "Request-URI", split->is_request ? our_text(pool, split->request_uri) : "",
            ws_text(pool, FIRST(hf_request_uri)));
    compare(frame, "Content-Length",
            split->has_content_length ? wmem_strdup_printf(pool, "%u", split->content_length) : "",
            ws_number(pool, FIRST(hf_content_length)));
    compare(frame, "Contact URI", our_text(pool, split->contact_uri), ws_text(pool, FIRST(hf_contact_uri)));

    /* the Via entries: sent-by items in order */
    guint count = 0;
    const field_info *top = NULL, *next = NULL;
    for (const field_info *fi = FIRST(hf_via_sent_by); fi; fi = item_in(tree, hf_via_sent_by, msg, fi->start + 1, to)) {
        if (count == 0)
            top = fi;
        else if (count == 1)
            next = fi;
        count++;
    }
    compare(frame, "Via count", wmem_strdup_printf(pool, "%u", split->via_count),
            wmem_strdup_printf(pool, "%u", count));
    if (top) {
        gint entry_end = next ? next->start : to;
        gint host_end = top->start + top->length;
        const field_info *port = item_in(tree, hf_via_sent_by_port, msg, host_end, host_end + 3);
        compare(frame, "Via sent-by", our_text(pool, split->via.host), ws_text(pool, top));
        compare(frame, "Via port", split->via.port ? wmem_strdup_printf(pool, "%u", split->via.port) : "",
                ws_number(pool, port));
        compare(frame, "Via branch", our_text(pool, split->via.branch),
                ws_text(pool, item_in(tree, hf_via_branch, msg, top->start, entry_end)));
        compare(frame, "Via received", our_text(pool, split->via.received),
                ws_text(pool, item_in(tree, hf_via_received, msg, top->start, entry_end)));
        const char *theirs = ws_text(pool, item_in(tree, hf_via_rport, msg, top->start, entry_end));
        compare(frame, "Via rport", rport_of(pool, split->via.rport.start, split->via.rport.len),
                rport_of(pool, theirs, strlen(theirs)));
    }
#undef FIRST
    ws_log("pexip", LOG_LEVEL_DEBUG, "SIP crosscheck: frame %u: message at %d compared", frame, msg->start);
}
