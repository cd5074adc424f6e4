/* cmd_prf.c: seetls prf, the TLS 1.2 PRF with SHA-256 (RFC 5246 section 5). */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "crypto/prf.h"
#include "core/util.h"

#define PRF_MAX_OUTPUT 65536

static const char help[] =
    "usage: seetls prf --secret HEX --label TEXT --seed HEX --length N\n"
    "Print PRF(secret, label, seed) = P_SHA256(secret, label + seed), the\n"
    "TLS 1.2 PRF of RFC 5246 section 5, as N bytes of lower-case hex.\n"
    "The handshake uses it with the labels \"master secret\", \"key\n"
    "expansion\", \"client finished\" and \"server finished\".\n"
    "\n"
    "  -s, --secret HEX   the secret (e.g. the premaster secret PS)\n"
    "  -l, --label TEXT   the ASCII label\n"
    "  -e, --seed HEX     the seed (e.g. RB + RS)\n"
    "  -n, --length N     bytes of output, 0 to 65536\n"
    "  -h, --help         this text\n";

int cmd_prf(int argc, char **argv)
{
    const char *secret_hex = NULL, *label = NULL, *seed_hex = NULL, *length = NULL;
    const cli_option options[] = {
        CLI_TEXT("secret", 's', &secret_hex),
        CLI_TEXT("label", 'l', &label),
        CLI_TEXT("seed", 'e', &seed_hex),
        CLI_TEXT("length", 'n', &length),
    };
    int status = CLI_PARSE_OPTIONS("prf", help, options, argc, argv);
    if (status != CLI_GO_ON)
        return status;
    if (secret_hex == NULL || label == NULL || seed_hex == NULL || length == NULL)
        return cli_error("prf", "--secret, --label, --seed and --length are all "
                                "required (see seetls prf --help)");
    if (cli_refuse_operands("prf", argc, argv) != 0)
        return 1;

    size_t out_len;
    if (cli_parse_size("prf", "length", length, PRF_MAX_OUTPUT, &out_len) != 0)
        return 1;
    uint8_t *secret = NULL, *seed = NULL;
    size_t secret_len, seed_len;
    if (cli_parse_hex("prf", "secret", secret_hex, &secret, &secret_len) != 0)
        return 1;
    if (cli_parse_hex("prf", "seed", seed_hex, &seed, &seed_len) != 0) {
        free(secret);
        return 1;
    }
    uint8_t *out = malloc(out_len ? out_len : 1);
    if (out == NULL) {
        free(secret);
        free(seed);
        return cli_error("prf", "out of memory");
    }
    prf_tls12(secret, secret_len, label, seed, seed_len, out, out_len);
    cli_print_hex(out, out_len);
    see_wipe(secret, secret_len);
    see_wipe(out, out_len);
    free(secret);
    free(seed);
    free(out);
    return 0;
}
