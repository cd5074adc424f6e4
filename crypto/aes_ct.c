/*
 * aes_ct.c: AES (FIPS 197) without tables, 128- and 256-bit keys:
 * bitsliced, in constant time, both directions, and the CBC and CTR modes
 * on it (SP 800-38A).
 *
 * WHY
 *
 * The table AES of aes.c looks the S-box up with a byte of the State as the
 * index, and which cache lines that touches can be measured (the note at
 * the top of aes.c). Here no memory address and no branch depends on the
 * key or the data: every step is the same sequence of AND, XOR, shift and
 * rotate instructions whatever the values. The idea is bitslicing (Kasper
 * and Schwabe 2009); the layout below is the 32-bit one of BearSSL's
 * aes_ct (Thomas Pornin), written again here to be read.
 *
 * THE BITSLICED STATE
 *
 * Two blocks, A and B, are encrypted together in eight 32-bit words q[0..7].
 * Word q[i] holds bit i of every one of the 32 bytes: so the S-box, which
 * maps 8 input bits to 8 output bits, becomes a circuit of gates where each
 * gate is one instruction on whole words and computes that gate for all 32
 * bytes at once. Inside a word, the bit for the State byte s[r,c] (row r,
 * column c, FIPS 197 3.4) of block b is at position
 *
 *     8*r + 2*c + b          (b = 0 for block A, 1 for block B)
 *
 * so each row of the State is one byte of the word. ShiftRows then moves
 * bits within a byte of the word, and MixColumns, which combines rows, is
 * a rotation of the words by 8 bits.
 *
 * to_bitsliced / from_bitsliced switch between bytes and this layout: the
 * blocks are loaded as little-endian words (q[2k] = word k of A,
 * q[2k+1] = word k of B), then transpose_8x8 transposes every 8x8 matrix
 * of bits (one byte from each of q[0..7]). The transposition is its own
 * inverse.
 *
 * One round (FIPS 197 5.1) is then: sub_bytes (the circuit), shift_rows
 * (masks and shifts), mix_columns (XORs and rotations), add_round_key
 * (XOR with the bitsliced round key).
 *
 * Decryption (InvCipher, FIPS 197 5.3) undoes each step with the same
 * tools: inv_sub_bytes is the same circuit between two affine maps,
 * inv_shift_rows shifts the other way, and inv_mix_columns is a cheap
 * linear step followed by mix_columns. The round keys are the same, taken
 * from last to first.
 *
 * AES-256 is the same rounds, 14 of them instead of 10, on a longer key
 * schedule (FIPS 197 5.2 with Nk = 8). Everything below the key expansion
 * takes a round_keys: the bitsliced schedule and its round count, so both
 * key sizes run the one cipher.
 *
 * AES INSTRUCTIONS
 *
 * Where the CPU has the AES instructions (core/cpu.h), an AES-128 key is
 * set for the hardware file instead (crypto/aes_x86.c on x86-64,
 * crypto/aes_arm.c on arm64, both named aes128_hw_* by crypto/hw_paths.h),
 * and each AES-128 entry point below begins by handing such a key over
 * (the lines under #if HW_PATHS): the bitsliced code after them is the
 * portable path, and the one to read.
 * AES-256 is always the bitsliced one.
 */
#include "crypto/aes_ct.h"

#include <string.h>

#include "core/cpu.h"
#include "core/util.h"

/* ----------------------------------------------------- the bit layout --- */

/* Exchange the bits of *x selected by high_mask, moved down by shift, with
 * the bits of *y selected by low_mask: one step of a bit-matrix transpose. */
static inline void swap_bits(uint32_t *x, uint32_t *y, uint32_t low_mask,
                             uint32_t high_mask, unsigned shift)
{
    uint32_t a = *x, b = *y;
    *x = (a & low_mask) | ((b & low_mask) << shift);
    *y = ((a & high_mask) >> shift) | (b & high_mask);
}

/* Transpose, in every byte position, the 8x8 bit matrix whose row i is
 * that byte of q[i]: afterwards bit k of that byte of q[i] is what bit i of
 * that byte of q[k] was. Three rounds of exchanges: 1-bit, 2-bit, then
 * 4-bit blocks of the matrix. */
static void transpose_8x8(uint32_t q[8])
{
    for (int i = 0; i < 8; i += 2)
        swap_bits(&q[i], &q[i + 1], 0x55555555u, 0xaaaaaaaau, 1);
    for (int i = 0; i < 8; i += 4) {
        swap_bits(&q[i], &q[i + 2], 0x33333333u, 0xccccccccu, 2);
        swap_bits(&q[i + 1], &q[i + 3], 0x33333333u, 0xccccccccu, 2);
    }
    for (int i = 0; i < 4; i++)
        swap_bits(&q[i], &q[i + 4], 0x0f0f0f0fu, 0xf0f0f0f0u, 4);
}

