/*
 * test_aes.c: AES-128 against FIPS 197 (Appendices A.1, B, C.1) and the
 * CBC and CTR modes against NIST SP 800-38A (F.2.1/F.2.2, F.5.1/F.5.2),
 * plus properties: in-place operation, CTR on any length, the 128-bit
 * counter carrying across 64 bits and wrapping, and the S-box recomputed
 * from its definition.
 */
#include <stdlib.h>
#include <string.h>

#include "crypto/aes.h"
#include "crypto/random.h"
#include "tests/unit/harness.h"

static void test_fips197_block(void)
{
    vec_file *v = vec_open("aes_fips197.txt");
    if (v == NULL)
        return;
    while (vec_next(v)) {
        size_t klen, plen, clen;
        uint8_t *raw = vec_hex(v, "key", &klen);
        uint8_t *pt = vec_hex(v, "plaintext", &plen);
        uint8_t *ct = vec_hex(v, "ciphertext", &clen);
        CU_ASSERT_EQUAL_FATAL(klen, 16);
        CU_ASSERT_EQUAL_FATAL(plen, 16);
        aes128_key key;
        uint8_t out[16];
        aes128_set_key(&key, raw);
        aes128_encrypt_block(&key, pt, out);
        ASSERT_HEX_EQ(out, 16, vec_get(v, "ciphertext"));
        aes128_decrypt_block(&key, ct, out);
        ASSERT_HEX_EQ(out, 16, vec_get(v, "plaintext"));
        /* in place: in and out the same buffer */
        memcpy(out, pt, 16);
        aes128_encrypt_block(&key, out, out);
        ASSERT_HEX_EQ(out, 16, vec_get(v, "ciphertext"));
        aes128_decrypt_block(&key, out, out);
        ASSERT_HEX_EQ(out, 16, vec_get(v, "plaintext"));
        free(raw);
        free(pt);
        free(ct);
    }
    CU_ASSERT_EQUAL(v->count, 2);
    vec_close(v);
}

static void test_fips197_key_expansion(void)
{
    vec_file *v = vec_open("aes_key_expansion_fips197.txt");
    if (v == NULL)
        return;
    while (vec_next(v)) {
        uint8_t *raw = vec_hex(v, "key", NULL);
        long i = strtol(vec_get(v, "i"), NULL, 10);
        CU_ASSERT_FATAL(i >= 0 && i < 44);
        aes128_key key;
        aes128_set_key(&key, raw);
        uint8_t word[4] = {
            (uint8_t)(key.rk[i] >> 24), (uint8_t)(key.rk[i] >> 16),
            (uint8_t)(key.rk[i] >> 8), (uint8_t)key.rk[i],
        };
        ASSERT_HEX_EQ(word, 4, vec_get(v, "w"));
        free(raw);
    }
    CU_ASSERT_EQUAL(v->count, 17);
    vec_close(v);
}

/* Collects what aes128_encrypt_block_steps reports. */
typedef struct {
    int count;
    int round[64];
    char step[64][8];
    uint8_t bytes[64][16];
} step_log;

static void log_step(void *ctx, int round, const char *step, const uint8_t bytes[16])
{
    step_log *log = ctx;
    if (log->count < 64) {
        log->round[log->count] = round;
        snprintf(log->step[log->count], sizeof log->step[0], "%s", step);
        memcpy(log->bytes[log->count], bytes, 16);
    }
    log->count++;
}

/* Compare a step log with the next 52 cases of the vector file. */
static void check_log_against_file(vec_file *v, const step_log *log)
{
    for (int i = 0; i < 52; i++) {
        CU_ASSERT_FATAL(vec_next(v));
        CU_ASSERT_FATAL(i < log->count);
        CU_ASSERT_EQUAL(log->round[i], (int)strtol(vec_get(v, "round"), NULL, 10));
        CU_ASSERT_STRING_EQUAL(log->step[i], vec_get(v, "step"));
        ASSERT_HEX_EQ(log->bytes[i], 16, vec_get(v, "value"));
    }
    CU_ASSERT_EQUAL(log->count, 52);
}

