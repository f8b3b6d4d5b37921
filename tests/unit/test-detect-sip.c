/* test-detect-sip.c
 * Unit tests of findings/pexip-detect-sip.c: SDP origin, NAT traces, Content-Length, rewritten copies; and the copies store for SIP (model/pexip-copies.c).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "unit.h"
#include "pexip-detect-sip.h"
#include "pexip-detect-address.h"
#include "pexip-sdp.h"
#include "pexip-copies.h"

static gint
origin_mismatch(const char *text)
{
    pexip_sdp_t sdp;
    if (!pexip_sdp_parse(text, strlen(text), &sdp))
        return -2;
    return pexip_detect_sdp_origin_mismatch(&sdp);
}

static gint
nat_trace(const char *text)
{
    pexip_sdp_t sdp;
    if (!pexip_sdp_parse(text, strlen(text), &sdp))
        return -2;
    return pexip_detect_nat_trace(&sdp);
}

static pexip_body_check_t
body_check(guint32 content_length, const char *body, gboolean end_known)
{
    return pexip_detect_content_length(content_length, (const guint8 *)body, strlen(body),
                                       end_known);
}

static pexip_message_copies_t *
sip_copies_see(const char *identity, const pexip_sip_addresses_t *said, guint32 frame,
               gconstpointer *first)
{
    return pexip_copies_see(identity, said, &pexip_sip_addresses_kind, frame, first);
}

static void
test_sdp_origin_mismatch(void)
{
    /* c= rewritten to public, o= left private: the m-line */
    g_assert_true(origin_mismatch("v=0\r\no=- 1 1 IN IP4 10.20.30.40\r\nc=IN IP4 198.51.100.10\r\n"
                          "m=audio 20000 RTP/AVP 0\r\n") == 0);
    /* the other way round, on the second m-line's own c= */
    g_assert_true(origin_mismatch("v=0\r\no=- 1 1 IN IP4 198.51.100.10\r\nc=IN IP4 198.51.100.10\r\n"
                          "m=audio 20000 RTP/AVP 0\r\nm=video 20002 RTP/AVP 96\r\n"
                          "c=IN IP4 192.168.1.5\r\n") == 1);
    /* both public, both private, hold (0.0.0.0), a rejected m-line, o= a name */
    g_assert_true(origin_mismatch("v=0\r\no=- 1 1 IN IP4 198.51.100.10\r\nc=IN IP4 185.94.241.20\r\n"
                          "m=audio 20000 RTP/AVP 0\r\n") == -1);
    g_assert_true(origin_mismatch("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\nc=IN IP4 192.168.0.1\r\n"
                          "m=audio 20000 RTP/AVP 0\r\n") == -1);
    g_assert_true(origin_mismatch("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\nc=IN IP4 0.0.0.0\r\n"
                          "m=audio 20000 RTP/AVP 0\r\n") == -1);
    g_assert_true(origin_mismatch("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\nc=IN IP4 198.51.100.10\r\n"
                          "m=audio 0 RTP/AVP 0\r\n") == -1);
    g_assert_true(origin_mismatch("v=0\r\no=- 1 1 IN IP4 sbc.example.com\r\nc=IN IP4 198.51.100.10\r\n"
                          "m=audio 20000 RTP/AVP 0\r\n") == -1);
    /* IPv6: ULA origin, public connection */
    g_assert_true(origin_mismatch("v=0\r\no=- 1 1 IN IP6 fd00::5\r\nc=IN IP6 2001:db8::10\r\n"
                          "m=audio 20000 RTP/AVP 0\r\n") == 0);
}

