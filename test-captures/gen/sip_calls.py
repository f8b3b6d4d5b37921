"""Captures for SIP/SDP call-to-media linking (issue 3).

The customer's SBC (198.51.100.10) calls the service node (185.94.241.20)
over UDP. Frame numbers are asserted in tests/test_sip_linking.py.
"""
from pcapgen import (BFCP_GRANTED, BFCP_PENDING, BFCP_RELEASED, Capture, TcpFlow,
                     bfcp_floor_release, bfcp_floor_request, bfcp_floor_request_status,
                     rtp_packet, sip_message)

NODE = "185.94.241.20"
SBC = "198.51.100.10"
OTHER_A, OTHER_B = "192.0.2.10", "192.0.2.20"


def sdp(addr, media, origin=None, session_dir=None):
    """media: list of (kind, port, transport, payload, extra attribute lines)."""
    lines = ["v=0", "o=- 1 1 IN IP4 %s" % (origin or addr), "s=-", "c=IN IP4 %s" % addr, "t=0 0"]
    if session_dir:
        lines.append("a=" + session_dir)
    for kind, port, transport, fmt, attrs in media:
        lines.append("m=%s %d %s %s" % (kind, port, transport, fmt))
        lines.extend("a=" + a for a in attrs)
    return ("\r\n".join(lines) + "\r\n").encode("ascii")


def request(method, call_id, cseq, src, dst, body=b"", from_tag="a1", to_tag=None, branch=None,
            transport="UDP", caller=("sbc", SBC), callee=("meet", NODE), request_uri=None,
            contact=None):
    """A request from src; caller/callee: (user, host) of From and To;
    request_uri: the Request-URI when not sip:<callee user>@<dst>;
    contact: the Contact when not <sip:<caller user>@<src>:5060>."""
    headers = [("Via", "SIP/2.0/%s %s:5060;branch=%s" % (transport, src,
                                                         branch or "z9hG4bK-%s-%d" % (call_id, cseq))),
               ("Max-Forwards", "70"),
               ("From", "<sip:%s@%s>;tag=%s" % (caller + (from_tag,))),
               ("To", "<sip:%s@%s>%s" % (callee + (";tag=" + to_tag if to_tag else "",))),
               ("Call-ID", call_id),
               ("CSeq", "%d %s" % (cseq, method)),
               ("Contact", contact or "<sip:%s@%s:5060>" % (caller[0], src))]
    if body:
        headers.append(("Content-Type", "application/sdp"))
    return sip_message("%s %s SIP/2.0" % (method, request_uri or "sip:%s@%s" % (callee[0], dst)),
                       headers, body)


def response(status, method, call_id, cseq, src, dst, body=b"", from_tag="a1", to_tag="b1",
             transport="UDP", caller=("sbc", SBC), callee=("meet", NODE)):
    """A response from src to a request of caller; to_tag None: no tag."""
    headers = [("Via", "SIP/2.0/%s %s:5060;branch=z9hG4bK-%s-%d" % (transport, dst, call_id, cseq)),
               ("From", "<sip:%s@%s>;tag=%s" % (caller + (from_tag,))),
               ("To", "<sip:%s@%s>%s" % (callee + (";tag=" + to_tag if to_tag else "",))),
               ("Call-ID", call_id),
               ("CSeq", "%d %s" % (cseq, method)),
               ("Contact", "<sip:%s@%s:5060>" % (callee[0], src))]
    if body:
        headers.append(("Content-Type", "application/sdp"))
    return sip_message("SIP/2.0 %s" % status, headers, body)


AUDIO = ("audio", 0, "RTP/AVP", "0", ["rtpmap:0 PCMU/8000"])
VIDEO = ("video", 0, "RTP/AVP", "96", ["rtpmap:96 H264/90000"])


def with_port(media, port, extra=()):
    kind, _, transport, fmt, attrs = media
    return (kind, port, transport, fmt, list(attrs) + list(extra))


