"""Captures for the media-path and reachability expert infos (issue 5):
streams that never arrive, flow one way, content that never follows a
floor grant, ICMP errors about media, session refreshes the SBC never
answers, the service's TCP connections to the SBC's Contact that nothing
answers or a reset refuses; each with a healthy twin that must stay
silent.

The customer's SBC (198.51.100.10) calls the service node (185.94.241.20),
as in sip_calls.py; over TCP, another SBC (203.0.113.10). Media flows for
six seconds, longer than the default pexip.media_timeout of five. Frame
numbers are asserted in tests/test_media_findings.py and
tests/test_reachability.py.
"""
import struct

from pcapgen import (BFCP_GRANTED, Capture, TcpFlow, bfcp_floor_request,
                     bfcp_floor_request_status, ip_packet, rtp_packet, tls_client_hello,
                     tls_server_hello_certificate, udp_segment, _checksum)
from sip_calls import AUDIO, CONTENT, NODE, SBC, VIDEO, bfcp_mline, request, response, sdp, with_port

SECONDS = 6


def _invite(c, cid, offer, answer):
    c.udp(SBC, 5060, NODE, 5060, request("INVITE", cid, 1, SBC, NODE, offer))                # 1
    c.udp(NODE, 5060, SBC, 5060, response("200 OK", "INVITE", cid, 1, NODE, SBC, answer))   # 2
    c.udp(SBC, 5060, NODE, 5060, request("ACK", cid, 1, SBC, NODE, to_tag="b1"))             # 3


def _bye(c, cid, cseq):
    c.udp(SBC, 5060, NODE, 5060, request("BYE", cid, cseq, SBC, NODE, to_tag="b1"))
    c.udp(NODE, 5060, SBC, 5060, response("200 OK", "BYE", cid, cseq, NODE, SBC))


def _media_round(c, n, flows):
    """One packet of each flowing direction, then a second passes.
    flows: which of audio/video to the SBC / to the node flow."""
    if flows["audio_to_node"]:
        c.udp(SBC, 20000, NODE, 40000, rtp_packet(n, 160 * n, 0xA1))
    if flows["audio_to_sbc"]:
        c.udp(NODE, 40000, SBC, 20000, rtp_packet(n, 160 * n, 0xB1))
    if flows["video_to_node"]:
        c.udp(SBC, 20002, NODE, 40002, rtp_packet(n, 3000 * n, 0xA2, 96))
    if flows["video_to_sbc"]:
        c.udp(NODE, 40002, SBC, 20002, rtp_packet(n, 3000 * n, 0xB2, 96))
    c.advance(1.0)


def media_call(**missing):
    """INVITE/200/ACK (audio+video both ways), SECONDS + 1 rounds of
    media (4 frames each when everything flows), BYE/200. missing: flows
    to leave out (audio_to_sbc=True...)."""
    flows = {k: not missing.get(k, False)
             for k in ("audio_to_node", "audio_to_sbc", "video_to_node", "video_to_sbc")}
    c = Capture()
    cid = "media@198.51.100.10"
    _invite(c, cid, sdp(SBC, [with_port(AUDIO, 20000), with_port(VIDEO, 20002)]),
            sdp(NODE, [with_port(AUDIO, 40000), with_port(VIDEO, 40002)]))
    for n in range(1, SECONDS + 2):
        _media_round(c, n, flows)
    _bye(c, cid, 2)
    return c


def media_missing():
    """Video never flows either way while audio flows for six seconds:
    frame 1 (the SBC's video 198.51.100.10:20002) and frame 2 (the
    service's 185.94.241.20:40002) show pexip.media.missing."""
    return media_call(video_to_node=True, video_to_sbc=True)


def media_one_way():
    """Audio from the service never reaches the SBC; audio to the service
    and video both ways flow: frame 1 (the SBC's audio destination) and
    frame 4 (the first audio packet to the service) show
    pexip.media.one_way."""
    return media_call(audio_to_sbc=True)


