/* test_prf.c: the TLS 1.2 PRF and the keys derived with it. */
#include <stdlib.h>
#include <string.h>

#include "crypto/hmac.h"
#include "crypto/prf.h"
#include "tests/unit/harness.h"

static void test_published_vector(void)
{
    vec_file *v = vec_open("tls12_prf_sha256.txt");
    if (v == NULL)
        return;
    while (vec_next(v)) {
        size_t secret_len, seed_len, out_len;
        uint8_t *secret = vec_hex(v, "secret", &secret_len);
        uint8_t *seed = vec_hex(v, "seed", &seed_len);
        uint8_t *expected = vec_hex(v, "output", &out_len);
        uint8_t out[200];
        prf_tls12(secret, secret_len, vec_get(v, "label"), seed, seed_len, out, out_len);
        ASSERT_HEX_EQ(out, out_len, vec_get(v, "output"));

        /* Every shorter output is a prefix of the longest. */
        for (size_t n = 0; n <= out_len; n++) {
            uint8_t part[200];
            memset(part, 0xee, sizeof part);
            prf_tls12(secret, secret_len, vec_get(v, "label"), seed, seed_len, part, n);
            CU_ASSERT_EQUAL(memcmp(part, expected, n), 0);
            CU_ASSERT_EQUAL(part[n], 0xee); /* and nothing written past n */
        }
        free(secret);
        free(seed);
        free(expected);
    }
    CU_ASSERT_EQUAL(v->count, 1);
    vec_close(v);
}

/* P_SHA256 written out the slow, obvious way from RFC 5246 section 5. */
static void p_sha256_reference(const uint8_t *secret, size_t secret_len,
                               const uint8_t *seed, size_t seed_len,
                               uint8_t *out, size_t out_len)
{
    uint8_t a[32], buf[32 + 256], block[32];
    hmac_sha256(secret, secret_len, seed, seed_len, a); /* A(1) */
    size_t done = 0;
    while (done < out_len) {
        memcpy(buf, a, 32);
        memcpy(buf + 32, seed, seed_len);
        hmac_sha256(secret, secret_len, buf, 32 + seed_len, block);
        for (size_t i = 0; i < 32 && done < out_len; i++)
            out[done++] = block[i];
        hmac_sha256(secret, secret_len, a, 32, a);
    }
}

static void test_p_sha256_matches_definition(void)
{
    uint8_t secret[48], seed[77], ours[150], ref[150];
    for (size_t i = 0; i < sizeof secret; i++)
        secret[i] = (uint8_t)(i * 7 + 1);
    for (size_t i = 0; i < sizeof seed; i++)
        seed[i] = (uint8_t)(255 - i);
    for (size_t n = 0; n <= sizeof ours; n += 13) {
        prf_p_sha256(secret, sizeof secret, seed, sizeof seed, ours, n);
        p_sha256_reference(secret, sizeof secret, seed, sizeof seed, ref, n);
        CU_ASSERT_EQUAL(memcmp(ours, ref, n), 0);
    }
}

static void fill(uint8_t *p, size_t n, uint8_t start)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)(start + i);
}

static void test_master_secret_and_keys(void)
{
    uint8_t ps[48], rb[32], rs[32], master[48], expected[96], seed[64];
    fill(ps, sizeof ps, 0x03);
    ps[0] = 0x03;
    ps[1] = 0x03;
    fill(rb, sizeof rb, 0x10);
    fill(rs, sizeof rs, 0x80);

    /* master = PRF(PS, "master secret", RB + RS)[0..47] */
    prf_master_secret(ps, sizeof ps, rb, rs, master);
    memcpy(seed, rb, 32);
    memcpy(seed + 32, rs, 32);
    prf_tls12(ps, sizeof ps, "master secret", seed, 64, expected, 48);
    CU_ASSERT_EQUAL(memcmp(master, expected, 48), 0);

    /* key block = PRF(master, "key expansion", RS + RB): I_B, I_S, C_B, C_S */
    tls_session_keys keys;
    prf_session_keys(master, rb, rs, &prf_cbc_sha256_sizes, &keys);
    memcpy(seed, rs, 32);
    memcpy(seed + 32, rb, 32);
    prf_tls12(master, 48, "key expansion", seed, 64, expected, 96);
    CU_ASSERT_EQUAL(memcmp(keys.i_b, expected, 32), 0);
    CU_ASSERT_EQUAL(memcmp(keys.i_s, expected + 32, 32), 0);
    CU_ASSERT_EQUAL(memcmp(keys.c_b, expected + 64, 16), 0);
    CU_ASSERT_EQUAL(memcmp(keys.c_s, expected + 80, 16), 0);

    /* Swapping RB and RS changes everything: the order matters. */
    uint8_t swapped[48];
    prf_master_secret(ps, sizeof ps, rs, rb, swapped);
    CU_ASSERT_NOT_EQUAL(memcmp(master, swapped, 48), 0);

    /* Finished: PRF(master, "client finished", hash)[0..11] */
    uint8_t hash[32], vd[12], vd_expected[12];
    fill(hash, sizeof hash, 0x42);
    prf_finished(master, "client finished", hash, vd);
    prf_tls12(master, 48, "client finished", hash, 32, vd_expected, 12);
    CU_ASSERT_EQUAL(memcmp(vd, vd_expected, 12), 0);

    /* extended master secret: PRF(PS, "extended master secret", hash) */
    prf_extended_master_secret(ps, sizeof ps, hash, master);
    prf_tls12(ps, sizeof ps, "extended master secret", hash, 32, expected, 48);
    CU_ASSERT_EQUAL(memcmp(master, expected, 48), 0);
}

static CU_TestInfo tests[] = {
    {"IETF TLS WG P_SHA256 vector, every prefix", test_published_vector},
    {"P_SHA256 against its definition", test_p_sha256_matches_definition},
    {"master secret, I_B I_S C_B C_S, Finished, EMS", test_master_secret_and_keys},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("prf", tests);
}
