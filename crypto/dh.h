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

/* Groups below this many bits are refused unless the caller passes an
 * explicit allow_insecure flag (the slides' toy group, the class demos that
 * break small groups). 2048 bits: NIST SP 800-57's minimum for 112-bit
 * security, and what RFC 7919's smallest group offers. */
#define DH_MIN_BITS 2048

/*
 * A named group:
 *   "ffdhe2048", "ffdhe3072"  RFC 7919 Appendix A.1, A.2 (g = 2,
 *                             q = (p - 1) / 2)
 *   "modp2048" (or "modp14")  RFC 3526 section 3, the 2048-bit MODP group 14
 *                             (g = 2, q = (p - 1) / 2)
 *   "toy"                     the slides' p = 23, g = 5. g generates every
 *                             residue (order 22), so q is left 0: no
 *                             subgroup check. Needs allow_insecure.
 * Errors: SEE_ERR_DH_UNKNOWN_GROUP, SEE_ERR_DH_GROUP_SMALL.
 */
see_status dh_group_named(dh_group *group, const char *name,
                          int allow_insecure);

/* Any group (p, g), with q the order of g when known (q may be NULL).
 * Cheap checks only: p odd and > 3, 1 < g < p - 1, 0 < q < p when given,
 * and the size rule. Errors: SEE_ERR_DH_GROUP_BAD, SEE_ERR_DH_GROUP_SMALL.
 * When q is NULL and (p, g) is one of the named groups above (as a TLS 1.2
 * ServerKeyExchange carries it), q and the name are filled in, so peers'
 * values get the subgroup check. See dh_group_check_prime for the
 * expensive checks. */
see_status dh_group_set(dh_group *group, const mpz_t p, const mpz_t g,
                        const mpz_t q, int allow_insecure);

/* The expensive checks of a group from elsewhere: p prime, and when q is
 * known: q prime, q divides p - 1, g^q = 1 mod p. SEE_ERR_DH_GROUP_BAD. */
see_status dh_group_check_prime(const dh_group *group, see_rng *rng);

/* A fresh group for class demos: a random safe prime p = 2q + 1 of `bits`
 * bits, g = 4 (a square, so its order is q). Below DH_MIN_BITS only with
 * allow_insecure. Fast up to a few hundred bits; use the named groups for
 * real sizes. */
see_status dh_group_generate(dh_group *group, see_rng *rng, unsigned bits,
                             int allow_insecure);

/* Bits of p. */
unsigned dh_group_bits(const dh_group *group);

/*
 * The size of the private exponent drawn by dh_generate_key.
 * RFC 7919 section 5.2 lets a peer use a short exponent of at least twice
 * the group's security strength; Appendix A gives the figures: 225 bits
 * for ffdhe2048 (strength 103 bits), 275 for ffdhe3072 (125 bits). The
 * 2048-bit MODP group has the same strength as ffdhe2048: 225. For any other
 * group with q known: bits of q (the full range, below q); else bits of p
 * (the full range, below p - 1).
 */
unsigned dh_private_bits(const dh_group *group);

/* A key pair: x uniform in [2, 2^dh_private_bits) (capped below q, or
 * p - 1), and the slides' A = g^x mod p (with mpz_powm_sec). */
see_status dh_generate_key(const dh_group *group, see_rng *rng, mpz_t x,
                           mpz_t y);

/* The public value for a given private exponent (the slides' a = 6 gives
 * A = 8 in the toy group). x in [1, p - 2]: SEE_ERR_DH_PRIVATE_RANGE. */
see_status dh_public_from_private(const dh_group *group, const mpz_t x,
                                  mpz_t y);

/* Validate a peer's public value Y (RFC 7919 5.1, NIST SP 800-56A
 * 5.6.2.3.1): 1 < Y < p - 1 (SEE_ERR_DH_PUBLIC_RANGE: 0, 1 and p - 1 give
 * a shared secret the attacker knows), and when q is known Y^q = 1 mod p
 * (SEE_ERR_DH_PUBLIC_SUBGROUP: Y outside the subgroup leaks x mod small
 * factors). */
see_status dh_check_public(const dh_group *group, const mpz_t y);

/* The slides' S = B^a mod p as a number, after dh_check_public. */
see_status dh_shared_secret_number(const dh_group *group, const mpz_t x,
                                   const mpz_t peer_y, mpz_t s);

/* S as bytes, exactly as long as p, leading zeros kept (RFC 7919 section
 * 2 for TLS 1.3 and NIST SP 800-56A's Z). cap >= bytes of p, else
 * SEE_ERR_BUFFER_SMALL. */
see_status dh_shared_secret(const dh_group *group, const mpz_t x,
                            const mpz_t peer_y, uint8_t *out, size_t cap,
                            size_t *out_len);

/* S as TLS 1.2 uses it for the pre-master secret: "leading bytes of Z that
 * contain all zero bits are stripped" (RFC 5246 8.1.2). */
see_status dh_shared_secret_tls12(const dh_group *group, const mpz_t x,
                                  const mpz_t peer_y, uint8_t *out,
                                  size_t cap, size_t *out_len);

#endif
