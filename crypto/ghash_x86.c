/*
 * ghash_x86.c: GHASH (NIST SP 800-38D 6.4) with the x86-64 carry-less
 * multiplication PCLMULQDQ, beside the portable GHASH in crypto/gcm.c,
 * which is the one to read for what is computed: Y = (Y XOR X_i) * H over
 * the blocks, in GF(2^128) modulo x^128 + x^7 + x^2 + x + 1.
 *
 * The method is that of Intel's white paper "Intel Carry-Less
 * Multiplication Instruction and its Usage for Computing the GCM Mode"
 * (Gueron and Kounavis, 2014 revision):
 *
 *   1. Each block is loaded with its 16 bytes reversed. GCM numbers the
 *      bits of a block from the left, bit 0 being the top bit of byte 0
 *      and the coefficient of x^0 (the spec's "reflected" order); after
 *      the byte reversal the register holds the block's bits in exactly
 *      reversed order. The product of two bit-reversed 128-bit numbers is
 *      the bit-reversal of their product, one place off (a 255-bit product
 *      in 256 bits), so a shift left by one bit puts it right.
 *
 *   2. The 256-bit carry-less product of two 128-bit values from three
 *      64 x 64 products (Karatsuba): a1*b1, a0*b0, and (a1^a0)*(b1^b0),
 *      whose XOR with the other two is the middle term a1*b0 ^ a0*b1.
 *
 *   3. The reduction of the 256-bit product modulo the field polynomial,
 *      in the reflected form: the white paper's shifts by 31, 30, 25 and
 *      by 1, 2, 7 (the polynomial's x^7 + x^2 + x terms, reflected).
 *
 *   4. Four blocks at once: Y_(i+4) = (Y_i ^ X_1)*H^4 ^ X_2*H^3 ^ X_3*H^2
 *      ^ X_4*H (Horner's rule unrolled). The four products are added
 *      unreduced, and reduced once; the four multiplications are
 *      independent, so the processor overlaps them.
 *
 * PCLMULQDQ's time does not depend on its operands, and no branch or
 * memory index here depends on H or the data: constant-time, as gcm.c's.
 *
 * Built with -mpclmul -msse4.1 -mssse3 for this file only (the Makefile),
 * on x86-64 only; elsewhere the file is empty.
 */
#include "crypto/ghash_x86.h"

#if defined(__x86_64__)

#include <immintrin.h>
#include <string.h>

#include "core/util.h"

/* ------------------------------------------------------- GF(2^128) --- */

/* A block with its bytes reversed (step 1), and back. */
static inline __m128i reverse_bytes(__m128i x)
{
    const __m128i order =
        _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    return _mm_shuffle_epi8(x, order);
}

static inline __m128i load_block(const uint8_t *p)
{
    return reverse_bytes(_mm_loadu_si128((const __m128i *)p));
}

/* The 256-bit carry-less product a * b as hi:lo, Karatsuba (step 2). */
typedef struct {
    __m128i lo, hi;
} product;

static inline product clmul(__m128i a, __m128i b)
{
    product p;
    p.lo = _mm_clmulepi64_si128(a, b, 0x00);            /* a0 * b0 */
    p.hi = _mm_clmulepi64_si128(a, b, 0x11);            /* a1 * b1 */
    __m128i a_sum = _mm_xor_si128(a, _mm_shuffle_epi32(a, 0x4e));
    __m128i b_sum = _mm_xor_si128(b, _mm_shuffle_epi32(b, 0x4e));
    __m128i mid = _mm_clmulepi64_si128(a_sum, b_sum, 0x00);
    mid = _mm_xor_si128(mid, _mm_xor_si128(p.lo, p.hi)); /* a1*b0 ^ a0*b1 */
    p.lo = _mm_xor_si128(p.lo, _mm_slli_si128(mid, 8));
    p.hi = _mm_xor_si128(p.hi, _mm_srli_si128(mid, 8));
    return p;
}

static inline product add(product x, product y)
{
    product z = {_mm_xor_si128(x.lo, y.lo), _mm_xor_si128(x.hi, y.hi)};
    return z;
}

/* The product back into the field (steps 1 and 3): shift the 256 bits left
 * by one, then reduce modulo x^128 + x^7 + x^2 + x + 1, reflected. */
