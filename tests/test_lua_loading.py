"""Loading the Lua fallback: from the personal Lua plugin folder as a user
would, listed by `tshark -G plugins`; registering exactly the C plugin's
protocol, fields, expert infos and preferences; standing aside, saying so
once, when the C plugin is loaded too; and saying what is missing when
tshark -2 gives it no tree on the first pass.
"""
import os
import shutil
import tempfile

import pytest

import luarun
import tsharkrun
from conftest import BUILD, CAPTURES

CAPTURE = "sip-content.pcap"
FIELDS = ["pexip.direction", "pexip.port_class", "pexip.call", "pexip.media.kind",
          "pexip.media.setup_frame", "pexip.bfcp.floor_status"]
STAND_ASIDE = ('pexip.lua: the protocol "pexip" is already registered (the C plugin is loaded); '
               'the Lua fallback stays out of the way.')


@pytest.fixture(scope="module")
def work():
    path = tempfile.mkdtemp(prefix="pexip-lua-loading.")
    os.chmod(path, 0o755)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def personal_lua_box(work, name, plugin=None):
    """A sandbox whose HOME has pexip.lua in the personal Lua plugin folder
    (~/.local/lib/wireshark/plugins/, what tshark -G folders calls
    "Personal Lua Plugins"), and no -X option."""
    box = tsharkrun.Sandbox(work, plugin, name=name)
    folder = os.path.join(box.home, ".local", "lib", "wireshark", "plugins")
    os.makedirs(folder)
    shutil.copy(luarun.LUA, os.path.join(folder, "pexip.lua"))
    for path in (os.path.join(box.home, ".local"), os.path.join(box.home, ".local", "lib"),
                 os.path.join(box.home, ".local", "lib", "wireshark"), folder):
        os.chmod(path, 0o755)
    os.chmod(os.path.join(folder, "pexip.lua"), 0o644)
    box.lua = os.path.join(folder, "pexip.lua")
    return box


def capture_in(box, name=CAPTURE):
    path = os.path.join(box.root, name)
    shutil.copy(os.path.join(CAPTURES, name), path)
    os.chmod(path, 0o644)
    return path


def fields(box, capture, extra=()):
    rc, out, err = box.run(["-r", capture, "-T", "fields", "-e", "frame.number"]
                           + sum((["-e", f] for f in FIELDS), []) + list(extra), check=False)
    assert rc == 0, err
    return out.splitlines(), err


def glossary(box, report):
    """The pexip rows of tshark -G REPORT."""
    rc, out, err = box.run(["-G", report], check=False)
    assert rc == 0, err
    return out


def test_personal_lua_plugin_folder_is_listed_and_works(work):
    box = personal_lua_box(work, "personal")
    plugins = glossary(box, "plugins")
    # name, version, type ("lua script"; 4.6: "Lua script"), path
    listed = [[r[0], r[2].lower(), r[3]] for r in (line.split("\t") for line in plugins.splitlines())
              if len(r) == 4]
    assert ["pexip.lua", "lua script", box.lua] in listed
    rows, err = fields(box, capture_in(box))
    assert "pexip" not in err
    assert rows[15] == "16\tfrom-service\tbfcp\t1\tbfcp\t9\tgranted"


def pexip_glossary_rows(text):
    return sorted(line for line in text.splitlines()
                  if line.startswith(("F\t", "P\t")) and
                  (line.split("\t")[2] == "pexip" or line.split("\t")[2].startswith("pexip.")))


def test_lua_registers_the_c_plugins_protocol_fields_and_expert_infos(work):
    lua = pexip_glossary_rows(glossary(personal_lua_box(work, "glossary-lua"), "fields"))
    c = pexip_glossary_rows(glossary(tsharkrun.Sandbox(work, tsharkrun.built_plugin(BUILD),
                                                        name="glossary-c"), "fields"))
    # name, filter name, type, base, bitmask, description: every field and
    # expert info (FT_NONE, its summary as the name) alike
    assert len(c) > 60
    assert lua == c


def pexip_prefs(text):
    """{preference: (description lines, default)} of tshark -G defaultprefs."""
    prefs, comments = {}, []
    for line in text.splitlines():
        if line.startswith("#pexip."):
            name, _, default = line[1:].partition(":")
            prefs[name] = (comments, default.strip())
        if line.startswith("# "):
            comments.append(line)
        elif not line.startswith("#"):
            comments = []
        else:
            comments = [] if line.startswith("#pexip.") else comments
    return prefs


def test_lua_preferences_are_the_c_plugins_and_the_ranges_file(work):
    lua = pexip_prefs(glossary(personal_lua_box(work, "prefs-lua"), "defaultprefs"))
    c = pexip_prefs(glossary(tsharkrun.Sandbox(work, tsharkrun.built_plugin(BUILD), name="prefs-c"),
                             "defaultprefs"))
    assert "pexip.ranges_file" in lua and "pexip.ranges_file" not in c
    assert lua.pop("pexip.ranges_file")[1] == ""
    # the field reference documents it (test_foundation.py checks the rest)
    with open(os.path.join(os.path.dirname(luarun.LUA), "..", "docs", "fields.md")) as f:
        assert "**`pexip.ranges_file`**" in f.read()
    # The C plugin's table (pexip.service_ranges) is a UAT, which Lua
    # cannot register; its file is read instead (test_lua_ranges.py).
    assert lua == c


def test_with_the_c_plugin_loaded_the_lua_stands_aside_once(work):
    plugin = tsharkrun.built_plugin(BUILD)
    both = personal_lua_box(work, "both", plugin=plugin)
    c_only = tsharkrun.Sandbox(work, plugin, name="c-only")
    for two_pass in ([], ["-2"]):
        rows, err = fields(both, capture_in(both), two_pass)
        assert err.count(STAND_ASIDE) == 1, err
        assert "Lua: Error" not in err and "Dissector bug" not in err
        expected, _ = fields(c_only, capture_in(c_only), two_pass)
        assert rows == expected
    # one pexip tree per packet, not two
    rc, out, err = both.run(["-r", capture_in(both), "-T", "pdml", "-J", "pexip"])
    assert out.count('<proto name="pexip"') == 23


def test_two_passes_without_a_filter_say_what_is_missing(work):
    box = luarun.LuaSandbox(work, None, name="no-tree")
    capture = capture_in(box, "media-missing.pcap")
    rc, out, err = box.run(["-r", capture, "-2", "-T", "fields", "-e", "frame.number",
                            "-e", "pexip.call", "-e", "pexip.media.missing"])
    assert err.count("pexip.lua: the first pass had no protocol tree (tshark -2 without a filter): "
                     "findings that need the whole capture are not shown; add -Y frame (or any "
                     "-Y/-R filter).") == 1, err
    rows = [line.split("\t") for line in out.splitlines()]
    # The calls are there (read on the second pass), the whole-capture
    # finding is not ...
    assert rows[0] == ["1", "1", ""] and all(r[2] == "" for r in rows)
    # ... and with a filter it is.
    rc, out, err = box.run(["-r", capture, "-2", "-Y", "frame", "-T", "fields", "-e", "frame.number",
                            "-e", "pexip.media.missing"])
    assert "pexip" not in err
    assert [line.split("\t")[0] for line in out.splitlines() if line.split("\t")[1]] == ["1", "2"]
