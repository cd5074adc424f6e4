/*
 * poly1305_x86.c: Poly1305's blocks four at a time with the x86-64 AVX2
 * instructions, beside the scalar code (crypto/poly1305_26.c, the one to
 * read for what is computed: acc = (acc + block) * r mod p, block after
 * block).
 *
 * Horner's rule one block at a time is a chain: each step needs the last
 * one's answer. Split in four, it is not. Over blocks m1 .. m4k,
 *
 *     acc * r^4k + m1 r^4k + m2 r^(4k-1) + ... + m4k r
 *
 * is the sum of four lanes, lane j (j = 1..4) holding blocks j, j+4,
 * j+8, ..., each lane a Horner chain of its own with r^4 for r:
 *
 *     lane_j = ((m_j * r^4 + m_(j+4)) * r^4 + ...) + m_(4k-4+j)
 *
 * and at the end lane j times r^(5-j), the lanes added (the accumulator
 * so far rides in lane 1, the first block's). The four lanes are the four
 * 64-bit lanes of a 256-bit AVX2 register; VPMULUDQ (_mm256_mul_epu32)
 * multiplies the low 32 bits of each lane into 64, four products at once,
 * so the numbers are in poly1305_26.c's five 26-bit limbs, one register a
 * limb: the same 25 products and the same carries, for four blocks.
 *
 * The method is the one in Goll and Gueron's "Vectorization of Poly1305
 * message authentication code" (ITNG 2015) and in OpenSSL's and
 * libsodium's AVX2 Poly1305, written here with intrinsics. The loop takes
 * eight blocks a step (step_8: the lanes times r^8 plus the next four
 * blocks times r^4), so that the processor overlaps the two products
 * instead of waiting for each step's carries before the next.
 *
 * No branch or memory index depends on the key, the accumulator or the
 * message: only on the number of blocks. Built with -mavx2 for this file
 * only (the Makefile), on x86-64 only; elsewhere the file is empty.
 */
#include "crypto/poly1305_x86.h"

#if defined(__x86_64__)

#include <immintrin.h>

#include "core/util.h"

#define MASK26 0x3ffffff

/* The helpers below are a few instructions each, called in the loop: they
 * must be inlined, so that the limbs stay in registers (GCC at -O2 called
 * the product and carry helpers instead, the vectors passed through
 * memory: half the speed). */
#define INLINE static inline __attribute__((always_inline))

/* Four numbers, one a lane, in five 26-bit limbs: limb[i] holds limb i
 * of all four. */
typedef struct {
    __m256i limb[5];
} lanes;

/* What the lanes are multiplied by: r's limbs, and 5 times them (the
 * products past 2^130 fold back times 5, as in poly1305_26.c). */
typedef struct {
    __m256i r[5];
    __m256i s[5];
} multiplier;

INLINE __m256i add(__m256i a, __m256i b)
{
    return _mm256_add_epi64(a, b);
}

INLINE __m256i mul(__m256i a, __m256i b)
{
    return _mm256_mul_epu32(a, b);
}

/* x = the multiplier with r^k[j] in lane j. */
INLINE void multiplier_of(multiplier *x, const uint32_t r_powers[20],
                          const int k[4])
{
    for (int i = 0; i < 5; i++) {
        x->r[i] = _mm256_setr_epi64x(r_powers[5 * (k[0] - 1) + i],
                                     r_powers[5 * (k[1] - 1) + i],
                                     r_powers[5 * (k[2] - 1) + i],
                                     r_powers[5 * (k[3] - 1) + i]);
        x->s[i] = add(x->r[i], _mm256_slli_epi64(x->r[i], 2));
    }
}

/*
 * Four blocks (64 bytes) into the lanes' limbs, each with its 2^128 (limb
 * 4's bit 24). Each block is two 64-bit words, lo and hi; the unpacks
 * gather the four lo words in one register and the four hi in another,
 * in the order blocks 1, 3, 2, 4 (they work within each 128-bit half):
 * rather than shuffle them back, the last step multiplies lane by lane by
 * r^4, r^2, r^3, r (last_step in poly1305_x86_blocks).
 */
