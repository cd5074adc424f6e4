/*
 * test_tls_cert.c: the peer's certificate in the handshake, checked as a
 * long-running server with many clients needs it (issue 12).
 *
 *  - The robot's configuration (alex_tls_server_setup) reads the clock at
 *    each verification: a client certificate that expires after start-up
 *    is refused with certificate_expired, one that becomes valid after
 *    start-up is accepted.
 *  - One configuration shared by two threads of handshakes at once: every
 *    connection's peer subject is its own client's.
 *  - A check whose clock a test moves on between handshakes; the failure
 *    line names the certificate and the date passed.
 *  - keyUsage against its use (RFC 5246 7.4.2, 7.4.6): the server's key
 *    must allow the suite's key exchange (unsupported_certificate); our
 *    client sends no certificate that cannot sign CertificateVerify; a
 *    server refuses a client key whose keyUsage lacks digitalSignature.
 *  - A malformed client Certificate message is decode_error; only an empty
 *    list is "no certificate".
 *
 * The certificates are issued here, at test time, by the fixture root CA
 * (vectors/certs/root.pem and root.key) for the fixture client key.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "codec/der.h"
#include "pki/keyfile.h"
#include "pki/x509.h"
#include "handshake/alert.h"
#include "handshake/tls.h"
#include "handshake/tls_x509.h"
#include "handshake/transport.h"
#include "robot/alex_tls_config.h"
#include "tests/unit/harness.h"

#define SERVER_CERT "vectors/certs/server.pem"
#define SERVER_KEY  "vectors/certs/server.key"
#define ROOT_CERT   "vectors/certs/root.pem"

/* ------------------------------------------------------------ fixtures --- */

static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    uint8_t *buf = malloc(1 << 16);
    *len = buf != NULL ? fread(buf, 1, 1 << 16, f) : 0;
    fclose(f);
    return buf;
}

static see_status read_key(const char *path, rsa_private_key *key)
{
    size_t len;
    uint8_t *data = read_file(path, &len);
    if (data == NULL)
        return SEE_ERR_ARGUMENT;
    see_status st = keyfile_read_rsa_private(data, len, NULL, key, NULL);
    free(data);
    return st;
}

/* The root CA (certificate and key) and the client's key, loaded once. */
static struct {
    int loaded;
    see_rng rng;
    x509_bundle root_file;   /* the DER the parsed root points into */
    x509_cert root;
    rsa_private_key root_key, client_key;
    rsa_public_key client_pub;
} ca;

static int load_ca(void)
{
    if (ca.loaded)
        return 1;
    rng_init_seeded(&ca.rng, "test_tls_cert", 13);
    rsa_private_init(&ca.root_key);
    rsa_private_init(&ca.client_key);
    rsa_public_init(&ca.client_pub);
    x509_cert_init(&ca.root);
    size_t len;
    uint8_t *pem = read_file(ROOT_CERT, &len);
    if (pem == NULL || x509_bundle_read(&ca.root_file, pem, len) != SEE_OK) {
        free(pem);
        return 0;
    }
    free(pem);
    see_status st = x509_parse(&ca.root, ca.root_file.certs[0].data,
                               ca.root_file.certs[0].len, NULL);
    if (st != SEE_OK || read_key("vectors/certs/root.key", &ca.root_key) != SEE_OK ||
        read_key("vectors/certs/client.key", &ca.client_key) != SEE_OK)
        return 0;
    rsa_public_from_private(&ca.client_pub, &ca.client_key);
    ca.loaded = 1;
    return 1;
}

/* A client certificate for the fixture client key, from the root CA. */
typedef struct {
    uint8_t der[X509_MAX_CERT_SIZE];
    size_t len;
} issued;

static void issue_client(issued *out, const char *cn, int64_t not_before,
                         int64_t not_after, unsigned key_usage)
{
    x509_issue_params p = {
        .common_name = cn, .subject_key = &ca.client_pub, .issuer = &ca.root,
        .issuer_key = &ca.root_key, .not_before = not_before,
        .not_after = not_after, .path_len = -1, .key_usage = key_usage,
        .ext_key_usage = X509_EKU_CLIENT_AUTH,
    };
    CU_ASSERT_EQUAL_FATAL(x509_issue(&p, &ca.rng, out->der, sizeof out->der,
                                     &out->len), SEE_OK);
}

