#!/bin/sh
# test_doc_refs.sh: the docs point to the code, and the code is there.
#
# The convention (docs/HANDSHAKE.md says it in one line): a reference to
# the code is a backticked identifier, the word "in", and a repository
# file, backticked or bare:
#
#     Code: `tls_derive_keys` in handshake/tls.c, `prf_master_secret` in `crypto/prf.c`.
#
# A reference may wrap onto the next line. For each one, in every
# docs/*.md and README.md, this script fails, naming doc:line, when the
# file does not exist or the identifier is not DEFINED in it: a function
# definition (static or not: `name(` on the line that starts the
# definition, followed by its body, not by ';'), a #define, a struct, enum
# or typedef name, an enum constant (or an X-macro entry, as core/error.h
# lists its codes), a table or variable defined at file
# scope, a shell function (`name()`), or a Python def or class. In a header
# a prototype counts as a definition: a header's job is to declare.
#
# In docs/HANDSHAKE.md, keys.md, rsa.md, dh.md, certificates.md and
# robot.md every "## " section must hold at least one reference.
#
# Second, every backticked path that looks like a repository file or
# folder (core/..., crypto/..., handshake/..., tests/..., and the other
# top-level folders) must exist. Paths with a wildcard or a placeholder
# (test_*.c, NAME) are skipped.
#
# DOC_REFS_DOCS, when set, names the documents to read instead (the test's
# own check, below, plants a wrong name in a copy).
. "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)

