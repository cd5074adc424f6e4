/*
 * fuzz_server_ecdh_key_exchange.c: the ECDHE ServerKeyExchange decoder
 * (RFC 8422 5.4, handshake/server_key_exchange.c) on arbitrary bytes (the
 * message body), through fuzz_message: no crash, no read outside the
 * input, every field it points at inside the input, the signed params
 * exactly the bytes before the signature, a named_curve only, a point of
 * 1 to 255 bytes, and what it accepts encodes back to the very same bytes.
 */
#include <stdlib.h>

#include "tests/fuzz/message.h"

static see_status decode(reader *body, void *m)
{
    return server_ecdh_key_exchange_decode(body, m);
}

static see_status encode(writer *w, const void *m)
{
    return server_ecdh_key_exchange_encode(w, m);
}

static void check(const void *msg)
{
    const server_ecdh_key_exchange *m = msg;
    input_inside(m->point, m->point_len);
    input_inside(m->params, m->params_len);
    input_inside(m->signed_params.sig, m->signed_params.sig_len);
    if (m->curve_type != TLS_EC_NAMED_CURVE || m->point_len < 1 ||
        m->point_len > 255 || m->params_len != 4 + m->point_len ||
        m->point != m->params + 4)
        abort();
}

static const message_codec codec = { decode, encode, check, 1 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    server_ecdh_key_exchange m;
    fuzz_message(data, size, &m, &codec);
    return 0;
}
