#!/bin/sh
# seetls prime against openssl prime, both ways: our primes and safe primes
# must satisfy openssl, openssl's must satisfy us, and both must agree on
# known primes, Carmichael numbers and strong pseudoprimes.
. "$(dirname "$0")/lib.sh"

# verdict TOOL NUMBER: "prime" or "not prime", from either program's output
verdict() { sed -e 's/.* is //'; }

for n in 2 3 17 65537 2147483647 18446744073709551557 \
         170141183460469231731687303715884105727 \
         0 1 4 561 1105 1729 2047 3215031751 3825123056546413051 \
         318665857834031151167461 \
         340282366920938463463374607431768211457; do
    ours=$("$SEETLS" prime "$n" | verdict)
    theirs=$(openssl prime "$n" | verdict)
    expect_eq "verdict on $n" "$theirs" "$ours"
done
# the whole line matches openssl's, hex and all
expect_eq "output format" "$(openssl prime 561)" "$("$SEETLS" prime 561)"
expect_eq "output format, hex input" "$(openssl prime -hex 1F)" "$("$SEETLS" prime --hex 1F)"

# our primes, checked by openssl
for bits in 16 64 256 1024; do
    p=$("$SEETLS" prime --generate --bits "$bits")
    expect_eq "our $bits-bit prime, by openssl" "prime" "$(openssl prime "$p" | verdict)"
    hex=$("$SEETLS" prime --generate --bits "$bits" --hex)
    expect_eq "our $bits-bit prime (hex) has $bits bits" "$bits" \
        "$(printf '%s' "$hex" | awk '{ n = length($0) * 4; c = substr($0, 1, 1);
            if (c ~ /[4-7]/) n -= 1; else if (c ~ /[2-3]/) n -= 2; else if (c == "1") n -= 3;
            print n }')"
done

# our safe primes: p and (p - 1) / 2 both prime for openssl (62 bits so
# the shell's 64-bit arithmetic can halve them)
for bits in 16 32 62; do
    p=$("$SEETLS" prime --generate --bits "$bits" --safe)
    q=$(( (p - 1) / 2 ))
    expect_eq "our $bits-bit safe prime p, by openssl" "prime" "$(openssl prime "$p" | verdict)"
    expect_eq "our $bits-bit safe prime's q, by openssl" "prime" "$(openssl prime "$q" | verdict)"
done

# openssl's primes and safe primes, checked by us
for bits in 64 512 1024; do
    p=$(openssl prime -generate -bits "$bits")
    expect_eq "openssl's $bits-bit prime, by us" "prime" "$("$SEETLS" prime "$p" | verdict)"
done
p=$(openssl prime -generate -bits 62 -safe)
expect_eq "openssl's safe prime, by us" "prime" "$("$SEETLS" prime "$p" | verdict)"
expect_eq "openssl's safe prime's q, by us" "prime" \
    "$("$SEETLS" prime $(( (p - 1) / 2 )) | verdict)"
# a product of two openssl primes is composite for us
a=$(openssl prime -generate -bits 30)
b=$(openssl prime -generate -bits 30)
expect_eq "product of two primes" "not prime" "$("$SEETLS" prime $((a * b)) | verdict)"

expect_status "not a number" 1 "$SEETLS" prime 12x
expect_status "generate without bits" 1 "$SEETLS" prime --generate
expect_status "bits too small" 1 "$SEETLS" prime --generate --bits 2

finish prime
