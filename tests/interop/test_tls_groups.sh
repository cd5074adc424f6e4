#!/bin/sh
# test_tls_groups.sh: the Diffie-Hellman groups of RFC 7919 with the openssl
# command line.
#  - seetls dhparam --group ffdheN writes exactly what
#    openssl genpkey -genparam -pkeyopt group:ffdheN writes, N = 2048..8192;
#  - our client with openssl s_server -dhparam in ffdhe6144 and ffdhe8192;
#  - our server with --groups ffdhe3072 / ffdhe8192 and openssl s_client
#    -groups: openssl 3's s_client lists no finite field group in a TLS 1.2
#    hello (only elliptic curves, and only with an ECDHE suite), so it gets
#    our first group; a hello listing only P-256 still gets DHE (RFC 7919 4);
#  - --dhparam only for such clients: our own client, which lists groups,
#    gets one of them instead;
#  - a bad --groups list is refused.
. "$(dirname "$0")/lib.sh"

cd "$WORK" || exit 1
openssl req -x509 -newkey rsa:2048 -nodes -keyout srv.key -out srv.pem \
    -subj /CN=robot.lab -addext subjectAltName=DNS:robot.lab -days 30 2>/dev/null

for n in 2048 3072 4096 6144 8192; do
    openssl genpkey -genparam -algorithm DH -pkeyopt group:ffdhe$n \
        -out openssl$n.pem 2>/dev/null
    "$SEETLS" dhparam --group ffdhe$n --out ours$n.pem
    expect_same_file "dhparam ffdhe$n as openssl writes it" openssl$n.pem ours$n.pem
done


# openssl s_server in a large group, our client: data both ways, one
# master secret, and the group's p (768 or 1024 bytes) in our trace.
for bits in 6144 8192; do
    rm -f ours.log theirs.log
    start_openssl_server ss 20 -tls1_2 -cert srv.pem -key srv.key -rev \
        -naccept 1 -dhparam openssl$bits.pem -cipher DHE-RSA-AES128-SHA256 \
        -keylogfile theirs.log
    printf 'hello robot\n' | "$SEETLS" client --connect "127.0.0.1:$PORT" \
        --CAfile srv.pem --servername robot.lab --kx dhe --keylog ours.log \
        --trace --idle 500 >c.out 2>c.err
    expect_eq "s_server ffdhe$bits: seetls client exit" 0 $?
    expect_eq "s_server ffdhe$bits: reversed echo" "tobor olleh" "$(cat c.out)"
    expect_eq "s_server ffdhe$bits: same master secret" "$(cat ours.log)" \
        "$(grep CLIENT_RANDOM theirs.log)"
    expect_eq "s_server ffdhe$bits: its p" 1 \
        "$(grep -c " server p .*($((bits / 8)) bytes)" c.err)"
    kill $SERVER_PID 2>/dev/null
    wait $SERVER_PID 2>/dev/null
done

# our server, openssl s_client: s_client's "Server Temp Key" names the group
# our_server LABEL "SERVER OPTIONS" "S_CLIENT OPTIONS"
our_server() {
    printf 'from our server\n' >srv.in
    # shellcheck disable=SC2086
    start_server srv timeout 30 "$SEETLS" server --port 0 --cert srv.pem \
        --key srv.key --once $2 <srv.in
    # shellcheck disable=SC2086
    (printf 'from openssl\n'; sleep 1) | timeout 20 openssl s_client -tls1_2 \
        -connect "127.0.0.1:$PORT" -CAfile srv.pem $3 >cli.out 2>cli.err
    expect_eq "$1: s_client exit" 0 $?
    wait $SERVER_PID
    expect_eq "$1: seetls server exit" 0 $?
    expect_eq "$1: data to our server" "from openssl" "$(sed -n 2p srv.out)"
}
for bits in 3072 8192; do
    our_server "--groups ffdhe$bits, s_client -groups ffdhe$bits" \
        "--groups ffdhe$bits" "-cipher DHE-RSA-AES128-SHA256 -groups ffdhe$bits"
    expect_eq "--groups ffdhe$bits: the group" 1 \
        "$(grep -c "Server Temp Key: DH, $bits bits" cli.out)"
done
our_server "s_client listing only P-256" "" \
    "-cipher DHE-RSA-AES128-SHA256:ECDHE-RSA-AES128-GCM-SHA256 -groups P-256"
expect_eq "only P-256 listed: DHE all the same" 1 \
    "$(grep -c 'Server Temp Key: DH, 2048 bits' cli.out)"
expect_eq "only P-256 listed: the suite" 1 \
    "$(grep -c 'Cipher is DHE-RSA-AES128-SHA256' cli.out)"

# --dhparam: the group of a client that lists none (s_client); our client
# lists ffdhe2048, ffdhe3072, ffdhe4096 and gets ffdhe2048 (256 bytes of p).
our_server "--dhparam ffdhe3072, s_client" "--dhparam openssl3072.pem" \
    "-cipher DHE-RSA-AES128-SHA256"
expect_eq "--dhparam: s_client's group" 1 \
    "$(grep -c 'Server Temp Key: DH, 3072 bits' cli.out)"
printf 'from our server\n' >srv.in
start_server srv timeout 30 "$SEETLS" server --port 0 --cert srv.pem \
    --key srv.key --once --dhparam openssl3072.pem <srv.in
printf 'from seetls\n' | "$SEETLS" client --connect "127.0.0.1:$PORT" \
    --CAfile srv.pem --servername robot.lab --kx dhe --trace --idle 300 >c.out 2>c.err
expect_eq "--dhparam, our client: exit" 0 $?
wait $SERVER_PID
expect_eq "--dhparam, our client: ffdhe2048 from its list" 1 \
    "$(grep -c ' server p .*(256 bytes)' c.err)"

expect_status "--groups with an unknown name" 1 "$SEETLS" server --port 0 \
    --cert srv.pem --key srv.key --groups ffdhe2048:modp2048
expect_eq "--groups: the message" 1 \
    "$(grep -c "'modp2048' is not x25519, ffdhe2048" "$WORK/err")"

finish tls_groups
