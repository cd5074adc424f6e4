/* prime.c: trial division, Miller-Rabin, prime generation (see prime.h). */
#include "crypto/prime.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/bignum.h"

/* The odd primes below SMALL_PRIME_LIMIT divide candidates in trial
 * division and in the sieve. 2^14 gives 1899 primes: past that, another
 * division removes fewer candidates than it costs. */
#define SMALL_PRIME_LIMIT 16384
#define SMALL_PRIME_MAX_COUNT 1900

/* Odd offsets examined per sieve window: candidates x, x+2, ..., x+2(W-1). */
#define SIEVE_WINDOW 2048

/* Below this many bits the search tries random candidates one by one: the
 * numbers are so small that a candidate may itself be a small prime. */
#define SIEVE_MIN_BITS 20

typedef struct {
    uint32_t p[SMALL_PRIME_MAX_COUNT];
    size_t count;
} small_primes;

/* The sieve of Eratosthenes over [3, SMALL_PRIME_LIMIT). */
static void list_small_primes(small_primes *sp)
{
    uint8_t local[SMALL_PRIME_LIMIT];
    memset(local, 0, sizeof local);
    sp->count = 0;
    for (uint32_t i = 3; i < SMALL_PRIME_LIMIT; i += 2) {
        if (local[i])
            continue;
        sp->p[sp->count++] = i;
        for (uint32_t j = i * i; j < SMALL_PRIME_LIMIT; j += 2 * i)
            local[j] = 1;
    }
}

unsigned prime_rounds_for_random(unsigned bits)
{
    /* FIPS 186-5 Table B.1, the column for the security strength of the
     * key each prime goes into: p, q of 1024 bits (RSA-2048): 5 rounds,
     * error 2^-112; 1536 bits (RSA-3072): 4, 2^-128; 2048 bits
     * (RSA-4096): 4, 2^-144. 512 bits (RSA-1024, gone from 186-5): 7, from
     * FIPS 186-4 Table C.3 (2^-100). Smaller candidates have no row; they
     * get the adversarial count, which costs nothing at those sizes. */
    if (bits >= 1536)
        return 4;
    if (bits >= 1024)
        return 5;
    if (bits >= 512)
        return 7;
    return PRIME_ROUNDS_ADVERSARIAL;
}

/* n - 1 = 2^a * m with m odd (FIPS 186-5 B.3.1 step 1-2). */
static unsigned split_power_of_two(const mpz_t n_minus_1, mpz_t m)
{
    unsigned a = (unsigned)mpz_scan1(n_minus_1, 0);
    mpz_tdiv_q_2exp(m, n_minus_1, a);
    return a;
}

/* One round with base b, given n - 1 = 2^a * m. The candidate may be a
 * secret prime, so the power uses mpz_powm_sec. */
static int strong_probable_prime(const mpz_t n, const mpz_t n_minus_1,
                                 const mpz_t m, unsigned a, const mpz_t b,
                                 mpz_t z)
{
    mpz_powm_sec(z, b, m, n);                 /* z = b^m mod n */
    if (mpz_cmp_ui(z, 1) == 0 || mpz_cmp(z, n_minus_1) == 0)
        return 1;
    for (unsigned j = 1; j < a; j++) {
        mpz_mul(z, z, z);
        mpz_mod(z, z, n);                     /* z = z^2 mod n */
        if (mpz_cmp(z, n_minus_1) == 0)
            return 1;
        if (mpz_cmp_ui(z, 1) == 0)
            return 0; /* a non-trivial square root of 1: composite */
    }
    return 0;
}

int prime_miller_rabin_base(const mpz_t n, const mpz_t a)
{
    mpz_t n1, m, z;
    mpz_inits(n1, m, z, NULL);
    mpz_sub_ui(n1, n, 1);
    unsigned s = split_power_of_two(n1, m);
    int result = strong_probable_prime(n, n1, m, s, a, z);
    bn_clear_secret(z);
    bn_clear_secret(m);
    bn_clear_secret(n1);
    return result;
}

