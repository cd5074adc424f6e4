/*
 * test_aes_ct.c: the constant-time (bitsliced) AES-128 against FIPS 197
 * (Appendices C.1 and B, Cipher and InvCipher, and the A.1 key whose
 * schedule it expands internally), its S-box and inverse S-box circuits
 * against all 256 entries of FIPS 197 Figures 7 and 14, its CBC and CTR
 * modes against NIST SP 800-38A F.2.1/F.2.2 and F.5.1/F.5.2 (the vector
 * files test_aes reads), and all of it against the table AES of aes.c on
 * random keys, blocks and messages: one block and two at a time, in place,
 * every CTR length 0..100, the counter carrying and wrapping.
 *
 * AES-256 against FIPS 197 C.3 and SP 800-38A F.2.5/F.2.6 (both ways, in
 * place, an odd block count), and its CBC against the openssl command line
 * (`openssl enc -aes-256-cbc -nopad`, an oracle run as a separate program)
 * on random keys, IVs and messages of 0..9 blocks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crypto/aes.h"
#include "crypto/aes_ct.h"
#include "crypto/random.h"
#include "tests/unit/harness.h"

static void test_fips197_block(void)
{
    vec_file *v = vec_open("aes_fips197.txt");
    if (v == NULL)
        return;
    while (vec_next(v)) {
        size_t klen, plen;
        uint8_t *raw = vec_hex(v, "key", &klen);
        uint8_t *pt = vec_hex(v, "plaintext", &plen);
        CU_ASSERT_EQUAL_FATAL(klen, 16);
        CU_ASSERT_EQUAL_FATAL(plen, 16);
        aes128_ct_key key;
        uint8_t out[16], two[32];
        aes128_ct_set_key(&key, raw);
        aes128_ct_encrypt_block(&key, pt, out);
        ASSERT_HEX_EQ(out, 16, vec_get(v, "ciphertext"));
        /* in place */
        memcpy(out, pt, 16);
        aes128_ct_encrypt_block(&key, out, out);
        ASSERT_HEX_EQ(out, 16, vec_get(v, "ciphertext"));
        /* the same block in either half of a pair */
        memcpy(two, pt, 16);
        memset(two + 16, 0x5a, 16);
        aes128_ct_encrypt2(&key, two, two);
        ASSERT_HEX_EQ(two, 16, vec_get(v, "ciphertext"));
        memcpy(two + 16, pt, 16);
        memset(two, 0xa5, 16);
        aes128_ct_encrypt2(&key, two, two);
        ASSERT_HEX_EQ(two + 16, 16, vec_get(v, "ciphertext"));
        aes128_ct_wipe(&key);
        free(raw);
        free(pt);
    }
    CU_ASSERT_EQUAL(v->count, 2);
    vec_close(v);
}

/* InvCipher on the same two FIPS 197 examples, the same ways. */
static void test_fips197_inverse(void)
{
    vec_file *v = vec_open("aes_fips197.txt");
    if (v == NULL)
        return;
    while (vec_next(v)) {
        size_t klen, clen;
        uint8_t *raw = vec_hex(v, "key", &klen);
        uint8_t *ct = vec_hex(v, "ciphertext", &clen);
        CU_ASSERT_EQUAL_FATAL(klen, 16);
        CU_ASSERT_EQUAL_FATAL(clen, 16);
        aes128_ct_key key;
        uint8_t out[16], two[32];
        aes128_ct_set_key(&key, raw);
        aes128_ct_decrypt_block(&key, ct, out);
        ASSERT_HEX_EQ(out, 16, vec_get(v, "plaintext"));
        memcpy(out, ct, 16);
        aes128_ct_decrypt_block(&key, out, out);
        ASSERT_HEX_EQ(out, 16, vec_get(v, "plaintext"));
        memcpy(two, ct, 16);
        memset(two + 16, 0x5a, 16);
        aes128_ct_decrypt2(&key, two, two);
        ASSERT_HEX_EQ(two, 16, vec_get(v, "plaintext"));
        memcpy(two + 16, ct, 16);
        memset(two, 0xa5, 16);
        aes128_ct_decrypt2(&key, two, two);
        ASSERT_HEX_EQ(two + 16, 16, vec_get(v, "plaintext"));
        aes128_ct_wipe(&key);
        free(raw);
        free(ct);
    }
    CU_ASSERT_EQUAL(v->count, 2);
    vec_close(v);
}

