/* test_keyfile.c: RSA key files and DH parameters. Keys made by openssl
 * load with the numbers openssl itself reads from them; our writer gives
 * back openssl's files byte for byte; every truncation and each DER rule
 * broken fails cleanly; keys of other kinds are refused by name. */
#include <stdlib.h>
#include <time.h>
#include <string.h>

#include "codec/der.h"
#include "pki/keyfile.h"
#include "codec/pem.h"
#include "harness.h"

static int mpz_is_hex(const mpz_t x, const char *hex)
{
    mpz_t want;
    mpz_init_set_str(want, hex, 16);
    int same = mpz_cmp(x, want) == 0;
    if (!same)
        gmp_printf("\n  got %Zx\n  want %s\n", x, hex);
    mpz_clear(want);
    return same;
}

/* Every key in keyfiles_openssl.txt loads with openssl's numbers, and is
 * written back exactly as openssl wrote it. */
static void test_openssl_keys(void)
{
    vec_file *v = vec_open("keyfiles_openssl.txt");
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    int cases = 0;
    while (vec_next(v)) {
        const char *file = vec_get(v, "file"), *form = vec_get(v, "form");
        size_t len, out_len;
        uint8_t *data = read_key_fixture(file, &len);
        int pem = strstr(file, ".pem") != NULL;
        static uint8_t out[KEYFILE_MAX_SIZE];
        keyfile_info info;
        cases++;
        if (strcmp(form, "pkcs1") == 0 || strcmp(form, "pkcs8") == 0) {
            rsa_private_key key;
            rsa_private_init(&key);
            CU_ASSERT_EQUAL_FATAL(keyfile_read_rsa_private(data, len, NULL, &key,
                                                           &info), SEE_OK);
            keyfile_form f = form[4] == '8' ? KEYFILE_PKCS8 : KEYFILE_RSA_PKCS1;
            CU_ASSERT_EQUAL(info.form, f);
            CU_ASSERT_EQUAL(info.was_pem, pem);
            CU_ASSERT(mpz_is_hex(key.n, vec_get(v, "n")));
            CU_ASSERT(mpz_is_hex(key.e, vec_get(v, "e")));
            CU_ASSERT(mpz_is_hex(key.d, vec_get(v, "d")));
            CU_ASSERT(mpz_is_hex(key.p, vec_get(v, "p")));
            CU_ASSERT(mpz_is_hex(key.q, vec_get(v, "q")));
            CU_ASSERT(mpz_is_hex(key.dp, vec_get(v, "dp")));
            CU_ASSERT(mpz_is_hex(key.dq, vec_get(v, "dq")));
            CU_ASSERT(mpz_is_hex(key.qinv, vec_get(v, "qinv")));
            CU_ASSERT_EQUAL(keyfile_write_rsa_private(&key, f, pem, out, sizeof out,
                                                      &out_len), SEE_OK);
            CU_ASSERT_EQUAL(out_len, len);
            CU_ASSERT(memcmp(out, data, len) == 0);

            /* the public half of a private key file */
            rsa_public_key pub;
            rsa_public_init(&pub);
            CU_ASSERT_EQUAL(keyfile_read_rsa_public(data, len, &pub, &info), SEE_OK);
            CU_ASSERT(info.is_private);
            CU_ASSERT(mpz_cmp(pub.n, key.n) == 0 && mpz_cmp(pub.e, key.e) == 0);
            rsa_public_clear(&pub);
            rsa_private_clear(&key);
        } else {
            rsa_public_key key;
            rsa_public_init(&key);
            CU_ASSERT_EQUAL_FATAL(keyfile_read_rsa_public(data, len, &key, &info),
                                  SEE_OK);
            keyfile_form f = strcmp(form, "spki") == 0 ? KEYFILE_SPKI
                                                       : KEYFILE_RSA_PKCS1;
            CU_ASSERT_EQUAL(info.form, f);
            CU_ASSERT(!info.is_private);
            CU_ASSERT(mpz_is_hex(key.n, vec_get(v, "n")));
            CU_ASSERT(mpz_is_hex(key.e, vec_get(v, "e")));
            CU_ASSERT_EQUAL(keyfile_write_rsa_public(&key, f, pem, out, sizeof out,
                                                     &out_len), SEE_OK);
            CU_ASSERT_EQUAL(out_len, len);
            CU_ASSERT(memcmp(out, data, len) == 0);
            rsa_private_key priv;
            rsa_private_init(&priv);
            CU_ASSERT_EQUAL(keyfile_read_rsa_private(data, len, NULL, &priv, NULL),
                            SEE_ERR_KEY_NOT_PRIVATE);
            rsa_private_clear(&priv);
            rsa_public_clear(&key);
        }
        free(data);
    }
    vec_close(v);
    CU_ASSERT_EQUAL(cases, 11);
}

