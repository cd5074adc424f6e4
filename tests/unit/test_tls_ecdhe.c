/*
 * test_tls_ecdhe.c: ECDHE_RSA on x25519 (RFC 8422, RFC 7748) in the
 * handshake, both roles, in memory:
 *  - our client and our server agree on it, the same PS on both sides
 *    (32 bytes), traced under the slides' names (curve, Ys, Yc, PS), with
 *    and without a client certificate;
 *  - the server's choice (RFC 8422 4): ECDHE when the client lists x25519
 *    or no group at all; passed over for DHE when it lists other curves
 *    only; handshake_failure when nothing else is left; not without
 *    x25519 in its own groups;
 *  - ec_point_formats: answered only when the client sent it, refused
 *    with illegal_parameter without uncompressed (5.1.2);
 *  - the client: lists x25519 and uncompressed only with an ECDHE suite;
 *    refuses another curve, a point not 32 bytes, and an all-zero PS
 *    (5.11, RFC 7748 6.1).
 */
#include <stdlib.h>
#include <string.h>

#include "handshake/alert.h"
#include "handshake/key_exchange.h"
#include "handshake/tls.h"
#include "tests/unit/harness.h"
#include "tests/unit/tls_fixture.h"

static const uint16_t ecdhe_only[] = { TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 };
static const uint16_t ecdhe_then_dhe[] = { TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                                           TLS_DHE_RSA_WITH_AES_128_CBC_SHA256 };

static void set_suites(tls_config *cfg, const uint16_t *suites, size_t n)
{
    memcpy(cfg->suites, suites, n * sizeof *suites);
    cfg->suite_count = n;
}

/* ------------------------------------------------------ the server --- */

/* What a ClientHello of ours carries. */
typedef struct {
    const uint16_t *suites;
    size_t n_suites;
    const uint8_t *groups;      /* NULL: no supported_groups */
    size_t groups_len;
    const uint8_t *formats;     /* NULL: no ec_point_formats */
    size_t formats_len;
} hello_spec;

/* What the server answered. */
typedef struct {
    see_status status;
    int alert;                  /* the alert it sent, -1: none */
    uint16_t suite;             /* 0: no ServerHello */
    int point_formats;          /* its ServerHello had ec_point_formats */
    uint8_t formats[8];
    size_t formats_len;
    int ecdh_ske;               /* an ECDHE ServerKeyExchange decoded */
    uint16_t curve;
    size_t point_len;
} server_answer;

static size_t hello_record(const hello_spec *h, uint8_t *out, size_t cap)
{
    static const uint8_t comp[] = { 0 };
    static const uint8_t sha256_rsa[] = { TLS_HASH_SHA256, TLS_SIGNATURE_RSA };
    uint8_t suites[2 * TLS_MAX_SUITES];
    for (size_t i = 0; i < h->n_suites; i++) {
        suites[2 * i] = (uint8_t)(h->suites[i] >> 8);
        suites[2 * i + 1] = (uint8_t)h->suites[i];
    }
    client_hello m;
    memset(&m, 0, sizeof m);
    m.client_version = TLS_VERSION_1_2;
    memset(m.random, 0x42, sizeof m.random);
    m.cipher_suites = suites;
    m.cipher_suites_len = 2 * h->n_suites;
    m.compression_methods = comp;
    m.compression_methods_len = 1;
    m.ext.signature_algorithms = 1;
    m.ext.sig_algs = sha256_rsa;
    m.ext.sig_algs_len = sizeof sha256_rsa;
    m.ext.supported_groups = h->groups != NULL;
    m.ext.groups = h->groups;
    m.ext.groups_len = h->groups_len;
    m.ext.ec_point_formats = h->formats != NULL;
    m.ext.point_formats = h->formats;
    m.ext.point_formats_len = h->formats_len;
    writer w;
    writer_init(&w, out + 5, cap - 5);
    CU_ASSERT_EQUAL_FATAL(client_hello_encode(&w, &m), SEE_OK);
    out[0] = TLS_CONTENT_HANDSHAKE;
    out[1] = 3;
    out[2] = 3;
    out[3] = (uint8_t)(w.len >> 8);
    out[4] = (uint8_t)w.len;
    return w.len + 5;
}

