"""Web-proxy expert infos (issue 5): pexip.proxy.auth_unsupported,
pexip.proxy.connect_failed and pexip.proxy.tls_intercepted fire on exactly
the frames of their captures, once per TCP connection, the same on one pass
and two, and stay silent on the healthy twins, on CONNECTs to other hosts
and on the public proxy captures.
Captures: test-captures/gen/proxy_calls.py (browser 10.20.30.50, proxy
10.20.30.1:3128, service meet.pexip.me / 185.94.241.20)."""
import os

import pytest

from conftest import CAPTURES, PUBLIC_CAPTURES

PROXY_FINDINGS = ["pexip.proxy.auth_unsupported", "pexip.proxy.connect_failed",
                  "pexip.proxy.tls_intercepted"]
WARNING = str(0x00600000)
# Expert groups: PI_PROTOCOL, PI_RESPONSE_CODE, PI_SECURITY.
PROTOCOL, RESPONSE_CODE, SECURITY = str(0x09000000), str(0x03000000), str(0x0a000000)

BASIC_ONLY = ("the web app supports only Basic proxy auth. Allow Basic for the service "
              "domains or exempt them from proxy auth")
INTERCEPTED = ("not a service domain: a proxy intercepts TLS, which breaks the call's media "
               "(TURN). Exempt the service domains from TLS inspection")


def findings(tshark, capture, two_pass=False, options=(), folder=None):
    """[frame, message, severity, group] of each proxy finding (warnings:
    HTTP adds chat items of its own to the same frames)."""
    args = ["-r", tshark.capture(capture, folder) if folder else tshark.capture(capture),
            "-Y", " || ".join(PROXY_FINDINGS), "-T", "fields", "-E", "occurrence=a",
            "-E", "aggregator=|", "-e", "frame.number", "-e", "_ws.expert.message",
            "-e", "_ws.expert.severity", "-e", "_ws.expert.group"]
    for opt in options:
        args += ["-o", opt]
    if two_pass:
        args.append("-2")
    _, out, _ = tshark.run(args)
    rows = []
    for line in out.splitlines():
        frame, messages, severities, groups = line.split("\t")
        for m, s, g in zip(messages.split("|"), severities.split("|"), groups.split("|")):
            if s == WARNING:
                rows.append([int(frame), m, s, g])
    return rows


def proxy_fields(tshark, capture, **kwargs):
    return tshark.fields(capture, ["pexip.proxy.target", "pexip.proxy.auth_scheme",
                                   "pexip.proxy.cert_name"], **kwargs)


def assert_findings(tshark, capture, expected):
    assert findings(tshark, capture) == expected
    assert findings(tshark, capture, two_pass=True) == expected
    # Wireshark alone shows no warning on these captures: every warning is ours.
    _, out, _ = tshark.run(["-r", tshark.capture(capture), "-q", "-z", "expert,warn"])
    assert "Warns (%d)" % len(expected) in out
    for _, text, _, _ in expected:
        assert text in out


def assert_silent(tshark, capture):
    assert tshark.frames(capture, "_ws.expert && pexip && _ws.expert.severity >= warning") == []
    assert findings(tshark, capture, two_pass=True) == []


# ---- pexip.proxy.auth_unsupported ------------------------------------------

def test_407_without_basic(tshark):
    # The 407 offers Digest, NTLM and Negotiate; the retry with Digest
    # credentials (6) is on the same connection: not shown again. A second
    # connection's 407 offers nothing at all (14).
    text = ("CONNECT to meet.pexip.me:443 answered 407 offering only Digest, NTLM, Negotiate: "
            + BASIC_ONLY)
    empty = "CONNECT to meet.pexip.me:443 answered 407 offering no scheme: " + BASIC_ONLY
    assert_findings(tshark, "proxy-auth-digest.pcap", [[5, text, WARNING, PROTOCOL],
                                                       [14, empty, WARNING, PROTOCOL]])
    assert tshark.frames("proxy-auth-digest.pcap", "pexip.proxy.auth_unsupported") == [5, 14]
    assert proxy_fields(tshark, "proxy-auth-digest.pcap") == [
        [4, "meet.pexip.me:443", "", ""],
        [5, "meet.pexip.me:443", "Digest,NTLM,Negotiate", ""],
        [6, "meet.pexip.me:443", "Digest", ""],
        [7, "meet.pexip.me:443", "", ""],
        [9, "", "", "*.pexip.me,pexip.me"],     # the service's certificate: fine
        [13, "meet.pexip.me:443", "", ""],
        [14, "meet.pexip.me:443", "", ""],
    ]


