/*
 * aes.c: AES-128 (FIPS 197) and the CBC and CTR modes (NIST SP 800-38A).
 *
 * Read this file with FIPS 197 open. The cipher works on a 4x4 matrix of
 * bytes, the State (FIPS 197 3.4): byte s[r,c] of row r and column c is
 * state[r + 4c], so the 16 input bytes fill the State column by column.
 * One round is four named steps, each a function below:
 *
 *   SubBytes     (5.1.1) every byte through the S-box
 *   ShiftRows    (5.1.2) row r rotated left by r places
 *   MixColumns   (5.1.3) every column multiplied by a fixed polynomial
 *   AddRoundKey  (5.1.4) XOR with this round's four key words
 *
 * AES-128 does AddRoundKey, then 9 full rounds, then a last round without
 * MixColumns (Cipher, 5.1). InvCipher (5.3) undoes the steps in reverse.
 *
 * Two versions of each: aes128_encrypt_block_steps and
 * aes128_decrypt_block_steps follow FIPS 197 Figures 5 and 12 literally,
 * one named step at a time, and report the State after each (the tables
 * of Appendix C); start reading there. aes128_encrypt_block and
 * aes128_decrypt_block, used by the modes, do the same steps fused column
 * by column (cipher_round, inv_cipher_round), which is faster; the unit
 * tests check the two versions against each other.
 *
 * WHERE THIS IS NOT CONSTANT-TIME, AND WHY IT MATTERS
 *
 * SubBytes looks bytes up in a 256-entry table, and the index is a byte of
 * the State: a secret that depends on the key. Which table entries were
 * read decides which cache lines are warm afterwards, and another process
 * on the same machine (or a remote attacker timing many encryptions) can
 * measure that. From those measurements the key can be recovered:
 * cache-timing attacks on AES (Bernstein 2005; Osvik, Shamir and Tromer
 * 2006) recovered full keys from table-based AES this way. The key
 * expansion has the same leak, once per key.
 *
 * Real implementations avoid secret-indexed memory entirely: they use the
 * processor's AES instructions (AES-NI on x86, the ARMv8 crypto
 * extensions), which run in constant time, or, without them, "bitsliced"
 * AES that computes the S-box as a Boolean circuit over many blocks at once
 * (Kasper and Schwabe 2009; BearSSL's aes_ct). This file keeps the table
 * because it is the S-box of FIPS 197 Figure 7 a student can look up by
 * hand. The rest (xtime, MixColumns, the modes) uses no secret-dependent
 * branch or index.
 */
#include "crypto/aes.h"

#include <string.h>

#include "core/util.h"

/* ------------------------------------------------------------ S-boxes --- */

/* The S-box of FIPS 197 Figure 7: sbox[0xXY] is row X, column Y. Each entry
 * is the multiplicative inverse in GF(2^8) followed by the affine map of
 * 5.1.1 (the unit tests recompute every entry from that definition). */
