"""The Lua fallback shows what the C plugin shows.

Every capture in test-captures/ (and the public ones in
../shared/captures/public/, where present) is read by one tshark with the
C plugin and lua-compat/pexip.lua both loaded, the Lua under another
protocol name (PEXIP_LUA_TEST_PROTOCOL=pexiplua, so each shows its own
tree of the same dissection), on one pass and with -2 (with -Y frame: see
lua-compat/README.md), as PDML. For every pexip field and expert info both
fill (all of them but those lua-compat/README.md lists as the C plugin's
alone), the set of (frame, values) must be the same; an expert info's
value is its text, group and severity. A difference fails unless
lua-compat/known-differences.txt lists it (by capture, variant and field,
with the reason); a listed difference that no longer occurs fails too,
so the list stays true.

One tshark for both halves the runs (tshark's start-up is most of each),
but there each sees the other's dissector set-up: the C plugin hands
SDP-announced BFCP and every connection to an h245Address to Wireshark's
dissectors through conversations, the Lua through the port tables. So the
captures where that matters are also read by each alone, and compared
the same way (SETUP_CAPTURES).

Variants: every capture as it is (built-in ranges); some ALG and NAT
captures and the public ones with every address a service address (the C
plugin's table row 0.0.0.0/0 and ::/0, the Lua's pexip.ranges_file with
the same rows), so that every message is read; the IPv6 capture with its
test range; the TLS capture with its keys; a NAT capture with an SBC
media port range.
"""
import os
import shutil
import tempfile

import pytest

import luarun
import tsharkrun
from conftest import BUILD, CAPTURES, PUBLIC_CAPTURES, uat_row

GENERATED = sorted(f for f in os.listdir(CAPTURES) if f.endswith((".pcap", ".pcapng")))
PUBLIC = sorted(f for f in os.listdir(PUBLIC_CAPTURES)
                if f.endswith((".pcap", ".pcapng"))) if os.path.isdir(PUBLIC_CAPTURES) else []

# With every address the service's, the inside legs of these are read too.
EVERYTHING_TOO = ["alg-rewritten.pcap", "alg-partial-rewrite.pcap", "alg-h323-rewritten.pcap",
                  "nat-private-address.pcap", "nat-h323-private.pcap"]
EVERYTHING_ROWS = [("0.0.0.0/0", "all"), ("::/0", "all6")]
V6_ROWS = [("2001:db8:5e00::/40", "v6 test range")]
# BFCP set up from SDP (TCP and UDP), and H.245 on a second connection to
# one h245Address (two capture points): read by each alone too.
SETUP_CAPTURES = ["sip-content.pcap", "sip-content-udp.pcap", "content-missing.pcap",
                  "alg-h323-rewritten.pcap"]
MODES = {"one pass": [], "two passes": ["-2", "-Y", "frame"]}
LUA_NAME = "pexiplua"


def variants():
    """(capture, folder, variant, extra rows, extra -o options)."""
    out = []
    for name in GENERATED:
        out.append((name, CAPTURES, "default", [], []))
    for name in EVERYTHING_TOO:
        out.append((name, CAPTURES, "everything", EVERYTHING_ROWS, []))
    out.append(("foundation-ipv6.pcap", CAPTURES, "v6 range", V6_ROWS, []))
    out.append(("sip-tls.pcap", CAPTURES, "keys", [], ["tls.keylog_file:KEYS"]))
    out.append(("nat-private-address-healthy.pcap", CAPTURES, "sbc range", [],
                ["pexip.sbc_media_ports:36000-59999"]))
    for name in PUBLIC:
        out.append((name, PUBLIC_CAPTURES, "everything", EVERYTHING_ROWS, []))
    return out