/* The client trusts whatever server certificate comes (the server's check
 * of the client is what these tests are about) and takes its key. */
static see_status trust_any_server(void *ctx, const certificate_msg *chain,
                                   rsa_public_key *key, tls_peer_cert *out)
{
    (void)ctx;
    x509_cert c;
    x509_cert_init(&c);
    see_status st = x509_parse(&c, chain->cert[0], chain->cert_len[0], NULL);
    if (st == SEE_OK) {
        mpz_set(key->n, c.key.n);
        mpz_set(key->e, c.key.e);
        snprintf(out->subject, sizeof out->subject, "the server");
    }
    x509_cert_clear(&c);
    return st;
}

/* A client configuration showing cert, with the fixture client key. */
static void client_config(tls_config *cfg, const issued *cert)
{
    tls_config_init(cfg);
    cfg->verify = trust_any_server;
    cfg->key = &ca.client_key;
    cfg->chain.count = 1;
    cfg->chain.cert[0] = cert->der;
    cfg->chain.cert_len[0] = cert->len;
    /* RSA key transport: the cheaper handshake, for the many rounds */
    cfg->suites[0] = TLS_RSA_WITH_AES_128_CBC_SHA256;
    cfg->suite_count = 1;
}

/* ----------------------------------------------------- one handshake --- */

typedef struct {
    const tls_config *client_cfg, *server_cfg;
    tls_conn *client, *server;
    see_status client_hs, server_hs;
    int bad_certificate_list;  /* the client's Certificate message claims a
                                  list one byte longer than it holds */
    transport_tap client_tap;  /* on the client's side of the pipe */
    transport tap;
    const transport *server_io;
} pair;

/* The client's writes, one record each (record_write), with the
 * Certificate message's list length spoiled when asked. */
static see_status spoil_write(void *ctx, const transport *inner,
                              const uint8_t *buf, size_t len)
{
    pair *p = ctx;
    /* 22 | 03 03 | length(2) | 0b | msg length(3) | list length(3) | ... */
    if (p->bad_certificate_list && len >= 12 && buf[0] == 22 &&
        buf[5] == HS_CERTIFICATE) {
        uint8_t copy[1 << 14];
        CU_ASSERT_FATAL(len <= sizeof copy);
        memcpy(copy, buf, len);
        uint32_t msg_len = (uint32_t)copy[6] << 16 | (uint32_t)copy[7] << 8 | copy[8];
        uint32_t list_len = msg_len - 3 + 1;
        copy[9] = (uint8_t)(list_len >> 16);
        copy[10] = (uint8_t)(list_len >> 8);
        copy[11] = (uint8_t)list_len;
        return transport_write(inner, copy, len);
    }
    return transport_write(inner, buf, len);
}

static void *server_side(void *arg)
{
    pair *p = arg;
    p->server_hs = tls_handshake(p->server);
    transport_close(p->server_io);
    return NULL;
}

/* Run one handshake over an in-memory pipe (the server in a thread of its
 * own); the caller reads the outcome and calls pair_free. */
static void pair_run_tapped(pair *p, const tls_config *client_cfg,
                            const tls_config *server_cfg, int bad_list)
{
    memset(p, 0, sizeof *p);
    p->client_cfg = client_cfg;
    p->server_cfg = server_cfg;
    p->bad_certificate_list = bad_list;
    memory_pipe pipe;
    pipe_end ce, se;
    transport ct, st;
    CU_ASSERT_EQUAL_FATAL(memory_pipe_init(&pipe, 5000), SEE_OK);
    memory_pipe_ends(&pipe, &ce, &se, &ct, &st);
    p->client_tap = (transport_tap){ &ct, p, NULL, spoil_write };
    transport_tapped(&p->tap, &p->client_tap);
    p->server_io = &st;
    p->client = malloc(sizeof *p->client);
    p->server = malloc(sizeof *p->server);
    CU_ASSERT_FATAL(p->client != NULL && p->server != NULL);
    tls_conn_init(p->client, TLS_ROLE_CLIENT, client_cfg, &p->tap);
    tls_conn_init(p->server, TLS_ROLE_SERVER, server_cfg, &st);
    pthread_t th;
    CU_ASSERT_EQUAL_FATAL(pthread_create(&th, NULL, server_side, p), 0);
    p->client_hs = tls_handshake(p->client);
    transport_close(&ct);
    pthread_join(th, NULL);
    memory_pipe_destroy(&pipe);
    p->server_io = NULL;
}

