/* test-calls.c
 * Unit tests of model/pexip-calls.c: SIP dialogs, media lookups (SDP and H.245 channels), how a call was dialled.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "unit.h"
#include "pexip-calls.h"
#include "pexip-sdp.h"
#include "pexip-limits.h"

/* SIP dialogs: one Call-ID, forks told apart by tags, either tag order. */
static void
test_sip_dialogs(void)
{
    wmem_allocator_t *scope = wmem_allocator_new(WMEM_ALLOCATOR_STRICT);
    pexip_calls_init(scope, NULL);
    pexip_call_t *first = pexip_sip_dialog_get("c1", "n1", NULL, 1);        /* INVITE */
    g_assert_true(first && first->number == 1 && first->dialog == 1);
    g_assert_true(pexip_sip_dialog_get("c1", "n1", NULL, 2) == first);              /* 100 Trying */
    g_assert_true(pexip_sip_dialog_get("c1", "n1", "fa", 3) == first);              /* 183 fa: completes it */
    unit_assert_str(first->tag_b, "fa");
    pexip_call_t *fork = pexip_sip_dialog_get("c1", "n1", "fb", 4);         /* 183 fb: a fork */
    g_assert_true(fork && fork != first && fork->number == 2 && fork->dialog == 2);
    g_assert_true(fork->call_id == first->call_id && fork->first_frame == 4);
    g_assert_true(pexip_sip_dialog_get("c1", "fb", "n1", 5) == fork);              /* BYE from the phone */
    g_assert_true(pexip_sip_dialog_get("c1", "n1", "fa", 6) == first);
    g_assert_true(pexip_sip_dialog_get("c1", "x", "y", 7) == first);               /* unrelated tags */
    pexip_call_t *other = pexip_sip_dialog_get("c2", "", "", 8);            /* no tags at all */
    g_assert_true(other && other->number == 3 && !other->tag_a && !other->tag_b);
    g_assert_true(pexip_sip_dialog_get("c2", "a", "b", 9) == other);               /* first tags complete it */
    /* H.323 identifiers are a separate name space. */
    pexip_call_t *h323 = pexip_call_get("c1", PEXIP_SIGNALING_H323, 10);
    g_assert_true(h323 && h323->number == 4 && h323->signaling == PEXIP_SIGNALING_H323);
    g_assert_true(pexip_call_get("c1", PEXIP_SIGNALING_H323, 11) == h323);
    pexip_calls_cleanup();
    wmem_destroy_allocator(scope);
}

