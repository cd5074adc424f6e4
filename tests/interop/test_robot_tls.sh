#!/bin/sh
# The Alex link over our TLS 1.2, end to end on loopback: mutual
# authentication (the laptop checks the robot's certificate and name, the
# robot requires a laptop certificate from the lab's CA), certificates made
# by seetls and by the lab's openssl commands, each outcome read from the
# robot's events file. Eve's attacks: test_eve.sh.
. "$(dirname "$0")/lib.sh"
: "${BUILD_DIR:?BUILD_DIR must name the build folder}"
SERVER="$BUILD_DIR/alex-server"
CLIENT="$BUILD_DIR/alex-client"
EVENTS="$WORK/events.jsonl"
cd "$WORK" || exit 1

make_alex_certs
make_ca other "Eve's CA"
make_cert other eve client eve

count() { cat "$EVENTS" 2>/dev/null | grep -c "$1"; }
wait_count() { # PATTERN N: wait up to 3 s for N lines matching PATTERN
    i=0
    while [ "$(count "$1")" -lt "$2" ] && [ $i -lt 30 ]; do sleep 0.1; i=$((i + 1)); done
}
client() { "$CLIENT" "127.0.0.1:$1" --ca lab/ca.pem --cert laptop.crt --key laptop.key --cmd "$2"; }

start_alex_server server "$EVENTS" --cert alex.crt --key alex.key --ca lab/ca.pem
grep -q '"link":"tls"' "$EVENTS" && pass || fail "server not in TLS mode"

expect_status "commands over TLS" 0 client "$PORT" "f 50 75; g; s"
grep -q 'ALEX STATUS REPORT' "$WORK/out" && pass || fail "no status over TLS"
grep -q '"event":"connected","peer":"CN=laptop"' "$EVENTS" && pass || fail "the laptop's subject is not in the events"
expect_status "a robot certificate from another CA is refused" 1 \
    "$CLIENT" "127.0.0.1:$PORT" --ca other/ca.pem --cert laptop.crt --key laptop.key --cmd "f 10 10"
grep -q 'unknown issuer\|unknown_ca' "$WORK/err" && pass || fail "wrong CA not named: $(cat "$WORK/err")"
expect_status "a wrong host name is refused" 1 \
    "$CLIENT" "127.0.0.1:$PORT" --ca lab/ca.pem --cert laptop.crt --key laptop.key \
    --servername not-alex.lab --cmd "g"
grep -q 'host name mismatch' "$WORK/err" && pass || fail "host mismatch not named"
expect_status "no CA given: usage error" 2 "$CLIENT" "127.0.0.1:$PORT" --cmd "g"
expect_status "a laptop without a certificate: usage error" 2 \
    "$CLIENT" "127.0.0.1:$PORT" --ca lab/ca.pem --cmd "f 11 11"
# (a client that shows none anyway: openssl's)
before=$(count '"event":"refused"')
openssl s_client -connect "127.0.0.1:$PORT" -CAfile lab/ca.pem </dev/null >/dev/null 2>&1
wait_count '"event":"refused"' $((before + 1))
grep '"event":"refused"' "$EVENTS" | tail -n 1 | grep -q 'no certificate' && pass ||
    fail "no-certificate refusal not in the events"
expect_status "a laptop certificate from another CA is refused" 1 \
    "$CLIENT" "127.0.0.1:$PORT" --ca lab/ca.pem --cert eve.crt --key eve.key --cmd "f 12 12"
wait_count '"event":"refused"' $((before + 2))
grep '"event":"refused"' "$EVENTS" | tail -n 1 | grep -q 'issuer' && pass ||
    fail "other-CA refusal not in the events: $(grep '"event":"refused"' "$EVENTS" | tail -n 1)"
grep '"event":"refused"' "$EVENTS" | tail -n 1 | grep -q "depth 0, CN=eve, issued by CN=Eve's CA" &&
    pass || fail "the refused certificate is not named: $(grep '"event":"refused"' "$EVENTS" | tail -n 1)"
grep -q '"p1":1[12],' "$EVENTS" && fail "a refused laptop's command ran" || pass

# kill -9 of a driving client over TLS: stopped within 200 ms of the loss
"$CLIENT" "127.0.0.1:$PORT" --ca lab/ca.pem --cert laptop.crt --key laptop.key \
    --cmd "f 0 50; wait 30" >/dev/null 2>&1 &
VICTIM=$!
wait_count '"key":"f","p1":0' 1
before=$(count '"event":"stopped"')
kill -9 $VICTIM; wait $VICTIM 2>/dev/null
wait_count '"event":"stopped"' $((before + 1))
lost=$(grep '"event":"link_lost"' "$EVENTS" | tail -n 1 | sed -n 's/.*"t_ms":\([0-9]*\).*/\1/p')
stopped=$(grep '"event":"stopped"' "$EVENTS" | tail -n 1 | sed -n 's/.*"t_ms":\([0-9]*\).*/\1/p')
[ -n "$lost" ] && [ $((stopped - lost)) -le 200 ] && pass || fail "TLS kill -9: stop too late"

