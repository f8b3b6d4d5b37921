/* test-media-check.c
 * Unit tests of findings/pexip-media-check.c: media missing, one way, content missing, unannounced sources, ICMP quotes.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "unit.h"
#include "pexip-media-check.h"
#include "pexip-calls.h"
#include "pexip-sdp.h"
#include "pexip-findings-store.h"

/* One side's SDP with audio (and video when video_port) at addr, sent by
 * addr in frame at time. */
static wmem_array_t *
announce(wmem_allocator_t *scope, const pexip_call_t *call, const char *addr,
         guint16 audio_port, guint16 video_port, guint32 frame, double time)
{
    char text[256];
    g_snprintf(text, sizeof text, "v=0\r\nc=IN IP4 %s\r\nm=audio %u RTP/AVP 0\r\n%s", addr,
               audio_port, video_port ? "m=video " : "");
    if (video_port)
        g_snprintf(text + strlen(text), sizeof text - strlen(text), "%u RTP/AVP 96\r\n", video_port);
    pexip_sdp_t sdp;
    g_assert_true(pexip_sdp_parse(text, strlen(text), &sdp));
    pexip_sender_t sender = { .frame = frame, .time = time, .family = 4 };
    ws_inet_pton4(addr, (ws_in4_addr *)sender.addr);
    return pexip_sdp_announce(scope, call, &sender, frame, &sdp);
}

static pexip_stream_t *
nth_stream(wmem_array_t *streams, guint i)
{
    return *(pexip_stream_t **)wmem_array_index(streams, i);
}

/* Packets to a stream's destination (to) or from it, one a second. */
static void
flow(pexip_stream_t *s, gboolean to, guint32 frame, double start, guint seconds)
{
    for (guint i = 0; i <= seconds; i++)
        pexip_stream_count(s, to, frame + i, start + i, 100);
}

/* pexip.media.missing and one_way: judged per destination while its
 * announcement was in force, against the call's other media. */
