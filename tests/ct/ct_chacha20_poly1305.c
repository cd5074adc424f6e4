/*
 * ct_chacha20_poly1305.c: the constant-time cases of ChaCha20, Poly1305
 * and their AEAD (RFC 8439) for tests/ct/ct_check.c, written its
 * documented way (a function per case and a row each). This file is not
 * compiled on its own: ct_check.c includes it just above its cases table,
 * after its secret(), public(), check() and from_hex(), and lists the rows
 * with the macro at the end:
 *
 *     #include "crypto/chacha20.h"                 (with its includes)
 *     #include "crypto/chacha20_poly1305.h"
 *     #include "crypto/poly1305.h"
 *     ...
 *     #include "tests/ct/ct_chacha20_poly1305.c"  (above the table)
 *     ...
 *         CT_CHACHA20_POLY1305_CASES              (a line of the table)
 *
 * What is secret: the key, the plaintext and the Poly1305 one-time key;
 * the nonce, the AAD and the ciphertext travel in the clear. Each case
 * checks its answer against RFC 8439.
 *
 * Opening decides, at its end, whether the tag matched, and branches on
 * that one bit: it is public by design (the receiver acts on it, RFC 8439
 * 2.8), but derived from the key. tests/ct/declassified.supp names that
 * one branch (innermost frame chacha20_poly1305_open), so the case
 * "chacha20_poly1305_open" expects no report at all and still catches any
 * other branch or index inside open's callees. "chacha20_poly1305_open_steps"
 * runs open's steps (the one-time key, Poly1305 over the AAD and
 * ciphertext, the constant-time tag comparison) with the verdict made
 * public before it is used, then decrypts: clean without the suppression.
 */

/* RFC 8439 2.8.2's inputs (plaintext "Ladies and Gentlemen of the class
 * of '99: If I could offer you only one tip for the future, sunscreen
 * would be it."). */
static const char *const CT_AEAD_KEY =
    "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f";
static const char *const CT_AEAD_NONCE = "070000004041424344454647";
static const char *const CT_AEAD_AAD = "50515253c0c1c2c3c4c5c6c7";
static const char *const CT_AEAD_TAG = "1ae10b594f09e26a7e902ecbd0600691";
static const char CT_AEAD_PLAINTEXT[] =
    "Ladies and Gentlemen of the class of '99: If I could offer you only "
    "one tip for the future, sunscreen would be it.";
#define CT_AEAD_LEN (sizeof CT_AEAD_PLAINTEXT - 1) /* 114 bytes */

/* RFC 8439 2.4.2: key and plaintext secret; the first 32 bytes of the
 * ciphertext checked. */
