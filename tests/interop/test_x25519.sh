#!/bin/sh
# X25519 (crypto/x25519.c) against the openssl command line, both ways:
#  - keys openssl makes (openssl genpkey -algorithm X25519): our A = a*G is
#    openssl's public key, and our S = a*B is what openssl pkeyutl -derive
#    gives, from each side;
#  - keys we make (x25519_generate_key): openssl, given our private key
#    (wrapped in PKCS#8, RFC 8410), finds our public key and our shared
#    secret;
#  - a peer value of small order (u = 0, u = 1): openssl refuses to derive
#    and so do we (RFC 7748 6.1's all-zero check), saying why.
# The raw keys go through tests/interop/x25519_raw.c, built here against
# the library: the primitive alone (test_pkey_x25519.sh tests the seetls
# commands on key files).
. "$(dirname "$0")/lib.sh"
: "${BUILD_DIR:?BUILD_DIR must name the build folder}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$WORK" || exit 1

if ! ${CC:-cc} -std=c11 -D_GNU_SOURCE -I "$ROOT" -o x25519_raw \
    "$ROOT/tests/interop/x25519_raw.c" "$BUILD_DIR/libseetls.a" -lgmp -lm 2>raw.err; then
    fail "x25519_raw not built: $(head -c 300 raw.err)"
    finish x25519
    exit
fi

# The DER prefixes of RFC 8410's two encodings of an X25519 key
# (id-X25519 is 1.3.101.110, 06 03 2b 65 6e), before the 32 raw bytes:
# PKCS#8 PrivateKeyInfo (version 0, the algorithm, an OCTET STRING
# holding the CurvePrivateKey OCTET STRING) and SubjectPublicKeyInfo.
PRIVATE_PREFIX=302e020100300506032b656e04220420
PUBLIC_PREFIX=302a300506032b656e032100

hex_of() { xxd -p -c 256 "$1"; }
raw_private() { openssl pkey -in "$1" -outform DER | tail -c 32 | xxd -p -c 64; }
raw_public() { openssl pkey -in "$1" -pubout -outform DER | tail -c 32 | xxd -p -c 64; }

# pem_of private|public HEX FILE: our raw key as a PEM file openssl reads
pem_of() {
    if [ "$1" = private ]; then
        printf '%s%s' "$PRIVATE_PREFIX" "$2" | xxd -r -p | openssl pkey -inform DER -out "$3"
    else
        printf '%s%s' "$PUBLIC_PREFIX" "$2" | xxd -r -p | openssl pkey -pubin -inform DER -out "$3"
    fi
}

# openssl_derive PRIVATE_PEM PEER_PUBLIC_PEM: the shared secret in hex
openssl_derive() {
    openssl pkeyutl -derive -inkey "$1" -peerkey "$2" -out derived.bin 2>derive.err &&
        hex_of derived.bin
}

# --- openssl's keys
for round in 1 2 3 4 5; do
    openssl genpkey -algorithm X25519 -out alice.pem 2>/dev/null
    openssl genpkey -algorithm X25519 -out bob.pem 2>/dev/null
    openssl pkey -in alice.pem -pubout -out alice_pub.pem
    openssl pkey -in bob.pem -pubout -out bob_pub.pem
    a=$(raw_private alice.pem) b=$(raw_private bob.pem)
    A=$(raw_public alice.pem) B=$(raw_public bob.pem)
    expect_eq "openssl key $round: A = a*G" "$A" "$(./x25519_raw public "$a")"
    expect_eq "openssl key $round: B = b*G" "$B" "$(./x25519_raw public "$b")"
    S=$(openssl_derive alice.pem bob_pub.pem)
    expect_eq "openssl keys $round: S = a*B" "$S" "$(./x25519_raw derive "$a" "$B")"
    expect_eq "openssl keys $round: S = b*A" "$S" "$(./x25519_raw derive "$b" "$A")"
done

# --- our keys, given to openssl
for round in 1 2 3; do
    set -- $(./x25519_raw generate)
    a=$1 A=$2
    pem_of private "$a" ours.pem
    expect_eq "our key $round: openssl finds our A" "$A" "$(raw_public ours.pem)"
    pem_of public "$A" ours_pub.pem
    expect_eq "our key $round: openssl reads our public key" \
        "$PUBLIC_PREFIX$A" "$(openssl pkey -pubin -in ours_pub.pem -outform DER | xxd -p -c 256)"
    openssl genpkey -algorithm X25519 -out theirs.pem 2>/dev/null
    openssl pkey -in theirs.pem -pubout -out theirs_pub.pem
    T=$(raw_public theirs.pem)
    S=$(./x25519_raw derive "$a" "$T")
    expect_eq "our key $round: openssl derives our S" "$S" "$(openssl_derive ours.pem theirs_pub.pem)"
    expect_eq "our key $round: openssl's side, with our A" "$S" "$(openssl_derive theirs.pem ours_pub.pem)"
done

# --- a peer of small order: both refuse
openssl genpkey -algorithm X25519 -out alice.pem 2>/dev/null
a=$(raw_private alice.pem)
for n in 0 1; do
    u=$(printf '%02x%062d' "$n" 0)
    pem_of public "$u" low.pem
    if openssl_derive alice.pem low.pem >/dev/null; then
        fail "openssl derived a secret with the small-order u = $n"
    else pass; fi
    expect_status "we refuse u = $n" 1 ./x25519_raw derive "$a" "$u"
    if grep -q "all zeros" "$WORK/err"; then pass; else
        fail "our refusal of u = $n does not say why: $(cat "$WORK/err")"; fi
done

finish x25519