def basic():
    """One call: audio+video both ways with RTCP, a re-INVITE that moves
    the SBC's audio port, BYE; then a second call that reuses the first
    call's ports; RTP between other hosts stays unlinked."""
    c = Capture()
    cid = "call-one@198.51.100.10"
    offer = sdp(SBC, [with_port(AUDIO, 20000), with_port(VIDEO, 20002)])
    answer = sdp(NODE, [with_port(AUDIO, 40000), with_port(VIDEO, 40002)])
    c.udp(SBC, 5060, NODE, 5060, request("INVITE", cid, 1, SBC, NODE, offer))                    # 1
    c.udp(NODE, 5060, SBC, 5060, response("200 OK", "INVITE", cid, 1, NODE, SBC, answer))       # 2
    c.udp(SBC, 5060, NODE, 5060, request("ACK", cid, 1, SBC, NODE, to_tag="b1"))                 # 3
    c.udp(SBC, 20000, NODE, 40000, rtp_packet(1, 160, 0xA1))                                     # 4 audio to service
    c.udp(NODE, 40000, SBC, 20000, rtp_packet(1, 160, 0xB1))                                     # 5 audio to SBC
    c.udp(SBC, 20002, NODE, 40002, rtp_packet(1, 3000, 0xA2, 96))                                # 6 video to service
    c.udp(NODE, 40002, SBC, 20002, rtp_packet(1, 3000, 0xB2, 96))                                # 7 video to SBC
    c.udp(SBC, 20001, NODE, 40001, b"\x80\xc8\x00\x06" + b"\x00" * 24)                           # 8 RTCP SR to service
    c.udp(OTHER_A, 30000, OTHER_B, 30000, rtp_packet(1, 160, 0xC1))                              # 9 not the service's
    moved = sdp(SBC, [with_port(AUDIO, 20010), with_port(VIDEO, 20002, ["sendonly"])])
    c.udp(SBC, 5060, NODE, 5060, request("INVITE", cid, 2, SBC, NODE, moved, to_tag="b1"))       # 10 re-INVITE
    c.udp(NODE, 5060, SBC, 5060, response("200 OK", "INVITE", cid, 2, NODE, SBC,
                                          sdp(NODE, [with_port(AUDIO, 40000), with_port(VIDEO, 40002, ["recvonly"])])))  # 11
    c.udp(NODE, 40000, SBC, 20010, rtp_packet(2, 320, 0xB1))                                     # 12 audio to the new port
    c.udp(NODE, 40000, SBC, 20000, rtp_packet(3, 480, 0xB1))                                     # 13 old port: still call 1's setup 1
    c.udp(SBC, 5060, NODE, 5060, request("BYE", cid, 3, SBC, NODE, to_tag="b1"))                 # 14
    c.udp(NODE, 5060, SBC, 5060, response("200 OK", "BYE", cid, 3, NODE, SBC))                   # 15
    c.advance(5)
    cid2 = "call-two@198.51.100.10"
    offer2 = sdp(SBC, [with_port(AUDIO, 20000)])
    answer2 = sdp(NODE, [with_port(AUDIO, 40000)])
    c.udp(SBC, 5060, NODE, 5060, request("INVITE", cid2, 1, SBC, NODE, offer2, from_tag="a2"))   # 16
    c.udp(NODE, 5060, SBC, 5060, response("200 OK", "INVITE", cid2, 1, NODE, SBC, answer2,
                                          from_tag="a2", to_tag="b2"))                           # 17
    c.udp(SBC, 20000, NODE, 40000, rtp_packet(10, 1600, 0xA9))                                   # 18 same ports: call 2
    c.udp(NODE, 40000, SBC, 20000, rtp_packet(10, 1600, 0xB9))                                   # 19
    # The service moves its audio with an UPDATE and puts the call on hold
    # (sendonly: it keeps sending music on hold, receives nothing).
    hold = sdp(NODE, [with_port(AUDIO, 40010, ["sendonly"])])
    update = request("UPDATE", cid2, 1, NODE, SBC, hold, from_tag="b2", to_tag="a2",
                     caller=("meet", NODE), callee=("sbc", SBC))
    c.udp(NODE, 5060, SBC, 5060, update)                                                         # 20 UPDATE
    c.udp(SBC, 5060, NODE, 5060, response("200 OK", "UPDATE", cid2, 1, SBC, NODE,
                                          sdp(SBC, [with_port(AUDIO, 20000, ["recvonly"])]),
                                          from_tag="b2", to_tag="a2",
                                          caller=("meet", NODE), callee=("sbc", SBC)))          # 21
    c.udp(SBC, 20000, NODE, 40010, rtp_packet(11, 1760, 0xA9))                                   # 22 to the new port
    c.udp(NODE, 40010, SBC, 20000, rtp_packet(11, 1760, 0xB9))                                   # 23 hold music
    return c


FORK_A, FORK_B = "198.51.100.21", "198.51.100.22"


