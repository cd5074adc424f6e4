#!/bin/sh
# deps.sh: make sure the Debian 12 packages the build and tests need are here.
# As root it installs what is missing with apt-get; otherwise it prints the
# exact apt-get line to run and fails.
set -u
. "$(dirname "$0")/lib-deps.sh"

NEEDED="gcc make libgmp-dev libcunit1-dev libsodium-dev libssl-dev openssl
clang libclang-rt-dev libxml2-utils curl tshark xxd python3 python3-ecdsa pkgconf
valgrind"

missing=$(deps_missing $NEEDED)
[ -z "$missing" ] && exit 0

[ "$(id -u)" = 0 ] || { deps_tell_root seetls "$missing"; exit 1; }
deps_apt_install deps /tmp/seetls-apt.log "$missing" || exit 1