/* Our own keys survive every form, DER and PEM. */
static void test_round_trip_generated(void)
{
    rsa_private_key key, back;
    rsa_private_init(&key);
    rsa_private_init(&back);
    CU_ASSERT_EQUAL_FATAL(rsa_generate(NULL, 512, 1, &key), SEE_OK);
    static uint8_t out[KEYFILE_MAX_SIZE];
    size_t len;
    keyfile_form forms[] = {KEYFILE_PKCS8, KEYFILE_RSA_PKCS1};
    for (int f = 0; f < 2; f++) {
        for (int pem = 0; pem < 2; pem++) {
            CU_ASSERT_EQUAL(keyfile_write_rsa_private(&key, forms[f], pem, out,
                                                      sizeof out, &len), SEE_OK);
            CU_ASSERT_EQUAL(keyfile_read_rsa_private(out, len, NULL, &back, NULL),
                            SEE_OK);
            CU_ASSERT(mpz_cmp(key.n, back.n) == 0 && mpz_cmp(key.d, back.d) == 0 &&
                      mpz_cmp(key.p, back.p) == 0 && mpz_cmp(key.q, back.q) == 0 &&
                      mpz_cmp(key.qinv, back.qinv) == 0);
        }
    }
    rsa_public_key pub, pub_back;
    rsa_public_init(&pub);
    rsa_public_init(&pub_back);
    rsa_public_from_private(&pub, &key);
    keyfile_form pub_forms[] = {KEYFILE_SPKI, KEYFILE_RSA_PKCS1};
    for (int f = 0; f < 2; f++) {
        for (int pem = 0; pem < 2; pem++) {
            CU_ASSERT_EQUAL(keyfile_write_rsa_public(&pub, pub_forms[f], pem, out,
                                                     sizeof out, &len), SEE_OK);
            CU_ASSERT_EQUAL(keyfile_read_rsa_public(out, len, &pub_back, NULL),
                            SEE_OK);
            CU_ASSERT(mpz_cmp(pub.n, pub_back.n) == 0 &&
                      mpz_cmp(pub.e, pub_back.e) == 0);
        }
    }
    /* a form that does not fit the key */
    CU_ASSERT_EQUAL(keyfile_write_rsa_private(&key, KEYFILE_SPKI, 1, out,
                                              sizeof out, &len), SEE_ERR_ARGUMENT);
    CU_ASSERT_EQUAL(keyfile_write_rsa_public(&pub, KEYFILE_PKCS8, 1, out,
                                             sizeof out, &len), SEE_ERR_ARGUMENT);
    CU_ASSERT_EQUAL(keyfile_write_rsa_private(&key, KEYFILE_PKCS8, 0, out, 100,
                                              &len), SEE_ERR_BUFFER_SMALL);
    rsa_public_clear(&pub);
    rsa_public_clear(&pub_back);
    rsa_private_clear(&key);
    rsa_private_clear(&back);
}

static void expect_private_error(const char *file, see_status want)
{
    size_t len;
    uint8_t *data = read_key_fixture(file, &len);
    rsa_private_key key;
    rsa_private_init(&key);
    see_status got = keyfile_read_rsa_private(data, len, NULL, &key, NULL);
    if (got != want)
        printf("\n  %s: got \"%s\", want \"%s\"\n", file, see_strerror(got),
               see_strerror(want));
    CU_ASSERT_EQUAL(got, want);
    rsa_public_key pub;
    rsa_public_init(&pub);
    if (want != SEE_ERR_PEM_ENCRYPTED && want != SEE_ERR_KEY_ENCRYPTED)
        CU_ASSERT_EQUAL(keyfile_read_rsa_public(data, len, &pub, NULL), want);
    rsa_public_clear(&pub);
    rsa_private_clear(&key);
    free(data);
}

