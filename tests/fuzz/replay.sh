#!/bin/sh
# replay.sh DIR: run every libFuzzer target in DIR once over its committed
# seeds (tests/fuzz/corpus/NAME/), as a regression test in make test. The
# seeds are passed as files, so libFuzzer only runs them and writes
# nothing. make fuzz is the one that explores.
set -u
dir=$1
passed=0
failed=0
for f in "$dir"/fuzz_*; do
    [ -x "$f" ] || continue
    name=$(basename "$f")
    seeds="tests/fuzz/corpus/$name"
    if [ ! -d "$seeds" ]; then
        # a target without seeds still runs, on one empty input
        seeds="$dir/empty-seed"
        mkdir -p "$seeds" && : >"$seeds/empty"
    fi
    if "$f" -runs=0 "$seeds"/* >"$dir/$name.replay.log" 2>&1; then
        passed=$((passed + 1))
    else
        echo "fuzz replay: $name FAILED; log: $dir/$name.replay.log"
        tail -n 30 "$dir/$name.replay.log"
        failed=$((failed + 1))
    fi
done
echo "fuzz replay: $passed targets passed, $failed failed"
[ -n "${COUNTS_FILE:-}" ] && echo "$passed $failed" >>"$COUNTS_FILE"
[ "$failed" -eq 0 ]
