/*
 * ex_sizes.c: every size the slides give for RSA and the TLS handshake,
 * measured on real values: the 2048-bit modulus and its ciphertexts, the
 * premaster secret PS, the randoms RB and RS, the keys C_B, C_S, I_B, I_S
 * derived from them, and the record header and session ID of the
 * handshake diagram.
 */
#include <string.h>

#include "crypto/bignum.h"
#include "core/bytes.h"
#include "crypto/prf.h"
#include "crypto/random.h"
#include "crypto/rsa.h"
#include "core/util.h"
#include "codec/hex.h"
#include "slides_examples/slides.h"

/* What the slides claim (lecture: "Public Key Cryptosystems: Example" and
 * "Issues"; the HTTPS slides; the SSL sequence-diagram handout). */
static const slide_claim CLAIMS[] = {
    { "bits of p and q for the 2048-bit minimum modulus within 1024..8192",
      "yes", "In most secure systems, p and q are between 1024 and 8192 "
      "bits long." },
    { "bytes in 2048 bits", "256", "(2048 bits = 256 bytes)." },
    { "ciphertext bytes for 1 byte of plaintext", "256",
      "If we use a 2048 bit modulo (considered to be the minimum for secure "
      "systems), then every byte of plaintext will produce 256 bytes of "
      "ciphertext!" },
    { "bits of RB", "256", "Client picks 256-bit random number R_B" },
    { "bits of RS", "256", "Server picks 256-bit random number R_S" },
    { "random bits in PS", "368",
      "For RSA, browser constructs long (368 bits) \"Premaster Secret\" PS" },
    { "bits of C_B and C_S (AES128)", "128",
      "All subsequent communication encrypted w/ symmetric cipher (e.g., "
      "AES128) cipher keys, MACs" },
    { "bytes of a record header", "5",
      "The 5-byte SSL record headers are never encrypted." },
    { "length of a new session's ID", "0",
      "If the client is starting a new SSL session, the session ID is 0." },
};

static void show_hex(slide_ctx *ctx, const char *name, const uint8_t *data,
                     size_t len)
{
    char hex[2 * 48 + 1];
    size_t shown = len < 48 ? len : 48;
    see_hex_encode(data, shown, hex);
    slide_say(ctx, "%-4s (%2zu bytes = %3zu bits) %s", name, len, 8 * len,
              hex);
}

static int rsa_sizes(slide_ctx *ctx)
{
    slide_step(ctx, "a 2048-bit RSA key, and one byte encrypted with it");
    rsa_private_key key;
    rsa_public_key pub;
    rsa_private_init(&key);
    rsa_public_init(&pub);
    mpz_t m, c;
    mpz_inits(m, c, NULL);
    uint8_t out[512];
    see_status status = rsa_generate(NULL, 2048, 0, &key);
    if (status == SEE_OK) {
        rsa_public_from_private(&pub, &key);
        size_t n_bits = mpz_sizeinbase(key.n, 2);
        size_t p_bits = mpz_sizeinbase(key.p, 2);
        size_t q_bits = mpz_sizeinbase(key.q, 2);
        slide_say(ctx, "rsa_generate(2048): n has %zu bits, p %zu bits, q "
                  "%zu bits", n_bits, p_bits, q_bits);
        CHECK(ctx, "bits of p and q for the 2048-bit minimum modulus within "
              "1024..8192", p_bits >= 1024 && p_bits <= 8192 &&
              q_bits >= 1024 && q_bits <= 8192 ? "yes" : "no");
        slide_say(ctx, "(8192 bits is a size for the modulus n; primes of "
                  "8192 bits would make n 16384 bits)");
        CHECK_UL(ctx, "bytes in 2048 bits", (unsigned long)(n_bits / 8));

        /* Textbook RSA of one byte: the ciphertext is a number below n,
         * written as k = 256 bytes (RFC 8017 I2OSP), whatever m was. */
        mpz_set_ui(m, 'A');
        status = rsa_textbook_encrypt(c, m, key.n, key.e);
    }
    if (status == SEE_OK) {
        size_t k = rsa_public_size(&pub);
        status = bn_to_bytes(c, out, k);
        if (status == SEE_OK) {
            slide_say(ctx, "plaintext 'A' = 1 byte; c = %lu^%lu mod n = "
                      "%02x%02x%02x%02x... (%zu bits of it used)",
                      mpz_get_ui(m), mpz_get_ui(key.e), out[0], out[1],
                      out[2], out[3], mpz_sizeinbase(c, 2));
            slide_say(ctx, "written as a fixed-size ciphertext: %zu bytes",
                      k);
            CHECK_UL(ctx, "ciphertext bytes for 1 byte of plaintext",
                     (unsigned long)k);
            slide_say(ctx, "(so RSA carries a short secret, the PS below, "
                      "and AES carries the data)");
        }
    }
    mpz_clears(m, c, NULL);
    rsa_public_clear(&pub);
    rsa_private_clear(&key);
    return status;
}

/* RFC 5246 7.4.7.1: PreMasterSecret = client_version (2 bytes) + random
 * (46 bytes). */
