#!/bin/sh
# seetls ca against the openssl command line, both ways: openssl verifies
# and parses what seetls ca init/issue make (a leaf, and a leaf under an
# intermediate); seetls ca verify accepts what openssl req / x509 -req make;
# host-name checks agree with openssl verify -verify_hostname; and every
# kind of failure gives its own message.
. "$(dirname "$0")/lib.sh"

cd "$WORK" || exit 1

# expect_fail NAME "TEXT" COMMAND...: exit 1 and TEXT in what it printed.
expect_fail() {
    name=$1 text=$2
    shift 2
    out=$("$@" 2>&1)
    st=$?
    if [ "$st" = 1 ] && printf '%s' "$out" | grep -qF -- "$text"; then pass; else
        fail "$name: exit $st, wanted 1 and '$text'; got '$out'"; fi
}

# der_tbs_sha256 FILE.der: SHA-256 of the tbsCertificate, found by openssl.
der_tbs_sha256() {
    line=$(openssl asn1parse -inform DER -in "$1" | sed -n 2p)
    off=$(echo "$line" | sed 's/^ *\([0-9]*\):.*/\1/')
    hl=$(echo "$line" | sed 's/.*hl= *\([0-9]*\).*/\1/')
    l=$(echo "$line" | sed 's/.* l= *\([0-9]*\).*/\1/')
    dd if="$1" bs=1 skip="$off" count=$((hl + l)) 2>/dev/null |
        openssl dgst -sha256 -r | cut -d' ' -f1
}

# flip FILE OFFSET OUT: FILE with the byte at OFFSET xor 0x01.
flip() {
    cp "$1" "$3"
    b=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
    printf "$(printf '\\%03o' $((b ^ 1)))" |
        dd of="$3" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

ok_openssl() { openssl verify "$@" >/dev/null 2>&1; }

# ------------------------------------------- seetls makes, openssl checks ---

"$SEETLS" ca init --dir ca --name "Alex Lab CA" >/dev/null 2>&1
expect_eq "ca init writes the key mode 0600" "600" "$(stat -c %a ca/ca-key.pem)"
expect_status "openssl x509 parses ca.pem" 0 openssl x509 -in ca/ca.pem -noout -text
text=$(openssl x509 -in ca/ca.pem -noout -text)
case $text in *"CA:TRUE"*"Certificate Sign, CRL Sign"*) pass ;;
    *) fail "ca.pem: CA:TRUE and keyCertSign, cRLSign expected" ;; esac
expect_eq "subject of ca.pem" "subject=CN = Alex Lab CA" \
    "$(openssl x509 -in ca/ca.pem -noout -subject)"
expect_status "openssl verify: self-signed CA" 0 openssl verify -CAfile ca/ca.pem ca/ca.pem
expect_status "openssl rsa -check on ca-key.pem" 0 openssl rsa -in ca/ca-key.pem -check -noout
expect_status "ca init refuses to overwrite" 1 \
    "$SEETLS" ca init --dir ca --name "Again"

"$SEETLS" ca issue --dir ca --name robot.lab --dns robot.lab --dns '*.alex.lab' \
    --ip 127.0.0.1 --server --out-key robot.key --out-cert robot.pem 2>/dev/null
expect_status "openssl x509 parses the server leaf" 0 openssl x509 -in robot.pem -noout -text
expect_status "openssl verify: server leaf, sslserver" 0 \
    openssl verify -CAfile ca/ca.pem -purpose sslserver robot.pem
expect_status "openssl verify: leaf's host name" 0 \
    openssl verify -CAfile ca/ca.pem -verify_hostname robot.lab robot.pem
expect_status "openssl verify: leaf's wildcard" 0 \
    openssl verify -CAfile ca/ca.pem -verify_hostname pi.alex.lab robot.pem
expect_status "openssl verify: leaf's IP" 0 \
    openssl verify -CAfile ca/ca.pem -verify_ip 127.0.0.1 robot.pem
expect_status "openssl verify: not a client certificate" 2 \
    openssl verify -CAfile ca/ca.pem -purpose sslclient robot.pem
expect_status "openssl rsa -check on the leaf key" 0 openssl rsa -in robot.key -check -noout
expect_eq "the leaf key is the certificate's" \
    "$(openssl x509 -in robot.pem -noout -modulus)" \
    "$(openssl rsa -in robot.key -noout -modulus)"
