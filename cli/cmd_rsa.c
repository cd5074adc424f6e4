/* cmd_rsa.c: seetls rsa, read an RSA key file: show it, check it, convert
 * it, or extract its public key. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "cli/keys.h"
#include "pki/keyfile.h"
#include "crypto/rsa.h"
#include "core/util.h"

static const char help[] =
    "usage: seetls rsa --in FILE [--pubin] [--text] [--check]\n"
    "                  [--pubout] [--pkcs1] [--der] [--out FILE]\n"
    "Read an RSA key (PEM or DER; PKCS#8 \"PRIVATE KEY\", PKCS#1 \"RSA PRIVATE\n"
    "KEY\", or with --pubin \"PUBLIC KEY\" / \"RSA PUBLIC KEY\"). Every private\n"
    "key is checked on load as openssl rsa -check does (p and q prime,\n"
    "n = p * q, d, dP, dQ, qInv consistent).\n"
    "\n"
    "  -i, --in FILE   the key file (- for standard input)\n"
    "      --pubin     the file holds a public key\n"
    "  -t, --text      show n, e, d, p, q, dP, dQ, qInv with their sizes,\n"
    "                  named as openssl rsa -text names them and as the\n"
    "                  slides do\n"
    "      --check     say \"RSA key ok\" (the checks are made on load)\n"
    "      --pubout    write the public key (SubjectPublicKeyInfo, \"PUBLIC\n"
    "                  KEY\"; with --pkcs1 \"RSA PUBLIC KEY\")\n"
    "      --pkcs1     write the PKCS#1 form rather than PKCS#8 / SPKI\n"
    "      --der       write DER rather than PEM\n"
    "  -o, --out FILE  write the key there (default: standard output, unless\n"
    "                  --text or --check was asked for alone)\n"
    "  -h, --help      this text\n";

static void print_private(const rsa_private_key *key)
{
    printf("RSA private key, %zu bits\n", mpz_sizeinbase(key->n, 2));
    cli_print_number("modulus", "n = p * q", key->n);
    cli_print_number("publicExponent", "e", key->e);
    cli_print_number("privateExponent", "d, d * e = 1 mod lcm(p-1, q-1)", key->d);
    cli_print_number("prime1", "p", key->p);
    cli_print_number("prime2", "q", key->q);
    cli_print_number("exponent1", "dP = d mod (p - 1)", key->dp);
    cli_print_number("exponent2", "dQ = d mod (q - 1)", key->dq);
    cli_print_number("coefficient", "qInv = q^-1 mod p", key->qinv);
}

static void print_public(const rsa_public_key *key)
{
    printf("RSA public key, %zu bits\n", mpz_sizeinbase(key->n, 2));
    cli_print_number("modulus", "n = p * q", key->n);
    cli_print_number("publicExponent", "e", key->e);
}

int cmd_rsa(int argc, char **argv)
{
    const char *in_path = NULL, *out_path = NULL;
    int pubin = 0, text = 0, check = 0, pubout = 0, pkcs1 = 0, der = 0;
    const cli_option options[] = {
        CLI_TEXT("in", 'i', &in_path),
        CLI_FLAG("pubin", 0, &pubin),
        CLI_FLAG("text", 't', &text),
        CLI_FLAG("check", 0, &check),
        CLI_FLAG("pubout", 0, &pubout),
        CLI_FLAG("pkcs1", 0, &pkcs1),
        CLI_FLAG("der", 0, &der),
        CLI_TEXT("out", 'o', &out_path),
    };
    int status = CLI_PARSE_OPTIONS("rsa", help, options, argc, argv);
    if (status != CLI_GO_ON)
        return status;
    if (in_path == NULL)
        return cli_error("rsa", "--in FILE is required (see seetls rsa --help)");
    if (cli_refuse_operands("rsa", argc, argv) != 0)
        return 1;
    int write_key = out_path != NULL || pubout || (!text && !check);

    static uint8_t out[KEYFILE_MAX_SIZE];
    size_t len = 0;
    see_status st = SEE_OK;
    int rc = 0;
    rsa_public_key pub;
    rsa_public_init(&pub);
    if (pubin) {
        if (cli_load_rsa_public("rsa", in_path, &pub, NULL) != 0) {
            rsa_public_clear(&pub);
            return 1;
        }
        if (text)
            print_public(&pub);
    } else {
        rsa_private_key key;
        rsa_private_init(&key);
        if (cli_load_rsa_private("rsa", in_path, &key, NULL) != 0) {
            rsa_private_clear(&key);
            rsa_public_clear(&pub);
            return 1;
        }
        if (text)
            print_private(&key);
        rsa_public_from_private(&pub, &key);
        if (write_key && !pubout)
            st = keyfile_write_rsa_private(&key, pkcs1 ? KEYFILE_RSA_PKCS1
                                                       : KEYFILE_PKCS8,
                                           !der, out, sizeof out, &len);
        rsa_private_clear(&key);
    }
    if (check)
        printf("RSA key ok\n");
    if (write_key && (pubout || pubin))
        st = keyfile_write_rsa_public(&pub, pkcs1 ? KEYFILE_RSA_PKCS1
                                                  : KEYFILE_SPKI,
                                      !der, out, sizeof out, &len);
    rsa_public_clear(&pub);
    if (st != SEE_OK)
        rc = cli_error("rsa", "%s", see_strerror(st));
    else if (write_key && !pubout && !pubin)
        rc = cli_write_private_file("rsa", out_path, out, len) != 0;
    else if (write_key)
        rc = cli_write_file("rsa", out_path, out, len) != 0;
    see_wipe(out, sizeof out);
    return rc;
}
