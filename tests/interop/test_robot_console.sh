#!/bin/sh
# What alex-server's terminal says, as a lab team running it sees it: one
# line per connection, refusal and fail-safe stop (with the wall-clock
# time), the same events as the events file; none with --quiet.
. "$(dirname "$0")/lib.sh"
: "${BUILD_DIR:?BUILD_DIR must name the build folder}"
SERVER="$BUILD_DIR/alex-server"
CLIENT="$BUILD_DIR/alex-client"
cd "$WORK" || exit 1

make_alex_certs laptop-team3
make_ca other "Other CA"
make_cert other stranger client stranger

# robot NAME [OPTIONS]: alex-server, its terminal in NAME.err, its events
# in NAME.jsonl (PORT, SERVER_PID: start_alex_server); tls_robot NAME
# [OPTIONS] with the lab's certificates
robot() {
    name=$1
    shift
    start_alex_server "$name" "$name.jsonl" "$@"
}
stop_server() { kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; }
tls_robot() {
    name=$1
    shift
    robot "$name" --cert alex.crt --key alex.key --ca lab/ca.pem "$@"
}
laptop() { "$CLIENT" "127.0.0.1:$PORT" --ca lab/ca.pem --cert laptop.crt --key laptop.key "$@"; }

T='[0-2][0-9]:[0-5][0-9]:[0-5][0-9]' # the wall-clock time a line starts with
A='127\.0\.0\.1:[0-9]*'              # a client's address
# expect_line FILE PATTERN: a whole line of FILE matches "TIME PATTERN"
expect_line() {
    wait_for "$1" "^$T $2\$" && pass || fail "no line '$2' in $1: $(tail -n 4 "$1")"
}

# --- each event in words ------------------------------------------------
tls_robot console
expect_status "a lab laptop drives" 0 laptop --cmd "f 10 50; s"
expect_line console.err "controller CN=laptop-team3 ($A) connected"
expect_line console.err "controller CN=laptop-team3 disconnected: the peer closed the TLS connection (close_notify)"
expect_line console.err "fail-safe: controller disconnected: motors stopped"

expect_status "a certificate from another CA" 1 \
    "$CLIENT" "127.0.0.1:$PORT" --ca lab/ca.pem --cert stranger.crt --key stranger.key --cmd g
expect_line console.err "refused $A: the laptop's certificate is from an unknown CA (sent unknown_ca): depth 0, CN=stranger, issued by CN=Other CA: no such CA in the CA file or the chain"

expect_status "a laptop that trusts another CA" 1 \
    "$CLIENT" "127.0.0.1:$PORT" --ca other/ca.pem --cert laptop.crt --key laptop.key --cmd g
expect_line console.err "refused $A: the laptop refused the robot (the peer sent the alert unknown_ca)"

# (alex-client will not start without one: openssl's client shows none)
openssl s_client -connect "127.0.0.1:$PORT" -CAfile lab/ca.pem -quiet </dev/null >/dev/null 2>&1
expect_line console.err "refused $A: the laptop showed no certificate, and the robot requires one (sent handshake_failure)"

expect_status "a plaintext client" 1 "$CLIENT" "127.0.0.1:$PORT" --insecure-plaintext --cmd g
expect_line console.err "refused $A: the peer does not speak TLS 1.2 (a client with --insecure-plaintext?) (sent unexpected_message)"

# busy, then the first controller frozen (SIGSTOP): the watchdog's stop
# (started directly, not through laptop(), so that $! is the client itself)
driving=$(grep -c '"state":"forward"' console.jsonl)
"$CLIENT" "127.0.0.1:$PORT" --ca lab/ca.pem --cert laptop.crt --key laptop.key \
    --cmd "f 0 50; wait 30" >/dev/null 2>&1 &
FROZEN=$!
i=0
while [ "$(grep -c '"state":"forward"' console.jsonl)" -le "$driving" ] && [ $i -lt 50 ]; do
    sleep 0.1
    i=$((i + 1))
