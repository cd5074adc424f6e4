# lib.sh: sourced by the interop scripts. Each script checks our output
# against the openssl command line's and counts results with pass/fail.
# SEETLS is the path of the seetls program under test.
set -u
: "${SEETLS:?SEETLS must name the seetls program}"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
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

# next_port: a port in PORT for a server that cannot pick its own
# (openssl s_server; ours take --port 0), from this script's process id
port_base=$((20000 + $$ % 20000))
port_n=0
next_port() { port_n=$((port_n + 1)); PORT=$((port_base + port_n)); }

# random_hex N: N random bytes as hex
random_hex() { openssl rand -hex "$1"; }

# finish NAME: print the script's totals and set its exit status
finish() {
    echo "interop $1: $PASSED passed, $FAILED failed"
    [ -n "${COUNTS_FILE:-}" ] && echo "$PASSED $FAILED" >>"$COUNTS_FILE"
    [ "$FAILED" -eq 0 ]
}
