/* pexip-calls.c
 * The call model (see pexip-calls.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pexip-calls.h"

#include <string.h>
#include "pexip-text.h"
#include <epan/wmem_scopes.h>
#include "pexip-endpoint.h"
#include "pexip-limits.h"
#include "pexip-table.h"

/* A call identifier and its first call (SIP: the first dialog of the
 * Call-ID, the others in its next_dialog list; H.323: the call): one
 * allocation with the text, which the call's call_id points into. */
typedef struct {
    pexip_call_t *call;
    pexip_signaling_t signaling;
    char id[];
} call_name_t;

/* call_name_t by signalling and identifier. */
static pexip_table_t *calls_by_id;
/* The setups of each destination, by the destination's key (which each
 * setup's stream and rtcp flag give: setup_key): the table holds the
 * latest, each links to the one before it at that destination (prev),
 * so a destination costs one slot of the table and nothing else. Setups
 * are never moved (frames keep pointers to them): most are allocated
 * with their stream. */
static pexip_table_t *endpoints;

/* The distinct transports of streams (text -> the same text), each kept
 * once: a handful per capture. */
static wmem_map_t *transports;

/* The last few destinations media packets were looked up at, and their
 * latest setups (NULL: none), in front of the endpoints table: a
 * capture's media goes back and forth between a few of them, and the
 * table's lookup (a hash and a comparison through function pointers) cost
 * as much as the rest of a media packet's linking. Cleared whenever a
 * setup is added. */
#define MEDIA_MEMO_SLOTS 8
static struct {
    pexip_endpoint_t key;   /* family 0: empty */
    const pexip_media_setup_t *latest;
} media_memo[MEDIA_MEMO_SLOTS];
/* What each signalling frame gave the model, by frame number. */
typedef struct {
    pexip_signalling_frame_t kept;
    guint32 frame;
} frame_record_t;
static pexip_table_t *frames;

/* Every call (pexip_call_t*), by number. */
static wmem_array_t *all_calls;
static guint32 call_count;
/* wmem_file_scope() in the plugin; unit tests give their own allocator. */
static wmem_allocator_t *scope;
static pexip_service_address_fn service_address;

const char *
pexip_signaling_name(pexip_signaling_t signaling)
{
    return signaling == PEXIP_SIGNALING_H323 ? "H.323" : "SIP";
}

/* A call identifier as looked up. */
typedef struct {
    const char *id;
    pexip_signaling_t signaling;
} call_name_key_t;

static guint
call_name_key_hash(const call_name_key_t *key)
{
    return g_str_hash(key->id) + (guint)key->signaling;
}

static guint
call_name_hash(gconstpointer record)
{
    const call_name_t *name = (const call_name_t *)record;
    call_name_key_t key = { name->id, name->signaling };
    return call_name_key_hash(&key);
}

static gboolean
call_name_match(gconstpointer record, gconstpointer k)
{
    const call_name_t *name = (const call_name_t *)record;
    const call_name_key_t *key = (const call_name_key_t *)k;
    return name->signaling == key->signaling && strcmp(name->id, key->id) == 0;
}

static guint
frame_record_hash(gconstpointer record)
{
    return ((const frame_record_t *)record)->frame;
}

static gboolean
frame_record_match(gconstpointer record, gconstpointer key)
{
    return ((const frame_record_t *)record)->frame == *(const guint32 *)key;
}

/* The destination a setup is for: its stream's RTP or RTCP address. */
static void
setup_key(const pexip_media_setup_t *setup, pexip_endpoint_t *key)
{
    const pexip_stream_t *s = setup->stream;
    if (setup->rtcp)
        pexip_endpoint_set(key, s->rtcp_family, s->rtcp_addr, s->rtcp_port, FALSE);
    else
        pexip_endpoint_set(key, s->family, s->addr, s->port, s->tcp);
}

static guint
setup_hash(gconstpointer record)
{
    pexip_endpoint_t key;
    setup_key((const pexip_media_setup_t *)record, &key);
    return pexip_endpoint_hash(&key);
}