done
expect_status "a second controller" 4 laptop --cmd g
expect_line console.err "refused CN=laptop-team3 ($A): busy: CN=laptop-team3 is the controller"
kill -STOP $FROZEN
expect_line console.err "fail-safe: controller silent for 500 ms (no command or heartbeat): motors stopped"
expect_line console.err "controller CN=laptop-team3 disconnected: no command or heartbeat for 500 ms"
kill -9 $FROZEN 2>/dev/null
wait $FROZEN 2>/dev/null
stop_server
expect_line console.err "server shutting down: motors stopped"

# one line per event the terminal speaks of, and no other line
spoken='"event":"\(connected\|refused\|link_lost\|stopped\|invalid\|robot_error\)"'
events=$(grep -c "$spoken" console.jsonl)
lines=$(grep -c "^$T " console.err)
expect_eq "one terminal line per event ($events events)" "$events" "$lines"
expect_eq "nothing else on the terminal" "$((lines + 1))" "$(wc -l <console.err)"

# --- --quiet ------------------------------------------------------------
tls_robot quiet --quiet
expect_status "a lab laptop drives (quiet)" 0 laptop --cmd "f 10 50; s"
expect_status "a certificate from another CA (quiet)" 1 \
    "$CLIENT" "127.0.0.1:$PORT" --ca lab/ca.pem --cert stranger.crt --key stranger.key --cmd g
wait_for quiet.jsonl '"event":"refused"' || fail "quiet: no refusal logged"
stop_server
grep -q '"event":"connected"' quiet.jsonl && pass || fail "quiet: the events file lost its events"
expect_eq "quiet: only the listening line" 1 "$(wc -l <quiet.err)"

# --- --insecure-plaintext: a warning at start and for every connection,
# even with --quiet --------------------------------------------------------
robot plain --insecure-plaintext --quiet
expect_status "a plaintext controller" 0 "$CLIENT" "127.0.0.1:$PORT" --insecure-plaintext --cmd g
expect_status "another plaintext controller" 0 "$CLIENT" "127.0.0.1:$PORT" --insecure-plaintext --cmd g
i=0
while [ "$(grep -c '"event":"link_lost"' plain.jsonl)" -lt 2 ] && [ $i -lt 30 ]; do sleep 0.1; i=$((i + 1)); done
stop_server
grep -q '^alex-server: WARNING: --insecure-plaintext: commands travel in the clear;$' plain.err &&
    pass || fail "no start-up warning: $(cat plain.err)"
expect_eq "a warning for each plaintext connection" 2 \
    "$(grep -c "^$T WARNING: controller $A connected over plaintext: anyone on the network can read its commands and drive the robot\$" plain.err)"
grep -q '"event":"connected",.*"link":"plaintext"' plain.jsonl && pass || fail "the events do not say plaintext"

# --- options: the value given and the range, usage status 2 -------------
# expect_refusal NAME MESSAGE OPTIONS... (a server that takes them is
# stopped after 2 s: timeout's status 124)
expect_refusal() {
    name=$1 message=$2
    shift 2
    expect_status "$name" 2 timeout 2 "$SERVER" --insecure-plaintext --port 0 "$@"
    expect_eq "$name: the message" "alex-server: $message" "$(cat "$WORK/err")"
}
expect_refusal "--idle-ms below the heartbeats" \
    "--idle-ms 150 is below 200 ms, twice the client's heartbeat interval of 100 ms: a controller that is only waiting would be taken for a lost one (200-60000)" \
    --idle-ms 150
expect_refusal "--idle-ms too long" "--idle-ms 90000 is out of range 1-60000" --idle-ms 90000
expect_refusal "--idle-ms not a number" "--idle-ms 0.5s is not a whole number (1-60000)" --idle-ms 0.5s
expect_refusal "--port too high" "--port 70000 is out of range 0-65535" --port 70000
expect_refusal "--baud the firmware does not use" \
    "--baud 19200 is not a speed the Alex firmware uses: 9600 or 57600" --baud 19200
expect_refusal "--max-handshakes 0" "--max-handshakes 0 is out of range 1-10000" --max-handshakes 0

finish robot_console
