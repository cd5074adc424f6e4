/*
 * test_tls_groups.c: the Diffie-Hellman group of a DHE handshake: RFC 7919
 * negotiation on the server, the client's offer, and the limits on a
 * server's group.
 *
 * Server: handcrafted ClientHellos; its answer is read off the wire.
 *  - supported_groups with ffdhe3072 only: DHE in ffdhe3072, its p sent;
 *    unknown finite field codepoints (511) and an elliptic curve beside it
 *    change nothing; several in common: our order first;
 *  - only unknown finite field codepoints, or only groups we do not
 *    accept: the RSA suite, or insufficient_security when the client
 *    offers nothing else (RFC 7919 4);
 *  - only elliptic curves, or no list: DHE as before, in the configured
 *    group (seetls server --dhparam), which a client that lists groups
 *    never gets;
 *  - ffdhe8192 when configured; with a 3072-bit RSA key, a group at least
 *    as large when the client lists one;
 *  - a malformed supported_groups: decode_error.
 * Client:
 *  - lists ffdhe2048, ffdhe3072, ffdhe4096 when it offers DHE, no list
 *    without;
 *  - a server's p of 8193 bits (or 2047) is refused with
 *    insufficient_security before the RSA signature is checked (a forged
 *    signature changes nothing) and before any exponentiation (no private
 *    exponent drawn);
 *  - whole handshakes with our server in ffdhe6144 and ffdhe8192, and one
 *    where the two sides have no group in common (RSA).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/sha256.h"
#include "handshake/alert.h"
#include "handshake/tls.h"
#include "tests/unit/harness.h"
#include "tests/unit/tls_fixture.h"

/* p of a named group as big-endian bytes. */
static size_t named_p(const char *name, uint8_t *out)
{
    dh_group g;
    dh_group_init(&g);
    CU_ASSERT_EQUAL(dh_group_named(&g, name, 0), SEE_OK);
    size_t len = 0;
    mpz_export(out, &len, 1, 1, 0, 0, g.p);
    dh_group_clear(&g);
    return len;
}

/* ------------------------------------------------- records on the wire --- */

/* Wrap a handshake message in a plaintext record (22 03 03 length). */
static size_t as_record(const uint8_t *msg, size_t len, uint8_t *out)
{
    out[0] = 22;
    out[1] = 3;
    out[2] = 3;
    out[3] = (uint8_t)(len >> 8);
    out[4] = (uint8_t)len;
    memcpy(out + 5, msg, len);
    return len + 5;
}

/* What a peer sent in the clear: the handshake messages run together, and
 * the last alert's description (-1: none). */
typedef struct {
    uint8_t hs[1 << 16];
    size_t hs_len;
    int alert;
} wire;

static void read_wire(const transport *t, wire *out)
{
    static uint8_t bytes[1 << 16];
    size_t len = 0, got;
    while (len < sizeof bytes &&
           transport_read(t, bytes + len, sizeof bytes - len, &got) == SEE_OK)
        len += got;
    out->hs_len = 0;
    out->alert = -1;
    reader r;
    reader_init(&r, bytes, len);
    uint8_t type;
    uint16_t version;
    reader body;
    while (reader_u8(&r, &type) == SEE_OK && reader_u16(&r, &version) == SEE_OK &&
           reader_vector(&r, 2, &body) == SEE_OK) {
        size_t n = reader_remaining(&body);
        const uint8_t *b;
        CU_ASSERT_EQUAL_FATAL(reader_bytes(&body, n, &b), SEE_OK);
        if (type == 22 && out->hs_len + n <= sizeof out->hs) {
            memcpy(out->hs + out->hs_len, b, n);
            out->hs_len += n;
        } else if (type == 21 && n == 2) {
            out->alert = b[1];
        }
    }
}