static void
test_nat_trace(void)
{
    /* FortiGate's form, session level */
    g_assert_true(nat_trace("v=0\r\no=- 1 1 IN IP4 198.51.100.10\r\ns=-\r\ni=(o=IN IP4 10.20.30.40)\r\n"
                    "c=IN IP4 198.51.100.10\r\nt=0 0\r\nm=audio 20000 RTP/AVP 0\r\n") == 0);
    /* appended to the SBC's own i= text; the last literal counts; with a port */
    g_assert_true(nat_trace("v=0\r\ns=-\r\ni=call 42 from 203.0.113.9 (o=IN IP4 192.168.1.5:5060)\r\n"
                    "c=IN IP4 198.51.100.10\r\nm=audio 20000 RTP/AVP 0\r\n") == 0);
    /* media level, on the second m-line only */
    g_assert_true(nat_trace("v=0\r\ns=-\r\nc=IN IP4 198.51.100.10\r\nm=audio 20000 RTP/AVP 0\r\n"
                    "m=video 20002 RTP/AVP 96\r\ni=(o=IN IP6 fd00::5)\r\n") == 1);
    /* c= private (no rewrite), i= public, free text, rejected m-line, none */
    g_assert_true(nat_trace("v=0\r\ns=-\r\ni=(o=IN IP4 10.20.30.40)\r\nc=IN IP4 10.20.30.40\r\n"
                    "m=audio 20000 RTP/AVP 0\r\n") == -1);
    g_assert_true(nat_trace("v=0\r\ns=-\r\ni=(o=IN IP4 203.0.113.9)\r\nc=IN IP4 198.51.100.10\r\n"
                    "m=audio 20000 RTP/AVP 0\r\n") == -1);
    g_assert_true(nat_trace("v=0\r\ns=-\r\ni=Boardroom 4.2 call 20231115 dead:beef 10.1\r\n"
                    "c=IN IP4 198.51.100.10\r\nm=audio 20000 RTP/AVP 0\r\n") == -1);
    g_assert_true(nat_trace("v=0\r\ns=-\r\ni=(o=IN IP4 10.20.30.40)\r\nc=IN IP4 198.51.100.10\r\n"
                    "m=audio 0 RTP/AVP 0\r\n") == -1);
    g_assert_true(nat_trace("v=0\r\ns=-\r\nc=IN IP4 198.51.100.10\r\nm=audio 20000 RTP/AVP 0\r\n") == -1);
    /* an i= line that is all address characters and too long for one */
    g_assert_true(nat_trace("v=0\r\ns=-\r\ni=1111111111111111111111111111111111111111111111111111111111111111"
                    "11111111\r\nc=IN IP4 198.51.100.10\r\nm=audio 20000 RTP/AVP 0\r\n") == -1);
}

static void
test_content_length(void)
{
    const char *sdp = "v=0\r\no=- 1 1 IN IP4 198.51.100.10\r\nc=IN IP4 198.51.100.10\r\n"
                      "m=audio 20000 RTP/AVP 0\r\n";
    guint32 len = (guint32)strlen(sdp);
    g_assert_true(body_check(len, sdp, TRUE) == PEXIP_BODY_OK);
    g_assert_true(body_check(len, sdp, FALSE) == PEXIP_BODY_OK);
    /* SDP text past Content-Length (even a bare line end), and a body cut short */
    g_assert_true(body_check(len - 4, sdp, TRUE) == PEXIP_BODY_LONGER);
    g_assert_true(body_check(len - 2, sdp, TRUE) == PEXIP_BODY_LONGER);
    g_assert_true(body_check(len + 2, sdp, TRUE) == PEXIP_BODY_SHORTER);
    /* end unknown (TCP): lengths are not compared */
    g_assert_true(body_check(len - 4, sdp, FALSE) == PEXIP_BODY_OK);
    /* bytes past the length that are not SDP text (binary, or no line end): left alone */
    guint8 binary[256];
    memcpy(binary, sdp, len);
    memcpy(binary + len, "\x00\x01\x02\n", 4);
    g_assert_true(pexip_detect_content_length(len, binary, len + 4, TRUE) == PEXIP_BODY_OK);
    memcpy(binary + len, "abc", 3);
    g_assert_true(pexip_detect_content_length(len, binary, len + 3, TRUE) == PEXIP_BODY_OK);
    /* padding: a blank before the line end of o=/c=/m=, a run of two, after the last line */
    g_assert_true(body_check(0, "v=0\r\nc=IN IP4 198.51.100.10 \r\nm=audio 20000 RTP/AVP 0\r\n",
                     FALSE) == PEXIP_BODY_OK);      /* Content-Length 0: no body to read */
    const char *p1 = "v=0\r\nc=IN IP4 198.51.100.10 \r\nm=audio 20000 RTP/AVP 0\r\n";
    g_assert_true(body_check((guint32)strlen(p1), p1, TRUE) == PEXIP_BODY_PADDED);
    const char *p2 = "v=0\r\nc=IN IP4  198.51.100.10\r\nm=audio 20000 RTP/AVP 0\r\n";
    g_assert_true(body_check((guint32)strlen(p2), p2, FALSE) == PEXIP_BODY_PADDED);
    const char *p3 = "v=0\r\nm=audio 20000 RTP/AVP 0\r\n   ";
    g_assert_true(body_check((guint32)strlen(p3), p3, TRUE) == PEXIP_BODY_PADDED);
    /* free text lines may hold blanks: s=, i=, a= */
    const char *ok = "v=0\r\ns=Board  room \r\ni=a  b\r\nm=audio 20000 RTP/AVP 0\r\n"
                     "a=fmtp:101 0-15 \r\n";
    g_assert_true(body_check((guint32)strlen(ok), ok, TRUE) == PEXIP_BODY_OK);
    /* a last line without its line end is a line, not padding */
    const char *last = "v=0\r\nm=audio 20000 RTP/AVP 0";
    g_assert_true(body_check((guint32)strlen(last), last, TRUE) == PEXIP_BODY_OK);
    g_assert_true(body_check(0, "", TRUE) == PEXIP_BODY_OK);
}

