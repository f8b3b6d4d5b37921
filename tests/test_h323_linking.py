"""H.323 calls in the call model: every H.225.0 message carries its call (by
callIdentifier, then conferenceID, then TCP connection); H.245 on its own
connection (to the announced h245Address), tunnelled, or as FastStart;
OpenLogicalChannel(Ack) announcements link RTP/RTCP with kind, setup
frame, stream (session ID) and channel; how the device dialled; IVR digits.
Captures: test-captures/gen/h323_calls.py; the public h323.pcap."""
import os

import pytest

from conftest import PUBLIC_CAPTURES, uat_row

FIELDS = ["pexip.call", "pexip.call_id", "pexip.signaling"]


def h323(frame, call, guid):
    return [frame, str(call), guid, "H.323"]


def test_direct_call_h225_messages_carry_the_call(tshark):
    guid = "0a1b2c3d-4e5f-4071-8293-a4b5c6d7e8f0"
    rows = tshark.fields("h323-direct.pcap", FIELDS, display_filter="h225")
    # Setup, CallProceeding, Alerting, Connect, ReleaseComplete
    assert rows == [h323(f, 1, guid) for f in (4, 5, 6, 7, 39)]


def test_tunnelled_h245_in_empty_facility_follows_the_connection(tshark):
    # 8-12, 18, 19: Facility messages with an empty body and no identifier,
    # carrying tunnelled H.245: the call of their TCP connection.
    guid = "1a1b2c3d-4e5f-4071-8293-a4b5c6d7e8f1"
    rows = tshark.fields("h323-tunnel.pcap", FIELDS, display_filter="h225")
    assert rows == [h323(f, 1, guid) for f in (4, 5, 6, 7, 8, 9, 10, 11, 12, 18, 19, 20)]
    assert tshark.fields("h323-tunnel.pcap", FIELDS, display_filter="h225", two_pass=True) == rows


def test_one_call_per_dialling_form(tshark):
    rows = tshark.fields("h323-dialling.pcap", FIELDS)
    expected = []
    for n, setup in enumerate((4, 10, 16, 22, 28), start=1):
        guid = "5a1b2c3d-4e5f-4071-8293-a4b5c6d7e80%d" % n
        expected += [h323(setup + k, n, guid) for k in range(3)]
    assert rows == expected
    assert tshark.frames("h323-dialling.pcap", 'pexip.signaling == "H.323"') == \
        [f for s in (4, 10, 16, 22, 28) for f in (s, s + 1, s + 2)]


H323 = "h323.pcap"


@pytest.mark.skipif(not os.path.exists(os.path.join(PUBLIC_CAPTURES, H323)),
                    reason="public capture %s not found (../shared/captures/public): skipping" % H323)
def test_public_h323_capture_call_signalling(tshark):
    everything = [uat_row("0.0.0.0/0", "all")]
    rows = tshark.fields(H323, FIELDS, options=everything, folder=PUBLIC_CAPTURES,
                         display_filter="h225 && tcp")
    first = "c0fef93e-cd9e-d611-9ab2-000476222017"
    # the label names the connection by its tcp.stream (frame 47's is 2), the
    # same on every Wireshark version (Wireshark's own conversation count is not)
    zero = "00000000-0000-0000-0000-000000000000 (tcp.stream 2)"
    assert rows[:6] == [h323(6, 1, first), h323(10, 1, first), h323(14, 1, first),
                        h323(18, 1, first),
                        # a second call whose Setup has all-zero identifiers: its connection
                        h323(47, 2, zero), h323(50, 2, zero)]


@pytest.mark.skipif(not os.path.exists(os.path.join(PUBLIC_CAPTURES, H323)),
                    reason="public capture %s not found (../shared/captures/public): skipping" % H323)