static const uint8_t sbox[256] = {
    0x63, 0x7c, 0x77, 0x7b, 0xf2, 0x6b, 0x6f, 0xc5, 0x30, 0x01, 0x67, 0x2b, 0xfe, 0xd7, 0xab, 0x76,
    0xca, 0x82, 0xc9, 0x7d, 0xfa, 0x59, 0x47, 0xf0, 0xad, 0xd4, 0xa2, 0xaf, 0x9c, 0xa4, 0x72, 0xc0,
    0xb7, 0xfd, 0x93, 0x26, 0x36, 0x3f, 0xf7, 0xcc, 0x34, 0xa5, 0xe5, 0xf1, 0x71, 0xd8, 0x31, 0x15,
    0x04, 0xc7, 0x23, 0xc3, 0x18, 0x96, 0x05, 0x9a, 0x07, 0x12, 0x80, 0xe2, 0xeb, 0x27, 0xb2, 0x75,
    0x09, 0x83, 0x2c, 0x1a, 0x1b, 0x6e, 0x5a, 0xa0, 0x52, 0x3b, 0xd6, 0xb3, 0x29, 0xe3, 0x2f, 0x84,
    0x53, 0xd1, 0x00, 0xed, 0x20, 0xfc, 0xb1, 0x5b, 0x6a, 0xcb, 0xbe, 0x39, 0x4a, 0x4c, 0x58, 0xcf,
    0xd0, 0xef, 0xaa, 0xfb, 0x43, 0x4d, 0x33, 0x85, 0x45, 0xf9, 0x02, 0x7f, 0x50, 0x3c, 0x9f, 0xa8,
    0x51, 0xa3, 0x40, 0x8f, 0x92, 0x9d, 0x38, 0xf5, 0xbc, 0xb6, 0xda, 0x21, 0x10, 0xff, 0xf3, 0xd2,
    0xcd, 0x0c, 0x13, 0xec, 0x5f, 0x97, 0x44, 0x17, 0xc4, 0xa7, 0x7e, 0x3d, 0x64, 0x5d, 0x19, 0x73,
    0x60, 0x81, 0x4f, 0xdc, 0x22, 0x2a, 0x90, 0x88, 0x46, 0xee, 0xb8, 0x14, 0xde, 0x5e, 0x0b, 0xdb,
    0xe0, 0x32, 0x3a, 0x0a, 0x49, 0x06, 0x24, 0x5c, 0xc2, 0xd3, 0xac, 0x62, 0x91, 0x95, 0xe4, 0x79,
    0xe7, 0xc8, 0x37, 0x6d, 0x8d, 0xd5, 0x4e, 0xa9, 0x6c, 0x56, 0xf4, 0xea, 0x65, 0x7a, 0xae, 0x08,
    0xba, 0x78, 0x25, 0x2e, 0x1c, 0xa6, 0xb4, 0xc6, 0xe8, 0xdd, 0x74, 0x1f, 0x4b, 0xbd, 0x8b, 0x8a,
    0x70, 0x3e, 0xb5, 0x66, 0x48, 0x03, 0xf6, 0x0e, 0x61, 0x35, 0x57, 0xb9, 0x86, 0xc1, 0x1d, 0x9e,
    0xe1, 0xf8, 0x98, 0x11, 0x69, 0xd9, 0x8e, 0x94, 0x9b, 0x1e, 0x87, 0xe9, 0xce, 0x55, 0x28, 0xdf,
    0x8c, 0xa1, 0x89, 0x0d, 0xbf, 0xe6, 0x42, 0x68, 0x41, 0x99, 0x2d, 0x0f, 0xb0, 0x54, 0xbb, 0x16,
};

