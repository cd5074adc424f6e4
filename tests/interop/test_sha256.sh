#!/bin/sh
# seetls sha256 against sha256sum and openssl dgst on random files.
. "$(dirname "$0")/lib.sh"

for size in 0 1 55 56 63 64 65 1000 100000; do
    head -c "$size" /dev/urandom >"$WORK/f$size"
    ours=$("$SEETLS" sha256 "$WORK/f$size")
    theirs=$(sha256sum "$WORK/f$size")
    expect_eq "sha256 of $size bytes vs sha256sum" "$theirs" "$ours"
    theirs=$(openssl dgst -sha256 -r "$WORK/f$size" | cut -d' ' -f1)
    expect_eq "sha256 of $size bytes vs openssl" "$theirs" "${ours%% *}"
done
ours=$(head -c 1000 "$WORK/f100000" | "$SEETLS" sha256)
theirs=$(head -c 1000 "$WORK/f100000" | sha256sum)
expect_eq "sha256 of stdin" "$theirs" "$ours"
expect_status "missing file" 1 "$SEETLS" sha256 "$WORK/does-not-exist"

finish sha256
