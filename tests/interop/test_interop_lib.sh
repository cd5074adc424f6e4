#!/bin/sh
# lib.sh's own helpers, on stand-ins: each way a server says its port
# (port_in), start_server handing the caller's standard input to the
# server it puts in the background, make_ca/make_cert's files, and the
# robot scripts' make_alex_certs and start_alex_server.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1

printf '40123\nfrom the client\n' >seetls.out
expect_eq "seetls server: its first line" 40123 "$(port_in seetls.out)"
printf 'from the client\n12\n' >late.out
expect_eq "a number that is not the first line is data" "" "$(port_in late.out)"
printf '12:00:01 alex-server: listening on port 40124 (TLS)\n' >alex.err
expect_eq "alex-server: listening on port" 40124 "$(port_in alex.err)"
printf 'eve: listening on port 40125, relaying to 127.0.0.1:1\n' >eve.out
expect_eq "eve: listening on port N," 40125 "$(port_in eve.out)"
printf 'Using default temp DH parameters\nACCEPT [::]:40126\n' >ss.out
expect_eq "openssl s_server -accept 0" 40126 "$(port_in ss.out)"
printf '{"event":"started","port":40127,"tls":true}\n' >events.jsonl
expect_eq "an events file" 40127 "$(port_in events.jsonl)"
expect_eq "standard output before standard error" 40123 \
    "$(port_in seetls.out alex.err)"
expect_eq "a file not there yet" 40124 "$(port_in missing.out alex.err)"

# A stand-in server: says a port, then copies its input to its output.
printf 'the input\n' >in.txt
start_server stand sh -c 'echo 40128; cat' <in.txt
expect_eq "start_server: the port" 40128 "$PORT"
wait "$SERVER_PID"
expect_eq "start_server: the caller's input reached the server" "the input" \
    "$(sed -n 2p stand.out)"
FAILED_BEFORE=$FAILED
start_server mute sh -c 'exit 0' >/dev/null
expect_eq "start_server: no port said, a failure counted" $((FAILED_BEFORE + 1)) "$FAILED"
FAILED=$FAILED_BEFORE

make_ca lab "Test Lab CA"
make_cert lab robot.lab server srv --dns robot.lab --ip 127.0.0.1
make_cert lab laptop client cli
expect_status "make_cert: a server certificate for robot.lab" 0 \
    "$SEETLS" ca verify --ca lab/ca.pem --purpose server --host robot.lab srv.crt
expect_status "make_cert: a client certificate" 0 \
    "$SEETLS" ca verify --ca lab/ca.pem --purpose client cli.crt
expect_status "make_cert: the key of its certificate" 0 \
    "$SEETLS" rsa --in cli.key --check

# make_alex_certs: the robot scripts' lab (in a folder of its own: it
# makes lab/), the laptop's name given
mkdir -p robot && cd robot || exit 1
make_alex_certs laptop-team3
expect_status "make_alex_certs: the robot's certificate for alex.lab" 0 \
    "$SEETLS" ca verify --ca lab/ca.pem --purpose server --host alex.lab alex.crt
expect_status "make_alex_certs: the robot's certificate for 127.0.0.1" 0 \
    "$SEETLS" ca verify --ca lab/ca.pem --purpose server --host 127.0.0.1 alex.crt
expect_status "make_alex_certs: the laptop's certificate" 0 \
    "$SEETLS" ca verify --ca lab/ca.pem --purpose client laptop.crt
openssl x509 -in laptop.crt -noout -subject >subject.txt 2>&1
expect_eq "make_alex_certs: the laptop's name" "subject=CN = laptop-team3" "$(cat subject.txt)"
cd "$WORK" || exit 1

# start_alex_server on a stand-in alex-server that says its port a moment
# before it writes its started event, as alex-server may
mkdir -p stand-in
cat >stand-in/alex-server <<'ALEX'
#!/bin/sh
while [ $# -gt 0 ]; do [ "$1" = --events ] && events=$2; shift; done
echo "alex-server: listening on port 40129, simulated Alex, idle limit 500 ms" >&2
sleep 0.5
echo '{"t_ms":0,"event":"started","port":40129,"robot":"sim"}' >>"$events"
exec sleep 10
ALEX
chmod +x stand-in/alex-server
build_dir_before=${BUILD_DIR:-}
BUILD_DIR=$WORK/stand-in
start_alex_server alex alex.jsonl --insecure-plaintext
BUILD_DIR=$build_dir_before
expect_eq "start_alex_server: the port" 40129 "$PORT"
expect_eq "start_alex_server: its started event written when it returns" 1 \
    "$(grep -c '"event":"started","port":40129,' alex.jsonl 2>/dev/null)"
kill "$SERVER_PID" 2>/dev/null
wait "$SERVER_PID" 2>/dev/null

finish interop-lib
