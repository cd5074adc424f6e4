/* test_rsa_openssl.c: our RSA against the openssl command line, both ways.
 *
 * A key made by rsa_generate is written as PKCS#1 RSAPrivateKey DER (a
 * small encoder here, for the test only), then:
 *   openssl rsa -check           accepts our key;
 *   openssl dgst -sha256 -sign   gives byte for byte our signature;
 *   openssl dgst -verify         accepts our signature;
 *   openssl pkeyutl -encrypt     (PKCS#1 v1.5 and OAEP SHA-256) -> we decrypt;
 *   we encrypt                   -> openssl pkeyutl -decrypt.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crypto/bignum.h"
#include "crypto/rsa.h"
#include "tests/unit/harness.h"

static char dir[] = "/tmp/seetls_rsa_XXXXXX";
static rsa_private_key key;
static rsa_public_key pub;
static int have_dir;

static char *path(const char *name)
{
    static char buf[4][256];
    static int next;
    char *p = buf[next++ % 4];
    snprintf(p, 256, "%s/%s", dir, name);
    return p;
}

static int run(const char *cmd)
{
    char full[2048];
    snprintf(full, sizeof full, "cd %s && %s >out.txt 2>&1", dir, cmd);
    return system(full);
}

static void write_file(const char *name, const uint8_t *data, size_t len)
{
    FILE *f = fopen(path(name), "wb");
    CU_ASSERT_FATAL(f != NULL);
    CU_ASSERT(fwrite(data, 1, len, f) == len);
    fclose(f);
}

static size_t read_file(const char *name, uint8_t *buf, size_t cap)
{
    FILE *f = fopen(path(name), "rb");
    if (f == NULL)
        return 0;
    size_t n = fread(buf, 1, cap, f);
    fclose(f);
    return n;
}

/* ------------------------------------------------- a tiny DER encoder --- */

static size_t der_length(uint8_t *out, size_t len)
{
    if (len < 0x80) {
        out[0] = (uint8_t)len;
        return 1;
    }
    if (len < 0x100) {
        out[0] = 0x81;
        out[1] = (uint8_t)len;
        return 2;
    }
    out[0] = 0x82;
    out[1] = (uint8_t)(len >> 8);
    out[2] = (uint8_t)len;
    return 3;
}

/* INTEGER x (x >= 0), with a leading 00 when the top bit is set. */
static size_t der_integer(uint8_t *out, const mpz_t x)
{
    size_t n = bn_byte_length(x);
    uint8_t body[1100];
    size_t pad = (n == 0 || mpz_tstbit(x, 8 * n - 1)) ? 1 : 0;
    body[0] = 0;
    bn_to_bytes(x, body + pad, n);
    size_t pos = 0;
    out[pos++] = 0x02;
    pos += der_length(out + pos, n + pad);
    memcpy(out + pos, body, n + pad);
    return pos + n + pad;
}

/* RFC 8017 A.1.2 RSAPrivateKey, version 0. */
static size_t der_private_key(uint8_t *out, const rsa_private_key *k)
{
    uint8_t body[6000];
    size_t len = 0;
    mpz_t zero;
    mpz_init(zero);
    len += der_integer(body + len, zero);
    const mpz_t *fields[] = {&k->n, &k->e, &k->d, &k->p, &k->q, &k->dp,
                             &k->dq, &k->qinv};
    for (size_t i = 0; i < 8; i++)
        len += der_integer(body + len, *fields[i]);
    mpz_clear(zero);
    size_t pos = 0;
    out[pos++] = 0x30;
    pos += der_length(out + pos, len);
    memcpy(out + pos, body, len);
    return pos + len;
}

/* ------------------------------------------------------------- tests --- */

static void test_openssl_checks_our_key(void)
{
    CU_ASSERT_FATAL(have_dir);
    CU_ASSERT_EQUAL(run("openssl rsa -inform DER -in key.der -check -noout"), 0);
    uint8_t out[256] = {0};
    read_file("out.txt", out, sizeof out - 1);
    CU_ASSERT(strstr((char *)out, "RSA key ok") != NULL);
    /* and sees the modulus we made */
    CU_ASSERT_EQUAL(run("openssl rsa -inform DER -in key.der -modulus -noout"), 0);
    char text[1200] = {0}, ours[600];
    read_file("out.txt", (uint8_t *)text, sizeof text - 1);
    mpz_get_str(ours, 16, key.n);
    for (char *c = ours; *c; c++)
        if (*c >= 'a' && *c <= 'f')
            *c = (char)(*c - 'a' + 'A');
    CU_ASSERT(strstr(text, ours) != NULL);
}