static void pair_run(pair *p, const tls_config *client_cfg,
                     const tls_config *server_cfg)
{
    pair_run_tapped(p, client_cfg, server_cfg, 0);
}

static void pair_free(pair *p)
{
    tls_conn_free(p->client);
    tls_conn_free(p->server);
    free(p->client);
    free(p->server);
}

/* The robot's server configuration from the fixture files. */
static void robot_setup(alex_tls_setup *s)
{
    char why[300] = "";
    int rc = alex_tls_server_setup(s, SERVER_CERT, SERVER_KEY, ROOT_CERT, why,
                                   sizeof why);
    if (rc != 0)
        fprintf(stderr, "alex_tls_server_setup: %s\n", why);
    CU_ASSERT_EQUAL_FATAL(rc, 0);
}

/* --------------------------------------------- the clock of the robot --- */

/* Try cert against the robot's configuration: the server's status. */
static see_status robot_accepts(const alex_tls_setup *s, const issued *cert,
                                int *alert)
{
    tls_config ccfg;
    client_config(&ccfg, cert);
    pair p;
    pair_run(&p, &ccfg, &s->cfg);
    see_status st = p.server_hs;
    *alert = p.server->alert_sent;
    pair_free(&p);
    return st;
}

/* alex-server is set up once and runs for months: its check must read the
 * clock when a controller connects, not at start-up. One certificate ends
 * two seconds after start-up, another begins then; a second after that
 * the first is refused (certificate_expired) and the second accepted.
 * Where a handshake takes seconds (under qemu-user in make test-cross),
 * the boundary moves on by three handshakes' time, measured first. */
static void test_robot_reads_the_clock_at_each_handshake(void)
{
    CU_ASSERT_FATAL(load_ca());
    alex_tls_setup s;
    robot_setup(&s);
    int alert;
    issued probe;
    int64_t now = (int64_t)time(NULL), t0 = transport_now_ms();
    issue_client(&probe, "probe", now - 3600, now + 3600, X509_KU_DIGITAL_SIGNATURE);
    CU_ASSERT_EQUAL(robot_accepts(&s, &probe, &alert), SEE_OK);
    int64_t margin = 3 * (transport_now_ms() - t0) / 1000;

    int64_t start = (int64_t)time(NULL), boundary = start + 2 + margin;
    issued ending, starting;
    issue_client(&ending, "ends soon", start - 3600, boundary,
                 X509_KU_DIGITAL_SIGNATURE);
    issue_client(&starting, "starts soon", boundary, start + 86400,
                 X509_KU_DIGITAL_SIGNATURE);

    CU_ASSERT_EQUAL(robot_accepts(&s, &ending, &alert), SEE_OK);
    CU_ASSERT_EQUAL(robot_accepts(&s, &starting, &alert), SEE_ERR_X509_NOT_YET_VALID);
    CU_ASSERT_EQUAL(alert, ALERT_CERTIFICATE_EXPIRED);
    CU_ASSERT((int64_t)time(NULL) < boundary); /* the first round in time */

    while ((int64_t)time(NULL) < boundary + 1)
        usleep(50 * 1000);
    CU_ASSERT_EQUAL(robot_accepts(&s, &ending, &alert), SEE_ERR_X509_EXPIRED);
    CU_ASSERT_EQUAL(alert, ALERT_CERTIFICATE_EXPIRED);
    CU_ASSERT_EQUAL(robot_accepts(&s, &starting, &alert), SEE_OK);
    alex_tls_setup_free(&s);
}

/* ------------------------------------ many handshakes on one config --- */

#define RACE_ROUNDS 1000

typedef struct {
    const tls_config *server_cfg;
    const issued *cert;
    const char *subject;      /* what the server must log for it */
    int failed, wrong;        /* handshakes that failed; subjects not ours */
    char example[TLS_SUBJECT_SIZE];
} racer;

static void *race(void *arg)
{
    racer *r = arg;
    tls_config ccfg;
    client_config(&ccfg, r->cert);
    for (int i = 0; i < RACE_ROUNDS; i++) {
        pair p;
        pair_run(&p, &ccfg, r->server_cfg);
        if (p.client_hs != SEE_OK || p.server_hs != SEE_OK) {
            r->failed++;
        } else if (strcmp(p.server->peer_subject, r->subject) != 0) {
            if (r->wrong++ == 0)
                snprintf(r->example, sizeof r->example, "%s", p.server->peer_subject);
        }
        pair_free(&p);
    }
    return NULL;
}

