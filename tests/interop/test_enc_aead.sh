#!/bin/sh
# seetls enc with the two AEADs, aes-128-gcm and chacha20-poly1305: the
# published answers through the CLI (NIST CAVP and McGrew-Viega for GCM,
# RFC 8439 2.8.2 and A.5 for ChaCha20-Poly1305, from vectors/), python3's
# `cryptography` as an oracle on random inputs both ways when it is
# installed (openssl 3's `enc` has no AEAD), and every refusal: a changed
# bit of ciphertext, tag or AAD, a wrong key or nonce, an input shorter
# than the tag; each exits 1 with the message and writes nothing, and an
# existing --out file is left as it was.
. "$(dirname "$0")/lib.sh"
VECTORS="$(dirname "$0")/../../vectors"

MESSAGE_FROM="seetls enc" # expect_message (lib.sh)

# hex_to_file HEX FILE ("-" is empty)
hex_to_file() {
    if [ "$1" = - ]; then : >"$2"; else printf '%s' "$1" | xxd -r -p >"$2"; fi
}

# cases CIPHER FILE: one line per seal/open case of the vector file,
# "key iv aad plaintext ciphertext tag result", "-" for an empty value.
cases() {
    awk -v cipher="$1" '
        function emit() {
            if (v["key"] != "" && v["op"] != "key_gen")
                print v["key"], v["iv"], v["aad"], v["plaintext"],
                      v["ciphertext"], v["tag"], v["result"]
            split("", v)
            v["aad"] = v["plaintext"] = v["ciphertext"] = "-"
            v["result"] = "pass"
        }
        BEGIN { emit() }
        /^#/ { next }
        /^[ \t]*$/ { emit(); next }
        {
            name = $1; value = $3
            if (name == "nonce") name = "iv"
            if (value != "") v[name] = value
        }
        END { emit() }' "$2"
}

# known_answers CIPHER FILE: each case through the CLI, both ways.
known_answers() {
    n=0
    while read -r key iv aad pt ct tag result; do
        n=$((n + 1))
        what="$1 $(basename "$2") case $n"
        hex_to_file "$pt" "$WORK/kat.pt"
        hex_to_file "$ct" "$WORK/kat.sealed"
        printf '%s' "$tag" | xxd -r -p >>"$WORK/kat.sealed"
        aad_opt=""
        [ "$aad" = - ] || aad_opt="--aad $aad"
        if [ "$result" = fail ]; then
            expect_status "$what: forged, refused" 1 "$SEETLS" enc -d --cipher "$1" \
                --key "$key" --iv "$iv" $aad_opt --in "$WORK/kat.sealed"
            expect_message "$what: forged, refused" "authentication failed"
            continue
        fi
        "$SEETLS" enc --cipher "$1" --key "$key" --iv "$iv" $aad_opt \
            --in "$WORK/kat.pt" --out "$WORK/kat.ours"
        expect_eq "$what: seal exit" 0 $?
        expect_same_file "$what: ciphertext || tag" "$WORK/kat.sealed" "$WORK/kat.ours"
        "$SEETLS" enc -d --cipher "$1" --key "$key" --iv "$iv" $aad_opt \
            --in "$WORK/kat.sealed" --out "$WORK/kat.back"
        expect_eq "$what: open exit" 0 $?
        expect_same_file "$what: plaintext back" "$WORK/kat.pt" "$WORK/kat.back"
    done <<EOF
$(cases "$1" "$2")
EOF
    [ "$n" -gt 0 ] && pass || fail "$1: no cases read from $2"
}

known_answers aes-128-gcm "$VECTORS/gcm_mcgrew_viega.txt"
known_answers aes-128-gcm "$VECTORS/gcm_cavp.txt"
known_answers chacha20-poly1305 "$VECTORS/chacha20poly1305_rfc8439.txt"

