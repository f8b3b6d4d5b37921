#!/usr/bin/python3
"""Take the screenshots of docs/screenshots/ from the real Wireshark GUI
(run by tools/screenshots, which builds and installs what is needed).

Each shot is one entry of SHOTS: a capture, Wireshark's command-line
arguments, the window to photograph (a regular expression on its title),
its size, and a few keyboard and mouse actions (xdotool) to bring the
window into shape. Adding a shot is adding an entry.
"""
import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
import tsharkrun  # noqa: E402  (the unprivileged user and its set-up)

OUT = os.path.join(ROOT, "docs", "screenshots")
SCREEN = (1600, 1000)


class Shot:
    def __init__(self, name, caption, capture, args, window, size, actions=()):
        self.name = name            # docs/screenshots/<name>.png
        self.caption = caption      # what it must show (README, lab guide)
        self.capture = capture      # in test-captures/
        self.args = args            # more Wireshark arguments
        self.window = window        # regular expression on the window title
        self.size = size            # (width, height) of that window
        self.actions = actions      # ("key", "ctrl+shift+r"), ("click", x, y),
                                    # ("drag", x, y, to_x, to_y), ("focus",), ("wait", s)


SHOTS = [
    Shot("packet-list",
         "The packet list with the profile Pexip: the Call, Kind, Direction, Port class "
         "and Findings columns, signalling, BFCP and media tinted, the floor grant that "
         "no content followed in orange, and the filter buttons",
         "content-missing.pcap", ["-g", "3", "-o", "gui.layout_content_2:NONE"],
         r"^content-missing\.pcap$", (1500, 700),
         # View > Resize Columns, so that every column shows its values whole
         [("focus",), ("key", "ctrl+shift+r"), ("wait", 1)]),
    Shot("pexip-tree",
         "A BFCP floor grant with its Pexip tree expanded: service and peer, the call and "
         "the stream it belongs to, the floor status and the expert info "
         "pexip.media.content_missing",
         "content-missing.pcap", ["-g", "8", "-o", "gui.layout_type:4"],
         r"^content-missing\.pcap$", (1500, 900),
         # frame 8 in the list (left), then in the details pane (right) the
         # sixth top-level item, the Pexip tree (Frame, Ethernet, IP, TCP,
         # BFCP, Pexip): expand it all
         [("click", 300, 242), ("click", 900, 187), ("key", "shift+Right"), ("wait", 1)]),
    Shot("expert-info",
         "Analyze > Expert Information on a call through a SIP ALG: the Pexip warning "
         "(a partial rewrite) and note (media from an unannounced address), each with "
         "its frame",
         "alg-partial-rewrite.pcap", ["-z", "expert"], r"Expert Information", (1500, 300),
         # widen the Summary column (drag its right edge), open both groups
         # (then the second group's frame is selected, so both groups keep their colour)
         [("drag", 540, 22, 1060, 22), ("click", 300, 41), ("key", "Right"), ("key", "Down"),
          ("key", "Down"), ("key", "Right"), ("key", "Down"), ("wait", 1)]),
    Shot("pexip-calls",
         "Statistics > Pexip calls on a capture from both sides of an H.323 ALG: each call "
         "with its service and peer, what was dialled, its frames, streams, verdict and "
         "findings",
         "alg-h323-rewritten.pcap", ["-z", "pexip,calls"], r"Pexip calls", (1500, 260),
         [("wait", 1)]),
]


def run(cmd, **kwargs):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kwargs)


