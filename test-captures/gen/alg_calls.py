"""Captures for the expert infos (issue 5): what a rewriting ALG or a NAT
leaves in signalling, each with a healthy twin that must stay silent.

The customer's SBC (198.51.100.10, public) calls the service node
(185.94.241.20); inside the customer's network the SBC's own address is
10.20.30.40. Frame numbers are asserted in tests/test_expert_info.py.
"""
import os
import subprocess
import tempfile

from pcapgen import Capture, TcpFlow, ethernet, ip_packet, rtp_packet, udp_segment
from sip_calls import AUDIO, NODE, SBC, request, response, sdp, with_port
import h323_calls as h323

SBC_INSIDE = "10.20.30.40"


def _answered(c, cid, offer):
    """The SBC's INVITE with offer (1), the service's 200 OK answering
    audio on 40000 (2), ACK (3), one audio packet each way (4, 5).
    Returns the answer."""
    answer = sdp(NODE, [with_port(AUDIO, 40000)])
    c.udp(SBC, 5060, NODE, 5060, request("INVITE", cid, 1, SBC, NODE, offer))               # 1
    c.udp(NODE, 5060, SBC, 5060, response("200 OK", "INVITE", cid, 1, NODE, SBC, answer))  # 2
    c.udp(SBC, 5060, NODE, 5060, request("ACK", cid, 1, SBC, NODE, to_tag="b1"))            # 3
    c.udp(SBC, 20000, NODE, 40000, rtp_packet(1, 160, 0xA1))                                # 4
    c.udp(NODE, 40000, SBC, 20000, rtp_packet(1, 160, 0xB1))                                # 5
    return answer


def _origin_call(offer_origin, hold_origin):
    """INVITE/200/ACK, audio both ways, a re-INVITE putting the call on
    hold (c=0.0.0.0, the old way), 200, BYE/200."""
    c = Capture()
    cid = "alg-origin@198.51.100.10"
    answer = _answered(c, cid, sdp(SBC, [with_port(AUDIO, 20000)], origin=offer_origin))  # 1-5
    hold = sdp("0.0.0.0", [with_port(AUDIO, 20000)], origin=hold_origin)
    c.udp(SBC, 5060, NODE, 5060, request("INVITE", cid, 2, SBC, NODE, hold, to_tag="b1"))   # 6 hold
    c.udp(NODE, 5060, SBC, 5060, response("200 OK", "INVITE", cid, 2, NODE, SBC, answer))  # 7
    moved = sdp(SBC, [with_port(AUDIO, 20002)], origin=offer_origin)
    c.udp(SBC, 5060, NODE, 5060, request("INVITE", cid, 3, SBC, NODE, moved, to_tag="b1"))  # 8 resume
    c.udp(NODE, 5060, SBC, 5060, response("200 OK", "INVITE", cid, 3, NODE, SBC, answer))  # 9
    c.udp(SBC, 5060, NODE, 5060, request("BYE", cid, 4, SBC, NODE, to_tag="b1"))            # 10
    c.udp(NODE, 5060, SBC, 5060, response("200 OK", "BYE", cid, 4, NODE, SBC))              # 11
    return c


def sdp_origin_rewritten():
    """An ALG on the customer's firewall rewrote c= to the public address
    and left o= with the SBC's inside address: frame 1 shows it; the
    re-INVITEs (6 hold with c=0.0.0.0, 8 resume with the same rewrite) do
    not repeat it (once per call)."""
    return _origin_call(SBC_INSIDE, SBC_INSIDE)


def sdp_origin_healthy():
    """The same call from an SBC that writes its public address in both."""
    return _origin_call(SBC, SBC)


