/*
 * test_pkcs12.c: the PKCS#12 writer (pki/pkcs12.h).
 *
 * The pieces against bytes from OpenSSL's command line (vectors/
 * pkcs12_openssl.txt, whose header names each command): the BMPString
 * password, RFC 7292 B.2's KDF, PBES2's encryption and its
 * AlgorithmIdentifier as `openssl pkcs12 -export` writes it. Then whole
 * files of the fixture client key and certificate (vectors/certs/) read
 * by `openssl pkcs12` (an oracle run as a separate program): the MAC good
 * with the right password, refused with a wrong one, the key and the
 * certificates given back as we put them in. Then the refusals.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "codec/der.h"
#include "codec/oid.h"
#include "crypto/random.h"
#include "pki/keyfile.h"
#include "pki/pkcs12.h"
#include "pki/x509.h"
#include "tests/unit/harness.h"

/* ------------------------------------------------------- the pieces --- */

static void test_openssl_vectors(void)
{
    vec_file *v = vec_open("pkcs12_openssl.txt");
    if (v == NULL)
        return;
    int kinds[4] = {0};
    while (vec_next(v)) {
        const char *kind = vec_get(v, "kind");
        size_t pw_len = 0, salt_len = 0, bmp_len = 0, iv_len = 0, pt_len = 0;
        uint8_t *pw = vec_hex(v, "password", &pw_len);
        uint8_t *salt = vec_hex(v, "salt", &salt_len);
        uint8_t *bmp = vec_hex(v, "bmp", &bmp_len);
        uint8_t *iv = vec_hex(v, "iv", &iv_len);
        uint8_t *pt = vec_hex(v, "plaintext", &pt_len);
        const char *iter_text = vec_get(v, "iterations");
        uint32_t iterations = iter_text ? (uint32_t)strtoul(iter_text, NULL, 10) : 0;
        uint8_t out[512];
        size_t out_len = 0;
        char password[128] = "";
        if (pw != NULL)
            memcpy(password, pw, pw_len);
        if (strcmp(kind, "bmp") == 0) {
            CU_ASSERT_EQUAL(pkcs12_bmp_password(password, pw_len, out, sizeof out,
                                                &out_len), SEE_OK);
            ASSERT_HEX_EQ(out, out_len, vec_get(v, "bmp"));
            kinds[0]++;
        } else if (strcmp(kind, "kdf") == 0) {
            size_t n = strlen(vec_get(v, "key")) / 2;
            uint8_t id = (uint8_t)atoi(vec_get(v, "id"));
            CU_ASSERT_EQUAL(pkcs12_kdf_sha256(bmp, bmp_len, salt, salt_len, id,
                                              iterations, out, n), SEE_OK);
            ASSERT_HEX_EQ(out, n, vec_get(v, "key"));
            kinds[1]++;
        } else if (strcmp(kind, "pbes2") == 0) {
            CU_ASSERT_EQUAL_FATAL(iv_len, 16);
            CU_ASSERT_EQUAL(pkcs12_pbes2_encrypt(password, pw_len, salt, salt_len,
                                                 iterations, iv, pt, pt_len, out,
                                                 sizeof out, &out_len), SEE_OK);
            ASSERT_HEX_EQ(out, out_len, vec_get(v, "ciphertext"));
            kinds[2]++;
        } else {
            der_writer dw;
            der_writer_init(&dw, out, sizeof out);
            pkcs12_write_pbes2_algorithm(&dw, salt, salt_len, iterations, iv);
            CU_ASSERT_EQUAL(der_writer_finish(&dw, &out_len), SEE_OK);
            ASSERT_HEX_EQ(out, out_len, vec_get(v, "der"));
            kinds[3]++;
        }
        free(pw);
        free(salt);
        free(bmp);
        free(iv);
        free(pt);
    }
    CU_ASSERT_EQUAL(kinds[0], 3);
    CU_ASSERT_EQUAL(kinds[1], 2);
    CU_ASSERT_EQUAL(kinds[2], 1);
    CU_ASSERT_EQUAL(kinds[3], 1);
    vec_close(v);
}

/* Not UTF-8: a truncated sequence, a lone continuation byte, an overlong
 * '/', an encoded surrogate (U+D800), a code point above U+10FFFF, 0xff;
 * and an output buffer too small. */
