/*
 * dlog.h: discrete logarithms by the generic algorithms, to show why a
 * Diffie-Hellman prime p must be large: from the public A = g^a mod p,
 * find Alice's secret a.
 *
 * Both methods take about sqrt(q) group operations, q the order of g:
 *   baby-step giant-step (Shanks 1971): store g^j for j < m = ceil(sqrt q)
 *       (the baby steps), then walk h * g^(-m*i) (the giant steps) until
 *       one lands in the table: a = i*m + j. Also sqrt(q) memory.
 *   Pollard's rho for logarithms (J. M. Pollard, "Monte Carlo methods for
 *       index computation (mod p)", Math. Comp. 32, 1978): a pseudo-random
 *       walk y = g^u * h^v that splits the group in three parts (multiply
 *       by g, square, multiply by h); when the walk repeats a value,
 *       g^u1 h^v1 = g^u2 h^v2 gives a = (u1 - u2) / (v2 - v1) mod q.
 *       Constant memory; the cycle is found with Brent's method.
 * For q of b bits both need about 2^(b/2) steps: a 2048-bit safe-prime
 * group (q of 2047 bits) is far beyond them, and beyond the number field
 * sieve, the real attack.
 */
#ifndef SEETLS_DLOG_H
#define SEETLS_DLOG_H

#include <stdint.h>

#include <gmp.h>

#include "core/error.h"

/* The largest group order dlog_bsgs accepts: its table holds
 * ceil(sqrt(order)) entries of 16 bytes (2^20 entries: 16 MiB). */
#define DLOG_BSGS_MAX_ORDER_BITS 40

/*
 * Baby-step giant-step: x in [0, order) with g^x = h mod p, where order is
 * the order of g (or any multiple of it). p > 2 and 1 < g < p, 0 < h < p,
 * 1 < order < 2^DLOG_BSGS_MAX_ORDER_BITS: else SEE_ERR_ARGUMENT.
 * *found = 0 if h is not a power of g. SEE_ERR_NO_MEMORY if the table
 * cannot be allocated.
 */
see_status dlog_bsgs(mpz_t x, int *found, const mpz_t g, const mpz_t h,
                     const mpz_t p, const mpz_t order);

/*
 * Pollard's rho: x in [0, q) with g^x = h mod p, for g of PRIME order q
 * (a safe prime p = 2q + 1 with g = 4, say). At most max_steps steps of
 * the walk in all (it restarts from a new point when a collision gives no
 * answer). *found = 0 if the budget ran out or h is not in g's group
 * (h^q != 1). *steps counts the walk's steps (may be NULL).
 * SEE_ERR_ARGUMENT unless p > 2, 1 < g < p, 0 < h < p, 1 < q < p.
 * q's primality is the caller's promise (with a composite q a collision
 * may not be solvable, and the walk restarts until the budget ends).
 */
see_status dlog_pollard_rho(mpz_t x, int *found, uint64_t *steps,
                            const mpz_t g, const mpz_t h, const mpz_t p,
                            const mpz_t q, uint64_t max_steps);

#endif