INLINE void load_blocks(lanes *m, const uint8_t *in)
{
    const __m256i mask = _mm256_set1_epi64x(MASK26);
    __m256i a = _mm256_loadu_si256((const __m256i *)in);        /* blocks 1, 2 */
    __m256i b = _mm256_loadu_si256((const __m256i *)(in + 32)); /* blocks 3, 4 */
    __m256i lo = _mm256_unpacklo_epi64(a, b);
    __m256i hi = _mm256_unpackhi_epi64(a, b);
    m->limb[0] = _mm256_and_si256(lo, mask);
    m->limb[1] = _mm256_and_si256(_mm256_srli_epi64(lo, 26), mask);
    m->limb[2] = _mm256_and_si256(
        _mm256_or_si256(_mm256_srli_epi64(lo, 52), _mm256_slli_epi64(hi, 12)), mask);
    m->limb[3] = _mm256_and_si256(_mm256_srli_epi64(hi, 14), mask);
    m->limb[4] = _mm256_or_si256(_mm256_srli_epi64(hi, 40),
                                 _mm256_set1_epi64x(1 << 24));
}

/* One limb's carry into the next: d[from]'s bits above 26 move on. */
INLINE void carry(__m256i d[5], int from, int to)
{
    const __m256i mask = _mm256_set1_epi64x(MASK26);
    __m256i c = _mm256_srli_epi64(d[from], 26);
    d[from] = _mm256_and_si256(d[from], mask);
    d[to] = add(d[to], c);
}

/*
 * d = f * x lane by lane, the five columns of products not yet carried:
 * poly1305_26.c's mul_reduce in four lanes. Bounds: f's limbs below
 * 2^27.6 (the accumulator's below 2^27, or carry_lanes' below 2^26 + 2^11,
 * plus a block's), x's below 2^27 and 5x's below 2^29.4: each column
 * below 2^59.3.
 */
INLINE void products(__m256i d[5], const lanes *h, const multiplier *x)
{
    const __m256i *r = x->r, *s = x->s, *f = h->limb;
    d[0] = add(add(add(mul(f[0], r[0]), mul(f[1], s[4])), add(mul(f[2], s[3]), mul(f[3], s[2]))),
               mul(f[4], s[1]));
    d[1] = add(add(add(mul(f[0], r[1]), mul(f[1], r[0])), add(mul(f[2], s[4]), mul(f[3], s[3]))),
               mul(f[4], s[2]));
    d[2] = add(add(add(mul(f[0], r[2]), mul(f[1], r[1])), add(mul(f[2], r[0]), mul(f[3], s[4]))),
               mul(f[4], s[3]));
    d[3] = add(add(add(mul(f[0], r[3]), mul(f[1], r[2])), add(mul(f[2], r[1]), mul(f[3], r[0]))),
               mul(f[4], s[4]));
    d[4] = add(add(add(mul(f[0], r[4]), mul(f[1], r[3])), add(mul(f[2], r[2]), mul(f[3], r[1]))),
               mul(f[4], r[0]));
}

/*
 * h = the columns d carried, partly reduced; each column below 2^60.
 * The carries go in two chains at once, limb 0 to 1 and limb 3 to 4 (then
 * 4 to 0 times 5, 1 to 2, 2 to 3, and 0 to 1 and 3 to 4 again): shorter
 * than one chain of five, and enough: every limb ends below 2^26 but limb
 * 1 (below 2^26 + 2^11) and limb 4 (below 2^26 + 2^9), ready for the next
 * blocks' limbs to be added.
 */
INLINE void carry_lanes(lanes *h, __m256i d[5])
{
    carry(d, 3, 4);
    carry(d, 0, 1);
    /* limb 4's carry is at 2^130: into limb 0, times 5 */
    __m256i c = _mm256_srli_epi64(d[4], 26);
    d[4] = _mm256_and_si256(d[4], _mm256_set1_epi64x(MASK26));
    d[0] = add(d[0], add(c, _mm256_slli_epi64(c, 2)));
    carry(d, 1, 2);
    carry(d, 2, 3);
    carry(d, 0, 1);
    carry(d, 3, 4);
    h->limb[0] = d[0];
    h->limb[1] = d[1];
    h->limb[2] = d[2];
    h->limb[3] = d[3];
    h->limb[4] = d[4];
}

