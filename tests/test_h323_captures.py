"""The generated H.323 captures are clean for Wireshark's own dissectors.

Wireshark 4.0's H.225.0, H.245, Q.931, TPKT, RTP and RTCP dissectors read
every frame without a malformed mark or a warning, find each call's
callIdentifier, the H.245 messages (on their own connection, tunnelled in
H.225.0, or as FastStart proposals) and set up RTP/RTCP from the
OpenLogicalChannel(Ack)s. Only Wireshark's fields are asserted here.
Captures: test-captures/gen/h323_calls.py (frame numbers are in its
comments)."""
import pytest

from conftest import WS

CAPTURES = ["h323-direct.pcap", "h323-tunnel.pcap", "h323-faststart.pcap",
            "h323-content.pcap", "h323-ivr-dtmf.pcap", "h323-ivr-rtp-events.pcap",
            "h323-dialling.pcap"]

EP, IVR, NODE = "198.51.100.30", "185.94.242.66", "185.94.241.20"


@pytest.mark.parametrize("capture", CAPTURES)
def test_nothing_malformed_and_no_warning(tshark, capture):
    assert tshark.frames(capture, "_ws.malformed || _ws.expert.severity >= warning") == []
    assert tshark.frames(capture, "h225 || h245") != []


@pytest.mark.parametrize("capture", CAPTURES)
def test_two_passes_are_clean_too(tshark, capture):
    rows = tshark.fields(capture, ["_ws.malformed", "_ws.expert.severity"], two_pass=True,
                         display_filter="_ws.malformed || _ws.expert.severity >= warning")
    assert rows == []


def guids(tshark, capture):
    """[frame, callIdentifier GUID] of the frames that carry one."""
    return tshark.fields(capture, ["h225.guid"])


# ---- h323-direct.pcap: separate H.245 connection --------------------------------

DIRECT_GUID = "0a1b2c3d-4e5f-4071-8293-a4b5c6d7e8f0"


def test_direct_call_signalling(tshark):
    c = "h323-direct.pcap"
    assert guids(tshark, c) == [[n, DIRECT_GUID] for n in (4, 5, 6, 7, 39)]
    assert tshark.frames(c, "h225.h323_message_body == 0") == [4]      # setup
    assert tshark.frames(c, "h225.h323_message_body == 1") == [5]      # callProceeding
    assert tshark.frames(c, "h225.h323_message_body == 3") == [6]      # alerting
    assert tshark.frames(c, "h225.h323_message_body == 2") == [7]      # connect
    assert tshark.frames(c, "h225.h323_message_body == 5") == [39]     # releaseComplete
    assert tshark.fields(c, ["h225.dialledDigits", "h225.h323_ID", "h225.ipV4", "h225.ipV4_port",
                             "q931.called_party_number.digits"]) == [
        [4, "87654321", "room30", "185.94.242.66,198.51.100.30", "1720,49200", "87654321"]]
    assert tshark.fields(c, ["h225.h245Ip", "h225.h245IpPort"]) == [[7, IVR, "33001"]]
    assert tshark.fields(c, ["h225.conferenceID"]) == [
        [4, "cf0e5e00-1122-3344-5566-778899aabbcc"], [7, "cf0e5e00-1122-3344-5566-778899aabbcc"]]
    assert tshark.frames(c, "h225.h245Tunnelling == 0") == [4, 5, 6, 7, 39]


def channel_fields():
    """The fields of the channel numbers of OpenLogicalChannel and its Ack:
    one before 4.6, two from 4.6 on."""
    return list(dict.fromkeys([WS.h245_olc_channel, WS.h245_ack_channel]))


def channels(olc="", ack="", both=None):
    """The values of channel_fields() on a frame whose OpenLogicalChannels
    name channel(s) olc and whose Acks ack; where one field has both, it
    shows both (both: in tree order)."""
    if len(channel_fields()) == 1:
        return [both if both is not None else olc or ack]
    return [olc, ack]


