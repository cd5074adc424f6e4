#!/bin/sh
# Eve (build/eve) between alex-client and alex-server, the same attacks on
# both links: on the plaintext link her tamper and replay succeed (the
# robot's events show the changed command run, and the repeated one run
# twice) while the laptop sees nothing wrong; on TLS both are refused
# (bad_record_mac) and the robot stops. Her downgrade is caught by the
# client's CertificateVerify when the laptop has a certificate, and by the
# Finished without one (seetls server and client: with the extended master
# secret the Finished record fails its MAC, without it the Finished value).
# Each outcome is read from the robot's events (or the server's words), and
# what Eve saw from her own lines: OK as OK, clear alerts by name.
. "$(dirname "$0")/lib.sh"
: "${BUILD_DIR:?BUILD_DIR must name the build folder}"
CLIENT="$BUILD_DIR/alex-client"
EVE="$BUILD_DIR/eve"
cd "$WORK" || exit 1

make_alex_certs

count() { grep -c "$1" "$EVENTS" 2>/dev/null; }

# robot NAME ARGS...: alex-server (start_alex_server: PORT, SERVER_PID),
# its events in NAME.jsonl ($EVENTS)
robot() {
    name=$1
    shift
    EVENTS=$name.jsonl
    start_alex_server "$name" "$EVENTS" "$@"
}

