/*
 * test_x509.c: certificates made by the openssl command line
 * (vectors/certs/, see its README) parsed and compared field by field with
 * what openssl reads in them (vectors/x509_openssl.txt); chains verified,
 * and each way a chain can fail giving its own error; malformed DER
 * (every truncation, lengths past the end, absurd lengths, deep nesting,
 * every single-byte corruption) refused without a crash; certificates
 * issued by x509_issue parsed back and verified.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec/der.h"
#include "pki/keyfile.h"
#include "codec/pem.h"
#include "crypto/sha256.h"
#include "core/util.h"
#include "codec/hex.h"
#include "pki/x509.h"
#include "pki/x509_verify.h"
#include "tests/unit/harness.h"

typedef struct {
    uint8_t *der;
    size_t len;
} blob;

static blob load(const char *name)
{
    char path[256];
    blob b = {NULL, 0};
    snprintf(path, sizeof path, "vectors/certs/%s.der", name);
    FILE *f = fopen(path, "rb");
    CU_ASSERT_FATAL(f != NULL);
    b.der = malloc(X509_MAX_CERT_SIZE);
    CU_ASSERT_FATAL(b.der != NULL);
    b.len = fread(b.der, 1, X509_MAX_CERT_SIZE, f);
    fclose(f);
    CU_ASSERT_FATAL(b.len > 0);
    return b;
}

static x509_bytes as_bytes(blob b)
{
    return (x509_bytes){b.der, b.len};
}

/* Parse a fixture; the test fails if it does not parse. */
static void parse_fixture(const char *name, x509_cert *cert, blob *b)
{
    *b = load(name);
    x509_cert_init(cert);
    x509_error err;
    see_status st = x509_parse(cert, b->der, b->len, &err);
    if (st != SEE_OK) {
        char text[200];
        x509_error_text(&err, text, sizeof text);
        fprintf(stderr, "\n%s: %s\n", name, text);
    }
    CU_ASSERT_FATAL(st == SEE_OK);
}

static void hex_upper(const uint8_t *in, size_t len, char *out)
{
    see_hex_encode(in, len, out);
    for (char *p = out; *p; p++)
        if (*p >= 'a' && *p <= 'f')
            *p = (char)(*p - 'a' + 'A');
}

/* ---------------------------------------------------- parse vs openssl --- */

static void test_fields_as_openssl_reads_them(void)
{
    vec_file *v = vec_open("x509_openssl.txt");
    if (v == NULL)
        return;
    while (vec_next(v)) {
        x509_cert cert;
        blob b;
        char text[1200];
        parse_fixture(vec_get(v, "name"), &cert, &b);

        hex_upper(cert.serial, cert.serial_len, text);
        CU_ASSERT_STRING_EQUAL(text, vec_get(v, "serial"));
        x509_name_text(&cert.subject, text, sizeof text);
        CU_ASSERT_STRING_EQUAL(text, vec_get(v, "subject"));
        x509_name_text(&cert.issuer, text, sizeof text);
        CU_ASSERT_STRING_EQUAL(text, vec_get(v, "issuer"));
        CU_ASSERT_EQUAL(cert.not_before, strtoll(vec_get(v, "not_before"), NULL, 10));
        CU_ASSERT_EQUAL(cert.not_after, strtoll(vec_get(v, "not_after"), NULL, 10));
        char *n = mpz_get_str(NULL, 16, cert.key.n);
        for (char *p = n; *p; p++)
            if (*p >= 'a' && *p <= 'f')
                *p = (char)(*p - 'a' + 'A');
        CU_ASSERT_STRING_EQUAL(n, vec_get(v, "modulus"));
        free(n);
        CU_ASSERT_EQUAL(mpz_get_ui(cert.key.e), 65537);
        uint8_t h[32];
        x509_tbs_hash(&cert, h);
        ASSERT_HEX_EQ(h, 32, vec_get(v, "tbs_sha256"));
        x509_cert_clear(&cert);
        free(b.der);
    }
    CU_ASSERT_EQUAL(v->count, 9);
    vec_close(v);
}

static void test_server_extensions(void)
{
    x509_cert c;
    blob b;
    char ip[64];
    parse_fixture("server", &c, &b);
    CU_ASSERT_EQUAL(c.version, 3);
    CU_ASSERT_TRUE(c.has_basic_constraints);
    CU_ASSERT_FALSE(c.is_ca);
    CU_ASSERT_EQUAL(c.path_len, -1);
    CU_ASSERT_TRUE(c.has_key_usage);
    CU_ASSERT_EQUAL(c.key_usage, X509_KU_DIGITAL_SIGNATURE | X509_KU_KEY_ENCIPHERMENT);
    CU_ASSERT_TRUE(c.has_ext_key_usage);
    CU_ASSERT_EQUAL(c.ext_key_usage, X509_EKU_SERVER_AUTH);
    CU_ASSERT_TRUE(c.has_san);
    CU_ASSERT_EQUAL(c.dns_count, 2);
    CU_ASSERT_EQUAL(c.dns[0].len, 9);
    CU_ASSERT_NSTRING_EQUAL(c.dns[0].data, "robot.lab", 9);
    CU_ASSERT_EQUAL(c.dns[1].len, 10);
    CU_ASSERT_NSTRING_EQUAL(c.dns[1].data, "*.alex.lab", 10);
    CU_ASSERT_EQUAL(c.ip_count, 2);
    x509_ip_to_text(c.ips[0].data, c.ips[0].len, ip, sizeof ip);
    CU_ASSERT_STRING_EQUAL(ip, "127.0.0.1");
    x509_ip_to_text(c.ips[1].data, c.ips[1].len, ip, sizeof ip);
    CU_ASSERT_STRING_EQUAL(ip, "::1");
    CU_ASSERT_EQUAL(c.subject_key_id.len, 20);
    CU_ASSERT_EQUAL(c.authority_key_id.len, 20);

    /* The authority key id is the intermediate's subject key id. */
    x509_cert inter;
    blob ib;
    parse_fixture("inter", &inter, &ib);
    CU_ASSERT_TRUE(inter.is_ca);
    CU_ASSERT_EQUAL(inter.path_len, 0);
    CU_ASSERT_EQUAL(inter.key_usage, X509_KU_KEY_CERT_SIGN | X509_KU_CRL_SIGN);
    CU_ASSERT_FALSE(inter.has_ext_key_usage);
    CU_ASSERT_EQUAL(memcmp(inter.subject_key_id.data, c.authority_key_id.data, 20), 0);
    CU_ASSERT_TRUE(x509_name_equal(&inter.subject, &c.issuer));
    CU_ASSERT_EQUAL(x509_check_signature(&c, &inter.key), SEE_OK);
    CU_ASSERT_EQUAL(x509_check_signature(&c, &c.key), SEE_ERR_X509_BAD_SIGNATURE);
    x509_cert_clear(&inter);
    x509_cert_clear(&c);
    free(ib.der);
    free(b.der);
}

/* `openssl x509 -req` without an extension file makes a version 1
 * certificate: no extensions at all. */
static void test_version1_lab_certificate(void)
{
    x509_cert c;
    blob b;
    parse_fixture("lab", &c, &b);
    CU_ASSERT_EQUAL(c.version, 1);
    CU_ASSERT_FALSE(c.has_basic_constraints || c.has_key_usage ||
                    c.has_ext_key_usage || c.has_san);
    x509_bytes cn;
    CU_ASSERT_TRUE(x509_name_common_name(&c.subject, &cn));
    CU_ASSERT_EQUAL(cn.len, 10);
    CU_ASSERT_NSTRING_EQUAL(cn.data, "alex.local", 10);
    x509_cert_clear(&c);
    free(b.der);
}

static void expect_parse_error(const uint8_t *der, size_t len, see_status want,
                               see_status cause, const char *text)
{
    x509_cert c;
    x509_error err;
    char got[200];
    x509_cert_init(&c);
    CU_ASSERT_EQUAL(x509_parse(&c, der, len, &err), want);
    CU_ASSERT_EQUAL(err.status, want);
    if (cause != SEE_OK)
        CU_ASSERT_EQUAL(err.cause, cause);
    x509_error_text(&err, got, sizeof got);
    if (text != NULL && strcmp(got, text) != 0) {
        fprintf(stderr, "\n  got  '%s'\n  want '%s'\n", got, text);
        CU_FAIL("error text");
    }
    x509_cert_clear(&c);
}

static void test_unsupported_algorithm_named(void)
{
    blob b = load("ec");
    /* The tbsCertificate's signature field comes first. */
    expect_parse_error(b.der, b.len, SEE_ERR_X509_ALGORITHM, SEE_OK, NULL);
    x509_cert c;
    x509_error err;
    x509_cert_init(&c);
    x509_parse(&c, b.der, b.len, &err);
    CU_ASSERT_STRING_EQUAL(err.oid, "1.2.840.10045.4.3.2");
    CU_ASSERT_STRING_EQUAL(err.field, "signature");
    x509_cert_clear(&c);
    free(b.der);
}

static void test_unknown_critical_extension(void)
{
    blob b = load("critical");
    x509_cert c;
    x509_error err;
    x509_cert_init(&c);
    CU_ASSERT_EQUAL(x509_parse(&c, b.der, b.len, &err),
                    SEE_ERR_X509_CRITICAL_EXTENSION);
    CU_ASSERT_STRING_EQUAL(err.oid, "1.3.6.1.4.1.55555.1");
    x509_cert_clear(&c);
    free(b.der);
}

/* ------------------------------------------------------- malformed DER --- */

