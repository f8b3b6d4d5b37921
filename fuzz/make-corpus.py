#!/usr/bin/env python3
"""Write the fuzzers' seed corpora (fuzz/corpus/<harness>/) from the test
captures and the unit tests.

    fuzz/make-corpus.py            rewrite fuzz/corpus/
    fuzz/make-corpus.py --check    exit 1 if fuzz/corpus/ is not what it writes

Each seed is what the plugin hands that parser in the tests: Wireshark
(tshark -T json -x, without the plugin) reads every capture of
test-captures/ and gives the SIP messages, SDP bodies, SIP URIs,
certificates, proxy header values, CONNECT targets, H.225.0 aliases, DNS names and ICMP
quotes; the unit tests' string literals (tests/unit/test-<module>.c), the
certificates of test-captures/gen/certs/ and the built-in ranges
(plugin/classify/service_ranges.csv) are added. A seed's file name is its
SHA-1, as libFuzzer names inputs, so a seed is kept once.

The corpora are committed (they are small, and the smoke test then needs
no tshark run to start); run this after changing the captures or the
unit tests, and commit the result.
"""
import argparse
import ast
import glob
import hashlib
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CAPTURES = os.path.join(ROOT, "test-captures")
UNIT = os.path.join(ROOT, "tests", "unit")
CORPUS = os.path.join(HERE, "corpus")
DEFAULT_SUFFIXES = "pexip.me, vmr.vc, vp.vc, videxio.net, pexip.com, download.vmr.vc"

# Seeds longer than this are left out (libFuzzer's default -max_len is
# derived from the corpus; a few kilobytes covers every SDP and certificate).
MAX_SEED = 8192

# Which unit tests' strings seed which harness.
UNIT_STRINGS = {
    "fuzz-sdp": ["test-sdp.c", "test-detect-sip.c"],
    "fuzz-sip-uri": ["test-sip-uri.c"],
    "fuzz-sip-message": ["test-sip-message.c"],
    "fuzz-http": ["test-http.c", "test-detect-proxy.c"],
    "fuzz-dialling": ["test-dialling.c", "test-calls.c"],
    "fuzz-ranges": ["test-ranges.c"],
    "fuzz-dns": ["test-dns.c", "test-cert.c"],
}


def walk(node, found):
    """Every (key, value) of tshark's JSON, duplicate keys included
    (node: what json.loads gives with object_pairs_hook=list)."""
    if isinstance(node, list):
        for item in node:
            if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str):
                found.append(item)
                walk(item[1], found)
            else:
                walk(item, found)


def pairs(obj):
    return [tuple(p) for p in obj]


def tshark_fields(capture):
    """(key, value) pairs of every packet of a capture, and the sip
    layers' own pairs (for Content-Length with its body)."""
    args = ["tshark", "-n", "-r", capture, "-T", "json", "-x", "--disable-protocol", "pexip"]
    keys = os.path.splitext(capture)[0] + ".keys"
    if os.path.exists(keys):
        args += ["-o", "tls.keylog_file:" + keys]
    proc = subprocess.run(args, capture_output=True, text=True, env=dict(os.environ, LANG="C.UTF-8"))
    if proc.returncode != 0:
        # --disable-protocol names a protocol that is not loaded (no plugin
        # installed for root): fine, read without it.
        args.remove("--disable-protocol")
        args.remove("pexip")
        proc = subprocess.run(args, capture_output=True, text=True, check=True,
                              env=dict(os.environ, LANG="C.UTF-8"))
    packets = json.loads(proc.stdout or "[]", object_pairs_hook=pairs)
    found, sip_layers = [], []
    for packet in packets:
        one = []
        walk(packet if isinstance(packet, list) else [packet], one)
        found += one
        for key, value in one:
            if key == "sip" and isinstance(value, list):
                layer = []
                walk(value, layer)
                sip_layers.append(layer)
    return found, sip_layers


def raw(value):
    """Bytes of a *_raw value: [hex, position, length, bitmask, type], or a
    list of those (a field that occurs more than once)."""
    if isinstance(value, list) and value and isinstance(value[0], str):
        return [bytes.fromhex(value[0])]
    if isinstance(value, list):
        return [b for v in value for b in raw(v)]
    return []


def texts(value):
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [t for v in value for t in texts(v)]
    return []


def c_strings(path):
    """The string literals of a C file, adjacent ones joined."""
    with open(path, encoding="utf-8") as f:
        source = f.read()
    source = re.sub(r"/\*.*?\*/", " ", source, flags=re.S)
    source = re.sub(r"^\s*#.*$", " ", source, flags=re.M)
    literal = r'"(?:[^"\\\n]|\\.)*"'
    out = []
    for run in re.finditer(r"(?:%s\s*)+" % literal, source):
        parts = re.findall(literal, run.group(0))
        try:
            text = b"".join(ast.literal_eval("b" + p) for p in parts)
        except (ValueError, SyntaxError):
            continue
        out.append(text)
    return out


