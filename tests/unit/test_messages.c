/*
 * test_messages.c: the handshake messages (RFC 5246 7.4) and alerts (7.2).
 *
 *  - Real messages from the openssl command line (vectors/
 *    tls12_openssl_hellos.txt) decode to what openssl meant: the suites
 *    it offered, its extensions (unknown ones skipped), its certificate,
 *    and a ServerKeyExchange whose signature verifies with our RSA over
 *    RB + RS + params (7.4.3).
 *  - Each of our encoders gives the exact bytes worked out by hand from
 *    the RFC's structures, and decodes back.
 *  - Every truncation of every message fails (the only prefix a decoder
 *    may accept is a hello cut exactly before its optional extensions),
 *    and so does a trailing byte.
 */
#include <stdlib.h>
#include <string.h>

#include "codec/hex.h"
#include "crypto/rsa.h"
#include "crypto/sha256.h"
#include "handshake/alert.h"
#include "handshake/messages.h"
#include "handshake/record.h"
#include "tests/unit/harness.h"

/* Decode a body as the message type says, into a throwaway struct. */
static see_status decode_any(uint8_t type, reader *body)
{
    union {
        client_hello ch;
        server_hello sh;
        certificate_msg c;
        server_key_exchange ske;
        certificate_request cr;
        client_key_exchange cke;
        signed_part cv;
        finished_msg f;
    } u;
    switch (type) {
    case HS_CLIENT_HELLO: return client_hello_decode(body, &u.ch);
    case HS_SERVER_HELLO: return server_hello_decode(body, &u.sh);
    case HS_CERTIFICATE: return certificate_decode(body, &u.c);
    case HS_SERVER_KEY_EXCHANGE: return server_key_exchange_decode(body, &u.ske);
    case HS_CERTIFICATE_REQUEST: return certificate_request_decode(body, &u.cr);
    case HS_SERVER_HELLO_DONE: return server_hello_done_decode(body);
    case HS_CLIENT_KEY_EXCHANGE: return client_key_exchange_decode(body, 1, &u.cke);
    case HS_CERTIFICATE_VERIFY: return certificate_verify_decode(body, &u.cv);
    case HS_FINISHED: return finished_decode(body, &u.f);
    default: return SEE_ERR_UNSUPPORTED;
    }
}

/* Every prefix of the body fails, except ok_prefix (a hello without its
 * extensions; 0 for none); the whole body plus one byte fails; a split of
 * the whole message with a wrong length fails. Each prefix is copied to an
 * exact-size heap buffer so the sanitizer build catches any over-read. */
static void check_truncations(const uint8_t *msg, size_t len, size_t ok_prefix)
{
    uint8_t type;
    reader body;
    CU_ASSERT_EQUAL_FATAL(hs_message_split(msg, len, &type, &body), SEE_OK);
    const uint8_t *b = msg + 4;
    size_t n = len - 4;
    reader whole = body;
    CU_ASSERT_EQUAL(decode_any(type, &whole), SEE_OK);
    for (size_t cut = 0; cut < n; cut++) {
        uint8_t *copy = malloc(cut ? cut : 1);
        memcpy(copy, b, cut);
        reader r;
        reader_init(&r, copy, cut);
        see_status st = decode_any(type, &r);
        if (cut == ok_prefix && ok_prefix != 0) {
            CU_ASSERT_EQUAL(st, SEE_OK);
        } else if (st == SEE_OK) {
            CU_FAIL("a truncated message decoded");
        }
        free(copy);
    }
    uint8_t *longer = malloc(n + 1);
    memcpy(longer, b, n);
    longer[n] = 0;
    reader r;
    reader_init(&r, longer, n + 1);
    CU_ASSERT_NOT_EQUAL(decode_any(type, &r), SEE_OK);
    free(longer);
    CU_ASSERT_EQUAL(hs_message_split(msg, len - 1, &type, &body), SEE_ERR_TLS_DECODE);
}

/* --------------------------------------------- openssl's messages --- */

typedef struct {
    uint8_t *data[8];
    size_t len[8];
    int count;
} message_list;

/* Feed raw records through a pipe into our record layer and collect the
 * handshake messages it assembles. */
static void messages_from_records(const uint8_t *records, size_t len,
                                  message_list *out)
{
    memory_pipe p;
    pipe_end ea, eb;
    transport a, b;
    CU_ASSERT_EQUAL_FATAL(memory_pipe_init(&p, 1000), SEE_OK);
    memory_pipe_ends(&p, &ea, &eb, &a, &b);
    p.max_chunk = 100;
    CU_ASSERT_EQUAL(transport_write(&a, records, len), SEE_OK);
    transport_close(&a);
    record_layer *rl = malloc(sizeof *rl);
    record_layer_init(rl, &b, NULL, NULL, TRACE_SERVER);
    out->count = 0;
    for (;;) {
        uint8_t t;
        const uint8_t *m;
        size_t n;
        see_status st = record_next(rl, &t, &m, &n);
        if (st != SEE_OK) {
            CU_ASSERT_EQUAL(st, SEE_ERR_TLS_CLOSED);
            break;
        }
        CU_ASSERT_EQUAL(t, TLS_CONTENT_HANDSHAKE);
        if (out->count < 8) {
            out->data[out->count] = malloc(n);
            memcpy(out->data[out->count], m, n);
            out->len[out->count++] = n;
        }
    }
    free(rl);
    memory_pipe_destroy(&p);
}

