"""Captures for the media-path and reachability expert infos (issue 5):
streams that never arrive, flow one way, content that never follows a
floor grant, ICMP errors about media, session refreshes the SBC never
answers; each with a healthy twin that must stay silent.

The customer's SBC (198.51.100.10) calls the service node (185.94.241.20),
as in sip_calls.py. Media flows for six seconds, longer than the default
pexip.media_timeout of five. Frame numbers are asserted in
tests/test_media_findings.py.
"""
import struct

from pcapgen import (BFCP_GRANTED, Capture, TcpFlow, bfcp_floor_request,
                     bfcp_floor_request_status, ip_packet, rtp_packet, udp_segment, _checksum)
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


CAPTURES = {
    "refresh-unanswered.pcap": lambda: refresh(False),
    "refresh-answered.pcap": lambda: refresh(True),
    "media-healthy.pcap": media_call,
    "media-missing.pcap": media_missing,
    "media-one-way.pcap": media_one_way,
    "content-missing.pcap": lambda: content_call(False),
    "content-healthy.pcap": lambda: content_call(True),
    "media-icmp.pcap": media_icmp,
}