static gboolean
setup_match(gconstpointer record, gconstpointer key)
{
    pexip_endpoint_t its;
    setup_key((const pexip_media_setup_t *)record, &its);
    return pexip_endpoint_equal(&its, key);
}

void
pexip_calls_init(wmem_allocator_t *allocator, pexip_service_address_fn is_service)
{
    scope = allocator;
    service_address = is_service;
    calls_by_id = pexip_table_new(scope, call_name_hash, call_name_match);
    endpoints = pexip_table_new(scope, setup_hash, setup_match);
    frames = pexip_table_new(scope, frame_record_hash, frame_record_match);
    transports = wmem_map_new(scope, g_str_hash, g_str_equal);
    memset(media_memo, 0, sizeof media_memo);
    all_calls = wmem_array_new(scope, sizeof(pexip_call_t *));
    call_count = 0;
}

void
pexip_calls_cleanup(void)
{
    calls_by_id = NULL;
    endpoints = NULL;
    frames = NULL;
    transports = NULL;
    memset(media_memo, 0, sizeof media_memo);
    all_calls = NULL;
    call_count = 0;
    scope = NULL;
}

/* The record of an identifier, or NULL. */
static call_name_t *
find_name(const char *call_id, pexip_signaling_t signaling)
{
    call_name_key_t key = { call_id, signaling };
    return (call_name_t *)pexip_table_find(calls_by_id, call_name_key_hash(&key), &key);
}

/* Keeps the identifier for call: the new record. */
static call_name_t *
add_name(const char *call_id, pexip_signaling_t signaling, pexip_call_t *call)
{
    gsize len = strlen(call_id) + 1;
    call_name_t *name = (call_name_t *)wmem_alloc(scope, sizeof(call_name_t) + len);
    name->call = call;
    name->signaling = signaling;
    memcpy(name->id, call_id, len);
    call_name_key_t key = { name->id, signaling };
    pexip_table_put(calls_by_id, call_name_key_hash(&key), &key, name);
    return name;
}

/* A new call; after the last of first's dialogs when first is given (a
 * fork). */
static pexip_call_t *
new_call(pexip_call_t *first, const char *call_id, pexip_signaling_t signaling, guint32 frame)
{
    pexip_call_t *call = wmem_new0(scope, pexip_call_t);
    call->number = ++call_count;
    call->call_id = call_id;
    call->signaling = signaling;
    call->first_frame = frame;
    call->dialog = 1;
    for (pexip_call_t *d = first; d; d = d->next_dialog) {
        call->dialog++;
        if (!d->next_dialog) {
            d->next_dialog = call;
            break;
        }
    }
    call->streams = wmem_array_new(scope, sizeof(pexip_stream_t *));
    wmem_array_append_one(all_calls, call);
    return call;
}

/* Whether another call may be made: FALSE (and the limit recorded) once
 * the capture has PEXIP_LIMIT_CALLS_MAX. */
static gboolean
room_for_call(guint32 frame)
{
    if (call_count < PEXIP_LIMIT_CALLS_MAX)
        return TRUE;
    pexip_limit_reached(PEXIP_LIMIT_CALLS, 0, frame);
    return FALSE;
}

/* The first call of one identifier (SIP: its first dialog; the others
 * follow it in next_dialog), created if new; NULL when it is new and the
 * capture has as many calls as it may. *created: whether it was. */
static pexip_call_t *
first_call_of(const char *call_id, pexip_signaling_t signaling, guint32 frame,
              gboolean *created)
{
    call_name_t *name = find_name(call_id, signaling);
    *created = FALSE;
    if (name)
        return name->call;
    if (!room_for_call(frame))
        return NULL;
    /* The call's identifier is the record's copy. */
    name = add_name(call_id, signaling, NULL);
    name->call = new_call(NULL, name->id, signaling, frame);
    *created = TRUE;
    return name->call;
}

pexip_call_t *
pexip_call_get(const char *call_id, pexip_signaling_t signaling, guint32 frame)
{
    if (!calls_by_id || !call_id)
        return NULL;
    gboolean created;
    return first_call_of(call_id, signaling, frame, &created);
}

