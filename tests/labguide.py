"""Read the lab guide (docs/labs/*.md) and check every answer it states
against the plugin. The convention is documented in docs/labs/README.md
("How the answers are checked"); in short:

- Every fenced code block is a `check` block. In it:
    $ tshark ARGS [| sort|uniq|wc|head|tail|cut ARGS]...
    EXACT OUTPUT LINES (or "(no output)")
  and
    filter [-2] CAPTURE: DISPLAY FILTER
    frames: 1, 4-6        (or "frames: none", or "count: N")
- Every inline code span is a path in the checkout (it must exist), a tshark
  option (tshark -h must list it), a preference name (tshark -G
  defaultprefs must list it) or a display filter (it must compile).

Anything else is an error: what cannot be checked is not in the guide.

Run as a script to see what the plugin answers (for writing the guide):
    /usr/bin/python3 tests/labguide.py [docs/labs/FILE.md...]
"""
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LABS = os.path.join(ROOT, "docs", "labs")
PIPE_PROGRAMS = {"sort", "uniq", "wc", "head", "tail", "cut"}
SECTIONS = ["## The call", "## Questions", "## Hints", "## Answers"]


class GuideError(Exception):
    pass


class Command:
    def __init__(self, where, line, expected):
        self.where = where
        self.line = line
        self.expected = expected
        stages = [shlex.split(part) for part in split_pipeline(line, where)]
        if not stages or not stages[0] or stages[0][0] != "tshark":
            raise GuideError("%s: a command must start with tshark: %s" % (where, line))
        for stage in stages[1:]:
            if not stage or stage[0] not in PIPE_PROGRAMS:
                raise GuideError("%s: only %s may follow tshark in a pipe: %s"
                                 % (where, ", ".join(sorted(PIPE_PROGRAMS)), line))
        self.stages = stages


class FilterCheck:
    def __init__(self, where, capture, expression, two_pass, answer):
        self.where = where
        self.capture = capture
        self.expression = expression
        self.two_pass = two_pass
        self.answer = answer        # ("frames", [..]) or ("count", n)


def split_pipeline(line, where):
    """Split at | outside quotes; refuse other shell operators."""
    parts, current, quote = [], "", None
    for ch in line:
        if quote:
            current += ch
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
            current += ch
        elif ch == "|":
            parts.append(current)
            current = ""
        elif ch in ";&<>`$":
            raise GuideError("%s: shell syntax %r outside quotes: %s" % (where, ch, line))
        else:
            current += ch
    if quote:
        raise GuideError("%s: unbalanced quote: %s" % (where, line))
    parts.append(current)
    return parts


def parse_frames(text, where):
    text = text.strip()
    if text == "none":
        return []
    frames = []
    for item in text.split(","):
        item = item.strip()
        m = re.fullmatch(r"(\d+)(?:-(\d+))?", item)
        if not m:
            raise GuideError("%s: not a frame list: %s" % (where, text))
        first = int(m.group(1))
        last = int(m.group(2) or first)
        frames.extend(range(first, last + 1))
    return frames


def parse_check_block(lines, where):
    """Entries of one check block: Command and FilterCheck objects."""
    entries = []
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        at = "%s+%d" % (where, i + 1)
        if line.startswith("$ "):
            expected = []
            i += 1
            while i < len(lines) and not lines[i].startswith("$ ") \
                    and not lines[i].startswith("filter "):
                expected.append(lines[i].rstrip())
                i += 1
            while expected and expected[-1] == "":
                expected.pop()
            if not expected:
                raise GuideError("%s: a command without its answer (write (no output) "
                                 "for none): %s" % (at, line))
            if expected == ["(no output)"]:
                expected = []
            entries.append(Command(at, line[2:], expected))
            continue
        m = re.fullmatch(r"filter( -2)? (\S+): (.+)", line)
        if m:
            if i + 1 >= len(lines):
                raise GuideError("%s: a filter without frames: or count:" % at)
            answer = lines[i + 1].rstrip()
            a = re.fullmatch(r"(frames|count): (.+)", answer)
            if not a:
                raise GuideError("%s: after a filter, frames: or count:, not %r" % (at, answer))
            if a.group(1) == "frames":
                value = parse_frames(a.group(2), at)
            else:
                if not a.group(2).isdigit():
                    raise GuideError("%s: count: needs a number" % at)
                value = int(a.group(2))
            entries.append(FilterCheck(at, m.group(2), m.group(3), bool(m.group(1)),
                                       (a.group(1), value)))
            i += 2
            continue
        if line == "":
            i += 1
            continue
        raise GuideError("%s: cannot check this line: %s" % (at, line))
    if not entries:
        raise GuideError("%s: an empty check block" % where)
    return entries


