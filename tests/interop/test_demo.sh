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

# demo-wireshark: a capture that tshark reads as TLS 1.2 with no option
# (the robot on port 4433, found by Wireshark's TLS heuristic), and decrypts
# with the key log: the robot commands the demo sent, as data (on 443 they
# were handed to HTTP); each record one TCP segment, whole. CBC records
# (rsa, dhe) and AEAD ones (ecdhe: AES-128-GCM; chacha: ChaCha20-Poly1305
# on ECDHE), the same key log opening both.
for kx in dhe rsa ecdhe chacha; do
    rm -rf "$WORK/ws"
    case $kx in
    chacha) set -- --cipher ECDHE-RSA-CHACHA20-POLY1305 ;;
    *) set -- --kx $kx ;;
    esac
    "$BUILD_DIR/demo-wireshark" --out "$WORK/ws" "$@" >"$WORK/ws.out" 2>&1
    expect_eq "demo-wireshark $kx exits 0" 0 $?
    case $kx in
    ecdhe) suite=0xc02f ;;
    chacha) suite=0xcca8 ;;
    *) suite= ;;
    esac
    if [ -n "$suite" ]; then
        expect_eq "$kx: tshark reads the suite $suite from the ServerHello" "$suite" \
            "$(tshark -r "$WORK/ws/seetls.pcap" -Y 'tls.handshake.type == 2' -T fields \
                -e tls.handshake.ciphersuite 2>/dev/null | head -n 1)"
        expect_eq "$kx: tshark reads the curve x25519 from the ServerKeyExchange" 0x001d \
            "$(tshark -r "$WORK/ws/seetls.pcap" -Y 'tls.handshake.type == 12' -T fields \
                -e tls.handshake.server_named_curve 2>/dev/null | head -n 1)"
    fi
    tshark -r "$WORK/ws/seetls.pcap" -o "tls.keylog_file:$WORK/ws/keylog.txt" -Y tls \
        -T fields -e tls.record.version -e tls.handshake.type >"$WORK/ws.fields" 2>/dev/null
    grep -q '^0x0303' "$WORK/ws.fields" && pass || fail "$kx: tshark sees no TLS 1.2 record"
    types="1 2 11 14 16"
    [ $kx != rsa ] && types="$types 12"
    for type in $types; do
        grep -q "[[:space:]]$type\$" "$WORK/ws.fields" && pass ||
            fail "$kx: tshark does not see handshake type $type"
    done
    expect_eq "$kx: both Finished decrypted with the key log" 2 \
        "$(grep -c '[[:space:]]20$' "$WORK/ws.fields")"
    tshark -r "$WORK/ws/seetls.pcap" -o "tls.keylog_file:$WORK/ws/keylog.txt" -x \
        -Y tls.app_data >"$WORK/ws.data" 2>/dev/null
    grep -q 'f 50 75' "$WORK/ws.data" && pass || fail "$kx: the command is not decrypted"
    grep -q 'robot: done' "$WORK/ws.data" && pass || fail "$kx: the reply is not decrypted"
    expect_eq "$kx: the robot's port" 1 \
        "$(tshark -r "$WORK/ws/seetls.pcap" -Y 'tcp.dstport == 4433' -c 1 2>/dev/null | wc -l)"
    expect_eq "$kx: nothing decrypted shows as HTTP" 0 \
        "$(tshark -r "$WORK/ws/seetls.pcap" -o "tls.keylog_file:$WORK/ws/keylog.txt" \
            -Y http 2>/dev/null | wc -l)"
    tshark -r "$WORK/ws/seetls.pcap" -o "tls.keylog_file:$WORK/ws/keylog.txt" -Y data \
        -T fields -e data.data >"$WORK/ws.plain" 2>/dev/null
    grep -qx '66203530203735' "$WORK/ws.plain" && pass ||
        fail "$kx: the command 'f 50 75' is not shown as data"
    # Each segment that carries bytes holds whole records: its length is
    # the sum of its records' (5-byte header + length).
    tshark -r "$WORK/ws/seetls.pcap" -Y 'tcp.len > 0' -T fields -E aggregator=, \
        -e tcp.len -e tls.record.length >"$WORK/ws.segments" 2>/dev/null
    expect_eq "$kx: segments that are not whole records" 0 "$(awk -F'\t' '
        { n = split($2, r, ","); sum = 0
          for (i = 1; i <= n; i++) sum += r[i] + 5
          if (n == 0 || sum != $1) bad++ }
        END { print bad + 0 }' "$WORK/ws.segments")"
done

# demo-handshake: the sequence diagram as SVG and as one HTML page
"$BUILD_DIR/demo-handshake" --kx dhe --seed diagram --svg "$WORK/hs.svg" --html "$WORK/hs.html" \
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
grep '[BS]: *FINISHED MAC' "$WORK/hs.out" | awk '{print $4}' >"$WORK/macs"
expect_eq "two FINISHED MACs in the run" 2 "$(sort -u "$WORK/macs" | wc -l)"
while read -r mac; do
    grep -q "$mac" "$WORK/hs.flat" && pass || fail "the HTML lacks the FINISHED MAC $mac"
