"""The Lua fallback's built-in ranges are plugin/classify/service_ranges.csv's rows,
and its findings the C plugin's findings table (as the build's dump tool
prints it): both generated blocks are exactly what tools/gen-lua-tables
writes, so a row added to the CSV or to the table (which the C plugin
compiles in) cannot be left out of lua-compat/pexip.lua."""
import os
import shutil
import subprocess
import sys
import tempfile

from conftest import BUILD, ROOT

GENERATOR = os.path.join(ROOT, "tools", "gen-lua-tables")
CSV = os.path.join(ROOT, "plugin", "classify", "service_ranges.csv")
LUA = os.path.join(ROOT, "lua-compat", "pexip.lua")
DUMP = os.path.join(BUILD, "plugin", "pexip-findings-table")


def generator(*args):
    return [sys.executable, GENERATOR, "--findings-table", DUMP] + list(args)


def test_committed_block_is_what_the_generator_writes():
    proc = subprocess.run(generator("--check"), capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_check_fails_when_the_csv_has_a_row_the_lua_lacks():
    with open(CSV, encoding="utf-8") as f:
        csv = f.read()
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
        f.write(csv + '192.0.2.0/24,"Lab, with ""quotes""",test row\n')
        extra = f.name
    try:
        proc = subprocess.run(generator("--check", "--csv", extra),
                              capture_output=True, text=True)
        assert proc.returncode == 1
        assert "run tools/gen-lua-tables" in proc.stdout
        # ... and what it would write holds the row, its label unquoted.
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as out:
            with open(LUA, encoding="utf-8") as f:
                out.write(f.read())
            lua = out.name
        try:
            subprocess.run(generator("--csv", extra, "--lua", lua), check=True,
                           capture_output=True)
            with open(lua, encoding="utf-8") as f:
                text = f.read()
            assert '{ line = %d, prefix = "192.0.2.0/24", label = "Lab, with \\"quotes\\"" },' \
                % (csv.count("\n") + 1) in text
        finally:
            os.remove(lua)
    finally:
        os.remove(extra)


def test_check_fails_when_the_findings_table_has_a_row_the_lua_lacks():
    """A finding added to the C plugin's table: a dump tool that prints the
    real table and one more row."""
    with tempfile.TemporaryDirectory() as work:
        fake = os.path.join(work, "pexip-findings-table")
        with open(fake, "w") as f:
            f.write("#!/bin/sh\n\"%s\" || exit 1\n"
                    "printf 'pexip.test.extra\\twarning\\tsequence\\tcall\\tfirst\\t"
                    "A test finding\\tDo nothing\\n'\n" % DUMP)
        os.chmod(fake, 0o755)
        base = [sys.executable, GENERATOR, "--findings-table", fake]
        proc = subprocess.run(base + ["--check"], capture_output=True, text=True)
        assert proc.returncode == 1, proc.stdout + proc.stderr
        assert "run tools/gen-lua-tables" in proc.stdout
        lua = os.path.join(work, "pexip.lua")
        shutil.copy(LUA, lua)
        subprocess.run(base + ["--lua", lua], check=True, capture_output=True)
        with open(lua, encoding="utf-8") as f:
            text = f.read()
        assert ('{ name = "pexip.test.extra", group = "SEQUENCE", severity = "WARN", '
                'scope = "call", pass = "first",\n      summary = "A test finding" },') in text


def test_a_missing_dump_tool_is_named():
    missing = os.path.join(tempfile.gettempdir(), "no-such-dir", "pexip-findings-table")
    proc = subprocess.run([sys.executable, GENERATOR, "--check", "--findings-table", missing],
                          capture_output=True, text=True)
    assert proc.returncode != 0
    assert missing + ": not found" in proc.stderr
