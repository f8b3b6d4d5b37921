#!/usr/bin/env python3
"""Overhead of the Pexip plugin against bare tshark, in one run.

    bench/bench.py [--build build] [--packets 1000000] [--runs 5]
                   [--profile media|signalling] [--capture FILE]
                   [--tshark-args "-r"] [--lua]
    bench/bench.py --budget [--callgrind] [--slice 30000]
                   [--memory-packets 300000] [--growth]

--budget prints the cost budget of issue 16 in one run (see
bench/README.md): peak RSS with -Y frame on the signalling profile (bare
and with the plugin, bytes per call; --growth adds 250k, 500k and 1M
packets) and on 150k packets of the dense profile (the issue's shape,
10,000 calls) and, with --callgrind, the instruction counts on 30k-packet
slices of both profiles (bare and plugin, `-r` and `-Y frame`, and the
plugin disabled), start-up subtracted, with a fixed random sequence
(costs.FIXED_RANDOM). Takes about 40 minutes with --callgrind.

Generates (once, cached under the build folder) a capture of at least
--packets packets, then runs `tshark -r CAPTURE` with no plugins and with
only this plugin, alternating, --runs times each. Prints the CPU time
(user+sys of the tshark process, from wait4) and peak RSS of every run,
and the median overhead ratio. CPU time rather than wall time: it is far
less disturbed by whatever else the machine is doing.

As root, tshark runs as nobody (root ignores personal plugins; see
tests/README.md).
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests"))

import tsharkrun  # noqa: E402
import costs  # noqa: E402


def run_once(argv, env, preexec):
    with open(os.devnull, "wb") as devnull:
        proc = subprocess.Popen(argv, env=env, stdout=devnull, stderr=subprocess.PIPE,
                                preexec_fn=preexec)
        _, status, usage = os.wait4(proc.pid, 0)
        err = proc.stderr.read().decode(errors="replace")
        proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit("tshark failed: %s\n%s" % (" ".join(argv), err))
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--packets", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", choices=["media", "signalling"], default="media")
    parser.add_argument("--capture", help="use this capture instead of generating one")
    parser.add_argument("--tshark-args", default="", help="extra tshark arguments for both runs")
    parser.add_argument("--lua", action="store_true",
                        help="the Lua fallback (lua-compat/pexip.lua) instead of the C plugin")
    parser.add_argument("--budget", action="store_true", help="print the cost budget's table")
    parser.add_argument("--callgrind", action="store_true", help="with --budget: instruction counts too")
    parser.add_argument("--slice", type=int, default=30000, help="packets of the callgrind slices")
    parser.add_argument("--memory-packets", type=int, default=300000,
                        help="packets of the signalling capture for peak RSS")
    parser.add_argument("--growth", action="store_true",
                        help="with --budget: peak RSS at 250k, 500k and 1M packets too")
    args = parser.parse_args()
    if args.budget and args.lua:
        parser.error("--budget measures the C plugin; --lua is for the plain comparison")

    plugin = None if args.lua else tsharkrun.built_plugin(args.build)
    if args.budget:
        return budget(args, plugin)
    work = tempfile.mkdtemp(prefix="pexip-bench.")
    os.chmod(work, 0o755)
    try:
        if args.capture:
            capture = os.path.join(work, os.path.basename(args.capture))
            shutil.copy(args.capture, capture)
        else:
            cache = os.path.join(args.build, "bench-%s-%d.pcap" % (args.profile, args.packets))
            if not os.path.exists(cache):
                subprocess.check_call([sys.executable, os.path.join(HERE, "make_bench_capture.py"), cache,
                                       "--packets", str(args.packets), "--profile", args.profile])
            capture = os.path.join(work, os.path.basename(cache))
            shutil.copy(cache, capture)
        os.chmod(capture, 0o644)

        if args.lua:
            import luarun
            with_plugin = luarun.LuaSandbox(work, None, name="lua")
        else:
            with_plugin = tsharkrun.Sandbox(work, plugin)
        bare = tsharkrun.Sandbox(work, None, name="bare")
        extra = args.tshark_args.split()
        results = {"bare": [], "plugin": []}
        for i in range(args.runs):
            for label, box in (("bare", bare), ("plugin", with_plugin)):
                argv, env, preexec = box.command(["-r", capture] + extra)
                cpu, rss = run_once(argv, env, preexec)
                results[label].append((cpu, rss))
                print("run %d %-6s cpu %.3f s  peak rss %d MiB" % (i + 1, label, cpu, rss // 1024), flush=True)

        med = {k: statistics.median(c for c, _ in v) for k, v in results.items()}
        rss = {k: max(r for _, r in v) for k, v in results.items()}
        ratio = med["plugin"] / med["bare"]
        print()
        print("capture: %s (%s profile)%s" % (os.path.basename(capture), args.profile,
                                              ", Lua fallback" if args.lua else ""))
        print("median cpu: bare %.3f s, plugin %.3f s" % (med["bare"], med["plugin"]))
        print("peak rss:   bare %d MiB, plugin %d MiB" % (rss["bare"] // 1024, rss["plugin"] // 1024))
        print("overhead ratio (median plugin / median bare): %.3f (%+.1f%%)" % (ratio, (ratio - 1) * 100))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def budget(args, plugin):
    work = tempfile.mkdtemp(prefix="pexip-budget.")
    os.chmod(work, 0o755)

    def log(text):
        print(text, flush=True)
    try:
        with_plugin = tsharkrun.Sandbox(work, plugin)
        bare = tsharkrun.Sandbox(work, None, name="bare")
        rows = []
        if args.callgrind:
            irows, _, _ = costs.instruction_rows(args.build, work, bare, with_plugin, args.slice, log)
            rows += irows
        sizes = [args.memory_packets] + ([250000, 500000, 1000000] if args.growth else [])
        mrows, _ = costs.memory_rows(args.build, work, bare, with_plugin, sizes, log)
        rows += mrows
        costs.print_table(rows)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
