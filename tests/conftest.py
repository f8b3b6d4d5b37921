"""Shared fixtures: a tshark that loads exactly the freshly built plugin."""
import os
import shutil
import tempfile

import pytest

import tsharkrun

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
