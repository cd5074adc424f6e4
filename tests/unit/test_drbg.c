/*
 * test_drbg.c: HMAC_DRBG (SP 800-90A 10.1.2) against NIST CAVP known
 * answers with and without personalization, additional input and a reseed,
 * and the limits of 10.1.2.5: per-call size and reseed interval.
 */
#include <stdlib.h>
#include <string.h>

#include "crypto/drbg.h"
#include "tests/unit/harness.h"

/* A CAVP field, "-" meaning empty. */
static uint8_t *cavp_field(const vec_file *v, const char *name, size_t *len)
{
    const char *value = vec_get(v, name);
    CU_ASSERT_PTR_NOT_NULL_FATAL(value);
    if (strcmp(value, "-") == 0) {
        *len = 0;
        return NULL;
    }
    return hex_alloc(value, len);
}

static void test_cavp(void)
{
    vec_file *v = vec_open("hmac_drbg_cavp.txt");
    if (v == NULL)
        return;
    while (vec_next(v)) {
        size_t e_len, n_len, p_len, a1_len, a2_len, r_len;
        uint8_t *entropy = cavp_field(v, "EntropyInput", &e_len);
        uint8_t *nonce = cavp_field(v, "Nonce", &n_len);
        uint8_t *pers = cavp_field(v, "PersonalizationString", &p_len);
        uint8_t *add1 = cavp_field(v, "AdditionalInput1", &a1_len);
        uint8_t *add2 = cavp_field(v, "AdditionalInput2", &a2_len);
        uint8_t *expected = cavp_field(v, "ReturnedBits", &r_len);
        CU_ASSERT_EQUAL_FATAL(r_len, 128);

        hmac_drbg d;
        uint8_t out[128];
        drbg_instantiate(&d, entropy, e_len, nonce, n_len, pers, p_len);
        if (vec_get(v, "EntropyInputReseed") != NULL) {
            /* the pr_false cases reseed once before generating */
            size_t re_len, ar_len;
            uint8_t *reseed = cavp_field(v, "EntropyInputReseed", &re_len);
            uint8_t *add_reseed = cavp_field(v, "AdditionalInputReseed", &ar_len);
            drbg_reseed(&d, reseed, re_len, add_reseed, ar_len);
            free(reseed);
            free(add_reseed);
        }
        CU_ASSERT_EQUAL(drbg_generate(&d, out, sizeof out, add1, a1_len), SEE_OK);
        CU_ASSERT_EQUAL(drbg_generate(&d, out, sizeof out, add2, a2_len), SEE_OK);
        ASSERT_HEX_EQ(out, sizeof out, vec_get(v, "ReturnedBits"));
        CU_ASSERT_EQUAL(d.reseed_counter, 3);
        drbg_wipe(&d);

        free(entropy); free(nonce); free(pers);
        free(add1); free(add2); free(expected);
    }
    CU_ASSERT_EQUAL(v->count, 10);
    vec_close(v);
}

static void instantiate_fixed(hmac_drbg *d)
{
    drbg_instantiate(d, "entropy input of 32 bytes.......", 32,
                     "nonce 16 bytes..", 16, NULL, 0);
}

/* SP 800-90A Table 2: at most 2^19 bits per request. The refused request
 * must leave the state as it was. */
static void test_over_limit_refused(void)
{
    hmac_drbg d, before;
    static uint8_t out[DRBG_MAX_BYTES_PER_CALL + 1];
    instantiate_fixed(&d);
    before = d;
    CU_ASSERT_EQUAL(drbg_generate(&d, out, sizeof out, NULL, 0), SEE_ERR_DRBG);
    CU_ASSERT_EQUAL(memcmp(&d, &before, sizeof d), 0);
    CU_ASSERT_EQUAL(drbg_generate(&d, out, DRBG_MAX_BYTES_PER_CALL, NULL, 0),
                    SEE_OK);
    CU_ASSERT_EQUAL(d.reseed_counter, 2);
}