static void to_bitsliced(uint32_t q[8], const uint8_t a[16], const uint8_t b[16])
{
    for (int k = 0; k < 4; k++) {
        q[2 * k] = see_load32_le(a + 4 * k);
        q[2 * k + 1] = see_load32_le(b + 4 * k);
    }
    transpose_8x8(q);
}

static void from_bitsliced(uint32_t q[8], uint8_t a[16], uint8_t b[16])
{
    transpose_8x8(q);
    for (int k = 0; k < 4; k++) {
        see_store32_le(a + 4 * k, q[2 * k]);
        see_store32_le(b + 4 * k, q[2 * k + 1]);
    }
}

/* ------------------------------------------------- SubBytes: a circuit --- */

/*
 * The S-box of FIPS 197 5.1.1 (the inverse in GF(2^8), then an affine map)
 * as the circuit of Boyar and Peralta ("A new combinational logic
 * minimization technique with applications to cryptology", 2009; IACR
 * ePrint 2009/191): 83 XOR/XNOR and 32 AND gates. It has three parts: a
 * linear map from the 8 input bits to 22 values (y1..y21 and x7), the
 * inversion proper (the only AND gates: inversion in GF(2^4) and the
 * multiplications around it, the tower-field method), and a linear map
 * down to the 8 output bits, into which the affine constant 0x63 goes as
 * the NOT on s1, s2, s6 and s7.
 *
 * The paper numbers bits from the most significant: x0 is bit 7 of the
 * byte, so x0 = q[7] and s0 goes to q[7]. Variable names are the paper's,
 * so the code can be checked against it gate by gate; aes_ct_sbox and the
 * unit test check all 256 outputs against FIPS 197 Figure 7.
 */
