#!/bin/sh
# The key-derivation demo: reproducible with --seed, announces its insecure
# mode, and its keys are what seetls prf and openssl kdf derive from the PS,
# RB and RS it printed.
. "$(dirname "$0")/lib.sh"
: "${BUILD_DIR:?BUILD_DIR must name the build folder}"
DEMO="$BUILD_DIR/demo-keys"

"$DEMO" --seed 42 >"$WORK/a" 2>&1; expect_eq "seeded demo exits 0" 0 $?
"$DEMO" --seed 42 >"$WORK/b" 2>&1
expect_same_file "same seed, same output" "$WORK/a" "$WORK/b"
"$DEMO" --seed 43 >"$WORK/c" 2>&1
cmp -s "$WORK/a" "$WORK/c" && fail "different seeds gave the same output" || pass
grep -q 'INSECURE DEMO MODE' "$WORK/a" && pass || fail "seeded mode not announced"
"$DEMO" >"$WORK/d" 2>&1; expect_eq "unseeded demo exits 0" 0 $?
grep -q 'INSECURE' "$WORK/d" && fail "unseeded run claims to be seeded" || pass
grep -q 'MAC good' "$WORK/a" && pass || fail "record not accepted"
grep -q 'refused: the server now expects sequence number 1' "$WORK/a" && pass || fail "replay not refused"

