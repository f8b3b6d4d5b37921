"""The committed captures are exactly what the generator writes."""
import filecmp
import os
import subprocess
import sys
import tempfile

from conftest import CAPTURES

GENERATOR = os.path.join(CAPTURES, "gen", "make_captures.py")


def test_regenerating_gives_identical_files():
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([sys.executable, GENERATOR, out], check=True, capture_output=True)
        generated = sorted(f for f in os.listdir(out) if f.endswith(".pcap"))
        committed = sorted(f for f in os.listdir(CAPTURES)
                           if f.endswith(".pcap") and not os.path.exists(os.path.join(CAPTURES, f + ".recorded")))
        assert generated == committed
        for name in generated:
            assert filecmp.cmp(os.path.join(out, name), os.path.join(CAPTURES, name), shallow=False), \
                "%s differs from what gen/make_captures.py writes: regenerate and commit it" % name


def test_generator_is_deterministic():
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        for out in (a, b):
            subprocess.run([sys.executable, GENERATOR, out], check=True, capture_output=True)
        names = sorted(os.listdir(a))
        assert names == sorted(os.listdir(b))
        for name in names:
            assert filecmp.cmp(os.path.join(a, name), os.path.join(b, name), shallow=False)