def test_public_h323_capture_h245_and_ras(tshark):
    everything = [uat_row("0.0.0.0/0", "all")]
    rows = tshark.fields(H323, FIELDS + ["pexip.announced.channel", "pexip.announced.port",
                                         "pexip.announced.rtcp_port"],
                         options=everything, folder=PUBLIC_CAPTURES)
    first = "c0fef93e-cd9e-d611-9ab2-000476222017"
    ras = "004091fb-7289-f911-802a-050403020100"
    by_frame = {r[0]: r[1:] for r in rows}
    # H.245 on its own connection (10.1.6.18:1232, the Connect's h245Address)
    h245 = [25, 27, 29, 30, 32, 34, 36, 38, 39, 41, 42]
    for frame in h245:
        assert by_frame[frame][:3] == ["1", first, "H.323"], frame
    assert [by_frame[f][3:] for f in (38, 39, 41, 42)] == [
        ["101", "", "5001"], ["61", "", "2007"], ["61", "5000", "5001"], ["101", "2006", "2007"]]
    # RAS (UDP 1719) admission, info and disengage requests of one call,
    # with its Setup (65, malformed in Wireshark's own H.225.0 dissector)
    for frame in (63, 64, 65, 67, 68, 69, 70):
        assert by_frame[frame][:3] == ["3", ras, "H.323"], frame
    assert tshark.frames(H323, 'pexip.port_class == "ras" && pexip.call', options=everything,
                         folder=PUBLIC_CAPTURES) == [63, 64, 67, 68, 69, 70]
    # Nothing else is linked
    assert sorted(by_frame) == [6, 10, 14, 18] + h245 + [47, 50, 63, 64, 65, 66, 67, 68, 69, 70]


MEDIA = ["pexip.call", "pexip.media.kind", "pexip.media.setup_frame", "pexip.media.stream",
         "pexip.media.channel", "pexip.media.mline"]
ANNOUNCED = ["pexip.call", "pexip.announced.stream", "pexip.announced.channel",
             "pexip.announced.kind", "pexip.announced.addr", "pexip.announced.port",
             "pexip.announced.rtcp_addr", "pexip.announced.rtcp_port",
             "pexip.announced.transport", "pexip.announced.direction"]
EP = "198.51.100.30"
IVR = "185.94.242.66"
NODE = "185.94.241.20"


def media(frame, kind, setup, stream, channel, call=1):
    return [frame, str(call), kind, str(setup), str(stream), str(channel), ""]


def announced(frame, rows):
    """rows: (stream, channel, kind, addr, port, rtcp_addr, rtcp_port) per
    announcement of the frame; port None for RTCP alone."""
    cols = [[] for _ in range(9)]
    for stream, channel, kind, addr, port, rtcp_addr, rtcp_port in rows:
        cols[0].append(str(stream))
        cols[1].append(str(channel))
        cols[2].append(kind)
        if port is not None:
            cols[3].append(addr)
            cols[4].append(str(port))
        cols[5].append(rtcp_addr)
        cols[6].append(str(rtcp_port))
        cols[7].append("RTP" if port is not None else "RTCP")
        cols[8].append("recvonly" if port is not None else "sendonly")
    return [frame, "1"] + [",".join(c) for c in cols]


def test_direct_call_h245_connection_and_every_message_carry_the_call(tshark):
    guid = "0a1b2c3d-4e5f-4071-8293-a4b5c6d7e8f0"
    rows = tshark.fields("h323-direct.pcap", FIELDS)
    # H.225.0 4-7, 39; H.245 on the Connect's h245Address 11-25, 37, 38;
    # RTP/RTCP 26-36. The H.245 connection's handshake (8-10) carries none.
    assert [r[0] for r in rows] == [4, 5, 6, 7] + list(range(11, 40))
    assert all(r[1:] == ["1", guid, "H.323"] for r in rows)


def test_direct_call_channels_announced_by_olc_and_olc_ack(tshark):
    rows = tshark.fields("h323-direct.pcap", ANNOUNCED, display_filter="h245")
    assert [r for r in rows if r[2]] == [
        # OLC 1/2 from the endpoint: only where it takes RTCP
        announced(18, [(1, 1, "audio", "", None, EP, 5005)]),
        announced(19, [(2, 2, "video", "", None, EP, 5007)]),
        # OLC-Ack from the node: where it receives channels 1 and 2
        announced(20, [(1, 1, "audio", IVR, 40000, IVR, 40001)]),
        announced(21, [(2, 2, "video", IVR, 40002, IVR, 40003)]),
        announced(22, [(1, 101, "audio", "", None, IVR, 40001)]),
        announced(23, [(2, 102, "video", "", None, IVR, 40003)]),
        announced(24, [(1, 101, "audio", EP, 5004, EP, 5005)]),
        announced(25, [(2, 102, "video", EP, 5006, EP, 5007)]),
    ]


