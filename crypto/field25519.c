/*
 * field25519.c: what the two representations of field25519.h share: zero,
 * one, copies, the constant-time swap and the inversion, each written on
 * fe_mul and fe_sq or on the limbs as a whole. The arithmetic itself is in
 * field25519_10.c (ten limbs of 25.5 bits) and field25519_51.c (five of 51).
 */
#include "crypto/field25519.h"

#include "core/util.h"

void fe_zero(fe25519 *h)
{
    for (int i = 0; i < FE25519_LIMBS; i++)
        h->v[i] = 0;
}

void fe_one(fe25519 *h)
{
    fe_zero(h);
    h->v[0] = 1;
}

void fe_copy(fe25519 *h, const fe25519 *f)
{
    *h = *f;
}

/* f^(2^n): n squarings. */
static void fe_sq_times(fe25519 *h, const fe25519 *f, int n)
{
    fe_sq(h, f);
    for (int i = 1; i < n; i++)
        fe_sq(h, h);
}

/*
 * z^(p-2) = z^(2^255 - 21), by the addition chain of Curve25519's paper
 * (Bernstein 2006): 254 squarings and 11 multiplications. The names say
 * which power of z each holds: z_2_5_0 is z^(2^5 - 2^0), and so on.
 */
void fe_invert(fe25519 *out, const fe25519 *z)
{
    fe25519 z2, z9, z11, z_2_5_0, z_2_10_0, z_2_20_0, z_2_50_0, z_2_100_0, t;

    fe_sq(&z2, z);                      /* z^2 */
    fe_sq_times(&t, &z2, 2);            /* z^8 */
    fe_mul(&z9, &t, z);                 /* z^9 */
    fe_mul(&z11, &z9, &z2);             /* z^11 */
    fe_sq(&t, &z11);                    /* z^22 */
    fe_mul(&z_2_5_0, &t, &z9);          /* z^31 = z^(2^5 - 1) */

    fe_sq_times(&t, &z_2_5_0, 5);
    fe_mul(&z_2_10_0, &t, &z_2_5_0);    /* z^(2^10 - 1) */
    fe_sq_times(&t, &z_2_10_0, 10);
    fe_mul(&z_2_20_0, &t, &z_2_10_0);   /* z^(2^20 - 1) */
    fe_sq_times(&t, &z_2_20_0, 20);
    fe_mul(&t, &t, &z_2_20_0);          /* z^(2^40 - 1) */
    fe_sq_times(&t, &t, 10);
    fe_mul(&z_2_50_0, &t, &z_2_10_0);   /* z^(2^50 - 1) */
    fe_sq_times(&t, &z_2_50_0, 50);
    fe_mul(&z_2_100_0, &t, &z_2_50_0);  /* z^(2^100 - 1) */
    fe_sq_times(&t, &z_2_100_0, 100);
    fe_mul(&t, &t, &z_2_100_0);         /* z^(2^200 - 1) */
    fe_sq_times(&t, &t, 50);
    fe_mul(&t, &t, &z_2_50_0);          /* z^(2^250 - 1) */
    fe_sq_times(&t, &t, 5);             /* z^(2^255 - 32) */
    fe_mul(out, &t, &z11);              /* z^(2^255 - 21) = z^(p - 2) */

    see_wipe(&z2, sizeof z2);
    see_wipe(&z9, sizeof z9);
    see_wipe(&z11, sizeof z11);
    see_wipe(&z_2_5_0, sizeof z_2_5_0);
    see_wipe(&z_2_10_0, sizeof z_2_10_0);
    see_wipe(&z_2_20_0, sizeof z_2_20_0);
    see_wipe(&z_2_50_0, sizeof z_2_50_0);
    see_wipe(&z_2_100_0, sizeof z_2_100_0);
    see_wipe(&t, sizeof t);
}

void fe_cswap(fe25519 *f, fe25519 *g, uint32_t swap)
{
    /* mask is all ones for swap = 1, all zeros for swap = 0; the same
     * XORs run either way and change nothing when mask is zero. */
    fe25519_limb mask = (fe25519_limb)0 - swap;
    for (int i = 0; i < FE25519_LIMBS; i++) {
        fe25519_limb d = mask & (f->v[i] ^ g->v[i]);
        f->v[i] ^= d;
        g->v[i] ^= d;
    }
}
