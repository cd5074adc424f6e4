#!/bin/sh
# seetls ca issue --client --out-p12: the PKCS#12 file a browser imports,
# read by independent programs: openssl pkcs12 (the MAC good, the
# algorithms it names, the key and certificates given back as issued, a
# wrong password refused) and NSS's pk12util and certutil (the identity
# imported into a database, the certificate listed with its key, as
# Chromium's NSS database would hold it). And the refusals: a missing or
# empty password file, the options that go together, no password on the
# command line.
. "$(dirname "$0")/lib.sh"

cd "$WORK" || exit 1
MESSAGE_FROM="seetls ca"

# A password that is not ASCII: the MAC's KDF takes it as a BMPString,
# PBES2 as its UTF-8 bytes; both readers must agree with us on each.
printf 'gr\303\274ne \303\204pfel 7\n' >pw
printf 'gr\303\274ne \303\204pfel 8\n' >wrong.pw

"$SEETLS" ca init --dir lab --name "Alex Lab CA" >/dev/null 2>&1
expect_status "ca issue --client --out-p12" 0 \
    "$SEETLS" ca issue --dir lab --name "Team 7 laptop" --client \
    --out-key t7.key --out-cert t7.pem --out-p12 t7.p12 --password-file pw
expect_eq "the .p12 is written mode 0600, like a key" "600" "$(stat -c %a t7.p12)"

# --- openssl pkcs12 -------------------------------------------------------

info=$(openssl pkcs12 -in t7.p12 -passin file:pw -info -noout 2>&1)
expect_eq "openssl pkcs12 -info: the MAC verifies" 0 $?
case $info in *"MAC: sha256, Iteration 600000"*) pass ;;
    *) fail "openssl pkcs12 -info: no 'MAC: sha256, Iteration 600000' in: $info" ;; esac
algorithms="PBES2, PBKDF2, AES-256-CBC, Iteration 600000, PRF hmacWithSHA256"
case $info in *"PKCS7 Encrypted data: $algorithms"*) pass ;;
    *) fail "openssl pkcs12 -info: the certificates are not under $algorithms: $info" ;; esac
case $info in *"Shrouded Keybag: $algorithms"*) pass ;;
    *) fail "openssl pkcs12 -info: the key is not under $algorithms: $info" ;; esac
expect_eq "two certificate bags (the laptop's, the CA's)" 2 \
    "$(printf '%s\n' "$info" | grep -c '^Certificate bag')"

openssl pkcs12 -in t7.p12 -passin file:pw -nodes -out all.pem 2>/dev/null
expect_eq "openssl pkcs12 -nodes" 0 $?
expect_eq "the key's modulus is the certificate's" \
    "$(openssl x509 -in t7.pem -noout -modulus)" \
    "$(openssl rsa -in all.pem -noout -modulus 2>/dev/null)"
expect_eq "the key is the one of --out-key" \
    "$(openssl rsa -in t7.key -noout -modulus 2>/dev/null)" \
    "$(openssl rsa -in all.pem -noout -modulus 2>/dev/null)"
openssl pkcs12 -in t7.p12 -passin file:pw -nokeys -clcerts 2>/dev/null |
    openssl x509 -outform DER >leaf.der
openssl x509 -in t7.pem -outform DER >t7.der
expect_same_file "the certificate, byte for byte the one issued" t7.der leaf.der
openssl pkcs12 -in t7.p12 -passin file:pw -nokeys -cacerts 2>/dev/null |
    openssl x509 -outform DER >ca.der
openssl x509 -in lab/ca.pem -outform DER >lab-ca.der
expect_same_file "the CA's certificate, byte for byte" lab-ca.der ca.der
expect_eq "friendlyName on the key and on its certificate" 2 \
    "$(grep -c 'friendlyName: Team 7 laptop' all.pem)"
expect_eq "one localKeyID, the same on the key and its certificate" 1 \
    "$(grep 'localKeyID' all.pem | sort -u | wc -l)"

out=$(openssl pkcs12 -in t7.p12 -passin file:wrong.pw -info -noout 2>&1)
expect_eq "openssl pkcs12: a wrong password fails" 1 $?
case $out in *"Mac verify error"*) pass ;;
    *) fail "openssl pkcs12 with a wrong password: no 'Mac verify error' in: $out" ;; esac

# --- NSS: pk12util and certutil ------------------------------------------

