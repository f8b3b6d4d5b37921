"""Captures for issue 18: what the customer side sends the service that
nothing answers. SIP to the service's ports (pexip.sip.service_unanswered)
and the web app's media paths: STUN over UDP (pexip.webrtc.udp_blocked)
and TCP to the service's TURN and HTTPS ports (pexip.webrtc.turn_refused);
each with a healthy twin.

The customer's SBC (198.51.100.10) signals to the service node
(185.94.241.20); browsers inside the customer's network (10.20.30.50,
10.20.30.51) run the web app, some through the web proxy 10.20.30.1:3128.
Frame numbers are asserted in tests/test_unanswered.py.
"""
import ipaddress
import struct

from pcapgen import TCP_ACK, TCP_RST, Capture, TcpFlow, http_message, stun_binding_request, \
    tls_client_hello
from sip_calls import AUDIO, NODE, SBC, request, response, sdp, with_port

BROWSER = "10.20.30.50"
OTHER_BROWSER = "10.20.30.51"
PROXY = "10.20.30.1"
PROXY_PORT = 3128
COOKIE = 0x2112A442


# ---- STUN/TURN (RFC 8489, RFC 8656) ----------------------------------------

def _stun_attribute(atype, value):
    return struct.pack("!HH", atype, len(value)) + value + b"\0" * (-len(value) % 4)


def _stun(mtype, txid, attributes=b""):
    return struct.pack("!HHI", mtype, len(attributes), COOKIE) + txid + attributes


def _xor_mapped(addr, port):
    packed = ipaddress.ip_address(addr).packed
    xaddr = bytes(b ^ c for b, c in zip(packed, struct.pack("!I", COOKIE)))
    return _stun_attribute(0x0020, struct.pack("!BBH", 0, 1, port ^ (COOKIE >> 16)) + xaddr)


def binding_success(txid, addr, port):
    return _stun(0x0101, txid, _xor_mapped(addr, port))


def allocate_request(txid, username=None):
    # REQUESTED-TRANSPORT UDP, and USERNAME once challenged
    attributes = _stun_attribute(0x0019, bytes([17, 0, 0, 0]))
    if username:
        attributes += _stun_attribute(0x0006, username.encode("ascii"))
    return _stun(0x0003, txid, attributes)


def allocate_unauthorized(txid):
    return _stun(0x0113, txid, _stun_attribute(0x0009, bytes([0, 0, 4, 1]) + b"Unauthorized") +
                 _stun_attribute(0x0014, b"vmr.vc") + _stun_attribute(0x0015, b"5d1c2f0a"))


def allocate_success(txid, addr, port):
    return _stun(0x0103, txid, _xor_mapped(addr, port))


def _id(tag):
    return tag.encode("ascii").ljust(12, b"-")


def _webrtc_udp(answered):
    """A browser looks for a UDP path to the service: a binding request to
    the TURN server's port (3478) for its public address, ICE checks to a
    media port (40002), a TURN allocation; each request is retransmitted
    with the same transaction ID while nothing answers. answered: the
    service answers each. Then the web app's HTTPS (TCP 443, established);
    last, another browser's single ICE check, the capture's last packet."""
    c = Capture(step=0.1)
    b = BROWSER
    c.udp(b, 50000, NODE, 3478, stun_binding_request(_id("srflx-1")))                  # 1
    if answered:
        c.udp(NODE, 3478, b, 50000, binding_success(_id("srflx-1"), "203.0.113.7", 50000))
    else:
        c.udp(b, 50000, NODE, 3478, stun_binding_request(_id("srflx-1")))              # 2 again
    c.udp(b, 50000, NODE, 40002, stun_binding_request(_id("check-1")))                 # 3
    c.udp(b, 50000, NODE, 40002, stun_binding_request(_id("check-1")))                 # 4 again
    if answered:
        c.udp(NODE, 40002, b, 50000, binding_success(_id("check-1"), b, 50000))        # 5
    else:
        c.udp(b, 50000, NODE, 40002, stun_binding_request(_id("check-1")))            # 5 again
    c.udp(b, 50002, NODE, 3478, allocate_request(_id("alloc-1")))                     # 6
    if answered:
        c.udp(NODE, 3478, b, 50002, allocate_unauthorized(_id("alloc-1")))            # 7
        c.udp(b, 50002, NODE, 3478, allocate_request(_id("alloc-2"), "alice"))        # 8
        c.udp(NODE, 3478, b, 50002, allocate_success(_id("alloc-2"), NODE, 49152))    # 9
    else:
        c.udp(b, 50002, NODE, 3478, allocate_request(_id("alloc-1")))                 # 7 again
        c.udp(b, 50002, NODE, 3478, allocate_request(_id("alloc-1")))                 # 8 again
        c.udp(b, 50002, NODE, 3478, allocate_request(_id("alloc-1")))                 # 9 again
    https = TcpFlow(c, b, 51000, NODE, 443)
    https.handshake()                                                                 # 10-12
    https.client_sends(tls_client_hello(None))                                        # 13
    c.udp(OTHER_BROWSER, 50100, NODE, 40004, stun_binding_request(_id("check-9")))     # 14
    return c


