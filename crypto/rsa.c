/* rsa.c: RSA from the slides' formulas to RFC 8017 (see rsa.h). */
#include "crypto/rsa.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/bignum.h"
#include "crypto/prime.h"
#include "crypto/sha256.h"
#include "core/util.h"

void rsa_public_init(rsa_public_key *key)
{
    mpz_inits(key->n, key->e, NULL);
}

void rsa_public_clear(rsa_public_key *key)
{
    mpz_clears(key->n, key->e, NULL);
}

/*
 * Blinding (private_op_blinded below) multiplies each private operation's
 * input by A = r^e and its result by Ai = r^-1 mod n, for a random r.
 * Drawing r, raising it to e and inverting it costs about a twentieth of a
 * signature; so, as Kocher proposed (Timing Attacks on Implementations of
 * Diffie-Hellman, RSA, DSS, and Other Systems, 1996, section 10) and
 * OpenSSL does (BN_BLINDING_update), each operation leaves the squares
 * A^2 = (r^2)^e and Ai^2 = (r^2)^-1 for the next: a pair as secret and as
 * unrelated to any input as the first. Every BLINDING_USES operations a
 * fresh r is drawn.
 *
 * The pair belongs to the key, which a server's threads share: an
 * operation takes it only if no other holds it, and never waits; one that
 * finds it held, or a key without one, draws a fresh pair of its own.
 */
#define BLINDING_USES 32

struct rsa_blinding {
    atomic_int held;   /* 1 while an operation has the pair */
    int uses;          /* operations since r was drawn; 0: no pair kept */
    mpz_t n;           /* the modulus the pair belongs to */
    mpz_t a, ai;       /* the next operation's r^e and r^-1 mod n */
};

void rsa_private_init(rsa_private_key *key)
{
    mpz_inits(key->n, key->e, key->d, key->p, key->q, key->dp, key->dq,
              key->qinv, NULL);
    key->blinding = malloc(sizeof *key->blinding);
    if (key->blinding != NULL) {
        atomic_init(&key->blinding->held, 0);
        key->blinding->uses = 0;
        mpz_inits(key->blinding->n, key->blinding->a, key->blinding->ai, NULL);
    }
}

void rsa_private_clear(rsa_private_key *key)
{
    mpz_clears(key->n, key->e, NULL);
    bn_clear_secret(key->d);
    bn_clear_secret(key->p);
    bn_clear_secret(key->q);
    bn_clear_secret(key->dp);
    bn_clear_secret(key->dq);
    bn_clear_secret(key->qinv);
    if (key->blinding != NULL) {
        mpz_clear(key->blinding->n);
        bn_clear_secret(key->blinding->a);
        bn_clear_secret(key->blinding->ai);
        free(key->blinding);
        key->blinding = NULL;
    }
}

/* ================================================= the slides' RSA === */

void rsa_textbook_totient(mpz_t t, const mpz_t p, const mpz_t q)
{
    mpz_t q1;
    mpz_init(q1);
    mpz_sub_ui(t, p, 1);
    mpz_sub_ui(q1, q, 1);
    mpz_mul(t, t, q1); /* t(n) = (p - 1) * (q - 1) */
    bn_clear_secret(q1);
}

see_status rsa_textbook_d_from_k(mpz_t d, const mpz_t e, const mpz_t t,
                                 unsigned long k)
{
    ENSURE(mpz_sgn(e) > 0, SEE_ERR_RSA_E_BAD);
    mpz_t num;
    bn_init_secret(num, mpz_sizeinbase(t, 2) + sizeof k * 8);
    mpz_mul_ui(num, t, k);
    mpz_add_ui(num, num, 1); /* d * e = 1 + k * t(n) */
    int integral = mpz_divisible_p(num, e);
    if (integral)
        mpz_divexact(d, num, e);
    bn_clear_secret(num); /* d * e */
    return integral ? SEE_OK : SEE_ERR_ARGUMENT;
}

see_status rsa_textbook_find_d(mpz_t d, unsigned long *k_out, const mpz_t e,
                               const mpz_t t)
{
    ENSURE(mpz_sgn(e) > 0 && mpz_sgn(t) > 0, SEE_ERR_ARGUMENT);
    ENSURE(mpz_invert(d, e, t) != 0, SEE_ERR_RSA_E_BAD);
    if (k_out != NULL) {
        /* k = (d * e - 1) / t(n), exact by construction. */
        mpz_t k;
        bn_init_secret(k, mpz_sizeinbase(d, 2) + mpz_sizeinbase(e, 2));
        mpz_mul(k, d, e);
        mpz_sub_ui(k, k, 1);
        mpz_divexact(k, k, t);
        *k_out = mpz_get_ui(k);
        bn_clear_secret(k); /* d * e - 1 is still above k's limb */
    }
    return SEE_OK;
}

