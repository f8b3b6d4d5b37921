#!/usr/bin/python3
"""One end of a real H.323 call over real sockets, for record_kernel_alg.sh.

No H.323 stack is packaged for Debian, so both ends are this script: the
messages are the ones test-captures/gen/h323_calls.py encodes (aligned PER
by gen/per.py), sent over real TCP connections and UDP sockets, so a NAT
between the two ends (and the kernel's H.323 helper on it, if attached)
handles them like any other H.323 traffic.

  h323_peer.py service ADDRESS            the service (a conference node)
  h323_peer.py endpoint ADDRESS SERVICE   the customer's endpoint; calls SERVICE

The call (each side waits for what it expects before it answers, so the
order on the wire is fixed; only timing and TCP details vary):
  endpoint -> service TCP 1720 (from port 49400):
    Setup  h245Address ENDPOINT:5050, sourceCallSignalAddress ENDPOINT:49400,
           destCallSignalAddress SERVICE:1720, FastStart: audio G.711 to send
           (mediaControlChannel ENDPOINT:5005) and to receive (mediaChannel
           ENDPOINT:5004, mediaControlChannel ENDPOINT:5005)
    CallProceeding
    Connect h245Address SERVICE:33010, FastStart: the service's send
           channel (mediaChannel SERVICE:40020, mediaControlChannel
           SERVICE:40021) and the endpoint's receive proposal as received
  endpoint -> service TCP 33010 (from port 49401), H.245:
    TCS, TCSAck, TCS, TCSAck, MSD, MSDAck, MSDAck,
    OpenLogicalChannel 1 (H.264 video, mediaControlChannel ENDPOINT:5007),
    OpenLogicalChannelAck 1 (SERVICE:40022, SERVICE:40023),
    OpenLogicalChannel 101 (H.264 video, mediaControlChannel SERVICE:40023),
    OpenLogicalChannelAck 101 (ENDPOINT:5006, ENDPOINT:5007)
  media: 5 rounds of audio RTP both ways, video RTP both ways, then one
    RTCP sender report each way for audio; each side sends to the addresses
    the other side's messages named *as they arrived* (after any ALG), and
    skips a destination it has no route to (a private address seen from
    outside a NAT)
  EndSessionCommand both ways (H.245), ReleaseComplete (endpoint), close.

Extension-addition bitmaps: gen/h323_calls.py follows H.225.0 v7, whose
Setup-UUIE has 28 extension additions and Connect-UUIE 16. The Linux
kernel's H.323 helper decodes with tables that know 26 and 15, and reads
an open-type length for every bitmap position beyond those, present or
not: with v7's bitmaps it misreads the Connect, fails, and so never
follows the Connect's h245Address (seen on Linux 6.18: the H.245
connection got no helper and its OpenLogicalChannel(Ack)s went out
unrewritten). This script writes the bitmaps an encoder of that older
version writes (26 and 15 positions), as a device of that age would;
every addition it uses is among them.

Where the service learns the endpoint's addresses: it finds the message it
expects in the bytes it received, comparing every byte except those of
the addresses and ports (an ALG rewrites them in place; PER gives both a
fixed place), and reads them there.
"""
import os
import socket
import struct
import sys
import time

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "gen"))

from h323_calls import (Call, CONFERENCE_ID, PCMU, H264_IDR, end_session,  # noqa: E402
                        fast_start_olc, msd, msd_ack, open_logical_channel,
                        open_logical_channel_ack, rtcp_sender_report, tcs, tcs_ack, tpkt)
from pcapgen import rtp_packet  # noqa: E402

H225_PORT, H245_PORT = 1720, 33010
EP_SIGNAL_PORT, EP_H245_CONNECT_PORT, EP_H245_LISTEN_PORT = 49400, 49401, 5050
EP_AUDIO, EP_VIDEO = 5004, 5006                 # RTP; RTCP on + 1
NODE_AUDIO, NODE_VIDEO = 40020, 40022
SETUP_ADDITIONS, CONNECT_ADDITIONS = 26, 15    # see above
CALL_REF = 0x0909
GUID = bytes.fromhex("8a1b2c3d4e5f40718293a4b5c6d7e8f8")
ROUNDS = 5
TIMEOUT = 10


def log(*args):
    print(sys.argv[1], *args, flush=True)


# ---- finding a message whose addresses an ALG may have rewritten ---------------