static void
test_rewritten(void)
{
    pexip_media_address_t inside_media[2] = { { 4, { 10, 20, 30, 40 }, 20000 },
                                              { 4, { 10, 20, 30, 40 }, 20002 } };
    pexip_media_address_t outside_media[2] = { { 4, { 198, 51, 100, 10 }, 30000 },
                                               { 4, { 198, 51, 100, 10 }, 30002 } };
    pexip_sip_addresses_t inside = { "10.20.30.40", "10.20.30.40", inside_media, 1, 2,
                                     5060, 5060, 4, { 10, 20, 30, 40 } };
    pexip_sip_addresses_t outside = { "198.51.100.10", "198.51.100.10", outside_media, 1, 2,
                                      5060, 5060, 4, { 198, 51, 100, 10 } };
    g_assert_true(pexip_detect_rewritten(&inside, &outside) ==
          (PEXIP_REWRITE_VIA | PEXIP_REWRITE_CONTACT | PEXIP_REWRITE_ORIGIN |
           PEXIP_REWRITE_CONNECTION | PEXIP_REWRITE_PORT));
    /* unchanged (relayed, retransmitted); host names compare without case */
    g_assert_true(pexip_detect_rewritten(&inside, &inside) == 0);
    pexip_sip_addresses_t a = inside, b = inside;
    a.via = "SBC.example.com";
    b.via = "sbc.example.com";
    g_assert_true(pexip_detect_rewritten(&a, &b) == 0);
    /* a port only, a Contact missing in one copy, an m-line fewer */
    b = inside;
    b.via_port = 5062;
    g_assert_true(pexip_detect_rewritten(&inside, &b) == PEXIP_REWRITE_VIA);
    b = inside;
    b.contact = NULL;
    g_assert_true(pexip_detect_rewritten(&inside, &b) == PEXIP_REWRITE_CONTACT);
    b = inside;
    b.media_count = 1;
    g_assert_true(pexip_detect_rewritten(&inside, &b) == PEXIP_REWRITE_CONNECTION);
    /* a proxy's own Via: not an ALG, whatever else differs */
    b = outside;
    b.via_count = 2;
    g_assert_true(pexip_detect_rewritten(&inside, &b) == 0);

    /* the copies map: first copy, later copy, same frame again */
    wmem_allocator_t *scope = wmem_allocator_new(WMEM_ALLOCATOR_SIMPLE);
    pexip_copies_init(scope);
    g_assert_true(pexip_sip_identity(scope, "c1", "1 INVITE", NULL, "INVITE sip:x SIP/2.0", "a1",
                             NULL) == NULL);
    char *id = pexip_sip_identity(scope, "c1", "1 INVITE", "z9hG4bK1", "INVITE sip:x SIP/2.0",
                                  "a1", NULL);
    /* the parts, in order, each followed by a unit separator but the last */
    unit_assert_str(id, "c1\x1f" "1 INVITE\x1f" "z9hG4bK1\x1f" "INVITE sip:x SIP/2.0\x1f" "a1\x1f");
    unit_assert_str(pexip_sip_identity(scope, "c", "2 BYE", "b", "BYE sip:y SIP/2.0", "f", "t"),
                    "c\x1f" "2 BYE\x1f" "b\x1f" "BYE sip:y SIP/2.0\x1f" "f\x1f" "t");
    /* forked responses differ in their To tag only: two messages */
    g_assert_true(strcmp(pexip_sip_identity(scope, "c1", "1 INVITE", "z9hG4bK1", "SIP/2.0 183 Progress",
                                    "a1", "fa"),
                 pexip_sip_identity(scope, "c1", "1 INVITE", "z9hG4bK1", "SIP/2.0 183 Progress",
                                    "a1", "fb")) != 0);
    gconstpointer said;
    pexip_message_copies_t *c1 = sip_copies_see(id, &inside, 1, &said);
    g_assert_true(c1 && c1->first_frame == 1 && !said);
    g_assert_true(sip_copies_see(id, &outside, 1, &said) == c1 && !said);
    g_assert_true(sip_copies_see(id, &outside, 2, &said) == c1 && said);
    const pexip_sip_addresses_t *first = (const pexip_sip_addresses_t *)said;
    g_assert_true(first && strcmp(first->via, "10.20.30.40") == 0 && first->media_count == 2 &&
          first->media[1].port == 20002);
    c1->rewritten_frame = 2;
    pexip_copy_ref_t later = { c1, TRUE }, earlier = { c1, FALSE };
    g_assert_true(pexip_copy_other_frame(&later, 2) == 1);
    g_assert_true(pexip_copy_other_frame(&earlier, 1) == 2);
    g_assert_true(pexip_copy_other_frame(&earlier, 3) == 0);    /* an unchanged copy */
    /* a new message under the same identity: later copies compare with it */
    pexip_message_copies_t *c2 =
        pexip_copies_restart(id, &outside, &pexip_sip_addresses_kind, 5);
    g_assert_true(c2 && c2 != c1 && c2->first_frame == 5 && c2->rewritten_frame == 0);
    g_assert_true(c1->first_frame == 1 && c1->rewritten_frame == 2);
    g_assert_true(sip_copies_see(id, &inside, 6, &said) == c2 && said &&
          strcmp(((const pexip_sip_addresses_t *)said)->via, "198.51.100.10") == 0);
    pexip_copies_cleanup();
    g_assert_true(sip_copies_see(id, &inside, 3, &said) == NULL);
    wmem_destroy_allocator(scope);
}

