#!/bin/sh
# test_tree_groups.sh: one table of Diffie-Hellman groups, and a handshake
# that holds no GMP number (issue 14, item 3). A check on the tree:
#  - handshake/ names no GMP type or call (mpz_t, mpz_import, mpz_export,
#    any mpz_, gmp.h): numbers cross into crypto/dh.h's bytes API as the
#    wire's bytes, and tls.h exposes no mpz_t;
#  - no group prime's hex appears outside crypto/dh.c (any two of its
#    consecutive 32-bit words, spaced or not, in any case), but in the
#    test data that checks the table (vectors/: the RFCs' published hex,
#    captured handshakes; tests/);
#  - no C file outside crypto/dh.c and crypto/dh.h (and tests/) names two
#    of the table's groups on one line: a list of names is
#    dh_group_names(), or it goes stale when the table grows.
. "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DH_C="$ROOT/crypto/dh.c"

# 1. handshake/: no GMP
grep -rn 'mpz_\|gmp\.h' "$ROOT/handshake" >"$WORK/gmp"
[ ! -s "$WORK/gmp" ] && pass || fail "GMP in handshake/ (use crypto/dh.h's bytes API): $(head -5 "$WORK/gmp")"
grep -q 'mpz_t' "$ROOT/handshake/tls.h" && fail "handshake/tls.h exposes an mpz_t" || pass

# 2. the primes: every pair of consecutive words on a line of a prime's
# hex in crypto/dh.c (the all-ones words begin and end every one of them)
sed -n 's/^ *"\(\([0-9A-F]\{8\} \{0,1\}\)\{2,\}\)"[;]\{0,1\} *$/\1/p' "$DH_C" |
    awk '{ for (i = 1; i < NF; i++) if ($i != "FFFFFFFF" || $(i + 1) != "FFFFFFFF") {
               print $i " " $(i + 1); print $i $(i + 1) } }' | sort -u >"$WORK/pairs"
lines=$(sed -n '/^ *"[0-9A-F]\{8\}/p' "$DH_C" | wc -l)
[ "$lines" -ge 100 ] && [ "$(wc -l <"$WORK/pairs")" -ge 400 ] && pass ||
    fail "found no primes' hex in crypto/dh.c ($lines lines)"
(cd "$ROOT" && grep -rIilF -f "$WORK/pairs" --exclude-dir=.git --exclude-dir=build \
    --exclude-dir=vectors --exclude-dir=tests .) | grep -v '^\./crypto/dh\.c$' >"$WORK/copies"
[ ! -s "$WORK/copies" ] && pass || fail "a group prime outside crypto/dh.c: $(cat "$WORK/copies")"

# 3. name lists: the table's names with a digit in them ("toy" is also
# just a word)
sed -n 's/^ *{"\([a-z]*[0-9][a-z0-9]*\)", .*/\1/p' "$DH_C" | sort -u >"$WORK/names"
[ "$(wc -l <"$WORK/names")" -ge 6 ] && pass || fail "found no group names in crypto/dh.c's table"
names=$(paste -sd'|' "$WORK/names")
(cd "$ROOT" && grep -rnE "($names)\b.*\b($names)\b" --include='*.c' --include='*.h' \
    --exclude-dir=.git --exclude-dir=build --exclude-dir=tests .) |
    grep -v '^\./crypto/dh\.[ch]:' >"$WORK/lists"
[ ! -s "$WORK/lists" ] && pass || fail "a list of group names outside crypto/dh.c (use dh_group_names): $(cat "$WORK/lists")"

finish tree-groups
