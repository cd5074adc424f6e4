/*
 * ghash_arm.c: GHASH (NIST SP 800-38D 6.4) with the ARMv8 carry-less
 * multiplication PMULL, the arm64 twin of crypto/ghash_x86.c, beside the
 * portable GHASH in crypto/gcm.c, which is the one to read for what is
 * computed: Y = (Y XOR X_i) * H over the blocks, in GF(2^128) modulo
 * x^128 + x^7 + x^2 + x + 1.
 *
 *   1. The bit order. GCM numbers the bits of a block from the left: bit 0,
 *      the coefficient of x^0, is the top bit of byte 0 (SP 800-38D 6.3).
 *      ARM has RBIT, which x86-64 lacks: reversing the bits of each byte
 *      (vrbitq_u8) puts the coefficient of x^i at bit i of the register
 *      read as one little-endian 128-bit number. So here the polynomials
 *      are in their natural order and the reduction is the textbook one,
 *      where ghash_x86.c works on the reflected order with its shifts.
 *
 *   2. The 256-bit carry-less product of a = a1:a0 and b = b1:b0 from four
 *      64 x 64 products (PMULL on the low halves, PMULL2 on the high):
 *      a1*b1 * x^128 + (a1*b0 + a0*b1) * x^64 + a0*b0.
 *
 *   3. The reduction modulo P = x^128 + x^7 + x^2 + x + 1: x^128 = R with
 *      R = x^7 + x^2 + x + 1 (0x87), so the top 128 bits hi = h1:h0 fold
 *      down as hi * R, in two steps of 64 bits: h1 * x^192 = (h1 * R) * x^64,
 *      whose top 7 bits land in h0; then h0 * x^128 = h0 * R, which fits
 *      in the low 128 bits.
 *
 *   4. Four blocks at once: Y_(i+4) = (Y_i ^ X_1)*H^4 ^ X_2*H^3 ^ X_3*H^2
 *      ^ X_4*H, the four products added unreduced and reduced once.
 *
 * PMULL's time does not depend on its operands, and no branch or memory
 * index here depends on H or the data: constant-time, as gcm.c's.
 *
 * Built with -march=armv8-a+crypto for this file only (the Makefile), on
 * arm64 only; elsewhere the file is empty.
 */
#include "crypto/ghash_arm.h"

#if defined(__aarch64__)

#include <arm_neon.h>
#include <string.h>

#include "core/util.h"

/* ------------------------------------------------------- GF(2^128) --- */

/* A block as a polynomial in natural bit order (step 1), and back. */
static inline uint64x2_t load_block(const uint8_t *p)
{
    return vreinterpretq_u64_u8(vrbitq_u8(vld1q_u8(p)));
}

static inline void store_block(uint8_t *p, uint64x2_t x)
{
    vst1q_u8(p, vrbitq_u8(vreinterpretq_u8_u64(x)));
}

/* a0 * b0 and a1 * b1, each 128 bits. */
static inline uint64x2_t clmul_low(uint64x2_t a, uint64x2_t b)
{
    return vreinterpretq_u64_p128(vmull_p64(vgetq_lane_u64(a, 0),
                                            vgetq_lane_u64(b, 0)));
}

static inline uint64x2_t clmul_high(uint64x2_t a, uint64x2_t b)
{
    return vreinterpretq_u64_p128(vmull_high_p64(vreinterpretq_p64_u64(a),
                                                 vreinterpretq_p64_u64(b)));
}

/* The 256-bit carry-less product a * b as hi:lo (step 2). */
typedef struct {
    uint64x2_t lo, hi;
} product;

static inline product clmul(uint64x2_t a, uint64x2_t b)
{
    const uint64x2_t zero = vdupq_n_u64(0);
    uint64x2_t b_swapped = vextq_u64(b, b, 1);                 /* b0:b1 */
    uint64x2_t mid = veorq_u64(clmul_low(a, b_swapped),        /* a0 * b1 */
                               clmul_high(a, b_swapped));      /* a1 * b0 */
    product p;
    p.lo = veorq_u64(clmul_low(a, b), vextq_u64(zero, mid, 1));   /* mid0 up */
    p.hi = veorq_u64(clmul_high(a, b), vextq_u64(mid, zero, 1));  /* mid1 */
    return p;
}

