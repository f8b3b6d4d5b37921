"""SIP over TLS (issue 3): undecrypted, the connection is tagged, carries
one note that signalling is encrypted and links nothing; with the keys,
linking works as for plain SIP.

Capture: test-captures/sip-tls.pcap, a real TLS 1.3 session recorded by
test-captures/record/record_sip_tls.py (keys in sip-tls.keys). Layout: 1-3
TCP handshake, 4-6 TLS handshake, 7+8 the INVITE across two segments, 9 100
Trying + 200 OK in one segment, 10 ACK, 11-34 RTP/RTCP (see below), 35 BYE,
36 200 OK, 37-41 close."""
from conftest import WS

CAPTURE = "sip-tls.pcap"
CALL_ID = "tls-call@198.51.100.10"


def keys(tshark):
    return ["tls.keylog_file:" + tshark.capture("sip-tls.keys")]


def media_rows():
    """11-22 and 27-34: rounds of audio to the service, audio to the SBC,
    video to the service, video to the SBC; 23-26 RTCP in the same order.
    To the service: announced by the 200 OK (9); to the SBC: by the INVITE (8)."""
    frames = list(range(11, 35))
    kinds = ["audio", "audio", "video", "video"]
    return [[f, "1", CALL_ID, kinds[(f - 11) % 4], "9" if f % 2 else "8"] for f in frames]


FIELDS = ["pexip.call", "pexip.call_id", "pexip.media.kind", "pexip.media.setup_frame"]
SIGNALLING = [[f, "1", CALL_ID, "", ""] for f in (8, 9, 10)]
BYE = [[f, "1", CALL_ID, "", ""] for f in (35, 36)]


def test_undecrypted_tls_is_tagged_with_one_note_and_links_nothing(tshark):
    assert tshark.frames(CAPTURE, "pexip.service") == list(range(1, 42))
    # the TLS connection to the service's 5061
    tls = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 35, 36, 37, 38, 39, 40, 41]
    assert tshark.frames(CAPTURE, 'pexip.port_class == "sip-tls"') == tls
    # one note, on the first frame of the connection with unreadable data
    assert tshark.frames(CAPTURE, "pexip.sip.encrypted") == [5]
    assert tshark.frames(CAPTURE, "pexip.call") == []
    assert tshark.fields(CAPTURE, FIELDS) == []
    _, out, _ = tshark.run(["-r", tshark.capture(CAPTURE), "-q", "-z", "expert"])
    assert out.count("SIP over TLS that Wireshark cannot decrypt") == 1


def test_note_is_the_same_on_a_second_pass(tshark):
    _, out, _ = tshark.run(["-r", tshark.capture(CAPTURE), "-2", "-Y", "pexip.sip.encrypted",
                            "-T", "fields", "-e", "frame.number"])
    assert out.split() == ["5"]


def test_decrypted_tls_links_like_plain_sip(tshark):
    expected = SIGNALLING + media_rows() + BYE
    assert tshark.fields(CAPTURE, FIELDS, options=keys(tshark)) == expected
    assert tshark.fields(CAPTURE, FIELDS, options=keys(tshark), two_pass=True) == expected
    assert tshark.frames(CAPTURE, "pexip.sip.encrypted", options=keys(tshark)) == []


def test_decrypted_linking_agrees_with_wireshark(tshark):
    rows = tshark.fields(CAPTURE, ["rtp.setup-frame", "pexip.media.setup_frame"],
                         options=keys(tshark), display_filter="rtp")
    # RTP to the SBC: announced by the INVITE (8); to the service: by the
    # 200 OK (9). Wireshark 4.0 says so too; 4.4 and later give the offer's
    # frame for what the answer announced (WS.rtp_setup_frame_of_answer_over_tcp).
    answer = "9" if WS.rtp_setup_frame_of_answer_over_tcp == "answer" else "8"
    rtp = [f for f in range(11, 35) if f not in (23, 24, 25, 26)]
    assert rows == [[f, answer, "9"] if f % 2 else [f, "8", "8"] for f in rtp]


def test_tls_capture_dissects_cleanly(tshark):
    for options in ([], keys(tshark)):
        assert tshark.frames(CAPTURE, "_ws.malformed || _ws.expert.severity >= warning",
                             options=options) == []
