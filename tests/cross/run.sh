#!/bin/sh
# tests/cross/run.sh: make test-cross. The project as a Raspberry Pi runs
# it, proved on this machine:
#
#   1. everything (library, seetls, robot programs, demos, slides, unit
#      suites) cross-compiled with -Werror for each of CROSS_ARCHS (default
#      "armhf arm64": Raspberry Pi OS 32-bit and 64-bit) into build/ARCH/;
#   2. file(1) on seetls and alex-server: ARM executables;
#   3. every unit suite of build/ARCH/tests run under qemu-user; on arm64
#      with QEMU's "max" CPU, which has the ARMv8 Cryptography Extensions,
#      and test_hw_paths once more with SEETLS_NO_ASM=1: its output must
#      say that the hardware paths (crypto/NAME_arm.c) were taken, then
#      forced off;
#   4. build/ARCH/slides all under qemu-user: the same checks and errata on
#      every architecture;
#   5. a handshake over loopback, both suites, a 32-bit ARM seetls server
#      and a 64-bit ARM seetls client (and the other way round), their CA
#      made by the 32-bit seetls ca (--days 36500: past 2^31 seconds).
#
# armhf programs are linked statically: qemu-user 7.2 crashes a dynamically
# linked armhf program as soon as it starts a thread. There is no
# binfmt_misc here, so every ARM program runs as "qemu-arm PROGRAM" and
# SEETLS_EMULATOR tells the suites (tests/run_suites.sh, test_alex_serial's
# simulator) to do the same. Ends with "test-cross: N passed, M failed"
# and fails if anything failed.
set -u
cd "$(dirname "$0")/../.." || exit 1

ARCHS=${CROSS_ARCHS:-armhf arm64}
JOBS=${CROSS_JOBS:-2}
mkdir -p build
COUNTS_FILE=$(pwd)/build/cross-counts
export COUNTS_FILE
rm -f "$COUNTS_FILE"
START=$(date +%s)
bad=""
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

say() { printf 'cross: %s\n' "$*"; }
since() { echo "$(($(date +%s) - $1)) s"; }
# record NAME OK: one result (OK 1: passed) into the totals
record() {
    if [ "$2" = 1 ]; then echo "1 0" >>"$COUNTS_FILE"; else
        echo "0 1" >>"$COUNTS_FILE"; bad="$bad $1"; say "FAILED: $1"; fi
}
# check NAME COMMAND...: run the command, record whether it succeeded
# (its output shown only if it failed)
check() {
    name=$1
    shift
    if "$@" >"$WORK/check.out" 2>&1; then record "$name" 1; else
        tail -n 20 "$WORK/check.out"; record "$name" 0; fi
}
matches() { printf '%s\n' "$1" | grep -q "$2"; }

triplet() { case $1 in armhf) echo arm-linux-gnueabihf ;; arm64) echo aarch64-linux-gnu ;; esac; }
emulator() { case $1 in armhf) echo qemu-arm ;; arm64) echo qemu-aarch64 ;; esac; }
link_flags() { case $1 in armhf) echo -static ;; *) echo "" ;; esac; }
file_says() { case $1 in armhf) echo "32-bit LSB.*ARM, EABI5" ;; arm64) echo "64-bit LSB.*ARM aarch64" ;; esac; }

for arch in $ARCHS; do
    if [ -z "$(triplet "$arch")" ]; then
        say "unknown architecture '$arch' (armhf, arm64)"
        exit 1
    fi
done

