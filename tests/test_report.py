"""The triage report (issue 13): `tshark -z pexip,report[,json]`, the
GUI's "Pexip calls" table (`-z pexip,calls`), and tools/pexip-triage.

The JSON keys are a contract (docs/report.md). Its findings are exactly
the expert infos the plugin shows with -2: a test compares the two on every
generated capture (and the public ones where present). Captures:
test-captures/gen/media_calls.py (media-one-way: audio from the service
never reaches the SBC), proxy_calls.py (proxy-auth-digest)."""
import json
import os
import subprocess
import sys

import pytest

import tsharkrun
from conftest import BUILD, CAPTURES, PUBLIC_CAPTURES, ROOT

GENERATED = sorted(f for f in os.listdir(CAPTURES) if f.endswith(".pcap"))
TRIAGE = os.path.join(ROOT, "tools", "pexip-triage")

ONE_WAY_TEXT = ("One-way audio: none reached 198.51.100.10:20000 (announced here), the other way "
                "to 185.94.241.20:40000 flowed for 6 s from frame 4: the receiving side's UDP "
                "media port range is likely not open to the service network")
ONE_WAY_BACK = ("One-way audio: this direction flowed, none came back to 198.51.100.10:20000 "
                "(announced in frame 1)")


def report(tshark, capture, two_pass=False, json_out=True, folder=CAPTURES, options=()):
    args = ["-r", tshark.capture(capture, folder), "-q", "-z",
            "pexip,report,json" if json_out else "pexip,report"]
    for opt in options:
        args += ["-o", opt]
    if two_pass:
        args.append("-2")
    _, out, _ = tshark.run(args)
    return json.loads(out) if json_out else out


def stream(n, kind, addr, port, setup, to, frm):
    """An audio or video RTP stream of media-one-way.pcap: 214-byte frames."""
    return {"stream": n, "kind": kind, "addr": addr, "port": port, "rtcp_only": False,
            "transport": "RTP/AVP", "direction": "sendrecv", "setup_frame": setup,
            "packets_to": to, "packets_from": frm, "bytes_to": 214 * to, "bytes_from": 214 * frm}


def one_way_finding(frame, text):
    return {"name": "pexip.media.one_way", "severity": "warning", "group": "sequence",
            "frame": frame, "call": 1, "text": text}


def test_json_report_of_one_way_audio(tshark):
    """INVITE (1), 200 (2), ACK (3), seven seconds of media with the audio to
    the SBC left out (7 packets each other way), BYE/200 (25, 26)."""
    findings = [one_way_finding(1, ONE_WAY_TEXT), one_way_finding(4, ONE_WAY_BACK)]
    assert report(tshark, "media-one-way.pcap") == {
        "pexip_report": 1, "frames": 26, "verdict": "warnings",
        "calls": [{
            "call": 1, "call_id": "media@198.51.100.10", "signaling": "SIP",
            "service_addr": "185.94.241.20", "peer_addr": "198.51.100.10",
            "dial_string": "sip:meet@185.94.241.20", "conference_id": "meet",
            "first_frame": 1, "last_frame": 26, "first_time": 1700000000.0,
            "last_time": 1700000007.25, "answered": True, "verdict": "warnings",
            "streams": [stream(1, "audio", "198.51.100.10", 20000, 1, 0, 7),
                        stream(2, "video", "198.51.100.10", 20002, 1, 7, 7),
                        stream(1, "audio", "185.94.241.20", 40000, 2, 7, 0),
                        stream(2, "video", "185.94.241.20", 40002, 2, 7, 7)],
            "findings": findings}],
        "findings": findings}


def test_json_report_of_findings_outside_calls(tshark):
    digest = ("CONNECT to meet.pexip.me:443 answered 407 offering %s: the web app supports "
              "only Basic proxy auth. Allow Basic for the service domains or exempt them from "
              "proxy auth")
    assert report(tshark, "proxy-auth-digest.pcap") == {
        "pexip_report": 1, "frames": 14, "verdict": "warnings", "calls": [],
        "findings": [
            {"name": "pexip.proxy.auth_unsupported", "severity": "warning", "group": "protocol",
             "frame": 5, "call": None, "text": digest % "only Digest, NTLM, Negotiate"},
            {"name": "pexip.proxy.auth_unsupported", "severity": "warning", "group": "protocol",
             "frame": 14, "call": None, "text": digest % "no scheme"}]}


def test_healthy_call_reports_ok(tshark):
    r = report(tshark, "media-healthy.pcap")
    assert (r["verdict"], r["findings"], len(r["calls"])) == ("ok", [], 1)
    assert [(s["stream"], s["kind"], s["port"], s["packets_to"], s["packets_from"])
            for s in r["calls"][0]["streams"]] == [
        (1, "audio", 20000, 7, 7), (2, "video", 20002, 7, 7),
        (1, "audio", 40000, 7, 7), (2, "video", 40002, 7, 7)]


