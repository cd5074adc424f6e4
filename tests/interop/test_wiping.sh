#!/bin/sh
# What our programs leave in the memory they free, seen by a probe preloaded
# into them (tests/interop/wipe_probe.c, built here):
#  - every program, and every seetls command, installs the wiping GMP
#    allocator before anything else: run with --help, the program exits
#    and the probe frees a number through GMP, which must arrive wiped;
#  - key files read by seetls (from a file, and from standard input past
#    the first 4 KiB; RSA and X25519, and the X25519 shared secret
#    pkeyutl --derive makes) and by alex-server and alex-client leave no
#    copy of the key's bytes in a freed block;
#  - a seeded TLS session between seetls server and client leaves neither
#    the server's key, nor the premaster secret, nor the master secret in a
#    freed block, on either side.
# The probe needs glibc and a C compiler; without them the script says so
# and checks nothing.
. "$(dirname "$0")/lib.sh"
: "${BUILD_DIR:?BUILD_DIR must name the build folder}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$WORK" || exit 1

if ! ${CC:-cc} -std=gnu11 -shared -fPIC -I "$ROOT" -o probe.so \
    "$ROOT/tests/interop/wipe_probe.c" "$ROOT/codec/hex.c" -lgmp 2>probe.err; then
    echo "interop wiping: probe not built (needs glibc and a C compiler), skipped"
    finish wiping
    exit
fi

# probed OUT SECRETS COMMAND...: run COMMAND with the probe, reports in OUT
probed() {
    out=$1 secrets=$2
    shift 2
    rm -f "$out"
    env WIPE_PROBE_OUT="$WORK/$out" WIPE_PROBE_SECRETS="$secrets" \
        LD_PRELOAD="$WORK/probe.so" "$@"
}

# probed_bg OUT SECRETS COMMAND...: the same in the background; $! is then
# the program's own process (env execs it)
probed_bg() {
    out=$1 secrets=$2
    shift 2
    rm -f "$out"
    env WIPE_PROBE_OUT="$WORK/$out" WIPE_PROBE_SECRETS="$secrets" \
        LD_PRELOAD="$WORK/probe.so" "$@" &
}

