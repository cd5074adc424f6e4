#!/bin/sh
# test_doc_record.sh: docs/HANDSHAKE.md's record, byte by byte, is the one
# build/demo-keys --seed 42 protects, and it opens as the page says: the
# openssl command line decrypts its ciphertext with the run's C_B and IV
# into the page's data | MAC | padding, and computes the page's MAC with
# the run's I_B over seq 0 | 17 03 03 | length | data (RFC 5246 6.2.3.2).
. "$(dirname "$0")/lib.sh"
: "${BUILD_DIR:?BUILD_DIR must name the build folder}"
DOC="$(dirname "$0")/../../docs/HANDSHAKE.md"

"$BUILD_DIR/demo-keys" --seed 42 >"$WORK/run" 2>&1
expect_eq "demo-keys --seed 42 exits 0" 0 $?

# the run's value of a name: "        C_B   ( 16 bytes) 9b78..." and any
# continuation lines of hex
value_of() { # NAME
    awk -v name="$1" '
        $1 == name && $2 == "(" { v = $NF; keep = 1; next }
        keep && NF == 1 && $1 ~ /^[0-9a-f]+$/ { v = v $1; next }
        { keep = 0 }
        END { print v }' "$WORK/run" | head -n 1
}
c_b=$(value_of C_B)
i_b=$(value_of I_B)
iv=$(value_of IV)
wire=$(value_of wire)
[ ${#c_b} -eq 32 ] && [ ${#i_b} -eq 64 ] && [ ${#iv} -eq 32 ] && [ -n "$wire" ] && pass ||
    fail "demo-keys printed no C_B, I_B, IV or wire: $(head -c 400 "$WORK/run")"

# the page's two blocks: the hex bytes of each labelled row
sed -n '/^<!-- begin record/,/^<!-- end record/p' "$DOC" >"$WORK/block"
[ -s "$WORK/block" ] && pass || fail "docs/HANDSHAKE.md has no record block"
hex_of() { # FIRST-LABEL LAST-LABEL: the bytes of those rows (and the rows between)
    awk -v first="$1" -v last="$2" '
        /^```/ { next }
        $1 !~ /^[0-9a-f][0-9a-f]$/ {        # a labelled row
            if (past_last) exit
            if ($1 == first) on = 1
            if (on && $1 == last) past_last = 1
        }
        on {
            for (i = 1; i <= NF; i++) {
                if ($i ~ /^[0-9a-f][0-9a-f]$/) printf "%s", $i
                else if (i > 1) break
            }
        }' "$WORK/block"
}
doc_wire=$(hex_of header ciphertext)
doc_iv=$(hex_of IV IV)
doc_plain=$(hex_of data padding)
doc_data=$(hex_of data data)
doc_mac=$(hex_of MAC MAC)
expect_eq "the page's record is demo-keys' (header | IV | ciphertext)" "$wire" "$doc_wire"
expect_eq "the page's IV" "$iv" "$doc_iv"
expect_eq "the page's data is GET / HTTP/1.1" "474554202f20485454502f312e31" "$doc_data"

# decrypted by openssl: the page's data | MAC | padding
ciphertext=$(echo "$doc_wire" | cut -c 43-)
opened=$(echo "$ciphertext" | xxd -r -p |
    openssl enc -d -aes-128-cbc -K "$c_b" -iv "$iv" -nopad | xxd -p | tr -d '\n')
expect_eq "openssl decrypts the ciphertext into the page's data | MAC | padding" "$doc_plain" "$opened"

# the MAC by openssl: seq 0 | type | version | the data's length | data
len=$(printf '%04x' $((${#doc_data} / 2)))
mac=$(printf '0000000000000000170303%s%s' "$len" "$doc_data" | xxd -r -p |
    openssl dgst -sha256 -mac HMAC -macopt "hexkey:$i_b" | sed 's/.*= //')
expect_eq "openssl's HMAC-SHA256 with I_B is the page's MAC" "$doc_mac" "$mac"

finish doc-record
