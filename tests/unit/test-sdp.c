/* test-sdp.c
 * Unit tests of model/pexip-sdp.c and pexip-media.c: the SDP reader, media kinds and directions.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "unit.h"
#include "pexip-sdp.h"
#include "pexip-media.h"

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
    g_assert_true(parse_sdp(
        "v=0\r\no=- 1 1 IN IP4 10.0.0.5\r\ns=-\r\nc=IN IP4 198.51.100.10\r\nt=0 0\r\n"
        "a=sendonly\r\n"
        "m=audio 20000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n"
        "m=video 20002 RTP/SAVP 96\r\nc=IN IP4 198.51.100.11\r\na=sendrecv\r\na=content:main\r\n"
        "m=video 20004 UDP/TLS/RTP/SAVPF 97\r\na=content:slides\r\na=rtcp-mux\r\n"
        "m=application 5070 TCP/BFCP *\r\na=floorctrl:c-s\r\na=confid:4321\r\na=userid:1234\r\n"
        "a=floorid:1 mstrm:3\r\n"
        "m=image 0 udptl t38\r\n"
        "m=text 30000 RTP/AVP 98\r\n", &sdp));
    g_assert_true(sdp.count == 6);
    g_assert_true(addr_is(sdp.origin_family, sdp.origin_addr, "10.0.0.5"));
    unit_assert_str(pexip_media_kind_name(sdp.mlines[0].kind), "audio");
    g_assert_true(sdp.mlines[0].port == 20000 && !sdp.mlines[0].tcp);
    g_assert_true(addr_is(sdp.mlines[0].family, sdp.mlines[0].addr, "198.51.100.10"));
    unit_assert_str(pexip_direction_name(sdp.mlines[0].direction), "sendonly");
    unit_assert_str(pexip_media_kind_name(sdp.mlines[1].kind), "video");
    g_assert_true(addr_is(sdp.mlines[1].family, sdp.mlines[1].addr, "198.51.100.11"));
    unit_assert_str(pexip_direction_name(sdp.mlines[1].direction), "sendrecv");
    unit_assert_str(sdp.mlines[1].transport, "RTP/SAVP");
    unit_assert_str(pexip_media_kind_name(sdp.mlines[2].kind), "content");
    g_assert_true(sdp.mlines[2].rtcp_mux);
    unit_assert_str(pexip_media_kind_name(sdp.mlines[3].kind), "bfcp");
    g_assert_true(sdp.mlines[3].tcp && sdp.mlines[3].port == 5070);
    unit_assert_str(sdp.mlines[3].floorctrl, "c-s");
    unit_assert_str(sdp.mlines[3].confid, "4321");
    unit_assert_str(sdp.mlines[3].userid, "1234");
    g_assert_true(sdp.mlines[3].floor_mstrm_label == 3);
    unit_assert_str(pexip_media_kind_name(sdp.mlines[4].kind), "t38");
    g_assert_true(sdp.mlines[4].port == 0);
    unit_assert_str(pexip_media_kind_name(sdp.mlines[5].kind), "other");

    /* A floor's mstrm names the content m-line by its label. */
    g_assert_true(parse_sdp("v=0\nc=IN IP6 2001:db8::5\nm=video 4000 RTP/AVP 96\na=label:12\n"
                    "m=application 4002 UDP/BFCP *\na=floorid:2 mstrm:12\na=inactive\n", &sdp));
    unit_assert_str(pexip_media_kind_name(sdp.mlines[0].kind), "content");
    g_assert_true(addr_is(sdp.mlines[0].family, sdp.mlines[0].addr, "2001:db8::5"));
    unit_assert_str(pexip_direction_name(sdp.mlines[1].direction), "inactive");
    g_assert_true(!pexip_direction_receives(PEXIP_DIR_SENDONLY));
    g_assert_true(pexip_direction_receives(PEXIP_DIR_RECVONLY));

    /* Garbage and truncation never fail or overrun. */
    g_assert_true(!parse_sdp("", &sdp));
    g_assert_true(!parse_sdp("v=0\r\nc=IN IP4\r\n", &sdp));
    g_assert_true(parse_sdp("m=\nm=audio\nm=audio x\nc=IN IP4 999.1.1.1\nc=IN\na=\na=floorid:\n", &sdp));
    g_assert_true(sdp.count == 3 && sdp.mlines[2].family == 0);
    GString *many = g_string_new(NULL);
    for (int i = 0; i < 40; i++)
        g_string_append_printf(many, "m=audio %d RTP/AVP 0\r\n", 1000 + i);
    g_assert_true(parse_sdp(many->str, &sdp) && sdp.count == PEXIP_SDP_MAX_MLINES);
    g_string_free(many, TRUE);
    const char *cut = "m=audio 5000 RTP/AVP 0\r\nc=IN IP4 192.0.2.1";
    g_assert_true(pexip_sdp_parse(cut, strlen(cut) - 4, &sdp) && sdp.mlines[0].family == 0);
}

/* The body ends inside "a=floorid:1 mstrm:12" (no line end): the label is
 * read up to the end of the body and no further (found by fuzz/fuzz-sdp:
 * strtol() read on past the body). The bytes after it are digits, as the
 * next packet's could be; in an exact-size buffer, the sanitized build
 * sees any read past its end. */
static void
test_sdp_ends_in_a_number(void)
{
    const char *text = "m=video 4000 RTP/AVP 96\na=label:1\n"
                       "m=application 4002 UDP/BFCP *\na=floorid:2 mstrm:1" "2345";
    gsize len = strlen(text) - 4;
    pexip_sdp_t sdp;
    g_assert_true(pexip_sdp_parse(text, len, &sdp) && sdp.count == 2);
    g_assert_cmpint(sdp.mlines[1].floor_mstrm_label, ==, 1);
    unit_assert_str(pexip_media_kind_name(sdp.mlines[0].kind), "content");

    char *exact = g_memdup2(text, len);
    g_assert_true(pexip_sdp_parse(exact, len, &sdp) && sdp.mlines[1].floor_mstrm_label == 1);
    g_free(exact);
}

int
main(int argc, char **argv)
{
    unit_init(&argc, &argv);
    g_test_add_func("/sdp/sdp", test_sdp);
    g_test_add_func("/sdp/ends-in-a-number", test_sdp_ends_in_a_number);
    return g_test_run();
}