static void test_every_truncation(void)
{
    blob b = load("server");
    for (size_t n = 0; n < b.len; n++) {
        x509_cert c;
        x509_error err;
        x509_cert_init(&c);
        /* A copy of exactly n bytes, so ASan sees any read past them. */
        uint8_t *cut = malloc(n > 0 ? n : 1);
        memcpy(cut, b.der, n);
        CU_ASSERT_EQUAL(x509_parse(&c, cut, n, &err), SEE_ERR_X509_MALFORMED);
        CU_ASSERT_TRUE(err.offset <= n);
        free(cut);
        x509_cert_clear(&c);
    }
    free(b.der);
}

static void test_trailing_and_lengths(void)
{
    blob b = load("server");
    char want[100];
    /* One byte more after the certificate. */
    b.der[b.len] = 0;
    snprintf(want, sizeof want, "malformed at offset %zu: Certificate: %s",
             b.len, see_strerror(SEE_ERR_TRAILING));
    expect_parse_error(b.der, b.len + 1, SEE_ERR_X509_MALFORMED,
                       SEE_ERR_TRAILING, want);
    /* The outer length one more than there is: 30 82 HI LO. */
    size_t outer = (size_t)b.der[2] << 8 | b.der[3];
    b.der[2] = (uint8_t)((outer + 1) >> 8);
    b.der[3] = (uint8_t)(outer + 1);
    expect_parse_error(b.der, b.len, SEE_ERR_X509_MALFORMED, SEE_ERR_DER_LENGTH,
                       "malformed at offset 0: Certificate: DER length runs past the end");
    /* The tbsCertificate's length past its parent's end. */
    b.der[2] = (uint8_t)(outer >> 8);
    b.der[3] = (uint8_t)outer;
    b.der[6] = 0xff;
    expect_parse_error(b.der, b.len, SEE_ERR_X509_MALFORMED, SEE_ERR_DER_LENGTH,
                       "malformed at offset 4: tbsCertificate: DER length runs past the end");
    free(b.der);

    /* Absurd lengths: 4 GiB - 1, and a length of length 5. */
    static const uint8_t huge[] = {0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x30};
    expect_parse_error(huge, sizeof huge, SEE_ERR_X509_MALFORMED,
                       SEE_ERR_DER_LENGTH, NULL);
    static const uint8_t five[] = {0x30, 0x85, 1, 0, 0, 0, 0, 0x30};
    expect_parse_error(five, sizeof five, SEE_ERR_X509_MALFORMED,
                       SEE_ERR_DER_LENGTH, NULL);
    static const uint8_t indefinite[] = {0x30, 0x80, 0x00, 0x00};
    expect_parse_error(indefinite, sizeof indefinite, SEE_ERR_X509_MALFORMED,
                       SEE_ERR_DER_INDEFINITE, NULL);
    expect_parse_error(NULL, 0, SEE_ERR_X509_MALFORMED, SEE_ERR_TRUNCATED,
                       "malformed at offset 0: Certificate: input ends too early");
}

/* 200 nested SEQUENCEs, all lengths right: refused, without recursion. */
static void test_deep_nesting(void)
{
    enum { DEPTH = 200 };
    uint8_t der[DEPTH * 4];
    size_t pos = 0;
    for (int i = 0; i < DEPTH; i++) {
        size_t inner = (size_t)(DEPTH - 1 - i) * 4;
        der[pos++] = 0x30;
        der[pos++] = 0x82;
        der[pos++] = (uint8_t)(inner >> 8);
        der[pos++] = (uint8_t)inner;
    }
    x509_cert c;
    x509_error err;
    x509_cert_init(&c);
    CU_ASSERT_EQUAL(x509_parse(&c, der, pos, &err), SEE_ERR_X509_MALFORMED);
    x509_cert_clear(&c);

    /* And nesting inside a name's attribute value, where ANY is allowed. */
    x509_cert_init(&c);
    CU_ASSERT_EQUAL(x509_parse(&c, der + 4, pos - 4, &err), SEE_ERR_X509_MALFORMED);
    x509_cert_clear(&c);
}

/* Every byte of a certificate changed in turn: either it still parses or
 * it is refused with an error, never a crash; a change inside the
 * signature or the tbsCertificate never verifies. */
static void test_every_byte_flipped(void)
{
    blob b = load("client");
    blob rb = load("root");
    x509_cert root;
    x509_cert_init(&root);
    CU_ASSERT_FATAL(x509_parse(&root, rb.der, rb.len, NULL) == SEE_OK);
    size_t verified = 0;
    for (size_t i = 0; i < b.len; i++) {
        x509_cert c;
        x509_cert_init(&c);
        b.der[i] ^= 0x01;
        if (x509_parse(&c, b.der, b.len, NULL) == SEE_OK &&
            x509_check_signature(&c, &root.key) == SEE_OK)
            verified++;
        b.der[i] ^= 0x01;
        x509_cert_clear(&c);
    }
    /* Only the outer signatureAlgorithm's NULL could change unseen, and
     * flipping its bits breaks its DER. */
    CU_ASSERT_EQUAL(verified, 0);
    x509_cert_clear(&root);
    free(b.der);
    free(rb.der);
}

/* ----------------------------------------------------------- verifying --- */

/* A time inside every fixture's validity but lab's (500 days, as the lab
 * teams make theirs): LAB_TIME is a day into that. */
#define GOOD_TIME  2000000000   /* 2033-05-18 */
#define LAB_TIME   lab_time()

static int64_t lab_time(void)
{
    blob b = load("lab");
    x509_cert c;
    x509_cert_init(&c);
    CU_ASSERT_FATAL(x509_parse(&c, b.der, b.len, NULL) == SEE_OK);
    int64_t t = c.not_before + 86400;
    x509_cert_clear(&c);
    free(b.der);
    return t;
}

static see_status verify_names(const char *const *chain, size_t n,
                               const char *host, x509_purpose purpose,
                               int64_t now, x509_verify_result *r)
{
    blob blobs[8], root = load("root");
    x509_bytes peer[8], anchor = as_bytes(root);
    for (size_t i = 0; i < n; i++) {
        blobs[i] = load(chain[i]);
        peer[i] = as_bytes(blobs[i]);
    }
    see_status st = x509_verify(peer, n, &anchor, 1, host, purpose, now, NULL, r);
    for (size_t i = 0; i < n; i++)
        free(blobs[i].der);
    free(root.der);
    return st;
}

static void expect_verify(const char *const *chain, size_t n, const char *host,
                          x509_purpose purpose, int64_t now, see_status want,
                          int depth)
{
    x509_verify_result r;
    see_status st = verify_names(chain, n, host, purpose, now, &r);
    if (st != want) {
        char text[300];
        x509_verify_result_text(&r, text, sizeof text);
        fprintf(stderr, "\n  %s (host %s): got '%s', want '%s'\n", chain[0],
                host ? host : "-", text, see_strerror(want));
    }
    CU_ASSERT_EQUAL(st, want);
    CU_ASSERT_EQUAL(r.status, want);
    if (want != SEE_OK)
        CU_ASSERT_EQUAL(r.depth, depth);
}

static void test_verify_chains(void)
{
    const char *server[] = {"server", "inter"};
    const char *server_reversed[] = {"server", "client", "inter"};
    const char *client[] = {"client"};
    const char *lab[] = {"lab"};
    const char *root[] = {"root"};
    expect_verify(server, 2, "robot.lab", X509_FOR_SERVER, GOOD_TIME, SEE_OK, -1);
    expect_verify(server_reversed, 3, NULL, X509_FOR_SERVER, GOOD_TIME, SEE_OK, -1);
    expect_verify(client, 1, NULL, X509_FOR_CLIENT, GOOD_TIME, SEE_OK, -1);
    expect_verify(lab, 1, "alex.local", X509_FOR_SERVER, LAB_TIME, SEE_OK, -1);
    expect_verify(root, 1, NULL, X509_FOR_ANY, GOOD_TIME, SEE_OK, -1);

    x509_verify_result r;
    blob sb = load("server"), ib = load("inter"), rb = load("root");
    x509_bytes peer[2] = {as_bytes(sb), as_bytes(ib)}, anchor = as_bytes(rb);
    rsa_public_key key;
    rsa_public_init(&key);
    CU_ASSERT_EQUAL(x509_verify(peer, 2, &anchor, 1, "robot.lab",
                                X509_FOR_SERVER, GOOD_TIME, &key, &r), SEE_OK);
    CU_ASSERT_EQUAL(r.path_length, 3);
    CU_ASSERT_TRUE(r.anchored);
    CU_ASSERT_STRING_EQUAL(r.path[0], "CN=robot.lab,O=seetls test,C=SG");
    CU_ASSERT_STRING_EQUAL(r.path[1], "CN=Test Intermediate CA,O=seetls test,C=SG");
    CU_ASSERT_STRING_EQUAL(r.path[2], "CN=Test Root CA,O=seetls test,C=SG");
    CU_ASSERT_STRING_EQUAL(r.subject, "CN=robot.lab,O=seetls test,C=SG");
    CU_ASSERT_STRING_EQUAL(r.issuer, "CN=Test Root CA,O=seetls test,C=SG");
    x509_cert leaf;
    x509_cert_init(&leaf);
    CU_ASSERT_FATAL(x509_parse(&leaf, sb.der, sb.len, NULL) == SEE_OK);
    CU_ASSERT_EQUAL(mpz_cmp(key.n, leaf.key.n), 0);
    CU_ASSERT_EQUAL(mpz_cmp(key.e, leaf.key.e), 0);
    x509_cert_clear(&leaf);
    rsa_public_clear(&key);
    free(sb.der);
    free(ib.der);
    free(rb.der);
}

