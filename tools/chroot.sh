# Sourced by tools/check-versions (and by anything else that needs a Debian
# release other than the host's): Debian chroots made with debootstrap,
# cached in a folder, entered with a clean environment, always unmounted.
#
#   pexip_chroot_require                 root? debootstrap (installed with
#                                        apt-get when missing)? else an error
#   pexip_chroot_create DIR SUITE [--no-valid-until] -- PACKAGES...
#                                        make DIR a SUITE chroot holding
#                                        PACKAGES; reuse it when it already
#                                        is one, repair it when half-made
#   pexip_chroot_mount DIR               /proc, a fresh /tmp (and /dev
#                                        when debootstrap made no nodes)
#   pexip_chroot_bind DIR HOSTPATH INNERPATH [ro]
#                                        show a host folder inside
#   pexip_chroot_run DIR COMMAND...      run COMMAND inside, as root, with a
#                                        clean environment (PATH, HOME, LANG)
#   pexip_chroot_umount DIR              unmount everything below DIR
#   pexip_chroot_umount_all              ...below every DIR this shell
#                                        mounted in: call it from a trap
#   pexip_chroot_track DIR               have pexip_chroot_umount_all cover
#                                        DIR even when a subshell mounts it
#
# State kept inside DIR: .pexip-debootstrap (debootstrap finished) and
# .pexip-packages (the package list apt-get installed). Without the first
# the folder is a half-made debootstrap and is made again; with the first
# but not the second (or a different list) apt-get installs what is
# missing. The chroot is for tests only: nothing in it is meant to be kept
# up to date; remove DIR to start again (after pexip_chroot_umount DIR).
#
# Mirror: $PEXIP_DEBIAN_MIRROR, default http://deb.debian.org/debian.

PEXIP_DEBIAN_MIRROR="${PEXIP_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
PEXIP_CHROOTS_MOUNTED=""

pexip_chroot_require() {
    if [ "$(id -u)" != "0" ]; then
        echo "error: chroots need root (debootstrap, chroot and mount do): run as root." >&2
        return 1
    fi
    local tool
    for tool in chroot mount umount findmnt; do
        if ! command -v "$tool" >/dev/null 2>&1; then
            echo "error: '$tool' not found (Debian: util-linux / coreutils)." >&2
            return 1
        fi
    done
    if ! command -v debootstrap >/dev/null 2>&1; then
        if ! command -v apt-get >/dev/null 2>&1; then
            echo "error: debootstrap is missing and apt-get is not here to install it." >&2
            return 1
        fi
        echo "Installing debootstrap with apt-get..."
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap \
            || { apt-get update -q && DEBIAN_FRONTEND=noninteractive \
                 apt-get install -y -q --no-install-recommends debootstrap; } \
            || { echo "error: could not install debootstrap (apt-get install debootstrap)." >&2; return 1; }
    fi
}

# The debootstrap script for SUITE: its own, else sid's (newer suites
# than this debootstrap knows, e.g. forky on Debian 12's debootstrap,
# bootstrap the same way as sid).
_pexip_debootstrap_script() {
    local dir=/usr/share/debootstrap/scripts
    if [ -e "$dir/$1" ]; then echo "$dir/$1"; else echo "$dir/sid"; fi
}

_pexip_mirror_reachable() {
    local url="$PEXIP_DEBIAN_MIRROR/dists/$1/Release"
    if command -v wget >/dev/null 2>&1; then
        wget -q -T 20 -t 2 -O /dev/null "$url"
    elif command -v curl >/dev/null 2>&1; then
        curl -fsS -m 20 -o /dev/null "$url"
    else
        return 0    # nothing to ask with: debootstrap will say
    fi
}

# Run apt-get inside DIR (which must be mounted).
_pexip_chroot_apt() {
    local dir="$1"; shift
    pexip_chroot_run "$dir" env DEBIAN_FRONTEND=noninteractive apt-get -q "$@"
}