# 1, 2: the builds, their log in build/cross-ARCH.log. Static glibc warns
# that getaddrinfo would load the NSS libraries at run time: the one
# expected linker warning ("in function ...: Using 'getaddrinfo' in
# statically linked applications ..."), not shown when the build passes.
build_arch() {
    arch=$1 t=$(triplet "$1") log=build/cross-$1.log
    started=$(date +%s)
    make --no-print-directory -j"$JOBS" BUILD="build/$arch" CC="$t-gcc" AR="$t-ar" \
        EXTRA_LDFLAGS="$(link_flags "$arch")" all units >"$log" 2>&1
    rc=$?
    if [ $rc -ne 0 ]; then
        grep -v -e "^  \(CC\|LD\|AR\) " "$log"
        record "build $arch" 0
        return 1
    fi
    grep -v -e "^  \(CC\|LD\|AR\) " -e "^rm build/" -e ": in function \`" \
        -e "statically linked applications requires at runtime" "$log"
    say "$arch: built with $t-gcc -Werror $(link_flags "$arch") in $(since "$started")"
    record "build $arch" 1
    for prog in seetls alex-server; do
        what=$(file -b "build/$arch/$prog")
        say "  file build/$arch/$prog: $what"
        check "file: build/$arch/$prog is an $arch executable" \
            matches "$what" "$(file_says "$arch")"
    done
}

# 3: the unit suites under qemu-user. QEMU_CPU=max on arm64: the crypto
# extensions whatever QEMU's default CPU is (an empty QEMU_CPU would be
# read as a CPU named "", so it is set for arm64 only).
run_suites() {
    arch=$1
    started=$(date +%s)
    cpu=""
    [ "$arch" = arm64 ] && cpu=QEMU_CPU=max
    env $cpu SEETLS_EMULATOR="$(emulator "$arch")" tests/run_suites.sh \
        "build/$arch/tests" "unit suites ($arch, $(emulator "$arch"))" ||
        bad="$bad suites-$arch"
    say "$arch: unit suites in $(since "$started")"
}

# says_n FILE TEXT N: TEXT is on exactly N lines of FILE
says_n() { [ "$(grep -c "$2" "$1")" -eq "$3" ]; }

# 3, arm64: test_hw_paths with the hardware paths taken (all four: AES,
# PMULL, SHA-256, NEON), then with SEETLS_NO_ASM=1 (all four offered and
# forced off); its output in
# build/cross-hw-paths-arm64*.txt.
run_hw_paths() {
    out=build/cross-hw-paths-arm64
    QEMU_CPU=max qemu-aarch64 build/arm64/tests/test_hw_paths >"$out.txt" 2>&1
    check "test_hw_paths (arm64, crypto extensions) passes" [ $? -eq 0 ]
    check "test_hw_paths (arm64) took the four hardware paths" \
        says_n "$out.txt" "hardware path taken" 4
    QEMU_CPU=max SEETLS_NO_ASM=1 qemu-aarch64 build/arm64/tests/test_hw_paths \
        >"$out-no-asm.txt" 2>&1
    check "test_hw_paths (arm64, SEETLS_NO_ASM=1) passes" [ $? -eq 0 ]
    check "test_hw_paths (arm64, SEETLS_NO_ASM=1) forced the four off" \
        says_n "$out-no-asm.txt" "offered, forced off" 4
    grep -E '^  [a-z0-9-]+: ' "$out.txt" "$out-no-asm.txt" | sed 's/^/cross: /'
}

# 4: the slides' examples; what they check must not depend on the word size.
run_slides() {
    arch=$1 out=build/cross-slides-$1.txt
    started=$(date +%s)
    "$(emulator "$arch")" "build/$arch/slides" --svg "build/$arch/keysize.svg" all \
        >"$out" 2>&1
    rc=$?
    tail -n 1 "$out" | sed "s/^/cross: $arch: /"
    grep -E '^ +(checked|ERRATUM) ' "$out" >"build/cross-slides-$arch.checks"
    check "slides all ($arch) exits 0" [ $rc -eq 0 ]
    check "slides all ($arch) checks values" [ -s "build/cross-slides-$arch.checks" ]
    say "$arch: slides all in $(since "$started")"
}

for arch in $ARCHS; do
    build_arch "$arch" || continue
    run_suites "$arch"
    [ "$arch" = arm64 ] && run_hw_paths
    run_slides "$arch"
done