/* The next handshake message of a type in w: its body, or 0. */
static int find_message(const wire *w, uint8_t want, reader *body)
{
    reader r;
    reader_init(&r, w->hs, w->hs_len);
    uint8_t type;
    uint32_t len;
    while (reader_u8(&r, &type) == SEE_OK && reader_u24(&r, &len) == SEE_OK) {
        if (reader_sub(&r, len, body) != SEE_OK)
            return 0;
        if (type == want)
            return 1;
    }
    return 0;
}

/* ------------------------------------------------ the server's answers --- */

typedef struct {
    see_status status;          /* the server's tls_handshake */
    uint16_t suite;             /* from its ServerHello; 0: none */
    uint8_t p[DH_MAX_BYTES];    /* from its ServerKeyExchange */
    size_t p_len;               /* 0: none sent */
    int alert;                  /* the alert it sent, -1: none */
} answer;

/* A ClientHello offering the suites (DHE needs sha256/rsa, which it
 * lists) and, when groups is not NULL, supported_groups with these bytes
 * as its list. */
static size_t client_hello_record(const uint16_t *suites, size_t n_suites,
                                  const uint8_t *groups, size_t groups_len,
                                  uint8_t *out)
{
    static const uint8_t comp[] = { 0 };
    static const uint8_t sha256_rsa[] = { TLS_HASH_SHA256, TLS_SIGNATURE_RSA };
    uint8_t suite_bytes[2 * TLS_MAX_SUITES];
    for (size_t i = 0; i < n_suites; i++) {
        suite_bytes[2 * i] = (uint8_t)(suites[i] >> 8);
        suite_bytes[2 * i + 1] = (uint8_t)suites[i];
    }
    client_hello m;
    memset(&m, 0, sizeof m);
    m.client_version = TLS_VERSION_1_2;
    memset(m.random, 0x42, sizeof m.random);
    m.cipher_suites = suite_bytes;
    m.cipher_suites_len = 2 * n_suites;
    m.compression_methods = comp;
    m.compression_methods_len = 1;
    m.ext.signature_algorithms = 1;
    m.ext.sig_algs = sha256_rsa;
    m.ext.sig_algs_len = sizeof sha256_rsa;
    if (groups != NULL) {
        m.ext.supported_groups = 1;
        m.ext.groups = groups;
        m.ext.groups_len = groups_len;
    }
    uint8_t msg[512];
    writer w;
    writer_init(&w, msg, sizeof msg);
    CU_ASSERT_EQUAL_FATAL(client_hello_encode(&w, &m), SEE_OK);
    return as_record(msg, w.len, out);
}

/* Send one ClientHello to a server with this configuration and read what
 * it says back. The client then closes: a server that got as far as its
 * flight fails with SEE_ERR_TLS_CLOSED waiting for ClientKeyExchange. */
static void ask_server(const tls_config *cfg, const uint16_t *suites,
                       size_t n_suites, const uint8_t *groups,
                       size_t groups_len, answer *a)
{
    uint8_t hello[600];
    size_t len = client_hello_record(suites, n_suites, groups, groups_len, hello);
    memory_pipe pipe;
    pipe_end ce, se;
    transport ct, st;
    CU_ASSERT_EQUAL_FATAL(memory_pipe_init(&pipe, 2000), SEE_OK);
    memory_pipe_ends(&pipe, &ce, &se, &ct, &st);
    CU_ASSERT_EQUAL(transport_write(&ct, hello, len), SEE_OK);
    transport_close(&ct);
    tls_conn *server = malloc(sizeof *server);
    tls_conn_init(server, TLS_ROLE_SERVER, cfg, &st);
    a->status = tls_handshake(server);
    transport_close(&st);
    tls_conn_free(server);
    free(server);

    static wire w;
    read_wire(&ct, &w);
    memory_pipe_destroy(&pipe);
    a->alert = w.alert;
    a->suite = 0;
    a->p_len = 0;
    reader body;
    server_hello sh;
    if (find_message(&w, HS_SERVER_HELLO, &body) &&
        server_hello_decode(&body, &sh) == SEE_OK)
        a->suite = sh.cipher_suite;
    server_key_exchange ske;
    if (find_message(&w, HS_SERVER_KEY_EXCHANGE, &body) &&
        server_key_exchange_decode(&body, &ske) == SEE_OK &&
        ske.p_len <= sizeof a->p) {
        memcpy(a->p, ske.p, ske.p_len);
        a->p_len = ske.p_len;
    }
}

