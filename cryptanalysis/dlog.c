/*
 * dlog.c: baby-step giant-step and Pollard's rho for discrete logarithms.
 * See dlog.h for the contract and the references.
 */
#include <stdlib.h>

#include "cryptanalysis/dlog.h"

#include "crypto/bignum.h"

/* ------------------------------------------- baby-step giant-step --- */

/* One table slot: the low 64 bits of g^j mod p, and j + 1 (0: empty). */
typedef struct {
    uint64_t key;
    uint64_t j_plus_1;
} bsgs_slot;

static size_t slot_of(uint64_t key, size_t mask)
{
    /* Fibonacci hashing spreads keys that differ only in high bits. */
    return (size_t)((key * UINT64_C(0x9e3779b97f4a7c15)) >> 20) & mask;
}

/* g^candidate == h? (low 64 bits may collide when p > 2^64) */
static int is_log(const mpz_t g, const mpz_t h, const mpz_t p,
                  const mpz_t candidate)
{
    mpz_t t;
    mpz_init(t);
    mpz_powm(t, g, candidate, p);
    int yes = mpz_cmp(t, h) == 0;
    mpz_clear(t);
    return yes;
}

see_status dlog_bsgs(mpz_t x, int *found, const mpz_t g, const mpz_t h,
                     const mpz_t p, const mpz_t order)
{
    ENSURE(mpz_cmp_ui(p, 2) > 0, SEE_ERR_ARGUMENT);
    ENSURE(mpz_cmp_ui(g, 1) > 0 && mpz_cmp(g, p) < 0, SEE_ERR_ARGUMENT);
    ENSURE(mpz_sgn(h) > 0 && mpz_cmp(h, p) < 0, SEE_ERR_ARGUMENT);
    ENSURE(mpz_cmp_ui(order, 1) > 0 &&
           mpz_sizeinbase(order, 2) <= DLOG_BSGS_MAX_ORDER_BITS,
           SEE_ERR_ARGUMENT);
    *found = 0;

    /* m = ceil(sqrt(order)): then every x < order is i*m + j with
     * i, j < m. m <= 2^20 (order < 2^40): i, j and m fit GMP's unsigned
     * long on every platform (32 bits on 32-bit ARM). */
    mpz_t m_z;
    mpz_init(m_z);
    mpz_sqrt(m_z, order);
    if (mpz_perfect_square_p(order) == 0)
        mpz_add_ui(m_z, m_z, 1);
    unsigned long m = mpz_get_ui(m_z);
    mpz_clear(m_z);

    size_t capacity = 1;
    while (capacity < 2 * m)
        capacity *= 2;
    bsgs_slot *table = calloc(capacity, sizeof *table);
    ENSURE(table != NULL, SEE_ERR_NO_MEMORY);
    size_t mask = capacity - 1;

    mpz_t y, factor, candidate;
    mpz_inits(y, factor, candidate, NULL);

    /* Baby steps: g^0, g^1, ..., g^(m-1). */
    mpz_set_ui(y, 1);
    for (unsigned long j = 0; j < m; j++) {
        size_t s = slot_of(bn_get_u64(y), mask);
        while (table[s].j_plus_1 != 0)
            s = (s + 1) & mask;
        table[s].key = bn_get_u64(y);
        table[s].j_plus_1 = j + 1;
        mpz_mul(y, y, g);
        mpz_mod(y, y, p);
    }

    /* Giant steps: h * (g^-m)^i for i = 0, 1, ..., m - 1. */
    see_status status = SEE_OK;
    if (mpz_invert(factor, g, p) == 0) {
        status = SEE_ERR_ARGUMENT; /* gcd(g, p) != 1: not a group */
        goto done;
    }
    mpz_powm_ui(factor, factor, m, p);
    mpz_set(y, h);
    for (unsigned long i = 0; i < m && !*found; i++) {
        uint64_t key = bn_get_u64(y);
        for (size_t s = slot_of(key, mask); table[s].j_plus_1 != 0;
             s = (s + 1) & mask) {
            if (table[s].key != key)
                continue;
            mpz_set_ui(candidate, i);
            mpz_mul_ui(candidate, candidate, m);
            mpz_add_ui(candidate, candidate,
                       (unsigned long)(table[s].j_plus_1 - 1));
            mpz_mod(candidate, candidate, order);
            if (is_log(g, h, p, candidate)) {
                mpz_set(x, candidate);
                *found = 1;
                break;
            }
        }
        mpz_mul(y, y, factor);
        mpz_mod(y, y, p);
    }
done:
    mpz_clears(y, factor, candidate, NULL);
    free(table);
    return status;
}

/* ---------------------------------------------------- Pollard's rho --- */

/* The walk's state: y = g^u * h^v mod p, u and v mod q. */
typedef struct {
    mpz_t y, u, v;
} rho_point;