static see_status textbook_power(mpz_t out, const mpz_t in, const mpz_t n,
                                 const mpz_t x, int secret)
{
    ENSURE(mpz_cmp_ui(n, 2) >= 0 && mpz_sgn(x) >= 0, SEE_ERR_ARGUMENT);
    ENSURE(mpz_sgn(in) >= 0 && mpz_cmp(in, n) < 0, SEE_ERR_RSA_INPUT_RANGE);
    if (secret && mpz_odd_p(n) && mpz_sgn(x) > 0)
        mpz_powm_sec(out, in, x, n);
    else
        mpz_powm(out, in, x, n);
    return SEE_OK;
}

see_status rsa_textbook_encrypt(mpz_t c, const mpz_t m, const mpz_t n,
                                const mpz_t e)
{
    return textbook_power(c, m, n, e, 0); /* c = m^e mod n */
}

see_status rsa_textbook_decrypt(mpz_t m, const mpz_t c, const mpz_t n,
                                const mpz_t d)
{
    return textbook_power(m, c, n, d, 1); /* m = c^d mod n */
}

/* ============================================================= keys === */

size_t rsa_public_size(const rsa_public_key *key)
{
    return bn_byte_length(key->n);
}

size_t rsa_private_size(const rsa_private_key *key)
{
    return bn_byte_length(key->n);
}

unsigned rsa_private_bits(const rsa_private_key *key)
{
    return (unsigned)mpz_sizeinbase(key->n, 2);
}

unsigned rsa_public_bits(const rsa_public_key *key)
{
    return (unsigned)mpz_sizeinbase(key->n, 2);
}

void rsa_public_from_private(rsa_public_key *pub, const rsa_private_key *key)
{
    mpz_set(pub->n, key->n);
    mpz_set(pub->e, key->e);
}

static see_status check_n_e(const mpz_t n, const mpz_t e, unsigned min_bits)
{
    ENSURE(mpz_cmp_ui(n, 15) >= 0, SEE_ERR_RSA_N_SMALL);
    ENSURE(mpz_odd_p(n), SEE_ERR_RSA_N_EVEN);
    ENSURE(mpz_sizeinbase(n, 2) >= min_bits, SEE_ERR_RSA_N_SMALL);
    ENSURE(mpz_cmp_ui(e, 1) > 0 && mpz_odd_p(e) && mpz_cmp(e, n) < 0,
           SEE_ERR_RSA_E_BAD);
    return SEE_OK;
}

see_status rsa_public_check(const rsa_public_key *key, unsigned min_bits)
{
    return check_n_e(key->n, key->e, min_bits);
}

/* lambda(n) = lcm(p - 1, q - 1): the smallest exponent that works
 * (Carmichael); the slides' t(n) = (p - 1)(q - 1) is a multiple of it. */
static void carmichael_lambda(mpz_t lambda, const mpz_t p, const mpz_t q)
{
    mpz_t p1, q1;
    mpz_inits(p1, q1, NULL);
    mpz_sub_ui(p1, p, 1);
    mpz_sub_ui(q1, q, 1);
    mpz_lcm(lambda, p1, q1);
    bn_clear_secret(p1);
    bn_clear_secret(q1);
}

see_status rsa_private_from_factors(rsa_private_key *key, const mpz_t p,
                                    const mpz_t q, const mpz_t e)
{
    ENSURE(mpz_cmp_ui(p, 3) >= 0 && mpz_cmp_ui(q, 3) >= 0 && mpz_cmp(p, q) != 0,
           SEE_ERR_ARGUMENT);
    ENSURE(mpz_cmp_ui(e, 1) > 0 && mpz_odd_p(e), SEE_ERR_RSA_E_BAD);
    /* Keep p > q, the order the CRT coefficient qInv = q^-1 mod p assumes
     * (RFC 8017 3.2 calls them r_1 = p, r_2 = q). */
    if (mpz_cmp(p, q) > 0) {
        mpz_set(key->p, p);
        mpz_set(key->q, q);
    } else {
        mpz_set(key->p, q);
        mpz_set(key->q, p);
    }
    mpz_mul(key->n, key->p, key->q); /* n = p * q */
    mpz_set(key->e, e);

    mpz_t lambda, t;
    mpz_inits(lambda, t, NULL);
    carmichael_lambda(lambda, key->p, key->q);
    int invertible = mpz_invert(key->d, e, lambda); /* d * e = 1 mod lambda */
    if (invertible) {
        mpz_sub_ui(t, key->p, 1);
        mpz_mod(key->dp, key->d, t);          /* dP = d mod (p - 1) */
        mpz_sub_ui(t, key->q, 1);
        mpz_mod(key->dq, key->d, t);          /* dQ = d mod (q - 1) */
        mpz_invert(key->qinv, key->q, key->p); /* qInv = q^-1 mod p */
    }
    bn_clear_secret(lambda);
    bn_clear_secret(t);
    return invertible ? SEE_OK : SEE_ERR_RSA_E_BAD;
}

/* A prime of `bits` bits usable with e: gcd(e, p - 1) = 1. */
static see_status rsa_prime(see_rng *rng, mpz_t p, unsigned bits,
                            const mpz_t e)
{
    mpz_t g;
    mpz_init(g);
    see_status st;
    do {
        st = prime_random(rng, p, bits);
        if (st != SEE_OK)
            break;
        mpz_sub_ui(g, p, 1);
        mpz_gcd(g, g, e);
    } while (mpz_cmp_ui(g, 1) != 0);
    bn_clear_secret(g); /* p - 1 is still above the gcd's limb */
    return st;
}

