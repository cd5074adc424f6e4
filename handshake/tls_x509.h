/*
 * tls_x509.h: the peer's certificate check done with X.509
 * (crypto/x509_verify.h): a tls_verify_fn that verifies the server's chain
 * against a CA file, for the host name the client connects to, as a TLS
 * server certificate, at a time the program gives (crypto/ and handshake/
 * never read the clock).
 */
#ifndef SEETLS_TLS_X509_H
#define SEETLS_TLS_X509_H

#include <stdint.h>

#include "crypto/x509_verify.h"
#include "handshake/tls.h"

typedef struct {
    const uint8_t *ca_file;   /* the text of a CA file (PEM bundle or DER) */
    size_t ca_file_len;
    const char *host;         /* the expected name; NULL: not checked */
    int64_t now;              /* seconds since 1970-01-01 UTC */
    x509_verify_result result; /* filled by the check, for messages */
    int for_client;           /* 1: a client's certificate (clientAuth), for
                                 tls_config.verify_client; 0: a server's */
} tls_x509_check;

/* Use as tls_config.verify with verify_ctx a tls_x509_check. Returns the
 * x509_verify status (each maps to its alert: unknown_ca,
 * certificate_expired, bad_certificate, ...). */
see_status tls_x509_verify(void *ctx, const certificate_msg *chain,
                           rsa_public_key *key, char *subject,
                           size_t subject_cap);

#endif