static void test_bmp_refusals(void)
{
    static const char *const bad[] = {
        "p\xc3", "\x80", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "a\xff",
    };
    uint8_t out[32];
    size_t len;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CU_ASSERT_EQUAL(pkcs12_bmp_password(bad[i], strlen(bad[i]), out,
                                            sizeof out, &len),
                        SEE_ERR_PKCS12_PASSWORD);
    CU_ASSERT_EQUAL(pkcs12_bmp_password("abc", 3, out, 7, &len), SEE_ERR_BUFFER_SMALL);
    CU_ASSERT_EQUAL(pkcs12_bmp_password("abc", 3, out, 8, &len), SEE_OK);
    CU_ASSERT_EQUAL(len, 8);
}

/* -------------------------------------------------- whole files, openssl --- */

typedef struct {
    rsa_private_key key;
    uint8_t *cert, *ca;       /* DER */
    size_t cert_len, ca_len;
} fixture;

/* A DER certificate of vectors/certs/, whole. */
static uint8_t *read_cert_der(const char *file, size_t *len)
{
    FILE *f = fopen(file, "rb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    uint8_t *der = malloc(X509_MAX_CERT_SIZE);
    *len = fread(der, 1, X509_MAX_CERT_SIZE, f);
    fclose(f);
    CU_ASSERT_FATAL(*len > 0);
    return der;
}

static void fixture_load(fixture *f)
{
    char *pem = read_text_file("vectors/certs/client.key");
    CU_ASSERT_PTR_NOT_NULL_FATAL(pem);
    rsa_private_init(&f->key);
    CU_ASSERT_EQUAL_FATAL(keyfile_read_rsa_private((const uint8_t *)pem, strlen(pem),
                                                   NULL, &f->key, NULL), SEE_OK);
    free(pem);
    f->cert = read_cert_der("vectors/certs/client.der", &f->cert_len);
    f->ca = read_cert_der("vectors/certs/root.der", &f->ca_len);
}

static void fixture_free(fixture *f)
{
    rsa_private_clear(&f->key);
    free(f->cert);
    free(f->ca);
}

static char dir[] = "/tmp/seetls_pkcs12_XXXXXX";

static const char *path(const char *name)
{
    static char buf[4][256];
    static int next;
    char *p = buf[next++ % 4];
    snprintf(p, 256, "%s/%s", dir, name);
    return p;
}

static void write_file(const char *name, const void *data, size_t len)
{
    FILE *f = fopen(path(name), "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_EQUAL(fwrite(data, 1, len, f), len);
    fclose(f);
}

/* A shell command run in the temporary directory, its output in out.txt;
 * its exit status. */
static int run(const char *cmd)
{
    char full[2048];
    snprintf(full, sizeof full, "cd %s && %s >out.txt 2>&1", dir, cmd);
    return system(full);
}

static int output_has(const char *text)
{
    char *out = read_text_file(path("out.txt"));
    int found = out != NULL && strstr(out, text) != NULL;
    free(out);
    return found;
}

/* Our file of f, with this name and password, as name.p12; the password
 * also in name.pw for openssl's -passin file:. */
static void write_p12(const fixture *f, const char *name, const char *friendly,
                      const char *password, int with_ca)
{
    pkcs12_contents c = {
        .key = &f->key, .cert = f->cert, .cert_len = f->cert_len,
        .ca_cert = with_ca ? f->ca : NULL, .ca_cert_len = with_ca ? f->ca_len : 0,
        .name = friendly, .password = password, .iterations = 2048,
    };
    uint8_t *out = malloc(PKCS12_MAX_SIZE);
    size_t len;
    see_rng rng;
    rng_init_seeded(&rng, name, strlen(name));
    CU_ASSERT_EQUAL_FATAL(pkcs12_write(&c, &rng, out, PKCS12_MAX_SIZE, &len), SEE_OK);
    char file[64];
    snprintf(file, sizeof file, "%s.p12", name);
    write_file(file, out, len);
    snprintf(file, sizeof file, "%s.pw", name);
    write_file(file, password, strlen(password));
    free(out);
}

/* openssl pkcs12 -info: the MAC verifies, and each part is PBES2 with
 * PBKDF2, AES-256-CBC and hmacWithSHA256, as openssl's own files. */
static void test_openssl_reads_it(void)
{
    fixture f;
    fixture_load(&f);
    write_p12(&f, "ascii", "lab client", "correct horse", 1);
    CU_ASSERT_EQUAL(run("openssl pkcs12 -in ascii.p12 -passin file:ascii.pw "
                        "-info -noout"), 0);
    CU_ASSERT_TRUE(output_has("MAC: sha256, Iteration 2048"));
    CU_ASSERT_TRUE(output_has("PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC, "
                              "Iteration 2048, PRF hmacWithSHA256"));
    CU_ASSERT_TRUE(output_has("Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, "
                              "Iteration 2048, PRF hmacWithSHA256"));
    fixture_free(&f);
}

/* A wrong password: openssl refuses the MAC, exit status 1. */
static void test_openssl_refuses_wrong_password(void)
{
    fixture f;
    fixture_load(&f);
    write_p12(&f, "wrong", "lab client", "correct horse", 0);
    write_file("other.pw", "correct hors", 12);
    CU_ASSERT_EQUAL(run("openssl pkcs12 -in wrong.p12 -passin file:other.pw "
                        "-info -noout") != 0, 1);
    CU_ASSERT_TRUE(output_has("Mac verify error"));
    fixture_free(&f);
}

/* openssl pkcs12 -nodes gives back the key (its modulus the
 * certificate's), both certificates as we put them in, and the
 * friendlyName and localKeyId; a non-ASCII password (the MAC's BMPString
 * and PBES2's UTF-8 differ there) and a name long enough that localKeyId
 * sorts first in the attribute SET. */
static void test_openssl_gives_back_key_and_certs(void)
{
    fixture f;
    fixture_load(&f);
    const char *name = "Alex's lab: client certificate for the web console";
    write_p12(&f, "utf8", name, "p\xc3\xa4ssw\xc3\xb6rt \xe2\x82\xac", 1);
    CU_ASSERT_EQUAL(run("openssl pkcs12 -in utf8.p12 -passin file:utf8.pw "
                        "-nodes -out all.pem"), 0);
    CU_ASSERT_EQUAL(run("openssl pkey -in all.pem -noout -text"), 0);
    /* the key's modulus is the certificate's (the first certificate is
     * the leaf: openssl writes it with the key) */
    CU_ASSERT_EQUAL(run("openssl rsa -in all.pem -modulus -noout > key.mod && "
                        "openssl x509 -in all.pem -modulus -noout > cert.mod && "
                        "cmp key.mod cert.mod"), 0);
    CU_ASSERT_EQUAL(run("openssl rsa -in all.pem -modulus -noout | "
                        "cmp - key.mod && openssl rsa -in all.pem -check -noout"), 0);
    /* the two certificates, byte for byte */
    write_file("client.der", f.cert, f.cert_len);
    write_file("root.der", f.ca, f.ca_len);
    CU_ASSERT_EQUAL(run("openssl pkcs12 -in utf8.p12 -passin file:utf8.pw -nokeys "
                        "-clcerts | openssl x509 -outform DER | cmp - client.der"), 0);
    CU_ASSERT_EQUAL(run("openssl pkcs12 -in utf8.p12 -passin file:utf8.pw -nokeys "
                        "-cacerts | openssl x509 -outform DER | cmp - root.der"), 0);
    CU_ASSERT_EQUAL(run("grep -c 'friendlyName: Alex' all.pem"), 0);
    CU_ASSERT_TRUE(output_has("2"));   /* the key's bag and the leaf's */
    CU_ASSERT_EQUAL(run("grep 'localKeyID' all.pem | sort -u | wc -l"), 0);
    CU_ASSERT_TRUE(output_has("1"));   /* one value, the same on both */
    fixture_free(&f);
}

/* ------------------------------------------------ the attributes' order --- */

/* Where the first attribute with this OID is in the file (the key's bag is
 * not encrypted: its attributes are in the clear), or -1. */
static long find_oid(const uint8_t *file, size_t len, oid_id id)
{
    const der_oid *oid = oid_get(id);
    for (size_t i = 0; i + oid->len <= len; i++)
        if (memcmp(file + i, oid->der, oid->len) == 0)
            return (long)i;
    return -1;
}

/* The bag attributes are a SET OF, which DER sorts by encoding (X.690
 * 11.6): a name of up to 16 characters (32 bytes of BMPString, the
 * localKeyId's length) makes the shorter attribute, written first; a
 * longer one goes after the localKeyId. */
static void test_attributes_in_der_order(void)
{
    fixture f;
    fixture_load(&f);
    uint8_t *out = malloc(PKCS12_MAX_SIZE);
    size_t len;
    static const char *const names[] = {"sixteen chars ok", "seventeen chars!!"};
    for (int i = 0; i < 2; i++) {
        pkcs12_contents c = {
            .key = &f.key, .cert = f.cert, .cert_len = f.cert_len,
            .name = names[i], .password = "pw", .iterations = 1,
        };
        CU_ASSERT_EQUAL_FATAL(pkcs12_write(&c, NULL, out, PKCS12_MAX_SIZE, &len),
                              SEE_OK);
        long name_at = find_oid(out, len, OID_FRIENDLY_NAME);
        long id_at = find_oid(out, len, OID_LOCAL_KEY_ID);
        CU_ASSERT_TRUE(name_at > 0 && id_at > 0);
        CU_ASSERT_EQUAL(name_at < id_at, i == 0);
    }
    free(out);
    fixture_free(&f);
}

/* ------------------------------------------------------------ refusals --- */

static void test_refusals(void)
{
    fixture f;
    fixture_load(&f);
    uint8_t *out = malloc(PKCS12_MAX_SIZE);
    size_t len;
    pkcs12_contents c = {
        .key = &f.key, .cert = f.cert, .cert_len = f.cert_len,
        .name = "n", .password = "p\xc3", .iterations = 1,
    };
    CU_ASSERT_EQUAL(pkcs12_write(&c, NULL, out, PKCS12_MAX_SIZE, &len),
                    SEE_ERR_PKCS12_PASSWORD);
    c.password = "pw";
    c.name = "\xff";
    CU_ASSERT_EQUAL(pkcs12_write(&c, NULL, out, PKCS12_MAX_SIZE, &len), SEE_ERR_ARGUMENT);
    c.name = "n";
    c.cert = NULL;
    CU_ASSERT_EQUAL(pkcs12_write(&c, NULL, out, PKCS12_MAX_SIZE, &len), SEE_ERR_ARGUMENT);
    c.cert = f.cert;
    CU_ASSERT_EQUAL(pkcs12_write(&c, NULL, out, 100, &len), SEE_ERR_BUFFER_SMALL);
    CU_ASSERT_EQUAL(pkcs12_write(&c, NULL, out, PKCS12_MAX_SIZE, &len), SEE_OK);
    uint8_t dk[4];
    CU_ASSERT_EQUAL(pkcs12_kdf_sha256((const uint8_t *)"\0\0", 2, NULL, 0, 3, 0,
                                      dk, sizeof dk), SEE_ERR_PBKDF2_ITERATIONS);
    free(out);
    fixture_free(&f);
}

static int make_dir(void)
{
    return mkdtemp(dir) == NULL ? -1 : 0;
}

static void test_make_dir(void)
{
    CU_ASSERT_EQUAL_FATAL(make_dir(), 0);
}

static void test_remove_dir(void)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CU_ASSERT_EQUAL(system(cmd), 0);
}

static CU_TestInfo tests[] = {
    {"the BMPString password, B.2's KDF, PBES2 and its AlgorithmIdentifier "
     "give OpenSSL's bytes", test_openssl_vectors},
    {"a password that is not UTF-8 is refused; the output's size", test_bmp_refusals},
    {"(make a temporary directory)", test_make_dir},
    {"openssl pkcs12 -info: MAC good, PBES2/PBKDF2/AES-256-CBC/hmacWithSHA256 "
     "for both parts", test_openssl_reads_it},
    {"openssl pkcs12 refuses a wrong password (Mac verify error)",
     test_openssl_refuses_wrong_password},
    {"openssl pkcs12 -nodes: the key of the certificate, both certificates "
     "byte for byte, names and localKeyID, a UTF-8 password",
     test_openssl_gives_back_key_and_certs},
    {"bag attributes in DER's SET OF order, by the name's length",
     test_attributes_in_der_order},
    {"pkcs12_write's refusals: password, name, certificate, buffer",
     test_refusals},
    {"(remove it)", test_remove_dir},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("pkcs12", tests);
}
