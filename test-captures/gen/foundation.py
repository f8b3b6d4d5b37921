"""Captures for the foundation: which packets are the service's.

Addresses: the service's are the shipped defaults (185.94.240.0/22 and its
two known hosts); customers use documentation prefixes (RFC 5737/3849).
Frame numbers are asserted in tests/test_foundation.py: keep the order.
"""
from pcapgen import Capture, TcpFlow, dns_query, dns_response, rtp_packet, \
    sip_message, stun_binding_request, tls_client_hello

IVR = "185.94.242.66"          # default table: its own /32
FEDERATION = "185.94.240.215"  # default table: its own /32
NODE = "185.94.241.20"         # default table: the assumed /22
SBC = "198.51.100.10"          # a customer's SBC
CLIENT = "203.0.113.25"        # a customer's endpoint or browser
OTHER_A = "192.0.2.10"         # not the service
OTHER_B = "192.0.2.20"
JUST_ABOVE = "185.94.244.1"    # first /22 above the service's
JUST_BELOW = "185.94.239.254"  # last address below it


def _options(src, dst, transport="UDP", branch="z9hG4bK-1"):
    return sip_message(
        "OPTIONS sip:%s SIP/2.0" % dst,
        [("Via", "SIP/2.0/%s %s:5060;branch=%s" % (transport, src, branch)),
         ("Max-Forwards", "70"),
         ("From", "<sip:ping@%s>;tag=f1" % src),
         ("To", "<sip:%s>" % dst),
         ("Call-ID", "options-%s@%s" % (branch, src)),
         ("CSeq", "1 OPTIONS")])


def _ok(request_src, request_dst, transport="UDP", branch="z9hG4bK-1"):
    return sip_message(
        "SIP/2.0 200 OK",
        [("Via", "SIP/2.0/%s %s:5060;branch=%s" % (transport, request_src, branch)),
         ("From", "<sip:ping@%s>;tag=f1" % request_src),
         ("To", "<sip:%s>;tag=t1" % request_dst),
         ("Call-ID", "options-%s@%s" % (branch, request_src)),
         ("CSeq", "1 OPTIONS")])


def ports():
    """Every port class, both directions, within-service, and look-alikes
    that are not the service."""
    c = Capture()
    c.udp(SBC, 5060, IVR, 5060, _options(SBC, IVR))                       # 1
    c.udp(IVR, 5060, SBC, 5060, _ok(SBC, IVR))                            # 2
    sip_tcp = TcpFlow(c, SBC, 40100, NODE, 5060)
    sip_tcp.handshake()                                                   # 3-5
    sip_tcp.client_sends(_options(SBC, NODE, "TCP", "z9hG4bK-2"))         # 6
    sip_tls = TcpFlow(c, SBC, 40200, NODE, 5061)
    sip_tls.handshake()                                                   # 7-9
    sip_tls.client_sends(tls_client_hello("sip.pexip.me"))                # 10
    TcpFlow(c, CLIENT, 50000, IVR, 1720).handshake()                      # 11-13
    c.udp(CLIENT, 1719, IVR, 1719)                                        # 14
    TcpFlow(c, CLIENT, 50010, NODE, 33010).handshake()                    # 15-17
    c.udp(NODE, 40000, CLIENT, 50000, rtp_packet(1, 160, 0x11111111))     # 18
    c.udp(CLIENT, 50001, NODE, 40001, b"\x00" * 8)                        # 19
    https = TcpFlow(c, CLIENT, 51000, NODE, 443)
    https.handshake()                                                     # 20-22
    https.client_sends(tls_client_hello("meet.pexip.me"))                 # 23
    c.udp(CLIENT, 51500, NODE, 3478, stun_binding_request(b"A" * 12))     # 24
    c.udp(CLIENT, 52000, NODE, 40002, stun_binding_request(b"B" * 12))    # 25
    c.udp(IVR, 5060, FEDERATION, 5060, _options(IVR, FEDERATION))         # 26
    c.udp(FEDERATION, 5060, SBC, 5060, _options(FEDERATION, SBC))         # 27
    TcpFlow(c, NODE, 41234, SBC, 5061).syn_only()                         # 28
    c.udp(OTHER_A, 5060, OTHER_B, 5060, _options(OTHER_A, OTHER_B))       # 29
    c.udp(OTHER_A, 40000, OTHER_B, 40000, b"\x00" * 8)                    # 30
    c.udp(OTHER_A, 5060, JUST_ABOVE, 5060, _options(OTHER_A, JUST_ABOVE)) # 31
    c.udp(JUST_BELOW, 5060, OTHER_B, 5060, _options(JUST_BELOW, OTHER_B)) # 32
    TcpFlow(c, OTHER_A, 51001, OTHER_B, 443).syn_only()                   # 33
    return c


