"""Expert infos (issue 5): each finding fires on exactly the frames of its
capture and stays silent on its healthy twin, on every other generated
capture and on the public real-world captures.
Captures: test-captures/gen/alg_calls.py (frame numbers in its comments)."""
import os

import pytest

from conftest import CAPTURES, PUBLIC_CAPTURES, uat_row
from test_media_findings import MEDIA
from test_reachability import REACHABILITY
from test_unanswered import UNANSWERED

FINDINGS = ["pexip.alg.sdp_origin_mismatch", "pexip.nat.private_address",
            "pexip.nat.via_received",
            "pexip.proxy.auth_unsupported", "pexip.proxy.connect_failed",
            "pexip.proxy.tls_intercepted",
            "pexip.alg.partial_rewrite", "pexip.alg.nat_trace", "pexip.alg.content_length",
            "pexip.alg.rewritten", "pexip.alg.h323_address"]
# Every finding, and which generated captures show one at all (the rest
# must not, on either pass). The media findings are tested in
# test_media_findings.py, the proxy findings' frames and texts in
# test_proxy.py.
ALL_FINDINGS = FINDINGS + MEDIA + REACHABILITY + UNANSWERED
SHOWING = {"alg-sdp-origin.pcap", "nat-private-address.pcap", "media-missing.pcap",
           "media-one-way.pcap", "content-missing.pcap", "media-icmp.pcap",
           "refresh-unanswered.pcap", "refresh-tcp-no-answer.pcap", "refresh-tcp-refused.pcap",
           "h323-h245-unreachable.pcap", "proxy-auth-digest.pcap",
           "proxy-auth-ntlm-credentials.pcap", "proxy-connect-failed.pcap",
           "proxy-tls-intercepted.pcap", "alg-partial-rewrite.pcap", "alg-nat-trace.pcap",
           "alg-content-length.pcap", "alg-rewritten.pcap", "alg-rewritten-nat-only.pcap",
           "nat-h323-private.pcap", "alg-h323-address.pcap", "alg-h323-rewritten.pcap",
           "alg-h323-rewritten-nat-only.pcap", "nat-register-inside.pcap",
           "nat-register-outside.pcap", "nat-redirect.pcap", "sip-service-unanswered.pcap",
           "webrtc-udp-blocked.pcap", "webrtc-turn-refused.pcap",
           # recorded through the Linux kernel's ALGs (test_real_alg.py); their
           # outside-only captures with the helpers on are silent
           "alg-kernel-sip.pcap", "alg-kernel-sip-nat-only.pcap",
           "alg-kernel-sip-nat-only-outside.pcap", "alg-kernel-h323.pcap",
           "alg-kernel-h323-nat-only.pcap", "alg-kernel-h323-nat-only-outside.pcap"}
WARNING, NOTE = str(0x00600000), str(0x00400000)


def expert_rows(tshark, capture, two_pass=False, findings=FINDINGS, **kwargs):
    return tshark.fields(capture, ["_ws.expert.message", "_ws.expert.severity"],
                         display_filter=" || ".join(findings), two_pass=two_pass, **kwargs)


def test_sdp_origin_mismatch_fires_once_on_the_rewritten_invite(tshark):
    text = ("SDP o=10.20.30.40 (private) but audio c=198.51.100.10 (public): a SIP ALG "
            "rewrote the SDP and left o=. Turn off SIP ALG/inspection on the firewall; "
            "let the SBC do NAT")
    # Frame 1; not again on the hold (6, c=0.0.0.0) or the resume (8, same rewrite).
    assert tshark.frames("alg-sdp-origin.pcap", "pexip.alg.sdp_origin_mismatch") == [1]
    rows = expert_rows(tshark, "alg-sdp-origin.pcap")
    # o= private is not a NAT finding (o= names the originator, nothing is sent to it)
    assert rows == [[1, text, WARNING]]
    assert expert_rows(tshark, "alg-sdp-origin.pcap", two_pass=True) == rows
    # tshark -z expert counts it without any field named
    _, out, _ = tshark.run(["-r", tshark.capture("alg-sdp-origin.pcap"), "-q", "-z", "expert,warn"])
    assert "Warns (1)" in out and text in out


