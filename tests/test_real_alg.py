"""A real ALG: what the plugin finds on calls through the Linux kernel's
netfilter SIP and H.323 helpers, recorded (not generated) by
test-captures/record/record_kernel_alg.sh.

The network: a device inside (10.0.0.2), a NAT that masquerades it to
198.51.100.10, the service (185.94.241.20, in the built-in service range).
Each call is captured on both sides of the NAT and merged with mergecap
(the copy from the side a packet comes from first), and on the outside
alone; once with the kernel's helpers attached (nftables `ct helper`:
`sip` on UDP 5060, `Q.931` on TCP 1720, the H.245 connection and the media
following from their expectations), once through plain masquerade.

  alg-kernel-sip[-outside].pcap            baresip calls baresip, helper on
  alg-kernel-sip-nat-only[-outside].pcap   the same call, no helper
  alg-kernel-h323[-outside].pcap           h323_peer.py's call, helper on
  alg-kernel-h323-nat-only[-outside].pcap  the same call, no helper

What they show (the frame numbers below were read off the committed
captures with plain tshark, `-Y sip` / `-Y "h225 || h245"` and the
address fields; re-recording changes them):
- The SIP helper rewrites the INVITE consistently: Via, Contact, From,
  SDP o= and c=, and fixes Content-Length (312 -> 322); it translates the
  responses' Via back on the way in. Both copies side by side are
  pexip.alg.rewritten; the outside copy alone is a clean message.
- The H.323 helper rewrites the Setup's h245Address,
  sourceCallSignalAddress and FastStart channels, and, on the H.245
  connection it expects from the Connect's h245Address, the
  OpenLogicalChannel(Ack) addresses, each in place. The Connect's FastStart
  repeats the endpoint's receive channel as it arrived (public) and the
  kernel does not translate that back.
- Without the helpers both copies name 10.0.0.2: NAT without fix-up, a
  note on the outside copy; nothing is rewritten.
- One capture point outside the kernel's helper shows nothing wrong: the
  only private address left is the SIP device's RTP CNAME (SDP a=ssrc and
  RTCP SDES), which says nothing about an ALG (docs/fields.md, ALG
  rewriting: why no finding reads it).
"""
import os

import pytest

from conftest import PUBLIC_CAPTURES, uat_row
from test_expert_info import ALL_FINDINGS, NOTE, WARNING, expert_rows

INSIDE, PUBLIC, SERVICE = "10.0.0.2", "198.51.100.10", "185.94.241.20"
EVERYTHING = [uat_row("0.0.0.0/0", "all")]

SIP_TODO = ("a SIP ALG rewrote it on the way. Turn off SIP ALG/inspection on the firewall; "
            "let the SBC do NAT")
H323_TODO = ("an H.323 ALG rewrote it on the way. Turn off H.323 ALG/inspection (H.323 fixup) "
             "on the firewall")
SIP_NAT = ("From public 198.51.100.10 but private Via 10.0.0.2, Contact 10.0.0.2, SDP c= "
           "10.0.0.2: NAT with nothing fixing up SIP. Give the SBC its public address for "
           "signalling and media, or the far end must latch")
H323_NAT = ("From public 198.51.100.10 but private h245Address 10.0.0.2, "
            "sourceCallSignalAddress 10.0.0.2: NAT with nothing fixing up H.323. Give the "
            "device its public (NAT) address, or the far end must latch")
LATCH = ": NAT changed the source; the receiver must latch to it (symmetric RTP)"


def findings(tshark, capture, two_pass=False, options=()):
    return expert_rows(tshark, capture, two_pass=two_pass, findings=ALL_FINDINGS,
                       options=options)


def other_frames(tshark, capture, two_pass=False, options=()):
    return tshark.fields(capture, ["pexip.alg.other_frame"], two_pass=two_pass, options=options)


# ---- SIP ------------------------------------------------------------------------

SIP_FIELDS = ["ip.src", "sip.CSeq", "sip.Via.sent-by.address", "sip.contact.host",
              "sdp.owner.address", "sdp.connection_info.address", "sdp.media.port",
              "sip.Content-Length"]


