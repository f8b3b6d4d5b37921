"""The figures of the cost budget (issue 16), for bench.py.

Instruction counts come from callgrind (load-independent): whole runs on
slices of the bench captures, minus a 10-packet run (start-up). Peak RSS
comes from wait4 on runs with `-Y frame`.
"""
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def capture(build, profile, packets):
    """(path, calls) of a generated capture, cached under build/."""
    path = os.path.join(build, "bench-%s-%d.pcap" % (profile, packets))
    calls_file = path + ".calls"
    if not (os.path.exists(path) and os.path.exists(calls_file)):
        out = subprocess.check_output([sys.executable, os.path.join(HERE, "make_bench_capture.py"), path,
                                       "--packets", str(packets), "--profile", profile]).decode()
        calls = int(out.strip().rsplit(" ", 2)[-2])
        with open(calls_file, "w") as f:
            f.write("%d\n" % calls)
    with open(calls_file) as f:
        return path, int(f.read())


# wmem's hash maps (Wireshark's and so the plugin's tables' too) mix their
# hashes with seeds drawn from g_random_int() at start-up, so the same run
# took a different number of instructions each time: bare tshark's -Y frame
# run on the media slice measured 3.291 and 3.299 G, 2.421 to 2.437 G in
# another session (up to 0.65%), as much as the plugin's margin under its
# budget. A g_random_int() with a fixed sequence, preloaded into every
# callgrind run (bare and plugin alike), makes them repeat: 3.281012 and
# 3.281006 G. It is one layout of the hash tables among many, the same for
# both sides of each comparison.
FIXED_RANDOM = r"""
static unsigned int state = 2463534242u;
unsigned int g_random_int(void)
{
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
}
"""


def fixed_random(work):
    """A preloadable library with that g_random_int() (built with cc in
    work, once), or None without a C compiler."""
    lib = os.path.join(work, "fixed-random.so")
    if os.path.exists(lib):
        return lib
    if shutil.which("cc") is None:
        return None
    source = os.path.join(work, "fixed-random.c")
    with open(source, "w") as f:
        f.write(FIXED_RANDOM)
    subprocess.check_call(["cc", "-shared", "-fPIC", "-O2", "-o", lib, source])
    os.chmod(lib, 0o755)
    return lib


def callgrind(box, work, capture_path, args):
    """Instructions of one whole tshark run under callgrind (with a fixed
    random sequence: FIXED_RANDOM)."""
    out = os.path.join(work, "callgrind.out")
    with open(out, "w"):
        pass
    os.chmod(out, 0o666)
    argv, env, preexec = box.command(["-r", capture_path] + list(args))
    preload = fixed_random(work)
    if preload:
        env["LD_PRELOAD"] = preload
    else:
        print("note: no C compiler (cc): instruction counts vary by up to 0.65% between runs",
              file=sys.stderr)
    argv = ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out] + argv
    proc = subprocess.run(argv, env=env, preexec_fn=preexec, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE)
    if proc.returncode != 0:
        raise SystemExit("callgrind run failed: %s\n%s" % (" ".join(argv), proc.stderr.decode()[-2000:]))
    with open(out) as f:
        for line in f:
            if line.startswith("summary:") or line.startswith("totals:"):
                return int(line.split()[1])
    raise SystemExit("no totals in " + out)


def peak_rss(box, capture_path, args):
    """Peak RSS in bytes of one tshark run."""
    argv, env, preexec = box.command(["-r", capture_path] + list(args))
    with open(os.devnull, "wb") as devnull:
        proc = subprocess.Popen(argv, env=env, stdout=devnull, stderr=subprocess.DEVNULL,
                                preexec_fn=preexec)
        _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit("tshark failed: " + " ".join(argv))
    return usage.ru_maxrss * 1024