def test_direct_h245_messages(tshark):
    c = "h323-direct.pcap"
    # the H.245 connection goes to the Connect's h245Address
    assert tshark.frames(c, "h245") == [11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
                                        25, 37, 38]
    assert tshark.frames(c, "h245 && tcp.port == 33001") == tshark.frames(c, "h245")
    assert tshark.frames(c, "h245.terminalCapabilitySet_element") == [11, 13]
    assert tshark.frames(c, "h245.terminalCapabilitySetAck_element") == [12, 14]
    assert tshark.frames(c, "h245.masterSlaveDetermination_element") == [15]
    assert tshark.fields(c, ["h245.decision"]) == [[16, "1"], [17, "0"]]   # slave, master
    assert tshark.frames(c, "h245.openLogicalChannel_element") == [18, 19, 22, 23]
    assert tshark.frames(c, "h245.openLogicalChannelAck_element") == [20, 21, 24, 25]
    assert tshark.frames(c, "h245.endSessionCommand") == [37, 38]
    # OLC: channel, session, the sender's RTCP (mediaControlChannel)
    assert tshark.fields(c, [WS.h245_olc_channel, WS.h245_olc_session, "h245.ip4_network",
                             "h245.tsapIdentifier"],
                         display_filter="h245.openLogicalChannel_element") == [
        [18, "1", "1", EP, "5005"],
        [19, "2", "2", EP, "5007"],
        [22, "101", "1", IVR, "40001"],
        [23, "102", "2", IVR, "40003"],
    ]
    # OLC-Ack: channel, session, RTP (mediaChannel) and RTCP
    assert tshark.fields(c, [WS.h245_ack_channel, "h245.sessionID", "h245.ip4_network",
                             "h245.tsapIdentifier"],
                         display_filter="h245.openLogicalChannelAck_element") == [
        [20, "1", "1", IVR + "," + IVR, "40000,40001"],
        [21, "2", "2", IVR + "," + IVR, "40002,40003"],
        [24, "101", "1", EP + "," + EP, "5004,5005"],
        [25, "102", "2", EP + "," + EP, "5006,5007"],
    ]
    assert tshark.fields(c, ["h245.standardOid"], display_filter="h245.openLogicalChannel_element") == [
        [19, "0.0.8.241.0.0.1"], [23, "0.0.8.241.0.0.1"]]             # H.264 video


DIRECT_MEDIA = [
    # RTP goes to the address of an OLC-Ack's mediaChannel: that Ack sets it up
    [26, "20", "H245", "", ""], [27, "24", "H245", "", ""],          # audio to the node / endpoint
    [28, "21", "H245", "", ""], [29, "25", "H245", "", ""],          # video
    [30, "20", "H245", "", ""], [31, "24", "H245", "", ""],
    [32, "21", "H245", "", ""], [33, "25", "H245", "", ""],
    [34, "", "", "20", "H245"], [35, "", "", "24", "H245"],          # RTCP (mediaControlChannel)
    [36, "", "", "21", "H245"],
]
MEDIA_FIELDS = ["rtp.setup-frame", "rtp.setup-method", "rtcp.setup-frame", "rtcp.setup-method"]


def test_direct_media_is_set_up_by_the_olc_acks(tshark):
    assert tshark.fields("h323-direct.pcap", MEDIA_FIELDS) == DIRECT_MEDIA
    assert tshark.fields("h323-direct.pcap", MEDIA_FIELDS, two_pass=True) == DIRECT_MEDIA


# ---- h323-tunnel.pcap: H.245 in h245Control ------------------------------------

def test_tunnelled_h245(tshark):
    c = "h323-tunnel.pcap"
    guid = "1a1b2c3d-4e5f-4071-8293-a4b5c6d7e8f1"
    assert guids(tshark, c) == [[n, guid] for n in (4, 5, 6, 7, 20)]           # not the empty Facilities
    assert tshark.frames(c, "h225.h245Tunnelling == 1") == [4, 5, 6, 7, 8, 9, 10, 11, 12, 18, 19, 20]
    assert tshark.frames(c, "h225.h323_message_body == 8") == [8, 9, 10, 11, 12, 18, 19]   # empty
    assert tshark.frames(c, "q931.message_type == 0x62") == [8, 9, 10, 11, 12, 18, 19]     # FACILITY
    assert tshark.frames(c, "tcp.port == 33001 || (h245 && !h225)") == []
    assert tshark.frames(c, "h245.terminalCapabilitySet_element") == [7, 8]
    assert tshark.frames(c, "h245.terminalCapabilitySetAck_element") == [8, 9]
    assert tshark.frames(c, "h245.masterSlaveDetermination_element") == [7]
    assert tshark.frames(c, "h245.masterSlaveDeterminationAck_element") == [8, 9]
    assert tshark.frames(c, "h245.openLogicalChannel_element") == [10, 11]
    assert tshark.frames(c, "h245.openLogicalChannelAck_element") == [11, 12]
    assert tshark.frames(c, "h245.endSessionCommand") == [19]
    assert tshark.fields(c, channel_fields() + ["h245.ip4_network",
                             "h245.tsapIdentifier"]) == [
        [10] + channels(olc="1") + [EP, "5015"],
        [11] + channels(olc="101", ack="1", both="1,101")                 # OLCAck 1, OLC 101
        + [IVR + "," + IVR + "," + IVR, "40010,40011,40011"],
        [12] + channels(ack="101") + [EP + "," + EP, "5014,5015"],
    ]
    assert tshark.fields(c, ["h245.signalType", "h245.duration"]) == [[18, "1", "200"]]


