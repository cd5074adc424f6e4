#!/bin/sh
# test_readme_commands.sh: README.md's commands run as written (issue 15).
#
# Which lines are commands. Every line of README.md's code blocks (``` fences
# and blocks indented by four spaces) is one of:
#  - a command with its output: "$ COMMAND", the lines after it up to a
#    blank line, the next "$ " or the block's end being all it prints to
#    standard output, compared exactly (none: it prints nothing);
#  - a command: a line that starts with build/ (the programs as README
#    tells a user to call them, from the top of the repository after make);
#  - skipped, and listed with its reason:
#      build step  make, cc or sudo: the build itself, which make test has
#                  just done (make demo and make test would run for minutes)
#      synopsis    a line with a placeholder, outside quotes: [ ], ( ), ...,
#                  a | with no space around it (--encrypt|--decrypt), or a
#                  word in capitals (FILE, HEX, N, PS); or one followed by a
#                  deeper-indented line that continues it
#      network     it serves or connects: seetls server or client,
#                  alex-server, alex-client, eve, --listen, --connect
#  - anything else (a synopsis's continuation, the output of a command
#    without "$ ") is not a command.
# Each command runs with sh -c, as written, in a folder of its own in which
# build/ is the build being tested (BUILD_DIR), standard input empty; files
# it writes stay there, and later commands see them, in README's order.
# A command that exits non-zero, takes over 60 s, or prints other than its
# "$ " output fails, naming its line. Every skipped line is printed.
. "$(dirname "$0")/lib.sh"
: "${BUILD_DIR:?BUILD_DIR must name the build folder}"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
README=${README:-$ROOT/README.md}

# Each line of README's code blocks as LINE<TAB>DEPTH<TAB>TEXT, TEXT
# without the block's own indent and DEPTH the spaces still before it; a
# blank line inside a block as LINE<TAB>-<TAB>; a block's end as
# LINE<TAB>end<TAB>.
blocks() {
    awk '
        /^```/ { if (fenced) print NR "\tend\t"; fenced = !fenced; next }
        fenced { print NR "\t" lead($0) "\t" $0; next }
        /^    / { indented = 1; print NR "\t" lead($0) - 4 "\t" substr($0, 5); next }
        /^$/ && indented { print NR "\t-\t"; next }
        indented { indented = 0; print NR "\tend\t" }
        END { if (indented) print NR "\tend\t" }
        function lead(s) { match(s, /^ */); return RLENGTH }
    ' "$1"
}

# Classify each line of the blocks: LINE<TAB>KIND<TAB>TEXT, KIND being
# check (a "$ " command, its output compared), run (a command whose
# output README does not show), output (the expected output of the
# "check" before it), skip:REASON.
classify() {
    awk -F '\t' '
        function unquoted(s) { gsub(/"[^"]*"|\047[^\047]*\047/, "", s); return s }
        function synopsis(s,    t, n, i, w) {
            t = unquoted(s)
            sub(/(^| )#.*/, "", t)      # a comment says what, in words
            if (t ~ /[][()]|\.\.\.|[^ ]\||\|[^ ]/) return 1
            n = split(t, w, / +/)
            for (i = 1; i <= n; i++)
                if (w[i] ~ /^[A-Z][A-Z0-9_]*$/) return 1
            return 0
        }
        function network(s) {
            return s ~ /seetls (server|client)( |$)|alex-server|alex-client|(^|[ \/])eve( |$)|--listen|--connect/
        }
        function flush() {
            if (pending == "") return
            if (pending_deeper) print pending_line "\tskip:synopsis\t" pending
            else if (pending_prompt) print pending_line "\tcheck\t" pending
            else if (synopsis(pending)) print pending_line "\tskip:synopsis\t" pending
            else if (network(pending)) print pending_line "\tskip:network\t" pending
            else print pending_line "\trun\t" pending
            for (i = 1; i <= outs; i++) print out_line[i] "\toutput\t" out_text[i]
            pending = ""; outs = 0
        }
        $2 == "end" || $2 == "-" { in_output = 0; flush(); next }
        {
            raw = $3
            text = raw; sub(/^ +/, "", text)
            if (pending != "" && $2 > pending_depth && !in_output) { pending_deeper = 1; next }
            if (text ~ /^\$ /) {
                flush(); text = substr(text, 3)
                pending = text; pending_line = $1; pending_depth = $2
                pending_deeper = 0; pending_prompt = 1; in_output = 1
                if (network(text)) { pending_prompt = 0 }
                next
            }
            if (in_output) { outs++; out_line[outs] = $1; out_text[outs] = raw; next }
            flush()
            if (text ~ /^(make|cc|sudo)( |$)/) { print $1 "\tskip:build step\t" text; next }
            if (text ~ /^build\//) {
                pending = text; pending_line = $1; pending_depth = $2
                pending_deeper = 0; pending_prompt = 0
            }
        }
        END { flush() }
    '
}

blocks "$README" | classify >"$WORK/lines"

RUN="$WORK/run"
mkdir -p "$RUN"
ln -s "$BUILD_DIR" "$RUN/build"
ran=0
while IFS="$(printf '\t')" read -r line kind text; do
    case $kind in
    run|check)
        ran=$((ran + 1))
        : >"$WORK/expected"
        awk -F '\t' -v l="$line" '
            $1 == l { on = 1; next }
            on && $2 == "output" { print $3; next }
            { on = 0 }' "$WORK/lines" >"$WORK/expected"
        (cd "$RUN" && timeout 60 sh -c "$text" </dev/null >"$WORK/out" 2>"$WORK/err")
        status=$?
        if [ $status -ne 0 ]; then
            fail "README.md:$line: exit $status: $text ($(head -c 300 "$WORK/err"))"
        elif [ "$kind" = check ] && ! cmp -s "$WORK/expected" "$WORK/out"; then
            fail "README.md:$line: printed other than README shows: $text
$(diff "$WORK/expected" "$WORK/out" | head -20)"
        else
            pass
        fi
        ;;
    skip:*)
        echo "  skipped README.md:$line (${kind#skip:}): $text"
        ;;
    esac
done <"$WORK/lines"
expect_eq "README.md has commands that run" yes "$([ $ran -ge 5 ] && echo yes)"

finish readme_commands
