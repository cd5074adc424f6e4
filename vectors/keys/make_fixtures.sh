#!/bin/sh
# make_fixtures.sh: how the key files in this folder were made (OpenSSL 3.0),
# and the expected values file ../keyfiles_openssl.txt, whose numbers are
# openssl's own reading of each key (openssl rsa -text), not ours.
# Run from vectors/keys/ only to regenerate everything (new random keys).
set -e
q() { "$@" 2>/dev/null; }
q openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:512 -out rsa512_pkcs8.pem
q openssl genrsa -traditional -out rsa512_pkcs1.pem 512
q openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out rsa1024_pkcs8.pem
q openssl genrsa -traditional -out rsa1024_pkcs1.pem 1024
q openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa2048_pkcs8.pem
q openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:512 -pkeyopt rsa_keygen_pubexp:3 -out rsa512_e3_pkcs8.pem
openssl pkey -in rsa512_pkcs8.pem -pubout -out rsa512_pub.pem
q openssl rsa -in rsa512_pkcs1.pem -RSAPublicKey_out -out rsa512_pub_pkcs1.pem
# (openssl pkey -outform DER writes PKCS#1 for RSA in 3.0; pkcs8 -topk8 keeps PKCS#8)
openssl pkcs8 -topk8 -nocrypt -in rsa512_pkcs8.pem -outform DER -out rsa512_pkcs8.der
q openssl rsa -in rsa512_pkcs1.pem -traditional -outform DER -out rsa512_pkcs1.der
openssl pkey -in rsa512_pkcs8.pem -pubout -outform DER -out rsa512_pub.der
# keys of other kinds, which seetls must refuse by name
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec_p256_pkcs8.pem
openssl ecparam -genkey -name prime256v1 -noout -out ec_p256_sec1.pem
openssl genpkey -algorithm ed25519 -out ed25519.pem
openssl genpkey -algorithm x25519 -out x25519.pem
q openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:512 -out rsa_pss512.pem
q openssl genpkey -genparam -algorithm DSA -pkeyopt dsa_paramgen_bits:1024 -out dsaparam.pem
openssl genpkey -paramfile dsaparam.pem -out dsa1024.pem && rm dsaparam.pem
q openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:512 |
    q openssl pkcs8 -topk8 -passout pass:x -out rsa512_encrypted.pem
q openssl dhparam -out dh512_openssl.pem 512
# the same refusals in bare DER (no label to say what they are), and the
# legacy encrypted PEM (Proc-Type: 4,ENCRYPTED)
q openssl ec -in ec_p256_sec1.pem -outform DER -out ec_p256_sec1.der
sed '1d;$d' rsa512_encrypted.pem | base64 -d > rsa512_encrypted.der
q openssl rsa -in rsa512_pkcs1.pem -aes256 -traditional -passout pass:x -out rsa512_encrypted_legacy.pem

# field NAME < text: the colon-hex block after "NAME:" as plain hex
field() {
    awk -v f="$1:" 'index($0, f) == 1 {on = 1; next} /^[^ ]/ {on = 0}
        on {gsub(/[ :]/, ""); printf "%s", $0} END {print ""}' |
        sed 's/^00//'
}
exponent() { sed -n 's/^publicExponent: [0-9]* (0x\(.*\))$/\1/p'; }

{
    echo "# Expected values of the RSA key files in vectors/keys/, as OpenSSL 3.0"
    echo "# reads them (openssl rsa -text), for test_keyfile."
    echo "# Fields: file, form (pkcs1, pkcs8, spki, pkcs1pub), then the hex numbers."
    for f in rsa512_pkcs8.pem rsa512_pkcs1.pem rsa1024_pkcs8.pem \
             rsa1024_pkcs1.pem rsa2048_pkcs8.pem rsa512_e3_pkcs8.pem \
             rsa512_pkcs8.der rsa512_pkcs1.der; do
        t=$(openssl rsa -in "$f" -text -noout 2>/dev/null)
        case $f in *pkcs1*) form=pkcs1 ;; *) form=pkcs8 ;; esac
        echo
        echo "file = $f"
        echo "form = $form"
        echo "n = $(echo "$t" | field modulus)"
        echo "e = $(echo "$t" | exponent)"
        echo "d = $(echo "$t" | field privateExponent)"
        echo "p = $(echo "$t" | field prime1)"
        echo "q = $(echo "$t" | field prime2)"
        echo "dp = $(echo "$t" | field exponent1)"
        echo "dq = $(echo "$t" | field exponent2)"
        echo "qinv = $(echo "$t" | field coefficient)"
    done
    for f in rsa512_pub.pem rsa512_pub_pkcs1.pem rsa512_pub.der; do
        case $f in *pkcs1*) form=pkcs1pub; in=RSAPublicKey_in ;; *) form=spki; in=pubin ;; esac
        t=$(openssl rsa -$in -in "$f" -text -noout 2>/dev/null)
        echo
        echo "file = $f"
        echo "form = $form"
        echo "n = $(echo "$t" | field Modulus)"
        echo "e = $(echo "$t" | sed -n 's/^Exponent: [0-9]* (0x\(.*\))$/\1/p')"
    done
} >../keyfiles_openssl.txt
