/* dh.c: Diffie-Hellman as the slides teach it, on real groups (see dh.h). */
#include "crypto/dh.h"

#include <string.h>
#include <strings.h>

#include "crypto/bignum.h"
#include "crypto/prime.h"

/* The primes as the RFCs print them (GMP skips the spaces). */

/* RFC 7919 Appendix A.1: ffdhe2048. */
static const char ffdhe2048_p[] =
    "FFFFFFFF FFFFFFFF ADF85458 A2BB4A9A AFDC5620 273D3CF1"
    "D8B9C583 CE2D3695 A9E13641 146433FB CC939DCE 249B3EF9"
    "7D2FE363 630C75D8 F681B202 AEC4617A D3DF1ED5 D5FD6561"
    "2433F51F 5F066ED0 85636555 3DED1AF3 B557135E 7F57C935"
    "984F0C70 E0E68B77 E2A689DA F3EFE872 1DF158A1 36ADE735"
    "30ACCA4F 483A797A BC0AB182 B324FB61 D108A94B B2C8E3FB"
    "B96ADAB7 60D7F468 1D4F42A3 DE394DF4 AE56EDE7 6372BB19"
    "0B07A7C8 EE0A6D70 9E02FCE1 CDF7E2EC C03404CD 28342F61"
    "9172FE9C E98583FF 8E4F1232 EEF28183 C3FE3B1B 4C6FAD73"
    "3BB5FCBC 2EC22005 C58EF183 7D1683B2 C6F34A26 C1B2EFFA"
    "886B4238 61285C97 FFFFFFFF FFFFFFFF";

/* RFC 7919 Appendix A.2: ffdhe3072. */
static const char ffdhe3072_p[] =
    "FFFFFFFF FFFFFFFF ADF85458 A2BB4A9A AFDC5620 273D3CF1"
    "D8B9C583 CE2D3695 A9E13641 146433FB CC939DCE 249B3EF9"
    "7D2FE363 630C75D8 F681B202 AEC4617A D3DF1ED5 D5FD6561"
    "2433F51F 5F066ED0 85636555 3DED1AF3 B557135E 7F57C935"
    "984F0C70 E0E68B77 E2A689DA F3EFE872 1DF158A1 36ADE735"
    "30ACCA4F 483A797A BC0AB182 B324FB61 D108A94B B2C8E3FB"
    "B96ADAB7 60D7F468 1D4F42A3 DE394DF4 AE56EDE7 6372BB19"
    "0B07A7C8 EE0A6D70 9E02FCE1 CDF7E2EC C03404CD 28342F61"
    "9172FE9C E98583FF 8E4F1232 EEF28183 C3FE3B1B 4C6FAD73"
    "3BB5FCBC 2EC22005 C58EF183 7D1683B2 C6F34A26 C1B2EFFA"
    "886B4238 611FCFDC DE355B3B 6519035B BC34F4DE F99C0238"
    "61B46FC9 D6E6C907 7AD91D26 91F7F7EE 598CB0FA C186D91C"
    "AEFE1309 85139270 B4130C93 BC437944 F4FD4452 E2D74DD3"
    "64F2E21E 71F54BFF 5CAE82AB 9C9DF69E E86D2BC5 22363A0D"
    "ABC52197 9B0DEADA 1DBF9A42 D5C4484E 0ABCD06B FA53DDEF"
    "3C1B20EE 3FD59D7C 25E41D2B 66C62E37 FFFFFFFF FFFFFFFF";

/* RFC 3526 section 3: the 2048-bit MODP group (group 14). */
static const char modp2048_p[] =
    "FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1"
    "29024E08 8A67CC74 020BBEA6 3B139B22 514A0879 8E3404DD"
    "EF9519B3 CD3A431B 302B0A6D F25F1437 4FE1356D 6D51C245"
    "E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED"
    "EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE45B3D"
    "C2007CB8 A163BF05 98DA4836 1C55D39A 69163FA8 FD24CF5F"
    "83655D23 DCA3AD96 1C62F356 208552BB 9ED52907 7096966D"
    "670C354E 4ABC9804 F1746C08 CA18217C 32905E46 2E36CE3B"
    "E39E772C 180E8603 9B2783A2 EC07A28F B5C55DF0 6F4C52C9"
    "DE2BCBF6 95581718 3995497C EA956AE5 15D22618 98FA0510"
    "15728E5A 8AACAA68 FFFFFFFF FFFFFFFF";

