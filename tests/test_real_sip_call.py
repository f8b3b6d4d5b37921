"""A real SIP call between two real SIP user agents: every signalling and
media packet carries the call, and media carries the m-line of the SIP
message whose SDP announced its destination.

Capture: test-captures/baresip-call.pcap, recorded (not generated) by
test-captures/record/record_baresip_call.sh: two baresip 1.0.0 (Debian 12)
in two network namespaces, caller sip:alice@10.77.0.1 ("sbc" side), callee
sip:bob@10.77.0.2 ("service" side, auto-answer), SIP over UDP 5060, PCMU
audio (ausine) and VP8 video (fakevideo), RTCP on port + 1 (no rtcp-mux),
about 7 s of call, then BYE. 1010 frames.

Every literal below was read off the capture with plain tshark (no plugin):
  tshark -r test-captures/baresip-call.pcap -Y sip -T fields -e frame.number \\
      -e sip.Method -e sip.Status-Code -e sip.CSeq -e sip.Call-ID
  tshark -r test-captures/baresip-call.pcap -V -Y "frame.number == 3 || frame.number == 7" (the SDP)
  tshark -r test-captures/baresip-call.pcap -Y "rtp && !icmp" -T fields -e ip.dst -e udp.dstport | sort | uniq -c
  tshark -r test-captures/baresip-call.pcap -Y "rtcp && !icmp" -T fields -e frame.number -e ip.dst -e udp.dstport
Re-recording the capture changes all of them (ports, Call-ID, counts).
"""
import collections

import pytest

from conftest import WS, uat_row

CAPTURE = "baresip-call.pcap"
SERVICE = [uat_row("10.77.0.2/32", "service side")]

CALL_ID = "5f7a2bd2bd0109aa"
CALLER, CALLEE = "10.77.0.1", "10.77.0.2"

# SIP (all CSeq 42147 INVITE/ACK or 42148 BYE, one Call-ID). No 100 Trying:
# baresip answers at once.
INVITE, RINGING, OK, ACK, BYE, BYE_OK = 3, 4, 7, 10, 1003, 1004
SIP_FRAMES = [INVITE, RINGING, OK, ACK, BYE, BYE_OK]

# The SDP offer in the INVITE (frame 3), c=IN IP4 10.77.0.1:
#   m=audio 10032 RTP/AVP 0 101, m=video 10054 RTP/AVP 96 (VP8/90000)
# the SDP answer in the 200 OK (frame 7), c=IN IP4 10.77.0.2:
#   m=audio 20024 RTP/AVP 0 101, m=video 20062 RTP/AVP 96
# No a=rtcp-mux, so RTCP goes to port + 1.
# (destination address, RTP port) -> (kind, frame of the announcing SIP message, m-line)
ANNOUNCED = {
    (CALLER, 10032): ("audio", INVITE, 0),
    (CALLER, 10054): ("video", INVITE, 1),
    (CALLEE, 20024): ("audio", OK, 0),
    (CALLEE, 20062): ("video", OK, 1),
}

# RTCP frames (outside ICMP): 5, 6 (APP "PING" from the callee, sent after
# the 180 and *before* the 200 OK, to the ports the INVITE announced), 8, 9
# (the caller's PINGs after the 200 OK), 711-714 (SR+SDES), 1005-1009 (BYE+SDES).
RTCP_FRAMES = [5, 6, 8, 9, 711, 712, 713, 714, 1005, 1006, 1007, 1009]

# Neither SIP nor RTP/RTCP: ARP 1, 2, 727, 728; ICMP port unreachable 1008,
# 1010 (the callee's last RTCP BYEs hit the caller's already closed ports;
# tshark dissects the quoted UDP header and RTCP inside them).
OTHER_FRAMES = [1, 2, 727, 728, 1008, 1010]

# 142 VP8 packets hold exactly a whole first partition (S=1, PartID=0;
# baresip packetizes at the partition boundary). Wireshark 4.0's VP8
# dissector throws on each ("Malformed Packet: VP8"), with or without the
# plugin; 4.4 and later read them (WS.vp8_partition_start_malformed).
VP8_PARTITION_STARTS = 142

FIELDS = ["pexip.call", "pexip.call_id", "pexip.signaling", "pexip.media.kind",
          "pexip.media.setup_frame", "pexip.media.mline", "pexip.media.stream"]


def destinations(tshark):
    """frame -> (protocol, destination address, RTP port of the destination)
    for every RTP and RTCP frame, from Wireshark's own dissection."""
    rows = tshark.fields(CAPTURE, ["ip.dst", "udp.dstport", "rtp.ssrc"],
                         display_filter="(rtp || rtcp) && !icmp")
    dest = {}
    for frame, ip_dst, port, ssrc in rows:
        if ssrc:
            dest[frame] = ("rtp", ip_dst, int(port))
        else:
            dest[frame] = ("rtcp", ip_dst, int(port) - 1)
    return dest


