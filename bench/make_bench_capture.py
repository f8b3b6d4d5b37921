#!/usr/bin/env python3
"""Write a large, deterministic benchmark capture.

    make_bench_capture.py OUT.pcap [--packets N] [--profile media|signalling|dense]

media (default): mostly RTP of calls to and from the service (each call set
up by a SIP INVITE with SDP, so Wireshark dissects its RTP as RTP), some RTP
that is not the service's, some SIP OPTIONS and DNS.
signalling: a signalling-heavy mix: many short SIP calls (INVITE, 200,
re-INVITE, 200, BYE) with 40 media packets each (45 packets a call).
dense: the shape of issue 16's memory row, 20,000 calls in 300k packets,
20% SIP: INVITE, 200, 12 media packets, BYE (15 packets a call).
"""
import argparse
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test-captures", "gen"))

from pcapgen import ethernet, ip_packet, udp_segment, dns_query, dns_response, sip_message  # noqa: E402

SERVICE = "185.94.241.20"
CUSTOMER = "198.51.100.10"
OTHER_A, OTHER_B = "192.0.2.10", "192.0.2.20"


def frame_udp(src, sport, dst, dport, payload):
    ethertype, packet = ip_packet(src, dst, 17, udp_segment(src, dst, sport, dport, payload))
    return ethernet(src, dst, ethertype, packet)


def sdp(addr, audio_port, video_port):
    return ("v=0\r\no=- 1 1 IN IP4 %s\r\ns=-\r\nc=IN IP4 %s\r\nt=0 0\r\n"
            "m=audio %d RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
            "m=video %d RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"
            % (addr, addr, audio_port, video_port)).encode("ascii")


def invite(call, src, dst, body, method="INVITE", cseq=1):
    return sip_message(
        "%s sip:%d@%s SIP/2.0" % (method, call, dst),
        [("Via", "SIP/2.0/UDP %s:5060;branch=z9hG4bK-%d-%d" % (src, call, cseq)),
         ("From", "<sip:caller@%s>;tag=a%d" % (src, call)),
         ("To", "<sip:%d@%s>" % (call, dst)),
         ("Call-ID", "bench-%d@%s" % (call, src)),
         ("CSeq", "%d %s" % (cseq, method)),
         ("Contact", "<sip:caller@%s:5060>" % src),
         ("Content-Type", "application/sdp")], body)


def ok(call, src, dst, body, method="INVITE", cseq=1):
    return sip_message(
        "SIP/2.0 200 OK",
        [("Via", "SIP/2.0/UDP %s:5060;branch=z9hG4bK-%d-%d" % (src, call, cseq)),
         ("From", "<sip:caller@%s>;tag=a%d" % (src, call)),
         ("To", "<sip:%d@%s>;tag=b%d" % (call, dst, call)),
         ("Call-ID", "bench-%d@%s" % (call, src)),
         ("CSeq", "%d %s" % (cseq, method)),
         ("Contact", "<sip:%d@%s:5060>" % (call, dst)),
         ("Content-Type", "application/sdp")], body)


class Writer:
    def __init__(self, path):
        self.f = open(path, "wb")
        self.f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        self.count = 0
        self.usec = 0

    def add(self, data, gap_usec=100):
        self.usec += gap_usec
        sec, usec = 1700000000 + self.usec // 1_000_000, self.usec % 1_000_000
        self.f.write(struct.pack("<IIII", sec, usec, len(data), len(data)))
        self.f.write(data)
        self.count += 1

    def close(self):
        self.f.close()


def rtp_header(seq, ts, ssrc, pt):
    return struct.pack("!BBHII", 0x80, pt, seq & 0xFFFF, ts & 0xFFFFFFFF, ssrc)


def setup_call(w, call):
    cport = 20000 + (call % 1000) * 4
    sport = 40000 + (call % 1000) * 4
    w.add(frame_udp(CUSTOMER, 5060, SERVICE, 5060, invite(call, CUSTOMER, SERVICE, sdp(CUSTOMER, cport, cport + 2))))
    w.add(frame_udp(SERVICE, 5060, CUSTOMER, 5060, ok(call, CUSTOMER, SERVICE, sdp(SERVICE, sport, sport + 2))))
    return cport, sport


def media(w, cport, sport, count, seq0):
    audio = b"\xd5" * 160
    video = b"\x5a" * 1000
    for i in range(count):
        seq = seq0 + i
        kind = i % 4
        if kind == 0:
            w.add(frame_udp(CUSTOMER, cport, SERVICE, sport, rtp_header(seq, seq * 160, 0x1000, 0) + audio))
        elif kind == 1:
            w.add(frame_udp(SERVICE, sport, CUSTOMER, cport, rtp_header(seq, seq * 160, 0x2000, 0) + audio))
        elif kind == 2:
            w.add(frame_udp(SERVICE, sport + 2, CUSTOMER, cport + 2, rtp_header(seq, seq * 3000, 0x3000, 96) + video))
        else:
            # not the service's: a call between two other hosts
            w.add(frame_udp(OTHER_A, 30000, OTHER_B, 30002, rtp_header(seq, seq * 160, 0x4000, 0) + audio))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--packets", type=int, default=1_000_000)
    parser.add_argument("--profile", choices=["media", "signalling", "dense"], default="media")
    args = parser.parse_args()

    w = Writer(args.out)
    call = 0
    per_call = {"media": 20000, "signalling": 40, "dense": 12}[args.profile]
    while w.count < args.packets:
        call += 1
        cport, sport = setup_call(w, call)
        if call % 10 == 0:
            w.add(frame_udp(CUSTOMER, 53000, "192.0.2.53", 53, dns_query(call & 0xFFFF, "meet.pexip.me")))
            w.add(frame_udp("192.0.2.53", 53, CUSTOMER, 53000,
                            dns_response(call & 0xFFFF, "meet.pexip.me", [("A", SERVICE)])))
        # leave room for the BYE (and the re-INVITE and its 200)
        n = min(per_call, args.packets - w.count - (3 if args.profile == "signalling" else 1))
        if n > 0:
            media(w, cport, sport, n, call * 100000)
        if args.profile == "signalling":
            w.add(frame_udp(CUSTOMER, 5060, SERVICE, 5060,
                            invite(call, CUSTOMER, SERVICE, sdp(CUSTOMER, cport, cport + 2), cseq=2)))
            w.add(frame_udp(SERVICE, 5060, CUSTOMER, 5060,
                            ok(call, CUSTOMER, SERVICE, sdp(SERVICE, sport, sport + 2), cseq=2)))
        w.add(frame_udp(CUSTOMER, 5060, SERVICE, 5060, invite(call, CUSTOMER, SERVICE, b"", "BYE", 3)))
    w.close()
    print("wrote %s: %d packets, %d calls" % (args.out, w.count, call))


if __name__ == "__main__":
    main()