static int ct_chacha20(void)
{
    uint8_t key[32], nonce[12], msg[CT_AEAD_LEN], out[CT_AEAD_LEN];
    from_hex(key, "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    from_hex(nonce, "000000000000004a00000000");
    memcpy(msg, CT_AEAD_PLAINTEXT, sizeof msg);
    secret(key, sizeof key);
    secret(msg, sizeof msg);
    if (chacha20_xor(key, 1, nonce, msg, out, sizeof msg) != SEE_OK)
        return 0;
    public(out, sizeof out);
    return check(out, 32, "6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0b");
}

/* RFC 8439 A.3 #8: the polynomial part comes to exactly 2^130 - 5, the
 * final reduction's edge; the one-time key and the message secret. */
static int ct_poly1305(void)
{
    uint8_t key[32], msg[48], tag[POLY1305_TAG_SIZE];
    from_hex(key, "0100000000000000000000000000000000000000000000000000000000000000");
    from_hex(msg, "ffffffffffffffffffffffffffffffff"
                  "fbfefefefefefefefefefefefefefefe"
                  "01010101010101010101010101010101");
    secret(key, sizeof key);
    secret(msg, sizeof msg);
    poly1305(key, msg, sizeof msg, tag);
    public(tag, sizeof tag);
    return check(tag, sizeof tag, "00000000000000000000000000000000");
}

/* RFC 8439 A.3 #3's key (r; s is zero) and its 375-byte message twice:
 * 750 bytes, 46 whole blocks and 14 bytes, long enough for the vector
 * path (POLY1305_VECTOR_MIN_BLOCKS); the tag is libsodium's
 * crypto_onetimeauth_poly1305 of the same. The key and the message
 * secret. Here on the scalar code (the cases run with the portable code
 * forced: ct_check.c's main), whose limbs are poly1305_44.c's where the
 * compiler has 128-bit integers and poly1305_26.c's elsewhere; ct_hw.c
 * runs it on the vector path. */
static const char CT_POLY1305_LONG_MSG[] =
    "Any submission to the IETF intended by the Contributor for publication "
    "as all or part of an IETF Internet-Draft or RFC and any statement made "
    "within the context of an IETF activity is considered an \"IETF "
    "Contribution\". Such statements include oral statements in IETF "
    "sessions, as well as written and electronic communications made at any "
    "time or place, which are addressed to";

static int ct_poly1305_long(void)
{
    enum { TEXT = sizeof CT_POLY1305_LONG_MSG - 1 };  /* 375 bytes */
    uint8_t key[32], msg[2 * TEXT], tag[POLY1305_TAG_SIZE];
    from_hex(key, "36e5f6b5c5e06070f0efca96227a863e00000000000000000000000000000000");
    memcpy(msg, CT_POLY1305_LONG_MSG, TEXT);
    memcpy(msg + TEXT, CT_POLY1305_LONG_MSG, TEXT);
    secret(key, sizeof key);
    secret(msg, sizeof msg);
    poly1305(key, msg, sizeof msg, tag);
    public(tag, sizeof tag);
    return sizeof msg / POLY1305_BLOCK_SIZE >= POLY1305_VECTOR_MIN_BLOCKS &&
           check(tag, sizeof tag, "e2efb5144d763969a58be00aa1515a2a");
}

/* RFC 8439 2.8.2: key and plaintext secret; the tag checked. */
static int ct_chacha20_poly1305_seal(void)
{
    uint8_t key[32], nonce[12], aad[12], msg[CT_AEAD_LEN];
    uint8_t sealed[CT_AEAD_LEN + CHACHA20_POLY1305_TAG_SIZE];
    size_t sealed_len;
    from_hex(key, CT_AEAD_KEY);
    from_hex(nonce, CT_AEAD_NONCE);
    from_hex(aad, CT_AEAD_AAD);
    memcpy(msg, CT_AEAD_PLAINTEXT, sizeof msg);
    secret(key, sizeof key);
    secret(msg, sizeof msg);
    if (chacha20_poly1305_seal(key, nonce, aad, sizeof aad, msg, sizeof msg,
                               sealed, sizeof sealed, &sealed_len) != SEE_OK)
        return 0;
    public(sealed, sizeof sealed);
    return check(sealed + CT_AEAD_LEN, CHACHA20_POLY1305_TAG_SIZE, CT_AEAD_TAG);
}

/* The sealed RFC 8439 2.8.2 message, made with a public key (setup). */
static void ct_aead_sealed(uint8_t sealed[CT_AEAD_LEN + CHACHA20_POLY1305_TAG_SIZE])
{
    uint8_t key[32], nonce[12], aad[12];
    size_t sealed_len;
    from_hex(key, CT_AEAD_KEY);
    from_hex(nonce, CT_AEAD_NONCE);
    from_hex(aad, CT_AEAD_AAD);
    (void)chacha20_poly1305_seal(key, nonce, aad, sizeof aad,
                                 (const uint8_t *)CT_AEAD_PLAINTEXT, CT_AEAD_LEN,
                                 sealed, CT_AEAD_LEN + CHACHA20_POLY1305_TAG_SIZE,
                                 &sealed_len);
}

/* chacha20_poly1305_open itself with the key secret: valgrind must report
 * its one branch, on the verdict (see the header). */
static int ct_chacha20_poly1305_open(void)
{
    uint8_t key[32], nonce[12], aad[12], out[CT_AEAD_LEN];
    uint8_t sealed[CT_AEAD_LEN + CHACHA20_POLY1305_TAG_SIZE];
    size_t out_len;
    ct_aead_sealed(sealed);
    from_hex(key, CT_AEAD_KEY);
    from_hex(nonce, CT_AEAD_NONCE);
    from_hex(aad, CT_AEAD_AAD);
    secret(key, sizeof key);
    see_status st = chacha20_poly1305_open(key, nonce, aad, sizeof aad, sealed,
                                           sizeof sealed, out, sizeof out, &out_len);
    public(out, sizeof out);
    return st == SEE_OK && check(out, 16, "4c616469657320616e642047656e746c");
}

/* Open's steps, as chacha20_poly1305_open takes them (RFC 8439 2.8), with
 * the key secret and the verdict made public: no report may come. */
static int ct_chacha20_poly1305_open_steps(void)
{
    static const uint8_t zeros[16];
    uint8_t key[32], nonce[12], aad[12], otk[32], tag[16], lengths[16] = {0};
    uint8_t sealed[CT_AEAD_LEN + CHACHA20_POLY1305_TAG_SIZE], out[CT_AEAD_LEN];
    ct_aead_sealed(sealed);
    from_hex(key, CT_AEAD_KEY);
    from_hex(nonce, CT_AEAD_NONCE);
    from_hex(aad, CT_AEAD_AAD);
    secret(key, sizeof key);

    chacha20_poly1305_key_gen(key, nonce, otk);
    poly1305_ctx mac;
    poly1305_init(&mac, otk);
    poly1305_update(&mac, aad, sizeof aad);
    poly1305_update(&mac, zeros, 16 - sizeof aad % 16);
    poly1305_update(&mac, sealed, CT_AEAD_LEN);
    poly1305_update(&mac, zeros, 16 - CT_AEAD_LEN % 16);
    lengths[0] = sizeof aad;
    lengths[8] = CT_AEAD_LEN;
    poly1305_update(&mac, lengths, sizeof lengths);
    poly1305_final(&mac, tag);
    int authentic = see_ct_equal(tag, sealed + CT_AEAD_LEN, sizeof tag);
    public(&authentic, sizeof authentic);
    if (!authentic)
        return 0;
    if (chacha20_xor(key, 1, nonce, sealed, out, CT_AEAD_LEN) != SEE_OK)
        return 0;
    public(out, sizeof out);
    return check(out, 16, "4c616469657320616e642047656e746c");
}

#define CT_CHACHA20_POLY1305_CASES                                           \
    {"chacha20", ct_chacha20, CT_PASS},                                      \
    {"poly1305", ct_poly1305, CT_PASS},                                      \
    {"poly1305_long", ct_poly1305_long, CT_PASS},                            \
    {"chacha20_poly1305_seal", ct_chacha20_poly1305_seal, CT_PASS},          \
    {"chacha20_poly1305_open", ct_chacha20_poly1305_open, CT_PASS},          \
    {"chacha20_poly1305_open_steps", ct_chacha20_poly1305_open_steps, CT_PASS},
