#!/bin/sh
# seetls enc against openssl enc: AES-128-CBC (with and without padding) and
# AES-128-CTR on random keys, IVs and data; each direction, byte-identical
# ciphertexts; and every error case with its exit status and message.
. "$(dirname "$0")/lib.sh"

MESSAGE_FROM="seetls enc" # expect_message (lib.sh)

for size in 0 1 15 16 17 1000 65537; do
    head -c "$size" /dev/urandom >"$WORK/plain"
    for mode in cbc cbc-nopad ctr; do
        cipher=aes-128-${mode%-nopad}
        ours_pad="" theirs_pad=""
        if [ "$mode" = cbc-nopad ]; then
            [ $((size % 16)) -eq 0 ] || continue
            ours_pad=--no-pad theirs_pad=-nopad
        fi
        key=$(random_hex 16) iv=$(random_hex 16)
        what="$mode $size bytes"

        # ours encrypts, openssl decrypts
        "$SEETLS" enc --cipher "$cipher" --key "$key" --iv "$iv" $ours_pad \
            --in "$WORK/plain" --out "$WORK/ours.enc"
        expect_eq "$what: seetls enc exit" 0 $?
        openssl enc -d "-$cipher" -K "$key" -iv "$iv" $theirs_pad \
            -in "$WORK/ours.enc" -out "$WORK/ours.dec"
        expect_eq "$what: openssl decrypts ours, exit" 0 $?
        expect_same_file "$what: openssl decrypts ours" "$WORK/plain" "$WORK/ours.dec"

        # openssl encrypts, ours decrypts (through stdin and stdout)
        openssl enc "-$cipher" -K "$key" -iv "$iv" $theirs_pad \
            -in "$WORK/plain" -out "$WORK/theirs.enc"
        "$SEETLS" enc --decrypt --cipher "$cipher" --key "$key" --iv "$iv" $ours_pad \
            <"$WORK/theirs.enc" >"$WORK/theirs.dec"
        expect_eq "$what: seetls decrypts openssl's, exit" 0 $?
        expect_same_file "$what: seetls decrypts openssl's" "$WORK/plain" "$WORK/theirs.dec"

        # the same bytes on the wire
        expect_same_file "$what: identical ciphertexts" "$WORK/ours.enc" "$WORK/theirs.enc"
    done
done

# The 128-bit counter carries across the 64-bit halves and wraps, as
# openssl's does.
head -c 80 /dev/urandom >"$WORK/plain"
key=$(random_hex 16)
for iv in 0123456789abcdefffffffffffffffff 00000000ffffffffffffffffffffffff \
          ffffffffffffffffffffffffffffffff; do
    "$SEETLS" enc --cipher aes-128-ctr --key "$key" --iv "$iv" <"$WORK/plain" >"$WORK/ours.enc"
    openssl enc -aes-128-ctr -K "$key" -iv "$iv" <"$WORK/plain" >"$WORK/theirs.enc"
    expect_same_file "ctr counter wrap, iv $iv" "$WORK/ours.enc" "$WORK/theirs.enc"
done

# ---------------------------------------------------------------- errors ---
K=$(random_hex 16) IV=$(random_hex 16)
head -c 100 /dev/urandom >"$WORK/plain"

