/*
 * tls_cli.h: what `seetls server` and `seetls client` share: printing the
 * handshake's trace events, the NSS key log, the seeded-demo warning, and
 * the loop that relays standard input and output over a TLS connection.
 */
#ifndef SEETLS_TLS_CLI_H
#define SEETLS_TLS_CLI_H

#include <stdio.h>

#include "pki/x509.h"
#include "api/tls_files.h"
#include "cli/options.h"
#include "handshake/tls.h"

/* The options seetls client and seetls server both take, and where they go. */
typedef struct {
    const char *kx;       /* --kx ecdhe|dhe|rsa|all, or a list (set it
                             to "all" first) */
    const char *cipher;   /* --cipher LIST, or NULL */
    const char *keylog;   /* --keylog FILE, or NULL */
    const char *seed;     /* --seed TEXT, or NULL */
    int no_ems, no_etm;   /* --no-ems, --no-etm */
    int trace;            /* --trace */
} tls_cli_options;

/* Their rows in a command's option table (cli/options.h), in this order. */
#define TLS_CLI_OPTION_ROWS(o)                                              \
    CLI_TEXT("kx", 0, &(o)->kx),                                            \
    CLI_TEXT("suite", 0, &(o)->kx), /* the old name of --kx */              \
    CLI_FLAG("no-ems", 0, &(o)->no_ems),                                    \
    CLI_FLAG("no-etm", 0, &(o)->no_etm),                                    \
    CLI_FLAG("trace", 0, &(o)->trace),                                      \
    CLI_TEXT("keylog", 0, &(o)->keylog),                                    \
    CLI_TEXT("seed", 0, &(o)->seed)

typedef struct {
    int print;            /* --trace: events to stderr */
    FILE *keylog;         /* --keylog: NSS key log lines, or NULL */
    uint8_t rb[TLS_RANDOM_SIZE]; /* the last RB seen */
    int have_rb;
} tls_cli_trace;

/* The trace callback (ctx: a tls_cli_trace). With a key log, each master
 * secret is written as "CLIENT_RANDOM <RB> <master secret>" (the NSS key
 * log format Wireshark and openssl -keylogfile use). */
void tls_cli_on_event(void *ctx, const trace_event *e);

/* Open the key log for appending: path (--keylog), or else the file named
 * by SSLKEYLOGFILE, as browsers read it; *out stays NULL when there is
 * neither. Prints the error and returns -1. */
int tls_cli_open_keylog(const char *command, const char *path, FILE **out);

/* The randomness: the system's, or with a seed (--seed) a DRBG, after a
 * warning that every secret is then predictable. */
void tls_cli_init_rng(const char *command, const char *seed, see_rng *rng);

/* What both commands set up first: the randomness (tls_cli_init_rng), cfg
 * initialised to use it, with the extended master secret and
 * encrypt_then_mac offered or accepted unless --no-ems, --no-etm, and the
 * --trace template (no key log yet: tls_cli_open_keylog). */
void tls_cli_start(const char *command, const tls_cli_options *o, see_rng *rng,
                   tls_config *cfg, tls_cli_trace *trace);

/* What was negotiated, as both commands say it after "handshake done: ":
 * "SUITE[, extended master secret][, encrypt_then_mac]". */
void tls_cli_negotiated(const tls_conn *c, char *out, size_t cap);

/* The end of both commands: the key log closed, the randomness wiped. */
void tls_cli_finish(see_rng *rng, tls_cli_trace *trace);

/* Our own certificate chain (PEM or DER, own first) and its private key
 * into files, pointed at by cfg->chain and cfg->key (tls_files_identity:
 * a certificate whose public key is not the private key's is refused
 * here, naming both files). Prints the error and returns -1. */
int tls_cli_load_identity(const char *command, const char *cert_path,
                          const char *key_path, tls_files *files,
                          tls_config *cfg);

/* The CA file the peer's certificate must chain to, into files and check
 * (tls_files_trust: read now, with the wall clock as check's clock).
 * Prints the error and returns -1. */
int tls_cli_load_trust(const char *command, const char *ca_path,
                       tls_files *files, tls_x509_check *check);

/* Relay standard input to the peer and the peer's data to standard output
 * until the peer closes (close_notify or end of stream). With idle_ms >= 0,
 * also stop idle_ms after standard input ends with nothing more arriving.
 * Sends close_notify at the end. Returns the exit status. */
int tls_cli_relay(const char *command, tls_conn *c, int fd, int idle_ms);

/* --kx ecdhe|dhe|rsa, a ':'-separated list of them in order of
 * preference, or all (ecdhe:dhe:rsa; "both", the name from before ECDHE,
 * is dhe:rsa) into cfg: every suite of each key exchange named, in the
 * table's order (--suite, the option's old name, still taken). An unknown name is an error
 * (printed; returns -1). */
int tls_cli_kx_option(const char *command, const char *name, tls_config *cfg);

/* --cipher LIST: colon-separated suite names, OpenSSL's (AES128-SHA256,
 * DHE-RSA-AES128-SHA256) or IANA's (TLS_RSA_WITH_AES_128_CBC_SHA256,
 * TLS_DHE_RSA_WITH_AES_128_CBC_SHA256), in order of preference, into
 * cfg->suites. An unknown name is an error (printed; returns -1). */
int tls_cli_cipher_list(const char *command, const char *list, tls_config *cfg);

#endif
