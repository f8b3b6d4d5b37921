"""Captures of H.323 calls to the service (H.225.0 call signalling, H.245).

No H.323 stack is packaged for Debian, so the messages are built here: the
ASN.1 types are walked by hand with the aligned-PER writer in per.py,
following H323-MESSAGES (H.225.0 v7, as in Wireshark's
epan/dissectors/asn1/h225/H323-MESSAGES.asn) and MULTIMEDIA-SYSTEM-CONTROL
(H.245). Only the root components and the extension additions these calls
use are modelled; every extension-addition bitmap lists all additions of
the type (as far as H.245 v10 / H.225.0 v7 know them), present or not.
While this was written, Wireshark 4.0 dissected every message without a
malformed mark or warning, and an independent aligned-PER codec (Erlang's
asn1 application, given the same types) decoded each H.225.0 UU-PDU, H.245
message and FastStart OLC and re-encoded it to the same bytes.

Layers: TPKT (RFC 1006) > Q.931 (with the H.225.0 H323-UserInformation in
the User-user information element, protocol discriminator 5, two-octet
length as H.225.0 uses it) on TCP 1720; H.245 over TPKT on its own TCP
connection to the h245Address of the Connect, or tunnelled in h245Control
of H.225.0 messages; RTP/RTCP on UDP to the addresses of the
OpenLogicalChannel(Ack) mediaChannel / mediaControlChannel.

The customer's endpoint (198.51.100.30) calls the service: the IVR at
185.94.242.66 or a conference node at 185.94.241.20. Frame numbers are
asserted in tests/test_h323_captures.py.
"""
import ipaddress
import struct

from pcapgen import Capture, TcpFlow, rtp_packet
from per import encode

EP = "198.51.100.30"          # the customer's H.323 endpoint
IVR = "185.94.242.66"         # service node answering direct IP dialling (IVR)
NODE = "185.94.241.20"        # a conference node
H225_PORT = 1720

H225_PROTOCOL = "0.0.8.2250.0.4"    # H.225.0 version 4
H245_PROTOCOL = "0.0.8.245.0.13"    # H.245 version 13

OID_H264 = "0.0.8.241.0.0.1"            # H.241 H.264 generic capability
OID_H239_CONTROL = "0.0.8.239.1.1"      # h239ControlCapability
OID_H239_VIDEO = "0.0.8.239.1.2"        # h239ExtendedVideoCapability
OID_H239_MESSAGE = "0.0.8.239.2"        # H.239 generic message


def ip4(addr):
    return ipaddress.ip_address(addr).packed


# =============================================================================
# H.245 (MULTIMEDIA-SYSTEM-CONTROL)
# =============================================================================

def h245_transport_address(w, addr, port):
    """TransportAddress: unicastAddress iPAddress {network, tsapIdentifier}."""
    w.choice(0, 2, extensible=True)           # unicastAddress
    w.choice(0, 5, extensible=True)           # iPAddress
    w.sequence_preamble(extensible=True)
    w.octet_string(ip4(addr), 4, 4)
    w.constrained_int(port, 0, 65535)


def generic_parameter(w, ident, kind, value=None):
    """GenericParameter with a standard ParameterIdentifier; kind is one of
    logical, booleanArray, unsignedMin, unsignedMax."""
    w.sequence_preamble(extensible=True, optionals=[False])   # no supersedes
    w.choice(0, 4, extensible=True)                          # standard
    w.constrained_int(ident, 0, 127)
    index = ["logical", "booleanArray", "unsignedMin", "unsignedMax"].index(kind)
    w.choice(index, 8, extensible=True)
    if kind == "booleanArray":
        w.constrained_int(value, 0, 255)
    elif kind in ("unsignedMin", "unsignedMax"):
        w.constrained_int(value, 0, 65535)


def generic_capability(w, oid, max_bit_rate=None, collapsing=()):
    """GenericCapability with a standard (OID) capabilityIdentifier;
    collapsing: (identifier, kind, value) parameters."""
    w.sequence_preamble(extensible=True, optionals=[
        max_bit_rate is not None, bool(collapsing), False, False, False])
    w.choice(0, 4, extensible=True)           # capabilityIdentifier: standard
    w.object_identifier(oid)
    if max_bit_rate is not None:
        w.constrained_int(max_bit_rate, 0, 4294967295)
    if collapsing:
        w.count(len(collapsing))
        for param in collapsing:
            generic_parameter(w, *param)


def video_h264(w):
    """VideoCapability genericVideoCapability: H.264 baseline (H.241
    profile 41 = 64), level 42 = 29 (1.2), 768 kbit/s."""
    w.choice_extension(0, lambda x: generic_capability(
        x, OID_H264, max_bit_rate=7680,
        collapsing=[(41, "booleanArray", 64), (42, "unsignedMin", 29)]))


def video_h239_presentation(w):
    """VideoCapability extendedVideoCapability: H.264 plus the H.239
    h239ExtendedVideoCapability with roleLabel (parameter 1) booleanArray
    1 = presentation (H.239 content)."""
    def extended(x):
        x.sequence_preamble(extensible=True, optionals=[True])   # videoCapabilityExtension
        x.count(1)
        video_h264(x)
        x.count(1)
        generic_capability(x, OID_H239_VIDEO, collapsing=[(1, "booleanArray", 1)])
    w.choice_extension(1, extended)


def audio_g711(w, law="u", frames=20):
    """AudioCapability g711Ulaw64k / g711Alaw64k (frames per packet)."""
    w.choice(3 if law == "u" else 1, 14, extensible=True)
    w.constrained_int(frames, 1, 256)


def data_type(w, kind):
    """DataType: 'null', 'g711u', 'g711a', 'h264' or 'h239' (presentation)."""
    if kind == "null":
        w.choice(1, 6, extensible=True)       # nullData
    elif kind in ("g711u", "g711a"):
        w.choice(3, 6, extensible=True)       # audioData
        audio_g711(w, kind[-1])
    elif kind == "h264":
        w.choice(2, 6, extensible=True)       # videoData
        video_h264(w)
    elif kind == "h239":
        w.choice(2, 6, extensible=True)       # videoData
        video_h239_presentation(w)
    else:
        raise ValueError(kind)


def h2250_parameters(session, media=None, control=None, payload_type=None,
                     associated=None, silence=None):
    """An encoder of H2250LogicalChannelParameters (open-type contents)."""
    def build(w):
        w.sequence_preamble(extensible=True, optionals=[
            False,                      # nonStandard
            associated is not None,     # associatedSessionID
            media is not None,          # mediaChannel
            False,                      # mediaGuaranteedDelivery
            control is not None,        # mediaControlChannel
            False,                      # mediaControlGuaranteedDelivery
            silence is not None,        # silenceSuppression
            False,                      # destination
            payload_type is not None,   # dynamicRTPPayloadType
            False])                     # mediaPacketization
        w.constrained_int(session, 0, 255)
        if associated is not None:
            w.constrained_int(associated, 1, 255)
        if media is not None:
            h245_transport_address(w, *media)
        if control is not None:
            h245_transport_address(w, *control)
        if silence is not None:
            w.boolean(silence)
        if payload_type is not None:
            w.constrained_int(payload_type, 96, 127)
    return build


