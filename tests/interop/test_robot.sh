#!/bin/sh
# The Alex link end to end on loopback: commands, validation, one controller
# at a time, and the fail-safe, all asserted from the server's events file.
# (Plaintext link for now; the TLS link reuses the same server core.)
. "$(dirname "$0")/lib.sh"
: "${BUILD_DIR:?BUILD_DIR must name the build folder}"
SERVER="$BUILD_DIR/alex-server"
CLIENT="$BUILD_DIR/alex-client"
SIM="$BUILD_DIR/alex-arduino-sim"
PORT=$((20000 + $$ % 20000))
EVENTS="$WORK/events.jsonl"

# (background clients are started directly, so that $! is the client itself)
client() { "$CLIENT" "127.0.0.1:$PORT" --insecure-plaintext "$@"; }

# t_ms of the Nth (default last) event of a kind
event_t() {
    grep "\"event\":\"$1\"" "$EVENTS" | sed -n 's/.*"t_ms":\([0-9]*\).*/\1/p' | tail -n "${2:-1}" | head -n 1
}
event_count() { grep -c "\"event\":\"$1\"" "$EVENTS"; }
wait_for_event() { # kind count timeout_tenths
    i=0
    while [ "$(event_count "$1")" -lt "$2" ] && [ $i -lt "$3" ]; do sleep 0.1; i=$((i + 1)); done
}

start_server() {
    "$SERVER" --port "$PORT" --insecure-plaintext --events "$EVENTS" "$@" 2>"$WORK/server.err" &
    SERVER_PID=$!
    i=0
    while ! grep -q '"started"' "$EVENTS" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
}
stop_server() { kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; }

# --- a simulated Alex ---------------------------------------------------
start_server --sim
expect_status "script of valid commands" 0 client --cmd "f 50 75; wait 0.3; g; l 90 60; s"
grep -q 'ALEX STATUS REPORT' "$WORK/out" && pass || fail "no status report printed"
expect_status "unknown command refused" 3 client --cmd "x"
grep -q '"event":"invalid","key":"x"' "$EVENTS" && pass || fail "no invalid event for x"
expect_status "distance out of range refused" 3 client --cmd "f 5000 50"
expect_status "power out of range refused" 3 client --cmd "r 90 101"

# interactive mode, the lab's keys: f asks distance and power, g reports
printf 'f\n30 60\ng\nx\nq\n' | "$CLIENT" "127.0.0.1:$PORT" --insecure-plaintext >"$WORK/inter.out" 2>&1
expect_eq "interactive session exits 0" 0 $?
grep -q 'Enter distance in cm' "$WORK/inter.out" && pass || fail "interactive: no distance prompt"
grep -q 'ALEX STATUS REPORT' "$WORK/inter.out" && pass || fail "interactive: no status report"
grep -q 'Bad command' "$WORK/inter.out" && pass || fail "interactive: unknown key not refused"
grep -q '"key":"f","p1":30,"p2":60' "$EVENTS" && pass || fail "interactive: command not received"

# busy: a second controller is refused, the first is undisturbed
"$CLIENT" "127.0.0.1:$PORT" --insecure-plaintext --cmd "f 0 40; wait 2; g" >"$WORK/first.out" 2>&1 &
FIRST=$!
sleep 0.5
expect_status "second controller gets busy" 4 client --cmd "g"
grep -q 'busy' "$WORK/err" && pass || fail "busy refusal not explained"
wait $FIRST
expect_eq "first controller undisturbed" 0 $?
grep -q '"event":"refused".*busy' "$EVENTS" && pass || fail "no refused event"

# kill -9 of a driving client: stop within 200 ms of the link loss
"$CLIENT" "127.0.0.1:$PORT" --insecure-plaintext --cmd "f 0 50; wait 30" >/dev/null 2>&1 &
VICTIM=$!
sleep 0.5
before=$(event_count stopped)
kill -9 $VICTIM
wait $VICTIM 2>/dev/null
wait_for_event stopped $((before + 1)) 20
lost=$(event_t link_lost)
stopped=$(event_t stopped)
delay=$((stopped - lost))
[ -n "$lost" ] && [ "$delay" -ge 0 ] && [ "$delay" -le 200 ] && pass ||
    fail "kill -9: stopped ${delay} ms after link loss (limit 200)"
expect_status "next controller served at once after kill -9" 0 client --cmd "g"

# SIGSTOP: no FIN, no heartbeats: stop within 200 ms of last_heard + idle
"$CLIENT" "127.0.0.1:$PORT" --insecure-plaintext --cmd "f 0 50; wait 30" >/dev/null 2>&1 &
FROZEN=$!
sleep 0.5
kill -STOP $FROZEN
before=$(event_count silent)
wait_for_event silent $((before + 1)) 30
line=$(grep '"event":"silent"' "$EVENTS" | tail -n 1)
heard=$(printf '%s' "$line" | sed -n 's/.*"last_heard_t_ms":\([0-9]*\).*/\1/p')
idle=$(printf '%s' "$line" | sed -n 's/.*"idle_ms":\([0-9]*\).*/\1/p')
stopped=$(grep '"event":"stopped"' "$EVENTS" | tail -n 1 | sed -n 's/.*"t_ms":\([0-9]*\).*/\1/p')
if [ -n "$heard" ] && [ -n "$stopped" ]; then
    delay=$((stopped - heard - idle))
    [ "$delay" -ge 0 ] && [ "$delay" -le 200 ] && pass ||
        fail "SIGSTOP: stopped ${delay} ms after the idle limit (limit 200)"
else
    fail "SIGSTOP: no silent/stopped events"
fi
sleep 0.2
expect_status "next controller served while the frozen one hangs" 0 client --cmd "g"
kill -9 $FROZEN 2>/dev/null
wait $FROZEN 2>/dev/null

stop_server

# --- the real serial code through a pty, with junk between frames -------
"$SIM" --link "$WORK/tty" --garbage 11 2>/dev/null &
SIM_PID=$!
i=0
while [ ! -e "$WORK/tty" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
start_server --serial "$WORK/tty" --baud 57600 --reset-wait-ms 0
expect_status "commands through the serial simulator" 0 client --cmd "f 20 50; g; c; s"
grep -q 'ALEX STATUS REPORT' "$WORK/out" && pass || fail "no status through serial"
stop_server
kill "$SIM_PID" 2>/dev/null
wait "$SIM_PID" 2>/dev/null

finish robot
