#!/bin/sh
# Key files, signatures, encryption and DH parameters against the openssl
# command line, in both directions.
. "$(dirname "$0")/lib.sh"
S=$SEETLS
W=$WORK

# expect_error NAME COMMAND...: non-zero exit and exactly one line on
# stderr, "seetls ...".
expect_error() {
    name=$1
    shift
    "$@" >"$W/out" 2>"$W/err"
    got=$?
    lines=$(wc -l <"$W/err")
    if [ "$got" -ne 0 ] && [ "$lines" -eq 1 ] && grep -q '^seetls ' "$W/err"; then
        pass
    else
        fail "$name: exit $got, $lines stderr lines: $(head -c 300 "$W/err")"
    fi
}

# field NAME < text: the colon-hex block after "NAME:" or "NAME (" as hex
field() {
    awk -v f="$1" 'index($0, f ":") == 1 || index($0, f " (") == 1 {on = 1; next}
        /^[^ ]/ {on = 0} on {gsub(/[ :]/, ""); printf "%s", $0} END {print ""}'
}

# --- our keys, checked by openssl
"$S" genrsa --bits 2048 --out "$W/k2048.pem" 2>/dev/null
expect_eq "genrsa 2048 is PKCS#8" "-----BEGIN PRIVATE KEY-----" "$(head -1 "$W/k2048.pem")"
expect_status "openssl pkey -check on our 2048-bit key" 0 \
    openssl pkey -in "$W/k2048.pem" -check -noout
expect_eq "our key file is owner-only" "600" "$(stat -c %a "$W/k2048.pem")"
"$S" genrsa --bits 1024 --pkcs1 --out "$W/k1024.pem" 2>/dev/null
expect_eq "genrsa --pkcs1" "-----BEGIN RSA PRIVATE KEY-----" "$(head -1 "$W/k1024.pem")"
expect_status "openssl rsa -check on our PKCS#1 key" 0 \
    openssl rsa -in "$W/k1024.pem" -check -noout
"$S" rsa --in "$W/k2048.pem" --pubout --out "$W/pub2048.pem"
openssl pkey -in "$W/k2048.pem" -pubout -out "$W/pub2048.openssl.pem"
expect_same_file "rsa --pubout equals openssl pkey -pubout" \
    "$W/pub2048.pem" "$W/pub2048.openssl.pem"

# --- openssl's keys, read by us
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 \
    -out "$W/o2048.pem" 2>/dev/null
openssl genrsa -traditional -out "$W/o1024.pem" 1024 2>/dev/null
for k in o2048 o1024; do
    openssl rsa -in "$W/$k.pem" -text -noout >"$W/$k.openssl.txt" 2>/dev/null
    "$S" rsa --in "$W/$k.pem" --text >"$W/$k.ours.txt"
    for f in modulus privateExponent prime1 prime2 exponent1 exponent2 coefficient; do
        expect_eq "$k $f: seetls rsa --text vs openssl rsa -text" \
            "$(field $f <"$W/$k.openssl.txt")" "$(field $f <"$W/$k.ours.txt")"
    done
    expect_eq "$k publicExponent" \
        "$(sed -n 's/^publicExponent: \([0-9]*\).*/\1/p' "$W/$k.openssl.txt")" \
        "$(sed -n 's/^publicExponent ([^)]*): \([0-9]*\).*/\1/p' "$W/$k.ours.txt")"
done
openssl rsa -in "$W/o2048.pem" -traditional -out "$W/o2048.pkcs1.pem" 2>/dev/null
"$S" rsa --in "$W/o2048.pem" --pkcs1 --out "$W/o2048.pkcs1.ours.pem"
expect_same_file "PKCS#8 to PKCS#1 as openssl rsa -traditional" \
    "$W/o2048.pkcs1.pem" "$W/o2048.pkcs1.ours.pem"
"$S" rsa --in "$W/o1024.pem" --out "$W/o1024.pkcs8.ours.pem"
openssl pkey -in "$W/o1024.pem" -out "$W/o1024.pkcs8.pem"
expect_same_file "PKCS#1 to PKCS#8 as openssl pkey" \
    "$W/o1024.pkcs8.pem" "$W/o1024.pkcs8.ours.pem"
openssl pkey -in "$W/o2048.pem" -pubout -outform DER -out "$W/opub.der"
"$S" rsa --pubin --in "$W/opub.der" --text >"$W/opub.txt"
expect_eq "SPKI DER from openssl: modulus" \
    "$(field modulus <"$W/o2048.openssl.txt")" "$(field modulus <"$W/opub.txt")"

# --- signatures, both ways
head -c 10000 /dev/urandom >"$W/msg"
"$S" dgst --sign "$W/k2048.pem" --out "$W/sig.ours" "$W/msg"
expect_status "openssl verifies our signature" 0 openssl dgst -sha256 \
    -verify "$W/pub2048.pem" -signature "$W/sig.ours" "$W/msg"