static void test_fips197_c1_round_by_round(void)
{
    static const char c1_out[] = "69c4e0d86a7b0430d8cdb78070b4c55a";
    static const char c1_in[] = "00112233445566778899aabbccddeeff";
    uint8_t *raw = hex_alloc("000102030405060708090a0b0c0d0e0f", NULL);
    uint8_t *pt = hex_alloc(c1_in, NULL);
    uint8_t *ct = hex_alloc(c1_out, NULL);
    aes128_key key;
    aes128_set_key(&key, raw);
    static step_log log;
    uint8_t out[16];
    vec_file *v = vec_open("aes_fips197_c1_rounds.txt");
    if (v != NULL) {
        memset(&log, 0, sizeof log);
        aes128_encrypt_block_steps(&key, pt, out, log_step, &log);
        ASSERT_HEX_EQ(out, 16, c1_out);
        check_log_against_file(v, &log);

        memset(&log, 0, sizeof log);
        aes128_decrypt_block_steps(&key, ct, out, log_step, &log);
        ASSERT_HEX_EQ(out, 16, c1_in);
        check_log_against_file(v, &log);

        CU_ASSERT_FALSE(vec_next(v));
        CU_ASSERT_EQUAL(v->count, 104);
        vec_close(v);
    }
    /* no callback is fine too */
    aes128_encrypt_block_steps(&key, pt, out, NULL, NULL);
    ASSERT_HEX_EQ(out, 16, c1_out);
    aes128_decrypt_block_steps(&key, ct, out, NULL, NULL);
    ASSERT_HEX_EQ(out, 16, c1_in);
    free(raw);
    free(pt);
    free(ct);
}

/* The fast Cipher and InvCipher (steps fused per column) equal the
 * step-by-step ones. */
static void test_fused_rounds_equal_steps(void)
{
    see_rng rng;
    rng_init_seeded(&rng, "test_aes fused", 14);
    int differ = 0;
    for (int trial = 0; trial < 1000; trial++) {
        uint8_t raw[16], in[16], fast[16], slow[16], back[16], slow_back[16];
        CU_ASSERT_EQUAL(rng_bytes(&rng, raw, sizeof raw), SEE_OK);
        CU_ASSERT_EQUAL(rng_bytes(&rng, in, sizeof in), SEE_OK);
        aes128_key key;
        aes128_set_key(&key, raw);
        aes128_encrypt_block(&key, in, fast);
        aes128_encrypt_block_steps(&key, in, slow, NULL, NULL);
        aes128_decrypt_block(&key, fast, back);
        aes128_decrypt_block_steps(&key, fast, slow_back, NULL, NULL);
        differ += memcmp(fast, slow, 16) != 0 || memcmp(back, in, 16) != 0 ||
                  memcmp(slow_back, in, 16) != 0;
    }
    CU_ASSERT_EQUAL(differ, 0);
    rng_wipe(&rng);
}

/* Multiplication in GF(2^8) modulo x^8+x^4+x^3+x+1, bit by bit (FIPS 197
 * 4.2), written independently of aes.c's xtime. */
static uint8_t gf_mul(uint8_t a, uint8_t b)
{
    unsigned product = 0, x = a;
    for (int bit = 0; bit < 8; bit++) {
        if (b & (1u << bit))
            product ^= x;
        x <<= 1;
        if (x & 0x100)
            x ^= 0x11b;
    }
    return (uint8_t)product;
}

/* The S-box from its definition (FIPS 197 5.1.1): the inverse in GF(2^8)
 * (0 maps to 0), then the affine transformation
 * b'_i = b_i ^ b_(i+4) ^ b_(i+5) ^ b_(i+6) ^ b_(i+7) ^ c_i, c = 0x63. */
static uint8_t sbox_by_definition(uint8_t a)
{
    uint8_t inv = 0;
    for (unsigned b = 1; b < 256 && a != 0; b++)
        if (gf_mul(a, (uint8_t)b) == 1)
            inv = (uint8_t)b;
    uint8_t out = 0;
    for (int i = 0; i < 8; i++) {
        unsigned bit = (inv >> i) ^ (inv >> ((i + 4) % 8)) ^ (inv >> ((i + 5) % 8)) ^
                       (inv >> ((i + 6) % 8)) ^ (inv >> ((i + 7) % 8)) ^ (0x63 >> i);
        out |= (uint8_t)((bit & 1) << i);
    }
    return out;
}

