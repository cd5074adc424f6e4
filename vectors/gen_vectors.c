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
    free(m);
    printf("gen_vectors: wrote %s/sha256_libsodium.txt and "
           "%s/hmac_sha256_libsodium.txt\n", argv[1], argv[1]);
    return 0;
}