/* alex-server runs every connection's handshake in a thread of its own,
 * all on one configuration: with two controllers connecting at once, each
 * connection must know its own peer (before the fix the check's shared
 * result made 2,142 of 3,000 identities another peer's, or empty). */
static void test_shared_config_each_connection_its_own_subject(void)
{
    CU_ASSERT_FATAL(load_ca());
    int64_t now = (int64_t)time(NULL);
    static issued a, b;
    issue_client(&a, "laptop A", now - 3600, now + 86400, X509_KU_DIGITAL_SIGNATURE);
    issue_client(&b, "laptop B", now - 3600, now + 86400, X509_KU_DIGITAL_SIGNATURE);
    alex_tls_setup s;
    robot_setup(&s);
    racer ra = { &s.cfg, &a, "CN=laptop A", 0, 0, "" };
    racer rb = { &s.cfg, &b, "CN=laptop B", 0, 0, "" };
    pthread_t ta, tb;
    CU_ASSERT_EQUAL_FATAL(pthread_create(&ta, NULL, race, &ra), 0);
    CU_ASSERT_EQUAL_FATAL(pthread_create(&tb, NULL, race, &rb), 0);
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    if (ra.wrong + rb.wrong > 0)
        fprintf(stderr, "\n  %d and %d of %d subjects wrong, e.g. \"%s\"\n",
                ra.wrong, rb.wrong, RACE_ROUNDS, ra.wrong ? ra.example : rb.example);
    CU_ASSERT_EQUAL(ra.failed + rb.failed, 0);
    CU_ASSERT_EQUAL(ra.wrong, 0);
    CU_ASSERT_EQUAL(rb.wrong, 0);
    alex_tls_setup_free(&s);
}

/* --------------------------------------- a clock the test moves on --- */

/* A server asking for client certificates, checked against the root CA at
 * the time *now holds. */
typedef struct {
    tls_config cfg;
    rsa_private_key key;
    x509_bundle chain;
    uint8_t *ca_text;
    size_t ca_len;
    tls_x509_check check;
} test_server;

static void test_server_init(test_server *t, const int64_t *now)
{
    memset(t, 0, sizeof *t);
    tls_config_init(&t->cfg);
    rsa_private_init(&t->key);
    CU_ASSERT_EQUAL_FATAL(read_key(SERVER_KEY, &t->key), SEE_OK);
    size_t len;
    uint8_t *pem = read_file(SERVER_CERT, &len);
    CU_ASSERT_FATAL(pem != NULL);
    CU_ASSERT_EQUAL_FATAL(x509_bundle_read(&t->chain, pem, len), SEE_OK);
    free(pem);
    t->ca_text = read_file(ROOT_CERT, &t->ca_len);
    CU_ASSERT_FATAL(t->ca_text != NULL);
    t->check = (tls_x509_check){ .ca_file = t->ca_text, .ca_file_len = t->ca_len,
                                 .for_client = 1, .clock = tls_clock_fixed,
                                 .clock_ctx = now };
    t->cfg.key = &t->key;
    t->cfg.chain.count = 1;
    t->cfg.chain.cert[0] = t->chain.certs[0].data;
    t->cfg.chain.cert_len[0] = t->chain.certs[0].len;
    t->cfg.verify_client = tls_x509_verify;
    t->cfg.verify_client_ctx = &t->check;
}

static void test_server_free(test_server *t)
{
    rsa_private_clear(&t->key);
    x509_bundle_free(&t->chain);
    free(t->ca_text);
}

/* One handshake of cert against the server: the server's status, the
 * alert it sent and its failure line. */
static see_status server_says(const test_server *t, const issued *cert,
                              int *alert, char *line, size_t cap)
{
    tls_config ccfg;
    client_config(&ccfg, cert);
    pair p;
    pair_run(&p, &ccfg, &t->cfg);
    see_status st = p.server_hs;
    *alert = p.server->alert_sent;
    if (line != NULL)
        tls_failure_text(p.server, st, line, cap);
    pair_free(&p);
    return st;
}

/* The server's configuration is made once; its clock moves on between
 * handshakes, as days pass for a robot. */
