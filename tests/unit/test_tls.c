/*
 * test_tls.c: our client and our server, end to end over an in-memory
 * pipe (the server in a second thread).
 *
 *  - Both suites complete, with and without EMS and Encrypt-then-MAC, and
 *    carry application data both ways; both sides derive the same keys.
 *  - Seeded runs are byte-for-byte reproducible on the wire.
 *  - Every negative path ends with the alert RFC 5246 7.2.2 names, sent by
 *    the side that detects it and received by the other: a flipped bit in
 *    a record (bad_record_mac), a replayed record (bad_record_mac), no
 *    common suite (handshake_failure), a tampered ClientHello caught by
 *    Finished (decrypt_error), a DH group too small
 *    (insufficient_security), a TLS 1.1 client (protocol_version), a
 *    message out of order (unexpected_message), and renegotiation
 *    (no_renegotiation).
 *
 * The server's certificate and key come from the openssl command line
 * (vectors/tls12_openssl_hellos.txt, tls12_test_server_key.txt); until
 * X.509 parsing exists, the client's verify callback trusts exactly that
 * certificate and returns its key.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "handshake/alert.h"
#include "handshake/key_exchange.h"
#include "handshake/tls.h"
#include "handshake/tls_socket.h"
#include "pki/keyfile.h"
#include "pki/x509.h"
#include "handshake/tls_x509.h"
#include "tests/unit/harness.h"
#include "tests/unit/tls_fixture.h"


/* ----------------------------------------------- a transport that taps --- */

/* One side's writes through a tap (transport_tapped, transport.h),
 * tampered with as these settings say, and logged. */
typedef struct {
    transport_tap tap;
    int writes;                /* the writes before this one */
    int flip_write;            /* which write to tamper with, -1: none */
    const char *flip_pattern;  /* flip the byte after this pattern ... */
    size_t flip_offset;        /* ... or at this offset */
    int dup_write;             /* which write to send twice, -1: none */
    int bad_yc;                /* 1: the DHE ClientKeyExchange carries Yc = 1;
                                  2: Yc = 2^2048 - 1 (not below p) */
    uint8_t log[1 << 16];      /* what was written, for reproducibility */
    size_t log_len;
} tap;

static see_status tamper_write(void *ctx, const transport *inner,
                               const uint8_t *buf, size_t len)
{
    tap *t = ctx;
    uint8_t *copy = malloc(len);
    memcpy(copy, buf, len);
    if (t->writes == t->flip_write) {
        size_t at = t->flip_offset;
        if (t->flip_pattern != NULL) {
            size_t plen;
            uint8_t *pat = hex_alloc(t->flip_pattern, &plen);
            uint8_t *hit = memmem(copy, len, pat, plen);
            CU_ASSERT_PTR_NOT_NULL(hit);
            at = hit ? (size_t)(hit - copy) + plen : 0;
            free(pat);
        }
        if (at < len)
            copy[at] ^= 0x01;
    }
    /* a DHE ClientKeyExchange record: 22 | 03 03 | len | 16 | len(3) | len(2) | Yc */
    if (t->bad_yc && len > 11 && copy[0] == 22 && copy[5] == HS_CLIENT_KEY_EXCHANGE) {
        memset(copy + 11, t->bad_yc == 1 ? 0x00 : 0xff, len - 11);
        if (t->bad_yc == 1)
            copy[len - 1] = 0x01;
    }
    if (t->log_len + len <= sizeof t->log) {
        memcpy(t->log + t->log_len, copy, len);
        t->log_len += len;
    }
    see_status st = transport_write(inner, copy, len);
    if (st == SEE_OK && t->writes == t->dup_write)
        st = transport_write(inner, copy, len);
    free(copy);
    t->writes++;
    return st;
}

/* ------------------------------------------------------ one connection --- */

typedef struct {
    tls_config client_cfg, server_cfg;
    see_rng client_rng, server_rng;
    tap client_tap, server_tap;
    transport server_io;          /* the server's side, tapped */
    tls_conn *client, *server;
    see_status client_hs, server_hs, server_read2;
    int renegotiate;              /* the client asks for it after the handshake */
    see_status client_reneg;
    uint8_t echo[64];
    size_t echo_len;
} run;

static const char message[] = "forward 10 cm";

static void *server_main(void *arg)
{
    run *r = arg;
    r->server_hs = tls_handshake(r->server);
    r->server_read2 = SEE_ERR_ARGUMENT;
    if (r->server_hs == SEE_OK) {
        uint8_t buf[64];
        size_t got = 0;
        if (tls_read(r->server, buf, sizeof buf, &got) == SEE_OK)
            tls_write(r->server, buf, got);
        r->server_read2 = tls_read(r->server, buf, sizeof buf, &got);
        tls_close(r->server);
    }
    transport_close(&r->server_io);
    return NULL;
}

static void run_init(run *r, const char *seed)
{
    memset(r, 0, sizeof *r);
    if (seed != NULL) {
        rng_init_seeded(&r->client_rng, seed, strlen(seed));
        rng_init_seeded(&r->server_rng, "server", 6);
    } else {
        rng_init_system(&r->client_rng);
        rng_init_system(&r->server_rng);
    }
    tls_config_init(&r->client_cfg);
    tls_test_server_config(&r->server_cfg);
    r->client_cfg.rng = &r->client_rng;
    r->client_cfg.verify = tls_test_trust;
    r->client_cfg.server_name = "robot.lab";
    r->server_cfg.rng = &r->server_rng;
    r->client_tap.flip_write = r->server_tap.flip_write = -1;
    r->client_tap.dup_write = r->server_tap.dup_write = -1;
}

/* Run the handshake and one echo; the tap settings, configs and the
 * renegotiate flag are set by the caller before. */
static void run_go(run *r)
{
    memory_pipe pipe;
    pipe_end ce, se;
    transport ct, st, ctap;
    CU_ASSERT_EQUAL_FATAL(memory_pipe_init(&pipe, 5000), SEE_OK);
    memory_pipe_ends(&pipe, &ce, &se, &ct, &st);
    r->client_tap.tap = (transport_tap){ &ct, &r->client_tap, NULL, tamper_write };
    r->server_tap.tap = (transport_tap){ &st, &r->server_tap, NULL, tamper_write };
    r->client_tap.writes = r->server_tap.writes = 0;
    transport_tapped(&ctap, &r->client_tap.tap);
    transport_tapped(&r->server_io, &r->server_tap.tap);
    r->client = malloc(sizeof *r->client);
    r->server = malloc(sizeof *r->server);
    tls_conn_init(r->client, TLS_ROLE_CLIENT, &r->client_cfg, &ctap);
    tls_conn_init(r->server, TLS_ROLE_SERVER, &r->server_cfg, &r->server_io);

    pthread_t th;
    CU_ASSERT_EQUAL_FATAL(pthread_create(&th, NULL, server_main, r), 0);
    r->client_hs = tls_handshake(r->client);
    if (r->client_hs == SEE_OK) {
        if (r->renegotiate) {
            /* A second ClientHello under the new keys. */
            uint8_t hello[] = { HS_CLIENT_HELLO, 0, 0, 0 };
            CU_ASSERT_EQUAL(record_write(&r->client->rl, TLS_CONTENT_HANDSHAKE,
                                         hello, sizeof hello), SEE_OK);
            size_t got;
            r->client_reneg = tls_read(r->client, r->echo, sizeof r->echo, &got);
        }
        CU_ASSERT_EQUAL(tls_write(r->client, (const uint8_t *)message,
                                  strlen(message)), SEE_OK);
        CU_ASSERT_EQUAL(tls_read(r->client, r->echo, sizeof r->echo, &r->echo_len),
                        SEE_OK);
        tls_close(r->client);
    }
    transport_close(&ctap);
    pthread_join(th, NULL);
    memory_pipe_destroy(&pipe);
}

