#!/bin/sh
# test_browser_driver.sh: the browser driver (tests/interop/browser/drive.py)
# does what the robot console's test will ask of it, shown on
# openssl s_server (TLS 1.2, ECDHE-RSA-AES128-GCM-SHA256, certificates
# from seetls ca) serving the driver's test page (browser/pages/input.html,
# which logs the events a hold-to-drive console listens to):
#  - keys: W held 1 s (one keydown, no repeat, keyup about 1 s later),
#    ArrowUp held with autorepeat (keydowns with repeat set, at the rate
#    asked, after the delay asked), D autorepeated by keyrepeat;
#  - a button pressed and released with the mouse in a projector-sized
#    window, and with a finger in a phone-sized one with a touch screen
#    (touchstart, touchend; no mouse events);
#  - the browser frozen for 1 s (freeze: SIGSTOP, then SIGCONT): the
#    page's own 50 ms clock shows the gap;
#  - a tab closed while W is held: the page's pagehide runs (the server is
#    asked for gone-KeyW.txt as the page goes, and the next tab on the
#    origin reads the note it left); a second tab on the same URL, each
#    tab's steps going to that tab only, the first hidden while the
#    second is in front;
#  - screenshots of 1920x1080 and 390x844 (the PNGs' sizes); a touch
#    viewport of another size; eval, waitfor, waittext, expectload; the
#    log's times on CLOCK_MONOTONIC (alex-server's events' clock);
#  - a client certificate: an identity from seetls ca issue --client made
#    into PKCS#12 (openssl pkcs12 -export), imported with pk12util into
#    the browser's NSS database, and picked without a dialog by the
#    profile's auto_select_certificate setting: the page of
#    openssl s_server -Verify 1 loads and s_server names the client's
#    subject; without the identity the load fails with
#    ERR_BAD_SSL_CLIENT_AUTH_CERT; an identity from a CA the server does
#    not name is not even offered, and the load fails the same way.
# Needs chromium, certutil and pk12util (libnss3-tools) and python3:
# without them the browser cases are skipped, saying what to install.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../../scripts/lib-deps.sh"
. "$(dirname "$0")/browser/lib-browser.sh"
cd "$WORK" || exit 1

if ! browser_ready browser_driver python3; then
    finish browser_driver
    exit
fi

make_ca lab "Driver Test CA"
make_cert lab localhost server srv --dns localhost --ip 127.0.0.1
make_cert lab student-1 client student
make_ca other "Other CA"
make_cert other intruder client intruder
trusting_home "$WORK/home" lab/ca.pem

# The test page, and the files its pagehide asks for (gone-WHAT.txt, WHAT
# being what was held), so that openssl s_server -WWW logs the request.
mkdir www
cp "$BROWSER_DIR/pages/input.html" www/
for held in KeyW button nothing; do
    echo "the page went while holding $held" >"www/gone-$held.txt"
done

# log_lines FILE PATTERN: how many lines of FILE match PATTERN
log_lines() {
    grep -c -- "$2" "$1"
}

# log_time FILE PATTERN: the time (t=N) on the first line of FILE matching
# PATTERN
log_time() {
    sed -n "/$2/{s/.* t=\([0-9]*\)\$/\1/p;q;}" "$1"
}

# expect_between NAME LOW HIGH VALUE
expect_between() {
    if [ -n "$4" ] && [ "$4" -ge "$2" ] && [ "$4" -le "$3" ]; then pass; else
        fail "$1: $4, wanted $2..$3"; fi
}

# serve NAME OPTION...: openssl s_server -WWW in www/ (it serves its
# working folder), TLS 1.2 in the suite Chromium prefers, the server
# certificate for localhost, OPTIONs added; NAME.out in WORK; SERVER_PID,
# PORT and URL (the test page's).
serve() {
    serve_name=$1
    shift
    cd www || return 1
    start_openssl_server "../$serve_name" 120 -WWW -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256 \
        -cert ../srv.crt -key ../srv.key "$@"
    serve_status=$?
    cd "$WORK" || exit 1
    URL="https://localhost:$PORT/input.html"
    return $serve_status
}

