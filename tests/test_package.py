"""The Debian package (`cpack -G DEB`, tools/package): its file name, its
control fields and its contents, exactly; and the plugin in it loads and
works. (Installing it with dpkg -i is tested elsewhere, in a chroot.)"""
import os
import re
import shutil
import subprocess
import tempfile

import pytest

import tsharkrun
from conftest import BUILD, ROOT, WIRESHARK

NAME = "pexip-wireshark-plugin"
DOC = "usr/share/doc/" + NAME


def out(cmd, **kwargs):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kwargs).stdout


def project_version():
    with open(os.path.join(ROOT, "CMakeLists.txt")) as f:
        return re.search(r"project\(pexip-wireshark VERSION ([0-9.]+)", f.read()).group(1)


def wireshark_dependency():
    """"libwireshark16 (= 4.0.17-0+deb12u3)": the package of the libwireshark
    the built plugin is linked with (ldd), at its installed version."""
    plugin = tsharkrun.built_plugin(BUILD)
    lib = re.search(r"libwireshark\.so\.\S+ => (\S+)", out(["ldd", plugin])).group(1)
    owner = None
    for path in (lib, os.path.realpath(lib)):
        proc = subprocess.run(["dpkg-query", "-S", path], capture_output=True, text=True)
        if proc.returncode == 0:
            owner = proc.stdout.split(": ")[0]
            break
    assert owner, "no Debian package holds %s" % lib
    version = out(["dpkg-query", "-W", "-f=${Version}", owner])
    return "%s (= %s)" % (owner.split(":")[0], version)


@pytest.fixture(scope="module")
def deb():
    work = tempfile.mkdtemp(prefix="pexip-deb.")
    os.chmod(work, 0o755)
    try:
        out(["cpack", "-G", "DEB", "--config", os.path.join(BUILD, "CPackConfig.cmake"),
             "-B", work])
        debs = [f for f in os.listdir(work) if f.endswith(".deb")]
        assert len(debs) == 1, debs
        yield work, os.path.join(work, debs[0])
    finally:
        shutil.rmtree(work, ignore_errors=True)


def test_file_name(deb):
    arch = out(["dpkg", "--print-architecture"]).strip()
    assert os.path.basename(deb[1]) == "%s_%s_%s.deb" % (NAME, project_version(), arch)


def test_control_fields(deb):
    fields = dict(re.findall(r"^([A-Za-z-]+): (.*)$", out(["dpkg-deb", "-f", deb[1]]), re.M))
    size = fields.pop("Installed-Size")
    assert int(size) > 0
    assert fields == {
        "Package": NAME,
        "Version": project_version(),
        "Architecture": out(["dpkg", "--print-architecture"]).strip(),
        "Maintainer": "Pexip service plugin maintainers <root@localhost>",
        "Depends": wireshark_dependency(),
        "Recommends": "tshark | wireshark-qt, python3",
        "Section": "net",
        "Priority": "optional",
        "Description": "Wireshark plugin to triage calls with the Pexip Service",
    }
    # Debian 12 here: the dependency is the exact library of this Wireshark.
    assert re.fullmatch(r"libwireshark\d+ \(= %s\.\d+-\S+\)" % re.escape(WIRESHARK), fields["Depends"])


def global_plugin_dir():
    folders = out(["tshark", "-G", "folders"])
    return re.search(r"^Global Plugins:\s*(\S+)", folders, re.M).group(1)


def expected_files():
    """{path in the package: mode}"""
    files = {global_plugin_dir().lstrip("/") + "/epan/pexip.so": "-rw-r--r--"}
    for f in sorted(os.listdir(os.path.join(ROOT, "profiles", "Pexip"))):
        files["usr/share/wireshark/profiles/Pexip/" + f] = "-rw-r--r--"
    for f in ("README.md", "copyright", "pexip-wireshark-profile.zip", "docs/fields.md"):
        files["%s/%s" % (DOC, f)] = "-rw-r--r--"
    for folder, ext in (("labs", ".md"), ("screenshots", ".png")):
        for f in os.listdir(os.path.join(ROOT, "docs", folder)):
            if f.endswith(ext):
                files["%s/docs/%s/%s" % (DOC, folder, f)] = "-rw-r--r--"
    # Installed once other work adds them (the Lua fallback, issue 13's tool).
    if os.path.exists(os.path.join(ROOT, "lua-compat", "pexip.lua")):
        files["usr/share/%s/lua/pexip.lua" % NAME] = "-rw-r--r--"
    if os.path.exists(os.path.join(ROOT, "tools", "pexip-triage")):
        files["usr/bin/pexip-triage"] = "-rwxr-xr-x"
    return files


