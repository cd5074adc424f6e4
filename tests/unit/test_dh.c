/* test_dh.c: the named groups against the RFCs' hex and RFC 7919's
 * formula, their TLS codepoints, the slides' toy numbers, public value
 * validation, the size rules and the shared secret's two encodings. */
#include <stdlib.h>
#include <string.h>

#include "crypto/bignum.h"
#include "crypto/dh.h"
#include "crypto/prime.h"
#include "tests/unit/harness.h"

static int probably_prime(const mpz_t n)
{
    /* our Miller-Rabin with fixed bases, and GMP's test as a cross-check */
    int ours = 1;
    mpz_t a;
    mpz_init(a);
    for (unsigned long b = 2; b <= 13; b++) {
        mpz_set_ui(a, b);
        ours &= prime_miller_rabin_base(n, a);
    }
    mpz_clear(a);
    return ours && mpz_probab_prime_p(n, 5) != 0;
}

/* p = 2q + 1 with q prime (the library's test) and p prime: by
 * Pocklington's criterion, with the prime factor q of p - 1 above sqrt(p),
 * 2^(p-1) = 1 mod p and gcd(2^((p-1)/q) - 1, p) = gcd(3, p) = 1 prove it,
 * one exponentiation where Miller-Rabin on an 8192-bit p would take a
 * dozen. */
static int safe_prime(const dh_group *g)
{
    mpz_t t;
    mpz_init(t);
    mpz_mul_2exp(t, g->q, 1);
    mpz_add_ui(t, t, 1);
    int ok = mpz_cmp(t, g->p) == 0;
    int q_prime = 0;
    CU_ASSERT_EQUAL(prime_test(g->q, 2, NULL, &q_prime), SEE_OK);
    ok &= q_prime && mpz_probab_prime_p(g->q, 1) != 0;
    mpz_t two;
    mpz_init_set_ui(two, 2);
    mpz_sub_ui(t, g->p, 1);
    mpz_powm(t, two, t, g->p);
    ok &= mpz_cmp_ui(t, 1) == 0 && mpz_fdiv_ui(g->p, 3) != 0;
    mpz_clears(t, two, NULL);
    return ok;
}

static void test_groups_match_rfcs(void)
{
    vec_file *v = vec_open("dh_groups.txt");
    if (v == NULL)
        return;
    int checked = 0;
    while (vec_next(v)) {
        const char *name = vec_get(v, "name");
        int toy = strcmp(name, "toy") == 0;
        dh_group g;
        dh_group_init(&g);
        CU_ASSERT_EQUAL_FATAL(dh_group_named(&g, name, toy), SEE_OK);
        mpz_t x;
        mpz_init(x);
        mpz_set_str(x, vec_get(v, "p"), 16);
        CU_ASSERT_EQUAL(mpz_cmp(x, g.p), 0);
        CU_ASSERT_EQUAL(dh_group_bits(&g), strtoul(vec_get(v, "bits"), NULL, 10));
        mpz_set_str(x, vec_get(v, "g"), 16);
        CU_ASSERT_EQUAL(mpz_cmp(x, g.g), 0);
        if (vec_get(v, "q") != NULL) {
            mpz_set_str(x, vec_get(v, "q"), 16);
            CU_ASSERT_EQUAL(mpz_cmp(x, g.q), 0);
        }
        if (!toy) {
            /* p is a safe prime and g generates the subgroup of order q */
            CU_ASSERT(safe_prime(&g));
            if (dh_group_bits(&g) <= 3072)  /* and our fixed bases agree */
                CU_ASSERT(probably_prime(g.p) && probably_prime(g.q));
            mpz_powm(x, g.g, g.q, g.p);
            CU_ASSERT_EQUAL(mpz_cmp_ui(x, 1), 0);
            /* big enough to need no insecure flag */
            CU_ASSERT_EQUAL(dh_group_named(&g, name, 0), SEE_OK);
        }
        mpz_clear(x);
        dh_group_clear(&g);
        checked++;
    }
    CU_ASSERT_EQUAL(checked, 7);
    vec_close(v);
}

/* RFC 7919 Appendix A: p = 2^b - 2^(b-64) + ([2^(b-130) e] + X) * 2^64 - 1
 * with the X each section gives. [2^m e] exactly: e = sum 1/k!, so with
 * T = sum_{k<=n} n!/k!, 2^m T / n! < 2^m e < 2^m (T + 1) / n! once
 * 1/(n * n!) < 1/n!; when both bounds have the same floor, that is it. */
static void test_rfc7919_formula(void)
{
    static const struct {
        const char *name;
        unsigned b;
        unsigned long x;
    } groups[] = {
        {"ffdhe2048", 2048, 560316},   {"ffdhe3072", 3072, 2625351},
        {"ffdhe4096", 4096, 5736041},  {"ffdhe6144", 6144, 15705020},
        {"ffdhe8192", 8192, 10965728},
    };
    const unsigned long n = 1200; /* 1200! > 2^10000 > 2^8062 */
    mpz_t fact, term, sum, lo, hi, p, t;
    mpz_inits(fact, term, sum, lo, hi, p, t, NULL);
    mpz_fac_ui(fact, n);
    mpz_set_ui(term, 1);                 /* n!/n! */
    mpz_set_ui(sum, 1);
    for (unsigned long k = n; k >= 1; k--) {
        mpz_mul_ui(term, term, k);       /* n!/(k-1)! */
        mpz_add(sum, sum, term);
    }
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++) {
        unsigned b = groups[i].b;
        mpz_mul_2exp(lo, sum, b - 130);
        mpz_fdiv_q(lo, lo, fact);
        mpz_add_ui(hi, sum, 1);
        mpz_mul_2exp(hi, hi, b - 130);
        mpz_fdiv_q(hi, hi, fact);
        CU_ASSERT_EQUAL_FATAL(mpz_cmp(lo, hi), 0);
        mpz_add_ui(p, lo, groups[i].x);
        mpz_mul_2exp(p, p, 64);
        mpz_setbit(p, b);                /* + 2^b */
        mpz_set_ui(t, 0);
        mpz_setbit(t, b - 64);
        mpz_sub(p, p, t);                /* - 2^(b-64) */
        mpz_sub_ui(p, p, 1);
        dh_group g;
        dh_group_init(&g);
        CU_ASSERT_EQUAL(dh_group_named(&g, groups[i].name, 0), SEE_OK);
        CU_ASSERT_EQUAL(mpz_cmp(p, g.p), 0);
        dh_group_clear(&g);
    }
    mpz_clears(fact, term, sum, lo, hi, p, t, NULL);
}

