#!/bin/sh
# test_tree_robot.sh: robot/ names a status with alex_strerror, which
# knows the robot's codes (robot/alex_status.h) as well as the library's;
# see_strerror would call a robot code "unknown error" (issue 14, item 5).
# A check on the tree; it names each FILE:LINE that breaks the rule.
. "$(dirname "$0")/lib.sh"
ROOT=${TREE_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}

files=$(ls "$ROOT"/robot/*.c "$ROOT"/robot/*.h 2>/dev/null | grep -v '/alex_status\.[ch]$')
[ "$(echo "$files" | wc -l)" -gt 20 ] && pass || fail "robot/ has too few sources to check"
# shellcheck disable=SC2086
grep -n 'see_strerror(' $files >"$WORK/hits"
[ ! -s "$WORK/hits" ] && pass ||
    fail "see_strerror cannot name the robot's codes, use alex_strerror: $(sed "s|^$ROOT/||" "$WORK/hits" | head -5)"

finish tree-robot