/* pexip.nat.via_received: received= that is not the sent-by address. */
static void
test_via_received(void)
{
    guint8 family, addr[16];
    g_assert_true(pexip_detect_via_received("192.168.1.2", "80.230.219.70", &family, addr));
    g_assert_true(family == 4 && addr[0] == 80 && addr[3] == 70);
    /* the same address, however written */
    g_assert_false(pexip_detect_via_received("80.230.219.70", "80.230.219.70", &family, addr));
    g_assert_false(pexip_detect_via_received("2001:db8::1", "[2001:db8:0::1]", &family, addr));
    g_assert_false(pexip_detect_via_received("[2001:db8::1]", "2001:db8::1", &family, addr));
    g_assert_true(pexip_detect_via_received("[fd00::2]", "2001:db8::1", &family, addr));
    g_assert_true(family == 6 && addr[0] == 0x20 && addr[15] == 1);
    g_assert_true(pexip_detect_via_received("10.0.0.2", "2001:db8::1", &family, addr));
    /* none, or nothing to compare with */
    g_assert_false(pexip_detect_via_received("192.168.1.2", NULL, &family, addr));
    g_assert_false(pexip_detect_via_received("alice-pc.example.com", "80.230.219.70", &family,
                                             addr));
    g_assert_false(pexip_detect_via_received(NULL, "80.230.219.70", &family, addr));
    g_assert_false(pexip_detect_via_received("192.168.1.2", "", &family, addr));
    g_assert_false(pexip_detect_via_received("192.168.1.2", "nat.example.com", &family, addr));
    g_assert_false(pexip_detect_via_received("[]", "80.230.219.70", &family, addr));
}

/* pexip.sip.service_unanswered over UDP: the customer side's request to
 * the service, sent again, that nothing answered. */
static void
test_request_unanswered(void)
{
    pexip_sip_transaction_t t;
    memset(&t, 0, sizeof t);
    t.udp = TRUE;
    t.to_service = TRUE;
    t.sends = 2;
    g_assert_true(pexip_detect_request_unanswered(&t));
    t.sends = 5;
    g_assert_true(pexip_detect_request_unanswered(&t));
    t.sends = 1;                    /* once: maybe cut off by the capture's end */
    g_assert_false(pexip_detect_request_unanswered(&t));
    t.sends = 2;
    t.responses = 1;                /* a 100 Trying is an answer */
    g_assert_false(pexip_detect_request_unanswered(&t));
    t.responses = 0;
    t.udp = FALSE;                  /* TCP: the connection is judged instead */
    g_assert_false(pexip_detect_request_unanswered(&t));
    t.udp = TRUE;
    t.to_service = FALSE;           /* not to the service */
    g_assert_false(pexip_detect_request_unanswered(&t));
    t.to_service = TRUE;
    t.from_service = TRUE;          /* the service's own: refresh_unanswered's */
    g_assert_false(pexip_detect_request_unanswered(&t));
    g_assert_false(pexip_detect_request_unanswered(NULL));
}

