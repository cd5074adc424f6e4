/* cmd_pkey.c: seetls pkey, show an X25519 key or write its public key,
 * like openssl pkey (RFC 8410 key files). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "cli/keys.h"
#include "crypto/x25519.h"
#include "pki/keyfile_x25519.h"
#include "core/util.h"

static const char help[] =
    "usage: seetls pkey --in FILE [--pubout] [--text] [--out FILE]\n"
    "Read an X25519 key file (PKCS#8 private key or SubjectPublicKeyInfo\n"
    "public key, PEM or DER, RFC 8410) and write it again as PEM: the key\n"
    "itself, or with --pubout its public key A = a*G. --text adds the key\n"
    "in hex as openssl pkey -text prints it. For RSA keys, see seetls rsa.\n"
    "\n"
    "  -i, --in FILE    the key file (default: standard input)\n"
    "      --pubout     write the public key (\"PUBLIC KEY\") only\n"
    "      --text       print the key in hex after the PEM\n"
    "  -o, --out FILE   output (default: standard output)\n"
    "  -h, --help       this text\n";

/* "NAME:" then the bytes as openssl prints them: colon-separated hex, 15
 * bytes a line, indented by four spaces. */
static void print_bytes(FILE *f, const char *name, const uint8_t *bytes,
                        size_t len)
{
    fprintf(f, "%s:\n", name);
    for (size_t i = 0; i < len; i++)
        fprintf(f, "%s%02x%s", i % 15 == 0 ? "    " : "", bytes[i],
                i + 1 == len ? "\n" : i % 15 == 14 ? ":\n" : ":");
}

/* The lines of openssl pkey -text, and in one line each the slides' names
 * for the two numbers. */
static void print_text(FILE *f, int is_private, const uint8_t *a,
                       const uint8_t *A)
{
    fprintf(f, "X25519 %s-Key:\n", is_private ? "Private" : "Public");
    if (is_private) {
        fprintf(f, "# priv: private key a (secret)\n");
        print_bytes(f, "priv", a, X25519_KEY_SIZE);
    }
    fprintf(f, "# pub: public key A = a*G (u-coordinate, little-endian)\n");
    print_bytes(f, "pub", A, X25519_KEY_SIZE);
}

/* Write the PEM (and the text) to out_path, owner-only when it holds a. */
static int write_key(const char *out_path, int is_private, int pubout,
                     int text, const uint8_t *a, const uint8_t *A)
{
    uint8_t pem[KEYFILE_X25519_MAX_SIZE];
    size_t len;
    int write_private = is_private && !pubout;
    see_status st = write_private
                        ? keyfile_write_x25519_private(a, 1, pem, sizeof pem, &len)
                        : keyfile_write_x25519_public(A, 1, pem, sizeof pem, &len);
    if (st != SEE_OK)
        return cli_error("pkey", "%s", see_strerror(st));
    int rc;
    if (!text) {
        rc = write_private ? cli_write_private_file("pkey", out_path, pem, len) != 0
                           : cli_write_file("pkey", out_path, pem, len) != 0;
    } else {
        FILE *f = out_path == NULL || strcmp(out_path, "-") == 0
                      ? stdout : fopen(out_path, "w");
        if (f == NULL) {
            see_wipe(pem, sizeof pem);
            return cli_error("pkey", "%s: cannot write", out_path);
        }
        fwrite(pem, 1, len, f);
        print_text(f, write_private, a, A);
        rc = (f == stdout ? fflush(f) : fclose(f)) != 0
                 ? cli_error("pkey", "write error") : 0;
    }
    see_wipe(pem, sizeof pem);
    return rc;
}

int cmd_pkey(int argc, char **argv)
{
    int pubout = 0, text = 0;
    const char *in_path = "-", *out_path = NULL;
    const cli_option options[] = {
        CLI_TEXT("in", 'i', &in_path),
        CLI_FLAG("pubout", 0, &pubout),
        CLI_FLAG("text", 0, &text),
        CLI_TEXT("out", 'o', &out_path),
    };
    int status = CLI_PARSE_OPTIONS("pkey", help, options, argc, argv);
    if (status != CLI_GO_ON)
        return status;
    if (cli_refuse_operands("pkey", argc, argv) != 0)
        return 1;

    uint8_t pair[2][X25519_KEY_SIZE] = {{0}}; /* a, A */
    keyfile_info info;
    if (cli_load_x25519_any("pkey", in_path, pair, &info) != 0)
        return 1;
    int rc = write_key(out_path, info.is_private, pubout, text, pair[0],
                       pair[1]);
    see_wipe(pair, sizeof pair);
    return rc;
}