static void test_wrong_key_types(void)
{
    expect_private_error("ec_p256_pkcs8.pem", SEE_ERR_KEY_IS_EC);
    expect_private_error("ec_p256_sec1.pem", SEE_ERR_KEY_IS_EC_SEC1);
    /* bare SEC1 DER: version 1 made it "multi-prime RSA?" */
    expect_private_error("ec_p256_sec1.der", SEE_ERR_KEY_IS_EC_SEC1);
    expect_private_error("ed25519.pem", SEE_ERR_KEY_IS_ED25519);
    expect_private_error("x25519.pem", SEE_ERR_KEY_IS_X25519);
    expect_private_error("dsa1024.pem", SEE_ERR_KEY_IS_DSA);
    expect_private_error("rsa_pss512.pem", SEE_ERR_KEY_IS_RSA_PSS);
    /* PKCS#8 ENCRYPTED PRIVATE KEY (openssl pkcs8 -topk8, the default of
     * openssl genpkey -aes256) and the legacy Proc-Type PEM (openssl rsa
     * -aes256 -traditional), each named as what it is; the PKCS#8 one in
     * bare DER too (it was "unexpected DER tag") */
    expect_private_error("rsa512_encrypted.pem", SEE_ERR_KEY_ENCRYPTED);
    expect_private_error("rsa512_encrypted.der", SEE_ERR_KEY_ENCRYPTED);
    expect_private_error("rsa512_encrypted_legacy.pem", SEE_ERR_PEM_ENCRYPTED);
    expect_private_error("dh512_openssl.pem", SEE_ERR_KEY_IS_DH);

    /* the same EC key as bare DER: found by trial, named all the same */
    size_t len, der_len;
    uint8_t *pem = read_key_fixture("ec_p256_pkcs8.pem", &len);
    uint8_t der[512];
    CU_ASSERT_EQUAL(pem_find(pem, len, "PRIVATE KEY", der, sizeof der, &der_len),
                    SEE_OK);
    rsa_private_key key;
    rsa_private_init(&key);
    keyfile_info info;
    CU_ASSERT_EQUAL(keyfile_read_rsa_private(der, der_len, NULL, &key, &info),
                    SEE_ERR_KEY_IS_EC);
    CU_ASSERT_EQUAL(info.der.error_offset, 8); /* where the OID starts */
    rsa_private_clear(&key);
    free(pem);

    /* an RSA key is no DH parameter file */
    uint8_t *rsa = read_key_fixture("rsa512_pkcs1.pem", &len);
    dh_group group;
    dh_group_init(&group);
    CU_ASSERT_EQUAL(keyfile_read_dh_params(rsa, len, 1, NULL, &group, NULL),
                    SEE_ERR_KEY_NOT_DH_PARAMS);
    dh_group_clear(&group);
    free(rsa);
}

/* Every proper prefix of a valid DER key fails, with a DER error. */
static void test_every_truncation(void)
{
    static const char *files[] = {"rsa512_pkcs8.der", "rsa512_pkcs1.der",
                                  "rsa512_pub.der"};
    for (int i = 0; i < 3; i++) {
        size_t len;
        uint8_t *data = read_key_fixture(files[i], &len);
        int accepted = 0;
        for (size_t cut = 0; cut < len; cut++) {
            uint8_t *copy = malloc(cut + 1); /* exactly cut bytes readable */
            memcpy(copy, data, cut);
            rsa_public_key pub;
            rsa_public_init(&pub);
            if (keyfile_read_rsa_public(copy, cut, &pub, NULL) == SEE_OK)
                accepted++;
            rsa_public_clear(&pub);
            if (i < 2) {
                rsa_private_key key;
                rsa_private_init(&key);
                if (keyfile_read_rsa_private(copy, cut, NULL, &key, NULL) == SEE_OK)
                    accepted++;
                rsa_private_clear(&key);
            }
            free(copy);
        }
        CU_ASSERT_EQUAL(accepted, 0);
        free(data);
    }
}

/* The PKCS#1 key with its outer header rewritten. */
static see_status read_with_header(const uint8_t *header, size_t header_len,
                                   const uint8_t *tail, size_t tail_len)
{
    size_t len;
    uint8_t *data = read_key_fixture("rsa512_pkcs1.der", &len); /* 30 82 01 3c ... */
    uint8_t *buf = malloc(header_len + len + tail_len);
    memcpy(buf, header, header_len);
    memcpy(buf + header_len, data + 4, len - 4);
    if (tail_len > 0)
        memcpy(buf + header_len + len - 4, tail, tail_len);
    rsa_private_key key;
    rsa_private_init(&key);
    see_status st = keyfile_read_rsa_private(buf, header_len + len - 4 + tail_len,
                                             NULL, &key, NULL);
    rsa_private_clear(&key);
    free(buf);
    free(data);
    return st;
}

