#!/bin/sh
# test_cert_alerts.sh: docs/certificates.md's table "The alert each failure
# sends", run. For each kind of server certificate (a wrong host name,
# expired, not yet valid, an unknown CA, a changed signature, a client
# certificate), seetls server presents it; our client (seetls client) and
# OpenSSL's (openssl s_client -verify_return_error) connect; the alert each
# sends is read from the server's failure line ("the peer sent the alert
# X"), our client's status from its own ("host name mismatch (sent X)").
# Each must be what the table's row says, and the table must have exactly
# these rows.
. "$(dirname "$0")/lib.sh"
DOC="$(cd "$(dirname "$0")/../.." && pwd)/docs/certificates.md"
cd "$WORK" || exit 1

make_ca good "Alex Lab CA"
make_ca other "Another CA"
make_cert good good.lab server good --dns good.lab
make_cert other good.lab server unknown --dns good.lab
make_cert good good.lab client client

# The dates seetls ca does not write (it starts every certificate now):
# openssl ca signs a request for good.lab with our CA's key.
openssl req -new -newkey rsa:2048 -nodes -keyout dated.key -out dated.csr \
    -subj /CN=good.lab 2>/dev/null || fail "openssl: no request"
mkdir db && : >db/index && echo 01 >db/serial
cat >ca.cnf <<'EOF'
[ca]
default_ca = lab
[lab]
database = db/index
new_certs_dir = db
serial = db/serial
default_md = sha256
policy = any
x509_extensions = leaf
unique_subject = no
[any]
commonName = supplied
[leaf]
basicConstraints = critical,CA:FALSE
subjectAltName = DNS:good.lab
extendedKeyUsage = serverAuth
EOF
dated() { # OUT START END
    openssl ca -config ca.cnf -batch -notext -keyfile good/ca-key.pem \
        -cert good/ca.pem -in dated.csr -startdate "$2" -enddate "$3" \
        -out "$1" 2>/dev/null || fail "openssl ca: no $1"
}
dated expired.crt 20200101000000Z 20210101000000Z
dated future.crt 20400101000000Z 20410101000000Z

# A changed signature: the certificate's last byte (in signatureValue).
openssl x509 -in good.crt -outform DER -out badsig.der
size=$(wc -c <badsig.der)
printf '\001' | dd of=badsig.der bs=1 seek=$((size - 1)) conv=notrunc 2>/dev/null
cmp -s badsig.der good.der 2>/dev/null && fail "the signature is unchanged"
openssl x509 -inform DER -in badsig.der -out badsig.crt

# server_done: the --once server gone (up to 5 s, then ended), its lines
# all written
server_done() {
    done_i=0
    while kill -0 "$SERVER_PID" 2>/dev/null && [ $done_i -lt 50 ]; do
        sleep 0.1
        done_i=$((done_i + 1))
    done
    kill "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
}

# the alert the server's failure line says it received, or "none"
received() { # FILE
    sed -n 's/.*the peer sent the alert \([a-z_]*\).*/\1/p' "$1" | head -n 1 | grep . || echo none
}

# run_case STATUS CERT KEY HOST: both clients against the certificate;
# checks the doc's row for STATUS
run_case() {
    status=$1 cert=$2 key=$3 host=$4
    start_seetls_server ours --cert "$cert" --key "$key" --once --echo </dev/null || return
    echo hi | "$SEETLS" client "127.0.0.1:$PORT" --ca good/ca.pem \
        --servername "$host" --idle 100 >client.out 2>client.err
    expect_eq "$status: our client refuses" 1 $?
    server_done
    ours=$(received ours.err)

    start_seetls_server theirs --cert "$cert" --key "$key" --once --echo </dev/null || return
    echo | timeout 10 openssl s_client -connect "127.0.0.1:$PORT" -tls1_2 \
        -CAfile good/ca.pem -verify_return_error -verify_hostname "$host" \
        >openssl.out 2>&1
    server_done
    theirs=$(received theirs.err)

    # the row: | case | `STATUS` | `ours` | `theirs` |
    row=$(sed -n '/^<!-- begin alerts as run/,/^<!-- end alerts as run/p' "$DOC" |
        grep "| \`$status\` |")
    [ -n "$row" ] || { fail "docs/certificates.md has no row for $status"; return; }
    text=$(echo "$row" | awk -F'|' '{ print $3 }' | tr -d ' `')
    doc_ours=$(echo "$row" | awk -F'|' '{ print $4 }' | tr -d ' `')
    doc_theirs=$(echo "$row" | awk -F'|' '{ print $5 }' | tr -d ' `')
    expect_eq "$status: the row's status" "$status" "$text"
    expect_eq "$status: our client sends (docs/certificates.md)" "$doc_ours" "$ours"
    expect_eq "$status: openssl s_client sends (docs/certificates.md)" "$doc_theirs" "$theirs"
    # our client names the alert it sent in its failure line
    grep -q "(sent $ours)" client.err && pass ||
        fail "$status: our client's line does not say 'sent $ours': $(cat client.err)"
    ROWS=$((ROWS + 1))
}

ROWS=0
run_case SEE_ERR_X509_HOSTNAME good.crt good.key other.lab
run_case SEE_ERR_X509_EXPIRED expired.crt dated.key good.lab
run_case SEE_ERR_X509_NOT_YET_VALID future.crt dated.key good.lab
run_case SEE_ERR_X509_UNKNOWN_ISSUER unknown.crt unknown.key good.lab
run_case SEE_ERR_X509_BAD_SIGNATURE badsig.crt good.key good.lab
run_case SEE_ERR_X509_PURPOSE client.crt client.key good.lab

# the right certificate: no alert at all, so the cases above fail for
# their certificate's one fault
start_seetls_server good --cert good.crt --key good.key --once --echo </dev/null &&
    echo hi | "$SEETLS" client "127.0.0.1:$PORT" --ca good/ca.pem \
        --servername good.lab --idle 100 >client.out 2>client.err
expect_eq "the right certificate is taken" 0 $?
server_done

# no row the script does not run
in_doc=$(sed -n '/^<!-- begin alerts as run/,/^<!-- end alerts as run/p' "$DOC" | grep -c '^| .*`SEE_ERR_')
expect_eq "the table's rows are the cases run" "$ROWS" "$in_doc"

finish cert-alerts