def test_direct_call_media_link_to_the_olc_ack_that_announced_them(tshark):
    expected = []
    for base in (26, 30):
        expected += [media(base, "audio", 20, 1, 1), media(base + 1, "audio", 24, 1, 101),
                     media(base + 2, "video", 21, 2, 2), media(base + 3, "video", 25, 2, 102)]
    # RTCP: to the OLC-Ack's mediaControlChannel (the node's own OLC 22
    # naming the same port does not take it over)
    expected += [media(34, "audio", 20, 1, 1), media(35, "audio", 24, 1, 101),
                 media(36, "video", 21, 2, 2)]
    assert tshark.fields("h323-direct.pcap", MEDIA, display_filter="rtp || rtcp") == expected
    assert tshark.fields("h323-direct.pcap", MEDIA, display_filter="rtp || rtcp",
                         two_pass=True) == expected


def test_direct_call_setup_frames_agree_with_wireshark(tshark):
    ours = tshark.fields("h323-direct.pcap", ["pexip.media.setup_frame"], display_filter="rtp || rtcp")
    theirs = tshark.fields("h323-direct.pcap", ["rtp.setup-frame", "rtcp.setup-frame"],
                           display_filter="rtp || rtcp")
    assert [[r[0], r[1]] for r in ours] == [[r[0], r[1] or r[2]] for r in theirs]


def test_olc_ack_counts_after_the_capture_is_read(tshark):
    counts = ["pexip.announced.packets_to", "pexip.announced.packets_from",
              "pexip.announced.first_frame", "pexip.announced.last_frame"]
    rows = tshark.fields("h323-direct.pcap", counts, display_filter="h245", two_pass=True)
    assert rows == [
        # OLCs naming RTCP alone: taken over by the peer's OLC-Ack before any packet
        [18, "0", "0", "", ""],
        [19, "0", "0", "", ""],
        # node:40000/40001 is sent 26, 30 (RTP), 34 (RTCP); sends 27, 31, 35
        [20, "3", "3", "26", "35"],
        # node:40002/40003 is sent 28, 32, 36; sends 29, 33
        [21, "3", "2", "28", "36"],
        [22, "0", "0", "", ""],
        [23, "0", "0", "", ""],
        # EP:5004/5005 is sent 27, 31, 35; sends 26, 30, 34
        [24, "3", "3", "26", "35"],
        # EP:5006/5007 is sent 29, 33; sends 28, 32, 36
        [25, "2", "3", "28", "36"],
    ]


def test_tunnelled_h245_channels_and_media(tshark):
    rows = tshark.fields("h323-tunnel.pcap", ANNOUNCED)
    assert [r for r in rows if r[2]] == [
        announced(10, [(1, 1, "audio", "", None, EP, 5015)]),
        # one Facility: the OLC-Ack of channel 1, then the node's OLC 101
        announced(11, [(1, 1, "audio", IVR, 40010, IVR, 40011),
                       (1, 101, "audio", "", None, IVR, 40011)]),
        announced(12, [(1, 101, "audio", EP, 5014, EP, 5015)]),
    ]
    assert tshark.fields("h323-tunnel.pcap", MEDIA, display_filter="rtp || rtcp") == [
        media(13, "audio", 11, 1, 1), media(14, "audio", 12, 1, 101),
        media(15, "audio", 11, 1, 1), media(16, "audio", 12, 1, 101),
        media(17, "audio", 11, 1, 1),
    ]