def _nat_call(sbc_says):
    """The SBC sends from its public address; sbc_says is the address it
    writes in Via, Contact and SDP (o= and c=). INVITE/200/ACK, audio both
    ways, BYE/200."""
    c = Capture()
    cid = "nat@198.51.100.10"
    offer = sdp(sbc_says, [with_port(AUDIO, 20000)])
    answer = sdp(NODE, [with_port(AUDIO, 40000)])
    c.udp(SBC, 5060, NODE, 5060, request("INVITE", cid, 1, sbc_says, NODE, offer))          # 1
    c.udp(NODE, 5060, SBC, 5060, response("200 OK", "INVITE", cid, 1, NODE, sbc_says,
                                          answer))                                         # 2
    c.udp(SBC, 5060, NODE, 5060, request("ACK", cid, 1, sbc_says, NODE, to_tag="b1"))       # 3
    c.udp(SBC, 20000, NODE, 40000, rtp_packet(1, 160, 0xA1))                                # 4
    c.udp(NODE, 40000, SBC, 20000, rtp_packet(1, 160, 0xB1))                                # 5
    c.udp(SBC, 5060, NODE, 5060, request("BYE", cid, 2, sbc_says, NODE, to_tag="b1"))       # 6
    c.udp(NODE, 5060, SBC, 5060, response("200 OK", "BYE", cid, 2, NODE, sbc_says))         # 7
    return c


def nat_private_address():
    """NAT without anything fixing SIP up: the SBC writes its inside
    address everywhere and sends from the public one. Frame 1 (the INVITE)
    shows it; the ACK and BYE (3, 6) do not repeat it (once per call); the
    service's 200 OK echoes the private Via but comes from the service."""
    return _nat_call(SBC_INSIDE)


def nat_private_address_healthy():
    """The same call from an SBC configured with its public address."""
    return _nat_call(SBC)


def _reinvite_call(cid, offer):
    """The SBC's call with the SDP offer in the INVITE (1) and again in a
    re-INVITE (6); the service answers audio on 40000 (2, 7); ACK (3),
    audio both ways (4, 5), BYE/200 (8, 9)."""
    c = Capture()
    answer = _answered(c, cid, offer)                                                       # 1-5
    c.udp(SBC, 5060, NODE, 5060, request("INVITE", cid, 2, SBC, NODE, offer, to_tag="b1"))  # 6
    c.udp(NODE, 5060, SBC, 5060, response("200 OK", "INVITE", cid, 2, NODE, SBC, answer))  # 7
    c.udp(SBC, 5060, NODE, 5060, request("BYE", cid, 3, SBC, NODE, to_tag="b1"))            # 8
    c.udp(NODE, 5060, SBC, 5060, response("200 OK", "BYE", cid, 3, NODE, SBC))              # 9
    return c


def _partial_call(sdp_says):
    """The SBC sends from its public address and writes it in Via and
    Contact (as an ALG rewrote them, or as the SBC itself did); sdp_says
    is the SDP's address (o= and c=). INVITE/200/ACK, audio both ways, a
    re-INVITE with the same SDP, 200, BYE/200."""
    return _reinvite_call("alg-partial@198.51.100.10", sdp(sdp_says, [with_port(AUDIO, 20000)]))


def partial_rewrite():
    """An ALG rewrote Via and Contact to the firewall's public address and
    left the SDP (o= and c=) with the SBC's inside address: frame 1 shows
    it; the re-INVITE (6) does not repeat it, and neither message is also
    a NAT note (the private SDP is the ALG's leftover)."""
    return _partial_call(SBC_INSIDE)


def partial_rewrite_healthy():
    """The same call with the public address in the SDP too."""
    return _partial_call(SBC)


def _with_info(body, info):
    """The SDP with a session-level i= line (after s=)."""
    return body.replace(b"s=-\r\n", b"s=-\r\ni=" + info.encode("ascii") + b"\r\n", 1)


def _nat_trace_call(info):
    """The SBC's public address everywhere (an ALG rewrote them all, or
    the SBC wrote them), with a session-level i= line. INVITE/200/ACK,
    audio both ways, a re-INVITE with the same SDP, 200, BYE/200."""
    return _reinvite_call("alg-nat-trace@198.51.100.10",
                          _with_info(sdp(SBC, [with_port(AUDIO, 20000)]), info))


def nat_trace():
    """A FortiGate-style ALG rewrote every address to the public one and
    kept the SBC's inside address in i=(o=IN IP4 10.20.30.40): frame 1
    shows it, the re-INVITE (6) does not repeat it."""
    return _nat_trace_call("(o=IN IP4 %s)" % SBC_INSIDE)