static void test_sbox_circuit(void)
{
    int wrong = 0;
    for (int x = 0; x < 256; x++)
        if (aes_ct_sbox((uint8_t)x) != aes_sbox((uint8_t)x))
            wrong++;
    CU_ASSERT_EQUAL(wrong, 0);
}

static void test_inv_sbox_circuit(void)
{
    int wrong = 0;
    for (int x = 0; x < 256; x++)
        if (aes_ct_inv_sbox((uint8_t)x) != aes_inv_sbox((uint8_t)x))
            wrong++;
    CU_ASSERT_EQUAL(wrong, 0);
    /* FIPS 197 Figure 14, two entries by hand: InvS({00}) = {52},
     * InvS({63}) = {00} */
    CU_ASSERT_EQUAL(aes_ct_inv_sbox(0x00), 0x52);
    CU_ASSERT_EQUAL(aes_ct_inv_sbox(0x63), 0x00);
}

static void test_equals_table_aes(void)
{
    see_rng rng;
    rng_init_seeded(&rng, "test_aes_ct differential", 24);
    int wrong = 0;
    for (int i = 0; i < 2000; i++) {
        uint8_t raw[16], in[32], want[32], got[32], one[16];
        CU_ASSERT_EQUAL(rng_bytes(&rng, raw, sizeof raw), SEE_OK);
        CU_ASSERT_EQUAL(rng_bytes(&rng, in, sizeof in), SEE_OK);
        aes128_key table;
        aes128_ct_key ct;
        aes128_set_key(&table, raw);
        aes128_ct_set_key(&ct, raw);
        aes128_encrypt_block(&table, in, want);
        aes128_encrypt_block(&table, in + 16, want + 16);
        aes128_ct_encrypt2(&ct, in, got);
        aes128_ct_encrypt_block(&ct, in + 16, one);
        if (memcmp(got, want, 32) != 0 || memcmp(one, want + 16, 16) != 0)
            wrong++;
    }
    CU_ASSERT_EQUAL(wrong, 0);
    rng_wipe(&rng);
}

static void test_decrypt_equals_table_aes(void)
{
    see_rng rng;
    rng_init_seeded(&rng, "test_aes_ct inverse differential", 32);
    int wrong = 0;
    for (int i = 0; i < 4000; i++) {
        uint8_t raw[16], in[32], want[32], got[32], one[16];
        CU_ASSERT_EQUAL(rng_bytes(&rng, raw, sizeof raw), SEE_OK);
        CU_ASSERT_EQUAL(rng_bytes(&rng, in, sizeof in), SEE_OK);
        aes128_key table;
        aes128_ct_key ct;
        aes128_set_key(&table, raw);
        aes128_ct_set_key(&ct, raw);
        aes128_decrypt_block(&table, in, want);
        aes128_decrypt_block(&table, in + 16, want + 16);
        aes128_ct_decrypt2(&ct, in, got);
        aes128_ct_decrypt_block(&ct, in + 16, one);
        if (memcmp(got, want, 32) != 0 || memcmp(one, want + 16, 16) != 0)
            wrong++;
    }
    CU_ASSERT_EQUAL(wrong, 0);
    rng_wipe(&rng);
}

/* ------------------------------------------------------------ modes --- */

/* Run one mode one way; CBC and CTR share the vector file. */
static void run_mode(const char *mode, const aes128_ct_key *key, const uint8_t *iv,
                     const uint8_t *in, uint8_t *out, size_t len, int encrypt)
{
    if (strcmp(mode, "ctr") == 0) {
        aes128_ct_ctr_xor(key, iv, in, out, len);
    } else if (encrypt) {
        CU_ASSERT_EQUAL(aes128_ct_cbc_encrypt(key, iv, in, out, len), SEE_OK);
    } else {
        CU_ASSERT_EQUAL(aes128_ct_cbc_decrypt(key, iv, in, out, len), SEE_OK);
    }
}

