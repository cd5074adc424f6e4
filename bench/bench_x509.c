/*
 * bench_x509.c: certificates, ours next to OpenSSL libcrypto's, on the
 * fixtures of vectors/certs/ (2048-bit RSA keys, made by openssl),
 * compiled into the program: ours are the entries of speed/workloads.h,
 * which `seetls speed` times too.
 *
 * Like with like:
 *   parse    one DER certificate (server.der, 953 bytes) into a struct:
 *            x509_parse against d2i_X509 (+ X509_free). OpenSSL decodes
 *            its extensions lazily, on first use; we decode them at once,
 *            so theirs also asks for one (X509_get_extension_flags).
 *   verify   the chain server <- inter <- root from DER each time: three
 *            parses, two signature checks, validity, CA flags, purpose and
 *            host name. x509_verify against d2i_X509 of the three, an
 *            X509_STORE with the root, X509_verify_cert with purpose
 *            sslserver and the host set.
 * OpenSSL 3.0's d2i_X509 is slow (its public key goes through the
 * provider decoder framework and X509_get_extension_flags hashes the
 * certificate for its cache), so the parse ratio says more about that
 * than about DER; the verify row is dominated by the two RSA checks.
 * Targets: parse >= 1.0x OpenSSL, verify >= 0.5x.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include "bench/measure.h"
#include "bench/sections.h"

#define PARSE_TARGET  1.0
#define VERIFY_TARGET 0.5
static void theirs_parse(void *arg)
{
    speed_x509 *fx = arg;
    const unsigned char *p = fx->leaf.data;
    X509 *x = d2i_X509(NULL, &p, (long)fx->leaf.len);
    if (x == NULL)
        abort();
    X509_get_extension_flags(x);
    X509_free(x);
}

static X509 *decode(const x509_bytes *b)
{
    const unsigned char *p = b->data;
    X509 *x = d2i_X509(NULL, &p, (long)b->len);
    if (x == NULL)
        abort();
    return x;
}

static void theirs_verify(void *arg)
{
    speed_x509 *fx = arg;
    X509 *leaf = decode(&fx->leaf), *inter = decode(&fx->inter);
    X509 *root = decode(&fx->root);
    X509_STORE *store = X509_STORE_new();
    STACK_OF(X509) *untrusted = sk_X509_new_null();
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    X509_STORE_add_cert(store, root);
    sk_X509_push(untrusted, inter);
    X509_STORE_CTX_init(ctx, store, leaf, untrusted);
    X509_VERIFY_PARAM *param = X509_STORE_CTX_get0_param(ctx);
    X509_VERIFY_PARAM_set_time(param, SPEED_X509_WHEN);
    X509_VERIFY_PARAM_set1_host(param, SPEED_X509_HOST, 0);
    X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_SSL_SERVER);
    if (X509_verify_cert(ctx) != 1)
        abort();
    X509_STORE_CTX_free(ctx);
    sk_X509_free(untrusted);
    X509_STORE_free(store);
    X509_free(leaf);
    X509_free(inter);
    X509_free(root);
}

/* Ours is the entry `id` of speed/workloads.h on its state; theirs gets
 * the same certificates. */
static void row(speed_id id, speed_fn *theirs, double target, double seconds)
{
    void *ours = bench_ours_start(id);
    speed_fn *const fns[] = {speed_workloads[id].run, theirs};
    void *const args[] = {ours, ours};
    double rates[2];
    speed_rates(2, fns, args, seconds, rates);
    bench_row(speed_workloads[id].row, rates[0], rates[1], "ops/s", "OpenSSL", target);
    bench_ours_stop(id, ours);
}

void bench_x509(double seconds)
{
    bench_section("certificates (X.509, RSA-2048 fixtures)");
    row(SPEED_X509_PARSE, theirs_parse, PARSE_TARGET, seconds);
    row(SPEED_X509_VERIFY, theirs_verify, VERIFY_TARGET, seconds);
}