def content_call(content_flows):
    """A call with audio, video, content and BFCP (TCP, the SBC connects)
    in its first offer; the SBC asks for the floor and the service grants
    it (frame 8); audio and video flow both ways for six seconds; content
    from the SBC flows only when content_flows."""
    c = Capture()
    cid = "content-grant@198.51.100.10"
    offer = sdp(SBC, [with_port(AUDIO, 20000), with_port(VIDEO, 20002), with_port(CONTENT, 20004),
                      bfcp_mline(9, "active", "c-only", 2)])
    answer = sdp(NODE, [with_port(AUDIO, 40000), with_port(VIDEO, 40002), with_port(CONTENT, 40004),
                        bfcp_mline(33010, "passive", "s-only", 2)])
    _invite(c, cid, offer, answer)                                           # 1-3
    bfcp = TcpFlow(c, SBC, 40600, NODE, 33010)
    bfcp.handshake()                                                         # 4-6
    bfcp.client_sends(bfcp_floor_request(1, 1, 2, 1))                        # 7
    bfcp.server_sends(bfcp_floor_request_status(1, 1, 2, 7, 1, BFCP_GRANTED))  # 8 granted
    flows = dict(audio_to_node=True, audio_to_sbc=True, video_to_node=True, video_to_sbc=True)
    for n in range(1, SECONDS + 2):
        if content_flows:
            c.udp(SBC, 20004, NODE, 40004, rtp_packet(n, 9000 * n, 0xA3, 97))
        _media_round(c, n, flows)
    _bye(c, cid, 2)
    return c


def icmp_unreachable(quoted):
    """ICMP destination unreachable (port unreachable) quoting the IP
    header and first 8 payload bytes of quoted (an IPv4 packet)."""
    header_length = (quoted[0] & 0x0F) * 4
    body = struct.pack("!BBHI", 3, 3, 0, 0) + quoted[:header_length + 8]
    body = body[:2] + struct.pack("!H", _checksum(body)) + body[4:]
    return body


def media_icmp():
    """The service's audio to the SBC is refused: the SBC answers ICMP port
    unreachable (frame 6: pexip.media.icmp_unreachable); its second ICMP
    for the same stream (8) is not repeated; an ICMP about a packet of no
    call (10) stays silent. Shorter than pexip.media_timeout, so the
    media-path detectors have nothing to say."""
    c = Capture()
    cid = "icmp@198.51.100.10"
    _invite(c, cid, sdp(SBC, [with_port(AUDIO, 20000)]), sdp(NODE, [with_port(AUDIO, 40000)]))  # 1-3
    c.udp(SBC, 20000, NODE, 40000, rtp_packet(1, 160, 0xA1))                 # 4
    rtp = udp_segment(NODE, SBC, 40000, 20000, rtp_packet(1, 160, 0xB1))
    c.udp(NODE, 40000, SBC, 20000, rtp_packet(1, 160, 0xB1))                 # 5
    quoted = ip_packet(NODE, SBC, 17, rtp, ident=5)[1]
    c.ip(SBC, NODE, 1, icmp_unreachable(quoted))                  # 6 ICMP
    c.udp(NODE, 40000, SBC, 20000, rtp_packet(2, 320, 0xB1))                 # 7
    quoted = ip_packet(NODE, SBC, 17, udp_segment(NODE, SBC, 40000, 20000,
                                                  rtp_packet(2, 320, 0xB1)), ident=7)[1]
    c.ip(SBC, NODE, 1, icmp_unreachable(quoted))                  # 8 same stream
    other = udp_segment(NODE, SBC, 40100, 20100, rtp_packet(1, 160, 0xC1))
    c.udp(NODE, 40100, SBC, 20100, rtp_packet(1, 160, 0xC1))                 # 9 no call
    quoted = ip_packet(NODE, SBC, 17, other, ident=9)[1]
    c.ip(SBC, NODE, 1, icmp_unreachable(quoted))                  # 10
    _bye(c, cid, 2)                                                          # 11-12
    return c


def _service_request(c, method, cid, cseq, body=b""):
    """An in-dialog request from the service (the called side) to the SBC."""
    return c.udp(NODE, 5060, SBC, 5060, request(method, cid, cseq, NODE, SBC, body, from_tag="b1",
                                                to_tag="a1", caller=("meet", NODE),
                                                callee=("sbc", SBC)))


def _service_response(c, status, method, cid, cseq):
    """The SBC's response to a request of the service."""
    return c.udp(SBC, 5060, NODE, 5060, response(status, method, cid, cseq, SBC, NODE,
                                                 from_tag="b1", to_tag="a1", caller=("meet", NODE),
                                                 callee=("sbc", SBC)))


