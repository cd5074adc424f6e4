#!/bin/sh
# run_demo.sh BUILD_DIR: what `make demo` shows. A real TLS 1.2 handshake on
# loopback between our client and our server, traced step by step in the
# slides' terms (RB, RS, the certificate, PS, the master secret, I_B, I_S,
# C_B, C_S, the FINISHED MACs, the sequence numbers), then a line sent and
# its echo received back, each as a protected, numbered record.
# The CA and the server's certificate are made under BUILD_DIR/demo/.
set -u
build=${1:-build}
seetls="$build/seetls"
dir="$build/demo"
mkdir -p "$dir"

if [ ! -f "$dir/ca/ca.pem" ]; then
    "$seetls" ca init --dir "$dir/ca" --name "Demo Lab CA" >/dev/null 2>&1 || {
        echo "demo: cannot make the CA"; exit 1; }
fi
if [ ! -f "$dir/server.crt" ]; then
    "$seetls" ca issue --dir "$dir/ca" --name localhost --dns localhost --ip 127.0.0.1 \
        --server --out-key "$dir/server.key" --out-cert "$dir/server.crt" >/dev/null 2>&1 || {
        echo "demo: cannot make the server's certificate"; exit 1; }
fi

cat <<'TEXT'
== A TLS 1.2 handshake, as the slides tell it ==
The browser (our client) connects to a server on this machine. The key
exchange is RSA: the browser sends the premaster secret PS encrypted under
the server's public key, as on the slides. Each numbered line is one step:
who, the value's name on the slides, its bytes, and what it is.

TEXT

"$seetls" server --port 0 --cipher AES128-SHA256 --cert "$dir/server.crt" \
    --key "$dir/server.key" --echo --once --timeout 10000 \
    >"$dir/server.out" 2>"$dir/server.err" </dev/null &
server=$!
port=""
i=0
while [ -z "$port" ] && [ $i -lt 50 ]; do
    sleep 0.1
    port=$(head -n 1 "$dir/server.out" 2>/dev/null)
    i=$((i + 1))
done
if [ -z "$port" ]; then
    echo "demo: the server did not start: $(cat "$dir/server.err")"
    kill "$server" 2>/dev/null
    exit 1
fi

printf 'Hello, server: this is the browser.\n' |
    "$seetls" client "127.0.0.1:$port" --ca "$dir/ca/ca.pem" \
        --servername localhost --trace --idle 500 --timeout 10000 >"$dir/client.out"
status=$?
cat "$dir/client.out"
wait "$server"
server_status=$?

echo
echo "The browser's line came back, echoed by the server through both"
echo "directions' keys: $(grep -v '^ *[0-9]' "$dir/client.out" | tail -n 1)"
echo "(build/demo-keys shows the key derivation alone; build/seetls client and"
echo " server --help show how to talk to openssl s_server and s_client.)"
[ $status -eq 0 ] && [ $server_status -eq 0 ]
