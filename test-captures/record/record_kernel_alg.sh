#!/bin/bash
# Record calls through a real ALG: the Linux kernel's netfilter SIP helper
# (nf_conntrack_sip + nf_nat_sip) and H.323 helper (nf_conntrack_h323 +
# nf_nat_h323) on a NAT between network namespaces, each captured on both
# sides of the NAT; and the same calls through the same NAT without the
# helpers (plain masquerade).
#
# Network (three namespaces this script creates; nothing else is connected,
# and no namespace has a route to anything but the others' addresses, so
# nothing can leave them):
#
#   pxalg-in                 pxalg-nat                        pxalg-svc
#   10.0.0.2 ---- veth ---- 10.0.0.1 | 198.51.100.10 ---- veth ---- 185.94.241.20
#   "inside": the customer's  the customer's firewall:        "the service": an address
#   device (private)          NAT (masquerade) to its         in the plugin's built-in
#                             public address (TEST-NET-2)     service range
#
# The service side routes only 198.51.100.0/24 (the NAT's public side): as
# on the Internet, a private address (10.0.0.2) named in signalling cannot
# be reached from there.
# Capture points: tcpdump in pxalg-nat on the inside interface (pxalg-nin)
# and on the outside interface (pxalg-nout); mergecap merges them.
#
# Modes:
#   helper    nftables masquerade, plus `ct helper` objects that attach the
#             kernel's SIP helper to UDP 5060 and its H.323 (Q.931) helper to
#             TCP 1720 (the H.245 connection and the media get theirs from
#             the helpers' expectations)
#   nat-only  the same masquerade, no helper
#
# Calls (one each per mode, each captured on its own):
#   SIP    two baresip 1.0.0 (Debian's baresip-core): sip:alice@10.0.0.2
#          inside calls sip:bob@185.94.241.20 (auto-answer), SIP over UDP
#          5060, PCMU audio from baresip's `ausine` sine source, RTCP on
#          port + 1 (no rtcp-mux); CALL_SECONDS of call, then BYE.
#          baresip's ctrl_tcp module takes the `dial` and `hangup`.
#   H.323  test-captures/record/h323_peer.py at both ends (no H.323 stack
#          is packaged for Debian; it sends gen/h323_calls.py's messages over
#          real sockets): Setup with h245Address, sourceCallSignalAddress and
#          FastStart, CallProceeding, Connect with h245Address and FastStart,
#          an H.245 connection with OpenLogicalChannel / Ack both ways, RTP
#          and RTCP, EndSessionCommand, ReleaseComplete.
#
# Output (into OUTDIR, default test-captures/), classic pcap, each with an
# empty `.recorded` marker (tests/test_captures_regenerate.py skips
# captures that have one: they are recorded once and committed):
#   alg-kernel-sip.pcap                    SIP, helper, inside and outside merged
#   alg-kernel-sip-outside.pcap            SIP, helper, outside alone
#   alg-kernel-sip-nat-only.pcap           SIP, no helper, merged
#   alg-kernel-sip-nat-only-outside.pcap   SIP, no helper, outside alone
#   alg-kernel-h323*.pcap                  the same four for H.323
# Each capture runs from just before the call's first packet to about a
# second after its last: the call and nothing else (ARP of the call's hosts
# included).
#
# The script checks what it recorded: with the helper, the outside copy of
# the INVITE and the Setup must name the NAT's public address and no
# private one; without it, they must still name 10.0.0.2. It fails,
# saying which, otherwise.
#
# How to run (root: it creates network namespaces, veth pairs and nftables
# rules inside its own namespaces; the host's ruleset is not touched):
#   apt-get install -y baresip-core tcpdump nftables iproute2 wireshark-common tshark
#   sudo bash test-captures/record/record_kernel_alg.sh [OUTDIR]
# Re-recording gives different files (random ports, SSRCs, Call-ID,
# timing): tests/test_real_alg.py holds literals read off the committed
# captures and must be updated after a new recording.
# Environment: CALL_SECONDS (default 2): seconds between the SIP call's
# 200 OK and its BYE; KEEP_WORK=1 keeps the temporary folder (raw
# captures, configs, logs).
# Cleanup: on success and on any failure (or Ctrl-C) the processes it
# started are stopped and its namespaces deleted (with their interfaces and
# nftables rules).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUTDIR="$(realpath -m "${1:-$HERE/..}")"
CALL_SECONDS="${CALL_SECONDS:-2}"
PYTHON=/usr/bin/python3

