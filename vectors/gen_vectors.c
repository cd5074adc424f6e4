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
    free(m);
    printf("gen_vectors: wrote %s/sha256_libsodium.txt and "
           "%s/hmac_sha256_libsodium.txt\n", argv[1], argv[1]);
    return 0;
}