static void test_der_rules(void)
{
    static const uint8_t good[] = {0x30, 0x82, 0x01, 0x3c};
    static const uint8_t nonminimal[] = {0x30, 0x83, 0x00, 0x01, 0x3c};
    static const uint8_t indefinite[] = {0x30, 0x80};
    static const uint8_t overlong[] = {0x30, 0x82, 0x01, 0x3d};
    static const uint8_t absurd[] = {0x30, 0x84, 0xff, 0xff, 0xff, 0xff};
    static const uint8_t huge_count[] = {0x30, 0x89, 1, 0, 0, 0, 0, 0, 0, 0, 0};
    static const uint8_t eoc[] = {0, 0};
    CU_ASSERT_EQUAL(read_with_header(good, 4, NULL, 0), SEE_OK);
    CU_ASSERT_EQUAL(read_with_header(good, 4, eoc, 1), SEE_ERR_TRAILING);
    CU_ASSERT_EQUAL(read_with_header(nonminimal, 5, NULL, 0), SEE_ERR_DER_NONMINIMAL);
    CU_ASSERT_EQUAL(read_with_header(indefinite, 2, eoc, 2), SEE_ERR_DER_INDEFINITE);
    CU_ASSERT_EQUAL(read_with_header(overlong, 4, NULL, 0), SEE_ERR_DER_LENGTH);
    CU_ASSERT_EQUAL(read_with_header(absurd, 6, NULL, 0), SEE_ERR_DER_LENGTH);
    CU_ASSERT_EQUAL(read_with_header(huge_count, 11, NULL, 0), SEE_ERR_DER_LENGTH);

    /* deep nesting: 40 SEQUENCEs inside each other */
    uint8_t deep[80];
    for (int i = 0; i < 40; i++) {
        deep[2 * i] = 0x30;
        deep[2 * i + 1] = (uint8_t)(78 - 2 * i);
    }
    rsa_private_key key;
    rsa_private_init(&key);
    see_status st = keyfile_read_rsa_private(deep, sizeof deep, NULL, &key, NULL);
    CU_ASSERT(st != SEE_OK);
    rsa_private_clear(&key);
    rsa_public_key pub;
    rsa_public_init(&pub);
    CU_ASSERT(keyfile_read_rsa_public(deep, sizeof deep, &pub, NULL) != SEE_OK);
    rsa_public_clear(&pub);
    /* nothing at all */
    rsa_private_init(&key);
    CU_ASSERT_EQUAL(keyfile_read_rsa_private(deep, 0, NULL, &key, NULL),
                    SEE_ERR_KEY_FORMAT);
    rsa_private_clear(&key);
}

/* An RSAPublicKey or SPKI with chosen numbers, as DER. */
static size_t write_public(uint8_t *out, size_t cap, const char *n_hex,
                           const char *e_hex, int spki, int null_params)
{
    static const uint8_t rsa_oid[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 1, 1, 1};
    mpz_t n, e;
    mpz_init_set_str(n, n_hex, 16);
    mpz_init_set_str(e, e_hex, 16);
    der_writer w;
    der_writer_init(&w, out, cap);
    if (spki) {
        der_begin(&w, DER_SEQUENCE);
        der_begin(&w, DER_SEQUENCE);
        der_write_tlv(&w, DER_OID, rsa_oid, sizeof rsa_oid);
        if (null_params)
            der_write_null(&w);
        der_end(&w);
        der_begin(&w, DER_BIT_STRING);
        der_write_raw(&w, "", 1);
    }
    der_begin(&w, DER_SEQUENCE);
    /* negative values by hand: der_write_integer takes x >= 0 */
    if (mpz_sgn(n) < 0)
        der_write_tlv(&w, DER_INTEGER, "\xff", 1);
    else
        der_write_integer(&w, n);
    der_write_integer(&w, e);
    der_end(&w);
    if (spki) {
        der_end(&w);
        der_end(&w);
    }
    size_t len;
    CU_ASSERT_EQUAL(der_writer_finish(&w, &len), SEE_OK);
    mpz_clears(n, e, NULL);
    return len;
}

static see_status read_public(const char *n, const char *e, int spki, int null_params)
{
    uint8_t der[1024];
    size_t len = write_public(der, sizeof der, n, e, spki, null_params);
    rsa_public_key key;
    rsa_public_init(&key);
    see_status st = keyfile_read_rsa_public(der, len, &key, NULL);
    rsa_public_clear(&key);
    return st;
}