@pytest.fixture(scope="module")
def plugin_rows(tshark):
    return tshark.fields(CAPTURE, FIELDS, options=SERVICE)


def test_capture_is_what_the_literals_describe(tshark):
    """The literals above, checked against plain dissection."""
    assert tshark.frames(CAPTURE, "sip") == SIP_FRAMES
    assert tshark.frames(CAPTURE, "rtcp && !icmp") == RTCP_FRAMES
    assert tshark.frames(CAPTURE, "!(rtp || rtcp || sip) || icmp") == OTHER_FRAMES
    rows = tshark.fields(CAPTURE, ["sip.Call-ID"])
    assert {r[1] for r in rows} == {CALL_ID}
    dest = destinations(tshark)
    assert len(dest) == 1010 - len(SIP_FRAMES) - len(OTHER_FRAMES) == 998
    assert collections.Counter(dest.values()) == {
        ("rtp", CALLER, 10032): 351, ("rtp", CALLEE, 20024): 351,
        ("rtp", CALLER, 10054): 142, ("rtp", CALLEE, 20062): 142,
        ("rtcp", CALLER, 10032): 3, ("rtcp", CALLEE, 20024): 3,
        ("rtcp", CALLER, 10054): 3, ("rtcp", CALLEE, 20062): 3,
    }


def test_sip_frames_carry_call_one(plugin_rows):
    sip = [r for r in plugin_rows if r[0] in SIP_FRAMES]
    assert sip == [[f, "1", CALL_ID, "SIP", "", "", "", ""] for f in SIP_FRAMES]


def test_call_one_is_every_sip_and_media_frame(tshark):
    calls = tshark.fields(CAPTURE, ["pexip.call"], options=SERVICE)
    assert {r[1] for r in calls} == {"1"}
    assert tshark.frames(CAPTURE, "pexip.call == 1 && sip", options=SERVICE) == SIP_FRAMES
    assert tshark.frames(CAPTURE, "pexip.call == 1", options=SERVICE) == \
        [f for f in range(1, 1011) if f not in OTHER_FRAMES]


def test_media_links_to_the_message_that_announced_its_destination(tshark, plugin_rows):
    dest = destinations(tshark)
    media = {r[0]: r[1:] for r in plugin_rows if r[0] not in SIP_FRAMES}
    assert sorted(media) == sorted(dest)
    expected = {}
    for frame, (_, ip_dst, port) in dest.items():
        kind, setup, mline = ANNOUNCED[(ip_dst, port)]
        expected[frame] = ["1", CALL_ID, "SIP", kind, str(setup), str(mline), str(mline + 1)]
    assert media == expected


def test_early_rtcp_before_the_answer(plugin_rows):
    """The callee's first RTCP (frames 5, 6) precedes the 200 OK (frame 7):
    it goes to ports the INVITE announced."""
    rows = {r[0]: r[1:] for r in plugin_rows}
    assert rows[5] == ["1", CALL_ID, "SIP", "audio", "3", "0", "1"]   # to 10.77.0.1:10033
    assert rows[6] == ["1", CALL_ID, "SIP", "video", "3", "1", "2"]   # to 10.77.0.1:10055
    assert rows[8] == ["1", CALL_ID, "SIP", "audio", "7", "0", "1"]   # to 10.77.0.2:20025
    assert rows[9] == ["1", CALL_ID, "SIP", "video", "7", "1", "2"]   # to 10.77.0.2:20063
    # the RTCP BYEs after the SIP BYE still belong to the call
    assert rows[1005] == ["1", CALL_ID, "SIP", "audio", "7", "0", "1"]
    assert rows[1009] == ["1", CALL_ID, "SIP", "video", "3", "1", "2"]


def test_media_counts_per_kind_and_setup_frame(plugin_rows):
    counts = collections.Counter((r[4], int(r[5]), int(r[6]), int(r[7]))
                                 for r in plugin_rows if r[4])
    assert counts == {
        ("audio", INVITE, 0, 1): 354,   # 351 RTP to 10032 + 3 RTCP to 10033
        ("audio", OK, 0, 1): 354,       # 351 RTP to 20024 + 3 RTCP to 20025
        ("video", INVITE, 1, 2): 145,   # 142 RTP to 10054 + 3 RTCP to 10055
        ("video", OK, 1, 2): 145,       # 142 RTP to 20062 + 3 RTCP to 20063
    }
    rtcp = collections.Counter((r[4], int(r[5])) for r in plugin_rows if r[0] in RTCP_FRAMES)
    assert rtcp == {("audio", INVITE): 3, ("audio", OK): 3, ("video", INVITE): 3, ("video", OK): 3}