static void run_free(run *r)
{
    tls_conn_free(r->client);
    tls_conn_free(r->server);
    free(r->client);
    free(r->server);
}

static void expect_success(run *r, uint16_t suite)
{
    CU_ASSERT_EQUAL(r->client_hs, SEE_OK);
    CU_ASSERT_EQUAL(r->server_hs, SEE_OK);
    CU_ASSERT_EQUAL(r->client->suite, suite);
    CU_ASSERT_EQUAL(r->server->suite, suite);
    CU_ASSERT_EQUAL(r->echo_len, strlen(message));
    CU_ASSERT_EQUAL(memcmp(r->echo, message, strlen(message)), 0);
    CU_ASSERT_EQUAL(r->server_read2, SEE_ERR_TLS_CLOSE_NOTIFY);
    CU_ASSERT_EQUAL(memcmp(r->client->master, r->server->master, 48), 0);
    CU_ASSERT_EQUAL(memcmp(&r->client->keys, &r->server->keys, sizeof r->client->keys), 0);
    CU_ASSERT_STRING_EQUAL(r->client->peer_subject, "CN=robot.lab");
    CU_ASSERT_EQUAL(r->client->alert_sent, -1);
    CU_ASSERT_EQUAL(r->server->alert_sent, -1);
}

/* Every suite of the table, each with and without EMS and EtM: EtM is
 * taken only with a CBC suite (RFC 7366 3). */
static void test_every_suite_completes(void)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    for (size_t s = 0; s < tls_suite_count; s++) {
        const tls_suite *suite = &tls_suites[s];
        for (int ext = 0; ext <= 1; ext++) {
            run r;
            run_init(&r, NULL);
            r.client_cfg.suites[0] = suite->id;
            r.client_cfg.suite_count = 1;
            r.client_cfg.extended_master_secret = ext;
            r.server_cfg.encrypt_then_mac = ext;
            run_go(&r);
            expect_success(&r, suite->id);
            CU_ASSERT_EQUAL(r.client->ems, ext);
            CU_ASSERT_EQUAL(r.server->etm, ext && suite->record->aead == NULL);
            CU_ASSERT_EQUAL(r.client->etm, r.server->etm);
            CU_ASSERT_PTR_EQUAL(r.client->record, suite->record);
            CU_ASSERT_TRUE(r.client->secure_renegotiation);
            if (suite->kx == &kx_dhe) {
                /* The client knew ffdhe2048 and its q: full Ys check. */
                CU_ASSERT_PTR_NOT_NULL(r.client->group.name);
                CU_ASSERT_NOT_EQUAL(mpz_sgn(r.client->group.q), 0);
            }
            run_free(&r);
        }
    }
}

static void test_seeded_runs_reproducible(void)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    static run a, b, c;
    run_init(&a, "demo seed");
    run_go(&a);
    run_init(&b, "demo seed");
    run_go(&b);
    run_init(&c, "other seed");
    run_go(&c);
    tls_config ours;
    tls_config_init(&ours);
    expect_success(&a, ours.suites[0]); /* our first preference */
    CU_ASSERT(a.client_tap.log_len > 200); /* ECDHE: Yc is 32 bytes */
    CU_ASSERT(a.server_tap.log_len > 1000);
    CU_ASSERT_EQUAL(a.client_tap.log_len, b.client_tap.log_len);
    CU_ASSERT_EQUAL(a.server_tap.log_len, b.server_tap.log_len);
    CU_ASSERT_EQUAL(memcmp(a.client_tap.log, b.client_tap.log, a.client_tap.log_len), 0);
    CU_ASSERT_EQUAL(memcmp(a.server_tap.log, b.server_tap.log, a.server_tap.log_len), 0);
    CU_ASSERT_NOT_EQUAL(memcmp(a.client_tap.log, c.client_tap.log, 64), 0);
    run_free(&a);
    run_free(&b);
    run_free(&c);
}

/* The side that detects the failure sends the alert, the other gets it. */
static void expect_alert(run *r, int server_detects, see_status status, int alert)
{
    tls_conn *detector = server_detects ? r->server : r->client;
    tls_conn *other = server_detects ? r->client : r->server;
    see_status detected = server_detects ? r->server_hs : r->client_hs;
    see_status told = server_detects ? r->client_hs : r->server_hs;
    CU_ASSERT_EQUAL(detected, status);
    CU_ASSERT_EQUAL(detector->alert_sent, alert);
    CU_ASSERT_EQUAL(told, SEE_ERR_TLS_ALERT_RECEIVED);
    CU_ASSERT_EQUAL(other->alert_received, alert);
}

/* In every suite, the server asking for a client certificate: the client
 * sends one (the test certificate, signing the handshake with its key),
 * or, with_certificate 0, none to a server that lets such clients in
 * (client_certificate_optional). */
static void client_auth_in_every_suite(int with_certificate)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    for (size_t s = 0; s < tls_suite_count; s++) {
        run r;
        run_init(&r, NULL);
        r.client_cfg.suites[0] = tls_suites[s].id;
        r.client_cfg.suite_count = 1;
        r.server_cfg.verify_client = tls_test_trust;
        r.server_cfg.client_certificate_optional = !with_certificate;
        if (with_certificate) {
            r.client_cfg.key = &tls_test_key;
            r.client_cfg.chain = r.server_cfg.chain;
        }
        run_go(&r);
        expect_success(&r, tls_suites[s].id);
        tls_conn *sides[2] = { r.client, r.server };
        for (int i = 0; i < 2; i++) {
            CU_ASSERT_TRUE(sides[i]->handshake_type & TLS_HS_CLIENT_AUTH);
            CU_ASSERT_EQUAL((sides[i]->handshake_type & TLS_HS_NO_CLIENT_CERT) != 0,
                            !with_certificate);
        }
        CU_ASSERT_STRING_EQUAL(r.server->peer_subject, with_certificate ? "CN=robot.lab" : "");
        run_free(&r);
    }
}