static void sub_bytes(uint32_t q[8])
{
    uint32_t x0 = q[7], x1 = q[6], x2 = q[5], x3 = q[4];
    uint32_t x4 = q[3], x5 = q[2], x6 = q[1], x7 = q[0];

    /* Top linear map. */
    uint32_t y14 = x3 ^ x5;
    uint32_t y13 = x0 ^ x6;
    uint32_t y9 = x0 ^ x3;
    uint32_t y8 = x0 ^ x5;
    uint32_t t0 = x1 ^ x2;
    uint32_t y1 = t0 ^ x7;
    uint32_t y4 = y1 ^ x3;
    uint32_t y12 = y13 ^ y14;
    uint32_t y2 = y1 ^ x0;
    uint32_t y5 = y1 ^ x6;
    uint32_t y3 = y5 ^ y8;
    uint32_t t1 = x4 ^ y12;
    uint32_t y15 = t1 ^ x5;
    uint32_t y20 = t1 ^ x1;
    uint32_t y6 = y15 ^ x7;
    uint32_t y10 = y15 ^ t0;
    uint32_t y11 = y20 ^ y9;
    uint32_t y7 = x7 ^ y11;
    uint32_t y17 = y10 ^ y11;
    uint32_t y19 = y10 ^ y8;
    uint32_t y16 = t0 ^ y11;
    uint32_t y21 = y13 ^ y16;
    uint32_t y18 = x0 ^ y16;

    /* Non-linear middle: products of the y values, ... */
    uint32_t t2 = y12 & y15;
    uint32_t t3 = y3 & y6;
    uint32_t t4 = t3 ^ t2;
    uint32_t t5 = y4 & x7;
    uint32_t t6 = t5 ^ t2;
    uint32_t t7 = y13 & y16;
    uint32_t t8 = y5 & y1;
    uint32_t t9 = t8 ^ t7;
    uint32_t t10 = y2 & y7;
    uint32_t t11 = t10 ^ t7;
    uint32_t t12 = y9 & y11;
    uint32_t t13 = y14 & y17;
    uint32_t t14 = t13 ^ t12;
    uint32_t t15 = y8 & y10;
    uint32_t t16 = t15 ^ t12;
    uint32_t t17 = t4 ^ t14;
    uint32_t t18 = t6 ^ t16;
    uint32_t t19 = t9 ^ t14;
    uint32_t t20 = t11 ^ t16;
    uint32_t t21 = t17 ^ y20;
    uint32_t t22 = t18 ^ y19;
    uint32_t t23 = t19 ^ y21;
    uint32_t t24 = t20 ^ y18;

    /* ... the inversion in GF(2^4) of (t21, t22, t23, t24), ... */
    uint32_t t25 = t21 ^ t22;
    uint32_t t26 = t21 & t23;
    uint32_t t27 = t24 ^ t26;
    uint32_t t28 = t25 & t27;
    uint32_t t29 = t28 ^ t22;
    uint32_t t30 = t23 ^ t24;
    uint32_t t31 = t22 ^ t26;
    uint32_t t32 = t31 & t30;
    uint32_t t33 = t32 ^ t24;
    uint32_t t34 = t23 ^ t33;
    uint32_t t35 = t27 ^ t33;
    uint32_t t36 = t24 & t35;
    uint32_t t37 = t36 ^ t34;
    uint32_t t38 = t27 ^ t36;
    uint32_t t39 = t29 & t38;
    uint32_t t40 = t25 ^ t39;

    /* ... and the products that lift the inverse back to GF(2^8). */
    uint32_t t41 = t40 ^ t37;
    uint32_t t42 = t29 ^ t33;
    uint32_t t43 = t29 ^ t40;
    uint32_t t44 = t33 ^ t37;
    uint32_t t45 = t42 ^ t41;
    uint32_t z0 = t44 & y15;
    uint32_t z1 = t37 & y6;
    uint32_t z2 = t33 & x7;
    uint32_t z3 = t43 & y16;
    uint32_t z4 = t40 & y1;
    uint32_t z5 = t29 & y7;
    uint32_t z6 = t42 & y11;
    uint32_t z7 = t45 & y17;
    uint32_t z8 = t41 & y10;
    uint32_t z9 = t44 & y12;
    uint32_t z10 = t37 & y3;
    uint32_t z11 = t33 & y4;
    uint32_t z12 = t43 & y13;
    uint32_t z13 = t40 & y5;
    uint32_t z14 = t29 & y2;
    uint32_t z15 = t42 & y9;
    uint32_t z16 = t45 & y14;
    uint32_t z17 = t41 & y8;

    /* Bottom linear map, with the affine constant 0x63 as four NOTs. */
    uint32_t t46 = z15 ^ z16;
    uint32_t t47 = z10 ^ z11;
    uint32_t t48 = z5 ^ z13;
    uint32_t t49 = z9 ^ z10;
    uint32_t t50 = z2 ^ z12;
    uint32_t t51 = z2 ^ z5;
    uint32_t t52 = z7 ^ z8;
    uint32_t t53 = z0 ^ z3;
    uint32_t t54 = z6 ^ z7;
    uint32_t t55 = z16 ^ z17;
    uint32_t t56 = z12 ^ t48;
    uint32_t t57 = t50 ^ t53;
    uint32_t t58 = z4 ^ t46;
    uint32_t t59 = z3 ^ t54;
    uint32_t t60 = t46 ^ t57;
    uint32_t t61 = z14 ^ t57;
    uint32_t t62 = t52 ^ t58;
    uint32_t t63 = t49 ^ t58;
    uint32_t t64 = z4 ^ t59;
    uint32_t t65 = t61 ^ t62;
    uint32_t t66 = z1 ^ t63;
    uint32_t s0 = t59 ^ t63;
    uint32_t s6 = t56 ^ ~t62;
    uint32_t s7 = t48 ^ ~t60;
    uint32_t t67 = t64 ^ t65;
    uint32_t s3 = t53 ^ t66;
    uint32_t s4 = t51 ^ t66;
    uint32_t s5 = t47 ^ t65;
    uint32_t s1 = t64 ^ ~s3;
    uint32_t s2 = t55 ^ ~t67;

    q[7] = s0;
    q[6] = s1;
    q[5] = s2;
    q[4] = s3;
    q[3] = s4;
    q[2] = s5;
    q[1] = s6;
    q[0] = s7;
}

uint8_t aes_ct_sbox(uint8_t x)
{
    uint8_t a[16] = {0}, b[16] = {0};
    uint32_t q[8];
    a[0] = x;
    to_bitsliced(q, a, b);
    sub_bytes(q);
    from_bitsliced(q, a, b);
    return a[0];
}

