/*
 * chacha20_arm.c: ChaCha20's keystream four blocks at once with the arm64
 * Advanced SIMD (NEON) instructions, the arm64 twin of
 * crypto/chacha20_x86.c (whose header tells the idea at length), beside
 * crypto/chacha20.c (one block at a time, the reference; RFC 8439
 * 2.1-2.4).
 *
 * Each 128-bit register holds one word of four blocks, a 32-bit lane per
 * block (x[12] holds the counters n, n+1, n+2, n+3), and chacha20.c's
 * quarter round written on these registers runs four blocks' at once. The
 * rotations: by 16, swapping the two 16-bit halves of each lane (REV32);
 * by 12, 8 and 7, a shift left and a shift right that inserts into it
 * (SHL, SRI). Then the 4 x 4 matrices of words 0..3, 4..7, 8..11 and
 * 12..15 (registers by lanes) are transposed, which gives block j as
 * x[j], x[4 + j], x[8 + j], x[12 + j], XORed into the message. A last
 * part of three blocks, or a little less, goes through a buffer.
 *
 * Constant-time as the portable code: the same additions, XORs and fixed
 * rotations, in lanes; no table, no branch and no address on the key.
 * Linux on arm64 runs little-endian, so a register stored to memory puts
 * each word's lowest byte first, as RFC 8439 2.3 serializes it.
 *
 * NEON is part of every ARMv8-A CPU: no special flag builds this file. It
 * is compiled on arm64 only (elsewhere empty), and chosen at run time by
 * cpu_has(CPU_SIMD) so that SEETLS_NO_ASM=1 forces the portable code.
 */
#include "crypto/chacha20_arm.h"

#if defined(__aarch64__)

#include <arm_neon.h>


#include "core/util.h"

#define GROUP_BYTES (64 * CHACHA20_ARM_BLOCKS)

/* "<<< 16" in every lane: its two 16-bit halves swapped. */
static inline uint32x4_t rotl16(uint32x4_t v)
{
    return vreinterpretq_u32_u16(vrev32q_u16(vreinterpretq_u16_u32(v)));
}

/* "<<< n" (12, 8, 7): v << n, with the top n bits of v shifted down into
 * its low n bits (VSRI keeps the bits of its first operand that the shift
 * does not reach). A macro, as the shift counts must be constants. */
#define ROTL(v, n) vsriq_n_u32(vshlq_n_u32((v), (n)), (v), 32 - (n))

/* The quarter round of RFC 8439 2.1, line for line, on four blocks. */
static inline void quarter_round(uint32x4_t *a, uint32x4_t *b, uint32x4_t *c,
                                 uint32x4_t *d)
{
    *a = vaddq_u32(*a, *b); *d = rotl16(veorq_u32(*d, *a));
    *c = vaddq_u32(*c, *d); *b = ROTL(veorq_u32(*b, *c), 12);
    *a = vaddq_u32(*a, *b); *d = ROTL(veorq_u32(*d, *a), 8);
    *c = vaddq_u32(*c, *d); *b = ROTL(veorq_u32(*b, *c), 7);
}

/* inner_block of RFC 8439 2.3.1, as chacha20.c's. */
static inline void double_round(uint32x4_t x[16])
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

static inline uint64x2_t as_u64(uint32x4_t v)
{
    return vreinterpretq_u64_u32(v);
}

/* The 4 x 4 matrix of 32-bit words r[i] lane j made r[j] lane i: single
 * words swapped (TRN1, TRN2 on 32-bit lanes), then pairs (on 64-bit). */
static inline void transpose4(uint32x4_t r[4])
{
    uint32x4_t t0 = vtrn1q_u32(r[0], r[1]);   /* r0[0] r1[0] r0[2] r1[2] */
    uint32x4_t t1 = vtrn2q_u32(r[0], r[1]);   /* r0[1] r1[1] r0[3] r1[3] */
    uint32x4_t t2 = vtrn1q_u32(r[2], r[3]);   /* r2[0] r3[0] r2[2] r3[2] */
    uint32x4_t t3 = vtrn2q_u32(r[2], r[3]);   /* r2[1] r3[1] r2[3] r3[3] */
    r[0] = vreinterpretq_u32_u64(vtrn1q_u64(as_u64(t0), as_u64(t2)));
    r[1] = vreinterpretq_u32_u64(vtrn1q_u64(as_u64(t1), as_u64(t3)));
    r[2] = vreinterpretq_u32_u64(vtrn2q_u64(as_u64(t0), as_u64(t2)));
    r[3] = vreinterpretq_u32_u64(vtrn2q_u64(as_u64(t1), as_u64(t3)));
}

/* in XOR the 16 bytes of v, to out. */
static inline void xor16(const uint8_t *in, uint8_t *out, uint32x4_t v)
{
    vst1q_u8(out, veorq_u8(vld1q_u8(in), vreinterpretq_u8_u32(v)));
}

/* One group: the keystream of the four blocks whose state is initial
 * (20 rounds, the input added back: RFC 8439 2.3), XORed onto 256 bytes of
 * in. x is the caller's, to be wiped. The loops are unrolled, as in
 * chacha20_x86.c, so that the words stay in registers (NEON has 32). */
static void xor_group(const uint32x4_t initial[16], uint32x4_t x[16],
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
        x[i] = vaddq_u32(x[i], initial[i]);

    /* x[w + j]: words w..w+3 of block j */
    transpose4(x);
    transpose4(x + 4);
    transpose4(x + 8);
    transpose4(x + 12);
#pragma GCC unroll 4
    for (int j = 0; j < CHACHA20_ARM_BLOCKS; j++) {
        const uint8_t *src = in + 64 * j;
        uint8_t *dst = out + 64 * j;
        xor16(src, dst, x[j]);
        xor16(src + 16, dst + 16, x[4 + j]);
        xor16(src + 32, dst + 32, x[8 + j]);
        xor16(src + 48, dst + 48, x[12 + j]);
    }
}

size_t chacha20_arm_xor(const uint32_t state[16], const uint8_t *in,
                        uint8_t *out, size_t len)
{
    static const uint32_t lane_number[4] = {0, 1, 2, 3};
    size_t groups = len / GROUP_BYTES;
    uint32x4_t initial[16], x[16];
    for (int i = 0; i < 16; i++)
        initial[i] = vdupq_n_u32(state[i]);
    /* Lane j counts block state[12] + j. The caller passes whole groups
     * whose every block stays at most 2^32 - 1: no lane wraps. */
    initial[12] = vaddq_u32(initial[12], vld1q_u32(lane_number));
    const uint32x4_t next = vdupq_n_u32(CHACHA20_ARM_BLOCKS);

    for (size_t g = 0; g < groups; g++) {
        xor_group(initial, x, in + g * GROUP_BYTES, out + g * GROUP_BYTES);
        initial[12] = vaddq_u32(initial[12], next);
    }
    see_wipe(initial, sizeof initial);
    see_wipe(x, sizeof x);
    return groups * GROUP_BYTES;
}

#endif
