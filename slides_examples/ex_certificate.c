/*
 * ex_certificate.c: the lecture's certificate (PUB, h(PUB), c): Bob
 * hashes his public key, signs the hash with his private key, and Alice
 * checks it; first with the toy key (7, 15), then with a 2048-bit key.
 */
#include <stdio.h>
#include <string.h>

#include "crypto/bignum.h"
#include "crypto/rsa.h"
#include "crypto/sha256.h"
#include "core/util.h"
#include "codec/hex.h"
#include "slides_examples/slides.h"

/* What the slides claim ("Digital signatures are used primarily to
 * distribute public keys"). */
static const slide_claim CLAIMS[] = {
    { "Alice's check of the toy certificate", "h(PUB)",
      "Alice can: compute h(PUB); decrypt c using PUB; if the result is "
      "h(PUB), Alice knows that c was generated using PRV" },
    { "Alice's check of the 2048-bit certificate", "h(PUB)",
      "Alice can: compute h(PUB); decrypt c using PUB; if the result is "
      "h(PUB), Alice knows that c was generated using PRV" },
    { "the 2048-bit check after Eve changes one byte of PUB", "rejected",
      "(PUB, h(PUB), c) must come from Bob!" },
};

/* The toy certificate: h(PUB) reduced mod 15 (all the toy key can sign). */
static unsigned long toy_hash(const char *pub)
{
    uint8_t digest[32];
    sha256(pub, strlen(pub), digest);
    mpz_t h;
    mpz_init(h);
    bn_from_bytes(h, digest, sizeof digest);
    unsigned long reduced = mpz_fdiv_ui(h, 15);
    mpz_clear(h);
    return reduced;
}

static int toy_certificate(slide_ctx *ctx)
{
    slide_step(ctx, "Bob's toy certificate: PUB = (7, 15), PRV = (23, 15)");
    const char *pub = "Bob's public key (7, 15)";
    uint8_t digest[32];
    sha256(pub, strlen(pub), digest);
    char hex[65];
    see_hex_encode(digest, 32, hex);
    slide_say(ctx, "PUB    = \"%s\"", pub);
    slide_say(ctx, "h(PUB) = SHA-256 = %s", hex);
    unsigned long h = toy_hash(pub);
    slide_say(ctx, "the toy key signs numbers below 15: h(PUB) mod 15 = %lu",
              h);
    mpz_t hz, n, d, e, c, back;
    mpz_init_set_ui(hz, h);
    mpz_init_set_ui(n, 15);
    mpz_init_set_ui(d, 23);
    mpz_init_set_ui(e, 7);
    mpz_inits(c, back, NULL);
    see_status status = rsa_textbook_decrypt(c, hz, n, d);
    if (status == SEE_OK) {
        slide_say(ctx, "c = %lu^23 mod 15 = %lu; the certificate is "
                  "(\"%s\", %lu, %lu)", h, mpz_get_ui(c), pub, h,
                  mpz_get_ui(c));
        slide_step(ctx, "Alice checks it");
        status = rsa_textbook_encrypt(back, c, n, e);
    }
    if (status == SEE_OK) {
        unsigned long recomputed = toy_hash(pub);
        slide_say(ctx, "she hashes PUB herself: %lu; decrypts c with PUB: "
                  "%lu^7 mod 15 = %lu", recomputed, mpz_get_ui(c),
                  mpz_get_ui(back));
        CHECK(ctx, "Alice's check of the toy certificate",
              mpz_cmp_ui(back, recomputed) == 0 ? "h(PUB)" : "not h(PUB)");

        /* With 15 possible values, Eve finds another key with the same
         * signature in a few tries. */
        char fake[48];
        for (unsigned long fake_n = 16; fake_n < 1000; fake_n++) {
            snprintf(fake, sizeof fake, "Bob's public key (7, %lu)",
                     fake_n);
            if (toy_hash(fake) == recomputed) {
                slide_say(ctx, "but Eve's PUB = \"%s\" has the same h mod 15 "
                          "= %lu, so the same c 'proves' it too: toy keys "
                          "prove nothing", fake, recomputed);
                break;
            }
        }
    }
    mpz_clears(hz, n, d, e, c, back, NULL);
    return status;
}

/* PUB as bytes: n then e, each as a 2-byte length and big-endian bytes (a
 * stand-in for the real X.509 SubjectPublicKeyInfo). */