# SIGSTOP over TLS: the watchdog stops the motors within 200 ms of the limit
"$CLIENT" "127.0.0.1:$PORT" --ca lab/ca.pem --cert laptop.crt --key laptop.key \
    --cmd "f 0 50; wait 30" >/dev/null 2>&1 &
FROZEN=$!
wait_count '"key":"f","p1":0,' 2
before=$(count '"event":"silent"')
kill -STOP $FROZEN
wait_count '"event":"silent"' $((before + 1))
line=$(grep '"event":"silent"' "$EVENTS" | tail -n 1)
heard=$(printf '%s' "$line" | sed -n 's/.*"last_heard_t_ms":\([0-9]*\).*/\1/p')
idle=$(printf '%s' "$line" | sed -n 's/.*"idle_ms":\([0-9]*\).*/\1/p')
stopped=$(grep '"event":"stopped"' "$EVENTS" | tail -n 1 | sed -n 's/.*"t_ms":\([0-9]*\).*/\1/p')
if [ -n "$heard" ] && [ -n "$stopped" ] && [ $((stopped - heard - idle)) -ge 0 ] &&
   [ $((stopped - heard - idle)) -le 200 ]; then pass; else
    fail "TLS SIGSTOP: no stop within 200 ms of the idle limit"; fi
kill -9 $FROZEN 2>/dev/null
wait $FROZEN 2>/dev/null

kill "$SERVER_PID" 2>/dev/null
wait "$SERVER_PID" 2>/dev/null

# The lab's own certificates, made with its openssl commands (version 1,
# no extensions), work unchanged; and openssl s_client with the laptop's
# certificate speaks to the robot: it is real TLS.
openssl genrsa -out signing.key 2048 2>/dev/null
openssl req -x509 -new -key signing.key -subj "/CN=Lab Signing CA" -days 500 \
    -out signing.pem 2>/dev/null
for who in alex laptop; do
    openssl genrsa -out "ol-$who.key" 2048 2>/dev/null
    openssl req -new -key "ol-$who.key" -subj "/CN=$who" -out "$who.csr" 2>/dev/null
    openssl x509 -req -in "$who.csr" -CA signing.pem -CAkey signing.key -CAcreateserial \
        -days 500 -sha256 -out "ol-$who.crt" 2>/dev/null
done
start_alex_server server2 "$EVENTS" --cert ol-alex.crt --key ol-alex.key --ca signing.pem
expect_status "the lab's openssl certificates work" 0 \
    "$CLIENT" "127.0.0.1:$PORT" --ca signing.pem --cert ol-laptop.crt --key ol-laptop.key \
    --servername alex --cmd "f 21 50; s"
before=$(count '"key":"f","p1":22')
# a COMMAND message: length 00 0a, kind 03, 'f', distance 22, power 50
(printf '\000\012\003f\000\000\000\026\000\000\000\062'; sleep 1) |
    openssl s_client -tls1_2 -quiet -connect "127.0.0.1:$PORT" -CAfile signing.pem \
        -cert ol-laptop.crt -key ol-laptop.key >s_client.out 2>s_client.err
wait_count '"key":"f","p1":22' $((before + 1))
grep -q '"key":"f","p1":22,"p2":50' "$EVENTS" && pass ||
    fail "openssl s_client's command did not reach the robot: $(tail -c 300 s_client.err)"
kill "$SERVER_PID" 2>/dev/null
wait "$SERVER_PID" 2>/dev/null

# A certificate and a key that do not belong together: alex-server refuses
# to start, naming both files (before: it listened, and every controller
# saw "handshake signature does not verify"); alex-client likewise.
expect_status "alex-server: certificate and key of two pairs" 1 \
    timeout 5 "$SERVER" --port 0 --cert alex.crt --key laptop.key --ca lab/ca.pem
grep -q 'alex-server: alex.crt: its public key does not match the private key in laptop.key' \
    "$WORK/err" && pass || fail "alex-server key mismatch not explained: $(cat "$WORK/err")"
expect_status "alex-client: certificate and key of two pairs" 2 \
    timeout 5 "$CLIENT" "127.0.0.1:$PORT" --ca lab/ca.pem --cert laptop.crt --key alex.key --cmd g
grep -q 'alex-client: laptop.crt: its public key does not match the private key in alex.key' \
    "$WORK/err" && pass || fail "alex-client key mismatch not explained: $(cat "$WORK/err")"
finish robot_tls
