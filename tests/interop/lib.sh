# lib.sh: sourced by the interop scripts. Each script checks our output
# against the openssl command line's and counts results with pass/fail.
# SEETLS is the path of the seetls program under test. Each script works in
# a folder of its own, WORK, removed at the end (kept with KEEP_WORK=1).
set -u
: "${SEETLS:?SEETLS must name the seetls program}"
WORK=$(mktemp -d)
trap '[ -n "${KEEP_WORK:-}" ] || rm -rf "$WORK"' EXIT
PASSED=0
FAILED=0

pass() { PASSED=$((PASSED + 1)); }
fail() { FAILED=$((FAILED + 1)); echo "  FAIL: $*"; }

# expect_eq NAME EXPECTED ACTUAL
expect_eq() {
    if [ "$2" = "$3" ]; then pass; else fail "$1: expected '$2', got '$3'"; fi
}

# expect_same_file NAME FILE1 FILE2
expect_same_file() {
    if cmp -s "$2" "$3"; then pass; else fail "$1: $2 and $3 differ"; fi
}

# expect_status NAME WANTED_STATUS COMMAND...
expect_status() {
    name=$1 want=$2
    shift 2
    "$@" >"$WORK/out" 2>"$WORK/err"
    got=$?
    if [ "$got" = "$want" ]; then pass; else
        fail "$name: exit $got, wanted $want ($(head -c 200 "$WORK/err"))"; fi
}

# expect_message NAME TEXT: the last expect_status's standard error is one
# line, starting with "$MESSAGE_FROM: " (the program, as its script sets it:
# MESSAGE_FROM="seetls enc") and containing TEXT.
expect_message() {
    lines=$(wc -l <"$WORK/err")
    first=$(head -n 1 "$WORK/err")
    case "$first" in
        "${MESSAGE_FROM:?the script sets MESSAGE_FROM}: "*"$2"*)
            [ "$lines" -eq 1 ] && pass || fail "$1: $lines lines of error output" ;;
        *) fail "$1: message '$first' lacks '$2'" ;;
    esac
}

# wait_for FILE PATTERN: up to 10 s for a line matching PATTERN in FILE
# (a server's port, "ACCEPT", an event)
wait_for() {
    wait_i=0
    while [ $wait_i -lt 100 ]; do
        grep -q "$2" "$1" 2>/dev/null && return 0
        sleep 0.1
        wait_i=$((wait_i + 1))
    done
    return 1
}

# port_in FILE...: the port a server started with port 0 has said it
# listens on, if it has: the first line of a number alone (seetls server),
# "listening on port N" (alex-server, eve), "ACCEPT [::]:N" (openssl
# s_server), or its started event ("event":"started","port":N).
port_in() {
    sed -n -e '1s/^\([0-9][0-9]*\)$/\1/p' \
        -e 's/.*listening on port \([0-9][0-9]*\).*/\1/p' \
        -e 's/^ACCEPT .*:\([0-9][0-9]*\)$/\1/p' \
        -e 's/.*"event":"started","port":\([0-9][0-9]*\).*/\1/p' \
        "$@" 2>/dev/null | head -n 1
}

# wait_port FILE...: up to 10 s for a port in one of the FILEs (port_in),
# into PORT. Returns 1 when none came.
wait_port() {
    wait_i=0
    while [ $wait_i -lt 100 ]; do
        PORT=$(port_in "$@")
        [ -n "$PORT" ] && return 0
        sleep 0.1
        wait_i=$((wait_i + 1))
    done
    return 1
}

# start_server NAME COMMAND...: COMMAND, a server told to take port 0, in
# the background: standard output in NAME.out, error in NAME.err, input
# the caller's (start_server srv ... <in.txt); its process id in
# SERVER_PID, then up to 10 s for the port it chose (port_in), in PORT.
# Returns 1, with a fail, when it said none (at once if it exited).
start_server() {
    server_name=$1
    shift
    rm -f "$server_name.out" "$server_name.err"
    # A command put in the background reads /dev/null unless its input is
    # redirected (POSIX 2.9.3.1): it gets the caller's through descriptor 3.
    { "$@" <&3 3<&- >"$server_name.out" 2>"$server_name.err" & } 3<&0
    SERVER_PID=$!
    wait_i=0
    while [ $wait_i -lt 100 ]; do
        PORT=$(port_in "$server_name.out" "$server_name.err")
        [ -n "$PORT" ] && return 0
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.1
        wait_i=$((wait_i + 1))
    done
    PORT=$(port_in "$server_name.out" "$server_name.err") # said as it exited
    [ -n "$PORT" ] && return 0
    fail "$server_name: $1 did not start: $(head -c 300 "$server_name.err")"
    return 1
}