openssl dgst -sha256 -sign "$W/k2048.pem" -out "$W/sig.openssl" "$W/msg"
expect_same_file "our signature equals openssl's (deterministic)" \
    "$W/sig.ours" "$W/sig.openssl"
openssl dgst -sha256 -sign "$W/o2048.pem" -out "$W/osig" "$W/msg"
openssl pkey -in "$W/o2048.pem" -pubout -out "$W/opub.pem"
expect_eq "we verify openssl's signature" "Verified OK" \
    "$("$S" dgst --verify "$W/opub.pem" --signature "$W/osig" "$W/msg")"
expect_eq "a private key file verifies too" "Verified OK" \
    "$("$S" dgst --verify "$W/o2048.pem" --signature "$W/osig" "$W/msg")"
printf x >>"$W/msg"
expect_status "changed message: exit 1" 1 \
    "$S" dgst --verify "$W/opub.pem" --signature "$W/osig" "$W/msg"
expect_eq "changed message: Verification failure" "Verification failure" \
    "$(cat "$W/out")"

# --- encryption, both ways, both paddings
OAEP="-pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256 -pkeyopt rsa_mgf1_md:sha256"
random_hex 32 >"$W/secret"
openssl pkeyutl -encrypt -pubin -inkey "$W/pub2048.pem" -in "$W/secret" -out "$W/c1"
"$S" pkeyutl --decrypt --key "$W/k2048.pem" --in "$W/c1" --out "$W/p1"
expect_same_file "openssl PKCS#1 v1.5 encrypts, we decrypt" "$W/secret" "$W/p1"
# shellcheck disable=SC2086
openssl pkeyutl -encrypt -pubin -inkey "$W/pub2048.pem" -in "$W/secret" \
    -out "$W/c2" $OAEP
"$S" pkeyutl --decrypt --pad oaep --key "$W/k2048.pem" --in "$W/c2" --out "$W/p2"
expect_same_file "openssl OAEP-SHA256 encrypts, we decrypt" "$W/secret" "$W/p2"
"$S" pkeyutl --encrypt --key "$W/opub.pem" --in "$W/secret" --out "$W/c3"
openssl pkeyutl -decrypt -inkey "$W/o2048.pem" -in "$W/c3" -out "$W/p3"
expect_same_file "we encrypt PKCS#1 v1.5, openssl decrypts" "$W/secret" "$W/p3"
"$S" pkeyutl --encrypt --pad oaep --key "$W/o2048.pem" --in "$W/secret" --out "$W/c4"
# shellcheck disable=SC2086
openssl pkeyutl -decrypt -inkey "$W/o2048.pem" -in "$W/c4" -out "$W/p4" $OAEP
expect_same_file "we encrypt OAEP-SHA256, openssl decrypts" "$W/secret" "$W/p4"

# --- Diffie-Hellman parameters
for g in ffdhe2048 ffdhe3072 modp2048; do
    "$S" dhparam --group "$g" --out "$W/$g.pem"
    expect_status "openssl dhparam -check on our $g" 0 \
        openssl dhparam -in "$W/$g.pem" -check -noout
done
"$S" dhparam --bits 512 --insecure --out "$W/dh512.pem"
expect_status "openssl dhparam -check on our generated 512-bit group" 0 \
    openssl dhparam -in "$W/dh512.pem" -check -noout
openssl dhparam -out "$W/odh.pem" 512 2>/dev/null
expect_status "dh on openssl's parameters" 0 "$S" dh --params "$W/odh.pem" --insecure
expect_eq "both sides agree" "Alice and Bob hold the same S" "$(tail -1 "$W/out")"
"$S" dhparam --group toy --insecure --out "$W/toy.pem"
expect_status "dh on the slides' toy group" 0 "$S" dh --params "$W/toy.pem" --insecure
expect_eq "toy group p" "p                      23" "$(sed -n 2p "$W/out")"
# the slides' example: g = 5, p = 23, a = 6, b = 15 give A = 8, B = 19, S = 2
"$S" dh --params "$W/toy.pem" --insecure --a 6 --b 15 >"$W/slides.txt"
expect_eq "slides: A = 5^6 mod 23" "8" "$(sed -n 's/^A = g^a mod p *//p' "$W/slides.txt")"
expect_eq "slides: B = 5^15 mod 23" "19" "$(sed -n 's/^B = g^b mod p *//p' "$W/slides.txt")"
expect_eq "slides: S(Alice) = 19^6 mod 23" "2" "$(sed -n 's/^S = B^a mod p (Alice) *//p' "$W/slides.txt")"
expect_eq "slides: S(Bob) = 8^15 mod 23" "2" "$(sed -n 's/^S = A^b mod p (Bob) *//p' "$W/slides.txt")"
expect_error "private exponent out of range" "$S" dh --params "$W/toy.pem" --insecure --a 22
expect_error "toy group without --insecure" "$S" dhparam --group toy --out "$W/x.pem"

