"""SIP/SDP: every signalling and media packet of a call carries the call,
and media carries the m-line that announced its destination (issue 3).
Captures: test-captures/gen/sip_calls.py; the public FAX capture."""
import os

import pytest

from conftest import PUBLIC_CAPTURES, uat_row

CALL1, CALL2 = "call-one@198.51.100.10", "call-two@198.51.100.10"
FIELDS = ["pexip.call", "pexip.call_id", "pexip.signaling", "pexip.media.kind",
          "pexip.media.setup_frame", "pexip.media.mline", "pexip.media.stream"]


def sig(frame, call, call_id):
    return [frame, str(call), call_id, "SIP", "", "", "", ""]


def media(frame, call, call_id, kind, setup, mline):
    return [frame, str(call), call_id, "SIP", kind, str(setup), str(mline), str(mline + 1)]


EXPECTED = [
    sig(1, 1, CALL1), sig(2, 1, CALL1), sig(3, 1, CALL1),
    media(4, 1, CALL1, "audio", 2, 0),    # to the service's audio port, announced in the 200 OK
    media(5, 1, CALL1, "audio", 1, 0),    # to the SBC's, announced in the INVITE
    media(6, 1, CALL1, "video", 2, 1),
    media(7, 1, CALL1, "video", 1, 1),
    media(8, 1, CALL1, "audio", 2, 0),    # RTCP on port + 1
    # 9: RTP between two other hosts: nothing
    sig(10, 1, CALL1), sig(11, 1, CALL1),
    media(12, 1, CALL1, "audio", 10, 0),  # the re-INVITE's new port links to the re-INVITE
    media(13, 1, CALL1, "audio", 1, 0),
    sig(14, 1, CALL1), sig(15, 1, CALL1),
    sig(16, 2, CALL2), sig(17, 2, CALL2),
    media(18, 2, CALL2, "audio", 17, 0),  # the same ports as call 1: by time, call 2
    media(19, 2, CALL2, "audio", 16, 0),
    sig(20, 2, CALL2), sig(21, 2, CALL2),  # the service's UPDATE (From/To swapped) puts it on hold
    media(22, 2, CALL2, "audio", 20, 0),  # to the service's new port: the UPDATE
    media(23, 2, CALL2, "audio", 21, 0),  # to the SBC: its 200 OK re-announced 20000
]


def test_sip_call_and_media_linking(tshark):
    assert tshark.fields("sip-basic.pcap", FIELDS) == EXPECTED


def test_linking_is_the_same_on_a_second_pass(tshark):
    assert tshark.fields("sip-basic.pcap", FIELDS, two_pass=True) == EXPECTED


def test_filter_one_call(tshark):
    assert tshark.frames("sip-basic.pcap", "pexip.call == 2") == [16, 17, 18, 19, 20, 21, 22, 23]
    assert tshark.frames("sip-basic.pcap", 'pexip.media.kind == "video"') == [6, 7]


def test_hold_is_recorded_on_the_media_and_the_announcement(tshark):
    # The re-INVITE (10) puts the SBC's video on sendonly, the answer (11)
    # on recvonly; media keeps the direction of the m-line it links to.
    rows = tshark.fields("sip-basic.pcap", ["pexip.announced.direction"])
    assert rows == [[1, "sendrecv,sendrecv"], [2, "sendrecv,sendrecv"],
                    [10, "sendrecv,sendonly"], [11, "sendrecv,recvonly"],
                    [16, "sendrecv"], [17, "sendrecv"],
                    [20, "sendonly"], [21, "recvonly"]]
    assert tshark.frames("sip-basic.pcap", 'pexip.announced.direction == "sendonly"') == [10, 20]
    # call 2's UPDATE put the audio on hold: media after it says so
    rows = tshark.fields("sip-basic.pcap", ["pexip.media.direction"],
                         display_filter='pexip.media.direction != "sendrecv"')
    assert rows == [[22, "sendonly"], [23, "recvonly"]]


STREAM_FIELDS = ["pexip.announced.stream", "pexip.announced.kind", "pexip.announced.addr",
                 "pexip.announced.port", "pexip.announced.transport",
                 "pexip.announced.packets_to", "pexip.announced.bytes_to",
                 "pexip.announced.packets_from", "pexip.announced.bytes_from",
                 "pexip.announced.first_frame", "pexip.announced.last_frame"]


