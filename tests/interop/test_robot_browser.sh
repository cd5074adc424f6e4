#!/bin/sh
# test_robot_browser.sh: the robot's web console (alex-server --web, a
# simulated Alex) driven from Debian's headless Chromium like a user, with
# the lab's CA trusted in the browser's NSS database:
#  - with a lab identity made by seetls ca issue --client --out-p12 and
#    imported with pk12util (the slides' mutual authentication), the page
#    says the browser may drive and names its certificate; W held for 1 s
#    drives forward, and the robot stops on key-up (the events' t_ms, the
#    driver's log on the same clock); W held again and the tab closed
#    mid-move: the robot stops within 500 ms of the close;
#  - without an identity the page watches only; the pairing code typed in
#    and Forward held with a finger on a phone-sized touch screen drives,
#    and letting go stops.
# Needs chromium, certutil and pk12util (libnss3-tools) and python3:
# without them the browser cases are skipped, saying what to install.
# SHOW_TIMES=1 prints each measured pair of times.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../../scripts/lib-deps.sh"
. "$(dirname "$0")/browser/lib-browser.sh"
: "${BUILD_DIR:?BUILD_DIR must name the build folder}"
cd "$WORK" || exit 1

if ! browser_ready robot_browser python3; then
    finish robot_browser
    exit
fi

# the browser may resolve localhost only (drive.py's resolver rules)
make_alex_certs
make_cert lab localhost server web --dns localhost --ip 127.0.0.1
echo "lab password" >pw
"$SEETLS" ca issue --dir lab --name student-1 --client \
    --out-p12 student.p12 --password-file pw >/dev/null 2>&1 ||
    fail "seetls ca issue --out-p12 failed"
trusting_home "$WORK/home" lab/ca.pem
home_with_identity "$WORK/home" student.p12 "lab password"
trusting_home "$WORK/home2" lab/ca.pem

EVENTS="$WORK/events.jsonl"
start_alex_server server "$EVENTS" --cert web.crt --key web.key --ca lab/ca.pem --web 0
WEB=$(sed -n 's/.*web console on port \([0-9][0-9]*\).*/\1/p' server.err)
CODE=$(sed -n 's/.*pairing code \([0-9]\{6\}\)$/\1/p' server.err)
URL="https://localhost:$WEB/"

# step_time LOG STEP: the CLOCK_MONOTONIC ms at which the step began
step_time() {
    sed -n "s/^\([0-9][0-9]*\) .* $2\$/\1/p" "$1" | head -n 1
}

# event_time AFTER PATTERN: the t_ms of the first event at or after AFTER
# whose line matches PATTERN, or nothing
event_time() {
    awk -v after="$1" -v pat="$2" '
        $0 ~ pat { t = $0; sub(/^\{"t_ms":/, "", t); sub(/,.*/, "", t)
                   if (t + 0 >= after + 0) { print t; exit } }' "$EVENTS"
}

# within LABEL FROM TO MS: TO came after FROM, at most MS ms after it
within() {
    [ -n "${SHOW_TIMES:-}" ] && echo "  $1: $2 -> $3"
    if [ -n "$2" ] && [ -n "$3" ] && [ "$3" -ge "$2" ] && [ $(($3 - $2)) -le "$4" ]; then
        pass
    else
        fail "$1: from ${2:-?} to ${3:-?}, wanted within $4 ms"
    fi
}

# 1. A lab certificate: hold W, let go; hold W, close the tab.
drive cert "$WORK/home" --client-cert-for "https://localhost:*" \
    --client-cert-issuer "Alex Lab CA" <<EOF
open $URL 1280x800
waittext #banner "You may drive" 10000
text #you
hold w 1000
wait 300
text #doing
keydown w
wait 600
closetab
wait 300
EOF
expect_driven cert
grep -q "certificate CN=student-1" cert.out && pass ||
    fail "the page does not name the browser's certificate: $(cat cert.out)"
grep -q "^Stopped" cert.out && pass || fail "after key-up the page does not say Stopped"
hold_at=$(step_time cert.log "hold w 1000")
forward=$(event_time "${hold_at:-0}" '"event":"motors","state":"forward"')
within "W held: forward" "$hold_at" "$forward" 300
stopped=$(event_time "${forward:-0}" '"event":"motors","state":"stopped"')
within "W released: stopped" "$((${hold_at:-0} + 1000))" "$stopped" 300
grep -q '"event":"connected","peer":"CN=student-1"' "$EVENTS" && pass ||
    fail "the browser did not drive as CN=student-1"
close_at=$(step_time cert.log "closetab")
moving=$(event_time "${stopped:-0}" '"event":"motors","state":"forward"')
[ -n "$moving" ] && pass || fail "W held again did not drive"
gone=$(event_time "${moving:-0}" '"event":"motors","state":"stopped"')
within "tab closed mid-move: stopped" "$close_at" "$gone" 500

# 2. No certificate: watch, then the pairing code, Forward held by touch.
drive paired "$WORK/home2" <<EOF
open $URL phone
waittext #banner "Watching" 10000
eval "document.getElementById('code').value = '$CODE'"
touchstart #pair
touchend
waittext #banner "You may drive" 5000
touchstart #forward
wait 700
touchend
wait 300
text #doing
EOF
expect_driven paired
grep -q "^Stopped" paired.out && pass || fail "after the finger lifts the page does not say Stopped"
grep -q '"event":"paired"' "$EVENTS" && pass || fail "no paired event"
touch_at=$(step_time paired.log "touchstart '#forward'")
[ -n "$touch_at" ] || touch_at=$(step_time paired.log "touchstart #forward")
forward=$(event_time "${touch_at:-0}" '"event":"motors","state":"forward"')
within "Forward touched: forward" "$touch_at" "$forward" 300
stopped=$(event_time "${forward:-0}" '"event":"motors","state":"stopped"')
within "finger lifted: stopped" "$((${touch_at:-0} + 700))" "$stopped" 300

kill "$SERVER_PID" 2>/dev/null
wait "$SERVER_PID" 2>/dev/null
finish robot_browser