expect_status "unknown cipher" 1 "$SEETLS" enc --cipher aes-256-cbc --key "$K" --iv "$IV" --in "$WORK/plain"
expect_message "unknown cipher" "unknown cipher 'aes-256-cbc'"
expect_status "missing cipher" 1 "$SEETLS" enc --key "$K" --iv "$IV" --in "$WORK/plain"
expect_message "missing cipher" "missing --cipher"
expect_status "short key" 1 "$SEETLS" enc --cipher aes-128-cbc --key 00112233 --iv "$IV" --in "$WORK/plain"
expect_message "short key" "--key: must be 16 bytes (32 hex digits), got 4"
expect_status "long key" 1 "$SEETLS" enc --cipher aes-128-ctr --key "${K}00" --iv "$IV" --in "$WORK/plain"
expect_message "long key" "--key: must be 16 bytes (32 hex digits), got 17"
expect_status "missing key" 1 "$SEETLS" enc --cipher aes-128-ctr --iv "$IV" --in "$WORK/plain"
expect_message "missing key" "missing --key"
expect_status "short iv" 1 "$SEETLS" enc --cipher aes-128-cbc --key "$K" --iv 0011 --in "$WORK/plain"
expect_message "short iv" "--iv: must be 16 bytes (32 hex digits), got 2"
expect_status "missing iv" 1 "$SEETLS" enc --cipher aes-128-cbc --key "$K" --in "$WORK/plain"
expect_message "missing iv" "missing --iv"
expect_status "odd hex key" 1 "$SEETLS" enc --cipher aes-128-cbc --key "${K}0" --iv "$IV" --in "$WORK/plain"
expect_message "odd hex key" "--key: odd number of hex digits"
expect_status "bad hex iv" 1 "$SEETLS" enc --cipher aes-128-cbc --key "$K" --iv "${IV%??}zz" --in "$WORK/plain"
expect_message "bad hex iv" "--iv: not a hex digit"
expect_status "missing input file" 1 "$SEETLS" enc --cipher aes-128-cbc --key "$K" --iv "$IV" --in "$WORK/does-not-exist"
expect_message "missing input file" "does-not-exist: No such file or directory"
expect_status "no-pad on 100 bytes" 1 "$SEETLS" enc --cipher aes-128-cbc --key "$K" --iv "$IV" --no-pad --in "$WORK/plain"
expect_message "no-pad on 100 bytes" "--no-pad: the input is 100 bytes, not a multiple of 16"
expect_status "unknown option" 2 "$SEETLS" enc --cipher aes-128-cbc --key "$K" --iv "$IV" --frobnicate
expect_message "unknown option" "unknown option '--frobnicate'"

# Wrong padding on decrypt: blocks whose plaintext ends in a byte that is
# not valid PKCS#7 padding (0x00, 0x11) or whose pad bytes disagree.
for tail in 00 11 ff 0303030302 0202020203; do
    printf '%032s' "" | tr ' ' 'a' | head -c $((16 - ${#tail} / 2)) >"$WORK/block"
    printf '%s' "$tail" | xxd -r -p >>"$WORK/block"
    "$SEETLS" enc --cipher aes-128-cbc --key "$K" --iv "$IV" --no-pad \
        --in "$WORK/block" --out "$WORK/block.enc"
    expect_status "bad padding $tail" 1 "$SEETLS" enc -d --cipher aes-128-cbc --key "$K" \
        --iv "$IV" --in "$WORK/block.enc" --out "$WORK/block.dec"
    expect_message "bad padding $tail" "bad decrypt: bad padding"
    [ -e "$WORK/block.dec" ] && fail "bad padding $tail: output written" || pass
    # openssl agrees that it is bad
    expect_status "openssl: bad padding $tail" 1 openssl enc -d -aes-128-cbc -K "$K" \
        -iv "$IV" -in "$WORK/block.enc" -out "$WORK/block.dec"
    rm -f "$WORK/block.dec"
done
# ... and the padding the last block of a valid ciphertext shows is
# accepted (01 and a whole block of 10 are the extremes).
printf 'aaaaaaaaaaaaaaa\001' >"$WORK/block"
"$SEETLS" enc --cipher aes-128-cbc --key "$K" --iv "$IV" --no-pad <"$WORK/block" >"$WORK/block.enc"
out=$("$SEETLS" enc -d --cipher aes-128-cbc --key "$K" --iv "$IV" <"$WORK/block.enc")
expect_eq "padding 01 accepted" "aaaaaaaaaaaaaaa" "$out"

head -c 33 /dev/urandom >"$WORK/odd"
expect_status "decrypt 33 bytes" 1 "$SEETLS" enc -d --cipher aes-128-cbc --key "$K" --iv "$IV" --in "$WORK/odd"
expect_message "decrypt 33 bytes" "bad decrypt: the input is 33 bytes, not a multiple of 16"
expect_status "decrypt 33 bytes no-pad" 1 "$SEETLS" enc -d --no-pad --cipher aes-128-cbc --key "$K" --iv "$IV" --in "$WORK/odd"
expect_message "decrypt 33 bytes no-pad" "not a multiple of 16"
expect_status "decrypt empty" 1 "$SEETLS" enc -d --cipher aes-128-cbc --key "$K" --iv "$IV" --in /dev/null
expect_message "decrypt empty" "bad decrypt: the input is empty"
expect_status "help" 0 "$SEETLS" enc --help

finish enc
