/*
 * server_key_exchange.c: ServerKeyExchange for DHE_RSA, RFC 5246 7.4.3,
 * and for ECDHE_RSA, RFC 8422 5.4 (at the end of the file).
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

/* ------------------------------------------------------- ECDHE_RSA --- */

/*
 * RFC 8422 5.4:
 *
 *   struct {
 *       ECCurveType curve_type;     named_curve (3)
 *       NamedCurve namedcurve;      x25519 (29)
 *   } ECParameters;
 *
 *   struct {
 *       ECParameters curve_params;
 *       ECPoint public;             opaque point<1..2^8-1>: for x25519
 *   } ServerECDHParams;             the 32-byte u of a*G (5.11)
 *
 *   ServerECDHParams params, then Signature signed_params as for DHE_RSA
 *   (a digitally-signed struct over RB + RS + params, RFC 5246 7.4.3).
 */
see_status server_ecdh_params_encode(writer *w, const server_ecdh_key_exchange *m)
{
    ENSURE(m->point_len >= 1, SEE_ERR_ARGUMENT);
    TRY(writer_u8(w, m->curve_type));
    TRY(writer_u16(w, m->named_curve));
    return writer_vector(w, 1, m->point, m->point_len);
}

see_status server_ecdh_key_exchange_encode(writer *w,
                                           const server_ecdh_key_exchange *m)
{
    size_t msg;
    TRY(hs_begin(w, HS_SERVER_KEY_EXCHANGE, &msg));
    TRY(server_ecdh_params_encode(w, m));
    TRY(signed_part_encode(w, &m->signed_params));
    return hs_end(w, msg);
}

see_status server_ecdh_key_exchange_decode(reader *body,
                                           server_ecdh_key_exchange *m)
{
    memset(m, 0, sizeof *m);
    reader params = *body; /* where ServerECDHParams begins */
    TRY_DECODE(reader_u8(body, &m->curve_type));
    /* explicit_prime (1) and explicit_char2 (2) are laid out otherwise:
     * the rest cannot be read, and 5.4 forbids them anyway. */
    ENSURE(m->curve_type == TLS_EC_NAMED_CURVE, SEE_ERR_TLS_ILLEGAL_PARAMETER);
    TRY_DECODE(reader_u16(body, &m->named_curve));
    reader point;
    TRY_DECODE(reader_vector(body, 1, &point));
    m->point_len = reader_remaining(&point);
    ENSURE(m->point_len >= 1, SEE_ERR_TLS_DECODE);
    TRY_DECODE(reader_bytes(&point, m->point_len, &m->point));
    /* The params as they were sent: the signature covers these bytes. */
    m->params_len = reader_remaining(&params) - reader_remaining(body);
    TRY_DECODE(reader_bytes(&params, m->params_len, &m->params));
    TRY(signed_part_decode(body, &m->signed_params));
    TRY_DECODE(reader_expect_end(body));
    return SEE_OK;
}
