#!/bin/sh
# X25519 key files and commands (seetls genpkey, pkey, pkeyutl --derive)
# against the openssl command line, both ways:
#  - openssl's keys (openssl genpkey -algorithm X25519), PEM and DER, read
#    by seetls pkey: written back byte for byte, and --pubout gives what
#    openssl pkey -pubout gives; --text shows openssl's priv and pub;
#  - our keys (seetls genpkey, owner-only) read by openssl pkey, which
#    finds the public key seetls pkey --pubout wrote, byte for byte;
#  - the shared secret S: seetls pkeyutl --derive and openssl pkeyutl
#    -derive give the same 32 bytes, from our key and openssl's, each side;
#  - refusals, each with its message and exit 1: a peer of small order
#    (u = 0, u = 1; openssl refuses it too), nothing written; an RSA key
#    to --derive, either side; an X25519 key to seetls rsa; a public key
#    where the private one is needed; a file that is no key.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1

PUBLIC_PREFIX=302a300506032b656e032100
hex_of() { xxd -p -c 256 "$1"; }

# expect_said NAME TEXT: the last command's stderr says TEXT
expect_said() {
    if grep -qF -- "$2" "$WORK/err"; then pass; else
        fail "$1: stderr does not say '$2': $(head -c 300 "$WORK/err")"; fi
}

# --- openssl's keys read by us
for round in 1 2 3; do
    openssl genpkey -algorithm X25519 -out o.pem 2>/dev/null
    openssl pkey -in o.pem -pubout -out o_pub.pem
    openssl pkey -in o.pem -outform DER -out o.der
    openssl pkey -in o.pem -pubout -outform DER -out o_pub.der
    "$SEETLS" pkey --in o.pem --out back.pem
    expect_same_file "openssl key $round: written back" o.pem back.pem
    "$SEETLS" pkey --in o.der --out back_der.pem
    expect_same_file "openssl key $round: read as DER" o.pem back_der.pem
    "$SEETLS" pkey --in o.pem --pubout --out ours_pub.pem
    expect_same_file "openssl key $round: our --pubout" o_pub.pem ours_pub.pem
    "$SEETLS" pkey --in o_pub.der --out pub_back.pem
    expect_same_file "openssl key $round: public DER read" o_pub.pem pub_back.pem
    "$SEETLS" pkey --in o_pub.pem --out pub_back2.pem
    expect_same_file "openssl key $round: public PEM read" o_pub.pem pub_back2.pem
    # --text: openssl's lines, plus ours naming a and A
    openssl pkey -in o.pem -text -noout >o.txt
    "$SEETLS" pkey --in o.pem --text | grep -v '^#' | grep -v -e '-----' \
        -e '^[A-Za-z0-9+/=]*$' >ours.txt
    expect_same_file "openssl key $round: --text as openssl's" o.txt ours.txt
    "$SEETLS" pkey --in o.pem --text >ours_full.txt
    "$SEETLS" pkey --in o.pem --text --out text.txt
    expect_eq "openssl key $round: --text --out of a private key, mode" "600" "$(stat -c %a text.txt)"
    expect_same_file "openssl key $round: --text --out" ours_full.txt text.txt
    grep -q "private key a (secret)" ours_full.txt && grep -q "public key A = a\*G" ours_full.txt &&
        pass || fail "openssl key $round: --text lacks the slides' names"
done