static const uint16_t dhe_only[] = { TLS_DHE_RSA_WITH_AES_128_CBC_SHA256 };
static const uint16_t dhe_and_rsa[] = { TLS_DHE_RSA_WITH_AES_128_CBC_SHA256,
                                        TLS_RSA_WITH_AES_128_CBC_SHA256 };

/* The server chose DHE and sent this named group's p. */
static void expect_dhe_in(const answer *a, const char *name)
{
    uint8_t want[DH_MAX_BYTES];
    size_t want_len = named_p(name, want);
    CU_ASSERT_EQUAL(a->status, SEE_ERR_TLS_CLOSED);
    CU_ASSERT_EQUAL(a->suite, TLS_DHE_RSA_WITH_AES_128_CBC_SHA256);
    CU_ASSERT_EQUAL(a->p_len, want_len);
    CU_ASSERT(a->p_len == want_len && memcmp(a->p, want, want_len) == 0);
    CU_ASSERT_EQUAL(a->alert, -1);
}

static void test_server_takes_the_clients_group(void)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    tls_config cfg;
    tls_test_server_config(&cfg);
    answer a;
    static const uint8_t ffdhe3072[] = { 0x01, 0x01 };
    ask_server(&cfg, dhe_and_rsa, 2, ffdhe3072, sizeof ffdhe3072, &a);
    expect_dhe_in(&a, "ffdhe3072");
    /* an unknown finite field codepoint, then ffdhe4096 */
    static const uint8_t unknown_then_4096[] = { 0x01, 0xff, 0x01, 0x02 };
    ask_server(&cfg, dhe_only, 1, unknown_then_4096, sizeof unknown_then_4096, &a);
    expect_dhe_in(&a, "ffdhe4096");
    /* secp256r1 (23), then ffdhe3072 */
    static const uint8_t curve_then_3072[] = { 0x00, 0x17, 0x01, 0x01 };
    ask_server(&cfg, dhe_only, 1, curve_then_3072, sizeof curve_then_3072, &a);
    expect_dhe_in(&a, "ffdhe3072");
    /* two in common, the client preferring ffdhe4096: ours comes first */
    static const uint8_t prefers_4096[] = { 0x01, 0x02, 0x01, 0x00 };
    ask_server(&cfg, dhe_only, 1, prefers_4096, sizeof prefers_4096, &a);
    expect_dhe_in(&a, "ffdhe2048");
    /* ours in another order */
    cfg.groups[0] = DH_TLS_FFDHE4096;
    cfg.groups[1] = DH_TLS_FFDHE2048;
    cfg.group_count = 2;
    ask_server(&cfg, dhe_only, 1, prefers_4096, sizeof prefers_4096, &a);
    expect_dhe_in(&a, "ffdhe4096");
}