/* Every plaintext record the server wrote: handshake messages run
 * together into hs, the last alert's description into *alert. */
static size_t read_server(const transport *t, uint8_t *hs, size_t cap, int *alert)
{
    static uint8_t bytes[1 << 16];
    size_t len = 0, got, hs_len = 0;
    while (len < sizeof bytes &&
           transport_read(t, bytes + len, sizeof bytes - len, &got) == SEE_OK)
        len += got;
    *alert = -1;
    reader r, body;
    reader_init(&r, bytes, len);
    uint8_t type;
    uint16_t version;
    while (reader_u8(&r, &type) == SEE_OK && reader_u16(&r, &version) == SEE_OK &&
           reader_vector(&r, 2, &body) == SEE_OK) {
        size_t n = reader_remaining(&body);
        if (type == TLS_CONTENT_HANDSHAKE && hs_len + n <= cap) {
            CU_ASSERT_EQUAL(reader_copy(&body, hs + hs_len, n), SEE_OK);
            hs_len += n;
        } else if (type == TLS_CONTENT_ALERT && n == 2) {
            *alert = body.data[body.pos + 1];
        }
    }
    return hs_len;
}

static void take_server_flight(const uint8_t *hs, size_t len, server_answer *a)
{
    reader r, body;
    reader_init(&r, hs, len);
    uint8_t type;
    uint32_t n;
    while (reader_u8(&r, &type) == SEE_OK && reader_u24(&r, &n) == SEE_OK &&
           reader_sub(&r, n, &body) == SEE_OK) {
        server_hello sh;
        server_ecdh_key_exchange ske;
        if (type == HS_SERVER_HELLO && server_hello_decode(&body, &sh) == SEE_OK) {
            a->suite = sh.cipher_suite;
            a->point_formats = sh.ext.ec_point_formats;
            a->formats_len = sh.ext.point_formats_len;
            if (a->point_formats && a->formats_len <= sizeof a->formats)
                memcpy(a->formats, sh.ext.point_formats, a->formats_len);
        } else if (type == HS_SERVER_KEY_EXCHANGE &&
                   a->suite == TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 &&
                   server_ecdh_key_exchange_decode(&body, &ske) == SEE_OK) {
            a->ecdh_ske = 1;
            a->curve = ske.named_curve;
            a->point_len = ske.point_len;
        }
    }
}

/* One ClientHello to a server with this configuration, and its answer.
 * The client then closes: a server that sent its flight fails with
 * SEE_ERR_TLS_CLOSED waiting for the ClientKeyExchange. */
static void ask_server(const tls_config *cfg, const hello_spec *h, server_answer *a)
{
    memset(a, 0, sizeof *a);
    uint8_t hello[600];
    size_t len = hello_record(h, hello, sizeof hello);
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
    static uint8_t hs[1 << 16];
    size_t hs_len = read_server(&ct, hs, sizeof hs, &a->alert);
    memory_pipe_destroy(&pipe);
    take_server_flight(hs, hs_len, a);
}

static const uint8_t x25519_listed[] = { 0x00, 0x1d };
static const uint8_t p256_only[] = { 0x00, 0x17 };
static const uint8_t uncompressed[] = { 0 };