static void
test_media_paths(void)
{
    wmem_allocator_t *scope = wmem_allocator_new(WMEM_ALLOCATOR_STRICT);
    pexip_calls_init(scope, NULL);
    pexip_call_t *call = pexip_sip_dialog_get("m1", "a", NULL, 1);
    wmem_array_t *sbc = announce(scope, call, "198.51.100.10", 20000, 20002, 1, 100.0);
    pexip_call_t *same = pexip_sip_dialog_get("m1", "a", "b", 2);
    g_assert_true(same == call);
    wmem_array_t *node = announce(scope, call, "185.94.241.20", 40000, 40002, 2, 100.1);
    pexip_stream_t *sbc_audio = nth_stream(sbc, 0), *sbc_video = nth_stream(sbc, 1);
    pexip_stream_t *node_audio = nth_stream(node, 0), *node_video = nth_stream(node, 1);
    const pexip_stream_t *peer;
    guint32 first;
    double flowed;

    /* Audio both ways for 6 s, no video: video is missing on both sides;
     * but not before the call is answered. */
    flow(node_audio, TRUE, 10, 101.0, 6);
    flow(sbc_audio, TRUE, 20, 101.0, 6);
    g_assert_true(pexip_detect_media_path(sbc_video, 5.0, &peer, &first, &flowed) == PEXIP_MEDIA_PATH_OK);
    pexip_call_answered(call);
    g_assert_true(pexip_detect_media_path(sbc_video, 5.0, &peer, &first, &flowed) ==
          PEXIP_MEDIA_PATH_MISSING && flowed == 6.0);
    g_assert_true(pexip_detect_media_path(node_video, 5.0, &peer, &first, &flowed) ==
          PEXIP_MEDIA_PATH_MISSING);
    g_assert_true(pexip_detect_media_path(sbc_video, 7.0, &peer, &first, &flowed) == PEXIP_MEDIA_PATH_OK);
    g_assert_true(pexip_detect_media_path(sbc_audio, 5.0, &peer, &first, &flowed) == PEXIP_MEDIA_PATH_OK);

    /* Video to the node only: one-way toward the SBC's video. */
    flow(node_video, TRUE, 40, 101.0, 6);
    g_assert_true(pexip_detect_media_path(sbc_video, 5.0, &peer, &first, &flowed) ==
          PEXIP_MEDIA_PATH_ONE_WAY && peer == node_video && first == 40);
    g_assert_true(pexip_detect_media_path(node_video, 5.0, &peer, &first, &flowed) == PEXIP_MEDIA_PATH_OK);
    /* A latching node sends the SBC's video from its own announced port
     * to wherever the SBC's packets came from: that counts for the SBC. */
    pexip_stream_count(node_video, FALSE, 60, 102.0, 100);
    g_assert_true(pexip_detect_media_path(sbc_video, 5.0, &peer, &first, &flowed) == PEXIP_MEDIA_PATH_OK);

    /* Hold: the SBC's new SDP replaces its streams; the old ones are
     * judged only while they were in force. */
    pexip_call_t *held = pexip_sip_dialog_get("m2", "a", NULL, 100);
    pexip_call_answered(held);
    wmem_array_t *first_offer = announce(scope, held, "198.51.100.10", 20000, 20002, 100, 200.0);
    announce(scope, held, "185.94.241.20", 40000, 40002, 101, 200.1);
    announce(scope, held, "198.51.100.10", 20010, 20012, 102, 200.5);
    wmem_array_t *answer = announce(scope, held, "185.94.241.20", 40000, 40002, 103, 200.6);
    flow(nth_stream(answer, 0), TRUE, 110, 201.0, 6);
    g_assert_true(nth_stream(first_offer, 1)->superseded_frame == 102);
    g_assert_true(pexip_detect_media_path(nth_stream(first_offer, 1), 5.0, &peer, &first, &flowed) ==
          PEXIP_MEDIA_PATH_OK);
    /* Content and sendonly destinations are not judged. */
    pexip_stream_t content = *sbc_video;
    content.kind = PEXIP_MEDIA_CONTENT;
    g_assert_true(pexip_detect_media_path(&content, 5.0, &peer, &first, &flowed) == PEXIP_MEDIA_PATH_OK);
    pexip_stream_t sendonly = *sbc_video;
    sendonly.direction = PEXIP_DIR_SENDONLY;
    sendonly.to.packets = 0;
    g_assert_true(pexip_detect_media_path(&sendonly, 5.0, &peer, &first, &flowed) == PEXIP_MEDIA_PATH_OK);
    pexip_calls_cleanup();
    wmem_destroy_allocator(scope);
}

/* pexip.media.content_missing: a grant with no content for the wait,
 * while the call went on that long. */
static void
test_content_missing(void)
{
    wmem_allocator_t *scope = wmem_allocator_new(WMEM_ALLOCATOR_STRICT);
    pexip_calls_init(scope, NULL);
    pexip_call_t *call = pexip_sip_dialog_get("c1", "a", NULL, 1);
    const char *offer = "v=0\r\nc=IN IP4 198.51.100.10\r\nm=audio 20000 RTP/AVP 0\r\n"
                        "m=video 20004 RTP/AVP 97\r\na=content:slides\r\n";
    pexip_sdp_t sdp;
    g_assert_true(pexip_sdp_parse(offer, strlen(offer), &sdp));
    pexip_sender_t sender = { .frame = 1, .time = 10.0, .family = 4, .addr = { 198, 51, 100, 10 } };
    wmem_array_t *streams = pexip_sdp_announce(scope, call, &sender, 1, &sdp);
    pexip_stream_t *audio = nth_stream(streams, 0), *content = nth_stream(streams, 1);
    g_assert_true(content->kind == PEXIP_MEDIA_CONTENT);
    g_assert_true(pexip_detect_content_missing(call, 5.0) == -1);         /* no grant */
    pexip_call_floor_granted(call, 5, 11.0);
    flow(audio, TRUE, 6, 11.0, 4);
    g_assert_true(pexip_detect_content_missing(call, 5.0) == -1);         /* the call ended too soon */
    flow(audio, TRUE, 20, 16.0, 1);
    g_assert_true(pexip_detect_content_missing(call, 5.0) == 0);
    pexip_stream_count(content, TRUE, 30, 15.5, 1000);             /* content 4.5 s after */
    g_assert_true(pexip_detect_content_missing(call, 5.0) == -1);
    pexip_call_floor_granted(call, 40, 30.0);                      /* a second sharing */
    flow(audio, TRUE, 41, 30.0, 6);
    g_assert_true(pexip_detect_content_missing(call, 5.0) == 1);
    pexip_calls_cleanup();
    wmem_destroy_allocator(scope);
}