/*
 * InvSubBytes (FIPS 197 5.3.2) from the same circuit. The S-box is
 *     S(x) = A(x^-1) ^ {63}          (5.1.1: A linear, x^-1 the inverse
 *                                      in GF(2^8), 0 taken as its own)
 * and its inverse first undoes the affine part, then inverts:
 *     InvS(y) = T(y)^-1,  where T(y) = A^-1(y ^ {63}) = A^-1(y) ^ {05}
 * ({05} = A^-1({63}) is the constant of 5.3.2). sub_bytes computes x^-1
 * followed by T's inverse, so T applied after it leaves only the inversion:
 * T(S(z)) = z^-1. Hence
 *     InvS(y) = T(S(T(y)))
 * the circuit between two copies of T: 24 XORs and 4 NOTs more than
 * SubBytes, and no second circuit to check. (BearSSL's aes_ct does the
 * same.)
 */

/* T(y) = A^-1(y) ^ {05}: bit i of A^-1(y) is y_(i+2) ^ y_(i+5) ^ y_(i+7),
 * indices mod 8 (FIPS 197 5.3.2), and {05} is the NOT on bits 0 and 2.
 * Written out word by word: as a loop with indices mod 8, gcc -O2 made
 * gathers of it, and decryption ran at half the speed of encryption. */
static void undo_affine(uint32_t q[8])
{
    uint32_t y0 = q[0], y1 = q[1], y2 = q[2], y3 = q[3];
    uint32_t y4 = q[4], y5 = q[5], y6 = q[6], y7 = q[7];
    q[0] = ~(y2 ^ y5 ^ y7);
    q[1] = y3 ^ y6 ^ y0;
    q[2] = ~(y4 ^ y7 ^ y1);
    q[3] = y5 ^ y0 ^ y2;
    q[4] = y6 ^ y1 ^ y3;
    q[5] = y7 ^ y2 ^ y4;
    q[6] = y0 ^ y3 ^ y5;
    q[7] = y1 ^ y4 ^ y6;
}

static void inv_sub_bytes(uint32_t q[8])
{
    undo_affine(q);
    sub_bytes(q);
    undo_affine(q);
}

uint8_t aes_ct_inv_sbox(uint8_t x)
{
    uint8_t a[16] = {0}, b[16] = {0};
    uint32_t q[8];
    a[0] = x;
    to_bitsliced(q, a, b);
    inv_sub_bytes(q);
    from_bitsliced(q, a, b);
    return a[0];
}

/* ------------------------------------------ ShiftRows, MixColumns, key --- */

/* ShiftRows (FIPS 197 5.1.2): row r rotated left by r columns. Row r is
 * byte r of each word, with column c at bits 2c and 2c+1 of that byte (the
 * two blocks), so rotating the row by r columns rotates the byte right by
 * 2r bits. Row 0 stays. */
static void shift_rows(uint32_t q[8])
{
    for (int i = 0; i < 8; i++) {
        uint32_t x = q[i];
        q[i] = (x & 0x000000ffu)                                  /* row 0 */
             | ((x & 0x0000fc00u) >> 2) | ((x & 0x00000300u) << 6) /* row 1 */
             | ((x & 0x00f00000u) >> 4) | ((x & 0x000f0000u) << 4) /* row 2 */
             | ((x & 0xc0000000u) >> 6) | ((x & 0x3f000000u) << 2);/* row 3 */
    }
}

/* InvShiftRows (FIPS 197 5.3.1): row r rotated right by r columns, so its
 * byte rotated left by 2r bits. */
static void inv_shift_rows(uint32_t q[8])
{
    for (int i = 0; i < 8; i++) {
        uint32_t x = q[i];
        q[i] = (x & 0x000000ffu)                                  /* row 0 */
             | ((x & 0x00003f00u) << 2) | ((x & 0x0000c000u) >> 6) /* row 1 */
             | ((x & 0x000f0000u) << 4) | ((x & 0x00f00000u) >> 4) /* row 2 */
             | ((x & 0x03000000u) << 6) | ((x & 0xfc000000u) >> 2);/* row 3 */
    }
}

static inline uint32_t rotr32(uint32_t x, unsigned n)
{
    return (x >> n) | (x << (32 - n));
}

/* Multiply every byte by {02} (xtime, FIPS 197 4.2.1) on the bitsliced
 * words: shift each byte left one bit (word i becomes word i+1) and, from
 * the bit that fell off the top (word 7), XOR 0x1b = bits 0, 1, 3, 4. */
static void xtime_sliced(const uint32_t a[8], uint32_t out[8])
{
    out[0] = a[7];
    out[1] = a[0] ^ a[7];
    out[2] = a[1];
    out[3] = a[2] ^ a[7];
    out[4] = a[3] ^ a[7];
    out[5] = a[4];
    out[6] = a[5];
    out[7] = a[6];
}

