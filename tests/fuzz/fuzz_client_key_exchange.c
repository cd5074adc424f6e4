/*
 * fuzz_client_key_exchange.c: the ClientKeyExchange decoder
 * (handshake/client_key_exchange.c) on arbitrary bytes (the message body),
 * through fuzz_message: no crash, no read outside the input, the exchange
 * value it points at lies inside the input, and what it accepts encodes
 * back to the very same bytes. The low bit of the last input byte picks
 * the form the decoder expects: DHE's Yc or RSA's encrypted premaster
 * secret (RFC 5246 7.4.7).
 */
#include "tests/fuzz/message.h"

static see_status decode(reader *body, void *m)
{
    int dhe = body->len > 0 && (body->data[body->len - 1] & 1);
    return client_key_exchange_decode(body, dhe, m);
}

static see_status encode(writer *w, const void *m)
{
    return client_key_exchange_encode(w, m);
}

static void check(const void *msg)
{
    const client_key_exchange *m = msg;
    input_inside(m->exchange, m->exchange_len);
}

static const message_codec codec = { decode, encode, check, 1 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    client_key_exchange m;
    fuzz_message(data, size, &m, &codec);
    return 0;
}