def parse_guide(path):
    """(entries, inline code spans) of one guide file."""
    rel = os.path.relpath(path, ROOT)
    with open(path) as f:
        lines = f.read().split("\n")
    entries, spans = [], []
    i = 0
    while i < len(lines):
        line = lines[i]
        fence = re.match(r"^\s*(```+|~~~+)\s*(\S*)", line)
        if fence:
            start = i
            info = fence.group(2)
            i += 1
            body = []
            while i < len(lines) and not lines[i].strip().startswith(fence.group(1)):
                body.append(lines[i])
                i += 1
            if i == len(lines):
                raise GuideError("%s:%d: unclosed code block" % (rel, start + 1))
            if info != "check":
                raise GuideError("%s:%d: a ``` block must be a check block (```check), not %r: "
                                 "it cannot be checked" % (rel, start + 1, info))
            entries.extend(parse_check_block(body, "%s:%d" % (rel, start + 2)))
            i += 1
            continue
        if line.startswith("    ") and line.strip() and (i == 0 or lines[i - 1].strip() == ""):
            # an indented code block (not a list continuation after text)
            if not re.match(r"^\s+([-*]|\d+\.)\s", line):
                raise GuideError("%s:%d: indented code cannot be checked; use ```check"
                                 % (rel, i + 1))
        for span in re.findall(r"(?<!`)`([^`]+)`(?!`)", line):
            spans.append(("%s:%d" % (rel, i + 1), span))
        i += 1
    return entries, spans


def guide_files():
    return sorted(os.path.join(LABS, f) for f in os.listdir(LABS) if f.endswith(".md"))


def check_structure(path):
    """A lab (NN-*.md): its title, capture and the four sections, in order."""
    rel = os.path.relpath(path, ROOT)
    with open(path) as f:
        text = f.read()
    if not re.match(r"# Lab \d+: ", text):
        raise GuideError("%s: must start with '# Lab N: title'" % rel)
    m = re.search(r"^Capture: `(test-captures/[^`]+)`", text, re.M)
    if not m:
        raise GuideError("%s: names no capture ('Capture: `test-captures/...`')" % rel)
    positions = [text.find("\n" + s + "\n") for s in SECTIONS]
    if -1 in positions or positions != sorted(positions):
        raise GuideError("%s: needs the sections %s, in that order" % (rel, ", ".join(SECTIONS)))
    answers = text[positions[-1]:]
    if "```check" not in answers:
        raise GuideError("%s: its answers have no check block" % rel)
    return m.group(1)


# ---- running -------------------------------------------------------------