def test_tunnelled_olcs_set_up_media(tshark):
    assert tshark.fields("h323-tunnel.pcap", MEDIA_FIELDS) == [
        [13, "11", "H245", "", ""], [14, "12", "H245", "", ""],
        [15, "11", "H245", "", ""], [16, "12", "H245", "", ""],
        [17, "", "", "11", "H245"],
    ]


# ---- h323-faststart.pcap --------------------------------------------------------

def test_faststart(tshark):
    c = "h323-faststart.pcap"
    guid = "2a1b2c3d-4e5f-4071-8293-a4b5c6d7e8f2"
    assert guids(tshark, c) == [[n, guid] for n in (4, 5, 6, 14)]
    assert tshark.frames(c, "h225.fastStart") == [4, 6]
    # the OLCs inside fastStart are dissected within H.225.0: there is no
    # H.245 protocol item and no H.245 message at all
    assert tshark.frames(c, "h245.OpenLogicalChannel_element") == [4, 6]
    assert tshark.frames(c, "h245 || h245.pdu_type") == []
    assert tshark.fields(c, [WS.h245_olc_channel, "h245.ip4_network",
                             "h245.tsapIdentifier"]) == [
        # Setup: 1 = send (its RTCP); 2 = receive (reverse: its RTP + RTCP)
        [4, "1,2", EP + "," + EP + "," + EP, "5025,5024,5025"],
        # Connect: 1 accepted with the node's RTP + RTCP; 2 echoed
        [6, "1,2", IVR + "," + IVR + "," + EP + "," + EP, "40020,40021,5024,5025"],
    ]
    assert tshark.frames(c, "h245.nullData_element") == [4, 6]


def test_faststart_media_is_set_up_by_the_reverse_channel(tshark):
    # Wireshark 4.0 sets up only the reverse channel of a FastStart OLC (the
    # endpoint's 5024/5025): the Connect (6) repeats it and wins; RTP to the
    # node's 40020 is found through the endpoint's port 5024 it comes from.
    expected = [[n, "6", "H245", "", ""] for n in range(7, 13)] + [[13, "", "", "6", "H245"]]
    assert tshark.fields("h323-faststart.pcap", MEDIA_FIELDS) == expected
    assert tshark.fields("h323-faststart.pcap", MEDIA_FIELDS, two_pass=True) == expected


# ---- h323-content.pcap: H.239 presentation ----------------------------------------

def test_content_h239(tshark):
    c = "h323-content.pcap"
    guid = "3a1b2c3d-4e5f-4071-8293-a4b5c6d7e8f3"
    assert guids(tshark, c) == [[n, guid] for n in (4, 5, 6, 28)]
    assert tshark.fields(c, ["h225.h245Ip", "h225.h245IpPort"]) == [[6, NODE, "33010"]]
    assert tshark.fields(c, ["h225.h323_ID"]) == [[4, "87654321@vmr.vc"]]
    # TCS both ways carry h239ExtendedVideoCapability and h239ControlCapability
    assert tshark.frames(c, 'h245.terminalCapabilitySet_element && h245.standardOid == 0.0.8.239.1.2 '
                            '&& h245.standardOid == 0.0.8.239.1.1') == [10, 11]
    # presentation token: request (3) and response (4), H.239 generic messages
    assert tshark.fields(c, ["h245.subMessageIdentifier.standard"]) == [[18, "3"], [19, "4"]]
    assert tshark.frames(c, "h245.genericRequest_element") == [18]
    assert tshark.frames(c, "h245.genericResponse_element") == [19]
    # the presentation OLC: extendedVideoCapability (H.264 + H.239 role label)
    assert tshark.frames(c, "h245.openLogicalChannel_element") == [13, 14, 20]
    assert tshark.fields(c, [WS.h245_olc_channel, WS.h245_olc_session, "h245.standardOid",
                             "h245.booleanArray"], display_filter="h245.extendedVideoCapability_element") == [
        # TCS: H.264 (profile 64), presentation H.264 (64) + roleLabel 1
        [10, "", "", "0.0.8.241.0.0.1,0.0.8.241.0.0.1,0.0.8.239.1.2,0.0.8.239.1.1", "64,64,1"],
        [11, "", "", "0.0.8.241.0.0.1,0.0.8.241.0.0.1,0.0.8.239.1.2,0.0.8.239.1.1", "64,64,1"],
        [20, "3", "3", "0.0.8.241.0.0.1,0.0.8.239.1.2", "64,1"],
    ]
    assert tshark.fields(c, channel_fields() + ["h245.ip4_network",
                             "h245.tsapIdentifier"], display_filter="frame.number >= 20") == [
        [20] + channels(olc="3") + [EP, "5039"],
        [21] + channels(ack="3") + [NODE + "," + NODE, "40038,40039"],
    ]