/* The codepoints of RFC 7919 section 7, both ways, from the vector file;
 * everything else is unknown. */
static void test_tls_codepoints(void)
{
    vec_file *v = vec_open("dh_groups.txt");
    if (v == NULL)
        return;
    int checked = 0;
    while (vec_next(v)) {
        const char *name = vec_get(v, "name");
        uint16_t id = 0;
        if (vec_get(v, "tls_id") == NULL) {
            CU_ASSERT_EQUAL(dh_tls_id_by_name(name, &id), SEE_ERR_DH_UNKNOWN_GROUP);
            continue;
        }
        unsigned long want = strtoul(vec_get(v, "tls_id"), NULL, 10);
        CU_ASSERT_EQUAL(dh_tls_id_by_name(name, &id), SEE_OK);
        CU_ASSERT_EQUAL(id, want);
        CU_ASSERT_STRING_EQUAL(dh_tls_id_name(id), name);
        CU_ASSERT_EQUAL(dh_tls_id_bits(id), strtoul(vec_get(v, "bits"), NULL, 10));
        dh_group g;
        dh_group_init(&g);
        CU_ASSERT_EQUAL(dh_group_from_tls_id(&g, id), SEE_OK);
        CU_ASSERT_STRING_EQUAL(g.name, name);
        CU_ASSERT_EQUAL(dh_group_tls_id(&g), want);
        mpz_t p;
        mpz_init_set_str(p, vec_get(v, "p"), 16);
        CU_ASSERT_EQUAL(mpz_cmp(p, g.p), 0);
        mpz_clear(p);
        dh_group_clear(&g);
        checked++;
    }
    CU_ASSERT_EQUAL(checked, 5);
    vec_close(v);
    static const uint16_t unknown[] = { 0, 23, 255, 261, 508, 511, 0xffff };
    dh_group g;
    dh_group_init(&g);
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
        CU_ASSERT_EQUAL(dh_group_from_tls_id(&g, unknown[i]), SEE_ERR_DH_UNKNOWN_GROUP);
        CU_ASSERT_PTR_NULL(dh_tls_id_name(unknown[i]));
        CU_ASSERT_EQUAL(dh_tls_id_bits(unknown[i]), 0);
    }
    CU_ASSERT_EQUAL(dh_group_named(&g, "modp2048", 0), SEE_OK);
    CU_ASSERT_EQUAL(dh_group_tls_id(&g), 0);
    dh_group_clear(&g);
}

static unsigned long field_ul(const vec_file *v, const char *name)
{
    return strtoul(vec_get(v, name), NULL, 10);
}

static void test_slides_toy_numbers(void)
{
    vec_file *v = vec_open("dh_groups.txt");
    if (v == NULL)
        return;
    while (vec_next(v) && strcmp(vec_get(v, "name"), "toy") != 0)
        ;
    CU_ASSERT_FATAL(vec_get(v, "S") != NULL);
    dh_group g;
    dh_group_init(&g);
    CU_ASSERT_EQUAL(dh_group_named(&g, "toy", 0), SEE_ERR_DH_GROUP_SMALL);
    CU_ASSERT_EQUAL_FATAL(dh_group_named(&g, "toy", 1), SEE_OK);
    CU_ASSERT_EQUAL(mpz_sgn(g.q), 0); /* g = 5 has order 22: no subgroup */
    mpz_t a, b, A, B, s1, s2;
    mpz_inits(a, b, A, B, s1, s2, NULL);
    mpz_set_ui(a, field_ul(v, "a"));
    mpz_set_ui(b, field_ul(v, "b"));
    CU_ASSERT_EQUAL(dh_public_from_private(&g, a, A), SEE_OK);
    CU_ASSERT_EQUAL(dh_public_from_private(&g, b, B), SEE_OK);
    CU_ASSERT_EQUAL(mpz_get_ui(A), field_ul(v, "A"));        /* 5^6 mod 23 */
    CU_ASSERT_EQUAL(mpz_get_ui(B), field_ul(v, "B"));        /* 5^15 mod 23 */
    CU_ASSERT_EQUAL(dh_shared_secret_number(&g, a, B, s1), SEE_OK);
    CU_ASSERT_EQUAL(dh_shared_secret_number(&g, b, A, s2), SEE_OK);
    CU_ASSERT_EQUAL(mpz_get_ui(s1), field_ul(v, "S"));       /* 19^6 mod 23 */
    CU_ASSERT_EQUAL(mpz_get_ui(s2), field_ul(v, "S"));       /* 8^15 mod 23 */
    uint8_t out[4];
    size_t len = 0;
    CU_ASSERT_EQUAL(dh_shared_secret(&g, a, B, out, sizeof out, &len), SEE_OK);
    CU_ASSERT_EQUAL(len, 1);
    ASSERT_HEX_EQ(out, len, "02");
    mpz_clears(a, b, A, B, s1, s2, NULL);
    dh_group_clear(&g);
    vec_close(v);
}

