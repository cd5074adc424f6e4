#!/bin/sh
# test_help_documented.sh: what the programs say they take is written down
# for a reader, and docs/testing.md lists every test input (issue 15,
# items 2 and 6). A check on the programs' --help and on the tree:
#  - every program of the build (seetls and each of its commands, the
#    robot's programs, eve, the demos, slides) is run with --help; each
#    long option it prints (--name) must appear in README.md or a
#    docs/*.md page that names the program ("alex-server", "seetls dgst"),
#    as itself (--name, not a longer option it begins);
#  - each environment variable a program reads (getenv("NAME") in cli/,
#    robot/, demos/, slides_examples/) must appear there too;
#  - each file and folder of vectors/ has its row in docs/testing.md
#    ("| `NAME` |", a folder as `NAME/`), and so does each
#    tests/interop/test_*.sh.
# Each failure names the program and option, the variable, or the file.
# The options are taken from --help as it is at the time, whatever they
# are called then.
. "$(dirname "$0")/lib.sh"
: "${BUILD_DIR:?BUILD_DIR must name the build folder}"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DOCS="$ROOT/README.md $ROOT/docs/*.md"

# documented TEXT [NAME]: 0 if TEXT appears, not followed by a letter,
# digit or dash (so --key is not found in --keylog), in README.md or a
# docs/*.md page; with NAME, in one that names NAME too (an option of
# alex-server in a page about alex-server, not just any --port).
documented() {
    # shellcheck disable=SC2086 # DOCS is a list of files
    for doc in $(grep -lE -- "$1([^a-zA-Z0-9_-]|\$)" $DOCS); do
        [ -z "${2:-}" ] && return 0
        grep -qF -- "$2" "$doc" && return 0
    done
    return 1
}

# check_help PROGRAM [COMMAND]: each long option of its --help documented.
check_help() {
    name="$(basename "$1")${2:+ $2}"
    if ! "$@" --help >"$WORK/help" 2>&1; then
        fail "$name --help: exit status not 0"
        return
    fi
    for opt in $(grep -oE -- '--[a-z][a-z0-9-]*[a-z0-9]' "$WORK/help" | sort -u); do
        if documented "$opt" "$name"; then pass; else
            fail "$name $opt: in its --help, in no page of README.md or docs/*.md that names $name"
        fi
    done
}

# --- every program and every seetls command: the programs make all
# builds, named from the tree as the Makefile names them (not whatever
# lies in BUILD_DIR: build/bench --help would run the benchmark)
programs="seetls slides"
for f in "$ROOT"/demos/demo-*.c; do programs="$programs $(basename "$f" .c)"; done
for f in "$ROOT"/robot/prog_*.c; do
    programs="$programs $(basename "$f" .c | sed 's/^prog_//')"
done
for p in $programs; do
    if [ -x "$BUILD_DIR/$p" ]; then check_help "$BUILD_DIR/$p"; else
        fail "$p: not built in $BUILD_DIR (make all)"
    fi
done
commands=$("$SEETLS" --help | sed -n '/^commands:/,$s/^  \([a-z0-9]*\)  .*/\1/p')
[ -n "$commands" ] || fail "seetls --help lists no commands"
for c in $commands; do
    check_help "$SEETLS" "$c"
done

# --- environment variables the programs read
for v in $(cd "$ROOT" && grep -ohE 'getenv\("[A-Z_][A-Z0-9_]*"\)' \
               cli/*.c robot/*.c demos/*.c slides_examples/*.c 2>/dev/null |
           sed 's/getenv("\(.*\)")/\1/' | sort -u); do
    if documented "$v"; then pass; else
        fail "environment variable $v: read by a program, nowhere in README.md or docs/*.md"
    fi
done

# --- docs/testing.md has a row for each vector file and interop script
row() {
    if grep -qF "| \`$1\` |" "$ROOT/docs/testing.md"; then pass; else
        fail "$2 $1: no row in docs/testing.md (| \`$1\` | ... |)"
    fi
}
for f in "$ROOT"/vectors/*; do
    name=$(basename "$f")
    [ -d "$f" ] && name="$name/"
    row "$name" "vector file"
done
for f in "$ROOT"/tests/interop/test_*.sh; do
    row "$(basename "$f")" "interop script"
done

finish help_documented