def test_sip_helper_capture_is_what_the_literals_describe(tshark):
    """Plain Wireshark: each SIP message twice, inside copy first for the
    device's requests, outside first for the service's responses; the
    kernel rewrote the INVITE's Via, Contact, o=, c= and Content-Length
    and kept the media port; the responses' Via went back inside."""
    rows = tshark.fields("alg-kernel-sip.pcap", SIP_FIELDS, display_filter="sip")
    invite = ["28965 INVITE"]
    assert rows == [
        [3, INSIDE] + invite + [INSIDE, INSIDE, INSIDE, INSIDE, "10040", "312"],
        [6, PUBLIC] + invite + [PUBLIC, PUBLIC, PUBLIC, PUBLIC, "10040", "322"],
        [7, SERVICE] + invite + [PUBLIC, SERVICE, "", "", "", "0"],                 # 180
        [8, SERVICE] + invite + [INSIDE, SERVICE, "", "", "", "0"],
        [11, SERVICE] + invite + [PUBLIC, SERVICE, SERVICE, SERVICE, "40010", "309"],  # 200
        [12, SERVICE] + invite + [INSIDE, SERVICE, SERVICE, SERVICE, "40010", "309"],
        [17, INSIDE, "28965 ACK", INSIDE, "", "", "", "", "0"],
        [18, PUBLIC, "28965 ACK", PUBLIC, "", "", "", "", "0"],
        [443, INSIDE, "28966 BYE", INSIDE, "", "", "", "", "0"],
        [444, PUBLIC, "28966 BYE", PUBLIC, "", "", "", "", "0"],
        [445, SERVICE, "28966 BYE", PUBLIC, "", "", "", "", "0"],
        [446, SERVICE, "28966 BYE", INSIDE, "", "", "", "", "0"],
    ]
    # The From header too (with the port the kernel adds), not the Call-ID.
    assert tshark.fields("alg-kernel-sip.pcap", ["sip.From", "sip.Call-ID"],
                         display_filter='sip.Method == "INVITE"') == [
        [3, "<sip:alice@10.0.0.2>;tag=ec02b6a26a0b4627", "dae8cc370545a94a"],
        [6, "<sip:alice@198.51.100.10:5060>;tag=ec02b6a26a0b4627", "dae8cc370545a94a"]]
    assert tshark.frames("alg-kernel-sip.pcap", "frame") == list(range(1, 459))


def test_sip_helper_rewritten_between_two_capture_points(tshark):
    text = ("INVITE also in frame 3 with other Via, Contact, SDP o=, c= (10.0.0.2 there, "
            "198.51.100.10 here): " + SIP_TODO)
    # One finding, on the outside INVITE; nothing else, on either pass
    # (media notes included: each point's copy of the RTP and RTCP comes
    # from what that point's copy of the SDP announced).
    for options in ((), EVERYTHING):
        for two_pass in (False, True):
            assert findings(tshark, "alg-kernel-sip.pcap", two_pass, options) == \
                [[6, text, WARNING]]
    # Every message's later copy points at the first; the service's
    # responses come in, so their outside copy is the first.
    later = [[6, "3"], [8, "7"], [12, "11"], [18, "17"], [444, "443"], [446, "445"]]
    assert other_frames(tshark, "alg-kernel-sip.pcap") == later
    assert other_frames(tshark, "alg-kernel-sip.pcap", two_pass=True) == sorted(
        later + [[int(first), str(frame)] for frame, first in later])


def test_sip_helper_outside_alone_is_silent(tshark):
    """One capture point outside: the kernel's rewrite is consistent, the
    INVITE names the public address everywhere and its Content-Length is
    right. No finding, not even with every address a service address."""
    rows = tshark.fields("alg-kernel-sip-outside.pcap", SIP_FIELDS,
                         display_filter='sip.Method == "INVITE"')
    assert rows == [[3, PUBLIC, "28965 INVITE", PUBLIC, PUBLIC, PUBLIC, PUBLIC, "10040", "322"]]
    for options in ((), EVERYTHING):
        for two_pass in (False, True):
            assert findings(tshark, "alg-kernel-sip-outside.pcap", two_pass, options) == []
            assert other_frames(tshark, "alg-kernel-sip-outside.pcap", two_pass, options) == []