class Display:
    """An Xvfb display of our own."""

    def __init__(self):
        self.number = next(n for n in range(90, 200)
                           if not os.path.exists("/tmp/.X11-unix/X%d" % n)
                           and not os.path.exists("/tmp/.X%d-lock" % n))
        self.name = ":%d" % self.number
        # -ac: Wireshark runs as another user (nobody); the display is local
        # only (-nolisten tcp) and lives as long as this command.
        self.proc = subprocess.Popen(
            ["Xvfb", self.name, "-screen", "0", "%dx%dx24" % SCREEN, "-nolisten", "tcp", "-ac"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            if os.path.exists("/tmp/.X11-unix/X%d" % self.number):
                return
            time.sleep(0.1)
        raise RuntimeError("Xvfb did not start on %s" % self.name)

    def xdotool(self, *args):
        return run(["xdotool"] + [str(a) for a in args],
                   env=dict(os.environ, DISPLAY=self.name)).stdout

    def close(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)


class Home:
    """A HOME where `cmake --install` put the plugin and the profile, and
    copies of the captures, all readable by the user Wireshark runs as."""

    def __init__(self, build):
        self.work = tempfile.mkdtemp(prefix="pexip-screenshots.")
        os.chmod(self.work, 0o755)
        self.box = tsharkrun.Sandbox(self.work, None, name="gui")
        env = {k: v for k, v in os.environ.items()
               if k not in ("WIRESHARK_CONFIG_DIR", "XDG_CONFIG_HOME")}
        env.update(HOME=self.box.home, XDG_CONFIG_HOME=os.path.join(self.box.home, ".config"))
        run(["cmake", "--install", build], env=env)
        self.captures = os.path.join(self.work, "captures")
        shutil.copytree(os.path.join(ROOT, "test-captures"), self.captures,
                        ignore=shutil.ignore_patterns("gen", "record"))
        self.runtime = os.path.join(self.box.home, "runtime")
        os.makedirs(self.runtime)
        for path, dirs, files in os.walk(self.work):
            os.chmod(path, 0o777 if path.startswith(self.box.home) else 0o755)
            for f in files:
                os.chmod(os.path.join(path, f), 0o644)
        if os.geteuid() == 0:
            os.chown(self.runtime, tsharkrun.NOBODY, tsharkrun.NOBODY)
        os.chmod(self.runtime, 0o700)

    def close(self):
        shutil.rmtree(self.work, ignore_errors=True)


def wait_for_window(display, pattern, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            ids = display.xdotool("search", "--onlyvisible", "--name", ".").split()
        except subprocess.CalledProcessError:
            ids = []
        for wid in ids:
            try:
                title = display.xdotool("getwindowname", wid).strip()
            except subprocess.CalledProcessError:
                continue
            if re.search(pattern, title):
                return wid
        time.sleep(0.5)
    raise RuntimeError("no window titled /%s/ within %d s" % (pattern, timeout))


def take(shot, display, home, dest):
    argv = ["wireshark", "-C", "Pexip", "-r", os.path.join(home.captures, shot.capture),
            "-o", "gui.layout_content_3:NONE"] + shot.args
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": home.box.home,
        "XDG_CONFIG_HOME": os.path.join(home.box.home, ".config"),
        "XDG_RUNTIME_DIR": home.runtime,
        "DISPLAY": display.name,
        "LANG": "C.UTF-8",
        "TZ": "UTC",
    }
    preexec = tsharkrun._drop_privileges if os.geteuid() == 0 else None
    log = open(os.path.join(home.work, shot.name + ".log"), "w")
    proc = subprocess.Popen(argv, env=env, preexec_fn=preexec, cwd=home.work,
                            stdout=log, stderr=subprocess.STDOUT)
    try:
        wid = wait_for_window(display, shot.window)
        time.sleep(3)                       # the capture read and drawn
        display.xdotool("windowmove", wid, 0, 0)
        display.xdotool("windowsize", wid, *shot.size)
        time.sleep(2)
        for action in shot.actions:
            if action[0] == "focus":
                display.xdotool("mousemove", "--window", wid, shot.size[0] // 2, 5)
                display.xdotool("windowfocus", "--sync", wid)
            elif action[0] == "key":
                display.xdotool("key", action[1])
            elif action[0] == "click":
                display.xdotool("mousemove", "--window", wid, action[1], action[2])
                display.xdotool("click", 1)
            elif action[0] == "drag":
                display.xdotool("mousemove", "--window", wid, action[1], action[2])
                display.xdotool("mousedown", 1)
                display.xdotool("mousemove", "--window", wid, action[3], action[4])
                display.xdotool("mouseup", 1)
            elif action[0] == "wait":
                time.sleep(action[1])
            else:
                raise ValueError("unknown action %r" % (action,))
            time.sleep(0.5)
        # No pointer over the window: no tooltip, no hover highlight.
        display.xdotool("mousemove", SCREEN[0] - 1, SCREEN[1] - 1)
        time.sleep(2)
        raw = os.path.join(home.work, shot.name + ".png")
        run(["import", "-window", wid, raw], env=dict(os.environ, DISPLAY=display.name))
        # 256 colours are plenty for a GUI and halve the file
        run(["convert", raw, "-strip", "-colors", "256", "PNG8:" + dest])
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--list", action="store_true", help="list the shots and their captions")
    parser.add_argument("names", nargs="*", help="only these shots")
    opts = parser.parse_args()
    if opts.list:
        for shot in SHOTS:
            print("%s.png (%s)\n    %s" % (shot.name, shot.capture, shot.caption))
        return 0
    unknown = set(opts.names) - {s.name for s in SHOTS}
    if unknown:
        parser.error("no such shot: %s" % ", ".join(sorted(unknown)))
    for tool in ("wireshark", "Xvfb", "xdotool", "import"):
        if shutil.which(tool) is None:
            print("error: %s not found (Debian: wireshark-qt, xvfb, xdotool, imagemagick)" % tool,
                  file=sys.stderr)
            return 1
    os.makedirs(OUT, exist_ok=True)
    home = Home(opts.build)
    display = Display()
    try:
        for shot in SHOTS:
            if opts.names and shot.name not in opts.names:
                continue
            dest = os.path.join(OUT, shot.name + ".png")
            take(shot, display, home, dest)
            print("%s (%d bytes): %s" % (os.path.relpath(dest, ROOT), os.path.getsize(dest),
                                         shot.caption))
    finally:
        display.close()
        home.close()
    print("Look at each picture before committing it: it must show what its caption says.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
