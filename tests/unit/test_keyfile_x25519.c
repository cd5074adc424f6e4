/* test_keyfile_x25519.c: X25519 key files (RFC 8410). RFC 8410 10.3's
 * example key bytes and an openssl key read with their exact bytes and
 * written back byte for byte; every truncation, a wrong OID, parameters present, a
 * wrong length, trailing bytes refused with the output untouched; a
 * version 1 key with its public key accepted only when that key is a*G;
 * RSA keys refused by name. */
#include <stdlib.h>
#include <string.h>

#include "pki/keyfile.h"
#include "pki/keyfile_x25519.h"
#include "harness.h"

/* RFC 8410 10.3's example private key is an Ed25519 one (id-Ed25519,
 * 1.3.101.112: "K2Vw" in its base64); RFC 8410 has no X25519 private key
 * example. Its 32 bytes under id-X25519 (1.3.101.110: "K2Vu") are the
 * file below, which openssl reads as an X25519 key; A is what openssl
 * pkey -pubout gives for it. */
static const char rfc8410_ed25519_pem[] =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n"
    "-----END PRIVATE KEY-----\n";
/* RFC 8410 10.3's second example: the same Ed25519 key as a version 1
 * OneAsymmetricKey with an attribute [0] and its (Ed25519) public key [1];
 * the id-Ed25519 bytes (2b6570) are the ones tests replace. */
static const char rfc8410_v1_head[] = "3072020101300506032b6570";
static const char rfc8410_v1_tail[] =
    "04220420d4ee72dbf913584ad5b6d8f1f769f8ad3afe7c28cbf1d4fbe097a88f44755842"
    "a01f301d060a2a864886f70d01090914310f0c0d437572646c6520436861697273"
    "81210019bf44096984cdfe8541bac167dc3b96c85086aa30b6b6cb0c5c38ad703166e1";
static const char rfc8410_pem[] =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VuBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n"
    "-----END PRIVATE KEY-----\n";
static const char rfc8410_a[] =
    "d4ee72dbf913584ad5b6d8f1f769f8ad3afe7c28cbf1d4fbe097a88f44755842";
static const char rfc8410_A[] =
    "226ad8f8f62b7b2637247e6b21ffb5723d6330c4d5dd5a8d11e7e7de65c1c501";

/* The DER heads openssl writes (RFC 8410 7 and 4), before the 32 bytes. */
#define PRIVATE_HEAD "302e020100300506032b656e04220420"
#define PUBLIC_HEAD "302a300506032b656e032100"

/* vectors/keys/x25519.pem, made by openssl genpkey -algorithm x25519, and
 * the values openssl pkey -text prints for it. */
static const char openssl_a[] =
    "58c267c20693e2c00c050f3b6221b52f514a06537d557761a7c6d2325ada3c64";
static const char openssl_A[] =
    "d2bb648a75224f8916a2bf3fdb22112ee8d1d521650a9f6354505909a4f1842d";
static const char openssl_public_pem[] =
    "-----BEGIN PUBLIC KEY-----\n"
    "MCowBQYDK2VuAyEA0rtkinUiT4kWor8/2yIRLujR1SFlCp9jVFBZCaTxhC0=\n"
    "-----END PUBLIC KEY-----\n";

/* hex decoded: a DER made by a test. */
static uint8_t *der_of(const char *head, const char *tail, size_t *len)
{
    size_t hl = strlen(head), tl = strlen(tail);
    char *hex = malloc(hl + tl + 1);
    memcpy(hex, head, hl);
    memcpy(hex + hl, tail, tl + 1);
    uint8_t *der = hex_alloc(hex, len);
    free(hex);
    return der;
}

static see_status read_private(const uint8_t *der, size_t len, uint8_t a[32])
{
    return keyfile_read_x25519_private(der, len, a, NULL);
}