# RFC 8439 2.8.2 spelled out, so that this script shows the bytes it checks
# (the sunscreen message; the tag ends the output).
printf "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it." >"$WORK/sunscreen"
out=$("$SEETLS" enc --cipher chacha20-poly1305 \
    --key 808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f \
    --iv 070000004041424344454647 --aad 50515253c0c1c2c3c4c5c6c7 \
    --in "$WORK/sunscreen" | xxd -p | tr -d '\n' | tail -c 32)
expect_eq "RFC 8439 2.8.2 tag" 1ae10b594f09e26a7e902ecbd0600691 "$out"

# ------------------------------------------- python3 cryptography oracle ---
# oracle seal|open CIPHER KEY IV AAD_FILE IN OUT
ORACLE='
import sys
from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305
op, cipher, key, iv, aad, src, dst = sys.argv[1:]
aead = (AESGCM if cipher == "aes-128-gcm" else ChaCha20Poly1305)(bytes.fromhex(key))
aad = open(aad, "rb").read() or None
data = open(src, "rb").read()
out = (aead.encrypt if op == "seal" else aead.decrypt)(bytes.fromhex(iv), data, aad)
open(dst, "wb").write(out)
'
oracle() { python3 -c "$ORACLE" "$@"; }

if python3 -c 'import cryptography.hazmat.primitives.ciphers.aead' 2>/dev/null; then
    for cipher in aes-128-gcm chacha20-poly1305; do
        klen=16
        [ "$cipher" = chacha20-poly1305 ] && klen=32
        for size in 0 1 15 16 17 64 1000 65537; do
            head -c "$size" /dev/urandom >"$WORK/plain"
            aad_len=$((size % 40))
            head -c "$aad_len" /dev/urandom >"$WORK/aad"
            key=$(random_hex $klen) iv=$(random_hex 12)
            what="$cipher $size bytes, $aad_len of AAD"

            # ours seals, the oracle opens; the oracle seals, ours opens
            "$SEETLS" enc --cipher "$cipher" --key "$key" --iv "$iv" \
                --aad-file "$WORK/aad" --in "$WORK/plain" --out "$WORK/ours.enc"
            expect_eq "$what: seetls seals, exit" 0 $?
            oracle open "$cipher" "$key" "$iv" "$WORK/aad" "$WORK/ours.enc" "$WORK/ours.dec"
            expect_eq "$what: cryptography opens ours, exit" 0 $?
            expect_same_file "$what: cryptography opens ours" "$WORK/plain" "$WORK/ours.dec"
            oracle seal "$cipher" "$key" "$iv" "$WORK/aad" "$WORK/plain" "$WORK/theirs.enc"
            "$SEETLS" enc -d --cipher "$cipher" --key "$key" --iv "$iv" \
                --aad "$(xxd -p "$WORK/aad" | tr -d '\n')" <"$WORK/theirs.enc" >"$WORK/theirs.dec"
            expect_eq "$what: seetls opens cryptography's, exit" 0 $?
            expect_same_file "$what: seetls opens cryptography's" "$WORK/plain" "$WORK/theirs.dec"
            expect_same_file "$what: identical output" "$WORK/ours.enc" "$WORK/theirs.enc"
        done
    done
else
    echo "  skip: python3 has no 'cryptography' module, so no oracle on random inputs"
fi

# ------------------------------------------------------------- refusals ---
# flip_bit FILE OFFSET: flip the low bit of the byte at OFFSET (negative:
# from the end).
flip_bit() {
    python3 -c '
import sys
b = bytearray(open(sys.argv[1], "rb").read())
b[int(sys.argv[2])] ^= 1
open(sys.argv[1], "wb").write(b)' "$1" "$2"
}