def test_ntlm_and_negotiate_credentials(tshark):
    # 5 offers Basic and NTLM: fine. The browser sends NTLM (6): shown; the
    # NTLM challenge (7, no Basic) and the last NTLM CONNECT (8) are on the
    # same connection. A second connection sends Negotiate (15).
    assert_findings(tshark, "proxy-auth-ntlm-credentials.pcap", [
        [6, "CONNECT to meet.pexip.me:443 sent NTLM proxy credentials: " + BASIC_ONLY,
         WARNING, PROTOCOL],
        [15, "CONNECT to meet.pexip.me:443 sent Negotiate proxy credentials: " + BASIC_ONLY,
         WARNING, PROTOCOL],
    ])
    rows = proxy_fields(tshark, "proxy-auth-ntlm-credentials.pcap",
                        display_filter="pexip.proxy.auth_scheme")
    assert rows == [[5, "meet.pexip.me:443", "Basic,NTLM", ""],
                    [6, "meet.pexip.me:443", "NTLM", ""],
                    [7, "meet.pexip.me:443", "NTLM", ""],
                    [8, "meet.pexip.me:443", "NTLM", ""],
                    [15, "meet.pexip.me:443", "Negotiate", ""]]


def test_basic_auth_is_healthy(tshark):
    # 407 offering Digest and Basic in one header, Basic credentials, 200,
    # the service's certificate (its chain's second certificate, the
    # proxy's, does not count).
    assert_silent(tshark, "proxy-auth-basic.pcap")
    assert proxy_fields(tshark, "proxy-auth-basic.pcap") == [
        [4, "meet.pexip.me:443", "", ""],
        [5, "meet.pexip.me:443", "Digest,Basic", ""],
        [6, "meet.pexip.me:443", "Basic", ""],
        [7, "meet.pexip.me:443", "", ""],
        [9, "", "", "*.pexip.me,pexip.me"],
    ]


# ---- pexip.proxy.connect_failed --------------------------------------------

def test_connect_refused_and_failed(tshark):
    assert_findings(tshark, "proxy-connect-failed.pcap", [
        [5, "CONNECT to meet.pexip.me:443 answered 403: the proxy refused the tunnel. Allow "
            "CONNECT to the service domains and addresses on port 443", WARNING, RESPONSE_CODE],
        # by address: 185.94.241.20 is in the service table
        [10, "CONNECT to 185.94.241.20:443 answered 502: the proxy could not reach the service. "
             "Let the proxy connect to the service's addresses on TCP 443", WARNING, RESPONSE_CODE],
    ])
    assert tshark.frames("proxy-connect-failed.pcap", "pexip.proxy.connect_failed") == [5, 10]


def test_connect_healthy_twin(tshark):
    assert_silent(tshark, "proxy-connect-healthy.pcap")
    assert proxy_fields(tshark, "proxy-connect-healthy.pcap") == [
        [4, "meet.pexip.me:443", "", ""], [5, "meet.pexip.me:443", "", ""],
        [7, "", "", "*.pexip.me,pexip.me"],
        [11, "185.94.241.20:443", "", ""], [12, "185.94.241.20:443", "", ""],
        [14, "", "", "*.pexip.me,pexip.me"],
    ]


def test_407_is_not_a_failed_connect(tshark):
    for capture in ["proxy-auth-digest.pcap", "proxy-auth-ntlm-credentials.pcap",
                    "proxy-auth-basic.pcap"]:
        assert tshark.frames(capture, "pexip.proxy.connect_failed") == []


# ---- pexip.proxy.tls_intercepted -------------------------------------------

def test_tls_intercepted(tshark):
    # In a tunnel to meet.pexip.me (7), in a tunnel to the node's address
    # with no SNI (14), straight to the node with SNI (19, a transparent
    # proxy): each Certificate frame, once per connection.
    assert_findings(tshark, "proxy-tls-intercepted.pcap", [
        [7, "TLS with meet.pexip.me got a certificate for proxy.corp.example, " + INTERCEPTED,
         WARNING, SECURITY],
        [14, "TLS with 185.94.241.20 got a certificate for proxy.corp.example, " + INTERCEPTED,
         WARNING, SECURITY],
        [19, "TLS with meet.pexip.me got a certificate for proxy.corp.example, " + INTERCEPTED,
         WARNING, SECURITY],
    ])
    rows = proxy_fields(tshark, "proxy-tls-intercepted.pcap",
                        display_filter="pexip.proxy.cert_name")
    assert rows == [[f, "", "", "proxy.corp.example"] for f in (7, 14, 19)]


