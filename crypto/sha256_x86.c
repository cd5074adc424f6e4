/*
 * sha256_x86.c: SHA-256's compression function (FIPS 180-4 6.2.2) with the
 * x86-64 SHA extensions, beside the portable one in crypto/sha256.c, which
 * is the one to read for the algorithm: this file computes exactly the
 * same thing, four rounds per pair of instructions.
 *
 * The structure is that of Intel's white paper "Intel SHA Extensions"
 * (Gulley et al., 2013):
 *
 *   SHA256RNDS2 (_mm_sha256rnds2_epu32) does two rounds. It wants the
 *   eight working variables as two registers, ABEF and CDGH (not ABCD and
 *   EFGH: the two rounds change A and E, so those are kept together), and
 *   the two W[t] + K[t] words in the low half of a third register.
 *
 *   SHA256MSG1 and SHA256MSG2 compute the message schedule four words at
 *   a time (6.2.2 step 1): for t = 16..63,
 *     W[t] = sigma1(W[t-2]) + W[t-7] + sigma0(W[t-15]) + W[t-16]
 *   MSG1 adds sigma0(W[t-15]) to W[t-16], PALIGNR picks out W[t-7], and
 *   MSG2 adds sigma1(W[t-2]), including the words it is itself producing.
 *
 * Built with -msha -msse4.1 -mssse3 for this file only (the Makefile), on
 * x86-64 only; elsewhere the file is empty.
 */
#include "crypto/sha256.h"
#include "crypto/sha256_x86.h"

#if defined(__x86_64__)

#include <immintrin.h>

/* Four message words, big-endian in the block (5.2.1), as four lanes. */
static inline __m128i load_words_be(const uint8_t *p)
{
    const __m128i byte_swap_words =
        _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);
    return _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)p),
                            byte_swap_words);
}

/* W[t..t+3] for t = 4(i+4), from the four words before each:
 * w0 = W[t-16..t-13], w1 = W[t-12..], w2 = W[t-8..], w3 = W[t-4..t-1]. */
static inline __m128i next_words(__m128i w0, __m128i w1, __m128i w2, __m128i w3)
{
    __m128i x = _mm_sha256msg1_epu32(w0, w1);          /* W[t-16] + sigma0 */
    x = _mm_add_epi32(x, _mm_alignr_epi8(w3, w2, 4));  /* + W[t-7] */
    return _mm_sha256msg2_epu32(x, w3);                /* + sigma1(W[t-2]) */
}

/* Four rounds t..t+3 with words w = W[t..t+3]. */
static inline void four_rounds(__m128i *abef, __m128i *cdgh, __m128i w, int t)
{
    __m128i wk = _mm_add_epi32(w, _mm_loadu_si128((const __m128i *)&sha256_k[t]));
    *cdgh = _mm_sha256rnds2_epu32(*cdgh, *abef, wk);   /* rounds t, t+1 */
    wk = _mm_shuffle_epi32(wk, 0x0e);                  /* the high two words */
    *abef = _mm_sha256rnds2_epu32(*abef, *cdgh, wk);   /* rounds t+2, t+3 */
}

static void compress_block(__m128i *abef, __m128i *cdgh, const uint8_t *block)
{
    __m128i w[4];
    for (int i = 0; i < 4; i++)
        w[i] = load_words_be(block + 16 * i);
    __m128i abef_in = *abef, cdgh_in = *cdgh;

    /* Sixteen groups of four rounds; w[] is a ring of the last 16 words,
     * as in sha256.c. */
    for (int i = 0; i < 16; i++) {
        four_rounds(abef, cdgh, w[i & 3], 4 * i);
        if (i < 12)
            w[i & 3] = next_words(w[i & 3], w[(i + 1) & 3], w[(i + 2) & 3],
                                  w[(i + 3) & 3]);
    }

    /* Step 4: H(i) = H(i-1) + the working variables. */
    *abef = _mm_add_epi32(*abef, abef_in);
    *cdgh = _mm_add_epi32(*cdgh, cdgh_in);
}

void sha256_x86_compress(uint32_t state[8], const uint8_t *blocks, size_t n)
{
    /* state[0..3] = A B C D and state[4..7] = E F G H, lane 0 first;
     * SHA256RNDS2 wants ABEF and CDGH with A and C in the top lanes. */
    __m128i dcba = _mm_loadu_si128((const __m128i *)&state[0]);
    __m128i hgfe = _mm_loadu_si128((const __m128i *)&state[4]);
    __m128i cdab = _mm_shuffle_epi32(dcba, 0xb1);
    __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1b);
    __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
    __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xf0);

    for (size_t b = 0; b < n; b++)
        compress_block(&abef, &cdgh, blocks + 64 * b);

    /* Back to A B C D and E F G H. */
    __m128i feba = _mm_shuffle_epi32(abef, 0x1b);
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xb1);
    _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(feba, dchg, 0xf0));
    _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(dchg, feba, 8));
}

#else

/* Not x86-64: nothing here (ISO C wants at least one declaration). */
typedef int sha256_x86_not_built;

#endif