/* Messages that say the same share one kept copy of what they said; any
 * difference (a string, a count, an m-line, the o= address) keeps its own. */
static void
test_shared_said(void)
{
    pexip_media_address_t media[2] = { { 4, { 10, 20, 30, 40 }, 20000 },
                                       { 4, { 10, 20, 30, 40 }, 20002 } };
    pexip_media_address_t media_again[2];
    memcpy(media_again, media, sizeof media);
    char via[] = "10.20.30.40", via_again[] = "10.20.30.40";
    pexip_sip_addresses_t invite = { via, "10.20.30.40", media, 1, 2, 5060, 5060, 4,
                                     { 10, 20, 30, 40 } };
    /* the re-INVITE: equal content in other buffers */
    pexip_sip_addresses_t reinvite = invite;
    reinvite.via = via_again;
    reinvite.media = media_again;
    wmem_allocator_t *scope = wmem_allocator_new(WMEM_ALLOCATOR_STRICT);
    pexip_copies_init(scope);
    gconstpointer said, first_invite, first_reinvite;
    g_assert_true(sip_copies_see("invite", &invite, 1, &said) && !said);
    g_assert_true(sip_copies_see("reinvite", &reinvite, 5, &said) && !said);
    /* what each said was kept, not pointed at */
    memset(media, 0, sizeof media);
    via[0] = 'X';
    g_assert_true(sip_copies_see("invite", &reinvite, 2, &first_invite) && first_invite);
    g_assert_true(sip_copies_see("reinvite", &reinvite, 6, &first_reinvite) && first_reinvite);
    g_assert_true(first_invite == first_reinvite);
    const pexip_sip_addresses_t *kept = (const pexip_sip_addresses_t *)first_invite;
    g_assert_true(strcmp(kept->via, "10.20.30.40") == 0 && kept->media != media_again &&
                  kept->media_count == 2 && kept->media[1].port == 20002 &&
                  kept->media[0].addr[0] == 10);

    /* one difference each: a kept copy of its own */
    pexip_media_address_t other_port[2];
    memcpy(other_port, media_again, sizeof other_port);
    other_port[1].port = 20004;
    pexip_sip_addresses_t variants[6];
    for (guint i = 0; i < G_N_ELEMENTS(variants); i++)
        variants[i] = reinvite;
    variants[0].contact = "10.20.30.41";
    variants[1].contact = NULL;
    variants[2].media = other_port;
    variants[3].media_count = 1;
    variants[4].via_count = 2;
    variants[5].origin_addr[3] = 41;
    for (guint i = 0; i < G_N_ELEMENTS(variants); i++) {
        char id[16];
        g_snprintf(id, sizeof id, "variant%u", i);
        g_assert_true(sip_copies_see(id, &variants[i], 10 + i, &said) && !said);
        g_assert_true(sip_copies_see(id, &reinvite, 20 + i, &said) && said);
        g_assert_true(said != first_invite);
        g_assert_true(pexip_detect_rewritten((const pexip_sip_addresses_t *)said,
                                             &variants[i]) ==
                      pexip_detect_rewritten(&variants[i], &variants[i]));
    }
    pexip_copies_cleanup();
    wmem_destroy_allocator(scope);
}

int
main(int argc, char **argv)
{
    unit_init(&argc, &argv);
    g_test_add_func("/detect-sip/sdp_origin_mismatch", test_sdp_origin_mismatch);
    g_test_add_func("/detect-sip/nat_trace", test_nat_trace);
    g_test_add_func("/detect-sip/content_length", test_content_length);
    g_test_add_func("/detect-sip/rewritten", test_rewritten);
    g_test_add_func("/detect-sip/shared_said", test_shared_said);
    g_test_add_func("/detect-sip/via_received", test_via_received);
    g_test_add_func("/detect-sip/request_unanswered", test_request_unanswered);
    return g_test_run();
}
