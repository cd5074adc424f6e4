/* test_pem.c: PEM blocks (RFC 7468): known encodings, round trips at every
 * length, several blocks in one text, a body decoded into a buffer of its
 * own, every truncation, and each way a block can be corrupt. */
#include <stdlib.h>
#include <string.h>

#include "codec/pem.h"
#include "harness.h"

static const char three_bytes[] =
    "-----BEGIN TEST-----\nAAEC\n-----END TEST-----\n";

static see_status find(const char *text, const char *label, uint8_t *out,
                       size_t cap, size_t *len)
{
    return pem_find((const uint8_t *)text, strlen(text), label, out, cap, len);
}

static uint8_t *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    static uint8_t buf[65536];
    *len = fread(buf, 1, sizeof buf, f);
    fclose(f);
    uint8_t *copy = malloc(*len + 1);
    memcpy(copy, buf, *len);
    copy[*len] = 0;
    return copy;
}

static void test_known_encoding(void)
{
    static const uint8_t bytes[] = {0, 1, 2};
    char out[128];
    size_t len;
    CU_ASSERT_EQUAL(pem_encode("TEST", bytes, 3, out, sizeof out, &len), SEE_OK);
    CU_ASSERT_STRING_EQUAL(out, three_bytes);
    CU_ASSERT_EQUAL(len, strlen(three_bytes));
    CU_ASSERT_EQUAL(pem_encoded_len("TEST", 3), strlen(three_bytes));

    uint8_t back[8];
    CU_ASSERT_EQUAL(find(three_bytes, "TEST", back, sizeof back, &len), SEE_OK);
    ASSERT_HEX_EQ(back, len, "000102");
}

/* The PEM of an openssl key file decodes to exactly the DER openssl wrote
 * for the same key. */
static void test_matches_openssl_der(void)
{
    size_t pem_len, der_len, len;
    uint8_t *pem = read_all("vectors/keys/rsa512_pkcs8.pem", &pem_len);
    uint8_t *der = read_all("vectors/keys/rsa512_pkcs8.der", &der_len);
    uint8_t out[2048];
    CU_ASSERT_EQUAL(pem_find(pem, pem_len, "PRIVATE KEY", out, sizeof out, &len),
                    SEE_OK);
    CU_ASSERT_EQUAL(len, der_len);
    CU_ASSERT(memcmp(out, der, der_len) == 0);

    /* and our encoding of that DER is openssl's file, byte for byte */
    char text[4096];
    CU_ASSERT_EQUAL(pem_encode("PRIVATE KEY", der, der_len, text, sizeof text,
                               &len), SEE_OK);
    CU_ASSERT_EQUAL(len, pem_len);
    CU_ASSERT(memcmp(text, pem, pem_len) == 0);
    free(pem);
    free(der);
}

static void test_round_trip_every_length(void)
{
    uint8_t data[300], back[300];
    char text[1024];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (uint8_t)(i * 37 + 11);
    for (size_t n = 0; n <= sizeof data; n++) {
        size_t len, back_len;
        CU_ASSERT_EQUAL_FATAL(pem_encode("X509 CRL", data, n, text, sizeof text,
                                         &len), SEE_OK);
        CU_ASSERT_EQUAL(len, pem_encoded_len("X509 CRL", n));
        /* every line at most 64 columns */
        size_t column = 0;
        for (size_t i = 0; i < len; i++) {
            column = text[i] == '\n' ? 0 : column + 1;
            if (column > PEM_LINE_WIDTH && text[i] != '-')
                CU_FAIL("line longer than 64 columns");
        }
        CU_ASSERT_EQUAL(find(text, "X509 CRL", back, sizeof back, &back_len), SEE_OK);
        CU_ASSERT_EQUAL(back_len, n);
        CU_ASSERT(memcmp(back, data, n) == 0);
    }
}

/* pem_decode_body_alloc sizes its buffer from the body: every length of
 * DER fits, in lines of 64 columns or in one line with CRLF and spaces;
 * a bad body leaves nothing allocated. */