pexip_call_t *
pexip_call_find(const char *call_id, pexip_signaling_t signaling)
{
    if (!calls_by_id || !call_id)
        return NULL;
    call_name_t *name = find_name(call_id, signaling);
    return name ? name->call : NULL;
}

void
pexip_call_alias(pexip_call_t *call, const char *other_id)
{
    if (!calls_by_id || !call || !other_id)
        return;
    /* Identifiers are bounded with the calls: at most one other per call. */
    if (pexip_table_size(calls_by_id) < 2 * PEXIP_LIMIT_CALLS_MAX &&
        !find_name(other_id, call->signaling))
        add_name(other_id, call->signaling, call);
}

void
pexip_call_dialled(pexip_call_t *call, const char *dialled, gboolean digits_only,
                   guint32 frame)
{
    if (!calls_by_id || !call || !dialled || !*dialled)
        return;
    if (!call->dial_strings) {
        call->dial_strings = wmem_array_new(scope, sizeof(const char *));
        call->dial_frame = frame;
    }
    const char **have = (const char **)wmem_array_get_raw(call->dial_strings);
    guint count = wmem_array_get_count(call->dial_strings);
    for (guint i = 0; i < count; i++) {
        if (strcmp(have[i], dialled) == 0)
            return;     /* a retransmission, or the same alias twice */
    }
    /* A device sends a few; a broken or hostile one is not kept growing. */
    if (count >= PEXIP_DIAL_STRINGS_MAX)
        return;
    const char *kept = wmem_strdup(scope, dialled);
    wmem_array_append_one(call->dial_strings, kept);
    if (call->conference_id || call->dial_uri)
        return;
    char text[PEXIP_DIAL_MAX];
    switch (pexip_dialled_read(dialled, digits_only, service_address, frame, text)) {
    case PEXIP_DIALLED_CONFERENCE:
        call->conference_id = wmem_strdup(scope, text);
        call->conference_frame = frame;
        break;
    case PEXIP_DIALLED_URI:
        call->dial_uri = wmem_strdup(scope, text);
        break;
    default:
        break;
    }
}

void
pexip_call_dtmf(pexip_call_t *call, char key, guint32 frame)
{
    if (!calls_by_id || !call || call->conference_id)
        return;
    if (!call->keys)
        call->keys = wmem_new0(scope, pexip_call_keys_t);
    if (pexip_dtmf_key(&call->keys->dtmf, key)) {
        call->conference_id = wmem_strdup(scope, call->keys->dtmf.digits);
        call->conference_frame = frame;
    }
}

void
pexip_call_dtmf_event(const pexip_call_t *announced_call, guint event, guint32 rtp_timestamp,
                      guint32 frame)
{
    /* Every call is created and owned by this model. */
    pexip_call_t *call = (pexip_call_t *)announced_call;
    if (!call || !calls_by_id)
        return;
    if (!call->keys)
        call->keys = wmem_new0(scope, pexip_call_keys_t);
    if (call->keys->event_seen && call->keys->event_timestamp == rtp_timestamp)
        return;
    call->keys->event_seen = TRUE;
    call->keys->event_timestamp = rtp_timestamp;
    char key = pexip_dtmf_event_key(event);
    if (key)
        pexip_call_dtmf(call, key, frame);
}