static void free_list(message_list *l)
{
    for (int i = 0; i < l->count; i++)
        free(l->data[i]);
}

static void test_openssl_client_hello(void)
{
    vec_file *v = vec_open("tls12_openssl_hellos.txt");
    if (v == NULL)
        return;
    CU_ASSERT_FATAL(vec_next(v));
    size_t len;
    uint8_t *records = vec_hex(v, "client_records", &len);
    message_list l;
    messages_from_records(records, len, &l);
    CU_ASSERT_EQUAL_FATAL(l.count, 1);

    uint8_t type;
    reader body;
    CU_ASSERT_EQUAL(hs_message_split(l.data[0], l.len[0], &type, &body), SEE_OK);
    CU_ASSERT_EQUAL(type, HS_CLIENT_HELLO);
    client_hello ch;
    CU_ASSERT_EQUAL_FATAL(client_hello_decode(&body, &ch), SEE_OK);
    CU_ASSERT_EQUAL(ch.client_version, 0x0303);
    CU_ASSERT_EQUAL(ch.session_id_len, 0);
    CU_ASSERT_EQUAL(ch.cipher_suites_len, 42);
    CU_ASSERT_TRUE(client_hello_offers_suite(&ch, TLS_RSA_WITH_AES_128_CBC_SHA256));
    CU_ASSERT_TRUE(client_hello_offers_suite(&ch, TLS_DHE_RSA_WITH_AES_128_CBC_SHA256));
    CU_ASSERT_TRUE(client_hello_offers_suite(&ch, TLS_EMPTY_RENEGOTIATION_INFO_SCSV));
    CU_ASSERT_FALSE(client_hello_offers_suite(&ch, 0x0004));
    CU_ASSERT_TRUE(client_hello_offers_null_compression(&ch));
    CU_ASSERT_TRUE(ch.ext.present);
    CU_ASSERT_TRUE(ch.ext.server_name);
    CU_ASSERT_STRING_EQUAL(ch.ext.host_name, "robot.lab");
    CU_ASSERT_TRUE(ch.ext.encrypt_then_mac);
    CU_ASSERT_TRUE(ch.ext.extended_master_secret);
    CU_ASSERT_FALSE(ch.ext.renegotiation_info);
    CU_ASSERT_TRUE(ch.ext.signature_algorithms);
    CU_ASSERT_EQUAL(ch.ext.sig_algs_len, 2);
    int has_sha256_rsa = 0;
    for (size_t i = 0; i + 1 < ch.ext.sig_algs_len; i += 2)
        has_sha256_rsa |= ch.ext.sig_algs[i] == 4 && ch.ext.sig_algs[i + 1] == 1;
    CU_ASSERT_TRUE(has_sha256_rsa);
    /* Its extensions start after version, random, session id, suites and
     * compression methods: that prefix is a valid hello on its own. */
    check_truncations(l.data[0], l.len[0], 2 + 32 + 1 + 2 + 42 + 1 + 1);
    free_list(&l);
    free(records);
    vec_close(v);
}

