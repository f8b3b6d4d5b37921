"""Captures for the web-proxy expert infos (issue 5): the web app reaching
the service through a customer's web proxy with HTTP CONNECT, each problem
with a healthy twin that must stay silent.

The browser (10.20.30.50) talks to the customer's proxy (10.20.30.1:3128);
the proxy tunnels to meet.pexip.me:443 (a name under the default service
domains) or to the service node 185.94.241.20 by address. Frame numbers are
asserted in tests/test_proxy.py.

The certificates are fixed DER files in certs/ (made once with `openssl req
-x509`, P-256; tests/unit/test-core.c reads them too), so the output is the
same on every run:
  SERVICE_CERT  subject CN=*.pexip.me, SAN DNS:*.pexip.me, DNS:pexip.me
  MEET_CERT     subject CN=meet.pexip.me, no subjectAltName
  PROXY_CERT    subject O=Example Corp, CN=proxy.corp.example,
                SAN DNS:proxy.corp.example (a TLS-intercepting proxy's own)
"""
import base64
import os
import struct

from pcapgen import Capture, TcpFlow, http_message, tls_client_hello, tls_server_hello_certificate
from sip_calls import NODE

BROWSER = "10.20.30.50"
PROXY = "10.20.30.1"
PROXY_PORT = 3128
SERVICE_NAME = "meet.pexip.me"
TARGET = SERVICE_NAME + ":443"

CERTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "certs")


def _cert(name):
    with open(os.path.join(CERTS, name + ".der"), "rb") as f:
        return f.read()


SERVICE_CERT = _cert("service")
MEET_CERT = _cert("meet")
PROXY_CERT = _cert("proxy")

BASIC_CREDENTIALS = "Basic YWxpY2U6c2VjcmV0"          # alice:secret


def _utf16(text):
    return text.encode("utf-16-le")


# NTLM (MS-NLMP) with fixed bytes: negotiate, challenge (target CORP) and
# authenticate (NTLMv1 responses, CORP\\alice on PC1), without the optional
# version field.
_NTLM_FLAGS = 0x00088207     # UNICODE, OEM, REQUEST_TARGET, NTLM, ALWAYS_SIGN, EXTENDED_SESSIONSECURITY
NTLM_NEGOTIATE = "NTLM " + base64.b64encode(
    b"NTLMSSP\0" + struct.pack("<II", 1, _NTLM_FLAGS) + bytes(16)).decode("ascii")
_TARGET_INFO = struct.pack("<HH", 2, 8) + _utf16("CORP") + struct.pack("<HH", 0, 0)
NTLM_CHALLENGE = "NTLM " + base64.b64encode(
    b"NTLMSSP\0" + struct.pack("<I", 2) +
    struct.pack("<HHI", 8, 8, 48) + struct.pack("<I", _NTLM_FLAGS | 0x00810000) +
    bytes.fromhex("0123456789abcdef") + bytes(8) +
    struct.pack("<HHI", len(_TARGET_INFO), len(_TARGET_INFO), 56) +
    _utf16("CORP") + _TARGET_INFO).decode("ascii")


def _ntlm_authenticate():
    parts = [bytes(range(24)), bytes(range(24, 48)), _utf16("CORP"), _utf16("alice"),
             _utf16("PC1"), b""]
    offset, fields, payload = 12 + 8 * len(parts) + 4, b"", b""
    for part in parts:
        fields += struct.pack("<HHI", len(part), len(part), offset)
        offset += len(part)
        payload += part
    message = b"NTLMSSP\0" + struct.pack("<I", 3) + fields + struct.pack("<I", _NTLM_FLAGS)
    return "NTLM " + base64.b64encode(message + payload).decode("ascii")


NTLM_AUTHENTICATE = _ntlm_authenticate()


def _der(tag, body):
    assert len(body) < 128
    return bytes([tag, len(body)]) + body


# SPNEGO (RFC 4178) negTokenInit offering Kerberos (MS and standard OIDs),
# without a mechToken: a well-formed Negotiate credential.
_KRB5_MS = bytes.fromhex("2a864882f712010202")     # 1.2.840.48018.1.2.2
_KRB5 = bytes.fromhex("2a864886f712010202")        # 1.2.840.113554.1.2.2
_SPNEGO = bytes.fromhex("2b0601050502")            # 1.3.6.1.5.5.2
NEGOTIATE_TOKEN = "Negotiate " + base64.b64encode(_der(0x60, _der(0x06, _SPNEGO) + _der(
    0xa0, _der(0x30, _der(0xa0, _der(0x30, _der(0x06, _KRB5_MS) + _der(0x06, _KRB5))))))).decode()