def test_sdp_origin_healthy_twin_is_silent(tshark):
    assert tshark.frames("alg-sdp-origin-healthy.pcap", "pexip.alg.sdp_origin_mismatch") == []
    assert tshark.frames("alg-sdp-origin-healthy.pcap",
                         "_ws.expert && pexip && _ws.expert.severity >= warning") == []


GENERATED = sorted(f for f in os.listdir(CAPTURES) if f.endswith(".pcap"))


def test_private_addresses_from_a_public_source(tshark):
    text = ("From public 198.51.100.10 but private Via 10.20.30.40, Contact 10.20.30.40, "
            "SDP c= 10.20.30.40: NAT with nothing fixing up SIP. Give the SBC its public "
            "address for signalling and media, or the far end must latch")
    # The INVITE; not the ACK or BYE (once per call), not the service's 200 OK
    # (it echoes the private Via, but a response's Via is the requester's).
    rows = expert_rows(tshark, "nat-private-address.pcap")
    assert rows == [[1, text, NOTE]]
    assert expert_rows(tshark, "nat-private-address.pcap", two_pass=True) == rows
    assert tshark.frames("nat-private-address.pcap", "pexip.nat.private_address") == [1]


def test_private_addresses_healthy_twin_is_silent(tshark):
    assert tshark.frames("nat-private-address-healthy.pcap", "_ws.expert && pexip") == []


def test_h323_private_addresses_from_a_public_source(tshark):
    text = ("From public 198.51.100.10 but private h245Address 10.20.30.50, "
            "sourceCallSignalAddress 10.20.30.50: NAT with nothing fixing up H.323. Give the "
            "device its public (NAT) address, or the far end must latch")
    # The Setup (4); not again for the OLC (11) and OLC-Ack (14) that name
    # 10.20.30.50 for media (once per call); the service's messages are
    # not checked.
    for two_pass in (False, True):
        assert expert_rows(tshark, "nat-h323-private.pcap", two_pass=two_pass) == [[4, text, NOTE]]


def test_h323_partial_rewrite(tshark):
    text = ("From public 198.51.100.10: h245Address rewritten to it but sourceCallSignalAddress "
            "10.20.30.50 left private: an H.323 ALG rewrote part of the message. Turn off H.323 "
            "ALG/inspection on the firewall")
    for two_pass in (False, True):
        assert expert_rows(tshark, "alg-h323-address.pcap", two_pass=two_pass) == \
            [[4, text, WARNING]]
    # Not also the NAT note.
    assert tshark.frames("alg-h323-address.pcap", "pexip.nat.private_address") == []


def test_h323_address_healthy_twin_is_silent(tshark):
    # The endpoint names its public address everywhere.
    assert expert_rows(tshark, "nat-h323-healthy.pcap", findings=ALL_FINDINGS, two_pass=True) == []


def test_partial_rewrite(tshark):
    text = ("From public 198.51.100.10: Via, Contact rewritten to it but SDP c= 10.20.30.40 "
            "left private: a SIP ALG rewrote part of the message. Turn off SIP ALG/inspection "
            "on the firewall; let the SBC do NAT")
    # The INVITE only: not the re-INVITE (6, once per call); and no NAT note on
    # either (their private SDP is the ALG's leftover, not NAT without fix-up).
    rows = expert_rows(tshark, "alg-partial-rewrite.pcap")
    assert rows == [[1, text, WARNING]]
    assert expert_rows(tshark, "alg-partial-rewrite.pcap", two_pass=True) == rows
    assert tshark.frames("alg-partial-rewrite.pcap", "pexip.nat.private_address") == []


def test_partial_rewrite_healthy_twin_is_silent(tshark):
    assert tshark.frames("alg-partial-rewrite-healthy.pcap", "_ws.expert && pexip") == []


def test_nat_trace(tshark):
    text = ("SDP i= holds private 10.20.30.40 while audio c=198.51.100.10: a SIP ALG rewrote "
            "the SDP and kept the original address. Turn off SIP ALG/inspection on the "
            "firewall; let the SBC do NAT")
    # i=(o=IN IP4 10.20.30.40) in the INVITE; not again on the re-INVITE (6).
    rows = expert_rows(tshark, "alg-nat-trace.pcap")
    assert rows == [[1, text, WARNING]]
    assert expert_rows(tshark, "alg-nat-trace.pcap", two_pass=True) == rows


