"""The plugin splits each SIP message's headers itself
(plugin/signalling/pexip-sip-message.c) instead of reading 14 of
Wireshark's SIP fields, whose items cost every SIP packet more (issue 16).

With PEXIP_SIP_CROSSCHECK=1 the plugin also asks Wireshark for those
fields and, for every message it reads, compares the two: each difference
is a line on stderr ("pexip: SIP crosscheck: frame N: <what>: plugin
"<a>", Wireshark "<b>""), each message compared a debug line. Every test
capture and every public capture (every address a service address, so
that every SIP message is read) must give no difference, and every frame
with a Call-ID must have been compared.
"""
import os
import re
import shutil
import tempfile

import pytest

import hostile_captures
import luarun
import tsharkrun
from conftest import BUILD, CAPTURES, PUBLIC_CAPTURES, uat_row

GENERATED = sorted(f for f in os.listdir(CAPTURES) if f.endswith((".pcap", ".pcapng")))
PUBLIC = sorted(f for f in os.listdir(PUBLIC_CAPTURES)
                if f.endswith((".pcap", ".pcapng"))) if os.path.isdir(PUBLIC_CAPTURES) else []
EVERYTHING = ["-o", uat_row("0.0.0.0/0", "all"), "-o", uat_row("::/0", "all6")]
DIFFERENCE = re.compile(r'pexip: SIP crosscheck: frame (\d+): ([^:]+): plugin "(.*)", Wireshark "(.*)"')
COMPARED = re.compile(r"SIP crosscheck: frame (\d+): message at \d+ compared")


def crosscheck(box, path):
    """({frames compared}, [(frame, what, plugin, wireshark)], {frames with a
    Call-ID}) of one capture."""
    _, out, err = box.run(["--log-debug", "pexip", "-r", path] + EVERYTHING +
                          ["-Y", "sip.Call-ID", "-T", "fields", "-e", "frame.number"])
    compared = {int(f) for f in COMPARED.findall(err)}
    differences = [(int(f), what, a, b) for f, what, a, b in DIFFERENCE.findall(err)]
    with_call_id = {int(f) for f in out.split()}
    return compared, differences, with_call_id


@pytest.fixture(scope="module")
def work():
    folder = tempfile.mkdtemp(prefix="pexip-sipmsg.")
    os.chmod(folder, 0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def box(work):
    return tsharkrun.Sandbox(work, tsharkrun.built_plugin(BUILD),
                             env={"PEXIP_SIP_CROSSCHECK": "1"})


def copy(work, folder, name):
    path = os.path.join(work, name)
    shutil.copy(os.path.join(folder, name), path)
    os.chmod(path, 0o644)
    return path


def check_all(box, work, folder, names):
    paths = [copy(work, folder, name) for name in names]
    results = luarun.parallel([lambda p=p: crosscheck(box, p) for p in paths])
    compared_frames, differences, missed = 0, [], []
    for name, (compared, diffs, with_call_id) in zip(names, results):
        compared_frames += len(compared)
        differences += [(name,) + d for d in diffs]
        if compared != with_call_id:
            missed.append((name, sorted(with_call_id - compared), sorted(compared - with_call_id)))
    return compared_frames, differences, missed


def test_the_split_agrees_with_wireshark_on_every_test_capture(box, work):
    compared, differences, missed = check_all(box, work, CAPTURES, GENERATED)
    assert differences == []
    assert missed == []
    assert compared > 300


@pytest.mark.skipif(not PUBLIC, reason="%s not found: the public captures are not checked"
                    % PUBLIC_CAPTURES)
def test_the_split_agrees_with_wireshark_on_every_public_capture(box, work):
    compared, differences, missed = check_all(box, work, PUBLIC_CAPTURES, PUBLIC)
    assert differences == []
    assert missed == []
    assert compared > 50


def _invite(from_params, branch):
    return ("INVITE sip:meet@185.94.242.66 SIP/2.0\r\n"
            "Via: SIP/2.0/UDP 198.51.100.10:5060;branch=%s\r\n"
            "From: <sip:sbc@198.51.100.10>%s\r\n"
            "To: <sip:meet@185.94.242.66>\r\n"
            "Call-ID: crosscheck-%s\r\n"
            "CSeq: 1 INVITE\r\n"
            "Contact: <sip:sbc@198.51.100.10:5060>\r\n"
            "Content-Length: 0\r\n\r\n" % (branch, from_params, branch)).encode()


def test_the_crosscheck_reports_where_wireshark_reads_otherwise(box, work):
    """Wireshark takes a From tag from the first "tag=" after the URI, even
    inside another parameter's name: for ";xtag=1;tag=2" it says 1, the
    plugin 2 (RFC 3261: the tag parameter). Frame 2, the same INVITE with
    an ordinary tag, agrees."""
    path = os.path.join(work, "crosscheck.pcap")
    hostile_captures.sip_messages(path, [_invite(";xtag=1;tag=2", "z9hG4bK-one"),
                                         _invite(";tag=2", "z9hG4bK-two")])
    os.chmod(path, 0o644)
    compared, differences, with_call_id = crosscheck(box, path)
    assert compared == with_call_id == {1, 2}
    assert differences == [(1, "From tag", "2", "1")]
