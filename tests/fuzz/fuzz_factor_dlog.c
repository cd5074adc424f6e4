/*
 * fuzz_factor_dlog.c: the attack modules on any numbers at all.
 *
 * The first byte picks the module; the rest is split into big-endian
 * integers. Factoring must return a proper divisor or nothing; a discrete
 * logarithm must satisfy g^x = h (mod p) or be "not found"; bad arguments
 * must give SEE_ERR_ARGUMENT. Small step budgets keep every input quick.
 */
#include <stdint.h>
#include <stdlib.h>

#include <gmp.h>

#include "crypto/bignum.h"
#include "cryptanalysis/dlog.h"
#include "cryptanalysis/factor.h"

static void check_factor(const mpz_t n)
{
    mpz_t f;
    mpz_init(f);
    int found = 0, prime = 0;
    uint64_t count = 0;
    see_status st = factor_trial_division(f, &found, &prime, &count, n, 2000);
    if (mpz_cmp_ui(n, 2) < 0) {
        if (st != SEE_ERR_ARGUMENT)
            abort();
    } else if (st != SEE_OK || (found && (mpz_cmp_ui(f, 1) <= 0 ||
                                          mpz_cmp(f, n) >= 0 ||
                                          !mpz_divisible_p(n, f)))) {
        abort();
    }
    st = factor_pollard_rho(f, &found, &count, n, 20000);
    if (mpz_cmp_ui(n, 4) < 0 || mpz_even_p(n)) {
        if (st != SEE_ERR_ARGUMENT)
            abort();
    } else if (st != SEE_OK || (found && (mpz_cmp_ui(f, 1) <= 0 ||
                                          mpz_cmp(f, n) >= 0 ||
                                          !mpz_divisible_p(n, f)))) {
        abort();
    }
    mpz_clear(f);
}

static void check_dlog(const mpz_t p, const mpz_t g, const mpz_t h,
                       const mpz_t q)
{
    mpz_t x, t;
    mpz_inits(x, t, NULL);
    int found = 0;
    uint64_t steps = 0;
    see_status st = dlog_pollard_rho(x, &found, &steps, g, h, p, q, 5000);
    if (st == SEE_OK && found) {
        mpz_powm(t, g, x, p);
        if (mpz_cmp(t, h) != 0)
            abort();
    } else if (st != SEE_OK && st != SEE_ERR_ARGUMENT) {
        abort();
    }
    /* bsgs only for small orders: its table is sqrt(order) entries. */
    if (mpz_sizeinbase(q, 2) <= 20) {
        st = dlog_bsgs(x, &found, g, h, p, q);
        if (st == SEE_OK && found) {
            mpz_powm(t, g, x, p);
            if (mpz_cmp(t, h) != 0)
                abort();
        } else if (st != SEE_OK && st != SEE_ERR_ARGUMENT) {
            abort();
        }
    }
    mpz_clears(x, t, NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 64)
        return 0;
    mpz_t a, b, c, d;
    mpz_inits(a, b, c, d, NULL);
    if (data[0] & 1) {
        bn_from_bytes(a, data + 1, size - 1 > 12 ? 12 : size - 1);
        check_factor(a);
    } else {
        /* Four numbers of up to 4 bytes: p, g, h, q. */
        size_t n = (size - 1) / 4;
        if (n > 4)
            n = 4;
        bn_from_bytes(a, data + 1, n);
        bn_from_bytes(b, data + 1 + n, n);
        bn_from_bytes(c, data + 1 + 2 * n, n);
        bn_from_bytes(d, data + 1 + 3 * n, n);
        check_dlog(a, b, c, d);
    }
    mpz_clears(a, b, c, d, NULL);
    return 0;
}