# start_seetls_server NAME OPTION...: seetls server --port 0 OPTION... by
# start_server (NAME.out: the port, then what the client sent).
start_seetls_server() {
    server_name=$1
    shift
    start_server "$server_name" "$SEETLS" server --port 0 "$@"
}

# start_openssl_server NAME SECONDS OPTION...: openssl s_server -accept 0
# OPTION... for SECONDS at most, in the background, standard input
# /dev/null, both output streams in NAME.out (its "ACCEPT" line, errors
# and alerts); SERVER_PID and PORT as start_server.
start_openssl_server() {
    server_name=$1 server_seconds=$2
    shift 2
    rm -f "$server_name.out"
    timeout "$server_seconds" openssl s_server -accept 0 "$@" </dev/null \
        >"$server_name.out" 2>&1 &
    SERVER_PID=$!
    wait_port "$server_name.out" && return 0
    fail "$server_name: openssl s_server did not start: $(head -c 300 "$server_name.out")"
    return 1
}

# make_openssl_ca_and_server: certificates our code did not make, by
# openssl: a CA (ca.pem, ca.key, "Test CA") and from it a server
# certificate for robot.lab (srv.pem, srv.key; serverAuth).
make_openssl_ca_and_server() {
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem \
        -subj "/CN=Test CA" -days 30 -addext basicConstraints=critical,CA:TRUE \
        -addext keyUsage=keyCertSign 2>/dev/null || fail "openssl: no CA"
    openssl req -newkey rsa:2048 -nodes -keyout srv.key -out srv.csr \
        -subj /CN=robot.lab 2>/dev/null || fail "openssl: no request"
    printf 'subjectAltName=DNS:robot.lab\nextendedKeyUsage=serverAuth\n' >srv.ext
    openssl x509 -req -in srv.csr -CA ca.pem -CAkey ca.key -CAcreateserial \
        -out srv.pem -days 30 -extfile srv.ext 2>/dev/null || fail "openssl: no certificate"
}

# make_ca DIR NAME: a new CA, "seetls ca init" (DIR/ca.pem, DIR/ca-key.pem).
make_ca() {
    "$SEETLS" ca init --dir "$1" --name "$2" >/dev/null 2>&1 ||
        fail "ca init --dir $1 --name '$2' failed"
}

# make_cert CA_DIR NAME server|client OUT [OPTION...]: a new key and a
# certificate for NAME from CA_DIR's CA, in OUT.key and OUT.crt; OPTIONs
# as seetls ca issue takes them (--dns HOST, --ip ADDR).
make_cert() {
    cert_ca=$1 cert_name=$2 cert_kind=$3 cert_out=$4
    shift 4
    "$SEETLS" ca issue --dir "$cert_ca" --name "$cert_name" --"$cert_kind" \
        --out-key "$cert_out.key" --out-cert "$cert_out.crt" "$@" >/dev/null 2>&1 ||
        fail "ca issue --name '$cert_name' --$cert_kind failed"
}

# make_alex_certs [LAPTOP]: the robot scripts' lab, by make_ca and
# make_cert: its CA in lab/ ("Alex Lab CA"), the robot's certificate for
# alex.lab and 127.0.0.1 (alex.key, alex.crt; CN alex, a server's) and a
# laptop's (laptop.key, laptop.crt; CN LAPTOP, laptop unless given, a
# client's).
make_alex_certs() {
    make_ca lab "Alex Lab CA"
    make_cert lab alex server alex --dns alex.lab --ip 127.0.0.1
    make_cert lab "${1:-laptop}" client laptop
}

# start_alex_server NAME EVENTS OPTION...: alex-server --port 0 --events
# EVENTS OPTION... (BUILD_DIR's) by start_server, standard input
# /dev/null, its terminal in NAME.err; then up to 10 s for its "started"
# event in EVENTS (written just after it says its port), so that the
# caller reads a complete start from EVENTS. SERVER_PID and PORT as
# start_server.
start_alex_server() {
    alex_name=$1 alex_events=$2
    shift 2
    start_server "$alex_name" "${BUILD_DIR:?BUILD_DIR must name the build folder}/alex-server" \
        --port 0 --events "$alex_events" "$@" </dev/null || return 1
    wait_for "$alex_events" "\"event\":\"started\",\"port\":$PORT," && return 0
    fail "$alex_name: alex-server said port $PORT but wrote no started event in $alex_events"
    return 1
}

# random_hex N: N random bytes as hex
random_hex() { openssl rand -hex "$1"; }

# finish NAME: print the script's totals and set its exit status
finish() {
    echo "interop $1: $PASSED passed, $FAILED failed"
    [ -n "${COUNTS_FILE:-}" ] && echo "$PASSED $FAILED" >>"$COUNTS_FILE"
    [ "$FAILED" -eq 0 ]
}
