#!/bin/sh
# run_class.sh BUILD_DIR: every class program, run straight through (no
# pauses, plain text), to check before a lecture that all of them work.
# Exits non-zero if any fails.
set -u
build=${1:-build}
failed=""

run() { # NAME COMMAND...
    name=$1
    shift
    printf '\n######## %s ########\n\n' "$name"
    "$@" </dev/null || failed="$failed $name"
}

run "slides: every example of the lecture" "$build/slides" all
run "demo-keys: RB, RS, PS -> I_B, I_S, C_B, C_S" "$build/demo-keys" --seed class
run "demo-handshake: RSA" "$build/demo-handshake" --kx rsa
run "demo-handshake: DHE" "$build/demo-handshake" --kx dhe
run "demo-handshake: Eve tampers" "$build/demo-handshake" --tamper
run "demo-wireshark" "$build/demo-wireshark" --out "$build/class/wireshark" --seed class
run "demo-weak-dh: Eve breaks a tiny Diffie-Hellman group" "$build/demo-weak-dh" --seed class --max-seconds 3
run "demo-forward-secrecy: RSA vs DHE after the key leaks" "$build/demo-forward-secrecy" --seed class

echo
if [ -n "$failed" ]; then
    echo "make class: FAILED:$failed"
    exit 1
fi
echo "make class: every class program ran"
