#!/bin/sh
# deps-browser.sh: the packages of the browser tests (test_chromium.sh,
# test_browser_driver.sh, test_robot_browser.sh): Debian's chromium, certutil and pk12util
# (libnss3-tools), and python3 for the step driver
# (tests/interop/browser/drive.py, which needs nothing else: it speaks the
# DevTools protocol over a pipe, no npm package). make test-interop runs it
# before the interop scripts, so a root make test on a fresh Debian 12
# installs them (chromium is large: only this path pulls it in). Not root
# and missing: it says what to run as root, and the test skips its browser
# cases; it never fails make.
set -u
. "$(dirname "$0")/lib-deps.sh"

NEEDED="chromium libnss3-tools python3"

missing=$(deps_missing $NEEDED)
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
    deps_tell_root "the browser tests (tests/interop/test_chromium.sh, test_browser_driver.sh, test_robot_browser.sh)" "$missing" || :
    exit 0
fi
deps_apt_install deps-browser /tmp/seetls-apt-browser.log "$missing" || exit 1
