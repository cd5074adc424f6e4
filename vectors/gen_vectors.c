/*
 * gen_vectors.c: writes the libsodium-generated vector files of vectors/.
 *
 *   make vectors          (runs build/gen_vectors vectors)
 *
 * libsodium is an independent implementation of SHA-256 and HMAC-SHA256;
 * these files pin our code to its answers on thousands of inputs. To keep
 * the files small, messages and keys are not stored: each is defined by a
 * formula of its length, stated in the file's header and repeated in the
 * tests that read it (tests/unit/test_sha256.c, tests/unit/test_hmac.c):
 *
 *   message byte i (message of len bytes) = (i*31 + len) mod 256
 *   key byte i     (key of key_len bytes) = (i*7 + key_len*13 + 1) mod 256
 *
 * The ChaCha20-Poly1305 and Poly1305 files (write_chacha20poly1305,
 * write_poly1305) define their keys, nonces and AAD by formulas of their
 * own, stated in their headers.
 *
 * This program is part of the tests, not of seetls: it is the only place
 * besides tests/ and bench/ that links libsodium.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#define SHA_MAX_LEN    1024
#define SHA_BIG_LEN    (1024 * 1024)
#define HMAC_MAX_KEY   200

static void fill_message(unsigned char *m, size_t len)
{
    for (size_t i = 0; i < len; i++)
        m[i] = (unsigned char)((i * 31 + len) % 256);
}

static void fill_key(unsigned char *k, size_t key_len)
{
    for (size_t i = 0; i < key_len; i++)
        k[i] = (unsigned char)((i * 7 + key_len * 13 + 1) % 256);
}

/* The message lengths paired with each key length: one short (0..299,
 * walking through every block boundary case as key_len varies) and one
 * longer than a block several times over. */
static size_t hmac_short_len(size_t key_len) { return (key_len * 37) % 300; }
static size_t hmac_long_len(size_t key_len)  { return 1000 + key_len; }

static void print_hex(FILE *f, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%02x", p[i]);
    fputc('\n', f);
}

static FILE *open_out(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        perror(path);
        exit(1);
    }
    return f;
}

static void close_out(FILE *f, const char *name)
{
    if (ferror(f) || fclose(f) != 0) {
        fprintf(stderr, "gen_vectors: error writing %s\n", name);
        exit(1);
    }
}

static void sha256_case(FILE *f, unsigned char *m, size_t len)
{
    unsigned char md[crypto_hash_sha256_BYTES];
    fill_message(m, len);
    crypto_hash_sha256(md, m, len);
    fprintf(f, "len = %zu\nmd = ", len);
    print_hex(f, md, sizeof md);
    fputc('\n', f);
}

static void write_sha256(const char *dir, unsigned char *m)
{
    const char *name = "sha256_libsodium.txt";
    FILE *f = open_out(dir, name);
    fprintf(f,
        "# SHA-256 (FIPS 180-4) digests computed by libsodium %s\n"
        "# (crypto_hash_sha256), written by vectors/gen_vectors.c.\n"
        "# Every message length from 0 to %d bytes, then 1 MiB.\n"
        "# The message of len bytes is not stored: byte i of it is\n"
        "#   (i*31 + len) mod 256\n"
        "\n", sodium_version_string(), SHA_MAX_LEN);
    for (size_t len = 0; len <= SHA_MAX_LEN; len++)
        sha256_case(f, m, len);
    sha256_case(f, m, SHA_BIG_LEN);
    close_out(f, name);
}

/* libsodium's one-shot crypto_auth_hmacsha256 takes 32-byte keys only; the
 * streaming API takes any length and hashes keys over 64 bytes first, as
 * RFC 2104 says. */
static void hmac_case(FILE *f, unsigned char *key, size_t key_len,
                      unsigned char *m, size_t msg_len)
{
    crypto_auth_hmacsha256_state st;
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    fill_key(key, key_len);
    fill_message(m, msg_len);
    crypto_auth_hmacsha256_init(&st, key, key_len);
    crypto_auth_hmacsha256_update(&st, m, msg_len);
    crypto_auth_hmacsha256_final(&st, mac);
    fprintf(f, "key_len = %zu\nmsg_len = %zu\nmac = ", key_len, msg_len);
    print_hex(f, mac, sizeof mac);
    fputc('\n', f);
}

