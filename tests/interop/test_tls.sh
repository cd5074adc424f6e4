#!/bin/sh
# test_tls.sh: our TLS 1.2 client and server against the openssl command
# line in both directions, for every suite, with and without the EMS and
# encrypt_then_mac extensions. Data must cross both ways, and the NSS key
# log lines (CLIENT_RANDOM RB master_secret) of both ends must be equal:
# both derived the same master secret from the same handshake. Then the
# refusals: an unknown CA, a wrong host name, a TLS 1.1 client, no common
# suite, each with its alert.
. "$(dirname "$0")/lib.sh"

cd "$WORK" || exit 1
# A CA and a server certificate for robot.lab, made with openssl.
make_openssl_ca_and_server
openssl req -x509 -newkey rsa:2048 -nodes -keyout other.key -out other.pem \
    -subj "/CN=Other CA" -days 30 2>/dev/null


# our server, openssl s_client
ours_serve() { # label "seetls-server-options" s_client-options...
    label=$1 sopts=$2
    shift 2
    rm -f ours.log theirs.log
    printf 'from our server\n' >srv.in
    start_seetls_server srv --cert srv.pem --key srv.key --keylog ours.log \
        $sopts <srv.in
    (printf 'from openssl\n'; sleep 1) | timeout 10 openssl s_client -tls1_2 \
        -connect "127.0.0.1:$PORT" -CAfile ca.pem -verify_return_error \
        -verify_hostname robot.lab -keylogfile theirs.log "$@" >cli.out 2>cli.err
    expect_eq "$label: s_client exit" 0 $?
    wait $SERVER_PID
    expect_eq "$label: seetls server exit" 0 $?
    expect_eq "$label: data to our server" "from openssl" "$(sed -n 2p srv.out)"
    expect_eq "$label: data to s_client" 1 "$(grep -c '^from our server$' cli.out)"
    expect_eq "$label: our key log line" 1 \
        "$(grep -cE '^CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}$' ours.log)"
    expect_eq "$label: same master secret" "$(cat ours.log)" \
        "$(grep CLIENT_RANDOM theirs.log)"
}

# openssl s_server -rev, our client
theirs_serve() { # label "s_server-options" seetls-client-options...
    label=$1 oopts=$2
    shift 2
    rm -f ours.log theirs.log
    start_openssl_server ss 10 -tls1_2 -cert srv.pem -key srv.key -rev \
        -naccept 1 -keylogfile theirs.log $oopts
    printf 'hello robot\n' | $SEETLS client --connect "127.0.0.1:$PORT" \
        --CAfile ca.pem --servername robot.lab --keylog ours.log --idle 500 \
        "$@" >c.out 2>c.err
    expect_eq "$label: seetls client exit" 0 $?
    expect_eq "$label: s_server's reversed echo" "tobor olleh" "$(cat c.out)"
    expect_eq "$label: our key log line" 1 \
        "$(grep -cE '^CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}$' ours.log)"
    expect_eq "$label: same master secret" "$(cat ours.log)" \
        "$(grep CLIENT_RANDOM theirs.log)"
    kill $SERVER_PID 2>/dev/null
    wait $SERVER_PID 2>/dev/null
}

