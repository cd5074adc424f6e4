#!/bin/sh
# run.sh [SCRIPT...]: the tlsfuzzer scripts of scripts.txt, each run against
# a `seetls server` of its own; one PASS/FAIL line per run with its counts,
# then the cases left out (excluded.txt) and those expected to fail in an
# RFC-allowed way (expected.txt), and the totals. With SCRIPT names, only
# the lines of those scripts run.
#
# Environment:
#   TLSFUZZER   the folder holding the tlsfuzzer/ and tlslite-ng/ checkouts
#   SEETLS      the seetls program under test
#   BUILD_DIR   the build folder; the run works in BUILD_DIR/tlsfuzzer/
#   COUNTS_FILE if set, gets one "passed failed" line (cases), as the other
#               stages of make test add theirs
#   TLSFUZZER_SEED  the seed of the scripts' random choices (-n sampling,
#               fuzzed bytes); random by default and printed, so that a run
#               can be repeated
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${TLSFUZZER:?TLSFUZZER must name the folder holding tlsfuzzer/ and tlslite-ng/}"
: "${SEETLS:?SEETLS must name the seetls program}"
: "${BUILD_DIR:?BUILD_DIR must name the build folder}"
PYTHON=/usr/bin/python3 # Debian's, with python3-ecdsa; a pyenv one may shadow it
SCRIPT_TIMEOUT=300      # seconds: a hung script fails instead of stalling make test

fuzzer=$(cd "$TLSFUZZER/tlsfuzzer" 2>/dev/null && pwd)
tlslite=$(cd "$TLSFUZZER/tlslite-ng" 2>/dev/null && pwd)
if [ -z "$fuzzer" ] || [ -z "$tlslite" ] || [ ! -d "$fuzzer/tlsfuzzer/_apps" ]; then
    echo "tlsfuzzer: $TLSFUZZER holds no tlsfuzzer/ and tlslite-ng/ checkouts"
    exit 1
fi
export PYTHONPATH="$fuzzer:$tlslite:/usr/lib/python3/dist-packages"
export PYTHONDONTWRITEBYTECODE=1 # the checkouts may be read-only
if ! "$PYTHON" -c 'import ecdsa, tlslite, tlsfuzzer' 2>/dev/null; then
    echo "tlsfuzzer: $PYTHON cannot import ecdsa, tlslite and tlsfuzzer" \
        "(make deps installs python3-ecdsa)"
    exit 1
fi
only=""
for name in "$@"; do only="$only $name "; done
seed=${TLSFUZZER_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
SEETLS=$(cd "$(dirname "$SEETLS")" && pwd)/$(basename "$SEETLS")

work=$(mkdir -p "$BUILD_DIR" && cd "$BUILD_DIR" && pwd)/tlsfuzzer
rm -rf "$work"
mkdir -p "$work/logs" "$work/apps"
cd "$work" || exit 1

# The server's certificate, and a client certificate for the scripts that
# authenticate the client, from a CA of this run (docs/certificates.md).
if ! { "$SEETLS" ca init --dir ca --name "tlsfuzzer CA" &&
       "$SEETLS" ca issue --dir ca --name localhost --dns localhost --ip 127.0.0.1 \
           --server --out-key server.key --out-cert server.crt &&
       "$SEETLS" ca issue --dir ca --name "tlsfuzzer client" --client \
           --out-key client.key --out-cert client.crt; } >logs/ca.log 2>&1; then
    echo "tlsfuzzer: making the certificates failed:"
    cat logs/ca.log
    exit 1
fi

# ----------------------------------------------------------- the server ---

# server_options CONFIG: the seetls server options of a configuration,
# comma-separated words: rsa|dhe|both|ecdhe|all (the suites: --kx), noetm,
# noems, cert
# (a client certificate from our CA required), www (an HTTP answer, as
# openssl s_server -www gives; otherwise --echo), allgroups (all five RFC
# 7919 groups, not only the default ffdhe2048..4096).
server_options() {
    mode=--echo
    opts=""
    for word in $(printf '%s' "$1" | tr , ' '); do
        case $word in
        rsa | dhe | both | ecdhe | all) opts="$opts --kx $word" ;;
        noetm) opts="$opts --no-etm" ;;
        noems) opts="$opts --no-ems" ;;
        cert) opts="$opts --verify-client --ca ca/ca.pem" ;;
        www) mode=--www ;;
        allgroups) opts="$opts --groups ffdhe2048:ffdhe3072:ffdhe4096:ffdhe6144:ffdhe8192" ;;
        *) return 1 ;;
        esac
    done
    printf '%s%s\n' "$mode" "$opts"
}