def _connect(target, credentials=None):
    headers = [("Host", target), ("User-Agent", "Mozilla/5.0"), ("Proxy-Connection", "keep-alive")]
    if credentials:
        headers.append(("Proxy-Authorization", credentials))
    return http_message("CONNECT %s HTTP/1.1" % target, headers)


def _auth_required(challenges):
    """A 407 with one Proxy-Authenticate header per entry of challenges."""
    headers = [("Proxy-Authenticate", c) for c in challenges]
    return http_message("HTTP/1.1 407 Proxy Authentication Required",
                        headers + [("Content-Length", "0"), ("Proxy-Connection", "keep-alive")])


ESTABLISHED = http_message("HTTP/1.1 200 Connection established", [])


def _tunnel(cap, cport, target, attempts, tls=None, server_name=SERVICE_NAME):
    """One browser-proxy connection: for each (credentials, response) of
    attempts a CONNECT and the proxy's answer; then, when tls is a
    certificate chain, a TLS 1.2 handshake through the tunnel. Returns the
    frame numbers of the CONNECTs, the responses and the certificate."""
    flow = TcpFlow(cap, BROWSER, cport, PROXY, PROXY_PORT)
    flow.handshake()
    frames = []
    for credentials, response in attempts:
        frames.append(flow.client_sends(_connect(target, credentials)))
        frames.append(flow.server_sends(response))
    if tls is not None:
        flow.client_sends(tls_client_hello(server_name))
        frames.append(flow.server_sends(tls_server_hello_certificate(tls)))
    return frames


DIGEST = 'Digest realm="corp", nonce="8d9a0c3f", qop="auth", algorithm=MD5'


def proxy_auth_digest():
    """The proxy asks for Digest, NTLM or Negotiate, never Basic: the 407
    (frame 5) shows pexip.proxy.auth_unsupported. The browser answers with
    Digest credentials on the same connection (6, no second finding: once
    per connection), gets 200 (7) and reaches the service's certificate
    (9, healthy). A second connection's 407 (14) carries no challenge at
    all: no Basic either."""
    c = Capture()
    _tunnel(c, 50001, TARGET,
            [(None, _auth_required([DIGEST, "NTLM", "Negotiate"])),                # 4, 5
             ('Digest username="alice", realm="corp", nonce="8d9a0c3f", uri="%s", '
              'response="6629fae49393a05397450978507c4ef1", qop=auth, nc=00000001, '
              'cnonce="0a4f113b"' % TARGET, ESTABLISHED)],                         # 6, 7
            tls=[SERVICE_CERT])                                                    # 8, 9
    _tunnel(c, 50002, TARGET, [(None, _auth_required([]))])                        # 13, 14
    return c


def proxy_auth_ntlm_credentials():
    """The proxy offers Basic and NTLM (407, frame 5: Basic offered, fine);
    the browser picks NTLM: its CONNECT with NTLM credentials (6) shows
    pexip.proxy.auth_unsupported. The NTLM challenge (7) and the final
    CONNECT (8) do not repeat it; 200 (9), service certificate (11).
    A second connection sends Negotiate (Kerberos) credentials straight
    away (15): once per connection, so it shows again; 200 (16), service
    certificate (18)."""
    c = Capture()
    _tunnel(c, 50001, TARGET,
            [(None, _auth_required(['Basic realm="corp"', "NTLM"])),               # 4, 5
             (NTLM_NEGOTIATE, _auth_required([NTLM_CHALLENGE])),                   # 6, 7
             (NTLM_AUTHENTICATE, ESTABLISHED)],                                    # 8, 9
            tls=[SERVICE_CERT])                                                    # 10, 11
    _tunnel(c, 50002, TARGET, [(NEGOTIATE_TOKEN, ESTABLISHED)],
            tls=[SERVICE_CERT])                                                    # 15, 16; 17, 18
    return c