NS_IN=pxalg-in
NS_NAT=pxalg-nat
NS_SVC=pxalg-svc
NAMESPACES=("$NS_IN" "$NS_NAT" "$NS_SVC")
DEV_IN=pxalg-in0      # in pxalg-in
DEV_NIN=pxalg-nin     # in pxalg-nat, towards the inside
DEV_NOUT=pxalg-nout   # in pxalg-nat, towards the service
DEV_SVC=pxalg-svc0    # in pxalg-svc
IP_IN=10.0.0.2
IP_NIN=10.0.0.1
IP_PUBLIC=198.51.100.10
IP_SVC=185.94.241.20
CTRL_PORT=4444

say() { echo "record_kernel_alg.sh: $*" >&2; }

# ---- prerequisites --------------------------------------------------------
missing=()
for tool in baresip:baresip-core tcpdump:tcpdump ip:iproute2 nft:nftables \
            editcap:wireshark-common mergecap:wireshark-common tshark:tshark; do
    cmd="${tool%%:*}"; pkg="${tool##*:}"
    command -v "$cmd" >/dev/null 2>&1 || missing+=("$cmd (Debian package $pkg)")
done
[ -x "$PYTHON" ] || missing+=("$PYTHON (Debian package python3)")
for mod in ausine g711 ctrl_tcp menu aubridge account; do
    [ -e "/usr/lib/baresip/modules/$mod.so" ] || missing+=("baresip module $mod.so (Debian package baresip-core)")
done
if [ "${#missing[@]}" -gt 0 ]; then
    say "missing:"
    for m in "${missing[@]}"; do echo "  - $m" >&2; done
    echo "install with: apt-get install -y baresip-core tcpdump nftables iproute2 wireshark-common tshark python3" >&2
    exit 2
fi
if [ "$(id -u)" != 0 ]; then
    say "must run as root (creates network namespaces, veth pairs and nftables rules in them)"
    exit 2
fi
for ns in "${NAMESPACES[@]}"; do
    if ip netns list | grep -qw "$ns"; then
        say "network namespace $ns already exists (left over?); remove it with: ip netns del $ns"
        exit 2
    fi
done

WORK="$(mktemp -d /tmp/pxalg.XXXXXX)"
PIDS=()

stop_pids() {
    local pid
    for pid in "$@"; do kill "$pid" 2>/dev/null || true; done
    sleep 0.3
    for pid in "$@"; do
        kill -9 "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
}

teardown_net() {
    local ns pid
    for ns in "${NAMESPACES[@]}"; do
        ip netns list | grep -qw "$ns" || continue
        # anything still running in a namespace this script made was started by it
        for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
        ip netns del "$ns" 2>/dev/null || true
    done
}