static void test_public_value_validation(void)
{
    dh_group g;
    dh_group_init(&g);
    CU_ASSERT_EQUAL_FATAL(dh_group_named(&g, "ffdhe2048", 0), SEE_OK);
    mpz_t y;
    mpz_init(y);
    static const long bad_small[] = {-1, 0, 1};
    for (size_t i = 0; i < 3; i++) {
        mpz_set_si(y, bad_small[i]);
        CU_ASSERT_EQUAL(dh_check_public(&g, y), SEE_ERR_DH_PUBLIC_RANGE);
    }
    for (long delta = -1; delta <= 1; delta++) {     /* p - 1, p, p + 1 */
        mpz_set(y, g.p);
        if (delta < 0)
            mpz_sub_ui(y, y, 1);
        else
            mpz_add_ui(y, y, (unsigned long)delta);
        CU_ASSERT_EQUAL(dh_check_public(&g, y), SEE_ERR_DH_PUBLIC_RANGE);
    }
    mpz_set_ui(y, 2);                                 /* g itself: fine */
    CU_ASSERT_EQUAL(dh_check_public(&g, y), SEE_OK);
    /* p - 2 = -2: -1 is not a square mod p (p = 7 mod 8) but 2 is, so -2
     * lies outside the order-q subgroup */
    mpz_sub_ui(y, g.p, 2);
    CU_ASSERT_EQUAL(dh_check_public(&g, y), SEE_ERR_DH_PUBLIC_SUBGROUP);
    /* a shared secret is refused for each of them */
    uint8_t out[256];
    size_t len;
    mpz_t x;
    mpz_init_set_ui(x, 12345);
    CU_ASSERT_EQUAL(dh_shared_secret(&g, x, y, out, sizeof out, &len),
                    SEE_ERR_DH_PUBLIC_SUBGROUP);
    mpz_set_ui(y, 1);
    CU_ASSERT_EQUAL(dh_shared_secret(&g, x, y, out, sizeof out, &len),
                    SEE_ERR_DH_PUBLIC_RANGE);
    mpz_clears(x, y, NULL);
    dh_group_clear(&g);
}

static void test_size_rule_and_custom_groups(void)
{
    dh_group g;
    dh_group_init(&g);
    CU_ASSERT_EQUAL(dh_group_named(&g, "ffdhe1024", 1), SEE_ERR_DH_UNKNOWN_GROUP);
    CU_ASSERT_EQUAL(dh_group_named(&g, NULL, 1), SEE_ERR_DH_UNKNOWN_GROUP);
    mpz_t p, gen, q;
    mpz_inits(p, gen, q, NULL);
    /* a 1024-bit safe prime is refused by default */
    CU_ASSERT_EQUAL(dh_group_generate(&g, NULL, 1024, 0), SEE_ERR_DH_GROUP_SMALL);
    CU_ASSERT_EQUAL_FATAL(dh_group_generate(&g, NULL, 256, 1), SEE_OK);
    CU_ASSERT_EQUAL(dh_group_bits(&g), 256);
    CU_ASSERT_EQUAL(dh_group_check_prime(&g, NULL), SEE_OK);
    mpz_set(p, g.p);
    mpz_set(q, g.q);
    mpz_set_ui(gen, 4);
    CU_ASSERT_EQUAL(dh_group_set(&g, p, gen, q, 0), SEE_ERR_DH_GROUP_SMALL);
    CU_ASSERT_EQUAL(dh_group_set(&g, p, gen, q, 1), SEE_OK);
    mpz_set_ui(gen, 1);
    CU_ASSERT_EQUAL(dh_group_set(&g, p, gen, q, 1), SEE_ERR_DH_GROUP_BAD);
    mpz_sub_ui(gen, p, 1);
    CU_ASSERT_EQUAL(dh_group_set(&g, p, gen, q, 1), SEE_ERR_DH_GROUP_BAD);
    mpz_set_ui(gen, 4);
    mpz_add_ui(p, p, 1);
    CU_ASSERT_EQUAL(dh_group_set(&g, p, gen, NULL, 1), SEE_ERR_DH_GROUP_BAD);
    /* an odd composite passes the cheap checks, not the prime check */
    mpz_add_ui(p, p, 1);                              /* odd again */
    while (mpz_probab_prime_p(p, 20))
        mpz_add_ui(p, p, 2);
    CU_ASSERT_EQUAL(dh_group_set(&g, p, gen, NULL, 1), SEE_OK);
    CU_ASSERT_EQUAL(dh_group_check_prime(&g, NULL), SEE_ERR_DH_GROUP_BAD);
    mpz_clears(p, gen, q, NULL);
    dh_group_clear(&g);
}

/* DH_MAX_BITS: above 8192 bits, never, insecure flag or not; and the same
 * rules on p's bytes as they arrive. */
