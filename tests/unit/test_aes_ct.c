/*
 * test_aes_ct.c: the constant-time (bitsliced) AES-128 against FIPS 197
 * (Appendices C.1 and B, and the A.1 key whose schedule it expands
 * internally), its S-box circuit against all 256 entries of FIPS 197
 * Figure 7, and the whole cipher against the table AES of aes.c on random
 * keys and blocks, one block and two at a time, in place.
 */
#include <stdlib.h>
#include <string.h>

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

static void test_sbox_circuit(void)
{
    int wrong = 0;
    for (int x = 0; x < 256; x++)
        if (aes_ct_sbox((uint8_t)x) != aes_sbox((uint8_t)x))
            wrong++;
    CU_ASSERT_EQUAL(wrong, 0);
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

static CU_TestInfo tests[] = {
    {"FIPS 197 C.1 and B: one block, in place, either half of a pair", test_fips197_block},
    {"the S-box circuit equals FIPS 197 Figure 7 on all 256 bytes", test_sbox_circuit},
    {"equals the table AES on 2000 random keys, two blocks each", test_equals_table_aes},
    {"aes128_ct_wipe zeroes the key schedule", test_wipe},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("aes_ct", tests);
}
