#!/bin/sh
# deps-cross.sh: what make test-cross needs on Debian 12, beside deps.sh's:
# the cross compilers for 32-bit (armhf, Raspberry Pi OS 32-bit) and 64-bit
# (arm64) ARM, the ARM builds of the libraries we link (multiarch), qemu-user
# to run the ARM programs here, and file to show what was built.
# As root it adds the two architectures to dpkg and installs what is missing
# with apt-get; otherwise it prints the exact commands to run and fails.
set -u
. "$(dirname "$0")/lib-deps.sh"

ARCHS="armhf arm64"
NEEDED="file make openssl gcc-arm-linux-gnueabihf gcc-aarch64-linux-gnu qemu-user"
for arch in $ARCHS; do
    NEEDED="$NEEDED libc6-dev:$arch libgmp-dev:$arch libcunit1-dev:$arch libsodium-dev:$arch"
done

missing=$(deps_missing $NEEDED)
[ -z "$missing" ] && exit 0

# dpkg must know an architecture before apt-get can install packages of it.
add_archs=""
for arch in $ARCHS; do
    dpkg --print-foreign-architectures | grep -qx "$arch" || add_archs="$add_archs $arch"
done

if [ "$(id -u)" != 0 ]; then
    set --
    for arch in $add_archs; do
        set -- "$@" "dpkg --add-architecture $arch"
    done
    deps_tell_root "make test-cross" "$missing" "$@"
    exit 1
fi

for arch in $add_archs; do
    echo "deps-cross: dpkg --add-architecture $arch"
    dpkg --add-architecture "$arch" || exit 1
done
deps_apt_install deps-cross /tmp/seetls-apt-cross.log "$missing" || exit 1
