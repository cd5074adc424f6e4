/* tls_x509.c: the peer's certificate chain checked with X.509 (see
 * tls_x509.h; RFC 5246 7.4.2 and 7.4.6, RFC 5280 6, RFC 6125). */
#include "handshake/tls_x509.h"

#include <stdio.h>

int64_t tls_clock_fixed(const void *ctx)
{
    return *(const int64_t *)ctx;
}

see_status tls_x509_verify(void *ctx, const certificate_msg *chain,
                           rsa_public_key *key, tls_peer_cert *out)
{
    const tls_x509_check *check = ctx;
    ENSURE(check->clock != NULL, SEE_ERR_ARGUMENT);
    x509_bytes certs[TLS_MAX_CHAIN];
    for (size_t i = 0; i < chain->count; i++) {
        certs[i].data = chain->cert[i];
        certs[i].len = chain->cert_len[i];
    }
    /* this verification's own result: the check is shared */
    x509_verify_result r;
    if (check->host != NULL)
        snprintf(out->host, sizeof out->host, "%s", check->host);
    see_status st = x509_verify_ca_file(
        certs, chain->count, check->ca_file, check->ca_file_len, check->host,
        check->for_client ? X509_FOR_CLIENT : X509_FOR_SERVER,
        check->clock(check->clock_ctx), key, &r);
    if (st != SEE_OK) {
        x509_verify_result_detail(&r, out->refusal, sizeof out->refusal);
        return st;
    }
    snprintf(out->subject, sizeof out->subject, "%s", r.subject);
    out->has_key_usage = r.has_key_usage;
    out->key_usage = r.key_usage;
    /* who signed the leaf: the next certificate up its path */
    snprintf(out->issuer, sizeof out->issuer, "%s",
             r.path_length >= 2 ? r.path[1] : r.issuer);
    out->not_after = r.leaf_not_after; /* the "valid until" the trace shows */
    return SEE_OK;
}