static void test_invalid_keys_refused(void)
{
    /* n = 3233 = 61 * 53, the classic textbook modulus */
    CU_ASSERT_EQUAL(read_public("ca1", "11", 1, 1), SEE_OK);
    CU_ASSERT_EQUAL(read_public("ca1", "11", 0, 1), SEE_OK);
    CU_ASSERT_EQUAL(read_public("ca2", "11", 1, 1), SEE_ERR_RSA_N_EVEN);
    CU_ASSERT_EQUAL(read_public("ca1", "1", 1, 1), SEE_ERR_RSA_E_BAD);
    CU_ASSERT_EQUAL(read_public("ca1", "10", 1, 1), SEE_ERR_RSA_E_BAD);
    CU_ASSERT_EQUAL(read_public("ca1", "ca3", 1, 1), SEE_ERR_RSA_E_BAD);
    CU_ASSERT_EQUAL(read_public("d", "3", 1, 1), SEE_ERR_RSA_N_SMALL);
    CU_ASSERT_EQUAL(read_public("-1", "3", 0, 1), SEE_ERR_KEY_NEGATIVE);
    CU_ASSERT_EQUAL(read_public("ca1", "11", 1, 0), SEE_ERR_KEY_PARAMETERS);

    /* a private key whose numbers do not hang together */
    size_t len;
    uint8_t *data = read_key_fixture("rsa512_pkcs1.der", &len);
    rsa_private_key key;
    rsa_private_init(&key);
    data[len - 1] ^= 1; /* the last byte of qInv */
    CU_ASSERT_EQUAL(keyfile_read_rsa_private(data, len, NULL, &key, NULL),
                    SEE_ERR_RSA_KEY_INCONSISTENT);
    data[len - 1] ^= 1;
    data[6] = 2;        /* version 2 (the byte after 30 82 01 3c 02 01) */
    CU_ASSERT_EQUAL(keyfile_read_rsa_private(data, len, NULL, &key, NULL),
                    SEE_ERR_KEY_VERSION);
    data[6] = 1;        /* multi-prime */
    CU_ASSERT_EQUAL(keyfile_read_rsa_private(data, len, NULL, &key, NULL),
                    SEE_ERR_KEY_VERSION);
    data[6] = 0;
    CU_ASSERT_EQUAL(keyfile_read_rsa_private(data, len, NULL, &key, NULL), SEE_OK);
    rsa_private_clear(&key);
    free(data);
}

static void test_dh_params(void)
{
    size_t len, out_len;
    uint8_t *data = read_key_fixture("dh512_openssl.pem", &len);
    dh_group group;
    dh_group_init(&group);
    CU_ASSERT_EQUAL(keyfile_read_dh_params(data, len, 0, NULL, &group, NULL),
                    SEE_ERR_DH_GROUP_SMALL);
    CU_ASSERT_EQUAL_FATAL(keyfile_read_dh_params(data, len, 1, NULL, &group, NULL),
                          SEE_OK);
    CU_ASSERT_EQUAL(dh_group_bits(&group), 512);
    CU_ASSERT_EQUAL(mpz_cmp_ui(group.g, 2), 0);
    /* openssl makes safe primes: q = (p - 1) / 2 is found */
    mpz_t q;
    mpz_init(q);
    mpz_sub_ui(q, group.p, 1);
    mpz_fdiv_q_2exp(q, q, 1);
    CU_ASSERT(mpz_cmp(q, group.q) == 0);
    mpz_clear(q);
    static uint8_t out[KEYFILE_MAX_SIZE];
    CU_ASSERT_EQUAL(keyfile_write_dh_params(&group, 1, out, sizeof out, &out_len),
                    SEE_OK);
    CU_ASSERT_EQUAL(out_len, len);
    CU_ASSERT(memcmp(out, data, len) == 0);
    free(data);

    /* a named group comes back with its name */
    static const char *names[] = {"ffdhe2048", "ffdhe3072", "ffdhe4096",
                                  "ffdhe6144", "ffdhe8192", "modp2048", "toy"};
    for (int i = 0; i < 7; i++) {
        dh_group named, back;
        dh_group_init(&named);
        dh_group_init(&back);
        CU_ASSERT_EQUAL(dh_group_named(&named, names[i], 1), SEE_OK);
        CU_ASSERT_EQUAL(keyfile_write_dh_params(&named, i % 2, out, sizeof out,
                                                &out_len), SEE_OK);
        CU_ASSERT_EQUAL(keyfile_read_dh_params(out, out_len, 1, NULL, &back, NULL),
                        SEE_OK);
        CU_ASSERT_PTR_NOT_NULL_FATAL(back.name);
        CU_ASSERT_STRING_EQUAL(back.name, names[i]);
        CU_ASSERT(mpz_cmp(named.q, back.q) == 0);
        dh_group_clear(&named);
        dh_group_clear(&back);
    }
    /* every truncation of the DER fails */
    dh_group named;
    dh_group_init(&named);
    dh_group_named(&named, "toy", 1);
    CU_ASSERT_EQUAL(keyfile_write_dh_params(&named, 0, out, sizeof out, &out_len),
                    SEE_OK);
    ASSERT_HEX_EQ(out, out_len, "3006020117020105"); /* SEQUENCE { 23, 5 } */
    for (size_t cut = 0; cut < out_len; cut++)
        CU_ASSERT(keyfile_read_dh_params(out, cut, 1, NULL, &group, NULL) != SEE_OK);
    dh_group_clear(&named);
    dh_group_clear(&group);
}

static see_status read_dh_text(const char *text, keyfile_info *info)
{
    dh_group group;
    dh_group_init(&group);
    see_status st = keyfile_read_dh_params((const uint8_t *)text, strlen(text),
                                           1, NULL, &group, info);
    dh_group_clear(&group);
    return st;
}

#define DH_BLOCK(label, body) \
    "-----BEGIN " label "-----\n" body "-----END " label "-----\n"

