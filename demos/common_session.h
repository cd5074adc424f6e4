/*
 * common_session.h: what every demo that runs our client (B) and our
 * server (S) in one program shares: S in a thread of its own, the two over
 * an in-memory pipe, and their configurations.
 *
 *   demo_server_start  S's handshake, then each piece of application data
 *                      it reads handed to the demo's on_data (which may
 *                      answer), until B closes or on_data says stop; then
 *                      S's close_notify and its transport closed
 *   demo_server_join   wait for S; its handshake's status
 *   demo_pair_start    B and S over an in-memory pipe, either side's
 *                      transport through a tap (a recording, Eve), and S
 *                      started, the two in lockstep (one runs at a time:
 *                      a seeded run prints and sends the same bytes in the
 *                      same order every time); demo_pair_join,
 *                      demo_pair_free after
 *   demo_configs_init  B's and S's configurations: their randomness and
 *                      the one suite B offers
 *   demo_certificates  S's certificate and key, and B's check of it
 *   demo_seeded_rng    a generator seeded with "SEED/PART" text
 *
 * Built once (demos/common_session.c) and linked into every demo.
 */
#ifndef SEETLS_DEMOS_COMMON_SESSION_H
#define SEETLS_DEMOS_COMMON_SESSION_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto/random.h"
#include "crypto/rsa.h"
#include "handshake/tls.h"
#include "handshake/tls_x509.h"

/* The name on every demo server's certificate, which B checks and sends. */
#define DEMO_HOST "robot.lab"

/* What S does with data it read: return 0 to read on, 1 to stop reading
 * (S then closes). server is S's connection, to answer with tls_write. */
typedef int (*demo_on_data)(void *ctx, tls_conn *server, const uint8_t *data,
                            size_t len);

/* The largest piece of data handed to on_data at once. */
#define DEMO_SERVER_READ 256

typedef struct {
    tls_conn *conn;
    const transport *io;    /* the transport conn was made with */
    demo_on_data on_data;   /* may be NULL: what is read is dropped */
    void *ctx;
    see_status status;      /* the handshake's */
    pipe_end *lockstep;     /* S's end of a pipe in lockstep, or NULL */
    pthread_t thread;
} demo_server;

/* Start S on conn (made by tls_conn_init with io). 0, or -1 if the thread
 * could not start (then nothing runs). */
int demo_server_start(demo_server *s, tls_conn *conn, const transport *io,
                      demo_on_data on_data, void *ctx);

/* Wait for S to finish; its handshake's status. */
see_status demo_server_join(demo_server *s);

/* ------------------------------------------------ B and S on a pipe --- */

typedef struct {
    memory_pipe *pipe;
    pipe_end client_end, server_end;
    transport client_pipe, server_pipe; /* the pipe's two ends */
    transport client_io, server_io;     /* what B and S use: through a tap */
    tls_conn *client, *server;
    demo_server job;
} demo_pair;

/*
 * B (with ccfg) and S (with scfg) over a new in-memory pipe whose reads wait
 * timeout_ms at most (-1: for ever). A side with a tap (client_tap,
 * server_tap: NULL for none) uses its transport through it, the tap's inner
 * set here to its end of the pipe; the taps must outlive the pair. S starts
 * at once (as demo_server_start, with on_data, ctx); B's handshake is the
 * caller's. 0, or -1 with nothing left to free.
 *
 * B (the calling thread) and S run in lockstep (memory_pipe_lockstep): B
 * runs until it waits for S's bytes, S until it waits for B's, and so on;
 * until demo_pair_join, the caller does no other waiting for S.
 */
int demo_pair_start(demo_pair *p, int timeout_ms, const tls_config *ccfg,
                    const tls_config *scfg, transport_tap *client_tap,
                    transport_tap *server_tap, demo_on_data on_data, void *ctx);

/* B's transport closed (S reads the end), B out of the lockstep, then S
 * waited for: its handshake's status. */
see_status demo_pair_join(demo_pair *p);

/* Both connections and the pipe freed (after demo_pair_join). */
void demo_pair_free(demo_pair *p);

/* ------------------------------------------------ the configurations --- */

/* "rsa", "dhe" or "ecdhe" (a demo's --kx) as the suite's number: the CBC
 * suite for rsa and dhe (the slides' records), ECDHE-RSA-AES128-GCM-SHA256
 * for ecdhe; 0 for none of them. */
uint16_t demo_suite_named(const char *name);

/* The one suite a demo runs: cipher (a --cipher option: IANA's or
 * OpenSSL's name of one of our suites) if not NULL, else kx as
 * demo_suite_named has it; 0 for a name that is neither. */
uint16_t demo_suite_chosen(const char *kx, const char *cipher);

/* ccfg and scfg initialised (tls_config_init), B's randomness client_rng
 * and S's server_rng (they may be one), and B offering suite alone. */
void demo_configs_init(tls_config *ccfg, tls_config *scfg, see_rng *client_rng,
                       see_rng *server_rng, uint16_t suite);

/* check: a certificate must chain to ca (DER), carry host (NULL: no name
 * checked), and be valid on the demos' day (a day after DEMO_PKI_NOT_BEFORE,
 * the fixed clock every demo runs on). */
void demo_check_init(tls_x509_check *check, const uint8_t *ca, size_t ca_len,
                     const char *host);

/* S shows cert (DER, its whole chain) and proves it holds key; B checks it
 * against ca for DEMO_HOST (demo_check_init into *check, which must outlive
 * the session) and sends DEMO_HOST as the server name. */
void demo_certificates(tls_config *ccfg, tls_config *scfg, tls_x509_check *check,
                       const uint8_t *ca, size_t ca_len, const rsa_private_key *key,
                       const uint8_t *cert, size_t cert_len);

/* rng seeded with the text format makes (snprintf), e.g. "%s/keys", seed:
 * each part of a demo draws from its own seeded generator. INSECURE. */
void demo_seeded_rng(see_rng *rng, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

#endif