/* Destinations: the announcement in force at the packet's frame wins. */
static void
test_media_lookup(void)
{
    wmem_allocator_t *scope = wmem_allocator_new(WMEM_ALLOCATOR_STRICT);
    pexip_calls_init(scope, NULL);
    pexip_call_t *call = pexip_sip_dialog_get("c1", "a", NULL, 1);
    pexip_sdp_t sdp;
    const char *offer = "v=0\r\nc=IN IP4 192.0.2.1\r\nm=audio 5000 RTP/AVP 0\r\n"
                        "m=video 5002 RTP/AVP 96\r\na=rtcp-mux\r\n";
    g_assert_true(pexip_sdp_parse(offer, strlen(offer), &sdp));
    pexip_sender_t sent = { .frame = 10, .time = 1.0, .family = 4, .addr = { 192, 0, 2, 1 } };
    wmem_array_t *streams = pexip_sdp_announce(scope, call, &sent, 10, &sdp);
    g_assert_true(streams && wmem_array_get_count(streams) == 2);
    guint8 addr[4] = { 192, 0, 2, 1 };
    g_assert_true(pexip_media_lookup(4, addr, 5000, FALSE, 9) == NULL);            /* before it */
    const pexip_media_setup_t *rtp = pexip_media_lookup(4, addr, 5000, FALSE, 10);
    g_assert_true(rtp && rtp->call == call && rtp->stream->mline == 0 && !rtp->rtcp);
    const pexip_media_setup_t *rtcp = pexip_media_lookup(4, addr, 5001, FALSE, 11);
    g_assert_true(rtcp && rtcp->rtcp && rtcp->stream == rtp->stream);
    g_assert_true(pexip_media_lookup(4, addr, 5003, FALSE, 11) == NULL);           /* rtcp-mux */
    g_assert_true(pexip_media_lookup(4, addr, 5000, TRUE, 11) == NULL);            /* not TCP */
    const char *moved = "v=0\r\nc=IN IP4 192.0.2.1\r\nm=audio 5000 RTP/AVP 0\r\na=sendonly\r\n";
    g_assert_true(pexip_sdp_parse(moved, strlen(moved), &sdp));
    sent.frame = 20;
    sent.time = 2.5;
    pexip_sdp_announce(scope, call, &sent, 20, &sdp);
    g_assert_true(pexip_media_lookup(4, addr, 5000, FALSE, 19) == rtp);
    /* The same sender's new SDP replaced the first audio stream, not the
     * video one it no longer lists. */
    g_assert_true(rtp->stream->superseded_frame == 20 && rtp->stream->superseded_time == 2.5);
    g_assert_true((*(pexip_stream_t **)wmem_array_index(streams, 1))->superseded_frame == 0);
    g_assert_true(wmem_array_get_count(call->streams) == 3);
    const pexip_media_setup_t *held = pexip_media_lookup(4, addr, 5000, FALSE, 20);
    g_assert_true(held && held != rtp && held->stream->setup_frame == 20 &&
          held->stream->direction == PEXIP_DIR_SENDONLY);
    /* Lookups are remembered: one that found nothing is forgotten when
     * that destination is announced (same memo slot as 5000 and 5008). */
    g_assert_true(pexip_media_lookup(4, addr, 5008, FALSE, 21) == NULL);
    const char *later = "v=0\r\nc=IN IP4 192.0.2.1\r\nm=audio 5008 RTP/AVP 0\r\n";
    pexip_call_t *other = pexip_sip_dialog_get("c2", "b", NULL, 22);
    g_assert_true(pexip_sdp_parse(later, strlen(later), &sdp));
    sent.frame = 22;
    pexip_sdp_announce(scope, other, &sent, 22, &sdp);
    const pexip_media_setup_t *found = pexip_media_lookup(4, addr, 5008, FALSE, 22);
    g_assert_true(found && found->call == other && found->stream->setup_frame == 22);
    g_assert_true(pexip_media_lookup(4, addr, 5000, FALSE, 22) == held);
    pexip_stream_count(held->stream, TRUE, 21, 3.0, 100);
    pexip_stream_count(held->stream, FALSE, 25, 4.0, 60);
    pexip_stream_count(held->stream, TRUE, 26, 5.0, 100);
    g_assert_true(held->stream->to.packets == 2 && held->stream->to.bytes == 200 &&
          held->stream->to.first_frame == 21 && held->stream->to.last_frame == 26 &&
          held->stream->to.first_time == 3.0 && held->stream->to.last_time == 5.0);
    g_assert_true(held->stream->from.packets == 1 && held->stream->from.bytes == 60 &&
          held->stream->from.first_frame == 25 && held->stream->from.last_time == 4.0);
    g_assert_true(pexip_stream_first_frame(held->stream) == 21 &&
                  pexip_stream_last_frame(held->stream) == 26);
    pexip_calls_cleanup();
    g_assert_true(pexip_media_lookup(4, addr, 5000, FALSE, 30) == NULL);           /* after cleanup */
    wmem_destroy_allocator(scope);
}

/* The first stream a sender's SDP in frame announces for call. */
static pexip_stream_t *
announce_first(wmem_allocator_t *scope, pexip_call_t *call, const char *sdp_text,
               guint8 last_octet, guint32 frame)
{
    pexip_sdp_t sdp;
    g_assert_true(pexip_sdp_parse(sdp_text, strlen(sdp_text), &sdp));
    pexip_sender_t sent = { .frame = frame, .time = frame / 10.0, .family = 4,
                            .addr = { 192, 0, 2, last_octet } };
    wmem_array_t *streams = pexip_sdp_announce(scope, call, &sent, frame, &sdp);
    g_assert_nonnull(streams);
    return *(pexip_stream_t **)wmem_array_index(streams, 0);
}

/* A re-announcement that changes nothing (re-INVITE, session refresh,
 * retransmission, the other capture point's unchanged copy) is the same
 * stream: no new record, its packets counted on the first. Anything
 * that changes what the record holds makes a new one that replaces it. */
