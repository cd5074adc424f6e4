/*
 * ex_rsa.c: the lecture's RSA example, p = 3 and q = 5, Alice sending
 * Bob the 12 strands of hair she has left.
 */
#include "crypto/rsa.h"
#include "slides_examples/slides.h"

/* What the slides claim ("Public Key Cryptosystems: Example", steps 1-6). */
static const slide_claim CLAIMS[] = {
    { "n = p * q", "15",
      "Here we choose 3 and 5, giving n = 15." },
    { "t(15) = (3 - 1) * (5 - 1)", "8",
      "t(15) = (3 - 1) * (5 - 1) = 2 * 4 = 8" },
    { "gcd(7, 8)", "1",
      "We choose e = 7. We can verify that gcd(7, 8) = 1. This gives our "
      "public key (7, 15)." },
    { "1 + 20 * t(n)", "161",
      "We choose k to be 20. This gives us 7d = 1 + 20 * t(n), which gives "
      "us 7d = 161." },
    { "d", "23",
      "Solving for d gives us d = 23. Bob's private key is (23, 15)." },
    { "c = 12^7 mod 15", "3",
      "Alice computes c = 12^7 mod 15 = 3." },
    { "t = 3^23 mod 15", "12",
      "Bob computes t = 3^23 mod 15 = 12, giving him the number of strands "
      "of hair that Alice has left." },
};

/* Euclid's algorithm by hand: gcd(a, b) = gcd(b, a mod b) until b = 0. */
static void show_euclid(slide_ctx *ctx, unsigned long a, unsigned long b)
{
    slide_say(ctx, "Euclid: gcd(a, b) = gcd(b, a mod b) until b = 0");
    while (b != 0) {
        slide_say(ctx, "  gcd(%lu, %lu): %lu mod %lu = %lu", a, b, a, b,
                  a % b);
        unsigned long r = a % b;
        a = b;
        b = r;
    }
    slide_say(ctx, "  gcd(%lu, 0) = %lu", a, a);
}

/* Why the slide does not take the smallest k: with it d = e, and the
 * private key is the public one. */
static void explain_choice_of_k(slide_ctx *ctx, unsigned long smallest_k,
                                const mpz_t smallest_d, const mpz_t d,
                                const mpz_t e, const mpz_t n)
{
    if (mpz_cmp(smallest_d, e) == 0)
        slide_say(ctx, "k = %lu is useless: d = %lu = e, so the private key "
                  "(%lu, %lu) is the public key, and anyone can decrypt",
                  smallest_k, mpz_get_ui(smallest_d), mpz_get_ui(smallest_d),
                  mpz_get_ui(n));
    slide_say(ctx, "k = 20 gives d = %lu, not e: the private key is not the "
              "public one, as RSA needs", mpz_get_ui(d));
}

/* The caveat of a toy modulus, shown once Bob has decrypted: d matters
 * only mod t(n), and for n = 15 e is its own inverse, so the public
 * exponent decrypts too. */
static void show_toy_caveat(slide_ctx *ctx, const mpz_t c, const mpz_t e,
                            const mpz_t n, const mpz_t t, const mpz_t d)
{
    mpz_t square, back;
    mpz_inits(square, back, NULL);
    mpz_mul(square, e, e);
    mpz_mod(square, square, t);
    mpz_powm(back, c, e, n);
    slide_say(ctx, "but d counts only mod t(n) = %lu (%lu = %lu mod %lu), "
              "and here e * e = %lu = %lu mod %lu: c^e mod n = %lu^%lu mod "
              "%lu = %lu decrypts as well", mpz_get_ui(t), mpz_get_ui(d),
              mpz_get_ui(e), mpz_get_ui(t),
              mpz_get_ui(e) * mpz_get_ui(e), mpz_get_ui(square),
              mpz_get_ui(t), mpz_get_ui(c), mpz_get_ui(e), mpz_get_ui(n),
              mpz_get_ui(back));
    slide_say(ctx, "a toy n has too few exponents to keep d from e; with e = "
              "65537 and n of 2048 bits, e * e = 1 would need t(n) to divide "
              "e * e - 1, a 33-bit number");
    mpz_clears(square, back, NULL);
}