/* FIPS 186-5 A.1.3 step 5.4 / 5.5: p and q far apart (else Fermat's
 * method, searching near sqrt(n), finds them): |p - q| > 2^(bits/2 - 100),
 * and for tiny demo keys at least p != q. */
static int far_enough_apart(const mpz_t p, const mpz_t q, unsigned half)
{
    mpz_t diff;
    mpz_init(diff);
    mpz_sub(diff, p, q);
    mpz_abs(diff, diff);
    int ok = half > 100 ? mpz_sizeinbase(diff, 2) > half - 100
                        : mpz_sgn(diff) != 0;
    bn_clear_secret(diff);
    return ok;
}

see_status rsa_generate(see_rng *rng, unsigned bits, int allow_insecure,
                        rsa_private_key *key)
{
    unsigned lo = allow_insecure ? RSA_TINY_BITS : RSA_MIN_BITS;
    unsigned hi = allow_insecure ? RSA_HUGE_BITS : RSA_MAX_BITS;
    ENSURE(bits >= lo && bits <= hi && bits % 2 == 0, SEE_ERR_RSA_KEY_SIZE);
    unsigned half = bits / 2;

    /* 65537 = 2^16 + 1 needs n > 2^17; the tiniest demo keys take the
     * Fermat prime 17 instead. */
    mpz_t e, p, q;
    mpz_init_set_ui(e, bits >= 18 ? RSA_E_DEFAULT : 17);
    mpz_inits(p, q, NULL);
    see_status st;
    for (;;) {
        st = rsa_prime(rng, p, half, e);
        if (st != SEE_OK)
            break;
        do {
            st = rsa_prime(rng, q, half, e);
        } while (st == SEE_OK && !far_enough_apart(p, q, half));
        if (st != SEE_OK)
            break;
        st = rsa_private_from_factors(key, p, q, e);
        if (st != SEE_OK)
            break;
        /* FIPS 186-5 A.1.1: d > 2^(nlen/2), else start again (almost never
         * happens: d is about as long as n). */
        if (mpz_sizeinbase(key->d, 2) > half || bits < 64)
            break;
    }
    mpz_clear(e);
    bn_clear_secret(p);
    bn_clear_secret(q);
    return st;
}

see_status rsa_private_check(const rsa_private_key *key, see_rng *rng)
{
    TRY(check_n_e(key->n, key->e, 0));
    int prime;
    TRY(prime_test(key->p, PRIME_ROUNDS_ADVERSARIAL, rng, &prime));
    ENSURE(prime, SEE_ERR_RSA_NOT_PRIME);
    TRY(prime_test(key->q, PRIME_ROUNDS_ADVERSARIAL, rng, &prime));
    ENSURE(prime, SEE_ERR_RSA_NOT_PRIME);

    mpz_t x, m;
    mpz_inits(x, m, NULL);
    int ok = 1;
    mpz_mul(x, key->p, key->q);
    ok &= mpz_cmp(x, key->n) == 0;                     /* n = p * q */
    carmichael_lambda(m, key->p, key->q);
    mpz_mul(x, key->d, key->e);
    mpz_mod(x, x, m);
    ok &= mpz_cmp_ui(x, 1) == 0;                       /* d * e = 1 mod lambda */
    mpz_sub_ui(m, key->p, 1);
    mpz_mod(x, key->d, m);
    ok &= mpz_cmp(x, key->dp) == 0;                    /* dP = d mod (p - 1) */
    mpz_sub_ui(m, key->q, 1);
    mpz_mod(x, key->d, m);
    ok &= mpz_cmp(x, key->dq) == 0;                    /* dQ = d mod (q - 1) */
    mpz_mul(x, key->qinv, key->q);
    mpz_mod(x, x, key->p);
    ok &= mpz_cmp_ui(x, 1) == 0 && mpz_cmp(key->qinv, key->p) < 0; /* qInv */
    bn_clear_secret(x);
    bn_clear_secret(m);
    return ok ? SEE_OK : SEE_ERR_RSA_KEY_INCONSISTENT;
}

/* ======================================================= primitives === */

/* x^e mod n for the public exponent: by Montgomery steps when e fits in
 * 64 bits (always, in practice: 65537), else GMP's general power. */
static void public_power(mpz_t out, const mpz_t x, const mpz_t e,
                         const mpz_t n)
{
    if (!bn_fits_u64(e) || bn_powm_public(out, x, bn_get_u64(e), n) != SEE_OK)
        mpz_powm(out, x, e, n);
}

see_status rsa_public_op(const rsa_public_key *key, mpz_t out, const mpz_t in)
{
    TRY(check_n_e(key->n, key->e, 0));
    ENSURE(mpz_sgn(in) >= 0 && mpz_cmp(in, key->n) < 0,
           SEE_ERR_RSA_INPUT_RANGE);
    public_power(out, in, key->e, key->n); /* c = m^e mod n */
    return SEE_OK;
}