static void
test_unchanged_announcements(void)
{
    wmem_allocator_t *scope = wmem_allocator_new(WMEM_ALLOCATOR_STRICT);
    pexip_calls_init(scope, NULL);
    pexip_call_t *call = pexip_sip_dialog_get("re", "a", NULL, 1);
    const char *audio = "v=0\r\nc=IN IP4 192.0.2.1\r\nm=audio 5000 RTP/AVP 0\r\n";
    guint8 addr[4] = { 192, 0, 2, 1 };
    pexip_stream_t *first = announce_first(scope, call, audio, 1, 10);
    /* Unchanged, twice: the same record, set up in frame 10, in force. */
    g_assert_true(announce_first(scope, call, audio, 1, 20) == first);
    g_assert_true(announce_first(scope, call, audio, 1, 30) == first);
    g_assert_true(wmem_array_get_count(call->streams) == 1);
    g_assert_true(first->setup_frame == 10 && first->superseded_frame == 0);
    g_assert_true(pexip_media_lookup(4, addr, 5000, FALSE, 35)->stream == first);
    g_assert_true(pexip_media_lookup(4, addr, 5001, FALSE, 35)->stream == first);
    /* Another sender announcing the same (the answerer, a B2BUA's copy)
     * has its own record. */
    pexip_stream_t *theirs = announce_first(scope, call, audio, 9, 40);
    g_assert_true(theirs != first && first->superseded_frame == 0);
    g_assert_true(wmem_array_get_count(call->streams) == 2);
    /* That took the destination: the first sender's unchanged SDP again
     * is a new record, so lookups find its own call's setup again. */
    pexip_stream_t *back = announce_first(scope, call, audio, 1, 50);
    g_assert_true(back != first && first->superseded_frame == 50 && back->setup_frame == 50);
    g_assert_true(pexip_media_lookup(4, addr, 5000, FALSE, 55)->stream == back);
    /* Each change of the description: a new record that replaces it. */
    const char *changed[] = {
        "v=0\r\nc=IN IP4 192.0.2.1\r\nm=audio 5000 RTP/AVP 0\r\na=sendonly\r\n",  /* hold */
        "v=0\r\nc=IN IP4 192.0.2.1\r\nm=audio 5000 RTP/AVP 0\r\na=rtcp-mux\r\n", /* no RTCP */
        "v=0\r\nc=IN IP4 192.0.2.1\r\nm=audio 5000 RTP/SAVP 0\r\n",               /* transport */
        "v=0\r\nc=IN IP4 192.0.2.2\r\nm=audio 5000 RTP/AVP 0\r\n",                /* address */
        "v=0\r\nc=IN IP4 192.0.2.1\r\nm=video 5000 RTP/AVP 96\r\n",               /* kind */
    };
    pexip_stream_t *last = back;
    for (guint i = 0; i < G_N_ELEMENTS(changed); i++) {
        guint32 frame = 60 + 10 * i;
        pexip_stream_t *s = announce_first(scope, call, changed[i], 1, frame);
        g_assert_true(s != last && last->superseded_frame == frame && s->setup_frame == frame);
        last = s;
    }
    g_assert_true(wmem_array_get_count(call->streams) == 3 + G_N_ELEMENTS(changed));
    pexip_calls_cleanup();
    wmem_destroy_allocator(scope);
}

/* H.245 channels: RTP and RTCP at addresses of their own; an OLC naming
 * only its RTCP does not take over the peer's acknowledged destination. */
