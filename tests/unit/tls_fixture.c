/* tls_fixture.c: what the handshake suites share (see tls_fixture.h). */
#include "tests/unit/tls_fixture.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/unit/harness.h"

rsa_private_key tls_test_key;
uint8_t *tls_test_cert;
size_t tls_test_cert_len;

int tls_test_identity_load(void)
{
    if (tls_test_cert != NULL)
        return 1;
    vec_file *v = vec_open("tls12_test_server_key.txt");
    if (v == NULL || !vec_next(v))
        return 0;
    mpz_t p, q, e;
    mpz_inits(p, q, e, NULL);
    mpz_set_str(p, vec_get(v, "p"), 16);
    mpz_set_str(q, vec_get(v, "q"), 16);
    mpz_set_str(e, vec_get(v, "e"), 16);
    rsa_private_init(&tls_test_key);
    see_status st = rsa_private_from_factors(&tls_test_key, p, q, e);
    mpz_clears(p, q, e, NULL);
    vec_close(v);
    v = vec_open("tls12_openssl_hellos.txt");
    if (v == NULL || !vec_next(v))
        return 0;
    tls_test_cert = vec_hex(v, "server_cert", &tls_test_cert_len);
    vec_close(v);
    return st == SEE_OK && tls_test_cert != NULL;
}

void tls_test_identity_free(void)
{
    if (tls_test_cert == NULL)
        return;
    free(tls_test_cert);
    tls_test_cert = NULL;
    rsa_private_clear(&tls_test_key);
}

see_status tls_test_trust(void *ctx, const certificate_msg *chain,
                          rsa_public_key *key, tls_peer_cert *out)
{
    (void)ctx;
    if (chain->count < 1 || chain->cert_len[0] != tls_test_cert_len ||
        memcmp(chain->cert[0], tls_test_cert, tls_test_cert_len) != 0)
        return SEE_ERR_TLS_BAD_CERTIFICATE;
    rsa_public_from_private(key, &tls_test_key);
    snprintf(out->subject, sizeof out->subject, "CN=robot.lab");
    return SEE_OK;
}

see_status tls_test_trust_nothing(void *ctx, const certificate_msg *chain,
                                  rsa_public_key *key, tls_peer_cert *out)
{
    (void)ctx;
    (void)chain;
    (void)key;
    (void)out;
    return SEE_ERR_X509_UNKNOWN_ISSUER;
}

void tls_test_server_config(tls_config *cfg)
{
    tls_config_init(cfg);
    cfg->key = &tls_test_key;
    cfg->chain.count = 1;
    cfg->chain.cert[0] = tls_test_cert;
    cfg->chain.cert_len[0] = tls_test_cert_len;
}

typedef struct {
    tls_conn *conn;
    const transport *io;   /* the server's end of the pipe */
    see_status hs;
} echo_side;

static void *echo_serve(void *arg)
{
    echo_side *s = arg;
    s->hs = tls_handshake(s->conn);
    if (s->hs == SEE_OK) {
        uint8_t buf[64];
        size_t got;
        if (tls_read(s->conn, buf, sizeof buf, &got) == SEE_OK)
            tls_write(s->conn, buf, got);
    }
    transport_close(s->io);
    return NULL;
}

void tls_test_echo_run(tls_config *ccfg, tls_config *scfg, tls_test_echo *out)
{
    memory_pipe pipe;
    pipe_end ce, se;
    transport ct, st;
    CU_ASSERT_EQUAL_FATAL(memory_pipe_init(&pipe, 5000), SEE_OK);
    memory_pipe_ends(&pipe, &ce, &se, &ct, &st);
    out->client = malloc(sizeof *out->client);
    out->server = malloc(sizeof *out->server);
    CU_ASSERT_FATAL(out->client != NULL && out->server != NULL);
    echo_side server = { out->server, &st, SEE_OK };
    tls_conn_init(out->client, TLS_ROLE_CLIENT, ccfg, &ct);
    tls_conn_init(out->server, TLS_ROLE_SERVER, scfg, &st);
    pthread_t th;
    CU_ASSERT_EQUAL_FATAL(pthread_create(&th, NULL, echo_serve, &server), 0);
    CU_ASSERT_EQUAL(tls_handshake(out->client), SEE_OK);
    static const char line[] = "forward 10 cm";
    uint8_t echo[64];
    size_t got = 0;
    CU_ASSERT_EQUAL(tls_write(out->client, (const uint8_t *)line, strlen(line)), SEE_OK);
    CU_ASSERT_EQUAL(tls_read(out->client, echo, sizeof echo, &got), SEE_OK);
    CU_ASSERT(got == strlen(line) && memcmp(echo, line, got) == 0);
    tls_close(out->client);
    pthread_join(th, NULL);
    CU_ASSERT_EQUAL(server.hs, SEE_OK);
    CU_ASSERT_EQUAL(memcmp(out->client->master, out->server->master, 48), 0);
    out->server_hs = server.hs;
    memory_pipe_destroy(&pipe);
}

void tls_test_echo_free(tls_test_echo *e)
{
    tls_conn_free(e->client);
    tls_conn_free(e->server);
    free(e->client);
    free(e->server);
}

int run_tls_suite(const char *name, CU_TestInfo *tests)
{
    int rc = run_suite(name, tests);
    tls_test_identity_free();
    return rc;
}
