/*
 * chacha20_x86.c: ChaCha20's keystream eight blocks at once with the
 * x86-64 AVX2 instructions, beside crypto/chacha20.c (one block at a
 * time, the reference): read that for the algorithm, RFC 8439 2.1-2.4.
 *
 * The eight blocks of a group differ only in their counter (word 12), and
 * the rounds do the same thing to each. So instead of one block's sixteen
 * words, each 256-bit register holds one word of eight blocks, a 32-bit
 * lane per block:
 *
 *     x[0]  = word 0 of blocks n, n+1, ..., n+7   (all the same constant)
 *     ...
 *     x[12] = n, n+1, ..., n+7                     (the counters)
 *     ...
 *     x[15] = word 15 of the eight blocks
 *
 * and chacha20.c's quarter round, written on these registers, runs the
 * quarter round of eight blocks in one go (VPADDD, VPXOR, and a rotation).
 * The rotations by 16 and 8 move whole bytes within each lane: one byte
 * shuffle (VPSHUFB) each; by 12 and 7, two shifts and an OR.
 *
 * At the end the words sit the wrong way round for memory: block j's are
 * lane j of every register. Transposing the 8 x 8 matrix of words 0..7
 * (registers x[0..7], lanes 0..7), then that of words 8..15, gives each
 * block's 64 bytes as two registers, XORed into the message. A last part
 * of more than two blocks but less than a group goes through a buffer.
 *
 * Constant-time as the portable code: the same additions, XORs and fixed
 * rotations, in lanes; no table, no branch and no address on the key.
 * A lane cannot carry into its neighbour (VPADDD adds 32-bit lanes).
 *
 * Built with -mavx2 for this file only (the Makefile), on x86-64 only;
 * elsewhere the file is empty.
 */
#include "crypto/chacha20_x86.h"

#if defined(__x86_64__)

#include <immintrin.h>


#include "core/util.h"

#define GROUP_BYTES (64 * CHACHA20_X86_BLOCKS)

static inline __m256i load(const uint8_t *p)
{
    return _mm256_loadu_si256((const __m256i *)p);
}

static inline void store(uint8_t *p, __m256i x)
{
    _mm256_storeu_si256((__m256i *)p, x);
}

/* "<<< 16" in every lane: the lane's bytes (lowest first) b0 b1 b2 b3
 * become b2 b3 b0 b1. VPSHUFB picks each byte of a 128-bit half by its
 * index in that half, so the table is written once per half. */
static inline __m256i rotl16(__m256i v)
{
    const __m256i bytes = _mm256_setr_epi8(
        2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13,
        2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13);
    return _mm256_shuffle_epi8(v, bytes);
}

/* "<<< 8": b0 b1 b2 b3 become b3 b0 b1 b2. */
static inline __m256i rotl8(__m256i v)
{
    const __m256i bytes = _mm256_setr_epi8(
        3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14,
        3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14);
    return _mm256_shuffle_epi8(v, bytes);
}

/* "<<< n" for the other two (12 and 7): a macro, as the shift counts must
 * be constants. */
#define ROTL(v, n) \
    _mm256_or_si256(_mm256_slli_epi32((v), (n)), _mm256_srli_epi32((v), 32 - (n)))

/* The quarter round of RFC 8439 2.1, line for line, on eight blocks. */
static inline void quarter_round(__m256i *a, __m256i *b, __m256i *c, __m256i *d)
{
    *a = _mm256_add_epi32(*a, *b); *d = rotl16(_mm256_xor_si256(*d, *a));
    *c = _mm256_add_epi32(*c, *d); *b = ROTL(_mm256_xor_si256(*b, *c), 12);
    *a = _mm256_add_epi32(*a, *b); *d = rotl8(_mm256_xor_si256(*d, *a));
    *c = _mm256_add_epi32(*c, *d); *b = ROTL(_mm256_xor_si256(*b, *c), 7);
}

/* inner_block of RFC 8439 2.3.1, as chacha20.c's. */
static inline void double_round(__m256i x[16])
{
    quarter_round(&x[0], &x[4], &x[8], &x[12]);
    quarter_round(&x[1], &x[5], &x[9], &x[13]);
    quarter_round(&x[2], &x[6], &x[10], &x[14]);
    quarter_round(&x[3], &x[7], &x[11], &x[15]);
    quarter_round(&x[0], &x[5], &x[10], &x[15]);
    quarter_round(&x[1], &x[6], &x[11], &x[12]);
    quarter_round(&x[2], &x[7], &x[8], &x[13]);
    quarter_round(&x[3], &x[4], &x[9], &x[14]);
}

/* The 8 x 8 matrix of 32-bit words r[i] lane j made r[j] lane i: from
 * "word i of each block" to "words 0..7 of block j". Three steps, each
 * moving blocks of the matrix twice the size of the step before: single
 * words (UNPCK*DQ), pairs (UNPCK*QDQ), then 128-bit halves (VPERM2I128;
 * the first two steps work within each half). Row i's lane j is written
 * i.j below, the lanes of a register in order. */
