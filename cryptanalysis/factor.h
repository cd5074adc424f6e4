/*
 * factor.h: splitting a composite number into factors, to show why RSA's
 * modulus n = p * q must be large (the slides: "deriving p and q from N is
 * extremely difficult").
 *
 * Two methods, the first a student would try and the first one that is
 * clever:
 *   trial division   try 2, 3, 5, 7, 9, 11, ... up to a limit: about
 *                    sqrt(n) divisions in the worst case (n = p * q with
 *                    p close to q);
 *   Pollard's rho    iterate x -> x^2 + c mod n; modulo the unknown p the
 *                    sequence repeats after about sqrt(p) steps (the
 *                    birthday paradox), and gcd(x_i - x_j, n) reveals p.
 *                    About n^(1/4) steps for a balanced semiprime. Cycles
 *                    are found with Brent's method (R. P. Brent, "An
 *                    improved Monte Carlo factorization algorithm", BIT 20,
 *                    1980), which multiplies many differences together and
 *                    takes one gcd per batch.
 *
 * Both are deterministic (no random choices), so every run of a class
 * example does the same work. Neither is how RSA keys are really attacked:
 * the general number field sieve is far faster for large n, and still
 * hopeless against 2048 bits.
 */
#ifndef SEETLS_FACTOR_H
#define SEETLS_FACTOR_H

#include <stdint.h>

#include <gmp.h>

#include "core/error.h"

/*
 * Trial division of n (n >= 2) by 2 and then by the odd numbers 3, 5, 7,
 * ... while d <= limit and d * d <= n. On success *found = 1 and factor
 * is the smallest prime factor of n that is below the limit; if d * d > n
 * was reached, n itself is prime (*found = 0, *n_is_prime = 1); if the
 * limit was reached first, *found = 0 and *n_is_prime = 0 (unknown).
 * *divisions counts the divisions tried (may be NULL; so may n_is_prime).
 * SEE_ERR_ARGUMENT if n < 2.
 */
see_status factor_trial_division(mpz_t factor, int *found, int *n_is_prime,
                                 uint64_t *divisions, const mpz_t n,
                                 uint64_t limit);

/*
 * Pollard's rho with Brent's cycle detection on f(x) = x^2 + c mod n,
 * starting from x0 = 2, for c = 1, 2, 3, ... (a new c when a walk closes
 * its cycle modulo every factor at once, which gives gcd = n), at most
 * max_steps evaluations of f in all. n must be odd, composite and > 3 (a
 * prime n makes every walk fail: test primality first).
 * On success *found = 1 and factor is a non-trivial factor of n (not
 * necessarily prime); *found = 0 when max_steps ran out. *steps counts the
 * evaluations of f (may be NULL).
 * SEE_ERR_ARGUMENT if n is even or < 4.
 */
see_status factor_pollard_rho(mpz_t factor, int *found, uint64_t *steps,
                              const mpz_t n, uint64_t max_steps);

#endif
