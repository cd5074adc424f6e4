/* bignum.c: bytes <-> GMP integers, random integers (see bignum.h). */
#include "crypto/bignum.h"

#include <stdlib.h>
#include <string.h>

#include "crypto/util.h"

void bn_from_bytes(mpz_t x, const uint8_t *in, size_t len)
{
    /* RFC 8017 4.2 OS2IP: most significant byte first. */
    if (len == 0) {
        mpz_set_ui(x, 0);
        return;
    }
    mpz_import(x, len, 1, 1, 1, 0, in);
}

size_t bn_byte_length(const mpz_t x)
{
    if (mpz_sgn(x) == 0)
        return 0;
    return (mpz_sizeinbase(x, 2) + 7) / 8;
}

see_status bn_to_bytes(const mpz_t x, uint8_t *out, size_t len)
{
    /* RFC 8017 4.1 I2OSP: "integer too large" if x >= 256^len. */
    ENSURE(mpz_sgn(x) >= 0, SEE_ERR_ARGUMENT);
    size_t need = bn_byte_length(x);
    ENSURE(need <= len, SEE_ERR_BUFFER_SMALL);
    size_t pad = len - need;
    memset(out, 0, pad);
    if (need > 0) {
        size_t written = 0;
        mpz_export(out + pad, &written, 1, 1, 1, 0, x);
    }
    return SEE_OK;
}

see_status bn_random_bits(see_rng *rng, mpz_t out, unsigned bits)
{
    size_t len = ((size_t)bits + 7) / 8;
    if (len == 0) {
        mpz_set_ui(out, 0);
        return SEE_OK;
    }
    uint8_t *buf = malloc(len);
    ENSURE(buf != NULL, SEE_ERR_NO_MEMORY);
    see_status st = rng_bytes(rng, buf, len);
    if (st == SEE_OK) {
        /* Keep only the low `bits` bits of the big-endian string. */
        unsigned extra = (unsigned)(len * 8 - bits);
        buf[0] &= (uint8_t)(0xff >> extra);
        bn_from_bytes(out, buf, len);
    }
    see_wipe(buf, len);
    free(buf);
    return st;
}

see_status bn_random_range(see_rng *rng, mpz_t out, const mpz_t low,
                           const mpz_t high)
{
    ENSURE(mpz_cmp(low, high) < 0, SEE_ERR_ARGUMENT);
    /* Draw r < 2^bits(width) until r < width, then shift by low. Each try
     * succeeds with probability above 1/2, and every accepted value is
     * equally likely: no modulo bias (FIPS 186-5 A.2.2 "rejection"). */
    mpz_t width, r;
    mpz_init(width);
    mpz_init(r);
    mpz_sub(width, high, low);
    unsigned bits = (unsigned)mpz_sizeinbase(width, 2);
    see_status st;
    do {
        st = bn_random_bits(rng, r, bits);
    } while (st == SEE_OK && mpz_cmp(r, width) >= 0);
    if (st == SEE_OK)
        mpz_add(out, r, low);
    bn_clear_secret(r);
    mpz_clear(width);
    return st;
}

void bn_wipe(mpz_t x)
{
    /* mpz_limbs_modify gives write access to the allocated limbs in use;
     * mpz_size says how many hold the value. Zero them, then make x 0. */
    size_t n = mpz_size(x);
    if (n > 0) {
        mp_limb_t *limbs = mpz_limbs_modify(x, (mp_size_t)n);
        see_wipe(limbs, n * sizeof *limbs);
    }
    mpz_set_ui(x, 0);
}

void bn_clear_secret(mpz_t x)
{
    bn_wipe(x);
    mpz_clear(x);
}

/* ------------------------------------------- Montgomery, public e --- */

/* -n^-1 mod 2^64 for odd n0, by Newton's iteration: each step doubles the
 * number of correct low bits (x = n0 is right to 3 bits for odd n0). */
static mp_limb_t neg_inverse_limb(mp_limb_t n0)
{
    mp_limb_t x = n0;
    for (int i = 0; i < 6; i++)
        x *= 2 - n0 * x;
    return (mp_limb_t)0 - x;
}

/* Montgomery reduction: t (2k + 1 limbs, value < n * R, R = 2^(64k)) becomes
 * t * R^-1 mod n in r (k limbs). Each round adds the multiple of n that
 * clears the lowest limb, so the low k limbs end zero and drop off. */