def test_faststart_channels_and_media(tshark):
    rows = tshark.fields("h323-faststart.pcap", ANNOUNCED)
    setup_and_connect = [r for r in rows if r[2]]
    assert setup_and_connect == [
        # Setup: EP sends on 1 (its RTCP), receives on 2 (reverse parameters)
        announced(4, [(1, 1, "audio", "", None, EP, 5025), (1, 2, "audio", EP, 5024, EP, 5025)]),
        # Connect: the accepted channels with the node's addresses
        announced(6, [(1, 1, "audio", IVR, 40020, IVR, 40021), (1, 2, "audio", EP, 5024, EP, 5025)]),
    ]
    expected = []
    for frame in (7, 9, 11):
        expected += [media(frame, "audio", 6, 1, 1), media(frame + 1, "audio", 6, 1, 2)]
    expected.append(media(13, "audio", 6, 1, 2))     # RTCP to EP:5025
    assert tshark.fields("h323-faststart.pcap", MEDIA, display_filter="rtp || rtcp") == expected


def test_h239_presentation_channel_is_content(tshark):
    rows = tshark.fields("h323-content.pcap", MEDIA, display_filter="rtp || rtcp")
    assert rows == [
        media(16, "audio", 14, 1, 1), media(17, "audio", 15, 1, 101),
        media(22, "content", 21, 3, 3), media(23, "content", 21, 3, 3),
        media(24, "content", 21, 3, 3), media(25, "content", 21, 3, 3),
        media(26, "audio", 14, 1, 1),
    ]
    assert tshark.frames("h323-content.pcap", 'pexip.announced.kind == "content"') == [20, 21]


DIALLED = ["pexip.dial_string", "pexip.conference_id", "pexip.dial_uri"]


def test_how_each_device_dialled(tshark):
    rows = tshark.fields("h323-dialling.pcap", DIALLED)
    per_call = {}
    for row in rows:
        per_call.setdefault((row[0] - 1) // 6, set()).add(tuple(row[1:]))
    assert per_call == {
        0: {("185.94.242.66##87654321,185.94.242.66", "87654321", "")},
        1: {("87654321,185.94.242.66", "87654321", "")},
        2: {("87654321@185.94.242.66,185.94.242.66", "87654321", "")},
        3: {("h323:87654321@vmr.vc,185.94.241.20", "87654321", "")},
        4: {("person.vmr@pexip.com,185.94.241.20", "", "person.vmr@pexip.com")},
    }
    # every H.225.0 message of each call, from its Setup on
    assert [r[0] for r in rows] == [f for s in (4, 10, 16, 22, 28) for f in (s, s + 1, s + 2)]


def test_conference_filter_finds_signalling_and_media(tshark):
    assert tshark.frames("h323-content.pcap", 'pexip.conference_id == "87654321"') == \
        [4, 5, 6] + list(range(10, 29))
    assert tshark.frames("h323-content.pcap", 'pexip.dial_string == "87654321@vmr.vc"')[:3] == [4, 5, 6]


def test_ivr_digits_from_user_input_indication(tshark):
    rows = tshark.fields("h323-ivr-dtmf.pcap", ["pexip.call", "pexip.conference_id", "pexip.dial_string"])
    # dialled to the IVR address alone; "87654321#" keyed in H.245 19-27
    assert [r for r in rows if r[2]] == [[f, "1", "87654321", "185.94.242.66"] for f in range(27, 38)]
    assert [r[0] for r in rows if not r[2]] == [4, 5, 6] + list(range(10, 27))
    # the RFC 4733 repeat (28-36) changes nothing
    _, out, _ = tshark.run(["-r", tshark.capture("h323-ivr-dtmf.pcap"), "-Y", "frame.number == 30",
                            "-O", "pexip"])
    assert "Conference number: 87654321 (keyed into the IVR, frame 27)" in out


def test_ivr_digits_from_rfc4733_events(tshark):
    rows = tshark.fields("h323-ivr-rtp-events.pcap", ["pexip.conference_id"])
    # one key per event, however many packets: "87788321#" ends at 33
    assert rows == [[f, "87788321"] for f in range(33, 37)]
    assert tshark.fields("h323-ivr-rtp-events.pcap", ["pexip.conference_id"], two_pass=True) == rows


def test_a_number_dialled_at_setup_is_not_replaced_by_keys(tshark):
    # The tunnelled call dialled 87654321 and then sends a user input "1".
    rows = tshark.fields("h323-tunnel.pcap", ["pexip.conference_id"])
    assert {r[1] for r in rows} == {"87654321"}
