/*
 * poly1305_44.c: Poly1305's arithmetic modulo p = 2^130 - 5 in three limbs
 * of 44, 44 and 42 bits (see poly1305.h), where the compiler has a 128-bit
 * integer type: a limb product is 64 x 64 -> 128 bits, one instruction on
 * x86-64 and 64-bit ARM. Nine products a block, not twenty-five, and a
 * carry chain of three limbs, not five.
 *
 *     x = x[0] + x[1]*2^44 + x[2]*2^88
 *
 * Why 44 and 42: 44 + 44 + 42 = 130, so the top limb ends exactly at
 * 2^130, where 2^130 = 5 (mod p) folds the overflow back; and a 44-bit
 * limb times a limb times 20 (below) still leaves, in 128 bits, room to
 * add three such products.
 *
 * Here "partly reduced" (poly1305.h) is: limbs 0 and 2 below 2^44 and 2^42,
 * limb 1 below 2^44 + 2^7 (mul_reduce; poly1305_limbs_from_26 gives limb 0
 * up to 2^44 + 10 too). No step branches on, or indexes memory by, the
 * key, the accumulator or the message.
 */
#include "crypto/poly1305.h"

#if POLY1305_RADIX_44

#include "core/util.h"

/* GCC and Clang's 128-bit integer; __extension__ keeps -Wpedantic quiet
 * about a type ISO C does not have. */
__extension__ typedef unsigned __int128 uint128;

#define MASK44 ((((uint64_t)1) << 44) - 1)
#define MASK42 ((((uint64_t)1) << 42) - 1)
#define MASK26 ((((uint64_t)1) << 26) - 1)

/* 8 bytes little-endian to a number. */
static uint64_t load64_le(const uint8_t *s)
{
    return (uint64_t)see_load32_le(s) | ((uint64_t)see_load32_le(s + 4) << 32);
}

/* 16 little-endian bytes (a 128-bit number) into three limbs. */
void poly1305_limbs_from_bytes(uint64_t x[3], const uint8_t bytes[16])
{
    uint64_t lo = load64_le(bytes), hi = load64_le(bytes + 8);
    x[0] = lo & MASK44;                         /* bits  0..43  */
    x[1] = ((lo >> 44) | (hi << 20)) & MASK44;  /* bits 44..87  */
    x[2] = hi >> 24;                            /* bits 88..127 */
}

/*
 * h = f * g mod p, partly reduced.
 *
 * A product of limbs i and j lies at 2^(44i + 44j) with limb 2 worth
 * 2^88: f1*g2 and f2*g1 at 2^132 = 4 * 2^130, which is 4 * 5 = 20 mod p
 * (at limb 0); f2*g2 at 2^176 = 2^130 * 2^46 = 20 * 2^44 mod p (at limb 1).
 * Hence g's limbs 1 and 2 premultiplied by 20.
 *
 * Bounds: f's limbs below 2^45.1, 2^45.1 and 2^42.6 (a partly reduced
 * accumulator plus a block and its 2^128), g's below 2^44, 2^44 + 2^7 and
 * 2^42 (r or a power of r): each column below 2^92.3, well within 128
 * bits. The carries: out of limb 0 below 2^48.3, out of limb 1 below
 * 2^46.6, out of limb 2 (at 2^130, so back into limb 0 times 5) below
 * 2^47.5, times 5 below 2^49.9; limb 0's last carry into limb 1 below 2^6.
 */
static inline void mul_reduce(uint64_t h[3], const uint64_t f[3],
                              const uint64_t g[3])
{
    const uint64_t g0 = g[0], g1 = g[1], g2 = g[2];
    const uint64_t s1 = g1 * 20, s2 = g2 * 20;

    uint128 d0 = (uint128)f[0] * g0 + (uint128)f[1] * s2 + (uint128)f[2] * s1;
    uint128 d1 = (uint128)f[0] * g1 + (uint128)f[1] * g0 + (uint128)f[2] * s2;
    uint128 d2 = (uint128)f[0] * g2 + (uint128)f[1] * g1 + (uint128)f[2] * g0;

    /* Carry each column into the next; what leaves limb 2 is at 2^130,
     * so it wraps round to limb 0 times 5. */
    d1 += (uint64_t)(d0 >> 44);
    d2 += (uint64_t)(d1 >> 44);
    uint64_t c = (uint64_t)(d2 >> 42);
    uint64_t l0 = ((uint64_t)d0 & MASK44) + c * 5;
    h[0] = l0 & MASK44;
    h[1] = ((uint64_t)d1 & MASK44) + (l0 >> 44);
    h[2] = (uint64_t)d2 & MASK42;
}

void poly1305_limbs_mul(uint64_t h[3], const uint64_t f[3], const uint64_t g[3])
{
    mul_reduce(h, f, g);
}

