#!/bin/sh
# seetls server --www answers curl over TLS 1.2; --echo returns 1 MiB intact
# to our client and to openssl s_client.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1

make_ca lab "Lab CA"
make_cert lab robot.lab server srv --dns robot.lab --ip 127.0.0.1

start() { # MODE: a server on a free port, in $PORT, its pid in $SERVER_PID
    start_seetls_server srv --cert srv.crt --key srv.key --once "$1" \
        --timeout 10000 </dev/null
}

# curl (libcurl with OpenSSL) fetches the page, TLS 1.2 only, every suite
for cipher in AES128-SHA256 DHE-RSA-AES128-SHA256 AES128-GCM-SHA256 \
              DHE-RSA-AES128-GCM-SHA256 ECDHE-RSA-AES128-GCM-SHA256 \
              ECDHE-RSA-CHACHA20-POLY1305; do
    start --www
    curl -sS --tlsv1.2 --tls-max 1.2 --ciphers "$cipher" --cacert lab/ca.pem \
        --resolve "robot.lab:$PORT:127.0.0.1" "https://robot.lab:$PORT/" >page.html 2>curl.err
    expect_eq "curl $cipher exits 0" 0 $?
    wait $SERVER_PID
    grep -q 'Hello from seetls' page.html && pass || fail "curl $cipher: no page ($(cat curl.err))"
    grep -q 'cipher suite: TLS_' page.html && pass || fail "curl $cipher: suite not shown"
    case $cipher in *GCM*) want=_GCM_ ;; *CHACHA20*) want=_CHACHA20_ ;; *) want=_CBC_ ;; esac
    grep 'cipher suite: TLS_' page.html | grep -q "$want" && pass ||
        fail "curl $cipher: the page names another suite: $(grep 'cipher suite' page.html)"
done

# The request head is read by codec/http.h within its limits: a head of
# 8 KiB (HTTP_MAX_HEAD) gets the page; 16 KB of headers (a record's worth
# and more: tlsfuzzer's chacha20 sends one) get 431 and no page
start --www
long=$(head -c 7900 /dev/zero | tr '\0' A)
curl -sS --tlsv1.2 --tls-max 1.2 --cacert lab/ca.pem -H "X-test: $long" \
    --resolve "robot.lab:$PORT:127.0.0.1" "https://robot.lab:$PORT/" >page.html 2>curl.err
expect_eq "7.9 KB of headers: curl exits 0" 0 $?
wait $SERVER_PID
grep -q 'Hello from seetls' page.html && pass || fail "7.9 KB of headers: no page ($(cat curl.err))"
start --www
long=$(head -c 16000 /dev/zero | tr '\0' A)
code=$(curl -sS --tlsv1.2 --tls-max 1.2 --cacert lab/ca.pem -H "X-test: $long" \
    -o page.html -w '%{http_code}' \
    --resolve "robot.lab:$PORT:127.0.0.1" "https://robot.lab:$PORT/" 2>curl.err)
wait $SERVER_PID
expect_eq "16 KB of headers: 431" 431 "$code"
grep -q 'Hello from seetls' page.html && fail "16 KB of headers: a page" || pass

# What codec/http.h refuses, each with its status: a POST (405, naming
# GET), a bare LF (400), HTTP/2.0 in the request line (505)
www_status() { # REQUEST (printf format): the status line --www answers
    start --www
    # shellcheck disable=SC2059
    (printf "$1"; sleep 2) | openssl s_client -tls1_2 -quiet -no_ign_eof \
        -connect "127.0.0.1:$PORT" -CAfile lab/ca.pem >answer.txt 2>sc.err
    wait $SERVER_PID
    head -n 1 answer.txt | tr -d '\r'
}
expect_eq "POST: 405" "HTTP/1.1 405 Method Not Allowed" \
    "$(www_status 'POST / HTTP/1.1\r\nHost: robot.lab\r\nContent-Length: 0\r\n\r\n')"
grep -q '^Allow: GET' answer.txt && pass || fail "405 without Allow: GET"
expect_eq "bare LF: 400" "HTTP/1.1 400 Bad Request" \
    "$(www_status 'GET / HTTP/1.1\nHost: robot.lab\n\n')"
expect_eq "HTTP/2.0: 505" "HTTP/1.1 505 HTTP Version Not Supported" \
    "$(www_status 'GET / HTTP/2.0\r\nHost: robot.lab\r\n\r\n')"
expect_eq "HTTP/1.0 without Host: the page" "HTTP/1.1 200 OK" \
    "$(www_status 'GET / HTTP/1.0\r\n\r\n')"

# 1 MiB each way through --echo: our client, then openssl s_client
head -c 1048576 /dev/urandom >mib
for peer in seetls openssl; do
    start --echo
    if [ $peer = seetls ]; then
        "$SEETLS" client --connect "127.0.0.1:$PORT" --CAfile lab/ca.pem --servername robot.lab \
            --idle 2000 <mib >back 2>cl.err
    else
        (cat mib; sleep 3) | openssl s_client -tls1_2 -quiet -no_ign_eof -nocommands \
            -connect "127.0.0.1:$PORT" -CAfile lab/ca.pem >back 2>cl.err
    fi
    wait $SERVER_PID
    expect_same_file "1 MiB echoed intact ($peer)" mib back
done

# The command line as openssl's: HOST:PORT, --ca, --cipher by name
start --echo
printf 'ping\n' | "$SEETLS" client "127.0.0.1:$PORT" --ca lab/ca.pem --servername robot.lab \
    --cipher TLS_RSA_WITH_AES_128_CBC_SHA256 --idle 500 >named.out 2>named.err
expect_eq "client HOST:PORT --ca --cipher IANA name" 0 $?
wait $SERVER_PID
grep -q 'TLS_RSA_WITH_AES_128_CBC_SHA256' named.err && pass || fail "the named suite was not used"
expect_status "unknown cipher name" 1 "$SEETLS" client "127.0.0.1:$PORT" --ca lab/ca.pem \
    --cipher RC4-MD5
grep -q "unknown suite 'RC4-MD5'" "$WORK/err" && pass || fail "unknown suite not named"
expect_status "--verify-client without --ca" 1 "$SEETLS" server --cert srv.crt --key srv.key \
    --verify-client

# SSLKEYLOGFILE, as browsers use it: both ends log the same master secret
start_server srv env SSLKEYLOGFILE="$WORK/srv.keys" "$SEETLS" server --port 0 \
    --cert srv.crt --key srv.key --once --echo --timeout 10000 </dev/null
printf 'x\n' | SSLKEYLOGFILE="$WORK/cli.keys" "$SEETLS" client "127.0.0.1:$PORT" --ca lab/ca.pem \
    --servername robot.lab --idle 300 >/dev/null 2>&1
wait $SERVER_PID
grep -q '^CLIENT_RANDOM [0-9a-f]\{64\} [0-9a-f]\{96\}$' "$WORK/cli.keys" && pass ||
    fail "SSLKEYLOGFILE: no key log line"
expect_same_file "SSLKEYLOGFILE: both ends agree" "$WORK/cli.keys" "$WORK/srv.keys"

finish tls-serve