static void test_size_limits(void)
{
    dh_group g;
    dh_group_init(&g);
    mpz_t p, gen;
    mpz_inits(p, gen, NULL);
    mpz_set_ui(gen, 2);
    mpz_setbit(p, DH_MAX_BITS);       /* 2^8192 + 1: 8193 bits, odd */
    mpz_add_ui(p, p, 1);
    CU_ASSERT_EQUAL(dh_group_set(&g, p, gen, NULL, 1), SEE_ERR_DH_GROUP_LARGE);
    CU_ASSERT_EQUAL(dh_group_set(&g, p, gen, NULL, 0), SEE_ERR_DH_GROUP_LARGE);
    mpz_set_ui(p, 0);
    mpz_setbit(p, DH_MAX_BITS - 1);   /* 2^8191 + 1: 8192 bits */
    mpz_add_ui(p, p, 1);
    CU_ASSERT_EQUAL(dh_group_set(&g, p, gen, NULL, 0), SEE_OK);
    CU_ASSERT_EQUAL(dh_group_generate(&g, NULL, DH_MAX_BITS + 1, 1),
                    SEE_ERR_DH_GROUP_LARGE);
    mpz_clears(p, gen, NULL);
    dh_group_clear(&g);

    uint8_t bytes[DH_MAX_BYTES + 2];
    memset(bytes, 0xff, sizeof bytes);
    CU_ASSERT_EQUAL(dh_check_size_bytes(bytes, DH_MAX_BYTES, 2048), SEE_OK);
    CU_ASSERT_EQUAL(dh_check_size_bytes(bytes, DH_MAX_BYTES + 1, 2048),
                    SEE_ERR_DH_GROUP_LARGE);
    bytes[0] = 0x01;                  /* 8193 bits */
    CU_ASSERT_EQUAL(dh_check_size_bytes(bytes, DH_MAX_BYTES + 1, 2048),
                    SEE_ERR_DH_GROUP_LARGE);
    bytes[0] = 0x00;                  /* a leading zero byte counts for nothing */
    CU_ASSERT_EQUAL(dh_check_size_bytes(bytes, DH_MAX_BYTES + 1, 2048), SEE_OK);
    bytes[1] = 0x00;
    bytes[2] = 0x7f;                  /* 8183 bits */
    CU_ASSERT_EQUAL(dh_check_size_bytes(bytes, DH_MAX_BYTES + 1, 8184),
                    SEE_ERR_DH_GROUP_SMALL);
    CU_ASSERT_EQUAL(dh_check_size_bytes(bytes, DH_MAX_BYTES + 1, 8183), SEE_OK);
    memset(bytes, 0xff, sizeof bytes);
    bytes[0] = 0x7f;                  /* 2047 bits */
    CU_ASSERT_EQUAL(dh_check_size_bytes(bytes, 256, DH_MIN_BITS),
                    SEE_ERR_DH_GROUP_SMALL);
    CU_ASSERT_EQUAL(dh_check_size_bytes(bytes, 256, 0), SEE_OK);
    memset(bytes, 0, sizeof bytes);
    CU_ASSERT_EQUAL(dh_check_size_bytes(bytes, 3, 1), SEE_ERR_DH_GROUP_SMALL);
    CU_ASSERT_EQUAL(dh_check_size_bytes(bytes, 0, 1), SEE_ERR_DH_GROUP_SMALL);
}

static void test_key_agreement(void)
{
    static const char *names[] = {"ffdhe2048", "ffdhe3072", "ffdhe4096",
                                  "ffdhe6144", "ffdhe8192", "modp2048"};
    static const unsigned xbits[] = {225, 275, 325, 375, 400, 225};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        dh_group g;
        dh_group_init(&g);
        CU_ASSERT_EQUAL_FATAL(dh_group_named(&g, names[i], 0), SEE_OK);
        CU_ASSERT_EQUAL(dh_private_bits(&g), xbits[i]);
        mpz_t a, b, A, B;
        mpz_inits(a, b, A, B, NULL);
        CU_ASSERT_EQUAL(dh_generate_key(&g, NULL, a, A), SEE_OK);
        CU_ASSERT_EQUAL(dh_generate_key(&g, NULL, b, B), SEE_OK);
        CU_ASSERT(mpz_sizeinbase(a, 2) <= xbits[i] && mpz_cmp_ui(a, 2) >= 0);
        CU_ASSERT(mpz_cmp(a, b) != 0);
        CU_ASSERT_EQUAL(dh_check_public(&g, A), SEE_OK);
        CU_ASSERT_EQUAL(dh_check_public(&g, B), SEE_OK);
        uint8_t s1[DH_MAX_BYTES], s2[DH_MAX_BYTES];
        size_t l1 = 0, l2 = 0;
        CU_ASSERT_EQUAL(dh_shared_secret(&g, a, B, s1, sizeof s1, &l1), SEE_OK);
        CU_ASSERT_EQUAL(dh_shared_secret(&g, b, A, s2, sizeof s2, &l2), SEE_OK);
        CU_ASSERT_EQUAL(l1, dh_group_bits(&g) / 8);
        CU_ASSERT(l1 == l2 && memcmp(s1, s2, l1) == 0);
        CU_ASSERT_EQUAL(dh_shared_secret(&g, a, B, s1, l1 - 1, &l2), SEE_ERR_BUFFER_SMALL);
        mpz_clears(a, b, A, B, NULL);
        dh_group_clear(&g);
    }
}

static void test_leading_zeros(void)
{
    /* In a 64-bit demo group, find a secret whose top byte is zero: the
     * fixed-length form keeps it, the TLS 1.2 form strips it. */
    dh_group g;
    dh_group_init(&g);
    CU_ASSERT_EQUAL_FATAL(dh_group_generate(&g, NULL, 64, 1), SEE_OK);
    mpz_t a, b, A, B, s;
    mpz_inits(a, b, A, B, s, NULL);
    int found = 0;
    for (int tries = 0; tries < 20000 && !found; tries++) {
        CU_ASSERT_EQUAL_FATAL(dh_generate_key(&g, NULL, a, A), SEE_OK);
        CU_ASSERT_EQUAL_FATAL(dh_generate_key(&g, NULL, b, B), SEE_OK);
        CU_ASSERT_EQUAL_FATAL(dh_shared_secret_number(&g, a, B, s), SEE_OK);
        found = mpz_sizeinbase(s, 2) <= 56;
    }
    CU_ASSERT_FATAL(found);
    uint8_t full[8], tls[8];
    size_t full_len, tls_len;
    CU_ASSERT_EQUAL(dh_shared_secret(&g, a, B, full, sizeof full, &full_len), SEE_OK);
    CU_ASSERT_EQUAL(dh_shared_secret_tls12(&g, b, A, tls, sizeof tls, &tls_len), SEE_OK);
    CU_ASSERT_EQUAL(full_len, 8);
    CU_ASSERT_EQUAL(full[0], 0);
    CU_ASSERT_EQUAL(tls_len, bn_byte_length(s));
    CU_ASSERT(tls_len < 8 && memcmp(full + 8 - tls_len, tls, tls_len) == 0);
    mpz_clears(a, b, A, B, s, NULL);
    dh_group_clear(&g);
}

