/* test-core.c
 * Unit tests of the parts of the plugin that do not need Wireshark running:
 * the service address table, the DNS suffix list, the port classes, the
 * SDP reader, the call model's dialogs and lookups (SDP and H.245 channels),
 * how a device dialled, and the detectors.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <string.h>
#include <wsutil/inet_addr.h>

#include "pexip-ranges.h"
#include "pexip-dns.h"
#include "pexip-ports.h"
#include "pexip-sdp.h"
#include "pexip-calls.h"
#include "pexip-dialling.h"
#include "pexip-detectors.h"
#include "pexip-media-check.h"
#include "pexip-copies.h"
#include "pexip-reach.h"
#include "pexip-endpoint.h"
#include <epan/wmem_scopes.h>

static int passed, failed;

#define CHECK(cond) do { \
        if (cond) { passed++; } \
        else { failed++; fprintf(stderr, "%s:%d: FAILED: %s\n", __FILE__, __LINE__, #cond); } \
    } while (0)

#define CHECK_STR(got, want) do { \
        const char *g_ = (got), *w_ = (want); \
        if (g_ && w_ && strcmp(g_, w_) == 0) { passed++; } \
        else if (!g_ && !w_) { passed++; } \
        else { failed++; fprintf(stderr, "%s:%d: FAILED: got \"%s\", want \"%s\"\n", \
                                 __FILE__, __LINE__, g_ ? g_ : "(null)", w_ ? w_ : "(null)"); } \
    } while (0)

static const pexip_range_t *
lookup4(const pexip_range_table_t *t, const char *text)
{
    ws_in4_addr a;
    if (!ws_inet_pton4(text, &a))
        return NULL;
    return pexip_range_table_lookup(t, PEXIP_FAMILY_IPV4, (const guint8 *)&a);
}

static const pexip_range_t *
lookup6(const pexip_range_table_t *t, const char *text)
{
    ws_in6_addr a;
    if (!ws_inet_pton6(text, &a))
        return NULL;
    return pexip_range_table_lookup(t, PEXIP_FAMILY_IPV6, a.bytes);
}

static const char *
label4(const pexip_range_table_t *t, const char *text)
{
    const pexip_range_t *r = lookup4(t, text);
    return r ? r->label : NULL;
}

static void
test_prefix_parse(void)
{
    pexip_prefix_t p;
    char *err = NULL;

    CHECK(pexip_prefix_parse("185.94.240.0/22", &p, &err));
    CHECK(p.family == PEXIP_FAMILY_IPV4 && p.len == 22);
    CHECK(pexip_prefix_parse(" 185.94.242.66 ", &p, &err));
    CHECK(p.len == 32);
    CHECK(pexip_prefix_parse("2001:db8::/32", &p, &err));
    CHECK(p.family == PEXIP_FAMILY_IPV6 && p.len == 32);
    CHECK(pexip_prefix_parse("0.0.0.0/0", &p, &err));
    CHECK(pexip_prefix_parse("::/0", &p, &err));

    char *s = pexip_prefix_to_str(&(pexip_prefix_t){ PEXIP_FAMILY_IPV4, 22, { 185, 94, 240, 0 } });
    CHECK_STR(s, "185.94.240.0/22");
    g_free(s);

    const char *bad[] = { "", "10.0.0.300/8", "10.0.0.0/33", "2001:db8::/129", "10.0.0.0/",
                          "10.0.0.0/x", "10.0.0.0/-1", "185.94.242.66/22", "pexip.me", "1.2.3",
                          "2001:db8::1::2/64", NULL };
    for (int i = 0; bad[i]; i++) {
        err = NULL;
        gboolean ok = pexip_prefix_parse(bad[i], &p, &err);
        CHECK(!ok);
        /* The message quotes the input, so the user sees which row. */
        char *quoted = g_strdup_printf("\"%s\"", bad[i]);
        CHECK(err && strstr(err, quoted));
        g_free(quoted);
        g_free(err);
    }
    err = NULL;
    CHECK(!pexip_prefix_parse("185.94.242.66/22", &p, &err));
    CHECK(err && strstr(err, "host bits"));
    g_free(err);
}

static void
test_longest_prefix(void)
{
    pexip_range_table_t *t = pexip_range_table_new();
    char *err = NULL;
    CHECK(pexip_range_table_add(t, "185.94.240.0/22", "wide", &err));
    CHECK(pexip_range_table_add(t, "185.94.242.66", "ivr", &err));
    CHECK(pexip_range_table_add(t, "185.94.242.0/24", "mid", &err));
    CHECK(pexip_range_table_add(t, "2001:db8:5e00::/40", "v6", &err));
    CHECK(!pexip_range_table_add(t, "nonsense", "x", &err));
    g_free(err);
    err = NULL;
    /* A duplicate prefix keeps its first label. */
    CHECK(pexip_range_table_add(t, "185.94.240.0/22", "second", &err));
    CHECK(pexip_range_table_count(t) == 4);

    CHECK_STR(label4(t, "185.94.242.66"), "ivr");
    CHECK_STR(label4(t, "185.94.242.67"), "mid");
    CHECK_STR(label4(t, "185.94.240.0"), "wide");
    CHECK_STR(label4(t, "185.94.243.255"), "wide");
    CHECK(lookup4(t, "185.94.244.0") == NULL);
    CHECK(lookup4(t, "185.94.239.255") == NULL);
    CHECK(lookup4(t, "10.0.0.1") == NULL);
    const pexip_range_t *r = lookup6(t, "2001:db8:5eff::1");
    CHECK(r && strcmp(r->label, "v6") == 0 && strcmp(r->text, "2001:db8:5e00::/40") == 0);
    CHECK(lookup6(t, "2001:db8:5f00::1") == NULL);
    /* IPv4 and IPv6 tables are separate: ::b95e:f242 is not 185.94.242.66. */
    CHECK(lookup6(t, "::b95e:f242") == NULL);
    pexip_range_table_free(t);

    /* Default route rows match everything of their family. */
    t = pexip_range_table_new();
    CHECK(pexip_range_table_add(t, "0.0.0.0/0", "all", &err));
    CHECK_STR(label4(t, "8.8.8.8"), "all");
    CHECK(lookup6(t, "2001:db8::1") == NULL);
    pexip_range_table_free(t);
}

static void
test_many_prefixes(void)
{
    /* Hundreds of prefixes: every one is found by its own address and by
     * nothing else. */
    pexip_range_table_t *t = pexip_range_table_new();
    char *err = NULL;
    for (int i = 0; i < 500; i++) {
        char cidr[32], label[16];
        snprintf(cidr, sizeof cidr, "10.%d.%d.0/24", i / 256, i % 256);
        snprintf(label, sizeof label, "r%d", i);
        CHECK(pexip_range_table_add(t, cidr, label, &err));
    }
    int right = 0;
    for (int i = 0; i < 500; i++) {
        char addr[32], label[16];
        snprintf(addr, sizeof addr, "10.%d.%d.77", i / 256, i % 256);
        snprintf(label, sizeof label, "r%d", i);
        const char *got = label4(t, addr);
        right += got && strcmp(got, label) == 0;
    }
    CHECK(right == 500);
    CHECK(lookup4(t, "10.1.244.1") == NULL);   /* 500 = 10.1.243.0 is the last */
    CHECK(lookup4(t, "10.1.243.1") != NULL);
    pexip_range_table_free(t);
}

static void
test_csv(void)
{
    pexip_range_table_t *t = pexip_range_table_new();
    GString *errors = g_string_new(NULL);
    const char *csv =
        "# comment\n"
        "\n"
        "185.94.242.66/32,IVR,\"guidance, quoted\"\n"
        "10.0.0.300/8,broken,x\n"
        "  192.0.2.0/24 , docs \n"
        "\"198.51.100.0/24\",\"quoted \"\"label\"\"\"\n"
        "203.0.113.0/24,\"unclosed\n";
    guint added = pexip_range_table_add_csv(t, csv, "test.csv", errors);
    CHECK(added == 3);
    CHECK_STR(label4(t, "185.94.242.66"), "IVR");
    CHECK_STR(label4(t, "192.0.2.9"), "docs");
    CHECK_STR(label4(t, "198.51.100.1"), "quoted \"label\"");
    CHECK(lookup4(t, "203.0.113.1") == NULL);
    CHECK(strstr(errors->str, "test.csv line 4: \"10.0.0.300/8\"") != NULL);
    CHECK(strstr(errors->str, "test.csv line 7: unclosed double quote") != NULL);
    g_string_free(errors, TRUE);
    pexip_range_table_free(t);
}

static void
test_dns_suffixes(void)
{
    char *err = NULL;
    pexip_dns_suffixes_t *s = pexip_dns_suffixes_parse(PEXIP_DNS_DEFAULT_SUFFIXES, &err);
    CHECK(s != NULL && err == NULL);
    CHECK(pexip_dns_name_matches(s, "meet.pexip.me"));
    CHECK(pexip_dns_name_matches(s, "pexip.me"));
    CHECK(pexip_dns_name_matches(s, "Conference.VMR.vc."));
    CHECK(pexip_dns_name_matches(s, "a.b.videxio.net"));
    CHECK(pexip_dns_name_matches(s, "download.vmr.vc"));
    CHECK(!pexip_dns_name_matches(s, "notpexip.me"));
    CHECK(!pexip_dns_name_matches(s, "pexip.me.evil.com"));
    CHECK(!pexip_dns_name_matches(s, "example.com"));
    CHECK(!pexip_dns_name_matches(s, ""));
    pexip_dns_suffixes_free(s);

    s = pexip_dns_suffixes_parse("*.Example.ORG; bad_name! , ok.net", &err);
    CHECK(s != NULL);
    CHECK(err && strstr(err, "\"bad_name!\""));
    g_free(err);
    CHECK(pexip_dns_name_matches(s, "x.example.org"));
    CHECK(pexip_dns_name_matches(s, "ok.net"));
    pexip_dns_suffixes_free(s);

    s = pexip_dns_suffixes_parse("", &err);
    CHECK(s != NULL && err == NULL);
    CHECK(!pexip_dns_name_matches(s, "meet.pexip.me"));
    pexip_dns_suffixes_free(s);
}

static void
test_port_classes(void)
{
    range_t *udp = NULL, *tcp = NULL;
    range_convert_str(NULL, &udp, "40000-49999", 65535);
    range_convert_str(NULL, &tcp, "33000-39999", 65535);
    pexip_port_ranges_t r = { udp, tcp };
    const pexip_transport_t U = PEXIP_TRANSPORT_UDP, T = PEXIP_TRANSPORT_TCP;

#define CLS(tr, sp, pp, seen) pexip_port_class_name(pexip_port_classify(tr, sp, pp, seen, &r))
    CHECK_STR(CLS(U, 5060, 5060, 0), "sip-udp");
    CHECK_STR(CLS(T, 5060, 40100, 0), "sip-tcp");
    CHECK_STR(CLS(T, 5061, 40200, 0), "sip-tls");
    CHECK_STR(CLS(T, 41234, 5061, 0), "sip-tls");     /* service dialling out */
    CHECK_STR(CLS(T, 1720, 50000, 0), "h225");
    CHECK_STR(CLS(U, 1719, 1719, 0), "ras");
    CHECK_STR(CLS(T, 33010, 50010, 0), "h245");
    CHECK_STR(CLS(U, 40000, 50000, 0), "rtp");
    CHECK_STR(CLS(U, 40001, 50001, 0), "rtcp");
    CHECK_STR(CLS(U, 40001, 50001, PEXIP_SEEN_RTP), "rtp");   /* rtcp-mux */
    CHECK_STR(CLS(U, 40000, 50000, PEXIP_SEEN_RTCP), "rtcp");
    CHECK_STR(CLS(T, 33010, 50010, PEXIP_SEEN_BFCP), "bfcp");
    CHECK_STR(CLS(T, 443, 51000, 0), "https");
    CHECK_STR(CLS(U, 3478, 51500, PEXIP_SEEN_STUN), "turn");
    CHECK_STR(CLS(U, 40002, 52000, PEXIP_SEEN_STUN), "stun");
    CHECK_STR(CLS(U, 53, 53000, PEXIP_SEEN_DNS), "dns");
    CHECK_STR(CLS(U, 12345, 23456, 0), "other");
    CHECK_STR(CLS(PEXIP_TRANSPORT_OTHER, 0, 0, 0), "other");
    CHECK_STR(CLS(U, 50000, 40000, 0), "other");   /* the range is the service's side only */
    /* ICMP quoting an RTCP packet: the quoted ports and RTCP do not count */
    CHECK_STR(CLS(U, 40001, 10033, PEXIP_SEEN_ICMP | PEXIP_SEEN_RTCP), "icmp");
#undef CLS
    wmem_free(NULL, udp);
    wmem_free(NULL, tcp);
}

