#!/bin/sh
# deps.sh: make sure the Debian 12 packages the build and tests need are here.
# As root it installs what is missing with apt-get; otherwise it prints the
# exact apt-get line to run and fails.
set -u

NEEDED="gcc make libgmp-dev libcunit1-dev libsodium-dev libssl-dev openssl
clang libclang-rt-dev libxml2-utils curl tshark xxd python3 python3-ecdsa pkgconf"

installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

missing=""
for pkg in $NEEDED; do
    installed "$pkg" || missing="$missing $pkg"
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
    echo "seetls needs these Debian packages:$missing" >&2
    echo "Install them as root with:" >&2
    echo "    apt-get update && apt-get install -y$missing" >&2
    exit 1
fi

echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing; } >/tmp/seetls-apt.log 2>&1; then
    echo "deps: apt-get failed; its log follows" >&2
    tail -n 30 /tmp/seetls-apt.log >&2
    exit 1
fi
echo "deps: installed$missing"