/* `rounds` rounds with random bases in [2, n - 2]; n odd and > 4. */
static see_status miller_rabin(const mpz_t n, unsigned rounds, see_rng *rng,
                               int *is_prime)
{
    mpz_t n1, m, z, b, low, high;
    mpz_inits(n1, m, z, b, low, high, NULL);
    mpz_sub_ui(n1, n, 1);
    unsigned a = split_power_of_two(n1, m);
    mpz_set_ui(low, 2);
    mpz_sub_ui(high, n, 1); /* bases drawn from [2, n - 1) */
    see_status st = SEE_OK;
    *is_prime = 1;
    for (unsigned i = 0; i < rounds && *is_prime; i++) {
        st = bn_random_range(rng, b, low, high);
        if (st != SEE_OK)
            break;
        *is_prime = strong_probable_prime(n, n1, m, a, b, z);
    }
    bn_clear_secret(z);
    bn_clear_secret(m);
    bn_clear_secret(n1);
    bn_clear_secret(high); /* n - 1 */
    mpz_clears(b, low, NULL);
    return st;
}

/* 1: n is prime, 0: composite, -1: undecided (no small factor, and n is
 * beyond the square of the largest small prime). */
static int trial_division(const mpz_t n, const small_primes *sp)
{
    if (mpz_cmp_ui(n, 2) < 0)
        return 0;
    if (mpz_even_p(n))
        return mpz_cmp_ui(n, 2) == 0;
    for (size_t i = 0; i < sp->count; i++) {
        unsigned long s = sp->p[i];
        if (mpz_cmp_ui(n, s * s) < 0)
            return 1; /* no factor up to sqrt(n) */
        if (mpz_divisible_ui_p(n, s))
            return 0;
    }
    return -1;
}

see_status prime_test(const mpz_t n, unsigned rounds, see_rng *rng,
                      int *is_prime)
{
    small_primes *sp = malloc(sizeof *sp);
    ENSURE(sp != NULL, SEE_ERR_NO_MEMORY);
    list_small_primes(sp);
    int verdict = trial_division(n, sp);
    free(sp);
    if (verdict >= 0) {
        *is_prime = verdict;
        return SEE_OK;
    }
    return miller_rabin(n, rounds, rng, is_prime);
}

/* ------------------------------------------------------------ search --- */

/* A random odd number of exactly `bits` bits with its top `top` bits set. */
static see_status random_odd(see_rng *rng, mpz_t x, unsigned bits,
                             unsigned top)
{
    TRY(bn_random_bits(rng, x, bits));
    for (unsigned i = 1; i <= top; i++)
        mpz_setbit(x, bits - i);
    mpz_setbit(x, 0);
    return SEE_OK;
}

/* Mark in sieve[] each offset k < SIEVE_WINDOW with
 * (r + 2k) mod s == target, i.e. k = (target - r) / 2 mod s. */
static void sieve_out(uint8_t *sieve, uint32_t r, uint32_t s, uint32_t target)
{
    uint32_t half = (s + 1) / 2; /* the inverse of 2 modulo the odd s */
    uint64_t diff = (target + s - r) % s;
    uint32_t k = (uint32_t)(diff * half % s);
    for (; k < SIEVE_WINDOW; k += s)
        sieve[k] = 1;
}

/* Candidates x + 2k surviving the sieve, with k from *next on. The caller
 * loops; *next ends at SIEVE_WINDOW when the window is exhausted. */
static int next_survivor(const uint8_t *sieve, uint32_t *next)
{
    while (*next < SIEVE_WINDOW && sieve[*next])
        (*next)++;
    return *next < SIEVE_WINDOW;
}

/* Is c (odd, large) prime: base 2 first, which rejects nearly every
 * composite left by the sieve at the cost of one exponentiation, then the
 * random-base rounds Table B.1 asks for. */
static see_status candidate_is_prime(const mpz_t c, unsigned bits,
                                     see_rng *rng, int *is_prime)
{
    mpz_t two;
    mpz_init_set_ui(two, 2);
    *is_prime = prime_miller_rabin_base(c, two);
    mpz_clear(two);
    if (!*is_prime)
        return SEE_OK;
    return miller_rabin(c, prime_rounds_for_random(bits), rng, is_prime);
}

/* Are q and p = 2q + 1 both prime: base 2 on each before the random
 * rounds on either, since almost every pair fails one of the two. */
static see_status safe_pair_is_prime(const mpz_t q, const mpz_t p,
                                     unsigned bits, see_rng *rng, int *ok)
{
    mpz_t two;
    mpz_init_set_ui(two, 2);
    *ok = prime_miller_rabin_base(q, two) && prime_miller_rabin_base(p, two);
    mpz_clear(two);
    if (!*ok)
        return SEE_OK;
    TRY(miller_rabin(q, prime_rounds_for_random(bits - 1), rng, ok));
    if (!*ok)
        return SEE_OK;
    return miller_rabin(p, prime_rounds_for_random(bits), rng, ok);
}