def test_nat_trace_healthy_twin_is_silent(tshark):
    # An i= line of free text with numbers and the public address in it.
    assert tshark.frames("alg-nat-trace-healthy.pcap", "_ws.expert && pexip") == []


def test_content_length(tshark):
    todo = ": a SIP ALG changed the body and not the length. Turn off SIP ALG/inspection " \
           "on the firewall; let the SBC do NAT"
    padded = ("SDP padded with spaces to keep Content-Length 120: a SIP ALG rewrote the body. "
              "Turn off SIP ALG/inspection on the firewall; let the SBC do NAT")
    rows = expert_rows(tshark, "alg-content-length.pcap")
    assert rows == [
        # 10.20.30.40 -> 198.51.100.10 in o= and c=: 4 bytes past Content-Length,
        # in no Wireshark item; not again on the re-INVITE (4)
        [1, "Content-Length 114 but the SDP body has 118 bytes" + todo, WARNING],
        # 10.200.130.140 -> 198.51.100.10: the datagram ends 2 bytes early
        [6, "Content-Length 120 but the SDP body has 118 bytes" + todo, WARNING],
        # the same rewrite padded inside o= and c= (a blank before the line end)
        [9, padded, WARNING],
        # padded after the last line: Wireshark's own note comes first
        [12, "Invalid SDP line (no '=' delimiter)," + padded, "%d,%s" % (0x00400000, WARNING)],
    ]
    assert expert_rows(tshark, "alg-content-length.pcap", two_pass=True) == rows
    # Wireshark alone: only the padding after the last line is malformed to it;
    # the longer and shorter bodies pass without a word on UDP.
    assert tshark.frames("alg-content-length.pcap", "_ws.malformed", bare=True) == [12]
    assert tshark.frames("alg-content-length.pcap", "_ws.expert", bare=True) == [12]


def test_content_length_healthy_twin_is_silent(tshark):
    # Each INVITE frame ends in 4 bytes after the IP packet (Wireshark shows
    # them as an unverified FCS): the frame's end is not the body's, the UDP
    # length is.
    assert tshark.frames("alg-content-length-healthy.pcap", "eth.fcs", bare=True) == [1, 6, 9, 12]
    assert tshark.frames("alg-content-length-healthy.pcap", "_ws.expert && pexip") == []


def other_frames(tshark, capture, two_pass=False, **kwargs):
    return tshark.fields(capture, ["pexip.alg.other_frame"], two_pass=two_pass, **kwargs)


def test_rewritten_between_two_capture_points(tshark):
    # Inside (10.20.30.40, odd frames going out) and outside (198.51.100.10)
    # of a firewall whose ALG rewrote every address and the media port,
    # merged with mergecap. Frame 2, the outside INVITE, shows it, once per
    # call; frame 1 alone (private source) and frame 2 alone (all public)
    # would show nothing.
    text = ("INVITE also in frame 1 with other Via, Contact, SDP o=, c=, m= port "
            "(10.20.30.40 there, 198.51.100.10 here): a SIP ALG rewrote it on the way. "
            "Turn off SIP ALG/inspection on the firewall; let the SBC do NAT")
    rows = expert_rows(tshark, "alg-rewritten.pcap")
    assert rows == [[2, text, WARNING]]
    assert expert_rows(tshark, "alg-rewritten.pcap", two_pass=True) == rows
    # Nothing else: each capture point's copy of the RTP (7 inside, 8
    # outside) comes from what that point's copy of the INVITE announced;
    # the other copy is the same side, not the other side's announcement.
    for two_pass in (False, True):
        assert expert_rows(tshark, "alg-rewritten.pcap", two_pass=two_pass,
                           findings=ALL_FINDINGS) == rows
    # Every SIP message's later copy points at the earlier one (the 200 OKs
    # come in: outside first, and their Via went back to the inside address);
    # RTP (7-10) carries none.
    later = [[2, "1"], [4, "3"], [6, "5"], [12, "11"], [14, "13"]]
    assert other_frames(tshark, "alg-rewritten.pcap") == later
    # Once the capture has been read (tshark -2, the GUI), the earlier copy
    # points at the later one too.
    assert other_frames(tshark, "alg-rewritten.pcap", two_pass=True) == [
        [1, "2"], [2, "1"], [3, "4"], [4, "3"], [5, "6"], [6, "5"],
        [11, "12"], [12, "11"], [13, "14"], [14, "13"]]