/* m = c^d mod n by the Chinese remainder theorem (RFC 8017 5.1.2 2.b):
 * m1 = c^dP mod p, m2 = c^dQ mod q, h = qInv * (m1 - m2) mod p,
 * m = m2 + q * h. Two half-size powers: about 3-4 times faster. */
static void crt_power(const rsa_private_key *key, mpz_t m, const mpz_t c)
{
    mpz_t m1, m2, h;
    mpz_inits(m1, m2, h, NULL);
    mpz_mod(h, c, key->p);
    mpz_powm_sec(m1, h, key->dp, key->p);
    mpz_mod(h, c, key->q);
    mpz_powm_sec(m2, h, key->dq, key->q);
    mpz_sub(h, m1, m2);
    mpz_mul(h, h, key->qinv);
    mpz_mod(h, h, key->p);
    mpz_mul(m, key->q, h);
    mpz_add(m, m, m2);
    bn_clear_secret(m1);
    bn_clear_secret(m2);
    bn_clear_secret(h);
}

static int has_crt(const rsa_private_key *key)
{
    return mpz_cmp_ui(key->p, 2) > 0 && mpz_cmp_ui(key->q, 2) > 0 &&
           mpz_sgn(key->dp) > 0 && mpz_sgn(key->dq) > 0 &&
           mpz_sgn(key->qinv) > 0;
}

/* A fresh blinding pair: a = r^e, ai = r^-1 mod n for a random r,
 * invertible mod n (else it would be a factor of n). */
static see_status fresh_blinding(const rsa_private_key *key, see_rng *rng,
                                 mpz_t a, mpz_t ai)
{
    mpz_t r, one;
    mpz_init(r);
    mpz_init_set_ui(one, 1);
    see_status st;
    do {
        st = bn_random_range(rng, r, one, key->n);
    } while (st == SEE_OK && mpz_invert(ai, r, key->n) == 0);
    if (st == SEE_OK)
        public_power(a, r, key->e, key->n);
    bn_clear_secret(r);
    mpz_clear(one);
    return st;
}

/* x = x^2 mod n: the next pair from this one. */
static void square_mod(mpz_t x, const mpz_t n)
{
    mpz_mul(x, x, x);
    mpz_mod(x, x, n);
}

/* This operation's pair (a, ai): the key's kept pair when it has one for
 * this n, used fewer than BLINDING_USES times, and no other thread holds
 * it; else a fresh one. Either way the key keeps the squares for the next
 * (see struct rsa_blinding). */
static see_status take_blinding(const rsa_private_key *key, see_rng *rng,
                                mpz_t a, mpz_t ai)
{
    rsa_blinding *b = key->blinding;
    int free_now = 0;
    if (b == NULL || !atomic_compare_exchange_strong(&b->held, &free_now, 1))
        return fresh_blinding(key, rng, a, ai);

    see_status st = SEE_OK;
    if (b->uses > 0 && b->uses < BLINDING_USES && mpz_cmp(b->n, key->n) == 0) {
        mpz_set(a, b->a);
        mpz_set(ai, b->ai);
        b->uses++;
    } else {
        st = fresh_blinding(key, rng, a, ai);
        mpz_set(b->n, key->n);
        b->uses = 1;
    }
    if (st == SEE_OK) {
        mpz_set(b->a, a);
        square_mod(b->a, key->n);
        mpz_set(b->ai, ai);
        square_mod(b->ai, key->n);
    } else {
        b->uses = 0;
    }
    atomic_store(&b->held, 0);
    return st;
}

/*
 * The blinded private operation: takes a blinding pair (r^e, r^-1) (see
 * take_blinding), computes c' = c * r^e mod n and
 * m' = c'^d mod n, and checks m'^e = c' (the Bellcore check: a fault in one
 * CRT half gives an m' that fails it). Leaves m' and r^-1 for the caller to
 * unblind: m = m' * r^-1 mod n. Everything here works on blinded values,
 * which look random whatever c is, so the variable-time GMP calls on them
 * reveal nothing about c or m.
 */
static see_status private_op_blinded(const rsa_private_key *key, see_rng *rng,
                                     const mpz_t in, mpz_t m_blind, mpz_t rinv)
{
    TRY(check_n_e(key->n, key->e, 0));
    ENSURE(mpz_sgn(key->d) > 0, SEE_ERR_RSA_KEY_INCONSISTENT);
    ENSURE(mpz_sgn(in) >= 0 && mpz_cmp(in, key->n) < 0,
           SEE_ERR_RSA_INPUT_RANGE);

    mpz_t c, check;
    mpz_inits(c, check, NULL);
    see_status st = take_blinding(key, rng, c, rinv);   /* c = r^e */
    if (st == SEE_OK) {
        mpz_mul(c, c, in);
        mpz_mod(c, c, key->n);                 /* c' = c * r^e mod n */
        if (has_crt(key))
            crt_power(key, m_blind, c);        /* m' = c'^d mod n */
        else
            mpz_powm_sec(m_blind, c, key->d, key->n);
        public_power(check, m_blind, key->e, key->n);
        if (mpz_cmp(check, c) != 0) {          /* m'^e must be c' */
            bn_wipe(m_blind);
            st = SEE_ERR_RSA_FAULT;
        }
    }
    bn_clear_secret(c);
    bn_clear_secret(check);
    return st;
}