static void test_rfc8410_example(void)
{
    const uint8_t *file = (const uint8_t *)rfc8410_pem;
    uint8_t a[32], A[32], out[KEYFILE_X25519_MAX_SIZE];
    size_t len;
    keyfile_info info;
    CU_ASSERT_EQUAL(keyfile_read_x25519_private(file, strlen(rfc8410_pem), a,
                                                &info), SEE_OK);
    ASSERT_HEX_EQ(a, 32, rfc8410_a);
    CU_ASSERT(info.was_pem && info.is_private && info.form == KEYFILE_PKCS8);
    CU_ASSERT_EQUAL(keyfile_read_x25519_public(file, strlen(rfc8410_pem), A,
                                               NULL), SEE_OK);
    ASSERT_HEX_EQ(A, 32, rfc8410_A);
    /* written back: the same PEM, and the DER of RFC 8410 7 */
    CU_ASSERT_EQUAL(keyfile_write_x25519_private(a, 1, out, sizeof out, &len), SEE_OK);
    CU_ASSERT_EQUAL(len, strlen(rfc8410_pem));
    CU_ASSERT(memcmp(out, rfc8410_pem, strlen(rfc8410_pem)) == 0);
    CU_ASSERT_EQUAL(keyfile_write_x25519_private(a, 0, out, sizeof out, &len), SEE_OK);
    CU_ASSERT_EQUAL(len, KEYFILE_X25519_PRIVATE_DER);
    uint8_t *want = der_of(PRIVATE_HEAD, rfc8410_a, &len);
    CU_ASSERT(memcmp(out, want, len) == 0);
    free(want);
    /* the RFC's own file, an Ed25519 key, is refused by name both ways */
    const uint8_t *ed = (const uint8_t *)rfc8410_ed25519_pem;
    CU_ASSERT_EQUAL(read_private(ed, strlen(rfc8410_ed25519_pem), a),
                    SEE_ERR_KEY_NOT_X25519);
    rsa_private_key rsa;
    rsa_private_init(&rsa);
    CU_ASSERT_EQUAL(keyfile_read_rsa_private(ed, strlen(rfc8410_ed25519_pem),
                                             NULL, &rsa, NULL),
                    SEE_ERR_KEY_IS_ED25519);
    rsa_private_clear(&rsa);
    /* too small a buffer is refused, not overrun */
    CU_ASSERT_EQUAL(keyfile_write_x25519_private(a, 0, out, 47, &len),
                    SEE_ERR_BUFFER_SMALL);
}

static void test_openssl_key(void)
{
    size_t file_len, len;
    uint8_t *file = read_key_fixture("x25519.pem", &file_len);
    uint8_t a[32], A[32], out[KEYFILE_X25519_MAX_SIZE];
    CU_ASSERT_EQUAL(read_private(file, file_len, a), SEE_OK);
    ASSERT_HEX_EQ(a, 32, openssl_a);
    CU_ASSERT_EQUAL(keyfile_read_x25519_public(file, file_len, A, NULL), SEE_OK);
    ASSERT_HEX_EQ(A, 32, openssl_A);
    CU_ASSERT_EQUAL(keyfile_write_x25519_private(a, 1, out, sizeof out, &len), SEE_OK);
    CU_ASSERT(len == file_len && memcmp(out, file, len) == 0);
    CU_ASSERT_EQUAL(keyfile_write_x25519_public(A, 1, out, sizeof out, &len), SEE_OK);
    CU_ASSERT(len == strlen(openssl_public_pem) &&
              memcmp(out, openssl_public_pem, len) == 0);
    /* the public file read back, as PEM and as DER */
    uint8_t B[32] = {0};
    keyfile_info info;
    CU_ASSERT_EQUAL(keyfile_read_x25519_public(out, len, B, &info), SEE_OK);
    CU_ASSERT(memcmp(A, B, 32) == 0 && !info.is_private && info.form == KEYFILE_SPKI);
    CU_ASSERT_EQUAL(keyfile_write_x25519_public(A, 0, out, sizeof out, &len), SEE_OK);
    CU_ASSERT_EQUAL(len, KEYFILE_X25519_PUBLIC_DER);
    memset(B, 0, sizeof B);
    CU_ASSERT_EQUAL(keyfile_read_x25519_public(out, len, B, NULL), SEE_OK);
    CU_ASSERT(memcmp(A, B, 32) == 0);
    /* a public key where a private one is needed */
    CU_ASSERT_EQUAL(read_private(out, len, a), SEE_ERR_KEY_NOT_PRIVATE);
    free(file);
}

/* Every proper prefix of a good DER is refused, and leaves the output as
 * it was. */
