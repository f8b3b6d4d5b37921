#!/usr/bin/python3
"""Record a SIP-over-TLS call with a real TLS 1.3 session and its key log.

Writes (by default into test-captures/):
  sip-tls.pcap             the capture (classic pcap, Ethernet)
  sip-tls.keys             NSS key log of the TLS session (the secrets that
                           decrypt it: tshark -o tls.keylog_file:sip-tls.keys)
  sip-tls.pcap.recorded    empty marker: tests/test_captures_regenerate.py
                           skips captures that have it (this one is recorded
                           once and committed, not regenerated)

How it is made: a real TLS 1.3 session runs in memory between two Python
ssl.SSLObject ends joined by MemoryBIOs (no sockets, no network). The
server end uses a throwaway self-signed P-256 certificate for CN/SAN
sip.example.net, made with `openssl req -x509` in a temporary directory and
deleted afterwards (no private key is kept). The client context writes the
key log (SSLContext.keylog_filename). Every byte either end writes is put,
in order, into TCP segments of one connection built with pcapgen.TcpFlow;
RTP/RTCP between the SDP-announced ports is plain UDP built with pcapgen.

Hosts: customer SBC 198.51.100.10 (TLS client, TCP port 40123) and service
node 185.94.241.20 (TLS server, TCP port 5061, so Wireshark decodes TLS and
then SIP). SIP Call-ID tls-call@198.51.100.10. SDP offer: c=198.51.100.10,
audio 20000 (PCMU), video 20002 (H264/96); answer: c=185.94.241.20, audio
40000, video 40002. RTCP on port+1.

Frame layout (the script asserts the TLS flights and record counts it
relies on, and prints the actual table when it runs):
   1- 3  TCP SYN, SYN/ACK, ACK
   4     C->S TLS ClientHello (SNI sip.example.net)
   5     S->C ServerHello, ChangeCipherSpec, 4 encrypted handshake records
         (EncryptedExtensions, Certificate, CertificateVerify, Finished)
   6     C->S ChangeCipherSpec, encrypted Finished
   7     C->S first half of the TLS record carrying the INVITE (with SDP)
   8     C->S second half: INVITE reassembled here (2 TCP segments, 7+8)
   9     S->C one TCP segment, two TLS records: 100 Trying, 200 OK (SDP)
  10     C->S ACK
  11-22  RTP, 3 rounds of: audio SBC 20000->node 40000, node 40000->SBC
         20000, video (H264 filler NAL) 20002->40002, 40002->20002
  23-26  RTCP SR+SDES: 20001->40001, 40001->20001, 20003->40003, 40003->20003
  27-34  RTP, 2 more rounds as in 11-22
  35     C->S BYE
  36     S->C 200 OK (BYE)
  37     C->S close_notify (TLS 1.3: an encrypted alert, record type 23)
  38     S->C close_notify
  39-41  C->S FIN/ACK, S->C FIN/ACK, C->S ACK

Without the key log Wireshark sees only TLS records (application data, no
SIP, no SDP, so the RTP is plain UDP; RTCP is still found by Wireshark's
RTCP heuristic). With it (tshark -o tls.keylog_file:sip-tls.keys) every SIP
message and the SDP are dissected and the RTP/RTCP conversations are set up
from the decrypted SDP (rtp.setup-frame 9 for media to the node, 8 for
media to the SBC).

Re-run (Debian's Python, needs the `openssl` command):
  /usr/bin/python3 test-captures/record/record_sip_tls.py [OUTDIR]
Re-running gives DIFFERENT bytes every time (TLS randoms, key shares,
ciphertext; also record sizes may change with another OpenSSL version):
tests that hold literals taken from the committed capture (ciphertext, TLS
lengths, frame numbers if the flights change) must be checked and updated
after a new recording, and the capture, the key file and the marker
committed together.
"""
import os
import shutil
import ssl
import struct
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "gen"))

from pcapgen import (Capture, TcpFlow, TCP_ACK, TCP_FIN, rtp_packet,  # noqa: E402
                     sip_message)

SBC, SBC_PORT = "198.51.100.10", 40123
NODE, NODE_PORT = "185.94.241.20", 5061
SERVER_NAME = "sip.example.net"
CALL_ID = "tls-call@198.51.100.10"
SBC_AUDIO, SBC_VIDEO = 20000, 20002
NODE_AUDIO, NODE_VIDEO = 40000, 40002


# ---- SIP and SDP ------------------------------------------------------------