head -c 100 /dev/urandom >"$WORK/plain"
for cipher in aes-128-gcm chacha20-poly1305; do
    klen=16
    [ "$cipher" = chacha20-poly1305 ] && klen=32
    K=$(random_hex $klen) IV=$(random_hex 12) AAD=$(random_hex 13)
    "$SEETLS" enc --cipher "$cipher" --key "$K" --iv "$IV" --aad "$AAD" \
        --in "$WORK/plain" --out "$WORK/sealed"
    expect_eq "$cipher: seal exit" 0 $?
    expect_eq "$cipher: ciphertext || tag" 116 "$(wc -c <"$WORK/sealed")"

    # refused NAME SEALED_FILE KEY IV AAD: open fails with the message, and
    # writes nothing: no new file, an existing file unchanged, no stdout.
    refused() {
        rm -f "$WORK/opened"
        expect_status "$cipher $1" 1 "$SEETLS" enc -d --cipher "$cipher" --key "$3" \
            --iv "$4" --aad "$5" --in "$2" --out "$WORK/opened"
        expect_message "$cipher $1" "authentication failed"
        [ -e "$WORK/opened" ] && fail "$cipher $1: output file written" || pass
        printf 'keep me' >"$WORK/opened"
        expect_status "$cipher $1 (existing --out)" 1 "$SEETLS" enc -d --cipher "$cipher" \
            --key "$3" --iv "$4" --aad "$5" --in "$2" --out "$WORK/opened"
        expect_eq "$cipher $1: existing --out untouched" "keep me" "$(cat "$WORK/opened")"
        expect_status "$cipher $1 (stdout)" 1 "$SEETLS" enc -d --cipher "$cipher" \
            --key "$3" --iv "$4" --aad "$5" --in "$2"
        expect_eq "$cipher $1: nothing on stdout" 0 "$(wc -c <"$WORK/out")"
    }

    # the untouched message opens (so each refusal below is the change's)
    "$SEETLS" enc -d --cipher "$cipher" --key "$K" --iv "$IV" --aad "$AAD" \
        --in "$WORK/sealed" --out "$WORK/opened"
    expect_eq "$cipher: open exit" 0 $?
    expect_same_file "$cipher: opens" "$WORK/plain" "$WORK/opened"

    cp "$WORK/sealed" "$WORK/bad"; flip_bit "$WORK/bad" 0
    refused "ciphertext bit flipped" "$WORK/bad" "$K" "$IV" "$AAD"
    cp "$WORK/sealed" "$WORK/bad"; flip_bit "$WORK/bad" 99
    refused "last ciphertext byte flipped" "$WORK/bad" "$K" "$IV" "$AAD"
    cp "$WORK/sealed" "$WORK/bad"; flip_bit "$WORK/bad" -1
    refused "tag bit flipped" "$WORK/bad" "$K" "$IV" "$AAD"
    first=$(printf '%s' "$AAD" | cut -c1-2)
    refused "AAD bit flipped" "$WORK/sealed" "$K" "$IV" \
        "$(printf '%02x' $((0x$first ^ 1)))$(printf '%s' "$AAD" | cut -c3-)"
    refused "wrong key" "$WORK/sealed" "$(random_hex $klen)" "$IV" "$AAD"
    refused "wrong nonce" "$WORK/sealed" "$K" "$(random_hex 12)" "$AAD"
    refused "AAD missing" "$WORK/sealed" "$K" "$IV" ""
    head -c 115 "$WORK/sealed" >"$WORK/bad"
    refused "last byte cut" "$WORK/bad" "$K" "$IV" "$AAD"
    head -c 10 "$WORK/sealed" >"$WORK/bad"
    refused "shorter than the tag" "$WORK/bad" "$K" "$IV" "$AAD"
    expect_message "$cipher shorter than the tag" "the input is 10 bytes, shorter than the 16-byte tag"
done

