#!/usr/bin/env python3
"""Instruction counts (callgrind) of bare tshark, the C plugin and the Lua fallback.

    bench/callgrind.py [--build build] [--profile media|signalling] [--packets 30000]
                       [--tshark-args "-Y frame"] [--only bare,c,lua] [--keep DIR]
                       [--lua-file FILE]

Writes (once, cached under BUILD/cg/) a --packets capture and a 10-packet
capture of the profile (make_bench_capture.py), runs `tshark -r CAPTURE`
under `valgrind --tool=callgrind` for each of: no plugin at all (bare),
the C plugin alone (c), the Lua fallback alone (lua, `-X lua_script:`),
on both captures, and prints the instructions of each run with the
10-packet run (start-up: loading dissectors, compiling the Lua) taken off,
and the ratio to bare. Instruction counts do not move with the machine's
load, unlike CPU times. --keep keeps the callgrind.out files, for
callgrind_annotate (where the time goes).

As root, tshark runs as nobody (root ignores personal plugins; see
tests/README.md), as in bench.py.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests"))

import luarun  # noqa: E402
import tsharkrun  # noqa: E402
sys.path.insert(0, HERE)
import costs  # noqa: E402


def capture(build, profile, packets):
    folder = os.path.join(build, "cg")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "%s-%d.pcap" % (profile, packets))
    if not os.path.exists(path):
        subprocess.run([sys.executable, os.path.join(HERE, "make_bench_capture.py"), path,
                        "--packets", str(packets), "--profile", profile], check=True)
    return path


def instructions(sandbox, pcap, extra, out_file):
    argv, env, preexec = sandbox.command(["-r", pcap] + extra)
    # the same fixed random sequence as the budget's runs (costs.FIXED_RANDOM)
    preload = costs.fixed_random(os.path.dirname(out_file))
    if preload:
        env["LD_PRELOAD"] = preload
    argv = ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out_file] + argv
    with open(os.devnull, "wb") as devnull:
        proc = subprocess.run(argv, env=env, preexec_fn=preexec, stdout=devnull,
                              stderr=subprocess.PIPE, cwd=os.path.dirname(out_file))
    if proc.returncode != 0:
        raise SystemExit("failed: %s\n%s" % (" ".join(argv), proc.stderr.decode(errors="replace")))
    with open(out_file, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith(("summary:", "totals:")):
                return int(line.split()[1])
    raise SystemExit("%s: no summary line" % out_file)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--profile", choices=["media", "signalling"], default="media")
    parser.add_argument("--packets", type=int, default=30000)
    parser.add_argument("--tshark-args", default="", help="extra tshark arguments for every run")
    parser.add_argument("--only", default="bare,c,lua", help="which runs (bare, c, lua)")
    parser.add_argument("--keep", help="keep the callgrind.out files in this folder")
    parser.add_argument("--lua-file", default=luarun.LUA,
                        help="the Lua file for the lua run (default: lua-compat/pexip.lua; a copy "
                             "cut short measures where the time goes)")
    args = parser.parse_args()

    big = capture(args.build, args.profile, args.packets)
    small = capture(args.build, args.profile, 10)
    work = tempfile.mkdtemp(prefix="pexip-callgrind.")
    os.chmod(work, 0o777)
    which = args.only.split(",")
    try:
        shutil.copy(big, os.path.join(work, "big.pcap"))
        shutil.copy(small, os.path.join(work, "small.pcap"))
        for name in ("big.pcap", "small.pcap"):
            os.chmod(os.path.join(work, name), 0o644)
        sandboxes = {
            "bare": lambda: tsharkrun.Sandbox(work, None, name="bare"),
            "c": lambda: tsharkrun.Sandbox(work, tsharkrun.built_plugin(args.build), name="c"),
            "lua": lambda: luarun.LuaSandbox(work, None, name="lua", lua=args.lua_file),
        }
        extra = args.tshark_args.split()
        counts = {}
        for name in which:
            box = sandboxes[name]()
            per = {}
            for size in ("small", "big"):
                out = os.path.join(work, "callgrind.out.%s.%s.%s" % (args.profile, name, size))
                per[size] = instructions(box, os.path.join(work, size + ".pcap"), extra, out)
            counts[name] = per
            print("%-5s %d packets: %.4f G, 10 packets: %.4f G, difference %.4f G"
                  % (name, args.packets, per["big"] / 1e9, per["small"] / 1e9,
                     (per["big"] - per["small"]) / 1e9), flush=True)
        print()
        print("%s profile, %d packets, `tshark -r%s`, instructions minus start-up:"
              % (args.profile, args.packets, (" " + args.tshark_args) if extra else ""))
        base = counts.get("bare")
        for name in which:
            net = counts[name]["big"] - counts[name]["small"]
            ratio = " (%.3fx bare)" % (net / (base["big"] - base["small"])) if base else ""
            print("  %-5s %.4f G%s" % (name, net / 1e9, ratio))
        if args.keep:
            os.makedirs(args.keep, exist_ok=True)
            for f in os.listdir(work):
                if f.startswith("callgrind.out."):
                    shutil.copy(os.path.join(work, f), args.keep)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