done <"$WORK/macs"
# seeded: the same lines from each side on every run
"$BUILD_DIR/demo-handshake" --kx dhe --seed diagram >"$WORK/hs2.out" 2>&1
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

# issue 15: demo-handshake shows the checks (the certificate, the signature
# over the DH values, the peer's Finished, each record's MAC with its
# sequence number), what each side received from the other, RSA key
# transport as the slides draw it (the default), the data phase as arrows
# with the robot's reply, the closing alerts, the slides' topics. Line by
# line: the two sides' lines may interleave.
has() { # FILE BASIC-REGEX WHAT
    grep -q -- "$2" "$1" && pass || fail "$3"
}
"$BUILD_DIR/demo-handshake" --seed checks >"$WORK/rsa.out" 2>&1
expect_eq "demo-handshake, no --kx: exits 0" 0 $?
has "$WORK/rsa.out" '^suite TLS_RSA_WITH_AES_128_CBC_SHA256;' "the default key exchange is not RSA"
has "$WORK/rsa.out" '^B:     CERTIFICATE CHECK$' "B shows no CERTIFICATE CHECK"
has "$WORK/rsa.out" '^       signed by CN=Demo CA (Charlie), valid until 20[0-9-]*, valid for robot\.lab: good$' \
    "the certificate check does not say by whom, until when, for which name"
has "$WORK/rsa.out" '^B:     PS                 0303' "B makes no PS starting 03 03"
has "$WORK/rsa.out" "^       PS made: 03 03 (the version offered) + 46 random bytes (the slides' 368 bits)\$" \
    "PS made is not explained"
has "$WORK/rsa.out" '^B:     ENCRYPTED PS       [0-9a-f]*\.\.\. (256 bytes)$' "no ENCRYPTED PS of 256 bytes"
has "$WORK/rsa.out" '^       c = PS^e mod n: the 48-byte PS padded to 256 bytes (PKCS#1 v1\.5), n is 2048 bits, e = 65537$' \
    "no c = PS^e mod n with its sizes"
has "$WORK/rsa.out" '^ *S: received ENCRYPTED PS (256 bytes)$' "S does not say it received c"
has "$WORK/rsa.out" '^ *PS = c^d mod n: decrypted with our private key d$' "S does not decrypt PS"
has "$WORK/rsa.out" '^ *S: received RB (32 bytes)$' "S does not show what it received (RB)"
has "$WORK/rsa.out" '^B: received RS (32 bytes)$' "B does not show what it received (RS)"
has "$WORK/rsa.out" '^B: received CERTIFICATE ([0-9]* bytes)$' "B does not show the certificate received"
for side in '' ' *'; do
    has "$WORK/rsa.out" "^$side[BS]:     FINISHED CHECK     [0-9a-f]\{24\}\$" "a side compares no Finished"
done
has "$WORK/rsa.out" "^       our PRF(master, its label, handshake hash)\[0\.\.11\] = the verify_data received: good\$" \
    "B's Finished check does not say good"
has "$WORK/rsa.out" "^ \{27\}our PRF(master, its label, handshake hash)\[0\.\.11\] = the verify_data received: good\$" \
    "S's Finished check does not say good"
has "$WORK/rsa.out" '^B: sends "forward 10 cm" (application data, protected)$' "B sends no command"
has "$WORK/rsa.out" '^  B |---- "forward 10 cm" -*>| S$' "no arrow B->S for the command"
has "$WORK/rsa.out" '^ *S: received "forward 10 cm"$' "S does not receive the command"
has "$WORK/rsa.out" '^ *S: sends "ok: moving forward 10 cm" (application data, protected)$' "S sends no reply"
has "$WORK/rsa.out" '^  B |<---- "ok: moving forward 10 cm" -*| S$' "no arrow S->B for the reply"
has "$WORK/rsa.out" '^B: received "ok: moving forward 10 cm"$' "B does not receive the reply"
has "$WORK/rsa.out" '^ *S:     MAC CHECK          0000000000000001$' "S checks no MAC with seq 1"
has "$WORK/rsa.out" '^ *seq 1: HMAC-SHA256(I_B, seq + header + IV + ciphertext) = its MAC: good$' \
    "S's MAC check of the command does not say good"
has "$WORK/rsa.out" '^B:     MAC CHECK          0000000000000001$' "B checks no MAC with seq 1"
has "$WORK/rsa.out" '^       seq 1: HMAC-SHA256(I_S, seq + header + IV + ciphertext) = its MAC: good$' \
    "B's MAC check of the reply does not say good"