def test_signalling_shows_what_became_of_each_announced_stream(tshark):
    # RTP frames are 214 bytes (14+20+8+12+160), the RTCP frame 70 (14+20+8+28).
    rows = tshark.fields("sip-basic.pcap", STREAM_FIELDS, two_pass=True)
    assert rows == [
        # INVITE: SBC audio 20000 got 5 and 13, sent 4 and RTCP 8; video 20002 got 7, sent 6
        [1, "1,2", "audio,video", "198.51.100.10,198.51.100.10", "20000,20002", "RTP/AVP,RTP/AVP",
         "2,1", "428,214", "2,1", "284,214", "4,6", "13,7"],
        # 200 OK: the service's audio 40000 got 4 and RTCP 8, sent 5, 12 and 13
        # (the re-INVITE's answer announced it again unchanged: the same stream)
        [2, "1,2", "audio,video", "185.94.241.20,185.94.241.20", "40000,40002", "RTP/AVP,RTP/AVP",
         "2,1", "284,214", "3,1", "642,214", "4,6", "13,7"],
        # re-INVITE: the new audio port got 12; video (sendonly) nothing
        [10, "1,2", "audio,video", "198.51.100.10,198.51.100.10", "20010,20002", "RTP/AVP,RTP/AVP",
         "1,0", "214,0", "0,0", "0,0", "12", "12"],
        # the answer: audio as in 2 (that stream, over the call); video now
        # recvonly, a new announcement that got nothing
        [11, "1,2", "audio,video", "185.94.241.20,185.94.241.20", "40000,40002", "RTP/AVP,RTP/AVP",
         "2,0", "284,0", "3,0", "642,0", "4", "13"],
        [16, "1", "audio", "198.51.100.10", "20000", "RTP/AVP", "1", "214", "1", "214", "18", "19"],
        [17, "1", "audio", "185.94.241.20", "40000", "RTP/AVP", "1", "214", "1", "214", "18", "19"],
        # the UPDATE's new port got 22 and sent the hold music 23; the SBC's
        # re-announced 20000 got 23 and sent 22
        [20, "1", "audio", "185.94.241.20", "40010", "RTP/AVP", "1", "214", "1", "214", "22", "23"],
        [21, "1", "audio", "198.51.100.10", "20000", "RTP/AVP", "1", "214", "1", "214", "22", "23"],
    ]


def test_stream_counts_wait_for_the_capture_to_be_read(tshark):
    # One pass: what was announced, but no counts (they would be partial).
    rows = tshark.fields("sip-basic.pcap", ["pexip.announced.port", "pexip.announced.packets_to",
                                            "pexip.announced.first_frame"])
    assert [r[0] for r in rows] == [1, 2, 10, 11, 16, 17, 20, 21]
    assert all(r[2] == "" and r[3] == "" for r in rows)


FORK = "fork@185.94.241.20"
LINK_FIELDS = ["pexip.call", "pexip.call_id", "pexip.media.kind", "pexip.media.setup_frame"]


def test_forked_invite_gives_one_call_per_dialog(tshark):
    # The SBC forks the service's INVITE: 183s with To tags fa (dialog 1)
    # and fb (dialog 2); fb answers. Media to the service's offered port
    # goes to the dialog of the phone that sent it; media to each phone
    # to the dialog of that phone's answer.
    expected = [
        [1, "1", FORK, "", ""], [2, "1", FORK, "", ""], [3, "1", FORK, "", ""],
        [4, "2", FORK, "", ""],
        [5, "1", FORK, "audio", "3"],   # phone A to the offer: A's own 183 decides
        [6, "2", FORK, "audio", "1"],   # phone B to the offer
        [7, "1", FORK, "audio", "3"],   # to phone A
        [8, "2", FORK, "audio", "4"],   # to phone B
        [9, "2", FORK, "", ""], [10, "2", FORK, "", ""],
        # B's 200 (9) announced what its 183 (4) did: that stream still
        [11, "2", FORK, "audio", "1"], [12, "2", FORK, "audio", "4"],
        [13, "2", FORK, "", ""], [14, "2", FORK, "", ""],   # BYE from the phone: tags swapped
    ]
    assert tshark.fields("sip-fork.pcap", LINK_FIELDS) == expected
    assert tshark.fields("sip-fork.pcap", LINK_FIELDS, two_pass=True) == expected


def test_sip_over_tcp_split_and_coalesced_messages(tshark):
    one, two = "tcp-one@198.51.100.10", "tcp-two@198.51.100.10"
    expected = [
        # 1-3 handshake, 4 the first part of the INVITE: not yet SIP
        [5, "1", one, "", ""],            # the INVITE, reassembled
        [6, "1", one, "", ""],            # 100 Trying + 200 OK in one segment
        [7, "1", one, "", ""],
        [8, "1", one, "audio", "6"],
        [9, "1", one, "audio", "5"],
        [10, "1,2", one + "," + two, "", ""],   # BYE of call 1 + INVITE of call 2
        [11, "1,2", one + "," + two, "", ""],
        [12, "2", two, "audio", "11"],
        [13, "2", two, "audio", "10"],
    ]
    assert tshark.fields("sip-tcp.pcap", LINK_FIELDS) == expected
    assert tshark.fields("sip-tcp.pcap", LINK_FIELDS, two_pass=True) == expected


@pytest.mark.parametrize("capture", ["sip-basic.pcap", "sip-fork.pcap", "sip-tcp.pcap",
                                     "sip-concurrent.pcap"])
def test_generated_captures_dissect_cleanly(tshark, capture):
    assert tshark.frames(capture, "_ws.malformed || _ws.expert.severity >= warning") == []


