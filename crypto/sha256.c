/*
 * sha256.c: SHA-256 as FIPS 180-4 defines it (section 6.2), written to be
 * followed with the standard open beside it.
 */
#include "crypto/sha256.h"

#include <string.h>

#include "core/cpu.h"
#include "core/util.h"
#include "crypto/hw_paths.h"

/* FIPS 180-4 4.2.2: the first 32 bits of the fractional parts of the cube
 * roots of the first 64 primes. */
const uint32_t sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
    0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* FIPS 180-4 5.3.3: the initial hash value H(0). */
static const uint32_t H0[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

static inline uint32_t rotr(uint32_t x, int n)
{
    return (x >> n) | (x << (32 - n));
}

/* The six logical functions of FIPS 180-4 4.1.2. Ch and Maj are written
 * in equivalent forms with fewer operations, which compilers do not find
 * by themselves:
 *   Ch(x,y,z)  = (x AND y) XOR (NOT x AND z)         = z XOR (x AND (y XOR z))
 *                (where x is 1 take y, else z)
 *   Maj(x,y,z) = (x AND y) XOR (x AND z) XOR (y AND z) = (x AND y) OR (z AND (x OR y))
 *                (1 where at least two of the three are 1) */
static inline uint32_t Ch(uint32_t x, uint32_t y, uint32_t z)  { return z ^ (x & (y ^ z)); }
static inline uint32_t Maj(uint32_t x, uint32_t y, uint32_t z) { return (x & y) | (z & (x | y)); }
static inline uint32_t Sigma0(uint32_t x) { return rotr(x, 2) ^ rotr(x, 13) ^ rotr(x, 22); }
static inline uint32_t Sigma1(uint32_t x) { return rotr(x, 6) ^ rotr(x, 11) ^ rotr(x, 25); }
static inline uint32_t sigma0(uint32_t x) { return rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3); }
static inline uint32_t sigma1(uint32_t x) { return rotr(x, 17) ^ rotr(x, 19) ^ (x >> 10); }

/*
 * One round of FIPS 180-4 6.2.2 step 3. The standard shifts the eight
 * working variables down by one after each round (h = g, g = f, ...); here
 * the variables stay put and each round is called with the names rotated
 * instead, which is the same computation without the seven copies.
 */
#define ROUND(a, b, c, d, e, f, g, h, t, w)                                  \
    do {                                                                     \
        uint32_t T1 = h + Sigma1(e) + Ch(e, f, g) + sha256_k[t] + (w);              \
        uint32_t T2 = Sigma0(a) + Maj(a, b, c);                              \
        d += T1;                                                             \
        h = T1 + T2;                                                         \
    } while (0)

/* Message schedule, FIPS 180-4 6.2.2 step 1, kept in a ring of 16 words:
 * W[t] for t >= 16 overwrites W[t - 16], which is no longer needed. */
#define SCHEDULE(t)                                                          \
    (W[(t) & 15] += sigma1(W[((t) - 2) & 15]) + W[((t) - 7) & 15] +          \
                    sigma0(W[((t) - 15) & 15]))

/* Eight rounds; W(t) is either the loaded word or the scheduled one. */
#define EIGHT_ROUNDS(t, W)                                                   \
    do {                                                                     \
        ROUND(a, b, c, d, e, f, g, h, (t) + 0, W((t) + 0));                  \
        ROUND(h, a, b, c, d, e, f, g, (t) + 1, W((t) + 1));                  \
        ROUND(g, h, a, b, c, d, e, f, (t) + 2, W((t) + 2));                  \
        ROUND(f, g, h, a, b, c, d, e, (t) + 3, W((t) + 3));                  \
        ROUND(e, f, g, h, a, b, c, d, (t) + 4, W((t) + 4));                  \
        ROUND(d, e, f, g, h, a, b, c, (t) + 5, W((t) + 5));                  \
        ROUND(c, d, e, f, g, h, a, b, (t) + 6, W((t) + 6));                  \
        ROUND(b, c, d, e, f, g, h, a, (t) + 7, W((t) + 7));                  \
    } while (0)

#define LOADED(t) W[t]

/* Process one 64-byte block into the hash state (FIPS 180-4 6.2.2). */
static void sha256_compress(uint32_t state[8], const uint8_t block[64])
{
    uint32_t W[16];
    for (int t = 0; t < 16; t++)
        W[t] = see_load32_be(block + 4 * t);

    uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    uint32_t e = state[4], f = state[5], g = state[6], h = state[7];

    /* Rounds 0-15 use the message words as they are; rounds 16-63 extend
     * the schedule as they go. Written out in full so that every index is a
     * constant: this is what makes it fast, not any trick. */
    EIGHT_ROUNDS(0, LOADED);
    EIGHT_ROUNDS(8, LOADED);
    EIGHT_ROUNDS(16, SCHEDULE);
    EIGHT_ROUNDS(24, SCHEDULE);
    EIGHT_ROUNDS(32, SCHEDULE);
    EIGHT_ROUNDS(40, SCHEDULE);
    EIGHT_ROUNDS(48, SCHEDULE);
    EIGHT_ROUNDS(56, SCHEDULE);

    /* Step 4: the intermediate hash value H(i). */
    state[0] += a; state[1] += b; state[2] += c; state[3] += d;
    state[4] += e; state[5] += f; state[6] += g; state[7] += h;
}

/* n blocks one after the other (md_blocks.h's compression function). */
static void sha256_compress_blocks(uint32_t *state, const uint8_t *blocks, size_t n)
{
    for (size_t i = 0; i < n; i++)
        sha256_compress(state, blocks + SHA256_BLOCK_SIZE * i);
}

/* The compression function to use: the SHA-256 instructions where the CPU
 * has them (crypto/sha256_x86.c, crypto/sha256_arm.c: crypto/hw_paths.h;
 * they take all the whole blocks in one call), this file's otherwise;
 * both give the same H(i). */
static md_compress_fn *chosen_compress(void)
{
#if HW_PATHS
    if (cpu_has(CPU_SHA256))
        return sha256_hw_compress;
#endif
    return sha256_compress_blocks;
}

void sha256_init(sha256_ctx *ctx)
{
    memcpy(ctx->state, H0, sizeof H0);
    md_blocks_init(&ctx->blocks);
}

void sha256_update(sha256_ctx *ctx, const void *data, size_t len)
{
    md_blocks_update(&ctx->blocks, ctx->state, chosen_compress(), data, len);
}

void sha256_final(sha256_ctx *ctx, uint8_t digest[SHA256_DIGEST_SIZE])
{
    md_blocks_final(&ctx->blocks, ctx->state, chosen_compress());
    for (int i = 0; i < 8; i++)
        see_store32_be(digest + 4 * i, ctx->state[i]);
    see_wipe(ctx, sizeof *ctx);
}

void sha256(const void *data, size_t len, uint8_t digest[SHA256_DIGEST_SIZE])
{
    sha256_ctx ctx;
    sha256_init(&ctx);
    sha256_update(&ctx, data, len);
    sha256_final(&ctx, digest);
}