def test_content_media(tshark):
    assert tshark.fields("h323-content.pcap", MEDIA_FIELDS) == [
        [16, "14", "H245", "", ""], [17, "15", "H245", "", ""],        # audio
        [22, "21", "H245", "", ""], [23, "21", "H245", "", ""],        # presentation to the node
        [24, "21", "H245", "", ""],
        [25, "", "", "21", "H245"],
        [26, "14", "H245", "", ""],
    ]


# ---- h323-ivr-dtmf.pcap ------------------------------------------------------------

def test_ivr_call_has_no_alias(tshark):
    c = "h323-ivr-dtmf.pcap"
    guid = "4a1b2c3d-4e5f-4071-8293-a4b5c6d7e8f4"
    assert guids(tshark, c) == [[n, guid] for n in (4, 5, 6, 37)]
    assert tshark.frames(c, "h225.destinationAddress || h225.dialledDigits || h225.h323_ID") == []
    assert tshark.frames(c, "q931.called_party_number.digits") == []
    assert tshark.fields(c, ["h225.ipV4", "h225.ipV4_port"]) == [
        [4, IVR + "," + EP, "1720,49240"]]                             # destCallSignalAddress, source
    assert tshark.fields(c, ["h225.h245Ip", "h225.h245IpPort"]) == [[6, IVR, "33020"]]


def test_ivr_dtmf(tshark):
    c = "h323-ivr-dtmf.pcap"
    assert tshark.fields(c, ["h245.alphanumeric"]) == [
        [19, "8"], [20, "7"], [21, "6"], [22, "5"], [23, "4"], [24, "3"], [25, "2"], [26, "1"],
        [27, "#"]]
    end = WS.true        # rtpevent.end_of_event
    assert tshark.fields(c, ["rtpevent.event_id", "rtpevent.end_of_event", "rtp.setup-frame"],
                         display_filter="rtpevent") == [
        [28, "8", end, "14"], [29, "7", end, "14"], [30, "6", end, "14"], [31, "5", end, "14"],
        [32, "4", end, "14"], [33, "3", end, "14"], [34, "2", end, "14"], [35, "1", end, "14"],
        [36, "11", end, "14"]]
    assert tshark.fields(c, MEDIA_FIELDS, display_filter="!rtpevent") == [
        [17, "16", "H245", "", ""], [18, "14", "H245", "", ""]]


# ---- h323-ivr-rtp-events.pcap ------------------------------------------------------

def test_ivr_rtp_events_as_phones_send_them(tshark):
    c = "h323-ivr-rtp-events.pcap"
    assert guids(tshark, c) == [[n, "4a1b2c3d-4e5f-4071-8293-a4b5c6d7e8f5"] for n in (4, 5, 6, 36)]
    rows = tshark.fields(c, ["rtpevent.event_id", "rtpevent.end_of_event", "rtp.timestamp",
                             "rtp.setup-frame"], display_filter="rtpevent")
    expected = []
    for n, event in enumerate([8, 7, 7, 8, 8, 3, 2, 1, 11]):
        ts = str(8000 + 1600 * n)
        expected += [[9 + 3 * n, str(event), WS.false, ts, "6"],
                     [10 + 3 * n, str(event), WS.true, ts, "6"],
                     [11 + 3 * n, str(event), WS.true, ts, "6"]]
    assert rows == expected


# ---- h323-dialling.pcap --------------------------------------------------------------

def test_dialling_forms(tshark):
    c = "h323-dialling.pcap"
    assert guids(tshark, c) == [[6 * n + k, "5a1b2c3d-4e5f-4071-8293-a4b5c6d7e8%02x" % (n + 1)]
                        for n in range(5) for k in (4, 5, 6)]
    assert tshark.fields(c, ["h225.dialledDigits", "h225.h323_ID", "h225.url_ID", "h225.email_ID",
                             "h225.ipV4", "q931.called_party_number.digits"]) == [
        [4, "", "185.94.242.66##87654321", "", "", IVR + "," + EP, ""],
        [10, "87654321", "", "", "", IVR + "," + EP, "87654321"],
        [16, "", "87654321@185.94.242.66", "", "", IVR + "," + EP, ""],
        [22, "", "", "h323:87654321@vmr.vc", "", NODE + "," + EP, ""],
        [28, "", "", "", "person.vmr@pexip.com", NODE + "," + EP, ""],
    ]
    assert tshark.frames(c, "h225.h323_message_body == 0") == [4, 10, 16, 22, 28]
    assert tshark.frames(c, "h225.h323_message_body == 5") == [6, 12, 18, 24, 30]
    assert tshark.frames(c, "ip.dst == 185.94.241.20 && h225") == [22, 28]