def test_sip_helper_outside_leaves_only_the_rtp_cname_private(tshark):
    """What a single outside capture still holds of the inside address:
    the device's RTP CNAME, in the INVITE's a=ssrc and in its RTCP SDES
    (baresip's CNAME is its address-of-record). Nothing sends to a CNAME
    and the kernel does not rewrite it; the Call-ID (random hex) holds no
    address. These are the only frames whose bytes contain "10.0.0.2"."""
    assert tshark.frames("alg-kernel-sip-outside.pcap", 'frame contains "10.0.0.2"') == [3, 225]
    assert tshark.fields("alg-kernel-sip-outside.pcap", ["sdp.media_attr"],
                         display_filter='frame.number == 3 && sdp.media_attr contains "cname"') == [
        [3, "rtpmap:0 PCMU/8000,rtpmap:101 telephone-event/8000,fmtp:101 0-15,sendrecv,"
            "label:1,rtcp-rsize,ssrc:3718467844 cname:sip:alice@10.0.0.2,minptime:20,ptime:20"]]
    assert tshark.fields("alg-kernel-sip-outside.pcap", ["ip.src", "rtcp.sdes.text"],
                         display_filter='rtcp.sdes.text contains "10.0.0.2"') == [
        [225, PUBLIC, "Adjo,sip:alice@10.0.0.2"]]
    assert tshark.frames("alg-kernel-sip-outside.pcap", "frame contains 0a:00:00:02") == []


def test_sip_nat_only_twin(tshark):
    """No helper: both copies of every message name 10.0.0.2 (only the IP
    header was translated). Nothing rewritten; the outside INVITE is the
    NAT note, once per call."""
    rows = tshark.fields("alg-kernel-sip-nat-only.pcap", SIP_FIELDS,
                         display_filter='sip.Method == "INVITE"')
    assert rows == [
        [3, INSIDE, "50605 INVITE", INSIDE, INSIDE, INSIDE, INSIDE, "10086", "310"],
        [6, PUBLIC, "50605 INVITE", INSIDE, INSIDE, INSIDE, INSIDE, "10086", "310"]]
    for two_pass in (False, True):
        assert findings(tshark, "alg-kernel-sip-nat-only.pcap", two_pass) == [[6, SIP_NAT, NOTE]]
        assert other_frames(tshark, "alg-kernel-sip-nat-only.pcap", two_pass) == []
        assert other_frames(tshark, "alg-kernel-sip-nat-only.pcap", two_pass, EVERYTHING) == []


def test_sip_nat_only_outside_alone(tshark):
    """The outside alone: the NAT note on the INVITE, and the device's first
    RTCP comes from the NAT's address, not the private one its SDP
    announced. The service's media never reached the capture point: it
    had no route to the private address (the call is too short, 2 s,
    for the media findings to judge it)."""
    latch = ("audio RTCP to 185.94.241.20:40025 comes from 198.51.100.10:10087, not from "
             "10.0.0.2:10087 as announced in frame 3" + LATCH)
    for two_pass in (False, True):
        assert findings(tshark, "alg-kernel-sip-nat-only-outside.pcap", two_pass) == [
            [3, SIP_NAT, NOTE], [6, latch, NOTE]]
        assert other_frames(tshark, "alg-kernel-sip-nat-only-outside.pcap", two_pass) == []
    assert tshark.frames("alg-kernel-sip-nat-only-outside.pcap",
                         "rtp && ip.src == 185.94.241.20") == []


# ---- H.323 ------------------------------------------------------------------------

H323_FIELDS = ["ip.src", "h225.h245Ip", "h225.ipV4", "h245.ip4_network", "h245.tsapIdentifier"]
CHANNELS = "h245.openLogicalChannel_element || h245.openLogicalChannelAck_element"