# fuzz-h323's input (fuzz/fuzz-h323.c): where-selectors of its places.
H323_WHERE = {"h245Address": 0, "sourceCallSignalAddress": 1, "destCallSignalAddress": 2}
H323_FIELDS = ["ip.src", "ip.dst", "h225.h245Ip", "h225.h245IpPort", "h225.ipV4", "h225.ipV4_port"]


def h323_copy(src, dst, places):
    """One copy as fuzz-h323 reads it: IPv4 ends, then (where, address, port) places."""
    out = bytes(src) + bytes(12) + bytes(dst) + bytes(12) + bytes([len(places)])
    for where, addr, port in places:
        out += bytes([where, 0]) + struct.pack(">H", port) + bytes(addr) + bytes(12)
    return out


def h323_seeds(capture):
    """Each H.225.0 message of a capture with the transport addresses it
    embeds, compared with itself and with a NAT-rewritten twin (source and
    first address changed, as an ALG does)."""
    proc = subprocess.run(["tshark", "-n", "-r", capture, "-Y", "h225", "-T", "fields",
                           "-E", "occurrence=a"] + sum((["-e", f] for f in H323_FIELDS), []),
                          capture_output=True, text=True, env=dict(os.environ, LANG="C.UTF-8"))
    out = set()
    for row in proc.stdout.splitlines():
        cols = (row.split("\t") + [""] * 6)[:6]
        try:
            src, dst = (bytes(int(x) for x in c.split(".")) for c in cols[:2])
            places = []
            if cols[2] and cols[3]:
                places.append((0, bytes(int(x) for x in cols[2].split(".")), int(cols[3])))
            ips = [c for c in cols[4].split(",") if c]
            ports = [c for c in cols[5].split(",") if c]
            for where, (ip, port) in enumerate(zip(ips, ports), start=1):
                places.append((where, bytes(int(x) for x in ip.split(".")), int(port)))
        except ValueError:
            continue
        if len(src) != 4 or len(dst) != 4 or not places:
            continue
        copy = h323_copy(src, dst, places[:8])
        out.add(b"\x00" + copy + copy)
        nat = bytes([203, 0, 113, 1])
        rewritten = [(places[0][0], nat, places[0][2])] + places[1:8]
        out.add(b"\x00" + copy + h323_copy(nat, dst, rewritten))
    return out


