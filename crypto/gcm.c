/*
 * gcm.c: AES-128-GCM (NIST SP 800-38D) with a constant-time GHASH.
 *
 * GCM is counter mode plus a polynomial MAC. With H = AES_K(0^128) and
 * J0 = IV || 0^31 || 1 (7.1 step 2, for a 96-bit IV):
 *
 *   C = GCTR_K(inc32(J0), P)                      the encryption (6.5)
 *   S = GHASH_H(A || 0^v || C || 0^u || [len(A)]_64 || [len(C)]_64)
 *   T = AES_K(J0) XOR S                            the tag (7.1 step 6)
 *
 * GHASH (6.4) is Horner's rule over GF(2^128): for each 16-byte block X_i,
 * Y = (Y XOR X_i) * H. So the tag is a polynomial in H with the message
 * blocks as coefficients, masked by AES_K(J0): a one-time MAC, which is
 * why an IV used twice gives the key H away (docs/aes.md, "GCM").
 *
 * CONSTANT TIME
 *
 * Fast GHASH implementations keep tables of multiples of H indexed by
 * bits of the data: the same cache leak as the AES table. gf128_mul here
 * is the spec's own Algorithm 1, 128 steps of shift and XOR, with every
 * "if this bit is set" turned into an AND with a mask made from the bit:
 * the same instructions run whatever the bits are. It is slow (about 120
 * MB/s on the lab machine, where hardware GHASH runs at gigabytes per
 * second) but short and checkable; the unit test compares it with a
 * literal, branching transcription of Algorithm 1 on random inputs.
 *
 * HARDWARE
 *
 * Where the CPU has them (core/cpu.h), a key set here takes the AES
 * instructions for its AES and GCTR (crypto/aes_x86.c or aes_arm.c, through
 * aes_ct.h) and a carry-less multiplication for its GHASH
 * (crypto/ghash_x86.c or ghash_arm.c): the lines under #if HW_PATHS, with
 * the names crypto/hw_paths.h gives them.
 * This file stays the portable path, and the one to read.
 */
#include "crypto/gcm.h"

#include <string.h>

#include "core/cpu.h"
#include "core/util.h"

/* ------------------------------------------------------- GF(2^128) --- */

/* A 128-bit block as two 64-bit halves: hi holds bytes 0..7 (bit 0 of the
 * spec, the leftmost, is the top bit of hi), lo bytes 8..15. SP 800-38D
 * writes blocks left to right with x_0 first; this is that order. */
typedef struct {
    uint64_t hi, lo;
} gf128;

static gf128 gf128_load(const uint8_t b[16])
{
    gf128 x;
    x.hi = ((uint64_t)see_load32_be(b) << 32) | see_load32_be(b + 4);
    x.lo = ((uint64_t)see_load32_be(b + 8) << 32) | see_load32_be(b + 12);
    return x;
}

static void gf128_store(uint8_t b[16], gf128 x)
{
    see_store64_be(b, x.hi);
    see_store64_be(b + 8, x.lo);
}

/* All ones if bit is 1, zero if it is 0: a mask instead of a branch. */
static inline uint64_t mask_from_bit(uint64_t bit)
{
    return (uint64_t)0 - (bit & 1);
}

/* X * Y in GF(2^128) (SP 800-38D 6.3, Algorithm 1):
 *   Z = 0, V = Y; for i = 0..127:
 *     if x_i = 1:      Z = Z XOR V
 *     if LSB_1(V) = 0: V = V >> 1   else   V = (V >> 1) XOR R
 * with R = 11100001 || 0^120: the field polynomial x^128 + x^7 + x^2 + x
 * + 1 in the spec's reflected bit order. Both ifs are masks here. */
static gf128 gf128_mul(gf128 x, gf128 y)
{
    gf128 z = {0, 0}, v = y;
    const uint64_t x_words[2] = {x.hi, x.lo};   /* bits 0..63, 64..127 */
    for (int w = 0; w < 2; w++) {
        for (int b = 63; b >= 0; b--) {
            uint64_t take = mask_from_bit(x_words[w] >> b);   /* x_i */
            z.hi ^= v.hi & take;
            z.lo ^= v.lo & take;
            uint64_t reduce = mask_from_bit(v.lo);            /* LSB_1(V) */
            v.lo = (v.lo >> 1) | (v.hi << 63);
            v.hi = (v.hi >> 1) ^ (UINT64_C(0xe100000000000000) & reduce);
        }
    }
    return z;
}

