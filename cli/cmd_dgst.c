/* cmd_dgst.c: seetls dgst, RSA signatures of files: RSASSA-PKCS1-v1_5
 * with SHA-256 (RFC 8017 8.2), as openssl dgst -sha256 -sign / -verify. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "cli/keys.h"
#include "crypto/rsa.h"
#include "core/util.h"

static const char help[] =
    "usage: seetls dgst --sign KEY [--out SIG] FILE\n"
    "       seetls dgst --verify KEY --signature SIG FILE\n"
    "Sign FILE with an RSA private key, or verify a signature of it with the\n"
    "public key (a public or a private key file): RSASSA-PKCS1-v1_5 over\n"
    "SHA-256 (RFC 8017 8.2), the signature as long as n. The same as\n"
    "  openssl dgst -sha256 -sign KEY -out SIG FILE\n"
    "  openssl dgst -sha256 -verify PUB -signature SIG FILE\n"
    "Verifying prints \"Verified OK\" (exit 0) or \"Verification failure\"\n"
    "(exit 1).\n"
    "\n"
    "  -s, --sign KEY         sign with this private key file\n"
    "  -v, --verify KEY       verify with this key file\n"
    "      --signature SIG    the signature to verify\n"
    "  -o, --out SIG          where to write the signature (default: stdout)\n"
    "      --sha256           the digest (the only one; accepted for openssl's sake)\n"
    "  -h, --help             this text\n";

static int sign(const char *key_path, const uint8_t *msg, size_t msg_len,
                const char *out_path)
{
    rsa_private_key key;
    rsa_private_init(&key);
    if (cli_load_rsa_private("dgst", key_path, &key, NULL) != 0) {
        rsa_private_clear(&key);
        return 1;
    }
    size_t k = rsa_private_size(&key), len;
    uint8_t *sig = malloc(k);
    see_status st = sig == NULL ? SEE_ERR_NO_MEMORY
                    : rsa_pkcs1_sign(&key, NULL, msg, msg_len, sig, k, &len);
    rsa_private_clear(&key);
    int rc = st != SEE_OK ? cli_error("dgst", "%s", see_strerror(st))
             : cli_write_file("dgst", out_path, sig, len) != 0;
    free(sig);
    return rc;
}

static int verify(const char *key_path, const char *sig_path,
                  const uint8_t *msg, size_t msg_len)
{
    rsa_public_key key;
    rsa_public_init(&key);
    if (cli_load_rsa_public("dgst", key_path, &key, NULL) != 0) {
        rsa_public_clear(&key);
        return 1;
    }
    uint8_t *sig;
    size_t sig_len;
    if (cli_read_file("dgst", sig_path, &sig, &sig_len) != 0) {
        rsa_public_clear(&key);
        return 1;
    }
    size_t k = rsa_public_size(&key);
    see_status st = rsa_pkcs1_verify(&key, msg, msg_len, sig, sig_len);
    rsa_public_clear(&key);
    free(sig);
    if (st == SEE_OK) {
        printf("Verified OK\n");
        return 0;
    }
    if (st == SEE_ERR_RSA_SIG_LENGTH)
        return cli_error("dgst", "%s: %s (%zu bytes; this key's are %zu)",
                         sig_path, see_strerror(st), sig_len, k);
    if (st != SEE_ERR_RSA_SIG_INVALID)
        return cli_error("dgst", "%s", see_strerror(st));
    printf("Verification failure\n");
    return 1;
}

int cmd_dgst(int argc, char **argv)
{
    const char *sign_key = NULL, *verify_key = NULL, *sig_path = NULL;
    const char *out_path = NULL;
    int sha256 = 1; /* the only digest: --sha256 is accepted, as openssl's */
    const cli_option options[] = {
        CLI_TEXT("sign", 's', &sign_key),
        CLI_TEXT("verify", 'v', &verify_key),
        CLI_TEXT("signature", 0, &sig_path),
        CLI_TEXT("out", 'o', &out_path),
        CLI_FLAG("sha256", 0, &sha256),
    };
    int status = CLI_PARSE_OPTIONS("dgst", help, options, argc, argv);
    if (status != CLI_GO_ON)
        return status;
    if ((sign_key == NULL) == (verify_key == NULL))
        return cli_error("dgst", "one of --sign KEY or --verify KEY is required");
    if (verify_key != NULL && sig_path == NULL)
        return cli_error("dgst", "--verify needs --signature SIG");
    if (argc - optind != 1)
        return cli_error("dgst", "exactly one FILE to sign or verify");

    uint8_t *msg;
    size_t msg_len;
    if (cli_read_file("dgst", argv[optind], &msg, &msg_len) != 0)
        return 1;
    int rc = sign_key != NULL ? sign(sign_key, msg, msg_len, out_path)
                              : verify(verify_key, sig_path, msg, msg_len);
    free(msg);
    return rc;
}