# start_server CONFIG LOG: a server on a port the system picks (printed on
# its first line); sets spid and port.
start_server() {
    opts=$(server_options "$1") || { echo "bad server configuration '$1'" >"$2"; return 1; }
    # shellcheck disable=SC2086 # the options are words
    "$SEETLS" server --port 0 --cert server.crt --key server.key --timeout 10000 \
        $opts >"$2.port" 2>"$2" </dev/null &
    spid=$!
    port=""
    tries=0
    while [ -z "$port" ] && [ $tries -lt 100 ] && kill -0 $spid 2>/dev/null; do
        port=$(head -n 1 "$2.port")
        [ -n "$port" ] || sleep 0.05
        tries=$((tries + 1))
    done
    [ -n "$port" ]
}

stop_server() {
    kill "$spid" 2>/dev/null
    wait "$spid" 2>/dev/null
}

# ----------------------------------------------------------- the script ---

# script_file NAME HOW: the Python file to run: tlsfuzzer's own (as-is), or
# a copy in apps/ whose *_AES_128_CBC_SHA suites are changed, for a script
# that has no option to choose the suite: to *_AES_128_CBC_SHA256 (sha256;
# ECDHE has no such suite of ours), or to *_AES_128_GCM_SHA256 (gcm).
script_file() {
    original="$fuzzer/tlsfuzzer/_apps/test_$(printf '%s' "$1" | tr - _).py"
    [ -f "$original" ] || return 1
    case $2 in
    as-is) printf '%s\n' "$original"; return 0 ;;
    sha256) to=_AES_128_CBC_SHA256 ;;
    gcm) to=_AES_128_GCM_SHA256 ;;
    *) return 1 ;;
    esac
    copy="$work/apps/$2-$(basename "$original")"
    grep -q '_AES_128_CBC_SHA\b' "$original" || return 1
    {
        echo "# A copy of tlsfuzzer's $(basename "$original") made by seetls'"
        echo "# tests/tlsfuzzer/run.sh: every *_AES_128_CBC_SHA suite is changed to"
        echo "# *$to (seetls has no SHA-1 suite and the script has no option to"
        echo "# choose one). Nothing else differs."
        sed "s/_AES_128_CBC_SHA\b/$to/g" "$original"
    } >"$copy"
    printf '%s\n' "$copy"
}

# list FILE: the entries of excluded.txt or expected.txt, "|"-separated
# fields with the spaces around them trimmed, comments and blanks left out.
list() {
    sed -e '/^[[:space:]]*#/d' -e '/^[[:space:]]*$/d' \
        -e 's/[[:space:]]*|[[:space:]]*/|/g' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' \
        "$here/$1"
}

# case_options NAME: the options that leave out (-e CASE) and expect to fail
# (-x CASE -X TEXT) the cases the two lists name for the script NAME, one
# argument a line.
case_options() {
    list excluded.txt | while IFS='|' read -r script case why; do
        [ "$script" = "$1" ] && [ "$case" != "*" ] && printf -- '-e\n%s\n' "$case"
    done
    list expected.txt | while IFS='|' read -r script case text why; do
        [ "$script" = "$1" ] && printf -- '-x\n%s\n-X\n%s\n' "$case" "$text"
    done
}

# whole_script_excluded NAME
whole_script_excluded() {
    list excluded.txt | grep -q "^$1|\*|"
}

# summary LOG WORD: the "WORD: N" figure of tlsfuzzer's closing summary
summary() {
    n=$(sed -n "/^Test end/,\$ s/^$2: \([0-9]*\)\$/\1/p" "$1" | tail -n 1)
    echo "${n:-0}"
}

# run_script FILE NAME ARG...: the script, its random choices from $seed.
run_script() {
    timeout "$SCRIPT_TIMEOUT" "$PYTHON" -c '
import random, runpy, sys
path, name, seed = sys.argv[1:4]
random.seed(int(seed))
sys.argv = ["test-" + name] + sys.argv[4:]
runpy.run_path(path, run_name="__main__")
' "$@"
}

# ------------------------------------------------------------- the runs ---