stop_server() {
    kill "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
}

# monotonic_ms: CLOCK_MONOTONIC now, in ms (the clock of the driver's log)
monotonic_ms() {
    python3 -c 'import time; print(int(time.monotonic() * 1000))'
}

# 1. A projector-sized window: keys, the mouse, tabs.
if serve www; then
    before=$(monotonic_ms)
    drive desktop "$WORK/home" <<STEPS
open $URL 1920x1080
waitfor #fwd
eval document.title title.txt
hold w 1000
hold ArrowUp 1000 300 33
keydown d
keyrepeat d 230 50
keyup d
mousedown #fwd
waittext #state "pressed by mouse" 2000
text #state pressed.txt
mouseup #fwd
text #state released.txt
text #log keys.txt
screenshot projector.png
keydown a
wait 300
text #gap gap-before.txt
freeze 1000
wait 200
text #gap gap-after.txt
keyup a
keydown w
wait 300
closetab
newtab $URL
text #previous previous.txt
newtab $URL
hold s 100
text #log tab3.txt
text #opened opened.txt
tab 2
text #log tab2.txt
STEPS
    expect_driven "desktop"
    after=$(monotonic_ms)
    stop_server
    expect_eq "eval: the page's title as JSON" '"drive.py input log"' "$(cat title.txt)"
    # the log's first time is CLOCK_MONOTONIC's, which the robot's events use
    closed=$(sed -n 's/^\([0-9]*\) .* closetab$/\1/p' desktop.log)
    expect_between "the log's time of closetab: CLOCK_MONOTONIC ms" "$before" "$after" "$closed"

    # W held 1 s: one keydown, no repeat, the keyup about 1 s later
    expect_eq "W: keydowns without repeat" 1 "$(log_lines keys.txt '^keydown KeyW repeat=0 ')"
    expect_eq "W: keydowns with repeat" 0 "$(log_lines keys.txt '^keydown KeyW repeat=1 ')"
    expect_eq "W: keyups" 1 "$(log_lines keys.txt '^keyup KeyW ')"
    down=$(log_time keys.txt '^keydown KeyW')
    up=$(log_time keys.txt '^keyup KeyW')
    expect_between "W: ms from keydown to keyup" 950 1300 "$((${up:-0} - ${down:-0}))"

    # ArrowUp held 1 s with autorepeat: after 300 ms, a repeat every 33 ms
    expect_eq "ArrowUp: keydowns without repeat" 1 "$(log_lines keys.txt '^keydown ArrowUp repeat=0 ')"
    repeats=$(log_lines keys.txt '^keydown ArrowUp repeat=1 ')
    # at 300, 333, ... 993 ms: 22 (fewer if the machine is slow to run them)
    expect_between "ArrowUp: keydowns with repeat (700 ms / 33 ms)" 8 22 "$repeats"
    down=$(log_time keys.txt '^keydown ArrowUp repeat=0')
    first=$(log_time keys.txt '^keydown ArrowUp repeat=1')
    up=$(log_time keys.txt '^keyup ArrowUp')
    expect_between "ArrowUp: ms to the first repeat" 280 600 "$((${first:-0} - ${down:-0}))"
    expect_between "ArrowUp: ms from keydown to keyup" 950 1300 "$((${up:-0} - ${down:-0}))"
    last=$(sed -n 's/^keydown ArrowUp repeat=1 t=\([0-9]*\)$/\1/p' keys.txt | tail -n 1)
    expect_between "ArrowUp: the last repeat before the keyup" 0 "${up:-0}" "${last:-}"

    # D pressed, autorepeated by keyrepeat (at 50, 100, 150, 200 ms), released
    expect_eq "keyrepeat: keydowns without repeat" 1 "$(log_lines keys.txt '^keydown KeyD repeat=0 ')"
    expect_eq "keyrepeat: keydowns with repeat" 4 "$(log_lines keys.txt '^keydown KeyD repeat=1 ')"
    expect_eq "keyrepeat: keyups" 1 "$(log_lines keys.txt '^keyup KeyD ')"

    # freeze: the page's 50 ms clock (a heartbeat) stopped for the 1 s the
    # browser was stopped, and ran before it
    expect_between "freeze: the clock's longest gap before, ms" 40 400 "$(cat gap-before.txt)"
    expect_between "freeze: the clock's longest gap across it, ms" 950 2000 "$(cat gap-after.txt)"

    # the button, with the mouse
    expect_eq "mouse: the button while pressed" "pressed by mouse" "$(cat pressed.txt)"
    expect_eq "mouse: the button after release" "released by mouse" "$(cat released.txt)"
    expect_eq "mouse: mousedown" 1 "$(log_lines keys.txt '^mousedown fwd button=0 ')"
    expect_eq "mouse: mouseup" 1 "$(log_lines keys.txt '^mouseup fwd button=0 ')"
    expect_eq "mouse: a mouse pointer" 1 "$(log_lines keys.txt '^pointerdown fwd type=mouse ')"
    expect_eq "projector screenshot: its size" 1920x1080 "$(png_size projector.png)"

    # the tab closed while W was held: its pagehide ran, the server heard it
    expect_eq "closed tab: the note the next tab read" "closed while holding KeyW" "$(cat previous.txt)"
    grep -q '^FILE:gone-KeyW.txt' www.out && pass ||
        fail "closed tab: s_server was not asked for gone-KeyW.txt as the page went"

    # two tabs on the URL: the keys went to the one in front, the other
    # was hidden when the new one came
    expect_eq "tabs: the third tab's count of tabs opened" 3 "$(cat opened.txt)"
    expect_eq "tabs: S in the third tab" 1 "$(log_lines tab3.txt '^keydown KeyS repeat=0 ')"
    expect_eq "tabs: S not in the second tab" 0 "$(log_lines tab2.txt 'KeyS')"
    expect_eq "tabs: the second tab hidden by the third" 1 "$(log_lines tab2.txt '^visibility hidden ')"