static void test_openssl_server_flight(void)
{
    vec_file *v = vec_open("tls12_openssl_hellos.txt");
    if (v == NULL)
        return;
    CU_ASSERT_FATAL(vec_next(v));
    size_t clen, slen, cert_len, n_len, e_len;
    uint8_t *crec = vec_hex(v, "client_records", &clen);
    uint8_t *srec = vec_hex(v, "server_records", &slen);
    uint8_t *cert = vec_hex(v, "server_cert", &cert_len);
    uint8_t *n = vec_hex(v, "server_n", &n_len);
    uint8_t *e = vec_hex(v, "server_e", &e_len);
    message_list cl, sl;
    messages_from_records(crec, clen, &cl);
    messages_from_records(srec, slen, &sl);
    CU_ASSERT_EQUAL_FATAL(sl.count, 4);

    uint8_t type;
    reader body;
    client_hello ch;
    CU_ASSERT_EQUAL(hs_message_split(cl.data[0], cl.len[0], &type, &body), SEE_OK);
    CU_ASSERT_EQUAL_FATAL(client_hello_decode(&body, &ch), SEE_OK);

    server_hello sh;
    CU_ASSERT_EQUAL(hs_message_split(sl.data[0], sl.len[0], &type, &body), SEE_OK);
    CU_ASSERT_EQUAL(type, HS_SERVER_HELLO);
    CU_ASSERT_EQUAL_FATAL(server_hello_decode(&body, &sh), SEE_OK);
    CU_ASSERT_EQUAL(sh.server_version, 0x0303);
    CU_ASSERT_EQUAL(sh.cipher_suite, TLS_DHE_RSA_WITH_AES_128_CBC_SHA256);
    CU_ASSERT_TRUE(sh.ext.encrypt_then_mac);
    CU_ASSERT_TRUE(sh.ext.extended_master_secret);
    CU_ASSERT_TRUE(sh.ext.renegotiation_info);
    CU_ASSERT_EQUAL(sh.ext.renegotiated_connection_len, 0);
    check_truncations(sl.data[0], sl.len[0], 2 + 32 + 1 + 2 + 1);

    certificate_msg cm;
    CU_ASSERT_EQUAL(hs_message_split(sl.data[1], sl.len[1], &type, &body), SEE_OK);
    CU_ASSERT_EQUAL(type, HS_CERTIFICATE);
    CU_ASSERT_EQUAL_FATAL(certificate_decode(&body, &cm), SEE_OK);
    CU_ASSERT_EQUAL_FATAL(cm.count, 1);
    CU_ASSERT_EQUAL(cm.cert_len[0], cert_len);
    CU_ASSERT_EQUAL(memcmp(cm.cert[0], cert, cert_len), 0);
    check_truncations(sl.data[1], sl.len[1], 0);

    server_key_exchange ske;
    CU_ASSERT_EQUAL(hs_message_split(sl.data[2], sl.len[2], &type, &body), SEE_OK);
    CU_ASSERT_EQUAL(type, HS_SERVER_KEY_EXCHANGE);
    CU_ASSERT_EQUAL_FATAL(server_key_exchange_decode(&body, &ske), SEE_OK);
    CU_ASSERT_EQUAL(ske.p_len, 256); /* openssl's default 2048-bit group */
    CU_ASSERT_EQUAL(ske.g_len, 1);
    CU_ASSERT_EQUAL(ske.g[0], 2);
    CU_ASSERT_EQUAL(ske.params_len, 2 + ske.p_len + 2 + ske.g_len + 2 + ske.ys_len);
    CU_ASSERT_EQUAL(ske.signed_params.hash, TLS_HASH_SHA256);
    CU_ASSERT_EQUAL(ske.signed_params.signature, TLS_SIGNATURE_RSA);
    check_truncations(sl.data[2], sl.len[2], 0);

    /* 7.4.3: the signature covers RB + RS + ServerDHParams. */
    sha256_ctx h;
    uint8_t digest[32];
    sha256_init(&h);
    sha256_update(&h, ch.random, 32);
    sha256_update(&h, sh.random, 32);
    sha256_update(&h, ske.params, ske.params_len);
    sha256_final(&h, digest);
    rsa_public_key pub;
    rsa_public_init(&pub);
    mpz_import(pub.n, n_len, 1, 1, 0, 0, n);
    mpz_import(pub.e, e_len, 1, 1, 0, 0, e);
    CU_ASSERT_EQUAL(rsa_pkcs1_verify_digest(&pub, digest, ske.signed_params.sig,
                                            ske.signed_params.sig_len), SEE_OK);
    digest[0] ^= 1; /* a different RB would not verify */
    CU_ASSERT_EQUAL(rsa_pkcs1_verify_digest(&pub, digest, ske.signed_params.sig,
                                            ske.signed_params.sig_len),
                    SEE_ERR_RSA_SIG_INVALID);
    rsa_public_clear(&pub);

    CU_ASSERT_EQUAL(hs_message_split(sl.data[3], sl.len[3], &type, &body), SEE_OK);
    CU_ASSERT_EQUAL(type, HS_SERVER_HELLO_DONE);
    CU_ASSERT_EQUAL(server_hello_done_decode(&body), SEE_OK);

    free_list(&cl);
    free_list(&sl);
    free(crec);
    free(srec);
    free(cert);
    free(n);
    free(e);
    vec_close(v);
}

/* ------------------------------------------------- our own encodings --- */

static uint8_t buf[4096];

static void test_client_hello_encoding(void)
{
    static const uint8_t suites[] = { 0x00, 0x3c, 0x00, 0x67, 0x00, 0xff };
    static const uint8_t comp[] = { 0 };
    static const uint8_t sig_algs[] = { 4, 1 };
    client_hello m;
    memset(&m, 0, sizeof m);
    m.client_version = TLS_VERSION_1_2;
    for (int i = 0; i < 32; i++)
        m.random[i] = (uint8_t)i;
    m.cipher_suites = suites;
    m.cipher_suites_len = sizeof suites;
    m.compression_methods = comp;
    m.compression_methods_len = 1;
    m.ext.server_name = 1;
    strcpy(m.ext.host_name, "robot");
    m.ext.signature_algorithms = 1;
    m.ext.sig_algs = sig_algs;
    m.ext.sig_algs_len = 2;
    m.ext.encrypt_then_mac = 1;
    m.ext.extended_master_secret = 1;
    writer w;
    writer_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL_FATAL(client_hello_encode(&w, &m), SEE_OK);
    ASSERT_HEX_EQ(buf, w.len,
                  "0100004d" "0303"
                  "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
                  "00" "0006003c006700ff" "0100"
                  "001e"
                  "0000000a" "0008" "00" "0005" "726f626f74" /* server_name */
                  "000d0004" "0002" "0401"                   /* signature_algorithms */
                  "00160000"                                 /* encrypt_then_mac */
                  "00170000");                               /* extended_master_secret */
    check_truncations(buf, w.len, 2 + 32 + 1 + 8 + 2);

    uint8_t type;
    reader body;
    client_hello back;
    CU_ASSERT_EQUAL(hs_message_split(buf, w.len, &type, &body), SEE_OK);
    CU_ASSERT_EQUAL(client_hello_decode(&body, &back), SEE_OK);
    CU_ASSERT_EQUAL(memcmp(back.random, m.random, 32), 0);
    CU_ASSERT_STRING_EQUAL(back.ext.host_name, "robot");
    CU_ASSERT_TRUE(back.ext.encrypt_then_mac && back.ext.extended_master_secret);
    CU_ASSERT_FALSE(back.ext.renegotiation_info);
}