static void point_init(rho_point *pt) { mpz_inits(pt->y, pt->u, pt->v, NULL); }
static void point_clear(rho_point *pt) { mpz_clears(pt->y, pt->u, pt->v, NULL); }
static void point_copy(rho_point *to, const rho_point *from)
{
    mpz_set(to->y, from->y);
    mpz_set(to->u, from->u);
    mpz_set(to->v, from->v);
}

/* Pollard's three-way walk: which third y falls in decides the step. */
static void walk_step(rho_point *pt, const mpz_t g, const mpz_t h,
                      const mpz_t p, const mpz_t q)
{
    switch (mpz_fdiv_ui(pt->y, 3)) {
    case 0: /* y * g: u + 1 */
        mpz_mul(pt->y, pt->y, g);
        mpz_add_ui(pt->u, pt->u, 1);
        if (mpz_cmp(pt->u, q) >= 0)
            mpz_sub(pt->u, pt->u, q);
        break;
    case 1: /* y * h: v + 1 */
        mpz_mul(pt->y, pt->y, h);
        mpz_add_ui(pt->v, pt->v, 1);
        if (mpz_cmp(pt->v, q) >= 0)
            mpz_sub(pt->v, pt->v, q);
        break;
    default: /* y^2: u and v double */
        mpz_mul(pt->y, pt->y, pt->y);
        mpz_mul_2exp(pt->u, pt->u, 1);
        if (mpz_cmp(pt->u, q) >= 0)
            mpz_sub(pt->u, pt->u, q);
        mpz_mul_2exp(pt->v, pt->v, 1);
        if (mpz_cmp(pt->v, q) >= 0)
            mpz_sub(pt->v, pt->v, q);
        break;
    }
    mpz_mod(pt->y, pt->y, p);
}

/* g^u1 h^v1 = g^u2 h^v2 means x (v2 - v1) = u1 - u2 (mod q). 1 and x set
 * if v2 - v1 is invertible (q prime: non-zero) and the answer checks. */
static int solve_collision(mpz_t x, const rho_point *a, const rho_point *b,
                           const mpz_t g, const mpz_t h, const mpz_t p,
                           const mpz_t q)
{
    mpz_t dv, du;
    mpz_inits(dv, du, NULL);
    mpz_sub(dv, b->v, a->v);
    mpz_mod(dv, dv, q);
    mpz_sub(du, a->u, b->u);
    int ok = mpz_invert(dv, dv, q) != 0;
    if (ok) {
        mpz_mul(du, du, dv);
        mpz_mod(du, du, q);
        ok = is_log(g, h, p, du);
        if (ok)
            mpz_set(x, du);
    }
    mpz_clears(dv, du, NULL);
    return ok;
}

see_status dlog_pollard_rho(mpz_t x, int *found, uint64_t *steps,
                            const mpz_t g, const mpz_t h, const mpz_t p,
                            const mpz_t q, uint64_t max_steps)
{
    ENSURE(mpz_cmp_ui(p, 2) > 0, SEE_ERR_ARGUMENT);
    ENSURE(mpz_cmp_ui(g, 1) > 0 && mpz_cmp(g, p) < 0, SEE_ERR_ARGUMENT);
    ENSURE(mpz_sgn(h) > 0 && mpz_cmp(h, p) < 0, SEE_ERR_ARGUMENT);
    ENSURE(mpz_cmp_ui(q, 1) > 0 && mpz_cmp(q, p) < 0, SEE_ERR_ARGUMENT);
    *found = 0;
    uint64_t done = 0;

    mpz_t t;
    mpz_init(t);
    mpz_powm(t, h, q, p);
    int in_group = mpz_cmp_ui(t, 1) == 0;
    mpz_clear(t);

    rho_point walker, saved;
    point_init(&walker);
    point_init(&saved);
    /* Each attempt starts from y = g^attempt * h (a fresh walk). */
    for (unsigned long attempt = 1; in_group && done < max_steps && !*found;
         attempt++) {
        mpz_set_ui(walker.u, attempt);
        mpz_mod(walker.u, walker.u, q);
        mpz_set_ui(walker.v, 1);
        mpz_powm(walker.y, g, walker.u, p);
        mpz_mul(walker.y, walker.y, h);
        mpz_mod(walker.y, walker.y, p);
        point_copy(&saved, &walker);
        /* Brent: compare with the point saved at the last power of two;
         * a cycle of length lambda is met within 2 * (tail + lambda). */
        for (uint64_t power = 1, lam = 0; done < max_steps;) {
            walk_step(&walker, g, h, p, q);
            done++;
            lam++;
            if (mpz_cmp(walker.y, saved.y) == 0) {
                *found = solve_collision(x, &saved, &walker, g, h, p, q);
                break; /* solved, or useless: start a new walk */
            }
            if (lam == power) {
                point_copy(&saved, &walker);
                power *= 2;
                lam = 0;
            }
        }
    }
    point_clear(&walker);
    point_clear(&saved);
    if (steps != NULL)
        *steps = done;
    return SEE_OK;
}