/* MixColumns (FIPS 197 5.1.3): in each column the new row r is
 *     {02}s_r ^ {03}s_(r+1) ^ s_(r+2) ^ s_(r+3)
 *   = {02}(s_r ^ s_(r+1)) ^ s_(r+1) ^ (s_(r+2) ^ s_(r+3))     (rows mod 4).
 * Rows are the bytes of a word, so rotating a word right by 8 bits puts row
 * r+1 where row r was, and by 16 bits row r+2. */
static void mix_columns(uint32_t q[8])
{
    uint32_t next[8], pair[8], twice[8];
    for (int i = 0; i < 8; i++) {
        next[i] = rotr32(q[i], 8);   /* s_(r+1) */
        pair[i] = q[i] ^ next[i];    /* s_r ^ s_(r+1) */
    }
    xtime_sliced(pair, twice);
    for (int i = 0; i < 8; i++)
        /* rotr(pair, 16) = s_(r+2) ^ s_(r+3) */
        q[i] = twice[i] ^ next[i] ^ rotr32(pair[i], 16);
}

/* InvMixColumns (FIPS 197 5.3.3) multiplies each column by
 *     d(x) = {0b}x^3 + {0d}x^2 + {09}x + {0e}
 * and d(x) = ({04}x^2 + {05}) * c(x) modulo x^4 + 1, with c(x) MixColumns'
 * polynomial (Daemen and Rijmen, "The Design of Rijndael", 2002, 4.1.3;
 * multiply out to check: {04}x^2 * c(x) = {04}x^3 + {08}x^2 + {0c}x + {04}
 * after x^4 = 1 and x^5 = x, and {05} * c(x) = {0f}x^3 + {05}x^2 + {05}x
 * + {0a}). So InvMixColumns is a multiplication by {04}x^2 + {05}, which
 * makes row r
 *     {05}s_r ^ {04}s_(r+2) = s_r ^ {04}(s_r ^ s_(r+2))      (rows mod 4),
 * then MixColumns. {04} is xtime twice; rotating by 16 bits gives s_(r+2). */
static void inv_mix_columns(uint32_t q[8])
{
    uint32_t opposite[8], twice[8], four[8];
    for (int i = 0; i < 8; i++)
        opposite[i] = q[i] ^ rotr32(q[i], 16);   /* s_r ^ s_(r+2) */
    xtime_sliced(opposite, twice);
    xtime_sliced(twice, four);
    for (int i = 0; i < 8; i++)
        q[i] ^= four[i];
    mix_columns(q);
}

/* AddRoundKey (FIPS 197 5.1.4); its own inverse. */
static void add_round_key(uint32_t q[8], const uint32_t *sk)
{
    for (int i = 0; i < 8; i++)
        q[i] ^= sk[i];
}

/* ----------------------------------------------------- key expansion --- */

/* SubWord (FIPS 197 5.2): the circuit on the four bytes of w (a
 * little-endian word), the other 28 byte positions computed and dropped. */
static uint32_t sub_word(uint32_t w)
{
    uint32_t q[8] = {w, 0, 0, 0, 0, 0, 0, 0};
    transpose_8x8(q);
    sub_bytes(q);
    transpose_8x8(q);
    return q[0];
}

/* KeyExpansion (FIPS 197 5.2, Figure 11) of an nk-word key into
 * 4 * (rounds + 1) words, on little-endian words: byte 0 of a word is its
 * low byte, so RotWord, which moves byte 0 to the end, is a right rotation
 * by 8 bits, and Rcon goes into the low byte. A 256-bit key (nk = 8 > 6)
 * also passes the word in the middle of each group of eight through
 * SubWord alone (the "else if (Nk > 6 and i mod Nk = 4)" of Figure 11).
 * The round number indexes rcon: it is public, the key never is. Each
 * round key is then bitsliced, in both block positions, into sk. */
static void expand_key(const uint8_t *raw, int nk, int rounds, uint32_t *sk)
{
    /* Rcon[i/Nk] for i up to 4 * (AES128_ROUNDS + 1): ten for AES-128,
     * the first seven for AES-256 (FIPS 197 5.2). */
    static const uint8_t rcon[AES128_ROUNDS] = {
        0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0x1b, 0x36,
    };
    uint32_t w[4 * (AES256_ROUNDS + 1)];
    int words = 4 * (rounds + 1);
    for (int i = 0; i < nk; i++)
        w[i] = see_load32_le(raw + 4 * i);
    for (int i = nk; i < words; i++) {
        uint32_t temp = w[i - 1];
        if (i % nk == 0)
            temp = sub_word(rotr32(temp, 8)) ^ rcon[i / nk - 1];
        else if (nk > 6 && i % nk == 4)
            temp = sub_word(temp);
        w[i] = w[i - nk] ^ temp;
    }
    for (int r = 0; r <= rounds; r++) {
        uint32_t *q = sk + 8 * r;
        for (int k = 0; k < 4; k++)
            q[2 * k] = q[2 * k + 1] = w[4 * r + k];
        transpose_8x8(q);
    }
    see_wipe(w, sizeof w);
}

