#!/bin/sh
# seetls subst against tr(1) as an independent oracle: tr maps the alphabet
# onto the table printed by 'seetls subst table', both cases; then the break
# on a ciphertext it has never seen the key of, and the errors.
. "$(dirname "$0")/lib.sh"

KEY='THIS IS THE COOLEST COURSE!'
here=$(dirname "$0")
vectors=$here/../../vectors

expect_eq "slides example" "U BGVE PBN" "$("$SEETLS" subst encrypt --key "$KEY" "I LOVE TLS")"
expect_eq "slides example back" "I LOVE TLS" "$("$SEETLS" subst decrypt --key "$KEY" "U BGVE PBN")"
expect_eq "shortened key" "shortened key: THISECOLUR" \
    "$("$SEETLS" subst table --key "$KEY" | grep '^shortened')"
expect_eq "--table before the text" "cipher: THISECOLURABDFGJKMNPQVWXYZ|U BGVE PBN" \
    "$("$SEETLS" subst encrypt --table --key "$KEY" "I LOVE TLS" | tail -n 2 | paste -sd'|')"
expect_eq "stdin and case" "u bgve pbn" "$(printf 'i love tls' | "$SEETLS" subst encrypt --key "$KEY")"

# tr as the oracle: the table is the shortened key (letters of the keyword,
# first appearance) then the unused letters, computed here in shell.
short=$(printf '%s' "$KEY" | tr a-z A-Z | tr -cd A-Z | fold -w1 | awk '!seen[$0]++' | tr -d '\n')
rest=$(printf '%s' ABCDEFGHIJKLMNOPQRSTUVWXYZ | tr -d "$short")
table=$short$rest
expect_eq "table" "cipher: $table" "$("$SEETLS" subst table --key "$KEY" | grep '^cipher')"
lower=$(printf '%s' "$table" | tr A-Z a-z)
head -c 3000 /dev/urandom > "$WORK/random"
cat "$vectors/subst_english.txt" "$WORK/random" > "$WORK/plain"
"$SEETLS" subst encrypt --key "$KEY" < "$WORK/plain" > "$WORK/ours"
tr A-Za-z "$table$lower" < "$WORK/plain" > "$WORK/tr"
expect_same_file "encrypt = tr (text and random bytes, from stdin)" "$WORK/ours" "$WORK/tr"
"$SEETLS" subst decrypt --key "$KEY" < "$WORK/ours" > "$WORK/back"
expect_same_file "decrypt undoes encrypt" "$WORK/plain" "$WORK/back"

# The break: a passage of English under a key drawn at random.
key=$(openssl rand -base64 24)
grep '^plaintext = ' "$vectors/subst_english.txt" | head -1 | sed 's/^plaintext = //' > "$WORK/gettysburg"
"$SEETLS" subst encrypt --key "$key" < "$WORK/gettysburg" > "$WORK/cipher"
"$SEETLS" subst break "$WORK/cipher" > "$WORK/broken"
expect_status "break runs" 0 "$SEETLS" subst break "$WORK/cipher"
sed -n '/^recovered text:$/,$p' "$WORK/broken" | tail -n +2 > "$WORK/recovered"
expect_same_file "break recovers the plaintext (key '$key')" "$WORK/gettysburg" "$WORK/recovered"
plain="$vectors/subst_break_plain.txt"
"$SEETLS" subst encrypt --key "QUICK BROWN FOX" <"$plain" >"$WORK/cipher2"
"$SEETLS" subst break "$WORK/cipher2" >"$WORK/broken3"
sed -n '/^recovered text:$/,$p' "$WORK/broken3" | tail -n +2 >"$WORK/text3"
expect_same_file "break recovers subst_break_plain.txt" "$plain" "$WORK/text3"
"$SEETLS" subst break < "$WORK/cipher" > "$WORK/broken2"
expect_same_file "break is deterministic, file or stdin" "$WORK/broken" "$WORK/broken2"

# The table of English statistics is what the documented script derives.
if command -v python3 >/dev/null 2>&1; then
    python3 "$here/../../scripts/gen_english_trigrams.py" "$vectors/english_corpus_kjv.txt" > "$WORK/trigrams.c"
    expect_same_file "english_trigrams.c regenerates" "$here/../../cryptanalysis/english_trigrams.c" "$WORK/trigrams.c"
fi

expect_status "key without letters" 1 "$SEETLS" subst encrypt --key '1234 !!' x
grep -qx 'seetls subst: --key: the key has no letters' "$WORK/err" && pass || fail "no-letters message"
expect_status "missing key" 1 "$SEETLS" subst encrypt x
expect_status "unknown action" 1 "$SEETLS" subst rot13 --key a x
expect_status "no action" 1 "$SEETLS" subst
expect_status "break too short" 1 "$SEETLS" subst break /dev/null
grep -q 'too little text' "$WORK/err" && pass || fail "too-short message"
expect_status "break missing file" 1 "$SEETLS" subst break "$WORK/none"
expect_status "extra argument" 1 "$SEETLS" subst encrypt --key a x y
expect_status "help" 0 "$SEETLS" subst --help

finish subst
