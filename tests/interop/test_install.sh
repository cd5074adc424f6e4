#!/bin/sh
# test_install.sh: seetls as a library another program uses
# (docs/library.md). make install into a prefix of this run's own; the
# installed files are exactly the library, the public headers and
# seetls.pc; the public header compiles alone under strict C11 with no GMP
# and no internal header; the example client and server are built from
# examples/ against the installed copy with nothing but pkg-config, and
# run: with each other, the client against openssl s_server and the server
# against openssl s_client, with and without client certificates, each
# refusal saying who refused whom; make uninstall removes it all.
. "$(dirname "$0")/lib.sh"
: "${BUILD_DIR:?BUILD_DIR must name the build folder}"
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$WORK" || exit 1
STRICT="-std=c11 -Wall -Wextra -Wpedantic -Werror"

# make in the repository, as a person types it (not under the calling
# make's job server)
repo_make() {
    env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -C "$repo" --no-print-directory \
        BUILD="$BUILD_DIR" "$@"
}

# ------------------------------------------------------------ install ---

prefix=$WORK/prefix
repo_make install PREFIX="$prefix" >install.out 2>&1
expect_eq "make install PREFIX=..." 0 $?

# exactly the library, the public headers (identical) and seetls.pc
( cd "$repo" && ls include/seetls/*.h ) >headers.txt
{ sed 's|^|./|' headers.txt; echo ./lib/libseetls.a; echo ./lib/pkgconfig/seetls.pc; } |
    sort >want.txt
( cd "$prefix" && find . -type f | sort ) >got.txt
expect_same_file "installed files" want.txt got.txt
while read -r h; do
    expect_same_file "installed $h" "$repo/$h" "$prefix/$h"
done <headers.txt

export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
version=$(sed -n 's/.*define SEETLS_VERSION "\(.*\)".*/\1/p' "$repo/include/seetls/seetls.h")
expect_eq "pkg-config --modversion" "$version" "$(pkg-config --modversion seetls 2>&1)"
expect_eq "pkg-config --cflags" "-I$prefix/include" "$(pkg-config --cflags seetls 2>&1 | sed 's/ *$//')"

# DESTDIR stages the same files; the pkg-config file names PREFIX
repo_make install DESTDIR="$WORK/stage" PREFIX=/opt/seetls >stage.out 2>&1
expect_eq "make install DESTDIR=... PREFIX=/opt/seetls" 0 $?
( cd "$WORK/stage/opt/seetls" 2>/dev/null && find . -type f | sort ) >staged.txt
expect_same_file "staged files" want.txt staged.txt
expect_eq "staged seetls.pc names PREFIX" "prefix=/opt/seetls" \
    "$(grep '^prefix=' "$WORK/stage/opt/seetls/lib/pkgconfig/seetls.pc" 2>&1)"

# a relative PREFIX would write a pkg-config file that points nowhere
repo_make install PREFIX=relative/prefix >relative.out 2>&1
[ $? -ne 0 ] && grep -q 'PREFIX must be an absolute path' relative.out && pass ||
    fail "a relative PREFIX was not refused: $(cat relative.out)"

# ------------------------------------------------ the header, alone -----

# GMP must not be needed: a gmp.h that stops the compiler, found first
mkdir -p poison
echo '#error "a public header included gmp.h"' >poison/gmp.h
printf '#include <seetls/seetls.h>\nint main(void)\n{\n    seetls_error e = { .result = SEETLS_OK };\n    return (int)e.result;\n}\n' >alone.c
cc $STRICT -Ipoison $(pkg-config --cflags seetls) -c alone.c -o alone.o >alone.err 2>&1
expect_eq "the public header alone, strict C11, no GMP" 0 $?
[ -s alone.err ] && fail "the public header alone: $(cat alone.err)"
# a C++ program includes it too, and links (extern "C")
printf '#include <seetls/seetls.h>\n#include <cstring>\nint main()\n{\n    return std::strcmp(seetls_result_text(SEETLS_OK), "success");\n}\n' >alone.cc
clang++ -std=c++11 -Wall -Wextra -Wpedantic -Werror -Ipoison -o alonexx alone.cc \
    $(pkg-config --cflags --libs seetls) >alonexx.err 2>&1 && ./alonexx
expect_eq "the public header from C++, linked" 0 $?
[ -s alonexx.err ] && fail "the public header from C++: $(cat alonexx.err)"

# ------------------------------------- the examples, from the install ---

for prog in client server; do
    cc $STRICT -o $prog "$repo/examples/$prog.c" $(pkg-config --cflags --libs seetls) \
        >build-$prog.err 2>&1
    expect_eq "examples/$prog.c built with pkg-config --cflags --libs" 0 $?
    cc $STRICT -o $prog-static "$repo/examples/$prog.c" \
        $(pkg-config --static --cflags --libs seetls) >build-$prog-static.err 2>&1
    expect_eq "examples/$prog.c built with pkg-config --static" 0 $?
done
[ -x ./client ] && [ -x ./server ] || { fail "no example programs"; finish install; exit; }

# ------------------------------------------------------- certificates ---

make_ca lab "Lab CA"
make_cert lab robot.lab server srv --dns robot.lab
make_cert lab laptop client cli
make_ca other "Other CA"
make_cert other stranger client eve

# ------------------------------------------ example server and client ---

# example_server NAME ARGS...: the example server on port 0 (start_server:
# PORT, SERVER_PID), its lines in NAME.out and NAME.err
example_server() {
    name=$1
    shift
    start_server "$name" ./server 0 "$@" </dev/null
}

# client LABEL ARGS...: the example client (10 s at most), out in cl.out,
# cl.err; CLIENT_RC its exit status
client() {
    label=$1
    shift
    timeout 10 ./client "$@" >cl.out 2>cl.err
    CLIENT_RC=$?
}

# expect_line NAME FILE TEXT: a line of FILE holds TEXT (the server's
# lines: up to 10 s, as a refusal is said after the peer has gone)
expect_line() {
    if wait_for "$2" "$3"; then pass; else fail "$1: no '$3' in: $(cat "$2")"; fi
}

example_server plain srv.crt srv.key
client "loopback" 127.0.0.1 "$PORT" lab/ca.pem robot.lab
expect_eq "example client <-> example server" 0 $CLIENT_RC
expect_eq "the server's answer" "hello stranger, you said: hello from the example client" \
    "$(cat cl.out)"
expect_line "the client names the server and the suite" cl.err \
    'client: connected to CN=robot.lab (TLS_'

client "another name" 127.0.0.1 "$PORT" lab/ca.pem printer.lab
expect_eq "a server of another name: exit" 1 $CLIENT_RC
expect_line "a server of another name: the client" cl.err \
    "client: handshake with 127.0.0.1:$PORT: we refused the server: host name mismatch (sent bad_certificate)"
expect_line "a server of another name: the server" plain.err \
    ': the client refused us: the peer sent the alert bad_certificate$'

client "another CA" 127.0.0.1 "$PORT" other/ca.pem robot.lab
expect_eq "a server from another CA: exit" 1 $CLIENT_RC
expect_line "a server from another CA: the client" cl.err \
    'we refused the server: unknown issuer (no trusted CA signed it) (sent unknown_ca)'
kill $SERVER_PID 2>/dev/null
wait $SERVER_PID 2>/dev/null

# mutual authentication: the lab's CA must have issued the client's
example_server mutual srv.crt srv.key lab/ca.pem
client "with the lab's certificate" 127.0.0.1 "$PORT" lab/ca.pem robot.lab cli.crt cli.key
expect_eq "a client certificate required, shown: exit" 0 $CLIENT_RC
expect_eq "the server names the client" "hello CN=laptop, you said: hello from the example client" \
    "$(cat cl.out)"

client "without a certificate" 127.0.0.1 "$PORT" lab/ca.pem robot.lab
expect_eq "a client certificate required, none: exit" 1 $CLIENT_RC
expect_line "no certificate: the client" cl.err \
    'the server refused us: the peer sent the alert handshake_failure$'
expect_line "no certificate: the server" mutual.err \
    'we refused the client: the client sent no certificate, and one is required (sent handshake_failure)$'

client "a stranger's certificate" 127.0.0.1 "$PORT" lab/ca.pem robot.lab eve.crt eve.key
expect_eq "a client certificate from another CA: exit" 1 $CLIENT_RC
expect_line "another CA's client: the client" cl.err \
    'the server refused us: the peer sent the alert unknown_ca$'
expect_line "another CA's client: the server" mutual.err \
    'we refused the client: unknown issuer (no trusted CA signed it) (sent unknown_ca): depth 0, CN=stranger'
kill $SERVER_PID 2>/dev/null
wait $SERVER_PID 2>/dev/null

# -------------------------------- the example client, openssl s_server ---

# theirs LABEL "S_SERVER-OPTIONS" CLIENT-ARGS...: openssl s_server on
# port 0 (its port read from its ACCEPT line: wait_port), sending 'from
# openssl', and the example client
theirs() {
    label=$1 oopts=$2
    shift 2
    # its standard input stays open (a FIFO held by this shell) until the
    # client is done: at its end s_server would close the connection
    rm -f ss.in
    mkfifo ss.in
    openssl s_server -tls1_2 -accept 0 -cert srv.crt -key srv.key $oopts \
        <ss.in >ss.out 2>ss.err &
    opid=$!
    exec 3>ss.in
    printf 'from openssl\n' >&3
    wait_port ss.out ss.err || fail "$label: openssl s_server did not start: $(cat ss.err)"
    client "$label" 127.0.0.1 "$PORT" lab/ca.pem robot.lab "$@"
    # a client that got its answer has sent its line: s_server may not
    # have printed it yet (it prints the session first), so not stopped
    # before it has (up to 10 s)
    [ "$CLIENT_RC" -eq 0 ] && wait_for ss.out 'hello from the example client'
    exec 3>&-
    kill $opid 2>/dev/null
    wait $opid 2>/dev/null
}

theirs "s_server" ""
expect_eq "example client -> openssl s_server: exit" 0 $CLIENT_RC
expect_eq "example client -> openssl s_server: data from openssl" "from openssl" "$(cat cl.out)"
grep -q 'hello from the example client' ss.out && pass ||
    fail "example client -> openssl s_server: our line did not arrive: $(cat ss.out ss.err)"

theirs "s_server -Verify" "-Verify 1 -CAfile lab/ca.pem" cli.crt cli.key
expect_eq "example client with its certificate -> openssl s_server -Verify: exit" 0 $CLIENT_RC
expect_eq "example client -> openssl s_server -Verify: data" "from openssl" "$(cat cl.out)"

theirs "s_server -Verify, no certificate" "-Verify 1 -CAfile lab/ca.pem"
expect_eq "example client without a certificate -> openssl s_server -Verify: exit" 1 $CLIENT_RC
expect_line "openssl s_server refused the example client" cl.err \
    "client: handshake with 127.0.0.1:$PORT: the server refused us: the peer sent the alert "

# -------------------------------- the example server, openssl s_client ---

# s_client LABEL OPTIONS...: openssl s_client to the example server at
# PORT, saying 'from openssl'
s_client() {
    label=$1
    shift
    (printf 'from openssl\n'; sleep 1) | timeout 10 openssl s_client -tls1_2 -quiet \
        -no_ign_eof -connect "127.0.0.1:$PORT" -CAfile lab/ca.pem -verify_return_error \
        -verify_hostname robot.lab "$@" >sc.out 2>sc.err
}

example_server theirs1 srv.crt srv.key
s_client "s_client"
expect_eq "openssl s_client -> example server: the answer" \
    "hello stranger, you said: from openssl" "$(cat sc.out)"
kill $SERVER_PID 2>/dev/null
wait $SERVER_PID 2>/dev/null

example_server theirs2 srv.crt srv.key lab/ca.pem
s_client "s_client -cert" -cert cli.crt -key cli.key
expect_eq "openssl s_client with the lab's certificate -> example server: the answer" \
    "hello CN=laptop, you said: from openssl" "$(cat sc.out)"
s_client "s_client, no certificate"
expect_line "the example server refused openssl s_client without a certificate" theirs2.err \
    'we refused the client: the client sent no certificate, and one is required (sent handshake_failure)$'
kill $SERVER_PID 2>/dev/null
wait $SERVER_PID 2>/dev/null

# ---------------------------------------------------------- uninstall ---

repo_make uninstall PREFIX="$prefix" >uninstall.out 2>&1
expect_eq "make uninstall PREFIX=..." 0 $?
expect_eq "nothing left after make uninstall" "" "$(cd "$prefix" && find . -type f)"

finish install