see_status rsa_private_op(const rsa_private_key *key, see_rng *rng, mpz_t out,
                          const mpz_t in)
{
    mpz_t rinv;
    mpz_init(rinv);
    see_status st = private_op_blinded(key, rng, in, out, rinv);
    if (st == SEE_OK) {
        mpz_mul(out, out, rinv);
        mpz_mod(out, out, key->n);             /* m = m' * r^-1 mod n */
    }
    bn_clear_secret(rinv);
    return st;
}

/* x as exactly `limbs` limbs, zero-extended (x < 2^(64 * limbs)). */
static void to_limbs(mp_limb_t *out, const mpz_t x, mp_size_t limbs)
{
    mp_size_t used = (mp_size_t)mpz_size(x);
    mpn_zero(out, limbs);
    mpn_copyi(out, mpz_limbs_read(x), used);
}

/*
 * m = m' * r^-1 mod n written as k big-endian bytes, in constant time:
 * fixed-size limb arrays and GMP's side-channel-silent mpn_sec_mul and
 * mpn_sec_div_r, then every limb to bytes. The unblinded m is the secret
 * (a decrypted EM); an mpz would be trimmed to its significant limbs and
 * its conversion to bytes would take longer or shorter depending on its
 * top bytes: exactly the "does EM start with 00" question a padding
 * oracle asks (the Marvin attack, 2023).
 */
static see_status unblind_to_bytes(const mpz_t m_blind, const mpz_t rinv,
                                   const mpz_t n, uint8_t *out, size_t k)
{
    mp_size_t nl = (mp_size_t)mpz_size(n);
    mp_size_t scratch = mpn_sec_mul_itch(nl, nl);
    mp_size_t div_scratch = mpn_sec_div_r_itch(2 * nl, nl);
    if (div_scratch > scratch)
        scratch = div_scratch;
    size_t count = (size_t)(2 * nl + 2 * nl + scratch);
    mp_limb_t *mem = calloc(count, sizeof *mem);
    ENSURE(mem != NULL, SEE_ERR_NO_MEMORY);
    mp_limb_t *a = mem, *b = a + nl, *prod = b + nl, *tp = prod + 2 * nl;
    to_limbs(a, m_blind, nl);
    to_limbs(b, rinv, nl);
    mpn_sec_mul(prod, a, nl, b, nl, tp);       /* m' * r^-1 */
    mpn_sec_div_r(prod, 2 * nl, mpz_limbs_read(n), nl, tp); /* mod n */
    /* the low nl limbs hold m < n < 256^k: write k bytes from the end */
    for (size_t i = 0; i < k; i++) {
        size_t limb = i / sizeof(mp_limb_t), shift = 8 * (i % sizeof(mp_limb_t));
        out[k - 1 - i] = (uint8_t)(prod[limb] >> shift);
    }
    see_wipe(mem, count * sizeof *mem);
    free(mem);
    return SEE_OK;
}

/* Bytes -> integer < n -> private op -> k bytes (em). in_len must be k.
 * The result is unblinded in constant time straight into em. */
static see_status private_op_bytes(const rsa_private_key *key, see_rng *rng,
                                   const uint8_t *in, size_t k, uint8_t *em)
{
    mpz_t c, m_blind, rinv;
    mpz_inits(c, m_blind, rinv, NULL);
    bn_from_bytes(c, in, k);
    see_status st = private_op_blinded(key, rng, c, m_blind, rinv);
    if (st == SEE_OK)
        st = unblind_to_bytes(m_blind, rinv, key->n, em, k);
    bn_clear_secret(m_blind);
    bn_clear_secret(rinv);
    mpz_clear(c);
    return st;
}

static see_status public_op_bytes(const rsa_public_key *key,
                                  const uint8_t *em, size_t k, uint8_t *out)
{
    mpz_t m, c;
    mpz_inits(m, c, NULL);
    bn_from_bytes(m, em, k);
    see_status st = rsa_public_op(key, c, m);
    if (st == SEE_OK)
        st = bn_to_bytes(c, out, k);
    bn_clear_secret(m);
    mpz_clear(c);
    return st;
}

/* Constant-time helpers on bytes: all-ones when true. */
static uint32_t ct_is_zero(uint32_t x)
{
    return see_ct_mask_eq(x, 0);
}

static uint8_t ct_select(uint32_t mask, uint8_t a, uint8_t b)
{
    return (uint8_t)((a & mask) | (b & ~mask));
}

/* ================================================ RSAES-PKCS1-v1_5 === */

/* Fill the padding string with random non-zero bytes (RFC 8017 7.2.1
 * step 2.a, where it is named PS: here PS is the premaster secret). */
static see_status random_nonzero(see_rng *rng, uint8_t *pad, size_t len)
{
    TRY(rng_bytes(rng, pad, len));
    for (size_t i = 0; i < len; i++) {
        while (pad[i] == 0)
            TRY(rng_bytes(rng, &pad[i], 1));
    }
    return SEE_OK;
}