serial=$(openssl x509 -in robot.pem -noout -serial | cut -d= -f2)
expect_eq "serial is 20 bytes" 40 "${#serial}"

"$SEETLS" ca issue --dir ca --name "Team 7 laptop" --client --bits 1024 \
    --out-key laptop.key --out-cert laptop.pem 2>/dev/null
expect_status "openssl verify: client leaf, sslclient" 0 \
    openssl verify -CAfile ca/ca.pem -purpose sslclient laptop.pem

mkdir sub
"$SEETLS" ca issue --dir ca --name "Alex Lab Issuing CA" --intermediate \
    --out-key sub/ca-key.pem --out-cert sub/ca.pem 2>/dev/null
"$SEETLS" ca issue --dir sub --name pi.lab --dns pi.lab --server --bits 1024 \
    --out-key pi.key --out-cert pi.pem 2>/dev/null
expect_status "openssl verify: leaf via an intermediate" 0 \
    openssl verify -CAfile ca/ca.pem -untrusted sub/ca.pem -purpose sslserver \
    -verify_hostname pi.lab pi.pem
expect_status "openssl verify: the intermediate is needed" 2 \
    openssl verify -CAfile ca/ca.pem pi.pem
text=$(openssl x509 -in sub/ca.pem -noout -text)
case $text in *"CA:TRUE, pathlen:0"*) pass ;;
    *) fail "intermediate: CA:TRUE, pathlen:0 expected" ;; esac

# Our own verify of our own certificates.
expect_eq "seetls verify: server leaf" OK \
    "$("$SEETLS" ca verify --ca ca/ca.pem --host robot.lab --purpose server robot.pem)"
expect_eq "seetls verify: leaf via an intermediate" OK \
    "$("$SEETLS" ca verify --ca ca/ca.pem --untrusted sub/ca.pem --host pi.lab pi.pem)"
expect_eq "seetls verify --verbose: the path" \
"depth 0: CN=pi.lab
   signed by
depth 1: CN=Alex Lab Issuing CA
   signed by
depth 2: CN=Alex Lab CA   (trusted: from the CA file)
OK" "$("$SEETLS" ca verify --verbose --ca ca/ca.pem --untrusted sub/ca.pem pi.pem)"
cat pi.pem sub/ca.pem >pi-chain.pem
expect_eq "seetls verify: a chain file" OK \
    "$("$SEETLS" ca verify --ca ca/ca.pem --purpose server pi-chain.pem)"

# ca show: h(tbsCertificate) as openssl finds the tbsCertificate.
openssl x509 -in robot.pem -outform DER -out robot.der
theirs=$(der_tbs_sha256 robot.der)
ours=$("$SEETLS" ca show robot.pem | sed -n '/h(tbsCertificate)/{n;N;p}' | tr -d ' :\n')
expect_eq "ca show: h(tbsCertificate)" "$theirs" "$ours"
# ca show --issuer: m = c^e mod n with Charlie's PUB, as openssl recovers it.
line=$(openssl asn1parse -inform DER -in robot.der | tail -n 1)
off=$(echo "$line" | sed 's/^ *\([0-9]*\):.*/\1/')
hl=$(echo "$line" | sed 's/.*hl= *\([0-9]*\).*/\1/')
l=$(echo "$line" | sed 's/.* l= *\([0-9]*\).*/\1/')
dd if=robot.der of=sig.bin bs=1 skip=$((off + hl + 1)) count=$((l - 1)) 2>/dev/null
openssl x509 -in ca/ca.pem -pubkey -noout >capub.pem
theirs=$(openssl pkeyutl -verifyrecover -pubin -inkey capub.pem -in sig.bin \
    -pkeyopt rsa_padding_mode:none | od -An -v -tx1 | tr -d ' \n' | sed 's/^0001\(ff\)*//')
"$SEETLS" ca show --issuer ca/ca.pem robot.pem >show.txt
ours=$(sed -n '/then the rest/,/(00, DigestInfo/p' show.txt | sed '1d;$d' | tr -d ' :\n')
expect_eq "ca show: c^e mod n as openssl recovers it" "$theirs" "$ours"
expect_eq "ca show: the verdict" 1 "$(grep -c "Verdict: *the signature is Charlie's: valid" show.txt)"
"$SEETLS" ca show --issuer laptop.pem robot.pem >show.txt
expect_eq "ca show: the wrong Charlie" 1 "$(grep -c "Verdict: *the signature does NOT verify" show.txt)"
expect_eq "ca show reads DER too" "$("$SEETLS" ca show robot.pem)" \
    "$("$SEETLS" ca show robot.der)"

