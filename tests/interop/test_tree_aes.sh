#!/bin/sh
# No protocol uses the table AES. crypto/aes.c (the classroom reference,
# table-based: its S-box lookups leak the key through the cache) may be
# called by the programs that teach it and by the tests and the benchmark
# that compare with it, never by what protects data: the record layer, the
# robot link, `seetls enc`, the library. Those use crypto/aes_ct.h.
#
# A scan of every .c and .h file of the library and the programs for a
# call of the table AES's functions; the folders allowed are named below
# with why. The scan is checked on a planted file first: it must be found.
. "$(dirname "$0")/lib.sh"
ROOT=${TREE_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}

CALLS='aes128_(set_key|encrypt_block|decrypt_block|encrypt_block_steps|decrypt_block_steps|cbc_encrypt|cbc_decrypt|ctr_xor|wipe)[[:space:]]*\('

# scan DIR...: every call of the table AES in the .c and .h files there,
# as FILE:LINE: text, with crypto/aes.c itself left out.
scan() {
    for dir in "$@"; do
        find "$dir" -name '*.[ch]' -type f 2>/dev/null
    done | sort | while read -r file; do
        case $file in crypto/aes.[ch] | */crypto/aes.[ch]) continue ;; esac
        grep -nE "$CALLS" "$file" | sed "s|^|$file:|"
    done
}

# The folders that protect data. Not scanned, and why: tests/ and bench/
# compare with the table AES on purpose; slides_examples/ and
# cryptanalysis/ and demos/ show it step by step in class.
PROTECTING="core codec crypto pki handshake api robot cli"

# the scan sees a planted call
mkdir -p "$WORK/planted/handshake"
printf 'void f(void)\n{\n    aes128_cbc_encrypt(&k, iv, in, out, n);\n}\n' \
    >"$WORK/planted/handshake/record.c"
found=$(cd "$WORK/planted" && scan handshake)
[ -n "$found" ] && pass || fail "the scan missed a planted table-AES call"

hits=$(cd "$ROOT" && scan $PROTECTING)
if [ -z "$hits" ]; then
    pass
else
    fail "the table AES is called where data is protected (use crypto/aes_ct.h):
$hits"
fi
finish tree-aes