def refresh(answered):
    """Two calls from the SBC. Call 1: after a second of audio the service
    refreshes the session with a re-INVITE (6) that is sent again (7, 8,
    9: UDP retransmissions) and never answered, then gives up with a BYE
    (10, 11), unanswered too. Call 2: the service's UPDATE (17) is
    answered 481 (18). pexip.sip.refresh_unanswered on 6 and 17.
    answered: the healthy twin, where the SBC answers 200 (7 and 16) and
    the service's final BYE (19) is the last frame, not yet answered:
    sent once, no finding."""
    c = Capture()
    cid = "refresh@198.51.100.10"
    offer = sdp(SBC, [with_port(AUDIO, 20000)])
    answer = sdp(NODE, [with_port(AUDIO, 40000)])
    _invite(c, cid, offer, answer)                                            # 1-3
    c.udp(SBC, 20000, NODE, 40000, rtp_packet(1, 160, 0xA1))                  # 4
    c.udp(NODE, 40000, SBC, 20000, rtp_packet(1, 160, 0xB1))                  # 5
    c.advance(1.0)
    _service_request(c, "INVITE", cid, 1, answer)                             # 6 refresh
    if answered:
        _service_response(c, "200 OK", "INVITE", cid, 1)                      # 7
        _service_request(c, "ACK", cid, 1)                                    # 8
        c.udp(SBC, 20000, NODE, 40000, rtp_packet(2, 320, 0xA1))              # 9
        _bye(c, cid, 2)                                                       # 10-11
    else:
        for wait in (0.5, 1.0, 2.0):
            c.advance(wait)
            _service_request(c, "INVITE", cid, 1, answer)                     # 7, 8, 9
        c.advance(4.0)
        _service_request(c, "BYE", cid, 2)                                    # 10
        c.advance(0.5)
        _service_request(c, "BYE", cid, 2)                                    # 11
    cid = "refresh-2@198.51.100.10"
    _invite(c, cid, sdp(SBC, [with_port(AUDIO, 20010)]), sdp(NODE, [with_port(AUDIO, 40010)]))  # 12-14
    c.udp(SBC, 20010, NODE, 40010, rtp_packet(1, 160, 0xA2))                  # 15
    if answered:
        _service_request(c, "UPDATE", cid, 1, answer)                        # 16
        _service_response(c, "200 OK", "UPDATE", cid, 1)                      # 17
        c.advance(0.5)
        _service_request(c, "BYE", cid, 2)                                    # 18 never answered:
        _service_request(c, "OPTIONS", cid, 3)                                # 19 the capture ends
    else:
        c.udp(NODE, 40010, SBC, 20010, rtp_packet(1, 160, 0xB2))              # 16
        _service_request(c, "UPDATE", cid, 1, answer)                        # 17
        _service_response(c, "481 Call/Transaction Does Not Exist", "UPDATE", cid, 1)  # 18
    return c


SBC_TCP = "203.0.113.10"
# The SBC's Contacts: TLS on 5061 (no port: the default), TCP on 5060, SIPS.
CONTACT_TLS = "<sip:sbc@%s;transport=tls>" % SBC_TCP
CONTACT_TCP = "<sip:sbc@%s:5060;transport=tcp>" % SBC_TCP
CONTACT_SIPS = "<sips:sbc@%s>" % SBC_TCP
OVER_TCP = dict(transport="TCP", caller=("sbc", SBC_TCP))
FROM_SERVICE = dict(transport="TCP", from_tag="b1", to_tag="a1", caller=("meet", NODE),
                    callee=("sbc", SBC_TCP))


def _tcp_call(sbc, cid, contact, port):
    """A call from the SBC over its own connection to the service's 5060
    (sbc: its TcpFlow; plain TCP, so that it dissects without keys): INVITE
    naming contact, 200 OK, ACK; then audio (port: the SBC's) both ways.
    5 frames."""
    c = sbc.cap
    sbc.client_sends(request("INVITE", cid, 1, SBC_TCP, NODE, sdp(SBC_TCP, [with_port(AUDIO, port)]),
                             contact=contact, **OVER_TCP))
    sbc.server_sends(response("200 OK", "INVITE", cid, 1, NODE, SBC_TCP,
                              sdp(NODE, [with_port(AUDIO, port + 20000)]), **OVER_TCP))
    sbc.client_sends(request("ACK", cid, 1, SBC_TCP, NODE, to_tag="b1", contact=contact, **OVER_TCP))
    c.udp(SBC_TCP, port, NODE, port + 20000, rtp_packet(1, 160, 0xA1))
    c.udp(NODE, port + 20000, SBC_TCP, port, rtp_packet(1, 160, 0xB1))


def _service_over_tcp(send, method, cid, cseq, body=b""):
    """An in-dialog request from the service; send: the TcpFlow method that
    sends from the service (client_sends on its own connection,
    server_sends on the SBC's)."""
    return send(request(method, cid, cseq, NODE, SBC_TCP, body, **FROM_SERVICE))


def _sbc_answers_over_tcp(send, status, method, cid, cseq):
    return send(response(status, method, cid, cseq, SBC_TCP, NODE, **FROM_SERVICE))


