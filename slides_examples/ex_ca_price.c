/*
 * ex_ca_price.c: the lecture's certificate-authority arithmetic: 40
 * certificates at $1,000 to $5,000 a year each.
 */
#include <stdlib.h>

#include "slides_examples/slides.h"

/* What the slides claim ("Public Key Cryptography: Certificate
 * Authorities"). The first two are the inputs of the arithmetic. */
static const slide_claim CLAIMS[] = {
    { "price of one certificate a year, low", "1000",
      "Typical price is about $1,000 to $5,000 a year." },
    { "price of one certificate a year, high", "5000",
      "Typical price is about $1,000 to $5,000 a year." },
    { "40 certificates a year, low", "40000",
      "we don't have the budget to get Verizon to certify 40 certificates "
      "(will cost between $40,000 and $200,000.)" },
    { "40 certificates a year, high", "200000",
      "we don't have the budget to get Verizon to certify 40 certificates "
      "(will cost between $40,000 and $200,000.)" },
};

#define CERTIFICATES 40

/* The per-certificate prices, read back from the slide's own table so
 * that the products below come from the slide's inputs. */
static unsigned long slide_price(const char *what)
{
    const slide_claim *claim = slide_claim_find(CLAIMS, CLAIMS_COUNT, what);
    return claim != NULL ? strtoul(claim->value, NULL, 10) : 0;
}

int example_ca_price(slide_ctx *ctx)
{
    SHOW_CLAIMS(ctx, "lecture, Certificate Authorities");
    unsigned long low = slide_price("price of one certificate a year, low");
    unsigned long high = slide_price("price of one certificate a year, high");
    if (low == 0 || high == 0)
        return SEE_ERR_ARGUMENT;
    slide_step(ctx, "%d certificates for one year", CERTIFICATES);
    slide_say(ctx, "the slide's prices, the inputs: $%lu to $%lu a year",
              low, high);
    slide_say(ctx, "%d * $%lu = $%lu", CERTIFICATES, low, CERTIFICATES * low);
    CHECK_UL(ctx, "40 certificates a year, low", CERTIFICATES * low);
    slide_say(ctx, "%d * $%lu = $%lu", CERTIFICATES, high,
              CERTIFICATES * high);
    CHECK_UL(ctx, "40 certificates a year, high", CERTIFICATES * high);
    slide_say(ctx, "(a self-signed certificate, as in the studio, costs $0: "
              "the trust has to come from somewhere else)");
    return SEE_OK;
}
