"""The Wireshark configuration profile "Pexip" (profiles/Pexip/): installed
by `cmake --install` where Wireshark looks for it, loaded by `tshark -C
Pexip` without a warning, its columns and colouring rules giving exact
values on bundled captures, every filter in it compiling, and the zip the
Configuration Profiles dialog imports.

tshark runs as in tests/tsharkrun.py (as nobody, with a temporary HOME);
here the plugin and the profile are what `cmake --install` put in that
HOME, as a user would have them."""
import os
import re
import shutil
import subprocess
import tempfile
import zipfile

import pytest

import tsharkrun
from conftest import BUILD, CAPTURES, ROOT, WIRESHARK

PROFILE = os.path.join(ROOT, "profiles", "Pexip")
PROFILE_FILES = ["colorfilters", "dfilter_buttons", "dfilters", "preferences"]


def _open_up(top):
    for path, dirs, files in os.walk(top):
        os.chmod(path, 0o755)
        for f in files:
            os.chmod(os.path.join(path, f), 0o644)


def cmake_install(home, **env_extra):
    env = {k: v for k, v in os.environ.items()
           if k not in ("WIRESHARK_CONFIG_DIR", "XDG_CONFIG_HOME")}
    env["HOME"] = home
    env.update(env_extra)
    subprocess.run(["cmake", "--install", BUILD], env=env, check=True, capture_output=True)


class Installed:
    """A HOME where `cmake --install` put the plugin and the profile."""

    def __init__(self, work):
        self.box = tsharkrun.Sandbox(work, None, name="installed")
        cmake_install(self.box.home, XDG_CONFIG_HOME=os.path.join(self.box.home, ".config"))
        _open_up(self.box.home)
        self.captures = os.path.join(work, "captures")
        os.makedirs(self.captures)
        os.chmod(self.captures, 0o755)

    def capture(self, name):
        dest = os.path.join(self.captures, name)
        if not os.path.exists(dest):
            shutil.copy(os.path.join(CAPTURES, name), dest)
            os.chmod(dest, 0o644)
        return dest

    def run(self, args, check=True):
        return self.box.run(["-C", "Pexip"] + list(args), check=check)

    def columns(self, capture, columns, two_pass=False):
        """Per frame: its number, then each of columns: a field, or a column
        of the profile as `_ws.col.<title>`."""
        if WIRESHARK != "4.0":
            return self._columns_from_summary(capture, columns, two_pass)
        args = ["--color", "-r", self.capture(capture), "-T", "fields", "-e", "frame.number"]
        for c in columns:
            args += ["-e", c]
        if two_pass:
            args.append("-2")
        rc, out, err = self.run(args)
        assert err == ""
        return [[int(line.split("\t")[0])] + line.split("\t")[1:] for line in out.splitlines()]

    def _columns_from_summary(self, capture, columns, two_pass):
        """Wireshark 4.2 and later name column fields by format
        (`_ws.col.def_src`), not by title, and have none for a custom
        column: read the profile's columns from the summary lines (`-T
        tabs`), the other fields with -T fields."""
        titles = [t for t, _ in column_format()]
        args = ["--color", "-r", self.capture(capture), "-T", "tabs"] + (["-2"] if two_pass else [])
        rc, out, err = self.run(args)
        assert err == ""
        # tshark puts an arrow between adjacent source and destination columns
        summary = [[c for c in line.split("\t") if c != "\u2192"] for line in out.splitlines()]
        fields = [c for c in columns if not c.startswith("_ws.col.")]
        values = {c: [] for c in fields}
        if fields:
            args = ["--color", "-r", self.capture(capture), "-T", "fields"] + \
                (["-2"] if two_pass else [])
            for c in fields:
                args += ["-e", c]
            rc, out, err = self.run(args)
            assert err == ""
            for line in out.splitlines():
                for c, v in zip(fields, line.split("\t")):
                    values[c].append(v)
        rows = []
        for i, cols in enumerate(summary):
            row = [int(cols[titles.index("No.")].strip())]
            for c in columns:
                if c.startswith("_ws.col."):
                    row.append(cols[titles.index(c[len("_ws.col."):])].strip())
                else:
                    row.append(values[c][i])
            rows.append(row)
        return rows


