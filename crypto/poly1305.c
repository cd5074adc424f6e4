/*
 * poly1305.c: Poly1305 as RFC 8439 2.5 defines it: what the two limb
 * layouts share (the key's clamping, the streaming, the tag) and the
 * choice of the vector path for long runs of blocks. The arithmetic is in
 * poly1305_26.c (five 26-bit limbs) and poly1305_44.c (three of 44, 44 and
 * 42 bits): poly1305.h says which a build takes.
 */
#include "crypto/poly1305.h"

#include <string.h>

#include "core/cpu.h"
#include "core/util.h"
#include "crypto/hw_paths.h"

void poly1305_init(poly1305_ctx *ctx, const uint8_t key[POLY1305_KEY_SIZE])
{
    /* RFC 8439 2.5: r[3], r[7], r[11], r[15] get their top four bits
     * cleared, r[4], r[8], r[12] their bottom two. The clamping is part of
     * the definition (it let Bernstein's implementations multiply fast);
     * here it also keeps r below 2^124, which the limb files' bounds use. */
    uint8_t r[16];
    memcpy(r, key, sizeof r);
    r[3] &= 15;
    r[7] &= 15;
    r[11] &= 15;
    r[15] &= 15;
    r[4] &= 252;
    r[8] &= 252;
    r[12] &= 252;
    poly1305_limbs_from_bytes(ctx->r, r);
    see_wipe(r, sizeof r);

    for (int i = 0; i < 4; i++)
        ctx->s[i] = see_load32_le(key + 16 + 4 * i);
    memset(ctx->acc, 0, sizeof ctx->acc);
    memset(ctx->r_powers, 0, sizeof ctx->r_powers);
    ctx->powers_made = 0;
    ctx->buffered = 0;
}

#if HW_POLY1305

/* r, r^2, r^3, r^4 in 26-bit limbs, for the lanes (poly1305_x86.c): each
 * lane steps four blocks at a time, times r^4, and at the end the lanes
 * are multiplied by r^4, r^3, r^2 and r. Once per key. */
static void poly1305_make_powers(poly1305_ctx *ctx)
{
    poly1305_limb r2[POLY1305_LIMBS], r3[POLY1305_LIMBS], r4[POLY1305_LIMBS];
    poly1305_limbs_mul(r2, ctx->r, ctx->r);
    poly1305_limbs_mul(r3, r2, ctx->r);
    poly1305_limbs_mul(r4, r2, r2);
    poly1305_limbs_to_26(ctx->r_powers, ctx->r);
    poly1305_limbs_to_26(ctx->r_powers + 5, r2);
    poly1305_limbs_to_26(ctx->r_powers + 10, r3);
    poly1305_limbs_to_26(ctx->r_powers + 15, r4);
    see_wipe(r2, sizeof r2);
    see_wipe(r3, sizeof r3);
    see_wipe(r4, sizeof r4);
    ctx->powers_made = 1;
}

/* The first whole blocks of m (a multiple of four of them) through the
 * vector path, where the CPU has it and there are enough; how many it
 * took (0: none). The choice depends on the length only. */
static size_t poly1305_vector_blocks(poly1305_ctx *ctx, const uint8_t *m,
                                     size_t blocks)
{
    if (blocks < POLY1305_VECTOR_MIN_BLOCKS || !cpu_has(CPU_SIMD))
        return 0;
    if (!ctx->powers_made)
        poly1305_make_powers(ctx);
    size_t taken = blocks - blocks % 4;
    uint32_t acc[5];
    poly1305_limbs_to_26(acc, ctx->acc);
    poly1305_hw_blocks(acc, ctx->r_powers, m, taken);
    poly1305_limbs_from_26(ctx->acc, acc);
    see_wipe(acc, sizeof acc);
    return taken;
}
#else
static size_t poly1305_vector_blocks(poly1305_ctx *ctx, const uint8_t *m,
                                     size_t blocks)
{
    (void)ctx;
    (void)m;
    (void)blocks;
    return 0;
}
#endif

/* Whole blocks: the vector path's share first, the rest one by one. */
static void poly1305_whole_blocks(poly1305_ctx *ctx, const uint8_t *m,
                                  size_t blocks)
{
    size_t taken = poly1305_vector_blocks(ctx, m, blocks);
    poly1305_limbs_blocks(ctx->acc, ctx->r, m + taken * POLY1305_BLOCK_SIZE,
                          blocks - taken, 1);
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
        poly1305_limbs_blocks(ctx->acc, ctx->r, ctx->buffer, 1, 1);
        ctx->buffered = 0;
    }
    size_t blocks = len / POLY1305_BLOCK_SIZE;
    if (blocks > 0) {
        poly1305_whole_blocks(ctx, p, blocks);
        p += blocks * POLY1305_BLOCK_SIZE;
        len -= blocks * POLY1305_BLOCK_SIZE;
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
    poly1305_limbs_blocks(ctx->acc, ctx->r, block, 1, 0);
    see_wipe(block, sizeof block);
}

void poly1305_final(poly1305_ctx *ctx, uint8_t tag[POLY1305_TAG_SIZE])
{
    if (ctx->buffered > 0)
        poly1305_last_block(ctx);

    /* tag = (acc + s) mod 2^128: acc mod p's low 128 bits and s added word
     * by word, the carry passed on and the carry past 2^128 dropped
     * (RFC 8439 A.3 #6). */
    uint32_t w[4];
    poly1305_limbs_to_words(w, ctx->acc);
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
