#!/bin/sh
# What our programs leave in the memory they free, seen by a probe preloaded
# into them (tests/interop/wipe_probe.c, built here): every program, and
# every seetls command, installs the wiping GMP allocator before anything
# else: run with --help, the program exits and the probe frees a number
# through GMP, which must arrive wiped.
# The probe needs glibc and a C compiler; without them the script says so
# and checks nothing.
. "$(dirname "$0")/lib.sh"
: "${BUILD_DIR:?BUILD_DIR must name the build folder}"
PROBE_SRC="$(cd "$(dirname "$0")" && pwd)/wipe_probe.c"
cd "$WORK" || exit 1

if ! ${CC:-cc} -std=gnu11 -shared -fPIC -o probe.so "$PROBE_SRC" -lgmp 2>probe.err; then
    echo "interop wiping: probe not built (needs glibc and a C compiler), skipped"
    finish wiping
    exit
fi

# probed OUT SECRETS COMMAND...: run COMMAND with the probe, reports in OUT
probed() {
    out=$1 secrets=$2
    shift 2
    rm -f "$out"
    env WIPE_PROBE_OUT="$WORK/$out" WIPE_PROBE_SECRETS="$secrets" \
        LD_PRELOAD="$WORK/probe.so" "$@"
}

# ------------------------------------------ every program, first thing ---
for prog in "$SEETLS" "$BUILD_DIR"/alex-* "$BUILD_DIR"/eve "$BUILD_DIR"/demo-* \
    "$BUILD_DIR"/slides; do
    [ -x "$prog" ] || continue
    probed gmp.out "" "$prog" --help >/dev/null 2>&1
    expect_eq "$(basename "$prog") --help: GMP's frees" "gmp: wiped" "$(cat gmp.out 2>/dev/null)"
done
commands=$("$SEETLS" --help | sed -n '/^commands:/,$s/^  \([a-z0-9]*\) .*/\1/p')
[ -n "$commands" ] && pass || fail "no commands listed by seetls --help"
for c in $commands; do
    probed gmp.out "" "$SEETLS" "$c" --help >/dev/null 2>&1
    expect_eq "seetls $c --help: GMP's frees" "gmp: wiped" "$(cat gmp.out 2>/dev/null)"
done

finish wiping
