#!/bin/sh
# seetls speed: its rows (the entries of speed/workloads.h, which make
# bench times too), each with a figure above 0 and the path it took; the
# portable code forced by --portable and by SEETLS_NO_ASM=1, the hardware
# path named where this CPU has it; algorithm names, --list, and every
# refusal (an unknown name, --seconds that is not a time).
. "$(dirname "$0")/lib.sh"
MESSAGE_FROM="seetls speed"

# rows FILE: the measured rows, "ALGORITHM<TAB>ROW<TAB>FIGURE<TAB>UNIT<TAB>PATH"
# (the columns are fixed-width: the row label may hold spaces)
rows() {
    awk 'NR > 2 {
        name = substr($0, 3, 18); row = substr($0, 22, 28)
        rest = substr($0, 50)
        sub(/ +$/, "", name); sub(/ +$/, "", row); sub(/^ +/, "", rest)
        n = split(rest, w, " +")
        printf "%s\t%s\t%s\t%s\t%s\n", name, row, w[1], w[2], w[n]
    }' "$1"
}

# --- the SHA-256 rows
expect_status "speed sha256" 0 "$SEETLS" speed --seconds 0.01 sha256
cp "$WORK/out" "$WORK/sha"
expect_eq "first line" "seetls speed: each figure is the best of 15 runs over 0.01 s" \
    "$(head -n 1 "$WORK/sha" | sed 's/, portable code$//')"
expect_eq "sha256's rows" "SHA-256 64 B|SHA-256 1 KiB|SHA-256 1 MiB" \
    "$(rows "$WORK/sha" | cut -f 2 | paste -sd '|')"
expect_eq "sha256's figures above 0, in MB/s" "3" \
    "$(rows "$WORK/sha" | awk -F '\t' '$1 == "sha256" && $3 + 0 > 0 && $4 == "MB/s"' | wc -l)"
# the path: the SHA instructions where the CPU has them (and nothing forces
# the portable code), else portable
want=portable
if [ "${SEETLS_NO_ASM:-}" != 1 ]; then
    case "$(uname -m)" in
    x86_64) grep -qw sha_ni /proc/cpuinfo && want=sha-ni ;;
    aarch64) grep -qw sha2 /proc/cpuinfo && want=armv8-sha256 ;;
    esac
fi
expect_eq "sha256's path" "$want|$want|$want" \
    "$(rows "$WORK/sha" | cut -f 5 | paste -sd '|')"

# --- the portable code forced: every row says so
for how in --portable env; do
    if [ "$how" = env ]; then
        SEETLS_NO_ASM=1 "$SEETLS" speed --seconds 0.01 sha256 aes-cbc tls-gcm >"$WORK/p" 2>&1
    else
        "$SEETLS" speed --portable --seconds 0.01 sha256 aes-cbc tls-gcm >"$WORK/p" 2>&1
    fi
    expect_eq "$how: exit status" 0 $?
    expect_eq "$how: nine rows" 9 "$(rows "$WORK/p" | wc -l)"
    expect_eq "$how: every row portable" "" \
        "$(rows "$WORK/p" | awk -F '\t' '$5 != "portable" || !($3 + 0 > 0)')"
    expect_eq "$how: the first line says it" "portable code" \
        "$(head -n 1 "$WORK/p" | sed -n 's/.*, //p')"
done
if grep -qw aes /proc/cpuinfo 2>/dev/null && [ "$(uname -m)" = x86_64 ] &&
   [ "${SEETLS_NO_ASM:-}" != 1 ]; then
    "$SEETLS" speed --seconds 0.01 tls-gcm >"$WORK/hw"
    expect_eq "AES-GCM records without --portable: the instructions" \
        "aes-ni+pclmulqdq|aes-ni+pclmulqdq" "$(rows "$WORK/hw" | cut -f 5 | paste -sd '|')"
fi

# --- --list names every algorithm once, with its rows; with no name,
# every row of the list is measured, each once with a figure above 0
expect_status "--list" 0 "$SEETLS" speed --list
cp "$WORK/out" "$WORK/list"
expect_eq "--list: sha256's rows" "sha256            SHA-256 64 B; SHA-256 1 KiB; SHA-256 1 MiB" \
    "$(grep '^sha256 ' "$WORK/list")"
expect_eq "--list: each name once" "$(cut -d ' ' -f 1 "$WORK/list" | sort)" \
    "$(cut -d ' ' -f 1 "$WORK/list" | sort -u)"
expect_status "every row" 0 "$SEETLS" speed --seconds 0.01
rows "$WORK/out" >"$WORK/all"
expect_eq "every row of --list measured" \
    "$(sed 's/^[^ ]*  *//; s/; /\n/g' "$WORK/list" | sort)" "$(cut -f 2 "$WORK/all" | sort)"
expect_eq "every figure above 0" "" "$(awk -F '\t' '!($3 + 0 > 0)' "$WORK/all")"
expect_eq "the keygen row a median time" "ms" \
    "$(awk -F '\t' '$1 == "rsa2048-keygen" { print $4 }' "$WORK/all")"
expect_eq "the handshake rows per second" "op/s|op/s|op/s" \
    "$(awk -F '\t' '$1 == "handshake" { print $4 }' "$WORK/all" | paste -sd '|')"

# --- refusals: one line, exit 1
expect_status "unknown algorithm" 1 "$SEETLS" speed --seconds 0.01 sha256 md5
expect_message "unknown algorithm named" "unknown algorithm 'md5'; the algorithms: sha256 hmac"
grep -q "tls-gcm" "$WORK/err" && pass || fail "unknown algorithm: the list lacks tls-gcm"
[ ! -s "$WORK/out" ] && pass || fail "unknown algorithm: rows were measured"
for s in 0 -1 abc 1e9 nan 0x 601; do
    expect_status "--seconds $s" 1 "$SEETLS" speed --seconds "$s" sha256
    expect_message "--seconds $s named" "--seconds: '$s' is not a number of seconds"
done
expect_status "--list with a name" 1 "$SEETLS" speed --list sha256
expect_message "--list alone" "--list goes alone"
expect_status "unknown option" 2 "$SEETLS" speed --fast

finish speed
