#!/bin/sh
# docs/HANDSHAKE.md's worked example is what the code prints: each side's
# lines (B's and S's, which two threads print interleaved) in order.
. "$(dirname "$0")/lib.sh"
: "${BUILD_DIR:?BUILD_DIR must name the build folder}"
DOC="$(dirname "$0")/../../docs/HANDSHAKE.md"

sed -n '/^<!-- begin run/,/^<!-- end run/p' "$DOC" | sed '1,2d;$d' | sed '$d' >"$WORK/doc"
"$BUILD_DIR/demo-handshake" --suite rsa --seed handshake-doc >"$WORK/run" 2>&1
expect_eq "the example's command exits 0" 0 $?

# one side's lines: its own lines and the explanation line under each
side() { # FILE INDENT-PATTERN
    awk -v pat="$2" '$0 ~ pat { keep = 1; print; next } keep && /^ +[a-z(]/ { print; keep = 0; next } { keep = 0 }' "$1"
}
side "$WORK/doc" '^B:' >"$WORK/doc.b"
side "$WORK/run" '^B:' >"$WORK/run.b"
side "$WORK/doc" '^ +S:' >"$WORK/doc.s"
side "$WORK/run" '^ +S:' >"$WORK/run.s"
[ -s "$WORK/doc.b" ] && [ -s "$WORK/doc.s" ] && pass || fail "no example found in docs/HANDSHAKE.md"
expect_same_file "B's lines match the code" "$WORK/doc.b" "$WORK/run.b"
expect_same_file "S's lines match the code" "$WORK/doc.s" "$WORK/run.s"
for name in RB RS PS "MASTER SECRET" I_B I_S C_B C_S "FINISHED MAC" SEQ; do
    grep -q "  $name " "$WORK/doc" && pass || fail "the example shows no $name"
done

finish handshake-doc
