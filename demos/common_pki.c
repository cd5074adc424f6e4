/* common_pki.c: a CA and a server certificate for the demos. */
#include "demos/common_pki.h"

#include <string.h>

static int issue(const x509_issue_params *params, see_rng *rng, uint8_t *der, size_t *len)
{
    return x509_issue(params, rng, der, X509_MAX_CERT_SIZE, len) == SEE_OK ? 0 : -1;
}

int demo_pki_make(demo_pki *pki, see_rng *rng, const char *host)
{
    rsa_private_init(&pki->ca_key);
    rsa_private_init(&pki->server_key);
    if (rsa_generate(rng, 2048, 0, &pki->ca_key) != SEE_OK ||
        rsa_generate(rng, 2048, 0, &pki->server_key) != SEE_OK)
        return -1;

    rsa_public_key ca_pub, server_pub;
    rsa_public_init(&ca_pub);
    rsa_public_init(&server_pub);
    rsa_public_from_private(&ca_pub, &pki->ca_key);
    rsa_public_from_private(&server_pub, &pki->server_key);
    const int64_t until = DEMO_PKI_NOT_BEFORE + 10LL * 365 * 86400;

    x509_issue_params ca = {.common_name = "Demo CA (Charlie)", .subject_key = &ca_pub,
                            .issuer_key = &pki->ca_key, .not_before = DEMO_PKI_NOT_BEFORE,
                            .not_after = until, .is_ca = 1, .path_len = -1,
                            .key_usage = X509_KU_KEY_CERT_SIGN};
    int rc = issue(&ca, rng, pki->ca_der, &pki->ca_len);

    x509_cert ca_cert;
    x509_cert_init(&ca_cert);
    if (rc == 0 && x509_parse(&ca_cert, pki->ca_der, pki->ca_len, NULL) != SEE_OK)
        rc = -1;
    const char *const dns[] = {host};
    x509_issue_params server = {.common_name = host, .subject_key = &server_pub,
                                .issuer = &ca_cert, .issuer_key = &pki->ca_key,
                                .not_before = DEMO_PKI_NOT_BEFORE, .not_after = until,
                                .path_len = -1, .dns = dns, .dns_count = 1};
    if (rc == 0)
        rc = issue(&server, rng, pki->server_der, &pki->server_len);
    x509_cert_clear(&ca_cert);
    rsa_public_clear(&ca_pub);
    rsa_public_clear(&server_pub);
    return rc;
}

void demo_pki_free(demo_pki *pki)
{
    rsa_private_clear(&pki->ca_key);
    rsa_private_clear(&pki->server_key);
}