def olc(w, channel, forward, forward_h2250=None, reverse=None, reverse_h2250=None):
    """OpenLogicalChannel. forward/reverse: data_type kinds; forward_h2250
    None means multiplexParameters none (FastStart receive proposals)."""
    w.sequence_preamble(extensible=True, optionals=[reverse is not None])
    w.constrained_int(channel, 1, 65535)
    # forwardLogicalChannelParameters
    w.sequence_preamble(extensible=True, optionals=[False])       # no portNumber
    data_type(w, forward)
    if forward_h2250 is None:
        w.choice_extension(1, lambda x: x.null())                 # none
    else:
        w.choice_extension(0, forward_h2250)                      # h2250LogicalChannelParameters
    if reverse is not None:
        w.sequence_preamble(extensible=True, optionals=[True])    # multiplexParameters
        data_type(w, reverse)
        w.choice_extension(0, reverse_h2250)


def olc_ack(w, channel, session, media, control):
    """OpenLogicalChannelAck with forwardMultiplexAckParameters
    h2250LogicalChannelAckParameters {sessionID, mediaChannel (RTP),
    mediaControlChannel (RTCP)}, flowControlToZero FALSE."""
    def ack_parameters(x):
        x.choice(0, 1, extensible=True)       # h2250LogicalChannelAckParameters
        x.sequence_preamble(extensible=True, extended=True,
                            optionals=[False, True, True, True, False])
        x.constrained_int(session, 1, 255)
        h245_transport_address(x, *media)
        h245_transport_address(x, *control)
        x.sequence_extensions([lambda y: y.boolean(False),      # flowControlToZero
                               None])                           # portNumber
    w.sequence_preamble(extensible=True, extended=True, optionals=[False])
    w.constrained_int(channel, 1, 65535)
    w.sequence_extensions([None,              # separateStack
                           ack_parameters,    # forwardMultiplexAckParameters
                           None])             # encryptionSync


# MultimediaSystemControlMessage: request, response, command, indication;
# the number of root alternatives of each.
_MSC = {"request": (0, 11), "response": (1, 19), "command": (2, 7), "indication": (3, 14)}


def h245_message(kind, index, body, extension=False):
    """A complete MultimediaSystemControlMessage."""
    def build(w):
        top, roots = _MSC[kind]
        w.choice(top, 4, extensible=True)
        if extension:
            w.choice_extension(index, body)
        else:
            w.choice(index, roots, extensible=True)
            body(w)
    return encode(build)


def capability_entries(content=False):
    """(number, writer) of the capability table: G.711 u/A-law, H.264, RFC
    2833/4733 telephone events (payload type 101); with content, an H.239
    presentation video capability and h239ControlCapability."""
    entries = [
        (1, lambda w: (w.choice(4, 12, True), audio_g711(w, "u"))),    # receiveAudioCapability
        (2, lambda w: (w.choice(4, 12, True), audio_g711(w, "a"))),
        (3, lambda w: (w.choice(1, 12, True), video_h264(w))),        # receiveVideoCapability
        (4, lambda w: w.choice_extension(10, lambda x: (              # receiveRTPAudioTelephonyEventCapability
            x.sequence_preamble(True), x.constrained_int(101, 96, 127), x.general_string("0-16")))),
    ]
    if content:
        entries += [
            (5, lambda w: (w.choice(1, 12, True), video_h239_presentation(w))),
            (6, lambda w: w.choice_extension(6, lambda x: generic_capability(x, OID_H239_CONTROL))),
        ]
    return entries


def tcs(sequence_number, content=False):
    """TerminalCapabilitySet: capability table and one descriptor whose
    simultaneous capabilities are {audio alternatives}, {video}, {events}
    (and {presentation}, {H.239 control})."""
    entries = capability_entries(content)
    groups = [[1, 2], [3], [4]] + ([[5], [6]] if content else [])

    def body(w):
        w.sequence_preamble(extensible=True, optionals=[False, True, True])
        w.constrained_int(sequence_number, 0, 255)
        w.object_identifier(H245_PROTOCOL)
        w.count(len(entries), 1, 256)
        for number, capability in entries:
            w.sequence_preamble(extensible=False, optionals=[True])
            w.constrained_int(number, 1, 65535)
            capability(w)
        w.count(1, 1, 256)                              # capabilityDescriptors
        w.sequence_preamble(extensible=False, optionals=[True])
        w.constrained_int(0, 0, 255)                    # capabilityDescriptorNumber
        w.count(len(groups), 1, 256)
        for group in groups:
            w.count(len(group), 1, 256)
            for number in group:
                w.constrained_int(number, 1, 65535)
    return h245_message("request", 2, body)


def tcs_ack(sequence_number):
    return h245_message("response", 3, lambda w: (
        w.sequence_preamble(True), w.constrained_int(sequence_number, 0, 255)))


def msd(terminal_type, status_number):
    return h245_message("request", 1, lambda w: (
        w.sequence_preamble(True), w.constrained_int(terminal_type, 0, 255),
        w.constrained_int(status_number, 0, 16777215)))


def msd_ack(decision):
    """decision: 'master' or 'slave', the status of the terminal it goes to."""
    return h245_message("response", 1, lambda w: (
        w.sequence_preamble(True), w.choice(["master", "slave"].index(decision), 2)))


def open_logical_channel(channel, kind, session, control, payload_type=None):
    """An OLC from its sender: forward channel only, with the sender's RTCP
    address (mediaControlChannel, the reverse RTCP channel)."""
    return h245_message("request", 3, lambda w: olc(
        w, channel, kind, h2250_parameters(session, control=control, payload_type=payload_type,
                                           silence=False if kind.startswith("g711") else None)))


def open_logical_channel_ack(channel, session, media, control):
    return h245_message("response", 5, lambda w: olc_ack(w, channel, session, media, control))


def end_session():
    return h245_message("command", 5, lambda w: w.choice(1, 3, extensible=True))   # disconnect


def user_input_alphanumeric(text):
    return h245_message("indication", 13, lambda w: (
        w.choice(1, 2, extensible=True), w.general_string(text)))


def user_input_signal(key, duration):
    """UserInputIndication signal {signalType, duration}."""
    def signal(w):
        w.sequence_preamble(extensible=True, optionals=[True, False])   # duration, no rtp
        w.ia5_string(key, 1, 1, alphabet="0123456789#*ABCD!")
        w.constrained_int(duration, 1, 65535)
    return h245_message("indication", 13, lambda w: w.choice_extension(1, signal))