/* The inverse S-box of FIPS 197 Figure 14: inv_sbox[sbox[x]] == x. */
static const uint8_t inv_sbox[256] = {
    0x52, 0x09, 0x6a, 0xd5, 0x30, 0x36, 0xa5, 0x38, 0xbf, 0x40, 0xa3, 0x9e, 0x81, 0xf3, 0xd7, 0xfb,
    0x7c, 0xe3, 0x39, 0x82, 0x9b, 0x2f, 0xff, 0x87, 0x34, 0x8e, 0x43, 0x44, 0xc4, 0xde, 0xe9, 0xcb,
    0x54, 0x7b, 0x94, 0x32, 0xa6, 0xc2, 0x23, 0x3d, 0xee, 0x4c, 0x95, 0x0b, 0x42, 0xfa, 0xc3, 0x4e,
    0x08, 0x2e, 0xa1, 0x66, 0x28, 0xd9, 0x24, 0xb2, 0x76, 0x5b, 0xa2, 0x49, 0x6d, 0x8b, 0xd1, 0x25,
    0x72, 0xf8, 0xf6, 0x64, 0x86, 0x68, 0x98, 0x16, 0xd4, 0xa4, 0x5c, 0xcc, 0x5d, 0x65, 0xb6, 0x92,
    0x6c, 0x70, 0x48, 0x50, 0xfd, 0xed, 0xb9, 0xda, 0x5e, 0x15, 0x46, 0x57, 0xa7, 0x8d, 0x9d, 0x84,
    0x90, 0xd8, 0xab, 0x00, 0x8c, 0xbc, 0xd3, 0x0a, 0xf7, 0xe4, 0x58, 0x05, 0xb8, 0xb3, 0x45, 0x06,
    0xd0, 0x2c, 0x1e, 0x8f, 0xca, 0x3f, 0x0f, 0x02, 0xc1, 0xaf, 0xbd, 0x03, 0x01, 0x13, 0x8a, 0x6b,
    0x3a, 0x91, 0x11, 0x41, 0x4f, 0x67, 0xdc, 0xea, 0x97, 0xf2, 0xcf, 0xce, 0xf0, 0xb4, 0xe6, 0x73,
    0x96, 0xac, 0x74, 0x22, 0xe7, 0xad, 0x35, 0x85, 0xe2, 0xf9, 0x37, 0xe8, 0x1c, 0x75, 0xdf, 0x6e,
    0x47, 0xf1, 0x1a, 0x71, 0x1d, 0x29, 0xc5, 0x89, 0x6f, 0xb7, 0x62, 0x0e, 0xaa, 0x18, 0xbe, 0x1b,
    0xfc, 0x56, 0x3e, 0x4b, 0xc6, 0xd2, 0x79, 0x20, 0x9a, 0xdb, 0xc0, 0xfe, 0x78, 0xcd, 0x5a, 0xf4,
    0x1f, 0xdd, 0xa8, 0x33, 0x88, 0x07, 0xc7, 0x31, 0xb1, 0x12, 0x10, 0x59, 0x27, 0x80, 0xec, 0x5f,
    0x60, 0x51, 0x7f, 0xa9, 0x19, 0xb5, 0x4a, 0x0d, 0x2d, 0xe5, 0x7a, 0x9f, 0x93, 0xc9, 0x9c, 0xef,
    0xa0, 0xe0, 0x3b, 0x4d, 0xae, 0x2a, 0xf5, 0xb0, 0xc8, 0xeb, 0xbb, 0x3c, 0x83, 0x53, 0x99, 0x61,
    0x17, 0x2b, 0x04, 0x7e, 0xba, 0x77, 0xd6, 0x26, 0xe1, 0x69, 0x14, 0x63, 0x55, 0x21, 0x0c, 0x7d,
};

uint8_t aes_sbox(uint8_t x)
{
    return sbox[x];
}

uint8_t aes_inv_sbox(uint8_t x)
{
    return inv_sbox[x];
}

/* ------------------------------------------------------ key expansion --- */

/* Rcon[i] of FIPS 197 5.2: x^(i-1) in GF(2^8) as the word [x^(i-1),0,0,0].
 * Index 0 is unused, so rcon[i / 4] reads like the standard. */
static const uint32_t rcon[AES128_ROUNDS + 1] = {
    0x00000000, 0x01000000, 0x02000000, 0x04000000, 0x08000000, 0x10000000,
    0x20000000, 0x40000000, 0x80000000, 0x1b000000, 0x36000000,
};

/* SubWord: the S-box applied to each of the four bytes of a word. */
static uint32_t sub_word(uint32_t w)
{
    return (uint32_t)sbox[w >> 24] << 24 | (uint32_t)sbox[(w >> 16) & 0xff] << 16 |
           (uint32_t)sbox[(w >> 8) & 0xff] << 8 | (uint32_t)sbox[w & 0xff];
}

/* RotWord: [a0,a1,a2,a3] -> [a1,a2,a3,a0], a left rotation by one byte. */
static uint32_t rot_word(uint32_t w)
{
    return w << 8 | w >> 24;
}

/* KeyExpansion (FIPS 197 5.2, Figure 11) for Nk = 4, Nr = 10: the key is
 * words w[0..3]; each later word is the word four places back XOR the word
 * before it, which every fourth word first passes through RotWord, SubWord
 * and Rcon. */