/* Mutual authentication (7.4.4, 7.4.6, 7.4.8): the server asks for a
 * certificate; the client sends one and signs the handshake with its key. */
static void test_client_certificate(void)
{
    client_auth_in_every_suite(1);
}

static void test_client_certificate_missing(void)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    run r;
    run_init(&r, NULL);
    r.server_cfg.verify_client = tls_test_trust;
    run_go(&r);
    expect_alert(&r, 1, SEE_ERR_TLS_NO_CLIENT_CERTIFICATE, ALERT_HANDSHAKE_FAILURE);
    run_free(&r);
}

/* client_certificate_optional: asked, a client without a certificate is
 * let in unauthenticated (7.4.6: the server's choice), in every suite:
 * no CertificateVerify, no peer_subject. One with a certificate is still
 * authenticated; one with a bad one is still refused, never taken as
 * none. */
static void test_client_certificate_optional(void)
{
    client_auth_in_every_suite(0);
    run r;
    run_init(&r, NULL);
    r.server_cfg.verify_client = tls_test_trust;
    r.server_cfg.client_certificate_optional = 1;
    r.client_cfg.key = &tls_test_key;
    r.client_cfg.chain = r.server_cfg.chain;
    run_go(&r);
    CU_ASSERT_EQUAL(r.server_hs, SEE_OK);
    CU_ASSERT_FALSE(r.server->handshake_type & TLS_HS_NO_CLIENT_CERT);
    CU_ASSERT_STRING_EQUAL(r.server->peer_subject, "CN=robot.lab");
    run_free(&r);
    run_init(&r, NULL);
    r.server_cfg.verify_client = tls_test_trust_nothing;
    r.server_cfg.client_certificate_optional = 1;
    r.client_cfg.key = &tls_test_key;
    r.client_cfg.chain = r.server_cfg.chain;
    run_go(&r);
    CU_ASSERT_EQUAL(r.server_hs, SEE_ERR_X509_UNKNOWN_ISSUER);
    CU_ASSERT_EQUAL(r.client_hs, SEE_ERR_TLS_ALERT_RECEIVED);
    run_free(&r);
}

static void test_client_certificate_refused(void)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    /* a certificate the server does not trust */
    run r;
    run_init(&r, NULL);
    r.server_cfg.verify_client = tls_test_trust_nothing;
    r.client_cfg.key = &tls_test_key;
    r.client_cfg.chain = r.server_cfg.chain;
    run_go(&r);
    CU_ASSERT_EQUAL(r.server_hs, SEE_ERR_X509_UNKNOWN_ISSUER);
    CU_ASSERT_EQUAL(r.client_hs, SEE_ERR_TLS_ALERT_RECEIVED);
    CU_ASSERT_EQUAL(r.server->alert_sent, r.client->alert_received);
    CU_ASSERT(r.server->alert_sent > 0);
    run_free(&r);

    /* the right certificate, but the client does not hold its key: the
     * CertificateVerify signature fails */
    rsa_private_key other;
    rsa_private_init(&other);
    see_rng rng;
    rng_init_seeded(&rng, "another key", 11);
    CU_ASSERT_EQUAL_FATAL(rsa_generate(&rng, 2048, 0, &other), SEE_OK);
    run_init(&r, NULL);
    r.server_cfg.verify_client = tls_test_trust;
    r.client_cfg.key = &other;
    r.client_cfg.chain = r.server_cfg.chain;
    run_go(&r);
    expect_alert(&r, 1, SEE_ERR_TLS_BAD_CERTIFICATE_VERIFY, ALERT_DECRYPT_ERROR);
    run_free(&r);
    rsa_private_clear(&other);
}

static void test_flipped_bit(void)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    for (int etm = 0; etm <= 1; etm++) {
        run r;
        run_init(&r, NULL);
        r.client_cfg.encrypt_then_mac = etm;
        r.client_tap.flip_write = 3;  /* ClientHello, CKE, CCS, Finished */
        r.client_tap.flip_offset = 30; /* inside the encrypted Finished */
        run_go(&r);
        expect_alert(&r, 1, SEE_ERR_TLS_BAD_RECORD_MAC, ALERT_BAD_RECORD_MAC);
        run_free(&r);
    }
}

/* How many records of a content type a side wrote (its tap's log). */
static int count_records(const tap *t, uint8_t type)
{
    int n = 0;
    for (size_t at = 0; at + 5 <= t->log_len;
         at += 5 + (size_t)((t->log[at + 3] << 8) | t->log[at + 4]))
        n += t->log[at] == type;
    return n;
}

static void test_replayed_record(void)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    run r;
    run_init(&r, NULL);
    r.client_tap.dup_write = 4; /* the application data record */
    run_go(&r);
    CU_ASSERT_EQUAL(r.client_hs, SEE_OK);
    CU_ASSERT_EQUAL(r.server_hs, SEE_OK);
    CU_ASSERT_EQUAL(r.echo_len, strlen(message)); /* the first copy is fine */
    CU_ASSERT_EQUAL(r.server_read2, SEE_ERR_TLS_BAD_RECORD_MAC);
    CU_ASSERT_EQUAL(r.server->alert_sent, ALERT_BAD_RECORD_MAC);
    /* A broken connection stays broken. */
    size_t got;
    uint8_t buf[4];
    CU_ASSERT_EQUAL(tls_write(r.server, (const uint8_t *)"x", 1), SEE_ERR_TLS_BAD_RECORD_MAC);
    CU_ASSERT_EQUAL(tls_read(r.server, buf, sizeof buf, &got), SEE_ERR_TLS_BAD_RECORD_MAC);
    /* and its tls_close (server_main) sent no close_notify after the fatal
     * alert (RFC 5246 7.2.2): one alert record on the wire, not two */
    CU_ASSERT_FALSE(r.server->close_notify_sent);
    CU_ASSERT_EQUAL(count_records(&r.server_tap, TLS_CONTENT_ALERT), 1);
    run_free(&r);
}

static void test_no_common_suite(void)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    run r;
    run_init(&r, NULL);
    r.client_cfg.suites[0] = TLS_RSA_WITH_AES_128_CBC_SHA256;
    r.client_cfg.suite_count = 1;
    r.server_cfg.suites[0] = TLS_DHE_RSA_WITH_AES_128_CBC_SHA256;
    r.server_cfg.suite_count = 1;
    run_go(&r);
    expect_alert(&r, 1, SEE_ERR_TLS_HANDSHAKE_FAILURE, ALERT_HANDSHAKE_FAILURE);
    run_free(&r);
}