def nat_trace_healthy():
    """The same call whose i= line is the SBC's own free text (with
    numbers that are not addresses)."""
    return _nat_trace_call("Boardroom 4.2 call 20231115 via 198.51.100.10")


# An SBC inside address one character longer than the public one, so an
# ALG's rewrite shortens the body (or pads it to keep the length).
SBC_INSIDE_LONG = "10.200.130.140"


def alg_rewrite(message, old, new, body_mode="fix"):
    """message as a SIP ALG passes it on: every `old` address replaced by
    `new`, headers and body, Content-Length left as it was. body_mode:
    "keep" leaves the body's length changed; "pad" pads each rewritten
    SDP address with spaces to the old length; "pad_end" adds the missing
    bytes as spaces after the body's last line."""
    head, body = message.split(b"\r\n\r\n", 1)
    head = head.replace(old.encode(), new.encode())
    if body_mode == "pad":
        new_body = body.replace(old.encode(), new.encode().ljust(len(old)))
    else:
        new_body = body.replace(old.encode(), new.encode())
        if body_mode == "pad_end":
            new_body += b" " * (len(body) - len(new_body))
    return head + b"\r\n\r\n" + new_body


def _udp_with_trailer(c, src, sport, dst, dport, payload, trailer):
    """A UDP frame followed by an Ethernet trailer (bytes after the IP
    packet, as a switch's FCS or padding leaves them)."""
    ethertype, packet = ip_packet(src, dst, 17, udp_segment(src, dst, sport, dport, payload),
                                  ident=len(c.frames) + 1)
    return c.add(ethernet(src, dst, ethertype, packet) + trailer)


def _length_calls(rewritten):
    """Four short calls from the SBC (INVITE/200/ACK), each with its own
    Call-ID. rewritten: an ALG changed each INVITE's body and kept its
    Content-Length (1 longer, 6 shorter, 9 padded inside lines, 12 padded
    after the last line; call 1 has a re-INVITE, 4, rewritten the same
    way); else the SBC wrote its public address itself and each INVITE
    frame carries a 4-byte Ethernet trailer (not part of the body)."""
    c = Capture()
    answer = sdp(NODE, [with_port(AUDIO, 40000)])
    cases = [("alg-longer", SBC_INSIDE, "keep"), ("alg-shorter", SBC_INSIDE_LONG, "keep"),
             ("alg-padded", SBC_INSIDE_LONG, "pad"), ("alg-pad-end", SBC_INSIDE_LONG, "pad_end")]
    for name, inside, mode in cases:
        cid = "%s@198.51.100.10" % name

        def invite(cseq, to_tag=None):
            if not rewritten:
                return request("INVITE", cid, cseq, SBC, NODE, sdp(SBC, [with_port(AUDIO, 20000)]),
                               to_tag=to_tag)
            original = request("INVITE", cid, cseq, inside, NODE,
                               sdp(inside, [with_port(AUDIO, 20000)]), to_tag=to_tag)
            return alg_rewrite(original, inside, SBC, mode)

        if rewritten:
            c.udp(SBC, 5060, NODE, 5060, invite(1))                                          # 1 6 9 12
        else:
            _udp_with_trailer(c, SBC, 5060, NODE, 5060, invite(1), b"\x5a\xa5\x0f\xf0")
        c.udp(NODE, 5060, SBC, 5060, response("200 OK", "INVITE", cid, 1, NODE, SBC, answer))
        c.udp(SBC, 5060, NODE, 5060, request("ACK", cid, 1, SBC, NODE, to_tag="b1"))
        if name == "alg-longer":
            c.udp(SBC, 5060, NODE, 5060, invite(2, to_tag="b1"))                              # 4
            c.udp(NODE, 5060, SBC, 5060, response("200 OK", "INVITE", cid, 2, NODE, SBC, answer))
    return c