def sdp(addr, audio_port, video_port):
    lines = ["v=0", "o=- 1 1 IN IP4 %s" % addr, "s=-", "c=IN IP4 %s" % addr, "t=0 0",
             "m=audio %d RTP/AVP 0" % audio_port, "a=rtpmap:0 PCMU/8000",
             "m=video %d RTP/AVP 96" % video_port, "a=rtpmap:96 H264/90000"]
    return ("\r\n".join(lines) + "\r\n").encode("ascii")


FROM = "<sip:sbc@%s>;tag=a1" % SBC


def to(tag=True):
    return "<sip:meet@%s>%s" % (SERVER_NAME, ";tag=b1" if tag else "")


def request(method, cseq, body=b"", to_tag=True):
    headers = [("Via", "SIP/2.0/TLS %s:5061;branch=z9hG4bK-tls-%d-%s" % (SBC, cseq, method.lower())),
               ("Max-Forwards", "70"),
               ("From", FROM),
               ("To", to(to_tag)),
               ("Call-ID", CALL_ID),
               ("CSeq", "%d %s" % (cseq, method)),
               ("Contact", "<sip:sbc@%s:5061;transport=tls>" % SBC)]
    if body:
        headers.append(("Content-Type", "application/sdp"))
    return sip_message("%s sip:meet@%s;transport=tls SIP/2.0" % (method, SERVER_NAME), headers, body)


def response(status, method, cseq, body=b"", to_tag=True):
    headers = [("Via", "SIP/2.0/TLS %s:5061;branch=z9hG4bK-tls-%d-%s;received=%s;rport=%d"
                % (SBC, cseq, method.lower(), SBC, SBC_PORT)),
               ("From", FROM),
               ("To", to(to_tag)),
               ("Call-ID", CALL_ID),
               ("CSeq", "%d %s" % (cseq, method))]
    if to_tag:
        headers.append(("Contact", "<sip:meet@%s:5061;transport=tls>" % NODE))
    if body:
        headers.append(("Content-Type", "application/sdp"))
    return sip_message("SIP/2.0 %s" % status, headers, body)


# ---- RTP and RTCP -------------------------------------------------------------

# A small well-formed H.264 NAL unit (filler data, type 12) as video payload.
H264_FILLER = b"\x0c" + b"\xff" * 40 + b"\x80"