/* The vectors test_aes runs on the table AES, through the same checks. */
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
        aes128_ct_key key;
        aes128_ct_set_key(&key, raw);

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

        /* three of the four blocks: an odd count, the last block alone */
        memset(out, 0, plen);
        run_mode(mode, &key, iv, ct, out, 48, 0);
        CU_ASSERT_EQUAL(memcmp(out, pt, 48), 0);

        /* the IV is not modified by the call */
        ASSERT_HEX_EQ(iv, 16, vec_get(v, "iv"));
        aes128_ct_wipe(&key);
        free(raw);
        free(iv);
        free(pt);
        free(ct);
        free(out);
    }
    CU_ASSERT_EQUAL(v->count, 2);
    vec_close(v);
}

/* SEE_ERR_BLOCK_LENGTH for a partial block, and the output untouched. */
static void test_cbc_rejects_partial_blocks(void)
{
    aes128_ct_key key;
    uint8_t raw[16] = {0}, iv[16] = {0}, in[48] = {0}, out[48];
    aes128_ct_set_key(&key, raw);
    static const size_t bad[] = {1, 8, 15, 17, 31, 33, 47};
    int written = 0;
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        memset(out, 0xee, sizeof out);
        CU_ASSERT_EQUAL(aes128_ct_cbc_encrypt(&key, iv, in, out, bad[k]),
                        SEE_ERR_BLOCK_LENGTH);
        CU_ASSERT_EQUAL(aes128_ct_cbc_decrypt(&key, iv, in, out, bad[k]),
                        SEE_ERR_BLOCK_LENGTH);
        for (size_t i = 0; i < sizeof out; i++)
            written += out[i] != 0xee;
    }
    CU_ASSERT_EQUAL(written, 0);
    CU_ASSERT_EQUAL(aes128_ct_cbc_encrypt(&key, iv, in, out, 0), SEE_OK);
    CU_ASSERT_EQUAL(aes128_ct_cbc_decrypt(&key, iv, in, out, 48), SEE_OK);
}

/* CBC both ways against the table AES's CBC (itself checked against the
 * standard and against CBC's definition in test_aes), on random keys, IVs
 * and messages of 0 to 40 blocks, odd and even counts, apart and in place. */
static void test_cbc_equals_table_aes(void)
{
    see_rng rng;
    rng_init_seeded(&rng, "test_aes_ct cbc differential", 28);
    enum { MAX = 40 * 16 };
    uint8_t raw[16], iv[16], pt[MAX], want[MAX], got[MAX], back[MAX];
    int wrong = 0;
    for (int trial = 0; trial < 300; trial++) {
        size_t len = 16 * (size_t)(trial % 41);
        CU_ASSERT_EQUAL(rng_bytes(&rng, raw, sizeof raw), SEE_OK);
        CU_ASSERT_EQUAL(rng_bytes(&rng, iv, sizeof iv), SEE_OK);
        CU_ASSERT_EQUAL(rng_bytes(&rng, pt, sizeof pt), SEE_OK);
        aes128_key table;
        aes128_ct_key ct;
        aes128_set_key(&table, raw);
        aes128_ct_set_key(&ct, raw);
        CU_ASSERT_EQUAL(aes128_cbc_encrypt(&table, iv, pt, want, len), SEE_OK);
        CU_ASSERT_EQUAL(aes128_ct_cbc_encrypt(&ct, iv, pt, got, len), SEE_OK);
        wrong += memcmp(got, want, len) != 0;
        /* decryption of random bytes too, not only of our ciphertext */
        CU_ASSERT_EQUAL(aes128_cbc_decrypt(&table, iv, pt, want, len), SEE_OK);
        CU_ASSERT_EQUAL(aes128_ct_cbc_decrypt(&ct, iv, pt, got, len), SEE_OK);
        wrong += memcmp(got, want, len) != 0;
        /* in place: encrypt, then decrypt back */
        memcpy(back, pt, len);
        CU_ASSERT_EQUAL(aes128_ct_cbc_encrypt(&ct, iv, back, back, len), SEE_OK);
        CU_ASSERT_EQUAL(aes128_ct_cbc_decrypt(&ct, iv, back, back, len), SEE_OK);
        wrong += memcmp(back, pt, len) != 0;
    }
    CU_ASSERT_EQUAL(wrong, 0);
    rng_wipe(&rng);
}

