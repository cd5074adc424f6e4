/*
 * aes_x86.c: AES-128 and its CBC, CTR and GCM-counter modes with the
 * x86-64 AES-NI instructions, beside crypto/aes_ct.c (the portable,
 * bitsliced AES that protocols use) and crypto/aes.c (the classroom
 * AES, table by table): read those for the algorithm. Here each round of
 * FIPS 197 5.1 is one instruction:
 *
 *   AESENC      ShiftRows, SubBytes, MixColumns, AddRoundKey (rounds 1..9)
 *   AESENCLAST  the same without MixColumns (round 10)
 *   AESDEC(LAST) the rounds of the equivalent inverse cipher (5.3.5),
 *               whose round keys are the encryption keys in reverse order
 *               with InvMixColumns (AESIMC) applied to keys 9..1
 *   AESKEYGENASSIST  SubWord(RotWord(w)) XOR Rcon for the key expansion
 *
 * An AESENC takes several cycles to finish but a new one can start every
 * cycle, so the modes that allow it (CBC decryption, CTR) run several
 * independent blocks through each round together: BLOCKS_AT_ONCE.
 * CBC encryption cannot (each block needs the ciphertext before it).
 *
 * Built with -maes -msse4.1 -mssse3 for this file only (the Makefile), on
 * x86-64 only; elsewhere the file is empty.
 */
#include "crypto/aes_x86.h"

#if defined(__x86_64__)

#include <immintrin.h>
#include <string.h>

#include "core/util.h"

#define ROUNDS 10
#define BLOCKS_AT_ONCE 8

static inline __m128i load(const uint8_t *p)
{
    return _mm_loadu_si128((const __m128i *)p);
}

static inline void store(uint8_t *p, __m128i x)
{
    _mm_storeu_si128((__m128i *)p, x);
}

/* ----------------------------------------------------- key expansion --- */

/* One round key from the previous one (FIPS 197 5.2, Nk = 4):
 *   w[i] = w[i-4] XOR SubWord(RotWord(w[i-1])) XOR Rcon   for the first word,
 *   w[i] = w[i-4] XOR w[i-1]                              for the others,
 * which is: each word of the new key is the XOR of the previous key's
 * words up to it (three shifts and XORs), plus the assist word, which
 * AESKEYGENASSIST computed from the previous key's last word (lane 3). */
static __m128i next_round_key(__m128i key, __m128i assist)
{
    assist = _mm_shuffle_epi32(assist, 0xff);
    key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
    key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
    key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
    return _mm_xor_si128(key, assist);
}

/* Rcon must be an immediate: one line per round. */
#define EXPAND(r, rcon) \
    k[r] = next_round_key(k[(r) - 1], _mm_aeskeygenassist_si128(k[(r) - 1], rcon))

void aes128_x86_set_key(aes128_x86_key *key, const uint8_t raw[16])
{
    __m128i k[ROUNDS + 1];
    k[0] = load(raw);
    EXPAND(1, 0x01); EXPAND(2, 0x02); EXPAND(3, 0x04); EXPAND(4, 0x08);
    EXPAND(5, 0x10); EXPAND(6, 0x20); EXPAND(7, 0x40); EXPAND(8, 0x80);
    EXPAND(9, 0x1b); EXPAND(10, 0x36);
    for (int r = 0; r <= ROUNDS; r++)
        store(key->enc[r], k[r]);
    /* The equivalent inverse cipher's keys (FIPS 197 5.3.5). */
    store(key->dec[0], k[ROUNDS]);
    for (int r = 1; r < ROUNDS; r++)
        store(key->dec[r], _mm_aesimc_si128(k[ROUNDS - r]));
    store(key->dec[ROUNDS], k[0]);
    see_wipe(k, sizeof k);
}

/* ------------------------------------------------------- the cipher --- */

/* The round keys, loaded once per call. */
typedef struct {
    __m128i k[ROUNDS + 1];
} schedule;

static void load_schedule(schedule *s, const uint8_t keys[ROUNDS + 1][16])
{
    for (int r = 0; r <= ROUNDS; r++)
        s->k[r] = load(keys[r]);
}

