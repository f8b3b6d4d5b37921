"""pexip.finding: on each packet with Pexip expert infos, one item per
expert info holding its filter name, so that a column can show findings
(an expert info itself cannot be a column). Same frames as the expert
infos, on one pass and with -2 exactly as they are."""
import pytest

from test_expert_info import SHOWING

# Exact rows (one pass, two passes): the frames of the expert-info tests
# (test_expert_info.py, test_media_findings.py, test_reachability.py,
# test_proxy.py, test_sip_tls.py); second-pass findings appear only with -2.
EXPECTED = {
    "alg-sdp-origin.pcap": ([[1, "pexip.alg.sdp_origin_mismatch"]],) * 2,
    "alg-content-length.pcap": ([[1, "pexip.alg.content_length"],
                                 [6, "pexip.alg.content_length"],
                                 [9, "pexip.alg.content_length"],
                                 [12, "pexip.alg.content_length"]],) * 2,
    "alg-h323-rewritten.pcap": ([[8, "pexip.alg.rewritten"], [40, "pexip.alg.rewritten"],
                                 [54, "pexip.alg.rewritten"]],) * 2,
    "sip-tls.pcap": ([[5, "pexip.sip.encrypted"]],) * 2,
    "proxy-auth-ntlm-credentials.pcap": ([[6, "pexip.proxy.auth_unsupported"],
                                          [15, "pexip.proxy.auth_unsupported"]],) * 2,
    "media-icmp.pcap": ([[6, "pexip.media.icmp_unreachable"]],) * 2,
    "nat-private-address.pcap": ([[1, "pexip.nat.private_address"],
                                  [4, "pexip.media.unannounced_source"]],) * 2,
    "media-missing.pcap": ([], [[1, "pexip.media.missing"], [2, "pexip.media.missing"]]),
    "media-one-way.pcap": ([], [[1, "pexip.media.one_way"], [4, "pexip.media.one_way"]]),
    "content-missing.pcap": ([], [[8, "pexip.media.content_missing"]]),
    "refresh-unanswered.pcap": ([], [[6, "pexip.sip.refresh_unanswered"],
                                     [17, "pexip.sip.refresh_unanswered"]]),
    "h323-h245-unreachable.pcap": ([], [[8, "pexip.h323.h245_unreachable"]]),
    # issue 18: NAT seen from inside, what the service never answered
    "nat-register-inside.pcap": ([[2, "pexip.nat.via_received"],
                                  [6, "pexip.nat.via_received"]],) * 2,
    "nat-redirect.pcap": ([[7, "pexip.nat.private_address"]],) * 2,
    "sip-service-unanswered.pcap": ([], [[1, "pexip.sip.service_unanswered"],
                                         [4, "pexip.sip.service_unanswered"],
                                         [6, "pexip.sip.service_unanswered"]]),
    "webrtc-udp-blocked.pcap": ([], [[1, "pexip.webrtc.udp_blocked"]]),
    "webrtc-turn-refused.pcap": ([[14, "pexip.proxy.connect_failed"]],
                                 [[1, "pexip.webrtc.turn_refused"],
                                  [6, "pexip.webrtc.turn_refused"],
                                  [14, "pexip.proxy.connect_failed"]]),
    # healthy twins: silent on both passes
    "nat-register-inside-healthy.pcap": ([], []),
    "sip-service-answered.pcap": ([], []),
    "webrtc-udp-healthy.pcap": ([], []),
    "webrtc-turn-healthy.pcap": ([], []),
    "media-healthy.pcap": ([], []),
    "content-healthy.pcap": ([], []),
    "alg-sdp-origin-healthy.pcap": ([], []),
}


def expert_names(tshark):
    """Every Pexip expert info (an FT_NONE pexip.* field)."""
    _, out, _ = tshark.run(["-G", "fields"])
    names = [line.split("\t")[2] for line in out.splitlines()
             if line.startswith("F\t") and line.split("\t")[2].startswith("pexip.")
             and line.split("\t")[3] == "FT_NONE"]
    assert "pexip.media.missing" in names and "pexip.sip.encrypted" in names
    return names


@pytest.fixture(scope="module")
def names(tshark):
    return expert_names(tshark)


# Every capture with a Pexip expert info on some pass, and the healthy twins.
CHECKED = sorted(SHOWING | set(EXPECTED))


@pytest.mark.parametrize("capture", CHECKED)
def test_finding_is_each_expert_info_name(tshark, names, capture):
    # Per frame, the pexip.finding values are exactly the Pexip expert infos
    # on it (each as often as it occurs), on one pass and with -2; and where
    # the frames are known, exactly those.
    for two_pass in (False, True):
        rows = tshark.fields(capture, ["pexip.finding"] + names, two_pass=two_pass)
        for row in rows:
            findings = sorted(v for v in row[1].split(",") if v)
            experts = sorted(name for name, seen in zip(names, row[2:])
                             for x in seen.split(",") if x)
            assert findings == experts, (capture, two_pass, row[0])
        if capture in EXPECTED:
            assert [[r[0], r[1]] for r in rows if r[1]] == EXPECTED[capture][two_pass], \
                (capture, two_pass)


def test_two_findings_on_one_frame_are_two_items(tshark):
    # With the SBC's range excluding its announced port, the NAT INVITE
    # carries both its NAT note and the range note, in that order.
    rows = tshark.fields("nat-private-address.pcap", ["pexip.finding"],
                         options=["pexip.sbc_media_ports:30000-30001"])
    assert rows == [[1, "pexip.nat.private_address,pexip.media.outside_sbc_range"],
                    [4, "pexip.media.unannounced_source"]]