/* pexip.media.unannounced_source and the packet an ICMP error quotes. */
static void
test_media_sources(void)
{
    wmem_allocator_t *scope = wmem_allocator_new(WMEM_ALLOCATOR_STRICT);
    pexip_calls_init(scope, NULL);
    pexip_call_t *call = pexip_sip_dialog_get("s1", "a", NULL, 1);
    wmem_array_t *sbc = announce(scope, call, "10.20.30.40", 20000, 0, 1, 1.0);
    wmem_array_t *node = announce(scope, call, "185.94.241.20", 40000, 0, 2, 1.1);
    pexip_stream_t *node_audio = nth_stream(node, 0);
    const pexip_stream_t *announced;
    guint8 inside[4] = { 10, 20, 30, 40 }, outside[4] = { 198, 51, 100, 10 };
    g_assert_true(pexip_media_counterpart(node_audio, 3) == nth_stream(sbc, 0));
    g_assert_true(pexip_media_counterpart(nth_stream(sbc, 0), 1) == NULL);  /* not announced yet */
    g_assert_true(!pexip_detect_unannounced_source(node_audio, FALSE, 4, inside, 20000, 3, &announced));
    g_assert_true(pexip_detect_unannounced_source(node_audio, FALSE, 4, outside, 20000, 3, &announced) &&
          announced == nth_stream(sbc, 0));
    g_assert_true(pexip_detect_unannounced_source(node_audio, FALSE, 4, inside, 20010, 3, &announced));
    g_assert_true(!pexip_detect_unannounced_source(node_audio, TRUE, 4, inside, 20001, 3, &announced));
    g_assert_true(pexip_detect_unannounced_source(node_audio, TRUE, 4, inside, 20000, 3, &announced));
    pexip_calls_cleanup();
    wmem_destroy_allocator(scope);

    /* IPv4 header (20 bytes) + UDP ports 40000 -> 20000 */
    guint8 v4[28] = { 0x45, 0, 0, 28, 0, 0, 0, 0, 64, 17, 0, 0, 185, 94, 241, 20,
                      198, 51, 100, 10, 0x9c, 0x40, 0x4e, 0x20, 0, 8, 0, 0 };
    pexip_quoted_packet_t q;
    g_assert_true(pexip_icmp_quoted(v4, sizeof v4, FALSE, &q) && q.family == 4 && q.protocol == 17 &&
          q.src_port == 40000 && q.dst_port == 20000 && q.dst[0] == 198 && q.src[3] == 20);
    g_assert_true(!pexip_icmp_quoted(v4, 23, FALSE, &q));                  /* ports cut off */
    g_assert_true(!pexip_icmp_quoted(v4, sizeof v4, TRUE, &q));            /* not IPv6 */
    v4[9] = 1;
    g_assert_true(!pexip_icmp_quoted(v4, sizeof v4, FALSE, &q));           /* ICMP inside */
    v4[9] = 17;
    v4[0] = 0x44;
    g_assert_true(!pexip_icmp_quoted(v4, sizeof v4, FALSE, &q));           /* header length 16 */
    guint8 v6[44] = { 0x60, 0, 0, 0, 0, 8, 17, 64 };
    v6[8] = 0x20; v6[9] = 0x01; v6[24] = 0xfd;
    v6[40] = 0x13; v6[41] = 0x88; v6[42] = 0x13; v6[43] = 0x89;
    g_assert_true(pexip_icmp_quoted(v6, sizeof v6, TRUE, &q) && q.family == 6 && q.src[0] == 0x20 &&
          q.dst[0] == 0xfd && q.src_port == 5000 && q.dst_port == 5001);
    g_assert_true(!pexip_icmp_quoted(v6, 43, TRUE, &q));
}

/* Each stream of an SDP's announcement belongs to message (one entry
 * for all its copies). */
static wmem_array_t *
of_message(wmem_array_t *streams, const pexip_message_copies_t *message)
{
    for (guint i = 0; i < wmem_array_get_count(streams); i++)
        nth_stream(streams, i)->message = message;
    return streams;
}