void aes128_set_key(aes128_key *key, const uint8_t raw[AES128_KEY_SIZE])
{
    uint32_t *w = key->rk;
    for (int i = 0; i < 4; i++)
        w[i] = see_load32_be(raw + 4 * i);
    for (int i = 4; i < 4 * (AES128_ROUNDS + 1); i++) {
        uint32_t temp = w[i - 1];
        if (i % 4 == 0)
            temp = sub_word(rot_word(temp)) ^ rcon[i / 4];
        w[i] = w[i - 4] ^ temp;
    }
}

void aes128_wipe(aes128_key *key)
{
    see_wipe(key, sizeof *key);
}

/* ------------------------------------------- arithmetic in GF(2^8) ----- */

/* xtime (FIPS 197 4.2.1): multiply by x, i.e. {02}. Shift left; if the bit
 * shifted out was 1, reduce by the AES polynomial x^8+x^4+x^3+x+1 (XOR
 * 0x1b). The mask 0 - (b >> 7) is 0x00 or 0xff, so there is no branch on
 * the (secret) byte. */
static inline uint8_t xtime(uint8_t b)
{
    return (uint8_t)((b << 1) ^ (0x1b & (0u - (b >> 7))));
}

/* ---------------------------------------------------- the four steps --- */

/* The State: s[r,c] is state[r + 4c] (FIPS 197 3.4). */
#define S(r, c) state[(r) + 4 * (c)]

/* AddRoundKey (5.1.4): column c is XORed with key word w[4*round + c], the
 * word's most significant byte going to row 0. */
static inline void add_round_key(uint8_t state[16], const uint32_t *w)
{
    for (int c = 0; c < 4; c++) {
        S(0, c) ^= (uint8_t)(w[c] >> 24);
        S(1, c) ^= (uint8_t)(w[c] >> 16);
        S(2, c) ^= (uint8_t)(w[c] >> 8);
        S(3, c) ^= (uint8_t)w[c];
    }
}

/* SubBytes (5.1.1): every byte replaced by its S-box entry. This is the
 * secret-indexed table lookup discussed at the top of the file. */
static inline void sub_bytes(uint8_t state[16])
{
    for (int i = 0; i < 16; i++)
        state[i] = sbox[state[i]];
}

static inline void inv_sub_bytes(uint8_t state[16])
{
    for (int i = 0; i < 16; i++)
        state[i] = inv_sbox[state[i]];
}

/* ShiftRows (5.1.2): row r rotates left by r places; row 0 stays. */
static inline void shift_rows(uint8_t state[16])
{
    uint8_t t;
    /* row 1: left by 1 */
    t = S(1, 0); S(1, 0) = S(1, 1); S(1, 1) = S(1, 2); S(1, 2) = S(1, 3); S(1, 3) = t;
    /* row 2: left by 2, i.e. swap the two halves */
    t = S(2, 0); S(2, 0) = S(2, 2); S(2, 2) = t;
    t = S(2, 1); S(2, 1) = S(2, 3); S(2, 3) = t;
    /* row 3: left by 3, i.e. right by 1 */
    t = S(3, 3); S(3, 3) = S(3, 2); S(3, 2) = S(3, 1); S(3, 1) = S(3, 0); S(3, 0) = t;
}

/* InvShiftRows (5.3.1): row r rotates right by r places. */
static inline void inv_shift_rows(uint8_t state[16])
{
    uint8_t t;
    t = S(1, 3); S(1, 3) = S(1, 2); S(1, 2) = S(1, 1); S(1, 1) = S(1, 0); S(1, 0) = t;
    t = S(2, 0); S(2, 0) = S(2, 2); S(2, 2) = t;
    t = S(2, 1); S(2, 1) = S(2, 3); S(2, 3) = t;
    t = S(3, 0); S(3, 0) = S(3, 1); S(3, 1) = S(3, 2); S(3, 2) = S(3, 3); S(3, 3) = t;
}