static void test_server_hello_encoding(void)
{
    server_hello m;
    memset(&m, 0, sizeof m);
    m.server_version = TLS_VERSION_1_2;
    memset(m.random, 0xab, 32);
    m.session_id_len = 2;
    m.session_id[0] = 0x51;
    m.session_id[1] = 0xd0;
    m.cipher_suite = TLS_RSA_WITH_AES_128_CBC_SHA256;
    m.ext.renegotiation_info = 1;
    m.ext.extended_master_secret = 1;
    writer w;
    writer_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL_FATAL(server_hello_encode(&w, &m), SEE_OK);
    ASSERT_HEX_EQ(buf, w.len,
                  "02000033" "0303"
                  "abababababababababababababababababababababababababababababababab"
                  "0251d0" "003c" "00"
                  "0009" "00170000" "ff01000100");
    check_truncations(buf, w.len, 2 + 32 + 3 + 2 + 1);

    /* Compression other than null is illegal_parameter. */
    buf[4 + 2 + 32 + 3 + 2] = 1;
    uint8_t type;
    reader body;
    server_hello back;
    CU_ASSERT_EQUAL(hs_message_split(buf, w.len, &type, &body), SEE_OK);
    CU_ASSERT_EQUAL(server_hello_decode(&body, &back), SEE_ERR_TLS_ILLEGAL_PARAMETER);
}

static void test_small_messages(void)
{
    writer w;
    uint8_t type;
    reader body;

    /* Certificate with two (tiny, opaque) certificates. */
    static const uint8_t c1[] = { 0x30, 0x01, 0x00 }, c2[] = { 0x30, 0x00 };
    certificate_msg cm = { .count = 2, .cert = { c1, c2 }, .cert_len = { 3, 2 } };
    writer_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL(certificate_encode(&w, &cm), SEE_OK);
    ASSERT_HEX_EQ(buf, w.len, "0b00000e" "00000b" "000003300100" "0000023000");
    check_truncations(buf, w.len, 0);
    /* An empty certificate_list is legal (a client without one). */
    certificate_msg none = { .count = 0 };
    writer_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL(certificate_encode(&w, &none), SEE_OK);
    ASSERT_HEX_EQ(buf, w.len, "0b000003000000");
    /* ...but an empty ASN.1Cert is not. */
    static const uint8_t empty_cert[] = { 0x0b, 0, 0, 6, 0, 0, 3, 0, 0, 0 };
    CU_ASSERT_EQUAL(hs_message_split(empty_cert, sizeof empty_cert, &type, &body), SEE_OK);
    CU_ASSERT_EQUAL(certificate_decode(&body, &cm), SEE_ERR_TLS_DECODE);

    /* ServerKeyExchange: p = 23, g = 5, Ys = 8 (the slides' toy group). */
    static const uint8_t p = 23, g = 5, ys = 8, sig[] = { 0xaa, 0xbb };
    server_key_exchange ske = { .p = &p, .p_len = 1, .g = &g, .g_len = 1,
                                .ys = &ys, .ys_len = 1,
                                .signed_params = { 4, 1, sig, 2 } };
    writer_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL(server_key_exchange_encode(&w, &ske), SEE_OK);
    ASSERT_HEX_EQ(buf, w.len, "0c00000f" "000117" "000105" "000108" "0401" "0002aabb");
    check_truncations(buf, w.len, 0);
    server_key_exchange back;
    CU_ASSERT_EQUAL(hs_message_split(buf, w.len, &type, &body), SEE_OK);
    CU_ASSERT_EQUAL(server_key_exchange_decode(&body, &back), SEE_OK);
    ASSERT_HEX_EQ(back.params, back.params_len, "000117000105000108");
    /* An empty dh_Ys (<1..2^16-1>) is refused. */
    static const uint8_t no_ys[] = { 0x0c, 0, 0, 0x0c, 0, 1, 23, 0, 1, 5, 0, 0, 4, 1, 0, 0 };
    CU_ASSERT_EQUAL(hs_message_split(no_ys, sizeof no_ys, &type, &body), SEE_OK);
    CU_ASSERT_EQUAL(server_key_exchange_decode(&body, &back), SEE_ERR_TLS_DECODE);

    /* CertificateRequest: rsa_sign, sha256/rsa, one authority "AB". */
    static const uint8_t types[] = { 1 }, algs[] = { 4, 1 },
                         cas[] = { 0, 2, 'A', 'B' };
    certificate_request cr = { types, 1, algs, 2, cas, 4 };
    writer_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL(certificate_request_encode(&w, &cr), SEE_OK);
    ASSERT_HEX_EQ(buf, w.len, "0d00000c" "0101" "00020401" "000400024142");
    check_truncations(buf, w.len, 0);

    writer_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL(server_hello_done_encode(&w), SEE_OK);
    ASSERT_HEX_EQ(buf, w.len, "0e000000");
    static const uint8_t shd_long[] = { 0x0e, 0, 0, 1, 0 };
    CU_ASSERT_EQUAL(hs_message_split(shd_long, 5, &type, &body), SEE_OK);
    CU_ASSERT_EQUAL(server_hello_done_decode(&body), SEE_ERR_TLS_DECODE);

    static const uint8_t yc[] = { 0x12, 0x34, 0x56 };
    client_key_exchange cke = { yc, 3, CKE_DHE };
    writer_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL(client_key_exchange_encode(&w, &cke), SEE_OK);
    ASSERT_HEX_EQ(buf, w.len, "10000005" "0003123456");
    check_truncations(buf, w.len, 0);
    static const uint8_t cke_empty[] = { 0x10, 0, 0, 2, 0, 0 };
    CU_ASSERT_EQUAL(hs_message_split(cke_empty, 6, &type, &body), SEE_OK);
    CU_ASSERT_EQUAL(client_key_exchange_decode(&body, 1, &cke), SEE_ERR_TLS_DECODE);

    signed_part cv = { 4, 1, sig, 2 };
    writer_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL(certificate_verify_encode(&w, &cv), SEE_OK);
    ASSERT_HEX_EQ(buf, w.len, "0f000006" "04010002aabb");
    check_truncations(buf, w.len, 0);

    finished_msg f;
    for (int i = 0; i < 12; i++)
        f.verify_data[i] = (uint8_t)(0xf0 + i);
    writer_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL(finished_encode(&w, &f), SEE_OK);
    ASSERT_HEX_EQ(buf, w.len, "1400000c" "f0f1f2f3f4f5f6f7f8f9fafb");
    check_truncations(buf, w.len, 0);
}

