#!/bin/sh
# ChaCha20 (RFC 8439 2.4, crypto/chacha20.c) against `openssl enc -chacha20`
# on random keys, nonces and messages of lengths around the 64-byte block,
# from block counters 0, 1, a random one and the last that fits. OpenSSL's
# 16-byte IV is the counter (32 bits, little-endian) followed by the
# 96-bit nonce. Our side is tests/tools/chacha20_xor.c, a test-only program
# built here against the library (BUILD_DIR/libseetls.a); the AEAD has no
# openssl command (openssl 3's enc refuses AEAD ciphers) and is proven by
# test_chacha20 (RFC 8439's vectors and libsodium).
. "$(dirname "$0")/lib.sh"
: "${BUILD_DIR:?BUILD_DIR must name the build folder}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
TOOL="$WORK/chacha20_xor"

if ! ${CC:-cc} -std=c11 -I "$ROOT" -o "$TOOL" "$ROOT/tests/tools/chacha20_xor.c" \
    "$BUILD_DIR/libseetls.a" -lgmp -lm 2>"$WORK/cc.err"; then
    fail "tests/tools/chacha20_xor.c does not build: $(head -3 "$WORK/cc.err")"
    finish chacha20
    exit
fi

# le32 N: the 8 hex digits of N as a 32-bit little-endian word
le32() {
    printf '%08x' "$1" | sed 's/\(..\)\(..\)\(..\)\(..\)/\4\3\2\1/'
}

for size in 0 1 63 64 65 127 128 1000 65536 100001; do
    head -c "$size" /dev/urandom >"$WORK/p$size"
done

for counter in 0 1 "$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')" 4294967295; do
    for size in 0 1 63 64 65 127 128 1000 65536 100001; do
        # from the last counter only one block fits
        [ "$counter" -eq 4294967295 ] && [ "$size" -gt 64 ] && continue
        key=$(random_hex 32)
        nonce=$(random_hex 12)
        "$TOOL" "$key" "$counter" "$nonce" <"$WORK/p$size" >"$WORK/ours"
        openssl enc -chacha20 -K "$key" -iv "$(le32 "$counter")$nonce" \
            -in "$WORK/p$size" -out "$WORK/theirs"
        expect_same_file "chacha20, counter $counter, $size bytes" \
            "$WORK/theirs" "$WORK/ours"
        # and back: decryption is the same operation
        "$TOOL" "$key" "$counter" "$nonce" <"$WORK/ours" >"$WORK/back"
        expect_same_file "chacha20 decrypts, counter $counter, $size bytes" \
            "$WORK/p$size" "$WORK/back"
    done
done

# Past the 32-bit counter: refused, nothing written (openssl instead
# carries into the nonce, which RFC 8439 does not allow).
expect_status "65 bytes from the last counter" 1 \
    "$TOOL" "$(random_hex 32)" 4294967295 "$(random_hex 12)" <"$WORK/p65"
expect_eq "nothing written past the counter" "" "$(cat "$WORK/out")"

finish chacha20