void gcm_gf128_mul(const uint8_t x[16], const uint8_t y[16], uint8_t out[16])
{
    gf128_store(out, gf128_mul(gf128_load(x), gf128_load(y)));
}

/* ------------------------------------------------------------ GHASH --- */

typedef struct {
    gf128 h;    /* the hash subkey */
    gf128 y;    /* the running value Y_i */
} ghash;

/* Absorb len bytes, the last block padded with zero bytes (the 0^v and
 * 0^u of 7.1 step 5). */
static void ghash_absorb(ghash *g, const uint8_t *data, size_t len)
{
    while (len > 0) {
        uint8_t block[16] = {0};
        size_t n = len < 16 ? len : 16;
        memcpy(block, data, n);
        gf128 x = gf128_load(block);
        g->y.hi ^= x.hi;
        g->y.lo ^= x.lo;
        g->y = gf128_mul(g->y, g->h);
        data += n;
        len -= n;
    }
}

/* The last block: [len(A)]_64 || [len(C)]_64, lengths in bits. */
static void ghash_lengths(ghash *g, uint64_t aad_len, uint64_t len)
{
    g->y.hi ^= aad_len * 8;
    g->y.lo ^= len * 8;
    g->y = gf128_mul(g->y, g->h);
}

void gcm_ghash(const uint8_t h[16], const uint8_t *aad, size_t aad_len,
               const uint8_t *ciphertext, size_t len, uint8_t out[16])
{
    ghash g = {gf128_load(h), {0, 0}};
    ghash_absorb(&g, aad, aad_len);
    ghash_absorb(&g, ciphertext, len);
    ghash_lengths(&g, aad_len, len);
    gf128_store(out, g.y);
    see_wipe(&g, sizeof g);
}

/* ------------------------------------------------------------- GCTR --- */

/* GCTR (6.5) for a 96-bit IV: block i of the key stream is
 * AES_K(IV || [counter + i]_32), the counter wrapping mod 2^32 (inc32).
 * Two blocks per AES call. in and out may be the same buffer. */
static void gctr(const aes128_ct_key *aes, const uint8_t iv[GCM_IV_SIZE],
                 uint32_t counter, const uint8_t *in, uint8_t *out, size_t len)
{
#if HW_PATHS
    if (aes->hw) {   /* a key set for the AES instructions (crypto/aes_ct.h) */
        aes128_hw_gctr(&aes->hw_key, iv, counter, in, out, len);
        return;
    }
#endif
    uint8_t blocks[32], stream[32];
    memcpy(blocks, iv, GCM_IV_SIZE);
    memcpy(blocks + 16, iv, GCM_IV_SIZE);
    while (len > 0) {
        see_store32_be(blocks + 12, counter);
        see_store32_be(blocks + 28, counter + 1);
        aes128_ct_encrypt2(aes, blocks, stream);
        size_t n = len < 32 ? len : 32;
        for (size_t i = 0; i < n; i++)
            out[i] = in[i] ^ stream[i];
        counter += 2;
        in += n;
        out += n;
        len -= n;
    }
    see_wipe(stream, sizeof stream);
}

/* -------------------------------------------------------------- GCM --- */

see_status aes128_gcm_set_key(aes128_gcm_key *key, const uint8_t *raw,
                              size_t raw_len)
{
    ENSURE(raw_len == AES128_KEY_SIZE, SEE_ERR_KEY_LENGTH);
    static const uint8_t zero[16] = {0};
    aes128_ct_set_key(&key->aes, raw);
    aes128_ct_encrypt_block(&key->aes, zero, key->h);
    key->ghash_hw = 0;
#if HW_PATHS
    key->ghash_hw = cpu_has(CPU_CLMUL);
    if (key->ghash_hw)
        ghash_hw_set_key(&key->ghash_key, key->h);
#endif
    return SEE_OK;
}

