#!/bin/sh
# The Alex link end to end on loopback: commands, validation, one controller
# at a time, and the fail-safe, all asserted from the server's events file.
# (Plaintext link for now; the TLS link reuses the same server core.)
. "$(dirname "$0")/lib.sh"
: "${BUILD_DIR:?BUILD_DIR must name the build folder}"
CLIENT="$BUILD_DIR/alex-client"
SIM="$BUILD_DIR/alex-arduino-sim"
EVENTS="$WORK/events.jsonl"
cd "$WORK" || exit 1

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

# robot [OPTIONS]: the plaintext server, its events new in $EVENTS (PORT,
# SERVER_PID: start_alex_server)
robot() {
    rm -f "$EVENTS"
    start_alex_server server "$EVENTS" --insecure-plaintext "$@"
}
stop_server() { kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; }

# --- a simulated Alex ---------------------------------------------------
robot --sim
expect_status "script of valid commands" 0 client --cmd "f 50 75; wait 0.3; g; l 90 60; s"
grep -q 'ALEX STATUS REPORT' "$WORK/out" && pass || fail "no status report printed"
expect_status "unknown command refused" 3 client --cmd "x"
grep -q '"event":"invalid","key":"x"' "$EVENTS" && pass || fail "no invalid event for x"
grep -q "unknown command 'x' (the commands are f, b, l, r, s, c, g) (code 4)" "$WORK/err" &&
    pass || fail "unknown command: $(cat "$WORK/err")"

# The server's own checks, whatever a client lets through: each refusal
# names the value and its range. raw_command KEY P1 P2 sends one COMMAND
# (u16 length, kind 3, key, i32 p1, i32 p2) and prints the reply as
# "KIND CODE TEXT".
raw_command() {
    python3 - "$PORT" "$@" <<'PY'
import socket, struct, sys
port, key, p1, p2 = int(sys.argv[1]), int(sys.argv[2], 0), int(sys.argv[3]), int(sys.argv[4])
s = socket.create_connection(("127.0.0.1", port))
body = struct.pack(">BBii", 3, key, p1, p2)
s.sendall(struct.pack(">H", len(body)) + body)
length, = struct.unpack(">H", s.recv(2, socket.MSG_WAITALL))
reply = s.recv(length, socket.MSG_WAITALL)
print(reply[0], reply[1], reply[2:].decode())
PY
}
expect_eq "the server names a distance out of range" "0 7 distance 5000 is out of range 0-1000" \
    "$(raw_command 0x66 5000 50)"
grep -q '"event":"invalid","key":"f","p1":5000,"p2":50,"reason":"distance 5000 is out of range 0-1000"' \
    "$EVENTS" && pass || fail "distance: no invalid event naming it"
expect_eq "the server names a power out of range" "0 7 power 101 is out of range 0-100" \
    "$(raw_command 0x72 90 101)"
expect_eq "the server names an angle out of range" "0 7 angle 400 is out of range 0-360" \
    "$(raw_command 0x6c 400 50)"
expect_eq "the server names a negative distance" "0 7 distance -3 is out of range 0-1000" \
    "$(raw_command 0x62 -3 50)"
expect_eq "the server names an unprintable key" \
    "0 4 unknown command 0x07 (the commands are f, b, l, r, s, c, g)" "$(raw_command 7 0 0)"

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
stopped_before=$(event_count stopped)
wait_for_event silent $((before + 1)) 30
wait_for_event stopped $((stopped_before + 1)) 10
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
# the stop says it was the fail-safe on silence, not a command
motors=$(awk '/"event":"silent"/ { after = "" } { after = after $0 "\n" } END { printf "%s", after }' \
    "$EVENTS" | grep '"event":"motors"' | head -n 1)
printf '%s' "$motors" | grep -q '"state":"stopped","why":"fail-safe: controller silent for 500 ms (no command or heartbeat)"' &&
    pass || fail "SIGSTOP: the motors event does not say silent: $motors"
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
robot --serial "$WORK/tty" --baud 57600 --reset-wait-ms 0
expect_status "commands through the serial simulator" 0 client --cmd "f 20 50; g; c; s"
grep -q 'ALEX STATUS REPORT' "$WORK/out" && pass || fail "no status through serial"
stop_server
kill "$SIM_PID" 2>/dev/null
wait "$SIM_PID" 2>/dev/null

finish robot