def test_rewritten_twin_nat_only(tshark):
    # The firewall NATs the IP header and leaves SIP alone: both copies say
    # 10.20.30.40. Not rewritten; only the NAT note on the outside INVITE.
    nat = ("From public 198.51.100.10 but private Via 10.20.30.40, Contact 10.20.30.40, "
           "SDP c= 10.20.30.40: NAT with nothing fixing up SIP. Give the SBC its public "
           "address for signalling and media, or the far end must latch")
    for two_pass in (False, True):
        assert expert_rows(tshark, "alg-rewritten-nat-only.pcap", two_pass=two_pass) == \
            [[2, nat, NOTE]]
        assert other_frames(tshark, "alg-rewritten-nat-only.pcap", two_pass=two_pass) == []


@pytest.mark.parametrize("capture", ["alg-rewritten-relayed.pcap", "alg-rewritten-proxy-hop.pcap"])
def test_rewritten_twins_silent(tshark, capture):
    # relayed: the same message on both sides, unchanged (a routing firewall).
    # proxy hop: a proxying SBC adds its own Via (new top branch, one Via
    # more), Contact and SDP: another message, not an ALG. With every
    # address a service address, the inside leg (phone to SBC) is read too.
    everything = [uat_row("0.0.0.0/0", "all")]
    for options in ((), everything):
        for two_pass in (False, True):
            assert tshark.frames(capture, "_ws.expert && pexip", options=options) == []
            assert other_frames(tshark, capture, two_pass=two_pass, options=options) == []


H323_TODO = (": an H.323 ALG rewrote it on the way. Turn off H.323 ALG/inspection (H.323 fixup) "
             "on the firewall")
EVERYTHING = [uat_row("0.0.0.0/0", "all")]


def test_h323_rewritten_between_two_capture_points(tshark):
    # Three calls of a device (10.20.30.50) behind a firewall (198.51.100.10)
    # whose H.323 ALG rewrites what the device embeds, captured inside and
    # outside and merged: each packet twice, the copy from the side it comes
    # from first. One finding a call, on the first rewritten copy: the outside
    # Setup (8), the outside Facility tunnelling OLC 1 (40; that call's Setup
    # names no address of the device), the outside FastStart Setup (54).
    # Each copy alone is clean (the outside ones name the public source).
    rows = [
        [8, "H.225 Setup also in frame 7 with other h245Address, sourceCallSignalAddress "
            "(10.20.30.50:5050 there, 198.51.100.10:5050 here)" + H323_TODO, WARNING],
        [40, "H.245 OpenLogicalChannel 1 also in frame 39 with other mediaControlChannel "
             "(10.20.30.50:5015 there, 198.51.100.10:5015 here)" + H323_TODO, WARNING],
        [54, "H.225 Setup also in frame 53 with other fastStart channel "
             "(10.20.30.50:5025 there, 198.51.100.10:5025 here)" + H323_TODO, WARNING],
    ]
    for options in ((), EVERYTHING):
        for two_pass in (False, True):
            assert expert_rows(tshark, "alg-h323-rewritten.pcap", two_pass=two_pass,
                               findings=ALL_FINDINGS, options=options) == rows
    # Every rewritten copy points at the first: H.245 OLC 1 and OLC-Ack 101
    # on their own connection (20, 26) and tunnelled (44), and the IVR's
    # FastStart Connect, whose inside copy (56) the ALG translated back to
    # the device's address. The IVR's own messages (CallProceeding, OLC-Ack
    # 1, OLC 101) and the ReleaseCompletes are the same in both copies.
    later = [[8, "7"], [20, "19"], [26, "25"], [40, "39"], [44, "43"], [54, "53"], [56, "55"]]
    assert other_frames(tshark, "alg-h323-rewritten.pcap") == later
    # Once the capture has been read, the first copies point back.
    assert other_frames(tshark, "alg-h323-rewritten.pcap", two_pass=True) == sorted(
        later + [[int(first), str(frame)] for frame, first in later])


