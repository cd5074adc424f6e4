#!/bin/sh
# test_ecdhe.sh: ECDHE_RSA on x25519 (RFC 8422, RFC 7748) against the
# openssl command line and curl, both roles, data both ways:
# for each ECDHE suite (ECDHE-RSA-AES128-GCM-SHA256, ECDHE-RSA-CHACHA20-POLY1305):
#  - openssl s_client -groups X25519 against seetls server --kx ecdhe: the
#    suite, "Server Temp Key: X25519", one master secret (the key logs);
#  - seetls client --kx ecdhe against openssl s_server -groups X25519: the
#    same, and our trace's names (curve, Ys, Yc, PS: 32 bytes);
#  - curl (its OpenSSL offers the suite) fetches our --www page;
#  - s_client offering both: our server picks ChaCha20 without AES
#    instructions (SEETLS_NO_ASM=1), AES-GCM with them;
#  - the refusals: s_client listing only P-256 to our ECDHE-only server
#    gets handshake_failure, and our server says why; s_server in P-256 is
#    not agreed with by our client, which lists x25519 only (s_server, with
#    no curve in common, closes the connection: OpenSSL 3.0 sends no
#    alert there).
. "$(dirname "$0")/lib.sh"

cd "$WORK" || exit 1
make_openssl_ca_and_server
for pair in ECDHE-RSA-AES128-GCM-SHA256:TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 \
            ECDHE-RSA-CHACHA20-POLY1305:TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256; do
    cipher=${pair%%:*} suite=${pair#*:}

    # our server, openssl s_client
    rm -f ours.log theirs.log
    printf 'from our server\n' >srv.in
    start_seetls_server srv --cert srv.pem --key srv.key --once --kx ecdhe \
        --keylog ours.log <srv.in
    (printf 'from openssl\n'; sleep 1) | timeout 20 openssl s_client -tls1_2 \
        -connect "127.0.0.1:$PORT" -CAfile ca.pem -servername robot.lab \
        -cipher $cipher -groups X25519 -keylogfile theirs.log >cli.out 2>cli.err
    expect_eq "$cipher: s_client -groups X25519: exit" 0 $?
    wait "$SERVER_PID"
    expect_eq "$cipher: s_client -groups X25519: seetls server exit" 0 $?
    expect_eq "$cipher: s_client: the suite" 1 "$(grep -c "Cipher is $cipher" cli.out)"
    expect_eq "$cipher: s_client: the curve" 1 "$(grep -c 'Server Temp Key: X25519, 253 bits' cli.out)"
    expect_eq "$cipher: s_client: data to our server" "from openssl" "$(sed -n 2p srv.out)"
    expect_eq "$cipher: s_client: data from our server" 1 "$(grep -c '^from our server$' cli.out)"
    expect_eq "$cipher: s_client: one master secret" "$(cat ours.log)" \
        "$(grep CLIENT_RANDOM theirs.log)"

    # our client, openssl s_server
    rm -f ours.log theirs.log
    start_openssl_server ss 20 -tls1_2 -cert srv.pem -key srv.key -rev \
        -naccept 1 -cipher $cipher -groups X25519 -keylogfile theirs.log
    printf 'hello robot\n' | "$SEETLS" client --connect "127.0.0.1:$PORT" \
        --CAfile ca.pem --servername robot.lab --kx ecdhe --keylog ours.log \
        --trace --idle 500 >c.out 2>c.err
    expect_eq "$cipher: s_server -groups X25519: seetls client exit" 0 $?
    kill "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
    expect_eq "$cipher: s_server: reversed echo" "tobor olleh" "$(cat c.out)"
    expect_eq "$cipher: s_server: the suite" 1 "$(grep -c "handshake done: $suite" c.err)"
    expect_eq "$cipher: s_server: one master secret" "$(cat ours.log)" \
        "$(grep CLIENT_RANDOM theirs.log)"
    for name in curve Ys Yc PS; do
        expect_eq "$cipher: s_server: our trace names $name" 1 \
            "$(grep -c "^ *[0-9]* \(client\|server\) $name  " c.err)"
    done
    expect_eq "$cipher: s_server: the curve as sent" 1 "$(grep -c ' curve  *03001d ' c.err)"

    # curl (OpenSSL inside) against our --www page, only if it offers the suite
    if curl --version 2>/dev/null | grep -q OpenSSL; then
        start_seetls_server www --cert srv.pem --key srv.key --once --www --kx ecdhe
        curl -s --tlsv1.2 --tls-max 1.2 --ciphers $cipher --curves X25519 \
            --cacert ca.pem --resolve "robot.lab:$PORT:127.0.0.1" \
            "https://robot.lab:$PORT/" >page.html 2>curl.err
        expect_eq "$cipher: curl: exit" 0 $?
        wait "$SERVER_PID"
        expect_eq "$cipher: curl: a page" 1 "$(grep -c -i '<html' page.html)"
    else
        echo "  (curl without OpenSSL: not run)"
    fi
done

# our server's choice when both are offered (s_client's own list, AES-GCM
# before ChaCha20): ChaCha20 without AES instructions (SEETLS_NO_ASM=1
# makes it so here), AES-GCM with them (when this CPU has them)
for mode in portable own; do
    [ "$mode" = portable ] && export SEETLS_NO_ASM=1
    start_seetls_server pick --cert srv.pem --key srv.key --once --kx ecdhe </dev/null
    unset SEETLS_NO_ASM
    printf '' | timeout 20 openssl s_client -tls1_2 -connect "127.0.0.1:$PORT" \
        -CAfile ca.pem -servername robot.lab >pick.out 2>&1
    wait "$SERVER_PID"
    if [ "$mode" = portable ]; then
        expect_eq "no AES instructions: our server picks ChaCha20" 1 \
            "$(grep -c 'Cipher is ECDHE-RSA-CHACHA20-POLY1305' pick.out)"
    elif grep -qw aes /proc/cpuinfo && grep -qw pclmulqdq /proc/cpuinfo; then
        expect_eq "AES instructions: our server picks AES-GCM" 1 \
            "$(grep -c 'Cipher is ECDHE-RSA-AES128-GCM-SHA256' pick.out)"
    fi
done
cipher=ECDHE-RSA-AES128-GCM-SHA256

# refused: a client listing only P-256 to our ECDHE-only server
start_seetls_server srv --cert srv.pem --key srv.key --once --kx ecdhe </dev/null
timeout 20 openssl s_client -tls1_2 -connect "127.0.0.1:$PORT" -CAfile ca.pem \
    -cipher $cipher -groups P-256 </dev/null >cli.out 2>cli.err
expect_eq "s_client -groups P-256: refused" 1 $?
wait "$SERVER_PID"
expect_eq "s_client -groups P-256: seetls server exit" 1 $?
expect_eq "s_client -groups P-256: handshake_failure" 1 \
    "$(grep -c 'alert handshake failure' cli.err)"
expect_eq "s_client -groups P-256: our server says why" 1 \
    "$(grep -c 'no elliptic curve in common.*(sent handshake_failure)' srv.err)"

# refused: s_server in P-256 only; our client lists x25519 alone
start_openssl_server ss 20 -tls1_2 -cert srv.pem -key srv.key \
    -naccept 1 -cipher $cipher -groups P-256
"$SEETLS" client --connect "127.0.0.1:$PORT" --CAfile ca.pem \
    --servername robot.lab --kx ecdhe </dev/null >c.out 2>c.err
expect_eq "s_server -groups P-256: seetls client refused" 1 $?
kill "$SERVER_PID" 2>/dev/null
wait "$SERVER_PID" 2>/dev/null
expect_eq "s_server -groups P-256: no handshake" 1 \
    "$(grep -c 'handshake failed' c.err)"

finish ecdhe