def test_h323_helper_capture_is_what_the_literals_describe(tshark):
    """The Setup's h245Address, sourceCallSignalAddress and FastStart
    channels, and the device's OLC 1 and OLC-Ack 101, rewritten in place;
    the node's messages untouched; the Connect's repeat of the device's
    receive channel (the public address, as it arrived) is not translated
    back on the way in. With the plugin, whose H.245 reading follows every
    connection to the Connect's h245Address (Wireshark alone reads the
    inside copy of the H.245 connection only)."""
    setup = "h225.h323_message_body == 0 || h225.h323_message_body == 2"
    assert tshark.fields("alg-kernel-h323.pcap", H323_FIELDS, display_filter=setup) == [
        [7, INSIDE, INSIDE, "185.94.241.20,10.0.0.2", "10.0.0.2,10.0.0.2,10.0.0.2", "5005,5004,5005"],
        [8, PUBLIC, PUBLIC, "185.94.241.20,198.51.100.10",
         "198.51.100.10,198.51.100.10,198.51.100.10", "5005,5004,5005"],
        [15, SERVICE, SERVICE, "", "185.94.241.20,185.94.241.20,198.51.100.10,198.51.100.10",
         "40020,40021,5004,5005"],
        [16, SERVICE, SERVICE, "", "185.94.241.20,185.94.241.20,198.51.100.10,198.51.100.10",
         "40020,40021,5004,5005"]]
    assert tshark.fields("alg-kernel-h323.pcap", ["ip.src", "h245.ip4_network",
                                                  "h245.tsapIdentifier"],
                         display_filter=CHANNELS) == [
        [47, INSIDE, INSIDE, "5007"], [48, PUBLIC, PUBLIC, "5007"],             # OLC 1
        [51, SERVICE, "185.94.241.20,185.94.241.20", "40022,40023"],            # OLC-Ack 1
        [52, SERVICE, "185.94.241.20,185.94.241.20", "40022,40023"],
        [53, SERVICE, SERVICE, "40023"], [54, SERVICE, SERVICE, "40023"],       # OLC 101
        [57, INSIDE, "10.0.0.2,10.0.0.2", "5006,5007"],                         # OLC-Ack 101
        [58, PUBLIC, "198.51.100.10,198.51.100.10", "5006,5007"]]
    assert tshark.frames("alg-kernel-h323.pcap", CHANNELS, bare=True) == [47, 52, 54, 57]
    assert tshark.frames("alg-kernel-h323.pcap", "frame") == list(range(1, 131))


def test_h323_helper_rewritten_between_two_capture_points(tshark):
    text = ("H.225 Setup also in frame 7 with other h245Address, sourceCallSignalAddress, "
            "fastStart channel (10.0.0.2:5050 there, 198.51.100.10:5050 here): " + H323_TODO)
    for options in ((), EVERYTHING):
        for two_pass in (False, True):
            assert findings(tshark, "alg-kernel-h323.pcap", two_pass, options) == \
                [[8, text, WARNING]]
    # The rewritten copies: the Setup, OLC 1 and OLC-Ack 101. The node's
    # messages and the Connect are the same in both copies.
    later = [[8, "7"], [48, "47"], [58, "57"]]
    assert other_frames(tshark, "alg-kernel-h323.pcap") == later
    assert other_frames(tshark, "alg-kernel-h323.pcap", two_pass=True) == sorted(
        later + [[int(first), str(frame)] for frame, first in later])


def test_h323_two_points_wiresharks_own_marks(tshark):
    """Wireshark alone takes the outside copy of the H.245 connection for
    Q.931 (48, 53 malformed); with the plugin both copies are H.245. The
    D-SACKs (TCP's own warning, a retransmitted FIN) remain either way."""
    for capture, dsack in (("alg-kernel-h323.pcap", [119, 120]),
                           ("alg-kernel-h323-nat-only.pcap", [97, 98])):
        assert tshark.frames(capture, "_ws.malformed || _ws.expert.severity >= warning",
                             bare=True) == [48, 53] + dsack
        assert tshark.frames(capture, "_ws.malformed || (_ws.expert.severity >= warning && "
                                      "!pexip.alg.rewritten)") == dsack
        assert tshark.frames(capture, CHANNELS) == [47, 48, 51, 52, 53, 54, 57, 58]


