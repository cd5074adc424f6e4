#!/bin/sh
# The Arduino unplugged and plugged back in under a running alex-server:
# the simulated Arduino's pseudo-terminal closed (SIGUSR1) and a new one
# opened at the same path (SIGUSR2). The server refuses commands with
# "robot not connected" meanwhile, says so on its terminal and in its
# events, reopens the port with backoff, and drives again once the Arduino
# answers HELLO; SIGTERM while it is reopening stops it at once.
. "$(dirname "$0")/lib.sh"
: "${BUILD_DIR:?BUILD_DIR must name the build folder}"
CLIENT="$BUILD_DIR/alex-client"
SIM="$BUILD_DIR/alex-arduino-sim"
cd "$WORK" || exit 1
TTY="$WORK/ttyACM0"

client() { "$CLIENT" "127.0.0.1:$PORT" --insecure-plaintext "$@"; }
count() { grep -c "$1" events.jsonl; }
wait_count() { # PATTERN N TENTHS: up to TENTHS/10 s for N events matching PATTERN
    i=0
    while [ "$(count "$1")" -lt "$2" ] && [ $i -lt "$3" ]; do sleep 0.1; i=$((i + 1)); done
    [ "$(count "$1")" -ge "$2" ]
}

"$SIM" --link "$TTY" 2>sim.err &
SIM_PID=$!
wait_for sim.err 'simulated at' || fail "the simulator did not start"
start_alex_server server events.jsonl --insecure-plaintext --serial "$TTY" --baud 57600 \
    --reset-wait-ms 300

expect_status "drives through the serial port" 0 client --cmd "f 20 50; g"
grep -q 'ALEX STATUS REPORT' out && pass || fail "no status through serial"

# unplugged: commands refused, in words, until it is back
kill -USR1 $SIM_PID
wait_count '"event":"serial_lost"' 1 20 && pass || fail "the hang-up went unnoticed: $(tail -n 3 events.jsonl)"
expect_status "a command while unplugged" 3 client --cmd "g"
grep -q "robot not connected (its serial port is being reopened)" err && pass ||
    fail "the client was not told the robot is not connected: $(cat err)"
grep -q '"event":"serial_lost","path":"[^"]*ttyACM0","reason":"the serial port hung up (the Arduino unplugged or reset)"' \
    events.jsonl && pass || fail "no serial_lost event: $(grep serial events.jsonl)"
wait_for server.err "^[0-9:]* robot not connected: .*ttyACM0: the serial port hung up (the Arduino unplugged or reset); reopening it in 0.5 s, then at most every 5 s; commands are refused meanwhile\$" &&
    pass || fail "the terminal does not say the robot is gone: $(tail -n 3 server.err)"
wait_for server.err "robot still not connected: .*ttyACM0: cannot open the serial port: No such file or directory (next try in 1.0 s)" &&
    pass || fail "the terminal does not say why the port cannot be reopened: $(tail -n 3 server.err)"

# plugged in again: back within the next try (at most 5 s apart) and the
# Arduino's boot wait
kill -USR2 $SIM_PID
wait_count '"event":"serial_connected"' 1 80 && pass || fail "the port was not reopened: $(grep serial events.jsonl)"
grep -q "^[0-9:]* robot connected again on .*ttyACM0 after [0-9.]* s (attempt [0-9]*)\$" server.err && pass ||
    fail "the terminal does not say the robot is back: $(tail -n 3 server.err)"
expect_status "drives again after the Arduino came back" 0 client --cmd "f 20 50; g"
grep -q 'ALEX STATUS REPORT' out && pass || fail "no status after the reconnect"

# SIGTERM while the port is being reopened: the server stops at once
kill -USR1 $SIM_PID
wait_count '"event":"serial_lost"' 2 20 || fail "the second unplug went unnoticed"
sleep 0.7 # a try (at 0.5 s) has failed; the keeper waits for the next
start=$(date +%s%N)
kill $SERVER_PID
wait $SERVER_PID
took=$((($(date +%s%N) - start) / 1000000))
[ "$took" -lt 1000 ] && pass || fail "SIGTERM while reopening took $took ms"
grep -q '"event":"exit"' events.jsonl && pass || fail "the server did not exit cleanly"

kill $SIM_PID 2>/dev/null
wait $SIM_PID 2>/dev/null
finish robot_serial
