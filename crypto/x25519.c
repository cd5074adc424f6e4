/* x25519.c: X25519, RFC 7748 (see x25519.h). */
#include "crypto/x25519.h"

#include <string.h>

#include "core/util.h"
#include "crypto/field25519.h"

/* RFC 7748 4.1: the base point G has u = 9. */
static const uint8_t base_point_u[X25519_KEY_SIZE] = {9};

/* RFC 7748 5: (A - 2) / 4 for A = 486662, the curve's coefficient. */
#define X25519_A24 121665

/*
 * RFC 7748 5, decodeScalar25519: clear the three low bits (the scalar
 * becomes a multiple of 8, the curve's cofactor, so a point of small order
 * gives 0 and not a secret-dependent point), clear bit 255 and set bit 254
 * (every scalar then has the same top bit, and the ladder the same number
 * of steps).
 */
static void clamp(uint8_t k[X25519_KEY_SIZE], const uint8_t scalar[X25519_KEY_SIZE])
{
    memcpy(k, scalar, X25519_KEY_SIZE);
    k[0] &= 248;
    k[31] &= 127;
    k[31] |= 64;
}

/* The ladder's state: P2 = (x2 : z2) and P3 = (x3 : z3) in projective
 * u-coordinates (u = x / z), kept with P3 - P2 = P, the input point. */
typedef struct {
    fe25519 x1;         /* u of the input point P */
    fe25519 x2, z2;     /* n P for the bits done so far */
    fe25519 x3, z3;     /* (n + 1) P */
    /* a step's intermediate values, here so that one wipe at the end
     * clears them all */
    fe25519 a, aa, b, bb, e, c, d, da, cb, t;
} ladder_state;

/*
 * One step of the Montgomery ladder, RFC 7748 5's formulas in its names:
 * P2 becomes 2 P2 (doubling) and P3 becomes P2 + P3 (differential addition,
 * which needs their difference P, whose u is x1). Which of the two is
 * doubled depends on the key bit; the caller swaps them before and after,
 * so this code is the same for both bits.
 */
static void ladder_step(ladder_state *s)
{
    fe_add(&s->a, &s->x2, &s->z2);      /* A = x_2 + z_2 */
    fe_sq(&s->aa, &s->a);               /* AA = A^2 */
    fe_sub(&s->b, &s->x2, &s->z2);      /* B = x_2 - z_2 */
    fe_sq(&s->bb, &s->b);               /* BB = B^2 */
    fe_sub(&s->e, &s->aa, &s->bb);      /* E = AA - BB */
    fe_add(&s->c, &s->x3, &s->z3);      /* C = x_3 + z_3 */
    fe_sub(&s->d, &s->x3, &s->z3);      /* D = x_3 - z_3 */
    fe_mul(&s->da, &s->d, &s->a);       /* DA = D * A */
    fe_mul(&s->cb, &s->c, &s->b);       /* CB = C * B */

    fe_add(&s->t, &s->da, &s->cb);
    fe_sq(&s->x3, &s->t);               /* x_3 = (DA + CB)^2 */
    fe_sub(&s->t, &s->da, &s->cb);
    fe_sq(&s->t, &s->t);
    fe_mul(&s->z3, &s->x1, &s->t);      /* z_3 = x_1 * (DA - CB)^2 */
    fe_mul(&s->x2, &s->aa, &s->bb);     /* x_2 = AA * BB */
    fe_mul_small(&s->t, &s->e, X25519_A24);
    fe_add(&s->t, &s->aa, &s->t);
    fe_mul(&s->z2, &s->e, &s->t);       /* z_2 = E * (AA + a24 * E) */
}

/*
 * The Montgomery ladder of RFC 7748 5, from bit 254 down to bit 0. Before
 * each step the pair is swapped when the key bit differs from the previous
 * one, so that the step always doubles the right point; the swap is
 * fe_cswap's mask, never a branch on the bit, and every key runs all 255
 * steps. The bit is read at a position that depends only on the loop
 * counter t.
 */
void x25519(uint8_t out[X25519_KEY_SIZE], const uint8_t scalar[X25519_KEY_SIZE],
            const uint8_t u[X25519_KEY_SIZE])
{
    uint8_t k[X25519_KEY_SIZE];
    ladder_state s;
    fe25519 z_inverse;
    uint32_t swap = 0;

    clamp(k, scalar);
    fe_from_bytes(&s.x1, u);            /* decodeUCoordinate: top bit masked */
    fe_one(&s.x2);
    fe_zero(&s.z2);                     /* (1 : 0), the point at infinity */
    fe_copy(&s.x3, &s.x1);
    fe_one(&s.z3);

    for (int t = 254; t >= 0; t--) {
        uint32_t k_t = (k[t / 8] >> (t % 8)) & 1;
        swap ^= k_t;
        fe_cswap(&s.x2, &s.x3, swap);
        fe_cswap(&s.z2, &s.z3, swap);
        swap = k_t;
        ladder_step(&s);
    }
    fe_cswap(&s.x2, &s.x3, swap);
    fe_cswap(&s.z2, &s.z3, swap);

    /* u = x_2 / z_2 = x_2 * z_2^(p - 2); z_2 = 0 (the point at infinity)
     * gives 0. */
    fe_invert(&z_inverse, &s.z2);
    fe_mul(&s.x2, &s.x2, &z_inverse);
    fe_to_bytes(out, &s.x2);

    see_wipe(k, sizeof k);
    see_wipe(&s, sizeof s);
    see_wipe(&z_inverse, sizeof z_inverse);
    see_wipe(&swap, sizeof swap);
}

void x25519_public_key(uint8_t public_key[X25519_KEY_SIZE],
                       const uint8_t private_key[X25519_KEY_SIZE])
{
    x25519(public_key, private_key, base_point_u);
}

see_status x25519_generate_key(see_rng *rng, uint8_t private_key[X25519_KEY_SIZE],
                               uint8_t public_key[X25519_KEY_SIZE])
{
    see_status st = rng_bytes(rng, private_key, X25519_KEY_SIZE);
    if (st != SEE_OK) {
        see_wipe(private_key, X25519_KEY_SIZE);
        memset(public_key, 0, X25519_KEY_SIZE);
        return st;
    }
    x25519_public_key(public_key, private_key);
    return SEE_OK;
}

see_status x25519_shared_secret(uint8_t shared_secret[X25519_KEY_SIZE],
                                const uint8_t private_key[X25519_KEY_SIZE],
                                const uint8_t peer_public[X25519_KEY_SIZE])
{
    static const uint8_t zeros[X25519_KEY_SIZE] = {0};

    x25519(shared_secret, private_key, peer_public);
    /* RFC 7748 6.1: "check, without leaking extra information about the
     * value of K, whether K is the all-zero value and abort if so". */
    if (see_ct_equal(shared_secret, zeros, X25519_KEY_SIZE))
        return SEE_ERR_X25519_ZERO_SECRET;
    return SEE_OK;
}
