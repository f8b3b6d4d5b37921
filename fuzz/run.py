#!/usr/bin/env python3
"""Run the libFuzzer harnesses of fuzz/ for a fixed time each.

    fuzz/run.py --build BUILD/fuzz [--seconds 3] [HARNESS...]
    fuzz/run.py --build BUILD/fuzz --seconds 600 --corpus DIR   (a campaign)

Each harness (fuzz-<name> in BUILD/fuzz) first runs every input of its
seed corpus (fuzz/corpus/<name>/) and of its regressions
(fuzz/regressions/<name>/: inputs that once crashed it), then mutates them
for the rest of its time. New inputs go to --corpus DIR/<name> (kept, so a
campaign goes on where the last one stopped) or, without --corpus, to a
temporary folder. A crash, a sanitizer report, a timeout (-timeout) or
running out of memory (-rss_limit_mb) fails the run: the input is kept in
--keep (default: BUILD/fuzz-failures/) with the command that reproduces it.

Prints one line per harness: executions, executions per second, coverage
(libFuzzer's cov: edges, ft: features) and corpus size; --summary FILE
writes the same as a Markdown table.

    fuzz/run.py --skip "why"     print why the fuzzers do not run; exit 77
                                 (what ctest counts as skipped)

Exit status: 0 when no harness failed.
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SKIPPED = 77


def harnesses(build):
    found = sorted(p for p in glob.glob(os.path.join(build, "fuzz-*"))
                   if os.path.isfile(p) and os.access(p, os.X_OK))
    return {os.path.basename(p): p for p in found}


def stats(log):
    """What libFuzzer said of its run."""
    out = {}
    m = re.search(r"stat::number_of_executed_units:\s*(\d+)", log)
    out["runs"] = int(m.group(1)) if m else 0
    m = re.search(r"stat::average_exec_per_sec:\s*(\d+)", log)
    out["per_sec"] = int(m.group(1)) if m else 0
    m = re.search(r"stat::peak_rss_mb:\s*(\d+)", log)
    out["rss_mb"] = int(m.group(1)) if m else 0
    # The last status line: "#N <event> cov: C ft: F corp: U/S ..."
    lines = re.findall(r"^#\d+\s+\w+\s+cov: (\d+) ft: (\d+) corp: (\d+)/", log, re.M)
    if lines:
        out["cov"], out["ft"], out["corpus"] = (int(x) for x in lines[-1])
    else:
        out["cov"] = out["ft"] = out["corpus"] = 0
    m = re.search(r"INITED cov: (\d+) ft: (\d+)", log)
    out["seed_cov"] = int(m.group(1)) if m else 0
    return out


def run_one(name, program, seconds, corpus, keep, extra):
    os.makedirs(corpus, exist_ok=True)
    os.makedirs(keep, exist_ok=True)
    inputs = [corpus]
    for folder in (os.path.join(HERE, "corpus", name), os.path.join(HERE, "regressions", name)):
        if os.path.isdir(folder) and os.listdir(folder):
            inputs.append(folder)
    prefix = os.path.join(keep, name + "-")
    argv = [program, "-max_total_time=%d" % seconds, "-timeout=10", "-rss_limit_mb=2048",
            "-print_final_stats=1", "-artifact_prefix=" + prefix] + list(extra) + inputs
    # The harness's own sanitizer settings, not those of a sanitized test
    # run around it (tests/CMakeLists.txt sets log_path there).
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=1", UBSAN_OPTIONS="print_stacktrace=1",
               WIRESHARK_DEBUG_WMEM_OVERRIDE="simple", G_SLICE="always-malloc")
    env.pop("LSAN_OPTIONS", None)
    before = set(glob.glob(prefix + "*"))
    start = time.time()
    proc = subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          errors="replace", timeout=seconds * 3 + 120)
    took = time.time() - start
    result = stats(proc.stdout)
    result.update(name=name, seconds=took, rc=proc.returncode, log=proc.stdout,
                  artifacts=sorted(set(glob.glob(prefix + "*")) - before), argv=argv)
    return result


def line(r):
    return ("%-15s %10d runs %8d/s  cov %5d (seeds %5d)  ft %6d  corpus %5d  rss %4d MB  %s"
            % (r["name"], r["runs"], r["per_sec"], r["cov"], r["seed_cov"], r["ft"],
               r["corpus"], r["rss_mb"], "ok" if r["rc"] == 0 else "FAILED (%d)" % r["rc"]))


def outcome(r):
    if r["rc"] == 0:
        return "clean"
    kept = ", ".join(os.path.basename(a) for a in r["artifacts"])
    return "**failed** (exit %d%s)" % (r["rc"], "; " + kept if kept else "")


def markdown(results):
    rows = ["| harness | seconds | executions | per second | coverage (seeds → end) | "
            "features | corpus | peak RSS | result |",
            "|---|---:|---:|---:|---|---:|---:|---:|---|"]
    for r in results:
        rows.append("| %s | %.0f | %d | %d | %d → %d | %d | %d | %d MB | %s |"
                    % (r["name"], r["seconds"], r["runs"], r["per_sec"], r["seed_cov"], r["cov"],
                       r["ft"], r["corpus"], r["rss_mb"], outcome(r)))
    return "\n".join(rows) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("harness", nargs="*", help="harnesses to run (default: all), e.g. fuzz-sdp")
    parser.add_argument("--build", help="the folder of the fuzz-* programs (BUILD/fuzz)")
    parser.add_argument("--seconds", type=int, default=3, help="time per harness (default 3)")
    parser.add_argument("--corpus", help="keep new inputs in DIR/<harness> (default: thrown away)")
    parser.add_argument("--keep", help="where failing inputs go (default: BUILD/../fuzz-failures)")
    parser.add_argument("--summary", help="write the results as a Markdown table to FILE")
    parser.add_argument("--skip", metavar="WHY", help="say why the fuzzers are not run; exit 77")
    parser.add_argument("--libfuzzer", action="append", default=[], metavar="FLAG",
                        help="an extra libFuzzer flag, e.g. --libfuzzer=-jobs=2")
    opts = parser.parse_args()
    if opts.skip:
        print("SKIPPED: libFuzzer harnesses not run: %s" % opts.skip)
        return SKIPPED
    if not opts.build:
        parser.error("--build is needed")
    found = harnesses(opts.build)
    if not found:
        print("error: no fuzz-* program in %s: build with -DPEXIP_FUZZ=ON" % opts.build)
        return 1
    names = opts.harness or sorted(found)
    unknown = [n for n in names if n not in found]
    if unknown:
        print("error: unknown harness %s (known: %s)" % (", ".join(unknown), ", ".join(found)))
        return 1
    keep = opts.keep or os.path.join(os.path.dirname(os.path.abspath(opts.build)), "fuzz-failures")
    work = None if opts.corpus else tempfile.mkdtemp(prefix="pexip-fuzz-corpus.")
    results = []
    try:
        for name in names:
            corpus = os.path.join(opts.corpus or work, name)
            r = run_one(name, found[name], opts.seconds, corpus, keep, opts.libfuzzer)
            results.append(r)
            print(line(r), flush=True)
            if r["rc"] != 0:
                tail = r["log"].splitlines()[-40:]
                print("\n".join("    " + t for t in tail))
                for a in r["artifacts"]:
                    print("    kept %s; reproduce: %s %s" % (a, found[name], a))
    finally:
        if work:
            shutil.rmtree(work, ignore_errors=True)
    total = sum(r["runs"] for r in results)
    failed = [r["name"] for r in results if r["rc"] != 0]
    print("%d harnesses, %d executions in %.0f s: %s" % (
        len(results), total, sum(r["seconds"] for r in results),
        "no failure" if not failed else "FAILED: " + ", ".join(failed)))
    if opts.summary:
        with open(opts.summary, "w") as f:
            f.write(markdown(results))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
