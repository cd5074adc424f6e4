#!/bin/sh
# browser_round_trip.sh [BUILD_DIR] [COMMANDS]: the web console's command
# round trip timed inside a real browser, the strictest reading of the
# issue's "browser-side": build/bench runs it after its own client's rows
# (bench_robot_web.c), and it prints one row as they do.
#
# alex-server --sim --web 0 with a localhost certificate from a fresh
# `seetls ca` lab, whose CA the browser trusts through an NSS database
# (as tests/interop/test_robot_browser.sh does); headless Chromium
# (tests/interop/browser/drive.py) opens the console page, and in the
# page's origin (so the robot's Origin check passes) a script opens its
# own WebSocket, pairs with the code alex-server printed at start-up,
# and sends "go forward 50" and "stop" in turn, COMMANDS of them (1000
# by default), each timed with performance.now() from ws.send to the
# status message showing the change ("doing":"forward", "stopped"). A
# go-stop pair as long as the web silence limit (300 ms) fails the row,
# as in bench_robot_web.c: the fail-safe could have sent that "stopped".
#
# Without chromium, certutil (libnss3-tools) or python3 the row says
# "skipped" and why; make test-interop installs them
# (scripts/deps-browser.sh).
set -u
build=${1:-build}
commands=${2:-1000}
label="browser (headless Chromium)"
row() { printf '  %-28s %s\n' "$label" "$*"; }

for tool in chromium certutil python3; do
    if ! command -v "$tool" >/dev/null 2>&1 &&
        ! { [ "$tool" = chromium ] && command -v chromium-browser >/dev/null 2>&1; }; then
        row "skipped: no $tool"
        exit 0
    fi
done
here=$(cd "$(dirname "$0")" && pwd)
drive="$here/../tests/interop/browser/drive.py"

work=$(mktemp -d)
server=
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

# the lab: a CA, the robot's certificate for localhost (the one name the
# driver lets the browser resolve), the CA trusted by the browser
"$build/seetls" ca init --dir "$work/lab" --name "Bench Lab CA" >/dev/null 2>&1 &&
    "$build/seetls" ca issue --dir "$work/lab" --name localhost --server \
        --out-key "$work/web.key" --out-cert "$work/web.crt" \
        --dns localhost --ip 127.0.0.1 >/dev/null 2>&1 &&
    mkdir -p "$work/home/.pki/nssdb" &&
    certutil -N -d "sql:$work/home/.pki/nssdb" --empty-password >/dev/null 2>&1 &&
    certutil -A -d "sql:$work/home/.pki/nssdb" -n bench-ca -t "C,," \
        -i "$work/lab/ca.pem" >/dev/null 2>&1 ||
    { row "the lab's certificates could not be made: FAIL"; exit 0; }

"$build/alex-server" --sim --port 0 --web 0 --quiet --cert "$work/web.crt" \
    --key "$work/web.key" --ca "$work/lab/ca.pem" </dev/null 2>"$work/server.err" &
server=$!
web= code=
for _ in $(seq 100); do
    web=$(sed -n 's/.*web console on port \([0-9][0-9]*\).*/\1/p' "$work/server.err")
    code=$(sed -n 's/.*pairing code \([0-9]\{6\}\)$/\1/p' "$work/server.err")
    [ -n "$web" ] && [ -n "$code" ] && break
    sleep 0.1
done
[ -n "$web" ] && [ -n "$code" ] ||
    { row "alex-server did not start ($(tail -n 1 "$work/server.err")): FAIL"; exit 0; }

# The page's side: one line (a step is a line), no single quote (the
# step's words are split as a shell splits them).
tr '\n' ' ' >"$work/round_trip.js" <<EOF
(async () => {
  const N = $commands;
  const ws = new WebSocket("wss://" + location.host + "/ws");
  let wanted = null;
  const until = (test) => new Promise((resolve, reject) => {
    wanted = { test, resolve, reject };
  });
  ws.onmessage = (e) => {
    const m = JSON.parse(e.data);
    if (!wanted) return;
    if (m.type === "error") wanted.reject(new Error(m.text));
    else if (m.type === "status" && wanted.test(m)) wanted.resolve();
  };
  ws.onclose = () => { if (wanted) wanted.reject(new Error("the WebSocket closed")); };
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = () => reject(new Error("no WebSocket"));
  });
  let answer = until((m) => m.may_drive);
  ws.send("pair $code");
  await answer;
  const ms = [];
  let stalled = 0, goSent = 0;
  for (let i = 0; i < N; i++) {
    const go = i % 2 === 0, doing = go ? "forward" : "stopped";
    answer = until((m) => m.doing === doing);
    const t0 = performance.now();
    ws.send(go ? "go forward 50" : "stop");
    await answer;
    const t1 = performance.now();
    ms.push(t1 - t0);
    if (go) goSent = t0;
    else if (t1 - goSent >= 300) stalled++;
  }
  wanted = null;
  ws.send("release");
  ws.close();
  ms.sort((a, b) => a - b);
  const at = (q) => ms[Math.floor(N * q)].toFixed(3);
  return [N, at(0.5), at(0.99), ms[N - 1].toFixed(3), stalled].join(" ");
})()
EOF

printf 'open https://localhost:%s/\nwaittext #banner Watching 10000\neval %s\n' \
    "$web" "'$(cat "$work/round_trip.js")'" >"$work/steps"
timeout 300 python3 "$drive" --home "$work/home" --log "$work/drive.log" "$work/steps" \
    >"$work/out" 2>"$work/err"
status=$?
result=$(tr -d '"' <"$work/out" | tail -n 1)
if [ "$status" -ne 0 ] || [ -z "$result" ]; then
    row "the browser's run failed (drive.py exit $status: $(tail -n 1 "$work/err")): FAIL"
    exit 0
fi
set -- $result
verdict=$(awk -v p99="$3" -v stalled="$5" 'BEGIN { print (p99 < 5 && stalled == 0) ? "PASS" : "FAIL" }')
row "$1 commands: p50 $2 ms, p99 $3 ms, max $4 ms   target p99 < 5.0 ms: $verdict"
[ "$5" -eq 0 ] ||
    echo "  $5 go-stop pairs took 300 ms or more: the robot's fail-safe may have answered for us"
exit 0