def collect():
    seeds = {name: set() for name in ["fuzz-sdp", "fuzz-sip-uri", "fuzz-cert", "fuzz-http",
                                      "fuzz-dialling", "fuzz-ranges", "fuzz-dns", "fuzz-icmp",
                                      "fuzz-sip-body", "fuzz-h323", "fuzz-calls",
                                      "fuzz-sip-message"]}
    names = set()
    for capture in sorted(glob.glob(os.path.join(CAPTURES, "*.pcap"))):
        found, sip_layers = tshark_fields(capture)
        for key, value in found:
            if key == "sdp_raw":
                seeds["fuzz-sdp"].update(raw(value))
            elif key == "sip_raw":
                # one whole SIP message, body included
                seeds["fuzz-sip-message"].update(raw(value))
            elif key in ("sip.contact.uri", "sip.r_uri", "sip.from.uri", "sip.to.uri"):
                for t in texts(value):
                    seeds["fuzz-sip-uri"].add(t.encode())
                    seeds["fuzz-dialling"].add(t.encode())
            elif key == "tls.handshake.certificate_raw":
                seeds["fuzz-cert"].update(raw(value))
            elif key in ("http.proxy_authenticate", "http.proxy_authorization",
                         "http.request.uri", "sip.Proxy-Authenticate", "sip.WWW-Authenticate"):
                seeds["fuzz-http"].update(t.encode() for t in texts(value))
            elif key in ("h225.dialedDigits", "h225.h323_ID", "h225.url_ID", "h225.email_ID"):
                seeds["fuzz-dialling"].update(t.encode() for t in texts(value))
            elif key in ("dns.qry.name", "dns.resp.name", "tls.handshake.extensions_server_name",
                         "x509sat.uTF8String", "x509sat.printableString", "x509ce.dNSName"):
                names.update(texts(value))
            elif key in ("icmp_raw", "icmpv6_raw"):
                seeds["fuzz-icmp"].update(b[8:] for b in raw(value) if len(b) > 8)
        for layer in sip_layers:
            lengths = [int(t) for k, v in layer if k == "sip.Content-Length" for t in texts(v)
                       if t.isdigit()]
            bodies = [b for k, v in layer if k == "sdp_raw" for b in raw(v)]
            for length, body in zip(lengths, bodies):
                seeds["fuzz-sip-body"].add(struct.pack(">H", min(length, 0xffff)) + body)

    for capture in sorted(glob.glob(os.path.join(CAPTURES, "*.pcap"))):
        seeds["fuzz-h323"].update(h323_seeds(capture))

    for name in sorted(names):
        seeds["fuzz-dns"].add((DEFAULT_SUFFIXES + "\n" + name).encode())
        seeds["fuzz-dns"].add(("*." + name + "\n" + name).encode())
    seeds["fuzz-dns"].add(DEFAULT_SUFFIXES.encode())
    for der in sorted(glob.glob(os.path.join(CAPTURES, "gen", "certs", "*.der"))):
        with open(der, "rb") as f:
            seeds["fuzz-cert"].add(f.read())
    with open(os.path.join(ROOT, "plugin", "classify", "service_ranges.csv"), "rb") as f:
        csv = f.read()
    seeds["fuzz-ranges"].add(csv)
    seeds["fuzz-ranges"].update(line for line in csv.splitlines() if line.strip())
    for harness, files in UNIT_STRINGS.items():
        for name in files:
            path = os.path.join(UNIT, name)
            if os.path.exists(path):
                seeds[harness].update(s for s in c_strings(path) if s)
    # The unit tests' SDP bodies as bodies with their own length, one
    # byte short and one byte long.
    for body in c_strings(os.path.join(UNIT, "test-detect-sip.c")) + \
            c_strings(os.path.join(UNIT, "test-sdp.c")):
        if body.startswith(b"v=0") or b"\nm=" in body:
            for length in (len(body), len(body) - 1, len(body) + 1):
                seeds["fuzz-sip-body"].add(struct.pack(">H", max(length, 0)) + body)
    for digits in (b"1234#", b"*87654321#", b"12#34#", b"#"):
        seeds["fuzz-dialling"].add(digits)
    # fuzz-calls (fuzz/fuzz-calls.c): a SIP call whose INVITE and re-INVITE
    # carry each SDP body of the captures, a floor grant, a fork, and media
    # to the first m-line's port.
    for body in seeds["fuzz-sdp"]:
        if not body.startswith(b"v=0") or b"\xff" in body:
            continue
        port = re.search(rb"^m=\w+ (\d+)", body, re.M)
        media = struct.pack(">BBH", 5, 0, int(port.group(1)) & 0xffff) if port else b""
        seeds["fuzz-calls"].add(b"\x00\x01\x01\x00" + b"\x01" + body + b"\xff" +
                                b"\x00\x01\x01\x03" + b"\x01" + body + b"\xff" +
                                b"\x03" + b"\x00\x01\x01\x05" + media)
    # ...and one that reaches each cap of fuzz/CMakeLists.txt's small ones:
    # 5 forks of one call, 30 calls, 30 one-line SDPs and 6 floor grants.
    caps = b"".join(b"\x00" + bytes([0, 1, 2 * i + 1]) for i in range(5))
    caps += b"".join(b"\x00" + bytes([i, 1, 0]) for i in range(1, 31))
    caps += b"".join(b"\x01v=0\r\nc=IN IP4 198.51.100.1\r\nm=audio %d RTP/AVP 0\r\n\xff"
                     % (5000 + 2 * i) for i in range(30))
    caps += b"\x03" * 6
    seeds["fuzz-calls"].add(caps)
    return {h: sorted(s for s in v if 0 < len(s) <= MAX_SEED) for h, v in seeds.items()}


def write(folder, seeds):
    for harness, items in seeds.items():
        out = os.path.join(folder, harness)
        os.makedirs(out, exist_ok=True)
        for item in items:
            with open(os.path.join(out, hashlib.sha1(item).hexdigest()), "wb") as f:
                f.write(item)


def listing(folder):
    result = {}
    for path in sorted(glob.glob(os.path.join(folder, "*", "*"))):
        with open(path, "rb") as f:
            result[os.path.relpath(path, folder)] = f.read()
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true",
                        help="compare with fuzz/corpus/ instead of writing it")
    opts = parser.parse_args()
    if shutil.which("tshark") is None:
        sys.exit("make-corpus.py needs tshark (apt-get install tshark)")
    seeds = collect()
    if opts.check:
        work = tempfile.mkdtemp(prefix="pexip-corpus.")
        try:
            write(work, seeds)
            same = listing(work) == listing(CORPUS)
        finally:
            shutil.rmtree(work)
        print("fuzz/corpus/ is %s" % ("up to date" if same else
                                      "NOT what fuzz/make-corpus.py writes: run it"))
        return 0 if same else 1
    shutil.rmtree(CORPUS, ignore_errors=True)
    write(CORPUS, seeds)
    for harness, items in sorted(seeds.items()):
        print("%-15s %4d seeds, %6d bytes" % (harness, len(items), sum(map(len, items))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