static void test_server_without_a_common_group(void)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    tls_config cfg;
    tls_test_server_config(&cfg);
    answer a;
    /* only an unknown finite field group: RSA, no ServerKeyExchange */
    static const uint8_t unknown[] = { 0x01, 0xff };
    ask_server(&cfg, dhe_and_rsa, 2, unknown, sizeof unknown, &a);
    CU_ASSERT_EQUAL(a.status, SEE_ERR_TLS_CLOSED);
    CU_ASSERT_EQUAL(a.suite, TLS_RSA_WITH_AES_128_CBC_SHA256);
    CU_ASSERT_EQUAL(a.p_len, 0);
    /* ffdhe8192, known to us but not among our groups: the same */
    static const uint8_t ffdhe8192[] = { 0x01, 0xff, 0x01, 0x04 };
    ask_server(&cfg, dhe_and_rsa, 2, ffdhe8192, sizeof ffdhe8192, &a);
    CU_ASSERT_EQUAL(a.suite, TLS_RSA_WITH_AES_128_CBC_SHA256);
    CU_ASSERT_EQUAL(a.p_len, 0);
    /* no other suite: insufficient_security, the fatal alert 02 47 */
    ask_server(&cfg, dhe_only, 1, unknown, sizeof unknown, &a);
    CU_ASSERT_EQUAL(a.status, SEE_ERR_TLS_NO_COMMON_GROUP);
    CU_ASSERT_EQUAL(a.alert, ALERT_INSUFFICIENT_SECURITY);
    CU_ASSERT_EQUAL(a.suite, 0);
    /* a server that does not take RSA at all: the same */
    cfg.suites[0] = TLS_DHE_RSA_WITH_AES_128_CBC_SHA256;
    cfg.suite_count = 1;
    ask_server(&cfg, dhe_and_rsa, 2, unknown, sizeof unknown, &a);
    CU_ASSERT_EQUAL(a.status, SEE_ERR_TLS_NO_COMMON_GROUP);
    CU_ASSERT_EQUAL(a.alert, ALERT_INSUFFICIENT_SECURITY);
}

static void test_server_for_clients_without_ffdhe(void)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    tls_config cfg;
    tls_test_server_config(&cfg);
    answer a;
    /* only elliptic curves: the list says nothing about DHE (RFC 7919 4) */
    static const uint8_t curves[] = { 0x00, 0x17, 0x00, 0x18 };
    ask_server(&cfg, dhe_and_rsa, 2, curves, sizeof curves, &a);
    expect_dhe_in(&a, "ffdhe2048");
    ask_server(&cfg, dhe_and_rsa, 2, NULL, 0, &a);
    expect_dhe_in(&a, "ffdhe2048");
    /* our first group when no dh_group is configured */
    cfg.groups[0] = DH_TLS_FFDHE3072;
    cfg.group_count = 1;
    ask_server(&cfg, dhe_only, 1, curves, sizeof curves, &a);
    expect_dhe_in(&a, "ffdhe3072");
    /* a configured group (--dhparam) goes to these clients only */
    dh_group modp;
    dh_group_init(&modp);
    CU_ASSERT_EQUAL_FATAL(dh_group_named(&modp, "modp2048", 0), SEE_OK);
    cfg.dh_group = &modp;
    ask_server(&cfg, dhe_only, 1, NULL, 0, &a);
    expect_dhe_in(&a, "modp2048");
    static const uint8_t ffdhe3072[] = { 0x01, 0x01 };
    ask_server(&cfg, dhe_only, 1, ffdhe3072, sizeof ffdhe3072, &a);
    expect_dhe_in(&a, "ffdhe3072");
    dh_group_clear(&modp);
}

static void test_server_large_groups_and_key_strength(void)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    tls_config cfg;
    tls_test_server_config(&cfg);
    answer a;
    /* ffdhe8192 configured: 1024 bytes of p on the wire */
    cfg.groups[0] = DH_TLS_FFDHE8192;
    cfg.groups[1] = DH_TLS_FFDHE6144;
    cfg.group_count = 2;
    static const uint8_t ffdhe8192[] = { 0x01, 0x04 };
    ask_server(&cfg, dhe_only, 1, ffdhe8192, sizeof ffdhe8192, &a);
    expect_dhe_in(&a, "ffdhe8192");
    CU_ASSERT_EQUAL(a.p_len, 1024);
    static const uint8_t ffdhe6144[] = { 0x01, 0x03 };
    ask_server(&cfg, dhe_only, 1, ffdhe6144, sizeof ffdhe6144, &a);
    expect_dhe_in(&a, "ffdhe6144");

    /* RFC 7919 4: with a 3072-bit RSA key, ffdhe4096 before our first
     * choice ffdhe2048, when the client lists both */
    rsa_private_key big;
    rsa_private_init(&big);
    see_rng rng;
    rng_init_seeded(&rng, "groups", 6);
    CU_ASSERT_EQUAL_FATAL(rsa_generate(&rng, 3072, 0, &big), SEE_OK);
    tls_test_server_config(&cfg);
    cfg.key = &big;
    static const uint8_t both[] = { 0x01, 0x00, 0x01, 0x02 };
    ask_server(&cfg, dhe_only, 1, both, sizeof both, &a);
    expect_dhe_in(&a, "ffdhe4096");
    /* none as large: our first in common */
    static const uint8_t small_only[] = { 0x01, 0x00 };
    ask_server(&cfg, dhe_only, 1, small_only, sizeof small_only, &a);
    expect_dhe_in(&a, "ffdhe2048");
    rsa_private_clear(&big);
    rng_wipe(&rng);
}

