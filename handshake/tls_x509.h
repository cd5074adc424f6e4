/*
 * tls_x509.h: the peer's certificate check done with X.509
 * (pki/x509_verify.h): a tls_verify_fn that verifies the peer's chain
 * against a CA file, for the host name the client connects to (a server's
 * certificate) or as a TLS client's certificate, at the time a clock the
 * program gives says.
 *
 * The check is made of settings only, read and never written by the
 * verification: one tls_x509_check serves every connection of a server,
 * however many run at once. What one verification finds (the subject, the
 * keyUsage, why a certificate was refused) goes to that connection's
 * tls_peer_cert (tls.h).
 *
 * The clock: the library (pki/, crypto/, handshake/) never reads the
 * clock (DESIGN), so the program hands in a function that does, called at
 * every verification: a server that runs for months checks each
 * certificate at the time it arrives. Programs pass the wall clock
 * (seconds since 1970 from time()); demos and tests pass tls_clock_fixed,
 * a time of their choosing that a test may move on between two handshakes.
 *
 *   static int64_t wall_clock(const void *unused) { return time(NULL); }
 *   tls_x509_check check = { .ca_file = ca, .ca_file_len = ca_len,
 *                            .host = "robot.lab", .clock = wall_clock };
 *   cfg.verify = tls_x509_verify;
 *   cfg.verify_ctx = &check;
 */
#ifndef SEETLS_TLS_X509_H
#define SEETLS_TLS_X509_H

#include <stdint.h>

#include "pki/x509_verify.h"
#include "handshake/tls.h"

/* The time now, in seconds since 1970-01-01 UTC; ctx is the check's
 * clock_ctx. Called from every connection's thread: it must be safe to
 * call from several threads at once. */
typedef int64_t tls_clock_fn(const void *ctx);

typedef struct {
    const uint8_t *ca_file;   /* the text of a CA file (PEM bundle or DER) */
    size_t ca_file_len;
    const char *host;         /* the expected name; NULL: not checked */
    int for_client;           /* 1: a client's certificate (clientAuth), for
                                 tls_config.verify_client; 0: a server's */
    tls_clock_fn *clock;      /* read at each verification (required) */
    const void *clock_ctx;
} tls_x509_check;

/* A clock that says what the int64_t at ctx holds: a fixed time (demos,
 * tests), or one a test moves between handshakes. */
int64_t tls_clock_fixed(const void *ctx);

/* Use as tls_config.verify (or verify_client) with its ctx a
 * tls_x509_check. Returns the x509_verify status (each maps to its alert:
 * unknown_ca, certificate_expired, bad_certificate, ...), with the detail
 * of a refusal in out->refusal; on success the leaf's subject and keyUsage
 * in *out. SEE_ERR_ARGUMENT when the check has no clock. */
see_status tls_x509_verify(void *ctx, const certificate_msg *chain,
                           rsa_public_key *key, tls_peer_cert *out);

#endif
