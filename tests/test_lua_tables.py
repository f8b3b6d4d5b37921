"""The Lua fallback's built-in ranges are plugin/classify/service_ranges.csv's rows:
its generated block is exactly what tools/gen-lua-tables writes, so a row
added to the CSV (which the C plugin compiles in) cannot be left out of
lua-compat/pexip.lua."""
import os
import subprocess
import sys
import tempfile

from conftest import ROOT

GENERATOR = os.path.join(ROOT, "tools", "gen-lua-tables")
CSV = os.path.join(ROOT, "plugin", "classify", "service_ranges.csv")
LUA = os.path.join(ROOT, "lua-compat", "pexip.lua")


def test_committed_block_is_what_the_generator_writes():
    proc = subprocess.run([sys.executable, GENERATOR, "--check"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_check_fails_when_the_csv_has_a_row_the_lua_lacks():
    with open(CSV, encoding="utf-8") as f:
        csv = f.read()
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
        f.write(csv + '192.0.2.0/24,"Lab, with ""quotes""",test row\n')
        extra = f.name
    try:
        proc = subprocess.run([sys.executable, GENERATOR, "--check", "--csv", extra],
                              capture_output=True, text=True)
        assert proc.returncode == 1
        assert "run tools/gen-lua-tables" in proc.stdout
        # ... and what it would write holds the row, its label unquoted.
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as out:
            with open(LUA, encoding="utf-8") as f:
                out.write(f.read())
            lua = out.name
        try:
            subprocess.run([sys.executable, GENERATOR, "--csv", extra, "--lua", lua], check=True,
                           capture_output=True)
            with open(lua, encoding="utf-8") as f:
                text = f.read()
            assert '{ line = %d, prefix = "192.0.2.0/24", label = "Lab, with \\"quotes\\"" },' \
                % (csv.count("\n") + 1) in text
        finally:
            os.remove(lua)
    finally:
        os.remove(extra)