/* RFC 8422 5.1.1: named_group_list<2..2^16-1> of 2-byte values. */
static void test_supported_groups_decoding(void)
{
    static const struct {
        const char *hex;
        see_status want;
    } cases[] = {
        { "0006" "000a00020000", SEE_ERR_TLS_DECODE },         /* empty list */
        { "0007" "000a0003000101", SEE_ERR_TLS_DECODE },       /* odd length */
        { "0007" "000a000300020100", SEE_ERR_TLS_DECODE },     /* list runs past */
        { "0008" "000a0004000201000a", SEE_ERR_TLS_DECODE },   /* trailing byte */
        { "000e" "000a000400020100" "000a000400020101", SEE_ERR_TLS_DECODE }, /* twice */
        { "000a" "000a0006000401ff0101", SEE_OK },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t len;
        uint8_t *bytes = hex_alloc(cases[i].hex, &len);
        reader r;
        reader_init(&r, bytes, len);
        hello_extensions e;
        CU_ASSERT_EQUAL(extensions_decode(&r, HS_CLIENT_HELLO, &e), cases[i].want);
        if (cases[i].want == SEE_OK) {
            CU_ASSERT(e.supported_groups);
            ASSERT_HEX_EQ(e.groups, e.groups_len, "01ff0101");
            /* and it encodes back to the same bytes */
            uint8_t again[32];
            writer w;
            writer_init(&w, again, sizeof again);
            CU_ASSERT_EQUAL(extensions_encode(&w, &e), SEE_OK);
            ASSERT_HEX_EQ(again, w.len, cases[i].hex);
        }
        free(bytes);
    }
    /* the server answers an empty list with decode_error */
    CU_ASSERT_FATAL(tls_test_identity_load());
    tls_config cfg;
    tls_test_server_config(&cfg);
    answer a;
    static const uint8_t none[1] = { 0 };
    ask_server(&cfg, dhe_only, 1, none, 0, &a);
    CU_ASSERT_EQUAL(a.status, SEE_ERR_TLS_DECODE);
    CU_ASSERT_EQUAL(a.alert, ALERT_DECODE_ERROR);
}

/* --------------------------------------------------- the client's side --- */

/* The ClientHello our client sends with this configuration. */
static void client_hello_of(tls_config *cfg, client_hello *m, wire *w)
{
    memory_pipe pipe;
    pipe_end ce, se;
    transport ct, st;
    CU_ASSERT_EQUAL_FATAL(memory_pipe_init(&pipe, 2000), SEE_OK);
    memory_pipe_ends(&pipe, &ce, &se, &ct, &st);
    transport_close(&st); /* no server: the client stops after its hello */
    tls_conn *client = malloc(sizeof *client);
    tls_conn_init(client, TLS_ROLE_CLIENT, cfg, &ct);
    CU_ASSERT_EQUAL(tls_handshake(client), SEE_ERR_TLS_CLOSED);
    transport_close(&ct);
    tls_conn_free(client);
    free(client);
    read_wire(&st, w);
    memory_pipe_destroy(&pipe);
    reader body;
    CU_ASSERT_FATAL(find_message(w, HS_CLIENT_HELLO, &body));
    CU_ASSERT_EQUAL_FATAL(client_hello_decode(&body, m), SEE_OK);
}