void aes128_gcm_wipe(aes128_gcm_key *key)
{
    see_wipe(key, sizeof *key);
}

/* A function, not an inline comparison: where size_t is 32 bits the limits
 * cannot be reached, and the compiler would warn that the test is always
 * false. */
static int longer_than(uint64_t n, uint64_t max)
{
    return n > max;
}

static see_status check_lengths(size_t iv_len, size_t aad_len, size_t len)
{
    ENSURE(iv_len == GCM_IV_SIZE, SEE_ERR_IV_LENGTH);
    ENSURE(!longer_than(len, GCM_MAX_TEXT_BYTES), SEE_ERR_AEAD_LENGTH);
    ENSURE(!longer_than(aad_len, GCM_MAX_AAD_BYTES), SEE_ERR_AEAD_LENGTH);
    return SEE_OK;
}

/* The tag (7.1 steps 5 and 6): T = AES_K(J0) XOR GHASH_H(A, C). */
static void compute_tag(const aes128_gcm_key *key, const uint8_t iv[GCM_IV_SIZE],
                        const uint8_t *aad, size_t aad_len,
                        const uint8_t *ciphertext, size_t len,
                        uint8_t tag[GCM_TAG_SIZE])
{
    uint8_t s[16], j0[16];
#if HW_PATHS
    if (key->ghash_hw)
        ghash_hw_compute(&key->ghash_key, aad, aad_len, ciphertext, len, s);
    else
#endif
        gcm_ghash(key->h, aad, aad_len, ciphertext, len, s);
    memcpy(j0, iv, GCM_IV_SIZE);
    see_store32_be(j0 + 12, 1);
    aes128_ct_encrypt_block(&key->aes, j0, j0);
    for (int i = 0; i < GCM_TAG_SIZE; i++)
        tag[i] = j0[i] ^ s[i];
    see_wipe(s, sizeof s);
    see_wipe(j0, sizeof j0);
}

see_status aes128_gcm_seal(const aes128_gcm_key *key,
                           const uint8_t *iv, size_t iv_len,
                           const uint8_t *aad, size_t aad_len,
                           const uint8_t *plaintext, size_t len,
                           uint8_t *out, size_t out_cap)
{
    TRY(check_lengths(iv_len, aad_len, len));
    ENSURE(out_cap >= GCM_TAG_SIZE && len <= out_cap - GCM_TAG_SIZE,
           SEE_ERR_BUFFER_SMALL);
    /* C = GCTR_K(inc32(J0), P): the counter starts at 2 (J0 ends in 1). */
    gctr(&key->aes, iv, 2, plaintext, out, len);
    compute_tag(key, iv, aad, aad_len, out, len, out + len);
    return SEE_OK;
}

see_status aes128_gcm_open(const aes128_gcm_key *key,
                           const uint8_t *iv, size_t iv_len,
                           const uint8_t *aad, size_t aad_len,
                           const uint8_t *sealed, size_t sealed_len,
                           uint8_t *out, size_t out_cap)
{
    ENSURE(sealed_len >= GCM_TAG_SIZE, SEE_ERR_TRUNCATED);
    size_t len = sealed_len - GCM_TAG_SIZE;
    TRY(check_lengths(iv_len, aad_len, len));
    ENSURE(out_cap >= len, SEE_ERR_BUFFER_SMALL);
    /* 7.2: the tag is checked first, over the ciphertext as received;
     * nothing is decrypted unless it matches. */
    uint8_t tag[GCM_TAG_SIZE];
    compute_tag(key, iv, aad, aad_len, sealed, len, tag);
    int ok = see_ct_equal(tag, sealed + len, GCM_TAG_SIZE);
    see_wipe(tag, sizeof tag);
    if (!ok) {
        see_wipe(out, len);
        return SEE_ERR_AEAD_TAG;
    }
    gctr(&key->aes, iv, 2, sealed, out, len);
    return SEE_OK;
}

int aes128_gcm_in_hardware(void)
{
    return cpu_has(CPU_AES) && cpu_has(CPU_CLMUL);
}
