#!/bin/sh
# No peer blocks everyone: seetls server and alex-server under slow, idle
# and numerous peers (tests/interop/peers.py plays them).
#  - the slow drip: one peer sends a byte every 2 s while 50 TCP connections
#    sit idle; a real client (OpenSSL) still completes its handshake in
#    under 100 ms, and the drip is cut at the handshake deadline (3 s here);
#  - 30 clients at once, with --keylog and --trace: each its own key log
#    line and trace;
#  - a refused client reads the alert by name, every time (no reset);
#  - alex-server: at most --max-handshakes strangers, the excess closed at
#    once and logged, the controller undisturbed;
#  - out of file descriptors: no spinning, and a valid client gets in once
#    descriptors are free again;
#  - SIGTERM with stalled handshakes: alex-server exits within 1 s;
#  - no data race in alex-server (helgrind, when valgrind is installed);
#  - 200 connections at once: none waits for a SYN retransmission.
. "$(dirname "$0")/lib.sh"
: "${BUILD_DIR:?BUILD_DIR must name the build folder}"
PEERS="$(cd "$(dirname "$0")" && pwd)/peers.py"
ALEX="$BUILD_DIR/alex-server"
cd "$WORK" || exit 1

# The interpreter itself, not a wrapper script that finds it (some take
# seconds to start, and the peers must be quick to start).
PY=$(python3 -c 'import ssl, sys; print(sys.executable)' 2>/dev/null)
if [ -z "$PY" ]; then
    echo "interop slow_peers: python3 with ssl is needed; skipped"
    finish slow_peers
    exit
fi
peers() { "$PY" "$PEERS" "$@"; }

make_ca lab "Lab CA"
make_cert lab robot.lab server srv --dns robot.lab --ip 127.0.0.1
make_cert lab laptop client laptop

PIDS=""
trap 'for p in $PIDS; do kill "$p" 2>/dev/null; done; rm -rf "$WORK"' EXIT

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# seetls_server NAME ARGS...: started in the background; $port, $spid
seetls_server() {
    name=$1
    shift
    start_seetls_server "$name" --cert srv.crt --key srv.key "$@" </dev/null
    spid=$SERVER_PID
    PIDS="$PIDS $spid"
    port=$PORT
}

# alex_server NAME ARGS...: started in the background; $port, $spid
alex_server() {
    name=$1
    shift
    start_server "$name" "$ALEX" --port 0 --cert srv.crt --key srv.key --ca lab/ca.pem \
        --events "$name.events" "$@" </dev/null
    spid=$SERVER_PID
    PIDS="$PIDS $spid"
    port=$PORT
}

# hold_idle PORT N: N idle connections, held until killed ($idle_pid)
hold_idle() {
    "$PY" "$PEERS" idle "$1" "$2" >"idle.$1.$2" 2>&1 &
    idle_pid=$!
    PIDS="$PIDS $idle_pid"
    wait_for "idle.$1.$2" ready || fail "the $2 idle connections did not connect"
}

stop() { kill "$1" 2>/dev/null; wait "$1" 2>/dev/null; }

# wait_count FILE PATTERN N: up to 5 s for N lines matching PATTERN
wait_count() {
    i=0
    while [ "$(grep -c "$2" "$1")" -lt "$3" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
    [ "$(grep -c "$2" "$1")" -ge "$3" ]
}

# median_below LIMIT "A B C": the middle of three numbers is below LIMIT
median_below() {
    m=$(printf '%s\n' $2 | sort -n | sed -n 2p)
    case $m in *[!0-9]* | "") return 1 ;; esac
    [ "$m" -lt "$1" ]
}

# between LOW HIGH X: LOW <= X <= HIGH (decimals)
between() { awk -v l="$1" -v h="$2" -v x="$3" 'BEGIN { exit !(x ~ /^[0-9.]+$/ && x >= l && x <= h) }'; }

# all_same WORDS: every word equal, and an alert's name (not reset or eof)
all_same_alert() {
    kinds=$(printf '%s\n' $1 | sort -u)
    [ "$(printf '%s\n' "$kinds" | wc -l)" -eq 1 ] &&
        ! printf '%s' "$kinds" | grep -q 'reset\|eof\|not-an-alert\|accepted\|Error'
}

# ---------------------------------------------------- the slow drip ---

slow_drip() { # WHAT CERT KEY LOG CUT: against the server on $port, whose
    # LOG has a line matching CUT for each peer cut at the deadline
    "$PY" "$PEERS" drip "$port" 2 8 >"drip.$1" &
    drip_pid=$!
    wait_for "drip.$1" connected
    hold_idle "$port" 50
    times=$(peers handshake "$port" lab/ca.pem "$2" "$3" 3)
    median_below 100 "$times" && pass ||
        fail "$1: a real client's handshakes took $times ms beside a drip and 50 idle connections"
    wait $drip_pid
    cut=$(tail -n 1 "drip.$1")
    between 2.8 4.0 "$cut" && pass || fail "$1: the dripping peer was cut after $cut s, not 3"
    wait_count "$4" "$5" 51 && pass ||
        fail "$1: the drip and the 50 idle connections were not all cut at the deadline"
    stop "$idle_pid"
}