static void test_private_range(void)
{
    dh_group g;
    dh_group_init(&g);
    CU_ASSERT_EQUAL_FATAL(dh_group_named(&g, "toy", 1), SEE_OK);
    mpz_t x, y;
    mpz_inits(x, y, NULL);
    mpz_set_ui(x, 0);
    CU_ASSERT_EQUAL(dh_public_from_private(&g, x, y), SEE_ERR_DH_PRIVATE_RANGE);
    mpz_set_ui(x, 22);                                /* p - 1 */
    CU_ASSERT_EQUAL(dh_public_from_private(&g, x, y), SEE_ERR_DH_PRIVATE_RANGE);
    mpz_set_ui(x, 21);
    CU_ASSERT_EQUAL(dh_public_from_private(&g, x, y), SEE_OK);
    /* generated toy keys cover [2, 22) and nothing else, except x = 11:
     * 5^11 mod 23 = 22 = p - 1, a public value every peer refuses */
    int seen[23] = {0};
    for (int i = 0; i < 400; i++) {
        CU_ASSERT_EQUAL(dh_generate_key(&g, NULL, x, y), SEE_OK);
        CU_ASSERT(mpz_cmp_ui(x, 2) >= 0 && mpz_cmp_ui(x, 22) < 0);
        if (mpz_cmp_ui(x, 23) < 0)
            seen[mpz_get_ui(x)]++;
    }
    int covered = 0;
    for (int v = 2; v < 22; v++)
        covered += seen[v] > 0;
    CU_ASSERT_EQUAL(covered, 19);
    CU_ASSERT_EQUAL(seen[11], 0);
    mpz_clears(x, y, NULL);
    dh_group_clear(&g);
}

static void test_subgroup_check_paths(void)
{
    /* Safe-prime groups use the Legendre symbol; it must agree with Y^q */
    dh_group g;
    dh_group_init(&g);
    CU_ASSERT_EQUAL_FATAL(dh_group_named(&g, "ffdhe2048", 0), SEE_OK);
    mpz_t y, t, low;
    mpz_inits(y, t, low, NULL);
    mpz_set_ui(low, 2);
    mpz_sub_ui(t, g.p, 1);
    mpz_t high;
    mpz_init_set(high, t);
    int disagreements = 0, members = 0;
    for (int i = 0; i < 40; i++) {
        CU_ASSERT_EQUAL(bn_random_range(NULL, y, low, high), SEE_OK);
        mpz_powm(t, y, g.q, g.p);
        int member = mpz_cmp_ui(t, 1) == 0;
        see_status st = dh_check_public(&g, y);
        disagreements += member != (st == SEE_OK);
        members += member;
    }
    CU_ASSERT_EQUAL(disagreements, 0);
    CU_ASSERT(members > 5 && members < 35); /* half of them, roughly */

    /* A Schnorr group, p = 2kq + 1 with a small q: the power path */
    mpz_t p, q, gen, h;
    mpz_inits(p, q, gen, h, NULL);
    mpz_set_ui(q, 1019);
    unsigned long k = 1;
    do {
        k++;
        mpz_mul_ui(p, q, 2 * k);
        mpz_add_ui(p, p, 1);
    } while (!mpz_probab_prime_p(p, 30) || k % 2 == 0);
    mpz_sub_ui(t, p, 1);
    mpz_divexact(t, t, q);
    mpz_set_ui(h, 2);
    mpz_powm(gen, h, t, p);             /* g = 2^((p-1)/q): order q */
    CU_ASSERT_EQUAL_FATAL(dh_group_set(&g, p, gen, q, 1), SEE_OK);
    CU_ASSERT_EQUAL(dh_group_check_prime(&g, NULL), SEE_OK);
    mpz_set_ui(y, 77);
    CU_ASSERT_EQUAL(dh_public_from_private(&g, y, t), SEE_OK);
    CU_ASSERT_EQUAL(dh_check_public(&g, t), SEE_OK);
    mpz_set_ui(y, 2);                   /* 2 itself has order above q */
    mpz_powm(h, y, q, p);
    CU_ASSERT(mpz_cmp_ui(h, 1) != 0);
    CU_ASSERT_EQUAL(dh_check_public(&g, y), SEE_ERR_DH_PUBLIC_SUBGROUP);
    mpz_clears(p, q, gen, h, y, t, low, high, NULL);
    dh_group_clear(&g);
}

static void test_named_group_recognised(void)
{
    /* p and g of ffdhe2048 as a server would send them: q is known again */
    dh_group named, sent;
    dh_group_init(&named);
    dh_group_init(&sent);
    CU_ASSERT_EQUAL_FATAL(dh_group_named(&named, "ffdhe2048", 0), SEE_OK);
    CU_ASSERT_EQUAL(dh_group_set(&sent, named.p, named.g, NULL, 0), SEE_OK);
    CU_ASSERT_EQUAL(mpz_cmp(sent.q, named.q), 0);
    CU_ASSERT(sent.name != NULL && strcmp(sent.name, "ffdhe2048") == 0);
    CU_ASSERT_EQUAL(dh_private_bits(&sent), 225);
    mpz_t y;
    mpz_init(y);
    mpz_sub_ui(y, sent.p, 2);
    CU_ASSERT_EQUAL(dh_check_public(&sent, y), SEE_ERR_DH_PUBLIC_SUBGROUP);
    /* with its q given too (as a parameter file's reader finds it), and
     * for the larger groups */
    CU_ASSERT_EQUAL(dh_group_set(&sent, named.p, named.g, named.q, 0), SEE_OK);
    CU_ASSERT(sent.name != NULL && strcmp(sent.name, "ffdhe2048") == 0);
    CU_ASSERT_EQUAL(dh_private_bits(&sent), 225);
    CU_ASSERT_EQUAL_FATAL(dh_group_named(&named, "ffdhe8192", 0), SEE_OK);
    CU_ASSERT_EQUAL(dh_group_set(&sent, named.p, named.g, NULL, 0), SEE_OK);
    CU_ASSERT_EQUAL(mpz_cmp(sent.q, named.q), 0);
    CU_ASSERT_EQUAL(dh_group_tls_id(&sent), DH_TLS_FFDHE8192);
    CU_ASSERT_EQUAL(dh_private_bits(&sent), 400);
    CU_ASSERT_EQUAL_FATAL(dh_group_named(&named, "ffdhe2048", 0), SEE_OK);
    /* the same p with another g is not the named group */
    mpz_set_ui(y, 3);
    CU_ASSERT_EQUAL(dh_group_set(&sent, named.p, y, NULL, 0), SEE_OK);
    CU_ASSERT_EQUAL(mpz_sgn(sent.q), 0);
    CU_ASSERT(sent.name == NULL);
    mpz_clear(y);
    dh_group_clear(&named);
    dh_group_clear(&sent);
}

