/*
 * ex_dh.c: the lecture's Diffie-Hellman exchange, g = 5, p = 23, a = 6,
 * b = 15, computed with crypto/dh.h's toy group, every power shown.
 */
#include "crypto/dh.h"
#include "cryptanalysis/factor.h"
#include "crypto/prime.h"
#include "slides_examples/slides.h"

/* What the slides claim ("Public Key Cryptosystems - Diffie-Hellman Key
 * Exchange", two slides). */
static const slide_claim CLAIMS[] = {
    { "g = 5 is prime", "yes", "g is a prime base." },
    { "p = 23 is prime", "yes", "p is a prime modulus." },
    { "g = 5 is a primitive root modulo 23", "yes",
      "g must be a primitive root modulo p. Here Alice and Bob agree on "
      "g = 5 and p = 23." },
    { "A = 5^6 mod 23", "8", "A = 5^6 mod 23 = 8" },
    { "B = 5^15 mod 23", "19", "B = 5^15 mod 23 = 19" },
    { "S(Alice) = 19^6 mod 23", "2", "S(Alice) = 19^6 mod 23 = 2" },
    { "S(Bob) = 8^15 mod 23", "2", "S(Bob) = 8^15 mod 23 = 2" },
};

/* 5 is a primitive root mod 23 when its powers 5^1 .. 5^22 take all 22
 * non-zero values, i.e. when 5^(22/r) != 1 for each prime r of 22 = 2*11. */
static int primitive_root_check(slide_ctx *ctx, const dh_group *group)
{
    unsigned long g = mpz_get_ui(group->g), p = mpz_get_ui(group->p);
    slide_say(ctx, "the powers of %lu mod %lu:", g, p);
    char line[256];
    int len = 0;
    unsigned long seen = 0, x = 1, order = 0;
    for (unsigned long k = 1; k < p; k++) {
        x = x * g % p;
        if (x == 1 && order == 0)
            order = k;
        seen |= 1ul << x;
        len += snprintf(line + len, sizeof line - (size_t)len, "%s%lu",
                        k == 1 ? "" : " ", x);
    }
    slide_say(ctx, "  %s", line);
    int all = 1;
    for (unsigned long v = 1; v < p; v++)
        all &= (int)((seen >> v) & 1);
    slide_say(ctx, "%lu^k first returns to 1 at k = %lu, so the order of %lu "
              "is %lu; %s of 1..%lu appear", g, order, g, order,
              all ? "all" : "not all", p - 1);
    /* The quick test for large p: g is a primitive root when
     * g^((p-1)/r) != 1 for every prime r dividing p - 1. */
    mpz_t t, exp, rest, r;
    mpz_inits(t, exp, rest, r, NULL);
    mpz_set_ui(rest, p - 1);
    slide_say(ctx, "(the test for large p: g^((p-1)/r) mod p != 1 for each "
              "prime r dividing p - 1 = %lu)", p - 1);
    int quick = 1;
    while (mpz_cmp_ui(rest, 1) > 0) {
        int found = 0, prime = 0;
        if (factor_trial_division(r, &found, &prime, NULL, rest,
                                  UINT64_MAX) != SEE_OK)
            break;
        if (!found)
            mpz_set(r, rest); /* what is left is prime */
        while (mpz_divisible_p(rest, r))
            mpz_divexact(rest, rest, r);
        mpz_set_ui(exp, (p - 1) / mpz_get_ui(r));
        mpz_powm(t, group->g, exp, group->p);
        slide_say(ctx, "  r = %lu: %lu^%lu mod %lu = %lu", mpz_get_ui(r), g,
                  mpz_get_ui(exp), p, mpz_get_ui(t));
        quick &= mpz_cmp_ui(t, 1) != 0;
    }
    mpz_clears(rest, r, NULL);
    mpz_clears(t, exp, NULL);
    return all && order == p - 1 && quick;
}

static int is_prime(const mpz_t n, int *out)
{
    return prime_test(n, PRIME_ROUNDS_ADVERSARIAL, NULL, out);
}

