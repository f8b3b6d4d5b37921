"""Deterministic packet and pcap building for the test captures.

Only the Python standard library: the same inputs always give the same
bytes (fixed timestamps, fixed MACs, no randomness), so regenerating a
capture gives an identical file.
"""
import ipaddress
import struct

LINKTYPE_ETHERNET = 1


def _checksum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return (~total) & 0xFFFF


def _ip(addr):
    return ipaddress.ip_address(addr)


def _mac_for(addr) -> bytes:
    """A stable locally administered MAC derived from an IP address."""
    packed = _ip(addr).packed
    return bytes([0x02, 0x00]) + packed[-4:]


class Packet:
    """One frame: raw Ethernet bytes and a timestamp (seconds, float)."""

    def __init__(self, ts, data):
        self.ts = ts
        self.data = data


def ip_packet(src, dst, proto, payload, ttl=64, ident=0):
    """An IPv4 or IPv6 header + payload, chosen by the address family."""
    s, d = _ip(src), _ip(dst)
    if s.version == 4:
        header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident & 0xFFFF,
                             0x4000, ttl, proto, 0, s.packed, d.packed)
        header = header[:10] + struct.pack("!H", _checksum(header)) + header[12:]
        return 0x0800, header + payload
    header = struct.pack("!IHBB16s16s", 0x60000000, len(payload), proto, ttl, s.packed, d.packed)
    return 0x86DD, header + payload


def _pseudo_header(src, dst, proto, length):
    s, d = _ip(src), _ip(dst)
    if s.version == 4:
        return struct.pack("!4s4sBBH", s.packed, d.packed, 0, proto, length)
    return struct.pack("!16s16sIxxxB", s.packed, d.packed, length, proto)


def udp_segment(src, dst, sport, dport, payload):
    length = 8 + len(payload)
    header = struct.pack("!HHHH", sport, dport, length, 0)
    csum = _checksum(_pseudo_header(src, dst, 17, length) + header + payload) or 0xFFFF
    return header[:6] + struct.pack("!H", csum) + payload


TCP_FIN, TCP_SYN, TCP_RST, TCP_PSH, TCP_ACK = 0x01, 0x02, 0x04, 0x08, 0x10


def tcp_segment(src, dst, sport, dport, seq, ack, flags, payload=b"", window=64240):
    options = b""
    if flags & TCP_SYN:
        options = struct.pack("!BBH", 2, 4, 1460)  # MSS
    offset = (20 + len(options)) // 4
    header = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF,
                         offset << 4, flags, window, 0, 0) + options
    csum = _checksum(_pseudo_header(src, dst, 6, len(header) + len(payload)) + header + payload)
    return header[:16] + struct.pack("!H", csum) + header[18:] + payload


def ethernet(src, dst, ethertype, payload):
    return _mac_for(dst) + _mac_for(src) + struct.pack("!H", ethertype) + payload


class Capture:
    """Frames in order, with a clock that moves forward by a fixed step."""

    def __init__(self, start=1700000000.0, step=0.010):
        self.frames = []
        self.clock = start
        self.step = step

    def advance(self, seconds):
        self.clock += seconds
        return self

    def add(self, data):
        self.frames.append(Packet(self.clock, data))
        self.clock += self.step
        return len(self.frames)  # frame number, 1-based

    def ip(self, src, dst, proto, payload, ttl=64):
        ethertype, packet = ip_packet(src, dst, proto, payload, ttl=ttl,
                                      ident=len(self.frames) + 1)
        return self.add(ethernet(src, dst, ethertype, packet))

    def udp(self, src, sport, dst, dport, payload=b"", ttl=64):
        return self.ip(src, dst, 17, udp_segment(src, dst, sport, dport, payload), ttl=ttl)

    def tcp(self, src, sport, dst, dport, seq, ack, flags, payload=b"", ttl=64):
        return self.ip(src, dst, 6, tcp_segment(src, dst, sport, dport, seq, ack, flags, payload),
                       ttl=ttl)

    def write(self, path):
        with open(path, "wb") as f:
            f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, LINKTYPE_ETHERNET))
            for p in self.frames:
                sec = int(p.ts)
                usec = int(round((p.ts - sec) * 1_000_000))
                if usec >= 1_000_000:
                    sec, usec = sec + 1, usec - 1_000_000
                f.write(struct.pack("<IIII", sec, usec, len(p.data), len(p.data)))
                f.write(p.data)