if command -v pk12util >/dev/null 2>&1 && command -v certutil >/dev/null 2>&1; then
    mkdir nssdb
    certutil -N -d sql:nssdb --empty-password >/dev/null 2>&1
    # pk12util -w takes the password file's first line, as we do.
    out=$(pk12util -i t7.p12 -d sql:nssdb -w pw 2>&1)
    expect_eq "pk12util imports the file ($out)" 0 $?
    listed=$(certutil -L -d sql:nssdb)
    case $listed in *"Team 7 laptop"*"u,u,u"*) pass ;;
        *) fail "certutil -L: 'Team 7 laptop' with u,u,u (a certificate with its key) expected: $listed" ;; esac
    case $listed in *"Alex Lab CA"*) pass ;;
        *) fail "certutil -L: the CA's certificate expected: $listed" ;; esac
    keys=$(certutil -K -d sql:nssdb 2>&1)
    case $keys in *"rsa"*"Team 7 laptop"*) pass ;;
        *) fail "certutil -K: the RSA key of 'Team 7 laptop' expected: $keys" ;; esac
    expect_eq "the key NSS holds is the certificate's" \
        "$(openssl x509 -in t7.pem -noout -pubkey | openssl pkey -pubin -outform DER | openssl dgst -sha256 -r | cut -d' ' -f1)" \
        "$(certutil -L -d sql:nssdb -n 'Team 7 laptop' -a | openssl x509 -noout -pubkey | openssl pkey -pubin -outform DER | openssl dgst -sha256 -r | cut -d' ' -f1)"
    mkdir nssdb2
    certutil -N -d sql:nssdb2 --empty-password >/dev/null 2>&1
    out=$(pk12util -i t7.p12 -d sql:nssdb2 -w wrong.pw 2>&1)
    st=$?
    if [ "$st" != 0 ] && ! certutil -K -d sql:nssdb2 2>&1 | grep -q "Team 7"; then pass; else
        fail "pk12util with a wrong password: exit $st, key imported? $out"; fi
else
    echo "interop pkcs12: pk12util or certutil missing (Debian: libnss3-tools," \
        "which make test-interop installs as root): the NSS cases are skipped"
fi

# --- refusals ------------------------------------------------------------

expect_status "a missing password file" 1 "$SEETLS" ca issue --dir lab --name x \
    --client --out-p12 x.p12 --password-file absent.pw
expect_message "missing file: named" "--password-file absent.pw: No such file"
: >empty.pw
expect_status "an empty password file" 1 "$SEETLS" ca issue --dir lab --name x \
    --client --out-p12 x.p12 --password-file empty.pw
expect_message "empty file: said" "the first line is empty"
printf '\nsecond line\n' >blank-first.pw
expect_status "a password file whose first line is empty" 1 "$SEETLS" ca issue \
    --dir lab --name x --client --out-p12 x.p12 --password-file blank-first.pw
expect_message "blank first line: said" "the first line is empty"
printf 'caf\351\n' >latin1.pw
expect_status "a password that is not UTF-8 (Latin-1)" 1 "$SEETLS" ca issue \
    --dir lab --name x --client --out-p12 x.p12 --password-file latin1.pw
expect_message "not UTF-8: said" "the password is not valid UTF-8"
[ -e x.p12 ] && fail "a refused issue wrote x.p12" || pass
expect_status "--out-p12 without --password-file" 1 "$SEETLS" ca issue \
    --dir lab --name x --client --out-p12 x.p12
expect_message "--out-p12 alone" "--out-p12 and --password-file go together"
expect_status "--password-file without --out-p12" 1 "$SEETLS" ca issue \
    --dir lab --name x --client --out-key x.key --out-cert x.pem --password-file pw
expect_message "--password-file alone" "--out-p12 and --password-file go together"
expect_status "--out-p12 for a server" 1 "$SEETLS" ca issue --dir lab --name x \
    --server --out-p12 x.p12 --password-file pw
expect_message "--out-p12 --server" "only for --client"
# No option takes the password itself: --password (getopt's prefix of
# --password-file) names a file, and a password typed there is not used.
expect_status "a password on the command line is no password" 1 \
    "$SEETLS" ca issue --dir lab --name x --client --out-p12 x.p12 --password secret
expect_message "it is taken as a file name" "--password-file secret: No such file"

# --out-p12 alone writes no key file and no certificate file.
expect_status "--out-p12 without --out-key and --out-cert" 0 "$SEETLS" ca issue \
    --dir lab --name "Team 8 phone" --client --out-p12 t8.p12 --password-file pw
expect_status "that file reads with its password" 0 \
    openssl pkcs12 -in t8.p12 -passin file:pw -info -noout

finish pkcs12