# eve MODE TARGET_PORT [NAME [OPTION...]]: Eve in front of a server for
# one laptop, on a port of her choosing ($EVE_PORT, port_in), her words in
# eve-NAME.out (NAME: MODE), her pid in $EVE_PID (she gives up after 60 s,
# so a laptop that never comes cannot hang the test)
eve() {
    eve_mode=$1 eve_target=$2 out="eve-${3:-$1}.out"
    shift 2
    [ $# -gt 0 ] && shift
    rm -f "$out"
    timeout 60 "$EVE" "$eve_mode" --listen 0 --target "127.0.0.1:$eve_target" "$@" \
        >"$out" 2>&1 &
    EVE_PID=$!
    wait_for "$out" 'listening on port' || fail "eve $eve_mode did not start"
    EVE_PORT=$(port_in "$out")
}

# the line Eve printed just before the first line matching PATTERN in FILE
line_before() { grep -B 1 -m 1 "$2" "$1" | head -n 1; }

# ------------------------------------------------------- plaintext link ---
robot plain --insecure-plaintext
plain() { "$CLIENT" "127.0.0.1:$EVE_PORT" --insecure-plaintext --cmd "$1"; }

# sniff: every command and every answer, the robot's OK shown as OK
eve sniff "$PORT"
plain "f 42 77 &; z" >/dev/null 2>&1
wait $EVE_PID
grep -q "^laptop -> robot: PLAINTEXT COMMAND 'f' 42 77 " eve-sniff.out && pass ||
    fail "plaintext sniff: the command not read: $(cat eve-sniff.out)"
grep -qx 'robot -> laptop: PLAINTEXT OK' eve-sniff.out && pass ||
    fail "plaintext sniff: the OK not shown as OK: $(cat eve-sniff.out)"
grep -q 'robot -> laptop: PLAINTEXT ERROR bad command (code 4): unknown command' eve-sniff.out && pass ||
    fail "plaintext sniff: the refusal not named: $(cat eve-sniff.out)"
grep -q 'code 0' eve-sniff.out && fail "plaintext sniff: OK shown as a code" || pass

# (the moves below end in "&": the laptop does not wait for them to finish,
# so each step is one command record, as Eve expects)

# tamper: the laptop's forward becomes reverse; the robot runs it, the
# laptop is told OK
eve tamper "$PORT"
expect_status "plaintext tamper: the laptop notices nothing" 0 plain "f 43 77 &; s"
wait $EVE_PID
grep -q "EVE: tamper: passing on COMMAND 'b' 43 77 instead" eve-tamper.out && pass ||
    fail "plaintext tamper: eve did not change the command: $(cat eve-tamper.out)"
expect_eq "plaintext tamper: the changed command ran" 1 "$(count '"event":"command","key":"b","p1":43,"p2":77}')"
expect_eq "plaintext tamper: the laptop's command did not" 0 "$(count '"key":"f","p1":43,')"
grep -q '"event":"motors","state":"reverse"' plain.jsonl && pass ||
    fail "plaintext tamper: the robot did not reverse"
grep -q 'found nothing' eve-tamper.out && fail "plaintext tamper: found nothing to tamper" || pass

# replay: the laptop's forward runs twice; the laptop sees one OK (an
# answer more would have ended its wait)
eve replay "$PORT"
expect_status "plaintext replay: the laptop notices nothing" 0 plain "f 44 60 &; wait 0.5; s"
wait $EVE_PID
expect_eq "plaintext replay: the command ran twice" 2 "$(count '"event":"command","key":"f","p1":44,"p2":60}')"
grep -q 'EVE: replay: keeping this answer, to my copy, from the laptop' eve-replay.out && pass ||
    fail "plaintext replay: the copy's answer passed: $(cat eve-replay.out)"
grep -q '"event":"link_lost".*connection closed' plain.jsonl && pass ||
    fail "plaintext replay: the link did not end normally"
kill "$SERVER_PID" 2>/dev/null
wait "$SERVER_PID" 2>/dev/null

# ------------------------------------------------------------- TLS link ---
robot tls --cert alex.crt --key alex.key --ca lab/ca.pem
tls() { "$CLIENT" "127.0.0.1:$EVE_PORT" --ca lab/ca.pem --cert laptop.crt --key laptop.key --cmd "$1"; }

# sniff: the handshake messages by name, then only ciphertext
eve sniff "$PORT"
tls "f 42 77 &" >/dev/null 2>&1
wait $EVE_PID
for m in ClientHello ServerHello CertificateRequest ServerHelloDone Certificate \
    ClientKeyExchange CertificateVerify 'Finished, encrypted' 'ciphertext: unreadable'; do
    grep -q "($m)" eve-sniff.out && pass || fail "TLS sniff: no ($m) in eve's lines"
done
grep -q 'PLAINTEXT' eve-sniff.out && fail "TLS sniff: eve read plaintext through TLS" || pass
grep -q '"key":"f","p1":42' tls.jsonl && pass || fail "TLS sniff: the command was lost"

# tamper: one flipped bit; bad_record_mac, link closed, robot stopped, no
# command run. The robot's alert is encrypted: Eve cannot read which.
before_cmd=$(count '"event":"command"')
before_stop=$(count '"event":"stopped"')
eve tamper "$PORT"
expect_status "TLS tamper: the laptop's link fails" 1 tls "f 43 77 &; wait 1"
wait $EVE_PID
grep -q "^alex-client: tampering detected: the robot found a record from this laptop failing its MAC check" \
    "$WORK/err" && pass || fail "TLS tamper: the laptop did not say tampering: $(cat "$WORK/err")"
wait_for tls.jsonl '"event":"link_lost".*bad_record_mac'
grep '"event":"link_lost"' tls.jsonl | tail -n 1 |
    grep -q '"reason":"bad record MAC (sent bad_record_mac)"' && pass ||
    fail "TLS tamper: no bad_record_mac in the events"
grep '"event":"tampering"' tls.jsonl | tail -n 1 | grep -q '"peer":"CN=laptop","found_by":"robot"' &&
    pass || fail "TLS tamper: no tampering event"
expect_eq "TLS tamper: the command never ran" "$before_cmd" "$(count '"event":"command"')"
[ "$(count '"event":"stopped"')" -gt "$before_stop" ] && pass || fail "TLS tamper: robot not stopped"
expect_eq "TLS tamper: eve sees an alert she cannot read" \
    'robot -> laptop: TLS record alert (encrypted: Eve cannot read which alert)' \
    "$(grep '^robot -> laptop: TLS record alert' eve-tamper.out | sed 's/ *[0-9]* bytes: [0-9a-f.]* */ /')"

# replay: the command runs once; its copy is refused and the link closed
eve replay "$PORT"
expect_status "TLS replay: the laptop's link fails" 1 tls "f 44 60 &; wait 1"
wait $EVE_PID
wait_for tls.jsonl '"key":"f","p1":44'
sleep 0.2
expect_eq "TLS replay: the command ran exactly once" 1 "$(count '"key":"f","p1":44')"
grep '"event":"link_lost"' tls.jsonl | tail -n 1 |
    grep -q '"reason":"bad record MAC (sent bad_record_mac)"' && pass ||
    fail "TLS replay: no bad_record_mac in the events"

# downgrade, mutual authentication (the robot's way): Eve leaves only the
# RSA suite; the robot checks the laptop's CertificateVerify, a signature
# over the transcript, before any Finished, and refuses: decrypt_error,
# sent in the clear (the robot has not sent ChangeCipherSpec yet)
before_cmd=$(count '"event":"command"')
eve downgrade "$PORT"
expect_status "TLS downgrade: the laptop is refused" 1 tls "f 45 60 &"
wait $EVE_PID
grep -q 'EVE: downgrade: ClientHello offered [0-9]* cipher suites; forwarding only one, TLS_RSA_WITH_AES_128_CBC_SHA256 (003c)' \
    eve-downgrade.out && pass || fail "eve did not downgrade: $(cat eve-downgrade.out)"
grep -q '(ServerKeyExchange)' eve-downgrade.out && fail "downgrade: the robot still chose DHE" || pass
wait_for tls.jsonl '"event":"refused"'
expect_eq "downgrade, mutual: caught by CertificateVerify" \
    '"reason":"TLS handshake: the client'"'"'s CertificateVerify signature does not verify (sent decrypt_error)"}' \
    "$(grep '"event":"refused"' tls.jsonl | tail -n 1 | sed 's/.*\("reason"\)/\1/')"
grep -q '^robot -> laptop: TLS record alert  *2 bytes: 0233   (alert: fatal decrypt_error, in the clear)$' \
    eve-downgrade.out && pass || fail "downgrade, mutual: eve did not name the alert: $(cat eve-downgrade.out)"
expect_eq "downgrade: no command accepted" "$before_cmd" "$(count '"event":"command"')"

# mitm: Eve answers with her own certificate; the laptop refuses it and
# never sends a command; the robot never even sees the laptop
make_ca other "Eve's CA"
make_cert other alex.lab server eve-srv --dns alex.lab --ip 127.0.0.1
before_conn=$(count '"event":"connected"')
eve mitm "$PORT" mitm --cert eve-srv.crt --key eve-srv.key
tls "f 46 60 &" >mitm-client.out 2>&1
expect_eq "mitm: the laptop refuses Eve" 1 $?
wait $EVE_PID
grep -q 'unknown issuer' mitm-client.out && pass || fail "mitm: refusal not explained: $(cat mitm-client.out)"
grep -q 'the laptop refused me' eve-mitm.out && pass || fail "mitm: eve was not refused"
expect_eq "mitm: the robot saw no new controller" "$before_conn" "$(count '"event":"connected"')"
grep -q '"p1":46' tls.jsonl && fail "mitm: the command reached the robot" || pass
kill "$SERVER_PID" 2>/dev/null
wait "$SERVER_PID" 2>/dev/null

# ------------------------------------- downgrade, no client certificate ---
# seetls server and client (alex-server always asks for a certificate).
# WHO SERVER_ARGS CLIENT_ARGS: one connection through eve MODE ($MODE),
# the server's words in srv-WHO.err (start_seetls_server), the client's in
# cli-WHO.out
MODE=downgrade
through_eve() {
    start_seetls_server "srv-$1" --cert alex.crt --key alex.key --echo --once --timeout 5000 \
        $2 </dev/null
    eve "$MODE" "$PORT" "$1"
    echo hello | "$SEETLS" client "127.0.0.1:$EVE_PORT" --ca lab/ca.pem --servername alex.lab \
        --idle 300 --timeout 5000 $3 >"cli-$1.out" 2>&1
    wait $EVE_PID
    wait $SERVER_PID # --once: it ends after this connection, its verdict written
}

# first without meddling: the same pair speaks through Eve
MODE=sniff
through_eve sniff "" ""
grep -qx hello cli-sniff.out && pass || fail "through eve sniff: no echo: $(cat cli-sniff.out)"
MODE=downgrade

# the extended master secret (the default): the keys come from the hash
# of the transcript (RFC 7627 4), so they differ; the client's Finished
# is the first record under them, and fails its MAC
through_eve ems "" ""
grep -q 'seetls server: handshake failed: bad record MAC (sent bad_record_mac)' srv-ems.err && pass ||
    fail "downgrade, EMS: not caught by the Finished record's MAC: $(cat srv-ems.err)"
grep -q '^robot -> laptop: TLS record alert  *2 bytes: 0214   (alert: fatal bad_record_mac, in the clear)$' \
    eve-ems.out && pass || fail "downgrade, EMS: eve did not name the alert: $(cat eve-ems.out)"
line_before eve-ems.out 'TLS record alert' | grep -q '^laptop -> robot: .*(Finished, encrypted)$' &&
    pass || fail "downgrade, EMS: the alert did not answer the Finished: $(cat eve-ems.out)"
grep -q 'forwarding only one, TLS_RSA_WITH_AES_128_CBC_SHA256' eve-ems.out && pass ||
    fail "downgrade, EMS: eve did not downgrade"
grep -q hello cli-ems.out && fail "downgrade, EMS: data passed" || pass

# without it: the same keys on both sides, and the Finished's verify_data,
# a MAC over the transcript (RFC 5246 7.4.9), does not match
through_eve no-ems --no-ems --no-ems
grep -q 'seetls server: handshake failed: Finished verify_data does not match (sent decrypt_error)' \
    srv-no-ems.err && pass || fail "downgrade, no EMS: not caught by the Finished: $(cat srv-no-ems.err)"
grep -q '^robot -> laptop: TLS record alert  *2 bytes: 0233   (alert: fatal decrypt_error, in the clear)$' \
    eve-no-ems.out && pass || fail "downgrade, no EMS: eve did not name the alert: $(cat eve-no-ems.out)"
line_before eve-no-ems.out 'TLS record alert' | grep -q '^laptop -> robot: .*(Finished, encrypted)$' &&
    pass || fail "downgrade, no EMS: the alert did not answer the Finished: $(cat eve-no-ems.out)"

# and with a client certificate, the same as the robot: CertificateVerify
through_eve mutual "--verify-client --ca lab/ca.pem" "--cert laptop.crt --key laptop.key"
grep -q "seetls server: handshake failed: the client's CertificateVerify signature does not verify (sent decrypt_error)" \
    srv-mutual.err && pass || fail "downgrade, seetls mutual: not caught by CertificateVerify: $(cat srv-mutual.err)"
finish eve