static void test_clock_moved_between_handshakes(void)
{
    CU_ASSERT_FATAL(load_ca());
    int64_t t0 = der_epoch_from_civil(2027, 3, 1, 0, 0, 0);
    static issued early, late;
    issue_client(&early, "early", t0, t0 + 86400, X509_KU_DIGITAL_SIGNATURE);
    issue_client(&late, "late", t0 + 2 * 86400, t0 + 3 * 86400,
                 X509_KU_DIGITAL_SIGNATURE);
    int64_t now = t0 + 3600;
    test_server t;
    test_server_init(&t, &now);
    int alert;
    char line[TLS_REFUSAL_SIZE + 200];
    CU_ASSERT_EQUAL(server_says(&t, &early, &alert, NULL, 0), SEE_OK);
    CU_ASSERT_EQUAL(server_says(&t, &late, &alert, line, sizeof line),
                    SEE_ERR_X509_NOT_YET_VALID);
    CU_ASSERT_EQUAL(alert, ALERT_CERTIFICATE_EXPIRED);
    CU_ASSERT_STRING_EQUAL(line, "certificate is not yet valid (sent "
                           "certificate_expired): depth 0, CN=late, not before "
                           "2027-03-03 00:00:00 UTC");

    now = t0 + 2 * 86400 + 60; /* two days on */
    CU_ASSERT_EQUAL(server_says(&t, &early, &alert, line, sizeof line),
                    SEE_ERR_X509_EXPIRED);
    CU_ASSERT_EQUAL(alert, ALERT_CERTIFICATE_EXPIRED);
    CU_ASSERT_STRING_EQUAL(line, "certificate has expired (sent "
                           "certificate_expired): depth 0, CN=early, not after "
                           "2027-03-02 00:00:00 UTC");
    CU_ASSERT_EQUAL(server_says(&t, &late, &alert, NULL, 0), SEE_OK);

    /* a check without a clock is a programming error, refused */
    t.check.clock = NULL;
    CU_ASSERT_EQUAL(server_says(&t, &late, &alert, NULL, 0), SEE_ERR_ARGUMENT);
    test_server_free(&t);
}

/* ------------------------------------------------ keyUsage and suite --- */

/* A server certificate for the fixture server key with this keyUsage. */
static void issue_server(issued *out, unsigned key_usage, int64_t t0)
{
    rsa_private_key key;
    rsa_private_init(&key);
    CU_ASSERT_EQUAL_FATAL(read_key(SERVER_KEY, &key), SEE_OK);
    rsa_public_key pub;
    rsa_public_init(&pub);
    rsa_public_from_private(&pub, &key);
    const char *dns[] = {"robot.lab"};
    x509_issue_params p = {
        .common_name = "robot.lab", .subject_key = &pub, .issuer = &ca.root,
        .issuer_key = &ca.root_key, .not_before = t0, .not_after = t0 + 86400,
        .path_len = -1, .key_usage = key_usage,
        .ext_key_usage = X509_EKU_SERVER_AUTH, .dns = dns, .dns_count = 1,
    };
    CU_ASSERT_EQUAL_FATAL(x509_issue(&p, &ca.rng, out->der, sizeof out->der,
                                     &out->len), SEE_OK);
    rsa_public_clear(&pub);
    rsa_private_clear(&key);
}

/* RFC 5246 7.4.2: a server key whose keyUsage has only keyEncipherment
 * cannot sign DHE parameters; one with only digitalSignature cannot
 * decrypt PS. The client refuses the certificate for that suite with
 * unsupported_certificate (as OpenSSL answers a certificate for another
 * purpose), and takes it for the other. */