int example_dh(slide_ctx *ctx)
{
    SHOW_CLAIMS(ctx, "lecture, Diffie-Hellman Key Exchange");
    dh_group group;
    dh_group_init(&group);
    mpz_t a, b, A, B, s_alice, s_bob;
    mpz_inits(a, b, A, B, s_alice, s_bob, NULL);
    int prime = 0;
    unsigned long by_hand = 0;

    slide_step(ctx, "the public numbers g = 5 and p = 23");
    see_status status = dh_group_named(&group, "toy", 1);
    if (status != SEE_OK)
        goto done;
    slide_say(ctx, "dh_group_named(\"toy\"): p = %lu, g = %lu",
              mpz_get_ui(group.p), mpz_get_ui(group.g));
    if ((status = is_prime(group.g, &prime)) != SEE_OK)
        goto done;
    slide_say(ctx, "prime_test(5): %s", prime ? "prime" : "composite");
    CHECK(ctx, "g = 5 is prime", prime ? "yes" : "no");
    if ((status = is_prime(group.p, &prime)) != SEE_OK)
        goto done;
    slide_say(ctx, "prime_test(23): %s", prime ? "prime" : "composite");
    CHECK(ctx, "p = 23 is prime", prime ? "yes" : "no");
    CHECK(ctx, "g = 5 is a primitive root modulo 23",
          primitive_root_check(ctx, &group) ? "yes" : "no");

    slide_step(ctx, "Alice's secret a = 6: A = g^a mod p");
    mpz_set_ui(a, 6);
    mpz_set_ui(b, 15);
    if ((status = slide_powm_steps(ctx, &by_hand, 5, 6, 23)) != SEE_OK ||
        (status = dh_public_from_private(&group, a, A)) != SEE_OK)
        goto done;
    slide_say(ctx, "dh_public_from_private agrees: A = %lu", mpz_get_ui(A));
    if (mpz_cmp_ui(A, by_hand) != 0) {
        status = SEE_ERR_ARGUMENT;
        goto done;
    }
    CHECK_MPZ(ctx, "A = 5^6 mod 23", A);

    slide_step(ctx, "Bob's secret b = 15: B = g^b mod p");
    if ((status = slide_powm_steps(ctx, &by_hand, 5, 15, 23)) != SEE_OK ||
        (status = dh_public_from_private(&group, b, B)) != SEE_OK)
        goto done;
    slide_say(ctx, "dh_public_from_private agrees: B = %lu", mpz_get_ui(B));
    if (mpz_cmp_ui(B, by_hand) != 0) {
        status = SEE_ERR_ARGUMENT;
        goto done;
    }
    CHECK_MPZ(ctx, "B = 5^15 mod 23", B);

    slide_step(ctx, "Alice: S(Alice) = B^a mod p");
    if ((status = slide_powm_steps(ctx, &by_hand, mpz_get_ui(B), 6, 23)) !=
            SEE_OK ||
        (status = dh_shared_secret_number(&group, a, B, s_alice)) != SEE_OK)
        goto done;
    slide_say(ctx, "dh_shared_secret_number agrees: S(Alice) = %lu",
              mpz_get_ui(s_alice));
    if (mpz_cmp_ui(s_alice, by_hand) != 0) {
        status = SEE_ERR_ARGUMENT;
        goto done;
    }
    CHECK_MPZ(ctx, "S(Alice) = 19^6 mod 23", s_alice);

    slide_step(ctx, "Bob: S(Bob) = A^b mod p");
    if ((status = slide_powm_steps(ctx, &by_hand, mpz_get_ui(A), 15, 23)) !=
            SEE_OK ||
        (status = dh_shared_secret_number(&group, b, A, s_bob)) != SEE_OK)
        goto done;
    slide_say(ctx, "dh_shared_secret_number agrees: S(Bob) = %lu",
              mpz_get_ui(s_bob));
    if (mpz_cmp_ui(s_bob, by_hand) != 0) {
        status = SEE_ERR_ARGUMENT;
        goto done;
    }
    CHECK_MPZ(ctx, "S(Bob) = 8^15 mod 23", s_bob);
    mpz_t ab, direct;
    mpz_inits(ab, direct, NULL);
    mpz_mul(ab, a, b);
    mpz_powm(direct, group.g, ab, group.p);
    slide_say(ctx, "both are g^(ab) = 5^%lu mod 23 = %lu: the same key, "
              "never sent", mpz_get_ui(ab), mpz_get_ui(direct));
    if (mpz_cmp(direct, s_bob) != 0 || mpz_cmp(s_alice, s_bob) != 0)
        status = SEE_ERR_ARGUMENT;
    mpz_clears(ab, direct, NULL);

done:
    mpz_clears(a, b, A, B, s_alice, s_bob, NULL);
    dh_group_clear(&group);
    return status;
}