/* MixColumns (5.1.3): each column a0..a3 becomes
 *
 *   b0 = {02}a0 ^ {03}a1 ^ a2 ^ a3        b2 = a0 ^ a1 ^ {02}a2 ^ {03}a3
 *   b1 = a0 ^ {02}a1 ^ {03}a2 ^ a3        b3 = {03}a0 ^ a1 ^ a2 ^ {02}a3
 *
 * Since {03}a = {02}a ^ a, b0 = a0 ^ t ^ {02}(a0 ^ a1) with t the XOR of
 * all four bytes, and likewise round the column: four xtimes a column. */
static inline void mix_column(uint8_t *col)
{
    uint8_t a0 = col[0], a1 = col[1], a2 = col[2], a3 = col[3];
    uint8_t t = (uint8_t)(a0 ^ a1 ^ a2 ^ a3);
    col[0] = (uint8_t)(a0 ^ t ^ xtime((uint8_t)(a0 ^ a1)));
    col[1] = (uint8_t)(a1 ^ t ^ xtime((uint8_t)(a1 ^ a2)));
    col[2] = (uint8_t)(a2 ^ t ^ xtime((uint8_t)(a2 ^ a3)));
    col[3] = (uint8_t)(a3 ^ t ^ xtime((uint8_t)(a3 ^ a0)));
}

static inline void mix_columns(uint8_t state[16])
{
    for (int c = 0; c < 4; c++)
        mix_column(&S(0, c));
}

/* InvMixColumns (5.3.3) multiplies each column by
 * a^-1(x) = {0b}x^3 + {0d}x^2 + {09}x + {0e}. That polynomial factors as
 * a(x) * ({04}x^2 + {05}) (mod x^4 + 1), with a(x) the MixColumns
 * polynomial (Daemen and Rijmen, The Design of Rijndael, 4.1.3). So first
 * multiply by {04}x^2 + {05}:
 *
 *   a0 ^= {04}(a0 ^ a2)   a1 ^= {04}(a1 ^ a3)   a2 ^= {04}(a0 ^ a2) ...
 *
 * and then apply MixColumns: two xtimes more per column than MixColumns,
 * instead of multiplying by {09}, {0b}, {0d}, {0e} one by one. */
static inline void inv_mix_column(uint8_t *col)
{
    uint8_t u = xtime(xtime((uint8_t)(col[0] ^ col[2])));
    uint8_t v = xtime(xtime((uint8_t)(col[1] ^ col[3])));
    col[0] ^= u;
    col[1] ^= v;
    col[2] ^= u;
    col[3] ^= v;
    mix_column(col);
}

static inline void inv_mix_columns(uint8_t state[16])
{
    for (int c = 0; c < 4; c++)
        inv_mix_column(&S(0, c));
}

#undef S

/* ------------------------------------------------ Cipher, InvCipher --- */

/* One middle round of Cipher (rounds 1..9): SubBytes, ShiftRows,
 * MixColumns and AddRoundKey, done column by column instead of step by
 * step, from the State in to the State out. The result is the same: column
 * c after ShiftRows holds s[0,c], s[1,c+1], s[2,c+2], s[3,c+3] (columns
 * counted mod 4); SubBytes acts on each byte alone, so it can be applied
 * as the bytes are picked; then MixColumns mixes that column and
 * AddRoundKey adds key word w[c]. Working per column saves the separate
 * passes over the State (about 1.6 times faster here); the unit tests check
 * it against the step-by-step rounds of aes128_encrypt_block_steps. */
