#!/usr/bin/env python3
"""Where the plugin's memory per call goes: its heap at tshark's peak, by
the plugin function (and source line) that allocated it.

    bench/memory_sites.py [--build build] [--packets 30000] [--top 25]
                          [--profile signalling|dense]

Runs `tshark -r CAPTURE -Y frame` on the signalling profile (the budget's
memory capture, shorter) under valgrind's massif, bare and with the
plugin, and prints:
- the peak heap of each run, and the difference per call;
- the plugin's own share of the peak, by the innermost plugin frame of
  each allocation (`store_stream (pexip-calls.c:429)`), in bytes per call.

Two things make massif's answer usable here:
- every wmem allocator becomes the "simple" one
  (WIRESHARK_DEBUG_WMEM_OVERRIDE=simple): each wmem allocation is its own
  malloc, so massif sees who asked for it rather than the block
  allocator's 8 MB blocks. The heap figures are therefore the requested
  bytes, without the block allocator's (small) overhead: peak RSS in the
  budget is a little higher;
- tshark unloads its plugins before it exits, and massif names stack
  frames only then: a preloaded one-line library makes dlclose() keep
  them mapped, so the plugin's frames keep their names.

Takes about a minute. Needs valgrind and a C compiler (for that library).
As root, tshark runs as nobody (see tests/README.md).
"""
import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests"))
sys.path.insert(0, HERE)
import tsharkrun  # noqa: E402
import costs  # noqa: E402

KEEP_MAPPED = "int dlclose(void *handle) { (void)handle; return 0; }\n"
NODE = re.compile(r"^( *)n(\d+): (\d+) (.*)$")


def peak_tree(path):
    """(heap bytes, tree lines) of the peak snapshot of a massif file."""
    with open(path) as f:
        lines = f.read().split("\n")
    heap = None
    for i, line in enumerate(lines):
        if line.startswith("mem_heap_B="):
            heap = int(line.split("=", 1)[1])
        if line == "heap_tree=peak":
            return heap, lines[i + 1:]
    raise SystemExit("%s: massif wrote no peak snapshot" % path)


def is_plugin_frame(what):
    return "pexip.so" in what or re.search(r"\((packet-)?pexip[-\w]*\.[ch]:\d+\)", what)


def bookkeeping(path):
    """Whether an allocation (its frames from the allocating function up)
    is the simple allocator's own list of its blocks: grown by a realloc
    inside wmem_simple_alloc, charged to whoever allocated next."""
    return (len(path) >= 3 and "g_realloc" in path[0] and "libwsutil" in path[1] and
            "wmem_realloc" not in path[2] and "wmem_realloc" not in path[1])


def site_name(what, tree, i):
    """function (file:line); an inlined function's line with the function
    that called it (the first caller with a name, further down the tree)."""
    name = re.sub(r"^0x[0-9A-F]+: ", "", what).replace(".lto_priv.0", "")
    if not name.startswith("UnknownInlinedFun"):
        return name
    for line in tree[i + 1:i + 8]:
        m = NODE.match(line)
        caller = m and re.search(r": (\w+)(?:\.lto_priv\.0)? \(", m.group(4))
        if caller and caller.group(1) != "UnknownInlinedFun":
            return name.replace("UnknownInlinedFun", "(in %s)" % caller.group(1))
    return name


def plugin_sites(tree):
    """Bytes by the innermost plugin frame of each allocation."""
    sites = collections.Counter()
    path = []               # the frames above the current node
    skip = None             # depth below which the nodes are counted already
    for i, line in enumerate(tree):
        m = NODE.match(line)
        if not m:
            break
        depth, size, what = len(m.group(1)), int(m.group(3)), m.group(4)
        if skip is not None and depth > skip:
            continue
        skip = None
        path = path[:depth - 1] + [what] if depth > 0 else []
        if depth > 0 and is_plugin_frame(what):
            skip = depth
            if not bookkeeping(path):
                sites[site_name(what, tree, i)] += size
    return sites


def massif(box, capture_path, out, preload):
    argv, env, preexec = box.command(["-r", capture_path, "-Y", "frame"])
    env["WIRESHARK_DEBUG_WMEM_OVERRIDE"] = "simple"
    env["LD_PRELOAD"] = preload
    cmd = ["valgrind", "--tool=massif", "--depth=40", "--threshold=0.01",
           "--max-snapshots=60", "--detailed-freq=2", "--massif-out-file=" + out] + argv
    proc = subprocess.run(cmd, env=env, preexec_fn=preexec, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE)
    if proc.returncode != 0:
        raise SystemExit("valgrind failed:\n" + proc.stderr.decode(errors="replace")[-2000:])
    return peak_tree(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default=os.path.join(os.path.dirname(HERE), "build"))
    parser.add_argument("--packets", type=int, default=30000)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--profile", choices=["signalling", "dense"], default="signalling")
    args = parser.parse_args()
    for tool in ("valgrind", "cc"):
        if shutil.which(tool) is None:
            raise SystemExit("%s is not installed (apt-get install valgrind gcc)" % tool)
    plugin = tsharkrun.built_plugin(args.build)
    work = tempfile.mkdtemp(prefix="pexip-massif.")
    os.chmod(work, 0o755)
    try:
        source = os.path.join(work, "keep-mapped.c")
        preload = os.path.join(work, "keep-mapped.so")
        with open(source, "w") as f:
            f.write(KEEP_MAPPED)
        subprocess.check_call(["cc", "-shared", "-fPIC", "-o", preload, source])
        os.chmod(preload, 0o755)
        path, calls = costs.capture(args.build, args.profile, args.packets)
        path = costs._readable(work, path)
        outs = os.path.join(work, "out")    # written by tshark's user
        os.makedirs(outs)
        os.chmod(outs, 0o777)
        bare_heap, _ = massif(tsharkrun.Sandbox(work, None, name="bare"), path,
                              os.path.join(outs, "bare.massif"), preload)
        heap, tree = massif(tsharkrun.Sandbox(work, plugin), path,
                            os.path.join(outs, "plugin.massif"), preload)
        sites = plugin_sites(tree)
        own = sum(sites.values())
        print("%s, %d packets, %d calls, -Y frame, wmem allocations one by one" %
              (args.profile, args.packets, calls))
        print("peak heap: bare %.1f MB, plugin %.1f MB: %+.0f bytes per call" %
              (bare_heap / 1e6, heap / 1e6, (heap - bare_heap) / calls))
        print("of which the plugin's own allocations: %.0f bytes per call "
              "(the rest is Wireshark's own: what it does differently with the plugin loaded)" %
              (own / calls))
        print()
        print("| bytes per call | allocated in |")
        print("|---:|---|")
        for site, size in sites.most_common(args.top):
            print("| %.0f | %s |" % (size / calls, site))
        rest = own - sum(size for _, size in sites.most_common(args.top))
        if rest:
            print("| %.0f | (%d more sites) |" % (rest / calls, len(sites) - args.top))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