def test_report_counts_each_call_and_its_own_findings(tshark):
    """alg-h323-rewritten.pcap: three H.323 calls (Setup 7/8, H.245 OLC
    39/40, FastStart 53/54), each with its own rewritten copy."""
    r = report(tshark, "alg-h323-rewritten.pcap")
    assert [(c["call"], c["signaling"], c["first_frame"], c["last_frame"], c["verdict"],
             [(f["name"], f["frame"], f["call"]) for f in c["findings"]]) for c in r["calls"]] == [
        (1, "H.323", 7, 28, "warnings", [("pexip.alg.rewritten", 8, 1)]),
        (2, "H.323", 35, 46, "warnings", [("pexip.alg.rewritten", 40, 2)]),
        (3, "H.323", 53, 58, "warnings", [("pexip.alg.rewritten", 54, 3)])]
    assert [(f["frame"], f["call"]) for f in r["findings"]] == [(8, 1), (40, 2), (54, 3)]


def test_text_report(tshark):
    assert report(tshark, "media-one-way.pcap", json_out=False) == "\n".join([
        "Pexip report: 26 frames, 1 call",
        "",
        "Call 1: SIP, call id media@198.51.100.10",
        "  service 185.94.241.20, peer 198.51.100.10",
        "  dialled sip:meet@185.94.241.20, conference meet",
        "  frames 1 to 26, 2023-11-14 22:13:20.000 UTC to 2023-11-14 22:13:27.250 UTC",
        "  streams:",
        "    1 audio to 198.51.100.10:20000, set up in frame 1: to it 0 packets (0 bytes), "
        "from it 7 packets (1498 bytes)",
        "    2 video to 198.51.100.10:20002, set up in frame 1: to it 7 packets (1498 bytes), "
        "from it 7 packets (1498 bytes)",
        "    1 audio to 185.94.241.20:40000, set up in frame 2: to it 7 packets (1498 bytes), "
        "from it 0 packets (0 bytes)",
        "    2 video to 185.94.241.20:40002, set up in frame 2: to it 7 packets (1498 bytes), "
        "from it 7 packets (1498 bytes)",
        "  findings:",
        "    warning pexip.media.one_way, frame 1: " + ONE_WAY_TEXT,
        "    warning pexip.media.one_way, frame 4: " + ONE_WAY_BACK,
        "",
        "Findings that belong to no call: none",
        "",
        "verdict: warnings",
        ""])


def test_text_report_of_a_capture_without_calls(tshark):
    out = report(tshark, "sip-tls.pcap", json_out=False)
    assert out.splitlines() == [
        "Pexip report: 41 frames, 0 calls",
        "",
        "Findings that belong to no call:",
        "  note pexip.sip.encrypted, frame 5: SIP over TLS that Wireshark cannot decrypt: the "
        "calls on this connection cannot be linked to their media. Give Wireshark the TLS keys "
        "(tls.keylog_file, or the server key) to read the signalling",
        "",
        "verdict: notes"]


def report_and_expert_infos(tshark, capture, folder=CAPTURES):
    """One `tshark -2` run: the JSON report, the (frame, name) of every Pexip
    expert info in order (pexip.finding), and each frame's expert messages."""
    _, out, _ = tshark.run(["-r", tshark.capture(capture, folder), "-2", "-z",
                            "pexip,report,json", "-Y", "pexip.finding", "-T", "fields",
                            "-E", "occurrence=a", "-E", "aggregator=\x1f", "-e", "frame.number",
                            "-e", "pexip.finding", "-e", "_ws.expert.message"])
    pairs, messages, doc = [], {}, None
    for line in out.splitlines():
        if line.startswith('{"pexip_report"'):
            doc = json.loads(line)
        elif "\t" in line:
            frame, names, texts = line.split("\t")
            pairs += [(int(frame), n) for n in names.split("\x1f") if n]
            messages[int(frame)] = texts.split("\x1f")
    return doc, pairs, messages


def check_against_expert_infos(tshark, capture, folder=CAPTURES):
    two, pairs, messages = report_and_expert_infos(tshark, capture, folder)
    assert report(tshark, capture, folder=folder) == two, capture    # one pass: the same
    assert [(f["frame"], f["name"]) for f in two["findings"]] == pairs, capture
    for f in two["findings"]:
        assert f["text"] in messages[f["frame"]], (capture, f)
    in_calls = [f for c in two["calls"] for f in c["findings"]]
    assert sorted((f["frame"], f["name"]) for f in in_calls) == \
        sorted((f["frame"], f["name"]) for f in two["findings"] if f["call"] is not None)
    severities = {f["severity"] for f in two["findings"]}
    assert two["verdict"] == ("errors" if "error" in severities else "warnings"
                              if "warning" in severities else "notes" if severities else "ok")


@pytest.mark.parametrize("capture", GENERATED)
def test_report_findings_are_the_expert_infos(tshark, capture):
    check_against_expert_infos(tshark, capture)


def test_report_on_public_captures(tshark):
    if not os.path.isdir(PUBLIC_CAPTURES):
        pytest.skip("%s not found: public real-world captures not checked" % PUBLIC_CAPTURES)
    captures = sorted(f for f in os.listdir(PUBLIC_CAPTURES) if f.endswith((".pcap", ".pcapng")))
    assert captures
    for capture in captures:
        check_against_expert_infos(tshark, capture, folder=PUBLIC_CAPTURES)


