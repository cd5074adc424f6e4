/*
 * factor.c: trial division and Pollard's rho (Brent's variant).
 * See factor.h for the contract and the references.
 */
#include "cryptanalysis/factor.h"

#include <limits.h>

#include "crypto/bignum.h"

/* d divides n, for any 64-bit d: mpz_divisible_ui_p takes an unsigned
 * long, 32 bits on 32-bit ARM. */
static int divisible_u64(const mpz_t n, uint64_t d, mpz_t scratch)
{
    if (d <= ULONG_MAX)
        return mpz_divisible_ui_p(n, (unsigned long)d);
    bn_set_u64(scratch, d);
    return mpz_divisible_p(n, scratch);
}

see_status factor_trial_division(mpz_t factor, int *found, int *n_is_prime,
                                 uint64_t *divisions, const mpz_t n,
                                 uint64_t limit)
{
    ENSURE(mpz_cmp_ui(n, 2) >= 0, SEE_ERR_ARGUMENT);
    *found = 0;
    if (n_is_prime != NULL)
        *n_is_prime = 0;
    uint64_t tried = 0;
    int prime = 0;
    mpz_t big_d;
    mpz_init(big_d);

    /* d = 2 first, then every odd d: composite odd d never divide first,
     * since their prime factors were tried before them. */
    for (uint64_t d = 2; d <= limit; d = (d == 2) ? 3 : d + 2) {
        /* d * d > n: every factor pair would have its smaller half below
         * d, and none divided, so n is prime. */
        if (bn_cmp_u64(n, d) < 0 ||
            (d <= UINT32_MAX && bn_cmp_u64(n, d * d) < 0)) {
            prime = 1;
            break;
        }
        tried++;
        if (divisible_u64(n, d, big_d)) {
            bn_set_u64(factor, d);
            *found = 1;
            break;
        }
        if (d > UINT64_MAX - 2)
            break;
    }
    mpz_clear(big_d);
    /* A prime n equal to a tried d divides itself: it is found as its own
     * smallest factor, which is not a proper factor. */
    if (*found && mpz_cmp(factor, n) == 0) {
        *found = 0;
        prime = 1;
    }
    if (n_is_prime != NULL)
        *n_is_prime = prime;
    if (divisions != NULL)
        *divisions = tried;
    return SEE_OK;
}

/* f(x) = x^2 + c mod n, the map whose cycle modulo p the rho method
 * finds. */
static void rho_step(mpz_t x, unsigned long c, const mpz_t n)
{
    mpz_mul(x, x, x);
    mpz_add_ui(x, x, c);
    mpz_mod(x, x, n);
}

/* Multiplying this many differences before each gcd makes the gcds
 * cheap compared with the steps (Brent 1980, section 7). */
#define RHO_BATCH 128

/*
 * One walk of Brent's method with constant c. Returns 1 with g set to
 * gcd(difference, n) in (1, n] when the walk closed a cycle, 0 when the
 * step budget ran out.
 */
static int rho_walk(mpz_t g, uint64_t *steps, uint64_t max_steps,
                    unsigned long c, const mpz_t n)
{
    mpz_t x, y, ys, q, diff;
    mpz_inits(x, y, ys, q, diff, NULL);
    mpz_set_ui(y, 2);
    mpz_set_ui(q, 1);
    mpz_set_ui(g, 1);
    int closed = 0;

    /* x holds the value at the last power of two, y runs r steps ahead of
     * it: when y meets x modulo p, p divides x - y. */
    for (uint64_t r = 1; !closed && *steps < max_steps; r *= 2) {
        mpz_set(x, y);
        for (uint64_t i = 0; i < r && *steps < max_steps; i++, (*steps)++)
            rho_step(y, c, n);
        for (uint64_t k = 0; k < r && *steps < max_steps; k += RHO_BATCH) {
            mpz_set(ys, y);
            uint64_t batch = (r - k < RHO_BATCH) ? r - k : RHO_BATCH;
            for (uint64_t i = 0; i < batch; i++, (*steps)++) {
                rho_step(y, c, n);
                mpz_sub(diff, x, y);
                mpz_mul(q, q, diff);
                mpz_mod(q, q, n);
            }
            mpz_gcd(g, q, n);
            if (mpz_cmp_ui(g, 1) != 0) {
                closed = 1;
                break;
            }
        }
    }
    /* The batch product hit a multiple of n: several differences at once
     * may have contributed p and q. Redo the batch one gcd at a time. */
    if (closed && mpz_cmp(g, n) == 0) {
        for (int i = 0; i < RHO_BATCH; i++) {
            rho_step(ys, c, n);
            mpz_sub(diff, x, ys);
            mpz_gcd(g, diff, n);
            if (mpz_cmp_ui(g, 1) != 0)
                break;
        }
    }
    mpz_clears(x, y, ys, q, diff, NULL);
    return closed;
}

see_status factor_pollard_rho(mpz_t factor, int *found, uint64_t *steps,
                              const mpz_t n, uint64_t max_steps)
{
    ENSURE(mpz_cmp_ui(n, 4) >= 0 && mpz_odd_p(n), SEE_ERR_ARGUMENT);
    *found = 0;
    uint64_t done = 0;
    mpz_t g;
    mpz_init(g);
    for (unsigned long c = 1; done < max_steps; c++) {
        if (!rho_walk(g, &done, max_steps, c, n))
            break;
        /* gcd = n: the walk cycled modulo every factor at once (or the
         * backtrack met x = ys): try the next polynomial. */
        if (mpz_cmp_ui(g, 1) > 0 && mpz_cmp(g, n) < 0) {
            mpz_set(factor, g);
            *found = 1;
            break;
        }
    }
    mpz_clear(g);
    if (steps != NULL)
        *steps = done;
    return SEE_OK;
}