seetls_server drip --echo --handshake-timeout 3000
slow_drip "seetls server" "" "" drip.err \
    'handshake failed: the handshake took longer than its deadline (3000 ms); closed 127.0.0.1:'
stop "$spid"

alex_server alexdrip --handshake-ms 3000
slow_drip "alex-server" laptop.crt laptop.key alexdrip.events \
    '"event":"refused","peer":"127.0.0.1:[0-9]*","reason":"TLS handshake: the handshake took longer than its deadline"'
grep -q '"event":"connected","peer":"CN=laptop"' alexdrip.events && pass ||
    fail "alex-server: the laptop's handshakes are not in the events"
stop "$spid"

# ------------------------------------------- many connections at once ---
# 30 clients at once through --echo with --keylog and --trace: every echo
# comes back, our key log equals OpenSSL's (each connection's RB with its
# own master secret), and the trace is whole lines, each connection's
# numbered from 1.

seetls_server many --echo --keylog ours.keylog --trace
expect_eq "30 clients at once, each echoed" "ok 30" "$(peers parallel "$port" lab/ca.pem 30 theirs.keylog)"
stop "$spid"
sort ours.keylog >ours.sorted
grep '^CLIENT_RANDOM' theirs.keylog | sort >theirs.sorted
expect_eq "30 key log lines" 30 "$(wc -l <ours.sorted)"
expect_same_file "our key log is OpenSSL's" ours.sorted theirs.sorted
expect_eq "trace lines whole" "" \
    "$(grep -v -E '^ *[0-9]+ (client|server) +[A-Za-z_ 0-9]+ ' many.err | grep -v '^seetls server: ' | head -n 3)"
expect_eq "each connection's trace from step 1" 30 "$(grep -c '^  1 client ClientHello ' many.err)"

# ----------------------------------------------- the alert reaches the peer ---
# Refused while it is still sending: without the drain, the server's close
# with unread bytes sends a reset, and the client loses the alert.

seetls_server refuse --echo --verify-client --ca lab/ca.pem
words=$(peers refused "$port" lab/ca.pem 20)
all_same_alert "$words" && printf '%s' "$words" | grep -q handshake_failure && pass ||
    fail "a client without a certificate: $words"
words=$(peers bighello "$port" 20)
all_same_alert "$words" && pass || fail "a ClientHello too long, refused mid-flight: $words"
ok=0
for i in 1 2 3 4 5; do
    openssl s_client -tls1_2 -connect "127.0.0.1:$port" -CAfile lab/ca.pem </dev/null \
        >s_client.out 2>&1
    grep -q 'alert handshake failure' s_client.out && ok=$((ok + 1))
done
expect_eq "openssl s_client reads handshake_failure, 5 times of 5" 5 $ok
stop "$spid"

alex_server alexrefuse
words=$(peers bighello "$port" 20)
all_same_alert "$words" && pass || fail "alex-server, a ClientHello too long: $words"
ok=0
for i in 1 2 3 4 5; do # (the robot's own certificate is not one for a laptop)
    "$BUILD_DIR/alex-client" "127.0.0.1:$port" --ca lab/ca.pem --cert srv.crt --key srv.key \
        --cmd g >/dev/null 2>client.err
    grep -q "the robot refused this laptop's certificate: a certificate not for this use (alert unsupported_certificate)" \
        client.err && ok=$((ok + 1))
done
expect_eq "alex-client with a server's certificate reads unsupported_certificate, 5 times of 5" 5 $ok
stop "$spid"

# ---------------------------------------- alex-server: the cap on strangers ---

alex_server cap --max-handshakes 4
"$BUILD_DIR/alex-client" "127.0.0.1:$port" --ca lab/ca.pem --cert laptop.crt --key laptop.key \
    --cmd "f 0 40; wait 2; g" >controller.out 2>&1 &
controller=$!
wait_for cap.events '"event":"connected"'
hold_idle "$port" 4
start=$(now_ms)
for i in 1 2 3; do
    got=$(peers closed "$port" 2)
    case $got in
    open) fail "a fifth stranger was left open" ;;
    *) [ "$got" -lt 200 ] && pass || fail "a fifth stranger was closed after $got ms" ;;
    esac
done
wait $controller
expect_eq "the controller finished undisturbed" 0 $?
grep -q 'ALEX STATUS REPORT' controller.out && pass || fail "the controller's status report is missing"
[ "$(grep '"event":"refused"' cap.events | grep -c '"reason":"too many handshakes in progress","max_handshakes":4')" -eq 3 ] &&
    pass || fail "the excess strangers are not logged: $(grep refused cap.events | tail -n 2)"
grep '"event":"link_lost"' cap.events | head -n 1 | grep -q 'close_notify' && pass ||
    fail "the controller's link was disturbed: $(grep link_lost cap.events)"