def h239_message(kind, extension_index, sub_message, params):
    """An H.239 GenericMessage (messageIdentifier 0.0.8.239.2) as
    genericRequest / genericResponse / genericIndication."""
    def body(w):
        w.sequence_preamble(extensible=True, optionals=[True, True])
        w.choice(0, 4, extensible=True)
        w.object_identifier(OID_H239_MESSAGE)
        w.constrained_int(sub_message, 0, 127)
        w.count(len(params))
        for param in params:
            generic_parameter(w, *param)
    return h245_message(kind, extension_index, body, extension=True)


def presentation_token_request(terminal_label, channel, symmetry_breaking):
    """presentationTokenRequest (3): terminalLabel (44), channelId (42),
    symmetryBreaking (43)."""
    return h239_message("request", 4, 3, [(44, "unsignedMin", terminal_label),
                                          (42, "unsignedMin", channel),
                                          (43, "unsignedMin", symmetry_breaking)])


def presentation_token_response(terminal_label, channel):
    """presentationTokenResponse (4): acknowledge (126), terminalLabel, channelId."""
    return h239_message("response", 5, 4, [(126, "logical"),
                                           (44, "unsignedMin", terminal_label),
                                           (42, "unsignedMin", channel)])


def fast_start_olc(channel, kind, session, control, media=None, receive=False):
    """One FastStart proposal (an OpenLogicalChannel on its own). receive:
    the channel the sender wants to receive, as the reverse parameters of
    an OLC whose forward side is nullData (media: the sender's RTP address)."""
    if receive:
        return encode(lambda w: olc(w, channel, "null", None, kind,
                                    h2250_parameters(session, media=media, control=control)))
    return encode(lambda w: olc(w, channel, kind,
                                h2250_parameters(session, media=media, control=control)))


# =============================================================================
# H.225.0 (H323-MESSAGES)
# =============================================================================

def h225_transport_address(w, addr, port):
    w.choice(0, 7, extensible=True)           # ipAddress
    w.octet_string(ip4(addr), 4, 4)
    w.constrained_int(port, 0, 65535)


DIALLED_DIGITS = "0123456789#*,"


def alias_address(w, kind, value):
    """AliasAddress: dialledDigits, h323-ID, url-ID or email-ID."""
    if kind == "dialledDigits":
        w.choice(0, 2, extensible=True)
        w.ia5_string(value, 1, 128, alphabet=DIALLED_DIGITS)
    elif kind == "h323-ID":
        w.choice(1, 2, extensible=True)
        w.bmp_string(value, 1, 256)
    elif kind == "url-ID":
        w.choice_extension(0, lambda x: x.ia5_string(value, 1, 512))
    elif kind == "email-ID":
        w.choice_extension(2, lambda x: x.ia5_string(value, 1, 512))
    else:
        raise ValueError(kind)


def alias_list(w, aliases):
    w.count(len(aliases))
    for kind, value in aliases:
        alias_address(w, kind, value)


def endpoint_type(w, role):
    """EndpointType with a vendor and terminal (endpoint) or mcu + mc (service)."""
    w.sequence_preamble(extensible=True, optionals=[
        False, True, False, False, role == "mcu", role == "terminal"])
    # vendor: VendorIdentifier {H221NonStandard, productId, versionId}
    w.sequence_preamble(extensible=True, optionals=[True, True])
    w.sequence_preamble(extensible=True)
    w.constrained_int(0xB5, 0, 255)           # t35CountryCode (United States)
    w.constrained_int(0, 0, 255)              # t35Extension
    w.constrained_int(0x1234, 0, 65535)       # manufacturerCode
    product, version = ((b"Pexip Infinity", b"35.0") if role == "mcu"
                        else (b"Test Room System", b"1.0"))
    w.octet_string(product, 1, 256)
    w.octet_string(version, 1, 256)
    w.sequence_preamble(extensible=True, optionals=[False])   # McuInfo / TerminalInfo
    w.boolean(role == "mcu")                  # mc
    w.boolean(False)                          # undefinedNode


def call_identifier(guid):
    def build(w):
        w.sequence_preamble(extensible=True)
        w.octet_string(guid, 16, 16)
    return build


def boolean(value):
    return lambda w: w.boolean(value)


def octet_strings(items):
    def build(w):
        w.count(len(items))
        for item in items:
            w.octet_string(item)
    return build


# How many extension additions Setup-UUIE and Connect-UUIE have in
# H.225.0 v7, the version these captures follow: the length of their
# extension-addition bitmaps. An encoder that follows an older version
# writes shorter bitmaps (record/h323_peer.py: the Linux kernel's H.323
# helper knows 26 and 15).
SETUP_ADDITIONS = 28
CONNECT_ADDITIONS = 16


def setup_uuie(call_id, conference_id, dest_aliases=(), dest_signal=None, source_aliases=(),
               source_signal=None, fast_start=(), h245_address=None, additions=SETUP_ADDITIONS):
    count = additions

    def build(w):
        w.sequence_preamble(extensible=True, extended=True, optionals=[
            h245_address is not None,   # h245Address
            bool(source_aliases),       # sourceAddress
            bool(dest_aliases),         # destinationAddress
            dest_signal is not None,    # destCallSignalAddress
            False, False, False])       # destExtraCallInfo, destExtraCRV, callServices
        w.object_identifier(H225_PROTOCOL)
        if h245_address is not None:
            h225_transport_address(w, *h245_address)
        if source_aliases:
            alias_list(w, source_aliases)
        endpoint_type(w, "terminal")                # sourceInfo
        if dest_aliases:
            alias_list(w, dest_aliases)
        if dest_signal is not None:
            h225_transport_address(w, *dest_signal)
        w.boolean(False)                            # activeMC
        w.octet_string(conference_id, 16, 16)       # conferenceID
        w.choice(0, 3, extensible=True)             # conferenceGoal: create
        w.choice(0, 4, extensible=True)             # callType: pointToPoint
        additions = [None] * count
        if source_signal is not None:
            additions[0] = lambda x: h225_transport_address(x, *source_signal)
        additions[2] = call_identifier(call_id)
        if fast_start:
            additions[6] = octet_strings(fast_start)
        additions[7] = boolean(False)               # mediaWaitForConnect
        additions[8] = boolean(False)               # canOverlapSend
        additions[10] = boolean(False)              # multipleCalls
        additions[11] = boolean(False)              # maintainConnection
        w.sequence_extensions(additions)
    return build


def _response_uuie(addition_count, fast_start_at, multiple_calls_at, call_id, fast_start):
    """The extension additions shared by CallProceeding/Alerting/Connect:
    callIdentifier first, fastStart, multipleCalls, maintainConnection."""
    additions = [None] * addition_count
    additions[0] = call_identifier(call_id)
    if fast_start:
        additions[fast_start_at] = octet_strings(fast_start)
    additions[multiple_calls_at] = boolean(False)
    additions[multiple_calls_at + 1] = boolean(False)
    return additions