static void expect_ecdhe(const server_answer *a)
{
    CU_ASSERT_EQUAL(a->status, SEE_ERR_TLS_CLOSED);
    CU_ASSERT_EQUAL(a->alert, -1);
    CU_ASSERT_EQUAL(a->suite, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
    CU_ASSERT(a->ecdh_ske);
    CU_ASSERT_EQUAL(a->curve, TLS_GROUP_X25519);
    CU_ASSERT_EQUAL(a->point_len, 32);
}

static void test_server_chooses_x25519(void)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    tls_config cfg;
    tls_test_server_config(&cfg);
    set_suites(&cfg, ecdhe_then_dhe, 2);
    server_answer a;
    /* x25519 listed */
    hello_spec h = { ecdhe_then_dhe, 2, x25519_listed, 2, NULL, 0 };
    ask_server(&cfg, &h, &a);
    expect_ecdhe(&a);
    CU_ASSERT_FALSE(a.point_formats); /* the client sent none (5.2) */
    /* no supported_groups: the server may take any curve (RFC 8422 4) */
    h.groups = NULL;
    ask_server(&cfg, &h, &a);
    expect_ecdhe(&a);
    /* with ec_point_formats: answered, uncompressed (5.2) */
    h.groups = x25519_listed;
    h.formats = uncompressed;
    h.formats_len = 1;
    ask_server(&cfg, &h, &a);
    expect_ecdhe(&a);
    CU_ASSERT(a.point_formats);
    ASSERT_HEX_EQ(a.formats, a.formats_len, "00");
    /* P-256 only: ECDHE passed over (RFC 8422 4), DHE taken */
    h.groups = p256_only;
    ask_server(&cfg, &h, &a);
    CU_ASSERT_EQUAL(a.suite, TLS_DHE_RSA_WITH_AES_128_CBC_SHA256);
    CU_ASSERT_FALSE(a.point_formats); /* not an ECC suite */
    CU_ASSERT_EQUAL(a.alert, -1);
}

static void test_server_without_a_common_curve(void)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    tls_config cfg;
    tls_test_server_config(&cfg);
    set_suites(&cfg, ecdhe_only, 1);
    server_answer a;
    hello_spec h = { ecdhe_only, 1, p256_only, 2, uncompressed, 1 };
    ask_server(&cfg, &h, &a);
    CU_ASSERT_EQUAL(a.status, SEE_ERR_TLS_NO_COMMON_CURVE);
    CU_ASSERT_EQUAL(a.alert, ALERT_HANDSHAKE_FAILURE);
    CU_ASSERT_EQUAL(a.suite, 0);
    /* x25519 not among our own groups: not even for a client with none */
    cfg.groups[0] = DH_TLS_FFDHE2048;
    cfg.group_count = 1;
    h.groups = NULL;
    ask_server(&cfg, &h, &a);
    CU_ASSERT_EQUAL(a.status, SEE_ERR_TLS_NO_COMMON_CURVE);
    CU_ASSERT_EQUAL(a.alert, ALERT_HANDSHAKE_FAILURE);
}

/* RFC 8422 5.1.2: a list without uncompressed, from a client listing a
 * curve, is illegal_parameter; a malformed one (empty) decode_error. */
static void test_server_point_formats(void)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    tls_config cfg;
    tls_test_server_config(&cfg);
    set_suites(&cfg, ecdhe_then_dhe, 2);
    server_answer a;
    static const uint8_t compressed_only[] = { 1, 2 };
    hello_spec h = { ecdhe_then_dhe, 2, x25519_listed, 2, compressed_only, 2 };
    ask_server(&cfg, &h, &a);
    CU_ASSERT_EQUAL(a.status, SEE_ERR_TLS_EC_POINT_FORMAT);
    CU_ASSERT_EQUAL(a.alert, ALERT_ILLEGAL_PARAMETER);
    /* uncompressed anywhere in the list will do */
    static const uint8_t compressed_then_uncompressed[] = { 1, 0 };
    h.formats = compressed_then_uncompressed;
    ask_server(&cfg, &h, &a);
    expect_ecdhe(&a);
    h.formats = uncompressed;
    h.formats_len = 0;
    ask_server(&cfg, &h, &a);
    CU_ASSERT_EQUAL(a.status, SEE_ERR_TLS_DECODE);
    CU_ASSERT_EQUAL(a.alert, ALERT_DECODE_ERROR);
}

/* ------------------------------------------------------ the client --- */