static void test_every_truncation(void)
{
    size_t plen, qlen;
    uint8_t *priv = der_of(PRIVATE_HEAD, rfc8410_a, &plen);
    uint8_t *pub = der_of(PUBLIC_HEAD, rfc8410_A, &qlen);
    uint8_t out[32], untouched[32];
    memset(untouched, 0xa5, sizeof untouched);
    for (size_t n = 0; n < plen; n++) {
        memcpy(out, untouched, 32);
        CU_ASSERT_NOT_EQUAL(read_private(priv, n, out), SEE_OK);
        CU_ASSERT(memcmp(out, untouched, 32) == 0);
        CU_ASSERT_NOT_EQUAL(keyfile_read_x25519_public(priv, n, out, NULL), SEE_OK);
        CU_ASSERT(memcmp(out, untouched, 32) == 0);
    }
    for (size_t n = 0; n < qlen; n++) {
        memcpy(out, untouched, 32);
        CU_ASSERT_NOT_EQUAL(keyfile_read_x25519_public(pub, n, out, NULL), SEE_OK);
        CU_ASSERT(memcmp(out, untouched, 32) == 0);
    }
    CU_ASSERT_EQUAL(read_private(priv, plen, out), SEE_OK);
    CU_ASSERT_EQUAL(keyfile_read_x25519_public(pub, qlen, out, NULL), SEE_OK);
    free(priv);
    free(pub);
}

/* One hand-made DER and the error it must get from the private reader
 * (public = 0) or the public one. */
static void expect(int public, const char *head, const char *tail,
                   see_status want)
{
    size_t len;
    uint8_t *der = der_of(head, tail, &len);
    uint8_t out[32], untouched[32];
    memset(untouched, 0x5a, 32);
    memcpy(out, untouched, 32);
    see_status got = public ? keyfile_read_x25519_public(der, len, out, NULL)
                            : read_private(der, len, out);
    if (got != want)
        printf("\n  %s%s: got %s, want %s\n", head, tail, see_strerror(got),
               see_strerror(want));
    CU_ASSERT_EQUAL(got, want);
    if (want != SEE_OK)
        CU_ASSERT(memcmp(out, untouched, 32) == 0);
    free(der);
}

static void test_malformed_refused(void)
{
    /* id-Ed25519 (1.3.101.112) instead of id-X25519 */
    expect(0, "302e020100300506032b657004220420", rfc8410_a, SEE_ERR_KEY_NOT_X25519);
    expect(1, "302a300506032b6570032100", rfc8410_A, SEE_ERR_KEY_NOT_X25519);
    /* parameters present (a NULL), RFC 8410 3 */
    expect(0, "3030020100300706032b656e050004220420", rfc8410_a,
           SEE_ERR_KEY_X25519_PARAMETERS);
    expect(1, "302c300706032b656e0500032100", rfc8410_A,
           SEE_ERR_KEY_X25519_PARAMETERS);
    /* CurvePrivateKey of 31 and 33 bytes; a BIT STRING of 31 bytes */
    expect(0, "302d020100300506032b656e0421041f",
           "ee72dbf913584ad5b6d8f1f769f8ad3afe7c28cbf1d4fbe097a88f44755842",
           SEE_ERR_KEY_X25519_LENGTH);
    expect(0, "302f020100300506032b656e04230421", "00d4ee72dbf913584ad5b6d8f1f769f8ad3afe7c28cbf1d4fbe097a88f44755842",
           SEE_ERR_KEY_X25519_LENGTH);
    expect(1, "3029300506032b656e032000",
           "6ad8f8f62b7b2637247e6b21ffb5723d6330c4d5dd5a8d11e7e7de65c1c501",
           SEE_ERR_KEY_X25519_LENGTH);
    /* the private key as a bare OCTET STRING, not one inside another */
    expect(0, "302c020100300506032b656e0420", rfc8410_a, SEE_ERR_DER_TAG);
    /* version 2 */
    expect(0, "302e020102300506032b656e04220420", rfc8410_a, SEE_ERR_KEY_VERSION);
    /* a byte after the key, inside and outside the SEQUENCE */
    expect(0, "302f020100300506032b656e04220420", "d4ee72dbf913584ad5b6d8f1f769f8ad3afe7c28cbf1d4fbe097a88f4475584200",
           SEE_ERR_TRAILING);
    expect(0, PRIVATE_HEAD, "d4ee72dbf913584ad5b6d8f1f769f8ad3afe7c28cbf1d4fbe097a88f4475584200",
           SEE_ERR_TRAILING);
    expect(1, PUBLIC_HEAD, "226ad8f8f62b7b2637247e6b21ffb5723d6330c4d5dd5a8d11e7e7de65c1c50100",
           SEE_ERR_TRAILING);
}

/* RFC 8410 7 allows a version 1 OneAsymmetricKey carrying the public key:
 * accepted when it is a*G, refused when it is not; version 0 may not
 * carry it (RFC 5958 2). */