/* Captures of two points merged (inside and outside a NAT whose ALG
 * rewrites SIP): each message twice, the customer side's with its inside
 * address in one copy and the public one in the other. A copy is the
 * same side, never the other side's announcement. */
static void
test_media_sources_two_points(void)
{
    wmem_allocator_t *scope = wmem_allocator_new(WMEM_ALLOCATOR_STRICT);
    pexip_calls_init(scope, NULL);
    pexip_message_copies_t invite = { 1, 2 }, ok = { 3, 0 };
    pexip_call_t *call = pexip_sip_dialog_get("two", "a", NULL, 1);
    wmem_array_t *inside = of_message(announce(scope, call, "10.20.30.40", 20000, 0, 1, 1.0), &invite);
    wmem_array_t *outside = of_message(announce(scope, call, "198.51.100.10", 20000, 0, 2, 1.0), &invite);
    pexip_stream_t *in_audio = nth_stream(inside, 0), *out_audio = nth_stream(outside, 0);
    guint8 node_addr[4] = { 185, 94, 241, 20 }, in_addr[4] = { 10, 20, 30, 40 };
    guint8 out_addr[4] = { 198, 51, 100, 10 }, elsewhere[4] = { 10, 20, 30, 99 };
    const pexip_stream_t *announced;
    /* Before the answer the other side has announced nothing: early RTCP
     * from the node to either copy's address is not judged. */
    g_assert_true(pexip_media_counterpart(out_audio, 2) == NULL);
    g_assert_true(pexip_media_counterpart(in_audio, 2) == NULL);
    g_assert_true(!pexip_detect_unannounced_source(out_audio, TRUE, 4, node_addr, 40001, 2, &announced));
    g_assert_true(!pexip_detect_unannounced_source(in_audio, TRUE, 4, node_addr, 40001, 2, &announced));
    /* Without the message entry, the other copy looked like the other side. */
    pexip_stream_t lone = *out_audio;
    lone.message = NULL;
    in_audio->message = NULL;
    g_assert_true(pexip_media_counterpart(&lone, 2) == in_audio);
    in_audio->message = &invite;

    wmem_array_t *answer = of_message(announce(scope, call, "185.94.241.20", 40000, 0, 3, 1.1), &ok);
    /* The node's side is not rewritten: its second copy is the same
     * stream (one record). */
    wmem_array_t *answer_copy = of_message(announce(scope, call, "185.94.241.20", 40000, 0, 4, 1.1), &ok);
    pexip_stream_t *node_audio = nth_stream(answer, 0);
    g_assert_true(nth_stream(answer_copy, 0) == node_audio);
    /* The latest customer-side copy is the outside one; the inside copy
     * of the same media (each capture point sees its own) is announced
     * too, by the same message. */
    g_assert_true(pexip_media_counterpart(node_audio, 5) == out_audio);
    g_assert_true(!pexip_detect_unannounced_source(node_audio, FALSE, 4, out_addr, 20000, 5, &announced));
    g_assert_true(!pexip_detect_unannounced_source(node_audio, FALSE, 4, in_addr, 20000, 5, &announced));
    g_assert_true(!pexip_detect_unannounced_source(node_audio, TRUE, 4, in_addr, 20001, 5, &announced));
    g_assert_true(pexip_detect_unannounced_source(node_audio, FALSE, 4, elsewhere, 20000, 5, &announced) &&
                  announced == out_audio);
    g_assert_true(pexip_detect_unannounced_source(node_audio, FALSE, 4, in_addr, 20010, 5, &announced));
    /* The node's audio to either copy's address comes from the node. */
    g_assert_true(pexip_media_counterpart(in_audio, 5) == node_audio);
    g_assert_true(!pexip_detect_unannounced_source(in_audio, FALSE, 4, node_addr, 40000, 5, &announced));
    g_assert_true(!pexip_detect_unannounced_source(out_audio, FALSE, 4, node_addr, 40000, 5, &announced));
    g_assert_true(pexip_detect_unannounced_source(out_audio, FALSE, 4, node_addr, 40002, 5, &announced));
    pexip_calls_cleanup();
    wmem_destroy_allocator(scope);
}

