"""Captures for issue 18: whose addresses a message names, and NAT seen
from inside it.

A device (192.168.1.2) behind a NAT whose public address is 80.230.219.70
registers with the service node (185.94.241.20) and calls it; the NAT maps
the device's UDP 5060 to 12345 and leaves SIP alone. Captured inside (the
device's own addresses) or outside (the NAT's). The customer's SBC
(198.51.100.10) answers calls from the service. Frame numbers are asserted
in tests/test_nat.py.
"""
from pcapgen import Capture, TcpFlow, sip_message
from sip_calls import AUDIO, NODE, SBC, sdp, with_port
import h323_calls as h323

DEVICE = "192.168.1.2"
NAT = "80.230.219.70"
NAT_PORT = 12345
PHONE = "10.1.2.3"      # a phone inside the SBC's network


def _via(sent_by, branch, params=""):
    return "SIP/2.0/UDP %s;branch=%s%s" % (sent_by, branch, params)


def _register(says, cseq, call_id="reg-1@device"):
    """The device's REGISTER naming says (its Via and Contact), asking for rport."""
    return sip_message(
        "REGISTER sip:vmr.vc SIP/2.0",
        [("Via", _via("%s:5060" % says, "z9hG4bK-reg-%d" % cseq, ";rport")),
         ("Max-Forwards", "70"),
         ("From", "<sip:alice@vmr.vc>;tag=r1"),
         ("To", "<sip:alice@vmr.vc>"),
         ("Call-ID", call_id),
         ("CSeq", "%d REGISTER" % cseq),
         ("Contact", "<sip:alice@%s:5060>" % says),
         ("Expires", "3600")])


def _register_response(status, says, cseq, via_params, to_tag, call_id="reg-1@device"):
    """The registrar's answer: the device's Via with what the service saw
    (via_params: ";rport=...;received=..."), and on a 200 the binding."""
    headers = [("Via", _via("%s:5060" % says, "z9hG4bK-reg-%d" % cseq, via_params)),
               ("From", "<sip:alice@vmr.vc>;tag=r1"),
               ("To", "<sip:alice@vmr.vc>;tag=%s" % to_tag),
               ("Call-ID", call_id),
               ("CSeq", "%d REGISTER" % cseq)]
    if status.startswith("200"):
        headers.append(("Contact", "<sip:alice@%s:5060>;expires=3600" % says))
    else:
        headers.append(("WWW-Authenticate", 'Digest realm="vmr.vc", nonce="abc"'))
    return sip_message("SIP/2.0 " + status, headers)


def _invite(says, call_id, body=b""):
    headers = [("Via", _via("%s:5060" % says, "z9hG4bK-inv-1", ";rport")),
               ("Max-Forwards", "70"),
               ("From", "<sip:alice@vmr.vc>;tag=c1"),
               ("To", "<sip:meet@vmr.vc>"),
               ("Call-ID", call_id),
               ("CSeq", "1 INVITE"),
               ("Contact", "<sip:alice@%s:5060>" % says)]
    if body:
        headers.append(("Content-Type", "application/sdp"))
    return sip_message("INVITE sip:meet@vmr.vc SIP/2.0", headers, body)


def _invite_response(status, says, call_id, via_params, body=b""):
    headers = [("Via", _via("%s:5060" % says, "z9hG4bK-inv-1", via_params)),
               ("From", "<sip:alice@vmr.vc>;tag=c1"),
               ("To", "<sip:meet@vmr.vc>%s" % ("" if status.startswith("100") else ";tag=n1")),
               ("Call-ID", call_id),
               ("CSeq", "1 INVITE")]
    if not status.startswith("100"):
        headers.append(("Contact", "<sip:meet@%s:5060>" % NODE))
    if body:
        headers.append(("Content-Type", "application/sdp"))
    return sip_message("SIP/2.0 " + status, headers, body)


def _ack(says, call_id):
    return sip_message(
        "ACK sip:meet@%s:5060 SIP/2.0" % NODE,
        [("Via", _via("%s:5060" % says, "z9hG4bK-ack-1", ";rport")),
         ("Max-Forwards", "70"),
         ("From", "<sip:alice@vmr.vc>;tag=c1"),
         ("To", "<sip:meet@vmr.vc>;tag=n1"),
         ("Call-ID", call_id),
         ("CSeq", "1 ACK")])


