-- pexip.lua: the Lua fallback of the Pexip service plugin for Wireshark.
--
-- For Wiresharks that cannot load the C plugin (Windows and macOS
-- releases, another minor version, no compiler). It registers the same
-- protocol (`pexip`), fields, expert infos and preferences as the C
-- plugin (docs/fields.md is the reference), so filters, columns,
-- colouring rules and profiles work unchanged, and fills in the ones
-- lua-compat/README.md lists, with the same values on the same frames
-- (tests/test_lua_parity.py compares the two on every test capture).
--
-- Load it from the personal Lua plugin folder, or with
--   tshark -X lua_script:pexip.lua ...
-- With `tshark -2`, also give a display or read filter (`-Y frame` will
-- do): a Lua post-dissector cannot ask Wireshark for the protocol tree on
-- the first pass, and the findings that need the whole capture are
-- worked out from that pass. The GUI always builds it.
--
-- The code follows the C plugin's files, section by section (the name of
-- each C file is in the section's title), so that a change to one can be
-- made to the other.
--
-- Runs on Lua 5.2 (Wireshark 4.0) to 5.4 (4.4, 4.6): no bit32, no
-- integer-only operators; numbers that reach text go through
-- string.format("%d") (5.4 prints a float 3.0 as "3.0").
--
-- SPDX-License-Identifier: GPL-2.0-or-later

local PEXIP_LUA_VERSION = "0.1.0"

-- ---------------------------------------------------------------------
-- If the C plugin is loaded, it is the plugin: stay out of its way.
-- ---------------------------------------------------------------------

-- tests/test_lua_parity.py loads the C plugin and this file into one
-- tshark, this one under another protocol name (PEXIP_LUA_TEST_PROTOCOL),
-- to compare the two on the same dissection. Nobody else sets it.
local PROTOCOL = os.getenv("PEXIP_LUA_TEST_PROTOCOL") or "pexip"
local DESCRIPTION = PROTOCOL == "pexip" and "Pexip service"
                    or "Pexip service (Lua fallback as " .. PROTOCOL .. ")"

local registered, pexip = pcall(Proto.new, PROTOCOL, DESCRIPTION)
if not registered then
    io.stderr:write("pexip.lua: the protocol \"pexip\" is already registered (the C plugin is "
                    .. "loaded); the Lua fallback stays out of the way.\n")
    return
end

local fmt = string.format
local floor = math.floor
local byte, char, sub = string.byte, string.char, string.sub

-- BEGIN BUILT-IN RANGES (tools/gen-lua-tables writes this from plugin/classify/service_ranges.csv: do not edit)
local BUILTIN_RANGES = {
    -- Pexip Service firewall guidance: H.323 devices dial 185.94.242.66##<conference>
    { line = 12, prefix = "185.94.242.66/32", label = "Pexip Service H.323/SIP IVR" },
    -- Host behind the service's SIP federation DNS records (SRV targets)
    { line = 13, prefix = "185.94.240.215/32", label = "Pexip Service SIP federation host" },
    -- Assumption: smallest prefix holding 185.94.242.66 and 185.94.240.215
    { line = 19, prefix = "185.94.240.0/22", label = "Pexip Service (assumed /22)" },
}
-- END BUILT-IN RANGES

