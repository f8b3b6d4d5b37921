"""A few fixed-seed rounds of tools/fuzz: damaged copies of captures of
every signalling family must not crash the plugin, make Wireshark report a
dissector bug, or put the plugin's name in an error. The long campaign is
`tools/fuzz` (see its --help), not part of the tests."""
import os

import pytest

from conftest import BUILD, CAPTURES, ROOT, load_tool


fuzz = load_tool("fuzz")

# One capture per family the plugin reads: SIP/SDP/BFCP over UDP and TCP,
# TLS with its key log, H.225/H.245 (tunnelled, FastStart, separate
# connection), a two-point SIP capture, ICMP, DNS, HTTP CONNECT and TLS
# certificates.
SMOKE = ["sip-content.pcap", "sip-tcp.pcap", "sip-fork.pcap", "alg-rewritten.pcap",
         "h323-h245-unreachable.pcap", "nat-h323-private.pcap", "media-icmp.pcap",
         "proxy-auth-digest.pcap", "proxy-tls-intercepted.pcap", "foundation-dns.pcap"]


def test_smoke_captures_exist():
    missing = [c for c in SMOKE if not os.path.exists(os.path.join(CAPTURES, c))]
    assert not missing


@pytest.mark.parametrize("name", SMOKE)
def test_damaged_copies_dissect_cleanly(tshark, name, tmp_path):
    keep = str(tmp_path / "failures")
    ours, _theirs = fuzz.campaign([os.path.join(CAPTURES, name)], rounds=4, rate=0.02,
                                  first_seed=1000, build=BUILD, keep=keep, say=lambda _: None)
    assert ours == []


def test_damage_changes_the_capture(tmp_path):
    source = os.path.join(CAPTURES, "sip-content.pcap")
    dest = str(tmp_path / "damaged.pcap")
    fuzz.damage(source, dest, 0.02, 1000)
    with open(source, "rb") as a, open(dest, "rb") as b:
        original, damaged = a.read(), b.read()
    assert len(original) == len(damaged)
    assert original != damaged


@pytest.mark.parametrize("rc,out,err,expected", [
    (0, "Frame 1\n", "", None),
    (-11, "", "", "killed by signal 11"),
    (139, "", "", "killed by signal 11"),
    (0, "[Dissector bug, protocol Pexip service: x]", "", "Dissector bug"),
    (2, "", "tshark: pexip_service_ranges: bad prefix\n", "plugin error: tshark: "
     "pexip_service_ranges: bad prefix"),
    (2, "", "tshark: The file appears to be damaged\n", None),
])
def test_problem_classification(rc, out, err, expected):
    assert fuzz.problem(rc, out, err) == expected
