# Sourced by tools/demo and tools/check: make sure the Debian packages this
# project needs are installed. As root it installs what is missing with
# apt-get; otherwise it names the packages and the command, and stops.
#
# Packages:
#   tshark                 runs the plugin
#   libwireshark-dev       headers of libwireshark/libwsutil
#   wireshark-dev          WiresharkConfig.cmake (find_package(Wireshark))
#   cmake, gcc, make       the build
#   python3, python3-pytest  the tests (Debian's /usr/bin/python3)

PEXIP_BUILD_PACKAGES="tshark libwireshark-dev wireshark-dev cmake gcc make python3"
PEXIP_TEST_PACKAGES="python3-pytest"
# The libFuzzer harnesses (fuzz/, -DPEXIP_FUZZ=ON): clang and its runtimes.
PEXIP_FUZZ_PACKAGES="clang-14 libclang-rt-14-dev"

# Whether clang can build the libFuzzer harnesses (clang-14, or clang, with
# libclang-rt's libFuzzer).
pexip_have_libfuzzer() {
    local cc
    cc=$(command -v clang-14 || command -v clang) || return 1
    [ -f "$("$cc" -print-file-name=libclang_rt.fuzzer-$(uname -m).a)" ]
}

pexip_missing_packages() {
    local missing="" pkg
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            missing="$missing $pkg"
        fi
    done
    echo "${missing# }"
}

pexip_ensure_packages() {
    if ! command -v dpkg-query >/dev/null 2>&1; then
        echo "error: this set-up expects Debian 12 (dpkg/apt-get not found)." >&2
        echo "Install by hand: tshark, Wireshark 4.0 development files, cmake, gcc, make, python3, pytest." >&2
        return 1
    fi
    local missing
    missing=$(pexip_missing_packages "$@")
    [ -z "$missing" ] && return 0
    echo "Missing Debian packages: $missing"
    if [ "$(id -u)" != "0" ]; then
        echo "error: run as root, or install them first:" >&2
        echo "    sudo apt-get install $missing" >&2
        return 1
    fi
    echo "Installing them with apt-get..."
    export DEBIAN_FRONTEND=noninteractive
    # tshark asks whether non-root users may capture: answer no, quietly.
    echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections 2>/dev/null || true
    if ! apt-get install -y -q --no-install-recommends $missing; then
        echo "apt-get install failed; refreshing the package lists and trying again..."
        apt-get update -q && apt-get install -y -q --no-install-recommends $missing || {
            echo "error: could not install: $missing" >&2
            return 1
        }
    fi
    missing=$(pexip_missing_packages "$@")
    if [ -n "$missing" ]; then
        echo "error: still missing after apt-get: $missing" >&2
        return 1
    fi
}

# Configure and build into $PEXIP_BUILD (default: build/) with warnings as
# errors; arguments after the top folder go to cmake (-DPEXIP_FUZZ=ON).
pexip_build() {
    local top="$1"
    shift
    PEXIP_BUILD="${PEXIP_BUILD:-$top/build}"
    cmake -S "$top" -B "$PEXIP_BUILD" -DPEXIP_WERROR=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null \
        || { echo "error: cmake configure failed (see above)" >&2; return 1; }
    cmake --build "$PEXIP_BUILD" -j "$(nproc 2>/dev/null || echo 2)" \
        || { echo "error: build failed (see above)" >&2; return 1; }
}