fi

# 2. A phone-sized window with a touch screen: a finger on the button.
if serve phone; then
    drive phone "$WORK/home" <<STEPS
open $URL phone
touchstart #fwd
text #state pressed.txt
wait 100
touchend
text #state released.txt
text #log touch.txt
screenshot phone.png
open $URL 800x600touch
eval "[innerWidth, innerHeight, navigator.maxTouchPoints]" tablet.txt
STEPS
    expect_driven "phone"
    stop_server
    expect_eq "touch: a touch screen" 1 "$(log_lines touch.txt '^loaded touchpoints=5 ')"
    expect_eq "touch: the button while pressed" "pressed by touch" "$(cat pressed.txt)"
    expect_eq "touch: the button after release" "released by touch" "$(cat released.txt)"
    expect_eq "touch: touchstart, one finger" 1 "$(log_lines touch.txt '^touchstart fwd touches=1 ')"
    expect_eq "touch: touchend, no finger left" 1 "$(log_lines touch.txt '^touchend fwd touches=0 ')"
    expect_eq "touch: a touch pointer" 1 "$(log_lines touch.txt '^pointerdown fwd type=touch ')"
    expect_eq "touch: no mouse events" 0 "$(log_lines touch.txt '^mouse')"
    expect_eq "phone screenshot: its size" 390x844 "$(png_size phone.png)"
    expect_eq "a touch viewport of any size: its width, height and touch points" "[800,600,5]" \
        "$(cat tablet.txt)"
fi