static void
test_h245_channels(void)
{
    wmem_allocator_t *scope = wmem_allocator_new(WMEM_ALLOCATOR_STRICT);
    pexip_calls_init(scope, NULL);
    pexip_call_t *call = pexip_call_get("guid-1", PEXIP_SIGNALING_H323, 4);
    guint8 node[4] = { 185, 94, 242, 66 }, ep[4] = { 198, 51, 100, 30 };

    /* OLC-Ack (frame 20): RTP to node:40000, RTCP to node:40009 */
    pexip_stream_t ack;
    memset(&ack, 0, sizeof ack);
    ack.setup_frame = 20;
    ack.stream = 1;
    ack.channel = 1;
    ack.kind = PEXIP_MEDIA_AUDIO;
    ack.family = 4;
    memcpy(ack.addr, node, 4);
    ack.port = 40000;
    ack.rtcp = TRUE;
    ack.rtcp_family = 4;
    memcpy(ack.rtcp_addr, node, 4);
    ack.rtcp_port = 40009;
    pexip_stream_t *acked = pexip_calls_add_channel(call, 20, &ack);
    g_assert_true(acked && acked->channel == 1 && acked->rtcp_port == 40009);
    const pexip_media_setup_t *m = pexip_media_lookup(4, node, 40000, FALSE, 20);
    g_assert_true(m && m->stream == acked && !m->rtcp);
    m = pexip_media_lookup(4, node, 40009, FALSE, 21);
    g_assert_true(m && m->stream == acked && m->rtcp);
    g_assert_true(pexip_media_lookup(4, node, 40001, FALSE, 21) == NULL);   /* not port + 1 */

    /* The node's own OLC (frame 22) names the same RTCP address alone:
     * the acknowledged channel keeps it. */
    pexip_stream_t olc = ack;
    olc.setup_frame = 22;
    olc.channel = 101;
    olc.port = 0;
    olc.family = 0;
    pexip_stream_t *opened = pexip_calls_add_channel(call, 22, &olc);
    g_assert_true(opened && opened->port == 0 && opened->rtcp);
    m = pexip_media_lookup(4, node, 40009, FALSE, 23);
    g_assert_true(m && m->stream == acked);

    /* An RTCP-only OLC where nothing was announced yet is the destination
     * until an OLC-Ack names it (frame 24 OLC, frame 26 OLC-Ack). */
    olc.setup_frame = 24;
    memcpy(olc.rtcp_addr, ep, 4);
    olc.rtcp_port = 5005;
    opened = pexip_calls_add_channel(call, 24, &olc);
    m = pexip_media_lookup(4, ep, 5005, FALSE, 25);
    g_assert_true(m && m->stream == opened && m->rtcp);
    pexip_stream_t ack2 = ack;
    ack2.setup_frame = 26;
    memcpy(ack2.addr, ep, 4);
    ack2.port = 5004;
    memcpy(ack2.rtcp_addr, ep, 4);
    ack2.rtcp_port = 5005;
    pexip_stream_t *acked2 = pexip_calls_add_channel(call, 26, &ack2);
    m = pexip_media_lookup(4, ep, 5005, FALSE, 26);
    g_assert_true(m && m->stream == acked2);
    m = pexip_media_lookup(4, ep, 5005, FALSE, 25);
    g_assert_true(m && m->stream == opened);

    /* Nothing to record */
    pexip_stream_t none;
    memset(&none, 0, sizeof none);
    g_assert_true(pexip_calls_add_channel(call, 30, &none) == NULL);
    pexip_calls_cleanup();
    wmem_destroy_allocator(scope);
}

/* The call keeps what was dialled; IVR digits fill in a missing number. */
static void
test_call_dialling(void)
{
    wmem_allocator_t *scope = wmem_allocator_new(WMEM_ALLOCATOR_STRICT);
    pexip_calls_init(scope, NULL);
    pexip_call_t *call = pexip_call_get("g1", PEXIP_SIGNALING_H323, 4);
    pexip_call_dialled(call, "h323:87654321@vmr.vc", FALSE, 4);
    pexip_call_dialled(call, "185.94.242.66", FALSE, 4);
    pexip_call_dialled(call, "h323:87654321@vmr.vc", FALSE, 9);     /* retransmitted */
    g_assert_true(wmem_array_get_count(call->dial_strings) == 2 && call->dial_frame == 4);
    for (int i = 0; i < 40; i++) {
        char alias[16];
        g_snprintf(alias, sizeof alias, "alias%d", i);
        pexip_call_dialled(call, alias, FALSE, 5);
    }
    g_assert_true(wmem_array_get_count(call->dial_strings) == PEXIP_DIAL_STRINGS_MAX);
    unit_assert_str(call->conference_id, "87654321");
    g_assert_true(call->conference_frame == 4 && call->dial_uri == NULL);
    pexip_call_dtmf(call, '5', 10);
    pexip_call_dtmf(call, '#', 11);                 /* it has a number: ignored */
    unit_assert_str(call->conference_id, "87654321");

    pexip_call_t *uri = pexip_call_get("g2", PEXIP_SIGNALING_H323, 20);
    pexip_call_dialled(uri, "person.vmr@pexip.com", FALSE, 20);
    unit_assert_str(uri->dial_uri, "person.vmr@pexip.com");
    g_assert_true(uri->conference_id == NULL);

    pexip_call_t *ivr = pexip_call_get("g3", PEXIP_SIGNALING_H323, 30);
    pexip_call_dialled(ivr, "185.94.242.66", FALSE, 30);
    g_assert_true(ivr->conference_id == NULL && ivr->dial_uri == NULL);
    /* RFC 4733: the event of timestamp 8000 is sent three times */
    pexip_call_dtmf_event(ivr, 1, 8000, 40);
    pexip_call_dtmf_event(ivr, 1, 8000, 41);
    pexip_call_dtmf_event(ivr, 1, 8000, 42);
    pexip_call_dtmf_event(ivr, 1, 9600, 43);        /* the same key again */
    pexip_call_dtmf_event(ivr, 16, 11200, 44);      /* not a key (flash) */
    pexip_call_dtmf_event(ivr, 11, 12800, 45);
    pexip_call_dtmf_event(ivr, 11, 12800, 46);
    unit_assert_str(ivr->conference_id, "11");
    g_assert_true(ivr->conference_frame == 45);
    pexip_calls_cleanup();
    wmem_destroy_allocator(scope);
}

