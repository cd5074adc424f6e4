/*
 * rsa.h: RSA as the slides teach it, then as RFC 8017 makes it safe.
 *
 * The slides' formulas, in the slides' names:
 *   n = p * q                    the modulus (public)
 *   t(n) = (p - 1) * (q - 1)     the totient
 *   gcd(e, t(n)) = 1             e, the public exponent
 *   d * e = 1 + k * t(n)         d, the private exponent
 *   c = m^e mod n                encryption with the public key (e, n)
 *   m = c^d mod n                decryption with the private key (d, n)
 */
#ifndef SEETLS_RSA_H
#define SEETLS_RSA_H

#include <stddef.h>
#include <stdint.h>

#include <gmp.h>

#include "crypto/error.h"
#include "crypto/random.h"

typedef struct {
    mpz_t n; /* modulus */
    mpz_t e; /* public exponent */
} rsa_public_key;

typedef struct {
    mpz_t n, e;    /* the public half */
    mpz_t d;       /* private exponent */
    mpz_t p, q;    /* the two primes, p > q */
    mpz_t dp, dq;  /* d mod (p - 1), d mod (q - 1): CRT exponents */
    mpz_t qinv;    /* q^-1 mod p: CRT coefficient */
} rsa_private_key;

void rsa_public_init(rsa_public_key *key);
void rsa_public_clear(rsa_public_key *key);
void rsa_private_init(rsa_private_key *key);
/* Wipes every secret value before freeing it. */
void rsa_private_clear(rsa_private_key *key);

#endif
