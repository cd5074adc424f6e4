#!/bin/sh
# run_suites.sh DIR [LABEL [SUITE...]]: run every CUnit suite program in DIR
# (or only the SUITEs named, e.g. test_gcm) from the top of the repository,
# then print one line with the totals. Fails if any suite fails, crashes,
# or there are no suites. SEETLS_EMULATOR, if set, runs each (qemu-arm for
# the ARM builds of make test-cross).
set -u
dir=$1
label=${2:-unit suites}
[ $# -ge 2 ] && shift 2 || shift $#
only=" $* "
passed=0
failed=0
bad=""
suites=0
for t in "$dir"/test_*; do
    [ -x "$t" ] || continue
    case "$only" in
    "  ") ;;
    *" $(basename "$t") "*) ;;
    *) continue ;;
    esac
    suites=$((suites + 1))
    out=$(${SEETLS_EMULATOR:+"$SEETLS_EMULATOR"} "$t" 2>&1)
    rc=$?
    printf '%s\n' "$out" | grep -E '^ +(tests|asserts) ' | sed "s|^|$(basename "$t"): |"
    line=$(printf '%s\n' "$out" | grep -E '^ +tests ' | tail -n 1)
    # CUnit: "tests  Total  Ran  Passed  Failed  Inactive"
    p=$(printf '%s\n' "$line" | awk '{print $4}')
    f=$(printf '%s\n' "$line" | awk '{print $5}')
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
    if [ $rc -ne 0 ] || [ -z "$line" ]; then
        bad="$bad $(basename "$t")"
        printf '%s\n' "$out" | grep -vE '^ +(suites|tests|asserts|elapsed)' | tail -n 40
        [ -z "$line" ] && failed=$((failed + 1))
    fi
done
if [ $suites -eq 0 ]; then
    echo "$label: no test programs in $dir"
    exit 1
fi
echo "$label: $passed passed, $failed failed"
[ -n "${COUNTS_FILE:-}" ] && echo "$passed $failed" >>"$COUNTS_FILE"
if [ -n "$bad" ]; then
    echo "$label: FAILED:$bad"
    exit 1
fi
