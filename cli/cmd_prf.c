/* cmd_prf.c: seetls prf, the TLS 1.2 PRF with SHA-256 (RFC 5246 section 5). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
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
    static const struct option options[] = {
        {"secret", required_argument, NULL, 's'},
        {"label", required_argument, NULL, 'l'},
        {"seed", required_argument, NULL, 'e'},
        {"length", required_argument, NULL, 'n'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *secret_hex = NULL, *label = NULL, *seed_hex = NULL, *length = NULL;
    int opt;
    while ((opt = getopt_long(argc, argv, "s:l:e:n:h", options, NULL)) != -1) {
        switch (opt) {
        case 's': secret_hex = optarg; break;
        case 'l': label = optarg; break;
        case 'e': seed_hex = optarg; break;
        case 'n': length = optarg; break;
        case 'h': fputs(help, stdout); return 0;
        default: fputs(help, stderr); return 2;
        }
    }
    if (secret_hex == NULL || label == NULL || seed_hex == NULL || length == NULL)
        return cli_error("prf", "--secret, --label, --seed and --length are all "
                                "required (see seetls prf --help)");
    if (optind < argc)
        return cli_error("prf", "unexpected argument '%s'", argv[optind]);

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