/* ------------------------------------------- bytes in, bytes out --- */

/* The bytes API draws exactly what the number API draws from the same
 * randomness (so a seeded handshake's trace is what it was), and both
 * sides agree on PS. */
static void test_keypair_bytes_agree(void)
{
    static const char *names[] = {"ffdhe2048", "ffdhe3072", "modp2048"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        dh_group g;
        dh_group_init(&g);
        CU_ASSERT_EQUAL_FATAL(dh_group_named(&g, names[i], 0), SEE_OK);
        size_t k = dh_group_bytes(&g);
        CU_ASSERT_EQUAL(k, dh_group_bits(&g) / 8);
        see_rng r1, r2;
        rng_init_seeded(&r1, names[i], strlen(names[i]));
        rng_init_seeded(&r2, names[i], strlen(names[i]));
        uint8_t a[DH_MAX_BYTES], A[DH_MAX_BYTES], b[DH_MAX_BYTES], B[DH_MAX_BYTES];
        size_t a_len = 0, A_len = 0, b_len = 0, B_len = 0;
        CU_ASSERT_EQUAL_FATAL(dh_keypair(&g, &r1, a, sizeof a, &a_len, A, sizeof A, &A_len), SEE_OK);
        CU_ASSERT_EQUAL_FATAL(dh_keypair(&g, &r1, b, sizeof b, &b_len, B, sizeof B, &B_len), SEE_OK);
        /* the private exponent at full width, the public value minimal */
        CU_ASSERT_EQUAL(a_len, k);
        CU_ASSERT_EQUAL(b_len, k);
        CU_ASSERT(A_len >= 1 && A_len <= k && A[0] != 0);
        mpz_t x, y, t;
        mpz_inits(x, y, t, NULL);
        CU_ASSERT_EQUAL(dh_generate_key(&g, &r2, x, y), SEE_OK);
        bn_from_bytes(t, a, a_len);
        CU_ASSERT_EQUAL(mpz_cmp(t, x), 0);
        CU_ASSERT(mpz_sizeinbase(t, 2) <= dh_private_bits(&g));
        bn_from_bytes(t, A, A_len);
        CU_ASSERT_EQUAL(mpz_cmp(t, y), 0);
        mpz_powm(y, g.g, x, g.p);                 /* A = g^a mod p */
        CU_ASSERT_EQUAL(mpz_cmp(t, y), 0);
        uint8_t s1[DH_MAX_BYTES], s2[DH_MAX_BYTES], s3[DH_MAX_BYTES];
        size_t l1 = 0, l2 = 0, l3 = 0;
        CU_ASSERT_EQUAL(dh_shared_secret_tls12_bytes(&g, a, a_len, B, B_len, s1, sizeof s1, &l1), SEE_OK);
        CU_ASSERT_EQUAL(dh_shared_secret_tls12_bytes(&g, b, b_len, A, A_len, s2, sizeof s2, &l2), SEE_OK);
        CU_ASSERT(l1 >= 1 && l1 == l2 && memcmp(s1, s2, l1) == 0);
        /* ... and the number API's PS */
        bn_from_bytes(t, B, B_len);
        CU_ASSERT_EQUAL(dh_shared_secret_tls12(&g, x, t, s3, sizeof s3, &l3), SEE_OK);
        CU_ASSERT(l3 == l1 && memcmp(s1, s3, l1) == 0);
        /* leading zero bytes on the peer's value change nothing */
        uint8_t padded[DH_MAX_BYTES + 3] = {0, 0, 0};
        memcpy(padded + 3, B, B_len);
        CU_ASSERT_EQUAL(dh_shared_secret_tls12_bytes(&g, a, a_len, padded, B_len + 3, s3, sizeof s3, &l3), SEE_OK);
        CU_ASSERT(l3 == l1 && memcmp(s1, s3, l1) == 0);
        /* buffers too small */
        CU_ASSERT_EQUAL(dh_keypair(&g, &r1, a, k - 1, &a_len, A, sizeof A, &A_len), SEE_ERR_BUFFER_SMALL);
        CU_ASSERT_EQUAL(dh_keypair(&g, &r1, a, sizeof a, &a_len, A, k - 1, &A_len), SEE_ERR_BUFFER_SMALL);
        CU_ASSERT_EQUAL(dh_shared_secret_tls12_bytes(&g, a, a_len, B, B_len, s1, l1 - 1, &l2), SEE_ERR_BUFFER_SMALL);
        mpz_clears(x, y, t, NULL);
        dh_group_clear(&g);
    }
}

/* The peer's value is checked in bytes as in numbers: 0, 1, p - 1, p and
 * beyond are out of range, p - 2 (order 2) is outside the subgroup. */
