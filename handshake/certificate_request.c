/*
 * certificate_request.c: CertificateRequest, RFC 5246 7.4.4.
 *
 *   struct {
 *       ClientCertificateType certificate_types<1..2^8-1>;
 *       SignatureAndHashAlgorithm supported_signature_algorithms<2..2^16-2>;
 *       DistinguishedName certificate_authorities<0..2^16-1>;
 *   } CertificateRequest;
 *   opaque DistinguishedName<1..2^16-1>;
 */
#include "handshake/messages.h"

#include <string.h>

see_status certificate_request_encode(writer *w, const certificate_request *m)
{
    ENSURE(m->certificate_types_len >= 1, SEE_ERR_ARGUMENT);
    ENSURE(m->sig_algs_len >= 2 && m->sig_algs_len % 2 == 0, SEE_ERR_ARGUMENT);
    size_t msg;
    TRY(hs_begin(w, HS_CERTIFICATE_REQUEST, &msg));
    TRY(writer_vector(w, 1, m->certificate_types, m->certificate_types_len));
    TRY(writer_vector(w, 2, m->sig_algs, m->sig_algs_len));
    TRY(writer_vector(w, 2, m->authorities, m->authorities_len));
    return hs_end(w, msg);
}

see_status certificate_request_decode(reader *body, certificate_request *m)
{
    memset(m, 0, sizeof *m);
    reader vec;
    TRY_DECODE(reader_vector(body, 1, &vec));
    m->certificate_types_len = reader_remaining(&vec);
    ENSURE(m->certificate_types_len >= 1, SEE_ERR_TLS_DECODE);
    TRY_DECODE(reader_bytes(&vec, m->certificate_types_len,
                            &m->certificate_types));

    TRY_DECODE(reader_vector(body, 2, &vec));
    m->sig_algs_len = reader_remaining(&vec);
    ENSURE(m->sig_algs_len >= 2 && m->sig_algs_len % 2 == 0,
           SEE_ERR_TLS_DECODE);
    TRY_DECODE(reader_bytes(&vec, m->sig_algs_len, &m->sig_algs));

    TRY_DECODE(reader_vector(body, 2, &vec));
    m->authorities_len = reader_remaining(&vec);
    TRY_DECODE(reader_bytes(&vec, m->authorities_len, &m->authorities));
    /* Each DistinguishedName is a non-empty 2-byte vector. */
    reader names;
    reader_init(&names, m->authorities, m->authorities_len);
    while (!reader_at_end(&names)) {
        reader name;
        TRY_DECODE(reader_vector(&names, 2, &name));
        ENSURE(!reader_at_end(&name), SEE_ERR_TLS_DECODE);
    }
    TRY_DECODE(reader_expect_end(body));
    return SEE_OK;
}
