/*
 * client_key_exchange.c: ClientKeyExchange, RFC 5246 7.4.7.
 *
 * RSA (7.4.7.1): the premaster secret PS (03 03 + 46 random bytes)
 * encrypted under the server's public key:
 *     struct { public-key-encrypted PreMasterSecret pre_master_secret; }
 *     EncryptedPreMasterSecret;
 * which in TLS 1.x is an opaque vector with a 2-byte length.
 *
 * DHE (7.4.7.2): the client's public value g^b mod p (the slides' B):
 *     opaque dh_Yc<1..2^16-1>;
 *
 * ECDHE (RFC 8422 5.7): the client's public value b*G (the slides' B on
 * the curve), always explicit for ECDHE:
 *     struct { ECPoint ecdh_Yc; } ClientECDiffieHellmanPublic;
 *     ECPoint: opaque point<1..2^8-1>
 */
#include "handshake/messages.h"

see_status client_key_exchange_encode(writer *w, const client_key_exchange *m)
{
    size_t msg;
    TRY(hs_begin(w, HS_CLIENT_KEY_EXCHANGE, &msg));
    if (m->kind == CKE_ECDHE) {
        ENSURE(m->exchange_len >= 1, SEE_ERR_ARGUMENT);
        TRY(writer_vector(w, 1, m->exchange, m->exchange_len));
    } else {
        TRY(writer_vector(w, 2, m->exchange, m->exchange_len));
    }
    return hs_end(w, msg);
}

see_status client_key_exchange_decode(reader *body, cke_kind kind,
                                      client_key_exchange *m)
{
    reader vec;
    m->kind = kind;
    TRY_DECODE(reader_vector(body, kind == CKE_ECDHE ? 1 : 2, &vec));
    TRY_DECODE(reader_expect_end(body));
    m->exchange_len = reader_remaining(&vec);
    ENSURE(kind == CKE_RSA || m->exchange_len >= 1, SEE_ERR_TLS_DECODE);
    TRY_DECODE(reader_bytes(&vec, m->exchange_len, &m->exchange));
    return SEE_OK;
}
