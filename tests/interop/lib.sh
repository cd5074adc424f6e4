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

# random_hex N: N random bytes as hex
random_hex() { openssl rand -hex "$1"; }

# finish NAME: print the script's totals and set its exit status
finish() {
    echo "interop $1: $PASSED passed, $FAILED failed"
    [ -n "${COUNTS_FILE:-}" ] && echo "$PASSED $FAILED" >>"$COUNTS_FILE"
    [ "$FAILED" -eq 0 ]
}