static void mont_reduce(mp_limb_t *r, mp_limb_t *t, const mp_limb_t *n,
                        mp_size_t k, mp_limb_t n_inv, mp_limb_t *carries)
{
    for (mp_size_t i = 0; i < k; i++) {
        mp_limb_t m = t[i] * n_inv;
        /* the carry out belongs at t[i + k]; rounds only read t[0..k), so
         * all the carries can be added at the end, in one pass */
        carries[i] = mpn_addmul_1(t + i, n, k, m);
    }
    t[2 * k] += mpn_add_n(t + k, t + k, carries, k);
    /* the result t[k .. 2k] is below 2n: one conditional subtraction */
    if (t[2 * k] != 0 || mpn_cmp(t + k, n, k) >= 0)
        mpn_sub_n(t + k, t + k, n, k);
    mpn_copyi(r, t + k, k);
}

/* r = a * b * R^-1 mod n (a = b for a square). */
static void mont_mul(mp_limb_t *r, const mp_limb_t *a, const mp_limb_t *b,
                     mp_limb_t *t, const mp_limb_t *n, mp_size_t k,
                     mp_limb_t n_inv)
{
    if (a == b)
        mpn_sqr(t, a, k);
    else
        mpn_mul_n(t, a, b, k);
    t[2 * k] = 0;
    mont_reduce(r, t, n, k, n_inv, t + 2 * k + 1);
}

see_status bn_powm_public(mpz_t out, const mpz_t base, unsigned long e,
                          const mpz_t n)
{
    ENSURE(e > 0 && mpz_odd_p(n) && mpz_cmp_ui(n, 1) > 0, SEE_ERR_ARGUMENT);
    ENSURE(mpz_sgn(base) >= 0 && mpz_cmp(base, n) < 0, SEE_ERR_ARGUMENT);
    mp_size_t k = (mp_size_t)mpz_size(n);
    /* t: a double-length product, its top limb, then k carries */
    mp_limb_t *mem = calloc((size_t)(3 * k + 1 + 2 * k), sizeof *mem);
    ENSURE(mem != NULL, SEE_ERR_NO_MEMORY);
    mp_limb_t *t = mem, *x = mem + 3 * k + 1, *acc = x + k;
    const mp_limb_t *np = mpz_limbs_read(n);
    mp_limb_t n_inv = neg_inverse_limb(np[0]);

    /* x = base * R mod n: into the Montgomery domain (one division) */
    mpz_t xr;
    mpz_init(xr);
    mpz_mul_2exp(xr, base, (mp_bitcnt_t)(GMP_NUMB_BITS * k));
    mpz_tdiv_r(xr, xr, n);
    mpn_copyi(x, mpz_limbs_read(xr), (mp_size_t)mpz_size(xr));
    mpz_clear(xr);

    /* left to right over the bits of e, below the top one */
    mpn_copyi(acc, x, k);
    int top = (int)(sizeof e * 8) - 1;
    while (!((e >> top) & 1))
        top--;
    for (int bit = top - 1; bit >= 0; bit--) {
        mont_mul(acc, acc, acc, t, np, k, n_inv);
        if ((e >> bit) & 1)
            mont_mul(acc, acc, x, t, np, k, n_inv);
    }
    /* out of the domain: a reduction of acc alone multiplies by R^-1 */
    mpn_zero(t, 2 * k + 1);
    mpn_copyi(t, acc, k);
    mont_reduce(acc, t, np, k, n_inv, t + 2 * k + 1);
    mp_limb_t *o = mpz_limbs_write(out, k);
    mpn_copyi(o, acc, k);
    mpz_limbs_finish(out, k);
    free(mem);
    return SEE_OK;
}

/* ------------------------------------------------- wiping allocator --- */

static void *wiping_alloc(size_t size)
{
    void *p = malloc(size);
    if (p == NULL)
        abort(); /* GMP's own policy: it cannot report allocation failure */
    return p;
}

static void *wiping_realloc(void *old, size_t old_size, size_t new_size)
{
    /* Move by hand so the old block can be wiped before it is freed. */
    void *p = wiping_alloc(new_size);
    memcpy(p, old, old_size < new_size ? old_size : new_size);
    see_wipe(old, old_size);
    free(old);
    return p;
}

static void wiping_free(void *p, size_t size)
{
    if (p == NULL)
        return;
    see_wipe(p, size);
    free(p);
}

void bn_install_wiping_allocator(void)
{
    mp_set_memory_functions(wiping_alloc, wiping_realloc, wiping_free);
}
