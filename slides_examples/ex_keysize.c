/*
 * ex_keysize.c: why big keys. Time the two attacks the course's security
 * rests on against growing sizes, fit a curve, and extrapolate to 2048
 * bits:
 *   factoring a random semiprime N = p * q (Pollard's rho, cryptanalysis/factor.h)
 *   a discrete logarithm in a safe-prime group p = 2q + 1, g = 4 (Pollard's
 *       rho for logarithms, cryptanalysis/dlog.h)
 * Sizes go up from 16 bits (at least three of them, and at least until
 * one takes 2 ms) until the next size would take more than --max-seconds. The table goes to ctx->out, the chart to ctx->svg_path
 * (keysize_svg.c).
 */
#include <math.h>
#include <string.h>

#include "crypto/bignum.h"
#include "cryptanalysis/dlog.h"
#include "cryptanalysis/factor.h"
#include "crypto/prime.h"
#include "crypto/random.h"
#include "slides_examples/keysize.h"
#include "slides_examples/slides.h"

/* What the slides claim ("Public Key Cryptosystems: Example" and
 * "Issues"). */
static const slide_claim CLAIMS[] = {
    { "factoring a 2048-bit N by Pollard's rho takes longer than the age "
      "of the universe", "yes",
      "PKC is thus considered to be \"practically unbreakable\". You can "
      "brute-force search for p and q, but it will take too long to be "
      "useful." },
    { "a discrete logarithm modulo a 2048-bit p by Pollard's rho takes "
      "longer than the age of the universe", "yes",
      "If we use a 2048 bit modulo (considered to be the minimum for secure "
      "systems)" },
};

#define FIRST_BITS 16
#define STEP_BITS 4
#define MAX_TRIALS 5
/* Measure at least up to this time, whatever the bound, so that the fit
 * sees the growth and not the fixed costs of tiny sizes. */
#define MIN_TOP_SECONDS 2e-3

/* One attack on one fresh instance of `bits` bits. 1 = solved (and the
 * answer checked), 0 = the step budget ran out; <0: -status. */
static int attack_once(keysize_curve_kind kind, see_rng *rng, unsigned bits,
                       uint64_t budget, uint64_t *steps, double *seconds)
{
    double t0 = 0;
    mpz_t a, b, n, found_value, secret;
    mpz_inits(a, b, n, found_value, secret, NULL);
    int found = 0;
    see_status status;
    if (kind == KEYSIZE_FACTOR) {
        /* Two primes of bits/2 bits with their top two bits set: N has
         * exactly `bits` bits, like an RSA modulus. */
        status = prime_random(rng, a, bits / 2);
        if (status == SEE_OK)
            status = prime_random(rng, b, bits / 2);
        if (status == SEE_OK && mpz_cmp(a, b) == 0)
            status = prime_random(rng, b, bits / 2);
        mpz_mul(n, a, b);
        if (status == SEE_OK) {
            t0 = slide_now(); /* the attack alone is timed */
            status = factor_pollard_rho(found_value, &found, steps, n, budget);
            *seconds = slide_now() - t0;
        }
        if (status == SEE_OK && found && mpz_cmp(found_value, a) != 0 &&
            mpz_cmp(found_value, b) != 0)
            status = SEE_ERR_ARGUMENT; /* a wrong factor: a bug */
    } else {
        /* p = 2q + 1; g = 4 = 2^2 has order q; A = g^secret. */
        status = prime_random_safe(rng, n, bits);
        mpz_sub_ui(b, n, 1);
        mpz_fdiv_q_2exp(b, b, 1);
        mpz_set_ui(a, 4);
        if (status == SEE_OK)
            status = bn_random_range(rng, secret, a, b);
        mpz_t pub;
        mpz_init(pub);
        if (status == SEE_OK) {
            mpz_powm(pub, a, secret, n);
            t0 = slide_now();
            status = dlog_pollard_rho(found_value, &found, steps, a, pub, n,
                                      b, budget);
            *seconds = slide_now() - t0;
        }
        mpz_clear(pub);
        if (status == SEE_OK && found && mpz_cmp(found_value, secret) != 0)
            status = SEE_ERR_ARGUMENT;
    }
    mpz_clears(a, b, n, found_value, secret, NULL);
    return status != SEE_OK ? -(int)status : found;
}