/* The table AES's CTR and ours on one key and IV over data[0..len): the
 * same bytes, apart and in place. Returns 1 when they agree. */
static int ctr_agrees(const aes128_key *table, const aes128_ct_key *ct,
                      const uint8_t iv[16], const uint8_t *data, size_t len)
{
    uint8_t want[200], got[200];
    if (len > sizeof want)
        return 0;
    aes128_ctr_xor(table, iv, data, want, len);
    aes128_ct_ctr_xor(ct, iv, data, got, len);
    int same = memcmp(got, want, len) == 0;
    memcpy(got, data, len);
    aes128_ct_ctr_xor(ct, iv, got, got, len);
    return same && memcmp(got, want, len) == 0;
}

/* Every length 0..100 (partial blocks, and an odd or even count of
 * blocks in the two-block passes) on random keys and IVs. */
static void test_ctr_every_length(void)
{
    see_rng rng;
    rng_init_seeded(&rng, "test_aes_ct ctr differential", 28);
    uint8_t raw[16], iv[16], data[100];
    int wrong = 0;
    for (size_t len = 0; len <= sizeof data; len++) {
        CU_ASSERT_EQUAL(rng_bytes(&rng, raw, sizeof raw), SEE_OK);
        CU_ASSERT_EQUAL(rng_bytes(&rng, iv, sizeof iv), SEE_OK);
        CU_ASSERT_EQUAL(rng_bytes(&rng, data, sizeof data), SEE_OK);
        aes128_key table;
        aes128_ct_key ct;
        aes128_set_key(&table, raw);
        aes128_ct_set_key(&ct, raw);
        wrong += !ctr_agrees(&table, &ct, iv, data, len);
    }
    CU_ASSERT_EQUAL(wrong, 0);
    rng_wipe(&rng);
}

/* The counter carries across bytes and across the 64-bit halves, inside a
 * two-block pass and between passes, and wraps at 2^128: the IVs of
 * test_aes's wrap test, and the table AES's stream as the answer. */
static void test_ctr_counter_wrap(void)
{
    static const char *const ivs[] = {
        "0123456789abcdefffffffffffffffff",   /* carry in the first pass */
        "00000000fffffffffffffffffffffffe",   /* carry between passes */
        "a5a5a5a5a5a5a5a5fffffffffffffffd",
        "ffffffffffffffffffffffffffffffff",   /* wraps to zero */
    };
    uint8_t raw[16], data[80];
    for (int i = 0; i < 16; i++)
        raw[i] = (uint8_t)(0x10 + i);
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (uint8_t)(3 * i + 1);
    aes128_key table;
    aes128_ct_key ct;
    aes128_set_key(&table, raw);
    aes128_ct_set_key(&ct, raw);
    int wrong = 0;
    for (size_t k = 0; k < sizeof ivs / sizeof ivs[0]; k++) {
        uint8_t *iv = hex_alloc(ivs[k], NULL);
        wrong += !ctr_agrees(&table, &ct, iv, data, sizeof data);
        wrong += !ctr_agrees(&table, &ct, iv, data, 37);
        free(iv);
    }
    CU_ASSERT_EQUAL(wrong, 0);
}

static void test_wipe(void)
{
    aes128_ct_key key, zero;
    uint8_t raw[16];
    memset(raw, 0xa7, sizeof raw);
    aes128_ct_set_key(&key, raw);
    memset(&zero, 0, sizeof zero);
    CU_ASSERT_NOT_EQUAL(memcmp(&key, &zero, sizeof key), 0);
    aes128_ct_wipe(&key);
    CU_ASSERT_EQUAL(memcmp(&key, &zero, sizeof key), 0);
}

/* ------------------------------------------------------------ AES-256 --- */

/* FIPS 197 C.3 (the bare cipher) and SP 800-38A F.2.5/F.2.6 (CBC), both
 * ways, in place; the CBC case also on its first three blocks (an odd
 * count, so decryption's last block goes alone). */