static void test_decode_into_own_buffer(void)
{
    uint8_t data[300];
    char text[1024];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (uint8_t)(i * 53 + 7);
    for (size_t n = 0; n <= sizeof data; n++) {
        size_t len, back_len;
        pem_iter it;
        pem_block block;
        uint8_t *back;
        CU_ASSERT_EQUAL_FATAL(pem_encode("TEST", data, n, text, sizeof text,
                                         &len), SEE_OK);
        pem_iter_init(&it, (const uint8_t *)text, len);
        CU_ASSERT_EQUAL_FATAL(pem_next(&it, &block), SEE_OK);
        CU_ASSERT_EQUAL_FATAL(pem_decode_body_alloc(&block, &back, &back_len),
                              SEE_OK);
        CU_ASSERT_EQUAL(back_len, n);
        CU_ASSERT(memcmp(back, data, n) == 0);
        free(back);
    }
    const char *spaced = "-----BEGIN TEST-----\r\n AAEC AwQF \r\n"
                         "-----END TEST-----\r\n";
    const char *bad = "-----BEGIN TEST-----\nAA!C\n-----END TEST-----\n";
    static const uint8_t six[] = {0, 1, 2, 3, 4, 5};
    pem_iter it;
    pem_block block;
    uint8_t *out = (uint8_t *)"not touched";
    size_t len;
    pem_iter_init(&it, (const uint8_t *)spaced, strlen(spaced));
    CU_ASSERT_EQUAL_FATAL(pem_next(&it, &block), SEE_OK);
    CU_ASSERT_EQUAL_FATAL(pem_decode_body_alloc(&block, &out, &len), SEE_OK);
    CU_ASSERT(len == sizeof six && memcmp(out, six, sizeof six) == 0);
    free(out);
    pem_iter_init(&it, (const uint8_t *)bad, strlen(bad));
    CU_ASSERT_EQUAL_FATAL(pem_next(&it, &block), SEE_OK);
    CU_ASSERT_EQUAL(pem_decode_body_alloc(&block, &out, &len), SEE_ERR_BASE64);
    CU_ASSERT_PTR_NULL(out);
}

static void test_several_blocks(void)
{
    const char *text =
        "Some explanatory text, as openssl -text writes.\n"
        "-----BEGIN CERTIFICATE-----\nAAEC\n-----END CERTIFICATE-----\n"
        "between\n"
        "-----BEGIN CERTIFICATE-----\r\nAwQF\r\n-----END CERTIFICATE-----\r\n"
        "  -----BEGIN PUBLIC KEY-----  \nBgcI\n-----END PUBLIC KEY-----";
    pem_iter it;
    pem_block block;
    uint8_t out[16];
    size_t len;
    pem_iter_init(&it, (const uint8_t *)text, strlen(text));
    static const char *labels[] = {"CERTIFICATE", "CERTIFICATE", "PUBLIC KEY"};
    static const char *bodies[] = {"000102", "030405", "060708"};
    for (int i = 0; i < 3; i++) {
        CU_ASSERT_EQUAL_FATAL(pem_next(&it, &block), SEE_OK);
        CU_ASSERT(pem_label_is(&block, labels[i]));
        CU_ASSERT_EQUAL(pem_decode_body(&block, out, sizeof out, &len), SEE_OK);
        ASSERT_HEX_EQ(out, len, bodies[i]);
    }
    CU_ASSERT_EQUAL(pem_next(&it, &block), SEE_ERR_PEM_NO_BEGIN);
    CU_ASSERT_EQUAL(find(text, "PUBLIC KEY", out, sizeof out, &len), SEE_OK);
    ASSERT_HEX_EQ(out, len, "060708");
}

/* Every prefix of a block that stops before its END line is complete
 * fails; the one that lacks only the final newline is accepted. */
static void test_every_truncation(void)
{
    size_t n = strlen(three_bytes), len;
    uint8_t out[16];
    for (size_t cut = 0; cut + 1 < n; cut++) {
        see_status st = pem_find((const uint8_t *)three_bytes, cut, "TEST", out,
                                 sizeof out, &len);
        if (st == SEE_OK) {
            CU_FAIL("a truncated block was accepted");
            printf("  cut at %zu\n", cut);
        }
    }
    CU_ASSERT_EQUAL(pem_find((const uint8_t *)three_bytes, n - 1, "TEST", out,
                             sizeof out, &len), SEE_OK);
}

