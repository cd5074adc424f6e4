/*
 * poly1305_26.c: Poly1305's arithmetic modulo p = 2^130 - 5 in five limbs
 * of 26 bits (see poly1305.h), for targets without a 128-bit integer type
 * (32-bit ARM): 32 x 32 -> 64-bit products only.
 *
 *     x = x[0] + x[1]*2^26 + x[2]*2^52 + x[3]*2^78 + x[4]*2^104,
 *
 * so that a product of two limbs fits a uint64_t with room to add five of
 * them. Reduction uses 2^130 = 5 (mod p): a part of a product at or above
 * 2^130 comes back down multiplied by 5. No step branches on, or indexes
 * memory by, the key, the accumulator or the message.
 *
 * Here "partly reduced" (poly1305.h) is: every limb below 2^26, except
 * limb 1, below 2^26 + 2^10 (mul_reduce); every function also takes limbs
 * up to 2^27 (all that poly1305_limbs_from_26 asks of its input).
 */
#include "crypto/poly1305.h"

#if !POLY1305_RADIX_44

#include <string.h>

#include "core/util.h"

#define LIMB_MASK 0x3ffffffu /* 26 bits */

/* 16 little-endian bytes (a 128-bit number) into five 26-bit limbs. */
void poly1305_limbs_from_bytes(uint32_t limb[5], const uint8_t bytes[16])
{
    uint32_t w0 = see_load32_le(bytes), w1 = see_load32_le(bytes + 4);
    uint32_t w2 = see_load32_le(bytes + 8), w3 = see_load32_le(bytes + 12);
    limb[0] = w0 & LIMB_MASK;                       /* bits   0..25  */
    limb[1] = ((w0 >> 26) | (w1 << 6)) & LIMB_MASK; /* bits  26..51  */
    limb[2] = ((w1 >> 20) | (w2 << 12)) & LIMB_MASK;/* bits  52..77  */
    limb[3] = ((w2 >> 14) | (w3 << 18)) & LIMB_MASK;/* bits  78..103 */
    limb[4] = w3 >> 8;                              /* bits 104..127 */
}

/*
 * h = f * g mod p, partly reduced. Each limb of f below 2^27.6 (an
 * accumulator's limb below 2^27 plus a block's) and of g below 2^26 + 2^10
 * (r or a power of r): every product is below 2^53.6, times 5 below 2^56,
 * and each column of five below 2^58.
 */
static inline void mul_reduce(uint32_t h[5], const uint32_t f[5],
                              const uint32_t g[5])
{
    const uint64_t f0 = f[0], f1 = f[1], f2 = f[2], f3 = f[3], f4 = f[4];
    const uint64_t r0 = g[0], r1 = g[1], r2 = g[2], r3 = g[3], r4 = g[4];
    /* A product limb i + j >= 5 lies at 2^(26(i+j)) = 2^130 * 2^(26(i+j-5)),
     * which is 5 * 2^(26(i+j-5)) mod p: the r limbs premultiplied by 5. */
    const uint64_t s1 = r1 * 5, s2 = r2 * 5, s3 = r3 * 5, s4 = r4 * 5;

    uint64_t d0 = f0 * r0 + f1 * s4 + f2 * s3 + f3 * s2 + f4 * s1;
    uint64_t d1 = f0 * r1 + f1 * r0 + f2 * s4 + f3 * s3 + f4 * s2;
    uint64_t d2 = f0 * r2 + f1 * r1 + f2 * r0 + f3 * s4 + f4 * s3;
    uint64_t d3 = f0 * r3 + f1 * r2 + f2 * r1 + f3 * r0 + f4 * s4;
    uint64_t d4 = f0 * r4 + f1 * r3 + f2 * r2 + f3 * r1 + f4 * r0;

    /* Carry each column into the next; the carry out of the top limb is at
     * 2^130, so it wraps round to limb 0 times 5 (below 2^34.4: limb 0's
     * own carry, into limb 1, is below 2^10). */
    d1 += d0 >> 26;
    d2 += d1 >> 26;
    d3 += d2 >> 26;
    d4 += d3 >> 26;
    uint64_t c = d4 >> 26;
    uint64_t l0 = (d0 & LIMB_MASK) + c * 5;
    h[0] = (uint32_t)(l0 & LIMB_MASK);
    h[1] = (uint32_t)(d1 & LIMB_MASK) + (uint32_t)(l0 >> 26);
    h[2] = (uint32_t)(d2 & LIMB_MASK);
    h[3] = (uint32_t)(d3 & LIMB_MASK);
    h[4] = (uint32_t)(d4 & LIMB_MASK);
}

