#!/bin/sh
# run.sh: every interop script in tests/interop/, with totals.
set -u
here=$(dirname "$0")
status=0
count=0
for t in "$here"/test_*.sh; do
    [ -f "$t" ] || continue
    count=$((count + 1))
    sh "$t" || status=1
done
[ $count -gt 0 ] || { echo "interop: no scripts"; exit 1; }
[ $status -eq 0 ] && echo "interop: all $count scripts passed" || echo "interop: FAILED"
exit $status
