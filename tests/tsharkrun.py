"""Run tshark with exactly the freshly built plugin, never an installed copy.

tshark running as root loads no personal plugins and ignores
WIRESHARK_PLUGIN_DIR, silently. So, as root, tshark is started as the
unprivileged user nobody (65534); as anyone else it runs as that user.
Either way it gets a temporary HOME (no personal preferences, no personal
plugins) and WIRESHARK_PLUGIN_DIR pointing at a folder that holds only
this plugin (or nothing, for a bare run). Files it reads are copied into a
world-readable work folder first.
"""
import glob
import os
import shutil
import subprocess

NOBODY = 65534


def built_plugin(build_dir):
    """Path of pexip.so in a build tree (build/plugins/<major.minor>/epan/)."""
    found = sorted(glob.glob(os.path.join(build_dir, "plugins", "*", "epan", "pexip.so")))
    if not found:
        raise FileNotFoundError("no plugin under %s/plugins/*/epan: build first "
                                "(cmake -S . -B build && cmake --build build)" % build_dir)
    return found[-1]


def _drop_privileges():
    os.setgroups([])
    os.setgid(NOBODY)
    os.setuid(NOBODY)


class Sandbox:
    """A HOME and a plugin folder for tshark, under work/<name>."""

    def __init__(self, work, plugin, name="plugin", env=None):
        self.extra_env = dict(env or {})
        self.root = os.path.join(work, name)
        self.home = os.path.join(self.root, "home")
        self.plugin_dir = os.path.join(self.root, "plugins")
        os.makedirs(self.home, exist_ok=True)
        os.makedirs(self.plugin_dir, exist_ok=True)
        if plugin:
            version = os.path.basename(os.path.dirname(os.path.dirname(plugin)))
            epan = os.path.join(self.plugin_dir, version, "epan")
            os.makedirs(epan, exist_ok=True)
            shutil.copy(plugin, os.path.join(epan, "pexip.so"))
        for path, dirs, files in os.walk(self.root):
            os.chmod(path, 0o777 if path.startswith(self.home) else 0o755)
            for f in files:
                os.chmod(os.path.join(path, f), 0o644)

    def command(self, args):
        """argv, environment and preexec function for one tshark run."""
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": self.home,
            "XDG_CONFIG_HOME": os.path.join(self.home, ".config"),
            "WIRESHARK_PLUGIN_DIR": self.plugin_dir,
            "LANG": "C.UTF-8",
            "TZ": "UTC",
        }
        env.update(self.extra_env)
        preexec = _drop_privileges if os.geteuid() == 0 else None
        return ["tshark"] + list(args), env, preexec

    def run(self, args, check=True, timeout=600):
        argv, env, preexec = self.command(args)
        proc = subprocess.run(argv, env=env, preexec_fn=preexec, cwd=self.root,
                              capture_output=True, timeout=timeout)
        out = proc.stdout.decode("utf-8", errors="replace")
        err = proc.stderr.decode("utf-8", errors="replace")
        if check and proc.returncode != 0:
            raise RuntimeError("tshark %s failed (%d):\n%s" % (" ".join(args), proc.returncode, err))
        return proc.returncode, out, err