# --- bad input: one line, non-zero exit
sed '3s/./!/' "$W/k2048.pem" >"$W/bad_base64.pem"
expect_error "corrupted PEM" "$S" rsa --in "$W/bad_base64.pem" --text
head -n 10 "$W/k2048.pem" >"$W/no_end.pem"
expect_error "PEM without END" "$S" rsa --in "$W/no_end.pem" --text
sed 's/END PRIVATE KEY/END PUBLIC KEY/' "$W/k2048.pem" >"$W/wrong_end.pem"
expect_error "PEM with a different END label" "$S" rsa --in "$W/wrong_end.pem"
openssl pkey -in "$W/o2048.pem" -outform DER -out "$W/o2048.der"
head -c 600 "$W/o2048.der" >"$W/trunc.der"
expect_error "truncated DER" "$S" rsa --in "$W/trunc.der" --text
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$W/ec.pem"
expect_error "EC key" "$S" rsa --in "$W/ec.pem" --text
expect_eq "EC key named" "seetls rsa: $W/ec.pem: the key is an EC key, not RSA (at byte 8 of the DER)" \
    "$(cat "$W/err")"
# an EC key as openssl ecparam writes it (SEC1, RFC 5915), PEM and bare
# DER; an RSA key encrypted as PKCS#8 (PEM and DER) and as legacy PEM
openssl ecparam -name prime256v1 -genkey -noout -out "$W/sec1.pem"
openssl ec -in "$W/sec1.pem" -outform DER -out "$W/sec1.der" 2>/dev/null
for f in sec1.pem sec1.der; do
    expect_error "SEC1 EC key $f" "$S" rsa --in "$W/$f"
    expect_eq "SEC1 EC key $f named" "seetls rsa: $W/$f: the key is an EC private key (SEC1 ECPrivateKey, RFC 5915), not RSA" \
        "$(cat "$W/err")"
done
openssl pkcs8 -topk8 -v2 aes-256-cbc -in "$W/o2048.pem" -passout pass:x -out "$W/enc8.pem"
openssl pkcs8 -topk8 -v2 aes-256-cbc -in "$W/o2048.pem" -passout pass:x -outform DER -out "$W/enc8.der"
for f in enc8.pem enc8.der; do
    expect_error "encrypted PKCS#8 $f" "$S" rsa --in "$W/$f"
    expect_eq "encrypted PKCS#8 $f named" "seetls rsa: $W/$f: the key is encrypted (PKCS#8 EncryptedPrivateKeyInfo, RFC 5958 3), which seetls does not decrypt" \
        "$(cat "$W/err")"
done
openssl rsa -in "$W/o2048.pem" -aes256 -traditional -passout pass:x -out "$W/legacy.pem" 2>/dev/null
expect_error "legacy encrypted PEM" "$S" rsa --in "$W/legacy.pem"
expect_eq "legacy encrypted PEM named" "seetls rsa: $W/legacy.pem: the key is encrypted (PEM Proc-Type: 4,ENCRYPTED, RFC 1421), which seetls does not decrypt" \
    "$(cat "$W/err")"
openssl genpkey -algorithm ed25519 -out "$W/ed.pem"
expect_error "Ed25519 key for signing" "$S" dgst --sign "$W/ed.pem" "$W/msg"
expect_error "public key to decrypt" "$S" pkeyutl --decrypt --key "$W/pub2048.pem" --in "$W/c1"
head -c 255 "$W/sig.ours" >"$W/short.sig"
expect_error "signature of the wrong length" \
    "$S" dgst --verify "$W/pub2048.pem" --signature "$W/short.sig" "$W/msg"
expect_error "ciphertext of the wrong length" \
    "$S" pkeyutl --decrypt --key "$W/k2048.pem" --in "$W/short.sig"
expect_error "RSA key as DH parameters" "$S" dh --params "$W/k2048.pem"
expect_error "toy group without --insecure to dh" "$S" dh --params "$W/toy.pem"
expect_eq "a group too small says how to allow it" \
    "seetls dh: $W/toy.pem: Diffie-Hellman group too small (below 2048 bits; --insecure allows it)" \
    "$(cat "$W/err")"
"$S" rsa --in "$W/k2048.pem" --pubout --der --out "$W/pub2048.der"
expect_error "public key DER read as private" "$S" rsa --in "$W/pub2048.der"
expect_eq "a public key read as private: no byte offset" \
    "seetls rsa: $W/pub2048.der: the file holds a public key; a private key is needed" \
    "$(cat "$W/err")"
expect_error "genrsa below 1024 without --insecure" "$S" genrsa --bits 512
expect_error "missing key file" "$S" rsa --in "$W/nothing.pem"

finish pkey