static void test_bad_finished(void)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    /* Tamper with the ClientHello's signature_algorithms on the wire
     * (04 01 -> 05 01): the keys do not depend on it (no EMS, RSA), so
     * only the Finished check can notice, and it does. */
    run r;
    run_init(&r, NULL);
    r.client_cfg.suites[0] = TLS_RSA_WITH_AES_128_CBC_SHA256;
    r.client_cfg.suite_count = 1;
    r.client_cfg.extended_master_secret = 0;
    r.client_tap.flip_write = 0;
    r.client_tap.flip_pattern = "000d00040002";
    run_go(&r);
    expect_alert(&r, 1, SEE_ERR_TLS_BAD_FINISHED, ALERT_DECRYPT_ERROR);
    run_free(&r);
}

/* Eve's downgrade (robot/prog_eve.c), in memory: the client offers DHE
 * then RSA, and one bit flipped on the wire turns DHE (00 67) into 00 66,
 * a suite nobody speaks, so the server picks RSA, which the client offered
 * too. What catches it is the first check over the transcript, which now
 * differs between the two sides:
 *   - with a client certificate, the client's CertificateVerify signature
 *     (7.4.8), before any Finished: decrypt_error;
 *   - without one, with the extended master secret (RFC 7627 4), the keys
 *     themselves differ, and the client's encrypted Finished fails its
 *     record MAC: bad_record_mac;
 *   - without either, the keys agree and the Finished's verify_data
 *     (7.4.9) does not: decrypt_error. */
static void test_downgraded_hello(void)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    static const struct {
        int client_certificate, ems;
        see_status status;
        int alert;
    } cases[] = {
        { 1, 1, SEE_ERR_TLS_BAD_CERTIFICATE_VERIFY, ALERT_DECRYPT_ERROR },
        { 1, 0, SEE_ERR_TLS_BAD_CERTIFICATE_VERIFY, ALERT_DECRYPT_ERROR },
        { 0, 1, SEE_ERR_TLS_BAD_RECORD_MAC, ALERT_BAD_RECORD_MAC },
        { 0, 0, SEE_ERR_TLS_BAD_FINISHED, ALERT_DECRYPT_ERROR },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        run r;
        run_init(&r, NULL);
        r.client_cfg.suites[0] = TLS_DHE_RSA_WITH_AES_128_CBC_SHA256;
        r.client_cfg.suites[1] = TLS_RSA_WITH_AES_128_CBC_SHA256;
        r.client_cfg.suite_count = 2;
        r.client_cfg.extended_master_secret = cases[i].ems;
        if (cases[i].client_certificate) {
            r.server_cfg.verify_client = tls_test_trust;
            r.client_cfg.key = &tls_test_key;
            r.client_cfg.chain = r.server_cfg.chain;
        }
        /* record header 5, message header 4, version 2, random 32, an
         * empty session_id 1, the suites' length 2: 00 67 starts at 46 */
        r.client_tap.flip_write = 0;
        r.client_tap.flip_offset = 47;
        run_go(&r);
        CU_ASSERT_EQUAL(r.server->suite, TLS_RSA_WITH_AES_128_CBC_SHA256);
        CU_ASSERT_EQUAL(r.client->suite, TLS_RSA_WITH_AES_128_CBC_SHA256);
        expect_alert(&r, 1, cases[i].status, cases[i].alert);
        run_free(&r);
    }
}

static void test_dh_group_too_small(void)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    dh_group toy;
    dh_group_init(&toy);
    CU_ASSERT_EQUAL_FATAL(dh_group_named(&toy, "toy", 1), SEE_OK);
    run r;
    run_init(&r, NULL);
    r.server_cfg.dh_group = &toy; /* the slides' p = 23, g = 5 */
    r.client_cfg.group_count = 0;  /* lists no group: gets the server's own */
    r.client_cfg.suites[0] = TLS_DHE_RSA_WITH_AES_128_GCM_SHA256; /* (and no
                                      ECDHE, which it would get first) */
    r.client_cfg.suite_count = 1;
    run_go(&r);
    expect_alert(&r, 0, SEE_ERR_DH_GROUP_SMALL, ALERT_INSUFFICIENT_SECURITY);
    run_free(&r);
    dh_group_clear(&toy);
}

/* 7.4.7.2 / RFC 7919: the server refuses a client public value Yc that is
 * 1 or not below p (it would fix the shared secret), with illegal_parameter. */
static void test_dh_public_out_of_range(void)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    for (int mode = 1; mode <= 2; mode++) {
        run r;
        run_init(&r, NULL);
        r.client_cfg.suites[0] = TLS_DHE_RSA_WITH_AES_128_CBC_SHA256;
        r.client_cfg.suite_count = 1;
        r.client_tap.bad_yc = mode;
        run_go(&r);
        expect_alert(&r, 1, SEE_ERR_DH_PUBLIC_RANGE, ALERT_ILLEGAL_PARAMETER);
        run_free(&r);
    }
}

/* Send raw bytes to a server and read back its answer. */
static void raw_to_server(const uint8_t *bytes, size_t len, see_status want_status,
                          const char *want_reply_hex)
{
    tls_config cfg;
    tls_config_init(&cfg);
    cfg.key = &tls_test_key;
    cfg.chain.count = 1;
    cfg.chain.cert[0] = tls_test_cert;
    cfg.chain.cert_len[0] = tls_test_cert_len;
    memory_pipe pipe;
    pipe_end ce, se;
    transport ct, st;
    CU_ASSERT_EQUAL_FATAL(memory_pipe_init(&pipe, 2000), SEE_OK);
    memory_pipe_ends(&pipe, &ce, &se, &ct, &st);
    CU_ASSERT_EQUAL(transport_write(&ct, bytes, len), SEE_OK);
    tls_conn *server = malloc(sizeof *server);
    tls_conn_init(server, TLS_ROLE_SERVER, &cfg, &st);
    CU_ASSERT_EQUAL(tls_handshake(server), want_status);
    transport_close(&st);
    uint8_t reply[16];
    size_t got = 0, n;
    while (got < sizeof reply && transport_read(&ct, reply + got, sizeof reply - got, &n) == SEE_OK)
        got += n;
    ASSERT_HEX_EQ(reply, got, want_reply_hex);
    tls_conn_free(server);
    free(server);
    memory_pipe_destroy(&pipe);
}