FAX = "FAX-Call-t38-CA-TDM-SIP-FB-1.pcap"


@pytest.mark.skipif(not os.path.exists(os.path.join(PUBLIC_CAPTURES, FAX)),
                    reason="public capture %s not found (../shared/captures/public): skipping" % FAX)
def test_public_fax_call_rtp_gets_the_call_id_of_its_setup(tshark):
    everything = [uat_row("0.0.0.0/0", "all")]
    rows = tshark.fields(FAX, ["sip.Call-ID"], options=everything, folder=PUBLIC_CAPTURES)
    call_id_of_frame = {r[0]: r[1] for r in rows}
    rows = tshark.fields(FAX, ["rtp.setup-frame", "pexip.call_id"], options=everything,
                         folder=PUBLIC_CAPTURES, display_filter="rtp.setup-frame")
    # RTP that Wireshark set up from a SIP message's SDP carries that
    # message's Call-ID. (The capture also has RTP set up by MEGACO's SDP:
    # the same media as the SIP call's, see the next test.)
    by_sip = [r for r in rows if int(r[1]) in call_id_of_frame]
    assert len(by_sip) == 1175
    assert [r for r in by_sip if r[2] != call_id_of_frame[int(r[1])]] == []
    # Every RTP packet Wireshark links to an SDP is linked to the one call
    # with media (the capture's other Call-ID has none).
    assert len(rows) == 1303
    assert {r[2] for r in rows} == {"00e9d4a500e9d48-0015-0001-0000-0000@10.35.40.25"}


@pytest.mark.skipif(not os.path.exists(os.path.join(PUBLIC_CAPTURES, FAX)),
                    reason="public capture %s not found (../shared/captures/public): skipping" % FAX)
def test_public_fax_t38_is_linked_to_the_call(tshark):
    everything = [uat_row("0.0.0.0/0", "all")]
    rows = tshark.fields(FAX, ["t38.setup-frame", "pexip.call_id", "pexip.media.kind",
                               "pexip.media.setup_frame"], options=everything,
                         folder=PUBLIC_CAPTURES, display_filter="t38")
    assert len(rows) == 27
    # The SIP call's audio m-line (frame 1415; 1416 repeats that INVITE)
    # announced the destination; MEGACO switched it to T.38, and the kind
    # says what flowed.
    assert {tuple(r[2:]) for r in rows} == {
        ("00e9d4a500e9d48-0015-0001-0000-0000@10.35.40.25", "t38", "1415")}


def test_concurrent_calls_each_get_their_own_packets(tshark):
    ids = ["conc-%d@198.51.100.10" % n for n in (1, 2, 3)]
    expected = [[1, "1", ids[0], "", ""], [2, "1", ids[0], "", ""],
                [3, "2", ids[1], "", ""], [4, "2", ids[1], "", ""],
                [5, "3", ids[2], "", ""], [6, "3", ids[2], "", ""]]
    # 7-18: two rounds of (to the service, to the SBC) for calls 1, 2, 3;
    # to the service: announced by each call's 200 OK (2, 4, 6), to the
    # SBC by its INVITE (1, 3, 5)
    for round_start in (7, 13):
        for n in range(3):
            expected.append([round_start + 2 * n, str(n + 1), ids[n], "audio", str(2 * n + 2)])
            expected.append([round_start + 2 * n + 1, str(n + 1), ids[n], "audio", str(2 * n + 1)])
    expected += [[19, "2", ids[1], "", ""], [20, "2", ids[1], "", ""],
                 [21, "1", ids[0], "audio", "2"], [22, "3", ids[2], "audio", "5"]]
    assert tshark.fields("sip-concurrent.pcap", LINK_FIELDS) == expected
    assert tshark.frames("sip-concurrent.pcap", "pexip.call == 2") == [3, 4, 9, 10, 15, 16, 19, 20]


def test_how_each_sip_call_dialled(tshark):
    rows = tshark.fields("sip-concurrent.pcap",
                         ["pexip.call", "pexip.dial_string", "pexip.conference_id", "pexip.dial_uri"])
    per_call = {}
    for row in rows:
        per_call.setdefault(row[1], set()).add(tuple(row[2:]))
    # the initial INVITE's Request-URI, shown on all the call's packets
    assert per_call == {
        "1": {("sip:87654321@vmr.vc", "87654321", "")},
        "2": {("sip:87654321@185.94.241.20:5060;transport=udp", "87654321", "")},
        "3": {("sip:person.vmr@pexip.com", "", "person.vmr@pexip.com")},
    }
    assert len(rows) == 22


def test_a_request_uri_at_another_address_is_a_uri(tshark):
    # sip-fork dials sip:alice@198.51.100.10, not a service address
    rows = tshark.fields("sip-fork.pcap", ["pexip.conference_id", "pexip.dial_uri"])
    assert rows and {tuple(r[1:]) for r in rows} == {("", "alice@198.51.100.10")}
