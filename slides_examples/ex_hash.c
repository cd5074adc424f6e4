/*
 * ex_hash.c: two of the slides' hash properties, measured on SHA-256:
 * the digest has the same size whatever the input size, and flipping one
 * input bit changes about half of the 256 output bits.
 */
#include <stdlib.h>
#include <string.h>

#include "crypto/sha256.h"
#include "core/util.h"
#include "codec/hex.h"
#include "slides_examples/slides.h"

/* What the slides claim ("Public Key Cryptography: Digital Signatures"). */
static const slide_claim CLAIMS[] = {
    { "digest bits for every input size", "256",
      "No matter how big m is, h(m) always produces a hash of exactly the "
      "same size. The \"gold standard\" in hash functions is SHA256." },
    { "one flipped bit changes about half the output bits", "yes",
      "Given even the tiniest change to m, h(m) must change drastically." },
};

static unsigned differing_bits(const uint8_t *a, const uint8_t *b, size_t n)
{
    unsigned count = 0;
    for (size_t i = 0; i < n; i++)
        count += (unsigned)__builtin_popcount((unsigned)(a[i] ^ b[i]));
    return count;
}

static int fixed_size(slide_ctx *ctx)
{
    slide_step(ctx, "inputs of 0 bytes to 1 MB, one digest size");
    static const size_t sizes[] = { 0, 1, 3, 64, 1000, 1000000 };
    uint8_t *data = malloc(1000000);
    if (data == NULL)
        return SEE_ERR_NO_MEMORY;
    for (size_t i = 0; i < 1000000; i++)
        data[i] = (uint8_t)('a' + i % 26);
    size_t digest_bits = 0;
    int same = 1;
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        sha256_ctx h;
        uint8_t digest[SHA256_DIGEST_SIZE];
        sha256_init(&h);
        sha256_update(&h, data, sizes[i]);
        sha256_final(&h, digest);
        char hex[2 * SHA256_DIGEST_SIZE + 1];
        see_hex_encode(digest, sizeof digest, hex);
        size_t bits = 8 * sizeof digest;
        slide_say(ctx, "%7zu bytes (\"abc...\") -> %zu bits: %.16s...", sizes[i],
                  bits, hex);
        if (i > 0 && bits != digest_bits)
            same = 0;
        digest_bits = bits;
    }
    free(data);
    if (same)
        CHECK_UL(ctx, "digest bits for every input size", digest_bits);
    else
        CHECK(ctx, "digest bits for every input size", "varies");
    return SEE_OK;
}

/* The avalanche: flip each of the 8 * len bits of a message in turn and
 * count how many of the 256 digest bits change. */
static int avalanche(slide_ctx *ctx)
{
    static const char message[] = "I LOVE TLS";
    slide_step(ctx, "flip one bit of \"%s\" and count the digest bits that "
               "change", message);
    uint8_t m[sizeof message - 1];
    memcpy(m, message, sizeof m);
    uint8_t base[32], flipped[32];
    sha256(m, sizeof m, base);
    char hex[65];
    see_hex_encode(base, 32, hex);
    slide_say(ctx, "h(\"%s\") = %s", message, hex);

    m[0] ^= 0x01; /* 'I' (0x49) -> 'H' (0x48) */
    sha256(m, sizeof m, flipped);
    see_hex_encode(flipped, 32, hex);
    slide_say(ctx, "h(\"%.*s\") = %s (lowest bit of 'I' flipped)",
              (int)sizeof m, (const char *)m, hex);
    unsigned first = differing_bits(base, flipped, 32);
    slide_say(ctx, "%u of 256 bits differ", first);
    m[0] ^= 0x01;

    unsigned total = 0, least = 256, most = 0;
    unsigned flips = (unsigned)(8 * sizeof m);
    for (unsigned bit = 0; bit < flips; bit++) {
        m[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        sha256(m, sizeof m, flipped);
        m[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        unsigned d = differing_bits(base, flipped, 32);
        total += d;
        least = d < least ? d : least;
        most = d > most ? d : most;
    }
    double mean = (double)total / flips;
    slide_say(ctx, "over all %u single-bit flips: mean %.1f of 256 bits "
              "changed (%.1f%%), least %u, most %u", flips, mean,
              100.0 * mean / 256.0, least, most);
    /* Each digest bit flips with probability 1/2: the count is
     * Binomial(256, 1/2), mean 128, standard deviation 8. Over 80 flips
     * the mean lies within 128 +- 3 (more than 3 standard errors). */
    int about_half = mean > 125.0 && mean < 131.0;
    slide_say(ctx, "(an ideal hash: each output bit flips with chance 1/2, "
              "so 128 +- 8 bits)");
    CHECK(ctx, "one flipped bit changes about half the output bits",
          about_half ? "yes" : "no");
    return SEE_OK;
}

int example_hash(slide_ctx *ctx)
{
    SHOW_CLAIMS(ctx, "lecture, properties of hash functions");
    int status = fixed_size(ctx);
    if (status == SEE_OK)
        status = avalanche(ctx);
    return status;
}