static void test_sbox_definition(void)
{
    int wrong = 0, not_inverse = 0;
    for (unsigned x = 0; x < 256; x++) {
        wrong += aes_sbox((uint8_t)x) != sbox_by_definition((uint8_t)x);
        not_inverse += aes_inv_sbox(aes_sbox((uint8_t)x)) != x;
    }
    CU_ASSERT_EQUAL(wrong, 0);
    CU_ASSERT_EQUAL(not_inverse, 0);
    /* FIPS 197 5.1.1's worked example: S-box({53}) = {ed} */
    CU_ASSERT_EQUAL(aes_sbox(0x53), 0xed);
}

/* Run one mode one way; CBC and CTR share the vector file. */
static void run_mode(const char *mode, const aes128_key *key, const uint8_t *iv,
                     const uint8_t *in, uint8_t *out, size_t len, int encrypt)
{
    if (strcmp(mode, "ctr") == 0) {
        aes128_ctr_xor(key, iv, in, out, len);
    } else if (encrypt) {
        CU_ASSERT_EQUAL(aes128_cbc_encrypt(key, iv, in, out, len), SEE_OK);
    } else {
        CU_ASSERT_EQUAL(aes128_cbc_decrypt(key, iv, in, out, len), SEE_OK);
    }
}

static void test_sp800_38a_modes(void)
{
    vec_file *v = vec_open("aes_modes_sp800_38a.txt");
    if (v == NULL)
        return;
    while (vec_next(v)) {
        const char *mode = vec_get(v, "mode");
        size_t plen, clen;
        uint8_t *raw = vec_hex(v, "key", NULL);
        uint8_t *iv = vec_hex(v, "iv", NULL);
        uint8_t *pt = vec_hex(v, "plaintext", &plen);
        uint8_t *ct = vec_hex(v, "ciphertext", &clen);
        CU_ASSERT_EQUAL_FATAL(plen, clen);
        uint8_t *out = malloc(plen);
        aes128_key key;
        aes128_set_key(&key, raw);

        run_mode(mode, &key, iv, pt, out, plen, 1);
        ASSERT_HEX_EQ(out, plen, vec_get(v, "ciphertext"));
        run_mode(mode, &key, iv, ct, out, clen, 0);
        ASSERT_HEX_EQ(out, clen, vec_get(v, "plaintext"));

        /* in place, both ways */
        memcpy(out, pt, plen);
        run_mode(mode, &key, iv, out, out, plen, 1);
        ASSERT_HEX_EQ(out, plen, vec_get(v, "ciphertext"));
        run_mode(mode, &key, iv, out, out, plen, 0);
        ASSERT_HEX_EQ(out, plen, vec_get(v, "plaintext"));

        /* the IV is not modified by the call */
        ASSERT_HEX_EQ(iv, 16, vec_get(v, "iv"));
        free(raw);
        free(iv);
        free(pt);
        free(ct);
        free(out);
    }
    CU_ASSERT_EQUAL(v->count, 2);
    vec_close(v);
}

static void test_cbc_rejects_partial_blocks(void)
{
    aes128_key key;
    uint8_t raw[16] = {0}, iv[16] = {0}, buf[48] = {0};
    aes128_set_key(&key, raw);
    static const size_t bad[] = {1, 8, 15, 17, 31, 33, 47};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        CU_ASSERT_EQUAL(aes128_cbc_encrypt(&key, iv, buf, buf, bad[k]), SEE_ERR_BLOCK_LENGTH);
        CU_ASSERT_EQUAL(aes128_cbc_decrypt(&key, iv, buf, buf, bad[k]), SEE_ERR_BLOCK_LENGTH);
    }
    CU_ASSERT_EQUAL(aes128_cbc_encrypt(&key, iv, buf, buf, 0), SEE_OK);
    CU_ASSERT_EQUAL(aes128_cbc_decrypt(&key, iv, buf, buf, 48), SEE_OK);
}

