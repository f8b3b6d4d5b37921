"""Whose addresses a message names, and NAT seen from inside it (issue 18):
pexip.nat.private_address judges only the sender's own addresses (not the
bindings a registrar returns, nor a redirect's targets), and
pexip.nat.via_received reads what the service wrote in a response's top
Via about where the request came from.
Captures: test-captures/gen/nat_calls.py (frame numbers in its comments)."""
from conftest import uat_row
from test_expert_info import NOTE

NAT_FINDINGS = ["pexip.nat.private_address", "pexip.nat.via_received",
                "pexip.alg.partial_rewrite"]
PRIVATE = ("From public %s but private %s: NAT with nothing fixing up SIP. Give the SBC its "
           "public address for signalling and media, or the far end must latch")
VIA_RECEIVED = ("The service saw the %s from 80.230.219.70:12345 while its Via said "
                "192.168.1.2:5060: a NAT that does not fix up SIP. Configure the device's "
                "public address, or NAT traversal on the SBC")


def rows(tshark, capture, two_pass=False, findings=NAT_FINDINGS):
    return tshark.fields(capture, ["_ws.expert.message", "_ws.expert.severity"],
                         display_filter=" || ".join(findings), two_pass=two_pass)


def test_via_received_inside_the_nat(tshark):
    # Captured inside: every address is private, so nothing else can tell.
    # The 401 (2) is the registration's first response, the 100 Trying (6)
    # the call's; not again on the 200s (4, 7, 10): once per Call-ID.
    expected = [[2, VIA_RECEIVED % "REGISTER", NOTE], [6, VIA_RECEIVED % "INVITE", NOTE]]
    for two_pass in (False, True):
        assert rows(tshark, "nat-register-inside.pcap", two_pass) == expected
    assert tshark.frames("nat-register-inside.pcap", "pexip.nat.via_received") == [2, 6]


def test_registrar_bindings_are_not_the_senders(tshark):
    # The service's 200 OKs to REGISTER (4, 10) come from its public address
    # and list the device's private binding (Contact 192.168.1.2): the
    # device's address, not the service's own (RFC 3261 10.3). Before issue
    # 18 both were "From public 185.94.241.20 but private Contact".
    assert tshark.frames("nat-register-inside.pcap", "pexip.nat.private_address") == []
    assert tshark.fields("nat-register-inside.pcap", ["sip.contact.host"],
                         display_filter="sip.Status-Code == 200 && sip.CSeq.method == REGISTER") \
        == [[4, "192.168.1.2"], [10, "192.168.1.2"]]


def test_register_from_a_public_source_still_fires(tshark):
    # Outside the NAT: the REGISTER itself (1) comes from 80.230.219.70
    # naming 192.168.1.2 as its own Via and Contact: NAT without fix-up, as
    # before; so does the call's INVITE (5, another call). The responses'
    # received= says the same thing again: no via_received on top.
    expected = [[1, PRIVATE % ("80.230.219.70", "Via 192.168.1.2, Contact 192.168.1.2"), NOTE],
                [5, PRIVATE % ("80.230.219.70",
                               "Via 192.168.1.2, Contact 192.168.1.2, SDP c= 192.168.1.2"),
                 NOTE]]
    for two_pass in (False, True):
        assert rows(tshark, "nat-register-outside.pcap", two_pass) == expected


def test_redirect_targets_are_not_the_senders(tshark):
    # The SBC's 302 (3) sends the service to a phone inside its network
    # (Contact 10.1.2.3): where to try instead, not the SBC's address. Its
    # 200 OK to the second call (7) names the same inside address as its
    # own Contact and SDP: a response's Contact and SDP are its sender's.
    expected = [[7, PRIVATE % ("198.51.100.10", "Contact 10.1.2.3, SDP c= 10.1.2.3"), NOTE]]
    for two_pass in (False, True):
        assert rows(tshark, "nat-redirect.pcap", two_pass) == expected
    assert tshark.fields("nat-redirect.pcap", ["sip.contact.host"],
                         display_filter="sip.Status-Code == 302") == [[3, "10.1.2.3"]]


def test_via_received_healthy_twin_is_silent(tshark):
    # The device announces the NAT's public address: the responses say
    # rport=12345 only (2, 4, 6, 7, 10: the port alone changed), or
    # received= equal to the sent-by (12); a Via naming a host (14) always
    # gets received=, nothing to compare.
    assert tshark.fields("nat-register-inside-healthy.pcap", ["sip.Via.received"],
                         display_filter="sip.Status-Line") == [
        [12, "80.230.219.70"], [14, "80.230.219.70"]]
    for two_pass in (False, True):
        assert rows(tshark, "nat-register-inside-healthy.pcap", two_pass) == []
        assert tshark.fields("nat-register-inside-healthy.pcap", ["_ws.expert.message"],
                             two_pass=two_pass, display_filter="_ws.expert && pexip") == []


def test_faststart_answer_repeats_the_proposers_addresses(tshark):
    # A lab's service node at a private address calls a public device with
    # FastStart: the device's Connect (6) repeats the node's reverse
    # parameters (10.44.0.66) beside its own public addresses. Before issue
    # 18: "From public 198.51.100.30 but private mediaChannel 10.44.0.66".
    lab = [uat_row("10.44.0.66/32", "lab"), "pexip.use_default_ranges:FALSE"]
    assert tshark.fields("nat-h323-faststart-answer.pcap", ["pexip.call"], options=lab,
                         display_filter="h225") == [[4, "1"], [5, "1"], [6, "1"], [7, "1"]]
    # No Pexip expert info at all (pexip.finding names each one; Wireshark
    # 4.4 and later add a note of their own on the SYN).
    for two_pass in (False, True):
        assert tshark.fields("nat-h323-faststart-answer.pcap", ["pexip.finding"],
                             options=lab, two_pass=two_pass, display_filter="pexip.finding") == []


def test_nat_captures_dissect_cleanly(tshark):
    for capture in ("nat-register-inside.pcap", "nat-register-inside-healthy.pcap",
                    "nat-register-outside.pcap", "nat-redirect.pcap",
                    "nat-h323-faststart-answer.pcap"):
        assert tshark.frames(capture, "_ws.malformed || _ws.expert.severity >= warning",
                             bare=True) == []
