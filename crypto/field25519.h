/*
 * field25519.h: arithmetic modulo p = 2^255 - 19, the field of Curve25519
 * (RFC 7748 4.1), for crypto/x25519.c.
 *
 * Our own, not GMP's: mpz's time depends on the numbers (it skips leading
 * zero limbs, it normalises), and X25519 multiplies secrets. Here every
 * function runs the same instructions and touches the same memory for every
 * value: no branch and no table index depends on a number, only on the
 * loop counters. tests/ct checks that under valgrind.
 *
 * A field element is a few unsigned limbs, in one of two representations
 * chosen when compiling; both give the same results, and x25519.c reads
 * the same with either:
 *
 *  - five limbs of 51 bits (field25519_51.c, the layout of
 *    curve25519-donna-c64 and SUPERCOP's amd64-51), x = h[0] + h[1] 2^51 + ... + h[4] 2^204, with
 *    64 x 64 -> 128-bit products. Used where the compiler has a 128-bit
 *    integer type (__SIZEOF_INT128__: x86-64, 64-bit ARM), about twice as
 *    fast as ten limbs.
 *  - ten limbs in radix 2^25.5 (field25519_10.c, the layout of ref10,
 *    Bernstein et al.): limb i holds the bits from ceil(25.5 i), 26 bits
 *    for even i and 25 for odd i,
 *      x = h[0] + h[1] 2^26 + h[2] 2^51 + h[3] 2^77 + ... + h[9] 2^230,
 *    with 32 x 32 -> 64-bit products, which every target has. Used on
 *    32-bit ARM (no 128-bit type there), and anywhere when compiled with
 *    -DSEETLS_FIELD25519_10 (make EXTRA_CFLAGS=-DSEETLS_FIELD25519_10), as
 *    the tests do to try it on this machine.
 *
 * Two sizes of limbs, so that additions need no carries (each file gives
 * its exact bounds):
 *  - reduced: each limb at most a little over its width (51 bits; 26 or
 *    25). What fe_mul, fe_sq, fe_mul_small, fe_from_bytes and fe_invert
 *    give, and what every function accepts. Not the unique representative
 *    in 0..p-1: only fe_to_bytes computes that.
 *  - loose: what fe_add and fe_sub give (under two bits more than reduced),
 *    for fe_mul, fe_sq and fe_mul_small only, never for another fe_add,
 *    fe_sub, fe_to_bytes, fe_invert or fe_cswap.
 */
#ifndef SEETLS_FIELD25519_H
#define SEETLS_FIELD25519_H

#include <stdint.h>

#if defined(__SIZEOF_INT128__) && !defined(SEETLS_FIELD25519_10)
#define FE25519_RADIX_51 1
#define FE25519_LIMBS 5
typedef uint64_t fe25519_limb;
#else
#define FE25519_RADIX_51 0
#define FE25519_LIMBS 10
typedef uint32_t fe25519_limb;
#endif

typedef struct {
    fe25519_limb v[FE25519_LIMBS];
} fe25519;

/* 32 bytes little-endian to a field element; the top bit (bit 255) is
 * ignored, as RFC 7748 5 asks of a u-coordinate. Values from p to 2^255 - 1
 * (non-canonical) are accepted and mean their value mod p. */
void fe_from_bytes(fe25519 *h, const uint8_t s[32]);

/* The unique representative of h in 0..p-1, 32 bytes little-endian
 * (RFC 7748 5: "encodeUCoordinate", fully reduced). */
void fe_to_bytes(uint8_t s[32], const fe25519 *h);

void fe_zero(fe25519 *h);
void fe_one(fe25519 *h);
void fe_copy(fe25519 *h, const fe25519 *f);

/* f + g and f - g of reduced f and g; the results are loose. */
void fe_add(fe25519 *h, const fe25519 *f, const fe25519 *g);
void fe_sub(fe25519 *h, const fe25519 *f, const fe25519 *g);
void fe_mul(fe25519 *h, const fe25519 *f, const fe25519 *g); /* f * g */
void fe_sq(fe25519 *h, const fe25519 *f);                    /* f^2 */
void fe_mul_small(fe25519 *h, const fe25519 *f, uint32_t n); /* f * n, n < 2^20 */

/* 1/z = z^(p-2) mod p (Fermat), 0 for z = 0 (RFC 7748 5). */
void fe_invert(fe25519 *out, const fe25519 *z);

/* Swap f and g when swap is 1, leave them when it is 0, by the same
 * instructions either way (a mask, RFC 7748 5's cswap). swap is 0 or 1. */
void fe_cswap(fe25519 *f, fe25519 *g, uint32_t swap);

#endif
