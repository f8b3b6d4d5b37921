#!/usr/bin/env python3
"""Write every generated test capture.

    python3 test-captures/gen/make_captures.py [OUTDIR]

OUTDIR defaults to test-captures/. The output is deterministic: running it
again gives byte-identical files (tests/test_captures_regenerate.py checks
that the committed captures are exactly what this script writes).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import foundation  # noqa: E402
import h323_calls  # noqa: E402
import alg_calls  # noqa: E402
import media_calls  # noqa: E402
import sip_calls  # noqa: E402
import proxy_calls  # noqa: E402
import nat_calls  # noqa: E402
import unanswered_calls  # noqa: E402

MODULES = [foundation, sip_calls, h323_calls, alg_calls, media_calls, proxy_calls, nat_calls,
           unanswered_calls]


def all_captures():
    captures = {}
    for module in MODULES:
        for name, build in module.CAPTURES.items():
            if name in captures:
                raise SystemExit("capture %s defined twice" % name)
            captures[name] = build
    return captures


def main(argv):
    outdir = argv[1] if len(argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    os.makedirs(outdir, exist_ok=True)
    for name, build in sorted(all_captures().items()):
        build().write(os.path.join(outdir, name))
        print("wrote", os.path.join(outdir, name))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