static inline __m128i encrypt1(const schedule *s, __m128i x)
{
    x = _mm_xor_si128(x, s->k[0]);
    for (int r = 1; r < ROUNDS; r++)
        x = _mm_aesenc_si128(x, s->k[r]);
    return _mm_aesenclast_si128(x, s->k[ROUNDS]);
}

static inline __m128i decrypt1(const schedule *s, __m128i x)
{
    x = _mm_xor_si128(x, s->k[0]);
    for (int r = 1; r < ROUNDS; r++)
        x = _mm_aesdec_si128(x, s->k[r]);
    return _mm_aesdeclast_si128(x, s->k[ROUNDS]);
}

/* n <= BLOCKS_AT_ONCE independent blocks, round by round together. The
 * blocks are copied into a local array with a constant bound, and the
 * loops unrolled (the pragma, which GCC and clang read), so that the
 * compiler keeps them all in registers; a loop over x itself would store
 * each block back after every instruction. */
static inline void encrypt_n(const schedule *s, __m128i *x, int n)
{
    __m128i b[BLOCKS_AT_ONCE];
#pragma GCC unroll 8
    for (int i = 0; i < BLOCKS_AT_ONCE; i++)
        b[i] = i < n ? _mm_xor_si128(x[i], s->k[0]) : _mm_setzero_si128();
    for (int r = 1; r < ROUNDS; r++) {
#pragma GCC unroll 8
        for (int i = 0; i < BLOCKS_AT_ONCE; i++)
            b[i] = _mm_aesenc_si128(b[i], s->k[r]);
    }
    for (int i = 0; i < n; i++)
        x[i] = _mm_aesenclast_si128(b[i], s->k[ROUNDS]);
}

static inline void decrypt_n(const schedule *s, __m128i *x, int n)
{
    __m128i b[BLOCKS_AT_ONCE];
#pragma GCC unroll 8
    for (int i = 0; i < BLOCKS_AT_ONCE; i++)
        b[i] = i < n ? _mm_xor_si128(x[i], s->k[0]) : _mm_setzero_si128();
    for (int r = 1; r < ROUNDS; r++) {
#pragma GCC unroll 8
        for (int i = 0; i < BLOCKS_AT_ONCE; i++)
            b[i] = _mm_aesdec_si128(b[i], s->k[r]);
    }
    for (int i = 0; i < n; i++)
        x[i] = _mm_aesdeclast_si128(b[i], s->k[ROUNDS]);
}

void aes128_x86_encrypt_blocks(const aes128_x86_key *key, const uint8_t *in,
                               uint8_t *out, size_t n)
{
    schedule s;
    load_schedule(&s, key->enc);
    for (size_t i = 0; i < n; i++)
        store(out + 16 * i, encrypt1(&s, load(in + 16 * i)));
    see_wipe(&s, sizeof s);
}

void aes128_x86_decrypt_blocks(const aes128_x86_key *key, const uint8_t *in,
                               uint8_t *out, size_t n)
{
    schedule s;
    load_schedule(&s, key->dec);
    for (size_t i = 0; i < n; i++)
        store(out + 16 * i, decrypt1(&s, load(in + 16 * i)));
    see_wipe(&s, sizeof s);
}

/* --------------------------------------------------------------- CBC --- */

/* C_j = CIPH(P_j XOR C_(j-1)), C_0 = IV (SP 800-38A 6.2). */
void aes128_x86_cbc_encrypt(const aes128_x86_key *key, const uint8_t iv[16],
                            const uint8_t *in, uint8_t *out, size_t len)
{
    schedule s;
    load_schedule(&s, key->enc);
    __m128i chain = load(iv);
    for (size_t off = 0; off < len; off += 16) {
        chain = encrypt1(&s, _mm_xor_si128(load(in + off), chain));
        store(out + off, chain);
    }
    see_wipe(&s, sizeof s);
}

/* P_j = CIPH^-1(C_j) XOR C_(j-1): every CIPH^-1 needs only ciphertext, so
 * BLOCKS_AT_ONCE go together. The ciphertext is loaded before out
 * overwrites it (in == out). */
