"""Foundation: which packets are the service's, and the fields on them.

Every test states, frame by frame, what must be there and what must not.
The captures come from test-captures/gen/foundation.py.
"""
from conftest import WS, uat_row

IVR, FED, NODE = "185.94.242.66", "185.94.240.215", "185.94.241.20"
SBC, CLIENT = "198.51.100.10", "203.0.113.25"
R_IVR, R_FED, R_WIDE = "185.94.242.66/32", "185.94.240.215/32", "185.94.240.0/22"
L_IVR = "Pexip Service H.323/SIP IVR"
L_FED = "Pexip Service SIP federation host"
L_WIDE = "Pexip Service (assumed /22)"

BASIC = ["pexip.service", "pexip.direction", "pexip.service_addr", "pexip.peer_addr",
         "pexip.range", "pexip.port_class"]


def test_every_port_class_and_direction(tshark):
    rows = tshark.fields("foundation-ports.pcap", BASIC)
    T = WS.true
    assert rows == [
        [1, T, "to-service", IVR, SBC, R_IVR, "sip-udp"],
        [2, T, "from-service", IVR, SBC, R_IVR, "sip-udp"],
        [3, T, "to-service", NODE, SBC, R_WIDE, "sip-tcp"],
        [4, T, "from-service", NODE, SBC, R_WIDE, "sip-tcp"],
        [5, T, "to-service", NODE, SBC, R_WIDE, "sip-tcp"],
        [6, T, "to-service", NODE, SBC, R_WIDE, "sip-tcp"],
        [7, T, "to-service", NODE, SBC, R_WIDE, "sip-tls"],
        [8, T, "from-service", NODE, SBC, R_WIDE, "sip-tls"],
        [9, T, "to-service", NODE, SBC, R_WIDE, "sip-tls"],
        [10, T, "to-service", NODE, SBC, R_WIDE, "sip-tls"],
        [11, T, "to-service", IVR, CLIENT, R_IVR, "h225"],
        [12, T, "from-service", IVR, CLIENT, R_IVR, "h225"],
        [13, T, "to-service", IVR, CLIENT, R_IVR, "h225"],
        [14, T, "to-service", IVR, CLIENT, R_IVR, "ras"],
        [15, T, "to-service", NODE, CLIENT, R_WIDE, "h245"],
        [16, T, "from-service", NODE, CLIENT, R_WIDE, "h245"],
        [17, T, "to-service", NODE, CLIENT, R_WIDE, "h245"],
        [18, T, "from-service", NODE, CLIENT, R_WIDE, "rtp"],
        [19, T, "to-service", NODE, CLIENT, R_WIDE, "rtcp"],
        [20, T, "to-service", NODE, CLIENT, R_WIDE, "https"],
        [21, T, "from-service", NODE, CLIENT, R_WIDE, "https"],
        [22, T, "to-service", NODE, CLIENT, R_WIDE, "https"],
        [23, T, "to-service", NODE, CLIENT, R_WIDE, "https"],
        [24, T, "to-service", NODE, CLIENT, R_WIDE, "turn"],
        [25, T, "to-service", NODE, CLIENT, R_WIDE, "stun"],
        # both ends are the service's: both addresses, no peer
        [26, T, "within-service", IVR + "," + FED, "", R_IVR + "," + R_FED, "sip-udp"],
        [27, T, "from-service", FED, SBC, R_FED, "sip-udp"],
        # the service connecting out to the SBC's SIP/TLS port
        [28, T, "from-service", NODE, SBC, R_WIDE, "sip-tls"],
        # 29-33: other hosts and the addresses just outside 185.94.240.0/22
    ]


def test_no_pexip_tree_on_traffic_that_is_not_the_service(tshark):
    assert tshark.frames("foundation-ports.pcap", "pexip") == list(range(1, 29))
    assert tshark.frames("foundation-ports.pcap", "!pexip") == [29, 30, 31, 32, 33]


def test_range_labels_name_their_source_row(tshark):
    rows = tshark.fields("foundation-ports.pcap", ["pexip.range_label"],
                         display_filter="frame.number in {1,3,26,27}")
    assert rows == [
        [1, L_IVR],
        [3, L_WIDE],
        [26, L_IVR + "," + L_FED],
        [27, L_FED],
    ]


