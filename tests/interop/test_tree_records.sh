#!/bin/sh
# One record layer: no TLS record header (RFC 5246 6.2.1) or handshake
# message header (7.4) is read or written by hand outside handshake/. The
# demos and Eve go through handshake/record.h (record_header_decode,
# record_message_header_decode, record_protect, record_unprotect,
# record_mac) and the message decoders of handshake/messages.h.
#
# A scan of every .c and .h file outside handshake/ and tests/ (the tests
# build broken and hostile records by hand on purpose) for the shapes a
# hand-made record layer takes:
#   - a record's length read from its bytes 3 and 4         buf[3] << 8
#   - a content type (20-23) compared with or stored in
#     byte 0, or a header's bytes written out               buf[0] >= 20, 23, 3, 3
#   - a 24-bit length (only the handshake layer has them)   reader_u24, [1] << 16
#   - a header's fields written one by one                  writer_u8(&w, TLS_CONTENT_...)
#   - a content type checked as it is read                  reader_u8(...) ... != HS_...
#   - the MAC's pseudo-header made by hand: the sequence
#     number stored, the version split into bytes           see_store64_be, TLS_VERSION_1_2 >> 8
# Each hit is printed as FILE:LINE: what, then the line. The allow-list
# below names each exception and why (by file and the line's text, so a
# changed line must be justified again). The scan is checked on a planted
# file holding the old hand-made record code of demo-keys, Eve and her
# recording's parser: every shape must be found there.
. "$(dirname "$0")/lib.sh"
# TREE_ROOT: another checkout to scan (the top of this one by default)
ROOT=${TREE_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}

