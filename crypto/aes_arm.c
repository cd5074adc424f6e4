/*
 * aes_arm.c: AES-128 and its CBC, CTR and GCM-counter modes with the ARMv8
 * AES instructions, the arm64 twin of crypto/aes_x86.c, beside
 * crypto/aes_ct.c (the portable, bitsliced AES) and crypto/aes.c (the
 * classroom AES): read those for the algorithm. ARM cuts the rounds of
 * FIPS 197 5.1 at a different place from x86-64:
 *
 *   AESE    AddRoundKey, then ShiftRows and SubBytes
 *   AESMC   MixColumns
 *   AESD    AddRoundKey, then InvShiftRows and InvSubBytes
 *   AESIMC  InvMixColumns
 *
 * so a round key is added at the start of an AESE, and the last one by an
 * XOR of its own: AESE+AESMC with keys 0..8, AESE with key 9, XOR key 10.
 * Decryption is the equivalent inverse cipher (5.3.5) the same way, on
 * keys 10..0 with AESIMC applied to keys 9..1, as aes_x86.c's.
 *
 * The key expansion (5.2) is the standard's, word by word in C, with
 * SubWord computed by AESE itself on a zero key: with the word copied into
 * all four columns, ShiftRows moves nothing, and what remains is SubBytes.
 * No table, so constant-time as the rest.
 *
 * As in aes_x86.c, the modes that allow it (CBC decryption, CTR, GCTR)
 * run BLOCKS_AT_ONCE independent blocks through each round together.
 *
 * Built with -march=armv8-a+crypto for this file only (the Makefile), on
 * arm64 only; elsewhere the file is empty.
 */
#include "crypto/aes_arm.h"

#if defined(__aarch64__)

#include <arm_neon.h>
#include <string.h>

#include "core/util.h"

#define ROUNDS 10
#define BLOCKS_AT_ONCE 8

/* ----------------------------------------------------- key expansion --- */

/* SubWord (5.2) through AESE with a zero round key. The word is in the
 * byte order of the key (its first byte lowest), as every word below. */
static uint32_t sub_word(uint32_t w)
{
    uint8x16_t x = vreinterpretq_u8_u32(vdupq_n_u32(w));
    x = vaeseq_u8(x, vdupq_n_u8(0));
    return vgetq_lane_u32(vreinterpretq_u32_u8(x), 0);
}

/* RotWord: [a0 a1 a2 a3] -> [a1 a2 a3 a0], a0 being the lowest byte. */
static uint32_t rot_word(uint32_t w)
{
    return (w >> 8) | (w << 24);
}

void aes128_arm_set_key(aes128_arm_key *key, const uint8_t raw[16])
{
    static const uint8_t rcon[ROUNDS] = {0x01, 0x02, 0x04, 0x08, 0x10,
                                         0x20, 0x40, 0x80, 0x1b, 0x36};
    uint32_t w[4 * (ROUNDS + 1)];
    for (int i = 0; i < 4; i++)
        w[i] = see_load32_le(raw + 4 * i);
    for (int i = 4; i < 4 * (ROUNDS + 1); i++) {
        uint32_t t = w[i - 1];
        if (i % 4 == 0)
            t = rot_word(sub_word(t)) ^ rcon[i / 4 - 1];
        w[i] = w[i - 4] ^ t;
    }
    for (int r = 0; r <= ROUNDS; r++)
        for (int k = 0; k < 4; k++)
            see_store32_le(key->enc[r] + 4 * k, w[4 * r + k]);
    /* The equivalent inverse cipher's keys (FIPS 197 5.3.5). */
    memcpy(key->dec[0], key->enc[ROUNDS], 16);
    for (int r = 1; r < ROUNDS; r++)
        vst1q_u8(key->dec[r], vaesimcq_u8(vld1q_u8(key->enc[ROUNDS - r])));
    memcpy(key->dec[ROUNDS], key->enc[0], 16);
    see_wipe(w, sizeof w);
}

/* ------------------------------------------------------- the cipher --- */

/* The round keys, loaded once per call. */
typedef struct {
    uint8x16_t k[ROUNDS + 1];
} schedule;

static void load_schedule(schedule *s, const uint8_t keys[ROUNDS + 1][16])
{
    for (int r = 0; r <= ROUNDS; r++)
        s->k[r] = vld1q_u8(keys[r]);
}