see_status rsa_pkcs1_encrypt(const rsa_public_key *key, see_rng *rng,
                             const uint8_t *msg, size_t msg_len,
                             uint8_t *out, size_t cap, size_t *out_len)
{
    TRY(rsa_public_check(key, 0));
    size_t k = rsa_public_size(key);
    ENSURE(k >= 11 && msg_len <= k - 11, SEE_ERR_RSA_MSG_TOO_LONG);
    ENSURE(cap >= k, SEE_ERR_BUFFER_SMALL);
    uint8_t *em = malloc(k);
    ENSURE(em != NULL, SEE_ERR_NO_MEMORY);
    size_t pad_len = k - msg_len - 3;
    em[0] = 0x00;
    em[1] = 0x02;
    see_status st = random_nonzero(rng, em + 2, pad_len);
    if (st == SEE_OK) {
        em[2 + pad_len] = 0x00;
        if (msg_len > 0)
            memcpy(em + 3 + pad_len, msg, msg_len);
        st = public_op_bytes(key, em, k, out);
    }
    see_wipe(em, k);
    free(em);
    if (st == SEE_OK)
        *out_len = k;
    return st;
}

/* Check EM = 00 02 pad 00 M in constant time: returns an all-ones mask if
 * well formed (0 otherwise), and *msg_start = the index of M. Every byte is
 * looked at, whatever comes first. */
static uint32_t pkcs1_unpad(const uint8_t *em, size_t k, size_t *msg_start)
{
    uint32_t good = ct_is_zero(em[0]) & see_ct_mask_eq(em[1], 2);
    uint32_t found = 0;       /* all-ones once the 00 after pad is seen */
    uint32_t zero_at = 0;
    for (size_t i = 2; i < k; i++) {
        uint32_t is_zero = ct_is_zero(em[i]);
        uint32_t first = is_zero & ~found;
        zero_at |= (uint32_t)i & first;
        found |= is_zero;
    }
    good &= found;
    good &= ~see_ct_mask_lt(zero_at, 2 + 8); /* pad at least 8 bytes */
    *msg_start = (size_t)zero_at + 1;       /* meaningful only when good */
    return good;
}

see_status rsa_pkcs1_decrypt(const rsa_private_key *key, see_rng *rng,
                             const uint8_t *in, size_t in_len,
                             uint8_t *out, size_t cap, size_t *out_len)
{
    TRY(check_n_e(key->n, key->e, 0));
    size_t k = rsa_private_size(key);
    ENSURE(k >= 11 && in_len == k, SEE_ERR_RSA_DECRYPT);
    uint8_t *em = malloc(k);
    ENSURE(em != NULL, SEE_ERR_NO_MEMORY);
    see_status st = private_op_bytes(key, rng, in, k, em);
    if (st == SEE_ERR_RSA_INPUT_RANGE)
        st = SEE_ERR_RSA_DECRYPT; /* c >= n: one error for every failure */
    if (st == SEE_OK) {
        size_t start;
        uint32_t good = pkcs1_unpad(em, k, &start);
        if (!good) {
            st = SEE_ERR_RSA_DECRYPT;
        } else if (k - start > cap) {
            st = SEE_ERR_BUFFER_SMALL;
        } else {
            *out_len = k - start;
            memcpy(out, em + start, k - start);
        }
    }
    see_wipe(em, k);
    free(em);
    return st;
}

see_status rsa_decrypt_premaster(const rsa_private_key *key, see_rng *rng,
                                 const uint8_t *in, size_t in_len,
                                 const uint8_t client_version[2],
                                 uint8_t premaster[RSA_PREMASTER_SIZE])
{
    /* The key is public knowledge: check it first. */
    TRY(check_n_e(key->n, key->e, 0));
    size_t k = rsa_private_size(key);
    ENSURE(k >= 11 + RSA_PREMASTER_SIZE, SEE_ERR_RSA_N_SMALL);

    /* RFC 5246 7.4.7.1 step 1: the random R, before the ciphertext is
     * looked at. */
    uint8_t random_ps[RSA_PREMASTER_SIZE];
    TRY(rng_bytes(rng, random_ps, sizeof random_ps));

    uint8_t *em = calloc(1, k);
    if (em == NULL) {
        see_wipe(random_ps, sizeof random_ps);
        return SEE_ERR_NO_MEMORY;
    }
    /* The length and the range of the ciphertext are public: on either
     * failure em stays all zeros, which the checks below reject. */
    see_status st = SEE_OK;
    if (in_len == k) {
        st = private_op_bytes(key, rng, in, k, em);
        if (st == SEE_ERR_RSA_INPUT_RANGE) {
            memset(em, 0, k);
            st = SEE_OK;
        }
    }
    if (st == SEE_OK) {
        /* EM = 00 02 pad 00 M with M exactly 48 bytes: the separator must
         * sit at k - 49 and no pad byte before it may be zero. */
        size_t sep = k - RSA_PREMASTER_SIZE - 1;
        uint32_t good = ct_is_zero(em[0]) & see_ct_mask_eq(em[1], 2);
        for (size_t i = 2; i < sep; i++)
            good &= ~ct_is_zero(em[i]);
        good &= ct_is_zero(em[sep]);
        good &= see_ct_mask_eq(em[sep + 1], client_version[0]);
        good &= see_ct_mask_eq(em[sep + 2], client_version[1]);
        for (size_t i = 0; i < RSA_PREMASTER_SIZE; i++)
            premaster[i] = ct_select(good, em[sep + 1 + i], random_ps[i]);
    }
    see_wipe(em, k);
    free(em);
    see_wipe(random_ps, sizeof random_ps);
    return st;
}