/* The caps on the model's state (pexip-limits.h): a new Call-ID beyond
 * PEXIP_LIMIT_CALLS_MAX calls, a fork beyond PEXIP_LIMIT_DIALOGS_MAX and
 * a stream beyond PEXIP_LIMIT_STREAMS_MAX are refused, each limit queued
 * once (per call, or for the capture) and every refusal counted; what is
 * kept is still found. */
static void
test_limits(void)
{
    wmem_allocator_t *scope = wmem_allocator_new(WMEM_ALLOCATOR_SIMPLE);
    pexip_limits_init(scope);
    pexip_calls_init(scope, NULL);
    pexip_limit_hit_t hits[4];
    char id[32];
    /* Forks of one Call-ID: the first dialog and 15 forks, then none. */
    pexip_call_t *first = pexip_sip_dialog_get("forked", "a", "t0", 1);
    for (guint i = 1; i < PEXIP_LIMIT_DIALOGS_MAX; i++) {
        g_snprintf(id, sizeof id, "t%u", i);
        pexip_call_t *fork = pexip_sip_dialog_get("forked", "a", id, 1 + i);
        g_assert_true(fork && fork != first && fork->dialog == i + 1);
    }
    g_assert_true(pexip_limits_take(hits, 4) == 0);
    g_assert_true(pexip_sip_dialog_get("forked", "a", "t-over", 100) == first);
    g_assert_true(pexip_sip_dialog_get("forked", "a", "t-over2", 101) == first);
    g_assert_true(pexip_limits_take(hits, 4) == 1);
    g_assert_true(hits[0].which == PEXIP_LIMIT_DIALOGS && hits[0].frame == 100 &&
                  hits[0].call == first->number);
    g_assert_true(pexip_limit_drops(PEXIP_LIMIT_DIALOGS) == 2);

    /* Streams of one call: one m-line per re-INVITE, each moving it to
     * another port and so replacing the last. */
    pexip_sdp_t sdp;
    char offer[128];
    for (guint i = 0; i < PEXIP_LIMIT_STREAMS_MAX; i++) {
        g_snprintf(offer, sizeof offer, "v=0\r\nc=IN IP4 192.0.2.1\r\nm=audio %u RTP/AVP 0\r\n",
                   5000 + 2 * i);
        g_assert_true(pexip_sdp_parse(offer, strlen(offer), &sdp));
        pexip_sender_t sent = { .frame = 200 + i, .family = 4, .addr = { 192, 0, 2, 1 } };
        g_assert_true(pexip_sdp_announce(scope, first, &sent, 200 + i, &sdp) != NULL);
    }
    g_assert_true(pexip_limits_take(hits, 4) == 0);
    /* The last one again, unchanged: the same stream, no record more. */
    pexip_sender_t again = { .frame = 890, .family = 4, .addr = { 192, 0, 2, 1 } };
    wmem_array_t *same = pexip_sdp_announce(scope, first, &again, 890, &sdp);
    g_assert_true(same && (*(pexip_stream_t **)wmem_array_index(same, 0))->setup_frame ==
                              200 + PEXIP_LIMIT_STREAMS_MAX - 1);
    g_assert_true(pexip_limits_take(hits, 4) == 0);
    g_snprintf(offer, sizeof offer, "v=0\r\nc=IN IP4 192.0.2.1\r\nm=audio 4000 RTP/AVP 0\r\n");
    g_assert_true(pexip_sdp_parse(offer, strlen(offer), &sdp));
    pexip_sender_t late = { .frame = 900, .family = 4, .addr = { 192, 0, 2, 1 } };
    g_assert_true(pexip_sdp_announce(scope, first, &late, 900, &sdp) == NULL);
    g_assert_true(wmem_array_get_count(first->streams) == PEXIP_LIMIT_STREAMS_MAX);
    g_assert_true(pexip_limits_take(hits, 4) == 1);
    g_assert_true(hits[0].which == PEXIP_LIMIT_STREAMS && hits[0].frame == 900 &&
                  hits[0].call == first->number);
    /* The last one kept is still in force; the refused one is nowhere. */
    guint8 addr[4] = { 192, 0, 2, 1 };
    const pexip_media_setup_t *setup =
        pexip_media_lookup(4, addr, 5000 + 2 * (PEXIP_LIMIT_STREAMS_MAX - 1), FALSE, 950);
    g_assert_true(setup && setup->stream->setup_frame == 200 + PEXIP_LIMIT_STREAMS_MAX - 1);
    g_assert_null(pexip_media_lookup(4, addr, 4000, FALSE, 950));

    /* Calls: the capture's first PEXIP_LIMIT_CALLS_MAX, then none. */
    for (guint i = first->number + PEXIP_LIMIT_DIALOGS_MAX - 1; i < PEXIP_LIMIT_CALLS_MAX; i++) {
        g_snprintf(id, sizeof id, "call-%u", i);
        g_assert_nonnull(pexip_sip_dialog_get(id, "a", NULL, 1000 + i));
    }
    g_assert_true(wmem_array_get_count(pexip_calls_all()) == PEXIP_LIMIT_CALLS_MAX);
    g_assert_null(pexip_sip_dialog_get("one-too-many", "a", NULL, 20000));
    g_assert_null(pexip_call_get("h323-too-many", PEXIP_SIGNALING_H323, 20001));
    g_assert_null(pexip_call_find("one-too-many", PEXIP_SIGNALING_SIP));
    /* A fork is a call too: the dialog's first To tag completes it, another
     * would fork it, and joins it instead. */
    pexip_call_t *full = pexip_sip_dialog_get("call-20", "a", "x", 20002);
    g_assert_true(full && full == pexip_call_find("call-20", PEXIP_SIGNALING_SIP));
    g_assert_true(pexip_sip_dialog_get("call-20", "a", "other", 20002) == full);
    g_assert_true(pexip_limits_take(hits, 4) == 1);
    g_assert_true(hits[0].which == PEXIP_LIMIT_CALLS && hits[0].frame == 20000 &&
                  hits[0].call == 0);
    g_assert_true(pexip_limit_drops(PEXIP_LIMIT_CALLS) == 3);
    /* Known calls are still found. */
    g_assert_true(pexip_sip_dialog_get("forked", "a", "t0", 20003) == first);
    g_assert_nonnull(pexip_call_find("call-9999", PEXIP_SIGNALING_SIP));
    g_assert_true(wmem_array_get_count(pexip_calls_all()) == PEXIP_LIMIT_CALLS_MAX);
    pexip_calls_cleanup();
    pexip_limits_cleanup();
    wmem_destroy_allocator(scope);
}

