"""tshark with the Lua fallback (lua-compat/pexip.lua), for the Lua tests.

The same sandbox as the C plugin's tests (tsharkrun.Sandbox: an unprivileged
user, a temporary HOME), with the Lua file given by -X lua_script: and,
unless asked, no C plugin at all. `pexip_fields` reads a PDML run into
what the plugin showed: per frame, every pexip field's values and every
pexip expert info's text, group and severity.
"""
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor

import tsharkrun

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LUA = os.path.join(ROOT, "lua-compat", "pexip.lua")
README = os.path.join(ROOT, "lua-compat", "README.md")
KNOWN_DIFFERENCES = os.path.join(ROOT, "lua-compat", "known-differences.txt")


class LuaSandbox(tsharkrun.Sandbox):
    """A sandbox whose tshark runs load pexip.lua (copied in, world-readable);
    plugin: also the C plugin (None: no C plugin); protocol: the Lua's
    protocol name when not "pexip" (PEXIP_LUA_TEST_PROTOCOL, so that both
    can be loaded into one tshark)."""

    def __init__(self, work, plugin=None, name="lua", lua=LUA, protocol=None):
        super().__init__(work, plugin, name=name)
        self.lua = os.path.join(self.root, "pexip.lua")
        self.protocol = protocol
        shutil.copy(lua, self.lua)
        os.chmod(self.lua, 0o644)

    def command(self, args):
        argv, env, preexec = super().command(args)
        if self.protocol:
            env["PEXIP_LUA_TEST_PROTOCOL"] = self.protocol
        return [argv[0], "-X", "lua_script:" + self.lua] + argv[1:], env, preexec

    def profile_dir(self, profile=None):
        """The personal configuration folder of a profile (None: Default),
        created world-writable."""
        path = os.path.join(self.home, ".config", "wireshark")
        if profile:
            path = os.path.join(path, "profiles", profile)
        os.makedirs(path, exist_ok=True)
        for p in (os.path.join(self.home, ".config"), os.path.join(self.home, ".config", "wireshark"),
                  os.path.dirname(path), path):
            if os.path.isdir(p):
                os.chmod(p, 0o777)
        return path

    def write_file(self, path, text):
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(path, 0o644)
        return path


def expert_names():
    """The expert infos' filter names, from the Lua's findings block."""
    names = []
    with open(LUA, encoding="utf-8") as f:
        text = f.read()
    block = text[text.index("-- BEGIN FINDINGS"):text.index("-- END FINDINGS")]
    for line in block.splitlines():
        if 'name = "pexip.' in line:
            names.append(line.split('name = "', 1)[1].split('"', 1)[0])
    return names


def pexip_fields(pdml, experts, protocols=("pexip",)):
    """What each protocol named showed, from PDML output: one
    {frame: {name: sorted list of values}} per protocol, its field names
    given as pexip.*. A field's value is its `show`; an expert info's
    (named in experts, as pexip.*) is (text, group, severity)."""
    results = [dict() for _ in protocols]
    root = ET.fromstring(pdml)
    for packet in root.iter("packet"):
        frame = None
        found = [dict() for _ in protocols]
        for proto in packet.iter("proto"):
            if proto.get("name") == "geninfo":
                for f in proto.iter("field"):
                    if f.get("name") == "num":
                        frame = int(f.get("show"))
        for parent in packet.iter():
            children = list(parent)
            for f in children:
                raw_name = f.get("name") or ""
                if f.tag != "field" or "." not in raw_name:
                    continue
                prefix, rest = raw_name.split(".", 1)
                if prefix not in protocols:
                    continue
                which = protocols.index(prefix)
                name = "pexip." + rest
                if name in experts:
                    sev = grp = None
                    for sib in children:
                        if sib.get("name") == "_ws.expert.severity":
                            sev = sib.get("show")
                        elif sib.get("name") == "_ws.expert.group":
                            grp = sib.get("show")
                    value = (f.get("showname"), grp, sev)
                else:
                    value = f.get("show")
                found[which].setdefault(name, []).append(value)
        for which, per_frame in enumerate(found):
            if per_frame:
                results[which][frame] = {k: sorted(v, key=repr) for k, v in per_frame.items()}
    return results


def run_pdml(box, capture, options=(), protocols=("pexip",)):
    args = ["-r", capture, "-T", "pdml", "-J", " ".join(protocols)] + list(options)
    argv, env, preexec = box.command(args)
    proc = subprocess.run(argv, env=env, preexec_fn=preexec, cwd=box.root, capture_output=True,
                          timeout=600)
    if proc.returncode != 0:
        raise RuntimeError("tshark %s failed (%d):\n%s" % (" ".join(args), proc.returncode,
                                                           proc.stderr.decode(errors="replace")))
    return proc.stdout.decode("utf-8", errors="replace"), proc.stderr.decode("utf-8", errors="replace")


def parallel(jobs, workers=None):
    """Run callables concurrently (tshark runs are single-threaded)."""
    workers = workers or max(2, os.cpu_count() or 2)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda job: job(), jobs))


def c_only_names():
    """The fields and expert infos lua-compat/README.md lists as the C
    plugin's alone (the section "What only the C plugin does")."""
    import re
    with open(README, encoding="utf-8") as f:
        text = f.read()
    start = text.index("## What only the C plugin does")
    end = text.find("\n## ", start + 1)
    section = text[start:end if end > 0 else len(text)]
    return set(re.findall(r"`(pexip\.[a-z0-9_.]+)`", section))
