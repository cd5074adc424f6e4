/*
 * alex_tls_config.h: the TLS settings of the robot's programs, loaded from
 * the certificate and key files a lab makes (with `seetls ca` or with the
 * openssl command line).
 */
#ifndef SEETLS_ALEX_TLS_CONFIG_H
#define SEETLS_ALEX_TLS_CONFIG_H

#include <stddef.h>

#include "api/tls_files.h"
#include "handshake/tls.h"
#include "handshake/tls_x509.h"
#include "robot/alex_status.h"

typedef struct {
    tls_config cfg;
    tls_files files;         /* our certificate chain and key, the CA file */
    tls_x509_check check;    /* how the peer's certificate is checked: at
                                the time of each handshake, shared read-only
                                by every connection */
} alex_tls_setup;

/* The robot's side: its certificate chain file and private key file, and
 * the CA file that must have issued every controller's certificate (a
 * client certificate is then required: mutual authentication). SEE_OK, or
 * the failure with a one-line reason in why naming the file
 * (tls_files.h): SEE_ERR_FILE (cannot read it), the key file's or the
 * certificates' status, SEE_ERR_X509_KEY_MISMATCH (the certificate's public
 * key is not the private key's: the line names both files). */
see_status alex_tls_server_setup(alex_tls_setup *s, const char *cert_path,
                                 const char *key_path, const char *ca_path,
                                 char *why, size_t why_len);

/* The laptop's side: the CA file that must have issued the robot's
 * certificate, the name it must carry, and the laptop's own certificate
 * and key (NULL for none: a robot that requires one will refuse; the two
 * must belong together, as for the server). The same statuses. */
see_status alex_tls_client_setup(alex_tls_setup *s, const char *ca_path,
                                 const char *server_name, const char *cert_path,
                                 const char *key_path, char *why, size_t why_len);

void alex_tls_setup_free(alex_tls_setup *s);

#endif