static void test_server_key_usage_against_suite(void)
{
    CU_ASSERT_FATAL(load_ca());
    int64_t t0 = der_epoch_from_civil(2027, 3, 1, 0, 0, 0), now = t0 + 60;
    static issued sign_only, encrypt_only;
    issue_server(&sign_only, X509_KU_DIGITAL_SIGNATURE, t0);
    issue_server(&encrypt_only, X509_KU_KEY_ENCIPHERMENT, t0);
    const issued *certs[2] = {&sign_only, &encrypt_only};
    const uint16_t suites[2] = {TLS_DHE_RSA_WITH_AES_128_CBC_SHA256,
                                TLS_RSA_WITH_AES_128_CBC_SHA256};
    size_t ca_len;
    uint8_t *ca_text = read_file(ROOT_CERT, &ca_len);
    tls_x509_check check = { .ca_file = ca_text, .ca_file_len = ca_len,
                             .host = "robot.lab", .clock = tls_clock_fixed,
                             .clock_ctx = &now };
    test_server t;
    test_server_init(&t, &now);
    t.cfg.verify_client = NULL;
    for (int c = 0; c < 2; c++) {
        for (int s = 0; s < 2; s++) {
            t.cfg.chain.cert[0] = certs[c]->der;
            t.cfg.chain.cert_len[0] = certs[c]->len;
            tls_config ccfg;
            tls_config_init(&ccfg);
            ccfg.verify = tls_x509_verify;
            ccfg.verify_ctx = &check;
            ccfg.suites[0] = suites[s];
            ccfg.suite_count = 1;
            pair p;
            pair_run(&p, &ccfg, &t.cfg);
            if (c == s) { /* the usage the suite needs */
                CU_ASSERT_EQUAL(p.client_hs, SEE_OK);
                CU_ASSERT_EQUAL(p.server_hs, SEE_OK);
                CU_ASSERT_STRING_EQUAL(p.client->peer_subject, "CN=robot.lab");
            } else {
                CU_ASSERT_EQUAL(p.client_hs, SEE_ERR_TLS_KEY_USAGE);
                CU_ASSERT_EQUAL(p.client->alert_sent, ALERT_UNSUPPORTED_CERTIFICATE);
                CU_ASSERT_EQUAL(p.server->alert_received, ALERT_UNSUPPORTED_CERTIFICATE);
                CU_ASSERT_STRING_EQUAL(p.client->peer_subject, "");
                char line[TLS_REFUSAL_SIZE + 200];
                tls_failure_text(p.client, p.client_hs, line, sizeof line);
                CU_ASSERT_STRING_EQUAL(line, s == 0
                    ? "the certificate's keyUsage does not allow this use of its key "
                      "(sent unsupported_certificate): CN=robot.lab: its keyUsage lacks "
                      "digitalSignature, which DHE_RSA needs to sign the DH values"
                    : "the certificate's keyUsage does not allow this use of its key "
                      "(sent unsupported_certificate): CN=robot.lab: its keyUsage lacks "
                      "keyEncipherment, which RSA key transport needs to encrypt PS");
            }
            pair_free(&p);
        }
    }
    test_server_free(&t);
    free(ca_text);
}

/* Our client's own certificate, whose keyUsage has keyEncipherment only,
 * cannot sign CertificateVerify: it is not suitable (7.4.6), and the
 * client answers the request with an empty list; the server, which
 * requires one, says handshake_failure (before: it sent the certificate,
 * and the server refused it). */
static void test_client_sends_no_certificate_that_cannot_sign(void)
{
    CU_ASSERT_FATAL(load_ca());
    int64_t t0 = der_epoch_from_civil(2027, 3, 1, 0, 0, 0), now = t0 + 60;
    static issued encrypt_only;
    issue_client(&encrypt_only, "cannot sign", t0, t0 + 86400, X509_KU_KEY_ENCIPHERMENT);
    test_server t;
    test_server_init(&t, &now);
    tls_config ccfg;
    client_config(&ccfg, &encrypt_only);
    pair p;
    pair_run(&p, &ccfg, &t.cfg);
    CU_ASSERT_TRUE(p.client->handshake_type & TLS_HS_CLIENT_AUTH);
    CU_ASSERT_TRUE(p.client->handshake_type & TLS_HS_NO_CLIENT_CERT);
    CU_ASSERT_EQUAL(p.server_hs, SEE_ERR_TLS_NO_CLIENT_CERTIFICATE);
    CU_ASSERT_EQUAL(p.server->alert_sent, ALERT_HANDSHAKE_FAILURE);
    pair_free(&p);
    test_server_free(&t);
}

/* ---------------------------------------------- the checks, traced --- */

/* The last CERTIFICATE CHECK and SIGNATURE CHECK a side traced. */
typedef struct {
    trace_party cert_who, sig_who;
    char cert[TLS_FAILURE_TEXT_SIZE], sig[256];
} check_log;