static inline uint8x16_t encrypt1(const schedule *s, uint8x16_t x)
{
    for (int r = 0; r < ROUNDS - 1; r++)
        x = vaesmcq_u8(vaeseq_u8(x, s->k[r]));
    x = vaeseq_u8(x, s->k[ROUNDS - 1]);
    return veorq_u8(x, s->k[ROUNDS]);
}

static inline uint8x16_t decrypt1(const schedule *s, uint8x16_t x)
{
    for (int r = 0; r < ROUNDS - 1; r++)
        x = vaesimcq_u8(vaesdq_u8(x, s->k[r]));
    x = vaesdq_u8(x, s->k[ROUNDS - 1]);
    return veorq_u8(x, s->k[ROUNDS]);
}

/* n <= BLOCKS_AT_ONCE independent blocks, round by round together, in a
 * local array with a constant bound and unrolled loops so that the
 * compiler keeps them in registers (as aes_x86.c's encrypt_n). */
static inline void encrypt_n(const schedule *s, uint8x16_t *x, int n)
{
    uint8x16_t b[BLOCKS_AT_ONCE];
#pragma GCC unroll 8
    for (int i = 0; i < BLOCKS_AT_ONCE; i++)
        b[i] = i < n ? x[i] : vdupq_n_u8(0);
    for (int r = 0; r < ROUNDS - 1; r++) {
#pragma GCC unroll 8
        for (int i = 0; i < BLOCKS_AT_ONCE; i++)
            b[i] = vaesmcq_u8(vaeseq_u8(b[i], s->k[r]));
    }
    for (int i = 0; i < n; i++)
        x[i] = veorq_u8(vaeseq_u8(b[i], s->k[ROUNDS - 1]), s->k[ROUNDS]);
}

static inline void decrypt_n(const schedule *s, uint8x16_t *x, int n)
{
    uint8x16_t b[BLOCKS_AT_ONCE];
#pragma GCC unroll 8
    for (int i = 0; i < BLOCKS_AT_ONCE; i++)
        b[i] = i < n ? x[i] : vdupq_n_u8(0);
    for (int r = 0; r < ROUNDS - 1; r++) {
#pragma GCC unroll 8
        for (int i = 0; i < BLOCKS_AT_ONCE; i++)
            b[i] = vaesimcq_u8(vaesdq_u8(b[i], s->k[r]));
    }
    for (int i = 0; i < n; i++)
        x[i] = veorq_u8(vaesdq_u8(b[i], s->k[ROUNDS - 1]), s->k[ROUNDS]);
}

void aes128_arm_encrypt_blocks(const aes128_arm_key *key, const uint8_t *in,
                               uint8_t *out, size_t n)
{
    schedule s;
    load_schedule(&s, key->enc);
    for (size_t i = 0; i < n; i++)
        vst1q_u8(out + 16 * i, encrypt1(&s, vld1q_u8(in + 16 * i)));
    see_wipe(&s, sizeof s);
}

void aes128_arm_decrypt_blocks(const aes128_arm_key *key, const uint8_t *in,
                               uint8_t *out, size_t n)
{
    schedule s;
    load_schedule(&s, key->dec);
    for (size_t i = 0; i < n; i++)
        vst1q_u8(out + 16 * i, decrypt1(&s, vld1q_u8(in + 16 * i)));
    see_wipe(&s, sizeof s);
}

/* --------------------------------------------------------------- CBC --- */

/* C_j = CIPH(P_j XOR C_(j-1)), C_0 = IV (SP 800-38A 6.2). */
void aes128_arm_cbc_encrypt(const aes128_arm_key *key, const uint8_t iv[16],
                            const uint8_t *in, uint8_t *out, size_t len)
{
    schedule s;
    load_schedule(&s, key->enc);
    uint8x16_t chain = vld1q_u8(iv);
    for (size_t off = 0; off < len; off += 16) {
        chain = encrypt1(&s, veorq_u8(vld1q_u8(in + off), chain));
        vst1q_u8(out + off, chain);
    }
    see_wipe(&s, sizeof s);
}

/* P_j = CIPH^-1(C_j) XOR C_(j-1): BLOCKS_AT_ONCE together, the ciphertext
 * loaded before out overwrites it (in == out). */
