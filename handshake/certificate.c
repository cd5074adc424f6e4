/*
 * certificate.c: Certificate, RFC 5246 7.4.2 (and 7.4.6 for the client's).
 *
 *   opaque ASN.1Cert<1..2^24-1>;
 *   struct { ASN.1Cert certificate_list<0..2^24-1>; } Certificate;
 *
 * The sender's certificate first, each next one certifying the one before.
 * The DER inside is X.509's business; here it is opaque.
 */
#include "handshake/messages.h"

#include <string.h>

see_status certificate_encode(writer *w, const certificate_msg *m)
{
    ENSURE(m->count <= TLS_MAX_CHAIN, SEE_ERR_ARGUMENT);
    size_t msg, list;
    TRY(hs_begin(w, HS_CERTIFICATE, &msg));
    TRY(writer_open_length(w, 3, &list));
    for (size_t i = 0; i < m->count; i++) {
        ENSURE(m->cert_len[i] >= 1, SEE_ERR_ARGUMENT);
        TRY(writer_vector(w, 3, m->cert[i], m->cert_len[i]));
    }
    TRY(writer_close_length(w, 3, list));
    return hs_end(w, msg);
}

see_status certificate_decode(reader *body, certificate_msg *m)
{
    memset(m, 0, sizeof *m);
    reader list;
    TRY_DECODE(reader_vector(body, 3, &list));
    TRY_DECODE(reader_expect_end(body));
    while (!reader_at_end(&list)) {
        reader one;
        TRY_DECODE(reader_vector(&list, 3, &one));
        size_t n = reader_remaining(&one);
        ENSURE(n >= 1, SEE_ERR_TLS_DECODE);
        ENSURE(m->count < TLS_MAX_CHAIN, SEE_ERR_TLS_BAD_CERTIFICATE);
        TRY_DECODE(reader_bytes(&one, n, &m->cert[m->count]));
        m->cert_len[m->count++] = n;
    }
    return SEE_OK;
}
