/*
 * fuzz_server_key_exchange.c: the ServerKeyExchange decoder
 * (handshake/server_key_exchange.c) on arbitrary bytes (the message body),
 * through fuzz_message: no crash, no read outside the input, every field
 * it points at lies inside the input, and what it accepts encodes back to
 * the very same bytes.
 */
#include "tests/fuzz/message.h"

static see_status decode(reader *body, void *m)
{
    return server_key_exchange_decode(body, m);
}

static see_status encode(writer *w, const void *m)
{
    return server_key_exchange_encode(w, m);
}

static void check(const void *msg)
{
    const server_key_exchange *m = msg;
    input_inside(m->p, m->p_len);
    input_inside(m->g, m->g_len);
    input_inside(m->ys, m->ys_len);
    input_inside(m->params, m->params_len);
    input_inside(m->signed_params.sig, m->signed_params.sig_len);
}

static const message_codec codec = { decode, encode, check, 1 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    server_key_exchange m;
    fuzz_message(data, size, &m, &codec);
    return 0;
}