static void test_version1_public_key(void)
{
    char tail[2 * 32 + 8 + 2 * 32 + 1];
    snprintf(tail, sizeof tail, "%s812100%s", rfc8410_a, rfc8410_A);
    size_t len;
    uint8_t *der = der_of("3051020101300506032b656e04220420", tail, &len);
    uint8_t a[32], A[32];
    CU_ASSERT_EQUAL(read_private(der, len, a), SEE_OK);
    ASSERT_HEX_EQ(a, 32, rfc8410_a);
    CU_ASSERT_EQUAL(keyfile_read_x25519_public(der, len, A, NULL), SEE_OK);
    ASSERT_HEX_EQ(A, 32, rfc8410_A);
    free(der);
    size_t last = strlen(tail) - 1;
    tail[last] ^= 1; /* the last hex digit of A: another A */
    expect(0, "3051020101300506032b656e04220420", tail,
           SEE_ERR_KEY_X25519_MISMATCH);
    tail[last] ^= 1;
    expect(0, "3051020100300506032b656e04220420", tail, SEE_ERR_TRAILING);
    /* RFC 8410 10.3's version 1 key: an Ed25519 key, refused; under
     * id-X25519 its Ed25519 public key is not a*G, refused; with A in its
     * place, read (the attribute [0] passed over) */
    expect(0, rfc8410_v1_head, rfc8410_v1_tail, SEE_ERR_KEY_NOT_X25519);
    expect(0, "3072020101300506032b656e", rfc8410_v1_tail,
           SEE_ERR_KEY_X25519_MISMATCH);
    char with_A[sizeof rfc8410_v1_tail];
    size_t keep = strlen(rfc8410_v1_tail) - 2 * 32;
    memcpy(with_A, rfc8410_v1_tail, keep);
    memcpy(with_A + keep, rfc8410_A, 2 * 32 + 1);
    expect(0, "3072020101300506032b656e", with_A, SEE_OK);
    /* attributes [0] are allowed and passed over */
    snprintf(tail, sizeof tail, "%sa000", rfc8410_a);
    expect(0, "3030020100300506032b656e04220420", tail, SEE_OK);
}

/* RSA keys, in every form keyfile.h reads, are refused by name; the RSA
 * readers refuse X25519 keys by name (keyfile.c). */
static void test_rsa_refused(void)
{
    static const char *files[] = {"rsa512_pkcs8.pem", "rsa512_pkcs1.pem",
                                  "rsa512_pkcs8.der", "rsa512_pkcs1.der",
                                  "rsa512_pub.pem", "rsa512_pub.der",
                                  "rsa512_pub_pkcs1.pem"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        size_t len;
        uint8_t *file = read_key_fixture(files[i], &len), out[32];
        see_status pub = keyfile_read_x25519_public(file, len, out, NULL);
        if (pub != SEE_ERR_KEY_IS_RSA)
            printf("\n  %s: %s\n", files[i], see_strerror(pub));
        CU_ASSERT_EQUAL(pub, SEE_ERR_KEY_IS_RSA);
        see_status priv = read_private(file, len, out);
        CU_ASSERT(priv == SEE_ERR_KEY_IS_RSA || priv == SEE_ERR_KEY_NOT_PRIVATE);
        free(file);
    }
    size_t len;
    uint8_t *file = read_key_fixture("rsa512_encrypted.pem", &len), out[32];
    CU_ASSERT_EQUAL(read_private(file, len, out), SEE_ERR_KEY_ENCRYPTED);
    free(file);
    file = read_key_fixture("ed25519.pem", &len);
    CU_ASSERT_EQUAL(read_private(file, len, out), SEE_ERR_KEY_NOT_X25519);
    free(file);
    rsa_private_key rsa;
    rsa_private_init(&rsa);
    CU_ASSERT_EQUAL(keyfile_read_rsa_private((const uint8_t *)rfc8410_pem,
                                             strlen(rfc8410_pem), NULL, &rsa, NULL),
                    SEE_ERR_KEY_IS_X25519);
    rsa_private_clear(&rsa);
}

static CU_TestInfo tests[] = {
    {"RFC 8410 10.3's key: a, A = a*G, written back byte for byte", test_rfc8410_example},
    {"openssl's key: exact values, both files byte for byte", test_openssl_key},
    {"every truncation of the private and public DER fails", test_every_truncation},
    {"wrong OID, parameters, lengths, version, trailing bytes refused",
     test_malformed_refused},
    {"version 1 with its public key: checked to be a*G", test_version1_public_key},
    {"RSA keys refused by name, both ways", test_rsa_refused},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("keyfile_x25519", tests);
}