def fork():
    """The service calls out through the customer's SBC, which forks the
    INVITE to two phones: two early dialogs (183 with SDP each, early media
    both ways), then the second phone answers."""
    c = Capture()
    cid = "fork@185.94.241.20"
    svc = {"caller": ("meet", NODE), "callee": ("alice", SBC)}
    offer = sdp(NODE, [with_port(AUDIO, 40100)])
    early_a = sdp(FORK_A, [with_port(AUDIO, 20000)])
    early_b = sdp(FORK_B, [with_port(AUDIO, 20000)])
    c.udp(NODE, 5060, SBC, 5060, request("INVITE", cid, 1, NODE, SBC, offer, from_tag="n1", **svc))   # 1
    c.udp(SBC, 5060, NODE, 5060, response("100 Trying", "INVITE", cid, 1, SBC, NODE,
                                          from_tag="n1", to_tag=None, **svc))                      # 2
    c.udp(SBC, 5060, NODE, 5060, response("183 Session Progress", "INVITE", cid, 1, SBC, NODE, early_a,
                                          from_tag="n1", to_tag="fa", **svc))                      # 3 dialog 1
    c.udp(SBC, 5060, NODE, 5060, response("183 Session Progress", "INVITE", cid, 1, SBC, NODE, early_b,
                                          from_tag="n1", to_tag="fb", **svc))                      # 4 fork: dialog 2
    c.udp(FORK_A, 20000, NODE, 40100, rtp_packet(1, 160, 0xFA))                                    # 5 early media A
    c.udp(FORK_B, 20000, NODE, 40100, rtp_packet(1, 160, 0xFB))                                    # 6 early media B
    c.udp(NODE, 40100, FORK_A, 20000, rtp_packet(1, 160, 0xCA))                                    # 7
    c.udp(NODE, 40100, FORK_B, 20000, rtp_packet(1, 160, 0xCB))                                    # 8
    c.udp(SBC, 5060, NODE, 5060, response("200 OK", "INVITE", cid, 1, SBC, NODE, early_b,
                                          from_tag="n1", to_tag="fb", **svc))                      # 9
    c.udp(NODE, 5060, SBC, 5060, request("ACK", cid, 1, NODE, SBC, from_tag="n1", to_tag="fb", **svc))  # 10
    c.udp(FORK_B, 20000, NODE, 40100, rtp_packet(2, 320, 0xFB))                                    # 11
    c.udp(NODE, 40100, FORK_B, 20000, rtp_packet(2, 320, 0xCB))                                    # 12
    # The answered phone hangs up: From and To swap in its request.
    bye = request("BYE", cid, 1, SBC, NODE, from_tag="fb", to_tag="n1",
                  caller=("alice", SBC), callee=("meet", NODE))
    c.udp(SBC, 5060, NODE, 5060, bye)                                                             # 13
    c.udp(NODE, 5060, SBC, 5060, response("200 OK", "BYE", cid, 1, NODE, SBC, from_tag="fb",
                                          to_tag="n1", caller=("alice", SBC), callee=("meet", NODE)))  # 14
    return c


def tcp():
    """SIP over TCP (SBC to service, 5060): the INVITE split across two
    segments, two responses in one segment, and later one segment holding
    the BYE of the first call and the INVITE of a second."""
    c = Capture()
    t = dict(transport="TCP")
    flow = TcpFlow(c, SBC, 40500, NODE, 5060)
    flow.handshake()                                                                              # 1-3
    cid1, cid2 = "tcp-one@198.51.100.10", "tcp-two@198.51.100.10"
    invite = request("INVITE", cid1, 1, SBC, NODE, sdp(SBC, [with_port(AUDIO, 20100)]), **t)
    cut = invite.index(b"\r\n\r\n") - 20
    flow.client_sends(invite[:cut])                                                               # 4 first part
    flow.client_sends(invite[cut:])                                                               # 5 rest: INVITE
    answer = sdp(NODE, [with_port(AUDIO, 40200)])
    flow.server_sends(response("100 Trying", "INVITE", cid1, 1, NODE, SBC, to_tag=None, **t) +
                      response("200 OK", "INVITE", cid1, 1, NODE, SBC, answer, **t))              # 6 two messages
    flow.client_sends(request("ACK", cid1, 1, SBC, NODE, to_tag="b1", **t))                       # 7
    c.udp(SBC, 20100, NODE, 40200, rtp_packet(1, 160, 0xA1))                                      # 8
    c.udp(NODE, 40200, SBC, 20100, rtp_packet(1, 160, 0xB1))                                      # 9
    flow.client_sends(request("BYE", cid1, 2, SBC, NODE, to_tag="b1", **t) +
                      request("INVITE", cid2, 1, SBC, NODE, sdp(SBC, [with_port(AUDIO, 20100)]),
                              from_tag="a2", **t))                                                # 10 two calls
    flow.server_sends(response("200 OK", "BYE", cid1, 2, NODE, SBC, **t) +
                      response("200 OK", "INVITE", cid2, 1, NODE, SBC, sdp(NODE, [with_port(AUDIO, 40202)]),
                               from_tag="a2", to_tag="b2", **t))                                  # 11 two calls
    c.udp(SBC, 20100, NODE, 40202, rtp_packet(1, 160, 0xA2))                                      # 12 call 2
    c.udp(NODE, 40202, SBC, 20100, rtp_packet(1, 160, 0xB2))                                      # 13 call 2
    return c