static void test_aes256_vectors(void)
{
    vec_file *v = vec_open("aes256_fips197_sp800_38a.txt");
    if (v == NULL)
        return;
    while (vec_next(v)) {
        size_t klen, plen, clen, ivlen = 0;
        uint8_t *raw = vec_hex(v, "key", &klen);
        uint8_t *pt = vec_hex(v, "plaintext", &plen);
        uint8_t *ct = vec_hex(v, "ciphertext", &clen);
        uint8_t *iv = vec_hex(v, "iv", &ivlen);
        CU_ASSERT_EQUAL_FATAL(klen, 32);
        CU_ASSERT_EQUAL_FATAL(plen, clen);
        aes256_ct_key key;
        aes256_ct_set_key(&key, raw);
        uint8_t *buf = malloc(plen);
        const char *want_ct = vec_get(v, "ciphertext");
        const char *want_pt = vec_get(v, "plaintext");
        if (strcmp(vec_get(v, "mode"), "block") == 0) {
            CU_ASSERT_EQUAL_FATAL(plen, 16);
            aes256_ct_encrypt_block(&key, pt, buf);
            ASSERT_HEX_EQ(buf, 16, want_ct);
            aes256_ct_decrypt_block(&key, buf, buf);
            ASSERT_HEX_EQ(buf, 16, want_pt);
        } else {
            CU_ASSERT_EQUAL_FATAL(ivlen, 16);
            CU_ASSERT_EQUAL(aes256_ct_cbc_encrypt(&key, iv, pt, buf, plen), SEE_OK);
            ASSERT_HEX_EQ(buf, plen, want_ct);
            CU_ASSERT_EQUAL(aes256_ct_cbc_decrypt(&key, iv, buf, buf, plen), SEE_OK);
            ASSERT_HEX_EQ(buf, plen, want_pt);
            memcpy(buf, pt, plen);
            CU_ASSERT_EQUAL(aes256_ct_cbc_encrypt(&key, iv, buf, buf, 48), SEE_OK);
            CU_ASSERT_EQUAL(memcmp(buf, ct, 48), 0);
            CU_ASSERT_EQUAL(aes256_ct_cbc_decrypt(&key, iv, ct, buf, 48), SEE_OK);
            CU_ASSERT_EQUAL(memcmp(buf, pt, 48), 0);
        }
        aes256_ct_wipe(&key);
        free(buf);
        free(raw);
        free(pt);
        free(ct);
        free(iv);
    }
    CU_ASSERT_EQUAL(v->count, 2);
    vec_close(v);
}

static void test_aes256_cbc_rejects_partial_blocks(void)
{
    aes256_ct_key key;
    uint8_t raw[32] = {0}, iv[16] = {0}, in[33] = {0}, out[33];
    aes256_ct_set_key(&key, raw);
    memset(out, 0x77, sizeof out);
    CU_ASSERT_EQUAL(aes256_ct_cbc_encrypt(&key, iv, in, out, 33), SEE_ERR_BLOCK_LENGTH);
    CU_ASSERT_EQUAL(aes256_ct_cbc_decrypt(&key, iv, in, out, 15), SEE_ERR_BLOCK_LENGTH);
    CU_ASSERT_EQUAL(out[0], 0x77);
    aes256_ct_wipe(&key);
}

static void to_hex(const uint8_t *b, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++)
        sprintf(out + 2 * i, "%02x", b[i]);
}

/* openssl enc -aes-256-cbc -nopad, encrypting (-e) or decrypting (-d) len
 * bytes of in into out: 0 on success. The oracle is the openssl program;
 * the data goes through a temporary file. */
static int openssl_aes256_cbc(const char *dir, const char *way,
                              const uint8_t key[32], const uint8_t iv[16],
                              const uint8_t *in, uint8_t *out, size_t len)
{
    char in_path[256], cmd[1024], key_hex[65], iv_hex[33];
    snprintf(in_path, sizeof in_path, "%s/in.bin", dir);
    FILE *f = fopen(in_path, "wb");
    if (f == NULL || fwrite(in, 1, len, f) != len)
        return -1;
    fclose(f);
    to_hex(key, 32, key_hex);
    to_hex(iv, 16, iv_hex);
    snprintf(cmd, sizeof cmd,
             "openssl enc -aes-256-cbc %s -nopad -K %s -iv %s -in %s",
             way, key_hex, iv_hex, in_path);
    FILE *p = popen(cmd, "r");
    if (p == NULL)
        return -1;
    size_t got = fread(out, 1, len + 1, p);
    return pclose(p) == 0 && got == len ? 0 : -1;
}