typedef struct {
    const char *name;
    const char *p_hex;      /* NULL: the toy group, set by number */
    unsigned long g;
    unsigned private_bits;  /* 0: use the full range */
    int q_known;            /* q = (p - 1) / 2 is the order of g */
} named_group;

static const named_group named_groups[] = {
    {"ffdhe2048", ffdhe2048_p, 2, 225, 1},
    {"ffdhe3072", ffdhe3072_p, 2, 275, 1},
    {"modp2048", modp2048_p, 2, 225, 1},
    {"modp14", modp2048_p, 2, 225, 1},
    {"toy", NULL, 5, 0, 0},
};

void dh_group_init(dh_group *group)
{
    mpz_inits(group->p, group->g, group->q, NULL);
    group->name = NULL;
}

void dh_group_clear(dh_group *group)
{
    mpz_clears(group->p, group->g, group->q, NULL);
    group->name = NULL;
}

unsigned dh_group_bits(const dh_group *group)
{
    return (unsigned)mpz_sizeinbase(group->p, 2);
}

static see_status check_size(const mpz_t p, int allow_insecure)
{
    ENSURE(allow_insecure || mpz_sizeinbase(p, 2) >= DH_MIN_BITS,
           SEE_ERR_DH_GROUP_SMALL);
    return SEE_OK;
}

see_status dh_group_named(dh_group *group, const char *name,
                          int allow_insecure)
{
    const named_group *found = NULL;
    for (size_t i = 0; i < sizeof named_groups / sizeof *named_groups; i++)
        if (name != NULL && strcasecmp(name, named_groups[i].name) == 0)
            found = &named_groups[i];
    ENSURE(found != NULL, SEE_ERR_DH_UNKNOWN_GROUP);
    mpz_t p;
    mpz_init(p);
    if (found->p_hex != NULL)
        mpz_set_str(p, found->p_hex, 16);
    else
        mpz_set_ui(p, 23); /* the slides: "g = 5 and p = 23" */
    see_status st = check_size(p, allow_insecure);
    if (st == SEE_OK) {
        mpz_set(group->p, p);
        mpz_set_ui(group->g, found->g);
        if (found->q_known) {
            mpz_sub_ui(group->q, p, 1);
            mpz_tdiv_q_2exp(group->q, group->q, 1); /* q = (p - 1) / 2 */
        } else {
            mpz_set_ui(group->q, 0);
        }
        group->name = found->name;
    }
    mpz_clear(p);
    return st;
}

/* A TLS 1.2 server sends only p and g. When they are a named group's, we
 * know q (and the short exponent size) too, so the subgroup check runs. */
static void recognise_named_group(dh_group *group)
{
    mpz_t p;
    mpz_init(p);
    for (size_t i = 0; i < sizeof named_groups / sizeof *named_groups; i++) {
        const named_group *n = &named_groups[i];
        if (n->p_hex == NULL || !n->q_known || mpz_cmp_ui(group->g, n->g) != 0)
            continue;
        mpz_set_str(p, n->p_hex, 16);
        if (mpz_cmp(p, group->p) == 0) {
            mpz_sub_ui(group->q, p, 1);
            mpz_tdiv_q_2exp(group->q, group->q, 1);
            group->name = n->name;
            break;
        }
    }
    mpz_clear(p);
}