def template(build, slots):
    """(fixed bytes, {slot: (address offsets, port offsets)}) of the message
    build(**values) makes, where each slot is an (address, port) argument."""
    low = {s: ("0.0.0.0", 0) for s in slots}
    base = build(**low)
    places = {}
    for s in slots:
        other = build(**dict(low, **{s: ("255.255.255.255", 0)}))
        addr = [i for i in range(len(base)) if base[i] != other[i]]
        other = build(**dict(low, **{s: ("0.0.0.0", 65535)}))
        port = [i for i in range(len(base)) if base[i] != other[i]]
        if len(other) != len(base) or len(addr) != 4 or len(port) != 2:
            raise RuntimeError("slot %s has no fixed place in the encoding" % s)
        places[s] = (addr, port)
    return base, places


def find(data, build, slots):
    """{slot: (address, port)} read from the first place in data where the
    message build() makes sits, every byte but the slots' equal."""
    base, places = template(build, slots)
    variable = {i for a, p in places.values() for i in a + p}
    for start in range(len(data) - len(base) + 1):
        if all(data[start + i] == base[i] for i in range(len(base)) if i not in variable):
            found = {}
            for s, (a, p) in places.items():
                address = socket.inet_ntoa(bytes(data[start + i] for i in a))
                port = struct.unpack("!H", bytes(data[start + i] for i in p))[0]
                found[s] = (address, port)
            return found, data[start:start + len(base)]
    raise RuntimeError("expected message not found in %d received bytes" % len(data))


# ---- TPKT over TCP ---------------------------------------------------------------

def send(sock, payload, what):
    sock.sendall(payload)
    log("sent", what)


def receive(sock, what):
    def exactly(n):
        data = b""
        while len(data) < n:
            chunk = sock.recv(n - len(data))
            if not chunk:
                raise RuntimeError("connection closed while waiting for " + what)
            data += chunk
        return data
    header = exactly(4)
    if header[0] != 3:
        raise RuntimeError("not TPKT while waiting for %s: %r" % (what, header))
    length = struct.unpack("!H", header[2:])[0]
    log("received", what)
    return header + exactly(length - 4)


def tcp_socket():
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)   # one message a segment
    sock.settimeout(TIMEOUT)
    return sock


def listener(address, port):
    sock = tcp_socket()
    sock.bind((address, port))
    sock.listen(1)
    return sock


def udp_socket(address, port):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((address, port))
    return sock


def send_media(sock, destination, payload, what):
    try:
        sock.sendto(payload, destination)
    except OSError as err:      # no route to a private address from outside
        log("could not send %s to %s:%d: %s" % (what, destination[0], destination[1], err))
        return False
    return True


# ---- the messages both sides build ----------------------------------------------

call = Call(CALL_REF, GUID, CONFERENCE_ID)


def receive_proposal(media, control):
    return fast_start_olc(2, "g711u", 1, control=control, media=media, receive=True)


def send_proposal(control):
    return fast_start_olc(1, "g711u", 1, control=control)


def olc_ack_101(media, control):
    return tpkt(open_logical_channel_ack(101, 2, media, control))


# ---- the two ends ------------------------------------------------------------------

def service(me):
    sig_listener = listener(me, H225_PORT)
    h245_listener = listener(me, H245_PORT)
    audio = udp_socket(me, NODE_AUDIO)
    audio_rtcp = udp_socket(me, NODE_AUDIO + 1)
    video = udp_socket(me, NODE_VIDEO)
    udp_socket(me, NODE_VIDEO + 1)
    log("ready")
    sig, peer = sig_listener.accept()
    sig.settimeout(TIMEOUT)
    log("call from %s:%d" % peer)
    setup = receive(sig, "Setup")
    # the endpoint's receive proposal, as it arrived: where to send audio
    ep_audio, proposal = find(setup, lambda media, control: receive_proposal(media, control),
                              ["media", "control"])
    log("endpoint audio at %s:%d, RTCP %s:%d" % (ep_audio["media"] + ep_audio["control"]))
    send(sig, call.call_proceeding(), "CallProceeding")
    accepted = [fast_start_olc(1, "g711u", 1, control=(me, NODE_AUDIO + 1), media=(me, NODE_AUDIO)),
                proposal]
    send(sig, call.connect(h245_address=(me, H245_PORT), fast_start=accepted,
                           additions=CONNECT_ADDITIONS), "Connect")

    h245, peer = h245_listener.accept()
    h245.settimeout(TIMEOUT)
    log("H.245 from %s:%d" % peer)
    receive(h245, "TCS")
    send(h245, tpkt(tcs_ack(1)), "TCSAck")
    send(h245, tpkt(tcs(1)), "TCS")
    receive(h245, "TCSAck")
    receive(h245, "MSD")
    send(h245, tpkt(msd_ack("slave")), "MSDAck")
    receive(h245, "MSDAck")
    receive(h245, "OLC 1")
    send(h245, tpkt(open_logical_channel_ack(1, 2, (me, NODE_VIDEO), (me, NODE_VIDEO + 1))),
         "OLCAck 1")
    send(h245, tpkt(open_logical_channel(101, "h264", 2, (me, NODE_VIDEO + 1), 97)), "OLC 101")
    ack = receive(h245, "OLCAck 101")
    ep_video, _ = find(ack, olc_ack_101, ["media", "control"])
    log("endpoint video at %s:%d, RTCP %s:%d" % (ep_video["media"] + ep_video["control"]))

    for seq in range(1, ROUNDS + 1):
        send_media(audio, ep_audio["media"], rtp_packet(seq, 160 * seq, 0x5A, 0, PCMU), "audio")
        send_media(video, ep_video["media"], rtp_packet(seq, 3000 * seq, 0x5B, 97, H264_IDR, True),
                   "video")
        time.sleep(0.02)
    send_media(audio_rtcp, ep_audio["control"], rtcp_sender_report(0x5A, 160 * ROUNDS, ROUNDS, 160 * ROUNDS),
               "audio RTCP")

    receive(h245, "EndSessionCommand")
    send(h245, tpkt(end_session()), "EndSessionCommand")
    receive(sig, "ReleaseComplete")
    h245.close()
    sig.close()
    log("done")


