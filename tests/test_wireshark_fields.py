"""Every field the plugin reads from other dissectors exists on the
Wireshark running the tests, and still turns up in the bundled captures.

The plugin asks Wireshark for other dissectors' fields by filter name
(pexip-fields.h: pexip_want_field) and logs each name at debug level;
a name this Wireshark lacks is logged as a warning and the plugin does
without it. Wireshark renames fields between releases (4.6 renamed the
H.245 OpenLogicalChannel elements and kept the old names for other
messages), which would quietly turn a feature off: so each name must
resolve, and must be filled in somewhere in the captures below.
"""
import re

# Captures that between them hold every field read (each capture is read
# once; the H.323-over-IPv6 and ICMPv6 fields below are in none).
CAPTURES = [
    "alg-h323-address.pcap", "baresip-call.pcap", "proxy-auth-basic.pcap",
    "foundation-dns.pcap", "h323-ivr-rtp-events.pcap", "h323-dialling.pcap",
    "content-healthy.pcap", "h323-ivr-dtmf.pcap", "h323-tunnel.pcap", "h323-content.pcap",
    "sip-tls.pcap", "webrtc-udp-healthy.pcap",
]
# Read by the plugin, in no bundled capture: only their existence is checked.
IN_NO_CAPTURE = {
    "h225.h245Ip6", "h225.h245Ip6port", "h225.ipV6", "h225.ipV6_port",
    "h245.ip6_network", "h245.ipv6.tsapIdentifier", "icmpv6.type",
}


def wanted_fields(tshark):
    """The filter names the plugin asked for, and its warnings."""
    _, _, err = tshark.run(["--log-debug", "pexip", "-G", "plugins"])
    names = re.findall(r"\[pexip DEBUG\] -- reads field (\S+)", err)
    warnings = [line for line in err.splitlines() if "[pexip WARNING]" in line]
    return sorted(set(names)), warnings


def test_every_field_read_exists_on_this_wireshark(tshark):
    names, warnings = wanted_fields(tshark)
    assert warnings == []
    # The log is what the other checks rely on: it names the fields of
    # every family the plugin reads.
    for name in ["sip", "sdp", "bfcp.request_status", "h225.guid", "h245.dataType",
                 "rtpevent.event_id", "http.request.method", "dns.a", "icmp.type"]:
        assert name in names
    assert IN_NO_CAPTURE <= set(names)


def test_every_field_read_is_filled_in_by_the_captures(tshark):
    names, _ = wanted_fields(tshark)
    fields = [n for n in names if "." in n and n not in IN_NO_CAPTURE]
    protocols = [n for n in names if "." not in n]
    seen = set()
    for capture in CAPTURES:
        args = ["-r", tshark.capture(capture), "-T", "fields", "-E", "occurrence=f",
                "-e", "frame.protocols"]
        for f in fields:
            args += ["-e", f]
        _, out, _ = tshark.run(args)
        for line in out.splitlines():
            cols = line.split("\t")
            seen.update(p for p in cols[0].split(":") if p in protocols)
            seen.update(f for f, value in zip(fields, cols[1:]) if value)
    assert [n for n in fields + protocols if n not in seen] == []
