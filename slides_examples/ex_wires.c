/*
 * ex_wires.c: the lecture's "Internet problem": wiring every computer to
 * every other one needs O(n^2) wires, "where n is in the billions".
 */
#include <stdio.h> /* before gmp.h, for gmp_fprintf */

#include "slides_examples/slides.h"

/* What the slides claim ("Introduction", how the internet works). */
static const slide_claim CLAIMS[] = {
    { "wires for n computers grow as n^2", "yes",
      "We can't possibly run wires from every computer in the world to "
      "every other computer in the world. We will have O(n^2) wires, where "
      "n is in the billions." },
};

int example_wires(slide_ctx *ctx)
{
    SHOW_CLAIMS(ctx, "lecture, How the Internet Works: Introduction");
    slide_step(ctx, "one wire per pair of computers: n * (n - 1) / 2");
    mpz_t n, wires;
    mpz_inits(n, wires, NULL);
    int quadratic = 1;
    double previous = 0;
    /* n = 10^1 .. 10^10 as GMP numbers: 10^10 is above 2^32, beyond an
     * unsigned long on a 32-bit Raspberry Pi. */
    for (unsigned long power = 1; power <= 10; power++) {
        mpz_ui_pow_ui(n, 10, power);
        mpz_sub_ui(wires, n, 1);
        mpz_mul(wires, wires, n);
        mpz_fdiv_q_2exp(wires, wires, 1);
        /* wires / n^2 tends to 1/2: the number of wires is Theta(n^2). */
        double n_d = mpz_get_d(n);
        double ratio = mpz_get_d(wires) / (n_d * n_d);
        gmp_fprintf(ctx->out, "    n = %12Zd computers: %Zd wires "
                    "(%.9f * n^2)\n", n, wires, ratio);
        if (previous != 0 && (ratio < previous || ratio > 0.5))
            quadratic = 0;
        previous = ratio;
    }
    slide_say(ctx, "ten times the computers, a hundred times the wires");
    CHECK(ctx, "wires for n computers grow as n^2", quadratic ? "yes" : "no");
    slide_say(ctx, "routers instead: each computer needs one link, to its "
              "router (n links)");
    mpz_clears(n, wires, NULL);
    return SEE_OK;
}