static void test_old_version_and_unexpected_message(void)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    static const uint8_t suites[] = { 0x00, 0x3c };
    static const uint8_t comp[] = { 0 };
    client_hello m;
    memset(&m, 0, sizeof m);
    m.client_version = 0x0302; /* TLS 1.1 */
    m.cipher_suites = suites;
    m.cipher_suites_len = 2;
    m.compression_methods = comp;
    m.compression_methods_len = 1;
    uint8_t rec[200];
    writer w;
    writer_init(&w, rec + 5, sizeof rec - 5);
    CU_ASSERT_EQUAL_FATAL(client_hello_encode(&w, &m), SEE_OK);
    rec[0] = 22;
    rec[1] = 3;
    rec[2] = 2;
    rec[3] = (uint8_t)(w.len >> 8);
    rec[4] = (uint8_t)w.len;
    /* A fatal protocol_version alert (02 46) in a 03 03 record. */
    raw_to_server(rec, 5 + w.len, SEE_ERR_TLS_PROTOCOL_VERSION, "15030300020246");

    /* A Finished before anything else: unexpected_message (02 0a). */
    static const uint8_t early_finished[] = { 22, 3, 3, 0, 16, 20, 0, 0, 12,
                                              1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
    raw_to_server(early_finished, sizeof early_finished,
                  SEE_ERR_TLS_UNEXPECTED_MESSAGE, "1503030002020a");
    /* Application data before the handshake: the same. */
    static const uint8_t early_data[] = { 23, 3, 3, 0, 1, 'x' };
    raw_to_server(early_data, sizeof early_data, SEE_ERR_TLS_UNEXPECTED_MESSAGE,
                  "1503030002020a");
    /* A warning alert (user_canceled) is noted and passed over: what
     * follows decides (here an early Finished). */
    static const uint8_t warning_then_finished[] = {
        21, 3, 3, 0, 2, 1, 90,
        22, 3, 3, 0, 16, 20, 0, 0, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
    raw_to_server(warning_then_finished, sizeof warning_then_finished,
                  SEE_ERR_TLS_UNEXPECTED_MESSAGE, "1503030002020a");
    /* A fatal alert ends it, and nothing is sent back. */
    static const uint8_t fatal[] = { 21, 3, 3, 0, 2, 2, 40 };
    raw_to_server(fatal, sizeof fatal, SEE_ERR_TLS_ALERT_RECEIVED, "");
    /* A malformed ClientHello: decode_error (02 32). */
    static const uint8_t short_hello[] = { 22, 3, 1, 0, 6, 1, 0, 0, 2, 3, 3 };
    raw_to_server(short_hello, sizeof short_hello, SEE_ERR_TLS_DECODE,
                  "15030300020232");
}

/* A handshake cut short: the client's connection closes in the middle of
 * its ClientHello record. The server ends cleanly, with no alert. */
static void test_truncated_handshake(void)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    static const uint8_t cut[] = { 22, 3, 1, 0, 50, 1, 0, 0, 46, 3, 3, 1, 2, 3, 4, 5, 6, 7 };
    for (size_t n = 1; n <= sizeof cut; n += 4) {
        tls_config cfg;
        tls_config_init(&cfg);
        cfg.key = &tls_test_key;
        cfg.chain.count = 1;
        cfg.chain.cert[0] = tls_test_cert;
        cfg.chain.cert_len[0] = tls_test_cert_len;
        memory_pipe pipe;
        pipe_end ce, se;
        transport ct, st;
        CU_ASSERT_EQUAL_FATAL(memory_pipe_init(&pipe, 2000), SEE_OK);
        memory_pipe_ends(&pipe, &ce, &se, &ct, &st);
        CU_ASSERT_EQUAL(transport_write(&ct, cut, n), SEE_OK);
        transport_close(&ct);
        tls_conn *server = malloc(sizeof *server);
        tls_conn_init(server, TLS_ROLE_SERVER, &cfg, &st);
        CU_ASSERT_EQUAL(tls_handshake(server), SEE_ERR_TLS_CLOSED);
        CU_ASSERT_EQUAL(server->alert_sent, -1);
        tls_conn_free(server);
        free(server);
        memory_pipe_destroy(&pipe);
    }
}

static uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    static uint8_t buf[3][16384];
    static int next;
    uint8_t *b = buf[next++ % 3];
    *len = fread(b, 1, sizeof buf[0], f);
    fclose(f);
    return b;
}

/* The server's real chain (vectors/certs: server under inter under root),
 * checked by the client's X.509 verifier at a given date: fine in 2030,
 * certificate_expired in 2050. */
static void test_expired_certificate(void)
{
    size_t key_len, srv_len, inter_len, root_len;
    uint8_t *key_pem = slurp("vectors/certs/server.key", &key_len);
    uint8_t *srv_pem = slurp("vectors/certs/server.pem", &srv_len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(key_pem);
    CU_ASSERT_PTR_NOT_NULL_FATAL(srv_pem);
    rsa_private_key key;
    rsa_private_init(&key);
    CU_ASSERT_EQUAL_FATAL(keyfile_read_rsa_private(key_pem, key_len, NULL, &key, NULL), SEE_OK);
    x509_bundle srv, inter;
    CU_ASSERT_EQUAL_FATAL(x509_bundle_read(&srv, srv_pem, srv_len), SEE_OK);
    uint8_t *inter_pem = slurp("vectors/certs/inter.pem", &inter_len);
    CU_ASSERT_EQUAL_FATAL(x509_bundle_read(&inter, inter_pem, inter_len), SEE_OK);
    uint8_t *root_pem = slurp("vectors/certs/root.pem", &root_len);

    const int64_t years[2] = { 1893456000 /* 2030 */, 2524608000LL /* 2050 */ };
    for (int i = 0; i < 2; i++) {
        run r;
        run_init(&r, NULL);
        tls_x509_check check = { .ca_file = root_pem, .ca_file_len = root_len,
                                 .host = "robot.lab", .clock = tls_clock_fixed,
                                 .clock_ctx = &years[i] };
        r.client_cfg.verify = tls_x509_verify;
        r.client_cfg.verify_ctx = &check;
        r.server_cfg.key = &key;
        r.server_cfg.chain.count = 2;
        r.server_cfg.chain.cert[0] = srv.certs[0].data;
        r.server_cfg.chain.cert_len[0] = srv.certs[0].len;
        r.server_cfg.chain.cert[1] = inter.certs[0].data;
        r.server_cfg.chain.cert_len[1] = inter.certs[0].len;
        run_go(&r);
        if (i == 0) {
            CU_ASSERT_EQUAL(r.client_hs, SEE_OK);
            CU_ASSERT_EQUAL(r.server_hs, SEE_OK);
        } else {
            expect_alert(&r, 0, SEE_ERR_X509_EXPIRED, ALERT_CERTIFICATE_EXPIRED);
        }
        run_free(&r);
    }
    x509_bundle_free(&srv);
    x509_bundle_free(&inter);
    rsa_private_clear(&key);
}

static void test_renegotiation_refused(void)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    run r;
    run_init(&r, NULL);
    r.renegotiate = 1;
    run_go(&r);
    CU_ASSERT_EQUAL(r.client_hs, SEE_OK);
    CU_ASSERT_EQUAL(r.client_reneg, SEE_ERR_TLS_NO_RENEGOTIATION);
    CU_ASSERT_EQUAL(r.client->alert_received, ALERT_NO_RENEGOTIATION);
    /* and the connection goes on */
    CU_ASSERT_EQUAL(r.echo_len, strlen(message));
    CU_ASSERT_EQUAL(r.server_read2, SEE_ERR_TLS_CLOSE_NOTIFY);
    run_free(&r);
}

