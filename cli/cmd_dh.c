/* cmd_dh.c: seetls dh, the slides' Diffie-Hellman exchange run on a
 * parameter file: Alice and Bob each draw a private exponent, send
 * A = g^a mod p and B = g^b mod p, and both arrive at the same S. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "cli/keys.h"
#include "crypto/bignum.h"
#include "crypto/dh.h"
#include "core/util.h"

static const char help[] =
    "usage: seetls dh --params FILE [--insecure] [--a N --b N]\n"
    "Run one Diffie-Hellman exchange in the group of FILE (\"DH PARAMETERS\",\n"
    "from seetls dhparam or openssl dhparam) and show every value with the\n"
    "slides' names:\n"
    "  a, b                Alice's and Bob's private exponents (random)\n"
    "  A = g^a mod p       Alice's public value, sent to Bob\n"
    "  B = g^b mod p       Bob's public value, sent to Alice\n"
    "  S = B^a mod p       what Alice computes\n"
    "  S = A^b mod p       what Bob computes: the same number\n"
    "Exit 0 when both sides agree.\n"
    "\n"
    "  -p, --params FILE  the parameter file (PEM or DER)\n"
    "      --insecure     accept groups below 2048 bits (demos)\n"
    "      --a N, --b N   chosen private exponents (decimal) instead of random\n"
    "                     ones, to replay an example: the slides' toy group\n"
    "                     with --a 6 --b 15 gives A = 8, B = 19, S = 2.\n"
    "                     A secret everybody knows: demonstrations only\n"
    "  -h, --help         this text\n";

static void show(const char *label, const mpz_t x)
{
    char *text = cli_number_text(x);
    printf("%-22s %s\n", label, text != NULL ? text : "?");
    free(text);
}

/* A private exponent: the one given (and its public value), or a fresh
 * random pair. */
static see_status key_pair(const dh_group *group, const char *given, mpz_t x,
                           mpz_t y)
{
    if (given == NULL) {
        /* In a tiny group a random a can give A = 1 or p - 1 (5^11 mod 23
         * = 22), which the peer rightly refuses: draw again. In a real
         * group this never happens in practice. */
        see_status st = SEE_OK;
        for (int tries = 0; tries < 100; tries++) {
            st = dh_generate_key(group, NULL, x, y);
            if (st == SEE_OK)
                st = dh_check_public(group, y);
            if (st != SEE_ERR_DH_PUBLIC_RANGE && st != SEE_ERR_DH_PUBLIC_SUBGROUP)
                break;
        }
        return st;
    }
    if (mpz_set_str(x, given, 10) != 0)
        return SEE_ERR_ARGUMENT;
    return dh_public_from_private(group, x, y);
}

static int run(const dh_group *group, const char *given_a, const char *given_b)
{
    mpz_t a, b, A, B, s_alice, s_bob;
    mpz_inits(a, b, A, B, s_alice, s_bob, NULL);
    see_status st = key_pair(group, given_a, a, A);
    if (st == SEE_OK)
        st = key_pair(group, given_b, b, B);
    if (st == SEE_OK)
        st = dh_shared_secret_number(group, a, B, s_alice);
    if (st == SEE_OK)
        st = dh_shared_secret_number(group, b, A, s_bob);
    int rc;
    if (st == SEE_ERR_ARGUMENT || st == SEE_ERR_DH_PRIVATE_RANGE) {
        rc = cli_error("dh", "--a/--b: a private exponent is a decimal number "
                       "from 1 to p - 2");
    } else if (st != SEE_OK) {
        rc = cli_error("dh", "%s", see_strerror(st));
    } else {
        if (given_a != NULL || given_b != NULL)
            printf("chosen private exponents: a demonstration, not a secret\n");
        printf("group: %s, p of %u bits\n",
               group->name != NULL ? group->name : "from the file",
               dh_group_bits(group));
        show("p", group->p);
        show("g", group->g);
        show("a (Alice, private)", a);
        show("A = g^a mod p", A);
        show("b (Bob, private)", b);
        show("B = g^b mod p", B);
        show("S = B^a mod p (Alice)", s_alice);
        show("S = A^b mod p (Bob)", s_bob);
        int same = mpz_cmp(s_alice, s_bob) == 0;
        printf("%s\n", same ? "Alice and Bob hold the same S"
                            : "MISMATCH: the two sides differ");
        rc = same ? 0 : 1;
    }
    bn_clear_secret(a);
    bn_clear_secret(b);
    bn_clear_secret(s_alice);
    bn_clear_secret(s_bob);
    mpz_clears(A, B, NULL);
    return rc;
}

int cmd_dh(int argc, char **argv)
{
    const char *path = NULL, *given_a = NULL, *given_b = NULL;
    int insecure = 0;
    const cli_option options[] = {
        CLI_TEXT("params", 'p', &path),
        CLI_FLAG("insecure", 0, &insecure),
        CLI_TEXT("a", 0, &given_a),
        CLI_TEXT("b", 0, &given_b),
    };
    int status = CLI_PARSE_OPTIONS("dh", help, options, argc, argv);
    if (status != CLI_GO_ON)
        return status;
    if (path == NULL)
        return cli_error("dh", "--params FILE is required (see seetls dh --help)");
    if (cli_refuse_operands("dh", argc, argv) != 0)
        return 1;

    dh_group group;
    dh_group_init(&group);
    int rc = cli_load_dh_params("dh", path, insecure, &group) != 0 ? 1
                                                                  : run(&group, given_a, given_b);
    dh_group_clear(&group);
    return rc;
}
