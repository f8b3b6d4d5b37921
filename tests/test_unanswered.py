"""What the customer side sends the service that nothing answers (issue
18): SIP that never reaches the service (pexip.sip.service_unanswered),
and the web app's media paths: STUN over UDP with no answer
(pexip.webrtc.udp_blocked), TCP to the service's TURN and HTTPS ports
refused or unanswered (pexip.webrtc.turn_refused). All need the whole
capture: shown on the second pass (tshark -2, the GUI), never on a single
pass. Captures: test-captures/gen/unanswered_calls.py."""
from test_reachability import WARNING, on_syn, rows as reachability_rows

UNANSWERED = ["pexip.sip.service_unanswered", "pexip.webrtc.udp_blocked",
              "pexip.webrtc.turn_refused"]
SIP_TODO = ("calls to the service fail. Open TCP 5061 (and 5060) from the SBC to the service's "
            "address ranges")
TURN_TODO = ("the web app's media cannot fall back to TCP/TLS. Allow TCP 443 and 3478 from the "
             "clients to the service's address ranges")


def rows(tshark, capture, two_pass=True):
    return reachability_rows(tshark, capture, two_pass, findings=UNANSWERED)


def test_sip_service_unanswered(tshark):
    # (Wireshark 4.4 and later add a note of their own on the SYNs.)
    assert rows(tshark, "sip-service-unanswered.pcap") == on_syn(1) + [
        # TCP to 5061, three SYNs and nothing back: on the first
        [1, "TCP from 198.51.100.10 to the service's SIP port 185.94.241.20:5061 got no answer "
            "(3 SYNs): " + SIP_TODO, WARNING]] + on_syn(4) + [
        # TCP to 5060 reset: once per connection, on its SYN
        [4, "TCP from 198.51.100.10 to the service's SIP port 185.94.241.20:5060 was refused "
            "(1 reset): " + SIP_TODO, WARNING],
        # the INVITE over UDP three times, no response at all; not the
        # OPTIONS sent once at the capture's end (9)
        [6, "INVITE from 198.51.100.10 to the service 185.94.241.20:5060 over UDP got no "
            "response to 3 sends: calls to the service fail. Open UDP 5060 (or TCP 5061/5060) "
            "from the SBC to the service's address ranges", WARNING],
    ]
    assert rows(tshark, "sip-service-unanswered.pcap", two_pass=False) == []


def test_sip_service_answered_is_silent(tshark):
    # A SYN retransmitted then answered (1-5), a connection carrying SIP
    # (6-9), an INVITE retransmitted then answered 100 and 486 (10-14), a
    # single OPTIONS at the end (15).
    for two_pass in (False, True):
        assert rows(tshark, "sip-service-answered.pcap", two_pass) == []
        assert tshark.fields("sip-service-answered.pcap", ["_ws.expert.message"],
                             two_pass=two_pass,
                             display_filter="pexip && _ws.expert.severity >= warning") == []


def test_udp_blocked(tshark):
    text = ("STUN from 10.20.30.50 to the service over UDP got no answer (9 requests, first to "
            "185.94.241.20:3478): UDP to the service is blocked; the web app falls back to "
            "TURN over TCP/TLS 443, or fails. Open UDP to the service's media ranges")
    # On the browser's first request, once for the browser: not on its
    # other requests (2-9), nor on the other browser's single check (14).
    assert rows(tshark, "webrtc-udp-blocked.pcap") == [[1, text, WARNING]]
    assert rows(tshark, "webrtc-udp-blocked.pcap", two_pass=False) == []


def test_udp_answered_is_silent(tshark):
    for two_pass in (False, True):
        assert rows(tshark, "webrtc-udp-healthy.pcap", two_pass) == []
        assert tshark.fields("webrtc-udp-healthy.pcap", ["_ws.expert.message"],
                             two_pass=two_pass,
                             display_filter="pexip && _ws.expert.severity >= warning") == []


def test_stun_and_turn_port_classes(tshark):
    # Binding and allocate requests to the TURN server's port: turn; ICE
    # checks to a media port: stun; TCP 443: https, handshake included.
    expected = [[1, "turn"], [2, "turn"], [3, "stun"], [4, "stun"], [5, "stun"]] + \
        [[f, "turn"] for f in range(6, 10)] + [[f, "https"] for f in range(10, 14)] + \
        [[14, "stun"]]
    assert tshark.fields("webrtc-udp-blocked.pcap", ["pexip.port_class"]) == expected
    assert tshark.fields("webrtc-udp-healthy.pcap", ["pexip.port_class"]) == expected
    # TURN over TCP on 3478, handshake and allocation alike
    assert tshark.fields("webrtc-turn-healthy.pcap", ["pexip.port_class"],
                         display_filter="tcp.port == 3478") == \
        [[f, "turn"] for f in range(6, 11)]


def test_turn_refused(tshark):
    assert rows(tshark, "webrtc-turn-refused.pcap") == on_syn(1) + [
        # 443 unanswered (three SYNs); the second connection to 443 (4, 5)
        # is the same client and port: not again
        [1, "TCP from 10.20.30.50 to the service's TURN/HTTPS port 185.94.241.20:443 got no "
            "answer (3 SYNs): " + TURN_TODO, WARNING]] + on_syn(6) + [
        # 3478 reset
        [6, "TCP from 10.20.30.50 to the service's TURN port 185.94.241.20:3478 was refused "
            "(1 reset): " + TURN_TODO, WARNING],
    ]
    assert rows(tshark, "webrtc-turn-refused.pcap", two_pass=False) == []
    # Through the proxy, its 502 says it: the proxy's own SYNs to the node
    # (12, 13) are not also turn_refused. The other browser's single SYN
    # (15) ends the capture.
    assert tshark.frames("webrtc-turn-refused.pcap", "pexip.proxy.connect_failed") == [14]


def test_turn_healthy_is_silent(tshark):
    # 443 answered after a retransmission, TURN over TCP with an allocation,
    # a connection the browser reset after using it (15: TCP's own warning,
    # nothing of the plugin's), a single SYN at the end. Every other finding
    # stays silent too (test_expert_info.py, the generated captures).
    for two_pass in (False, True):
        assert rows(tshark, "webrtc-turn-healthy.pcap", two_pass) == []
        assert tshark.fields("webrtc-turn-healthy.pcap", ["_ws.expert.message"],
                             two_pass=two_pass,
                             display_filter="pexip && _ws.expert.severity >= warning") == \
            [[15, "Connection reset (RST)"]]


def test_unanswered_captures_dissect_cleanly(tshark):
    for capture in ("sip-service-unanswered.pcap", "sip-service-answered.pcap",
                    "webrtc-udp-blocked.pcap", "webrtc-udp-healthy.pcap",
                    "webrtc-turn-refused.pcap", "webrtc-turn-healthy.pcap"):
        assert tshark.frames(capture, "_ws.malformed", bare=True) == []