/* A frame's record: calls (each once), streams and copies in their own
 * lists whatever order they are added in, inline up to
 * PEXIP_FRAME_INLINE entries, then spilled into one array that grows. */
static void
test_signalling_frame(void)
{
    wmem_allocator_t *scope = wmem_allocator_new(WMEM_ALLOCATOR_STRICT);
    pexip_calls_init(scope, NULL);
    pexip_call_t *c1 = pexip_call_get("f1", PEXIP_SIGNALING_SIP, 1);
    pexip_call_t *c2 = pexip_call_get("f2", PEXIP_SIGNALING_SIP, 1);
    pexip_stream_t streams[20];
    pexip_message_copies_t copies[10];
    memset(streams, 0, sizeof streams);
    memset(copies, 0, sizeof copies);
    pexip_signalling_frame_t frame;
    pexip_signalling_frame_clear(&frame);
    guint n;
    g_assert_true(!pexip_signalling_frame_calls(&frame, &n) && n == 0);
    g_assert_true(!pexip_signalling_frame_streams(&frame, &n) && n == 0);
    g_assert_true(pexip_signalling_frame_copy_count(&frame) == 0);
    /* the usual frame: one call, two streams, one copy, all inline */
    pexip_signalling_frame_add_copy(&frame, &copies[0], TRUE);
    pexip_stream_t *two[3] = { &streams[0], NULL, &streams[1] };
    pexip_signalling_frame_add_streams(&frame, two, 3);
    pexip_signalling_frame_add_call(&frame, c1);
    pexip_signalling_frame_add_call(&frame, c1);
    g_assert_true(frame.capacity == 0);
    pexip_call_t *const *calls = pexip_signalling_frame_calls(&frame, &n);
    g_assert_true(n == 1 && calls[0] == c1);
    pexip_stream_t *const *s = pexip_signalling_frame_streams(&frame, &n);
    g_assert_true(n == 2 && s[0] == &streams[0] && s[1] == &streams[1]);
    pexip_copy_ref_t ref = pexip_signalling_frame_copy(&frame, 0);
    g_assert_true(pexip_signalling_frame_copy_count(&frame) == 1 && ref.copies == &copies[0] &&
                  ref.rewritten);
    /* spilled: a second call goes before the streams, more streams and
     * copies after theirs; a copy of the record reads the same */
    pexip_signalling_frame_add_call(&frame, c2);
    for (guint i = 2; i < 20; i++) {
        pexip_stream_t *one = &streams[i];
        pexip_signalling_frame_add_streams(&frame, &one, 1);
        if (i < 10)
            pexip_signalling_frame_add_copy(&frame, &copies[i - 1], i % 2 == 0);
    }
    pexip_signalling_frame_add_call(&frame, c2);
    pexip_signalling_frame_t kept = frame;
    g_assert_true(kept.capacity == 32);
    calls = pexip_signalling_frame_calls(&kept, &n);
    g_assert_true(n == 2 && calls[0] == c1 && calls[1] == c2);
    s = pexip_signalling_frame_streams(&kept, &n);
    g_assert_true(n == 20 && pexip_signalling_frame_stream_count(&kept) == 20);
    for (guint i = 0; i < 20; i++)
        g_assert_true(s[i] == &streams[i]);
    g_assert_true(pexip_signalling_frame_copy_count(&kept) == 9);
    for (guint i = 0; i < 9; i++) {
        ref = pexip_signalling_frame_copy(&kept, i);
        g_assert_true(ref.copies == &copies[i] && ref.rewritten == (i == 0 || i % 2 == 1));
    }
    /* the message of the streams from index 18 on */
    pexip_signalling_frame_set_message(&kept, 18, &copies[5]);
    g_assert_true(!streams[17].message && streams[18].message == &copies[5] &&
                  streams[19].message == &copies[5]);

    /* kept by frame number for the later passes: a copy of the record,
     * found again; frames that kept nothing have none */
    g_assert_true(pexip_signalling_frame_kept(7) == NULL);
    pexip_signalling_frame_keep(7, &kept);
    pexip_signalling_frame_t small;
    pexip_signalling_frame_clear(&small);
    pexip_signalling_frame_add_call(&small, c2);
    for (guint32 f = 100; f < 2100; f += 2)
        pexip_signalling_frame_keep(f, &small);
    const pexip_signalling_frame_t *found = pexip_signalling_frame_kept(7);
    g_assert_true(found && found != &kept);
    calls = pexip_signalling_frame_calls(found, &n);
    g_assert_true(n == 2 && calls[1] == c2 && pexip_signalling_frame_copy_count(found) == 9);
    for (guint32 f = 100; f < 2100; f++) {
        found = pexip_signalling_frame_kept(f);
        g_assert_true(f % 2 ? found == NULL
                            : (found && pexip_signalling_frame_calls(found, &n)[0] == c2 && n == 1));
    }
    g_assert_true(pexip_signalling_frame_kept(8) == NULL);
    pexip_calls_cleanup();
    g_assert_true(pexip_signalling_frame_kept(7) == NULL);
    wmem_destroy_allocator(scope);
}

int
main(int argc, char **argv)
{
    unit_init(&argc, &argv);
    g_test_add_func("/calls/sip_dialogs", test_sip_dialogs);
    g_test_add_func("/calls/media_lookup", test_media_lookup);
    g_test_add_func("/calls/unchanged_announcements", test_unchanged_announcements);
    g_test_add_func("/calls/h245_channels", test_h245_channels);
    g_test_add_func("/calls/call_dialling", test_call_dialling);
    g_test_add_func("/calls/limits", test_limits);
    g_test_add_func("/calls/signalling_frame", test_signalling_frame);
    return g_test_run();
}