static void test_client_offers_groups(void)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    tls_config cfg;
    tls_config_init(&cfg);
    cfg.verify = tls_test_trust;
    static wire w;
    client_hello m;
    client_hello_of(&cfg, &m, &w);
    CU_ASSERT(m.ext.supported_groups);
    /* x25519 first: the defaults offer ECDHE too (test_tls_ecdhe) */
    ASSERT_HEX_EQ(m.ext.groups, m.ext.groups_len, "001d010001010102");
    /* in the configured order */
    cfg.groups[0] = DH_TLS_FFDHE8192;
    cfg.group_count = 1;
    client_hello_of(&cfg, &m, &w);
    ASSERT_HEX_EQ(m.ext.groups, m.ext.groups_len, "0104");
    /* without a DHE suite, no list (RFC 7919 3) */
    cfg.suites[0] = TLS_RSA_WITH_AES_128_CBC_SHA256;
    cfg.suite_count = 1;
    client_hello_of(&cfg, &m, &w);
    CU_ASSERT_FALSE(m.ext.supported_groups);
    /* a group we cannot use is never offered */
    cfg.suites[0] = TLS_DHE_RSA_WITH_AES_128_CBC_SHA256;
    cfg.groups[0] = 511;
    memory_pipe pipe;
    pipe_end ce, se;
    transport ct, st;
    CU_ASSERT_EQUAL_FATAL(memory_pipe_init(&pipe, 2000), SEE_OK);
    memory_pipe_ends(&pipe, &ce, &se, &ct, &st);
    tls_conn *client = malloc(sizeof *client);
    tls_conn_init(client, TLS_ROLE_CLIENT, &cfg, &ct);
    CU_ASSERT_EQUAL(tls_handshake(client), SEE_ERR_ARGUMENT);
    tls_conn_free(client);
    free(client);
    memory_pipe_destroy(&pipe);
}

/* A server of our own making: it answers the client's hello with a
 * ServerKeyExchange carrying p_bits of p (g = 2, Ys = 2), signed with the
 * test key, or with a forged signature. */
typedef struct {
    transport *io;
    unsigned p_bits;
    int forge;
} fake_server;

static size_t append_record(uint8_t *out, const writer *w)
{
    return as_record(w->data, w->len, out);
}

