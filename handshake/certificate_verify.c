/*
 * certificate_verify.c: CertificateVerify, RFC 5246 7.4.8: the client
 * proves it holds the private key of its certificate by signing the
 * handshake so far:
 *
 *   struct { digitally-signed struct { opaque handshake_messages[]; } }
 *   CertificateVerify;
 */
#include "handshake/messages.h"

see_status certificate_verify_encode(writer *w, const signed_part *m)
{
    size_t msg;
    TRY(hs_begin(w, HS_CERTIFICATE_VERIFY, &msg));
    TRY(signed_part_encode(w, m));
    return hs_end(w, msg);
}

see_status certificate_verify_decode(reader *body, signed_part *m)
{
    TRY(signed_part_decode(body, m));
    TRY_DECODE(reader_expect_end(body));
    return SEE_OK;
}
