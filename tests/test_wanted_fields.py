"""The fields the plugin reads are there whenever it reads them.

The plugin asks Wireshark, frame by frame, only for the fields that may
have lost their "referenced" mark since it last asked (plugin/pexip-wanted.c):
those of every protocol one of whose fields was in the previous tree. If
that bookkeeping missed a case, some frame would be read without its SIP,
SDP, H.225.0, H.245, TLS, HTTP or DNS fields, and the plugin would show
less. So every test capture (and the public ones, every address a service
address so that every message is read) is read twice: as the plugin runs,
and with PEXIP_ASK_ALL_FIELDS=1, which makes it ask for every field on
every frame as Wireshark would on its own; what the plugin shows must be
the same, frame by frame.

Each in the ways a tree is built without being shown, which is where
only referenced fields get items: one pass (-T fields), two passes (-2:
the second pass primes nothing), and a display filter naming SIP, SDP,
H.225.0, H.245 and DNS fields itself (its items unmark the plugin's
protocols too). A shown tree (PDML, -V, the GUI's packet details) has
every item whatever is asked for, so reading one cannot tell; what the
plugin does after one (keep asking for what was in it, since the GUI
frees that tree later) is not seen by tshark, which frees each tree at
once.
"""
import os
import re
import shutil
import tempfile

import pytest

import luarun
import tsharkrun
from conftest import BUILD, CAPTURES, PUBLIC_CAPTURES, uat_row

GENERATED = sorted(f for f in os.listdir(CAPTURES) if f.endswith((".pcap", ".pcapng")))
PUBLIC = sorted(f for f in os.listdir(PUBLIC_CAPTURES)
                if f.endswith((".pcap", ".pcapng"))) if os.path.isdir(PUBLIC_CAPTURES) else []
EVERYTHING = [uat_row("0.0.0.0/0", "all"), uat_row("::/0", "all6")]

USER_FILTER = ("frame or sip.Call-ID or sip.Via or sdp.media or h225.guid or "
               "h245.sessionID or dns.a or http.request.method")
MODES = {
    "one pass": [],
    "two passes": ["-2"],
    "display filter": ["-Y", USER_FILTER],
}


def captures():
    """(name, folder, extra options)."""
    out = [(name, CAPTURES, []) for name in GENERATED]
    out += [(name, PUBLIC_CAPTURES, sum((["-o", row] for row in EVERYTHING), []))
            for name in PUBLIC]
    return out


@pytest.fixture(scope="module")
def plugin_fields():
    """The plugin's value fields (not its expert infos, which are items
    without a value): from tshark -G fields."""
    work = tempfile.mkdtemp(prefix="pexip-wanted.")
    os.chmod(work, 0o755)
    try:
        box = tsharkrun.Sandbox(work, tsharkrun.built_plugin(BUILD))
        _, out, _ = box.run(["-G", "fields"])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    names = [row.split("\t")[2] for row in out.splitlines()
             if row.startswith("F\t") and row.split("\t")[2].startswith("pexip.")
             and row.split("\t")[3] != "FT_NONE"]
    assert len(names) > 40
    return names


@pytest.fixture(scope="module")
def readings(plugin_fields):
    """{(capture, mode, how): output}; how is "as it runs" or "all asked"."""
    work = tempfile.mkdtemp(prefix="pexip-wanted.")
    os.chmod(work, 0o755)
    try:
        plugin = tsharkrun.built_plugin(BUILD)
        boxes = {"as it runs": tsharkrun.Sandbox(work, plugin, name="runs"),
                 "all asked": tsharkrun.Sandbox(work, plugin, name="all",
                                                env={"PEXIP_ASK_ALL_FIELDS": "1"})}
        files = os.path.join(work, "files")
        os.makedirs(files)
        os.chmod(files, 0o755)
        columns = ["-T", "fields", "-E", "occurrence=a", "-E", "aggregator=|",
                   "-e", "frame.number", "-e", "_ws.expert.message", "-e", "_ws.expert.group"]
        for name in plugin_fields:
            columns += ["-e", name]
        jobs, labels = [], []
        for name, folder, options in captures():
            path = os.path.join(files, name)
            shutil.copy(os.path.join(folder, name), path)
            os.chmod(path, 0o644)
            for how, box in boxes.items():
                for mode, args in MODES.items():
                    jobs.append(lambda b=box, a=["-r", path] + options + args + columns:
                                b.run(a)[1])
                    labels.append((name, mode, how))
        outputs = luarun.parallel(jobs)
        yield dict(zip(labels, outputs))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def test_the_plugin_reads_what_it_would_with_every_field_asked_for(readings):
    differ, compared = [], 0
    for (name, mode, how), out in sorted(readings.items()):
        if how != "as it runs":
            continue
        other = readings[(name, mode, "all asked")]
        mine, theirs = out.splitlines(), other.splitlines()
        compared += sum(len([c for c in line.split("\t")[1:] if c]) for line in mine)
        if mine != theirs:
            rows = [(a, b) for a, b in zip(mine, theirs) if a != b][:3]
            differ.append("%s [%s]: %d lines vs %d, e.g. %r"
                          % (name, mode, len(mine), len(theirs), rows))
    # Every capture in every mode: the plugin shows something on most.
    assert compared > 20000
    assert differ == []


def test_every_capture_was_read_in_every_mode(readings, plugin_fields):
    names = {name for name, _, _ in captures()}
    assert {(n, m) for n, m, _ in readings} == {(n, m) for n in names for m in MODES}
    # What is compared includes what each family's reading gives.
    columns = ["frame.number", "_ws.expert.message", "_ws.expert.group"] + plugin_fields
    filled = set()
    for n in names:
        for line in readings[(n, "one pass", "as it runs")].splitlines():
            filled |= {columns[i] for i, v in enumerate(line.split("\t")) if v}
    for field in ("pexip.call_id", "pexip.dial_string", "pexip.announced.port",
                  "pexip.media.setup_frame", "pexip.alg.other_frame", "pexip.proxy.target",
                  "pexip.proxy.auth_scheme", "pexip.dns.query", "pexip.finding",
                  "_ws.expert.message"):
        assert field in filled, field


def test_after_the_first_frame_it_asks_for_few_fields():
    """The bookkeeping is on: the first frame asks for every field, later
    frames for one field plus the families in the tree before."""
    work = tempfile.mkdtemp(prefix="pexip-wanted.")
    os.chmod(work, 0o755)
    try:
        box = tsharkrun.Sandbox(work, tsharkrun.built_plugin(BUILD))
        path = os.path.join(work, "c.pcap")
        shutil.copy(os.path.join(CAPTURES, "sip-basic.pcap"), path)
        os.chmod(path, 0o644)
        _, _, err = box.run(["--log-debug", "pexip", "-r", path])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    asks = [(int(a), int(b)) for a, b in re.findall(r"asks for (\d+) of (\d+) fields", err)]
    total = asks[0][1]
    # 65 fields on 4.0 and 4.4, 60 on 4.6 (fewer same-name duplicates);
    # the SIP header fields are no longer asked for (pexip-sip-message.c).
    assert total >= 55
    # start-up and the capture's init routine ask for all (plus the one
    # always asked for)
    assert asks[0][0] == total + 1
    later = [n for n, _ in asks[2:]]
    assert 1 in later                      # a frame after a non-SIP one
    assert all(n < total // 2 for n in later)