def rtcp_sr_sdes(ssrc, rtp_ts, packets, octets, cname, ntp_sec=3909000000):
    sr = struct.pack("!BBHIIIIII", 0x80, 200, 6, ssrc, ntp_sec, 0, rtp_ts, packets, octets)
    item = struct.pack("!BB", 1, len(cname)) + cname.encode("ascii")
    chunk = struct.pack("!I", ssrc) + item + b"\0"
    chunk += b"\0" * (-len(chunk) % 4)
    sdes = struct.pack("!BBH", 0x81, 202, len(chunk) // 4) + chunk
    return sr + sdes


# ---- TLS in memory --------------------------------------------------------------

class End:
    """One TLS end: an SSLObject between two MemoryBIOs."""

    def __init__(self, ctx, server_side, server_hostname=None):
        self.incoming, self.outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
        self.obj = ctx.wrap_bio(self.incoming, self.outgoing, server_side=server_side,
                                server_hostname=server_hostname)

    def handshake(self):
        try:
            self.obj.do_handshake()
            return True
        except ssl.SSLWantReadError:
            return False

    def pending_out(self):
        return self.outgoing.read()

    def receive(self, data):
        self.incoming.write(data)

    def read_all(self):
        out = b""
        while True:
            try:
                chunk = self.obj.read(65536)
            except ssl.SSLWantReadError:
                return out
            if not chunk:
                return out
            out += chunk


def tls_records(data):
    """Split a byte string into TLS records: list of (content type, length)."""
    records, i = [], 0
    while i < len(data):
        ctype, _, length = struct.unpack("!BHH", data[i:i + 5])
        records.append((ctype, length))
        i += 5 + length
    assert i == len(data), "not whole TLS records"
    return records


def make_certificate(tmp):
    cert, key = os.path.join(tmp, "cert.pem"), os.path.join(tmp, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=" + SERVER_NAME,
                    "-addext", "subjectAltName=DNS:" + SERVER_NAME],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return cert, key


def contexts(cert, key, keylog):
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.minimum_version = server_ctx.maximum_version = ssl.TLSVersion.TLSv1_3
    server_ctx.load_cert_chain(cert, key)
    server_ctx.num_tickets = 0  # no NewSessionTicket records after the handshake
    client_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    client_ctx.minimum_version = client_ctx.maximum_version = ssl.TLSVersion.TLSv1_3
    client_ctx.load_verify_locations(cert)  # real verification of the throwaway certificate
    client_ctx.keylog_filename = keylog
    return client_ctx, server_ctx


# ---- the recording ---------------------------------------------------------------

CT_NAMES = {20: "ChangeCipherSpec", 21: "Alert", 22: "Handshake", 23: "ApplicationData"}


def record(outdir):
    layout = []  # (frame, text)

    def note(frame, text):
        layout.append((frame, text))

    def recs(data):
        return " + ".join("%s(%d)" % (CT_NAMES.get(t, t), n) for t, n in tls_records(data))

    with tempfile.TemporaryDirectory() as tmp:
        cert, key = make_certificate(tmp)
        keylog = os.path.join(tmp, "sip-tls.keys")
        client_ctx, server_ctx = contexts(cert, key, keylog)
        client = End(client_ctx, False, SERVER_NAME)
        server = End(server_ctx, True)

        cap = Capture(start=1700000000.0, step=0.010)
        flow = TcpFlow(cap, SBC, SBC_PORT, NODE, NODE_PORT)
        for frame, what in zip(flow.handshake(), ("SYN", "SYN/ACK", "ACK")):
            note(frame, "TCP " + what)

        def c2s(data, text):
            frame = flow.client_sends(data)
            server.receive(data)
            note(frame, "C->S %s: %s" % (text, recs(data)))
            return frame

        def s2c(data, text):
            frame = flow.server_sends(data)
            client.receive(data)
            note(frame, "S->C %s: %s" % (text, recs(data)))
            return frame

        # TLS 1.3 handshake: three flights, each one TCP segment.
        assert not client.handshake()
        hello = client.pending_out()
        assert tls_records(hello)[0][0] == 22 and len(tls_records(hello)) == 1
        c2s(hello, "ClientHello")
        cap.advance(0.005)
        assert not server.handshake()
        flight = server.pending_out()
        assert [t for t, _ in tls_records(flight)] == [22, 20, 23, 23, 23, 23], tls_records(flight)
        s2c(flight, "ServerHello, CCS, encrypted handshake")
        assert client.handshake()
        finished = client.pending_out()
        assert [t for t, _ in tls_records(finished)] == [20, 23], tls_records(finished)
        c2s(finished, "CCS, encrypted Finished")
        assert server.handshake()
        assert server.pending_out() == b"", "server wrote after the handshake (session tickets?)"
        assert client.obj.version() == "TLSv1.3"
        cipher = client.obj.cipher()[0]

        def client_write(plain):
            client.obj.write(plain)
            return client.pending_out()

        def server_write(plain):
            server.obj.write(plain)
            return server.pending_out()

        # INVITE: one TLS record split over two TCP segments.
        invite = request("INVITE", 1, sdp(SBC, SBC_AUDIO, SBC_VIDEO), to_tag=False)
        data = client_write(invite)
        assert len(tls_records(data)) == 1
        cut = len(data) // 2
        cap.advance(0.05)
        frame = flow.client_sends(data[:cut])
        server.receive(data[:cut])
        assert server.read_all() == b""
        note(frame, "C->S first %d of %d bytes of the TLS record holding the INVITE" % (cut, len(data)))
        frame = flow.client_sends(data[cut:])
        server.receive(data[cut:])
        assert server.read_all() == invite
        note(frame, "C->S last %d bytes of that record: INVITE (SDP) complete, 2 TCP segments" % (len(data) - cut))

        # 100 Trying and 200 OK: two TLS records in one TCP segment.
        trying = response("100 Trying", "INVITE", 1, to_tag=False)
        ok = response("200 OK", "INVITE", 1, sdp(NODE, NODE_AUDIO, NODE_VIDEO))
        data = server_write(trying) + server_write(ok)
        assert len(tls_records(data)) == 2
        s2c(data, "100 Trying + 200 OK (SDP), two records in one segment")
        assert client.read_all() == trying + ok

        ack = request("ACK", 1)
        c2s(client_write(ack), "ACK")
        assert server.read_all() == ack

        # Media: plain RTP/RTCP on the announced ports.
        audio_to_node, audio_to_sbc = 0x5B0A0001, 0x5E0A0001
        video_to_node, video_to_sbc = 0x5B0B0002, 0x5E0B0002

        def media_round(i):
            ts_a, ts_v = 160 * i, 3000 * i
            frames = [
                (cap.udp(SBC, SBC_AUDIO, NODE, NODE_AUDIO, rtp_packet(100 + i, ts_a, audio_to_node, 0, marker=i == 0)),
                 "RTP audio SBC %d -> node %d" % (SBC_AUDIO, NODE_AUDIO)),
                (cap.udp(NODE, NODE_AUDIO, SBC, SBC_AUDIO, rtp_packet(500 + i, ts_a, audio_to_sbc, 0, marker=i == 0)),
                 "RTP audio node %d -> SBC %d" % (NODE_AUDIO, SBC_AUDIO)),
                (cap.udp(SBC, SBC_VIDEO, NODE, NODE_VIDEO, rtp_packet(200 + i, ts_v, video_to_node, 96, H264_FILLER)),
                 "RTP video SBC %d -> node %d" % (SBC_VIDEO, NODE_VIDEO)),
                (cap.udp(NODE, NODE_VIDEO, SBC, SBC_VIDEO, rtp_packet(600 + i, ts_v, video_to_sbc, 96, H264_FILLER)),
                 "RTP video node %d -> SBC %d" % (NODE_VIDEO, SBC_VIDEO)),
            ]
            for frame, text in frames:
                note(frame, text)

        cap.advance(0.02)
        for i in range(3):
            media_round(i)
        for src, sport, dst, dport, ssrc, ts, pkts, size, cname in (
                (SBC, SBC_AUDIO + 1, NODE, NODE_AUDIO + 1, audio_to_node, 480, 3, 480, "sbc@" + SBC),
                (NODE, NODE_AUDIO + 1, SBC, SBC_AUDIO + 1, audio_to_sbc, 480, 3, 480, "node@" + NODE),
                (SBC, SBC_VIDEO + 1, NODE, NODE_VIDEO + 1, video_to_node, 9000, 3, 3 * len(H264_FILLER),
                 "sbc@" + SBC),
                (NODE, NODE_VIDEO + 1, SBC, SBC_VIDEO + 1, video_to_sbc, 9000, 3, 3 * len(H264_FILLER),
                 "node@" + NODE)):
            frame = cap.udp(src, sport, dst, dport, rtcp_sr_sdes(ssrc, ts, pkts, size, cname))
            note(frame, "RTCP SR+SDES %s %d -> %d" % ("SBC->node" if src == SBC else "node->SBC", sport, dport))
        for i in range(3, 5):
            media_round(i)

        # Hang up, close TLS, close TCP.
        cap.advance(1.0)
        bye = request("BYE", 2)
        c2s(client_write(bye), "BYE")
        assert server.read_all() == bye
        bye_ok = response("200 OK", "BYE", 2)
        s2c(server_write(bye_ok), "200 OK (BYE)")
        assert client.read_all() == bye_ok

        try:
            client.obj.unwrap()
        except ssl.SSLWantReadError:
            pass
        c2s(client.pending_out(), "close_notify")
        try:
            server.obj.unwrap()
        except ssl.SSLWantReadError:
            pass
        s2c(server.pending_out(), "close_notify")
        client.obj.unwrap()  # reads the server's close_notify: clean shutdown both ways

        note(cap.tcp(SBC, SBC_PORT, NODE, NODE_PORT, flow.cseq, flow.sseq, TCP_FIN | TCP_ACK), "C->S TCP FIN/ACK")
        flow.cseq += 1
        note(cap.tcp(NODE, NODE_PORT, SBC, SBC_PORT, flow.sseq, flow.cseq, TCP_FIN | TCP_ACK), "S->C TCP FIN/ACK")
        flow.sseq += 1
        note(cap.tcp(SBC, SBC_PORT, NODE, NODE_PORT, flow.cseq, flow.sseq, TCP_ACK), "C->S TCP ACK")

        assert len(cap.frames) == 41, "frame layout changed: update the docstring and the tests"
        os.makedirs(outdir, exist_ok=True)
        pcap = os.path.join(outdir, "sip-tls.pcap")
        cap.write(pcap)
        shutil.copyfile(keylog, os.path.join(outdir, "sip-tls.keys"))
        open(pcap + ".recorded", "w").close()
    print("wrote %s, %s/sip-tls.keys and the .recorded marker (TLS 1.3, %s)" % (pcap, outdir, cipher))
    for frame, text in layout:
        print("%4d  %s" % (frame, text))


def main(argv):
    outdir = argv[1] if len(argv) > 1 else os.path.dirname(HERE)
    record(outdir)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