/* An extensions block given as hex, decoded. */
static see_status decode_extensions_hex(const char *hex, hello_extensions *e)
{
    size_t n;
    uint8_t *b = hex_alloc(hex, &n);
    reader r;
    reader_init(&r, b, n);
    see_status st = extensions_decode(&r, HS_CLIENT_HELLO, e);
    free(b);
    return st;
}

static void test_extension_rules(void)
{
    hello_extensions e;
    /* Unknown extensions (here 0x1234 with data and 0xabcd empty) are skipped. */
    CU_ASSERT_EQUAL(decode_extensions_hex("000e" "12340002beef" "abcd0000" "00170000", &e), SEE_OK);
    CU_ASSERT_TRUE(e.extended_master_secret);
    CU_ASSERT_FALSE(e.encrypt_then_mac);
    /* A duplicate known extension is refused. */
    CU_ASSERT_EQUAL(decode_extensions_hex("0008" "00170000" "00170000", &e), SEE_ERR_TLS_DECODE);
    /* EMS and encrypt_then_mac carry nothing. */
    CU_ASSERT_EQUAL(decode_extensions_hex("0005" "0017000100", &e), SEE_ERR_TLS_DECODE);
    CU_ASSERT_EQUAL(decode_extensions_hex("0005" "0016000100", &e), SEE_ERR_TLS_DECODE);
    /* renegotiation_info: its inner length must fill the extension. */
    CU_ASSERT_EQUAL(decode_extensions_hex("0006" "ff0100020200", &e), SEE_ERR_TLS_DECODE);
    CU_ASSERT_EQUAL(decode_extensions_hex("0007" "ff010003" "0201ff", &e), SEE_OK);
    CU_ASSERT_EQUAL(e.renegotiated_connection_len, 2);
    /* signature_algorithms: an odd or empty list is refused. */
    CU_ASSERT_EQUAL(decode_extensions_hex("0009" "000d0005000304" "0102", &e), SEE_ERR_TLS_DECODE);
    CU_ASSERT_EQUAL(decode_extensions_hex("0006" "000d00020000", &e), SEE_ERR_TLS_DECODE);
    /* server_name: a control character in the name is illegal. */
    CU_ASSERT_EQUAL(decode_extensions_hex("000a" "00000006000400000161", &e), SEE_OK);
    CU_ASSERT_STRING_EQUAL(e.host_name, "a");
    CU_ASSERT_EQUAL(decode_extensions_hex("000a" "00000006000400000109", &e),
                    SEE_ERR_TLS_ILLEGAL_PARAMETER);
    /* The block must end the hello, and its length must be exact. */
    CU_ASSERT_EQUAL(decode_extensions_hex("0004" "00170000" "00", &e), SEE_ERR_TLS_DECODE);
    CU_ASSERT_EQUAL(decode_extensions_hex("0005" "00170000", &e), SEE_ERR_TLS_DECODE);
    CU_ASSERT_EQUAL(decode_extensions_hex("", &e), SEE_OK);
    CU_ASSERT_FALSE(e.present);
    CU_ASSERT_EQUAL(decode_extensions_hex("0000", &e), SEE_OK);
    CU_ASSERT_TRUE(e.present);
}