static void test_check_public_bytes(void)
{
    dh_group g;
    dh_group_init(&g);
    CU_ASSERT_EQUAL_FATAL(dh_group_named(&g, "ffdhe2048", 0), SEE_OK);
    uint8_t v[DH_MAX_BYTES + 2];
    size_t k = dh_group_bytes(&g);
    mpz_t y;
    mpz_init(y);
    static const long offsets[] = {-1, 0, 1};           /* p - 1, p, p + 1 */
    for (size_t i = 0; i < 3; i++) {
        mpz_set(y, g.p);
        if (offsets[i] < 0)
            mpz_sub_ui(y, y, 1);
        else
            mpz_add_ui(y, y, (unsigned long)offsets[i]);
        size_t len = bn_byte_length(y);
        CU_ASSERT_EQUAL(bn_to_bytes(y, v, len), SEE_OK);
        CU_ASSERT_EQUAL(dh_check_public_bytes(&g, v, len), SEE_ERR_DH_PUBLIC_RANGE);
    }
    v[0] = 0;
    CU_ASSERT_EQUAL(dh_check_public_bytes(&g, v, 0), SEE_ERR_DH_PUBLIC_RANGE);
    CU_ASSERT_EQUAL(dh_check_public_bytes(&g, v, 1), SEE_ERR_DH_PUBLIC_RANGE);
    v[1] = 1;
    CU_ASSERT_EQUAL(dh_check_public_bytes(&g, v, 2), SEE_ERR_DH_PUBLIC_RANGE);
    v[1] = 4;                              /* 4 = 2^2: in the subgroup */
    CU_ASSERT_EQUAL(dh_check_public_bytes(&g, v, 2), SEE_OK);
    mpz_sub_ui(y, g.p, 2);
    CU_ASSERT_EQUAL(bn_to_bytes(y, v, k + 2), SEE_OK); /* two zero bytes first */
    CU_ASSERT_EQUAL(dh_check_public_bytes(&g, v, k + 2), SEE_ERR_DH_PUBLIC_SUBGROUP);
    /* the shared secret refuses what the check refuses */
    uint8_t x[1] = {7}, s[DH_MAX_BYTES];
    size_t s_len;
    CU_ASSERT_EQUAL(dh_shared_secret_tls12_bytes(&g, x, 1, v, k + 2, s, sizeof s, &s_len),
                    SEE_ERR_DH_PUBLIC_SUBGROUP);
    mpz_clear(y);
    dh_group_clear(&g);
}

/* p and g in bytes, as ServerKeyExchange carries them: out and back in,
 * the named group recognised, the size rule read off the bytes first. */
static void test_group_bytes(void)
{
    dh_group named, sent;
    dh_group_init(&named);
    dh_group_init(&sent);
    CU_ASSERT_EQUAL_FATAL(dh_group_named(&named, "ffdhe3072", 0), SEE_OK);
    uint8_t p[DH_MAX_BYTES + 1], g[DH_MAX_BYTES];
    size_t p_len = 0, g_len = 0;
    CU_ASSERT_EQUAL(dh_group_to_bytes(&named, p, sizeof p, &p_len, g, sizeof g, &g_len), SEE_OK);
    CU_ASSERT_EQUAL(p_len, 384);
    CU_ASSERT_EQUAL(g_len, 1);
    CU_ASSERT_EQUAL(g[0], 2);
    CU_ASSERT_EQUAL(p[0], 0xff);
    CU_ASSERT_EQUAL(dh_group_to_bytes(&named, p, 383, &p_len, g, sizeof g, &g_len), SEE_ERR_BUFFER_SMALL);
    CU_ASSERT_EQUAL(dh_group_to_bytes(&named, p, sizeof p, &p_len, g, 0, &g_len), SEE_ERR_BUFFER_SMALL);
    CU_ASSERT_EQUAL(dh_group_to_bytes(&named, p, sizeof p, &p_len, g, sizeof g, &g_len), SEE_OK);
    CU_ASSERT_EQUAL(dh_group_set_bytes(&sent, p, p_len, g, g_len, 0), SEE_OK);
    CU_ASSERT(sent.name != NULL && strcmp(sent.name, "ffdhe3072") == 0);
    CU_ASSERT_EQUAL(mpz_cmp(sent.q, named.q), 0);
    CU_ASSERT_EQUAL(dh_group_tls_id(&sent), DH_TLS_FFDHE3072);
    /* a leading zero byte on p changes nothing */
    memmove(p + 1, p, p_len);
    p[0] = 0;
    CU_ASSERT_EQUAL(dh_group_set_bytes(&sent, p, p_len + 1, g, g_len, 0), SEE_OK);
    CU_ASSERT(sent.name != NULL && strcmp(sent.name, "ffdhe3072") == 0);
    /* g = p - 1 is no generator */
    CU_ASSERT_EQUAL(dh_group_set_bytes(&sent, p + 1, p_len, p + 1, p_len, 0), SEE_ERR_DH_GROUP_BAD);
    /* the size rule: the toy group only with allow_insecure; a p of
     * 65535 bytes refused by its length alone */
    static const uint8_t toy_p[] = {23}, toy_g[] = {5};
    CU_ASSERT_EQUAL(dh_group_set_bytes(&sent, toy_p, 1, toy_g, 1, 0), SEE_ERR_DH_GROUP_SMALL);
    CU_ASSERT_EQUAL(dh_group_set_bytes(&sent, toy_p, 1, toy_g, 1, 1), SEE_OK);
    CU_ASSERT(sent.name != NULL && strcmp(sent.name, "toy") == 0);
    CU_ASSERT_EQUAL(dh_group_bytes(&sent), 1);
    uint8_t *huge = malloc(65535);
    CU_ASSERT_FATAL(huge != NULL);
    memset(huge, 0xff, 65535);
    CU_ASSERT_EQUAL(dh_group_set_bytes(&sent, huge, 65535, toy_g, 1, 1), SEE_ERR_DH_GROUP_LARGE);
    free(huge);
    dh_group_clear(&named);
    dh_group_clear(&sent);
}