static void test_verify_host_names(void)
{
    const char *server[] = {"server", "inter"};
    static const struct { const char *host; see_status want; } cases[] = {
        {"robot.lab", SEE_OK},
        {"ROBOT.Lab", SEE_OK},
        {"pi.alex.lab", SEE_OK},          /* *.alex.lab */
        {"PI.ALEX.LAB", SEE_OK},
        {"alex.lab", SEE_ERR_X509_HOSTNAME},     /* * needs a label */
        {"a.pi.alex.lab", SEE_ERR_X509_HOSTNAME},/* one label only */
        {".alex.lab", SEE_ERR_X509_HOSTNAME},
        {"robot.lab.", SEE_ERR_X509_HOSTNAME},
        {"robot.la", SEE_ERR_X509_HOSTNAME},
        {"xrobot.lab", SEE_ERR_X509_HOSTNAME},
        {"127.0.0.1", SEE_OK},
        {"::1", SEE_OK},
        {"0:0:0:0:0:0:0:1", SEE_OK},
        {"127.0.0.2", SEE_ERR_X509_HOSTNAME},
        /* SAN present: the CN is not looked at (it is robot.lab anyway). */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect_verify(server, 2, cases[i].host, X509_FOR_SERVER, GOOD_TIME,
                      cases[i].want, 0);

    /* No subjectAltName: the CN, exactly. */
    const char *lab[] = {"lab"};
    expect_verify(lab, 1, "ALEX.local", X509_FOR_SERVER, LAB_TIME, SEE_OK, -1);
    expect_verify(lab, 1, "alex.locale", X509_FOR_SERVER, LAB_TIME,
                  SEE_ERR_X509_HOSTNAME, 0);
    /* The names fixture's CN is "#names.lab ": no match for the name
     * without the space. */
    const char *names[] = {"names"};
    expect_verify(names, 1, "#names.lab", X509_FOR_ANY, GOOD_TIME,
                  SEE_ERR_X509_HOSTNAME, 0);
}

static void test_verify_failures(void)
{
    const char *server[] = {"server", "inter"};
    const char *alone[] = {"server"};
    const char *byleaf[] = {"byleaf", "server", "inter"};
    const char *deep[] = {"deep", "inter2", "inter"};
    const char *client[] = {"client"};

    blob s = load("server");
    x509_cert c;
    x509_cert_init(&c);
    CU_ASSERT_FATAL(x509_parse(&c, s.der, s.len, NULL) == SEE_OK);
    int64_t nb = c.not_before, na = c.not_after;
    x509_cert_clear(&c);
    free(s.der);

    expect_verify(server, 2, NULL, X509_FOR_SERVER, na + 1, SEE_ERR_X509_EXPIRED, 0);
    expect_verify(server, 2, NULL, X509_FOR_SERVER, na, SEE_OK, -1);
    expect_verify(server, 2, NULL, X509_FOR_SERVER, nb - 1, SEE_ERR_X509_NOT_YET_VALID, 0);
    expect_verify(server, 2, NULL, X509_FOR_SERVER, nb, SEE_OK, -1);
    expect_verify(alone, 1, NULL, X509_FOR_SERVER, GOOD_TIME, SEE_ERR_X509_UNKNOWN_ISSUER, 0);
    expect_verify(byleaf, 3, NULL, X509_FOR_ANY, GOOD_TIME, SEE_ERR_X509_NOT_CA, 1);
    expect_verify(deep, 3, "deep.lab", X509_FOR_SERVER, GOOD_TIME, SEE_ERR_X509_PATH_LENGTH, 2);
    expect_verify(server, 2, NULL, X509_FOR_CLIENT, GOOD_TIME, SEE_ERR_X509_PURPOSE, 0);
    expect_verify(client, 1, NULL, X509_FOR_SERVER, GOOD_TIME, SEE_ERR_X509_PURPOSE, 0);
    expect_verify(server, 2, "robot.example", X509_FOR_SERVER, GOOD_TIME, SEE_ERR_X509_HOSTNAME, 0);

    /* No anchors at all. */
    blob sb = load("server");
    x509_bytes one = as_bytes(sb);
    x509_verify_result r;
    CU_ASSERT_EQUAL(x509_verify(&one, 1, NULL, 0, NULL, X509_FOR_ANY,
                                GOOD_TIME, NULL, &r), SEE_ERR_X509_UNKNOWN_ISSUER);
    free(sb.der);
}

/* One byte changed in the signature, one in the serial number (inside
 * the tbsCertificate): each still parses, and verifies no more. */
static void test_verify_flipped_bytes(void)
{
    blob l = load("client"), rb = load("root");
    x509_bytes anchor = as_bytes(rb), peer = as_bytes(l);
    x509_cert c;
    x509_cert_init(&c);
    CU_ASSERT_FATAL(x509_parse(&c, l.der, l.len, NULL) == SEE_OK);
    size_t sig_at = (size_t)(c.signature - l.der) + 100;
    size_t serial_at = (size_t)(c.serial - l.der) + 5;
    x509_cert_clear(&c);

    x509_verify_result r;
    l.der[sig_at] ^= 0x40;
    CU_ASSERT_EQUAL(x509_verify(&peer, 1, &anchor, 1, NULL, X509_FOR_CLIENT,
                                GOOD_TIME, NULL, &r), SEE_ERR_X509_BAD_SIGNATURE);
    CU_ASSERT_EQUAL(r.depth, 0);
    l.der[sig_at] ^= 0x40;
    l.der[serial_at] ^= 0x01;
    CU_ASSERT_EQUAL(x509_verify(&peer, 1, &anchor, 1, NULL, X509_FOR_CLIENT,
                                GOOD_TIME, NULL, &r), SEE_ERR_X509_BAD_SIGNATURE);
    l.der[serial_at] ^= 0x01;
    CU_ASSERT_EQUAL(x509_verify(&peer, 1, &anchor, 1, NULL, X509_FOR_CLIENT,
                                GOOD_TIME, NULL, &r), SEE_OK);
    free(l.der);
    free(rb.der);
}

/* A bad certificate in the chain is reported with where it is. */
static void test_verify_reports_parse_errors(void)
{
    blob s = load("server"), i = load("critical"), rb = load("root");
    x509_bytes peer[2] = {as_bytes(s), as_bytes(i)}, anchor = as_bytes(rb);
    x509_verify_result r;
    char text[300];
    CU_ASSERT_EQUAL(x509_verify(peer, 2, &anchor, 1, NULL, X509_FOR_ANY,
                                GOOD_TIME, NULL, &r),
                    SEE_ERR_X509_CRITICAL_EXTENSION);
    CU_ASSERT_EQUAL(r.depth, 1);
    x509_verify_result_text(&r, text, sizeof text);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "1.3.6.1.4.1.55555.1"));
    free(s.der);
    free(i.der);
    free(rb.der);
}

/* -------------------------------------------------------------- issuing --- */

static void make_key(rsa_private_key *key, see_rng *rng, unsigned bits)
{
    rsa_private_init(key);
    CU_ASSERT_FATAL(rsa_generate(rng, bits, 0, key) == SEE_OK);
}