static void our_client_hello(const tls_config *cfg, client_hello *m,
                             uint8_t *hs, size_t cap)
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
    int alert;
    size_t len = read_server(&st, hs, cap, &alert);
    memory_pipe_destroy(&pipe);
    uint8_t type;
    reader body;
    CU_ASSERT_EQUAL_FATAL(hs_message_split(hs, len, &type, &body), SEE_OK);
    CU_ASSERT_EQUAL_FATAL(client_hello_decode(&body, m), SEE_OK);
}

static void test_client_offers_x25519(void)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    tls_config cfg;
    tls_config_init(&cfg);
    cfg.verify = tls_test_trust;
    static uint8_t hs[4096];
    client_hello m;
    /* ECDHE and DHE: x25519 and the finite field groups, our order */
    set_suites(&cfg, ecdhe_then_dhe, 2);
    our_client_hello(&cfg, &m, hs, sizeof hs);
    ASSERT_HEX_EQ(m.ext.groups, m.ext.groups_len, "001d010001010102");
    CU_ASSERT(m.ext.ec_point_formats);
    ASSERT_HEX_EQ(m.ext.point_formats, m.ext.point_formats_len, "00");
    /* ECDHE alone: x25519 alone */
    set_suites(&cfg, ecdhe_only, 1);
    our_client_hello(&cfg, &m, hs, sizeof hs);
    ASSERT_HEX_EQ(m.ext.groups, m.ext.groups_len, "001d");
    /* no ECDHE suite: no x25519, no ec_point_formats (RFC 8422 4) */
    cfg.suites[0] = TLS_DHE_RSA_WITH_AES_128_CBC_SHA256;
    our_client_hello(&cfg, &m, hs, sizeof hs);
    ASSERT_HEX_EQ(m.ext.groups, m.ext.groups_len, "010001010102");
    CU_ASSERT_FALSE(m.ext.ec_point_formats);
}

/* The client's checks of the server's params, and of PS. */
static void test_client_refuses_bad_params(void)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    tls_config cfg;
    tls_config_init(&cfg);
    cfg.verify = tls_test_trust;
    memory_pipe pipe;
    pipe_end ce, se;
    transport ct, st;
    CU_ASSERT_EQUAL_FATAL(memory_pipe_init(&pipe, 2000), SEE_OK);
    memory_pipe_ends(&pipe, &ce, &se, &ct, &st);
    tls_conn *c = malloc(sizeof *c);
    tls_conn_init(c, TLS_ROLE_CLIENT, &cfg, &ct);
    uint8_t point[33] = { 9 };
    server_ecdh_key_exchange m;
    memset(&m, 0, sizeof m);
    m.curve_type = TLS_EC_NAMED_CURVE;
    m.named_curve = 0x0017; /* secp256r1: not offered */
    m.point = point;
    m.point_len = 32;
    CU_ASSERT_EQUAL(kx_ecdhe_client_params(c, &m), SEE_ERR_TLS_ECDHE_CURVE);
    CU_ASSERT_EQUAL(alert_for_status(SEE_ERR_TLS_ECDHE_CURVE), ALERT_ILLEGAL_PARAMETER);
    m.named_curve = TLS_GROUP_X25519;
    m.point_len = 33;
    CU_ASSERT_EQUAL(kx_ecdhe_client_params(c, &m), SEE_ERR_TLS_ECDHE_POINT);
    m.point_len = 31;
    CU_ASSERT_EQUAL(kx_ecdhe_client_params(c, &m), SEE_ERR_TLS_ECDHE_POINT);
    CU_ASSERT_EQUAL(alert_for_status(SEE_ERR_TLS_ECDHE_POINT), ALERT_ILLEGAL_PARAMETER);
    /* u = 9, the base point G: accepted, and PS is made */
    m.point_len = 32;
    CU_ASSERT_EQUAL(kx_ecdhe_client_params(c, &m), SEE_OK);
    uint8_t yc[64];
    size_t yc_len = 0;
    CU_ASSERT_EQUAL(kx_ecdhe_client_keypair(c), SEE_OK);
    CU_ASSERT_EQUAL(kx_ecdhe_client_exchange(c, yc, 31, &yc_len), SEE_ERR_BUFFER_SMALL);
    CU_ASSERT_EQUAL(kx_ecdhe_client_exchange(c, yc, sizeof yc, &yc_len), SEE_OK);
    CU_ASSERT_EQUAL(yc_len, 32);
    CU_ASSERT_EQUAL(kx_ecdhe_client_premaster(c), SEE_OK);
    CU_ASSERT_EQUAL(c->premaster_len, 32);
    /* Ys = G, so PS = b*G = Yc */
    CU_ASSERT_EQUAL(memcmp(c->premaster, yc, 32), 0);
    static const uint8_t zeros[32];
    CU_ASSERT_EQUAL(memcmp(c->ecdh_x, zeros, 32), 0); /* b wiped */
    /* u = 0, a point of small order: PS would be zeros (RFC 7748 6.1) */
    memset(point, 0, sizeof point);
    CU_ASSERT_EQUAL(kx_ecdhe_client_params(c, &m), SEE_OK);
    CU_ASSERT_EQUAL(kx_ecdhe_client_keypair(c), SEE_OK);
    CU_ASSERT_EQUAL(kx_ecdhe_client_premaster(c), SEE_ERR_X25519_ZERO_SECRET);
    CU_ASSERT_EQUAL(memcmp(c->ecdh_x, zeros, 32), 0);
    /* the server's side likewise */
    CU_ASSERT_EQUAL(kx_ecdhe_server_premaster(c, point, 32), SEE_ERR_X25519_ZERO_SECRET);
    CU_ASSERT_EQUAL(kx_ecdhe_server_premaster(c, point, 31), SEE_ERR_TLS_ECDHE_POINT);
    tls_conn_free(c);
    free(c);
    memory_pipe_destroy(&pipe);
}

