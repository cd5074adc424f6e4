#!/bin/sh
# The class demos on Eve: demo-weak-dh recovers exactly the robot commands
# from a recording of a DHE handshake in a tiny group (and its discrete log
# checks out independently), demo-forward-secrecy decrypts the recorded
# RSA session (AES-128-GCM records) with the server's key and fails on the
# DHE one and the ECDHE one (x25519, its ServerKeyExchange named); with the same
# --seed two runs print the same thing (apart from the measured times).
. "$(dirname "$0")/lib.sh"
: "${BUILD_DIR:?BUILD_DIR must name the build folder}"
WEAK="$BUILD_DIR/demo-weak-dh"
FS="$BUILD_DIR/demo-forward-secrecy"

# no_times FILE: FILE with measured figures (times, rates and the years
# estimated from them, "10^16") replaced by T
no_times() { sed -E 's/[0-9]+\.[0-9]+(e[-+][0-9]+)?/T/g; s/10\^[0-9]+/10^T/g' "$1"; }

# recovered FILE: the application data Eve printed, one line each
# (its MAC or, for an AEAD suite, its tag verified)
recovered() { sed -n 's/.*application data, \(MAC\|tag\) ok: "\(.*\)"$/\2/p' "$1"; }

# expect_lines FILE LABEL: for each line "PATTERN|WHAT IS WRONG" of the
# standard input, a pass if a line of FILE matches PATTERN, else a fail
# "LABEL: WHAT IS WRONG"
expect_lines() {
    while IFS='|' read -r pattern wrong; do
        grep -q "$pattern" "$1" && pass || fail "$2: $wrong"
    done
}

EXPECTED=$(printf 'f 50 75\nl 90 60\ns')

# ----------------------------------------------------------- weak DH ---
"$WEAK" --bits 32 --max-bits 40 --seed "class 1" >"$WORK/w1" 2>&1
expect_eq "weak-dh exits 0" 0 $?
expect_eq "weak-dh: Eve recovers the commands" "$EXPECTED" "$(recovered "$WORK/w1")"
expect_lines "$WORK/w1" weak-dh <<'CHECKS'
record 0, Finished, MAC ok|Finished not checked
S's record 0 (C_S, I_S): Finished, MAC ok|S's Finished not read
group: a safe prime p of 32 bits|not a 32-bit group
INSECURE|seeded mode not announced
Why Eve cannot do this for ffdhe2048|no closing words
CHECKS
rows=$(grep -cE '^ +(24|32|40) +[0-9]+ ' "$WORK/w1")
expect_eq "weak-dh: table rows 24, 32, 40" 3 "$rows"

# Eve's a, checked outside our code: g^a = Ys (mod p), PS = Yc^a (mod p)
num() { sed -n "s/^  $1 *= \([0-9]*\) (0x.*/\1/p" "$WORK/w1" | head -n 1; }
p=$(num p) g=$(num g) ys=$(num Ys) yc=$(num Yc) a=$(num a)
ps=$(sed -n 's/^  PS   = Yc^a mod p = \([0-9a-f]*\)$/\1/p' "$WORK/w1")
if command -v python3 >/dev/null 2>&1; then
    got=$(python3 -c "print(pow($g, $a, $p) == $ys, '%x' % pow($yc, $a, $p))")
    expect_eq "weak-dh: g^a = Ys and PS = Yc^a (python)" "True $(echo "$ps" | sed 's/^0*//')" "$got"
fi

