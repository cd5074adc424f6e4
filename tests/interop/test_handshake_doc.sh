#!/bin/sh
# docs/HANDSHAKE.md shows what the code does, in the order it does it.
#
# 1. Each run on the page (between "<!-- begin run: COMMAND -->" and
#    "<!-- end run -->") is what COMMAND prints, line for line: the two
#    sides of demo-handshake run in lockstep (memory_pipe_lockstep), so
#    their lines come in one order, the same on every run.
# 2. The messages demo-handshake draws as arrows, in the order it draws
#    them, are the page's sequence for that handshake (printed from the
#    state table, which test_handshake_table keeps equal to the page).
. "$(dirname "$0")/lib.sh"
: "${BUILD_DIR:?BUILD_DIR must name the build folder}"
DOC="$(dirname "$0")/../../docs/HANDSHAKE.md"

# ------------------------------------------------------- 1. the runs ---
grep '^<!-- begin run: ' "$DOC" | sed 's/^<!-- begin run: //; s/ -->$//' >"$WORK/commands"
[ -s "$WORK/commands" ] && pass || fail "no run found in docs/HANDSHAKE.md"
n=0
while IFS= read -r command; do
    n=$((n + 1))
    # the block of this run, without its markers and the ``` fences
    awk -v want="<!-- begin run: $command -->" '
        $0 == want { inside = 1; next }
        inside && /^<!-- end run -->/ { exit }
        inside && !/^```/ { print }' "$DOC" >"$WORK/doc.$n"
    case "$command" in
    build/demo-handshake\ *) ;;
    *) fail "run $n: only build/demo-handshake runs are checked, not: $command"; continue ;;
    esac
    # shellcheck disable=SC2086 # the command's words, as the page gives them
    "$BUILD_DIR"/${command#build/} >"$WORK/run.$n" 2>&1
    expect_eq "run $n exits 0: $command" 0 $?
    expect_same_file "run $n is on the page as the code prints it: $command" \
        "$WORK/doc.$n" "$WORK/run.$n"
done <"$WORK/commands"

# ------------------------------------------- 2. the order of messages ---
# the page's sequence TITLE, as "Client -> Server: Name" lines
sequence() { # TITLE
    awk -v want="$1" '
        $0 == want { inside = 1; next }
        inside && /^```/ { exit }
        inside { print }' "$DOC"
}
# the handshake messages demo-handshake drew, in the same form
arrows() { # OPTIONS...
    "$BUILD_DIR/demo-handshake" --seed handshake-doc "$@" 2>&1 | awk '
        /^  B \|-+ [A-Za-z_]+ -+>\| S$/ { name = $3; dir = "Client -> Server: " }
        /^  B \|<-+ [A-Za-z_]+ -+\| S$/ { name = $3; dir = "Server -> Client: " }
        /^  B \|/ && name != "" {
            if (name == "CHANGE_CIPHER_SPEC") name = "ChangeCipherSpec"
            print dir name; name = "" }'
}
check_order() { # TITLE OPTIONS...
    title=$1
    shift
    sequence "$title" >"$WORK/seq.doc"
    arrows "$@" >"$WORK/seq.run"
    [ -s "$WORK/seq.doc" ] && pass || fail "docs/HANDSHAKE.md has no sequence \"$title\""
    expect_same_file "demo-handshake $* draws \"$title\" in the page's order" \
        "$WORK/seq.doc" "$WORK/seq.run"
}
check_order "RSA, no client certificate" --kx rsa
check_order "DHE, no client certificate" --kx dhe
check_order "RSA, client certificate" --kx rsa --client-cert
check_order "DHE, client certificate" --kx dhe --client-cert
check_order "ECDHE, no client certificate" --kx ecdhe
check_order "ECDHE, client certificate" --kx ecdhe --client-cert

# the arrows are the handshake's and nothing else: the data and the alerts
# that follow are drawn too, after the last Finished
"$BUILD_DIR/demo-handshake" --seed handshake-doc >"$WORK/all" 2>&1
for line in '  B |---- "forward 10 cm" -' '  B |<---- "ok: moving forward 10 cm" -' \
    '  B |<---- close_notify alert -' '  B |---- close_notify alert -'; do
    grep -qF -- "$line" "$WORK/all" && pass || fail "no arrow: $line"
done

finish handshake-doc