/* The client makes b and Yc = b*G when ServerHello names an ECDHE suite,
 * before the ServerKeyExchange (made while the server signs it); not for
 * a DHE suite, whose group only the ServerKeyExchange names. */
static void client_takes_server_hello(uint16_t suite, tls_conn *c)
{
    static tls_config cfg;
    tls_config_init(&cfg);
    cfg.verify = tls_test_trust;
    set_suites(&cfg, ecdhe_then_dhe, 2);
    static transport none;
    tls_conn_init(c, TLS_ROLE_CLIENT, &cfg, &none);
    server_hello m;
    memset(&m, 0, sizeof m);
    m.server_version = TLS_VERSION_1_2;
    memset(m.random, 0x53, sizeof m.random);
    m.cipher_suite = suite;
    static uint8_t msg[256];
    writer w;
    writer_init(&w, msg, sizeof msg);
    CU_ASSERT_EQUAL_FATAL(server_hello_encode(&w, &m), SEE_OK);
    uint8_t type;
    reader body;
    CU_ASSERT_EQUAL_FATAL(hs_message_split(msg, w.len, &type, &body), SEE_OK);
    CU_ASSERT_EQUAL(tls_on_server_hello(c, &body), SEE_OK);
}

static void test_client_key_pair_on_server_hello(void)
{
    static const uint8_t zeros[32];
    uint8_t yc[32];
    tls_conn *c = malloc(sizeof *c);
    CU_ASSERT_FATAL(c != NULL);
    client_takes_server_hello(TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, c);
    CU_ASSERT_NOT_EQUAL(memcmp(c->ecdh_x, zeros, 32), 0);
    x25519_public_key(yc, c->ecdh_x);
    CU_ASSERT_EQUAL(memcmp(c->ecdh_yc, yc, 32), 0);
    tls_conn_free(c);
    CU_ASSERT_EQUAL(memcmp(c->ecdh_x, zeros, 32), 0); /* b wiped */
    client_takes_server_hello(TLS_DHE_RSA_WITH_AES_128_CBC_SHA256, c);
    CU_ASSERT_EQUAL(memcmp(c->ecdh_x, zeros, 32), 0);
    CU_ASSERT_EQUAL(memcmp(c->ecdh_yc, zeros, 32), 0);
    tls_conn_free(c);
    free(c);
}