static void test_issue_and_verify(void)
{
    see_rng rng;
    rng_init_seeded(&rng, "test_x509 issue", 15);
    rsa_private_key ca_key, leaf_key;
    rsa_public_key ca_pub, leaf_pub;
    make_key(&ca_key, &rng, X509_MIN_ISSUER_BITS); /* an issuer's least */
    make_key(&leaf_key, &rng, 1024);
    rsa_public_init(&ca_pub);
    rsa_public_init(&leaf_pub);
    rsa_public_from_private(&ca_pub, &ca_key);
    rsa_public_from_private(&leaf_pub, &leaf_key);

    static uint8_t ca_der[X509_MAX_CERT_SIZE], leaf_der[X509_MAX_CERT_SIZE];
    size_t ca_len, leaf_len;
    int64_t t0 = der_epoch_from_civil(2026, 1, 1, 0, 0, 0);
    int64_t t1 = der_epoch_from_civil(2056, 1, 1, 0, 0, 0);  /* GeneralizedTime */
    x509_issue_params ca = {
        .common_name = "Alex Lab CA", .subject_key = &ca_pub,
        .issuer_key = &ca_key, .not_before = t0, .not_after = t1,
        .is_ca = 1, .path_len = -1,
        .key_usage = X509_KU_KEY_CERT_SIGN | X509_KU_CRL_SIGN,
    };
    CU_ASSERT_FATAL(x509_issue(&ca, &rng, ca_der, sizeof ca_der, &ca_len) == SEE_OK);
    x509_cert ca_cert;
    x509_cert_init(&ca_cert);
    CU_ASSERT_FATAL(x509_parse(&ca_cert, ca_der, ca_len, NULL) == SEE_OK);
    CU_ASSERT_EQUAL(ca_cert.version, 3);
    CU_ASSERT_EQUAL(ca_cert.serial_len, 20);
    CU_ASSERT_TRUE(ca_cert.is_ca);
    CU_ASSERT_EQUAL(ca_cert.key_usage, X509_KU_KEY_CERT_SIGN | X509_KU_CRL_SIGN);
    CU_ASSERT_EQUAL(ca_cert.not_before, t0);
    CU_ASSERT_EQUAL(ca_cert.not_after, t1);
    CU_ASSERT_EQUAL(x509_check_signature(&ca_cert, &ca_pub), SEE_OK);
    CU_ASSERT_EQUAL(ca_cert.subject_key_id.len, 20);
    CU_ASSERT_EQUAL(memcmp(ca_cert.subject_key_id.data, ca_cert.authority_key_id.data, 20), 0);
    char text[200];
    x509_name_text(&ca_cert.subject, text, sizeof text);
    CU_ASSERT_STRING_EQUAL(text, "CN=Alex Lab CA");

    const char *dns[] = {"robot.lab", "*.alex.lab"};
    x509_ip ip;
    CU_ASSERT_TRUE(x509_ip_from_text("192.168.1.20", &ip));
    x509_issue_params leaf = {
        .common_name = "robot.lab", .organization = "Team 7",
        .subject_key = &leaf_pub, .issuer = &ca_cert, .issuer_key = &ca_key,
        .not_before = t0, .not_after = t0 + 86400 * 500, .path_len = -1,
        .key_usage = X509_KU_DIGITAL_SIGNATURE | X509_KU_KEY_ENCIPHERMENT,
        .ext_key_usage = X509_EKU_SERVER_AUTH, .dns = dns, .dns_count = 2,
        .ips = &ip, .ip_count = 1,
    };
    CU_ASSERT_FATAL(x509_issue(&leaf, &rng, leaf_der, sizeof leaf_der, &leaf_len) == SEE_OK);
    x509_cert lc;
    x509_cert_init(&lc);
    CU_ASSERT_FATAL(x509_parse(&lc, leaf_der, leaf_len, NULL) == SEE_OK);
    x509_name_text(&lc.subject, text, sizeof text);
    CU_ASSERT_STRING_EQUAL(text, "CN=robot.lab,O=Team 7");
    x509_name_text(&lc.issuer, text, sizeof text);
    CU_ASSERT_STRING_EQUAL(text, "CN=Alex Lab CA");
    CU_ASSERT_FALSE(lc.is_ca);
    CU_ASSERT_TRUE(lc.has_basic_constraints);
    CU_ASSERT_EQUAL(lc.dns_count, 2);
    CU_ASSERT_EQUAL(lc.ip_count, 1);
    CU_ASSERT_EQUAL(lc.ext_key_usage, X509_EKU_SERVER_AUTH);
    CU_ASSERT_EQUAL(memcmp(lc.authority_key_id.data, ca_cert.subject_key_id.data, 20), 0);
    CU_ASSERT_EQUAL(mpz_cmp(lc.key.n, leaf_pub.n), 0);

    x509_bytes peer = {leaf_der, leaf_len}, anchor = {ca_der, ca_len};
    x509_verify_result r;
    int64_t now = t0 + 86400;
    CU_ASSERT_EQUAL(x509_verify(&peer, 1, &anchor, 1, "pi.alex.lab",
                                X509_FOR_SERVER, now, NULL, &r), SEE_OK);
    CU_ASSERT_EQUAL(x509_verify(&peer, 1, &anchor, 1, "192.168.1.20",
                                X509_FOR_SERVER, now, NULL, &r), SEE_OK);
    CU_ASSERT_EQUAL(x509_verify(&peer, 1, &anchor, 1, NULL, X509_FOR_CLIENT,
                                now, NULL, &r), SEE_ERR_X509_PURPOSE);

    /* Two issues never share a serial. */
    static uint8_t again[X509_MAX_CERT_SIZE];
    size_t again_len;
    CU_ASSERT_FATAL(x509_issue(&leaf, &rng, again, sizeof again, &again_len) == SEE_OK);
    x509_cert ac;
    x509_cert_init(&ac);
    CU_ASSERT_FATAL(x509_parse(&ac, again, again_len, NULL) == SEE_OK);
    CU_ASSERT_NOT_EQUAL(memcmp(ac.serial, lc.serial, 20), 0);

    /* Bad requests. */
    leaf.not_after = leaf.not_before - 1;
    CU_ASSERT_EQUAL(x509_issue(&leaf, &rng, again, sizeof again, &again_len), SEE_ERR_ARGUMENT);
    leaf.not_before = der_epoch_from_civil(1949, 12, 31, 23, 59, 59);
    CU_ASSERT_EQUAL(x509_issue(&leaf, &rng, again, sizeof again, &again_len), SEE_ERR_ARGUMENT);
    leaf.not_before = t0;
    leaf.not_after = t1;
    CU_ASSERT_EQUAL(x509_issue(&leaf, &rng, again, 100, &again_len), SEE_ERR_BUFFER_SMALL);
    const char *bad_dns[] = {"bad name"};
    leaf.dns = bad_dns;
    leaf.dns_count = 1;
    CU_ASSERT_EQUAL(x509_issue(&leaf, &rng, again, sizeof again, &again_len), SEE_ERR_ARGUMENT);

    x509_cert_clear(&ac);
    x509_cert_clear(&lc);
    x509_cert_clear(&ca_cert);
    rsa_public_clear(&ca_pub);
    rsa_public_clear(&leaf_pub);
    rsa_private_clear(&ca_key);
    rsa_private_clear(&leaf_key);
    rng_wipe(&rng);
}


/* ------------------------------------------ hand-built certificates --- */

/* The parts of a certificate a test may change; NULL means the usual. */
typedef struct {
    const char *version;     /* hex of the [0] element, "" for none */
    const char *serial;      /* hex of the whole INTEGER element */
    const char *inner_alg;   /* hex of the AlgorithmIdentifier elements */
    const char *outer_alg;
    const char *validity;    /* hex of the Validity element */
    const char *extensions;  /* hex of the Extension elements, or NULL */
    const char *trailer;     /* hex added inside the tbsCertificate */
    const char *issuer;      /* hex of the issuer Name */
} cert_parts;

#define SHA256_RSA_ALG "300d06092a864886f70d01010b0500"
#define VALIDITY_2026  "301e170d3236303130313030303030305a170d3336303130313030303030305a"

static void write_hex(der_writer *dw, const char *hex)
{
    size_t len;
    uint8_t *b = hex_alloc(hex, &len);
    der_write_raw(dw, b, len);
    free(b);
}

/* A certificate with a real RSA key (the client fixture's) and a dummy
 * signature, for parse tests. */
static size_t build_cert(const cert_parts *p, uint8_t *out, size_t cap)
{
    blob kb = load("client");
    x509_cert key_src;
    x509_cert_init(&key_src);
    CU_ASSERT_FATAL(x509_parse(&key_src, kb.der, kb.len, NULL) == SEE_OK);

    der_writer dw;
    der_writer_init(&dw, out, cap);
    der_begin(&dw, DER_SEQUENCE);
    der_begin(&dw, DER_SEQUENCE);
    write_hex(&dw, p->version ? p->version : "a003020102");
    write_hex(&dw, p->serial ? p->serial : "020101");
    write_hex(&dw, p->inner_alg ? p->inner_alg : SHA256_RSA_ALG);
    write_hex(&dw, p->issuer ? p->issuer : "300f310d300b06035504030c0474657374");
    write_hex(&dw, p->validity ? p->validity : VALIDITY_2026);
    write_hex(&dw, "300f310d300b06035504030c0474657374");
    der_write_raw(&dw, key_src.spki, key_src.spki_len);
    if (p->extensions != NULL) {
        der_begin(&dw, DER_CONTEXT(3));
        der_begin(&dw, DER_SEQUENCE);
        write_hex(&dw, p->extensions);
        der_end(&dw);
        der_end(&dw);
    }
    if (p->trailer != NULL)
        write_hex(&dw, p->trailer);
    der_end(&dw);
    write_hex(&dw, p->outer_alg ? p->outer_alg : SHA256_RSA_ALG);
    write_hex(&dw, "03050001020304");
    der_end(&dw);
    size_t len;
    CU_ASSERT_FATAL(der_writer_finish(&dw, &len) == SEE_OK);
    x509_cert_clear(&key_src);
    free(kb.der);
    return len;
}

/* Build, parse, and expect status (and cause, and field, when given). */
static void expect_built(const cert_parts *p, see_status want, see_status cause,
                         const char *field)
{
    static uint8_t der[4096];
    size_t len = build_cert(p, der, sizeof der);
    x509_cert c;
    x509_error err;
    x509_cert_init(&c);
    see_status st = x509_parse(&c, der, len, &err);
    if (st != want || (cause != SEE_OK && err.cause != cause) ||
        (field != NULL && strcmp(err.field, field) != 0)) {
        char text[200];
        x509_error_text(&err, text, sizeof text);
        fprintf(stderr, "\n  %s: got '%s' (field %s), want %s\n", p->extensions ? p->extensions : "-", text, err.field,
                see_strerror(want));
        CU_FAIL("built certificate");
    }
    x509_cert_clear(&c);
}

#define BC_CA        "300f0603551d130101ff040530030101ff"      /* critical CA:TRUE */
#define BC_CA_FALSE  "300f0603551d13010100040530030101ff"      /* critical FALSE written */
#define KU_SIGN      "300e0603551d0f0101ff0404030205a0"        /* digitalSignature, keyEncipherment */
#define SAN_EMPTY    "30090603551d1104023000"
#define SAN_BAD_IP   "30100603551d110409300787050a000001ff"
#define SAN_OK       "30140603551d11040d300b8209726f626f742e6c6162"