/* ======================================================= RSAES-OAEP === */

/* RFC 8017 B.2.1 MGF1 with SHA-256: out ^= the first len bytes of
 * Hash(seed || C(0)) || Hash(seed || C(1)) || ... (we xor in place, which
 * is how OAEP uses the mask). */
static void mgf1_xor(uint8_t *out, size_t len, const uint8_t *seed,
                     size_t seed_len)
{
    uint8_t counter[4], block[SHA256_DIGEST_SIZE];
    for (uint32_t c = 0; len > 0; c++) {
        sha256_ctx ctx;
        see_store32_be(counter, c);
        sha256_init(&ctx);
        sha256_update(&ctx, seed, seed_len);
        sha256_update(&ctx, counter, sizeof counter);
        sha256_final(&ctx, block);
        size_t take = len < sizeof block ? len : sizeof block;
        for (size_t i = 0; i < take; i++)
            out[i] ^= block[i];
        out += take;
        len -= take;
    }
    see_wipe(block, sizeof block);
}

#define HLEN RSA_OAEP_HASH_SIZE

see_status rsa_oaep_encrypt_with_seed(const rsa_public_key *key,
                                      const uint8_t seed[RSA_OAEP_HASH_SIZE],
                                      const uint8_t *label, size_t label_len,
                                      const uint8_t *msg, size_t msg_len,
                                      uint8_t *out, size_t cap,
                                      size_t *out_len)
{
    TRY(rsa_public_check(key, 0));
    size_t k = rsa_public_size(key);
    ENSURE(k >= 2 * HLEN + 2 && msg_len <= k - 2 * HLEN - 2,
           SEE_ERR_RSA_MSG_TOO_LONG);
    ENSURE(cap >= k, SEE_ERR_BUFFER_SMALL);
    uint8_t *em = calloc(1, k);
    ENSURE(em != NULL, SEE_ERR_NO_MEMORY);

    /* EM = 0x00 || maskedSeed || maskedDB, DB = lHash || pad || 0x01 || M
     * (RFC 8017 7.1.1 step 2, where pad is named PS). */
    uint8_t *em_seed = em + 1, *db = em + 1 + HLEN;
    size_t db_len = k - HLEN - 1;
    sha256(label, label_len, db);                   /* lHash */
    db[db_len - msg_len - 1] = 0x01;                /* pad is the zeros */
    if (msg_len > 0)
        memcpy(db + db_len - msg_len, msg, msg_len);
    memcpy(em_seed, seed, HLEN);
    mgf1_xor(db, db_len, em_seed, HLEN);            /* maskedDB */
    mgf1_xor(em_seed, HLEN, db, db_len);            /* maskedSeed */

    see_status st = public_op_bytes(key, em, k, out);
    see_wipe(em, k);
    free(em);
    if (st == SEE_OK)
        *out_len = k;
    return st;
}

see_status rsa_oaep_encrypt(const rsa_public_key *key, see_rng *rng,
                            const uint8_t *label, size_t label_len,
                            const uint8_t *msg, size_t msg_len,
                            uint8_t *out, size_t cap, size_t *out_len)
{
    uint8_t seed[HLEN];
    TRY(rng_bytes(rng, seed, sizeof seed));
    see_status st = rsa_oaep_encrypt_with_seed(key, seed, label, label_len,
                                               msg, msg_len, out, cap,
                                               out_len);
    see_wipe(seed, sizeof seed);
    return st;
}