# --- our keys read by openssl
for round in 1 2 3; do
    "$SEETLS" genpkey --algorithm x25519 --out s.pem
    expect_eq "our key $round: mode" "600" "$(stat -c %a s.pem)"
    if openssl pkey -in s.pem -check -noout >/dev/null 2>&1 ||
       openssl pkey -in s.pem -noout 2>/dev/null; then pass; else
        fail "our key $round: openssl does not read it"; fi
    openssl pkey -in s.pem -out s_openssl.pem
    expect_same_file "our key $round: openssl writes it back the same" s.pem s_openssl.pem
    "$SEETLS" pkey --in s.pem --pubout --out s_pub.pem
    openssl pkey -in s.pem -pubout -out s_pub_openssl.pem
    expect_same_file "our key $round: openssl's public key is ours" s_pub_openssl.pem s_pub.pem
    expect_eq "our key $round: openssl reads our public key" "$(hex_of s_pub_openssl.pem)" \
        "$(openssl pkey -pubin -in s_pub.pem | xxd -p -c 256)"

    # S both ways: ours with openssl's key, openssl with ours
    openssl genpkey -algorithm X25519 -out o.pem 2>/dev/null
    openssl pkey -in o.pem -pubout -out o_pub.pem
    "$SEETLS" pkeyutl --derive --key s.pem --peerkey o_pub.pem --out S_ours
    openssl pkeyutl -derive -inkey o.pem -peerkey s_pub.pem -out S_openssl
    expect_eq "round $round: S has 32 bytes" 32 "$(wc -c <S_ours)"
    expect_same_file "round $round: S = a*B (ours) = b*A (openssl)" S_ours S_openssl
    openssl pkeyutl -derive -inkey s.pem -peerkey o_pub.pem -out S_openssl2
    "$SEETLS" pkeyutl --derive --key o.pem --peerkey s_pub.pem --out S_ours2
    expect_same_file "round $round: openssl with our key, ours with openssl's" S_openssl2 S_ours2
    expect_same_file "round $round: all four the same" S_ours S_ours2
    # the peer's private key file gives its public half
    "$SEETLS" pkeyutl --derive --key s.pem --peerkey o.pem --out S_ours3
    expect_same_file "round $round: --peerkey a private key file" S_ours S_ours3
done

# --- a peer of small order: openssl refuses, so do we, writing nothing
for n in 0 1; do
    u=$(printf '%02x%062d' "$n" 0)
    printf '%s%s' "$PUBLIC_PREFIX" "$u" | xxd -r -p >low.der
    if openssl pkeyutl -derive -inkey s.pem -peerkey low.der -peerform DER \
        -out low_openssl 2>/dev/null; then
        fail "openssl derived a secret with the small-order u = $n"
    else pass; fi
    rm -f low_ours
    expect_status "we refuse u = $n" 1 "$SEETLS" pkeyutl --derive --key s.pem \
        --peerkey low.der --out low_ours
    expect_said "u = $n" "all zeros"
    if [ -e low_ours ]; then fail "u = $n: a secret was written"; else pass; fi
done

# --- refusals by name
openssl genrsa -out rsa.pem 1024 2>/dev/null
openssl rsa -in rsa.pem -pubout -out rsa_pub.pem 2>/dev/null
expect_status "RSA key to --derive" 1 "$SEETLS" pkeyutl --derive --key rsa.pem --peerkey o_pub.pem
expect_said "RSA key to --derive" "the key is an RSA key, not X25519"
expect_status "RSA peer key to --derive" 1 "$SEETLS" pkeyutl --derive --key s.pem --peerkey rsa_pub.pem
expect_said "RSA peer key to --derive" "the key is an RSA key, not X25519"
expect_status "X25519 key to seetls rsa" 1 "$SEETLS" rsa --in s.pem
expect_said "X25519 key to seetls rsa" "the key is an X25519 key, not RSA"
expect_status "X25519 key to --encrypt" 1 "$SEETLS" pkeyutl --encrypt --key s_pub.pem --in s.pem
expect_said "X25519 key to --encrypt" "the key is an X25519 key, not RSA"
expect_status "public key as --key" 1 "$SEETLS" pkeyutl --derive --key s_pub.pem --peerkey o_pub.pem
expect_said "public key as --key" "a private key is needed"
openssl genpkey -algorithm ED25519 -out ed.pem 2>/dev/null
expect_status "Ed25519 key to pkey" 1 "$SEETLS" pkey --in ed.pem
expect_said "Ed25519 key to pkey" "not X25519"
echo "not a key" >junk.txt
expect_status "no key" 1 "$SEETLS" pkey --in junk.txt
expect_status "--derive without --peerkey" 1 "$SEETLS" pkeyutl --derive --key s.pem
expect_status "--derive with --in" 1 "$SEETLS" pkeyutl --derive --key s.pem --peerkey o_pub.pem --in s.pem
expect_said "--derive with --in" "--derive takes no --in"
expect_status "--derive with --pad" 1 "$SEETLS" pkeyutl --derive --key s.pem --peerkey o_pub.pem --pad oaep
expect_status "--algorithm rsa" 1 "$SEETLS" genpkey --algorithm rsa
expect_said "--algorithm rsa" "genrsa"

finish pkey_x25519