static void log_checks(void *ctx, const trace_event *e)
{
    check_log *log = ctx;
    if (strcmp(e->name, "CERTIFICATE CHECK") == 0) {
        log->cert_who = e->sender;
        snprintf(log->cert, sizeof log->cert, "%s", e->explain);
    } else if (strcmp(e->name, "SIGNATURE CHECK") == 0) {
        log->sig_who = e->sender;
        snprintf(log->sig, sizeof log->sig, "%s", e->explain);
    }
}

/* issue 15: the slides' "client now validates cert", traced by the side
 * that checks: signed by which CA, valid until when, for which name; or
 * why not. The server's check of a client certificate too, and of the
 * client's CertificateVerify signature. */
static void test_certificate_check_traced(void)
{
    CU_ASSERT_FATAL(load_ca());
    char root[256], want[600];
    x509_name_text(&ca.root.subject, root, sizeof root);
    int64_t t0 = der_epoch_from_civil(2027, 3, 1, 0, 0, 0), now = t0 + 60;
    static issued server_cert, client_cert;
    issue_server(&server_cert, X509_KU_KEY_ENCIPHERMENT | X509_KU_DIGITAL_SIGNATURE, t0);
    issue_client(&client_cert, "laptop", t0, t0 + 2 * 86400, X509_KU_DIGITAL_SIGNATURE);
    test_server t;
    test_server_init(&t, &now);
    t.cfg.chain.cert[0] = server_cert.der;
    t.cfg.chain.cert_len[0] = server_cert.len;
    tls_x509_check check = { .ca_file = t.ca_text, .ca_file_len = t.ca_len,
                             .host = "robot.lab", .clock = tls_clock_fixed,
                             .clock_ctx = &now };
    tls_config ccfg;
    client_config(&ccfg, &client_cert);
    ccfg.verify = tls_x509_verify;
    ccfg.verify_ctx = &check;
    static check_log clog, slog;
    tracer ct, st;
    for (int expired = 0; expired <= 1; expired++) {
        memset(&clog, 0, sizeof clog);
        memset(&slog, 0, sizeof slog);
        trace_init(&ct, log_checks, &clog);
        trace_init(&st, log_checks, &slog);
        ccfg.trace = &ct;
        t.cfg.trace = &st;
        now = expired ? t0 + 86400 + 60 : t0 + 60;
        pair p;
        pair_run(&p, &ccfg, &t.cfg);
        CU_ASSERT_EQUAL(clog.cert_who, TRACE_CLIENT);
        if (!expired) {
            CU_ASSERT_EQUAL(p.client_hs, SEE_OK);
            snprintf(want, sizeof want,
                     "signed by %s, valid until 2027-03-02, valid for robot.lab: good", root);
            CU_ASSERT_STRING_EQUAL(clog.cert, want);
            CU_ASSERT_EQUAL(slog.cert_who, TRACE_SERVER);
            snprintf(want, sizeof want,
                     "signed by %s, valid until 2027-03-03, valid for a TLS client: good", root);
            CU_ASSERT_STRING_EQUAL(slog.cert, want);
            CU_ASSERT_EQUAL(slog.sig_who, TRACE_SERVER);
            CU_ASSERT_PTR_NOT_NULL(strstr(slog.sig, "signed by the client certificate's key: good"));
        } else {
            CU_ASSERT_EQUAL(p.client_hs, SEE_ERR_X509_EXPIRED);
            snprintf(want, sizeof want, "FAILED: %s: depth 0, CN=robot.lab, not after "
                     "2027-03-02 00:00:00 UTC", see_strerror(SEE_ERR_X509_EXPIRED));
            CU_ASSERT_STRING_EQUAL(clog.cert, want);
        }
        pair_free(&p);
    }
    test_server_free(&t);
}

/* Whatever the verify callback, the server holds the keyUsage it reports
 * against CertificateVerify (7.4.6, 7.4.8): digitalSignature needed. */
static see_status report_encipherment_only(void *ctx, const certificate_msg *chain,
                                           rsa_public_key *key, tls_peer_cert *out)
{
    (void)ctx;
    x509_cert c;
    x509_cert_init(&c);
    see_status st = x509_parse(&c, chain->cert[0], chain->cert_len[0], NULL);
    if (st == SEE_OK) {
        mpz_set(key->n, c.key.n);
        mpz_set(key->e, c.key.e);
        snprintf(out->subject, sizeof out->subject, "CN=reported");
        out->has_key_usage = 1;
        out->key_usage = X509_KU_KEY_ENCIPHERMENT;
    }
    x509_cert_clear(&c);
    return st;
}