def content_length():
    """A SIP ALG changed the SDP and kept Content-Length, four ways: frames
    1 (longer), 6 (shorter), 9 (padded inside o= and c=), 12 (padded after
    the last line: Wireshark's SDP dissector calls that line invalid)."""
    return _length_calls(True)


def content_length_healthy():
    """The same calls without an ALG; the INVITE frames end in an Ethernet
    trailer that is not the body's."""
    return _length_calls(False)


class Merged:
    """Single-point captures merged with mergecap, as an engineer merges
    the captures of two points (mergecap orders by timestamp; pcap output,
    so the file holds no tool version and is the same on every run)."""

    def __init__(self, *points):
        self.points = points

    def write(self, path):
        with tempfile.TemporaryDirectory() as tmp:
            names = []
            for i, point in enumerate(self.points):
                names.append(os.path.join(tmp, "point%d.pcap" % i))
                point.write(names[-1])
            subprocess.run(["mergecap", "-F", "pcap", "-w", path] + names, check=True,
                           capture_output=True)


class TwoPoints:
    """A capture inside the customer's firewall and one outside it: each
    packet is seen at both, the inside copy first when it goes out, the
    outside copy first when it comes in (1 ms apart)."""

    def __init__(self):
        self.inside, self.outside = Capture(), Capture()
        self.clock = 1700000000.0

    def both(self, outbound, at_inside, at_outside):
        """One packet at both points: at_inside(ttl) and at_outside(ttl)
        add it as seen there, the side it comes from first."""
        first, second = (self.inside, self.outside) if outbound else (self.outside, self.inside)
        add_first, add_second = (at_inside, at_outside) if outbound else (at_outside, at_inside)
        first.clock, second.clock = self.clock, self.clock + 0.001
        add_first(64)
        add_second(63)      # one hop later
        self.clock += 0.010

    def send(self, outbound, inside, outside):
        """A UDP packet; inside/outside: (src, sport, dst, dport, payload) as seen there."""
        self.both(outbound, lambda ttl: self.inside.udp(*inside, ttl=ttl),
                  lambda ttl: self.outside.udp(*outside, ttl=ttl))

    def merged(self):
        return Merged(self.inside, self.outside)


def _add_via_below(message, via):
    """message with another Via header after its first one."""
    head, rest = message.split(b"\r\n", 1)
    first_via, rest = rest.split(b"\r\n", 1)
    return head + b"\r\n" + first_via + b"\r\nVia: " + via.encode() + b"\r\n" + rest


def _two_point_call(inside_addr, outside_addr, inside_port, outside_port):
    """A call from the SBC captured inside (where the SBC is inside_addr)
    and outside the firewall (outside_addr), merged: the SIP of each
    side names that side's address and media port. Frames: INVITE 1
    inside, 2 outside; 200 OK 3 outside, 4 inside; ACK 5, 6; RTP 7, 8
    (out), 9, 10 (in); BYE 11, 12; 200 OK 13, 14."""
    t = TwoPoints()
    cid = "two-points@10.20.30.40"
    answer = sdp(NODE, [with_port(AUDIO, 40000)])

    def both(outbound, message, sport=5060, dport=5060):
        ins = message(inside_addr, inside_port)
        outs = message(outside_addr, outside_port)
        if outbound:
            t.send(True, (inside_addr, sport, NODE, dport, ins), (SBC, sport, NODE, dport, outs))
        else:
            t.send(False, (NODE, sport, inside_addr, dport, ins), (NODE, sport, SBC, dport, outs))

    both(True, lambda a, p: request("INVITE", cid, 1, a, NODE, sdp(a, [with_port(AUDIO, p)])))
    both(False, lambda a, p: response("200 OK", "INVITE", cid, 1, NODE, a, answer))
    both(True, lambda a, p: request("ACK", cid, 1, a, NODE, to_tag="b1"))
    t.send(True, (inside_addr, inside_port, NODE, 40000, rtp_packet(1, 160, 0xA1)),
           (SBC, outside_port, NODE, 40000, rtp_packet(1, 160, 0xA1)))
    t.send(False, (NODE, 40000, inside_addr, inside_port, rtp_packet(1, 160, 0xB1)),
           (NODE, 40000, SBC, outside_port, rtp_packet(1, 160, 0xB1)))
    both(True, lambda a, p: request("BYE", cid, 2, a, NODE, to_tag="b1"))
    both(False, lambda a, p: response("200 OK", "BYE", cid, 2, NODE, a))
    return t.merged()