def test_cross_check_with_wiresharks_rtp_setup_frame(tshark):
    """Wireshark 4.0 sets up both directions' RTP (and RTCP) conversations
    with the offer's frame, the INVITE (3). The plugin agrees for media to
    the caller (the INVITE announced those ports) and names the 200 OK (7)
    for media to the callee, whose ports only the answer announced."""
    rows = tshark.fields(CAPTURE, ["rtp.setup-frame", "pexip.media.setup_frame", "udp.dstport",
                                   "pexip.call_id", "rtp.setup-method"],
                         options=SERVICE, display_filter="rtp && !icmp")
    assert len(rows) == 986
    assert {r[1] for r in rows} == {str(INVITE)}
    assert {r[5] for r in rows} == {"SDP"}
    to_caller = [r for r in rows if r[3] in ("10032", "10054")]
    to_callee = [r for r in rows if r[3] in ("20024", "20062")]
    assert len(to_caller) == len(to_callee) == 493
    assert [r for r in to_caller if r[2] != r[1]] == []
    assert {r[2] for r in to_callee} == {str(OK)}
    # the Call-ID of Wireshark's setup frame is the plugin's call_id
    assert {r[4] for r in rows} == {CALL_ID}
    # compound RTCP: one rtcp.setup-frame per RTCP packet in it
    rtcp = tshark.fields(CAPTURE, ["rtcp.setup-frame"], display_filter="rtcp && !icmp")
    assert [r[0] for r in rtcp] == RTCP_FRAMES
    assert {s for r in rtcp for s in r[1].split(",")} == {str(INVITE)}


def test_other_frames_carry_no_call(tshark):
    assert tshark.frames(CAPTURE, "!pexip.call", options=SERVICE) == OTHER_FRAMES
    assert tshark.frames(CAPTURE, "pexip.call_id || pexip.media.kind", options=SERVICE) == \
        [f for f in range(1, 1011) if f not in OTHER_FRAMES]


def test_icmp_errors_quoting_rtcp_are_icmp_not_media(tshark):
    """1008 and 1010 quote the callee's RTCP: their ports are the quoted
    packet's, so they are class icmp and carry no call."""
    rows = tshark.fields(CAPTURE, ["pexip.port_class", "pexip.call"], options=SERVICE,
                         display_filter="icmp")
    assert rows == [[1008, "icmp", ""], [1010, "icmp", ""]]


def test_second_pass_gives_the_same_linking(tshark, plugin_rows):
    assert tshark.fields(CAPTURE, FIELDS, options=SERVICE, two_pass=True) == plugin_rows


def test_nothing_is_tagged_without_the_service_range(tshark):
    """10.77.0.0/24 is private: not in the default service table."""
    assert tshark.frames(CAPTURE, "pexip") == []
    assert tshark.fields(CAPTURE, FIELDS) == []


def test_the_plugin_adds_no_malformed_packet_or_expert_info(tshark):
    """The only malformed frames are Wireshark's own VP8 ones (see
    VP8_PARTITION_STARTS), the same without the plugin, with it, with the
    service range or without."""
    starts = tshark.frames(CAPTURE, "vp8.pld.s == 1 && vp8.pld.partid == 0")
    assert len(starts) == VP8_PARTITION_STARTS
    malformed = starts if WS.vp8_partition_start_malformed else []
    assert tshark.frames(CAPTURE, "_ws.malformed", bare=True) == malformed
    assert tshark.frames(CAPTURE, "_ws.malformed") == malformed
    assert tshark.frames(CAPTURE, "_ws.malformed", options=SERVICE) == malformed
    # Not even the ICMP port unreachables at the end (1008, 1010): they
    # quote RTCP the callee sent after the BYE (1003), when the caller had
    # closed its ports: stray packets of a call that ended.
    # (Wireshark's own ICMP note on an ICMP error, from 4.6 on, is all.)
    assert tshark.frames(CAPTURE, "icmp", options=SERVICE) == [1008, 1010]
    icmp_notes = [1008, 1010] if WS.icmp_error else []
    assert tshark.frames(CAPTURE, "_ws.expert && !vp8", options=SERVICE) == icmp_notes
    # Nor once the capture has been read: audio and video flowed both ways.
    assert tshark.fields(CAPTURE, ["_ws.expert.message"], options=SERVICE, two_pass=True,
                         display_filter="pexip && _ws.expert && !vp8") == \
        [[f, ",".join(m for m, _ in WS.icmp_error)] for f in icmp_notes]
    assert tshark.frames(CAPTURE, "_ws.expert && !vp8") == icmp_notes