# FILE|TEXT: a line allowed although it matches.
ALLOWED='
bench/bench_tls.c|uint8_t pseudo[13] = { 0, 0, 0, 0, 0, 0, 0, 0, 23, 3, 3,
'
# why: the OpenSSL side of the record benchmark computes the MAC with
# OpenSSL's HMAC over its own pseudo-header on purpose: it is the other
# implementation our record_protect is measured against.

# rule NAME REGEX: one shape of a hand-made record layer
RULES='
record length read from bytes 3-4|\[3\][[:space:]]*<<[[:space:]]*8
content type compared with byte 0|\[0\][[:space:]]*(==|!=|>=|<=|>|<)[[:space:]]*(2[0-3]|0x1[4-7])([^0-9]|$)
content type stored in byte 0|\[0\][[:space:]]*=[[:space:]]*(2[0-3]|0x1[4-7])[[:space:]]*;
record header bytes written out|(^|[^0-9x])(2[0-3]|0x1[4-7])[[:space:]]*,[[:space:]]*(3|0x03)[[:space:]]*,[[:space:]]*(0x0)?[0-3]([^0-9]|$)
record header in a hex string|"1[4-7]030[0-3]
24-bit handshake length by hand|reader_u24|writer_u24|writer_open_length\([^,]*,[[:space:]]*3|reader_vector\([^,]*,[[:space:]]*3|\[[16]\][[:space:]]*<<[[:space:]]*16
header field written by hand|writer_u8\([^)]*(TLS_CONTENT_|HS_)
type checked as it is read|reader_u8\(.*(TLS_CONTENT_|HS_)
MAC pseudo-header by hand|see_store64_be|TLS_VERSION_1_2[[:space:]]*>>[[:space:]]*8|\[(9|10)\][[:space:]]*=[[:space:]]*(3|0x03)[[:space:]]*;
'

# scan DIR: every hit under DIR, "FILE:LINE: what: line", FILE relative.
# core/ is not looked at (the bounded reader and writer, the load and store
# helpers are there), nor crypto/ for the pseudo-header (SHA-256 stores its
# own length).
scan() {
    files=$(cd "$1" && find . \( -path ./handshake -o -path ./tests -o -path ./core \
        -o -path './build*' -o -path ./.git \) -prune -o \( -name '*.c' -o -name '*.h' \) \
        -print | sed 's|^\./||' | sort)
    [ -n "$files" ] || return 0
    printf '%s\n' "$RULES" | while IFS='|' read -r what regex; do
        [ -n "$what" ] || continue
        (cd "$1" && grep -nHE "$regex" $files) | while IFS= read -r hit; do
            file=${hit%%:*}
            rest=${hit#*:}
            line=${rest%%:*}
            text=$(printf '%s' "${rest#*:}" | sed 's/^[[:space:]]*//')
            case "$what:$file" in "MAC pseudo-header by hand:"crypto/*) continue ;; esac
            printf '%s\n' "$ALLOWED" | grep -qxF "$file|$text" && continue
            printf '%s:%s: %s: %s\n' "$file" "$line" "$what" "$text"
        done
    done | sort -t: -k1,1 -k2,2n
}

# ------------------------------------------------------------ the tree ---
scan "$ROOT" >"$WORK/hits"
if [ -s "$WORK/hits" ]; then
    fail "a record or handshake header is handled outside handshake/ (use handshake/record.h):"
    sed 's/^/    /' "$WORK/hits"
else
    pass
fi

# every allow-list entry still names a line that exists
printf '%s\n' "$ALLOWED" | while IFS='|' read -r file text; do
    [ -n "$file" ] || continue
    sed 's/^[[:space:]]*//' "$ROOT/$file" | grep -qxF "$text" ||
        echo "$file|$text"
done >"$WORK/stale"
expect_eq "allow-list entries that match no line" "" "$(cat "$WORK/stale")"

# ------------------------------------------- the scan finds the old code ---
# Lines from demos/demo-keys.c, robot/prog_eve.c and demos/common_eve.c
# before they went through handshake/ (issue 14).
mkdir -p "$WORK/old/demos"
cat >"$WORK/old/demos/old.c" <<'EOF'
    see_store64_be(header, seq);
    header[9] = 3; /* TLS 1.2 is version 3.3 */
    record[0] = 23; /* application_data */
        d->is_tls = d->buf[0] >= 20 && d->buf[0] <= 23 && d->buf[1] == 3;
        size_t body = d->is_tls ? ((size_t)d->buf[3] << 8 | d->buf[4])
        if (reader_u8(&r, &type) != SEE_OK || reader_u24(&r, &body_len) != SEE_OK) {
    if (reader_u8(&r, &type) != SEE_OK || type != TLS_CONTENT_HANDSHAKE ||
    if (writer_u8(&w, TLS_CONTENT_HANDSHAKE) || writer_u16(&w, version) ||
    head[9] = TLS_VERSION_1_2 >> 8;
    static const uint8_t hello[] = { 0x16, 0x03, 0x01, 0x00, 0x2f };
    hex = "1603030004";
    uint32_t len = (uint32_t)m[1] << 16 | (uint32_t)m[2] << 8 | m[3];
EOF
scan "$WORK/old" >"$WORK/old.hits"
sed 's/: .*//' "$WORK/old.hits" | sort -u >"$WORK/old.lines"
expect_eq "every old line found" "$(seq 1 12 | sed 's|^|demos/old.c:|' | sort)" "$(cat "$WORK/old.lines")"
grep -q '^demos/old.c:5: record length read from bytes 3-4: ' "$WORK/old.hits" && pass ||
    fail "the hit does not name file, line and what: $(head -n 3 "$WORK/old.hits")"
# and nothing in handshake/ or tests/ is looked at
mkdir -p "$WORK/old/handshake" "$WORK/old/tests/unit"
cp "$WORK/old/demos/old.c" "$WORK/old/handshake/"
cp "$WORK/old/demos/old.c" "$WORK/old/tests/unit/"
expect_eq "handshake/ and tests/ not scanned" "$(cat "$WORK/old.hits")" "$(scan "$WORK/old")"

finish tree-records
