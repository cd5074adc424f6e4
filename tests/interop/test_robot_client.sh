#!/bin/sh
# alex-client as a lab team uses it, against alex-server on loopback (a
# simulated Alex), each outcome read from the server's events file:
#   --drive with a scripted keyboard that autorepeats (600 ms delay, 30/s)
#     on a pseudo-terminal: one smooth forward motion, no stop, no lost
#     link, a stop soon after the key is released; a tap drives 700 ms
#   --cmd: each move waited for until the robot has done it, '&' not to
#     wait, q ends a script, the whole script checked before it runs, a
#     move that does not end in time stopped
#   who refused whom (50 times the same words), --cert/--key missing is a
#     usage error
#   a link lost or closed during a wait is explained; connect has a
#     timeout; --idle-ms below two heartbeats refused
#   values out of range named with their range; the prompt takes "f 10 50"
. "$(dirname "$0")/lib.sh"
: "${BUILD_DIR:?BUILD_DIR must name the build folder}"
SERVER="$BUILD_DIR/alex-server"
CLIENT="$BUILD_DIR/alex-client"
LAPTOP="$(cd "$(dirname "$0")" && pwd)/alex_laptop.py"
EVENTS="$WORK/events.jsonl"
cd "$WORK" || exit 1

make_alex_certs
make_ca other "Other CA"
make_cert other stranger client stranger

# robot NAME [OPTIONS]: alex-server over TLS with the lab's certificates,
# its events in $EVENTS (PORT, SERVER_PID: start_alex_server)
robot() {
    name=$1
    shift
    start_alex_server "$name" "$EVENTS" --cert alex.crt --key alex.key --ca lab/ca.pem "$@"
}
stop_server() { kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; }
client() { "$CLIENT" "127.0.0.1:$PORT" --ca lab/ca.pem --cert laptop.crt --key laptop.key "$@"; }
count() { grep -c "$1" "$EVENTS" 2>/dev/null; }
# checks: turn alex_laptop.py's "ok"/"FAIL" lines into pass/fail
checks() {
    while IFS= read -r line; do
        case "$line" in
        ok\ *) pass ;;
        *) fail "$1: $line" ;;
        esac
    done
}

robot main

# --- 3. --drive, a key held on a keyboard that autorepeats ----------------
python3 "$LAPTOP" keyboard 600 30 2000 -- "$CLIENT" "127.0.0.1:$PORT" --ca lab/ca.pem \
    --cert laptop.crt --key laptop.key --drive >drive.out
expect_eq "drive: exit status" "exit 0" "$(grep '^exit' drive.out)"
first=$(sed -n 's/^first //p' drive.out)
last=$(sed -n 's/^last //p' drive.out)
quit=$(sed -n 's/^quit //p' drive.out)
python3 "$LAPTOP" check-drive "$EVENTS" "$first" "$last" "$quit" | checks "drive, held 2 s"
python3 "$LAPTOP" keyboard 600 30 0 -- "$CLIENT" "127.0.0.1:$PORT" --ca lab/ca.pem \
    --cert laptop.crt --key laptop.key --drive >tap.out
expect_eq "drive, a tap: exit status" "exit 0" "$(grep '^exit' tap.out)"
python3 "$LAPTOP" check-tap "$EVENTS" "$(sed -n 's/^first //p' tap.out)" | checks "drive, a tap"
expect_status "drive: --power out of range named" 2 client --drive --power 150
expect_eq "drive: --power's words" "alex-client: --power 150 is out of range 1-100" "$(cat "$WORK/err")"
expect_status "drive: --power not a number" 2 client --drive --power 5x
expect_eq "drive: --power not a number, as alex-server says it" \
    "alex-client: --power 5x is not a whole number (1-100)" "$(cat "$WORK/err")"

# --- 4. --cmd waits for each move ----------------------------------------
# the help's own example: forward 50 cm, done, then the turn, done, then g
before=$(count '"event":"motors"')
expect_status "help's example" 0 client --cmd "f 50 75; l 90 60; g; wait 2; s"
forward=$(sed -n 's/^Forward Distance *//p' "$WORK/out")
[ "${forward:-0}" -ge 49 ] && pass || fail "help's example: drove ${forward:-?} cm forward, not 50"
turned=$(sed -n 's/^Right Forward Ticks Turns *//p' "$WORK/out")
[ "${turned:-0}" -ge 80 ] && pass || fail "help's example: turned ${turned:-?} ticks, not 81"
expect_eq "help's example: each move done before the next step" 2 "$(grep -c '^Move done' "$WORK/out")"
expect_eq "help's example: both moves completed by the robot" 2 \
    "$(tail -n +$((before + 1)) "$EVENTS" | grep '"event":"motors"' | grep -c 'move complete')"

