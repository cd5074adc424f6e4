/*
 * drbg.h: HMAC_DRBG with SHA-256, NIST SP 800-90A Rev. 1 section 10.1.2.
 *
 * A deterministic random bit generator: the same seed always gives the same
 * bytes. seetls uses it only for reproducible class demos (see random.h);
 * real keys come from the operating system.
 */
#ifndef SEETLS_DRBG_H
#define SEETLS_DRBG_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

/* SP 800-90A Table 2: at most 2^48 generate calls between reseeds and at
 * most 2^19 bits (65536 bytes) per call. */
#define DRBG_MAX_BYTES_PER_CALL 65536
#define DRBG_RESEED_INTERVAL    ((uint64_t)1 << 48)

typedef struct {
    uint8_t K[32];
    uint8_t V[32];
    uint64_t reseed_counter;
} hmac_drbg;

/* 10.1.2.3: seed material = entropy || nonce || personalization. */
void drbg_instantiate(hmac_drbg *d, const void *entropy, size_t entropy_len,
                      const void *nonce, size_t nonce_len,
                      const void *personal, size_t personal_len);

/* 10.1.2.4: mix in fresh entropy and optional additional input. */
void drbg_reseed(hmac_drbg *d, const void *entropy, size_t entropy_len,
                 const void *additional, size_t additional_len);

/* 10.1.2.5: len bytes into out. SEE_ERR_DRBG when len is over the per-call
 * limit or a reseed is due. */
see_status drbg_generate(hmac_drbg *d, void *out, size_t len,
                         const void *additional, size_t additional_len);

void drbg_wipe(hmac_drbg *d);

#endif
