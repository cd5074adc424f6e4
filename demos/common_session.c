/* common_session.c: S in a thread of its own, B and S on a pipe, their
 * configurations (see common_session.h). */
#include "demos/common_session.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demos/common_pki.h"

static void *server_main(void *arg)
{
    demo_server *s = arg;
    if (s->lockstep != NULL)
        memory_pipe_wait_turn(s->lockstep); /* B runs first */
    s->status = tls_handshake(s->conn);
    int stop = 0;
    while (s->status == SEE_OK && !stop) {
        uint8_t buf[DEMO_SERVER_READ];
        size_t got = 0;
        if (tls_read(s->conn, buf, sizeof buf, &got) != SEE_OK)
            break;
        if (s->on_data != NULL)
            stop = s->on_data(s->ctx, s->conn, buf, got);
    }
    if (s->status == SEE_OK)
        tls_close(s->conn);
    transport_close(s->io);
    if (s->lockstep != NULL)
        memory_pipe_leave(s->lockstep); /* B runs on alone */
    return NULL;
}

/* S started, taking turns with B on lockstep (NULL: free-running). */
static int server_start(demo_server *s, tls_conn *conn, const transport *io,
                        demo_on_data on_data, void *ctx, pipe_end *lockstep)
{
    s->lockstep = lockstep;
    s->conn = conn;
    s->io = io;
    s->on_data = on_data;
    s->ctx = ctx;
    s->status = SEE_OK;
    return pthread_create(&s->thread, NULL, server_main, s) == 0 ? 0 : -1;
}

int demo_server_start(demo_server *s, tls_conn *conn, const transport *io,
                      demo_on_data on_data, void *ctx)
{
    return server_start(s, conn, io, on_data, ctx, NULL);
}

see_status demo_server_join(demo_server *s)
{
    pthread_join(s->thread, NULL);
    return s->status;
}

/* ------------------------------------------------ B and S on a pipe --- */

/* A side's transport io: its end of the pipe, or that end through its tap. */
static void side_transport(transport *io, const transport *end, transport_tap *tap)
{
    if (tap == NULL) {
        *io = *end; /* the same end: its context is the pair's pipe_end */
        return;
    }
    tap->inner = end;
    transport_tapped(io, tap);
}

int demo_pair_start(demo_pair *p, int timeout_ms, const tls_config *ccfg,
                    const tls_config *scfg, transport_tap *client_tap,
                    transport_tap *server_tap, demo_on_data on_data, void *ctx)
{
    memset(p, 0, sizeof *p);
    p->pipe = malloc(sizeof *p->pipe); /* two ring buffers: too big for a stack */
    p->client = malloc(sizeof *p->client);
    p->server = malloc(sizeof *p->server);
    if (p->pipe == NULL || p->client == NULL || p->server == NULL ||
        memory_pipe_init(p->pipe, timeout_ms) != SEE_OK) {
        free(p->pipe);
        free(p->client);
        free(p->server);
        return -1;
    }
    memory_pipe_ends(p->pipe, &p->client_end, &p->server_end, &p->client_pipe,
                     &p->server_pipe);
    side_transport(&p->client_io, &p->client_pipe, client_tap);
    side_transport(&p->server_io, &p->server_pipe, server_tap);
    tls_conn_init(p->client, TLS_ROLE_CLIENT, ccfg, &p->client_io);
    tls_conn_init(p->server, TLS_ROLE_SERVER, scfg, &p->server_io);
    /* B (this thread, the pipe's end a) and S take turns: the order of
     * every event, print and byte is the protocol's, not the scheduler's. */
    memory_pipe_lockstep(p->pipe);
    if (server_start(&p->job, p->server, &p->server_io, on_data, ctx,
                     &p->server_end) != 0) {
        demo_pair_free(p);
        return -1;
    }
    return 0;
}

see_status demo_pair_join(demo_pair *p)
{
    transport_close(&p->client_io);
    memory_pipe_leave(&p->client_end); /* S runs on to its end alone */
    return demo_server_join(&p->job);
}

void demo_pair_free(demo_pair *p)
{
    tls_conn_free(p->client);
    tls_conn_free(p->server);
    free(p->client);
    free(p->server);
    memory_pipe_destroy(p->pipe);
    free(p->pipe);
    p->client = p->server = NULL;
    p->pipe = NULL;
}

/* ------------------------------------------------ the configurations --- */

uint16_t demo_suite_named(const char *name)
{
    if (strcmp(name, "dhe") == 0)
        return TLS_DHE_RSA_WITH_AES_128_CBC_SHA256;
    if (strcmp(name, "rsa") == 0)
        return TLS_RSA_WITH_AES_128_CBC_SHA256;
    if (strcmp(name, "ecdhe") == 0)
        return TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256; /* no CBC ECDHE suite */
    return 0;
}

uint16_t demo_suite_chosen(const char *kx, const char *cipher)
{
    if (cipher == NULL)
        return demo_suite_named(kx);
    const tls_suite *suite = tls_suite_named(cipher, strlen(cipher));
    return suite != NULL ? suite->id : 0;
}

void demo_configs_init(tls_config *ccfg, tls_config *scfg, see_rng *client_rng,
                       see_rng *server_rng, uint16_t suite)
{
    tls_config_init(ccfg);
    tls_config_init(scfg);
    ccfg->rng = client_rng;
    ccfg->suites[0] = suite;
    ccfg->suite_count = 1;
    scfg->rng = server_rng;
}

void demo_check_init(tls_x509_check *check, const uint8_t *ca, size_t ca_len,
                     const char *host)
{
    static const int64_t demo_day = DEMO_PKI_NOT_BEFORE + 86400;
    memset(check, 0, sizeof *check);
    check->ca_file = ca;
    check->ca_file_len = ca_len;
    check->host = host;
    check->clock = tls_clock_fixed;
    check->clock_ctx = &demo_day;
}

void demo_certificates(tls_config *ccfg, tls_config *scfg, tls_x509_check *check,
                       const uint8_t *ca, size_t ca_len, const rsa_private_key *key,
                       const uint8_t *cert, size_t cert_len)
{
    demo_check_init(check, ca, ca_len, DEMO_HOST);
    ccfg->verify = tls_x509_verify;
    ccfg->verify_ctx = check;
    ccfg->server_name = DEMO_HOST;
    scfg->key = key;
    scfg->chain.count = 1;
    scfg->chain.cert[0] = cert;
    scfg->chain.cert_len[0] = cert_len;
}

void demo_seeded_rng(see_rng *rng, const char *format, ...)
{
    char text[300];
    va_list ap;
    va_start(ap, format);
    vsnprintf(text, sizeof text, format, ap);
    va_end(ap);
    rng_init_seeded(rng, text, strlen(text));
}