pexip_chroot_create() {
    local dir="$1" suite="$2" no_valid_until=""
    shift 2
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do
        case "$1" in
            --no-valid-until) no_valid_until=1 ;;
            *) echo "pexip_chroot_create: unknown option $1" >&2; return 2 ;;
        esac
        shift
    done
    [ "${1:-}" = "--" ] && shift
    local packages="$*"

    if [ -f "$dir/.pexip-debootstrap" ] && [ -f "$dir/.pexip-packages" ] \
       && [ "$(cat "$dir/.pexip-packages")" = "$packages" ]; then
        echo "chroot $suite: reusing $dir"
        return 0
    fi

    if [ -e "$dir" ] && [ ! -f "$dir/.pexip-debootstrap" ]; then
        echo "chroot $suite: $dir is a half-made debootstrap; making it again"
        pexip_chroot_umount "$dir" || return 1
        # --one-file-system: never follow into anything still mounted.
        rm -rf --one-file-system "$dir" || return 1
    fi

    if [ ! -e "$dir" ]; then
        if ! _pexip_mirror_reachable "$suite"; then
            echo "error: cannot reach $PEXIP_DEBIAN_MIRROR/dists/$suite/ (no network?);" \
                 "set PEXIP_DEBIAN_MIRROR to a Debian mirror that can be reached." >&2
            return 1
        fi
        echo "chroot $suite: debootstrap into $dir (about a minute)"
        mkdir -p "$dir" || return 1
        if ! debootstrap --variant=minbase "$suite" "$dir" "$PEXIP_DEBIAN_MIRROR" \
                "$(_pexip_debootstrap_script "$suite")" > "$dir.debootstrap.log" 2>&1; then
            echo "error: debootstrap $suite failed; the end of $dir.debootstrap.log:" >&2
            tail -n 15 "$dir.debootstrap.log" >&2
            pexip_chroot_umount "$dir"
            return 1
        fi
        touch "$dir/.pexip-debootstrap"
    fi

    echo "chroot $suite: installing $packages"
    rm -f "$dir/.pexip-packages"
    # Name resolution for apt-get inside; no services may start.
    cp -L /etc/resolv.conf "$dir/etc/resolv.conf" || return 1
    printf '#!/bin/sh\nexit 101\n' > "$dir/usr/sbin/policy-rc.d" && chmod 755 "$dir/usr/sbin/policy-rc.d"
    if [ -n "$no_valid_until" ]; then
        # A testing suite's Release can be past its Valid-Until on a mirror.
        echo 'Acquire::Check-Valid-Until "false";' > "$dir/etc/apt/apt.conf.d/99pexip-no-valid-until"
    fi
    pexip_chroot_mount "$dir" || return 1
    # tshark asks whether non-root users may capture: answer no, quietly.
    echo "wireshark-common wireshark-common/install-setuid boolean false" \
        | pexip_chroot_run "$dir" debconf-set-selections
    local ok=1
    # dpkg --configure -a: finish what an interrupted earlier run began.
    pexip_chroot_run "$dir" dpkg --configure -a > "$dir.apt.log" 2>&1
    _pexip_chroot_apt "$dir" update >> "$dir.apt.log" 2>&1 \
        && _pexip_chroot_apt "$dir" install -y --no-install-recommends $packages >> "$dir.apt.log" 2>&1 \
        || ok=""
    pexip_chroot_umount "$dir"
    if [ -z "$ok" ]; then
        echo "error: apt-get in the $suite chroot failed; the end of $dir.apt.log:" >&2
        tail -n 15 "$dir.apt.log" >&2
        return 1
    fi
    pexip_chroot_run "$dir" apt-get clean
    echo "$packages" > "$dir/.pexip-packages"
}

pexip_chroot_track() {
    _pexip_chroot_mounted "$(cd "$1" 2>/dev/null && pwd || echo "$1")"
}

_pexip_chroot_mounted() {
    case " $PEXIP_CHROOTS_MOUNTED " in *" $1 "*) ;; *) PEXIP_CHROOTS_MOUNTED="$PEXIP_CHROOTS_MOUNTED $1" ;; esac
}

# Mount TARGET (inside a chroot) unless something already is there.
_pexip_mount_once() {
    local target="$1"; shift
    mountpoint -q "$target" && return 0
    mount "$@" "$target"
}

pexip_chroot_mount() {
    local dir
    dir="$(cd "$1" && pwd)" || return 1
    _pexip_chroot_mounted "$dir"
    _pexip_mount_once "$dir/proc" -t proc proc || return 1
    # debootstrap makes /dev/null, zero, random, urandom, tty... in the
    # chroot. Only where it could not (no mknod, as in some containers) is
    # the host's /dev shown (not its submounts): a bound /dev is the host's,
    # which an rm -rf of the chroot folder during a run would empty.
    if [ ! -c "$dir/dev/null" ]; then
        _pexip_mount_once "$dir/dev" --bind /dev || return 1
    fi
    _pexip_mount_once "$dir/tmp" -t tmpfs -o mode=1777,size=2g tmpfs || return 1
}

pexip_chroot_bind() {
    local dir host="$2" inner="$3" ro="${4:-}"
    dir="$(cd "$1" && pwd)" || return 1
    _pexip_chroot_mounted "$dir"
    mkdir -p "$dir$inner" || return 1
    mountpoint -q "$dir$inner" && return 0
    mount --bind "$host" "$dir$inner" || return 1
    if [ "$ro" = "ro" ]; then
        mount -o remount,bind,ro "$dir$inner" || return 1
    fi
}

pexip_chroot_run() {
    local dir="$1"; shift
    chroot "$dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
        LANG=C.UTF-8 TERM="${TERM:-dumb}" "$@"
}

pexip_chroot_umount() {
    local dir target tries
    dir="$(cd "$1" 2>/dev/null && pwd)" || return 0
    for tries in 1 2 3; do
        # Deepest first.
        local targets
        targets=$(findmnt -rn -o TARGET | awk -v d="$dir" 'index($0, d "/") == 1' | sort -r)
        [ -z "$targets" ] && return 0
        for target in $targets; do
            umount "$target" 2>/dev/null || { [ "$tries" = 3 ] && umount -l "$target"; }
        done
    done
    targets=$(findmnt -rn -o TARGET | awk -v d="$dir" 'index($0, d "/") == 1')
    if [ -n "$targets" ]; then
        echo "error: still mounted under $dir: $targets" >&2
        return 1
    fi
}

pexip_chroot_umount_all() {
    local dir status=0
    for dir in $PEXIP_CHROOTS_MOUNTED; do
        pexip_chroot_umount "$dir" || status=1
    done
    return $status
}
