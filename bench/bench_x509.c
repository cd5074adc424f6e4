/*
 * bench_x509.c: certificates, ours next to OpenSSL libcrypto's, on the
 * fixtures of vectors/certs/ (2048-bit RSA keys, made by openssl).
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
#include "pki/x509.h"
#include "pki/x509_verify.h"

#define PARSE_TARGET  1.0
#define VERIFY_TARGET 0.5
#define WHEN 2000000000   /* 2033, inside every fixture's validity */

typedef struct {
    x509_bytes leaf, inter, root;
    x509_cert cert;
} fixtures;

static x509_bytes read_fixture(const char *name)
{
    char path[128];
    snprintf(path, sizeof path, "vectors/certs/%s.der", name);
    FILE *f = fopen(path, "rb");
    uint8_t *buf = malloc(X509_MAX_CERT_SIZE);
    if (f == NULL || buf == NULL) {
        fprintf(stderr, "bench_x509: cannot read %s (run from the top of the "
                "repository)\n", path);
        exit(1);
    }
    size_t n = fread(buf, 1, X509_MAX_CERT_SIZE, f);
    fclose(f);
    return (x509_bytes){buf, n};
}

static void ours_parse(void *arg)
{
    fixtures *fx = arg;
    if (x509_parse(&fx->cert, fx->leaf.data, fx->leaf.len, NULL) != SEE_OK)
        abort();
}

static void theirs_parse(void *arg)
{
    fixtures *fx = arg;
    const unsigned char *p = fx->leaf.data;
    X509 *x = d2i_X509(NULL, &p, (long)fx->leaf.len);
    if (x == NULL)
        abort();
    X509_get_extension_flags(x);
    X509_free(x);
}

static void ours_verify(void *arg)
{
    fixtures *fx = arg;
    x509_bytes chain[2] = {fx->leaf, fx->inter};
    if (x509_verify(chain, 2, &fx->root, 1, "robot.lab", X509_FOR_SERVER,
                    WHEN, NULL, NULL) != SEE_OK)
        abort();
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
    fixtures *fx = arg;
    X509 *leaf = decode(&fx->leaf), *inter = decode(&fx->inter);
    X509 *root = decode(&fx->root);
    X509_STORE *store = X509_STORE_new();
    STACK_OF(X509) *untrusted = sk_X509_new_null();
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    X509_STORE_add_cert(store, root);
    sk_X509_push(untrusted, inter);
    X509_STORE_CTX_init(ctx, store, leaf, untrusted);
    X509_VERIFY_PARAM *param = X509_STORE_CTX_get0_param(ctx);
    X509_VERIFY_PARAM_set_time(param, WHEN);
    X509_VERIFY_PARAM_set1_host(param, "robot.lab", 0);
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

void bench_x509(double seconds)
{
    fixtures fx;
    fx.leaf = read_fixture("server");
    fx.inter = read_fixture("inter");
    fx.root = read_fixture("root");
    x509_cert_init(&fx.cert);

    bench_section("certificates (X.509, RSA-2048 fixtures)");
    speed_fn *const parse[] = {ours_parse, theirs_parse};
    void *const args[] = {&fx, &fx};
    double rates[2];
    speed_rates(2, parse, args, seconds, rates);
    bench_row("parse a certificate", rates[0], rates[1], "ops/s", "OpenSSL",
              PARSE_TARGET);
    speed_fn *const verify[] = {ours_verify, theirs_verify};
    speed_rates(2, verify, args, seconds, rates);
    bench_row("verify a 3-certificate chain", rates[0], rates[1], "ops/s",
              "OpenSSL", VERIFY_TARGET);

    x509_cert_clear(&fx.cert);
    free((void *)fx.leaf.data);
    free((void *)fx.inter.data);
    free((void *)fx.root.data);
}