# ------------------------------------------- openssl makes, seetls checks ---

mkdir o && cd o || exit 1
openssl req -x509 -newkey rsa:2048 -nodes -keyout root.key -out root.pem \
    -subj "/O=Lab/CN=Lab Root" -days 100 -sha256 \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
printf '%s\n' "basicConstraints=critical,CA:TRUE" \
    "keyUsage=critical,keyCertSign,cRLSign" >inter.ext
openssl req -new -newkey rsa:2048 -nodes -keyout inter.key -out inter.csr \
    -subj "/CN=Lab Intermediate" 2>/dev/null
openssl x509 -req -in inter.csr -CA root.pem -CAkey root.key -CAcreateserial \
    -days 50 -sha256 -extfile inter.ext -out inter.pem 2>/dev/null
printf '%s\n' "basicConstraints=CA:FALSE" "extendedKeyUsage=serverAuth" \
    "subjectAltName=DNS:robot.lab,DNS:*.alex.lab,IP:10.0.0.7" >leaf.ext
openssl req -new -newkey rsa:2048 -nodes -keyout leaf.key -out leaf.csr \
    -subj "/CN=robot.lab" 2>/dev/null
openssl x509 -req -in leaf.csr -CA inter.pem -CAkey inter.key -CAcreateserial \
    -days 20 -sha256 -extfile leaf.ext -out leaf.pem 2>/dev/null
# Exactly the lab handout's command: no extension file (a v1 certificate).
openssl req -new -newkey rsa:2048 -nodes -keyout lab.key -out lab.csr \
    -subj "/CN=alex.local" 2>/dev/null
openssl x509 -req -in lab.csr -CA root.pem -CAkey root.key -CAcreateserial \
    -days 500 -sha256 -out lab.pem 2>/dev/null

expect_eq "seetls verify: openssl's leaf via intermediate" OK \
    "$("$SEETLS" ca verify --ca root.pem --untrusted inter.pem --purpose server \
        --host robot.lab leaf.pem 2>&1)"
expect_eq "seetls verify: openssl x509 -req certificate (v1)" OK \
    "$("$SEETLS" ca verify --ca root.pem --purpose server --host alex.local lab.pem 2>&1)"
expect_eq "seetls verify: openssl's root itself" OK \
    "$("$SEETLS" ca verify --ca root.pem root.pem 2>&1)"
expect_eq "ca show: h(tbsCertificate) of openssl's leaf" \
    "$(openssl x509 -in leaf.pem -outform DER -out leaf.der && der_tbs_sha256 leaf.der)" \
    "$("$SEETLS" ca show leaf.pem | sed -n '/h(tbsCertificate)/{n;N;p}' | tr -d ' :\n')"

# Host names: seetls and openssl -verify_hostname / -verify_ip agree.
for host in robot.lab ROBOT.Lab pi.alex.lab PI.ALEX.LAB a.pi.alex.lab alex.lab \
        robot.la xrobot.lab robot.lab.x 10.0.0.7 10.0.0.8; do
    case $host in
    [0-9]*) ok_openssl -CAfile root.pem -untrusted inter.pem -verify_ip "$host" leaf.pem ;;
    *) ok_openssl -CAfile root.pem -untrusted inter.pem -verify_hostname "$host" leaf.pem ;;
    esac
    theirs=$?
    "$SEETLS" ca verify --ca root.pem --untrusted inter.pem --host "$host" \
        leaf.pem >/dev/null 2>&1
    ours=$?
    [ "$theirs" != 0 ] && theirs=1
    expect_eq "host $host agrees with openssl" "$theirs" "$ours"
done
# OpenSSL reads a host given with a leading dot as "any name under it";
# RFC 6125 has no such rule, and seetls takes the name as it is.
expect_fail "host .alex.lab is no name" "host name mismatch" \
    "$SEETLS" ca verify --ca root.pem --untrusted inter.pem --host .alex.lab leaf.pem
