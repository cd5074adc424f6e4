/*
 * poly1305.c: Poly1305 as RFC 8439 2.5 defines it.
 *
 * Numbers below 2^131 are held in five limbs of 26 bits each,
 *
 *     x = x[0] + x[1]*2^26 + x[2]*2^52 + x[3]*2^78 + x[4]*2^104,
 *
 * so that a product of two limbs fits a uint64_t with room to add five of
 * them: a portable layout for 32- and 64-bit machines alike. Reduction uses
 * 2^130 = 5 (mod p): a part of a product at or above 2^130 comes back down
 * multiplied by 5. No step branches on, or indexes memory by, the key, the
 * accumulator or the message.
 */
#include "crypto/poly1305.h"

#include <string.h>

#include "core/util.h"

#define LIMB_MASK 0x3ffffffu /* 26 bits */

/* 16 little-endian bytes (a 128-bit number) into five 26-bit limbs. */
static void load_limbs(uint32_t limb[5], const uint8_t bytes[16])
{
    uint32_t w0 = see_load32_le(bytes), w1 = see_load32_le(bytes + 4);
    uint32_t w2 = see_load32_le(bytes + 8), w3 = see_load32_le(bytes + 12);
    limb[0] = w0 & LIMB_MASK;                       /* bits   0..25  */
    limb[1] = ((w0 >> 26) | (w1 << 6)) & LIMB_MASK; /* bits  26..51  */
    limb[2] = ((w1 >> 20) | (w2 << 12)) & LIMB_MASK;/* bits  52..77  */
    limb[3] = ((w2 >> 14) | (w3 << 18)) & LIMB_MASK;/* bits  78..103 */
    limb[4] = w3 >> 8;                              /* bits 104..127 */
}

void poly1305_init(poly1305_ctx *ctx, const uint8_t key[POLY1305_KEY_SIZE])
{
    /* RFC 8439 2.5: r[3], r[7], r[11], r[15] get their top four bits
     * cleared, r[4], r[8], r[12] their bottom two. The clamping is part of
     * the definition (it let Bernstein's implementations multiply fast);
     * here every limb is below 2^26 either way, so in poly1305_block each
     * product is below 2^56 and each column of five below 2^59. */
    uint8_t r[16];
    memcpy(r, key, sizeof r);
    r[3] &= 15;
    r[7] &= 15;
    r[11] &= 15;
    r[15] &= 15;
    r[4] &= 252;
    r[8] &= 252;
    r[12] &= 252;
    load_limbs(ctx->r, r);
    see_wipe(r, sizeof r);

    for (int i = 0; i < 4; i++)
        ctx->s[i] = see_load32_le(key + 16 + 4 * i);
    memset(ctx->acc, 0, sizeof ctx->acc);
    ctx->buffered = 0;
}

/* acc = ((acc + block + top) * r) mod p, only partly reduced: the result
 * is below 2^130 + a little, each limb at most 26 bits but for a small
 * carry in limb 1. top is 2^128 for a full block (the 0x01 byte above the
 * 16 bytes, as limb 4's bit 24), 0 for the last short block, which adds its
 * 0x01 byte itself. */
static void poly1305_block(poly1305_ctx *ctx, const uint8_t block[16],
                           uint32_t top)
{
    uint32_t m[5];
    load_limbs(m, block);
    uint32_t h0 = ctx->acc[0] + m[0], h1 = ctx->acc[1] + m[1];
    uint32_t h2 = ctx->acc[2] + m[2], h3 = ctx->acc[3] + m[3];
    uint32_t h4 = ctx->acc[4] + m[4] + top;

    const uint64_t r0 = ctx->r[0], r1 = ctx->r[1], r2 = ctx->r[2];
    const uint64_t r3 = ctx->r[3], r4 = ctx->r[4];
    /* A product limb i + j >= 5 lies at 2^(26(i+j)) = 2^130 * 2^(26(i+j-5)),
     * which is 5 * 2^(26(i+j-5)) mod p: the r limbs premultiplied by 5. */
    const uint64_t s1 = r1 * 5, s2 = r2 * 5, s3 = r3 * 5, s4 = r4 * 5;

    uint64_t d0 = h0 * r0 + h1 * s4 + h2 * s3 + h3 * s2 + h4 * s1;
    uint64_t d1 = h0 * r1 + h1 * r0 + h2 * s4 + h3 * s3 + h4 * s2;
    uint64_t d2 = h0 * r2 + h1 * r1 + h2 * r0 + h3 * s4 + h4 * s3;
    uint64_t d3 = h0 * r3 + h1 * r2 + h2 * r1 + h3 * r0 + h4 * s4;
    uint64_t d4 = h0 * r4 + h1 * r3 + h2 * r2 + h3 * r1 + h4 * r0;

    /* Carry each column into the next; the carry out of the top limb is at
     * 2^130, so it wraps round to limb 0 times 5. */
    d1 += d0 >> 26;
    d2 += d1 >> 26;
    d3 += d2 >> 26;
    d4 += d3 >> 26;
    uint64_t c = d4 >> 26;
    uint64_t l0 = (d0 & LIMB_MASK) + c * 5;
    ctx->acc[0] = (uint32_t)(l0 & LIMB_MASK);
    ctx->acc[1] = (uint32_t)(d1 & LIMB_MASK) + (uint32_t)(l0 >> 26);
    ctx->acc[2] = (uint32_t)(d2 & LIMB_MASK);
    ctx->acc[3] = (uint32_t)(d3 & LIMB_MASK);
    ctx->acc[4] = (uint32_t)(d4 & LIMB_MASK);
    see_wipe(m, sizeof m);
}

