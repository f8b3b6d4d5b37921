#!/usr/bin/env python3
"""The sanitizer reports of a sanitized build's test run (PEXIP_SANITIZE).

    reports.py --clear DIR    empty DIR, writable by all (tshark runs as nobody)
    reports.py DIR            print every report in DIR; exit 1 if there is one

Every program the tests start (tshark through tests/sanitize/tshark.in,
the unit tests) writes its AddressSanitizer, LeakSanitizer and
UndefinedBehaviorSanitizer reports into DIR (log_path), not to a stderr
that a test may read and throw away: so no report goes unseen, whatever
the test did with the program's output.
"""
import os
import shutil
import sys


def clear(folder):
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    os.chmod(folder, 0o1777)
    return 0


def check(folder):
    found = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
    for name in found:
        with open(os.path.join(folder, name), errors="replace") as f:
            print("==== %s\n%s" % (name, f.read()))
    if found:
        print("%d sanitizer report(s) in %s" % (len(found), folder))
        return 1
    print("no sanitizer report in %s" % folder)
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--clear":
        sys.exit(clear(sys.argv[2]))
    if len(sys.argv) == 2:
        sys.exit(check(sys.argv[1]))
    sys.exit(__doc__)