for host in alex.local ALEX.LOCAL alex.locals x.alex.local; do
    ok_openssl -CAfile root.pem -verify_hostname "$host" lab.pem
    theirs=$?
    "$SEETLS" ca verify --ca root.pem --host "$host" lab.pem >/dev/null 2>&1
    ours=$?
    [ "$theirs" != 0 ] && theirs=1
    expect_eq "CN host $host agrees with openssl" "$theirs" "$ours"
done

# seetls issues from the CA openssl made; openssl and seetls verify it.
"$SEETLS" ca issue --ca-cert root.pem --ca-key root.key --name lab2.local \
    --dns lab2.local --server --bits 1024 --out-key lab2.key --out-cert lab2.pem 2>/dev/null
expect_status "openssl verify: seetls leaf from openssl's CA" 0 \
    openssl verify -CAfile root.pem -purpose sslserver -verify_hostname lab2.local lab2.pem
expect_eq "seetls verify: seetls leaf from openssl's CA" OK \
    "$("$SEETLS" ca verify --ca root.pem --host lab2.local lab2.pem 2>&1)"
expect_fail "the key must be the CA's" "is not the key of" \
    "$SEETLS" ca issue --ca-cert root.pem --ca-key leaf.key --name x --server \
    --bits 1024 --out-key x.key --out-cert x.pem
expect_fail "a leaf cannot issue" "is not a CA certificate" \
    "$SEETLS" ca issue --ca-cert leaf.pem --ca-key leaf.key --name x --server \
    --bits 1024 --out-key x.key --out-cert x.pem

# An old root that signed itself with SHA-1 still anchors a SHA-256 chain
# (its key of 2048 bits: an issuer's least).
openssl req -x509 -newkey rsa:2048 -nodes -keyout old.key -out old.pem \
    -subj "/CN=Old Root" -days 30 -sha1 -addext "basicConstraints=critical,CA:TRUE" 2>/dev/null
"$SEETLS" ca issue --ca-cert old.pem --ca-key old.key --name new.lab --dns new.lab \
    --server --bits 1024 --out-key new.key --out-cert new.pem 2>/dev/null
expect_eq "seetls verify: SHA-256 leaf under a SHA-1 root" OK \
    "$("$SEETLS" ca verify --ca old.pem --host new.lab new.pem 2>&1)"
expect_status "openssl agrees" 0 openssl verify -CAfile old.pem new.pem
expect_fail "the SHA-1 root itself is not checkable" "unsupported algorithm 1.2.840.113549.1.1.5" \
    "$SEETLS" ca show old.pem

# Dates after 2049 are GeneralizedTime (RFC 5280 4.1.2.5), both ways.
"$SEETLS" ca init --dir long --name "Long CA" --days 36500 --bits 1024 >/dev/null 2>&1
expect_status "openssl verify: seetls CA until 2126" 0 openssl verify -CAfile long/ca.pem long/ca.pem
expect_eq "openssl reads its notAfter year" 2126 \
    "$(openssl x509 -in long/ca.pem -noout -enddate | awk '{print $4}')"
openssl req -x509 -newkey rsa:1024 -nodes -keyout long.key -out long.pem \
    -subj "/CN=Long Root" -days 20000 -sha256 2>/dev/null
expect_eq "seetls verify: openssl root until 2081" OK \
    "$("$SEETLS" ca verify --ca long.pem --at 2080-01-01T00:00:00Z long.pem 2>&1)"
expect_fail "openssl root expired in 2082" "certificate has expired" \
    "$SEETLS" ca verify --ca long.pem --at 2082-01-01T00:00:00Z long.pem

# ------------------------------------------------------ each failure ---

openssl x509 -in lab.pem -outform DER -out lab.der
size=$(stat -c %s lab.der)
flip lab.der $((size - 10)) sigflip.der
expect_fail "flipped signature byte" "certificate signature does not verify" \
    "$SEETLS" ca verify --ca root.pem sigflip.der
expect_status "openssl also refuses it" 2 openssl verify -CAfile root.pem sigflip.der
flip lab.der 12 tbsflip.der   # inside the serial number
expect_fail "flipped tbsCertificate byte" "certificate signature does not verify" \
    "$SEETLS" ca verify --ca root.pem tbsflip.der
expect_fail "expired" "certificate has expired" \
    "$SEETLS" ca verify --ca root.pem --at 2100-01-01T00:00:00Z lab.pem
expect_fail "not yet valid" "certificate is not yet valid" \
    "$SEETLS" ca verify --ca root.pem --at 2001-01-01T00:00:00Z lab.pem
