#!/bin/bash
# Record a real SIP call between two real SIP user agents (baresip) into
# test-captures/baresip-call.pcap.
#
# What it records: one peer-to-peer SIP call over UDP, no registrar, with
# audio (PCMU, baresip's `ausine` sine-wave source) and video (VP8,
# baresip's `fakevideo` source, small and slow to keep the file small),
# RTP and RTCP on separate ports (rtcp_mux off), both directions:
#   INVITE / 180 Ringing / 200 OK / ACK, ~7 s of media, BYE / 200 OK
# (baresip 1.0.0 sends no 100 Trying when it answers at once).
# Peers: baresip's `ctrl_tcp` module (JSON netstrings on 127.0.0.1:4444
# inside each namespace) takes the caller's `dial` and `hangup` commands;
# the callee's account has answermode=auto.
#
# Addresses (private, on a veth pair between two network namespaces this
# script creates; the namespaces have no other interface and no default
# route, so nothing can leave them):
#   10.77.0.1/24  "sbc" side      namespace pxrec-sbc  caller  sip:alice@10.77.0.1
#   10.77.0.2/24  "service" side  namespace pxrec-svc  callee  sip:bob@10.77.0.2 (auto-answer)
# SIP on port 5060 on both sides. tcpdump captures on the service side's veth.
#
# How to run (needs root: it creates network namespaces and a veth pair):
#   apt-get install -y baresip-core tcpdump     # Debian 12; also needs iproute2 and editcap (tshark/wireshark-common)
#   sudo bash test-captures/record/record_baresip_call.sh [output.pcap]
# Default output: test-captures/baresip-call.pcap (classic pcap, full
# snaplen). Re-recording gives a different file (random ports, SSRCs,
# Call-ID, timing): tests/test_real_sip_call.py holds literals taken from
# the committed capture and must be updated after a new recording.
# The marker test-captures/baresip-call.pcap.recorded tells the capture
# regeneration test that this capture is recorded, not generated.
#
# Environment: CALL_SECONDS (default 7) = seconds between the 200 OK and the
# BYE; KEEP_WORK=1 keeps the temporary folder (configs, logs, raw capture).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$(realpath -m "${1:-$HERE/../baresip-call.pcap}")"
CALL_SECONDS="${CALL_SECONDS:-7}"

NS_SBC=pxrec-sbc
NS_SVC=pxrec-svc
VETH_SBC=pxrec-sbc0
VETH_SVC=pxrec-svc0
IP_SBC=10.77.0.1
IP_SVC=10.77.0.2
CTRL_PORT=4444

# ---- prerequisites --------------------------------------------------------
missing=()
for tool in baresip:baresip-core tcpdump:tcpdump ip:iproute2 editcap:wireshark-common; do
    cmd="${tool%%:*}"; pkg="${tool##*:}"
    command -v "$cmd" >/dev/null 2>&1 || missing+=("$cmd (Debian package $pkg)")
done
for mod in ausine fakevideo vp8 g711 ctrl_tcp menu aubridge account; do
    [ -e "/usr/lib/baresip/modules/$mod.so" ] || missing+=("baresip module $mod.so (Debian package baresip-core)")
done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "record_baresip_call.sh: missing:" >&2
    for m in "${missing[@]}"; do echo "  - $m" >&2; done
    echo "install with: apt-get install -y baresip-core tcpdump iproute2 wireshark-common" >&2
    exit 2
fi
if [ "$(id -u)" != 0 ]; then
    echo "record_baresip_call.sh: must run as root (creates network namespaces and a veth pair)" >&2
    exit 2
fi
for ns in "$NS_SBC" "$NS_SVC"; do
    if ip netns list | grep -qw "$ns"; then
        echo "record_baresip_call.sh: network namespace $ns already exists (left over?); remove it with: ip netns del $ns" >&2
        exit 2
    fi
done

WORK="$(mktemp -d /tmp/pxrec.XXXXXX)"
PIDS=()