static gboolean
parse_sdp(const char *text, pexip_sdp_t *sdp)
{
    return pexip_sdp_parse(text, strlen(text), sdp);
}

static gboolean
addr_is(guint8 family, const guint8 *addr, const char *want)
{
    char buf[64];
    if (family == 4)
        ws_inet_ntop4(addr, buf, sizeof buf);
    else if (family == 6)
        ws_inet_ntop6(addr, buf, sizeof buf);
    else
        return FALSE;
    return strcmp(buf, want) == 0;
}

static void
test_sdp(void)
{
    pexip_sdp_t sdp;
    /* Session-level c= and direction; media-level ones override. */
    CHECK(parse_sdp(
        "v=0\r\no=- 1 1 IN IP4 10.0.0.5\r\ns=-\r\nc=IN IP4 198.51.100.10\r\nt=0 0\r\n"
        "a=sendonly\r\n"
        "m=audio 20000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n"
        "m=video 20002 RTP/SAVP 96\r\nc=IN IP4 198.51.100.11\r\na=sendrecv\r\na=content:main\r\n"
        "m=video 20004 UDP/TLS/RTP/SAVPF 97\r\na=content:slides\r\na=rtcp-mux\r\n"
        "m=application 5070 TCP/BFCP *\r\na=floorctrl:c-s\r\na=confid:4321\r\na=userid:1234\r\n"
        "a=floorid:1 mstrm:3\r\n"
        "m=image 0 udptl t38\r\n"
        "m=text 30000 RTP/AVP 98\r\n", &sdp));
    CHECK(sdp.count == 6);
    CHECK(addr_is(sdp.origin_family, sdp.origin_addr, "10.0.0.5"));
    CHECK_STR(pexip_media_kind_name(sdp.mlines[0].kind), "audio");
    CHECK(sdp.mlines[0].port == 20000 && !sdp.mlines[0].tcp);
    CHECK(addr_is(sdp.mlines[0].family, sdp.mlines[0].addr, "198.51.100.10"));
    CHECK_STR(pexip_direction_name(sdp.mlines[0].direction), "sendonly");
    CHECK_STR(pexip_media_kind_name(sdp.mlines[1].kind), "video");
    CHECK(addr_is(sdp.mlines[1].family, sdp.mlines[1].addr, "198.51.100.11"));
    CHECK_STR(pexip_direction_name(sdp.mlines[1].direction), "sendrecv");
    CHECK_STR(sdp.mlines[1].transport, "RTP/SAVP");
    CHECK_STR(pexip_media_kind_name(sdp.mlines[2].kind), "content");
    CHECK(sdp.mlines[2].rtcp_mux);
    CHECK_STR(pexip_media_kind_name(sdp.mlines[3].kind), "bfcp");
    CHECK(sdp.mlines[3].tcp && sdp.mlines[3].port == 5070);
    CHECK_STR(sdp.mlines[3].floorctrl, "c-s");
    CHECK_STR(sdp.mlines[3].confid, "4321");
    CHECK_STR(sdp.mlines[3].userid, "1234");
    CHECK(sdp.mlines[3].floor_mstrm_label == 3);
    CHECK_STR(pexip_media_kind_name(sdp.mlines[4].kind), "t38");
    CHECK(sdp.mlines[4].port == 0);
    CHECK_STR(pexip_media_kind_name(sdp.mlines[5].kind), "other");

    /* A floor's mstrm names the content m-line by its label. */
    CHECK(parse_sdp("v=0\nc=IN IP6 2001:db8::5\nm=video 4000 RTP/AVP 96\na=label:12\n"
                    "m=application 4002 UDP/BFCP *\na=floorid:2 mstrm:12\na=inactive\n", &sdp));
    CHECK_STR(pexip_media_kind_name(sdp.mlines[0].kind), "content");
    CHECK(addr_is(sdp.mlines[0].family, sdp.mlines[0].addr, "2001:db8::5"));
    CHECK_STR(pexip_direction_name(sdp.mlines[1].direction), "inactive");
    CHECK(!pexip_direction_receives(PEXIP_DIR_SENDONLY));
    CHECK(pexip_direction_receives(PEXIP_DIR_RECVONLY));

    /* Garbage and truncation never fail or overrun. */
    CHECK(!parse_sdp("", &sdp));
    CHECK(!parse_sdp("v=0\r\nc=IN IP4\r\n", &sdp));
    CHECK(parse_sdp("m=\nm=audio\nm=audio x\nc=IN IP4 999.1.1.1\nc=IN\na=\na=floorid:\n", &sdp));
    CHECK(sdp.count == 3 && sdp.mlines[2].family == 0);
    GString *many = g_string_new(NULL);
    for (int i = 0; i < 40; i++)
        g_string_append_printf(many, "m=audio %d RTP/AVP 0\r\n", 1000 + i);
    CHECK(parse_sdp(many->str, &sdp) && sdp.count == PEXIP_SDP_MAX_MLINES);
    g_string_free(many, TRUE);
    const char *cut = "m=audio 5000 RTP/AVP 0\r\nc=IN IP4 192.0.2.1";
    CHECK(pexip_sdp_parse(cut, strlen(cut) - 4, &sdp) && sdp.mlines[0].family == 0);
}

/* SIP dialogs: one Call-ID, forks told apart by tags, either tag order. */
static void
test_sip_dialogs(void)
{
    wmem_allocator_t *scope = wmem_allocator_new(WMEM_ALLOCATOR_STRICT);
    pexip_calls_init(scope, NULL);
    pexip_call_t *first = pexip_sip_dialog_get("c1", "n1", NULL, 1);        /* INVITE */
    CHECK(first && first->number == 1 && first->dialog == 1);
    CHECK(pexip_sip_dialog_get("c1", "n1", NULL, 2) == first);              /* 100 Trying */
    CHECK(pexip_sip_dialog_get("c1", "n1", "fa", 3) == first);              /* 183 fa: completes it */
    CHECK_STR(first->tag_b, "fa");
    pexip_call_t *fork = pexip_sip_dialog_get("c1", "n1", "fb", 4);         /* 183 fb: a fork */
    CHECK(fork && fork != first && fork->number == 2 && fork->dialog == 2);
    CHECK(fork->call_id == first->call_id && fork->first_frame == 4);
    CHECK(pexip_sip_dialog_get("c1", "fb", "n1", 5) == fork);              /* BYE from the phone */
    CHECK(pexip_sip_dialog_get("c1", "n1", "fa", 6) == first);
    CHECK(pexip_sip_dialog_get("c1", "x", "y", 7) == first);               /* unrelated tags */
    pexip_call_t *other = pexip_sip_dialog_get("c2", "", "", 8);            /* no tags at all */
    CHECK(other && other->number == 3 && !other->tag_a && !other->tag_b);
    CHECK(pexip_sip_dialog_get("c2", "a", "b", 9) == other);               /* first tags complete it */
    /* H.323 identifiers are a separate name space. */
    pexip_call_t *h323 = pexip_call_get("c1", PEXIP_SIGNALING_H323, 10);
    CHECK(h323 && h323->number == 4 && h323->signaling == PEXIP_SIGNALING_H323);
    CHECK(pexip_call_get("c1", PEXIP_SIGNALING_H323, 11) == h323);
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
    CHECK(pexip_sdp_parse(offer, strlen(offer), &sdp));
    pexip_sender_t sent = { .frame = 10, .time = 1.0, .family = 4, .addr = { 192, 0, 2, 1 } };
    wmem_array_t *streams = pexip_calls_add_sdp(call, &sent, 10, &sdp);
    CHECK(streams && wmem_array_get_count(streams) == 2);
    guint8 addr[4] = { 192, 0, 2, 1 };
    CHECK(pexip_media_lookup(4, addr, 5000, FALSE, 9) == NULL);            /* before it */
    const pexip_media_setup_t *rtp = pexip_media_lookup(4, addr, 5000, FALSE, 10);
    CHECK(rtp && rtp->call == call && rtp->stream->mline == 0 && !rtp->rtcp);
    const pexip_media_setup_t *rtcp = pexip_media_lookup(4, addr, 5001, FALSE, 11);
    CHECK(rtcp && rtcp->rtcp && rtcp->stream == rtp->stream);
    CHECK(pexip_media_lookup(4, addr, 5003, FALSE, 11) == NULL);           /* rtcp-mux */
    CHECK(pexip_media_lookup(4, addr, 5000, TRUE, 11) == NULL);            /* not TCP */
    const char *moved = "v=0\r\nc=IN IP4 192.0.2.1\r\nm=audio 5000 RTP/AVP 0\r\na=sendonly\r\n";
    CHECK(pexip_sdp_parse(moved, strlen(moved), &sdp));
    sent.frame = 20;
    sent.time = 2.5;
    pexip_calls_add_sdp(call, &sent, 20, &sdp);
    CHECK(pexip_media_lookup(4, addr, 5000, FALSE, 19) == rtp);
    /* The same sender's new SDP replaced the first audio stream, not the
     * video one it no longer lists. */
    CHECK(rtp->stream->superseded_frame == 20 && rtp->stream->superseded_time == 2.5);
    CHECK((*(pexip_stream_t **)wmem_array_index(streams, 1))->superseded_frame == 0);
    CHECK(wmem_array_get_count(call->streams) == 3);
    const pexip_media_setup_t *held = pexip_media_lookup(4, addr, 5000, FALSE, 20);
    CHECK(held && held != rtp && held->stream->setup_frame == 20 &&
          held->stream->direction == PEXIP_DIR_SENDONLY);
    pexip_stream_count(held->stream, TRUE, 21, 3.0, 100);
    pexip_stream_count(held->stream, FALSE, 25, 4.0, 60);
    pexip_stream_count(held->stream, TRUE, 26, 5.0, 100);
    CHECK(held->stream->to.packets == 2 && held->stream->to.bytes == 200 &&
          held->stream->to.first_frame == 21 && held->stream->to.last_frame == 26 &&
          held->stream->to.first_time == 3.0 && held->stream->to.last_time == 5.0);
    CHECK(held->stream->from.packets == 1 && held->stream->from.bytes == 60 &&
          held->stream->from.first_frame == 25 && held->stream->from.last_time == 4.0);
    CHECK(held->stream->first_frame == 21 && held->stream->last_frame == 26);
    pexip_calls_cleanup();
    CHECK(pexip_media_lookup(4, addr, 5000, FALSE, 30) == NULL);           /* after cleanup */
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
    CHECK(acked && acked->channel == 1 && acked->rtcp_port == 40009);
    const pexip_media_setup_t *m = pexip_media_lookup(4, node, 40000, FALSE, 20);
    CHECK(m && m->stream == acked && !m->rtcp);
    m = pexip_media_lookup(4, node, 40009, FALSE, 21);
    CHECK(m && m->stream == acked && m->rtcp);
    CHECK(pexip_media_lookup(4, node, 40001, FALSE, 21) == NULL);   /* not port + 1 */

    /* The node's own OLC (frame 22) names the same RTCP address alone:
     * the acknowledged channel keeps it. */
    pexip_stream_t olc = ack;
    olc.setup_frame = 22;
    olc.channel = 101;
    olc.port = 0;
    olc.family = 0;
    pexip_stream_t *opened = pexip_calls_add_channel(call, 22, &olc);
    CHECK(opened && opened->port == 0 && opened->rtcp);
    m = pexip_media_lookup(4, node, 40009, FALSE, 23);
    CHECK(m && m->stream == acked);

    /* An RTCP-only OLC where nothing was announced yet is the destination
     * until an OLC-Ack names it (frame 24 OLC, frame 26 OLC-Ack). */
    olc.setup_frame = 24;
    memcpy(olc.rtcp_addr, ep, 4);
    olc.rtcp_port = 5005;
    opened = pexip_calls_add_channel(call, 24, &olc);
    m = pexip_media_lookup(4, ep, 5005, FALSE, 25);
    CHECK(m && m->stream == opened && m->rtcp);
    pexip_stream_t ack2 = ack;
    ack2.setup_frame = 26;
    memcpy(ack2.addr, ep, 4);
    ack2.port = 5004;
    memcpy(ack2.rtcp_addr, ep, 4);
    ack2.rtcp_port = 5005;
    pexip_stream_t *acked2 = pexip_calls_add_channel(call, 26, &ack2);
    m = pexip_media_lookup(4, ep, 5005, FALSE, 26);
    CHECK(m && m->stream == acked2);
    m = pexip_media_lookup(4, ep, 5005, FALSE, 25);
    CHECK(m && m->stream == opened);

    /* Nothing to record */
    pexip_stream_t none;
    memset(&none, 0, sizeof none);
    CHECK(pexip_calls_add_channel(call, 30, &none) == NULL);
    pexip_calls_cleanup();
    wmem_destroy_allocator(scope);
}