-- BEGIN FINDINGS (tools/gen-lua-tables writes this from the C plugin's findings table, plugin/findings/pexip-findings-table.c: do not edit)
-- The expert infos: filter name, group, severity and summary as the C plugin
-- registers them; scope and pass say when the C plugin reports each.
local FINDINGS = {
    { name = "pexip.alg.sdp_origin_mismatch", group = "PROTOCOL", severity = "WARN", scope = "call", pass = "first",
      summary = "SDP o= and c= addresses differ, one private and one public: an ALG rewrote the SDP" },
    { name = "pexip.alg.content_length", group = "PROTOCOL", severity = "WARN", scope = "call", pass = "first",
      summary = "Content-Length differs from the body's real length, or the body is padded: a SIP ALG changed the body" },
    { name = "pexip.alg.partial_rewrite", group = "PROTOCOL", severity = "WARN", scope = "call", pass = "first",
      summary = "Some addresses of a message were rewritten to its public source, others left private: a SIP ALG" },
    { name = "pexip.alg.nat_trace", group = "PROTOCOL", severity = "WARN", scope = "call", pass = "first",
      summary = "SDP i= holds a private address while c= is public: a SIP ALG's trace" },
    { name = "pexip.alg.rewritten", group = "PROTOCOL", severity = "WARN", scope = "call", pass = "first",
      summary = "The same message is in the capture twice with other addresses or ports: a SIP or H.323 ALG between the capture points rewrote it" },
    { name = "pexip.alg.h323_address", group = "PROTOCOL", severity = "WARN", scope = "call", pass = "first",
      summary = "H.225.0/H.245 addresses partly rewritten to the public source, partly left private: an H.323 ALG" },
    { name = "pexip.nat.private_address", group = "PROTOCOL", severity = "NOTE", scope = "call", pass = "first",
      summary = "A message from a public address names private addresses to send to: NAT without SIP fix-up" },
    { name = "pexip.nat.via_received", group = "PROTOCOL", severity = "NOTE", scope = "call", pass = "first",
      summary = "A response's top Via says the request arrived from another address (received=) than its Via announced: a NAT on the way that does not fix up SIP" },
    { name = "pexip.media.missing", group = "SEQUENCE", severity = "WARN", scope = "stream", pass = "capture-read",
      summary = "An announced media destination got no packet while other media of the call flowed" },
    { name = "pexip.media.one_way", group = "SEQUENCE", severity = "WARN", scope = "stream", pass = "capture-read",
      summary = "A two-way stream flowed in one direction only" },
    { name = "pexip.media.content_missing", group = "SEQUENCE", severity = "WARN", scope = "grant", pass = "capture-read",
      summary = "A BFCP floor was granted and no content stream followed" },
    { name = "pexip.media.icmp_unreachable", group = "RESPONSE_CODE", severity = "ERROR", scope = "stream", pass = "first",
      summary = "An ICMP destination unreachable quotes a media packet of a call" },
    { name = "pexip.media.unannounced_source", group = "SEQUENCE", severity = "NOTE", scope = "stream", pass = "first",
      summary = "Media comes from an address or port the other side did not announce (NAT)" },
    { name = "pexip.media.outside_sbc_range", group = "PROTOCOL", severity = "NOTE", scope = "call", pass = "first",
      summary = "A customer-side media port outside pexip.sbc_media_ports" },
    { name = "pexip.sip.refresh_unanswered", group = "SEQUENCE", severity = "WARN", scope = "call", pass = "capture-read",
      summary = "An in-dialog request from the service to the customer's Contact got no answer (or 408/481), or the service's TCP connection to it none (or a reset)" },
    { name = "pexip.h323.h245_unreachable", group = "SEQUENCE", severity = "WARN", scope = "connection", pass = "capture-read",
      summary = "TCP connections to an announced h245Address never carried H.245" },
    { name = "pexip.sip.service_unanswered", group = "SEQUENCE", severity = "WARN", scope = "connection", pass = "capture-read",
      summary = "The customer side's SIP never reached the service: TCP to 5060/5061 got no SYN-ACK (retransmitted) or a reset, or a request over UDP was retransmitted with no response" },
    { name = "pexip.webrtc.udp_blocked", group = "SEQUENCE", severity = "WARN", scope = "client", pass = "capture-read",
      summary = "A client's STUN binding (or TURN allocate) requests to the service over UDP were retransmitted and no STUN answer came back: UDP media to the service is blocked" },
    { name = "pexip.webrtc.turn_refused", group = "SEQUENCE", severity = "WARN", scope = "client-port", pass = "capture-read",
      summary = "A client's TCP connection to the service's TURN or HTTPS port (443, 3478, 5349) got no SYN-ACK (retransmitted) or a reset: the web app's media cannot fall back to TCP/TLS" },
    { name = "pexip.proxy.auth_unsupported", group = "PROTOCOL", severity = "WARN", scope = "connection", pass = "first",
      summary = "A web proxy asks for, or the browser sends, proxy credentials other than Basic for a CONNECT to the service" },
    { name = "pexip.proxy.connect_failed", group = "RESPONSE_CODE", severity = "WARN", scope = "connection", pass = "first",
      summary = "A web proxy answered a CONNECT to the service with an error" },
    { name = "pexip.proxy.tls_intercepted", group = "SECURITY", severity = "WARN", scope = "connection", pass = "first",
      summary = "TLS with a service host got a certificate that is not for a service domain: a proxy intercepts TLS" },
    { name = "pexip.sip.encrypted", group = "DECRYPTION", severity = "NOTE", scope = "connection", pass = "first",
      summary = "SIP over TLS that Wireshark cannot decrypt: the calls on this connection cannot be linked to their media. Give Wireshark the TLS keys (tls.keylog_file, or the server key) to read the signalling" },
    { name = "pexip.limit.reached", group = "PROTOCOL", severity = "NOTE", scope = "call", pass = "first",
      summary = "The capture reached one of the plugin's limits on what it keeps (calls per capture, streams per call, ...): what is over it is not followed, so findings and report entries about it are missing" },
}
-- END FINDINGS

-- =====================================================================
-- Fields, expert infos and preferences (packet-pexip.c: registration)
-- =====================================================================

local F = {}    -- ProtoFields by filter name without the "pexip." prefix

local function field(kind, name, label, desc, base_, extra)
    local abbr = PROTOCOL .. "." .. name
    local f
    if kind == "bool" then
        f = ProtoField.bool(abbr, label, base.NONE, nil, nil, desc)
    elseif kind == "string" then
        -- (ProtoField.string with a display base drops desc in Wireshark 4.0)
        f = ProtoField.new(label, abbr, ftypes.STRING, nil, nil, nil, desc)
    elseif kind == "ipv4" then
        f = ProtoField.ipv4(abbr, label, desc)
    elseif kind == "ipv6" then
        f = ProtoField.ipv6(abbr, label, desc)
    elseif kind == "framenum" then
        f = ProtoField.framenum(abbr, label, base.NONE, extra, nil, desc)
    else
        f = ProtoField[kind](abbr, label, base_ or base.DEC, nil, nil, desc)
    end
    F[name] = f
end

field("bool", "service", "Pexip service traffic", "The packet is to or from a Pexip Service address")
field("string", "direction", "Direction", "to-service, from-service or within-service")
field("ipv4", "service_addr", "Service address", "The service-side address of the packet (IPv4)")
field("ipv6", "service_addr6", "Service IPv6 address", "The service-side address of the packet (IPv6)")
field("ipv4", "peer_addr", "Peer address", "The address on the other side from the service (IPv4)")
field("ipv6", "peer_addr6", "Peer IPv6 address", "The address on the other side from the service (IPv6)")
field("string", "range", "Service range", "The prefix that matched the service address, or \"dns\"")
field("string", "range_label", "Service range label",
      "The label of the matching prefix, or the DNS name answered")
field("string", "port_class", "Port class", "What the service-side port and protocol mean")
field("string", "dns.query", "DNS answer for service name",
      "A DNS answer for a service domain (pexip.dns_suffixes)")
field("ipv4", "dns.learned_addr", "Learned service address",
      "An address this DNS answer made a service address")
field("ipv6", "dns.learned_addr6", "Learned service IPv6 address",
      "An IPv6 address this DNS answer made a service address")
field("uint32", "call", "Call",
      "The call this packet belongs to: 1, 2, ... in order of the call's first frame")
field("string", "call_id", "Call identifier", "The SIP Call-ID, or the H.323 callIdentifier (GUID)")
field("string", "signaling", "Signalling", "The call's signalling: SIP or H.323")
field("string", "dial_string", "Dialled",
      "The called address as the device sent it: H.225.0 Setup destinationAddress "
      .. "aliases and destCallSignalAddress, or the SIP INVITE's Request-URI")
field("string", "conference_id", "Conference number",
      "The conference the device dialled (185.94.242.66##N, N@185.94.242.66, "
      .. "N@vmr.vc, dialledDigits), or keyed into the IVR (DTMF up to #)")
field("string", "dial_uri", "Dialled URI",
      "A dialled user@domain that is not a conference number, e.g. person.vmr@pexip.com")
field("string", "media.kind", "Media kind", "audio, video, content, bfcp, t38 or other")
field("framenum", "media.setup_frame", "Media setup frame",
      "The frame whose SDP, H.245 OpenLogicalChannel or OpenLogicalChannelAck "
      .. "announced this packet's destination", nil, frametype.REQUEST)
field("uint32", "media.mline", "SDP m-line", "0-based index of the announcing m-line")
field("uint32", "media.channel", "H.245 logical channel",
      "H.323: the number of the logical channel that announced the destination")
field("uint32", "media.stream", "Stream",
      "The stream within the call: SIP the m-line index + 1, H.323 the H.245 "
      .. "session ID (1 audio, 2 video, 3 and up data and content)")
field("string", "media.direction", "Announced direction",
      "The direction attribute of the announcing m-line: sendrecv, sendonly, "
      .. "recvonly, inactive; H.323: recvonly (where a channel is received), sendonly "
      .. "(only the sender's RTCP address)")
field("string", "bfcp.floor_status", "Floor status",
      "On BFCP messages that carry a request status: pending, accepted, granted, "
      .. "denied, cancelled, released, revoked")
field("uint32", "announced.stream", "Announced stream",
      "A stream this message's SDP or H.245 channel announced (its number within the call)")
field("uint32", "announced.mline", "SDP m-line", "0-based index of the m-line")
field("uint32", "announced.channel", "H.245 logical channel",
      "H.323: the logical channel number of the OLC or OLC-Ack")
field("string", "announced.kind", "Kind", "audio, video, content, bfcp, t38 or other")
field("ipv4", "announced.addr", "Destination address", "The announced connection address (IPv4)")
field("ipv6", "announced.addr6", "Destination IPv6 address", "The announced connection address (IPv6)")
field("uint16", "announced.port", "Destination port", "The announced port")
field("ipv4", "announced.rtcp_addr", "RTCP address",
      "Where RTCP of this stream is received (IPv4): SDP the same address, H.245 "
      .. "the mediaControlChannel")
field("ipv6", "announced.rtcp_addr6", "RTCP IPv6 address", "Where RTCP of this stream is received (IPv6)")
field("uint16", "announced.rtcp_port", "RTCP port",
      "Where RTCP of this stream is received: SDP port + 1 (unless rtcp-mux), "
      .. "H.245 the mediaControlChannel")
field("string", "announced.transport", "Transport",
      "The m-line's transport: RTP/AVP, UDP/TLS/RTP/SAVPF, TCP/BFCP, udptl, ...; "
      .. "H.323: RTP, or RTCP when only the RTCP address is named")
field("string", "announced.direction", "Direction",
      "sendrecv, sendonly, recvonly or inactive (sendonly/inactive: hold)")
field("uint32", "announced.packets_to", "Packets to it",
      "Packets sent to this destination while this announcement was in force "
      .. "(after the capture has been read)")
field("uint64", "announced.bytes_to", "Bytes to it", "Frame bytes of those packets")
field("uint32", "announced.packets_from", "Packets from it",
      "Packets sent from this address and port (the announcing side sending) "
      .. "while this announcement was in force")
field("uint64", "announced.bytes_from", "Bytes from it", "Frame bytes of those packets")
field("framenum", "announced.first_frame", "First packet",
      "The first packet to or from this destination")
field("framenum", "announced.last_frame", "Last packet", "The last packet to or from this destination")
field("string", "proxy.target", "Proxy CONNECT target",
      "The host:port of an HTTP CONNECT to a service host through a web proxy: on the "
      .. "CONNECT and on its final response")
field("string", "proxy.auth_scheme", "Proxy auth scheme",
      "A scheme a 407 to such a CONNECT offers (Proxy-Authenticate), or the scheme of "
      .. "the credentials the CONNECT sends (Proxy-Authorization)")
field("string", "proxy.cert_name", "Server certificate name",
      "A name the server certificate of TLS with a service host is for: "
      .. "subjectAltName dNSNames, then subject CN")
field("framenum", "alg.other_frame", "Other copy",
      "The same SIP, H.225.0 or H.245 message seen at another capture point with other "
      .. "addresses or ports (pexip.alg.rewritten)")
field("string", "finding", "Finding",
      "The name of each Pexip expert info on this packet (pexip.media.missing, ...): "
      .. "for a column of findings")

do
    local list = {}
    for _, f in pairs(F) do list[#list + 1] = f end
    pexip.fields = list
end

local EI = {}   -- ProtoExperts by finding key
do
    local list = {}
    for _, row in ipairs(FINDINGS) do
        local e = ProtoExpert.new(PROTOCOL .. row.name:sub(6), row.summary, expert.group[row.group],
                                  expert.severity[row.severity])
        EI[row.name] = e
        list[#list + 1] = e
    end
    pexip.experts = list
end

local DNS_DEFAULT_SUFFIXES = "pexip.me, vmr.vc, vp.vc, videxio.net, pexip.com, download.vmr.vc"

pexip.prefs.use_default_ranges = Pref.bool("Use the built-in service ranges", true,
    "Also treat the plugin's shipped prefixes (plugin/classify/service_ranges.csv) as service addresses")
pexip.prefs.ranges_file = Pref.string("Service ranges file", "",
    "Lua fallback only: a file of extra service prefixes, one row a line, \"prefix\",\"label\" "
    .. "(the format of the pexip_service_ranges table the C plugin keeps in the profile, which "
    .. "is also read)")
pexip.prefs.dns_suffixes = Pref.string("Service DNS domains", DNS_DEFAULT_SUFFIXES,
    "A DNS answer for a name in one of these domains (comma-separated) makes its "
    .. "addresses service addresses from that frame on; empty turns this off")
pexip.prefs.service_media_ports = Pref.range("Service UDP media ports", "40000-49999",
    "UDP ports of the service used for RTP/RTCP (pexip.port_class rtp on even, rtcp on odd ports)",
    65535)
pexip.prefs.service_tcp_ports = Pref.range("Service TCP H.245/BFCP ports", "33000-39999",
    "TCP ports of the service used for H.245 and BFCP", 65535)
pexip.prefs.media_timeout = Pref.uint("Seconds before media counts as missing", 5,
    "pexip.media.missing, one_way and content_missing: how long other media of the call (or "
    .. "the call after a floor grant) must flow before a destination that got nothing is reported")
pexip.prefs.sbc_media_ports = Pref.range("Customer SBC UDP media ports", "",
    "The customer SBC's UDP media port range (e.g. 36000-59999): customer-side media announced "
    .. "outside it gets pexip.media.outside_sbc_range; empty turns the check off", 65535)

-- Other dissectors' fields the fallback reads. A field this Wireshark does
-- not have is left out (nil), as the C plugin does without it.
local function want(name)
    local ok, f = pcall(Field.new, name)
    return ok and f or nil
end

local X = {
    protocols = want("frame.protocols"),
    tcp_stream = want("tcp.stream"),
    dns_qry_name = want("dns.qry.name"),
    dns_a = want("dns.a"),
    dns_aaaa = want("dns.aaaa"),
    sip = want("sip"),
    sip_call_id = want("sip.Call-ID"),
    sip_from_tag = want("sip.from.tag"),
    sip_via_branch = want("sip.Via.branch"),
    sip_to_tag = want("sip.to.tag"),
    sip_status = want("sip.Status-Code"),
    sip_method = want("sip.Method"),
    sip_via_sent_by = want("sip.Via.sent-by.address"),
    sip_contact_uri = want("sip.contact.uri"),
    sip_r_uri = want("sip.r-uri"),
    sip_content_length = want("sip.Content-Length"),
    sip_cseq = want("sip.CSeq"),
    sdp = want("sdp"),
    tls_app_data = want("tls.app_data"),
    bfcp_request_status = want("bfcp.request_status"),
    rtpevent_id = want("rtpevent.event_id"),
    http_method = want("http.request.method"),
    http_uri = want("http.request.uri"),
    http_code = want("http.response.code"),
    http_proxy_authenticate = want("http.proxy_authenticate"),
    http_proxy_authorization = want("http.proxy_authorization"),
    tls_server_name = want("tls.handshake.extensions_server_name"),
    tls_certificate = want("tls.handshake.certificate"),
    icmp_type = want("icmp.type"),
    icmpv6_type = want("icmpv6.type"),
    h225 = want("h225"),
    h225_guid = want("h225.guid"),
    h225_conference_id = want("h225.conferenceID"),
    h225_h245_address = want("h225.h245Address"),
    h225_h245_ip4 = want("h225.h245Ip"),
    h225_h245_port4 = want("h225.h245IpPort"),
    h225_h245_ip6 = want("h225.h245Ip6"),
    h225_h245_port6 = want("h225.h245Ip6port"),
    h225_body = want("h225.h323_message_body"),
    q931_call_ref = want("q931.call_ref"),
    h225_source_signal = want("h225.sourceCallSignalAddress"),
    h225_destination = want("h225.destinationAddress"),
    h225_dest_signal = want("h225.destCallSignalAddress"),
    h225_dest_extra = want("h225.destExtraCallInfo"),
    h225_ip4 = want("h225.ipV4"),
    h225_port4 = want("h225.ipV4_port"),
    h225_ip6 = want("h225.ipV6"),
    h225_port6 = want("h225.ipV6_port"),
    h225_dialled_digits = want("h225.dialledDigits"),
    h225_h323_id = want("h225.h323_ID"),
    h225_url_id = want("h225.url_ID"),
    h225_email_id = want("h225.email_ID"),
    h245_olc = want("h245.openLogicalChannel_element"),
    h245_olc_faststart = want("h245.OpenLogicalChannel_element"),
    h245_olc_ack = want("h245.openLogicalChannelAck_element"),
    -- Wireshark 4.6 renamed fields inside OpenLogicalChannel(Ack): the
    -- new names where they exist, next to the old ones (what the old names
    -- now mean is not found inside those messages).
    h245_forward_lcn = want("h245.forwardLogicalChannelNumber"),
    h245_olc_fw_lcn = want("h245.olc_fw_lcn"),
    h245_olc_ack_fw_lcn = want("h245.olc_ack_fw_lcn"),
    h245_session_id_0_255 = want("h245.sessionID_0_255"),
    h245_ack_media_channel = want("h245.ack_mediaChannel"),
    h245_ack_media_control = want("h245.ack_mediaControlChannel"),
    h245_ack_reverse_params = want("h245.olc_ack_reverseLogicalChannelParameters_element"),
    h245_forward_params = want("h245.forwardLogicalChannelParameters_element"),
    h245_reverse_params = want("h245.reverseLogicalChannelParameters_element"),
    h245_data_type = want("h245.dataType"),
    h245_standard_oid = want("h245.standardOid"),
    h245_session_id = want("h245.sessionID"),
    h245_media_channel = want("h245.mediaChannel"),
    h245_media_control = want("h245.mediaControlChannel"),
    h245_ip4 = want("h245.ip4_network"),
    h245_port4 = want("h245.tsapIdentifier"),
    h245_ip6 = want("h245.ip6_network"),
    h245_port6 = want("h245.ipv6.tsapIdentifier"),
    h245_alphanumeric = want("h245.alphanumeric"),
    h245_signal_type = want("h245.signalType"),
}

-- =====================================================================
-- Small helpers: addresses as raw byte strings (4 or 16 bytes)
-- (pexip-endpoint.h, the scope tests of pexip-detectors.c)
-- =====================================================================

local function num(n)
    return fmt("%d", n)
end

-- An IPv4 literal as inet_pton reads it: four decimal parts 0-255, no
-- leading zeros.
local function parse_ipv4(text)
    local a, b, c, d = text:match("^(%d+)%.(%d+)%.(%d+)%.(%d+)$")
    if not a then
        return nil
    end
    local parts = { a, b, c, d }
    local out = {}
    for i = 1, 4 do
        local p = parts[i]
        if #p > 3 or (#p > 1 and p:sub(1, 1) == "0") then
            return nil
        end
        local v = tonumber(p)
        if v > 255 then
            return nil
        end
        out[i] = v
    end
    return char(out[1], out[2], out[3], out[4])
end

-- An IPv6 literal (RFC 4291 text forms, with one "::" and an IPv4 tail).
local function parse_ipv6(text)
    if text == "" or text:find("[^%x:%.]") then
        return nil
    end
    local head, tail = text, nil
    local dc = text:find("::", 1, true)
    if dc then
        if text:find("::", dc + 1, true) then
            return nil
        end
        head, tail = text:sub(1, dc - 1), text:sub(dc + 2)
    end
    local function groups(part, allow_v4)
        local words = {}
        if part == "" then
            return words
        end
        local pieces = {}
        for piece in (part .. ":"):gmatch("([^:]*):") do
            pieces[#pieces + 1] = piece
        end
        for i, piece in ipairs(pieces) do
            if piece:find(".", 1, true) then
                if not allow_v4 or i ~= #pieces then
                    return nil
                end
                local v4 = parse_ipv4(piece)
                if not v4 then
                    return nil
                end
                local b1, b2, b3, b4 = byte(v4, 1, 4)
                words[#words + 1] = b1 * 256 + b2
                words[#words + 1] = b3 * 256 + b4
            else
                if #piece < 1 or #piece > 4 then
                    return nil
                end
                words[#words + 1] = tonumber(piece, 16)
            end
        end
        return words
    end
    local words
    if tail then
        local h = groups(head, false)
        local t = groups(tail, true)
        if not h or not t or #h + #t > 7 then
            return nil
        end
        words = {}
        for _, w in ipairs(h) do words[#words + 1] = w end
        for _ = 1, 8 - #h - #t do words[#words + 1] = 0 end
        for _, w in ipairs(t) do words[#words + 1] = w end
    else
        words = groups(head, true)
        if not words or #words ~= 8 then
            return nil
        end
    end
    local bytes = {}
    for i = 1, 8 do
        bytes[#bytes + 1] = floor(words[i] / 256)
        bytes[#bytes + 1] = words[i] % 256
    end
    return char((table.unpack or unpack)(bytes))
end

local parse_cache = {}

-- An IPv4 or IPv6 literal as raw bytes, or nil (pexip_address_parse).
local function parse_ip(text)
    if not text then
        return nil
    end
    local raw = parse_cache[text]
    if raw == nil then
        raw = parse_ipv4(text) or parse_ipv6(text) or false
        parse_cache[text] = raw
    end
    return raw or nil
end

local text_cache = {}

-- Raw bytes as text, the way inet_ntop writes them (the C plugin's
-- texts use ws_inet_ntop): IPv6 with the first longest run of two or
-- more zero words as "::", and IPv4-compatible/mapped tails dotted.
local function ip_text(raw)
    local t = text_cache[raw]
    if t then
        return t
    end
    if #raw == 4 then
        t = fmt("%d.%d.%d.%d", byte(raw, 1, 4))
    else
        local w = {}
        for i = 1, 8 do
            w[i] = byte(raw, 2 * i - 1) * 256 + byte(raw, 2 * i)
        end
        local best_base, best_len, cur_base, cur_len = -1, 0, -1, 0
        for i = 1, 8 do
            if w[i] == 0 then
                if cur_base == -1 then
                    cur_base, cur_len = i, 1
                else
                    cur_len = cur_len + 1
                end
            elseif cur_base ~= -1 then
                if best_base == -1 or cur_len > best_len then
                    best_base, best_len = cur_base, cur_len
                end
                cur_base = -1
            end
        end
        if cur_base ~= -1 and (best_base == -1 or cur_len > best_len) then
            best_base, best_len = cur_base, cur_len
        end
        if best_base ~= -1 and best_len < 2 then
            best_base = -1
        end
        local out = {}
        local i = 1
        while i <= 8 do
            if best_base ~= -1 and i >= best_base and i < best_base + best_len then
                if i == best_base then
                    out[#out + 1] = ":"
                end
                i = i + 1
            else
                if i ~= 1 then
                    out[#out + 1] = ":"
                end
                if i == 7 and best_base == 1 and
                   (best_len == 6 or (best_len == 5 and w[6] == 0xffff)) then
                    out[#out + 1] = fmt("%d.%d.%d.%d", byte(raw, 13, 16))
                    break
                end
                out[#out + 1] = fmt("%x", w[i])
                i = i + 1
            end
        end
        if best_base ~= -1 and best_base + best_len == 9 then
            out[#out + 1] = ":"
        end
        t = table.concat(out)
    end
    text_cache[raw] = t
    return t
end

-- "192.0.2.1", "192.0.2.1:5060", "[2001:db8::1]:5060" (pexip_address_to_str).
local function endpoint_text(raw, port)
    if not port or port == 0 then
        return ip_text(raw)
    end
    if #raw == 4 then
        return ip_text(raw) .. ":" .. num(port)
    end
    return "[" .. ip_text(raw) .. "]:" .. num(port)
end

local SCOPE_OTHER, SCOPE_PRIVATE, SCOPE_PUBLIC = 0, 1, 2

local function scope4(a, b)
    if a == 0 or a == 127 or (a == 169 and b == 254) or a >= 224 then
        return SCOPE_OTHER
    end
    if a == 10 or (a == 172 and b >= 16 and b < 32) or (a == 192 and b == 168) or
       (a == 100 and b >= 64 and b < 128) then
        return SCOPE_PRIVATE
    end
    return SCOPE_PUBLIC
end

-- RFC 1918, RFC 6598 and IPv6 ULA are private (pexip_address_scope).
local function address_scope(raw)
    if not raw then
        return SCOPE_OTHER
    end
    if #raw == 4 then
        return scope4(byte(raw, 1), byte(raw, 2))
    end
    if raw:sub(1, 15) == string.rep("\0", 15) then
        return SCOPE_OTHER
    end
    local b0, b1 = byte(raw, 1, 2)
    if b0 == 0xff or (b0 == 0xfe and b1 >= 0x80 and b1 < 0xc0) then
        return SCOPE_OTHER
    end
    if b0 == 0xfc or b0 == 0xfd then
        return SCOPE_PRIVATE
    end
    if raw:sub(1, 12) == string.rep("\0", 10) .. "\255\255" then
        return scope4(byte(raw, 13), byte(raw, 14))
    end
    return SCOPE_PUBLIC
end

-- An expert info holds 239 bytes: a longer text keeps its advice (after
-- its last ": ") whole and shortens what was seen (pexip_finding_text_fit).
local TEXT_MAX = 239
local function text_fit(text)
    if #text <= TEXT_MAX then
        return text
    end
    local advice = ""
    local pos = nil
    local start = 1
    while true do
        local s = text:find(": ", start, true)
        if not s then
            break
        end
        pos = s
        start = s + 1
    end
    if pos then
        advice = text:sub(pos)
        if #advice + 3 + 20 > TEXT_MAX then
            advice = ""
        end
    end
    local room = TEXT_MAX - #advice - 3
    while room > 0 do
        local b = byte(text, room + 1)
        if b < 0x80 or b >= 0xC0 then
            break
        end
        room = room - 1
    end
    return text:sub(1, room) .. "..." .. advice
end

local function trim(s)
    return (s:gsub("^%s+", ""):gsub("%s+$", ""))
end

-- A Wireshark range preference ("40000-49999,50000") as a list of {lo, hi}.
local function parse_port_ranges(text)
    local list = {}
    for part in tostring(text or ""):gmatch("[^,]+") do
        part = trim(part)
        local lo, hi = part:match("^(%d*)%s*%-%s*(%d*)$")
        if lo then
            lo = tonumber(lo) or 0
            hi = tonumber(hi) or 65535
        else
            lo = tonumber(part)
            hi = lo
        end
        if lo and hi then
            list[#list + 1] = { lo, hi }
        end
    end
    return list
end

local function in_ranges(list, value)
    for _, r in ipairs(list) do
        if value >= r[1] and value <= r[2] then
            return true
        end
    end
    return false
end

-- =====================================================================
-- The service address table (pexip-ranges.c)
-- =====================================================================

local range_table_new, range_table_add, range_table_lookup, range_table_add_file
do

    local function prefix_error(text, why)
        return fmt("\"%s\" is not a valid prefix: %s (expected e.g. 185.94.240.0/22 or 2001:db8::/32)",
                   text, why)
    end

    -- A prefix (or one address) into {raw, len, text}; nil and the reason.
    local function prefix_parse(text)
        if text == nil then
            return nil, prefix_error("", "empty")
        end
        local copy = trim(text)
        local addr, length = copy, nil
        local slash = copy:find("/", 1, true)
        if slash then
            addr, length = copy:sub(1, slash - 1), copy:sub(slash + 1)
        end
        local raw, bits, why
        if addr == "" then
            why = "empty address"
        elseif addr:find(":", 1, true) then
            raw = parse_ipv6(addr)
            bits = 128
            if not raw then
                why = "not an IPv6 address"
            end
        else
            raw = parse_ipv4(addr)
            bits = 32
            if not raw then
                why = "not an IPv4 address"
            end
        end
        if not why and length then
            local n = length:match("^%d+$") and tonumber(length)
            if not n or n > bits then
                why = bits == 32 and "the prefix length must be a number from 0 to 32"
                                 or "the prefix length must be a number from 0 to 128"
            else
                bits = n
            end
        end
        if not why then
            for bit = bits, #raw * 8 - 1 do
                local b = byte(raw, floor(bit / 8) + 1)
                if floor(b / 2 ^ (7 - bit % 8)) % 2 == 1 then
                    why = "host bits are set after the prefix length"
                    break
                end
            end
        end
        if why then
            return nil, prefix_error(text, why)
        end
        return { raw = raw, len = bits, text = ip_text(raw) .. "/" .. num(bits) }
    end

    -- raw cut to its first len bits (the rest zero), for table keys.
    local function masked(raw, len)
        local full = floor(len / 8)
        local out = raw:sub(1, full)
        local rest = len % 8
        if rest > 0 then
            local b = byte(raw, full + 1)
            local keep = 2 ^ (8 - rest)
            out = out .. char(floor(b / keep) * keep)
            full = full + 1
        end
        return out .. string.rep("\0", #raw - full)
    end

    -- rows: { by_len = { [family_bytes] = { [len] = { [masked] = range } } },
    --         lengths = { [4] = {32, 22, ...}, [16] = {...} } }
    function range_table_new()
        return { by_len = { [4] = {}, [16] = {} }, lengths = { [4] = {}, [16] = {} }, count = 0 }
    end

    -- Add a row; nil and a message when cidr is not a prefix. A prefix given
    -- twice keeps the first row's label.
    function range_table_add(tbl, cidr, label)
        local p, err = prefix_parse(cidr)
        if not p then
            return nil, err
        end
        local family = #p.raw
        local rows = tbl.by_len[family][p.len]
        if not rows then
            rows = {}
            tbl.by_len[family][p.len] = rows
            local lengths = tbl.lengths[family]
            lengths[#lengths + 1] = p.len
            table.sort(lengths, function(a, b) return a > b end)
        end
        local key = masked(p.raw, p.len)
        if not rows[key] then
            rows[key] = { text = p.text, label = (label and label ~= "") and label or p.text }
            tbl.count = tbl.count + 1
        end
        return true
    end

    -- The longest prefix holding raw, or nil.
    function range_table_lookup(tbl, raw)
        local family = #raw
        local by_len = tbl.by_len[family]
        if not by_len then
            return nil
        end
        for _, len in ipairs(tbl.lengths[family]) do
            local r = by_len[len][masked(raw, len)]
            if r then
                return r
            end
        end
        return nil
    end

    -- The unescaping of Wireshark's UAT files (uat_unesc): \xNN, \NNN
    -- octal, \a \b \e \f \n \r \t \v; any other escaped character stands
    -- for itself.
    local UNESCAPE = { a = "\a", b = "\b", e = "\027", f = "\f", n = "\n", r = "\r", t = "\t", v = "\v" }
    local function uat_unescape(s)
        local out = {}
        local i, n = 1, #s
        while i <= n do
            local c = s:sub(i, i)
            if c == "\\" and i < n then
                local d = s:sub(i + 1, i + 1)
                if d == "x" and s:sub(i + 2, i + 3):match("^%x%x$") then
                    out[#out + 1] = char(tonumber(s:sub(i + 2, i + 3), 16))
                    i = i + 4
                elseif d:match("[0-7]") then
                    local oct = s:match("^[0-7][0-7]?[0-7]?", i + 1)
                    local v = tonumber(oct, 8)
                    out[#out + 1] = char(v > 255 and 255 or v)
                    i = i + 1 + #oct
                else
                    out[#out + 1] = UNESCAPE[d] or d
                    i = i + 2
                end
            else
                out[#out + 1] = c
                i = i + 1
            end
        end
        return table.concat(out)
    end

    -- One row of a ranges file: fields separated by commas, each either a
    -- double-quoted string (UAT escapes inside) or bare text. nil and a
    -- reason when a quote is not closed.
    local function split_row(line)
        local fields = {}
        local i, n = 1, #line
        while true do
            while i <= n and line:sub(i, i):match("[ \t]") do
                i = i + 1
            end
            if line:sub(i, i) == '"' then
                local j = i + 1
                while j <= n do
                    local c = line:sub(j, j)
                    if c == "\\" then
                        j = j + 2
                    elseif c == '"' then
                        break
                    else
                        j = j + 1
                    end
                end
                if j > n then
                    return nil, "unclosed double quote"
                end
                fields[#fields + 1] = uat_unescape(line:sub(i + 1, j - 1))
                i = j + 1
                while i <= n and line:sub(i, i) ~= "," do
                    i = i + 1
                end
            else
                local j = line:find(",", i, true) or n + 1
                fields[#fields + 1] = trim(line:sub(i, j - 1))
                i = j
            end
            if line:sub(i, i) ~= "," then
                break
            end
            i = i + 1
        end
        return fields
    end

    -- Rows of a ranges file (the pexip_service_ranges table's file, or the
    -- pexip.ranges_file preference's) added to tbl; each bad row named in
    -- errors with the file and line. missing_ok: a file that is not there
    -- is no error (a profile without the table).
    function range_table_add_file(tbl, path, errors, missing_ok)
        local f, why = io.open(path, "rb")
        if not f then
            if not missing_ok then
                errors[#errors + 1] = fmt("%s: cannot be read (%s); no rows were taken from it", path,
                                          tostring(why))
            end
            return 0
        end
        local text = f:read("*a") or ""
        f:close()
        local added, number = 0, 0
        for line in (text .. "\n"):gmatch("([^\n]*)\n") do
            number = number + 1
            line = trim(line)
            if line ~= "" and line:sub(1, 1) ~= "#" then
                local fields, err = split_row(line)
                local ok
                if fields then
                    ok, err = range_table_add(tbl, fields[1], fields[2])
                end
                if ok then
                    added = added + 1
                else
                    errors[#errors + 1] = fmt("%s:%d: %s; this row is ignored, the others are used",
                                              path, number, err)
                end
            end
        end
        return added
    end
end

-- =====================================================================
-- Service domains and the addresses DNS answered for them (pexip-dns.c)
-- =====================================================================

local dns_suffixes_parse, dns_name_matches
do

    local function valid_domain(name)
        if name == "" or #name > 253 or name:find("[^%w%-%._]") then
            return false
        end
        return name:sub(1, 1) ~= "." and not name:find("..", 1, true)
    end

    -- The suffix list of pexip.dns_suffixes; a message naming the entries
    -- left out, or nil.
    function dns_suffixes_parse(text)
        local names, bad = {}, {}
        for part in ((text or "") .. ","):gmatch("([^,; \t\r\n]*)[,; \t\r\n]") do
            local name = part:lower()
            if name:sub(1, 2) == "*." then
                name = name:sub(3)
            end
            if name:sub(-1) == "." then
                name = name:sub(1, -2)
            end
            if not (name == "" and part == "") then
                if valid_domain(name) then
                    names[#names + 1] = name
                else
                    bad[#bad + 1] = "\"" .. part .. "\""
                end
            end
        end
        local err
        if #bad > 0 then
            err = fmt("%s %s not a domain name (expected e.g. pexip.me or *.vmr.vc) and left out",
                      table.concat(bad, ", "), #bad > 1 and "are" or "is")
        end
        return names, err
    end

    function dns_name_matches(suffixes, name)
        if not suffixes or not name or #suffixes == 0 then
            return false
        end
        name = name:lower()
        if name:sub(-1) == "." then
            name = name:sub(1, -2)
        end
        for _, suffix in ipairs(suffixes) do
            if #name >= #suffix and name:sub(-#suffix) == suffix and
               (#name == #suffix or name:sub(-#suffix - 1, -#suffix - 1) == ".") then
                return true
            end
        end
        return false
    end
end

-- =====================================================================
-- Configuration and per-capture state
-- =====================================================================

local config = {
    dirty = true,
    ranges = range_table_new(),
    suffixes = {},
    udp_media = {},
    tcp_media = {},
    range_cache = {},       -- raw -> range row or false
}

-- The profile folder the C plugin's table file would be in. Lua cannot
-- ask Wireshark for the profile, so: the profile named on the command
-- line (-C, --profile; where the system shows it), else the one the GUI
-- last used (recent_common), else the Default profile (the personal
-- configuration folder itself).
local function profile_folder()
    local base = persconffile_path("")
    local sep = package.config:sub(1, 1)
    if base:sub(-1) ~= sep and base:sub(-1) ~= "/" then
        base = base .. sep
    end
    local name
    local f = io.open("/proc/self/cmdline", "rb")
    if f then
        local args = {}
        for a in (f:read("*a") or ""):gmatch("([^%z]*)%z") do
            args[#args + 1] = a
        end
        f:close()
        for i, a in ipairs(args) do
            if (a == "-C" or a == "--profile") and args[i + 1] then
                name = args[i + 1]
            elseif a:sub(1, 2) == "-C" and #a > 2 then
                name = a:sub(3)
            elseif a:sub(1, 10) == "--profile=" then
                name = a:sub(11)
            end
        end
    end
    if not name then
        local recent = io.open(base .. "recent_common", "rb")
        if recent then
            for line in recent:lines() do
                local last = line:match("^gui%.last_used_profile:%s*(.-)%s*$")
                if last then
                    name = last
                end
            end
            recent:close()
        end
    end
    if not name or name == "" or name == "Default" then
        return base, "Default"
    end
    return base .. "profiles" .. sep .. name .. sep, name
end

local function rebuild_config()
    local errors = {}
    local tbl = range_table_new()
    if pexip.prefs.use_default_ranges then
        for _, row in ipairs(BUILTIN_RANGES) do
            local ok, err = range_table_add(tbl, row.prefix, row.label)
            if not ok then
                errors[#errors + 1] = fmt("built-in default table line %d: %s", row.line, err)
            end
        end
    end
    local folder = profile_folder()
    config.profile_file = folder .. "pexip_service_ranges"
    range_table_add_file(tbl, config.profile_file, errors, true)
    local extra = trim(pexip.prefs.ranges_file or "")
    if extra ~= "" then
        range_table_add_file(tbl, extra, errors, false)
    end
    local suffixes, err = dns_suffixes_parse(pexip.prefs.dns_suffixes)
    if err then
        errors[#errors + 1] = "preference pexip.dns_suffixes: " .. err
    end
    config.ranges = tbl
    config.suffixes = suffixes
    config.udp_media = parse_port_ranges(pexip.prefs.service_media_ports)
    config.tcp_media = parse_port_ranges(pexip.prefs.service_tcp_ports)
    config.media_timeout = tonumber(pexip.prefs.media_timeout) or 5
    config.sbc_text = tostring(pexip.prefs.sbc_media_ports or "")
    config.sbc_media = parse_port_ranges(config.sbc_text)
    config.range_cache = {}
    config.dirty = false
    if #errors > 0 then
        report_failure("Pexip service plugin (Lua fallback):\n" .. table.concat(errors, "\n"))
    end
end

function pexip.prefs_changed()
    config.dirty = true
end

-- Per capture (reset by the init routine).
local S

-- Which row of the table matches raw (cached per address), else which
-- DNS answer made it the service's by frame (match_service).
local function match_service(raw, frame)
    local r = config.range_cache[raw]
    if r == nil then
        r = range_table_lookup(config.ranges, raw) or false
        config.range_cache[raw] = r
    end
    if r then
        return r, nil
    end
    local l = S.learned[raw]
    if l and l.frame <= frame then
        return nil, l
    end
    return nil, nil
end

local function is_service_address(raw, frame)
    local r, l = match_service(raw, frame)
    return (r or l) and true or false
end

local function learned_add(raw, frame, name)
    local e = S.learned[raw]
    if e then
        if frame < e.frame then
            e.frame, e.name = frame, name
        end
        return
    end
    S.learned[raw] = { frame = frame, name = name }
end

-- =====================================================================
-- pexip.port_class (pexip-ports.c)
-- =====================================================================

local UDP, TCP = 3, 2   -- pinfo.port_type

local port_classify
do


    local function classify_well_known(transport, port)
        if transport == UDP then
            if port == 5060 then return "sip-udp" end
            if port == 1718 or port == 1719 then return "ras" end
            if port == 3478 then return "turn" end
            if port == 53 then return "dns" end
            return "other"
        end
        if transport == TCP then
            if port == 5060 then return "sip-tcp" end
            if port == 5061 then return "sip-tls" end
            if port == 1720 then return "h225" end
            if port == 443 then return "https" end
            if port == 3478 or port == 5349 then return "turn" end
            if port == 53 then return "dns" end
        end
        return "other"
    end

    local function is_turn_port(port)
        return port == 3478 or port == 5349
    end

    function port_classify(transport, service_port, peer_port, seen)
        if seen.icmp or seen.icmpv6 then return "icmp" end
        if seen.rtcp then return "rtcp" end
        if seen.rtp then return "rtp" end
        if seen.bfcp then return "bfcp" end
        if seen.stun then
            return (is_turn_port(service_port) or is_turn_port(peer_port)) and "turn" or "stun"
        end
        if seen.dns then return "dns" end
        local cls = classify_well_known(transport, service_port)
        if cls ~= "other" then
            return cls
        end
        if transport == UDP and in_ranges(config.udp_media, service_port) then
            return service_port % 2 == 1 and "rtcp" or "rtp"
        end
        if transport == TCP and in_ranges(config.tcp_media, service_port) then
            return "h245"
        end
        return classify_well_known(transport, peer_port)
    end
end

-- =====================================================================
-- SDP (pexip-sdp.c)
-- =====================================================================

local kind_name, sdp_parse, direction_receives, SDP_MAX_MLINES
do

    function kind_name(kind)
        return kind or "other"
    end

    -- strtoul as the C reads an m-line port: digits at the start, the value
    -- cut to 16 bits; nothing readable is 0.
    local function c_port(text)
        local sign, digits = text:match("^([+-]?)(%d+)")
        if not digits then
            return 0
        end
        local v = 0
        for i = 1, #digits do
            v = (v * 10 + byte(digits, i) - 48) % 65536
        end
        if sign == "-" then
            v = (65536 - v) % 65536
        end
        return v
    end

    -- The next blank-separated token of s from position i, cut to size - 1
    -- characters (next_token); returns it and the position after it.
    local function next_token(s, i, size)
        local a, b = s:find("[^ \t]+", i)
        if not a then
            return nil, #s + 1
        end
        return s:sub(a, math.min(b, a + size - 2)), b + 1
    end

    -- "IN IP4 192.0.2.1" into raw bytes, if the address is of the type named.
    local function sdp_address(s, i)
        local nettype, addrtype, text
        nettype, i = next_token(s, i, 8)
        if not nettype then return nil end
        addrtype, i = next_token(s, i, 8)
        if not addrtype then return nil end
        text, i = next_token(s, i, 64)
        if not text then return nil end
        text = text:gsub("/.*$", "")
        local raw = parse_ip(text)
        if not raw then
            return nil
        end
        addrtype = addrtype:upper()
        if (#raw == 4 and addrtype == "IP4") or (#raw == 16 and addrtype == "IP6") then
            return raw
        end
        return nil
    end

    -- The last IP literal in free text (an i= line), or nil.
    local function info_address(s)
        local found
        local i, n = 1, #s
        while i <= n do
            local a = s:find("[%x:]", i)
            if not a then
                break
            end
            local b = a
            while b <= n and s:sub(b, b):match("[%x%.:]") do
                b = b + 1
            end
            local text = s:sub(a, b - 1)
            if #text >= 2 and #text < 64 then
                local raw = parse_ip(text)
                if not raw then
                    local colon = text:find(":", 1, true)
                    if colon and colon == text:match("^.*():") and text:find(".", 1, true) then
                        raw = parse_ip(text:sub(1, colon - 1))
                    end
                end
                if raw then
                    found = raw
                end
            end
            i = b
        end
        return found
    end

    -- An attribute value as the C plugin keeps it: leading blanks off,
    -- cut to size - 1 bytes, trailing white space off (copy_value).
    local function copy_value(v, size)
        v = v:gsub("^[ \t]+", "")
        v = v:sub(1, size - 1)
        return (v:gsub("%s+$", ""))
    end

    SDP_MAX_MLINES = 16
    local IS_DIRECTION = { sendrecv = true, sendonly = true, recvonly = true, inactive = true }

    function sdp_parse(text)
        local sdp = { mlines = {} }
        local session_raw, session_dir = nil, "sendrecv"
        local dir_set = {}
        local overflow = false
        local m = nil
        for line in (text .. "\n"):gmatch("([^\n]*)\n") do
            if line:sub(-1) == "\r" then
                line = line:sub(1, -2)
            end
            if #line >= 2 and line:sub(2, 2) == "=" then
                local t, v = line:sub(1, 1), line:sub(3)
                if t == "o" then
                    local tok, i = next_token(v, 1, 128)
                    if tok then tok, i = next_token(v, i, 128) end
                    if tok then tok, i = next_token(v, i, 128) end
                    if tok then sdp.origin = sdp_address(v, i) end
                elseif t == "m" then
                    if #sdp.mlines < SDP_MAX_MLINES then
                        m = { content = "", label = "", floor_mstrm_label = -1, direction = "sendrecv" }
                        sdp.mlines[#sdp.mlines + 1] = m
                        local media, port, transport, i
                        media, i = next_token(v, 1, 16)
                        m.media = media or ""
                        port, i = next_token(v, i, 16)
                        m.port = port and c_port(port) or 0
                        transport = next_token(v, i, 32)
                        m.transport = transport or ""
                        m.tcp = m.transport:sub(1, 3):upper() == "TCP"
                    else
                        m = nil
                        overflow = true
                    end
                elseif t == "i" then
                    if m then
                        m.info = info_address(v) or m.info
                    elseif not overflow then
                        sdp.info = info_address(v) or sdp.info
                    end
                elseif t == "c" then
                    if m then
                        m.raw = sdp_address(v, 1) or m.raw
                    elseif not overflow then
                        session_raw = sdp_address(v, 1) or session_raw
                    end
                elseif t == "a" then
                    -- a=name or a=name:value, the name in any case (attr_is in
                    -- pexip-sdp.c)
                    local colon = v:find(":", 1, true)
                    local name = (colon and v:sub(1, colon - 1) or v):lower()
                    if IS_DIRECTION[name] then
                        if m then
                            m.direction = name
                            dir_set[m] = true
                        elseif not overflow then
                            session_dir = name
                        end
                    elseif m then
                        local val = colon and v:sub(colon + 1) or ""
                        if name == "rtcp-mux" then
                            m.rtcp_mux = true
                        elseif name == "content" then
                            m.content = copy_value(val, 24)
                        elseif name == "label" then
                            m.label = copy_value(val, 24)
                        elseif name == "floorid" then
                            local ms = val:find("mstrm:", 1, true)
                            if ms then
                                local n = val:sub(ms + 6):match("^%s*([+-]?%d+)")
                                m.floor_mstrm_label = tonumber(n) or 0
                            end
                        end
                    end
                end
            end
        end
        for _, ml in ipairs(sdp.mlines) do
            if not ml.raw and session_raw then
                ml.raw = session_raw
            end
            if not dir_set[ml] then
                ml.direction = session_dir
            end
            local media = ml.media:lower()
            if media == "audio" then
                ml.kind = "audio"
            elseif media == "video" then
                ml.kind = ml.content:lower() == "slides" and "content" or "video"
            elseif media == "application" and ml.transport:find("BFCP", 1, true) then
                ml.kind = "bfcp"
            elseif media == "image" and ml.transport:lower() == "udptl" then
                ml.kind = "t38"
            else
                ml.kind = "other"
            end
        end
        -- A BFCP floor names the video m-line it controls by its a=label.
        for _, b in ipairs(sdp.mlines) do
            if b.kind == "bfcp" and b.floor_mstrm_label >= 0 then
                local want_label = num(b.floor_mstrm_label)
                for _, v in ipairs(sdp.mlines) do
                    if v.kind == "video" and v.label == want_label then
                        v.kind = "content"
                    end
                end
            end
        end
        if #sdp.mlines == 0 then
            return nil
        end
        return sdp
    end

    function direction_receives(dir)
        return dir == "sendrecv" or dir == "recvonly"
    end
end

-- =====================================================================
-- Dialled strings and IVR keys (pexip-dialling.c)
-- =====================================================================

local dialled_read, dtmf_key, dtmf_event_key
do

    local DIAL_MAX = 128
    local SCHEMES = { "sip:", "sips:", "h323:", "tel:" }

    local function dial_cut(s)
        return s:sub(1, DIAL_MAX - 1)
    end

    -- The span of s before the first of the characters in stop.
    local function span_until(s, stop)
        local i = s:find("[" .. stop .. "]")
        return i and s:sub(1, i - 1) or s
    end

    local function conference_host(host, frame)
        if #host > 1 and host:sub(1, 1) == "[" and host:sub(-1) == "]" then
            host = host:sub(2, -2)
        end
        host = dial_cut(host)
        if host:lower() == "vmr.vc" then
            return true
        end
        local raw = parse_ip(host)
        if not raw then
            return false
        end
        return is_service_address(raw, frame)
    end

    -- "conference", number; "uri", user@domain; or nil (pexip_dialled_read).
    function dialled_read(dialled, digits_only, frame)
        if not dialled then
            return nil
        end
        local s = dialled:gsub("^[%s<]+", ""):gsub("[%s>]+$", "")
        for _, scheme in ipairs(SCHEMES) do
            if s:sub(1, #scheme):lower() == scheme then
                s = s:sub(#scheme + 1)
                break
            end
        end
        if s == "" then
            return nil
        end
        if digits_only then
            return "conference", dial_cut(s)
        end
        local hashes = s:find("##", 1, true)
        if hashes then
            local number = span_until(s:sub(hashes + 2), ";?@")
            if number == "" then
                return nil
            end
            return "conference", dial_cut(number)
        end
        local at = s:find("@", 1, true)
        if not at then
            local n = span_until(s, ";?")
            if n == "" or n:find("%D") then
                return nil
            end
            return "conference", dial_cut(n)
        end
        local user = span_until(s:sub(1, at - 1), ";?")
        local host = span_until(s:sub(at + 1), ";?")
        if host:sub(1, 1) == "[" then
            local close = host:find("]", 1, true)
            if close then
                host = host:sub(1, close)
            end
        else
            local colon = host:find(":", 1, true)
            if colon and not host:find(":", colon + 1, true) then
                host = host:sub(1, colon - 1)
            end
        end
        if user == "" or host == "" then
            return nil
        end
        if conference_host(host, frame) then
            return "conference", dial_cut(user)
        end
        return "uri", dial_cut(user:sub(1, DIAL_MAX - 1) .. "@" .. host:sub(1, DIAL_MAX - 1))
    end

    local DTMF_MAX = 32

    -- One key into the entry; the number when "#" completes it.
    function dtmf_key(dtmf, key)
        if key == "#" then
            local complete = #dtmf.digits > 0 and not dtmf.overflow
            local number = complete and table.concat(dtmf.digits) or nil
            dtmf.digits, dtmf.overflow = {}, false
            return number
        end
        if not key:match("^[%d%*]$") then
            return nil
        end
        if #dtmf.digits >= DTMF_MAX then
            dtmf.overflow = true
            return nil
        end
        dtmf.digits[#dtmf.digits + 1] = key
        return nil
    end

    function dtmf_event_key(event)
        if event <= 9 then
            return num(event)
        end
        if event == 10 then return "*" end
        if event == 11 then return "#" end
        return nil
    end
end

-- =====================================================================
-- The call model (pexip-calls.c)
-- =====================================================================

local call_get, call_find, call_alias, call_dialled, call_dtmf, call_dtmf_event, sip_dialog_get, endpoint_key, add_channel, adopt_offer, add_sdp, media_lookup, stream_count, call_ended, call_floor_granted, signalling_frame, frame_add_call, finding_shown, frame_add_finding
do

    local function new_call(dialogs, call_id, signaling, frame)
        S.call_count = S.call_count + 1
        local call = {
            number = S.call_count, call_id = call_id, signaling = signaling, first_frame = frame,
            dialog = #dialogs + 1, streams = {}, shown = {},
            dtmf = { digits = {}, overflow = false },
        }
        dialogs[#dialogs + 1] = call
        S.all_calls[#S.all_calls + 1] = call
        return call
    end

    local function call_key(call_id, signaling)
        return (signaling == "H.323" and "H:" or "S:") .. call_id
    end

    local function calls_of(call_id, signaling)
        local key = call_key(call_id, signaling)
        local calls = S.calls_by_id[key]
        if not calls then
            calls = {}
            S.calls_by_id[key] = calls
            return calls, call_id
        end
        return calls, calls[1] and calls[1].call_id or call_id
    end

    function call_get(call_id, signaling, frame)
        if not call_id then
            return nil
        end
        local calls, stored = calls_of(call_id, signaling)
        if #calls > 0 then
            return calls[1]
        end
        return new_call(calls, stored, signaling, frame)
    end

    function call_find(call_id, signaling)
        local calls = S.calls_by_id[call_key(call_id, signaling)]
        return calls and calls[1] or nil
    end

    function call_alias(call, other_id)
        local key = call_key(other_id, call.signaling)
        if not S.calls_by_id[key] then
            S.calls_by_id[key] = { call }
        end
    end

    local DIAL_STRINGS_MAX = 16

    function call_dialled(call, dialled, digits_only, frame)
        if not call or not dialled or dialled == "" then
            return
        end
        if not call.dial_strings then
            call.dial_strings = {}
            call.dial_frame = frame
        end
        for _, have in ipairs(call.dial_strings) do
            if have == dialled then
                return
            end
        end
        if #call.dial_strings >= DIAL_STRINGS_MAX then
            return
        end
        call.dial_strings[#call.dial_strings + 1] = dialled
        if call.conference_id or call.dial_uri then
            return
        end
        local kind, text = dialled_read(dialled, digits_only, frame)
        if kind == "conference" then
            call.conference_id = text
            call.conference_frame = frame
        elseif kind == "uri" then
            call.dial_uri = text
        end
    end

    function call_dtmf(call, key, frame)
        if not call or call.conference_id then
            return
        end
        local number = dtmf_key(call.dtmf, key)
        if number then
            call.conference_id = number
            call.conference_frame = frame
        end
    end

    function call_dtmf_event(call, event, rtp_timestamp, frame)
        if not call or (call.event_seen and call.event_timestamp == rtp_timestamp) then
            return
        end
        call.event_seen = true
        call.event_timestamp = rtp_timestamp
        local key = dtmf_event_key(event)
        if key then
            call_dtmf(call, key, frame)
        end
    end

    local function same_tag(a, b)
        return a ~= nil and b ~= nil and a == b
    end

    local function keep_tag(tag)
        return (tag and tag ~= "") and tag or nil
    end

    -- The SIP dialog of a message (pexip_sip_dialog_get).
    function sip_dialog_get(call_id, from_tag, to_tag, frame)
        if not call_id then
            return nil
        end
        if from_tag == "" then from_tag = nil end
        if to_tag == "" then to_tag = nil end
        local dialogs, stored = calls_of(call_id, "SIP")
        if #dialogs == 0 then
            local call = new_call(dialogs, stored, "SIP", frame)
            call.tag_a = keep_tag(from_tag)
            call.tag_b = keep_tag(to_tag)
            return call
        end
        if not to_tag then
            return dialogs[1]
        end
        for _, d in ipairs(dialogs) do
            if (same_tag(d.tag_a, from_tag) and same_tag(d.tag_b, to_tag)) or
               (same_tag(d.tag_a, to_tag) and same_tag(d.tag_b, from_tag)) then
                return d
            end
        end
        for _, d in ipairs(dialogs) do
            if not d.tag_b and (same_tag(d.tag_a, from_tag) or not d.tag_a) then
                d.tag_b = keep_tag(to_tag)
                return d
            end
        end
        if same_tag(dialogs[1].tag_a, from_tag) then
            local first = dialogs[1]
            local fork = new_call(dialogs, stored, "SIP", frame)
            fork.tag_a = first.tag_a
            fork.tag_b = keep_tag(to_tag)
            fork.initial_offer = first.initial_offer
            return fork
        end
        return dialogs[1]
    end

    function endpoint_key(raw, port, tcp)
        return raw .. char(floor(port / 256), port % 256) .. (tcp and "t" or "u")
    end

    -- Destinations by address, then port (TCP ports + 65536): no key to
    -- build for the lookup every media packet makes.
    local function add_endpoint(raw, port, tcp, call, stream, valid_from, rtcp, keep_existing)
        local by_port = S.endpoints[raw]
        if not by_port then
            by_port = {}
            S.endpoints[raw] = by_port
        end
        local key = tcp and port + 65536 or port
        local list = by_port[key]
        if not list then
            list = {}
            by_port[key] = list
        elseif keep_existing then
            local last = list[#list]
            if last and last.call == call then
                return
            end
        end
        list[#list + 1] = { call = call, stream = stream, valid_from = valid_from, rtcp = rtcp }
    end

    -- Whether the setup in force from now on (the last one announced
    -- there) at the stream's RTP (rtcp false) or RTCP destination is the
    -- stream's own.
    local function setup_in_force(call, stream, rtcp)
        local last
        if rtcp then
            last = media_lookup(stream.rtcp_raw, stream.rtcp_port, false, math.huge)
        else
            last = media_lookup(stream.raw, stream.port, stream.tcp, math.huge)
        end
        return last ~= nil and last.stream == stream and last.call == call and last.rtcp == rtcp
    end

    -- The call's stream in force that the announcement announces again
    -- unchanged (same sender, stream, destinations and description: a
    -- re-INVITE that changes nothing, a refresh, a retransmission), or
    -- nil: such an announcement adds no stream.
    local function announced_unchanged(call, a)
        for i = #call.streams, 1, -1 do
            local e = call.streams[i]
            if e.superseded_frame == 0 and e.stream == a.stream and
               e.announced_by.raw == a.announced_by.raw then
                local same = e.announced_by.frame < a.announced_by.frame and
                    e.mline == a.mline and e.channel == a.channel and e.kind == a.kind and
                    e.direction == a.direction and e.transport == a.transport and
                    (e.tcp and true or false) == (a.tcp and true or false) and
                    (e.port or 0) == (a.port or 0) and e.raw == a.raw and
                    (e.rtcp and true or false) == (a.rtcp and true or false) and
                    (not e.rtcp or (e.rtcp_port == a.rtcp_port and e.rtcp_raw == a.rtcp_raw)) and
                    ((e.port or 0) == 0 or setup_in_force(call, e, false)) and
                    (not e.rtcp or setup_in_force(call, e, true))
                return same and e or nil
            end
        end
        return nil
    end

    -- A stored copy of an announcement; it supersedes the same stream's
    -- earlier announcements by the same sender.
    -- (The announcement, a table of its own, becomes the stream.)
    local function store_stream(call, stream)
        stream.call = call
        stream.to = { packets = 0, bytes = 0 }
        stream.from = { packets = 0, bytes = 0 }
        stream.first_frame, stream.last_frame = 0, 0
        stream.superseded_frame, stream.superseded_time = 0, 0
        for _, e in ipairs(call.streams) do
            if e.superseded_frame == 0 and e.stream == stream.stream and
               e.announced_by.frame < stream.announced_by.frame and
               e.announced_by.raw == stream.announced_by.raw then
                e.superseded_frame = stream.announced_by.frame
                e.superseded_time = stream.announced_by.time
            end
        end
        call.streams[#call.streams + 1] = stream
        return stream
    end

    local function add_stream(call, valid_from, announced, with_rtcp)
        if not call or not announced.port or announced.port == 0 or not announced.raw then
            return nil
        end
        announced.rtcp = with_rtcp and not announced.tcp and announced.port < 65535
        if announced.rtcp then
            announced.rtcp_raw = announced.raw
            announced.rtcp_port = announced.port + 1
        end
        local same = announced_unchanged(call, announced)
        if same then
            return same
        end
        local stream = store_stream(call, announced)
        add_endpoint(stream.raw, stream.port, stream.tcp, call, stream, valid_from, false, false)
        if stream.rtcp then
            add_endpoint(stream.rtcp_raw, stream.rtcp_port, false, call, stream, valid_from, true, false)
        end
        return stream
    end

    function add_channel(call, valid_from, announced)
        local has_rtp = announced.port and announced.port ~= 0 and announced.raw
        local has_rtcp = announced.rtcp and announced.rtcp_port and announced.rtcp_port ~= 0 and
                         announced.rtcp_raw
        if not call or (not has_rtp and not has_rtcp) then
            return nil
        end
        announced.rtcp = has_rtcp and true or false
        local same = announced_unchanged(call, announced)
        if same then
            return same
        end
        local stream = store_stream(call, announced)
        if has_rtp then
            add_endpoint(stream.raw, stream.port, false, call, stream, valid_from, false, false)
        end
        if has_rtcp then
            add_endpoint(stream.rtcp_raw, stream.rtcp_port, false, call, stream, valid_from, true,
                         not has_rtp)
        end
        return stream
    end

    function adopt_offer(fork, valid_from)
        if not fork.initial_offer or fork.offer_adopted then
            return
        end
        for _, s in ipairs(fork.initial_offer) do
            add_endpoint(s.raw, s.port, s.tcp, fork, s, valid_from, false, false)
            if s.rtcp then
                add_endpoint(s.rtcp_raw, s.rtcp_port, false, fork, s, valid_from, true, false)
            end
        end
        fork.offer_adopted = true
    end

    function add_sdp(call, sender, valid_from, sdp)
        local streams = nil
        for i, m in ipairs(sdp.mlines) do
            if m.port ~= 0 and m.raw then
                -- every field the stream will have, so the table is made once
                local announced = {
                    setup_frame = sender.frame, announced_by = sender, mline = i - 1, stream = i,
                    channel = 0, kind = m.kind, direction = m.direction, transport = m.transport,
                    raw = m.raw, port = m.port, tcp = m.tcp, call = false, to = false, from = false,
                    first_frame = 0, last_frame = 0, superseded_frame = 0, superseded_time = 0,
                    rtcp = false, rtcp_raw = false, rtcp_port = 0, initial_offer = false,
                    source_checked = false, icmp_reported = false,
                }
                local rtcp = m.transport:find("RTP", 1, true) ~= nil and not m.rtcp_mux
                local stream = add_stream(call, valid_from, announced, rtcp)
                streams = streams or {}
                streams[#streams + 1] = stream
            end
        end
        return streams
    end

    -- The setup in force at frame for a packet to raw:port.
    function media_lookup(raw, port, tcp, frame)
        local by_port = S.endpoints[raw]
        local list = by_port and by_port[tcp and port + 65536 or port]
        if not list then
            return nil
        end
        for i = #list, 1, -1 do
            if list[i].valid_from <= frame then
                return list[i]
            end
        end
        return nil
    end

    function stream_count(stream, to_destination, frame, time, bytes)
        local flow = to_destination and stream.to or stream.from
        if flow.packets == 0 then
            flow.first_frame, flow.first_time = frame, time
        end
        flow.packets = flow.packets + 1
        flow.bytes = flow.bytes + bytes
        flow.last_frame, flow.last_time = frame, time
        if stream.first_frame == 0 then
            stream.first_frame = frame
        end
        stream.last_frame = frame
    end

    function call_ended(call, frame)
        if call and not call.ended_frame then
            call.ended_frame = frame
        end
    end

    function call_floor_granted(call, frame, time)
        if not call then
            return
        end
        call.floor_grants = call.floor_grants or {}
        call.floor_grants[#call.floor_grants + 1] = { frame = frame, time = time }
    end

    -- A frame's signalling: its calls, streams and findings.
    function signalling_frame()
        return { calls = {}, streams = {}, findings = {} }
    end

    function frame_add_call(out, call)
        for _, c in ipairs(out.calls) do
            if c == call then
                return
            end
        end
        out.calls[#out.calls + 1] = call
    end

    function finding_shown(call, key)
        return call.shown[key] == true
    end

    function frame_add_finding(out, call, key, text)
        if call.shown[key] then
            return
        end
        call.shown[key] = true
        out.findings[#out.findings + 1] = { key = key, text = text }
    end
end

-- =====================================================================
-- Reading other dissectors' items (pexip-fields.h)
-- =====================================================================

-- Every item of an extractor as {fi, off, len, src}; src names the data
-- source (frame, reassembled, decrypted) so that byte ranges compare
-- only within one. one_source: the caller knows there is only one that
-- matters (a UDP datagram carries one SIP message), so src is not read.
local function items(extractor, one_source)
    local list = {}
    if not extractor then
        return list
    end
    for _, fi in ipairs({ extractor() }) do
        list[#list + 1] = { fi = fi, off = fi.offset, len = fi.len,
                            src = one_source and "" or tostring(fi.source) }
    end
    return list
end

local function is_inside(outer, inner)
    return inner.src == outer.src and inner.off >= outer.off and
           inner.off + inner.len <= outer.off + outer.len
end

-- The first item (lowest offset) of list inside msg's byte range.
local function item_inside(list, msg)
    local first
    for _, it in ipairs(list) do
        if is_inside(msg, it) and (not first or it.off < first.off) then
            first = it
        end
    end
    return first
end

local function string_inside(list, msg)
    local it = item_inside(list, msg)
    return it and it.fi.value or nil
end

local function value_of(it)
    return it and it.fi.value or nil
end

-- The raw bytes of an IPv4/IPv6 address item.
local function address_item(it)
    if not it then
        return nil
    end
    return parse_ip(tostring(it.fi.value))
end

-- =====================================================================
-- Signalling messages by identity (pexip-copies.c): on captures of two
-- points merged, the copies of one message share one entry, so that the
-- streams it announced are known as one side's (pexip-media-check.c).
-- pexip.alg.rewritten itself is not ported (lua-compat/README.md).
-- =====================================================================

local message_copies_see, sip_identity, h323_identity, frame_set_message, h323_check_copies
local message_from_service
do

    -- The entry of identity, made on its first copy (pexip_copies_see);
    -- restart (an H.323 identity reused for another message): a new entry
    -- for this copy and the later ones (pexip_copies_restart). nil: no
    -- identity.
    function message_copies_see(identity, frame, said, restart)
        if not identity then
            return nil
        end
        local entry = S.messages[identity]
        if entry and entry.first_frame ~= frame and restart and restart(entry.said, said) then
            entry = nil
        end
        if not entry then
            entry = { first_frame = frame, said = said }
            S.messages[identity] = entry
        end
        return entry
    end

    -- pexip_sip_identity: nil unless Call-ID, CSeq, branch and first line
    -- are there.
    function sip_identity(call_id, cseq, branch, first_line, from_tag, to_tag)
        if not call_id or call_id == "" or not cseq or cseq == "" or not branch or branch == "" or
           not first_line or first_line == "" then
            return nil
        end
        return table.concat({ call_id, cseq, branch, first_line, from_tag or "", to_tag or "" }, "\31")
    end

    -- pexip_h323_identity (the call is named by its number here: one
    -- call, one callIdentifier).
    function h323_identity(call, message, number, from_service)
        if not call or not message then
            return nil
        end
        return table.concat({ "h323", num(call.number), message, fmt("%.0f", number),
                              from_service and "s" or "c" }, "\31")
    end

    -- A later copy of an H.323 message with the same identity is another
    -- message when it went between the same two addresses but named other
    -- ones (pexip_detect_h323_rewritten's PEXIP_COPY_NEW_MESSAGE).
    local function h323_new_message(first, here)
        if #first.src ~= #here.src or first.src ~= here.src or first.dst ~= here.dst then
            return false
        end
        if #first.named ~= #here.named then
            return true
        end
        for i, a in ipairs(here.named) do
            local b = first.named[i]
            if a.where ~= b.where or a.raw ~= b.raw or a.port ~= b.port then
                return true
            end
        end
        return false
    end

    -- The entry of an H.323 message (pexip_check_h323_copies): message
    -- names it, number is its call reference or logical channel, named
    -- the addresses it embeds ({where, raw, port}, in message order).
    function h323_check_copies(ctx, message, number, named, call)
        local src, dst = ctx.src, ctx.dst
        if not call or not src or not dst or #src ~= #dst or (#src ~= 4 and #src ~= 16) then
            return nil
        end
        return message_copies_see(h323_identity(call, message, number, message_from_service(ctx)),
                                  ctx.frame, { src = src, dst = dst, named = named }, h323_new_message)
    end

    -- The streams out announced from index first + 1 on belong to entry,
    -- those that have none yet (pexip_signalling_frame_set_message).
    function frame_set_message(out, first, entry)
        for i = first + 1, #out.streams do
            local st = out.streams[i]
            if not st.message then
                st.message = entry
            end
        end
    end
end

-- =====================================================================
-- NAT and ALG traces in a message's addresses (pexip-address-check.c,
-- pexip-detectors.c)
-- =====================================================================

local check_named_addresses
do

    local function places_text(named, which, with_address)
        local out = {}
        local seen_text = ""
        for i, a in ipairs(named) do
            if which[i] and not seen_text:find(a.where, 1, true) then
                local piece = a.where
                if with_address then
                    piece = piece .. " " .. ip_text(a.raw)
                end
                out[#out + 1] = piece
                seen_text = table.concat(out, ", ")
            end
        end
        return table.concat(out, ", ")
    end

    function message_from_service(ctx)
        return is_service_address(ctx.src, ctx.frame)
    end

    -- pexip.alg.partial_rewrite / pexip.alg.h323_address and
    -- pexip.nat.private_address for the addresses one message names.
    function check_named_addresses(ctx, h323, named, call, out)
        local alg = h323 and "pexip.alg.h323_address" or "pexip.alg.partial_rewrite"
        if not call or #named == 0 or
           (finding_shown(call, "pexip.nat.private_address") and finding_shown(call, alg)) then
            return
        end
        local src = ctx.src
        local src_text = ip_text(src)
        local public_source = address_scope(src) == SCOPE_PUBLIC
        local rewritten, found = {}, {}
        local n_rewritten, n_private = 0, 0
        for i, a in ipairs(named) do
            rewritten[i] = public_source and a.raw == src
            found[i] = public_source and address_scope(a.raw) == SCOPE_PRIVATE
            if rewritten[i] then n_rewritten = n_rewritten + 1 end
            if found[i] then n_private = n_private + 1 end
        end
        if n_rewritten > 0 and n_private > 0 then
            if finding_shown(call, alg) then
                return
            end
            frame_add_finding(out, call, alg, fmt(
                "From public %s: %s rewritten to it but %s left private: %s ALG rewrote "
                .. "part of the message. Turn off %s ALG/inspection on the firewall%s",
                src_text, places_text(named, rewritten, false), places_text(named, found, true),
                h323 and "an H.323" or "a SIP", h323 and "H.323" or "SIP",
                h323 and "" or "; let the SBC do NAT"))
            return
        end
        if finding_shown(call, "pexip.nat.private_address") or n_private == 0 then
            return
        end
        local pattern = h323
            and "From public %s but private %s: NAT with nothing fixing up H.323. Give the "
                .. "device its public (NAT) address, or the far end must latch"
            or "From public %s but private %s: NAT with nothing fixing up SIP. Give the SBC its "
                .. "public address for signalling and media, or the far end must latch"
        frame_add_finding(out, call, "pexip.nat.private_address", fmt(pattern, src_text,
                                                            places_text(named, found, true)))
    end
end

-- =====================================================================
-- BFCP set up from SDP, and its floor state (pexip-bfcp.c)
-- =====================================================================

local FLOOR_NAMES, bfcp_announce, port_hand_over, ports_give_back
do

    FLOOR_NAMES = { "pending", "accepted", "granted", "denied", "cancelled", "released", "revoked" }
    local DISCARD_PORT = 9
    local handles = {}

    -- Lua cannot set up a conversation for a dissector (the C plugin does,
    -- for BFCP announced in SDP and for H.245 on every connection to an
    -- h245Address): the port goes to that dissector in the TCP or UDP
    -- port table instead, from this frame on, for every address (Wireshark
    -- tries conversations first, so a conversation of its own still wins).
    -- keep: leave a port that has a dissector already alone. Undone when
    -- the capture is closed (ports_give_back).
    function port_hand_over(tcp, port, dissector, keep)
        if port == 0 then
            return
        end
        local handle = handles[dissector]
        if handle == nil then
            local ok, h = pcall(Dissector.get, dissector)
            handle = ok and h or false
            handles[dissector] = handle
        end
        local tname = tcp and "tcp.port" or "udp.port"
        local key = tname .. ":" .. num(port)
        if not handle or S.ports[key] then
            return
        end
        local ok, tbl = pcall(DissectorTable.get, tname)
        if not ok or not tbl then
            return
        end
        local previous = tbl:get_dissector(port)
        if previous and keep then
            return
        end
        tbl:add(port, handle)
        S.ports[key] = { table = tbl, port = port, handle = handle, previous = previous }
    end

    function ports_give_back(ports)
        for _, e in pairs(ports or {}) do
            pcall(function()
                e.table:remove(e.port, e.handle)
                if e.previous then
                    e.table:add(e.port, e.previous)
                end
            end)
        end
    end

    -- Wireshark 4.0 does not hand BFCP announced in SDP to its bfcp
    -- dissector (pexip_bfcp_announce).
    function bfcp_announce(stream)
        if stream and stream.kind == "bfcp" and stream.port ~= DISCARD_PORT then
            port_hand_over(stream.tcp, stream.port, "bfcp", false)
        end
    end
end

-- =====================================================================
-- TCP connections to announced endpoints, and whether they got anywhere
-- (pexip-reach.c): TCP packets to the endpoint are attempts (a SYN and its
-- retransmissions), packets from it replies; one record per announcement,
-- judged once the capture has been read.
-- =====================================================================

local reach_watch, reach_announce, reach_packet, reach_of, reach_judge
do
    -- side(raw, frame): when given, only packets from an address it names
    -- are attempts, and only packets to one are replies.
    function reach_watch(side)
        return { latest = {}, all = {}, side = side }
    end

    function reach_announce(w, call, raw, port, frame)
        if not call or port == 0 then
            return nil
        end
        local key = endpoint_key(raw, port, true)
        local r = w.latest[key]
        if r and r.call == call then
            return r
        end
        r = { call = call, raw = raw, port = port, frame = frame, attempts = 0, replies = 0 }
        w.latest[key] = r
        w.all[#w.all + 1] = r
        return r
    end

    -- One TCP packet of the first reading; carried: it carried the
    -- protocol expected there.
    function reach_packet(w, ctx, carried)
        if ctx.port_type ~= TCP or not next(w.latest) then
            return
        end
        local to = w.latest[endpoint_key(ctx.dst, ctx.dst_port, true)]
        if to and (not w.side or w.side(ctx.src, ctx.frame)) then
            if to.attempts == 0 then
                to.first_attempt_frame = ctx.frame
            end
            to.attempts = to.attempts + 1
            to.reached = to.reached or carried
            if to.answered and to.answered == endpoint_key(ctx.src, ctx.src_port, true) then
                to.established = true
            end
        end
        local from = w.latest[endpoint_key(ctx.src, ctx.src_port, true)]
        if from and (not w.side or w.side(ctx.dst, ctx.frame)) then
            from.replies = from.replies + 1
            from.reached = from.reached or carried
            from.answered = endpoint_key(ctx.dst, ctx.dst_port, true)
        end
    end

    -- The record of the endpoint a TCP packet goes to, else comes from.
    function reach_of(w, ctx)
        if ctx.port_type ~= TCP then
            return nil
        end
        return w.latest[endpoint_key(ctx.dst, ctx.dst_port, true)] or
               w.latest[endpoint_key(ctx.src, ctx.src_port, true)]
    end

    -- nil (reached, established, or not enough to judge), "no answer"
    -- (at least min attempts, nothing back) or "refused".
    function reach_judge(r, min)
        if r.attempts == 0 or r.reached or r.established then
            return nil
        end
        if r.replies > 0 then
            return "refused"
        end
        return r.attempts >= min and "no answer" or nil
    end
end

-- =====================================================================
-- SIP and SDP into the call model (pexip-sip.c)
-- =====================================================================

local sip_read, sip_tls_first_undecrypted, sender_of, bytes_of, sip_connection_packet
local sip_refresh_check_run
do

    local function check_sdp(call, sdp, out)
        if not finding_shown(call, "pexip.alg.sdp_origin_mismatch") then
            local origin = address_scope(sdp.origin)
            if origin ~= SCOPE_OTHER then
                for _, m in ipairs(sdp.mlines) do
                    if m.port ~= 0 then
                        local connection = address_scope(m.raw)
                        if connection ~= SCOPE_OTHER and connection ~= origin then
                            local origin_private = origin == SCOPE_PRIVATE
                            frame_add_finding(out, call, "pexip.alg.sdp_origin_mismatch", fmt(
                                "SDP o=%s (%s) but %s c=%s (%s): a SIP ALG rewrote the SDP and left o=. "
                                .. "Turn off SIP ALG/inspection on the firewall; let the SBC do NAT",
                                ip_text(sdp.origin), origin_private and "private" or "public", m.media,
                                ip_text(m.raw), origin_private and "public" or "private"))
                            break
                        end
                    end
                end
            end
        end
        if not finding_shown(call, "pexip.alg.nat_trace") then
            for _, m in ipairs(sdp.mlines) do
                if m.port ~= 0 and address_scope(m.raw) == SCOPE_PUBLIC then
                    local info = m.info or sdp.info
                    if address_scope(info) == SCOPE_PRIVATE then
                        frame_add_finding(out, call, "pexip.alg.nat_trace", fmt(
                            "SDP i= holds private %s while %s c=%s: a SIP ALG rewrote the SDP and kept "
                            .. "the original address. Turn off SIP ALG/inspection on the firewall; let "
                            .. "the SBC do NAT", ip_text(info), m.media, ip_text(m.raw)))
                        break
                    end
                end
            end
        end
    end

    function sender_of(ctx)
        return { frame = ctx.frame, time = ctx.time, raw = ctx.src }
    end

    function bytes_of(it, offset, length)
        local ok, raw = pcall(function()
            return it.fi.source:range(offset, length):raw()
        end)
        return ok and raw or nil
    end

    -- The message's first line (request or status line), read from its
    -- bytes (first_line_of).
    local function first_line_of(msg)
        if msg.len <= 0 then
            return nil
        end
        local text = bytes_of(msg, msg.off, msg.len)
        local line = text and text:match("^[^\r\n]*")
        return line ~= "" and line or nil
    end

    local function read_sdp(ctx, call, sdp_it, is_request, to_tag, out)
        local text = bytes_of(sdp_it, sdp_it.off, sdp_it.len)
        if not text then
            return nil
        end
        local sdp = sdp_parse(text)
        if not sdp then
            return nil
        end
        check_sdp(call, sdp, out)
        if not is_request and call.dialog > 1 then
            adopt_offer(call, ctx.frame)
        end
        local streams = add_sdp(call, sender_of(ctx), ctx.frame, sdp)
        for _, s in ipairs(streams or {}) do
            bfcp_announce(s)
        end
        if streams and is_request and not to_tag and not call.initial_offer then
            for _, s in ipairs(streams) do
                s.initial_offer = true
            end
            call.initial_offer = streams
        end
        for _, s in ipairs(streams or {}) do
            out.streams[#out.streams + 1] = s
        end
        return sdp
    end

    -- A SIP or SIPS URI split (pexip_sip_uri_parse): { sips, host, port
    -- (0: none), transport ("udp", "tcp", "tls", "other" or nil) }, or nil
    -- when it is not one, its host is empty or its port is not 1-65535.
    local function sip_uri_parse(uri)
        if not uri then
            return nil
        end
        local p, sips
        if uri:sub(1, 5):lower() == "sips:" then
            p, sips = uri:sub(6), true
        elseif uri:sub(1, 4):lower() == "sip:" then
            p, sips = uri:sub(5), false
        else
            return nil
        end
        p = p:match("^[^>]*")
        local at = p:find("@", 1, true)
        local host = at and p:sub(at + 1) or p
        local after
        if host:sub(1, 1) == "[" then
            local close = host:find("]", 1, true)
            if not close then
                return nil
            end
            after = host:sub(close + 1)
            host = host:sub(2, close - 1)
        else
            local stop = host:find("[:;?>]")
            after = stop and host:sub(stop) or ""
            host = stop and host:sub(1, stop - 1) or host
        end
        if host == "" then
            return nil
        end
        local port = 0
        if after:sub(1, 1) == ":" then
            local text = after:sub(2):match("^[^;?>]*")
            port = (text ~= "" and not text:find("%D") and #text <= 5) and tonumber(text) or nil
            if not port or port < 1 or port > 65535 then
                return nil
            end
            after = after:sub(2 + #text)
        end
        local transport
        local params = after:match("^[^?>]*")
        for param in params:gmatch(";([^;]*)") do
            local name, value = param:match("^([^=]*)=(.*)$")
            if name and name:lower() == "transport" then
                value = value:lower()
                transport = (value == "udp" or value == "tcp" or value == "tls") and value or "other"
            end
        end
        return { sips = sips, host = host, port = port, transport = transport }
    end

    -- The endpoint the service connects to over TCP to reach a Contact
    -- (pexip_sip_uri_tcp_endpoint): an IP-literal host with ;transport=tcp
    -- or tls, or a sips: URI; the port given, else 5060 (TCP) or 5061 (TLS).
    local function sip_uri_tcp_endpoint(uri)
        local tls = uri.sips or uri.transport == "tls"
        if not tls and uri.transport ~= "tcp" then
            return nil
        end
        local raw = parse_ip(uri.host)
        if not raw then
            return nil
        end
        return raw, uri.port ~= 0 and uri.port or (tls and 5061 or 5060)
    end

    -- pexip.sip.refresh_unanswered (pexip-sip-refresh.c): the in-dialog
    -- requests the service sends to the customer side, and what they got.
    local function refresh_request(call, call_id, cseq, method, ctx)
        if not call or not method or method == "ACK" or not is_service_address(ctx.src, ctx.frame) or
           is_service_address(ctx.dst, ctx.frame) then
            return
        end
        local key = call_id .. " " .. num(cseq) .. " " .. method
        local t = S.transactions[key]
        if not t then
            t = { call = call, method = method, first_frame = ctx.frame, sends = 0, raw = ctx.dst,
                  port = ctx.dst_port }
            S.transactions[key] = t
            S.transactions_in_order[#S.transactions_in_order + 1] = t
        end
        t.sends = t.sends + 1
    end

    local function refresh_response(call_id, cseq, method, code)
        if not method or not next(S.transactions) then
            return
        end
        local t = S.transactions[call_id .. " " .. num(cseq) .. " " .. method]
        if not t then
            return
        end
        if code == 408 or code == 481 then
            t.final_code = code
        else
            t.answered = true
        end
    end

    -- The customer side's Contact reached over TCP or TLS is watched for
    -- the service's connections to it.
    local function refresh_contact(call, uri, ctx)
        if not uri or is_service_address(ctx.src, ctx.frame) then
            return
        end
        local raw, port = sip_uri_tcp_endpoint(uri)
        if raw and not is_service_address(raw, ctx.frame) then
            reach_announce(S.contact_watch, call, raw, port, ctx.frame)
        end
    end

    function sip_connection_packet(ctx, carried)
        reach_packet(S.contact_watch, ctx, carried)
    end

    local NOT_REACHABLE = "the SBC's announced signalling address is not reachable from the service "
                          .. "network (TCP/5061 or 5060), so calls drop at refresh"

    -- Once the capture has been read: the earliest finding of each call,
    -- of either kind (pexip_sip_refresh_check_run); report(frame, key, text).
    function sip_refresh_check_run(report)
        local found = {}
        for _, t in ipairs(S.transactions_in_order) do
            local outcome
            if not t.answered then
                if t.final_code then
                    outcome = fmt("%d %s", t.final_code,
                                  t.final_code == 408 and "Request Timeout" or "Call Does Not Exist")
                elseif t.sends >= 2 then
                    outcome = fmt("no response to %d sends", t.sends)
                end
            end
            if outcome then
                found[#found + 1] = { frame = t.first_frame, call = t.call, request = true, text = fmt(
                    "%s from the service to the customer side %s got %s: %s", t.method,
                    endpoint_text(t.raw, t.port), outcome, NOT_REACHABLE) }
            end
        end
        for _, r in ipairs(S.contact_watch.all) do
            local outcome = reach_judge(r, 2)
            if outcome then
                found[#found + 1] = { frame = r.first_attempt_frame, call = r.call, request = false,
                    text = fmt("TCP from the service to the customer's Contact %s (call %d) %s: %s",
                        endpoint_text(r.raw, r.port), r.call.number,
                        outcome == "refused"
                            and fmt("was refused (%d reset%s)", r.replies, r.replies == 1 and "" or "s")
                            or fmt("got no answer (%d SYNs)", r.attempts), NOT_REACHABLE) }
            end
        end
        table.sort(found, function(x, y)
            if x.frame ~= y.frame then
                return x.frame < y.frame
            end
            if x.call.number ~= y.call.number then
                return x.call.number < y.call.number
            end
            return x.request and not y.request
        end)
        local reported = {}
        for _, c in ipairs(found) do
            if not reported[c.call] then
                reported[c.call] = true
                report(c.frame, "pexip.sip.refresh_unanswered", c.text)
            end
        end
    end

    local NAMED_MAX = 2 + SDP_MAX_MLINES

    -- The Contact is the sender's own (pexip_sip_contact_is_senders,
    -- docs/fields.md "Whose addresses count"): in requests, and in 1xx/2xx
    -- responses that do not answer REGISTER.
    local function sip_contact_is_senders(is_request, status, cseq_method)
        if is_request then
            return true
        end
        if status < 100 or status >= 300 then
            return false
        end
        return cseq_method ~= "REGISTER"
    end

    local function check_nat_addresses(ctx, via_list, msg, is_request, contact_host, sdp, call, out)
        if finding_shown(call, "pexip.nat.private_address") and finding_shown(call, "pexip.alg.partial_rewrite") then
            return
        end
        local named = {}
        local function name(where, text)
            if not text or #named >= NAMED_MAX then
                return
            end
            local raw = parse_ip(text)
            if raw then
                named[#named + 1] = { where = where, raw = raw }
            end
        end
        if is_request then
            name("Via", string_inside(via_list, msg))
        end
        name("Contact", contact_host)
        for _, m in ipairs(sdp and sdp.mlines or {}) do
            if #named >= NAMED_MAX then
                break
            end
            if m.port ~= 0 and m.raw then
                named[#named + 1] = { where = "SDP c=", raw = m.raw }
            end
        end
        check_named_addresses(ctx, false, named, call, out)
    end

    -- Where the UDP datagram of msg ends in its data source, or nil.
    local function udp_payload_end(ctx, msg)
        if ctx.port_type ~= UDP or msg.off < 8 then
            return nil
        end
        local udp = msg.off - 8
        local header = bytes_of(msg, udp, 8)
        if not header or #header ~= 8 then
            return nil
        end
        local sport = byte(header, 1) * 256 + byte(header, 2)
        local dport = byte(header, 3) * 256 + byte(header, 4)
        if sport ~= ctx.src_port or dport ~= ctx.dst_port then
            return nil
        end
        local length = byte(header, 5) * 256 + byte(header, 6)
        local stop = udp + length
        local ok, total = pcall(function() return msg.fi.source:len() end)
        if length < 8 or stop < msg.off + msg.len or not ok or stop > total then
            return nil
        end
        return stop
    end

    local function is_sdp_text(s)
        return #s > 0 and s:sub(-1) == "\n" and not s:find("[^\32-\126\r\n\t]")
    end

    local function line_is_padded(line)
        local t = line:sub(1, 1)
        if #line < 2 or line:sub(2, 2) ~= "=" or (t ~= "o" and t ~= "c" and t ~= "m") then
            return false
        end
        local last = line:sub(-1)
        if last == " " or last == "\t" then
            return true
        end
        return line:find("  ", 3, true) ~= nil
    end

    local function body_is_padded(body)
        local pos, n = 1, #body
        while pos <= n do
            local eol = body:find("\n", pos, true)
            local line = body:sub(pos, (eol or n + 1) - 1)
            if line:sub(-1) == "\r" then
                line = line:sub(1, -2)
            end
            if not eol then
                if not body:sub(pos):find("[^ \t]") then
                    return true
                end
            end
            if line_is_padded(line) then
                return true
            end
            pos = eol and eol + 1 or n + 1
        end
        return false
    end

    -- pexip_detect_content_length
    local function detect_content_length(content_length, body, end_known)
        local len = #body
        if end_known and len < content_length then
            return "shorter"
        end
        if end_known and len > content_length and is_sdp_text(body:sub(content_length + 1)) then
            return "longer"
        end
        if body_is_padded(len < content_length and body or body:sub(1, content_length)) then
            return "padded"
        end
        return nil
    end

    local function check_content_length(ctx, cl_list, msg, sdp_it, only_message, call, out)
        if finding_shown(call, "pexip.alg.content_length") or sdp_it.src ~= msg.src then
            return
        end
        local cl = item_inside(cl_list, msg)
        if not cl then
            return
        end
        local content_length = cl.fi.value
        local start = sdp_it.off
        local stop = only_message and udp_payload_end(ctx, msg) or nil
        local end_known = stop ~= nil and stop >= start
        local len = end_known and stop - start or sdp_it.len
        local body = bytes_of(sdp_it, start, len)
        if not body or #body ~= len then
            return
        end
        local check = detect_content_length(content_length, body, end_known)
        local text
        if check == "longer" or check == "shorter" then
            text = fmt("Content-Length %d but the SDP body has %d bytes: a SIP ALG changed the body and "
                       .. "not the length. Turn off SIP ALG/inspection on the firewall; let the SBC do NAT",
                       content_length, len)
        elseif check == "padded" then
            text = fmt("SDP padded with spaces to keep Content-Length %d: a SIP ALG rewrote the body. "
                       .. "Turn off SIP ALG/inspection on the firewall; let the SBC do NAT", content_length)
        else
            return
        end
        frame_add_finding(out, call, "pexip.alg.content_length", text)
    end

    local function cseq_split(cseq)
        if not cseq then
            return nil
        end
        local n, rest = cseq:match("^(%d+)[ \t]*(.*)$")
        if not n or #n > 10 or tonumber(n) > 4294967295 then
            return nil
        end
        return tonumber(n), rest ~= "" and rest or nil
    end

    -- Wireshark's sip item of a message that another follows in the same
    -- TCP segment spans both (pexip-sip.c reads each message's own header
    -- lines and body): the item's header lines (to the blank line), and
    -- its body (as long as its Content-Length says).
    local function message_extent(item, cl_list)
        local text = item.len > 0 and bytes_of(item, item.off, item.len)
        local blank
        if text then
            blank = select(2, text:find("\n\r?\n"))
        end
        if not blank then
            return item, { src = item.src, off = item.off + item.len, len = 0 }
        end
        local head = { fi = item.fi, src = item.src, off = item.off, len = blank }
        local body = { src = item.src, off = item.off + blank, len = item.len - blank }
        local cl = item_inside(cl_list, head)
        if cl and cl.fi.value < body.len then
            body.len = cl.fi.value
        end
        return head, body
    end

    function sip_read(ctx)
        -- A UDP datagram holds one SIP message: every item is its own, in
        -- whatever data source (IP reassembly makes one).
        local one = ctx.port_type == UDP and X.sip and select("#", X.sip()) == 1
        local messages = items(X.sip, one)
        if #messages == 0 then
            return nil
        end
        local out = signalling_frame()
        local call_ids, from_tags = items(X.sip_call_id, one), items(X.sip_from_tag, one)
        local to_tags, statuses = items(X.sip_to_tag, one), items(X.sip_status, one)
        local cseqs, methods = items(X.sip_cseq, one), items(X.sip_method, one)
        local r_uris, sdps = items(X.sip_r_uri, one), items(X.sdp, one)
        local contacts, vias = items(X.sip_contact_uri, one), items(X.sip_via_sent_by, one)
        local lengths = items(X.sip_content_length, one)
        local branches = items(X.sip_via_branch, one)
        for _, item in ipairs(messages) do
            -- msg: the message's header lines; body: its own body.
            local msg, body = message_extent(item, lengths)
            local call_id = string_inside(call_ids, msg)
            if call_id and call_id ~= "" then
                local from_tag = string_inside(from_tags, msg)
                local to_tag = string_inside(to_tags, msg)
                if to_tag == "" then
                    to_tag = nil
                end
                local status = item_inside(statuses, msg)
                local is_request = status == nil
                local call = sip_dialog_get(call_id, from_tag, to_tag, ctx.frame)
                frame_add_call(out, call)
                local cseq, cseq_method = cseq_split(string_inside(cseqs, msg))
                if status then
                    local code = status.fi.value
                    if code >= 200 and code < 300 and cseq_method == "INVITE" then
                        call.answered = true
                    end
                    refresh_response(call_id, cseq or 0, cseq_method, code)
                elseif to_tag and cseq then
                    -- In-dialog requests the service sends to the customer side.
                    refresh_request(call, call_id, cseq, cseq_method, ctx)
                end
                local method = is_request and string_inside(methods, msg) or nil
                if to_tag and method == "BYE" then
                    call_ended(call, ctx.frame)
                end
                if not to_tag and method == "INVITE" then
                    call_dialled(call, string_inside(r_uris, msg), false, ctx.frame)
                end
                local sdp = nil
                local first_stream = #out.streams
                for _, sdp_it in ipairs(sdps) do
                    if sdp_it.src == body.src and sdp_it.off >= body.off and
                       sdp_it.off < body.off + body.len and sdp_it.len > 0 then
                        sdp = read_sdp(ctx, call, sdp_it, is_request, to_tag, out)
                        check_content_length(ctx, lengths, item, sdp_it, #messages == 1, call, out)
                    end
                end
                local contact = sip_uri_parse(string_inside(contacts, msg))
                -- A registrar's bindings and a redirect's targets are not
                -- where to reach the sender.
                local senders_contact = sip_contact_is_senders(is_request, status and status.fi.value or 0,
                                                               cseq_method)
                if senders_contact and contact then
                    refresh_contact(call, contact, ctx)
                end
                check_nat_addresses(ctx, vias, msg, is_request, senders_contact and contact and contact.host,
                                    sdp, call, out)
                -- Its streams belong to the message, whichever copy
                -- announced them.
                frame_set_message(out, first_stream, message_copies_see(sip_identity(
                    call_id, string_inside(cseqs, msg), string_inside(branches, msg), first_line_of(msg),
                    from_tag, to_tag), ctx.frame))
            end
        end
        if #out.calls == 0 then
            return nil
        end
        return out
    end

    -- pexip.sip.encrypted: the first frame of a connection to or from the
    -- SIP-TLS port whose TLS application data Wireshark could not decrypt.
    function sip_tls_first_undecrypted(ctx, seen)
        if not seen.tls or seen.sip or ctx.port_type ~= TCP or not X.tls_app_data or not X.tls_app_data() then
            return false
        end
        local stream = ctx:tcp_stream()
        if stream == nil or S.tls_noted[stream] then
            return false
        end
        S.tls_noted[stream] = ctx.frame
        return true
    end
end

-- =====================================================================
-- H.225.0 and H.245 into the call model (pexip-h323.c, pexip-h245.c)
--
-- The C plugin walks the protocol tree's nesting; Lua sees each field's
-- items as a flat list with their byte offsets. ASN.1 PER gives the
-- SEQUENCE and CHOICE items no length on a tree nobody shows, but their
-- offsets are right, and PER writes a structure's parts in order: an
-- item belongs to the nearest structure that starts at or before it
-- (regions below: [start, stop) within one data source).
-- =====================================================================

local h323_read, h245_read, h245_connection_packet, h245_check_run
do

    local function in_region(it, r)
        return it.src == r.src and it.off >= r.off and it.off < r.stop
    end

    local function first_in(list, r, pred)
        local best
        for _, it in ipairs(list) do
            if in_region(it, r) and (not pred or pred(it)) and (not best or it.off < best.off) then
                best = it
            end
        end
        return best
    end

    -- Where the structure that starts at item it ends within r: at the first
    -- of the items of `bounds` (lists) that starts after it, else r's end.
    local function region_of(it, r, bounds)
        local stop = r.stop
        for _, list in ipairs(bounds) do
            for _, b in ipairs(list) do
                if b.src == it.src and b.off > it.off and b.off < stop then
                    stop = b.off
                end
            end
        end
        return { src = it.src, off = it.off, stop = stop }
    end

    -- A TransportAddress structure's address and port: the first IPv4
    -- address item (4 bytes) in it, else IPv6 (16 bytes); the port item of
    -- that family. nil when it holds neither, or port 0.
    local function transport_address(r, ip4, port4, ip6, port6)
        local ip = first_in(ip4, r, function(it) return it.len == 4 end)
        local port_list = port4
        if not ip then
            ip = first_in(ip6, r, function(it) return it.len == 16 end)
            port_list = port6
            if not ip then
                return nil
            end
        end
        local port = value_of(first_in(port_list, r))
        if not port or port == 0 or port > 65535 then
            return nil
        end
        local raw = address_item(ip)
        if not raw then
            return nil
        end
        return raw, port
    end

    local DATA_TYPE_NULL, DATA_TYPE_VIDEO, DATA_TYPE_AUDIO = 1, 2, 3
    -- 0.0.8.239.1.2 (H.239 extended video: the presentation role), encoded, in hex.
    local OID_H239_EXTENDED_VIDEO = "0008816F0102"

    -- The items of several fields in one list.
    local function items_of(...)
        local list = {}
        for _, extractor in ipairs({ ... }) do
            for _, it in ipairs(items(extractor)) do
                list[#list + 1] = it
            end
        end
        return list
    end

    local function h245_items()
        local L = {
            olc = items(X.h245_olc), olc_fs = items(X.h245_olc_faststart), ack = items(X.h245_olc_ack),
            lcn = items_of(X.h245_forward_lcn, X.h245_olc_fw_lcn, X.h245_olc_ack_fw_lcn),
            forward = items(X.h245_forward_params),
            reverse = items_of(X.h245_reverse_params, X.h245_ack_reverse_params),
            data_type = items(X.h245_data_type), oid = items(X.h245_standard_oid),
            session = items_of(X.h245_session_id, X.h245_session_id_0_255),
            media = items_of(X.h245_media_channel, X.h245_ack_media_channel),
            control = items_of(X.h245_media_control, X.h245_ack_media_control),
            ip4 = items(X.h245_ip4), port4 = items(X.h245_port4), ip6 = items(X.h245_ip6),
            port6 = items(X.h245_port6), alnum = items(X.h245_alphanumeric),
            signal = items(X.h245_signal_type),
        }
        return L
    end

    -- Whether an H.239 presentation capability is named in r. The value
    -- of an OID item is its encoded bytes (read from the value: PER may
    -- have taken them from bits that do not start a byte).
    local function names_h239_presentation(L, r)
        for _, it in ipairs(L.oid) do
            if in_region(it, r) then
                local ok, v = pcall(function() return it.fi.value end)
                if ok and v ~= nil and tostring(v):upper() == OID_H239_EXTENDED_VIDEO then
                    return true
                end
            end
        end
        return false
    end

    -- The kind of the data type in params; nil for nullData.
    local function params_kind(L, r)
        local t = value_of(first_in(L.data_type, r))
        if t == DATA_TYPE_NULL then
            return nil
        end
        local kind = t == DATA_TYPE_AUDIO and "audio" or t == DATA_TYPE_VIDEO and "video" or "other"
        if kind == "video" and names_h239_presentation(L, r) then
            kind = "content"
        end
        return kind
    end

    -- senders: the addresses are the sender's own (checked for NAT).
    -- said: the message's addresses so far, appended to (faststart: as a
    -- FastStart channel of an H.225.0 message).
    local function h245_add_channel(ctx, w, L, r, channel, kind, session, senders, said, faststart)
        local s = { channel = channel, kind = kind, stream = session, mline = 0 }
        local media = first_in(L.media, r)
        local control = first_in(L.control, r)
        local bounds = { L.media, L.control }
        if media then
            s.raw, s.port = transport_address(region_of(media, r, bounds), L.ip4, L.port4, L.ip6, L.port6)
        end
        if control then
            s.rtcp_raw, s.rtcp_port = transport_address(region_of(control, r, bounds), L.ip4, L.port4,
                                                        L.ip6, L.port6)
            s.rtcp = s.rtcp_raw ~= nil
        end
        if not s.port and not s.rtcp then
            return
        end
        s.port = s.port or 0
        s.setup_frame = ctx.frame
        s.announced_by = sender_of(ctx)
        s.direction = s.port ~= 0 and "recvonly" or "sendonly"
        s.transport = s.port ~= 0 and "RTP" or "RTCP"
        local stream = add_channel(w.call, ctx.frame, s)
        if stream then
            w.out.streams[#w.out.streams + 1] = stream
        end
        local named = {}
        if s.port ~= 0 then
            named[#named + 1] = { where = "mediaChannel", raw = s.raw, port = s.port }
        end
        if s.rtcp then
            named[#named + 1] = { where = "mediaControlChannel", raw = s.rtcp_raw, port = s.rtcp_port }
        end
        if senders and not message_from_service(ctx) then
            check_named_addresses(ctx, true, named, w.call, w.out)
        end
        -- What the message says, for its copies: a FastStart channel's
        -- addresses are its H.225.0 message's.
        for _, a in ipairs(named) do
            said[#said + 1] = { where = faststart and "fastStart channel" or a.where, raw = a.raw,
                                port = a.port }
        end
    end

    -- The streams a message of the walked call announced (w.out's after
    -- index first) belong to its entry, whichever copy announced them.
    local function check_channel_copies(ctx, w, message, channel, said, first)
        frame_set_message(w.out, first, h323_check_copies(ctx, message, channel, said, w.call))
    end

    local function channel_key(call, opener, channel)
        return num(call.number) .. "/" .. opener .. "/" .. num(channel)
    end

    -- faststart: a FastStart element of an H.225.0 message.
    local function read_olc(ctx, w, L, olc, faststart)
        local channel = value_of(first_in(L.lcn, olc)) or 0
        local said = faststart and w.faststart or {}
        local first_stream = #w.out.streams
        local forward = first_in(L.forward, olc)
        local reverse = first_in(L.reverse, olc)
        if forward then
            local fr = { src = forward.src, off = forward.off, stop = olc.stop }
            if reverse and reverse.off > forward.off then
                fr.stop = reverse.off
            end
            local kind = params_kind(L, fr)
            if kind then
                local session = value_of(first_in(L.session, fr)) or 0
                S.opened_channels[channel_key(w.call, ctx.src, channel)] = { kind = kind, session = session }
                h245_add_channel(ctx, w, L, fr, channel, kind, session, true, said, faststart)
            end
        end
        if reverse then
            local rr = { src = reverse.src, off = reverse.off, stop = olc.stop }
            local kind = params_kind(L, rr)
            -- A FastStart answer returns the proposer's reverse parameters.
            if kind then
                h245_add_channel(ctx, w, L, rr, channel, kind, value_of(first_in(L.session, rr)) or 0,
                                 not (faststart and w.faststart_answer), said, faststart)
            end
        end
        if not faststart then
            check_channel_copies(ctx, w, "H.245 OpenLogicalChannel", channel, said, first_stream)
        end
    end

    local function read_olc_ack(ctx, w, L, ack)
        local channel = value_of(first_in(L.lcn, ack)) or 0
        local opened = S.opened_channels[channel_key(w.call, ctx.dst, channel)]
        local kind = opened and opened.kind or "other"
        local session = value_of(first_in(L.session, ack)) or (opened and opened.session or 0)
        local said, first_stream = {}, #w.out.streams
        h245_add_channel(ctx, w, L, ack, channel, kind, session, true, said, false)
        check_channel_copies(ctx, w, "H.245 OpenLogicalChannelAck", channel, said, first_stream)
    end

    -- The channels and keys in region r (an H.225.0 message, or every data
    -- source of an H.245 frame), in the order sent. faststart_answer: the
    -- message answers FastStart proposals (it is not a Setup).
    local function h245_walk(ctx, call, out, L, regions, faststart_answer, faststart)
        local w = { call = call, out = out, faststart_answer = faststart_answer,
                    faststart = faststart or {} }
        local events = {}
        local function collect(list, what)
            for _, it in ipairs(list) do
                for _, r in ipairs(regions) do
                    if in_region(it, r) then
                        events[#events + 1] = { it = it, what = what, region = r }
                        break
                    end
                end
            end
        end
        collect(L.olc, "olc")
        collect(L.olc_fs, "olc_fs")
        collect(L.ack, "ack")
        collect(L.alnum, "alnum")
        collect(L.signal, "signal")
        -- Sources in the order their first item came, then offsets.
        local source_order = {}
        for i, e in ipairs(events) do
            if not source_order[e.it.src] then
                source_order[e.it.src] = i
            end
        end
        table.sort(events, function(a, b)
            if a.it.src ~= b.it.src then
                return source_order[a.it.src] < source_order[b.it.src]
            end
            return a.it.off < b.it.off
        end)
        local bounds = { L.olc, L.olc_fs, L.ack }
        for _, e in ipairs(events) do
            if e.what == "olc" or e.what == "olc_fs" then
                read_olc(ctx, w, L, region_of(e.it, e.region, bounds), e.what == "olc_fs")
            elseif e.what == "ack" then
                read_olc_ack(ctx, w, L, region_of(e.it, e.region, bounds))
            else
                local text = e.it.fi.value
                if type(text) == "string" then
                    if e.what == "alnum" then
                        for k in text:gmatch(".") do
                            call_dtmf(call, k, ctx.frame)
                        end
                    elseif text ~= "" then
                        call_dtmf(call, text:sub(1, 1), ctx.frame)
                    end
                end
            end
        end
    end

    -- H.225.0: the h245Address a call announced (its H.245 connection).
    local function h245_address_add(call, raw, port, frame)
        if not call or port == 0 then
            return
        end
        local r = S.h245_watch.latest[endpoint_key(raw, port, true)]
        if r and r.call == call then
            return
        end
        reach_announce(S.h245_watch, call, raw, port, frame)
        -- Wireshark hands the first connection to an h245Address to H.245;
        -- at two capture points the same connection is seen twice.
        port_hand_over(true, port, "h245", true)
    end

    -- A TCP packet of the service (first reading) to or from an announced
    -- h245Address; carried: it carried H.245.
    function h245_connection_packet(ctx, carried)
        reach_packet(S.h245_watch, ctx, carried)
    end

    -- pexip.h323.h245_unreachable, once the capture has been read
    -- (pexip_h245_check_run); report(frame, key, text).
    function h245_check_run(report)
        for _, r in ipairs(S.h245_watch.all) do
            local outcome = reach_judge(r, 1)
            if outcome then
                report(r.first_attempt_frame, "pexip.h323.h245_unreachable", fmt(
                    "TCP to h245Address %s (call %d, frame %d) never carried H.245: %d packets to it, "
                    .. "%s: a firewall drops TCP to that port; open it, or let the device tunnel H.245",
                    endpoint_text(r.raw, r.port), r.call.number, r.frame, r.attempts,
                    outcome == "refused" and "answers without H.245 (refused)" or "no answer"))
            end
        end
    end

    function h245_read(ctx)
        local connection = reach_of(S.h245_watch, ctx)
        if not connection then
            return nil
        end
        local out = signalling_frame()
        frame_add_call(out, connection.call)
        local L = h245_items()
        local regions, seen_src = {}, {}
        for _, list in ipairs({ L.olc, L.olc_fs, L.ack, L.alnum, L.signal }) do
            for _, it in ipairs(list) do
                if not seen_src[it.src] then
                    seen_src[it.src] = true
                    regions[#regions + 1] = { src = it.src, off = 0, stop = math.huge }
                end
            end
        end
        h245_walk(ctx, connection.call, out, L, regions)
        return out
    end

    -- A GUID item as text (guid_to_str): its display, which Lua 4.0 gives
    -- where it gives no value (and PER may have decoded it from bits that
    -- start in the middle of a byte, so its offset is not where it is).
    -- nil for the all-zero GUID; the second value tells whether there was one.
    local function guid_text(it)
        local text = tostring(it.fi.display or ""):lower()
        text = text:match("^%x%x%x%x%x%x%x%x%-%x%x%x%x%-%x%x%x%x%-%x%x%x%x%-%x%x%x%x%x%x%x%x%x%x%x%x")
        if not text then
            local ok, v = pcall(function() return it.fi.value end)
            text = ok and type(v) == "string" and v:lower() or nil
        end
        if not text then
            return nil, false
        end
        if text == "00000000-0000-0000-0000-000000000000" then
            return nil, true
        end
        return text, true
    end

    local BODY_SETUP, BODY_CONNECT, BODY_RELEASE_COMPLETE = 0, 2, 5

    local function h225_message_call(ctx, H, msg)
        local guid = first_in(H.guid, msg)
        local call_id, has_guid = nil, guid ~= nil
        if guid then
            call_id = guid_text(guid)
        end
        local conf = first_in(H.conference, msg)
        local conference_id = conf and guid_text(conf) or nil
        local stream = ctx.port_type == TCP and ctx:tcp_stream() or nil
        local call
        if call_id then
            call = call_get(call_id, "H.323", ctx.frame)
            if call and conference_id then
                call_alias(call, conference_id)
            end
        elseif conference_id then
            call = call_find(conference_id, "H.323") or call_get(conference_id, "H.323", ctx.frame)
        elseif stream ~= nil then
            call = S.call_of_connection[stream]
            if not call and has_guid then
                call = call_get(fmt("00000000-0000-0000-0000-000000000000 (tcp.stream %d)", stream),
                                "H.323", ctx.frame)
            end
        end
        if call and stream ~= nil then
            S.call_of_connection[stream] = call
        end
        return call
    end

    -- An address structure of H.225.0 (h245Address, sourceCallSignalAddress,
    -- destCallSignalAddress): its region ends at the next such structure.
    local function h225_transport(H, node, msg, h245)
        if not node then
            return nil
        end
        local r = region_of(node, msg, H.bounds)
        if h245 then
            return transport_address(r, H.h245_ip4, H.h245_port4, H.h245_ip6, H.h245_port6)
        end
        return transport_address(r, H.ip4, H.port4, H.ip6, H.port6)
    end

    local function h225_read_dialled(ctx, H, msg, call)
        local destination = first_in(H.destination, msg)
        if destination then
            local r = region_of(destination, msg, { H.dest_signal, H.dest_extra, H.conference, H.guid,
                                                    H.source_signal })
            local aliases = {}
            for kind, list in ipairs(H.aliases) do
                for _, it in ipairs(list) do
                    if in_region(it, r) then
                        aliases[#aliases + 1] = { it = it, digits = kind == 1 }
                    end
                end
            end
            table.sort(aliases, function(a, b) return a.it.off < b.it.off end)
            for _, a in ipairs(aliases) do
                local v = a.it.fi.value
                if type(v) == "string" then
                    call_dialled(call, v, a.digits, ctx.frame)
                end
            end
        end
        local raw, port = h225_transport(H, first_in(H.dest_signal, msg), msg, false)
        if raw then
            call_dialled(call, endpoint_text(raw, port == 1720 and 0 or port), false, ctx.frame)
        end
    end

    local H225_MESSAGE_NAMES = {
        "H.225 Setup", "H.225 CallProceeding", "H.225 Connect", "H.225 Alerting",
        "H.225 Information", "H.225 ReleaseComplete", "H.225 Facility", "H.225 Progress",
        "H.225 Empty", "H.225 Status", "H.225 StatusInquiry", "H.225 SetupAcknowledge",
        "H.225 Notify",
    }

    -- The Q.931 call reference of H.225.0 message m, its flag in the top
    -- bit (as sent), read from the bytes of the q931.call_ref item nearest
    -- before m in its data source; 0xFFFFFFFF when there is none (RAS) or
    -- it is longer than 2 octets (call_reference).
    local function call_reference(H, m)
        local ref
        for _, it in ipairs(H.call_ref) do
            if it.src == m.src and it.off <= m.off and (not ref or it.off > ref.off) then
                ref = it
            end
        end
        local bytes = ref and ref.len >= 1 and ref.len <= 2 and bytes_of(ref, ref.off, ref.len)
        if not bytes or #bytes ~= ref.len then
            return 4294967295
        end
        return #bytes == 1 and bytes:byte(1) or bytes:byte(1) * 256 + bytes:byte(2)
    end

    function h323_read(ctx)
        local messages = items(X.h225)
        if #messages == 0 then
            return nil
        end
        local H = {
            guid = items(X.h225_guid), conference = items(X.h225_conference_id),
            h245_address = items(X.h225_h245_address), h245_ip4 = items(X.h225_h245_ip4),
            h245_port4 = items(X.h225_h245_port4), h245_ip6 = items(X.h225_h245_ip6),
            h245_port6 = items(X.h225_h245_port6), body = items(X.h225_body),
            source_signal = items(X.h225_source_signal), destination = items(X.h225_destination),
            dest_signal = items(X.h225_dest_signal), dest_extra = items(X.h225_dest_extra),
            ip4 = items(X.h225_ip4), port4 = items(X.h225_port4), ip6 = items(X.h225_ip6),
            port6 = items(X.h225_port6), call_ref = items(X.q931_call_ref),
            aliases = { items(X.h225_dialled_digits), items(X.h225_h323_id), items(X.h225_url_id),
                        items(X.h225_email_id) },
        }
        H.bounds = { H.h245_address, H.source_signal, H.dest_signal }
        local L
        local out = signalling_frame()
        for _, m in ipairs(messages) do
            local msg = { src = m.src, off = m.off, stop = m.off + m.len }
            local call = h225_message_call(ctx, H, msg)
            if call then
                frame_add_call(out, call)
                local named = {}
                local raw, port = h225_transport(H, first_in(H.h245_address, msg), msg, true)
                if raw then
                    named[#named + 1] = { where = "h245Address", raw = raw, port = port }
                    h245_address_add(call, raw, port, ctx.frame)
                end
                raw, port = h225_transport(H, first_in(H.source_signal, msg), msg, false)
                if raw then
                    named[#named + 1] = { where = "sourceCallSignalAddress", raw = raw, port = port }
                end
                if #named > 0 and not message_from_service(ctx) then
                    check_named_addresses(ctx, true, named, call, out)
                end
                -- What the message embeds: its own addresses, then its
                -- FastStart channels' (h245_walk adds those).
                local said = {}
                for i, a in ipairs(named) do
                    said[i] = a
                end
                raw, port = h225_transport(H, first_in(H.dest_signal, msg), msg, false)
                if raw then
                    said[#said + 1] = { where = "destCallSignalAddress", raw = raw, port = port }
                end
                local body = value_of(first_in(H.body, msg))
                if body == BODY_SETUP then
                    h225_read_dialled(ctx, H, msg, call)
                elseif body == BODY_CONNECT then
                    call.answered = true
                elseif body == BODY_RELEASE_COMPLETE then
                    call_ended(call, ctx.frame)
                end
                L = L or h245_items()
                local first_stream = #out.streams
                h245_walk(ctx, call, out, L, { msg }, body ~= BODY_SETUP, said)
                -- Its FastStart channels belong to the message, whichever
                -- copy announced them (the H.245 it tunnels has its own).
                local name = body and H225_MESSAGE_NAMES[body + 1]
                if name then
                    frame_set_message(out, first_stream, h323_check_copies(
                        ctx, name, call_reference(H, m), said, call))
                end
            end
        end
        if #out.calls == 0 then
            return nil
        end
        return out
    end
end

-- =====================================================================
-- RFC 4733 telephone-events as IVR keys (pexip-rtp-event.c)
-- =====================================================================

local rtp_event_read
do

    local RTP_FIXED_HEADER = 12
    local RTP_HEADER_SEARCH = RTP_FIXED_HEADER + 15 * 4 + 4 + 256 * 4

    function rtp_event_read(ctx, call)
        if not X.rtpevent_id then
            return
        end
        local fi = X.rtpevent_id()
        if not fi then
            return
        end
        local it = { fi = fi, off = fi.offset }
        local payload = it.off
        local low = math.max(0, payload - RTP_HEADER_SEARCH)
        local data = bytes_of(it, low, payload - low)
        if not data then
            return
        end
        local function at(offset)     -- byte at an offset of the data source
            return byte(data, offset - low + 1)
        end
        local start = payload - RTP_FIXED_HEADER
        while start >= 0 and payload - start <= RTP_HEADER_SEARCH do
            local first = at(start)
            if first and floor(first / 64) == 2 then
                local length = RTP_FIXED_HEADER + 4 * (first % 16)
                local ok = true
                if floor(first / 16) % 2 == 1 then
                    if start + length + 4 > payload then
                        ok = false
                    else
                        local e = start + length + 2
                        length = length + 4 + 4 * (at(e) * 256 + at(e + 1))
                    end
                end
                if ok and start + length == payload then
                    local t = start + 4
                    local timestamp = ((at(t) * 256 + at(t + 1)) * 256 + at(t + 2)) * 256 + at(t + 3)
                    call_dtmf_event(call, fi.value, timestamp, ctx.frame)
                    return
                end
            end
            start = start - 4
        end
    end
end

-- =====================================================================
-- Web proxies: HTTP CONNECT tunnels to the service (pexip-proxy.c)
-- =====================================================================

local proxy_read
do

    local MAX_SCHEMES, MAX_SCHEME_LEN, TEXT_SCHEMES, TEXT_NAME_LEN = 8, 32, 4, 48
    local TCHAR = "[%w!#%$%%&'%*%+%-%.%^_`|~]"

    -- The auth-schemes of the challenges of a Proxy-Authenticate value.
    local function challenge_schemes(value)
        local schemes = {}
        local p, n = 1, #value
        while p <= n do
            while p <= n and value:sub(p, p):match("[, \t]") do
                p = p + 1
            end
            local start = p
            while p <= n and value:sub(p, p):match(TCHAR) do
                p = p + 1
            end
            if p > start then
                local q = p
                while q <= n and value:sub(q, q):match("[ \t]") do
                    q = q + 1
                end
                if value:sub(q, q) ~= "=" then
                    schemes[#schemes + 1] = value:sub(start, p - 1)
                end
            end
            local quoted = false
            while p <= n do
                local c = value:sub(p, p)
                if quoted then
                    if c == "\\" and p < n then
                        p = p + 1
                    elseif c == '"' then
                        quoted = false
                    end
                elseif c == '"' then
                    quoted = true
                elseif c == "," then
                    break
                end
                p = p + 1
            end
        end
        return schemes
    end

    local function credentials_scheme(value)
        if not value then
            return nil
        end
        local scheme = value:match("^[ \t]*(" .. TCHAR .. "+)")
        return scheme
    end

    local function scheme_unsupported(scheme)
        local s = scheme:lower()
        return s == "digest" or s == "ntlm" or s == "negotiate" or s == "kerberos"
    end

    local function connect_advice(status)
        if status >= 500 then
            return "the proxy could not reach the service. Let the proxy connect to the service's "
                   .. "addresses on TCP 443"
        end
        if status >= 400 then
            return "the proxy refused the tunnel. Allow CONNECT to the service domains and "
                   .. "addresses on port 443"
        end
        return "the proxy did not open the tunnel. Allow CONNECT to the service domains and "
               .. "addresses on port 443"
    end

    local function valid_port(text)
        if text == "" or text:find("%D") or #text > 5 then
            return nil
        end
        local v = tonumber(text)
        if v < 1 or v > 65535 then
            return nil
        end
        return v
    end

    -- A CONNECT target "host:port", "[v6]:port" or a bare host: the host.
    local function connect_target_host(target)
        local host, port
        if target:sub(1, 1) == "[" then
            local close = target:find("]", 1, true)
            if not close then
                return nil
            end
            host = target:sub(2, close - 1)
            local rest = target:sub(close + 1)
            if rest ~= "" then
                if rest:sub(1, 1) ~= ":" then
                    return nil
                end
                port = valid_port(rest:sub(2))
                if not port then
                    return nil
                end
            end
        else
            local colon = target:find(":", 1, true)
            if colon and target:find(":", colon + 1, true) then
                host = target     -- a bare IPv6 address
            elseif colon then
                host = target:sub(1, colon - 1)
                port = valid_port(target:sub(colon + 1))
                if not port then
                    return nil
                end
            else
                host = target
            end
        end
        if host == "" or #host >= 256 then
            return nil
        end
        return host
    end

    local function target_is_service(target, frame)
        local host = connect_target_host(target)
        if not host then
            return false
        end
        local raw = parse_ip(host)
        if raw then
            return is_service_address(raw, frame)
        end
        return dns_name_matches(config.suffixes, host)
    end

    -- Whether item it belongs to message i of heads (in_message).
    local function in_message(it, heads, i)
        local head = heads[i]
        if it.src ~= head.src or it.off < head.off then
            return false
        end
        for j = i + 1, #heads do
            local nxt = heads[j]
            if nxt.src == head.src and nxt.off > head.off then
                return it.off < nxt.off
            end
        end
        return true
    end

    local function first_in_message(list, heads, i)
        for _, it in ipairs(list) do
            if in_message(it, heads, i) then
                return it
            end
        end
        return nil
    end

    local function item_string(it)
        local v = it and it.fi.value
        if type(v) ~= "string" or v == "" then
            return nil
        end
        return v
    end

    local function proxy_add_finding(frame_info, conn, key, text)
        if conn.shown[key] then
            return
        end
        conn.shown[key] = true
        frame_info.findings[#frame_info.findings + 1] = { key = key, text = text }
    end

    local function proxy_frame(info)
        return info or { schemes = {}, findings = {}, cert_names = {} }
    end

    -- The names an X.509 certificate (DER) is for, as the C plugin reads
    -- them (pexip_cert_names): the subjectAltName dNSNames, then the
    -- subject's commonNames, each once; a list, and whether one is a
    -- service name. nil when it is not a certificate this reader knows.
    local CERT_MAX_NAMES, CERT_NAME_SIZE = 8, 256

    -- The TLV at pos of der (up to stop): tag, contents start, contents
    -- end + 1; nil when it does not read.
    local function der_next(der, pos, stop)
        if stop - pos < 2 then
            return nil
        end
        local tag, n = byte(der, pos, pos + 1)
        if tag % 32 == 31 then
            return nil
        end
        local at = pos + 2
        if n >= 128 then
            local count = n - 128
            if count == 0 or count > 4 or stop - at < count then
                return nil
            end
            n = 0
            for i = 0, count - 1 do
                n = n * 256 + byte(der, at + i)
            end
            at = at + count
        end
        if n > stop - at then
            return nil
        end
        return tag, at, at + n
    end

    local function cert_add_name(names, der, a, b, suffixes)
        local len = b - a
        if len == 0 or len >= CERT_NAME_SIZE then
            return
        end
        local name = der:sub(a, b - 1):gsub("[^\32-\126]", "?")
        for _, have in ipairs(names) do
            if have:lower() == name:lower() then
                return
            end
        end
        if not names.service then
            local n = name:sub(1, 2) == "*." and name:sub(3) or name
            names.service = dns_name_matches(suffixes, n)
        end
        if #names < CERT_MAX_NAMES then
            names[#names + 1] = name
        end
    end

    local SAN, CN = "\85\29\17", "\85\4\3"

    local function cert_names(der, suffixes)
        local names = { service = false }
        local stop = #der + 1
        local tag, a, b = der_next(der, 1, stop)
        if tag ~= 0x30 then return nil end
        local tbs_tag, ta, tb = der_next(der, a, b)
        if tbs_tag ~= 0x30 then return nil end
        local pos = ta
        local t, x, y = der_next(der, pos, tb)
        if not t then return nil end
        if t == 0xa0 then
            pos = y
            t, x, y = der_next(der, pos, tb)
            if not t then return nil end
        end
        if t ~= 0x02 then return nil end
        pos = y
        for _ = 1, 3 do         -- signature, issuer, validity
            t, x, y = der_next(der, pos, tb)
            if t ~= 0x30 then return nil end
            pos = y
        end
        local sa, sb
        t, sa, sb = der_next(der, pos, tb)
        if t ~= 0x30 then return nil end
        pos = sb
        t, x, y = der_next(der, pos, tb)
        if t ~= 0x30 then return nil end
        pos = y
        while pos < tb do
            t, x, y = der_next(der, pos, tb)
            if not t then return nil end
            pos = y
            if t == 0xa3 then
                -- Extensions ::= SEQUENCE OF { extnID, critical, extnValue }
                local lt, la, lb = der_next(der, x, y)
                if lt ~= 0x30 then return nil end
                local p = la
                while p < lb do
                    local et, ea, eb = der_next(der, p, lb)
                    if et ~= 0x30 then return nil end
                    p = eb
                    local ot, oa, ob = der_next(der, ea, eb)
                    if ot ~= 0x06 then return nil end
                    local vt, va, vb = der_next(der, ob, eb)
                    if not vt then return nil end
                    if vt == 0x01 then
                        vt, va, vb = der_next(der, vb, eb)
                        if not vt then return nil end
                    end
                    if vt ~= 0x04 then return nil end
                    if der:sub(oa, ob - 1) == SAN then
                        local gt, ga, gb = der_next(der, va, vb)
                        if gt ~= 0x30 then return nil end
                        local q = ga
                        while q < gb do
                            local nt, na, nb = der_next(der, q, gb)
                            if not nt then return nil end
                            q = nb
                            if nt == 0x82 then
                                cert_add_name(names, der, na, nb, suffixes)
                            end
                        end
                    end
                end
            end
        end
        -- Name ::= SEQUENCE OF SET OF { type, value }: the commonNames
        local p = sa
        while p < sb do
            local st, s1, s2 = der_next(der, p, sb)
            if st ~= 0x31 then return nil end
            p = s2
            local q = s1
            while q < s2 do
                local at, a1, a2 = der_next(der, q, s2)
                if at ~= 0x30 then return nil end
                q = a2
                local ot, oa, ob = der_next(der, a1, a2)
                if ot ~= 0x06 then return nil end
                local vt, va, vb = der_next(der, ob, a2)
                if not vt then return nil end
                if der:sub(oa, ob - 1) == CN and (vt == 0x0c or vt == 0x13 or vt == 0x14 or vt == 0x16) then
                    cert_add_name(names, der, va, vb, suffixes)
                end
            end
        end
        return names
    end

    function proxy_read(ctx, seen)
        if not (seen.http or seen.tls) then
            return nil
        end
        local methods = items(X.http_method)
        local codes = items(X.http_code)
        local names = items(X.tls_server_name)
        local certificates = items(X.tls_certificate)
        if #methods == 0 and #codes == 0 and #names == 0 and #certificates == 0 then
            return nil
        end
        if #methods == 0 and #names == 0 and not next(S.proxy_connections) then
            return nil
        end
        local key = ctx:tcp_stream()
        if key == nil then
            return nil
        end
        local info
        local uris = items(X.http_uri)
        local credentials = items(X.http_proxy_authorization)
        for i, m in ipairs(methods) do
            local conn = S.proxy_connections[key]
            local method = item_string(m)
            local target = item_string(first_in_message(uris, methods, i))
            local service = method == "CONNECT" and target and target_is_service(target, ctx.frame)
            if not service then
                if conn then
                    conn.pending = nil
                end
            else
                if not conn then
                    conn = { client = ctx.src, client_port = ctx.src_port, shown = {} }
                    S.proxy_connections[key] = conn
                end
                conn.pending = target
                info = proxy_frame(info)
                info.target = target
                for _, c in ipairs(credentials) do
                    local scheme = in_message(c, methods, i) and credentials_scheme(item_string(c))
                    if scheme then
                        local name = scheme:sub(1, MAX_SCHEME_LEN)
                        info.schemes[#info.schemes + 1] = name
                        if scheme_unsupported(scheme) then
                            proxy_add_finding(info, conn, "pexip.proxy.auth_unsupported", fmt(
                                "CONNECT to %s sent %s proxy credentials: the web app supports only Basic "
                                .. "proxy auth. Allow Basic for the service domains or exempt them from "
                                .. "proxy auth", target:sub(1, TEXT_NAME_LEN), name))
                        end
                    end
                end
            end
        end
        local challenges = items(X.http_proxy_authenticate)
        for i, c in ipairs(codes) do
            local conn = S.proxy_connections[key]
            if conn and conn.pending and
               not (ctx.src_port == conn.client_port and ctx.src == conn.client) then
                local status = c.fi.value
                if status >= 200 then
                    local target = conn.pending
                    conn.pending = nil
                    info = proxy_frame(info)
                    info.target = target
                    if status == 407 then
                        local offered = {}
                        local basic = false
                        local kept = #info.schemes
                        for _, ch in ipairs(challenges) do
                            if in_message(ch, codes, i) then
                                local schemes = challenge_schemes(item_string(ch) or "")
                                for s = 1, math.min(#schemes, MAX_SCHEMES) do
                                    local scheme = schemes[s]
                                    basic = basic or scheme:lower() == "basic"
                                    local name = scheme:sub(1, MAX_SCHEME_LEN)
                                    kept = #info.schemes
                                    if kept < MAX_SCHEMES then
                                        info.schemes[#info.schemes + 1] = name
                                    end
                                    if kept < TEXT_SCHEMES then
                                        offered[#offered + 1] = (kept > 0 and ", " or "") .. name
                                    elseif kept == TEXT_SCHEMES then
                                        offered[#offered + 1] = ", ..."
                                    end
                                end
                            end
                        end
                        if not basic then
                            local text = table.concat(offered)
                            proxy_add_finding(info, conn, "pexip.proxy.auth_unsupported", fmt(
                                "CONNECT to %s answered 407 offering %s%s: the web app supports only "
                                .. "Basic proxy auth. Allow Basic for the service domains or exempt them "
                                .. "from proxy auth", target:sub(1, TEXT_NAME_LEN),
                                text ~= "" and "only " or "no scheme", text))
                        end
                    elseif status >= 300 then
                        proxy_add_finding(info, conn, "pexip.proxy.connect_failed", fmt(
                            "CONNECT to %s answered %d: %s", target:sub(1, TEXT_NAME_LEN), status,
                            connect_advice(status)))
                    else
                        conn.tls_host = connect_target_host(target)
                    end
                end
            end
        end
        if #names > 0 then
            local name = item_string(names[1])
            if name and dns_name_matches(config.suffixes, name) then
                local conn = S.proxy_connections[key]
                if not conn then
                    conn = { client = ctx.src, client_port = ctx.src_port, shown = {} }
                    S.proxy_connections[key] = conn
                end
                conn.tls_host = name
            end
        end
        -- The first server Certificate of TLS with a service host: the
        -- names of its first certificate must include a service name.
        local conn = certificates[1] and S.proxy_connections[key]
        if conn and conn.tls_host and not conn.cert_checked and
           not (ctx.src_port == conn.client_port and ctx.src == conn.client) then
            local fi = certificates[1].fi
            local ok, der = pcall(function() return fi.value:raw() end)
            if ok and type(der) == "string" and #der > 0 and #der == fi.len then
                conn.cert_checked = true
                local cert = cert_names(der, config.suffixes)
                if cert then
                    info = proxy_frame(info)
                    for _, n in ipairs(cert) do
                        info.cert_names[#info.cert_names + 1] = n
                    end
                    if not cert.service then
                        proxy_add_finding(info, conn, "pexip.proxy.tls_intercepted", fmt(
                            "TLS with %s got a certificate for %s, not a service domain: a proxy "
                            .. "intercepts TLS, which breaks the call's media (TURN). Exempt the service "
                            .. "domains from TLS inspection", conn.tls_host:sub(1, TEXT_NAME_LEN),
                            (cert[1] or "no name"):sub(1, TEXT_NAME_LEN)))
                    end
                end
            end
        end
        return info
    end
end

-- =====================================================================
-- The media detectors, once the capture has been read
-- (pexip-media-check.c)
-- =====================================================================

-- Streams are told apart by where they are received: the side of a
-- stream is its destination (an H.323 FastStart Connect repeats the
-- caller's own address, sent by the other side).
local function same_destination(a, b)
    return a.port == b.port and a.raw == b.raw
end

-- The same announcement in two copies of one message (captures of two
-- points merged; an ALG between them may have rewritten it): the same
-- message, stream and logical channel.
local function same_announcement(a, b)
    return a.message ~= nil and a.message == b.message and a.stream == b.stream and
           a.channel == b.channel
end

-- Which of the call's streams (all) name s's receiver: s; the same
-- announcement in another copy of its message; any announcement of the
-- stream received where one of those is (an H.323 FastStart Connect
-- repeats the caller's own address); and so on. names[i] is true for those.
local function receiver_names(s, all)
    local names = {}
    for i, t in ipairs(all) do
        names[i] = t == s or
                   (t.stream == s.stream and
                    (same_announcement(t, s) or (t.port ~= 0 and same_destination(t, s))))
    end
    local grew = true
    while grew do
        grew = false
        for i, t in ipairs(all) do
            if not names[i] and t.stream == s.stream then
                for j, u in ipairs(all) do
                    if names[j] and (same_announcement(t, u) or (t.port ~= 0 and same_destination(t, u))) then
                        names[i], grew = true, true
                        break
                    end
                end
            end
        end
    end
    return names
end

-- all[i] is the other side's announcement of s's stream: the same stream
-- number, an RTP destination, and not a name of s's own receiver (names:
-- receiver_names of s).
local function other_side(s, all, names, i)
    return not names[i] and all[i].stream == s.stream and all[i].port ~= 0
end

local media_check_run
do

    local function span_new()
        return { any = false }
    end

    local function span_add(span, flow, from, until_)
        if flow.packets == 0 or flow.last_time < from or flow.first_time > until_ then
            return
        end
        local start = math.max(flow.first_time, from)
        local stop = math.min(flow.last_time, until_)
        if not span.any or start < span.start then span.start = start end
        if not span.any or stop > span.stop then span.stop = stop end
        if not span.any or flow.first_frame < span.first_frame then span.first_frame = flow.first_frame end
        span.any = true
    end

    local function span_length(span)
        return span.any and span.stop - span.start or 0
    end

    local function stream_window(s)
        return s.announced_by.time, s.superseded_frame ~= 0 and s.superseded_time or math.huge
    end

    -- The other side's announcements of the same stream (received
    -- elsewhere), in force for some time within (from, until_).
    local function is_counterpart(all, names, i, s, from, until_)
        if not other_side(s, all, names, i) then
            return false
        end
        local t_from, t_until = stream_window(all[i])
        return t_from < until_ and t_until > from
    end

    local function receives(s)
        return s.port ~= 0 and not s.tcp and direction_receives(s.direction)
    end

    local function detect_media_path(s, wait)
        if not s.call.answered or not receives(s) or (s.kind ~= "audio" and s.kind ~= "video") then
            return nil
        end
        local from, until_ = stream_window(s)
        local all = s.call.streams
        local names = receiver_names(s, all)
        local toward = span_new()
        span_add(toward, s.to, from, until_)
        for i, t in ipairs(all) do
            if is_counterpart(all, names, i, s, from, until_) then
                span_add(toward, t.from, from, until_)
            end
        end
        if toward.any then
            return nil
        end
        for i, t in ipairs(all) do
            if is_counterpart(all, names, i, s, from, until_) and receives(t) then
                local back = span_new()
                span_add(back, t.to, from, until_)
                span_add(back, s.from, from, until_)
                if span_length(back) >= wait then
                    return "one_way", t, back.first_frame, span_length(back)
                end
            end
        end
        local other = span_new()
        for _, t in ipairs(all) do
            if t.stream ~= s.stream then
                span_add(other, t.to, from, until_)
                span_add(other, t.from, from, until_)
            end
        end
        if span_length(other) >= wait then
            return "missing", nil, 0, span_length(other)
        end
        return nil
    end

    local function detect_content_missing(call, wait)
        if not call.floor_grants then
            return nil
        end
        local media_end = 0
        for _, t in ipairs(call.streams) do
            if t.to.packets > 0 then media_end = math.max(media_end, t.to.last_time) end
            if t.from.packets > 0 then media_end = math.max(media_end, t.from.last_time) end
        end
        for _, grant in ipairs(call.floor_grants) do
            local from, until_ = grant.time, grant.time + wait
            if media_end >= until_ then
                local content = span_new()
                for _, t in ipairs(call.streams) do
                    if t.kind == "content" then
                        span_add(content, t.to, from, until_)
                        span_add(content, t.from, from, until_)
                    end
                end
                if not content.any then
                    return grant
                end
            end
        end
        return nil
    end

    local function side_advice(s)
        if is_service_address(s.raw, s.setup_frame) then
            return "check that the customer side may send UDP to the service's media ports"
        end
        return "the receiving side's UDP media port range is likely not open to the service network"
    end

    local function capture_finding(findings, frame, key, text)
        local list = findings[frame]
        if not list then
            list = {}
            findings[frame] = list
        end
        list[#list + 1] = { key = key, text = text }
    end

    function media_check_run()
        local findings = {}
        local wait = config.media_timeout
        for _, call in ipairs(S.all_calls) do
            for _, s in ipairs(call.streams) do
                local verdict, peer, first_frame, flowed = detect_media_path(s, wait)
                local kind = kind_name(s.kind)
                if verdict == "missing" then
                    capture_finding(findings, s.setup_frame, "pexip.media.missing", fmt(
                        "No %s packet reached %s (announced here) while other media of call %d flowed "
                        .. "for %.0f s: %s", kind, endpoint_text(s.raw, s.port), call.number, flowed,
                        side_advice(s)))
                elseif verdict == "one_way" then
                    capture_finding(findings, s.setup_frame, "pexip.media.one_way", fmt(
                        "One-way %s: none reached %s (announced here), the other way to %s flowed for "
                        .. "%.0f s from frame %d: %s", kind, endpoint_text(s.raw, s.port),
                        endpoint_text(peer.raw, peer.port), flowed, first_frame, side_advice(s)))
                    capture_finding(findings, first_frame, "pexip.media.one_way", fmt(
                        "One-way %s: this direction flowed, none came back to %s (announced in frame %d)",
                        kind, endpoint_text(s.raw, s.port), s.setup_frame))
                end
            end
            local grant = detect_content_missing(call, wait)
            if grant then
                local where, named = {}, 0
                for _, t in ipairs(call.streams) do
                    if named >= 2 then
                        break
                    end
                    local from, until_ = stream_window(t)
                    if t.kind == "content" and t.port ~= 0 and from <= grant.time and until_ >= grant.time then
                        where[#where + 1] = (named > 0 and " or " or " to ") .. endpoint_text(t.raw, t.port)
                        named = named + 1
                    end
                end
                capture_finding(findings, grant.frame, "pexip.media.content_missing", fmt(
                    "Floor granted, but no content%s within %.0f s while the call went on: the "
                    .. "receiving side's UDP media port range is likely not open to the service network",
                    table.concat(where), wait))
            end
        end
        local function report(frame, key, text)
            capture_finding(findings, frame, key, text)
        end
        h245_check_run(report)
        sip_refresh_check_run(report)
        S.capture_findings = findings
    end
end

-- =====================================================================
-- Per packet (packet-pexip.c: dissect_pexip)
-- =====================================================================

local addr_cache = {}   -- Wireshark's text of an address -> raw bytes, or false

local function raw_of(address)
    local text = tostring(address)
    local raw = addr_cache[text]
    if raw == nil then
        raw = parse_ip(text) or false
        addr_cache[text] = raw
    end
    return raw
end

-- The protocols Wireshark found in the frame (frame.protocols, its
-- pinfo->layers) as a set: seen.rtp etc. Most frames of a capture have
-- one of a few lists, so each list's set is made once (read only).
local seen_sets, seen_count = {}, 0

local function protocols_seen(list)
    local set = seen_sets[list]
    if not set then
        set = {}
        for name in list:gmatch("[^:]+") do
            set[name] = true
        end
        if seen_count >= 4096 then
            seen_sets, seen_count = {}, 0
        end
        seen_sets[list] = set
        seen_count = seen_count + 1
    end
    return set
end

local function read_dns(ctx, seen)
    if not (seen.dns or seen.mdns or seen.llmnr) or not X.dns_qry_name then
        return nil
    end
    local q = X.dns_qry_name()
    if not q then
        return nil
    end
    local name = q.value
    if not dns_name_matches(config.suffixes, name) then
        return nil
    end
    local info = { query = name, v4 = {}, v6 = {} }
    for _, fi in ipairs({ X.dns_a and X.dns_a() }) do
        if fi.len == 4 then
            local raw = parse_ip(tostring(fi.value))
            if raw then
                info.v4[#info.v4 + 1] = raw
                learned_add(raw, ctx.frame, name)
            end
        end
    end
    for _, fi in ipairs({ X.dns_aaaa and X.dns_aaaa() }) do
        if fi.len == 16 then
            local raw = parse_ip(tostring(fi.value))
            if raw then
                info.v6[#info.v6 + 1] = raw
                learned_add(raw, ctx.frame, name)
            end
        end
    end
    return info
end

-- A finding of the first reading of a frame (pexip_frame_findings_add).
local function frame_finding(frame, key, text)
    local list = S.frame_findings[frame]
    if not list then
        list = {}
        S.frame_findings[frame] = list
    end
    list[#list + 1] = { key = key, text = text }
end

-- The other side's announcement of stream s in force at frame
-- (pexip_media_counterpart).
local function media_counterpart(s, frame)
    local all = s.call.streams
    local names = receiver_names(s, all)
    -- The latest one announced by then.
    for i = #all, 1, -1 do
        if all[i].setup_frame <= frame and other_side(s, all, names, i) then
            return all[i]
        end
    end
    return nil
end

-- A packet from src:src_port is from where t (rtcp: t's RTCP) is
-- received (comes_from).
local function comes_from(t, rtcp, src, src_port)
    if rtcp then
        return t.rtcp and t.rtcp_raw == src and t.rtcp_port == src_port
    end
    return t.raw == src and t.port == src_port
end

-- pexip.media.unannounced_source: the first packet to a destination
-- comes from somewhere the other side did not announce (check_source).
local function check_source(to, ctx)
    local s = to.stream
    if s.source_checked then
        return
    end
    s.source_checked = true
    if s.tcp then
        return
    end
    local t = media_counterpart(s, ctx.frame)
    -- A sender that names no RTCP address of its own (rtcp-mux, an H.245
    -- channel without one) is not judged on RTCP.
    if not t or (to.rtcp and not t.rtcp) then
        return
    end
    if comes_from(t, to.rtcp, ctx.src, ctx.src_port) then
        return
    end
    -- Another name of t's receiver: the same message seen at another
    -- capture point (merged captures) names the address this capture
    -- point sees, before or after an ALG rewrote it.
    local all = s.call.streams
    local names = receiver_names(t, all)
    for i, u in ipairs(all) do
        if names[i] and u.setup_frame <= ctx.frame and comes_from(u, to.rtcp, ctx.src, ctx.src_port) then
            return
        end
    end
    local raw, port = t.raw, t.port
    if to.rtcp then
        raw, port = t.rtcp_raw, t.rtcp_port
    end
    frame_finding(ctx.frame, "pexip.media.unannounced_source", fmt(
        "%s%s to %s comes from %s, not from %s as announced in frame %d: NAT changed the source; "
        .. "the receiver must latch to it (symmetric RTP)", kind_name(s.kind), to.rtcp and " RTCP" or "",
        endpoint_text(ctx.dst, ctx.dst_port), endpoint_text(ctx.src, ctx.src_port),
        endpoint_text(raw, port), t.setup_frame))
end

-- pexip.media.outside_sbc_range: a customer-side destination a frame
-- announced on a port outside pexip.sbc_media_ports (once per call).
local function check_sbc_ports(sig)
    if #config.sbc_media == 0 then
        return
    end
    for _, s in ipairs(sig.streams) do
        if s.port ~= 0 and not s.tcp and not in_ranges(config.sbc_media, s.port) and
           not is_service_address(s.raw, s.setup_frame) and
           not finding_shown(s.call, "pexip.media.outside_sbc_range") then
            frame_add_finding(sig, s.call, "pexip.media.outside_sbc_range", fmt(
                "%s to %s: port %d is outside the SBC media ports %s (pexip.sbc_media_ports): check "
                .. "the SBC's port range and the firewall rule that opens it to the service",
                kind_name(s.kind), ip_text(s.raw), s.port, config.sbc_text))
        end
    end
end

-- The packet an ICMP or ICMPv6 error quotes (pexip_icmp_quoted): family
-- raw bytes, protocol, ports; nil when it is not UDP or TCP over the
-- expected IP version, or cut short.
local function icmp_quoted(data, v6)
    local n = #data
    local header, protocol, src, dst
    if not v6 then
        if n < 20 or floor(byte(data, 1) / 16) ~= 4 then
            return nil
        end
        header = (byte(data, 1) % 16) * 4
        if header < 20 then
            return nil
        end
        protocol = byte(data, 10)
        src, dst = data:sub(13, 16), data:sub(17, 20)
    else
        if n < 40 or floor(byte(data, 1) / 16) ~= 6 then
            return nil
        end
        header = 40
        protocol = byte(data, 7)
        src, dst = data:sub(9, 24), data:sub(25, 40)
    end
    if (protocol ~= 17 and protocol ~= 6) or n < header + 4 then
        return nil
    end
    local sport = byte(data, header + 1) * 256 + byte(data, header + 2)
    local dport = byte(data, header + 3) * 256 + byte(data, header + 4)
    return { src = src, dst = dst, tcp = protocol == 6, src_port = sport, dst_port = dport }
end

-- pexip.media.icmp_unreachable: an ICMP or ICMPv6 destination unreachable
-- quoting a packet of a call (first reading; once per stream).
local function check_icmp(ctx)
    local fi = X.icmp_type and X.icmp_type()
    local v6 = false
    if not fi then
        fi = X.icmpv6_type and X.icmpv6_type()
        v6 = true
    end
    if not fi or fi.value ~= (v6 and 1 or 3) then
        return
    end
    local ok, data = pcall(function()
        local source = fi.source
        local start = fi.offset + 8
        return source:range(start, source:len() - start):raw()
    end)
    if not ok or not data or #data == 0 then
        return
    end
    local q = icmp_quoted(data, v6)
    if not q then
        return
    end
    local setup = media_lookup(q.dst, q.dst_port, q.tcp, ctx.frame) or
                  media_lookup(q.src, q.src_port, q.tcp, ctx.frame)
    if not setup or setup.stream.icmp_reported or
       (setup.call.ended_frame and setup.call.ended_frame < ctx.frame) or
       (setup.stream.superseded_frame ~= 0 and setup.stream.superseded_frame < ctx.frame) then
        return
    end
    setup.stream.icmp_reported = true
    frame_finding(ctx.frame, "pexip.media.icmp_unreachable", fmt(
        "ICMP%s unreachable for call %d %s stream %d, %s to %s: that host or its firewall refuses "
        .. "the port; open the UDP media range to the service network", v6 and "v6" or "",
        setup.call.number, kind_name(setup.stream.kind), setup.stream.stream,
        endpoint_text(q.src, q.src_port), endpoint_text(q.dst, q.dst_port)))
end

-- The setup a media packet links to; on its first reading, counting it
-- on the streams it goes to and comes from (link_media).
local function link_media(ctx, count)
    local tcp = ctx.port_type == TCP
    if ctx.port_type ~= UDP and not tcp then
        return nil
    end
    local to = media_lookup(ctx.dst, ctx.dst_port, tcp, ctx.frame)
    local from = media_lookup(ctx.src, ctx.src_port, tcp, ctx.frame)
    if count and to then
        check_source(to, ctx)
        stream_count(to.stream, true, ctx.frame, ctx.time, ctx.bytes)
    end
    if count and from then
        stream_count(from.stream, false, ctx.frame, ctx.time, ctx.bytes)
    end
    if to and from and to.call ~= from.call and to.call.call_id == from.call.call_id and
       to.stream.initial_offer and not from.stream.initial_offer then
        return from
    end
    return to or from
end

local function floor_status(ctx, seen, call, kept)
    if not ctx.new then
        return kept and kept.floor
    end
    if not seen.bfcp or not X.bfcp_request_status then
        return nil
    end
    local fi = X.bfcp_request_status()
    local value = fi and fi.value
    local status = value and FLOOR_NAMES[value]
    if status == "granted" and call then
        call_floor_granted(call, ctx.frame, ctx.time)
    end
    return status
end

-- The calls of a frame (call_frame_info): its signalling, or the media
-- setup it links to.
local function call_frame_info(ctx, seen, kept)
    if not ctx.new then
        if kept and kept.sip then
            return { sip = kept.sip }
        end
    else
        -- TCP to and from announced signalling endpoints, whatever the
        -- packet carries.
        h245_connection_packet(ctx, seen.h245)
        sip_connection_packet(ctx, seen.sip or seen.tls)
        local sig = (seen.sip and sip_read(ctx)) or (seen.h225 and h323_read(ctx)) or
                    (seen.h245 and h245_read(ctx))
        if sig then
            check_sbc_ports(sig)
            ctx.keep.sip = sig
            return { sip = sig }
        end
    end
    local media = link_media(ctx, ctx.new)
    if not media then
        return nil
    end
    local info = { media = media }
    info.kind = seen.t38 and "t38" or media.stream.kind
    if ctx.new and seen.rtpevent then
        rtp_event_read(ctx, media.call)
    end
    if seen.bfcp then
        info.floor = floor_status(ctx, seen, media.call, kept)
        ctx.keep.floor = info.floor
    end
    return info
end

local function sip_encrypted_note(ctx, seen, cls, kept)
    if cls ~= "sip-tls" then
        return false
    end
    if not ctx.new then
        return kept and kept.encrypted or false
    end
    if sip_tls_first_undecrypted(ctx, seen) then
        ctx.keep.encrypted = true
        return true
    end
    return false
end

-- ---- the tree --------------------------------------------------------

-- Whether this packet's tree is shown (tshark -V, -T fields/pdml, the
-- GUI's packet details). When it is not, Wireshark keeps only the items of
-- fields a filter, column or colouring rule names, and nobody reads their
-- labels or the generated flag: the Lua skips that work (what the C plugin
-- skips with proto_field_is_referenced).
local visible = true

local function label(item, text)
    if visible then
        item:set_text(text)
    end
end

local function append(item, text)
    if visible then
        item:append_text(text)
    end
end

-- The fields hidden trees drop in this pass (true), keep (false, a
-- filter, column or colouring rule names them), or have not been seen
-- with (nil): Wireshark keeps an item of a hidden tree only when its field
-- is referenced, and returns the parent for one it drops (seen as the
-- same text). Referenced fields change only between passes, and a new
-- pass starts again from a lower frame.
local dropped = {}
local last_frame = 0

-- Add a generated item of field name (F) under parent; the item, or
-- parent when the tree drops it.
local function add(parent, name, value)
    if visible then
        local ti = parent:add(F[name], value)
        ti:set_generated()
        return ti
    end
    local d = dropped[name]
    if d then
        return parent
    end
    local ti = parent:add(F[name], value)
    if d == nil then
        dropped[name] = ti.text == parent.text
    end
    return ti
end

-- Address values for the tree, made once per address.
local address_objects = {}
local function address_object(raw)
    local a = address_objects[raw]
    if not a then
        a = #raw == 4 and Address.ip(ip_text(raw)) or Address.ipv6(ip_text(raw))
        address_objects[raw] = a
    end
    return a
end

local function add_address(tree, name, raw)
    add(tree, #raw == 4 and name or name .. "6", address_object(raw))
end

local function add_range(tree, range, learned)
    if range then
        add(tree, "range", range.text)
        add(tree, "range_label", range.label)
    else
        add(tree, "range", "dns")
        local ti = add(tree, "range_label", learned.name)
        if visible then
            label(ti, fmt("Service range label: %s (DNS answer in frame %d)", learned.name, learned.frame))
        end
    end
end

local function add_dialled(tree, call, frame)
    if call.dial_strings and call.dial_frame <= frame then
        for _, d in ipairs(call.dial_strings) do
            add(tree, "dial_string", d)
        end
        if call.dial_uri then
            add(tree, "dial_uri", call.dial_uri)
        end
    end
    if call.conference_id and call.conference_frame <= frame then
        local ti = add(tree, "conference_id", call.conference_id)
        if call.conference_frame > (call.dial_frame or 0) then
            if visible then
                append(ti, fmt(" (keyed into the IVR, frame %d)", call.conference_frame))
            end
        end
    end
end

local function add_call(tree, call, frame)
    local ti = add(tree, "call", call.number)
    if visible then
        local text = fmt(" (%s %s", call.signaling, call.call_id)
        if call.dialog > 1 then
            text = text .. fmt(", forked dialog %d, tag %s", call.dialog, call.tag_b or "")
        end
        if call.conference_id and call.conference_frame <= frame then
            text = text .. ", conference " .. call.conference_id
        end
        append(ti, text .. ")")
    end
    add(ti, "call_id", call.call_id)
    add(ti, "signaling", call.signaling)
    add_dialled(ti, call, frame)
    return ti
end

local function add_announced_stream(tree, s, capture_read)
    local ti = add(tree, "announced.stream", s.stream)
    if visible then
        local text = fmt("Announced stream: %d, %s", s.stream, kind_name(s.kind))
        if s.channel ~= 0 then
            text = text .. fmt(" channel %d", s.channel)
        end
        if s.port ~= 0 then
            text = text .. " to " .. endpoint_text(s.raw, s.port)
        end
        if s.channel ~= 0 and s.rtcp then
            text = text .. (s.port ~= 0 and "," or ":") .. " RTCP to " .. endpoint_text(s.rtcp_raw, s.rtcp_port)
        end
        text = text .. fmt(" (%s, %s)", s.transport, s.direction)
        if capture_read then
            text = text .. fmt(": %d packets to it, %d from it", s.to.packets, s.from.packets)
        end
        label(ti, text)
    end
    if s.channel ~= 0 then
        add(ti, "announced.channel", s.channel)
    else
        add(ti, "announced.mline", s.mline)
    end
    add(ti, "announced.kind", kind_name(s.kind))
    if s.port ~= 0 then
        add_address(ti, "announced.addr", s.raw)
        add(ti, "announced.port", s.port)
    end
    if s.rtcp then
        add_address(ti, "announced.rtcp_addr", s.rtcp_raw)
        add(ti, "announced.rtcp_port", s.rtcp_port)
    end
    add(ti, "announced.transport", s.transport)
    add(ti, "announced.direction", s.direction)
    if not capture_read then
        return
    end
    add(ti, "announced.packets_to", s.to.packets)
    add(ti, "announced.bytes_to", UInt64(s.to.bytes))
    add(ti, "announced.packets_from", s.from.packets)
    add(ti, "announced.bytes_from", UInt64(s.from.bytes))
    if s.first_frame ~= 0 then
        add(ti, "announced.first_frame", s.first_frame)
        add(ti, "announced.last_frame", s.last_frame)
    end
end

local function add_call_tree(tree, ctx, info)
    if info.sip then
        for _, call in ipairs(info.sip.calls) do
            local call_tree = add_call(tree, call, ctx.frame)
            for _, s in ipairs(info.sip.streams) do
                if s.call == call then
                    add_announced_stream(call_tree, s, ctx.visited)
                end
            end
        end
        return
    end
    local s = info.media.stream
    local call_tree = add_call(tree, info.media.call, ctx.frame)
    add(call_tree, "media.kind", kind_name(info.kind))
    add(call_tree, "media.setup_frame", s.setup_frame)
    if s.channel ~= 0 then
        add(call_tree, "media.channel", s.channel)
    else
        add(call_tree, "media.mline", s.mline)
    end
    add(call_tree, "media.stream", s.stream)
    add(call_tree, "media.direction", s.direction)
    if info.floor then
        add(call_tree, "bfcp.floor_status", info.floor)
    end
end

-- A finding as an expert info on item and, beside it, its name as
-- pexip.finding (an expert info cannot be a column).
local function add_finding(item, name, text)
    if text then
        item:add_proto_expert_info(EI[name], text_fit(text))
    else
        item:add_proto_expert_info(EI[name])
    end
    item:add(F.finding, name):set_generated()
end

local function add_findings(item, findings)
    for _, f in ipairs(findings or {}) do
        add_finding(item, f.key, f.text)
    end
end

-- ---- state kept between passes ----------------------------------------

local function init_state()
    if S then
        ports_give_back(S.ports)
    end
    S = {
        learned = {},
        calls_by_id = {}, all_calls = {}, call_count = 0,
        endpoints = {},
        frames = {},            -- frame -> what its first reading found
        last_read = 0,          -- the highest frame read with a tree
        read_frames = 0,        -- how many frames that was
        checked_frames = -1,    -- read_frames when the capture checks last ran
        capture_findings = {},
        tls_noted = {}, call_of_connection = {}, opened_channels = {},
        messages = {},          -- identity -> one entry for all copies of a message
        h245_watch = reach_watch(nil), contact_watch = reach_watch(is_service_address),
        transactions = {}, transactions_in_order = {},
        frame_findings = {},
        proxy_connections = {}, ports = {},
        warned_no_tree = false,
    }
end

function pexip.init()
    if config.dirty then
        rebuild_config()
    end
    init_state()
end

init_state()

-- The TCP connection of a frame (tcp.stream), read once, when asked.
local function tcp_stream_of(ctx)
    local v = ctx.stream_value
    if v == nil then
        local fi = X.tcp_stream and X.tcp_stream()
        v = fi and fi.value or false
        ctx.stream_value = v
    end
    return v or nil
end

local function packet_context(pinfo, frame, new, src, dst, port_type)
    return {
        frame = frame, visited = pinfo.visited, new = new, src = src, dst = dst,
        port_type = port_type, src_port = pinfo.src_port, dst_port = pinfo.dst_port,
        keep = {}, tcp_stream = tcp_stream_of,
    }
end

-- Most packets of a capture are media that is not the service's, or the
-- service's media: they cost two address lookups (cached), one field
-- (frame.protocols, which also tells whether there is a tree at all) and,
-- for the service's, the tree.
local function dissect(tvb, pinfo, tree)
    local src = raw_of(pinfo.net_src)
    if not src then
        return
    end
    local dst = raw_of(pinfo.net_dst)
    if not dst or #src ~= #dst then
        return
    end
    local frame = pinfo.number
    -- A frame is read once, in order, the first time Wireshark gives it
    -- with a tree; later readings use what that one kept.
    local new = frame > S.last_read
    local seen
    if new then
        local fi = X.protocols and X.protocols()
        if not fi then
            -- No tree (tshark -2 without -Y or -R, first pass): nothing to read.
            return
        end
        seen = protocols_seen(fi.value)
        if pinfo.visited and S.read_frames == 0 and not S.warned_no_tree then
            S.warned_no_tree = true
            io.stderr:write("pexip.lua: the first pass had no protocol tree (tshark -2 without a "
                            .. "filter): findings that need the whole capture are not shown; add "
                            .. "-Y frame (or any -Y/-R filter).\n")
        end
        S.last_read = frame
        S.read_frames = S.read_frames + 1
    elseif S.checked_frames ~= S.read_frames and pinfo.visited then
        S.checked_frames = S.read_frames
        media_check_run()
    end

    local src_range, src_learned = match_service(src, frame)
    local dst_range, dst_learned = match_service(dst, frame)
    local src_is_service = src_range ~= nil or src_learned ~= nil
    local dst_is_service = dst_range ~= nil or dst_learned ~= nil
    local port_type = pinfo.port_type
    local kept, ctx, dns_info, proxy_info
    if new then
        if seen.dns or seen.mdns or seen.llmnr then
            ctx = packet_context(pinfo, frame, new, src, dst, port_type)
            dns_info = read_dns(ctx, seen)
        end
        if port_type == TCP and (seen.http or seen.tls) then
            ctx = ctx or packet_context(pinfo, frame, new, src, dst, port_type)
            proxy_info = proxy_read(ctx, seen)
        end
    else
        kept = S.frames[frame]
        if kept then
            dns_info, proxy_info = kept.dns, kept.proxy
        end
    end
    if not src_is_service and not dst_is_service and not dns_info and not proxy_info then
        return
    end
    ctx = ctx or packet_context(pinfo, frame, new, src, dst, port_type)
    if not seen then
        local fi = X.protocols and X.protocols()
        seen = protocols_seen(fi and fi.value or "")
    end
    ctx.time = pinfo.abs_ts
    ctx.bytes = tvb:reported_len()
    local call_info
    local encrypted_note = false
    local cls = "other"
    if src_is_service or dst_is_service then
        local service_port = dst_is_service and ctx.dst_port or ctx.src_port
        local peer_port = dst_is_service and ctx.src_port or ctx.dst_port
        if not (seen.icmp or seen.icmpv6) then
            call_info = call_frame_info(ctx, seen, kept)
        elseif new then
            check_icmp(ctx)
        end
        -- A BFCP connection's handshake and acknowledgements are BFCP's too.
        local classify_seen = seen
        if call_info and call_info.media and call_info.kind == "bfcp" and not seen.bfcp then
            classify_seen = setmetatable({ bfcp = true }, { __index = seen })
        end
        cls = port_classify(port_type, service_port, peer_port, classify_seen)
        encrypted_note = sip_encrypted_note(ctx, seen, cls, kept)
    end
    if new then
        local keep = ctx.keep
        keep.dns, keep.proxy = dns_info, proxy_info
        if next(keep) then
            S.frames[frame] = keep
        end
    end

    visible = tree.visible
    if frame <= last_frame then
        dropped = {}
    end
    last_frame = frame
    local pexip_item = tree:add(pexip)
    if src_is_service or dst_is_service then
        local direction = (src_is_service and dst_is_service) and "within-service"
                          or dst_is_service and "to-service" or "from-service"
        add(pexip_item, "service", true)
        add(pexip_item, "direction", direction)
        if src_is_service then
            add_address(pexip_item, "service_addr", src)
            add_range(pexip_item, src_range, src_learned)
        end
        if dst_is_service then
            add_address(pexip_item, "service_addr", dst)
            add_range(pexip_item, dst_range, dst_learned)
        end
        if not (src_is_service and dst_is_service) then
            add_address(pexip_item, "peer_addr", dst_is_service and src or dst)
        end
        add(pexip_item, "port_class", cls)
        append(pexip_item, fmt(", %s, %s", direction, cls))
        if call_info then
            add_call_tree(pexip_item, ctx, call_info)
        end
        if encrypted_note then
            add_finding(pexip_item, "pexip.sip.encrypted")
        end
        if call_info and call_info.sip then
            add_findings(pexip_item, call_info.sip.findings)
        end
        add_findings(pexip_item, S.frame_findings[frame])
        add_findings(pexip_item, S.capture_findings[frame])
    end
    if proxy_info then
        if proxy_info.target then
            add(pexip_item, "proxy.target", proxy_info.target)
            append(pexip_item, ", proxy CONNECT " .. proxy_info.target)
        end
        for _, s in ipairs(proxy_info.schemes) do
            add(pexip_item, "proxy.auth_scheme", s)
        end
        for _, s in ipairs(proxy_info.cert_names or {}) do
            add(pexip_item, "proxy.cert_name", s)
        end
        add_findings(pexip_item, proxy_info.findings)
    end
    if dns_info then
        local ti = add(pexip_item, "dns.query", dns_info.query)
        for _, raw in ipairs(dns_info.v4) do
            add(ti, "dns.learned_addr", address_object(raw))
        end
        for _, raw in ipairs(dns_info.v6) do
            add(ti, "dns.learned_addr6", address_object(raw))
        end
        append(pexip_item, ", DNS for " .. dns_info.query)
    end
end

pexip.dissector = dissect
register_postdissector(pexip)