static void write_hmac(const char *dir, unsigned char *m)
{
    const char *name = "hmac_sha256_libsodium.txt";
    unsigned char key[HMAC_MAX_KEY];
    FILE *f = open_out(dir, name);
    fprintf(f,
        "# HMAC-SHA256 (RFC 2104) tags computed by libsodium %s\n"
        "# (crypto_auth_hmacsha256_init/update/final, which accept keys of\n"
        "# any length), written by vectors/gen_vectors.c.\n"
        "# Every key length from 0 to %d bytes, each with two messages:\n"
        "# (key_len*37) mod 300 bytes and 1000 + key_len bytes.\n"
        "# Keys and messages are not stored: byte i of them is\n"
        "#   key:     (i*7 + key_len*13 + 1) mod 256\n"
        "#   message: (i*31 + msg_len) mod 256\n"
        "\n", sodium_version_string(), HMAC_MAX_KEY);
    for (size_t k = 0; k <= HMAC_MAX_KEY; k++) {
        hmac_case(f, key, k, m, hmac_short_len(k));
        hmac_case(f, key, k, m, hmac_long_len(k));
    }
    close_out(f, name);
}

/* X25519 (RFC 7748): libsodium's crypto_scalarmult on 256 scalars and
 * u-coordinates made by formulas of the case number n, then u values from
 * p up (non-canonical) and the points of small order, each also with bit
 * 255 set (which X25519 ignores). libsodium refuses (-1) exactly when the
 * result is all zeros, as RFC 7748 6.1 asks: "refused = yes" in the file. */
#define X25519_FORMULA_CASES 256

static void x25519_case(FILE *f, const char *kind, const unsigned char k[32],
                        const unsigned char u[32])
{
    unsigned char q[32];
    fprintf(f, "kind = %s\nscalar = ", kind);
    print_hex(f, k, 32);
    fprintf(f, "u = ");
    print_hex(f, u, 32);
    if (crypto_scalarmult(q, k, u) != 0) {
        fprintf(f, "refused = yes\n\n");
        return;
    }
    fprintf(f, "shared = ");
    print_hex(f, q, 32);
    if (crypto_scalarmult_base(q, k) != 0) {
        fprintf(stderr, "gen_vectors: crypto_scalarmult_base failed\n");
        exit(1);
    }
    fprintf(f, "public = ");
    print_hex(f, q, 32);
    fputc('\n', f);
}

/* u = p + m = 2^255 - 19 + m, little-endian, plus 2^255 when top is set. */
static void x25519_p_plus(unsigned char u[32], unsigned m, int top)
{
    memset(u, 0xff, 32);
    u[0] = (unsigned char)(0xed + m);
    u[31] = top ? 0xff : 0x7f;
}