typedef struct {
    char names[96][24];
    uint8_t finished_sent[12], finished_received[12];
    int count;
} name_log;

static void log_names(void *ctx, const trace_event *e)
{
    name_log *log = ctx;
    if (log->count < 96)
        snprintf(log->names[log->count++], sizeof log->names[0], "%s", e->name);
    if (strcmp(e->name, "FINISHED MAC") == 0 && e->len == 12)
        memcpy(e->sender == TRACE_CLIENT ? log->finished_sent : log->finished_received,
               e->bytes, 12);
}

/* 1 if the names appear in this order (others may come between). */
static int in_order(const name_log *log, const char *const *want, size_t n)
{
    size_t k = 0;
    for (int i = 0; i < log->count && k < n; i++)
        if (strcmp(log->names[i], want[k]) == 0)
            k++;
    return k == n;
}

static void test_trace_tells_the_slides_story(void)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    static name_log clog, slog;
    memset(&clog, 0, sizeof clog);
    memset(&slog, 0, sizeof slog);
    tracer ct, st;
    trace_init(&ct, log_names, &clog);
    trace_init(&st, log_names, &slog);
    run r;
    run_init(&r, "trace");
    r.client_cfg.trace = &ct;
    r.server_cfg.trace = &st;
    /* the slides' suite: DHE, and records with I_B, I_S's MACs */
    r.client_cfg.suites[0] = TLS_DHE_RSA_WITH_AES_128_CBC_SHA256;
    r.client_cfg.suite_count = 1;
    run_go(&r);
    expect_success(&r, TLS_DHE_RSA_WITH_AES_128_CBC_SHA256);
    /* issue 15: the checks are in the story too, and a received record's
     * sequence number is its reader's MAC CHECK (it was a second SEQ) */
    static const char *const client_story[] = {
        "RB", "ClientHello", "RS", "CERTIFICATE", "CERTIFICATE CHECK", "Ys",
        "SIGNATURE CHECK", "Yc", "PS", "SESSION HASH", "MASTER SECRET", "I_B",
        "I_S", "C_B", "C_S", "CHANGE_CIPHER_SPEC", "FINISHED MAC", "SEQ",
        "CHANGE_CIPHER_SPEC", "MAC CHECK", "FINISHED MAC", "FINISHED CHECK",
        "SEQ", "MAC CHECK", "ALERT", "SEQ" };
    CU_ASSERT_TRUE(in_order(&clog, client_story, sizeof client_story / sizeof *client_story));
    static const char *const server_story[] = {
        "RB", "RS", "ServerHello", "Certificate", "Ys", "ServerKeyExchange",
        "ServerHelloDone", "Yc", "PS", "MASTER SECRET", "I_B",
        "CHANGE_CIPHER_SPEC", "MAC CHECK", "FINISHED MAC", "FINISHED CHECK",
        "FINISHED MAC", "MAC CHECK", "SEQ", "MAC CHECK", "ALERT" };
    CU_ASSERT_TRUE(in_order(&slog, server_story, sizeof server_story / sizeof *server_story));
    /* What the client sent as its FINISHED MAC is what the server got. */
    CU_ASSERT_EQUAL(memcmp(clog.finished_sent, slog.finished_sent, 12), 0);
    CU_ASSERT_EQUAL(memcmp(clog.finished_received, slog.finished_received, 12), 0);
    CU_ASSERT_NOT_EQUAL(memcmp(clog.finished_sent, clog.finished_received, 12), 0);
    run_free(&r);
}

/* ------------------------------------------------ the checks, traced --- */

/* Every event of one side: who, its name, its explanation. */
typedef struct {
    int count;
    struct {
        trace_party who;
        char name[24];
        char explain[256];
    } e[128];
} event_log;

static void log_events(void *ctx, const trace_event *e)
{
    event_log *log = ctx;
    if (log->count == 128)
        return;
    log->e[log->count].who = e->sender;
    snprintf(log->e[log->count].name, sizeof log->e[0].name, "%s", e->name);
    snprintf(log->e[log->count].explain, sizeof log->e[0].explain, "%s", e->explain);
    log->count++;
}

/* How many events named name, from who, explain something containing
 * text. */
static int events_saying(const event_log *log, trace_party who, const char *name,
                         const char *text)
{
    int n = 0;
    for (int i = 0; i < log->count; i++)
        n += log->e[i].who == who && strcmp(log->e[i].name, name) == 0 &&
             strstr(log->e[i].explain, text) != NULL;
    return n;
}

/* A run with both sides traced into clog and slog. */
static void run_traced(run *r, event_log *clog, event_log *slog, tracer *ct,
                       tracer *st)
{
    memset(clog, 0, sizeof *clog);
    memset(slog, 0, sizeof *slog);
    trace_init(ct, log_events, clog);
    trace_init(st, log_events, slog);
    r->client_cfg.trace = ct;
    r->server_cfg.trace = st;
    run_go(r);
}

/* issue 15, the slides' drawing of RSA key transport: B makes PS and
 * encrypts it (c = PS^e mod n, with the sizes), S decrypts it; each side
 * compares the peer's Finished and checks each record's MAC, with its
 * sequence number. */