/* CBC by its definition (SP 800-38A 6.2) from single-block calls. */
static void test_cbc_matches_definition(void)
{
    see_rng rng;
    rng_init_seeded(&rng, "test_aes cbc", 12);
    uint8_t raw[16], iv[16], pt[160], ct[160], expect[160], back[160];
    for (int trial = 0; trial < 20; trial++) {
        CU_ASSERT_EQUAL(rng_bytes(&rng, raw, sizeof raw), SEE_OK);
        CU_ASSERT_EQUAL(rng_bytes(&rng, iv, sizeof iv), SEE_OK);
        CU_ASSERT_EQUAL(rng_bytes(&rng, pt, sizeof pt), SEE_OK);
        aes128_key key;
        aes128_set_key(&key, raw);
        const uint8_t *prev = iv;
        for (size_t b = 0; b < sizeof pt; b += 16) {
            uint8_t x[16];
            for (int i = 0; i < 16; i++)
                x[i] = pt[b + i] ^ prev[i];
            aes128_encrypt_block(&key, x, expect + b);
            prev = expect + b;
        }
        CU_ASSERT_EQUAL(aes128_cbc_encrypt(&key, iv, pt, ct, sizeof pt), SEE_OK);
        CU_ASSERT_EQUAL(memcmp(ct, expect, sizeof ct), 0);
        CU_ASSERT_EQUAL(aes128_cbc_decrypt(&key, iv, ct, back, sizeof ct), SEE_OK);
        CU_ASSERT_EQUAL(memcmp(back, pt, sizeof pt), 0);
    }
    rng_wipe(&rng);
}

/* The counter block as two 64-bit halves; adding one carries from the low
 * half into the high one and wraps at 2^128. Independent of aes.c's
 * byte-wise increment. */
typedef struct {
    uint64_t hi, lo;
} counter128;

static counter128 counter_load(const uint8_t b[16])
{
    counter128 c = {0, 0};
    for (int i = 0; i < 8; i++) {
        c.hi = c.hi << 8 | b[i];
        c.lo = c.lo << 8 | b[8 + i];
    }
    return c;
}

static void counter_store(counter128 c, uint8_t b[16])
{
    for (int i = 7; i >= 0; i--) {
        b[i] = (uint8_t)c.hi;
        b[8 + i] = (uint8_t)c.lo;
        c.hi >>= 8;
        c.lo >>= 8;
    }
}

/* CTR by its definition: ECB encryption of counter blocks T_j, XORed with
 * the data. */
static void ctr_by_definition(const aes128_key *key, const uint8_t iv[16],
                              const uint8_t *in, uint8_t *out, size_t len)
{
    counter128 t = counter_load(iv);
    for (size_t off = 0; off < len; off += 16) {
        uint8_t block[16], pad[16];
        counter_store(t, block);
        aes128_encrypt_block(key, block, pad);
        for (size_t i = 0; i < 16 && off + i < len; i++)
            out[off + i] = in[off + i] ^ pad[i];
        t.lo++;
        if (t.lo == 0)
            t.hi++;
    }
}

static void check_ctr_against_definition(const aes128_key *key, const uint8_t iv[16],
                                         const uint8_t *data, size_t len)
{
    uint8_t *ours = malloc(len + 1), *expect = malloc(len + 1);
    aes128_ctr_xor(key, iv, data, ours, len);
    ctr_by_definition(key, iv, data, expect, len);
    CU_ASSERT_EQUAL(memcmp(ours, expect, len), 0);
    /* in place, and decrypting gives the data back */
    memcpy(expect, data, len);
    aes128_ctr_xor(key, iv, expect, expect, len);
    CU_ASSERT_EQUAL(memcmp(ours, expect, len), 0);
    aes128_ctr_xor(key, iv, ours, ours, len);
    CU_ASSERT_EQUAL(memcmp(ours, data, len), 0);
    free(ours);
    free(expect);
}