def column_format():
    """The profile's columns, (title, format), in order."""
    text = read(os.path.join(PROFILE, "preferences"))
    block = text.split("gui.column.format:", 1)[1].split("\n\n", 1)[0]
    items = re.findall(r'"((?:[^"\\]|\\.)*)"', block)
    return list(zip(items[0::2], items[1::2]))


@pytest.fixture(scope="module")
def installed():
    # Not pytest's tmp_path: tshark runs as nobody, who cannot enter it.
    work = tempfile.mkdtemp(prefix="pexip-profile.")
    os.chmod(work, 0o755)
    try:
        yield Installed(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def read(path, mode="r"):
    with open(path, mode) as f:
        return f.read()


def test_profile_folder_holds_only_wireshark_files():
    assert sorted(os.listdir(PROFILE)) == PROFILE_FILES


def test_install_copies_the_profile_into_the_personal_folder(installed):
    dest = os.path.join(installed.box.home, ".config", "wireshark", "profiles", "Pexip")
    assert sorted(os.listdir(dest)) == PROFILE_FILES
    for f in PROFILE_FILES:
        assert read(os.path.join(dest, f), "rb") == read(os.path.join(PROFILE, f), "rb")


@pytest.mark.parametrize("layout", ["xdg", "legacy", "env"])
def test_install_uses_the_folder_wireshark_reads(layout):
    # Where Wireshark looks ("Personal configuration" of `tshark -G
    # folders`) depends on WIRESHARK_CONFIG_DIR, an old ~/.wireshark and
    # XDG_CONFIG_HOME; the install follows the same rules.
    work = tempfile.mkdtemp(prefix="pexip-profile-dirs.")
    try:
        home = os.path.join(work, "home")
        os.makedirs(home)
        env = {}
        if layout == "xdg":
            env["XDG_CONFIG_HOME"] = os.path.join(work, "xdg")
        elif layout == "legacy":
            os.makedirs(os.path.join(home, ".wireshark"))
        else:
            env["WIRESHARK_CONFIG_DIR"] = os.path.join(work, "conf")
        cmake_install(home, **env)
        run_env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, **env}
        out = subprocess.run(["tshark", "-G", "folders"], env=run_env, check=True,
                             capture_output=True, text=True).stdout
        personal = re.search(r"^Personal configuration:\s*(.*)$", out, re.M).group(1)
        assert personal.startswith(work)
        assert sorted(os.listdir(os.path.join(personal, "profiles", "Pexip"))) == PROFILE_FILES
    finally:
        shutil.rmtree(work, ignore_errors=True)


def test_tshark_loads_the_profile_without_a_warning(installed):
    # --color reads the colouring rules too: a rule that does not compile,
    # like a preference that does not exist, is a warning on stderr.
    rc, out, err = installed.run(["--color", "-r", installed.capture("sip-content.pcap")])
    assert (rc, err) == (0, "")
    assert len(out.splitlines()) == 23
    # A profile that is not there is an error: -C did pick this one.
    rc, _, err = installed.box.run(["-C", "NoSuchProfile", "-r",
                                    installed.capture("sip-content.pcap")], check=False)
    assert rc != 0 and "does not exist" in err


def test_preferences_as_tshark_reads_them(installed):
    _, out, _ = installed.box.run(["-G", "currentprefs", "-C", "Pexip"])
    fmt = re.search(r"^gui\.column\.format:\s*\n((?:\t.*\n)+)", out, re.M).group(1)
    assert [c.strip().strip(",") for c in fmt.splitlines()] == [
        '"No.", "%m"', '"Time", "%t"', '"Source", "%s"', '"Destination", "%d"',
        '"Protocol", "%p"', '"Call", "%Cus:pexip.call:0:R"',
        '"Kind", "%Cus:pexip.media.kind:0:R"', '"Direction", "%Cus:pexip.direction:0:R"',
        '"Port class", "%Cus:pexip.port_class:0:R"', '"Findings", "%Cus:pexip.finding:0:R"',
        '"Info", "%i"']
    # Empty: the SBC's range is the customer's, the check stays off.
    assert re.search(r"^#?pexip\.sbc_media_ports: *$", out, re.M)
    assert "pexip.sbc_media_ports:" in read(os.path.join(PROFILE, "preferences"))