static void test_trace_rsa_key_transport_and_checks(void)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    static event_log clog, slog;
    tracer ct, st;
    run r;
    run_init(&r, "checks");
    r.client_cfg.suites[0] = TLS_RSA_WITH_AES_128_CBC_SHA256;
    r.client_cfg.suite_count = 1;
    run_traced(&r, &clog, &slog, &ct, &st);
    expect_success(&r, TLS_RSA_WITH_AES_128_CBC_SHA256);
    CU_ASSERT_EQUAL(events_saying(&clog, TRACE_CLIENT, "PS",
                                  "PS made: 03 03 (the version offered) + 46 random bytes"), 1);
    CU_ASSERT_EQUAL(events_saying(&clog, TRACE_CLIENT, "ENCRYPTED PS",
                                  "c = PS^e mod n: the 48-byte PS padded to 256 bytes "
                                  "(PKCS#1 v1.5), n is 2048 bits, e = 65537"), 1);
    CU_ASSERT_EQUAL(events_saying(&slog, TRACE_CLIENT, "ENCRYPTED PS", "c: PS encrypted"), 1);
    CU_ASSERT_EQUAL(events_saying(&slog, TRACE_SERVER, "PS", "PS = c^d mod n"), 1);
    CU_ASSERT_EQUAL(events_saying(&clog, TRACE_CLIENT, "CERTIFICATE CHECK", ": good"), 1);
    /* each side: the peer's Finished compared */
    CU_ASSERT_EQUAL(events_saying(&clog, TRACE_CLIENT, "FINISHED CHECK",
                                  "= the verify_data received: good"), 1);
    CU_ASSERT_EQUAL(events_saying(&slog, TRACE_SERVER, "FINISHED CHECK",
                                  "= the verify_data received: good"), 1);
    /* what each side read protected: the client the server's Finished (0)
     * and the echo (1); the server the client's Finished (0), the command
     * (1) and its close_notify (2) */
    CU_ASSERT_EQUAL(events_saying(&clog, TRACE_CLIENT, "MAC CHECK", ": good"), 2);
    CU_ASSERT_EQUAL(events_saying(&slog, TRACE_SERVER, "MAC CHECK", ": good"), 3);
    CU_ASSERT_EQUAL(events_saying(&clog, TRACE_CLIENT, "MAC CHECK",
                                  "seq 1: HMAC-SHA256(I_S, seq + header + IV + ciphertext) "
                                  "= its MAC: good"), 1);
    CU_ASSERT_EQUAL(events_saying(&slog, TRACE_SERVER, "MAC CHECK",
                                  "seq 0: HMAC-SHA256(I_B, "), 1);
    CU_ASSERT_EQUAL(events_saying(&slog, TRACE_SERVER, "MAC CHECK", "FAILED"), 0);
    /* the closing alerts, each traced by its sender */
    CU_ASSERT_EQUAL(events_saying(&clog, TRACE_CLIENT, "ALERT", "close_notify alert sent"), 1);
    CU_ASSERT_EQUAL(events_saying(&slog, TRACE_SERVER, "ALERT", "close_notify alert sent"), 1);
    run_free(&r);
}

/* DHE: Ys and Yc are the slides' A and B, and the client checks the
 * signature over the DH values. */
static void test_trace_dhe_signature_check(void)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    static event_log clog, slog;
    tracer ct, st;
    run r;
    run_init(&r, "checks");
    r.client_cfg.suites[0] = TLS_DHE_RSA_WITH_AES_128_CBC_SHA256;
    r.client_cfg.suite_count = 1;
    run_traced(&r, &clog, &slog, &ct, &st);
    expect_success(&r, TLS_DHE_RSA_WITH_AES_128_CBC_SHA256);
    CU_ASSERT_EQUAL(events_saying(&clog, TRACE_CLIENT, "SIGNATURE CHECK",
                                  "SHA-256(RB || RS || p, g, Ys), signed by the "
                                  "certificate's key: good"), 1);
    CU_ASSERT_EQUAL(events_saying(&slog, TRACE_SERVER, "Ys", "g^a mod p, the slides' A"), 1);
    CU_ASSERT_EQUAL(events_saying(&clog, TRACE_CLIENT, "Yc", "g^b mod p, the slides' B"), 1);
    CU_ASSERT_EQUAL(events_saying(&clog, TRACE_CLIENT, "PS", "PS = Ys^b mod p"), 1);
    CU_ASSERT_EQUAL(events_saying(&slog, TRACE_SERVER, "PS", "PS = Yc^a mod p"), 1);
    run_free(&r);
}

/* A check that fails says so, before the handshake ends: the MAC of a
 * record with a flipped bit, a Finished over a tampered hello, the
 * signature over a ServerHello's changed RS, a certificate not trusted. */
static void test_trace_failed_checks(void)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    static event_log clog, slog;
    tracer ct, st;
    run r;

    run_init(&r, NULL);
    r.client_cfg.suites[0] = TLS_DHE_RSA_WITH_AES_128_CBC_SHA256;
    r.client_cfg.suite_count = 1;
    r.client_tap.flip_write = 3;  /* ClientHello, CKE, CCS, Finished */
    r.client_tap.flip_offset = 30;
    run_traced(&r, &clog, &slog, &ct, &st);
    CU_ASSERT_EQUAL(r.server_hs, SEE_ERR_TLS_BAD_RECORD_MAC);
    CU_ASSERT_EQUAL(events_saying(&slog, TRACE_SERVER, "MAC CHECK",
                                  "seq 0: HMAC-SHA256(I_B, "), 1);
    CU_ASSERT_EQUAL(events_saying(&slog, TRACE_SERVER, "MAC CHECK",
                                  "!= its MAC: FAILED (bad_record_mac)"), 1);
    CU_ASSERT_EQUAL(events_saying(&slog, TRACE_SERVER, "ALERT",
                                  "bad_record_mac alert sent (fatal)"), 1);
    CU_ASSERT_EQUAL(events_saying(&clog, TRACE_SERVER, "ALERT", "bad_record_mac"), 1);
    run_free(&r);

    run_init(&r, NULL);
    r.client_cfg.suites[0] = TLS_RSA_WITH_AES_128_CBC_SHA256;
    r.client_cfg.suite_count = 1;
    r.client_cfg.extended_master_secret = 0;
    r.client_tap.flip_write = 0;
    r.client_tap.flip_pattern = "000d00040002";
    run_traced(&r, &clog, &slog, &ct, &st);
    CU_ASSERT_EQUAL(r.server_hs, SEE_ERR_TLS_BAD_FINISHED);
    CU_ASSERT_EQUAL(events_saying(&slog, TRACE_SERVER, "FINISHED CHECK",
                                  "is not the verify_data received: FAILED"), 1);
    run_free(&r);

    run_init(&r, NULL);
    r.server_tap.flip_write = 0;   /* the ServerHello record */
    r.server_tap.flip_offset = 20; /* inside RS */
    run_traced(&r, &clog, &slog, &ct, &st);
    CU_ASSERT_EQUAL(r.client_hs, SEE_ERR_TLS_BAD_SIGNATURE);
    CU_ASSERT_EQUAL(events_saying(&clog, TRACE_CLIENT, "SIGNATURE CHECK",
                                  "does not verify: FAILED"), 1);
    run_free(&r);

    run_init(&r, NULL);
    r.client_cfg.verify = tls_test_trust_nothing;
    run_traced(&r, &clog, &slog, &ct, &st);
    CU_ASSERT_NOT_EQUAL(r.client_hs, SEE_OK);
    CU_ASSERT_EQUAL(events_saying(&clog, TRACE_CLIENT, "CERTIFICATE CHECK", "FAILED: "), 1);
    CU_ASSERT_EQUAL(events_saying(&clog, TRACE_CLIENT, "CERTIFICATE CHECK", "good"), 0);
    run_free(&r);
}

/* ------------------------------------------- tls_socket over loopback --- */

typedef struct {
    int listen_fd;
    tls_config cfg;
    see_status accepted, read_status, read2;
    size_t idle_got;
} socket_server;