def _device_session(at, says, seen):
    """A registration (challenged, then accepted), a call, and the
    registration's refresh. at: the device's address and port as captured
    (inside: its own; outside: the NAT's); says: the address it writes in
    Via, Contact and SDP; seen: the service's Via parameters (what it saw).
    1 REGISTER, 2 401, 3 REGISTER, 4 200 (the binding), 5 INVITE, 6 100
    Trying, 7 200 OK, 8 ACK, 9 REGISTER (refresh), 10 200. No media: what
    the NAT does to it is another finding's."""
    c = Capture()
    addr, port = at
    call_id = "call-1@device"
    c.udp(addr, port, NODE, 5060, _register(says, 1))                                      # 1
    c.udp(NODE, 5060, addr, port, _register_response("401 Unauthorized", says, 1, seen,
                                                     "n401"))                              # 2
    c.udp(addr, port, NODE, 5060, _register(says, 2))                                      # 3
    c.udp(NODE, 5060, addr, port, _register_response("200 OK", says, 2, seen, "n200"))     # 4
    offer = sdp(says, [with_port(AUDIO, 20000)])
    answer = sdp(NODE, [with_port(AUDIO, 40000)])
    c.udp(addr, port, NODE, 5060, _invite(says, call_id, offer))                           # 5
    c.udp(NODE, 5060, addr, port, _invite_response("100 Trying", says, call_id, seen))     # 6
    c.udp(NODE, 5060, addr, port, _invite_response("200 OK", says, call_id, seen, answer))  # 7
    c.udp(addr, port, NODE, 5060, _ack(says, call_id))                                     # 8
    c.advance(1.0)
    c.udp(addr, port, NODE, 5060, _register(says, 3))                                      # 9
    c.udp(NODE, 5060, addr, port, _register_response("200 OK", says, 3, seen, "n201"))     # 10
    return c


SEEN_THROUGH_NAT = ";rport=%d;received=%s" % (NAT_PORT, NAT)


def register_inside():
    """Captured inside the NAT: only private addresses, but the service's
    responses say where it saw the requests from (received=80.230.219.70,
    rport=12345). pexip.nat.via_received on the first response of the
    registration (2) and of the call (6); the 200 OKs (4, 10) echo the
    device's private binding from the service's public address: not the
    service's own address, no pexip.nat.private_address."""
    return _device_session((DEVICE, 5060), DEVICE, SEEN_THROUGH_NAT)


def register_outside():
    """The same session captured outside the NAT: the REGISTER (1) comes
    from the public 80.230.219.70:12345 naming 192.168.1.2 in Via and
    Contact: pexip.nat.private_address, as before; the call's INVITE (5)
    too (another call). The responses' received= says the same again: no
    pexip.nat.via_received on top of it."""
    return _device_session((NAT, NAT_PORT), DEVICE, SEEN_THROUGH_NAT)


def register_inside_healthy():
    """Inside the NAT, from a device configured with the NAT's public
    address (in Via, Contact and SDP): the service saw what it announced.
    The registration's responses carry only rport=12345 (the NAT changed
    the port alone: not a finding), the call's received= equals the
    sent-by."""
    c = _device_session((DEVICE, 5060), NAT, ";rport=%d" % NAT_PORT)
    # The same call once more with a service that always adds received=.
    call_id = "call-2@device"
    c.udp(DEVICE, 5060, NODE, 5060, _invite(NAT, call_id, sdp(NAT, [with_port(AUDIO, 20002)])))  # 11
    c.udp(NODE, 5060, DEVICE, 5060, _invite_response("100 Trying", NAT, call_id,
                                                     ";rport=%d;received=%s" % (NAT_PORT, NAT)))  # 12
    # A response whose top Via names a host, not an address: a server
    # always adds received= then (RFC 3261 18.2.1); nothing to compare.
    c.udp(DEVICE, 5060, NODE, 5060, _register("alice-pc.example.com", 1, "reg-2@device"))   # 13
    c.udp(NODE, 5060, DEVICE, 5060, _register_response(
        "401 Unauthorized", "alice-pc.example.com", 1, ";received=%s" % NAT, "n402",
        "reg-2@device"))                                                                    # 14
    return c


