/*
 * x509_bundle.c: the certificates of one file (a CA file, a chain), each
 * as a DER buffer of its own: every PEM block labelled CERTIFICATE
 * (RFC 7468 5.1), in order, with the text around and between the blocks
 * passed over (RFC 7468 2), or the one certificate of a DER file. Nothing
 * is parsed here beyond PEM: x509.c parses each certificate.
 */
#include "pki/x509.h"

#include <stdlib.h>
#include <string.h>

#include "codec/pem.h"

static see_status bundle_add(x509_bundle *b, const uint8_t *der, size_t len)
{
    ENSURE(b->count < X509_MAX_BUNDLE, SEE_ERR_X509_LIMIT);
    x509_bytes *grown = realloc(b->certs, (b->count + 1) * sizeof *grown);
    ENSURE(grown != NULL, SEE_ERR_NO_MEMORY);
    b->certs = grown;
    uint8_t *copy = malloc(len > 0 ? len : 1);
    ENSURE(copy != NULL, SEE_ERR_NO_MEMORY);
    memcpy(copy, der, len);
    b->certs[b->count++] = (x509_bytes){copy, len};
    return SEE_OK;
}

static see_status bundle_read_pem(x509_bundle *b, const uint8_t *file,
                                  size_t len)
{
    pem_iter it;
    pem_block block;
    see_status st;
    pem_iter_init(&it, file, len);
    while ((st = pem_next(&it, &block)) == SEE_OK) {
        if (!pem_label_is(&block, "CERTIFICATE"))
            continue;
        uint8_t *der;
        size_t der_len;
        TRY(pem_decode_body_alloc(&block, &der, &der_len));
        st = bundle_add(b, der, der_len);
        free(der);
        TRY(st);
    }
    if (st != SEE_ERR_PEM_NO_BEGIN)
        return st;
    return b->count > 0 ? SEE_OK : SEE_ERR_PEM_NO_BEGIN;
}

see_status x509_bundle_read(x509_bundle *bundle, const uint8_t *file,
                            size_t len)
{
    ENSURE(bundle != NULL && (file != NULL || len == 0), SEE_ERR_ARGUMENT);
    bundle->certs = NULL;
    bundle->count = 0;
    see_status st;
    if (pem_file_is_der(file, len)) /* the one rule, for every file */
        st = bundle_add(bundle, file, len);
    else
        st = bundle_read_pem(bundle, file, len);
    if (st != SEE_OK)
        x509_bundle_free(bundle);
    return st;
}

void x509_bundle_free(x509_bundle *bundle)
{
    for (size_t i = 0; i < bundle->count; i++)
        free((void *)bundle->certs[i].data);
    free(bundle->certs);
    bundle->certs = NULL;
    bundle->count = 0;
}