# value NAME: the hex printed for NAME, continuation lines joined
value() {
    awk -v name="$1" '
        $1 == name && $2 == "(" { hex = $5; grab = 1; next }
        $1 == name && $2 ~ /^\(/ { hex = $4; grab = 1; next }
        grab && NF == 1 && $1 ~ /^[0-9a-f]+$/ { hex = hex $1; next }
        { grab = 0 }
        END { print hex }' "$WORK/a"
}
ps=$(value PS); rb=$(value RB); rs=$(value RS)
expect_eq "PS is 48 bytes starting 0303" "0303" "$(printf '%s' "$ps" | cut -c1-4)"
expect_eq "PS length" 96 "${#ps}"
ms=$("$SEETLS" prf --secret "$ps" --label "master secret" --seed "$rb$rs" --length 48)
expect_eq "master secret" "$ms" "$(value MS)"
block=$("$SEETLS" prf --secret "$ms" --label "key expansion" --seed "$rs$rb" --length 96)
expect_eq "I_B" "$(printf '%s' "$block" | cut -c1-64)" "$(value I_B)"
expect_eq "I_S" "$(printf '%s' "$block" | cut -c65-128)" "$(value I_S)"
expect_eq "C_B" "$(printf '%s' "$block" | cut -c129-160)" "$(value C_B)"
expect_eq "C_S" "$(printf '%s' "$block" | cut -c161-192)" "$(value C_S)"
theirs=$(openssl kdf -keylen 96 -kdfopt digest:SHA256 -kdfopt hexsecret:"$ms" \
    -kdfopt hexseed:"$(printf 'key expansion' | od -An -tx1 | tr -d ' \n')$rs$rb" TLS1-PRF |
    tr -d ':\n' | tr 'A-F' 'a-f')
expect_eq "key block agrees with openssl kdf" "$theirs" "$block"

# make demo: the real handshake on loopback, traced in the slides' names
sh "$(dirname "$0")/../../demos/run_demo.sh" "$BUILD_DIR" >"$WORK/live" 2>&1
expect_eq "make demo's handshake exits 0" 0 $?
for name in RB RS CERTIFICATE PS "MASTER SECRET" I_B I_S C_B C_S "FINISHED MAC" SEQ; do
    grep -q "^ *[0-9]* [a-z]* $name " "$WORK/live" && pass || fail "make demo shows no $name"
done
grep -q "directions' keys: Hello, server: this is the browser." "$WORK/live" && pass ||
    fail "the echo did not come back"

# demo-wireshark: a capture that tshark reads as TLS 1.2, and decrypts with
# the key log (the application data: the robot commands the demo sent)
for suite in dhe rsa; do
    rm -rf "$WORK/ws"
    "$BUILD_DIR/demo-wireshark" --out "$WORK/ws" --suite $suite >"$WORK/ws.out" 2>&1
    expect_eq "demo-wireshark $suite exits 0" 0 $?
    tshark -r "$WORK/ws/seetls.pcap" -o "tls.keylog_file:$WORK/ws/keylog.txt" -Y tls \
        -T fields -e tls.record.version -e tls.handshake.type >"$WORK/ws.fields" 2>/dev/null
    grep -q '^0x0303' "$WORK/ws.fields" && pass || fail "$suite: tshark sees no TLS 1.2 record"
    types="1 2 11 14 16"
    [ $suite = dhe ] && types="$types 12"
    for type in $types; do
        grep -q "[[:space:]]$type\$" "$WORK/ws.fields" && pass ||
            fail "$suite: tshark does not see handshake type $type"
    done
    expect_eq "$suite: both Finished decrypted with the key log" 2 \
        "$(grep -c '[[:space:]]20$' "$WORK/ws.fields")"
    tshark -r "$WORK/ws/seetls.pcap" -o "tls.keylog_file:$WORK/ws/keylog.txt" -x \
        -Y tls.app_data >"$WORK/ws.data" 2>/dev/null
    grep -q 'f 50 75' "$WORK/ws.data" && pass || fail "$suite: the command is not decrypted"
    grep -q 'robot: done' "$WORK/ws.data" && pass || fail "$suite: the reply is not decrypted"
done

# demo-handshake: the sequence diagram as SVG and as one HTML page
"$BUILD_DIR/demo-handshake" --suite dhe --seed diagram --svg "$WORK/hs.svg" --html "$WORK/hs.html" \
    >"$WORK/hs.out" 2>&1
expect_eq "demo-handshake --svg --html exits 0" 0 $?
xmllint --noout "$WORK/hs.svg" && pass || fail "the SVG is not well-formed XML"
for m in ClientHello ServerHello Certificate ServerKeyExchange ServerHelloDone \
         ClientKeyExchange CHANGE_CIPHER_SPEC Finished; do
    grep -q ">$m</text>" "$WORK/hs.svg" && pass || fail "the SVG does not name $m"
    grep -q "  B |.* $m " "$WORK/hs.out" && pass || fail "the terminal diagram does not draw $m"
done
# the page shows hex with a space between bytes: compare without
tr -d ' ' <"$WORK/hs.html" >"$WORK/hs.flat"
for name in RB RS; do
    value=$(grep "^[ ]*[BS]: *$name " "$WORK/hs.out" | head -n 1 | awk '{print $3}' | sed 's/\.\.\.//')
    [ -n "$value" ] && grep -q "$value" "$WORK/hs.flat" && pass || fail "the HTML lacks $name"
done
grep 'FINISHED MAC' "$WORK/hs.out" | awk '{print $4}' >"$WORK/macs"
expect_eq "two FINISHED MACs in the run" 2 "$(sort -u "$WORK/macs" | wc -l)"
while read -r mac; do
    grep -q "$mac" "$WORK/hs.flat" && pass || fail "the HTML lacks the FINISHED MAC $mac"
done <"$WORK/macs"
# seeded: the same lines from each side on every run
"$BUILD_DIR/demo-handshake" --suite dhe --seed diagram >"$WORK/hs2.out" 2>&1
for side in B S; do
    grep "^ *$side: " "$WORK/hs.out" >"$WORK/a.$side"
    grep "^ *$side: " "$WORK/hs2.out" >"$WORK/b.$side"
    expect_same_file "seeded demo-handshake: $side's lines repeat" "$WORK/a.$side" "$WORK/b.$side"
done

# --kx and --client-cert: mutual authentication in the diagram
"$BUILD_DIR/demo-handshake" --kx rsa --client-cert >"$WORK/mutual.out" 2>&1
expect_eq "demo-handshake --client-cert exits 0" 0 $?
for m in CertificateRequest CertificateVerify; do
    grep -q "  B |.* $m " "$WORK/mutual.out" && pass || fail "--client-cert: no $m arrow"
done

# demo-handshake across two processes over TCP (--listen / --connect)
# --listen 0: the kernel picks the port, and the listening side says which
"$BUILD_DIR/demo-handshake" --suite dhe --seed two --listen 0 >"$WORK/l.out" 2>&1 &
LPID=$!
i=0
while ! grep -q 'waiting for the browser on port [1-9]' "$WORK/l.out" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
DPORT=$(sed -n 's/.*waiting for the browser on port \([0-9]*\).*/\1/p' "$WORK/l.out" | head -1)
"$BUILD_DIR/demo-handshake" --suite dhe --seed two --connect "127.0.0.1:$DPORT" >"$WORK/c.out" 2>&1
expect_eq "demo-handshake --connect exits 0" 0 $?
wait $LPID
expect_eq "demo-handshake --listen exits 0" 0 $?
grep -q 'S: received "forward 10 cm"' "$WORK/l.out" && pass || fail "the listening side got no command"
grep -q '^B: *FINISHED MAC' "$WORK/c.out" && pass || fail "the connecting side shows no FINISHED MAC"

# make class: every class program, straight through
sh "$(dirname "$0")/../../demos/run_class.sh" "$BUILD_DIR" >"$WORK/class.out" 2>&1
expect_eq "make class exits 0" 0 $?
grep -q 'make class: every class program ran' "$WORK/class.out" && pass || fail "make class did not finish"

finish demo