static void test_built_certificates(void)
{
    cert_parts p;
    memset(&p, 0, sizeof p);
    expect_built(&p, SEE_OK, SEE_OK, NULL);
    p.extensions = BC_CA KU_SIGN SAN_OK;
    expect_built(&p, SEE_OK, SEE_OK, NULL);

    /* Versions: v2 refused; v1 written out is not DER; v1 has no
     * extensions. */
    memset(&p, 0, sizeof p);
    p.version = "a003020101";
    expect_built(&p, SEE_ERR_X509_VERSION, SEE_OK, "version");
    p.version = "a003020100";
    expect_built(&p, SEE_ERR_X509_MALFORMED, SEE_ERR_DER_NONMINIMAL, "version");
    p.version = "";
    expect_built(&p, SEE_OK, SEE_OK, NULL);
    p.extensions = BC_CA;
    expect_built(&p, SEE_ERR_X509_MALFORMED, SEE_ERR_X509_MALFORMED, "extensions");

    /* Serials: negative, 21 bytes, non-minimal. */
    memset(&p, 0, sizeof p);
    p.serial = "0201ff";
    expect_built(&p, SEE_ERR_X509_MALFORMED, SEE_ERR_X509_MALFORMED, "serialNumber");
    p.serial = "02150100000000000000000000000000000000000000";
    expect_built(&p, SEE_ERR_X509_MALFORMED, SEE_ERR_X509_MALFORMED, "serialNumber");
    p.serial = "0214" "7fffffffffffffffffffffffffffffffffffffff";
    expect_built(&p, SEE_OK, SEE_OK, NULL);
    p.serial = "02020001";
    expect_built(&p, SEE_ERR_X509_MALFORMED, SEE_ERR_DER_NONMINIMAL, "serialNumber");

    /* Algorithms: parameters absent is allowed; others named; inner and
     * outer must agree. */
    memset(&p, 0, sizeof p);
    p.inner_alg = p.outer_alg = "300b06092a864886f70d01010b";
    expect_built(&p, SEE_OK, SEE_OK, NULL);
    p.inner_alg = p.outer_alg = "300d06092a864886f70d0101050500"; /* sha1 */
    expect_built(&p, SEE_ERR_X509_ALGORITHM, SEE_OK, "signature");
    p.inner_alg = NULL;
    expect_built(&p, SEE_ERR_X509_ALGORITHM, SEE_OK, "signatureAlgorithm");
    p.outer_alg = "300b06092a864886f70d01010b";
    expect_built(&p, SEE_ERR_X509_MALFORMED, SEE_ERR_X509_MALFORMED, "signatureAlgorithm");

    /* Times: GeneralizedTime from 2050 on, UTCTime before (RFC 5280
     * 4.1.2.5); no seconds, a local time, 30 February. */
    memset(&p, 0, sizeof p);
    p.validity = "3022180f32303530303130313030303030305a180f32303531303130313030303030305a";
    expect_built(&p, SEE_OK, SEE_OK, NULL);
    p.validity = "3020170d3236303130313030303030305a180f32303530303130313030303030305a";
    expect_built(&p, SEE_OK, SEE_OK, NULL);
    p.validity = "3022180f32303236303130313030303030305a180f32303530303130313030303030305a";
    expect_built(&p, SEE_ERR_X509_MALFORMED, SEE_ERR_X509_TIME_FORM, "validity.notBefore");
    p.validity = "3020170d3236303130313030303030305a180f32303439313233313233353935395a";
    expect_built(&p, SEE_ERR_X509_MALFORMED, SEE_ERR_X509_TIME_FORM, "validity.notAfter");
    p.validity = "3020180f31393439313233313233353935395a170d3236303130313030303030305a";
    expect_built(&p, SEE_ERR_X509_MALFORMED, SEE_ERR_X509_TIME_FORM, "validity.notBefore");
    p.validity = "301c170b323630313031303030305a170d3336303130313030303030305a";
    expect_built(&p, SEE_ERR_X509_MALFORMED, SEE_ERR_DER_TIME, "validity.notBefore");
    p.validity = "301e170d3236303130313030303030305a170d3336303133303030303030305a";
    expect_built(&p, SEE_OK, SEE_OK, NULL);   /* 2036-01-30 */
    p.validity = "301e170d3236303130313030303030305a170d3336303233303030303030305a";
    expect_built(&p, SEE_ERR_X509_MALFORMED, SEE_ERR_DER_TIME, "validity.notAfter");

    /* Extensions: FALSE written out, twice the same, empty SAN, an IP of
     * 5 bytes, an empty list, something after the extensions. */
    memset(&p, 0, sizeof p);
    p.extensions = BC_CA_FALSE;
    expect_built(&p, SEE_ERR_X509_MALFORMED, SEE_ERR_DER_NONMINIMAL, "extensions");
    p.extensions = BC_CA KU_SIGN BC_CA;
    expect_built(&p, SEE_ERR_X509_MALFORMED, SEE_ERR_X509_DUPLICATE_EXTENSION,
                 "extensions.basicConstraints");
    p.extensions = SAN_EMPTY;
    expect_built(&p, SEE_ERR_X509_MALFORMED, SEE_ERR_X509_MALFORMED,
                 "extensions.subjectAltName");
    p.extensions = SAN_BAD_IP;
    expect_built(&p, SEE_ERR_X509_MALFORMED, SEE_ERR_X509_MALFORMED,
                 "extensions.subjectAltName");
    p.extensions = "";
    expect_built(&p, SEE_ERR_X509_MALFORMED, SEE_ERR_X509_MALFORMED, "extensions");
    p.extensions = NULL;
    p.trailer = "0500";
    expect_built(&p, SEE_ERR_X509_MALFORMED, SEE_ERR_TRAILING, "tbsCertificate");
    /* issuerUniqueID and subjectUniqueID are allowed (and skipped). */
    p.trailer = "81020001" "82020001";
    expect_built(&p, SEE_OK, SEE_OK, NULL);
}

#define EXT_1234     "300706032a03040400"       /* 1.2.3.4, not critical */
#define EXT_1235     "300706032a03050400"       /* 1.2.3.5 */
#define EXT_1234_CRIT "300a06032a03040101ff0400" /* 1.2.3.4, critical */

/* The parse error's one-line text for a built certificate, and where in
 * it the last copy of the element `hex` begins. */
static size_t built_error_text(const cert_parts *p, const char *hex,
                               char *text, size_t cap)
{
    static uint8_t der[4096];
    size_t len = build_cert(p, der, sizeof der), needle_len, at = 0;
    uint8_t *needle = hex_alloc(hex, &needle_len);
    for (size_t i = 0; i + needle_len <= len; i++)
        if (memcmp(der + i, needle, needle_len) == 0)
            at = i;
    free(needle);
    x509_cert c;
    x509_error err;
    x509_cert_init(&c);
    x509_parse(&c, der, len, &err);
    x509_error_text(&err, text, cap);
    x509_cert_clear(&c);
    return at;
}

/* RFC 5280 4.2: "A certificate MUST NOT include more than one instance of
 * a particular extension": ones we read, and ones we skip, critical or
 * not. The error names the extension. At most X509_MAX_EXTENSIONS. */
static void test_duplicate_extensions(void)
{
    cert_parts p;
    char text[200];
    memset(&p, 0, sizeof p);
    p.extensions = EXT_1234 EXT_1235 BC_CA;
    expect_built(&p, SEE_OK, SEE_OK, NULL);
    p.extensions = EXT_1234 BC_CA EXT_1234;
    expect_built(&p, SEE_ERR_X509_MALFORMED, SEE_ERR_X509_DUPLICATE_EXTENSION,
                 "extensions");
    char want[200];
    size_t at = built_error_text(&p, EXT_1234, text, sizeof text);
    snprintf(want, sizeof want, "malformed at offset %zu: extensions: "
             "extension appears more than once (1.2.3.4)", at);
    CU_ASSERT_STRING_EQUAL(text, want);
    p.extensions = EXT_1234 EXT_1234_CRIT;
    expect_built(&p, SEE_ERR_X509_MALFORMED, SEE_ERR_X509_DUPLICATE_EXTENSION,
                 "extensions");
    p.extensions = KU_SIGN SAN_OK KU_SIGN;
    expect_built(&p, SEE_ERR_X509_MALFORMED, SEE_ERR_X509_DUPLICATE_EXTENSION,
                 "extensions.keyUsage");
    at = built_error_text(&p, KU_SIGN, text, sizeof text);
    snprintf(want, sizeof want, "malformed at offset %zu: extensions.keyUsage: "
             "extension appears more than once (2.5.29.15)", at);
    CU_ASSERT_STRING_EQUAL(text, want);

    /* X509_MAX_EXTENSIONS different ones (1.2.3.4.n), then one more. */
    static char many[(X509_MAX_EXTENSIONS + 1) * 20 + 1];
    for (int n = 0; n <= X509_MAX_EXTENSIONS; n++)
        snprintf(many + 20 * n, 21, "300806042a0304%02x0400", n);
    many[20 * X509_MAX_EXTENSIONS] = '\0';
    p.extensions = many;
    expect_built(&p, SEE_OK, SEE_OK, NULL);
    snprintf(many + 20 * X509_MAX_EXTENSIONS, 21, "300806042a0304%02x0400",
             X509_MAX_EXTENSIONS);
    expect_built(&p, SEE_ERR_X509_LIMIT, SEE_ERR_X509_LIMIT, "extensions");
}

/* Names: UTF-8 passes, T61String's Latin-1 is escaped, a type without a
 * short name is dotted with its value's DER in hex (RFC 4514 2.4), and the
 * members of a multi-valued RDN are joined by '+'. */
