#!/bin/sh
# demo-handshake --html: the page of one seeded run, for RSA and DHE (CBC
# records), ECDHE (AES-128-GCM and ChaCha20-Poly1305 records), with a
# client certificate, and with Eve's flipped bit. Every byte of every record
# is in exactly one annotated leaf, the page is well-formed HTML, the fields
# of each message are named, and --tamper shows the failing MAC
# (page_check.py says what it checks).
. "$(dirname "$0")/lib.sh"
: "${BUILD_DIR:?BUILD_DIR must name the build folder}"
DEMO="$BUILD_DIR/demo-handshake"
CHECK="$(dirname "$0")/page_check.py"

# The fields every run's page names (the record layer, the hellos and their
# extensions, the certificate to its top-level fields, the Finished, the
# protected records opened, the closing alerts).
COMMON="record.content_type record.version record.length handshake.msg_type handshake.length
ClientHello.client_version ClientHello.random ClientHello.session_id_length
ClientHello.cipher_suites_length ClientHello.cipher_suite ClientHello.compression_method
extensions.length server_name.type server_name.host_name signature_algorithms.pair
extended_master_secret.type encrypt_then_mac.type renegotiation_info.type
ServerHello.server_version ServerHello.random ServerHello.cipher_suite
Certificate.certificate_list_length Certificate.certificate_length
tbsCertificate.version tbsCertificate.serialNumber tbsCertificate.signature.OID
tbsCertificate.issuer.OID tbsCertificate.validity.UTCTime subjectPublicKeyInfo.n
subjectPublicKeyInfo.e tbsCertificate.extensions.OID Certificate.signatureValue
change_cipher_spec protected.ciphertext alert.level alert.description"
# B's Finished, opened (an AEAD record Eve changed is never decrypted)
FIN="Finished.verify_data"
# the records of a CBC suite (MAC-then-encrypt), of GCM (RFC 5288), of
# ChaCha20-Poly1305 (RFC 7905: no explicit nonce)
CBC="protected.IV protected.MAC protected.padding_length"
GCM="protected.nonce_explicit protected.tag"
CHACHA="protected.tag"
RSA="ClientKeyExchange.encrypted_pre_master_secret application_data"
DHE="supported_groups.group ServerKeyExchange.dh_p ServerKeyExchange.dh_g
ServerKeyExchange.dh_Ys ServerKeyExchange.signature ClientKeyExchange.dh_Yc application_data"
ECDHE="supported_groups.group ServerKeyExchange.curve_type ServerKeyExchange.namedcurve
ServerKeyExchange.point ServerKeyExchange.signature ClientKeyExchange.ecdh_Yc application_data"
MUTUAL="CertificateRequest.certificate_type CertificateRequest.signature_algorithm
CertificateVerify.signature"

# page NAME EXTRA_FIELDS CHECK_OPTION DEMO_OPTIONS...
page() {
    name=$1 extra=$2 option=$3
    shift 3
    "$DEMO" --seed "page test" --html "$WORK/$name.html" "$@" >"$WORK/$name.out" 2>&1
    expect_eq "demo-handshake $* --html exits 0" 0 $?
    set --
    for field in $COMMON $extra; do set -- "$@" --field "$field"; done
    python3 "$CHECK" "$WORK/$name.html" $option "$@" >"$WORK/$name.check" 2>&1 &&
        pass || fail "$name: $(head -n 5 "$WORK/$name.check")"
    if command -v xmllint >/dev/null 2>&1; then
        xmllint --html --noout "$WORK/$name.html" 2>"$WORK/$name.lint" && [ ! -s "$WORK/$name.lint" ] &&
            pass || fail "$name: xmllint: $(head -n 3 "$WORK/$name.lint")"
    fi
    # the page is this run's: B's random as the terminal printed it
    rb=$(grep '^ *B: *RB ' "$WORK/$name.out" | head -n 1 | awk '{print $3}' | sed 's/\.\.\.//')
    rb_spaced=$(printf '%s' "$rb" | sed 's/../& /g; s/ $//')
    [ -n "$rb" ] && grep -q "$rb_spaced" "$WORK/$name.html" && pass ||
        fail "$name: the page does not show this run's RB ($rb)"
}