static void *fake_server_main(void *arg)
{
    fake_server *f = arg;
    static uint8_t in[4096], out[8192], msg[4096];
    size_t in_len = 0, got;
    /* the ClientHello record, whole */
    while (in_len < 5 || in_len < 5 + (size_t)(in[3] << 8 | in[4])) {
        if (transport_read(f->io, in + in_len, sizeof in - in_len, &got) != SEE_OK)
            return NULL;
        in_len += got;
    }
    uint8_t rb[32], rs[32];
    memcpy(rb, in + 5 + 4 + 2, sizeof rb); /* record, message header, version */
    memset(rs, 0x53, sizeof rs);

    size_t out_len = 0;
    writer w;
    server_hello sh;
    memset(&sh, 0, sizeof sh);
    sh.server_version = TLS_VERSION_1_2;
    memcpy(sh.random, rs, sizeof rs);
    sh.cipher_suite = TLS_DHE_RSA_WITH_AES_128_CBC_SHA256;
    writer_init(&w, msg, sizeof msg);
    CU_ASSERT_EQUAL(server_hello_encode(&w, &sh), SEE_OK);
    out_len += append_record(out + out_len, &w);
    certificate_msg chain = { .count = 1 };
    chain.cert[0] = tls_test_cert;
    chain.cert_len[0] = tls_test_cert_len;
    writer_init(&w, msg, sizeof msg);
    CU_ASSERT_EQUAL(certificate_encode(&w, &chain), SEE_OK);
    out_len += append_record(out + out_len, &w);

    /* p: the top bit p_bits - 1 set, odd; g = 2; Ys = 2 */
    uint8_t p[DH_MAX_BYTES + 1];
    size_t p_len = (f->p_bits + 7) / 8;
    memset(p, 0xff, p_len);
    p[0] = (uint8_t)(0xff >> (8 * p_len - f->p_bits));
    static const uint8_t two[] = { 2 };
    uint8_t params[DH_MAX_BYTES + 16];
    writer pw;
    writer_init(&pw, params, sizeof params);
    CU_ASSERT_EQUAL(writer_vector(&pw, 2, p, p_len), SEE_OK);
    CU_ASSERT_EQUAL(writer_vector(&pw, 2, two, 1), SEE_OK);
    CU_ASSERT_EQUAL(writer_vector(&pw, 2, two, 1), SEE_OK);
    uint8_t digest[32], sig[256];
    size_t sig_len = sizeof sig;
    sha256_ctx h;
    sha256_init(&h);
    sha256_update(&h, rb, sizeof rb);
    sha256_update(&h, rs, sizeof rs);
    sha256_update(&h, params, pw.len);
    sha256_final(&h, digest);
    if (f->forge)
        memset(sig, 0x5a, sizeof sig);
    else
        CU_ASSERT_EQUAL(rsa_pkcs1_sign_digest(&tls_test_key, NULL, digest, sig,
                                              sizeof sig, &sig_len), SEE_OK);
    server_key_exchange ske = { .p = p, .p_len = p_len, .g = two, .g_len = 1,
                                .ys = two, .ys_len = 1 };
    ske.signed_params = (signed_part){ TLS_HASH_SHA256, TLS_SIGNATURE_RSA, sig, sig_len };
    writer_init(&w, msg, sizeof msg);
    CU_ASSERT_EQUAL(server_key_exchange_encode(&w, &ske), SEE_OK);
    out_len += append_record(out + out_len, &w);
    writer_init(&w, msg, sizeof msg);
    CU_ASSERT_EQUAL(server_hello_done_encode(&w), SEE_OK);
    out_len += append_record(out + out_len, &w);
    CU_ASSERT_EQUAL(transport_write(f->io, out, out_len), SEE_OK);
    transport_close(f->io);
    return NULL;
}

/* Our client against the fake server: its status, the alert it sent, and
 * whether it drew a private exponent (the first step to g^x mod p). */
static void client_meets_group(unsigned p_bits, int forge, see_status want)
{
    tls_config cfg;
    tls_config_init(&cfg);
    cfg.verify = tls_test_trust;
    cfg.suites[0] = TLS_DHE_RSA_WITH_AES_128_CBC_SHA256;
    cfg.suite_count = 1;
    memory_pipe pipe;
    pipe_end ce, se;
    transport ct, st;
    CU_ASSERT_EQUAL_FATAL(memory_pipe_init(&pipe, 5000), SEE_OK);
    memory_pipe_ends(&pipe, &ce, &se, &ct, &st);
    fake_server f = { &st, p_bits, forge };
    pthread_t th;
    CU_ASSERT_EQUAL_FATAL(pthread_create(&th, NULL, fake_server_main, &f), 0);
    tls_conn *client = malloc(sizeof *client);
    tls_conn_init(client, TLS_ROLE_CLIENT, &cfg, &ct);
    CU_ASSERT_EQUAL(tls_handshake(client), want);
    CU_ASSERT_EQUAL(client->alert_sent, ALERT_INSUFFICIENT_SECURITY);
    CU_ASSERT_EQUAL(client->dh_x_len, 0);        /* no exponent drawn */
    uint8_t any = 0;
    for (size_t i = 0; i < sizeof client->dh_x; i++)
        any |= client->dh_x[i];
    CU_ASSERT_EQUAL(any, 0);
    transport_close(&ct);
    pthread_join(th, NULL);
    static wire w;
    read_wire(&st, &w);
    CU_ASSERT_EQUAL(w.alert, ALERT_INSUFFICIENT_SECURITY);
    tls_conn_free(client);
    free(client);
    memory_pipe_destroy(&pipe);
}