static void test_alerts(void)
{
    uint8_t out[2];
    writer w;
    writer_init(&w, out, sizeof out);
    alert_msg a = { ALERT_FATAL, ALERT_BAD_RECORD_MAC };
    CU_ASSERT_EQUAL(alert_encode(&w, &a), SEE_OK);
    ASSERT_HEX_EQ(out, 2, "0214");
    alert_msg back;
    CU_ASSERT_EQUAL(alert_decode(out, 2, &back), SEE_OK);
    CU_ASSERT_EQUAL(back.description, 20);
    CU_ASSERT_EQUAL(alert_decode(out, 1, &back), SEE_ERR_TLS_DECODE);
    CU_ASSERT_EQUAL(alert_decode((const uint8_t *)"\x02\x14\x00", 3, &back), SEE_ERR_TLS_DECODE);
    CU_ASSERT_EQUAL(alert_decode((const uint8_t *)"\x03\x14", 2, &back),
                    SEE_ERR_TLS_ILLEGAL_PARAMETER);
    CU_ASSERT_STRING_EQUAL(alert_name(ALERT_DECRYPT_ERROR), "decrypt_error");

    /* RFC 5246 7.2.2: the failure -> alert table. */
    CU_ASSERT_EQUAL(alert_for_status(SEE_ERR_TLS_BAD_RECORD_MAC), 20);
    /* an AEAD record's tag that does not verify (RFC 5288 3, RFC 7905) */
    CU_ASSERT_EQUAL(alert_for_status(SEE_ERR_AEAD_TAG), 20);
    CU_ASSERT_EQUAL(alert_for_status(SEE_ERR_TLS_RECORD_OVERFLOW), 22);
    CU_ASSERT_EQUAL(alert_for_status(SEE_ERR_TLS_UNEXPECTED_MESSAGE), 10);
    CU_ASSERT_EQUAL(alert_for_status(SEE_ERR_TLS_HANDSHAKE_FAILURE), 40);
    CU_ASSERT_EQUAL(alert_for_status(SEE_ERR_TLS_DECODE), 50);
    CU_ASSERT_EQUAL(alert_for_status(SEE_ERR_TLS_BAD_FINISHED), 51);
    CU_ASSERT_EQUAL(alert_for_status(SEE_ERR_RSA_SIG_INVALID), 51);
    CU_ASSERT_EQUAL(alert_for_status(SEE_ERR_TLS_PROTOCOL_VERSION), 70);
    CU_ASSERT_EQUAL(alert_for_status(SEE_ERR_TLS_RECORD_VERSION), 70);
    CU_ASSERT_EQUAL(alert_for_status(SEE_ERR_DH_GROUP_SMALL), 71);
    CU_ASSERT_EQUAL(alert_for_status(SEE_ERR_DH_PUBLIC_RANGE), 47);
    /* no_renegotiation is always a warning (7.2.2): no fatal one is sent */
    CU_ASSERT_EQUAL(alert_for_status(SEE_ERR_TLS_NO_RENEGOTIATION), -1);
    CU_ASSERT_EQUAL(alert_for_status(SEE_ERR_TLS_NO_NULL_COMPRESSION), 47);
    CU_ASSERT_EQUAL(alert_for_status(SEE_ERR_TLS_BAD_CCS), 10);
    CU_ASSERT_EQUAL(alert_for_status(SEE_ERR_TLS_TOO_MANY_IDLE_RECORDS), 10);
    CU_ASSERT_EQUAL(alert_for_status(SEE_ERR_NO_MEMORY), 80);
    CU_ASSERT_EQUAL(alert_for_status(SEE_ERR_TLS_CLOSED), -1);
    CU_ASSERT_EQUAL(alert_for_status(SEE_ERR_TLS_ALERT_RECEIVED), -1);
}

/* An extensions block given as hex, decoded as in the hello of that type. */
static see_status decode_in(uint8_t hello, const char *hex, hello_extensions *e)
{
    size_t n;
    uint8_t *b = hex_alloc(hex, &n);
    reader r;
    reader_init(&r, b, n);
    see_status st = extensions_decode(&r, hello, e);
    free(b);
    return st;
}

/* RFC 6066 3 (server_name) and RFC 5246 7.4.1.4 (what a client checks a
 * ServerHello's extensions against): which hello decides. */
static void test_extension_hello_rules(void)
{
    hello_extensions e;
    const unsigned sni = extension_bit(TLS_EXT_SERVER_NAME);
    /* ClientHello: the list holds one name at least */
    CU_ASSERT_EQUAL(decode_in(HS_CLIENT_HELLO, "0004" "00000000", &e), SEE_ERR_TLS_DECODE);
    CU_ASSERT_EQUAL(decode_in(HS_CLIENT_HELLO, "0006" "000000020000", &e), SEE_ERR_TLS_DECODE);
    /* and one per name_type: a second host_name, or any repeated type */
    CU_ASSERT_EQUAL(decode_in(HS_CLIENT_HELLO, "000e" "0000000a0008" "0000016100000162",
                              &e), SEE_ERR_TLS_ILLEGAL_PARAMETER);
    CU_ASSERT_EQUAL(decode_in(HS_CLIENT_HELLO, "000e" "0000000a0008" "0000016100000161",
                              &e), SEE_ERR_TLS_ILLEGAL_PARAMETER);
    CU_ASSERT_EQUAL(decode_in(HS_CLIENT_HELLO, "000e" "0000000a0008" "ff000161ff000162",
                              &e), SEE_ERR_TLS_ILLEGAL_PARAMETER);
    /* other types are skipped, before or after the host_name */
    CU_ASSERT_EQUAL(decode_in(HS_CLIENT_HELLO, "000e" "0000000a0008" "ff00017800000161",
                              &e), SEE_OK);
    CU_ASSERT_TRUE(e.server_name);
    CU_ASSERT_STRING_EQUAL(e.host_name, "a");
    CU_ASSERT_EQUAL(e.seen, sni);
    /* ServerHello: the acknowledgement is empty, and names no host */
    CU_ASSERT_EQUAL(decode_in(HS_SERVER_HELLO, "0004" "00000000", &e), SEE_OK);
    CU_ASSERT_EQUAL(e.seen, sni);
    CU_ASSERT_FALSE(e.server_name);
    CU_ASSERT_EQUAL(decode_in(HS_SERVER_HELLO, "000a" "00000006000400000161", &e),
                    SEE_ERR_TLS_DECODE);
    /* unknown types are counted, known ones marked */
    CU_ASSERT_EQUAL(decode_in(HS_SERVER_HELLO, "000e" "12340002beef" "abcd0000" "00170000",
                              &e), SEE_OK);
    CU_ASSERT_EQUAL(e.unknown, 2);
    CU_ASSERT_EQUAL(e.seen, extension_bit(TLS_EXT_EXTENDED_MASTER_SECRET));
    /* extensions_mask names exactly what extensions_encode writes */
    static const uint8_t algs[2] = { 4, 1 };
    hello_extensions all;
    memset(&all, 0, sizeof all);
    all.server_name = all.signature_algorithms = all.encrypt_then_mac = 1;
    all.extended_master_secret = all.renegotiation_info = 1;
    strcpy(all.host_name, "robot.lab");
    all.sig_algs = algs;
    all.sig_algs_len = 2;
    uint8_t block[128];
    writer w;
    writer_init(&w, block, sizeof block);
    CU_ASSERT_EQUAL(extensions_encode(&w, &all), SEE_OK);
    reader r;
    reader_init(&r, block, w.len);
    CU_ASSERT_EQUAL(extensions_decode(&r, HS_CLIENT_HELLO, &e), SEE_OK);
    CU_ASSERT_EQUAL(e.seen, extensions_mask(&all));
    CU_ASSERT_EQUAL(e.unknown, 0);
    CU_ASSERT_EQUAL(extension_bit(0x1234), 0);
    /* RFC 6066 3: no address in HostName */
    CU_ASSERT_TRUE(host_is_ip_literal("127.0.0.1"));
    CU_ASSERT_TRUE(host_is_ip_literal("::1"));
    CU_ASSERT_TRUE(host_is_ip_literal("fe80::1%eth0"));
    CU_ASSERT_FALSE(host_is_ip_literal("robot.lab"));
    CU_ASSERT_FALSE(host_is_ip_literal("10.0.0.1.nip.io"));
}

