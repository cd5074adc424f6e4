#!/bin/sh
# test_robot_browser.sh: the robot's web console (alex-server --web, a
# simulated Alex) driven from Debian's headless Chromium like a user, with
# the lab's CA trusted in the browser's NSS database:
#  - with a lab identity made by seetls ca issue --client --out-p12 and
#    imported with pk12util (the slides' mutual authentication), the page
#    says the browser may drive and names its certificate; W held for 1 s
#    (autorepeating after 500 ms every 33 ms, as a keyboard does)
#    drives forward, and the robot stops on key-up (the events' t_ms, the
#    driver's log on the same clock); W held again and the tab closed
#    mid-move: the robot stops within 500 ms of the close;
#  - without an identity the page watches only; the pairing code typed in
#    and Forward held with a finger on a phone-sized touch screen drives,
#    and letting go stops;
#  - the two screenshots the page is shown by in docs/robot.md, taken on
#    the way (the desktop after W held with the certificate, the phone
#    while Forward is held after pairing), PNGs of the viewports' sizes;
#    with SCREENSHOTS_TO=DIR they are copied to DIR as robot-console.png and
#    robot-console-phone.png (SCREENSHOTS_TO=docs makes docs' again).
# test_robot_browser2.sh has the rest: a second browser, a stranger, a
# hidden tab, a dropped network, a cross-origin WebSocket.
# Needs chromium, certutil and pk12util (libnss3-tools) and python3:
# without them the browser cases are skipped, saying what to install.
# SHOW_TIMES=1 prints each measured pair of times.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../../scripts/lib-deps.sh"
. "$(dirname "$0")/browser/lib-browser.sh"
. "$(dirname "$0")/browser/lib-robot.sh"
: "${BUILD_DIR:?BUILD_DIR must name the build folder}"
if [ -n "${SCREENSHOTS_TO:-}" ]; then
    SCREENSHOTS_TO=$(cd "$SCREENSHOTS_TO" && pwd) || exit 1
fi
cd "$WORK" || exit 1

if ! browser_ready robot_browser python3; then
    finish robot_browser
    exit
fi

robot_lab

# 1. A lab certificate: hold W, let go (the desktop screenshot); hold W,
# close the tab.
drive_with_cert cert <<EOF
open $URL 1280x800
waittext #banner "You may drive" 10000
text #you
hold w 1000 500 33
wait 300
text #doing
screenshot $WORK/robot-console.png
keydown w
wait 600
closetab
wait 300
EOF
expect_driven cert
grep -q "certificate CN=student-1" cert.out && pass ||
    fail "the page does not name the browser's certificate: $(cat cert.out)"
grep -q "^Stopped" cert.out && pass || fail "after key-up the page does not say Stopped"
hold_at=$(step_time cert.log "hold w 1000 500 33")
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

# 2. No certificate: watch, then the pairing code, Forward held by touch
# (the phone screenshot while it is held).
drive paired "$HOME_NONE" <<EOF
open $URL phone
waittext #banner "Watching" 10000
eval "document.getElementById('code').value = '$CODE'"
touchstart #pair
touchend
waittext #banner "You may drive" 5000
touchstart #forward
wait 500
screenshot $WORK/robot-console-phone.png
touchend
wait 300
text #doing
EOF
expect_driven paired
grep -q "^Stopped" paired.out && pass || fail "after the finger lifts the page does not say Stopped"
grep -q '"event":"paired"' "$EVENTS" && pass || fail "no paired event"
touch_at=$(step_time paired.log "touchstart '#forward'")
forward=$(event_time "${touch_at:-0}" '"event":"motors","state":"forward"')
within "Forward touched: forward" "$touch_at" "$forward" 300
lift_at=$(step_time paired.log touchend "${touch_at:-0}")
stopped=$(event_time "${forward:-0}" '"event":"motors","state":"stopped"')
within "finger lifted: stopped" "$lift_at" "$stopped" 300
# the screenshot shows Forward held: taken before the robot stopped
shot_at=$(step_time paired.log "screenshot $WORK/robot-console-phone.png")
if [ -n "$shot_at" ] && [ -n "$stopped" ] && [ "$shot_at" -lt "$stopped" ]; then pass; else
    fail "the phone screenshot was not taken while Forward was held (${shot_at:-?}, stopped ${stopped:-?})"
fi

# 3. The screenshots: PNGs of the viewports' sizes, copied for the docs
# when asked.
expect_eq "desktop screenshot: its size" 1280x800 "$(png_size robot-console.png)"
expect_eq "phone screenshot: its size" 390x844 "$(png_size robot-console-phone.png)"
if [ -n "${SCREENSHOTS_TO:-}" ]; then
    cp robot-console.png "$SCREENSHOTS_TO/robot-console.png" &&
        cp robot-console-phone.png "$SCREENSHOTS_TO/robot-console-phone.png" ||
        fail "the screenshots could not be copied to $SCREENSHOTS_TO"
fi

stop_robot
finish robot_browser