void aes128_x86_cbc_decrypt(const aes128_x86_key *key, const uint8_t iv[16],
                            const uint8_t *in, uint8_t *out, size_t len)
{
    schedule s;
    load_schedule(&s, key->dec);
    __m128i chain = load(iv);
    size_t blocks = len / 16;
    for (size_t j = 0; j < blocks; j += BLOCKS_AT_ONCE) {
        int n = blocks - j < BLOCKS_AT_ONCE ? (int)(blocks - j) : BLOCKS_AT_ONCE;
        __m128i c[BLOCKS_AT_ONCE], x[BLOCKS_AT_ONCE];
        for (int i = 0; i < n; i++)
            c[i] = x[i] = load(in + 16 * (j + i));
        decrypt_n(&s, x, n);
        for (int i = 0; i < n; i++) {
            store(out + 16 * (j + i), _mm_xor_si128(x[i], chain));
            chain = c[i];
        }
    }
    see_wipe(&s, sizeof s);
}

/* --------------------------------------------------------------- CTR --- */

/* XOR len bytes (at most BLOCKS_AT_ONCE blocks) of the key stream of the
 * n counter blocks ctr[] onto in. */
static void xor_key_stream(const schedule *s, __m128i *ctr, int n,
                           const uint8_t *in, uint8_t *out, size_t len)
{
    encrypt_n(s, ctr, n);
    size_t whole = len / 16;
    for (size_t i = 0; i < whole; i++)
        store(out + 16 * i, _mm_xor_si128(load(in + 16 * i), ctr[i]));
    if (len % 16 != 0) {
        /* The last, partial block: through a buffer, never past in. */
        uint8_t stream[16];
        store(stream, ctr[whole]);
        for (size_t i = 0; i < len % 16; i++)
            out[16 * whole + i] = (uint8_t)(in[16 * whole + i] ^ stream[i]);
        see_wipe(stream, sizeof stream);
    }
}

/* The counter block T_j as two 64-bit halves, incremented as one 128-bit
 * big-endian number (SP 800-38A B.1, m = 128), as aes_ct.c's. */
void aes128_x86_ctr_xor(const aes128_x86_key *key, const uint8_t iv[16],
                        const uint8_t *in, uint8_t *out, size_t len)
{
    schedule s;
    load_schedule(&s, key->enc);
    uint64_t hi = ((uint64_t)see_load32_be(iv) << 32) | see_load32_be(iv + 4);
    uint64_t lo = ((uint64_t)see_load32_be(iv + 8) << 32) | see_load32_be(iv + 12);
    for (size_t off = 0; off < len; off += 16 * BLOCKS_AT_ONCE) {
        size_t n = len - off < 16 * BLOCKS_AT_ONCE ? len - off : 16 * BLOCKS_AT_ONCE;
        int blocks = (int)((n + 15) / 16);
        __m128i ctr[BLOCKS_AT_ONCE];
        for (int i = 0; i < blocks; i++) {
            ctr[i] = _mm_set_epi64x((long long)__builtin_bswap64(lo),
                                    (long long)__builtin_bswap64(hi));
            lo++;
            hi += (lo == 0);   /* the carry; the counter is public */
        }
        xor_key_stream(&s, ctr, blocks, in + off, out + off, n);
    }
    see_wipe(&s, sizeof s);
}

/* J0's first 96 bits (the IV) with the 32-bit counter in the last lane,
 * big-endian (SP 800-38D 6.2, inc32). */
void aes128_x86_gctr(const aes128_x86_key *key, const uint8_t iv[12],
                     uint32_t counter, const uint8_t *in, uint8_t *out,
                     size_t len)
{
    schedule s;
    load_schedule(&s, key->enc);
    uint8_t j[16] = {0};
    memcpy(j, iv, 12);
    __m128i base = load(j);
    for (size_t off = 0; off < len; off += 16 * BLOCKS_AT_ONCE) {
        size_t n = len - off < 16 * BLOCKS_AT_ONCE ? len - off : 16 * BLOCKS_AT_ONCE;
        int blocks = (int)((n + 15) / 16);
        __m128i ctr[BLOCKS_AT_ONCE];
        for (int i = 0; i < blocks; i++)
            ctr[i] = _mm_insert_epi32(base, (int)__builtin_bswap32(counter++), 3);
        xor_key_stream(&s, ctr, blocks, in + off, out + off, n);
    }
    see_wipe(&s, sizeof s);
}

#else

/* Not x86-64: nothing here (ISO C wants at least one declaration). */
typedef int aes_x86_not_built;

#endif