/* ECDHE's two messages (RFC 8422 5.4, 5.7) and ec_point_formats
 * (5.1.2): exact bytes, round trips, every truncation refused. */
static see_status decode_ecdh_ske(reader *body)
{
    server_ecdh_key_exchange m;
    return server_ecdh_key_exchange_decode(body, &m);
}

static see_status decode_ecdh_cke(reader *body)
{
    client_key_exchange m;
    return client_key_exchange_decode(body, CKE_ECDHE, &m);
}

/* Every proper prefix of the body refused, the whole accepted, one byte
 * more refused; each prefix in an exact-size heap copy. */
static void check_ecdh_truncations(const uint8_t *msg, size_t len,
                                   see_status (*decode)(reader *))
{
    const uint8_t *b = msg + 4;
    size_t n = len - 4;
    for (size_t cut = 0; cut <= n + 1; cut++) {
        uint8_t *copy = malloc(cut + 1);
        memcpy(copy, b, cut <= n ? cut : n);
        copy[n < cut ? n : cut] = 0;
        reader r;
        reader_init(&r, copy, cut);
        see_status st = decode(&r);
        if (cut == n) {
            CU_ASSERT_EQUAL(st, SEE_OK);
        } else if (st == SEE_OK) {
            CU_FAIL("a truncated or overlong ECDHE message decoded");
        }
        free(copy);
    }
}