def test_contents(deb):
    listing = out(["dpkg-deb", "-c", deb[1]]).splitlines()
    files, dirs = {}, set()
    for line in listing:
        mode, owner = line.split()[:2]
        path = line.split()[-1]
        assert path.startswith("./"), line
        assert owner == "root/root", line
        if mode.startswith("d"):
            assert mode == "drwxr-xr-x", line
            dirs.add(path[2:].rstrip("/"))
        else:
            files[path[2:]] = mode
    assert files == expected_files()
    # No directory of its own beyond those its files need.
    needed = {os.path.dirname(f) for f in files}
    needed |= {p for d in list(needed) for p in
               ["/".join(d.split("/")[:i]) for i in range(1, d.count("/") + 1)]}
    assert dirs == needed


def test_files_are_the_sources(deb):
    work, path = deb
    tree = os.path.join(work, "tree")
    out(["dpkg-deb", "-x", path, tree])
    pairs = [("usr/share/wireshark/profiles/Pexip/" + f, "profiles/Pexip/" + f)
             for f in os.listdir(os.path.join(ROOT, "profiles", "Pexip"))]
    pairs += [(DOC + "/README.md", "README.md"), (DOC + "/docs/fields.md", "docs/fields.md"),
              (DOC + "/copyright", "packaging/copyright")]
    pairs += [("%s/docs/labs/%s" % (DOC, f), "docs/labs/" + f)
              for f in os.listdir(os.path.join(ROOT, "docs", "labs"))]
    for packaged, source in pairs:
        with open(os.path.join(tree, packaged), "rb") as a, \
                open(os.path.join(ROOT, source), "rb") as b:
            assert a.read() == b.read(), packaged
    with open(os.path.join(tree, DOC, "pexip-wireshark-profile.zip"), "rb") as a, \
            open(os.path.join(BUILD, "pexip-wireshark-profile.zip"), "rb") as b:
        assert a.read() == b.read()


def test_packaged_plugin_loads_and_works(deb):
    # The stripped plugin from the package, loaded by tshark (as nobody,
    # from a plugin folder of its own) on a bundled capture.
    work, path = deb
    tree = os.path.join(work, "tree-plugin")
    out(["dpkg-deb", "-x", path, tree])
    plugin = os.path.join(tree, global_plugin_dir().lstrip("/"), "epan", "pexip.so")
    box = tsharkrun.Sandbox(work, plugin, name="packaged")
    capture = os.path.join(box.root, "sip-basic.pcap")
    shutil.copy(os.path.join(ROOT, "test-captures", "sip-basic.pcap"), capture)
    os.chmod(capture, 0o644)
    _, plugins, _ = box.run(["-G", "plugins"])
    assert [line.split("\t")[-1] for line in plugins.splitlines()
            if line.startswith("pexip.so")] == [os.path.join(box.plugin_dir, WIRESHARK, "epan",
                                                              "pexip.so")]
    args = ["-r", capture, "-2", "-Y", "pexip", "-T", "fields", "-e", "frame.number",
            "-e", "pexip.call", "-e", "pexip.media.kind", "-e", "pexip.finding"]
    _, packaged, _ = box.run(args)
    built = tsharkrun.Sandbox(work, tsharkrun.built_plugin(BUILD), name="built")
    _, expected, _ = built.run(args)
    assert packaged == expected and len(packaged.splitlines()) > 5


def test_cmake_install_leaves_the_package_files_out():
    # `cmake --install` (personal) installs the plugin and the profile into
    # HOME, and nothing of the package's layout (which would land under the
    # install prefix).
    work = tempfile.mkdtemp(prefix="pexip-install-only.")
    try:
        env = {k: v for k, v in os.environ.items()
               if k not in ("WIRESHARK_CONFIG_DIR", "XDG_CONFIG_HOME", "DESTDIR")}
        env.update(HOME=os.path.join(work, "home"))
        out(["cmake", "--install", BUILD, "--prefix", os.path.join(work, "prefix")], env=env)
        installed = sorted(os.path.relpath(os.path.join(p, f), work)
                           for p, _, fs in os.walk(work) for f in fs)
        assert installed == ["home/.config/wireshark/profiles/Pexip/" + f
                             for f in sorted(os.listdir(os.path.join(ROOT, "profiles", "Pexip")))] \
            + ["home/.local/bin/pexip-triage",
               "home/.local/lib/wireshark/plugins/%s/epan/pexip.so" % WIRESHARK]
    finally:
        shutil.rmtree(work, ignore_errors=True)