/* Random keys, IVs and messages of 0..9 blocks: our CBC gives openssl's
 * ciphertext, and openssl decrypts ours back. */
static void test_aes256_cbc_equals_openssl(void)
{
    char dir[] = "/tmp/seetls_aes256_XXXXXX";
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    see_rng rng;
    rng_init_seeded(&rng, "test_aes_ct aes256 openssl", 26);
    int wrong = 0, failed = 0;
    for (size_t blocks = 0; blocks < 10; blocks++) {
        uint8_t raw[32], iv[16], pt[160], ours[161], theirs[161];
        size_t len = 16 * blocks;
        CU_ASSERT_EQUAL(rng_bytes(&rng, raw, sizeof raw), SEE_OK);
        CU_ASSERT_EQUAL(rng_bytes(&rng, iv, sizeof iv), SEE_OK);
        CU_ASSERT_EQUAL(rng_bytes(&rng, pt, sizeof pt), SEE_OK);
        aes256_ct_key key;
        aes256_ct_set_key(&key, raw);
        CU_ASSERT_EQUAL(aes256_ct_cbc_encrypt(&key, iv, pt, ours, len), SEE_OK);
        failed += openssl_aes256_cbc(dir, "-e", raw, iv, pt, theirs, len) != 0;
        wrong += memcmp(ours, theirs, len) != 0;
        failed += openssl_aes256_cbc(dir, "-d", raw, iv, ours, theirs, len) != 0;
        wrong += memcmp(pt, theirs, len) != 0;
        aes256_ct_wipe(&key);
    }
    CU_ASSERT_EQUAL(failed, 0);
    CU_ASSERT_EQUAL(wrong, 0);
    rng_wipe(&rng);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CU_ASSERT_EQUAL(system(cmd), 0);
}

static void test_aes256_wipe(void)
{
    aes256_ct_key key, zero;
    uint8_t raw[32];
    memset(raw, 0xa7, sizeof raw);
    aes256_ct_set_key(&key, raw);
    memset(&zero, 0, sizeof zero);
    CU_ASSERT_NOT_EQUAL(memcmp(&key, &zero, sizeof key), 0);
    aes256_ct_wipe(&key);
    CU_ASSERT_EQUAL(memcmp(&key, &zero, sizeof key), 0);
}

static CU_TestInfo tests[] = {
    {"FIPS 197 C.1 and B: one block, in place, either half of a pair", test_fips197_block},
    {"FIPS 197 C.1 and B InvCipher: one block, in place, either half", test_fips197_inverse},
    {"the S-box circuit equals FIPS 197 Figure 7 on all 256 bytes", test_sbox_circuit},
    {"the inverse S-box equals FIPS 197 Figure 14 on all 256 bytes", test_inv_sbox_circuit},
    {"equals the table AES on 2000 random keys, two blocks each", test_equals_table_aes},
    {"InvCipher equals the table AES's on 4000 random keys, two blocks each",
     test_decrypt_equals_table_aes},
    {"SP 800-38A F.2 CBC and F.5 CTR, both ways, in place, odd block count",
     test_sp800_38a_modes},
    {"CBC refuses partial blocks and writes nothing", test_cbc_rejects_partial_blocks},
    {"CBC equals the table AES's both ways, 0..40 blocks, in place", test_cbc_equals_table_aes},
    {"CTR equals the table AES's on every length 0..100", test_ctr_every_length},
    {"CTR counter carries inside and between passes and wraps", test_ctr_counter_wrap},
    {"aes128_ct_wipe zeroes the key schedule", test_wipe},
    {"AES-256: FIPS 197 C.3 and SP 800-38A F.2.5/F.2.6 CBC, both ways, in place",
     test_aes256_vectors},
    {"AES-256 CBC refuses partial blocks and writes nothing",
     test_aes256_cbc_rejects_partial_blocks},
    {"AES-256 CBC equals openssl enc -aes-256-cbc both ways, 0..9 blocks",
     test_aes256_cbc_equals_openssl},
    {"aes256_ct_wipe zeroes the key schedule", test_aes256_wipe},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("aes_ct", tests);
}
