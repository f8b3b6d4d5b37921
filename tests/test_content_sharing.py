"""Content sharing added mid-call: the re-INVITE's content m-line and BFCP,
BFCP dissected because SDP announced it, the floor state, content RTP
(issue 3). Capture: test-captures/gen/sip_calls.py content_sharing()."""
from conftest import WS

CAPTURE = "sip-content.pcap"
CALL = "content@198.51.100.10"
FIELDS = ["pexip.call", "pexip.media.kind", "pexip.media.setup_frame", "pexip.media.stream",
          "pexip.bfcp.floor_status"]


def sig(frame):
    return [frame, "1", "", "", "", ""]


def media(frame, kind, setup, stream, floor=""):
    return [frame, "1", kind, str(setup), str(stream), floor]


EXPECTED = [
    sig(1), sig(2), sig(3),
    media(4, "audio", 2, 1), media(5, "audio", 1, 1), media(6, "video", 2, 2), media(7, "video", 1, 2),
    sig(8), sig(9), sig(10),     # re-INVITE adding content (m-line 2) and BFCP (m-line 3)
    # the BFCP connection to the service's announced 33010: handshake and messages
    media(11, "bfcp", 9, 4), media(12, "bfcp", 9, 4), media(13, "bfcp", 9, 4),
    media(14, "bfcp", 9, 4),                   # FloorRequest: no status
    media(15, "bfcp", 9, 4, "pending"),
    media(16, "bfcp", 9, 4, "granted"),
    media(17, "content", 9, 3), media(18, "content", 9, 3),
    # the re-INVITE's answer announced the audio unchanged: still the
    # stream set up in frame 2 (one stream, one record)
    media(19, "audio", 2, 1),
    media(20, "bfcp", 9, 4),                   # FloorRelease
    media(21, "bfcp", 9, 4, "released"),
    sig(22), sig(23),
]


def test_content_call_frame_by_frame(tshark):
    assert tshark.fields(CAPTURE, FIELDS) == EXPECTED
    assert tshark.fields(CAPTURE, FIELDS, two_pass=True) == EXPECTED


def test_bfcp_is_dissected_because_sdp_announced_it(tshark):
    assert tshark.frames(CAPTURE, "bfcp") == [14, 15, 16, 20, 21]
    assert tshark.frames(CAPTURE, "bfcp.primitive == 4 && bfcp.request_status == 3") == [16]
    # Without the plugin Wireshark 4.0 leaves it as TCP data.
    assert tshark.frames(CAPTURE, "bfcp", bare=True) == []


def test_bfcp_connection_is_port_class_bfcp(tshark):
    # 33010 is in the service's TCP range (h245 by port), but the SDP said BFCP:
    # the handshake and every segment of that connection are bfcp.
    assert tshark.frames(CAPTURE, 'pexip.port_class == "bfcp"') == [11, 12, 13, 14, 15, 16, 20, 21]
    assert tshark.frames(CAPTURE, 'pexip.port_class == "h245"') == []


def test_floor_status_filters(tshark):
    assert tshark.frames(CAPTURE, 'pexip.bfcp.floor_status == "granted"') == [16]
    assert tshark.frames(CAPTURE, "pexip.bfcp.floor_status") == [15, 16, 21]


def test_answer_shows_the_content_and_bfcp_streams(tshark):
    rows = tshark.fields(CAPTURE, ["pexip.announced.stream", "pexip.announced.kind",
                                   "pexip.announced.port", "pexip.announced.transport",
                                   "pexip.announced.packets_to", "pexip.announced.packets_from"],
                         two_pass=True, display_filter="frame.number in {8, 9}")
    assert rows == [
        # the SBC's offer: audio and video as in its INVITE (frame 1), so the
        # same streams, counted over the call: audio got 5 and sent 4 and 19,
        # video got 7 and sent 6; content sent 17, 18; BFCP port 9
        # (a=setup:active: it connects out) receives nothing
        [8, "1,2,3,4", "audio,video,content,bfcp", "20000,20002,20004,9",
         "RTP/AVP,RTP/AVP,RTP/AVP,TCP/BFCP", "1,1,0,0", "2,1,2,0"],
        # the service's answer: audio and video as in its 200 (2): audio got 4
        # and 19 and sent 5, video got 6 and sent 7; content got 17 and 18;
        # BFCP 33010 got the SBC's handshake and messages (11, 13, 14, 20)
        # and sent 12, 15, 16, 21
        [9, "1,2,3,4", "audio,video,content,bfcp", "40000,40002,40004,33010",
         "RTP/AVP,RTP/AVP,RTP/AVP,TCP/BFCP", "2,1,2,4", "1,1,0,4"],
    ]


def test_content_capture_dissects_cleanly(tshark):
    assert tshark.frames(CAPTURE, "_ws.malformed || _ws.expert.severity >= warning") == []


def test_udp_bfcp_is_set_up_both_ways(tshark):
    # UDP/BFCP: each side announced its own port, so messages to the SBC's
    # 20006 link to its offer (8), to the service's 33010 to the answer (9).
    capture = "sip-content-udp.pcap"
    rows = tshark.fields(capture, FIELDS, display_filter="frame.number >= 11 && frame.number <= 18")
    assert rows == [
        media(11, "bfcp", 9, 4),                  # FloorRequest to the service
        media(12, "bfcp", 8, 4, "pending"),
        media(13, "bfcp", 8, 4, "granted"),
        media(14, "content", 9, 3), media(15, "content", 9, 3),
        media(16, "audio", 2, 1),                 # announced unchanged since frame 2
        media(17, "bfcp", 9, 4),                  # FloorRelease
        media(18, "bfcp", 8, 4, "released"),
    ]
    assert tshark.frames(capture, "bfcp") == [11, 12, 13, 17, 18]
    # Wireshark 4.4 and later set UDP BFCP up from the SDP themselves.
    assert tshark.frames(capture, "bfcp", bare=True) == \
        ([11, 12, 13, 17, 18] if WS.sets_up_udp_bfcp else [])
    assert tshark.frames(capture, "_ws.malformed || _ws.expert.severity >= warning") == []