void poly1305_update(poly1305_ctx *ctx, const void *data, size_t len)
{
    const uint8_t *p = data;
    if (ctx->buffered > 0) {
        size_t n = POLY1305_BLOCK_SIZE - ctx->buffered;
        if (n > len)
            n = len;
        memcpy(ctx->buffer + ctx->buffered, p, n);
        ctx->buffered += n;
        p += n;
        len -= n;
        if (ctx->buffered < POLY1305_BLOCK_SIZE)
            return;
        poly1305_block(ctx, ctx->buffer, 1u << 24);
        ctx->buffered = 0;
    }
    while (len >= POLY1305_BLOCK_SIZE) {
        poly1305_block(ctx, p, 1u << 24);
        p += POLY1305_BLOCK_SIZE;
        len -= POLY1305_BLOCK_SIZE;
    }
    if (len > 0) {
        memcpy(ctx->buffer, p, len);
        ctx->buffered = len;
    }
}

/* The last short block: its bytes, the 0x01 byte after them, zeros up to
 * 16 bytes (RFC 8439 2.5), and no 2^128 on top. */
static void poly1305_last_block(poly1305_ctx *ctx)
{
    uint8_t block[16] = {0};
    memcpy(block, ctx->buffer, ctx->buffered);
    block[ctx->buffered] = 1;
    poly1305_block(ctx, block, 0);
    see_wipe(block, sizeof block);
}

/* Carry every limb down to 26 bits: acc becomes a number below 2^130
 * congruent to the old one mod p (still possibly >= p). */
static void poly1305_carry(uint32_t h[5])
{
    uint32_t c;
    c = h[1] >> 26; h[1] &= LIMB_MASK; h[2] += c;
    c = h[2] >> 26; h[2] &= LIMB_MASK; h[3] += c;
    c = h[3] >> 26; h[3] &= LIMB_MASK; h[4] += c;
    c = h[4] >> 26; h[4] &= LIMB_MASK; h[0] += c * 5;
    c = h[0] >> 26; h[0] &= LIMB_MASK; h[1] += c;
}

/* The full reduction: h < 2^130 is below 2p, so h mod p is h or h - p.
 * g = h + 5 - 2^130 = h - p is computed always; if it did not go below
 * zero, g is the answer. The choice is a mask, not a branch (the
 * RFC 8439 A.3 vectors #5, #8 and #9 land on each side of p). */
static void poly1305_reduce(uint32_t h[5])
{
    uint32_t g[5], c;
    g[0] = h[0] + 5;         c = g[0] >> 26; g[0] &= LIMB_MASK;
    g[1] = h[1] + c;         c = g[1] >> 26; g[1] &= LIMB_MASK;
    g[2] = h[2] + c;         c = g[2] >> 26; g[2] &= LIMB_MASK;
    g[3] = h[3] + c;         c = g[3] >> 26; g[3] &= LIMB_MASK;
    g[4] = h[4] + c - (1u << 26);
    /* g[4]'s top bit is the borrow: set when h < p. */
    uint32_t use_g = (g[4] >> 31) - 1u; /* all ones when h >= p */
    for (int i = 0; i < 5; i++)
        h[i] = (h[i] & ~use_g) | (g[i] & use_g);
    see_wipe(g, sizeof g);
}

void poly1305_final(poly1305_ctx *ctx, uint8_t tag[POLY1305_TAG_SIZE])
{
    if (ctx->buffered > 0)
        poly1305_last_block(ctx);

    uint32_t *h = ctx->acc;
    poly1305_carry(h);
    poly1305_reduce(h);

    /* tag = (acc + s) mod 2^128: the low 128 bits of acc as four 32-bit
     * words (limb i sits at bit 26i; added, not ORed, so a limb of 26 bits
     * and a carry is still right), then s added with the carry passed from
     * word to word and the carry past 2^128 dropped (RFC 8439 A.3 #6). */
    uint32_t w[4];
    uint64_t f = (uint64_t)h[0] + ((uint64_t)h[1] << 26);
    w[0] = (uint32_t)f;
    f = (f >> 32) + ((uint64_t)h[2] << 20);
    w[1] = (uint32_t)f;
    f = (f >> 32) + ((uint64_t)h[3] << 14);
    w[2] = (uint32_t)f;
    f = (f >> 32) + ((uint64_t)h[4] << 8);
    w[3] = (uint32_t)f;
    uint64_t sum = 0;
    for (int i = 0; i < 4; i++) {
        sum = (uint64_t)w[i] + ctx->s[i] + (sum >> 32);
        see_store32_le(tag + 4 * i, (uint32_t)sum);
    }
    see_wipe(w, sizeof w);
    see_wipe(ctx, sizeof *ctx);
}

void poly1305(const uint8_t key[POLY1305_KEY_SIZE], const void *data,
              size_t len, uint8_t tag[POLY1305_TAG_SIZE])
{
    poly1305_ctx ctx;
    poly1305_init(&ctx, key);
    poly1305_update(&ctx, data, len);
    poly1305_final(&ctx, tag);
}

int poly1305_verify(const uint8_t key[POLY1305_KEY_SIZE], const void *data,
                    size_t len, const uint8_t expected_tag[POLY1305_TAG_SIZE])
{
    uint8_t tag[POLY1305_TAG_SIZE];
    poly1305(key, data, len, tag);
    int equal = see_ct_equal(tag, expected_tag, sizeof tag);
    see_wipe(tag, sizeof tag);
    return equal;
}