PEXIP_COLUMNS = ["_ws.col.Call", "_ws.col.Kind", "_ws.col.Direction", "_ws.col.Port class",
                 "_ws.col.Findings"]


def test_columns_on_a_call_with_content(installed):
    # test-captures/sip-content.pcap: a SIP call (1-3), audio and video
    # (4-7), a re-INVITE adding content and BFCP (8-10), the floor request
    # and grant (11-16), content (17-18), ... and the BYE (22-23).
    sig = lambda d: ["1", "", d, "sip-udp", ""]
    media = lambda kind, d, cls="rtp": ["1", kind, d, cls, ""]
    to, fr = "to-service", "from-service"
    rows = [sig(to), sig(fr), sig(to), media("audio", to), media("audio", fr),
            media("video", to), media("video", fr), sig(to), sig(fr), sig(to),
            media("bfcp", to, "bfcp"), media("bfcp", fr, "bfcp"), media("bfcp", to, "bfcp"),
            media("bfcp", to, "bfcp"), media("bfcp", fr, "bfcp"), media("bfcp", fr, "bfcp"),
            media("content", to), media("content", to), media("audio", to),
            media("bfcp", to, "bfcp"), media("bfcp", fr, "bfcp"), sig(to), sig(fr)]
    expected = [[i + 1] + r for i, r in enumerate(rows)]
    assert installed.columns("sip-content.pcap", PEXIP_COLUMNS) == expected
    # The same as the plugin's own fields say.
    assert installed.columns("sip-content.pcap", ["pexip.call", "pexip.media.kind",
                                                  "pexip.direction", "pexip.port_class",
                                                  "pexip.finding"]) == expected


def test_findings_column_and_colours_after_the_capture_is_read(installed):
    # content-missing.pcap with -2: the floor grant (8) carries the finding.
    rows = installed.columns("content-missing.pcap",
                             ["_ws.col.Kind", "_ws.col.Findings", "frame.coloring_rule.name"],
                             two_pass=True)
    expected = [[n, "", "", "Pexip signalling"] for n in (1, 2, 3)] + \
        [[n, "bfcp", "", "Pexip BFCP"] for n in (4, 5, 6, 7)] + \
        [[8, "bfcp", "pexip.media.content_missing", "Pexip warning"]] + \
        [[n, "audio" if (n - 9) % 4 < 2 else "video", "", "Pexip media"] for n in range(9, 37)] + \
        [[n, "", "", "Pexip signalling"] for n in (37, 38)]
    assert rows == expected
    # One pass: that finding is not known yet, and nothing is orange.
    rows = installed.columns("content-missing.pcap", ["_ws.col.Findings",
                                                      "frame.coloring_rule.name"])
    assert [r for r in rows if r[1] or r[2] == "Pexip warning"] == []


@pytest.mark.parametrize("capture,two_pass,coloured", [
    # the ICMP error that quotes a media packet
    ("media-icmp.pcap", True, {6: ("pexip.media.icmp_unreachable", "Pexip error")}),
    # NAT notes
    ("nat-private-address.pcap", False, {1: ("pexip.nat.private_address", "Pexip note"),
                                         4: ("pexip.media.unannounced_source", "Pexip note")}),
    # a TLS-intercepting proxy: the CONNECTs and their answers are proxy
    # traffic, each intercepted certificate a warning
    ("proxy-tls-intercepted.pcap", False, {
        4: ("", "Pexip proxy"), 5: ("", "Pexip proxy"),
        7: ("pexip.proxy.tls_intercepted", "Pexip warning"),
        11: ("", "Pexip proxy"), 12: ("", "Pexip proxy"),
        14: ("pexip.proxy.tls_intercepted", "Pexip warning"),
        19: ("pexip.proxy.tls_intercepted", "Pexip warning")}),
    # an ALG between two capture points (each copy of the RTP comes from
    # what its own side's copy of the INVITE announced: no NAT note)
    ("alg-rewritten.pcap", False, {2: ("pexip.alg.rewritten", "Pexip warning")}),
])
def test_findings_stand_out(installed, capture, two_pass, coloured):
    rows = installed.columns(capture, ["_ws.col.Findings", "frame.coloring_rule.name"],
                             two_pass=two_pass)
    marked = {r[0]: (r[1], r[2]) for r in rows
              if r[1] or r[2] in ("Pexip error", "Pexip warning", "Pexip note", "Pexip proxy")}
    assert marked == coloured


