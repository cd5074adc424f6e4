/* keys.c: loading, writing and printing keys for the subcommands (see
 * keys.h). */
#include "cli/keys.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "crypto/bignum.h"
#include "core/fdio.h"
#include "core/util.h"
#include "pki/keyfile_x25519.h"

/* "reason", "reason (at byte N of the DER)" for DER-level errors, or for
 * a DH group too small, how to allow it. */
static int report(const char *command, const char *path, see_status st,
                  const keyfile_info *info)
{
    if (st == SEE_ERR_DH_GROUP_SMALL)
        return cli_error(command,
                         "%s: %s (below %d bits; --insecure allows it)", path,
                         see_strerror(st), DH_MIN_BITS);
    if (info->der.error != SEE_OK)
        return cli_error(command, "%s: %s (at byte %zu of the DER)", path,
                         see_strerror(st), info->der.error_offset);
    return cli_error(command, "%s: %s", path, see_strerror(st));
}

/* Read a key file into one buffer of its exact size, unbuffered
 * (file_read_whole): a stdio buffer would keep a copy of the key and
 * fclose would free it unwiped. Standard input and other non-regular
 * files go through cli_read_file, which wipes each buffer it outgrows. */
static int read_key_file(const char *command, const char *path,
                         uint8_t **data, size_t *len)
{
    struct stat st;
    if (strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return cli_read_file(command, path, data, len);
    if (file_read_whole(path, KEYFILE_MAX_INPUT, data, len) == 0)
        return 0;
    if (errno == EFBIG)
        cli_error(command, "%s: too large for a key file", path);
    else
        cli_error(command, "%s: %s", path, strerror(errno));
    return -1;
}

/* What a key file is read as. */
typedef enum {
    AS_RSA_PRIVATE, AS_RSA_PUBLIC, AS_DH_PARAMS, AS_X25519_PRIVATE,
    AS_X25519_PUBLIC, AS_X25519_ANY
} key_kind;

/* The keyfile.h reader for kind: out is an rsa_private_key, an
 * rsa_public_key, a dh_group or (keyfile_x25519.h) 32 bytes. */
static see_status parse_key(key_kind kind, const uint8_t *data, size_t len,
                            int allow_insecure, void *out, keyfile_info *info)
{
    switch (kind) {
    case AS_RSA_PRIVATE:
        return keyfile_read_rsa_private(data, len, NULL, out, info);
    case AS_RSA_PUBLIC:
        return keyfile_read_rsa_public(data, len, out, info);
    case AS_DH_PARAMS:
        return keyfile_read_dh_params(data, len, allow_insecure, NULL, out,
                                      info);
    case AS_X25519_PRIVATE:
        return keyfile_read_x25519_private(data, len, out, info);
    case AS_X25519_PUBLIC:
        return keyfile_read_x25519_public(data, len, out, info);
    case AS_X25519_ANY: {
        uint8_t (*pair)[X25519_KEY_SIZE] = out;
        return keyfile_read_x25519_any(data, len, pair[0], pair[1], info);
    }
    }
    return SEE_ERR_ARGUMENT;
}

/* What every loader does: read the file, parse it as kind, wipe and free
 * the bytes read, and print the error if any. */
static int load_key(const char *command, const char *path, key_kind kind,
                    int allow_insecure, void *out, keyfile_info *info)
{
    keyfile_info scratch;
    if (info == NULL)
        info = &scratch;
    uint8_t *data;
    size_t len;
    if (read_key_file(command, path, &data, &len) != 0)
        return -1;
    see_status st = parse_key(kind, data, len, allow_insecure, out, info);
    see_wipe(data, len);
    free(data);
    if (st != SEE_OK) {
        report(command, path, st, info);
        return -1;
    }
    return 0;
}

int cli_load_rsa_private(const char *command, const char *path,
                         rsa_private_key *key, keyfile_info *info)
{
    return load_key(command, path, AS_RSA_PRIVATE, 0, key, info);
}

int cli_load_rsa_public(const char *command, const char *path,
                        rsa_public_key *key, keyfile_info *info)
{
    return load_key(command, path, AS_RSA_PUBLIC, 0, key, info);
}

int cli_load_dh_params(const char *command, const char *path,
                       int allow_insecure, dh_group *group)
{
    return load_key(command, path, AS_DH_PARAMS, allow_insecure, group, NULL);
}

int cli_load_x25519_private(const char *command, const char *path,
                            uint8_t private_key[X25519_KEY_SIZE],
                            keyfile_info *info)
{
    return load_key(command, path, AS_X25519_PRIVATE, 0, private_key, info);
}

int cli_load_x25519_public(const char *command, const char *path,
                           uint8_t public_key[X25519_KEY_SIZE],
                           keyfile_info *info)
{
    return load_key(command, path, AS_X25519_PUBLIC, 0, public_key, info);
}

int cli_load_x25519_any(const char *command, const char *path,
                        uint8_t pair[2][X25519_KEY_SIZE], keyfile_info *info)
{
    return load_key(command, path, AS_X25519_ANY, 0, pair, info);
}

int cli_write_private_file(const char *command, const char *path,
                           const void *data, size_t len)
{
    if (path == NULL || strcmp(path, "-") == 0)
        return cli_write_file(command, path, data, len);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) {
        cli_error(command, "%s: %s", path, strerror(errno));
        return -1;
    }
    const uint8_t *p = data;
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(fd, p + done, len - done);
        if (n <= 0) {
            close(fd);
            cli_error(command, "%s: write error", path);
            return -1;
        }
        done += (size_t)n;
    }
    if (close(fd) != 0) {
        cli_error(command, "%s: write error", path);
        return -1;
    }
    return 0;
}

void cli_print_number(const char *name, const char *slide, const mpz_t x)
{
    size_t bits = mpz_sgn(x) == 0 ? 0 : mpz_sizeinbase(x, 2);
    if (bits <= 64) {
        char *text = mpz_get_str(NULL, 10, x);
        char *hex = mpz_get_str(NULL, 16, x);
        printf("%s (%s, %zu bits): %s (0x%s)\n", name, slide, bits, text, hex);
        free(text);
        free(hex);
        return;
    }
    printf("%s (%s, %zu bits):\n", name, slide, bits);
    size_t len = (bits + 7) / 8;
    uint8_t *bytes = malloc(len + 1);
    if (bytes == NULL)
        return;
    /* openssl shows a leading 00 when the top bit is set (DER's sign). */
    bytes[0] = 0;
    bn_to_bytes(x, bytes + 1, len);
    size_t start = (bytes[1] & 0x80) ? 0 : 1;
    size_t count = len + 1 - start;
    for (size_t i = 0; i < count; i++) {
        if (i % 15 == 0)
            printf("    ");
        printf("%02x%s", bytes[start + i], i + 1 == count ? "" : ":");
        if (i % 15 == 14 || i + 1 == count)
            printf("\n");
    }
    see_wipe(bytes, len + 1);
    free(bytes);
}

char *cli_number_text(const mpz_t x)
{
    if (mpz_sizeinbase(x, 2) <= 64)
        return mpz_get_str(NULL, 10, x);
    char *hex = mpz_get_str(NULL, 16, x);
    size_t n = strlen(hex);
    char *out = malloc(n + 3);
    if (out != NULL) {
        memcpy(out, "0x", 2);
        memcpy(out + 2, hex, n + 1);
    }
    free(hex);
    return out;
}