static inline void transpose8(__m256i r[8])
{
    /* t0 = 0.0 1.0 0.1 1.1 | 0.4 1.4 0.5 1.5,  t1 = the same of lanes
     * 2, 3 | 6, 7; t2, t3 of rows 2 and 3, and so on */
    __m256i t0 = _mm256_unpacklo_epi32(r[0], r[1]);
    __m256i t1 = _mm256_unpackhi_epi32(r[0], r[1]);
    __m256i t2 = _mm256_unpacklo_epi32(r[2], r[3]);
    __m256i t3 = _mm256_unpackhi_epi32(r[2], r[3]);
    __m256i t4 = _mm256_unpacklo_epi32(r[4], r[5]);
    __m256i t5 = _mm256_unpackhi_epi32(r[4], r[5]);
    __m256i t6 = _mm256_unpacklo_epi32(r[6], r[7]);
    __m256i t7 = _mm256_unpackhi_epi32(r[6], r[7]);
    /* u0 = 0.0 1.0 2.0 3.0 | 0.4 1.4 2.4 3.4: rows 0..3 of lanes 0 | 4;
     * u1 of lanes 1 | 5, u2 of 2 | 6, u3 of 3 | 7; u4..u7 the same of
     * rows 4..7 */
    __m256i u0 = _mm256_unpacklo_epi64(t0, t2);
    __m256i u1 = _mm256_unpackhi_epi64(t0, t2);
    __m256i u2 = _mm256_unpacklo_epi64(t1, t3);
    __m256i u3 = _mm256_unpackhi_epi64(t1, t3);
    __m256i u4 = _mm256_unpacklo_epi64(t4, t6);
    __m256i u5 = _mm256_unpackhi_epi64(t4, t6);
    __m256i u6 = _mm256_unpacklo_epi64(t5, t7);
    __m256i u7 = _mm256_unpackhi_epi64(t5, t7);
    /* r0 = the low halves of u0 and u4: 0.0 1.0 ... 7.0, lane 0 */
    r[0] = _mm256_permute2x128_si256(u0, u4, 0x20);
    r[1] = _mm256_permute2x128_si256(u1, u5, 0x20);
    r[2] = _mm256_permute2x128_si256(u2, u6, 0x20);
    r[3] = _mm256_permute2x128_si256(u3, u7, 0x20);
    r[4] = _mm256_permute2x128_si256(u0, u4, 0x31);
    r[5] = _mm256_permute2x128_si256(u1, u5, 0x31);
    r[6] = _mm256_permute2x128_si256(u2, u6, 0x31);
    r[7] = _mm256_permute2x128_si256(u3, u7, 0x31);
}

/* One group: the keystream of the eight blocks whose state is initial
 * (20 rounds, the input added back: RFC 8439 2.3), XORed onto 512 bytes of
 * in. x is the caller's, to be wiped.
 *
 * The loops are unrolled (the pragmas, which GCC and clang read): with
 * every index a constant the sixteen words can stay in registers (and
 * the compiler's own spills) instead of an array in memory; unrolled,
 * 8 KiB of code, about 20% faster here than the loops as written. */
static void xor_group(const __m256i initial[16], __m256i x[16],
                      const uint8_t *in, uint8_t *out)
{
#pragma GCC unroll 16
    for (int i = 0; i < 16; i++)
        x[i] = initial[i];
#pragma GCC unroll 10
    for (int i = 0; i < 10; i++)
        double_round(x);
#pragma GCC unroll 16
    for (int i = 0; i < 16; i++)
        x[i] = _mm256_add_epi32(x[i], initial[i]);

    transpose8(x);       /* x[j]: words 0..7 of block j */
    transpose8(x + 8);   /* x[8 + j]: words 8..15 of block j */
#pragma GCC unroll 8
    for (int j = 0; j < CHACHA20_X86_BLOCKS; j++) {
        const uint8_t *src = in + 64 * j;
        uint8_t *dst = out + 64 * j;
        store(dst, _mm256_xor_si256(load(src), x[j]));
        store(dst + 32, _mm256_xor_si256(load(src + 32), x[8 + j]));
    }
}

size_t chacha20_x86_xor(const uint32_t state[16], const uint8_t *in,
                        uint8_t *out, size_t len)
{
    size_t groups = len / GROUP_BYTES;
    __m256i initial[16], x[16];
    for (int i = 0; i < 16; i++)
        initial[i] = _mm256_set1_epi32((int)state[i]);
    /* Lane j counts block state[12] + j. The caller passes whole groups
     * whose every block stays at most 2^32 - 1: no lane wraps. */
    initial[12] = _mm256_add_epi32(initial[12], _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
    const __m256i next = _mm256_set1_epi32(CHACHA20_X86_BLOCKS);

    for (size_t g = 0; g < groups; g++) {
        xor_group(initial, x, in + g * GROUP_BYTES, out + g * GROUP_BYTES);
        initial[12] = _mm256_add_epi32(initial[12], next);
    }
    see_wipe(initial, sizeof initial);
    see_wipe(x, sizeof x);
    return groups * GROUP_BYTES;
}

#endif