def instruction_rows(build, work, bare, plugin, slice_packets, log):
    """The instruction rows of the budget table, as (run, figure text,
    target text, met) tuples, and the raw counts."""
    start_cap, _ = capture(build, "media", 10)
    start_cap = _readable(work, start_cap)
    startup = callgrind(bare, work, start_cap, [])
    log("start-up (10 packets, bare): %d" % startup)
    counts = {}
    rows = []
    for profile in ("media", "signalling"):
        path, _ = capture(build, profile, slice_packets)
        path = _readable(work, path)
        runs = {
            "bare -r": (bare, []),
            "bare -Y frame": (bare, ["-Y", "frame"]),
            "plugin -r": (plugin, []),
            "plugin -Y frame": (plugin, ["-Y", "frame"]),
            "plugin disabled -r": (plugin, ["--disable-protocol", "pexip"]),
        }
        c = {}
        for name, (box, args) in runs.items():
            c[name] = callgrind(box, work, path, args) - startup
            log("%s %s: %d (minus start-up)" % (profile, name, c[name]))
        counts[profile] = c
    m, s = counts["media"], counts["signalling"]

    def pct(a, b):
        return (a / b - 1) * 100

    for profile, c, target in (("media", m, 2.0), ("signalling-heavy", s, 5.0)):
        v = pct(c["plugin -Y frame"], c["bare -Y frame"])
        rows.append(("tree built anyway (-Y frame), %s" % profile, "%+.2f%% instructions" % v,
                     "at most +%.0f%%" % target, round(v, 2) <= target))
    own = {p: (c["plugin -r"] - c["bare -Y frame"]) / c["bare -r"] * 100 for p, c in (("media", m), ("signalling", s))}
    tree = {p: pct(c["bare -Y frame"], c["bare -r"]) for p, c in (("media", m), ("signalling", s))}
    rows.append(("plain tshark -r, the plugin's own share beyond the tree",
                 "media %+.1f points, signalling %+.1f points (the tree: %+.1f%% / %+.1f%%)"
                 % (own["media"], own["signalling"], tree["media"], tree["signalling"]),
                 "at most +2 points, both", max(own.values()) <= 2.0))
    dis = {p: pct(c["plugin disabled -r"], c["bare -r"]) for p, c in (("media", m), ("signalling", s))}
    rows.append(("--disable-protocol pexip", "media %+.2f%%, signalling %+.2f%%" % (dis["media"], dis["signalling"]),
                 "at most +0.5%", max(dis.values()) <= 0.5))
    return rows, counts, startup


def memory_rows(build, work, bare, plugin, sizes, log, dense_packets=150000):
    """Peak RSS with -Y frame on signalling captures of each size (the
    first size is the budget's row), and on a dense capture: the shape of
    the issue's row (15 packets a call, 20% SIP), where +5% is about 1.5 KB
    per call; 150,000 packets are 10,000 calls, the model's cap on calls
    (PEXIP_LIMIT_CALLS_MAX): beyond it calls stop being made, and bytes per
    call would fall for that reason alone."""
    rows = []
    growth = []

    def measure(profile, packets):
        path, calls = capture(build, profile, packets)
        path = _readable(work, path)
        b = peak_rss(bare, path, ["-Y", "frame"])
        p = peak_rss(plugin, path, ["-Y", "frame"])
        per_call = (p - b) / calls
        log("%s %d packets, %d calls: peak RSS bare %.1f MB, plugin %.1f MB, %+.0f bytes per call"
            % (profile, packets, calls, b / 1e6, p / 1e6, per_call))
        return packets, calls, b, p, per_call

    for packets in sizes:
        growth.append(measure("signalling", packets))
    dense = [measure("dense", dense_packets)] if dense_packets else []
    for profile, (packets, calls, b, p, per_call) in [("signalling-heavy", growth[0])] + \
            [("dense (the issue's shape)", d) for d in dense]:
        rows.append(("peak RSS, %s, %d packets (%d calls), -Y frame" % (profile, packets, calls),
                     "%.1f to %.1f MB (%+.1f%%, %.2f KB per call)"
                     % (b / 1e6, p / 1e6, (p / b - 1) * 100, per_call / 1000),
                     "at most +5%", p / b - 1 <= 0.05))
    return rows, growth


def _readable(work, path):
    """A world-readable copy in the work folder (tshark runs as nobody)."""
    dest = os.path.join(work, os.path.basename(path))
    if not os.path.exists(dest):
        with open(path, "rb") as src, open(dest, "wb") as dst:
            dst.write(src.read())
        os.chmod(dest, 0o644)
    return dest


def print_table(rows):
    print()
    print("| run | figure | target | met |")
    print("|---|---|---|---|")
    for run, figure, target, met in rows:
        print("| %s | %s | %s | %s |" % (run, figure, target, "yes" if met else "**no**"))
