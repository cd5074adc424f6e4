/*
 * sha1.c: SHA-1 as FIPS 180-4 defines it (section 6.1), written to be
 * followed with the standard open beside it. Why it exists here, and why
 * nothing but the WebSocket handshake may use it: sha1.h.
 */
#include "crypto/sha1.h"

#include <string.h>

#include "core/util.h"

/* FIPS 180-4 5.3.1: the initial hash value H(0). */
static const uint32_t H0[5] = {
    0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0,
};

static inline uint32_t rotl(uint32_t x, int n)
{
    return (x << n) | (x >> (32 - n));
}

/*
 * FIPS 180-4 4.1.1: f(t) and the constant K(t) (4.2.1) change every 20
 * rounds:
 *   rounds  0-19  Ch(x,y,z)     = (x AND y) XOR (NOT x AND z)   K = 5a827999
 *   rounds 20-39  Parity(x,y,z) = x XOR y XOR z                 K = 6ed9eba1
 *   rounds 40-59  Maj(x,y,z)    = (x AND y) XOR (x AND z) XOR (y AND z)
 *                                                               K = 8f1bbcdc
 *   rounds 60-79  Parity again                                  K = ca62c1d6
 * Ch and Maj in the same shorter, equivalent forms as crypto/sha256.c.
 */
static inline uint32_t Ch(uint32_t x, uint32_t y, uint32_t z)     { return z ^ (x & (y ^ z)); }
static inline uint32_t Parity(uint32_t x, uint32_t y, uint32_t z) { return x ^ y ^ z; }
static inline uint32_t Maj(uint32_t x, uint32_t y, uint32_t z)    { return (x & y) | (z & (x | y)); }

static uint32_t f_and_k(int t, uint32_t b, uint32_t c, uint32_t d)
{
    if (t < 20)
        return Ch(b, c, d) + 0x5a827999;
    if (t < 40)
        return Parity(b, c, d) + 0x6ed9eba1;
    if (t < 60)
        return Maj(b, c, d) + 0x8f1bbcdc;
    return Parity(b, c, d) + 0xca62c1d6;
}

/* Message schedule, FIPS 180-4 6.1.2 step 1, kept in a ring of 16 words:
 * W(t) = ROTL^1(W(t-3) XOR W(t-8) XOR W(t-14) XOR W(t-16)) for t >= 16
 * overwrites W(t-16), which is no longer needed. */
static uint32_t schedule(uint32_t W[16], int t)
{
    if (t < 16)
        return W[t];
    uint32_t w = rotl(W[(t - 3) & 15] ^ W[(t - 8) & 15] ^ W[(t - 14) & 15] ^
                      W[t & 15], 1);
    W[t & 15] = w;
    return w;
}

/* Process one 64-byte block into the hash state (FIPS 180-4 6.1.2). */
static void sha1_compress(uint32_t state[5], const uint8_t block[64])
{
    uint32_t W[16];
    for (int t = 0; t < 16; t++)
        W[t] = see_load32_be(block + 4 * t);

    /* Step 2: the five working variables. */
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    uint32_t e = state[4];

    /* Step 3: eighty rounds, each shifting the variables down by one. */
    for (int t = 0; t < 80; t++) {
        uint32_t T = rotl(a, 5) + f_and_k(t, b, c, d) + e + schedule(W, t);
        e = d;
        d = c;
        c = rotl(b, 30);
        b = a;
        a = T;
    }

    /* Step 4: the intermediate hash value H(i). */
    state[0] += a; state[1] += b; state[2] += c; state[3] += d;
    state[4] += e;
    see_wipe(W, sizeof W);
}

/* n blocks one after the other (md_blocks.h's compression function). */
static void sha1_compress_blocks(uint32_t *state, const uint8_t *blocks, size_t n)
{
    for (size_t i = 0; i < n; i++)
        sha1_compress(state, blocks + SHA1_BLOCK_SIZE * i);
}

void sha1_init(sha1_ctx *ctx)
{
    memcpy(ctx->state, H0, sizeof H0);
    md_blocks_init(&ctx->blocks);
}

void sha1_update(sha1_ctx *ctx, const void *data, size_t len)
{
    md_blocks_update(&ctx->blocks, ctx->state, sha1_compress_blocks, data, len);
}

void sha1_final(sha1_ctx *ctx, uint8_t digest[SHA1_DIGEST_SIZE])
{
    md_blocks_final(&ctx->blocks, ctx->state, sha1_compress_blocks);
    for (int i = 0; i < 5; i++)
        see_store32_be(digest + 4 * i, ctx->state[i]);
    see_wipe(ctx, sizeof *ctx);
}

void sha1(const void *data, size_t len, uint8_t digest[SHA1_DIGEST_SIZE])
{
    sha1_ctx ctx;
    sha1_init(&ctx);
    sha1_update(&ctx, data, len);
    sha1_final(&ctx, digest);
}
