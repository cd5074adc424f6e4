/*
 * test_chacha20_26.c: every case of test_chacha20 with Poly1305 in five
 * 26-bit limbs (crypto/poly1305_26.c), which 32-bit ARM builds, also on a
 * machine whose compiler would pick the three 44-bit limbs (poly1305.h).
 *
 * Poly1305 and the AEAD are compiled here, into this program, with
 * SEETLS_POLY1305_26 defined (the context's layout changes with it, so
 * the AEAD, which holds one, comes too); their names then need nothing
 * from the library, whose three-limb copies are never linked in.
 */
#define SEETLS_POLY1305_26 1
#define CHACHA20_SUITE "chacha20 (Poly1305 in 26-bit limbs)"

#include "crypto/chacha20_poly1305.c"
#include "crypto/poly1305.c"
#include "crypto/poly1305_26.c"
#include "crypto/poly1305_44.c"
#include "tests/unit/test_chacha20.c"