def redirect():
    """The service calls the customer's SBC (public, 198.51.100.10), which
    redirects the first call with 302 to a phone inside its network
    (Contact 10.1.2.3): a place to try instead, not the SBC's own address,
    no finding. It answers the second call itself naming its inside
    address in the 200 OK's Contact and SDP: pexip.nat.private_address on
    that 200 (7), a response's Contact and SDP are its sender's own.
    1 INVITE, 2 100 Trying, 3 302, 4 ACK; 5 INVITE, 6 100 Trying, 7 200,
    8 ACK."""
    c = Capture()
    offer = sdp(NODE, [with_port(AUDIO, 40000)])

    def call(call_id, final, contact, body=b""):
        via = _via("%s:5060" % NODE, "z9hG4bK-%s" % call_id)
        common = [("From", "<sip:meet@vmr.vc>;tag=s1"), ("Call-ID", call_id)]
        c.udp(NODE, 5060, SBC, 5060, sip_message(
            "INVITE sip:bob@%s SIP/2.0" % SBC,
            [("Via", via), ("Max-Forwards", "70")] + common +
            [("To", "<sip:bob@%s>" % SBC), ("CSeq", "1 INVITE"),
             ("Contact", "<sip:meet@%s:5060>" % NODE), ("Content-Type", "application/sdp")],
            offer))
        c.udp(SBC, 5060, NODE, 5060, sip_message(
            "SIP/2.0 100 Trying", [("Via", via)] + common +
            [("To", "<sip:bob@%s>" % SBC), ("CSeq", "1 INVITE")]))
        headers = [("Via", via)] + common + [("To", "<sip:bob@%s>;tag=b1" % SBC),
                                             ("CSeq", "1 INVITE"), ("Contact", contact)]
        if body:
            headers.append(("Content-Type", "application/sdp"))
        c.udp(SBC, 5060, NODE, 5060, sip_message("SIP/2.0 " + final, headers, body))
        c.udp(NODE, 5060, SBC, 5060, sip_message(
            "ACK sip:bob@%s SIP/2.0" % SBC,
            [("Via", _via("%s:5060" % NODE, "z9hG4bK-ack-%s" % call_id)),
             ("Max-Forwards", "70")] + common +
            [("To", "<sip:bob@%s>;tag=b1" % SBC), ("CSeq", "1 ACK")]))

    call("redirect-1@node", "302 Moved Temporarily", "<sip:bob@%s:5060>" % PHONE)          # 1-4
    call("redirect-2@node", "200 OK", "<sip:bob@%s:5060>" % PHONE,
         sdp(PHONE, [with_port(AUDIO, 30000)]))                                            # 5-8
    return c


LAB_NODE = "10.44.0.66"     # a service node in a lab, at a private address
GUID_LAB = bytes.fromhex("8a1b2c3d4e5f40718293a4b5c6d7e8f8")


def faststart_answer():
    """A service node in a lab (10.44.0.66, a private address in the lab's
    service range) calls a device at a public address (198.51.100.30) with
    FastStart (4: the node's proposals, its own addresses). The device's
    Connect (6) returns what it accepts: for the channel it receives, its
    own addresses (forward parameters); for the channel the node receives,
    the node's proposal repeated (reverse parameters: 10.44.0.66). Those
    are the proposer's, not the device's: no pexip.nat.private_address."""
    c = Capture()
    call = h323.Call(0x0515, GUID_LAB, h323.CONFERENCE_ID, tunnelling=True)
    ep = h323.EP
    proposals = [
        h323.fast_start_olc(1, "g711u", 1, control=(LAB_NODE, 40025)),
        h323.fast_start_olc(2, "g711u", 1, control=(LAB_NODE, 40025), media=(LAB_NODE, 40024),
                            receive=True),
    ]
    accepted = [
        h323.fast_start_olc(1, "g711u", 1, control=(ep, 5021), media=(ep, 5020)),
        h323.fast_start_olc(2, "g711u", 1, control=(LAB_NODE, 40025), media=(LAB_NODE, 40024),
                            receive=True),
    ]
    sig = TcpFlow(c, LAB_NODE, 49300, ep, h323.H225_PORT)
    sig.handshake()                                                                       # 1-3
    sig.client_sends(call.setup(dest_signal=(ep, h323.H225_PORT),
                                source_signal=(LAB_NODE, 49300), fast_start=proposals))   # 4 Setup
    sig.server_sends(call.call_proceeding())                                              # 5
    sig.server_sends(call.connect(fast_start=accepted))                                   # 6 Connect
    sig.client_sends(call.release_complete(True))                                         # 7
    return c


CAPTURES = {
    "nat-h323-faststart-answer.pcap": faststart_answer,
    "nat-register-inside.pcap": register_inside,
    "nat-register-inside-healthy.pcap": register_inside_healthy,
    "nat-register-outside.pcap": register_outside,
    "nat-redirect.pcap": redirect,
}