page rsa "$RSA $CBC $FIN" "" --kx rsa
page dhe "$DHE $CBC $FIN" "" --kx dhe
page mutual "$DHE $MUTUAL $CBC $FIN" "" --kx dhe --client-cert
page tamper "$CBC $FIN" --tamper --kx rsa --tamper
page ecdhe "$ECDHE $GCM $FIN" "" --kx ecdhe
page chacha "$ECDHE $CHACHA $FIN" "" --cipher ECDHE-RSA-CHACHA20-POLY1305
page ecdhemutual "$ECDHE $MUTUAL $GCM $FIN" "" --kx ecdhe --client-cert
page ecdhetamper "$GCM" --tamper --kx ecdhe --tamper
page chachatamper "$CHACHA" --tamper --cipher ECDHE-RSA-CHACHA20-POLY1305 --tamper

# an AEAD record's page: the nonce as the receiver builds it from IV_B or
# IV_S, the additional data, the tag checked before anything is decrypted
for name in ecdhe chacha; do
    for text in 'href="#IV_B"' 'href="#IV_S"' 'additional data = seq' 'data-check="tag" data-good="1"'; do
        grep -q "$text" "$WORK/$name.html" && pass || fail "$name page: no $text"
    done
done
# the nonce of S's first record, as built: GCM IV_S(4) + nonce_explicit
# (seq 0); ChaCha20 IV_S(12) XOR seq 0 = IV_S
nonce_of_first() { # PAGE: the first nonce S built (for its Finished)
    grep -o 'nonce = <a href="#IV_S">[^"]*</a>[^<]*<code class="hex">[^<]*' "$1" | head -n 1 |
        sed 's/.*<code class="hex">//' | tr -d ' '
}
iv_of() { # PAGE NAME: the value NAME's bytes in hex
    grep -o "id=\"$2\">.*" "$1" | head -n 1 | sed 's/<\/code>.*//; s/.*<code class="hex">//' | tr -d ' '
}
expect_eq "GCM: S's first nonce is IV_S + 8 zero bytes" \
    "$(iv_of "$WORK/ecdhe.html" IV_S)0000000000000000" "$(nonce_of_first "$WORK/ecdhe.html")"
expect_eq "ChaCha20: S's first nonce is IV_S (XOR seq 0)" \
    "$(iv_of "$WORK/chacha.html" IV_S)" "$(nonce_of_first "$WORK/chacha.html")"

# Over TCP (--listen on one machine, --connect on another, the same seed):
# each side writes the page of what it saw, both directions, as a class
# splitting B and S across two terminals gets it; with --tamper B's page
# shows its Finished changed by Eve and S's alert.
tcp_pages() { # NAME OPTIONS...
    name=$1
    shift
    "$DEMO" --listen 0 --seed "page test" --html "$WORK/$name-s.html" "$@" \
        >"$WORK/$name-s.out" 2>&1 &
    spid=$!
    wait_for "$WORK/$name-s.out" "on port [0-9]" || fail "$name: S did not say its port"
    sport=$(sed -n 's/.*on port \([0-9][0-9]*\).*/\1/p' "$WORK/$name-s.out")
    "$DEMO" --connect "127.0.0.1:$sport" --seed "page test" --html "$WORK/$name-c.html" "$@" \
        >"$WORK/$name-c.out" 2>&1
    wait "$spid"
}
tcp_pages tcp --kx dhe
for side in c s; do
    python3 "$CHECK" "$WORK/tcp-$side.html" --field ServerKeyExchange.dh_Ys \
        --field protected.MAC >"$WORK/tcp-$side.check" 2>&1 &&
        pass || fail "tcp page ($side): $(head -n 5 "$WORK/tcp-$side.check")"
done
tcp_pages tcptamper --kx rsa --tamper
python3 "$CHECK" "$WORK/tcptamper-c.html" --tamper >"$WORK/tcptamper.check" 2>&1 &&
    pass || fail "tcp --tamper page (B): $(head -n 5 "$WORK/tcptamper.check")"
grep -q 'class="bad"' "$WORK/tcptamper-s.html" && pass ||
    fail "tcp --tamper page (S): no failing MAC shown"

# seeded: the same page, byte for byte, run after run (each in a folder of
# its own, so that the command the page quotes is the same)
for run in 1 2 3; do
    mkdir -p "$WORK/run$run"
    (cd "$WORK/run$run" && "$DEMO" --seed "page test" --kx dhe --client-cert --html page.html \
        >/dev/null 2>&1)
done
expect_same_file "seeded --html: the same page twice" "$WORK/run1/page.html" "$WORK/run2/page.html"
expect_same_file "seeded --html: the same page thrice" "$WORK/run1/page.html" "$WORK/run3/page.html"

finish handshake_page