def test_filters_work_on_addresses_and_prefixes(tshark):
    cap = "foundation-ports.pcap"
    assert tshark.frames(cap, "pexip.service_addr == 185.94.242.66") == [1, 2, 11, 12, 13, 14, 26]
    assert tshark.frames(cap, 'pexip.service_addr in {185.94.240.0/23} && pexip.port_class == "rtp"') == [18]
    assert tshark.frames(cap, 'pexip.direction == "within-service"') == [26]
    assert tshark.frames(cap, "pexip.peer_addr == 203.0.113.0/24 && pexip.port_class == \"h225\"") == [11, 12, 13]


def test_defaults_can_be_turned_off(tshark):
    assert tshark.frames("foundation-ports.pcap", "pexip",
                         options=["pexip.use_default_ranges:FALSE"]) == []
    # ... and replaced by the user's own rows.
    rows = tshark.fields("foundation-ports.pcap", ["pexip.direction", "pexip.range", "pexip.range_label"],
                         options=["pexip.use_default_ranges:FALSE",
                                  uat_row("192.0.2.0/24", "lab hosts")])
    assert rows == [
        [29, "within-service", "192.0.2.0/24,192.0.2.0/24", "lab hosts,lab hosts"],
        [30, "within-service", "192.0.2.0/24,192.0.2.0/24", "lab hosts,lab hosts"],
        [31, "from-service", "192.0.2.0/24", "lab hosts"],
        [32, "to-service", "192.0.2.0/24", "lab hosts"],
        [33, "within-service", "192.0.2.0/24,192.0.2.0/24", "lab hosts,lab hosts"],
    ]


def test_user_rows_add_to_defaults_and_longest_prefix_wins(tshark):
    rows = tshark.fields("foundation-ports.pcap", ["pexip.range", "pexip.range_label"],
                         options=[uat_row("185.94.241.0/24", "my narrower row")],
                         display_filter="frame.number in {1,3,31}")
    assert rows == [
        [1, R_IVR, L_IVR],
        [3, "185.94.241.0/24", "my narrower row"],
    ]


def test_media_port_preferences(tshark):
    rows = tshark.fields("foundation-ports.pcap", ["pexip.port_class"],
                         options=["pexip.service_media_ports:50000-50010",
                                  "pexip.service_tcp_ports:1-2"],
                         display_filter="frame.number in {15,18,19}")
    # Outside the configured ranges, the service ports mean nothing.
    assert rows == [[15, "other"], [18, "other"], [19, "other"]]


V6 = uat_row("2001:db8:5e00::/40", "v6 test range")


def test_ipv6(tshark):
    rows = tshark.fields("foundation-ipv6.pcap",
                         ["pexip.direction", "pexip.service_addr6", "pexip.peer_addr6",
                          "pexip.service_addr", "pexip.range", "pexip.range_label", "pexip.port_class"],
                         options=[V6])
    assert rows == [
        [1, "to-service", "2001:db8:5e00::66", "2001:db8:100::10", "", "2001:db8:5e00::/40", "v6 test range", "sip-udp"],
        [2, "from-service", "2001:db8:5e00::66", "2001:db8:100::10", "", "2001:db8:5e00::/40", "v6 test range", "sip-udp"],
        [3, "from-service", "2001:db8:5e00::66", "2001:db8:100::10", "", "2001:db8:5e00::/40", "v6 test range", "rtp"],
        # 4: 2001:db8:5f00::1 is outside the /40
        [5, "to-service", "2001:db8:5e00::80", "2001:db8:100::10", "", "2001:db8:5e00::/40", "v6 test range", "https"],
        [6, "to-service", "", "", IVR, R_IVR, L_IVR, "sip-udp"],
    ]
    assert tshark.frames("foundation-ipv6.pcap", "pexip.service_addr6 == 2001:db8:5e00::/40", options=[V6]) == [1, 2, 3, 5]
    assert tshark.frames("foundation-ipv6.pcap", "pexip.peer_addr6 == 2001:db8:100::10", options=[V6]) == [1, 2, 3, 5]


def test_ipv6_is_not_the_service_without_a_row(tshark):
    assert tshark.frames("foundation-ipv6.pcap", "pexip") == [6]


