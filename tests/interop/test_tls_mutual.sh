#!/bin/sh
# Mutual authentication against openssl, both directions: our server with
# --ca requires and checks openssl s_client's certificate; our client with
# --cert/--key satisfies openssl s_server -Verify.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1

make_ca lab "Lab CA"
make_cert lab robot.lab server srv --dns robot.lab
make_cert lab laptop client cli
make_ca other "Other CA"
make_cert other stranger client eve

# our server, openssl's client with and without a good certificate
printf 'from server\n' >srv.in
for who in cli eve none; do
    start_seetls_server srv --cert srv.crt --key srv.key --ca lab/ca.pem \
        --verify-client --timeout 5000 <srv.in
    if [ $who = none ]; then certs=""; else certs="-cert $who.crt -key $who.key"; fi
    (printf 'from openssl\n'; sleep 1) | openssl s_client -tls1_2 -quiet -no_ign_eof \
        -connect "127.0.0.1:$PORT" -CAfile lab/ca.pem $certs >cl.out 2>cl.err
    wait $SERVER_PID
    rc=$?
    if [ $who = cli ]; then
        expect_eq "our server accepts openssl's lab certificate" 0 $rc
        grep -q 'from openssl' srv.out && pass || fail "data from openssl s_client lost"
        grep -q 'client CN=laptop' srv.err && pass || fail "client subject not shown"
        # what was negotiated, in the words the client's line uses too
        expect_eq "our server's handshake line" \
            "seetls server: handshake done: TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, extended master secret; client CN=laptop" \
            "$(grep 'handshake done' srv.err)"
    else
        expect_eq "our server refuses openssl's client ($who)" 1 $rc
    fi
    # the refusal names the certificate and its issuer (this connection's
    # own result, not a shared one)
    if [ $who = eve ]; then
        grep -q 'unknown issuer (no trusted CA signed it) (sent unknown_ca): depth 0, CN=stranger, issued by CN=Other CA' srv.err &&
            pass || fail "the refused certificate is not named: $(cat srv.err)"
    fi
done
grep -q 'no certificate' srv.err && pass || fail "no-certificate refusal not explained"

# --verify-client-optional: asked, openssl s_client without a certificate
# gets in unauthenticated (the --www page says "client certificate: none"),
# with the lab's it is authenticated, with another CA's it is refused
for who in none cli eve; do
    start_seetls_server opt --cert srv.crt --key srv.key --ca lab/ca.pem \
        --verify-client-optional --www --once --timeout 5000 </dev/null
    if [ $who = none ]; then certs=""; else certs="-cert $who.crt -key $who.key"; fi
    (printf 'GET / HTTP/1.1\r\nHost: robot.lab\r\n\r\n'; sleep 1) |
        openssl s_client -tls1_2 -quiet -connect "127.0.0.1:$PORT" -CAfile lab/ca.pem \
        $certs >opt-cl.out 2>opt-cl.err
    wait $SERVER_PID
    rc=$?
    case $who in
    none)
        expect_eq "optional: a client without a certificate gets in" 0 $rc
        grep -q '<li>client certificate: none</li>' opt-cl.out && pass ||
            fail "optional: the page does not say none: $(head -c 300 opt-cl.out)"
        ;;
    cli)
        expect_eq "optional: the lab's certificate gets in" 0 $rc
        grep -q '<li>client certificate: CN=laptop</li>' opt-cl.out && pass ||
            fail "optional: the page does not name the client: $(head -c 300 opt-cl.out)"
        ;;
    eve)
        expect_eq "optional: another CA's certificate is still refused" 1 $rc
        grep -q 'CN=stranger, issued by CN=Other CA' opt.err && pass ||
            fail "optional: the refusal does not name the certificate: $(cat opt.err)"
        ;;
    esac
done
expect_status "--verify-client-optional without --ca" 1 \
    "$SEETLS" server --port 0 --cert srv.crt --key srv.key --verify-client-optional
expect_status "--verify-client and --verify-client-optional" 1 \
    "$SEETLS" server --port 0 --cert srv.crt --key srv.key --ca lab/ca.pem \
    --verify-client --verify-client-optional

# A certificate and a key that do not belong together: refused at start-up,
# naming both files (before: the server started, and every client saw
# "handshake signature does not verify")
expect_status "server: certificate and key of two pairs" 1 \
    timeout 5 "$SEETLS" server --port 0 --cert srv.crt --key cli.key
grep -q 'seetls server: srv.crt: its public key does not match the private key in cli.key' \
    "$WORK/err" && pass || fail "server key mismatch not explained: $(cat "$WORK/err")"
expect_status "client: certificate and key of two pairs" 1 \
    timeout 5 "$SEETLS" client --connect "127.0.0.1:$PORT" --CAfile lab/ca.pem \
    --cert cli.crt --key srv.key
grep -q 'seetls client: cli.crt: its public key does not match the private key in srv.key' \
    "$WORK/err" && pass || fail "client key mismatch not explained: $(cat "$WORK/err")"

# openssl's server requiring a certificate, our client with and without one
# (-accept 0: it says its port in its ACCEPT line)
for with in yes no; do
    rm -f ss.out
    (printf 'from openssl\n'; sleep 2) | openssl s_server -tls1_2 -accept 0 \
        -cert srv.crt -key srv.key -Verify 1 -CAfile lab/ca.pem >ss.out 2>ss.err &
    spid=$!
    wait_port ss.out || fail "openssl s_server did not start: $(head -c 300 ss.err)"
    if [ $with = yes ]; then certs="--cert cli.crt --key cli.key"; else certs=""; fi
    printf 'from seetls\n' | "$SEETLS" client --connect "127.0.0.1:$PORT" --CAfile lab/ca.pem \
        --servername robot.lab $certs --idle 500 >sc.out 2>sc.err
    rc=$?
    kill $spid 2>/dev/null
    wait $spid 2>/dev/null
    if [ $with = yes ]; then
        expect_eq "openssl s_server -Verify accepts our client certificate" 0 $rc
        grep -q 'from openssl' sc.out && pass || fail "data from openssl s_server lost"
        grep -q 'from seetls' ss.out && pass || fail "our data did not reach openssl s_server"
        expect_eq "our client's handshake line" \
            "seetls client: handshake done: TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, extended master secret; server CN=robot.lab" \
            "$(grep 'handshake done' sc.err)"
    else
        [ $rc -ne 0 ] && pass || fail "openssl s_server -Verify let a client without a certificate in"
    fi
done

finish tls-mutual