has "$WORK/rsa.out" '^  B |<---- close_notify alert -*| S$' "S's close_notify is not drawn as an alert"
has "$WORK/rsa.out" '^  B |---- close_notify alert -*>| S$' "B's close_notify is not drawn as an alert"
has "$WORK/rsa.out" '^B: received the close_notify alert$' "B does not name the alert it received"
has "$WORK/rsa.out" '^\[slides: Premaster Secret PS, sent encrypted (RSA)\]$' "no slide topic for PS"
has "$WORK/rsa.out" '^\[slides: Certificate Authorities\]$' "no slide topic for the certificate"
has "$WORK/rsa.out" '^ *\[slides: FINISHED\]$' "no slide topic for FINISHED"
has "$WORK/rsa.out" "^the command and the robot's reply crossed protected: yes\$" "the summary lacks the data phase"
"$BUILD_DIR/demo-handshake" --seed checks --kx dhe >"$WORK/dhe.out" 2>&1
expect_eq "demo-handshake --kx dhe: exits 0" 0 $?
has "$WORK/dhe.out" '^B:     SIGNATURE CHECK    [0-9a-f]*\.\.\. (32 bytes)$' "B checks no signature over the DH values"
has "$WORK/dhe.out" "^       SHA-256(RB || RS || p, g, Ys), signed by the certificate's key: good\$" \
    "the signature check does not say what was signed"
has "$WORK/dhe.out" "^ *the server's public value g^a mod p, the slides' A\$" "Ys is not the slides' A"
has "$WORK/dhe.out" "^       the client's public value g^b mod p, the slides' B\$" "Yc is not the slides' B"
has "$WORK/dhe.out" '^B: received Ys (256 bytes)$' "B does not show Ys received"
"$BUILD_DIR/demo-handshake" --seed checks --suite dhe >"$WORK/alias.out" 2>&1
expect_eq "demo-handshake --suite, the old name: exits 0" 0 $?
has "$WORK/alias.out" '^suite TLS_DHE_RSA_WITH_AES_128_CBC_SHA256;' "--suite dhe no longer taken"
"$BUILD_DIR/demo-handshake" --help >"$WORK/help.out" 2>&1
has "$WORK/help.out" '\[--kx rsa|dhe|ecdhe\]' "--help does not name --kx"
# ECDHE: the curve named, Ys = a*G and Yc = b*G as the slides' A and B
"$BUILD_DIR/demo-handshake" --seed checks --kx ecdhe >"$WORK/ecdhe.out" 2>&1
expect_eq "demo-handshake --kx ecdhe: exits 0" 0 $?
has "$WORK/ecdhe.out" '^B: received curve (3 bytes)$' "B does not show the curve received"
has "$WORK/ecdhe.out" "^       SHA-256(RB || RS || curve, Ys), signed by the certificate's key: good\$" \
    "the ECDHE signature check does not say what was signed"
has "$WORK/ecdhe.out" "^ *the server's public value Ys = a\\*G on Curve25519 (the slides' A = g^a mod p)\$" \
    "Ys is not a*G, the slides' A"
has "$WORK/ecdhe.out" '^B: received Ys (32 bytes)$' "B does not show Ys received"
has "$WORK/ecdhe.out" '^suite TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256; same master secret on both sides: yes$' \
    "--kx ecdhe: not the ECDHE suite, or not the same master secret"
grep -q -- '--suite' "$WORK/help.out" && fail "--help still names --suite" || pass
"$BUILD_DIR/demo-handshake" --seed checks --tamper >"$WORK/tamper.out" 2>&1
has "$WORK/tamper.out" '^ *S:     MAC CHECK          0000000000000000$' "--tamper: S's MAC CHECK of seq 0 missing"
has "$WORK/tamper.out" '^ *seq 0: HMAC-SHA256(I_B, seq + header + IV + ciphertext) != its MAC: FAILED (bad_record_mac)$' \
    "--tamper: the failing MAC CHECK is not shown"
has "$WORK/tamper.out" '^  B |<---- bad_record_mac alert -*| S$' "--tamper: no bad_record_mac alert arrow"
has "$WORK/tamper.out" '^B: received the bad_record_mac alert$' "--tamper: B does not name the alert"
"$BUILD_DIR/demo-handshake" --seed checks --client-cert >"$WORK/cc.out" 2>&1
has "$WORK/cc.out" '^ *S:     CERTIFICATE CHECK$' "--client-cert: S checks no certificate"
has "$WORK/cc.out" '^ *signed by CN=Demo CA (Charlie), valid until 20[0-9-]*, valid for a TLS client: good$' \
    "--client-cert: S's certificate check does not say good"
has "$WORK/cc.out" "^ *SHA-256(handshake so far), signed by the client certificate's key: good\$" \
    "--client-cert: S does not check the CertificateVerify signature"

# demo-handshake across two processes over TCP (--listen / --connect)
# --listen 0: the kernel picks the port, and the listening side says which
"$BUILD_DIR/demo-handshake" --kx dhe --seed two --listen 0 >"$WORK/l.out" 2>&1 &
LPID=$!
i=0
while ! grep -q 'waiting for the browser on port [1-9]' "$WORK/l.out" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
DPORT=$(sed -n 's/.*waiting for the browser on port \([0-9]*\).*/\1/p' "$WORK/l.out" | head -1)
"$BUILD_DIR/demo-handshake" --kx dhe --seed two --connect "127.0.0.1:$DPORT" >"$WORK/c.out" 2>&1
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
