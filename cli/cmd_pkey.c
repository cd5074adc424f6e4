/* cmd_pkey.c: seetls pkey, show an X25519 key or write its public key,
 * like openssl pkey (RFC 8410 key files). */
#include <stdarg.h>
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

/* Append to text (cap bytes, NUL-terminated) what format says. */
static void append(char *text, size_t cap, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
static void append(char *text, size_t cap, const char *format, ...)
{
    size_t used = strlen(text);
    va_list ap;
    va_start(ap, format);
    vsnprintf(text + used, cap - used, format, ap);
    va_end(ap);
}

/* "NAME:" then the bytes as openssl prints them: colon-separated hex, 15
 * bytes a line, indented by four spaces. */
static void append_bytes(char *text, size_t cap, const char *name,
                         const uint8_t *bytes, size_t len)
{
    append(text, cap, "%s:\n", name);
    for (size_t i = 0; i < len; i++)
        append(text, cap, "%s%02x%s", i % 15 == 0 ? "    " : "", bytes[i],
               i + 1 == len ? "\n" : i % 15 == 14 ? ":\n" : ":");
}

/* The lines of openssl pkey -text, each number under one line with the
 * slides' name for it. */
static void append_key_text(char *text, size_t cap, int is_private,
                            const uint8_t *a, const uint8_t *A)
{
    append(text, cap, "X25519 %s-Key:\n", is_private ? "Private" : "Public");
    if (is_private) {
        append(text, cap, "# priv: private key a (secret)\n");
        append_bytes(text, cap, "priv", a, X25519_KEY_SIZE);
    }
    append(text, cap, "# pub: public key A = a*G (u-coordinate, little-endian)\n");
    append_bytes(text, cap, "pub", A, X25519_KEY_SIZE);
}

/* The PEM, and with text its lines, written to out_path in one go
 * (owner-only when it holds a). */
static int write_key(const char *out_path, int is_private, int pubout,
                     int text, const uint8_t *a, const uint8_t *A)
{
    char out[KEYFILE_X25519_MAX_SIZE + 512];
    size_t len;
    int write_private = is_private && !pubout;
    see_status st = write_private
        ? keyfile_write_x25519_private(a, 1, (uint8_t *)out, sizeof out, &len)
        : keyfile_write_x25519_public(A, 1, (uint8_t *)out, sizeof out, &len);
    int rc;
    if (st != SEE_OK) {
        rc = cli_error("pkey", "%s", see_strerror(st));
    } else {
        if (text)
            append_key_text(out, sizeof out, write_private, a, A);
        len = strlen(out);
        rc = write_private ? cli_write_private_file("pkey", out_path, out, len) != 0
                           : cli_write_file("pkey", out_path, out, len) != 0;
    }
    see_wipe(out, sizeof out);
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