def read_known_differences():
    """{(capture, variant, field): reason} from the known-differences file."""
    known = {}
    with open(luarun.KNOWN_DIFFERENCES, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = [p.strip() for p in line.split("|")]
            assert len(parts) == 4 and all(parts), \
                "%s:%d: expected 'capture | variant | field | reason'" % (luarun.KNOWN_DIFFERENCES, number)
            known[tuple(parts[:3])] = parts[3]
    return known


@pytest.fixture(scope="module")
def readings():
    """{(capture, variant, mode, how): (C's, Lua's, Lua's stderr)}; how is
    "together" (one tshark) or "alone" (one each)."""
    work = tempfile.mkdtemp(prefix="pexip-lua-parity.")
    os.chmod(work, 0o755)
    try:
        yield read_all(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def read_all(work):
    plugin = tsharkrun.built_plugin(BUILD)
    both = luarun.LuaSandbox(work, plugin, name="both", protocol=LUA_NAME)
    c_alone = tsharkrun.Sandbox(work, plugin, name="c")
    lua_alone = luarun.LuaSandbox(work, None, name="lua")
    files = os.path.join(work, "files")
    os.makedirs(files)
    os.chmod(files, 0o755)

    def copy(name, folder):
        dest = os.path.join(files, name)
        if not os.path.exists(dest):
            shutil.copy(os.path.join(folder, name), dest)
            os.chmod(dest, 0o644)
        return dest

    keys = copy("sip-tls.keys", CAPTURES)
    jobs, labels = [], []
    for capture, folder, variant, rows, options in variants():
        path = copy(capture, folder)
        common = sum((["-o", o.replace("KEYS", keys)] for o in options
                       if not o.startswith("pexip.")), [])
        c_opts = sum((["-o", o] for o in options if o.startswith("pexip.")), [])
        lua_opts = list(c_opts)
        if rows:
            rows_file = os.path.join(files, "rows-%s.csv" % variant.replace(" ", "-"))
            with open(rows_file, "w") as f:
                f.write("".join('"%s","%s"\n' % r for r in rows))
            os.chmod(rows_file, 0o644)
            c_opts += sum((["-o", uat_row(prefix, label)] for prefix, label in rows), [])
            lua_opts += ["-o", "pexip.ranges_file:" + rows_file]
        together = c_opts + [o.replace("pexip.", LUA_NAME + ".", 1) for o in lua_opts]
        for mode, mode_args in MODES.items():
            jobs.append(lambda a=mode_args + common + together, p=path: luarun.run_pdml(both, p, a, ("pexip", LUA_NAME)))
            labels.append((capture, variant, mode, "together"))
            if variant == "default" and capture in SETUP_CAPTURES:
                jobs.append(lambda a=mode_args + common + c_opts, p=path: luarun.run_pdml(c_alone, p, a))
                labels.append((capture, variant, mode, "c alone"))
                jobs.append(lambda a=mode_args + common + lua_opts, p=path: luarun.run_pdml(lua_alone, p, a))
                labels.append((capture, variant, mode, "lua alone"))
    outputs = luarun.parallel(jobs)
    experts = set(luarun.expert_names())
    result, alone = {}, {}
    for (capture, variant, mode, how), (out, err) in zip(labels, outputs):
        # A Lua error while dissecting shows in the tree, not on stderr.
        if "Lua Error" in out:
            at = out.index("Lua Error")
            err += "\n[in the PDML] " + out[at:out.find("\"", at)]
        if how == "together":
            c, lua = luarun.pexip_fields(out, experts, ("pexip", LUA_NAME))
            result[(capture, variant, mode, how)] = (c, lua, err)
        else:
            alone[(capture, variant, mode, how)] = (luarun.pexip_fields(out, experts)[0], err)
    for (capture, variant, mode, how), (c, _) in alone.items():
        if how == "c alone":
            lua, err = alone[(capture, variant, mode, "lua alone")]
            result[(capture, variant, mode, "alone")] = (c, lua, err)
    return result


FIELDS = {
    "pexip.service", "pexip.direction", "pexip.service_addr", "pexip.service_addr6",
    "pexip.peer_addr", "pexip.peer_addr6", "pexip.range", "pexip.range_label",
    "pexip.port_class", "pexip.dns.query", "pexip.dns.learned_addr", "pexip.dns.learned_addr6",
    "pexip.call", "pexip.call_id", "pexip.signaling", "pexip.dial_string", "pexip.conference_id",
    "pexip.dial_uri", "pexip.media.kind", "pexip.media.setup_frame", "pexip.media.mline",
    "pexip.media.channel", "pexip.media.stream", "pexip.media.direction", "pexip.bfcp.floor_status",
    "pexip.announced.stream", "pexip.announced.mline", "pexip.announced.channel",
    "pexip.announced.kind", "pexip.announced.addr", "pexip.announced.addr6", "pexip.announced.port",
    "pexip.announced.rtcp_addr", "pexip.announced.rtcp_addr6", "pexip.announced.rtcp_port",
    "pexip.announced.transport", "pexip.announced.direction", "pexip.announced.packets_to",
    "pexip.announced.bytes_to", "pexip.announced.packets_from", "pexip.announced.bytes_from",
    "pexip.announced.first_frame", "pexip.announced.last_frame", "pexip.proxy.target",
    "pexip.proxy.auth_scheme", "pexip.proxy.cert_name", "pexip.alg.other_frame", "pexip.finding",
}


def shared_names():
    return (FIELDS | set(luarun.expert_names())) - luarun.c_only_names()


# Shared names no capture makes the C plugin show (so the comparison
# cannot see them): no test capture has IPv6 in SDP or H.245.
NOT_EXERCISED = {"pexip.announced.addr6", "pexip.announced.rtcp_addr6"}


def differences(c, lua, names, c_only=frozenset()):
    """{field: [(frame, C values, Lua values)]} where they differ.
    pexip.finding items naming a finding in c_only (the C plugin's alone)
    are left out of the C plugin's values."""
    diff = {}
    for frame in sorted(set(c) | set(lua)):
        for name in names:
            cv = c.get(frame, {}).get(name, [])
            if name == "pexip.finding":
                cv = [v for v in cv if v not in c_only]
            lv = lua.get(frame, {}).get(name, [])
            if cv != lv:
                diff.setdefault(name, []).append((frame, cv, lv))
    return diff


def test_every_shared_name_is_compared(readings):
    filled = set()
    for c, _, _ in readings.values():
        for per_frame in c.values():
            filled |= set(per_frame)
    assert sorted(shared_names() - filled) == sorted(NOT_EXERCISED)


def test_names_the_lua_leaves_to_the_c_plugin_are_real(readings):
    assert luarun.c_only_names() <= FIELDS | set(luarun.expert_names())


def test_lua_matches_c_plugin(readings):
    shared = shared_names()
    known = read_known_differences()
    unexplained, used = [], set()
    compared = 0
    for (capture, variant, mode, how), (c, lua, _) in sorted(readings.items()):
        for frame_fields in c.values():
            compared += sum(len(v) for k, v in frame_fields.items() if k in shared)
        for name, rows in sorted(differences(c, lua, shared, luarun.c_only_names()).items()):
            entry = next((key for key in ((capture, variant, name), (capture, "*", name))
                          if key in known), None)
            if entry:
                used.add(entry)
                continue
            for frame, cv, lv in rows[:5]:
                unexplained.append("%s [%s, %s, %s] %s frame %d: C %r, Lua %r"
                                   % (capture, variant, mode, how, name, frame, cv, lv))
            if len(rows) > 5:
                unexplained.append("%s [%s, %s, %s] %s: %d more frames"
                                   % (capture, variant, mode, how, name, len(rows) - 5))
    assert compared > 10000
    assert unexplained == []
    stale = sorted(set(known) - used)
    assert stale == [], "listed in %s but no longer different: %s" % (luarun.KNOWN_DIFFERENCES, stale)


def test_lua_says_nothing_and_raises_no_error(readings):
    for key, (_, _, err) in sorted(readings.items()):
        assert "pexip" not in err and "Lua" not in err, (key, err)