def test_h323_two_points_h245_connection_twice(tshark):
    # Wireshark alone hands the IVR's h245Address (from the Connect) to H.245
    # for the first connection to it only: the outside copy of the H.245
    # connection (20-26) is no H.245 to it, and frame 20 even a malformed
    # Q.931 message. The plugin makes every connection to it H.245.
    channels = "h245.openLogicalChannel_element || h245.openLogicalChannelAck_element"
    for capture in ("alg-h323-rewritten.pcap", "alg-h323-rewritten-nat-only.pcap"):
        assert tshark.frames(capture, channels, bare=True) == [19, 22, 24, 25] + \
            list(range(39, 45))
        assert tshark.frames(capture, "_ws.malformed || _ws.expert.severity >= warning",
                             bare=True) == [20]
        assert tshark.frames(capture, channels) == list(range(19, 27)) + list(range(39, 45))
        assert tshark.frames(capture, "_ws.malformed || (_ws.expert.severity >= warning && "
                                      "!pexip.alg.rewritten)") == []


def test_h323_rewritten_twin_nat_only(tshark):
    # The firewall NATs the IP header and leaves H.323 alone: both copies name
    # 10.20.30.50. Not rewritten; the outside copy that first names the
    # private address from the public one is the NAT note, once per call.
    nat = ("From public 198.51.100.10 but private %s: NAT with nothing fixing up H.323. Give "
           "the device its public (NAT) address, or the far end must latch")
    for two_pass in (False, True):
        assert expert_rows(tshark, "alg-h323-rewritten-nat-only.pcap", two_pass=two_pass,
                           findings=ALL_FINDINGS) == [
            [8, nat % "h245Address 10.20.30.50, sourceCallSignalAddress 10.20.30.50", NOTE],
            [40, nat % "mediaControlChannel 10.20.30.50", NOTE],
            [54, nat % "mediaControlChannel 10.20.30.50", NOTE]]
        assert other_frames(tshark, "alg-h323-rewritten-nat-only.pcap", two_pass=two_pass) == []
    # With every address the service's, no message is the customer side's to
    # check for NAT, and still no copy is rewritten.
    for two_pass in (False, True):
        assert expert_rows(tshark, "alg-h323-rewritten-nat-only.pcap", two_pass=two_pass,
                           findings=ALL_FINDINGS, options=EVERYTHING) == []
        assert other_frames(tshark, "alg-h323-rewritten-nat-only.pcap", two_pass=two_pass,
                            options=EVERYTHING) == []


def test_h323_rewritten_twin_relayed(tshark):
    # The device's public address on both sides (a routing firewall): the
    # same TCP segments twice. Wireshark takes the second copies for TCP
    # retransmissions and does not dissect them again; with its sequence
    # analysis off it does, and they are the same as the first: no finding.
    capture = "alg-h323-rewritten-relayed.pcap"
    no_analysis = ["tcp.analyze_sequence_numbers:FALSE"]
    assert tshark.frames(capture, "h225.h323_message_body == 0") == [7, 35, 53]
    assert tshark.frames(capture, "h225.h323_message_body == 0", options=no_analysis) == \
        [7, 8, 35, 36, 53, 54]
    for options in ((), no_analysis, no_analysis + EVERYTHING):
        for two_pass in (False, True):
            assert expert_rows(tshark, capture, two_pass=two_pass, findings=ALL_FINDINGS,
                               options=options) == []
            assert other_frames(tshark, capture, two_pass=two_pass, options=options) == []