void poly1305_limbs_mul(uint32_t h[5], const uint32_t f[5], const uint32_t g[5])
{
    mul_reduce(h, f, g);
}

/* acc = ((acc + block + top) * r) mod p for each block; top is 2^128 for
 * a full block (limb 4's bit 24), 0 for the padded last one. */
void poly1305_limbs_blocks(uint32_t acc[5], const uint32_t r[5],
                           const uint8_t *m, size_t n, int full)
{
    const uint32_t top = full ? 1u << 24 : 0;
    uint32_t block[5];
    for (size_t i = 0; i < n; i++, m += POLY1305_BLOCK_SIZE) {
        poly1305_limbs_from_bytes(block, m);
        block[4] += top;
        for (int j = 0; j < 5; j++)
            block[j] += acc[j];
        mul_reduce(acc, block, r);
    }
    see_wipe(block, sizeof block);
}

/* Carry every limb down to 26 bits, congruent mod p: limb 0's carry at
 * the end is at most 2, so limb 1 may end at 2^26 + 1; the number is then
 * below 2^130 + 2^53, which is below 2p (still possibly >= p). */
static void carry(uint32_t h[5])
{
    uint32_t c;
    c = h[1] >> 26; h[1] &= LIMB_MASK; h[2] += c;
    c = h[2] >> 26; h[2] &= LIMB_MASK; h[3] += c;
    c = h[3] >> 26; h[3] &= LIMB_MASK; h[4] += c;
    c = h[4] >> 26; h[4] &= LIMB_MASK; h[0] += c * 5;
    c = h[0] >> 26; h[0] &= LIMB_MASK; h[1] += c;
}

/* The full reduction: h is below 2p, so h mod p is h or h - p.
 * g = h + 5 - 2^130 = h - p is computed always; if it did not go below
 * zero, g is the answer. The choice is a mask, not a branch (the
 * RFC 8439 A.3 vectors #5, #8 and #9 land on each side of p). */
static void reduce(uint32_t h[5])
{
    uint32_t g[5], c;
    g[0] = h[0] + 5;         c = g[0] >> 26; g[0] &= LIMB_MASK;
    g[1] = h[1] + c;         c = g[1] >> 26; g[1] &= LIMB_MASK;
    g[2] = h[2] + c;         c = g[2] >> 26; g[2] &= LIMB_MASK;
    g[3] = h[3] + c;         c = g[3] >> 26; g[3] &= LIMB_MASK;
    g[4] = h[4] + c - (1u << 26);
    /* g[4]'s top bit is the borrow: set when h < p. */
    uint32_t use_g = (g[4] >> 31) - 1u; /* all ones when h >= p */
    for (int i = 0; i < 5; i++)
        h[i] = (h[i] & ~use_g) | (g[i] & use_g);
    see_wipe(g, sizeof g);
}

void poly1305_limbs_to_words(uint32_t w[4], const uint32_t acc[5])
{
    uint32_t h[5];
    memcpy(h, acc, sizeof h);
    carry(h);
    reduce(h);
    /* The low 128 bits as four 32-bit words: limb i sits at bit 26i (added,
     * not ORed, so a limb of 26 bits and a carry is still right). */
    uint64_t f = (uint64_t)h[0] + ((uint64_t)h[1] << 26);
    w[0] = (uint32_t)f;
    f = (f >> 32) + ((uint64_t)h[2] << 20);
    w[1] = (uint32_t)f;
    f = (f >> 32) + ((uint64_t)h[3] << 14);
    w[2] = (uint32_t)f;
    f = (f >> 32) + ((uint64_t)h[4] << 8);
    w[3] = (uint32_t)f;
    see_wipe(h, sizeof h);
}

/* The vector path's layout is this one: the limbs as they are. */
void poly1305_limbs_to_26(uint32_t out[5], const uint32_t h[5])
{
    memcpy(out, h, 5 * sizeof *h);
}

void poly1305_limbs_from_26(uint32_t h[5], const uint32_t in[5])
{
    memcpy(h, in, 5 * sizeof *in);
}

#endif