first=${ARCHS%% *}
last=${ARCHS##* }
if [ "$first" != "$last" ] && [ -s "build/cross-slides-$first.checks" ]; then
    check "slides: the same checks and errata on $first and $last" \
        cmp "build/cross-slides-$first.checks" "build/cross-slides-$last.checks"
fi

# 5: a handshake between the two builds, both ways, in suites that cover
# each key exchange and each record protection: ECDHE on x25519 (ten limbs
# on armhf meet five on arm64) with GCM and with ChaCha20-Poly1305, DHE
# with CBC, RSA key transport with GCM.
# The arm64 side with QEMU_CPU=max, as its suites: its AES and GHASH
# hardware paths meet the armhf side's portable code.
run_on() {
    arch=$1
    shift
    if [ "$arch" = arm64 ]; then
        QEMU_CPU=max qemu-aarch64 "build/$arch/seetls" "$@"
    else
        "$(emulator "$arch")" "build/$arch/seetls" "$@"
    fi
}

# handshake SERVER_ARCH CLIENT_ARCH SUITE: 64 KiB echoed intact (SUITE by
# OpenSSL's name, as --cipher takes it)
handshake() {
    rm -f "$WORK/srv.out"
    run_on "$1" server --port 0 --cert "$WORK/srv.crt" --key "$WORK/srv.key" --once --echo \
        --timeout 60000 >"$WORK/srv.out" 2>"$WORK/srv.err" &
    spid=$!
    i=0
    while ! grep -q '^[0-9]' "$WORK/srv.out" 2>/dev/null && [ $i -lt 300 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    port=$(head -n 1 "$WORK/srv.out")
    run_on "$2" client --connect "127.0.0.1:$port" --ca "$WORK/lab/ca.pem" \
        --servername robot.lab --cipher "$3" --idle 2000 --timeout 60000 \
        <"$WORK/data" >"$WORK/back" 2>"$WORK/cl.err"
    rc=$?
    [ $rc -eq 0 ] || kill $spid 2>/dev/null # it may wait for a connection yet
    wait $spid
    if [ $rc -eq 0 ] && cmp -s "$WORK/data" "$WORK/back"; then
        say "handshake: $1 server, $2 client, $3: 64 KiB echoed ($(grep -o 'TLS_[A-Z0-9_]*' "$WORK/cl.err" | head -n 1))"
        record "handshake $1 server, $2 client, $3" 1
    else
        tail -n 5 "$WORK/cl.err" "$WORK/srv.err"
        record "handshake $1 server, $2 client, $3" 0
    fi
}

if [ -x "build/$first/seetls" ] && [ -x "build/$last/seetls" ]; then
    started=$(date +%s)
    head -c 65536 /dev/urandom >"$WORK/data"
    # days * 86400 passes 2^31 at 24,856 days: a 32-bit long overflowed it.
    check "seetls ca init --days 36500 ($first)" run_on "$first" ca init \
        --dir "$WORK/lab" --name "Cross CA" --days 36500
    check "the CA is valid for 36500 days (openssl x509 -checkend)" openssl x509 \
        -in "$WORK/lab/ca.pem" -noout -checkend $((36499 * 86400))
    check "seetls ca issue ($first)" run_on "$first" ca issue --dir "$WORK/lab" \
        --name robot.lab --dns robot.lab --server --out-key "$WORK/srv.key" \
        --out-cert "$WORK/srv.crt"
    for suite in ECDHE-RSA-AES128-GCM-SHA256 ECDHE-RSA-CHACHA20-POLY1305 \
                 DHE-RSA-AES128-SHA256 AES128-GCM-SHA256; do
        handshake "$first" "$last" $suite
        [ "$first" != "$last" ] && handshake "$last" "$first" $suite
    done
    say "handshakes in $(since "$started")"
fi

say "all in $(since "$START")"
[ -n "$bad" ] && say "FAILED:$bad"
awk '{ p += $1; f += $2 } END { printf "test-cross: %d passed, %d failed\n", p, f }' \
    "$COUNTS_FILE"
[ -z "$bad" ]