def test_tls_healthy_twin(tshark):
    # meet.pexip.me by subject CN alone (7); *.pexip.me by SAN (14, 19).
    assert_silent(tshark, "proxy-tls-intercepted-healthy.pcap")
    rows = proxy_fields(tshark, "proxy-tls-intercepted-healthy.pcap",
                        display_filter="pexip.proxy.cert_name")
    assert rows == [[7, "", "", "meet.pexip.me"], [14, "", "", "*.pexip.me,pexip.me"],
                    [19, "", "", "*.pexip.me,pexip.me"]]


def test_connect_to_an_address_needs_the_address_table(tshark):
    # Without the built-in service ranges 185.94.241.20 is no service
    # address: the tunnel to it (14) is not judged; the two handshakes with
    # SNI meet.pexip.me still are.
    rows = findings(tshark, "proxy-tls-intercepted.pcap",
                    options=["pexip.use_default_ranges:FALSE"])
    assert [r[0] for r in rows] == [7, 19]
    rows = findings(tshark, "proxy-connect-failed.pcap",
                    options=["pexip.use_default_ranges:FALSE"])
    assert [r[0] for r in rows] == [5]


def test_service_domains_decide(tshark):
    # With only the proxy's own domain as a service domain, meet.pexip.me is
    # not the service's and the proxy's certificate is a service
    # certificate: nothing to say.
    assert findings(tshark, "proxy-tls-intercepted.pcap",
                    options=["pexip.dns_suffixes:corp.example"]) == []


# ---- not the service -------------------------------------------------------

def test_other_hosts_are_not_ours(tshark):
    # 407 Digest-only, NTLM credentials and 403 for example.org; the proxy's
    # certificate for example.net: nothing about the service.
    assert tshark.frames("proxy-other-host.pcap", "pexip") == []


def test_no_pexip_field_needed(tshark):
    # Expert infos show although no filter or column names a pexip field.
    _, out, _ = tshark.run(["-r", tshark.capture("proxy-connect-failed.pcap"), "-q",
                            "-z", "expert,warn"])
    assert "Warns (2)" in out


PROXY_CAPTURES = sorted(f for f in os.listdir(CAPTURES) if f.startswith("proxy-"))


@pytest.mark.parametrize("capture", PROXY_CAPTURES)
def test_wireshark_alone_two_passes(tshark, capture):
    # Wireshark 4.0 alone, on the second pass too: no malformed packet and no
    # warning of its own (a CONNECT answered 200 whose tunnel then carries
    # nothing gets HTTP's "Unencrypted HTTP protocol detected over encrypted
    # port" on the second pass: every opened tunnel here carries TLS).
    args = ["-r", tshark.capture(capture), "-2", "-Y",
            "_ws.malformed || _ws.expert.severity >= warning", "-T", "fields",
            "-e", "frame.number"]
    _, out, _ = tshark.bare_box.run(args)
    assert out.split() == []


PUBLIC = os.path.isdir(PUBLIC_CAPTURES)
needs_public = pytest.mark.skipif(
    not PUBLIC, reason="public captures not found (../shared/captures/public): skipping")


@needs_public
def test_public_http_connect(tshark):
    # A CONNECT to apache.org:443 through a proxy (captured on the proxy):
    # not a service host, so nothing at all.
    assert tshark.frames("http_connect.pcap", "pexip", folder=PUBLIC_CAPTURES) == []
    # With apache.org as a service domain: the CONNECT (4) and its 200 (11)
    # carry the target; the TLS is 1.3 (the certificate is encrypted), so
    # there is nothing to judge, and no finding.
    options = ["pexip.dns_suffixes:apache.org"]
    assert proxy_fields(tshark, "http_connect.pcap", options=options,
                        folder=PUBLIC_CAPTURES) == [[4, "apache.org:443", "", ""],
                                                    [11, "apache.org:443", "", ""]]
    assert findings(tshark, "http_connect.pcap", options=options, folder=PUBLIC_CAPTURES) == []
    assert findings(tshark, "http_connect.pcap", options=options, folder=PUBLIC_CAPTURES,
                    two_pass=True) == []


@needs_public
def test_public_plain_http_proxy(tshark):
    # GET through a proxy, no CONNECT: nothing.
    assert tshark.frames("http-proxy.pcapng", "pexip", folder=PUBLIC_CAPTURES) == []