static inline __m128i reduce(product p)
{
    /* Shift hi:lo left by one bit: each 32-bit lane shifts, and the bit
     * it loses enters the next lane up. */
    __m128i lo_carry = _mm_srli_epi32(p.lo, 31);
    __m128i hi_carry = _mm_srli_epi32(p.hi, 31);
    __m128i lo = _mm_slli_epi32(p.lo, 1);
    __m128i hi = _mm_slli_epi32(p.hi, 1);
    hi = _mm_or_si128(hi, _mm_srli_si128(lo_carry, 12));   /* lo's top bit */
    hi = _mm_or_si128(hi, _mm_slli_si128(hi_carry, 4));
    lo = _mm_or_si128(lo, _mm_slli_si128(lo_carry, 4));

    /* First phase: fold the low 128 bits' multiples of x^7, x^2, x
     * (shifts by 25, 30, 31 in the reflected order). */
    __m128i t = _mm_xor_si128(_mm_slli_epi32(lo, 31), _mm_slli_epi32(lo, 30));
    t = _mm_xor_si128(t, _mm_slli_epi32(lo, 25));
    __m128i spill = _mm_srli_si128(t, 4);
    lo = _mm_xor_si128(lo, _mm_slli_si128(t, 12));

    /* Second phase: the shifts by 1, 2, 7, and the sum into hi. */
    __m128i u = _mm_xor_si128(_mm_srli_epi32(lo, 1), _mm_srli_epi32(lo, 2));
    u = _mm_xor_si128(u, _mm_srli_epi32(lo, 7));
    u = _mm_xor_si128(u, spill);
    lo = _mm_xor_si128(lo, u);
    return _mm_xor_si128(hi, lo);
}

static inline __m128i gf_mul(__m128i a, __m128i b)
{
    return reduce(clmul(a, b));
}

/* ------------------------------------------------------------ GHASH --- */

void ghash_x86_set_key(ghash_x86_key *key, const uint8_t h[16])
{
    __m128i h1 = load_block(h);
    __m128i power = h1;
    for (int i = 0; i < 4; i++) {
        _mm_storeu_si128((__m128i *)key->h_powers[i], power);   /* H^(i+1) */
        power = gf_mul(power, h1);
    }
}

typedef struct {
    __m128i h[4];   /* H^1 .. H^4 */
    __m128i y;      /* the running value Y */
} ghash_state;

/* Absorb len bytes, the last block padded with zero bytes (the 0^v and
 * 0^u of SP 800-38D 7.1 step 5). */
static void absorb(ghash_state *g, const uint8_t *data, size_t len)
{
    /* Four blocks at once (step 4). */
    for (; len >= 64; data += 64, len -= 64) {
        __m128i x1 = _mm_xor_si128(g->y, load_block(data));
        product sum = clmul(x1, g->h[3]);
        sum = add(sum, clmul(load_block(data + 16), g->h[2]));
        sum = add(sum, clmul(load_block(data + 32), g->h[1]));
        sum = add(sum, clmul(load_block(data + 48), g->h[0]));
        g->y = reduce(sum);
    }
    for (; len >= 16; data += 16, len -= 16)
        g->y = gf_mul(_mm_xor_si128(g->y, load_block(data)), g->h[0]);
    if (len > 0) {
        uint8_t last[16] = {0};
        memcpy(last, data, len);
        g->y = gf_mul(_mm_xor_si128(g->y, load_block(last)), g->h[0]);
        see_wipe(last, sizeof last);
    }
}

void ghash_x86(const ghash_x86_key *key, const uint8_t *aad, size_t aad_len,
               const uint8_t *ciphertext, size_t len, uint8_t out[16])
{
    ghash_state g;
    for (int i = 0; i < 4; i++)
        g.h[i] = _mm_loadu_si128((const __m128i *)key->h_powers[i]);
    g.y = _mm_setzero_si128();
    absorb(&g, aad, aad_len);
    absorb(&g, ciphertext, len);
    /* The last block: [len(A)]_64 || [len(C)]_64, lengths in bits. */
    uint8_t lengths[16];
    see_store64_be(lengths, (uint64_t)aad_len * 8);
    see_store64_be(lengths + 8, (uint64_t)len * 8);
    absorb(&g, lengths, sizeof lengths);
    _mm_storeu_si128((__m128i *)out, reverse_bytes(g.y));
    see_wipe(&g, sizeof g);
}

#else

/* Not x86-64: nothing here (ISO C wants at least one declaration). */
typedef int ghash_x86_not_built;

#endif
