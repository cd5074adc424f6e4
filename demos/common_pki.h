/*
 * common_pki.h: what the class demos share: a CA (Charlie, in the slides)
 * and a server certificate it signed, made fresh in memory.
 */
#ifndef SEETLS_DEMOS_COMMON_PKI_H
#define SEETLS_DEMOS_COMMON_PKI_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/random.h"
#include "crypto/rsa.h"
#include "pki/x509.h"

/* Certificates valid from 2026-01-01 for ten years. */
#define DEMO_PKI_NOT_BEFORE 1767225600

typedef struct {
    rsa_private_key ca_key, server_key;
    uint8_t ca_der[X509_MAX_CERT_SIZE], server_der[X509_MAX_CERT_SIZE];
    size_t ca_len, server_len;
} demo_pki;

/* Two 2048-bit keys, a CA certificate and a server certificate for host.
 * 0, or -1 if anything failed. */
int demo_pki_make(demo_pki *pki, see_rng *rng, const char *host);
void demo_pki_free(demo_pki *pki);

#endif
