#!/bin/sh
# test_tls_wireshark.sh: Wireshark's TLS dissector (tshark), which nobody
# here wrote, reads a capture of our client talking to our server on the
# loopback interface as TLS 1.2: it names every handshake message and the
# suite, and with our NSS key log (--keylog) it decrypts both Finished
# messages and the application data: CBC records with and without
# encrypt_then_mac, and AES-128-GCM records (RFC 5288).
# Capturing needs the right to capture on lo (root, or dumpcap's
# capabilities); without it the test fails and says so.
. "$(dirname "$0")/lib.sh"

cd "$WORK" || exit 1
make_openssl_ca_and_server

# The server first, on a port of its own choosing; the capture on that port
# before the client connects.
printf 'from server\n' >srv.in
for mode in etm mte gcm; do
    case $mode in
        etm) flags="--cipher DHE-RSA-AES128-SHA256" suite=0x0067 ;;
        mte) flags="--cipher DHE-RSA-AES128-SHA256 --no-etm" suite=0x0067 ;;
        gcm) flags="--cipher DHE-RSA-AES128-GCM-SHA256" suite=0x009e ;;
    esac
    rm -f keys.log cap.pcap
    start_seetls_server srv --cert srv.pem --key srv.key --keylog keys.log \
        $flags <srv.in
    tshark -i lo -f "tcp port $PORT" -w cap.pcap >tshark.out 2>&1 &
    tpid=$!
    if ! wait_for tshark.out "Capturing on"; then
        fail "$mode: tshark cannot capture on lo: $(head -c 200 tshark.out)"
        kill $tpid $SERVER_PID 2>/dev/null
        wait $tpid $SERVER_PID 2>/dev/null
        continue
    fi
    sleep 0.3 # "Capturing on" comes a moment before the capture does
    printf 'from client\n' | $SEETLS client --connect "127.0.0.1:$PORT" \
        --CAfile ca.pem --servername robot.lab --idle 300 >cli.out 2>cli.err
    expect_eq "$mode: client exit" 0 $?
    wait $SERVER_PID
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
    expect_eq "$mode: suite chosen" 1 "$(grep -c "^2[[:space:]]*$suite\$" fields.txt)"
    tshark -r cap.pcap -o "tls.keylog_file:keys.log" -x -Y tls.app_data \
        >data.txt 2>/dev/null
    expect_eq "$mode: decrypted data from the client" 1 "$(grep -c 'from client' data.txt)"
    expect_eq "$mode: decrypted data from the server" 1 "$(grep -c 'from server' data.txt)"
done

finish tls-wireshark