static int premaster_sizes(slide_ctx *ctx, uint8_t rb[32], uint8_t rs[32],
                           uint8_t ps[RSA_PREMASTER_SIZE])
{
    slide_step(ctx, "RB and RS, the two hello randoms (RFC 5246 7.4.1.2)");
    see_status status = rng_bytes(NULL, rb, TLS_RANDOM_SIZE);
    if (status == SEE_OK)
        status = rng_bytes(NULL, rs, TLS_RANDOM_SIZE);
    if (status != SEE_OK)
        return status;
    show_hex(ctx, "RB", rb, TLS_RANDOM_SIZE);
    show_hex(ctx, "RS", rs, TLS_RANDOM_SIZE);
    CHECK_UL(ctx, "bits of RB", 8 * TLS_RANDOM_SIZE);
    CHECK_UL(ctx, "bits of RS", 8 * TLS_RANDOM_SIZE);
    slide_say(ctx, "(RFC 5246 still describes the first 4 bytes as the time, "
              "gmt_unix_time; today all 32 are random)");

    slide_step(ctx, "PS, the premaster secret (RFC 5246 7.4.7.1)");
    writer w;
    writer_init(&w, ps, RSA_PREMASTER_SIZE);
    uint8_t *random_part = NULL;
    const size_t random_len = RSA_PREMASTER_SIZE - 2;
    if ((status = writer_u16(&w, 0x0303)) != SEE_OK ||  /* TLS 1.2 */
        (status = writer_reserve(&w, random_len, &random_part)) != SEE_OK ||
        (status = rng_bytes(NULL, random_part, random_len)) != SEE_OK)
        return status;
    size_t ps_len = w.len;
    show_hex(ctx, "PS", ps, ps_len);
    slide_say(ctx, "     = client_version 03 03 (2 bytes = 16 bits) + random "
              "(%zu bytes = %zu bits)", random_len, 8 * random_len);
    CHECK_UL(ctx, "random bits in PS", (unsigned long)(8 * random_len));
    /* Not an erratum: the slide counts the random part (its "long (368
     * bits)"), which follows the two bytes of client_version. */
    slide_say(ctx, "NOTE PS is %zu bytes = %zu bits in all: the slide's 368 "
              "bits are its random part", ps_len, 8 * ps_len);
    return SEE_OK;
}

static int key_derivation(slide_ctx *ctx, const uint8_t rb[32],
                          const uint8_t rs[32],
                          const uint8_t ps[RSA_PREMASTER_SIZE])
{
    slide_step(ctx, "master secret = PRF(PS, \"master secret\", RB + RS) "
               "(RFC 5246 8.1)");
    uint8_t master[TLS_MASTER_SECRET_SIZE];
    prf_master_secret(ps, RSA_PREMASTER_SIZE, rb, rs, master);
    show_hex(ctx, "MS", master, sizeof master);

    slide_step(ctx, "key block = PRF(MS, \"key expansion\", RS + RB), cut "
               "into I_B, I_S, C_B, C_S (RFC 5246 6.3)");
    tls_session_keys keys;
    prf_session_keys(master, rb, rs, &prf_cbc_sha256_sizes, &keys);
    show_hex(ctx, "I_B", keys.i_b, keys.sizes.mac_key_len);
    show_hex(ctx, "I_S", keys.i_s, keys.sizes.mac_key_len);
    show_hex(ctx, "C_B", keys.c_b, keys.sizes.key_len);
    show_hex(ctx, "C_S", keys.c_s, keys.sizes.key_len);
    const tls_key_sizes *n = &keys.sizes;
    slide_say(ctx, "HMAC-SHA256 keys of %zu bits, AES keys of %zu bits: %zu "
              "bytes of key block in all", 8 * n->mac_key_len,
              8 * n->key_len, 2 * (n->mac_key_len + n->key_len + n->iv_len));
    CHECK_UL(ctx, "bits of C_B and C_S (AES128)", (unsigned long)(8 * n->key_len));
    see_wipe(master, sizeof master);
    see_wipe(&keys, sizeof keys);
    return SEE_OK;
}

/* RFC 5246 6.2.1: ContentType (1) + ProtocolVersion (2) + length (2);
 * 7.4.1.2: session_id<0..32>, empty for a new session. */
static int record_sizes(slide_ctx *ctx)
{
    slide_step(ctx, "the record header and a new session's ID "
               "(RFC 5246 6.2.1, 7.4.1.2)");
    uint8_t header[16], session[8];
    writer w, s;
    writer_init(&w, header, sizeof header);
    see_status status;
    if ((status = writer_u8(&w, 22)) != SEE_OK ||         /* handshake */
        (status = writer_u16(&w, 0x0303)) != SEE_OK ||    /* TLS 1.2 */
        (status = writer_u16(&w, 512)) != SEE_OK)         /* body length */
        return status;
    size_t header_len = w.len;
    char hex[33];
    see_hex_encode(header, header_len, hex);
    slide_say(ctx, "type 22 (handshake), version 3.3, length 512: %s",
              hex);
    CHECK_UL(ctx, "bytes of a record header", (unsigned long)header_len);

    writer_init(&s, session, sizeof session);
    size_t mark;
    if ((status = writer_open_length(&s, 1, &mark)) != SEE_OK ||
        (status = writer_close_length(&s, 1, mark)) != SEE_OK)
        return status;
    slide_say(ctx, "session_id<0..32> of a new session: length byte %02x, "
              "no ID bytes (%zu byte on the wire)", session[0], s.len);
    CHECK_UL(ctx, "length of a new session's ID", session[0]);
    return SEE_OK;
}

int example_sizes(slide_ctx *ctx)
{
    SHOW_CLAIMS(ctx, "lecture, HTTPS slides, SSL handout");
    uint8_t rb[TLS_RANDOM_SIZE], rs[TLS_RANDOM_SIZE];
    uint8_t ps[RSA_PREMASTER_SIZE];
    int status = rsa_sizes(ctx);
    if (status == SEE_OK)
        status = premaster_sizes(ctx, rb, rs, ps);
    if (status == SEE_OK)
        status = key_derivation(ctx, rb, rs, ps);
    if (status == SEE_OK)
        status = record_sizes(ctx);
    see_wipe(ps, sizeof ps);
    return status;
}