def proxy_auth_basic():
    """Healthy: the 407 (5) offers Digest and Basic in one header; the
    browser sends Basic credentials (6), gets 200 (7) and the service's
    certificate (9), its chain ending in an unrelated CA (only the first,
    the server's own, counts)."""
    c = Capture()
    _tunnel(c, 50001, TARGET,
            [(None, _auth_required([DIGEST + ', Basic realm="corp"'])),            # 4, 5
             (BASIC_CREDENTIALS, ESTABLISHED)],                                    # 6, 7
            tls=[SERVICE_CERT, PROXY_CERT])                                        # 8, 9
    return c


def proxy_connect_failed():
    """The proxy refuses the service: 403 to meet.pexip.me:443 (frame 5),
    502 to the node's address 185.94.241.20:443 (10): each response shows
    pexip.proxy.connect_failed."""
    c = Capture()
    _tunnel(c, 50001, TARGET,
            [(None, http_message("HTTP/1.1 403 Forbidden", [("Content-Length", "0")]))])  # 4, 5
    _tunnel(c, 50002, NODE + ":443",
            [(None, http_message("HTTP/1.1 502 Bad Gateway", [("Content-Length", "0")]))])  # 9, 10
    return c


def proxy_connect_healthy():
    """The same two CONNECTs answered 200 (frames 5 and 12), each tunnel
    carrying TLS with the service (certificates 7 and 14)."""
    c = Capture()
    _tunnel(c, 50001, TARGET, [(None, ESTABLISHED)], tls=[SERVICE_CERT])           # 4, 5; 6, 7
    _tunnel(c, 50002, NODE + ":443", [(None, ESTABLISHED)], tls=[SERVICE_CERT],
            server_name=None)                                                      # 11, 12; 13, 14
    return c


def _intercept(by_name, by_address, transparent):
    """Three TLS handshakes with the service, each showing the certificate
    chain given: through the tunnel to meet.pexip.me:443 (certificate in
    frame 7), through a tunnel to 185.94.241.20:443 with no SNI (14), and
    straight to 185.94.241.20:443 with SNI meet.pexip.me (a transparent
    proxy on the path; 19)."""
    c = Capture()
    _tunnel(c, 50001, TARGET, [(None, ESTABLISHED)], tls=by_name)                  # 4, 5; 6, 7
    _tunnel(c, 50002, NODE + ":443", [(None, ESTABLISHED)], tls=by_address,
            server_name=None)                                                      # 11, 12; 13, 14
    flow = TcpFlow(c, BROWSER, 50003, NODE, 443)
    flow.handshake()                                                               # 15-17
    flow.client_sends(tls_client_hello(SERVICE_NAME))                              # 18
    flow.server_sends(tls_server_hello_certificate(transparent))                   # 19
    return c


def proxy_tls_intercepted():
    """The proxy answers every TLS handshake with its own certificate
    (proxy.corp.example): frames 7, 14 and 19 show
    pexip.proxy.tls_intercepted."""
    return _intercept([PROXY_CERT], [PROXY_CERT], [PROXY_CERT])


def proxy_tls_intercepted_healthy():
    """The same handshakes reach the service: a certificate for
    meet.pexip.me by subject CN alone (7) and for *.pexip.me (14, 19)."""
    return _intercept([MEET_CERT], [SERVICE_CERT], [SERVICE_CERT])


def proxy_other_host():
    """Not the service: CONNECT example.org:443 answered 407 Digest only,
    then 403; a tunnel to example.net:443 whose TLS shows the proxy's
    certificate. Nothing here is the service's: silent."""
    c = Capture()
    _tunnel(c, 50001, "example.org:443",
            [(None, _auth_required([DIGEST])),
             (NTLM_NEGOTIATE, http_message("HTTP/1.1 403 Forbidden", [("Content-Length", "0")]))])
    _tunnel(c, 50002, "example.net:443", [(None, ESTABLISHED)], tls=[PROXY_CERT],
            server_name="example.net")
    return c


CAPTURES = {
    "proxy-auth-digest.pcap": proxy_auth_digest,
    "proxy-auth-ntlm-credentials.pcap": proxy_auth_ntlm_credentials,
    "proxy-auth-basic.pcap": proxy_auth_basic,
    "proxy-connect-failed.pcap": proxy_connect_failed,
    "proxy-connect-healthy.pcap": proxy_connect_healthy,
    "proxy-tls-intercepted.pcap": proxy_tls_intercepted,
    "proxy-tls-intercepted-healthy.pcap": proxy_tls_intercepted_healthy,
    "proxy-other-host.pcap": proxy_other_host,
}
