#!/bin/sh
# make_fixtures.sh: remake the fixture certificates of this folder with the
# openssl command line (run from this folder; see README). Every certificate
# is written as NAME.pem and NAME.der; keys as NAME.key (PKCS#8).
set -eu
days=7300
key() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1.key" 2>/dev/null; }
ext() { printf '%s\n' "$@" >ext.cnf; }
# sign NAME ISSUER SUBJECT EXT...: a CSR for NAME.key, signed by ISSUER.
sign() {
    name=$1 issuer=$2 subj=$3
    shift 3
    ext "$@"
    openssl req -new -key "$name.key" -subj "$subj" -out "$name.csr"
    openssl x509 -req -in "$name.csr" -CA "$issuer.pem" -CAkey "$issuer.key" \
        -CAcreateserial -days $days -sha256 -extfile ext.cnf -out "$name.pem" 2>/dev/null
    rm -f "$name.csr"
}

# The root CA (Charlie), self-signed.
key root
openssl req -x509 -new -key root.key -subj "/C=SG/O=seetls test/CN=Test Root CA" \
    -days $days -sha256 -out root.pem \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign"

# An intermediate CA that may sign leaves only (pathlen 0).
key inter
sign inter root "/C=SG/O=seetls test/CN=Test Intermediate CA" \
    "basicConstraints=critical,CA:TRUE,pathlen:0" \
    "keyUsage=critical,keyCertSign,cRLSign" \
    "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid"

# A server leaf under the intermediate: DNS names, a wildcard, an IP.
key server
sign server inter "/C=SG/O=seetls test/CN=robot.lab" \
    "basicConstraints=CA:FALSE" \
    "keyUsage=critical,digitalSignature,keyEncipherment" \
    "extendedKeyUsage=serverAuth" \
    "subjectAltName=DNS:robot.lab,DNS:*.alex.lab,IP:127.0.0.1,IP:::1"

# A client leaf under the root.
key client
sign client root "/C=SG/O=seetls test/CN=Team 7 laptop" \
    "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature" \
    "extendedKeyUsage=clientAuth"

# What lab teams make: openssl x509 -req with no extension file at all,
# so the host name is only in the CN.
key lab
openssl req -new -key lab.key -subj "/CN=alex.local" -out lab.csr
openssl x509 -req -in lab.csr -CA root.pem -CAkey root.key -CAcreateserial \
    -days 500 -sha256 -out lab.pem 2>/dev/null
rm -f lab.csr

# A certificate signed by the server leaf, which is no CA.
key byleaf
sign byleaf server "/CN=signed by a leaf" "basicConstraints=CA:FALSE"

# A second-level intermediate under the pathlen:0 one, and a leaf under
# it: the path is one CA too long.
key inter2
sign inter2 inter "/CN=Too Deep CA" "basicConstraints=critical,CA:TRUE" \
    "keyUsage=critical,keyCertSign"
key deep
sign deep inter2 "/CN=deep.lab" "basicConstraints=CA:FALSE" \
    "subjectAltName=DNS:deep.lab"

# A leaf with an extension nobody knows, marked critical.
key critical
sign critical root "/CN=critical.lab" "basicConstraints=CA:FALSE" \
    "1.3.6.1.4.1.55555.1=critical,ASN1:UTF8String:must understand" \
    "subjectAltName=DNS:critical.lab"

# A self-signed EC certificate: an algorithm we do not support.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout ec.key -subj "/CN=ec.lab" -days $days -sha256 -out ec.pem 2>/dev/null

# A name with every common attribute, a multi-valued RDN and characters
# RFC 4514 escapes.
key names
sign names root "/C=SG/ST=Singapore/L=Kent Ridge/O=Alex, Bob \\+ Co/OU=Lab+UID=u7/CN=#names.lab /emailAddress=lab@example.org" \
    "basicConstraints=CA:FALSE"

# A root that signed itself with SHA-1 (as many old roots did) and a
# SHA-256 leaf under it: the root's own signature is never checked.
key sha1root
openssl req -x509 -new -key sha1root.key -subj "/CN=Old SHA-1 Root" -days $days \
    -sha1 -out sha1root.pem -addext "basicConstraints=critical,CA:TRUE"
key sha1leaf
sign sha1leaf sha1root "/CN=sha1leaf.lab" "basicConstraints=CA:FALSE" \
    "subjectAltName=DNS:sha1leaf.lab"

for f in *.pem; do
    openssl x509 -in "$f" -outform DER -out "${f%.pem}.der"
done
rm -f ext.cnf *.srl

# What openssl reads in each certificate, for test_x509.
out=../x509_openssl.txt
{
    echo "# source: the openssl command line (x509 -serial -subject -issuer"
    echo "# -nameopt RFC2253 -dates -modulus; asn1parse for the tbsCertificate)"
    echo "# reading the fixture certificates of vectors/certs/, made by"
    echo "# vectors/certs/make_fixtures.sh"
    for f in root inter server client lab byleaf inter2 deep names; do
        echo
        echo "name = $f"
        echo "serial = $(openssl x509 -in $f.pem -noout -serial | cut -d= -f2)"
        echo "subject = $(openssl x509 -in $f.pem -noout -subject -nameopt RFC2253 | sed 's/^subject=//')"
        echo "issuer = $(openssl x509 -in $f.pem -noout -issuer -nameopt RFC2253 | sed 's/^issuer=//')"
        echo "not_before = $(date -u -d "$(openssl x509 -in $f.pem -noout -startdate | cut -d= -f2)" +%s)"
        echo "not_after = $(date -u -d "$(openssl x509 -in $f.pem -noout -enddate | cut -d= -f2)" +%s)"
        echo "modulus = $(openssl x509 -in $f.pem -noout -modulus | cut -d= -f2)"
        # The tbsCertificate is the first element inside the outer SEQUENCE,
        # at offset 4 (the outer length takes 3 bytes for these sizes).
        tbs=$(openssl asn1parse -inform DER -in $f.der | sed -n 2p)
        hl=$(echo "$tbs" | sed 's/.*hl= *\([0-9]*\).*/\1/')
        l=$(echo "$tbs" | sed 's/.* l= *\([0-9]*\).*/\1/')
        echo "tbs_sha256 = $(dd if=$f.der bs=1 skip=4 count=$((hl + l)) 2>/dev/null | openssl dgst -sha256 -r | cut -d' ' -f1)"
    done
} >$out
