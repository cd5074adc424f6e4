/*
 * field25519_10.c: arithmetic modulo p = 2^255 - 19 in ten limbs of
 * radix 2^25.5 (see field25519.h), for targets without a 128-bit integer
 * type (32-bit ARM): 32 x 32 -> 64-bit products only.
 *
 * Here "reduced" (field25519.h) is: even limbs below 2^26, odd ones below
 * 2^25 + 2^16 (carry_wide); "loose": even limbs below 2^27.6, odd ones
 * below 2^26.6 (fe_add, fe_sub).
 */
#include "crypto/field25519.h"

#if !FE25519_RADIX_51

#include "core/util.h"

/* Limb i holds 26 bits when i is even, 25 when it is odd (radix 2^25.5). */
static int limb_bits(int i)
{
    return 26 - (i & 1);
}

static uint64_t limb_mask(int i)
{
    return ((uint64_t)1 << limb_bits(i)) - 1;
}

/* Limb i's bits above its width go into the next limb; limb 9's next is
 * limb 0, times 19: what overflows limb 9 is a multiple of 2^255, and
 * 2^255 = 19 (mod p). */
static inline void carry_limb(uint64_t t[FE25519_LIMBS], int i)
{
    uint64_t over = t[i] >> limb_bits(i);
    t[i] &= limb_mask(i);
    if (i == FE25519_LIMBS - 1)
        t[0] += 19 * over;
    else
        t[i + 1] += over;
}

/*
 * Wide limbs (each below 2^62.4) to a reduced element, by two carry chains
 * run side by side, limbs 0 to 4 and limbs 4 to 9 then round to 0, in
 * ref10's order (Bernstein et al.): each step of one chain is independent
 * of the other's, so the processor does them in parallel, and the longest
 * chain of dependent carries is 7 steps instead of 11. The branch in
 * carry_limb is on i, a constant here, never on the data.
 *
 * Bounds, each carry taking a limb below 2^26 (even) or 2^25 (odd):
 *  - after 0, 4; 1, 5; 2, 6: limbs 0, 1, 2, 4, 5, 6 are done; limb 3 and
 *    7 have gained carries below 2^37.4;
 *  - 3, 7: limb 4 was below 2^26 and gains below 2^37.4, limb 8 likewise;
 *  - 4, 8: limb 5 gains below 2^11.5: below 2^25 + 2^12; limb 9 below 2^62.5;
 *  - 9: limb 0 gains 19 times below 2^37.5, below 2^41.8;
 *  - 0: limb 1 gains below 2^15.8: below 2^25 + 2^16.
 * So even limbs end below 2^26 and odd ones below 2^25, except limb 1
 * (below 2^25 + 2^16) and limb 5 (below 2^25 + 2^12): "reduced", as this
 * file's header says, what fe_mul accepts.
 */
static inline void carry_wide(fe25519 *h, uint64_t t[FE25519_LIMBS])
{
    carry_limb(t, 0);
    carry_limb(t, 4);
    carry_limb(t, 1);
    carry_limb(t, 5);
    carry_limb(t, 2);
    carry_limb(t, 6);
    carry_limb(t, 3);
    carry_limb(t, 7);
    carry_limb(t, 4);
    carry_limb(t, 8);
    carry_limb(t, 9);
    carry_limb(t, 0);
    for (int i = 0; i < FE25519_LIMBS; i++)
        h->v[i] = (uint32_t)t[i];
}

void fe_from_bytes(fe25519 *h, const uint8_t s[32])
{
    /* Bytes go into an accumulator from the bottom; each limb takes its
     * 26 or 25 bits off the bottom. Ten limbs take 255 bits: bit 255, the
     * top bit of s[31], is left in the accumulator (ignored). */
    uint64_t acc = 0;
    int acc_bits = 0;
    int next = 0;
    for (int i = 0; i < FE25519_LIMBS; i++) {
        while (acc_bits < limb_bits(i)) {
            acc |= (uint64_t)s[next++] << acc_bits;
            acc_bits += 8;
        }
        h->v[i] = (uint32_t)(acc & limb_mask(i));
        acc >>= limb_bits(i);
        acc_bits -= limb_bits(i);
    }
    see_wipe(&acc, sizeof acc);
}

void fe_to_bytes(uint8_t s[32], const fe25519 *h)
{
    /* h is reduced, so its value v is below 2^255 + 2^141 < 2p: v mod p is
     * v - q p with q = 0 or 1, and q = 1 exactly when v + 19 >= 2^255.
     * Carrying 19 up through the limbs gives q without a comparison. */
    uint64_t t[FE25519_LIMBS];
    for (int i = 0; i < FE25519_LIMBS; i++)
        t[i] = h->v[i];
    uint64_t q = (t[0] + 19) >> limb_bits(0);
    for (int i = 1; i < FE25519_LIMBS; i++)
        q = (t[i] + q) >> limb_bits(i);

    /* v - q p = v + 19 q - q 2^255: add 19 q, carry, drop bit 255. */
    t[0] += 19 * q;
    for (int i = 0; i < FE25519_LIMBS - 1; i++) {
        t[i + 1] += t[i] >> limb_bits(i);
        t[i] &= limb_mask(i);
    }
    t[9] &= limb_mask(9);

    /* 255 bits out, little-endian; the last byte holds 7 of them. */
    uint64_t acc = 0;
    int acc_bits = 0;
    int out = 0;
    for (int i = 0; i < FE25519_LIMBS; i++) {
        acc |= t[i] << acc_bits;
        acc_bits += limb_bits(i);
        while (acc_bits >= 8) {
            s[out++] = (uint8_t)acc;
            acc >>= 8;
            acc_bits -= 8;
        }
    }
    s[out] = (uint8_t)acc;
    see_wipe(t, sizeof t);
    see_wipe(&acc, sizeof acc);
    see_wipe(&q, sizeof q);
}