def concurrent():
    """Three calls at once from the SBC, set up one after another, media
    interleaved; the middle one ends first. Each dials the service another
    way: a conference number at vmr.vc, a number at the node's address, a
    person's URI."""
    c = Capture()
    ids = ["conc-%d@198.51.100.10" % n for n in (1, 2, 3)]
    dialled = ["sip:87654321@vmr.vc", "sip:87654321@%s:5060;transport=udp" % NODE,
               "sip:person.vmr@pexip.com"]
    for n, cid in enumerate(ids):                                                 # 1-6
        c.udp(SBC, 5060, NODE, 5060, request("INVITE", cid, 1, SBC, NODE,
                                             sdp(SBC, [with_port(AUDIO, 20000 + 2 * n)]),
                                             from_tag="c%d" % n, request_uri=dialled[n]))
        c.udp(NODE, 5060, SBC, 5060, response("200 OK", "INVITE", cid, 1, NODE, SBC,
                                              sdp(NODE, [with_port(AUDIO, 40000 + 2 * n)]),
                                              from_tag="c%d" % n, to_tag="s%d" % n))
    for seq in (1, 2):                                                            # 7-18
        for n in range(3):
            c.udp(SBC, 20000 + 2 * n, NODE, 40000 + 2 * n, rtp_packet(seq, 160 * seq, 0xA0 + n))
            c.udp(NODE, 40000 + 2 * n, SBC, 20000 + 2 * n, rtp_packet(seq, 160 * seq, 0xB0 + n))
    c.udp(SBC, 5060, NODE, 5060, request("BYE", ids[1], 2, SBC, NODE, from_tag="c1", to_tag="s1"))  # 19
    c.udp(NODE, 5060, SBC, 5060, response("200 OK", "BYE", ids[1], 2, NODE, SBC,
                                          from_tag="c1", to_tag="s1"))                  # 20
    c.udp(SBC, 20000, NODE, 40000, rtp_packet(3, 480, 0xA0))                            # 21 call 1
    c.udp(NODE, 40004, SBC, 20004, rtp_packet(3, 480, 0xB2))                            # 22 call 3
    return c


CONTENT = ("video", 0, "RTP/AVP", "97", ["rtpmap:97 H264/90000", "content:slides", "label:3"])


def bfcp_mline(port, setup, floorctrl, userid, transport="TCP/BFCP"):
    attrs = ["floorctrl:" + floorctrl, "confid:1", "userid:%d" % userid, "floorid:1 mstrm:3"]
    if transport.startswith("TCP"):
        attrs = ["setup:" + setup, "connection:new"] + attrs
    return ("application", port, transport, "*", attrs)


class UdpBfcp:
    """BFCP over UDP between two announced ports (same calls as TcpFlow)."""

    def __init__(self, cap, client, cport, server, sport):
        self.cap, self.client, self.cport, self.server, self.sport = cap, client, cport, server, sport

    def client_sends(self, payload):
        return self.cap.udp(self.client, self.cport, self.server, self.sport, payload)

    def server_sends(self, payload):
        return self.cap.udp(self.server, self.sport, self.client, self.cport, payload)