/* Mean time of a few instances of one size (fewer when they are slow). */
static int measure_size(keysize_curve_kind kind, see_rng *rng, unsigned bits,
                        double max_seconds, double steps_per_second,
                        keysize_point *point)
{
    memset(point, 0, sizeof *point);
    point->bits = bits;
    double total = 0;
    uint64_t total_steps = 0;
    /* The budget stops a walk well past max_seconds at the last rate. */
    double budget_d = steps_per_second * fmax(max_seconds, 4 * MIN_TOP_SECONDS)
                      * 2.0;
    uint64_t budget = budget_d > 1e15 ? UINT64_C(1000000000000000)
                                      : (uint64_t)budget_d + 1000;
    for (unsigned trial = 0; trial < MAX_TRIALS; trial++) {
        uint64_t steps = 0;
        double elapsed = 0;
        int solved = attack_once(kind, rng, bits, budget, &steps, &elapsed);
        if (solved < 0)
            return -solved;
        if (solved == 0) {
            point->unfinished = 1;
            return SEE_OK;
        }
        total += elapsed;
        total_steps += steps;
        point->trials = trial + 1;
        if (total > max_seconds / 4)
            break;
    }
    point->seconds = total / point->trials;
    point->steps = total_steps / point->trials;
    return SEE_OK;
}

static int measure_curve(slide_ctx *ctx, keysize_curve *curve, see_rng *rng)
{
    double rate = 1e12; /* steps per second, unknown at first */
    curve->count = 0;
    /* One untimed warm-up, so the first point does not carry the cost of
     * cold caches and first allocations. */
    uint64_t ignored_steps = 0;
    double ignored_seconds = 0;
    int warm = attack_once(curve->kind, rng, FIRST_BITS, UINT64_C(1) << 30,
                           &ignored_steps, &ignored_seconds);
    if (warm < 0)
        return -warm;
    for (unsigned bits = FIRST_BITS; curve->count < KEYSIZE_MAX_POINTS;
         bits += STEP_BITS) {
        keysize_point *pt = &curve->points[curve->count];
        int status = measure_size(curve->kind, rng, bits, ctx->max_seconds,
                                  rate, pt);
        if (status != SEE_OK)
            return status;
        if (pt->unfinished) {
            fprintf(ctx->out, "  %4u bits  %-14s not finished within the "
                    "budget\n", bits, curve->label);
            break;
        }
        curve->count++;
        fprintf(ctx->out, "  %4u bits  %-14s %.6g s  (%llu steps, mean of "
                "%u)\n", bits, curve->label, pt->seconds,
                (unsigned long long)pt->steps, pt->trials);
        fflush(ctx->out);
        if (pt->seconds > 0)
            rate = (double)pt->steps / pt->seconds;
        /* The next size takes about 2^(STEP_BITS * slope) times longer:
         * 2x for factoring, 4x for logarithms. Stop before it passes the
         * bound. */
        double growth = curve->kind == KEYSIZE_FACTOR ? 2.0 : 4.0;
        if (curve->count >= 3 && pt->seconds >= MIN_TOP_SECONDS &&
            pt->seconds * growth > ctx->max_seconds)
            break;
    }
    return curve->count >= 2 ? SEE_OK : SEE_ERR_ARGUMENT;
}

/* How many points take at least floor_s seconds. */
static size_t points_above(const keysize_curve *curve, double floor_s)
{
    size_t usable = 0;
    for (size_t i = 0; i < curve->count; i++)
        usable += curve->points[i].seconds >= floor_s;
    return usable;
}

/* Least squares on log2(seconds) = a + b * bits, over the points slow
 * enough for the growth to show rather than fixed costs (1 ms, else
 * 0.1 ms; all of them if too few are). */
