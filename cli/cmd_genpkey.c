/* cmd_genpkey.c: seetls genpkey, a new X25519 private key in the PKCS#8
 * file openssl genpkey -algorithm X25519 writes (RFC 8410 7). */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "cli/keys.h"
#include "crypto/x25519.h"
#include "pki/keyfile_x25519.h"
#include "core/util.h"

static const char help[] =
    "usage: seetls genpkey --algorithm x25519 [--out FILE]\n"
    "Generate an X25519 private key: 32 random bytes a (the system's\n"
    "generator), whose public key is A = a*G (RFC 7748). Written as PEM,\n"
    "PKCS#8 (\"PRIVATE KEY\", RFC 8410 7), byte for byte what openssl\n"
    "genpkey -algorithm X25519 writes. The file is created readable by its\n"
    "owner only. For RSA keys, see seetls genrsa.\n"
    "\n"
    "  -a, --algorithm NAME  x25519 (the only one; any case)\n"
    "  -o, --out FILE        where to write the key (default: standard output)\n"
    "  -h, --help            this text\n";

int cmd_genpkey(int argc, char **argv)
{
    const char *algorithm = NULL, *out_path = NULL;
    const cli_option options[] = {
        CLI_TEXT("algorithm", 'a', &algorithm),
        CLI_TEXT("out", 'o', &out_path),
    };
    int status = CLI_PARSE_OPTIONS("genpkey", help, options, argc, argv);
    if (status != CLI_GO_ON)
        return status;
    if (algorithm == NULL)
        return cli_error("genpkey", "--algorithm x25519 is required");
    if (strcasecmp(algorithm, "x25519") != 0)
        return cli_error("genpkey", "--algorithm %s: only x25519 (for RSA "
                         "keys, see seetls genrsa)", algorithm);
    if (cli_refuse_operands("genpkey", argc, argv) != 0)
        return 1;

    uint8_t a[X25519_KEY_SIZE], A[X25519_KEY_SIZE];
    uint8_t out[KEYFILE_X25519_MAX_SIZE];
    size_t len;
    see_status st = x25519_generate_key(NULL, a, A);
    if (st == SEE_OK)
        st = keyfile_write_x25519_private(a, 1, out, sizeof out, &len);
    int rc = st != SEE_OK ? cli_error("genpkey", "%s", see_strerror(st))
             : cli_write_private_file("genpkey", out_path, out, len) != 0;
    see_wipe(a, sizeof a);
    see_wipe(out, sizeof out);
    return rc;
}