class Runner:
    """Runs the guide's commands with tshark and the freshly built plugin
    (as in tsharkrun.py), in a folder holding a copy of test-captures/."""

    def __init__(self, plugin):
        sys.path.insert(0, HERE)
        import tsharkrun
        self.work = tempfile.mkdtemp(prefix="pexip-labs.")
        os.chmod(self.work, 0o755)
        self.box = tsharkrun.Sandbox(self.work, plugin)
        self.cwd = os.path.join(self.work, "repo")
        shutil.copytree(os.path.join(ROOT, "test-captures"),
                        os.path.join(self.cwd, "test-captures"),
                        ignore=shutil.ignore_patterns("gen", "record"))
        for path, dirs, files in os.walk(self.cwd):
            os.chmod(path, 0o755)
            for f in files:
                os.chmod(os.path.join(path, f), 0o644)
        self._options = None
        self._prefs = None

    def close(self):
        shutil.rmtree(self.work, ignore_errors=True)

    def tshark(self, args, stdout_only=True):
        argv, env, preexec = self.box.command(args)
        proc = subprocess.run(argv, env=env, preexec_fn=preexec, cwd=self.cwd,
                              capture_output=True, timeout=600)
        return proc.returncode, proc.stdout, proc.stderr.decode("utf-8", "replace")

    def run_command(self, cmd):
        rc, out, err = self.tshark(cmd.stages[0][1:])
        if rc != 0:
            raise GuideError("%s: tshark failed (%d): %s\n%s" % (cmd.where, rc, cmd.line, err))
        for stage in cmd.stages[1:]:
            proc = subprocess.run(stage, input=out, capture_output=True, cwd=self.cwd,
                                  env={"PATH": "/usr/bin:/bin", "LC_ALL": "C"})
            if proc.returncode != 0:
                raise GuideError("%s: %s failed: %s" % (cmd.where, stage[0],
                                                        proc.stderr.decode()))
            out = proc.stdout
        return [line.rstrip() for line in out.decode("utf-8", "replace").splitlines()]

    def run_filter(self, check):
        args = ["-r", check.capture, "-Y", check.expression, "-T", "fields", "-e", "frame.number"]
        if check.two_pass:
            args.append("-2")
        rc, out, err = self.tshark(args)
        if rc != 0:
            raise GuideError("%s: filter failed: %s\n%s" % (check.where, check.expression, err))
        frames = [int(x) for x in out.split()]
        return ("frames", frames) if check.answer[0] == "frames" else ("count", len(frames))

    def tshark_options(self):
        if self._options is None:
            _, out, _ = self.tshark(["-h"])
            self._options = set(re.findall(r"(?<![\w-])(--?[A-Za-z0-9][\w-]*)", out.decode()))
        return self._options

    def preferences(self):
        if self._prefs is None:
            _, out, _ = self.tshark(["-G", "defaultprefs"])
            self._prefs = set(re.findall(r"^#?([a-z0-9_]+\.[a-z0-9_.]+):", out.decode(), re.M))
            self._prefs.add("pexip.service_ranges")     # the table, not in defaultprefs
        return self._prefs

    def check_spans(self, spans):
        """Problems with inline code spans (a list of strings)."""
        problems, filters = [], []
        for where, span in spans:
            if "/" in span and " " not in span and "==" not in span:
                if not os.path.exists(os.path.join(ROOT, span)):
                    problems.append("%s: no such file in the checkout: %s" % (where, span))
            elif span.startswith("tshark"):
                problems.append("%s: a command in running text cannot be checked; put it in "
                                "a ```check block: %s" % (where, span))
            elif span.startswith("-"):
                if span.split()[0] not in self.tshark_options():
                    problems.append("%s: not a tshark option: %s" % (where, span))
            elif span in self.preferences():
                pass
            else:
                filters.append((where, span))
        if filters:
            any_capture = "test-captures/sip-basic.pcap"
            rc, _, _ = self.tshark(["-r", any_capture, "-c", "1", "-Y",
                                    " || ".join("(%s)" % f for _, f in filters)])
            if rc != 0:
                for where, f in filters:
                    rc, _, err = self.tshark(["-r", any_capture, "-c", "1", "-Y", f])
                    if rc != 0:
                        problems.append("%s: not a display filter that compiles: %s (%s)"
                                        % (where, f, err.strip().splitlines()[0]))
        return problems


def show(paths, plugin):
    """Print what the plugin answers for each entry (for guide writers)."""
    runner = Runner(plugin)
    try:
        for path in paths:
            entries, spans = parse_guide(path)
            for e in entries:
                if isinstance(e, Command):
                    print("%s\n$ %s" % (e.where, e.line))
                    print("\n".join(runner.run_command(e)) or "(no output)")
                else:
                    kind, value = runner.run_filter(e)
                    print("%s\nfilter %s: %s\n%s: %s" % (e.where, e.capture, e.expression,
                                                         kind, value))
            for p in runner.check_spans(spans):
                print("PROBLEM", p)
    finally:
        runner.close()


if __name__ == "__main__":
    import tsharkrun
    build = os.environ.get("PEXIP_BUILD_DIR", os.path.join(ROOT, "build"))
    show(sys.argv[1:] or guide_files(), tsharkrun.built_plugin(build))