static inline void cipher_round(const uint8_t in[16], uint8_t out[16],
                                const uint32_t w[4])
{
    for (int c = 0; c < 4; c++) {
        uint8_t *col = &out[4 * c];
        col[0] = sbox[in[0 + 4 * c]];               /* SubBytes + ShiftRows */
        col[1] = sbox[in[1 + 4 * ((c + 1) % 4)]];
        col[2] = sbox[in[2 + 4 * ((c + 2) % 4)]];
        col[3] = sbox[in[3 + 4 * ((c + 3) % 4)]];
        mix_column(col);                            /* MixColumns */
        col[0] ^= (uint8_t)(w[c] >> 24);            /* AddRoundKey */
        col[1] ^= (uint8_t)(w[c] >> 16);
        col[2] ^= (uint8_t)(w[c] >> 8);
        col[3] ^= (uint8_t)w[c];
    }
}

/* Cipher (FIPS 197 5.1, Figure 5). */
void aes128_encrypt_block(const aes128_key *key, const uint8_t in[16],
                          uint8_t out[16])
{
    /* Two State buffers: each round reads one and writes the other. */
    uint8_t a[16], b[16];
    memcpy(a, in, 16);
    add_round_key(a, &key->rk[0]);
    for (int round = 1; round < AES128_ROUNDS - 1; round += 2) {
        cipher_round(a, b, &key->rk[4 * round]);         /* rounds 1, 3, 5, 7 */
        cipher_round(b, a, &key->rk[4 * (round + 1)]);   /* rounds 2, 4, 6, 8 */
    }
    cipher_round(a, b, &key->rk[4 * (AES128_ROUNDS - 1)]); /* round 9 */
    /* the last round has no MixColumns */
    sub_bytes(b);
    shift_rows(b);
    add_round_key(b, &key->rk[4 * AES128_ROUNDS]);
    memcpy(out, b, 16);
    see_wipe(a, sizeof a);
    see_wipe(b, sizeof b);
}

/* Report one line of the FIPS 197 Appendix C table: the State, or the
 * round key for "k_sch". */
static void report(aes_step_fn *on_step, void *ctx, int round, const char *step,
                   const uint8_t state[16])
{
    if (on_step != NULL)
        on_step(ctx, round, step, state);
}

static void round_key_bytes(const aes128_key *key, int round, uint8_t out[16])
{
    for (int c = 0; c < 4; c++)
        see_store32_be(out + 4 * c, key->rk[4 * round + c]);
}

/* Cipher again, literally as FIPS 197 Figure 5 writes it, one named step
 * after another, reporting the State after each. */
void aes128_encrypt_block_steps(const aes128_key *key, const uint8_t in[16],
                                uint8_t out[16], aes_step_fn *on_step, void *ctx)
{
    uint8_t state[16], round_key[16];
    memcpy(state, in, 16);
    report(on_step, ctx, 0, "input", state);
    round_key_bytes(key, 0, round_key);
    report(on_step, ctx, 0, "k_sch", round_key);
    add_round_key(state, &key->rk[0]);
    for (int round = 1; round <= AES128_ROUNDS; round++) {
        report(on_step, ctx, round, "start", state);
        sub_bytes(state);
        report(on_step, ctx, round, "s_box", state);
        shift_rows(state);
        report(on_step, ctx, round, "s_row", state);
        if (round < AES128_ROUNDS) {   /* the last round has no MixColumns */
            mix_columns(state);
            report(on_step, ctx, round, "m_col", state);
        }
        round_key_bytes(key, round, round_key);
        report(on_step, ctx, round, "k_sch", round_key);
        add_round_key(state, &key->rk[4 * round]);
    }
    report(on_step, ctx, AES128_ROUNDS, "output", state);
    memcpy(out, state, 16);
    see_wipe(state, sizeof state);
    see_wipe(round_key, sizeof round_key);
}

/* One middle round of InvCipher (FIPS 197 5.3, Figure 12): InvShiftRows,
 * InvSubBytes, AddRoundKey and InvMixColumns, column by column like
 * cipher_round. InvShiftRows rotates row r right by r, so column c gets
 * s[r, c-r] (mod 4); the other three steps act within a column. */
