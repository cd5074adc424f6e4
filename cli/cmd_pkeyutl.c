/* cmd_pkeyutl.c: seetls pkeyutl, RSA encryption and decryption of a short
 * message (RFC 8017: RSAES-PKCS1-v1_5 or RSAES-OAEP with SHA-256), and
 * X25519 key agreement (RFC 7748 6.1: --derive). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "cli/keys.h"
#include "crypto/rsa.h"
#include "crypto/x25519.h"
#include "core/util.h"

static const char help[] =
    "usage: seetls pkeyutl --encrypt|--decrypt --key FILE [--pad pkcs1|oaep]\n"
    "                      [--in FILE] [--out FILE]\n"
    "       seetls pkeyutl --derive --key PRIV --peerkey PUB [--out FILE]\n"
    "Encrypt a short message with an RSA public key (a public or a private\n"
    "key file), or decrypt with the private key. The ciphertext is exactly\n"
    "as long as n. Padding (RFC 8017):\n"
    "  pkcs1  RSAES-PKCS1-v1_5 (7.2), messages up to k - 11 bytes (default)\n"
    "  oaep   RSAES-OAEP (7.1) with SHA-256 and MGF1-SHA-256, empty label,\n"
    "         messages up to k - 66 bytes; openssl pkeyutl's -pkeyopt\n"
    "         rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256\n"
    "         -pkeyopt rsa_mgf1_md:sha256\n"
    "With --derive, X25519 (RFC 7748 6.1): our private key a (an X25519\n"
    "PRIVATE KEY file) and the peer's public key B (a PUBLIC KEY file, or\n"
    "the peer's private key file) give the shared secret S = a*B, written\n"
    "as 32 raw bytes like openssl pkeyutl -derive. An all-zero S (B of\n"
    "small order) is refused, and nothing is written.\n"
    "\n"
    "  -e, --encrypt       encrypt\n"
    "  -d, --decrypt       decrypt\n"
    "      --derive        X25519 shared secret S = a*B\n"
    "  -k, --key FILE      the key file (PEM or DER)\n"
    "      --peerkey FILE  the peer's X25519 public key (with --derive)\n"
    "      --pad MODE      pkcs1 or oaep\n"
    "  -i, --in FILE       input (default: standard input)\n"
    "  -o, --out FILE      output (default: standard output)\n"
    "  -h, --help          this text\n";

static int encrypt(const char *key_path, int oaep, const uint8_t *in,
                   size_t in_len, const char *out_path)
{
    rsa_public_key key;
    rsa_public_init(&key);
    if (cli_load_rsa_public("pkeyutl", key_path, &key, NULL) != 0) {
        rsa_public_clear(&key);
        return 1;
    }
    size_t k = rsa_public_size(&key), len;
    uint8_t *out = malloc(k);
    see_status st = out == NULL ? SEE_ERR_NO_MEMORY
                    : oaep ? rsa_oaep_encrypt(&key, NULL, NULL, 0, in, in_len,
                                              out, k, &len)
                           : rsa_pkcs1_encrypt(&key, NULL, in, in_len, out, k,
                                               &len);
    rsa_public_clear(&key);
    int rc;
    if (st == SEE_ERR_RSA_MSG_TOO_LONG)
        rc = cli_error("pkeyutl", "%s (%zu bytes; at most %zu with %s padding)",
                       see_strerror(st), in_len, k - (oaep ? 66 : 11),
                       oaep ? "OAEP" : "PKCS#1 v1.5");
    else if (st != SEE_OK)
        rc = cli_error("pkeyutl", "%s", see_strerror(st));
    else
        rc = cli_write_file("pkeyutl", out_path, out, len) != 0;
    free(out);
    return rc;
}

static int decrypt(const char *key_path, int oaep, const uint8_t *in,
                   size_t in_len, const char *out_path)
{
    rsa_private_key key;
    rsa_private_init(&key);
    if (cli_load_rsa_private("pkeyutl", key_path, &key, NULL) != 0) {
        rsa_private_clear(&key);
        return 1;
    }
    size_t k = rsa_private_size(&key), len = 0;
    uint8_t *out = malloc(k);
    see_status st;
    if (out == NULL)
        st = SEE_ERR_NO_MEMORY;
    else if (in_len != k)
        st = SEE_ERR_RSA_DECRYPT; /* reported with the sizes below */
    else if (oaep)
        st = rsa_oaep_decrypt(&key, NULL, NULL, 0, in, in_len, out, k, &len);
    else
        st = rsa_pkcs1_decrypt(&key, NULL, in, in_len, out, k, &len);
    rsa_private_clear(&key);
    int rc;
    if (out != NULL && in_len != k)
        rc = cli_error("pkeyutl", "the ciphertext has %zu bytes; this key's "
                       "has %zu", in_len, k);
    else if (st != SEE_OK)
        rc = cli_error("pkeyutl", "%s", see_strerror(st));
    else
        rc = cli_write_file("pkeyutl", out_path, out, len) != 0;
    if (out != NULL) {
        see_wipe(out, k);
        free(out);
    }
    return rc;
}

