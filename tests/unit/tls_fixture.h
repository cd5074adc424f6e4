/*
 * tls_fixture.h: what the handshake suites share (test_tls,
 * test_tls_strict, test_tls_groups, test_transport): the test server's
 * identity, an RSA-2048 key from vectors/tls12_test_server_key.txt and its
 * certificate from vectors/tls12_openssl_hellos.txt; a client check that
 * trusts exactly that certificate, and one that trusts none; a whole
 * handshake with one line echoed; and the suites' main (a tap on one
 * side's writes is transport_tapped).
 */
#ifndef SEETLS_TLS_FIXTURE_H
#define SEETLS_TLS_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#include <CUnit/CUnit.h>

#include "handshake/tls.h"

extern rsa_private_key tls_test_key;
extern uint8_t *tls_test_cert;
extern size_t tls_test_cert_len;

/* Load the key and certificate (once); 1 on success. */
int tls_test_identity_load(void);

/* Wipe and free them (at the end of a suite's main). */
void tls_test_identity_free(void);

/* A tls_verify_fn: the test certificate and nothing else, subject
 * "CN=robot.lab". */
see_status tls_test_trust(void *ctx, const certificate_msg *chain,
                          rsa_public_key *key, tls_peer_cert *out);

/* A tls_verify_fn that refuses every certificate: unknown issuer. */
see_status tls_test_trust_nothing(void *ctx, const certificate_msg *chain,
                                  rsa_public_key *key, tls_peer_cert *out);

/* tls_config_init, then the test key and certificate as our own. */
void tls_test_server_config(tls_config *cfg);

/* A whole handshake of our client (ccfg) with our server (scfg, in a
 * thread) over an in-memory pipe, then one line sent and echoed back:
 * both connections are left for the caller to look at (every CUnit check
 * of the exchange itself is made here), then tls_test_echo_free. */
typedef struct {
    tls_conn *client, *server;
    see_status server_hs;
} tls_test_echo;

void tls_test_echo_run(tls_config *ccfg, tls_config *scfg, tls_test_echo *out);
void tls_test_echo_free(tls_test_echo *e);

/* run_suite, then tls_test_identity_free: a handshake suite's main. */
int run_tls_suite(const char *name, CU_TestInfo *tests);

#endif
