"""Damaged captures and the Lua fallback: a few fixed-seed rounds of
tools/fuzz's damage (editcap -E) on captures of every family the Lua
reads, with every address the service's and the full tree on both passes.
A Lua error is not a crash (Wireshark shows "Lua Error" in the tree and
goes on), so it is looked for in the output: any one fails, as a crash or
a dissector bug does (tools/fuzz does the same for the C plugin)."""
import os
import shutil
import tempfile

import pytest

import luarun
from conftest import BUILD, CAPTURES, ROOT, load_tool


fuzz = load_tool("fuzz")

SMOKE = ["sip-content.pcap", "sip-tcp.pcap", "sip-fork.pcap", "h323-tunnel.pcap",
         "h323-faststart.pcap", "nat-h323-private.pcap", "media-icmp.pcap", "content-missing.pcap",
         "proxy-auth-digest.pcap", "proxy-tls-intercepted.pcap", "foundation-dns.pcap"]
ROUNDS = 2


@pytest.fixture(scope="module")
def box():
    work = tempfile.mkdtemp(prefix="pexip-lua-fuzz.")
    os.chmod(work, 0o755)
    try:
        b = luarun.LuaSandbox(work, None, name="lua")
        b.rows = b.write_file(os.path.join(b.root, "everything.csv"),
                              '"0.0.0.0/0","all"\n"::/0","all6"\n')
        yield b
    finally:
        shutil.rmtree(work, ignore_errors=True)


@pytest.mark.parametrize("name", SMOKE)
def test_damaged_copies_dissect_without_lua_errors(box, name):
    failures = []
    for seed in range(1000, 1000 + ROUNDS):
        damaged = os.path.join(box.root, "%d-%s" % (seed, name))
        fuzz.damage(os.path.join(CAPTURES, name), damaged, 0.02, seed)
        rc, out, err = box.run(["-r", damaged, "-2", "-Y", "frame", "-V", "-z", "expert",
                                "-o", "pexip.ranges_file:" + box.rows,
                                "-o", "pexip.sbc_media_ports:36000-59999"], check=False)
        what = fuzz.problem(rc, out, err)
        if not what and "Lua Error" in out:
            at = out.index("Lua Error")
            what = out[at:out.find("\n", at)]
        if what:
            keep = os.path.join(BUILD, "fuzz-failures-lua")
            os.makedirs(keep, exist_ok=True)
            kept = os.path.join(keep, os.path.basename(damaged))
            shutil.copy(damaged, kept)
            failures.append("%s seed %d: %s (kept %s)" % (name, seed, what, kept))
        os.unlink(damaged)
    assert failures == []