DNS_FIELDS = ["pexip.service", "pexip.direction", "pexip.service_addr", "pexip.service_addr6",
              "pexip.range", "pexip.range_label", "pexip.dns.query", "pexip.dns.learned_addr",
              "pexip.dns.learned_addr6"]


def test_dns_answers_make_service_addresses_from_that_frame_on(tshark):
    rows = tshark.fields("foundation-dns.pcap", DNS_FIELDS)
    W, V6N, CDN = "198.51.100.77", "2001:db8:77::1", "198.51.100.120"
    T = WS.true
    assert rows == [
        # 1: traffic to the address before any DNS answer: not (yet) the service's
        [2, "", "", "", "", "", "", "meet.pexip.me", "", ""],
        [3, "", "", "", "", "", "", "meet.pexip.me", W, ""],
        [4, T, "to-service", W, "", "dns", "meet.pexip.me", "", "", ""],
        [5, T, "from-service", W, "", "dns", "meet.pexip.me", "", "", ""],
        [6, T, "to-service", W, "", "dns", "meet.pexip.me", "", "", ""],
        [7, "", "", "", "", "", "", "Conference.VMR.vc", "", ""],
        [8, "", "", "", "", "", "", "Conference.VMR.vc", "", V6N],
        [9, T, "to-service", "", V6N, "dns", "Conference.VMR.vc", "", "", ""],
        # 10-14: example.com and notpexip.me are not service names
        [15, "", "", "", "", "", "", "download.vmr.vc", CDN, ""],
        [16, T, "to-service", CDN, "", "dns", "download.vmr.vc", "", "", ""],
    ]


def test_dns_learning_is_the_same_on_a_second_pass(tshark):
    one = tshark.fields("foundation-dns.pcap", DNS_FIELDS)
    two = tshark.fields("foundation-dns.pcap", DNS_FIELDS, two_pass=True)
    assert one == two


def test_dns_label_says_which_answer(tshark):
    _, out, _ = tshark.run(["-r", tshark.capture("foundation-dns.pcap"), "-Y", "frame.number == 4", "-V"])
    assert "Service range label: meet.pexip.me (DNS answer in frame 3)" in out


def test_dns_suffix_preference(tshark):
    # Empty: no learning at all.
    assert tshark.frames("foundation-dns.pcap", "pexip", options=["pexip.dns_suffixes:"]) == []
    # Only example.com: its answer is learned, the service's are not.
    rows = tshark.fields("foundation-dns.pcap", ["pexip.range_label", "pexip.dns.query"],
                         options=["pexip.dns_suffixes:example.com"])
    assert rows == [
        [10, "", "example.com"],
        [11, "", "example.com"],
        [12, "example.com", ""],
    ]