/* 10.1.2.5 step 1: refuse once reseed_counter > reseed_interval; a reseed
 * makes the generator usable again. */
static void test_reseed_interval(void)
{
    hmac_drbg d;
    uint8_t out[16];
    instantiate_fixed(&d);
    d.reseed_counter = DRBG_RESEED_INTERVAL;
    CU_ASSERT_EQUAL(drbg_generate(&d, out, sizeof out, NULL, 0), SEE_OK);
    CU_ASSERT_EQUAL(drbg_generate(&d, out, sizeof out, NULL, 0), SEE_ERR_DRBG);
    drbg_reseed(&d, "fresh entropy", 13, NULL, 0);
    CU_ASSERT_EQUAL(d.reseed_counter, 1);
    CU_ASSERT_EQUAL(drbg_generate(&d, out, sizeof out, NULL, 0), SEE_OK);
}

/* Same inputs, same bytes; any difference in the inputs, other bytes. */
static void test_deterministic(void)
{
    hmac_drbg a, b;
    uint8_t x[100], y[100];
    instantiate_fixed(&a);
    instantiate_fixed(&b);
    CU_ASSERT_EQUAL(drbg_generate(&a, x, sizeof x, NULL, 0), SEE_OK);
    CU_ASSERT_EQUAL(drbg_generate(&b, y, sizeof y, NULL, 0), SEE_OK);
    CU_ASSERT_EQUAL(memcmp(x, y, sizeof x), 0);

    /* the next request continues the stream rather than repeating it */
    CU_ASSERT_EQUAL(drbg_generate(&a, y, sizeof y, NULL, 0), SEE_OK);
    CU_ASSERT_NOT_EQUAL(memcmp(x, y, sizeof x), 0);

    /* additional input changes the output */
    CU_ASSERT_EQUAL(drbg_generate(&b, x, sizeof x, "extra", 5), SEE_OK);
    CU_ASSERT_NOT_EQUAL(memcmp(x, y, sizeof x), 0);

    /* a reseed changes what follows */
    instantiate_fixed(&a);
    instantiate_fixed(&b);
    drbg_reseed(&b, "more entropy", 12, NULL, 0);
    CU_ASSERT_EQUAL(drbg_generate(&a, x, sizeof x, NULL, 0), SEE_OK);
    CU_ASSERT_EQUAL(drbg_generate(&b, y, sizeof y, NULL, 0), SEE_OK);
    CU_ASSERT_NOT_EQUAL(memcmp(x, y, sizeof x), 0);
}

/* A request of n bytes is the first n bytes of a longer one: the output
 * blocks do not depend on the length asked for (10.1.2.5 step 4). */
static void test_prefix_property(void)
{
    uint8_t full[100], part[100];
    for (size_t n = 0; n <= sizeof part; n++) {
        hmac_drbg a, b;
        instantiate_fixed(&a);
        instantiate_fixed(&b);
        CU_ASSERT_EQUAL(drbg_generate(&a, full, sizeof full, NULL, 0), SEE_OK);
        CU_ASSERT_EQUAL(drbg_generate(&b, part, n, NULL, 0), SEE_OK);
        CU_ASSERT_EQUAL(memcmp(full, part, n), 0);
    }
}

static void test_wipe(void)
{
    hmac_drbg d;
    instantiate_fixed(&d);
    drbg_wipe(&d);
    static const hmac_drbg zero;
    CU_ASSERT_EQUAL(memcmp(&d, &zero, sizeof d), 0);
}

static CU_TestInfo tests[] = {
    {"NIST CAVP HMAC_DRBG SHA-256 known answers", test_cavp},
    {"request over 2^19 bits refused", test_over_limit_refused},
    {"reseed interval enforced", test_reseed_interval},
    {"deterministic, inputs matter", test_deterministic},
    {"short request is a prefix of a long one", test_prefix_property},
    {"wipe", test_wipe},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("drbg", tests);
}
