# lib-browser.sh: sourced by the browser tests (test_chromium.sh,
# test_browser_driver.sh) after lib.sh and scripts/lib-deps.sh: finding
# Debian's chromium and the NSS tools, saying what to install when they are
# missing, and the homes whose NSS database ($HOME/.pki/nssdb, which
# Chromium on Linux reads) holds the CAs the browser trusts and the client
# identities it can present; a screenshot's size.

BROWSER_DIR=$(cd "$(dirname "$0")/browser" && pwd)
# The step driver (README.md beside it): headless chromium over the
# DevTools protocol, one step a line.
DRIVE="$BROWSER_DIR/drive.py"
CHROMIUM=$(command -v chromium || command -v chromium-browser)

# browser_ready NAME [NEED_PYTHON]: true when chromium and the NSS tools
# (certutil, pk12util: libnss3-tools) are there, and python3 too with
# NEED_PYTHON (the driver's). Otherwise says, for the interop script NAME,
# which Debian packages to install as root (make test-interop does it:
# scripts/deps-browser.sh) and that its browser cases are skipped.
browser_ready() {
    ready_missing=
    [ -z "$CHROMIUM" ] && ready_missing=" chromium"
    { command -v certutil && command -v pk12util; } >/dev/null 2>&1 ||
        ready_missing="$ready_missing libnss3-tools"
    [ -n "${2:-}" ] && ! command -v python3 >/dev/null 2>&1 &&
        ready_missing="$ready_missing python3"
    [ -z "$ready_missing" ] && return 0
    deps_tell_root "interop $1" "$ready_missing" 2>&1
    echo "interop $1: the browser cases are skipped"
    return 1
}

# trusting_home HOME [CA_PEM]: HOME with a new NSS database, trusting
# CA_PEM, when given, to name TLS servers ("C,,": a CA for SSL, RFC 5280's
# path rules then apply); without CA_PEM it trusts nothing.
trusting_home() {
    mkdir -p "$1/.pki/nssdb"
    certutil -N -d "sql:$1/.pki/nssdb" --empty-password >/dev/null 2>&1 ||
        fail "certutil -N in $1 failed"
    [ -z "${2:-}" ] && return
    certutil -A -d "sql:$1/.pki/nssdb" -n seetls-ca -t "C,," -i "$2" ||
        fail "certutil -A $2 failed"
}

# home_with_identity HOME P12 PASSWORD: the PKCS#12 file's key and
# certificate imported into HOME's NSS database (pk12util, as a person
# imports one in the browser's settings): the identity the browser
# presents when a server asks for a client certificate.
home_with_identity() {
    pk12util -i "$2" -d "sql:$1/.pki/nssdb" -W "$3" >/dev/null 2>&1 ||
        fail "pk12util -i $2 into $1 failed"
}

# drive NAME HOME [OPTION...]: the driver on the steps of standard input,
# with HOME's NSS database and drive.py's OPTIONs: the step log in
# NAME.log, what text and eval print in NAME.out, its errors in NAME.err;
# its exit status in DRIVE_STATUS.
drive() {
    drive_name=$1 drive_home=$2
    shift 2
    timeout 120 python3 "$DRIVE" --home "$drive_home" --log "$drive_name.log" "$@" \
        >"$drive_name.out" 2>"$drive_name.err"
    DRIVE_STATUS=$?
}

# expect_driven NAME: the last drive ran every step
expect_driven() {
    expect_eq "$1: drive.py's exit status ($(tail -n 1 "$drive_name.err"))" 0 "$DRIVE_STATUS"
}

# png_size FILE: "WIDTHxHEIGHT" from the PNG's IHDR (bytes 16..23), after
# the PNG signature (PNG 5.2; "not a PNG" without it)
png_size() {
    [ "$(od -An -tx1 -N8 "$1" 2>/dev/null | tr -d ' \n')" = 89504e470d0a1a0a ] ||
        { echo "not a PNG"; return; }
    od -An -tu1 -j16 -N8 "$1" | awk '{ printf "%dx%d", $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8 }'
}
