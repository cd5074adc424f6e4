#!/bin/sh
# build/slides as a class runs it: every example at once, each alone, each
# with --step fed by `yes ''` (which must not hang), and the keysize chart
# as a well-formed SVG holding its measured points.
. "$(dirname "$0")/lib.sh"

SLIDES=${SLIDES:-$(dirname "$SEETLS")/slides}
if [ ! -x "$SLIDES" ]; then
    fail "no slides program at $SLIDES"
    finish slides
    exit 1
fi

# all: exit 0, and exactly the two known errata (three lines: the pair
# (m, c) repeats the wrong c); the PS size is a note.
"$SLIDES" --max-seconds 0.2 --svg "$WORK/all.svg" all >"$WORK/all.out" 2>&1
expect_eq "slides all exits 0" 0 $?
expect_eq "slides all: errata" 3 "$(grep -c '^ERRATUM' "$WORK/all.out")"
expect_eq "the PS size is a note, not an erratum" 0 "$(grep -c '^ERRATUM bits of PS' "$WORK/all.out")"
expect_eq "slides all: no failure" 0 "$(grep -c '^FAILED' "$WORK/all.out")"
expect_eq "erratum 3^23 mod 15" 1 \
    "$(grep -c '^ERRATUM c = 3^23 mod 15: the slide says 2, computed 12$' "$WORK/all.out")"
expect_eq "erratum 2^7 mod 15" 1 \
    "$(grep -c "^ERRATUM m' = 2^7 mod 15: the slide says 3, computed 8$" "$WORK/all.out")"
expect_eq "PS bits: a note" 1 \
    "$(grep -c "^    NOTE PS is 48 bytes = 384 bits in all: the slide's 368 bits are its random part$" "$WORK/all.out")"

for name in $("$SLIDES" list | cut -d' ' -f1); do
    "$SLIDES" --max-seconds 0.1 --svg "$WORK/$name.svg" "$name" \
        >"$WORK/$name.out" 2>&1
    expect_eq "slides $name exits 0" 0 $?
    expect_eq "slides $name ran" 1 "$(grep -c "^-- $name: " "$WORK/$name.out")"
    # --step with a pipe for stdin: no pause, the same checks.
    yes '' | timeout 60 "$SLIDES" --step --max-seconds 0.1 \
        --svg "$WORK/$name-step.svg" "$name" >"$WORK/$name.step" 2>&1
    expect_eq "slides --step $name exits 0" 0 $?
    expect_eq "slides --step $name: same checks" \
        "$(grep -c '^  checked' "$WORK/$name.out")" \
        "$(grep -c '^  checked' "$WORK/$name.step")"
done

# The chart: well-formed, one circle per measured row.
expect_status "keysize svg is well-formed" 0 xmllint --noout "$WORK/keysize.svg"
rows=$(grep -cE '^ +[0-9]+ bits  (factor N|discrete log) +[0-9.e+-]+ s ' "$WORK/keysize.out")
points=$(grep -c 'class="measured"' "$WORK/keysize.svg")
expect_eq "keysize: a point per measured row" "$rows" "$points"

# Started from another folder, without --svg: the chart goes beside the
# program (it went to ./build/keysize.svg, which is nowhere there).
mkdir -p "$WORK/bin" "$WORK/elsewhere"
cp "$SLIDES" "$WORK/bin/slides"
(cd "$WORK/elsewhere" && "$WORK/bin/slides" --max-seconds 0.05 keysize >../elsewhere.out 2>&1)
expect_eq "keysize from another folder exits 0" 0 $?
[ -s "$WORK/bin/keysize.svg" ] && pass || fail "no chart beside the program: $(tail -2 "$WORK/elsewhere.out")"

# Bad usage: a clear message and a non-zero exit, never a crash.
expect_status "unknown example" 2 "$SLIDES" nosuch
expect_status "bad --max-seconds" 2 "$SLIDES" --max-seconds -1 keysize
expect_status "no arguments" 2 "$SLIDES"
expect_status "--help" 0 "$SLIDES" --help
expect_status "unwritable --svg" 1 "$SLIDES" --max-seconds 0.05 \
    --svg /nonexistent/dir/k.svg keysize

finish slides