V6_CLIENT = "2001:db8:100::10"
V6_SERVICE = "2001:db8:5e00::66"    # inside the test row 2001:db8:5e00::/40
V6_SERVICE_WEB = "2001:db8:5e00::80"
V6_OUTSIDE = "2001:db8:5f00::1"     # just outside it


def ipv6():
    """IPv6 service traffic; tests add the row 2001:db8:5e00::/40."""
    c = Capture()
    c.udp(V6_CLIENT, 5060, V6_SERVICE, 5060, _options("[%s]" % V6_CLIENT, "[%s]" % V6_SERVICE))  # 1
    c.udp(V6_SERVICE, 5060, V6_CLIENT, 5060, _ok("[%s]" % V6_CLIENT, "[%s]" % V6_SERVICE))       # 2
    c.udp(V6_SERVICE, 40000, V6_CLIENT, 50000, rtp_packet(1, 160, 0x22222222))                  # 3
    c.udp(V6_CLIENT, 5060, V6_OUTSIDE, 5060, _options("[%s]" % V6_CLIENT, "[%s]" % V6_OUTSIDE)) # 4
    TcpFlow(c, V6_CLIENT, 51000, V6_SERVICE_WEB, 443).syn_only()                                # 5
    c.udp(SBC, 5060, IVR, 5060, _options(SBC, IVR))                                             # 6
    return c


RESOLVER = "192.0.2.53"
WEB_NODE = "198.51.100.77"      # answered for meet.pexip.me
CDN_NODE = "198.51.100.120"     # answered (via CNAME) for download.vmr.vc
NOT_SERVICE = "198.51.100.99"   # answered for example.com
LOOKALIKE = "198.51.100.98"     # answered for notpexip.me
V6_NODE = "2001:db8:77::1"      # answered for Conference.VMR.vc.
V6_RESOLVER = "2001:db8:100::53"


def dns():
    """DNS answers for service domains make their addresses the service's
    from that frame on; other names do not."""
    c = Capture()
    TcpFlow(c, CLIENT, 50001, WEB_NODE, 443).syn_only()                                  # 1
    c.udp(CLIENT, 53000, RESOLVER, 53, dns_query(0x1001, "meet.pexip.me"))                # 2
    c.udp(RESOLVER, 53, CLIENT, 53000, dns_response(0x1001, "meet.pexip.me", [("A", WEB_NODE)]))  # 3
    web = TcpFlow(c, CLIENT, 50002, WEB_NODE, 443)
    web.handshake()                                                                      # 4-6
    c.udp(V6_CLIENT, 53001, V6_RESOLVER, 53, dns_query(0x1002, "Conference.VMR.vc.", qtype=28))  # 7
    c.udp(V6_RESOLVER, 53, V6_CLIENT, 53001,
          dns_response(0x1002, "Conference.VMR.vc.", [("AAAA", V6_NODE)], qtype=28))    # 8
    c.udp(V6_CLIENT, 50000, V6_NODE, 40000, rtp_packet(1, 160, 0x33333333))              # 9
    c.udp(CLIENT, 53002, RESOLVER, 53, dns_query(0x1003, "example.com"))                  # 10
    c.udp(RESOLVER, 53, CLIENT, 53002, dns_response(0x1003, "example.com", [("A", NOT_SERVICE)]))  # 11
    TcpFlow(c, CLIENT, 50003, NOT_SERVICE, 443).syn_only()                               # 12
    c.udp(RESOLVER, 53, CLIENT, 53003, dns_response(0x1004, "notpexip.me", [("A", LOOKALIKE)]))   # 13
    TcpFlow(c, CLIENT, 50004, LOOKALIKE, 443).syn_only()                                 # 14
    c.udp(RESOLVER, 53, CLIENT, 53004,
          dns_response(0x1005, "download.vmr.vc",
                       [("CNAME", "cdn.example.net"), ("A", CDN_NODE)]))                 # 15
    TcpFlow(c, CLIENT, 50005, CDN_NODE, 443).syn_only()                                  # 16
    return c


CAPTURES = {
    "foundation-ports.pcap": ports,
    "foundation-ipv6.pcap": ipv6,
    "foundation-dns.pcap": dns,
}