static void test_name_text(void)
{
    static const struct { const char *der, *text; } cases[] = {
        {"302a" "310d300b06035504030c045a6fc3ab" "310d300b060355040a140463616" "6e9"
         "310a300806032a0304130178",
         "1.2.3.4=#130178,O=caf\\e9,CN=Zo\xc3\xab"},
        {"3024" "3122300b06035504030c0461202b62" "3013060a0992268993f22c6401010c05"
         "3c3e3b2220", "UID=\\<\\>\\;\\\"\\ +CN=a \\+b"},
        {"3000", ""},
    };
    static uint8_t der[4096];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cert_parts p;
        memset(&p, 0, sizeof p);
        p.issuer = cases[i].der;
        size_t len = build_cert(&p, der, sizeof der);
        x509_cert c;
        x509_cert_init(&c);
        CU_ASSERT_FATAL(x509_parse(&c, der, len, NULL) == SEE_OK);
        char text[300];
        x509_name_text(&c.issuer, text, sizeof text);
        CU_ASSERT_STRING_EQUAL(text, cases[i].text);
        x509_name_text(&c.issuer, text, 5); /* truncated, terminated */
        CU_ASSERT_EQUAL(strlen(text), strlen(cases[i].text) < 4 ? strlen(cases[i].text) : 4);
        x509_cert_clear(&c);
    }
    /* An empty SET is not an RDN. */
    cert_parts p;
    memset(&p, 0, sizeof p);
    p.issuer = "30023100";
    expect_built(&p, SEE_ERR_X509_MALFORMED, SEE_ERR_X509_MALFORMED, "issuer");
    /* A PrintableString keeps to its alphabet (X.680 41.4): CN "a\0b" is
     * refused, CN "a b" taken. */
    p.issuer = "300e310c300a060355040313036100" "62";
    expect_built(&p, SEE_ERR_X509_MALFORMED, SEE_ERR_DER_STRING, "issuer");
    p.issuer = "300e310c300a060355040313036120" "62";
    expect_built(&p, SEE_OK, SEE_OK, NULL);
}

/* The SubjectPublicKeyInfo is read by keyfile.h; its errors still say
 * where in the certificate. */
static void test_spki_errors_have_certificate_offsets(void)
{
    blob b = load("client");
    x509_cert c;
    x509_cert_init(&c);
    CU_ASSERT_FATAL(x509_parse(&c, b.der, b.len, NULL) == SEE_OK);
    size_t spki_at = (size_t)(c.spki - b.der);
    /* SPKI: 30 82 01 22 | 30 0d 06 09 <9 bytes> 05 00 | 03 82 01 0f 00 ... */
    CU_ASSERT_EQUAL(b.der[spki_at + 4 + 2 + 11], 0x05);
    b.der[spki_at + 4 + 2 + 11] = 0x04; /* NULL -> OCTET STRING */
    x509_error err;
    CU_ASSERT_EQUAL(x509_parse(&c, b.der, b.len, &err), SEE_ERR_X509_MALFORMED);
    CU_ASSERT_STRING_EQUAL(err.field, "subjectPublicKeyInfo");
    CU_ASSERT_TRUE(err.offset >= spki_at && err.offset < spki_at + c.spki_len);
    x509_cert_clear(&c);
    free(b.der);
}

static void test_bundles(void)
{
    FILE *f = fopen("vectors/certs/root.pem", "rb");
    CU_ASSERT_FATAL(f != NULL);
    static uint8_t text[20000];
    size_t len = fread(text, 1, 8000, f);
    fclose(f);
    /* root, some text and a key block, root again. */
    const char *mid = "some words\n-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
    memcpy(text + len, mid, strlen(mid));
    memcpy(text + len + strlen(mid), text, len);
    size_t total = 2 * len + strlen(mid);

    x509_bundle b;
    CU_ASSERT_EQUAL_FATAL(x509_bundle_read(&b, text, total), SEE_OK);
    CU_ASSERT_EQUAL(b.count, 2);
    blob der = load("root");
    CU_ASSERT_EQUAL(b.certs[0].len, der.len);
    CU_ASSERT_EQUAL(memcmp(b.certs[0].data, der.der, der.len), 0);
    CU_ASSERT_EQUAL(memcmp(b.certs[1].data, der.der, der.len), 0);
    x509_bundle_free(&b);

    CU_ASSERT_EQUAL_FATAL(x509_bundle_read(&b, der.der, der.len), SEE_OK);
    CU_ASSERT_EQUAL(b.count, 1);
    x509_bundle_free(&b);
    CU_ASSERT_EQUAL(x509_bundle_read(&b, (const uint8_t *)mid, strlen(mid)),
                    SEE_ERR_PEM_NO_BEGIN);
    CU_ASSERT_EQUAL(x509_bundle_read(&b, text, len - 30), SEE_ERR_PEM_NO_END);
    free(der.der);
}

/* A 4096-bit modulus whose bytes spell out, on lines of their own, the
 * PEM block of another key (as "PUBLIC KEY"), and e = 65537. */
static void spell_pem_in_modulus(const rsa_public_key *other,
                                 rsa_public_key *out)
{
    static uint8_t pem[KEYFILE_MAX_SIZE];
    size_t pem_len;
    uint8_t n[512];
    CU_ASSERT_FATAL(keyfile_write_rsa_public(other, KEYFILE_SPKI, 1, pem,
                                             sizeof pem, &pem_len) == SEE_OK);
    CU_ASSERT_FATAL(9 + pem_len < sizeof n);
    memset(n, 0xa5, sizeof n);
    n[0] = 0xc3;                 /* the top bit set: 4096 bits */
    n[8] = '\n';
    memcpy(n + 9, pem, pem_len);
    n[sizeof n - 1] |= 1;        /* odd, as a modulus is */
    mpz_import(out->n, sizeof n, 1, 1, 1, 0, n);
    mpz_set_ui(out->e, 65537);
}

/* Issue 12, item 1: a CA signs a certificate for a 4096-bit key whose
 * modulus spells out the PEM block of a 1024-bit key. The certificate's
 * key is the 4096-bit one, over which the CA's signature was made; the
 * key the modulus spells is never read (it was, when the SPKI went
 * through the key file reader, which took PEM anywhere in its input). */
static void test_key_spelling_a_pem_block(void)
{
    see_rng rng;
    rng_init_seeded(&rng, "test_x509 spelled key", 21);
    rsa_private_key ca_key, other_key;
    rsa_public_key ca_pub, other, spelled;
    rsa_private_init(&ca_key);
    rsa_private_init(&other_key);
    rsa_public_init(&ca_pub);
    rsa_public_init(&other);
    rsa_public_init(&spelled);
    CU_ASSERT_FATAL(rsa_generate(&rng, 1024, 0, &ca_key) == SEE_OK);
    CU_ASSERT_FATAL(rsa_generate(&rng, 1024, 0, &other_key) == SEE_OK);
    rsa_public_from_private(&ca_pub, &ca_key);
    rsa_public_from_private(&other, &other_key);
    spell_pem_in_modulus(&other, &spelled);
    CU_ASSERT_EQUAL(mpz_sizeinbase(spelled.n, 2), 4096);

    int64_t t0 = der_epoch_from_civil(2026, 1, 1, 0, 0, 0);
    static uint8_t ca_der[X509_MAX_CERT_SIZE], leaf_der[X509_MAX_CERT_SIZE];
    size_t ca_len, leaf_len;
    x509_issue_params ca = {
        .common_name = "Lab CA", .subject_key = &ca_pub, .issuer_key = &ca_key,
        .not_before = t0, .not_after = t0 + 86400 * 10, .is_ca = 1,
        .path_len = -1, .key_usage = X509_KU_KEY_CERT_SIGN,
    };
    CU_ASSERT_FATAL(x509_issue(&ca, &rng, ca_der, sizeof ca_der, &ca_len) == SEE_OK);
    x509_cert ca_cert, leaf;
    x509_cert_init(&ca_cert);
    x509_cert_init(&leaf);
    CU_ASSERT_FATAL(x509_parse(&ca_cert, ca_der, ca_len, NULL) == SEE_OK);
    x509_issue_params lp = {
        .common_name = "robot.lab", .subject_key = &spelled, .issuer = &ca_cert,
        .issuer_key = &ca_key, .not_before = t0, .not_after = t0 + 86400,
        .path_len = -1,
    };
    CU_ASSERT_FATAL(x509_issue(&lp, &rng, leaf_der, sizeof leaf_der, &leaf_len) == SEE_OK);
    CU_ASSERT_PTR_NOT_NULL(memmem(leaf_der, leaf_len, "\n-----BEGIN PUBLIC KEY-----\n", 28));

    CU_ASSERT_EQUAL_FATAL(x509_parse(&leaf, leaf_der, leaf_len, NULL), SEE_OK);
    CU_ASSERT_EQUAL(mpz_cmp(leaf.key.n, spelled.n), 0);
    CU_ASSERT_EQUAL(mpz_cmp(leaf.key.e, spelled.e), 0);
    CU_ASSERT_NOT_EQUAL(mpz_cmp(leaf.key.n, other.n), 0);
    CU_ASSERT_EQUAL(x509_check_signature(&leaf, &ca_pub), SEE_OK);

    x509_cert_clear(&leaf);
    x509_cert_clear(&ca_cert);
    rsa_public_clear(&spelled);
    rsa_public_clear(&other);
    rsa_public_clear(&ca_pub);
    rsa_private_clear(&other_key);
    rsa_private_clear(&ca_key);
    rng_wipe(&rng);
}

/* An issuer that is a CA but whose keyUsage lacks keyCertSign, and a v3
 * certificate in the CA file that is no CA, used as an issuer. */
