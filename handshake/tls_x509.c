/* tls_x509.c: the server's certificate chain checked with X.509 (see
 * tls_x509.h; RFC 5246 7.4.2, RFC 5280 6, RFC 6125). */
#include "handshake/tls_x509.h"

#include <stdio.h>

see_status tls_x509_verify(void *ctx, const certificate_msg *chain,
                           rsa_public_key *key, char *subject,
                           size_t subject_cap)
{
    tls_x509_check *check = ctx;
    x509_bytes certs[TLS_MAX_CHAIN];
    for (size_t i = 0; i < chain->count; i++) {
        certs[i].data = chain->cert[i];
        certs[i].len = chain->cert_len[i];
    }
    TRY(x509_verify_ca_file(certs, chain->count, check->ca_file,
                            check->ca_file_len, check->host,
                            check->for_client ? X509_FOR_CLIENT : X509_FOR_SERVER,
                            check->now, key,
                            &check->result));
    snprintf(subject, subject_cap, "%s", check->result.subject);
    return SEE_OK;
}