see_status dh_group_set(dh_group *group, const mpz_t p, const mpz_t g,
                        const mpz_t q, int allow_insecure)
{
    ENSURE(mpz_cmp_ui(p, 3) > 0 && mpz_odd_p(p), SEE_ERR_DH_GROUP_BAD);
    TRY(check_size(p, allow_insecure));
    mpz_t p1;
    mpz_init(p1);
    mpz_sub_ui(p1, p, 1);
    int ok = mpz_cmp_ui(g, 1) > 0 && mpz_cmp(g, p1) < 0;
    if (q != NULL)
        ok &= mpz_sgn(q) == 0 || (mpz_sgn(q) > 0 && mpz_cmp(q, p) < 0);
    mpz_clear(p1);
    ENSURE(ok, SEE_ERR_DH_GROUP_BAD);
    mpz_set(group->p, p);
    mpz_set(group->g, g);
    if (q != NULL)
        mpz_set(group->q, q);
    else
        mpz_set_ui(group->q, 0);
    group->name = NULL;
    if (q == NULL)
        recognise_named_group(group);
    return SEE_OK;
}

see_status dh_group_check_prime(const dh_group *group, see_rng *rng)
{
    int prime;
    TRY(prime_test(group->p, PRIME_ROUNDS_ADVERSARIAL, rng, &prime));
    ENSURE(prime, SEE_ERR_DH_GROUP_BAD);
    if (mpz_sgn(group->q) == 0)
        return SEE_OK;
    TRY(prime_test(group->q, PRIME_ROUNDS_ADVERSARIAL, rng, &prime));
    ENSURE(prime, SEE_ERR_DH_GROUP_BAD);
    mpz_t t;
    mpz_init(t);
    mpz_sub_ui(t, group->p, 1);
    int divides = mpz_divisible_p(t, group->q);
    mpz_powm(t, group->g, group->q, group->p);
    int order_q = mpz_cmp_ui(t, 1) == 0;
    mpz_clear(t);
    ENSURE(divides && order_q, SEE_ERR_DH_GROUP_BAD);
    return SEE_OK;
}

see_status dh_group_generate(dh_group *group, see_rng *rng, unsigned bits,
                             int allow_insecure)
{
    ENSURE(bits >= 5, SEE_ERR_DH_GROUP_SMALL); /* 4 < p - 1 needs p >= 7 */
    ENSURE(allow_insecure || bits >= DH_MIN_BITS, SEE_ERR_DH_GROUP_SMALL);
    TRY(prime_random_safe(rng, group->p, bits));
    mpz_sub_ui(group->q, group->p, 1);
    mpz_tdiv_q_2exp(group->q, group->q, 1);
    /* 4 = 2^2 is a square, so g^q = 1: g lies in the subgroup of prime
     * order q, where no small factor of the order can be exploited. */
    mpz_set_ui(group->g, 4);
    group->name = NULL;
    return SEE_OK;
}

unsigned dh_private_bits(const dh_group *group)
{
    for (size_t i = 0; i < sizeof named_groups / sizeof *named_groups; i++)
        if (group->name == named_groups[i].name && named_groups[i].private_bits)
            return named_groups[i].private_bits;
    if (mpz_sgn(group->q) > 0)
        return (unsigned)mpz_sizeinbase(group->q, 2);
    return (unsigned)mpz_sizeinbase(group->p, 2); /* capped at p - 1 */
}

/* Sanity every operation repeats: the group was set by us. */
static see_status group_usable(const dh_group *group)
{
    ENSURE(mpz_cmp_ui(group->p, 3) > 0 && mpz_odd_p(group->p) &&
           mpz_cmp_ui(group->g, 1) > 0 && mpz_cmp(group->g, group->p) < 0,
           SEE_ERR_DH_GROUP_BAD);
    return SEE_OK;
}

see_status dh_public_from_private(const dh_group *group, const mpz_t x,
                                  mpz_t y)
{
    TRY(group_usable(group));
    mpz_t p1;
    mpz_init(p1);
    mpz_sub_ui(p1, group->p, 1);
    int in_range = mpz_sgn(x) > 0 && mpz_cmp(x, p1) < 0;
    mpz_clear(p1);
    ENSURE(in_range, SEE_ERR_DH_PRIVATE_RANGE);
    mpz_powm_sec(y, group->g, x, group->p); /* A = g^a mod p */
    return SEE_OK;
}