def test_dns_and_other_service_traffic_tinted(installed):
    rows = installed.columns("foundation-dns.pcap", ["frame.coloring_rule.name"])
    assert {r[0]: r[1] for r in rows if r[1]} == {
        2: "Pexip DNS", 3: "Pexip DNS", 4: "Pexip service", 5: "Pexip service",
        6: "Pexip service", 7: "Pexip DNS", 8: "Pexip DNS", 9: "Pexip media",
        15: "Pexip DNS", 16: "Pexip service"}
    # Traffic that is not the service's keeps no colour of this profile.
    assert [r[0] for r in rows if not r[1]] == [1, 10, 11, 12, 13, 14]


# ---- the files themselves ----------------------------------------------

def colour_rules(with_colours=False):
    """(name, filter) of each rule; with_colours: also (background, foreground),
    each (r, g, b) in 0..1 (Wireshark writes the background first)."""
    rules = []
    for line in read(os.path.join(PROFILE, "colorfilters")).splitlines():
        if line.startswith("#") or not line.strip():
            continue
        m = re.fullmatch(r"@([^@]+)@([^@]+)@\[(\d+),(\d+),(\d+)\]\[(\d+),(\d+),(\d+)\]", line)
        assert m, line
        values = [int(v) for v in m.groups()[2:]]
        assert all(0 <= v <= 65535 for v in values)
        colours = (tuple(v / 65535 for v in values[:3]), tuple(v / 65535 for v in values[3:]))
        rules.append((m.group(1), m.group(2)) + ((colours,) if with_colours else ()))
    return rules


def luminance(rgb):
    """WCAG relative luminance."""
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def test_colours_are_readable_and_findings_stand_out():
    # Black text on a light tint for traffic; the findings' backgrounds are
    # strong colours (saturated), the tints are not; every rule's text has
    # a WCAG contrast of at least 7 against its background.
    rules = colour_rules(with_colours=True)
    for name, _, (background, foreground) in rules:
        lb, lf = luminance(background), luminance(foreground)
        assert (max(lb, lf) + 0.05) / (min(lb, lf) + 0.05) >= 7, name
        saturation = max(background) - min(background)
        if name in ("Pexip error", "Pexip warning"):
            assert saturation >= 0.6, name
        else:
            assert saturation <= 0.4 and min(background) >= 0.6, name
            assert foreground == (0, 0, 0), name


def uat_unescape(text):
    return re.sub(r"\\x([0-9a-fA-F]{2})", lambda m: chr(int(m.group(1), 16)), text)


def buttons():
    result = []
    for line in read(os.path.join(PROFILE, "dfilter_buttons")).splitlines():
        if line.startswith("#") or not line.strip():
            continue
        m = re.fullmatch(r'"(TRUE|FALSE)","([^"]*)","([^"]*)","([^"]*)"', line)
        assert m, line
        result.append((uat_unescape(m.group(2)), uat_unescape(m.group(3))))
    return result


def saved_filters():
    result = []
    for line in read(os.path.join(PROFILE, "dfilters")).splitlines():
        m = re.fullmatch(r'"([^"]+)" (.+)', line)
        assert m, line
        result.append((m.group(1), m.group(2)))
    return result