def call_proceeding_uuie(call_id, fast_start=()):
    def build(w):
        w.sequence_preamble(extensible=True, extended=True, optionals=[False])   # h245Address
        w.object_identifier(H225_PROTOCOL)
        endpoint_type(w, "mcu")                     # destinationInfo
        w.sequence_extensions(_response_uuie(9, 4, 5, call_id, fast_start))
    return build


def alerting_uuie(call_id):
    def build(w):
        w.sequence_preamble(extensible=True, extended=True, optionals=[False])
        w.object_identifier(H225_PROTOCOL)
        endpoint_type(w, "mcu")
        w.sequence_extensions(_response_uuie(15, 4, 5, call_id, ()))
    return build


def connect_uuie(call_id, conference_id, h245_address=None, fast_start=(),
                 additions=CONNECT_ADDITIONS):
    def build(w):
        w.sequence_preamble(extensible=True, extended=True, optionals=[h245_address is not None])
        w.object_identifier(H225_PROTOCOL)
        if h245_address is not None:
            h225_transport_address(w, *h245_address)
        endpoint_type(w, "mcu")
        w.octet_string(conference_id, 16, 16)
        w.sequence_extensions(_response_uuie(additions, 4, 5, call_id, fast_start))
    return build


def release_complete_uuie(call_id):
    def build(w):
        w.sequence_preamble(extensible=True, extended=True, optionals=[True])    # reason
        w.object_identifier(H225_PROTOCOL)
        w.choice(11, 12, extensible=True)           # reason: undefinedReason
        additions = [None] * 11
        additions[0] = call_identifier(call_id)
        w.sequence_extensions(additions)
    return build


# h323-message-body: root alternatives (7) and those after the `...`
BODY_ROOT = ["setup", "callProceeding", "connect", "alerting", "information",
             "releaseComplete", "facility"]
BODY_EXTENSION = ["progress", "empty", "status", "statusInquiry", "setupAcknowledge", "notify"]


def h323_user_information(body, uuie=None, tunnelling=False, h245=()):
    """H323-UserInformation { h323-uu-pdu { h323-message-body, ...,
    h245Tunnelling, h245Control } } (no user-data)."""
    def build(w):
        w.sequence_preamble(extensible=True, optionals=[False])            # user-data
        w.sequence_preamble(extensible=True, extended=True, optionals=[False])   # nonStandardData
        if body in BODY_ROOT:
            w.choice(BODY_ROOT.index(body), 7, extensible=True)
            uuie(w)
        else:
            w.choice_extension(BODY_EXTENSION.index(body), uuie or (lambda x: x.null()))
        additions = [None] * 9
        additions[1] = boolean(tunnelling)                                 # h245Tunnelling
        if h245:
            additions[2] = octet_strings(h245)                             # h245Control
        w.sequence_extensions(additions)
    return encode(build)


# ---- Q.931 and TPKT ---------------------------------------------------------

Q931_ALERTING, Q931_CALL_PROCEEDING, Q931_CONNECT, Q931_SETUP = 0x01, 0x02, 0x07, 0x05
Q931_RELEASE_COMPLETE, Q931_FACILITY = 0x5A, 0x62


def q931(message_type, call_ref, from_originator, ies):
    """A Q.931 message with a two-octet call reference (flag set on
    messages from the side that did not originate the call)."""
    flag = 0 if from_originator else 0x80
    return bytes([0x08, 0x02, flag | (call_ref >> 8), call_ref & 0xFF, message_type]) + b"".join(ies)


def q931_ie(ident, content):
    return bytes([ident, len(content)]) + content


BEARER_CAPABILITY = q931_ie(0x04, bytes([0x88, 0x90, 0xA5]))   # unrestricted digital, 64 kbit/s
CAUSE_NORMAL_CLEARING = q931_ie(0x08, bytes([0x80, 0x90]))     # user location, cause 16


def called_party_number(digits):
    return q931_ie(0x70, b"\x81" + digits.encode("ascii"))      # unknown type, ISDN/E.164 plan


def display(text):
    return q931_ie(0x28, text.encode("ascii"))


def user_user(h225):
    """User-user IE: two-octet length (H.225.0), discriminator 5 (X.208/X.209)."""
    return bytes([0x7E]) + struct.pack("!H", len(h225) + 1) + b"\x05" + h225


def tpkt(payload):
    return struct.pack("!BBH", 3, 0, len(payload) + 4) + payload


def cs(message_type, call_ref, from_originator, h225, extra_ies=()):
    """One H.225.0 call signalling message: TPKT > Q.931 > User-user IE."""
    return tpkt(q931(message_type, call_ref, from_originator, list(extra_ies) + [user_user(h225)]))


class Call:
    """One call's H.225.0 messages: the endpoint calls the service."""

    def __init__(self, call_ref, call_id, conference_id, tunnelling=False):
        self.ref, self.call_id, self.conf = call_ref, call_id, conference_id
        self.tunnelling = tunnelling

    def setup(self, dest_aliases=(), dest_signal=None, source_aliases=(), source_signal=None,
              fast_start=(), digits=None, h245_address=None, additions=SETUP_ADDITIONS):
        ies = [BEARER_CAPABILITY, display("Test Room System")]
        if digits:
            ies.append(called_party_number(digits))
        uuie = setup_uuie(self.call_id, self.conf, dest_aliases, dest_signal, source_aliases,
                          source_signal, fast_start, h245_address, additions)
        return cs(Q931_SETUP, self.ref, True,
                  h323_user_information("setup", uuie, self.tunnelling), ies)

    def call_proceeding(self, fast_start=()):
        return cs(Q931_CALL_PROCEEDING, self.ref, False, h323_user_information(
            "callProceeding", call_proceeding_uuie(self.call_id, fast_start), self.tunnelling))

    def alerting(self):
        return cs(Q931_ALERTING, self.ref, False, h323_user_information(
            "alerting", alerting_uuie(self.call_id), self.tunnelling))

    def connect(self, h245_address=None, fast_start=(), h245=(), additions=CONNECT_ADDITIONS):
        return cs(Q931_CONNECT, self.ref, False, h323_user_information(
            "connect", connect_uuie(self.call_id, self.conf, h245_address, fast_start, additions),
            self.tunnelling, h245), [display("Pexip")])

    def facility(self, from_originator, h245):
        """A Facility whose body is `empty`: it only carries tunnelled H.245."""
        return cs(Q931_FACILITY, self.ref, from_originator,
                  h323_user_information("empty", None, self.tunnelling, h245))

    def release_complete(self, from_originator):
        return cs(Q931_RELEASE_COMPLETE, self.ref, from_originator, h323_user_information(
            "releaseComplete", release_complete_uuie(self.call_id), self.tunnelling),
            [CAUSE_NORMAL_CLEARING])