static void test_issuer_key_usage(void)
{
    see_rng rng;
    rng_init_seeded(&rng, "test_x509 usage", 15);
    rsa_private_key ca_key;
    rsa_public_key ca_pub;
    rsa_private_init(&ca_key);
    rsa_public_init(&ca_pub);
    CU_ASSERT_FATAL(rsa_generate(&rng, 1024, 0, &ca_key) == SEE_OK);
    rsa_public_from_private(&ca_pub, &ca_key);
    int64_t t0 = der_epoch_from_civil(2026, 1, 1, 0, 0, 0);
    static uint8_t ca_der[X509_MAX_CERT_SIZE], leaf_der[X509_MAX_CERT_SIZE];
    size_t ca_len, leaf_len;
    for (int round = 0; round < 2; round++) {
        x509_issue_params ca = {
            .common_name = "Odd CA", .subject_key = &ca_pub, .issuer_key = &ca_key,
            .not_before = t0, .not_after = t0 + 86400 * 10, .path_len = -1,
            .is_ca = round == 0, .key_usage = round == 0 ? X509_KU_DIGITAL_SIGNATURE : 0,
        };
        CU_ASSERT_FATAL(x509_issue(&ca, &rng, ca_der, sizeof ca_der, &ca_len) == SEE_OK);
        x509_cert cc;
        x509_cert_init(&cc);
        CU_ASSERT_FATAL(x509_parse(&cc, ca_der, ca_len, NULL) == SEE_OK);
        x509_issue_params leaf = {
            .common_name = "leaf", .subject_key = &ca_pub, .issuer = &cc,
            .issuer_key = &ca_key, .not_before = t0, .not_after = t0 + 86400,
            .path_len = -1,
        };
        CU_ASSERT_FATAL(x509_issue(&leaf, &rng, leaf_der, sizeof leaf_der, &leaf_len) == SEE_OK);
        x509_bytes peer = {leaf_der, leaf_len}, anchor = {ca_der, ca_len};
        x509_verify_result r;
        CU_ASSERT_EQUAL(x509_verify(&peer, 1, &anchor, 1, NULL, X509_FOR_ANY,
                                    t0 + 3600, NULL, &r),
                        round == 0 ? SEE_ERR_X509_NO_CERT_SIGN : SEE_ERR_X509_NOT_CA);
        CU_ASSERT_EQUAL(r.depth, 1);
        x509_cert_clear(&cc);
    }
    rsa_private_clear(&ca_key);
    rsa_public_clear(&ca_pub);
    rng_wipe(&rng);
}

/* An issuer whose public exponent has 66 bits is not tried: checking
 * with it would be slow, and a peer could send many. */
static void test_issuer_with_huge_exponent(void)
{
    see_rng rng;
    rng_init_seeded(&rng, "test_x509 huge e", 16);
    rsa_private_key base, key;
    rsa_public_key pub;
    rsa_private_init(&base);
    rsa_private_init(&key);
    rsa_public_init(&pub);
    CU_ASSERT_FATAL(rsa_generate(&rng, 1024, 0, &base) == SEE_OK);
    mpz_t e;
    mpz_init_set_ui(e, 1);
    mpz_mul_2exp(e, e, 65);
    mpz_add_ui(e, e, 1);
    while (rsa_private_from_factors(&key, base.p, base.q, e) != SEE_OK)
        mpz_add_ui(e, e, 2);
    rsa_public_from_private(&pub, &key);
    int64_t t0 = der_epoch_from_civil(2026, 1, 1, 0, 0, 0);
    static uint8_t ca_der[X509_MAX_CERT_SIZE], leaf_der[X509_MAX_CERT_SIZE];
    size_t ca_len, leaf_len;
    x509_issue_params ca = {
        .common_name = "Huge e CA", .subject_key = &pub, .issuer_key = &key,
        .not_before = t0, .not_after = t0 + 86400, .is_ca = 1, .path_len = -1,
    };
    CU_ASSERT_FATAL(x509_issue(&ca, &rng, ca_der, sizeof ca_der, &ca_len) == SEE_OK);
    x509_cert cc;
    x509_cert_init(&cc);
    CU_ASSERT_FATAL(x509_parse(&cc, ca_der, ca_len, NULL) == SEE_OK);
    CU_ASSERT_EQUAL(mpz_sizeinbase(cc.key.e, 2), 66);
    x509_issue_params leaf = {
        .common_name = "leaf", .subject_key = &pub, .issuer = &cc,
        .issuer_key = &key, .not_before = t0, .not_after = t0 + 86400,
        .path_len = -1,
    };
    CU_ASSERT_FATAL(x509_issue(&leaf, &rng, leaf_der, sizeof leaf_der, &leaf_len) == SEE_OK);
    x509_bytes peer = {leaf_der, leaf_len}, anchor = {ca_der, ca_len};
    x509_verify_result r;
    CU_ASSERT_EQUAL(x509_verify(&peer, 1, &anchor, 1, NULL, X509_FOR_ANY,
                                t0 + 60, NULL, &r), SEE_ERR_X509_LIMIT);
    CU_ASSERT_EQUAL(r.depth, 0);
    /* Trusted as itself, it needs no check. */
    CU_ASSERT_EQUAL(x509_verify(&anchor, 1, &anchor, 1, NULL, X509_FOR_ANY,
                                t0 + 60, NULL, &r), SEE_OK);
    x509_cert_clear(&cc);
    mpz_clear(e);
    rsa_private_clear(&base);
    rsa_private_clear(&key);
    rsa_public_clear(&pub);
    rng_wipe(&rng);
}

/* A root that signed itself with SHA-1 is refused as a certificate to
 * check, but serves as a trust anchor: its own signature is never
 * checked (RFC 5280 6.1.1 (d)); the SHA-256 leaf under it verifies. */
static void test_anchor_signed_otherwise(void)
{
    blob rb = load("sha1root"), lb = load("sha1leaf");
    x509_cert c;
    x509_error err;
    x509_cert_init(&c);
    CU_ASSERT_EQUAL(x509_parse(&c, rb.der, rb.len, &err), SEE_ERR_X509_ALGORITHM);
    CU_ASSERT_STRING_EQUAL(err.oid, "1.2.840.113549.1.1.5");
    CU_ASSERT_EQUAL(x509_parse_anchor(&c, rb.der, rb.len, &err), SEE_OK);
    CU_ASSERT_FALSE(c.signature_supported);
    CU_ASSERT_EQUAL(x509_check_signature(&c, &c.key), SEE_ERR_X509_ALGORITHM);
    x509_bytes leaf = as_bytes(lb), root = as_bytes(rb), both[2] = {leaf, root};
    x509_verify_result r;
    CU_ASSERT_EQUAL(x509_verify(&leaf, 1, &root, 1, "sha1leaf.lab",
                                X509_FOR_SERVER, GOOD_TIME, NULL, &r), SEE_OK);
    /* Sent by the peer, it is a certificate like any other. */
    CU_ASSERT_EQUAL(x509_verify(both, 2, &root, 1, NULL, X509_FOR_SERVER,
                                GOOD_TIME, NULL, &r), SEE_ERR_X509_ALGORITHM);
    CU_ASSERT_EQUAL(r.depth, 1);
    /* A strict parse is still a parse: the leaf is the same either way. */
    CU_ASSERT_EQUAL(x509_parse_anchor(&c, lb.der, lb.len, NULL), SEE_OK);
    CU_ASSERT_TRUE(c.signature_supported);
    x509_cert_clear(&c);
    free(rb.der);
    free(lb.der);
}

static void test_result_texts(void)
{
    const char *server[] = {"server", "inter"};
    x509_verify_result r;
    char text[400];
    verify_names(server, 2, NULL, X509_FOR_SERVER, 4000000000LL, &r);
    x509_verify_result_text(&r, text, sizeof text);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "certificate has expired: depth 0, "
                                        "CN=robot.lab,O=seetls test,C=SG, not after "));
    const char *alone[] = {"server"};
    verify_names(alone, 1, NULL, X509_FOR_SERVER, GOOD_TIME, &r);
    x509_verify_result_text(&r, text, sizeof text);
    CU_ASSERT_EQUAL(r.path_length, 1);
    CU_ASSERT_FALSE(r.anchored);
    CU_ASSERT_STRING_EQUAL(text, "unknown issuer (no trusted CA signed it): depth 0, "
                           "CN=robot.lab,O=seetls test,C=SG, issued by "
                           "CN=Test Intermediate CA,O=seetls test,C=SG: no such "
                           "CA in the CA file or the chain");
    verify_names(server, 2, "robot.lab", X509_FOR_SERVER, GOOD_TIME, &r);
    x509_verify_result_text(&r, text, sizeof text);
    CU_ASSERT_STRING_EQUAL(text, "OK");
}

/* The CA file as the handshake holds it: PEM text, with the intermediate
 * and the root in one bundle. */
static void test_verify_ca_file(void)
{
    static uint8_t file[20000];
    size_t len = 0;
    const char *parts[] = {"vectors/certs/inter.pem", "vectors/certs/root.pem"};
    for (int i = 0; i < 2; i++) {
        FILE *f = fopen(parts[i], "rb");
        CU_ASSERT_FATAL(f != NULL);
        len += fread(file + len, 1, sizeof file - len, f);
        fclose(f);
    }
    blob s = load("server");
    x509_bytes leaf = as_bytes(s);
    x509_verify_result r;
    rsa_public_key key;
    rsa_public_init(&key);
    CU_ASSERT_EQUAL(x509_verify_ca_file(&leaf, 1, file, len, "robot.lab",
                                        X509_FOR_SERVER, GOOD_TIME, &key, &r),
                    SEE_OK);
    CU_ASSERT_STRING_EQUAL(r.issuer, "CN=Test Intermediate CA,O=seetls test,C=SG");
    CU_ASSERT_EQUAL(r.path_length, 2);
    CU_ASSERT_EQUAL(mpz_sizeinbase(key.n, 2), 2048);
    CU_ASSERT_EQUAL(x509_verify_ca_file(&leaf, 1, file, 40, NULL,
                                        X509_FOR_SERVER, GOOD_TIME, &key, &r),
                    SEE_ERR_PEM_NO_END);
    CU_ASSERT_EQUAL(r.status, SEE_ERR_PEM_NO_END);
    rsa_public_clear(&key);
    free(s.der);
}