# a script that ends on a move: the move is made, not cut by the fail-safe
expect_status "script ending on a move" 0 client --cmd "c; f 20 100"
grep -q '^Move done' "$WORK/out" && pass || fail "script ending on a move: not waited for"
expect_eq "script ending on a move: completed, then the link closed" \
    '"state":"stopped","why":"move complete"' \
    "$(grep '"event":"motors"' "$EVENTS" | tail -n 1 | grep -o '"state":"stopped","why":"move complete"')"
# (the simulator's counter truncates a sum of small steps: 19 or 20)
expect_status "the 20 cm are on the counter" 0 client --cmd "g"
forward=$(sed -n 's/^Forward Distance *//p' "$WORK/out")
[ "${forward:-0}" -ge 19 ] && [ "$forward" -le 20 ] && pass ||
    fail "script ending on a move: ${forward:-?} cm on the counter, not 20"

# '&': not waited for
start=$(date +%s%N)
expect_status "a move with '&'" 0 client --cmd "f 100 50 &; wait 0.5; s"
took=$((($(date +%s%N) - start) / 1000000))
[ "$took" -lt 2500 ] && pass || fail "a move with '&' was waited for (${took} ms)"
grep -q '^Move done' "$WORK/out" && fail "a move with '&' was waited for" || pass

# q ends a script; nothing after it is sent
before=$(count '"event":"command"')
expect_status "q ends a script" 0 client --cmd "g; q; f 10 10"
expect_eq "q ends a script: only g sent" $((before + 1)) "$(count '"event":"command"')"
grep -q '"key":"q"' "$EVENTS" && fail "q was sent to the robot" || pass

# the whole script is checked first: nothing of it runs
before=$(count '"event":"command"')
expect_status "a step out of range: exit 3" 3 client --cmd "f 50 75; f 5000 50"
expect_eq "a step out of range: named with its range" \
    "alex-client: step 2 'f 5000 50': distance 5000 is out of range 0-1000 (cm; 0 = until stopped)" \
    "$(cat "$WORK/err")"
expect_status "power out of range" 3 client --cmd "r 90 101"
expect_eq "power out of range: named with its range" \
    "alex-client: step 1 'r 90 101': power 101 is out of range 0-100 (percent)" "$(cat "$WORK/err")"
expect_status "a typo: exit 2" 2 client --cmd "f 50 75; forward 50 75"
expect_eq "nothing of a wrong script ran" "$before" "$(count '"event":"command"')"

# a move that does not end within --move-timeout is stopped
expect_status "move timeout" 5 client --move-timeout 1 --cmd "f 1000 10"
expect_eq "move timeout: said" "alex-client: 'f 1000 10' did not end within 1 s: stopping the robot" \
    "$(cat "$WORK/err")"
expect_eq "move timeout: the robot stopped by the client" '"key":"s"' \
    "$(grep '"event":"command"' "$EVENTS" | tail -n 1 | grep -o '"key":"s"')"

# --- 9. the prompt -------------------------------------------------------
printf 'f 10 50\ng\nf 10 150\nf\n12 40\nq\n' | client >inter.out 2>&1
expect_eq "prompt: exit status" 0 $?
grep -q '"key":"f","p1":10,"p2":50' "$EVENTS" && pass || fail "prompt: 'f 10 50' on one line not sent"
grep -q '"key":"f","p1":12,"p2":40' "$EVENTS" && pass || fail "prompt: the prompted form not sent"
grep -q 'power 150 is out of range 0-100 (percent)' inter.out && pass ||
    fail "prompt: power 150 not named: $(cat inter.out)"
grep -q '"p2":150' "$EVENTS" && fail "prompt: power 150 was sent" || pass

# --- 5. who refused whom -------------------------------------------------
refused=$(count '"event":"refused"')
i=0
while [ $i -lt 50 ]; do
    "$CLIENT" "127.0.0.1:$PORT" --ca lab/ca.pem --cert stranger.crt --key stranger.key \
        --cmd "f 11 11" >/dev/null 2>>refusals.err
    echo "exit $?" >>refusals.err
    i=$((i + 1))
done
expect_eq "the robot refused this laptop, 50 times the same words" \
    "     50 alex-client: the robot refused this laptop's certificate: unknown CA (alert unknown_ca)
     50 exit 1" "$(sort refusals.err | uniq -c)"
grep -q '"p1":11' "$EVENTS" && fail "a refused laptop's command ran" || pass

