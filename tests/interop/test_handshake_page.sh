#!/bin/sh
# demo-handshake --html: the page of one seeded run, for RSA and DHE, with a
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
change_cipher_spec protected.IV protected.ciphertext protected.MAC protected.padding_length
Finished.verify_data alert.level alert.description"
RSA="ClientKeyExchange.encrypted_pre_master_secret application_data"
DHE="supported_groups.group ServerKeyExchange.dh_p ServerKeyExchange.dh_g
ServerKeyExchange.dh_Ys ServerKeyExchange.signature ClientKeyExchange.dh_Yc application_data"
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

page rsa "$RSA" "" --kx rsa
page dhe "$DHE" "" --kx dhe
page mutual "$DHE $MUTUAL" "" --kx dhe --client-cert
page tamper "" --tamper --kx rsa --tamper

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