/* A group handed over whole: name and q stay. */
static void test_group_copy_and_find_q(void)
{
    dh_group a, b;
    dh_group_init(&a);
    dh_group_init(&b);
    CU_ASSERT_EQUAL_FATAL(dh_group_named(&a, "ffdhe4096", 0), SEE_OK);
    CU_ASSERT_EQUAL(dh_group_copy(&b, &a, 0), SEE_OK);
    CU_ASSERT(b.name != NULL && strcmp(b.name, "ffdhe4096") == 0);
    CU_ASSERT_EQUAL(mpz_cmp(b.q, a.q), 0);
    /* a generated group: its q kept by the copy, and found again from p
     * and g alone */
    CU_ASSERT_EQUAL_FATAL(dh_group_generate(&a, NULL, 128, 1), SEE_OK);
    CU_ASSERT_EQUAL(dh_group_copy(&b, &a, 0), SEE_ERR_DH_GROUP_SMALL);
    CU_ASSERT_EQUAL(dh_group_copy(&b, &a, 1), SEE_OK);
    CU_ASSERT(b.name == NULL && mpz_cmp(b.q, a.q) == 0 && mpz_cmp(b.p, a.p) == 0);
    CU_ASSERT_EQUAL(dh_group_set_find_q(&b, a.p, a.g, NULL, 1), SEE_OK);
    CU_ASSERT_EQUAL(mpz_cmp(b.q, a.q), 0);
    /* the toy group: named, its g generates everything, no q */
    mpz_t p, g;
    mpz_init_set_ui(p, 23);
    mpz_init_set_ui(g, 5);
    CU_ASSERT_EQUAL(dh_group_set_find_q(&b, p, g, NULL, 1), SEE_OK);
    CU_ASSERT(b.name != NULL && strcmp(b.name, "toy") == 0);
    CU_ASSERT_EQUAL(mpz_sgn(b.q), 0);
    /* p = 23, g = 2: 11 is prime and 2^11 = 1 mod 23, so q = 11 */
    mpz_set_ui(g, 2);
    CU_ASSERT_EQUAL(dh_group_set_find_q(&b, p, g, NULL, 1), SEE_OK);
    CU_ASSERT_EQUAL(mpz_cmp_ui(b.q, 11), 0);
    CU_ASSERT(b.name == NULL);
    mpz_clears(p, g, NULL);
    dh_group_clear(&a);
    dh_group_clear(&b);
}

/* The names for messages come from the table, aliases once. */
static void test_group_names(void)
{
    char out[200];
    CU_ASSERT_STRING_EQUAL(dh_group_names(DH_NAMES_ALL, out, sizeof out),
                           "ffdhe2048, ffdhe3072, ffdhe4096, ffdhe6144, ffdhe8192, modp2048 or toy");
    CU_ASSERT_STRING_EQUAL(dh_group_names(DH_NAMES_TLS, out, sizeof out),
                           "ffdhe2048, ffdhe3072, ffdhe4096, ffdhe6144 or ffdhe8192");
    CU_ASSERT_STRING_EQUAL(dh_group_names(DH_NAMES_TLS, out, 10), "ffdhe2048");
    CU_ASSERT_STRING_EQUAL(dh_group_names(DH_NAMES_TLS, out, 9), "");
    /* every name listed is a group, and each TLS one has a codepoint */
    dh_group g;
    dh_group_init(&g);
    dh_group_names(DH_NAMES_ALL, out, sizeof out);
    size_t count = 0;
    for (char *save = NULL, *name = strtok_r(out, ", ", &save); name != NULL;
         name = strtok_r(NULL, ", ", &save)) {
        if (strcmp(name, "or") == 0)
            continue;
        CU_ASSERT_EQUAL(dh_group_named(&g, name, 1), SEE_OK);
        count++;
    }
    CU_ASSERT_EQUAL(count, 7);
    dh_group_names(DH_NAMES_TLS, out, sizeof out);
    count = 0;
    for (char *save = NULL, *name = strtok_r(out, ", ", &save); name != NULL;
         name = strtok_r(NULL, ", ", &save)) {
        uint16_t id = 0;
        if (strcmp(name, "or") == 0)
            continue;
        CU_ASSERT_EQUAL(dh_tls_id_by_name(name, &id), SEE_OK);
        CU_ASSERT(dh_tls_id_is_ffdhe(id));
        count++;
    }
    CU_ASSERT_EQUAL(count, 5);
    dh_group_clear(&g);
    /* RFC 7919 2: 256..511 are the finite field codepoints */
    CU_ASSERT(!dh_tls_id_is_ffdhe(255));
    CU_ASSERT(dh_tls_id_is_ffdhe(256));
    CU_ASSERT(dh_tls_id_is_ffdhe(511));
    CU_ASSERT(!dh_tls_id_is_ffdhe(512));
    CU_ASSERT(!dh_tls_id_is_ffdhe(23));
}

static CU_TestInfo tests[] = {
    {"bytes API: key pairs as the number API draws them, PS agreed", test_keypair_bytes_agree},
    {"bytes API: the peer's value checked", test_check_public_bytes},
    {"bytes API: p and g out and in, named group, size rule", test_group_bytes},
    {"group copy, q found from p and g", test_group_copy_and_find_q},
    {"group names from the table, finite field codepoints", test_group_names},
    {"named group recognised from p and g", test_named_group_recognised},
    {"subgroup check: Legendre and power paths", test_subgroup_check_paths},
    {"groups match RFC 7919 / RFC 3526", test_groups_match_rfcs},
    {"RFC 7919's formula gives the five ffdhe primes", test_rfc7919_formula},
    {"TLS codepoints of the ffdhe groups", test_tls_codepoints},
    {"size limits: 8192 bits at most, on numbers and on bytes", test_size_limits},
    {"slides: p=23 g=5 a=6 b=15 -> A=8 B=19 S=2", test_slides_toy_numbers},
    {"public value validation", test_public_value_validation},
    {"size rule and custom groups", test_size_rule_and_custom_groups},
    {"key agreement in the named groups", test_key_agreement},
    {"leading zeros: fixed length vs TLS 1.2", test_leading_zeros},
    {"private exponent range", test_private_range},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("dh", tests);
}