/* What the readers say of a file they will not read, and what info then
 * holds: no DER offset unless a DER error was found. */
static void test_refusals(void)
{
    keyfile_info info;
    /* a PEM file with no DH PARAMETERS block, whatever it holds */
    static const char *not_dh[] = {"ec_p256_sec1.pem", "ec_p256_pkcs8.pem",
                                   "dsa1024.pem", "rsa512_encrypted.pem",
                                   "rsa512_pub.pem", "ed25519.pem"};
    for (size_t i = 0; i < sizeof not_dh / sizeof *not_dh; i++) {
        size_t len;
        uint8_t *data = read_key_fixture(not_dh[i], &len);
        dh_group group;
        dh_group_init(&group);
        CU_ASSERT_EQUAL(keyfile_read_dh_params(data, len, 1, NULL, &group,
                                               &info), SEE_ERR_KEY_NOT_DH_PARAMS);
        CU_ASSERT_EQUAL(info.der.error, SEE_OK);
        dh_group_clear(&group);
        free(data);
    }
    CU_ASSERT_EQUAL(read_dh_text(DH_BLOCK("FOO", "MAYCARcCAQU=\n"), &info),
                    SEE_ERR_KEY_NOT_DH_PARAMS);
    CU_ASSERT_EQUAL(read_dh_text(DH_BLOCK("DH PARAMETERS", ""), &info),
                    SEE_ERR_KEY_NOT_DH_PARAMS);
    /* a DH PARAMETERS block that is broken says how */
    CU_ASSERT_EQUAL(read_dh_text(DH_BLOCK("DH PARAMETERS", "MAY!ARcCAQU=\n"),
                                 &info), SEE_ERR_BASE64);
    CU_ASSERT_EQUAL(read_dh_text(DH_BLOCK("DH PARAMETERS", "MAYCARcCAQ==\n"),
                                 &info), SEE_ERR_DER_LENGTH);
    CU_ASSERT_EQUAL(info.der.error, SEE_ERR_DER_LENGTH);
    CU_ASSERT_EQUAL(info.der.error_offset, 0); /* 30 06, 5 bytes follow */
    CU_ASSERT_EQUAL(read_dh_text("", &info), SEE_ERR_KEY_FORMAT);
    /* the toy group, p = 23 and g = 5 */
    CU_ASSERT_EQUAL(read_dh_text(DH_BLOCK("DH PARAMETERS", "MAYCARcCAQU=\n"),
                                 &info), SEE_OK);
    CU_ASSERT(info.was_pem && info.form == KEYFILE_DH_PKCS3);

    /* a bare public key read as a private one: no DER error to point at */
    size_t len;
    uint8_t *data = read_key_fixture("rsa512_pub.der", &len);
    rsa_private_key key;
    rsa_private_init(&key);
    CU_ASSERT_EQUAL(keyfile_read_rsa_private(data, len, NULL, &key, &info),
                    SEE_ERR_KEY_NOT_PRIVATE);
    CU_ASSERT_EQUAL(info.der.error, SEE_OK);
    CU_ASSERT(!info.was_pem);
    CU_ASSERT(!info.is_private);
    rsa_private_clear(&key);
    free(data);
    /* a public key file read as a private one */
    data = read_key_fixture("rsa512_pub.pem", &len);
    rsa_private_init(&key);
    CU_ASSERT_EQUAL(keyfile_read_rsa_private(data, len, NULL, &key, &info),
                    SEE_ERR_KEY_NOT_PRIVATE);
    CU_ASSERT(info.was_pem && !info.is_private && info.der.error == SEE_OK);
    rsa_private_clear(&key);
    free(data);
    /* DH parameters read as an RSA public key */
    data = read_key_fixture("dh512_openssl.pem", &len);
    rsa_public_key pub;
    rsa_public_init(&pub);
    CU_ASSERT_EQUAL(keyfile_read_rsa_public(data, len, &pub, &info),
                    SEE_ERR_KEY_IS_DH);
    CU_ASSERT(info.was_pem && info.der.error == SEE_OK);
    rsa_public_clear(&pub);
    free(data);
}

/* A 4096-bit modulus whose bytes spell out `pem` on lines of their own. */
static void spell_in_modulus(const uint8_t *pem, size_t pem_len,
                             rsa_public_key *out)
{
    uint8_t n[512];
    CU_ASSERT_FATAL(9 + pem_len < sizeof n);
    memset(n, 0xa5, sizeof n);
    n[0] = 0xc3;
    n[8] = '\n';
    memcpy(n + 9, pem, pem_len);
    n[sizeof n - 1] |= 1;
    mpz_import(out->n, sizeof n, 1, 1, 1, 0, n);
    mpz_set_ui(out->e, 65537);
}