# hex FILE [SKIP COUNT]: the bytes of FILE (or COUNT of them from SKIP)
hex() {
    if [ $# -eq 3 ]; then od -An -tx1 -j "$2" -N "$3" "$1"; else od -An -tx1 "$1"; fi |
        tr -d ' \n'
}

# key_secrets KEY: a line of its PEM text and 32 bytes inside its DER
# (the private exponent or a prime), as the probe's list
key_secrets() {
    sed -n 3p "$1" >"$1.line"
    openssl pkey -in "$1" -outform DER >"$1.der" 2>/dev/null
    echo "$(hex "$1.line"),$(hex "$1.der" 700 32)"
}

# expect_clean NAME OUT: the probe found no secret and GMP's frees wiped
expect_clean() {
    if [ ! -f "$2" ]; then fail "$1: the probe did not report"; return; fi
    grep -q '^gmp: wiped$' "$2" && pass ||
        fail "$1: GMP frees without wiping ($(grep '^gmp' "$2"))"
    if grep -q '^heap' "$2"; then
        fail "$1: $(sort -u "$2" | grep '^heap' | tr '\n' ' ')"
    else pass; fi
}

# ---------------------------------------------------- the probe itself ---
# It must see what it looks for: python3 frees 1 KiB made of a secret
# (malloc'd, being over 512 bytes) without wiping it; a list item that is
# not hex is reported, not skipped.
S=00112233445566778899aabbccddeeff
probed control.out "$S" python3 -c "b = bytes.fromhex('$S') * 64; del b"
grep -q '^heap: secret 0 in a freed block$' control.out && pass ||
    fail "the probe does not see a secret in a freed block: $(cat control.out)"
probed control.out "$S,12x4,abc" true
expect_eq "the probe refuses a secret that is not hex" \
    "heap: secret 1 is not hex,heap: secret 2 is not hex" \
    "$(grep '^heap' control.out | tr '\n' ',' | sed 's/,$//')"

# ------------------------------------------ every program, first thing ---
for prog in "$SEETLS" "$BUILD_DIR"/alex-* "$BUILD_DIR"/eve "$BUILD_DIR"/demo-* \
    "$BUILD_DIR"/slides; do
    [ -x "$prog" ] || continue
    probed gmp.out "" "$prog" --help >/dev/null 2>&1
    expect_eq "$(basename "$prog") --help: GMP's frees" "gmp: wiped" "$(cat gmp.out 2>/dev/null)"
done
commands=$("$SEETLS" --help | sed -n '/^commands:/,$s/^  \([a-z0-9]*\) .*/\1/p')
[ -n "$commands" ] && pass || fail "no commands listed by seetls --help"
for c in $commands; do
    probed gmp.out "" "$SEETLS" "$c" --help >/dev/null 2>&1
    expect_eq "seetls $c --help: GMP's frees" "gmp: wiped" "$(cat gmp.out 2>/dev/null)"
done

# ------------------------------------------------------------ key files ---
make_ca lab "Wipe Lab CA"
make_cert lab alex server alex --dns alex.lab --ip 127.0.0.1
make_cert lab laptop client laptop
ALEX=$(key_secrets alex.key)
LAPTOP=$(key_secrets laptop.key)

probed key.out "$ALEX" "$SEETLS" rsa --in alex.key --check >/dev/null 2>&1
expect_eq "rsa --check exit" 0 $?
expect_clean "seetls rsa --in FILE" key.out
# the key, then blank lines past the first 4 KiB of standard input: the
# buffer holding the key grows
{ cat alex.key; i=0; while [ $i -lt 5000 ]; do echo; i=$((i + 1)); done; } >padded.key
probed key.out "$ALEX" "$SEETLS" rsa --in - --check <padded.key >/dev/null 2>&1
expect_eq "rsa --in - exit" 0 $?
expect_clean "seetls rsa --in - (5 KiB)" key.out
echo "signed" >msg
probed key.out "$ALEX" "$SEETLS" dgst --sign alex.key msg >/dev/null 2>&1
expect_clean "seetls dgst --sign" key.out

# X25519 key files: the private scalar a, and the shared secret S that
# pkeyutl --derive makes from it (read back by openssl, not by us)
"$SEETLS" genpkey --algorithm x25519 --out xa.pem >/dev/null 2>&1 &&
    "$SEETLS" genpkey --algorithm x25519 --out xb.pem >/dev/null 2>&1 &&
    "$SEETLS" pkey --in xb.pem --pubout --out xb.pub >/dev/null 2>&1
expect_eq "genpkey, pkey exit" 0 $?
XA=$(openssl pkey -in xa.pem -noout -text | sed -n '/^priv:/,/^pub:/p' | sed '1d;$d' | tr -d ' :\n')
XS=$(openssl pkeyutl -derive -inkey xa.pem -peerkey xb.pub | od -An -tx1 | tr -d ' \n')
expect_eq "the X25519 secrets read (a, S)" 64,64 "${#XA},${#XS}"
probed key.out "$XA,$XS" "$SEETLS" pkeyutl --derive --key xa.pem --peerkey xb.pub \
    --out xs.bin >/dev/null 2>&1
expect_eq "pkeyutl --derive exit" 0 $?
expect_clean "seetls pkeyutl --derive (X25519)" key.out
probed key.out "$XA" "$SEETLS" pkey --in xa.pem --pubout >/dev/null 2>&1
expect_clean "seetls pkey --in X25519 key" key.out

# alex-server loads its key and CA, then listens on a port of its choosing
# until SIGTERM; alex-client loads its own before it connects
probed_bg server.out "$ALEX" "$BUILD_DIR/alex-server" --port 0 --cert alex.crt \
    --key alex.key --ca lab/ca.pem 2>server.err
spid=$!
wait_port server.err || fail "alex-server did not start: $(head -c 300 server.err)"
probed client.out "$LAPTOP" "$BUILD_DIR/alex-client" "127.0.0.1:$PORT" --ca lab/ca.pem \
    --servername alex.lab --cert laptop.crt --key laptop.key --cmd "g" >/dev/null 2>&1
kill -TERM $spid 2>/dev/null
wait $spid
expect_clean "alex-server start-up and stop" server.out
expect_clean "alex-client" client.out

# ------------------------------------------------- a seeded TLS session ---
# session OUT_SERVER OUT_CLIENT SECRETS [--trace]: our server and client
# once, seeded (the same bytes every time), on a port of the server's own
session() {
    sout=$1 cout=$2 secrets=$3 trace=${4:-}
    rm -f srv.out
    probed_bg "$sout" "$secrets" "$SEETLS" server --port 0 --cert alex.crt --key alex.key \
        --echo --once --seed "wipe server" $trace >srv.out 2>srv.err
    spid=$!
    wait_port srv.out || fail "seetls server did not start: $(head -c 300 srv.err)"
    echo "hello" | probed "$cout" "$secrets" "$SEETLS" client \
        "127.0.0.1:$PORT" --ca lab/ca.pem --servername alex.lab \
        --seed "wipe client" --idle 200 >cli.out 2>cli.err
    i=0 # it exits after the one connection; killed only if never reached
    while kill -0 $spid 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
    kill $spid 2>/dev/null
    wait $spid
}
# a traced run shows PS and the master secret; the same run untraced must
# leave neither behind (the trace itself prints them, on purpose)
session trace-s.out trace-c.out "" --trace
ps=$(sed -n 's/.* server PS  *\([0-9a-f]\{64\}\).*/\1/p' srv.err)
master=$(sed -n 's/.* server MASTER SECRET  *\([0-9a-f]\{96\}\) .*/\1/p' srv.err)
[ -n "$ps" ] && [ -n "$master" ] && pass || fail "PS and master secret not in the trace"
session session-s.out session-c.out "$ALEX,$ps,$master"
expect_eq "session: the echo" "hello" "$(cat cli.out)"
expect_clean "seetls server, one session" session-s.out
expect_clean "seetls client, one session" session-c.out

finish wiping