def test_buttons_are_the_documented_ones():
    assert buttons() == [
        ("Service", "pexip.service"),
        ("Call 1", "pexip.call == 1"),
        ("Findings", "pexip.finding"),
        ("Signalling", 'pexip.port_class in {"sip-udp", "sip-tcp", "sip-tls", "h225", "ras", '
                       '"h245"}'),
        ("Content", 'pexip.media.kind == "content"'),
        ("BFCP", 'pexip.media.kind == "bfcp" || pexip.port_class == "bfcp"'),
        ("Proxy", "pexip.proxy.target || pexip.proxy.cert_name || pexip.proxy.auth_scheme"),
    ]


def test_every_filter_compiles(installed):
    filters = [("colour rule " + n, f) for n, f in colour_rules()] + \
        [("button " + n, f) for n, f in buttons()] + \
        [("saved filter " + n, f) for n, f in saved_filters()]
    assert len(filters) == 10 + 7 + len(saved_filters())
    capture = installed.capture("sip-content.pcap")
    # One tshark for all of them; on failure, one each to name the culprit.
    rc, _, _ = installed.run(["-r", capture, "-c", "1", "-Y",
                              " || ".join("(%s)" % f for _, f in filters)], check=False)
    if rc != 0:
        bad = [(name, f) for name, f in filters
               if installed.run(["-r", capture, "-c", "1", "-Y", f], check=False)[0] != 0]
        pytest.fail("filters that do not compile: %r" % bad)


def test_buttons_find_what_they_say(installed):
    frames = {}
    for label, f in buttons():
        _, out, _ = installed.run(["-r", installed.capture("sip-content.pcap"), "-Y", f,
                                   "-T", "fields", "-e", "frame.number"])
        frames[label] = [int(x) for x in out.split()]
    assert frames == {
        "Service": list(range(1, 24)),
        "Call 1": list(range(1, 24)),
        "Findings": [],
        "Signalling": [1, 2, 3, 8, 9, 10, 22, 23],
        "Content": [17, 18],
        "BFCP": [11, 12, 13, 14, 15, 16, 20, 21],
        "Proxy": [],
    }
    _, out, _ = installed.run(["-r", installed.capture("proxy-auth-digest.pcap"), "-Y",
                               dict(buttons())["Proxy"], "-T", "fields", "-e", "frame.number"])
    assert out.split() != []


def documented_severities():
    """{expert info name: severity} from docs/fields.md's table."""
    doc = read(os.path.join(ROOT, "docs", "fields.md"))
    return dict(re.findall(r"^\| `(pexip\.[a-z0-9_.]+)` \| (note|warning|error) \(", doc, re.M))


def test_finding_rules_cover_every_expert_info_by_severity(installed):
    # The error, warning and note rules name exactly the plugin's expert
    # infos of that severity (a new expert info must join its rule).
    _, out, _ = installed.box.run(["-G", "fields"])
    registered = {line.split("\t")[2] for line in out.splitlines()
                  if line.startswith("F\t") and line.split("\t")[2].startswith("pexip.")
                  and line.split("\t")[3] == "FT_NONE"}
    severities = documented_severities()
    assert set(severities) == registered
    rules = dict(colour_rules())
    for rule, severity in (("Pexip error", "error"), ("Pexip warning", "warning"),
                           ("Pexip note", "note")):
        named = rules[rule].split(" || ")
        assert len(named) == len(set(named))
        assert set(named) == {n for n, s in severities.items() if s == severity}, rule
    # ... and come first, most severe first.
    assert [n for n, _ in colour_rules()][:3] == ["Pexip error", "Pexip warning", "Pexip note"]


def test_zip_for_the_profiles_dialog():
    # Wireshark's import takes the folders of a zip that hold a file with a
    # line that is not a comment; it names the profile after the folder.
    path = os.path.join(BUILD, "pexip-wireshark-profile.zip")
    with zipfile.ZipFile(path) as z:
        assert z.namelist() == ["Pexip/" + f for f in PROFILE_FILES]
        for f in PROFILE_FILES:
            data = z.read("Pexip/" + f)
            assert data == read(os.path.join(PROFILE, f), "rb")
            assert any(line.strip() and not line.startswith(b"#") for line in data.splitlines())