def test_calls_table(tshark):
    """The GUI's Statistics > Pexip calls, through tshark: rows once the
    capture has been read (-2)."""
    _, out, _ = tshark.run(["-r", tshark.capture("alg-rewritten.pcap"), "-2", "-q",
                            "-z", "pexip,calls"])
    lines = [l for l in out.splitlines() if "|" in l]
    # Streams: the INVITE's audio as each capture point saw it (the ALG
    # rewrote it: two destinations) and the service's answer, whose two
    # copies (3, 4) are unchanged: one stream.
    assert lines == [
        "Call |Signalling |Call ID |Service |Peer |Dialled |Conference |First frame |"
        "Last frame |Streams |Verdict |Findings |",
        "1 |SIP |two-points@10.20.30.40 |185.94.241.20 |10.20.30.40 |sip:meet@185.94.241.20 |"
        "meet |1 |14 |3 |warnings |pexip.alg.rewritten (frame 2) |"]


# ---- pexip-triage -------------------------------------------------------------

@pytest.fixture(scope="module")
def triage_files(tmp_path_factory):
    """A healthy capture, a faulty one, a truncated one and a text file."""
    folder = tmp_path_factory.mktemp("triage")
    for name in ("media-healthy.pcap", "media-one-way.pcap", "sip-tls.pcap"):
        with open(os.path.join(CAPTURES, name), "rb") as src, open(folder / name, "wb") as dst:
            dst.write(src.read())
    with open(os.path.join(CAPTURES, "media-one-way.pcap"), "rb") as src:
        (folder / "cut-short.pcap").write_bytes(src.read()[:300])
    (folder / "notes.txt.pcap").write_text("not a capture\n")
    return folder


def triage(*args):
    plugin = tsharkrun.built_plugin(BUILD)
    proc = subprocess.run([sys.executable, TRIAGE, "--plugin", plugin] + [str(a) for a in args],
                          capture_output=True, text=True, timeout=300)
    return proc.returncode, proc.stdout, proc.stderr


def test_triage_healthy_capture_exits_0(triage_files):
    code, out, err = triage(triage_files / "media-healthy.pcap")
    assert code == 0, err
    assert out.startswith("== %s\nPexip report: 33 frames, 1 call\n" % (triage_files / "media-healthy.pcap"))
    assert out.rstrip().endswith("verdict: ok")
    assert "pexip-triage: using pexip.so 0.1.0 from " in err


def test_triage_faulty_capture_exits_1(triage_files):
    code, out, _ = triage("--json", triage_files / "media-one-way.pcap")
    assert code == 1
    line = json.loads(out)
    assert (line["file"], line["verdict"], line["frames"]) == (
        str(triage_files / "media-one-way.pcap"), "warnings", 26)
    assert list(line)[:4] == ["file", "pexip_report", "frames", "verdict"]


def test_triage_fail_on(triage_files):
    # only a note in sip-tls.pcap: fails on notes, not on warnings
    assert triage("--fail-on", "note", triage_files / "sip-tls.pcap")[0] == 1
    assert triage(triage_files / "sip-tls.pcap")[0] == 0
    assert triage("--fail-on", "error", triage_files / "media-one-way.pcap")[0] == 0


def test_triage_unreadable_captures_exit_2_and_the_rest_is_reported(triage_files):
    code, out, err = triage("--json", "--jobs", "2", triage_files)
    assert code == 2
    lines = [json.loads(l) for l in out.splitlines()]
    by_file = {os.path.basename(l["file"]): l for l in lines}
    assert sorted(by_file) == ["cut-short.pcap", "media-healthy.pcap", "media-one-way.pcap",
                               "notes.txt.pcap", "sip-tls.pcap"]
    assert by_file["media-one-way.pcap"]["verdict"] == "warnings"
    assert by_file["media-healthy.pcap"]["verdict"] == "ok"
    assert by_file["cut-short.pcap"] == {
        "file": str(triage_files / "cut-short.pcap"),
        "error": "tshark: The file appears to have been cut short in the middle of a packet."}
    assert by_file["notes.txt.pcap"]["error"] == (
        "tshark: The file isn't a capture file in a format TShark understands.")
    assert ("pexip-triage: %s: tshark: The file appears to have been cut short in the middle of "
            "a packet." % (triage_files / "cut-short.pcap")) in err.splitlines()
    assert ("pexip-triage: %s: tshark: The file isn't a capture file in a format TShark "
            "understands." % (triage_files / "notes.txt.pcap")) in err.splitlines()
    # the same reports, one at a time and in parallel
    code1, out1, _ = triage("--json", triage_files)
    assert (code1, out1) == (code, out)


def test_triage_without_plugin_exits_2(triage_files, tmp_path):
    proc = subprocess.run([sys.executable, TRIAGE, "--plugin", str(tmp_path / "none.so"),
                           triage_files / "media-healthy.pcap"], capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "pexip-triage: no plugin at %s" % (tmp_path / "none.so")
    assert proc.stdout == ""