def test_h323_rewritten_twin_sbc_hop(tshark):
    # Two legs of an SBC that terminates H.323: inside the device calls the
    # SBC (10.20.30.40), outside the SBC (198.51.100.10) calls the IVR with
    # the same callIdentifier, its own addresses and, for calls 1 and 3, its
    # own call reference. Call 2 keeps the device's call reference: the
    # same identity, but both IP ends differ (a leg, not NAT).
    capture = "alg-h323-rewritten-sbc-hop.pcap"
    setups = "h225.h323_message_body == 0"
    assert tshark.fields(capture, ["ip.src", "ip.dst", "q931.call_ref"], display_filter=setups) == [
        [7, "10.20.30.50", "10.20.30.40", "0911"], [8, "198.51.100.10", "185.94.242.66", "0a11"],
        [35, "10.20.30.50", "10.20.30.40", "0912"], [36, "198.51.100.10", "185.94.242.66", "0912"],
        [53, "10.20.30.50", "10.20.30.40", "0913"], [54, "198.51.100.10", "185.94.242.66", "0a13"]]
    # With every address the service's, both legs are read, each as the call
    # of its callIdentifier.
    assert tshark.fields(capture, ["pexip.call"], display_filter=setups, options=EVERYTHING) == [
        [7, "1"], [8, "1"], [35, "2"], [36, "2"], [53, "3"], [54, "3"]]
    for options in ((), EVERYTHING):
        for two_pass in (False, True):
            assert expert_rows(tshark, capture, two_pass=two_pass, findings=ALL_FINDINGS,
                               options=options) == []
            assert other_frames(tshark, capture, two_pass=two_pass, options=options) == []


@pytest.mark.skipif(not os.path.isdir(PUBLIC_CAPTURES),
                    reason="public captures not found (../shared/captures/public): skipping")
def test_fax_call_copies_are_not_rewritten(tshark):
    """FAX-Call-t38-CA-TDM-SIP-FB-1.pcap: every SIP message of the 10.35.x
    leg is captured three times (10.35.60.72<->10.35.60.100, and twice
    10.35.40.25<->10.35.40.200): the same Call-ID, CSeq, top Via branch and
    first line, the same Via, Contact and SDP: relayed unchanged, no
    pexip.alg.rewritten. The public leg (138.132.169.101<->192.168.100.219)
    has its own Call-ID (the gateway is a B2BUA): another message."""
    capture = "FAX-Call-t38-CA-TDM-SIP-FB-1.pcap"
    fields = ["sip.Call-ID", "sip.CSeq", "sip.Via.branch", "sip.Request-Line", "sip.Status-Line",
              "sip.Via.sent-by.address", "sip.contact.host", "sdp.owner", "sdp.connection_info",
              "sdp.media"]
    rows = tshark.fields(capture, fields, folder=PUBLIC_CAPTURES)
    copies = {}
    for row in rows:
        call_id, cseq, branches, request_line, status_line = row[1:6]
        if not call_id:
            continue        # SDP of another protocol (MGCP), no SIP
        identity = (call_id, cseq, branches.split(",")[0], request_line or status_line)
        copies.setdefault(identity, []).append((row[0], row[6:]))
    seen_more = {k: v for k, v in copies.items() if len(v) > 1}
    # 23 messages, each seen three times, each time saying the same
    assert len(seen_more) == 23
    assert all(len(v) == 3 for v in seen_more.values())
    assert all(len({tuple(said) for _, said in v}) == 1 for v in seen_more.values())
    assert [f for f, _ in seen_more[next(iter(seen_more))]] == [23, 24, 26]   # the first INVITE
    # With every address a service address, every copy is read: none is
    # rewritten, and no other finding either (see test_public_captures_findings).
    everything = [uat_row("0.0.0.0/0", "all")]
    for two_pass in (False, True):
        assert other_frames(tshark, capture, two_pass=two_pass, options=everything,
                            folder=PUBLIC_CAPTURES) == []
        assert expert_rows(tshark, capture, two_pass=two_pass, options=everything,
                           folder=PUBLIC_CAPTURES) == []


@pytest.mark.parametrize("capture", [c for c in GENERATED if c not in SHOWING])
def test_no_finding_on_other_generated_captures(tshark, capture):
    assert expert_rows(tshark, capture, findings=ALL_FINDINGS) == []
    assert expert_rows(tshark, capture, two_pass=True, findings=ALL_FINDINGS) == []


PUBLIC = sorted(f for f in os.listdir(PUBLIC_CAPTURES)) if os.path.isdir(PUBLIC_CAPTURES) else []


