#!/bin/sh
# test_tls_wireshark.sh: Wireshark's TLS dissector (tshark), which nobody
# here wrote, reads a capture of our client talking to our server on the
# loopback interface as TLS 1.2: it names every handshake message and the
# suite, and with our NSS key log (--keylog) it decrypts both Finished
# messages and the application data, with and without encrypt_then_mac.
# Capturing needs the right to capture on lo (root, or dumpcap's
# capabilities); without it the test fails and says so.
. "$(dirname "$0")/lib.sh"

cd "$WORK" || exit 1
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem \
    -subj "/CN=Test CA" -days 30 -addext basicConstraints=critical,CA:TRUE \
    -addext keyUsage=keyCertSign 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout srv.key -out srv.csr \
    -subj /CN=robot.lab 2>/dev/null
printf 'subjectAltName=DNS:robot.lab\n' >ext.txt
openssl x509 -req -in srv.csr -CA ca.pem -CAkey ca.key -CAcreateserial \
    -out srv.pem -days 30 -extfile ext.txt 2>/dev/null

port=$((30000 + $$ % 20000))
for mode in etm mte; do
    port=$((port + 1))
    [ $mode = mte ] && flags=--no-etm || flags=
    rm -f keys.log cap.pcap
    tshark -i lo -f "tcp port $port" -w cap.pcap >tshark.out 2>&1 &
    tpid=$!
    i=0
    while ! grep -q "Capturing on" tshark.out && [ $i -lt 50 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    if ! grep -q "Capturing on" tshark.out; then
        fail "$mode: tshark cannot capture on lo: $(head -c 200 tshark.out)"
        kill $tpid 2>/dev/null
        wait $tpid 2>/dev/null
        continue
    fi
    printf 'from server\n' | $SEETLS server --port $port --cert srv.pem \
        --key srv.key --keylog keys.log $flags >srv.out 2>srv.err &
    spid=$!
    sleep 0.3
    printf 'from client\n' | $SEETLS client --connect "127.0.0.1:$port" \
        --CAfile ca.pem --servername robot.lab --idle 300 >cli.out 2>cli.err
    expect_eq "$mode: client exit" 0 $?
    wait $spid
    expect_eq "$mode: server exit" 0 $?
    sleep 0.5
    kill -INT $tpid
    wait $tpid 2>/dev/null

    tshark -r cap.pcap -o "tls.keylog_file:keys.log" -Y tls -T fields \
        -e tls.handshake.type -e tls.handshake.ciphersuite >fields.txt 2>/dev/null
    for type in 1 2 11 12 14 16; do
        expect_eq "$mode: tshark sees handshake type $type" 1 \
            "$(grep -c "^$type[[:space:]]" fields.txt)"
    done
    expect_eq "$mode: tshark decrypts both Finished" 2 \
        "$(grep -c '^20[[:space:]]*$' fields.txt)"
    expect_eq "$mode: suite chosen" 1 "$(grep -c '^2[[:space:]]*0x0067$' fields.txt)"
    tshark -r cap.pcap -o "tls.keylog_file:keys.log" -x -Y tls.app_data \
        >data.txt 2>/dev/null
    expect_eq "$mode: decrypted data from the client" 1 "$(grep -c 'from client' data.txt)"
    expect_eq "$mode: decrypted data from the server" 1 "$(grep -c 'from server' data.txt)"
done

finish tls-wireshark
