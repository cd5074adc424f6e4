#!/bin/sh
# test_kx.sh: every program that picks the key exchange takes --kx
# rsa|dhe|ecdhe (seetls server and client also a ':'-separated list, "all"
# and "both", the name from before ECDHE), --suite still taken as its old
# name but no longer in --help; and the demos tell RSA key transport's
# story by default, as the slides do. Which suite was used is read from
# the programs' own words ("handshake done: TLS_..."), and in
# demo-wireshark's capture by tshark (a ServerKeyExchange: DHE).
. "$(dirname "$0")/lib.sh"
run_class=$(cd "$(dirname "$0")/../../demos" && pwd)/run_class.sh

cd "$WORK" || exit 1
make_openssl_ca_and_server

# handshake SERVER-OPTIONS -- CLIENT-OPTIONS: one connection between our
# server and our client; the client's words in cli.err
handshake() {
    sopts=
    while [ "$1" != -- ]; do sopts="$sopts $1"; shift; done
    shift
    client_rc="not run"
    rm -f cli.err
    touch cli.err
    printf 'hi\n' >srv.in
    # shellcheck disable=SC2086
    start_seetls_server srv --cert srv.pem --key srv.key --once $sopts <srv.in || return
    printf 'hi\n' | "$SEETLS" client --connect "127.0.0.1:$PORT" --CAfile ca.pem \
        --servername robot.lab --idle 300 "$@" >cli.out 2>cli.err
    client_rc=$?
    wait "$SERVER_PID"
}

# (--kx names a key exchange: each of its suites, AEAD first)
rsa=TLS_RSA_WITH_AES_128_GCM_SHA256
dhe=TLS_DHE_RSA_WITH_AES_128_GCM_SHA256
ecdhe=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
for kx in rsa dhe ecdhe; do
    eval "name=\$$kx"
    handshake --kx $kx -- --kx $kx
    expect_eq "server and client --kx $kx: exit" 0 "$client_rc"
    expect_eq "server and client --kx $kx: suite" 1 "$(grep -c "handshake done: $name" cli.err)"
    handshake --kx all -- --kx $kx
    expect_eq "server --kx all, client --kx $kx: suite" 1 \
        "$(grep -c "handshake done: $name" cli.err)"
    handshake --suite $kx -- --suite $kx
    expect_eq "--suite $kx, the old name: suite" 1 "$(grep -c "handshake done: $name" cli.err)"
done
handshake --kx dhe -- --kx rsa
expect_eq "server --kx dhe, client --kx rsa: no common suite" 1 "$client_rc"
expect_eq "server --kx dhe, client --kx rsa: the alert" 1 \
    "$(grep -c 'handshake_failure' cli.err)"

# the defaults (all): ECDHE first; "both" is DHE then RSA, as before
handshake --
expect_eq "the defaults: ECDHE" 1 "$(grep -c "handshake done: $ecdhe" cli.err)"
handshake --kx both -- --kx both
expect_eq "--kx both: DHE" 1 "$(grep -c "handshake done: $dhe" cli.err)"
# a list, in order of preference: the server's first the client offers
handshake --kx rsa:ecdhe -- --kx ecdhe:rsa
expect_eq "server --kx rsa:ecdhe, client ecdhe:rsa: RSA" 1 \
    "$(grep -c "handshake done: $rsa" cli.err)"
expect_status "seetls server --kx ecdsa" 1 "$SEETLS" server --kx ecdsa --port 0 \
    --cert srv.pem --key srv.key
expect_eq "seetls server --kx ecdsa: why" 1 \
    "$(grep -c "seetls server: --kx: 'ecdsa' is not ecdhe, dhe, rsa, a ':'-separated list of them, or all" "$WORK/err")"
expect_status "seetls client --kx dhe:ecdsa" 1 "$SEETLS" client --kx dhe:ecdsa \
    --connect 127.0.0.1:1 --CAfile ca.pem
expect_eq "seetls client --kx dhe:ecdsa: why" 1 \
    "$(grep -c "seetls client: --kx: 'dhe:ecdsa' is not ecdhe" "$WORK/err")"
for cmd in server client; do
    "$SEETLS" $cmd --help >help.txt 2>&1
    expect_eq "seetls $cmd --help names --kx" 1 "$(grep -c -- '--kx KX' help.txt)"
    expect_eq "seetls $cmd --help no longer names --suite" 0 "$(grep -c -- '--suite' help.txt)"
done

# The demos: --kx and --suite both taken; demo-wireshark RSA unless told.
# Their RSA and DHE are the CBC suites (the slides' MAC story); ECDHE
# has AEAD suites only.
rsa=TLS_RSA_WITH_AES_128_CBC_SHA256
dhe=TLS_DHE_RSA_WITH_AES_128_CBC_SHA256
for kx in rsa dhe ecdhe; do
    eval "name=\$$kx"
    for opt in --kx --suite; do
        "$BUILD_DIR/demo-handshake" $opt $kx --seed kx >hs.out 2>&1
        expect_eq "demo-handshake $opt $kx" 1 "$(grep -c "suite $name" hs.out)"
    done
done
# (skey: how many ServerKeyExchange messages tshark sees in the capture)
skey() {
    tshark -r ws/seetls.pcap -Y 'tls.handshake.type == 12' 2>/dev/null | wc -l
}
rm -rf ws
"$BUILD_DIR/demo-wireshark" --out ws --seed kx >ws.out 2>&1
expect_eq "demo-wireshark: RSA by default" "1 0" "$(grep -c "$rsa" ws.out) $(skey)"
for opt in --kx --suite; do
    rm -rf ws
    "$BUILD_DIR/demo-wireshark" $opt dhe --out ws --seed kx >ws.out 2>&1
    expect_eq "demo-wireshark $opt dhe" "1 1" "$(grep -c "$dhe" ws.out) $(skey)"
done
"$BUILD_DIR/demo-wireshark" --help >help.txt 2>&1
grep -q -- '--kx rsa|dhe' help.txt && pass || fail "demo-wireshark --help names no --kx"
expect_eq "demo-wireshark --help no longer names --suite" 0 "$(grep -c -- '--suite' help.txt)"
expect_eq "run_class.sh picks the key exchange with --kx" "0 2" \
    "$(grep -c -- '--suite' "$run_class") $(grep -c -- '--kx' "$run_class")"

finish kx
