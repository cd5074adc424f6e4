#!/bin/sh
# run.sh CT_CHECK: every case of the constant-time check (ct_check.c, whose
# header tells the idea and how to add a primitive) under valgrind's
# memcheck, with the secrets marked undefined.
#
# A "pass" case fails here if valgrind reports anything (a branch or a
# memory index on a secret) or the answer is wrong. A "branch" or "index"
# case is one valgrind MUST report, with that kind of report: they show
# the check can see what it looks for (a planted branch; the classroom
# AES's table lookups), and fail here if it did not. declassified.supp
# names the branches a primitive's contract makes on purpose (one bit
# returned: x25519_shared_secret's "all zeros").
set -u
prog=$1
here=$(dirname "$0")
if ! command -v valgrind >/dev/null 2>&1; then
    echo "ct: valgrind not found (make deps installs it)"
    exit 1
fi
list=$("$prog" --list) || { echo "ct: $prog --list failed"; exit 1; }

# What each report kind looks like in memcheck's words.
branch_words="Conditional jump or move depends on uninitialised value"
index_words="Use of uninitialised value of size"

passed=0
failed=0
while read -r name expect; do
    log=$(valgrind --error-exitcode=99 --track-origins=yes --quiet \
        --suppressions="$here/declassified.supp" "$prog" "$name" 2>&1)
    rc=$?
    verdict=""
    case "$expect:$rc" in
    pass:0)
        verdict="constant-time: no branch or index on the secret" ;;
    branch:99)
        printf '%s\n' "$log" | grep -q "$branch_words" &&
            verdict="reported, as it must be: a branch on the secret" ;;
    index:99)
        printf '%s\n' "$log" | grep -q "$index_words" &&
            verdict="reported, as it must be: a table index from the secret (cache timing)" ;;
    esac
    if [ -n "$verdict" ]; then
        echo "ct: $name: $verdict"
        passed=$((passed + 1))
    else
        echo "ct: $name: FAILED (expected: $expect; exit status $rc)"
        printf '%s\n' "$log" | head -n 40
        failed=$((failed + 1))
    fi
done <<LIST
$list
LIST

echo "constant-time check: $passed passed, $failed failed"
[ -n "${COUNTS_FILE:-}" ] && echo "$passed $failed" >>"$COUNTS_FILE"
[ $failed -eq 0 ]