def refresh_tcp(outcome):
    """Calls from an SBC over TCP whose Contact asks the service to connect
    back to it. outcome:
    "no-answer": call 1's Contact is TLS on 203.0.113.10:5061; to refresh
    the call the service connects there and its SYN (9) is sent again (10,
    11) and never answered: pexip.sip.refresh_unanswered on 9. Call 2
    (12-16) names the same Contact; the service's one SYN to it (17) is the
    capture's last frame: not judged.
    "refused": call 1's Contact is TCP 203.0.113.10:5060; both of the
    service's connections there (9, 11) are answered by a reset (10, 12):
    the finding on 9. The service's BYE over the SBC's own connection (13)
    gets 481 (14): the same call, not again.
    "healthy": the twin. Call 1 (TCP Contact): the service's connection
    (9-11) carries its re-INVITE (12), answered (13, 14). Call 2 (15-19,
    same Contact): the service sends its UPDATE over the SBC's own
    connection (20, 21), no new connection. Call 3 (22-26, SIPS Contact:
    5061): the service's connection (27-29) carries TLS (30, 31). No
    finding."""
    c = Capture()
    sbc = TcpFlow(c, SBC_TCP, 40700, NODE, 5060)
    sbc.handshake()                                                           # 1-3
    answer = sdp(NODE, [with_port(AUDIO, 40000)])
    if outcome == "no-answer":
        _tcp_call(sbc, "tcp-noanswer-1@203.0.113.10", CONTACT_TLS, 20000)      # 4-8
        c.advance(1.0)
        back = TcpFlow(c, NODE, 41000, SBC_TCP, 5061)
        for wait in (0.0, 1.0, 2.0):
            c.advance(wait)
            back.syn_only()                                                   # 9, 10, 11
        c.advance(4.0)
        _tcp_call(sbc, "tcp-noanswer-2@203.0.113.10", CONTACT_TLS, 20002)      # 12-16
        c.advance(1.0)
        TcpFlow(c, NODE, 41001, SBC_TCP, 5061).syn_only()                     # 17: the last
    elif outcome == "refused":
        cid = "tcp-refused@203.0.113.10"
        _tcp_call(sbc, cid, CONTACT_TCP, 20000)                                # 4-8
        c.advance(1.0)
        for port in (41000, 41001):
            back = TcpFlow(c, NODE, port, SBC_TCP, 5060)
            back.syn_only()                                                   # 9, 11
            back.reset()                                                      # 10, 12
            c.advance(0.5)
        _service_over_tcp(sbc.server_sends, "BYE", cid, 2)                    # 13
        _sbc_answers_over_tcp(sbc.client_sends, "481 Call/Transaction Does Not Exist", "BYE",
                              cid, 2)                                         # 14
    else:
        cid = "tcp-healthy-1@203.0.113.10"
        _tcp_call(sbc, cid, CONTACT_TCP, 20000)                                # 4-8
        c.advance(1.0)
        back = TcpFlow(c, NODE, 41000, SBC_TCP, 5060)
        back.handshake()                                                      # 9-11
        _service_over_tcp(back.client_sends, "INVITE", cid, 1, answer)        # 12 refresh
        _sbc_answers_over_tcp(back.server_sends, "200 OK", "INVITE", cid, 1)  # 13
        _service_over_tcp(back.client_sends, "ACK", cid, 1)                   # 14
        cid = "tcp-healthy-2@203.0.113.10"
        _tcp_call(sbc, cid, CONTACT_TCP, 20002)                                # 15-19
        _service_over_tcp(sbc.server_sends, "UPDATE", cid, 1, answer)         # 20
        _sbc_answers_over_tcp(sbc.client_sends, "200 OK", "UPDATE", cid, 1)   # 21
        _tcp_call(sbc, "tcp-healthy-3@203.0.113.10", CONTACT_SIPS, 20004)      # 22-26
        back = TcpFlow(c, NODE, 41001, SBC_TCP, 5061)
        back.handshake()                                                      # 27-29
        back.client_sends(tls_client_hello("sbc.example.com"))                # 30
        back.server_sends(tls_server_hello_certificate([]))                   # 31
    return c


CAPTURES = {
    "refresh-tcp-no-answer.pcap": lambda: refresh_tcp("no-answer"),
    "refresh-tcp-refused.pcap": lambda: refresh_tcp("refused"),
    "refresh-tcp-healthy.pcap": lambda: refresh_tcp("healthy"),
    "refresh-unanswered.pcap": lambda: refresh(False),
    "refresh-answered.pcap": lambda: refresh(True),
    "media-healthy.pcap": media_call,
    "media-missing.pcap": media_missing,
    "media-one-way.pcap": media_one_way,
    "content-missing.pcap": lambda: content_call(False),
    "content-healthy.pcap": lambda: content_call(True),
    "media-icmp.pcap": media_icmp,
}
