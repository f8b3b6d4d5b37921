"""A disabled plugin costs nothing: it asks Wireshark for no fields.

The fields a post-dissector asks for (its wanted fields) make tshark build
a protocol tree for every packet, and Wireshark asks for them whether or not
the post-dissector's protocol is enabled. The plugin drops them while
`pexip` is disabled (--disable-protocol, a profile's disabled_protos, the
GUI's Enabled Protocols) and asks again when it is enabled.

Whether tshark built a tree for a frame is seen from a second, tiny
post-dissector in Lua (tests/tree_probe.lua) that asks for nothing itself
and writes, for every frame, whether it was handed a tree. Plain `tshark -r`
builds none unless someone wants fields; `-Y frame` always builds one, so
the probe can tell the two apart.
"""
import os
import re
import shutil

import pytest

import tsharkrun
from conftest import BUILD, ROOT

CAPTURE = "media-healthy.pcap"
PROBE = os.path.join(ROOT, "tests", "tree_probe.lua")


@pytest.fixture(scope="module")
def probe(tshark):
    """(sandbox, args) -> {frame number: True if it got a tree}."""
    path = os.path.join(tshark.work, "tree_probe.lua")
    shutil.copy(PROBE, path)
    os.chmod(path, 0o644)

    def run(box, args):
        _, _, err = box.run(["-r", tshark.capture(CAPTURE), "-X", "lua_script:" + path] + list(args))
        seen = {}
        for line in err.splitlines():
            m = re.match(r"tree_probe frame (\d+) tree (\w+)$", line)
            if m:
                seen[int(m.group(1))] = m.group(2) == "true"
        assert seen, "the Lua probe wrote nothing:\n" + err
        return seen
    return run


def frames_with_tree(seen):
    return sorted(n for n, tree in seen.items() if tree)


def test_probe_sees_a_tree_when_one_is_built(tshark, probe):
    seen = probe(tshark.bare_box, ["-Y", "frame"])
    assert frames_with_tree(seen) == sorted(seen)
    seen = probe(tshark.bare_box, [])
    assert frames_with_tree(seen) == []


def test_enabled_plugin_has_every_frame_built_as_a_tree(tshark, probe):
    seen = probe(tshark.box, [])
    assert len(seen) > 10
    assert frames_with_tree(seen) == sorted(seen)


def test_disabled_on_the_command_line_builds_no_tree(tshark, probe):
    seen = probe(tshark.box, ["--disable-protocol", "pexip"])
    assert len(seen) > 10
    assert frames_with_tree(seen) == []


def test_disabled_in_a_profile_builds_no_tree(tshark, probe):
    plugin = tsharkrun.built_plugin(BUILD)
    box = tsharkrun.Sandbox(tshark.work, plugin, name="profile-disabled")
    profile = os.path.join(box.home, ".config", "wireshark", "profiles", "pexip-off")
    os.makedirs(profile)
    with open(os.path.join(profile, "disabled_protos"), "w") as f:
        f.write("pexip\n")
    for path, _, files in os.walk(box.home):
        os.chmod(path, 0o777)
        for name in files:
            os.chmod(os.path.join(path, name), 0o644)
    seen = probe(box, ["-C", "pexip-off"])
    assert frames_with_tree(seen) == []
    # The same sandbox, default profile: the plugin is enabled and asks again.
    seen = probe(box, [])
    assert frames_with_tree(seen) == sorted(seen)


def test_disabled_plugin_adds_nothing_and_a_filter_still_works(tshark):
    """Disabled: no pexip field on any frame, even with a tree built by -Y."""
    capture = tshark.capture(CAPTURE)
    _, out, _ = tshark.run(["-r", capture, "--disable-protocol", "pexip", "-Y", "pexip"])
    assert out == ""
    _, out, _ = tshark.run(["-r", capture, "-Y", "pexip", "-T", "fields", "-e", "frame.number"])
    assert out.split(), "enabled, the plugin marks the service's frames"
