/*
 * alex_tls_config.h: the TLS settings of the robot's programs, loaded from
 * the certificate and key files a lab makes (with `seetls ca` or with the
 * openssl command line).
 */
#ifndef SEETLS_ALEX_TLS_CONFIG_H
#define SEETLS_ALEX_TLS_CONFIG_H

#include <stddef.h>

#include "crypto/rsa.h"
#include "crypto/x509.h"
#include "handshake/tls.h"
#include "handshake/tls_x509.h"

typedef struct {
    tls_config cfg;
    rsa_private_key key;     /* server: the certificate's private key */
    x509_bundle chain;       /* server: its certificate (and any chain) */
    uint8_t *ca_file;        /* client: the CA file's text */
    size_t ca_file_len;
    tls_x509_check check;    /* client: how the server is checked */
    int have_key, have_chain;
} alex_tls_setup;

/* The server's side: certificate chain file and private key file. 0, or
 * -1 with a one-line reason in why. */
int alex_tls_server_setup(alex_tls_setup *s, const char *cert_path,
                          const char *key_path, char *why, size_t why_len);

/* The client's side: the CA file that must have issued the server's
 * certificate, and the name the certificate must carry. */
int alex_tls_client_setup(alex_tls_setup *s, const char *ca_path,
                          const char *server_name, char *why, size_t why_len);

void alex_tls_setup_free(alex_tls_setup *s);

#endif
