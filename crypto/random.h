/*
 * random.h: where seetls gets its random bytes.
 *
 * A see_rng is either the operating system's generator (getrandom(2)), for
 * every real use, or an HMAC_DRBG started from a fixed seed, for class
 * demos that must show the same bytes on every run. A seeded generator is
 * predictable by anyone who knows the seed: programs that offer one must
 * say so loudly (rng_is_seeded tells them).
 *
 * Every function that needs randomness takes a see_rng *; NULL means the
 * operating system.
 */
#ifndef SEETLS_RANDOM_H
#define SEETLS_RANDOM_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/drbg.h"
#include "core/error.h"

typedef struct {
    int seeded;       /* 0: getrandom; 1: the DRBG below */
    hmac_drbg drbg;
} see_rng;

/* The operating system's generator. */
void rng_init_system(see_rng *rng);

/* A deterministic generator: HMAC_DRBG instantiated with seed as its
 * entropy input and the fixed nonce "seetls seeded demo". INSECURE. */
void rng_init_seeded(see_rng *rng, const void *seed, size_t seed_len);

/* Fill out with len random bytes. SEE_ERR_RANDOM if the system source
 * fails (it is retried on EINTR and short reads). */
see_status rng_bytes(see_rng *rng, void *out, size_t len);

int rng_is_seeded(const see_rng *rng);

void rng_wipe(see_rng *rng);

#endif