void aes128_ct_set_key(aes128_ct_key *key, const uint8_t raw[AES128_KEY_SIZE])
{
#if HW_PATHS
    key->hw = cpu_has(CPU_AES);
    if (key->hw) {
        aes128_hw_set_key(&key->hw_key, raw);
        return;
    }
#else
    key->hw = 0;
#endif
    expand_key(raw, AES128_KEY_SIZE / 4, AES128_ROUNDS, key->sk);
}

void aes256_ct_set_key(aes256_ct_key *key, const uint8_t raw[AES256_KEY_SIZE])
{
    expand_key(raw, AES256_KEY_SIZE / 4, AES256_ROUNDS, key->sk);
}

void aes128_ct_wipe(aes128_ct_key *key)
{
    see_wipe(key, sizeof *key);
}

void aes256_ct_wipe(aes256_ct_key *key)
{
    see_wipe(key, sizeof *key);
}

/* A bitsliced key schedule of either size, as the cipher reads it. */
typedef struct {
    const uint32_t *sk;   /* round key r at sk[8r .. 8r+7] */
    int rounds;           /* Nr: 10 (AES-128) or 14 (AES-256) */
} round_keys;

static round_keys keys128(const aes128_ct_key *key)
{
    round_keys k = {key->sk, AES128_ROUNDS};
    return k;
}

static round_keys keys256(const aes256_ct_key *key)
{
    round_keys k = {key->sk, AES256_ROUNDS};
    return k;
}

/* -------------------------------------------------------- the cipher --- */

/* Cipher (FIPS 197 5.1, Figure 5) on the bitsliced State. */
static void cipher(const round_keys *key, uint32_t q[8])
{
    add_round_key(q, key->sk);
    for (int round = 1; round < key->rounds; round++) {
        sub_bytes(q);
        shift_rows(q);
        mix_columns(q);
        add_round_key(q, key->sk + 8 * round);
    }
    sub_bytes(q);
    shift_rows(q);
    add_round_key(q, key->sk + 8 * key->rounds);
}

/* One pass of cipher or inv_cipher over two blocks in the bitsliced
 * words: in0 -> out0, in1 -> out1. */
typedef void aes_ct_pass(const round_keys *key, uint32_t q[8]);

static void run_pass(const round_keys *key, aes_ct_pass *pass,
                     const uint8_t in0[16], const uint8_t in1[16],
                     uint8_t out0[16], uint8_t out1[16])
{
    uint32_t q[8];
    to_bitsliced(q, in0, in1);
    pass(key, q);
    from_bitsliced(q, out0, out1);
    see_wipe(q, sizeof q);
}

/* One block: the second slot carries zeros in, and its output is wiped. */
static void run_pass_one(const round_keys *key, aes_ct_pass *pass,
                         const uint8_t in[16], uint8_t out[16])
{
    uint8_t unused[16] = {0};
    run_pass(key, pass, in, unused, out, unused);
    see_wipe(unused, sizeof unused);
}

/* InvCipher (FIPS 197 5.3, Figure 12) on the bitsliced State: the steps of
 * cipher undone in reverse order, the round keys from last to first. */
static void inv_cipher(const round_keys *key, uint32_t q[8])
{
    add_round_key(q, key->sk + 8 * key->rounds);
    for (int round = key->rounds - 1; round > 0; round--) {
        inv_shift_rows(q);
        inv_sub_bytes(q);
        add_round_key(q, key->sk + 8 * round);
        inv_mix_columns(q);
    }
    inv_shift_rows(q);
    inv_sub_bytes(q);
    add_round_key(q, key->sk);
}

/* The entry points: each key size's schedule into the one pass. */

void aes128_ct_encrypt2(const aes128_ct_key *key, const uint8_t in[32],
                        uint8_t out[32])
{
#if HW_PATHS
    if (key->hw) {
        aes128_hw_encrypt_blocks(&key->hw_key, in, out, 2);
        return;
    }
#endif
    round_keys k = keys128(key);
    run_pass(&k, cipher, in, in + 16, out, out + 16);
}