static inline void inv_cipher_round(const uint8_t in[16], uint8_t out[16],
                                    const uint32_t w[4])
{
    for (int c = 0; c < 4; c++) {
        uint8_t *col = &out[4 * c];
        /* InvShiftRows + InvSubBytes + AddRoundKey */
        col[0] = (uint8_t)(inv_sbox[in[0 + 4 * c]] ^ (w[c] >> 24));
        col[1] = (uint8_t)(inv_sbox[in[1 + 4 * ((c + 3) % 4)]] ^ (w[c] >> 16));
        col[2] = (uint8_t)(inv_sbox[in[2 + 4 * ((c + 2) % 4)]] ^ (w[c] >> 8));
        col[3] = (uint8_t)(inv_sbox[in[3 + 4 * ((c + 1) % 4)]] ^ w[c]);
        inv_mix_column(col);                        /* InvMixColumns */
    }
}

/* InvCipher (FIPS 197 5.3, Figure 12): the steps of Cipher undone in
 * reverse order, round keys taken from last to first. */
void aes128_decrypt_block(const aes128_key *key, const uint8_t in[16],
                          uint8_t out[16])
{
    uint8_t a[16], b[16];
    memcpy(a, in, 16);
    add_round_key(a, &key->rk[4 * AES128_ROUNDS]);
    for (int round = AES128_ROUNDS - 1; round > 1; round -= 2) {
        inv_cipher_round(a, b, &key->rk[4 * round]);         /* rounds 9, 7, 5, 3 */
        inv_cipher_round(b, a, &key->rk[4 * (round - 1)]);   /* rounds 8, 6, 4, 2 */
    }
    inv_cipher_round(a, b, &key->rk[4]);                     /* round 1 */
    /* the last step has no InvMixColumns */
    inv_shift_rows(b);
    inv_sub_bytes(b);
    add_round_key(b, &key->rk[0]);
    memcpy(out, b, 16);
    see_wipe(a, sizeof a);
    see_wipe(b, sizeof b);
}

/* InvCipher literally as FIPS 197 Figure 12 writes it, reporting each step
 * with the names of the "INVERSE CIPHER (DECRYPT)" tables of Appendix C.
 * The rounds are numbered as there: 0 for the first AddRoundKey, then 1..10
 * (round r uses the round key of Cipher round 10 - r). */
void aes128_decrypt_block_steps(const aes128_key *key, const uint8_t in[16],
                                uint8_t out[16], aes_step_fn *on_step, void *ctx)
{
    uint8_t state[16], round_key[16];
    memcpy(state, in, 16);
    report(on_step, ctx, 0, "iinput", state);
    round_key_bytes(key, AES128_ROUNDS, round_key);
    report(on_step, ctx, 0, "ik_sch", round_key);
    add_round_key(state, &key->rk[4 * AES128_ROUNDS]);
    for (int round = 1; round <= AES128_ROUNDS; round++) {
        int key_round = AES128_ROUNDS - round;
        report(on_step, ctx, round, "istart", state);
        inv_shift_rows(state);
        report(on_step, ctx, round, "is_row", state);
        inv_sub_bytes(state);
        report(on_step, ctx, round, "is_box", state);
        round_key_bytes(key, key_round, round_key);
        report(on_step, ctx, round, "ik_sch", round_key);
        add_round_key(state, &key->rk[4 * key_round]);
        if (round < AES128_ROUNDS) {   /* no InvMixColumns after the last */
            report(on_step, ctx, round, "ik_add", state);
            inv_mix_columns(state);
        }
    }
    report(on_step, ctx, AES128_ROUNDS, "ioutput", state);
    memcpy(out, state, 16);
    see_wipe(state, sizeof state);
    see_wipe(round_key, sizeof round_key);
}

/* ---------------------------------------------------------------- CBC --- */

static void xor_block(uint8_t *out, const uint8_t *a, const uint8_t *b)
{
    for (int i = 0; i < AES_BLOCK_SIZE; i++)
        out[i] = (uint8_t)(a[i] ^ b[i]);
}