def rewritten():
    """Inside and outside a firewall whose SIP ALG rewrote every address
    (Via, Contact, SDP o= and c=) from 10.20.30.40 to 198.51.100.10 and
    the media port from 20000 to 30000. Each message is on its own clean;
    together, frame 2 (the outside INVITE) shows the rewrite of frame 1;
    every message's two copies point at each other."""
    return _two_point_call(SBC_INSIDE, SBC, 20000, 30000)


def rewritten_nat_only():
    """The same two points through a firewall that NATs only the IP
    header: both copies name 10.20.30.40 and port 20000. No rewrite; the
    outside INVITE (2) is the plain NAT note."""
    return _two_point_call(SBC_INSIDE, SBC_INSIDE, 20000, 20000)


def rewritten_relayed():
    """The SBC has its public address on both sides (a routing firewall,
    no NAT): the same message relayed unchanged (TTL one less)."""
    return _two_point_call(SBC, SBC, 20000, 20000)


PHONE = "10.20.30.50"


def rewritten_proxy_hop():
    """A proxying SBC between an inside phone (10.20.30.50) and the
    service: inside, phone to SBC (10.20.30.40); outside, SBC
    (198.51.100.10) to the service with its own Via on top (new branch),
    its Contact and SDP (media anchored on port 30000). INVITE 1 inside,
    2 outside; 200 OK 3 outside (both Vias), 4 inside (the phone's);
    ACK 5, 6."""
    t = TwoPoints()
    cid = "proxy-hop@10.20.30.50"
    phone_via = "SIP/2.0/UDP %s:5060;branch=z9hG4bK-phone-1" % PHONE
    answer = sdp(NODE, [with_port(AUDIO, 40000)])
    phone_answer = sdp(SBC_INSIDE, [with_port(AUDIO, 32000)])
    t.send(True, (PHONE, 5060, SBC_INSIDE, 5060,
                  request("INVITE", cid, 1, PHONE, NODE, sdp(PHONE, [with_port(AUDIO, 20000)]),
                          branch="z9hG4bK-phone-1")),
           (SBC, 5060, NODE, 5060,
            _add_via_below(request("INVITE", cid, 1, SBC, NODE, sdp(SBC, [with_port(AUDIO, 30000)]),
                                   branch="z9hG4bK-sbc-1"), phone_via)))
    outside_ok = response("200 OK", "INVITE", cid, 1, NODE, SBC, answer)
    outside_ok = outside_ok.replace(b"branch=z9hG4bK-%s-1" % cid.encode(), b"branch=z9hG4bK-sbc-1")
    inside_ok = response("200 OK", "INVITE", cid, 1, SBC_INSIDE, PHONE, phone_answer)
    inside_ok = inside_ok.replace(b"branch=z9hG4bK-%s-1" % cid.encode(), b"branch=z9hG4bK-phone-1")
    t.send(False, (SBC_INSIDE, 5060, PHONE, 5060, inside_ok),
           (NODE, 5060, SBC, 5060, _add_via_below(outside_ok, phone_via)))
    t.send(True, (PHONE, 5060, SBC_INSIDE, 5060,
                  request("ACK", cid, 1, PHONE, NODE, to_tag="b1", branch="z9hG4bK-phone-2")),
           (SBC, 5060, NODE, 5060,
            _add_via_below(request("ACK", cid, 1, SBC, NODE, to_tag="b1", branch="z9hG4bK-sbc-2"),
                           "SIP/2.0/UDP %s:5060;branch=z9hG4bK-phone-2" % PHONE)))
    return t.merged()


# ---- H.323 at two capture points -------------------------------------------------