see_status rsa_oaep_decrypt(const rsa_private_key *key, see_rng *rng,
                            const uint8_t *label, size_t label_len,
                            const uint8_t *in, size_t in_len,
                            uint8_t *out, size_t cap, size_t *out_len)
{
    TRY(check_n_e(key->n, key->e, 0));
    size_t k = rsa_private_size(key);
    ENSURE(k >= 2 * HLEN + 2 && in_len == k, SEE_ERR_RSA_DECRYPT);
    uint8_t *em = malloc(k);
    ENSURE(em != NULL, SEE_ERR_NO_MEMORY);
    see_status st = private_op_bytes(key, rng, in, k, em);
    if (st == SEE_ERR_RSA_INPUT_RANGE)
        st = SEE_ERR_RSA_DECRYPT;
    if (st == SEE_OK) {
        uint8_t *em_seed = em + 1, *db = em + 1 + HLEN;
        size_t db_len = k - HLEN - 1;
        uint8_t lhash[HLEN];
        sha256(label, label_len, lhash);
        mgf1_xor(em_seed, HLEN, db, db_len);   /* seed */
        mgf1_xor(db, db_len, em_seed, HLEN);   /* DB */

        /* RFC 8017 7.1.2 step 3.g: Y = 0, lHash' = lHash, then zeros up
         * to a 0x01. All checked, every time, with masks. */
        uint32_t good = ct_is_zero(em[0]);
        good &= 0u - (uint32_t)see_ct_equal(db, lhash, HLEN);
        uint32_t found = 0, one_at = 0;
        for (size_t i = HLEN; i < db_len; i++) {
            uint32_t is_one = see_ct_mask_eq(db[i], 1);
            uint32_t is_zero = ct_is_zero(db[i]);
            one_at |= (uint32_t)i & is_one & ~found;
            /* before the 0x01 only zeros are allowed */
            good &= found | is_zero | is_one;
            found |= is_one;
        }
        good &= found;
        if (!good) {
            st = SEE_ERR_RSA_DECRYPT;
        } else {
            size_t start = (size_t)one_at + 1;
            if (db_len - start > cap) {
                st = SEE_ERR_BUFFER_SMALL;
            } else {
                memcpy(out, db + start, db_len - start);
                *out_len = db_len - start;
            }
        }
    }
    see_wipe(em, k);
    free(em);
    return st;
}

/* ================================================ RSASSA-PKCS1-v1_5 === */

/* RFC 8017 9.2 note 1: DER of DigestInfo { sha256, NULL } before H. */
static const uint8_t sha256_digest_info[] = {
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
    0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
};

#define SIG_T_LEN (sizeof sha256_digest_info + SHA256_DIGEST_SIZE)

/* EMSA-PKCS1-v1_5 (RFC 8017 9.2): EM = 00 01 FF..FF 00 T, k bytes. */
static see_status emsa_pkcs1_encode(const uint8_t digest[32], uint8_t *em,
                                    size_t k)
{
    ENSURE(k >= SIG_T_LEN + 11, SEE_ERR_RSA_N_SMALL);
    size_t pad_len = k - SIG_T_LEN - 3;
    em[0] = 0x00;
    em[1] = 0x01;
    memset(em + 2, 0xff, pad_len);
    em[2 + pad_len] = 0x00;
    memcpy(em + 3 + pad_len, sha256_digest_info, sizeof sha256_digest_info);
    memcpy(em + k - SHA256_DIGEST_SIZE, digest, SHA256_DIGEST_SIZE);
    return SEE_OK;
}

see_status rsa_pkcs1_sign_digest(const rsa_private_key *key, see_rng *rng,
                                 const uint8_t digest[32],
                                 uint8_t *sig, size_t cap, size_t *sig_len)
{
    TRY(check_n_e(key->n, key->e, 0));
    size_t k = rsa_private_size(key);
    ENSURE(k >= SIG_T_LEN + 11, SEE_ERR_RSA_N_SMALL);
    ENSURE(cap >= k, SEE_ERR_BUFFER_SMALL);
    uint8_t *em = malloc(k);
    ENSURE(em != NULL, SEE_ERR_NO_MEMORY);
    see_status st = emsa_pkcs1_encode(digest, em, k);
    if (st == SEE_OK)
        st = private_op_bytes(key, rng, em, k, sig); /* s = m^d mod n */
    see_wipe(em, k);
    free(em);
    if (st == SEE_OK)
        *sig_len = k;
    return st;
}

see_status rsa_pkcs1_sign(const rsa_private_key *key, see_rng *rng,
                          const uint8_t *msg, size_t msg_len,
                          uint8_t *sig, size_t cap, size_t *sig_len)
{
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256(msg, msg_len, digest);
    return rsa_pkcs1_sign_digest(key, rng, digest, sig, cap, sig_len);
}

see_status rsa_pkcs1_verify_digest(const rsa_public_key *key,
                                   const uint8_t digest[32],
                                   const uint8_t *sig, size_t sig_len)
{
    TRY(rsa_public_check(key, 0));
    size_t k = rsa_public_size(key);
    ENSURE(sig_len == k, SEE_ERR_RSA_SIG_LENGTH);
    ENSURE(k >= SIG_T_LEN + 11, SEE_ERR_RSA_N_SMALL);
    uint8_t *expected = malloc(2 * k);
    ENSURE(expected != NULL, SEE_ERR_NO_MEMORY);
    uint8_t *got = expected + k;
    see_status st = emsa_pkcs1_encode(digest, expected, k);
    if (st == SEE_OK) {
        st = public_op_bytes(key, sig, k, got);      /* m = s^e mod n */
        if (st == SEE_ERR_RSA_INPUT_RANGE)
            st = SEE_ERR_RSA_SIG_INVALID;           /* s >= n */
    }
    if (st == SEE_OK && !see_ct_equal(expected, got, k))
        st = SEE_ERR_RSA_SIG_INVALID;
    free(expected);
    return st;
}

see_status rsa_pkcs1_verify(const rsa_public_key *key,
                            const uint8_t *msg, size_t msg_len,
                            const uint8_t *sig, size_t sig_len)
{
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256(msg, msg_len, digest);
    return rsa_pkcs1_verify_digest(key, digest, sig, sig_len);
}
