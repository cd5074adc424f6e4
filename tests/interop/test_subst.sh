#!/bin/sh
# seetls subst from the command line: the slides' example, the break, and
# the errors. (No other tool implements this cipher: the expected values
# are the slides'.)
. "$(dirname "$0")/lib.sh"
HERE=$(dirname "$0")

expect_eq "encrypt I LOVE TLS" "U BGVE PBN" \
    "$("$SEETLS" subst encrypt --key "THIS IS THE COOLEST COURSE!" "I LOVE TLS")"
expect_eq "decrypt U BGVE PBN" "I LOVE TLS" \
    "$("$SEETLS" subst decrypt --key "THIS IS THE COOLEST COURSE!" "U BGVE PBN")"
expect_eq "table" "cipher: THISECOLUR""ABDFGJKMNPQVWXYZ" \
    "$("$SEETLS" subst encrypt --table --key "THIS IS THE COOLEST COURSE!" "x" | grep '^cipher:')"
expect_eq "stdin and case" "u bgve pbn" \
    "$(printf 'i love tls' | "$SEETLS" subst encrypt --key "THIS IS THE COOLEST COURSE!")"

plain="$HERE/../../vectors/subst_break_plain.txt"
"$SEETLS" subst encrypt --key "QUICK BROWN FOX" <"$plain" >"$WORK/cipher"
"$SEETLS" subst break "$WORK/cipher" >"$WORK/broken"
expect_eq "break exits 0" 0 $?
sed -n '/^recovered text:$/,$p' "$WORK/broken" | tail -n +2 >"$WORK/text"
expect_same_file "break recovers the text exactly" "$plain" "$WORK/text"

expect_status "keyword without letters" 1 "$SEETLS" subst encrypt --key "123" "abc"
grep -q 'the key has no letters' "$WORK/err" && pass || fail "no-letters error not named"
expect_status "no action" 1 "$SEETLS" subst --key X
expect_status "unknown action" 1 "$SEETLS" subst shuffle --key X abc
expect_status "encrypt without key" 1 "$SEETLS" subst encrypt abc
expect_status "break on short text" 1 sh -c "printf 'U BGVE PBN' | '$SEETLS' subst break"
grep -q 'too little text' "$WORK/err" && pass || fail "short text error not named"
expect_status "break on a missing file" 1 "$SEETLS" subst break "$WORK/nope"

finish subst