void aes128_arm_cbc_decrypt(const aes128_arm_key *key, const uint8_t iv[16],
                            const uint8_t *in, uint8_t *out, size_t len)
{
    schedule s;
    load_schedule(&s, key->dec);
    uint8x16_t chain = vld1q_u8(iv);
    size_t blocks = len / 16;
    for (size_t j = 0; j < blocks; j += BLOCKS_AT_ONCE) {
        int n = blocks - j < BLOCKS_AT_ONCE ? (int)(blocks - j) : BLOCKS_AT_ONCE;
        uint8x16_t c[BLOCKS_AT_ONCE], x[BLOCKS_AT_ONCE];
        for (int i = 0; i < n; i++)
            c[i] = x[i] = vld1q_u8(in + 16 * (j + i));
        decrypt_n(&s, x, n);
        for (int i = 0; i < n; i++) {
            vst1q_u8(out + 16 * (j + i), veorq_u8(x[i], chain));
            chain = c[i];
        }
    }
    see_wipe(&s, sizeof s);
}

/* --------------------------------------------------------------- CTR --- */

/* XOR len bytes (at most BLOCKS_AT_ONCE blocks) of the key stream of the
 * n counter blocks ctr[] onto in. */
static void xor_key_stream(const schedule *s, uint8x16_t *ctr, int n,
                           const uint8_t *in, uint8_t *out, size_t len)
{
    encrypt_n(s, ctr, n);
    size_t whole = len / 16;
    for (size_t i = 0; i < whole; i++)
        vst1q_u8(out + 16 * i, veorq_u8(vld1q_u8(in + 16 * i), ctr[i]));
    if (len % 16 != 0) {
        /* The last, partial block: through a buffer, never past in. */
        uint8_t stream[16];
        vst1q_u8(stream, ctr[whole]);
        for (size_t i = 0; i < len % 16; i++)
            out[16 * whole + i] = (uint8_t)(in[16 * whole + i] ^ stream[i]);
        see_wipe(stream, sizeof stream);
    }
}

/* The counter block T_j as two 64-bit halves, incremented as one 128-bit
 * big-endian number (SP 800-38A B.1, m = 128), as aes_ct.c's. */
void aes128_arm_ctr_xor(const aes128_arm_key *key, const uint8_t iv[16],
                        const uint8_t *in, uint8_t *out, size_t len)
{
    schedule s;
    load_schedule(&s, key->enc);
    uint64_t hi = ((uint64_t)see_load32_be(iv) << 32) | see_load32_be(iv + 4);
    uint64_t lo = ((uint64_t)see_load32_be(iv + 8) << 32) | see_load32_be(iv + 12);
    for (size_t off = 0; off < len; off += 16 * BLOCKS_AT_ONCE) {
        size_t n = len - off < 16 * BLOCKS_AT_ONCE ? len - off : 16 * BLOCKS_AT_ONCE;
        int blocks = (int)((n + 15) / 16);
        uint8x16_t ctr[BLOCKS_AT_ONCE];
        for (int i = 0; i < blocks; i++) {
            uint8_t t[16];
            see_store64_be(t, hi);
            see_store64_be(t + 8, lo);
            ctr[i] = vld1q_u8(t);
            lo++;
            hi += (lo == 0);   /* the carry; the counter is public */
        }
        xor_key_stream(&s, ctr, blocks, in + off, out + off, n);
    }
    see_wipe(&s, sizeof s);
}

/* IV || [counter]_32, big-endian (SP 800-38D 6.2, inc32). */
void aes128_arm_gctr(const aes128_arm_key *key, const uint8_t iv[12],
                     uint32_t counter, const uint8_t *in, uint8_t *out,
                     size_t len)
{
    schedule s;
    load_schedule(&s, key->enc);
    uint8_t j[16];
    memcpy(j, iv, 12);
    for (size_t off = 0; off < len; off += 16 * BLOCKS_AT_ONCE) {
        size_t n = len - off < 16 * BLOCKS_AT_ONCE ? len - off : 16 * BLOCKS_AT_ONCE;
        int blocks = (int)((n + 15) / 16);
        uint8x16_t ctr[BLOCKS_AT_ONCE];
        for (int i = 0; i < blocks; i++) {
            see_store32_be(j + 12, counter++);
            ctr[i] = vld1q_u8(j);
        }
        xor_key_stream(&s, ctr, blocks, in + off, out + off, n);
    }
    see_wipe(&s, sizeof s);
}

#else

/* Not arm64: nothing here (ISO C wants at least one declaration). */
typedef int aes_arm_not_built;

#endif