/* The service for these tests: 185.94.242.66 and 2001:db8::66. */
static gboolean
service_address(guint8 family, const guint8 *addr, guint32 frame _U_)
{
    static const guint8 v4[4] = { 185, 94, 242, 66 };
    static const guint8 v6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 0x66 };
    return family == 4 ? memcmp(addr, v4, 4) == 0 : memcmp(addr, v6, 16) == 0;
}

static pexip_dialled_kind_t
dialled(const char *text, gboolean digits, char out[PEXIP_DIAL_MAX])
{
    return pexip_dialled_read(text, digits, service_address, 1, out);
}

static void
test_dialling(void)
{
    char out[PEXIP_DIAL_MAX];
    /* The service's forms */
    CHECK(dialled("185.94.242.66##87654321", FALSE, out) == PEXIP_DIALLED_CONFERENCE);
    CHECK_STR(out, "87654321");
    CHECK(dialled("87654321@185.94.242.66", FALSE, out) == PEXIP_DIALLED_CONFERENCE);
    CHECK_STR(out, "87654321");
    CHECK(dialled("87654321@vmr.vc", FALSE, out) == PEXIP_DIALLED_CONFERENCE);
    CHECK_STR(out, "87654321");
    CHECK(dialled("h323:87654321@VMR.VC", FALSE, out) == PEXIP_DIALLED_CONFERENCE);
    CHECK_STR(out, "87654321");
    CHECK(dialled("87654321", TRUE, out) == PEXIP_DIALLED_CONFERENCE);
    CHECK_STR(out, "87654321");
    CHECK(dialled("87654321", FALSE, out) == PEXIP_DIALLED_CONFERENCE);
    CHECK_STR(out, "87654321");
    /* SIP Request-URIs */
    CHECK(dialled("sip:87654321@185.94.242.66:5061;transport=tls", FALSE, out) ==
          PEXIP_DIALLED_CONFERENCE);
    CHECK_STR(out, "87654321");
    CHECK(dialled("<sips:87654321@[2001:db8::66]:5061>", FALSE, out) == PEXIP_DIALLED_CONFERENCE);
    CHECK_STR(out, "87654321");
    CHECK(dialled("sip:meet.alice@vmr.vc", FALSE, out) == PEXIP_DIALLED_CONFERENCE);
    CHECK_STR(out, "meet.alice");
    /* URIs */
    CHECK(dialled("person.vmr@pexip.com", FALSE, out) == PEXIP_DIALLED_URI);
    CHECK_STR(out, "person.vmr@pexip.com");
    CHECK(dialled("sip:Person.VMR@pexip.com:5060;transport=tcp?x=y", FALSE, out) ==
          PEXIP_DIALLED_URI);
    CHECK_STR(out, "Person.VMR@pexip.com");
    CHECK(dialled("87654321@example.com", FALSE, out) == PEXIP_DIALLED_URI);
    CHECK_STR(out, "87654321@example.com");
    /* An address that is not the service's: a URI, not a conference */
    CHECK(dialled("sip:bob@10.77.0.2:5060", FALSE, out) == PEXIP_DIALLED_URI);
    CHECK_STR(out, "bob@10.77.0.2");
    CHECK(dialled("87654321@[2001:db8::67]", FALSE, out) == PEXIP_DIALLED_URI);
    CHECK_STR(out, "87654321@[2001:db8::67]");
    CHECK(pexip_dialled_read("87654321@10.0.0.1", FALSE, NULL, 1, out) == PEXIP_DIALLED_CONFERENCE);
    /* Nothing to read */
    CHECK(dialled("185.94.242.66", FALSE, out) == PEXIP_DIALLED_NOTHING);
    CHECK_STR(out, "");
    CHECK(dialled("room30", FALSE, out) == PEXIP_DIALLED_NOTHING);
    CHECK(dialled("185.94.242.66##", FALSE, out) == PEXIP_DIALLED_NOTHING);
    CHECK(dialled("@vmr.vc", FALSE, out) == PEXIP_DIALLED_NOTHING);
    CHECK(dialled("87654321@", FALSE, out) == PEXIP_DIALLED_NOTHING);
    CHECK(dialled("sip:", FALSE, out) == PEXIP_DIALLED_NOTHING);
    CHECK(dialled("", TRUE, out) == PEXIP_DIALLED_NOTHING);
    CHECK(dialled(NULL, FALSE, out) == PEXIP_DIALLED_NOTHING);
    /* Too long: cut, never overrun */
    char longer[400];
    memset(longer, '7', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    CHECK(dialled(longer, TRUE, out) == PEXIP_DIALLED_CONFERENCE && strlen(out) == PEXIP_DIAL_MAX - 1);
    memcpy(longer + 200, "@example.com", 13);
    CHECK(dialled(longer, FALSE, out) == PEXIP_DIALLED_URI && strlen(out) == PEXIP_DIAL_MAX - 1);
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
    CHECK(wmem_array_get_count(call->dial_strings) == 2 && call->dial_frame == 4);
    for (int i = 0; i < 40; i++) {
        char alias[16];
        g_snprintf(alias, sizeof alias, "alias%d", i);
        pexip_call_dialled(call, alias, FALSE, 5);
    }
    CHECK(wmem_array_get_count(call->dial_strings) == PEXIP_DIAL_STRINGS_MAX);
    CHECK_STR(call->conference_id, "87654321");
    CHECK(call->conference_frame == 4 && call->dial_uri == NULL);
    pexip_call_dtmf(call, '5', 10);
    pexip_call_dtmf(call, '#', 11);                 /* it has a number: ignored */
    CHECK_STR(call->conference_id, "87654321");

    pexip_call_t *uri = pexip_call_get("g2", PEXIP_SIGNALING_H323, 20);
    pexip_call_dialled(uri, "person.vmr@pexip.com", FALSE, 20);
    CHECK_STR(uri->dial_uri, "person.vmr@pexip.com");
    CHECK(uri->conference_id == NULL);

    pexip_call_t *ivr = pexip_call_get("g3", PEXIP_SIGNALING_H323, 30);
    pexip_call_dialled(ivr, "185.94.242.66", FALSE, 30);
    CHECK(ivr->conference_id == NULL && ivr->dial_uri == NULL);
    /* RFC 4733: the event of timestamp 8000 is sent three times */
    pexip_call_dtmf_event(ivr, 1, 8000, 40);
    pexip_call_dtmf_event(ivr, 1, 8000, 41);
    pexip_call_dtmf_event(ivr, 1, 8000, 42);
    pexip_call_dtmf_event(ivr, 1, 9600, 43);        /* the same key again */
    pexip_call_dtmf_event(ivr, 16, 11200, 44);      /* not a key (flash) */
    pexip_call_dtmf_event(ivr, 11, 12800, 45);
    pexip_call_dtmf_event(ivr, 11, 12800, 46);
    CHECK_STR(ivr->conference_id, "11");
    CHECK(ivr->conference_frame == 45);
    pexip_calls_cleanup();
    wmem_destroy_allocator(scope);
}

static void
test_dtmf(void)
{
    pexip_dtmf_t dtmf;
    memset(&dtmf, 0, sizeof dtmf);
    const char *keys = "87654321";
    for (const char *k = keys; *k; k++)
        CHECK(!pexip_dtmf_key(&dtmf, *k));
    CHECK(pexip_dtmf_key(&dtmf, '#'));
    CHECK_STR(dtmf.digits, "87654321");
    CHECK(!pexip_dtmf_key(&dtmf, '#'));                 /* an empty entry */
    CHECK(!pexip_dtmf_key(&dtmf, 'A'));                 /* not a key we read */
    CHECK(!pexip_dtmf_key(&dtmf, '1') && !pexip_dtmf_key(&dtmf, '*'));
    CHECK(pexip_dtmf_key(&dtmf, '#'));
    CHECK_STR(dtmf.digits, "1*");
    for (int i = 0; i < PEXIP_DTMF_MAX + 5; i++)
        pexip_dtmf_key(&dtmf, '5');
    CHECK(!pexip_dtmf_key(&dtmf, '#'));                 /* too long: dropped */
    CHECK(!pexip_dtmf_key(&dtmf, '9') && pexip_dtmf_key(&dtmf, '#'));
    CHECK_STR(dtmf.digits, "9");
    CHECK(pexip_dtmf_event_key(0) == '0' && pexip_dtmf_event_key(9) == '9' &&
          pexip_dtmf_event_key(10) == '*' && pexip_dtmf_event_key(11) == '#' &&
          pexip_dtmf_event_key(12) == 0 && pexip_dtmf_event_key(255) == 0);
}

static pexip_address_scope_t
scope_of(const char *text)
{
    ws_in4_addr a4;
    ws_in6_addr a6;
    if (ws_inet_pton4(text, &a4))
        return pexip_address_scope(4, (const guint8 *)&a4);
    if (ws_inet_pton6(text, &a6))
        return pexip_address_scope(6, a6.bytes);
    return (pexip_address_scope_t)-1;
}

static void
test_address_scope(void)
{
    const char *private_ones[] = { "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                                   "100.64.0.1", "100.127.255.255", "fd00::1", "fc00::1",
                                   "::ffff:10.1.2.3" };
    const char *public_ones[] = { "198.51.100.10", "185.94.242.66", "172.32.0.1", "172.15.0.1",
                                  "100.128.0.1", "11.0.0.1", "2001:db8::1", "::ffff:8.8.8.8" };
    const char *other_ones[] = { "0.0.0.0", "127.0.0.1", "169.254.1.1", "224.0.0.1", "::", "::1",
                                 "fe80::1", "ff02::1" };
    for (guint i = 0; i < G_N_ELEMENTS(private_ones); i++)
        CHECK(scope_of(private_ones[i]) == PEXIP_ADDRESS_PRIVATE);
    for (guint i = 0; i < G_N_ELEMENTS(public_ones); i++)
        CHECK(scope_of(public_ones[i]) == PEXIP_ADDRESS_PUBLIC);
    for (guint i = 0; i < G_N_ELEMENTS(other_ones); i++)
        CHECK(scope_of(other_ones[i]) == PEXIP_ADDRESS_OTHER);
}

static gint
origin_mismatch(const char *text)
{
    pexip_sdp_t sdp;
    if (!pexip_sdp_parse(text, strlen(text), &sdp))
        return -2;
    return pexip_detect_sdp_origin_mismatch(&sdp);
}

static void
test_sdp_origin_mismatch(void)
{
    /* c= rewritten to public, o= left private: the m-line */
    CHECK(origin_mismatch("v=0\r\no=- 1 1 IN IP4 10.20.30.40\r\nc=IN IP4 198.51.100.10\r\n"
                          "m=audio 20000 RTP/AVP 0\r\n") == 0);
    /* the other way round, on the second m-line's own c= */
    CHECK(origin_mismatch("v=0\r\no=- 1 1 IN IP4 198.51.100.10\r\nc=IN IP4 198.51.100.10\r\n"
                          "m=audio 20000 RTP/AVP 0\r\nm=video 20002 RTP/AVP 96\r\n"
                          "c=IN IP4 192.168.1.5\r\n") == 1);
    /* both public, both private, hold (0.0.0.0), a rejected m-line, o= a name */
    CHECK(origin_mismatch("v=0\r\no=- 1 1 IN IP4 198.51.100.10\r\nc=IN IP4 185.94.241.20\r\n"
                          "m=audio 20000 RTP/AVP 0\r\n") == -1);
    CHECK(origin_mismatch("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\nc=IN IP4 192.168.0.1\r\n"
                          "m=audio 20000 RTP/AVP 0\r\n") == -1);
    CHECK(origin_mismatch("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\nc=IN IP4 0.0.0.0\r\n"
                          "m=audio 20000 RTP/AVP 0\r\n") == -1);
    CHECK(origin_mismatch("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\nc=IN IP4 198.51.100.10\r\n"
                          "m=audio 0 RTP/AVP 0\r\n") == -1);
    CHECK(origin_mismatch("v=0\r\no=- 1 1 IN IP4 sbc.example.com\r\nc=IN IP4 198.51.100.10\r\n"
                          "m=audio 20000 RTP/AVP 0\r\n") == -1);
    /* IPv6: ULA origin, public connection */
    CHECK(origin_mismatch("v=0\r\no=- 1 1 IN IP6 fd00::5\r\nc=IN IP6 2001:db8::10\r\n"
                          "m=audio 20000 RTP/AVP 0\r\n") == 0);
}

static void
test_private_addresses(void)
{
    pexip_named_address_t named[3];
    memset(named, 0, sizeof named);
    guint8 pub[4] = { 198, 51, 100, 10 }, inside[4] = { 10, 20, 30, 40 };
    guint8 other[4] = { 185, 94, 241, 20 };
    named[0].where = "Via";
    named[0].family = 4;
    memcpy(named[0].addr, inside, 4);
    named[1].where = "Contact";
    named[1].family = 4;
    memcpy(named[1].addr, other, 4);
    named[2].where = "SDP c=";
    named[2].family = 4;
    memcpy(named[2].addr, inside, 4);
    gboolean found[3];
    CHECK(pexip_detect_private_addresses(4, pub, named, 3, found) == 2);
    CHECK(found[0] && !found[1] && found[2]);
    /* from a private source: NAT is not crossed here */
    CHECK(pexip_detect_private_addresses(4, inside, named, 3, found) == 0);
    CHECK(!found[0] && !found[1] && !found[2]);
    CHECK(pexip_detect_private_addresses(4, pub, named, 0, found) == 0);
}

/* One side's SDP with audio (and video when video_port) at addr, sent by
 * addr in frame at time. */
static wmem_array_t *
announce(pexip_call_t *call, const char *addr, guint16 audio_port, guint16 video_port,
         guint32 frame, double time)
{
    char text[256];
    g_snprintf(text, sizeof text, "v=0\r\nc=IN IP4 %s\r\nm=audio %u RTP/AVP 0\r\n%s", addr,
               audio_port, video_port ? "m=video " : "");
    if (video_port)
        g_snprintf(text + strlen(text), sizeof text - strlen(text), "%u RTP/AVP 96\r\n", video_port);
    pexip_sdp_t sdp;
    CHECK(pexip_sdp_parse(text, strlen(text), &sdp));
    pexip_sender_t sender = { .frame = frame, .time = time, .family = 4 };
    ws_inet_pton4(addr, (ws_in4_addr *)sender.addr);
    return pexip_calls_add_sdp(call, &sender, frame, &sdp);
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
    wmem_array_t *sbc = announce(call, "198.51.100.10", 20000, 20002, 1, 100.0);
    pexip_call_t *same = pexip_sip_dialog_get("m1", "a", "b", 2);
    CHECK(same == call);
    wmem_array_t *node = announce(call, "185.94.241.20", 40000, 40002, 2, 100.1);
    pexip_stream_t *sbc_audio = nth_stream(sbc, 0), *sbc_video = nth_stream(sbc, 1);
    pexip_stream_t *node_audio = nth_stream(node, 0), *node_video = nth_stream(node, 1);
    const pexip_stream_t *peer;
    guint32 first;
    double flowed;

    /* Audio both ways for 6 s, no video: video is missing on both sides;
     * but not before the call is answered. */
    flow(node_audio, TRUE, 10, 101.0, 6);
    flow(sbc_audio, TRUE, 20, 101.0, 6);
    CHECK(pexip_detect_media_path(sbc_video, 5.0, &peer, &first, &flowed) == PEXIP_MEDIA_PATH_OK);
    pexip_call_answered(call);
    CHECK(pexip_detect_media_path(sbc_video, 5.0, &peer, &first, &flowed) ==
          PEXIP_MEDIA_PATH_MISSING && flowed == 6.0);
    CHECK(pexip_detect_media_path(node_video, 5.0, &peer, &first, &flowed) ==
          PEXIP_MEDIA_PATH_MISSING);
    CHECK(pexip_detect_media_path(sbc_video, 7.0, &peer, &first, &flowed) == PEXIP_MEDIA_PATH_OK);
    CHECK(pexip_detect_media_path(sbc_audio, 5.0, &peer, &first, &flowed) == PEXIP_MEDIA_PATH_OK);

    /* Video to the node only: one-way toward the SBC's video. */
    flow(node_video, TRUE, 40, 101.0, 6);
    CHECK(pexip_detect_media_path(sbc_video, 5.0, &peer, &first, &flowed) ==
          PEXIP_MEDIA_PATH_ONE_WAY && peer == node_video && first == 40);
    CHECK(pexip_detect_media_path(node_video, 5.0, &peer, &first, &flowed) == PEXIP_MEDIA_PATH_OK);
    /* A latching node sends the SBC's video from its own announced port
     * to wherever the SBC's packets came from: that counts for the SBC. */
    pexip_stream_count(node_video, FALSE, 60, 102.0, 100);
    CHECK(pexip_detect_media_path(sbc_video, 5.0, &peer, &first, &flowed) == PEXIP_MEDIA_PATH_OK);

    /* Hold: the SBC's new SDP replaces its streams; the old ones are
     * judged only while they were in force. */
    pexip_call_t *held = pexip_sip_dialog_get("m2", "a", NULL, 100);
    pexip_call_answered(held);
    wmem_array_t *first_offer = announce(held, "198.51.100.10", 20000, 20002, 100, 200.0);
    announce(held, "185.94.241.20", 40000, 40002, 101, 200.1);
    announce(held, "198.51.100.10", 20010, 20012, 102, 200.5);
    wmem_array_t *answer = announce(held, "185.94.241.20", 40000, 40002, 103, 200.6);
    flow(nth_stream(answer, 0), TRUE, 110, 201.0, 6);
    CHECK(nth_stream(first_offer, 1)->superseded_frame == 102);
    CHECK(pexip_detect_media_path(nth_stream(first_offer, 1), 5.0, &peer, &first, &flowed) ==
          PEXIP_MEDIA_PATH_OK);
    /* Content and sendonly destinations are not judged. */
    pexip_stream_t content = *sbc_video;
    content.kind = PEXIP_MEDIA_CONTENT;
    CHECK(pexip_detect_media_path(&content, 5.0, &peer, &first, &flowed) == PEXIP_MEDIA_PATH_OK);
    pexip_stream_t sendonly = *sbc_video;
    sendonly.direction = PEXIP_DIR_SENDONLY;
    sendonly.to.packets = 0;
    CHECK(pexip_detect_media_path(&sendonly, 5.0, &peer, &first, &flowed) == PEXIP_MEDIA_PATH_OK);
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
    CHECK(pexip_sdp_parse(offer, strlen(offer), &sdp));
    pexip_sender_t sender = { .frame = 1, .time = 10.0, .family = 4, .addr = { 198, 51, 100, 10 } };
    wmem_array_t *streams = pexip_calls_add_sdp(call, &sender, 1, &sdp);
    pexip_stream_t *audio = nth_stream(streams, 0), *content = nth_stream(streams, 1);
    CHECK(content->kind == PEXIP_MEDIA_CONTENT);
    CHECK(pexip_detect_content_missing(call, 5.0) == -1);         /* no grant */
    pexip_call_floor_granted(call, 5, 11.0);
    flow(audio, TRUE, 6, 11.0, 4);
    CHECK(pexip_detect_content_missing(call, 5.0) == -1);         /* the call ended too soon */
    flow(audio, TRUE, 20, 16.0, 1);
    CHECK(pexip_detect_content_missing(call, 5.0) == 0);
    pexip_stream_count(content, TRUE, 30, 15.5, 1000);             /* content 4.5 s after */
    CHECK(pexip_detect_content_missing(call, 5.0) == -1);
    pexip_call_floor_granted(call, 40, 30.0);                      /* a second sharing */
    flow(audio, TRUE, 41, 30.0, 6);
    CHECK(pexip_detect_content_missing(call, 5.0) == 1);
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
    wmem_array_t *sbc = announce(call, "10.20.30.40", 20000, 0, 1, 1.0);
    wmem_array_t *node = announce(call, "185.94.241.20", 40000, 0, 2, 1.1);
    pexip_stream_t *node_audio = nth_stream(node, 0);
    const pexip_stream_t *announced;
    guint8 inside[4] = { 10, 20, 30, 40 }, outside[4] = { 198, 51, 100, 10 };
    CHECK(pexip_media_counterpart(node_audio, 3) == nth_stream(sbc, 0));
    CHECK(pexip_media_counterpart(nth_stream(sbc, 0), 1) == NULL);  /* not announced yet */
    CHECK(!pexip_detect_unannounced_source(node_audio, FALSE, 4, inside, 20000, 3, &announced));
    CHECK(pexip_detect_unannounced_source(node_audio, FALSE, 4, outside, 20000, 3, &announced) &&
          announced == nth_stream(sbc, 0));
    CHECK(pexip_detect_unannounced_source(node_audio, FALSE, 4, inside, 20010, 3, &announced));
    CHECK(!pexip_detect_unannounced_source(node_audio, TRUE, 4, inside, 20001, 3, &announced));
    CHECK(pexip_detect_unannounced_source(node_audio, TRUE, 4, inside, 20000, 3, &announced));
    pexip_calls_cleanup();
    wmem_destroy_allocator(scope);

    /* IPv4 header (20 bytes) + UDP ports 40000 -> 20000 */
    guint8 v4[28] = { 0x45, 0, 0, 28, 0, 0, 0, 0, 64, 17, 0, 0, 185, 94, 241, 20,
                      198, 51, 100, 10, 0x9c, 0x40, 0x4e, 0x20, 0, 8, 0, 0 };
    pexip_quoted_packet_t q;
    CHECK(pexip_icmp_quoted(v4, sizeof v4, FALSE, &q) && q.family == 4 && q.protocol == 17 &&
          q.src_port == 40000 && q.dst_port == 20000 && q.dst[0] == 198 && q.src[3] == 20);
    CHECK(!pexip_icmp_quoted(v4, 23, FALSE, &q));                  /* ports cut off */
    CHECK(!pexip_icmp_quoted(v4, sizeof v4, TRUE, &q));            /* not IPv6 */
    v4[9] = 1;
    CHECK(!pexip_icmp_quoted(v4, sizeof v4, FALSE, &q));           /* ICMP inside */
    v4[9] = 17;
    v4[0] = 0x44;
    CHECK(!pexip_icmp_quoted(v4, sizeof v4, FALSE, &q));           /* header length 16 */
    guint8 v6[44] = { 0x60, 0, 0, 0, 0, 8, 17, 64 };
    v6[8] = 0x20; v6[9] = 0x01; v6[24] = 0xfd;
    v6[40] = 0x13; v6[41] = 0x88; v6[42] = 0x13; v6[43] = 0x89;
    CHECK(pexip_icmp_quoted(v6, sizeof v6, TRUE, &q) && q.family == 6 && q.src[0] == 0x20 &&
          q.dst[0] == 0xfd && q.src_port == 5000 && q.dst_port == 5001);
    CHECK(!pexip_icmp_quoted(v6, 43, TRUE, &q));
}

/* ---- web proxies ---------------------------------------------------------- */

static gboolean
schemes_are(const char *value, const char *want)
{
    pexip_token_t t[8];
    guint n = pexip_http_challenge_schemes(value, t, 8);
    GString *got = g_string_new(NULL);
    for (guint i = 0; i < MIN(n, 8); i++)
        g_string_append_printf(got, "%s%.*s", i ? "," : "", (int)t[i].len, t[i].start);
    gboolean same = strcmp(got->str, want) == 0;
    if (!same)
        fprintf(stderr, "schemes of \"%s\": got \"%s\", want \"%s\"\n", value, got->str, want);
    g_string_free(got, TRUE);
    return same;
}

static gboolean
credentials_unsupported(const char *value)
{
    pexip_token_t scheme;
    return pexip_http_credentials_scheme(value, &scheme) && pexip_proxy_scheme_unsupported(&scheme);
}

static void
test_proxy_auth(void)
{
    CHECK(schemes_are("Basic realm=\"corp\"", "Basic"));
    CHECK(schemes_are("NTLM", "NTLM"));
    /* several challenges in one header; auth-params; quoted commas */
    CHECK(schemes_are("Digest realm=\"a, Basic b\", nonce=\"1\", qop=\"auth\", Basic realm=\"c\"",
                      "Digest,Basic"));
    CHECK(schemes_are("Digest realm = \"a\" , algorithm=MD5", "Digest"));
    /* a token68 (base64 with '=' padding) after the scheme */
    CHECK(schemes_are("NTLM TlRMTVNTUAACAAAA==", "NTLM"));
    CHECK(schemes_are("Negotiate, Kerberos,NTLM", "Negotiate,Kerberos,NTLM"));
    CHECK(schemes_are("Digest realm=\"unterminated, Basic", "Digest"));
    CHECK(schemes_are("realm=\"x\\\"y, Basic\", Basic", "Basic"));
    CHECK(schemes_are("", "") && schemes_are(" , ,", "") && schemes_are(NULL, ""));
    CHECK(schemes_are("\"quoted\", =x, Basic", "Basic"));
    pexip_token_t few[1];
    CHECK(pexip_http_challenge_schemes("A, B, C", few, 1) == 3 && pexip_token_is(&few[0], "a"));

    CHECK(credentials_unsupported("NTLM TlRMTVNTUAABAAAAB4IIogAAAA=="));
    CHECK(credentials_unsupported("Negotiate YIIGhgYGKwYBBQUCoIIGej"));
    CHECK(credentials_unsupported("digest username=\"alice\""));
    CHECK(credentials_unsupported("  Kerberos abc"));
    CHECK(!credentials_unsupported("Basic YWxpY2U6c2VjcmV0"));
    CHECK(!credentials_unsupported("Bearer abc"));
    CHECK(!credentials_unsupported("NTLMv2 abc"));
    CHECK(!credentials_unsupported("") && !credentials_unsupported(NULL) &&
          !credentials_unsupported(" =x"));

    CHECK(!pexip_proxy_connect_failed(100) && !pexip_proxy_connect_failed(200) &&
          !pexip_proxy_connect_failed(299) && !pexip_proxy_connect_failed(407));
    CHECK(pexip_proxy_connect_failed(301) && pexip_proxy_connect_failed(403) &&
          pexip_proxy_connect_failed(502) && pexip_proxy_connect_failed(999));
    CHECK(strstr(pexip_proxy_connect_advice(403), "refused") != NULL);
    CHECK(strstr(pexip_proxy_connect_advice(503), "could not reach") != NULL);

    char host[32];
    guint16 port = 1;
    CHECK(pexip_connect_target_split("meet.pexip.me:443", host, sizeof host, &port));
    CHECK_STR(host, "meet.pexip.me");
    CHECK(port == 443);
    CHECK(pexip_connect_target_split("[2001:db8::1]:8443", host, sizeof host, &port));
    CHECK_STR(host, "2001:db8::1");
    CHECK(port == 8443);
    CHECK(pexip_connect_target_split("185.94.241.20", host, sizeof host, &port) && port == 0);
    CHECK(pexip_connect_target_split("2001:db8::2", host, sizeof host, &port) && port == 0);
    CHECK_STR(host, "2001:db8::2");
    CHECK(!pexip_connect_target_split("meet.pexip.me:", host, sizeof host, &port));
    CHECK(!pexip_connect_target_split("meet.pexip.me:0", host, sizeof host, &port));
    CHECK(!pexip_connect_target_split("meet.pexip.me:65536", host, sizeof host, &port));
    CHECK(!pexip_connect_target_split("meet.pexip.me:99999999999", host, sizeof host, &port));
    CHECK(!pexip_connect_target_split("meet.pexip.me:44x", host, sizeof host, &port));
    CHECK(!pexip_connect_target_split(":443", host, sizeof host, &port));
    CHECK(!pexip_connect_target_split("[2001:db8::1", host, sizeof host, &port));
    CHECK(!pexip_connect_target_split("[2001:db8::1]x", host, sizeof host, &port));
    CHECK(!pexip_connect_target_split("[]:443", host, sizeof host, &port));
    CHECK(!pexip_connect_target_split("a-name-longer-than-the-buffer.example.com:443", host,
                                      sizeof host, &port));
    CHECK(!pexip_connect_target_split(NULL, host, sizeof host, &port));
}

/* Certificates made with `openssl req -x509`, shared with the capture
 * generator (test-captures/gen/certs/, PEXIP_TEST_CERTS), and by hand. */
/* Version 1 (no [0], no extensions), issued by CN=ca.pexip.me, subject
 * O=pexip.me, OU=pexip.com, CN=proxy.corp.example: only the subject's CN
 * counts. */
static const char cert_v1_leaf[] =
    "308201403081e8020107300a06082a8648ce3d04030230163114301206035504030c0b63612e70657869702e6d65301e"
    "170d3236313132343033333533395a170d3336313132313033333533395a30443111300f060355040a0c087065786970"
    "2e6d6531123010060355040b0c0970657869702e636f6d311b301906035504030c1270726f78792e636f72702e657861"
    "6d706c653059301306072a8648ce3d020106082a8648ce3d03010703420004a8bac2ecb48f629c3534f475666a34eac3"
    "34484bd9a2196c1e8acd7af9db8d2fbebef39e0353450451069681db0c12e5ab938de9dbcd1346f21f86a6e2edf85930"
    "0a06082a8648ce3d0403020347003044022016a87a683be2226ccbedea838932cbef3557595cffc9d241f0a0e6e393b6"
    "a62a02205cb640a224f836a3b156b64602d22d6fe9414e39ee9ffc62e3373f68f66325b2";
/* By hand: CN=x.example.com, SANs h0..h9.example.com then svc.vmr.vc. */
static const char cert_many_names[] =
    "3082010d30820104a0030201020201013000301a3118301606035504030c0f6973737565722e70657869702e6d653000"
    "30183116301406035504030c0d782e6578616d706c652e636f6d3000a381bd3081ba3081b70603551d110481af3081ac"
    "820e68302e6578616d706c652e636f6d820e68312e6578616d706c652e636f6d820e68322e6578616d706c652e636f6d"
    "820e68332e6578616d706c652e636f6d820e68342e6578616d706c652e636f6d820e68352e6578616d706c652e636f6d"
    "820e68362e6578616d706c652e636f6d820e68372e6578616d706c652e636f6d820e68382e6578616d706c652e636f6d"
    "820e68392e6578616d706c652e636f6d820a7376632e766d722e76633000030100";
/* By hand: CN="pexip.me\0.evil.com", SAN "a\x01b.example.com". */
static const char cert_nul_names[] =
    "30703069a0030201020201013000301a3118301606035504030c0f6973737565722e70657869702e6d653000301d311b"
    "301906035504030c1270657869702e6d65002e6576696c2e636f6d3000a31e301c301a0603551d1104133011820f6101"
    "622e6578616d706c652e636f6d3000030100";

static GByteArray *
from_hex(const char *hex)
{
    GByteArray *bytes = g_byte_array_new();
    for (const char *p = hex; p[0] && p[1]; p += 2) {
        guint8 b = (guint8)((g_ascii_xdigit_value(p[0]) << 4) | g_ascii_xdigit_value(p[1]));
        g_byte_array_append(bytes, &b, 1);
    }
    return bytes;
}

static gboolean
read_cert(const char *hex, gsize cut, const pexip_dns_suffixes_t *s, pexip_cert_names_t *names)
{
    GByteArray *der = from_hex(hex);
    gboolean ok = pexip_cert_names(der->data, der->len - MIN(cut, der->len), s, names);
    g_byte_array_free(der, TRUE);
    return ok;
}

/* The same from test-captures/gen/certs/NAME.der; a missing file fails
 * the test. */
static gboolean
read_cert_file(const char *name, gsize cut, const pexip_dns_suffixes_t *s,
               pexip_cert_names_t *names)
{
    char *path = g_strdup_printf("%s/%s.der", PEXIP_TEST_CERTS, name);
    gchar *der = NULL;
    gsize len = 0;
    gboolean ok = FALSE;
    if (g_file_get_contents(path, &der, &len, NULL))
        ok = pexip_cert_names((const guint8 *)der, len - MIN(cut, len), s, names);
    else
        fprintf(stderr, "cannot read %s\n", path);
    g_free(der);
    g_free(path);
    return ok;
}

static void
test_cert_names(void)
{
    pexip_dns_suffixes_t *s = pexip_dns_suffixes_parse(PEXIP_DNS_DEFAULT_SUFFIXES, NULL);
    pexip_cert_names_t names;

    CHECK(read_cert_file("service", 0, s, &names));
    CHECK(names.count == 2 && names.kept == 2 && names.service);   /* the CN repeats a SAN */
    CHECK_STR(names.names[0], "*.pexip.me");
    CHECK_STR(names.names[1], "pexip.me");

    CHECK(read_cert_file("proxy", 0, s, &names));
    CHECK(names.count == 1 && !names.service);
    CHECK_STR(names.names[0], "proxy.corp.example");

    CHECK(read_cert(cert_v1_leaf, 0, s, &names));
    CHECK(names.count == 1 && !names.service);
    CHECK_STR(names.names[0], "proxy.corp.example");

    CHECK(read_cert(cert_many_names, 0, s, &names));
    CHECK(names.count == 12 && names.kept == PEXIP_CERT_MAX_NAMES && names.service);
    CHECK_STR(names.names[0], "h0.example.com");

    CHECK(read_cert(cert_nul_names, 0, s, &names));
    CHECK(names.count == 2 && !names.service);
    CHECK_STR(names.names[0], "a?b.example.com");
    CHECK_STR(names.names[1], "pexip.me?.evil.com");

    /* with other service domains, and none */
    pexip_dns_suffixes_t *corp = pexip_dns_suffixes_parse("corp.example", NULL);
    CHECK(read_cert_file("proxy", 0, corp, &names) && names.service);
    CHECK(read_cert_file("service", 0, corp, &names) && !names.service);
    CHECK(read_cert_file("service", 0, NULL, &names) && !names.service && names.count == 2);
    pexip_dns_suffixes_free(corp);

    /* not certificates: cut short, empty, garbage, an indefinite length */
    for (gsize cut = 1; cut < 40; cut += 7)
        CHECK(!read_cert_file("service", cut, s, &names));
    CHECK(!read_cert("", 0, s, &names) && names.count == 0);
    CHECK(!read_cert("3080020101", 0, s, &names));
    CHECK(!read_cert("3084ffffffff30", 0, s, &names));
    CHECK(!read_cert("0201013000", 0, s, &names));
    CHECK(!pexip_cert_names(NULL, 10, s, &names));

    CHECK(pexip_cert_name_is_service(s, "*.pexip.me"));
    CHECK(pexip_cert_name_is_service(s, "meet.pexip.me"));
    CHECK(pexip_cert_name_is_service(s, "*.meet.vmr.vc"));
    CHECK(!pexip_cert_name_is_service(s, "*.me"));
    CHECK(!pexip_cert_name_is_service(s, "*pexip.me"));
    CHECK(!pexip_cert_name_is_service(s, "*"));
    CHECK(!pexip_cert_name_is_service(s, NULL));
    pexip_dns_suffixes_free(s);
}

static void
test_partial_rewrite(void)
{
    pexip_named_address_t named[3];
    memset(named, 0, sizeof named);
    guint8 pub[4] = { 198, 51, 100, 10 }, inside[4] = { 10, 20, 30, 40 };
    guint8 other[4] = { 203, 0, 113, 5 };
    const char *where[3] = { "Via", "Contact", "SDP c=" };
    for (guint i = 0; i < 3; i++) {
        named[i].where = where[i];
        named[i].family = 4;
    }
    memcpy(named[0].addr, pub, 4);
    memcpy(named[1].addr, pub, 4);
    memcpy(named[2].addr, inside, 4);
    gboolean rewritten[3], left[3];
    /* Via and Contact rewritten to the source, SDP left private */
    CHECK(pexip_detect_partial_rewrite(4, pub, named, 3, rewritten, left));
    CHECK(rewritten[0] && rewritten[1] && !rewritten[2]);
    CHECK(!left[0] && !left[1] && left[2]);
    /* from a private source: no NAT crossed */
    CHECK(!pexip_detect_partial_rewrite(4, inside, named, 3, rewritten, left));
    /* a public address that is not the source is no rewrite to it */
    memcpy(named[0].addr, other, 4);
    memcpy(named[1].addr, other, 4);
    CHECK(!pexip_detect_partial_rewrite(4, pub, named, 3, rewritten, left));
    /* all rewritten, or all private: not partial */
    memcpy(named[0].addr, pub, 4);
    memcpy(named[1].addr, pub, 4);
    memcpy(named[2].addr, pub, 4);
    CHECK(!pexip_detect_partial_rewrite(4, pub, named, 3, rewritten, left));
    for (guint i = 0; i < 3; i++)
        memcpy(named[i].addr, inside, 4);
    CHECK(!pexip_detect_partial_rewrite(4, pub, named, 3, rewritten, left));
    CHECK(!pexip_detect_partial_rewrite(4, pub, named, 0, rewritten, left));
}

static gint
nat_trace(const char *text)
{
    pexip_sdp_t sdp;
    if (!pexip_sdp_parse(text, strlen(text), &sdp))
        return -2;
    return pexip_detect_nat_trace(&sdp);
}

static void
test_nat_trace(void)
{
    /* FortiGate's form, session level */
    CHECK(nat_trace("v=0\r\no=- 1 1 IN IP4 198.51.100.10\r\ns=-\r\ni=(o=IN IP4 10.20.30.40)\r\n"
                    "c=IN IP4 198.51.100.10\r\nt=0 0\r\nm=audio 20000 RTP/AVP 0\r\n") == 0);
    /* appended to the SBC's own i= text; the last literal counts; with a port */
    CHECK(nat_trace("v=0\r\ns=-\r\ni=call 42 from 203.0.113.9 (o=IN IP4 192.168.1.5:5060)\r\n"
                    "c=IN IP4 198.51.100.10\r\nm=audio 20000 RTP/AVP 0\r\n") == 0);
    /* media level, on the second m-line only */
    CHECK(nat_trace("v=0\r\ns=-\r\nc=IN IP4 198.51.100.10\r\nm=audio 20000 RTP/AVP 0\r\n"
                    "m=video 20002 RTP/AVP 96\r\ni=(o=IN IP6 fd00::5)\r\n") == 1);
    /* c= private (no rewrite), i= public, free text, rejected m-line, none */
    CHECK(nat_trace("v=0\r\ns=-\r\ni=(o=IN IP4 10.20.30.40)\r\nc=IN IP4 10.20.30.40\r\n"
                    "m=audio 20000 RTP/AVP 0\r\n") == -1);
    CHECK(nat_trace("v=0\r\ns=-\r\ni=(o=IN IP4 203.0.113.9)\r\nc=IN IP4 198.51.100.10\r\n"
                    "m=audio 20000 RTP/AVP 0\r\n") == -1);
    CHECK(nat_trace("v=0\r\ns=-\r\ni=Boardroom 4.2 call 20231115 dead:beef 10.1\r\n"
                    "c=IN IP4 198.51.100.10\r\nm=audio 20000 RTP/AVP 0\r\n") == -1);
    CHECK(nat_trace("v=0\r\ns=-\r\ni=(o=IN IP4 10.20.30.40)\r\nc=IN IP4 198.51.100.10\r\n"
                    "m=audio 0 RTP/AVP 0\r\n") == -1);
    CHECK(nat_trace("v=0\r\ns=-\r\nc=IN IP4 198.51.100.10\r\nm=audio 20000 RTP/AVP 0\r\n") == -1);
    /* an i= line that is all address characters and too long for one */
    CHECK(nat_trace("v=0\r\ns=-\r\ni=1111111111111111111111111111111111111111111111111111111111111111"
                    "11111111\r\nc=IN IP4 198.51.100.10\r\nm=audio 20000 RTP/AVP 0\r\n") == -1);
}

static pexip_body_check_t
body_check(guint32 content_length, const char *body, gboolean end_known)
{
    return pexip_detect_content_length(content_length, (const guint8 *)body, strlen(body),
                                       end_known);
}

static void
test_content_length(void)
{
    const char *sdp = "v=0\r\no=- 1 1 IN IP4 198.51.100.10\r\nc=IN IP4 198.51.100.10\r\n"
                      "m=audio 20000 RTP/AVP 0\r\n";
    guint32 len = (guint32)strlen(sdp);
    CHECK(body_check(len, sdp, TRUE) == PEXIP_BODY_OK);
    CHECK(body_check(len, sdp, FALSE) == PEXIP_BODY_OK);
    /* SDP text past Content-Length (even a bare line end), and a body cut short */
    CHECK(body_check(len - 4, sdp, TRUE) == PEXIP_BODY_LONGER);
    CHECK(body_check(len - 2, sdp, TRUE) == PEXIP_BODY_LONGER);
    CHECK(body_check(len + 2, sdp, TRUE) == PEXIP_BODY_SHORTER);
    /* end unknown (TCP): lengths are not compared */
    CHECK(body_check(len - 4, sdp, FALSE) == PEXIP_BODY_OK);
    /* bytes past the length that are not SDP text (binary, or no line end): left alone */
    guint8 binary[256];
    memcpy(binary, sdp, len);
    memcpy(binary + len, "\x00\x01\x02\n", 4);
    CHECK(pexip_detect_content_length(len, binary, len + 4, TRUE) == PEXIP_BODY_OK);
    memcpy(binary + len, "abc", 3);
    CHECK(pexip_detect_content_length(len, binary, len + 3, TRUE) == PEXIP_BODY_OK);
    /* padding: a blank before the line end of o=/c=/m=, a run of two, after the last line */
    CHECK(body_check(0, "v=0\r\nc=IN IP4 198.51.100.10 \r\nm=audio 20000 RTP/AVP 0\r\n",
                     FALSE) == PEXIP_BODY_OK);      /* Content-Length 0: no body to read */
    const char *p1 = "v=0\r\nc=IN IP4 198.51.100.10 \r\nm=audio 20000 RTP/AVP 0\r\n";
    CHECK(body_check((guint32)strlen(p1), p1, TRUE) == PEXIP_BODY_PADDED);
    const char *p2 = "v=0\r\nc=IN IP4  198.51.100.10\r\nm=audio 20000 RTP/AVP 0\r\n";
    CHECK(body_check((guint32)strlen(p2), p2, FALSE) == PEXIP_BODY_PADDED);
    const char *p3 = "v=0\r\nm=audio 20000 RTP/AVP 0\r\n   ";
    CHECK(body_check((guint32)strlen(p3), p3, TRUE) == PEXIP_BODY_PADDED);
    /* free text lines may hold blanks: s=, i=, a= */
    const char *ok = "v=0\r\ns=Board  room \r\ni=a  b\r\nm=audio 20000 RTP/AVP 0\r\n"
                     "a=fmtp:101 0-15 \r\n";
    CHECK(body_check((guint32)strlen(ok), ok, TRUE) == PEXIP_BODY_OK);
    /* a last line without its line end is a line, not padding */
    const char *last = "v=0\r\nm=audio 20000 RTP/AVP 0";
    CHECK(body_check((guint32)strlen(last), last, TRUE) == PEXIP_BODY_OK);
    CHECK(body_check(0, "", TRUE) == PEXIP_BODY_OK);
}

static pexip_message_copies_t *
sip_copies_see(const char *identity, const pexip_sip_addresses_t *said, guint32 frame,
               gconstpointer *first)
{
    return pexip_copies_see(identity, said, pexip_sip_addresses_keep, frame, first);
}

static void
test_rewritten(void)
{
    pexip_media_address_t inside_media[2] = { { 4, { 10, 20, 30, 40 }, 20000 },
                                              { 4, { 10, 20, 30, 40 }, 20002 } };
    pexip_media_address_t outside_media[2] = { { 4, { 198, 51, 100, 10 }, 30000 },
                                               { 4, { 198, 51, 100, 10 }, 30002 } };
    pexip_sip_addresses_t inside = { 1, "10.20.30.40", 5060, "10.20.30.40", 5060,
                                     4, { 10, 20, 30, 40 }, 2, inside_media };
    pexip_sip_addresses_t outside = { 1, "198.51.100.10", 5060, "198.51.100.10", 5060,
                                      4, { 198, 51, 100, 10 }, 2, outside_media };
    CHECK(pexip_detect_rewritten(&inside, &outside) ==
          (PEXIP_REWRITE_VIA | PEXIP_REWRITE_CONTACT | PEXIP_REWRITE_ORIGIN |
           PEXIP_REWRITE_CONNECTION | PEXIP_REWRITE_PORT));
    /* unchanged (relayed, retransmitted); host names compare without case */
    CHECK(pexip_detect_rewritten(&inside, &inside) == 0);
    pexip_sip_addresses_t a = inside, b = inside;
    a.via = "SBC.example.com";
    b.via = "sbc.example.com";
    CHECK(pexip_detect_rewritten(&a, &b) == 0);
    /* a port only, a Contact missing in one copy, an m-line fewer */
    b = inside;
    b.via_port = 5062;
    CHECK(pexip_detect_rewritten(&inside, &b) == PEXIP_REWRITE_VIA);
    b = inside;
    b.contact = NULL;
    CHECK(pexip_detect_rewritten(&inside, &b) == PEXIP_REWRITE_CONTACT);
    b = inside;
    b.media_count = 1;
    CHECK(pexip_detect_rewritten(&inside, &b) == PEXIP_REWRITE_CONNECTION);
    /* a proxy's own Via: not an ALG, whatever else differs */
    b = outside;
    b.via_count = 2;
    CHECK(pexip_detect_rewritten(&inside, &b) == 0);

    /* the copies map: first copy, later copy, same frame again */
    wmem_allocator_t *scope = wmem_allocator_new(WMEM_ALLOCATOR_SIMPLE);
    pexip_copies_init(scope);
    CHECK(pexip_sip_identity(scope, "c1", "1 INVITE", NULL, "INVITE sip:x SIP/2.0", "a1",
                             NULL) == NULL);
    char *id = pexip_sip_identity(scope, "c1", "1 INVITE", "z9hG4bK1", "INVITE sip:x SIP/2.0",
                                  "a1", NULL);
    /* forked responses differ in their To tag only: two messages */
    CHECK(strcmp(pexip_sip_identity(scope, "c1", "1 INVITE", "z9hG4bK1", "SIP/2.0 183 Progress",
                                    "a1", "fa"),
                 pexip_sip_identity(scope, "c1", "1 INVITE", "z9hG4bK1", "SIP/2.0 183 Progress",
                                    "a1", "fb")) != 0);
    gconstpointer said;
    pexip_message_copies_t *c1 = sip_copies_see(id, &inside, 1, &said);
    CHECK(c1 && c1->first_frame == 1 && !said);
    CHECK(sip_copies_see(id, &outside, 1, &said) == c1 && !said);
    CHECK(sip_copies_see(id, &outside, 2, &said) == c1 && said);
    const pexip_sip_addresses_t *first = (const pexip_sip_addresses_t *)said;
    CHECK(first && strcmp(first->via, "10.20.30.40") == 0 && first->media_count == 2 &&
          first->media[1].port == 20002);
    c1->rewritten_frame = 2;
    pexip_copy_ref_t later = { c1, TRUE }, earlier = { c1, FALSE };
    CHECK(pexip_copy_other_frame(&later, 2) == 1);
    CHECK(pexip_copy_other_frame(&earlier, 1) == 2);
    CHECK(pexip_copy_other_frame(&earlier, 3) == 0);    /* an unchanged copy */
    /* a new message under the same identity: later copies compare with it */
    pexip_message_copies_t *c2 =
        pexip_copies_restart(id, &outside, pexip_sip_addresses_keep, 5);
    CHECK(c2 && c2 != c1 && c2->first_frame == 5 && c2->rewritten_frame == 0);
    CHECK(c1->first_frame == 1 && c1->rewritten_frame == 2);
    CHECK(sip_copies_see(id, &inside, 6, &said) == c2 && said &&
          strcmp(((const pexip_sip_addresses_t *)said)->via, "198.51.100.10") == 0);
    pexip_copies_cleanup();
    CHECK(sip_copies_see(id, &inside, 3, &said) == NULL);
    wmem_destroy_allocator(scope);
}

static void
test_h323_rewritten(void)
{
    /* A Setup inside (10.20.30.50 to the IVR) and outside a firewall
     * (198.51.100.10 to the IVR) whose ALG rewrote h245Address and
     * sourceCallSignalAddress; destCallSignalAddress is the IVR's. */
    pexip_named_address_t inside_named[3] = {
        { "h245Address", 4, { 10, 20, 30, 50 }, 5050 },
        { "sourceCallSignalAddress", 4, { 10, 20, 30, 50 }, 1720 },
        { "destCallSignalAddress", 4, { 185, 94, 242, 66 }, 1720 } };
    pexip_named_address_t outside_named[3] = {
        { "h245Address", 4, { 198, 51, 100, 10 }, 5050 },
        { "sourceCallSignalAddress", 4, { 198, 51, 100, 10 }, 1720 },
        { "destCallSignalAddress", 4, { 185, 94, 242, 66 }, 1720 } };
    pexip_h323_addresses_t inside = { 4, { 10, 20, 30, 50 }, { 185, 94, 242, 66 }, 3,
                                      inside_named };
    pexip_h323_addresses_t outside = { 4, { 198, 51, 100, 10 }, { 185, 94, 242, 66 }, 3,
                                       outside_named };
    gboolean changed[4];
    CHECK(pexip_detect_h323_rewritten(&inside, &outside, changed) == PEXIP_COPY_REWRITTEN);
    CHECK(changed[0] && changed[1] && !changed[2]);
    /* either way round (an inbound message: the source kept) */
    pexip_h323_addresses_t in_reply = { 4, { 185, 94, 242, 66 }, { 10, 20, 30, 50 }, 3,
                                        inside_named };
    pexip_h323_addresses_t out_reply = { 4, { 185, 94, 242, 66 }, { 198, 51, 100, 10 }, 3,
                                         outside_named };
    CHECK(pexip_detect_h323_rewritten(&out_reply, &in_reply, changed) == PEXIP_COPY_REWRITTEN);
    CHECK(changed[0] && changed[1] && !changed[2]);
    /* NAT without ALG: the embedded addresses are the same in both copies */
    pexip_h323_addresses_t nat_only = outside;
    nat_only.named = inside_named;
    CHECK(pexip_detect_h323_rewritten(&inside, &nat_only, changed) == PEXIP_COPY_UNCHANGED);
    CHECK(!changed[0] && !changed[1] && !changed[2]);
    /* a port only */
    pexip_named_address_t port_named[3];
    memcpy(port_named, inside_named, sizeof port_named);
    port_named[0].port = 6060;
    nat_only.named = port_named;
    CHECK(pexip_detect_h323_rewritten(&inside, &nat_only, changed) == PEXIP_COPY_REWRITTEN);
    CHECK(changed[0] && !changed[1] && !changed[2]);
    /* relayed unchanged, a TCP retransmission: the same packet again */
    CHECK(pexip_detect_h323_rewritten(&inside, &inside, changed) == PEXIP_COPY_UNCHANGED);
    /* the same IP ends with other addresses: a new message at the same
     * point (a channel opened again), not a copy */
    pexip_h323_addresses_t again = inside;
    again.named = port_named;
    CHECK(pexip_detect_h323_rewritten(&inside, &again, changed) == PEXIP_COPY_NEW_MESSAGE);
    CHECK(!changed[0]);
    again.count = 2;
    again.named = inside_named;
    CHECK(pexip_detect_h323_rewritten(&inside, &again, changed) == PEXIP_COPY_NEW_MESSAGE);
    /* a gatekeeper or SBC leg: the later copy comes from the earlier
     * one's destination (10.20.30.40) and goes on to the IVR; its own
     * addresses are not a rewrite */
    pexip_h323_addresses_t to_gk = { 4, { 10, 20, 30, 50 }, { 10, 20, 30, 40 }, 3, inside_named };
    pexip_h323_addresses_t gk_leg = { 4, { 10, 20, 30, 40 }, { 185, 94, 242, 66 }, 3,
                                      outside_named };
    CHECK(pexip_detect_h323_rewritten(&to_gk, &gk_leg, changed) == PEXIP_COPY_OTHER);
    CHECK(!changed[0] && !changed[1]);
    /* an SBC with an inside and an outside address: both ends differ */
    gk_leg.src[0] = 198, gk_leg.src[1] = 51, gk_leg.src[2] = 100, gk_leg.src[3] = 10;
    CHECK(pexip_detect_h323_rewritten(&to_gk, &gk_leg, changed) == PEXIP_COPY_OTHER);
    /* other places (a different message under one identity), another family */
    pexip_h323_addresses_t fewer = outside;
    fewer.count = 2;
    CHECK(pexip_detect_h323_rewritten(&inside, &fewer, changed) == PEXIP_COPY_OTHER);
    pexip_named_address_t renamed[3];
    memcpy(renamed, outside_named, sizeof renamed);
    renamed[2].where = "h245Address";
    pexip_h323_addresses_t other_places = outside;
    other_places.named = renamed;
    CHECK(pexip_detect_h323_rewritten(&inside, &other_places, changed) == PEXIP_COPY_OTHER);
    pexip_h323_addresses_t v6 = outside;
    v6.family = 6;
    CHECK(pexip_detect_h323_rewritten(&inside, &v6, changed) == PEXIP_COPY_OTHER);
    /* no embedded address at all (an empty Facility): nothing to compare */
    pexip_h323_addresses_t empty_in = inside, empty_out = outside;
    empty_in.count = empty_out.count = 0;
    CHECK(pexip_detect_h323_rewritten(&empty_in, &empty_out, changed) == PEXIP_COPY_UNCHANGED);

    /* identities: the call reference and the direction tell messages apart */
    wmem_allocator_t *scope = wmem_allocator_new(WMEM_ALLOCATOR_SIMPLE);
    const char *guid = "7a1b2c3d-4e5f-4071-8293-a4b5c6d7e8f9";
    CHECK(pexip_h323_identity(scope, NULL, "H.225 Setup", 0x0909, FALSE) == NULL);
    CHECK(pexip_h323_identity(scope, guid, NULL, 0x0909, FALSE) == NULL);
    char *setup = pexip_h323_identity(scope, guid, "H.225 Setup", 0x0909, FALSE);
    CHECK_STR(setup, pexip_h323_identity(scope, guid, "H.225 Setup", 0x0909, FALSE));
    CHECK(strcmp(setup, pexip_h323_identity(scope, guid, "H.225 Setup", 0x0a0a, FALSE)) != 0);
    CHECK(strcmp(setup, pexip_h323_identity(scope, guid, "H.225 Connect", 0x0909, FALSE)) != 0);
    char *olc = pexip_h323_identity(scope, guid, "H.245 OpenLogicalChannel", 1, FALSE);
    CHECK(strcmp(olc, pexip_h323_identity(scope, guid, "H.245 OpenLogicalChannel", 1, TRUE)) != 0);
    /* the store keeps its own copy of the addresses */
    pexip_copies_init(scope);
    gconstpointer said;
    pexip_named_address_t scratch[3];
    memcpy(scratch, inside_named, sizeof scratch);
    pexip_h323_addresses_t kept = inside;
    kept.named = scratch;
    pexip_message_copies_t *c =
        pexip_copies_see(setup, &kept, pexip_h323_addresses_keep, 7, &said);
    memset(scratch, 0, sizeof scratch);
    CHECK(c && !said);
    CHECK(pexip_copies_see(setup, &outside, pexip_h323_addresses_keep, 8, &said) == c && said);
    const pexip_h323_addresses_t *first = (const pexip_h323_addresses_t *)said;
    CHECK(first && first->count == 3 && first->named[1].port == 1720 &&
          strcmp(first->named[1].where, "sourceCallSignalAddress") == 0 &&
          first->named[1].addr[0] == 10);
    /* what the frames record: the first copy on its own frame only; a
     * rewritten one each time, the finding still to show once per call */
    pexip_calls_init(scope, NULL);
    pexip_call_t *call = pexip_call_get(guid, PEXIP_SIGNALING_H323, 7);
    pexip_signalling_frame_t out;
    pexip_signalling_frame_clear(&out);
    pexip_copies_first(c, 9, &out);
    CHECK(out.copies == NULL);
    pexip_copies_first(c, 7, &out);
    CHECK(out.copies && wmem_array_get_count(out.copies) == 1);
    pexip_signalling_frame_clear(&out);
    CHECK(pexip_copies_rewritten(c, 8, call, &out) && c->rewritten_frame == 8);
    pexip_signalling_frame_add_finding(&out, call, PEXIP_FINDING_REWRITTEN, "rewritten");
    CHECK(!pexip_copies_rewritten(c, 10, call, &out) && c->rewritten_frame == 8);
    CHECK(wmem_array_get_count(out.copies) == 2);
    pexip_calls_cleanup();
    pexip_copies_cleanup();
    wmem_destroy_allocator(scope);
}

static void
test_reach(void)
{
    wmem_allocator_t *scope = wmem_allocator_new(WMEM_ALLOCATOR_SIMPLE);
    pexip_calls_init(scope, NULL);
    pexip_call_t *one = pexip_call_get("reach-1", PEXIP_SIGNALING_H323, 1);
    pexip_call_t *two = pexip_call_get("reach-2", PEXIP_SIGNALING_H323, 2);
    pexip_reach_watch_t *w = pexip_reach_watch_new(scope, NULL);
    const guint8 far[4] = { 203, 0, 113, 10 }, near[4] = { 185, 94, 242, 66 };
    guint n;

    CHECK(pexip_reach_all(w, &n) == NULL && n == 0);
    CHECK(pexip_reach_announce(w, one, PEXIP_FAMILY_IPV4, far, 0, 1) == NULL);
    pexip_reach_t *r1 = pexip_reach_announce(w, one, PEXIP_FAMILY_IPV4, far, 5060, 1);
    CHECK(r1 && r1->announced_frame == 1);
    /* a repeat by the same call keeps its record */
    CHECK(pexip_reach_announce(w, one, PEXIP_FAMILY_IPV4, far, 5060, 3) == r1);
    CHECK(pexip_reach_find(w, PEXIP_FAMILY_IPV4, far, 5061) == NULL);
    CHECK(pexip_reach_judge(r1, 1) == PEXIP_REACH_OK);          /* nothing tried */

    /* SYN and a retransmission, nothing back */
    pexip_reach_packet(w, PEXIP_FAMILY_IPV4, near, 41000, far, 5060, 4, FALSE);
    CHECK(pexip_reach_judge(r1, 1) == PEXIP_REACH_NO_ANSWER);
    CHECK(pexip_reach_judge(r1, 2) == PEXIP_REACH_OK);          /* one SYN: not enough */
    pexip_reach_packet(w, PEXIP_FAMILY_IPV4, near, 41000, far, 5060, 5, FALSE);
    CHECK(r1->attempts == 2 && r1->first_attempt_frame == 4 && r1->replies == 0);
    CHECK(pexip_reach_judge(r1, 2) == PEXIP_REACH_NO_ANSWER);
    /* answered, without the expected protocol: refused */
    pexip_reach_packet(w, PEXIP_FAMILY_IPV4, far, 5060, near, 41000, 6, FALSE);
    CHECK(r1->replies == 1 && pexip_reach_judge(r1, 2) == PEXIP_REACH_REFUSED);

    /* another call announcing it: packets count on its own record, the
     * first call's is kept */
    pexip_reach_t *r2 = pexip_reach_announce(w, two, PEXIP_FAMILY_IPV4, far, 5060, 7);
    CHECK(r2 && r2 != r1 && pexip_reach_find(w, PEXIP_FAMILY_IPV4, far, 5060) == r2);
    pexip_reach_packet(w, PEXIP_FAMILY_IPV4, near, 41002, far, 5060, 8, FALSE);
    pexip_reach_packet(w, PEXIP_FAMILY_IPV4, far, 5060, near, 41002, 9, TRUE);
    CHECK(r1->attempts == 2 && r2->attempts == 1 && r2->first_attempt_frame == 8);
    CHECK(r2->reached && pexip_reach_judge(r2, 1) == PEXIP_REACH_OK);
    pexip_reach_t **all = pexip_reach_all(w, &n);
    CHECK(n == 2 && all[0] == r1 && all[1] == r2);
    CHECK(pexip_reach_judge(NULL, 1) == PEXIP_REACH_OK);
    /* refused, tried again from another port (a new connection), refused */
    pexip_reach_packet(w, PEXIP_FAMILY_IPV4, near, 41001, far, 5060, 7, FALSE);
    CHECK(r1->attempts == 2);                               /* r2 is the latest */

    /* the service's connections only (side): packets between the far end
     * and anything else do not count; the ACK after an answer on the same
     * connection makes it established, whatever it carried (TLS on a port
     * Wireshark does not decode) */
    pexip_reach_watch_t *svc = pexip_reach_watch_new(scope, service_address);
    pexip_reach_t *r3 = pexip_reach_announce(svc, one, PEXIP_FAMILY_IPV4, far, 5061, 10);
    const guint8 other[4] = { 192, 0, 2, 1 };
    pexip_reach_packet(svc, PEXIP_FAMILY_IPV4, other, 40000, far, 5061, 11, FALSE);
    pexip_reach_packet(svc, PEXIP_FAMILY_IPV4, far, 5061, other, 40000, 12, FALSE);
    CHECK(r3->attempts == 0 && r3->replies == 0);
    pexip_reach_packet(svc, PEXIP_FAMILY_IPV4, near, 41010, far, 5061, 13, FALSE);    /* SYN */
    pexip_reach_packet(svc, PEXIP_FAMILY_IPV4, far, 5061, near, 41010, 14, FALSE);    /* reset */
    CHECK(pexip_reach_judge(r3, 2) == PEXIP_REACH_REFUSED);
    pexip_reach_packet(svc, PEXIP_FAMILY_IPV4, near, 41011, far, 5061, 15, FALSE);    /* new SYN */
    CHECK(!r3->established && pexip_reach_judge(r3, 2) == PEXIP_REACH_REFUSED);
    pexip_reach_packet(svc, PEXIP_FAMILY_IPV4, far, 5061, near, 41011, 16, FALSE);    /* SYN-ACK */
    pexip_reach_packet(svc, PEXIP_FAMILY_IPV4, near, 41011, far, 5061, 17, FALSE);    /* ACK */
    CHECK(r3->established && !r3->reached && pexip_reach_judge(r3, 2) == PEXIP_REACH_OK);
    CHECK(r3->attempts == 3 && r3->replies == 2 && r3->first_attempt_frame == 13);

    pexip_calls_cleanup();
    wmem_destroy_allocator(scope);
}

/* The TCP endpoint of a Contact URI as "address:port" (in scope), or NULL. */
static const char *
contact_endpoint(wmem_allocator_t *scope, const char *uri)
{
    pexip_sip_uri_t u;
    guint8 family, addr[16];
    guint16 port;
    if (!pexip_sip_uri_parse(uri, &u) || !pexip_sip_uri_tcp_endpoint(&u, &family, addr, &port))
        return NULL;
    return pexip_address_to_str(scope, family, addr, port);
}

static void
test_sip_uri(void)
{
    pexip_sip_uri_t u;
    wmem_allocator_t *scope = wmem_allocator_new(WMEM_ALLOCATOR_SIMPLE);

    CHECK(pexip_sip_uri_parse("sip:sbc@203.0.113.10:5061;transport=tls", &u));
    CHECK(!u.sips && u.port == 5061 && u.transport == PEXIP_SIP_TRANSPORT_TLS);
    CHECK(u.host.len == 12 && strncmp(u.host.start, "203.0.113.10", 12) == 0);
    CHECK(pexip_sip_uri_parse("SIPS:203.0.113.10", &u) && u.sips && u.port == 0 &&
          u.transport == PEXIP_SIP_TRANSPORT_NONE);
    CHECK(pexip_sip_uri_parse("sip:sbc@[2001:db8::1]:5062;lr;Transport=TCP?Subject=x", &u));
    CHECK(u.host.len == 11 && strncmp(u.host.start, "2001:db8::1", 11) == 0 && u.port == 5062 &&
          u.transport == PEXIP_SIP_TRANSPORT_TCP);
    /* the user part may hold ';', ':' and '?' */
    CHECK(pexip_sip_uri_parse("sip:+1;phone-context=x?y:pw@198.51.100.7;transport=udp", &u));
    CHECK(u.host.len == 12 && u.port == 0 && u.transport == PEXIP_SIP_TRANSPORT_UDP);
    CHECK(pexip_sip_uri_parse("sip:sbc.example.com;transport=ws>;expires=60", &u) &&
          u.transport == PEXIP_SIP_TRANSPORT_OTHER && u.host.len == 15);
    /* transport= in the headers is not a parameter */
    CHECK(pexip_sip_uri_parse("sip:203.0.113.10?transport=tcp", &u) &&
          u.transport == PEXIP_SIP_TRANSPORT_NONE);
    static const char *const refused[] = {
        NULL, "", "tel:+15551234", "sip:", "sip:user@", "sip:user@:5060", "sip:[2001:db8::1",
        "sip:[]:5060", "sip:203.0.113.10:0", "sip:203.0.113.10:65536",
        "sip:203.0.113.10:99999999999999999999", "sip:203.0.113.10:", "sip:203.0.113.10:50x0",
    };
    for (guint i = 0; i < G_N_ELEMENTS(refused); i++)
        CHECK(!pexip_sip_uri_parse(refused[i], &u));
    CHECK(pexip_sip_uri_parse("sip:a@b;;=;transport;transport=", &u) &&
          u.transport == PEXIP_SIP_TRANSPORT_OTHER);

    /* where the service connects: TCP or TLS to an IP literal */
    CHECK_STR(contact_endpoint(scope, "sip:sbc@203.0.113.10;transport=tls"),
              "203.0.113.10:5061");
    CHECK_STR(contact_endpoint(scope, "sip:sbc@203.0.113.10;transport=tcp"),
              "203.0.113.10:5060");
    CHECK_STR(contact_endpoint(scope, "sips:sbc@203.0.113.10"), "203.0.113.10:5061");
    CHECK_STR(contact_endpoint(scope, "sips:sbc@203.0.113.10:5071;transport=tcp"),
              "203.0.113.10:5071");
    CHECK_STR(contact_endpoint(scope, "sip:[2001:db8::10]:5062;transport=TLS"),
              "[2001:db8::10]:5062");
    CHECK_STR(contact_endpoint(scope, "sip:sbc@203.0.113.10:5060"), NULL);  /* UDP */
    CHECK_STR(contact_endpoint(scope, "sip:sbc@203.0.113.10;transport=udp"), NULL);
    CHECK_STR(contact_endpoint(scope, "sip:sbc@203.0.113.10;transport=sctp"), NULL);
    CHECK_STR(contact_endpoint(scope, "sips:sbc@sbc.example.com"), NULL);   /* a name */
    CHECK_STR(contact_endpoint(scope, "sips:sbc@203.0.113.10.example.com"), NULL);
    CHECK_STR(contact_endpoint(scope, "sips:[ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255.1]"),
              NULL);                                                    /* too long */
    wmem_destroy_allocator(scope);
}

/* Texts longer than an expert info holds keep their advice whole. */
static void
test_finding_text_fit(void)
{
    const char *short_text = "seen: do this";
    CHECK(pexip_finding_text_fit(NULL, short_text) == short_text);
    CHECK(pexip_finding_text_fit(NULL, NULL) == NULL);

    GString *seen = g_string_new("INVITE to [2001:db8:1234:5678:9abc:def0:1234:5678]:5061");
    while (seen->len < 200)
        g_string_append(seen, " and more");
    const char *advice = ": the SBC's announced signalling address is not reachable";
    char *text = g_strconcat(seen->str, advice, NULL);
    char *fit = (char *)pexip_finding_text_fit(NULL, text);
    CHECK(strlen(fit) == PEXIP_FINDING_TEXT_MAX);
    CHECK(g_str_has_suffix(fit, advice));
    CHECK(strncmp(fit, text, PEXIP_FINDING_TEXT_MAX - strlen(advice) - 3) == 0);
    CHECK(strstr(fit, "...: the SBC") != NULL);
    wmem_free(NULL, fit);

    /* exactly at the limit: unchanged */
    char *exact = g_strndup(text, PEXIP_FINDING_TEXT_MAX);
    CHECK(pexip_finding_text_fit(NULL, exact) == exact);
    g_free(exact);

    /* no ": ", or an advice too long to keep: cut at the end */
    char *plain = g_strnfill(300, 'x');
    fit = (char *)pexip_finding_text_fit(NULL, plain);
    CHECK(strlen(fit) == PEXIP_FINDING_TEXT_MAX && g_str_has_suffix(fit, "x..."));
    wmem_free(NULL, fit);
    char *long_advice = g_strconcat("seen: ", plain, NULL);
    fit = (char *)pexip_finding_text_fit(NULL, long_advice);
    CHECK(strlen(fit) == PEXIP_FINDING_TEXT_MAX && g_str_has_prefix(fit, "seen: xx") &&
          g_str_has_suffix(fit, "x..."));
    wmem_free(NULL, fit);

    /* never inside a UTF-8 sequence: "\xc3\xa9" is one character */
    GString *accents = g_string_new("a");           /* byte 236 is inside a character */
    while (accents->len < 260)
        g_string_append(accents, "\xc3\xa9");
    fit = (char *)pexip_finding_text_fit(NULL, accents->str);
    CHECK(strlen(fit) == PEXIP_FINDING_TEXT_MAX - 1 && g_utf8_validate(fit, -1, NULL));
    wmem_free(NULL, fit);

    g_string_free(accents, TRUE);
    g_free(long_advice);
    g_free(plain);
    g_free(text);
    g_string_free(seen, TRUE);
}

int
main(void)
{
    test_prefix_parse();
    test_longest_prefix();
    test_many_prefixes();
    test_csv();
    test_dns_suffixes();
    test_port_classes();
    test_sdp();
    test_sip_dialogs();
    test_media_lookup();
    test_h245_channels();
    test_dialling();
    test_dtmf();
    test_call_dialling();
    test_address_scope();
    test_sdp_origin_mismatch();
    test_private_addresses();
    test_media_paths();
    test_content_missing();
    test_media_sources();
    test_proxy_auth();
    test_cert_names();
    test_partial_rewrite();
    test_nat_trace();
    test_content_length();
    test_rewritten();
    test_h323_rewritten();
    test_finding_text_fit();
    test_reach();
    test_sip_uri();
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
