/*
 * server_key_exchange.c: ServerKeyExchange for DHE_RSA, RFC 5246 7.4.3.
 *
 *   struct {
 *       opaque dh_p<1..2^16-1>;     the prime p
 *       opaque dh_g<1..2^16-1>;     the generator g
 *       opaque dh_Ys<1..2^16-1>;    the server's g^a mod p (the slides' A)
 *   } ServerDHParams;
 *
 *   struct {
 *       ServerDHParams params;
 *       digitally-signed struct {   over RB + RS + params
 *           opaque client_random[32];
 *           opaque server_random[32];
 *           ServerDHParams params;
 *       } signed_params;
 *   } ServerKeyExchange;
 *
 * A digitally-signed element (4.7) is SignatureAndHashAlgorithm (hash,
 * signature) then opaque signature<0..2^16-1>.
 */
#include "handshake/messages.h"

#include <string.h>

see_status signed_part_encode(writer *w, const signed_part *m)
{
    TRY(writer_u8(w, m->hash));
    TRY(writer_u8(w, m->signature));
    return writer_vector(w, 2, m->sig, m->sig_len);
}

see_status signed_part_decode(reader *r, signed_part *m)
{
    reader vec;
    TRY_DECODE(reader_u8(r, &m->hash));
    TRY_DECODE(reader_u8(r, &m->signature));
    TRY_DECODE(reader_vector(r, 2, &vec));
    m->sig_len = reader_remaining(&vec);
    TRY_DECODE(reader_bytes(&vec, m->sig_len, &m->sig));
    return SEE_OK;
}

static see_status encode_number(writer *w, const uint8_t *v, size_t len)
{
    ENSURE(len >= 1, SEE_ERR_ARGUMENT);
    return writer_vector(w, 2, v, len);
}

static see_status decode_number(reader *r, const uint8_t **v, size_t *len)
{
    reader vec;
    TRY_DECODE(reader_vector(r, 2, &vec));
    *len = reader_remaining(&vec);
    ENSURE(*len >= 1, SEE_ERR_TLS_DECODE);
    TRY_DECODE(reader_bytes(&vec, *len, v));
    return SEE_OK;
}

see_status server_key_exchange_encode(writer *w, const server_key_exchange *m)
{
    size_t msg;
    TRY(hs_begin(w, HS_SERVER_KEY_EXCHANGE, &msg));
    TRY(encode_number(w, m->p, m->p_len));
    TRY(encode_number(w, m->g, m->g_len));
    TRY(encode_number(w, m->ys, m->ys_len));
    TRY(signed_part_encode(w, &m->signed_params));
    return hs_end(w, msg);
}

see_status server_key_exchange_decode(reader *body, server_key_exchange *m)
{
    memset(m, 0, sizeof *m);
    reader params = *body; /* where ServerDHParams begins */
    TRY(decode_number(body, &m->p, &m->p_len));
    TRY(decode_number(body, &m->g, &m->g_len));
    TRY(decode_number(body, &m->ys, &m->ys_len));
    /* The params as they were sent: the signature covers these bytes. */
    m->params_len = reader_remaining(&params) - reader_remaining(body);
    TRY_DECODE(reader_bytes(&params, m->params_len, &m->params));
    TRY(signed_part_decode(body, &m->signed_params));
    TRY_DECODE(reader_expect_end(body));
    return SEE_OK;
}
