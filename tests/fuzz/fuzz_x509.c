/* fuzz_x509.c: any input as a certificate (DER), and as a PEM bundle of
 * them; whatever parses is printed, matched against host names and
 * verified against itself; and the input cut in two, verified as a leaf
 * and its anchor. Nothing may crash, leak or read past. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "pki/x509.h"
#include "pki/x509_verify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void use_parsed(const x509_cert *c, const uint8_t *data, size_t size)
{
    char text[512];
    x509_name_text(&c->subject, text, sizeof text);
    x509_name_text(&c->issuer, text, 7); /* truncation */
    x509_host_matches(c, "robot.lab");
    x509_host_matches(c, "pi.alex.lab");
    x509_host_matches(c, "127.0.0.1");
    x509_purpose_allows(c, X509_FOR_SERVER);
    x509_purpose_allows(c, X509_FOR_CLIENT);
    /* A public operation with a huge key is slow, not wrong: keep the
     * fuzzer fast. */
    if (mpz_sizeinbase(c->key.n, 2) <= 4096 && mpz_sizeinbase(c->key.e, 2) <= 64)
        x509_check_signature(c, &c->key);
    x509_bytes self = {data, size};
    x509_verify(&self, 1, &self, 1, "robot.lab", X509_FOR_SERVER,
                c->not_before, NULL, NULL);
}

/* The input cut in two (at an offset its first two bytes give): a leaf
 * and an anchor for the path builder, each way round. */
static void verify_pair(const uint8_t *data, size_t size)
{
    if (size < 2)
        return;
    size_t cut = ((size_t)data[0] << 8 | data[1]) % (size - 1) + 2;
    x509_bytes a = {data + 2, cut - 2}, b = {data + cut, size - cut};
    x509_bytes both[2] = {a, b};
    x509_verify(&a, 1, &b, 1, "robot.lab", X509_FOR_SERVER, 2000000000, NULL, NULL);
    x509_verify(&b, 1, &a, 1, NULL, X509_FOR_CLIENT, 2000000000, NULL, NULL);
    x509_verify(both, 2, &b, 1, "127.0.0.1", X509_FOR_ANY, 1700000000, NULL, NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    x509_cert c;
    x509_error err;
    char text[256];
    x509_cert_init(&c);
    if (x509_parse(&c, data, size, &err) == SEE_OK)
        use_parsed(&c, data, size);
    else
        x509_error_text(&err, text, sizeof text);
    if (x509_parse_anchor(&c, data, size, &err) == SEE_OK &&
        mpz_sizeinbase(c.key.n, 2) <= 4096 && mpz_sizeinbase(c.key.e, 2) <= 64)
        x509_check_signature(&c, &c.key);
    x509_cert_clear(&c);

    x509_bundle b;
    if (x509_bundle_read(&b, data, size) == SEE_OK)
        x509_bundle_free(&b);
    verify_pair(data, size);
    return 0;
}