static inline product add(product x, product y)
{
    product z = {veorq_u64(x.lo, y.lo), veorq_u64(x.hi, y.hi)};
    return z;
}

/* hi * x^128 + lo modulo P (step 3). */
static inline uint64x2_t reduce(product p)
{
    const uint64x2_t zero = vdupq_n_u64(0);
    const uint64x2_t r = vdupq_n_u64(0x87);   /* x^7 + x^2 + x + 1 */
    /* h1 * R, placed at x^64: its low half into lo's top, its top 7 bits
     * into h0. */
    uint64x2_t t = clmul_high(p.hi, r);
    uint64x2_t lo = veorq_u64(p.lo, vextq_u64(zero, t, 1));
    uint64x2_t hi = veorq_u64(p.hi, vextq_u64(t, zero, 1));
    /* h0 * R, at x^0. */
    return veorq_u64(lo, clmul_low(hi, r));
}

static inline uint64x2_t gf_mul(uint64x2_t a, uint64x2_t b)
{
    return reduce(clmul(a, b));
}

/* ------------------------------------------------------------ GHASH --- */

void ghash_arm_set_key(ghash_arm_key *key, const uint8_t h[16])
{
    uint64x2_t h1 = load_block(h);
    uint64x2_t power = h1;
    for (int i = 0; i < 4; i++) {
        vst1q_u8(key->h_powers[i], vreinterpretq_u8_u64(power));   /* H^(i+1) */
        power = gf_mul(power, h1);
    }
}

typedef struct {
    uint64x2_t h[4];   /* H^1 .. H^4 */
    uint64x2_t y;      /* the running value Y */
} ghash_state;

/* Absorb len bytes, the last block padded with zero bytes (the 0^v and
 * 0^u of SP 800-38D 7.1 step 5). */
static void absorb(ghash_state *g, const uint8_t *data, size_t len)
{
    /* Four blocks at once (step 4). */
    for (; len >= 64; data += 64, len -= 64) {
        uint64x2_t x1 = veorq_u64(g->y, load_block(data));
        product sum = clmul(x1, g->h[3]);
        sum = add(sum, clmul(load_block(data + 16), g->h[2]));
        sum = add(sum, clmul(load_block(data + 32), g->h[1]));
        sum = add(sum, clmul(load_block(data + 48), g->h[0]));
        g->y = reduce(sum);
    }
    for (; len >= 16; data += 16, len -= 16)
        g->y = gf_mul(veorq_u64(g->y, load_block(data)), g->h[0]);
    if (len > 0) {
        uint8_t last[16] = {0};
        memcpy(last, data, len);
        g->y = gf_mul(veorq_u64(g->y, load_block(last)), g->h[0]);
        see_wipe(last, sizeof last);
    }
}

void ghash_arm(const ghash_arm_key *key, const uint8_t *aad, size_t aad_len,
               const uint8_t *ciphertext, size_t len, uint8_t out[16])
{
    ghash_state g;
    for (int i = 0; i < 4; i++)
        g.h[i] = vreinterpretq_u64_u8(vld1q_u8(key->h_powers[i]));
    g.y = vdupq_n_u64(0);
    absorb(&g, aad, aad_len);
    absorb(&g, ciphertext, len);
    /* The last block: [len(A)]_64 || [len(C)]_64, lengths in bits. */
    uint8_t lengths[16];
    see_store64_be(lengths, (uint64_t)aad_len * 8);
    see_store64_be(lengths + 8, (uint64_t)len * 8);
    absorb(&g, lengths, sizeof lengths);
    store_block(out, g.y);
    see_wipe(&g, sizeof g);
}

#else

/* Not arm64: nothing here (ISO C wants at least one declaration). */
typedef int ghash_arm_not_built;

#endif
