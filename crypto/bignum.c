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