# ---- media ----------------------------------------------------------------------

def rtcp_sender_report(ssrc, rtp_timestamp, packets, octets):
    """An RTCP SR without report blocks (28 octets), fixed NTP time."""
    return struct.pack("!BBHIIIIII", 0x80, 200, 6, ssrc, 0xE8E1F2A0, 0x80000000,
                       rtp_timestamp, packets, octets)


def rtp_event(seq, timestamp, ssrc, event, duration, end=True, marker=False):
    """RFC 4733 telephone-event (payload type 101): event, E bit, volume 10."""
    payload = struct.pack("!BBH", event, (0x80 if end else 0) | 10, duration)
    return rtp_packet(seq, timestamp, ssrc, 101, payload, marker=marker)


H264_IDR = b"\x65\x88\x84\x00" + bytes(range(36))      # a small IDR slice NAL unit
PCMU = b"\xff" * 160

GUID_DIRECT = bytes.fromhex("0a1b2c3d4e5f40718293a4b5c6d7e8f0")
GUID_TUNNEL = bytes.fromhex("1a1b2c3d4e5f40718293a4b5c6d7e8f1")
GUID_FAST = bytes.fromhex("2a1b2c3d4e5f40718293a4b5c6d7e8f2")
GUID_CONTENT = bytes.fromhex("3a1b2c3d4e5f40718293a4b5c6d7e8f3")
GUID_IVR = bytes.fromhex("4a1b2c3d4e5f40718293a4b5c6d7e8f4")
GUID_IVR_EVENTS = bytes.fromhex("4a1b2c3d4e5f40718293a4b5c6d7e8f5")
GUID_H245_BLOCKED = bytes.fromhex("6a1b2c3d4e5f40718293a4b5c6d7e8f6")
GUID_DIAL = [bytes.fromhex("5a1b2c3d4e5f40718293a4b5c6d7e8%02x" % n) for n in range(1, 6)]
CONFERENCE_ID = bytes.fromhex("cf0e5e00112233445566778899aabbcc")


# =============================================================================
# Captures
# =============================================================================

def _dial_ivr(c, call, port):
    """The endpoint dials 87654321 at the IVR from port: TCP handshake
    (1-3), Setup (4), CallProceeding (5), Alerting (6), Connect naming the
    service's h245Address 185.94.242.66:33001 (7). Returns the H.225.0
    connection."""
    sig = TcpFlow(c, EP, port, IVR, H225_PORT)
    sig.handshake()
    sig.client_sends(call.setup(dest_aliases=[("dialledDigits", "87654321")],
                                dest_signal=(IVR, H225_PORT),
                                source_aliases=[("h323-ID", "room30")],
                                source_signal=(EP, port), digits="87654321"))
    sig.server_sends(call.call_proceeding())
    sig.server_sends(call.alerting())
    sig.server_sends(call.connect(h245_address=(IVR, 33001)))
    return sig


def direct():
    """Direct IP call to the IVR node with a separate H.245 connection: TCS,
    MSD, audio (G.711) and video (H.264) both ways, RTP and RTCP to the
    acknowledged addresses, EndSessionCommand, ReleaseComplete."""
    c = Capture()
    call = Call(0x0101, GUID_DIRECT, CONFERENCE_ID)
    sig = _dial_ivr(c, call, 49200)                                                       # 1-7
    h245 = TcpFlow(c, EP, 49201, IVR, 33001)
    h245.handshake()                                                                      # 8-10
    h245.client_sends(tpkt(tcs(1)))                                                       # 11 TCS
    h245.server_sends(tpkt(tcs_ack(1)))                                                   # 12 TCSAck
    h245.server_sends(tpkt(tcs(1)))                                                       # 13 TCS
    h245.client_sends(tpkt(tcs_ack(1)))                                                   # 14 TCSAck
    h245.client_sends(tpkt(msd(50, 0x123456)))                                            # 15 MSD
    h245.server_sends(tpkt(msd_ack("slave")))                                             # 16 MSDAck
    h245.client_sends(tpkt(msd_ack("master")))                                            # 17 MSDAck
    h245.client_sends(tpkt(open_logical_channel(1, "g711u", 1, (EP, 5005))))              # 18 OLC 1 audio
    h245.client_sends(tpkt(open_logical_channel(2, "h264", 2, (EP, 5007), 97)))           # 19 OLC 2 video
    h245.server_sends(tpkt(open_logical_channel_ack(1, 1, (IVR, 40000), (IVR, 40001))))   # 20 OLCAck 1
    h245.server_sends(tpkt(open_logical_channel_ack(2, 2, (IVR, 40002), (IVR, 40003))))   # 21 OLCAck 2
    h245.server_sends(tpkt(open_logical_channel(101, "g711u", 1, (IVR, 40001))))          # 22 OLC 101 audio
    h245.server_sends(tpkt(open_logical_channel(102, "h264", 2, (IVR, 40003), 97)))       # 23 OLC 102 video
    h245.client_sends(tpkt(open_logical_channel_ack(101, 1, (EP, 5004), (EP, 5005))))     # 24 OLCAck 101
    h245.client_sends(tpkt(open_logical_channel_ack(102, 2, (EP, 5006), (EP, 5007))))     # 25 OLCAck 102
    c.advance(0.1)
    for seq in (1, 2):                                                                    # 26-29, 30-33
        c.udp(EP, 5004, IVR, 40000, rtp_packet(seq, 160 * seq, 0xE1, 0, PCMU))            # 26, 30 audio to the node
        c.udp(IVR, 40000, EP, 5004, rtp_packet(seq, 160 * seq, 0x51, 0, PCMU))            # 27, 31 audio to the endpoint
        c.udp(EP, 5006, IVR, 40002, rtp_packet(seq, 3000 * seq, 0xE2, 97, H264_IDR, True))  # 28, 32 video to the node
        c.udp(IVR, 40002, EP, 5006, rtp_packet(seq, 3000 * seq, 0x52, 97, H264_IDR, True))  # 29, 33 video to EP
    c.udp(EP, 5005, IVR, 40001, rtcp_sender_report(0xE1, 320, 2, 320))                   # 34 RTCP to the node
    c.udp(IVR, 40001, EP, 5005, rtcp_sender_report(0x51, 320, 2, 320))                   # 35 RTCP to the endpoint
    c.udp(EP, 5007, IVR, 40003, rtcp_sender_report(0xE2, 6000, 2, 80))                   # 36 RTCP video
    c.advance(1.0)
    h245.client_sends(tpkt(end_session()))                                                # 37 EndSessionCommand
    h245.server_sends(tpkt(end_session()))                                                # 38 EndSessionCommand
    sig.client_sends(call.release_complete(True))                                         # 39 ReleaseComplete
    return c


