"""H.323 calls in the call model (issue 4, first slice): every H.225.0
call-signalling message carries its call, by callIdentifier, with the
conferenceID and then the TCP connection for messages that carry none.
H.245 and media linking come next.
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
    zero = "00000000-0000-0000-0000-000000000000 (connection 6)"
    assert rows[:6] == [h323(6, 1, first), h323(10, 1, first), h323(14, 1, first),
                        h323(18, 1, first),
                        # a second call whose Setup has all-zero identifiers: its connection
                        h323(47, 2, zero), h323(50, 2, zero)]