def webrtc_udp_blocked():
    """Nothing comes back over UDP: pexip.webrtc.udp_blocked on the
    browser's first request (1), once for the browser (8 requests). The
    other browser's single check (14) ends the capture: not judged."""
    return _webrtc_udp(answered=False)


def webrtc_udp_healthy():
    """The same browser, answered: a binding success (2, 5), a TURN 401
    challenge (7, an answer too) and an allocation (9)."""
    return _webrtc_udp(answered=True)


def _connect_failed_through_proxy(c):
    """A browser asks the proxy for a tunnel to the node (CONNECT), the
    proxy's own connection to the node's 443 gets no answer (two SYNs) and
    it answers 502: that is pexip.proxy.connect_failed, on the 502, and
    not also pexip.webrtc.turn_refused on the proxy's connection."""
    flow = TcpFlow(c, OTHER_BROWSER, 50200, PROXY, PROXY_PORT)
    flow.handshake()
    flow.client_sends(http_message("CONNECT %s:443 HTTP/1.1" % NODE,
                                   [("Host", "%s:443" % NODE)]))
    out = TcpFlow(c, PROXY, 40100, NODE, 443)
    out.syn_only()
    out.syn_only()
    flow.server_sends(http_message("HTTP/1.1 502 Bad Gateway", [("Content-Length", "0")]))


def webrtc_turn_refused():
    """TCP from the browser to the service's TURN/HTTPS ports: 443 gets no
    answer (1-3, three SYNs): pexip.webrtc.turn_refused on 1; a second
    connection to 443 (4-5) is the same client and port: not again. TCP
    3478 is reset (6, 7): on 6. Through the proxy (8-14): the browser's
    CONNECT (11), the proxy's SYNs to the node (12, 13), its 502 (14):
    pexip.proxy.connect_failed on 14 only. Another browser's single SYN to
    443 (15) ends the capture: not judged."""
    c = Capture(step=0.5)
    first = TcpFlow(c, BROWSER, 51000, NODE, 443)
    for _ in range(3):
        first.syn_only()                                                              # 1-3
    second = TcpFlow(c, BROWSER, 51001, NODE, 443)
    second.syn_only()                                                                 # 4
    second.syn_only()                                                                 # 5
    turn = TcpFlow(c, BROWSER, 51002, NODE, 3478)
    turn.syn_only()                                                                   # 6
    turn.reset()                                                                      # 7
    _connect_failed_through_proxy(c)                                                  # 8-14
    TcpFlow(c, OTHER_BROWSER, 51100, NODE, 443).syn_only()                            # 15
    return c