static void test_corrupt_blocks(void)
{
    uint8_t out[64];
    size_t len;
    CU_ASSERT_EQUAL(find("", "TEST", out, sizeof out, &len), SEE_ERR_PEM_NO_BEGIN);
    CU_ASSERT_EQUAL(find("just text\n", "TEST", out, sizeof out, &len),
                    SEE_ERR_PEM_NO_BEGIN);
    CU_ASSERT_EQUAL(find("-----BEGIN TEST-----\nAAEC\n", "TEST", out, sizeof out,
                         &len), SEE_ERR_PEM_NO_END);
    CU_ASSERT_EQUAL(find("-----BEGIN TEST-----\nAAEC\n-----END TESTS-----\n",
                         "TEST", out, sizeof out, &len), SEE_ERR_PEM_LABEL);
    CU_ASSERT_EQUAL(find("-----BEGIN TEST-----\nAAEC\n-----END TEST----\n",
                         "TEST", out, sizeof out, &len), SEE_ERR_PEM_LABEL);
    CU_ASSERT_EQUAL(find(three_bytes, "TES", out, sizeof out, &len),
                    SEE_ERR_PEM_LABEL);
    CU_ASSERT_EQUAL(find(three_bytes, "test", out, sizeof out, &len),
                    SEE_ERR_PEM_LABEL);
    CU_ASSERT_EQUAL(find("-----BEGIN TEST-----\nAA*C\n-----END TEST-----\n",
                         "TEST", out, sizeof out, &len), SEE_ERR_BASE64);
    CU_ASSERT_EQUAL(find("-----BEGIN TEST-----\nAAE\n-----END TEST-----\n",
                         "TEST", out, sizeof out, &len), SEE_ERR_BASE64);
    CU_ASSERT_EQUAL(find("-----BEGIN TEST-----\nAAEC\n-----BEGIN TEST-----\n"
                         "AAEC\n-----END TEST-----\n", "TEST", out, sizeof out,
                         &len), SEE_ERR_PEM_NO_END);
    CU_ASSERT_EQUAL(find("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                         "DEK-Info: AES-128-CBC,00\n\nAAEC\n"
                         "-----END RSA PRIVATE KEY-----\n", "RSA PRIVATE KEY",
                         out, sizeof out, &len), SEE_ERR_PEM_ENCRYPTED);
    /* a BEGIN line whose label is not a label is not a boundary */
    CU_ASSERT_EQUAL(find("-----BEGIN -TEST-----\nAAEC\n-----END -TEST-----\n",
                         "-TEST", out, sizeof out, &len), SEE_ERR_PEM_NO_BEGIN);
    /* output too small for the body */
    CU_ASSERT_EQUAL(find(three_bytes, "TEST", out, 2, &len), SEE_ERR_BUFFER_SMALL);
}

static void test_encode_refuses(void)
{
    char out[256];
    size_t len;
    static const uint8_t b[3] = {1, 2, 3};
    CU_ASSERT_EQUAL(pem_encode("", b, 3, out, sizeof out, &len), SEE_ERR_ARGUMENT);
    CU_ASSERT_EQUAL(pem_encode("-X", b, 3, out, sizeof out, &len), SEE_ERR_ARGUMENT);
    CU_ASSERT_EQUAL(pem_encode("A  B", b, 3, out, sizeof out, &len), SEE_ERR_ARGUMENT);
    CU_ASSERT_EQUAL(pem_encode("TEST", b, 3, out, pem_encoded_len("TEST", 3), &len),
                    SEE_ERR_BUFFER_SMALL);
    CU_ASSERT_EQUAL(pem_encode("TEST", b, 3, out, pem_encoded_len("TEST", 3) + 1,
                               &len), SEE_OK);
}

/* A file is DER when its first byte is 0x30, the SEQUENCE tag; text
 * otherwise, whatever it holds further on. */
static void test_file_format(void)
{
    static const uint8_t der_spelling_pem[] = "\x30\x82\x01\x0a\n"
                                              "-----BEGIN PUBLIC KEY-----\n";
    CU_ASSERT_TRUE(pem_file_is_der(der_spelling_pem, sizeof der_spelling_pem - 1));
    CU_ASSERT_TRUE(pem_file_is_der((const uint8_t *)"0", 1));
    CU_ASSERT_FALSE(pem_file_is_der((const uint8_t *)"", 0));
    CU_ASSERT_FALSE(pem_file_is_der((const uint8_t *)"-----BEGIN X-----", 17));
    CU_ASSERT_FALSE(pem_file_is_der((const uint8_t *)" \n-----BEGIN X-----", 19));
    CU_ASSERT_FALSE(pem_file_is_der((const uint8_t *)"Private-Key:", 12));
    CU_ASSERT_FALSE(pem_file_is_der((const uint8_t *)"\x31\x00", 2));
}

static CU_TestInfo tests[] = {
    {"known encoding of three bytes", test_known_encoding},
    {"openssl's PEM and DER of one key agree", test_matches_openssl_der},
    {"round trip at every length 0..300, 64 columns", test_round_trip_every_length},
    {"body decoded into a buffer of its own, every length",
     test_decode_into_own_buffer},
    {"several blocks, text between, CRLF", test_several_blocks},
    {"every truncation fails", test_every_truncation},
    {"corrupt blocks: missing END, wrong label, bad base64, encrypted",
     test_corrupt_blocks},
    {"encoder refuses bad labels and small buffers", test_encode_refuses},
    {"file format from the first byte", test_file_format},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("pem", tests);
}