void aes128_ct_encrypt_block(const aes128_ct_key *key, const uint8_t in[16],
                             uint8_t out[16])
{
#if HW_PATHS
    if (key->hw) {
        aes128_hw_encrypt_blocks(&key->hw_key, in, out, 1);
        return;
    }
#endif
    round_keys k = keys128(key);
    run_pass_one(&k, cipher, in, out);
}

void aes128_ct_decrypt2(const aes128_ct_key *key, const uint8_t in[32],
                        uint8_t out[32])
{
#if HW_PATHS
    if (key->hw) {
        aes128_hw_decrypt_blocks(&key->hw_key, in, out, 2);
        return;
    }
#endif
    round_keys k = keys128(key);
    run_pass(&k, inv_cipher, in, in + 16, out, out + 16);
}

void aes128_ct_decrypt_block(const aes128_ct_key *key, const uint8_t in[16],
                             uint8_t out[16])
{
#if HW_PATHS
    if (key->hw) {
        aes128_hw_decrypt_blocks(&key->hw_key, in, out, 1);
        return;
    }
#endif
    round_keys k = keys128(key);
    run_pass_one(&k, inv_cipher, in, out);
}

void aes256_ct_encrypt_block(const aes256_ct_key *key, const uint8_t in[16],
                             uint8_t out[16])
{
    round_keys k = keys256(key);
    run_pass_one(&k, cipher, in, out);
}

void aes256_ct_decrypt_block(const aes256_ct_key *key, const uint8_t in[16],
                             uint8_t out[16])
{
    round_keys k = keys256(key);
    run_pass_one(&k, inv_cipher, in, out);
}

/* ---------------------------------------------------------------- CBC --- */

static void xor_block(uint8_t *out, const uint8_t *a, const uint8_t *b)
{
    for (int i = 0; i < AES_BLOCK_SIZE; i++)
        out[i] = (uint8_t)(a[i] ^ b[i]);
}

/* CBC encryption (SP 800-38A 6.2): C_1 = CIPH(P_1 ^ IV),
 * C_j = CIPH(P_j ^ C_(j-1)). Serial: each block waits for the ciphertext
 * before it, so one block per cipher call. Each block is read before it is
 * written, so in == out works. */
static see_status cbc_encrypt(const round_keys *key, const uint8_t iv[16],
                              const uint8_t *in, uint8_t *out, size_t len)
{
    ENSURE(len % AES_BLOCK_SIZE == 0, SEE_ERR_BLOCK_LENGTH);
    uint8_t chain[AES_BLOCK_SIZE];   /* C_(j-1), starting with the IV */
    uint8_t block[AES_BLOCK_SIZE];   /* P_j ^ C_(j-1) */
    memcpy(chain, iv, AES_BLOCK_SIZE);
    for (size_t off = 0; off < len; off += AES_BLOCK_SIZE) {
        xor_block(block, in + off, chain);
        run_pass_one(key, cipher, block, chain);
        memcpy(out + off, chain, AES_BLOCK_SIZE);
    }
    see_wipe(block, sizeof block);
    return SEE_OK;
}

/* CBC decryption (SP 800-38A 6.2): P_j = CIPH^-1(C_j) ^ C_(j-1). Every
 * CIPH^-1 needs only ciphertext, so blocks are decrypted two at a time;
 * an odd last block goes alone. The ciphertext blocks are saved before out
 * overwrites them, for in == out. */
static see_status cbc_decrypt(const round_keys *key, const uint8_t iv[16],
                              const uint8_t *in, uint8_t *out, size_t len)
{
    ENSURE(len % AES_BLOCK_SIZE == 0, SEE_ERR_BLOCK_LENGTH);
    uint8_t chain[AES_BLOCK_SIZE];        /* C_(j-1), starting with the IV */
    uint8_t cipher2[2 * AES_BLOCK_SIZE];  /* C_j, C_(j+1) */
    uint8_t plain2[2 * AES_BLOCK_SIZE];   /* their CIPH^-1 */
    memcpy(chain, iv, AES_BLOCK_SIZE);
    size_t off = 0;
    for (; len - off >= 2 * AES_BLOCK_SIZE; off += 2 * AES_BLOCK_SIZE) {
        memcpy(cipher2, in + off, 2 * AES_BLOCK_SIZE);
        run_pass(key, inv_cipher, cipher2, cipher2 + AES_BLOCK_SIZE, plain2,
                 plain2 + AES_BLOCK_SIZE);
        xor_block(out + off, plain2, chain);
        xor_block(out + off + AES_BLOCK_SIZE, plain2 + AES_BLOCK_SIZE, cipher2);
        memcpy(chain, cipher2 + AES_BLOCK_SIZE, AES_BLOCK_SIZE);
    }
    if (off < len) {
        memcpy(cipher2, in + off, AES_BLOCK_SIZE);
        run_pass_one(key, inv_cipher, cipher2, plain2);
        xor_block(out + off, plain2, chain);
    }
    see_wipe(plain2, sizeof plain2);
    return SEE_OK;
}

