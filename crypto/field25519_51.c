/*
 * field25519_51.c: arithmetic modulo p = 2^255 - 19 in five limbs of 51
 * bits (see field25519.h), where the compiler has a 128-bit integer type:
 * a limb product is 64 x 64 -> 128 bits, one instruction on x86-64 and
 * 64-bit ARM. A quarter of the ten-limb code's products (25, not 100), and
 * one short carry chain after each.
 *
 *   x = h[0] + h[1] 2^51 + h[2] 2^102 + h[3] 2^153 + h[4] 2^204
 *
 * Here "reduced" (field25519.h) is: every limb below 2^51, except limb 1,
 * below 2^51 + 2^10 (carry_wide); "loose": every limb below 2^52.6
 * (fe_add, fe_sub).
 */
#include "crypto/field25519.h"

#if FE25519_RADIX_51

#include "core/util.h"

/* GCC and Clang's 128-bit integer; __extension__ keeps -Wpedantic quiet
 * about a type ISO C does not have. */
__extension__ typedef unsigned __int128 uint128;

#define LIMB_BITS 51
#define LIMB_MASK ((((uint64_t)1) << LIMB_BITS) - 1)

/*
 * Wide limbs to a reduced element: one carry chain from limb 0 to limb 4,
 * then what overflows limb 4 (a multiple of 2^255, and 2^255 = 19 mod p)
 * comes back into limb 0 times 19, and limb 0's excess once more to limb 1.
 *
 * Bounds, for fe_mul's and fe_sq's sums (limbs 0 to 3 below 2^111.8,
 * limb 4 below 2^107.5: it has no wrapped, times-19 terms): each carry out
 * of limbs 0 to 3 is below 2^60.8 + 1; limb 4 with its carry stays below
 * 2^107.6, so its carry is below 2^56.6 and 19 times it below 2^60.9, which
 * fits the 64-bit limb 0 (below 2^51 before). Limb 0's last carry is below
 * 2^10: limb 1 ends below 2^51 + 2^10.
 */
static inline void carry_wide(fe25519 *h, uint128 t[FE25519_LIMBS])
{
#pragma GCC unroll 4
    for (int i = 0; i < FE25519_LIMBS - 1; i++) {
        t[i + 1] += (uint64_t)(t[i] >> LIMB_BITS);
        h->v[i] = (uint64_t)t[i] & LIMB_MASK;
    }
    uint64_t over = (uint64_t)(t[4] >> LIMB_BITS);
    h->v[4] = (uint64_t)t[4] & LIMB_MASK;
    h->v[0] += 19 * over;
    h->v[1] += h->v[0] >> LIMB_BITS;
    h->v[0] &= LIMB_MASK;
}

/* 8 bytes little-endian to a number, and back. */
static uint64_t load64_le(const uint8_t *s)
{
    uint64_t w = 0;
    for (int i = 7; i >= 0; i--)
        w = (w << 8) | s[i];
    return w;
}

static void store64_le(uint8_t *s, uint64_t w)
{
    for (int i = 0; i < 8; i++)
        s[i] = (uint8_t)(w >> (8 * i));
}

void fe_from_bytes(fe25519 *h, const uint8_t s[32])
{
    /* Four 64-bit words w0..w3; limb i is bits 51 i to 51 i + 50, which
     * straddle two words; bit 255 (the top of w3) is dropped by limb 4's
     * mask. */
    uint64_t w0 = load64_le(s), w1 = load64_le(s + 8);
    uint64_t w2 = load64_le(s + 16), w3 = load64_le(s + 24);
    h->v[0] = w0 & LIMB_MASK;
    h->v[1] = ((w0 >> 51) | (w1 << 13)) & LIMB_MASK;
    h->v[2] = ((w1 >> 38) | (w2 << 26)) & LIMB_MASK;
    h->v[3] = ((w2 >> 25) | (w3 << 39)) & LIMB_MASK;
    h->v[4] = (w3 >> 12) & LIMB_MASK;
    see_wipe(&w0, sizeof w0);
    see_wipe(&w1, sizeof w1);
    see_wipe(&w2, sizeof w2);
    see_wipe(&w3, sizeof w3);
}

void fe_to_bytes(uint8_t s[32], const fe25519 *h)
{
    /* h is reduced, so its value v is below 2^255 + 2^61 < 2p: v mod p is
     * v - q p with q = 0 or 1, and q = 1 exactly when v + 19 >= 2^255.
     * Carrying 19 up through the limbs gives q without a comparison. */
    uint64_t t[FE25519_LIMBS];
    for (int i = 0; i < FE25519_LIMBS; i++)
        t[i] = h->v[i];
    uint64_t q = (t[0] + 19) >> LIMB_BITS;
    for (int i = 1; i < FE25519_LIMBS; i++)
        q = (t[i] + q) >> LIMB_BITS;

    /* v - q p = v + 19 q - q 2^255: add 19 q, carry, drop bit 255. */
    t[0] += 19 * q;
    for (int i = 0; i < FE25519_LIMBS - 1; i++) {
        t[i + 1] += t[i] >> LIMB_BITS;
        t[i] &= LIMB_MASK;
    }
    t[4] &= LIMB_MASK;

    /* 5 x 51 = 255 bits into four words, little-endian. */
    store64_le(s, t[0] | (t[1] << 51));
    store64_le(s + 8, (t[1] >> 13) | (t[2] << 38));
    store64_le(s + 16, (t[2] >> 26) | (t[3] << 25));
    store64_le(s + 24, (t[3] >> 39) | (t[4] << 12));
    see_wipe(t, sizeof t);
    see_wipe(&q, sizeof q);
}