see_status dh_generate_key(const dh_group *group, see_rng *rng, mpz_t x,
                           mpz_t y)
{
    TRY(group_usable(group));
    /* x in [2, min(2^bits, top)), top = q when known, else p - 1. */
    mpz_t low, high, top;
    mpz_init_set_ui(low, 2);
    mpz_init(high);
    mpz_init(top);
    if (mpz_sgn(group->q) > 0)
        mpz_set(top, group->q);
    else
        mpz_sub_ui(top, group->p, 1);
    mpz_ui_pow_ui(high, 2, dh_private_bits(group));
    if (mpz_cmp(high, top) > 0)
        mpz_set(high, top);
    see_status st = SEE_ERR_DH_GROUP_BAD;
    /* In a group whose g generates more than the order-q subgroup (the
     * slides' toy group: 5 is a primitive root of 23), some x give
     * Y = p - 1, which every peer refuses (dh_check_public): draw again. */
    for (int tries = 0; tries < 64 && mpz_cmp(low, high) < 0; tries++) {
        st = bn_random_range(rng, x, low, high);
        if (st == SEE_OK)
            st = dh_public_from_private(group, x, y);
        if (st != SEE_OK || dh_check_public(group, y) == SEE_OK)
            break;
        st = SEE_ERR_DH_GROUP_BAD;
    }
    mpz_clears(low, high, top, NULL);
    return st;
}

see_status dh_check_public(const dh_group *group, const mpz_t y)
{
    TRY(group_usable(group));
    mpz_t t;
    mpz_init(t);
    mpz_sub_ui(t, group->p, 1);
    int in_range = mpz_cmp_ui(y, 1) > 0 && mpz_cmp(y, t) < 0; /* 1 < Y < p-1 */
    int in_subgroup = 1;
    if (in_range && mpz_sgn(group->q) > 0) {
        mpz_mul_2exp(t, group->q, 1);
        mpz_add_ui(t, t, 1);
        if (mpz_cmp(t, group->p) == 0) {
            /* A safe prime, q = (p - 1) / 2: by Euler's criterion Y^q mod p
             * is the Legendre symbol (Y | p), which a gcd-like algorithm
             * finds some fifty times faster than the power (Y is public,
             * so its variable time hides nothing). */
            in_subgroup = mpz_legendre(y, group->p) == 1;  /* Y^q = 1 */
        } else {
            mpz_powm(t, y, group->q, group->p);
            in_subgroup = mpz_cmp_ui(t, 1) == 0;           /* Y^q = 1 */
        }
    }
    mpz_clear(t);
    ENSURE(in_range, SEE_ERR_DH_PUBLIC_RANGE);
    ENSURE(in_subgroup, SEE_ERR_DH_PUBLIC_SUBGROUP);
    return SEE_OK;
}

see_status dh_shared_secret_number(const dh_group *group, const mpz_t x,
                                   const mpz_t peer_y, mpz_t s)
{
    TRY(dh_check_public(group, peer_y));
    ENSURE(mpz_sgn(x) > 0, SEE_ERR_DH_PRIVATE_RANGE);
    mpz_powm_sec(s, peer_y, x, group->p); /* S = B^a mod p */
    return SEE_OK;
}

static see_status shared_bytes(const dh_group *group, const mpz_t x,
                               const mpz_t peer_y, uint8_t *out, size_t cap,
                               size_t *out_len, int strip)
{
    mpz_t s;
    mpz_init(s);
    see_status st = dh_shared_secret_number(group, x, peer_y, s);
    if (st == SEE_OK) {
        size_t len = strip ? bn_byte_length(s) : bn_byte_length(group->p);
        if (len > cap)
            st = SEE_ERR_BUFFER_SMALL;
        else
            st = bn_to_bytes(s, out, len);
        if (st == SEE_OK)
            *out_len = len;
    }
    bn_clear_secret(s);
    return st;
}

see_status dh_shared_secret(const dh_group *group, const mpz_t x,
                            const mpz_t peer_y, uint8_t *out, size_t cap,
                            size_t *out_len)
{
    return shared_bytes(group, x, peer_y, out, cap, out_len, 0);
}

see_status dh_shared_secret_tls12(const dh_group *group, const mpz_t x,
                                  const mpz_t peer_y, uint8_t *out,
                                  size_t cap, size_t *out_len)
{
    return shared_bytes(group, x, peer_y, out, cap, out_len, 1);
}
