#!/bin/sh
# run.sh DIR SECONDS: run every libFuzzer target in DIR for SECONDS each,
# from a corpus directory under build/ seeded by tests/fuzz/corpus/NAME/.
set -u
dir=$1
secs=$2
status=0
for f in "$dir"/fuzz_*; do
    [ -x "$f" ] || continue
    name=$(basename "$f")
    corpus="$dir/corpus/$name"
    mkdir -p "$corpus"
    seeds="tests/fuzz/corpus/$name"
    [ -d "$seeds" ] && cp -n "$seeds"/* "$corpus"/ 2>/dev/null
    echo "fuzz: $name for ${secs}s"
    if ! "$f" -max_total_time="$secs" -max_len=8192 -print_final_stats=0 \
            "$corpus" >"$dir/$name.log" 2>&1; then
        echo "fuzz: $name FAILED; log: $dir/$name.log"
        tail -n 30 "$dir/$name.log"
        status=1
    fi
done
exit $status