expect_status "this laptop refused the robot" 1 \
    "$CLIENT" "127.0.0.1:$PORT" --ca other/ca.pem --cert laptop.crt --key laptop.key --cmd "g"
expect_eq "this laptop refused the robot: the words" \
    "alex-client: this laptop refused the robot's certificate: unknown issuer (no trusted CA signed it) (sent unknown_ca): depth 0, CN=alex, issued by CN=Alex Lab CA: no such CA in the CA file or the chain" \
    "$(cat "$WORK/err")"
expect_status "a wrong name: this laptop refused the robot" 1 \
    client --servername not-alex.lab --cmd "g"
grep -q "^alex-client: this laptop refused the robot's certificate: host name mismatch" "$WORK/err" &&
    pass || fail "a wrong name: $(cat "$WORK/err")"

refused=$(count '"event":"refused"')
expect_status "no --cert: usage" 2 "$CLIENT" "127.0.0.1:$PORT" --ca lab/ca.pem --cmd "g"
grep -q -- "--cert and --key are needed.*no --cert; no --key" "$WORK/err" && pass ||
    fail "no --cert: $(cat "$WORK/err")"
expect_status "no --key: usage" 2 "$CLIENT" "127.0.0.1:$PORT" --ca lab/ca.pem --cert laptop.crt --cmd "g"
sleep 0.2
expect_eq "no --cert: the robot never heard of it" "$refused" "$(count '"event":"refused"')"

# --- 7. the link lost under a wait, connect's timeout, --idle-ms ----------
client --cmd "f 0 30; wait 30" >wait1.out 2>wait1.err &
CLIENT_PID=$!
wait_for "$EVENTS" '"key":"f","p1":0,"p2":30' || fail "wait: the client did not start"
sleep 0.3
stop_server # SIGTERM: close_notify
wait $CLIENT_PID
expect_eq "server stopped during wait: exit 1" 1 $?
expect_eq "server stopped during wait: said" \
    "alex-client: the robot closed the link during 'wait 30' (its server is stopping, or heard nothing from this laptop for too long)" \
    "$(cat wait1.err)"

robot second
client --cmd "wait 30" >wait2.out 2>wait2.err &
CLIENT_PID=$!
wait_for "$EVENTS" '"event":"connected"' && sleep 0.3
kill -9 "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null
wait $CLIENT_PID
expect_eq "server killed during wait: exit 1" 1 $?
grep -q "^alex-client: the link to the robot was lost during 'wait 30': " wait2.err && pass ||
    fail "server killed during wait: $(cat wait2.err)"

python3 "$LAPTOP" full-queue >queue.port &
QUEUE_PID=$!
wait_for queue.port "[0-9]"
start=$(date +%s%N)
timeout 20 "$CLIENT" "127.0.0.1:$(cat queue.port)" --ca lab/ca.pem --cert laptop.crt \
    --key laptop.key --cmd "g" >/dev/null 2>queue.err
status=$?
took=$((($(date +%s%N) - start) / 1000000))
kill $QUEUE_PID 2>/dev/null
wait $QUEUE_PID 2>/dev/null
expect_eq "connect to a full queue: exit 1" 1 $status
[ "$took" -ge 4500 ] && [ "$took" -lt 7000 ] && pass ||
    fail "connect to a full queue: gave up after ${took} ms (5 s expected)"
expect_eq "connect to a full queue: said" \
    "alex-client: cannot connect to 127.0.0.1:$(cat queue.port): no answer within 5 s (is the robot on the network, and alex-server running?)" \
    "$(cat queue.err)"

expect_status "--idle-ms below two heartbeats refused" 2 timeout 5 \
    "$SERVER" --port 0 --cert alex.crt --key alex.key --ca lab/ca.pem --idle-ms 150
grep -q "idle-ms" "$WORK/err" && pass || fail "--idle-ms 150: $(cat "$WORK/err")"
robot shortest --idle-ms 200
silent=$(count '"event":"silent"')
expect_status "wait 3 at the shortest idle limit" 0 client --cmd "f 0 20; wait 3; s"
expect_eq "wait 3 at the shortest idle limit: never silent" "$silent" "$(count '"event":"silent"')"
stop_server

# --- 9. --insecure-plaintext warns ---------------------------------------
start_alex_server plain "$EVENTS" --insecure-plaintext
expect_status "plaintext client" 0 "$CLIENT" "127.0.0.1:$PORT" --insecure-plaintext --cmd "g"
grep -q "WARNING: --insecure-plaintext" "$WORK/err" && pass || fail "the plaintext client did not warn"
stop_server

finish robot_client