/* An issuer's key must have X509_MIN_ISSUER_BITS (2048) at least: a
 * 1024-bit intermediate under a good root, and a 1024-bit root itself,
 * are refused at depth 1; a 2048-bit intermediate passes. */
static void test_issuer_key_size(void)
{
    see_rng rng;
    rng_init_seeded(&rng, "test_x509 issuer bits", 21);
    rsa_private_key root_key, weak_key, good_key, leaf_key;
    make_key(&root_key, &rng, 2048);
    make_key(&weak_key, &rng, 1024);
    make_key(&good_key, &rng, 2048);
    make_key(&leaf_key, &rng, 1024);
    rsa_public_key root_pub, weak_pub, good_pub, leaf_pub;
    rsa_public_key *pubs[4] = {&root_pub, &weak_pub, &good_pub, &leaf_pub};
    const rsa_private_key *privs[4] = {&root_key, &weak_key, &good_key, &leaf_key};
    for (int i = 0; i < 4; i++) {
        rsa_public_init(pubs[i]);
        rsa_public_from_private(pubs[i], privs[i]);
    }
    int64_t t0 = der_epoch_from_civil(2026, 1, 1, 0, 0, 0);
    static uint8_t der[5][X509_MAX_CERT_SIZE];
    size_t len[5];
    x509_cert root, weak, good, weak_root;
    x509_cert *parsed[4] = {&root, &weak, &good, &weak_root};
    /* 0: the root (2048); 1: a 1024-bit intermediate; 2: a 2048-bit one;
     * 3: a 1024-bit root */
    const char *names[4] = {"Good Root", "Weak CA", "Good CA", "Weak Root"};
    const rsa_public_key *keys[4] = {&root_pub, &weak_pub, &good_pub, &weak_pub};
    const rsa_private_key *signers[4] = {&root_key, &root_key, &root_key, &weak_key};
    for (int i = 0; i < 4; i++) {
        x509_issue_params ca = {
            .common_name = names[i], .subject_key = keys[i],
            .issuer = (i == 1 || i == 2) ? &root : NULL, .issuer_key = signers[i],
            .not_before = t0, .not_after = t0 + 86400 * 10, .is_ca = 1,
            .path_len = -1, .key_usage = X509_KU_KEY_CERT_SIGN,
        };
        CU_ASSERT_FATAL(x509_issue(&ca, &rng, der[i], sizeof der[i], &len[i]) == SEE_OK);
        x509_cert_init(parsed[i]);
        CU_ASSERT_FATAL(x509_parse(parsed[i], der[i], len[i], NULL) == SEE_OK);
    }
    const x509_cert *issuers[3] = {&weak, &good, &weak_root};
    const rsa_private_key *issuer_keys[3] = {&weak_key, &good_key, &weak_key};
    const see_status want[3] = {SEE_ERR_X509_ISSUER_KEY_SMALL, SEE_OK,
                                SEE_ERR_X509_ISSUER_KEY_SMALL};
    for (int i = 0; i < 3; i++) {
        x509_issue_params leaf = {
            .common_name = "leaf", .subject_key = &leaf_pub, .issuer = issuers[i],
            .issuer_key = issuer_keys[i], .not_before = t0,
            .not_after = t0 + 86400, .path_len = -1,
        };
        CU_ASSERT_FATAL(x509_issue(&leaf, &rng, der[4], sizeof der[4], &len[4]) == SEE_OK);
        x509_bytes chain[2] = {{der[4], len[4]}, {der[i + 1], len[i + 1]}};
        x509_bytes anchor = i == 2 ? chain[1] : (x509_bytes){der[0], len[0]};
        x509_verify_result r;
        see_status st = x509_verify(chain, i == 2 ? 1 : 2, &anchor, 1, NULL,
                                    X509_FOR_ANY, t0 + 60, NULL, &r);
        CU_ASSERT_EQUAL(st, want[i]);
        if (st != SEE_OK) {
            char text[300];
            x509_verify_result_text(&r, text, sizeof text);
            CU_ASSERT_EQUAL(r.depth, 1);
            char expected[300];
            snprintf(expected, sizeof expected, "issuer's RSA key is too small: "
                     "depth 1, CN=%s, a 1024-bit key (2048 bits at least)",
                     i == 0 ? "Weak CA" : "Weak Root");
            CU_ASSERT_STRING_EQUAL(text, expected);
        }
    }
    for (int i = 0; i < 4; i++) {
        x509_cert_clear(parsed[i]);
        rsa_public_clear(pubs[i]);
        rsa_private_clear((rsa_private_key *)privs[i]);
    }
    rng_wipe(&rng);
}

/* The result carries the leaf's keyUsage (for the handshake's check of the
 * key against the suite, RFC 5246 7.4.2), and the detail of a failure
 * without the status's words. */
static void test_result_key_usage_and_detail(void)
{
    const char *server[] = {"server", "inter"};
    const char *lab[] = {"lab"};
    x509_verify_result r;
    CU_ASSERT_EQUAL(verify_names(server, 2, "robot.lab", X509_FOR_SERVER,
                                 GOOD_TIME, &r), SEE_OK);
    CU_ASSERT_TRUE(r.has_key_usage);
    CU_ASSERT_EQUAL(r.key_usage, X509_KU_DIGITAL_SIGNATURE | X509_KU_KEY_ENCIPHERMENT);
    char text[400];
    x509_verify_result_detail(&r, text, sizeof text);
    CU_ASSERT_STRING_EQUAL(text, "");
    /* version 1: no keyUsage */
    CU_ASSERT_EQUAL(verify_names(lab, 1, "alex.local", X509_FOR_SERVER,
                                 lab_time(), &r), SEE_OK);
    CU_ASSERT_FALSE(r.has_key_usage);
    const char *alone[] = {"server"};
    verify_names(alone, 1, NULL, X509_FOR_SERVER, GOOD_TIME, &r);
    x509_verify_result_detail(&r, text, sizeof text);
    CU_ASSERT_STRING_EQUAL(text, "depth 0, CN=robot.lab,O=seetls test,C=SG, issued by "
                           "CN=Test Intermediate CA,O=seetls test,C=SG: no such "
                           "CA in the CA file or the chain");
}

/* Start-up: is this key the certificate's? The fixtures' own pairs match;
 * the server's certificate with the client's key does not; a certificate
 * that does not parse says so. */
static void test_check_key_pair(void)
{
    static const char *names[2] = {"server", "client"};
    rsa_private_key keys[2];
    blob certs[2];
    for (int i = 0; i < 2; i++) {
        char path[64];
        snprintf(path, sizeof path, "vectors/certs/%s.key", names[i]);
        FILE *f = fopen(path, "rb");
        CU_ASSERT_FATAL(f != NULL);
        static uint8_t pem[8192];
        size_t n = fread(pem, 1, sizeof pem, f);
        fclose(f);
        rsa_private_init(&keys[i]);
        CU_ASSERT_FATAL(keyfile_read_rsa_private(pem, n, NULL, &keys[i], NULL) == SEE_OK);
        certs[i] = load(names[i]);
    }
    CU_ASSERT_EQUAL(x509_check_key_pair(certs[0].der, certs[0].len, &keys[0]), SEE_OK);
    CU_ASSERT_EQUAL(x509_check_key_pair(certs[1].der, certs[1].len, &keys[1]), SEE_OK);
    CU_ASSERT_EQUAL(x509_check_key_pair(certs[0].der, certs[0].len, &keys[1]),
                    SEE_ERR_X509_KEY_MISMATCH);
    CU_ASSERT_EQUAL(x509_check_key_pair(certs[1].der, certs[1].len, &keys[0]),
                    SEE_ERR_X509_KEY_MISMATCH);
    CU_ASSERT_EQUAL(x509_check_key_pair(certs[0].der, certs[0].len - 1, &keys[0]),
                    SEE_ERR_X509_MALFORMED);
    for (int i = 0; i < 2; i++) {
        rsa_private_clear(&keys[i]);
        free(certs[i].der);
    }
}

static CU_TestInfo tests[] = {
    {"fields as openssl reads them", test_fields_as_openssl_reads_them},
    {"server and CA extensions", test_server_extensions},
    {"version 1 lab certificate", test_version1_lab_certificate},
    {"unsupported algorithm named", test_unsupported_algorithm_named},
    {"unknown critical extension", test_unknown_critical_extension},
    {"every truncation", test_every_truncation},
    {"trailing bytes and bad lengths", test_trailing_and_lengths},
    {"deep nesting", test_deep_nesting},
    {"every byte flipped", test_every_byte_flipped},
    {"verify chains", test_verify_chains},
    {"verify host names", test_verify_host_names},
    {"verify failures", test_verify_failures},
    {"verify flipped bytes", test_verify_flipped_bytes},
    {"verify reports parse errors", test_verify_reports_parse_errors},
    {"issue and verify", test_issue_and_verify},
    {"built certificates", test_built_certificates},
    {"spki errors have certificate offsets", test_spki_errors_have_certificate_offsets},
    {"bundles", test_bundles},
    {"name text", test_name_text},
    {"duplicate extensions of any kind", test_duplicate_extensions},
    {"a key whose modulus spells a PEM block", test_key_spelling_a_pem_block},
    {"issuer key usage", test_issuer_key_usage},
    {"issuer with a huge exponent", test_issuer_with_huge_exponent},
    {"anchor signed otherwise", test_anchor_signed_otherwise},
    {"result texts", test_result_texts},
    {"verify with a CA file", test_verify_ca_file},
    {"issuer keys of 2048 bits at least", test_issuer_key_size},
    {"the result carries keyUsage; its detail", test_result_key_usage_and_detail},
    {"a certificate and its private key", test_check_key_pair},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("x509", tests);
}
