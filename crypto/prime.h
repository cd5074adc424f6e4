/*
 * prime.h: finding and recognising primes, as RSA and Diffie-Hellman need.
 *
 * A candidate first meets trial division by the small primes (most
 * composites die there, cheaply), then our Miller-Rabin test with random
 * bases (FIPS 186-5 B.3.1). Random candidates for a given size are found
 * by sieving a window of consecutive odd numbers, so that the small-prime
 * division is done once per window rather than once per candidate.
 *
 * Every random choice comes from a see_rng (NULL: the operating system).
 */
#ifndef SEETLS_PRIME_H
#define SEETLS_PRIME_H

#include <gmp.h>

#include "core/error.h"
#include "crypto/random.h"

/* Rounds of Miller-Rabin for an input chosen by someone else, who may have
 * picked a composite that fools some bases: each round lets a composite
 * through with probability at most 1/4, so 2^-128 overall. */
#define PRIME_ROUNDS_ADVERSARIAL 64

/* Rounds for a prime candidate of `bits` bits that we chose at random
 * (FIPS 186-5 Appendix B.3, Table B.1, and the average-case bounds behind
 * it): 4 from 1536 bits, 5 from 1024, 7 from 512, more below. */
unsigned prime_rounds_for_random(unsigned bits);

/* The Miller-Rabin test of odd n > 3 with one base a (2 <= a <= n - 2):
 * 1 if n is a strong probable prime to base a, else 0 (n is composite). */
int prime_miller_rabin_base(const mpz_t n, const mpz_t a);

/* Trial division by the small primes, then `rounds` Miller-Rabin rounds
 * with uniform random bases. *is_prime = 1 (probably prime) or 0
 * (certainly composite). Any n is accepted (n < 2 is not prime). */
see_status prime_test(const mpz_t n, unsigned rounds, see_rng *rng,
                      int *is_prime);

/* A random probable prime of exactly `bits` bits whose top two bits are
 * set (so the product of two has exactly 2 * bits bits). bits >= 3;
 * SEE_ERR_PRIME_SIZE otherwise. Miller-Rabin rounds per Table B.1. */
see_status prime_random(see_rng *rng, mpz_t p, unsigned bits);

/* A random safe prime p = 2q + 1 (q prime too) of exactly `bits` bits
 * (top bit set), bits >= 3. For Diffie-Hellman demos: 16..64 bits are
 * found instantly (and are breakable by a laptop), 512 in seconds;
 * 2048 takes minutes, so use the named groups instead. */
see_status prime_random_safe(see_rng *rng, mpz_t p, unsigned bits);

#endif