static size_t encode_pub(const rsa_public_key *pub, uint8_t *out, size_t cap)
{
    size_t n_len = bn_byte_length(pub->n), e_len = bn_byte_length(pub->e);
    if (4 + n_len + e_len > cap)
        return 0;
    out[0] = (uint8_t)(n_len >> 8);
    out[1] = (uint8_t)n_len;
    if (bn_to_bytes(pub->n, out + 2, n_len) != SEE_OK)
        return 0;
    out[2 + n_len] = (uint8_t)(e_len >> 8);
    out[3 + n_len] = (uint8_t)e_len;
    if (bn_to_bytes(pub->e, out + 4 + n_len, e_len) != SEE_OK)
        return 0;
    return 4 + n_len + e_len;
}

static int real_certificate(slide_ctx *ctx)
{
    slide_step(ctx, "the same with a real 2048-bit key");
    rsa_private_key key;
    rsa_public_key pub;
    rsa_private_init(&key);
    rsa_public_init(&pub);
    uint8_t pub_bytes[600], digest[32], sig[256];
    size_t pub_len = 0, sig_len = 0;
    see_status status = rsa_generate(NULL, 2048, 0, &key);
    if (status == SEE_OK) {
        rsa_public_from_private(&pub, &key);
        pub_len = encode_pub(&pub, pub_bytes, sizeof pub_bytes);
        if (pub_len == 0)
            status = SEE_ERR_BUFFER_SMALL;
    }
    if (status == SEE_OK) {
        sha256(pub_bytes, pub_len, digest);
        char hex[65];
        see_hex_encode(digest, 32, hex);
        slide_say(ctx, "PUB    = n (256 bytes) and e = %lu: %zu bytes",
                  mpz_get_ui(pub.e), pub_len);
        slide_say(ctx, "h(PUB) = %s", hex);
        status = rsa_pkcs1_sign_digest(&key, NULL, digest, sig, sizeof sig,
                                       &sig_len);
    }
    if (status == SEE_OK) {
        slide_say(ctx, "c      = h(PUB) signed with PRV (RSASSA-PKCS1-v1_5): "
                  "%zu bytes, %02x%02x%02x%02x...", sig_len, sig[0], sig[1],
                  sig[2], sig[3]);
        slide_step(ctx, "Alice recomputes h(PUB) and decrypts c with PUB");
        uint8_t again[32];
        sha256(pub_bytes, pub_len, again);
        int same_hash = see_ct_equal(again, digest, 32);
        see_status verdict = rsa_pkcs1_verify_digest(&pub, again, sig,
                                                      sig_len);
        slide_say(ctx, "h(PUB) recomputed %s the certificate's; "
                  "rsa_pkcs1_verify_digest: %s", same_hash ? "equals"
                  : "DIFFERS from", verdict == SEE_OK ? "valid"
                  : see_strerror(verdict));
        CHECK(ctx, "Alice's check of the 2048-bit certificate",
              same_hash && verdict == SEE_OK ? "h(PUB)" : "not h(PUB)");

        slide_step(ctx, "Eve swaps in her own key (one byte of n changed)");
        pub_bytes[100] ^= 0x01;
        sha256(pub_bytes, pub_len, again);
        /* The certificate is self-signed: Alice checks c with the PUB it
         * carries, now Eve's. */
        rsa_public_key eve;
        rsa_public_init(&eve);
        bn_from_bytes(eve.n, pub_bytes + 2, bn_byte_length(pub.n));
        mpz_set(eve.e, pub.e);
        verdict = rsa_pkcs1_verify_digest(&eve, again, sig, sig_len);
        rsa_public_clear(&eve);
        slide_say(ctx, "rsa_pkcs1_verify_digest: %s",
                  verdict == SEE_OK ? "valid" : see_strerror(verdict));
        CHECK(ctx, "the 2048-bit check after Eve changes one byte of PUB",
              verdict == SEE_OK ? "accepted" : "rejected");
        slide_say(ctx, "(this shows c was made with Bob's PRV, not that PUB "
                  "is Bob's: that is the CA's job, next slides)");
    }
    rsa_public_clear(&pub);
    rsa_private_clear(&key);
    return status;
}

int example_certificate(slide_ctx *ctx)
{
    SHOW_CLAIMS(ctx, "lecture, Public Key Cryptography: Digital Signatures");
    int status = toy_certificate(ctx);
    if (status == SEE_OK)
        status = real_certificate(ctx);
    return status;
}