static void write_x25519(const char *dir)
{
    /* The u values of small order (the list of Bernstein's Curve25519
     * page, libsodium's): 0 (order 2 on the curve), 1 (order 4 on the
     * twist), the two of order 8, p - 1 (order 4); their other encodings
     * p, p + 1 are among the above-p cases. */
    static const char *const small_order[] = {
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    };
    const char *name = "x25519_libsodium.txt";
    FILE *f = open_out(dir, name);
    unsigned char k[32], u[32];
    fprintf(f, "# X25519 (RFC 7748 5) computed by libsodium %s\n"
               "# (crypto_scalarmult: shared = X25519(scalar, u);\n"
               "# crypto_scalarmult_base: public = X25519(scalar, 9)), written by\n"
               "# vectors/gen_vectors.c. \"refused = yes\": libsodium returned -1,\n"
               "# the result being all zeros (RFC 7748 6.1); we must refuse too.\n"
               "# kind = formula: case n = 0..%d, byte i of\n"
               "#   scalar = (i*29 + n*113 + 7) mod 256, u = (i*53 + n*71 + 3) mod 256\n"
               "# kind = above-p: u = p + m (m = 0..18, p = 2^255 - 19), and + 2^255\n"
               "# kind = small-order: 0, 1, the two points of order 8, p - 1, each\n"
               "#   also with bit 255 set\n\n",
            sodium_version_string(), X25519_FORMULA_CASES - 1);
    for (unsigned n = 0; n < X25519_FORMULA_CASES; n++) {
        for (unsigned i = 0; i < 32; i++) {
            k[i] = (unsigned char)((i * 29 + n * 113 + 7) % 256);
            u[i] = (unsigned char)((i * 53 + n * 71 + 3) % 256);
        }
        x25519_case(f, "formula", k, u);
    }
    for (unsigned m = 0; m < 19; m++) {
        for (unsigned i = 0; i < 32; i++)
            k[i] = (unsigned char)((i * 29 + m * 113 + 7) % 256);
        x25519_p_plus(u, m, 0);
        x25519_case(f, "above-p", k, u);
        x25519_p_plus(u, m, 1);
        x25519_case(f, "above-p", k, u);
    }
    for (size_t j = 0; j < sizeof small_order / sizeof small_order[0]; j++) {
        for (unsigned i = 0; i < 32; i++) {
            k[i] = (unsigned char)((i * 29 + j * 113 + 7) % 256);
            sscanf(small_order[j] + 2 * i, "%2hhx", &u[i]);
        }
        x25519_case(f, "small-order", k, u);
        u[31] |= 0x80;
        x25519_case(f, "small-order", k, u);
    }
    close_out(f, name);
    printf("gen_vectors: wrote %s/%s\n", dir, name);
/* ChaCha20-Poly1305 (RFC 8439) and Poly1305 alone, from libsodium's
 * crypto_aead_chacha20poly1305_ietf_encrypt and crypto_onetimeauth_poly1305.
 * Inputs are defined by formulas of the message length m and the AAD
 * length a, stated in the files' headers and repeated in
 * tests/unit/test_chacha20.c. */
#define AEAD_MAX_SHORT 300

static void aead_fill(unsigned char *key, unsigned char *nonce,
                      unsigned char *aad, size_t a, unsigned char *m, size_t len)
{
    for (size_t i = 0; i < 32; i++)
        key[i] = (unsigned char)((i * 7 + len * 13 + a + 1) % 256);
    for (size_t i = 0; i < 12; i++)
        nonce[i] = (unsigned char)((i * 11 + len + 3 * a) % 256);
    for (size_t i = 0; i < a; i++)
        aad[i] = (unsigned char)((i * 5 + a) % 256);
    fill_message(m, len);
}

static void aead_case(FILE *f, unsigned char *m, unsigned char *c,
                      size_t len, size_t a)
{
    unsigned char key[32], nonce[12], aad[256];
    unsigned long long c_len;
    aead_fill(key, nonce, aad, a, m, len);
    crypto_aead_chacha20poly1305_ietf_encrypt(c, &c_len, m, len, aad, a,
                                              NULL, nonce, key);
    fprintf(f, "msg_len = %zu\naad_len = %zu\n", len, a);
    if (len <= AEAD_MAX_SHORT) {
        fprintf(f, "sealed = ");
        print_hex(f, c, (size_t)c_len);
    } else {
        unsigned char md[crypto_hash_sha256_BYTES];
        crypto_hash_sha256(md, c, len);
        fprintf(f, "ciphertext_sha256 = ");
        print_hex(f, md, sizeof md);
        fprintf(f, "tag = ");
        print_hex(f, c + len, 16);
    }
    fputc('\n', f);
}

static void write_chacha20poly1305(const char *dir, unsigned char *m)
{
    static const size_t long_lens[] = {1023, 4096, 16384, 65539};
    const char *name = "chacha20poly1305_libsodium.txt";
    unsigned char *c = malloc(70000);
    if (c == NULL) {
        fprintf(stderr, "gen_vectors: out of memory\n");
        exit(1);
    }
    FILE *f = open_out(dir, name);
    fprintf(f,
        "# AEAD_CHACHA20_POLY1305 (RFC 8439 2.8) computed by libsodium %s\n"
        "# (crypto_aead_chacha20poly1305_ietf_encrypt), written by\n"
        "# vectors/gen_vectors.c. Every message length m from 0 to %d bytes\n"
        "# with AAD of (m*13) mod 41 bytes; every AAD length a from 0 to 80\n"
        "# with a message of (a*7) mod 33 bytes; then m = 1023, 4096, 16384\n"
        "# and 65539 with 13 bytes of AAD, for which the ciphertext's SHA-256\n"
        "# and the tag are given instead of the sealed bytes.\n"
        "# Inputs are not stored: byte i of them is\n"
        "#   key (32 bytes):   (i*7 + m*13 + a + 1) mod 256\n"
        "#   nonce (12 bytes): (i*11 + m + 3*a) mod 256\n"
        "#   aad (a bytes):    (i*5 + a) mod 256\n"
        "#   message:          (i*31 + m) mod 256\n"
        "# sealed = ciphertext || 16-byte tag.\n"
        "\n", sodium_version_string(), AEAD_MAX_SHORT);
    for (size_t len = 0; len <= AEAD_MAX_SHORT; len++)
        aead_case(f, m, c, len, (len * 13) % 41);
    for (size_t a = 0; a <= 80; a++)
        aead_case(f, m, c, (a * 7) % 33, a);
    for (size_t i = 0; i < sizeof long_lens / sizeof long_lens[0]; i++)
        aead_case(f, m, c, long_lens[i], 13);
    close_out(f, name);
    free(c);
}

static void poly1305_case(FILE *f, unsigned char *m, size_t len)
{
    unsigned char key[32], tag[crypto_onetimeauth_poly1305_BYTES];
    for (size_t i = 0; i < 32; i++)
        key[i] = (unsigned char)((i * 7 + len * 13 + 1) % 256);
    fill_message(m, len);
    crypto_onetimeauth_poly1305(tag, m, len, key);
    fprintf(f, "msg_len = %zu\ntag = ", len);
    print_hex(f, tag, sizeof tag);
    fputc('\n', f);
}

static void write_poly1305(const char *dir, unsigned char *m)
{
    const char *name = "poly1305_libsodium.txt";
    FILE *f = open_out(dir, name);
    fprintf(f,
        "# Poly1305 (RFC 8439 2.5) tags computed by libsodium %s\n"
        "# (crypto_onetimeauth_poly1305), written by vectors/gen_vectors.c.\n"
        "# Every message length m from 0 to %d bytes, then 1000 and 4099.\n"
        "# Keys and messages are not stored: byte i of them is\n"
        "#   key (32 bytes): (i*7 + m*13 + 1) mod 256\n"
        "#   message:        (i*31 + m) mod 256\n"
        "\n", sodium_version_string(), AEAD_MAX_SHORT);
    for (size_t len = 0; len <= AEAD_MAX_SHORT; len++)
        poly1305_case(f, m, len);
    poly1305_case(f, m, 1000);
    poly1305_case(f, m, 4099);
    close_out(f, name);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: gen_vectors DIR\n");
        return 2;
    }
    if (sodium_init() < 0) {
        fprintf(stderr, "gen_vectors: libsodium failed to initialise\n");
        return 1;
    }
    unsigned char *m = malloc(SHA_BIG_LEN);
    if (m == NULL) {
        fprintf(stderr, "gen_vectors: out of memory\n");
        return 1;
    }
    write_sha256(argv[1], m);
    write_hmac(argv[1], m);
    write_x25519(argv[1]);
    write_chacha20poly1305(argv[1], m);
    write_poly1305(argv[1], m);
    free(m);
    printf("gen_vectors: wrote %s/sha256_libsodium.txt, "
           "%s/hmac_sha256_libsodium.txt\n", argv[1], argv[1]);
    printf("gen_vectors: wrote %s/chacha20poly1305_libsodium.txt, "
           "%s/poly1305_libsodium.txt\n", argv[1], argv[1]);
    return 0;
}