def content_sharing(udp=False):
    """A call (audio+video) that adds content sharing mid-call: the SBC's
    re-INVITE adds a content video m-line and BFCP over TCP (the SBC
    connects, the service listens on 33010; udp: UDP/BFCP between the SBC's
    20006 and the service's 33010); the SBC asks for the floor, gets it
    (pending, then granted), sends content to the service, releases the
    floor."""
    c = Capture()
    cid = "content-udp@198.51.100.10" if udp else "content@198.51.100.10"
    main = [with_port(AUDIO, 20000), with_port(VIDEO, 20002)]
    main_answer = [with_port(AUDIO, 40000), with_port(VIDEO, 40002)]
    c.udp(SBC, 5060, NODE, 5060, request("INVITE", cid, 1, SBC, NODE, sdp(SBC, main)))             # 1
    c.udp(NODE, 5060, SBC, 5060, response("200 OK", "INVITE", cid, 1, NODE, SBC, sdp(NODE, main_answer)))  # 2
    c.udp(SBC, 5060, NODE, 5060, request("ACK", cid, 1, SBC, NODE, to_tag="b1"))                    # 3
    c.udp(SBC, 20000, NODE, 40000, rtp_packet(1, 160, 0xA1))                                        # 4
    c.udp(NODE, 40000, SBC, 20000, rtp_packet(1, 160, 0xB1))                                        # 5
    c.udp(SBC, 20002, NODE, 40002, rtp_packet(1, 3000, 0xA2, 96))                                   # 6
    c.udp(NODE, 40002, SBC, 20002, rtp_packet(1, 3000, 0xB2, 96))                                   # 7
    if udp:
        offer = sdp(SBC, main + [with_port(CONTENT, 20004), bfcp_mline(20006, "", "c-only", 2, "UDP/BFCP")])
        answer = sdp(NODE, main_answer + [with_port(CONTENT, 40004),
                                          bfcp_mline(33010, "", "s-only", 2, "UDP/BFCP")])
    else:
        offer = sdp(SBC, main + [with_port(CONTENT, 20004), bfcp_mline(9, "active", "c-only", 2)])
        answer = sdp(NODE, main_answer + [with_port(CONTENT, 40004),
                                          bfcp_mline(33010, "passive", "s-only", 2)])
    c.udp(SBC, 5060, NODE, 5060, request("INVITE", cid, 2, SBC, NODE, offer, to_tag="b1"))          # 8 re-INVITE
    c.udp(NODE, 5060, SBC, 5060, response("200 OK", "INVITE", cid, 2, NODE, SBC, answer))           # 9
    c.udp(SBC, 5060, NODE, 5060, request("ACK", cid, 2, SBC, NODE, to_tag="b1"))                    # 10
    if udp:
        bfcp = UdpBfcp(c, SBC, 20006, NODE, 33010)                                                  # no handshake:
    else:                                                                                           # UDP frames
        bfcp = TcpFlow(c, SBC, 40600, NODE, 33010)                                                  # are 3 lower
        bfcp.handshake()                                                                            # 11-13
    bfcp.client_sends(bfcp_floor_request(1, 1, 2, 1))                                              # 14
    bfcp.server_sends(bfcp_floor_request_status(1, 1, 2, 7, 1, BFCP_PENDING, 1))                    # 15
    bfcp.server_sends(bfcp_floor_request_status(1, 0, 2, 7, 1, BFCP_GRANTED))                       # 16
    c.udp(SBC, 20004, NODE, 40004, rtp_packet(1, 9000, 0xA3, 97))                                   # 17 content
    c.udp(SBC, 20004, NODE, 40004, rtp_packet(2, 12000, 0xA3, 97))                                  # 18 content
    c.udp(SBC, 20000, NODE, 40000, rtp_packet(2, 320, 0xA1))                                        # 19 audio
    bfcp.client_sends(bfcp_floor_release(1, 2, 2, 7))                                               # 20
    bfcp.server_sends(bfcp_floor_request_status(1, 2, 2, 7, 1, BFCP_RELEASED))                      # 21
    c.udp(SBC, 5060, NODE, 5060, request("BYE", cid, 3, SBC, NODE, to_tag="b1"))                    # 22
    c.udp(NODE, 5060, SBC, 5060, response("200 OK", "BYE", cid, 3, NODE, SBC))                      # 23
    return c


CAPTURES = {
    "sip-basic.pcap": basic,
    "sip-fork.pcap": fork,
    "sip-concurrent.pcap": concurrent,
    "sip-tcp.pcap": tcp,
    "sip-content.pcap": content_sharing,
    "sip-content-udp.pcap": lambda: content_sharing(udp=True),
}