def webrtc_turn_healthy():
    """The same connections answered: TCP 443 after a SYN retransmission
    (1-4) carrying TLS (5); TURN over TCP 3478 (6-8) with an allocation
    (9, 10); a connection to 443 reset after it was used (11-15: the
    browser closing it); another browser's single SYN at the end (16)."""
    c = Capture(step=0.5)
    tls = TcpFlow(c, BROWSER, 51000, NODE, 443)
    tls.syn_only()                                                                    # 1
    tls.syn()                                                                         # 2 again
    tls.syn_ack()                                                                     # 3
    tls.ack()                                                                         # 4
    tls.client_sends(tls_client_hello(None))                                          # 5
    turn = TcpFlow(c, BROWSER, 51002, NODE, 3478)
    turn.handshake()                                                                  # 6-8
    turn.client_sends(allocate_request(_id("alloc-t")))                               # 9
    turn.server_sends(allocate_success(_id("alloc-t"), NODE, 49154))                  # 10
    used = TcpFlow(c, BROWSER, 51003, NODE, 443)
    used.handshake()                                                                  # 11-13
    used.client_sends(tls_client_hello(None))                                         # 14
    c.tcp(BROWSER, 51003, NODE, 443, used.cseq, used.sseq, TCP_RST | TCP_ACK)         # 15
    TcpFlow(c, OTHER_BROWSER, 51100, NODE, 443).syn_only()                            # 16
    return c


# ---- SIP to the service ----------------------------------------------------

def _sip_to_service(answered):
    """The SBC's signalling to the service: TCP to 5061 (1-3), TCP to 5060
    (4, 5), an INVITE over UDP sent three times (6-8), an OPTIONS over UDP
    sent once, the capture's last packet."""
    c = Capture(step=0.5)
    tls = TcpFlow(c, SBC, 41000, NODE, 5061)
    tcp = TcpFlow(c, SBC, 41001, NODE, 5060)
    cid = "unanswered@198.51.100.10"
    invite = request("INVITE", cid, 1, SBC, NODE, sdp(SBC, [with_port(AUDIO, 20000)]))
    if not answered:
        for _ in range(3):
            tls.syn_only()                                                            # 1-3
        tcp.syn_only()                                                                # 4
        tcp.reset()                                                                   # 5
        for _ in range(3):
            c.udp(SBC, 5060, NODE, 5060, invite)                                      # 6-8
    else:
        tls.syn_only()                                                                # 1
        tls.syn()                                                                     # 2 again
        tls.syn_ack()                                                                 # 3
        tls.ack()                                                                     # 4
        tls.client_sends(tls_client_hello(None))                                      # 5
        tcp.handshake()                                                               # 6-8
        tcp.client_sends(request("OPTIONS", "tcp-options@198.51.100.10", 1, SBC, NODE,
                                 transport="TCP"))                                    # 9
        c.udp(SBC, 5060, NODE, 5060, invite)                                          # 10
        c.udp(SBC, 5060, NODE, 5060, invite)                                          # 11 again
        c.udp(NODE, 5060, SBC, 5060, response("100 Trying", "INVITE", cid, 1, NODE, SBC,
                                              to_tag=None))                           # 12
        c.udp(NODE, 5060, SBC, 5060, response("486 Busy Here", "INVITE", cid, 1, NODE,
                                              SBC))                                   # 13
        c.udp(SBC, 5060, NODE, 5060, request("ACK", cid, 1, SBC, NODE, to_tag="b1"))  # 14
    c.udp(SBC, 5060, NODE, 5060, request("OPTIONS", "options@198.51.100.10", 1, SBC,
                                         NODE))                                       # last
    return c


def sip_service_unanswered():
    """Nothing from the service: TCP 5061 unanswered (1-3): finding on 1;
    TCP 5060 reset (4, 5): on 4; the INVITE over UDP three times with no
    response (6-8): on 6. The single OPTIONS (9) ends the capture: not
    judged."""
    return _sip_to_service(answered=False)


def sip_service_answered():
    """The same, answered: TCP 5061 after a SYN retransmission (1-5), TCP
    5060 carrying SIP (6-9), the INVITE retransmitted once and then
    answered 100 and 486 (10-14); the single OPTIONS at the end (15)."""
    return _sip_to_service(answered=True)


CAPTURES = {
    "webrtc-udp-blocked.pcap": webrtc_udp_blocked,
    "webrtc-udp-healthy.pcap": webrtc_udp_healthy,
    "webrtc-turn-refused.pcap": webrtc_turn_refused,
    "webrtc-turn-healthy.pcap": webrtc_turn_healthy,
    "sip-service-unanswered.pcap": sip_service_unanswered,
    "sip-service-answered.pcap": sip_service_answered,
}