/* No carry: each limb of the sum is below 2^52 + 2^10, "loose". */
void fe_add(fe25519 *h, const fe25519 *f, const fe25519 *g)
{
    for (int i = 0; i < FE25519_LIMBS; i++)
        h->v[i] = f->v[i] + g->v[i];
}

/* 2p limb by limb: limb 0 is 2 (2^51 - 19), the others 2 (2^51 - 1).
 * Each is above any reduced limb (2^52 - 38 > 2^51 + 2^10), so
 * f + 2p - g never goes below zero in any limb; no carry: each limb is
 * below 2^51 + 2^10 + 2^52 < 2^52.6, "loose". */
static uint64_t two_p_limb(int i)
{
    return 2 * (LIMB_MASK - (i == 0 ? 18 : 0));
}

void fe_sub(fe25519 *h, const fe25519 *f, const fe25519 *g)
{
    for (int i = 0; i < FE25519_LIMBS; i++)
        h->v[i] = f->v[i] + two_p_limb(i) - g->v[i];
}

/*
 * Schoolbook product, 25 limb products: f_i g_j lands at 2^(51 (i + j)),
 * limb i + j; from limb 5 up (2^255 and above) it wraps around times 19
 * (2^255 = 19 mod p) into limb i + j - 5. The 19 is taken once per limb
 * of g beforehand (19 g_j is below 2^56.9, still 64 bits), not per product.
 * Which of g_j and 19 g_j a product takes depends on i and j only.
 *
 * Bounds: loose limbs are below 2^52.6, so a product is below 2^105.2, or
 * 2^109.5 with the 19; a limb sums five: below 2^111.8, and limb 4, which
 * has no wrapped term, below 2^107.5. A 128-bit sum never overflows.
 */
void fe_mul(fe25519 *h, const fe25519 *f, const fe25519 *g)
{
    uint64_t g19[FE25519_LIMBS];
#pragma GCC unroll 5
    for (int j = 0; j < FE25519_LIMBS; j++)
        g19[j] = 19 * g->v[j];
    uint128 t[FE25519_LIMBS] = {0};
#pragma GCC unroll 5
    for (int i = 0; i < FE25519_LIMBS; i++) {
#pragma GCC unroll 5
        for (int j = 0; j < FE25519_LIMBS; j++) {
            uint64_t gj = i + j < FE25519_LIMBS ? g->v[j] : g19[j];
            t[(i + j) % FE25519_LIMBS] += (uint128)f->v[i] * gj;
        }
    }
    carry_wide(h, t);
}

/* fe_mul(h, f, f) in 15 limb products instead of 25: f_i f_j and f_j f_i
 * are one product counted twice, 2 f_i times f_j (2 f_i is below 2^53.6,
 * still 64 bits). The bounds are fe_mul's: a doubled product stands for
 * two of its equal terms. */
void fe_sq(fe25519 *h, const fe25519 *f)
{
    uint64_t f2[FE25519_LIMBS], f19[FE25519_LIMBS];
#pragma GCC unroll 5
    for (int j = 0; j < FE25519_LIMBS; j++) {
        f2[j] = 2 * f->v[j];
        f19[j] = 19 * f->v[j];
    }
    uint128 t[FE25519_LIMBS] = {0};
#pragma GCC unroll 5
    for (int i = 0; i < FE25519_LIMBS; i++) {
#pragma GCC unroll 5
        for (int j = i; j < FE25519_LIMBS; j++) {
            uint64_t fi = i == j ? f->v[i] : f2[i];
            uint64_t fj = i + j < FE25519_LIMBS ? f->v[j] : f19[j];
            t[(i + j) % FE25519_LIMBS] += (uint128)fi * fj;
        }
    }
    carry_wide(h, t);
}

/* Each product below 2^52.6 * 2^20 = 2^72.6: carry_wide's bounds hold. */
void fe_mul_small(fe25519 *h, const fe25519 *f, uint32_t n)
{
    uint128 t[FE25519_LIMBS];
    for (int i = 0; i < FE25519_LIMBS; i++)
        t[i] = (uint128)f->v[i] * n;
    carry_wide(h, t);
}

#endif /* FE25519_RADIX_51 */