/* An H.323 channel of call announced in frame by message: RTP to
 * addr:port (0: none), RTCP to addr:port + 1. */
static pexip_stream_t *
channel(pexip_call_t *call, const pexip_message_copies_t *message, guint32 frame, guint number,
        const guint8 *addr, guint16 port)
{
    pexip_stream_t s;
    memset(&s, 0, sizeof s);
    s.setup_frame = frame;
    s.announced_by.frame = frame;
    s.stream = 1;
    s.channel = number;
    s.kind = PEXIP_MEDIA_AUDIO;
    if (port) {
        s.family = 4;
        memcpy(s.addr, addr, 4);
        s.port = port;
    }
    s.rtcp = TRUE;
    s.rtcp_family = 4;
    memcpy(s.rtcp_addr, addr, 4);
    s.rtcp_port = (guint16)((port ? port : 5004) + 1);
    pexip_stream_t *stream = pexip_calls_add_channel(call, frame, &s);
    stream->message = message;
    return stream;
}

/* An H.323 FastStart call through an ALG, captured on both sides: the
 * Setup's receive proposal (channel 2) names the endpoint's inside
 * address in one copy, the firewall's in the other; the Connect accepts
 * the node's channel 1 and repeats channel 2 as it arrived (the public
 * address, in both of its copies). The repeat is the endpoint's own
 * receiver, not the node's. */
static void
test_media_sources_faststart_two_points(void)
{
    wmem_allocator_t *scope = wmem_allocator_new(WMEM_ALLOCATOR_STRICT);
    pexip_calls_init(scope, NULL);
    pexip_call_t *call = pexip_call_get("fs-two", PEXIP_SIGNALING_H323, 7);
    pexip_message_copies_t setup = { 7, 8 }, connect = { 15, 0 };
    guint8 node[4] = { 185, 94, 241, 20 }, in[4] = { 10, 0, 0, 2 }, out[4] = { 198, 51, 100, 10 };
    channel(call, &setup, 7, 1, in, 0);                             /* endpoint sends: RTCP only */
    pexip_stream_t *in_rx = channel(call, &setup, 7, 2, in, 5004);
    channel(call, &setup, 8, 1, out, 0);
    pexip_stream_t *out_rx = channel(call, &setup, 8, 2, out, 5004);
    pexip_stream_t *node_rx = channel(call, &connect, 15, 1, node, 40020);
    channel(call, &connect, 15, 2, out, 5004);
    channel(call, &connect, 16, 1, node, 40020);
    pexip_stream_t *echo = channel(call, &connect, 16, 2, out, 5004);
    const pexip_stream_t *announced;
    /* Audio to the endpoint, at either capture point, from the node. */
    g_assert_true(pexip_media_counterpart(in_rx, 20)->port == 40020);
    g_assert_true(pexip_media_counterpart(out_rx, 20)->port == 40020);
    g_assert_true(pexip_media_counterpart(echo, 20)->port == 40020);
    g_assert_true(!pexip_detect_unannounced_source(in_rx, FALSE, 4, node, 40020, 20, &announced));
    g_assert_true(!pexip_detect_unannounced_source(echo, FALSE, 4, node, 40020, 20, &announced));
    /* Audio to the node from the endpoint's inside or public address. */
    g_assert_true(!pexip_detect_unannounced_source(node_rx, FALSE, 4, in, 5004, 20, &announced));
    g_assert_true(!pexip_detect_unannounced_source(node_rx, FALSE, 4, out, 5004, 20, &announced));
    g_assert_true(pexip_detect_unannounced_source(node_rx, FALSE, 4, out, 5006, 20, &announced));
    pexip_calls_cleanup();
    wmem_destroy_allocator(scope);
}

int
main(int argc, char **argv)
{
    unit_init(&argc, &argv);
    g_test_add_func("/media-check/media_paths", test_media_paths);
    g_test_add_func("/media-check/content_missing", test_content_missing);
    g_test_add_func("/media-check/media_sources", test_media_sources);
    g_test_add_func("/media-check/media_sources_two_points", test_media_sources_two_points);
    g_test_add_func("/media-check/media_sources_faststart_two_points",
                    test_media_sources_faststart_two_points);
    return g_test_run();
}