def test_every_documented_field_is_registered(tshark):
    _, out, _ = tshark.run(["-G", "fields"])
    names = {line.split("\t")[2] for line in out.splitlines()
             if line.startswith("F\t") and line.split("\t")[2].startswith("pexip.")}
    assert names == {
        "pexip.service", "pexip.direction", "pexip.service_addr", "pexip.service_addr6",
        "pexip.peer_addr", "pexip.peer_addr6", "pexip.range", "pexip.range_label",
        "pexip.port_class", "pexip.dns.query", "pexip.dns.learned_addr", "pexip.dns.learned_addr6",
        # the call model (tests/test_sip_linking.py)
        "pexip.call", "pexip.call_id", "pexip.signaling", "pexip.media.kind",
        "pexip.media.setup_frame", "pexip.media.mline", "pexip.media.stream",
        "pexip.media.direction", "pexip.bfcp.floor_status",
        # H.323 (tests/test_h323_linking.py) and how the device dialled
        "pexip.media.channel", "pexip.dial_string", "pexip.conference_id", "pexip.dial_uri",
        # what each announced stream became
        "pexip.announced.stream", "pexip.announced.mline", "pexip.announced.kind",
        "pexip.announced.addr", "pexip.announced.addr6", "pexip.announced.port",
        "pexip.announced.transport", "pexip.announced.direction",
        "pexip.announced.channel", "pexip.announced.rtcp_addr", "pexip.announced.rtcp_addr6",
        "pexip.announced.rtcp_port",
        "pexip.announced.packets_to", "pexip.announced.bytes_to",
        "pexip.announced.packets_from", "pexip.announced.bytes_from",
        "pexip.announced.first_frame", "pexip.announced.last_frame",
        # each expert info's name, for a column (tests/test_finding_field.py)
        "pexip.finding",
        # expert infos are fields too
        "pexip.sip.encrypted",
        "pexip.alg.sdp_origin_mismatch", "pexip.nat.private_address",
        "pexip.media.missing", "pexip.media.one_way", "pexip.media.content_missing",
        "pexip.media.icmp_unreachable", "pexip.media.unannounced_source",
        "pexip.media.outside_sbc_range",
        "pexip.sip.refresh_unanswered", "pexip.h323.h245_unreachable",
        # web proxies (tests/test_proxy.py)
        "pexip.proxy.target", "pexip.proxy.auth_scheme", "pexip.proxy.cert_name",
        "pexip.proxy.auth_unsupported", "pexip.proxy.connect_failed",
        "pexip.proxy.tls_intercepted",
        "pexip.alg.partial_rewrite", "pexip.alg.nat_trace", "pexip.alg.content_length",
        "pexip.alg.rewritten", "pexip.alg.other_frame", "pexip.alg.h323_address",
        # the plugin's caps on its state (tests/test_limits.py)
        "pexip.limit.reached",
        # NAT seen from inside, what the service never answered
        # (tests/test_nat.py, tests/test_unanswered.py)
        "pexip.nat.via_received", "pexip.sip.service_unanswered",
        "pexip.webrtc.udp_blocked", "pexip.webrtc.turn_refused",
    }


def test_plugin_is_listed(tshark):
    _, out, _ = tshark.run(["-G", "plugins"])
    assert any(line.startswith("pexip.so") and "dissector" in line for line in out.splitlines())


def test_field_reference_documents_every_field(tshark):
    """docs/fields.md is the one field reference: every registered field
    and preference is in it, and it names none that does not exist."""
    import os
    import re
    from conftest import ROOT
    with open(os.path.join(ROOT, "docs", "fields.md")) as f:
        doc = f.read()
    documented = set(re.findall(r"^\| `(pexip\.[a-z0-9_.]+)` \|", doc, re.M))
    _, out, _ = tshark.run(["-G", "fields"])
    fields = {line.split("\t")[2] for line in out.splitlines()
              if line.startswith("F\t") and line.split("\t")[2].startswith("pexip.")}
    _, out, _ = tshark.run(["-G", "defaultprefs"])
    prefs = set(re.findall(r"^#?(pexip\.[a-z0-9_.]+):", out, re.M))
    prefs.add("pexip.service_ranges")   # the UAT: listed by name, not as a default
    assert documented == fields | prefs


def test_field_reference_matches_the_findings_table():
    """docs/fields.md lists every row of the findings table
    (plugin/findings/pexip-findings-table.c) with its severity and group,
    says "Second pass only" of exactly the findings decided once the
    capture has been read, and lists no expert info the table lacks."""
    import os
    import re
    import subprocess
    from conftest import ROOT, BUILD
    table = subprocess.run([os.path.join(BUILD, "plugin", "pexip-findings-table")],
                           check=True, capture_output=True, text=True).stdout
    rows = [line.split("\t") for line in table.splitlines()[1:]]
    assert len(rows) >= 19
    with open(os.path.join(ROOT, "docs", "fields.md")) as f:
        doc = f.read()
    documented = {m.group(1): (m.group(2), m.group(3))
                  for m in re.finditer(r"^\| `(pexip\.[a-z0-9_.]+)` \| (note|warning|error) "
                                       r"\(([a-z ]+)\) \| (.*) \|$", doc, re.M)}
    second_pass = {m.group(1) for m in re.finditer(
        r"^\| `(pexip\.[a-z0-9_.]+)` \| [a-z]+ \([a-z ]+\) \| .*\*\*Second pass only", doc, re.M)}
    assert {r[0]: (r[1], r[2]) for r in rows} == documented
    assert {r[0] for r in rows if r[4] == "capture-read"} == second_pass