grep -q '"event":"silent"' cap.events && fail "the controller went silent" || pass
stop "$idle_pid"
times=$(peers handshake "$port" lab/ca.pem laptop.crt laptop.key 3)
median_below 100 "$times" && pass || fail "once the strangers left, handshakes took $times ms"
stop "$spid"

# ------------------------------------------- out of file descriptors ---
# 40 idle connections against 32 descriptors: accept fails with EMFILE.

emfile() { # NAME CERT KEY: the server is $spid on $port
    hold_idle "$port" 40
    cpu=$(peers cpu "$spid" 3)
    between 0 0.3 "$cpu" && pass || fail "$1: $cpu s of CPU in 3 s out of descriptors (spinning)"
    stop "$idle_pid"
    times=$(peers handshake "$port" lab/ca.pem "$2" "$3" 3)
    median_below 500 "$times" && pass || fail "$1: after the descriptors came back: $times ms"
}

(ulimit -n 32 && exec "$ALEX" --port 0 --cert srv.crt --key srv.key --ca lab/ca.pem \
    --events emfile.events 2>emfile.err) &
spid=$!
PIDS="$PIDS $spid"
wait_port emfile.err
port=$PORT
emfile alex-server laptop.crt laptop.key
grep -q '"event":"accept_failed","reason":"out of file descriptors' emfile.events && pass ||
    fail "alex-server: running out of descriptors is not logged"
stop "$spid"

(ulimit -n 32 && exec "$SEETLS" server --port 0 --cert srv.crt --key srv.key --echo \
    >emfile.port 2>emfile2.err) &
spid=$!
PIDS="$PIDS $spid"
wait_port emfile.port
port=$PORT
emfile "seetls server" "" ""
grep -q 'accept: out of file descriptors' emfile2.err && pass ||
    fail "seetls server: running out of descriptors is not said"
stop "$spid"

# ----------------------------------------- SIGTERM with stalled handshakes ---

alex_server term
"$BUILD_DIR/alex-client" "127.0.0.1:$port" --ca lab/ca.pem --cert laptop.crt --key laptop.key \
    --cmd "f 0 40; wait 10" >/dev/null 2>&1 &
controller=$!
PIDS="$PIDS $controller"
wait_for term.events '"event":"connected"'
hold_idle "$port" 10
"$PY" "$PEERS" drip "$port" 1 10 >term.drip &
PIDS="$PIDS $!"
wait_for term.drip connected
sleep 0.2
start=$(now_ms)
kill -TERM "$spid"
wait "$spid"
took=$(($(now_ms) - start))
[ $took -lt 1000 ] && pass || fail "SIGTERM with 11 stalled handshakes took $took ms"
grep -q '"event":"exit"' term.events && pass || fail "no exit event"
grep '"event":"link_lost"' term.events | grep -q 'server shutting down' && pass ||
    fail "the controller was not told why: $(grep link_lost term.events)"
stop "$idle_pid"
stop "$controller"

# ------------------------------------------------------------- helgrind ---
# The stop flag the signal handler writes and the threads read, the state
# the connection threads share: no data race (valgrind's helgrind), with a
# controller, one laptop told "busy", strangers, and SIGTERM.

# (Not a sanitizer build: those do not run under valgrind.)
if command -v valgrind >/dev/null 2>&1 &&
    valgrind -q --tool=none "$ALEX" --help >/dev/null 2>&1; then
    valgrind --tool=helgrind --log-file=helgrind.log "$ALEX" --port 0 --cert srv.crt \
        --key srv.key --ca lab/ca.pem --events hg.events 2>hg.err &
    spid=$!
    PIDS="$PIDS $spid"
    wait_port hg.err
    port=$PORT
    "$BUILD_DIR/alex-client" "127.0.0.1:$port" --ca lab/ca.pem --cert laptop.crt --key laptop.key \
        --cmd "f 0 40; wait 3" >/dev/null 2>&1 &
    controller=$!
    wait_for hg.events '"event":"connected"'
    "$BUILD_DIR/alex-client" "127.0.0.1:$port" --ca lab/ca.pem --cert laptop.crt --key laptop.key \
        --cmd "g" >/dev/null 2>&1
    hold_idle "$port" 3
    kill -TERM "$spid"
    wait "$spid"
    stop "$idle_pid"
    wait $controller
    grep -q '"reason":"busy' hg.events && pass || fail "helgrind run: no laptop was told busy"
    grep -q 'ERROR SUMMARY: 0 errors' helgrind.log && pass ||
        fail "helgrind: $(grep -A3 'Possible data race' helgrind.log | head -n 8)"
fi

# ------------------------------------------------ 200 connections at once ---

seetls_server burst --echo
slowest=$(peers burst "$port" 200)
between 0 500 "$slowest" && pass || fail "seetls server: 200 connects at once, the slowest $slowest ms"
stop "$spid"
alex_server alexburst
slowest=$(peers burst "$port" 200)
between 0 500 "$slowest" && pass || fail "alex-server: 200 connects at once, the slowest $slowest ms"
stop "$spid"

finish slow_peers
