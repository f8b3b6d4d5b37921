"""Signalling reachability expert infos (issue 5): session refreshes the
customer side never answers, the service's TCP connections to the
customer's Contact that nothing answers or a reset refuses, H.245
connections that never complete. All need the whole capture: shown on
the second pass (tshark -2, the GUI), never on a single pass. Captures:
test-captures/gen/media_calls.py (refresh-*), h323_calls.py
(h323-h245-unreachable)."""
from conftest import WS

REACHABILITY = ["pexip.sip.refresh_unanswered", "pexip.h323.h245_unreachable"]
WARNING = str(0x00600000)
NOT_REACHABLE = ("the SBC's announced signalling address is not reachable from the service "
                 "network (TCP/5061 or 5060), so calls drop at refresh")


CHAT = str(0x00200000)


def on_syn(frame):
    """Wireshark's own expert infos above chat on a SYN of these captures
    (4.4 and later note that it offers no SACK)."""
    return [[frame, message, severity] for message, severity in WS.syn_without_sack]


def rows(tshark, capture, two_pass=True, findings=REACHABILITY):
    """[frame, message, severity] of each expert info above chat on the
    frames that carry one of these findings (TCP's own chat, "Connection
    establish request (SYN)", shares the SYN frame)."""
    out = []
    for frame, messages, severities in tshark.fields(
            capture, ["_ws.expert.message", "_ws.expert.severity"],
            display_filter=" || ".join(findings), two_pass=two_pass, aggregator="|"):
        out += [[frame, m, s] for m, s in zip(messages.split("|"), severities.split("|"))
                if s != CHAT]
    return out


def test_refresh_unanswered(tshark):
    assert rows(tshark, "refresh-unanswered.pcap") == [
        # The re-INVITE and its three retransmissions: on the first copy;
        # the unanswered BYE after it (10, 11) is the same call: not again.
        [6, "INVITE from the service to the customer side 198.51.100.10:5060 got no "
            "response to 4 sends: " + NOT_REACHABLE, WARNING],
        # Call 2: the UPDATE answered 481.
        [17, "UPDATE from the service to the customer side 198.51.100.10:5060 got 481 Call "
             "Does Not Exist: " + NOT_REACHABLE, WARNING],
    ]
    assert rows(tshark, "refresh-unanswered.pcap", two_pass=False) == []


def test_refresh_answered_is_silent(tshark):
    # Answered refresh and UPDATE; the service's BYE and OPTIONS at the end
    # of the capture were sent once: the capture ended, nothing to say.
    assert rows(tshark, "refresh-answered.pcap") == []
    assert tshark.fields("refresh-answered.pcap", ["_ws.expert.message"], two_pass=True,
                         display_filter="pexip && _ws.expert.severity >= warning") == []


def test_refresh_tcp_no_answer(tshark):
    text = ("TCP from the service to the customer's Contact 203.0.113.10:5061 (call 1) got no "
            "answer (3 SYNs): " + NOT_REACHABLE)
    # On the service's first SYN to the Contact (;transport=tls, no port:
    # 5061), not on its retransmissions (10, 11). Call 2 names the same
    # Contact: the one SYN to it (17) ends the capture, not judged.
    assert rows(tshark, "refresh-tcp-no-answer.pcap") == on_syn(9) + [[9, text, WARNING]]
    assert rows(tshark, "refresh-tcp-no-answer.pcap", two_pass=False) == []


def test_refresh_tcp_refused(tshark):
    text = ("TCP from the service to the customer's Contact 203.0.113.10:5060 (call 1) was "
            "refused (2 resets): " + NOT_REACHABLE)
    # Two connections (9, 11), each reset (10, 12): on the first SYN. The
    # service's BYE over the SBC's own connection answered 481 (13, 14) is
    # the same call: once per call, the earlier finding.
    assert rows(tshark, "refresh-tcp-refused.pcap") == on_syn(9) + [[9, text, WARNING]]
    assert rows(tshark, "refresh-tcp-refused.pcap", two_pass=False) == []


def test_refresh_tcp_healthy_is_silent(tshark):
    # A connection to the Contact carrying SIP, an UPDATE over the SBC's
    # own connection, a connection to a sips: Contact carrying TLS.
    assert rows(tshark, "refresh-tcp-healthy.pcap") == []
    for two_pass in (False, True):
        assert tshark.fields("refresh-tcp-healthy.pcap", ["_ws.expert.message"],
                             two_pass=two_pass,
                             display_filter="pexip && _ws.expert.severity >= warning") == []
    # The SIP on the service's connection belongs to its call.
    assert tshark.fields("refresh-tcp-healthy.pcap", ["pexip.call"],
                         display_filter="sip && tcp.port == 41000") == [
        [12, "1"], [13, "1"], [14, "1"]]


def test_h245_unreachable(tshark):
    text = ("TCP to h245Address 185.94.242.66:33001 (call 1, frame 7) never carried H.245: 3 "
            "packets to it, no answer: a firewall drops TCP to that port; open it, or let the "
            "device tunnel H.245")
    # On the first SYN (8), not on its retransmissions (9, 10).
    assert rows(tshark, "h323-h245-unreachable.pcap") == on_syn(8) + [[8, text, WARNING]]
    assert rows(tshark, "h323-h245-unreachable.pcap", two_pass=False) == []


def test_h245_reached_is_silent(tshark):
    # The same call whose H.245 connection works; and tunnelled H.245.
    for capture in ("h323-direct.pcap", "h323-tunnel.pcap", "h323-content.pcap"):
        assert rows(tshark, capture) == []


def test_reachability_captures_dissect_cleanly(tshark):
    for capture in ("refresh-unanswered.pcap", "refresh-answered.pcap",
                    "refresh-tcp-no-answer.pcap", "refresh-tcp-refused.pcap",
                    "refresh-tcp-healthy.pcap", "h323-h245-unreachable.pcap"):
        assert tshark.frames(capture, "_ws.malformed", bare=True) == []
