/*
 * powm_steps.c: modular exponentiation the way one does it by hand, so a
 * class can follow 12^7 mod 15 or 3^23 mod 15 line by line.
 *
 * Left-to-right square-and-multiply: write the exponent in binary; start
 * from 1; for each bit from the top, square what you have (the exponent so
 * far doubles), and if the bit is 1, multiply by the base (the exponent
 * gains 1). Reducing mod m after every operation keeps the numbers small.
 */
#include <inttypes.h>
#include <stdint.h>

#include "slides_examples/slides.h"

static void binary_text(uint64_t value, char *out, size_t cap)
{
    char bits[65];
    size_t n = 0;
    do {
        bits[n++] = (char)('0' + (value & 1));
        value >>= 1;
    } while (value != 0 && n < sizeof bits - 1);
    size_t i = 0;
    for (; i < n && i + 1 < cap; i++)
        out[i] = bits[n - 1 - i];
    out[i] = '\0';
}

see_status slide_powm_steps(slide_ctx *ctx, unsigned long *result,
                            uint64_t base, uint64_t exp, uint64_t m)
{
    ENSURE(m >= 2 && m <= UINT32_MAX && base <= UINT32_MAX &&
           exp <= UINT32_MAX, SEE_ERR_ARGUMENT);
    char bits[65];
    binary_text(exp, bits, sizeof bits);
    slide_say(ctx, "%" PRIu64 "^%" PRIu64 " mod %" PRIu64 " by "
              "square-and-multiply; %" PRIu64 " = %s in binary", base, exp, m,
              exp, bits);

    uint64_t b = base % m;   /* products of two values < 2^32 fit in 64 */
    uint64_t acc = 1 % m;    /* base^sofar mod m */
    uint64_t sofar = 0;      /* the exponent reached */
    for (const char *bit = bits; *bit != '\0'; bit++) {
        if (sofar > 0) {
            uint64_t square = acc * acc;
            slide_say(ctx, "  square:   %" PRIu64 "^%" PRIu64 " = %" PRIu64
                      " * %" PRIu64 " = %" PRIu64 " = %" PRIu64 " mod %" PRIu64,
                      base, 2 * sofar, acc, acc, square, square % m, m);
            acc = square % m;
            sofar *= 2;
        }
        if (*bit == '1') {
            uint64_t product = acc * b;
            if (sofar == 0)
                slide_say(ctx, "  bit 1:    start with %" PRIu64 "^1 = %"
                          PRIu64 " mod %" PRIu64, base, b, m);
            else
                slide_say(ctx, "  multiply: %" PRIu64 "^%" PRIu64 " = %" PRIu64
                          " * %" PRIu64 " = %" PRIu64 " = %" PRIu64 " mod %"
                          PRIu64, base, sofar + 1, acc, b, product,
                          product % m, m);
            acc = product % m;
            sofar += 1;
        }
    }
    slide_say(ctx, "  so %" PRIu64 "^%" PRIu64 " mod %" PRIu64 " = %" PRIu64,
              base, exp, m, acc);
    *result = (unsigned long)acc; /* < m < 2^32: fits any unsigned long */
    return SEE_OK;
}