static void test_signatures_both_ways(void)
{
    static const uint8_t msg[] = "Alice has 12 strands of hair left";
    write_file("msg.bin", msg, sizeof msg - 1);
    CU_ASSERT_EQUAL_FATAL(run("openssl dgst -sha256 -keyform DER -sign key.der "
                              "-out theirs.sig msg.bin"), 0);
    uint8_t theirs[256], ours[256];
    size_t their_len = read_file("theirs.sig", theirs, sizeof theirs), our_len;
    CU_ASSERT_EQUAL(their_len, 256);
    CU_ASSERT_EQUAL(rsa_pkcs1_sign(&key, NULL, msg, sizeof msg - 1, ours,
                                   sizeof ours, &our_len), SEE_OK);
    CU_ASSERT(their_len == our_len && memcmp(theirs, ours, our_len) == 0);
    CU_ASSERT_EQUAL(rsa_pkcs1_verify(&pub, msg, sizeof msg - 1, theirs, their_len), SEE_OK);
    write_file("ours.sig", ours, our_len);
    CU_ASSERT_EQUAL(run("openssl dgst -sha256 -verify pub.pem -signature ours.sig "
                        "msg.bin"), 0);
    /* and openssl rejects a damaged one */
    ours[100] ^= 1;
    write_file("bad.sig", ours, our_len);
    CU_ASSERT_NOT_EQUAL(run("openssl dgst -sha256 -verify pub.pem -signature bad.sig "
                            "msg.bin"), 0);
}

#define OAEP_OPTS "-pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256 " \
                  "-pkeyopt rsa_mgf1_md:sha256"

static void test_encryption_openssl_to_us(void)
{
    static const uint8_t secret[] = "premaster: 46 bytes of something secret...";
    write_file("secret.bin", secret, sizeof secret - 1);
    uint8_t ct[256], out[256];
    size_t ct_len, out_len;
    /* PKCS#1 v1.5 */
    CU_ASSERT_EQUAL_FATAL(run("openssl pkeyutl -encrypt -pubin -inkey pub.pem "
                              "-in secret.bin -out v15.ct"), 0);
    ct_len = read_file("v15.ct", ct, sizeof ct);
    CU_ASSERT_EQUAL(rsa_pkcs1_decrypt(&key, NULL, ct, ct_len, out, sizeof out,
                                      &out_len), SEE_OK);
    CU_ASSERT(out_len == sizeof secret - 1 && memcmp(out, secret, out_len) == 0);
    /* OAEP SHA-256 / MGF1-SHA-256 */
    CU_ASSERT_EQUAL_FATAL(run("openssl pkeyutl -encrypt -pubin -inkey pub.pem "
                              OAEP_OPTS " -in secret.bin -out oaep.ct"), 0);
    ct_len = read_file("oaep.ct", ct, sizeof ct);
    CU_ASSERT_EQUAL(rsa_oaep_decrypt(&key, NULL, NULL, 0, ct, ct_len, out,
                                     sizeof out, &out_len), SEE_OK);
    CU_ASSERT(out_len == sizeof secret - 1 && memcmp(out, secret, out_len) == 0);
}

static void test_encryption_us_to_openssl(void)
{
    static const uint8_t secret[] = "the robot link key";
    uint8_t ct[256], out[256];
    size_t ct_len;
    CU_ASSERT_EQUAL(rsa_pkcs1_encrypt(&pub, NULL, secret, sizeof secret - 1, ct,
                                      sizeof ct, &ct_len), SEE_OK);
    write_file("ours_v15.ct", ct, ct_len);
    CU_ASSERT_EQUAL(run("openssl pkeyutl -decrypt -keyform DER -inkey key.der "
                        "-in ours_v15.ct -out v15.out"), 0);
    size_t n = read_file("v15.out", out, sizeof out);
    CU_ASSERT(n == sizeof secret - 1 && memcmp(out, secret, n) == 0);

    CU_ASSERT_EQUAL(rsa_oaep_encrypt(&pub, NULL, NULL, 0, secret, sizeof secret - 1,
                                     ct, sizeof ct, &ct_len), SEE_OK);
    write_file("ours_oaep.ct", ct, ct_len);
    CU_ASSERT_EQUAL(run("openssl pkeyutl -decrypt -keyform DER -inkey key.der "
                        OAEP_OPTS " -in ours_oaep.ct -out oaep.out"), 0);
    n = read_file("oaep.out", out, sizeof out);
    CU_ASSERT(n == sizeof secret - 1 && memcmp(out, secret, n) == 0);
}

static int setup(void)
{
    if (mkdtemp(dir) == NULL)
        return 1;
    have_dir = 1;
    rsa_private_init(&key);
    rsa_public_init(&pub);
    if (rsa_generate(NULL, 2048, 0, &key) != SEE_OK)
        return 1;
    rsa_public_from_private(&pub, &key);
    uint8_t der[6000];
    size_t len = der_private_key(der, &key);
    FILE *f = fopen(path("key.der"), "wb");
    if (f == NULL)
        return 1;
    fwrite(der, 1, len, f);
    fclose(f);
    return run("openssl rsa -inform DER -in key.der -pubout -out pub.pem") != 0;
}

static CU_TestInfo tests[] = {
    {"openssl rsa -check accepts our key", test_openssl_checks_our_key},
    {"signatures identical, verified both ways", test_signatures_both_ways},
    {"encryption openssl -> seetls", test_encryption_openssl_to_us},
    {"encryption seetls -> openssl", test_encryption_us_to_openssl},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    if (setup() != 0) {
        fprintf(stderr, "test_rsa_openssl: setup failed (is openssl installed?)\n");
        return 1;
    }
    int rc = run_suite("rsa_openssl", tests);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        rc = 1;
    rsa_private_clear(&key);
    rsa_public_clear(&pub);
    return rc;
}
