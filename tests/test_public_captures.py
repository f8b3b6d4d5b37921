"""Real captures from other people's networks (../shared/captures/public/)
must never crash the plugin or make Wireshark report a dissector bug."""
import os

import pytest

from conftest import PUBLIC_CAPTURES, uat_row

if not os.path.isdir(PUBLIC_CAPTURES):
    pytest.skip("public captures not found at %s (../shared/captures/public): "
                "skipping the real-world robustness tests" % PUBLIC_CAPTURES,
                allow_module_level=True)

PUBLIC = sorted(f for f in os.listdir(PUBLIC_CAPTURES) if f.endswith((".pcap", ".pcapng")))
# Every address is the service's, so the plugin's every path runs.
EVERYTHING = ["-o", uat_row("0.0.0.0/0", "all IPv4"), "-o", uat_row("::/0", "all IPv6")]


@pytest.mark.parametrize("name", PUBLIC)
def test_public_capture_dissects_cleanly(tshark, name):
    path = tshark.capture(name, PUBLIC_CAPTURES)
    # Two passes and the full tree.
    rc, out, err = tshark.run(["-r", path, "-2", "-V"] + EVERYTHING, check=False)
    assert rc == 0, err
    assert "Dissector bug" not in out + err
    assert "pexip" not in err.lower(), err
    # Every IP packet is tagged, and nothing else is.
    _, ip_frames, _ = tshark.run(["-r", path, "-Y", "ip or ipv6", "-T", "fields", "-e", "frame.number"]
                                 + EVERYTHING)
    _, tagged, _ = tshark.run(["-r", path, "-Y", "pexip.service", "-T", "fields", "-e", "frame.number"]
                              + EVERYTHING)
    assert tagged.split() == ip_frames.split()
    assert tagged.split(), "expected IP traffic in %s" % name


def test_public_captures_are_present():
    assert PUBLIC, "no captures in %s" % PUBLIC_CAPTURES