/* The server makes a and Ys = a*G before reading the ClientHello, when it
 * may choose ECDHE (here the client never speaks: the read times out);
 * not when its suites have no ECDHE. */
static void server_waits_for_a_hello(const uint16_t *suites, size_t n, tls_conn *c,
                                     memory_pipe *pipe)
{
    static tls_config cfg;
    tls_test_server_config(&cfg);
    if (suites != NULL)
        set_suites(&cfg, suites, n);
    pipe_end ce, se;
    static transport ct, st;
    CU_ASSERT_EQUAL_FATAL(memory_pipe_init(pipe, 50), SEE_OK);
    memory_pipe_ends(pipe, &ce, &se, &ct, &st);
    tls_conn_init(c, TLS_ROLE_SERVER, &cfg, &st);
    CU_ASSERT_NOT_EQUAL(tls_handshake(c), SEE_OK);
}

static void test_server_key_pair_before_hello(void)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    static const uint8_t zeros[32];
    static const uint16_t rsa_only[] = { TLS_RSA_WITH_AES_128_GCM_SHA256 };
    uint8_t ys[32];
    memory_pipe pipe;
    tls_conn *c = malloc(sizeof *c);
    CU_ASSERT_FATAL(c != NULL);
    server_waits_for_a_hello(NULL, 0, c, &pipe);
    CU_ASSERT_TRUE(c->ecdh_ready);
    x25519_public_key(ys, c->ecdh_x);
    CU_ASSERT_EQUAL(memcmp(c->ecdh_ys, ys, 32), 0);
    CU_ASSERT_NOT_EQUAL(memcmp(ys, zeros, 32), 0);
    tls_conn_free(c);
    CU_ASSERT_EQUAL(memcmp(c->ecdh_x, zeros, 32), 0); /* a wiped */
    memory_pipe_destroy(&pipe);
    server_waits_for_a_hello(rsa_only, 1, c, &pipe);
    CU_ASSERT_FALSE(c->ecdh_ready);
    CU_ASSERT_EQUAL(memcmp(c->ecdh_x, zeros, 32), 0);
    tls_conn_free(c);
    memory_pipe_destroy(&pipe);
    free(c);
}

/* ---------------------------------------------- whole handshakes --- */

/* What one side's tracer reported: the names in order, PS and Ys. */
typedef struct {
    char names[64][24];
    size_t count;
    uint8_t ps[64], ys[32];
    size_t ps_len, ys_len;
} names_seen;

static void collect(void *ctx, const trace_event *e)
{
    names_seen *n = ctx;
    if (n->count < 64) {
        snprintf(n->names[n->count], sizeof n->names[0], "%s", e->name);
        n->count++;
    }
    if (strcmp(e->name, "PS") == 0 && e->len <= sizeof n->ps) {
        memcpy(n->ps, e->bytes, e->len);
        n->ps_len = e->len;
    }
    if (strcmp(e->name, "Ys") == 0 && e->len <= sizeof n->ys) {
        memcpy(n->ys, e->bytes, e->len);
        n->ys_len = e->len;
    }
}

/* 1 if these names were traced in this order (others between). */
static int traced_in_order(const names_seen *n, const char *const *want,
                           size_t count)
{
    size_t j = 0;
    for (size_t i = 0; i < n->count && j < count; i++)
        if (strcmp(n->names[i], want[j]) == 0)
            j++;
    return j == count;
}

/* Our client offering suite (0: every suite, the defaults) to our
 * server with its defaults: that suite is agreed on, in the ECDHE
 * sequence. */