# Every suite, by OpenSSL's name and ours (IANA's), both roles; EMS and
# EtM on and off (EtM is for CBC only: RFC 7366 3).
for pair in ECDHE-RSA-AES128-GCM-SHA256:TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 \
            ECDHE-RSA-CHACHA20-POLY1305:TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 \
            DHE-RSA-AES128-GCM-SHA256:TLS_DHE_RSA_WITH_AES_128_GCM_SHA256 \
            DHE-RSA-AES128-SHA256:TLS_DHE_RSA_WITH_AES_128_CBC_SHA256 \
            AES128-GCM-SHA256:TLS_RSA_WITH_AES_128_GCM_SHA256 \
            AES128-SHA256:TLS_RSA_WITH_AES_128_CBC_SHA256; do
    cipher=${pair%%:*} name=${pair#*:}
    ours_serve "our server, $cipher" "--cipher $cipher" -cipher $cipher
    ours_serve "our server, $cipher, no EMS/EtM" "--cipher $cipher --no-ems --no-etm" \
        -cipher $cipher
    expect_eq "our server, $cipher: suite used" 1 "$(grep -c "done: $name" srv.err)"
    expect_eq "s_client, $cipher: suite used" 1 \
        "$(grep -c "Cipher is $cipher\$" cli.out)"
    theirs_serve "s_server, $cipher" "-cipher $cipher" --cipher $cipher
    theirs_serve "s_server, $cipher, no EMS/EtM" "-cipher $cipher" --cipher $cipher \
        --no-ems --no-etm
    expect_eq "s_server, $cipher: suite used" 1 \
        "$(grep -c "Ciphersuite: $cipher" ss.out)"
done

# A server that asks for a client certificate (optional): our client
# answers with an empty Certificate (RFC 5246 7.4.6) and goes on.
for cipher in DHE-RSA-AES128-SHA256 AES128-SHA256; do
    start_openssl_server ss 10 -tls1_2 -cert srv.pem -key srv.key -rev \
        -naccept 1 -verify 1 -cipher $cipher
    printf 'hello robot\n' | $SEETLS client --connect "127.0.0.1:$PORT" \
        --CAfile ca.pem --servername robot.lab --idle 500 >c.out 2>c.err
    expect_eq "CertificateRequest, $cipher: exit" 0 $?
    expect_eq "CertificateRequest, $cipher: echo" "tobor olleh" "$(cat c.out)"
    wait $SERVER_PID 2>/dev/null
    expect_eq "CertificateRequest, $cipher: no client certificate" 1 \
        "$(grep -c 'No peer certificate' ss.out)"
done

# Refusals by our client. our_client_refuses LABEL CERT KEY SERVERNAME
# WORDS: openssl s_server with CERT and KEY, our client trusting ca.pem
# and asking for SERVERNAME: exit 1, one line of WORDS (its alert) in
# c.err; s_server's lines in ss.out
our_client_refuses() {
    start_openssl_server ss 10 -tls1_2 -cert "$2" -key "$3" -rev -naccept 1
    printf 'x' | $SEETLS client --connect "127.0.0.1:$PORT" --CAfile ca.pem \
        --servername "$4" >c.out 2>c.err
    expect_eq "$1: exit" 1 $?
    expect_eq "$1: alert" 1 "$(grep -c "$5" c.err)"
    wait $SERVER_PID 2>/dev/null
}

# An unknown CA: our client sends unknown_ca.
our_client_refuses "unknown CA" other.pem other.key robot.lab \
    'unknown issuer (no trusted CA signed it) (sent unknown_ca)'
expect_eq "unknown CA: s_server saw it" 1 "$(grep -c 'unknown ca' ss.out)"

# The wrong host name: bad_certificate.
our_client_refuses "wrong host" srv.pem srv.key robot.example \
    'host name mismatch (sent bad_certificate)'

# A TLS 1.1 client: protocol_version. No common suite: handshake_failure.
for case in "tls1_1|-tls1_1 -cipher DEFAULT@SECLEVEL=0|protocol_version" \
            "no common suite|-tls1_2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256|handshake_failure"; do
    label=${case%%|*}
    rest=${case#*|}
    opts=${rest%%|*}
    alert=${rest#*|}
    start_seetls_server srv --cert srv.pem --key srv.key </dev/null
    timeout 10 openssl s_client -connect "127.0.0.1:$PORT" $opts \
        </dev/null >cli.out 2>cli.err
    wait $SERVER_PID
    expect_eq "$label: our server's exit" 1 $?
    expect_eq "$label: alert sent" 1 "$(grep -c "(sent $alert)" srv.err)"
done

# The class demo: both suites complete; Eve's bit flip is bad_record_mac.
if [ -n "${BUILD_DIR:-}" ] && [ -x "$BUILD_DIR/demo-handshake" ]; then
    for suite in dhe rsa; do
        "$BUILD_DIR/demo-handshake" --kx $suite >demo.out 2>&1
        expect_eq "demo-handshake $suite: exit" 0 $?
        expect_eq "demo-handshake $suite: same keys" 1 \
            "$(grep -c 'same master secret on both sides: yes' demo.out)"
    done
    "$BUILD_DIR/demo-handshake" --tamper >demo.out 2>&1
    expect_eq "demo-handshake --tamper" 1 \
        "$(grep -c 'server: bad record MAC (sent alert bad_record_mac)' demo.out)"
fi

finish tls
