#!/bin/sh
# The robot's web console (alex-server --web) end to end over our TLS,
# with a scripted browser (web_console.py: Python's ssl and WebSocket
# frames made by hand): the page and its headers, plain HTTP refused in
# words, a spare connection closed mid-handshake not taken for a refusal,
# 404, a POST's 405 and too many fields' 431, a request head trickled
# past --handshake-ms cut with a 408, the 101st connection at once told
# 503, a cross-origin
# WebSocket refused, a browser without certificate watching, the pairing
# code (wrong ones refused, the limit per connection and the pause across
# connections), a client certificate, heartbeats and the fail-safe
# measured from the events' t_ms, one controller across the web and the
# terminal client.
. "$(dirname "$0")/lib.sh"
: "${BUILD_DIR:?BUILD_DIR must name the build folder}"
CLIENT="$BUILD_DIR/alex-client"
BROWSER="python3 $(cd "$(dirname "$0")" && pwd)/web_console.py"
EVENTS="$WORK/events.jsonl"
cd "$WORK" || exit 1

make_alex_certs
# --web 0 picks a free port, said on the terminal with the pairing code
start_alex_server server "$EVENTS" --cert alex.crt --key alex.key --ca lab/ca.pem --web 0
WEB=$(sed -n 's/.*web console on port \([0-9][0-9]*\).*/\1/p' server.err)
CODE=$(sed -n 's/.*pairing code \([0-9]\{6\}\)$/\1/p' server.err)
[ -n "$WEB" ] && [ "$WEB" != 0 ] && pass || fail "no web port said: $(cat server.err)"
[ -n "$CODE" ] && pass || fail "no pairing code said: $(cat server.err)"
grep -q "(https://alex.lab:$WEB/, the name in the robot's certificate)" server.err && pass ||
    fail "the address to open is not the certificate's name: $(cat server.err)"
grep -q "\"web_port\":$WEB," "$EVENTS" && pass || fail "the started event has no web_port"
grep -q "$CODE" "$EVENTS" && fail "the pairing code is in the events file" || pass

$BROWSER checks "$WEB" "$CODE" "$EVENTS" lab/ca.pem laptop.crt laptop.key >checks.out 2>&1
grep -q '^FAIL' checks.out && sed -n 's/^FAIL/  FAIL:/p' checks.out
PASSED=$((PASSED + $(grep -c '^ok ' checks.out)))
FAILED=$((FAILED + $(grep -c '^FAIL' checks.out)))
grep -q '^done: 50 checks$' checks.out && pass ||
    fail "web_console.py did not run all its checks: $(tail -n 5 checks.out)"
grep -q '"event":"http","peer":"[^"]*","method":"GET","path":"/","status":200' "$EVENTS" &&
    pass || fail "a request is not an http event"

# a browser drives: the terminal client is told busy, and the other way round
$BROWSER hold "$WEB" lab/ca.pem laptop.crt laptop.key 2 >hold.out 2>&1 &
HOLDER=$!
wait_for hold.out driving
expect_status "terminal client while a browser drives: busy" 4 \
    "$CLIENT" "127.0.0.1:$PORT" --ca lab/ca.pem --cert laptop.crt --key laptop.key --cmd "g"
grep -q 'busy' "$WORK/err" && pass || fail "terminal busy not said: $(cat "$WORK/err")"
wait $HOLDER
grep -q done hold.out && pass || fail "the browser did not drive: $(cat hold.out)"

# (the browser tries once the terminal client is the controller: its
# connected event, however slow a loaded machine makes its handshake)
terminal_links=$(grep -c '"link":"tls"' "$EVENTS")
"$CLIENT" "127.0.0.1:$PORT" --ca lab/ca.pem --cert laptop.crt --key laptop.key \
    --cmd "f 0 30; wait 2; s" >terminal.out 2>&1 &
TERMINAL=$!
wait_i=0
while [ "$(grep -c '"link":"tls"' "$EVENTS")" -le "$terminal_links" ] && [ $wait_i -lt 100 ]; do
    sleep 0.05
    wait_i=$((wait_i + 1))
done
expect_eq "a browser while the terminal client drives: busy" \
    "busy: CN=laptop is driving" "$($BROWSER try-drive "$WEB" lab/ca.pem laptop.crt laptop.key)"
wait $TERMINAL
expect_eq "the terminal client undisturbed" 0 $?

kill "$SERVER_PID" 2>/dev/null
wait "$SERVER_PID" 2>/dev/null

# a request head trickled a byte at a time is cut at --handshake-ms, with
# a 408 and an http event, however often its bytes come
start_alex_server server "$EVENTS" --cert alex.crt --key alex.key --ca lab/ca.pem \
    --web 0 --handshake-ms 1000
WEB=$(sed -n 's/.*web console on port \([0-9][0-9]*\).*/\1/p' server.err)
set -- $($BROWSER trickle "$WEB" lab/ca.pem 200)
expect_eq "a trickled head: 408" 408 "${1:-}"
[ "${2:-0}" -ge 1000 ] && [ "${2:-99999}" -le 2500 ] && pass ||
    fail "a trickled head closed after ${2:-?} ms, wanted 1000-2500"
grep -q '"reason":"request head not whole within 1000 ms","status":408' "$EVENTS" && pass ||
    fail "no http event for the trickled head"

# a crowd: 100 web connections served at once (ALEX_WEB_MAX_OPEN), the
# next told 503 with a refused event; once they close, the page again
expect_eq "100 connections, then 503; closed, then 200" "200x100 503 200" \
    "$($BROWSER crowd "$WEB" lab/ca.pem 100)"
grep -q '"reason":"100 web connections open already"' "$EVENTS" && pass ||
    fail "no refused event for the 101st connection"
kill "$SERVER_PID" 2>/dev/null
wait "$SERVER_PID" 2>/dev/null

# --web with --insecure-plaintext is refused (--web alone too: its PORT
# is optional); a stray word is refused, not ignored
expect_status "--web needs TLS" 2 "$BUILD_DIR/alex-server" --insecure-plaintext --web 0
expect_status "--web, no PORT, before another option" 2 \
    "$BUILD_DIR/alex-server" --web --insecure-plaintext
grep -q "needs TLS" "$WORK/err" && pass || fail "bare --web: $(cat "$WORK/err")"
expect_status "a stray word" 2 "$BUILD_DIR/alex-server" --insecure-plaintext --web 0 extra
grep -q "unexpected word 'extra'" "$WORK/err" && pass || fail "stray word: $(cat "$WORK/err")"
# --web alone is port 8443: held here (or by whatever holds it already),
# the robot says it cannot listen on 8443
python3 -c '
import socket, sys, time
s = socket.socket()
try:
    s.bind(("0.0.0.0", 8443)); s.listen(1)
except OSError:
    pass
sys.stdout.write("held\n"); sys.stdout.flush(); time.sleep(10)' >held.out 2>&1 &
HOLD8443=$!
wait_for held.out held
expect_status "--web alone: port 8443" 1 "$BUILD_DIR/alex-server" --cert alex.crt \
    --key alex.key --ca lab/ca.pem --port 0 --sim --web
grep -q "cannot listen on port 8443 (--web)" "$WORK/err" && pass ||
    fail "--web alone is not 8443: $(cat "$WORK/err")"
kill "$HOLD8443" 2>/dev/null
finish robot_web
