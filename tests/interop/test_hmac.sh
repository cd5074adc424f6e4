#!/bin/sh
# seetls hmac against openssl mac (HMAC-SHA256) on random keys of the
# lengths around the 64-byte block (0, 1, 32, 64, 65, 200) and random data,
# then the error cases: exit status and the one-line message.
. "$(dirname "$0")/lib.sh"

# openssl's MAC of FILE under KEY_HEX, in lower case. An empty hexkey is
# refused by openssl 3, so the empty key is given as an empty string key.
openssl_hmac() {
    if [ -z "$1" ]; then opt="key:"; else opt="hexkey:$1"; fi
    openssl mac -digest SHA256 -macopt "$opt" -in "$2" HMAC | tr 'A-F' 'a-f'
}

for size in 0 1 63 64 65 1000 100000; do
    head -c "$size" /dev/urandom >"$WORK/d$size"
done

for key_len in 0 1 32 64 65 200; do
    if [ "$key_len" -eq 0 ]; then key=""; else key=$(random_hex "$key_len"); fi
    for size in 0 1 63 64 65 1000 100000; do
        ours=$("$SEETLS" hmac --key "$key" "$WORK/d$size")
        theirs=$(openssl_hmac "$key" "$WORK/d$size")
        expect_eq "hmac, $key_len-byte key, $size bytes" "$theirs" "$ours"
    done
    # standard input, and the short option
    ours=$("$SEETLS" hmac -k "$key" <"$WORK/d1000")
    expect_eq "hmac of stdin, $key_len-byte key" "$(openssl_hmac "$key" "$WORK/d1000")" "$ours"
done

# Upper-case hex digits mean the same key.
key=$(random_hex 20)
upper=$(printf '%s' "$key" | tr 'a-f' 'A-F')
expect_eq "upper-case key" "$("$SEETLS" hmac --key "$key" "$WORK/d65")" \
    "$("$SEETLS" hmac --key "$upper" "$WORK/d65")"

# Errors: exit status 1 and one line naming the problem.
expect_status "odd-length key" 1 "$SEETLS" hmac --key abc "$WORK/d1"
expect_eq "odd-length key message" "seetls hmac: --key: odd number of hex digits" \
    "$(cat "$WORK/err")"
expect_status "bad hex digit" 1 "$SEETLS" hmac --key 0g "$WORK/d1"
expect_eq "bad hex digit message" "seetls hmac: --key: not a hex digit" \
    "$(cat "$WORK/err")"
expect_status "missing file" 1 "$SEETLS" hmac --key 00 "$WORK/does-not-exist"
expect_eq "missing file message" \
    "seetls hmac: $WORK/does-not-exist: No such file or directory" "$(cat "$WORK/err")"
expect_eq "missing file prints no tag" "" "$(cat "$WORK/out")"
expect_status "no key" 1 "$SEETLS" hmac "$WORK/d1"
expect_eq "no key message" "seetls hmac: --key HEX is required (see seetls hmac --help)" \
    "$(cat "$WORK/err")"
expect_status "two files" 1 "$SEETLS" hmac --key 00 "$WORK/d1" "$WORK/d1"
expect_status "unknown option" 2 "$SEETLS" hmac --bogus
expect_status "help" 0 "$SEETLS" hmac --help

finish hmac