/* S = a*B from our private key file and the peer's public key file. */
static int derive(const char *key_path, const char *peer_path,
                  const char *out_path)
{
    uint8_t a[X25519_KEY_SIZE], B[X25519_KEY_SIZE], S[X25519_KEY_SIZE];
    if (cli_load_x25519_private("pkeyutl", key_path, a, NULL) != 0)
        return 1;
    int rc = 1;
    if (cli_load_x25519_public("pkeyutl", peer_path, B, NULL) == 0) {
        see_status st = x25519_shared_secret(S, a, B);
        if (st == SEE_ERR_X25519_ZERO_SECRET)
            rc = cli_error("pkeyutl", "%s: %s; no secret written", peer_path,
                           see_strerror(st));
        else if (st != SEE_OK)
            rc = cli_error("pkeyutl", "%s", see_strerror(st));
        else
            rc = cli_write_private_file("pkeyutl", out_path, S, sizeof S) != 0;
    }
    see_wipe(a, sizeof a);
    see_wipe(S, sizeof S);
    return rc;
}

/* --pad pkcs1|oaep into *oaep (an int). */
static int parse_pad(void *oaep, const char *value)
{
    if (strcmp(value, "oaep") == 0)
        *(int *)oaep = 1;
    else if (strcmp(value, "pkcs1") == 0)
        *(int *)oaep = 0;
    else
        return cli_error("pkeyutl", "--pad %s: pkcs1 or oaep", value);
    return 0;
}

int cmd_pkeyutl(int argc, char **argv)
{
    static const char both[] = "only one of --encrypt, --decrypt, --derive";
    int mode = 0, oaep = -1; /* -1: no --pad given */
    const char *key_path = NULL, *peer_path = NULL, *in_path = NULL,
               *out_path = NULL;
    const cli_option options[] = {
        CLI_ONE_OF("encrypt", 'e', &mode, 'e', both),
        CLI_ONE_OF("decrypt", 'd', &mode, 'd', both),
        CLI_ONE_OF("derive", 0, &mode, 'x', both),
        CLI_TEXT("key", 'k', &key_path),
        CLI_TEXT("peerkey", 0, &peer_path),
        CLI_CALL("pad", 0, parse_pad, &oaep),
        CLI_TEXT("in", 'i', &in_path),
        CLI_TEXT("out", 'o', &out_path),
    };
    int status = CLI_PARSE_OPTIONS("pkeyutl", help, options, argc, argv);
    if (status != CLI_GO_ON)
        return status;
    if (mode == 0)
        return cli_error("pkeyutl", "--encrypt, --decrypt or --derive is required");
    if (key_path == NULL)
        return cli_error("pkeyutl", "--key FILE is required");
    if (cli_refuse_operands("pkeyutl", argc, argv) != 0)
        return 1;
    if (mode == 'x' && peer_path == NULL)
        return cli_error("pkeyutl", "--derive needs --peerkey FILE");
    if (mode != 'x' && peer_path != NULL)
        return cli_error("pkeyutl", "--peerkey is for --derive only");
    if (mode == 'x' && (in_path != NULL || oaep != -1))
        return cli_error("pkeyutl", "--derive takes no %s (its inputs are "
                         "the two key files)", in_path != NULL ? "--in" : "--pad");
    if (mode == 'x')
        return derive(key_path, peer_path, out_path);
    if (in_path == NULL)
        in_path = "-";
    if (oaep == -1)
        oaep = 0;

    uint8_t *in;
    size_t in_len;
    if (cli_read_file("pkeyutl", in_path, &in, &in_len) != 0)
        return 1;
    int rc = mode == 'e' ? encrypt(key_path, oaep, in, in_len, out_path)
                         : decrypt(key_path, oaep, in, in_len, out_path);
    see_wipe(in, in_len);
    free(in);
    return rc;
}