/* acc = ((acc + block + top) * r) mod p for each block; top is 2^128 for
 * a full block (limb 2's bit 40), 0 for the padded last one. */
void poly1305_limbs_blocks(uint64_t acc[3], const uint64_t r[3],
                           const uint8_t *m, size_t n, int full)
{
    const uint64_t top = full ? (uint64_t)1 << 40 : 0;
    uint64_t block[3];
    for (size_t i = 0; i < n; i++, m += POLY1305_BLOCK_SIZE) {
        poly1305_limbs_from_bytes(block, m);
        block[0] += acc[0];
        block[1] += acc[1];
        block[2] += acc[2] + top;
        mul_reduce(acc, block, r);
    }
    see_wipe(block, sizeof block);
}

/* Carry every limb to its width (one round: limb 0's carry into limb 1 at
 * the end is at most 1, so limb 1 may end at 2^44). The number is then
 * below 2^130 + 2^88, which is below 2p. */
static void carry(uint64_t h[3])
{
    uint64_t c;
    c = h[0] >> 44; h[0] &= MASK44; h[1] += c;
    c = h[1] >> 44; h[1] &= MASK44; h[2] += c;
    c = h[2] >> 42; h[2] &= MASK42; h[0] += c * 5;
    c = h[0] >> 44; h[0] &= MASK44; h[1] += c;
}

/* The full reduction: h < 2p, so h mod p is h or h - p. g = h + 5 - 2^130
 * = h - p is computed always; if it did not go below zero, g is the
 * answer. The choice is a mask, not a branch (RFC 8439 A.3 #5, #8, #9). */
static void reduce(uint64_t h[3])
{
    uint64_t g[3], c;
    g[0] = h[0] + 5;    c = g[0] >> 44; g[0] &= MASK44;
    g[1] = h[1] + c;    c = g[1] >> 44; g[1] &= MASK44;
    g[2] = h[2] + c - ((uint64_t)1 << 42);
    /* g[2]'s top bit is the borrow: set when h < p. */
    uint64_t use_g = (g[2] >> 63) - 1; /* all ones when h >= p */
    for (int i = 0; i < 3; i++)
        h[i] = (h[i] & ~use_g) | (g[i] & use_g);
    see_wipe(g, sizeof g);
}

void poly1305_limbs_to_words(uint32_t w[4], const uint64_t acc[3])
{
    uint64_t h[3] = {acc[0], acc[1], acc[2]};
    carry(h);
    reduce(h);
    /* The low 128 bits: the limbs added (not ORed: limb 1 may be 2^44)
     * at their places, the bits past 2^128 dropped. */
    uint128 x = (uint128)h[0] + ((uint128)h[1] << 44) + ((uint128)h[2] << 88);
    for (int i = 0; i < 4; i++)
        w[i] = (uint32_t)(x >> (32 * i));
    see_wipe(h, sizeof h);
    see_wipe(&x, sizeof x);
}

/* Five 26-bit limbs of the same number: the three limbs' bits, 26 at a
 * time. The number is below 2^130 + 2^89, so limb 4 (the bits from 104
 * on) is at most 2^26. */
void poly1305_limbs_to_26(uint32_t out[5], const uint64_t h[3])
{
    uint128 x = (uint128)h[0] + ((uint128)h[1] << 44); /* bits 0..88 */
    out[0] = (uint32_t)((uint64_t)x & MASK26);
    x >>= 26;
    out[1] = (uint32_t)((uint64_t)x & MASK26);
    x >>= 26;
    x += (uint128)h[2] << 36;                          /* 88 - 52 */
    out[2] = (uint32_t)((uint64_t)x & MASK26);
    x >>= 26;
    out[3] = (uint32_t)((uint64_t)x & MASK26);
    out[4] = (uint32_t)(x >> 26);
    see_wipe(&x, sizeof x);
}

/* Three limbs from five 26-bit ones (each below 2^27, the number below
 * 2^131.1): the bits 44 at a time, and what is above 2^130 back into limb
 * 0 times 5 (at most 2 * 5), so that the result is partly reduced. */
void poly1305_limbs_from_26(uint64_t h[3], const uint32_t in[5])
{
    uint128 x = (uint128)in[0] + ((uint128)in[1] << 26) + ((uint128)in[2] << 52);
    h[0] = (uint64_t)x & MASK44;
    x >>= 44;
    x += ((uint128)in[3] << 34) + ((uint128)in[4] << 60); /* 78 - 44, 104 - 44 */
    h[1] = (uint64_t)x & MASK44;
    uint64_t top = (uint64_t)(x >> 44);
    h[2] = top & MASK42;
    h[0] += (top >> 42) * 5;
    see_wipe(&x, sizeof x);
}

#endif
