/*
 * ex_factor.c: the lecture's "try it if you aren't convinced": split
 * N = 143, 8633 and 175,828,273 into p * q, by trial division and by
 * Pollard's rho (cryptanalysis/factor.h), timed.
 */
#include <stdio.h> /* before gmp.h, for gmp_fprintf */

#include "cryptanalysis/factor.h"
#include "crypto/prime.h"
#include "slides_examples/slides.h"

/* What the slides claim ("Public Key Cryptosystems: Example"): each N is
 * a modulus p * q of two primes, left for the class to split. */
static const slide_claim CLAIMS[] = {
    { "143 = p * q, p and q prime", "yes", "N = 143    p = ____  q = ____" },
    { "8633 = p * q, p and q prime", "yes", "N = 8633   p = ____  q = ____" },
    { "175828273 = p * q, p and q prime", "yes",
      "N = 175,828,273   p = ____  q = ____" },
};

static const char *const NUMBERS[] = { "143", "8633", "175828273" };

/* Each time shown is the fastest of this many runs: a run can only be
 * slowed (by another program, an interrupt), never sped up, so the
 * fastest is the one closest to the work itself. */
#define TIMED_RUNS 9

/* Trial division of n, timed as the fastest of TIMED_RUNS runs. */
static see_status time_trial_division(mpz_t f, int *found, int *prime,
                                      uint64_t *divisions, const mpz_t n,
                                      double *seconds)
{
    *seconds = 0;
    for (int run = 0; run < TIMED_RUNS; run++) {
        double t0 = slide_now();
        TRY(factor_trial_division(f, found, prime, divisions, n, UINT64_MAX));
        double t = slide_now() - t0;
        if (run == 0 || t < *seconds)
            *seconds = t;
    }
    return SEE_OK;
}

/* Pollard's rho on n, timed the same way. */
static see_status time_pollard_rho(mpz_t f, int *found, uint64_t *steps,
                                   const mpz_t n, double *seconds)
{
    *seconds = 0;
    for (int run = 0; run < TIMED_RUNS; run++) {
        double t0 = slide_now();
        TRY(factor_pollard_rho(f, found, steps, n, 100000000));
        double t = slide_now() - t0;
        if (run == 0 || t < *seconds)
            *seconds = t;
    }
    return SEE_OK;
}

/* One untimed run of each method before anything is timed. The first
 * call pays for what is cold (the code and GMP's tables not yet in the
 * cache, pages not yet mapped): timed, it made 143 look slower to split
 * than 8633. */
static see_status warm_up(void)
{
    mpz_t n, f;
    int found = 0, prime = 0;
    uint64_t count = 0;
    mpz_init_set_ui(n, 143);
    mpz_init(f);
    see_status status = factor_trial_division(f, &found, &prime, &count, n,
                                              UINT64_MAX);
    if (status == SEE_OK)
        status = factor_pollard_rho(f, &found, &count, n, 100000000);
    mpz_clears(n, f, NULL);
    return status;
}

/* "yes" when n = p * q with both prime; shows the working. */
static see_status check_split(slide_ctx *ctx, const mpz_t n, const mpz_t p,
                              int *ok)
{
    mpz_t q, product;
    mpz_inits(q, product, NULL);
    mpz_divexact(q, n, p);
    mpz_mul(product, p, q);
    int p_prime = 0, q_prime = 0;
    see_status status = prime_test(p, PRIME_ROUNDS_ADVERSARIAL, NULL,
                                   &p_prime);
    if (status == SEE_OK)
        status = prime_test(q, PRIME_ROUNDS_ADVERSARIAL, NULL, &q_prime);
    gmp_fprintf(ctx->out, "    p = %Zd (%s), q = %Zd (%s), p * q = %Zd\n", p,
                p_prime ? "prime" : "composite", q, q_prime ? "prime"
                : "composite", product);
    *ok = status == SEE_OK && p_prime && q_prime && mpz_cmp(product, n) == 0;
    mpz_clears(q, product, NULL);
    return status;
}

static see_status split_one(slide_ctx *ctx, const char *decimal)
{
    mpz_t n, f;
    mpz_init_set_str(n, decimal, 10);
    mpz_init(f);
    slide_step(ctx, "N = %s (%zu bits)", decimal, mpz_sizeinbase(n, 2));

    int found = 0, prime = 0;
    uint64_t divisions = 0, steps = 0;
    double trial_time = 0, rho_time = 0;
    see_status status = time_trial_division(f, &found, &prime, &divisions,
                                            n, &trial_time);
    if (status == SEE_OK && !found)
        status = SEE_ERR_ARGUMENT; /* the slide's N must not be prime */
    if (status == SEE_OK) {
        gmp_fprintf(ctx->out, "    trial division: 2, 3, 5, 7, ... up to %Zd: "
                    "%llu divisions, %.1f microseconds\n", f,
                    (unsigned long long)divisions, trial_time * 1e6);
        int ok = 0;
        status = check_split(ctx, n, f, &ok);
        char what[64];
        snprintf(what, sizeof what, "%s = p * q, p and q prime", decimal);
        if (status == SEE_OK)
            CHECK(ctx, what, ok ? "yes" : "no");
    }
    if (status == SEE_OK) {
        status = time_pollard_rho(f, &found, &steps, n, &rho_time);
        if (status == SEE_OK && !found)
            status = SEE_ERR_ARGUMENT;
        if (status == SEE_OK) {
            mpz_t q;
            mpz_init(q);
            mpz_divexact(q, n, f);
            gmp_fprintf(ctx->out, "    Pollard's rho (x -> x^2 + c mod N): "
                        "%Zd * %Zd after %llu steps, %.1f microseconds\n", f,
                        q, (unsigned long long)steps, rho_time * 1e6);
            mpz_clear(q);
        }
    }
    mpz_clears(n, f, NULL);
    return status;
}

int example_factor(slide_ctx *ctx)
{
    SHOW_CLAIMS(ctx, "lecture, Public Key Cryptosystems: Example");
    see_status warmed = warm_up();
    if (warmed != SEE_OK)
        return warmed;
    slide_say(ctx, "Timing: one untimed run first (the first pays for cold "
              "caches), then each time is the fastest of %d runs.",
              TIMED_RUNS);
    for (size_t i = 0; i < sizeof NUMBERS / sizeof NUMBERS[0]; i++) {
        see_status status = split_one(ctx, NUMBERS[i]);
        if (status != SEE_OK)
            return status;
    }
    slide_say(ctx, "Trial division needs about sqrt(N)/2 divisions, rho "
              "about N^(1/4) steps.");
    slide_say(ctx, "Rho's steps depend on the factors and its start, not "
              "only on N: a smaller N can take more of them (143 than 8633).");
    slide_say(ctx, "Both finish in microseconds here; 'keysize' shows how "
              "the time grows with N.");
    return SEE_OK;
}