def tunnel():
    """The same call with H.245 tunnelled in h245Control (no H.245
    connection): TCS and MSD in the Connect and Facility messages, audio
    OLCs, a tunnelled user input signal, EndSessionCommand."""
    c = Capture()
    # frames 8-12, 18, 19 are Facility messages with an empty body
    call = Call(0x0202, GUID_TUNNEL, CONFERENCE_ID, tunnelling=True)
    sig = TcpFlow(c, EP, 49210, IVR, H225_PORT)
    sig.handshake()                                                                       # 1-3
    sig.client_sends(call.setup(dest_aliases=[("dialledDigits", "87654321")],
                                dest_signal=(IVR, H225_PORT), source_signal=(EP, 49210),
                                digits="87654321"))                                       # 4 Setup
    sig.server_sends(call.call_proceeding())                                              # 5 CallProceeding
    sig.server_sends(call.alerting())                                                     # 6 Alerting
    sig.server_sends(call.connect(h245=[tcs(1), msd(190, 0x654321)]))                     # 7 Connect + TCS, MSD
    sig.client_sends(call.facility(True, [tcs(1), tcs_ack(1), msd_ack("master")]))        # 8 TCS, TCSAck, MSDAck
    sig.server_sends(call.facility(False, [tcs_ack(1), msd_ack("slave")]))                # 9 TCSAck, MSDAck
    sig.client_sends(call.facility(True, [open_logical_channel(1, "g711u", 1, (EP, 5015))]))  # 10 OLC 1
    sig.server_sends(call.facility(False, [
        open_logical_channel_ack(1, 1, (IVR, 40010), (IVR, 40011)),
        open_logical_channel(101, "g711u", 1, (IVR, 40011))]))                            # 11 OLCAck 1, OLC 101
    sig.client_sends(call.facility(True, [
        open_logical_channel_ack(101, 1, (EP, 5014), (EP, 5015))]))                       # 12 OLCAck 101
    c.advance(0.1)
    for seq in (1, 2):                                                                    # 13-14, 15-16
        c.udp(EP, 5014, IVR, 40010, rtp_packet(seq, 160 * seq, 0xE3, 0, PCMU))            # 13, 15 to the node
        c.udp(IVR, 40010, EP, 5014, rtp_packet(seq, 160 * seq, 0x53, 0, PCMU))            # 14, 16 to the endpoint
    c.udp(EP, 5015, IVR, 40011, rtcp_sender_report(0xE3, 320, 2, 320))                   # 17 RTCP to the node
    sig.client_sends(call.facility(True, [user_input_signal("1", 200)]))                  # 18 UII signal "1"
    c.advance(1.0)
    sig.client_sends(call.facility(True, [end_session()]))                                # 19 EndSessionCommand
    sig.server_sends(call.release_complete(False))                                        # 20 ReleaseComplete
    return c


def faststart():
    """FastStart: the Setup proposes G.711 to send (with its RTCP) and to
    receive (reverse parameters with its RTP/RTCP); the Connect returns the
    accepted channels with the node's addresses. No H.245 at all."""
    c = Capture()
    call = Call(0x0303, GUID_FAST, CONFERENCE_ID, tunnelling=True)
    proposals = [
        fast_start_olc(1, "g711u", 1, control=(EP, 5025)),                               # EP sends
        fast_start_olc(2, "g711u", 1, control=(EP, 5025), media=(EP, 5024), receive=True),  # EP receives
    ]
    accepted = [
        fast_start_olc(1, "g711u", 1, control=(IVR, 40021), media=(IVR, 40020)),
        fast_start_olc(2, "g711u", 1, control=(EP, 5025), media=(EP, 5024), receive=True),
    ]
    sig = TcpFlow(c, EP, 49220, IVR, H225_PORT)
    sig.handshake()                                                                       # 1-3
    sig.client_sends(call.setup(dest_aliases=[("dialledDigits", "87654321")],
                                dest_signal=(IVR, H225_PORT), source_signal=(EP, 49220),
                                fast_start=proposals, digits="87654321"))                 # 4 Setup + fastStart
    sig.server_sends(call.call_proceeding())                                              # 5 CallProceeding
    sig.server_sends(call.connect(fast_start=accepted))                                   # 6 Connect + fastStart
    c.advance(0.1)
    for seq in (1, 2, 3):                                                                 # 7-12
        c.udp(EP, 5024, IVR, 40020, rtp_packet(seq, 160 * seq, 0xE4, 0, PCMU))            # 7, 9, 11 to the node
        c.udp(IVR, 40020, EP, 5024, rtp_packet(seq, 160 * seq, 0x54, 0, PCMU))            # 8, 10, 12 to the endpoint
    c.udp(IVR, 40021, EP, 5025, rtcp_sender_report(0x54, 480, 3, 480))                   # 13 RTCP to the endpoint
    c.advance(1.0)
    sig.client_sends(call.release_complete(True))                                         # 14 ReleaseComplete
    return c


def content():
    """A call to a conference node with H.239: TCS with the presentation
    capability and h239ControlCapability, audio both ways, then the
    endpoint takes the presentation token and opens a presentation (H.239
    role label 'presentation', H.264) channel to the node; content RTP."""
    c = Capture()
    call = Call(0x0404, GUID_CONTENT, CONFERENCE_ID)
    sig = TcpFlow(c, EP, 49230, NODE, H225_PORT)
    sig.handshake()                                                                       # 1-3
    sig.client_sends(call.setup(dest_aliases=[("h323-ID", "87654321@vmr.vc")],
                                dest_signal=(NODE, H225_PORT), source_signal=(EP, 49230)))  # 4 Setup
    sig.server_sends(call.call_proceeding())                                              # 5 CallProceeding
    sig.server_sends(call.connect(h245_address=(NODE, 33010)))                            # 6 Connect, h245Address
    h245 = TcpFlow(c, EP, 49231, NODE, 33010)
    h245.handshake()                                                                      # 7-9
    h245.client_sends(tpkt(tcs(1, content=True)))                                         # 10 TCS (H.239)
    h245.server_sends(tpkt(tcs(1, content=True)) + tpkt(tcs_ack(1)))                      # 11 TCS + TCSAck
    h245.client_sends(tpkt(tcs_ack(1)))                                                   # 12 TCSAck
    h245.client_sends(tpkt(open_logical_channel(1, "g711u", 1, (EP, 5035))))              # 13 OLC 1 audio
    h245.server_sends(tpkt(open_logical_channel_ack(1, 1, (NODE, 40030), (NODE, 40031)))
                      + tpkt(open_logical_channel(101, "g711u", 1, (NODE, 40031))))       # 14 OLCAck 1 + OLC 101
    h245.client_sends(tpkt(open_logical_channel_ack(101, 1, (EP, 5034), (EP, 5035))))     # 15 OLCAck 101
    c.advance(0.1)
    c.udp(EP, 5034, NODE, 40030, rtp_packet(1, 160, 0xE5, 0, PCMU))                      # 16 audio to the node
    c.udp(NODE, 40030, EP, 5034, rtp_packet(1, 160, 0x55, 0, PCMU))                      # 17 audio to the endpoint
    c.advance(1.0)
    h245.client_sends(tpkt(presentation_token_request(1, 3, 77)))                         # 18 presentationTokenRequest
    h245.server_sends(tpkt(presentation_token_response(1, 3)))                            # 19 presentationTokenResponse
    h245.client_sends(tpkt(open_logical_channel(3, "h239", 3, (EP, 5039), 97)))           # 20 OLC 3 presentation
    h245.server_sends(tpkt(open_logical_channel_ack(3, 3, (NODE, 40038), (NODE, 40039))))  # 21 OLCAck 3
    c.advance(0.1)
    for seq in (1, 2, 3):                                                                 # 22-24 content to the node
        c.udp(EP, 5038, NODE, 40038, rtp_packet(seq, 9000 * seq, 0xE6, 97, H264_IDR, True))
    c.udp(EP, 5039, NODE, 40039, rtcp_sender_report(0xE6, 27000, 3, 120))                # 25 content RTCP
    c.udp(EP, 5034, NODE, 40030, rtp_packet(2, 320, 0xE5, 0, PCMU))                      # 26 audio goes on
    c.advance(1.0)
    h245.client_sends(tpkt(end_session()))                                                # 27 EndSessionCommand
    sig.client_sends(call.release_complete(True))                                         # 28 ReleaseComplete
    return c


