"""The lab guide (docs/labs/): every command and filter it states runs
with the freshly built plugin and gives exactly the answer the guide
says; what cannot be checked fails (convention: docs/labs/README.md,
parser: tests/labguide.py)."""
import concurrent.futures
import os
import re

import pytest

import labguide
import tsharkrun
from conftest import BUILD, WS

LAB_FILES = [f for f in labguide.guide_files() if re.match(r"\d+-", os.path.basename(f))]


@pytest.fixture(scope="module")
def runner():
    r = labguide.Runner(tsharkrun.built_plugin(BUILD))
    try:
        yield r
    finally:
        r.close()


def test_at_least_eight_labs_each_with_its_capture():
    assert len(LAB_FILES) >= 8
    captures = [labguide.check_structure(f) for f in LAB_FILES]
    assert len(set(captures)) == len(captures)      # one capture each


def as_in_the_guide(line):
    """The guide shows tshark 4.0's output; 4.4 and later print a boolean
    field as True/False where 4.0 prints 1/0 (docs/labs/README.md says so)."""
    if WS.true == "1":
        return line
    return "\t".join({WS.true: "1", WS.false: "0"}.get(t, t) for t in line.split("\t"))


def answer(runner, entry):
    """A problem with one entry of the guide, or None."""
    if isinstance(entry, labguide.Command):
        got = [as_in_the_guide(line) for line in runner.run_command(entry)]
        if got != entry.expected:
            return "%s: $ %s\n  the guide says:\n    %s\n  the plugin says:\n    %s" % (
                entry.where, entry.line, "\n    ".join(entry.expected), "\n    ".join(got))
    else:
        got = runner.run_filter(entry)
        if got != entry.answer:
            return "%s: filter %s: %s\n  the guide says %s, the plugin %s" % (
                entry.where, entry.capture, entry.expression, entry.answer, got)
    return None


@pytest.mark.parametrize("path", labguide.guide_files(), ids=os.path.basename)
def test_every_answer_in_the_guide(runner, path):
    entries, _ = labguide.parse_guide(path)
    # tshark starts slowly: run the entries side by side.
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        problems = [p for p in pool.map(lambda e: answer(runner, e), entries) if p]
    assert not problems, "\n".join(problems)


def test_every_inline_code_span(runner):
    spans = sum((labguide.parse_guide(f)[1] for f in labguide.guide_files()), [])
    assert len(spans) > 50
    problems = runner.check_spans(spans)
    assert not problems, "\n".join(problems)


# ---- the checker refuses what it cannot check -----------------------------

def parse_text(tmp_path, text):
    path = tmp_path / "lab.md"
    path.write_text(text)
    return labguide.parse_guide(str(path))


@pytest.mark.parametrize("text,message", [
    ("```sh\ntshark -r x.pcap\n```\n", "must be a check block"),
    ("```\nanything\n```\n", "must be a check block"),
    ("```check\n$ tshark -r x.pcap\n```\n", "without its answer"),
    ("```check\n$ capinfos x.pcap\n1\n```\n", "must start with tshark"),
    ("```check\n$ tshark -r x.pcap | grep 1\n1\n```\n", "only"),
    ("```check\n$ tshark -r x.pcap > out\n1\n```\n", "shell syntax"),
    ("```check\n$ tshark -r x.pcap; rm -rf /\n1\n```\n", "shell syntax"),
    ("```check\nfilter x.pcap: sip\n```\n", "without frames"),
    ("```check\nfilter x.pcap: sip\nframes: one\n```\n", "not a frame list"),
    ("```check\nfilter x.pcap: sip\nsome: 1\n```\n", "frames: or count:"),
    ("```check\nframes: 1\n```\n", "cannot check this line"),
    ("```check\n```\n", "empty check block"),
    ("```check\n$ tshark -r x\n1\n", "unclosed"),
    ("text\n\n    tshark -r x.pcap\n", "indented code"),
])
def test_checker_refuses_what_it_cannot_check(tmp_path, text, message):
    with pytest.raises(labguide.GuideError, match=re.escape(message)):
        parse_text(tmp_path, text)


def test_checker_reads_commands_and_filters(tmp_path):
    entries, spans = parse_text(tmp_path, (
        "Use `pexip.call == 1` and `-2`.\n\n```check\n"
        "$ tshark -r a.pcap -Y 'sip && x' | sort | uniq -c\n      2 a\tb\n\n"
        "$ tshark -r b.pcap\n(no output)\n"
        "filter -2 c.pcap: pexip.media.kind == \"content\"\nframes: 1, 4-6\n"
        "filter d.pcap: sip\ncount: 3\n```\n"))
    assert [s for _, s in spans] == ["pexip.call == 1", "-2"]
    cmd1, cmd2, f1, f2 = entries
    assert cmd1.stages == [["tshark", "-r", "a.pcap", "-Y", "sip && x"], ["sort"], ["uniq", "-c"]]
    assert cmd1.expected == ["      2 a\tb"]
    assert cmd2.expected == []
    assert (f1.capture, f1.expression, f1.two_pass, f1.answer) == \
        ("c.pcap", 'pexip.media.kind == "content"', True, ("frames", [1, 4, 5, 6]))
    assert (f2.two_pass, f2.answer) == (False, ("count", 3))


def test_checker_refuses_spans_it_cannot_check(runner):
    problems = runner.check_spans([
        ("a:1", "pexip.call == 1"), ("a:2", "-2"), ("a:3", "pexip.sbc_media_ports"),
        ("a:4", "test-captures/sip-basic.pcap"), ("a:5", "tshark -r x.pcap"),
        ("a:6", "test-captures/no-such.pcap"), ("a:7", "--no-such-option"),
        ("a:8", "pexip.no_such_field"), ("a:9", "Analyze > Expert Information")])
    assert [p.split(":")[1] for p in problems] == ["5", "6", "7", "8", "9"]


def test_a_wrong_answer_is_caught(runner, tmp_path):
    (cmd,), _ = parse_text(tmp_path, "```check\n$ tshark -r test-captures/sip-basic.pcap -Y sip "
                                     "-T fields -e frame.number | wc -l\n999\n```\n")
    assert runner.run_command(cmd) != cmd.expected
