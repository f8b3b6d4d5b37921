"""Expert infos (issue 5): each finding fires on exactly the frames of its
capture and stays silent on its healthy twin, on every other generated
capture and on the public real-world captures.
Captures: test-captures/gen/alg_calls.py."""
import os

import pytest

from conftest import CAPTURES, PUBLIC_CAPTURES, uat_row

FINDINGS = ["pexip.alg.sdp_origin_mismatch", "pexip.nat.private_address",
            "pexip.alg.partial_rewrite", "pexip.alg.nat_trace", "pexip.alg.content_length"]
# Which generated captures show a finding at all (the rest must not).
SHOWING = {"alg-sdp-origin.pcap", "nat-private-address.pcap", "alg-partial-rewrite.pcap",
           "alg-nat-trace.pcap", "alg-content-length.pcap"}
WARNING, NOTE = str(0x00600000), str(0x00400000)


def expert_rows(tshark, capture, two_pass=False, **kwargs):
    return tshark.fields(capture, ["_ws.expert.message", "_ws.expert.severity"],
                         display_filter=" || ".join(FINDINGS), two_pass=two_pass, **kwargs)


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


@pytest.mark.parametrize("capture", [c for c in GENERATED if c not in SHOWING])
def test_no_finding_on_other_generated_captures(tshark, capture):
    assert expert_rows(tshark, capture) == []


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
    everything = [uat_row("0.0.0.0/0", "all"), uat_row("::/0", "all6")]
    assert expert_rows(tshark, capture, options=everything, folder=PUBLIC_CAPTURES) == []


@pytest.mark.parametrize("capture", ["alg-sdp-origin.pcap", "alg-sdp-origin-healthy.pcap",
                                     "nat-private-address.pcap",
                                     "nat-private-address-healthy.pcap",
                                     "alg-partial-rewrite.pcap",
                                     "alg-partial-rewrite-healthy.pcap",
                                     "alg-nat-trace.pcap", "alg-nat-trace-healthy.pcap",
                                     "alg-content-length-healthy.pcap"])
def test_alg_captures_dissect_cleanly(tshark, capture):
    # Wireshark alone: no malformed packet and no warning of its own.
    assert tshark.frames(capture, "_ws.malformed || _ws.expert.severity >= warning", bare=True) == []
