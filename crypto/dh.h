/*
 * dh.h: Diffie-Hellman key agreement as the slides teach it.
 *
 *   Alice and Bob agree on p (a prime) and g;
 *   A = g^a mod p,  B = g^b mod p          (sent in the clear)
 *   S(Alice) = B^a mod p = S(Bob) = A^b mod p = g^(ab) mod p
 */
#ifndef SEETLS_DH_H
#define SEETLS_DH_H

#include <stddef.h>
#include <stdint.h>

#include <gmp.h>

#include "crypto/error.h"
#include "crypto/random.h"

typedef struct {
    mpz_t p;          /* the prime modulus */
    mpz_t g;          /* the generator */
    mpz_t q;          /* the order of g's subgroup when known ((p-1)/2 for a
                         safe prime), else 0 */
    const char *name; /* "ffdhe2048", ... or NULL for a custom group */
} dh_group;

void dh_group_init(dh_group *group);
void dh_group_clear(dh_group *group);

#endif
