"""The plugin's caps on its per-capture state (docs/fields.md, "Limits";
plugin/model/pexip-limits.h), on generated hostile captures
(tests/hostile_captures.py): 100,000 INVITEs with a Call-ID each, and one
call re-INVITEd 3,000 times with 8 m-lines each. tshark reads them to the
end (exit 0, no dissector bug); the cap is reached on exactly the frame
where the first thing over it comes, which gets pexip.limit.reached naming
the cap; what is over it is not followed, what came before still is; the
triage report counts only the followed calls and streams. The
memory these captures take is measured by tools/check-limits-memory (slow,
not a test)."""
import json
import os
import re

import pytest

import hostile_captures

CALLS_MAX = 10000       # PEXIP_LIMIT_CALLS_MAX
STREAMS_MAX = 256       # PEXIP_LIMIT_STREAMS_MAX
CALLS = 100000
REINVITES, MLINES = 3000, 8


def limits_header():
    """The caps as plugin/model/pexip-limits.h defines them."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with open(os.path.join(root, "plugin", "model", "pexip-limits.h")) as f:
        return dict(re.findall(r"#define PEXIP_LIMIT_([A-Z]+)_MAX (\d+)", f.read()))


def test_the_caps_tested_are_the_plugins():
    caps = limits_header()
    assert int(caps["CALLS"]) == CALLS_MAX and int(caps["STREAMS"]) == STREAMS_MAX


@pytest.fixture(scope="module")
def generated(tshark):
    folder = tshark.captures
    hostile_captures.many_calls(os.path.join(folder, "limit-many-calls.pcap"), CALLS)
    hostile_captures.reinvites(os.path.join(folder, "limit-reinvites.pcap"), REINVITES, MLINES)
    for name in ("limit-many-calls.pcap", "limit-reinvites.pcap"):
        os.chmod(os.path.join(folder, name), 0o644)
    return folder


def read(tshark, generated, capture, filter_):
    """(frame, pexip.call, pexip.finding, expert messages) of the frames
    that match filter_, reading the whole capture; tshark must end well."""
    rc, out, err = tshark.run(["-n", "-r", os.path.join(generated, capture), "-Y", filter_,
                               "-T", "fields", "-E", "occurrence=a", "-e", "frame.number",
                               "-e", "pexip.call", "-e", "pexip.finding",
                               "-e", "_ws.expert.message"])
    assert rc == 0
    assert "Dissector bug" not in out + err and "pexip" not in err
    rows = []
    for line in out.splitlines():
        cols = (line.split("\t") + [""] * 4)[:4]
        rows.append((int(cols[0]), cols[1], cols[2], cols[3]))
    return rows


def test_many_call_ids_stop_at_the_calls_cap(tshark, generated):
    rows = read(tshark, generated, "limit-many-calls.pcap",
                "pexip.limit.reached || frame.number == %d || frame.number == %d || "
                "frame.number == %d" % (CALLS_MAX, CALLS_MAX + 2, CALLS))
    assert [r[:3] for r in rows] == [
        (CALLS_MAX, str(CALLS_MAX), ""),                # the last call followed
        (CALLS_MAX + 1, "", "pexip.limit.reached"),     # the first one over the cap
        (CALLS_MAX + 2, "", ""),
        (CALLS, "", ""),
    ]
    assert rows[1][3] == ("The capture reached the plugin's limit of 10000 calls per capture: "
                          "what is over it is not followed: Filter the capture to the calls of "
                          "interest (or split it with editcap) and read that")


def test_many_call_ids_every_call_below_the_cap_is_followed(tshark, generated):
    frames = tshark.frames("limit-many-calls.pcap", "pexip.call")
    assert frames == list(range(1, CALLS_MAX + 1))


def test_reinvites_stop_at_the_streams_cap(tshark, generated):
    # The INVITE and each re-INVITE announce MLINES streams: the message
    # whose streams go over STREAMS_MAX is the first one not kept whole.
    first_over = STREAMS_MAX // MLINES + 1
    rows = read(tshark, generated, "limit-reinvites.pcap", "pexip.limit.reached")
    assert [r[:3] for r in rows] == [(first_over, "1", "pexip.limit.reached")]
    assert rows[0][3].startswith(
        "This call reached the plugin's limit of 256 announced streams per call: what is over "
        "it is not followed: ")
    # Every message is still the call's; media to a stream of the tenth
    # message is linked to it, media to one of the last message is not.
    total = REINVITES + 1
    assert tshark.frames("limit-reinvites.pcap", "pexip.call == 1") == list(range(1, total + 2))
    assert tshark.frames("limit-reinvites.pcap", "udp.dstport == %d && !pexip.call"
                         % hostile_captures.media_port(REINVITES, 0, MLINES)) == [total + 2]


def report(tshark, capture):
    """The triage report (-z pexip,report,json) of a generated capture."""
    _, out, _ = tshark.run(["-n", "-r", tshark.capture(capture), "-q", "-z", "pexip,report,json"])
    return json.loads(out)


def test_report_of_many_call_ids_counts_the_followed_calls(tshark, generated):
    doc = report(tshark, "limit-many-calls.pcap")
    assert doc["frames"] == CALLS
    assert [c["call"] for c in doc["calls"]] == list(range(1, CALLS_MAX + 1))
    # The capture's cap is a finding of no call.
    assert [(f["name"], f["frame"], f["call"]) for f in doc["findings"]] == [
        ("pexip.limit.reached", CALLS_MAX + 1, None)]
    assert all(c["findings"] == [] for c in doc["calls"])


def test_report_of_reinvites_keeps_the_capped_streams(tshark, generated):
    doc = report(tshark, "limit-reinvites.pcap")
    assert len(doc["calls"]) == 1
    call = doc["calls"][0]
    assert len(call["streams"]) == STREAMS_MAX
    assert [(f["name"], f["frame"]) for f in call["findings"]
            if f["name"] == "pexip.limit.reached"] == [("pexip.limit.reached",
                                                        STREAMS_MAX // MLINES + 1)]
