#!/bin/sh
# test_demo_determinism.sh: a seeded demo is the same every time, byte for
# byte, however busy the machine is. demo-handshake (each key exchange, as
# is, with --tamper, with --client-cert; ChaCha20-Poly1305; an ECDHE --html
# page) prints the same text, and
# demo-wireshark writes the same capture and key log, in 20 runs each while
# two busy loops compete for the processors. B and S run in lockstep
# (memory_pipe_lockstep, turned on by demo_pair_start), and each draws from
# its own seeded generator; without either, the order of the two sides'
# lines and the bytes of the capture vary from run to run. About 0.1 s a
# run (the two 2048-bit keys a demo makes from its seed): RUNS=N for fewer.
. "$(dirname "$0")/lib.sh"

RUNS=${RUNS:-20}
busy1= busy2=
stop_busy() {
    [ -n "$busy1" ] && kill "$busy1" 2>/dev/null
    [ -n "$busy2" ] && kill "$busy2" 2>/dev/null
    busy1= busy2=
}
trap 'stop_busy; [ -n "${KEEP_WORK:-}" ] || rm -rf "$WORK"' EXIT
trap 'exit 1' INT TERM
sh -c 'while :; do :; done' &
busy1=$!
sh -c 'while :; do :; done' &
busy2=$!

# same_every_time NAME COMMAND...: COMMAND's output (and the files it
# writes into $WORK/out) the same in every run
same_every_time() {
    name=$1
    shift
    differ=0
    i=0
    while [ $i -lt "$RUNS" ]; do
        rm -rf "$WORK/out"
        "$@" >"$WORK/run.txt" 2>&1
        [ -d "$WORK/out" ] && cat "$WORK/out"/* >>"$WORK/run.txt"
        if [ $i -eq 0 ]; then
            mv "$WORK/run.txt" "$WORK/first.txt"
        elif ! cmp -s "$WORK/first.txt" "$WORK/run.txt"; then
            differ=$((differ + 1))
            [ $differ -eq 1 ] && cp "$WORK/run.txt" "$WORK/differs.txt"
        fi
        i=$((i + 1))
    done
    if [ $differ -eq 0 ]; then pass; else
        fail "$name: $differ of $((RUNS - 1)) runs differ from the first" \
            "($(cmp "$WORK/first.txt" "$WORK/differs.txt" 2>&1 | sed 's/.*differ: //');" \
            "$(diff -a "$WORK/first.txt" "$WORK/differs.txt" | sed -n 2p | cut -c1-90 | tr -c '[:print:]\n' .))"
    fi
}

for kx in rsa dhe ecdhe; do
    same_every_time "demo-handshake --kx $kx" \
        "$BUILD_DIR/demo-handshake" --kx $kx --seed lockstep
    same_every_time "demo-handshake --kx $kx --tamper" \
        "$BUILD_DIR/demo-handshake" --kx $kx --seed lockstep --tamper
    same_every_time "demo-handshake --kx $kx --client-cert" \
        "$BUILD_DIR/demo-handshake" --kx $kx --seed lockstep --client-cert
    same_every_time "demo-wireshark --kx $kx" \
        "$BUILD_DIR/demo-wireshark" --kx $kx --seed lockstep --out "$WORK/out"
done
same_every_time "demo-handshake --cipher ECDHE-RSA-CHACHA20-POLY1305" \
    "$BUILD_DIR/demo-handshake" --cipher ECDHE-RSA-CHACHA20-POLY1305 --seed lockstep
# the --html page of an ECDHE run (AEAD records opened), byte for byte
same_every_time "demo-handshake --kx ecdhe --client-cert --html" \
    sh -c 'mkdir -p "$1/out" && exec "$2/demo-handshake" --kx ecdhe --client-cert \
        --seed lockstep --html "$1/out/page.html"' sh "$WORK" "$BUILD_DIR"
stop_busy

finish demo-determinism
