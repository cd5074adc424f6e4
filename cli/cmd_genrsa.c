/* cmd_genrsa.c: seetls genrsa, a new RSA private key in a file OpenSSL
 * reads (PKCS#8 by default, PKCS#1 with --pkcs1). */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "cli/keys.h"
#include "pki/keyfile.h"
#include "crypto/rsa.h"
#include "core/util.h"

static const char help[] =
    "usage: seetls genrsa [--bits N] [--insecure] [--pkcs1] [--out FILE]\n"
    "Generate an RSA private key: n = p * q with p, q random primes of N/2\n"
    "bits, e = 65537, d = e^-1 mod lcm(p - 1, q - 1) (FIPS 186-5 A.1.3).\n"
    "Written as PEM, PKCS#8 (\"PRIVATE KEY\", like openssl genpkey) unless\n"
    "--pkcs1 asks for the older \"RSA PRIVATE KEY\" (openssl genrsa\n"
    "-traditional). The file is created readable by its owner only.\n"
    "\n"
    "  -b, --bits N     key size, even, 1024..4096 (default 2048)\n"
    "      --insecure   allow 16..16384 bits: below 1024 a key is breakable\n"
    "      --pkcs1      write PKCS#1 instead of PKCS#8\n"
    "  -o, --out FILE   where to write the key (default: standard output)\n"
    "  -h, --help       this text\n";

/* The search for p and q runs in a thread of its own while this one prints
 * a progress dot to stderr every quarter second, as openssl genrsa does
 * (the prime module offers no progress callback, so we poll). */
typedef struct {
    unsigned bits;
    int insecure;
    rsa_private_key *key;
    see_status status;
    atomic_int done;
} generation;

static void *generate(void *arg)
{
    generation *g = arg;
    g->status = rsa_generate(NULL, g->bits, g->insecure, g->key);
    atomic_store(&g->done, 1);
    return NULL;
}

static see_status generate_with_dots(unsigned bits, int insecure,
                                     rsa_private_key *key)
{
    generation g = {bits, insecure, key, SEE_OK, 0};
    pthread_t thread;
    if (pthread_create(&thread, NULL, generate, &g) != 0)
        return rsa_generate(NULL, bits, insecure, key);
    /* Look every 10 ms, so a quick search is not kept waiting; a dot
     * every 25 looks. */
    const struct timespec tick = {0, 10000000L};
    int dots = 0;
    for (int ticks = 1; !atomic_load(&g.done); ticks++) {
        nanosleep(&tick, NULL);
        if (ticks % 25 == 0 && !atomic_load(&g.done)) {
            fputc('.', stderr);
            dots++;
        }
    }
    pthread_join(thread, NULL);
    if (dots > 0)
        fputc('\n', stderr);
    return g.status;
}

int cmd_genrsa(int argc, char **argv)
{
    size_t bits = 2048;
    int insecure = 0, pkcs1 = 0;
    const char *out_path = NULL;
    const cli_option options[] = {
        CLI_SIZE("bits", 'b', &bits, RSA_HUGE_BITS),
        CLI_FLAG("insecure", 0, &insecure),
        CLI_FLAG("pkcs1", 0, &pkcs1),
        CLI_TEXT("out", 'o', &out_path),
    };
    int status = CLI_PARSE_OPTIONS("genrsa", help, options, argc, argv);
    if (status != CLI_GO_ON)
        return status;
    if (optind < argc)
        return cli_error("genrsa", "unexpected argument '%s' (see seetls genrsa --help)",
                         argv[optind]);
    if (!insecure && (bits < RSA_MIN_BITS || bits > RSA_MAX_BITS))
        return cli_error("genrsa", "--bits %zu: keys must have %d..%d bits "
                         "(--insecure allows %d..%d)", bits, RSA_MIN_BITS,
                         RSA_MAX_BITS, RSA_TINY_BITS, RSA_HUGE_BITS);
    if (bits % 2 != 0)
        return cli_error("genrsa", "--bits %zu: the size must be even", bits);
    if (insecure && bits < RSA_MIN_BITS)
        fprintf(stderr, "seetls genrsa: WARNING: a %zu-bit key is breakable; "
                "for demonstrations only\n", bits);

    fprintf(stderr, "Generating a %zu-bit RSA key (two primes of %zu bits)...\n",
            bits, bits / 2);
    rsa_private_key key;
    rsa_private_init(&key);
    see_status st = generate_with_dots((unsigned)bits, insecure, &key);
    if (st != SEE_OK) {
        rsa_private_clear(&key);
        return cli_error("genrsa", "%s", see_strerror(st));
    }
    static uint8_t out[KEYFILE_MAX_SIZE];
    size_t len;
    st = keyfile_write_rsa_private(&key, pkcs1 ? KEYFILE_RSA_PKCS1 : KEYFILE_PKCS8,
                                   1, out, sizeof out, &len);
    rsa_private_clear(&key);
    int rc = st != SEE_OK ? cli_error("genrsa", "%s", see_strerror(st))
             : cli_write_private_file("genrsa", out_path, out, len) != 0 ? 1 : 0;
    see_wipe(out, sizeof out);
    return rc;
}
