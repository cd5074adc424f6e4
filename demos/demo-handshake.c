/*
 * demo-handshake: a whole TLS 1.2 handshake between our client (the
 * slides' browser, B) and our server (S), live, every value under the
 * slides' name.
 *
 *   build/demo-handshake [--suite dhe|rsa] [--seed TEXT] [--tamper]
 *
 * The program makes a CA and a server certificate for robot.lab, then runs
 * the client and the server in two threads over an in-memory pipe. Each
 * side reports what it sends and computes (RB, RS, PS, the master secret,
 * I_B, I_S, C_B, C_S, the FINISHED MACs, each record's sequence number) as
 * trace events, printed here as they happen: the client on the left, the
 * server indented. Both compute the same keys; then one command crosses
 * protected. --tamper flips one bit of the client's Finished record on the
 * wire: the server answers bad_record_mac.
 *
 * The randomness is seeded (default "seetls demo"), so a run is
 * reproducible byte for byte: INSECURE, for class only.
 */
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/x509.h"
#include "demos/common_pki.h"
#include "handshake/alert.h"
#include "handshake/tls.h"
#include "handshake/tls_x509.h"

static pthread_mutex_t print_lock = PTHREAD_MUTEX_INITIALIZER;

/* Print the events a side produced itself (what the other receives is
 * shown once, by its sender). */
static void print_event(void *ctx, const trace_event *e)
{
    trace_party owner = *(const trace_party *)ctx;
    if (e->sender != owner)
        return;
    pthread_mutex_lock(&print_lock);
    const char *indent = owner == TRACE_CLIENT ? "" : "                    ";
    printf("%s%-6s %-18s ", indent, owner == TRACE_CLIENT ? "B:" : "S:", e->name);
    size_t shown = e->len > 16 ? 16 : e->len;
    for (size_t i = 0; i < shown; i++)
        printf("%02x", e->bytes[i]);
    if (shown < e->len)
        printf("... (%zu bytes)", e->len);
    printf("\n%s       %s\n", indent, e->explain);
    pthread_mutex_unlock(&print_lock);
}

/* A transport that can flip a bit of the client's fourth record (its
 * Finished: ClientHello, ClientKeyExchange, ChangeCipherSpec, Finished). */
typedef struct {
    const transport *inner;
    int writes, tamper;
} eve;

static see_status eve_read(void *ctx, uint8_t *buf, size_t cap, size_t *got)
{
    eve *e = ctx;
    return e->inner->read(e->inner->ctx, buf, cap, got);
}

static see_status eve_write(void *ctx, const uint8_t *buf, size_t len)
{
    eve *e = ctx;
    uint8_t copy[TLS_RECORD_HEADER_SIZE + TLS_MAX_CIPHERTEXT];
    if (len > sizeof copy)
        return SEE_ERR_ARGUMENT;
    memcpy(copy, buf, len);
    if (e->tamper && e->writes == 3 && len > 20) {
        copy[20] ^= 0x01;
        pthread_mutex_lock(&print_lock);
        printf("\n*** Eve flips one bit of the client's Finished record ***\n\n");
        pthread_mutex_unlock(&print_lock);
    }
    e->writes++;
    return e->inner->write(e->inner->ctx, copy, len);
}

static void eve_close(void *ctx)
{
    eve *e = ctx;
    transport_close(e->inner);
}

typedef struct {
    tls_conn *conn;
    see_status status;
} server_job;

static void *server_main(void *arg)
{
    server_job *job = arg;
    job->status = tls_handshake(job->conn);
    if (job->status == SEE_OK) {
        uint8_t buf[64];
        size_t got;
        if (tls_read(job->conn, buf, sizeof buf, &got) == SEE_OK) {
            pthread_mutex_lock(&print_lock);
            printf("                    S: received \"%.*s\"\n", (int)got, (const char *)buf);
            pthread_mutex_unlock(&print_lock);
        }
        tls_close(job->conn);
    }
    transport_close(job->conn->rl.io);
    return NULL;
}