/* h = (h + the next four blocks) * x. */
INLINE void step_4(lanes *h, const uint8_t *in, const multiplier *x)
{
    lanes m;
    __m256i d[5];
    load_blocks(&m, in);
    for (int i = 0; i < 5; i++)
        h->limb[i] = add(h->limb[i], m.limb[i]);
    products(d, h, x);
    carry_lanes(h, d);
}

/*
 * h = (h + the next four blocks) * r^8 + (the four after) * r^4: two of
 * step_4 with r^4, unrolled. The second product does not wait for the
 * first, and one carry serves both (the two columns' sum below 2^60), so
 * the chain from one h to the next is a product and a carry per eight
 * blocks, not per four.
 */
INLINE void step_8(lanes *h, const uint8_t *in, const multiplier *r8,
                   const multiplier *r4)
{
    lanes m, next;
    __m256i d[5], e[5];
    load_blocks(&m, in);
    load_blocks(&next, in + 64);
    for (int i = 0; i < 5; i++)
        m.limb[i] = add(h->limb[i], m.limb[i]);
    products(d, &m, r8);
    products(e, &next, r4);
    for (int i = 0; i < 5; i++)
        d[i] = add(d[i], e[i]);
    carry_lanes(h, d);
}

/* sq = x's r squared in every lane (r^8 from r^4), partly reduced, and 5
 * times it: the multiplier of step_8's first product. */
INLINE void square(multiplier *sq, const multiplier *x)
{
    lanes r;
    __m256i d[5];
    for (int i = 0; i < 5; i++)
        r.limb[i] = x->r[i];
    products(d, &r, x);
    carry_lanes(&r, d);
    for (int i = 0; i < 5; i++) {
        sq->r[i] = r.limb[i];
        sq->s[i] = add(r.limb[i], _mm256_slli_epi64(r.limb[i], 2));
    }
}

/* The four 64-bit lanes of x added. */
INLINE uint64_t lanes_sum(__m256i x)
{
    __m128i s = _mm_add_epi64(_mm256_castsi256_si128(x),
                              _mm256_extracti128_si256(x, 1));
    s = _mm_add_epi64(s, _mm_unpackhi_epi64(s, s));
    return (uint64_t)_mm_cvtsi128_si64(s);
}

void poly1305_x86_blocks(uint32_t acc[5], const uint32_t r_powers[20],
                         const uint8_t *m, size_t n)
{
    /* Every step but the last: r^4 in every lane (and r^8 for two steps
     * at once: r^4 times itself, in the lanes). The last: lane by lane
     * the power each lane's block still needs, r^4, r^2, r^3, r (the
     * lanes hold blocks 1, 3, 2, 4 of each group: load_blocks). */
    static const int every_step[4] = {4, 4, 4, 4};
    static const int last_step[4] = {4, 2, 3, 1};
    multiplier step, last;
    multiplier_of(&step, r_powers, every_step);
    multiplier_of(&last, r_powers, last_step);

    lanes h;
    for (int i = 0; i < 5; i++)
        h.limb[i] = _mm256_setr_epi64x(acc[i], 0, 0, 0);
    size_t groups = n / 4;
    if (groups >= 3) {
        multiplier step2;
        square(&step2, &step);
        for (; groups >= 3; groups -= 2, m += 128)
            step_8(&h, m, &step2, &step);
    }
    if (groups == 2) {
        step_4(&h, m, &step);
        m += 64;
    }
    step_4(&h, m, &last);

    /* The lanes added (each limb below 2^28 + 2^13), then carried as
     * poly1305_26.c carries, limb 4's carry into limb 0 times 5. */
    uint64_t t[5];
    for (int i = 0; i < 5; i++)
        t[i] = lanes_sum(h.limb[i]);
    for (int i = 0; i < 4; i++) {
        t[i + 1] += t[i] >> 26;
        t[i] &= MASK26;
    }
    t[0] += (t[4] >> 26) * 5;
    t[4] &= MASK26;
    t[1] += t[0] >> 26;
    t[0] &= MASK26;
    for (int i = 0; i < 5; i++)
        acc[i] = (uint32_t)t[i];
    see_wipe(t, sizeof t);
}

#endif