echo "tlsfuzzer: the scripts of $fuzzer against $SEETLS" \
    "(TLSFUZZER_SEED=$seed repeats this run's random choices)"
total_passed=0
total_failed=0
runs=0
failed_runs=""
lineno=0
while IFS= read -r line; do
    lineno=$((lineno + 1))
    line=${line%%#*}
    set -f
    # shellcheck disable=SC2086 # the line's first three words
    set -- $line
    set +f
    [ $# -ge 3 ] || continue
    name=$1 how=$2 config=$3
    shift 3
    if [ -n "$only" ] && ! printf '%s' "$only" | grep -q " $name "; then
        continue
    fi
    whole_script_excluded "$name" && continue
    runs=$((runs + 1))
    label="$name [$config]"
    log="logs/$(printf '%03d' $lineno)-$name"
    # The rest of the line: the script's arguments, quoted as in sh; the
    # client's key and certificate are @CLIENT_KEY@ and @CLIENT_CERT@.
    args=$(printf '%s' "$*" | sed "s|@CLIENT_KEY@|$work/client.key|g; s|@CLIENT_CERT@|$work/client.crt|g")
    if ! file=$(script_file "$name" "$how"); then
        echo "FAIL $label: tlsfuzzer has no test_$name.py to run $how"
        total_failed=$((total_failed + 1))
        failed_runs="$failed_runs $name"
        continue
    fi
    if ! start_server "$config" "$log.server"; then
        echo "FAIL $label: the server did not start: $(head -c 200 "$log.server")"
        stop_server
        total_failed=$((total_failed + 1))
        failed_runs="$failed_runs $name"
        continue
    fi
    # The case options first: getopt stops at a script's first case name.
    cases=$(case_options "$name")
    old_ifs=$IFS
    IFS='
'
    set -f
    # shellcheck disable=SC2086 # one argument a line
    set -- $cases
    set +f
    IFS=$old_ifs
    eval "set -- \"\$@\" $args" # our own file's text: quoted case names stay whole
    started=$(date +%s)
    run_script "$file" "$name" "$seed" -h 127.0.0.1 -p "$port" "$@" \
        >"$log.log" 2>&1 </dev/null
    rc=$?
    seconds=$(($(date +%s) - started))
    alive=1
    kill -0 "$spid" 2>/dev/null || alive=0
    stop_server
    passed=$(($(summary "$log.log" PASS) + $(summary "$log.log" XFAIL)))
    failed=$(($(summary "$log.log" FAIL) + $(summary "$log.log" XPASS)))
    why=""
    if [ $alive -eq 0 ]; then
        why="the server exited during the run (see $work/$log.server)"
    elif [ $rc -eq 124 ]; then
        why="stopped after $SCRIPT_TIMEOUT s"
    elif [ $rc -ne 0 ] && [ "$failed" -eq 0 ]; then
        why="the script ended with status $rc"
    fi
    [ -n "$why" ] && failed=$((failed + 1))
    total_passed=$((total_passed + passed))
    total_failed=$((total_failed + failed))
    if [ "$failed" -eq 0 ]; then
        echo "PASS $label: $passed passed (${seconds} s)"
    else
        failed_runs="$failed_runs $name"
        echo "FAIL $label: $passed passed, $failed failed (${seconds} s; $work/$log.log)"
        [ -n "$why" ] && echo "    $why"
        # the names tlsfuzzer lists under FAILED: and XPASSED:
        sed -n '/^\(FAILED\|XPASSED\):$/,/^=/ s/^\t/    /p' "$log.log" | head -n 30
    fi
done <"$here/scripts.txt"

echo "tlsfuzzer: left out (excluded.txt: features seetls does not have):"
list excluded.txt | while IFS='|' read -r script case why; do
    echo "    $script: $case: $why"
done
echo "tlsfuzzer: expected to fail (expected.txt: what the RFCs allow us to do otherwise):"
list expected.txt | while IFS='|' read -r script case text why; do
    echo "    $script: $case: $why"
done
echo "tlsfuzzer: $runs runs, $total_passed passed, $total_failed failed"
[ -n "${COUNTS_FILE:-}" ] && echo "$total_passed $total_failed" >>"$COUNTS_FILE"
if [ -n "$failed_runs" ]; then
    echo "tlsfuzzer: FAILED:$failed_runs"
    exit 1
fi
exit 0