static void *socket_server_main(void *arg)
{
    socket_server *srv = arg;
    tls_socket *s;
    srv->accepted = tls_socket_accept(srv->listen_fd, 5000, &srv->cfg, &s);
    if (srv->accepted != SEE_OK)
        return NULL;
    uint8_t buf[64];
    size_t got;
    /* Nothing comes for 50 ms: 0 bytes, not an error. */
    srv->read_status = tls_socket_read(s, buf, sizeof buf, 50, &srv->idle_got);
    /* Then the command, echoed; then the client's close. */
    if (tls_socket_read(s, buf, sizeof buf, 5000, &got) == SEE_OK)
        tls_socket_write(s, buf, got);
    srv->read2 = tls_socket_read(s, buf, sizeof buf, 5000, &got);
    tls_socket_close(s);
    return NULL;
}

static void test_tls_socket_loopback(void)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    static socket_server srv;
    memset(&srv, 0, sizeof srv);
    unsigned port;
    CU_ASSERT_EQUAL_FATAL(transport_tcp_listen("0", &srv.listen_fd, &port), SEE_OK);
    tls_config_init(&srv.cfg);
    srv.cfg.key = &tls_test_key;
    srv.cfg.chain.count = 1;
    srv.cfg.chain.cert[0] = tls_test_cert;
    srv.cfg.chain.cert_len[0] = tls_test_cert_len;
    pthread_t th;
    CU_ASSERT_EQUAL_FATAL(pthread_create(&th, NULL, socket_server_main, &srv), 0);

    tls_config cfg;
    tls_config_init(&cfg);
    cfg.verify = tls_test_trust;
    char port_text[16];
    snprintf(port_text, sizeof port_text, "%u", port);
    tls_socket *s;
    CU_ASSERT_EQUAL_FATAL(tls_socket_connect("127.0.0.1", port_text, 5000, &cfg, &s), SEE_OK);
    CU_ASSERT_STRING_EQUAL(tls_socket_peer(s), "CN=robot.lab");
    usleep(100 * 1000); /* let the server's idle read time out */
    CU_ASSERT_EQUAL(tls_socket_write(s, (const uint8_t *)message, strlen(message)), SEE_OK);
    uint8_t buf[64];
    size_t got = 0;
    CU_ASSERT_EQUAL(tls_socket_read(s, buf, sizeof buf, 5000, &got), SEE_OK);
    CU_ASSERT_EQUAL(got, strlen(message));
    CU_ASSERT_EQUAL(memcmp(buf, message, got), 0);
    tls_socket_close(s);
    pthread_join(th, NULL);
    close(srv.listen_fd);
    CU_ASSERT_EQUAL(srv.accepted, SEE_OK);
    CU_ASSERT_EQUAL(srv.read_status, SEE_OK);
    CU_ASSERT_EQUAL(srv.idle_got, 0);
    CU_ASSERT_EQUAL(srv.read2, SEE_ERR_TLS_CLOSE_NOTIFY);

    /* Nobody listening: the connect fails with a status, no handshake. */
    int fd;
    CU_ASSERT_EQUAL_FATAL(transport_tcp_listen("0", &fd, &port), SEE_OK);
    close(fd);
    snprintf(port_text, sizeof port_text, "%u", port);
    CU_ASSERT_EQUAL(tls_socket_connect("127.0.0.1", port_text, 1000, &cfg, &s), SEE_ERR_TLS_IO);
    CU_ASSERT_PTR_NULL(s);
}

/* The one-line reasons the CLI and the robot print. */
static void test_failure_text(void)
{
    tls_conn c;
    memset(&c, 0, sizeof c);
    char text[200];
    c.alert_sent = -1;
    c.alert_received = ALERT_HANDSHAKE_FAILURE;
    tls_failure_text(&c, SEE_ERR_TLS_ALERT_RECEIVED, text, sizeof text);
    CU_ASSERT_STRING_EQUAL(text, "the peer sent the alert handshake_failure");
    tls_failure_text(&c, SEE_ERR_TLS_CLOSED, text, sizeof text);
    CU_ASSERT_STRING_EQUAL(text, "the peer closed the connection without "
                                 "close_notify (the peer sent handshake_failure)");
    c.alert_received = -1;
    c.alert_sent = ALERT_BAD_RECORD_MAC;
    tls_failure_text(&c, SEE_ERR_TLS_BAD_RECORD_MAC, text, sizeof text);
    char expected[200];
    snprintf(expected, sizeof expected, "%s (sent bad_record_mac)",
             see_strerror(SEE_ERR_TLS_BAD_RECORD_MAC));
    CU_ASSERT_STRING_EQUAL(text, expected);
    c.alert_sent = -1;
    tls_failure_text(&c, SEE_ERR_TLS_CLOSE_NOTIFY, text, sizeof text);
    CU_ASSERT_STRING_EQUAL(text, "the peer closed the TLS connection (close_notify)");
    tls_failure_text(&c, SEE_ERR_TLS_IO, text, sizeof text);
    CU_ASSERT_STRING_EQUAL(text, "network read or write failed");
    /* a short buffer gets a cut, terminated line */
    tls_failure_text(&c, SEE_ERR_TLS_IO, text, 8);
    CU_ASSERT_STRING_EQUAL(text, "network");
}

static CU_TestInfo tests[] = {
    { "failure texts: status, alert sent or received", test_failure_text },
    {"a handshake cut short ends cleanly", test_truncated_handshake},
    {"an expired server certificate: certificate_expired", test_expired_certificate},
    {"client certificate: sent, checked, signed (both suites)", test_client_certificate},
    {"client certificate required but missing: handshake_failure", test_client_certificate_missing},
    {"client certificate optional: none lets the client in, a bad one does not", test_client_certificate_optional},
    {"client certificate untrusted, or its key not held", test_client_certificate_refused},
    { "tls_socket: connect, accept, read with timeout, echo, close", test_tls_socket_loopback },
    { "the trace tells the slides' story, in order", test_trace_tells_the_slides_story },
    { "the trace: RSA key transport as the slides draw it, the checks",
      test_trace_rsa_key_transport_and_checks },
    { "the trace: DHE's A and B, the signature check", test_trace_dhe_signature_check },
    { "the trace: a failed check says FAILED", test_trace_failed_checks },
    { "every suite, with and without EMS and EtM", test_every_suite_completes },
    { "seeded runs are byte-for-byte reproducible", test_seeded_runs_reproducible },
    { "a flipped bit: bad_record_mac", test_flipped_bit },
    { "a replayed record: bad_record_mac", test_replayed_record },
    { "no common suite: handshake_failure", test_no_common_suite },
    { "a tampered hello caught by Finished: decrypt_error", test_bad_finished },
    { "a downgraded hello: CertificateVerify, else Finished catches it", test_downgraded_hello },
    { "DH group too small: insufficient_security", test_dh_group_too_small },
    { "DH public value 1 or >= p: illegal_parameter", test_dh_public_out_of_range },
    { "TLS 1.1, early or malformed messages", test_old_version_and_unexpected_message },
    { "renegotiation: no_renegotiation", test_renegotiation_refused },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_tls_suite("tls", tests);
}
