"""Shared fixtures: a tshark that loads exactly the freshly built plugin;
and WS, what the Wireshark running the tests does differently from the
other releases the plugin supports."""
import os
import re
import shutil
import subprocess
import tempfile

import pytest

import tsharkrun


def load_tool(name):
    """A Python script of tools/ (no .py ending) as a module, for tests
    that drive it from the inside (tools/fuzz)."""
    import importlib.machinery
    import importlib.util
    path = os.path.join(ROOT, "tools", name)
    loader = importlib.machinery.SourceFileLoader("pexip_" + name.replace("-", "_"), path)
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CAPTURES = os.path.join(ROOT, "test-captures")
PUBLIC_CAPTURES = os.path.normpath(os.path.join(ROOT, "..", "shared", "captures", "public"))
BUILD = os.environ.get("PEXIP_BUILD_DIR", os.path.join(ROOT, "build"))


class Tshark:
    """tshark with the plugin, reading copies of the captures."""

    def __init__(self, work, plugin):
        self.work = work
        self.box = tsharkrun.Sandbox(work, plugin)
        self.bare_box = tsharkrun.Sandbox(work, None, name="bare")
        self.captures = os.path.join(work, "captures")
        os.makedirs(self.captures, exist_ok=True)
        os.chmod(self.captures, 0o755)

    def capture(self, name, folder=CAPTURES):
        """Path of a world-readable copy of a capture."""
        dest = os.path.join(self.captures, name)
        if not os.path.exists(dest):
            shutil.copy(os.path.join(folder, name), dest)
            os.chmod(dest, 0o644)
        return dest

    def run(self, args, check=True):
        return self.box.run(args, check=check)

    def fields(self, capture, fields, options=(), two_pass=False, display_filter=None,
               folder=CAPTURES, aggregator=","):
        """Rows of `tshark -T fields` (frame.number first), as lists of
        strings, for the frames that have at least one of `fields`."""
        args = ["-r", self.capture(capture, folder), "-T", "fields", "-E", "occurrence=a",
                "-E", "aggregator=" + aggregator, "-e", "frame.number"]
        for f in fields:
            args += ["-e", f]
        for opt in options:
            args += ["-o", opt]
        if two_pass:
            args.append("-2")
        if display_filter:
            args += ["-Y", display_filter]
        _, out, err = self.run(args)
        rows = []
        for line in out.splitlines():
            cols = line.split("\t")
            cols += [""] * (len(fields) + 1 - len(cols))
            if any(cols[1:]):
                rows.append([int(cols[0])] + cols[1:])
        return rows

    def frames(self, capture, display_filter, options=(), folder=CAPTURES, bare=False):
        """Frame numbers that match a display filter (bare: without the plugin)."""
        args = ["-r", self.capture(capture, folder), "-Y", display_filter, "-T", "fields",
                "-e", "frame.number"]
        for opt in options:
            args += ["-o", opt]
        _, out, _ = (self.bare_box if bare else self.box).run(args)
        return [int(x) for x in out.split()]


@pytest.fixture(scope="session")
def tshark():
    if shutil.which("tshark") is None:
        pytest.fail("tshark is not installed (apt-get install tshark)")
    plugin = tsharkrun.built_plugin(BUILD)
    work = tempfile.mkdtemp(prefix="pexip-test.")
    os.chmod(work, 0o755)
    try:
        yield Tshark(work, plugin)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def uat_row(*fields):
    """A -o option adding one row to the pexip_service_ranges table."""
    return "uat:pexip_service_ranges:" + ",".join('"%s"' % f for f in fields)


# ---- the Wireshark release the tests run on ---------------------------------

def _running_wireshark():
    """major.minor of the tshark on PATH, e.g. "4.4" (None: no tshark)."""
    try:
        out = subprocess.run(["tshark", "--version"], capture_output=True, text=True).stdout
    except OSError:
        return None
    found = re.search(r"TShark \(Wireshark\) (\d+)\.(\d+)\.", out)
    return "%s.%s" % found.groups() if found else None


WIRESHARK = _running_wireshark()

# What Wireshark itself does differently on the releases the plugin is
# tested on (CMakeLists.txt; tools/check-versions runs the tests on each).
# Every value was seen on that release, in its Debian package; none is a
# guess. Tests read them as WS.<name> and stay exact on each release.
_DIFFERENCES = {
    # How tshark -T fields prints a boolean field.
    "true": {"4.0": "1", "4.4": "True", "4.6": "True"},
    "false": {"4.0": "0", "4.4": "False", "4.6": "False"},
    # How tshark -T fields prints a backslash in a string field's value
    # (4.4 and 4.6 escape it; seen on pexip.range_label, C plugin and Lua).
    "fields_backslash": {"4.0": "\\", "4.4": "\\\\", "4.6": "\\\\"},
    # Wireshark sets BFCP over UDP up from an SDP m=application UDP/BFCP by
    # itself (4.0 does not: the plugin does, test_content_sharing.py).
    "sets_up_udp_bfcp": {"4.0": False, "4.4": True, "4.6": True},
    # TCP's own expert infos (above chat) on a SYN that offers no SACK, as
    # the generated captures' SYNs: [message, severity].
    "syn_without_sack": {
        "4.0": [],
        "4.4": [["The SYN packet does not contain a SACK PERM option", str(0x00400000)]],
        "4.6": [["The SYN packet does not contain a SACK PERM option", str(0x00400000)]],
    },
    # ICMP's own expert infos on an ICMP error (destination unreachable).
    "icmp_error": {
        "4.0": [],
        "4.4": [],
        "4.6": [["Type indicates an error", str(0x00400000)]],
    },
    # Wireshark's VP8 dissector calls the first packet of each VP8 partition
    # (S=1, PartID 0) in baresip-call.pcap malformed.
    "vp8_partition_start_malformed": {"4.0": True, "4.4": False, "4.6": False},
    # rtp.setup-frame of the RTP sent to the side whose SDP answer (in a 200
    # OK over TCP or TLS) announced it: the answer's frame ("answer") or the
    # offer's ("offer").
    "rtp_setup_frame_of_answer_over_tcp": {"4.0": "answer", "4.4": "offer", "4.6": "offer"},
    # The filter names of H.245 OpenLogicalChannel's (and FastStart's)
    # forwardLogicalChannelNumber and its H2250LogicalChannelParameters'
    # sessionID, and of OpenLogicalChannelAck's forwardLogicalChannelNumber:
    # 4.6 gave each its own (the Ack's sessionID kept "h245.sessionID").
    "h245_olc_channel": {"4.0": "h245.forwardLogicalChannelNumber",
                         "4.4": "h245.forwardLogicalChannelNumber", "4.6": "h245.olc_fw_lcn"},
    "h245_olc_session": {"4.0": "h245.sessionID", "4.4": "h245.sessionID",
                         "4.6": "h245.sessionID_0_255"},
    "h245_ack_channel": {"4.0": "h245.forwardLogicalChannelNumber",
                         "4.4": "h245.forwardLogicalChannelNumber", "4.6": "h245.olc_ack_fw_lcn"},
}


class _Differences:
    def __getattr__(self, name):
        per_release = _DIFFERENCES[name]
        if WIRESHARK not in per_release:
            pytest.fail("tests/conftest.py does not know what Wireshark %s does for %r: see it "
                        "on that release and add it (known: %s)"
                        % (WIRESHARK, name, ", ".join(sorted(per_release))))
        return per_release[WIRESHARK]


WS = _Differences()