static void test_ecdhe_messages(void)
{
    /* ServerKeyExchange: named_curve (03) x25519 (001d), a 32-byte point
     * (RFC 7748 6.1's Alice's public key), sha256/rsa and a signature */
    uint8_t point[32];
    size_t point_len = 0;
    CU_ASSERT_EQUAL_FATAL(see_hex_decode("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
                                         point, sizeof point, &point_len), SEE_OK);
    CU_ASSERT_EQUAL_FATAL(point_len, 32);
    static const uint8_t sig[] = { 0xaa, 0xbb };
    server_ecdh_key_exchange ske = { .curve_type = 3, .named_curve = 0x001d,
                                     .point = point, .point_len = 32,
                                     .signed_params = { 4, 1, sig, 2 } };
    writer w;
    writer_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL(server_ecdh_key_exchange_encode(&w, &ske), SEE_OK);
    ASSERT_HEX_EQ(buf, w.len, "0c00002a" "03001d" "20"
                  "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"
                  "0401" "0002aabb");
    check_ecdh_truncations(buf, w.len, decode_ecdh_ske);
    uint8_t type;
    reader body;
    server_ecdh_key_exchange back;
    CU_ASSERT_EQUAL(hs_message_split(buf, w.len, &type, &body), SEE_OK);
    CU_ASSERT_EQUAL(server_ecdh_key_exchange_decode(&body, &back), SEE_OK);
    CU_ASSERT_EQUAL(back.curve_type, 3);
    CU_ASSERT_EQUAL(back.named_curve, 0x001d);
    ASSERT_HEX_EQ(back.point, back.point_len,
                  "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    /* what is signed: ServerECDHParams exactly */
    CU_ASSERT_EQUAL(back.params_len, 4 + 32);
    CU_ASSERT_EQUAL(memcmp(back.params, buf + 4, 4 + 32), 0);
    CU_ASSERT_EQUAL(back.signed_params.sig_len, 2);
    /* explicit_prime (1): illegal_parameter (5.4) */
    buf[4] = 1;
    CU_ASSERT_EQUAL(hs_message_split(buf, w.len, &type, &body), SEE_OK);
    CU_ASSERT_EQUAL(server_ecdh_key_exchange_decode(&body, &back),
                    SEE_ERR_TLS_ILLEGAL_PARAMETER);
    /* an empty point (<1..2^8-1>): decode_error */
    static const uint8_t no_point[] = { 0x0c, 0, 0, 8, 3, 0, 0x1d, 0, 4, 1, 0, 0 };
    CU_ASSERT_EQUAL(hs_message_split(no_point, sizeof no_point, &type, &body), SEE_OK);
    CU_ASSERT_EQUAL(server_ecdh_key_exchange_decode(&body, &back), SEE_ERR_TLS_DECODE);

    /* ClientKeyExchange: ecdh_Yc with a 1-byte length (5.7) */
    client_key_exchange cke = { point, 32, CKE_ECDHE };
    writer_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL(client_key_exchange_encode(&w, &cke), SEE_OK);
    ASSERT_HEX_EQ(buf, w.len, "10000021" "20"
                  "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    check_ecdh_truncations(buf, w.len, decode_ecdh_cke);
    static const uint8_t cke_empty[] = { 0x10, 0, 0, 1, 0 };
    CU_ASSERT_EQUAL(hs_message_split(cke_empty, sizeof cke_empty, &type, &body), SEE_OK);
    CU_ASSERT_EQUAL(client_key_exchange_decode(&body, CKE_ECDHE, &cke), SEE_ERR_TLS_DECODE);
    /* DHE's 2-byte length read as ECDHE's is refused */
    static const uint8_t cke_dhe[] = { 0x10, 0, 0, 3, 0, 1, 7 };
    CU_ASSERT_EQUAL(hs_message_split(cke_dhe, sizeof cke_dhe, &type, &body), SEE_OK);
    CU_ASSERT_EQUAL(client_key_exchange_decode(&body, CKE_ECDHE, &cke), SEE_ERR_TLS_DECODE);

    /* ec_point_formats: 000b, length 2, list length 1, uncompressed */
    static const uint8_t uncompressed[] = { 0 }, x25519[] = { 0x00, 0x1d };
    hello_extensions e;
    memset(&e, 0, sizeof e);
    e.supported_groups = 1;
    e.groups = x25519;
    e.groups_len = 2;
    e.ec_point_formats = 1;
    e.point_formats = uncompressed;
    e.point_formats_len = 1;
    writer_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL(extensions_encode(&w, &e), SEE_OK);
    ASSERT_HEX_EQ(buf, w.len, "000e" "000a00040002001d" "000b00020100");
    reader r;
    reader_init(&r, buf, w.len);
    hello_extensions eback;
    CU_ASSERT_EQUAL(extensions_decode(&r, HS_CLIENT_HELLO, &eback), SEE_OK);
    CU_ASSERT_TRUE(eback.ec_point_formats);
    CU_ASSERT_TRUE(extensions_point_formats_uncompressed(&eback));
    CU_ASSERT_TRUE(extensions_list_a_curve(&eback));
    CU_ASSERT_EQUAL(eback.seen, extensions_mask(&e));
    /* an empty list (<1..2^8-1>) is decode_error; one without 0 decodes
     * (refusing it is the server's, RFC 8422 5.1.2) */
    static const uint8_t empty_list[] = { 0, 5, 0x00, 0x0b, 0, 1, 0 };
    reader_init(&r, empty_list, sizeof empty_list);
    CU_ASSERT_EQUAL(extensions_decode(&r, HS_CLIENT_HELLO, &eback), SEE_ERR_TLS_DECODE);
    static const uint8_t compressed[] = { 0, 6, 0x00, 0x0b, 0, 2, 1, 1 };
    reader_init(&r, compressed, sizeof compressed);
    CU_ASSERT_EQUAL(extensions_decode(&r, HS_CLIENT_HELLO, &eback), SEE_OK);
    CU_ASSERT_FALSE(extensions_point_formats_uncompressed(&eback));
    CU_ASSERT_FALSE(extensions_list_a_curve(&eback));
    /* twice: decode_error, as any known extension */
    static const uint8_t twice[] = { 0, 12, 0x00, 0x0b, 0, 2, 1, 0,
                                     0x00, 0x0b, 0, 2, 1, 0 };
    reader_init(&r, twice, sizeof twice);
    CU_ASSERT_EQUAL(extensions_decode(&r, HS_CLIENT_HELLO, &eback), SEE_ERR_TLS_DECODE);
}

static CU_TestInfo tests[] = {
    { "openssl's ClientHello decodes", test_openssl_client_hello },
    { "openssl's server flight decodes; its DHE signature verifies", test_openssl_server_flight },
    { "ClientHello: exact bytes, round trip, truncations", test_client_hello_encoding },
    { "ServerHello: exact bytes, truncations, compression", test_server_hello_encoding },
    { "the other messages: exact bytes and truncations", test_small_messages },
    { "extensions: unknown skipped, duplicates and bad contents refused", test_extension_rules },
    { "alerts: encoding and the failure -> alert table", test_alerts },
    { "extensions: server_name by hello, unknown ones counted", test_extension_hello_rules },
    { "ECDHE: ServerKeyExchange, ClientKeyExchange, ec_point_formats", test_ecdhe_messages },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("messages", tests);
}
