/*
 * sha256_arm.c: SHA-256's compression function (FIPS 180-4 6.2.2) with the
 * ARMv8 SHA-256 instructions, beside the portable one in crypto/sha256.c,
 * which is the one to read for the algorithm, and the x86-64 one in
 * crypto/sha256_x86.c. Four rounds per pair of instructions (Arm
 * Architecture Reference Manual, SHA256H, SHA256H2, SHA256SU0, SHA256SU1):
 *
 *   SHA256H (vsha256hq_u32) does four rounds and returns the new ABCD;
 *   SHA256H2 (vsha256h2q_u32), given the ABCD from before those rounds,
 *   returns the new EFGH. Each wants W[t..t+3] + K[t..t+3] in a register.
 *   Unlike x86-64, the state stays as ABCD and EFGH, H0..H7's own order.
 *
 *   SHA256SU0 and SHA256SU1 compute the message schedule four words at a
 *   time (6.2.2 step 1): for t = 16..63,
 *     W[t] = sigma1(W[t-2]) + W[t-7] + sigma0(W[t-15]) + W[t-16]
 *   SU0 adds sigma0(W[t-15]) to W[t-16]; SU1 adds W[t-7] and
 *   sigma1(W[t-2]), including the words it is itself producing.
 *
 * Built with -march=armv8-a+crypto for this file only (the Makefile), on
 * arm64 only; elsewhere the file is empty.
 */
#include "crypto/sha256.h"
#include "crypto/sha256_arm.h"

#if defined(__aarch64__)

#include <arm_neon.h>

/* Four message words, big-endian in the block (5.2.1), as four lanes. */
static inline uint32x4_t load_words_be(const uint8_t *p)
{
    return vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(p)));
}

/* W[t..t+3] for t = 4(i+4), from the four words before each:
 * w0 = W[t-16..t-13], w1 = W[t-12..], w2 = W[t-8..], w3 = W[t-4..t-1]. */
static inline uint32x4_t next_words(uint32x4_t w0, uint32x4_t w1,
                                    uint32x4_t w2, uint32x4_t w3)
{
    return vsha256su1q_u32(vsha256su0q_u32(w0, w1), w2, w3);
}

/* Four rounds t..t+3 with words w = W[t..t+3]. */
static inline void four_rounds(uint32x4_t *abcd, uint32x4_t *efgh,
                               uint32x4_t w, int t)
{
    uint32x4_t wk = vaddq_u32(w, vld1q_u32(&sha256_k[t]));
    uint32x4_t abcd_before = *abcd;
    *abcd = vsha256hq_u32(*abcd, *efgh, wk);
    *efgh = vsha256h2q_u32(*efgh, abcd_before, wk);
}

static void compress_block(uint32x4_t *abcd, uint32x4_t *efgh,
                           const uint8_t *block)
{
    uint32x4_t w[4];
    for (int i = 0; i < 4; i++)
        w[i] = load_words_be(block + 16 * i);
    uint32x4_t abcd_in = *abcd, efgh_in = *efgh;

    /* Sixteen groups of four rounds; w[] is a ring of the last 16 words,
     * as in sha256.c. */
    for (int i = 0; i < 16; i++) {
        four_rounds(abcd, efgh, w[i & 3], 4 * i);
        if (i < 12)
            w[i & 3] = next_words(w[i & 3], w[(i + 1) & 3], w[(i + 2) & 3],
                                  w[(i + 3) & 3]);
    }

    /* Step 4: H(i) = H(i-1) + the working variables. */
    *abcd = vaddq_u32(*abcd, abcd_in);
    *efgh = vaddq_u32(*efgh, efgh_in);
}

void sha256_arm_compress(uint32_t state[8], const uint8_t *blocks, size_t n)
{
    uint32x4_t abcd = vld1q_u32(&state[0]);
    uint32x4_t efgh = vld1q_u32(&state[4]);
    for (size_t b = 0; b < n; b++)
        compress_block(&abcd, &efgh, blocks + 64 * b);
    vst1q_u32(&state[0], abcd);
    vst1q_u32(&state[4], efgh);
}

#else

/* Not arm64: nothing here (ISO C wants at least one declaration). */
typedef int sha256_arm_not_built;

#endif