class TcpFlow:
    """A TCP connection between a client and a server, tracking sequence
    numbers so Wireshark sees a clean stream."""

    def __init__(self, cap, client, cport, server, sport, cseq=1000, sseq=5000):
        self.cap, self.client, self.cport, self.server, self.sport = cap, client, cport, server, sport
        self.cseq, self.sseq = cseq, sseq

    def handshake(self):
        return [self.syn(), self.syn_ack(), self.ack()]

    def syn(self, ttl=64):
        frame = self.cap.tcp(self.client, self.cport, self.server, self.sport, self.cseq, 0, TCP_SYN,
                             ttl=ttl)
        self.cseq += 1
        return frame

    def syn_ack(self, ttl=64):
        frame = self.cap.tcp(self.server, self.sport, self.client, self.cport, self.sseq, self.cseq,
                             TCP_SYN | TCP_ACK, ttl=ttl)
        self.sseq += 1
        return frame

    def ack(self, ttl=64):
        return self.cap.tcp(self.client, self.cport, self.server, self.sport, self.cseq, self.sseq,
                            TCP_ACK, ttl=ttl)

    def syn_only(self):
        """A connection attempt that gets no answer."""
        frame = self.cap.tcp(self.client, self.cport, self.server, self.sport, self.cseq, 0, TCP_SYN)
        return frame

    def reset(self):
        """The server refuses the connection: a reset answering the SYN."""
        return self.cap.tcp(self.server, self.sport, self.client, self.cport, 0, self.cseq + 1,
                            TCP_RST | TCP_ACK)

    def client_sends(self, payload, ttl=64):
        frame = self.cap.tcp(self.client, self.cport, self.server, self.sport, self.cseq, self.sseq,
                             TCP_PSH | TCP_ACK, payload, ttl=ttl)
        self.cseq += len(payload)
        return frame

    def server_sends(self, payload, ttl=64):
        frame = self.cap.tcp(self.server, self.sport, self.client, self.cport, self.sseq, self.cseq,
                             TCP_PSH | TCP_ACK, payload, ttl=ttl)
        self.sseq += len(payload)
        return frame


# ---- application payloads ---------------------------------------------------

def dns_name(name):
    out = b""
    for label in name.rstrip(".").split("."):
        out += bytes([len(label)]) + label.encode("ascii")
    return out + b"\0"


def dns_query(txid, name, qtype=1):
    return struct.pack("!HHHHHH", txid, 0x0100, 1, 0, 0, 0) + dns_name(name) + struct.pack("!HH", qtype, 1)


def dns_response(txid, name, answers, qtype=1):
    """answers: list of (type, value) with type 'A', 'AAAA' or 'CNAME'; each
    record is owned by the query name (pointer to offset 12)."""
    body = dns_name(name) + struct.pack("!HH", qtype, 1)
    records = b""
    for rtype, value in answers:
        if rtype == "A":
            rdata, code = _ip(value).packed, 1
        elif rtype == "AAAA":
            rdata, code = _ip(value).packed, 28
        else:
            rdata, code = dns_name(value), 5
        records += struct.pack("!HHHIH", 0xC00C, code, 1, 300, len(rdata)) + rdata
    header = struct.pack("!HHHHHH", txid, 0x8180, 1, len(answers), 0, 0)
    return header + body + records


def rtp_packet(seq, timestamp, ssrc, payload_type=0, payload=b"\xd5" * 160, marker=False):
    return struct.pack("!BBHII", 0x80, (0x80 if marker else 0) | payload_type, seq & 0xFFFF,
                       timestamp & 0xFFFFFFFF, ssrc) + payload


def stun_binding_request(txid12):
    return struct.pack("!HHI", 0x0001, 0, 0x2112A442) + txid12


def tls_client_hello(server_name):
    """A minimal, well-formed TLS 1.2 ClientHello with an SNI extension
    (server_name None: no extension at all)."""
    extensions = b""
    if server_name is not None:
        sni_name = server_name.encode("ascii")
        sni = struct.pack("!HBH", len(sni_name) + 3, 0, len(sni_name)) + sni_name
        extensions = struct.pack("!HH", 0, len(sni)) + sni
    body = (struct.pack("!H", 0x0303) + bytes(range(32)) + b"\x00" +
            struct.pack("!H", 2) + struct.pack("!H", 0xC02F) + b"\x01\x00" +
            struct.pack("!H", len(extensions)) + extensions)
    handshake = b"\x01" + struct.pack("!I", len(body))[1:] + body
    return struct.pack("!BHH", 0x16, 0x0301, len(handshake)) + handshake


