"""`cmake --install` puts the plugin in the personal plugin folder of the
user who runs it, where tshark finds it, and pexip-triage in ~/.local/bin,
where it finds that plugin (also as root, whose tshark ignores it)."""
import os
import shutil
import subprocess
import tempfile

import tsharkrun
from conftest import BUILD, CAPTURES, WIRESHARK


def test_install_into_personal_folder_is_loaded():
    # Not pytest's tmp_path: tshark runs as nobody, who cannot enter it.
    work = tempfile.mkdtemp(prefix="pexip-install.")
    os.chmod(work, 0o755)
    try:
        check_install(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def check_install(work):
    box = tsharkrun.Sandbox(work, None, name="installed")
    env = dict(os.environ, HOME=box.home)
    subprocess.run(["cmake", "--install", BUILD], env=env, check=True, capture_output=True)
    # Built for, and installed under, the running Wireshark's major.minor.
    minor = os.path.basename(os.path.dirname(os.path.dirname(tsharkrun.built_plugin(BUILD))))
    assert minor == WIRESHARK
    installed = os.path.join(box.home, ".local", "lib", "wireshark", "plugins", minor, "epan", "pexip.so")
    assert os.path.isfile(installed)
    triage = os.path.join(box.home, ".local", "bin", "pexip-triage")
    assert os.access(triage, os.X_OK)
    for path, dirs, files in os.walk(box.home):
        os.chmod(path, 0o755)
        for f in files:
            os.chmod(os.path.join(path, f), 0o644)
    _, out, _ = box.run(["-G", "plugins"])
    assert [line.split("\t")[-1] for line in out.splitlines() if line.startswith("pexip.so")] == [installed]
    proc = subprocess.run(["/usr/bin/python3", triage, "--json",
                           os.path.join(CAPTURES, "media-healthy.pcap")],
                          env=dict(env, PATH=os.environ["PATH"]), capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert ("pexip-triage: using pexip.so 0.1.0 from " in proc.stderr and
            installed in proc.stderr.splitlines()[0])
    assert '"verdict": "ok"' in proc.stdout