expect_fail "unknown issuer" "unknown issuer" \
    "$SEETLS" ca verify --ca ../ca/ca.pem lab.pem
expect_fail "intermediate missing" "unknown issuer" \
    "$SEETLS" ca verify --ca root.pem leaf.pem

# A leaf used as a CA: openssl signs with the leaf's key.
openssl req -new -newkey rsa:1024 -nodes -keyout fake.key -out fake.csr \
    -subj "/CN=fake.lab" 2>/dev/null
openssl x509 -req -in fake.csr -CA leaf.pem -CAkey leaf.key -CAcreateserial \
    -days 5 -sha256 -extfile leaf.ext -out fake.pem 2>/dev/null
cat inter.pem leaf.pem >chain.pem
expect_fail "leaf used as a CA" "issuer is not a CA" \
    "$SEETLS" ca verify --ca root.pem --untrusted chain.pem fake.pem
expect_status "openssl also refuses it" 2 \
    openssl verify -CAfile root.pem -untrusted chain.pem fake.pem

# pathLen: seetls's sub CA has pathlen 0; a CA under it is one too many.
cd .. || exit 1
mkdir sub2
"$SEETLS" ca issue --dir sub --name "Too Deep CA" --intermediate --bits 1024 \
    --out-key sub2/ca-key.pem --out-cert sub2/ca.pem 2>/dev/null
"$SEETLS" ca issue --dir sub2 --name deep.lab --dns deep.lab --server --bits 1024 \
    --out-key deep.key --out-cert deep.pem 2>/dev/null
cat sub2/ca.pem sub/ca.pem >deep-chain.pem
expect_fail "pathLen exceeded" "path too long" \
    "$SEETLS" ca verify --ca ca/ca.pem --untrusted deep-chain.pem deep.pem
expect_status "openssl also refuses it" 2 \
    openssl verify -CAfile ca/ca.pem -untrusted deep-chain.pem deep.pem

expect_fail "wrong purpose" "not for this purpose" \
    "$SEETLS" ca verify --ca ca/ca.pem --purpose server laptop.pem
expect_fail "host mismatch" "host name mismatch" \
    "$SEETLS" ca verify --ca ca/ca.pem --host robot.example robot.pem

printf '%s\n' "1.3.6.1.4.1.55555.1=critical,ASN1:UTF8String:must understand" >crit.ext
openssl x509 -req -in o/lab.csr -CA o/root.pem -CAkey o/root.key -CAcreateserial \
    -days 5 -sha256 -extfile crit.ext -out crit.pem 2>/dev/null
expect_fail "unknown critical extension" \
    "unknown critical extension 1.3.6.1.4.1.55555.1" \
    "$SEETLS" ca verify --ca o/root.pem crit.pem

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout ec.key -subj "/CN=ec" -days 5 -out ec.pem 2>/dev/null
expect_fail "unsupported algorithm" "unsupported algorithm 1.2.840.10045.4.3.2" \
    "$SEETLS" ca show ec.pem

head -c 300 robot.der >short.der
expect_fail "truncated DER" "malformed at offset" "$SEETLS" ca show short.der
printf '\060\204\377\377\377\377\060' >huge.der
expect_fail "absurd length" "malformed at offset 0" "$SEETLS" ca show huge.der
expect_fail "--at not RFC 3339" "--at" \
    "$SEETLS" ca verify --ca ca/ca.pem --at 2030-02-31T00:00:00Z robot.pem
expect_fail "no certificate in the CA file" "no certificate" \
    "$SEETLS" ca verify --ca robot.key robot.pem
expect_status "issue without a purpose" 1 \
    "$SEETLS" ca issue --dir ca --name x --out-key x.key --out-cert x.pem

# Option errors name the option once ("--days:", not "----days:"); an
# unknown option is a usage error (exit 2) in every action.
for opt in days bits; do
    for action in init issue; do
        expect_fail "$action --$opt not a number" "seetls ca: --$opt: not a number" \
            "$SEETLS" ca $action --$opt x
    done
done
expect_fail "--pathlen out of range" "seetls ca: --pathlen: must be a whole number" \
    "$SEETLS" ca issue --pathlen 101
for action in init issue show verify; do
    expect_status "$action: unknown option" 2 "$SEETLS" ca $action --no-such-option
done

finish ca