see_status aes128_ct_cbc_encrypt(const aes128_ct_key *key, const uint8_t iv[16],
                                 const uint8_t *in, uint8_t *out, size_t len)
{
#if HW_PATHS
    if (key->hw) {
        ENSURE(len % AES_BLOCK_SIZE == 0, SEE_ERR_BLOCK_LENGTH);
        aes128_hw_cbc_encrypt(&key->hw_key, iv, in, out, len);
        return SEE_OK;
    }
#endif
    round_keys k = keys128(key);
    return cbc_encrypt(&k, iv, in, out, len);
}

see_status aes128_ct_cbc_decrypt(const aes128_ct_key *key, const uint8_t iv[16],
                                 const uint8_t *in, uint8_t *out, size_t len)
{
#if HW_PATHS
    if (key->hw) {
        ENSURE(len % AES_BLOCK_SIZE == 0, SEE_ERR_BLOCK_LENGTH);
        aes128_hw_cbc_decrypt(&key->hw_key, iv, in, out, len);
        return SEE_OK;
    }
#endif
    round_keys k = keys128(key);
    return cbc_decrypt(&k, iv, in, out, len);
}

see_status aes256_ct_cbc_encrypt(const aes256_ct_key *key, const uint8_t iv[16],
                                 const uint8_t *in, uint8_t *out, size_t len)
{
    round_keys k = keys256(key);
    return cbc_encrypt(&k, iv, in, out, len);
}

see_status aes256_ct_cbc_decrypt(const aes256_ct_key *key, const uint8_t iv[16],
                                 const uint8_t *in, uint8_t *out, size_t len)
{
    round_keys k = keys256(key);
    return cbc_decrypt(&k, iv, in, out, len);
}

/* ---------------------------------------------------------------- CTR --- */

/* Add one to the counter block as a 128-bit big-endian number (SP 800-38A
 * B.1 with m = 128; aes.c counts the same way): the carry runs from the
 * last byte towards the first and wraps from all-ones to zero, touching
 * all 16 bytes whatever the value. */
static void increment_counter(uint8_t counter[AES_BLOCK_SIZE])
{
    unsigned carry = 1;
    for (int i = AES_BLOCK_SIZE - 1; i >= 0; i--) {
        unsigned sum = counter[i] + carry;
        counter[i] = (uint8_t)sum;
        carry = sum >> 8;
    }
}

/* CTR (SP 800-38A 6.5): O_j = CIPH(T_j), C_j = P_j ^ O_j, T_(j+1) = T_j + 1,
 * two counter blocks per cipher call. The last 32 bytes of key stream may
 * be used only in part. */
void aes128_ct_ctr_xor(const aes128_ct_key *key, const uint8_t iv[16],
                       const uint8_t *in, uint8_t *out, size_t len)
{
#if HW_PATHS
    if (key->hw) {
        aes128_hw_ctr_xor(&key->hw_key, iv, in, out, len);
        return;
    }
#endif
    uint8_t counters[2 * AES_BLOCK_SIZE];    /* T_j, T_(j+1) */
    uint8_t keystream[2 * AES_BLOCK_SIZE];   /* O_j, O_(j+1) */
    memcpy(counters, iv, AES_BLOCK_SIZE);
    for (size_t off = 0; off < len; off += sizeof keystream) {
        size_t n = len - off < sizeof keystream ? len - off : sizeof keystream;
        memcpy(counters + AES_BLOCK_SIZE, counters, AES_BLOCK_SIZE);
        increment_counter(counters + AES_BLOCK_SIZE);
        aes128_ct_encrypt2(key, counters, keystream);
        for (size_t i = 0; i < n; i++)
            out[off + i] = (uint8_t)(in[off + i] ^ keystream[i]);
        memcpy(counters, counters + AES_BLOCK_SIZE, AES_BLOCK_SIZE);
        increment_counter(counters);
    }
    see_wipe(keystream, sizeof keystream);
    see_wipe(counters, sizeof counters);
}