/* No carry: each limb of the sum is below 2^27, which fe_mul, fe_sq and
 * fe_mul_small accept ("loose" in field25519.h). */
void fe_add(fe25519 *h, const fe25519 *f, const fe25519 *g)
{
    for (int i = 0; i < FE25519_LIMBS; i++)
        h->v[i] = f->v[i] + g->v[i];
}

/* 2p limb by limb: limb 0 is 2 (2^26 - 19), the other even limbs
 * 2 (2^26 - 1), the odd ones 2 (2^25 - 1). Each is at least any reduced
 * limb, so f + 2p - g never goes below zero in any limb; no carry: each
 * limb is below 2^27.6 (even) or 2^26.6 (odd), "loose". */
static uint32_t two_p_limb(int i)
{
    return (uint32_t)(2 * (limb_mask(i) - (i == 0 ? 18 : 0)));
}

void fe_sub(fe25519 *h, const fe25519 *f, const fe25519 *g)
{
    for (int i = 0; i < FE25519_LIMBS; i++)
        h->v[i] = f->v[i] + two_p_limb(i) - g->v[i];
}

/*
 * Schoolbook product, 100 limb products. Limb i sits at bit ceil(25.5 i);
 * f_i g_j lands at ceil(25.5 i) + ceil(25.5 j), which is limb (i + j)'s
 * position, plus one bit when i and j are both odd (two half bits): those
 * products count twice. Positions from 2^255 up wrap around times 19
 * (2^255 = 19 mod p): limb i + j >= 10 goes to limb i + j - 10.
 *
 * The doubling and the 19 are done once per limb beforehand (f's odd limbs
 * doubled, g times 19), not once per product, as ref10 does: each is still
 * a 32-bit number (2 * 2^26.6 and 19 * 2^27.6 are below 2^32). Which of
 * them a product takes depends on i and j only.
 *
 * Bounds: loose limbs are below 2^27.6 (even) and 2^26.6 (odd). An
 * output limb sums five even-even terms, each below 19 * 2^55.2 = 2^59.5,
 * and five odd-odd ones, below 2 * 19 * 2^53.2 = 2^58.5; or ten even-odd
 * ones, below 19 * 2^54.2 = 2^58.5: below 2^62.4 either way, so the 64-bit
 * sums never overflow.
 */
void fe_mul(fe25519 *h, const fe25519 *f, const fe25519 *g)
{
    uint32_t f_odd2[FE25519_LIMBS], g19[FE25519_LIMBS];
#pragma GCC unroll 10
    for (int i = 0; i < FE25519_LIMBS; i++) {
        f_odd2[i] = f->v[i] << (i & 1);
        g19[i] = 19 * g->v[i];
    }
    uint64_t t[FE25519_LIMBS] = {0};
#pragma GCC unroll 10
    for (int i = 0; i < FE25519_LIMBS; i++) {
#pragma GCC unroll 10
        for (int j = 0; j < FE25519_LIMBS; j++) {
            uint32_t fi = (i & j & 1) ? f_odd2[i] : f->v[i];
            uint32_t gj = i + j < FE25519_LIMBS ? g->v[j] : g19[j];
            t[(i + j) % FE25519_LIMBS] += (uint64_t)fi * gj;
        }
    }
    carry_wide(h, t);
}

/* fe_mul(h, f, f) in 55 limb products instead of 100: f_i f_j and
 * f_j f_i are one product counted twice (the shift by i != j). */
void fe_sq(fe25519 *h, const fe25519 *f)
{
    uint32_t f_odd2[FE25519_LIMBS], f19[FE25519_LIMBS];
#pragma GCC unroll 10
    for (int i = 0; i < FE25519_LIMBS; i++) {
        f_odd2[i] = f->v[i] << (i & 1);
        f19[i] = 19 * f->v[i];
    }
    uint64_t t[FE25519_LIMBS] = {0};
#pragma GCC unroll 10
    for (int i = 0; i < FE25519_LIMBS; i++) {
#pragma GCC unroll 10
        for (int j = i; j < FE25519_LIMBS; j++) {
            uint32_t fi = (i & j & 1) ? f_odd2[i] : f->v[i];
            uint32_t fj = i + j < FE25519_LIMBS ? f->v[j] : f19[j];
            t[(i + j) % FE25519_LIMBS] += ((uint64_t)fi * fj) << (i != j);
        }
    }
    carry_wide(h, t);
}

void fe_mul_small(fe25519 *h, const fe25519 *f, uint32_t n)
{
    uint64_t t[FE25519_LIMBS];
    for (int i = 0; i < FE25519_LIMBS; i++)
        t[i] = (uint64_t)f->v[i] * n;
    carry_wide(h, t);
}

#endif /* !FE25519_RADIX_51 */
