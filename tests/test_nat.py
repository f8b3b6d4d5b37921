"""Whose addresses a message names (issue 18): pexip.nat.private_address
judges only the sender's own addresses (not the bindings a registrar
returns, nor a redirect's targets).
Captures: test-captures/gen/nat_calls.py (frame numbers in its comments)."""
from test_expert_info import NOTE

NAT_FINDINGS = ["pexip.nat.private_address", "pexip.alg.partial_rewrite"]
PRIVATE = ("From public %s but private %s: NAT with nothing fixing up SIP. Give the SBC its "
           "public address for signalling and media, or the far end must latch")


def rows(tshark, capture, two_pass=False, findings=NAT_FINDINGS):
    return tshark.fields(capture, ["_ws.expert.message", "_ws.expert.severity"],
                         display_filter=" || ".join(findings), two_pass=two_pass)


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
    # before; so does the call's INVITE (5, another call).
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


def test_nat_captures_dissect_cleanly(tshark):
    for capture in ("nat-register-inside.pcap", "nat-register-inside-healthy.pcap",
                    "nat-register-outside.pcap", "nat-redirect.pcap"):
        assert tshark.frames(capture, "_ws.malformed || _ws.expert.severity >= warning",
                             bare=True) == []