static void test_client_refuses_group_sizes_first(void)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    /* 8193 bits, properly signed: refused, never exponentiated */
    client_meets_group(DH_MAX_BITS + 1, 0, SEE_ERR_DH_GROUP_LARGE);
    /* and with a forged signature the same: the size came first */
    client_meets_group(DH_MAX_BITS + 1, 1, SEE_ERR_DH_GROUP_LARGE);
    /* below the minimum, likewise */
    client_meets_group(DH_MIN_BITS - 1, 0, SEE_ERR_DH_GROUP_SMALL);
    client_meets_group(DH_MIN_BITS - 1, 1, SEE_ERR_DH_GROUP_SMALL);
}

/* ------------------------------------------------- whole handshakes --- */

/* Our client and our server with these groups (client, server); both
 * suites offered. The suite they agree on, and the group's name. */
static void handshake_with(const uint16_t *client_groups, size_t nc,
                           const uint16_t *server_groups, size_t ns,
                           uint16_t want_suite, const char *want_group)
{
    tls_config ccfg, scfg;
    tls_config_init(&ccfg);
    ccfg.verify = tls_test_trust;
    tls_test_server_config(&scfg);
    memcpy(ccfg.groups, client_groups, nc * sizeof *client_groups);
    ccfg.group_count = nc;
    memcpy(scfg.groups, server_groups, ns * sizeof *server_groups);
    scfg.group_count = ns;
    tls_test_echo e;
    tls_test_echo_run(&ccfg, &scfg, &e);
    CU_ASSERT_EQUAL(e.client->suite, want_suite);
    if (want_group != NULL) {
        CU_ASSERT(e.client->group.name != NULL &&
                  strcmp(e.client->group.name, want_group) == 0);
        CU_ASSERT(e.server->group.name != NULL &&
                  strcmp(e.server->group.name, want_group) == 0);
    }
    tls_test_echo_free(&e);
}

static void test_whole_handshakes(void)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    static const uint16_t ffdhe6144[] = { DH_TLS_FFDHE6144 };
    static const uint16_t ffdhe8192[] = { DH_TLS_FFDHE8192 };
    static const uint16_t defaults[] = { DH_TLS_FFDHE2048, DH_TLS_FFDHE3072,
                                         DH_TLS_FFDHE4096 };
    handshake_with(ffdhe6144, 1, ffdhe6144, 1, TLS_DHE_RSA_WITH_AES_128_GCM_SHA256,
                   "ffdhe6144");
    handshake_with(ffdhe8192, 1, ffdhe8192, 1, TLS_DHE_RSA_WITH_AES_128_GCM_SHA256,
                   "ffdhe8192");
    handshake_with(defaults + 2, 1, defaults, 3, TLS_DHE_RSA_WITH_AES_128_GCM_SHA256,
                   "ffdhe4096");
    /* nothing in common: RSA key transport (the default offer and
     * preference: AEAD before CBC) */
    handshake_with(defaults, 1, ffdhe8192, 1, TLS_RSA_WITH_AES_128_GCM_SHA256, NULL);
}

static CU_TestInfo tests[] = {
    {"server: the client's group, its p on the wire", test_server_takes_the_clients_group},
    {"server: no common group: RSA, or insufficient_security", test_server_without_a_common_group},
    {"server: clients listing no finite field group", test_server_for_clients_without_ffdhe},
    {"server: ffdhe6144/8192, a group as large as the RSA key", test_server_large_groups_and_key_strength},
    {"supported_groups: malformed lists are decode_error", test_supported_groups_decoding},
    {"client: lists its groups when it offers DHE", test_client_offers_groups},
    {"client: p above 8192 or below 2048 bits refused before the signature", test_client_refuses_group_sizes_first},
    {"whole handshakes in ffdhe6144, ffdhe8192, and without a common group", test_whole_handshakes},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    int rc = run_suite("tls_groups", tests);
    tls_test_identity_free();
    return rc;
}