cleanup() {
    local rc=$?
    set +e
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null
    done
    sleep 0.5
    for pid in "${PIDS[@]}"; do
        kill -9 "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    ip netns del "$NS_SBC" 2>/dev/null
    ip netns del "$NS_SVC" 2>/dev/null
    ip link del "$VETH_SBC" 2>/dev/null
    if [ "$rc" != 0 ]; then
        echo "record_baresip_call.sh: FAILED (exit $rc); logs:" >&2
        for f in "$WORK"/*.log; do
            [ -e "$f" ] || continue
            echo "==== $f" >&2; tail -n 40 "$f" >&2
        done
    fi
    if [ -n "${KEEP_WORK:-}" ]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- network: two namespaces joined by a veth pair -------------------------
ip netns add "$NS_SBC"
ip netns add "$NS_SVC"
ip link add "$VETH_SBC" type veth peer name "$VETH_SVC"
ip link set "$VETH_SBC" netns "$NS_SBC"
ip link set "$VETH_SVC" netns "$NS_SVC"
ip -n "$NS_SBC" addr add "$IP_SBC/24" dev "$VETH_SBC"
ip -n "$NS_SVC" addr add "$IP_SVC/24" dev "$VETH_SVC"
# no IPv6 on the veth: no router solicitations / MLD reports in the capture
for ns_dev in "$NS_SBC:$VETH_SBC" "$NS_SVC:$VETH_SVC"; do
    ns="${ns_dev%%:*}"; dev="${ns_dev##*:}"
    ip netns exec "$ns" sysctl -qw "net.ipv6.conf.all.disable_ipv6=1"
    ip -n "$ns" link set lo up
    ip -n "$ns" link set "$dev" up
done

# ---- baresip configuration -------------------------------------------------
# $1 dir, $2 own address, $3 veth, $4 rtp port range
write_config() {
    local dir="$1" addr="$2" dev="$3" ports="$4"
    mkdir -p "$dir"
    cat >"$dir/config" <<CFG
poll_method		epoll
call_local_timeout	120
call_max_calls		1
sip_listen		$addr:5060
audio_player		aubridge,nil
audio_source		ausine,440
ausrc_srate		48000	# ausine makes 48 kHz only; baresip resamples to PCMU's 8 kHz
ausrc_channels		2
audio_alert		aubridge,nil
audio_level		no
ausrc_format		s16
auplay_format		s16
auenc_format		s16
audec_format		s16
audio_buffer		20-160
video_source		fakevideo,nil
video_display		fakevideo,nil
video_size		176x144
video_bitrate		64000
video_fps		10.00
video_fullscreen	no
videnc_format		yuv420p
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
module			fakevideo.so
module			vp8.so
module_tmp		account.so
module_app		menu.so
module_app		ctrl_tcp.so
ctrl_tcp_listen		127.0.0.1:$CTRL_PORT
CFG
    : >"$dir/contacts"
}
write_config "$WORK/sbc" "$IP_SBC" "$VETH_SBC" "10000-10099"
write_config "$WORK/svc" "$IP_SVC" "$VETH_SVC" "20000-20099"
echo "<sip:alice@$IP_SBC>;regint=0;answermode=manual;audio_codecs=PCMU/8000/1;video_codecs=VP8" >"$WORK/sbc/accounts"
echo "<sip:bob@$IP_SVC>;regint=0;answermode=auto;audio_codecs=PCMU/8000/1;video_codecs=VP8" >"$WORK/svc/accounts"

# ctrl_tcp: JSON commands in netstrings ("len:json,"), sent with bash's
# /dev/tcp from inside the namespace. Reads netstrings (events, then the
# response) until the response; succeeds when baresip answers "ok":true.
# $1 namespace, $2 command, $3 params
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
ctrl() {
    local ns="$1" json reply
    json="{\"command\":\"$2\",\"params\":\"$3\",\"token\":\"rec\"}"
    reply="$(ip netns exec "$ns" bash -c "$CTRL_CLIENT" _ "$CTRL_PORT" "$json" || true)"
    if ! grep -q '"ok":true' <<<"$reply"; then
        echo "record_baresip_call.sh: baresip did not accept '$2 $3': $reply" >&2
        return 1
    fi
}

wait_for() {  # $1 seconds, $2 description, $3... command
    local deadline=$((SECONDS + $1)) what="$2"; shift 2
    until "$@"; do
        if [ "$SECONDS" -ge "$deadline" ]; then
            echo "record_baresip_call.sh: timed out waiting for $what" >&2
            return 1
        fi
        sleep 0.2
    done
}

# ---- capture and call ------------------------------------------------------
ip netns exec "$NS_SVC" tcpdump -i "$VETH_SVC" -s 0 -U -w "$WORK/raw.pcap" >"$WORK/tcpdump.log" 2>&1 &
PIDS+=($!)
wait_for 10 "tcpdump to start" grep -q "listening on" "$WORK/tcpdump.log"

ip netns exec "$NS_SVC" stdbuf -oL -eL baresip -4 -f "$WORK/svc" </dev/null >"$WORK/svc.log" 2>&1 &
PIDS+=($!)
ip netns exec "$NS_SBC" stdbuf -oL -eL baresip -4 -f "$WORK/sbc" </dev/null >"$WORK/sbc.log" 2>&1 &
PIDS+=($!)
wait_for 10 "callee baresip to be ready" grep -q "baresip is ready" "$WORK/svc.log"
wait_for 10 "caller baresip to be ready" grep -q "baresip is ready" "$WORK/sbc.log"
sleep 0.5

echo "dialing sip:bob@$IP_SVC"
ctrl "$NS_SBC" dial "sip:bob@$IP_SVC"
wait_for 15 "the call to be established" grep -qiE "call established" "$WORK/sbc.log"
echo "call established; talking for $CALL_SECONDS s"
sleep "$CALL_SECONDS"

echo "hanging up"
ctrl "$NS_SBC" hangup ""
wait_for 10 "the call to be closed" grep -qiE "terminated|closed" "$WORK/sbc.log"
sleep 1.5   # the BYE's 200 OK and the last packets

kill "${PIDS[0]}"; wait "${PIDS[0]}" 2>/dev/null || true

mkdir -p "$(dirname "$OUT")"
editcap -F pcap "$WORK/raw.pcap" "$OUT"
touch "$(dirname "$OUT")/$(basename "$OUT").recorded"
echo "wrote $OUT ($(stat -c %s "$OUT") bytes)"
if command -v capinfos >/dev/null; then capinfos -c -u -F "$OUT" || true; fi
