"""Media-path expert infos (issue 5): exact frames, texts and severities
on their captures (test-captures/gen/media_calls.py, alg_calls.py), and
silence on the healthy twins.

pexip.media.missing, one_way and content_missing need the whole capture:
they are shown on the second pass (tshark -2, the GUI), never on a single
pass. icmp_unreachable, unannounced_source and outside_sbc_range are known
when their frame is read: both passes show them."""
import pytest

from conftest import WS

MEDIA = ["pexip.media.missing", "pexip.media.one_way", "pexip.media.content_missing",
         "pexip.media.icmp_unreachable", "pexip.media.unannounced_source",
         "pexip.media.outside_sbc_range"]
WARNING, NOTE, ERROR = str(0x00600000), str(0x00400000), str(0x00800000)
SERVICE_SIDE = "check that the customer side may send UDP to the service's media ports"
CUSTOMER_SIDE = "the receiving side's UDP media port range is likely not open to the service network"


def rows(tshark, capture, two_pass=True, options=()):
    return tshark.fields(capture, ["_ws.expert.message", "_ws.expert.severity"],
                         display_filter=" || ".join(MEDIA), two_pass=two_pass, options=options)


def test_missing_video_on_both_announcements(tshark):
    assert rows(tshark, "media-missing.pcap") == [
        [1, "No video packet reached 198.51.100.10:20002 (announced here) while other media of "
            "call 1 flowed for 6 s: " + CUSTOMER_SIDE, WARNING],
        [2, "No video packet reached 185.94.241.20:40002 (announced here) while other media of "
            "call 1 flowed for 6 s: " + SERVICE_SIDE, WARNING],
    ]
    assert tshark.frames("media-missing.pcap", "pexip.media.missing", options=()) == []  # one pass


def test_one_way_audio_on_its_setup_and_first_packet(tshark):
    assert rows(tshark, "media-one-way.pcap") == [
        [1, "One-way audio: none reached 198.51.100.10:20000 (announced here), the other way to "
            "185.94.241.20:40000 flowed for 6 s from frame 4: " + CUSTOMER_SIDE, WARNING],
        [4, "One-way audio: this direction flowed, none came back to 198.51.100.10:20000 "
            "(announced in frame 1)", WARNING],
    ]
    assert rows(tshark, "media-one-way.pcap", two_pass=False) == []


@pytest.mark.parametrize("capture", ["media-missing.pcap", "media-one-way.pcap"])
def test_media_timeout_preference(tshark, capture):
    # Six seconds of media: a seven-second wait says nothing yet.
    assert rows(tshark, capture, options=["pexip.media_timeout:7"]) == []
    assert rows(tshark, capture, options=["pexip.media_timeout:6"]) != []


def test_media_healthy_is_silent(tshark):
    assert rows(tshark, "media-healthy.pcap") == []
    assert tshark.fields("media-healthy.pcap", ["_ws.expert.message"], two_pass=True,
                         display_filter="pexip && _ws.expert.severity >= warning") == []


def test_content_missing_on_the_grant(tshark):
    assert rows(tshark, "content-missing.pcap") == [
        [8, "Floor granted, but no content to 198.51.100.10:20004 or 185.94.241.20:40004 within "
            "5 s while the call went on: " + CUSTOMER_SIDE, WARNING],
    ]
    # The grant is frame 8: the BFCP dissector says so.
    assert tshark.frames("content-missing.pcap", "pexip.bfcp.floor_status == \"granted\"") == [8]
    assert rows(tshark, "content-missing.pcap", two_pass=False) == []


def test_content_that_follows_the_grant_is_silent(tshark):
    assert rows(tshark, "content-healthy.pcap") == []
    # The older content captures end before the wait is over: nothing to say.
    assert rows(tshark, "sip-content.pcap") == []


def with_icmp_notes(frame, text, severity):
    """A row of rows() for an ICMP error frame: Wireshark's own expert infos
    on it (4.6 has one), then the plugin's."""
    notes = WS.icmp_error
    return [frame, ",".join([m for m, _ in notes] + [text]),
            ",".join([s for _, s in notes] + [severity])]


def test_icmp_unreachable_once_per_stream(tshark):
    text = ("ICMP unreachable for call 1 audio stream 1, 185.94.241.20:40000 to "
            "198.51.100.10:20000: that host or its firewall refuses the port; open the UDP media "
            "range to the service network")
    # Frame 6; not the second ICMP for the same stream (8), nor the one
    # about a packet of no call (10).
    assert rows(tshark, "media-icmp.pcap") == [with_icmp_notes(6, text, ERROR)]
    assert rows(tshark, "media-icmp.pcap", two_pass=False) == [with_icmp_notes(6, text, ERROR)]


def test_unannounced_source_behind_nat(tshark):
    text = ("audio to 185.94.241.20:40000 comes from 198.51.100.10:20000, not from "
            "10.20.30.40:20000 as announced in frame 1: NAT changed the source; the receiver must "
            "latch to it (symmetric RTP)")
    # The first packet to the service's audio (4); the service's packets
    # back go to the source it saw (latching): no finding on 5.
    assert rows(tshark, "nat-private-address.pcap", two_pass=False) == [[4, text, NOTE]]
    assert rows(tshark, "nat-private-address.pcap") == [[4, text, NOTE]]
    assert rows(tshark, "nat-private-address-healthy.pcap") == []


def test_outside_sbc_range(tshark):
    text = ("audio to 198.51.100.10: port 20000 is outside the SBC media ports 36000-59999 "
            "(pexip.sbc_media_ports): check the SBC's port range and the firewall rule that opens "
            "it to the service")
    opt = ["pexip.sbc_media_ports:36000-59999"]
    # The SBC's INVITE (1); not the service's answer (its destination is
    # the service's), not again for the same call.
    assert rows(tshark, "nat-private-address-healthy.pcap", options=opt, two_pass=False) == \
        [[1, text, NOTE]]
    assert rows(tshark, "nat-private-address-healthy.pcap", options=opt) == [[1, text, NOTE]]
    # Inside the range, or the preference empty (the default): nothing.
    assert rows(tshark, "nat-private-address-healthy.pcap",
                options=["pexip.sbc_media_ports:20000-29999"]) == []
    assert rows(tshark, "nat-private-address-healthy.pcap") == []


@pytest.mark.parametrize("capture", ["media-healthy.pcap", "media-missing.pcap",
                                     "media-one-way.pcap", "content-missing.pcap",
                                     "content-healthy.pcap", "media-icmp.pcap"])
def test_media_captures_dissect_cleanly(tshark, capture):
    # Wireshark alone: no malformed packet and no warning of its own.
    assert tshark.frames(capture, "_ws.malformed || _ws.expert.severity >= warning", bare=True) == []
