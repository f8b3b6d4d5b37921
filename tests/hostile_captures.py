"""Generated hostile captures for the plugin's caps (docs/fields.md, Limits).

    many_calls(path, n)       n INVITEs, each with a Call-ID of its own
    reinvites(path, n, mlines)  one call: an INVITE and n re-INVITEs, each
                              with `mlines` m-lines on ports of its own, then
                              an RTP packet to a port of the 10th message and
                              one to a port of the last
    sip_messages(path, messages)  the given SIP messages (bytes), one per
                              datagram, from the SBC to the service

Written with struct (no scapy: 100,000 packets in a second): Ethernet,
IPv4, UDP, from a customer SBC 198.51.100.10:5060 to the service
185.94.242.66:5060. Also a command: python3 tests/hostile_captures.py DIR
writes both into DIR (for tools/check-limits-memory).
"""
import os
import struct
import sys

SERVICE = bytes([185, 94, 242, 66])
CUSTOMER = bytes([198, 51, 100, 10])
MEDIA_PORT_BASE = 10000


def _checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def _frame(payload, src=CUSTOMER, dst=SERVICE, sport=5060, dport=5060):
    udp = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0x4000, 64, 17, 0, src, dst)
    ip = ip[:10] + struct.pack("!H", _checksum(ip)) + ip[12:]
    eth = b"\x02\x00\x00\x00\x00\x02" + b"\x02\x00\x00\x00\x00\x01" + b"\x08\x00"
    return eth + ip + udp


class _Pcap:
    def __init__(self, path):
        self.f = open(path, "wb")
        self.f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        self.t = 1_700_000_000 * 1_000_000

    def add(self, frame):
        self.t += 1000      # 1 ms apart
        self.f.write(struct.pack("<IIII", self.t // 1_000_000, self.t % 1_000_000,
                                 len(frame), len(frame)))
        self.f.write(frame)

    def close(self):
        self.f.close()


def _invite(call_id, cseq, to_tag=None, body=b""):
    to = "<sip:meet@pexip.example>" + (";tag=" + to_tag if to_tag else "")
    head = ("INVITE sip:meet@pexip.example SIP/2.0\r\n"
            "Via: SIP/2.0/UDP 198.51.100.10:5060;branch=z9hG4bK-%s-%d\r\n"
            "Max-Forwards: 70\r\n"
            "From: <sip:sbc@customer.example>;tag=from-%s\r\n"
            "To: %s\r\n"
            "Call-ID: %s\r\n"
            "CSeq: %d INVITE\r\n"
            "Contact: <sip:sbc@198.51.100.10:5060>\r\n"
            "%s"
            "Content-Length: %d\r\n\r\n"
            % (call_id, cseq, call_id, to, call_id, cseq,
               "Content-Type: application/sdp\r\n" if body else "", len(body)))
    return head.encode() + body


def _sdp(version, ports):
    lines = ["v=0", "o=sbc %d %d IN IP4 198.51.100.10" % (1000, version), "s=-",
             "c=IN IP4 198.51.100.10", "t=0 0"]
    for port in ports:
        lines += ["m=audio %d RTP/AVP 0" % port, "a=rtcp-mux"]
    return ("\r\n".join(lines) + "\r\n").encode()


def many_calls(path, n):
    pcap = _Pcap(path)
    for i in range(n):
        pcap.add(_frame(_invite("hostile-%06d@customer.example" % i, 1)))
    pcap.close()


def media_port(message, mline, mlines):
    """The port of m-line `mline` of message `message` (0: the INVITE)."""
    return MEDIA_PORT_BASE + message * mlines + mline


def reinvites(path, n, mlines):
    pcap = _Pcap(path)
    call_id = "reinvited@customer.example"
    for m in range(n + 1):
        ports = [media_port(m, k, mlines) for k in range(mlines)]
        pcap.add(_frame(_invite(call_id, m + 1, "svc" if m else None, _sdp(m + 1, ports))))
    rtp = struct.pack("!BBHII", 0x80, 0, 1, 160, 0x1234) + bytes(160)
    for m in (9, n):
        pcap.add(_frame(rtp, src=SERVICE, dst=CUSTOMER, sport=40000,
                        dport=media_port(m, 0, mlines)))
    pcap.close()


def sip_messages(path, messages):
    pcap = _Pcap(path)
    for message in messages:
        pcap.add(_frame(message))
    pcap.close()


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    os.makedirs(out, exist_ok=True)
    many_calls(os.path.join(out, "limit-many-calls.pcap"), 100000)
    reinvites(os.path.join(out, "limit-reinvites.pcap"), 3000, 8)