@pytest.mark.skipif(not PUBLIC, reason="public captures not found (../shared/captures/public): skipping")
@pytest.mark.parametrize("capture", [c for c in PUBLIC if c.endswith((".pcap", ".pcapng"))])
def test_public_captures_findings(tshark, capture):
    # Every address is the service's, so every message is read. The FAX
    # call's SDP has o= and c= both private on every leg (10.35.x): no
    # rewrite. Its one public peer (138.132.169.101) names only public
    # addresses; its 100 Trying (165) echoes the private requester's Via,
    # which is not the responder's address. The others carry no SDP or
    # private address from a public source.
    # Media paths (second pass): the FAX call's second call (138.132.169.101
    # and 192.168.100.219) has no media in the capture at all, so nothing
    # flowed to compare with; on every leg of the first call audio flowed
    # both ways while each announcement was in force (counting packets from
    # the other side's announced address, as a latching peer sends); its
    # T.38 re-INVITE was refused (488) and T.38 is not judged. The H.323
    # call's channels carried no media in the capture: nothing to compare
    # with. No ICMP, no BFCP grant.
    everything = [uat_row("0.0.0.0/0", "all"), uat_row("::/0", "all6")]
    assert expert_rows(tshark, capture, options=everything, folder=PUBLIC_CAPTURES,
                       findings=ALL_FINDINGS) == []
    assert expert_rows(tshark, capture, options=everything, folder=PUBLIC_CAPTURES,
                       findings=ALL_FINDINGS, two_pass=True) == []


@pytest.mark.skipif(not PUBLIC, reason="public captures not found (../shared/captures/public): skipping")
@pytest.mark.parametrize("capture", [c for c in PUBLIC if c.endswith((".pcap", ".pcapng"))])
def test_public_captures_findings_one_service_address(tshark, capture):
    # Each address of the capture in turn is the only service address, so
    # every message and connection has a customer side and a service side
    # as in the field (with every address the service's, nothing is sent
    # to the service from outside it): the registrar answers every
    # REGISTER, the SIP peers answer each other's requests, every TCP
    # connection to a SIP, HTTPS or TURN port is answered, no STUN. Silent
    # for every finding, once the capture has been read.
    _, out, _ = tshark.run(["-r", tshark.capture(capture, PUBLIC_CAPTURES), "-T", "fields",
                            "-e", "ip.src", "-e", "ip.dst"])
    addresses = sorted({a for a in out.split() if a})
    assert addresses
    for address in addresses:
        only = [uat_row(address + "/32", "the service"), "pexip.use_default_ranges:FALSE"]
        assert expert_rows(tshark, capture, options=only, folder=PUBLIC_CAPTURES,
                           findings=ALL_FINDINGS, two_pass=True) == [], address


@pytest.mark.parametrize("capture", ["alg-sdp-origin.pcap", "alg-sdp-origin-healthy.pcap",
                                     "nat-private-address.pcap",
                                     "nat-private-address-healthy.pcap",
                                     "nat-h323-private.pcap", "alg-h323-address.pcap",
                                     "nat-h323-healthy.pcap",
                                     "alg-partial-rewrite.pcap",
                                     "alg-partial-rewrite-healthy.pcap",
                                     "alg-nat-trace.pcap", "alg-nat-trace-healthy.pcap",
                                     "alg-content-length-healthy.pcap", "alg-rewritten.pcap",
                                     "alg-rewritten-nat-only.pcap",
                                     "alg-rewritten-relayed.pcap",
                                     "alg-rewritten-proxy-hop.pcap",
                                     "alg-h323-rewritten-relayed.pcap",
                                     "alg-h323-rewritten-sbc-hop.pcap",
                                     "alg-kernel-sip.pcap", "alg-kernel-sip-outside.pcap",
                                     "alg-kernel-sip-nat-only.pcap",
                                     "alg-kernel-sip-nat-only-outside.pcap"] +
                         [c for c in GENERATED if c.startswith("proxy-")])
def test_alg_captures_dissect_cleanly(tshark, capture):
    # Wireshark alone: no malformed packet and no warning of its own (for
    # alg-h323-rewritten.pcap and its NAT twin see
    # test_h323_two_points_h245_connection_twice).
    assert tshark.frames(capture, "_ws.malformed || _ws.expert.severity >= warning", bare=True) == []