def ivr_dtmf():
    """A call to the IVR with no alias (destCallSignalAddress only), a
    separate H.245 connection with audio both ways, the conference number
    keyed as H.245 userInputIndication alphanumeric (one digit a message),
    then again as RFC 4733 telephone-events in the RTP stream (PT 101)."""
    c = Capture()
    call = Call(0x0505, GUID_IVR, CONFERENCE_ID)
    sig = TcpFlow(c, EP, 49240, IVR, H225_PORT)
    sig.handshake()                                                                       # 1-3
    sig.client_sends(call.setup(dest_signal=(IVR, H225_PORT), source_signal=(EP, 49240)))  # 4 Setup, no alias
    sig.server_sends(call.call_proceeding())                                              # 5 CallProceeding
    sig.server_sends(call.connect(h245_address=(IVR, 33020)))                             # 6 Connect, h245Address
    h245 = TcpFlow(c, EP, 49241, IVR, 33020)
    h245.handshake()                                                                      # 7-9
    h245.client_sends(tpkt(tcs(1)))                                                       # 10 TCS
    h245.server_sends(tpkt(tcs(1)) + tpkt(tcs_ack(1)))                                    # 11 TCS + TCSAck
    h245.client_sends(tpkt(tcs_ack(1)))                                                   # 12 TCSAck
    h245.client_sends(tpkt(open_logical_channel(1, "g711u", 1, (EP, 5045))))              # 13 OLC 1
    h245.server_sends(tpkt(open_logical_channel_ack(1, 1, (IVR, 40040), (IVR, 40041))))   # 14 OLCAck 1
    h245.server_sends(tpkt(open_logical_channel(101, "g711u", 1, (IVR, 40041))))          # 15 OLC 101
    h245.client_sends(tpkt(open_logical_channel_ack(101, 1, (EP, 5044), (EP, 5045))))     # 16 OLCAck 101
    c.advance(0.1)
    c.udp(IVR, 40040, EP, 5044, rtp_packet(1, 160, 0x56, 0, PCMU))                       # 17 IVR prompt
    c.udp(EP, 5044, IVR, 40040, rtp_packet(1, 160, 0xE7, 0, PCMU))                       # 18 audio to the IVR
    for key in "87654321#":                                                               # 19-27 UII alphanumeric,
        c.advance(0.3)                                                                    # "8" (19) ... "#" (27)
        h245.client_sends(tpkt(user_input_alphanumeric(key)))
    c.advance(1.0)
    ts = 8000
    for n, key in enumerate("87654321#"):                                                 # 28-36 RFC 4733 events,
        event = 11 if key == "#" else int(key)                                            # 8 (28) ... # = 11 (36)
        c.advance(0.3)
        c.udp(EP, 5044, IVR, 40040, rtp_event(10 + n, ts + 1600 * n, 0xE7, event, 800, marker=True))
    c.advance(1.0)
    sig.client_sends(call.release_complete(True))                                         # 37 ReleaseComplete
    return c


def ivr_rtp_events():
    """A FastStart call to the IVR with no alias, the conference number
    keyed only as RFC 4733 telephone-events the way phones send them: each
    key as a start packet and an end packet sent twice, all with the key's
    RTP timestamp; "87788321#" repeats 7 and 8 (told apart only by their
    timestamps)."""
    c = Capture()
    call = Call(0x0506, GUID_IVR_EVENTS, CONFERENCE_ID, tunnelling=True)
    proposals = [
        fast_start_olc(1, "g711u", 1, control=(EP, 5055)),
        fast_start_olc(2, "g711u", 1, control=(EP, 5055), media=(EP, 5054), receive=True),
    ]
    accepted = [
        fast_start_olc(1, "g711u", 1, control=(IVR, 40051), media=(IVR, 40050)),
        fast_start_olc(2, "g711u", 1, control=(EP, 5055), media=(EP, 5054), receive=True),
    ]
    sig = TcpFlow(c, EP, 49245, IVR, H225_PORT)
    sig.handshake()                                                                       # 1-3
    sig.client_sends(call.setup(dest_signal=(IVR, H225_PORT), source_signal=(EP, 49245),
                                fast_start=proposals))                                    # 4 Setup, no alias
    sig.server_sends(call.call_proceeding())                                              # 5 CallProceeding
    sig.server_sends(call.connect(fast_start=accepted))                                   # 6 Connect + fastStart
    c.advance(0.1)
    c.udp(IVR, 40050, EP, 5054, rtp_packet(1, 160, 0x58, 0, PCMU))                       # 7 IVR prompt
    c.udp(EP, 5054, IVR, 40050, rtp_packet(1, 160, 0xE8, 0, PCMU))                       # 8 audio to the IVR
    seq = 2
    for n, key in enumerate("87788321#"):                                                 # 9-35: key n in
        event = 11 if key == "#" else int(key)                                            # 9+3n (start),
        ts = 8000 + 1600 * n                                                              # 10+3n, 11+3n (end)
        c.advance(0.3)
        c.udp(EP, 5054, IVR, 40050, rtp_event(seq, ts, 0xE8, event, 160, end=False, marker=True))
        c.udp(EP, 5054, IVR, 40050, rtp_event(seq + 1, ts, 0xE8, event, 800))
        c.udp(EP, 5054, IVR, 40050, rtp_event(seq + 2, ts, 0xE8, event, 800))
        seq += 3
    c.advance(1.0)
    sig.client_sends(call.release_complete(True))                                         # 36 ReleaseComplete
    return c


