/*
 * tls_files.h: what every program that speaks TLS reads from files before
 * its first handshake: its own certificate chain and private key, and the
 * CA file the peer's certificate must chain to. One loader for seetls
 * client and server, the robot's two ends and the public API, so that all
 * of them refuse the same mistakes with the same words ("srv.crt: its
 * public key does not match the private key in cli.key").
 *
 * Internal: programs of this tree use it; a program of your own uses
 * include/seetls/seetls.h, which is built on it.
 */
#ifndef SEETLS_TLS_FILES_H
#define SEETLS_TLS_FILES_H

#include <stddef.h>
#include <stdint.h>

#include "handshake/tls.h"
#include "handshake/tls_x509.h"
#include "pki/x509.h"

typedef struct {
    rsa_private_key key;         /* our certificate's private key */
    int have_key;
    x509_bundle chain;           /* our certificate chain, ours first */
    uint8_t *ca_file;            /* the CA file's text (tls_x509_check) */
    size_t ca_file_len;
} tls_files;

void tls_files_init(tls_files *f);

/* Read our certificate chain (1 to TLS_MAX_CHAIN certificates, PEM or
 * DER) and private key into f, and point cfg->key and cfg->chain at them.
 * A certificate whose public key is not the private key's is refused
 * here (x509_check_key_pair): every peer would see a signature that does
 * not verify. SEE_OK, or the failure with one line in why naming the
 * file: SEE_ERR_FILE (cannot read it), the key file's status, the
 * certificates' status, SEE_ERR_X509_LIMIT, SEE_ERR_X509_KEY_MISMATCH
 * (the line names both files). */
see_status tls_files_identity(tls_files *f, const char *cert_path,
                              const char *key_path, tls_config *cfg,
                              char *why, size_t why_len);

/* Read the CA file into f, checked now to hold certificates (a file with
 * none is the program's mistake, said at once rather than as every peer's
 * refusal), and set check's CA file and clock (the wall clock: a server
 * runs for months and checks each certificate when it arrives). SEE_OK,
 * or the failure with one line in why naming the file. */
see_status tls_files_trust(tls_files *f, const char *ca_path,
                           tls_x509_check *check, char *why, size_t why_len);

/* Wipe the key and free what f holds (f may be only initialised). */
void tls_files_free(tls_files *f);

/* The wall clock, seconds since 1970 (time()): the clock programs hand to
 * tls_x509_check. */
int64_t tls_clock_wall(const void *unused);

#endif