# the references of one document, one per line: LINE NAME PATH. A line is
# read together with the next, so a reference that wraps is found once,
# on the line where it starts.
references() { # DOC
    awk '
    function scan(text, limit, lineno,    rest, off, m, ident, path) {
        rest = text; off = 0
        while (match(rest, /`[A-Za-z_][A-Za-z0-9_]*(\(\))?` in `?[a-z_]+\/[A-Za-z0-9_.\/-]*[A-Za-z0-9_]/)) {
            if (off + RSTART > limit) break
            m = substr(rest, RSTART, RLENGTH)
            ident = m; sub(/^`/, "", ident); sub(/(\(\))?` in .*$/, "", ident)
            path = m; sub(/^.*` in `?/, "", path)
            print lineno, ident, path
            off += RSTART + RLENGTH - 1
            rest = substr(rest, RSTART + RLENGTH)
        }
    }
    # the two lines joined as one sentence: the indentation of a wrapped
    # line (a list item'"'"'s continuation) and trailing spaces dropped
    NR > 1 {
        p = prev; sub(/[ \t]+$/, "", p)
        n = $0; sub(/^[ \t]+/, "", n)
        scan(p " " n, length(p), NR - 1)
    }
    { prev = $0 }
    END { if (NR > 0) scan(prev, length(prev), NR) }
    ' "$1"
}

# is_defined NAME FILE: whether FILE defines NAME (see the header)
is_defined() {
    awk -v name="$1" -v header="$(case "$2" in *.h) echo 1;; *) echo 0;; esac)" '
    function word_at(s, w,    re) {
        re = "(^|[^A-Za-z0-9_])" w "([^A-Za-z0-9_]|$)"
        return s ~ re
    }
    # a function: collect from the head line until the parentheses close,
    # then a ";" means a prototype, anything else (a "{" here or on the
    # next line) a definition
    pending {
        head = head " " $0
        if (balanced(head)) {
            pending = 0
            if (head !~ /\)[ \t]*;[ \t]*$/ || header) found = 1
        }
        next
    }
    $0 ~ ("^[A-Za-z_][A-Za-z0-9_ \t*]*[ \t*]" name "\\(") || $0 ~ ("^" name "\\(") {
        head = $0
        if (balanced(head)) {
            if (head !~ /\)[ \t]*;[ \t]*$/ || header) found = 1
        } else pending = 1
        next
    }
    $0 ~ ("^#[ \t]*define[ \t]+" name "([ \t(]|$)") { found = 1 }
    $0 ~ ("^(typedef[ \t]+)?(struct|enum|union)[ \t]+" name "([ \t{]|$)") { found = 1 }
    $0 ~ ("}[ \t]*" name "[ \t]*;") { found = 1 }
    $0 ~ ("^typedef[ \t].*[ \t*(]" name "[ \t)]*(\\(.*)?;") { found = 1 }
    # an enum constant, on a line of its own or among others in braces
    $0 ~ ("^[ \t]+" name "[ \t]*(=[^=]|,|$)") && in_enum { found = 1 }
    /^(typedef[ \t]+)?enum([ \t]|$)/ { in_enum = 1
        if ($0 ~ /{.*}/ && word_at($0, name)) found = 1 }
    /^}/ { in_enum = 0 }
    # an entry of an X-macro list (the codes of core/error.h)
    $0 ~ ("^[ \t]*X\\(" name "[ \t]*,") { found = 1 }
    # a table or variable at file scope
    $0 ~ ("^[A-Za-z_][A-Za-z0-9_ \t*]*[ \t*]" name "(\\[[^]]*\\])*[ \t]*(=|;)") { found = 1 }
    # shell and python
    $0 ~ ("^[ \t]*" name "[ \t]*\\(\\)") { found = 1 }
    $0 ~ ("^[ \t]*(def|class)[ \t]+" name "[ \t(:]") { found = 1 }
    function balanced(s,    t, o, c) {
        t = s; o = gsub(/\(/, "(", t); c = gsub(/\)/, ")", t)
        return o > 0 && o == c
    }
    END { exit found ? 0 : 1 }
    ' "$ROOT/$2"
}

# the backticked repository paths of one document: LINE PATH
repo_paths() { # DOC
    awk '
    {
        rest = $0
        while (match(rest, /`(api|bench|cli|codec|core|crypto|cryptanalysis|demos|docs|examples|handshake|include|pki|robot|scripts|slides_examples|tests|vectors)\/[^` ]*`/)) {
            p = substr(rest, RSTART + 1, RLENGTH - 2)
            rest = substr(rest, RSTART + RLENGTH)
            if (p ~ /[*<>{}]|NAME|\.\.\./) continue
            sub(/:[0-9]+$/, "", p)
            print NR, p
        }
    }' "$1"
}

if [ -n "${DOC_REFS_DOCS:-}" ]; then
    docs=$DOC_REFS_DOCS
else
    docs="$ROOT/README.md $(ls "$ROOT"/docs/*.md)"
fi

refs=0
for doc in $docs; do
    shown=${doc#"$ROOT"/}
    references "$doc" >"$WORK/refs"
    while read -r line ident path; do
        refs=$((refs + 1))
        if [ ! -f "$ROOT/$path" ]; then
            fail "$shown:$line: \`$ident\` in $path: no such file"
        elif is_defined "$ident" "$path"; then
            pass
        else
            fail "$shown:$line: \`$ident\` is not defined in $path"
        fi
    done <"$WORK/refs"
    repo_paths "$doc" >"$WORK/paths"
    while read -r line path; do
        if [ -e "$ROOT/$path" ]; then pass; else
            fail "$shown:$line: \`$path\`: no such file or folder"; fi
    done <"$WORK/paths"
done

# the six documents of issue 15 point to the code in every section: each
# "## " heading (with its "### " parts) is followed by at least one
# reference before the next
if [ -z "${DOC_REFS_DOCS:-}" ]; then
    for d in HANDSHAKE keys rsa dh certificates robot; do
        doc="$ROOT/docs/$d.md"
        references "$doc" | awk '{ print $1 }' >"$WORK/lines"
        awk -v doc="docs/$d.md" '
            NR == FNR { ref[$1] = 1; next }
            /^## / { if (title != "" && !found) print doc ":" start ": \"" title "\" names no function"
                     title = substr($0, 4); start = FNR; found = 0 }
            FNR in ref { found = 1 }
            END { if (title != "" && !found) print doc ":" start ": \"" title "\" names no function" }
        ' "$WORK/lines" "$doc" >"$WORK/bare"
        if [ -s "$WORK/bare" ]; then
            while read -r line; do fail "$line"; done <"$WORK/bare"
        else pass; fi
    done
    [ "$refs" -ge 30 ] && pass || fail "only $refs references in all"
fi

# the check itself catches a wrong name, a name only mentioned, a missing
# file and a missing path (each planted in a copy of a document)
if [ -z "${DOC_REFS_DOCS:-}" ]; then
    plant="$WORK/planted.md"
    cat >"$plant" <<'EOF'
Right: `tls_derive_keys` in handshake/tls.c, `hs_messages` in
`handshake/state_machine.c`.
Wrong: `tls_derive_kyes` in handshake/tls.c.
Only called there: `prf_finished` in handshake/tls.c.
No such file: `tls_derive_keys` in handshake/keys.c.
No such path: `handshake/nowhere.c`.
- Wrapped in a list item: `tls_derive_keys` in handshake/tls.c and `tls_derive_kyes`
  in handshake/tls.c.
EOF
    COUNTS_FILE= DOC_REFS_DOCS="$plant" sh "$0" >"$WORK/planted.out" 2>&1
    expect_eq "the planted document fails" 1 $?
    for want in "planted.md:3: \`tls_derive_kyes\` is not defined in handshake/tls.c" \
                "planted.md:4: \`prf_finished\` is not defined in handshake/tls.c" \
                "planted.md:5: \`tls_derive_keys\` in handshake/keys.c: no such file" \
                "planted.md:6: \`handshake/nowhere.c\`: no such file or folder" \
                "planted.md:7: \`tls_derive_kyes\` is not defined in handshake/tls.c" \
                "4 passed, 5 failed"; do
        grep -qF "$want" "$WORK/planted.out" && pass || fail "the planted document: no '$want' in: $(cat "$WORK/planted.out")"
    done
fi

finish doc-refs