class TwoPointTcp:
    """One TCP connection as the two points see it: inside and outside are
    (client, cport, server, sport) there."""

    def __init__(self, points, inside, outside):
        self.points = points
        self.inside = TcpFlow(points.inside, *inside)
        self.outside = TcpFlow(points.outside, *outside)

    def handshake(self):
        i, o = self.inside, self.outside
        self.points.both(True, i.syn, o.syn)
        self.points.both(False, i.syn_ack, o.syn_ack)
        self.points.both(True, i.ack, o.ack)

    def client_sends(self, inside, outside):
        self.points.both(True, lambda ttl: self.inside.client_sends(inside, ttl),
                         lambda ttl: self.outside.client_sends(outside, ttl))

    def server_sends(self, inside, outside):
        self.points.both(False, lambda ttl: self.inside.server_sends(inside, ttl),
                         lambda ttl: self.outside.server_sends(outside, ttl))


class H323Point:
    """What one capture point sees of the customer side of an H.323 call:
    packets from `addr` naming `says` (and media ports from `media`) to
    `peer`, which names `peer_says`; the Q.931 call reference is the
    call's plus `ref_offset` (an SBC's own on its leg)."""

    def __init__(self, addr, says, peer=h323.IVR, peer_says=h323.IVR, media=5000, ref_offset=0):
        self.addr, self.says, self.peer, self.peer_says = addr, says, peer, peer_says
        self.media, self.ref_offset = media, ref_offset

    def call(self, ref, guid, tunnelling=False, own_ref=True):
        """The call's messages here (own_ref False: the call reference kept)."""
        return h323.Call(ref + (self.ref_offset if own_ref else 0), guid, h323.CONFERENCE_ID,
                         tunnelling)


GUID_TWO_POINTS = [bytes.fromhex("8a1b2c3d4e5f40718293a4b5c6d7e8%02x" % n) for n in (1, 2, 3)]