/* keyfile_read_rsa_public on text, into key; returns the status. */
static see_status read_public_text(const char *text, size_t len,
                                   rsa_public_key *key, keyfile_info *info)
{
    return keyfile_read_rsa_public((const uint8_t *)text, len, key, info);
}

/* Issue 12, item 1: a file is DER when its first byte is 0x30, and PEM
 * text otherwise; a DER key is never searched for PEM. A key whose
 * modulus spells out the PEM block of another key is that key, in DER
 * (SPKI and PKCS#1) and in PEM; a PEM file may have blank lines or text
 * before its block (RFC 7468 2); text with no block says so. */
static void test_format_from_first_byte(void)
{
    size_t pem_len, out_len;
    uint8_t *pem = read_key_fixture("rsa512_pub.pem", &pem_len);
    rsa_public_key small, spelled, got;
    rsa_public_init(&small);
    rsa_public_init(&spelled);
    rsa_public_init(&got);
    keyfile_info info;
    CU_ASSERT_EQUAL_FATAL(keyfile_read_rsa_public(pem, pem_len, &small, NULL), SEE_OK);
    spell_in_modulus(pem, pem_len, &spelled);

    static uint8_t out[KEYFILE_MAX_SIZE];
    static const keyfile_form forms[] = {KEYFILE_SPKI, KEYFILE_RSA_PKCS1};
    for (int i = 0; i < 2; i++)
        for (int as_pem = 0; as_pem <= 1; as_pem++) {
            CU_ASSERT_EQUAL_FATAL(keyfile_write_rsa_public(&spelled, forms[i], as_pem,
                                                           out, sizeof out, &out_len),
                                  SEE_OK);
            CU_ASSERT(as_pem || memmem(out, out_len, "-----BEGIN PUBLIC KEY-----", 26));
            CU_ASSERT_EQUAL(keyfile_read_rsa_public(out, out_len, &got, &info), SEE_OK);
            CU_ASSERT_EQUAL(mpz_cmp(got.n, spelled.n), 0);
            CU_ASSERT_EQUAL(mpz_sizeinbase(got.n, 2), 4096);
            CU_ASSERT_EQUAL(info.was_pem, as_pem);
            CU_ASSERT_EQUAL(info.form, forms[i]);
        }

    /* Blank lines, or words, before the block: still PEM. */
    static char text[4096];
    static const char *before[] = {"\n \t\r\n", "Public-Key: (512 bit)\n"};
    for (int i = 0; i < 2; i++) {
        size_t len = (size_t)snprintf(text, sizeof text, "%s%.*s", before[i],
                                      (int)pem_len, (const char *)pem);
        mpz_set_ui(got.n, 0);
        CU_ASSERT_EQUAL(read_public_text(text, len, &got, &info), SEE_OK);
        CU_ASSERT_EQUAL(mpz_cmp(got.n, small.n), 0);
        CU_ASSERT(info.was_pem);
    }
    /* A '0' first is the DER SEQUENCE tag: read as DER, and refused. */
    size_t len = (size_t)snprintf(text, sizeof text, "0%.*s", (int)pem_len,
                                  (const char *)pem);
    CU_ASSERT_NOT_EQUAL(read_public_text(text, len, &got, &info), SEE_OK);
    CU_ASSERT(!info.was_pem && info.der.error != SEE_OK);
    /* Text with no block at all; blocks none of which is a key. */
    CU_ASSERT_EQUAL(read_public_text("no key here\n", 12, &got, &info),
                    SEE_ERR_PEM_NO_BEGIN);
    CU_ASSERT_EQUAL(read_public_text(DH_BLOCK("FOO", "AAAA\n"),
                                     strlen(DH_BLOCK("FOO", "AAAA\n")), &got,
                                     &info), SEE_ERR_PEM_LABEL);

    rsa_public_clear(&got);
    rsa_public_clear(&spelled);
    rsa_public_clear(&small);
    free(pem);
}

/* A reader that fails leaves its output as it was: DH parameters of a
 * named group refused as too small, or of no valid group (g = 1), once
 * left a half-made group behind (the last named group tried); RSA keys
 * that fail their checks left their numbers. */
