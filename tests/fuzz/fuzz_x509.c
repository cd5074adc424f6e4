/* fuzz_x509.c: any input as a certificate (DER), and as a PEM bundle of
 * them; whatever parses is printed, matched against host names and
 * verified against itself. Nothing may crash, leak or read past. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "crypto/x509.h"
#include "crypto/x509_verify.h"

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
    x509_cert_clear(&c);

    x509_bundle b;
    if (x509_bundle_read(&b, data, size) == SEE_OK)
        x509_bundle_free(&b);
    return 0;
}