def _h323_two_points(inside, outside, same_ref_in_call_2=False):
    """Three H.323 calls from the customer side to the IVR, captured
    inside (H323Point inside) and outside (outside) the customer's
    firewall, merged. Every packet is there twice: frames 2k-1 and 2k,
    the inside copy first when it goes out (odd frames inside), the
    outside copy first when it comes in (odd frames outside).
    Call 1, separate H.245: TCP 1-6; Setup 7 (inside), 8 (outside) with
    h245Address, sourceCallSignalAddress, destCallSignalAddress;
    CallProceeding 9 (outside), 10 (inside); Connect 11, 12 with the
    IVR's h245Address; H.245 TCP 13-18; OLC 1 19 (inside), 20 (outside)
    naming the customer side's mediaControlChannel; the IVR's OLC-Ack 1
    21, 22 and OLC 101 23, 24; the customer side's OLC-Ack 101 25
    (inside), 26 (outside); ReleaseComplete 27, 28.
    Call 2, H.245 tunnelled: TCP 29-34; Setup 35, 36 (destCallSignalAddress
    only); Connect 37, 38; Facility 39 (inside), 40 (outside) tunnelling
    OLC 1; the IVR's Facility 41, 42 (OLC-Ack 1, OLC 101); Facility 43
    (inside), 44 (outside) tunnelling OLC-Ack 101; ReleaseComplete 45, 46.
    Call 3, FastStart: TCP 47-52; Setup 53 (inside), 54 (outside)
    proposing to send (mediaControlChannel) and receive (mediaChannel,
    mediaControlChannel); the IVR's Connect 55 (outside), 56 (inside)
    accepting, repeating the customer side's receive addresses;
    ReleaseComplete 57, 58.
    No media: only the signalling is compared."""
    t = TwoPoints()

    def flow(port, server_port):
        return TwoPointTcp(t, (inside.addr, port, inside.peer, server_port),
                           (outside.addr, port, outside.peer, server_port))

    def both(send, message):
        """send: a flow's client_sends or server_sends; message(point, call) the bytes there."""
        send(message(inside, calls[0]), message(outside, calls[1]))

    # Call 1: separate H.245.
    calls = [inside.call(0x0911, GUID_TWO_POINTS[0]), outside.call(0x0911, GUID_TWO_POINTS[0])]
    sig = flow(49500, h323.H225_PORT)
    sig.handshake()                                                                    # 1-6
    both(sig.client_sends, lambda p, c: c.setup(
        dest_aliases=[("dialledDigits", "87654321")], dest_signal=(p.peer_says, h323.H225_PORT),
        source_signal=(p.says, h323.H225_PORT), digits="87654321",
        h245_address=(p.says, p.media + 50)))                                          # 7, 8
    both(sig.server_sends, lambda p, c: c.call_proceeding())                           # 9, 10
    both(sig.server_sends, lambda p, c: c.connect(h245_address=(p.peer_says, 33001)))  # 11, 12
    h245 = flow(49501, 33001)
    h245.handshake()                                                                   # 13-18
    both(h245.client_sends, lambda p, c: h323.tpkt(h323.open_logical_channel(
        1, "g711u", 1, (p.says, p.media + 5))))                                        # 19, 20
    both(h245.server_sends, lambda p, c: h323.tpkt(h323.open_logical_channel_ack(
        1, 1, (p.peer_says, 40000), (p.peer_says, 40001))))                            # 21, 22
    both(h245.server_sends, lambda p, c: h323.tpkt(h323.open_logical_channel(
        101, "g711u", 1, (p.peer_says, 40001))))                                       # 23, 24
    both(h245.client_sends, lambda p, c: h323.tpkt(h323.open_logical_channel_ack(
        101, 1, (p.says, p.media + 4), (p.says, p.media + 5))))                        # 25, 26
    both(sig.client_sends, lambda p, c: c.release_complete(True))                      # 27, 28

    # Call 2: H.245 tunnelled in Facility messages.
    calls = [inside.call(0x0912, GUID_TWO_POINTS[1], tunnelling=True),
             outside.call(0x0912, GUID_TWO_POINTS[1], tunnelling=True,
                          own_ref=not same_ref_in_call_2)]
    sig = flow(49510, h323.H225_PORT)
    sig.handshake()                                                                    # 29-34
    both(sig.client_sends, lambda p, c: c.setup(
        dest_aliases=[("dialledDigits", "87654321")], dest_signal=(p.peer_says, h323.H225_PORT),
        digits="87654321"))                                                            # 35, 36
    both(sig.server_sends, lambda p, c: c.connect())                                   # 37, 38
    both(sig.client_sends, lambda p, c: c.facility(True, [h323.open_logical_channel(
        1, "g711u", 1, (p.says, p.media + 15))]))                                      # 39, 40
    both(sig.server_sends, lambda p, c: c.facility(False, [
        h323.open_logical_channel_ack(1, 1, (p.peer_says, 40010), (p.peer_says, 40011)),
        h323.open_logical_channel(101, "g711u", 1, (p.peer_says, 40011))]))            # 41, 42
    both(sig.client_sends, lambda p, c: c.facility(True, [h323.open_logical_channel_ack(
        101, 1, (p.says, p.media + 14), (p.says, p.media + 15))]))                     # 43, 44
    both(sig.client_sends, lambda p, c: c.release_complete(True))                      # 45, 46

    # Call 3: FastStart.
    calls = [inside.call(0x0913, GUID_TWO_POINTS[2], tunnelling=True),
             outside.call(0x0913, GUID_TWO_POINTS[2], tunnelling=True)]
    sig = flow(49520, h323.H225_PORT)
    sig.handshake()                                                                    # 47-52

    def receive(p):
        return h323.fast_start_olc(2, "g711u", 1, control=(p.says, p.media + 25),
                                   media=(p.says, p.media + 24), receive=True)

    both(sig.client_sends, lambda p, c: c.setup(
        dest_aliases=[("dialledDigits", "87654321")], dest_signal=(p.peer_says, h323.H225_PORT),
        digits="87654321", fast_start=[
            h323.fast_start_olc(1, "g711u", 1, control=(p.says, p.media + 25)),
            receive(p)]))                                                              # 53, 54
    both(sig.server_sends, lambda p, c: c.connect(fast_start=[
        h323.fast_start_olc(1, "g711u", 1, control=(p.peer_says, 40051),
                            media=(p.peer_says, 40050)),
        receive(p)]))                                                                  # 55, 56
    both(sig.client_sends, lambda p, c: c.release_complete(True))                      # 57, 58
    return t.merged()