# ------------------------------------------------------ option errors ---
K=$(random_hex 16) IV=$(random_hex 12)
expect_status "gcm 16-byte iv" 1 "$SEETLS" enc --cipher aes-128-gcm --key "$K" --iv "$(random_hex 16)" --in "$WORK/plain"
expect_message "gcm 16-byte iv" "--iv: aes-128-gcm takes a 12-byte (96-bit) nonce, 24 hex digits; got 16 bytes"
expect_status "chacha 8-byte iv" 1 "$SEETLS" enc --cipher chacha20-poly1305 --key "$K$K" --iv "$(random_hex 8)" --in "$WORK/plain"
expect_message "chacha 8-byte iv" "--iv: chacha20-poly1305 takes a 12-byte (96-bit) nonce"
expect_status "chacha 16-byte key" 1 "$SEETLS" enc --cipher chacha20-poly1305 --key "$K" --iv "$IV" --in "$WORK/plain"
expect_message "chacha 16-byte key" "--key: must be 32 bytes (64 hex digits), got 16"
expect_status "gcm 32-byte key" 1 "$SEETLS" enc --cipher aes-128-gcm --key "$K$K" --iv "$IV" --in "$WORK/plain"
expect_message "gcm 32-byte key" "--key: must be 16 bytes (32 hex digits), got 32"
expect_status "gcm missing iv" 1 "$SEETLS" enc --cipher aes-128-gcm --key "$K" --in "$WORK/plain"
expect_message "gcm missing iv" "missing --iv (12 bytes as 24 hex digits)"
expect_status "aad with cbc" 1 "$SEETLS" enc --cipher aes-128-cbc --key "$K" --iv "$K" --aad 00 --in "$WORK/plain"
expect_message "aad with cbc" "--aad: aes-128-cbc has no additional data"
expect_status "no-pad with gcm" 1 "$SEETLS" enc --cipher aes-128-gcm --key "$K" --iv "$IV" --no-pad --in "$WORK/plain"
expect_message "no-pad with gcm" "--no-pad: aes-128-gcm never pads"
expect_status "aad and aad-file" 1 "$SEETLS" enc --cipher aes-128-gcm --key "$K" --iv "$IV" --aad 00 --aad-file "$WORK/plain" --in "$WORK/plain"
expect_message "aad and aad-file" "--aad and --aad-file: give one of them"
expect_status "aad-file and input both stdin" 1 "$SEETLS" enc --cipher aes-128-gcm --key "$K" --iv "$IV" --aad-file - <"$WORK/plain"
expect_message "aad-file and input both stdin" "--aad-file -: the input is standard input already"
expect_status "bad hex aad" 1 "$SEETLS" enc --cipher aes-128-gcm --key "$K" --iv "$IV" --aad 0g --in "$WORK/plain"
expect_message "bad hex aad" "--aad: not a hex digit"
expect_status "missing aad file" 1 "$SEETLS" enc --cipher aes-128-gcm --key "$K" --iv "$IV" --aad-file "$WORK/none" --in "$WORK/plain"
expect_message "missing aad file" "none: No such file or directory"
expect_status "unknown cipher" 1 "$SEETLS" enc --cipher aes-256-gcm --key "$K" --iv "$IV" --in "$WORK/plain"
expect_message "unknown cipher" "unknown cipher 'aes-256-gcm' (aes-128-cbc, aes-128-ctr, aes-128-gcm or chacha20-poly1305)"

# The input is read whole and bounded: 64 MiB passes, one byte more is
# refused (and nothing written).
head -c 67108864 /dev/zero >"$WORK/big"
"$SEETLS" enc --cipher chacha20-poly1305 --key "$K$K" --iv "$IV" --in "$WORK/big" --out "$WORK/big.enc"
expect_eq "64 MiB accepted" 0 $?
expect_eq "64 MiB sealed size" 67108880 "$(wc -c <"$WORK/big.enc")"
rm -f "$WORK/big.enc"
printf x >>"$WORK/big"
expect_status "64 MiB + 1 refused" 1 "$SEETLS" enc --cipher aes-128-gcm --key "$K" --iv "$IV" --in "$WORK/big" --out "$WORK/big.enc"
expect_message "64 MiB + 1 refused" "more than 64 MiB (enc reads its input whole)"
[ -e "$WORK/big.enc" ] && fail "64 MiB + 1: output written" || pass
rm -f "$WORK/big"

# --help names the AEADs and --aad
"$SEETLS" enc --help >"$WORK/help"
for word in aes-128-gcm chacha20-poly1305 --aad --aad-file; do
    grep -q -- "$word" "$WORK/help" && pass || fail "--help lacks $word"
done

finish enc_aead
