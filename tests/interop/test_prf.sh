#!/bin/sh
# seetls prf against openssl kdf TLS1-PRF (which takes the label as the
# start of its seed), on the published vector and random inputs.
. "$(dirname "$0")/lib.sh"

tohex() { od -An -tx1 | tr -d ' \n'; }

openssl_prf() { # SECRET_HEX LABEL SEED_HEX LENGTH
    openssl kdf -keylen "$4" -kdfopt digest:SHA256 -kdfopt hexsecret:"$1" \
        -kdfopt hexseed:"$(printf '%s' "$2" | tohex)$3" TLS1-PRF |
        tr -d ':\n' | tr 'A-F' 'a-f'
}

ours=$("$SEETLS" prf --secret 9bbe436ba940f017b17652849a71db35 --label "test label" \
    --seed a0ba9f936cda311827a6f796ffd5198c --length 100)
expect_eq "published vector" \
    e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff70187347b66 \
    "$ours"

for case in "48 master%20secret 64 48" "48 key%20expansion 64 96" "16 test%20label 16 1" \
            "1 client%20finished 32 12" "200 x 100 333" "32 extended%20master%20secret 32 48"; do
    set -- $case
    label=$(printf '%s' "$2" | sed 's/%20/ /g')
    secret=$(random_hex "$1")
    seed=$(random_hex "$3")
    ours=$("$SEETLS" prf --secret "$secret" --label "$label" --seed "$seed" --length "$4")
    theirs=$(openssl_prf "$secret" "$label" "$seed" "$4")
    expect_eq "PRF '$label', $1-byte secret, $4 bytes" "$theirs" "$ours"
done

expect_status "odd hex secret" 1 "$SEETLS" prf --secret abc --label x --seed 00 --length 4
grep -q 'secret: odd number of hex digits' "$WORK/err" && pass || fail "odd hex not named"
expect_status "bad hex seed" 1 "$SEETLS" prf --secret 00 --label x --seed zz --length 4
expect_status "length not a number" 1 "$SEETLS" prf --secret 00 --label x --seed 00 --length ten
expect_status "length too large" 1 "$SEETLS" prf --secret 00 --label x --seed 00 --length 99999999
expect_status "missing option" 1 "$SEETLS" prf --secret 00 --label x --length 4

finish prf