/* CBC encryption (SP 800-38A 6.2): C_1 = CIPH(P_1 ^ IV),
 * C_j = CIPH(P_j ^ C_{j-1}). Each block is read before it is written, so
 * in == out works. */
see_status aes128_cbc_encrypt(const aes128_key *key, const uint8_t iv[16],
                              const uint8_t *in, uint8_t *out, size_t len)
{
    ENSURE(len % AES_BLOCK_SIZE == 0, SEE_ERR_BLOCK_LENGTH);
    uint8_t chain[AES_BLOCK_SIZE];   /* C_{j-1}, starting with the IV */
    uint8_t block[AES_BLOCK_SIZE];
    memcpy(chain, iv, AES_BLOCK_SIZE);
    for (size_t off = 0; off < len; off += AES_BLOCK_SIZE) {
        xor_block(block, in + off, chain);
        aes128_encrypt_block(key, block, chain);
        memcpy(out + off, chain, AES_BLOCK_SIZE);
    }
    see_wipe(block, sizeof block);
    return SEE_OK;
}

/* CBC decryption (SP 800-38A 6.2): P_j = CIPH^-1(C_j) ^ C_{j-1}. The
 * ciphertext block is saved before out overwrites it, for in == out. */
see_status aes128_cbc_decrypt(const aes128_key *key, const uint8_t iv[16],
                              const uint8_t *in, uint8_t *out, size_t len)
{
    ENSURE(len % AES_BLOCK_SIZE == 0, SEE_ERR_BLOCK_LENGTH);
    uint8_t chain[AES_BLOCK_SIZE];   /* C_{j-1}, starting with the IV */
    uint8_t cipher[AES_BLOCK_SIZE];  /* C_j */
    uint8_t block[AES_BLOCK_SIZE];
    memcpy(chain, iv, AES_BLOCK_SIZE);
    for (size_t off = 0; off < len; off += AES_BLOCK_SIZE) {
        memcpy(cipher, in + off, AES_BLOCK_SIZE);
        aes128_decrypt_block(key, cipher, block);
        xor_block(out + off, block, chain);
        memcpy(chain, cipher, AES_BLOCK_SIZE);
    }
    see_wipe(block, sizeof block);
    return SEE_OK;
}

/* ---------------------------------------------------------------- CTR --- */

/* Add one to the counter block as a 128-bit big-endian number (SP 800-38A
 * B.1 with m = 128, as openssl's aes-128-ctr does): the carry runs from the
 * last byte towards the first and wraps from all-ones to zero. The loop
 * always touches all 16 bytes, so its time does not depend on the value. */
static void increment_counter(uint8_t counter[AES_BLOCK_SIZE])
{
    unsigned carry = 1;
    for (int i = AES_BLOCK_SIZE - 1; i >= 0; i--) {
        unsigned sum = counter[i] + carry;
        counter[i] = (uint8_t)sum;
        carry = sum >> 8;
    }
}

/* CTR (SP 800-38A 6.5): O_j = CIPH(T_j), C_j = P_j ^ O_j, T_{j+1} = T_j + 1.
 * The last block may be partial: only its first bytes of O_j are used. */
void aes128_ctr_xor(const aes128_key *key, const uint8_t iv[16],
                    const uint8_t *in, uint8_t *out, size_t len)
{
    uint8_t counter[AES_BLOCK_SIZE];
    uint8_t keystream[AES_BLOCK_SIZE];
    memcpy(counter, iv, AES_BLOCK_SIZE);
    for (size_t off = 0; off < len; off += AES_BLOCK_SIZE) {
        size_t n = len - off < AES_BLOCK_SIZE ? len - off : AES_BLOCK_SIZE;
        aes128_encrypt_block(key, counter, keystream);
        for (size_t i = 0; i < n; i++)
            out[off + i] = (uint8_t)(in[off + i] ^ keystream[i]);
        increment_counter(counter);
    }
    see_wipe(keystream, sizeof keystream);
    see_wipe(counter, sizeof counter);
}