static void fit_curve(keysize_curve *curve)
{
    double floor_s = 1e-3;
    if (points_above(curve, floor_s) < 3)
        floor_s = 1e-4;
    if (points_above(curve, floor_s) < 3)
        floor_s = 0;
    double sx = 0, sy = 0, sxx = 0, sxy = 0, k = 0;
    for (size_t i = 0; i < curve->count; i++) {
        const keysize_point *pt = &curve->points[i];
        if (pt->seconds <= 0 || pt->seconds < floor_s)
            continue;
        double x = pt->bits, y = log2(pt->seconds);
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
        k++;
    }
    double denom = k * sxx - sx * sx;
    curve->slope = denom != 0 ? (k * sxy - sx * sy) / denom : 0;
    curve->intercept = k > 0 ? (sy - curve->slope * sx) / k : 0;
    curve->log10_seconds_2048 =
        (curve->intercept + curve->slope * 2048.0) * log10(2.0);
}

int example_keysize(slide_ctx *ctx)
{
    SHOW_CLAIMS(ctx, "lecture, Public Key Cryptosystems");
    /* Reproducible instances; the randomness here only picks numbers to
     * attack, it protects nothing. */
    see_rng rng;
    rng_init_seeded(&rng, "keysize chart", 13);
    keysize_curve curves[2] = {
        { .kind = KEYSIZE_FACTOR, .label = "factor N",
          .theory_slope = 0.25 },
        { .kind = KEYSIZE_DLOG, .label = "discrete log",
          .theory_slope = 0.5 },
    };
    int status = SEE_OK;
    slide_step(ctx, "factor random N = p * q by Pollard's rho, growing N "
               "(bound %.3g s)", ctx->max_seconds);
    status = measure_curve(ctx, &curves[0], &rng);
    if (status == SEE_OK) {
        slide_step(ctx, "discrete logarithms in safe-prime groups by "
                   "Pollard's rho, growing p");
        status = measure_curve(ctx, &curves[1], &rng);
    }
    rng_wipe(&rng);
    if (status != SEE_OK)
        return status;

    slide_step(ctx, "fit log2(seconds) = a + b * bits, extrapolate to 2048 "
               "bits");
    const double log10_year = log10(KEYSIZE_SECONDS_PER_YEAR);
    const double log10_universe = log10(KEYSIZE_UNIVERSE_YEARS);
    for (int i = 0; i < 2; i++) {
        keysize_curve *c = &curves[i];
        fit_curve(c);
        double log10_years = c->log10_seconds_2048 - log10_year;
        slide_say(ctx, "%-13s b = %.3f per bit (theory %.2f: time ~ 2^(%.2f "
                  "* bits)); at 2048 bits: 10^%.0f years", c->label,
                  c->slope, c->theory_slope, c->theory_slope, log10_years);
    }
    slide_say(ctx, "the universe is 1.38 * 10^10 years old");
    CHECK(ctx, "factoring a 2048-bit N by Pollard's rho takes longer than "
          "the age of the universe",
          curves[0].log10_seconds_2048 - log10_year > log10_universe
              ? "yes" : "no");
    CHECK(ctx, "a discrete logarithm modulo a 2048-bit p by Pollard's rho "
          "takes longer than the age of the universe",
          curves[1].log10_seconds_2048 - log10_year > log10_universe
              ? "yes" : "no");
    slide_say(ctx, "Real attacks use the number field sieve, far faster "
              "than rho: RSA-250 (829 bits)");
    slide_say(ctx, "took about 2,700 core-years in 2020. 2048 bits is still "
              "out of reach.");

    status = keysize_write_svg(ctx->svg_path, curves, 2);
    if (status == SEE_OK)
        slide_say(ctx, "chart written to %s", ctx->svg_path);
    else
        fprintf(ctx->out, "slides keysize: cannot write %s\n",
                ctx->svg_path);
    return status;
}