H323_INSIDE = h323.INSIDE           # 10.20.30.50, the device behind the firewall
H323_FIREWALL = h323.FIREWALL       # 198.51.100.10, the firewall's public address


def h323_rewritten():
    """A device (10.20.30.50) behind a NAT firewall (198.51.100.10) whose
    H.323 ALG rewrites every address the device embeds to the public one,
    both ways: in Setup (h245Address, sourceCallSignalAddress, FastStart
    channels), in H.245 on its own connection and tunnelled, and back in
    the IVR's FastStart Connect (the device's receive address). Each
    message alone looks clean. Rewritten copies: 8 (Setup), 20, 26 (H.245
    OLC 1, OLC-Ack 101), 40, 44 (tunnelled OLC 1, OLC-Ack 101), 54 (FastStart
    Setup), 56 (Connect, inbound: the inside copy); the findings on 8, 40
    and 54 (once per call)."""
    return _h323_two_points(H323Point(H323_INSIDE, H323_INSIDE),
                            H323Point(H323_FIREWALL, H323_FIREWALL))


def h323_rewritten_nat_only():
    """The same calls through a firewall that NATs only the IP header: both
    copies name 10.20.30.50. No rewrite; the outside copies that first
    name a private address from the public one are NAT notes (8, 40, 54)."""
    return _h323_two_points(H323Point(H323_INSIDE, H323_INSIDE),
                            H323Point(H323_FIREWALL, H323_INSIDE))


def h323_rewritten_relayed():
    """The device has its public address (198.51.100.30) on both sides (a
    routing firewall, no NAT): every message relayed unchanged."""
    return _h323_two_points(H323Point(h323.EP, h323.EP), H323Point(h323.EP, h323.EP))


H323_SBC_INSIDE = "10.20.30.40"


def h323_rewritten_sbc_hop():
    """An SBC (gatekeeper-routed style) between the device and the IVR:
    inside, the device (10.20.30.50) calls the SBC (10.20.30.40), which
    names its own inside addresses in its answers; outside, the SBC
    (198.51.100.10) calls the IVR with the same callIdentifier, its own
    addresses (media anchored on ports 30000+) and, in calls 1 and 3, its
    own call reference (0x0a11, 0x0a13); in call 2 it keeps the device's
    (0x0912). Two legs, not copies."""
    return _h323_two_points(
        H323Point(H323_INSIDE, H323_INSIDE, H323_SBC_INSIDE, H323_SBC_INSIDE),
        H323Point(H323_FIREWALL, H323_FIREWALL, media=30000, ref_offset=0x0100),
        same_ref_in_call_2=True)


CAPTURES = {
    "nat-private-address.pcap": nat_private_address,
    "nat-private-address-healthy.pcap": nat_private_address_healthy,
    "alg-sdp-origin.pcap": sdp_origin_rewritten,
    "alg-sdp-origin-healthy.pcap": sdp_origin_healthy,
    "alg-partial-rewrite.pcap": partial_rewrite,
    "alg-partial-rewrite-healthy.pcap": partial_rewrite_healthy,
    "alg-nat-trace.pcap": nat_trace,
    "alg-nat-trace-healthy.pcap": nat_trace_healthy,
    "alg-content-length.pcap": content_length,
    "alg-content-length-healthy.pcap": content_length_healthy,
    "alg-rewritten.pcap": rewritten,
    "alg-rewritten-nat-only.pcap": rewritten_nat_only,
    "alg-rewritten-relayed.pcap": rewritten_relayed,
    "alg-rewritten-proxy-hop.pcap": rewritten_proxy_hop,
    "alg-h323-rewritten.pcap": h323_rewritten,
    "alg-h323-rewritten-nat-only.pcap": h323_rewritten_nat_only,
    "alg-h323-rewritten-relayed.pcap": h323_rewritten_relayed,
    "alg-h323-rewritten-sbc-hop.pcap": h323_rewritten_sbc_hop,
}