static gboolean
same_tag(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

static const char *
keep_tag(const char *tag)
{
    return tag && *tag ? wmem_strdup(scope, tag) : NULL;
}

pexip_call_t *
pexip_sip_dialog_get(const char *call_id, const char *from_tag, const char *to_tag,
                     guint32 frame)
{
    if (!calls_by_id || !call_id)
        return NULL;
    if (from_tag && !*from_tag)
        from_tag = NULL;
    if (to_tag && !*to_tag)
        to_tag = NULL;
    gboolean created;
    pexip_call_t *first = first_call_of(call_id, PEXIP_SIGNALING_SIP, frame, &created);
    if (!first)
        return NULL;
    if (created) {
        first->tag_a = keep_tag(from_tag);
        first->tag_b = keep_tag(to_tag);
        return first;
    }
    if (!to_tag)
        return first;
    /* The tag pair, in either order (requests from the called side swap
     * From and To). */
    guint count = 0;
    for (pexip_call_t *d = first; d; d = d->next_dialog) {
        count++;
        if ((same_tag(d->tag_a, from_tag) && same_tag(d->tag_b, to_tag)) ||
            (same_tag(d->tag_a, to_tag) && same_tag(d->tag_b, from_tag)))
            return d;
    }
    /* The first To tag for a dialog completes its pair. */
    for (pexip_call_t *d = first; d; d = d->next_dialog) {
        if (!d->tag_b && (same_tag(d->tag_a, from_tag) || !d->tag_a)) {
            d->tag_b = keep_tag(to_tag);
            return d;
        }
    }
    /* Same caller tag, another callee tag: the request forked. A hostile
     * peer's endless To tags join the first dialog beyond the limit. */
    if (same_tag(first->tag_a, from_tag) && count >= PEXIP_LIMIT_DIALOGS_MAX)
        pexip_limit_reached(PEXIP_LIMIT_DIALOGS, first->number, frame);
    else if (same_tag(first->tag_a, from_tag) && room_for_call(frame)) {
        pexip_call_t *fork = new_call(first, first->call_id, PEXIP_SIGNALING_SIP, frame);
        fork->tag_a = first->tag_a;
        fork->tag_b = keep_tag(to_tag);
        fork->offer_call = first->offer_call;
        return fork;
    }
    /* Tags that relate to no dialog (a capture that starts mid-call, a
     * broken peer): the Call-ID decides. */
    return first;
}

/* A setup of stream's RTP destination (rtcp: its RTCP one) for call, in
 * force from valid_from. keep_existing: skip when the call's setup is the
 * latest there already. slot: where to keep the setup (one of the
 * stream's own), or NULL for a new allocation. */
static void
add_endpoint(const pexip_call_t *call, pexip_stream_t *stream, guint32 valid_from,
             gboolean rtcp, gboolean keep_existing, pexip_media_setup_t *slot)
{
    pexip_media_setup_t *setup = slot ? slot : wmem_new(scope, pexip_media_setup_t);
    setup->call = call;
    setup->stream = stream;
    setup->valid_from = valid_from;
    setup->rtcp = rtcp;
    pexip_endpoint_t key;
    setup_key(setup, &key);
    guint hash = pexip_endpoint_hash(&key);
    const pexip_media_setup_t *latest =
        (const pexip_media_setup_t *)pexip_table_find(endpoints, hash, &key);
    if (latest && keep_existing && latest->call == call) {
        if (!slot)
            wmem_free(scope, setup);
        return;
    }
    /* Appended in frame order: the latest is in force from now on. */
    setup->prev = latest;
    pexip_table_put(endpoints, hash, &key, setup);
    memset(media_memo, 0, sizeof media_memo);
}

/* The model's copy of a transport's text ("" for none). */
static const char *
kept_transport(const char *transport)
{
    return pexip_kept_string(transports, scope, transport ? transport : "");
}

/* The setup of a stored stream's RTP (0) or RTCP (1) destination for its
 * own call: allocated with it (store_stream). */
static pexip_media_setup_t *
own_setup(pexip_stream_t *stream, guint which)
{
    return (pexip_media_setup_t *)(void *)(stream + 1) + which;
}

/* Whether the destination's setup in force from now on (the last one
 * announced there) is the stream's own (which: 0 RTP, 1 RTCP): no other
 * announcement took it since. */
static gboolean
setup_in_force(pexip_stream_t *stream, guint which)
{
    const pexip_media_setup_t *last =
        which == 0 ? pexip_media_lookup(stream->family, stream->addr, stream->port, stream->tcp,
                                        G_MAXUINT32)
                   : pexip_media_lookup(stream->rtcp_family, stream->rtcp_addr,
                                        stream->rtcp_port, FALSE, G_MAXUINT32);
    return last == own_setup(stream, which);
}

/* The call's stream in force that announced already announces exactly
 * (the same sender, stream, destinations and description: a re-INVITE or
 * UPDATE that changes nothing, a session refresh, a retransmission), or
 * NULL. Such an announcement adds no record: one stream, one record, its
 * packets counted together. */
static pexip_stream_t *
announced_unchanged(const pexip_call_t *call, const pexip_stream_t *announced,
                    const char *transport)
{
    pexip_stream_t **earlier = (pexip_stream_t **)wmem_array_get_raw(call->streams);
    for (guint i = wmem_array_get_count(call->streams); i > 0; i--) {
        pexip_stream_t *e = earlier[i - 1];
        if (e->superseded_frame != 0 || e->stream != announced->stream ||
            e->announced_by.family != announced->announced_by.family ||
            memcmp(e->announced_by.addr, announced->announced_by.addr, 16) != 0)
            continue;
        /* The sender's latest announcement of this stream. */
        gboolean same = e->announced_by.frame < announced->announced_by.frame &&
            e->mline == announced->mline && e->channel == announced->channel &&
            e->kind == announced->kind && e->direction == announced->direction &&
            e->transport == transport && e->tcp == announced->tcp &&
            e->port == announced->port && e->family == announced->family &&
            memcmp(e->addr, announced->addr, 16) == 0 && e->rtcp == announced->rtcp &&
            (!e->rtcp || (e->rtcp_port == announced->rtcp_port &&
                          e->rtcp_family == announced->rtcp_family &&
                          memcmp(e->rtcp_addr, announced->rtcp_addr, 16) == 0)) &&
            (e->port == 0 || setup_in_force(e, 0)) && (!e->rtcp || setup_in_force(e, 1));
        return same ? e : NULL;
    }
    return NULL;
}

/* A stored copy of announced, counters zeroed, kept in the call's
 * streams. A later announcement of the same stream by the same sender
 * replaces the earlier ones (a re-INVITE that changes it); one that
 * changes nothing is the same stream (announced_unchanged). *stored:
 * whether the record is new. */
static pexip_stream_t *
store_stream(const pexip_call_t *announced_call, const pexip_stream_t *announced,
             gboolean *stored)
{
    /* Every call is created and owned by this model. */
    pexip_call_t *call = (pexip_call_t *)announced_call;
    const char *transport = kept_transport(announced->transport);
    pexip_stream_t *same = announced_unchanged(call, announced, transport);
    *stored = same == NULL;
    if (same)
        return same;
    if (wmem_array_get_count(call->streams) >= PEXIP_LIMIT_STREAMS_MAX) {
        pexip_limit_reached(PEXIP_LIMIT_STREAMS, call->number, announced->announced_by.frame);
        return NULL;
    }
    /* The stream and the setups of its RTP and RTCP destinations for its
     * own call, in one allocation (a fork's are their own). */
    pexip_stream_t *stream =
        (pexip_stream_t *)wmem_alloc(scope, sizeof(pexip_stream_t) + 2 * sizeof(pexip_media_setup_t));
    *stream = *announced;
    stream->call = call;
    stream->transport = transport;
    memset(&stream->to, 0, sizeof stream->to);
    memset(&stream->from, 0, sizeof stream->from);
    stream->superseded_frame = 0;
    stream->superseded_time = 0;
    stream->source_checked = FALSE;
    pexip_stream_t **earlier = (pexip_stream_t **)wmem_array_get_raw(call->streams);
    for (guint i = 0; i < wmem_array_get_count(call->streams); i++) {
        pexip_stream_t *e = earlier[i];
        if (e->superseded_frame == 0 && e->stream == stream->stream &&
            e->announced_by.frame < stream->announced_by.frame &&
            e->announced_by.family == stream->announced_by.family &&
            memcmp(e->announced_by.addr, stream->announced_by.addr, 16) == 0) {
            e->superseded_frame = stream->announced_by.frame;
            e->superseded_time = stream->announced_by.time;
        }
    }
    wmem_array_append_one(call->streams, stream);
    return stream;
}

pexip_stream_t *
pexip_calls_add_stream(const pexip_call_t *call, guint32 valid_from,
                       const pexip_stream_t *announced, gboolean with_rtcp)
{
    if (!endpoints || !call || announced->port == 0 || announced->family == 0)
        return NULL;
    pexip_stream_t want = *announced;
    want.rtcp = with_rtcp && !want.tcp && want.port < 65535;
    if (want.rtcp) {
        want.rtcp_family = want.family;
        memcpy(want.rtcp_addr, want.addr, sizeof want.rtcp_addr);
        want.rtcp_port = (guint16)(want.port + 1);
    }
    gboolean stored;
    pexip_stream_t *stream = store_stream(call, &want, &stored);
    if (!stream || !stored)
        return stream;
    add_endpoint(call, stream, valid_from, FALSE, FALSE, own_setup(stream, 0));
    if (stream->rtcp)
        add_endpoint(call, stream, valid_from, TRUE, FALSE, own_setup(stream, 1));
    return stream;
}

pexip_stream_t *
pexip_calls_add_channel(const pexip_call_t *call, guint32 valid_from,
                        const pexip_stream_t *announced)
{
    gboolean has_rtp = announced->port != 0 && announced->family != 0;
    gboolean has_rtcp = announced->rtcp && announced->rtcp_port != 0 &&
                        announced->rtcp_family != 0;
    if (!endpoints || !call || (!has_rtp && !has_rtcp))
        return NULL;
    pexip_stream_t want = *announced;
    want.rtcp = has_rtcp;
    /* Logical channels are UDP (their destinations are keyed so). */
    want.tcp = FALSE;
    gboolean stored;
    pexip_stream_t *stream = store_stream(call, &want, &stored);
    if (!stream || !stored)
        return stream;
    if (has_rtp)
        add_endpoint(call, stream, valid_from, FALSE, FALSE, own_setup(stream, 0));
    if (has_rtcp)
        add_endpoint(call, stream, valid_from, TRUE, !has_rtp, own_setup(stream, 1));
    return stream;
}

void
pexip_calls_adopt_offer(pexip_call_t *fork, guint32 valid_from)
{
    if (!endpoints || !fork->offer_call || fork->offer_adopted)
        return;
    wmem_array_t *offered = fork->offer_call->streams;
    pexip_stream_t **streams = (pexip_stream_t **)wmem_array_get_raw(offered);
    for (guint i = 0; i < wmem_array_get_count(offered); i++) {
        pexip_stream_t *s = streams[i];
        if (!s->initial_offer)
            continue;
        add_endpoint(fork, s, valid_from, FALSE, FALSE, NULL);
        if (s->rtcp)
            add_endpoint(fork, s, valid_from, TRUE, FALSE, NULL);
    }
    fork->offer_adopted = TRUE;
}

const pexip_media_setup_t *
pexip_media_lookup(guint8 family, const guint8 *addr, guint16 port, gboolean tcp, guint32 frame)
{
    if (!endpoints || pexip_table_size(endpoints) == 0)
        return NULL;
    pexip_endpoint_t key;
    pexip_endpoint_set(&key, family, addr, port, tcp);
    guint slot = (port ^ addr[family == PEXIP_FAMILY_IPV4 ? 3 : 15]) % MEDIA_MEMO_SLOTS;
    const pexip_media_setup_t *latest;
    if (memcmp(&media_memo[slot].key, &key, sizeof key) == 0) {
        latest = media_memo[slot].latest;
    } else {
        latest = (const pexip_media_setup_t *)pexip_table_find(endpoints,
                                                               pexip_endpoint_hash(&key), &key);
        media_memo[slot].key = key;
        media_memo[slot].latest = latest;
    }
    /* Linked latest first, in frame order of the first pass: the latest
     * in force at this frame wins. */
    for (; latest; latest = latest->prev) {
        if (latest->valid_from <= frame)
            return latest;
    }
    return NULL;
}

void
pexip_stream_count(pexip_stream_t *stream, gboolean to_destination, guint32 frame,
                   double time, guint32 bytes)
{
    pexip_flow_t *flow = to_destination ? &stream->to : &stream->from;
    if (flow->packets++ == 0) {
        flow->first_frame = frame;
        flow->first_time = time;
    }
    flow->bytes += bytes;
    flow->last_frame = frame;
    flow->last_time = time;
}

void
pexip_call_seen(const pexip_call_t *seen, guint32 frame, double time)
{
    /* Every call is created and owned by this model. */
    pexip_call_t *call = (pexip_call_t *)seen;
    if (!call)
        return;
    if (!call->last_frame)
        call->first_time = time;
    call->last_frame = frame;
    call->last_time = time;
}

void
pexip_call_sides(pexip_call_t *call, guint8 family, const guint8 *service, const guint8 *peer)
{
    if (!call || call->service_family || !family)
        return;
    gsize len = family == PEXIP_FAMILY_IPV4 ? 4 : 16;
    call->service_family = family;
    memcpy(call->service_addr, service, len);
    memcpy(call->peer_addr, peer, len);
}

void
pexip_call_answered(pexip_call_t *call)
{
    if (call)
        call->answered = TRUE;
}

void
pexip_call_ended(pexip_call_t *call, guint32 frame)
{
    if (call && !call->ended_frame)
        call->ended_frame = frame;
}

void
pexip_call_floor_granted(const pexip_call_t *announced_call, guint32 frame, double time)
{
    /* Every call is created and owned by this model. */
    pexip_call_t *call = (pexip_call_t *)announced_call;
    if (!calls_by_id || !call)
        return;
    if (!call->floor_grants)
        call->floor_grants = wmem_array_new(scope, sizeof(pexip_floor_grant_t));
    if (wmem_array_get_count(call->floor_grants) >= PEXIP_LIMIT_GRANTS_MAX) {
        pexip_limit_reached(PEXIP_LIMIT_GRANTS, call->number, frame);
        return;
    }
    pexip_floor_grant_t grant = { frame, time };
    wmem_array_append_one(call->floor_grants, grant);
}

gboolean
pexip_calls_is_service(guint8 family, const guint8 *addr, guint32 frame)
{
    return service_address && service_address(family, addr, frame);
}

wmem_array_t *
pexip_calls_all(void)
{
    return all_calls;
}

void
pexip_signalling_frame_clear(pexip_signalling_frame_t *frame)
{
    memset(frame, 0, sizeof *frame);
}

/* At most this many entries in one frame's record (the heap's capacity
 * is a guint16 that doubles): a frame with more (none that a peer can
 * send: streams are capped per call) keeps the first ones. */
#define FRAME_ENTRIES_MAX 32768

static gconstpointer *
frame_items(pexip_signalling_frame_t *frame)
{
    return frame->capacity ? frame->u.heap : frame->u.inline_items;
}

static gconstpointer const *
frame_items_const(const pexip_signalling_frame_t *frame)
{
    return frame->capacity ? frame->u.heap : frame->u.inline_items;
}

/* Insert item at index at of the frame's list; FALSE when it is full. */
static gboolean
frame_insert(pexip_signalling_frame_t *frame, guint at, gconstpointer item)
{
    guint n = (guint)frame->ncalls + frame->nstreams + frame->ncopies;
    guint capacity = frame->capacity ? frame->capacity : PEXIP_FRAME_INLINE;
    if (n >= FRAME_ENTRIES_MAX)
        return FALSE;
    if (n == capacity) {
        guint grown = capacity * 2;
        gconstpointer *heap;
        if (frame->capacity) {
            heap = (gconstpointer *)wmem_realloc(scope, frame->u.heap, grown * sizeof *heap);
        } else {
            heap = (gconstpointer *)wmem_alloc(scope, grown * sizeof *heap);
            memcpy(heap, frame->u.inline_items, n * sizeof *heap);
        }
        frame->u.heap = heap;
        frame->capacity = (guint16)grown;
    }
    gconstpointer *items = frame_items(frame);
    memmove(items + at + 1, items + at, (n - at) * sizeof *items);
    items[at] = item;
    return TRUE;
}

pexip_call_t *const *
pexip_signalling_frame_calls(const pexip_signalling_frame_t *frame, guint *count)
{
    *count = frame->ncalls;
    /* Every call is created and owned by this model. */
    return frame->ncalls ? (pexip_call_t *const *)frame_items_const(frame) : NULL;
}

pexip_stream_t *const *
pexip_signalling_frame_streams(const pexip_signalling_frame_t *frame, guint *count)
{
    *count = frame->nstreams;
    return frame->nstreams
        ? (pexip_stream_t *const *)(frame_items_const(frame) + frame->ncalls) : NULL;
}

guint
pexip_signalling_frame_copy_count(const pexip_signalling_frame_t *frame)
{
    return frame->ncopies;
}

pexip_copy_ref_t
pexip_signalling_frame_copy(const pexip_signalling_frame_t *frame, guint i)
{
    guintptr tagged = (guintptr)frame_items_const(frame)[frame->ncalls + frame->nstreams + i];
    pexip_copy_ref_t ref = { (const pexip_message_copies_t *)(tagged & ~(guintptr)1),
                             (tagged & 1) != 0 };
    return ref;
}

void
pexip_signalling_frame_add_streams(pexip_signalling_frame_t *frame,
                                   pexip_stream_t *const *streams, guint count)
{
    for (guint i = 0; i < count; i++) {
        if (streams[i] && frame_insert(frame, (guint)frame->ncalls + frame->nstreams, streams[i]))
            frame->nstreams++;
    }
}

guint
pexip_signalling_frame_stream_count(const pexip_signalling_frame_t *frame)
{
    return frame->nstreams;
}

void
pexip_signalling_frame_set_message(pexip_signalling_frame_t *frame, guint first,
                                   const pexip_message_copies_t *message)
{
    guint n;
    pexip_stream_t *const *streams = pexip_signalling_frame_streams(frame, &n);
    for (guint i = first; i < n; i++) {
        if (!streams[i]->message)
            streams[i]->message = message;
    }
}

void
pexip_signalling_frame_add_call(pexip_signalling_frame_t *frame, const pexip_call_t *call)
{
    gconstpointer const *have = frame_items_const(frame);
    for (guint i = 0; i < frame->ncalls; i++) {
        if (have[i] == call)
            return;
    }
    if (frame_insert(frame, frame->ncalls, call))
        frame->ncalls++;
}

void
pexip_signalling_frame_add_copy(pexip_signalling_frame_t *frame,
                                const pexip_message_copies_t *copies, gboolean rewritten)
{
    /* A copies record is at least 4-aligned: the low bit is free. */
    guintptr tagged = (guintptr)copies | (rewritten ? 1 : 0);
    if (frame_insert(frame, (guint)frame->ncalls + frame->nstreams + frame->ncopies,
                     (gconstpointer)tagged))
        frame->ncopies++;
}

void
pexip_signalling_frame_keep(guint32 frame, const pexip_signalling_frame_t *kept)
{
    if (!frames)
        return;
    frame_record_t *record = wmem_new(scope, frame_record_t);
    record->kept = *kept;
    record->frame = frame;
    pexip_table_put(frames, frame, &record->frame, record);
}

const pexip_signalling_frame_t *
pexip_signalling_frame_kept(guint32 frame)
{
    if (!frames)
        return NULL;
    const frame_record_t *record = (const frame_record_t *)pexip_table_find(frames, frame, &frame);
    return record ? &record->kept : NULL;
}

guint32
pexip_copy_other_frame(const pexip_copy_ref_t *ref, guint32 frame)
{
    if (ref->rewritten)
        return ref->copies->first_frame;
    if (ref->copies->first_frame == frame)
        return ref->copies->rewritten_frame;
    return 0;
}