static void whole_handshake(int client_certificate, uint16_t suite)
{
    tls_config ccfg, scfg;
    tls_config_init(&ccfg);
    ccfg.verify = tls_test_trust;
    if (suite != 0)
        set_suites(&ccfg, &suite, 1);
    else
        suite = ccfg.suites[0]; /* our first: AES-GCM, or ChaCha20 without AES
                                 * instructions */
    tls_test_server_config(&scfg);
    if (client_certificate) {
        scfg.verify_client = tls_test_trust;
        ccfg.key = &tls_test_key;
        ccfg.chain = scfg.chain;
    }
    static names_seen cseen, sseen;
    memset(&cseen, 0, sizeof cseen);
    memset(&sseen, 0, sizeof sseen);
    tracer ct_trace, st_trace;
    trace_init(&ct_trace, collect, &cseen);
    trace_init(&st_trace, collect, &sseen);
    ccfg.trace = &ct_trace;
    scfg.trace = &st_trace;
    tls_test_echo e;
    tls_test_echo_run(&ccfg, &scfg, &e);
    tls_conn *client = e.client, *server = e.server;
    CU_ASSERT_EQUAL(client->suite, suite);
    CU_ASSERT_EQUAL(server->suite, suite);
    unsigned type = TLS_HS_ECDHE | (client_certificate ? TLS_HS_CLIENT_AUTH : 0);
    CU_ASSERT_EQUAL(client->handshake_type, type);
    CU_ASSERT_EQUAL(server->handshake_type, type);
    char kx[80];
    tls_key_exchange_text(server, kx, sizeof kx); /* the --www page's */
    CU_ASSERT_STRING_EQUAL(kx, "ECDHE with x25519");
    /* PS: the same 32 bytes on both sides, computed apart; Ys as sent */
    CU_ASSERT_EQUAL(cseen.ps_len, 32);
    CU_ASSERT_EQUAL(sseen.ps_len, 32);
    CU_ASSERT_EQUAL(memcmp(cseen.ps, sseen.ps, 32), 0);
    CU_ASSERT(cseen.ys_len == 32 && sseen.ys_len == 32 &&
              memcmp(cseen.ys, sseen.ys, 32) == 0);
    /* the slides' names, in the slides' order */
    /* PS after the ClientKeyExchange has gone: both sides compute it at
     * once (tls_send_client_key_exchange) */
    static const char *const client_names[] = { "RB", "RS", "curve", "Ys",
                                                "SIGNATURE CHECK", "Yc",
                                                "ClientKeyExchange", "PS" };
    static const char *const server_names[] = { "RB", "RS", "Ys", "Yc", "PS" };
    CU_ASSERT(traced_in_order(&cseen, client_names, 8));
    CU_ASSERT(traced_in_order(&sseen, server_names, 5));
    tls_test_echo_free(&e);
}

static void test_whole_handshake(void)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    whole_handshake(0, 0);
    whole_handshake(0, TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256);
}

static void test_whole_handshake_client_certificate(void)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    whole_handshake(1, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
    whole_handshake(1, TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256);
}

static CU_TestInfo tests[] = {
    {"server: x25519 when listed or no group listed, DHE for P-256 only", test_server_chooses_x25519},
    {"server: no curve in common: handshake_failure", test_server_without_a_common_curve},
    {"server: ec_point_formats without uncompressed: illegal_parameter", test_server_point_formats},
    {"client: x25519 and uncompressed only with an ECDHE suite", test_client_offers_x25519},
    {"client: another curve, a short point, an all-zero PS refused", test_client_refuses_bad_params},
    {"client: b and Yc made on ServerHello for ECDHE, not for DHE", test_client_key_pair_on_server_hello},
    {"server: a and Ys made before the ClientHello when ECDHE may be chosen", test_server_key_pair_before_hello},
    {"whole handshake: ECDHE (our first: AES-GCM, or ChaCha20 without AES instructions; "
     "ChaCha20), the same PS, the slides' names", test_whole_handshake},
    {"whole handshake: ECDHE with a client certificate", test_whole_handshake_client_certificate},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_tls_suite("tls_ecdhe", tests);
}