DIALLING = [
    # (destination aliases, node, Q.931 called party digits)
    ([("h323-ID", "185.94.242.66##87654321")], IVR, None),     # typed as one string: h323-ID
    ([("dialledDigits", "87654321")], IVR, "87654321"),        # IP##number split by the device
    ([("h323-ID", "87654321@185.94.242.66")], IVR, None),      # number@IP typed: h323-ID
    ([("url-ID", "h323:87654321@vmr.vc")], NODE, None),        # an H.323 URL (H.323 Annex O)
    ([("email-ID", "person.vmr@pexip.com")], NODE, None),      # an e-mail style address
]


def dialling():
    """Five short calls, one per dialling form (Setup, CallProceeding,
    ReleaseComplete from the service), each on its own TCP connection with
    its own callIdentifier. Forms and alias types:
      1  "185.94.242.66##87654321"  h323-ID, to 185.94.242.66
      2  "87654321"                 dialledDigits (+ Q.931 called party
                                    number), destCallSignalAddress
                                    185.94.242.66: how a device sends
                                    "185.94.242.66##87654321" split at ##
      3  "87654321@185.94.242.66"   h323-ID, to 185.94.242.66
      4  "h323:87654321@vmr.vc"     url-ID, to the node 185.94.241.20
      5  "person.vmr@pexip.com"     email-ID, to the node 185.94.241.20
    Frames 1-6 are call 1, 7-12 call 2, and so on."""
    c = Capture()
    for n, (aliases, node, digits) in enumerate(DIALLING):                               # 6 frames a call
        call = Call(0x0601 + n, GUID_DIAL[n], CONFERENCE_ID)
        port = 49250 + n
        sig = TcpFlow(c, EP, port, node, H225_PORT)
        sig.handshake()                                                                   # 6n+1 - 6n+3
        sig.client_sends(call.setup(dest_aliases=aliases, dest_signal=(node, H225_PORT),
                                    source_signal=(EP, port), digits=digits))             # 6n+4 Setup
        sig.server_sends(call.call_proceeding())                                          # 6n+5 CallProceeding
        sig.server_sends(call.release_complete(False))                                    # 6n+6 ReleaseComplete
        c.advance(0.5)
    return c


def h245_unreachable():
    """The same direct call, but the customer's firewall drops the
    endpoint's TCP connection to the service's h245Address (33001): its
    SYN (8) and two retransmissions (9, 10, one and three seconds later)
    get no answer, no H.245 ever flows, and the endpoint gives up with
    ReleaseComplete (11). pexip.h323.h245_unreachable on frame 8 (second
    pass); h323-direct.pcap is its healthy twin."""
    c = Capture()
    call = Call(0x0707, GUID_H245_BLOCKED, CONFERENCE_ID)
    sig = _dial_ivr(c, call, 49300)                                                       # 1-7
    h245 = TcpFlow(c, EP, 49301, IVR, 33001)
    h245.syn_only()                                                                       # 8 SYN
    c.advance(1.0)
    h245.syn_only()                                                                       # 9 again
    c.advance(2.0)
    h245.syn_only()                                                                       # 10 again
    c.advance(4.0)
    sig.client_sends(call.release_complete(True))                                         # 11
    return c


GUID_NAT = bytes.fromhex("7a1b2c3d4e5f40718293a4b5c6d7e8f7")
FIREWALL = "198.51.100.10"     # the customer firewall's public address
INSIDE = "10.20.30.50"         # the endpoint's address behind it


def nat_call(signal_says, h245_says, media_says):
    """An endpoint behind the customer's firewall (packets from its public
    address FIREWALL) calls the IVR; it writes signal_says in the Setup's
    sourceCallSignalAddress, h245_says in the Setup's h245Address and
    media_says in its H.245 mediaControlChannel / mediaChannel. Setup (4),
    Connect (6), H.245 TCS (10), OLC 1 (11) and its Ack (12), the
    service's OLC 101 (13) and the endpoint's Ack (14), RTP both ways
    (15, 16), ReleaseComplete (17)."""
    c = Capture()
    call = Call(0x0808, GUID_NAT, CONFERENCE_ID)
    sig = TcpFlow(c, FIREWALL, 49400, IVR, H225_PORT)
    sig.handshake()                                                                       # 1-3
    sig.client_sends(call.setup(dest_aliases=[("dialledDigits", "87654321")],
                                dest_signal=(IVR, H225_PORT),
                                source_aliases=[("h323-ID", "room50")],
                                source_signal=(signal_says, 49400), digits="87654321",
                                h245_address=(h245_says, 5050)))                         # 4 Setup
    sig.server_sends(call.call_proceeding())                                              # 5
    sig.server_sends(call.connect(h245_address=(IVR, 33001)))                             # 6 Connect
    h245 = TcpFlow(c, FIREWALL, 49401, IVR, 33001)
    h245.handshake()                                                                      # 7-9
    h245.client_sends(tpkt(tcs(1)))                                                       # 10 TCS
    h245.client_sends(tpkt(open_logical_channel(1, "g711u", 1, (media_says, 5005))))      # 11 OLC 1
    h245.server_sends(tpkt(open_logical_channel_ack(1, 1, (IVR, 40000), (IVR, 40001))))   # 12 OLC-Ack 1
    h245.server_sends(tpkt(open_logical_channel(101, "g711u", 1, (IVR, 40001))))          # 13 OLC 101
    h245.client_sends(tpkt(open_logical_channel_ack(101, 1, (media_says, 5004),
                                                    (media_says, 5005))))                 # 14 OLC-Ack 101
    c.udp(FIREWALL, 5004, IVR, 40000, rtp_packet(1, 160, 0xE5, 0, PCMU))                  # 15
    c.udp(IVR, 40000, FIREWALL, 5004, rtp_packet(1, 160, 0x55, 0, PCMU))                  # 16
    sig.client_sends(call.release_complete(True))                                         # 17
    return c


CAPTURES = {
    "nat-h323-private.pcap": lambda: nat_call(INSIDE, INSIDE, INSIDE),
    "alg-h323-address.pcap": lambda: nat_call(INSIDE, FIREWALL, FIREWALL),
    "nat-h323-healthy.pcap": lambda: nat_call(FIREWALL, FIREWALL, FIREWALL),
    "h323-h245-unreachable.pcap": h245_unreachable,
    "h323-direct.pcap": direct,
    "h323-tunnel.pcap": tunnel,
    "h323-faststart.pcap": faststart,
    "h323-content.pcap": content,
    "h323-ivr-dtmf.pcap": ivr_dtmf,
    "h323-ivr-rtp-events.pcap": ivr_rtp_events,
    "h323-dialling.pcap": dialling,
}