int main(int argc, char **argv)
{
    static const struct option options[] = {
        {"suite", required_argument, NULL, 's'},
        {"seed", required_argument, NULL, 'r'},
        {"tamper", no_argument, NULL, 't'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *suite = "dhe", *seed = "seetls demo";
    int tamper = 0, opt;
    while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
        switch (opt) {
        case 's': suite = optarg; break;
        case 'r': seed = optarg; break;
        case 't': tamper = 1; break;
        default:
            fprintf(stderr, "usage: demo-handshake [--suite dhe|rsa] [--seed TEXT] [--tamper]\n");
            return opt == 'h' ? 0 : 2;
        }
    }
    if (strcmp(suite, "dhe") != 0 && strcmp(suite, "rsa") != 0) {
        fprintf(stderr, "demo-handshake: --suite is dhe or rsa\n");
        return 2;
    }
    printf("demo-handshake: seeded randomness (\"%s\"): INSECURE, for class only\n\n", seed);

    see_rng key_rng, client_rng, server_rng;
    char key_seed[300];
    snprintf(key_seed, sizeof key_seed, "%s/keys", seed);
    rng_init_seeded(&key_rng, key_seed, strlen(key_seed));
    static demo_pki pki;
    if (demo_pki_make(&pki, &key_rng, "robot.lab") != 0) {
        fprintf(stderr, "demo-handshake: could not make the certificates\n");
        return 1;
    }
    /* The seed also drives both sides' randoms. */
    rng_init_seeded(&client_rng, seed, strlen(seed));
    char server_seed[300];
    snprintf(server_seed, sizeof server_seed, "%s/server", seed);
    rng_init_seeded(&server_rng, server_seed, strlen(server_seed));

    trace_party client_owner = TRACE_CLIENT, server_owner = TRACE_SERVER;
    tracer ct, st;
    trace_init(&ct, print_event, &client_owner);
    trace_init(&st, print_event, &server_owner);

    tls_x509_check check = { pki.ca_der, pki.ca_len, "robot.lab", DEMO_PKI_NOT_BEFORE + 86400,
                             { 0 }, 0 };
    tls_config ccfg, scfg;
    tls_config_init(&ccfg);
    tls_config_init(&scfg);
    ccfg.rng = &client_rng;
    ccfg.trace = &ct;
    ccfg.verify = tls_x509_verify;
    ccfg.verify_ctx = &check;
    ccfg.server_name = "robot.lab";
    ccfg.suites[0] = suite[0] == 'd' ? TLS_DHE_RSA_WITH_AES_128_CBC_SHA256
                                     : TLS_RSA_WITH_AES_128_CBC_SHA256;
    ccfg.suite_count = 1;
    scfg.rng = &server_rng;
    scfg.trace = &st;
    scfg.key = &pki.server_key;
    scfg.chain.count = 1;
    scfg.chain.cert[0] = pki.server_der;
    scfg.chain.cert_len[0] = pki.server_len;

    memory_pipe pipe;
    pipe_end ce, se;
    transport cpipe, spipe;
    if (memory_pipe_init(&pipe, 10000) != SEE_OK)
        return 1;
    memory_pipe_ends(&pipe, &ce, &se, &cpipe, &spipe);
    eve e = { &cpipe, 0, tamper };
    transport ceve = { &e, eve_read, eve_write, eve_close };

    tls_conn *client = malloc(sizeof *client), *server = malloc(sizeof *server);
    if (client == NULL || server == NULL)
        return 1;
    tls_conn_init(client, TLS_ROLE_CLIENT, &ccfg, &ceve);
    tls_conn_init(server, TLS_ROLE_SERVER, &scfg, &spipe);
    printf("B: browser (client)  S: server\n\n");
    server_job job = { server, SEE_OK };
    pthread_t th;
    if (pthread_create(&th, NULL, server_main, &job) != 0)
        return 1;
    see_status cs = tls_handshake(client);
    if (cs == SEE_OK) {
        static const char cmd[] = "forward 10 cm";
        tls_write(client, (const uint8_t *)cmd, sizeof cmd - 1);
        uint8_t buf[16];
        size_t got;
        (void)tls_read(client, buf, sizeof buf, &got); /* the server's close_notify */
        tls_close(client);
    }
    transport_close(&ceve);
    pthread_join(th, NULL);

    printf("\nclient: %s", cs == SEE_OK ? "handshake done" : see_strerror(cs));
    if (client->alert_received >= 0)
        printf(" (alert %s)", alert_name((uint8_t)client->alert_received));
    printf("\nserver: %s", job.status == SEE_OK ? "handshake done" : see_strerror(job.status));
    if (server->alert_sent >= 0)
        printf(" (sent alert %s)", alert_name((uint8_t)server->alert_sent));
    printf("\n");
    if (cs == SEE_OK)
        printf("suite %s; same master secret on both sides: %s\n",
               tls_suite_name(client->suite),
               memcmp(client->master, server->master, 48) == 0 ? "yes" : "NO");
    int rc = (cs == SEE_OK && job.status == SEE_OK) || tamper ? 0 : 1;
    tls_conn_free(client);
    tls_conn_free(server);
    free(client);
    free(server);
    memory_pipe_destroy(&pipe);
    demo_pki_free(&pki);
    return rc;
}