int example_rsa(slide_ctx *ctx)
{
    SHOW_CLAIMS(ctx, "lecture, Public Key Cryptosystems: Example");
    mpz_t p, q, n, t, e, g, d, plain, c, back, tmp;
    mpz_inits(p, q, n, t, e, g, d, plain, c, back, tmp, NULL);
    see_status status = SEE_OK;

    slide_step(ctx, "the modulus n = p * q");
    mpz_set_ui(p, 3);
    mpz_set_ui(q, 5);
    mpz_mul(n, p, q);
    slide_say(ctx, "n = %lu * %lu = %lu", mpz_get_ui(p), mpz_get_ui(q),
              mpz_get_ui(n));
    CHECK_MPZ(ctx, "n = p * q", n);

    slide_step(ctx, "the totient t(n) = (p - 1) * (q - 1)");
    rsa_textbook_totient(t, p, q);
    slide_say(ctx, "rsa_textbook_totient: t(15) = 2 * 4 = %lu",
              mpz_get_ui(t));
    CHECK_MPZ(ctx, "t(15) = (3 - 1) * (5 - 1)", t);

    slide_step(ctx, "the public exponent e = 7, with gcd(e, t(n)) = 1");
    mpz_set_ui(e, 7);
    mpz_gcd(g, e, t);
    show_euclid(ctx, mpz_get_ui(e), mpz_get_ui(t));
    slide_say(ctx, "mpz_gcd agrees: gcd(%lu, %lu) = %lu", mpz_get_ui(e),
              mpz_get_ui(t), mpz_get_ui(g));
    CHECK_MPZ(ctx, "gcd(7, 8)", g);
    slide_say(ctx, "public key (e, n) = (%lu, %lu)", mpz_get_ui(e),
              mpz_get_ui(n));

    slide_step(ctx, "the private exponent from d * e = 1 + k * t(n), k = 20");
    mpz_mul_ui(tmp, t, 20);
    mpz_add_ui(tmp, tmp, 1);
    slide_say(ctx, "1 + 20 * 8 = %lu", mpz_get_ui(tmp));
    CHECK_MPZ(ctx, "1 + 20 * t(n)", tmp);
    status = rsa_textbook_d_from_k(d, e, t, 20);
    if (status != SEE_OK)
        goto done;
    slide_say(ctx, "rsa_textbook_d_from_k: d = 161 / 7 = %lu", mpz_get_ui(d));
    CHECK_MPZ(ctx, "d", d);
    unsigned long smallest_k = 0;
    status = rsa_textbook_find_d(tmp, &smallest_k, e, t);
    if (status != SEE_OK)
        goto done;
    slide_say(ctx, "(the smallest k that works is %lu, giving d = %lu; any "
              "k = %lu + %lu * j works, and k = 20 is one of them)",
              smallest_k, mpz_get_ui(tmp), smallest_k, mpz_get_ui(e));
    explain_choice_of_k(ctx, smallest_k, tmp, d, e, n);

    slide_step(ctx, "Alice encrypts t = 12: c = t^e mod n");
    unsigned long by_hand = 0;
    status = slide_powm_steps(ctx, &by_hand, 12, mpz_get_ui(e), mpz_get_ui(n));
    if (status != SEE_OK)
        goto done;
    mpz_set_ui(plain, 12);
    status = rsa_textbook_encrypt(c, plain, n, e);
    if (status != SEE_OK)
        goto done;
    slide_say(ctx, "rsa_textbook_encrypt agrees: c = %lu", mpz_get_ui(c));
    if (mpz_cmp_ui(c, by_hand) != 0) {
        status = SEE_ERR_ARGUMENT;
        goto done;
    }
    CHECK_MPZ(ctx, "c = 12^7 mod 15", c);

    slide_step(ctx, "Bob decrypts with his private key (23, 15)");
    status = slide_powm_steps(ctx, &by_hand, mpz_get_ui(c), mpz_get_ui(d),
                              mpz_get_ui(n));
    if (status != SEE_OK)
        goto done;
    status = rsa_textbook_decrypt(back, c, n, d);
    if (status != SEE_OK)
        goto done;
    slide_say(ctx, "rsa_textbook_decrypt agrees: t = %lu", mpz_get_ui(back));
    if (mpz_cmp_ui(back, by_hand) != 0) {
        status = SEE_ERR_ARGUMENT;
        goto done;
    }
    CHECK_MPZ(ctx, "t = 3^23 mod 15", back);
    show_toy_caveat(ctx, c, e, n, t, d);

done:
    mpz_clears(p, q, n, t, e, g, d, plain, c, back, tmp, NULL);
    return status;
}
