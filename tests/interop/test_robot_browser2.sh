#!/bin/sh
# test_robot_browser2.sh: the web console's refusals and fail-safes in
# Debian's headless Chromium (test_robot_browser.sh has the certificate and
# pairing paths), each timed from the robot's events (t_ms) against the
# driver's log, both on CLOCK_MONOTONIC:
#  - a stranger (no certificate, no code) holds W and presses Forward with
#    the mouse: the page says it watches and sends nothing, and a "go" it
#    sends on the page's own WebSocket (a page changed by its user) is
#    answered "watching only": no motors event meanwhile;
#  - with the lab certificate, W held and another tab brought in front (the
#    console hidden): the robot stopped, and the page's own stop command
#    sent, within 500 ms of the page hidden; W held and the browser frozen
#    1.5 s (the network gone silent): the robot's silence limit stops it
#    within 500 ms, and it does not move again by itself once the browser
#    goes on;
#  - a page of another origin (openssl s_server -WWW on another port, the
#    same certificate for localhost) in the browser holding the certificate
#    opens the robot's WebSocket and would drive: the socket fails in the
#    page, the robot's events say refused with that origin, nothing moves;
#  - two browsers at once: while the certificate's browser holds the robot,
#    a second one, paired by the code, watches the status change as the
#    first drives, is told "Busy: CN=student-1 is driving", and its W held
#    is refused (a refused event, busy) without motion; once the first
#    browser is gone, the second drives.
# Skipped like test_robot_browser.sh without chromium, libnss3-tools or
# python3. SHOW_TIMES=1 prints each measured pair of times.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../../scripts/lib-deps.sh"
. "$(dirname "$0")/browser/lib-browser.sh"
. "$(dirname "$0")/browser/lib-robot.sh"
: "${BUILD_DIR:?BUILD_DIR must name the build folder}"
cd "$WORK" || exit 1

if ! browser_ready robot_browser2 python3; then
    finish robot_browser2
    exit
fi

robot_lab
MOTORS='"event":"motors"'
FORWARD='"event":"motors","state":"forward"'
STOPPED='"event":"motors","state":"stopped"'

# The other origin: openssl s_server -WWW serving pages/cross_origin.html.
mkdir www
cp "$BROWSER_DIR/pages/cross_origin.html" www/
cd www || exit 1
start_openssl_server ../other 120 -WWW -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256 \
    -cert ../web.crt -key ../web.key
OTHER_PID=$SERVER_PID OTHER=$PORT
cd "$WORK" || exit 1

# 1. A stranger cannot move the robot: keys, the mouse, a forged "go".
drive stranger "$HOME_NONE" <<EOF
open $URL 1280x800
waittext #banner "Watching only" 10000
hold w 500
mousedown #forward
wait 500
mouseup #forward
text #banner
eval "window.errors = []; ws.addEventListener('message', (e) => { const m = JSON.parse(e.data); if (m.type === 'error') window.errors.push(m.text); })"
eval "ws.send('go forward 50')"
wait 500
eval window.errors
text #doing
EOF
expect_driven stranger
grep -q "^Watching only" stranger.out && pass ||
    fail "a stranger's page does not say it is watching: $(head -n 1 stranger.out)"
# the robot's answer to the go, an error the page shows until the next
# status (line 4: the errors the page got meanwhile)
case "$(sed -n 4p stranger.out)" in
    '["watching only: drive with a lab certificate'*) pass ;;
    *) fail "a stranger's go was not answered watching only: $(sed -n 4p stranger.out)" ;;
esac
tried_at=$(step_time stranger.log "hold w 500")
done_at=$(step_time stranger.log "text '#doing'")
none_between "a stranger's W, Forward and go: no motion" "$tried_at" "$done_at" "$MOTORS"
none_between "a stranger's W, Forward and go: no command" "$tried_at" "$done_at" '"event":"command"'

# 2. The lab certificate: the console hidden while W is held; then the
# browser frozen while W is held; then a page of another origin.
drive_with_cert hidden <<EOF
open $URL 1280x800
waittext #banner "You may drive" 10000
eval "window.hiddenAt = null; window.addEventListener('visibilitychange', () => { if (document.hidden && hiddenAt === null) hiddenAt = performance.now(); }, true); performance.now()"
keydown w
wait 500
newtab about:blank
wait 700
tab 1
eval window.hiddenAt
keyup w
wait 300
keydown w
wait 500
freeze 1500
wait 1000
keyup w
wait 300
open https://localhost:$OTHER/cross_origin.html#$WEB
wait 1500
text #result
EOF
expect_driven hidden
down_at=$(step_time hidden.log "keydown w")
moving=$(event_time "${down_at:-0}" "$FORWARD")
within "W held: forward" "$down_at" "$moving" 300
# When the console was hidden: the moment the page saw visibilitychange
# (a listener on the window's capture phase, so before the page's own on
# the document), on its performance.now() (monotonic, as CLOCK_MONOTONIC),
# put on the driver's clock by the eval that read performance.now() as it
# began (a loaded machine takes a while to bring the new tab in front);
# never before the newtab step.
newtab_at=$(step_time hidden.log "newtab about:blank")
hidden_at=$(awk -v logged="$(sed -n "s/^\([0-9]*\) .* eval 'window.hiddenAt = null.*/\1/p" hidden.log)" \
    -v then="$(sed -n 1p hidden.out)" -v hidden="$(sed -n 2p hidden.out)" \
    'BEGIN { if (logged != "" && then + 0 > 0 && hidden + 0 > 0) printf "%d\n", logged + hidden - then }')
[ -n "$hidden_at" ] && [ -n "$newtab_at" ] && [ "$hidden_at" -lt "$newtab_at" ] && hidden_at=$newtab_at
[ -n "${SHOW_TIMES:-}" ] && echo "  console hidden: newtab at ${newtab_at:-?}, hidden at ${hidden_at:-?}"
stopped=$(event_time "${newtab_at:-0}" "$STOPPED")
within "console hidden: stopped" "$hidden_at" "$stopped" 500
# and the page's own stop (visibilitychange) within the same time: the
# silence limit may stop the robot first (a hidden tab's heartbeats slow
# down at once), but a page without the handler says stop only when the
# key comes up, after the tab is back in front
page_stop=$(event_time "${newtab_at:-0}" '"event":"command","key":"s"')
within "console hidden: the page's stop" "$hidden_at" "$page_stop" 500

again_at=$(step_time hidden.log "keydown w" "${newtab_at:-0}")
moving=$(event_time "${again_at:-0}" "$FORWARD")
within "W held again: forward" "$again_at" "$moving" 300
freeze_at=$(step_time hidden.log "freeze 1500")
silent=$(event_time "${freeze_at:-0}" '"event":"silent"')
stopped=$(event_time "${silent:-${freeze_at:-0}}" "$STOPPED")
within "browser frozen: silent" "$freeze_at" "$silent" 500
within "browser frozen: stopped" "$freeze_at" "$stopped" 500
keyup_at=$(step_time hidden.log "keyup w" "${freeze_at:-0}")
none_between "after the freeze: no motion without a key pressed" \
    "${stopped:-}" "${keyup_at:-}" "$FORWARD"

cross_at=$(step_time hidden.log "open 'https://localhost:$OTHER/cross_origin.html#$WEB'")
result=$(tail -n 1 hidden.out)
case "$result" in
    *" open"*) fail "cross-origin page: its WebSocket opened: $result" ;;
    *error*"closed 1006"*) pass ;;
    *) fail "cross-origin page: the socket did not fail: $result" ;;