def _tls_handshake(msg_type, body):
    return bytes([msg_type]) + struct.pack("!I", len(body))[1:] + body


def tls_server_hello_certificate(certificates):
    """One TLS 1.2 record holding ServerHello (the cipher suite
    tls_client_hello offers, no extensions), Certificate (certificates: DER
    bytes, the server's own first) and ServerHelloDone: the certificate is
    visible, as in any TLS 1.2 handshake."""
    hello = (struct.pack("!H", 0x0303) + bytes(range(32, 64)) + b"\x00" +
             struct.pack("!H", 0xC02F) + b"\x00")
    chain = b"".join(struct.pack("!I", len(der))[1:] + der for der in certificates)
    certificate = struct.pack("!I", len(chain))[1:] + chain
    handshakes = (_tls_handshake(2, hello) + _tls_handshake(11, certificate) +
                  _tls_handshake(14, b""))
    return struct.pack("!BHH", 0x16, 0x0303, len(handshakes)) + handshakes


def http_message(first_line, headers, body=b""):
    """An HTTP/1.1 request or response; headers: list of (name, value),
    Content-Length added when there is a body."""
    text = first_line + "\r\n"
    for name, value in headers:
        text += "%s: %s\r\n" % (name, value)
    if body:
        text += "Content-Length: %d\r\n" % len(body)
    return (text + "\r\n").encode("ascii") + body


def sip_message(first_line, headers, body=b""):
    """headers: list of (name, value). Content-Length is added."""
    text = first_line + "\r\n"
    for name, value in headers:
        text += "%s: %s\r\n" % (name, value)
    text += "Content-Length: %d\r\n\r\n" % len(body)
    return text.encode("ascii") + body


# ---- BFCP (RFC 8855 / RFC 4582, version 1) ----------------------------------

BFCP_FLOOR_REQUEST, BFCP_FLOOR_RELEASE, BFCP_FLOOR_REQUEST_STATUS = 1, 2, 4
BFCP_PENDING, BFCP_ACCEPTED, BFCP_GRANTED, BFCP_DENIED, BFCP_RELEASED = 1, 2, 3, 4, 6


def bfcp_attribute(atype, content, mandatory=True):
    """Type (7 bits), M, Length (header + content, without padding), padding to 4."""
    length = 2 + len(content)
    pad = b"\0" * (-length % 4)
    return bytes([(atype << 1) | (1 if mandatory else 0), length]) + content + pad


def bfcp_grouped(atype, header16, inner):
    """A grouped attribute: its length counts the included attributes."""
    return bytes([(atype << 1) | 1, 4 + len(inner)]) + struct.pack("!H", header16) + inner


def bfcp_message(primitive, conference_id, transaction_id, user_id, attributes=b""):
    assert len(attributes) % 4 == 0
    return struct.pack("!BBHIHH", 0x20, primitive, len(attributes) // 4, conference_id,
                       transaction_id, user_id) + attributes


def bfcp_floor_request(conference_id, transaction_id, user_id, floor_id):
    return bfcp_message(BFCP_FLOOR_REQUEST, conference_id, transaction_id, user_id,
                        bfcp_attribute(2, struct.pack("!H", floor_id)))


def bfcp_floor_release(conference_id, transaction_id, user_id, request_id):
    return bfcp_message(BFCP_FLOOR_RELEASE, conference_id, transaction_id, user_id,
                        bfcp_attribute(3, struct.pack("!H", request_id)))


def bfcp_floor_request_status(conference_id, transaction_id, user_id, request_id, floor_id,
                              status, queue_position=0):
    """FLOOR-REQUEST-INFORMATION holding OVERALL-REQUEST-STATUS (with the
    REQUEST-STATUS) and FLOOR-REQUEST-STATUS for the floor."""
    request_status = bfcp_attribute(5, bytes([status, queue_position]))
    overall = bfcp_grouped(18, request_id, request_status)
    floor = bfcp_grouped(17, floor_id, b"")
    info = bfcp_grouped(15, request_id, overall + floor)
    return bfcp_message(BFCP_FLOOR_REQUEST_STATUS, conference_id, transaction_id, user_id, info)
