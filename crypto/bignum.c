/* bignum.c: bytes <-> GMP integers, random integers (see bignum.h). */
#include "crypto/bignum.h"

#include <stdlib.h>
#include <string.h>

#include "core/util.h"

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

see_status bn_to_bytes_min(const mpz_t x, uint8_t *out, size_t cap,
                           size_t *len)
{
    size_t need = bn_byte_length(x);
    if (need == 0)
        need = 1;
    ENSURE(need <= cap, SEE_ERR_BUFFER_SMALL);
    TRY(bn_to_bytes(x, out, need));
    *len = need;
    return SEE_OK;
}

/* The two 32-bit halves through mpz_*_ui, which take 32 bits everywhere. */
void bn_set_u64(mpz_t x, uint64_t v)
{
    mpz_set_ui(x, (unsigned long)(v >> 32));
    mpz_mul_2exp(x, x, 32);
    mpz_add_ui(x, x, (unsigned long)(v & 0xffffffffu));
}

/* Limb by limb: a limb has 32 bits on 32-bit ARM, 64 on 64-bit Linux. */
uint64_t bn_get_u64(const mpz_t x)
{
    uint64_t v = 0;
    for (unsigned i = 0; i * GMP_NUMB_BITS < 64; i++)
        v |= (uint64_t)mpz_getlimbn(x, (mp_size_t)i) << (i * GMP_NUMB_BITS);
    return v;
}

int bn_fits_u64(const mpz_t x)
{
    return mpz_sgn(x) >= 0 && mpz_sizeinbase(x, 2) <= 64;
}

int bn_cmp_u64(const mpz_t x, uint64_t v)
{
    if (!bn_fits_u64(x))
        return mpz_sgn(x); /* negative, or 2^64 and above */
    uint64_t low = bn_get_u64(x);
    return (low > v) - (low < v);
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
    bn_clear_secret(width); /* secret when high is: n - 1 in Miller-Rabin */
    return st;
}

void bn_wipe(mpz_t x)
{
    /*
     * Zero every limb x owns, not only the mpz_size(x) that hold its value:
     * a number that shrank (x = x mod p, a gcd, a quotient) keeps its old
     * high limbs in the same block.
     *
     * GMP documents no function that says how many limbs are allocated.
     * The documented ways to reach them all move the number instead:
     * mpz_realloc2, _mpz_realloc, or mpz_limbs_modify(x, n) with n above the
     * allocation copy the limbs into a new block and hand the old one to
     * the free function in place, which wipes it only if the program
     * installed bn_install_wiping_allocator; the library cannot count on
     * that. So the count comes from the field the GMP manual describes in
     * 16.1 "Integer Internals": _mp_alloc, "the number of limbs currently
     * allocated at _mp_d" (declared in gmp.h; mini-gmp has the same
     * field). mpz_limbs_modify(x, alloc), documented, then gives write
     * access to exactly those limbs without reallocating, and
     * tests/unit/test_wipe.c checks with the GMP we build on that none
     * survives. _mp_alloc is 0 when nothing is allocated (mpz_init in GMP
     * 6.2 and later) and for a read-only mpz_roinit_n view, whose limbs are
     * not ours to write.
     */
    mp_size_t alloc = x->_mp_alloc;
    if (alloc > 0) {
        mp_limb_t *limbs = mpz_limbs_modify(x, alloc);
        see_wipe(limbs, (size_t)alloc * sizeof *limbs);
        mpz_limbs_finish(x, 0); /* x = 0, as the wiped limbs say */
    } else {
        mpz_set_ui(x, 0);
    }
}

void bn_init_secret(mpz_t x, size_t bits)
{
    /* Two spare limbs: GMP asks for one more than the result needs before
     * an addition or a multiplication by a limb (the possible carry), and
     * the second covers a carry out of the value itself. */
    mpz_init2(x, (mp_bitcnt_t)bits + 2 * GMP_NUMB_BITS);
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

see_status bn_powm_public(mpz_t out, const mpz_t base, uint64_t e,
                          const mpz_t n)
{
    ENSURE(e > 0 && mpz_odd_p(n) && mpz_cmp_ui(n, 1) > 0, SEE_ERR_ARGUMENT);
    ENSURE(mpz_sgn(base) >= 0 && mpz_cmp(base, n) < 0, SEE_ERR_ARGUMENT);
    mp_size_t k = (mp_size_t)mpz_size(n);
    /* t: a double-length product, its top limb, then k carries */
    size_t count = (size_t)(3 * k + 1 + 2 * k);
    mp_limb_t *mem = calloc(count, sizeof *mem);
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
    bn_clear_secret(xr); /* base * R: the base again to anyone who knows n */

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
    /* The base may be a secret (an RSA-encrypted premaster): so are x and
     * the powers of it in acc. */
    see_wipe(mem, count * sizeof *mem);
    free(mem);
    return SEE_OK;
}

/* ------------------------------------------------- wiping allocator --- */

/* The functions the wiping layer stands on: the ones in place when it was
 * installed (GMP's own malloc, realloc and free, which abort on failure,
 * unless a program or a test installed others first). Written once, by
 * bn_install_wiping_allocator, before any thread starts. */
static void *(*under_alloc)(size_t);
static void (*under_free)(void *, size_t);

static void *wiping_realloc(void *old, size_t old_size, size_t new_size)
{
    /* Move by hand so the old block can be wiped before it is freed. */
    void *p = under_alloc(new_size);
    memcpy(p, old, old_size < new_size ? old_size : new_size);
    see_wipe(old, old_size);
    under_free(old, old_size);
    return p;
}

static void wiping_free(void *p, size_t size)
{
    if (p == NULL)
        return;
    see_wipe(p, size);
    under_free(p, size);
}

void bn_install_wiping_allocator(void)
{
    void (*current_free)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &current_free);
    if (current_free == wiping_free)
        return; /* installed already: never stand on ourselves */
    mp_get_memory_functions(&under_alloc, NULL, &under_free);
    /* Allocation itself needs no wiping: the layer allocates with the
     * function beneath it and only adds the wipes. */
    mp_set_memory_functions(under_alloc, wiping_realloc, wiping_free);
}