def test_h323_helper_outside_alone_is_silent(tshark):
    """One capture point outside: every address the device's messages name
    is the NAT's public one, as a device configured with its public
    address would say. No private address anywhere in the capture, no
    finding."""
    rows = tshark.fields("alg-kernel-h323-outside.pcap", H323_FIELDS,
                         display_filter="(h225.h245Ip || h225.ipV4 || h245.ip4_network) && "
                                        "ip.src == 198.51.100.10")
    assert [r[0] for r in rows] == [4, 24, 29]
    assert all(INSIDE not in ",".join(r[1:]) for r in rows)
    assert tshark.frames("alg-kernel-h323-outside.pcap",
                         'frame contains 0a:00:00:02 || frame contains "10.0.0.2"') == []
    for options in ((), EVERYTHING):
        for two_pass in (False, True):
            assert findings(tshark, "alg-kernel-h323-outside.pcap", two_pass, options) == []
            assert other_frames(tshark, "alg-kernel-h323-outside.pcap", two_pass, options) == []


def test_h323_nat_only_twin(tshark):
    """No helper: both copies name 10.0.0.2; the outside Setup is the NAT
    note, once per call (OLC 1 and OLC-Ack 101 name it too); nothing
    rewritten. The node's media to the private addresses never left it."""
    for two_pass in (False, True):
        assert findings(tshark, "alg-kernel-h323-nat-only.pcap", two_pass) == [[8, H323_NAT, NOTE]]
        assert other_frames(tshark, "alg-kernel-h323-nat-only.pcap", two_pass) == []
        assert other_frames(tshark, "alg-kernel-h323-nat-only.pcap", two_pass, EVERYTHING) == []
    assert tshark.frames("alg-kernel-h323-nat-only.pcap", "rtp && ip.src == 185.94.241.20") == []


def test_h323_nat_only_outside_alone(tshark):
    audio = ("audio to 185.94.241.20:40020 comes from 198.51.100.10:5004, not from "
             "10.0.0.2:5004 as announced in frame 8" + LATCH)
    video = ("video to 185.94.241.20:40022 comes from 198.51.100.10:5006, not from "
             "10.0.0.2:5006 as announced in frame 29" + LATCH)
    for two_pass in (False, True):
        assert findings(tshark, "alg-kernel-h323-nat-only-outside.pcap", two_pass) == [
            [4, H323_NAT, NOTE], [30, audio, NOTE], [31, video, NOTE]]
        assert other_frames(tshark, "alg-kernel-h323-nat-only-outside.pcap", two_pass) == []


# ---- the decision: nothing in one outside capture tells a consistent ALG -----

@pytest.mark.skipif(not os.path.isdir(PUBLIC_CAPTURES),
                    reason="public captures not found (../shared/captures/public): skipping")
def test_call_id_host_is_not_the_senders(tshark):
    """FAX-Call-t38-CA-TDM-SIP-FB-1.pcap, the 10.35.x leg: every INVITE of
    the dialog carries the Call-ID ...@10.35.40.25, sent by 10.35.60.72,
    10.35.40.25 (relaying it) and 10.35.40.200 / 10.35.60.100 (the far
    side's re-INVITEs), each with its own Via and Contact, none
    10.35.40.25. A Call-ID's host is whoever created it (RFC 3261
    8.1.1.4), kept by proxies and by the other party: an address in it,
    private or public, says nothing about the hop that sent the message
    nor whether anything rewrote it. The public leg's Call-ID (a B2BUA's
    own) has no address at all."""
    rows = tshark.fields("FAX-Call-t38-CA-TDM-SIP-FB-1.pcap",
                         ["ip.src", "sip.Call-ID", "sip.Via.sent-by.address", "sip.contact.host"],
                         display_filter='sip.Method == "INVITE"', folder=PUBLIC_CAPTURES)
    leg = [r for r in rows if r[2] == "00e9d4a500e9d48-0015-0001-0000-0000@10.35.40.25"]
    assert [r[0] for r in leg] == [23, 24, 26, 166, 167, 176, 1394, 1395, 1398, 1412, 1415, 1416]
    assert {r[1] for r in leg} == {"10.35.60.72", "10.35.40.25", "10.35.40.200", "10.35.60.100"}
    assert {(r[3], r[4]) for r in leg} == {("10.35.60.72", "10.35.60.72"),
                                            ("10.35.60.100", "10.35.60.100")}
    assert {r[2] for r in rows if r not in leg} == {
        "SD4909701-9ff11bf72eb4a347c92974d8fbbc2668-ao8o3i1"}