cleanup() {
    local rc=$?
    set +e
    stop_pids "${PIDS[@]}"
    teardown_net
    if [ "$rc" != 0 ]; then
        say "FAILED (exit $rc); logs:"
        for f in "$WORK"/*/*.log; do
            [ -e "$f" ] || continue
            echo "==== $f" >&2; tail -n 30 "$f" >&2
        done
    fi
    if [ -n "${KEEP_WORK:-}" ]; then say "kept $WORK"; else rm -rf "$WORK"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_for() {  # $1 seconds, $2 description, $3... command
    local deadline=$((SECONDS + $1)) what="$2"; shift 2
    until "$@"; do
        if [ "$SECONDS" -ge "$deadline" ]; then
            say "timed out waiting for $what"
            return 1
        fi
        sleep 0.2
    done
}

# ---- network ----------------------------------------------------------------
# $1 mode: helper or nat-only
setup_net() {
    local mode="$1" ns
    for ns in "${NAMESPACES[@]}"; do
        ip netns add "$ns"
        ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
        ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
        ip -n "$ns" link set lo up
    done
    ip link add "$DEV_IN" netns "$NS_IN" type veth peer name "$DEV_NIN" netns "$NS_NAT"
    ip link add "$DEV_NOUT" netns "$NS_NAT" type veth peer name "$DEV_SVC" netns "$NS_SVC"
    ip -n "$NS_IN" addr add "$IP_IN/24" dev "$DEV_IN"
    ip -n "$NS_NAT" addr add "$IP_NIN/24" dev "$DEV_NIN"
    ip -n "$NS_NAT" addr add "$IP_PUBLIC/24" dev "$DEV_NOUT"
    ip -n "$NS_SVC" addr add "$IP_SVC/32" dev "$DEV_SVC"
    ip -n "$NS_IN" link set "$DEV_IN" up
    ip -n "$NS_NAT" link set "$DEV_NIN" up
    ip -n "$NS_NAT" link set "$DEV_NOUT" up
    ip -n "$NS_SVC" link set "$DEV_SVC" up
    ip -n "$NS_IN" route add default via "$IP_NIN" dev "$DEV_IN"
    ip -n "$NS_NAT" route add "$IP_SVC/32" dev "$DEV_NOUT"
    ip -n "$NS_SVC" route add 198.51.100.0/24 dev "$DEV_SVC"
    ip netns exec "$NS_NAT" sysctl -qw net.ipv4.ip_forward=1

    local helpers=""
    if [ "$mode" = helper ]; then
        helpers='
    ct helper sip-5060 { type "sip" protocol udp; l3proto ip; }
    ct helper h323-1720 { type "Q.931" protocol tcp; l3proto ip; }
    chain helpers {
        type filter hook prerouting priority filter; policy accept;
        ct state new iifname "'"$DEV_NIN"'" udp dport 5060 ct helper set "sip-5060"
        ct state new iifname "'"$DEV_NIN"'" tcp dport 1720 ct helper set "h323-1720"
    }'
    fi
    ip netns exec "$NS_NAT" nft -f - <<NFT
table ip pxalg {$helpers
    chain prerouting {
        type nat hook prerouting priority dstnat; policy accept;
    }
    chain postrouting {
        type nat hook postrouting priority srcnat; policy accept;
        oifname "$DEV_NOUT" masquerade
    }
}
NFT
    ip netns exec "$NS_NAT" nft list ruleset >"$WORK/$mode/ruleset.txt"
}

# ---- capture ----------------------------------------------------------------
CAPTURE_PIDS=()
# $1 folder
start_capture() {
    local dir="$1" dev
    CAPTURE_PIDS=()
    for dev in "$DEV_NIN" "$DEV_NOUT"; do
        ip netns exec "$NS_NAT" tcpdump -i "$dev" -s 0 -U -w "$dir/$dev.pcap" >"$dir/tcpdump-$dev.log" 2>&1 &
        CAPTURE_PIDS+=($!); PIDS+=($!)
    done
    wait_for 10 "tcpdump on $DEV_NIN to start" grep -q "listening on" "$dir/tcpdump-$DEV_NIN.log"
    wait_for 10 "tcpdump on $DEV_NOUT to start" grep -q "listening on" "$dir/tcpdump-$DEV_NOUT.log"
}

# $1 folder, $2 output name without .pcap
stop_capture() {
    local dir="$1" name="$2"
    sleep 1
    stop_pids "${CAPTURE_PIDS[@]}"
    mkdir -p "$OUTDIR"
    mergecap -F pcap -w "$dir/merged.pcap" "$dir/$DEV_NIN.pcap" "$dir/$DEV_NOUT.pcap"
    editcap -F pcap "$dir/merged.pcap" "$OUTDIR/$name.pcap"
    editcap -F pcap "$dir/$DEV_NOUT.pcap" "$OUTDIR/$name-outside.pcap"
    : >"$OUTDIR/$name.pcap.recorded"
    : >"$OUTDIR/$name-outside.pcap.recorded"
    say "wrote $OUTDIR/$name.pcap ($(capinfos -c -M "$OUTDIR/$name.pcap" | awk '/Number of packets/ {print $NF}') frames)" \
        "and $name-outside.pcap ($(capinfos -c -M "$OUTDIR/$name-outside.pcap" | awk '/Number of packets/ {print $NF}') frames)"
}

# ---- SIP: two baresip -----------------------------------------------------------
# $1 dir, $2 own address, $3 interface, $4 RTP port range
write_baresip_config() {
    local dir="$1" addr="$2" dev="$3" ports="$4"
    mkdir -p "$dir"
    cat >"$dir/config" <<CFG
poll_method		epoll
call_local_timeout	120
call_max_calls		1
sip_listen		$addr:5060
audio_player		aubridge,nil
audio_source		ausine,440
ausrc_srate		48000
ausrc_channels		2
audio_alert		aubridge,nil
audio_level		no
ausrc_format		s16
auplay_format		s16
auenc_format		s16
audec_format		s16
audio_buffer		20-160
rtp_tos			184
rtp_ports		$ports
rtcp_mux		no
jitter_buffer_delay	5-10
rtp_stats		no
net_interface		$dev
dns_server		127.0.0.1:53
module_path		/usr/lib/baresip/modules
module			g711.so
module			ausine.so
module			aubridge.so
module_tmp		account.so
module_app		menu.so
module_app		ctrl_tcp.so
ctrl_tcp_listen		127.0.0.1:$CTRL_PORT
CFG
    : >"$dir/contacts"
}

# ctrl_tcp: JSON commands in netstrings, sent with bash's /dev/tcp inside the
# namespace; succeeds when baresip answers "ok":true.
CTRL_CLIENT='
export LC_ALL=C
exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
printf "%d:%s," "${#2}" "$2" >&3
while IFS= read -r -d: -t 5 len <&3; do
    IFS= read -r -N "$len" -t 5 msg <&3 || exit 1
    read -r -N 1 -t 5 comma <&3
    case "$msg" in *"\"response\":true"*) printf "%s\n" "$msg"; exit 0;; esac
done
exit 1'
ctrl() {  # $1 namespace, $2 command, $3 params
    local json reply
    json="{\"command\":\"$2\",\"params\":\"$3\",\"token\":\"rec\"}"
    reply="$(ip netns exec "$1" bash -c "$CTRL_CLIENT" _ "$CTRL_PORT" "$json" || true)"
    if ! grep -q '"ok":true' <<<"$reply"; then
        say "baresip did not accept '$2 $3': $reply"
        return 1
    fi
}

# $1 mode
record_sip() {
    local mode="$1" dir="$WORK/$1/sip" name
    name="alg-kernel-sip$([ "$mode" = helper ] || echo -nat-only)"
    mkdir -p "$dir"
    write_baresip_config "$dir/in" "$IP_IN" "$DEV_IN" "10000-10099"
    write_baresip_config "$dir/svc" "$IP_SVC" "$DEV_SVC" "40000-40099"
    echo "<sip:alice@$IP_IN>;regint=0;answermode=manual;audio_codecs=PCMU/8000/1" >"$dir/in/accounts"
    echo "<sip:bob@$IP_SVC>;regint=0;answermode=auto;audio_codecs=PCMU/8000/1" >"$dir/svc/accounts"

    ip netns exec "$NS_SVC" stdbuf -oL -eL baresip -4 -f "$dir/svc" </dev/null >"$dir/svc.log" 2>&1 &
    local svc_pid=$!; PIDS+=($svc_pid)
    ip netns exec "$NS_IN" stdbuf -oL -eL baresip -4 -f "$dir/in" </dev/null >"$dir/in.log" 2>&1 &
    local in_pid=$!; PIDS+=($in_pid)
    wait_for 10 "the service's baresip to be ready" grep -q "baresip is ready" "$dir/svc.log"
    wait_for 10 "the inside baresip to be ready" grep -q "baresip is ready" "$dir/in.log"
    sleep 0.5

    start_capture "$dir"
    say "$mode: SIP: dialling sip:bob@$IP_SVC"
    ctrl "$NS_IN" dial "sip:bob@$IP_SVC"
    wait_for 15 "the SIP call to be established" grep -qi "call established" "$dir/in.log"
    sleep "$CALL_SECONDS"
    ctrl "$NS_IN" hangup ""
    wait_for 10 "the SIP call to be closed" grep -qiE "terminated|closed" "$dir/in.log"
    sleep 1
    stop_capture "$dir" "$name"
    stop_pids "$in_pid" "$svc_pid"

    # what was recorded is what this mode is for
    local via
    via="$(tshark -r "$OUTDIR/$name-outside.pcap" -Y 'sip.Method == "INVITE"' -T fields \
           -e sip.Via.sent-by.address -e sip.contact.host -e sdp.connection_info.address 2>/dev/null | head -1)"
    check_outside "$mode" "SIP INVITE (Via, Contact, c=)" "$via"
}

# ---- H.323: h323_peer.py at both ends ---------------------------------------------
# $1 mode
record_h323() {
    local mode="$1" dir="$WORK/$1/h323" name
    name="alg-kernel-h323$([ "$mode" = helper ] || echo -nat-only)"
    mkdir -p "$dir"
    start_capture "$dir"
    ip netns exec "$NS_SVC" "$PYTHON" "$HERE/h323_peer.py" service "$IP_SVC" >"$dir/service.log" 2>&1 &
    local svc_pid=$!; PIDS+=($svc_pid)
    wait_for 10 "the H.323 service to listen" grep -q "ready" "$dir/service.log"
    say "$mode: H.323: calling $IP_SVC"
    ip netns exec "$NS_IN" "$PYTHON" "$HERE/h323_peer.py" endpoint "$IP_IN" "$IP_SVC" >"$dir/endpoint.log" 2>&1 || {
        say "the H.323 endpoint failed"; return 1; }
    wait_for 10 "the H.323 service to finish" grep -q "done" "$dir/service.log"
    stop_capture "$dir" "$name"
    stop_pids "$svc_pid"

    local setup
    setup="$(tshark -r "$OUTDIR/$name-outside.pcap" -Y 'h225.h323_message_body == 0' -T fields \
             -e h225.h245Ip -e h225.ipV4 -e h245.ip4_network 2>/dev/null | head -1)"
    check_outside "$mode" "H.225 Setup (h245Address, sourceCallSignalAddress, FastStart)" "$setup"
}

# $1 mode, $2 what, $3 the addresses tshark read off the outside copy
check_outside() {
    local mode="$1" what="$2" said="$3"
    if [ -z "$said" ]; then
        say "$mode: no $what in the outside capture"
        return 1
    fi
    case "$mode" in
        helper)
            if grep -q "$IP_IN" <<<"$said" || ! grep -q "$IP_PUBLIC" <<<"$said"; then
                say "helper: the outside $what names $said: the kernel's helper did not rewrite it"
                return 1
            fi ;;
        nat-only)
            if ! grep -q "$IP_IN" <<<"$said"; then
                say "nat-only: the outside $what names $said: something rewrote it"
                return 1
            fi ;;
    esac
    say "$mode: outside $what: $said"
}

# ---- record ------------------------------------------------------------------------
for mode in helper nat-only; do
    mkdir -p "$WORK/$mode"
    setup_net "$mode"
    record_sip "$mode"
    record_h323 "$mode"
    teardown_net
done
say "done"