# 3. A client certificate. The identity seetls ca made, as the PKCS#12
# file a browser imports (its chain's CA inside, a password on it), in an
# NSS database beside our CA; the driver's --client-cert-for writes the
# profile's auto_select_certificate setting (headless Chromium shows no
# certificate dialog: with an identity and no setting for the site, the
# load waits for a choice no one makes).
openssl pkcs12 -export -inkey student.key -in student.crt -certfile lab/ca.pem \
    -name student-1 -passout pass:lab-secret -out student.p12 ||
    fail "openssl pkcs12 -export of the student's identity failed"
openssl pkcs12 -export -inkey intruder.key -in intruder.crt -certfile other/ca.pem \
    -name intruder -passout pass:lab-secret -out intruder.p12 ||
    fail "openssl pkcs12 -export of the intruder's identity failed"
trusting_home "$WORK/student-home" lab/ca.pem
home_with_identity "$WORK/student-home" student.p12 lab-secret
trusting_home "$WORK/intruder-home" lab/ca.pem
home_with_identity "$WORK/intruder-home" intruder.p12 lab-secret

# client_load NAME HOME ISSUER STEP...: the STEPs (URL: the page of the
# server that requires a client certificate) by HOME's browser told to
# present the one ISSUER issued (drive's files and DRIVE_STATUS)
client_load() {
    load_name=$1 load_home=$2 load_issuer=$3
    shift 3
    # steps from a file: drive in a pipeline would run in a subshell
    printf '%s\n' "$@" >"$load_name.steps"
    drive "$load_name" "$load_home" --client-cert-for "https://localhost:*" \
        --client-cert-issuer "$load_issuer" <"$load_name.steps"
}

if serve mutual -Verify 1 -CAfile "$WORK/lab/ca.pem"; then
    client_load with_identity "$WORK/student-home" "Driver Test CA" "open $URL" "text #opened"
    expect_driven "client certificate: the page"
    expect_eq "client certificate: the page's text" 1 "$(cat with_identity.out)"
    grep -q '^depth=0 CN = student-1$' mutual.out && pass ||
        fail "client certificate: s_server did not name the client's subject CN = student-1"

    client_load without_identity "$WORK/home" "Driver Test CA" "open $URL"
    expect_eq "no client certificate: drive.py's exit status" 3 "$DRIVE_STATUS"
    grep -q "load failed: $URL: net::ERR_BAD_SSL_CLIENT_AUTH_CERT\$" without_identity.log && pass ||
        fail "no client certificate: not ERR_BAD_SSL_CLIENT_AUTH_CERT: $(tail -n 1 without_identity.err)"
    grep -q 'peer did not return a certificate' mutual.out && pass ||
        fail "no client certificate: s_server did not say the browser sent none"

    # The server names the CAs it takes (RFC 5246 7.4.4,
    # certificate_authorities: s_server sends -CAfile's) and the browser
    # offers only an identity one of them issued: the intruder's, from
    # another CA, is not sent, and the load fails as with none.
    # (expectload: the failure the steps expect, and they go on)
    client_load intruder "$WORK/intruder-home" "Other CA" "expectload net::ERR_BAD_SSL_CLIENT_AUTH_CERT" \
        "open $URL" "eval 6*7"
    expect_driven "a client certificate from another CA"
    grep -q "load failed: $URL: net::ERR_BAD_SSL_CLIENT_AUTH_CERT\$" intruder.log && pass ||
        fail "a client certificate from another CA: not ERR_BAD_SSL_CLIENT_AUTH_CERT"
    expect_eq "a client certificate from another CA: steps after expectload" 42 "$(cat intruder.out)"
    expect_eq "a client certificate from another CA: s_server got none" 2 \
        "$(grep -c 'peer did not return a certificate' mutual.out)"
    grep -q 'CN = intruder' mutual.out && fail "a client certificate from another CA: sent"
    stop_server
fi

finish browser_driver