static void test_failure_leaves_output(void)
{
    keyfile_info info;
    dh_group group;
    dh_group_init(&group);
    CU_ASSERT_EQUAL_FATAL(dh_group_named(&group, "ffdhe2048", 0), SEE_OK);
    static const char *const refused[] = {
        DH_BLOCK("DH PARAMETERS", "MAYCARcCAQU=\n"),  /* toy: p = 23, g = 5 */
        DH_BLOCK("DH PARAMETERS", "MAYCARcCAQE=\n"),  /* p = 23, g = 1 */
        DH_BLOCK("DH PARAMETERS", "MAYCARcCAQ==\n"),  /* truncated DER */
    };
    static const see_status why[] = {SEE_ERR_DH_GROUP_SMALL, SEE_ERR_DH_GROUP_BAD,
                                     SEE_ERR_DER_LENGTH};
    for (int i = 0; i < 3; i++) {
        CU_ASSERT_EQUAL(keyfile_read_dh_params((const uint8_t *)refused[i],
                                               strlen(refused[i]), i == 1, NULL,
                                               &group, &info), why[i]);
        CU_ASSERT_PTR_NOT_NULL_FATAL(group.name);
        CU_ASSERT_STRING_EQUAL(group.name, "ffdhe2048");
        CU_ASSERT_EQUAL(dh_group_bits(&group), 2048);
        CU_ASSERT_EQUAL(mpz_cmp_ui(group.g, 2), 0);
        CU_ASSERT_EQUAL(mpz_sizeinbase(group.q, 2), 2047);
    }
    dh_group_clear(&group);

    size_t len, good_len;
    uint8_t *good = read_key_fixture("rsa1024_pkcs1.pem", &good_len);
    rsa_private_key key;
    rsa_private_init(&key);
    CU_ASSERT_EQUAL_FATAL(keyfile_read_rsa_private(good, good_len, NULL, &key, NULL),
                          SEE_OK);
    mpz_t n;
    mpz_init_set(n, key.n);
    uint8_t *data = read_key_fixture("rsa512_pkcs1.der", &len);
    data[len - 1] ^= 1; /* the last byte of qInv */
    CU_ASSERT_EQUAL(keyfile_read_rsa_private(data, len, NULL, &key, NULL),
                    SEE_ERR_RSA_KEY_INCONSISTENT);
    CU_ASSERT_EQUAL(mpz_cmp(key.n, n), 0);
    CU_ASSERT_EQUAL(mpz_sizeinbase(key.d, 2) > 512, 1);

    rsa_public_key pub;
    rsa_public_init(&pub);
    rsa_public_from_private(&pub, &key);
    uint8_t der[1024];
    size_t der_len = write_public(der, sizeof der, "ca2", "11", 1, 1);
    CU_ASSERT_EQUAL(keyfile_read_rsa_public(der, der_len, &pub, NULL),
                    SEE_ERR_RSA_N_EVEN);
    CU_ASSERT_EQUAL(mpz_cmp(pub.n, n), 0);
    CU_ASSERT_EQUAL(mpz_cmp_ui(pub.e, 65537), 0);
    rsa_public_clear(&pub);
    mpz_clear(n);
    rsa_private_clear(&key);
    free(data);
    free(good);
}

/* A named group read from a file is known from the table in crypto/dh.c,
 * without a primality test: openssl's ffdhe8192 parameters took 14 s
 * (64 Miller-Rabin rounds on an 8191-bit q) when keyfile had its own
 * shorter list of names. */
static void test_named_group_without_prime_test(void)
{
    dh_group named, back;
    dh_group_init(&named);
    dh_group_init(&back);
    static uint8_t out[KEYFILE_MAX_SIZE];
    size_t out_len;
    CU_ASSERT_EQUAL_FATAL(dh_group_named(&named, "ffdhe8192", 0), SEE_OK);
    CU_ASSERT_EQUAL_FATAL(keyfile_write_dh_params(&named, 1, out, sizeof out,
                                                  &out_len), SEE_OK);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    CU_ASSERT_EQUAL(keyfile_read_dh_params(out, out_len, 0, NULL, &back, NULL),
                    SEE_OK);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    CU_ASSERT(seconds < 1.0);
    CU_ASSERT_PTR_NOT_NULL(back.name);
    CU_ASSERT(mpz_cmp(named.q, back.q) == 0);
    dh_group_clear(&named);
    dh_group_clear(&back);
}

static CU_TestInfo tests[] = {
    {"openssl's keys: exact values, written back byte for byte", test_openssl_keys},
    {"generated key: every form, DER and PEM", test_round_trip_generated},
    {"EC, Ed25519, X25519, DSA, RSA-PSS, encrypted, DH refused by name",
     test_wrong_key_types},
    {"every truncation of PKCS#8, PKCS#1, SPKI DER fails", test_every_truncation},
    {"DER: non-minimal, indefinite, over-long, absurd lengths, nesting",
     test_der_rules},
    {"invalid keys refused: n even or small, e bad, negative, params",
     test_invalid_keys_refused},
    {"DH parameters: openssl's, named groups, truncations", test_dh_params},
    {"refusals: other files as DH parameters, public keys as private",
     test_refusals},
    {"PEM or DER from the first byte: a modulus spelling PEM is DER",
     test_format_from_first_byte},
    {"a reader that fails leaves its output as it was",
     test_failure_leaves_output},
    {"a named group from a file: no primality test", test_named_group_without_prime_test},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("keyfile", tests);
}