def endpoint(me, node):
    audio = udp_socket(me, EP_AUDIO)
    audio_rtcp = udp_socket(me, EP_AUDIO + 1)
    video = udp_socket(me, EP_VIDEO)
    udp_socket(me, EP_VIDEO + 1)
    h245_listener = listener(me, EP_H245_LISTEN_PORT)   # announced in the Setup; the service uses the Connect's
    sig = tcp_socket()
    sig.bind((me, EP_SIGNAL_PORT))
    sig.connect((node, H225_PORT))
    proposals = [send_proposal((me, EP_AUDIO + 1)), receive_proposal((me, EP_AUDIO), (me, EP_AUDIO + 1))]
    send(sig, call.setup(dest_aliases=[("h323-ID", "meet.alice@vmr.vc")], dest_signal=(node, H225_PORT),
                         source_aliases=[("h323-ID", "room50")], source_signal=(me, EP_SIGNAL_PORT),
                         fast_start=proposals, h245_address=(me, EP_H245_LISTEN_PORT),
                         additions=SETUP_ADDITIONS), "Setup")
    receive(sig, "CallProceeding")
    connect = receive(sig, "Connect")
    # the service's send channel, as it arrived: where to send audio
    node_audio, _ = find(connect, lambda media, control: fast_start_olc(
        1, "g711u", 1, control=control, media=media), ["media", "control"])

    h245 = tcp_socket()
    h245.bind((me, EP_H245_CONNECT_PORT))
    h245.connect((node, H245_PORT))
    send(h245, tpkt(tcs(1)), "TCS")
    receive(h245, "TCSAck")
    receive(h245, "TCS")
    send(h245, tpkt(tcs_ack(1)), "TCSAck")
    send(h245, tpkt(msd(50, 0x123456)), "MSD")
    receive(h245, "MSDAck")
    send(h245, tpkt(msd_ack("master")), "MSDAck")
    send(h245, tpkt(open_logical_channel(1, "h264", 2, (me, EP_VIDEO + 1), 97)), "OLC 1")
    ack = receive(h245, "OLCAck 1")
    node_video, _ = find(ack, lambda media, control: tpkt(open_logical_channel_ack(1, 2, media, control)),
                         ["media", "control"])
    receive(h245, "OLC 101")
    send(h245, olc_ack_101((me, EP_VIDEO), (me, EP_VIDEO + 1)), "OLCAck 101")

    for seq in range(1, ROUNDS + 1):
        send_media(audio, node_audio["media"], rtp_packet(seq, 160 * seq, 0xEA, 0, PCMU), "audio")
        send_media(video, node_video["media"], rtp_packet(seq, 3000 * seq, 0xEB, 97, H264_IDR, True),
                   "video")
        time.sleep(0.02)
    send_media(audio_rtcp, node_audio["control"], rtcp_sender_report(0xEA, 160 * ROUNDS, ROUNDS, 160 * ROUNDS),
               "audio RTCP")
    time.sleep(0.3)

    send(h245, tpkt(end_session()), "EndSessionCommand")
    receive(h245, "EndSessionCommand")
    send(sig, call.release_complete(True), "ReleaseComplete")
    time.sleep(0.2)
    h245.close()
    sig.close()
    h245_listener.close()
    log("done")


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "service":
        service(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "endpoint":
        endpoint(sys.argv[2], sys.argv[3])
    else:
        sys.exit("usage: h323_peer.py service ADDRESS | h323_peer.py endpoint ADDRESS SERVICE")


if __name__ == "__main__":
    main()
