/* cmd_prime.c: seetls prime, test numbers for primality or generate
 * primes and safe primes, in the manner of openssl prime. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gmp.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "crypto/prime.h"

static const char help[] =
    "usage: seetls prime [--hex] NUMBER...\n"
    "       seetls prime --generate --bits N [--safe] [--hex]\n"
    "Test each NUMBER (decimal, or hex with --hex) by trial division and 64\n"
    "rounds of Miller-Rabin, printing like openssl prime:\n"
    "  HEX (NUMBER) is prime    or    HEX (NUMBER) is not prime\n"
    "The exit status is 0 when every NUMBER was read (prime or not).\n"
    "With --generate, print a random prime of exactly N bits (its top two\n"
    "bits set), or with --safe a safe prime p = 2q + 1 (q prime too), in\n"
    "decimal (hex with --hex). 16..64-bit safe primes are instant (and\n"
    "breakable: they are for class demos); 2048-bit ones take minutes.\n"
    "\n"
    "  -g, --generate   generate instead of test\n"
    "  -b, --bits N     size of the generated prime, 3..8192\n"
    "  -s, --safe       generate a safe prime\n"
    "  -x, --hex        numbers in and out in hex\n"
    "  -h, --help       this text\n";

/* Parse a non-negative number: digits of the base only, nothing else. */
static int parse_number(mpz_t n, const char *text, int hex)
{
    if (*text == '\0')
        return -1;
    for (const char *c = text; *c; c++)
        if (hex ? !isxdigit((unsigned char)*c) : !isdigit((unsigned char)*c))
            return -1;
    return mpz_set_str(n, text, hex ? 16 : 10);
}

static void print_upper_hex(const mpz_t n)
{
    char *s = mpz_get_str(NULL, 16, n);
    for (char *c = s; *c; c++)
        *c = (char)toupper((unsigned char)*c);
    fputs(s, stdout);
    void (*free_fn)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &free_fn);
    free_fn(s, strlen(s) + 1);
}

static int test_numbers(int count, char **numbers, int hex)
{
    int status = 0;
    mpz_t n;
    mpz_init(n);
    for (int i = 0; i < count; i++) {
        if (parse_number(n, numbers[i], hex) != 0) {
            status = cli_error("prime", "not a %s number: %s",
                               hex ? "hex" : "decimal", numbers[i]);
            continue;
        }
        int is_prime = 0;
        see_status st = prime_test(n, PRIME_ROUNDS_ADVERSARIAL, NULL, &is_prime);
        if (st != SEE_OK) {
            status = cli_error("prime", "%s", see_strerror(st));
            continue;
        }
        print_upper_hex(n);
        printf(" (%s) is %s\n", numbers[i], is_prime ? "prime" : "not prime");
    }
    mpz_clear(n);
    return status;
}

static int generate(size_t bits, int safe, int hex)
{
    mpz_t p;
    mpz_init(p);
    see_status st = safe ? prime_random_safe(NULL, p, (unsigned)bits)
                         : prime_random(NULL, p, (unsigned)bits);
    if (st != SEE_OK) {
        mpz_clear(p);
        return cli_error("prime", "%s", see_strerror(st));
    }
    if (hex)
        print_upper_hex(p);
    else
        mpz_out_str(stdout, 10, p);
    putchar('\n');
    mpz_clear(p);
    return 0;
}

int cmd_prime(int argc, char **argv)
{
    int gen = 0, safe = 0, hex = 0;
    const char *bits_text = NULL;
    const cli_option options[] = {
        CLI_FLAG("generate", 'g', &gen),
        CLI_TEXT("bits", 'b', &bits_text),
        CLI_FLAG("safe", 's', &safe),
        CLI_FLAG("hex", 'x', &hex),
    };
    int status = CLI_PARSE_OPTIONS("prime", help, options, argc, argv);
    if (status != CLI_GO_ON)
        return status;
    if (gen) {
        if (optind < argc)
            return cli_error("prime", "--generate takes no NUMBER (see seetls prime --help)");
        if (bits_text == NULL)
            return cli_error("prime", "--generate needs --bits N");
        size_t bits;
        if (cli_parse_size("prime", "bits", bits_text, 8192, &bits) != 0)
            return 1;
        if (bits < 3)
            return cli_error("prime", "--bits must be at least 3");
        return generate(bits, safe, hex);
    }
    if (bits_text != NULL || safe)
        return cli_error("prime", "--bits and --safe go with --generate");
    if (optind == argc)
        return cli_error("prime", "no NUMBER to test (see seetls prime --help)");
    return test_numbers(argc - optind, argv + optind, hex);
}
