"""Captures for the media-path expert infos (issue 5): streams that never
arrive, flow one way, content that never follows a floor grant, ICMP
errors about media; each with a healthy twin that must stay silent.

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


CAPTURES = {
    "media-healthy.pcap": media_call,
    "media-missing.pcap": media_missing,
    "media-one-way.pcap": media_one_way,
    "content-missing.pcap": lambda: content_call(False),
    "content-healthy.pcap": lambda: content_call(True),
    "media-icmp.pcap": media_icmp,
}