static void test_ctr_every_length(void)
{
    see_rng rng;
    rng_init_seeded(&rng, "test_aes ctr", 12);
    uint8_t raw[16], iv[16], data[100];
    CU_ASSERT_EQUAL(rng_bytes(&rng, raw, sizeof raw), SEE_OK);
    CU_ASSERT_EQUAL(rng_bytes(&rng, iv, sizeof iv), SEE_OK);
    CU_ASSERT_EQUAL(rng_bytes(&rng, data, sizeof data), SEE_OK);
    aes128_key key;
    aes128_set_key(&key, raw);
    for (size_t len = 0; len <= sizeof data; len++)
        check_ctr_against_definition(&key, iv, data, len);

    /* Any prefix of the stream is the stream of the shorter message. */
    uint8_t full[100], part[100];
    aes128_ctr_xor(&key, iv, data, full, sizeof data);
    for (size_t len = 0; len <= sizeof data; len++) {
        aes128_ctr_xor(&key, iv, data, part, len);
        CU_ASSERT_EQUAL(memcmp(part, full, len), 0);
    }
    rng_wipe(&rng);
}

static void test_ctr_counter_wrap(void)
{
    static const char *const ivs[] = {
        /* the low 64 bits overflow into the high 64 bits on block 2 */
        "0123456789abcdefffffffffffffffff",
        /* the carry runs through several bytes of the high half */
        "00000000ffffffffffffffffffffffff",
        /* low half wraps after 3 blocks */
        "a5a5a5a5a5a5a5a5fffffffffffffffd",
        /* the whole 128-bit counter wraps to zero */
        "ffffffffffffffffffffffffffffffff",
    };
    uint8_t raw[16], data[80];
    for (int i = 0; i < 16; i++)
        raw[i] = (uint8_t)(0x10 + i);
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (uint8_t)(3 * i + 1);
    aes128_key key;
    aes128_set_key(&key, raw);
    for (size_t k = 0; k < sizeof ivs / sizeof ivs[0]; k++) {
        uint8_t *iv = hex_alloc(ivs[k], NULL);
        check_ctr_against_definition(&key, iv, data, sizeof data);
        check_ctr_against_definition(&key, iv, data, 37);
        free(iv);
    }

    /* And directly: with IV ff..ff the second keystream block is E(00..00). */
    uint8_t *iv = hex_alloc("ffffffffffffffffffffffffffffffff", NULL);
    uint8_t zeros[32] = {0}, stream[32], zero_block[16] = {0}, e0[16];
    aes128_ctr_xor(&key, iv, zeros, stream, 32);
    aes128_encrypt_block(&key, zero_block, e0);
    CU_ASSERT_EQUAL(memcmp(stream + 16, e0, 16), 0);
    free(iv);
}

static void test_wipe(void)
{
    aes128_key key, zero;
    uint8_t raw[16];
    memset(raw, 0xa7, sizeof raw);
    aes128_set_key(&key, raw);
    memset(&zero, 0, sizeof zero);
    CU_ASSERT_NOT_EQUAL(memcmp(&key, &zero, sizeof key), 0);
    aes128_wipe(&key);
    CU_ASSERT_EQUAL(memcmp(&key, &zero, sizeof key), 0);
}

static CU_TestInfo tests[] = {
    {"FIPS 197 C.1 and B: Cipher and InvCipher", test_fips197_block},
    {"FIPS 197 A.1: key expansion words", test_fips197_key_expansion},
    {"FIPS 197 C.1 round by round, both ways", test_fips197_c1_round_by_round},
    {"fused rounds equal the named steps", test_fused_rounds_equal_steps},
    {"S-box equals its GF(2^8) definition", test_sbox_definition},
    {"SP 800-38A F.2 CBC and F.5 CTR, both ways, in place", test_sp800_38a_modes},
    {"CBC rejects partial blocks", test_cbc_rejects_partial_blocks},
    {"CBC equals its definition on random data", test_cbc_matches_definition},
    {"CTR on every length 0..100 equals ECB of counters", test_ctr_every_length},
    {"CTR counter carries across 64 bits and wraps", test_ctr_counter_wrap},
    {"aes128_wipe zeroes the key schedule", test_wipe},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("aes", tests);
}