static void test_server_refuses_client_key_that_cannot_sign(void)
{
    CU_ASSERT_FATAL(load_ca());
    int64_t now = (int64_t)time(NULL);
    static issued cert;
    issue_client(&cert, "laptop", now - 60, now + 86400, X509_KU_DIGITAL_SIGNATURE);
    test_server t;
    test_server_init(&t, &now);
    t.cfg.verify_client = report_encipherment_only;
    tls_config ccfg;
    client_config(&ccfg, &cert);
    pair p;
    pair_run(&p, &ccfg, &t.cfg);
    CU_ASSERT_EQUAL(p.server_hs, SEE_ERR_TLS_KEY_USAGE);
    CU_ASSERT_EQUAL(p.server->alert_sent, ALERT_UNSUPPORTED_CERTIFICATE);
    CU_ASSERT_EQUAL(p.client->alert_received, ALERT_UNSUPPORTED_CERTIFICATE);
    CU_ASSERT_STRING_EQUAL(p.server->peer_subject, "");
    char line[TLS_REFUSAL_SIZE + 200];
    tls_failure_text(p.server, p.server_hs, line, sizeof line);
    CU_ASSERT_STRING_EQUAL(line, "the certificate's keyUsage does not allow this use "
                           "of its key (sent unsupported_certificate): CN=reported: "
                           "its keyUsage lacks digitalSignature, which "
                           "CertificateVerify needs");
    pair_free(&p);
    test_server_free(&t);
}

/* ------------------------------------ a malformed client Certificate --- */

/* RFC 5246 7.2.2: "A message could not be decoded because some field was
 * out of the specified range or the length of the message was incorrect":
 * decode_error. Only a well-formed empty list means "no certificate"
 * (handshake_failure, tested in test_tls). */
static void test_malformed_client_certificate(void)
{
    CU_ASSERT_FATAL(load_ca());
    int64_t now = (int64_t)time(NULL);
    static issued cert;
    issue_client(&cert, "laptop", now - 60, now + 86400, X509_KU_DIGITAL_SIGNATURE);
    test_server t;
    test_server_init(&t, &now);
    tls_config ccfg;
    client_config(&ccfg, &cert);
    pair p;
    pair_run_tapped(&p, &ccfg, &t.cfg, 1);
    CU_ASSERT_EQUAL(p.server_hs, SEE_ERR_TLS_DECODE);
    CU_ASSERT_EQUAL(p.server->alert_sent, ALERT_DECODE_ERROR);
    CU_ASSERT_EQUAL(p.client_hs, SEE_ERR_TLS_ALERT_RECEIVED);
    CU_ASSERT_EQUAL(p.client->alert_received, ALERT_DECODE_ERROR);
    pair_free(&p);
    /* and the same certificate, untouched, is accepted */
    pair_run(&p, &ccfg, &t.cfg);
    CU_ASSERT_EQUAL(p.server_hs, SEE_OK);
    CU_ASSERT_STRING_EQUAL(p.server->peer_subject, "CN=laptop");
    pair_free(&p);
    test_server_free(&t);
}

static CU_TestInfo tests[] = {
    { "alex-server reads the clock at each handshake",
      test_robot_reads_the_clock_at_each_handshake },
    { "one config, two threads of handshakes: each its own subject",
      test_shared_config_each_connection_its_own_subject },
    { "a clock moved on between handshakes: expired, then valid",
      test_clock_moved_between_handshakes },
    { "the server's keyUsage against the suite: unsupported_certificate",
      test_server_key_usage_against_suite },
    { "our client sends no certificate that cannot sign",
      test_client_sends_no_certificate_that_cannot_sign },
    { "a client key that cannot sign: unsupported_certificate",
      test_server_refuses_client_key_that_cannot_sign },
    { "a malformed client Certificate: decode_error",
      test_malformed_client_certificate },
    { "the certificate checks, traced: by which CA, until when, for which name",
      test_certificate_check_traced },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    int rc = run_suite("tls_cert", tests);
    if (ca.loaded) {
        x509_cert_clear(&ca.root);
        x509_bundle_free(&ca.root_file);
        rsa_private_clear(&ca.root_key);
        rsa_private_clear(&ca.client_key);
        rsa_public_clear(&ca.client_pub);
    }
    return rc;
}