"$WEAK" --bits 32 --max-bits 40 --seed "class 1" >"$WORK/w2" 2>&1
no_times "$WORK/w1" >"$WORK/w1n"
no_times "$WORK/w2" >"$WORK/w2n"
expect_same_file "weak-dh: same seed, same output" "$WORK/w1n" "$WORK/w2n"
"$WEAK" --bits 32 --max-bits 32 --seed "class 2" >"$WORK/w3" 2>&1
expect_eq "weak-dh: another seed also recovers" "$EXPECTED" "$(recovered "$WORK/w3")"
cmp -s "$WORK/w1" "$WORK/w3" && fail "weak-dh: different seeds, same output" || pass
"$WEAK" --max-bits 24 </dev/null >"$WORK/w4" 2>&1
expect_eq "weak-dh: default 40 bits exits 0" 0 $?
grep -q 'group: a safe prime p of 40 bits' "$WORK/w4" && pass || fail "weak-dh: default not 40 bits"
expect_status "weak-dh: bad --bits" 2 "$WEAK" --bits 9000
expect_status "weak-dh: stray argument" 2 "$WEAK" extra
grep -q '^demo-weak-dh: ' "$WORK/err" && pass || fail "weak-dh: no one-line error"

# ------------------------------------------------- forward secrecy ---
"$FS" --seed "class 1" >"$WORK/f1" 2>&1
expect_eq "forward-secrecy exits 0" 0 $?
rsa_lines=$(grep '^  \[rsa\]' "$WORK/f1" >"$WORK/f1rsa"; recovered "$WORK/f1rsa")
expect_eq "forward-secrecy: Eve reads the RSA session" "$EXPECTED" "$rsa_lines"
grep '^  \[dhe\]' "$WORK/f1" >"$WORK/f1dhe"
expect_eq "forward-secrecy: nothing read from the DHE session" "" "$(recovered "$WORK/f1dhe")"
expect_lines "$WORK/f1dhe" forward-secrecy <<'CHECKS'
Eve cannot decrypt the DHE session|DHE failure not said
signature over RB, RS, p, g, Ys: valid|signature not checked
no PS in it|ClientKeyExchange not tried
p: 2048 bits|not ffdhe2048
CHECKS
grep '^  \[ecdhe\]' "$WORK/f1" >"$WORK/f1ecdhe"
expect_eq "forward-secrecy: nothing read from the ECDHE session" "" "$(recovered "$WORK/f1ecdhe")"
expect_lines "$WORK/f1ecdhe" forward-secrecy <<'CHECKS'
ServerKeyExchange: ECDHE: named_curve x25519 (29), Ys 32 bytes; Yc: 32 bytes|Eve does not name the ECDHE ServerKeyExchange
Ys = a\*G, Yc = b\*G|no a*G, b*G
signature over RB, RS, curve, Ys: valid|ECDHE signature not checked
no PS in it (it holds Yc = b\*G|ECDHE ClientKeyExchange not tried
PS = Yc? record 1: UNOPENED (the GCM tag fails)|Eve's guess not shown failing
Eve cannot decrypt the ECDHE session|ECDHE failure not said
CHECKS
opened=$(grep -c '^  \[ecdhe\].* ok' "$WORK/f1ecdhe")
expect_eq "forward-secrecy: no ECDHE record opens" 0 "$opened"
# the RSA session's records are AES-128-GCM, opened through record_unprotect
expect_lines "$WORK/f1rsa" forward-secrecy <<'CHECKS'
TLS_RSA_WITH_AES_128_GCM_SHA256|the RSA session is not the GCM suite
record 0, Finished, tag ok|the RSA session's Finished tag not checked
CHECKS
# PS from the RSA session starts with the client_version 03 03 (7.4.7.1)
expect_lines "$WORK/f1" forward-secrecy <<'CHECKS'
forward secret|no explanation
^  \[rsa\] PS   = 0303[0-9a-f]\{92\}$|PS not 48 bytes from 0303
CHECKS
"$FS" --seed "class 1" >"$WORK/f2" 2>&1
expect_same_file "forward-secrecy: same seed, same output" "$WORK/f1" "$WORK/f2"
"$FS" --seed "class 2" >"$WORK/f3" 2>&1
cmp -s "$WORK/f1" "$WORK/f3" && fail "forward-secrecy: different seeds, same output" || pass
expect_status "forward-secrecy: stray argument" 2 "$FS" extra

finish demos
