/* fuzz-calls.c
 * model/pexip-calls.c and pexip-sdp.c with model/pexip-limits.h: the call
 * model fed a made-up sequence of signalling (SIP dialogs by Call-ID and
 * tags, SDP bodies they announce, H.323 calls, floor grants, dialled
 * strings), then media looked up. The fuzzers build the model with small
 * caps (fuzz/CMakeLists.txt) so that inputs reach them: the model must
 * never keep more than a cap, must record each cap it reached, and what
 * it hands out must belong to the call asked about.
 *
 * Input: a sequence of operations, each an opcode byte then its operands
 * (what the input lacks reads as zeros); an SDP body runs to the next
 * 0xff byte or the end.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "fuzz.h"
#include "pexip-calls.h"
#include "pexip-sdp.h"
#include "pexip-limits.h"

typedef struct {
    const uint8_t *data;
    size_t size, at;
} reader_t;

static uint8_t
byte(reader_t *r)
{
    return r->at < r->size ? r->data[r->at++] : 0;
}

/* Identifiers and tags from a small alphabet, so that inputs repeat them. */
static void
name(reader_t *r, char prefix, char *out, size_t size)
{
    uint8_t b = byte(r);
    g_snprintf(out, size, "%c%u", prefix, (unsigned)b);
}

static gboolean
is_service(guint8 family, const guint8 *addr, guint32 frame G_GNUC_UNUSED)
{
    return family == 4 && addr[0] == 185;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    reader_t r = { data, size, 0 };
    wmem_allocator_t *scope = wmem_allocator_new(WMEM_ALLOCATOR_SIMPLE);
    pexip_limits_init(scope);
    pexip_calls_init(scope, is_service);
    pexip_call_t *call = NULL;
    guint32 frame = 0;
    guint dropped_calls = 0;
    while (r.at < r.size) {
        frame++;
        char id[8], from[8], to[8];
        switch (byte(&r) % 6) {
        case 0: {   /* a SIP message: Call-ID, From tag, To tag (or none) */
            name(&r, 'c', id, sizeof id);
            name(&r, 'f', from, sizeof from);
            uint8_t t = byte(&r);
            g_snprintf(to, sizeof to, "t%u", (unsigned)(t >> 1));
            guint before = wmem_array_get_count(pexip_calls_all());
            pexip_call_t *got = pexip_sip_dialog_get(id, from, (t & 1) ? to : NULL, frame);
            if (!got) {
                FUZZ_CHECK(before == PEXIP_LIMIT_CALLS_MAX);
                FUZZ_CHECK(pexip_limit_drops(PEXIP_LIMIT_CALLS) > dropped_calls);
                dropped_calls = pexip_limit_drops(PEXIP_LIMIT_CALLS);
            } else {
                FUZZ_CHECK(strcmp(got->call_id, id) == 0);
                FUZZ_CHECK(got->dialog >= 1 && got->dialog <= PEXIP_LIMIT_DIALOGS_MAX);
                call = got;
            }
            break;
        }
        case 1: {   /* an SDP body the last call's message carries */
            const uint8_t *end = (const uint8_t *)memchr(data + r.at, 0xff, size - r.at);
            size_t len = end ? (size_t)(end - (data + r.at)) : size - r.at;
            char *body = (char *)malloc(len ? len : 1);
            memcpy(body, data + r.at, len);
            r.at += len + (end ? 1 : 0);
            pexip_sdp_t sdp;
            pexip_sdp_parse(body, len, &sdp);
            free(body);
            if (!call)
                break;
            pexip_sender_t sender = { .frame = frame, .time = frame, .family = 4,
                                      .addr = { 198, 51, 100, (guint8)(frame & 3) } };
            wmem_array_t *streams = pexip_sdp_announce(scope, call, &sender, frame, &sdp);
            for (guint i = 0; streams && i < wmem_array_get_count(streams); i++) {
                const pexip_stream_t *s = *(pexip_stream_t **)wmem_array_index(streams, i);
                /* A new stream, or the one this sender announced
                 * unchanged before (kept, with its first frame). */
                FUZZ_CHECK(s->call == call && s->setup_frame <= frame && s->superseded_frame == 0);
                FUZZ_CHECK(s->setup_frame == frame ||
                           (s->announced_by.family == sender.family &&
                            memcmp(s->announced_by.addr, sender.addr, 16) == 0));
                const pexip_media_setup_t *m =
                    pexip_media_lookup(s->family, s->addr, s->port, s->tcp, frame);
                FUZZ_CHECK(m != NULL);
            }
            FUZZ_CHECK(wmem_array_get_count(call->streams) <= PEXIP_LIMIT_STREAMS_MAX);
            break;
        }
        case 2: {   /* an H.323 call */
            name(&r, 'h', id, sizeof id);
            pexip_call_t *got = pexip_call_get(id, PEXIP_SIGNALING_H323, frame);
            FUZZ_CHECK(got || wmem_array_get_count(pexip_calls_all()) == PEXIP_LIMIT_CALLS_MAX);
            if (got) {
                FUZZ_CHECK(got->signaling == PEXIP_SIGNALING_H323);
                call = got;
            }
            break;
        }
        case 3:     /* a floor grant */
            if (call) {
                pexip_call_floor_granted(call, frame, frame);
                FUZZ_CHECK(wmem_array_get_count(call->floor_grants) <= PEXIP_LIMIT_GRANTS_MAX);
            }
            break;
        case 4:     /* a dialled string, and another identifier for the call */
            name(&r, 'd', id, sizeof id);
            if (call) {
                pexip_call_dialled(call, id, byte(&r) & 1, frame);
                pexip_call_alias(call, id);
            }
            break;
        default: {  /* a media packet to an address the SDPs may have named */
            guint8 addr[16] = { 198, 51, 100, byte(&r) & 3 };
            guint16 port = (guint16)(byte(&r) << 8 | byte(&r));
            const pexip_media_setup_t *m = pexip_media_lookup(4, addr, port, FALSE, frame);
            if (m) {
                FUZZ_CHECK(m->call && m->stream && m->stream->setup_frame <= frame);
                /* the setup is for the destination asked about */
                FUZZ_CHECK(m->rtcp ? m->stream->rtcp_port == port && m->stream->rtcp_family == 4 &&
                                         memcmp(m->stream->rtcp_addr, addr, 4) == 0
                                   : m->stream->port == port && m->stream->family == 4 &&
                                         !m->stream->tcp && memcmp(m->stream->addr, addr, 4) == 0);
                FUZZ_CHECK(m->valid_from <= frame && (!m->prev || m->prev->valid_from <= m->valid_from));
                pexip_stream_count(m->stream, TRUE, frame, frame, 100);
            }
            break;
        }
        }
        FUZZ_CHECK(wmem_array_get_count(pexip_calls_all()) <= PEXIP_LIMIT_CALLS_MAX);
    }
    /* Each cap reached was queued once: no more hits than limits x calls. */
    pexip_limit_hit_t hits[64];
    guint n = pexip_limits_take(hits, G_N_ELEMENTS(hits));
    for (guint i = 0; i < n; i++) {
        FUZZ_CHECK(hits[i].which < PEXIP_LIMIT_COUNT && hits[i].frame >= 1 &&
                   hits[i].frame <= frame);
        FUZZ_CHECK(pexip_limit_drops(hits[i].which) > 0);
        FUZZ_CHECK(hits[i].call <= wmem_array_get_count(pexip_calls_all()));
    }
    pexip_calls_cleanup();
    pexip_limits_cleanup();
    wmem_destroy_allocator(scope);
    return 0;
}
