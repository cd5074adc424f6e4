#!/bin/sh
# deps-cross.sh: what make test-cross needs on Debian 12, beside deps.sh's:
# the cross compilers for 32-bit (armhf, Raspberry Pi OS 32-bit) and 64-bit
# (arm64) ARM, the ARM builds of the libraries we link (multiarch), qemu-user
# to run the ARM programs here, and file to show what was built.
# As root it adds the two architectures to dpkg and installs what is missing
# with apt-get; otherwise it prints the exact commands to run and fails.
set -u

ARCHS="armhf arm64"
NEEDED="file make openssl gcc-arm-linux-gnueabihf gcc-aarch64-linux-gnu qemu-user"
for arch in $ARCHS; do
    NEEDED="$NEEDED libc6-dev:$arch libgmp-dev:$arch libcunit1-dev:$arch libsodium-dev:$arch"
done

installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

missing=""
for pkg in $NEEDED; do
    installed "$pkg" || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0

# dpkg must know an architecture before apt-get can install packages of it.
add_archs=""
for arch in $ARCHS; do
    dpkg --print-foreign-architectures | grep -qx "$arch" || add_archs="$add_archs $arch"
done

if [ "$(id -u)" != 0 ]; then
    echo "make test-cross needs these Debian packages:$missing" >&2
    echo "Install them as root with:" >&2
    for arch in $add_archs; do
        echo "    dpkg --add-architecture $arch" >&2
    done
    echo "    apt-get update && apt-get install -y$missing" >&2
    exit 1
fi

for arch in $add_archs; do
    echo "deps-cross: dpkg --add-architecture $arch"
    dpkg --add-architecture "$arch" || exit 1
done
echo "deps-cross: installing$missing"
export DEBIAN_FRONTEND=noninteractive
log=/tmp/seetls-apt-cross.log
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing; } >"$log" 2>&1; then
    echo "deps-cross: apt-get failed; its log follows" >&2
    tail -n 30 "$log" >&2
    exit 1
fi
echo "deps-cross: installed$missing"
