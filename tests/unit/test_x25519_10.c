/*
 * test_x25519_10.c: every case of test_x25519 on the ten-limb field
 * (crypto/field25519_10.c), which 32-bit ARM builds, also on a machine
 * whose compiler would pick the five-limb one (field25519.h).
 *
 * The field, the ladder and the tests are compiled here, into this
 * program, with SEETLS_FIELD25519_10 defined; their names then need
 * nothing from the library, whose five-limb copies are never linked in.
 */
#define SEETLS_FIELD25519_10 1
#define X25519_SUITE "x25519 (ten-limb field)"

#include "crypto/field25519.c"
#include "crypto/field25519_10.c"
#include "crypto/field25519_51.c"
#include "crypto/x25519.c"
#include "tests/unit/test_x25519.c"
