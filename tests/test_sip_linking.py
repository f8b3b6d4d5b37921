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
]


def test_sip_call_and_media_linking(tshark):
    assert tshark.fields("sip-basic.pcap", FIELDS) == EXPECTED


def test_linking_is_the_same_on_a_second_pass(tshark):
    assert tshark.fields("sip-basic.pcap", FIELDS, two_pass=True) == EXPECTED


def test_filter_one_call(tshark):
    assert tshark.frames("sip-basic.pcap", "pexip.call == 2") == [16, 17, 18, 19]
    assert tshark.frames("sip-basic.pcap", 'pexip.media.kind == "video"') == [6, 7]


def test_generated_sip_capture_has_no_malformed_packets(tshark):
    assert tshark.frames("sip-basic.pcap", "_ws.malformed || _ws.expert.severity >= warning") == []


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
    rows = tshark.fields(FAX, ["t38.setup-frame", "pexip.call_id"], options=everything,
                         folder=PUBLIC_CAPTURES, display_filter="t38")
    assert len(rows) == 27
    assert {r[2] for r in rows} == {"00e9d4a500e9d48-0015-0001-0000-0000@10.35.40.25"}
