# lib-robot.sh: sourced by the web console's browser tests
# (test_robot_browser.sh, test_robot_browser2.sh) after lib.sh,
# scripts/lib-deps.sh and lib-browser.sh, in WORK: the lab a browser drives
# the simulated robot in, and the times compared (the driver's log and the
# robot's events are both on CLOCK_MONOTONIC, in ms).

# robot_lab: the lab's CA ("Alex Lab CA", lab/), the robot's web
# certificate for localhost (web.crt, web.key: the browser may resolve
# localhost only, drive.py's resolver rules), a student's identity made by
# seetls ca issue --client --out-p12 (student.p12, CN=student-1, password
# "lab password"); two homes trusting the CA, HOME_CERT holding the
# identity, HOME_NONE none; then alex-server --web 0 on a simulated Alex:
# its events in EVENTS, SERVER_PID, the web port in WEB, the pairing code
# in CODE, the page's address in URL.
robot_lab() {
    make_alex_certs
    make_cert lab localhost server web --dns localhost --ip 127.0.0.1
    echo "lab password" >pw
    "$SEETLS" ca issue --dir lab --name student-1 --client \
        --out-p12 student.p12 --password-file pw >/dev/null 2>&1 ||
        fail "seetls ca issue --out-p12 failed"
    HOME_CERT="$WORK/home" HOME_NONE="$WORK/home2"
    trusting_home "$HOME_CERT" lab/ca.pem
    home_with_identity "$HOME_CERT" student.p12 "lab password"
    trusting_home "$HOME_NONE" lab/ca.pem
    EVENTS="$WORK/events.jsonl"
    start_alex_server server "$EVENTS" --cert web.crt --key web.key --ca lab/ca.pem --web 0
    WEB=$(sed -n 's/.*web console on port \([0-9][0-9]*\).*/\1/p' server.err)
    CODE=$(sed -n 's/.*pairing code \([0-9]\{6\}\)$/\1/p' server.err)
    URL="https://localhost:$WEB/"
}

# stop_robot: alex-server stopped (robot_lab's)
stop_robot() {
    kill "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
}

# drive_with_cert NAME: lib-browser.sh's drive, in HOME_CERT, presenting
# the student's certificate to localhost without asking (drive.py's
# --client-cert-for)
drive_with_cert() {
    drive "$1" "$HOME_CERT" --client-cert-for "https://localhost:*" \
        --client-cert-issuer "Alex Lab CA"
}

# step_time LOG STEP [AFTER]: the CLOCK_MONOTONIC ms at which the first
# step STEP (as the log writes it) began, at or after AFTER
step_time() {
    awk -v after="${3:-0}" -v step="$2" '
        { t = $1; rest = $0; sub(/^[0-9]+ +[0-9.]+ /, "", rest)
          if (rest == step && t + 0 >= after + 0) { print t; exit } }' "$1"
}

# events_between FROM TO PATTERN: the events from FROM to TO (t_ms, both
# included) whose line matches PATTERN
events_between() {
    awk -v from="$1" -v to="$2" -v pat="$3" '
        $0 ~ pat { t = $0; sub(/^\{"t_ms":/, "", t); sub(/,.*/, "", t)
                   if (t + 0 >= from + 0 && t + 0 <= to + 0) print }' "$EVENTS"
}

# event_time AFTER PATTERN: the t_ms of the first event at or after AFTER
# whose line matches PATTERN, or nothing
event_time() {
    events_between "$1" 999999999999999 "$2" | head -n 1 | sed 's/^{"t_ms":\([0-9]*\),.*/\1/'
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

# none_between LABEL FROM TO PATTERN: no event from FROM to TO matches
# PATTERN (and both times are known, FROM not after TO)
none_between() {
    [ -n "${SHOW_TIMES:-}" ] && echo "  $1: none in $2 .. $3"
    if [ -z "$2" ] || [ -z "$3" ] || [ "$2" -gt "$3" ]; then
        fail "$1: no such window (${2:-?} .. ${3:-?})"
        return
    fi
    none_seen=$(events_between "$2" "$3" "$4")
    [ -z "$none_seen" ] && pass || fail "$1: $(echo "$none_seen" | head -n 2)"
}