/* Small sizes: try random candidates one by one. */
static see_status random_prime_small(see_rng *rng, mpz_t p, unsigned bits,
                                     int safe)
{
    mpz_t q;
    mpz_init(q);
    see_status st;
    int ok = 0;
    do {
        if (safe) {
            /* q of bits - 1 bits with its top bit set, p = 2q + 1 */
            st = random_odd(rng, q, bits - 1, 1);
            if (st != SEE_OK)
                break;
            mpz_mul_2exp(p, q, 1);
            mpz_add_ui(p, p, 1);
            st = prime_test(q, PRIME_ROUNDS_ADVERSARIAL, rng, &ok);
            if (st == SEE_OK && ok)
                st = prime_test(p, PRIME_ROUNDS_ADVERSARIAL, rng, &ok);
        } else {
            st = random_odd(rng, p, bits, 2);
            if (st == SEE_OK)
                st = prime_test(p, PRIME_ROUNDS_ADVERSARIAL, rng, &ok);
        }
    } while (st == SEE_OK && !ok);
    mpz_clear(q);
    return st;
}

/*
 * Large sizes: one random odd start x per window; cross out of the window
 * every x + 2k that a small prime divides (for a safe prime, also every k
 * where 2(x + 2k) + 1 is divisible: there x is q and the sieve targets
 * (s - 1) / 2), then run Miller-Rabin on the survivors in order.
 *
 * Starting at a random point and taking the next survivor favours primes
 * after long gaps slightly; FIPS 186-5 B.3.3 draws afresh each time
 * instead. The entropy lost is a few bits out of hundreds, and the search
 * is many times faster (OpenSSL searches the same way).
 */
static see_status random_prime_sieved(see_rng *rng, mpz_t p, unsigned bits,
                                      int safe)
{
    small_primes *sp = malloc(sizeof *sp);
    uint8_t *sieve = malloc(SIEVE_WINDOW);
    if (sp == NULL || sieve == NULL) {
        free(sp);
        free(sieve);
        return SEE_ERR_NO_MEMORY;
    }
    list_small_primes(sp);
    unsigned xbits = safe ? bits - 1 : bits; /* x is q for a safe prime */
    mpz_t x, c;
    mpz_inits(x, c, NULL);
    see_status st = SEE_OK;
    int found = 0;
    while (!found && st == SEE_OK) {
        st = random_odd(rng, x, xbits, safe ? 1 : 2);
        if (st != SEE_OK)
            break;
        memset(sieve, 0, SIEVE_WINDOW);
        for (size_t i = 0; i < sp->count; i++) {
            uint32_t s = sp->p[i];
            uint32_t r = (uint32_t)mpz_fdiv_ui(x, s);
            sieve_out(sieve, r, s, 0);
            if (safe)
                sieve_out(sieve, r, s, (s - 1) / 2);
        }
        for (uint32_t k = 0; !found && st == SEE_OK && next_survivor(sieve, &k); k++) {
            mpz_add_ui(c, x, 2 * (unsigned long)k);
            if (mpz_sizeinbase(c, 2) != xbits)
                break; /* ran past the size: start a new window */
            int ok;
            if (safe) {
                mpz_mul_2exp(p, c, 1);
                mpz_add_ui(p, p, 1);
                st = safe_pair_is_prime(c, p, bits, rng, &ok);
            } else {
                mpz_set(p, c);
                st = candidate_is_prime(c, xbits, rng, &ok);
            }
            found = (st == SEE_OK && ok);
        }
    }
    bn_clear_secret(x);
    bn_clear_secret(c);
    free(sp);
    free(sieve);
    return st;
}

see_status prime_random(see_rng *rng, mpz_t p, unsigned bits)
{
    ENSURE(bits >= 3 && bits <= 16384, SEE_ERR_PRIME_SIZE);
    if (bits < SIEVE_MIN_BITS)
        return random_prime_small(rng, p, bits, 0);
    return random_prime_sieved(rng, p, bits, 0);
}

see_status prime_random_safe(see_rng *rng, mpz_t p, unsigned bits)
{
    ENSURE(bits >= 3 && bits <= 16384, SEE_ERR_PRIME_SIZE);
    if (bits < SIEVE_MIN_BITS)
        return random_prime_small(rng, p, bits, 1);
    return random_prime_sieved(rng, p, bits, 1);
}
