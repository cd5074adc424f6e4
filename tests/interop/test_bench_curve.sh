#!/bin/sh
# test_bench_curve.sh: the benchmark's throughput curve in miniature
# (build/bench --only curve 0.2: each point 0.4 s, about 25 s in all):
# seetls server and openssl s_server started, loaded by 1 to 64 clients,
# every figure above zero with no failure, the SVG chart well-formed with
# its four lines of five points, and afterwards neither server running nor
# the run's folder left. The bench runs from WORK (links to build/bench
# and build/seetls), so that its chart lands there, not in the build.
. "$(dirname "$0")/lib.sh"
: "${BUILD_DIR:?BUILD_DIR must name the build folder}"
cd "$WORK" || exit 1
ln -s "$BUILD_DIR/bench" bench
ln -s "$SEETLS" seetls

"$WORK/bench" --only curve 0.2 >out.txt 2>err.txt
expect_eq "bench --only curve exit status" 0 $?
grep -q "^  chart: $WORK/bench-curve.svg\$" out.txt && pass ||
    fail "no chart line for $WORK/bench-curve.svg: $(tail -n 3 out.txt)"
grep -q "FAIL\|failed\|stopped\|skipped" out.txt &&
    fail "a failure in the section: $(grep "FAIL\|failed\|stopped\|skipped" out.txt | head -n 3)"

# Ten rows (handshakes and records, 1 to 64 clients), each with our figure
# and s_server's above zero.
rows=$(grep -cE "^  (handshakes|records 16 KiB), [0-9]+ clients? " out.txt)
expect_eq "rows of figures" 10 "$rows"
zero=$(sed -nE 's/^  (handshakes|records 16 KiB), ([0-9]+) clients? +([0-9.]+) +[^ ]+ +s_server +([0-9.]+) .*/\2 \3 \4/p' out.txt |
    awk '!($2 > 0 && $3 > 0) { print "N=" $1 ": " $2 " and " $3 }')
expect_eq "figures above zero" "" "$zero"
# Under each row the servers' CPU time; in the records rows s_server
# serves one client at a time, we serve all.
cpu=$(grep -cE "^ +server CPU [0-9.]+ cores, s_server [0-9.]+" out.txt)
expect_eq "server CPU lines" 10 "$cpu"
# (In windows this short, on a loaded machine, a few of our 64 may not get
# a turn: at 64, half will do.)
served=$(awk '/^  records 16 KiB, [0-9]+ clients? / { n = $4 }
    /; clients served / { split($0, f, "clients served "); split(f[2], g, /[ ,]+/)
        ours = g[1]; theirs = g[5]
        if (theirs != 1 || ours > n || (n <= 16 && ours != n) || (n == 64 && ours < 32))
            print "N=" n ": ours " ours ", s_server " theirs }' out.txt)
expect_eq "records rows: all our clients served, one of s_server's" "" "$served"

# The chart: well-formed XML, four polylines of five points, in the order
# the panels draw them: s_server's then ours, handshakes then records.
if command -v xmllint >/dev/null 2>&1; then
    xmllint --noout bench-curve.svg 2>xml.err && pass || fail "chart not well-formed: $(head -c 300 xml.err)"
fi
python3 - bench-curve.svg >chart.txt 2>&1 <<'EOF'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
lines = root.findall("{http://www.w3.org/2000/svg}polyline")
print(len(lines), " ".join(str(len(l.get("points").split())) for l in lines))
EOF
expect_eq "chart: polylines and their points" "4 5 5 5 5" "$(cat chart.txt)"

# Nothing left: the servers (by the pids the section printed) and the
# run's folder.
pids=$(sed -n 's/^  servers: .*(pid \([0-9]*\), port [0-9]*), .*(pid \([0-9]*\), port [0-9]*); files in \(.*\)$/\1 \2/p' out.txt)
folder=$(sed -n 's/^  servers: .*; files in \(.*\)$/\1/p' out.txt)
[ -n "$pids" ] && [ -n "$folder" ] && pass || fail "no servers line: $(head -n 5 out.txt)"
for pid in $pids; do
    kill -0 "$pid" 2>/dev/null && fail "server $pid still running"
done
[ -n "$folder" ] && [ -e "$folder" ] && fail "run folder $folder left"

finish bench-curve