esac
refused=$(event_time "${cross_at:-0}" \
    "\"event\":\"refused\".*\"reason\":\"cross-origin WebSocket\",\"origin\":\"https://localhost:$OTHER\"")
within "cross-origin WebSocket: refused" "$cross_at" "$refused" 3000
none_between "cross-origin page: no motion" "$cross_at" "$(step_time hidden.log "text '#result'")" "$MOTORS"

# 3. Two browsers. The second, without an identity, is started first and
# watches; once it waits for the robot to move, the first, with the
# certificate, drives 1 s and keeps the robot 4 s more, while the second
# pairs, is told busy and holds W; when the first is gone, the second
# drives. (The second waits on its page, so no browser's start-up time is
# guessed.)
cat >second.steps <<EOF
open $URL 1280x800
waittext #banner "Watching only" 10000
text #s0
waittext #doing "Moving forward" 30000
waittext #doing "Stopped" 3000
text #s0
eval "document.getElementById('code').value = '$CODE'"
mousedown #pair
mouseup #pair
wait 500
text #banner
hold w 500
wait 300
waittext #banner "You may drive" 20000
hold w 500
wait 300
text #doing
EOF
(drive second "$HOME_NONE" <second.steps; echo "$DRIVE_STATUS" >second.status) &
SECOND_PID=$!
i=0
until grep -q "waittext '#doing' 'Moving forward'" second.log 2>/dev/null ||
    ! kill -0 "$SECOND_PID" 2>/dev/null || [ $i -ge 300 ]; do
    sleep 0.1
    i=$((i + 1))
done
drive_with_cert first <<EOF
open $URL 1280x800
waittext #banner "You may drive" 10000
hold w 1000
wait 4000
EOF
expect_driven first
wait "$SECOND_PID"
expect_eq "second browser: drive.py's exit status ($(tail -n 1 second.err))" 0 "$(cat second.status)"
ticks_before=$(sed -n 1p second.out)
ticks_after=$(sed -n 2p second.out)
if [ -n "$ticks_after" ] && [ "$ticks_after" -gt "${ticks_before:-0}" ] 2>/dev/null; then pass; else
    fail "the watching browser's counters did not move: '${ticks_before}' then '${ticks_after}'"
fi
grep -q "^Busy: CN=student-1 is driving" second.out && pass ||
    fail "the second browser was not told busy: $(sed -n 4p second.out)"
busy_at=$(step_time second.log "hold w 500")
refused=$(event_time "${busy_at:-0}" \
    '"event":"refused","peer":"browser [^"]* [(]pairing code[)]".*"reason":"busy: another controller is connected"')
within "second browser's W: refused, busy" "$busy_at" "$refused" 500
none_between "second browser's W while busy: no motion" "$busy_at" \
    "$(step_time second.log "wait 300" "${busy_at:-0}")" "$MOTORS"
first_gone=$(event_time "${busy_at:-0}" '"event":"link_lost","peer":"CN=student-1"')
took_at=$(step_time second.log "hold w 500" "$((${busy_at:-0} + 1))")
if [ -n "$took_at" ] && [ -n "$first_gone" ] && [ "$took_at" -gt "$first_gone" ]; then pass; else
    fail "the second browser's drive was not after the first had gone (${took_at:-?}, ${first_gone:-?})"
fi
connected=$(event_time "${took_at:-0}" '"event":"connected","peer":"browser [^"]* [(]pairing code[)]"')
moving=$(event_time "${took_at:-0}" "$FORWARD")
within "the first gone, the second takes the robot" "$took_at" "$connected" 300
within "the first gone, the second's W: forward" "$took_at" "$moving" 300
grep -q "^Stopped" second.out && pass || fail "the second's page does not say Stopped at the end"

kill "$OTHER_PID" 2>/dev/null
wait "$OTHER_PID" 2>/dev/null
stop_robot
finish robot_browser2
